//! Levels: detection, the true level and the declared one, declarations, the first
//! statement, reports up the lines, stand-down.

use super::super::draw::{Purpose, combine};
use super::super::model::*;
use super::super::params::BenchmarkKind;
use super::people::{EngageDraws, WhenAbsent};
use super::{
    Cause, Delay, Event, Expectation, ExpectationId, MarkKind, NEVER, Runner, Target, What,
};

/// Keys of the draws that belong to no named thing of the plan.
const NOTICE: u64 = 0x6e6f_7469_6365;
const DECLARER: u64 = 0x0064_6563_6c61_7265;
const STAND_DOWN: u64 = 0x0073_7461_6e64;

impl Runner<'_> {
    // ───────── clocks ─────────

    /// When the team should know of something that happened at `t`: at once plus the
    /// time to notice a change once it follows the incident, else when detection was
    /// due.
    pub(super) fn notice_due(&self, t: f64) -> f64 {
        let r = &self.response;
        let p = &self.model.params;
        if r.detected <= t || t >= r.should_detect || !r.should_detect.is_finite() {
            t + p.change_notice
        } else {
            r.should_detect
        }
    }

    /// The plan's own time to decide a level: the assessment's `within` and what it
    /// comes after.
    fn decide_allowance(&self) -> f64 {
        let m = self.model;
        let plan = m.assessment.map_or(m.params.declare_deadline, |a| {
            m.actions[a as usize].within + m.assessment_chain
        });
        plan.min(self.model.allowed(BenchmarkKind::Decision).unwrap_or(NEVER))
    }

    /// When a level (or a higher one) should have been declared at the latest.
    fn declare_due(&self, level: u8) -> f64 {
        match self.response.declare_expectation[level as usize] {
            Some(i) => self.log.expectations[i as usize].deadline,
            None => NEVER,
        }
    }

    // ───────── detection ─────────

    /// The detection expectation, due once reach passes the due reach.
    pub(super) fn expect_detection(&mut self) {
        let p = &self.model.params;
        let due = self.world.spread.time_of(p.detect_due_reach);
        let mut e = Expectation::new(
            What::Detect,
            Capability::Monitoring,
            0.0,
            due,
            p.detect_allowance,
        );
        e.triggered = 0.0;
        let i = self.push_expectation(e);
        self.response.detect_expectation = Some(i);
    }

    pub(super) fn on_detect(&mut self, t: f64) {
        let m = self.model;
        self.response.detected = t;
        self.log.outcome.detect = t;
        self.mark(t, MarkKind::Detect(self.response.detection_channel));
        let (cause, target) = self.detection_cause(t);
        if let Some(i) = self.response.detect_expectation {
            let e = &mut self.log.expectations[i as usize];
            e.done = t;
            e.set_delay(Delay::new(t, cause, target));
        }
        if m.assessment.is_none() {
            self.response.declaration_delay = Delay::new(0.0, Cause::NoAssessment, Target::Plan);
        }
        let due_from = t.min(self.response.should_detect);
        self.spawn_trigger(t, due_from, |a| a.trigger == Trigger::Detect, false);
        let pending = std::mem::take(&mut self.response.pending_events);
        for &(event, raised) in &pending {
            self.spawn_event(t, event, raised);
        }
        self.response.pending_events = pending;
        self.response.pending_events.clear();
        if m.assessment.is_none() && self.response.true_level.is_some() {
            self.push(t, Event::Reassess);
        }
    }

    pub(super) fn detection_cause(&self, t: f64) -> (Cause, Target) {
        let m = self.model;
        let sc = &m.scenarios[self.scenario];
        match self.response.detection_channel {
            None => {
                if let Some(c) = sc
                    .channels
                    .iter()
                    .find(|&&c| !m.channels[c as usize].watched)
                {
                    (Cause::NotWatched, Target::Channel(*c))
                } else if !sc.unwatched_kinds.is_empty() || sc.channels.is_empty() {
                    (Cause::NotWatched, Target::Plan)
                } else {
                    self.channel_cause(sc.channels[0], t)
                }
            }
            Some(c) => self.channel_cause(c, t),
        }
    }

    fn channel_cause(&self, c: u16, t: f64) -> (Cause, Target) {
        let m = self.model;
        let ch = &m.channels[c as usize];
        if self.outage_before(ch.kind, t) {
            let target = m
                .platform_span
                .map_or(Target::Channel(c), |_| Target::Platform);
            return (Cause::Outage, target);
        }
        let (ty, minute, _) = self.calendar(0.0);
        let piece = ch.piece(ty, minute);
        let office =
            ty == DayType::Workday && minute >= m.params.office_from && minute < m.params.office_to;
        if piece.rate == 0.0 {
            (Cause::OffHours, Target::Hours(c))
        } else if !(piece.on_duty || office) {
            (Cause::NoRoster, Target::Channel(c))
        } else {
            (Cause::SlowDetect, Target::Channel(c))
        }
    }

    // ───────── the true level ─────────

    /// The situation now meets level `l` (it was below it): it should be declared
    /// within the plan's time to notice and decide.
    fn level_reached(&mut self, t: f64, l: u8) {
        let m = self.model;
        let r = &mut self.response;
        for x in 0..=l as usize {
            r.reached_at[x] = r.reached_at[x].min(t);
        }
        let coverage = &mut self.log.coverage;
        if coverage.levels_reached & (1 << l) != 0 {
            return;
        }
        coverage.levels_reached |= 1 << l;
        let due_from = self.notice_due(t);
        let allowed = self.decide_allowance();
        let upstream = if self.response.detected > t {
            self.response.detect_expectation
        } else {
            None
        };
        if !m.levels[l as usize].has_actions {
            let mut e = Expectation::new(
                What::NoAction(l),
                Capability::Coordination,
                t,
                due_from,
                allowed,
            );
            e.cause = Cause::LevelNoActions;
            e.target = Target::Level(l);
            self.push_expectation(e);
        }
        let mut e = Expectation::new(
            What::Declare(l),
            Capability::Assessment,
            t,
            due_from,
            allowed,
        );
        e.target = Target::Level(l);
        e.upstream = upstream;
        if self.response.declared >= Some(l) {
            e.done = t;
        }
        let i = self.push_expectation(e);
        for x in 0..=l as usize {
            let slot = &mut self.response.declare_expectation[x];
            if slot.is_none() {
                *slot = Some(i);
            }
        }
    }

    /// Re-evaluates the true level and schedules what follows from the signals.
    pub(super) fn signals_changed(&mut self, t: f64) {
        let s = self.snapshot(t);
        let segment = self.world.version;
        let level = self.level_at(&s);
        if self.record {
            self.mark_attention(t, &s);
        }
        if level != self.response.true_level {
            let up = level > self.response.true_level;
            self.response.true_level = level;
            self.response.level_changes += 1;
            self.mark(t, MarkKind::TrueLevel(level));
            if up && let Some(l) = level {
                self.level_reached(t, l);
            }
            self.level_differs(t);
        }
        let next = if self.world.version == segment {
            self.next_crossing_from(t, s[Signal::Reach as usize])
        } else {
            self.next_crossing(t)
        };
        if next.is_finite() {
            let version = self.world.version;
            self.push(next + 0.01, Event::LevelCheck { version });
        }
        if self.response.declared.is_some() && self.response.stood_down == NEVER {
            self.plan_stand_down(t);
        }
    }

    /// The true level differs from the declared one: a re-assessment once noticed (a
    /// lower level only after the situation stayed below long enough).
    fn level_differs(&mut self, t: f64) {
        let r = &self.response;
        if r.true_level >= r.declared {
            self.response.below_since = None;
        } else if r.below_since.is_none() {
            self.response.below_since = Some(t);
            let hold = self.model.params.downgrade_hold;
            self.push(t + hold, Event::Reassess);
        }
        let r = &self.response;
        if r.detected.is_finite() && r.true_level > r.declared && !r.reassess_pending {
            self.response.reassess_pending = true;
            let d = self.notice_delay(t);
            self.push(t + d, Event::Reassess);
        }
    }

    /// How long the team takes to notice that the situation changed: as long as the
    /// channels where it appears take to notice, as they are watched now.
    fn notice_delay(&mut self, t: f64) -> f64 {
        let m = self.model;
        let sc = &m.scenarios[self.scenario];
        let (ty, minute, _) = self.calendar(t);
        let mut rate = 0.0;
        for &c in &sc.channels {
            let ch = &m.channels[c as usize];
            if self.outage_until(ch.kind, t).is_none() {
                rate += ch.piece(ty, minute).rate;
            }
        }
        let mean = if rate > 0.0 {
            1.0 / rate
        } else {
            m.params.detect_mean_offhours
        };
        let which = self.response.level_changes as u64;
        mean * self.draws.exponential(NOTICE, which, Purpose::Notice)
    }

    /// The level the team would declare now: the true level, but a lower one only
    /// once the situation stayed below the declared level long enough.
    fn level_to_declare(&self, t: f64) -> Option<u8> {
        let r = &self.response;
        let level = r.true_level;
        if level >= r.declared {
            return level;
        }
        let hold = self.model.params.downgrade_hold;
        match r.below_since {
            Some(since) if t + 1e-6 >= since + hold => level,
            _ => r.declared,
        }
    }

    pub(super) fn reassess(&mut self, t: f64) {
        let m = self.model;
        if self.response.detected == NEVER || self.response.stood_down.is_finite() {
            return;
        }
        if self.level_to_declare(t) == self.response.declared {
            return;
        }
        let Some(a) = m.assessment else {
            // Nobody assesses: a level is declared only as the situation forces it.
            let l = self.level_to_declare(t);
            self.declare(t, l);
            return;
        };
        if let Some(until) = self.response.assessment_busy_until
            && until > t
        {
            // The assessment under way ends first; look again then.
            self.push(until + 0.01, Event::Reassess);
            return;
        }
        let due_from = self.notice_due(t);
        let i = self.spawn_action(a, t, due_from, false);
        self.after_spawn(i);
    }

    // ───────── what completed work does ─────────

    pub(super) fn on_done(&mut self, t: f64, i: ExpectationId) {
        let m = self.model;
        let e = &self.log.expectations[i as usize];
        let (what, instance, deadline) = (e.what, e.instance, e.deadline);
        match what {
            What::Action(a) => {
                let action = &m.actions[a as usize];
                if action.assessment {
                    self.assessed(t, i);
                }
                if action.speaks() {
                    self.response.media_answered = self.response.media_answered.min(t);
                }
                if action.is_public() && self.response.first_statement == NEVER {
                    self.statement(t, a);
                }
                // A statement brings the journalists' follow-up calls.
                if action.is_public() {
                    self.media_calls(t, action.key, instance as u64);
                }
                if action.capability == Capability::Reporting {
                    self.answer_requests(t, i);
                }
                if action.invoke.is_some() {
                    self.mark(t, MarkKind::Invoke(a));
                }
                if action.facets.upward {
                    let o = &mut self.log.outcome;
                    o.report_upward = o.report_upward.min(t);
                }
            }
            What::Report(line) => {
                let l = &m.lines[line as usize];
                // A report is a call the receiver takes: whoever has been told is
                // engaged in the incident from then on, as much as one consulted.
                let to = self.person(l.to);
                let engaged = &mut self.response.engaged[to as usize];
                *engaged = engaged.min(t);
                if l.upward {
                    let o = &mut self.log.outcome;
                    o.report_upward = o.report_upward.min(t);
                }
                self.answer_requests(t, i);
                let due_from = t.min(deadline);
                self.report_from(l.to, t, due_from);
                // A report to a command body goes on through its lead.
                let party = &m.parties[l.to as usize];
                if party.kind == PartyKind::Body
                    && let Some(lead) = party.lead
                {
                    self.report_from(lead, t, due_from);
                }
            }
            _ => {}
        }
    }

    /// The assessment is done: the level it finds is declared (by the level's
    /// declarer, reached first, when that is someone else).
    fn assessed(&mut self, t: f64, i: ExpectationId) {
        let m = self.model;
        let e = self.log.expectations[i as usize];
        let l = self.level_to_declare(t);
        if l == self.response.declared {
            return;
        }
        self.response.declaration_delay = Delay::new(e.cause_minutes, e.cause, e.target);
        self.response.declaration_by = Some(i);
        if l > self.response.declared
            && let Some(level) = l
            && let Some(d) = m.levels[level as usize].declared_by
            && Some(d) != e.by
            && !e
                .by
                .is_some_and(|b| m.levels[level as usize].declared_by_also.contains(&b))
        {
            let draws = EngageDraws::keyed(
                self,
                combine(DECLARER, m.levels[level as usize].key),
                e.instance as u64,
            );
            let mut en = self.engage(d, t, draws, WhenAbsent::Wait);
            // Another who may declare by their authority decides if reached first; each
            // is reached with draws of its own, so adding one leaves the others' alone.
            for &alt in &m.levels[level as usize].declared_by_also {
                let key = combine(
                    combine(DECLARER, m.levels[level as usize].key),
                    m.parties[alt as usize].key,
                );
                let draws = EngageDraws::keyed(self, key, e.instance as u64);
                let other = self.engage(alt, t, draws, WhenAbsent::Wait);
                if other.at < en.at {
                    en = other;
                }
            }
            // The declarer decides when free of other work (one thing at a time).
            let at = if en.at.is_finite() {
                self.book(en.by, en.at, 0.0)
            } else {
                en.at
            };
            if at - t > self.response.declaration_delay.minutes {
                self.response.declaration_delay = if at > en.at {
                    Delay::new(at - t, Cause::Work, Target::Party(en.by))
                } else {
                    en.delay_since(t)
                };
            }
            self.push(at, Event::Declare(l));
        } else {
            self.declare(t, l);
        }
    }

    /// A declaration decided earlier takes effect, unless a later one overtook it: a
    /// level is never lowered by an older decision.
    pub(super) fn declare_decided(&mut self, t: f64, l: Option<u8>) {
        let declared = self.response.declared;
        if l > declared || (l < declared && self.level_to_declare(t) <= l) {
            self.declare(t, l);
        }
    }

    fn declare(&mut self, t: f64, l: Option<u8>) {
        let old = self.response.declared;
        if l == old || self.response.stood_down.is_finite() {
            return;
        }
        // A trainee who declared too low or not at all: the first declaration takes
        // effect only when the next round corrects it.
        let late = self.steer.declare_late;
        if late > 0.0 && l.is_some() {
            let until = &mut self.response.steered_until;
            if *until == NEVER {
                *until = t + late;
            }
            let until = *until;
            if t < until {
                self.push(until, Event::Declare(l));
                return;
            }
        }
        self.response.declared = l;
        self.response.below_since = None;
        self.mark(t, MarkKind::Declare(l));
        if self.log.outcome.declare == NEVER && l.is_some() {
            self.log.outcome.declare = t;
        }
        let delay = self.response.declaration_delay;
        let by = self.response.declaration_by;
        for e in self.log.expectations.iter_mut() {
            if let What::Declare(x) = e.what
                && e.done == NEVER
                && Some(x) <= l
            {
                e.done = t;
                e.set_delay(delay);
                e.upstream = e.upstream.or(by);
            }
        }
        let Some(level) = l else {
            return;
        };
        for x in 0..=level as usize {
            let d = &mut self.response.declared_at[x];
            *d = d.min(t);
        }
        self.start_level(t, level, old);
        self.follow_level(t, level);
        self.plan_stand_down(t);
        if self.response.true_level > l {
            self.push(t, Event::Reassess);
        }
    }

    /// What a declaration of `level` (over `old`) starts: the level's actions not yet
    /// started, upgrade or downgrade actions, and reports up the lines.
    fn start_level(&mut self, t: f64, level: u8, old: Option<u8>) {
        let m = self.model;
        self.log.coverage.levels_declared |= 1 << level;
        let bit = 1u64 << level;
        let due_from = t.min(self.declare_due(level));
        for k in 0..m.order.len() {
            let a = m.order[k];
            let action = &m.actions[a as usize];
            if matches!(action.trigger, Trigger::Levels(b) if b & bit != 0)
                && self.response.instances[a as usize] == 0
            {
                self.start_action(a, t, due_from, false);
            }
        }
        let l = Some(level);
        if old.is_some() && l > old {
            self.spawn_trigger(t, due_from, |a| a.trigger == Trigger::Upgrade, false);
        } else if old.is_some() && l < old {
            self.spawn_trigger(t, t, |a| a.trigger == Trigger::Downgrade, false);
        }
        if l > old {
            // Report up the lines, from the party that assessed.
            self.response.report_round += 1;
            let from = m
                .assessment
                .and_then(|a| m.actions[a as usize].owner)
                .or(m.commander);
            if let Some(p) = from {
                self.report_from(p, t, due_from);
            }
            self.level_reports(t, due_from);
        }
    }

    /// `may_follow`: when the condition holds in this run (or the declarer judges it
    /// necessary), the response takes the higher level's measures not started yet,
    /// due from now; the level declared stays what it is.
    fn follow_level(&mut self, t: f64, level: u8) {
        let m = self.model;
        let l = &m.levels[level as usize];
        let Some((target, conditional)) = l.may_follow else {
            return;
        };
        let (purpose, chance) = if conditional {
            (Purpose::Condition, m.params.condition_holds)
        } else {
            (Purpose::Discretion, m.params.optional_done)
        };
        if self.draws.unit(l.key, 0, purpose) >= chance {
            return;
        }
        let bit = 1u64 << target;
        for k in 0..m.order.len() {
            let a = m.order[k];
            if matches!(m.actions[a as usize].trigger, Trigger::Levels(b) if b & bit != 0)
                && self.response.instances[a as usize] == 0
            {
                self.start_action(a, t, t, false);
            }
        }
    }

    /// The declared level's own lines, made by their reporters from the declaration.
    fn level_reports(&mut self, t: f64, due_from: f64) {
        let m = self.model;
        for i in 0..m.lines.len() {
            if m.lines[i].at_level && self.response.line_rounds[i] != self.response.report_round {
                self.response.line_rounds[i] = self.response.report_round;
                self.spawn_report(i as u16, t, due_from);
            }
        }
    }

    /// The first public statement: the spread is damped once it takes effect, and
    /// what follows a statement is set off.
    fn statement(&mut self, t: f64, a: ActionId) {
        let m = self.model;
        self.response.first_statement = t;
        self.log.outcome.statement = t;
        self.mark(t, MarkKind::Statement(a));
        let since = t - self.response.detected;
        let f = m
            .params
            .damp
            .iter()
            .find(|(w, _)| since <= *w)
            .map_or(m.params.damp_late, |(_, f)| *f);
        self.push(t + m.params.response_lag, Event::Damp(f));
        let sc = &m.scenarios[self.scenario];
        for (i, inj) in sc.injects.iter().enumerate() {
            let draw = self.world.injects[i];
            if inj.after_statement.is_some() && draw.fires {
                self.push(t + draw.at, Event::Inject(i as u16));
            }
        }
    }

    // ───────── reporting lines ─────────

    fn report_from(&mut self, party: PartyId, t: f64, due_from: f64) {
        let m = self.model;
        for i in 0..m.lines.len() {
            let l = &m.lines[i];
            if l.from == party && self.response.line_rounds[i] != self.response.report_round {
                self.response.line_rounds[i] = self.response.report_round;
                self.spawn_report(i as u16, t, due_from);
            }
        }
    }

    /// Reports up a line, unless the plan reserves it for other levels.
    fn spawn_report(&mut self, line: u16, t: f64, due_from: f64) {
        let m = self.model;
        let l = &m.lines[line as usize];
        let Some(level) = self.response.declared else {
            return;
        };
        if l.levels & (1 << level) == 0 {
            return;
        }
        self.log.coverage.lines[line as usize] = true;
        let round = self.response.report_round as u64;
        let mut begin = t + m.params.urgency_lag(l.within);
        // A trainee who did not report: the regulator demands it, and only then is it made.
        if self.steer.missed_line == Some(line) && !self.response.steered_report {
            self.response.steered_report = true;
            let demand = due_from.min(t) + l.within + m.params.tabletop_demand_after;
            self.push(demand, Event::Demand(line));
            begin = begin.max(demand);
        }
        let en = self.engage(
            l.from,
            begin,
            EngageDraws::keyed(self, l.key, round),
            WhenAbsent::GiveUp,
        );
        let work_median = m.params.work_of("report") * 0.5;
        let u = self.draws.unit(l.key, round, Purpose::Report);
        let work = super::world::lognormal(work_median, m.params.work_sigma, u);
        let lag = begin - t;
        let delay = if !en.at.is_finite() || en.via_backup() {
            en.absence_delay()
        } else if lag > en.reach.max(work) {
            Delay::new(lag, Cause::Urgency, Target::Line(line))
        } else if en.reach > work {
            Delay::new(en.reach, en.reach_cause, Target::Party(en.person))
        } else {
            Delay::new(work, Cause::Work, Target::Line(line))
        };
        let bound = self
            .model
            .allowed(BenchmarkKind::InternalReport)
            .unwrap_or(NEVER);
        let mut e = Expectation::new(
            What::Report(line),
            Capability::Reporting,
            t,
            due_from.min(t),
            l.within.min(bound),
        );
        if bound < l.within {
            e.bound = Some(BenchmarkKind::InternalReport);
        }
        e.instance = round as u16;
        e.critical = l.upward && m.levels[level as usize].from_top <= 1;
        e.done = en.at + work;
        e.by = Some(en.by);
        e.via_backup = en.via_backup();
        e.set_delay(delay);
        let i = self.push_expectation(e);
        self.after_spawn(i);
    }

    // ───────── stand-down ─────────

    /// Finds when the stand-down condition of the declared level will have held long
    /// enough, if nothing else happens.
    pub(super) fn plan_stand_down(&mut self, t: f64) {
        let m = self.model;
        let planned = (self.world.version, self.response.declared);
        if self.response.stand_down_planned == Some(planned) {
            return;
        }
        self.response.stand_down_planned = Some(planned);
        let l = self.response.declared.unwrap_or(0) as usize;
        let rule = m
            .levels
            .get(l)
            .and_then(|x| x.stand_down.as_ref())
            .or_else(|| m.levels.iter().find_map(|x| x.stand_down.as_ref()));
        let hold = rule.map_or(m.params.stand_down_hold, |s| s.hold);
        let heat_limit = self.world.peak_heat.max(self.world.spread.peak_heat(t))
            * m.params.stand_down_heat_share;
        let holds = |s: &Snapshot| match rule {
            Some(r) => r.condition.eval(s),
            None => s[Signal::Heat as usize] < heat_limit,
        };
        let mut at = t;
        for _ in 0..32 {
            let snapshot = self.snapshot(at);
            if holds(&snapshot) {
                let check = Event::StandDownCheck {
                    version: self.world.version,
                    level: self.response.declared,
                };
                self.push(at + hold, check);
                return;
            }
            let next = match rule {
                Some(_) => self.next_crossing_from(at, snapshot[Signal::Reach as usize]),
                None => self.next_crossing_with(at, (Signal::Heat, heat_limit)),
            };
            if !next.is_finite() {
                return;
            }
            at = next + 0.01;
        }
    }

    /// The stand-down condition has held long enough: stand-down is due, and the
    /// level's declarer (or the commander) decides it once reached.
    pub(super) fn decide_stand_down(&mut self, t: f64) {
        let m = self.model;
        if self.response.stand_down_expectation.is_some() {
            return;
        }
        self.response.stand_down_due = t;
        let mut e = Expectation::new(
            What::StandDown,
            Capability::Recovery,
            t,
            t,
            m.params.stand_down_decide,
        );
        e.target = Target::Plan;
        let i = self.push_expectation(e);
        self.response.stand_down_expectation = Some(i);
        // The approver of the stand-down, else the declarer, else the commander.
        let level = m.levels.get(self.response.declared.unwrap_or(0) as usize);
        let who = (level.and_then(|l| l.stand_down_by))
            .or(level.and_then(|l| l.declared_by))
            .or(m.commander);
        match who {
            Some(p) => {
                let en = self.engage(
                    p,
                    t,
                    EngageDraws::keyed(self, STAND_DOWN, 0),
                    WhenAbsent::Wait,
                );
                let e = &mut self.log.expectations[i as usize];
                e.by = Some(en.by);
                e.via_backup = en.via_backup();
                e.set_delay(en.delay_since(t));
                self.push(en.at, Event::StandDown);
            }
            None => self.push(t, Event::StandDown),
        }
    }

    pub(super) fn on_stand_down(&mut self, t: f64) {
        let m = self.model;
        if self.response.stood_down.is_finite() {
            return;
        }
        self.response.stood_down = t;
        self.log.outcome.stand_down = t;
        self.mark(t, MarkKind::StandDown);
        if let Some(i) = self.response.stand_down_expectation {
            self.log.expectations[i as usize].done = t;
        }
        let due_from = t.min(self.response.stand_down_due + m.params.stand_down_decide);
        self.spawn_trigger(t, due_from, |a| a.trigger == Trigger::StandDown, true);
    }
}
