//! The implausibilities of issue 15, each with a test that would have caught it: the
//! simulator must not play out what does not happen.

use planc::drill::model::{DayType, InjectEffect, InjectTime, Public, Signal};
use planc::drill::sim::{MarkKind, Quality, Rating, Runner, What};
use planc::drill::{self, DrillModel, campaign};
use planc::source::Source;

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";
const RUNS: u64 = 600;

fn model(text: &str) -> DrillModel {
    let c = planc::compile(Source::new(FLAGSHIP, text));
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    drill::build(&c, &planc::compile_library(None).unwrap())
        .unwrap_or_else(|f| panic!("{:?}", f.iter().map(|x| &x.1).collect::<Vec<_>>()))
}

fn flagship() -> DrillModel {
    model(planc::FLAGSHIP)
}

/// Runs seeds 1..=n with the timeline kept, handing each run to `f`.
fn each_run(m: &DrillModel, n: u64, mut f: impl FnMut(&Runner)) {
    let mut r = Runner::new(m);
    r.record = true;
    for seed in 1..=n {
        r.run(seed);
        f(&r);
    }
}

fn level_index(m: &DrillModel, name: &str) -> u8 {
    m.levels.iter().position(|l| l.name == name).unwrap() as u8
}

#[test]
fn the_authority_is_called_only_at_the_levels_the_plan_reserves_for_it() {
    let m = flagship();
    let orange = level_index(&m, "橙色");
    let mut reports = 0;
    each_run(&m, RUNS, |r| {
        let top_declared = 63 - r.log.coverage.levels_declared.leading_zeros() as i32;
        for e in &r.log.expectations {
            if let What::Report(l) = e.what
                && m.lines[l as usize].upward
            {
                reports += 1;
                assert!(
                    top_declared >= orange as i32,
                    "seed {}: authority called below 橙色",
                    r.seed
                );
            }
        }
    });
    assert!(reports > 0);
}

#[test]
fn a_declared_level_is_never_lowered_minutes_later() {
    let m = flagship();
    let hold = m.params.downgrade_hold;
    each_run(&m, RUNS, |r| {
        let mut last: Option<(f64, Option<u8>)> = None;
        for mk in &r.log.marks {
            if let MarkKind::Declare(l) = mk.kind {
                if let Some((t, before)) = last
                    && l < before
                {
                    assert!(
                        mk.t - t >= hold - 1e-6,
                        "seed {}: lowered {} min after",
                        r.seed,
                        mk.t - t
                    );
                }
                last = Some((mk.t, l));
            }
        }
    });
}

#[test]
fn the_level_reached_is_declared_within_a_day() {
    let m = flagship();
    let mut missed = 0;
    each_run(&m, RUNS, |r| {
        for l in 0..m.levels.len() {
            let reached = r.log.coverage.levels_reached >> l & 1 == 1;
            let declared = r.log.coverage.levels_declared >> l != 0;
            if reached && !declared {
                missed += 1;
            }
        }
    });
    assert!(
        missed * 100 < RUNS as usize,
        "{missed} levels reached never declared"
    );
}

#[test]
fn a_statement_does_not_drop_the_level_within_the_hour() {
    let m = flagship();
    each_run(&m, RUNS, |r| {
        let Some(st) = r
            .log
            .marks
            .iter()
            .find(|x| matches!(x.kind, MarkKind::Statement(_)))
        else {
            return;
        };
        for mk in &r.log.marks {
            if let MarkKind::Declare(_) = mk.kind
                && mk.t >= st.t
                && mk.t < st.t + 60.0
            {
                let before = r
                    .log
                    .marks
                    .iter()
                    .rfind(|x| x.t < mk.t && matches!(x.kind, MarkKind::Declare(_)))
                    .map(|x| x.kind);
                if let (Some(MarkKind::Declare(b)), MarkKind::Declare(a)) = (before, mk.kind) {
                    assert!(
                        a >= b,
                        "seed {}: level dropped right after the statement",
                        r.seed
                    );
                }
            }
        }
    });
}

