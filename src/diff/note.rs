//! The words of `planc diff`: one sentence per change, the terminal view and the
//! revision note (修订说明). Every word comes from the labels' `diff` section (and the
//! shared list separator `doc.list_sep`); the code only chooses which label to use.

use super::{Category, Change, Field, Kind, Section, Value};
use crate::model::{Duration, Period, Plan, Trigger};
use crate::wording::{Amount, DurationStyle, Lang, Words, duration, fill};

/// What the two versions are called in the output.
pub struct Versions<'a> {
    pub old_name: &'a str,
    pub new_name: &'a str,
    pub old: &'a Plan,
    pub new: &'a Plan,
}

/// The heading of a section of the document.
pub fn section_title(s: Section, w: &Words) -> String {
    let key = match s {
        Section::Cover => "cover",
        Section::Chapter(c) => c.keyword(),
        Section::Scenarios => "scenarios",
        Section::Lints => "lints",
    };
    w.get(&format!("diff.section.{key}"))
}

/// The name of a category of major change.
pub fn category_name(c: Category, w: &Words) -> String {
    w.get(&format!("diff.category.{}", c.key()))
}

/// What an item kind is called.
fn kind_label(item: &str, w: &Words) -> String {
    w.opt(&format!("diff.item.{item}"))
        .unwrap_or_else(|| w.get("diff.item.other"))
}

/// What a field is called (for `item`): the item's own word for it, else the common
/// one, else the keyword itself.
pub(super) fn field_label(item: &str, key: &str, w: &Words) -> String {
    if key.is_empty() {
        return String::new();
    }
    w.opt(&format!("diff.field_of.{item}.{key}"))
        .or_else(|| w.opt(&format!("diff.field.{key}")))
        .unwrap_or_else(|| key.to_string())
}

/// How a repeated part is named: `向上级主管部门报告`, `职责“监测”`.
fn part_phrase(list: &str, name: Option<&str>, w: &Words) -> String {
    if name.is_none()
        && let Some(unnamed) = w.opt(&format!("diff.part_unnamed.{list}"))
    {
        return unnamed;
    }
    let name = name.unwrap_or("");
    match w.str(&format!("diff.part.{list}")) {
        Some(pattern) => fill(pattern, &[("name", name), ("quoted", &quote(name, w))]),
        None => format!("{list} {name}"),
    }
}

/// A name in quotation marks: “首次回应”.
fn quote(name: &str, w: &Words) -> String {
    w.fill("diff.quote", &[("name", name)])
}

/// A text as the note quotes it: 「…」.
fn quote_text(text: &str, w: &Words) -> String {
    w.fill("diff.text", &[("text", text)])
}

fn list_sep(w: &Words) -> String {
    w.get("doc.list_sep")
}

/// Fills the placeholder `key` of the label at `path` without saying twice the words
/// that follow it when the value already ends with them: a level named `红色预警`
/// reads `红色预警`, not `红色预警预警`.
fn fill_unrepeated(w: &Words, path: &str, key: &str, value: &str) -> String {
    let pattern = w.str(path).unwrap_or(path);
    let tail = pattern
        .split_once(&format!("{{{key}}}"))
        .map_or("", |(_, after)| after.split('{').next().unwrap_or(""));
    let value = value.strip_suffix(tail).unwrap_or(value);
    fill(pattern, &[(key, value)])
}

fn say_duration(d: Duration, w: &Words) -> String {
    let amount = Amount::Written {
        count: u64::from(d.count),
        suffix: d.unit.suffix(),
    };
    duration(w, amount, DurationStyle::Short)
}

fn period(p: &Period, w: &Words) -> String {
    if p.always {
        return w.get("diff.hours.always");
    }
    let days = w.get(&format!("diff.hours.{}", p.days.keyword()));
    let s = p.to_string();
    let times = s.split_once(' ').map(|(_, t)| t).unwrap_or("");
    format!("{days} {times}")
}

