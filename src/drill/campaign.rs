//! Campaigns: many runs on rayon, gathered in seed order so that any number of
//! threads gives the same bytes.
//!
//! Runs are cut into fixed blocks of [`BLOCK`] seeds (independent of `--jobs`); each
//! block is simulated by one thread with one reusable [`Runner`] and summed into a
//! [`Tally`]; the tallies are then merged in block order.

use super::model::DrillModel;
use super::score;
use super::sim::{Cause, Rating, Runner, Target};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A finding: its cause and the part of the plan behind it.
pub type Finding = (Cause, Target);

/// Seeds per block.
pub const BLOCK: u64 = 256;

/// Outcome measures kept per run for quantiles.
pub const OUTCOMES: [&str; 5] = [
    "time_to_detect",
    "time_to_declare",
    "time_to_first_statement",
    "time_to_stand_down",
    "peak_reach",
];

/// A finding counted over a campaign.
#[derive(Clone, Copy, Debug, Default)]
pub struct FindingTally {
    /// Runs where it occurred at least once.
    pub runs: u64,
    pub occurrences: u64,
    pub minutes: f64,
    /// Occurrences with a finite duration (the others never happened at all).
    pub finite: u64,
    pub capabilities: [u64; 6],
    /// The first seed where it occurred (an example to replay).
    pub example_seed: u64,
}

/// Sums over a block of runs (and, merged, over the campaign).
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub runs: u64,
    /// Scores in seed order.
    pub scores: Vec<f64>,
    pub sum: f64,
    pub verdicts: [u64; 4],
    /// Ratings per capability: P, S, M, U, N/A.
    pub ratings: [[u64; 5]; 6],
    pub capability_score_sum: [f64; 6],
    pub capability_runs: [u64; 6],
    /// Per run, in seed order: each capability's score (NaN when not rated).
    pub capability_scores: Vec<[f32; 6]>,
    /// Per benchmark kind: runs where it was due, and where it was met on time.
    pub benchmarks: [[u64; 2]; 7],
    /// Per run, in seed order: the outcome measures (∞ when it never happened).
    pub outcomes: Vec<[f32; 5]>,
    /// Per run: the onset fell at night.
    pub night: Vec<bool>,
    pub findings: BTreeMap<Finding, FindingTally>,
    pub actions: Vec<u64>,
    pub levels_declared: Vec<u64>,
    pub levels_reached: Vec<u64>,
    pub lines: Vec<u64>,
    pub scenarios: Vec<u64>,
    pub injects: Vec<Vec<u64>>,
}

impl Tally {
    fn new(m: &DrillModel) -> Tally {
        Tally {
            actions: vec![0; m.actions.len()],
            levels_declared: vec![0; m.levels.len()],
            levels_reached: vec![0; m.levels.len()],
            lines: vec![0; m.lines.len()],
            scenarios: vec![0; m.scenarios.len()],
            injects: m
                .scenarios
                .iter()
                .map(|s| vec![0; s.injects.len()])
                .collect(),
            ..Tally::default()
        }
    }

