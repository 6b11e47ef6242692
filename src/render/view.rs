//! The view: what the document shows, computed from the model. Templates receive it
//! as plain data; every decision is taken here (which chapters and sections exist,
//! their numbers, resolved names, the tables and matrices, the flow chart), every word
//! comes from the labels, and the templates only lay it out.

use super::flow::{self, Flow};
use super::labels::Labels;
use crate::model::{
    Action, Chapter, Condition, Date, Duration, Period, Plan, Trigger, Value, roman, vocab,
};
use crate::source::Name;
use serde::Serialize;

/// Which language the document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocLang {
    Zh,
    En,
}

#[derive(Clone, Debug, Serialize)]
pub struct View {
    pub lang: DocLang,
    pub header: HeaderView,
    /// The chapters of the body of the document, numbered.
    pub outline: Vec<ChapterView>,
    /// The annexes, numbered.
    pub annexes: Vec<AnnexView>,
    pub purpose: Option<String>,
    pub scope: Option<String>,
    pub principles: Vec<NamedText>,
    pub bodies: Vec<BodyView>,
    pub roles: Vec<PartyView>,
    pub units: Vec<PartyView>,
    pub externals: Vec<PartyView>,
    pub channels: Vec<ChannelView>,
    pub rosters: Vec<RosterView>,
    pub levels: Vec<LevelView>,
    pub reporting: Vec<ReportView>,
    pub detect: Vec<ActionView>,
    pub level_responses: Vec<LevelResponse>,
    pub events: Vec<EventResponse>,
    pub upgrade: Vec<ActionView>,
    pub downgrade: Vec<ActionView>,
    pub aftermath: Vec<ActionView>,
    pub resources: Vec<ResourceGroup>,
    pub trainings: Vec<ExerciseView>,
    pub drills: Vec<ExerciseView>,
    pub statement_templates: Vec<NamedText>,
    pub raci: Raci,
    pub matrix: Matrix,
    pub contacts: Vec<ContactRow>,
    pub flow: Flow,
}

#[derive(Clone, Debug, Serialize)]
pub struct HeaderView {
    pub title: String,
    pub org: Option<String>,
    pub number: Option<String>,
    pub version: Option<String>,
    pub issued: Option<String>,
    /// The issue date as `2026-12-01` (document properties).
    pub issued_iso: Option<String>,
    pub filed: Option<String>,
    /// The authority the plan is filed with, by its title.
    pub filed_with: Option<String>,
    pub reviewed: Option<String>,
    pub approver: Option<String>,
    pub maintainer: Option<String>,
    pub review_every: Option<String>,
    pub drill_every: Option<String>,
    pub basis: Vec<String>,
    pub parent: Vec<String>,
    pub related: Vec<String>,
}

/// A chapter heading: `一、总则`.
#[derive(Clone, Debug, Serialize)]
pub struct ChapterView {
    pub key: &'static str,
    /// The formatted number with its punctuation: `一、` or `1.`.
    pub num: String,
    pub title: String,
    pub sections: Vec<SectionView>,
}

/// A section heading: `（一）目的`.
#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    /// What the section shows: a generated part (`purpose`, `levels`, …), `resources`
    /// (the group `index` of `resources`) or `text` (free prose in `text`).
    pub key: &'static str,
    pub num: String,
    pub title: String,
    /// Free prose of the plan placed at the head of a generated section (a `text` with
    /// the section's title as its name), or the whole of a `text` section.
    pub text: Option<String>,
    pub index: usize,
}

