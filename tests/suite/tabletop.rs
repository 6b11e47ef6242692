//! The facilitated tabletop: its modules, questions across every capability, answers
//! that change the course, the decision log and its replay, robust input, and a real
//! terminal.

use crate::common::code;
use planc::diagnostic::Lang;
use planc::drill::modules::{self, ModuleKind};
use planc::drill::sim::{MarkKind, Runner, Steer};
use planc::drill::{self, DrillModel, interactive};
use std::process::{Command, Output, Stdio};

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";

fn model() -> DrillModel {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/soe-online-opinion.plan"
    ))
    .unwrap();
    let c = planc::compile(planc::source::Source::new(FLAGSHIP, &text));
    assert!(!c.has_errors());
    drill::build(&c, &planc::compile_library(None).unwrap()).unwrap()
}

/// The binary with standard input, at a fixed width (the environment's `COLUMNS` must
/// not move a snapshot).
fn run(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The answers the plan gives, for a seed: with no wrong answer the course is the
/// run's own, so its points are the questions asked.
fn right_answers(m: &DrillModel, seed: u64) -> (String, usize) {
    let r = drill::run_one(m, seed);
    let qs: Vec<_> = interactive::points(&r, Lang::Zh)
        .into_iter()
        .flat_map(|p| p.questions)
        .collect();
    let s = qs.iter().map(|q| format!("{}\n", q.correct + 1)).collect();
    (s, qs.len())
}

#[test]
fn a_run_unfolds_in_five_modules_in_order() {
    let m = model();
    for seed in 1..=40 {
        let r = drill::run_one(&m, seed);
        let mods = modules::modules(&r);
        let kinds: Vec<ModuleKind> = mods.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, ModuleKind::ALL, "seed {seed}");
        for w in mods.windows(2) {
            assert!(w[0].start <= w[1].start, "seed {seed}: {:?}", w);
            assert_eq!(w[0].end, w[1].start, "seed {seed}");
        }
        // Every inject of the run is delivered once, in the module whose span holds it,
        // to someone.
        let injects = (r.log.marks.iter())
            .filter(|mk| matches!(mk.kind, MarkKind::Inject(_)))
            .count();
        let delivered: Vec<_> = mods.iter().flat_map(|x| &x.deliveries).collect();
        let told = (delivered.iter())
            .filter(|d| matches!(d.told, modules::Told::Inject(_)))
            .count();
        assert_eq!(told, injects, "seed {seed}");
        for md in &mods {
            for d in &md.deliveries {
                assert!(d.t >= md.start && d.t <= md.end, "seed {seed}");
                assert!(!d.to.is_empty(), "seed {seed}: {:?} to nobody", d.told);
            }
        }
        // The figures grow with the story: reach at declaration is at least reach at
        // the first post.
        assert!(
            mods[1].situation.reach >= mods[0].situation.reach,
            "seed {seed}"
        );
        assert!(mods[0].situation.reach > 0.0, "seed {seed}");
    }
}

/// Over 40 seeds the questions reach every capability of the drill model, each kind a
/// facilitator asks is asked, and no question is asked that the plan cannot answer.
#[test]
fn the_questions_cover_every_capability() {
    let m = model();
    let mut capabilities = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 1..=40 {
        let r = drill::run_one(&m, seed);
        for p in interactive::points(&r, Lang::Zh) {
            for q in &p.questions {
                capabilities.insert(q.capability.plan_name());
                kinds.insert(q.kind);
                assert!(q.choices.len() >= 2, "seed {seed}: {}", q.text);
                assert!(q.correct < q.choices.len());
                let mut c = q.choices.clone();
                c.sort();
                c.dedup();
                assert_eq!(c.len(), q.choices.len(), "seed {seed}: {:?}", q.choices);
            }
        }
    }
    assert_eq!(capabilities.len(), 6, "{capabilities:?}");
    for k in [
        "first_action",
        "within",
        "report_to",
        "level",
        "statement",
        "approved_by",
        "upward",
        "press_conference",
        "offline",
        "stand_down",
        "stand_down_by",
    ] {
        assert!(kinds.contains(k), "{k} never asked: {kinds:?}");
    }
}