/// The flagship with one scenario of its own (a scenario file's text).
fn with_scenario(scenario: &str) -> DrillModel {
    let dir = std::env::temp_dir().join(format!("planc-realism-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{:x}.plan",
        scenario.len() * 31 + scenario.as_bytes()[20] as usize
    ));
    std::fs::write(&path, scenario).unwrap();
    let lib = planc::compile_library(Some(&dir)).unwrap();
    std::fs::remove_file(&path).unwrap();
    let c = planc::compile(Source::new(FLAGSHIP, planc::FLAGSHIP));
    let lib: Vec<_> = lib
        .into_iter()
        .filter(|l| {
            l.source
                .name
                .ends_with(path.file_name().unwrap().to_str().unwrap())
        })
        .collect();
    drill::build(&c, &lib)
        .unwrap_or_else(|f| panic!("{:?}", f.iter().map(|x| &x.1).collect::<Vec<_>>()))
}

const ONE_PERSON_OUT: &str = r#"scenario 值班员请假 {
  weight 1
  appears_on social
  start reach 3000..8000 growth 0.5..1.0
  inject 值班员请假 {
    kind personnel
    at 0m..1m
    chance 1
    unavailable 宣传部 for 12h..12h
    from "导调组"
  }
}
"#;

#[test]
fn one_person_out_does_not_make_a_unit_with_a_roster_unreachable() {
    let m = with_scenario(ONE_PERSON_OUT);
    let unit = m.parties.iter().position(|p| p.name == "宣传部").unwrap() as u16;
    each_run(&m, 100, |r| {
        for e in &r.log.expectations {
            if let What::Action(a) = e.what
                && m.actions[a as usize].owner == Some(unit)
                && e.start < 600.0
                && !e.post_incident
            {
                // Someone else of the unit does it during the absence.
                assert!(
                    e.by.is_some() && e.done.is_finite(),
                    "seed {}: {}",
                    r.seed,
                    m.actions[a as usize].name
                );
            }
        }
    });
}

#[test]
fn an_unreachable_consultee_is_waited_for_not_ignored() {
    // An unreachable consultee delays the work; the work is never done before the
    // consultee (or whoever stands in) was heard.
    let m = flagship();
    let mut consults = 0;
    each_run(&m, 200, |r| {
        for e in &r.log.expectations {
            if let What::Action(a) = e.what
                && !m.actions[a as usize].consult.is_empty()
                && e.done.is_finite()
            {
                consults += 1;
                assert!(e.done >= e.start, "seed {}", r.seed);
            }
        }
    });
    assert!(consults > 0);
}

#[test]
fn a_genuine_event_is_not_answered_with_a_rebuttal_by_the_library() {
    // The full video of a real remark is not a rumour: it raises no rebuttal.
    let mut m = flagship();
    assert!(m.restrict("高管不当言论"));
    each_run(&m, RUNS, |r| {
        for e in &r.log.expectations {
            assert_ne!(e.quality, Quality::DebunkedGenuine, "seed {}", r.seed);
        }
    });
}

#[test]
fn rebutting_a_genuine_story_is_a_critical_error() {
    // A plan that rebuts the story at once, whatever it is.
    let text = planc::FLAGSHIP.replacen(
        "on detect {",
        "on detect {\n  action 立即辟谣 {\n    owner 宣传部\n    within 1h\n    deliver statement \"澄清声明\"\n    capability 信息发布与舆论引导\n  }",
        1,
    );
    let mut m = model(&text);
    assert!(m.restrict("高管不当言论"));
    let mut wrong = 0;
    each_run(&m, 200, |r| {
        for e in &r.log.expectations {
            if e.quality == Quality::DebunkedGenuine {
                assert!(e.critical && e.rating == Rating::U);
                wrong += 1;
            }
        }
    });
    assert!(wrong > 150, "{wrong}");
}

