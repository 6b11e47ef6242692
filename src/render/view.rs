//! The view: what the document shows, computed from the model. Templates receive it
//! as plain data; every decision is taken here (which chapters and sections exist,
//! their numbers, resolved names, the tables and matrices, the flow chart), every word
//! comes from the labels, and the templates only lay it out.

use super::flow::{self, Flow};
use super::labels::Labels;
use crate::model::display::{self, Titles};
use crate::model::{
    Action, AnchorSide, Chapter, Condition, Date, Deadline, Duration, Level, Period, Plan, Trigger,
    Value, roman, vocab,
};
use crate::source::{Name, Spanned, Text};
use crate::wording::{Amount, DurationStyle, Lang, duration, fill};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct View {
    pub lang: Lang,
    pub header: HeaderView,
    /// The chapters of the body of the document, numbered.
    pub outline: Vec<ChapterView>,
    /// The annexes, numbered.
    pub annexes: Vec<AnnexView>,
    /// The 署名 and 成文日期 under the body (GB/T 9704 §7.3.5), when the plan names its
    /// organization and its date of issue.
    pub signature: Option<Signature>,
    /// The annex that lists every post's stand-in (AB角) with the contacts, as the
    /// body refers to it (`附件3《应急联络表》`): the body says the stand-ins once, there.
    pub backups_in: Option<String>,
    /// The RACI annex as the body refers to it: the action tables leave out who is
    /// consulted and who is told, which the matrix says once, there.
    pub raci_in: Option<String>,
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
    /// The event grades (事件分级), highest first, with the levels that answer each.
    pub grades: Vec<GradeView>,
    pub reporting: Vec<ReportView>,
    /// The reporting table of the document: the lines to one addressee with the same
    /// time limit and means share a row, their reporters listed together.
    pub reporting_table: Vec<ReportView>,
    pub detect: Vec<ActionView>,
    pub level_responses: Vec<LevelResponse>,
    /// The graded response as one table: each measure once, its time limit per level.
    pub measures: Measures,
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

/// The signature block: the organization above the date, placed so that the date's
/// first character stands two characters right of the organization's (GB/T 9704
/// §7.3.5.2), the right indents in twips of a body character.
#[derive(Clone, Debug, Serialize)]
pub struct Signature {
    pub org: String,
    pub date: String,
    pub org_right: u32,
    pub date_right: u32,
}

/// The width of one body character in twips: 3号 (16 pt) condensed by 0.25 pt.
const CHAR_TWIPS: u32 = 315;

fn signature(h: &HeaderView) -> Option<Signature> {
    use unicode_width::UnicodeWidthStr;
    let (org, date) = (h.issuer.clone()?, h.issued.clone()?);
    // Widths in half characters (a CJK character is two).
    let (w_org, w_date) = (org.width() as i64, date.width() as i64);
    // The date two characters in from the right, unless that pushes the organization
    // past the margin; then the organization two in and the date under it.
    let mut date_right = 4;
    let mut org_right = 4 + 4 + w_date - w_org;
    if org_right < 4 {
        org_right = 4;
        date_right = w_org - w_date;
    }
    let twips = |half: i64| (half.max(0) as u32) * CHAR_TWIPS / 2;
    Some(Signature {
        org,
        date,
        org_right: twips(org_right),
        date_right: twips(date_right),
    })
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct HeaderView {
    pub title: String,
    pub org: Option<String>,
    /// 发文机关: the masthead and the signature (the organization unless `issuer`).
    pub issuer: Option<String>,
    /// 印发机关: the colophon (`printed_by`, else the issuer).
    pub printed_by: Option<String>,
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
    /// The related plans as one list, for one sentence: titles in 书名号 side by side
    /// (GB/T 15834 sets no 顿号 between them), others with the list separator.
    pub related_all: Option<String>,
    /// 抄送机关, for the 版记.
    pub cc: Vec<String>,
    /// The cover letter (印发通知) that issues the plan as its annex, when the plan has
    /// addressees.
    pub notice: Option<NoticeView>,
}

/// A 印发通知: its title, the addressees (主送机关) with their colon, and its text.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NoticeView {
    pub title: String,
    pub to: String,
    pub text: String,
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
    /// The lead and whoever leads jointly with it, when more than one (`党委书记、校长`).
    pub joint_leads: Option<String>,
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportView {
    pub from: String,
    pub to: String,
    /// The time limit in words (`30分钟`, `立即`, `视情`).
    pub within: Option<String>,
    /// `fixed`, `immediately` or `as_needed`.
    pub deadline: &'static str,
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
pub struct GradeView {
    pub name: String,
    pub criteria: Option<String>,
    /// The levels that answer it, as the level table names them.
    pub levels: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelView {
    pub name: String,
    /// The name with its warning colour, where the name does not say it already
    /// (`critical (Red)`, but `红色`): the level table's first cell.
    pub label: String,
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
    /// The level's own reporting lines, `from` its reporter.
    pub reports: Vec<ReportView>,
    /// Who approves ending the response (`stand_down … approved_by`).
    pub stand_down_by: Option<String>,
    /// The duty roster on duty from this level up.
    pub roster: Option<String>,
    /// `may_follow`: the sentence that a higher level's measures may be taken.
    pub may_follow: Option<String>,
    /// The higher level whose reporting lines these are too (`同Ⅰ级响应`).
    pub reports_same_as: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ActionView {
    pub name: String,
    pub trigger: String,
    pub owner: Option<String>,
    pub approve: Option<String>,
    pub consult: Option<String>,
    pub inform: Option<String>,
    pub within: Option<String>,
    /// `fixed`, `immediately` or `as_needed`.
    pub deadline: &'static str,
    pub every: Option<String>,
    /// How long the repetition lasts (`every 1d for 7d`).
    pub every_for: Option<String>,
    pub after: Option<String>,
    pub deliver: Option<String>,
    pub capability: Option<String>,
    pub detail: Option<String>,
    /// The response of a higher level at which this same action was already described
    /// (every field alike but the trigger and the detail): the document says it once,
    /// and here only the detail, if it differs.
    pub same_as: Option<String>,
    /// When it is done, in words: 必要时, 如…, 如未… (with a measurable form, if any).
    pub condition: Option<String>,
    /// The plan it starts (启动《…》), as the plan writes its title.
    pub invoke: Option<String>,
}

impl ActionView {
    /// How the action is organised (owner, time limits, approvals, what it delivers),
    /// whatever starts it and whatever its detail says: two actions that read alike
    /// have the same reading.
    fn reading(&self) -> ActionView {
        ActionView {
            trigger: String::new(),
            same_as: None,
            detail: None,
            ..self.clone()
        }
    }

    /// How the action is done, whatever its time limits: what the 工作要求 column says
    /// (without who is consulted and told, when the RACI annex says it).
    fn manner(&self, raci_annex: bool) -> ActionView {
        let quiet = |x: &Option<String>| if raci_annex { None } else { x.clone() };
        ActionView {
            consult: quiet(&self.consult),
            inform: quiet(&self.inform),
            trigger: String::new(),
            same_as: None,
            within: None,
            deadline: "fixed",
            every: None,
            every_for: None,
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelResponse {
    pub level: LevelView,
    /// The sentence saying that this level takes over a higher level's measures whole
    /// (its actions are then not listed again).
    pub same_as: Option<String>,
    pub actions: Vec<ActionView>,
}

/// The measures of the graded response in one table (分级响应措施表), as an official
/// plan sets them: a measure taken at several levels is one row, its time limit at each
/// level in that level's column, so 口径拟定 or 续报 are not described once a level.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Measures {
    /// The levels that take measures, highest first: the column headings (`Ⅰ级`).
    pub levels: Vec<String>,
    pub rows: Vec<MeasureRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureRow {
    pub name: String,
    pub owner: Option<String>,
    /// The action at each level of `levels`, where that level takes it.
    pub at: Vec<Option<ActionView>>,
    /// How it is done (approval, product, detail), once for the levels that do it alike.
    pub ways: Vec<MeasureWay>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureWay {
    /// The levels that do it this way (`Ⅰ级、Ⅱ级`), when not every level does it alike.
    pub levels: Option<String>,
    pub action: ActionView,
    /// The plan's own details of the levels of this way, when they differ between them,
    /// each with its levels (the way's `action` then has none).
    pub details: Vec<LevelDetail>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelDetail {
    pub levels: String,
    pub detail: String,
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
    /// The same rows by what starts them (the initial response, each level, each
    /// event…), each with only the parties that have a letter in it: eighteen columns
    /// do not fit an A4 page, the six or eight a group involves do.
    pub groups: Vec<RaciGroup>,
    /// The height (twips) of a header that sets every party's name upright in its
    /// column (the one matrix of the DOCX): the longest name, in table text.
    pub head_twips: u32,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct RaciGroup {
    pub trigger: String,
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
/// Builds the view of a plan.
pub fn build(plan: &Plan, lang: Lang, t: &Labels) -> View {
    Builder {
        plan,
        lang,
        t,
        headings: HeadingNumbers::new(t),
        titles: Titles::of(plan),
    }
    .view()
}

/// Each action of a plan as the document says it, in the plan's order — for the
/// response cards, which list every action where it applies, never "as above".
pub fn actions(plan: &Plan, lang: Lang, t: &Labels) -> Vec<ActionView> {
    let b = Builder {
        plan,
        lang,
        t,
        headings: HeadingNumbers::new(t),
        titles: Titles::of(plan),
    };
    plan.actions.iter().map(|a| b.action(a)).collect()
}

struct Builder<'a> {
    plan: &'a Plan,
    lang: Lang,
    t: &'a Labels,
    headings: HeadingNumbers,
    /// How each name is said (titles, identifiers as words).
    titles: Titles,
}

fn names(list: &[Name]) -> Vec<String> {
    list.iter().map(|n| n.value.to_string()).collect()
}

fn nonempty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// A name or text the plan may leave out, as written.
fn written(x: &Option<Name>) -> Option<String> {
    x.as_ref().map(|x| x.value.to_string())
}

/// A period of repetition as the document says it after "every": `每小时`, `every
/// hour` for one unit, `每3小时`, `every 3 hours` for more.
pub fn every_words(t: &Labels, d: Duration) -> String {
    match d.count {
        1 => t.get(&format!("duration_every.{}", d.unit.suffix())),
        _ => duration_words(t, d),
    }
}

/// A duration as the document says it: `30分钟`, `2 hours`.
pub fn duration_words(t: &Labels, d: Duration) -> String {
    let amount = Amount::Written {
        count: u64::from(d.count),
        suffix: d.unit.suffix(),
    };
    duration(t, amount, DurationStyle::Words)
}

/// The Chinese numeral of a heading number (`十二`), for labels that number headings
/// the way a Chinese official document does.
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

/// The letter of a heading number (`b` for 2), or the number past `z`.
fn letter(n: usize) -> String {
    match u8::try_from(n) {
        Ok(k @ 1..=26) => char::from(b'a' + (k - 1)).to_string(),
        _ => n.to_string(),
    }
}

/// How the four heading levels are numbered: the patterns `doc.heading.1` … `4`, whose
/// placeholders are `{n}` (`3`), `{cn}` (`三`), `{letter}` (`c`) and `{parent}` (the
/// number of the chapter, for section numbers like `4.2`).
#[derive(Clone, Debug)]
pub struct HeadingNumbers {
    chapter: String,
    section: String,
    item: String,
    subitem: String,
}

impl HeadingNumbers {
    pub fn new(t: &Labels) -> HeadingNumbers {
        HeadingNumbers {
            chapter: t.get("doc.heading.1"),
            section: t.get("doc.heading.2"),
            item: t.get("doc.heading.3"),
            subitem: t.get("doc.heading.4"),
        }
    }

    /// The formatted number of a heading at `level` (1–4; deeper ones are numbered
    /// as level 4) and position `n` (1-based) under chapter `parent`.
    pub fn format(&self, level: usize, n: usize, parent: usize) -> String {
        let pattern = match level {
            1 => &self.chapter,
            2 => &self.section,
            3 => &self.item,
            _ => &self.subitem,
        };
        fill(
            pattern,
            &[
                ("n", &n.to_string()),
                ("cn", &chinese_numeral(n)),
                ("letter", &letter(n)),
                ("parent", &parent.to_string()),
            ],
        )
    }
}

/// A large round number as the language groups it (`100万`), from the table
/// `doc.large_numbers` (largest first; empty where numbers are written out).
fn large_number(t: &Labels, n: f64) -> Option<String> {
    if n.fract() != 0.0 {
        return None;
    }
    let whole = n as i64;
    t.lookup("doc.large_numbers")?
        .as_array()?
        .iter()
        .find_map(|unit| {
            let per = unit.get("per")?.as_i64()?;
            let pattern = unit.get("pattern")?.as_str()?;
            (per > 0 && n.abs() >= per as f64 && whole % per == 0)
                .then(|| fill(pattern, &[("n", &(whole / per).to_string())]))
        })
}

impl Builder<'_> {
    fn sep(&self) -> String {
        self.t.get("doc.list_sep")
    }

    fn join(&self, list: &[Name]) -> Option<String> {
        let said: Vec<String> = list.iter().map(|n| self.said(&n.value)).collect();
        (!list.is_empty()).then(|| said.join(&self.sep()))
    }

    fn named_text(&self, name: &Name, text: &Text) -> NamedText {
        NamedText {
            name: self.heading(&name.value),
            text: text.value.to_string(),
        }
    }

    /// A definition's full title, or its name as prose says it when it has none.
    fn titled(&self, title: &Option<Text>, name: &Name) -> String {
        (title.as_ref()).map_or_else(|| self.said(&name.value), |t| t.value.to_string())
    }

    /// A name that heads a section or an item (an event, a statement template, a free
    /// text or annex): as prose says it, an identifier's words with a capital first
    /// letter ("Media inquiry", not "media inquiry").
    fn heading(&self, name: &str) -> String {
        self.titles.heading(name)
    }

    fn said_opt(&self, name: &Option<Name>) -> Option<String> {
        name.as_ref().map(|n| self.said(&n.value))
    }

    /// A name as prose says it: a word of the language as written (宣传部 is the short
    /// name the document uses after its title); an identifier by the definition's
    /// title, or as words when it has none.
    fn said(&self, name: &str) -> String {
        self.titles.said(name)
    }

    fn duration(&self, d: Duration) -> String {
        duration_words(self.t, d)
    }

    /// A time limit in words: its duration, or 立即 / 视情.
    fn limit(&self, within: &Option<Spanned<Duration>>, kind: Deadline) -> Option<String> {
        match kind {
            Deadline::Fixed => within.as_ref().map(|d| self.duration(d.value)),
            Deadline::Immediately => Some(self.t.get("doc.immediately")),
            Deadline::AsNeeded => Some(self.t.get("doc.as_needed")),
        }
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
        large_number(self.t, n).unwrap_or_else(|| crate::model::format_number(n))
    }

    /// A measurable condition in words: `累计触达人数≥100万 或 媒体关注≥省级媒体`.
    fn condition(&self, c: &Condition) -> String {
        self.cond_prec(c, 0)
    }

    fn cond_prec(&self, c: &Condition, prec: u8) -> String {
        // A nested group in the language's parentheses (full-width in Chinese text).
        let wrap = |s: String, open: bool| {
            if open {
                self.t.fill("condition.group", &[("cond", &s)])
            } else {
                s
            }
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
                self.comparison(&signal.value, op.as_str(), &value.value)
            }
        }
    }

    /// `累计触达人数≥100万`, `媒体关注为省级媒体`, `people reached ≥ 1000000`.
    fn comparison(&self, signal: &str, op: &str, value: &Value) -> String {
        let v = match value {
            Value::Number(n) => self.number(*n),
            Value::Word(w) => self
                .t
                .opt(&format!("media.{w}"))
                .or_else(|| self.t.opt(&format!("condition.{w}")))
                .unwrap_or_else(|| w.clone()),
        };
        let op = self
            .t
            .opt(&format!("condition.ops.{op}"))
            .unwrap_or_else(|| op.to_string());
        // An operator in words stands apart from its operands; a symbol takes the
        // language's gap.
        let gap = if op.chars().all(|c| c.is_alphabetic()) {
            " ".to_string()
        } else {
            self.t.get("doc.gap")
        };
        format!("{}{gap}{op}{gap}{v}", self.signal(signal))
    }

    /// A signal in words: the labels' word for it, else its domain's, else its name.
    fn signal(&self, s: &str) -> String {
        let domain = crate::model::domain::of(self.plan);
        let words = || domain.signal(s)?.words.get(self.lang.code()).cloned();
        (self.t.opt(&format!("condition.signals.{s}")))
            .or_else(words)
            .unwrap_or_else(|| s.to_string())
    }

    fn level(&self, l: &Level) -> LevelView {
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
        let label = match &color {
            Some(c) if !l.name.value.contains(c.as_str()) => self
                .t
                .fill("level.with_color", &[("name", &l.name.value), ("color", c)]),
            _ => l.name.value.to_string(),
        };
        LevelView {
            name: l.name.value.to_string(),
            label,
            rank: l.rank.as_ref().map(|r| r.value),
            color,
            color_key,
            roman: roman_s,
            response,
            title,
            heading,
            criteria: l.criteria.as_ref().map(|c| c.value.to_string()),
            when: l.when.as_ref().map(|w| self.condition(&w.value)),
            declared_by: self.declarers(l),
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
            reports: self.level_reports(l),
            stand_down_by: self.said_opt(&sd.and_then(|s| s.approved_by.clone())),
            roster: self.said_opt(&l.roster),
            reports_same_as: None,
            may_follow: None,
        }
    }

    /// Who declares a level: "总指挥", or "总指挥或上级主管部门" when others may too.
    fn declarers(&self, l: &Level) -> Option<String> {
        let first = self.said_opt(&l.declared_by)?;
        let also = l.declared_by_also.iter().map(|n| self.said(&n.value));
        let all: Vec<String> = std::iter::once(first).chain(also).collect();
        Some(all.join(&self.t.get("doc.or_sep")))
    }

    /// A level's own reporting lines, each from its reporter (the line's `by`, the
    /// level's declarer, else the commander).
    fn level_reports(&self, l: &Level) -> Vec<ReportView> {
        (l.reports_to.iter())
            .flat_map(|r| {
                let from = l.reporter(r).or(self.plan.commander());
                let from = from.map_or("", |n| n.value.as_str());
                self.reports(from, std::slice::from_ref(r))
            })
            .collect()
    }

    /// The levels, highest first (rank 1 first; unranked last, in plan order).
    fn sorted_levels(&self) -> Vec<&Level> {
        let mut v: Vec<&Level> = self.plan.levels.iter().collect();
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
            Trigger::Event(e) => self
                .t
                .fill("trigger.event", &[("event", &self.said(&e.value))]),
        }
    }

    fn action(&self, a: &Action) -> ActionView {
        let deliver = a.deliver.as_ref().map(|d| {
            let kind = self
                .t
                .opt(&format!("deliver.{}", d.kind.value))
                .unwrap_or_else(|| d.kind.value.to_string());
            match &d.title {
                Some(title) => self.t.fill(
                    "doc.deliver_titled",
                    &[("kind", &kind), ("title", &title.value)],
                ),
                None => kind,
            }
        });
        ActionView {
            name: self.said(&a.name.value),
            trigger: self.trigger(&a.trigger.value),
            owner: self
                .said_opt(&a.owner)
                .map(|owner| match self.join(&a.co_owners) {
                    Some(with) => self
                        .t
                        .fill("doc.owner_with", &[("owner", &owner), ("with", &with)]),
                    None => owner,
                }),
            approve: self.join(&a.approve),
            consult: self.join(&a.consult),
            inform: self.join(&a.inform),
            within: relative_limit(self.t, a, self.limit(&a.within, a.deadline), &|n| {
                self.said(n)
            }),
            deadline: if a.anchor.is_some() && a.deadline != Deadline::AsNeeded {
                "relative"
            } else {
                a.deadline.keyword()
            },
            every: a.every.as_ref().map(|d| every_words(self.t, d.value)),
            every_for: a.every_for.as_ref().map(|d| self.duration(d.value)),
            // An action's title runs on in the sentence: "after first public response".
            after: (!a.after.is_empty()).then(|| {
                let said: Vec<String> = (a.after.iter())
                    .map(|n| super::prose::lower_first_word(&self.said(&n.value)))
                    .collect();
                said.join(&self.sep())
            }),
            deliver,
            capability: a.capability.as_ref().map(|c| c.value.to_string()),
            detail: a.detail.as_ref().map(|d| self.sentence(d)),
            same_as: None,
            condition: self.action_condition(a),
            invoke: a.invoke.as_ref().map(|t| t.value.to_string()),
        }
    }

    /// Each event grade with the levels (highest first) that answer it.
    fn grades(&self, sorted: &[&Level]) -> Vec<GradeView> {
        (self.plan.grades.iter())
            .map(|g| {
                let levels: Vec<String> = (sorted.iter())
                    .filter(|l| l.grade.as_ref().is_some_and(|n| n.value == g.name.value))
                    .map(|l| self.said(&l.name.value))
                    .collect();
                GradeView {
                    name: self.heading(&g.name.value),
                    criteria: g.criteria.as_ref().map(|c| self.sentence(c)),
                    levels: levels.join(&self.sep()),
                }
            })
            .collect()
    }

    /// `必要时`, `如经总指挥签批同意`, `如未经总指挥签批同意`, `如出现侵权信息（可量化判据：…）`,
    /// joined when there are several; none for an action always done.
    fn action_condition(&self, a: &Action) -> Option<String> {
        let mut parts = Vec::new();
        if a.optional {
            parts.push(self.t.get("sentence.action_optional"));
        }
        for g in &a.conditions {
            let key = if g.unless {
                "sentence.action_unless"
            } else {
                "sentence.action_if"
            };
            let mut s = self.t.fill(key, &[("cond", &g.words.value)]);
            if let Some(w) = &g.when {
                let measurable = self.condition(&w.value);
                s.push_str(
                    &self
                        .t
                        .fill("sentence.level_stand_down_when", &[("cond", &measurable)]),
                );
            }
            parts.push(s);
        }
        (!parts.is_empty()).then(|| parts.join(&self.t.get("sentence.action_condition_and")))
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
                from: self.said(from),
                to: self.said(&l.to.value),
                within: self.limit(&l.within, l.deadline),
                deadline: l.deadline.keyword(),
                via: l.via.as_ref().map(|v| v.value.to_string()),
            })
            .collect()
    }

    /// Duties as a list reads: each item ends with the list's separator, the last
    /// with a full stop, unless the plan wrote its own.
    fn duties(&self, list: &[crate::model::Duty]) -> Vec<String> {
        self.listed(list.iter().map(|d| d.text.value.to_string()).collect())
    }

    fn listed(&self, items: Vec<String>) -> Vec<String> {
        let n = items.len();
        let (item_end, last_end) = (
            self.t.get("doc.item_end"),
            self.t.get("sentence.action_end"),
        );
        let items = items.into_iter().enumerate();
        items
            .map(|(i, s)| finished(&s, if i + 1 == n { &last_end } else { &item_end }))
            .collect()
    }

    /// A detail of the plan as a sentence: ended with a full stop unless it already is.
    fn sentence(&self, text: &Text) -> String {
        finished(
            &super::prose::inline(&text.value),
            &self.t.get("sentence.action_end"),
        )
    }

    fn exercise(&self, e: &crate::model::Exercise) -> ExerciseView {
        ExerciseView {
            name: self.said(&e.name.value),
            // A kind the name already says (培训 in 舆情监测培训) is not said again.
            kind: e.kind.as_ref().map(|k| self.kind(k)).filter(|k| {
                !display::as_words(&e.name.value)
                    .to_lowercase()
                    .contains(&k.to_lowercase())
            }),
            every: e.every.as_ref().map(|d| every_words(self.t, d.value)),
            owner: self.said_opt(&e.owner),
            scenarios: self.join(&e.scenarios),
            detail: e.detail.as_ref().map(|d| self.sentence(d)),
        }
    }

    /// The levels as the document says them, highest first; a level that reports as a
    /// higher one does refers to it.
    fn level_views(&self, sorted: &[&Level]) -> Vec<LevelView> {
        let mut levels: Vec<LevelView> = sorted.iter().map(|l| self.level(l)).collect();
        for i in 1..levels.len() {
            let (higher, rest) = levels.split_at_mut(i);
            let l = &mut rest[0];
            if let Some(h) =
                (higher.iter()).find(|h| !l.reports.is_empty() && h.reports == l.reports)
            {
                l.reports_same_as = Some(h.response.clone().unwrap_or_else(|| h.title.clone()));
            }
        }
        for (i, l) in sorted.iter().enumerate() {
            let Some(f) = &l.may_follow else { continue };
            let Some(target) = levels.iter().find(|v| *v.name == *f.level.value) else {
                continue;
            };
            let target = target
                .response
                .clone()
                .unwrap_or_else(|| target.title.clone());
            levels[i].may_follow = Some(match &f.condition {
                Some(c) => {
                    let cond = c.value.trim_end_matches(['。', '.']).to_string();
                    let args = [("cond", cond.as_str()), ("target", target.as_str())];
                    self.t.fill("sentence.level_may_follow", &args)
                }
                None => self
                    .t
                    .fill("sentence.level_may_follow_bare", &[("target", &target)]),
            });
        }
        levels
    }

    /// The reporting table: the standing lines, then each level's own, its reporter
    /// marked with the level.
    fn reporting(
        &self,
        roles: &[PartyView],
        units: &[PartyView],
        levels: &[LevelView],
    ) -> Vec<ReportView> {
        let at_level = levels.iter().flat_map(|l| {
            l.reports.iter().map(|r| ReportView {
                from: (self.t).fill(
                    "doc.report_at_level",
                    &[
                        ("from", &r.from),
                        ("level", l.response.as_ref().unwrap_or(&l.name)),
                    ],
                ),
                ..r.clone()
            })
        });
        (roles.iter().chain(units.iter()))
            .flat_map(|r| r.reports.iter().cloned())
            .chain(at_level)
            .collect()
    }

    fn view(&self) -> View {
        let p = self.plan;
        let roles = self.roles();
        let units = self.units();
        let externals = self.externals();
        let sorted = self.sorted_levels();
        let levels = self.level_views(&sorted);
        let reporting = self.reporting(&roles, &units, &levels);
        let contacts = self.contacts(&roles, &units, &externals);
        let mut view = View {
            lang: self.lang,
            header: self.header(),
            outline: Vec::new(),
            annexes: Vec::new(),
            backups_in: None,
            raci_in: None,
            signature: None,
            purpose: written(&p.purpose),
            scope: written(&p.scope),
            principles: p
                .principles
                .iter()
                .map(|x| self.named_text(&x.name, &x.text))
                .collect(),
            bodies: self.bodies(),
            roles,
            units,
            externals,
            channels: self.channels(),
            rosters: self.rosters(),
            grades: self.grades(&sorted),
            reporting_table: shared_rows(&reporting, &self.t.get("doc.list_sep")),
            reporting,
            detect: self.actions_where(|t| matches!(t, Trigger::Detect)),
            level_responses: self.level_responses(&sorted, &levels),
            measures: self.measures(&sorted, &levels),
            events: self.events(),
            upgrade: self.actions_where(|t| matches!(t, Trigger::Upgrade)),
            downgrade: self.actions_where(|t| matches!(t, Trigger::Downgrade)),
            aftermath: self.actions_where(|t| matches!(t, Trigger::StandDown)),
            resources: self.resources(),
            trainings: p.trainings.iter().map(|e| self.exercise(e)).collect(),
            drills: p.drills.iter().map(|e| self.exercise(e)).collect(),
            statement_templates: p
                .templates
                .iter()
                .map(|a| self.named_text(&a.name, &a.text))
                .collect(),
            raci: self.raci(),
            matrix: self.matrix(&sorted, &levels),
            contacts,
            flow: flow::layout(self.plan, &sorted, &levels, self.t, &|n| self.said(n)),
            levels,
        };
        view.outline = self.outline(&view);
        view.annexes = self.annexes(&view);
        view.signature = signature(&view.header);
        let annex_ref = |a: &AnnexView| {
            let annex = [("num", a.num.as_str()), ("title", a.title.as_str())];
            self.t.fill("doc.annex_ref", &annex)
        };
        view.raci_in = (view.annexes.iter())
            .find(|a| a.key == "raci")
            .map(annex_ref);
        if view.raci_in.is_some() {
            let heads = view.measures.levels.clone();
            for r in &mut view.measures.rows {
                r.ways = self.ways(&r.at, &heads, true);
            }
        }
        let has_backups = view.contacts.iter().any(|c| c.backup.is_some());
        view.backups_in = (view.annexes.iter())
            .find(|a| a.key == "contacts" && has_backups)
            .map(annex_ref);
        view
    }

    fn header(&self) -> HeaderView {
        let untitled = || self.t.get("doc.untitled");
        let Some(h) = self.plan.plan.as_ref() else {
            return HeaderView {
                title: untitled(),
                ..HeaderView::default()
            };
        };
        let date = |d: &Option<Spanned<Date>>| d.as_ref().map(|d| self.date(d.value));
        let every =
            |d: &Option<Spanned<Duration>>| d.as_ref().map(|d| every_words(self.t, d.value));
        let texts = |list: &[Text]| list.iter().map(|x| x.value.to_string()).collect();
        let title = nonempty(h.title.value.to_string()).unwrap_or_else(untitled);
        let notice = (!h.to.is_empty()).then(|| {
            let to: Vec<String> = texts(&h.to);
            NoticeView {
                title: self.t.fill("doc.notice_title", &[("title", &title)]),
                to: to.join(&self.t.get("doc.to_sep")) + &self.t.get("doc.to_end"),
                text: (h.notice.as_ref()).map_or_else(
                    || self.t.fill("doc.notice_text", &[("title", &title)]),
                    |n| n.value.to_string(),
                ),
            }
        });
        HeaderView {
            title,
            org: written(&h.org),
            issuer: written(&h.issuer).or_else(|| written(&h.org)),
            printed_by: (written(&h.printed_by).or_else(|| written(&h.issuer)))
                .or_else(|| written(&h.org)),
            number: written(&h.number),
            version: written(&h.version),
            issued: date(&h.issued),
            issued_iso: h.issued.as_ref().map(|d| d.value.to_string()),
            filed: date(&h.filed),
            filed_with: h.filed_with.as_ref().map(|x| self.filing_authority(x)),
            reviewed: date(&h.reviewed),
            approver: self.said_opt(&h.approver),
            maintainer: self.said_opt(&h.maintainer),
            review_every: every(&h.review_every),
            drill_every: every(&h.drill_every),
            basis: self.listed(texts(&h.basis)),
            parent: texts(&h.parent),
            related_all: {
                let related = texts(&h.related);
                let titled = (related.iter()).all(|r| r.starts_with('《') && r.ends_with('》'));
                let sep = if titled { String::new() } else { self.sep() };
                (!related.is_empty()).then(|| related.join(&sep))
            },
            related: texts(&h.related),
            cc: texts(&h.cc),
            notice,
        }
    }

    /// The authority the plan is filed with, by its title when the plan defines it.
    fn filing_authority(&self, name: &Name) -> String {
        self.plan
            .externals
            .iter()
            .find(|e| e.name.value == name.value)
            .and_then(|e| e.title.as_ref())
            .map_or_else(|| name.value.to_string(), |t| t.value.to_string())
    }

    fn bodies(&self) -> Vec<BodyView> {
        let p = self.plan;
        let holder_of = |name: &str| {
            p.roles
                .iter()
                .find(|r| r.name.value == name)
                .and_then(|r| written(&r.holder))
        };
        p.bodies
            .iter()
            .map(|b| BodyView {
                name: b.name.value.to_string(),
                title: self.titled(&b.title, &b.name),
                lead: self.said_opt(&b.lead),
                lead_holder: b.lead.as_ref().and_then(|x| holder_of(&x.value)),
                joint_leads: (!b.co_leads.is_empty())
                    .then(|| {
                        let all: Vec<Name> = b.lead.iter().chain(&b.co_leads).cloned().collect();
                        self.join(&all)
                    })
                    .flatten(),
                deputies: self.join(&b.deputies),
                deputy_list: b
                    .deputies
                    .iter()
                    .map(|d| Holder {
                        name: self.said(&d.value),
                        holder: holder_of(&d.value),
                    })
                    .collect(),
                office: self.said_opt(&b.office),
                members: self.join(&b.members),
                duties: self.duties(&b.duties),
            })
            .collect()
    }

    fn roles(&self) -> Vec<PartyView> {
        let party = |r: &crate::model::Role| PartyView {
            name: r.name.value.to_string(),
            title: self.titled(&r.title, &r.name),
            kind: None,
            holder: written(&r.holder),
            backup: self.said_opt(&r.backup),
            reports: self.reports(&r.name.value, &r.reports_to),
            duties: self.duties(&r.duties),
            contact: written(&r.contact),
        };
        self.plan.roles.iter().map(party).collect()
    }

    fn units(&self) -> Vec<PartyView> {
        let party = |u: &crate::model::Unit| PartyView {
            name: u.name.value.to_string(),
            title: self.titled(&u.title, &u.name),
            kind: None,
            holder: written(&u.head),
            backup: self.said_opt(&u.backup),
            reports: self.reports(&u.name.value, &u.reports_to),
            duties: self.duties(&u.duties),
            contact: written(&u.contact),
        };
        self.plan.units.iter().map(party).collect()
    }

    fn externals(&self) -> Vec<PartyView> {
        let party = |e: &crate::model::External| PartyView {
            name: self.said(&e.name.value),
            title: self.titled(&e.title, &e.name),
            kind: e.kind.as_ref().map(|k| self.kind(k)),
            holder: None,
            backup: None,
            reports: Vec::new(),
            duties: self.duties(&e.duties),
            contact: written(&e.contact),
        };
        self.plan.externals.iter().map(party).collect()
    }

    fn channels(&self) -> Vec<ChannelView> {
        let hours_sep = self.t.get("hours.sep");
        let hours = |periods: &[Period]| {
            periods
                .iter()
                .map(|p| self.period(p))
                .collect::<Vec<_>>()
                .join(&hours_sep)
        };
        self.plan
            .channels
            .iter()
            .map(|c| ChannelView {
                name: c.name.value.to_string(),
                title: self.titled(&c.title, &c.name),
                kind: c.kind.as_ref().map(|k| self.kind(k)),
                watched_by: self.join(&c.watched_by),
                hours: c.hours.as_ref().map(|h| hours(&h.value)),
                roster: self.said_opt(&c.roster),
            })
            .collect()
    }

    /// A roster's name in the roster table; one a level names says from which level
    /// up it is on duty (the lowest level that names it).
    fn roster_name(&self, r: &crate::model::Roster) -> String {
        let name = self.said(&r.name.value);
        let from = (self.sorted_levels().into_iter().rev())
            .find(|l| l.roster.as_ref().is_some_and(|n| n.value == r.name.value));
        match from {
            Some(l) => {
                let level = l.response.as_ref().map(|x| roman(x.value));
                let level = level.map_or(l.name.value.to_string(), |roman| {
                    self.t.fill("level.response", &[("roman", roman)])
                });
                (self.t).fill(
                    "doc.roster_from_level",
                    &[("name", &name), ("level", &level)],
                )
            }
            None => name,
        }
    }

    fn rosters(&self) -> Vec<RosterView> {
        self.plan
            .rosters
            .iter()
            .map(|r| RosterView {
                name: self.roster_name(r),
                unit: self.said_opt(&r.unit).or_else(|| self.on_call(r)),
                shifts: r
                    .shifts
                    .iter()
                    .map(|s| ShiftView {
                        name: s.name.value.to_string(),
                        period: self.period(&s.period.value),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Who is on duty in an on-call rotation, as the roster table says it: the role held
    /// in turn, how often the turn passes, and when the secondary is paged.
    fn on_call(&self, r: &crate::model::Roster) -> Option<String> {
        let role = self.said_opt(&r.role)?;
        let mut parts = vec![fill(&self.t.get("sentence.on_call"), &[("role", &role)])];
        if let Some(d) = &r.rotation {
            let every = every_words(self.t, d.value);
            parts.push(fill(
                &self.t.get("sentence.on_call_rotation"),
                &[("every", &every)],
            ));
        }
        if let Some(d) = &r.secondary {
            let after = self.duration(d.value);
            parts.push(fill(
                &self.t.get("sentence.on_call_secondary"),
                &[("after", &after)],
            ));
        }
        Some(parts.join(&self.t.get("sentence.clause_sep")))
    }

    /// Each level, highest first, with the actions it starts.
    /// An action a higher level already described in the same words is referred to
    /// by that level's response.
    fn level_responses(&self, sorted: &[&Level], views: &[LevelView]) -> Vec<LevelResponse> {
        let mut out: Vec<LevelResponse> = Vec::new();
        // The first description of each reading at a higher level: (response, action).
        let mut described: std::collections::HashMap<ActionView, (usize, usize)> =
            std::collections::HashMap::new();
        // Each action is described once and copied to every level of its block.
        let described_once: Vec<Option<ActionView>> = (self.plan.actions.iter())
            .map(|a| matches!(a.trigger.value, Trigger::Level(_)).then(|| self.action(a)))
            .collect();
        for (l, view) in sorted.iter().zip(views) {
            let mut actions: Vec<ActionView> = (self.plan.actions.iter())
                .zip(&described_once)
                .filter(|(a, _)| a.levels().iter().any(|n| n.value == l.name.value))
                .filter_map(|(_, v)| v.clone())
                .collect();
            let mut sources = Vec::with_capacity(actions.len());
            for a in &mut actions {
                if let Some(&(r, b)) = described.get(&a.reading()) {
                    sources.push((r, b));
                    let (r, b) = (&out[r], &out[r].actions[b]);
                    a.same_as = Some(
                        r.level
                            .response
                            .clone()
                            .unwrap_or_else(|| r.level.title.clone()),
                    );
                    if a.detail == b.detail {
                        a.detail = None;
                    }
                }
            }
            let here = out.len();
            for (i, a) in actions.iter().enumerate() {
                if a.same_as.is_none() {
                    described.entry(a.reading()).or_insert((here, i));
                }
            }
            let same_as =
                self.same_response(&out, &actions, &sources)
                    .map(|same| match &view.response {
                        Some(r) => self.t.fill(
                            "sentence.level_same_as",
                            &[("response", r), ("same", &same)],
                        ),
                        None => self
                            .t
                            .fill("sentence.level_same_as_bare", &[("same", &same)]),
                    });
            if same_as.is_some() {
                actions.clear();
            }
            out.push(LevelResponse {
                level: view.clone(),
                same_as,
                actions,
            });
        }
        out
    }

    /// The graded response's measures, each once: a measure is an action's name and
    /// owner; levels are the columns, highest first, those without measures left out.
    fn measures(&self, sorted: &[&Level], views: &[LevelView]) -> Measures {
        let at_level = |l: &Level| -> Vec<ActionView> {
            (self.plan.actions.iter())
                .filter(|a| matches!(a.trigger.value, Trigger::Level(_)))
                .filter(|a| a.levels().iter().any(|n| n.value == l.name.value))
                .map(|a| self.action(a))
                .collect()
        };
        let columns: Vec<(usize, Vec<ActionView>)> = (sorted.iter().enumerate())
            .map(|(i, l)| (i, at_level(l)))
            .filter(|(_, list)| !list.is_empty())
            .collect();
        let mut rows: Vec<MeasureRow> = Vec::new();
        for (c, (_, list)) in columns.iter().enumerate() {
            for a in list {
                let i = match (rows.iter()).position(|r| r.name == a.name && r.owner == a.owner) {
                    Some(i) => i,
                    None => {
                        rows.push(MeasureRow {
                            name: a.name.clone(),
                            owner: a.owner.clone(),
                            at: vec![None; columns.len()],
                            ways: Vec::new(),
                        });
                        rows.len() - 1
                    }
                };
                rows[i].at[c].get_or_insert_with(|| a.clone());
            }
        }
        let heads: Vec<String> = (columns.iter())
            .map(|&(i, _)| match views[i].roman {
                Some(roman) => self.t.fill("measures.level", &[("roman", roman)]),
                None => views[i].name.clone(),
            })
            .collect();
        let (heads, rows) = self.same_columns(heads, rows);
        let mut rows = rows;
        for r in &mut rows {
            r.ways = self.ways(&r.at, &heads, false);
        }
        Measures {
            levels: heads,
            rows,
        }
    }

    /// Levels that take the same measures in the same way share one column (`Ⅲ级、Ⅳ级`):
    /// a plan of many levels alike has a table as wide as its different levels.
    fn same_columns(
        &self,
        heads: Vec<String>,
        rows: Vec<MeasureRow>,
    ) -> (Vec<String>, Vec<MeasureRow>) {
        let column = |c: usize| -> Vec<Option<ActionView>> {
            (rows.iter())
                .map(|r| {
                    r.at[c].as_ref().map(|a| ActionView {
                        trigger: String::new(),
                        ..a.clone()
                    })
                })
                .collect()
        };
        let mut kept: Vec<(Vec<Option<ActionView>>, Vec<usize>)> = Vec::new();
        let mut first: std::collections::HashMap<Vec<Option<ActionView>>, usize> =
            std::collections::HashMap::new();
        for c in 0..heads.len() {
            let key = column(c);
            match first.get(&key) {
                Some(&k) => kept[k].1.push(c),
                None => {
                    first.insert(key.clone(), kept.len());
                    kept.push((key, vec![c]));
                }
            }
        }
        if kept.len() == heads.len() {
            return (heads, rows);
        }
        let sep = self.sep();
        let heads = (kept.iter())
            .map(|(_, cs)| {
                cs.iter()
                    .map(|&c| heads[c].as_str())
                    .collect::<Vec<_>>()
                    .join(&sep)
            })
            .collect();
        let rows = (rows.into_iter())
            .map(|r| MeasureRow {
                at: kept.iter().map(|(_, cs)| r.at[cs[0]].clone()).collect(),
                ..r
            })
            .collect();
        (heads, rows)
    }

    /// The ways a measure is done across the levels, each with the levels that do it
    /// so (named only when they differ).
    fn ways(&self, at: &[Option<ActionView>], heads: &[String], raci: bool) -> Vec<MeasureWay> {
        // (how it is done but the detail, [(detail, levels)])
        type Details<'h> = Vec<(Option<String>, Vec<&'h str>)>;
        let mut ways: Vec<(ActionView, Details)> = Vec::new();
        for (a, head) in at.iter().zip(heads) {
            let Some(a) = a else { continue };
            let core = ActionView {
                detail: None,
                ..a.manner(raci)
            };
            let i = match ways.iter().position(|(m, _)| *m == core) {
                Some(i) => i,
                None => {
                    ways.push((core, Vec::new()));
                    ways.len() - 1
                }
            };
            let details = &mut ways[i].1;
            match details.iter_mut().find(|(d, _)| *d == a.detail) {
                Some((_, levels)) => levels.push(head),
                None => details.push((a.detail.clone(), vec![head])),
            }
        }
        let alike = ways.len() == 1;
        let sep = self.t.get("doc.list_sep");
        (ways.into_iter())
            .map(|(mut action, mut details)| {
                let levels = details.iter().flat_map(|(_, l)| l.iter().copied());
                let levels = (!alike).then(|| levels.collect::<Vec<_>>().join(&sep));
                if details.len() == 1 {
                    action.detail = details.pop().and_then(|(d, _)| d);
                }
                let details = (details.into_iter())
                    .filter_map(|(d, l)| {
                        d.map(|detail| LevelDetail {
                            levels: l.join(&sep),
                            detail,
                        })
                    })
                    .collect();
                MeasureWay {
                    levels,
                    action,
                    details,
                }
            })
            .collect()
    }

    /// The response whose measures a level takes over whole — every action of both,
    /// organised alike, no detail of its own — which the document then names in one
    /// sentence instead of a table of references.
    fn same_response(
        &self,
        out: &[LevelResponse],
        actions: &[ActionView],
        sources: &[(usize, usize)],
    ) -> Option<String> {
        let &(r, _) = sources.first()?;
        let whole = sources.len() == actions.len()
            && sources.iter().all(|&(s, _)| s == r)
            && actions.iter().all(|a| a.detail.is_none())
            && sources
                .iter()
                .map(|&(_, b)| b)
                .collect::<std::collections::HashSet<_>>()
                .len()
                == out[r].actions.len();
        whole.then(|| actions[0].same_as.clone()).flatten()
    }

    /// The actions started by each event, events in the order the plan first names them.
    fn events(&self) -> Vec<EventResponse> {
        let mut events: Vec<EventResponse> = Vec::new();
        for a in &self.plan.actions {
            let Trigger::Event(e) = &a.trigger.value else {
                continue;
            };
            let action = self.action(a);
            let event = self.heading(&e.value);
            match events.iter_mut().find(|x| x.event == event) {
                Some(x) => x.actions.push(action),
                None => events.push(EventResponse {
                    event,
                    actions: vec![action],
                }),
            }
        }
        events
    }

    /// The safeguards grouped by kind, kinds in the order the plan first names them.
    fn resources(&self) -> Vec<ResourceGroup> {
        let mut groups: Vec<ResourceGroup> = Vec::new();
        for r in &self.plan.resources {
            let kind = r
                .kind
                .as_ref()
                .map(|k| self.kind(k))
                .unwrap_or_else(|| self.t.get("kind.other"));
            let item = ResourceView {
                name: self.said(&r.name.value),
                owner: self.said_opt(&r.owner),
                detail: r.detail.as_ref().map(|d| self.sentence(d)),
            };
            match groups.iter_mut().find(|g| g.kind == kind) {
                Some(g) => g.items.push(item),
                None => groups.push(ResourceGroup {
                    kind,
                    items: vec![item],
                }),
            }
        }
        groups
    }

    /// Which sections each chapter has, in the GB/T 29639 order, with the plan's free
    /// texts merged into the section of the same title or added after the generated ones.
    fn outline(&self, v: &View) -> Vec<ChapterView> {
        let mut out = Vec::new();
        // The chapters of the body, in the GB/T 29639 order; annexes are numbered apart.
        let body = Chapter::ALL.into_iter().filter(|c| *c != Chapter::Annex);
        for (ci, chapter) in body.enumerate() {
            let cn = ci + 1;
            let mut sections = self.generated_sections(chapter, v);
            self.merge_texts(chapter, &mut sections);
            for (si, s) in sections.iter_mut().enumerate() {
                s.num = self.headings.format(2, si + 1, cn);
            }
            out.push(ChapterView {
                key: chapter.keyword(),
                num: self.headings.format(1, cn, 0),
                title: self.t.get(&format!("chapter.{}", chapter.keyword())),
                sections,
            });
        }
        out
    }

    /// The generated sections of a chapter that have something to show, and under
    /// safeguards one section per kind of resource.
    fn generated_sections(&self, chapter: Chapter, v: &View) -> Vec<SectionView> {
        let mut sections: Vec<SectionView> = section_keys(chapter, v)
            .into_iter()
            .map(|key| SectionView {
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
        sections
    }

    /// Puts the plan's free texts of a chapter at the head of the generated section of
    /// the same title, or after the generated sections as sections of their own.
    fn merge_texts(&self, chapter: Chapter, sections: &mut Vec<SectionView>) {
        let texts = self.plan.texts.iter().enumerate();
        for (i, prose) in texts.filter(|(_, x)| x.chapter == chapter) {
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
                    title: self.heading(name),
                    text: Some(text),
                    index: i,
                }),
            }
        }
    }

    fn annexes(&self, v: &View) -> Vec<AnnexView> {
        let mut list: Vec<AnnexView> = Vec::new();
        let mut generated = |key: &'static str, shown: bool| {
            if shown {
                list.push(AnnexView {
                    key,
                    num: String::new(),
                    title: self.t.get(&format!("annex.{key}")),
                    text: None,
                });
            }
        };
        generated("raci", !v.raci.rows.is_empty());
        // No level–response matrix: the level responses are task tables with each action's
        // owner and time limit, and the matrix said the same a second time.
        generated("contacts", !v.contacts.is_empty());
        generated("flow", !v.flow.nodes.is_empty());
        generated("templates", !v.statement_templates.is_empty());
        let p = self.plan;
        let annex_texts = p.texts.iter().filter(|x| x.chapter == Chapter::Annex);
        let prose = (p.annexes.iter().map(|a| (&a.name, &a.text)))
            .chain(annex_texts.map(|x| (&x.name, &x.text)));
        list.extend(prose.map(|(name, text)| AnnexView {
            key: "text",
            num: String::new(),
            title: self.heading(&name.value),
            text: Some(text.value.to_string()),
        }));
        for (i, annex) in list.iter_mut().enumerate() {
            annex.num = self
                .t
                .fill("doc.annex_prefix", &[("n", &(i + 1).to_string())]);
        }
        list
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
        let rows: Vec<MatrixRow> = p
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
                    action: self.said(&a.name.value),
                    trigger: self.trigger(&a.trigger.value),
                    owner: self.said_opt(&a.owner),
                    cells,
                }
            })
            .collect();
        let parties: Vec<String> = parties.iter().map(|n| self.said(n)).collect();
        let rows = self.raci_by_level(rows);
        let groups = raci_groups(&parties, &rows);
        let longest = (parties.iter()).map(|p| super::prose::set_width(p)).max();
        Raci {
            head_twips: longest.map_or(0, |w| w as u32 * super::prose::COLUMN_TWIPS + 240),
            parties,
            rows,
            groups,
        }
    }

    /// The RACI rows of the graded response as the measures table has them: one group,
    /// levels highest first, a measure once for the levels whose letters are alike —
    /// named with those levels when the letters differ between levels.
    fn raci_by_level(&self, rows: Vec<MatrixRow>) -> Vec<MatrixRow> {
        let acts = &self.plan.actions;
        let at_level = |i: usize| matches!(acts[i].trigger.value, Trigger::Level(_));
        let Some(first) = (0..rows.len()).find(|&i| at_level(i)) else {
            return rows;
        };
        let sep = self.t.get("doc.list_sep");
        // (action, cells, levels)
        let mut merged: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for l in self.sorted_levels() {
            let head = match l.response.as_ref().map(|r| roman(r.value)) {
                Some(roman) => self.t.fill("measures.level", &[("roman", roman)]),
                None => l.name.value.to_string(),
            };
            let here = (0..rows.len()).filter(|&i| {
                at_level(i) && acts[i].levels().iter().any(|n| n.value == l.name.value)
            });
            for i in here {
                let r = &rows[i];
                match (merged.iter_mut()).find(|(a, c, _)| *a == r.action && *c == r.cells) {
                    Some((_, _, levels)) => levels.push(head.clone()),
                    None => merged.push((r.action.clone(), r.cells.clone(), vec![head.clone()])),
                }
            }
        }
        let trigger = self.t.get("raci.levels");
        let level_rows: Vec<MatrixRow> = (merged.iter())
            .map(|(action, cells, levels)| {
                let variants = merged.iter().filter(|(a, _, _)| a == action).count();
                let levels = levels.join(&sep);
                MatrixRow {
                    action: if variants > 1 {
                        let args = [("action", action.as_str()), ("levels", levels.as_str())];
                        self.t.fill("raci.at_levels", &args)
                    } else {
                        action.clone()
                    },
                    trigger: trigger.clone(),
                    owner: None,
                    cells: cells.clone(),
                }
            })
            .collect();
        let mut out: Vec<MatrixRow> = Vec::with_capacity(rows.len());
        for (i, r) in rows.into_iter().enumerate() {
            if i == first {
                out.extend(level_rows.iter().cloned());
            }
            if !at_level(i) {
                out.push(r);
            }
        }
        out
    }

    fn matrix(&self, sorted: &[&Level], views: &[LevelView]) -> Matrix {
        let rows = self
            .plan
            .actions
            .iter()
            .filter(|a| !a.levels().is_empty())
            .map(|a| MatrixRow {
                action: self.said(&a.name.value),
                trigger: self.trigger(&a.trigger.value),
                owner: self.said_opt(&a.owner),
                cells: sorted
                    .iter()
                    .map(|l| {
                        if !a.levels().iter().any(|n| n.value == l.name.value) {
                            String::new()
                        } else if a.anchor.is_some() {
                            let limit = self.limit(&a.within, a.deadline);
                            relative_limit(self.t, a, limit, &|n| self.said(n)).unwrap_or_default()
                        } else if let Some(d) = &a.within {
                            self.duration(d.value)
                        } else if let Some(d) = &a.every {
                            self.t
                                .fill("matrix.every", &[("every", &every_words(self.t, d.value))])
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

/// `text` ended with `mark`, unless it already ends in punctuation that closes or
/// introduces a sentence.
fn finished(text: &str, mark: &str) -> String {
    let text = text.trim_end();
    let closed = text
        .chars()
        .last()
        .is_none_or(|c| "。；！？：….;!?:".contains(c));
    if closed {
        text.to_string()
    } else {
        format!("{text}{mark}")
    }
}

/// Whether a level says when its response ends.
fn ends(l: &LevelView) -> bool {
    l.stand_down.is_some() || l.stand_down_when.is_some()
}

/// The generated sections a chapter has, in the GB/T 29639 order: those with
/// something to show.
fn section_keys(chapter: Chapter, v: &View) -> Vec<&'static str> {
    let h = &v.header;
    let mut keys = Vec::new();
    let mut put = |key: &'static str, shown: bool| {
        if shown {
            keys.push(key);
        }
    };
    match chapter {
        Chapter::General => {
            put("purpose", v.purpose.is_some());
            put("basis", !h.basis.is_empty());
            put("scope", v.scope.is_some());
            put("principles", !v.principles.is_empty());
            put("system", !h.parent.is_empty() || !h.related.is_empty());
        }
        Chapter::Organization => {
            put("body", !v.bodies.is_empty());
            let any_duties = !v.bodies.is_empty() || !v.roles.is_empty() || !v.units.is_empty();
            put("duties", any_duties);
            put("externals", !v.externals.is_empty());
        }
        Chapter::Monitoring => {
            put("channels", !v.channels.is_empty());
            put("rosters", !v.rosters.is_empty());
            put("levels", !v.levels.is_empty());
            // Lifting a warning is said once, with the end of the response.
            let adjust = |l: &LevelView| {
                l.upgrade_to.is_some()
                    || l.downgrade_to.is_some()
                    || l.declared_by.is_some()
                    || l.may_follow.is_some()
            };
            put("adjust", v.levels.iter().any(adjust));
        }
        Chapter::Response => {
            put("reporting", !v.reporting.is_empty());
            put("detect", !v.detect.is_empty());
            put("level_response", !v.level_responses.is_empty());
            put("events", !v.events.is_empty());
            put(
                "change_actions",
                !v.upgrade.is_empty() || !v.downgrade.is_empty(),
            );
            put("stand_down", v.levels.iter().any(ends));
        }
        Chapter::PostIncident => put("aftermath", !v.aftermath.is_empty()),
        Chapter::Training => {
            put("trainings", !v.trainings.is_empty());
            put("drills", !v.drills.is_empty() || h.drill_every.is_some());
        }
        Chapter::Supplementary => {
            put(
                "management",
                h.maintainer.is_some() || h.review_every.is_some(),
            );
            put("filing", h.approver.is_some() || h.filed.is_some());
            put("interpretation", h.maintainer.is_some());
            put("effective", h.issued.is_some());
        }
        Chapter::Safeguards | Chapter::Annex => {}
    }
    keys
}

/// The rows of a RACI matrix grouped by their trigger (in the order triggers first
/// appear), each group keeping only the columns of parties it involves.
fn raci_groups(parties: &[String], rows: &[MatrixRow]) -> Vec<RaciGroup> {
    let mut triggers: Vec<&str> = Vec::new();
    for r in rows {
        if !triggers.contains(&r.trigger.as_str()) {
            triggers.push(&r.trigger);
        }
    }
    triggers
        .into_iter()
        .map(|trigger| {
            let members: Vec<&MatrixRow> = rows.iter().filter(|r| r.trigger == trigger).collect();
            let used: Vec<usize> = (0..parties.len())
                .filter(|&c| {
                    members
                        .iter()
                        .any(|r| r.cells.get(c).is_some_and(|x| !x.is_empty()))
                })
                .collect();
            RaciGroup {
                trigger: trigger.to_string(),
                parties: used.iter().map(|&c| parties[c].clone()).collect(),
                rows: members
                    .iter()
                    .map(|r| MatrixRow {
                        cells: used.iter().map(|&c| r.cells[c].clone()).collect(),
                        ..(*r).clone()
                    })
                    .collect(),
            }
        })
        .collect()
}

/// An action's time limit as a whole phrase when it counts from another action:
/// "接报登记后4小时内", "评估复盘会前1天", "立即" after one; otherwise the limit as
/// `limit` gives it. `said` names the action it counts from.
pub(super) fn relative_limit(
    t: &Labels,
    a: &Action,
    limit: Option<String>,
    said: &dyn Fn(&str) -> String,
) -> Option<String> {
    let (Some(x), Some(within)) = (&a.anchor, &limit) else {
        return limit;
    };
    let anchor = super::prose::lower_first_word(&said(&x.action.value));
    let path = match (x.side, a.deadline) {
        (_, Deadline::AsNeeded) => return limit,
        (AnchorSide::From, Deadline::Immediately) => "sentence.immediately_from",
        (AnchorSide::From, _) => "sentence.within_from",
        (AnchorSide::Before, _) => "sentence.within_before",
    };
    Some(t.fill(path, &[("anchor", &anchor), ("within", within)]))
}

/// Reporting lines to the same addressee, within the same time limit and by the same
/// means, as one row naming all their reporters (in the order they first come).
fn shared_rows(lines: &[ReportView], sep: &str) -> Vec<ReportView> {
    let mut rows: Vec<ReportView> = Vec::new();
    for r in lines {
        let same = |x: &&mut ReportView| {
            x.to == r.to && x.within == r.within && x.deadline == r.deadline && x.via == r.via
        };
        match rows.iter_mut().find(|x| same(x)) {
            Some(row) => {
                row.from.push_str(sep);
                row.from.push_str(&r.from);
            }
            None => rows.push(r.clone()),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_lines_alike_share_a_row() {
        let line = |from: &str, to: &str, within: &str| ReportView {
            from: from.to_string(),
            to: to.to_string(),
            within: Some(within.to_string()),
            deadline: "fixed",
            via: None,
        };
        let rows = super::shared_rows(
            &[
                line("宣传部", "总指挥", "30分钟"),
                line("网信部", "宣传部", "15分钟"),
                line("法务部", "总指挥", "30分钟"),
                line("财务部", "总指挥", "1小时"),
            ],
            "、",
        );
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("宣传部、法务部", "总指挥"),
                ("网信部", "宣传部"),
                ("财务部", "总指挥")
            ]
        );
    }

    #[test]
    fn chinese_numerals_cover_long_outlines() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99].map(chinese_numeral).to_vec();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
    }

    #[test]
    fn heading_numbers_follow_gbt_9704() {
        let zh = HeadingNumbers::new(Labels::of(Lang::Zh));
        assert_eq!(zh.format(1, 3, 0), "三、");
        assert_eq!(zh.format(2, 12, 1), "（十二）");
        assert_eq!(zh.format(3, 2, 1), "2.");
        assert_eq!(zh.format(4, 2, 1), "（2）");
        let en = HeadingNumbers::new(Labels::of(Lang::En));
        assert_eq!(en.format(2, 2, 4), "4.2 ");
        assert_eq!(en.format(4, 2, 1), "(b) ");
        assert_eq!(en.format(5, 27, 1), "(27) ");
    }

    #[test]
    fn large_round_numbers_are_grouped_where_the_language_does() {
        let zh = Labels::of(Lang::Zh);
        assert_eq!(large_number(zh, 1_000_000.0).as_deref(), Some("100万"));
        assert_eq!(large_number(zh, 200_000_000.0).as_deref(), Some("2亿"));
        assert_eq!(large_number(zh, 5000.0), None);
        assert_eq!(large_number(zh, 12_345.0), None);
        assert_eq!(large_number(Labels::of(Lang::En), 1_000_000.0), None);
    }
}
