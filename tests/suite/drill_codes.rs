//! The drill-scenario diagnostics D0001–D0003: each fires on the bad example of its
//! catalogue entry and not on the good one, through `planc drill --scenarios`, and
//! `planc explain` knows them.

use crate::common;

use crate::common::{code, planc, stderr, stdout};
use planc::diagnostic::{Code, Family, Lang, words};

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";

/// A scenario file for an example: a whole scenario, or an inject put into one.
fn scenario_file(example: &str) -> String {
    if example.starts_with("scenario") {
        format!("{example}\n")
    } else {
        format!(
            "scenario 数据泄露 {{ weight 1 appears_on forum start reach 300..2000 {example} }}\n"
        )
    }
}

/// Runs one run of the flagship plan with a library of one scenario file.
fn drill_with(text: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.plan"), text).unwrap();
    planc(&[
        "drill",
        FLAGSHIP,
        "--scenarios",
        dir.path().to_str().unwrap(),
    ])
}

fn drill_codes() -> Vec<Code> {
    Code::all()
        .filter(|c| c.family() == Family::Scenarios)
        .collect()
}

#[test]
fn the_catalogue_has_the_three_drill_codes_not_configurable() {
    let codes: Vec<&str> = drill_codes().iter().map(|e| e.as_str()).collect();
    assert_eq!(codes, ["D0001", "D0002", "D0003"]);
    for e in drill_codes() {
        assert!(!e.configurable(), "{e}");
        assert_eq!(words::family(e, Lang::Zh), "演练情景");
        assert_eq!(words::family(e, Lang::En), "drill scenarios");
    }
}

#[test]
fn each_drill_code_fires_on_its_bad_example_and_not_on_its_good_one() {
    for e in drill_codes() {
        let o = drill_with(&scenario_file(e.entry().bad));
        assert_eq!(code(&o), 1, "{}: {}", e, stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("error[{}]", e)), "{}: {err}", e);
        // Located in the scenario file, with a help line.
        assert!(err.contains("one.plan:1:"), "{}: {err}", e);
        assert!(err.contains("帮助"), "{}: {err}", e);
        let o = drill_with(&scenario_file(e.entry().good));
        assert_eq!(code(&o), 0, "{} good example: {}", e, stderr(&o));
    }
}

#[test]
fn explain_lists_and_explains_the_drill_codes() {
    let o = planc(&["explain", "--list"]);
    assert_eq!(code(&o), 0);
    let list = stdout(&o);
    for c in [
        "D0001  未知的情景参数",
        "D0002  未知的发生时段",
        "D0003  不能缩放的传播参数",
    ] {
        assert!(list.contains(c), "{c}: {list}");
    }
    let o = planc(&["explain", "d0002"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.starts_with("D0002: 未知的发生时段"), "{text}");
    for part in [
        "类别: 演练情景",
        "默认级别: 错误",
        "onset midnight",
        "onset night",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(
        !text.contains("可调整"),
        "D codes cannot be allowed: {text}"
    );
    let o = planc(&["--lang", "en", "explain", "D0003"]);
    assert!(stdout(&o).contains("spread parameter that cannot be scaled"));
}

#[test]
fn a_lint_block_cannot_allow_a_drill_code() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/soe-online-opinion.plan"
    ))
    .unwrap()
        + "\nlint { allow D0001 \"试一试\" }\n";
    let o = common::planc_stdin(&["check", "-"], text.as_bytes());
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o) + &stderr(&o);
    assert!(out.contains("`D0001` 是演练情景错误"), "{out}");
}
