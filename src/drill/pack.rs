//! The facilitator pack for a drill held in a room: situation manual, MSEL (the timed
//! inject list with expected actions) and evaluation forms, from one seeded run.

use super::model::{Capability, DrillModel, PartyKind};
use super::sim::{MarkKind, Runner, What};
use super::{report, words};
use crate::source::Source;
use crate::wording::{Lang, Words};
use serde_json::{Value, json};
use std::path::Path;

pub fn render(
    m: &DrillModel,
    src: &Source,
    seed: u64,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let fmt = report::format_of(path)?;
    let ctx = context(m, src, seed, lang);
    let org = (!m.org.is_empty()).then(|| m.org.clone());
    let title = report::doc_title(m, src, "pack", lang);
    report::document("pack", fmt, templates, &ctx, title, org, lang)
}

fn party_kind(w: &Words, k: PartyKind) -> String {
    let key = match k {
        PartyKind::Body => "body",
        PartyKind::Role => "role",
        PartyKind::Unit => "unit",
        PartyKind::External => "external",
    };
    w.get(&format!("drill.pack.party_kind.{key}"))
}

/// The context of the pack.
pub fn context(m: &DrillModel, src: &Source, seed: u64, lang: Lang) -> Value {
    let w = Words::of(lang);
    let r = super::run_one(m, seed);
    let sc = &m.scenarios[r.scenario];
    let players: Vec<Value> = m
        .parties
        .iter()
        .map(|p| {
            json!({"name": p.said, "kind": party_kind(w, p.kind),
                   "backup": p.backup.map(|b| m.parties[b as usize].said.clone())})
        })
        .collect();
    // The criteria in words, as the document says them, for the evaluators to compare.
    let k = usize::from(lang == Lang::En);
    let levels: Vec<Value> = m
        .levels
        .iter()
        .rev()
        .map(|l| {
            json!({"name": l.name, "when": l.criteria[k].as_deref().unwrap_or("—"),
                   "declared_by": l.declared_by.map(|p| m.parties[p as usize].said.clone())})
        })
        .collect();
    let channels: Vec<String> = sc
        .channels
        .iter()
        .map(|&c| m.channels[c as usize].said.clone())
        .collect();
    json!({
        "lang": lang.code(),
        "seed": seed,
        "plan": {"title": if m.title.is_empty() { src.name.clone() } else { m.title.clone() }, "file": src.name},
        "scenario": {"name": sc.name, "title": sc.title, "detail": sc.detail,
                     "onset": words::weekday_time(w, r.log.outcome.onset_minute), "channels": channels},
        "players": players,
        "levels": levels,
        "msel": msel(w, &r),
        "forms": forms(w, m),
    })
}

/// Expected actions: what the plan starts within an hour of `t`, and the capability
/// of the first of them.
fn expected(w: &Words, r: &Runner, t: f64) -> (String, String) {
    let m = r.model;
    let mut names: Vec<String> = Vec::new();
    let mut capability = None;
    for e in &r.log.expectations {
        if e.triggered >= t - 0.01 && e.triggered <= t + 60.0 && e.instance == 0 {
            let n = words::what(w, m, e.what);
            if !names.contains(&n) && !matches!(e.what, What::Detect) {
                capability.get_or_insert(e.capability);
                names.push(n);
            }
        }
    }
    if names.is_empty() {
        names.push(w.get("drill.pack.reassess"));
    }
    names.truncate(6);
    (
        names.join(&w.get("drill.pack.expected_sep")),
        words::capability(w, capability.unwrap_or(Capability::Assessment)),
    )
}

/// The master scenario events list: the initial situation, then every inject.
fn msel(w: &Words, r: &Runner) -> Vec<Value> {
    let m = r.model;
    let sc = &m.scenarios[r.scenario];
    let receiver = m
        .assessment
        .and_then(|a| m.actions[a as usize].owner)
        .map_or_else(
            || w.get("drill.pack.exercise_control"),
            |p| m.parties[p as usize].said.clone(),
        );
    let control = w.get("drill.pack.control");
    let mut msel = Vec::new();
    let (exp0, cap0) = expected(w, r, r.log.outcome.detect.min(240.0));
    msel.push(json!({"no": 1, "clock": words::clock(0.0),
        "kind": w.get("drill.pack.initial_situation"),
        "from": control, "to": receiver,
        "description": one_line(if sc.detail.is_empty() { sc.title_or_name() } else { &sc.detail }),
        "expected": exp0, "capability": cap0}));
    for mk in &r.log.marks {
        if let MarkKind::Inject(i) = mk.kind {
            let inj = &sc.injects[i as usize];
            let (exp, cap) = expected(w, r, mk.t);
            let to = if inj.personnel {
                w.get("drill.pack.control_private")
            } else {
                receiver.clone()
            };
            let from = if inj.from.is_empty() {
                control.clone()
            } else {
                inj.from.clone()
            };
            let description = if inj.detail.is_empty() {
                inj.name.clone()
            } else {
                format!("{}：{}", inj.name, inj.detail)
            };
            msel.push(json!({"no": msel.len() + 1, "clock": words::clock(mk.t),
                "kind": words::inject_kind(w, &inj.kind),
                "from": from, "to": to, "description": one_line(&description),
                "expected": exp, "capability": cap}));
        }
    }
    msel
}

/// The evaluation forms: per capability, its actions with owner and time limit.
fn forms(w: &Words, m: &DrillModel) -> Vec<Value> {
    Capability::ALL
        .iter()
        .filter_map(|&c| {
            let items: Vec<Value> = m
                .actions
                .iter()
                .filter(|a| a.capability == c)
                .map(|a| {
                    json!({"name": a.said,
                           "owner": a.owner.map_or("—".to_string(), |p| m.parties[p as usize].said.clone()),
                           "within": words::minutes(w, a.within)})
                })
                .collect();
            (!items.is_empty())
                .then(|| json!({"capability": words::capability(w, c), "items": items}))
        })
        .collect()
}

/// A text on one line (table cells cannot hold line breaks).
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).collect::<Vec<_>>().join("")
}
