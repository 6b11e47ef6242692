//! Export JSON as input: diagnostics point at the JSON value they concern, and the
//! JSON is held to the same value constraints as plan text (one validation).

use crate::common;

use planc::diagnostic::Diagnostic;
use planc::source::Source;
use std::path::Path;

fn flagship_json() -> String {
    let c = planc::compile(common::load(Path::new(planc::FLAGSHIP_NAME)).unwrap());
    planc::export_json(c.plan.as_ref().unwrap())
}

/// The JSON with the first `"field": value` replaced by `"field": by`, and the byte
/// offset the new value starts at.
fn broken(json: &str, field: &str, by: &str) -> (String, usize) {
    let key = format!("\"{field}\": ");
    let at = json.find(&key).unwrap_or_else(|| panic!("no {key}")) + key.len();
    let end = at + json[at..].find([',', '\n']).unwrap();
    (format!("{}{by}{}", &json[..at], &json[end..]), at)
}

fn check(name: &str, text: &str) -> (Source, Vec<Diagnostic>) {
    let c = planc::compile(Source::new(name, text));
    let diags = c.check();
    (c.source, diags)
}

/// The code and line:column of every diagnostic.
fn located(source: &Source, diags: &[Diagnostic]) -> Vec<(String, (usize, usize))> {
    diags
        .iter()
        .map(|d| {
            let at = source.line_col(d.span.start());
            (d.code().as_str().to_string(), at)
        })
        .collect()
}

fn assert_points_at(field: &str, by: &str, code: &str) {
    let (json, at) = broken(&flagship_json(), field, by);
    let (source, diags) = check("p.json", &json);
    let found = located(&source, &diags);
    let want = (code.to_string(), source.line_col(at));
    assert!(
        found.contains(&want),
        "{field}: {by}: want {want:?}, found {found:?}"
    );
}

#[test]
fn a_zero_deadline_in_json_points_at_its_value() {
    assert_points_at("within", "\"0m\"", "P0008");
}

#[test]
fn a_zero_cadence_in_json_points_at_its_value() {
    assert_points_at("every", "\"0m\"", "P0008");
}

#[test]
fn a_response_out_of_range_in_json_points_at_its_value() {
    assert_points_at("response", "255", "P0009");
}

#[test]
fn a_rank_of_zero_in_json_points_at_its_value() {
    assert_points_at("rank", "0", "P0009");
}

#[test]
fn an_undefined_owner_in_json_points_at_its_value() {
    assert_points_at("owner", "\"无此部门\"", "N0001");
}

/// A gap rule's finding on an item points at the item's name in the JSON.
#[test]
fn an_item_finding_in_json_points_at_the_name() {
    let json = flagship_json();
    let (json, at) = broken(&json, "owner", "null");
    let (source, diags) = check("p.json", &json);
    let found = located(&source, &diags);
    assert!(
        !found.iter().any(|(_, lc)| *lc == (1, 1)),
        "a finding at 1:1: {found:?}"
    );
    // The action whose owner was removed is named just above it.
    let name = json[..at].rfind("\"name\": ").unwrap() + "\"name\": ".len();
    assert!(
        found.contains(&("A0001".to_string(), source.line_col(name))),
        "{found:?}"
    );
}

#[test]
fn every_finding_on_the_flagship_json_has_a_location() {
    let (json, _) = broken(&flagship_json(), "within", "\"0m\"");
    let (json, _) = broken(&json, "response", "255");
    let (source, diags) = check("p.json", &json);
    assert!(!diags.is_empty());
    for (code, lc) in located(&source, &diags) {
        assert_ne!(lc, (1, 1), "{code} at 1:1");
    }
}

/// The same broken data read as plan text and as its export JSON gives the same codes.
#[test]
fn plan_and_json_give_the_same_codes() {
    let text = std::fs::read_to_string(planc::FLAGSHIP_NAME).unwrap();
    let text = text
        .replacen("within 30m", "within 0m", 1)
        .replacen("rank 2", "rank 0", 1)
        .replacen("every 2h", "every 0m", 1);
    assert_ne!(text, std::fs::read_to_string(planc::FLAGSHIP_NAME).unwrap());
    let from_plan = planc::compile(Source::new("p.plan", text.as_str()));
    let plan = from_plan.plan.as_ref().expect("a model despite the errors");
    let (_, json_diags) = check("p.json", &planc::export_json(plan));
    let codes = |ds: &[Diagnostic]| {
        let mut c: Vec<String> = ds.iter().map(|d| d.code().as_str().to_string()).collect();
        c.sort();
        c
    };
    let plan_codes = codes(&from_plan.check());
    assert!(plan_codes.contains(&"P0008".to_string()), "{plan_codes:?}");
    assert!(plan_codes.contains(&"P0009".to_string()), "{plan_codes:?}");
    assert_eq!(plan_codes, codes(&json_diags));
}

/// Errors of the JSON itself keep serde_json's location and words.
#[test]
fn a_json_error_keeps_its_location() {
    let json = flagship_json();
    let (json, at) = broken(&json, "rank", "\"one\"");
    let (source, diags) = check("p.json", &json);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code().as_str(), "P0011");
    let (line, _) = source.line_col(diags[0].span.start());
    assert_eq!(line, source.line_col(at).0);
    let unknown = json.replacen("\"rank\": ", "\"rnak\": ", 1);
    let (_, diags) = check("p.json", &unknown);
    assert_eq!(diags[0].code().as_str(), "P0011");
}

