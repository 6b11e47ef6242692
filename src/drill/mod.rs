//! The drill simulator: scenarios, seeded runs, scoring and campaigns.
//!
//! ```text
//! plan + scenario library ──DrillModel::build──▶ model (once)
//!        model + seed ──Runner::run──▶ expectations ──score──▶ ratings, verdict, findings
//!        model + seeds ──campaign::run (rayon, blocks in seed order)──▶ statistics
//! ```

mod build;
pub mod campaign;
pub mod compare;
pub mod draw;
mod findings;
pub mod model;
pub mod modules;
pub mod output;
pub mod pack;
pub mod params;
pub mod report;
pub mod scenario;
pub mod score;
pub mod sim;
pub mod tabletop;
pub mod words;

use crate::Compilation;
use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub use model::DrillModel;
pub use sim::Runner;
/// The tabletop by its command-line name (`--interactive`).
pub use tabletop as interactive;

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

/// Diagnostics of one source that stop a drill.
pub type Failed = Vec<(Source, Vec<Diagnostic>)>;

/// Builds the drill model of a compiled plan with a compiled scenario library. The
/// plan's own scenarios are added; one with the name of a library scenario replaces it.
/// Errors of the library's compilation and problems the drill finds in scenarios stop
/// the drill, each with the source it belongs to.
pub fn build(plan: &Compilation, library: &[Compilation]) -> Result<DrillModel, Failed> {
    let mut failed: Failed = Vec::new();
    let mut compiled: Vec<&Compilation> = Vec::new();
    for c in library {
        if c.has_errors() {
            let errors: Vec<Diagnostic> = c
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            failed.push((c.source.clone(), errors));
        } else {
            compiled.push(c);
        }
    }
    let Some(own_plan) = plan.plan.as_ref() else {
        return Err(failed);
    };
    // (source index, scenario): the plan itself is index `compiled.len()`.
    let own = compiled.len();
    let mut list: Vec<(usize, &crate::model::Scenario)> = Vec::new();
    for (i, c) in compiled.iter().enumerate() {
        // A library's scenarios speak its domain: a plan of another drills its own.
        if c.symbols.domain != plan.symbols.domain {
            continue;
        }
        if let Some(p) = &c.plan {
            for s in &p.scenarios {
                if !own_plan
                    .scenarios
                    .iter()
                    .any(|x| x.name.value == s.name.value)
                {
                    list.push((i, s));
                }
            }
        }
    }
    for s in &own_plan.scenarios {
        list.push((own, s));
    }
    let (m, issues) = DrillModel::build(own_plan, &plan.symbols, &list);
    for issue in issues {
        let src = if issue.scenario == own {
            &plan.source
        } else {
            &compiled[issue.scenario].source
        };
        match failed.iter_mut().find(|(s, _)| s.name == src.name) {
            Some((_, d)) => d.push(issue.diagnostic),
            None => failed.push((src.clone(), vec![issue.diagnostic])),
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
