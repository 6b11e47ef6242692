//! The world of a run: the incident as drawn (scenario, onset, spread, injects) and
//! the signals it gives off; detection by the channels where it appears.

use super::super::draw::{Purpose, combine};
use super::super::model::*;
use super::{Event, MarkKind, NEVER, Runner, SeenSignals};

/// The logistic spread since `t0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub t0: f64,
    /// Reach at `t0`.
    pub reach0: f64,
    /// Growth rate per minute.
    pub growth: f64,
    /// Capacity: the most people it can reach.
    pub capacity: f64,
    /// Posts per newly reached person.
    pub talk: f64,
}

impl Spread {
    const START: Spread = Spread {
        t0: 0.0,
        reach0: 1.0,
        growth: 0.0,
        capacity: 2.0,
        talk: 0.0,
    };

    pub fn reach(&self, t: f64) -> f64 {
        let dt = (t - self.t0).max(0.0);
        self.capacity / (1.0 + (self.capacity / self.reach0 - 1.0) * libm::exp(-self.growth * dt))
    }

    /// The time reach gets to `x` (NEVER if it never does).
    pub fn time_of(&self, x: f64) -> f64 {
        if x <= self.reach0 {
            return self.t0;
        }
        if x >= self.capacity || self.growth <= 0.0 {
            return NEVER;
        }
        let ratio = (self.capacity / x - 1.0) / (self.capacity / self.reach0 - 1.0);
        self.t0 - libm::log(ratio) / self.growth
    }

    /// The discussion rate at `t`, in posts per hour (the `heat` signal).
    pub fn heat(&self, t: f64) -> f64 {
        let r = self.reach(t);
        self.talk * 60.0 * self.growth * r * (1.0 - r / self.capacity)
    }

    /// The highest heat this segment reaches from `t` on.
    pub fn peak_heat(&self, t: f64) -> f64 {
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
pub(super) struct InjectDraw {
    pub fires: bool,
    /// `at` time, or the offset after the first statement.
    pub at: f64,
    pub fired: bool,
}

/// A party out of reach from `from` until `until`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Absence {
    pub party: PartyId,
    pub from: f64,
    pub until: f64,
}

/// Channels of a kind (`None`: every channel) down from `from` until `until`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Outage {
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
pub(super) struct Onset {
    /// Day of the week of the first post (Monday = 0).
    pub day_of_week: u32,
    /// Minute of that day.
    pub minute_of_day: u32,
    /// Days of holiday from the onset day on.
    pub holiday_days: u32,
}

/// Signals an inject set directly, over what the spread gives.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct InjectedSignals {
    pub media: f64,
    pub hot_search: bool,
    pub official: bool,
    pub local_official: bool,
    pub negative: f64,
    pub casualties: f64,
}

/// The incident of this run as drawn, and the signals it gives off.
pub(super) struct World {
    pub onset: Onset,
    /// The scenario's parameters as drawn for this run.
    pub values: PerParam<f64>,
    /// What is spread is true.
    pub genuine: bool,
    pub spread: Spread,
    /// Counts every change of the signals, so that queued checks made stale are skipped.
    pub version: u32,
    pub injected: InjectedSignals,
    pub peak_heat: f64,
    /// Delay between an outside call (or a media inquiry) and detection.
    pub call_delay: f64,
    pub injects: Vec<InjectDraw>,
    /// Drawn values of every inject's effects, and where each inject's values begin.
    pub effect_values: Vec<f64>,
    pub effect_offsets: Vec<u32>,
    pub absences: Vec<Absence>,
    outages: Vec<Outage>,
}

impl World {
    pub fn new() -> World {
        World {
            onset: Onset::default(),
            values: PerParam([0.0; ScenarioParam::COUNT]),
            genuine: true,
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
        }
    }

    pub fn reset(&mut self) {
        self.version = 0;
        self.injected = InjectedSignals::default();
        self.absences.clear();
        self.outages.clear();
        self.injects.clear();
        self.effect_values.clear();
        self.effect_offsets.clear();
        self.peak_heat = 0.0;
    }
}