/// A number beyond the model's range: refused in a scenario file and in its JSON
/// alike, at the value, quoting it as written.
#[test]
fn a_number_out_of_range_is_refused_in_plan_and_json() {
    let path = "plans/scenarios/data-leak.plan";
    let text = std::fs::read_to_string(path).unwrap();
    let broken_text = text.replacen("weight 1.5", "weight 99999999亿", 1);
    assert_ne!(broken_text, text);
    let from_plan = planc::compile(Source::new("s.plan", broken_text.as_str()));
    let codes: Vec<&str> = from_plan
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect();
    assert_eq!(codes, ["P0009"]);
    let clean = planc::compile(Source::new(path, text.as_str()));
    let json = planc::export_json(clean.plan.as_ref().unwrap());
    let (json, at) = broken(&json, "weight", "1e300");
    let (source, diags) = check("s.json", &json);
    let found = located(&source, &diags);
    assert_eq!(found, [("P0009".to_string(), source.line_col(at))]);
    let exported = planc::export_json(from_plan.plan.as_ref().unwrap());
    let (_, again) = check("s.json", &exported);
    assert_eq!(
        again.iter().map(|d| d.code().as_str()).collect::<Vec<_>>(),
        ["P0009"]
    );
}

/// The drill's findings on export JSON point into it (they pointed at 1:1).
#[test]
fn drill_findings_on_json_point_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    std::fs::write(&path, flagship_json()).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["drill", "--runs", "20"])
        .arg(&path)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    let shown = format!("{}:", path.display());
    assert!(out.contains(&shown), "no location in\n{out}");
    assert!(
        !out.contains(&format!("{shown}1:1")),
        "a finding at 1:1 in\n{out}"
    );
}

/// Every gap-rule fixture read back from its export JSON gives the same codes, and
/// none of them at 1:1 unless the plan's own is there.
#[test]
fn check_fixtures_give_the_same_codes_from_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plan"))
        .collect();
    files.sort();
    let mut compared = 0;
    for p in files {
        let Ok(source) = common::load(&p) else {
            continue;
        };
        let c = planc::compile(source);
        let Some(plan) = c.plan.as_ref().filter(|_| !c.has_errors()) else {
            continue;
        };
        let opts = planc::check::Options {
            today: "2026-11-28".parse().unwrap(),
            levels: Vec::new(),
            deny_warnings: false,
        };
        let from_plan = c.check_with(&opts);
        let back = planc::compile(Source::new("p.json", planc::export_json(plan)));
        let from_json = back.check_with(&opts);
        let codes = |ds: &[Diagnostic]| {
            let mut v: Vec<&str> = ds.iter().map(|d| d.code().as_str()).collect();
            v.sort();
            v
        };
        // H-codes read the text's own spelling (comments, invisible characters), which
        // the export does not keep.
        let text_only = |ds: &[Diagnostic]| {
            ds.iter()
                .filter(|d| !d.code().as_str().starts_with('H'))
                .cloned()
                .collect::<Vec<_>>()
        };
        let (a, b) = (text_only(&from_plan), text_only(&from_json));
        assert_eq!(codes(&a), codes(&b), "{}", p.display());
        let plan_at_start = a
            .iter()
            .any(|d| c.source.line_col(d.span.start()) == (1, 1));
        for d in &b {
            let at = back.source.line_col(d.span.start());
            assert!(
                plan_at_start || at != (1, 1),
                "{}: {} at 1:1 from JSON",
                p.display(),
                d.code().as_str()
            );
        }
        compared += 1;
    }
    assert!(compared > 20, "{compared}");
}

/// Version 2 is written; a version 1 export (written before relative time limits, joint
/// owners and alternative declarers) still reads, as the same plan: `planc diff` finds
/// no change between it and the plan it came from, and a version 2 plan with the new
/// constructs diffs against it field by field. Version 3 is refused with the versions read.
#[test]
fn version_1_exports_read_and_diff_across_versions() {
    assert!(flagship_json().starts_with("{\n  \"version\": 2,"));
    let v1 = "tests/data/export/university-crisis-comms.v1.json";
    let same = common::planc(&["diff", v1, "plans/university-crisis-comms.plan"]);
    assert_eq!(
        common::code(&same),
        0,
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("plans/university-crisis-comms.plan").unwrap();
    let newer = dir.path().join("newer.plan");
    let from = "declared_by president\n";
    assert!(text.contains(from), "the plan declares by president");
    std::fs::write(
        &newer,
        text.replacen(from, "declared_by president or provost\n", 1),
    )
    .unwrap();
    let o = common::planc(&["diff", v1, newer.to_str().unwrap(), "--format", "json"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"field\": \"declared_by_also\""), "{out}");
    let v3 = std::fs::read_to_string(v1)
        .unwrap()
        .replacen("\"version\": 1", "\"version\": 3", 1);
    let (_, diags) = check("v3.json", &v3);
    assert_eq!(
        diags
            .first()
            .map(|d| d.code().as_str().to_string())
            .as_deref(),
        Some("P0011")
    );
}
