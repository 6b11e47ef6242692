//! Response cards (应急处置卡): one card per post — a role or a unit that owns, joins,
//! approves, is consulted on or is told of an action, or receives a report — saying
//! what it does in each situation the plan foresees, in the order the plan's `after`
//! chains allow and its time limits urge (the first hour first), whom it reports to,
//! who stands in for it, whom it calls, and which section of the plan each line
//! comes from.
//!
//! A card is compiled from the plan, never written: when the plan changes, the cards
//! change with it ([`changed`] says which, for `planc diff`). The words are the
//! document's (`render::view`), so a card and the document never say a thing two ways.

pub mod forms;
pub mod order;
pub mod render;
pub mod sheet;

use crate::model::display::Titles;
use crate::model::{Plan, Trigger};
use crate::render::view::{self, LevelView, ReportView, View};
use crate::wording::{Lang, Words};
use serde::Serialize;

/// The time within which a step counts as first-hour work.
pub const FIRST_HOUR_MINUTES: u64 = 60;

/// Every card of a plan, with what each cites.
#[derive(Clone, Debug, Serialize)]
pub struct Deck {
    pub lang: &'static str,
    /// The plan's title, number and version as the cards cite them.
    pub plan: String,
    pub number: Option<String>,
    pub version: Option<String>,
    pub org: Option<String>,
    /// The line every card opens with: the plan, its number and version.
    pub source: String,
    /// The paper the cards are made for.
    pub size: sheet::Size,
    pub cards: Vec<Card>,
}

/// The 应急工作手册: every card with what a responder looks up beside it — the level
/// table, the reporting lines and the contact list (国办发〔2024〕5号 Art 17).
#[derive(Clone, Debug, Serialize)]
pub struct Handbook {
    pub levels: Vec<LevelRow>,
    /// Every standing reporting line, in words, by who reports.
    pub reporting: Vec<ReportRow>,
    pub contacts: Vec<view::ContactRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelRow {
    pub heading: String,
    pub when: Option<String>,
    pub criteria: Option<String>,
    pub declared_by: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportRow {
    pub from: String,
    pub line: String,
}

/// The handbook's parts besides the cards.
pub fn handbook(plan: &Plan, lang: Lang) -> Handbook {
    let t = words(plan, lang);
    let v = view::build(plan, lang, &t);
    Handbook {
        levels: (v.levels.iter())
            .map(|l| LevelRow {
                heading: l.heading.clone(),
                when: l.when.as_ref().map(|w| one_line(w, lang)),
                criteria: l.criteria.as_ref().map(|c| one_line(c, lang)),
                declared_by: l.declared_by.clone(),
            })
            .collect(),
        reporting: (v.reporting.iter())
            .map(|r| ReportRow {
                from: r.from.clone(),
                line: line(r, &t),
            })
            .collect(),
        contacts: v.contacts.clone(),
    }
}

/// One post's card.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    /// The identifier (`--post`, the diff).
    pub name: String,
    pub title: String,
    /// `role` or `unit`.
    pub kind: &'static str,
    pub holder: Option<String>,
    /// Who stands in for this post (B角).
    pub backup: Option<String>,
    /// The posts this one stands in for.
    pub stands_in_for: Vec<String>,
    pub duties: Vec<String>,
    /// The post's standing reporting lines, in words.
    pub reports: Vec<String>,
    pub situations: Vec<Situation>,
    /// Whom the post deals with: each with its contact as the plan gives it.
    pub contacts: Vec<Contact>,
    /// Steps of the post due within the first hour of their trigger.
    pub first_hour: usize,
    /// What the post does at each level, as one table with a time-limit column per
    /// level (the card's levels in `situations` too, for tools).
    pub levels: Option<Matrix>,
    /// The card as printed on the deck's paper.
    pub sheet: Option<sheet::Sheet>,
}

/// The levels of a card side by side: a row per task, a column per level.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    /// The levels' short names, highest first.
    pub columns: Vec<String>,
    /// Each level's trigger, with its level.
    pub triggers: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// The levels' own reporting lines from this post, each with its level.
    pub reports: Vec<String>,
    pub section: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixRow {
    /// Its number on the card (the notes under the table cite it).
    pub n: usize,
    pub action: String,
    /// `lead`, `joint`, `approve`, `consult` or `inform`.
    pub part: &'static str,
    pub part_words: String,
    /// The time limit at each level (empty where the task is not done at it), a star
    /// where it is first-hour work.
    pub times: Vec<String>,
    /// How often it is done at each level (`每小时一次`; empty where once).
    pub every: Vec<String>,
    pub first_hour: bool,
    pub notes: String,
    /// The notes as the printed card says them, in a row and as later work.
    pub brief: String,
    pub later: String,
}

/// A situation of the plan and what the post does in it.
#[derive(Clone, Debug, Serialize)]
pub struct Situation {
    /// `detect`, `level`, `upgrade`, `downgrade`, `stand_down` or `event`.
    pub key: &'static str,
    /// The level or event's own name (the identifier; `--level`).
    pub name: Option<String>,
    pub heading: String,
    /// What starts it, in words: the level's criteria, its measurable rule.
    pub trigger: Option<String>,
    /// The section of the plan document it comes from (`四、应急响应（二）Ⅰ级响应`).
    pub section: String,
    pub steps: Vec<Step>,
    /// The level's own reporting lines from this post, in words.
    pub reports: Vec<String>,
}

/// One thing the post does, or takes part in.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub action: String,
    /// `lead`, `joint`, `approve`, `consult` or `inform`.
    pub part: &'static str,
    /// The lead, for a post that joins, approves, is consulted or is told.
    pub lead: Option<String>,
    /// The others who join the lead.
    pub with: Option<String>,
    pub within: Option<String>,
    /// `fixed`, `immediately` or `as_needed`.
    pub deadline: &'static str,
    pub every: Option<String>,
    pub after: Option<String>,
    pub approve: Option<String>,
    pub deliver: Option<String>,
    pub condition: Option<String>,
    /// Due within [`FIRST_HOUR_MINUTES`] of the trigger.
    pub first_hour: bool,
    /// The part in words (牵头, 配合 …).
    pub part_words: String,
    /// The time limit as printed.
    pub time: String,
    /// Everything else of the step in one line.
    pub notes: String,
    /// The same, short, as the printed card says it.
    pub brief: String,
    /// Shorter still, as the printed card reminds of later work.
    pub later: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Contact {
    pub name: String,
    pub contact: Option<String>,
}

/// Which cards to make.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this post (identifier or title).
    pub post: Option<String>,
    /// Only this level's situation (identifier or name as written), with the
    /// situations that are not levels left out too.
    pub level: Option<String>,
    /// The paper the cards are printed on.
    pub size: sheet::Size,
}

