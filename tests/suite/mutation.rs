//! Mutation test on the flagship plan: each targeted edit opens one gap a careful
//! reviewer would find, and the checker must name it with its code. The unedited
//! plan is clean (no error or warning) on the same date.

use planc::check::Options;
use planc::diagnostic::Severity;
use planc::source::Source;

const FLAGSHIP: &str = include_str!("../../plans/soe-online-opinion.plan");

/// (what the edit does, text to find — exactly once —, its replacement, the code expected).
const MUTATIONS: &[(&str, &str, &str, &str)] = &[
    (
        "delete the commander's backup",
        "  backup 常务副总指挥\n  reports_to 属地网信办",
        "  reports_to 属地网信办",
        "O0003",
    ),
    (
        "delete the spokesperson's backup",
        "  backup 副新闻发言人\n",
        "",
        "O0003",
    ),
    (
        "remove the blue level's actions",
        "on level 蓝色 {",
        "on event 演练事件 {",
        "L0008",
    ),
    (
        "break the roster: the night shift ends at 02:00",
        "  shift 夜班 daily 18:00-08:00\n",
        "  shift 夜班 daily 18:00-02:00\n",
        "M0003",
    ),
    (
        "loosen the yellow first response to 8h, slower than blue's 4h",
        "    within 2h\n    after 口径拟定\n    approve 副总指挥",
        "    within 8h\n    after 口径拟定\n    approve 副总指挥",
        "A0008",
    ),
    (
        "loosen the verification deadline past the assessment that waits for it",
        "    within 15m\n    effort 10m\n    deliver report \"舆情信息登记单\"",
        "    within 45m\n    effort 10m\n    deliver report \"舆情信息登记单\"",
        "T0001",
    ),
    (
        "verification takes longer than its deadline",
        "    effort 10m\n    deliver report \"舆情信息登记单\"",
        "    effort 20m\n    deliver report \"舆情信息登记单\"",
        "T0002",
    ),
    (
        "a reporting line without a time limit",
        "reports_to 集团办公室 within 1h",
        "reports_to 集团办公室",
        "R0004",
    ),
    (
        "cut the general office off from the commander",
        "  reports_to 总指挥 within 15m\n  duty 综合协调",
        "  duty 综合协调",
        "R0002",
    ),
    (
        "the commander reports back down: a reporting cycle",
        "  reports_to 属地网信办 within 2h via",
        "  reports_to 宣传部 within 15m\n  reports_to 属地网信办 within 2h via",
        "R0001",
    ),
    (
        "nobody declares the red level",
        "  when reach >= 500万 or media >= national or official_attention\n  declared_by 总指挥\n",
        "  when reach >= 500万 or media >= national or official_attention\n",
        "L0006",
    ),
    (
        "red entered at a lower reach than orange",
        "when reach >= 500万",
        "when reach >= 5000",
        "L0005",
    ),
    (
        "red never stands down",
        "  stand_down \"相关话题退出各平台热榜，主要媒体不再跟进报道，网上新增讨论连续72小时保持低位\" if heat < 20 for 72h approved_by 总指挥\n",
        "",
        "L0007",
    ),
    (
        "the blue level says nothing to the public",
        "    deliver statement \"平台回复\"",
        "    deliver report \"平台回复\"",
        "A0007",
    ),
    (
        "an external party owns the task force",
        "    owner 集团办公室\n    within 30m\n    approve 总指挥",
        "    owner 上级主管部门\n    within 30m\n    approve 总指挥",
        "A0002",
    ),
    (
        "drills every two years",
        "drill every 1y",
        "drill every 2y",
        "G0003",
    ),
    (
        "evaluation every five years",
        "review every 3y",
        "review every 5y",
        "S0007",
    ),
    (
        "a mobile number in the contacts",
        "contact \"（总指挥联系电话：待填）\"",
        "contact \"13912345678\"",
        "H0005",
    ),
    (
        "a zero-width space pasted into a duty",
        "对网络舆情应急处置工作负总责",
        "对网络舆情应急处置工作\u{200B}负总责",
        "H0003",
    ),
];

fn codes(text: &str) -> Vec<(&'static str, Severity)> {
    let c = planc::compile(Source::new("plans/soe-online-opinion.plan", text));
    let opts = Options {
        today: "2026-11-28".parse().unwrap(),
        levels: Vec::new(),
        deny_warnings: false,
    };
    c.check_with(&opts)
        .into_iter()
        .map(|d| (d.code().as_str(), d.severity))
        .collect()
}

#[test]
fn the_flagship_is_clean_before_any_edit() {
    let found = codes(FLAGSHIP);
    assert!(found.iter().all(|(_, s)| *s == Severity::Info), "{found:?}");
}

#[test]
fn every_edit_is_caught_by_its_code() {
    let base: Vec<&str> = codes(FLAGSHIP).into_iter().map(|(c, _)| c).collect();
    let mut failures = Vec::new();
    for (what, find, replace, code) in MUTATIONS {
        let n = FLAGSHIP.matches(find).count();
        if n != 1 {
            failures.push(format!("{what}: the text to edit occurs {n} times"));
            continue;
        }
        assert!(!base.contains(code), "{code} already fires on the flagship");
        let mutated = FLAGSHIP.replacen(find, replace, 1);
        let found: Vec<&str> = codes(&mutated).into_iter().map(|(c, _)| c).collect();
        if !found.contains(code) {
            failures.push(format!("{what}: expected {code}, got {found:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
