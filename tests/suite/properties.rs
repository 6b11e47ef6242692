//! Property tests over generated valid plans: random organizations, levels and actions,
//! written with random spacing, comments and blank lines.
//!
//! - the export JSON round-trips (export → import → export gives the same bytes);
//! - `fmt` is idempotent, keeps the model and keeps every comment;
//! - a drill campaign gives the same JSON whatever the number of threads;
//! - the interactive drill ends with a score and a report whatever arrives on its
//!   standard input.

use planc::diagnostic::Lang;
use planc::source::Source;
use proptest::prelude::*;

const UNITS: &[&str] = &[
    "宣传部",
    "网信部",
    "法务部",
    "办公室",
    "press_office",
    "安全部",
    "人力资源部",
    "业务部门",
];
const LEVELS: &[(&str, &str, &str)] = &[
    ("红色", "red", "Ⅰ"),
    ("橙色", "orange", "Ⅱ"),
    ("黄色", "yellow", "Ⅲ"),
    ("蓝色", "blue", "Ⅳ"),
];
const TEXTS: &[&str] = &[
    "负责网络舆情的监测、研判与报告。",
    "含有 \\\"引号\\\" 与 {{ 模板 }} 的文字",
    "A duty written in English, with <angle> & ampersand.",
    "# 这不是注释，是文字",
    "多行之一",
];

/// Spacing between tokens: one space, several, a tab, or a line break.
fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![" ", "  ", "\t", "\n  ", " "])
}

/// Optional decoration before an item: nothing, a blank line or a comment.
fn decoration() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => Just("\n".to_string()),
        1 => (0u32..1000).prop_map(|n| format!("# 注释 {n}\n")),
        1 => (0u32..1000).prop_map(|n| format!("// note {n}\n")),
    ]
}

#[derive(Debug, Clone)]
struct Spec {
    units: usize,
    levels: usize,
    backups: Vec<bool>,
    limits: Vec<u32>,
    texts: Vec<usize>,
    actions: Vec<(usize, u32, bool)>,
    gaps: Vec<&'static str>,
    decorations: Vec<String>,
    trailing: Vec<bool>,
    /// Per action: how its time limit is said (minutes, working days, from the
    /// assessment, immediately after it, before the previous action) and whether it
    /// has a joint owner; for the plan: event grades, an alternative declarer, a
    /// working calendar; an on-call rotation (with a secondary paged after so many
    /// minutes) and whether its role is a class of posts.
    forms: Forms,
}

/// How the limits, owners, plan-wide constructs and on-call rotation are said (see
/// [`Spec::forms`]).
type Forms = (Vec<u8>, Vec<bool>, (bool, bool, bool), OnCall);

/// An on-call rotation: present, its role a class of posts, its secondary's minutes.
type OnCall = (bool, bool, u32);

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=UNITS.len(), 1usize..=4).prop_flat_map(|(units, levels)| {
        (
            Just(units),
            Just(levels),
            prop::collection::vec(any::<bool>(), units),
            prop::collection::vec(5u32..120, units),
            prop::collection::vec(0..TEXTS.len(), units),
            prop::collection::vec((0..units, 10u32..300, any::<bool>()), 1..8),
            prop::collection::vec(gap(), 64),
            prop::collection::vec(decoration(), 64),
            prop::collection::vec(any::<bool>(), 64),
            (
                prop::collection::vec(0u8..5, 8),
                prop::collection::vec(any::<bool>(), 8),
                any::<(bool, bool, bool)>(),
                (any::<bool>(), any::<bool>(), 1u32..60),
            ),
        )
            .prop_map(
                |(
                    units,
                    levels,
                    backups,
                    limits,
                    texts,
                    actions,
                    gaps,
                    decorations,
                    trailing,
                    forms,
                )| {
                    Spec {
                        units,
                        levels,
                        backups,
                        limits,
                        texts,
                        actions,
                        gaps,
                        decorations,
                        trailing,
                        forms,
                    }
                },
            )
    })
}