/// Why no card can be made as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardsError {
    UnknownPost { name: String, posts: Vec<String> },
    UnknownLevel { name: String, levels: Vec<String> },
}

/// The labels of a plan's language with its domain's words over them, as the
/// document reads them.
pub fn words(plan: &Plan, lang: Lang) -> Words {
    let mut value = Words::of(lang).value().clone();
    if let Some(w) = crate::model::domain::of(plan).labels.get(lang.code()) {
        crate::wording::merge(&mut value, w.clone());
    }
    Words::new(value)
}

/// The cards of a plan.
pub fn deck(plan: &Plan, lang: Lang, filter: &Filter) -> Result<Deck, CardsError> {
    let t = words(plan, lang);
    let v = view::build(plan, lang, &t);
    let titles = Titles::of(plan);
    check_filter(plan, &titles, filter)?;
    let situations = situations(plan, &v, &t);
    let views = view::actions(plan, lang, &t);
    let mut cards = Vec::new();
    for post in posts(plan) {
        if let Some(p) = &filter.post
            && *p != post.name
            && *p != titles.said(&post.name)
        {
            continue;
        }
        let mut card = card(
            &Sources {
                plan,
                v: &v,
                t: &t,
                titles: &titles,
                views: &views,
            },
            &situations,
            &post,
            filter,
        );
        if !card.situations.is_empty() || filter.post.is_some() {
            card.sheet = Some(sheet::sheet(&card, filter.size, &t));
            cards.push(card);
        }
    }
    Ok(Deck {
        lang: lang.code(),
        plan: v.header.title.clone(),
        number: v.header.number.clone(),
        version: v.header.version.clone(),
        org: v.header.org.clone(),
        source: source(&v.header, &t),
        size: filter.size,
        cards,
    })
}

