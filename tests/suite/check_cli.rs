//! `planc check` configuration and formats through the real binary, `planc explain`,
//! and the SARIF log validated against the official SARIF 2.1.0 schema
//! (tests/data/sarif-schema-2.1.0.json, from oasis-tcs/sarif-spec).

use crate::common::{code, planc, stderr, stdout};

const TODAY: [&str; 2] = ["--today", "2026-11-28"];

fn check(extra: &[&str], file: &str) -> std::process::Output {
    let mut args = vec!["check", TODAY[0], TODAY[1]];
    args.extend_from_slice(extra);
    args.push(file);
    planc(&args)
}

const WARNING_ONLY: &str = "tests/fixtures/check/err_S0007_review_every_5y.plan";
const ONE_ERROR: &str = "tests/fixtures/check/err_A0001_no_owner.plan";

#[test]
fn warnings_pass_unless_denied() {
    let o = check(&[], WARNING_ONLY);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[S0007]"));
    let o = check(&["--deny", "warnings"], WARNING_ONLY);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("error[S0007]"), "{}", stdout(&o));
}

#[test]
fn allow_warn_and_deny_a_code() {
    let o = check(&["--allow", "S0007", "--deny", "warnings"], WARNING_ONLY);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(!stdout(&o).contains("[S0007]"));
    let o = check(&["--deny", "s0007"], WARNING_ONLY);
    assert_eq!(code(&o), 1);
    let o = check(&[], ONE_ERROR);
    assert_eq!(code(&o), 1);
    let o = check(&["--warn", "A0001"], ONE_ERROR);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[A0001]"));
}

#[test]
fn unknown_or_fixed_codes_are_usage_errors() {
    let o = check(&["--allow", "O003"], ONE_ERROR);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `O0003`?"),
        "{}",
        stderr(&o)
    );
    let o = check(&["--deny", "P0001"], ONE_ERROR);
    assert_eq!(code(&o), 2);
    let o = check(&["--allow", "A0001", "--deny", "A0001"], ONE_ERROR);
    assert_eq!(code(&o), 2);
    let o = planc(&["check", "--today", "2026-13-01", ONE_ERROR]);
    assert_eq!(code(&o), 2);
}

#[test]
fn the_plans_lint_block_is_applied_and_the_command_line_wins() {
    let used = "tests/fixtures/check/ok_H0007_used_allow.plan";
    let o = check(&["--deny", "warnings"], used);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = check(&["--deny", "O0003"], used);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let o = check(&[], "tests/fixtures/check/err_N0007_unknown_code.plan");
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("N0007"));
}

#[test]
fn date_rules_follow_today() {
    let f = "tests/fixtures/check/err_S0004_not_filed.plan";
    assert!(stdout(&planc(&["check", "--today", "2026-12-31", f])).contains("[S0004]"));
    assert!(!stdout(&planc(&["check", "--today", "2026-06-20", f])).contains("[S0004]"));
}

#[test]
fn bundled_plans_check_clean_with_deny_warnings() {
    for p in [
        "plans/soe-online-opinion.plan",
        "plans/university-crisis-comms.plan",
    ] {
        let o = check(&["--deny", "warnings"], p);
        assert_eq!(code(&o), 0, "{p}\n{}", stdout(&o));
    }
}

#[test]
fn json_has_the_contract_fields() {
    let o = check(&["--format", "json"], ONE_ERROR);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for k in [
        "code", "severity", "message", "file", "span", "line", "column", "labels", "help",
    ] {
        assert!(d.get(k).is_some(), "missing {k}: {d}");
    }
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
}

fn sarif(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "sarif", TODAY[0], TODAY[1]];
    all.extend_from_slice(args);
    let o = planc(&all);
    assert!(code(&o) <= 1, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let logs = [
        sarif(&[
            "--deny",
            "warnings",
            "plans/soe-online-opinion.plan",
            "tests/fixtures/check/err_T0001_report_chain_too_slow.plan",
            "tests/fixtures/check/err_H0004_bidi_override.plan",
            "tests/fixtures/check/err_L0012_response_copies_rank.plan",
        ]),
        sarif(&["tests/fixtures/check/ok_clean_complete.plan"]),
    ];
    for log in &logs {
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
    // A broken log must fail, or the test proves nothing.
    let mut broken = logs[0].clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        serde_json::json!(0);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_has_the_contract_fields() {
    let log = sarif(&["tests/fixtures/check/err_T0001_report_chain_too_slow.plan"]);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "planc");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one rules[] entry per code");
    assert_eq!(ids.len(), planc::diagnostic::Code::all().count());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // The chain of T0001 is carried as related locations.
    assert!(
        !results[0]["relatedLocations"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn explain_lists_and_explains_codes() {
    let o = planc(&["explain", "--list"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 30, "{}", lines.len());
    for l in &lines {
        let (c, summary) = l.split_once("  ").unwrap();
        assert!(c.len() == 5 && c.as_bytes()[0].is_ascii_uppercase(), "{l}");
        assert!(!summary.trim().is_empty(), "{l}");
    }
    let o = planc(&["--lang", "en", "explain", "o0003"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for part in ["O0003", "what:", "why:", "source:", "bad:", "good:"] {
        assert!(out.contains(part), "{part} missing:\n{out}");
    }
    let o = planc(&["explain", "Q1234"]);
    assert_eq!(code(&o), 2);
    assert_eq!(code(&planc(&["explain"])), 2);
}
