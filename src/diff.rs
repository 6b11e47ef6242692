//! `planc diff`: what changed in meaning between two versions of a plan.
//!
//! The diff compares two models, never two texts, so a change of layout or of
//! comments is no change at all. Items are matched by kind and name (actions by
//! trigger and name; when only one action of a name is left unmatched on both sides,
//! it is the same action with a new trigger). An item that disappears while another
//! with exactly the same body appears is a rename. Inside a matched item every field
//! is compared; repeated parts — duties, reporting lines, shifts, injects, scenario
//! parameters — are matched by their own name (unnamed duties by their text).
//!
//! Every change is classified with [`CLASSIFICATION`]: *major* when it touches the
//! command structure, the response procedure, the main measures or the levels — the
//! revisions that 应急管理部令第2号 Art 36–37 send back through approval and filing —
//! and *minor* otherwise. [`note`] turns the changes into words: the terminal view and
//! the revision note (修订说明).

pub mod note;

use crate::model::{
    self, Action, Body, Channel, Chapter, Duration, Effect, Exercise, External, Header, Level,
    Period, Plan, ReportLine, Resource, Role, Roster, Scenario, StandDown, Trigger, Unit,
    format_number,
};
use crate::source::{Name, Spanned, Text};
use serde::Serialize;

/// Why a change needs the plan re-approved and re-filed (应急管理部令第2号 Art 37).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// 组织指挥体系与职责: the command body, roles, units, their backups and duties.
    Command,
    /// 应急处置程序: reporting lines, who does what by when, in which order.
    Procedure,
    /// 主要处置措施: the actions themselves and what they deliver.
    Measures,
    /// 应急响应分级: the levels, their criteria, declaration and stand-down.
    Levels,
}

impl Category {
    /// Its key in the labels (`diff.category.KEY`).
    pub fn key(self) -> &'static str {
        match self {
            Category::Command => "command",
            Category::Procedure => "procedure",
            Category::Measures => "measures",
            Category::Levels => "levels",
        }
    }
}

/// One row of the classification table: an item kind (`text response` for a text of
/// a chapter), a field (`*` for the item as a whole: added, removed, renamed) and the
/// category that makes a change there major (`None`: minor).
pub struct Class {
    pub item: &'static str,
    pub field: &'static str,
    pub major: Option<Category>,
}

const fn row(item: &'static str, field: &'static str, major: Option<Category>) -> Class {
    Class { item, field, major }
}

use Category::{Command as C, Levels as L, Measures as M, Procedure as P};

/// The classification of every change the diff can report, in one table. A field not
/// listed for its item falls back to the item's `*` row. The README prints this
/// table; `tests/diff.rs` checks that every change of the fixtures finds its row.
pub const CLASSIFICATION: &[Class] = &[
    // Cover, legal basis and prose: wording of the document, minor.
    row("plan", "*", None),
    row("purpose", "*", None),
    row("scope", "*", None),
    row("principle", "*", None),
    row("text", "*", None),
    // Prose of the organization and response chapters describes command and procedure.
    row("text organization", "*", Some(C)),
    row("text response", "*", Some(P)),
    // Organization: 组织指挥体系与职责.
    row("body", "*", Some(C)),
    row("body", "title", None),
    row("role", "*", Some(C)),
    row("role", "reports_to", Some(P)),
    row("role", "contact", None),
    row("role", "title", None),
    row("unit", "*", Some(C)),
    row("unit", "reports_to", Some(P)),
    row("unit", "title", None),
    row("unit", "head", None),
    row("unit", "contact", None),
    // Parties outside the organization only receive reports: minor.
    row("external", "*", None),
    // Monitoring supports the response but is not its procedure: minor.
    row("channel", "*", None),
    row("roster", "*", None),
    // Event grades: part of 应急响应分级.
    row("grade", "*", Some(L)),
    // Levels: 应急响应分级, every part of them.
    row("level", "*", Some(L)),
    // Actions: 主要处置措施 and 应急处置程序.
    row("action", "*", Some(M)),
    row("action", "on", Some(P)),
    row("action", "owner", Some(P)),
    row("action", "co_owners", Some(P)),
    row("action", "approve", Some(P)),
    row("action", "consult", Some(P)),
    row("action", "inform", Some(P)),
    row("action", "within", Some(P)),
    row("action", "anchor", Some(P)),
    row("action", "every", Some(P)),
    row("action", "every_for", Some(P)),
    row("action", "after", Some(P)),
    row("action", "deliver", Some(M)),
    row("action", "detail", Some(M)),
    row("action", "title", None),
    row("action", "capability", None),
    row("action", "effort", None),
    row("action", "optional", Some(M)),
    row("action", "conditions", Some(M)),
    row("action", "invoke", Some(M)),
    // Safeguards, training, annexes, checker settings and drill scenarios: minor.
    row("resource", "*", None),
    row("drill", "*", None),
    row("training", "*", None),
    row("template", "*", None),
    row("annex", "*", None),
    row("lint", "*", None),
    // The working calendar moves working-day limits by a day or two: minor.
    row("calendar", "*", None),
    row("scenario", "*", None),
];

