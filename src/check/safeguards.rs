//! G: safeguards, training and drills — every resource owned, drills at least once
//! a year (应急管理部令第2号 Art 33), the four safeguards of an opinion plan present.

use super::Context;
use crate::diagnostic::{Diagnostic, SafeguardFinding as Found, SafeguardKind};
use crate::model::{DurUnit, Duration, Exercise};

/// The longest time between drills (应急管理部令第2号 Art 33): a year.
const MAX_DRILL: Duration = Duration {
    count: 1,
    unit: DurUnit::Year,
};

/// The safeguards an online-opinion plan provides (队伍, 技术平台, 经费, 通信).
pub const SAFEGUARD_KINDS: &[(&str, SafeguardKind)] = &[
    ("team", SafeguardKind::Team),
    ("platform", SafeguardKind::Platform),
    ("budget", SafeguardKind::Budget),
    ("communications", SafeguardKind::Communications),
];

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    resource_without_owner,
    no_drill_cadence,
    drills_too_rare,
    exercise_incomplete,
    missing_safeguards,
    no_training,
];

/// G0001: every resource has an owner.
pub fn resource_without_owner(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .resources
        .iter()
        .filter(|r| r.owner.is_none())
        .map(|r| {
            Diagnostic::new(
                r.name.span,
                Found::ResourceWithoutOwner {
                    resource: r.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// G0002: a plan says how often it is drilled.
pub fn no_drill_cadence(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    if h.drill_every.is_some() || cx.plan.drills.iter().any(|d| d.every.is_some()) {
        return Vec::new();
    }
    vec![Diagnostic::new(h.title.span, Found::NoDrillCadence)]
}

/// G0003: the plan is drilled at least once a year.
pub fn drills_too_rare(cx: &Context) -> Vec<Diagnostic> {
    let cadence = cx
        .header()
        .and_then(|h| h.drill_every.as_ref())
        .or_else(|| {
            cx.plan
                .drills
                .iter()
                .filter_map(|d| d.every.as_ref())
                .min_by_key(|e| e.value.minutes())
        });
    match cadence {
        Some(c) if c.value.minutes() > MAX_DRILL.minutes() => {
            vec![Diagnostic::new(
                c.span,
                Found::DrillsTooRare {
                    cadence: c.value.to_string(),
                },
            )]
        }
        _ => Vec::new(),
    }
}

/// G0004: every drill and training names its owner and its cadence.
pub fn exercise_incomplete(cx: &Context) -> Vec<Diagnostic> {
    let check = |e: &Exercise, training: bool| {
        let mut missing = Vec::new();
        if e.owner.is_none() {
            missing.push("owner".to_string());
        }
        if e.every.is_none() {
            missing.push("every".to_string());
        }
        (!missing.is_empty()).then(|| {
            Diagnostic::new(
                e.name.span,
                Found::ExerciseIncomplete {
                    name: e.name.value.to_string(),
                    training,
                    missing,
                },
            )
        })
    };
    cx.plan
        .drills
        .iter()
        .filter_map(|e| check(e, false))
        .chain(cx.plan.trainings.iter().filter_map(|e| check(e, true)))
        .collect()
}

/// G0005: a plan provides a team, a platform, a budget and communications.
pub fn missing_safeguards(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let missing: Vec<SafeguardKind> = SAFEGUARD_KINDS
        .iter()
        .filter(|(k, _)| {
            !cx.plan
                .resources
                .iter()
                .any(|r| r.kind.as_ref().is_some_and(|x| x.value == *k))
        })
        .map(|(_, kind)| *kind)
        .collect();
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![Diagnostic::new(
            h.title.span,
            Found::Missing { kinds: missing },
        )]
    }
}

/// G0006: a plan trains the people who carry it out.
pub fn no_training(cx: &Context) -> Vec<Diagnostic> {
    match cx.header() {
        Some(h) if cx.plan.trainings.is_empty() => {
            vec![Diagnostic::new(h.title.span, Found::NoTraining)]
        }
        _ => Vec::new(),
    }
}
