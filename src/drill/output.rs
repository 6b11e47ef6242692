//! Views of a run and of a campaign: serializable structures that the JSON output,
//! the human output and the report templates all read, so they never disagree.

use super::campaign::{self, Campaign, OUTCOMES};
use super::model::DrillModel;
use super::score::{self, poete, round1};
use super::sim::{Rating, Runner, Target, What};
use super::words;
use crate::diagnostic::Lang;
use crate::source::Source;
use serde::Serialize;
use std::fmt::Write;

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
    pub element: &'static str,
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

fn improvement(
    m: &DrillModel,
    c: super::sim::Cause,
    t: Target,
    text: &str,
    lang: Lang,
) -> Improvement {
    let p = poete(c);
    Improvement {
        issue: text.to_string(),
        action: words::corrective(m, c, t, lang),
        element: match lang {
            Lang::Zh => p.zh(),
            Lang::En => p.en(),
        },
        owner: words::improvement_owner(m, c, t),
        due: words::due(m, c, lang),
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
pub struct ExpJson {
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
pub struct CapJson {
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
    pub expectations: Vec<ExpJson>,
    pub capabilities: Vec<CapJson>,
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
    pub capability: &'static str,
    pub rating: &'static str,
    pub text: String,
    pub location: String,
    pub improvement: Improvement,
}

pub fn run_view(r: &Runner, src: &Source, lang: Lang) -> RunView {
    let m = r.m;
    let s = score::score(m, &r.exps);
    let sc = &m.scenarios[r.scenario];
    let o = &r.outcome;
    let timeline = r
        .marks
        .iter()
        .map(|mk| {
            let (text, event) = words::mark(m, r.scenario, mk.kind, lang);
            MarkJson {
                t: min_i(mk.t),
                clock: words::clock(mk.t),
                event,
                text,
            }
        })
        .collect();
    let mut findings = Vec::new();
    let expectations: Vec<ExpJson> = r
        .exps
        .iter()
        .map(|e| {
            let finding = campaign::is_finding(e.rating).then(|| {
                let text = words::cause(m, e.cause, e.target, e.cause_minutes, lang);
                FindingJson {
                    cause: campaign::cause_word(e.cause),
                    target: words::target_name(m, e.target, lang),
                    span: span_json(src, m, e.target),
                    improvement: improvement(m, e.cause, e.target, &text, lang),
                    text,
                }
            });
            let owner = match e.what {
                What::Action(a) => m.actions[a as usize]
                    .owner
                    .map(|p| m.parties[p as usize].name.clone()),
                What::Report(l) => Some(m.parties[m.lines[l as usize].from as usize].name.clone()),
                _ => None,
            };
            let j = ExpJson {
                what: words::what(m, e.what, lang),
                kind: words::what_kind(e.what),
                capability: words::capability(e.cap as usize, Lang::Zh),
                owner,
                by: e.by.map(|p| m.parties[p as usize].name.clone()),
                via_backup: e.via_backup,
                critical: e.critical,
                triggered_at: min_i(e.trig),
                deadline: min_i(e.deadline),
                done: e.done.is_finite().then(|| min_i(e.done)),
                rating: e.rating.letter(),
                finding,
            };
            if let Some(f) = &j.finding {
                findings.push(FindingRow {
                    what: j.what.clone(),
                    capability: words::capability(e.cap as usize, lang),
                    rating: j.rating,
                    text: f.text.clone(),
                    location: format!("{}:{}:{}", f.span.file, f.span.line, f.span.column),
                    improvement: f.improvement.clone(),
                });
            }
            j
        })
        .collect();
    let capabilities = s
        .caps
        .iter()
        .enumerate()
        .map(|(i, c)| CapJson {
            name: words::capability(i, Lang::Zh),
            rating: c.rating.map_or("N/A", Rating::letter),
            score: c.score().map(round1),
            counts: Counts {
                p: c.counts[0] as u64,
                s: c.counts[1] as u64,
                m: c.counts[2] as u64,
                u: c.counts[3] as u64,
            },
        })
        .collect();
    let outcomes = outcome_rows(
        lang,
        [o.detect, o.declare, o.statement, o.stand_down],
        o.peak_reach,
    );
    let json = RunJson {
        version: 1,
        seed: r.seed,
        scenario: ScenarioJson {
            name: sc.name.clone(),
            title: sc.title.clone(),
            onset: words::weekday_time(o.onset_minute, lang),
            night: o.night,
            weekend: o.weekend,
            holiday: o.holiday,
        },
        timeline,
        expectations,
        capabilities,
        score: s.score,
        verdict: s.verdict.zh(),
    };
    let gantt = gantt(r, lang);
    RunView {
        json,
        pass: s.verdict.pass(),
        outcomes,
        findings,
        gantt,
    }
}

fn outcome_label(i: usize, lang: Lang) -> String {
    let zh = [
        "发现用时",
        "定级用时",
        "首次回应用时",
        "解除用时",
        "累计触达峰值",
    ];
    let en = [
        "time to detect",
        "time to declare",
        "time to first statement",
        "time to stand-down",
        "peak reach",
    ];
    match lang {
        Lang::Zh => zh[i].into(),
        Lang::En => en[i].into(),
    }
}

fn outcome_rows(lang: Lang, times: [f64; 4], reach: f64) -> Vec<OutcomeRow> {
    let mut v: Vec<OutcomeRow> = times
        .iter()
        .enumerate()
        .map(|(i, &t)| OutcomeRow {
            name: OUTCOMES[i],
            label: outcome_label(i, lang),
            value: words::minutes(t, lang),
        })
        .collect();
    v.push(OutcomeRow {
        name: OUTCOMES[4],
        label: outcome_label(4, lang),
        value: words::people(reach, lang),
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

fn gantt(r: &Runner, lang: Lang) -> Gantt {
    let m = r.m;
    // The first 40 expectations (every-instances after the first three are left out).
    let mut rows: Vec<&super::sim::Exp> = Vec::new();
    for e in &r.exps {
        if e.instance >= 3 && matches!(e.what, What::Action(_)) {
            continue;
        }
        rows.push(e);
        if rows.len() >= 40 {
            break;
        }
    }
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
            let label = words::what(m, e.what, lang);
            let short = if label.chars().count() > 15 {
                label.chars().take(14).chain(['…']).collect()
            } else {
                label.clone()
            };
            GanttBar {
                label,
                short,
                rating: e.rating.letter(),
                trigger: words::clock(e.trig),
                deadline: words::clock(e.deadline),
                done: words::clock(e.done),
                x: round1(left + e.trig * scale),
                w: round1(((end - e.trig) * scale).max(2.0)),
                y: (30 + i * 18) as f64,
                deadline_x: round1(left + e.deadline.min(span) * scale),
            }
        })
        .collect();
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
    let marks = r
        .marks
        .iter()
        .filter(|k| k.t <= span)
        .filter_map(|k| {
            let (text, ev) = words::mark(m, r.scenario, k.kind, lang);
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
    /// Outcome measures (minutes; people for peak reach), over the runs where they
    /// happened; `time_to_detect_night` only over night onsets.
    pub outcomes: indexmap::IndexMap<&'static str, Quantiles>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CapStat {
    pub name: &'static str,
    pub mean: Option<f64>,
    pub ratings: indexmap::IndexMap<&'static str, u64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeakJson {
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
    pub capabilities: Vec<CapStat>,
    pub weakest: Vec<WeakJson>,
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
    let t = &c.tally;
    let runs = t.runs.max(1) as f64;
    let mut outcomes = indexmap::IndexMap::new();
    for (i, name) in OUTCOMES.iter().enumerate() {
        let (q, n) = c.outcome(i, None);
        outcomes.insert(*name, quantiles(q, n, i == 4));
        if i == 0 {
            let (q, n) = c.outcome(0, Some(true));
            outcomes.insert("time_to_detect_night", quantiles(q, n, false));
        }
    }
    let score = ScoreJson {
        mean: c.mean(),
        p10: c.q(0.1),
        p50: c.q(0.5),
        p90: c.q(0.9),
        min: c.sorted.first().copied().unwrap_or(0.0),
        max: c.sorted.last().copied().unwrap_or(0.0),
        pass_rate: ((c.pass() as f64 / runs) * 1000.0).round() / 1000.0,
        outcomes,
    };
    let mut verdicts = indexmap::IndexMap::new();
    for v in score::Verdict::ALL {
        verdicts.insert(v.zh(), t.verdicts[v as usize]);
    }
    verdicts.insert("pass", c.pass());
    verdicts.insert("fail", t.runs - c.pass());
    let capabilities = (0..6)
        .map(|i| {
            let mut r = indexmap::IndexMap::new();
            for (j, k) in ["P", "S", "M", "U", "N/A"].iter().enumerate() {
                r.insert(*k, t.ratings[i][j]);
            }
            CapStat {
                name: words::capability(i, Lang::Zh),
                mean: c.cap_mean(i),
                ratings: r,
            }
        })
        .collect();
    let weakest = c
        .weakest()
        .into_iter()
        .take(20)
        .enumerate()
        .map(|(i, ((cause, target), f))| {
            let cause = campaign::cause_of(cause);
            let avg = if f.finite > 0 {
                f.minutes / f.finite as f64
            } else {
                f64::INFINITY
            };
            let text = words::cause(m, cause, target, avg, lang);
            let cap = (0..6).max_by_key(|&j| (f.caps[j], 6 - j)).unwrap_or(0);
            WeakJson {
                rank: i + 1,
                cause: campaign::cause_word(cause),
                target: words::target_name(m, target, lang),
                capability: words::capability(cap, Lang::Zh),
                runs: f.runs,
                share: ((f.runs as f64 / runs) * 1000.0).round() / 1000.0,
                occurrences: f.occurrences,
                example_seed: f.example_seed,
                span: span_json(src, m, target),
                improvement: improvement(m, cause, target, &text, lang),
                text,
            }
        })
        .collect();
    let coverage = CoverageJson {
        actions: coverage(
            m.actions
                .iter()
                .zip(&t.actions)
                .map(|(a, c)| (a.name.clone(), *c)),
        ),
        levels_declared: coverage(
            m.levels
                .iter()
                .zip(&t.levels_declared)
                .map(|(l, c)| (l.name.clone(), *c)),
        ),
        levels_reached: coverage(
            m.levels
                .iter()
                .zip(&t.levels_reached)
                .map(|(l, c)| (l.name.clone(), *c)),
        ),
        reporting_lines: coverage(m.lines.iter().zip(&t.lines).map(|(l, c)| {
            (
                format!(
                    "{} → {}",
                    m.parties[l.from as usize].name, m.parties[l.to as usize].name
                ),
                *c,
            )
        })),
        scenarios: coverage(
            m.scenarios
                .iter()
                .zip(&t.scenarios)
                .map(|(s, c)| (s.name.clone(), *c)),
        ),
        injects: coverage(m.scenarios.iter().zip(&t.injects).flat_map(|(s, cs)| {
            s.injects
                .iter()
                .zip(cs)
                .map(|(i, c)| (format!("{}/{}", s.name, i.name), *c))
        })),
    };
    CampaignJson {
        version: 1,
        runs: t.runs,
        seed_start: c.seed_start,
        score,
        verdicts,
        capabilities,
        weakest,
        coverage,
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

pub fn run_human(v: &RunView, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let j = &v.json;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {}（{}）  seed {}",
        if zh { "演练情景：" } else { "scenario:" },
        j.scenario.name,
        j.scenario.onset,
        j.seed
    );
    if !j.scenario.title.is_empty() {
        let _ = writeln!(s, "  {}", j.scenario.title);
    }
    let _ = writeln!(s, "\n{}", if zh { "时间线" } else { "timeline" });
    for mk in &j.timeline {
        let _ = writeln!(s, "  {:>12}  {}", mk.clock, mk.text);
    }
    let _ = writeln!(s, "\n{}", if zh { "预期行动" } else { "expectations" });
    let cap_name = |c: &'static str| match crate::model::vocab::capability(c) {
        Some(i) => words::capability(i, lang),
        None => c,
    };
    // Columns as wide as their widest cell (in display columns: CJK counts two), up to a
    // limit past which one long name would push every row to the right.
    let what_w = column_width(j.expectations.iter().map(|e| e.what.as_str()), 48);
    let cap_w = column_width(j.expectations.iter().map(|e| cap_name(e.capability)), 32);
    for e in &j.expectations {
        let done = e.done.map_or(
            if zh {
                "未完成".into()
            } else {
                "never".into()
            },
            |d| words::clock(d as f64),
        );
        let _ = writeln!(
            s,
            "  [{}] {} {} {} → {} ({} {})",
            e.rating,
            crate::source::pad(&e.what, what_w),
            crate::source::pad(cap_name(e.capability), cap_w),
            words::clock(e.triggered_at as f64),
            done,
            if zh { "时限" } else { "due" },
            words::clock(e.deadline as f64),
        );
    }
    let _ = writeln!(s, "\n{}", if zh { "能力评估" } else { "capabilities" });
    let names: Vec<&str> = j.capabilities.iter().map(|c| cap_name(c.name)).collect();
    let name_w = column_width(names.iter().copied(), 32);
    for (c, name) in j.capabilities.iter().zip(names) {
        let _ = writeln!(
            s,
            "  {} {:<3} {}",
            crate::source::pad(name, name_w),
            c.rating,
            c.score.map_or("—".into(), |x| format!("{x:.1}"))
        );
    }
    let _ = writeln!(s, "\n{}", if zh { "结果指标" } else { "outcomes" });
    for o in &v.outcomes {
        let _ = writeln!(s, "  {}：{}", o.label, o.value);
    }
    if !v.findings.is_empty() {
        let _ = writeln!(s, "\n{}", if zh { "发现的问题" } else { "findings" });
        for f in &v.findings {
            let _ = writeln!(s, "  [{}] {}：{}", f.rating, f.what, f.text);
            let _ = writeln!(
                s,
                "       {} {}",
                if zh { "位置" } else { "at" },
                f.location
            );
            let _ = writeln!(
                s,
                "       {} {}（{}，{}，{}）",
                if zh { "改进" } else { "fix" },
                f.improvement.action,
                f.improvement.element,
                f.improvement.owner,
                f.improvement.due
            );
        }
    }
    let verdict = if zh {
        j.verdict.to_string()
    } else {
        score::Verdict::ALL
            .iter()
            .find(|x| x.zh() == j.verdict)
            .map_or("", |x| x.en())
            .to_string()
    };
    let _ = writeln!(
        s,
        "\n{} {:.1}  {} {}  {}",
        if zh { "得分" } else { "score" },
        j.score,
        if zh { "评估结论" } else { "verdict" },
        verdict,
        match (v.pass, zh) {
            (true, true) => "通过",
            (false, true) => "未通过",
            (true, false) => "PASS",
            (false, false) => "FAIL",
        }
    );
    s
}

pub fn campaign_human(j: &CampaignJson, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} {}（seed {}–{}）",
        if zh { "演练批次：" } else { "campaign:" },
        j.runs,
        if zh { "次" } else { "runs" },
        j.seed_start,
        j.seed_start.wrapping_add(j.runs.saturating_sub(1))
    );
    let sc = &j.score;
    let _ = writeln!(
        s,
        "{} {:.1}   p10 {:.1}   p50 {:.1}   p90 {:.1}   {} {:.1}%",
        if zh { "平均得分" } else { "mean score" },
        sc.mean,
        sc.p10,
        sc.p50,
        sc.p90,
        if zh { "通过率" } else { "pass rate" },
        sc.pass_rate * 100.0
    );
    let _ = write!(s, "{}", if zh { "评估结论：" } else { "verdicts: " });
    for (k, v) in &j.verdicts {
        let _ = write!(s, " {k} {v}");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "\n{}",
        if zh {
            "能力（平均分 · P/S/M/U/不适用）"
        } else {
            "capabilities (mean · P/S/M/U/N/A)"
        }
    );
    let name_w = column_width(
        (0..j.capabilities.len()).map(|i| words::capability(i, lang)),
        32,
    );
    for (i, c) in j.capabilities.iter().enumerate() {
        let r: Vec<String> = c.ratings.values().map(|x| x.to_string()).collect();
        let _ = writeln!(
            s,
            "  {} {:>5}   {}",
            crate::source::pad(words::capability(i, lang), name_w),
            c.mean.map_or("—".into(), |x| format!("{x:.1}")),
            r.join("/")
        );
    }
    let _ = writeln!(
        s,
        "\n{}",
        if zh {
            "结果指标（p10 / p50 / p90）"
        } else {
            "outcomes (p10 / p50 / p90)"
        }
    );
    for (k, q) in &sc.outcomes {
        let f = |x: Option<f64>| match x {
            None => "—".to_string(),
            Some(v) if *k == "peak_reach" => words::people(v, lang),
            Some(v) => words::minutes(v, lang),
        };
        let _ = writeln!(
            s,
            "  {} {} / {} / {}  (n={})",
            crate::source::pad(&super::report::outcome_label(k, lang), 28),
            f(q.p10),
            f(q.p50),
            f(q.p90),
            q.runs
        );
    }
    if !j.weakest.is_empty() {
        let _ = writeln!(s, "\n{}", if zh { "薄弱环节" } else { "weakest links" });
        for w in j.weakest.iter().take(10) {
            let _ = writeln!(s, "  {:>2}. {:>5.1}%  {}", w.rank, w.share * 100.0, w.text);
            let _ = writeln!(
                s,
                "       {}:{}:{}  → {}",
                w.span.file, w.span.line, w.span.column, w.improvement.action
            );
        }
    }
    let cov = &j.coverage;
    let _ = writeln!(
        s,
        "\n{}",
        if zh {
            "覆盖情况（从未触发）"
        } else {
            "coverage (never fired)"
        }
    );
    let line = |s: &mut String, label: &str, set: &CoverageSet| {
        let _ = writeln!(
            s,
            "  {} {}/{}  {}",
            crate::source::pad(label, 12),
            set.fired.len(),
            set.fired.len() + set.never.len(),
            if set.never.is_empty() {
                String::new()
            } else {
                set.never.join(", ")
            }
        );
    };
    line(&mut s, if zh { "行动" } else { "actions" }, &cov.actions);
    line(
        &mut s,
        if zh { "宣布级别" } else { "levels" },
        &cov.levels_declared,
    );
    line(
        &mut s,
        if zh { "报告线" } else { "reporting" },
        &cov.reporting_lines,
    );
    line(
        &mut s,
        if zh { "注入事件" } else { "injects" },
        &cov.injects,
    );
    s
}

/// The display width of the widest of `cells`, at most `max`.
fn column_width<'a>(cells: impl Iterator<Item = &'a str>, max: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    cells.map(|c| c.width()).max().unwrap_or(0).min(max)
}
