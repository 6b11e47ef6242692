//! The sensitivity suite: targeted edits of the flagship plan, each run as a paired
//! campaign against the plan as it is (same seeds), each with the direction an
//! experienced evaluator expects and a minimum size.

use planc::drill::{self, DrillModel, campaign};
use planc::source::Source;

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";

fn flagship() -> String {
    planc::FLAGSHIP.to_string()
}

fn model(text: &str) -> DrillModel {
    let c = planc::compile(Source::new(FLAGSHIP, text));
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    drill::build(&c, &planc::compile_library(None).unwrap())
        .unwrap_or_else(|f| panic!("{:?}", f.iter().map(|x| &x.1).collect::<Vec<_>>()))
}

// ───────── text edits ─────────

/// The byte range of the block that starts with `head` (up to its closing brace at
/// the same indentation).
fn block_range(text: &str, from: usize, head: &str) -> Option<(usize, usize)> {
    let start = from + text[from..].find(head)?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..start];
    let close = format!("\n{indent}}}\n");
    let end = start + text[start..].find(&close)? + close.len();
    Some((line_start, end))
}

fn remove_block(text: &str, head: &str) -> String {
    let (s, e) = block_range(text, 0, head).unwrap_or_else(|| panic!("no {head}"));
    format!("{}{}", &text[..s], &text[e..])
}

/// Applies `f` to every block starting with `head`.
fn edit_blocks(text: &str, head: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut at = 0;
    let mut n = 0;
    while let Some((s, e)) = block_range(text, at, head) {
        out.push_str(&text[at..s]);
        out.push_str(&f(&text[s..e]));
        at = e;
        n += 1;
    }
    assert!(n > 0, "no {head}");
    out.push_str(&text[at..]);
    out
}

/// Removes every line that is exactly `line` (trimmed).
fn without_lines(text: &str, line: &str) -> String {
    let out: String = text
        .lines()
        .filter(|l| l.trim() != line)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(out, text, "no line {line}");
    out
}

