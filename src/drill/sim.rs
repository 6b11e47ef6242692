//! One drill run: an event-driven simulation in simulated minutes from the first post.
//!
//! Three random streams per seed keep plans comparable seed by seed: stream 0 draws
//! the world (scenario, onset, spread, injects), stream 1 the response (reach times,
//! hand-overs, work), stream 2 the detection delays. A plan change moves only what it
//! touches; a deadline never changes any draw at all.
//!
//! A [`Runner`] holds one run in named parts: the [`World`] (the incident as drawn and
//! the signals it gives off), the [`Response`] (what the organization knows and does),
//! the [`Queue`] of what happens next, and the [`Log`] (expectations, timeline,
//! outcome and coverage) that scoring and output read.

use super::model::*;
use super::params::UNIFORM_SPREAD;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

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
    Approval,
    ApproverNoBackup,
    Consult,
    Work,
    Dependency,
    NoOwner,
    NotWatched,
    OffHours,
    NoRoster,
    Outage,
    SlowDetect,
    NoAssessment,
    ReassessLate,
    LevelNoActions,
    Horizon,
}

impl Cause {
    pub const ALL: [Cause; 21] = [
        Cause::None,
        Cause::ReachNight,
        Cause::ReachOffHours,
        Cause::ReachSlow,
        Cause::NoBackup,
        Cause::Handover,
        Cause::Approval,
        Cause::ApproverNoBackup,
        Cause::Consult,
        Cause::Work,
        Cause::Dependency,
        Cause::NoOwner,
        Cause::NotWatched,
        Cause::OffHours,
        Cause::NoRoster,
        Cause::Outage,
        Cause::SlowDetect,
        Cause::NoAssessment,
        Cause::ReassessLate,
        Cause::LevelNoActions,
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
}

/// What an expectation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// 监测发现: detect the incident.
    Detect,
    /// Declare (at least) this level.
    Declare(u8),
    /// The level is reached but the plan has no action for it.
    NoAction(u8),
    /// An action of the plan.
    Action(ActionId),
    /// A reporting line.
    Report(u16),
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

/// An expectation: who must do what by when, and what happened.
#[derive(Clone, Copy, Debug)]
pub struct Expectation {
    pub what: What,
    pub instance: u16,
    pub capability: Capability,
    pub critical: bool,
    /// Weight within its capability (instances of an `every` action share one).
    pub weight: f32,
    pub triggered: f64,
    pub deadline: f64,
    /// When the work could start (after dependencies).
    pub start: f64,
    pub done: f64,
    /// Post-incident (after stand-down).
    pub post_incident: bool,
    /// The party that did it (the owner, or its backup).
    pub by: Option<PartyId>,
    pub via_backup: bool,
    pub cause: Cause,
    pub target: Target,
    /// Minutes the cause took (shown in findings).
    pub cause_minutes: f64,
    pub rating: Rating,
}

impl Expectation {
    fn set_delay(&mut self, d: Delay) {
        self.cause = d.cause;
        self.target = d.target;
        self.cause_minutes = d.minutes;
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
    StandDown,
    Unavailable(PartyId, f64),
    Outage(f64),
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
    /// The next round of an `every` action first started at `first`.
    Repeat {
        action: ActionId,
        round: u16,
        first: f64,
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
}

#[derive(Clone, Copy, Debug)]
struct Queued {
    t: f64,
    seq: u32,
    event: Event,
}

impl PartialEq for Queued {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Queued {
    // A min-heap on (t, seq).
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// What happens next, in time order (ties in the order queued).
#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Queued>,
    seq: u32,
}

impl Queue {
    fn clear(&mut self) {
        self.heap.clear();
        self.seq = 0;
    }

    fn push(&mut self, t: f64, event: Event) {
        self.seq += 1;
        self.heap.push(Queued {
            t,
            seq: self.seq,
            event,
        });
    }
}

/// The logistic spread since `t0`.
#[derive(Clone, Copy, Debug)]
struct Spread {
    t0: f64,
    /// Reach at `t0`.
    reach0: f64,
    /// Growth rate per minute.
    growth: f64,
    /// Capacity: the most people it can reach.
    capacity: f64,
    /// Posts per newly reached person.
    talk: f64,
}

impl Spread {
    const START: Spread = Spread {
        t0: 0.0,
        reach0: 1.0,
        growth: 0.0,
        capacity: 2.0,
        talk: 0.0,
    };

    fn reach(&self, t: f64) -> f64 {
        let dt = (t - self.t0).max(0.0);
        self.capacity / (1.0 + (self.capacity / self.reach0 - 1.0) * libm::exp(-self.growth * dt))
    }

    /// The time reach gets to `x` (NEVER if it never does).
    fn time_of(&self, x: f64) -> f64 {
        if x <= self.reach0 {
            return self.t0;
        }
        if x >= self.capacity || self.growth <= 0.0 {
            return NEVER;
        }
        let ratio = (self.capacity / x - 1.0) / (self.capacity / self.reach0 - 1.0);
        self.t0 - libm::log(ratio) / self.growth
    }

    /// The highest heat this segment reaches from `t` on.
    fn peak_heat(&self, t: f64) -> f64 {
        let r = self.reach(t);
        let rp = if r < self.capacity / 2.0 {
            self.capacity / 2.0
        } else {
            r
        };
        self.talk * 60.0 * self.growth * rp * (1.0 - rp / self.capacity)
    }
}

/// A drawn inject of this run.
#[derive(Clone, Copy, Debug)]
struct InjectDraw {
    fires: bool,
    /// `at` time, or the offset after the first statement.
    at: f64,
    fired: bool,
}

/// A party out of reach from `from` until `until`.
#[derive(Clone, Copy, Debug)]
struct Absence {
    party: PartyId,
    from: f64,
    until: f64,
}

/// Channels of a kind (`None`: every channel) down from `from` until `until`.
#[derive(Clone, Copy, Debug)]
struct Outage {
    kind: Option<u8>,
    from: f64,
    until: f64,
}

impl Outage {
    fn covers(&self, kind: Option<u8>) -> bool {
        self.kind.is_none() || self.kind == kind
    }
}

/// When the incident began.
#[derive(Clone, Copy, Debug, Default)]
struct Onset {
    /// Day of the week of the first post (Monday = 0).
    day_of_week: u32,
    /// Minute of that day.
    minute_of_day: u32,
    /// Days of holiday from the onset day on.
    holiday_days: u32,
}

/// Signals an inject set directly, over what the spread gives.
#[derive(Clone, Copy, Debug, Default)]
struct InjectedSignals {
    media: f64,
    hot_search: bool,
    official: bool,
    negative: f64,
    casualties: f64,
}

/// The incident of this run as drawn, and the signals it gives off.
struct World {
    onset: Onset,
    /// The scenario's parameters as drawn for this run.
    values: PerParam<f64>,
    spread: Spread,
    /// Counts every change of the signals, so that queued checks made stale are skipped.
    version: u32,
    injected: InjectedSignals,
    peak_heat: f64,
    /// Delay between an outside call (or a media inquiry) and detection.
    call_delay: f64,
    injects: Vec<InjectDraw>,
    /// Drawn values of every inject's effects, and where each inject's values begin.
    effect_values: Vec<f64>,
    effect_offsets: Vec<u32>,
    absences: Vec<Absence>,
    outages: Vec<Outage>,
}

/// Which signal changes the timeline has told already.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct SeenSignals {
    hot_search: bool,
    official: bool,
    media_tier: u8,
}

/// What the organization knows and does.
struct Response {
    detected: f64,
    /// The earliest detection queued so far, and on which channel.
    detection_due: f64,
    detection_channel: Option<u16>,
    declared: Option<u8>,
    true_level: Option<u8>,
    /// When the first level was declared.
    first_declaration: Option<f64>,
    first_statement: f64,
    stood_down: f64,
    reassess_pending: bool,
    assessment_busy_until: Option<f64>,
    /// Per party: the time it is engaged in this incident (NEVER: not yet).
    engaged: Vec<f64>,
    /// Per action: instances spawned, and when the last one was done.
    instances: Vec<u16>,
    last_done: Vec<f64>,
    /// Reports go up once per declaration: the round, and each line's last round.
    report_round: u32,
    line_rounds: Vec<u32>,
    /// Events raised before detection, started once it comes.
    pending_events: Vec<u16>,
    /// Why the latest declaration came when it did.
    declaration_delay: Delay,
    /// The (signals version, level) the queued stand-down check was planned for.
    stand_down_planned: Option<(u32, Option<u8>)>,
    seen: SeenSignals,
}

/// Buffers reused from run to run.
#[derive(Default)]
struct Scratch {
    /// The response draws of the expectation being spawned.
    draws: Vec<f64>,
    /// Reach values where a threshold is crossed, sorted, for the signals version.
    crossings: Vec<f64>,
    crossings_version: Option<u32>,
}

/// What a run produced, beyond its expectations.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    pub detect: f64,
    pub declare: f64,
    pub statement: f64,
    pub stand_down: f64,
    pub peak_reach: f64,
    pub night: bool,
    pub holiday: bool,
    pub weekend: bool,
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
    pub outcome: Outcome,
    pub coverage: Coverage,
}

/// Random streams of a seed.
struct Streams {
    world: ChaCha8Rng,
    response: ChaCha8Rng,
    detection: ChaCha8Rng,
}

/// The reusable state of a simulation: one per thread, cleared per run.
pub struct Runner<'m> {
    pub model: &'m DrillModel,
    /// Whether to keep the timeline.
    pub record: bool,
    pub seed: u64,
    pub scenario: usize,
    pub log: Log,
    streams: Streams,
    world: World,
    response: Response,
    queue: Queue,
    scratch: Scratch,
}

fn unit(r: &mut ChaCha8Rng) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// A standard normal draw (Box–Muller). The elementary functions come from `libm`, a
/// pure-Rust implementation, not the platform's C library: the same seed must give the
/// same bytes on every machine, and C libraries differ in the last bit.
fn normal(r: &mut ChaCha8Rng) -> f64 {
    let u1 = 1.0 - unit(r);
    let u2 = unit(r);
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2)
}