/// A value in words.
fn value(item: &str, v: &Value, w: &Words) -> String {
    match v {
        Value::Text(t) => {
            // One line: a line break of the text shows as a slash.
            let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            quote_text(&lines.join(&w.get("diff.line_sep")), w)
        }
        Value::Word(word) => word.clone(),
        Value::List(l) => l.join(&list_sep(w)),
        Value::Duration(d) => say_duration(*d, w),
        Value::Trigger(t) => trigger_phrase(t, w),
        Value::Chapter(c) => section_title(Section::Chapter(*c), w),
        Value::Deliver(k, None) => k.clone(),
        Value::Deliver(k, Some(t)) => w.fill("diff.deliver_titled", &[("kind", k), ("title", t)]),
        Value::Hours(h) => h
            .iter()
            .map(|p| period(p, w))
            .collect::<Vec<_>>()
            .join(&list_sep(w)),
        Value::Fields(f) => f
            .iter()
            .map(|(k, v)| field_value(item, k, v, w))
            .collect::<Vec<_>>()
            .join(&w.get("diff.field_sep")),
    }
}

/// One field of a summary: `时限：1小时`, or a repeated part.
fn field_value(item: &str, key: &str, v: &Value, w: &Words) -> String {
    if Value::is_part(key) {
        return part(item, key, v, w);
    }
    let label = field_label(item, key, w);
    let v = value(item, v, w);
    if label.is_empty() {
        v
    } else {
        w.fill("diff.labelled", &[("label", &label), ("value", &v)])
    }
}

/// A repeated part inside a summary: 向宣传部报告（时限：2小时）, 职责：「技术」.
fn part(item: &str, list: &str, v: &Value, w: &Words) -> String {
    match v {
        Value::Fields(f) => {
            let (name, rest) = match f.split_first() {
                Some((("", Value::Word(k)), rest)) => (Some(k.as_str()), rest),
                _ => (None, f.as_slice()),
            };
            part_phrase(list, name, w) + &summary(item, &Value::Fields(rest.to_vec()), w)
        }
        other => w.fill(
            "diff.part_value",
            &[
                ("part", &part_phrase(list, None, w)),
                ("value", &value(item, other, w)),
            ],
        ),
    }
}

/// When an action starts, in words: 橙色、红色预警 / at level 橙色, 红色.
fn trigger_phrase(t: &Trigger, w: &Words) -> String {
    match t {
        Trigger::Detect => w.get("diff.trigger.detect"),
        Trigger::Level(ls) => {
            let names: Vec<&str> = ls.iter().map(|l| l.value.as_str()).collect();
            fill_unrepeated(w, "diff.trigger.level", "levels", &names.join(&list_sep(w)))
        }
        Trigger::Upgrade => w.get("diff.trigger.upgrade"),
        Trigger::Downgrade => w.get("diff.trigger.downgrade"),
        Trigger::StandDown => w.get("diff.trigger.stand_down"),
        Trigger::Event(e) => w.fill("diff.trigger.event", &[("event", &e.value)]),
    }
}

/// The item a sentence is about: 橙色预警“首次回应”, 部门“宣传部”, 编制目的.
fn subject(c: &Change, w: &Words) -> String {
    let kind = kind_label(c.item, w);
    let quoted = quote(&c.name, w);
    match (c.item, &c.trigger) {
        ("plan" | "purpose" | "scope", _) => kind,
        ("action", Some(t)) => w.fill(
            "diff.subject.action_on",
            &[("trigger", &trigger_phrase(t, w)), ("name", &quoted)],
        ),
        ("level", _) => fill_unrepeated(w, "diff.subject.level", "name", &c.name),
        ("text", _) => w.fill("diff.subject.text", &[("name", &quoted)]),
        ("lint", _) => w.fill("diff.subject.lint", &[("kind", &kind), ("name", &c.name)]),
        _ => w.fill("diff.subject.item", &[("kind", &kind), ("name", &quoted)]),
    }
}

/// One change in one sentence, without its section and without a final stop.
pub fn sentence(c: &Change, lang: Lang) -> String {
    change_sentence(c, Words::of(lang))
}