/// `依据《…》示例集团发〔2026〕12号（2026.1版）`.
fn source(h: &view::HeaderView, t: &Words) -> String {
    let number = (h.number.as_ref())
        .map(|n| t.fill("cards.number", &[("number", n)]))
        .unwrap_or_default();
    let version = (h.version.as_ref())
        .map(|v| t.fill("cards.version", &[("version", v)]))
        .unwrap_or_default();
    t.fill(
        "cards.source",
        &[
            ("plan", &h.title),
            ("number", &number),
            ("version", &version),
        ],
    )
}

fn check_filter(plan: &Plan, titles: &Titles, f: &Filter) -> Result<(), CardsError> {
    if let Some(p) = &f.post
        && !posts(plan)
            .iter()
            .any(|x| x.name == *p || titles.said(&x.name) == *p)
    {
        return Err(CardsError::UnknownPost {
            name: p.clone(),
            posts: posts(plan).into_iter().map(|x| x.name).collect(),
        });
    }
    if let Some(l) = &f.level
        && !plan.levels.iter().any(|x| x.name.value == l.as_str())
    {
        return Err(CardsError::UnknownLevel {
            name: l.clone(),
            levels: plan
                .levels
                .iter()
                .map(|x| x.name.value.to_string())
                .collect(),
        });
    }
    Ok(())
}

/// A post: a role or a unit.
#[derive(Clone, Debug)]
pub struct Post {
    pub name: String,
    pub kind: &'static str,
}

/// The posts of a plan, roles first, in the plan's order.
pub fn posts(plan: &Plan) -> Vec<Post> {
    let roles = plan.roles.iter().map(|r| Post {
        name: r.name.value.to_string(),
        kind: "role",
    });
    let units = plan.units.iter().map(|u| Post {
        name: u.name.value.to_string(),
        kind: "unit",
    });
    roles.chain(units).collect()
}

/// A situation of the plan before any post is in it: its heading, trigger, section,
/// and the actions it starts.
struct Frame<'p> {
    key: &'static str,
    name: Option<String>,
    heading: String,
    trigger: Option<String>,
    section: String,
    /// Indices into the plan's actions.
    actions: Vec<usize>,
    level: Option<&'p LevelView>,
    /// The section a level's part belongs to, before the part is named.
    base: Option<String>,
}

fn situations<'p>(plan: &'p Plan, v: &'p View, t: &Words) -> Vec<Frame<'p>> {
    let section = |key: &str| section_of(v, t, key);
    let of = |f: &dyn Fn(&Trigger) -> bool| -> Vec<usize> {
        (plan.actions.iter().enumerate())
            .filter(|(_, a)| f(&a.trigger.value))
            .map(|(i, _)| i)
            .collect()
    };
    let mut out = vec![Frame {
        key: "detect",
        name: None,
        heading: t.get("cards.situation.detect"),
        trigger: None,
        section: section("detect"),
        actions: of(&|x| matches!(x, Trigger::Detect)),
        level: None,
        base: None,
    }];
    for (i, l) in plan.levels.iter().enumerate() {
        let Some(lv) =
            (v.levels.iter().find(|x| x.name == l.name.value.as_str())).or(v.levels.get(i))
        else {
            continue;
        };
        out.push(Frame {
            key: "level",
            name: Some(l.name.value.to_string()),
            heading: lv.heading.clone(),
            // The measurable rule is what the duty officer compares with; the words
            // where the plan gives no rule.
            trigger: (lv.when.as_ref().or(lv.criteria.as_ref())).map(|c| one_line(c, v.lang)),
            section: t.fill(
                "cards.section_part",
                &[
                    ("section", &section("levels_response")),
                    ("part", &lv.heading),
                ],
            ),
            actions: of(
                &|x| matches!(x, Trigger::Level(ls) if ls.iter().any(|n| n.value == l.name.value)),
            ),
            level: Some(lv),
            base: Some(section("levels_response")),
        });
    }
    let others = [
        ("upgrade", Trigger::Upgrade),
        ("downgrade", Trigger::Downgrade),
        ("stand_down", Trigger::StandDown),
    ];
    for (key, trig) in others {
        out.push(Frame {
            key,
            name: None,
            heading: t.get(&format!("cards.situation.{key}")),
            trigger: None,
            section: section(key),
            actions: of(&|x| *x == trig),
            level: None,
            base: None,
        });
    }
    out.extend(event_frames(plan, &of, &section, t));
    out
}

/// The indices of the plan's actions whose trigger passes a test.
type Select<'a> = dyn Fn(&dyn Fn(&Trigger) -> bool) -> Vec<usize> + 'a;

