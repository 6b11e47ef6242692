//! Scoring a tabletop and its report: the share of right answers per capability,
//! weighted as runs are; what to improve; the report with the decisions, the timeline
//! they produced, strengths and the improvement plan.

use super::super::model::{Capability, DrillModel};
use super::super::output;
use super::super::report;
use super::super::score::{Verdict, round1};
use super::super::sim::{Rating, Runner};
use super::super::words;
use super::Decision;
use crate::source::Source;
use crate::wording::{Lang, Words};
use std::path::Path;

/// The score of a tabletop: its 0–100 score, verdict and capabilities.
#[derive(Clone, Debug)]
pub struct TabletopScore {
    pub score: f64,
    pub verdict: Verdict,
    pub capabilities: Vec<output::CapabilityJson>,
}

/// Scores a decision log: per capability the share of right answers, weighted as runs are.
pub fn score(m: &DrillModel, log: &[Decision]) -> TabletopScore {
    let mut right = [0u64; 6];
    let mut partly = [0u64; 6];
    let mut earned = [0f64; 6];
    let mut total = [0u64; 6];
    for d in log {
        let c = crate::model::vocab::capability(d.capability).unwrap_or(0);
        total[c] += 1;
        right[c] += d.correct as u64;
        partly[c] += (!d.correct && d.credit > 0.0) as u64;
        earned[c] += d.credit;
    }
    let p = &m.params;
    let (mut sum, mut weights) = (0.0, 0.0);
    let mut capabilities = Vec::new();
    for c in Capability::ALL {
        let i = c as usize;
        let score = (total[i] > 0).then(|| round1(100.0 * earned[i] / total[i] as f64));
        if let Some(s) = score {
            sum += p.weights[i] * s;
            weights += p.weights[i];
        }
        capabilities.push(output::CapabilityJson {
            name: c.plan_name(),
            rating: match score {
                None => "N/A",
                Some(s) if s >= p.rating_bands[0] => "P",
                Some(s) if s >= p.rating_bands[1] => "S",
                Some(s) if s > 0.0 => "M",
                Some(_) => "U",
            },
            score,
            counts: output::Counts {
                p: right[i],
                s: partly[i],
                m: 0,
                u: total[i] - right[i] - partly[i],
            },
        });
    }
    let score = if weights > 0.0 {
        round1(sum / weights)
    } else {
        0.0
    };
    let ratings = capabilities.iter().filter_map(|c| match c.rating {
        "P" => Some(Rating::P),
        "S" => Some(Rating::S),
        "M" => Some(Rating::M),
        "U" => Some(Rating::U),
        _ => None,
    });
    let verdict = Verdict::of_ratings(ratings);
    TabletopScore {
        score,
        verdict,
        capabilities,
    }
}

/// The closing line of a tabletop: right answers, score, verdict.
pub fn summary(log: &[Decision], s: &TabletopScore, lang: Lang) -> String {
    let w = Words::of(lang);
    let right = log.iter().filter(|d| d.correct).count().to_string();
    let total = log.len().to_string();
    let score = format!("{:.1}", s.score);
    let verdict = words::verdict(w, s.verdict);
    let pass = words::pass(w, s.verdict.pass());
    let fields = [
        ("right", right.as_str()),
        ("total", &total),
        ("score", &score),
        ("verdict", &verdict),
        ("pass", &pass),
    ];
    w.fill("drill.play.summary", &fields)
}

/// What a facilitated drill shows to improve: each answer that was not what the plan
/// says, with the study that closes the gap, owned by the plan's maintainer and due
/// before the next drill. A run with a wrong answer never reports nothing to improve.
pub fn to_improve(m: &DrillModel, log: &[Decision], lang: Lang) -> Vec<output::FindingRow> {
    let w = Words::of(lang);
    let owner = if m.maintainer.is_empty() {
        w.get("drill.play.improve_owner")
    } else {
        m.maintainer.clone()
    };
    (log.iter().filter(|d| !d.correct))
        .map(|d| {
            let said = [
                ("answer", d.answer.as_str()),
                ("expected", d.expected.as_str()),
            ];
            let unanswered = d.result == w.get("drill.play.unanswered");
            let key = if unanswered {
                "drill.play.gap_unanswered"
            } else {
                "drill.play.gap"
            };
            let text = w.fill(key, &said);
            let action = w.fill("drill.play.improve", &[("expected", d.expected.as_str())]);
            output::FindingRow {
                what: d.question.clone(),
                capability: d.capability.to_string(),
                rating: if d.credit > 0.0 { "S" } else { "U" },
                text: text.clone(),
                // The decision log says when; the plan section is the question's own.
                location: String::new(),
                improvement: output::Improvement {
                    issue: text,
                    action,
                    element: w.get("drill.play.improve_element"),
                    owner: owner.clone(),
                    due: w.get("drill.play.improve_due"),
                },
            }
        })
        .collect()
}

/// What went as the plan says: per capability with right answers, how many of how
/// many, so the report names strengths as well as gaps.
pub fn strengths(log: &[Decision], lang: Lang) -> Vec<String> {
    let w = Words::of(lang);
    let mut out = Vec::new();
    for c in Capability::ALL {
        let name = c.plan_name();
        let all = log.iter().filter(|d| d.capability == name).count();
        let right = (log.iter())
            .filter(|d| d.capability == name && d.correct)
            .count();
        if right > 0 {
            let fields = [
                ("capability", words::capability(w, c)),
                ("right", right.to_string()),
                ("total", all.to_string()),
            ];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            out.push(w.fill("drill.play.strength", &fields));
        }
    }
    out
}

/// The report of a tabletop: the run's report (its timeline is the course the
/// decisions produced) with the tabletop's score, the decisions, strengths and what
/// to improve instead of the simulated findings.
pub fn report(
    r: &Runner,
    log: &[Decision],
    s: &TabletopScore,
    src: &Source,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let mut view = output::run_view(r, src, lang);
    view.json.score = s.score;
    view.json.verdict = s.verdict.json_name();
    view.json.capabilities = s.capabilities.clone();
    view.pass = s.verdict.pass();
    view.findings = to_improve(r.model, log, lang);
    let mut extra = serde_json::Map::new();
    extra.insert(
        "decisions".into(),
        serde_json::to_value(log).unwrap_or_default(),
    );
    extra.insert("strengths".into(), serde_json::json!(strengths(log, lang)));
    report::run_report_with(r.model, &view, src, lang, path, templates, extra)
}
