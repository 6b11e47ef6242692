//! G: safeguards, training and drills — every resource owned, drills at least once
//! a year (应急管理部令第2号 Art 33), the four safeguards of an opinion plan present.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::messages as msg;
use crate::model::{DurUnit, Duration, Exercise};

/// The longest time between drills (应急管理部令第2号 Art 33): a year.
const MAX_DRILL: Duration = Duration {
    count: 1,
    unit: DurUnit::Year,
};

/// The safeguards an online-opinion plan provides (队伍, 技术平台, 经费, 通信).
pub const SAFEGUARD_KINDS: &[&str] = &["team", "platform", "budget", "communications"];

/// G0001: every resource has an owner.
pub fn resource_without_owner(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .resources
        .iter()
        .filter(|r| r.owner.is_none())
        .map(|r| msg::resource_without_owner(r.name.span, &r.name.value))
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
    vec![msg::no_drill_cadence(h.title.span)]
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
            vec![msg::drills_too_rare(c.span, c.value)]
        }
        _ => Vec::new(),
    }
}

/// G0004: every drill and training names its owner and its cadence.
pub fn exercise_incomplete(cx: &Context) -> Vec<Diagnostic> {
    let check = |e: &Exercise, training: bool| {
        let mut missing = Vec::new();
        if e.owner.is_none() {
            missing.push("owner");
        }
        if e.every.is_none() {
            missing.push("every");
        }
        (!missing.is_empty())
            .then(|| msg::exercise_incomplete(e.name.span, &e.name.value, training, &missing))
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
    let missing: Vec<&str> = SAFEGUARD_KINDS
        .iter()
        .copied()
        .filter(|k| {
            !cx.plan
                .resources
                .iter()
                .any(|r| r.kind.as_ref().is_some_and(|x| x.value == *k))
        })
        .collect();
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![msg::missing_safeguards(h.title.span, &missing)]
    }
}

/// G0006: a plan trains the people who carry it out.
pub fn no_training(cx: &Context) -> Vec<Diagnostic> {
    match cx.header() {
        Some(h) if cx.plan.trainings.is_empty() => vec![msg::no_training(h.title.span)],
        _ => Vec::new(),
    }
}