fn exponential(r: &mut ChaCha8Rng) -> f64 {
    -libm::log(1.0 - unit(r))
}

fn between(u: f64, (lo, hi): Between) -> f64 {
    lo + u * (hi - lo)
}

/// A log-normal-like factor from a uniform draw `u` (see [`UNIFORM_SPREAD`]).
fn uniform_factor(sigma: f64, u: f64) -> f64 {
    libm::exp(sigma * (u * 2.0 - 1.0) * UNIFORM_SPREAD)
}

/// The draws that engaging one party takes.
#[derive(Clone, Copy, Debug)]
struct EngageDraws {
    /// Normal: the reach time of the party.
    reach: f64,
    /// Normal: the reach time of its backup.
    backup_reach: f64,
    /// Uniform: the hand-over time.
    handover: f64,
}

/// What engaging does when the party is out of reach and has no backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WhenAbsent {
    /// The work is not done ("no backup, no action").
    GiveUp,
    /// Wait for the party to come back (only the plan's declarer can declare).
    Wait,
}

/// The result of engaging a party.
#[derive(Clone, Copy, Debug)]
struct Engagement {
    at: f64,
    by: PartyId,
    via_backup: bool,
    wait: f64,
    reach: f64,
    reach_cause: Cause,
    handover: f64,
    no_backup: bool,
    person: PartyId,
}

impl Engagement {
    /// Why engaging took as long as it did, counted from `t`.
    fn delay_since(&self, t: f64) -> Delay {
        if self.wait > 0.0 && self.no_backup {
            Delay::new(self.at - t, Cause::NoBackup, Target::Backup(self.person))
        } else if self.via_backup {
            Delay::new(self.at - t, Cause::Handover, Target::Backup(self.person))
        } else {
            Delay::new(self.at - t, self.reach_cause, Target::Party(self.person))
        }
    }
}