/// Writes the plan of a spec, with its random layout.
fn write(s: &Spec) -> String {
    let mut k = 0usize;
    let mut g = || {
        k += 1;
        s.gaps[k % s.gaps.len()]
    };
    let mut d = 0usize;
    let mut deco = |out: &mut String| {
        d += 1;
        out.push_str(&s.decorations[d % s.decorations.len()]);
    };
    let mut t = 0usize;
    let mut tail = || {
        t += 1;
        if s.trailing[t % s.trailing.len()] {
            " # 行尾"
        } else {
            ""
        }
    };
    let mut out = String::new();
    deco(&mut out);
    out += &format!(
        "plan{}\"生成的预案\"{}{{{}org \"示例\"{}approver{}总指挥{}}}\n",
        g(),
        g(),
        g(),
        g(),
        g(),
        g()
    );
    deco(&mut out);
    out += &format!(
        "role 总指挥 {{{}holder{}\"主要负责人\"{}reports_to 上级{}within 1h }}{}\n",
        g(),
        g(),
        g(),
        g(),
        tail()
    );
    out += "external 上级\n";
    for i in 0..s.units {
        deco(&mut out);
        out += &format!("unit {}{}{{{}", UNITS[i], g(), g());
        if s.backups[i] {
            out += &format!("backup{}{}\n", g(), UNITS[(i + 1) % s.units]);
        }
        let to = if i == 0 {
            "总指挥".to_string()
        } else {
            UNITS[i - 1].to_string()
        };
        out += &format!(
            "  reports_to {to}{}within {}m{}\n",
            g(),
            s.limits[i],
            tail()
        );
        out += &format!("  duty{}\"{}\"\n}}\n", g(), TEXTS[s.texts[i]]);
    }
    let (grades, alt, calendar) = s.forms.2;
    for (i, (name, color, roman)) in LEVELS.iter().take(s.levels).enumerate() {
        deco(&mut out);
        if grades {
            out += &format!("grade 第{i}级 {{ criteria \"第{i}级事件\" }}\n");
        }
        out += &format!(
            "level {name} {{ rank {} color {color} response {roman}{}when reach >= {} or media >= local{}declared_by 总指挥{}{} }}\n",
            i + 1,
            g(),
            100_000 / (i + 1),
            g(),
            if alt { " or 上级" } else { "" },
            if grades {
                format!(" grade 第{i}级")
            } else {
                String::new()
            },
        );
    }
    if calendar {
        out += "calendar {\n  holiday 2026-10-01..2026-10-07\n  workday 2026-10-10\n}\n";
    }
    let (on_call, class, secondary) = s.forms.3;
    if on_call {
        let holder = if class { "holders" } else { "holder" };
        out += &format!(
            "role 值班员 {{ {holder} \"值班人员\" reports_to 总指挥 within 15m duty \"值守\" }}\n"
        );
        out += &format!(
            "roster 值守 {{{}role 值班员 rotation every 1w{}secondary after {secondary}m shift 全天 24x7 }}\n",
            g(),
            g()
        );
    }
    deco(&mut out);
    out += "on detect {\n  action 研判定级 { owner 宣传部 within 30m deliver assessment }\n";
    if on_call {
        out += "  action 告警核实 { owner 值班员 within 1h }\n";
    }
    out += "}\n";
    let names: Vec<&str> = LEVELS.iter().take(s.levels).map(|l| l.0).collect();
    out += &format!("on level {} {{\n", names.join(&format!(",{}", g())));
    for (j, (owner, minutes, repeat)) in s.actions.iter().enumerate() {
        deco(&mut out);
        let with = match s.forms.1[j % 8] {
            true => format!(" with {}", UNITS[(owner + 1) % s.units]),
            false => String::new(),
        };
        let limit = match s.forms.0[j % 8] {
            1 => format!("{}wd", minutes % 20 + 1),
            2 => format!("{minutes}m from 研判定级"),
            3 => "immediately from 研判定级".to_string(),
            4 if j > 0 => format!("{}m before 行动{}", minutes % 30 + 1, j - 1),
            _ => format!("{minutes}m"),
        };
        out += &format!(
            "  action 行动{j} {{{}owner {}{with}{}within {limit}",
            g(),
            UNITS[*owner],
            g()
        );
        if *repeat {
            out += &format!("{}every 2h", g());
        }
        if j > 0 {
            out += &format!("{}after 行动{}", g(), j - 1);
        }
        out += &format!(" }}{}\n", tail());
    }
    out += "}\n";
    out
}