/// A situation for each event the plan's actions answer, in the order they appear.
fn event_frames<'p>(
    plan: &'p Plan,
    of: &Select,
    section: &dyn Fn(&str) -> String,
    t: &Words,
) -> Vec<Frame<'p>> {
    let mut out = Vec::new();
    let mut events: Vec<String> = Vec::new();
    for a in &plan.actions {
        if let Trigger::Event(n) = &a.trigger.value
            && !events.iter().any(|e| e == n.value.as_str())
        {
            events.push(n.value.to_string());
        }
    }
    for name in events {
        out.push(Frame {
            key: "event",
            heading: t.fill(
                "cards.situation.event",
                &[("event", &Titles::of(plan).said(&name))],
            ),
            name: Some(name.clone()),
            trigger: None,
            section: section("events"),
            actions: of(&|x| matches!(x, Trigger::Event(n) if n.value == name.as_str())),
            level: None,
            base: None,
        });
    }
    out
}

/// A text written over lines as one line: Chinese lines run on, others take a space.
fn one_line(text: &str, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(sep)
}

/// The chapter and section of the document that holds a part (`四、应急响应（二）`),
/// found in the document's own outline.
fn section_of(v: &View, t: &Words, key: &str) -> String {
    let heading =
        |num: &str, title: &str| t.fill("cards.heading", &[("num", num), ("title", title)]);
    let keys: &[&str] = match key {
        "levels_response" => &["level_response"],
        "detect" => &["detect", "reporting"],
        "upgrade" | "downgrade" => &["change_actions", "level_response"],
        "stand_down" => &["stand_down", "aftermath"],
        "events" => &["events", "level_response"],
        _ => &[],
    };
    for k in keys {
        for c in &v.outline {
            if let Some(s) = c.sections.iter().find(|s| s.key == *k) {
                return t.fill(
                    "cards.section_of",
                    &[
                        ("chapter", &heading(&c.num, &c.title)),
                        ("section", &heading(&s.num, &s.title)),
                    ],
                );
            }
        }
    }
    v.outline
        .iter()
        .find(|c| c.key == "response")
        .map(|c| heading(&c.num, &c.title))
        .unwrap_or_default()
}

/// What every card is made from.
struct Sources<'a> {
    plan: &'a Plan,
    v: &'a View,
    t: &'a Words,
    titles: &'a Titles,
    views: &'a [view::ActionView],
}

fn card(src: &Sources, frames: &[Frame], post: &Post, filter: &Filter) -> Card {
    let (plan, v, t, titles) = (src.plan, src.v, src.t, src.titles);
    let party = (v.roles.iter().chain(&v.units)).find(|p| p.name == post.name);
    let mut situations = Vec::new();
    let mut parts: Vec<LevelPart> = Vec::new();
    for f in frames {
        if let Some(l) = &filter.level
            && f.name.as_deref() != Some(l.as_str())
        {
            continue;
        }
        let steps = order::steps(&plan.actions, src.views, &f.actions, &post.name, titles, t);
        let said = titles.said(&post.name);
        let reports: Vec<String> = f
            .level
            .map(|l| {
                (l.reports.iter().filter(|r| r.from == said))
                    .map(|r| line(r, t))
                    .collect()
            })
            .unwrap_or_default();
        if steps.is_empty() && reports.is_empty() {
            continue;
        }
        if f.key == "level" {
            parts.push(LevelPart {
                column: titles.said(f.name.as_deref().unwrap_or_default()),
                trigger: f.trigger.clone(),
                steps: steps.clone(),
                reports: reports.clone(),
                base: f.base.clone().unwrap_or_default(),
            });
        }
        situations.push(Situation {
            key: f.key,
            name: f.name.clone(),
            heading: f.heading.clone(),
            trigger: f.trigger.clone(),
            section: f.section.clone(),
            steps,
            reports,
        });
    }
    let stands_in_for = (plan.roles.iter().map(|r| (&r.name, &r.backup)))
        .chain(plan.units.iter().map(|u| (&u.name, &u.backup)))
        .filter(|(_, b)| b.as_ref().is_some_and(|b| b.value == post.name.as_str()))
        .map(|(n, _)| titles.said(&n.value))
        .collect();
    let first_hour = situations
        .iter()
        .flat_map(|s| &s.steps)
        .filter(|s| s.first_hour && matches!(s.part, "lead" | "joint"))
        .count();
    Card {
        name: post.name.clone(),
        title: titles.said(&post.name),
        kind: post.kind,
        holder: party.and_then(|p| p.holder.clone()),
        backup: party.and_then(|p| p.backup.clone()),
        stands_in_for,
        duties: party.map(|p| p.duties.clone()).unwrap_or_default(),
        reports: party
            .map(|p| p.reports.iter().map(|r| line(r, t)).collect())
            .unwrap_or_default(),
        contacts: contacts(plan, titles, post, &situations),
        situations,
        first_hour,
        levels: matrix(&parts, t),
        sheet: None,
    }
}

