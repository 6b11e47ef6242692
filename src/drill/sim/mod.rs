//! One drill run: an event-driven simulation in simulated minutes from the first post.
//!
//! A [`Runner`] holds one run in named parts: the [`World`](world) (the incident as
//! drawn and the signals it gives off), the [`Response`] (what the organization knows
//! and does), the [`Queue`] of what happens next, and the [`Log`] (expectations,
//! timeline, outcome and coverage) that scoring and output read. Its behaviour lives in
//! parts too: `world` (spread, signals, onset, injects, detection), `people` (reaching
//! people, absences, backups), `act` (expectations and the work they take), `level`
//! (true and declared levels, reports up the lines, stand-down) and `finish` (the
//! benchmarks, what was never done, ratings and root causes).
//!
//! Every random draw is keyed by stable names ([`super::draw`]): an edit of the plan
//! changes only the draws of what it touches.
//!
//! Clocks: an expectation is due from when its trigger *should* have fired under the
//! plan (`due_from`: the moment the situation met the condition plus the plan's own
//! time to notice and decide), or from when it fired if that was earlier — never later.

mod act;
mod finish;
mod level;
mod people;
mod world;

use super::draw::Draws;
use super::model::*;
use super::params::BenchmarkKind;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
pub use world::Spread;
use world::World;

/// A time that never comes: what never happened happened at infinity, so that it
/// compares later than every deadline and `min` picks any real time over it.
pub const NEVER: f64 = f64::INFINITY;

/// Why an expectation was late or never done, or why detection was slow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    None = 0,
    ReachNight,
    ReachOffHours,
    ReachSlow,
    NoBackup,
    Handover,
    Acting,
    Approval,
    ApproverNoBackup,
    Consult,
    Work,
    Urgency,
    PressHours,
    Dependency,
    NoOwner,
    NotWatched,
    OffHours,
    NoRoster,
    Outage,
    SlowDetect,
    NoAssessment,
    ReassessLate,
    NotDeclared,
    LevelNoActions,
    NotInPlan,
    Misstatement,
    DebunkedGenuine,
    Horizon,
}

impl Cause {
    pub const ALL: [Cause; 28] = [
        Cause::None,
        Cause::ReachNight,
        Cause::ReachOffHours,
        Cause::ReachSlow,
        Cause::NoBackup,
        Cause::Handover,
        Cause::Acting,
        Cause::Approval,
        Cause::ApproverNoBackup,
        Cause::Consult,
        Cause::Work,
        Cause::Urgency,
        Cause::PressHours,
        Cause::Dependency,
        Cause::NoOwner,
        Cause::NotWatched,
        Cause::OffHours,
        Cause::NoRoster,
        Cause::Outage,
        Cause::SlowDetect,
        Cause::NoAssessment,
        Cause::ReassessLate,
        Cause::NotDeclared,
        Cause::LevelNoActions,
        Cause::NotInPlan,
        Cause::Misstatement,
        Cause::DebunkedGenuine,
        Cause::Horizon,
    ];
}

/// The part of the plan a finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Plan,
    Platform,
    Party(PartyId),
    Backup(PartyId),
    Action(ActionId),
    Within(ActionId),
    Approve(ActionId),
    Consult(ActionId),
    After(ActionId),
    Channel(u16),
    Hours(u16),
    Level(u8),
    Line(u16),
    /// The benchmark of a kind at a level: the plan has nothing that meets it there.
    Benchmark(BenchmarkKind, u8),
    /// An event the plan does not answer.
    Event(u16),
}

/// What an expectation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// 监测发现: detect the incident.
    Detect,
    /// Declare (at least) this level.
    Declare(u8),
    /// Start the response of a level: the level has no action, or was never declared.
    NoAction(u8),
    /// An action of the plan.
    Action(ActionId),
    /// A reporting line.
    Report(u16),
    /// A benchmark at a level (the lowest level of its band the situation reached).
    Benchmark(BenchmarkKind, u8),
    /// Stand down once the stand-down condition held.
    StandDown,
    /// A written reply to a regulator's request (an inject of the scenario).
    Request(u16),
    /// The run exercised a capability the plan has nothing for.
    Uncovered(Capability),
}