fn compile(text: &str) -> planc::Compilation {
    let c = planc::compile(Source::new("gen.plan", text));
    let syntax: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code().as_str().starts_with('P'))
        .collect();
    assert!(
        syntax.is_empty(),
        "generated plan does not parse: {syntax:?}\n{text}"
    );
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_json_round_trips(s in spec()) {
        let text = write(&s);
        let c = compile(&text);
        let json = planc::export_json(c.plan.as_ref().unwrap());
        let back = planc::compile(Source::new("gen.json", json.clone()));
        prop_assert!(back.diagnostics.iter().all(|d| !d.code().as_str().starts_with('P')), "{:?}", back.diagnostics);
        prop_assert_eq!(planc::export_json(back.plan.as_ref().unwrap()), json);
    }

    #[test]
    fn fmt_keeps_meaning_and_comments_and_is_idempotent(s in spec()) {
        let text = write(&s);
        let c = compile(&text);
        let once = planc::fmt::format(&Source::new("gen.plan", text.clone())).expect("formats");
        let twice = planc::fmt::format(&Source::new("gen.plan", once.clone())).expect("formats again");
        prop_assert_eq!(&once, &twice);
        let after = planc::compile(Source::new("gen.plan", once.clone()));
        prop_assert_eq!(
            planc::export_json(after.plan.as_ref().unwrap()),
            planc::export_json(c.plan.as_ref().unwrap())
        );
        let comments = |c: &planc::Compilation| planc::fmt::comment_texts(c.cst.as_ref().unwrap());
        prop_assert_eq!(comments(&after), comments(&c));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn drill_campaigns_do_not_depend_on_threads(s in spec(), seed in 0u64..1_000_000) {
        let text = write(&s);
        let c = compile(&text);
        let library = planc::compile_library(None).unwrap();
        let m = planc::drill::build(&c, &library)
            .map_err(|_| TestCaseError::fail("drill model"))?;
        let json = |jobs: usize| {
            let camp = planc::drill::campaign::run(&m, seed, 24, jobs, &|_| {}).unwrap();
            planc::drill::output::to_json(&planc::drill::output::campaign_json(&camp, &m, &c.source, Lang::Zh))
        };
        let one = json(1);
        prop_assert_eq!(&one, &json(2));
        prop_assert_eq!(&one, &json(3));
    }
}

/// What a trainee's keyboard, a pasted file or a broken pipe can send: answers, wrong and
/// full-width digits, blank lines, long lines, invalid UTF-8, control bytes.
fn answer_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        (1u8..=4).prop_map(|d| format!("{d}\n").into_bytes()),
        Just(b"\n".to_vec()),
        Just("１\n".as_bytes().to_vec()),
        Just(b"x\r\n".to_vec()),
        Just(vec![0xff, 0xfe, b'\n']),
        Just(vec![0x1b, b'[', b'2', b'J', b'\n']),
        (1usize..6000).prop_map(|n| vec![b'7'; n]),
        proptest::collection::vec(any::<u8>(), 0..64),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn the_interactive_drill_always_ends_with_a_score_and_a_report(
        input in answer_bytes(),
        seed in 0u64..50,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("tabletop.md");
        let seed = seed.to_string();
        let o = crate::common::planc_stdin(
            &[
                "drill", "plans/soe-online-opinion.plan", "--interactive", "--seed", &seed,
                "--report", report.to_str().unwrap(),
            ],
            &input,
        );
        let out = String::from_utf8_lossy(&o.stdout);
        prop_assert_eq!(crate::common::code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        prop_assert!(out.contains("答对 "), "no score: {}", out);
        let doc = std::fs::read_to_string(&report).unwrap_or_default();
        prop_assert!(doc.contains("决策记录"), "no report: {}", doc);
    }
}
