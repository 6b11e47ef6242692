//! Reading the export JSON back into the model: the front end for a plan written by
//! `planc export` or by another system.
//!
//! The model's types read themselves, except a level's measurable conditions, which
//! the JSON holds in the plan language (`"when": "reach >= 50万 or hot_search"`). The
//! types that hold one — the plan, its levels and their stand-downs — are read here
//! through mirrors of the model's types; serde builds the model's value from each
//! mirror, so a field missing from a mirror does not compile.

use super::{json_reader, parse_condition};
use crate::diagnostic::{Diagnostic, ParseFinding};
use crate::model::{
    Action, Annex, Body, Calendar, Channel, Condition, Exercise, External, FormatVersion, Grade,
    Guard, Header, Level, LintItem, MayFollow, Plan, Principle, Prose, ReportLine, Resource, Role,
    Roster, Scenario, StandDown, Unit,
};
use crate::source::{Name, Source, Span, Spanned, Text};
use serde::{Deserialize, Deserializer};

/// Reads a plan's export JSON; an error is located where the JSON went wrong.
///
/// The JSON is read with the span of every value, so that diagnostics point into
/// it. A JSON that does not read is read again by serde_json alone, whose error (and
/// its location) is the one reported: the error says what serde_json always said.
pub fn read(source: &Source) -> Result<Plan, Diagnostic> {
    match read_spanned(&source.text) {
        Ok(mut plan) => {
            super::json_spans::fill(&mut plan);
            Ok(plan)
        }
        Err(ours) => Err(match read_bare(source) {
            Err(d) => d,
            Ok(_) => Diagnostic::new(
                ours.span.unwrap_or_default(),
                ParseFinding::BadJson {
                    detail: ours.message,
                },
            ),
        }),
    }
}

fn read_spanned(text: &str) -> Result<Plan, json_reader::Error> {
    // serde_json decides what is JSON (and bounds the nesting): the spanned reader
    // only walks texts it accepted.
    let not_json = |e: &dyn std::fmt::Display| json_reader::Error {
        message: e.to_string(),
        span: None,
    };
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| not_json(&e))?;
    let mut reader = json_reader::Reader::new(text);
    PlanJson::deserialize(&mut reader)
}

/// Reads with serde_json alone: spans empty, errors as serde_json locates them.
fn read_bare(source: &Source) -> Result<Plan, Diagnostic> {
    let mut de = serde_json::Deserializer::from_str(&source.text);
    PlanJson::deserialize(&mut de)
        .and_then(|plan| de.end().map(|()| plan))
        .map_err(|e| located(source, &e))
}

fn located(source: &Source, e: &serde_json::Error) -> Diagnostic {
    let line = e.line().saturating_sub(1);
    let offset = match source.line_starts().get(line) {
        Some(&start) => (start as usize + e.column().saturating_sub(1)).min(source.text.len()),
        None => source.text.len(),
    };
    let detail = e.to_string();
    // serde_json appends " at line L column C"; the location is shown anyway.
    let detail = detail.split(" at line ").next().unwrap_or(&detail);
    Diagnostic::new(
        Span::new(offset, offset),
        ParseFinding::BadJson {
            detail: detail.into(),
        },
    )
}

#[derive(Deserialize)]
#[serde(
    remote = "Plan",
    rename = "Plan",
    default = "Plan::default",
    deny_unknown_fields
)]
struct PlanJson {
    version: FormatVersion,
    plan: Option<Header>,
    purpose: Option<Text>,
    scope: Option<Text>,
    principles: Vec<Principle>,
    texts: Vec<Prose>,
    bodies: Vec<Body>,
    roles: Vec<Role>,
    units: Vec<Unit>,
    externals: Vec<External>,
    channels: Vec<Channel>,
    rosters: Vec<Roster>,
    grades: Vec<Grade>,
    #[serde(deserialize_with = "levels")]
    levels: Vec<Level>,
    #[serde(deserialize_with = "actions")]
    actions: Vec<Action>,
    resources: Vec<Resource>,
    drills: Vec<Exercise>,
    trainings: Vec<Exercise>,
    templates: Vec<Annex>,
    annexes: Vec<Annex>,
    lints: Vec<LintItem>,
    calendar: Calendar,
    scenarios: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(
    remote = "Level",
    rename = "Level",
    default = "Level::default",
    deny_unknown_fields
)]
struct LevelJson {
    name: Name,
    rank: Option<Spanned<u32>>,
    color: Option<Name>,
    response: Option<Spanned<u8>>,
    criteria: Option<Text>,
    #[serde(deserialize_with = "condition")]
    when: Option<Spanned<Condition>>,
    declared_by: Option<Name>,
    declared_by_also: Vec<Name>,
    upgrade_to: Option<Name>,
    downgrade_to: Option<Name>,
    #[serde(deserialize_with = "stand_down")]
    stand_down: Option<StandDown>,
    grade: Option<Name>,
    #[serde(skip)]
    span: Span,
    reports_to: Vec<ReportLine>,
    roster: Option<Name>,
    may_follow: Option<MayFollow>,
}

#[derive(Deserialize)]
#[serde(
    remote = "StandDown",
    rename = "StandDown",
    default = "StandDown::default",
    deny_unknown_fields
)]
struct StandDownJson {
    text: Option<Text>,
    #[serde(deserialize_with = "condition")]
    when: Option<Spanned<Condition>>,
    #[serde(rename = "for")]
    hold: Option<Spanned<crate::model::Duration>>,
    #[serde(skip)]
    span: Span,
    approved_by: Option<Name>,
}

