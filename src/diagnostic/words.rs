//! The one place where findings become words. Each family has one `match`; the words
//! themselves are labels (`diag.<CODE>…` in `templates/labels/<lang>.json`). A finding
//! chooses *which* label by its data, never by the language.

use super::code::Code;
use super::finding::*;
use crate::wording::{Lang, Words, plan_spelling};

/// A finding in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    /// What to say under the primary span.
    pub label: String,
    pub help: Option<String>,
}

/// The words of a finding in a language.
pub fn text(finding: &Finding, lang: Lang) -> Text {
    let w = Words::of(lang);
    match finding {
        Finding::Parse(f) => super::parse::words(f, w),
        Finding::Name(f) => super::names::words(f, w),
        Finding::Structure(f) => super::structure::words(f, w),
        Finding::Organization(f) => super::organization::words(f, w),
        Finding::Reporting(f) => super::reporting::words(f, w),
        Finding::Level(f) => super::levels::words(f, w),
        Finding::Action(f) => super::actions::words(f, w),
        Finding::Timing(f) => super::timing::words(f, w),
        Finding::Monitoring(f) => super::monitoring::words(f, w),
        Finding::Safeguard(f) => super::safeguards::words(f, w),
        Finding::Hygiene(f) => super::hygiene::words(f, w),
        Finding::Scenario(f) => super::scenarios::words(f, w),
    }
}

/// The words of a secondary label.
pub fn note(note: &Note, lang: Lang) -> String {
    let w = Words::of(lang);
    let fill = |key: &str, args: &[(&str, &str)]| w.fill(&format!("diag.note.{key}"), args);
    match note {
        Note::FirstOne => fill("first_one", &[]),
        Note::FirstDefined => fill("first_defined", &[]),
        Note::DefinedHere { name } => fill("defined_here", &[("name", name)]),
        Note::IsHere { name } => fill("is_here", &[("name", name)]),
        Note::IssueDate => fill("issue_date", &[]),
        Note::ReportingLineInCycle => fill("reporting_line_in_cycle", &[]),
        Note::DependencyInCycle => fill("dependency_in_cycle", &[]),
        Note::Anchor => fill("anchor", &[]),
        Note::BackupInRing => fill("backup_in_ring", &[]),
        Note::RankOf { level } => fill("rank_of", &[("level", level)]),
        Note::ColourOf { level } => fill("colour_of", &[("level", level)]),
        Note::ResponseOf { level } => fill("response_of", &[("level", level)]),
        Note::ThresholdOf { level } => fill("threshold_of", &[("level", level)]),
        Note::DeadlineAt { level } => fill("deadline_at", &[("level", level)]),
        Note::DefinedAsExternal { name } => fill("defined_as_external", &[("name", name)]),
        Note::AnotherApprover => fill("another_approver", &[]),
        Note::ChainReport {
            from,
            to,
            minutes,
            total,
        } => fill(
            "chain_report",
            &[
                ("from", from),
                ("to", to),
                ("minutes", &plan_spelling(*minutes)),
                ("total", &plan_spelling(*total)),
            ],
        ),
        Note::ChainPrerequisite { action, minutes } => fill(
            "chain_prerequisite",
            &[("action", action), ("minutes", &plan_spelling(*minutes))],
        ),
        Note::Effort => fill("effort", &[]),
        Note::Roster => fill("roster", &[]),
    }
}

/// The prefix of a help line: `帮助` / `help`.
pub fn help_prefix(lang: Lang) -> String {
    Words::of(lang).get("diag.help_prefix")
}

/// The text at `diag.<key>`: its `message`, `label` and (if any) `help`, filled.
pub(super) fn say(w: &Words, key: &str, args: &[(&str, &str)]) -> Text {
    let part = |p: &str| {
        w.str(&format!("diag.{key}.{p}"))
            .map(|t| crate::wording::fill(t, args))
    };
    Text {
        message: part("message").unwrap_or_else(|| format!("diag.{key}.message")),
        label: part("label").unwrap_or_default(),
        help: part("help"),
    }
}