/// The category of a change to `field` of an item of kind `item` (`None`: minor), or
/// `Err` when the table has no row for the item at all.
pub fn classify(item: &str, field: Option<&str>) -> Result<Option<Category>, String> {
    let find = |i: &str, f: &str| CLASSIFICATION.iter().find(|c| c.item == i && c.field == f);
    if let Some(f) = field
        && let Some(c) = find(item, f)
    {
        return Ok(c.major);
    }
    find(item, "*")
        .map(|c| c.major)
        .ok_or_else(|| format!("no classification for `{item}`"))
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    Renamed,
}

/// A value of a field, kept typed so that the words can render it in either language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Prose.
    Text(String),
    /// A name, keyword, number, date or condition as written in plan syntax.
    Word(String),
    /// Names or texts.
    List(Vec<String>),
    Duration(Duration),
    Hours(Vec<Period>),
    /// The chapter of a free text.
    Chapter(Chapter),
    /// What starts an action.
    Trigger(Trigger),
    /// A deliverable: its kind and title.
    Deliver(String, Option<String>),
    /// A summary of an added or removed part: its fields.
    Fields(Vec<(&'static str, Value)>),
}

impl Value {
    /// Plan syntax on one line: the JSON form.
    pub fn plain(&self) -> String {
        match self {
            Value::Text(s) | Value::Word(s) => s.clone(),
            Value::List(v) => v.join(", "),
            Value::Duration(d) => d.to_string(),
            Value::Trigger(t) => t.to_string(),
            Value::Chapter(c) => c.keyword().to_string(),
            Value::Deliver(k, Some(t)) => format!("{k} {t:?}"),
            Value::Deliver(k, None) => k.clone(),
            Value::Hours(h) => h
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Value::Fields(f) => f
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::Text(t) => format!("{t:?}"),
                        // A part inside a summary: its fields on one line.
                        Value::Fields(_) => v.plain().replace("; ", " "),
                        v => v.plain(),
                    };
                    if k.is_empty() { v } else { format!("{k} {v}") }
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Whether this is the name of a repeated part (`reports_to`, `duty`, ...).
    pub fn is_part(key: &str) -> bool {
        PARTS.contains(&key)
    }
}

/// The keywords of repeated parts of an item.
pub const PARTS: &[&str] = &[
    "duty",
    "reports_to",
    "shift",
    "inject",
    "start",
    "spread",
    "onset",
];

/// Where a change lies in the revision note: the document's chapters, plus the drill
/// scenarios and the checker settings, which are not part of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Cover,
    Chapter(Chapter),
    Scenarios,
    Lints,
}

/// A field of an item, or a part of a repeated sub-item: `within`,
/// `reports_to 上级主管部门 within`, `duty 监测`, `inject 省级媒体求证 at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field keyword, or the keyword of the repeated part.
    pub key: &'static str,
    /// The name of the repeated part (reporting target, duty name, inject name).
    pub sub: Option<String>,
    /// The attribute of the repeated part that changed.
    pub attr: Option<&'static str>,
}

impl Field {
    pub fn path(&self) -> String {
        let mut s = self.key.to_string();
        if let Some(sub) = &self.sub {
            s.push(' ');
            s.push_str(sub);
        }
        if let Some(a) = self.attr {
            s.push(' ');
            s.push_str(a);
        }
        s
    }
}

/// One semantic change.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: Kind,
    /// The item keyword: `unit`, `action`, `level`, ...
    pub item: &'static str,
    /// The item's name (the old name for a rename); empty for `purpose`, `scope`, `plan`.
    pub name: String,
    /// Actions: their trigger (in the new version when both exist).
    pub trigger: Option<Trigger>,
    /// Whether the item label needs the trigger to be unambiguous.
    pub qualified: bool,
    pub field: Option<Field>,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// Set when the change is major.
    pub category: Option<Category>,
    pub section: Section,
}

impl Change {
    pub fn major(&self) -> bool {
        self.category.is_some()
    }

    /// `action 首次回应`, `unit 宣传部`, `purpose`.
    pub fn item_label(&self) -> String {
        let mut s = self.item.to_string();
        if !self.name.is_empty() {
            s.push(' ');
            s.push_str(&self.name);
        }
        if self.qualified
            && let Some(t) = &self.trigger
        {
            s.push_str(&format!(" (on {t})"));
        }
        s
    }
}

/// The changes from `old` to `new`, in a stable order: by kind of item as the
/// document lists them, then removals, then the new version's order.
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    let ambiguous = ambiguous_actions(old, new);
    for (o, n) in [
        (header(old), header(new)),
        (prose(old), prose(new)),
        (bodies(old), bodies(new)),
        (roles(old), roles(new)),
        (units(old), units(new)),
        (externals(old), externals(new)),
        (channels(old), channels(new)),
        (rosters(old), rosters(new)),
        (grades(old), grades(new)),
        (levels(old), levels(new)),
        (actions(old, &ambiguous), actions(new, &ambiguous)),
        (resources(old), resources(new)),
        (exercises(old), exercises(new)),
        (annexes(old), annexes(new)),
        (lints(old), lints(new)),
        (calendar(old), calendar(new)),
        (scenarios(old), scenarios(new)),
    ] {
        diff_records(o, n, &mut out);
    }
    out
}

