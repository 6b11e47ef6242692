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

/// The master scenario events list: the initial situation, then every inject and each
/// change of the situation the simulation cell plays, in time order.
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
            msel.push(json!({"no": 0, "t": mk.t, "clock": words::clock(mk.t),
                "kind": words::inject_kind(w, &inj.kind),
                "from": from, "to": to, "description": one_line(&description),
                "expected": exp, "capability": cap}));
        } else if is_world_change(mk.kind) && msel.len() < MSEL_MOST {
            // What the simulation cell plays between the scripted injects: media that
            // take the story up, a hot-search listing, official attention, a person or
            // a channel lost — each a cue the players must notice and answer.
            let (exp, cap) = expected(w, r, mk.t);
            let (text, _) = words::mark(w, m, r.scenario, mk.kind);
            // Who is away is told to that person alone.
            let to = if matches!(mk.kind, MarkKind::Unavailable(..)) {
                w.get("drill.pack.control_private")
            } else {
                receiver.clone()
            };
            msel.push(json!({"no": 0, "t": mk.t, "clock": words::clock(mk.t),
                "kind": w.get("drill.pack.world_change"),
                "from": w.get("drill.pack.simulation_cell"), "to": to,
                "description": one_line(&text),
                "expected": exp, "capability": cap}));
        }
    }
    contingencies(w, r, &receiver, &control, &mut msel);
    in_time_order(&mut msel);
    msel
}

/// The scenario's injects that did not come in this run, kept ready as contingency
/// injects for the controller to release if play needs them.
fn contingencies(w: &Words, r: &Runner, receiver: &str, control: &str, msel: &mut Vec<Value>) {
    let sc = &r.model.scenarios[r.scenario];
    let fired: Vec<u16> = (r.log.marks.iter())
        .filter_map(|mk| match mk.kind {
            MarkKind::Inject(i) => Some(i),
            _ => None,
        })
        .collect();
    for (i, inj) in sc.injects.iter().enumerate() {
        if fired.contains(&(i as u16)) || msel.len() >= MSEL_MOST {
            continue;
        }
        let t = inj.at.or(inj.after_statement).map_or(0.0, |(a, _)| a);
        let description = if inj.detail.is_empty() {
            inj.name.clone()
        } else {
            format!("{}：{}", inj.name, inj.detail)
        };
        let (exp, cap) = expected(w, r, t);
        let kind = w.fill(
            "drill.pack.contingency",
            &[("kind", &words::inject_kind(w, &inj.kind))],
        );
        msel.push(
            json!({"no": 0, "t": t, "clock": words::clock(t), "kind": kind,
            "from": if inj.from.is_empty() { control.to_string() } else { inj.from.clone() },
            "to": receiver.to_string(), "description": one_line(&description),
            "expected": exp, "capability": cap}),
        );
    }
}

/// The rows in time order, numbered in that order (the initial situation stays first).
fn in_time_order(msel: &mut [Value]) {
    let clock_of = |v: &Value| v["t"].as_f64().unwrap_or(0.0);
    msel[1..].sort_by(|a, b| clock_of(a).total_cmp(&clock_of(b)));
    for (i, row) in msel.iter_mut().enumerate() {
        row["no"] = json!(i + 1);
        if let Some(o) = row.as_object_mut() {
            o.remove("t");
        }
    }
}

/// At most this many MSEL rows: a two-hour room drill takes 8–15 injects.
const MSEL_MOST: usize = 15;

/// A change of the situation the simulation cell delivers as an inject.
fn is_world_change(k: MarkKind) -> bool {
    matches!(
        k,
        MarkKind::MediaUp(_)
            | MarkKind::HotSearch
            | MarkKind::Official
            | MarkKind::LocalOfficial
            | MarkKind::Unavailable(..)
            | MarkKind::Outage(_)
            | MarkKind::Correction(_)
            | MarkKind::Backlash(_)
    )
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