/// Strategies that look at the position of a choice only: always the first, the last,
/// the middle — in every kind of question, over 300 seeds, none beats chance by more
/// than 10 points.
#[test]
fn no_position_strategy_beats_chance_in_any_kind() {
    let m = model();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<interactive::Question>> =
        Default::default();
    for seed in 1..=300 {
        let r = drill::run_one(&m, seed);
        for p in interactive::points(&r, Lang::Zh) {
            for q in p.questions {
                by_kind.entry(q.kind).or_default().push(q);
            }
        }
    }
    type Strategy = fn(&interactive::Question) -> usize;
    let strategies: [(&str, Strategy); 3] = [
        ("first", |_| 0),
        ("last", |q| q.choices.len() - 1),
        ("middle", |q| q.choices.len() / 2),
    ];
    for (kind, qs) in &by_kind {
        if qs.len() < 60 {
            continue;
        }
        let chance = qs.iter().map(|q| 1.0 / q.choices.len() as f64).sum::<f64>() / qs.len() as f64;
        for (name, pick) in strategies {
            let right = qs.iter().filter(|q| pick(q) == q.correct).count();
            let share = right as f64 / qs.len() as f64;
            assert!(
                share <= chance + 0.10,
                "{kind}/{name}: {share:.2} against chance {chance:.2} ({} questions)",
                qs.len()
            );
        }
    }
}

/// A declaration made too low or not at all comes later in the run, and what it
/// triggers with it: on every seed the steered declaration is no earlier, and on the
/// mean two hours later.
#[test]
fn a_late_declaration_delays_what_it_triggers() {
    let m = model();
    let (mut n, mut delay) = (0, 0.0);
    for seed in 1..=60 {
        let plain = drill::run_one(&m, seed);
        let mut r = Runner::new(&m);
        r.record = true;
        r.steer = Steer {
            declare_late: 120.0,
            ..Steer::default()
        };
        r.run(seed);
        let (a, b) = (plain.log.outcome.declare, r.log.outcome.declare);
        if !a.is_finite() {
            continue;
        }
        assert!(b >= a, "seed {seed}: {b} before {a}");
        n += 1;
        delay += b - a;
    }
    assert!(
        n > 30 && delay / n as f64 > 90.0,
        "{n} runs, mean delay {}",
        delay / n as f64
    );
}

/// A report not made is demanded later (an inject of the next module) and made only
/// then.
#[test]
fn a_missed_report_is_demanded() {
    let m = model();
    let line = m.lines.iter().position(|l| l.upward).unwrap() as u16;
    let mut demanded = 0;
    for seed in 1..=200 {
        let mut r = Runner::new(&m);
        r.record = true;
        r.steer = Steer {
            missed_line: Some(line),
            ..Steer::default()
        };
        r.run(seed);
        let demand = r
            .log
            .marks
            .iter()
            .find(|mk| mk.kind == MarkKind::Demand(line));
        let report = r
            .log
            .expectations
            .iter()
            .find(|e| e.what == planc::drill::sim::What::Report(line) && e.done.is_finite());
        if let (Some(d), Some(e)) = (demand, report) {
            demanded += 1;
            assert!(e.done >= d.t, "seed {seed}: reported before the demand");
        }
    }
    assert!(demanded >= 5, "{demanded} demands in 200 seeds");
}

/// A first statement let out without its sign-off goes wrong more often: more
/// corrections (second waves) over 400 seeds than with the review.
#[test]
fn an_unreviewed_statement_risks_a_second_wave() {
    let m = model();
    let (mut with, mut without) = (0, 0);
    for seed in 1..=400 {
        let plain = drill::run_one(&m, seed);
        let Some(a) = plain.log.marks.iter().find_map(|mk| match mk.kind {
            MarkKind::Statement(a) => Some(a),
            _ => None,
        }) else {
            continue;
        };
        let waves = |r: &Runner| {
            (r.log.marks.iter())
                .filter(|mk| matches!(mk.kind, MarkKind::Correction(_)))
                .count()
        };
        with += waves(&plain);
        let mut r = Runner::new(&m);
        r.record = true;
        r.steer = Steer {
            unreviewed: Some(a),
            ..Steer::default()
        };
        r.run(seed);
        without += waves(&r);
    }
    assert!(
        without > with + 10,
        "{without} corrections unreviewed, {with} reviewed"
    );
}

