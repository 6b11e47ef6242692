//! The bundled plans: every file in plans/ checks clean, and its export JSON
//! round-trips and checks the same as its source.

use crate::common;

use std::path::{Path, PathBuf};

fn bundled() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("scenarios")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "plan") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_bundled_plan_checks_clean() {
    let files = bundled();
    assert!(files.len() >= 3, "{files:?}");
    for p in files {
        let c = planc::compile(common::load(&p).unwrap());
        // Clean = exit 0 under `--deny warnings` on a fixed date: no error, no
        // warning (an info note, such as L0012, is not a finding against the plan).
        let opts = planc::check::Options {
            today: "2026-11-28".parse().unwrap(),
            levels: Vec::new(),
            deny_warnings: true,
        };
        let diags = c.check_with(&opts);
        assert!(
            !diags
                .iter()
                .any(|d| d.severity != planc::diagnostic::Severity::Info),
            "{}:\n{}",
            p.display(),
            common::human(&c.source, &diags, planc::diagnostic::Lang::Zh)
        );
    }
}

#[test]
fn export_round_trips_and_checks_the_same() {
    for p in bundled() {
        let c = planc::compile(common::load(&p).unwrap());
        let json = planc::export_json(c.plan.as_ref().unwrap());
        let name = format!("{}.json", p.display());
        let back = planc::compile(planc::source::Source::new(name, json.clone()));
        assert!(
            back.diagnostics.is_empty(),
            "{}: {:?}",
            p.display(),
            back.diagnostics
        );
        assert_eq!(
            planc::export_json(back.plan.as_ref().unwrap()),
            json,
            "{}",
            p.display()
        );
        let codes = |d: Vec<planc::diagnostic::Diagnostic>| {
            d.into_iter().map(|d| d.code().as_str()).collect::<Vec<_>>()
        };
        assert_eq!(codes(c.check()), codes(back.check()), "{}", p.display());
    }
}

#[test]
fn the_built_in_flagship_is_the_file() {
    let file = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/soe-online-opinion.plan"),
    )
    .unwrap();
    assert_eq!(file, planc::FLAGSHIP);
}
