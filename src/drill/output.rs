//! Views of a run and of a campaign: serializable structures that the JSON output,
//! the human output and the report templates all read, so they never disagree.

use super::campaign::{self, Campaign, OUTCOMES};
use super::model::{Capability, DrillModel};
use super::score::{self, Verdict, poete, round1};
use super::sim::{Cause, Expectation, Rating, Runner, Target, What};
use super::words;
use crate::source::Source;
use crate::wording::{Lang, Words};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct SpanJson {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The text of the plan at the span (its first line).
    pub text: String,
}

pub fn span_json(src: &Source, m: &DrillModel, t: Target) -> SpanJson {
    let sp = words::span(m, t);
    let (line, column) = src.line_col(sp.start());
    let text = src
        .slice(sp)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    SpanJson {
        file: src.name.clone(),
        start: sp.start(),
        end: sp.end(),
        line,
        column,
        text,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Improvement {
    pub issue: String,
    pub action: String,
    pub element: String,
    pub owner: String,
    pub due: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingJson {
    pub cause: &'static str,
    pub text: String,
    pub target: String,
    pub span: SpanJson,
    pub improvement: Improvement,
}

fn improvement(w: &Words, m: &DrillModel, c: Cause, t: Target, text: &str) -> Improvement {
    Improvement {
        issue: text.to_string(),
        action: words::corrective(w, m, c, t),
        element: words::element(w, poete(c)),
        owner: words::improvement_owner(m, c, t),
        due: words::due(w, m, c),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioJson {
    pub name: String,
    pub title: String,
    pub onset: String,
    pub night: bool,
    pub weekend: bool,
    pub holiday: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MarkJson {
    pub t: i64,
    pub clock: String,
    pub event: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExpectationJson {
    pub what: String,
    pub kind: &'static str,
    pub capability: &'static str,
    pub owner: Option<String>,
    pub by: Option<String>,
    pub via_backup: bool,
    pub critical: bool,
    pub triggered_at: i64,
    pub deadline: i64,
    pub done: Option<i64>,
    pub rating: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<FindingJson>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    #[serde(rename = "P")]
    pub p: u64,
    #[serde(rename = "S")]
    pub s: u64,
    #[serde(rename = "M")]
    pub m: u64,
    #[serde(rename = "U")]
    pub u: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CapabilityJson {
    pub name: &'static str,
    pub rating: &'static str,
    pub score: Option<f64>,
    pub counts: Counts,
}

/// The JSON of one run: exactly cli.md's fields.
#[derive(Clone, Debug, Serialize)]
pub struct RunJson {
    pub version: u32,
    pub seed: u64,
    pub scenario: ScenarioJson,
    pub timeline: Vec<MarkJson>,
    pub expectations: Vec<ExpectationJson>,
    pub capabilities: Vec<CapabilityJson>,
    pub score: f64,
    pub verdict: &'static str,
}

fn min_i(x: f64) -> i64 {
    x.round() as i64
}

/// Everything a run report needs (the JSON plus outcomes and findings).
#[derive(Clone, Debug, Serialize)]
pub struct RunView {
    #[serde(flatten)]
    pub json: RunJson,
    pub pass: bool,
    pub outcomes: Vec<OutcomeRow>,
    pub findings: Vec<FindingRow>,
    pub gantt: Gantt,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRow {
    pub name: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingRow {
    pub what: String,
    pub capability: String,
    pub rating: &'static str,
    pub text: String,
    pub location: String,
    pub improvement: Improvement,
}

pub fn run_view(r: &Runner, src: &Source, lang: Lang) -> RunView {
    let w = Words::of(lang);
    let m = r.model;
    let log = &r.log;
    let s = score::score(m, &log.expectations);
    let timeline = log
        .marks
        .iter()
        .map(|mk| {
            let (text, event) = words::mark(w, m, r.scenario, mk.kind);
            MarkJson {
                t: min_i(mk.t),
                clock: words::clock(mk.t),
                event,
                text,
            }
        })
        .collect();
    let expectations: Vec<ExpectationJson> = log
        .expectations
        .iter()
        .map(|e| expectation_json(w, m, src, e))
        .collect();
    let findings = log
        .expectations
        .iter()
        .zip(&expectations)
        .filter_map(|(e, j)| {
            let f = j.finding.as_ref()?;
            Some(FindingRow {
                what: j.what.clone(),
                capability: words::capability(w, e.capability),
                rating: j.rating,
                text: f.text.clone(),
                location: format!("{}:{}:{}", f.span.file, f.span.line, f.span.column),
                improvement: f.improvement.clone(),
            })
        })
        .collect();
    let o = &log.outcome;
    let json = RunJson {
        version: 1,
        seed: r.seed,
        scenario: scenario_json(w, r),
        timeline,
        expectations,
        capabilities: capabilities_json(&s),
        score: s.score,
        verdict: s.verdict.json_name(),
    };
    RunView {
        json,
        pass: s.verdict.pass(),
        outcomes: outcome_rows(
            w,
            [o.detect, o.declare, o.statement, o.stand_down],
            o.peak_reach,
        ),
        findings,
        gantt: gantt(w, r),
    }
}

fn scenario_json(w: &Words, r: &Runner) -> ScenarioJson {
    let sc = &r.model.scenarios[r.scenario];
    let o = &r.log.outcome;
    ScenarioJson {
        name: sc.name.clone(),
        title: sc.title.clone(),
        onset: words::weekday_time(w, o.onset_minute),
        night: o.night,
        weekend: o.weekend,
        holiday: o.holiday,
    }
}

fn expectation_json(w: &Words, m: &DrillModel, src: &Source, e: &Expectation) -> ExpectationJson {
    let finding = campaign::is_finding(e.rating).then(|| {
        let text = words::cause(w, m, e.cause, e.target, e.cause_minutes);
        FindingJson {
            cause: campaign::cause_word(e.cause),
            target: words::target_name(w, m, e.target),
            span: span_json(src, m, e.target),
            improvement: improvement(w, m, e.cause, e.target, &text),
            text,
        }
    });
    let owner = match e.what {
        What::Action(a) => m.actions[a as usize]
            .owner
            .map(|p| m.parties[p as usize].said.clone()),
        What::Report(l) => Some(m.parties[m.lines[l as usize].from as usize].name.clone()),
        _ => None,
    };
    ExpectationJson {
        what: words::what(w, m, e.what),
        kind: words::what_kind(e.what),
        capability: e.capability.plan_name(),
        owner,
        by: e.by.map(|p| m.parties[p as usize].said.clone()),
        via_backup: e.via_backup,
        critical: e.critical,
        triggered_at: min_i(e.triggered),
        deadline: min_i(e.deadline),
        done: e.done.is_finite().then(|| min_i(e.done)),
        rating: e.rating.letter(),
        finding,
    }
}

fn capabilities_json(s: &score::RunScore) -> Vec<CapabilityJson> {
    s.capabilities
        .iter()
        .zip(Capability::ALL)
        .map(|(c, capability)| CapabilityJson {
            name: capability.plan_name(),
            rating: c.rating.map_or("N/A", Rating::letter),
            score: c.score().map(round1),
            counts: Counts {
                p: c.counts[0] as u64,
                s: c.counts[1] as u64,
                m: c.counts[2] as u64,
                u: c.counts[3] as u64,
            },
        })
        .collect()
}

/// The label of an outcome measure (`time_to_detect`, …).
pub fn outcome_label(w: &Words, key: &str) -> String {
    w.get(&format!("drill.outcome.{key}"))
}

fn outcome_rows(w: &Words, times: [f64; 4], reach: f64) -> Vec<OutcomeRow> {
    let mut v: Vec<OutcomeRow> = times
        .iter()
        .zip(OUTCOMES)
        .map(|(&t, name)| OutcomeRow {
            name,
            label: outcome_label(w, name),
            value: words::minutes(w, t),
        })
        .collect();
    v.push(OutcomeRow {
        name: OUTCOMES[4],
        label: outcome_label(w, OUTCOMES[4]),
        value: words::people(w, reach),
    });
    v
}

// ───────── Gantt (inline SVG in HTML) ─────────

#[derive(Clone, Debug, Serialize)]
pub struct GanttBar {
    pub label: String,
    /// The label cut to fit the left margin.
    pub short: String,
    pub rating: &'static str,
    /// When it was triggered, its deadline and when it was done (`—`: never), as clock
    /// times: the Gantt as a table (DOCX).
    pub trigger: String,
    pub deadline: String,
    pub done: String,
    pub x: f64,
    pub w: f64,
    pub y: f64,
    pub deadline_x: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Gantt {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<GanttBar>,
    pub ticks: Vec<(f64, String)>,
    pub marks: Vec<(f64, String)>,
}

/// The chart's rows: the first 40 expectations, leaving out the instances of
/// repeated work after the first three.
fn gantt_rows<'r>(r: &'r Runner) -> Vec<&'r Expectation> {
    r.log
        .expectations
        .iter()
        .filter(|e| e.instance < 3 || !matches!(e.what, What::Action(_)))
        .take(40)
        .collect()
}

/// Time ticks at the first round step that gives at most ten of them.
fn gantt_ticks(span: f64, left: f64, scale: f64) -> Vec<(f64, String)> {
    let step = [30.0, 60.0, 120.0, 240.0, 360.0, 720.0, 1440.0, 2880.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(2880.0);
    let mut ticks = Vec::new();
    let mut t = 0.0;
    while t <= span {
        ticks.push((round1(left + t * scale), words::clock(t)));
        t += step;
    }
    ticks
}

fn gantt(w: &Words, r: &Runner) -> Gantt {
    let m = r.model;
    let rows = gantt_rows(r);
    let span = rows
        .iter()
        .map(|e| {
            if e.done.is_finite() {
                e.done.max(e.deadline)
            } else {
                e.deadline
            }
        })
        .fold(60.0f64, f64::max)
        .min(m.params.horizon * 2.0);
    let left = 220.0;
    let width = 900.0;
    let scale = (width - left - 20.0) / span;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let end = if e.done.is_finite() { e.done } else { span };
            let label = words::what(w, m, e.what);
            let short = if label.chars().count() > 15 {
                label.chars().take(14).chain(['…']).collect()
            } else {
                label.clone()
            };
            GanttBar {
                label,
                short,
                rating: e.rating.letter(),
                trigger: words::clock(e.triggered),
                deadline: words::clock(e.deadline),
                done: words::clock(e.done),
                x: round1(left + e.triggered * scale),
                w: round1(((end - e.triggered) * scale).max(2.0)),
                y: (30 + i * 18) as f64,
                deadline_x: round1(left + e.deadline.min(span) * scale),
            }
        })
        .collect();
    let ticks = gantt_ticks(span, left, scale);
    let marks = r
        .log
        .marks
        .iter()
        .filter(|k| k.t <= span)
        .filter_map(|k| {
            let (text, ev) = words::mark(w, m, r.scenario, k.kind);
            matches!(
                ev,
                "detect" | "declare" | "statement" | "inject" | "stand_down"
            )
            .then(|| (round1(left + k.t * scale), text))
        })
        .collect();
    Gantt {
        width,
        height: (40 + rows.len() * 18) as f64,
        bars,
        ticks,
        marks,
    }
}

// ───────── campaign ─────────

#[derive(Clone, Debug, Serialize)]
pub struct Quantiles {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub runs: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScoreJson {
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub min: f64,
    pub max: f64,
    pub pass_rate: f64,
    /// Whether the campaign can judge the plan; when it cannot, why (a key of
    /// `drill.not_evaluable`) and no run counts as a pass.
    pub evaluable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_evaluable: Option<&'static str>,
    /// A measurable condition of the plan's domain, for the advice when the plan has
    /// none (`reach >= 100000 or …`, `affected_systems >= 5 or …`).
    #[serde(skip)]
    pub example: &'static str,
    /// Outcome measures (minutes; people for peak reach), over the runs where they
    /// happened; `time_to_detect_night` only over night onsets.
    pub outcomes: indexmap::IndexMap<&'static str, Quantiles>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CapabilityStats {
    pub name: &'static str,
    pub mean: Option<f64>,
    pub ratings: indexmap::IndexMap<&'static str, u64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeakLinkJson {
    pub rank: usize,
    pub cause: &'static str,
    pub text: String,
    pub target: String,
    pub capability: &'static str,
    pub runs: u64,
    pub share: f64,
    pub occurrences: u64,
    pub example_seed: u64,
    pub span: SpanJson,
    pub improvement: Improvement,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fired {
    pub name: String,
    pub runs: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoverageSet {
    pub fired: Vec<Fired>,
    pub never: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoverageJson {
    pub actions: CoverageSet,
    pub levels_declared: CoverageSet,
    pub levels_reached: CoverageSet,
    pub reporting_lines: CoverageSet,
    pub scenarios: CoverageSet,
    pub injects: CoverageSet,
}

/// The JSON of a campaign: exactly cli.md's fields.
#[derive(Clone, Debug, Serialize)]
pub struct CampaignJson {
    pub version: u32,
    pub runs: u64,
    pub seed_start: u64,
    pub score: ScoreJson,
    pub verdicts: indexmap::IndexMap<&'static str, u64>,
    pub capabilities: Vec<CapabilityStats>,
    pub weakest: Vec<WeakLinkJson>,
    pub coverage: CoverageJson,
}

fn coverage(names: impl Iterator<Item = (String, u64)>) -> CoverageSet {
    let mut fired = Vec::new();
    let mut never = Vec::new();
    for (n, c) in names {
        if c > 0 {
            fired.push(Fired { name: n, runs: c });
        } else {
            never.push(n);
        }
    }
    CoverageSet { fired, never }
}

pub fn campaign_json(c: &Campaign, m: &DrillModel, src: &Source, lang: Lang) -> CampaignJson {
    let w = Words::of(lang);
    let t = &c.tally;
    let mut verdicts = indexmap::IndexMap::new();
    for v in Verdict::ALL {
        verdicts.insert(v.json_name(), t.verdicts[v as usize]);
    }
    // A campaign that cannot judge the plan counts no run as a pass (`score_json`).
    let pass = if c.evaluable(m).is_ok() { c.pass() } else { 0 };
    verdicts.insert("pass", pass);
    verdicts.insert("fail", t.runs - pass);
    let capabilities = Capability::ALL
        .into_iter()
        .map(|capability| {
            let i = capability as usize;
            let mut r = indexmap::IndexMap::new();
            for (j, k) in ["P", "S", "M", "U", "N/A"].iter().enumerate() {
                r.insert(*k, t.ratings[i][j]);
            }
            CapabilityStats {
                name: capability.plan_name(),
                mean: c.capability_mean(i),
                ratings: r,
            }
        })
        .collect();
    CampaignJson {
        version: 1,
        runs: t.runs,
        seed_start: c.seed_start,
        score: score_json(c, m),
        verdicts,
        capabilities,
        weakest: weakest_json(w, c, m, src),
        coverage: coverage_json(w, c, m),
    }
}

/// A share of the runs, rounded to a tenth of a percent.
fn share(n: u64, runs: u64) -> f64 {
    ((n as f64 / runs.max(1) as f64) * 1000.0).round() / 1000.0
}

fn score_json(c: &Campaign, m: &DrillModel) -> ScoreJson {
    let evaluable = c.evaluable(m);
    let mut outcomes = indexmap::IndexMap::new();
    for (i, name) in OUTCOMES.iter().enumerate() {
        let (q, n) = c.outcome(i, None);
        outcomes.insert(*name, quantiles(q, n, i == 4));
        if i == 0 {
            let (q, n) = c.outcome(0, Some(true));
            outcomes.insert("time_to_detect_night", quantiles(q, n, false));
        }
    }
    ScoreJson {
        mean: c.mean(),
        p10: c.score_quantile(0.1),
        p50: c.score_quantile(0.5),
        p90: c.score_quantile(0.9),
        min: c.sorted.first().copied().unwrap_or(0.0),
        max: c.sorted.last().copied().unwrap_or(0.0),
        pass_rate: if evaluable.is_ok() {
            share(c.pass(), c.tally.runs)
        } else {
            0.0
        },
        evaluable: evaluable.is_ok(),
        not_evaluable: evaluable.err().map(|e| e.key()),
        example: m.example,
        outcomes,
    }
}

fn weakest_json(w: &Words, c: &Campaign, m: &DrillModel, src: &Source) -> Vec<WeakLinkJson> {
    c.weakest()
        .into_iter()
        .take(20)
        .enumerate()
        .map(|(i, ((cause, target), f))| {
            let avg = if f.finite > 0 {
                f.minutes / f.finite as f64
            } else {
                f64::INFINITY
            };
            let text = words::cause(w, m, cause, target, avg);
            let cap = (0..6)
                .max_by_key(|&j| (f.capabilities[j], 6 - j))
                .unwrap_or(0);
            WeakLinkJson {
                rank: i + 1,
                cause: campaign::cause_word(cause),
                target: words::target_name(w, m, target),
                capability: Capability::of_index(cap).plan_name(),
                runs: f.runs,
                share: share(f.runs, c.tally.runs),
                occurrences: f.occurrences,
                example_seed: f.example_seed,
                span: span_json(src, m, target),
                improvement: improvement(w, m, cause, target, &text),
                text,
            }
        })
        .collect()
}

fn coverage_json(w: &Words, c: &Campaign, m: &DrillModel) -> CoverageJson {
    let t = &c.tally;
    let named = |names: Vec<String>, counts: &[u64]| {
        coverage(names.into_iter().zip(counts.iter().copied()))
    };
    let levels = || m.levels.iter().map(|l| l.name.clone()).collect();
    CoverageJson {
        actions: named(
            m.actions.iter().map(|a| a.said.clone()).collect(),
            &t.actions,
        ),
        levels_declared: named(levels(), &t.levels_declared),
        levels_reached: named(levels(), &t.levels_reached),
        reporting_lines: named(
            (0..m.lines.len() as u16)
                .map(|i| words::line_name(w, m, i))
                .collect(),
            &t.lines,
        ),
        scenarios: named(
            m.scenarios.iter().map(|s| s.name.clone()).collect(),
            &t.scenarios,
        ),
        injects: coverage(m.scenarios.iter().zip(&t.injects).flat_map(|(s, cs)| {
            s.injects
                .iter()
                .zip(cs)
                .map(|(i, c)| (format!("{}/{}", s.name, i.name), *c))
        })),
    }
}

fn quantiles(q: Option<[f64; 3]>, n: u64, reach: bool) -> Quantiles {
    let r = |x: f64| {
        if reach { x.round() } else { round1(x) }
    };
    Quantiles {
        p10: q.map(|q| r(q[0])),
        p50: q.map(|q| r(q[1])),
        p90: q.map(|q| r(q[2])),
        runs: n,
    }
}

pub fn to_json<T: Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

// ───────── human output ─────────

/// Writes a line to a string (writing to a `String` cannot fail).
fn line(s: &mut String, text: &str) {
    s.push_str(text);
    s.push('\n');
}

/// A capability named in the JSON (the plan's name) as a reader sees it.
fn capability_in_words(w: &Words, name: &str) -> String {
    match crate::model::vocab::capability(name) {
        Some(i) => words::capability(w, Capability::of_index(i)),
        None => name.to_string(),
    }
}

fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

pub fn run_human(v: &RunView, lang: Lang) -> String {
    let w = Words::of(lang);
    let j = &v.json;
    let mut s = String::new();
    let seed = j.seed.to_string();
    let scenario = [
        ("name", j.scenario.name.as_str()),
        ("onset", &j.scenario.onset),
        ("seed", &seed),
    ];
    line(&mut s, &w.fill("drill.run.scenario", &scenario));
    if !j.scenario.title.is_empty() {
        line(&mut s, &format!("  {}", j.scenario.title));
    }
    line(&mut s, &format!("\n{}", w.get("drill.run.timeline")));
    for mk in &j.timeline {
        line(&mut s, &format!("  {:>12}  {}", mk.clock, mk.text));
    }
    line(&mut s, &format!("\n{}", w.get("drill.run.expectations")));
    human_expectations(&mut s, w, j);
    line(&mut s, &format!("\n{}", w.get("drill.run.capabilities")));
    let names: Vec<String> = j
        .capabilities
        .iter()
        .map(|c| capability_in_words(w, c.name))
        .collect();
    let name_w = column_width(names.iter().map(String::as_str), 32);
    for (c, name) in j.capabilities.iter().zip(&names) {
        let score = c.score.map_or("—".into(), one_decimal);
        line(
            &mut s,
            &format!("  {} {:<3} {score}", pad(name, name_w), c.rating),
        );
    }
    line(&mut s, &format!("\n{}", w.get("drill.run.outcomes")));
    for o in &v.outcomes {
        line(
            &mut s,
            &w.fill(
                "drill.run.outcome",
                &[("label", &o.label), ("value", &o.value)],
            ),
        );
    }
    if !v.findings.is_empty() {
        line(&mut s, &format!("\n{}", w.get("drill.run.findings")));
        for f in &v.findings {
            human_finding(&mut s, w, f);
        }
    }
    let verdict =
        Verdict::from_json_name(j.verdict).map_or(String::new(), |x| words::verdict(w, x));
    let score = one_decimal(j.score);
    let pass = words::pass(w, v.pass);
    let last = [
        ("score", score.as_str()),
        ("verdict", &verdict),
        ("pass", &pass),
    ];
    line(&mut s, &format!("\n{}", w.fill("drill.run.score", &last)));
    s
}

fn pad(text: &str, width: usize) -> String {
    crate::source::pad(text, width)
}

fn human_expectations(s: &mut String, w: &Words, j: &RunJson) {
    // Columns as wide as their widest cell (in display columns: CJK counts two), up to a
    // limit past which one long name would push every row to the right.
    let capabilities: Vec<String> = j
        .expectations
        .iter()
        .map(|e| capability_in_words(w, e.capability))
        .collect();
    let what_w = column_width(j.expectations.iter().map(|e| e.what.as_str()), 48);
    let cap_w = column_width(capabilities.iter().map(String::as_str), 32);
    for (e, capability) in j.expectations.iter().zip(&capabilities) {
        let done = e
            .done
            .map_or(w.get("drill.run.never"), |d| words::clock(d as f64));
        let fields = [
            ("rating", e.rating.to_string()),
            ("what", pad(&e.what, what_w)),
            ("capability", pad(capability, cap_w)),
            ("triggered", words::clock(e.triggered_at as f64)),
            ("done", done),
            ("deadline", words::clock(e.deadline as f64)),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        line(s, &w.fill("drill.run.expectation", &fields));
    }
}

fn human_finding(s: &mut String, w: &Words, f: &FindingRow) {
    let what = [("rating", f.rating), ("what", &f.what), ("text", &f.text)];
    line(s, &w.fill("drill.run.finding", &what));
    line(
        s,
        &w.fill("drill.run.finding_at", &[("location", &f.location)]),
    );
    let i = &f.improvement;
    let fix = [
        ("action", i.action.as_str()),
        ("element", &i.element),
        ("owner", &i.owner),
        ("due", &i.due),
    ];
    line(s, &w.fill("drill.run.finding_fix", &fix));
}

pub fn campaign_human(j: &CampaignJson, lang: Lang) -> String {
    let w = Words::of(lang);
    let mut s = String::new();
    let (runs, first) = (j.runs.to_string(), j.seed_start.to_string());
    let last = j
        .seed_start
        .wrapping_add(j.runs.saturating_sub(1))
        .to_string();
    let header = [("runs", runs.as_str()), ("first", &first), ("last", &last)];
    line(&mut s, &w.fill("drill.campaign.header", &header));
    let sc = &j.score;
    let numbers = [sc.mean, sc.p10, sc.p50, sc.p90, sc.pass_rate * 100.0].map(one_decimal);
    let keys = ["mean", "p10", "p50", "p90", "pass_rate"];
    let score: Vec<(&str, &str)> = keys
        .iter()
        .copied()
        .zip(numbers.iter().map(String::as_str))
        .collect();
    line(&mut s, &w.fill("drill.campaign.score", &score));
    s.push_str(&w.get("drill.campaign.verdicts"));
    for (k, v) in &j.verdicts {
        s.push_str(&format!(" {k} {v}"));
    }
    s.push('\n');
    if let Some(why) = sc.not_evaluable {
        line(&mut s, &w.get(&format!("drill.not_evaluable.{why}")));
        let fix = format!("drill.not_evaluable_fix.{why}");
        line(&mut s, &w.fill(&fix, &[("example", sc.example)]));
    }
    line(
        &mut s,
        &format!("\n{}", w.get("drill.campaign.capabilities")),
    );
    let names: Vec<String> = Capability::ALL
        .iter()
        .take(j.capabilities.len())
        .map(|c| words::capability(w, *c))
        .collect();
    let name_w = column_width(names.iter().map(String::as_str), 32);
    for (c, name) in j.capabilities.iter().zip(&names) {
        let r: Vec<String> = c.ratings.values().map(|x| x.to_string()).collect();
        let mean = c.mean.map_or("—".into(), one_decimal);
        line(
            &mut s,
            &format!("  {} {:>5}   {}", pad(name, name_w), mean, r.join("/")),
        );
    }
    line(&mut s, &format!("\n{}", w.get("drill.campaign.outcomes")));
    for (k, q) in &sc.outcomes {
        let f = |x: Option<f64>| match x {
            None => "—".to_string(),
            Some(v) if *k == "peak_reach" => words::people(w, v),
            Some(v) => words::minutes(w, v),
        };
        let label = pad(&outcome_label(w, k), 28);
        line(
            &mut s,
            &format!(
                "  {label} {} / {} / {}  (n={})",
                f(q.p10),
                f(q.p50),
                f(q.p90),
                q.runs
            ),
        );
    }
    human_weakest(&mut s, w, j);
    human_coverage(&mut s, w, &j.coverage);
    s
}

fn human_weakest(s: &mut String, w: &Words, j: &CampaignJson) {
    if j.weakest.is_empty() {
        return;
    }
    line(s, &format!("\n{}", w.get("drill.campaign.weakest")));
    for weak in j.weakest.iter().take(10) {
        line(
            s,
            &format!(
                "  {:>2}. {:>5.1}%  {}",
                weak.rank,
                weak.share * 100.0,
                weak.text
            ),
        );
        let sp = &weak.span;
        line(
            s,
            &format!(
                "       {}:{}:{}  → {}",
                sp.file, sp.line, sp.column, weak.improvement.action
            ),
        );
    }
}

fn human_coverage(s: &mut String, w: &Words, cov: &CoverageJson) {
    line(s, &format!("\n{}", w.get("drill.campaign.coverage")));
    for (label, set) in [
        ("actions", &cov.actions),
        ("levels", &cov.levels_declared),
        ("lines", &cov.reporting_lines),
        ("injects", &cov.injects),
    ] {
        let label = pad(&w.get(&format!("drill.campaign.coverage_{label}")), 12);
        let (fired, total) = (set.fired.len(), set.fired.len() + set.never.len());
        line(
            s,
            &format!("  {label} {fired}/{total}  {}", set.never.join(", ")),
        );
    }
}

/// The display width of the widest of `cells`, at most `max`.
fn column_width<'a>(cells: impl Iterator<Item = &'a str>, max: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    cells.map(|c| c.width()).max().unwrap_or(0).min(max)
}
