//! The wording of the drill: causes, corrective actions, timeline entries, times.
//! Every word comes from the `drill` section of the labels files through [`Words`];
//! documents (reports, packs) read the same labels in `templates/drill/`.

use super::campaign::cause_word;
use super::model::{Capability, DrillModel, PartyKind, Skip};
use super::params::BenchmarkKind;
use super::score::{Poete, Verdict, poete};
use super::sim::{Cause, MarkKind, Target, What};
use crate::source::Span;
use crate::wording::{Amount, DurationStyle, Words, duration};

/// A duration in minutes, in words: `45分钟`, `2小时5分` / `45 min`, `2 h 5 min`
/// (`未完成` / `never` when it never ended).
pub fn minutes(w: &Words, x: f64) -> String {
    duration(w, Amount::Minutes(x), DurationStyle::Elapsed)
}

/// A clock time since the first post: `T+2:05` (or `T+1d 3:10`).
pub fn clock(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let m = x.max(0.0).round() as u64;
    let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
    if d > 0 {
        format!("T+{d}d {h}:{mm:02}")
    } else {
        format!("T+{h}:{mm:02}")
    }
}

/// A label from a list of labels (`drill.weekdays.3`).
fn item(w: &Words, list: &str, i: usize) -> String {
    w.get(&format!("{list}.{i}"))
}

/// A day of the week and a time of day, from a minute of the week.
pub fn weekday_time(w: &Words, minute_of_week: u32) -> String {
    let d = (minute_of_week / 1440) as usize % 7;
    let m = minute_of_week % 1440;
    let time = format!("{:02}:{:02}", m / 60, m % 60);
    w.fill(
        "drill.onset",
        &[("day", &item(w, "drill.weekdays", d)), ("time", &time)],
    )
}

/// A number of people, in the large units a language counts in (`12.5万`).
pub fn people(w: &Words, x: f64) -> String {
    let n = x.max(0.0).round();
    let units = w
        .lookup("drill.people.units")
        .and_then(|u| u.as_array())
        .map_or(&[][..], |u| u.as_slice());
    for unit in units {
        let number = |key: &str| unit.get(key).and_then(|v| v.as_f64()).unwrap_or(f64::MAX);
        if n >= number("at_least") {
            let decimals = number("decimals") as usize;
            let value = format!("{:.decimals$}", n / number("divide_by"));
            let pattern = unit
                .get("pattern")
                .and_then(|p| p.as_str())
                .unwrap_or("{n}");
            return crate::wording::fill(pattern, &[("n", &value)]);
        }
    }
    format!("{}", n as u64)
}

/// A capability as a reader sees it. The plan's own keyword (`public_information`)
/// is an identifier, not English prose.
pub fn capability(w: &Words, c: Capability) -> String {
    item(w, "drill.capabilities", c as usize)
}

pub fn media_tier(w: &Words, t: u8) -> String {
    item(w, "drill.media_tiers", (t as usize).min(4))
}

/// The name of what a target points at.
pub fn target_name(w: &Words, m: &DrillModel, t: Target) -> String {
    match t {
        Target::Plan => w.get("drill.target.plan"),
        Target::Platform => w.get("drill.target.platform"),
        Target::Party(p) => m.party_name(p).into(),
        Target::Backup(p) => w.fill("drill.target.backup", &[("party", m.party_name(p))]),
        Target::Action(a)
        | Target::Within(a)
        | Target::Approve(a)
        | Target::Consult(a)
        | Target::After(a) => m.actions[a as usize].said.clone(),
        Target::Channel(c) | Target::Hours(c) => m.channels[c as usize].said.clone(),
        Target::Level(l) => level_said(w, m, l),
        Target::Line(i) => line_name(w, m, i),
        Target::Benchmark(kind, l) => benchmark_name(w, m, kind, l),
        Target::Event(e) => m.events[e as usize].clone(),
    }
}