#[test]
fn casualty_rumours_change_the_spread() {
    let m = flagship();
    let sc = m
        .scenarios
        .iter()
        .find(|s| s.name == "安全事故传言")
        .unwrap();
    let inj = sc
        .injects
        .iter()
        .find(|i| i.name == "伤亡传言升级")
        .unwrap();
    assert!(inj.effects.iter().any(|e| matches!(
        e,
        InjectEffect::Set(Signal::Casualties, _) | InjectEffect::Scale(..)
    )));
}

#[test]
fn local_bodies_do_not_stand_for_central_attention() {
    let m = flagship();
    for sc in &m.scenarios {
        for inj in &sc.injects {
            if inj.from.starts_with("属地") {
                assert!(
                    !inj.effects
                        .iter()
                        .any(|e| matches!(e, InjectEffect::Set(Signal::Official, _))),
                    "{}: {} sets central attention",
                    sc.name,
                    inj.name
                );
            }
        }
    }
}

#[test]
fn most_incidents_stay_blue_or_yellow() {
    let m = flagship();
    let orange = level_index(&m, "橙色");
    let red = level_index(&m, "红色");
    let (mut n, mut above_yellow, mut reds) = (0, 0, 0);
    each_run(&m, 1000, |r| {
        n += 1;
        let top = r.log.outcome.top_level;
        above_yellow += (top >= Some(orange)) as u32;
        reds += (top == Some(red)) as u32;
    });
    assert!(reds * 100 < 25 * n, "red in {reds} of {n} runs");
    assert!(
        above_yellow * 100 < 60 * n,
        "above yellow in {above_yellow} of {n} runs"
    );
}

#[test]
fn detection_takes_time_that_grows_with_how_few_have_seen_it() {
    let m = flagship();
    let (mut n, mut at_once) = (0, 0);
    each_run(&m, RUNS, |r| {
        let t = r.log.outcome.detect;
        if t.is_finite() {
            n += 1;
            at_once += (t < 1.0) as usize;
        }
    });
    assert!(
        at_once * 100 < n,
        "{at_once} of {n} detected in the posting minute"
    );
}

#[test]
fn few_onsets_fall_between_midnight_and_six() {
    let m = flagship();
    let (mut n, mut small_hours) = (0, 0);
    each_run(&m, RUNS, |r| {
        n += 1;
        small_hours += (r.log.outcome.onset_minute % 1440 < 360) as usize;
    });
    assert!(small_hours * 100 < 20 * n, "{small_hours} of {n}");
}

#[test]
fn rectification_takes_days_and_revision_weeks() {
    let m = flagship();
    for a in &m.actions {
        if a.name.contains("整改") {
            assert!(a.work >= 1440.0, "{}: {} min", a.name, a.work);
        }
        if a.name.contains("修订") {
            assert!(a.work >= 14.0 * 1440.0, "{}: {} min", a.name, a.work);
        }
    }
}

#[test]
fn press_conferences_end_in_working_hours() {
    let m = flagship();
    let (from, to) = m.params.press_hours;
    let mut n = 0;
    each_run(&m, RUNS, |r| {
        for e in &r.log.expectations {
            if let What::Action(a) = e.what
                && m.actions[a as usize].public == Public::PressConference
                && e.done.is_finite()
            {
                let (_, minute, _) = r.calendar(e.done);
                assert!(
                    minute >= from && minute <= to,
                    "seed {}: ends at {minute}",
                    r.seed
                );
                n += 1;
            }
        }
    });
    assert!(n > 0);
}

#[test]
fn repetitions_go_on_while_the_level_holds() {
    let m = flagship();
    let mut most = 0;
    each_run(&m, 200, |r| {
        let mut counts = vec![0u32; m.actions.len()];
        for e in &r.log.expectations {
            if let What::Action(a) = e.what {
                counts[a as usize] += 1;
            }
        }
        most = most.max(counts.into_iter().max().unwrap_or(0));
    });
    assert!(most > 36, "{most}");
}

