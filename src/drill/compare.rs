//! `planc drill OLD --compare NEW`: a paired campaign. Both versions run the same
//! seeds; since every draw is keyed by a stable name, a seed differs only where the
//! edit touched the plan. The result is the mean difference with its 95 % interval,
//! per capability and per benchmark, and the seeds that changed most.

use super::campaign::Campaign;
use super::model::Capability;
use super::params::BenchmarkKind;
use crate::wording::{Lang, Words};
use serde::Serialize;

/// A mean difference of paired values and its 95 % confidence interval.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Difference {
    pub mean: f64,
    pub ci95: [f64; 2],
    /// The interval excludes zero (a paired z-test at the 5 % level).
    pub significant: bool,
    pub pairs: u64,
}

/// The mean difference of paired values (pairs with a missing value are left out).
pub fn difference(pairs: impl Iterator<Item = (f64, f64)>) -> Difference {
    let d: Vec<f64> = pairs
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| b - a)
        .collect();
    let n = d.len() as f64;
    if d.is_empty() {
        return Difference {
            mean: 0.0,
            ci95: [0.0, 0.0],
            significant: false,
            pairs: 0,
        };
    }
    let mean = d.iter().sum::<f64>() / n;
    let var = if d.len() > 1 {
        d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    let half = 1.96 * (var / n).sqrt();
    let r = |x: f64| (x * 100.0).round() / 100.0;
    Difference {
        mean: r(mean),
        ci95: [r(mean - half), r(mean + half)],
        significant: mean - half > 0.0 || mean + half < 0.0,
        pairs: d.len() as u64,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SideJson {
    pub file: String,
    pub mean: f64,
    pub pass_rate: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CapabilityDiff {
    pub name: &'static str,
    pub difference: Difference,
}

#[derive(Clone, Debug, Serialize)]
pub struct BenchmarkDiff {
    pub name: &'static str,
    /// Shares of the runs where it was due that met it, old and new.
    pub old_met: Option<f64>,
    pub new_met: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeedDiff {
    pub seed: u64,
    pub old: f64,
    pub new: f64,
    pub difference: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CompareJson {
    pub version: u32,
    pub runs: u64,
    pub seed_start: u64,
    pub old: SideJson,
    pub new: SideJson,
    pub difference: Difference,
    pub capabilities: Vec<CapabilityDiff>,
    pub benchmarks: Vec<BenchmarkDiff>,
    /// The seeds whose score changed most, largest change first.
    pub seeds: Vec<SeedDiff>,
}

fn share(c: &Campaign) -> f64 {
    c.pass() as f64 / c.tally.runs.max(1) as f64
}

fn met(c: &Campaign, k: BenchmarkKind) -> Option<f64> {
    let [due, met] = c.tally.benchmarks[k as usize];
    (due > 0).then(|| (met as f64 / due as f64 * 1000.0).round() / 1000.0)
}

/// Compares two campaigns run on the same seeds.
pub fn compare(old: &Campaign, new: &Campaign, files: [&str; 2]) -> CompareJson {
    let (a, b) = (&old.tally, &new.tally);
    let pairs = || a.scores.iter().copied().zip(b.scores.iter().copied());
    let capabilities = Capability::ALL
        .into_iter()
        .map(|c| {
            let i = c as usize;
            let values = a
                .capability_scores
                .iter()
                .zip(&b.capability_scores)
                .map(|(x, y)| (x[i] as f64, y[i] as f64));
            CapabilityDiff {
                name: c.plan_name(),
                difference: difference(values),
            }
        })
        .collect();
    let benchmarks = BenchmarkKind::ALL
        .into_iter()
        .filter(|k| !k.is_bound())
        .map(|k| BenchmarkDiff {
            name: k.key(),
            old_met: met(old, k),
            new_met: met(new, k),
        })
        .collect();
    let mut seeds: Vec<SeedDiff> = pairs()
        .enumerate()
        .map(|(k, (x, y))| SeedDiff {
            seed: old.seed_start.wrapping_add(k as u64),
            old: x,
            new: y,
            difference: ((y - x) * 10.0).round() / 10.0,
        })
        .filter(|s| s.difference != 0.0)
        .collect();
    seeds.sort_by(|p, q| {
        q.difference
            .abs()
            .total_cmp(&p.difference.abs())
            .then(p.seed.cmp(&q.seed))
    });
    seeds.truncate(10);
    let side = |c: &Campaign, file: &str| SideJson {
        file: file.to_string(),
        mean: c.mean(),
        pass_rate: (share(c) * 1000.0).round() / 1000.0,
    };
    CompareJson {
        version: 1,
        runs: a.runs,
        seed_start: old.seed_start,
        old: side(old, files[0]),
        new: side(new, files[1]),
        difference: difference(pairs()),
        capabilities,
        benchmarks,
        seeds,
    }
}

fn signed(x: f64) -> String {
    format!("{x:+.2}")
}

fn interval(d: &Difference) -> String {
    format!("[{:+.2}, {:+.2}]", d.ci95[0], d.ci95[1])
}

fn percent(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

/// The comparison in words.
pub fn human(j: &CompareJson, lang: Lang) -> String {
    let w = Words::of(lang);
    let mut s = String::new();
    let mut line = |t: String| {
        s.push_str(&t);
        s.push('\n');
    };
    let (runs, first) = (j.runs.to_string(), j.seed_start.to_string());
    line(w.fill(
        "drill.compare.header",
        &[("runs", &runs), ("first", &first)],
    ));
    for (key, side) in [("old", &j.old), ("new", &j.new)] {
        let (mean, pass) = (
            format!("{:.1}", side.mean),
            format!("{:.1}%", side.pass_rate * 100.0),
        );
        line(w.fill(
            &format!("drill.compare.{key}"),
            &[("file", &side.file), ("mean", &mean), ("pass_rate", &pass)],
        ));
    }
    let d = &j.difference;
    let verdict = w.get(if d.significant {
        "drill.compare.significant"
    } else {
        "drill.compare.not_significant"
    });
    line(w.fill(
        "drill.compare.difference",
        &[
            ("mean", &signed(d.mean)),
            ("ci", &interval(d)),
            ("verdict", &verdict),
        ],
    ));
    line(w.get("drill.compare.capabilities"));
    for (c, cap) in j.capabilities.iter().zip(Capability::ALL) {
        let name = super::words::capability(w, cap);
        line(format!(
            "  {name}  {}  {}",
            signed(c.difference.mean),
            interval(&c.difference)
        ));
    }
    line(w.get("drill.compare.benchmarks"));
    for b in &j.benchmarks {
        let name = w.get(&format!("drill.benchmark.{}", b.name));
        line(format!(
            "  {name}  {} → {}",
            percent(b.old_met),
            percent(b.new_met)
        ));
    }
    line(w.get("drill.compare.seeds"));
    for sd in &j.seeds {
        line(format!(
            "  seed {}  {:.1} → {:.1}  ({})",
            sd.seed,
            sd.old,
            sd.new,
            signed(sd.difference)
        ));
    }
    s
}