    /// Adds the run the runner just made.
    pub fn add(&mut self, r: &Runner, keys: &mut Vec<Finding>) {
        let m = r.model;
        let s = score::score(m, &r.log.expectations);
        self.runs += 1;
        self.scores.push(s.score);
        self.sum += s.score;
        self.verdicts[s.verdict as usize] += 1;
        let mut per_run = [f32::NAN; 6];
        for (i, c) in s.capabilities.iter().enumerate() {
            per_run[i] = c.score().map_or(f32::NAN, |x| x as f32);
            match (c.rating, c.score()) {
                (Some(rt), Some(sc)) => {
                    self.ratings[i][rt as usize] += 1;
                    self.capability_score_sum[i] += sc;
                    self.capability_runs[i] += 1;
                }
                _ => self.ratings[i][4] += 1,
            }
        }
        self.capability_scores.push(per_run);
        let o = &r.log.outcome;
        self.outcomes.push([
            o.detect as f32,
            o.declare as f32,
            o.statement as f32,
            o.stand_down as f32,
            o.peak_reach as f32,
        ]);
        self.night.push(o.night);
        keys.clear();
        for e in &r.log.expectations {
            if let super::sim::What::Benchmark(kind, _) = e.what {
                let b = &mut self.benchmarks[kind as usize];
                b[0] += 1;
                b[1] += (e.rating == Rating::P) as u64;
            }
            if matches!(e.rating, Rating::M | Rating::U) {
                let k = (e.cause, e.target);
                let f = self.findings.entry(k).or_insert(FindingTally {
                    example_seed: r.seed,
                    ..FindingTally::default()
                });
                f.occurrences += 1;
                if e.cause_minutes.is_finite() {
                    f.minutes += e.cause_minutes;
                    f.finite += 1;
                }
                f.capabilities[e.capability as usize] += 1;
                keys.push(k);
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for k in keys.iter() {
            if let Some(f) = self.findings.get_mut(k) {
                f.runs += 1;
            }
        }
        for (i, &f) in r.log.coverage.actions.iter().enumerate() {
            self.actions[i] += f as u64;
        }
        for (i, &f) in r.log.coverage.lines.iter().enumerate() {
            self.lines[i] += f as u64;
        }
        for i in 0..m.levels.len() {
            self.levels_declared[i] += (r.log.coverage.levels_declared >> i) & 1;
            self.levels_reached[i] += (r.log.coverage.levels_reached >> i) & 1;
        }
        self.scenarios[r.scenario] += 1;
        for (i, &f) in r.log.coverage.injects.iter().enumerate() {
            self.injects[r.scenario][i] += f as u64;
        }
    }

    fn merge(&mut self, o: Tally) {
        self.runs += o.runs;
        self.scores.extend(o.scores);
        self.sum += o.sum;
        for i in 0..4 {
            self.verdicts[i] += o.verdicts[i];
        }
        for c in 0..6 {
            for r in 0..5 {
                self.ratings[c][r] += o.ratings[c][r];
            }
            self.capability_score_sum[c] += o.capability_score_sum[c];
            self.capability_runs[c] += o.capability_runs[c];
        }
        self.outcomes.extend(o.outcomes);
        self.capability_scores.extend(o.capability_scores);
        for k in 0..7 {
            self.benchmarks[k][0] += o.benchmarks[k][0];
            self.benchmarks[k][1] += o.benchmarks[k][1];
        }
        self.night.extend(o.night);
        for (k, f) in o.findings {
            let e = self.findings.entry(k).or_insert(FindingTally {
                example_seed: f.example_seed,
                ..FindingTally::default()
            });
            e.runs += f.runs;
            e.occurrences += f.occurrences;
            e.minutes += f.minutes;
            e.finite += f.finite;
            for i in 0..6 {
                e.capabilities[i] += f.capabilities[i];
            }
            e.example_seed = e.example_seed.min(f.example_seed);
        }
        add_vec(&mut self.actions, &o.actions);
        add_vec(&mut self.levels_declared, &o.levels_declared);
        add_vec(&mut self.levels_reached, &o.levels_reached);
        add_vec(&mut self.lines, &o.lines);
        add_vec(&mut self.scenarios, &o.scenarios);
        for (a, b) in self.injects.iter_mut().zip(&o.injects) {
            add_vec(a, b);
        }
    }
}

fn add_vec(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The nearest-rank quantile of a sorted list: the value at rank ⌈p·n⌉.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let n = sorted.len();
    let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
    sorted[rank - 1]
}

/// A finished campaign.
#[derive(Clone, Debug)]
pub struct Campaign {
    pub seed_start: u64,
    pub tally: Tally,
    pub sorted: Vec<f64>,
}

impl Campaign {
    pub fn mean(&self) -> f64 {
        if self.tally.runs == 0 {
            0.0
        } else {
            score::round1(self.tally.sum / self.tally.runs as f64)
        }
    }

    pub fn score_quantile(&self, p: f64) -> f64 {
        quantile(&self.sorted, p)
    }

    pub fn pass(&self) -> u64 {
        self.tally.verdicts[0] + self.tally.verdicts[1]
    }

    /// Mean score of a capability over the runs where something was expected of it.
    pub fn capability_mean(&self, c: usize) -> Option<f64> {
        let t = &self.tally;
        (t.capability_runs[c] > 0)
            .then(|| score::round1(t.capability_score_sum[c] / t.capability_runs[c] as f64))
    }

    /// Quantiles of an outcome over the runs where it happened (None: never happened),
    /// and how many runs that was. `night`: only runs whose onset was at night.
    pub fn outcome(&self, i: usize, night: Option<bool>) -> (Option<[f64; 3]>, u64) {
        let mut v: Vec<f64> = self
            .tally
            .outcomes
            .iter()
            .zip(&self.tally.night)
            .filter(|(_, n)| night.is_none_or(|x| **n == x))
            .map(|(o, _)| o[i] as f64)
            .filter(|x| x.is_finite())
            .collect();
        v.sort_by(f64::total_cmp);
        let n = v.len() as u64;
        if v.is_empty() {
            return (None, 0);
        }
        (
            Some([quantile(&v, 0.1), quantile(&v, 0.5), quantile(&v, 0.9)]),
            n,
        )
    }

    /// Findings ranked: most runs first, then most occurrences, then plan order.
    pub fn weakest(&self) -> Vec<(Finding, FindingTally)> {
        let mut v: Vec<(Finding, FindingTally)> =
            self.tally.findings.iter().map(|(k, f)| (*k, *f)).collect();
        v.sort_by(|a, b| {
            b.1.runs
                .cmp(&a.1.runs)
                .then(b.1.occurrences.cmp(&a.1.occurrences))
                .then(a.0.cmp(&b.0))
        });
        v
    }

    /// The first seed whose score is the median: a representative run to show.
    pub fn median_seed(&self) -> u64 {
        let p50 = self.score_quantile(0.5);
        let i = self
            .tally
            .scores
            .iter()
            .position(|&s| s == p50)
            .unwrap_or(0);
        self.seed_start.wrapping_add(i as u64)
    }
}

/// Runs `runs` seeds from `seed_start` on `jobs` threads. `progress` is told how many
/// runs finished (for a progress bar).
pub fn run(
    m: &DrillModel,
    seed_start: u64,
    runs: u64,
    jobs: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Campaign, String> {
    let blocks = runs.div_ceil(BLOCK);
    let work = || -> Vec<Tally> {
        (0..blocks)
            .into_par_iter()
            .map_init(
                || (Runner::new(m), Vec::new()),
                |(r, keys), b| {
                    let mut t = Tally::new(m);
                    let lo = b * BLOCK;
                    let hi = (lo + BLOCK).min(runs);
                    for k in lo..hi {
                        r.run(seed_start.wrapping_add(k));
                        t.add(r, keys);
                    }
                    progress(hi - lo);
                    t
                },
            )
            .collect()
    };
    let parts = if jobs == 0 {
        work()
    } else {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| e.to_string())?
            .install(work)
    };
    let mut tally = Tally::new(m);
    for p in parts {
        tally.merge(p);
    }
    let mut sorted = tally.scores.clone();
    sorted.sort_by(f64::total_cmp);
    Ok(Campaign {
        seed_start,
        tally,
        sorted,
    })
}

/// Why a campaign cannot judge the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotEvaluable {
    /// No level has a measurable `when`: no level is ever reached.
    NoCriteria,
    /// The criteria exist but no run of the campaign met any of them.
    Unreachable,
    /// Most of the plan's actions never fired.
    Unexercised,
}

impl NotEvaluable {
    /// Its key in the labels (`drill.not_evaluable.KEY`, `drill.not_evaluable_fix.KEY`).
    pub fn key(self) -> &'static str {
        match self {
            NotEvaluable::NoCriteria => "no_criteria",
            NotEvaluable::Unreachable => "unreachable",
            NotEvaluable::Unexercised => "unexercised",
        }
    }
}