/// HSEEP ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    P = 0,
    S = 1,
    M = 2,
    U = 3,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::P, Rating::S, Rating::M, Rating::U];
    pub fn letter(self) -> &'static str {
        ["P", "S", "M", "U"][self as usize]
    }
}

/// Why something took as long as it did: the cause, the part of the plan behind it,
/// and the minutes it cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Delay {
    pub cause: Cause,
    pub target: Target,
    pub minutes: f64,
}

impl Delay {
    const NONE: Delay = Delay {
        cause: Cause::None,
        target: Target::Plan,
        minutes: 0.0,
    };

    fn new(minutes: f64, cause: Cause, target: Target) -> Delay {
        Delay {
            cause,
            target,
            minutes,
        }
    }
}

/// Index of an expectation in the [`Log`].
pub type ExpectationId = u32;

/// What went wrong with what was said, beyond its timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quality {
    Sound,
    /// Issued without the review that would have caught the error: corrected later.
    Misstated,
    /// Called a genuine event a rumour (辟谣 of the truth, or a police report).
    DebunkedGenuine,
}

/// An expectation: who must do what by when, and what happened.
#[derive(Clone, Copy, Debug)]
pub struct Expectation {
    pub what: What,
    pub instance: u16,
    pub capability: Capability,
    pub critical: bool,
    /// When its trigger actually fired.
    pub triggered: f64,
    /// Its clock: when the trigger should have fired under the plan, or when it fired
    /// if that was earlier.
    pub due_from: f64,
    pub deadline: f64,
    /// The benchmark that set the deadline (stricter than the plan's).
    pub bound: Option<BenchmarkKind>,
    /// When the work could start (after dependencies).
    pub start: f64,
    pub done: f64,
    /// Post-incident (after stand-down).
    pub post_incident: bool,
    /// The party that did it (the owner, or its backup).
    pub by: Option<PartyId>,
    pub via_backup: bool,
    /// Legal counsel reviewed it; a unit gave its facts.
    pub legal_reviewed: bool,
    pub facts_given: bool,
    pub quality: Quality,
    pub cause: Cause,
    pub target: Target,
    /// Minutes the cause took (shown in findings).
    pub cause_minutes: f64,
    /// What it waited for (its trigger or a prerequisite), when that was late.
    pub upstream: Option<ExpectationId>,
    /// The expectation whose cause is the root of this one's lateness (itself if its own).
    pub root: ExpectationId,
    pub rating: Rating,
}

impl Expectation {
    fn set_delay(&mut self, d: Delay) {
        self.cause = d.cause;
        self.target = d.target;
        self.cause_minutes = d.minutes;
    }

    /// A fresh expectation with nothing done yet.
    fn new(
        what: What,
        capability: Capability,
        triggered: f64,
        due_from: f64,
        allowed: f64,
    ) -> Self {
        Expectation {
            what,
            instance: 0,
            capability,
            critical: true,
            triggered,
            due_from,
            deadline: due_from + allowed,
            bound: None,
            start: triggered,
            done: NEVER,
            post_incident: false,
            by: None,
            via_backup: false,
            legal_reviewed: false,
            facts_given: false,
            quality: Quality::Sound,
            cause: Cause::None,
            target: Target::Plan,
            cause_minutes: 0.0,
            upstream: None,
            root: 0,
            rating: Rating::U,
        }
    }
}

/// A timeline entry (rendered to words only when printed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub t: f64,
    pub kind: MarkKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MarkKind {
    FirstPost,
    Inject(u16),
    Detect(Option<u16>),
    /// The situation now meets this level (`None`: below every level).
    TrueLevel(Option<u8>),
    /// This level was declared (`None`: below every level).
    Declare(Option<u8>),
    Statement(ActionId),
    MediaUp(u8),
    HotSearch,
    Official,
    LocalOfficial,
    StandDown,
    Unavailable(PartyId, f64),
    /// A deputy acts as commander.
    Acting(PartyId),
    Outage(f64),
    /// A statement turned out wrong and is corrected (a second wave).
    Correction(ActionId),
    /// A genuine event was called a rumour (a backlash).
    Backlash(ActionId),
    /// An action was not required: why.
    NotRequired(ActionId, Skip),
    /// An action that starts another plan (`invoke`) was done.
    Invoke(ActionId),
    /// The regulator demands the report of a line that was not made (a tabletop
    /// decision, see [`Steer`]).
    Demand(u16),
    End,
}