/// A draw between two bounds: on a log scale when they are far apart (sizes of online
/// stories are spread over orders of magnitude).
fn between_scaled(u: f64, (lo, hi): Between, log_ratio: f64) -> f64 {
    if lo > 0.0 && hi > lo * log_ratio {
        lo * libm::exp(u * libm::log(hi / lo))
    } else {
        lo + u * (hi - lo)
    }
}

fn between(u: f64, (lo, hi): Between) -> f64 {
    lo + u * (hi - lo)
}

/// A log-normal-like factor from a uniform draw `u`: `exp(sigma · z)` for the normal
/// quantile `z` of `u`.
pub(super) fn lognormal(median: f64, sigma: f64, u: f64) -> f64 {
    median * libm::exp(sigma * super::super::draw::inverse_normal(u))
}

/// `lognormal(median, sigma, u)` when it is below `x`, else None — the same bits, but
/// `exp` is skipped when its lower bound `exp(y) ≥ 1 + y` already reaches `x` (the
/// margin is far above the rounding of `exp` and of the products).
pub(super) fn lognormal_below(median: f64, sigma: f64, u: f64, x: f64) -> Option<f64> {
    // From the median up the normal quantile is not negative, so neither is `y`: the
    // bound is the median itself, and the quantile need not be computed.
    if u >= 0.5 && median * (1.0 - 1e-12) >= x {
        return None;
    }
    let y = sigma * super::super::draw::inverse_normal(u);
    if median * (1.0 + y) * (1.0 - 1e-12) >= x {
        return None;
    }
    let v = median * libm::exp(y);
    (v < x).then_some(v)
}

/// The key of the world's own draws (the scenario pick, the onset).
const WORLD: u64 = 0x0077_6f72_6c64;