/// An annex: `附件1 应急响应职责矩阵（RACI）`.
#[derive(Clone, Debug, Serialize)]
pub struct AnnexView {
    /// `raci`, `matrix`, `contacts`, `flow`, `templates` or `text`.
    pub key: &'static str,
    pub num: String,
    pub title: String,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NamedText {
    pub name: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyView {
    pub name: String,
    pub title: String,
    pub lead: Option<String>,
    /// Who holds the lead role (`企业主要负责人`), resolved through the role.
    pub lead_holder: Option<String>,
    pub deputies: Option<String>,
    /// Each deputy role with its holder.
    pub deputy_list: Vec<Holder>,
    pub office: Option<String>,
    pub members: Option<String>,
    pub duties: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Holder {
    pub name: String,
    pub holder: Option<String>,
}

/// A role, unit or external party with its duties.
#[derive(Clone, Debug, Serialize)]
pub struct PartyView {
    pub name: String,
    pub title: String,
    pub kind: Option<String>,
    /// Who holds a role, or who heads a unit.
    pub holder: Option<String>,
    pub backup: Option<String>,
    pub reports: Vec<ReportView>,
    pub duties: Vec<String>,
    pub contact: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub from: String,
    pub to: String,
    pub within: Option<String>,
    pub via: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChannelView {
    pub name: String,
    pub title: String,
    pub kind: Option<String>,
    pub watched_by: Option<String>,
    pub hours: Option<String>,
    pub roster: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RosterView {
    pub name: String,
    pub unit: Option<String>,
    pub shifts: Vec<ShiftView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShiftView {
    pub name: String,
    pub period: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelView {
    pub name: String,
    pub rank: Option<u32>,
    pub color: Option<String>,
    /// `red`, `orange`, `yellow`, `blue` (for styling).
    pub color_key: Option<&'static str>,
    pub roman: Option<&'static str>,
    /// `Ⅰ级响应`.
    pub response: Option<String>,
    /// `红色预警（Ⅰ级响应）`.
    pub title: String,
    /// `Ⅰ级响应（红色预警）`.
    pub heading: String,
    pub criteria: Option<String>,
    pub when: Option<String>,
    pub declared_by: Option<String>,
    pub upgrade_to: Option<String>,
    pub downgrade_to: Option<String>,
    pub stand_down: Option<String>,
    pub stand_down_when: Option<String>,
    pub stand_down_for: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    pub name: String,
    pub trigger: String,
    pub owner: Option<String>,
    pub approve: Option<String>,
    pub consult: Option<String>,
    pub inform: Option<String>,
    pub within: Option<String>,
    pub every: Option<String>,
    /// How long the repetition lasts (`every 1d for 7d`).
    pub every_for: Option<String>,
    pub after: Option<String>,
    pub deliver: Option<String>,
    pub capability: Option<String>,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelResponse {
    pub level: LevelView,
    pub actions: Vec<ActionView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventResponse {
    pub event: String,
    pub actions: Vec<ActionView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResourceGroup {
    pub kind: String,
    pub items: Vec<ResourceView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResourceView {
    pub name: String,
    pub owner: Option<String>,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExerciseView {
    pub name: String,
    pub kind: Option<String>,
    pub every: Option<String>,
    pub owner: Option<String>,
    pub scenarios: Option<String>,
    pub detail: Option<String>,
}

/// The RACI matrix: one row per action, one column per party.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Raci {
    pub parties: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

/// The level–response matrix: one row per action started by a level, one column per
/// level (highest first).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Matrix {
    pub levels: Vec<String>,
    pub responses: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixRow {
    pub action: String,
    pub trigger: String,
    pub owner: Option<String>,
    pub cells: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContactRow {
    pub party: String,
    pub kind: String,
    pub holder: Option<String>,
    pub backup: Option<String>,
    pub contact: String,
    /// Whether `contact` is the placeholder.
    pub placeholder: bool,
}

/// Builds the view of a plan.
pub fn build(plan: &Plan, lang: DocLang, t: &Labels) -> View {
    Builder { plan, lang, t }.view()
}

struct Builder<'a> {
    plan: &'a Plan,
    lang: DocLang,
    t: &'a Labels,
}

fn names(list: &[Name]) -> Vec<String> {
    list.iter().map(|n| n.value.to_string()).collect()
}

fn nonempty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// The numbers of the first four heading levels of a Chinese official document.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].into(),
        1..=9 => DIGITS[n].into(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// The formatted heading number for a level (1–4) and position (1-based), with the
/// number of its chapter for English section numbers.
pub fn heading_number(lang: DocLang, level: usize, n: usize, parent: usize) -> String {
    match (lang, level) {
        (DocLang::Zh, 1) => format!("{}、", chinese_numeral(n)),
        (DocLang::Zh, 2) => format!("（{}）", chinese_numeral(n)),
        (DocLang::Zh, 3) => format!("{n}."),
        (DocLang::Zh, _) => format!("（{n}）"),
        (DocLang::En, 1) => format!("{n}. "),
        (DocLang::En, 2) => format!("{parent}.{n} "),
        (DocLang::En, 3) => format!("{n}. "),
        (DocLang::En, _) => format!("({}) ", letter(n)),
    }
}

fn letter(n: usize) -> String {
    if (1..=26).contains(&n) {
        char::from(b'a' + (n - 1) as u8).to_string()
    } else {
        n.to_string()
    }
}

impl Builder<'_> {
    fn sep(&self) -> String {
        self.t.get("doc.list_sep")
    }

    fn join(&self, list: &[Name]) -> Option<String> {
        (!list.is_empty()).then(|| names(list).join(&self.sep()))
    }

    pub fn duration(&self, d: Duration) -> String {
        format!(
            "{}{}{}",
            d.count,
            self.t.get("duration.sep"),
            self.t.unit(d.unit.suffix(), d.count)
        )
    }

    fn date(&self, d: Date) -> String {
        let month = self
            .t
            .opt(&format!("months.{}", d.month.saturating_sub(1)))
            .unwrap_or_else(|| d.month.to_string());
        self.t.fill(
            "date",
            &[
                ("y", &d.year.to_string()),
                ("m", &d.month.to_string()),
                ("d", &d.day.to_string()),
                ("mm", &format!("{:02}", d.month)),
                ("dd", &format!("{:02}", d.day)),
                ("month", &month),
            ],
        )
    }

    fn time(m: u16) -> String {
        format!("{:02}:{:02}", m / 60, m % 60)
    }

    fn period(&self, p: &Period) -> String {
        if p.always {
            return self.t.get("hours.always");
        }
        let to = if p.to <= p.from {
            format!("{}{}", self.t.get("hours.next_day"), Self::time(p.to))
        } else {
            Self::time(p.to)
        };
        self.t.fill(
            "hours.range",
            &[
                ("days", &self.t.get(&format!("hours.{}", p.days.keyword()))),
                ("from", &Self::time(p.from)),
                ("to", &to),
            ],
        )
    }

    fn kind(&self, k: &Name) -> String {
        self.t
            .opt(&format!("kind.{}", k.value))
            .unwrap_or_else(|| k.value.to_string())
    }

    fn number(&self, n: f64) -> String {
        if self.lang == DocLang::Zh && n.fract() == 0.0 && n.abs() >= 10_000.0 {
            let i = n as i64;
            if i % 100_000_000 == 0 {
                return format!("{}亿", i / 100_000_000);
            }
            if i % 10_000 == 0 {
                return format!("{}万", i / 10_000);
            }
        }
        crate::model::format_number(n)
    }

    /// A measurable condition in words: `累计触达人数≥100万 或 媒体关注≥省级媒体`.
    fn condition(&self, c: &Condition) -> String {
        self.cond_prec(c, 0)
    }

    fn cond_prec(&self, c: &Condition, prec: u8) -> String {
        // Parentheses around a nested group: full-width in Chinese text.
        let wrap = |s: String, open: bool| match (open, self.lang) {
            (false, _) => s,
            (true, DocLang::Zh) => format!("（{s}）"),
            (true, DocLang::En) => format!("({s})"),
        };
        match c {
            Condition::Or(items) => {
                let sep = format!(" {} ", self.t.get("condition.or"));
                let s: Vec<String> = items.iter().map(|c| self.cond_prec(c, 1)).collect();
                wrap(s.join(&sep), prec > 0 && items.len() > 1)
            }
            Condition::And(items) => {
                let sep = format!(" {} ", self.t.get("condition.and"));
                let s: Vec<String> = items.iter().map(|c| self.cond_prec(c, 2)).collect();
                wrap(s.join(&sep), prec > 1 && items.len() > 1)
            }
            Condition::Not(inner) => format!(
                "{} {}",
                self.t.get("condition.not"),
                self.cond_prec(inner, 3)
            ),
            Condition::Flag(s) => self.signal(&s.value),
            Condition::Compare { signal, op, value } => {
                let v = match &value.value {
                    Value::Number(n) => self.number(*n),
                    Value::Word(w) => self
                        .t
                        .opt(&format!("media.{w}"))
                        .or_else(|| self.t.opt(&format!("condition.{w}")))
                        .unwrap_or_else(|| w.clone()),
                };
                let op = self
                    .t
                    .opt(&format!("condition.ops.{}", op.as_str()))
                    .unwrap_or_else(|| op.as_str().to_string());
                let gap = if self.lang == DocLang::En || op.chars().all(|c| c.is_alphabetic()) {
                    " "
                } else {
                    ""
                };
                format!("{}{gap}{op}{gap}{v}", self.signal(&signal.value))
            }
        }
    }

    fn signal(&self, s: &str) -> String {
        if let Some(w) = self.t.opt(&format!("condition.signals.{s}")) {
            return w;
        }
        vocab::SIGNALS
            .iter()
            .find(|x| x.0 == s)
            .map(|x| match self.lang {
                DocLang::Zh => x.2.to_string(),
                DocLang::En => x.3.to_string(),
            })
            .unwrap_or_else(|| s.to_string())
    }

    fn level(&self, l: &crate::model::Level) -> LevelView {
        let r = l.response.as_ref().map(|r| r.value);
        let roman_s = r.map(roman);
        let response = roman_s.map(|r| self.t.fill("level.response", &[("roman", r)]));
        let color_key = l
            .color
            .as_ref()
            .and_then(|c| vocab::color(&c.value))
            .or_else(|| {
                // A level named after its colour (`红色`, `red`).
                vocab::COLORS
                    .iter()
                    .position(|(en, zh)| l.name.value.starts_with(zh) || l.name.value == *en)
            })
            .and_then(|i| vocab::COLORS.get(i))
            .map(|(en, _)| *en);
        let color = l
            .color
            .as_ref()
            .map(|_| color_key.map(|k| self.t.get(&format!("color.{k}"))))
            .unwrap_or(None);
        let resp = response.clone().unwrap_or_default();
        let title = if resp.is_empty() {
            l.name.value.to_string()
        } else {
            self.t.fill(
                "level.title",
                &[("name", &l.name.value), ("response", &resp)],
            )
        };
        let heading = if resp.is_empty() {
            l.name.value.to_string()
        } else {
            self.t.fill(
                "level.heading",
                &[("name", &l.name.value), ("response", &resp)],
            )
        };
        let sd = l.stand_down.as_ref();
        LevelView {
            name: l.name.value.to_string(),
            rank: l.rank.as_ref().map(|r| r.value),
            color,
            color_key,
            roman: roman_s,
            response,
            title,
            heading,
            criteria: l.criteria.as_ref().map(|c| c.value.to_string()),
            when: l.when.as_ref().map(|w| self.condition(&w.value)),
            declared_by: l.declared_by.as_ref().map(|d| d.value.to_string()),
            upgrade_to: l.upgrade_to.as_ref().map(|d| d.value.to_string()),
            downgrade_to: l.downgrade_to.as_ref().map(|d| d.value.to_string()),
            stand_down: sd
                .and_then(|s| s.text.as_ref())
                .map(|t| t.value.to_string()),
            stand_down_when: sd
                .and_then(|s| s.when.as_ref())
                .map(|w| self.condition(&w.value)),
            stand_down_for: sd
                .and_then(|s| s.hold.as_ref())
                .map(|d| self.duration(d.value)),
        }
    }

    /// The levels, highest first (rank 1 first; unranked last, in plan order).
    fn sorted_levels(&self) -> Vec<&crate::model::Level> {
        let mut v: Vec<&crate::model::Level> = self.plan.levels.iter().collect();
        v.sort_by_key(|l| l.rank.as_ref().map(|r| r.value).unwrap_or(u32::MAX));
        v
    }

    fn trigger(&self, t: &Trigger) -> String {
        match t {
            Trigger::Detect => self.t.get("trigger.detect"),
            Trigger::Level(ls) => self
                .t
                .fill("trigger.level", &[("levels", &names(ls).join(&self.sep()))]),
            Trigger::Upgrade => self.t.get("trigger.upgrade"),
            Trigger::Downgrade => self.t.get("trigger.downgrade"),
            Trigger::StandDown => self.t.get("trigger.stand_down"),
            Trigger::Event(e) => self.t.fill("trigger.event", &[("event", &e.value)]),
        }
    }

    fn action(&self, a: &Action) -> ActionView {
        let deliver = a.deliver.as_ref().map(|d| {
            let kind = self
                .t
                .opt(&format!("deliver.{}", d.kind.value))
                .unwrap_or_else(|| d.kind.value.to_string());
            match &d.title {
                Some(title) if self.lang == DocLang::Zh => format!("《{}》", title.value),
                Some(title) => format!("{kind} “{}”", title.value),
                None => kind,
            }
        });
        ActionView {
            name: a.name.value.to_string(),
            trigger: self.trigger(&a.trigger.value),
            owner: a.owner.as_ref().map(|o| o.value.to_string()),
            approve: self.join(&a.approve),
            consult: self.join(&a.consult),
            inform: self.join(&a.inform),
            within: a.within.as_ref().map(|d| self.duration(d.value)),
            every: a.every.as_ref().map(|d| self.duration(d.value)),
            every_for: a.every_for.as_ref().map(|d| self.duration(d.value)),
            after: self.join(&a.after),
            deliver,
            capability: a.capability.as_ref().map(|c| c.value.to_string()),
            detail: a.detail.as_ref().map(|d| d.value.to_string()),
        }
    }

    fn actions_where(&self, keep: impl Fn(&Trigger) -> bool) -> Vec<ActionView> {
        self.plan
            .actions
            .iter()
            .filter(|a| keep(&a.trigger.value))
            .map(|a| self.action(a))
            .collect()
    }

    fn reports(&self, from: &str, lines: &[crate::model::ReportLine]) -> Vec<ReportView> {
        lines
            .iter()
            .map(|l| ReportView {
                from: from.to_string(),
                to: l.to.value.to_string(),
                within: l.within.as_ref().map(|d| self.duration(d.value)),
                via: l.via.as_ref().map(|v| v.value.to_string()),
            })
            .collect()
    }

    fn duties(list: &[crate::model::Duty]) -> Vec<String> {
        list.iter().map(|d| d.text.value.to_string()).collect()
    }

    fn exercise(&self, e: &crate::model::Exercise) -> ExerciseView {
        ExerciseView {
            name: e.name.value.to_string(),
            kind: e.kind.as_ref().map(|k| self.kind(k)),
            every: e.every.as_ref().map(|d| self.duration(d.value)),
            owner: e.owner.as_ref().map(|o| o.value.to_string()),
            scenarios: self.join(&e.scenarios),
            detail: e.detail.as_ref().map(|d| d.value.to_string()),
        }
    }

    fn view(&self) -> View {
        let p = self.plan;
        let h = p.plan.as_ref();
        let header = HeaderView {
            title: h
                .map(|h| h.title.value.to_string())
                .and_then(nonempty)
                .unwrap_or_else(|| self.t.get("doc.untitled")),
            org: h.and_then(|h| h.org.as_ref()).map(|x| x.value.to_string()),
            number: h
                .and_then(|h| h.number.as_ref())
                .map(|x| x.value.to_string()),
            version: h
                .and_then(|h| h.version.as_ref())
                .map(|x| x.value.to_string()),
            issued: h
                .and_then(|h| h.issued.as_ref())
                .map(|d| self.date(d.value)),
            issued_iso: h
                .and_then(|h| h.issued.as_ref())
                .map(|d| d.value.to_string()),
            filed: h.and_then(|h| h.filed.as_ref()).map(|d| self.date(d.value)),
            filed_with: h.and_then(|h| h.filed_with.as_ref()).map(|x| {
                p.externals
                    .iter()
                    .find(|e| e.name.value == x.value)
                    .and_then(|e| e.title.as_ref())
                    .map_or_else(|| x.value.to_string(), |t| t.value.to_string())
            }),
            reviewed: h
                .and_then(|h| h.reviewed.as_ref())
                .map(|d| self.date(d.value)),
            approver: h
                .and_then(|h| h.approver.as_ref())
                .map(|x| x.value.to_string()),
            maintainer: h
                .and_then(|h| h.maintainer.as_ref())
                .map(|x| x.value.to_string()),
            review_every: h
                .and_then(|h| h.review_every.as_ref())
                .map(|d| self.duration(d.value)),
            drill_every: h
                .and_then(|h| h.drill_every.as_ref())
                .map(|d| self.duration(d.value)),
            basis: h
                .map(|h| h.basis.iter().map(|x| x.value.to_string()).collect())
                .unwrap_or_default(),
            parent: h
                .map(|h| h.parent.iter().map(|x| x.value.to_string()).collect())
                .unwrap_or_default(),
            related: h
                .map(|h| h.related.iter().map(|x| x.value.to_string()).collect())
                .unwrap_or_default(),
        };

        let holder_of = |name: &str| {
            p.roles
                .iter()
                .find(|r| r.name.value == name)
                .and_then(|r| r.holder.as_ref())
                .map(|h| h.value.to_string())
        };
        let bodies: Vec<BodyView> = p
            .bodies
            .iter()
            .map(|b| BodyView {
                name: b.name.value.to_string(),
                title: b
                    .title
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_else(|| b.name.value.to_string()),
                lead: b.lead.as_ref().map(|x| x.value.to_string()),
                lead_holder: b.lead.as_ref().and_then(|x| holder_of(&x.value)),
                deputies: self.join(&b.deputies),
                deputy_list: b
                    .deputies
                    .iter()
                    .map(|d| Holder {
                        name: d.value.to_string(),
                        holder: holder_of(&d.value),
                    })
                    .collect(),
                office: b.office.as_ref().map(|x| x.value.to_string()),
                members: self.join(&b.members),
                duties: Self::duties(&b.duties),
            })
            .collect();
        let roles: Vec<PartyView> = p
            .roles
            .iter()
            .map(|r| PartyView {
                name: r.name.value.to_string(),
                title: r.name.value.to_string(),
                kind: None,
                holder: r.holder.as_ref().map(|x| x.value.to_string()),
                backup: r.backup.as_ref().map(|x| x.value.to_string()),
                reports: self.reports(&r.name.value, &r.reports_to),
                duties: Self::duties(&r.duties),
                contact: r.contact.as_ref().map(|x| x.value.to_string()),
            })
            .collect();
        let units: Vec<PartyView> = p
            .units
            .iter()
            .map(|u| PartyView {
                name: u.name.value.to_string(),
                title: u
                    .title
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_else(|| u.name.value.to_string()),
                kind: None,
                holder: u.head.as_ref().map(|x| x.value.to_string()),
                backup: u.backup.as_ref().map(|x| x.value.to_string()),
                reports: self.reports(&u.name.value, &u.reports_to),
                duties: Self::duties(&u.duties),
                contact: u.contact.as_ref().map(|x| x.value.to_string()),
            })
            .collect();
        let externals: Vec<PartyView> = p
            .externals
            .iter()
            .map(|e| PartyView {
                name: e.name.value.to_string(),
                title: e
                    .title
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_else(|| e.name.value.to_string()),
                kind: e.kind.as_ref().map(|k| self.kind(k)),
                holder: None,
                backup: None,
                reports: Vec::new(),
                duties: Self::duties(&e.duties),
                contact: e.contact.as_ref().map(|x| x.value.to_string()),
            })
            .collect();
        let reporting: Vec<ReportView> = roles
            .iter()
            .chain(units.iter())
            .flat_map(|r| r.reports.iter().cloned())
            .collect();
        let channels = p
            .channels
            .iter()
            .map(|c| ChannelView {
                name: c.name.value.to_string(),
                title: c
                    .title
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_else(|| c.name.value.to_string()),
                kind: c.kind.as_ref().map(|k| self.kind(k)),
                watched_by: self.join(&c.watched_by),
                hours: c.hours.as_ref().map(|h| {
                    h.value
                        .iter()
                        .map(|p| self.period(p))
                        .collect::<Vec<_>>()
                        .join(&self.t.get("hours.sep"))
                }),
                roster: c.roster.as_ref().map(|r| r.value.to_string()),
            })
            .collect::<Vec<_>>();
        let rosters = p
            .rosters
            .iter()
            .map(|r| RosterView {
                name: r.name.value.to_string(),
                unit: r.unit.as_ref().map(|u| u.value.to_string()),
                shifts: r
                    .shifts
                    .iter()
                    .map(|s| ShiftView {
                        name: s.name.value.to_string(),
                        period: self.period(&s.period.value),
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let sorted = self.sorted_levels();
        let levels: Vec<LevelView> = sorted.iter().map(|l| self.level(l)).collect();

        let detect = self.actions_where(|t| matches!(t, Trigger::Detect));
        let level_responses: Vec<LevelResponse> = sorted
            .iter()
            .zip(levels.iter())
            .map(|(l, lv)| LevelResponse {
                level: lv.clone(),
                actions: self.actions_where(|t| match t {
                    Trigger::Level(ls) => ls.iter().any(|n| n.value == l.name.value),
                    _ => false,
                }),
            })
            .collect();
        let mut events: Vec<EventResponse> = Vec::new();
        for a in &p.actions {
            if let Trigger::Event(e) = &a.trigger.value {
                match events.iter_mut().find(|x| x.event == e.value) {
                    Some(x) => x.actions.push(self.action(a)),
                    None => events.push(EventResponse {
                        event: e.value.to_string(),
                        actions: vec![self.action(a)],
                    }),
                }
            }
        }
        let upgrade = self.actions_where(|t| matches!(t, Trigger::Upgrade));
        let downgrade = self.actions_where(|t| matches!(t, Trigger::Downgrade));
        let aftermath = self.actions_where(|t| matches!(t, Trigger::StandDown));

        let mut resources: Vec<ResourceGroup> = Vec::new();
        for r in &p.resources {
            let kind = r
                .kind
                .as_ref()
                .map(|k| self.kind(k))
                .unwrap_or_else(|| self.t.get("kind.other"));
            let item = ResourceView {
                name: r.name.value.to_string(),
                owner: r.owner.as_ref().map(|o| o.value.to_string()),
                detail: r.detail.as_ref().map(|d| d.value.to_string()),
            };
            match resources.iter_mut().find(|g| g.kind == kind) {
                Some(g) => g.items.push(item),
                None => resources.push(ResourceGroup {
                    kind,
                    items: vec![item],
                }),
            }
        }
        let trainings: Vec<ExerciseView> = p.trainings.iter().map(|e| self.exercise(e)).collect();
        let drills: Vec<ExerciseView> = p.drills.iter().map(|e| self.exercise(e)).collect();
        let statement_templates: Vec<NamedText> = p
            .templates
            .iter()
            .map(|a| NamedText {
                name: a.name.value.to_string(),
                text: a.text.value.to_string(),
            })
            .collect();

        let raci = self.raci();
        let matrix = self.matrix(&sorted, &levels);
        let contacts = self.contacts(&roles, &units, &externals);
        let flow = flow::layout(self.plan, &sorted, &levels, self.t, |d| self.duration(d));

        let mut view = View {
            lang: self.lang,
            header,
            outline: Vec::new(),
            annexes: Vec::new(),
            purpose: p.purpose.as_ref().map(|x| x.value.to_string()),
            scope: p.scope.as_ref().map(|x| x.value.to_string()),
            principles: p
                .principles
                .iter()
                .map(|x| NamedText {
                    name: x.name.value.to_string(),
                    text: x.text.value.to_string(),
                })
                .collect(),
            bodies,
            roles,
            units,
            externals,
            channels,
            rosters,
            levels,
            reporting,
            detect,
            level_responses,
            events,
            upgrade,
            downgrade,
            aftermath,
            resources,
            trainings,
            drills,
            statement_templates,
            raci,
            matrix,
            contacts,
            flow,
        };
        view.outline = self.outline(&view);
        view.annexes = self.annexes(&view);
        view
    }

    /// Which sections each chapter has, in the GB/T 29639 order, with the plan's free
    /// texts merged into the section of the same title or added after the generated ones.
    fn outline(&self, v: &View) -> Vec<ChapterView> {
        let h = &v.header;
        let any_duties = !v.bodies.is_empty() || !v.roles.is_empty() || !v.units.is_empty();
        let adjust = v.levels.iter().any(|l| {
            l.upgrade_to.is_some()
                || l.downgrade_to.is_some()
                || l.stand_down.is_some()
                || l.stand_down_when.is_some()
        });
        let stand_down = v
            .levels
            .iter()
            .any(|l| l.stand_down.is_some() || l.stand_down_when.is_some());
        let chapters: [(Chapter, Vec<(&'static str, bool)>); 8] = [
            (
                Chapter::General,
                vec![
                    ("purpose", v.purpose.is_some()),
                    ("basis", !h.basis.is_empty()),
                    ("scope", v.scope.is_some()),
                    ("principles", !v.principles.is_empty()),
                    ("system", !h.parent.is_empty() || !h.related.is_empty()),
                ],
            ),
            (
                Chapter::Organization,
                vec![
                    ("body", !v.bodies.is_empty()),
                    ("duties", any_duties),
                    ("externals", !v.externals.is_empty()),
                ],
            ),
            (
                Chapter::Monitoring,
                vec![
                    ("channels", !v.channels.is_empty()),
                    ("rosters", !v.rosters.is_empty()),
                    ("levels", !v.levels.is_empty()),
                    ("adjust", adjust),
                ],
            ),
            (
                Chapter::Response,
                vec![
                    ("reporting", !v.reporting.is_empty()),
                    ("detect", !v.detect.is_empty()),
                    ("level_response", !v.level_responses.is_empty()),
                    ("events", !v.events.is_empty()),
                    (
                        "change_actions",
                        !v.upgrade.is_empty() || !v.downgrade.is_empty(),
                    ),
                    ("stand_down", stand_down),
                ],
            ),
            (
                Chapter::PostIncident,
                vec![("aftermath", !v.aftermath.is_empty())],
            ),
            (Chapter::Safeguards, vec![]),
            (
                Chapter::Training,
                vec![
                    ("trainings", !v.trainings.is_empty()),
                    ("drills", !v.drills.is_empty() || h.drill_every.is_some()),
                ],
            ),
            (
                Chapter::Supplementary,
                vec![
                    (
                        "management",
                        h.maintainer.is_some() || h.review_every.is_some(),
                    ),
                    ("filing", h.approver.is_some() || h.filed.is_some()),
                    ("interpretation", h.maintainer.is_some()),
                    ("effective", h.issued.is_some()),
                ],
            ),
        ];
        let mut out = Vec::new();
        for (ci, (chapter, keys)) in chapters.into_iter().enumerate() {
            let cn = ci + 1;
            let mut sections: Vec<SectionView> = keys
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(key, _)| SectionView {
                    key,
                    num: String::new(),
                    title: self.t.get(&format!("section.{key}")),
                    text: None,
                    index: 0,
                })
                .collect();
            if chapter == Chapter::Safeguards {
                for (i, g) in v.resources.iter().enumerate() {
                    sections.push(SectionView {
                        key: "resources",
                        num: String::new(),
                        title: g.kind.clone(),
                        text: None,
                        index: i,
                    });
                }
            }
            for (i, prose) in self
                .plan
                .texts
                .iter()
                .enumerate()
                .filter(|(_, x)| x.chapter == chapter)
            {
                let name = prose.name.value.as_str();
                let text = prose.text.value.to_string();
                match sections
                    .iter_mut()
                    .find(|s| s.title == *name && s.key != "text")
                {
                    Some(s) => {
                        s.text = Some(match s.text.take() {
                            Some(before) => format!("{before}\n{text}"),
                            None => text,
                        })
                    }
                    None => sections.push(SectionView {
                        key: "text",
                        num: String::new(),
                        title: name.to_string(),
                        text: Some(text),
                        index: i,
                    }),
                }
            }
            for (si, s) in sections.iter_mut().enumerate() {
                s.num = heading_number(self.lang, 2, si + 1, cn);
            }
            out.push(ChapterView {
                key: chapter.keyword(),
                num: heading_number(self.lang, 1, cn, 0),
                title: self.t.get(&format!("chapter.{}", chapter.keyword())),
                sections,
            });
        }
        out
    }

    fn annexes(&self, v: &View) -> Vec<AnnexView> {
        let mut list: Vec<(&'static str, String, Option<String>)> = Vec::new();
        if !v.raci.rows.is_empty() {
            list.push(("raci", self.t.get("annex.raci"), None));
        }
        if !v.matrix.rows.is_empty() {
            list.push(("matrix", self.t.get("annex.matrix"), None));
        }
        if !v.contacts.is_empty() {
            list.push(("contacts", self.t.get("annex.contacts"), None));
        }
        if !v.flow.nodes.is_empty() {
            list.push(("flow", self.t.get("annex.flow"), None));
        }
        if !v.statement_templates.is_empty() {
            list.push(("templates", self.t.get("annex.templates"), None));
        }
        for a in &self.plan.annexes {
            list.push((
                "text",
                a.name.value.to_string(),
                Some(a.text.value.to_string()),
            ));
        }
        for x in self
            .plan
            .texts
            .iter()
            .filter(|x| x.chapter == Chapter::Annex)
        {
            list.push((
                "text",
                x.name.value.to_string(),
                Some(x.text.value.to_string()),
            ));
        }
        list.into_iter()
            .enumerate()
            .map(|(i, (key, title, text))| AnnexView {
                key,
                num: self
                    .t
                    .fill("doc.annex_prefix", &[("n", &(i + 1).to_string())]),
                title,
                text,
            })
            .collect()
    }

    /// Every party named in a RACI role, in the order of the plan's definitions.
    fn raci(&self) -> Raci {
        let p = self.plan;
        let defined: Vec<&str> = p
            .bodies
            .iter()
            .map(|b| b.name.value.as_str())
            .chain(p.roles.iter().map(|r| r.name.value.as_str()))
            .chain(p.units.iter().map(|u| u.name.value.as_str()))
            .chain(p.externals.iter().map(|e| e.name.value.as_str()))
            .collect();
        let mentioned = |name: &str| {
            p.actions.iter().any(|a| {
                a.owner.iter().any(|n| n.value == name)
                    || a.approve
                        .iter()
                        .chain(&a.consult)
                        .chain(&a.inform)
                        .any(|n| n.value == name)
            })
        };
        let mut parties: Vec<String> = Vec::new();
        for name in defined {
            if mentioned(name) && !parties.iter().any(|x| x == name) {
                parties.push(name.to_string());
            }
        }
        let sep = self.t.get("raci.sep");
        let rows = p
            .actions
            .iter()
            .map(|a| {
                let cells = parties
                    .iter()
                    .map(|party| {
                        let has = |list: &[Name]| list.iter().any(|n| n.value == party);
                        let mut codes = Vec::new();
                        if a.owner.iter().any(|n| n.value == party) {
                            codes.push(self.t.get("raci.R"));
                        }
                        if has(&a.approve) {
                            codes.push(self.t.get("raci.A"));
                        }
                        if has(&a.consult) {
                            codes.push(self.t.get("raci.C"));
                        }
                        if has(&a.inform) {
                            codes.push(self.t.get("raci.I"));
                        }
                        codes.join(&sep)
                    })
                    .collect();
                MatrixRow {
                    action: a.name.value.to_string(),
                    trigger: self.trigger(&a.trigger.value),
                    owner: a.owner.as_ref().map(|o| o.value.to_string()),
                    cells,
                }
            })
            .collect();
        Raci { parties, rows }
    }

    fn matrix(&self, sorted: &[&crate::model::Level], views: &[LevelView]) -> Matrix {
        let rows = self
            .plan
            .actions
            .iter()
            .filter(|a| !a.levels().is_empty())
            .map(|a| MatrixRow {
                action: a.name.value.to_string(),
                trigger: self.trigger(&a.trigger.value),
                owner: a.owner.as_ref().map(|o| o.value.to_string()),
                cells: sorted
                    .iter()
                    .map(|l| {
                        if !a.levels().iter().any(|n| n.value == l.name.value) {
                            String::new()
                        } else if let Some(d) = &a.within {
                            self.duration(d.value)
                        } else if let Some(d) = &a.every {
                            self.t
                                .fill("matrix.every", &[("every", &self.duration(d.value))])
                        } else {
                            self.t.get("matrix.mark")
                        }
                    })
                    .collect(),
            })
            .collect();
        Matrix {
            levels: views.iter().map(|l| l.name.clone()).collect(),
            responses: views
                .iter()
                .map(|l| l.response.clone().unwrap_or_default())
                .collect(),
            rows,
        }
    }

    fn contacts(
        &self,
        roles: &[PartyView],
        units: &[PartyView],
        externals: &[PartyView],
    ) -> Vec<ContactRow> {
        let placeholder = self.t.get("contact_placeholder");
        let row = |p: &PartyView, kind: &str| ContactRow {
            party: p.title.clone(),
            kind: self.t.get(&format!("party_kind.{kind}")),
            holder: p.holder.clone(),
            backup: p.backup.clone(),
            contact: p.contact.clone().unwrap_or_else(|| placeholder.clone()),
            placeholder: p.contact.is_none(),
        };
        roles
            .iter()
            .map(|p| row(p, "role"))
            .chain(units.iter().map(|p| row(p, "unit")))
            .chain(externals.iter().map(|p| row(p, "external")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_cover_long_outlines() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99].map(chinese_numeral).to_vec();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
    }

    #[test]
    fn heading_numbers_follow_gbt_9704() {
        let z = DocLang::Zh;
        assert_eq!(heading_number(z, 1, 3, 0), "三、");
        assert_eq!(heading_number(z, 2, 12, 1), "（十二）");
        assert_eq!(heading_number(z, 3, 2, 1), "2.");
        assert_eq!(heading_number(z, 4, 2, 1), "（2）");
        assert_eq!(heading_number(DocLang::En, 2, 2, 4), "4.2 ");
    }
}