fn change_sentence(c: &Change, w: &Words) -> String {
    let s = subject(c, w);
    match (&c.kind, &c.field) {
        (Kind::Renamed, _) => {
            let new = c.new.as_ref().map(Value::plain).unwrap_or_default();
            w.fill(
                "diff.sentence.renamed",
                &[("subject", &s), ("new", &quote(&new, w))],
            )
        }
        (Kind::Added | Kind::Removed, None) => item_sentence(c, &s, w),
        (kind, Some(f)) => field_sentence(c, *kind, f, &s, w),
        (Kind::Changed, None) => s,
    }
}

/// An item added (with what it holds) or removed: 橙色预警新增处置行动“证据固定”（…）.
fn item_sentence(c: &Change, subject: &str, w: &Words) -> String {
    let (event, detail) = match (c.kind, &c.new) {
        (Kind::Added, Some(v)) => ("added", summary(c.item, v, w)),
        (Kind::Added, None) => ("added", String::new()),
        _ => ("removed", String::new()),
    };
    let shape = match (c.item, &c.trigger) {
        ("action", Some(_)) => "action_on",
        ("level", _) => "level",
        _ => "item",
    };
    let trigger = c
        .trigger
        .as_ref()
        .map(|t| trigger_phrase(t, w))
        .unwrap_or_default();
    w.fill(
        &format!("diff.sentence.{event}.{shape}"),
        &[
            ("subject", subject),
            ("trigger", &trigger),
            ("kind", &kind_label(c.item, w)),
            ("name", &quote(&c.name, w)),
            ("detail", &detail),
        ],
    )
}