/// One level's part of a card, before the levels are set side by side.
struct LevelPart {
    column: String,
    trigger: Option<String>,
    steps: Vec<Step>,
    reports: Vec<String>,
    base: String,
}

/// The levels side by side: the rows in the order of the highest level's steps, then
/// the lower levels' own; notes said once where every level says the same.
fn matrix(parts: &[LevelPart], t: &Words) -> Option<Matrix> {
    let first = parts.first()?;
    let of =
        |col: &str, text: &str| t.fill("cards.trigger_of", &[("level", col), ("trigger", text)]);
    let mut rows: Vec<(String, &'static str, Vec<Option<&Step>>)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        for st in &p.steps {
            let row = match rows
                .iter_mut()
                .position(|(a, k, _)| *a == st.action && *k == st.part)
            {
                Some(r) => r,
                None => {
                    rows.push((st.action.clone(), st.part, vec![None; parts.len()]));
                    rows.len() - 1
                }
            };
            rows[row].2[i] = Some(st);
        }
    }
    let rows = (rows.into_iter().enumerate())
        .map(|(i, (action, part, at))| {
            let any = at.iter().flatten().next().expect("a row has a step");
            let star = |s: &Step| {
                if s.first_hour {
                    format!("{} ★", s.time)
                } else {
                    s.time.clone()
                }
            };
            let notes = shared_notes(parts, &at, t, |s| &s.notes);
            let brief = shared_notes(parts, &at, t, |s| &s.brief);
            let later = shared_notes(parts, &at, t, |s| &s.later);
            MatrixRow {
                n: i + 1,
                action,
                part,
                brief,
                later,
                part_words: any.part_words.clone(),
                times: at.iter().map(|s| s.map(star).unwrap_or_default()).collect(),
                every: (at.iter())
                    .map(|s| s.and_then(|s| s.every.as_ref()))
                    .map(|e| e.map(|e| t.fill("cards.every_cell", &[("every", e)])))
                    .map(Option::unwrap_or_default)
                    .collect(),
                first_hour: at.iter().flatten().any(|s| s.first_hour),
                notes,
            }
        })
        .collect();
    Some(Matrix {
        columns: parts.iter().map(|p| p.column.clone()).collect(),
        triggers: (parts.iter())
            .filter_map(|p| p.trigger.as_ref().map(|tr| of(&p.column, tr)))
            .collect(),
        rows,
        reports: by_levels(parts, t),
        section: first.base.clone(),
    })
}