impl Campaign {
    /// Whether the campaign can judge the plan, and why not: a plan whose levels are
    /// never reached, or whose actions mostly never fire, is not evaluable.
    pub fn evaluable(&self, m: &DrillModel) -> Result<(), NotEvaluable> {
        if !m.measurable {
            return Err(NotEvaluable::NoCriteria);
        }
        if self.tally.levels_reached.iter().all(|&n| n == 0) {
            return Err(NotEvaluable::Unreachable);
        }
        let fired = self.tally.actions.iter().filter(|&&n| n > 0).count();
        if (fired as f64) < m.params.evaluable_share * m.actions.len() as f64 {
            return Err(NotEvaluable::Unexercised);
        }
        Ok(())
    }
}

/// Whether an expectation is a finding.
pub fn is_finding(r: Rating) -> bool {
    matches!(r, Rating::M | Rating::U)
}

/// Stable names of causes (for JSON).
pub fn cause_word(c: Cause) -> &'static str {
    match c {
        Cause::None => "none",
        Cause::ReachNight => "reach_night",
        Cause::ReachOffHours => "reach_off_hours",
        Cause::ReachSlow => "reach_slow",
        Cause::NoBackup => "no_backup",
        Cause::Handover => "handover",
        Cause::Approval => "approval_wait",
        Cause::ApproverNoBackup => "approver_no_backup",
        Cause::Consult => "consultation",
        Cause::Work => "work_exceeds_deadline",
        Cause::Dependency => "waiting_for_prerequisite",
        Cause::NoOwner => "no_owner",
        Cause::NotWatched => "channel_not_watched",
        Cause::OffHours => "outside_watch_hours",
        Cause::NoRoster => "no_roster",
        Cause::Outage => "monitoring_outage",
        Cause::SlowDetect => "slow_detection",
        Cause::NoAssessment => "no_assessment_action",
        Cause::ReassessLate => "late_reassessment",
        Cause::LevelNoActions => "level_without_actions",
        Cause::Acting => "acting_commander",
        Cause::Urgency => "late_start_loose_deadline",
        Cause::PressHours => "press_conference_hours",
        Cause::NotDeclared => "level_not_declared",
        Cause::NotInPlan => "not_in_plan",
        Cause::Misstatement => "misstatement",
        Cause::DebunkedGenuine => "debunked_genuine_event",
        Cause::Horizon => "not_done_in_drill",
    }
}