/// A benchmark at a level: `首次权威发布（5小时，Ⅱ级）`.
pub fn benchmark_name(w: &Words, m: &DrillModel, kind: BenchmarkKind, l: u8) -> String {
    w.fill(
        "drill.target.benchmark",
        &[
            (
                "benchmark",
                &w.get(&format!("drill.benchmark.{}", kind.key())),
            ),
            ("level", &level_said(w, m, l)),
        ],
    )
}

/// A reporting line: `A → B`.
pub fn line_name(w: &Words, m: &DrillModel, i: u16) -> String {
    let l = &m.lines[i as usize];
    w.fill(
        "drill.target.line",
        &[("from", m.party_name(l.from)), ("to", m.party_name(l.to))],
    )
}

/// The span of the plan a target points at.
pub fn span(m: &DrillModel, t: Target) -> Span {
    match t {
        Target::Plan => m.plan_span,
        Target::Platform => m.platform_span.unwrap_or(m.plan_span),
        Target::Party(p) => m.parties[p as usize].span,
        Target::Backup(p) => m.parties[p as usize].backup_span,
        Target::Action(a) => m.actions[a as usize].span,
        Target::Within(a) => m.actions[a as usize].within_span,
        Target::Approve(a) => m.actions[a as usize].approve_span,
        Target::Consult(a) => m.actions[a as usize].consult_span,
        Target::After(a) => m.actions[a as usize].after_span,
        Target::Channel(c) => m.channels[c as usize].span,
        Target::Hours(c) => m.channels[c as usize].hours_span,
        Target::Level(l) => m.levels[l as usize].span,
        Target::Line(i) => m.lines[i as usize].span,
        Target::Benchmark(_, l) => m.levels[l as usize].span,
        Target::Event(_) => m.plan_span,
    }
}

/// What an expectation is, in words.
pub fn what(w: &Words, m: &DrillModel, what: What) -> String {
    match what {
        What::Detect => w.get("drill.what.detect"),
        What::Declare(l) => w.fill("drill.what.declare", &[("level", &level_said(w, m, l))]),
        What::NoAction(l) => w.fill("drill.what.no_action", &[("level", &level_said(w, m, l))]),
        What::Action(a) => m.actions[a as usize].said.clone(),
        What::Report(i) => {
            let l = &m.lines[i as usize];
            w.fill(
                "drill.what.report",
                &[("from", m.party_name(l.from)), ("to", m.party_name(l.to))],
            )
        }
        What::Benchmark(kind, l) => w.fill(
            "drill.what.benchmark",
            &[("benchmark", &benchmark_name(w, m, kind, l))],
        ),
        What::StandDown => w.get("drill.what.stand_down"),
        What::Request(_) => w.get("drill.what.request"),
        What::Uncovered(c) => w.fill("drill.what.uncovered", &[("capability", &capability(w, c))]),
    }
}

/// The kind of an expectation, as a stable word.
pub fn what_kind(w: What) -> &'static str {
    match w {
        What::Detect => "detect",
        What::Declare(_) => "declare",
        What::NoAction(_) => "level_response",
        What::Action(_) => "action",
        What::Report(_) => "report",
        What::Benchmark(..) => "benchmark",
        What::StandDown => "stand_down",
        What::Request(_) => "request",
        What::Uncovered(_) => "uncovered",
    }
}

/// The person a target names (a party, or the backup of one), else the target's name.
fn person(w: &Words, m: &DrillModel, t: Target) -> String {
    match t {
        Target::Backup(p) | Target::Party(p) => m.party_name(p).to_string(),
        _ => target_name(w, m, t),
    }
}

