//! The evaluation report (评估报告) and other drill documents, through minijinja
//! templates in `templates/drill/` (built in; `--templates DIR` overrides them).
//!
//! Rust builds the context (numbers, rows, SVG geometry); the templates hold every
//! word and the layout.

use super::campaign::{Campaign, OUTCOMES};
use super::model::{Capability, DrillModel};
use super::output::{CampaignJson, RunView, outcome_label};
use super::score::{self, Verdict};
use super::words;
use crate::source::Source;
use crate::wording::{Lang, Words};
use serde::Serialize;
use serde_json::{Value, json};
use std::path::Path;

/// The built-in drill templates.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "report.md.j2",
        include_str!("../../templates/drill/report.md.j2"),
    ),
    (
        "report.html.j2",
        include_str!("../../templates/drill/report.html.j2"),
    ),
    (
        "pack.md.j2",
        include_str!("../../templates/drill/pack.md.j2"),
    ),
    (
        "pack.html.j2",
        include_str!("../../templates/drill/pack.html.j2"),
    ),
    (
        "report.docx.j2",
        include_str!("../../templates/drill/report.docx.j2"),
    ),
    (
        "pack.docx.j2",
        include_str!("../../templates/drill/pack.docx.j2"),
    ),
];

/// Which format a file name asks for.
pub fn format_of(path: &Path) -> Result<&'static str, String> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("md") | Some("markdown") => Ok("md"),
        Some("html") | Some("htm") => Ok("html"),
        Some("docx") => Ok("docx"),
        _ => Err(format!(
            "{}: the report format is chosen by the extension: .md, .html or .docx",
            path.display()
        )),
    }
}

/// The text of drill template `name` and where it came from: `DIR/drill/NAME`,
/// `DIR/NAME`, or the bundled one.
fn template_source(name: &str, templates: Option<&Path>) -> Result<(String, String), String> {
    crate::render::page::template("drill", name, templates, TEMPLATES)
}

/// A drill document (`stem` is `report` or `pack`) in format `fmt` from
/// `templates/drill/STEM.FMT.j2`: the text for md and html; for docx a package whose
/// body is that template and whose styles, page setup and footers are the plan
/// document's (`crate::render::docx_with_body`). `title` goes into the DOCX properties.
#[allow(clippy::too_many_arguments)]
pub fn document(
    stem: &str,
    fmt: &str,
    templates: Option<&Path>,
    ctx: &Value,
    title: String,
    org: Option<String>,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let name = format!("{stem}.{fmt}.j2");
    if fmt != "docx" {
        return render(&name, templates, ctx, lang).map(String::into_bytes);
    }
    let (text, origin) = template_source(&name, templates)?;
    let body = crate::render::DocxBody {
        name: format!("drill/{name}"),
        text,
        origin,
    };
    let meta = crate::render::DocxMeta { title, org };
    crate::render::docx_with_body(body, ctx, &meta, lang, templates).map_err(|e| e.to_string())
}

/// Renders template `name` (e.g. `report.html.j2`) with a context and the labels of
/// `lang`.
pub fn render(
    name: &str,
    templates: Option<&Path>,
    ctx: &Value,
    lang: Lang,
) -> Result<String, String> {
    let (source, _) = template_source(name, templates)?;
    crate::render::page::render(name, source, templates, ctx, lang)
}

/// What every drill document knows.
fn base(m: &DrillModel, src: &Source, lang: Lang) -> serde_json::Map<String, Value> {
    let p = &m.params;
    let w = Words::of(lang);
    let mut c = serde_json::Map::new();
    c.insert("lang".into(), json!(lang.code()));
    c.insert(
        "plan".into(),
        json!({"title": if m.title.is_empty() { src.name.clone() } else { m.title.clone() },
               "org": m.org, "file": src.name}),
    );
    c.insert("points".into(), json!(p.points.map(|x| x as i64)));
    c.insert("verdict".into(), json!(p.rating_bands.map(|x| x as i64)));
    c.insert(
        "capabilities".into(),
        Value::Array(
            Capability::ALL
                .iter()
                .map(|&c| json!({"name": words::capability(w, c), "weight": p.weights[c as usize] as i64}))
                .collect(),
        ),
    );
    c
}