fn levels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Level>, D::Error> {
    #[derive(Deserialize)]
    struct One(#[serde(with = "LevelJson")] Level);
    let all = Vec::<One>::deserialize(d)?;
    Ok(all.into_iter().map(|one| one.0).collect())
}

#[derive(Deserialize)]
#[serde(
    remote = "Action",
    rename = "Action",
    default = "Action::default",
    deny_unknown_fields
)]
struct ActionJson {
    name: Name,
    title: Option<Text>,
    #[serde(rename = "on")]
    trigger: Spanned<crate::model::Trigger>,
    owner: Option<Name>,
    co_owners: Vec<Name>,
    approve: Vec<Name>,
    consult: Vec<Name>,
    inform: Vec<Name>,
    within: Option<Spanned<crate::model::Duration>>,
    deadline: crate::model::Deadline,
    anchor: Option<crate::model::Anchor>,
    every: Option<Spanned<crate::model::Duration>>,
    every_for: Option<Spanned<crate::model::Duration>>,
    after: Vec<Name>,
    deliver: Option<crate::model::Deliverable>,
    capability: Option<Name>,
    effort: Option<Spanned<crate::model::Duration>>,
    detail: Option<Text>,
    #[serde(skip)]
    span: Span,
    optional: bool,
    #[serde(deserialize_with = "guards")]
    conditions: Vec<Guard>,
    invoke: Option<Text>,
}

#[derive(Deserialize)]
#[serde(
    remote = "Guard",
    rename = "Guard",
    default = "Guard::default",
    deny_unknown_fields
)]
struct GuardJson {
    words: Text,
    unless: bool,
    #[serde(deserialize_with = "condition")]
    when: Option<Spanned<Condition>>,
    #[serde(skip)]
    span: Span,
}

fn actions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Action>, D::Error> {
    #[derive(Deserialize)]
    struct One(#[serde(with = "ActionJson")] Action);
    let all = Vec::<One>::deserialize(d)?;
    Ok(all.into_iter().map(|one| one.0).collect())
}

fn guards<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Guard>, D::Error> {
    #[derive(Deserialize)]
    struct One(#[serde(with = "GuardJson")] Guard);
    let all = Vec::<One>::deserialize(d)?;
    Ok(all.into_iter().map(|one| one.0).collect())
}

fn stand_down<'de, D: Deserializer<'de>>(d: D) -> Result<Option<StandDown>, D::Error> {
    #[derive(Deserialize)]
    struct One(#[serde(with = "StandDownJson")] StandDown);
    Ok(Option::<One>::deserialize(d)?.map(|one| one.0))
}

/// A condition in the plan language, parsed as a level's `when` is in a plan. The
/// condition's parts point into the JSON string when it is written without escapes
/// (offsets in the value are offsets in the text), at the whole string otherwise.
fn condition<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<Condition>>, D::Error> {
    let Some(text) = Option::<Spanned<String>>::deserialize(d)? else {
        return Ok(None);
    };
    let mut condition = parse_condition(&text.value).map_err(serde::de::Error::custom)?;
    let whole = text.span;
    if !whole.is_dummy() {
        let written = whole.end() - whole.start();
        // The quotes around the value: two bytes more than the value when nothing is escaped.
        if written == text.value.len() + 2 {
            let at = whole.start() + 1;
            condition.relocate(&mut |s| Span::new(at + s.start(), at + s.end()));
        } else {
            condition.relocate(&mut |_| whole);
        }
    }
    Ok(Some(Spanned::new(condition, whole)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagship_json() -> String {
        let c = crate::compile(Source::new(crate::FLAGSHIP_NAME, crate::FLAGSHIP));
        crate::export_json(c.plan.as_ref().unwrap())
    }

    #[test]
    fn the_spanned_reader_reads_what_serde_json_reads() {
        let json = flagship_json();
        // An escaped name reads the same and still has its span.
        let json = json.replacen("\"name\": \"", "\"name\": \"\\u5b\\\"", 1);
        let json = json.replacen("\\u5b", "\\u005b", 1);
        let source = Source::new("p.json", json.as_str());
        let spanned = read(&source).unwrap();
        let bare = read_bare(&source).unwrap();
        // Items differ only in their own spans, which the export leaves out.
        assert!(crate::export_json(&spanned) == crate::export_json(&bare));
        let first = spanned.plan.as_ref().map(|h| h.title.span).unwrap();
        assert!(!first.is_dummy());
    }

    #[test]
    fn what_serde_json_refuses_is_refused_with_its_error() {
        let json = flagship_json();
        for bad in [
            json.replacen("\"version\": 2,", "\"version\": 2, // c\n", 1),
            json.replacen("\"version\": 2,", "\"version\": 2,\"versoin\": 1,", 1),
            json.replacen("\"version\": 2,", "\"version\": 2,\"version\": 2,", 1),
            format!("{json} x"),
            json.replacen("\"rank\": 1", "\"rank\": 1.0", 1),
        ] {
            let source = Source::new("p.json", bad.as_str());
            let ours = read(&source).unwrap_err();
            let theirs = read_bare(&source).unwrap_err();
            assert_eq!(ours.span, theirs.span);
            assert_eq!(ours.finding, theirs.finding);
        }
    }

    #[test]
    fn a_spanned_value_reads_bare_elsewhere() {
        let n: Spanned<u32> = serde_json::from_str("5").unwrap();
        assert_eq!((n.value, n.span), (5, Span::default()));
        let v: serde_json::Value = serde_json::from_str("[\"a\"]").unwrap();
        let s: Vec<Name> = serde_json::from_value(v).unwrap();
        assert_eq!(s[0].value, "a");
    }
}
