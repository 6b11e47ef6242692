//! One drill run: an event-driven simulation in simulated minutes from the first post.
//!
//! Three random streams per seed keep plans comparable seed by seed: stream 0 draws
//! the world (scenario, onset, spread, injects), stream 1 the response (reach times,
//! hand-overs, work), stream 2 the detection delays. A plan change moves only what it
//! touches; a deadline never changes any draw at all.

use super::model::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

pub const INF: f64 = f64::INFINITY;

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

/// An expectation: who must do what by when, and what happened.
#[derive(Clone, Copy, Debug)]
pub struct Exp {
    pub what: What,
    pub instance: u16,
    pub cap: u8,
    pub critical: bool,
    /// Weight within its capability (instances of an `every` action share one).
    pub weight: f32,
    pub trig: f64,
    pub deadline: f64,
    /// When the work could start (after dependencies).
    pub start: f64,
    pub done: f64,
    /// Post-incident (after stand-down).
    pub post: bool,
    /// The party that did it (the owner, or its backup).
    pub by: Option<PartyId>,
    pub via_backup: bool,
    pub cause: Cause,
    pub target: Target,
    /// Minutes the cause took (shown in findings).
    pub cause_minutes: f64,
    pub rating: Rating,
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
    TrueLevel(i8),
    Declare(i8),
    Statement(ActionId),
    MediaUp(u8),
    HotSearch,
    Official,
    StandDown,
    Unavailable(PartyId, f64),
    Outage(f64),
    End,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Ev {
    Inject(u16),
    Detect,
    LevelCheck(u32),
    Done(u32),
    Every(ActionId, u16, f64),
    MediaCheck(f64),
    StandDownCheck(u32, i8),
    StandDown,
    Reassess,
    Declare(i8),
}

#[derive(Clone, Copy, Debug)]
struct Queued {
    t: f64,
    seq: u32,
    ev: Ev,
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

/// The logistic spread since `t0`.
#[derive(Clone, Copy, Debug)]
struct Seg {
    t0: f64,
    r0: f64,
    /// Growth rate per minute.
    g: f64,
    k: f64,
    talk: f64,
}

impl Seg {
    fn reach(&self, t: f64) -> f64 {
        let dt = (t - self.t0).max(0.0);
        self.k / (1.0 + (self.k / self.r0 - 1.0) * libm::exp(-self.g * dt))
    }
    /// The time reach gets to `x` (INF if it never does).
    fn time_of(&self, x: f64) -> f64 {
        if x <= self.r0 {
            return self.t0;
        }
        if x >= self.k || self.g <= 0.0 {
            return INF;
        }
        let ratio = (self.k / x - 1.0) / (self.k / self.r0 - 1.0);
        self.t0 - libm::log(ratio) / self.g
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
    pub max_true_level: i8,
    pub max_declared: i8,
}

/// The reusable state of a simulation: one per thread, cleared per run.
pub struct Runner<'m> {
    pub m: &'m DrillModel,
    pub record: bool,
    world: ChaCha8Rng,
    resp: ChaCha8Rng,
    det: ChaCha8Rng,
    pub seed: u64,
    pub scenario: usize,
    onset_dow: u32,
    onset_mod: u32,
    holiday_days: u32,
    prm: [f64; N_PARAMS],
    seg: Seg,
    version: u32,
    media_set: f64,
    hot_set: bool,
    official_set: bool,
    negative: f64,
    casualties: f64,
    pub detected: f64,
    detect_at: f64,
    detect_channel: Option<u16>,
    call_delay: f64,
    pub declared: i8,
    true_level: i8,
    first_statement: f64,
    pub stood_down: f64,
    post_end: f64,
    reassess_pending: bool,
    assess_busy_until: f64,
    last_assess_trig: f64,
    engaged: Vec<f64>,
    unavail: Vec<(PartyId, f64, f64)>,
    outages: Vec<(Option<u8>, f64, f64)>,
    injects: Vec<InjectDraw>,
    effect_draws: Vec<f64>,
    effect_start: Vec<u32>,
    instances: Vec<u16>,
    last_done: Vec<f64>,
    line_epoch: Vec<u32>,
    epoch: u32,
    pending_events: Vec<u16>,
    draws: Vec<f64>,
    pub exps: Vec<Exp>,
    heap: BinaryHeap<Queued>,
    seq: u32,
    peak_heat: f64,
    pub marks: Vec<Mark>,
    pub outcome: Outcome,
    /// Coverage of this run.
    pub fired_actions: Vec<bool>,
    pub fired_injects: Vec<bool>,
    pub fired_lines: Vec<bool>,
    pub reached_levels: u64,
    pub declared_levels: u64,
    flags: (bool, bool, u8),
    cross: Vec<f64>,
    cross_version: u32,
    sd_planned: (u32, i8),
    detect_cause: (Cause, Target),
    last_declare_cause: (Cause, Target, f64),
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

fn expo(r: &mut ChaCha8Rng) -> f64 {
    -libm::log(1.0 - unit(r))
}

fn between(u: f64, (lo, hi): (f64, f64)) -> f64 {
    lo + u * (hi - lo)
}

impl<'m> Runner<'m> {
    pub fn new(m: &'m DrillModel) -> Runner<'m> {
        let seed = ChaCha8Rng::seed_from_u64(0);
        Runner {
            m,
            record: false,
            world: seed.clone(),
            resp: seed.clone(),
            det: seed,
            seed: 0,
            scenario: 0,
            onset_dow: 0,
            onset_mod: 0,
            holiday_days: 0,
            prm: [0.0; N_PARAMS],
            seg: Seg {
                t0: 0.0,
                r0: 1.0,
                g: 0.0,
                k: 2.0,
                talk: 0.0,
            },
            version: 0,
            media_set: 0.0,
            hot_set: false,
            official_set: false,
            negative: 0.0,
            casualties: 0.0,
            detected: INF,
            detect_at: INF,
            detect_channel: None,
            call_delay: 0.0,
            declared: -1,
            true_level: -1,
            first_statement: INF,
            stood_down: INF,
            post_end: INF,
            reassess_pending: false,
            assess_busy_until: -1.0,
            last_assess_trig: 0.0,
            engaged: vec![INF; m.parties.len()],
            unavail: Vec::new(),
            outages: Vec::new(),
            injects: Vec::new(),
            effect_draws: Vec::new(),
            effect_start: Vec::new(),
            instances: vec![0; m.actions.len()],
            last_done: vec![INF; m.actions.len()],
            line_epoch: vec![0; m.lines.len()],
            epoch: 0,
            pending_events: Vec::new(),
            draws: Vec::new(),
            exps: Vec::new(),
            heap: BinaryHeap::new(),
            seq: 0,
            peak_heat: 0.0,
            marks: Vec::new(),
            outcome: Outcome::default(),
            fired_actions: vec![false; m.actions.len()],
            fired_injects: Vec::new(),
            fired_lines: vec![false; m.lines.len()],
            reached_levels: 0,
            declared_levels: 0,
            flags: (false, false, 0),
            cross: Vec::new(),
            cross_version: u32::MAX,
            sd_planned: (u32::MAX, -2),
            detect_cause: (Cause::None, Target::Plan),
            last_declare_cause: (Cause::None, Target::Plan, 0.0),
        }
    }

    fn reset(&mut self, seed: u64) {
        self.seed = seed;
        self.world = ChaCha8Rng::seed_from_u64(seed);
        self.resp = self.world.clone();
        self.resp.set_stream(1);
        self.det = self.world.clone();
        self.det.set_stream(2);
        self.version = 0;
        self.media_set = 0.0;
        self.hot_set = false;
        self.official_set = false;
        self.detected = INF;
        self.detect_at = INF;
        self.detect_channel = None;
        self.declared = -1;
        self.true_level = -1;
        self.first_statement = INF;
        self.stood_down = INF;
        self.post_end = INF;
        self.reassess_pending = false;
        self.assess_busy_until = -1.0;
        self.last_assess_trig = 0.0;
        self.engaged.iter_mut().for_each(|x| *x = INF);
        self.unavail.clear();
        self.outages.clear();
        self.injects.clear();
        self.effect_draws.clear();
        self.effect_start.clear();
        self.instances.iter_mut().for_each(|x| *x = 0);
        self.last_done.iter_mut().for_each(|x| *x = INF);
        self.line_epoch.iter_mut().for_each(|x| *x = 0);
        self.epoch = 0;
        self.pending_events.clear();
        self.exps.clear();
        self.heap.clear();
        self.seq = 0;
        self.peak_heat = 0.0;
        self.marks.clear();
        self.outcome = Outcome::default();
        self.fired_actions.iter_mut().for_each(|x| *x = false);
        self.fired_lines.iter_mut().for_each(|x| *x = false);
        self.reached_levels = 0;
        self.declared_levels = 0;
        self.flags = (false, false, 0);
        self.cross_version = u32::MAX;
        self.sd_planned = (u32::MAX, -2);
        self.detect_cause = (Cause::None, Target::Plan);
        self.last_declare_cause = (Cause::None, Target::Plan, 0.0);
    }

    fn mark(&mut self, t: f64, kind: MarkKind) {
        if self.record {
            self.marks.push(Mark { t, kind });
        }
    }

    fn push(&mut self, t: f64, ev: Ev) {
        if t.is_finite() && t <= self.m.params.horizon {
            self.seq += 1;
            self.heap.push(Queued {
                t,
                seq: self.seq,
                ev,
            });
        }
    }

    // ───────── calendar ─────────

    /// (day type, minute of day, day of week) at time t.
    pub fn calendar(&self, t: f64) -> (usize, u16, u32) {
        let abs = self.onset_mod as f64 + t.max(0.0);
        let day = (abs / 1440.0).floor();
        let minute = (abs - day * 1440.0).floor().clamp(0.0, 1439.0) as u16;
        let day = day as u32;
        let dow = (self.onset_dow + day) % 7;
        let ty = if day < self.holiday_days {
            HOLIDAY
        } else if dow >= 5 {
            WEEKEND
        } else {
            WORKDAY
        };
        (ty, minute, dow)
    }

    fn is_night(&self, minute: u16) -> bool {
        let p = &self.m.params;
        if p.night_from > p.night_to {
            minute >= p.night_from || minute < p.night_to
        } else {
            minute >= p.night_from && minute < p.night_to
        }
    }

    // ───────── signals ─────────

    fn snapshot(&self, t: f64) -> [f64; 8] {
        let s = &self.seg;
        let r = s.reach(t);
        let growth = 60.0 * s.g * (1.0 - r / s.k);
        let heat = s.talk * 60.0 * s.g * r * (1.0 - r / s.k);
        let mut media = self.media_set;
        if r >= self.prm[P_PROVINCIAL] {
            media = media.max(2.0);
        }
        if r >= self.prm[P_NATIONAL] {
            media = media.max(3.0);
        }
        let hot = self.hot_set || r >= self.prm[P_HOT];
        let official = self.official_set || r >= self.prm[P_OFFICIAL];
        [
            r,
            growth,
            heat,
            media,
            hot as u8 as f64,
            official as u8 as f64,
            self.negative,
            self.casualties,
        ]
    }

    fn level_at(&self, s: &[f64; 8]) -> i8 {
        for (i, l) in self.m.levels.iter().enumerate().rev() {
            if l.cond.as_ref().is_some_and(|c| c.eval(s)) {
                return i as i8;
            }
        }
        -1
    }

    /// The reach at which a threshold on a continuous signal is crossed in the current
    /// segment, pushed into `out`.
    fn reach_points(&self, sig: Sig, x: f64, out: &mut impl FnMut(f64)) {
        let s = &self.seg;
        match sig {
            Sig::Reach => out(x),
            Sig::Growth if s.g > 0.0 => out(s.k * (1.0 - x / (60.0 * s.g))),
            Sig::Heat if s.g > 0.0 && s.talk > 0.0 => {
                let q = x / (60.0 * s.g * s.talk);
                let disc = s.k * s.k / 4.0 - q * s.k;
                if disc > 0.0 {
                    let r = disc.sqrt();
                    out(s.k / 2.0 - r);
                    out(s.k / 2.0 + r);
                }
            }
            _ => {}
        }
    }

    /// The next time after `now` when a threshold is crossed.
    fn next_crossing(&mut self, now: f64, extra: Option<(Sig, f64)>) -> f64 {
        if extra.is_none() {
            // The reach values of every threshold, sorted, cached per segment.
            if self.cross_version != self.version {
                self.cross_version = self.version;
                let mut v = std::mem::take(&mut self.cross);
                v.clear();
                for &(sig, x) in &self.m.thresholds {
                    self.reach_points(sig, x, &mut |r| v.push(r));
                }
                for i in [P_HOT, P_PROVINCIAL, P_NATIONAL, P_OFFICIAL] {
                    v.push(self.prm[i]);
                }
                v.sort_by(f64::total_cmp);
                self.cross = v;
            }
            let r_now = self.seg.reach(now) * (1.0 + 1e-9) + 1e-9;
            let i = self.cross.partition_point(|&x| x <= r_now);
            for &x in &self.cross[i..] {
                let t = self.seg.time_of(x);
                if t > now {
                    return t;
                }
            }
            return INF;
        }
        let r_now = self.seg.reach(now) * (1.0 + 1e-9) + 1e-9;
        let mut best = INF;
        let mut consider = |x: f64| {
            if x > r_now {
                let t = self.seg.time_of(x);
                if t > now && t < best {
                    best = t;
                }
            }
        };
        for &(sig, x) in &self.m.thresholds {
            self.reach_points(sig, x, &mut consider);
        }
        if let Some((sig, x)) = extra {
            self.reach_points(sig, x, &mut consider);
        }
        for i in [P_HOT, P_PROVINCIAL, P_NATIONAL, P_OFFICIAL] {
            consider(self.prm[i]);
        }
        best
    }

    fn new_segment(&mut self, t: f64, g: f64, k_remaining_factor: f64, reach_factor: f64) {
        let r = self.seg.reach(t) * reach_factor;
        let k_old = self.seg.k.max(r * 1.0001);
        let k = (r + (k_old - r) * k_remaining_factor).max(r * 1.0001);
        self.seg = Seg {
            t0: t,
            r0: r.max(1.0),
            g: g.max(0.0),
            k,
            talk: self.seg.talk,
        };
        self.version += 1;
        self.peak_heat = self.peak_heat.max(self.segment_peak_heat(t));
    }

    fn segment_peak_heat(&self, t: f64) -> f64 {
        let s = &self.seg;
        let r = s.reach(t);
        let rp = if r < s.k / 2.0 { s.k / 2.0 } else { r };
        s.talk * 60.0 * s.g * rp * (1.0 - rp / s.k)
    }

    // ───────── people ─────────

    fn unavailable_until(&self, p: PartyId, t: f64) -> Option<f64> {
        let mut until: Option<f64> = None;
        for &(q, a, b) in &self.unavail {
            if q == p && a <= t && t < b {
                until = Some(until.map_or(b, |u: f64| u.max(b)));
            }
        }
        until
    }

    fn on_duty(&self, p: PartyId, t: f64) -> bool {
        let (ty, minute, _) = self.calendar(t);
        self.m.parties[p as usize].duty[ty]
            .iter()
            .any(|&(a, b)| a <= minute && minute < b)
    }

    /// Time to reach a party at `t`, and whether it was at night / off hours.
    fn reach(&mut self, p: PartyId, t: f64, z: f64) -> (f64, Cause) {
        let prm = &self.m.params;
        let (median, cause) = if self.engaged[p as usize] <= t {
            (prm.reach_engaged, Cause::ReachSlow)
        } else if self.on_duty(p, t) {
            (prm.reach_duty, Cause::ReachSlow)
        } else {
            let (ty, minute, _) = self.calendar(t);
            if self.is_night(minute) {
                (prm.reach_night, Cause::ReachNight)
            } else if ty == WORKDAY && minute >= prm.office_from && minute < prm.office_to {
                (prm.reach_office, Cause::ReachSlow)
            } else {
                (prm.reach_evening, Cause::ReachOffHours)
            }
        };
        let r = median * libm::exp(prm.reach_sigma * z);
        let e = &mut self.engaged[p as usize];
        *e = e.min(t + r);
        (r, cause)
    }

    /// The person behind a party: a body is convened by its lead.
    fn person(&self, p: PartyId) -> PartyId {
        let pm = &self.m.parties[p as usize];
        match (pm.kind, pm.lead) {
            (PartyKind::Body, Some(l)) => l,
            _ => p,
        }
    }

    fn backup_of(&self, p: PartyId, person: PartyId) -> Option<PartyId> {
        self.m.parties[person as usize]
            .backup
            .or(if p != person {
                self.m.parties[p as usize].backup
            } else {
                None
            })
            .filter(|&b| b != person)
    }

    /// Engages a party at `t`: (time it starts, by whom, components). An unavailable
    /// party is replaced by its backup after a hand-over; with no backup the work is
    /// not done at all ("no backup, no action") unless `wait`, when it waits for the
    /// party to come back (declarations and stand-down, which only the plan's
    /// declarer can make).
    fn engage(&mut self, p: PartyId, t: f64, z: f64, zb: f64, uh: f64, wait: bool) -> Engage {
        let person = self.person(p);
        match self.unavailable_until(person, t) {
            None => {
                let (r, cause) = self.reach(person, t, z);
                Engage {
                    at: t + r,
                    by: person,
                    via_backup: false,
                    wait: 0.0,
                    reach: r,
                    reach_cause: cause,
                    handover: 0.0,
                    no_backup: false,
                    person,
                }
            }
            Some(until) => {
                let backup = self.backup_of(p, person);
                match backup {
                    Some(b) if self.unavailable_until(b, t).is_none() => {
                        let (hm, hs) = self.m.params.handover;
                        let h = hm * libm::exp(hs * (uh * 2.0 - 1.0) * 1.7);
                        let (r, cause) = self.reach(b, t + h, zb);
                        Engage {
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
                    None if !wait => Engage {
                        at: INF,
                        by: person,
                        via_backup: false,
                        wait: INF,
                        reach: 0.0,
                        reach_cause: Cause::None,
                        handover: 0.0,
                        no_backup: true,
                        person,
                    },
                    _ => {
                        let (r, cause) = self.reach(person, until, z);
                        Engage {
                            at: until + r,
                            by: person,
                            via_backup: false,
                            wait: until - t,
                            reach: r,
                            reach_cause: cause,
                            handover: 0.0,
                            no_backup: backup.is_none(),
                            person,
                        }
                    }
                }
            }
        }
    }

    // ───────── expectations ─────────

    fn take_draws(&mut self, n: usize) {
        self.draws.clear();
        for i in 0..n {
            // Normal draws for reach and work; uniforms are derived where needed.
            let x = if i % 4 == 2 {
                unit(&mut self.resp)
            } else {
                normal(&mut self.resp)
            };
            self.draws.push(x);
        }
    }

    /// Spawns one instance of an action triggered at `trig`.
    fn spawn_action(&mut self, a: ActionId, trig: f64, post: bool, weight: f32) -> u32 {
        let m = self.m;
        let am = &m.actions[a as usize];
        let k = self.instances[a as usize];
        self.instances[a as usize] = k.saturating_add(1);
        self.fired_actions[a as usize] = true;
        self.take_draws(am.draws);
        let mut start = trig;
        let mut dep_wait_on: Option<ActionId> = None;
        for &d in &am.after {
            let dd = if self.instances[d as usize] == 0 {
                INF
            } else {
                self.last_done[d as usize]
            };
            if dd > start {
                start = dd;
                dep_wait_on = Some(d);
            }
        }
        let deadline = trig + am.within;
        let mut e = Exp {
            what: What::Action(a),
            instance: k,
            cap: am.capability,
            critical: am.critical && k == 0,
            weight,
            trig,
            deadline,
            start,
            done: INF,
            post,
            by: None,
            via_backup: false,
            cause: Cause::None,
            target: Target::Action(a),
            cause_minutes: 0.0,
            rating: Rating::U,
        };
        let Some(owner) = am.owner else {
            e.cause = Cause::NoOwner;
            return self.push_exp(e);
        };
        if !start.is_finite() {
            e.cause = Cause::Dependency;
            e.target = Target::After(a);
            return self.push_exp(e);
        }
        // Components, for the cause of a delay.
        let mut comps: [(f64, Cause, Target); 6] = [(0.0, Cause::None, Target::Plan); 6];
        comps[0] = (start - trig, Cause::Dependency, Target::After(a));
        let d = [self.draws[0], self.draws[1], self.draws[2], self.draws[3]];
        let en = self.engage(owner, start, d[0], d[1], d[2], false);
        e.by = Some(en.by);
        e.via_backup = en.via_backup;
        let owner_target = Target::Party(en.person);
        comps[1] = if en.wait > 0.0 {
            (
                en.wait,
                if en.no_backup {
                    Cause::NoBackup
                } else {
                    Cause::ReachSlow
                },
                Target::Backup(en.person),
            )
        } else if en.via_backup {
            (en.handover, Cause::Handover, Target::Backup(en.person))
        } else {
            (0.0, Cause::None, owner_target)
        };
        comps[2] = (en.reach, en.reach_cause, owner_target);
        let mut t = en.at;
        let mut consult = 0.0f64;
        for (i, &c) in am.consult.iter().enumerate() {
            let (r, _) = self.reach(c, t, self.draws[4 + i]);
            consult = consult.max(r);
        }
        // Consultation runs alongside the work: whichever takes longer counts.
        let work = am.work * libm::exp(m.params.work_sigma * d[3]);
        t += work.max(consult);
        if consult > work {
            comps[3] = (consult, Cause::Consult, Target::Consult(a));
        } else {
            comps[4] = (work, Cause::Work, Target::Within(a));
        }
        let mut approval = 0.0;
        let mut approval_cause = (Cause::Approval, Target::Approve(a));
        let base = 4 + am.consult.len();
        for (i, &ap) in am.approvers.iter().enumerate() {
            let z = self.draws[base + 3 * i];
            let zb = self.draws[base + 3 * i + 1];
            let zw = self.draws[base + 3 * i + 2];
            let en = self.engage(ap, t, z, zb, (zw.abs() * 0.5).min(1.0), false);
            let (wm, ws) = m.params.approval_work;
            let took = en.at - t + wm * libm::exp(ws * zw);
            if en.wait > 0.0 && en.no_backup {
                approval_cause = (Cause::ApproverNoBackup, Target::Backup(en.person));
            }
            t += took;
            approval += took;
        }
        comps[5] = (approval, approval_cause.0, approval_cause.1);
        e.done = t;
        let (mut cm, mut cc, mut ct) = comps[0];
        for &(x, c, tg) in &comps[1..] {
            if x > cm && c != Cause::None {
                (cm, cc, ct) = (x, c, tg);
            }
        }
        // Work alone longer than the time allowed: the deadline is unrealistic.
        e.cause = cc;
        e.target = ct;
        e.cause_minutes = cm;
        if dep_wait_on.is_none() && e.cause == Cause::Dependency {
            e.cause = Cause::Work;
            e.target = Target::Within(a);
        }
        self.last_done[a as usize] = t;
        self.push_exp(e)
    }

    fn push_exp(&mut self, e: Exp) -> u32 {
        self.exps.push(e);
        (self.exps.len() - 1) as u32
    }

    /// Spawns the actions of a trigger, in dependency order.
    fn spawn_trigger(&mut self, t: f64, pick: impl Fn(&ActionM) -> bool, post: bool) {
        let m = self.m;
        for &a in &m.order {
            let am = &m.actions[a as usize];
            if !pick(am) {
                continue;
            }
            self.start_action(a, t, post);
        }
    }

    fn start_action(&mut self, a: ActionId, t: f64, post: bool) {
        let am = &self.m.actions[a as usize];
        match am.every {
            Some(period) => {
                let cap = self.m.params.every_cap.max(1) as f32;
                if post {
                    // After stand-down there is no level to hold: the rounds the plan's
                    // window allows (`every 1d for 7d`), else a fixed number.
                    let rounds = match am.every_for {
                        Some(w) => {
                            ((w / period + 1e-9).floor() as u32 + 1).min(self.m.params.every_cap)
                        }
                        None => self.m.params.every_cap.min(4),
                    }
                    .max(1);
                    for k in 0..rounds {
                        self.spawn_action(a, t + k as f64 * period, true, 1.0 / rounds as f32);
                    }
                } else {
                    let i = self.spawn_action(a, t, false, 1.0 / cap);
                    self.after_spawn(i);
                    self.push(t + period, Ev::Every(a, 1, t));
                }
            }
            None => {
                let i = self.spawn_action(a, t, post, 1.0);
                if !post {
                    self.after_spawn(i);
                }
            }
        }
    }

    /// Schedules the completion of an expectation whose completion changes the world.
    fn after_spawn(&mut self, i: u32) {
        let e = self.exps[i as usize];
        let side = match e.what {
            What::Action(a) => {
                let am = &self.m.actions[a as usize];
                am.assessment || am.public
            }
            What::Report(_) => true,
            _ => false,
        };
        if side && e.done.is_finite() {
            self.push(e.done, Ev::Done(i));
        }
        if let What::Action(a) = e.what
            && self.m.actions[a as usize].assessment
        {
            self.assess_busy_until = e.done;
            self.last_assess_trig = e.trig;
        }
    }

    fn spawn_report(&mut self, line: u16, t: f64) {
        let lm = &self.m.lines[line as usize];
        self.fired_lines[line as usize] = true;
        self.take_draws(4);
        let d = [self.draws[0], self.draws[1], self.draws[2], self.draws[3]];
        let en = self.engage(lm.from, t, d[0], d[1], d[2], false);
        let work = self
            .m
            .params
            .work_default
            .iter()
            .find(|x| x.0 == "report")
            .map_or(20.0, |x| x.1)
            * 0.5
            * libm::exp(self.m.params.work_sigma * d[3]);
        let done = en.at + work;
        let (cause, target, minutes) = if en.wait > 0.0 && en.no_backup {
            (Cause::NoBackup, Target::Backup(en.person), en.wait)
        } else if en.via_backup && en.handover > en.reach {
            (Cause::Handover, Target::Backup(en.person), en.handover)
        } else if en.reach > work {
            (en.reach_cause, Target::Party(en.person), en.reach)
        } else {
            (Cause::Work, Target::Line(line), work)
        };
        let e = Exp {
            what: What::Report(line),
            instance: self.epoch as u16,
            cap: C_REPORT,
            critical: false,
            weight: 1.0,
            trig: t,
            deadline: t + lm.within,
            start: t,
            done,
            post: false,
            by: Some(en.by),
            via_backup: en.via_backup,
            cause,
            target,
            cause_minutes: minutes,
            rating: Rating::U,
        };
        let i = self.push_exp(e);
        self.after_spawn(i);
    }

    fn report_from(&mut self, party: PartyId, t: f64) {
        let m = self.m;
        for (i, l) in m.lines.iter().enumerate() {
            if l.from == party && self.line_epoch[i] != self.epoch {
                self.line_epoch[i] = self.epoch;
                self.spawn_report(i as u16, t);
            }
        }
    }

    fn implicit(&mut self, what: What, cap: u8, trig: f64, allowed: f64, target: Target) -> u32 {
        self.push_exp(Exp {
            what,
            instance: 0,
            cap,
            critical: true,
            weight: 1.0,
            trig,
            deadline: trig + allowed,
            start: trig,
            done: INF,
            post: false,
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
        let m = self.m;
        if m.scenarios.is_empty() {
            return;
        }
        // World: scenario, onset, parameters.
        let u = unit(&mut self.world) * m.cumulative.last().copied().unwrap_or(0.0);
        self.scenario = m
            .cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(m.scenarios.len() - 1);
        let sc = &m.scenarios[self.scenario];
        let w: [f64; 7] = std::array::from_fn(|_| unit(&mut self.world));
        let mut day = (w[0] * 7.0).floor().min(6.0) as u32;
        let mut minute = (w[1] * 1440.0).floor().min(1439.0) as u32;
        if w[2] < sc.onset[1] {
            day = 5 + (w[0] * 14.0).floor() as u32 % 2;
        }
        if w[3] < sc.onset[0] {
            let p = &m.params;
            let len = (p.night_to as u32 + 1440 - p.night_from as u32) % 1440;
            minute = (p.night_from as u32 + (w[1] * len as f64).floor() as u32) % 1440;
        }
        self.holiday_days = if w[4] < sc.onset[2] {
            let (lo, hi) = m.params.holiday_days;
            lo + ((w[5] * (hi - lo + 1) as f64).floor() as u32).min(hi - lo)
        } else {
            0
        };
        self.onset_dow = day;
        self.onset_mod = minute;
        self.call_delay =
            m.params.call_delay.0 * libm::exp(m.params.call_delay.1 * (w[6] * 2.0 - 1.0) * 1.7);
        for i in 0..N_PARAMS {
            let u = unit(&mut self.world);
            self.prm[i] = between(u, sc.params[i]);
        }
        self.negative = self.prm[P_NEGATIVE];
        self.casualties = self.prm[P_CASUALTIES].round();
        let r0 = self.prm[P_REACH].max(1.0);
        self.seg = Seg {
            t0: 0.0,
            r0,
            g: self.prm[P_GROWTH].max(0.0) / 60.0,
            k: self.prm[P_CAPACITY].max(r0 * 1.01),
            talk: self.prm[P_TALK].max(0.0),
        };
        self.peak_heat = self.segment_peak_heat(0.0);
        // Injects: a fixed number of draws each.
        self.fired_injects.clear();
        self.fired_injects.resize(sc.injects.len(), false);
        for (i, inj) in sc.injects.iter().enumerate() {
            let uc = unit(&mut self.world);
            let ut = unit(&mut self.world);
            let fires = uc < inj.chance;
            let at = match (inj.at, inj.after_statement) {
                (_, Some(r)) => between(ut, r),
                (Some(r), None) => between(ut, r),
                (None, None) => between(ut, (0.0, 1440.0)),
            };
            self.effect_start.push(self.effect_draws.len() as u32);
            for e in &inj.effects {
                let u = unit(&mut self.world);
                let v = match e {
                    EffectM::Scale(_, lo, hi) => between(u, (*lo, *hi)),
                    EffectM::Unavailable(_, lo, hi) | EffectM::Outage(_, lo, hi) => {
                        between(u, (*lo, *hi))
                    }
                    _ => 0.0,
                };
                self.effect_draws.push(v);
            }
            self.injects.push(InjectDraw {
                fires,
                at,
                fired: false,
            });
            if fires && inj.after_statement.is_none() {
                // Known in advance: blocked people and outages.
                self.plan_blocks(i, at);
                self.push(at, Ev::Inject(i as u16));
            }
        }
        self.mark(0.0, MarkKind::FirstPost);
        self.outcome.onset_minute = day * 1440 + minute;
        self.outcome.night = self.is_night(minute as u16);
        self.outcome.weekend = day >= 5;
        self.outcome.holiday = self.holiday_days > 0;

        // Detection by the channels where it appears.
        self.detect_by_channels();
        // Forced: someone calls once reach passes the threshold.
        let forced = self.seg.time_of(m.params.forced_reach);
        if forced.is_finite() {
            self.detect_at_most(forced + self.call_delay, None);
        }
        self.push(0.0, Ev::LevelCheck(self.version));

        while let Some(q) = self.heap.pop() {
            if q.t > m.params.horizon || self.stood_down.is_finite() {
                break;
            }
            self.handle(q.t, q.ev);
        }
        self.finish();
    }

    fn plan_blocks(&mut self, i: usize, at: f64) {
        let inj = &self.m.scenarios[self.scenario].injects[i];
        let base = self.effect_start[i] as usize;
        for (j, e) in inj.effects.iter().enumerate() {
            let v = self.effect_draws[base + j];
            match e {
                EffectM::Unavailable(Some(p), _, _) => self.unavail.push((*p, at, at + v)),
                EffectM::Outage(kind, _, _) => self.outages.push((*kind, at, at + v)),
                _ => {}
            }
        }
    }

    fn detect_at_most(&mut self, t: f64, channel: Option<u16>) {
        if t < self.detect_at && self.detected == INF {
            self.detect_at = t;
            self.detect_channel = channel;
            self.push(t, Ev::Detect);
        }
    }

    fn outage_rate_factor(&self, kind: Option<u8>, t: f64) -> Option<f64> {
        // The end of an outage covering this channel at t.
        let mut until: Option<f64> = None;
        for &(k, a, b) in &self.outages {
            if (k.is_none() || k == kind) && a <= t && t < b {
                until = Some(until.map_or(b, |u: f64| u.max(b)));
            }
        }
        until
    }

    /// Integrates each channel's detection hazard (an exponential clock that runs at
    /// the channel's rate: fast with a roster on shift, zero outside its hours or in
    /// an outage) until it reaches the channel's own exponential draw.
    fn detect_by_channels(&mut self) {
        let m = self.m;
        let sc = &m.scenarios[self.scenario];
        let horizon = m.params.horizon;
        for &c in &sc.channels {
            let e = expo(&mut self.det);
            let ch = &m.channels[c as usize];
            if !ch.watched {
                continue;
            }
            let mut t = 0.0f64;
            let mut h = 0.0f64;
            let mut steps = 0;
            while t < horizon && steps < 10_000 {
                steps += 1;
                if let Some(until) = self.outage_rate_factor(ch.kind, t) {
                    t = until;
                    continue;
                }
                let (ty, minute, _) = self.calendar(t);
                let piece = ch.piece(ty, minute);
                let abs = self.onset_mod as f64 + t;
                let day_start = (abs / 1440.0).floor() * 1440.0 - self.onset_mod as f64;
                let mut end = day_start + piece.to as f64;
                if end <= t {
                    end = t + 1.0;
                }
                // Stop at the next outage start.
                for &(k, a, _) in &self.outages {
                    if (k.is_none() || k == ch.kind) && a > t && a < end {
                        end = a;
                    }
                }
                if piece.rate > 0.0 {
                    let need = (e - h) / piece.rate;
                    if t + need <= end {
                        self.detect_at_most(t + need, Some(c));
                        break;
                    }
                    h += piece.rate * (end - t);
                }
                t = end;
            }
        }
    }

    fn handle(&mut self, t: f64, ev: Ev) {
        match ev {
            Ev::Inject(i) => self.fire_inject(t, i),
            Ev::Detect => {
                if self.detected == INF && t == self.detect_at {
                    self.on_detect(t);
                }
            }
            Ev::LevelCheck(v) => {
                if v == self.version {
                    self.signals_changed(t);
                }
            }
            Ev::Done(i) => self.on_done(t, i),
            Ev::Every(a, k, t0) => self.on_every(t, a, k, t0),
            Ev::MediaCheck(since) => {
                if self.first_statement > t {
                    let tier = self.snapshot(t)[Sig::Media as usize];
                    let up = (tier + 1.0).min(4.0);
                    if up > self.media_set && since < t {
                        self.media_set = up;
                        self.version += 1;
                        self.signals_changed(t);
                    }
                }
            }
            Ev::StandDownCheck(v, l) => {
                if v == self.version
                    && l == self.declared
                    && self.declared >= 0
                    && self.stood_down == INF
                {
                    self.decide_stand_down(t);
                }
            }
            Ev::StandDown => self.on_stand_down(t),
            Ev::Reassess => {
                self.reassess_pending = false;
                self.reassess(t);
            }
            Ev::Declare(l) => self.declare(t, l),
        }
    }

    fn fire_inject(&mut self, t: f64, i: u16) {
        let m = self.m;
        let sc = &m.scenarios[self.scenario];
        let inj = &sc.injects[i as usize];
        if self.injects[i as usize].fired {
            return;
        }
        self.injects[i as usize].fired = true;
        self.fired_injects[i as usize] = true;
        self.mark(t, MarkKind::Inject(i));
        let base = self.effect_start[i as usize] as usize;
        let mut changed = false;
        for (j, e) in inj.effects.iter().enumerate() {
            let v = self.effect_draws[base + j];
            match *e {
                EffectM::Set(sig, x) => {
                    changed = true;
                    match sig {
                        Sig::Media => self.media_set = self.media_set.max(x),
                        Sig::HotSearch => self.hot_set = x != 0.0,
                        Sig::Official => self.official_set = x != 0.0,
                        Sig::Negative => self.negative = x,
                        Sig::Casualties => self.casualties = x,
                        Sig::Reach => {
                            let f = (x / self.seg.reach(t).max(1.0)).max(1.0);
                            self.new_segment(t, self.seg.g, 1.0, f);
                        }
                        Sig::Growth => self.new_segment(t, x / 60.0, 1.0, 1.0),
                        Sig::Heat => {}
                    }
                }
                EffectM::Scale(what, _, _) => {
                    changed = true;
                    match what {
                        ScaleWhat::Growth => self.new_segment(t, self.seg.g * v, 1.0, 1.0),
                        ScaleWhat::Capacity => self.new_segment(t, self.seg.g, v, 1.0),
                        ScaleWhat::Reach => self.new_segment(t, self.seg.g, 1.0, v),
                        ScaleWhat::Talk => {
                            self.seg.talk *= v;
                            self.version += 1;
                        }
                    }
                }
                EffectM::Unavailable(p, _, _) => {
                    if let Some(p) = p {
                        if inj.after_statement.is_some() {
                            self.unavail.push((p, t, t + v));
                        }
                        self.mark(t, MarkKind::Unavailable(p, v));
                    }
                }
                EffectM::Outage(kind, _, _) => {
                    if inj.after_statement.is_some() {
                        self.outages.push((kind, t, t + v));
                    }
                    self.mark(t, MarkKind::Outage(v));
                }
                EffectM::Raise(Some(ev)) => {
                    if self.detected.is_finite() {
                        self.spawn_event(t, ev);
                    } else {
                        self.pending_events.push(ev);
                    }
                }
                EffectM::Raise(None) => {}
            }
        }
        if changed {
            self.version += 1;
        }
        if inj.visible && self.detected == INF {
            // Someone calls: the organization learns of the incident.
            self.detect_at_most(t + self.call_delay, None);
        }
        if inj.media && self.first_statement == INF {
            self.push(t + m.params.media_grace, Ev::MediaCheck(t));
        }
        if changed {
            self.signals_changed(t);
        }
        if inj.visible && self.detected.is_finite() {
            self.reassess(t);
        }
    }

    fn spawn_event(&mut self, t: f64, ev: u16) {
        self.spawn_trigger(t, |a| a.trigger == TriggerM::Event(ev), false);
    }

    fn on_detect(&mut self, t: f64) {
        let m = self.m;
        self.detected = t;
        self.outcome.detect = t;
        self.mark(t, MarkKind::Detect(self.detect_channel));
        // The detection expectation.
        let i = self.implicit(
            What::Detect,
            C_MONITOR,
            0.0,
            m.params.detect_deadline,
            Target::Plan,
        );
        let (cause, target) = self.detection_cause(t);
        let e = &mut self.exps[i as usize];
        e.done = t;
        e.cause = cause;
        e.target = target;
        e.cause_minutes = t;
        self.detect_cause = (cause, target);
        if m.assessment.is_none() {
            self.last_declare_cause = (Cause::NoAssessment, Target::Plan, 0.0);
        }
        self.spawn_trigger(t, |a| a.trigger == TriggerM::Detect, false);
        let pending = std::mem::take(&mut self.pending_events);
        for ev in &pending {
            self.spawn_event(t, *ev);
        }
        self.pending_events = pending;
        self.pending_events.clear();
        // Levels reached before detection are due from now.
        if self.true_level >= 0 {
            self.level_reached(t, self.true_level);
        }
    }

    fn detection_cause(&self, t: f64) -> (Cause, Target) {
        let m = self.m;
        let sc = &m.scenarios[self.scenario];
        match self.detect_channel {
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
                    let c = sc.channels[0];
                    self.channel_cause(c, t)
                }
            }
            Some(c) => self.channel_cause(c, t),
        }
    }

    fn channel_cause(&self, c: u16, t: f64) -> (Cause, Target) {
        let ch = &self.m.channels[c as usize];
        if self
            .outages
            .iter()
            .any(|&(k, a, _)| (k.is_none() || k == ch.kind) && a < t)
        {
            return (
                Cause::Outage,
                self.m
                    .platform_span
                    .map_or(Target::Channel(c), |_| Target::Platform),
            );
        }
        let (ty, minute, _) = self.calendar(0.0);
        let piece = ch.piece(ty, minute);
        if piece.rate == 0.0 {
            (Cause::OffHours, Target::Hours(c))
        } else if !(piece.on_duty || (ty == WORKDAY && (540..1080).contains(&minute))) {
            (Cause::NoRoster, Target::Channel(c))
        } else {
            (Cause::SlowDetect, Target::Channel(c))
        }
    }

    /// The true level changed upward to `l` (or was already there at detection).
    fn level_reached(&mut self, t: f64, l: i8) {
        if l < 0 {
            return;
        }
        let m = self.m;
        let lu = l as u8;
        if self.reached_levels & (1 << lu) != 0 && self.detected < t {
            return;
        }
        self.reached_levels |= 1 << lu;
        let allowed = m
            .assessment
            .map_or(m.params.declare_deadline, |a| m.actions[a as usize].within);
        if !m.levels[l as usize].has_actions {
            let i = self.implicit(What::NoAction(lu), C_COORD, t, allowed, Target::Level(lu));
            self.exps[i as usize].cause = Cause::LevelNoActions;
        }
        if self.declared >= l {
            return;
        }
        self.implicit(What::Declare(lu), C_ASSESS, t, allowed, Target::Level(lu));
    }

    /// Re-evaluates the true level and schedules what follows from the signals.
    fn signals_changed(&mut self, t: f64) {
        let s = self.snapshot(t);
        let tl = self.level_at(&s);
        if self.record {
            let flags = (
                s[Sig::HotSearch as usize] != 0.0,
                s[Sig::Official as usize] != 0.0,
                s[Sig::Media as usize] as u8,
            );
            if flags.0 && !self.flags.0 {
                self.mark(t, MarkKind::HotSearch);
            }
            if flags.1 && !self.flags.1 {
                self.mark(t, MarkKind::Official);
            }
            if flags.2 > self.flags.2 {
                self.mark(t, MarkKind::MediaUp(flags.2));
            }
            self.flags = flags;
        }
        if tl != self.true_level {
            let up = tl > self.true_level;
            self.true_level = tl;
            self.mark(t, MarkKind::TrueLevel(tl));
            if tl > self.outcome.max_true_level || self.exps.is_empty() {
                self.outcome.max_true_level = self.outcome.max_true_level.max(tl);
            }
            if self.detected.is_finite() {
                if up {
                    self.level_reached(t, tl);
                }
                if tl != self.declared && !self.reassess_pending {
                    self.reassess_pending = true;
                    let d = self.notice_delay(t);
                    self.push(t + d, Ev::Reassess);
                }
            }
        }
        let next = self.next_crossing(t, None);
        if next.is_finite() {
            self.push(next + 0.01, Ev::LevelCheck(self.version));
        }
        if self.declared >= 0 && self.stood_down == INF {
            self.plan_stand_down(t);
        }
    }

    /// How long the team takes to notice that the situation changed.
    fn notice_delay(&mut self, t: f64) -> f64 {
        let m = self.m;
        let sc = &m.scenarios[self.scenario];
        let (ty, minute, _) = self.calendar(t);
        let mut rate = 0.0;
        for &c in &sc.channels {
            let ch = &m.channels[c as usize];
            if self.outage_rate_factor(ch.kind, t).is_none() {
                rate += ch.piece(ty, minute).rate;
            }
        }
        let mean = if rate > 0.0 {
            1.0 / rate
        } else {
            m.params.detect_mean_offhours
        };
        mean * expo(&mut self.resp)
    }

    fn reassess(&mut self, t: f64) {
        let m = self.m;
        let Some(a) = m.assessment else {
            return;
        };
        if self.assess_busy_until > t {
            return;
        }
        if self.true_level == self.declared {
            return;
        }
        let i = self.spawn_action(a, t, false, 0.5);
        self.after_spawn(i);
    }

    fn on_done(&mut self, t: f64, i: u32) {
        let e = self.exps[i as usize];
        match e.what {
            What::Action(a) => {
                let am = &self.m.actions[a as usize];
                if am.assessment {
                    self.assessed(t, e);
                }
                if am.public && self.first_statement == INF {
                    self.statement(t, a);
                }
            }
            What::Report(line) => {
                let to = self.m.lines[line as usize].to;
                self.report_from(to, t);
                // A report to a command body goes on through its lead.
                let pm = &self.m.parties[to as usize];
                if pm.kind == PartyKind::Body
                    && let Some(lead) = pm.lead
                {
                    self.report_from(lead, t);
                }
            }
            _ => {}
        }
    }

    fn assessed(&mut self, t: f64, e: Exp) {
        let m = self.m;
        let l = self.level_at(&self.snapshot(t));
        if l == self.declared {
            return;
        }
        // Why the declaration came when it did (for late declarations).
        let lag = e.trig - self.last_level_up_time();
        self.last_declare_cause = if lag > e.done - e.trig {
            (
                Cause::ReassessLate,
                Target::Action(m.assessment.unwrap_or(0)),
                lag,
            )
        } else {
            (e.cause, e.target, e.cause_minutes)
        };
        if l > self.declared
            && l >= 0
            && let Some(d) = m.levels[l as usize].declared_by
            && Some(d) != e.by
        {
            let z = normal(&mut self.resp);
            let zb = normal(&mut self.resp);
            let uh = unit(&mut self.resp);
            let en = self.engage(d, t, z, zb, uh, true);
            if en.at - t > self.last_declare_cause.2 {
                self.last_declare_cause = if en.wait > 0.0 && en.no_backup {
                    (Cause::NoBackup, Target::Backup(en.person), en.at - t)
                } else if en.via_backup {
                    (Cause::Handover, Target::Backup(en.person), en.at - t)
                } else {
                    (en.reach_cause, Target::Party(en.person), en.at - t)
                };
            }
            self.push(en.at, Ev::Declare(l));
        } else {
            self.declare(t, l);
        }
    }

    fn last_level_up_time(&self) -> f64 {
        self.exps
            .iter()
            .rev()
            .find(|e| matches!(e.what, What::Declare(_)))
            .map_or(0.0, |e| e.trig)
    }

    fn declare(&mut self, t: f64, l: i8) {
        let m = self.m;
        let old = self.declared;
        if l == old || self.stood_down.is_finite() {
            return;
        }
        self.declared = l;
        self.mark(t, MarkKind::Declare(l));
        if self.outcome.declare == 0.0 && l >= 0 {
            self.outcome.declare = t;
        }
        self.outcome.max_declared = self.outcome.max_declared.max(l);
        // Resolve pending declaration expectations.
        let cause = self.last_declare_cause;
        for e in self.exps.iter_mut() {
            if let What::Declare(x) = e.what
                && e.done == INF
                && (x as i8) <= l
            {
                e.done = t;
                e.cause = cause.0;
                e.target = cause.1;
                e.cause_minutes = cause.2;
            }
        }
        if l < 0 {
            return;
        }
        self.declared_levels |= 1 << l;
        let bit = 1u64 << l;
        let pick = |a: &ActionM| matches!(a.trigger, TriggerM::Levels(b) if b & bit != 0);
        let candidates: Vec<ActionId> = m
            .order
            .iter()
            .copied()
            .filter(|&a| pick(&m.actions[a as usize]) && self.instances[a as usize] == 0)
            .collect();
        for a in candidates {
            self.start_action(a, t, false);
        }
        if old >= 0 && l > old {
            self.spawn_trigger(t, |a| a.trigger == TriggerM::Upgrade, false);
        } else if old >= 0 && l < old {
            self.spawn_trigger(t, |a| a.trigger == TriggerM::Downgrade, false);
        }
        if l > old {
            // Report up the lines, from the party that assessed.
            self.epoch += 1;
            let from = m
                .assessment
                .and_then(|a| m.actions[a as usize].owner)
                .or(m.commander);
            if let Some(p) = from {
                self.report_from(p, t);
            }
        }
        self.plan_stand_down(t);
    }

    fn statement(&mut self, t: f64, a: ActionId) {
        let m = self.m;
        self.first_statement = t;
        self.outcome.statement = t;
        self.mark(t, MarkKind::Statement(a));
        let since = t - self.detected;
        let f = m
            .params
            .damp
            .iter()
            .find(|(w, _)| since <= *w)
            .map_or(m.params.damp_late, |(_, f)| *f);
        self.new_segment(t, self.seg.g * f, f, 1.0);
        let sc = &m.scenarios[self.scenario];
        for (i, inj) in sc.injects.iter().enumerate() {
            if inj.after_statement.is_some() && self.injects[i].fires {
                let at = t + self.injects[i].at;
                self.push(at, Ev::Inject(i as u16));
            }
        }
        self.signals_changed(t);
    }

    fn on_every(&mut self, t: f64, a: ActionId, k: u16, t0: f64) {
        let m = self.m;
        let am = &m.actions[a as usize];
        let active = match am.trigger {
            TriggerM::Levels(bits) => self.declared >= 0 && bits & (1 << self.declared) != 0,
            _ => true,
        };
        let period = am.every.unwrap_or(m.params.horizon);
        if !active || k as u32 >= m.params.every_cap || t + period > m.params.horizon {
            return;
        }
        // A bounded repetition (`every 1d for 7d`) ends with its window.
        if am.every_for.is_some_and(|w| t > t0 + w + 1e-9) {
            return;
        }
        let cap = m.params.every_cap.max(1) as f32;
        let i = self.spawn_action(a, t, false, 1.0 / cap);
        self.after_spawn(i);
        if let Some(p) = am.every {
            self.push(t0 + (k as f64 + 1.0) * p, Ev::Every(a, k + 1, t0));
        }
    }

    /// Finds when the stand-down condition of the declared level will have held long
    /// enough, if nothing else happens.
    fn plan_stand_down(&mut self, t: f64) {
        let m = self.m;
        // Nothing changed since the last plan: the check already queued stands.
        if self.sd_planned == (self.version, self.declared) {
            return;
        }
        self.sd_planned = (self.version, self.declared);
        let l = self.declared.max(0) as usize;
        let (cond, hold) = match m.levels.get(l).and_then(|x| x.stand_down.as_ref()) {
            Some((c, h)) => (Some(c), *h),
            None => match m.levels.iter().find_map(|x| x.stand_down.as_ref()) {
                Some((c, h)) => (Some(c), *h),
                None => (None, m.params.stand_down_hold),
            },
        };
        let limit = self.peak_heat.max(self.segment_peak_heat(t)) * m.params.stand_down_heat_share;
        let holds = |s: &[f64; 8]| match cond {
            Some(c) => c.eval(s),
            None => s[Sig::Heat as usize] < limit,
        };
        let extra = if cond.is_none() {
            Some((Sig::Heat, limit))
        } else {
            None
        };
        let mut at = t;
        let mut tries = 0;
        while tries < 32 {
            tries += 1;
            if holds(&self.snapshot(at)) {
                self.push(at + hold, Ev::StandDownCheck(self.version, self.declared));
                return;
            }
            let next = self.next_crossing(at, extra);
            if !next.is_finite() {
                return;
            }
            at = next + 0.01;
        }
    }

    fn decide_stand_down(&mut self, t: f64) {
        let m = self.m;
        let who = m
            .levels
            .get(self.declared.max(0) as usize)
            .and_then(|l| l.declared_by)
            .or(m.commander);
        match who {
            Some(p) => {
                let z = normal(&mut self.resp);
                let zb = normal(&mut self.resp);
                let uh = unit(&mut self.resp);
                let en = self.engage(p, t, z, zb, uh, true);
                self.push(en.at, Ev::StandDown);
            }
            None => self.push(t, Ev::StandDown),
        }
    }

    fn on_stand_down(&mut self, t: f64) {
        if self.stood_down.is_finite() {
            return;
        }

        self.stood_down = t;
        self.outcome.stand_down = t;
        self.post_end = INF;
        self.mark(t, MarkKind::StandDown);
        self.spawn_trigger(t, |a| a.trigger == TriggerM::StandDown, true);
    }

    /// Rates every expectation and records the outcome measures.
    fn finish(&mut self) {
        let m = self.m;
        let end_t = if self.stood_down.is_finite() {
            self.stood_down
        } else {
            m.params.horizon
        };
        self.outcome.peak_reach = self.seg.reach(end_t);
        if self.detected == INF {
            // Never detected: the detection expectation fails.
            let i = self.implicit(
                What::Detect,
                C_MONITOR,
                0.0,
                m.params.detect_deadline,
                Target::Plan,
            );
            let (c, tg) = self.detection_cause(m.params.horizon);
            let e = &mut self.exps[i as usize];
            e.cause = c;
            e.target = tg;
        }
        let o = &mut self.outcome;
        o.detect = self.detected;
        if o.declare == 0.0 {
            o.declare = INF;
        }
        o.statement = self.first_statement;
        o.stand_down = self.stood_down;
        // Declarations never made: say why.
        let never = match m.assessment {
            None => (Cause::NoAssessment, None),
            Some(a) => (Cause::ReassessLate, Some(a)),
        };
        for e in self.exps.iter_mut() {
            let limit = if e.post {
                self.post_end
            } else {
                m.params.horizon
            };
            let allowed = (e.deadline - e.trig).max(0.0);
            let took = e.done - e.trig;
            e.rating = if !e.done.is_finite() || e.done > limit {
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
            };
        }
        self.mark(end_t, MarkKind::End);
    }
}

/// The result of engaging a party.
#[derive(Clone, Copy, Debug)]
struct Engage {
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