/// `（责任单位：宣传部；时限：1小时）` or `：「text」`: what an added part holds.
fn summary(item: &str, v: &Value, w: &Words) -> String {
    let Value::Fields(f) = v else {
        return w.fill("diff.summary.one", &[("value", &value(item, v, w))]);
    };
    let f: Vec<(&'static str, Value)> = f.iter().filter(|(k, _)| *k != "on").cloned().collect();
    match f.as_slice() {
        [] => String::new(),
        // A single unnamed value (a text) reads as a colon and the value.
        [(key, only)] if key.is_empty() || *key == "text" => {
            w.fill("diff.summary.one", &[("value", &value(item, only, w))])
        }
        _ => {
            let fields = value(item, &Value::Fields(f), w);
            w.fill("diff.summary.fields", &[("fields", &fields)])
        }
    }
}

/// The start of a sentence about a field: what it belongs to, its label, and both
/// joined (`橙色预警“首次回应”时限`, `action “x”: deadline`).
struct Head {
    what: String,
    label: String,
    head: String,
}

impl Head {
    fn of(c: &Change, f: &Field, subject: &str, w: &Words) -> Head {
        let (what, label, shape) = if Value::is_part(f.key) {
            let part = part_phrase(f.key, f.sub.as_deref(), w);
            match f.attr {
                Some(attr) => (
                    w.fill(
                        "diff.sentence.part_of",
                        &[("subject", subject), ("part", &part)],
                    ),
                    field_label(c.item, attr, w),
                    "head_part",
                ),
                None => (subject.to_string(), part, "head"),
            }
        } else {
            (subject.to_string(), field_label(c.item, f.key, w), "head")
        };
        let head = if label.is_empty() {
            what.clone()
        } else {
            w.fill(
                &format!("diff.sentence.{shape}"),
                &[("what", &what), ("label", &label)],
            )
        };
        Head { what, label, head }
    }

    /// The label at `path` with this head and `more` filled in.
    fn fill(&self, w: &Words, path: &str, more: &[(&str, &str)]) -> String {
        let mut args = vec![
            ("what", self.what.as_str()),
            ("label", self.label.as_str()),
            ("head", self.head.as_str()),
        ];
        args.extend_from_slice(more);
        w.fill(path, &args)
    }
}

fn field_sentence(c: &Change, kind: Kind, f: &Field, subject: &str, w: &Words) -> String {
    let head = Head::of(c, f, subject, w);
    match kind {
        Kind::Added => {
            // The part's name is already in the phrase.
            let new = c.new.as_ref().map(|v| match v {
                Value::Fields(fs) if f.sub.is_some() => {
                    Value::Fields(fs.iter().skip(1).cloned().collect())
                }
                v => v.clone(),
            });
            let detail = new.map(|v| summary(c.item, &v, w)).unwrap_or_default();
            head.fill(w, "diff.sentence.field_added", &[("detail", &detail)])
        }
        Kind::Removed => head.fill(w, "diff.sentence.field_removed", &[]),
        _ => {
            // Documents named in the header are quoted like texts.
            let quoted = !Value::is_part(f.key) && matches!(f.key, "basis" | "parent" | "related");
            changed(c, &head, quoted, w)
        }
    }
}

/// `{what}{label}由{old}调整为{new}` and its variants.
fn changed(c: &Change, head: &Head, quoted: bool, w: &Words) -> String {
    let v = |x: &Value| value(c.item, x, w);
    match (c.old.as_ref(), c.new.as_ref()) {
        (Some(Value::List(a)), Some(Value::List(b))) => list_changed(head, a, b, quoted, w),
        (Some(o), Some(n)) => head.fill(
            w,
            "diff.sentence.changed",
            &[("old", &v(o)), ("new", &v(n))],
        ),
        (None, Some(n)) => head.fill(w, "diff.sentence.set", &[("new", &v(n))]),
        (Some(o), None) => head.fill(w, "diff.sentence.unset", &[("old", &v(o))]),
        (None, None) => head.head.clone(),
    }
}

/// A list that gained or lost entries, or only changed their order.
fn list_changed(head: &Head, old: &[String], new: &[String], quoted: bool, w: &Words) -> String {
    let sep = list_sep(w);
    let entries = |list: Vec<&String>| -> String {
        list.iter()
            .map(|x| {
                if quoted {
                    quote_text(x, w)
                } else {
                    x.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(&sep)
    };
    let added: Vec<&String> = new.iter().filter(|x| !old.contains(x)).collect();
    let removed: Vec<&String> = old.iter().filter(|x| !new.contains(x)).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(w.fill("diff.sentence.list_added", &[("items", &entries(added))]));
    }
    if !removed.is_empty() {
        parts.push(w.fill(
            "diff.sentence.list_removed",
            &[("items", &entries(removed))],
        ));
    }
    if parts.is_empty() {
        return head.fill(w, "diff.sentence.reordered", &[("new", &new.join(&sep))]);
    }
    let changes = parts.join(&w.get("diff.sentence.clause_sep"));
    head.fill(w, "diff.sentence.list_changed", &[("changes", &changes)])
}

fn major_categories(changes: &[Change]) -> Vec<Category> {
    let mut cats: Vec<Category> = changes.iter().filter_map(|c| c.category).collect();
    cats.sort();
    cats.dedup();
    cats
}

/// Sections in document order, each with its changes in diff order.
fn by_section(changes: &[Change]) -> Vec<(Section, Vec<&Change>)> {
    let mut sections: Vec<Section> = changes.iter().map(|c| c.section).collect();
    sections.sort();
    sections.dedup();
    sections
        .into_iter()
        .map(|s| (s, changes.iter().filter(|c| c.section == s).collect()))
        .collect()
}

/// How many changes there are, and how many of them are major, as label arguments.
struct Count {
    n: String,
    m: String,
    noun: String,
}

impl Count {
    fn of(changes: &[Change], w: &Words) -> Count {
        let n = changes.len();
        Count {
            n: n.to_string(),
            m: changes.iter().filter(|c| c.major()).count().to_string(),
            noun: w.unit_in("diff", "changes", n as u64),
        }
    }
}

/// The paragraph that says whether the revision needs re-approval and re-filing.
pub fn verdict(changes: &[Change], lang: Lang) -> String {
    say_verdict(changes, Words::of(lang))
}

fn say_verdict(changes: &[Change], w: &Words) -> String {
    if changes.is_empty() {
        return w.get("diff.verdict.same");
    }
    let count = Count::of(changes, w);
    let categories: Vec<String> = major_categories(changes)
        .into_iter()
        .map(|c| category_name(c, w))
        .collect();
    let path = if categories.is_empty() {
        "diff.verdict.minor"
    } else {
        "diff.verdict.major"
    };
    w.fill(
        path,
        &[
            ("n", &count.n),
            ("m", &count.m),
            ("changes", &count.noun),
            ("categories", &categories.join(&list_sep(w))),
        ],
    )
}

fn version_of(p: &Plan) -> Option<&str> {
    p.plan
        .as_ref()
        .and_then(|h| h.version.as_ref())
        .map(|v| v.value.as_str())
}

fn title_of<'a>(v: &'a Versions) -> Option<&'a str> {
    v.new
        .plan
        .as_ref()
        .or(v.old.plan.as_ref())
        .map(|h| h.title.value.as_str())
        .filter(|t| !t.is_empty())
}

/// A change's sentence as it starts a line: capitalized where the language's labels
/// say sentences start with a capital.
fn sentence_start(c: &Change, w: &Words) -> String {
    let s = change_sentence(c, w);
    let capitalize = w
        .lookup("diff.sentence.capitalize")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if !capitalize {
        return s;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// How plan text is escaped for one output: Markdown for the note, the terminal's
/// escaper for the terminal view.
type Escape = fn(&str) -> String;

fn markdown_text(s: &str) -> String {
    crate::render::escape::to_string(crate::render::escape::markdown, s)
}

fn terminal_text(s: &str) -> String {
    crate::source::printable(s).into_owned()
}

/// The change with every piece of plan text in it (names, texts, words, triggers)
/// escaped, so the sentences built from it carry the plan's text as data.
fn escaped(c: &Change, esc: Escape) -> Change {
    Change {
        kind: c.kind,
        item: c.item,
        name: esc(&c.name),
        trigger: c.trigger.as_ref().map(|t| escaped_trigger(t, esc)),
        qualified: c.qualified,
        field: c.field.as_ref().map(|f| Field {
            key: f.key,
            sub: f.sub.as_deref().map(esc),
            attr: f.attr,
        }),
        old: c.old.as_ref().map(|v| escaped_value(v, esc)),
        new: c.new.as_ref().map(|v| escaped_value(v, esc)),
        category: c.category,
        section: c.section,
    }
}

fn escaped_trigger(t: &Trigger, esc: Escape) -> Trigger {
    let name = |n: &crate::source::Name| crate::source::Name {
        value: esc(&n.value).into(),
        span: n.span,
    };
    match t {
        Trigger::Level(names) => Trigger::Level(names.iter().map(name).collect()),
        Trigger::Event(e) => Trigger::Event(name(e)),
        t => t.clone(),
    }
}

fn escaped_value(v: &Value, esc: Escape) -> Value {
    match v {
        Value::Text(t) => Value::Text(esc(t)),
        Value::Word(w) => Value::Word(esc(w)),
        Value::List(l) => Value::List(l.iter().map(|x| esc(x)).collect()),
        Value::Deliver(kind, title) => Value::Deliver(esc(kind), title.as_deref().map(esc)),
        Value::Fields(f) => {
            Value::Fields(f.iter().map(|(k, v)| (*k, escaped_value(v, esc))).collect())
        }
        Value::Trigger(t) => Value::Trigger(escaped_trigger(t, esc)),
        v @ (Value::Duration(_) | Value::Hours(_) | Value::Chapter(_)) => v.clone(),
    }
}

/// The revision note (修订说明) in Markdown.
pub fn markdown(changes: &[Change], v: &Versions, lang: Lang) -> String {
    let w = Words::of(lang);
    let changes: &[Change] = &changes
        .iter()
        .map(|c| escaped(c, markdown_text))
        .collect::<Vec<_>>();
    let mut out = note_head(v, w);
    out.push_str(&say_verdict(changes, w));
    if !changes.is_empty() && version_of(v.old).is_some() && version_of(v.old) == version_of(v.new)
    {
        out.push_str(&w.get("diff.note.same_version"));
    }
    out.push_str("\n\n");
    if changes.is_empty() {
        return out;
    }
    out.push_str(&format!("## {}\n", w.get("diff.note.changes")));
    for (section, list) in by_section(changes) {
        out.push_str(&format!("\n### {}\n\n", section_title(section, w)));
        for (i, c) in list.iter().enumerate() {
            let tag = match c.category {
                Some(cat) => w.fill("diff.note.major", &[("category", &category_name(cat, w))]),
                None => w.get("diff.note.minor"),
            };
            let item = w.fill(
                "diff.note.item",
                &[("sentence", &sentence_start(c, w)), ("tag", &tag)],
            );
            out.push_str(&format!("{}. {item}\n", i + 1));
        }
    }
    out
}

/// The note's title, the two versions and the summary heading.
fn note_head(v: &Versions, w: &Words) -> String {
    let title = match title_of(v) {
        Some(t) => w.fill("diff.note.title", &[("title", &markdown_text(t))]),
        None => w.get("diff.note.untitled"),
    };
    let version = |p: &Plan, file: &str| {
        let file = markdown_text(file);
        match version_of(p) {
            Some(x) => w.fill(
                "diff.note.version",
                &[("version", &markdown_text(x)), ("file", &file)],
            ),
            None => file,
        }
    };
    format!(
        "# {title}\n\n- {}\n- {}\n\n## {}\n\n",
        w.fill(
            "diff.note.before",
            &[("version", &version(v.old, v.old_name))]
        ),
        w.fill(
            "diff.note.after",
            &[("version", &version(v.new, v.new_name))]
        ),
        w.get("diff.note.summary"),
    )
}

/// The terminal view: one line per change under its section, marked `+ - ~ →`.
pub fn human(changes: &[Change], v: &Versions, lang: Lang, color: bool) -> String {
    let w = Words::of(lang);
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    // Escaped before the colours go in: the colour codes are the only ones written.
    let changes: &[Change] = &changes
        .iter()
        .map(|c| escaped(c, terminal_text))
        .collect::<Vec<_>>();
    let names = format!("{} → {}", v.old_name, v.new_name);
    let mut out = paint("1", &terminal_text(&names));
    if changes.is_empty() {
        out.push_str(&w.get("diff.human.same"));
        out.push('\n');
        return out;
    }
    let count = Count::of(changes, w);
    out.push_str(&w.fill(
        "diff.human.count",
        &[("n", &count.n), ("m", &count.m), ("changes", &count.noun)],
    ));
    out.push('\n');
    for (section, list) in by_section(changes) {
        out.push('\n');
        out.push_str(&paint("1", &section_title(section, w)));
        out.push('\n');
        for c in list {
            let (mark, code) = match c.kind {
                Kind::Added => ("+", "32"),
                Kind::Removed => ("-", "31"),
                Kind::Changed => ("~", "33"),
                Kind::Renamed => ("→", "36"),
            };
            out.push_str("  ");
            out.push_str(&paint(code, mark));
            out.push(' ');
            out.push_str(&sentence_start(c, w));
            if let Some(cat) = c.category {
                let tag = w.fill("diff.human.major", &[("category", &category_name(cat, w))]);
                out.push_str(&paint("1;31", &format!("  {tag}")));
            }
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&say_verdict(changes, w));
    out.push('\n');
    out
}

/// The revision note's list of the response cards to reprint (none: nothing).
pub fn cards_markdown(posts: &[String], lang: Lang) -> String {
    if posts.is_empty() {
        return String::new();
    }
    let w = Words::of(lang);
    let mut out = format!("\n## {}\n\n", w.get("diff.note.cards"));
    for p in posts {
        out.push_str(&format!("- {}\n", markdown_text(p)));
    }
    out
}

/// The terminal view's line of the response cards to reprint (none: nothing).
pub fn cards_human(posts: &[String], lang: Lang) -> String {
    if posts.is_empty() {
        return String::new();
    }
    let w = Words::of(lang);
    let list: Vec<String> = posts.iter().map(|p| terminal_text(p)).collect();
    format!(
        "\n{}\n",
        w.fill("diff.human.cards", &[("posts", &list.join(&list_sep(w)))])
    )
}
