//! The facilitator pack for a drill held in a room, from one seeded run: objectives tied
//! to the capabilities the run exercises, a two-hour agenda, the players and the
//! simulation cell, a situation manual per module with the facilitator's discussion
//! questions (the tabletop engine's), the MSEL with scenario and room times, delivery,
//! controller and status, an evaluation guide per capability (critical tasks rated
//! P/S/M/U, observations, sign-off), and the AQ/T 9009 annex forms: sign-in, the
//! evaluators, the hot wash and the participants' feedback.

use super::model::{Capability, DrillModel, PartyKind};
use super::modules::{self, ModuleKind};
use super::sim::{MarkKind, NEVER, Runner, What};
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
                   "criteria": l.prose.as_deref().unwrap_or("—"),
                   "declared_by": l.declared_by.map(|p| m.parties[p as usize].said.clone())})
        })
        .collect();
    let channels: Vec<String> = sc
        .channels
        .iter()
        .map(|&c| m.channels[c as usize].said.clone())
        .collect();
    let points = super::tabletop::questions::points(&r, lang);
    let slots = slots(&r, &points);
    let mut msel = msel(w, &r);
    room_times(&r, &slots, &mut msel);
    json!({
        "lang": lang.code(),
        "seed": seed,
        "objectives": objectives(w, &r),
        "agenda": agenda(w, &slots),
        "cell": cell(w, &r),
        "modules": manual(w, &slots, &points),
        "guides": guides(w, &r),
        "plan": {"title": if m.title.is_empty() { src.name.clone() } else { m.title.clone() }, "file": src.name},
        "scenario": {"name": sc.name, "title": sc.title, "detail": sc.detail,
                     "onset": words::weekday_time(w, r.log.outcome.onset_minute), "channels": channels},
        "players": players,
        "levels": levels,
        "msel": msel,
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
            let n = if e.deadline < NEVER {
                let within = words::minutes(w, e.deadline - e.due_from);
                w.fill(
                    "drill.pack.expected_within",
                    &[("what", &n), ("within", &within)],
                )
            } else {
                n
            };
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
        "delivery": w.get("drill.pack.delivery.briefing"),
        "controller": control.clone(),
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
                "delivery": delivery(w, &inj.kind),
                "controller": controller(w, &inj.from),
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
                "delivery": w.get("drill.pack.delivery.screen"),
                "controller": w.get("drill.pack.simulation_cell"),
                "from": w.get("drill.pack.simulation_cell"), "to": to,
                "description": one_line(&text),
                "expected": exp, "capability": cap}));
        }
    }
    contingencies(w, r, &receiver, &control, &mut msel);
    updates(w, r, &receiver, &control, &mut msel);
    in_time_order(&mut msel);
    msel
}

/// The situation update the control reads out as each module after the first opens:
/// the figures the levels are graded by, so that the room decides on what it is told.
fn updates(w: &Words, r: &Runner, receiver: &str, control: &str, msel: &mut Vec<Value>) {
    let mods = modules::modules(r);
    for md in mods.iter().skip(1) {
        if msel.len() >= MSEL_MOST || md.start >= NEVER {
            break;
        }
        let t = super::tabletop::questions::presented_at(r, md);
        if !t.is_finite() || t >= NEVER {
            continue;
        }
        let (exp, cap) = expected(w, r, t);
        let figures = super::tabletop::questions::figures(r, w, t);
        msel.push(json!({"no": 0, "t": t, "clock": words::clock(t),
            "kind": w.get("drill.pack.update"),
            "delivery": w.get("drill.pack.delivery.screen_figures"),
            "controller": control, "from": control, "to": receiver,
            "description": one_line(&figures), "expected": exp, "capability": cap}));
    }
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
            "delivery": delivery(w, &inj.kind), "controller": controller(w, &inj.from),
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
        if let Some(o) = row.as_object_mut()
            && let Some(t) = o.remove("t")
        {
            o.insert("t_scenario".into(), t);
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

/// A text on one line (table cells cannot hold line breaks).
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).collect::<Vec<_>>().join("")
}

/// When the room drill starts, in minutes after midnight (09:00), and how long its
/// parts take: the opening, the modules between them, the hot wash and the feedback —
/// two hours in all.
const ROOM_START: u32 = 9 * 60;
const OPENING: u32 = 15;
const MODULES: u32 = 80;
const HOT_WASH: u32 = 20;
const FEEDBACK: u32 = 5;