impl<'m> Runner<'m> {
    pub fn new(model: &'m DrillModel) -> Runner<'m> {
        let seed = ChaCha8Rng::seed_from_u64(0);
        Runner {
            model,
            record: false,
            seed: 0,
            scenario: 0,
            log: Log {
                coverage: Coverage {
                    actions: vec![false; model.actions.len()],
                    lines: vec![false; model.lines.len()],
                    ..Coverage::default()
                },
                ..Log::default()
            },
            streams: Streams {
                world: seed.clone(),
                response: seed.clone(),
                detection: seed,
            },
            world: World {
                onset: Onset::default(),
                values: PerParam([0.0; ScenarioParam::COUNT]),
                spread: Spread::START,
                version: 0,
                injected: InjectedSignals::default(),
                peak_heat: 0.0,
                call_delay: 0.0,
                injects: Vec::new(),
                effect_values: Vec::new(),
                effect_offsets: Vec::new(),
                absences: Vec::new(),
                outages: Vec::new(),
            },
            response: Response {
                detected: NEVER,
                detection_due: NEVER,
                detection_channel: None,
                declared: None,
                true_level: None,
                first_declaration: None,
                first_statement: NEVER,
                stood_down: NEVER,
                reassess_pending: false,
                assessment_busy_until: None,
                engaged: vec![NEVER; model.parties.len()],
                instances: vec![0; model.actions.len()],
                last_done: vec![NEVER; model.actions.len()],
                report_round: 0,
                line_rounds: vec![0; model.lines.len()],
                pending_events: Vec::new(),
                declaration_delay: Delay::NONE,
                stand_down_planned: None,
                seen: SeenSignals::default(),
            },
            queue: Queue::default(),
            scratch: Scratch::default(),
        }
    }

    fn reset(&mut self, seed: u64) {
        self.seed = seed;
        let s = &mut self.streams;
        s.world = ChaCha8Rng::seed_from_u64(seed);
        s.response = s.world.clone();
        s.response.set_stream(1);
        s.detection = s.world.clone();
        s.detection.set_stream(2);
        let w = &mut self.world;
        w.version = 0;
        w.injected.media = 0.0;
        w.injected.hot_search = false;
        w.injected.official = false;
        w.absences.clear();
        w.outages.clear();
        w.injects.clear();
        w.effect_values.clear();
        w.effect_offsets.clear();
        w.peak_heat = 0.0;
        let r = &mut self.response;
        r.detected = NEVER;
        r.detection_due = NEVER;
        r.detection_channel = None;
        r.declared = None;
        r.true_level = None;
        r.first_declaration = None;
        r.first_statement = NEVER;
        r.stood_down = NEVER;
        r.reassess_pending = false;
        r.assessment_busy_until = None;
        r.engaged.iter_mut().for_each(|x| *x = NEVER);
        r.instances.iter_mut().for_each(|x| *x = 0);
        r.last_done.iter_mut().for_each(|x| *x = NEVER);
        r.line_rounds.iter_mut().for_each(|x| *x = 0);
        r.report_round = 0;
        r.pending_events.clear();
        r.declaration_delay = Delay::NONE;
        r.stand_down_planned = None;
        r.seen = SeenSignals::default();
        self.queue.clear();
        self.scratch.crossings_version = None;
        let log = &mut self.log;
        log.expectations.clear();
        log.marks.clear();
        log.outcome = Outcome::default();
        log.coverage.actions.iter_mut().for_each(|x| *x = false);
        log.coverage.lines.iter_mut().for_each(|x| *x = false);
        log.coverage.levels_reached = 0;
        log.coverage.levels_declared = 0;
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
        let day = (abs / 1440.0).floor();
        let minute = (abs - day * 1440.0).floor().clamp(0.0, 1439.0) as u16;
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

    fn is_night(&self, minute: u16) -> bool {
        let p = &self.model.params;
        if p.night_from > p.night_to {
            minute >= p.night_from || minute < p.night_to
        } else {
            minute >= p.night_from && minute < p.night_to
        }
    }

    // ───────── signals ─────────

    fn snapshot(&self, t: f64) -> Snapshot {
        let w = &self.world;
        let s = &w.spread;
        let r = s.reach(t);
        let growth = 60.0 * s.growth * (1.0 - r / s.capacity);
        let heat = s.talk * 60.0 * s.growth * r * (1.0 - r / s.capacity);
        let mut media = w.injected.media;
        if r >= w.values[ScenarioParam::Provincial] {
            media = media.max(2.0);
        }
        if r >= w.values[ScenarioParam::National] {
            media = media.max(3.0);
        }
        let hot = w.injected.hot_search || r >= w.values[ScenarioParam::HotSearch];
        let official = w.injected.official || r >= w.values[ScenarioParam::Official];
        [
            r,
            growth,
            heat,
            media,
            hot as u8 as f64,
            official as u8 as f64,
            w.injected.negative,
            w.injected.casualties,
        ]
    }

    fn level_at(&self, s: &Snapshot) -> Option<u8> {
        self.model
            .levels
            .iter()
            .rposition(|l| l.condition.as_ref().is_some_and(|c| c.eval(s)))
            .map(|i| i as u8)
    }

    /// The reach at which a threshold on a continuous signal is crossed in the current
    /// segment, pushed into `out`.
    fn reach_points(&self, signal: Signal, x: f64, out: &mut impl FnMut(f64)) {
        let s = &self.world.spread;
        match signal {
            Signal::Reach => out(x),
            Signal::Growth if s.growth > 0.0 => out(s.capacity * (1.0 - x / (60.0 * s.growth))),
            Signal::Heat if s.growth > 0.0 && s.talk > 0.0 => {
                let q = x / (60.0 * s.growth * s.talk);
                let disc = s.capacity * s.capacity / 4.0 - q * s.capacity;
                if disc > 0.0 {
                    let r = disc.sqrt();
                    out(s.capacity / 2.0 - r);
                    out(s.capacity / 2.0 + r);
                }
            }
            _ => {}
        }
    }

    /// The reach thresholds of media, trending and the regulator, as drawn.
    fn attention_thresholds(&self) -> [f64; 4] {
        let v = &self.world.values;
        [
            v[ScenarioParam::HotSearch],
            v[ScenarioParam::Provincial],
            v[ScenarioParam::National],
            v[ScenarioParam::Official],
        ]
    }

    /// The next time after `now` when a threshold of the plan is crossed.
    fn next_crossing(&mut self, now: f64) -> f64 {
        // The reach values of every threshold, sorted, cached per segment.
        if self.scratch.crossings_version != Some(self.world.version) {
            self.scratch.crossings_version = Some(self.world.version);
            let mut v = std::mem::take(&mut self.scratch.crossings);
            v.clear();
            for &(signal, x) in &self.model.thresholds {
                self.reach_points(signal, x, &mut |r| v.push(r));
            }
            v.extend(self.attention_thresholds());
            v.sort_by(f64::total_cmp);
            self.scratch.crossings = v;
        }
        let spread = &self.world.spread;
        let r_now = spread.reach(now) * (1.0 + 1e-9) + 1e-9;
        let i = self.scratch.crossings.partition_point(|&x| x <= r_now);
        for &x in &self.scratch.crossings[i..] {
            let t = spread.time_of(x);
            if t > now {
                return t;
            }
        }
        NEVER
    }

    /// The next time after `now` when a threshold of the plan, or `extra`, is crossed.
    fn next_crossing_with(&self, now: f64, extra: (Signal, f64)) -> f64 {
        let spread = &self.world.spread;
        let r_now = spread.reach(now) * (1.0 + 1e-9) + 1e-9;
        let mut best = NEVER;
        let mut consider = |x: f64| {
            if x > r_now {
                let t = spread.time_of(x);
                if t > now && t < best {
                    best = t;
                }
            }
        };
        for &(signal, x) in &self.model.thresholds {
            self.reach_points(signal, x, &mut consider);
        }
        self.reach_points(extra.0, extra.1, &mut consider);
        for x in self.attention_thresholds() {
            consider(x);
        }
        best
    }

    fn new_segment(&mut self, t: f64, growth: f64, capacity_left: f64, reach_factor: f64) {
        let w = &mut self.world;
        let r = w.spread.reach(t) * reach_factor;
        let old_capacity = w.spread.capacity.max(r * 1.0001);
        let capacity = (r + (old_capacity - r) * capacity_left).max(r * 1.0001);
        w.spread = Spread {
            t0: t,
            reach0: r.max(1.0),
            growth: growth.max(0.0),
            capacity,
            talk: w.spread.talk,
        };
        w.version += 1;
        w.peak_heat = w.peak_heat.max(w.spread.peak_heat(t));
    }

    // ───────── people ─────────

    fn unavailable_until(&self, p: PartyId, t: f64) -> Option<f64> {
        let mut until: Option<f64> = None;
        for a in &self.world.absences {
            if a.party == p && a.from <= t && t < a.until {
                until = Some(until.map_or(a.until, |u: f64| u.max(a.until)));
            }
        }
        until
    }

    fn on_duty(&self, p: PartyId, t: f64) -> bool {
        let (ty, minute, _) = self.calendar(t);
        self.model.parties[p as usize].duty[ty as usize]
            .iter()
            .any(|&(a, b)| a <= minute && minute < b)
    }

    /// Time to reach a party at `t`, and whether it was at night / off hours.
    fn reach(&mut self, p: PartyId, t: f64, z: f64) -> (f64, Cause) {
        let params = &self.model.params;
        let (median, cause) = if self.response.engaged[p as usize] <= t {
            (params.reach_engaged, Cause::ReachSlow)
        } else if self.on_duty(p, t) {
            (params.reach_duty, Cause::ReachSlow)
        } else {
            let (ty, minute, _) = self.calendar(t);
            if self.is_night(minute) {
                (params.reach_night, Cause::ReachNight)
            } else if ty == DayType::Workday
                && minute >= params.office_from
                && minute < params.office_to
            {
                (params.reach_office, Cause::ReachSlow)
            } else {
                (params.reach_evening, Cause::ReachOffHours)
            }
        };
        let r = median * libm::exp(params.reach_sigma * z);
        let e = &mut self.response.engaged[p as usize];
        *e = e.min(t + r);
        (r, cause)
    }

    /// The person behind a party: a body is convened by its lead.
    fn person(&self, p: PartyId) -> PartyId {
        let party = &self.model.parties[p as usize];
        match (party.kind, party.lead) {
            (PartyKind::Body, Some(l)) => l,
            _ => p,
        }
    }

    fn backup_of(&self, p: PartyId, person: PartyId) -> Option<PartyId> {
        let parties = &self.model.parties;
        parties[person as usize]
            .backup
            .or(if p != person {
                parties[p as usize].backup
            } else {
                None
            })
            .filter(|&b| b != person)
    }

    /// Engages a party at `t`. An unavailable party is replaced by its backup after a
    /// hand-over; with no backup the work is not done at all unless `absent` says to
    /// wait for the party to come back.
    fn engage(&mut self, p: PartyId, t: f64, draws: EngageDraws, absent: WhenAbsent) -> Engagement {
        let person = self.person(p);
        let plain = |at, wait, reach, reach_cause, no_backup| Engagement {
            at,
            by: person,
            via_backup: false,
            wait,
            reach,
            reach_cause,
            handover: 0.0,
            no_backup,
            person,
        };
        let Some(until) = self.unavailable_until(person, t) else {
            let (r, cause) = self.reach(person, t, draws.reach);
            return plain(t + r, 0.0, r, cause, false);
        };
        let backup = self.backup_of(p, person);
        match backup {
            Some(b) if self.unavailable_until(b, t).is_none() => {
                let (median, sigma) = self.model.params.handover;
                let h = median * uniform_factor(sigma, draws.handover);
                let (r, cause) = self.reach(b, t + h, draws.backup_reach);
                Engagement {
                    at: t + h + r,
                    by: b,
                    via_backup: true,
                    wait: 0.0,
                    reach: r,
                    reach_cause: cause,
                    handover: h,
                    no_backup: false,
                    person,
                }
            }
            None if absent == WhenAbsent::GiveUp => plain(NEVER, NEVER, 0.0, Cause::None, true),
            _ => {
                let (r, cause) = self.reach(person, until, draws.reach);
                plain(until + r, until - t, r, cause, backup.is_none())
            }
        }
    }

    /// Engages a party with three fresh draws of the response stream.
    fn engage_fresh(&mut self, p: PartyId, t: f64) -> Engagement {
        let rng = &mut self.streams.response;
        let draws = EngageDraws {
            reach: normal(rng),
            backup_reach: normal(rng),
            handover: unit(rng),
        };
        self.engage(p, t, draws, WhenAbsent::Wait)
    }

    // ───────── expectations ─────────

    fn take_draws(&mut self, n: usize) {
        let draws = &mut self.scratch.draws;
        draws.clear();
        for i in 0..n {
            // Normal draws for reach and work; uniforms are derived where needed.
            let x = if i % 4 == 2 {
                unit(&mut self.streams.response)
            } else {
                normal(&mut self.streams.response)
            };
            draws.push(x);
        }
    }

    /// The draws of an expectation's owner: reach, backup reach, hand-over, and work.
    fn owner_draws(&self) -> (EngageDraws, f64) {
        let d = &self.scratch.draws;
        let engage = EngageDraws {
            reach: d[0],
            backup_reach: d[1],
            handover: d[2],
        };
        (engage, d[3])
    }

    /// When an action can start, after what it comes after, and the action it waited
    /// for last.
    fn dependency_start(&self, action: &Action, trig: f64) -> (f64, Option<ActionId>) {
        let mut start = trig;
        let mut waited_for = None;
        for &d in &action.after {
            let done = if self.response.instances[d as usize] == 0 {
                NEVER
            } else {
                self.response.last_done[d as usize]
            };
            if done > start {
                start = done;
                waited_for = Some(d);
            }
        }
        (start, waited_for)
    }

    /// Spawns one instance of an action triggered at `trig`.
    fn spawn_action(&mut self, a: ActionId, trig: f64, post: bool, weight: f32) -> ExpectationId {
        let m = self.model;
        let action = &m.actions[a as usize];
        let k = self.response.instances[a as usize];
        self.response.instances[a as usize] = k.saturating_add(1);
        self.log.coverage.actions[a as usize] = true;
        self.take_draws(action.draws);
        let (start, waited_for) = self.dependency_start(action, trig);
        let mut e = Expectation {
            what: What::Action(a),
            instance: k,
            capability: action.capability,
            critical: action.critical && k == 0,
            weight,
            triggered: trig,
            deadline: trig + action.within,
            start,
            done: NEVER,
            post_incident: post,
            by: None,
            via_backup: false,
            cause: Cause::None,
            target: Target::Action(a),
            cause_minutes: 0.0,
            rating: Rating::U,
        };
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
        // Work alone longer than the time allowed: the deadline is unrealistic.
        e.set_delay(worst);
        if waited_for.is_none() && e.cause == Cause::Dependency {
            e.cause = Cause::Work;
            e.target = Target::Within(a);
        }
        self.response.last_done[a as usize] = e.done;
        self.push_expectation(e)
    }

    /// Does the work of an action from `e.start`: the owner (or its backup) is
    /// reached, works while the consulted are heard, then each approver signs off.
    /// Sets who did it and when; returns the delay that cost the most.
    fn perform(&mut self, a: ActionId, owner: PartyId, e: &mut Expectation) -> Delay {
        let m = self.model;
        let action = &m.actions[a as usize];
        let (engage_draws, work_draw) = self.owner_draws();
        let en = self.engage(owner, e.start, engage_draws, WhenAbsent::GiveUp);
        e.by = Some(en.by);
        e.via_backup = en.via_backup;
        let owner_target = Target::Party(en.person);
        // The parts of the time taken, in this order; the largest with a cause counts.
        let dependency = Delay::new(e.start - e.triggered, Cause::Dependency, Target::After(a));
        let absence = if en.wait > 0.0 {
            let cause = if en.no_backup {
                Cause::NoBackup
            } else {
                Cause::ReachSlow
            };
            Delay::new(en.wait, cause, Target::Backup(en.person))
        } else if en.via_backup {
            Delay::new(en.handover, Cause::Handover, Target::Backup(en.person))
        } else {
            Delay::new(0.0, Cause::None, owner_target)
        };
        let reach = Delay::new(en.reach, en.reach_cause, owner_target);
        let mut t = en.at;
        let mut consult = 0.0f64;
        for (i, &c) in action.consult.iter().enumerate() {
            let z = self.scratch.draws[4 + i];
            let (r, _) = self.reach(c, t, z);
            consult = consult.max(r);
        }
        // Consultation runs alongside the work: whichever takes longer counts.
        let work = action.work * libm::exp(m.params.work_sigma * work_draw);
        t += work.max(consult);
        let work_or_consult = if consult > work {
            Delay::new(consult, Cause::Consult, Target::Consult(a))
        } else {
            Delay::new(work, Cause::Work, Target::Within(a))
        };
        let approval = self.approvals(a, &mut t);
        e.done = t;
        let mut worst = dependency;
        for d in [absence, reach, work_or_consult, approval] {
            if d.minutes > worst.minutes && d.cause != Cause::None {
                worst = d;
            }
        }
        worst
    }

    /// The approvers of an action sign off one after another from `*t`, which moves on;
    /// returns the time approval took.
    fn approvals(&mut self, a: ActionId, t: &mut f64) -> Delay {
        let m = self.model;
        let action = &m.actions[a as usize];
        let mut approval = Delay::new(0.0, Cause::Approval, Target::Approve(a));
        let base = 4 + action.consult.len();
        for (i, &ap) in action.approvers.iter().enumerate() {
            let d = &self.scratch.draws[base + 3 * i..base + 3 * i + 3];
            let (reach, backup_reach, work_draw) = (d[0], d[1], d[2]);
            let draws = EngageDraws {
                reach,
                backup_reach,
                handover: (work_draw.abs() * 0.5).min(1.0),
            };
            let en = self.engage(ap, *t, draws, WhenAbsent::GiveUp);
            let (median, sigma) = m.params.approval_work;
            let took = en.at - *t + median * libm::exp(sigma * work_draw);
            if en.wait > 0.0 && en.no_backup {
                approval.cause = Cause::ApproverNoBackup;
                approval.target = Target::Backup(en.person);
            }
            *t += took;
            approval.minutes += took;
        }
        approval
    }

    fn push_expectation(&mut self, e: Expectation) -> ExpectationId {
        self.log.expectations.push(e);
        (self.log.expectations.len() - 1) as ExpectationId
    }

    /// Spawns the actions of a trigger, in dependency order.
    fn spawn_trigger(&mut self, t: f64, pick: impl Fn(&Action) -> bool, post: bool) {
        let m = self.model;
        for &a in &m.order {
            if pick(&m.actions[a as usize]) {
                self.start_action(a, t, post);
            }
        }
    }

    fn start_action(&mut self, a: ActionId, t: f64, post: bool) {
        let params = &self.model.params;
        let action = &self.model.actions[a as usize];
        let Some(period) = action.every else {
            let i = self.spawn_action(a, t, post, 1.0);
            if !post {
                self.after_spawn(i);
            }
            return;
        };
        if post {
            // After stand-down there is no level to hold: the rounds the plan's window
            // allows (`every 1d for 7d`), else a fixed number.
            let rounds = match action.every_for {
                Some(w) => ((w / period + 1e-9).floor() as u32 + 1).min(params.every_cap),
                None => params.every_cap.min(4),
            }
            .max(1);
            for k in 0..rounds {
                self.spawn_action(a, t + k as f64 * period, true, 1.0 / rounds as f32);
            }
        } else {
            let cap = params.every_cap.max(1) as f32;
            let i = self.spawn_action(a, t, false, 1.0 / cap);
            self.after_spawn(i);
            let next = Event::Repeat {
                action: a,
                round: 1,
                first: t,
            };
            self.push(t + period, next);
        }
    }

    /// Schedules the completion of an expectation whose completion changes the world.
    fn after_spawn(&mut self, i: ExpectationId) {
        let e = self.log.expectations[i as usize];
        let changes_world = match e.what {
            What::Action(a) => {
                let action = &self.model.actions[a as usize];
                action.assessment || action.public
            }
            What::Report(_) => true,
            _ => false,
        };
        if changes_world && e.done.is_finite() {
            self.push(e.done, Event::Done(i));
        }
        if let What::Action(a) = e.what
            && self.model.actions[a as usize].assessment
        {
            self.response.assessment_busy_until = Some(e.done);
        }
    }

    fn spawn_report(&mut self, line: u16, t: f64) {
        let m = self.model;
        let l = &m.lines[line as usize];
        self.log.coverage.lines[line as usize] = true;
        self.take_draws(4);
        let (engage_draws, work_draw) = self.owner_draws();
        let en = self.engage(l.from, t, engage_draws, WhenAbsent::GiveUp);
        let report_work = m
            .params
            .work_default
            .iter()
            .find(|x| x.0 == "report")
            .map_or(20.0, |x| x.1);
        let work = report_work * 0.5 * libm::exp(m.params.work_sigma * work_draw);
        let done = en.at + work;
        let delay = if en.wait > 0.0 && en.no_backup {
            Delay::new(en.wait, Cause::NoBackup, Target::Backup(en.person))
        } else if en.via_backup && en.handover > en.reach {
            Delay::new(en.handover, Cause::Handover, Target::Backup(en.person))
        } else if en.reach > work {
            Delay::new(en.reach, en.reach_cause, Target::Party(en.person))
        } else {
            Delay::new(work, Cause::Work, Target::Line(line))
        };
        let e = Expectation {
            what: What::Report(line),
            instance: self.response.report_round as u16,
            capability: Capability::Reporting,
            critical: false,
            weight: 1.0,
            triggered: t,
            deadline: t + l.within,
            start: t,
            done,
            post_incident: false,
            by: Some(en.by),
            via_backup: en.via_backup,
            cause: delay.cause,
            target: delay.target,
            cause_minutes: delay.minutes,
            rating: Rating::U,
        };
        let i = self.push_expectation(e);
        self.after_spawn(i);
    }

    fn report_from(&mut self, party: PartyId, t: f64) {
        let m = self.model;
        for (i, l) in m.lines.iter().enumerate() {
            if l.from == party && self.response.line_rounds[i] != self.response.report_round {
                self.response.line_rounds[i] = self.response.report_round;
                self.spawn_report(i as u16, t);
            }
        }
    }

    /// An expectation the plan implies (detect, declare, respond to a level).
    fn implicit(
        &mut self,
        what: What,
        capability: Capability,
        trig: f64,
        allowed: f64,
        target: Target,
    ) -> ExpectationId {
        self.push_expectation(Expectation {
            what,
            instance: 0,
            capability,
            critical: true,
            weight: 1.0,
            triggered: trig,
            deadline: trig + allowed,
            start: trig,
            done: NEVER,
            post_incident: false,
            by: None,
            via_backup: false,
            cause: Cause::None,
            target,
            cause_minutes: 0.0,
            rating: Rating::U,
        })
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
        // Detection by the channels where it appears.
        self.detect_by_channels();
        // Forced: someone calls once reach passes the threshold.
        let forced = self.world.spread.time_of(m.params.forced_reach);
        if forced.is_finite() {
            self.detect_at_most(forced + self.world.call_delay, None);
        }
        self.push(
            0.0,
            Event::LevelCheck {
                version: self.world.version,
            },
        );
        while let Some(q) = self.queue.heap.pop() {
            if q.t > m.params.horizon || self.response.stood_down.is_finite() {
                break;
            }
            self.handle(q.t, q.event);
        }
        self.finish();
    }

    /// Draws the world of the run: the scenario, the onset, the spread and the injects.
    fn draw_world(&mut self) {
        let m = self.model;
        let rng = &mut self.streams.world;
        let u = unit(rng) * m.cumulative.last().copied().unwrap_or(0.0);
        self.scenario = m
            .cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(m.scenarios.len() - 1);
        let sc = &m.scenarios[self.scenario];
        self.draw_onset(sc);
        let rng = &mut self.streams.world;
        let w = &mut self.world;
        for i in 0..ScenarioParam::COUNT {
            w.values.0[i] = between(unit(rng), sc.params.0[i]);
        }
        w.injected.negative = w.values[ScenarioParam::Negative];
        w.injected.casualties = w.values[ScenarioParam::Casualties].round();
        let reach0 = w.values[ScenarioParam::Reach].max(1.0);
        w.spread = Spread {
            t0: 0.0,
            reach0,
            growth: w.values[ScenarioParam::Growth].max(0.0) / 60.0,
            capacity: w.values[ScenarioParam::Capacity].max(reach0 * 1.01),
            talk: w.values[ScenarioParam::Talk].max(0.0),
        };
        w.peak_heat = w.spread.peak_heat(0.0);
        self.draw_injects(sc);
        self.mark(0.0, MarkKind::FirstPost);
        let onset = self.world.onset;
        let night = self.is_night(onset.minute_of_day as u16);
        let o = &mut self.log.outcome;
        o.onset_minute = onset.day_of_week * 1440 + onset.minute_of_day;
        o.night = night;
        o.weekend = onset.day_of_week >= 5;
        o.holiday = onset.holiday_days > 0;
    }

    /// Draws when the incident begins and the delay of an outside call.
    fn draw_onset(&mut self, sc: &Scenario) {
        let p = &self.model.params;
        let rng = &mut self.streams.world;
        // Seven uniforms in this order, whatever the scenario uses.
        let day_draw = unit(rng);
        let minute_draw = unit(rng);
        let weekend_draw = unit(rng);
        let night_draw = unit(rng);
        let holiday_draw = unit(rng);
        let holiday_length_draw = unit(rng);
        let call_delay_draw = unit(rng);
        let mut day = (day_draw * 7.0).floor().min(6.0) as u32;
        let mut minute = (minute_draw * 1440.0).floor().min(1439.0) as u32;
        if weekend_draw < sc.onset.weekend {
            day = 5 + (day_draw * 14.0).floor() as u32 % 2;
        }
        if night_draw < sc.onset.night {
            let len = (p.night_to as u32 + 1440 - p.night_from as u32) % 1440;
            minute = (p.night_from as u32 + (minute_draw * len as f64).floor() as u32) % 1440;
        }
        let holiday_days = if holiday_draw < sc.onset.holiday {
            let (lo, hi) = p.holiday_days;
            lo + ((holiday_length_draw * (hi - lo + 1) as f64).floor() as u32).min(hi - lo)
        } else {
            0
        };
        self.world.onset = Onset {
            day_of_week: day,
            minute_of_day: minute,
            holiday_days,
        };
        self.world.call_delay = p.call_delay.0 * uniform_factor(p.call_delay.1, call_delay_draw);
    }

    /// Draws each inject of the scenario: a fixed number of draws each.
    fn draw_injects(&mut self, sc: &Scenario) {
        self.log.coverage.injects.clear();
        self.log.coverage.injects.resize(sc.injects.len(), false);
        for (i, inj) in sc.injects.iter().enumerate() {
            let rng = &mut self.streams.world;
            let chance_draw = unit(rng);
            let time_draw = unit(rng);
            let fires = chance_draw < inj.chance;
            let at = match (inj.at, inj.after_statement) {
                (_, Some(r)) => between(time_draw, r),
                (Some(r), None) => between(time_draw, r),
                (None, None) => between(time_draw, (0.0, 1440.0)),
            };
            let w = &mut self.world;
            w.effect_offsets.push(w.effect_values.len() as u32);
            for e in &inj.effects {
                let u = unit(rng);
                let v = match e {
                    InjectEffect::Scale(_, range)
                    | InjectEffect::Unavailable(_, range)
                    | InjectEffect::Outage(_, range) => between(u, *range),
                    _ => 0.0,
                };
                w.effect_values.push(v);
            }
            w.injects.push(InjectDraw {
                fires,
                at,
                fired: false,
            });
            if fires && inj.after_statement.is_none() {
                // Known in advance: blocked people and outages.
                self.plan_blocks(i, at);
                self.push(at, Event::Inject(i as u16));
            }
        }
    }

    fn plan_blocks(&mut self, i: usize, at: f64) {
        let inj = &self.model.scenarios[self.scenario].injects[i];
        let w = &mut self.world;
        let base = w.effect_offsets[i] as usize;
        for (j, e) in inj.effects.iter().enumerate() {
            let v = w.effect_values[base + j];
            match e {
                InjectEffect::Unavailable(Some(p), _) => w.absences.push(Absence {
                    party: *p,
                    from: at,
                    until: at + v,
                }),
                InjectEffect::Outage(kind, _) => w.outages.push(Outage {
                    kind: *kind,
                    from: at,
                    until: at + v,
                }),
                _ => {}
            }
        }
    }

    fn detect_at_most(&mut self, t: f64, channel: Option<u16>) {
        let r = &mut self.response;
        if t < r.detection_due && r.detected == NEVER {
            r.detection_due = t;
            r.detection_channel = channel;
            self.push(t, Event::Detect);
        }
    }

    /// The end of an outage covering channels of this kind at t.
    fn outage_until(&self, kind: Option<u8>, t: f64) -> Option<f64> {
        let mut until: Option<f64> = None;
        for o in &self.world.outages {
            if o.covers(kind) && o.from <= t && t < o.until {
                until = Some(until.map_or(o.until, |u: f64| u.max(o.until)));
            }
        }
        until
    }

    /// Integrates each channel's detection hazard (an exponential clock that runs at
    /// the channel's rate: fast with a roster on shift, zero outside its hours or in
    /// an outage) until it reaches the channel's own exponential draw.
    fn detect_by_channels(&mut self) {
        let m = self.model;
        let sc = &m.scenarios[self.scenario];
        for &c in &sc.channels {
            let hazard = exponential(&mut self.streams.detection);
            let ch = &m.channels[c as usize];
            if !ch.watched {
                continue;
            }
            if let Some(t) = self.channel_detection(ch, hazard) {
                self.detect_at_most(t, Some(c));
            }
        }
    }

    /// When a channel's hazard reaches `hazard`, if within the horizon.
    fn channel_detection(&self, ch: &Channel, hazard: f64) -> Option<f64> {
        let horizon = self.model.params.horizon;
        let onset_minute = self.world.onset.minute_of_day as f64;
        let mut t = 0.0f64;
        let mut h = 0.0f64;
        let mut steps = 0;
        while t < horizon && steps < 10_000 {
            steps += 1;
            if let Some(until) = self.outage_until(ch.kind, t) {
                t = until;
                continue;
            }
            let (ty, minute, _) = self.calendar(t);
            let piece = ch.piece(ty, minute);
            let abs = onset_minute + t;
            let day_start = (abs / 1440.0).floor() * 1440.0 - onset_minute;
            let mut end = day_start + piece.to as f64;
            if end <= t {
                end = t + 1.0;
            }
            // Stop at the next outage start.
            for o in &self.world.outages {
                if o.covers(ch.kind) && o.from > t && o.from < end {
                    end = o.from;
                }
            }
            if piece.rate > 0.0 {
                let need = (hazard - h) / piece.rate;
                if t + need <= end {
                    return Some(t + need);
                }
                h += piece.rate * (end - t);
            }
            t = end;
        }
        None
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
            } => self.on_repeat(t, action, round, first),
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
            Event::Declare(l) => self.declare(t, l),
        }
    }