/// The JSON of cli.md: `{"version":1,"changes":[{"kind","item","field","old","new","major"}]}`.
/// The changes as JSON, with the posts whose response cards change (to reprint).
pub fn to_json(changes: &[Change], cards: &[String]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        changes: Vec<JsonChange<'a>>,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        cards_to_reprint: &'a [String],
    }
    #[derive(Serialize)]
    struct JsonChange<'a> {
        kind: &'a Kind,
        item: String,
        field: Option<String>,
        old: Option<String>,
        new: Option<String>,
        major: bool,
    }
    let doc = Doc {
        version: 1,
        changes: changes
            .iter()
            .map(|c| JsonChange {
                kind: &c.kind,
                item: c.item_label(),
                field: c.field.as_ref().map(Field::path),
                old: c.old.as_ref().map(Value::plain),
                new: c.new.as_ref().map(Value::plain),
                major: c.major(),
            })
            .collect(),
        cards_to_reprint: cards,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("changes always serialize");
    s.push('\n');
    s
}

// ───────────────────────────── records ─────────────────────────────
//
// Every item is turned into a record — its fields and its repeated parts as values —
// and one generic comparison works on records.

struct Record {
    item: &'static str,
    /// The item kind used for classification (`text response`).
    class: String,
    name: String,
    /// What matches an item with its other version.
    key: String,
    trigger: Option<Trigger>,
    qualified: bool,
    section: Section,
    fields: Vec<(&'static str, Option<Value>)>,
    subs: Vec<Sub>,
}

/// A repeated part of an item.
#[derive(Clone, PartialEq)]
struct Sub {
    list: &'static str,
    /// Its name; `None` for an unnamed duty (matched by its text).
    key: Option<String>,
    attrs: Vec<(&'static str, Option<Value>)>,
}

impl Record {
    fn new(item: &'static str, name: &str, section: Section) -> Record {
        Record {
            item,
            class: item.to_string(),
            name: name.to_string(),
            key: name.to_string(),
            trigger: None,
            qualified: false,
            section,
            fields: Vec::new(),
            subs: Vec::new(),
        }
    }

    fn field(mut self, key: &'static str, v: Option<Value>) -> Record {
        self.fields.push((key, v));
        self
    }

    fn subs(mut self, subs: impl IntoIterator<Item = Sub>) -> Record {
        self.subs.extend(subs);
        self
    }

    fn same_body(&self, other: &Record) -> bool {
        self.fields == other.fields && self.subs == other.subs
    }

    /// A hash that two records of the same body share (their values as plan text).
    fn body_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        fn value(h: &mut impl Hasher, k: &str, v: &Option<Value>) {
            k.hash(h);
            v.as_ref().map(Value::plain).hash(h);
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (k, v) in &self.fields {
            value(&mut h, k, v);
        }
        for s in &self.subs {
            (s.list, &s.key).hash(&mut h);
            for (k, v) in &s.attrs {
                value(&mut h, k, v);
            }
        }
        h.finish()
    }