impl Text {
    /// The same text with the help line at `diag.<path>` instead.
    pub(super) fn help(mut self, w: &Words, path: &str, args: &[(&str, &str)]) -> Text {
        self.help = Some(w.fill(&format!("diag.{path}"), args));
        self
    }

    /// The same text with the label at `diag.<path>` instead.
    pub(super) fn label(mut self, w: &Words, path: &str, args: &[(&str, &str)]) -> Text {
        self.label = w.fill(&format!("diag.{path}"), args);
        self
    }

    /// The "did you mean" help when there is a suggestion, else the help at `otherwise`.
    pub(super) fn suggest(
        self,
        w: &Words,
        s: &Option<String>,
        otherwise: (&str, &[(&str, &str)]),
    ) -> Text {
        match s {
            Some(s) => self.help(w, "did_you_mean", &[("s", s)]),
            None => self.help(w, otherwise.0, otherwise.1),
        }
    }
}

pub(super) fn thing(w: &Words, t: Thing) -> String {
    let key = match t {
        Thing::PlanHeader => "plan_header",
        Thing::Body => "body",
        Thing::Role => "role",
        Thing::Unit => "unit",
        Thing::External => "external",
        Thing::Party => "party",
        Thing::Channel => "channel",
        Thing::Roster => "roster",
        Thing::Grade => "grade",
        Thing::Level => "level",
        Thing::Action => "action",
        Thing::Resource => "resource",
        Thing::Drill => "drill",
        Thing::Training => "training",
        Thing::Exercise => "exercise",
        Thing::Scenario => "scenario",
        Thing::Inject => "inject",
        Thing::Principle => "principle",
        Thing::Template => "template",
        Thing::Annex => "annex",
        Thing::Text => "text",
        Thing::Duty => "duty",
    };
    w.get(&format!("diag.thing.{key}"))
}

/// Names joined as a list (`diag.list_and`: `、` / `, `).
pub(super) fn names(w: &Words, items: &[String]) -> String {
    items.join(&w.get("diag.list_and.sep"))
}

/// `A → B → C`.
pub(super) fn chain(items: &[String]) -> String {
    items.join(" → ")
}

pub(super) fn codepoints(cs: &[char]) -> String {
    cs.iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

// ───────────── N: names ─────────────

pub(super) fn unknown_word(
    w: &Words,
    key: &str,
    word: &str,
    what: String,
    allowed: &[String],
    suggestion: &Option<String>,
) -> Text {
    say(w, key, &[("word", word), ("what", &what)]).suggest(
        w,
        suggestion,
        ("one_of", &[("allowed", &names(w, allowed))]),
    )
}

// ───────────── the catalogue ─────────────

/// The one-line summary of a code.
pub fn summary(code: Code, lang: Lang) -> String {
    Words::of(lang).get(&format!("code.{code}.summary"))
}

/// The family name of a code.
pub fn family(code: Code, lang: Lang) -> String {
    Words::of(lang).get(&format!("code_family.{}", code.family().key()))
}

/// The long explanation of `planc explain CODE`.
pub fn explain(code: Code, lang: Lang) -> String {
    let w = Words::of(lang);
    let e = code.entry();
    let sev = w.get(&format!("explain.severity.{}", e.severity));
    let head = |k: &str| w.get(&format!("explain.{k}"));
    let indent =
        |s: &str| -> String { s.lines().map(|l| format!("    {l}\n")).collect::<String>() };
    let words = |k: &str| w.get(&format!("code.{code}.{k}"));
    let mut out = format!("{code}: {}\n\n", words("summary"));
    out += &format!(
        "{}: {}    {}: {sev}\n\n",
        head("family"),
        family(code, lang),
        head("default")
    );
    out += &format!("{}:\n{}\n", head("what"), indent(&words("what")));
    out += &format!("{}:\n{}\n", head("why"), indent(&words("why")));
    out += &format!("{}:\n{}\n", head("source"), indent(e.source));
    out += &format!("{}:\n{}\n", head("bad"), indent(e.bad));
    out += &format!("{}:\n{}", head("good"), indent(e.good));
    if code.configurable() {
        out += "\n";
        out += &w.fill("explain.configurable", &[("code", code.as_str())]);
        out += "\n";
    }
    out
}