    /// A media inquiry still unanswered by a statement raises media one tier.
    fn on_media_check(&mut self, t: f64, inquiry_at: f64) {
        if self.response.first_statement > t {
            let tier = self.snapshot(t)[Signal::Media as usize];
            let up = (tier + 1.0).min(4.0);
            if up > self.world.injected.media && inquiry_at < t {
                self.world.injected.media = up;
                self.world.version += 1;
                self.signals_changed(t);
            }
        }
    }

    fn fire_inject(&mut self, t: f64, i: u16) {
        let m = self.model;
        let inj = &m.scenarios[self.scenario].injects[i as usize];
        if self.world.injects[i as usize].fired {
            return;
        }
        self.world.injects[i as usize].fired = true;
        self.log.coverage.injects[i as usize] = true;
        self.mark(t, MarkKind::Inject(i));
        let base = self.world.effect_offsets[i as usize] as usize;
        let mut changed = false;
        for (j, e) in inj.effects.iter().enumerate() {
            let v = self.world.effect_values[base + j];
            changed |= self.apply_effect(t, inj, e, v);
        }
        if changed {
            self.world.version += 1;
        }
        if inj.visible && self.response.detected == NEVER {
            // Someone calls: the organization learns of the incident.
            self.detect_at_most(t + self.world.call_delay, None);
        }
        if inj.media && self.response.first_statement == NEVER {
            self.push(
                t + m.params.media_grace,
                Event::MediaCheck { inquiry_at: t },
            );
        }
        if changed {
            self.signals_changed(t);
        }
        if inj.visible && self.response.detected.is_finite() {
            self.reassess(t);
        }
    }