/// A module's place in the room: its scenario span and its room time.
struct Slot {
    kind: ModuleKind,
    from: f64,
    to: f64,
    start: u32,
    len: u32,
}

/// The modules the run goes through, each given an equal share of the modules' time;
/// a module the run never reaches (no detection, no escalation) is left out.
fn slots(r: &Runner, points: &[super::tabletop::questions::Point]) -> Vec<Slot> {
    let mods: Vec<_> = modules::modules(r)
        .into_iter()
        .filter(|md| md.start < NEVER && points.iter().any(|p| p.module == md.kind))
        .collect();
    let n = mods.len().max(1) as u32;
    let len = MODULES / n;
    let last = (r.log.marks.iter().map(|mk| mk.t)).fold(0.0_f64, f64::max);
    (mods.iter().enumerate())
        .map(|(i, md)| Slot {
            kind: md.kind,
            from: md.start,
            to: if md.end < NEVER {
                md.end
            } else {
                last.max(md.start + 60.0)
            },
            start: ROOM_START + OPENING + i as u32 * len,
            len,
        })
        .collect()
}

fn hhmm(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn agenda(w: &Words, slots: &[Slot]) -> Vec<Value> {
    let row = |start: u32, len: u32, item: String| json!({"time": format!("{}–{}", hhmm(start), hhmm(start + len)), "item": item});
    let mut rows = vec![row(ROOM_START, OPENING, w.get("drill.pack.agenda.opening"))];
    for (i, sl) in slots.iter().enumerate() {
        let name = w.get(&format!("drill.module.{}", sl.kind.key()));
        let item = w.fill(
            "drill.pack.agenda.module",
            &[("n", &(i + 1).to_string()), ("name", &name)],
        );
        rows.push(row(sl.start, sl.len, item));
    }
    let after = ROOM_START + OPENING + MODULES;
    rows.push(row(after, HOT_WASH, w.get("drill.pack.agenda.hot_wash")));
    rows.push(row(
        after + HOT_WASH,
        FEEDBACK,
        w.get("drill.pack.agenda.feedback"),
    ));
    rows
}

/// Each MSEL row's room time: where its scenario time falls in its module's span,
/// mapped onto the module's room time (a row before the first module opens it).
fn room_times(r: &Runner, slots: &[Slot], msel: &mut [Value]) {
    let _ = r;
    for row in msel.iter_mut() {
        let t = row["t_scenario"].as_f64().unwrap_or(0.0);
        let at = match slots.iter().rev().find(|s| t >= s.from) {
            Some(s) => {
                let span = (s.to - s.from).max(1.0);
                let share = ((t - s.from) / span).clamp(0.0, 0.95);
                s.start + (share * f64::from(s.len)).floor() as u32
            }
            None => slots.first().map_or(ROOM_START + OPENING, |s| s.start),
        };
        row["room"] = json!(hhmm(at));
        if let Some(o) = row.as_object_mut() {
            o.remove("t_scenario");
        }
    }
}

/// An objective per capability the run exercises: what it tests, and its critical
/// tasks.
fn objectives(w: &Words, r: &Runner) -> Vec<Value> {
    (Capability::ALL.iter())
        .filter_map(|&c| {
            let tasks = tasks_of(w, r, c);
            (!tasks.is_empty()).then(|| {
                let names: Vec<String> = tasks.iter().map(|t| t.0.clone()).collect();
                json!({"capability": words::capability(w, c),
                       "objective": w.fill("drill.pack.objective",
                           &[("tasks", &w.list("cards.list", &names, 4))]),
                       "tasks": tasks.len()})
            })
        })
        .collect()
}

/// The critical tasks of a capability in this run: what is expected (first instance),
/// who does it and within what time, critical ones first, at most eight.
fn tasks_of(w: &Words, r: &Runner, c: Capability) -> Vec<(String, String, String)> {
    let m = r.model;
    let mut out: Vec<(bool, String, String, String)> = Vec::new();
    for e in &r.log.expectations {
        if e.capability != c || e.instance != 0 || e.triggered >= NEVER {
            continue;
        }
        let name = words::what(w, m, e.what);
        if out.iter().any(|x| x.1 == name) {
            continue;
        }
        let owner = match e.what {
            What::Action(a) => m.actions[a as usize].owner,
            What::Report(l) => Some(m.lines[l as usize].from),
            _ => None,
        };
        let owner = owner.map_or_else(|| "—".to_string(), |p| m.parties[p as usize].said.clone());
        let within = if e.deadline < NEVER {
            words::minutes(w, e.deadline - e.due_from)
        } else {
            "—".to_string()
        };
        out.push((e.critical, name, owner, within));
    }
    out.sort_by_key(|x| !x.0);
    out.truncate(8);
    out.into_iter().map(|(_, n, o, t)| (n, o, t)).collect()
}

/// The evaluation guide: per capability the run exercises, its critical tasks.
fn guides(w: &Words, r: &Runner) -> Vec<Value> {
    (Capability::ALL.iter())
        .filter_map(|&c| {
            let tasks: Vec<Value> = (tasks_of(w, r, c).into_iter())
                .map(
                    |(name, owner, within)| json!({"name": name, "owner": owner, "within": within}),
                )
                .collect();
            (!tasks.is_empty())
                .then(|| json!({"capability": words::capability(w, c), "tasks": tasks}))
        })
        .collect()
}

/// The simulation cell: who plays each party outside the organization that the drill
/// brings in (the scenario's senders and the plan's externals).
fn cell(w: &Words, r: &Runner) -> Vec<Value> {
    let m = r.model;
    let sc = &m.scenarios[r.scenario];
    let mut names: Vec<String> = Vec::new();
    let control = w.get("drill.pack.control");
    let inside = |n: &str| (m.parties.iter()).any(|p| p.said == n && p.kind != PartyKind::External);
    for inj in &sc.injects {
        let n = &inj.from;
        if !n.is_empty() && *n != control && !inside(n) && !names.contains(n) {
            names.push(n.clone());
        }
    }
    for p in m.parties.iter().filter(|p| p.kind == PartyKind::External) {
        if !names.contains(&p.said) {
            names.push(p.said.clone());
        }
    }
    names.push(w.get("drill.pack.netizens"));
    (names.into_iter())
        .map(|n| json!({"part": n, "played_by": w.get("drill.pack.simulation_cell")}))
        .collect()
}

/// The situation manual: per module, its room time, the situation told and the
/// facilitator's questions with what the plan says.
fn manual(w: &Words, slots: &[Slot], points: &[super::tabletop::questions::Point]) -> Vec<Value> {
    (slots.iter().enumerate())
        .filter_map(|(i, sl)| {
            let p = points.iter().find(|p| p.module == sl.kind)?;
            let questions: Vec<Value> = (p.questions.iter())
                .map(|q| {
                    json!({"text": one_line(&q.text), "expected": one_line(&q.expected),
                                "capability": words::capability(w, q.capability)})
                })
                .collect();
            let brief: Vec<String> = (p.brief.lines().map(str::trim))
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            Some(json!({
                "heading": w.fill("drill.pack.agenda.module", &[("n", &(i + 1).to_string()),
                    ("name", &w.get(&format!("drill.module.{}", sl.kind.key())))]),
                "room": format!("{}–{}", hhmm(sl.start), hhmm(sl.start + sl.len)),
                "scenario": format!("{} – {}", words::clock(sl.from), words::clock(sl.to)),
                "brief": brief,
                "questions": questions,
            }))
        })
        .collect()
}

/// How the simulation cell delivers an inject of a kind: a reporter calls, a post or a
/// trending list goes up on the screen, a regulator's notice comes on paper, a person's
/// absence is told to that person alone.
fn delivery(w: &Words, kind: &str) -> String {
    let key = match kind {
        "media" => "phone",
        "regulator" | "info" => "paper",
        "personnel" => "private",
        "outage" => "spoken",
        _ => "screen",
    };
    w.get(&format!("drill.pack.delivery.{key}"))
}

/// Who releases an inject: the simulation cell plays a sender outside the room, the
/// exercise control everything else.
fn controller(w: &Words, from: &str) -> String {
    w.get(if from.is_empty() {
        "drill.pack.control"
    } else {
        "drill.pack.simulation_cell"
    })
}