#[test]
fn night_and_holiday_injects_happen_only_then() {
    let m = flagship();
    let mut checked = 0;
    each_run(&m, RUNS, |r| {
        let sc = &m.scenarios[r.scenario];
        for mk in &r.log.marks {
            if let MarkKind::Inject(i) = mk.kind {
                let (day, minute, _) = r.calendar(mk.t);
                match sc.injects[i as usize].time {
                    InjectTime::Night => {
                        assert!(m.params.is_night(minute), "seed {} at {minute}", r.seed);
                        checked += 1;
                    }
                    InjectTime::Holiday => {
                        assert_eq!(day, DayType::Holiday, "seed {}", r.seed);
                        checked += 1;
                    }
                    _ => {}
                }
            }
        }
    });
    assert!(checked > 0);
}

#[test]
fn a_reply_to_one_journalist_is_not_the_first_public_response() {
    let m = flagship();
    each_run(&m, RUNS, |r| {
        for mk in &r.log.marks {
            if let MarkKind::Statement(a) = mk.kind {
                assert_ne!(
                    m.actions[a as usize].public,
                    Public::MediaReply,
                    "seed {}",
                    r.seed
                );
            }
        }
    });
}

#[test]
fn a_regulators_request_for_a_written_report_is_expected() {
    let m = flagship();
    let mut requests = 0;
    each_run(&m, RUNS, |r| {
        let asked = r.log.marks.iter().any(|mk| match mk.kind {
            MarkKind::Inject(i) => m.scenarios[r.scenario].injects[i as usize].regulator,
            _ => false,
        });
        let expected = r
            .log
            .expectations
            .iter()
            .any(|e| matches!(e.what, What::Request(_)));
        assert_eq!(asked, expected, "seed {}", r.seed);
        requests += expected as u32;
    });
    assert!(requests > 0);
}

#[test]
fn someone_acts_as_commander_while_the_commander_is_unreachable() {
    let text = planc::FLAGSHIP.replace("  backup 常务副总指挥\n", "");
    let mut m = model(&text);
    assert!(m.restrict("高管不当言论"));
    let mut acting = 0;
    each_run(&m, RUNS, |r| {
        acting += r
            .log
            .marks
            .iter()
            .any(|mk| matches!(mk.kind, MarkKind::Acting(_))) as u32;
    });
    assert!(acting > 0, "nobody ever acted as commander");
}

#[test]
fn a_plan_without_measurable_criteria_is_not_evaluable() {
    let text: String = planc::FLAGSHIP
        .lines()
        .map(|l| match l.find(" when ") {
            Some(i) if l.trim_start().starts_with("level ") => format!("{}\n", &l[..i]),
            _ if l.trim_start().starts_with("when ") => String::new(),
            _ => format!("{l}\n"),
        })
        .collect();
    let m = model(&text);
    assert!(!m.measurable);
    let c = campaign::run(&m, 1, 200, 0, &|_| {}).unwrap();
    assert_eq!(c.evaluable(&m), Err(campaign::NotEvaluable::NoCriteria));
}

