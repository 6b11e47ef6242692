//! Scoring a run: points per expectation, ratings per capability, the 0–100 score,
//! the verdict, and the findings behind every M and U.

use super::model::DrillModel;
use super::sim::{Cause, Expectation, Rating};

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
    /// The verdict of a score: `excellent` needs no capability rated U.
    pub fn of_score(score: f64, thresholds: [f64; 3], any_u: bool) -> Verdict {
        let [a, b, c] = thresholds;
        if score >= a && !any_u {
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
#[derive(Clone, Copy, Debug, Default)]
pub struct CapabilityScore {
    /// Number of expectations by rating P, S, M, U.
    pub counts: [u32; 4],
    pub points: f64,
    pub weight: f64,
    /// None when nothing was expected (N/A).
    pub rating: Option<Rating>,
    pub critical_failed: bool,
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

pub fn score(m: &DrillModel, exps: &[Expectation]) -> RunScore {
    let p = &m.params;
    let mut capabilities = [CapabilityScore::default(); 6];
    for e in exps {
        let c = &mut capabilities[e.capability as usize];
        c.counts[e.rating as usize] += 1;
        let w = e.weight as f64;
        c.points += w * p.points[e.rating as usize];
        c.weight += w;
        if e.critical && e.rating == Rating::U {
            c.critical_failed = true;
        }
    }
    let mut total = 0.0;
    let mut wsum = 0.0;
    let mut any_u = false;
    for (i, c) in capabilities.iter_mut().enumerate() {
        if c.weight <= 0.0 {
            continue;
        }
        // The rating most expectations earned; ties go to the worse one.
        let mut best = Rating::P;
        for r in Rating::ALL {
            if c.counts[r as usize] >= c.counts[best as usize] {
                best = r;
            }
        }
        if c.critical_failed {
            best = Rating::U;
        }
        any_u |= best == Rating::U;
        c.rating = Some(best);
        total += p.weights[i] * c.points / c.weight;
        wsum += p.weights[i];
    }
    let score = if wsum > 0.0 {
        round1(total / wsum)
    } else {
        0.0
    };
    let verdict = Verdict::of_score(score, p.verdict, any_u);
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
        Cause::ReachNight | Cause::ReachOffHours | Cause::Handover => Poete::Organization,
        Cause::Outage | Cause::NotWatched => Poete::Equipment,
        Cause::Work | Cause::ReachSlow | Cause::Consult | Cause::SlowDetect => Poete::Training,
        Cause::Approval
        | Cause::Dependency
        | Cause::OffHours
        | Cause::NoAssessment
        | Cause::ReassessLate
        | Cause::LevelNoActions
        | Cause::Horizon
        | Cause::None => Poete::Planning,
    }
}
