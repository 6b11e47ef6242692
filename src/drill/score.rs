//! Scoring a run: points per expectation, ratings per capability, the 0–100 score,
//! the verdict, and the findings behind every M and U.

use super::model::DrillModel;
use super::sim::{Cause, Expectation, Rating, What};

/// The overall judgement (AQ/T 9009 style).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Excellent = 0,
    Good = 1,
    Fair = 2,
    Poor = 3,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Excellent,
        Verdict::Good,
        Verdict::Fair,
        Verdict::Poor,
    ];
    /// The verdict as the JSON output names it (the same in every language).
    pub fn json_name(self) -> &'static str {
        ["优", "良", "中", "差"][self as usize]
    }
    /// Its key in the labels (`drill.verdict.KEY`).
    pub fn key(self) -> &'static str {
        ["excellent", "good", "fair", "poor"][self as usize]
    }
    /// The verdict the JSON output names.
    pub fn from_json_name(name: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.json_name() == name)
    }
    /// The verdict of a run by its capability ratings (the table in the README, after
    /// AQ/T 9009 §6 and GB/T 46792: 优 — every drill task done without error; 良 —
    /// objectives met with few errors; 中 — obvious defects, objectives still met;
    /// 差 — a major error, objectives seriously affected). With HSEEP ratings: 优 when
    /// every capability is P, 良 when none is M or U, 中 when none is U, else 差.
    pub fn of_ratings(ratings: impl IntoIterator<Item = Rating>) -> Verdict {
        let worst = ratings.into_iter().max().unwrap_or(Rating::U);
        match worst {
            Rating::P => Verdict::Excellent,
            Rating::S => Verdict::Good,
            Rating::M => Verdict::Fair,
            Rating::U => Verdict::Poor,
        }
    }
    /// The verdict of a mean score (a campaign's overall line): the rating bands.
    pub fn of_score(score: f64, bands: [f64; 3]) -> Verdict {
        let [a, b, c] = bands;
        if score >= a {
            Verdict::Excellent
        } else if score >= b {
            Verdict::Good
        } else if score >= c {
            Verdict::Fair
        } else {
            Verdict::Poor
        }
    }
    pub fn pass(self) -> bool {
        self <= Verdict::Good
    }
}

/// The score of one capability in one run.
#[derive(Clone, Copy, Debug)]
pub struct CapabilityScore {
    /// Number of expectations by rating P, S, M, U.
    pub counts: [u32; 4],
    pub points: f64,
    pub weight: f64,
    /// None when nothing was expected (N/A).
    pub rating: Option<Rating>,
    pub critical_failed: bool,
    /// The worst rating of its critical tasks (P when it has none).
    pub worst_critical: Rating,
}

impl Default for CapabilityScore {
    fn default() -> Self {
        CapabilityScore {
            counts: [0; 4],
            points: 0.0,
            weight: 0.0,
            rating: None,
            critical_failed: false,
            worst_critical: Rating::P,
        }
    }
}

impl CapabilityScore {
    pub fn score(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.points / self.weight)
    }
}

/// The score of one run.
#[derive(Clone, Copy, Debug)]
pub struct RunScore {
    pub capabilities: [CapabilityScore; 6],
    pub score: f64,
    pub verdict: Verdict,
}

/// Rounds to one decimal (what is shown and compared), so tiny float differences
/// between machines do not change printed bytes.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The rating of a capability score by the bands.
pub fn rating_of(score: f64, bands: [f64; 3]) -> Rating {
    let [p, s, m] = bands;
    if score >= p - 1e-9 {
        Rating::P
    } else if score >= s - 1e-9 {
        Rating::S
    } else if score >= m - 1e-9 {
        Rating::M
    } else {
        Rating::U
    }
}

/// The repeats of one `every` action so far: how many, how many on time, any done,
/// any critical.
#[derive(Clone, Copy, Debug, Default)]
struct Repeats {
    count: u32,
    on_time: u32,
    done: u32,
    critical: bool,
    capability: u8,
}

