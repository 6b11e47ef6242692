//! The real binary: exit codes and the contract of cli.md.

use crate::common::{code, planc, planc_stdin, stderr, stdout};

#[test]
fn clean_plan_exits_0() {
    let o = planc(&[
        "check",
        "--today",
        "2026-11-28",
        "tests/fixtures/check/ok_clean_complete.plan",
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn plan_with_errors_exits_1() {
    let o = planc(&["check", "tests/fixtures/graph/err_cycles.plan"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("R0001") && out.contains("A0004") && out.contains("A0001"),
        "{out}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(code(&planc(&["check", "no/such/file.plan"])), 2);
    assert_eq!(code(&planc(&["check", "--format", "yaml"])), 2);
    assert_eq!(code(&planc(&["frobnicate"])), 2);
    assert_eq!(code(&planc(&["check", "tests/fixtures"])), 2);
    assert_eq!(
        code(&planc(&[
            "check",
            "--deny",
            "everything",
            "tests/fixtures/graph/ok_small_org.plan"
        ])),
        2
    );
}

#[test]
fn help_and_version_exit_0() {
    assert_eq!(code(&planc(&["--help"])), 0);
    assert_eq!(code(&planc(&["--version"])), 0);
}

#[test]
fn check_json_has_the_contract_fields() {
    let o = planc(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/resolve/err_undefined_party.plan",
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "code", "severity", "message", "file", "span", "line", "column", "labels", "help",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["code"], "N0001");
    assert_eq!(d["line"], 4);
    // Columns count characters: `  action 研判定级 { owner ` is 22 characters.
    assert_eq!(d["column"], 23);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn lang_en_switches_the_wording() {
    let o = planc(&[
        "check",
        "--lang",
        "en",
        "tests/fixtures/resolve/err_undefined_party.plan",
    ]);
    let out = stdout(&o);
    assert!(out.contains("`宣传部门` is not defined"), "{out}");
    assert!(out.contains("did you mean `宣传部`?"), "{out}");
}

#[test]
fn stdin_is_a_plan() {
    let o = planc_stdin(&["check", "-"], "unit 甲 { duty \"x\" }\n".as_bytes());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = planc_stdin(&["check", "-"], b"unit { }\n");
    assert_eq!(code(&o), 1);
}

#[test]
fn no_plan_uses_the_flagship_and_says_so() {
    let o = planc(&["export"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("built-in flagship plan"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 2);
}

#[test]
fn export_round_trips_through_json() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.json");
    let o = planc(&[
        "export",
        "tests/fixtures/parse/ok_all_concepts.plan",
        "-o",
        first.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = planc(&["export", first.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(o.stdout, std::fs::read(&first).unwrap());
}

#[test]
fn export_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.plan");
    std::fs::write(&plan, "unit 甲 { duty \"x\" }\n").unwrap();
    let o = planc(&[
        "export",
        plan.to_str().unwrap(),
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        "unit 甲 { duty \"x\" }\n"
    );
}

#[test]
fn output_into_a_missing_directory_is_exit_2() {
    let o = planc(&[
        "export",
        "tests/fixtures/graph/ok_small_org.plan",
        "-o",
        "/nonexistent/dir/x.json",
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn bad_json_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.json");
    std::fs::write(
        &p,
        "{\"version\": 1,\n \"roles\": [{\"name\": \"甲\", \"backupp\": \"乙\"}]}\n",
    )
    .unwrap();
    let o = planc(&["check", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("P0011") && out.contains("backupp") && out.contains(":2:"),
        "{out}"
    );
    std::fs::write(&p, "{\"version\": 3}").unwrap();
    let out = stdout(&planc(&["check", p.to_str().unwrap()]));
    assert!(out.contains("version 3"), "{out}");
}

#[test]
fn a_pack_takes_no_report_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.md");
    let report = dir.path().join("report.md");
    let o = planc(&[
        "drill",
        "plans/university-crisis-comms.plan",
        "--pack",
        pack.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--pack"), "{}", stderr(&o));
    assert!(!pack.exists() && !report.exists());
}

#[test]
fn english_drill_output_names_capabilities_in_english() {
    let o = planc(&[
        "drill",
        "plans/university-crisis-comms.plan",
        "--lang",
        "en",
        "--seed",
        "1",
    ]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("public information"), "{out}");
    for key in ["public_information", "信息报告", "监测预警"] {
        assert!(!out.contains(key), "`{key}` in English output:\n{out}");
    }
}

/// The bash completion script, loaded into a real bash, completes subcommands and flags.
#[test]
fn bash_completion_completes_commands_and_flags() {
    let o = planc(&["completions", "bash"]);
    assert_eq!(code(&o), 0);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("planc.bash");
    std::fs::write(&script, &o.stdout).unwrap();
    let probe = format!(
        "source {}; \
         COMP_WORDS=(planc dr); COMP_CWORD=1; _planc planc dr planc; echo \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(planc check --fo); COMP_CWORD=2; _planc planc --fo check; echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &probe])
        .output()
        .expect("bash runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        ["drill", "--format"],
        "{text}"
    );
}