/// A row's notes: what every level says once, then what only some say, with their
/// levels (`由宣传部牵头；形成《简报》；红色：每小时一次；橙色：每2小时一次`).
fn shared_notes(
    parts: &[LevelPart],
    at: &[Option<&Step>],
    t: &Words,
    of: fn(&Step) -> &String,
) -> String {
    let sep = t.get("cards.sep");
    let split = |s: &Step| -> Vec<String> {
        of(s)
            .split(sep.as_str())
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let each: Vec<(usize, Vec<String>)> = (at.iter().enumerate())
        .filter_map(|(i, s)| s.map(|s| (i, split(s))))
        .collect();
    let Some((_, first)) = each.first() else {
        return String::new();
    };
    let common: Vec<String> = (first.iter())
        .filter(|n| each.iter().all(|(_, ns)| ns.contains(n)))
        .cloned()
        .collect();
    let mut out = common.clone();
    // Levels that add the same are said together: `红色、橙色：须经总指挥审批`.
    let mut own: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (i, ns) in &each {
        let rest: Vec<String> = ns.iter().filter(|n| !common.contains(n)).cloned().collect();
        if rest.is_empty() {
            continue;
        }
        let level = parts[*i].column.clone();
        match own.iter_mut().find(|(r, _)| *r == rest) {
            Some((_, levels)) => levels.push(level),
            None => own.push((rest, vec![level])),
        }
    }
    for (rest, levels) in own {
        let levels = t.list("cards.list", &levels, usize::MAX);
        let rest = rest.join(&t.get("cards.list.sep"));
        out.push(t.fill(
            "cards.trigger_of",
            &[("level", &levels), ("trigger", &rest)],
        ));
    }
    out.join(&sep)
}

/// The levels' own reporting lines, each line once with the levels it is made at.
fn by_levels(parts: &[LevelPart], t: &Words) -> Vec<String> {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for p in parts {
        for r in &p.reports {
            match lines.iter_mut().find(|(x, _)| x == r) {
                Some((_, levels)) => levels.push(p.column.clone()),
                None => lines.push((r.clone(), vec![p.column.clone()])),
            }
        }
    }
    (lines.into_iter())
        .map(|(r, levels)| {
            let levels = t.list("cards.list", &levels, usize::MAX);
            t.fill("cards.trigger_of", &[("level", &levels), ("trigger", &r)])
        })
        .collect()
}

/// A reporting line as the card says it: `向总指挥报告，15分钟内（电话）`.
fn line(r: &ReportView, t: &Words) -> String {
    let within = match (r.deadline, &r.within) {
        ("immediately", _) => t.get("cards.report_immediately"),
        ("as_needed", _) => t.get("cards.report_as_needed"),
        (_, Some(w)) => t.fill("cards.report_within", &[("within", w)]),
        (_, None) => String::new(),
    };
    let via = (r.via.as_ref())
        .map(|v| t.fill("cards.report_via", &[("via", v)]))
        .unwrap_or_default();
    t.fill(
        "cards.report_line",
        &[("to", &r.to), ("within", &within), ("via", &via)],
    )
}

/// Whom a post deals with on its card: its backup, whom it reports to, the leads and
/// partners of its steps; each once, with the contact the plan gives.
fn contacts(plan: &Plan, titles: &Titles, post: &Post, situations: &[Situation]) -> Vec<Contact> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if n != post.name && !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    let own = (plan
        .roles
        .iter()
        .map(|r| (&r.name, &r.backup, &r.reports_to)))
    .chain(
        plan.units
            .iter()
            .map(|u| (&u.name, &u.backup, &u.reports_to)),
    )
    .find(|(n, _, _)| n.value == post.name.as_str());
    if let Some((_, backup, lines)) = own {
        if let Some(b) = backup {
            add(&b.value);
        }
        for l in lines {
            add(&l.to.value);
        }
    }
    let involved: Vec<&str> = situations
        .iter()
        .flat_map(|s| &s.steps)
        .map(|s| s.action.as_str())
        .collect();
    for a in &plan.actions {
        if !involved.contains(&titles.said(&a.name.value).as_str()) {
            continue;
        }
        for n in a.owner.iter().chain(&a.co_owners).chain(&a.approve) {
            add(&n.value);
        }
    }
    names
        .into_iter()
        .map(|n| Contact {
            contact: contact_of(plan, &n),
            name: titles.said(&n),
        })
        .collect()
}

fn contact_of(plan: &Plan, name: &str) -> Option<String> {
    let c = (plan.roles.iter().map(|r| (&r.name, &r.contact)))
        .chain(plan.units.iter().map(|u| (&u.name, &u.contact)))
        .chain(plan.externals.iter().map(|e| (&e.name, &e.contact)))
        .find(|(n, _)| n.value == name)?;
    c.1.as_ref().map(|t| t.value.to_string())
}

/// The posts whose cards differ between two plans (added, removed or changed), by
/// their titles in the new plan (the old one's for a removed post).
pub fn changed(old: &Plan, new: &Plan, lang: Lang) -> Vec<String> {
    let all = Filter::default();
    let (Ok(a), Ok(b)) = (deck(old, lang, &all), deck(new, lang, &all)) else {
        return Vec::new();
    };
    let same = |x: &Card, y: &Card| serde_json::to_value(x).ok() == serde_json::to_value(y).ok();
    let mut out: Vec<String> = Vec::new();
    for c in &b.cards {
        match a.cards.iter().find(|o| o.name == c.name) {
            Some(o) if same(o, c) => {}
            _ => out.push(c.title.clone()),
        }
    }
    for o in &a.cards {
        if !b.cards.iter().any(|c| c.name == o.name) {
            out.push(o.title.clone());
        }
    }
    out
}
