//! The real binary: `planc fmt` and `planc diff` — in place, `--check`, standard input,
//! directories, exit codes, and files left untouched on syntax errors.

use crate::common::{code, planc, planc_stdin, stderr, stdout};
use std::path::Path;

const MESSY: &str = "unit 宣传部 { backup 网信部 # AB角\n duty \"监测\" }\n";
const TIDY: &str = "unit 宣传部 {\n  backup 网信部  # AB角\n  duty \"监测\"\n}\n";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn fmt_rewrites_in_place_and_only_when_needed() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "a.plan", MESSY);
    let o = planc(&["fmt", &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), TIDY);
    // Already formatted: the file is not written again (same inode, no message).
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&f).unwrap().ino()
    };
    let o = planc(&["fmt", &f]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).is_empty() && stdout(&o).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(std::fs::metadata(&f).unwrap().ino(), inode);
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn fmt_check_lists_changes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let messy = write(dir.path(), "messy.plan", MESSY);
    let tidy = write(dir.path(), "tidy.plan", TIDY);
    let o = planc(&["fmt", "--check", &messy, &tidy]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), format!("{messy}\n"));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);
    let o = planc(&["fmt", "--check", &tidy]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).is_empty());
}

#[test]
fn fmt_directories_recurse_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.plan", MESSY);
    write(dir.path(), "sub/a.plan", MESSY);
    write(dir.path(), "sub/deeper/c.plan", TIDY);
    write(dir.path(), "notes.txt", MESSY);
    let root = dir.path().display().to_string();
    let o = planc(&["fmt", "--check", &root]);
    assert_eq!(code(&o), 1);
    let listed: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    let expect: Vec<String> = ["b.plan", "sub/a.plan"]
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    assert_eq!(listed, expect);
    assert_eq!(code(&planc(&["fmt", &root])), 0);
    assert_eq!(code(&planc(&["fmt", "--check", &root])), 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        MESSY
    );
}

#[test]
fn fmt_stdin_to_stdout() {
    let o = planc_stdin(&["fmt", "-"], MESSY.as_bytes());
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), TIDY);
    let o = planc_stdin(&["fmt", "--check", "-"], MESSY.as_bytes());
    assert_eq!((code(&o), stdout(&o)), (1, "<stdin>\n".to_string()));
    let o = planc_stdin(&["fmt", "--check", "-"], TIDY.as_bytes());
    assert_eq!((code(&o), stdout(&o)), (0, String::new()));
}

#[test]
fn fmt_leaves_files_with_syntax_errors_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bad_text = "unit 宣传部 {\n  duty   \"监测\"\n\nrole 总指挥 { }\n";
    let bad = write(dir.path(), "bad.plan", bad_text);
    let good = write(dir.path(), "good.plan", MESSY);
    let o = planc(&["fmt", &bad, &good]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("P0001"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), bad_text);
    // The other file is still formatted.
    assert_eq!(std::fs::read_to_string(&good).unwrap(), TIDY);
    let o = planc_stdin(&["fmt", "-"], bad_text.as_bytes());
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).is_empty());
}

#[test]
fn fmt_usage_and_io_errors_exit_2() {
    assert_eq!(code(&planc(&["fmt"])), 2);
    assert_eq!(code(&planc(&["fmt", "no/such/file.plan"])), 2);
}

#[test]
fn bundled_plans_pass_fmt_check() {
    let o = planc(&["fmt", "--check", "plans/"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn diff_exits_0_with_or_without_changes() {
    let d = "tests/fixtures/diff";
    let same = planc(&[
        "diff",
        &format!("{d}/same_reformatted.old.plan"),
        &format!("{d}/same_reformatted.new.plan"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&same), 0);
    assert_eq!(
        stdout(&same),
        "{\n  \"version\": 1,\n  \"changes\": []\n}\n"
    );
    let changed = planc(&[
        "diff",
        &format!("{d}/action_deadline.old.plan"),
        &format!("{d}/action_deadline.new.plan"),
    ]);
    assert_eq!(code(&changed), 0);
    let out = stdout(&changed);
    assert!(
        out.contains("橙色预警“首次回应”时限由4小时调整为1小时"),
        "{out}"
    );
    assert!(!out.contains("\x1b["), "no colour without a terminal");
    let en = planc(&[
        "diff",
        &format!("{d}/action_deadline.old.plan"),
        &format!("{d}/action_deadline.new.plan"),
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(
        stdout(&en).contains("deadline changed from 4 h to 1 h"),
        "{}",
        stdout(&en)
    );
}

#[test]
fn diff_reads_export_json_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("flagship.json").display().to_string();
    assert_eq!(
        code(&planc(&[
            "export",
            "plans/soe-online-opinion.plan",
            "-o",
            &json
        ])),
        0
    );
    let o = planc(&[
        "diff",
        &json,
        "plans/soe-online-opinion.plan",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("\"changes\": []"));
    let text = std::fs::read("tests/fixtures/diff/levels.old.plan").unwrap();
    let o = planc_stdin(
        &[
            "diff",
            "-",
            "tests/fixtures/diff/levels.new.plan",
            "--format",
            "json",
        ],
        &text,
    );
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    let first = &v["changes"][0];
    for key in ["kind", "item", "field", "old", "new", "major"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn diff_errors() {
    let d = "tests/fixtures/diff";
    // A version that does not parse: exit 1, with its diagnostics.
    let o = planc(&[
        "diff",
        "tests/fixtures/fmt/err_unclosed.plan",
        &format!("{d}/levels.new.plan"),
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("P0001"));
    // Unreadable file, both from stdin, bad format: exit 2.
    assert_eq!(
        code(&planc(&[
            "diff",
            "no/such.plan",
            &format!("{d}/levels.new.plan")
        ])),
        2
    );
    assert_eq!(code(&planc(&["diff", "-", "-"])), 2);
    assert_eq!(
        code(&planc(&[
            "diff",
            &format!("{d}/levels.old.plan"),
            &format!("{d}/levels.new.plan"),
            "--format",
            "xml"
        ])),
        2
    );
    // A new file in git is diffed against /dev/null: everything is added.
    #[cfg(unix)]
    {
        let o = planc(&[
            "diff",
            "/dev/null",
            &format!("{d}/levels.new.plan"),
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).contains("\"kind\": \"added\""));
    }
}