    /// Applies one effect of an inject (`v`: its drawn value); true when it changed the
    /// signals.
    fn apply_effect(&mut self, t: f64, inj: &Inject, e: &InjectEffect, v: f64) -> bool {
        match *e {
            InjectEffect::Set(signal, x) => {
                self.set_signal(t, signal, x);
                true
            }
            InjectEffect::Scale(what, _) => {
                let growth = self.world.spread.growth;
                match what {
                    Scaled::Growth => self.new_segment(t, growth * v, 1.0, 1.0),
                    Scaled::Capacity => self.new_segment(t, growth, v, 1.0),
                    Scaled::Reach => self.new_segment(t, growth, 1.0, v),
                    Scaled::Talk => {
                        self.world.spread.talk *= v;
                        self.world.version += 1;
                    }
                }
                true
            }
            InjectEffect::Unavailable(p, _) => {
                if let Some(p) = p {
                    if inj.after_statement.is_some() {
                        self.world.absences.push(Absence {
                            party: p,
                            from: t,
                            until: t + v,
                        });
                    }
                    self.mark(t, MarkKind::Unavailable(p, v));
                }
                false
            }
            InjectEffect::Outage(kind, _) => {
                if inj.after_statement.is_some() {
                    self.world.outages.push(Outage {
                        kind,
                        from: t,
                        until: t + v,
                    });
                }
                self.mark(t, MarkKind::Outage(v));
                false
            }
            InjectEffect::Raise(Some(event)) => {
                if self.response.detected.is_finite() {
                    self.spawn_event(t, event);
                } else {
                    self.response.pending_events.push(event);
                }
                false
            }
            InjectEffect::Raise(None) => false,
        }
    }