#[test]
fn the_calibration_table_covers_every_parameter() {
    let root = env!("CARGO_MANIFEST_DIR");
    let params = std::fs::read_to_string(format!("{root}/src/drill/params.rs")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let start = params.find("pub struct Params {").unwrap();
    let end = start + params[start..].find("\n}\n").unwrap();
    let mut missing = Vec::new();
    for line in params[start..end].lines() {
        if let Some(rest) = line.trim_start().strip_prefix("pub ")
            && let Some((name, _)) = rest.split_once(':')
            && !readme.contains(&format!("`{name}`"))
        {
            missing.push(name.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's calibration table: {missing:?}"
    );
}

// ───────── conditional and optional actions (issue 14, item 6) ─────────

const CONDITIONS: &str = include_str!("../fixtures/drill/ok_conditions.plan");

fn action_index(m: &DrillModel, name: &str) -> u16 {
    m.actions.iter().position(|a| a.name == name).unwrap() as u16
}

/// Per run: whether the action was expected (an expectation), and whether the timeline
/// says it was not required; neither when never triggered.
fn fate(r: &Runner, a: u16) -> (bool, bool) {
    let expected = (r.log.expectations.iter()).any(|e| e.what == What::Action(a));
    let skipped =
        (r.log.marks.iter()).any(|mk| matches!(mk.kind, MarkKind::NotRequired(x, _) if x == a));
    (expected, skipped)
}

#[test]
fn a_condition_in_words_and_its_otherwise_are_exclusive_and_exhaustive() {
    let m = model(CONDITIONS);
    let (yes, no) = (
        action_index(&m, "发布澄清声明"),
        action_index(&m, "加强监测并上报"),
    );
    let (mut ifs, mut otherwise) = (0, 0);
    each_run(&m, RUNS, |r| {
        let (a, b) = (fate(r, yes), fate(r, no));
        if a == (false, false) && b == (false, false) {
            return; // no level declared
        }
        assert!(a.0 != b.0 && a.1 != b.1, "seed {}: {a:?} {b:?}", r.seed);
        ifs += a.0 as u32;
        otherwise += b.0 as u32;
    });
    // One draw per run per wording, at an even chance: both branches are taken often.
    assert!(ifs > 150 && otherwise > 150, "{ifs} {otherwise}");
}

#[test]
fn a_measurable_condition_decides_on_the_signals() {
    let with = |when: &str| {
        let text = CONDITIONS.replace("when negative_ratio >= 0.5", when);
        let m = model(&text);
        let a = action_index(&m, "启动法律维权");
        let (mut done, mut skipped) = (0, 0);
        each_run(&m, 200, |r| {
            let (e, s) = fate(r, a);
            done += e as u32;
            skipped += s as u32;
        });
        (done, skipped)
    };
    let (done, skipped) = with("when negative_ratio >= 0");
    assert!(done > 100 && skipped == 0, "{done} {skipped}");
    let (done, skipped) = with("when negative_ratio > 1");
    assert!(done == 0 && skipped > 100, "{done} {skipped}");
    // The real threshold splits the scenarios: the signals decide, run by run.
    let (done, skipped) = with("when negative_ratio >= 0.5");
    assert!(done > 0 && skipped > 0, "{done} {skipped}");
}

#[test]
fn an_optional_action_is_never_missed_and_never_holds_up_what_follows() {
    let m = model(CONDITIONS);
    let press = action_index(&m, "召开新闻发布会");
    let after = action_index(&m, "会后研判");
    let (mut done, mut skipped) = (0, 0);
    each_run(&m, RUNS, |r| {
        let (e, s) = fate(r, press);
        // The command decides once per run: a second trigger decides the same.
        assert!(!(e && s), "seed {}: done and not required", r.seed);
        done += e as u32;
        skipped += s as u32;
        if s {
            // Not required: nothing about it is rated, and what comes after it
            // does not wait for it.
            for x in r
                .log
                .expectations
                .iter()
                .filter(|x| x.what == What::Action(after))
            {
                assert!(x.done.is_finite(), "seed {}: follow-up never done", r.seed);
                assert!(x.start <= x.triggered + 1e-9, "seed {}: waited", r.seed);
            }
        }
    });
    let share = done as f64 / (done + skipped) as f64;
    assert!(
        (share - m.params.optional_done).abs() < 0.1,
        "{done} done, {skipped} not"
    );
}

#[test]
fn an_invoked_plan_is_named_in_the_timeline() {
    let m = model(CONDITIONS);
    let press = action_index(&m, "召开新闻发布会");
    let mut named = 0;
    each_run(&m, 100, |r| {
        let done = (r.log.expectations.iter()).any(|e| {
            e.what == What::Action(press) && e.done.is_finite() && e.done <= m.params.horizon
        });
        let invoked = (r.log.marks.iter()).any(|mk| mk.kind == MarkKind::Invoke(press));
        if invoked {
            assert!(done, "seed {}", r.seed);
            named += 1;
        }
    });
    assert!(named > 0);
}