/// The cause of a finding, in words.
pub fn cause(w: &Words, m: &DrillModel, c: Cause, t: Target, took: f64) -> String {
    // A wait that never ended is said without its length.
    let key = match c {
        Cause::NoBackup if !took.is_finite() => "no_backup_never",
        Cause::ApproverNoBackup if !took.is_finite() => "approver_no_backup_never",
        c => cause_word(c),
    };
    w.fill(
        &format!("drill.cause.{key}"),
        &[
            ("name", &target_name(w, m, t)),
            ("person", &person(w, m, t)),
            ("took", &minutes(w, took)),
        ],
    )
}

/// The corrective action a finding calls for.
pub fn corrective(w: &Words, m: &DrillModel, c: Cause, t: Target) -> String {
    w.fill(
        &format!("drill.fix.{}", cause_word(c)),
        &[
            ("name", &target_name(w, m, t)),
            ("person", &person(w, m, t)),
        ],
    )
}

/// Who should own an improvement item.
pub fn improvement_owner(m: &DrillModel, c: Cause, t: Target) -> String {
    let owner_of_action = |a: u16| {
        m.actions[a as usize]
            .owner
            .map(|p| m.parties[p as usize].said.clone())
    };
    let r = match t {
        Target::Party(p) | Target::Backup(p) => {
            // A person's backup is decided by the body that appoints it.
            if matches!(c, Cause::NoBackup | Cause::ApproverNoBackup)
                && m.parties[p as usize].kind == PartyKind::Role
            {
                None
            } else {
                Some(m.parties[p as usize].said.clone())
            }
        }
        Target::Action(a)
        | Target::Within(a)
        | Target::Approve(a)
        | Target::Consult(a)
        | Target::After(a) => owner_of_action(a),
        _ => None,
    };
    r.unwrap_or_else(|| {
        if m.maintainer.is_empty() {
            m.parties.first().map_or(String::new(), |p| p.said.clone())
        } else {
            m.maintainer.clone()
        }
    })
}

/// Days until an improvement item is due.
pub fn due_days(m: &DrillModel, c: Cause) -> u32 {
    m.params.due_days[poete(c) as usize]
}

pub fn due(w: &Words, m: &DrillModel, c: Cause) -> String {
    w.fill("drill.due", &[("days", &due_days(m, c).to_string())])
}

/// The POETE element of an improvement item.
pub fn element(w: &Words, p: Poete) -> String {
    w.get(&format!("drill.element.{}", p.key()))
}

/// A verdict in words.
pub fn verdict(w: &Words, v: Verdict) -> String {
    w.get(&format!("drill.verdict.{}", v.key()))
}

/// Whether a run passed, in words.
pub fn pass(w: &Words, passed: bool) -> String {
    w.get(if passed { "drill.pass" } else { "drill.fail" })
}

/// A level as reports say it: its name, with the event grade it answers when the plan
/// grades events (`黄色（较大）`).
pub fn level_said(w: &Words, m: &DrillModel, l: u8) -> String {
    let level = &m.levels[l as usize];
    match &level.grade {
        Some(g) => w.fill("drill.level_grade", &[("level", &level.name), ("grade", g)]),
        None => level.name.clone(),
    }
}

/// A level of a timeline entry, or the words for below every level.
fn level_mark(w: &Words, m: &DrillModel, l: Option<u8>, path: &str) -> String {
    match l {
        None => w.get(&format!("{path}_below")),
        Some(l) => w.fill(path, &[("level", &level_said(w, m, l))]),
    }
}