/// The good and the bad answer file of the flagship: each played live with `--log`,
/// then replayed with `--answers` to the same bytes; different timelines, scores and
/// improvement plans; both snapshotted.
#[test]
fn good_and_bad_answers_replay_to_different_courses() {
    let m = model();
    let (good, n) = right_answers(&m, 3);
    // The bad file answers each question with a choice other than the plan's, as the
    // questions of the steered course come: a fixed wrong pattern long enough.
    let r = drill::run_one(&m, 3);
    let first: Vec<_> = interactive::points(&r, Lang::Zh)
        .into_iter()
        .flat_map(|p| p.questions)
        .collect();
    let bad: String = (0..40)
        .map(|i| match first.get(i) {
            // No declaration where one is due: the worst answer to a level question.
            Some(q) if q.kind == "level" => {
                let none = (0..q.choices.len()).find(|&c| q.credit_of(c) == 0.0);
                format!(
                    "{}\n",
                    none.unwrap_or((q.correct + 1) % q.choices.len()) + 1
                )
            }
            Some(q) => format!("{}\n", (q.correct + 1) % q.choices.len() + 1),
            None => "1\n".into(),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    for (name, answers) in [("good", &good), ("bad", &bad)] {
        let log = dir.path().join(format!("{name}.jsonl"));
        let report = dir.path().join(format!("{name}.md"));
        let (log_s, report_s) = (log.to_str().unwrap(), report.to_str().unwrap());
        let live = run(
            &[
                "drill",
                FLAGSHIP,
                "--interactive",
                "--seed",
                "3",
                "--log",
                log_s,
                "--report",
                report_s,
            ],
            answers.as_bytes(),
        );
        assert_eq!(code(&live), 0, "{}", text(&live.stderr));
        let replay = run(
            &["drill", FLAGSHIP, "--interactive", "--answers", log_s],
            b"",
        );
        assert_eq!(code(&replay), 0, "{}", text(&replay.stderr));
        assert_eq!(
            text(&replay.stdout),
            text(&live.stdout),
            "{name}: replay differs"
        );
        let doc = std::fs::read_to_string(&report).unwrap();
        insta::assert_snapshot!(format!("tabletop_{name}_seed3"), text(&replay.stdout));
        outs.push((text(&live.stdout), doc));
    }
    let ((good_out, good_doc), (bad_out, bad_doc)) = (&outs[0], &outs[1]);
    assert!(good_out.contains(&format!("答对 {n}/{n}")), "{good_out}");
    assert!(good_doc.contains("本次评估未发现需要改进的问题"));
    assert!(
        !bad_doc.contains("本次评估未发现需要改进的问题"),
        "{bad_doc}"
    );
    assert!(bad_doc.contains("纠正措施"), "{bad_doc}");
    // Strengths are named where there are any.
    assert!(good_doc.contains("做得好的方面"));
    assert_eq!(
        bad_doc.contains("做得好的方面"),
        bad_out.contains("\n  正确；")
    );
    let timeline = |doc: &str| -> String {
        doc.lines()
            .filter(|l| l.starts_with("| T+"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_ne!(
        timeline(good_doc),
        timeline(bad_doc),
        "the answers changed nothing"
    );
    let score = |out: &str| -> f64 {
        let s = out.split("得分 ").nth(1).unwrap();
        s.split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(score(bad_out) < score(good_out) - 30.0, "{bad_out}");
}

/// A decision log that cannot be replayed is refused with its line, never a panic: an
/// empty file, a line that is no JSON, a log of another version of the plan, bytes that
/// are not UTF-8, a log edited so it answers another question.
#[test]
fn a_bad_decision_log_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let log_s = log.to_str().unwrap();
    let o = run(
        &[
            "drill",
            FLAGSHIP,
            "--interactive",
            "--seed",
            "2",
            "--log",
            log_s,
        ],
        b"1\n1\n1\n",
    );
    assert_eq!(code(&o), 0);
    let good = std::fs::read_to_string(&log).unwrap();
    let header = good.lines().next().unwrap().to_string();
    let entry = good.lines().nth(1).unwrap().to_string();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "第 1 行"),
        (
            format!("{header}\n{entry}\n{{\"module\":\n").into_bytes(),
            "第 3 行",
        ),
        (
            format!("{}\n", header.replace("\"digest\":\"", "\"digest\":\"0")).into_bytes(),
            "另一版本的预案",
        ),
        (
            [format!("{header}\n").into_bytes(), vec![0xff, b'\n']].concat(),
            "第 2 行",
        ),
        (
            format!(
                "{header}\n{}\n",
                entry.replace("\"detection\"", "\"escalation\"")
            )
            .into_bytes(),
            "第 2 行",
        ),
        (
            header
                .replace("\"planc_decisions\":1", "\"planc_decisions\":9")
                .into_bytes(),
            "版本为 9",
        ),
    ];
    for (bytes, want) in cases {
        std::fs::write(&log, &bytes).unwrap();
        let o = run(
            &["drill", FLAGSHIP, "--interactive", "--answers", log_s],
            b"",
        );
        let err = text(&o.stderr);
        assert_eq!(code(&o), 2, "{err}");
        assert!(
            err.contains(want) && !err.contains("panicked"),
            "{want}: {err}"
        );
    }
    let o = run(&["drill", FLAGSHIP, "--answers", log_s], b"");
    assert_eq!(code(&o), 2, "--answers needs --interactive");
}

/// Answers as people type them: invalid UTF-8, a number out of range, empty lines and
/// spaces are asked again; full-width digits count; piped input never puts the verdict
/// on the prompt's line; the end of input ends the drill and it is still scored.
#[test]
fn answers_as_typed_are_asked_again_and_the_drill_still_scored() {
    let m = model();
    let (right, n) = right_answers(&m, 3);
    let first = right.lines().next().unwrap();
    let full_width: String = first
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let mut input = vec![0xff, 0xfe, b'\n'];
    input.extend_from_slice(format!("\n   \n0\n{}\n{full_width}\n", n + 99).as_bytes());
    let o = run(&["drill", FLAGSHIP, "--interactive", "--seed", "3"], &input);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert_eq!(out.matches("请输入 1–").count(), 5, "{out}");
    assert!(out.contains("答对 1/"), "{out}");
    assert!(
        out.contains(&format!("其余 {} 个问题记为未作答", n - 1)),
        "{out}"
    );
    for line in out.lines() {
        if line.trim_start().starts_with('>') {
            assert_eq!(line.trim(), ">", "the verdict on the prompt's line");
        }
    }
    assert!(text(&o.stderr).contains("UTF-8"), "{}", text(&o.stderr));
}

/// Lines wrap to the width by display width (a Chinese character takes two columns).
#[test]
fn piped_lines_wrap_to_columns() {
    use unicode_width::UnicodeWidthStr;
    let m = model();
    let (right, _) = right_answers(&m, 5);
    for (width, lang) in [(40usize, "zh"), (50, "en")] {
        let o = Command::new(env!("CARGO_BIN_EXE_planc"))
            .args([
                "drill",
                FLAGSHIP,
                "--interactive",
                "--seed",
                "5",
                "--lang",
                lang,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("COLUMNS", width.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                let _ = c.stdin.take().unwrap().write_all(right.as_bytes());
                c.wait_with_output()
            })
            .unwrap();
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        let out = text(&o.stdout);
        for line in out.lines() {
            assert!(line.width() <= width, "{lang} at {width}: {line:?}");
        }
    }
}

/// A real terminal: the drill in a 60-column tmux pane, answers typed with send-keys,
/// the screen captured — no line wider than the pane, and the report arrives.
#[test]
fn the_drill_in_a_60_column_terminal() {
    let Some(tmux) = crate::consumers::tool("tmux") else {
        crate::consumers::skip("the tabletop in a real terminal", "tmux");
        return;
    };
    use unicode_width::UnicodeWidthStr;
    let m = model();
    let (right, n) = right_answers(&m, 3);
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("tmux.sock");
    let report = dir.path().join("report.md");
    let sock = socket.to_str().unwrap();
    let tm = |args: &[&str]| {
        Command::new(&tmux)
            .arg("-S")
            .arg(sock)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    };
    let cmd = format!(
        "cd {} && {} drill {FLAGSHIP} --interactive --seed 3 --report {}; sleep 30",
        env!("CARGO_MANIFEST_DIR"),
        env!("CARGO_BIN_EXE_planc"),
        report.display()
    );
    let o = tm(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "60",
        "-y",
        "50",
        &cmd,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let wait = |what: &dyn Fn(&str) -> bool| -> String {
        for _ in 0..300 {
            let screen = text(&tm(&["capture-pane", "-p", "-S", "-2000"]).stdout);
            if what(&screen) {
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        text(&tm(&["capture-pane", "-p", "-S", "-2000"]).stdout)
    };
    for (i, a) in right.lines().enumerate() {
        // The pane drops a line's trailing spaces: a prompt shows as `  >`.
        let prompts = |s: &str| {
            s.lines()
                .filter(|l| l.trim_start().starts_with('>'))
                .count()
        };
        wait(&|s: &str| prompts(s) > i);
        tm(&["send-keys", a, "Enter"]);
    }
    let screen = wait(&|s: &str| s.contains("评估结论"));
    // The report is written after the verdict is shown: the pane stays up until it is
    // there (killing the server first would kill the drill mid-write).
    for _ in 0..300 {
        if report.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tm(&["kill-server"]);
    assert!(screen.contains(&format!("答对 {n}/{n}")), "{screen}");
    for line in screen.lines() {
        assert!(line.width() <= 60, "{:?} is {} columns", line, line.width());
    }
    assert!(report.exists(), "no report");
}