/// The rating of a repeated task by the share of its repeats done on time.
fn repeats_rating(r: &Repeats, bands: [f64; 2]) -> Rating {
    let share = r.on_time as f64 / r.count.max(1) as f64;
    if share >= bands[0] {
        Rating::P
    } else if share >= bands[1] {
        Rating::S
    } else if r.done > 0 {
        Rating::M
    } else {
        Rating::U
    }
}

/// Adds one task to its capability.
fn add_task(p: &super::params::Params, c: &mut CapabilityScore, rating: Rating, critical: bool) {
    let w = if critical { p.critical_weight } else { 1.0 };
    c.counts[rating as usize] += 1;
    c.points += w * p.points[rating as usize];
    c.weight += w;
    if critical {
        c.worst_critical = c.worst_critical.max(rating);
        c.critical_failed |= rating == Rating::U;
    }
}

/// Scores a run: each task (an expectation; the repeats of one `every` action are one
/// task) earns points by its rating, critical tasks weigh more; a capability is rated
/// by its score and never better than its worst critical task; the verdict follows
/// the ratings ([`Verdict::of_ratings`]).
pub fn score(m: &DrillModel, exps: &[Expectation]) -> RunScore {
    let p = &m.params;
    let mut capabilities = [CapabilityScore::default(); 6];
    let mut repeats: Vec<Repeats> = Vec::new();
    for e in exps {
        if let What::Action(a) = e.what
            && m.actions[a as usize].every.is_some()
        {
            if repeats.is_empty() {
                repeats.resize(m.actions.len(), Repeats::default());
            }
            let r = &mut repeats[a as usize];
            r.count += 1;
            r.on_time += (e.rating == Rating::P) as u32;
            r.done += (e.rating != Rating::U) as u32;
            r.critical |= e.critical;
            r.capability = e.capability as u8;
            continue;
        }
        add_task(
            p,
            &mut capabilities[e.capability as usize],
            e.rating,
            e.critical,
        );
    }
    for r in repeats.iter().filter(|r| r.count > 0) {
        let rating = repeats_rating(r, p.repeat_bands);
        add_task(
            p,
            &mut capabilities[r.capability as usize],
            rating,
            r.critical,
        );
    }
    let mut total = 0.0;
    let mut wsum = 0.0;
    for (i, c) in capabilities.iter_mut().enumerate() {
        if c.weight <= 0.0 {
            continue;
        }
        let s = c.points / c.weight;
        let rating = rating_of(s, p.rating_bands).max(c.worst_critical);
        c.rating = Some(rating);
        total += p.weights[i] * s;
        wsum += p.weights[i];
    }
    let score = if wsum > 0.0 {
        round1(total / wsum)
    } else {
        0.0
    };
    let verdict = Verdict::of_ratings(capabilities.iter().filter_map(|c| c.rating));
    RunScore {
        capabilities,
        score,
        verdict,
    }
}

/// POETE elements of an improvement item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Poete {
    Planning = 0,
    Organization = 1,
    Equipment = 2,
    Training = 3,
    Exercise = 4,
}

impl Poete {
    /// Its key in the labels (`drill.element.KEY`).
    pub fn key(self) -> &'static str {
        [
            "planning",
            "organization",
            "equipment",
            "training",
            "exercise",
        ][self as usize]
    }
}

/// The POETE element a cause calls for.
pub fn poete(c: Cause) -> Poete {
    match c {
        Cause::NoBackup | Cause::ApproverNoBackup | Cause::NoOwner | Cause::NoRoster => {
            Poete::Organization
        }
        Cause::ReachNight | Cause::ReachOffHours | Cause::Handover | Cause::Acting => {
            Poete::Organization
        }
        Cause::Misstatement | Cause::DebunkedGenuine => Poete::Training,
        Cause::Outage | Cause::NotWatched => Poete::Equipment,
        Cause::Work | Cause::ReachSlow | Cause::Consult | Cause::SlowDetect => Poete::Training,
        Cause::Approval
        | Cause::Dependency
        | Cause::OffHours
        | Cause::NoAssessment
        | Cause::ReassessLate
        | Cause::LevelNoActions
        | Cause::NotInPlan
        | Cause::Urgency
        | Cause::PressHours
        | Cause::NotDeclared
        | Cause::Horizon
        | Cause::None => Poete::Planning,
    }
}