#[derive(Serialize)]
struct Item {
    issue: String,
    action: String,
    element: String,
    owner: String,
    due: String,
    location: String,
    share: Option<f64>,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The report of one run (`decisions`: the decision log of an interactive drill).
pub fn run_report(
    m: &DrillModel,
    v: &RunView,
    src: &Source,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    run_report_with(m, v, src, lang, path, templates, serde_json::Map::new())
}

pub fn run_report_with(
    m: &DrillModel,
    v: &RunView,
    src: &Source,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
    extra: serde_json::Map<String, Value>,
) -> Result<Vec<u8>, String> {
    let fmt = format_of(path)?;
    let mut c = base(m, src, lang);
    c.extend(extra);
    c.insert("kind".into(), json!("run"));
    c.insert("run".into(), to_value(v));
    let items: Vec<Item> = v
        .findings
        .iter()
        .map(|f| Item {
            issue: format!("{}：{}", f.what, f.text),
            action: f.improvement.action.clone(),
            element: f.improvement.element.clone(),
            owner: f.improvement.owner.clone(),
            due: f.improvement.due.clone(),
            location: f.location.clone(),
            share: None,
        })
        .collect();
    c.insert("items".into(), to_value(&items));
    let verdict = Verdict::from_json_name(v.json.verdict).unwrap_or(Verdict::Poor);
    c.insert(
        "overall".into(),
        json!(words::verdict(Words::of(lang), verdict)),
    );
    finish("report", fmt, m, src, lang, templates, c)
}

/// The report of a campaign.
pub fn campaign_report(
    m: &DrillModel,
    camp: &Campaign,
    j: &CampaignJson,
    src: &Source,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let fmt = format_of(path)?;
    let w = Words::of(lang);
    let mut c = base(m, src, lang);
    c.insert("kind".into(), json!("campaign"));
    c.insert(
        "verdict_rows".into(),
        Value::Array(j.verdicts.iter().map(|(k, v)| json!([k, v])).collect()),
    );
    c.insert("campaign".into(), to_value(j));
    c.insert(
        "last_seed".into(),
        json!(j.seed_start.wrapping_add(j.runs.saturating_sub(1))),
    );
    // The run with the median score, replayed with its timeline.
    let r = super::run_one(m, camp.median_seed());
    let view = super::output::run_view(&r, src, lang);
    c.insert("run".into(), to_value(&view));
    c.insert("outcomes".into(), outcome_quantiles(w, j));
    c.insert("coverage".into(), coverage_rows(w, j));
    let items: Vec<Item> = j
        .weakest
        .iter()
        .map(|weak| Item {
            issue: weak.text.clone(),
            action: weak.improvement.action.clone(),
            element: weak.improvement.element.clone(),
            owner: weak.improvement.owner.clone(),
            due: weak.improvement.due.clone(),
            location: format!("{}:{}:{}", weak.span.file, weak.span.line, weak.span.column),
            share: Some(weak.share),
        })
        .collect();
    c.insert("items".into(), to_value(&items));
    // The verdict of the mean score: no single capability decides it.
    let overall = Verdict::of_score(j.score.mean, m.params.rating_bands);
    c.insert("overall".into(), json!(words::verdict(w, overall)));
    c.insert("histogram".into(), histogram(&camp.tally.scores));
    c.insert("decisions".into(), Value::Array(Vec::new()));
    finish("report", fmt, m, src, lang, templates, c)
}

/// The outcome measures of a campaign, in words.
fn outcome_quantiles(w: &Words, j: &CampaignJson) -> Value {
    let mut rows = Vec::new();
    for (key, q) in &j.score.outcomes {
        let f = |x: Option<f64>| match x {
            None => "—".to_string(),
            Some(v) if *key == OUTCOMES[4] => words::people(w, v),
            Some(v) => words::minutes(w, v),
        };
        rows.push(json!({"label": outcome_label(w, key), "p10": f(q.p10), "p50": f(q.p50), "p90": f(q.p90), "runs": q.runs}));
    }
    Value::Array(rows)
}

/// What the campaign exercised, as (label, fired and never fired) rows.
fn coverage_rows(w: &Words, j: &CampaignJson) -> Value {
    let cov = &j.coverage;
    let row = |key: &str, set: &super::output::CoverageSet| {
        json!([
            w.get(&format!("drill.report.coverage_{key}")),
            to_value(set)
        ])
    };
    Value::Array(vec![
        row("actions", &cov.actions),
        row("levels_declared", &cov.levels_declared),
        row("levels_reached", &cov.levels_reached),
        row("lines", &cov.reporting_lines),
        row("injects", &cov.injects),
    ])
}

/// The title of a drill document (for the DOCX properties).
pub fn doc_title(m: &DrillModel, src: &Source, stem: &str, lang: Lang) -> String {
    let plan = if m.title.is_empty() {
        src.name.as_str()
    } else {
        m.title.as_str()
    };
    let path = if stem == "pack" {
        "drill.pack.title"
    } else {
        "drill.report.title"
    };
    Words::of(lang).fill(path, &[("plan", plan)])
}

fn finish(
    stem: &str,
    fmt: &str,
    m: &DrillModel,
    src: &Source,
    lang: Lang,
    templates: Option<&Path>,
    c: serde_json::Map<String, Value>,
) -> Result<Vec<u8>, String> {
    let org = (!m.org.is_empty()).then(|| m.org.clone());
    let title = doc_title(m, src, stem, lang);
    document(stem, fmt, templates, &Value::Object(c), title, org, lang)
}

/// Score histogram geometry: 20 bins of 5 points.
fn histogram(scores: &[f64]) -> Value {
    let mut bins = [0u64; 20];
    for &s in scores {
        let i = ((s / 5.0).floor() as i64).clamp(0, 19) as usize;
        bins[i] += 1;
    }
    let max = bins.iter().copied().max().unwrap_or(1).max(1) as f64;
    let (width, height, left, base) = (640.0, 220.0, 30.0, 190.0);
    let bw = (width - left - 10.0) / 20.0;
    let bars: Vec<Value> = bins
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let h = score::round1((n as f64 / max) * (base - 10.0));
            // The bar as a row of blocks (up to 30), for formats without pictures.
            let blocks = "█".repeat(((n as f64 / max) * 30.0).ceil() as usize);
            json!({"x": score::round1(left + i as f64 * bw + 1.0), "y": score::round1(base - h),
                   "w": score::round1(bw - 2.0), "h": h, "count": n, "blocks": blocks,
                   "label": format!("{}–{}", i * 5, i * 5 + 5)})
        })
        .collect();
    let ticks: Vec<Value> = (0..=20)
        .step_by(4)
        .map(|i| json!([score::round1(left + i as f64 * bw), (i * 5).to_string()]))
        .collect();
    json!({"width": width, "height": height, "base": base, "bars": bars, "ticks": ticks})
}
