//! The gap checker, driven by data: every `tests/fixtures/check/err_CODE_*.plan` must
//! fire CODE and every `ok_CODE_*.plan` must not; `ok_clean_*` has no finding at all.
//! Each fixture's human output (no colour) and codes are snapshotted.

use planc::check::Options;
use planc::diagnostic::{Code, Diagnostic, Lang, render_human};
use planc::model::Date;
use planc::source::Source;
use std::path::Path;

/// The fixed date every test checks against.
pub fn today() -> Date {
    "2026-11-28".parse().unwrap()
}

fn check(path: &Path) -> (Source, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!(
        "tests/fixtures/check/{}",
        path.file_name().unwrap().to_string_lossy()
    );
    let c = planc::compile(Source::new(name, text));
    let opts = Options {
        today: today(),
        levels: Vec::new(),
        deny_warnings: false,
    };
    let d = c.check_with(&opts);
    (c.source, d)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    let mut v: Vec<&str> = diags.iter().map(|d| d.code().as_str()).collect();
    v.sort();
    v.dedup();
    v
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "plan"))
        .collect();
    v.sort();
    v
}

/// `err_O0003_x.plan` → ("err", "O0003").
fn expectation(path: &Path) -> (String, String) {
    let stem = path.file_stem().unwrap().to_string_lossy().to_string();
    let mut parts = stem.splitn(3, '_');
    let kind = parts.next().unwrap_or_default().to_string();
    let code = parts.next().unwrap_or_default().to_string();
    (kind, code)
}

#[test]
fn every_fixture_fires_or_spares_its_code() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let (kind, code) = expectation(&path);
        let (_, diags) = check(&path);
        let found = codes(&diags);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match (kind.as_str(), code.as_str()) {
            ("ok", "clean") => {
                if !diags.is_empty() {
                    failures.push(format!("{name}: expected no finding, got {found:?}"));
                }
            }
            ("err", c) if !found.contains(&c) => {
                failures.push(format!("{name}: {c} did not fire; got {found:?}"))
            }
            ("ok", c) if found.contains(&c) => {
                failures.push(format!("{name}: {c} fired; got {found:?}"))
            }
            ("err" | "ok", _) => {}
            _ => failures.push(format!("{name}: name it err_CODE_… or ok_CODE_…")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_checker_code_has_both_fixtures() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    let mut missing = Vec::new();
    for e in Code::all() {
        if !e.configurable() && e != Code::N0007 {
            // Reading and name errors: the front end's own fixtures. Drill-scenario
            // errors (D): `planc drill` reports them, tested in tests/suite/drill_codes.rs.
            continue;
        }
        for kind in ["err", "ok"] {
            let prefix = format!("{kind}_{e}_");
            if !names.iter().any(|n| n.starts_with(&prefix)) {
                missing.push(prefix);
            }
        }
    }
    assert!(missing.is_empty(), "fixtures missing: {missing:?}");
}

/// Every code has its words — summary, what and why — in both languages, and every
/// code a fixture fires is one of them.
#[test]
fn every_code_is_explained_in_both_languages() {
    for code in Code::all() {
        for lang in [Lang::Zh, Lang::En] {
            for part in ["summary", "what", "why"] {
                let words = planc::wording::Words::of(lang);
                let text = words.str(&format!("code.{code}.{part}"));
                assert!(
                    text.is_some_and(|t| !t.trim().is_empty()),
                    "{code}: no {part} in {lang:?}"
                );
            }
        }
    }
    for path in fixtures() {
        for d in check(&path).1 {
            assert!(Code::parse(d.code().as_str()).is_some(), "{}", d.code());
        }
    }
}

#[test]
fn snapshots() {
    insta::glob!("../fixtures", "check/*.plan", |path| {
        let (source, diags) = check(path);
        let human = render_human(&source, &diags, Lang::Zh, false);
        insta::assert_snapshot!(format!("codes: {:?}\n\n{human}", codes(&diags)));
    });
}