    fn set_signal(&mut self, t: f64, signal: Signal, x: f64) {
        let injected = &mut self.world.injected;
        match signal {
            Signal::Media => injected.media = injected.media.max(x),
            Signal::HotSearch => injected.hot_search = x != 0.0,
            Signal::Official => injected.official = x != 0.0,
            Signal::Negative => injected.negative = x,
            Signal::Casualties => injected.casualties = x,
            Signal::Reach => {
                let spread = self.world.spread;
                let f = (x / spread.reach(t).max(1.0)).max(1.0);
                self.new_segment(t, spread.growth, 1.0, f);
            }
            Signal::Growth => self.new_segment(t, x / 60.0, 1.0, 1.0),
            Signal::Heat => {}
        }
    }

    fn spawn_event(&mut self, t: f64, event: u16) {
        self.spawn_trigger(t, |a| a.trigger == Trigger::Event(event), false);
    }

    fn on_detect(&mut self, t: f64) {
        let m = self.model;
        self.response.detected = t;
        self.log.outcome.detect = t;
        self.mark(t, MarkKind::Detect(self.response.detection_channel));
        // The detection expectation.
        let i = self.implicit(
            What::Detect,
            Capability::Monitoring,
            0.0,
            m.params.detect_deadline,
            Target::Plan,
        );
        let (cause, target) = self.detection_cause(t);
        let e = &mut self.log.expectations[i as usize];
        e.done = t;
        e.set_delay(Delay::new(t, cause, target));
        if m.assessment.is_none() {
            self.response.declaration_delay = Delay::new(0.0, Cause::NoAssessment, Target::Plan);
        }
        self.spawn_trigger(t, |a| a.trigger == Trigger::Detect, false);
        let pending = std::mem::take(&mut self.response.pending_events);
        for event in &pending {
            self.spawn_event(t, *event);
        }
        self.response.pending_events = pending;
        self.response.pending_events.clear();
        // Levels reached before detection are due from now.
        if let Some(l) = self.response.true_level {
            self.level_reached(t, l);
        }
    }

