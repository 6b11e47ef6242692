//! The facilitator pack for a drill held in a room: situation manual, MSEL (the timed
//! inject list with expected actions) and evaluation forms, from one seeded run.

use super::model::{DrillModel, PartyKind};
use super::sim::{MarkKind, What};
use super::{report, words};
use crate::diagnostic::Lang;
use crate::source::Source;
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

/// The context of the pack (also used by the interactive tabletop).
pub fn context(m: &DrillModel, src: &Source, seed: u64, lang: Lang) -> Value {
    let zh = lang == Lang::Zh;
    let r = super::run_one(m, seed);
    let sc = &m.scenarios[r.scenario];
    let kind_word = |k: PartyKind| match (k, zh) {
        (PartyKind::Body, true) => "指挥机构",
        (PartyKind::Role, true) => "角色",
        (PartyKind::Unit, true) => "部门",
        (PartyKind::External, true) => "外部单位",
        (PartyKind::Body, false) => "command body",
        (PartyKind::Role, false) => "role",
        (PartyKind::Unit, false) => "unit",
        (PartyKind::External, false) => "external",
    };
    let players: Vec<Value> = m
        .parties
        .iter()
        .map(|p| {
            json!({"name": p.name, "kind": kind_word(p.kind),
                   "backup": p.backup.map(|b| m.parties[b as usize].name.clone())})
        })
        .collect();
    let plan = crate::compile(src.clone());
    let levels: Vec<Value> = m
        .levels
        .iter()
        .rev()
        .map(|l| {
            let when = plan
                .plan
                .as_ref()
                .and_then(|p| p.levels.get(l.plan_index))
                .and_then(|x| x.when.as_ref())
                .map_or(String::from("—"), |w| w.value.to_string());
            json!({"name": l.name, "when": when,
                   "declared_by": l.declared_by.map(|p| m.parties[p as usize].name.clone())})
        })
        .collect();
    let receiver = m
        .assessment
        .and_then(|a| m.actions[a as usize].owner)
        .map_or_else(
            || {
                if zh {
                    "演练指挥部"
                } else {
                    "exercise control"
                }
                .to_string()
            },
            |p| m.parties[p as usize].name.clone(),
        );
    // Expected actions: what the plan starts within an hour of each inject.
    let expected = |t: f64| -> (String, String) {
        let mut names: Vec<String> = Vec::new();
        let mut cap = None;
        for e in &r.exps {
            if e.trig >= t - 0.01 && e.trig <= t + 60.0 && e.instance == 0 {
                let n = words::what(m, e.what, lang);
                if !names.contains(&n) && !matches!(e.what, What::Detect) {
                    cap.get_or_insert(e.cap);
                    names.push(n);
                }
            }
        }
        if names.is_empty() {
            names.push(if zh {
                "重新研判，确认是否调整级别".into()
            } else {
                "re-assess; decide whether the level changes".into()
            });
        }
        names.truncate(6);
        (
            names.join(if zh { "；" } else { "; " }),
            words::capability(cap.unwrap_or(1) as usize, lang).to_string(),
        )
    };
    let mut msel = Vec::new();
    let (exp0, cap0) = expected(r.outcome.detect.min(240.0));
    msel.push(json!({"no": 1, "clock": words::clock(0.0),
        "kind": if zh { "初始情况" } else { "initial situation" },
        "from": if zh { "导调组" } else { "control" }, "to": receiver,
        "description": one_line(if sc.detail.is_empty() { sc.title_or_name() } else { &sc.detail }),
        "expected": exp0, "capability": cap0}));
    for mk in &r.marks {
        if let MarkKind::Inject(i) = mk.kind {
            let inj = &sc.injects[i as usize];
            let (exp, cap) = expected(mk.t);
            let to = if inj.personnel {
                if zh {
                    "导调组（私下告知当事人）"
                } else {
                    "control (told privately)"
                }
                .to_string()
            } else {
                receiver.clone()
            };
            msel.push(json!({"no": msel.len() + 1, "clock": words::clock(mk.t),
                "kind": words::inject_kind(&inj.kind, lang),
                "from": if inj.from.is_empty() { if zh { "导调组" } else { "control" }.to_string() } else { inj.from.clone() },
                "to": to,
                "description": one_line(&if inj.detail.is_empty() { inj.name.clone() } else { format!("{}：{}", inj.name, inj.detail) }),
                "expected": exp, "capability": cap}));
        }
    }
    let forms: Vec<Value> = (0..6)
        .filter_map(|c| {
            let items: Vec<Value> = m
                .actions
                .iter()
                .filter(|a| a.capability == c as u8)
                .map(|a| {
                    json!({"name": a.name,
                           "owner": a.owner.map_or("—".to_string(), |p| m.parties[p as usize].name.clone()),
                           "within": words::minutes(a.within, lang)})
                })
                .collect();
            (!items.is_empty())
                .then(|| json!({"capability": words::capability(c, lang), "items": items}))
        })
        .collect();
    let channels: Vec<String> = sc
        .channels
        .iter()
        .map(|&c| m.channels[c as usize].name.clone())
        .collect();
    json!({
        "lang": if zh { "zh" } else { "en" },
        "seed": seed,
        "plan": {"title": if m.title.is_empty() { src.name.clone() } else { m.title.clone() }, "file": src.name},
        "scenario": {"name": sc.name, "title": sc.title, "detail": sc.detail,
                     "onset": words::weekday_time(r.outcome.onset_minute, lang), "channels": channels},
        "players": players,
        "levels": levels,
        "msel": msel,
        "forms": forms,
    })
}

/// A text on one line (table cells cannot hold line breaks).
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).collect::<Vec<_>>().join("")
}