/// A timeline entry in words, and its stable event word.
pub fn mark(w: &Words, m: &DrillModel, scenario: usize, k: MarkKind) -> (String, &'static str) {
    let sc = &m.scenarios[scenario];
    match k {
        MarkKind::FirstPost => (
            w.fill("drill.mark.first_post", &[("title", sc.title_or_name())]),
            "first_post",
        ),
        MarkKind::Inject(i) => (
            w.fill(
                "drill.mark.inject",
                &[("name", &sc.injects[i as usize].name)],
            ),
            "inject",
        ),
        MarkKind::Detect(c) => (
            match c {
                Some(c) => w.fill(
                    "drill.mark.detect_channel",
                    &[("channel", &m.channels[c as usize].said)],
                ),
                None => w.get("drill.mark.detect_call"),
            },
            "detect",
        ),
        MarkKind::TrueLevel(l) => (level_mark(w, m, l, "drill.mark.situation"), "situation"),
        MarkKind::Declare(l) => (level_mark(w, m, l, "drill.mark.declare"), "declare"),
        MarkKind::Statement(a) => (
            w.fill(
                "drill.mark.statement",
                &[("action", &m.actions[a as usize].said)],
            ),
            "statement",
        ),
        MarkKind::MediaUp(t) => (
            w.fill("drill.mark.media", &[("tier", &media_tier(w, t))]),
            "media",
        ),
        MarkKind::HotSearch => (w.get("drill.mark.hot_search"), "hot_search"),
        MarkKind::Official => (w.get("drill.mark.official_attention"), "official_attention"),
        MarkKind::StandDown => (w.get("drill.mark.stand_down"), "stand_down"),
        MarkKind::Unavailable(p, d) => (
            w.fill(
                "drill.mark.unavailable",
                &[("party", m.party_name(p)), ("took", &minutes(w, d))],
            ),
            "unavailable",
        ),
        MarkKind::Outage(d) => (
            w.fill("drill.mark.outage", &[("took", &minutes(w, d))]),
            "outage",
        ),
        MarkKind::LocalOfficial => (w.get("drill.mark.local_official"), "local_official"),
        MarkKind::Acting(p) => (
            w.fill("drill.mark.acting", &[("party", m.party_name(p))]),
            "acting_commander",
        ),
        MarkKind::Correction(a) | MarkKind::Backlash(a) => {
            let word = if k == MarkKind::Correction(a) {
                "correction"
            } else {
                "backlash"
            };
            let said = [("action", m.actions[a as usize].said.as_str())];
            (w.fill(&format!("drill.mark.{word}"), &said), word)
        }
        MarkKind::NotRequired(a, why) => (not_required(w, m, a, why), "not_required"),
        MarkKind::Invoke(a) => {
            let action = &m.actions[a as usize];
            let plan = action.invoke.as_deref().unwrap_or_default();
            let args = [("action", action.said.as_str()), ("plan", plan)];
            (w.fill("drill.mark.invoke", &args), "invoke")
        }
        MarkKind::Demand(l) => (demand(w, m, l), "regulator_demand"),
        MarkKind::End => (w.get("drill.mark.end"), "end"),
    }
}

/// The regulator's (or the superior's) demand for a report not made.
fn demand(w: &Words, m: &DrillModel, line: u16) -> String {
    let to = m.party_name(m.lines[line as usize].to);
    w.fill("drill.mark.demand", &[("party", to)])
}

/// Why an action was not required, in words: the command's decision, or the condition
/// that did not hold (drawn, or read on the signals).
fn not_required(w: &Words, m: &DrillModel, a: u16, why: Skip) -> String {
    let action = &m.actions[a as usize];
    let Skip::Condition(k) = why else {
        return w.fill(
            "drill.mark.not_required_optional",
            &[("action", &action.said)],
        );
    };
    let g = &action.guards[k as usize];
    let key = match (g.unless, g.when.is_some()) {
        (false, false) => "drill.mark.not_required_if",
        (true, false) => "drill.mark.not_required_unless",
        (false, true) => "drill.mark.not_required_if_measured",
        (true, true) => "drill.mark.not_required_unless_measured",
    };
    w.fill(key, &[("action", &action.said), ("cond", &g.words)])
}

/// The inject kind in words (for the MSEL); a kind the labels lack is shown as written.
pub fn inject_kind(w: &Words, kind: &str) -> String {
    w.opt(&format!("drill.inject_kind.{kind}"))
        .unwrap_or_else(|| kind.into())
}