    fn detection_cause(&self, t: f64) -> (Cause, Target) {
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
        let ch = &self.model.channels[c as usize];
        if self
            .world
            .outages
            .iter()
            .any(|o| o.covers(ch.kind) && o.from < t)
        {
            return (
                Cause::Outage,
                self.model
                    .platform_span
                    .map_or(Target::Channel(c), |_| Target::Platform),
            );
        }
        let (ty, minute, _) = self.calendar(0.0);
        let piece = ch.piece(ty, minute);
        if piece.rate == 0.0 {
            (Cause::OffHours, Target::Hours(c))
        } else if !(piece.on_duty || (ty == DayType::Workday && (540..1080).contains(&minute))) {
            (Cause::NoRoster, Target::Channel(c))
        } else {
            (Cause::SlowDetect, Target::Channel(c))
        }
    }

    /// The true level changed upward to `l` (or was already there at detection).
    fn level_reached(&mut self, t: f64, l: u8) {
        let m = self.model;
        let coverage = &mut self.log.coverage;
        if coverage.levels_reached & (1 << l) != 0 && self.response.detected < t {
            return;
        }
        coverage.levels_reached |= 1 << l;
        let allowed = m
            .assessment
            .map_or(m.params.declare_deadline, |a| m.actions[a as usize].within);
        if !m.levels[l as usize].has_actions {
            let i = self.implicit(
                What::NoAction(l),
                Capability::Coordination,
                t,
                allowed,
                Target::Level(l),
            );
            self.log.expectations[i as usize].cause = Cause::LevelNoActions;
        }
        if self.response.declared >= Some(l) {
            return;
        }
        self.implicit(
            What::Declare(l),
            Capability::Assessment,
            t,
            allowed,
            Target::Level(l),
        );
    }

    /// Marks on the timeline the first time the incident trends, draws a regulator's
    /// attention, or reaches a higher media tier.
    fn mark_attention(&mut self, t: f64, s: &Snapshot) {
        let now = SeenSignals {
            hot_search: s[Signal::HotSearch as usize] != 0.0,
            official: s[Signal::Official as usize] != 0.0,
            media_tier: s[Signal::Media as usize] as u8,
        };
        let before = self.response.seen;
        if now.hot_search && !before.hot_search {
            self.mark(t, MarkKind::HotSearch);
        }
        if now.official && !before.official {
            self.mark(t, MarkKind::Official);
        }
        if now.media_tier > before.media_tier {
            self.mark(t, MarkKind::MediaUp(now.media_tier));
        }
        self.response.seen = now;
    }

    /// Re-evaluates the true level and schedules what follows from the signals.
    fn signals_changed(&mut self, t: f64) {
        let s = self.snapshot(t);
        let level = self.level_at(&s);
        if self.record {
            self.mark_attention(t, &s);
        }
        if level != self.response.true_level {
            let up = level > self.response.true_level;
            self.response.true_level = level;
            self.mark(t, MarkKind::TrueLevel(level));
            if self.response.detected.is_finite() {
                if up && let Some(l) = level {
                    self.level_reached(t, l);
                }
                if level != self.response.declared && !self.response.reassess_pending {
                    self.response.reassess_pending = true;
                    let d = self.notice_delay(t);
                    self.push(t + d, Event::Reassess);
                }
            }
        }
        let next = self.next_crossing(t);
        if next.is_finite() {
            let version = self.world.version;
            self.push(next + 0.01, Event::LevelCheck { version });
        }
        if self.response.declared.is_some() && self.response.stood_down == NEVER {
            self.plan_stand_down(t);
        }
    }