impl Runner<'_> {
    // ───────── signals ─────────

    pub(super) fn snapshot(&self, t: f64) -> Snapshot {
        let w = &self.world;
        let p = &self.model.params;
        let s = &w.spread;
        let r = s.reach(t);
        let growth = 60.0 * s.growth * (1.0 - r / s.capacity);
        let heat = s.talk * 60.0 * s.growth * r * (1.0 - r / s.capacity);
        let mut media = w.injected.media;
        if r >= w.values[ScenarioParam::Provincial] || w.injected.casualties >= p.casualty_media {
            media = media.max(2.0);
        }
        if r >= w.values[ScenarioParam::National] {
            media = media.max(3.0);
        }
        let hot = w.injected.hot_search || r >= w.values[ScenarioParam::HotSearch];
        let official = w.injected.official
            || r >= w.values[ScenarioParam::Official]
            || w.injected.casualties >= p.casualty_central;
        let local = w.injected.local_official || r >= w.values[ScenarioParam::LocalOfficial];
        [
            r,
            growth,
            heat,
            media,
            hot as u8 as f64,
            official as u8 as f64,
            w.injected.negative,
            w.injected.casualties,
            (local || official) as u8 as f64,
        ]
    }

    pub(super) fn level_at(&self, s: &Snapshot) -> Option<u8> {
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

    /// The reach thresholds of media, trending and the authorities, as drawn.
    fn attention_thresholds(&self) -> [f64; 5] {
        let v = &self.world.values;
        [
            v[ScenarioParam::HotSearch],
            v[ScenarioParam::Provincial],
            v[ScenarioParam::National],
            v[ScenarioParam::Official],
            v[ScenarioParam::LocalOfficial],
        ]
    }

    /// The next time after `now` when a threshold of the plan is crossed.
    pub(super) fn next_crossing(&mut self, now: f64) -> f64 {
        let reach = self.world.spread.reach(now);
        self.next_crossing_from(now, reach)
    }

    /// [`Runner::next_crossing`] when the reach at `now` is known already (a snapshot
    /// of the same segment at the same time holds it): the same time, one `exp` less.
    pub(super) fn next_crossing_from(&mut self, now: f64, reach_now: f64) -> f64 {
        // The reach values of every threshold, sorted, cached per segment.
        if self.crossings_version != Some(self.world.version) {
            self.crossings_version = Some(self.world.version);
            let mut v = std::mem::take(&mut self.crossings);
            v.clear();
            for &(signal, x) in &self.model.thresholds {
                self.reach_points(signal, x, &mut |r| v.push(r));
            }
            v.extend(self.attention_thresholds());
            v.sort_by(f64::total_cmp);
            self.crossings = v;
        }
        let spread = &self.world.spread;
        let r_now = reach_now * (1.0 + 1e-9) + 1e-9;
        let i = self.crossings.partition_point(|&x| x <= r_now);
        for &x in &self.crossings[i..] {
            let t = spread.time_of(x);
            if t > now {
                return t;
            }
        }
        NEVER
    }

    /// The next time after `now` when a threshold of the plan, or `extra`, is crossed.
    pub(super) fn next_crossing_with(&self, now: f64, extra: (Signal, f64)) -> f64 {
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

    pub(super) fn new_segment(
        &mut self,
        t: f64,
        growth: f64,
        capacity_left: f64,
        reach_factor: f64,
    ) {
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
        if self.record {
            self.log.spread.push(self.world.spread);
        }
    }

    /// A statement takes effect.
    pub(super) fn damp(&mut self, t: f64, factor: f64) {
        self.new_segment(t, self.world.spread.growth * factor, factor, 1.0);
        self.signals_changed(t);
    }

    /// A second wave: growth and the remaining capacity multiplied.
    pub(super) fn wave(&mut self, t: f64, growth: f64, capacity: f64) {
        self.new_segment(t, self.world.spread.growth * growth, capacity, 1.0);
        self.signals_changed(t);
    }

    // ───────── drawing the world ─────────

    /// Draws the world of the run: the scenario, the onset, the spread and the injects.
    pub(super) fn draw_world(&mut self) {
        let m = self.model;
        let u = self.draws.unit(WORLD, 0, Purpose::Scenario)
            * m.cumulative.last().copied().unwrap_or(0.0);
        self.scenario = m
            .cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(m.scenarios.len() - 1);
        let sc = &m.scenarios[self.scenario];
        self.draw_onset(sc);
        self.draw_spread(sc);
        self.draw_injects(sc);
        self.mark(0.0, MarkKind::FirstPost);
        let onset = self.world.onset;
        let night = self.is_night(onset.minute_of_day as u16);
        let o = &mut self.log.outcome;
        o.onset_minute = onset.day_of_week * 1440 + onset.minute_of_day;
        o.night = night;
        o.weekend = onset.day_of_week >= 5;
        o.holiday = onset.holiday_days > 0;
        o.genuine = self.world.genuine;
        let due = self.world.spread.time_of(m.params.detect_due_reach);
        self.response.should_detect = due + m.params.detect_allowance;
    }

    /// Draws the scenario's parameters, whether what is spread is true, and the spread.
    fn draw_spread(&mut self, sc: &Scenario) {
        let p = &self.model.params;
        let w = &mut self.world;
        for i in 0..ScenarioParam::COUNT {
            let u = self.draws.unit(sc.key, i as u64, Purpose::Param);
            w.values.0[i] = between_scaled(u, sc.params.0[i], p.log_scale_ratio);
        }
        let g = self.draws.unit(sc.key, 0, Purpose::Genuine);
        w.genuine = g < w.values[ScenarioParam::Genuine];
        w.injected.negative = w.values[ScenarioParam::Negative];
        w.injected.casualties = w.values[ScenarioParam::Casualties].round();
        let reach0 = w.values[ScenarioParam::Reach].max(1.0);
        let growth = w.values[ScenarioParam::Growth].max(0.0) / 60.0
            * casualty_factor(p, w.injected.casualties);
        w.spread = Spread {
            t0: 0.0,
            reach0,
            growth,
            capacity: w.values[ScenarioParam::Capacity].max(reach0 * 1.01),
            talk: w.values[ScenarioParam::Talk].max(0.0),
        };
        w.peak_heat = w.spread.peak_heat(0.0);
        if self.record {
            self.log.spread.push(self.world.spread);
        }
    }

    /// Draws when the incident begins (a weekday or weekend day, an hour by the onset
    /// profile, at night with the scenario's share) and the delay of an outside call.
    fn draw_onset(&mut self, sc: &Scenario) {
        let p = &self.model.params;
        let d = |i: u64| self.draws.unit(WORLD, i, Purpose::Onset);
        let (day_draw, hour_draw, minute_draw) = (d(0), d(1), d(2));
        let (weekend_draw, night_draw, holiday_draw, length_draw) = (d(3), d(4), d(5), d(6));
        let day = if weekend_draw < sc.onset.weekend {
            5 + (day_draw * 2.0).floor().min(1.0) as u32
        } else {
            (day_draw * 5.0).floor().min(4.0) as u32
        };
        let at_night = night_draw < sc.onset.night;
        let hour = profile_hour(p, hour_draw, at_night);
        let minute = hour * 60 + (minute_draw * 60.0).floor().min(59.0) as u32;
        let holiday_days = if holiday_draw < sc.onset.holiday {
            let (lo, hi) = p.holiday_days;
            lo + ((length_draw * (hi - lo + 1) as f64).floor() as u32).min(hi - lo)
        } else {
            0
        };
        self.world.onset = Onset {
            day_of_week: day,
            minute_of_day: minute,
            holiday_days,
        };
        let (median, sigma) = p.call_delay;
        self.world.call_delay = lognormal(median, sigma, d(7));
    }

    /// Draws each inject of the scenario, keyed by its name.
    fn draw_injects(&mut self, sc: &Scenario) {
        self.log.coverage.injects.clear();
        self.log.coverage.injects.resize(sc.injects.len(), false);
        for (i, inj) in sc.injects.iter().enumerate() {
            let key = combine(sc.key, inj.key);
            let fires = self.draws.unit(key, 0, Purpose::InjectChance) < inj.chance;
            let time_draw = self.draws.unit(key, 0, Purpose::InjectTime);
            let at = match (inj.at, inj.after_statement) {
                (_, Some(r)) => between(time_draw, r),
                (Some(r), None) => between(time_draw, r),
                (None, None) => between(time_draw, (0.0, 1440.0)),
            };
            let fires =
                fires && (inj.after_statement.is_some() || self.inject_time_fits(inj.time, at));
            let w = &mut self.world;
            w.effect_offsets.push(w.effect_values.len() as u32);
            for (j, e) in inj.effects.iter().enumerate() {
                let u = self.draws.unit(key, j as u64, Purpose::InjectEffect);
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

    /// Whether an inject that names a time (夜间, 节假日, 周末) can happen at `t`.
    pub(super) fn inject_time_fits(&self, time: InjectTime, t: f64) -> bool {
        let (day, minute, _) = self.calendar(t);
        match time {
            InjectTime::Any => true,
            InjectTime::Night => self.is_night(minute),
            InjectTime::Holiday => day == DayType::Holiday,
            InjectTime::Weekend => day != DayType::Workday,
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

    // ───────── detection ─────────

    pub(super) fn detect_at_most(&mut self, t: f64, channel: Option<u16>) {
        let r = &mut self.response;
        if t < r.detection_due && r.detected == NEVER {
            r.detection_due = t;
            r.detection_channel = channel;
            self.push(t, Event::Detect);
        }
    }

    /// The end of an outage covering channels of this kind at t.
    pub(super) fn outage_until(&self, kind: Option<u8>, t: f64) -> Option<f64> {
        let mut until: Option<f64> = None;
        for o in &self.world.outages {
            if o.covers(kind) && o.from <= t && t < o.until {
                until = Some(until.map_or(o.until, |u: f64| u.max(o.until)));
            }
        }
        until
    }

    pub(super) fn outage_before(&self, kind: Option<u8>, t: f64) -> bool {
        self.world
            .outages
            .iter()
            .any(|o| o.covers(kind) && o.from < t)
    }

    /// Integrates each channel's detection hazard (an exponential clock that runs at
    /// the channel's rate times the post's visibility: fast with a roster on shift,
    /// zero outside its hours or in an outage) until it reaches the channel's own
    /// exponential draw.
    pub(super) fn detect_by_channels(&mut self) {
        let m = self.model;
        let sc = &m.scenarios[self.scenario];
        for &c in &sc.channels {
            let ch = &m.channels[c as usize];
            let hazard = self.draws.exponential(ch.key, 0, Purpose::Detection);
            if !ch.watched {
                continue;
            }
            if let Some(t) = self.channel_detection(ch, hazard) {
                self.detect_at_most(t, Some(c));
            }
        }
    }

    /// How visible the post is to monitoring at `t`: its reach as a share of the reach
    /// at which it is fully visible.
    fn visibility(&self, t: f64) -> f64 {
        let p = &self.model.params;
        (self.world.spread.reach(t) / p.detect_full_reach).clamp(p.detect_min_visibility, 1.0)
    }

    /// When a channel's hazard reaches `hazard`, if within the horizon.
    fn channel_detection(&self, ch: &Channel, hazard: f64) -> Option<f64> {
        let p = &self.model.params;
        let onset_minute = self.world.onset.minute_of_day as f64;
        let (mut t, mut h) = (p.detect_latency, 0.0f64);
        for _ in 0..20_000 {
            if t >= p.horizon {
                break;
            }
            if let Some(until) = self.outage_until(ch.kind, t) {
                t = until;
                continue;
            }
            let (ty, minute, _) = self.calendar(t);
            let piece = ch.piece(ty, minute);
            let abs = onset_minute + t;
            let day_start = (abs / 1440.0).floor() * 1440.0 - onset_minute;
            let mut end = (day_start + piece.to as f64).max(t + 1.0);
            for o in &self.world.outages {
                if o.covers(ch.kind) && o.from > t && o.from < end {
                    end = o.from;
                }
            }
            if piece.rate > 0.0 {
                end = end.min(t + p.detect_step);
                let rate = piece.rate * self.visibility((t + end) / 2.0);
                let need = (hazard - h) / rate;
                if t + need <= end {
                    return Some(t + need);
                }
                h += rate * (end - t);
            }
            t = end;
        }
        None
    }

    // ───────── injects ─────────

    pub(super) fn fire_inject(&mut self, t: f64, i: u16) {
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
        if inj.regulator
            && !inj
                .effects
                .iter()
                .any(|e| matches!(e, InjectEffect::Set(Signal::Official, _)))
        {
            // Local authorities take notice: distinct from the supervising authority.
            self.world.injected.local_official = true;
            changed = true;
        }
        if changed {
            self.world.version += 1;
        }
        if inj.visible && self.response.detected == NEVER {
            // Someone calls: the organization learns of the incident.
            self.detect_at_most(t + self.world.call_delay, None);
        }
        if inj.media && self.response.media_answered == NEVER {
            self.push(
                t + m.params.media_grace,
                Event::MediaCheck { inquiry_at: t },
            );
        }
        if inj.regulator {
            self.regulator_request(t, i);
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
                        let a = super::world::Absence {
                            party: p,
                            from: t,
                            until: t + v,
                        };
                        self.world.absences.push(a);
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
                if inj.kind == "rumor" {
                    self.response.false_events |= 1u64 << (event as u64 % 64);
                }
                if self.response.detected.is_finite() {
                    self.spawn_event(t, event, t);
                } else {
                    self.response.pending_events.push((event, t));
                }
                false
            }
            InjectEffect::Raise(None) => false,
        }
    }

    fn set_signal(&mut self, t: f64, signal: Signal, x: f64) {
        let p = &self.model.params;
        let injected = &mut self.world.injected;
        match signal {
            Signal::Media => injected.media = injected.media.max(x),
            Signal::HotSearch => injected.hot_search = x != 0.0,
            Signal::Official => injected.official = x != 0.0,
            Signal::LocalOfficial => injected.local_official = x != 0.0,
            Signal::Negative => injected.negative = x,
            Signal::Casualties => {
                // More people hurt: the story spreads faster.
                let before = casualty_factor(p, injected.casualties);
                injected.casualties = x;
                let f = casualty_factor(p, x) / before;
                let growth = self.world.spread.growth;
                self.new_segment(t, growth * f, 1.0, 1.0);
            }
            Signal::Reach => {
                let spread = self.world.spread;
                let f = (x / spread.reach(t).max(1.0)).max(1.0);
                self.new_segment(t, spread.growth, 1.0, f);
            }
            Signal::Growth => self.new_segment(t, x / 60.0, 1.0, 1.0),
            Signal::Heat => {}
        }
    }

    /// A media inquiry still unanswered raises media one tier.
    pub(super) fn on_media_check(&mut self, t: f64, inquiry_at: f64) {
        if self.response.media_answered > t {
            let tier = self.snapshot(t)[Signal::Media as usize];
            let up = (tier + 1.0).min(4.0);
            if up > self.world.injected.media && inquiry_at < t {
                self.world.injected.media = up;
                self.world.version += 1;
                self.signals_changed(t);
            }
        }
    }

    /// Marks on the timeline the first time the incident trends, draws the attention
    /// of an authority, or reaches a higher media tier.
    pub(super) fn mark_attention(&mut self, t: f64, s: &Snapshot) {
        let now = SeenSignals {
            hot_search: s[Signal::HotSearch as usize] != 0.0,
            official: s[Signal::Official as usize] != 0.0,
            local_official: s[Signal::LocalOfficial as usize] != 0.0,
            media_tier: s[Signal::Media as usize] as u8,
        };
        let before = self.response.seen;
        if now.hot_search && !before.hot_search {
            self.mark(t, MarkKind::HotSearch);
        }
        if now.local_official && !before.local_official && !now.official {
            self.mark(t, MarkKind::LocalOfficial);
        }
        if now.official && !before.official {
            self.mark(t, MarkKind::Official);
        }
        if now.media_tier > before.media_tier {
            self.mark(t, MarkKind::MediaUp(now.media_tier));
            self.media_calls(t, MEDIA_TIER, now.media_tier as u64);
        }
        self.response.seen = now;
    }
}

impl Runner<'_> {
    /// Journalists call once the incident is known (a higher tier of media, a
    /// statement just issued; `what` and `which` key the draw): the speaker takes the
    /// calls (and is engaged by them), and does nothing else meanwhile — a commander
    /// who speaks is not free to command.
    pub(super) fn media_calls(&mut self, t: f64, what: u64, which: u64) {
        let m = self.model;
        let Some(speaker) = m.speaker else {
            return;
        };
        if self.response.detected > t {
            return;
        }
        let person = self.person(speaker);
        let (median, sigma) = m.params.media_calls;
        let u = self.draws.unit(what, which, Purpose::MediaCalls);
        let minutes = lognormal(median, sigma, u);
        let engaged = &mut self.response.engaged[person as usize];
        *engaged = engaged.min(t);
        self.book(person, t, minutes);
    }
}

/// The key of the calls a rise of media attention brings.
const MEDIA_TIER: u64 = 0x006d_6564_6961;

/// How much faster a story with people hurt spreads.
fn casualty_factor(p: &crate::drill::params::Params, casualties: f64) -> f64 {
    1.0 + p.casualty_growth * casualties.clamp(0.0, p.casualty_cap)
}

/// The hour of an onset: by the profile's weights, among the night hours or the others.
fn profile_hour(p: &crate::drill::params::Params, u: f64, night: bool) -> u32 {
    let fits = |h: usize| p.is_night((h * 60) as u16) == night;
    let total: f64 = (0..24).filter(|&h| fits(h)).map(|h| p.onset_hours[h]).sum();
    let mut x = u * total;
    for h in (0..24).filter(|&h| fits(h)) {
        x -= p.onset_hours[h];
        if x < 0.0 {
            return h as u32;
        }
    }
    (0..24).rfind(|&h| fits(h)).unwrap_or(0) as u32
}
