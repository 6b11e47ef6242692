//! Expectations and the work they take: an action's owner is reached (or whoever
//! stands in), starts as urgently as the deadline says, works while the consulted are
//! heard, has it approved; a statement may be wrong, a press conference waits for
//! working hours.

use super::super::draw::{Purpose, combine};
use super::super::model::*;
use super::super::params::BenchmarkKind;
use super::people::{EngageDraws, WhenAbsent};
use super::world::lognormal;
use super::{
    Cause, Delay, Event, Expectation, ExpectationId, MarkKind, NEVER, Quality, Runner, Target, What,
};

/// What the consulted gave an action: the time they took, and whether legal counsel
/// reviewed it and a unit gave its facts.
#[derive(Clone, Copy, Debug)]
struct Consulted {
    minutes: f64,
    legal: bool,
    facts: bool,
}

impl Runner<'_> {
    pub(super) fn push_expectation(&mut self, e: Expectation) -> ExpectationId {
        let i = self.log.expectations.len() as ExpectationId;
        let mut e = e;
        e.root = i;
        self.log.expectations.push(e);
        i
    }

    /// When an action can start, after what it comes after, and the expectation it
    /// waited for last.
    fn dependency_start(&self, action: &Action, trig: f64) -> (f64, Option<ExpectationId>) {
        let mut start = trig;
        let mut waited_for = None;
        for &d in &action.after {
            // An action found not required settles what waits for it at that moment
            // (A0021): `after` orders work, it does not make the later work depend on
            // the earlier being done — waiting forever would turn a 必要时 press
            // conference into a missed follow-up, and skipping the follow-up would
            // drop work the plan requires.
            let (done, last) = match self.response.last[d as usize] {
                Some(i) => (self.log.expectations[i as usize].done, Some(i)),
                None => (self.response.settled[d as usize], None),
            };
            if done > start {
                start = done;
                waited_for = last;
            }
        }
        (start, waited_for)
    }

    /// When an action's time allowed starts: when the action it counts `from` was
    /// done, or (if that never happened) when its trigger should have fired.
    fn counts_from(&self, action: &Action, due_from: f64) -> f64 {
        let done = action
            .from
            .and_then(|j| self.response.last[j as usize])
            .map(|i| self.log.expectations[i as usize].done);
        match done {
            Some(d) if d.is_finite() => d.max(due_from),
            _ => due_from,
        }
    }

    /// Spawns one instance of an action triggered at `trig`, due from `due_from` (when
    /// the trigger should have fired under the plan; never later than it fired).
    pub(super) fn spawn_action(
        &mut self,
        a: ActionId,
        trig: f64,
        due_from: f64,
        post: bool,
    ) -> ExpectationId {
        let m = self.model;
        let action = &m.actions[a as usize];
        let k = self.response.instances[a as usize];
        self.response.instances[a as usize] = k.saturating_add(1);
        self.log.coverage.actions[a as usize] = true;
        let (start, waited_for) = self.dependency_start(action, trig);
        let due_from = self.counts_from(action, due_from.min(trig));
        let allowed = match (action.working_days, action.before) {
            (n, _) if n > 0 => self.working_days(due_from, n),
            (_, Some((x, back))) => {
                let n = m.actions[x as usize].working_days;
                (self.working_days(due_from, n) - back).max(1.0)
            }
            _ => action.within,
        };
        let mut e = Expectation::new(What::Action(a), action.capability, trig, due_from, allowed);
        e.instance = k;
        e.critical = action.critical && k == 0;
        e.post_incident = post;
        e.target = Target::Action(a);
        e.start = start;
        e.upstream = waited_for;
        if action.assessment
            && let Some(bound) = self.model.allowed(BenchmarkKind::Decision)
            && bound < action.within
        {
            e.deadline = e.due_from + bound;
            e.bound = Some(BenchmarkKind::Decision);
        }
        let Some(owner) = action.owner else {
            e.cause = Cause::NoOwner;
            return self.push_expectation(e);
        };
        if !start.is_finite() {
            e.cause = Cause::Dependency;
            e.target = Target::After(a);
            return self.push_expectation(e);
        }
        let worst = self.perform(a, owner, &mut e);
        e.set_delay(worst);
        if waited_for.is_none() && e.cause == Cause::Dependency {
            e.cause = Cause::Work;
            e.target = Target::Within(a);
        }
        self.judge_quality(a, &mut e);
        let i = self.push_expectation(e);
        self.response.last[a as usize] = Some(i);
        if action.facets.fact_finding {
            let done = self.log.expectations[i as usize].done;
            self.response.facts_at = self.response.facts_at.min(done);
        }
        i
    }

    /// Does the work of an action from `e.start`: the owner (or whoever stands in) is
    /// reached after the lag a loose deadline allows, works while the consulted are
    /// heard, then each approver signs off. Sets who did it and when; returns the delay
    /// that cost the most.
    fn perform(&mut self, a: ActionId, owner: PartyId, e: &mut Expectation) -> Delay {
        let m = self.model;
        let action = &m.actions[a as usize];
        let which = e.instance as u64;
        let urgency = Delay::new(action.lag, Cause::Urgency, Target::Within(a));
        let begin = e.start.max(e.triggered + action.lag);
        let en = self.engage(
            owner,
            begin,
            EngageDraws::keyed(self, action.key, which),
            WhenAbsent::GiveUp,
        );
        e.by = Some(en.by);
        e.via_backup = en.via_backup();
        if !en.at.is_finite() {
            e.done = NEVER;
            return en.absence_delay();
        }
        let work = lognormal(
            action.work,
            m.params.work_sigma,
            self.draws.unit(action.key, which, Purpose::Work),
        );
        let consulted = self.consult(a, en.at, which, work);
        e.legal_reviewed = consulted.legal;
        e.facts_given = consulted.facts || self.facts_established(en.at);
        let at = self.book(en.by, en.at, work.max(consulted.minutes));
        let busy = Delay::new(at - en.at, Cause::Work, Target::Party(en.by));
        let mut t = at + work.max(consulted.minutes);
        let work_or_consult = if consulted.minutes > work {
            Delay::new(consulted.minutes, Cause::Consult, Target::Consult(a))
        } else {
            Delay::new(work, Cause::Work, Target::Within(a))
        };
        let approval = self.approvals(a, &mut t, which);
        let press = self.press_hours(a, &mut t);
        e.done = t;
        let dependency = Delay::new(e.start - e.triggered, Cause::Dependency, Target::After(a));
        let reach = Delay::new(en.reach, en.reach_cause, Target::Party(en.person));
        // The first of the longest, in this order.
        let mut worst = dependency;
        let mut consider = |d: Delay| {
            if d.minutes > worst.minutes && d.cause != Cause::None {
                worst = d;
            }
        };
        consider(urgency);
        consider(en.absence_delay());
        consider(reach);
        consider(busy);
        consider(work_or_consult);
        consider(approval);
        consider(press);
        worst
    }

    /// The consulted are heard alongside the work; an unreachable one is waited for
    /// (or whoever stands in), never ignored.
    fn consult(&mut self, a: ActionId, t: f64, which: u64, work: f64) -> Consulted {
        let m = self.model;
        let action = &m.actions[a as usize];
        let mut out = Consulted {
            minutes: 0.0,
            legal: false,
            facts: false,
        };
        for &c in &action.consult {
            let key = combine(action.key, m.parties[c as usize].key);
            let draws = EngageDraws::keyed(self, key, which);
            let en = self.engage(c, t, draws, WhenAbsent::Wait);
            // Those consulted on a press conference present it, and a person (a role)
            // consulted on a statement or a briefing, or on the drafting a statement
            // comes after, is its speaker, who drafts and delivers it: either is there
            // for all of the work.
            let party = &m.parties[c as usize];
            let speaker = (action.speaks() || action.drafts) && party.kind == PartyKind::Role;
            let took = if action.public == Public::PressConference || speaker {
                work
            } else {
                let (median, sigma) = m.params.approval_work;
                lognormal(median, sigma, self.draws.unit(key, which, Purpose::Consult))
            };
            // A person consulted gives the time when free of other work.
            let at = if en.at.is_finite() {
                self.book(en.by, en.at, took)
            } else {
                en.at
            };
            out.minutes = out.minutes.max(at - t + took);
            out.legal |= party.legal;
            out.facts |= party.kind == PartyKind::Unit && !party.legal && Some(c) != action.owner;
        }
        out.legal |= action
            .approvers
            .iter()
            .any(|&p| m.parties[p as usize].legal);
        out
    }

    /// Whether a fact-finding action was done by `t`.
    fn facts_established(&self, t: f64) -> bool {
        self.response.facts_at <= t
    }

    /// The approvers of an action sign off one after another from `*t`, which moves on;
    /// returns the time approval took.
    fn approvals(&mut self, a: ActionId, t: &mut f64, which: u64) -> Delay {
        let m = self.model;
        let action = &m.actions[a as usize];
        let mut approval = Delay::new(0.0, Cause::Approval, Target::Approve(a));
        for &ap in &action.approvers {
            let key = combine(action.key, m.parties[ap as usize].key);
            let draws = EngageDraws::keyed(self, key, which);
            let en = self.engage(ap, *t, draws, WhenAbsent::GiveUp);
            let (median, sigma) = m.params.approval_work;
            let sign = lognormal(
                median,
                sigma,
                self.draws.unit(key, which, Purpose::ApproveWork),
            );
            let at = if en.at.is_finite() {
                self.book(en.by, en.at, sign)
            } else {
                en.at
            };
            let took = at - *t + sign;
            if !en.at.is_finite() {
                approval.cause = Cause::ApproverNoBackup;
                approval.target = Target::Backup(en.person);
            }
            *t += took;
            approval.minutes += took;
        }
        approval
    }

    /// A press conference is held in working hours: one that would end outside them
    /// is held the next morning.
    fn press_hours(&self, a: ActionId, t: &mut f64) -> Delay {
        let m = self.model;
        if m.actions[a as usize].public != Public::PressConference || !t.is_finite() {
            return Delay::NONE;
        }
        let (from, to) = m.params.press_hours;
        let (_, minute, _) = self.calendar(*t);
        if minute >= from && minute < to {
            return Delay::NONE;
        }
        let wait = if minute >= to {
            (1440 - minute as u32 + from as u32 + 60) as f64
        } else {
            (from as u32 + 60 - minute as u32) as f64
        };
        *t += wait;
        Delay::new(wait, Cause::PressHours, Target::Action(a))
    }

    /// A statement may be wrong: more likely without legal review or the business
    /// unit's facts, less with an approval. Calling a genuine event a rumour is always
    /// wrong. Either is corrected later, and the story flares up again.
    fn judge_quality(&mut self, a: ActionId, e: &mut Expectation) {
        let m = self.model;
        let action = &m.actions[a as usize];
        let p = &m.params;
        if !e.done.is_finite() || !(action.speaks() || action.facets.legal_action) {
            return;
        }
        let debunks = action.facets.debunk || action.facets.legal_action;
        if debunks && self.content_genuine(action) {
            e.quality = Quality::DebunkedGenuine;
            e.critical = true;
            e.set_delay(Delay::new(0.0, Cause::DebunkedGenuine, Target::Action(a)));
            let (growth, capacity) = p.debunk_genuine_wave;
            let why = MarkKind::Backlash(a);
            self.push(
                e.done + p.correction_delay,
                Event::Wave {
                    growth,
                    capacity,
                    why,
                },
            );
            return;
        }
        // The facts of a first statement are the uncertain ones; later rounds repeat
        // what was checked.
        if !action.speaks() || e.instance > 0 {
            return;
        }
        // A trainee who let it out without the required sign-off: no review at all.
        let unreviewed = self.steer.unreviewed == Some(a);
        let mut chance = p.misstatement_base;
        if !e.legal_reviewed || unreviewed {
            chance += p.misstatement_no_legal;
        }
        if !e.facts_given {
            chance += p.misstatement_no_facts;
        }
        // Self-review is no review: only an approver who did not shape the statement
        // (own it, be consulted on it or on the drafting it comes after) looks at it
        // with fresh eyes.
        if !unreviewed && action.approvers.iter().any(|&ap| !self.shaped_by(a, ap)) {
            chance *= 1.0 - p.approval_catches;
        }
        if self
            .draws
            .unit(action.key, e.instance as u64, Purpose::Misstatement)
            < chance
        {
            e.quality = Quality::Misstated;
            let cause = if !e.legal_reviewed {
                Target::Consult(a)
            } else {
                Target::Action(a)
            };
            e.set_delay(Delay::new(p.correction_delay, Cause::Misstatement, cause));
            let (growth, capacity) = p.correction_wave;
            let why = MarkKind::Correction(a);
            self.push(
                e.done + p.correction_delay,
                Event::Wave {
                    growth,
                    capacity,
                    why,
                },
            );
        }
    }

    /// Whether the person behind `p` shaped what action `a` says: owns it, is consulted
    /// on it, or owns or is consulted on an action it comes after (its drafting).
    fn shaped_by(&self, a: ActionId, p: PartyId) -> bool {
        let m = self.model;
        let who = self.person(p);
        let involved = |x: &Action| {
            x.owner.is_some_and(|o| self.person(o) == who)
                || x.consult.iter().any(|&c| self.person(c) == who)
        };
        let action = &m.actions[a as usize];
        involved(action)
            || action
                .after
                .iter()
                .any(|&d| involved(&m.actions[d as usize]))
    }

    /// Whether what an action answers is true: an event raised by a rumour is false;
    /// anything else is the story itself, true as drawn.
    fn content_genuine(&self, action: &Action) -> bool {
        match action.trigger {
            Trigger::Event(ev) => {
                self.response.false_events & (1u64 << (ev as u64 % 64)) == 0 && self.world.genuine
            }
            _ => self.world.genuine,
        }
    }

    /// Spawns the actions of a trigger, in dependency order.
    pub(super) fn spawn_trigger(
        &mut self,
        t: f64,
        due_from: f64,
        pick: impl Fn(&Action) -> bool,
        post: bool,
    ) {
        let m = self.model;
        for &a in &m.order {
            if pick(&m.actions[a as usize]) {
                self.start_action(a, t, due_from, post);
            }
        }
    }

    pub(super) fn start_action(&mut self, a: ActionId, t: f64, due_from: f64, post: bool) {
        let params = &self.model.params;
        let action = &self.model.actions[a as usize];
        // Decided when the action would start, for all its repetitions: not done, not
        // expected, never missed.
        if let Some(why) = self.not_required(a, t) {
            if self.response.settled[a as usize] > t {
                self.response.settled[a as usize] = t;
            }
            self.mark(t, MarkKind::NotRequired(a, why));
            return;
        }
        let Some(period) = action.every else {
            let i = self.spawn_action(a, t, due_from, post);
            if !post {
                self.after_spawn(i);
            }
            return;
        };
        if post {
            // After stand-down there is no level to hold: the rounds the plan's window
            // allows (`every 1d for 7d`), else a few.
            let rounds = match action.every_for {
                Some(w) => ((w / period + 1e-9).floor() as u32 + 1).min(params.every_cap),
                None => params.every_cap.min(4),
            }
            .max(1);
            for k in 0..rounds {
                let at = t + k as f64 * period;
                self.spawn_action(a, at, due_from + k as f64 * period, true);
            }
        } else {
            let i = self.spawn_action(a, t, due_from, false);
            self.after_spawn(i);
            let next = Event::Repeat {
                action: a,
                round: 1,
                first: t,
                due_from,
            };
            self.push(t + period, next);
        }
    }

    /// Why an action is not required at `t`, if it is not: a condition that does not
    /// hold (its measurable form on the world's signals now, else the run's draw for
    /// its words, the same for every action that says them), or the command deciding
    /// against an optional action (`optional_done`). The assessment is always done.
    fn not_required(&self, a: ActionId, t: f64) -> Option<Skip> {
        let m = self.model;
        let action = &m.actions[a as usize];
        if action.assessment {
            return None;
        }
        let mut now = None;
        for (k, g) in action.guards.iter().enumerate() {
            let holds = match &g.when {
                Some(c) => c.eval(now.get_or_insert_with(|| self.snapshot(t))),
                None => self.draws.unit(g.key, 0, Purpose::Condition) < m.params.condition_holds,
            };
            if holds == g.unless {
                return Some(Skip::Condition(k.min(u8::MAX as usize) as u8));
            }
        }
        // Once per run: a second trigger (a higher level) finds the command of the same mind.
        let decided = || self.draws.unit(action.key, 0, Purpose::Discretion);
        (action.optional && decided() >= m.params.optional_done).then_some(Skip::Discretion)
    }

    /// Schedules the completion of an expectation whose completion changes the world.
    pub(super) fn after_spawn(&mut self, i: ExpectationId) {
        let e = &self.log.expectations[i as usize];
        let (what, done) = (e.what, e.done);
        let changes_world = match what {
            What::Action(a) => {
                let action = &self.model.actions[a as usize];
                action.assessment
                    || action.speaks()
                    || action.capability == Capability::Reporting
                    || action.invoke.is_some()
            }
            What::Report(_) => true,
            _ => false,
        };
        if changes_world && done.is_finite() {
            self.push(done, Event::Done(i));
        }
        if let What::Action(a) = what
            && self.model.actions[a as usize].assessment
        {
            self.response.assessment_busy_until = Some(done);
        }
    }

    /// The next round of an `every` action, while its level holds.
    pub(super) fn on_repeat(&mut self, t: f64, a: ActionId, round: u16, first: f64, due_from: f64) {
        let m = self.model;
        let action = &m.actions[a as usize];
        let active = match action.trigger {
            Trigger::Levels(bits) => self.response.declared.is_some_and(|d| bits & (1 << d) != 0),
            _ => true,
        };
        let Some(period) = action.every else {
            return;
        };
        if !active || round as u32 >= m.params.every_cap {
            return;
        }
        // A bounded repetition (`every 1d for 7d`) ends with its window.
        if action.every_for.is_some_and(|w| t > first + w + 1e-9) {
            return;
        }
        let offset = round as f64 * period;
        let i = self.spawn_action(a, t, due_from + offset, false);
        self.after_spawn(i);
        let next = Event::Repeat {
            action: a,
            round: round + 1,
            first,
            due_from,
        };
        self.push(first + (round as f64 + 1.0) * period, next);
    }

    /// An event was raised at `raised` (by an inject): the plan's answers to it start
    /// now, due from when the team should have known.
    pub(super) fn spawn_event(&mut self, t: f64, event: u16, raised: f64) {
        let due_from = self.notice_due(raised);
        self.spawn_trigger(t, due_from, |a| a.trigger == Trigger::Event(event), false);
    }

    /// A regulator asked for a written report: a reply is due within the time rules
    /// allow, whether or not the plan has an action for it.
    pub(super) fn regulator_request(&mut self, t: f64, inject: u16) {
        let m = self.model;
        let allowed = m.params.regulator_request;
        let due_from = self.notice_due(t);
        let mut e = Expectation::new(
            What::Request(inject),
            Capability::Reporting,
            t,
            due_from,
            allowed,
        );
        e.critical = false;
        let inj = &m.scenarios[self.scenario].injects[inject as usize];
        e.target = Target::Plan;
        if !inj.answered {
            e.cause = Cause::NotInPlan;
        }
        let i = self.push_expectation(e);
        self.response.requests.push(i);
    }

    /// A reporting action or a report up a line was done: open requests of regulators
    /// are answered by it.
    pub(super) fn answer_requests(&mut self, t: f64, by: ExpectationId) {
        for k in 0..self.response.requests.len() {
            let i = self.response.requests[k] as usize;
            let e = &mut self.log.expectations[i];
            if e.done == NEVER && e.triggered <= t {
                e.done = t;
                e.cause = Cause::None;
                e.upstream = Some(by);
            }
        }
    }
}