/// What happens at a time of the simulation.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Event {
    Inject(u16),
    Detect,
    /// Re-evaluate the level, unless the signals changed since it was queued.
    LevelCheck {
        version: u32,
    },
    Done(ExpectationId),
    /// The next round of an `every` action.
    Repeat {
        action: ActionId,
        round: u16,
        first: f64,
        due_from: f64,
    },
    /// Escalate media attention for an inquiry at `inquiry_at` still unanswered.
    MediaCheck {
        inquiry_at: f64,
    },
    /// The stand-down condition of `level` has held long enough, unless the signals
    /// or the level changed since it was queued.
    StandDownCheck {
        version: u32,
        level: Option<u8>,
    },
    StandDown,
    Reassess,
    Declare(Option<u8>),
    /// A statement takes effect: growth and capacity are damped by the factor.
    Damp(f64),
    /// The regulator demands a report not made (a steered decision).
    Demand(u16),
    /// A wrong statement is corrected, or a genuine event called a rumour backfires:
    /// growth and remaining capacity multiplied.
    Wave {
        growth: f64,
        capacity: f64,
        why: MarkKind,
    },
}

/// The integer whose order is `f64::total_cmp`'s (the transform the standard library
/// uses inside it).
fn total_order(t: f64) -> i64 {
    let bits = t.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// What happens next, in time order (ties in the order queued). The heap holds only
/// the order — the time as an integer ([`total_order`]) and the number queued — and
/// the events wait in the order queued, so that sifting moves 16 bytes, not an event.
#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Reverse<(i64, u32)>>,
    /// Every event queued this run, with its time, by the number queued.
    events: Vec<(f64, Event)>,
}

impl Queue {
    fn clear(&mut self) {
        self.heap.clear();
        self.events.clear();
    }

    fn push(&mut self, t: f64, event: Event) {
        let seq = self.events.len() as u32;
        self.events.push((t, event));
        self.heap.push(Reverse((total_order(t), seq)));
    }

    /// The next event and its time.
    fn pop(&mut self) -> Option<(f64, Event)> {
        let Reverse((_, seq)) = self.heap.pop()?;
        Some(self.events[seq as usize])
    }
}

/// Which signal changes the timeline has told already.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct SeenSignals {
    hot_search: bool,
    official: bool,
    local_official: bool,
    media_tier: u8,
}

/// What the organization knows and does.
struct Response {
    detected: f64,
    /// The earliest detection queued so far, and on which channel.
    detection_due: f64,
    detection_channel: Option<u16>,
    /// When detection should have happened at the latest (reach past the due reach,
    /// plus the time allowed).
    should_detect: f64,
    detect_expectation: Option<ExpectationId>,
    declared: Option<u8>,
    true_level: Option<u8>,
    /// Per level: when the situation first met it (or a higher one) and when it (or a
    /// higher one) was first declared.
    reached_at: Vec<f64>,
    declared_at: Vec<f64>,
    /// Per level: the expectation to declare it.
    declare_expectation: Vec<Option<ExpectationId>>,
    /// Since when the situation has stayed below the declared level.
    below_since: Option<f64>,
    first_statement: f64,
    /// The first answer to journalists (a statement or a reply).
    media_answered: f64,
    stood_down: f64,
    /// When the stand-down condition had held long enough.
    stand_down_due: f64,
    stand_down_expectation: Option<ExpectationId>,
    reassess_pending: bool,
    assessment_busy_until: Option<f64>,
    /// Per party: the time it is engaged in this incident (NEVER: not yet).
    engaged: Vec<f64>,
    /// Per party: the times a person (a role) is busy, sorted by start and never
    /// overlapping (people do one thing at a time).
    booked: Vec<Vec<(f64, f64)>>,
    /// Per action: instances spawned, and the last one.
    instances: Vec<u16>,
    last: Vec<Option<ExpectationId>>,
    /// Per action: when it was found not required (optional, a condition unmet), or
    /// NEVER. What comes after it waits no longer than that.
    settled: Vec<f64>,
    /// Reports go up once per declaration: the round, and each line's last round.
    report_round: u32,
    line_rounds: Vec<u32>,
    /// Events raised before detection (with when), started once it comes.
    pending_events: Vec<(u16, f64)>,
    /// Why the latest declaration came when it did, and the assessment behind it.
    declaration_delay: Delay,
    declaration_by: Option<ExpectationId>,
    /// The (signals version, level) the queued stand-down check was planned for.
    stand_down_planned: Option<(u32, Option<u8>)>,
    /// How many times the situation changed level (keys the notice draws).
    level_changes: u32,
    seen: SeenSignals,
    /// A bit per event raised by a rumour (what it answers is false).
    false_events: u64,
    /// When the facts were first established (a fact-finding action done).
    facts_at: f64,
    /// Open requests of regulators (expectations of a written reply).
    requests: Vec<ExpectationId>,
    /// Until when the steered late declaration holds declarations back (NEVER: not
    /// yet applied).
    steered_until: f64,
    /// The steered missed report was applied.
    steered_report: bool,
}