    /// What an added or removed item holds, for the reader.
    fn summary(&self) -> Value {
        let mut f: Vec<(&'static str, Value)> = self
            .fields
            .iter()
            .filter_map(|(k, v)| v.clone().map(|v| (*k, v)))
            .collect();
        for s in &self.subs {
            f.push((s.list, sub_value(s)));
        }
        Value::Fields(f)
    }

    fn change(
        &self,
        kind: Kind,
        field: Option<Field>,
        old: Option<Value>,
        new: Option<Value>,
    ) -> Change {
        let key = field.as_ref().map(|f| f.key);
        // The table covers every item the diff builds (tests/diff.rs); an item missing
        // from it is treated as major, the careful side.
        let category = classify(&self.class, key).unwrap_or(Some(Category::Measures));
        // The header's fields belong to different chapters of the document.
        let section = match (self.item, key) {
            ("plan", Some("basis" | "parent" | "related")) => Section::Chapter(Chapter::General),
            ("plan", Some("review every")) => Section::Chapter(Chapter::Supplementary),
            ("plan", Some("drill every")) => Section::Chapter(Chapter::Training),
            _ => self.section,
        };
        Change {
            kind,
            item: self.item,
            name: self.name.clone(),
            trigger: self.trigger.clone(),
            qualified: self.qualified,
            field,
            old,
            new,
            category,
            section,
        }
    }
}

fn sub_value(s: &Sub) -> Value {
    let mut f: Vec<(&'static str, Value)> = Vec::new();
    if let Some(k) = &s.key {
        f.push(("", Value::Word(k.clone())));
    }
    for (k, v) in &s.attrs {
        if let Some(v) = v {
            f.push((k, v.clone()));
        }
    }
    if f.len() == 1 && s.key.is_none() {
        return f.remove(0).1;
    }
    Value::Fields(f)
}

fn text(t: &Text) -> Option<Value> {
    Some(Value::Text(t.value.to_string()))
}

fn otext(t: &Option<Text>) -> Option<Value> {
    t.as_ref().and_then(text)
}

fn oname(n: &Option<Name>) -> Option<Value> {
    n.as_ref().map(|n| Value::Word(n.value.to_string()))
}

fn names(v: &[Name]) -> Option<Value> {
    (!v.is_empty()).then(|| Value::List(v.iter().map(|n| n.value.to_string()).collect()))
}

fn texts(v: &[Text]) -> Option<Value> {
    (!v.is_empty()).then(|| Value::List(v.iter().map(|n| n.value.to_string()).collect()))
}

/// An action's conditions as the plan writes them (`if "…" when …`).
fn guards(v: &[model::Guard]) -> Option<Value> {
    let one = |g: &model::Guard| {
        let mut s = format!("{} {:?}", g.keyword(), g.words.value.as_str());
        if let Some(c) = &g.when {
            s.push_str(&format!(" when {}", c.value));
        }
        s
    };
    (!v.is_empty()).then(|| Value::List(v.iter().map(one).collect()))
}

fn dur(d: &Option<Spanned<Duration>>) -> Option<Value> {
    d.as_ref().map(|d| Value::Duration(d.value))
}

/// A time limit as the plan wrote it: a duration, `immediately` or `as_needed`.
fn limit(d: &Option<Spanned<Duration>>, kind: model::Deadline) -> Option<Value> {
    match kind {
        model::Deadline::Fixed => dur(d),
        _ => Some(Value::Word(kind.keyword().into())),
    }
}

fn word<T: std::fmt::Display>(v: &Option<Spanned<T>>) -> Option<Value> {
    v.as_ref().map(|v| Value::Word(v.value.to_string()))
}

/// A condition reads as a quoted expression.
fn cond(v: &Option<Spanned<model::Condition>>) -> Option<Value> {
    v.as_ref().map(|v| Value::Text(v.value.to_string()))
}

fn num(v: &Option<Spanned<f64>>) -> Option<Value> {
    v.as_ref().map(|v| Value::Word(format_number(v.value)))
}

fn duties(d: &[model::Duty]) -> Vec<Sub> {
    d.iter()
        .map(|d| Sub {
            list: "duty",
            key: d.name.as_ref().map(|n| n.value.to_string()),
            attrs: vec![("", text(&d.text))],
        })
        .collect()
}

fn reports(r: &[ReportLine]) -> Vec<Sub> {
    r.iter()
        .map(|r| Sub {
            list: "reports_to",
            key: Some(r.to.value.to_string()),
            attrs: vec![
                ("within", limit(&r.within, r.deadline)),
                ("via", otext(&r.via)),
                ("by", oname(&r.by)),
            ],
        })
        .collect()
}

fn header(p: &Plan) -> Vec<Record> {
    let Some(h) = &p.plan else {
        return Vec::new();
    };
    let Header {
        title,
        org,
        number,
        version,
        issued,
        filed,
        filed_with,
        reviewed,
        approver,
        maintainer,
        review_every,
        drill_every,
        basis,
        parent,
        related,
        cc,
        to,
        notice,
        domain,
        issuer,
        printed_by,
        immediately,
        span: _,
    } = h;
    vec![
        Record::new("plan", "", Section::Cover)
            .field("title", text(title))
            .field("org", otext(org))
            .field("number", otext(number))
            .field("version", otext(version))
            .field("issued", word(issued))
            .field("filed", word(filed))
            .field("filed with", oname(filed_with))
            .field("reviewed", word(reviewed))
            .field("approver", oname(approver))
            .field("maintainer", oname(maintainer))
            .field("review every", dur(review_every))
            .field("drill every", dur(drill_every))
            .field("basis", texts(basis))
            .field("parent", texts(parent))
            .field("related", texts(related))
            .field("cc", texts(cc))
            .field("to", texts(to))
            .field("notice", otext(notice))
            .field("domain", oname(domain))
            .field("issuer", otext(issuer))
            .field("printed_by", otext(printed_by))
            .field("immediately", dur(immediately)),
    ]
}

fn prose(p: &Plan) -> Vec<Record> {
    let general = Section::Chapter(Chapter::General);
    let mut v = Vec::new();
    if let Some(t) = &p.purpose {
        v.push(Record::new("purpose", "", general).field("text", text(t)));
    }
    if let Some(t) = &p.scope {
        v.push(Record::new("scope", "", general).field("text", text(t)));
    }
    for x in &p.principles {
        v.push(Record::new("principle", &x.name.value, general).field("text", text(&x.text)));
    }
    for x in &p.texts {
        let mut r = Record::new("text", &x.name.value, Section::Chapter(x.chapter))
            .field("chapter", Some(Value::Chapter(x.chapter)))
            .field("text", text(&x.text));
        r.class = format!("text {}", x.chapter.keyword());
        r.key = format!("{} {}", x.chapter.keyword(), x.name.value);
        v.push(r);
    }
    v
}

const ORG: Section = Section::Chapter(Chapter::Organization);
const MONITORING: Section = Section::Chapter(Chapter::Monitoring);

fn bodies(p: &Plan) -> Vec<Record> {
    // Each builder takes its item apart without `..`: a field the model gains does not
    // compile until the diff compares it.
    p.bodies
        .iter()
        .map(|b: &Body| {
            let Body {
                name,
                title,
                lead,
                co_leads,
                deputies,
                office,
                members,
                duties: ds,
                span: _,
            } = b;
            Record::new("body", &name.value, ORG)
                .field("title", otext(title))
                .field("lead", oname(lead))
                .field("co_leads", names(co_leads))
                .field("deputy", names(deputies))
                .field("office", oname(office))
                .field("members", names(members))
                .subs(duties(ds))
        })
        .collect()
}

fn roles(p: &Plan) -> Vec<Record> {
    p.roles
        .iter()
        .map(|r: &Role| {
            let Role {
                name,
                title,
                holder,
                class,
                backup,
                reports_to,
                duties: ds,
                contact,
                span: _,
            } = r;
            Record::new("role", &name.value, ORG)
                .field("title", otext(title))
                .field("holder", otext(holder))
                .field("holders", class.then(|| Value::Word("holders".into())))
                .field("backup", oname(backup))
                .field("contact", otext(contact))
                .subs(reports(reports_to))
                .subs(duties(ds))
        })
        .collect()
}

fn units(p: &Plan) -> Vec<Record> {
    p.units
        .iter()
        .map(|u: &Unit| {
            let Unit {
                name,
                title,
                head,
                backup,
                reports_to,
                duties: ds,
                contact,
                span: _,
            } = u;
            Record::new("unit", &name.value, ORG)
                .field("title", otext(title))
                .field("head", otext(head))
                .field("backup", oname(backup))
                .field("contact", otext(contact))
                .subs(reports(reports_to))
                .subs(duties(ds))
        })
        .collect()
}

fn externals(p: &Plan) -> Vec<Record> {
    p.externals
        .iter()
        .map(|e: &External| {
            let External {
                name,
                title,
                kind,
                contact,
                duties: ds,
                span: _,
            } = e;
            Record::new("external", &name.value, ORG)
                .field("title", otext(title))
                .field("kind", oname(kind))
                .field("contact", otext(contact))
                .subs(duties(ds))
        })
        .collect()
}

fn channels(p: &Plan) -> Vec<Record> {
    p.channels
        .iter()
        .map(|c: &Channel| {
            let Channel {
                name,
                title,
                kind,
                watched_by,
                hours,
                roster,
                span: _,
            } = c;
            Record::new("channel", &name.value, MONITORING)
                .field("title", otext(title))
                .field("kind", oname(kind))
                .field("watched_by", names(watched_by))
                .field(
                    "hours",
                    hours.as_ref().map(|h| Value::Hours(h.value.clone())),
                )
                .field("roster", oname(roster))
        })
        .collect()
}

fn rosters(p: &Plan) -> Vec<Record> {
    p.rosters
        .iter()
        .map(|r: &Roster| {
            let Roster {
                name,
                unit,
                role,
                rotation,
                secondary,
                shifts,
                span: _,
            } = r;
            Record::new("roster", &name.value, MONITORING)
                .field("unit", oname(unit))
                .field("role", oname(role))
                .field("rotation", dur(rotation))
                .field("secondary", dur(secondary))
                .subs(shifts.iter().map(|s| Sub {
                    list: "shift",
                    key: Some(s.name.value.to_string()),
                    attrs: vec![("", Some(Value::Hours(vec![s.period.value])))],
                }))
        })
        .collect()
}

fn grades(p: &Plan) -> Vec<Record> {
    p.grades
        .iter()
        .map(|g: &model::Grade| {
            let model::Grade {
                name,
                title,
                criteria,
                span: _,
            } = g;
            Record::new("grade", &name.value, MONITORING)
                .field("title", otext(title))
                .field("criteria", otext(criteria))
        })
        .collect()
}

fn levels(p: &Plan) -> Vec<Record> {
    p.levels
        .iter()
        .map(|l: &Level| {
            let Level {
                name,
                rank,
                color,
                response,
                criteria,
                when,
                declared_by,
                declared_by_also,
                upgrade_to,
                downgrade_to,
                stand_down,
                grade,
                span: _,
                reports_to,
                roster,
                may_follow,
            } = l;
            let follow = may_follow.as_ref().map(|f| {
                let mut s = f.level.value.to_string();
                if let Some(c) = &f.condition {
                    s.push_str(&format!(" if {:?}", c.value.as_str()));
                }
                Value::Word(s)
            });
            let (sd_text, sd_when, sd_hold, sd_by) = match stand_down {
                Some(StandDown {
                    text,
                    when,
                    hold,
                    span: _,
                    approved_by,
                }) => (otext(text), cond(when), dur(hold), oname(approved_by)),
                None => (None, None, None, None),
            };
            Record::new("level", &name.value, MONITORING)
                .field("rank", word(rank))
                .field("color", oname(color))
                .field(
                    "response",
                    response
                        .as_ref()
                        .map(|r| Value::Word(model::roman(r.value).into())),
                )
                .field("criteria", otext(criteria))
                .field("when", cond(when))
                .field("declared_by", oname(declared_by))
                .field("declared_by_also", names(declared_by_also))
                .field("grade", oname(grade))
                .field("upgrade_to", oname(upgrade_to))
                .field("downgrade_to", oname(downgrade_to))
                .field("stand_down", sd_text)
                .field("stand_down if", sd_when)
                .field("stand_down for", sd_hold)
                .field("stand_down approved_by", sd_by)
                .field("roster", oname(roster))
                .field("may_follow", follow)
                .subs(reports(reports_to))
        })
        .collect()
}

/// Action names that occur under more than one trigger in either version: their
/// labels carry the trigger.
fn ambiguous_actions(old: &Plan, new: &Plan) -> Vec<String> {
    let mut v = Vec::new();
    for p in [old, new] {
        let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
        for a in &p.actions {
            *count.entry(a.name.value.as_str()).or_default() += 1;
        }
        v.extend(
            count
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(k, _)| k.to_string()),
        );
    }
    v.sort();
    v.dedup();
    v
}

/// Where the document describes an action: assessment on detection under
/// 监测与预警 (as the seed plan does), review after stand-down under 后期处置, the
/// rest under 应急响应.
fn action_section(t: &Trigger) -> Section {
    match t {
        Trigger::Detect => Section::Chapter(Chapter::Monitoring),
        Trigger::StandDown => Section::Chapter(Chapter::PostIncident),
        _ => Section::Chapter(Chapter::Response),
    }
}

fn actions(p: &Plan, ambiguous: &[String]) -> Vec<Record> {
    let ambiguous: std::collections::BTreeSet<&str> =
        ambiguous.iter().map(String::as_str).collect();
    p.actions
        .iter()
        .map(|a: &Action| {
            let Action {
                name,
                title,
                trigger,
                owner,
                co_owners,
                approve,
                consult,
                inform,
                within,
                deadline,
                anchor,
                every,
                every_for,
                after,
                deliver,
                capability,
                effort,
                detail,
                span: _,
                optional,
                conditions,
                invoke,
            } = a;
            let t = &trigger.value;
            let mut r = Record::new("action", &name.value, action_section(t))
                .field("on", Some(Value::Trigger(t.clone())))
                .field("title", otext(title))
                .field("owner", oname(owner))
                .field("co_owners", names(co_owners))
                .field("approve", names(approve))
                .field("consult", names(consult))
                .field("inform", names(inform))
                .field("within", limit(within, *deadline))
                .field(
                    "anchor",
                    anchor
                        .as_ref()
                        .map(|a| Value::Word(format!("{} {}", a.side.keyword(), a.action.value))),
                )
                .field("every", dur(every))
                .field("every_for", dur(every_for))
                .field("after", names(after))
                .field(
                    "deliver",
                    deliver.as_ref().map(|d| {
                        Value::Deliver(
                            d.kind.value.to_string(),
                            d.title.as_ref().map(|t| t.value.to_string()),
                        )
                    }),
                )
                .field("capability", oname(capability))
                .field("effort", dur(effort))
                .field("detail", otext(detail))
                .field("optional", optional.then(|| Value::Word("optional".into())))
                .field("conditions", guards(conditions))
                .field("invoke", otext(invoke));
            r.key = format!("{t} {}", name.value);
            r.trigger = Some(t.clone());
            r.qualified = ambiguous.contains(name.value.as_str());
            r
        })
        .collect()
}

fn resources(p: &Plan) -> Vec<Record> {
    p.resources
        .iter()
        .map(|r: &Resource| {
            let Resource {
                name,
                kind,
                owner,
                detail,
                span: _,
            } = r;
            Record::new(
                "resource",
                &name.value,
                Section::Chapter(Chapter::Safeguards),
            )
            .field("kind", oname(kind))
            .field("owner", oname(owner))
            .field("detail", otext(detail))
        })
        .collect()
}

fn exercises(p: &Plan) -> Vec<Record> {
    let one = |item: &'static str, e: &Exercise| {
        let Exercise {
            name,
            kind,
            every,
            owner,
            detail,
            scenarios,
            span: _,
        } = e;
        Record::new(item, &name.value, Section::Chapter(Chapter::Training))
            .field("kind", oname(kind))
            .field("every", dur(every))
            .field("owner", oname(owner))
            .field("detail", otext(detail))
            .field("scenarios", names(scenarios))
    };
    let mut v: Vec<Record> = p.drills.iter().map(|e| one("drill", e)).collect();
    v.extend(p.trainings.iter().map(|e| one("training", e)));
    v
}

fn annexes(p: &Plan) -> Vec<Record> {
    let annex = Section::Chapter(Chapter::Annex);
    let mut v: Vec<Record> = p
        .templates
        .iter()
        .map(|a| Record::new("template", &a.name.value, annex).field("text", text(&a.text)))
        .collect();
    v.extend(
        p.annexes
            .iter()
            .map(|a| Record::new("annex", &a.name.value, annex).field("text", text(&a.text))),
    );
    v
}

fn lints(p: &Plan) -> Vec<Record> {
    p.lints
        .iter()
        .map(|l| {
            let level = serde_json::to_value(l.level)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            Record::new("lint", &l.code.value, Section::Lints)
                .field("level", Some(Value::Word(level)))
                .field("reason", otext(&l.reason))
        })
        .collect()
}

/// The working calendar: one record, its holidays and worked weekend days as lists.
fn calendar(p: &Plan) -> Vec<Record> {
    let model::Calendar { holidays, workdays } = &p.calendar;
    if p.calendar.is_empty() {
        return Vec::new();
    }
    let days = (holidays.iter())
        .map(|h| match h.from.value == h.to.value {
            true => h.from.value.to_string(),
            false => format!("{}..{}", h.from.value, h.to.value),
        })
        .collect::<Vec<_>>();
    let worked = workdays
        .iter()
        .map(|d| d.value.to_string())
        .collect::<Vec<_>>();
    vec![
        Record::new("calendar", "", Section::Chapter(Chapter::Supplementary))
            .field("holiday", (!days.is_empty()).then_some(Value::List(days)))
            .field(
                "workday",
                (!worked.is_empty()).then_some(Value::List(worked)),
            ),
    ]
}

fn effect(e: &Effect) -> String {
    match e {
        Effect::Set { signal, value } => format!("set {} {}", signal.value, value.value),
        Effect::Scale { param, by } => format!("scale {} {}", param.value, by.value),
        Effect::Unavailable { party, hold } => {
            format!("unavailable {} for {}", party.value, hold.value)
        }
        Effect::Outage { what, hold } => format!("outage {} for {}", what.value, hold.value),
        Effect::Raise { event } => format!("raise {}", event.value),
    }
}

fn scenarios(p: &Plan) -> Vec<Record> {
    let params = |list: &'static str, v: &[model::Param]| -> Vec<Sub> {
        v.iter()
            .map(|x| Sub {
                list,
                key: Some(x.name.value.to_string()),
                attrs: vec![("", Some(Value::Word(x.range.value.to_string())))],
            })
            .collect()
    };
    p.scenarios
        .iter()
        .map(|s: &Scenario| {
            let Scenario {
                name,
                title,
                weight,
                appears_on,
                start,
                spread,
                onset,
                detail,
                injects,
                span: _,
            } = s;
            Record::new("scenario", &name.value, Section::Scenarios)
                .field("title", otext(title))
                .field("weight", num(weight))
                .field("appears_on", names(appears_on))
                .field("detail", otext(detail))
                .subs(params("start", start))
                .subs(params("spread", spread))
                .subs(onset.iter().map(|o| Sub {
                    list: "onset",
                    key: Some(o.kind.value.to_string()),
                    attrs: vec![("", Some(Value::Word(format_number(o.chance.value))))],
                }))
                .subs(injects.iter().map(inject))
        })
        .collect()
}

fn inject(i: &model::Inject) -> Sub {
    let model::Inject {
        name,
        at,
        chance,
        after_statement,
        kind,
        from,
        detail,
        effects,
        span: _,
    } = i;
    Sub {
        list: "inject",
        key: Some(name.value.to_string()),
        attrs: vec![
            ("at", word(at)),
            ("chance", num(chance)),
            ("after_statement", word(after_statement)),
            ("kind", oname(kind)),
            ("from", otext(from)),
            ("detail", otext(detail)),
            (
                "effects",
                (!effects.is_empty()).then(|| Value::List(effects.iter().map(effect).collect())),
            ),
        ],
    }
}

// ───────────────────────────── comparison ─────────────────────────────

/// Pairs the items of two versions. Returns, for every new item, the old item it
/// continues and whether that is a rename.
fn pair(old: &[Record], new: &[Record]) -> Vec<Option<(usize, bool)>> {
    use std::collections::{BTreeMap, VecDeque};
    let mut used = vec![false; old.len()];
    let mut m: Vec<Option<(usize, bool)>> = vec![None; new.len()];
    // 1. Same key, the k-th occurrence with the k-th.
    let mut by_key: BTreeMap<&str, VecDeque<usize>> = BTreeMap::new();
    for (i, o) in old.iter().enumerate() {
        by_key.entry(o.key.as_str()).or_default().push_back(i);
    }
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = by_key.get_mut(n.key.as_str()).and_then(VecDeque::pop_front) {
            used[i] = true;
            m[j] = Some((i, false));
        }
    }
    // 2. Same name, when it is the only one of its name left on both sides (an action
    //    under a new trigger, a text moved to another chapter).
    let mut olds: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !used[*i]) {
        olds.entry(o.name.as_str()).or_default().push(i);
    }
    let mut news: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, n) in new.iter().enumerate().filter(|(j, _)| m[*j].is_none()) {
        news.entry(n.name.as_str()).or_default().push(j);
    }
    for (name, js) in &news {
        if let (Some(is), [j]) = (olds.get(name), js.as_slice())
            && let [i] = is.as_slice()
        {
            used[*i] = true;
            m[*j] = Some((*i, false));
        }
    }
    // 3. Renames: a vanished item with exactly the body of an appeared one — the first
    //    such, looked up among the vanished items of the same body's hash (thousands
    //    of items replaced must not compare every pair).
    let mut left: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    for i in (0..old.len()).filter(|&i| !used[i]) {
        left.entry(old[i].body_hash()).or_default().push(i);
    }
    for j in 0..new.len() {
        if m[j].is_some() {
            continue;
        }
        let Some(bucket) = left.get(&new[j].body_hash()) else {
            continue;
        };
        if let Some(&i) = bucket
            .iter()
            .find(|&&i| !used[i] && old[i].same_body(&new[j]))
        {
            used[i] = true;
            m[j] = Some((i, true));
        }
    }
    m
}