/// Replaces the `within` of a block.
fn set_within(block: &str, within: &str) -> String {
    block
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("within ") {
                let indent = &l[..l.len() - l.trim_start().len()];
                format!("{indent}within {within}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn replace_all(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "no {from}");
    text.replace(from, to)
}

fn scale_reporting_lines(text: &str, factor: u64) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("reports_to ")
                && let Some(i) = l.find(" within ")
            {
                let s = i + " within ".len();
                let e = s + l[s..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(l.len() - s);
                let d: planc::model::Duration = l[s..e].parse().unwrap();
                format!("{}{}m{}\n", &l[..s], d.minutes() * factor, &l[e..])
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn office_hours_only(text: &str) -> String {
    let t = replace_all(text, "hours 24x7", "hours workdays 09:00-18:00");
    without_rosters(&t)
}

fn without_rosters(text: &str) -> String {
    let t = without_lines(text, "roster 舆情值班");
    let t = without_lines(&t, "roster 技术值守");
    let t = remove_block(&t, "roster 舆情值班 {");
    remove_block(&t, "roster 技术值守 {")
}

fn first_statements_within(text: &str, within: &str) -> String {
    edit_blocks(text, "action 首次回应 {", |b| set_within(b, within))
}

fn without_upward_report(text: &str) -> String {
    let t = without_lines(
        text,
        "reports_to 上级主管部门 within 1h via \"电话先行报告，随后报送书面材料\"",
    );
    let t = remove_block(&t, "action 电话报告上级 {");
    remove_block(&t, "action 书面报告上级 {")
}

/// The commander is also the spokesperson: every reference to the spokesperson roles
/// names the commander, and the two roles are gone.
fn commander_as_spokesperson(text: &str) -> String {
    let t = remove_block(text, "role 新闻发言人 {");
    let t = remove_block(&t, "role 副新闻发言人 {");
    replace_all(&t, "新闻发言人", "总指挥")
}

/// One edit of the flagship: its name, the edited text, the direction an evaluator
/// expects (−1 lower, +1 higher) and the least mean change that counts.
pub struct Edit {
    pub name: &'static str,
    pub text: String,
    pub direction: f64,
    pub min: f64,
}

pub fn edits() -> Vec<Edit> {
    let f = flagship();
    let lower = |name, text, min| Edit {
        name,
        text,
        direction: -1.0,
        min,
    };
    let several = {
        let t = first_statements_within(&f, "24h");
        let t = without_lines(&t, "backup 副新闻发言人");
        let t = without_upward_report(&t);
        office_hours_only(&t)
    };
    vec![
        lower(
            "first statement within 24h",
            first_statements_within(&f, "24h"),
            0.3,
        ),
        lower(
            "spokesperson backup removed",
            without_lines(&f, "backup 副新闻发言人"),
            0.05,
        ),
        lower("upward report removed", without_upward_report(&f), 1.0),
        lower(
            "blue actions deleted",
            remove_block(&f, "on level 蓝色 {"),
            1.5,
        ),
        lower("monitoring office hours only", office_hours_only(&f), 5.0),
        lower("several together", several, 10.0),
        lower(
            "one reporting line loosened (宣传部 → 总指挥 2h)",
            replace_all(
                &f,
                "reports_to 总指挥 within 30m",
                "reports_to 总指挥 within 2h",
            ),
            0.1,
        ),
        lower("every reporting line ×4", scale_reporting_lines(&f, 4), 0.3),
        lower(
            "legal review removed from first statements",
            edit_blocks(&f, "action 首次回应 {", |b| {
                b.replace("    consult 法务部\n", "")
                    .replace("法务部, ", "")
                    .replace(", 法务部", "")
            }),
            0.05,
        ),
        lower(
            "commander also spokesperson",
            commander_as_spokesperson(&f),
            0.1,
        ),
        lower(
            "rosters removed, 24-hour claim kept",
            without_rosters(&f),
            4.0,
        ),
        lower(
            "commander backup removed",
            without_lines(&f, "backup 常务副总指挥"),
            0.1,
        ),
        lower(
            "extra approval of every 口径拟定",
            edit_blocks(&f, "action 口径拟定 {", |b| {
                b.replace(
                    "    owner 宣传部\n",
                    "    owner 宣传部\n    approve 总指挥\n",
                )
            }),
            0.2,
        ),
        lower(
            "first statements within 10m (less than the work)",
            first_statements_within(&f, "10m"),
            1.0,
        ),
        lower(
            "fact check removed",
            remove_block(&f, "action 事实核查 {"),
            0.1,
        ),
        lower(
            "video platforms not watched",
            remove_block(&f, "channel 短视频平台 {"),
            0.1,
        ),
        lower(
            "assessment within 4h",
            edit_blocks(&f, "action 研判定级 {", |b| set_within(b, "4h")),
            4.0,
        ),
    ]
}

/// Runs a paired campaign and returns (mean old, mean new, mean difference, its
/// standard error, pass rate old, pass rate new).
fn paired(base: &DrillModel, edited: &DrillModel, runs: u64) -> [f64; 6] {
    let a = campaign::run(base, 1, runs, 0, &|_| {}).unwrap();
    let b = campaign::run(edited, 1, runs, 0, &|_| {}).unwrap();
    let d: Vec<f64> = a
        .tally
        .scores
        .iter()
        .zip(&b.tally.scores)
        .map(|(x, y)| y - x)
        .collect();
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    [
        a.tally.sum / n,
        b.tally.sum / n,
        mean,
        (var / n).sqrt(),
        a.pass() as f64 / n,
        b.pass() as f64 / n,
    ]
}

/// Runs per campaign of the suite: enough for a paired difference to be told from
/// noise (the test also asks for significance), few enough for tens of seconds.
const SUITE_RUNS: u64 = 400;

/// Every edit moves the mean in its expected direction by at least its minimum, and
/// significantly (the 95 % interval of the paired difference excludes zero).
#[test]
fn every_edit_moves_the_score_the_way_an_evaluator_expects() {
    let base = model(&flagship());
    let all = edits();
    assert!(all.len() >= 12, "{}", all.len());
    let mut failures = Vec::new();
    for e in all {
        let m = model(&e.text);
        let [_, _, d, se, _, _] = paired(&base, &m, SUITE_RUNS);
        let moved = d * e.direction;
        if moved < e.min || moved - 1.96 * se <= 0.0 {
            failures.push(format!(
                "{}: {d:+.2} ± {:.2} (expected {} by at least {})",
                e.name,
                1.96 * se,
                if e.direction < 0.0 { "lower" } else { "higher" },
                e.min
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Prints the table of the README (`PLANC_SENSITIVITY_RUNS`, default 3000 runs).
#[test]
#[ignore]
fn print_the_table() {
    let runs: u64 = std::env::var("PLANC_SENSITIVITY_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let base = model(&flagship());
    for e in edits() {
        let m = model(&e.text);
        let [a, b, d, se, pa, pb] = paired(&base, &m, runs);
        println!(
            "| {} | {a:.1} → {b:.1} | {d:+.2} ± {:.2} | {:.1}% → {:.1}% |",
            e.name,
            1.96 * se,
            pa * 100.0,
            pb * 100.0
        );
    }
}

/// Writes every edited plan to `PLANC_SENSITIVITY_DUMP` (to measure other builds).
#[test]
#[ignore]
fn dump_the_edits() {
    let Ok(dir) = std::env::var("PLANC_SENSITIVITY_DUMP") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(format!("{dir}/00-base.plan"), flagship()).unwrap();
    for (i, e) in edits().iter().enumerate() {
        std::fs::write(format!("{dir}/{:02}.plan", i + 1), &e.text).unwrap();
        println!("{:02} {}", i + 1, e.name);
    }
}

/// `--compare` on two versions of the flagship: the paired difference, significant,
/// negative for a weakening, with the seeds that changed most.
#[test]
fn compare_reports_a_significant_paired_difference() {
    let base = model(&flagship());
    let edited = model(&office_hours_only(&flagship()));
    let a = campaign::run(&base, 1, 300, 0, &|_| {}).unwrap();
    let b = campaign::run(&edited, 1, 300, 0, &|_| {}).unwrap();
    let j = drill::compare::compare(&a, &b, ["old.plan", "new.plan"]);
    assert!(
        j.difference.mean < 0.0 && j.difference.significant,
        "{:?}",
        j.difference
    );
    assert!(j.difference.ci95[0] <= j.difference.mean && j.difference.mean <= j.difference.ci95[1]);
    assert_eq!(j.capabilities.len(), 6);
    assert!(
        j.capabilities[0].difference.mean < 0.0,
        "监测预警 {:?}",
        j.capabilities[0]
    );
    assert!(!j.seeds.is_empty() && j.seeds.len() <= 10);
    // The same version compared with itself: no seed changes.
    let same = drill::compare::compare(&a, &a, ["a", "a"]);
    assert_eq!(same.difference.mean, 0.0);
    assert!(same.seeds.is_empty() && !same.difference.significant);
}