/// What a run produced, beyond its expectations.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    pub detect: f64,
    pub declare: f64,
    pub statement: f64,
    pub report_upward: f64,
    pub stand_down: f64,
    pub peak_reach: f64,
    pub night: bool,
    pub holiday: bool,
    pub weekend: bool,
    /// What was spread is true.
    pub genuine: bool,
    /// The highest level the situation reached.
    pub top_level: Option<u8>,
    /// Minute of the week of the first post (Monday 00:00 = 0).
    pub onset_minute: u32,
}

/// What of the plan a run exercised.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Per action, inject of the scenario, reporting line: whether it fired.
    pub actions: Vec<bool>,
    pub injects: Vec<bool>,
    pub lines: Vec<bool>,
    /// A bit per level (by severity index).
    pub levels_reached: u64,
    pub levels_declared: u64,
}

/// What a run leaves for scoring and output.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub expectations: Vec<Expectation>,
    /// The timeline (kept only when the runner records).
    pub marks: Vec<Mark>,
    /// The spread's segments in time order (kept only when the runner records): what
    /// reach and heat were at any moment, for a tabletop's situation figures.
    pub spread: Vec<Spread>,
    pub outcome: Outcome,
    pub coverage: Coverage,
}

/// What a trainee decided in a facilitated drill, in place of the course the run would
/// take for that decision. The default steers nothing (campaigns never set it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steer {
    /// Minutes by which the first declaration of a level comes later than the run's own
    /// course has it (a wrong or missing declaration).
    pub declare_late: f64,
    /// The first public statement goes out without the review the plan requires: its
    /// chance of being wrong is that of an unreviewed statement.
    pub unreviewed: Option<ActionId>,
    /// A reporting line not reported at the first declaration: the regulator demands the
    /// report later, and it is made only then.
    pub missed_line: Option<u16>,
}

/// The reusable state of a simulation: one per thread, cleared per run.
pub struct Runner<'m> {
    pub model: &'m DrillModel,
    /// Whether to keep the timeline.
    pub record: bool,
    pub seed: u64,
    pub scenario: usize,
    pub log: Log,
    /// The trainee's decisions (a tabletop); kept across runs until changed.
    pub steer: Steer,
    draws: Draws,
    world: World,
    response: Response,
    queue: Queue,
    /// Reach values where a threshold is crossed, sorted, for a signals version.
    crossings: Vec<f64>,
    crossings_version: Option<u32>,
}

impl Log {
    /// The spread segment in force at `t`.
    fn segment_at(&self, t: f64) -> Option<&Spread> {
        self.spread.iter().rev().find(|s| s.t0 <= t + 1e-9)
    }

    /// Reach at `t` (0 when the timeline was not recorded).
    pub fn reach_at(&self, t: f64) -> f64 {
        self.segment_at(t).map_or(0.0, |s| s.reach(t))
    }

    /// Heat at `t`, posts per hour (0 when the timeline was not recorded).
    pub fn heat_at(&self, t: f64) -> f64 {
        self.segment_at(t).map_or(0.0, |s| s.heat(t))
    }
}