    /// How long the team takes to notice that the situation changed.
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
        mean * exponential(&mut self.streams.response)
    }

    fn reassess(&mut self, t: f64) {
        let Some(a) = self.model.assessment else {
            return;
        };
        if self.response.assessment_busy_until.is_some_and(|u| u > t) {
            return;
        }
        if self.response.true_level == self.response.declared {
            return;
        }
        let i = self.spawn_action(a, t, false, 0.5);
        self.after_spawn(i);
    }

    fn on_done(&mut self, t: f64, i: ExpectationId) {
        let e = self.log.expectations[i as usize];
        match e.what {
            What::Action(a) => {
                let action = &self.model.actions[a as usize];
                if action.assessment {
                    self.assessed(t, e);
                }
                if action.public && self.response.first_statement == NEVER {
                    self.statement(t, a);
                }
            }
            What::Report(line) => {
                let to = self.model.lines[line as usize].to;
                self.report_from(to, t);
                // A report to a command body goes on through its lead.
                let party = &self.model.parties[to as usize];
                if party.kind == PartyKind::Body
                    && let Some(lead) = party.lead
                {
                    self.report_from(lead, t);
                }
            }
            _ => {}
        }
    }

    fn assessed(&mut self, t: f64, e: Expectation) {
        let m = self.model;
        let l = self.level_at(&self.snapshot(t));
        if l == self.response.declared {
            return;
        }
        // Why the declaration came when it did (for late declarations).
        let lag = e.triggered - self.last_level_up_time();
        self.response.declaration_delay = if lag > e.done - e.triggered {
            Delay::new(
                lag,
                Cause::ReassessLate,
                Target::Action(m.assessment.unwrap_or(0)),
            )
        } else {
            Delay::new(e.cause_minutes, e.cause, e.target)
        };
        if l > self.response.declared
            && let Some(level) = l
            && let Some(d) = m.levels[level as usize].declared_by
            && Some(d) != e.by
        {
            let en = self.engage_fresh(d, t);
            if en.at - t > self.response.declaration_delay.minutes {
                self.response.declaration_delay = en.delay_since(t);
            }
            self.push(en.at, Event::Declare(l));
        } else {
            self.declare(t, l);
        }
    }

    fn last_level_up_time(&self) -> f64 {
        self.log
            .expectations
            .iter()
            .rev()
            .find(|e| matches!(e.what, What::Declare(_)))
            .map_or(0.0, |e| e.triggered)
    }

    fn declare(&mut self, t: f64, l: Option<u8>) {
        let old = self.response.declared;
        if l == old || self.response.stood_down.is_finite() {
            return;
        }
        self.response.declared = l;
        self.mark(t, MarkKind::Declare(l));
        if self.response.first_declaration.is_none() && l.is_some() {
            self.response.first_declaration = Some(t);
        }
        // Resolve pending declaration expectations.
        let delay = self.response.declaration_delay;
        for e in self.log.expectations.iter_mut() {
            if let What::Declare(x) = e.what
                && e.done == NEVER
                && Some(x) <= l
            {
                e.done = t;
                e.set_delay(delay);
            }
        }
        let Some(level) = l else {
            return;
        };
        self.start_level(t, level, old);
        self.plan_stand_down(t);
    }

    /// What a declaration of `level` (over `old`) starts: the level's actions not yet
    /// started, upgrade or downgrade actions, and reports up the lines.
    fn start_level(&mut self, t: f64, level: u8, old: Option<u8>) {
        let m = self.model;
        self.log.coverage.levels_declared |= 1 << level;
        let bit = 1u64 << level;
        let pick = |a: &Action| matches!(a.trigger, Trigger::Levels(b) if b & bit != 0);
        let candidates: Vec<ActionId> = m
            .order
            .iter()
            .copied()
            .filter(|&a| pick(&m.actions[a as usize]) && self.response.instances[a as usize] == 0)
            .collect();
        for a in candidates {
            self.start_action(a, t, false);
        }
        let l = Some(level);
        if old.is_some() && l > old {
            self.spawn_trigger(t, |a| a.trigger == Trigger::Upgrade, false);
        } else if old.is_some() && l < old {
            self.spawn_trigger(t, |a| a.trigger == Trigger::Downgrade, false);
        }
        if l > old {
            // Report up the lines, from the party that assessed.
            self.response.report_round += 1;
            let from = m
                .assessment
                .and_then(|a| m.actions[a as usize].owner)
                .or(m.commander);
            if let Some(p) = from {
                self.report_from(p, t);
            }
        }
    }

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
        self.new_segment(t, self.world.spread.growth * f, f, 1.0);
        let sc = &m.scenarios[self.scenario];
        for (i, inj) in sc.injects.iter().enumerate() {
            let draw = self.world.injects[i];
            if inj.after_statement.is_some() && draw.fires {
                self.push(t + draw.at, Event::Inject(i as u16));
            }
        }
        self.signals_changed(t);
    }

    fn on_repeat(&mut self, t: f64, a: ActionId, round: u16, first: f64) {
        let m = self.model;
        let action = &m.actions[a as usize];
        let active = match action.trigger {
            Trigger::Levels(bits) => self.response.declared.is_some_and(|d| bits & (1 << d) != 0),
            _ => true,
        };
        let period = action.every.unwrap_or(m.params.horizon);
        if !active || round as u32 >= m.params.every_cap || t + period > m.params.horizon {
            return;
        }
        // A bounded repetition (`every 1d for 7d`) ends with its window.
        if action.every_for.is_some_and(|w| t > first + w + 1e-9) {
            return;
        }
        let cap = m.params.every_cap.max(1) as f32;
        let i = self.spawn_action(a, t, false, 1.0 / cap);
        self.after_spawn(i);
        if let Some(p) = action.every {
            let next = Event::Repeat {
                action: a,
                round: round + 1,
                first,
            };
            self.push(first + (round as f64 + 1.0) * p, next);
        }
    }

    /// Finds when the stand-down condition of the declared level will have held long
    /// enough, if nothing else happens.
    fn plan_stand_down(&mut self, t: f64) {
        let m = self.model;
        let planned = (self.world.version, self.response.declared);
        // Nothing changed since the last plan: the check already queued stands.
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
            if holds(&self.snapshot(at)) {
                let check = Event::StandDownCheck {
                    version: self.world.version,
                    level: self.response.declared,
                };
                self.push(at + hold, check);
                return;
            }
            let next = match rule {
                Some(_) => self.next_crossing(at),
                None => self.next_crossing_with(at, (Signal::Heat, heat_limit)),
            };
            if !next.is_finite() {
                return;
            }
            at = next + 0.01;
        }
    }

    fn decide_stand_down(&mut self, t: f64) {
        let m = self.model;
        let who = m
            .levels
            .get(self.response.declared.unwrap_or(0) as usize)
            .and_then(|l| l.declared_by)
            .or(m.commander);
        match who {
            Some(p) => {
                let en = self.engage_fresh(p, t);
                self.push(en.at, Event::StandDown);
            }
            None => self.push(t, Event::StandDown),
        }
    }

    fn on_stand_down(&mut self, t: f64) {
        if self.response.stood_down.is_finite() {
            return;
        }
        self.response.stood_down = t;
        self.log.outcome.stand_down = t;
        self.mark(t, MarkKind::StandDown);
        self.spawn_trigger(t, |a| a.trigger == Trigger::StandDown, true);
    }

    /// Rates every expectation and records the outcome measures.
    fn finish(&mut self) {
        let m = self.model;
        let end_t = if self.response.stood_down.is_finite() {
            self.response.stood_down
        } else {
            m.params.horizon
        };
        self.log.outcome.peak_reach = self.world.spread.reach(end_t);
        if self.response.detected == NEVER {
            // Never detected: the detection expectation fails.
            let i = self.implicit(
                What::Detect,
                Capability::Monitoring,
                0.0,
                m.params.detect_deadline,
                Target::Plan,
            );
            let (cause, target) = self.detection_cause(m.params.horizon);
            let e = &mut self.log.expectations[i as usize];
            e.cause = cause;
            e.target = target;
        }
        let r = &self.response;
        let o = &mut self.log.outcome;
        o.detect = r.detected;
        o.declare = r.first_declaration.unwrap_or(NEVER);
        o.statement = r.first_statement;
        o.stand_down = r.stood_down;
        // Declarations never made: say why.
        let never = match m.assessment {
            None => (Cause::NoAssessment, None),
            Some(a) => (Cause::ReassessLate, Some(a)),
        };
        for e in self.log.expectations.iter_mut() {
            // Post-incident work has no horizon: it is rated however late it is done.
            let limit = if e.post_incident {
                NEVER
            } else {
                m.params.horizon
            };
            e.rating = rate(e, limit, never);
        }
        self.mark(end_t, MarkKind::End);
    }
}

/// Rates an expectation done by `limit` (else U, saying why); a declaration never made
/// takes the cause in `never`.
fn rate(e: &mut Expectation, limit: f64, never: (Cause, Option<ActionId>)) -> Rating {
    let allowed = (e.deadline - e.triggered).max(0.0);
    let took = e.done - e.triggered;
    if !e.done.is_finite() || e.done > limit {
        if let What::Declare(l) = e.what
            && e.cause == Cause::None
        {
            e.cause = never.0;
            e.target = never.1.map_or(Target::Level(l), Target::Action);
        }
        if e.cause == Cause::None {
            e.cause = Cause::Horizon;
        }
        Rating::U
    } else if took <= allowed + 1e-9 {
        Rating::P
    } else if took <= 2.0 * allowed + 1e-9 {
        Rating::S
    } else {
        Rating::M
    }
}
