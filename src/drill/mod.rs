//! The drill simulator: scenarios, seeded runs, scoring and campaigns.
//!
//! ```text
//! plan + scenario library ──DrillModel::build──▶ model (once)
//!        model + seed ──Runner::run──▶ expectations ──score──▶ ratings, verdict, findings
//!        model + seeds ──campaign::run (rayon, blocks in seed order)──▶ statistics
//! ```

pub mod campaign;
mod findings;
pub mod interactive;
pub mod model;
pub mod output;
pub mod pack;
pub mod params;
pub mod report;
pub mod score;
pub mod sim;
pub mod words;

use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::source::Source;
use std::path::Path;

pub use model::DrillModel;
pub use sim::Runner;

/// The scenario library built into the binary (`plans/scenarios/*.plan`).
pub const LIBRARY: &[(&str, &str)] = &[
    (
        "plans/scenarios/data-leak.plan",
        include_str!("../../plans/scenarios/data-leak.plan"),
    ),
    (
        "plans/scenarios/employee-misconduct.plan",
        include_str!("../../plans/scenarios/employee-misconduct.plan"),
    ),
    (
        "plans/scenarios/environmental-complaint.plan",
        include_str!("../../plans/scenarios/environmental-complaint.plan"),
    ),
    (
        "plans/scenarios/executive-remarks.plan",
        include_str!("../../plans/scenarios/executive-remarks.plan"),
    ),
    (
        "plans/scenarios/impersonation-fake-news.plan",
        include_str!("../../plans/scenarios/impersonation-fake-news.plan"),
    ),
    (
        "plans/scenarios/labour-dispute.plan",
        include_str!("../../plans/scenarios/labour-dispute.plan"),
    ),
    (
        "plans/scenarios/product-complaint-video.plan",
        include_str!("../../plans/scenarios/product-complaint-video.plan"),
    ),
    (
        "plans/scenarios/safety-accident-rumour.plan",
        include_str!("../../plans/scenarios/safety-accident-rumour.plan"),
    ),
];

/// The sources of the scenario library: built in, or every `.plan` file of a
/// directory (sorted by name).
pub fn library_sources(dir: Option<&Path>) -> Result<Vec<Source>, String> {
    let Some(dir) = dir else {
        return Ok(LIBRARY.iter().map(|(n, t)| Source::new(*n, *t)).collect());
    };
    let rd = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<std::path::PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "plan") && p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        let name = p.display().to_string();
        match crate::source_from_bytes(&name, bytes) {
            Ok(s) => out.push(s),
            Err((s, _)) => out.push(s),
        }
    }
    if out.is_empty() {
        return Err(format!("{} holds no .plan scenario files", dir.display()));
    }
    Ok(out)
}

/// Diagnostics of one source that stop a drill.
pub type Failed = Vec<(Source, Vec<Diagnostic>)>;

/// Builds the drill model of a plan (whose own source is `plan_source`) with a
/// scenario library. The plan's own scenarios are added; one with the name of a
/// library scenario replaces it.
pub fn build(
    plan: &Plan,
    plan_source: &Source,
    library: Vec<Source>,
) -> Result<DrillModel, Failed> {
    let mut failed: Failed = Vec::new();
    let mut compiled: Vec<crate::Compilation> = Vec::new();
    for s in library {
        let c = crate::compile(s);
        if c.has_errors() {
            let errs: Vec<Diagnostic> = c
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            failed.push((c.source.clone(), errs));
        } else {
            compiled.push(c);
        }
    }
    // (source index, scenario): the plan itself is index `compiled.len()`.
    let own = compiled.len();
    let mut list: Vec<(usize, &crate::model::Scenario)> = Vec::new();
    for (i, c) in compiled.iter().enumerate() {
        if let Some(p) = &c.plan {
            for s in &p.scenarios {
                if !plan.scenarios.iter().any(|x| x.name.value == s.name.value) {
                    list.push((i, s));
                }
            }
        }
    }
    for s in &plan.scenarios {
        list.push((own, s));
    }
    let (m, issues) = DrillModel::build(plan, &list);
    for iss in issues {
        let src = if iss.scenario == own {
            plan_source.clone()
        } else {
            compiled[iss.scenario].source.clone()
        };
        match failed.iter_mut().find(|(s, _)| s.name == src.name) {
            Some((_, d)) => d.push(iss.diagnostic),
            None => failed.push((src, vec![iss.diagnostic])),
        }
    }
    if failed.is_empty() {
        Ok(m)
    } else {
        Err(failed)
    }
}

/// Runs one seed and returns the runner holding it (with the timeline recorded).
pub fn run_one(m: &DrillModel, seed: u64) -> Runner<'_> {
    let mut r = Runner::new(m);
    r.record = true;
    r.run(seed);
    r
}