impl<'m> Runner<'m> {
    pub fn new(model: &'m DrillModel) -> Runner<'m> {
        let (parties, actions, levels) =
            (model.parties.len(), model.actions.len(), model.levels.len());
        Runner {
            model,
            record: false,
            seed: 0,
            scenario: 0,
            log: Log::default(),
            steer: Steer::default(),
            draws: Draws::new(0),
            world: World::new(),
            response: Response {
                detected: NEVER,
                detection_due: NEVER,
                detection_channel: None,
                should_detect: NEVER,
                detect_expectation: None,
                declared: None,
                true_level: None,
                reached_at: vec![NEVER; levels],
                declared_at: vec![NEVER; levels],
                declare_expectation: vec![None; levels],
                below_since: None,
                first_statement: NEVER,
                media_answered: NEVER,
                stood_down: NEVER,
                stand_down_due: NEVER,
                stand_down_expectation: None,
                reassess_pending: false,
                assessment_busy_until: None,
                engaged: vec![NEVER; parties],
                booked: vec![Vec::new(); parties],
                instances: vec![0; actions],
                last: vec![None; actions],
                settled: vec![NEVER; actions],
                report_round: 0,
                line_rounds: vec![0; model.lines.len()],
                pending_events: Vec::new(),
                declaration_delay: Delay::NONE,
                declaration_by: None,
                stand_down_planned: None,
                level_changes: 0,
                seen: SeenSignals::default(),
                false_events: 0,
                facts_at: NEVER,
                requests: Vec::new(),
                steered_until: NEVER,
                steered_report: false,
            },
            queue: Queue::default(),
            crossings: Vec::new(),
            crossings_version: None,
        }
    }

    fn reset(&mut self, seed: u64) {
        self.seed = seed;
        self.draws = Draws::new(seed);
        self.world.reset();
        let r = &mut self.response;
        r.detected = NEVER;
        r.detection_due = NEVER;
        r.detection_channel = None;
        r.should_detect = NEVER;
        r.detect_expectation = None;
        r.declared = None;
        r.true_level = None;
        r.reached_at.iter_mut().for_each(|x| *x = NEVER);
        r.declared_at.iter_mut().for_each(|x| *x = NEVER);
        r.declare_expectation.iter_mut().for_each(|x| *x = None);
        r.below_since = None;
        r.first_statement = NEVER;
        r.media_answered = NEVER;
        r.stood_down = NEVER;
        r.stand_down_due = NEVER;
        r.stand_down_expectation = None;
        r.reassess_pending = false;
        r.assessment_busy_until = None;
        r.engaged.iter_mut().for_each(|x| *x = NEVER);
        r.booked.iter_mut().for_each(Vec::clear);
        r.instances.iter_mut().for_each(|x| *x = 0);
        r.last.iter_mut().for_each(|x| *x = None);
        r.settled.iter_mut().for_each(|x| *x = NEVER);
        r.line_rounds.iter_mut().for_each(|x| *x = 0);
        r.report_round = 0;
        r.pending_events.clear();
        r.declaration_delay = Delay::NONE;
        r.declaration_by = None;
        r.stand_down_planned = None;
        r.level_changes = 0;
        r.seen = SeenSignals::default();
        r.false_events = 0;
        r.facts_at = NEVER;
        r.requests.clear();
        r.steered_until = NEVER;
        r.steered_report = false;
        self.queue.clear();
        self.crossings_version = None;
        self.reset_log();
    }

    fn reset_log(&mut self) {
        let m = self.model;
        let log = &mut self.log;
        log.expectations.clear();
        log.marks.clear();
        log.spread.clear();
        log.outcome = Outcome {
            detect: NEVER,
            declare: NEVER,
            statement: NEVER,
            report_upward: NEVER,
            stand_down: NEVER,
            ..Outcome::default()
        };
        let c = &mut log.coverage;
        c.actions.clear();
        c.actions.resize(m.actions.len(), false);
        c.lines.clear();
        c.lines.resize(m.lines.len(), false);
        c.levels_reached = 0;
        c.levels_declared = 0;
    }

    fn mark(&mut self, t: f64, kind: MarkKind) {
        if self.record {
            self.log.marks.push(Mark { t, kind });
        }
    }

    fn push(&mut self, t: f64, event: Event) {
        if t.is_finite() && t <= self.model.params.horizon {
            self.queue.push(t, event);
        }
    }

    // ───────── calendar ─────────

    /// (day type, minute of day, day of week) at time t.
    pub fn calendar(&self, t: f64) -> (DayType, u16, u32) {
        let onset = &self.world.onset;
        let abs = onset.minute_of_day as f64 + t.max(0.0);
        // `floor` is a library call on the baseline x86-64 target; for the non-negative
        // times of a run truncation is the same number.
        let floor = |x: f64| {
            if (0.0..1e15).contains(&x) {
                x as i64 as f64
            } else {
                x.floor()
            }
        };
        let day = floor(abs / 1440.0);
        let minute = floor(abs - day * 1440.0).clamp(0.0, 1439.0) as u16;
        let day = day as u32;
        let dow = (onset.day_of_week + day) % 7;
        let ty = if day < onset.holiday_days {
            DayType::Holiday
        } else if dow >= 5 {
            DayType::Weekend
        } else {
            DayType::Workday
        };
        (ty, minute, dow)
    }

    /// Minutes from `t` to the end of the `n`-th working day after the day of `t`
    /// (weekends and the run's holidays skipped): "5个工作日内" as offices count it.
    pub fn working_days(&self, t: f64, n: u32) -> f64 {
        let (_, minute, _) = self.calendar(t);
        let end_of_today = t + (1440.0 - f64::from(minute));
        let mut counted = 0;
        // A year of days is more than any run of holidays and weekends can take.
        for k in 0..(n as usize).saturating_add(400) {
            let day_end = end_of_today + 1440.0 * (k as f64 + 1.0);
            if self.calendar(day_end - 1.0).0 == DayType::Workday {
                counted += 1;
                if counted >= n {
                    return day_end - t;
                }
            }
        }
        f64::from(n) * 1440.0
    }

    fn is_night(&self, minute: u16) -> bool {
        self.model.params.is_night(minute)
    }

    // ───────── the run ─────────

    /// Runs seed `seed` and scores it.
    pub fn run(&mut self, seed: u64) {
        self.reset(seed);
        let m = self.model;
        if m.scenarios.is_empty() {
            return;
        }
        self.draw_world();
        self.expect_detection();
        self.detect_by_channels();
        // Forced: someone calls once reach passes the threshold.
        let forced = self.world.spread.time_of(m.params.forced_reach);
        if forced.is_finite() {
            self.detect_at_most(forced + self.world.call_delay, None);
        }
        let version = self.world.version;
        self.push(0.0, Event::LevelCheck { version });
        while let Some((t, event)) = self.queue.pop() {
            if t > m.params.horizon || self.response.stood_down.is_finite() {
                break;
            }
            self.handle(t, event);
        }
        self.finish();
    }

    fn handle(&mut self, t: f64, event: Event) {
        match event {
            Event::Inject(i) => self.fire_inject(t, i),
            Event::Detect => {
                if self.response.detected == NEVER && t == self.response.detection_due {
                    self.on_detect(t);
                }
            }
            Event::LevelCheck { version } => {
                if version == self.world.version {
                    self.signals_changed(t);
                }
            }
            Event::Done(i) => self.on_done(t, i),
            Event::Repeat {
                action,
                round,
                first,
                due_from,
            } => self.on_repeat(t, action, round, first, due_from),
            Event::MediaCheck { inquiry_at } => self.on_media_check(t, inquiry_at),
            Event::StandDownCheck { version, level } => {
                let r = &self.response;
                if version == self.world.version
                    && level == r.declared
                    && r.declared.is_some()
                    && r.stood_down == NEVER
                {
                    self.decide_stand_down(t);
                }
            }
            Event::StandDown => self.on_stand_down(t),
            Event::Reassess => {
                self.response.reassess_pending = false;
                self.reassess(t);
            }
            Event::Declare(l) => self.declare_decided(t, l),
            Event::Damp(f) => self.damp(t, f),
            Event::Demand(line) => self.mark(t, MarkKind::Demand(line)),
            Event::Wave {
                growth,
                capacity,
                why,
            } => {
                self.mark(t, why);
                self.wave(t, growth, capacity)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::total_order;

    #[test]
    fn the_queue_orders_times_as_total_cmp_does() {
        let times = [
            -1.0,
            -0.0,
            0.0,
            1e-300,
            0.01,
            1.0,
            59.99,
            60.0,
            1440.0 * 7.0,
            f64::INFINITY,
        ];
        for a in times {
            for b in times {
                assert_eq!(
                    total_order(a).cmp(&total_order(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }
}