fn diff_records(old: Vec<Record>, new: Vec<Record>, out: &mut Vec<Change>) {
    let m = pair(&old, &new);
    let mut matched = vec![false; old.len()];
    for (i, _) in m.iter().flatten() {
        matched[*i] = true;
    }
    for (i, o) in old.iter().enumerate() {
        if !matched[i] {
            out.push(o.change(Kind::Removed, None, Some(o.summary()), None));
        }
    }
    for (j, n) in new.iter().enumerate() {
        match m[j] {
            None => out.push(n.change(Kind::Added, None, None, Some(n.summary()))),
            Some((i, true)) => {
                let o = &old[i];
                let mut c = o.change(
                    Kind::Renamed,
                    None,
                    Some(Value::Word(o.name.clone())),
                    Some(Value::Word(n.name.clone())),
                );
                c.trigger = n.trigger.clone();
                out.push(c);
            }
            Some((i, false)) => diff_fields(&old[i], n, out),
        }
    }
}

fn diff_fields(o: &Record, n: &Record, out: &mut Vec<Change>) {
    for ((key, ov), (_, nv)) in o.fields.iter().zip(&n.fields) {
        if ov != nv {
            let field = Field {
                key,
                sub: None,
                attr: None,
            };
            out.push(n.change(Kind::Changed, Some(field), ov.clone(), nv.clone()));
        }
    }
    // Repeated parts, list by list in the order the item declares them.
    let mut lists: Vec<&'static str> = Vec::new();
    for s in o.subs.iter().chain(&n.subs) {
        if !lists.contains(&s.list) {
            lists.push(s.list);
        }
    }
    for list in lists {
        let os: Vec<&Sub> = o.subs.iter().filter(|s| s.list == list).collect();
        let ns: Vec<&Sub> = n.subs.iter().filter(|s| s.list == list).collect();
        diff_subs(n, &os, &ns, out);
    }
}

fn diff_subs(n: &Record, os: &[&Sub], ns: &[&Sub], out: &mut Vec<Change>) {
    let mut used = vec![false; os.len()];
    let mut m: Vec<Option<usize>> = vec![None; ns.len()];
    // Named parts by name; unnamed ones first by equal text, then in order.
    for (j, s) in ns.iter().enumerate() {
        let hit = (0..os.len()).find(|&i| {
            !used[i] && os[i].key == s.key && (s.key.is_some() || os[i].attrs == s.attrs)
        });
        if let Some(i) = hit {
            used[i] = true;
            m[j] = Some(i);
        }
    }
    for (j, s) in ns.iter().enumerate() {
        if m[j].is_none()
            && s.key.is_none()
            && let Some(i) = (0..os.len()).find(|&i| !used[i] && os[i].key.is_none())
        {
            used[i] = true;
            m[j] = Some(i);
        }
    }
    let field = |s: &Sub, attr: Option<&'static str>| Field {
        key: s.list,
        sub: s.key.clone(),
        attr: attr.filter(|a| !a.is_empty()),
    };
    for (i, s) in os.iter().enumerate() {
        if !used[i] {
            out.push(n.change(
                Kind::Removed,
                Some(field(s, None)),
                Some(sub_value(s)),
                None,
            ));
        }
    }
    for (j, s) in ns.iter().enumerate() {
        match m[j] {
            None => out.push(n.change(Kind::Added, Some(field(s, None)), None, Some(sub_value(s)))),
            Some(i) => {
                for ((attr, ov), (_, nv)) in os[i].attrs.iter().zip(&s.attrs) {
                    if ov != nv {
                        out.push(n.change(
                            Kind::Changed,
                            Some(field(s, Some(attr))),
                            ov.clone(),
                            nv.clone(),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the diff can report has words in the revision note: a field
    /// without them would show its keyword (`filed_with`) in a Chinese document.
    #[test]
    fn every_field_has_a_label() {
        let text = include_str!("../tests/fixtures/parse/ok_all_concepts.plan");
        let c = crate::compile_model(crate::source::Source::new("all.plan", text));
        let p = c.plan.as_ref().expect("the fixture parses");
        let amb = ambiguous_actions(p, p);
        let records = [
            header(p),
            prose(p),
            bodies(p),
            roles(p),
            units(p),
            externals(p),
            channels(p),
            rosters(p),
            grades(p),
            levels(p),
            actions(p, &amb),
            resources(p),
            exercises(p),
            annexes(p),
            lints(p),
            calendar(p),
            scenarios(p),
        ];
        let zh = crate::wording::Words::of(crate::wording::Lang::Zh);
        let mut seen = 0;
        for r in records.iter().flatten() {
            let keys = r
                .fields
                .iter()
                .map(|(k, _)| *k)
                .chain(r.subs.iter().flat_map(|s| s.attrs.iter().map(|(k, _)| *k)));
            for key in keys {
                seen += 1;
                let label = note::field_label(r.item, key, zh);
                assert!(
                    label != key || key.is_empty(),
                    "`{} {key}` has no words in the revision note",
                    r.item
                );
            }
        }
        assert!(seen > 100, "only {seen} fields seen");
    }
}
