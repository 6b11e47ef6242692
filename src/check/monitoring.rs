//! M: monitoring — every channel watched, covered hours stated, and a duty roster
//! behind every claim of round-the-clock watch (24小时值班).

use super::Context;
use super::week;
use crate::diagnostic::{Diagnostic, MonitoringFinding as Found, Note};
use crate::model::{Channel, Period, Roster};
use std::collections::HashMap;

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    unwatched_channel,
    claim_without_roster,
    roster_does_not_cover,
    roster_gap,
    channel_without_hours,
    roster_incomplete,
    secondary_too_late,
];

fn roster<'a>(cx: &'a Context, c: &Channel) -> Option<&'a Roster> {
    cx.roster(&c.roster.as_ref()?.value)
}

fn shifts(r: &Roster) -> Vec<Period> {
    r.shifts.iter().map(|s| s.period.value).collect()
}

/// M0001: every channel is watched by someone.
pub fn unwatched_channel(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .channels
        .iter()
        .filter(|c| c.watched_by.is_empty())
        .map(|c| {
            Diagnostic::new(
                c.name.span,
                Found::Unwatched {
                    channel: c.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// M0002: a channel claimed to be watched around the clock names the roster behind it.
pub fn claim_without_roster(cx: &Context) -> Vec<Diagnostic> {
    // Coverage is computed minute by minute; plans repeat the same hours many times.
    let mut memo: HashMap<Vec<Period>, bool> = HashMap::new();
    cx.plan
        .channels
        .iter()
        .filter_map(|c| {
            let h = c.hours.as_ref()?;
            if c.roster.is_some() {
                return None;
            }
            let all = *memo
                .entry(h.value.clone())
                .or_insert_with(|| week::covers_everything(&h.value));
            all.then(|| {
                Diagnostic::new(
                    h.span,
                    Found::ClaimWithoutRoster {
                        channel: c.name.value.to_string(),
                    },
                )
            })
        })
        .collect()
}

/// M0003: the roster behind a channel covers every hour the channel claims.
pub fn roster_does_not_cover(cx: &Context) -> Vec<Diagnostic> {
    let mut memo: HashMap<(Vec<Period>, Vec<Period>), Option<week::Gap>> = HashMap::new();
    cx.plan
        .channels
        .iter()
        .filter_map(|c| {
            let h = c.hours.as_ref()?;
            let r = roster(cx, c)?;
            let key = (h.value.clone(), shifts(r));
            let gap = memo
                .entry(key)
                .or_insert_with_key(|(claimed, actual)| week::first_uncovered(claimed, actual))
                .as_ref()
                .copied()?;
            Some(
                Diagnostic::new(
                    h.span,
                    Found::RosterDoesNotCover {
                        channel: c.name.value.to_string(),
                        roster: r.name.value.to_string(),
                        gap: gap.in_finding(),
                    },
                )
                .with(r.name.span, Note::Roster),
            )
        })
        .collect()
}

/// M0004: a roster has no hole between its shifts.
pub fn roster_gap(cx: &Context) -> Vec<Diagnostic> {
    let mut memo: HashMap<Vec<Period>, Option<week::Gap>> = HashMap::new();
    cx.plan
        .rosters
        .iter()
        .filter_map(|r| {
            let gap = memo
                .entry(shifts(r))
                .or_insert_with_key(|p| week::inner_gap(p))
                .as_ref()
                .copied()?;
            Some(Diagnostic::new(
                r.name.span,
                Found::RosterGap {
                    roster: r.name.value.to_string(),
                    gap: gap.in_finding(),
                },
            ))
        })
        .collect()
}

/// M0005: every channel states the hours it is watched.
pub fn channel_without_hours(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .channels
        .iter()
        .filter(|c| c.hours.is_none())
        .map(|c| {
            Diagnostic::new(
                c.name.span,
                Found::NoHours {
                    channel: c.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// M0006: a roster names who is on duty — the unit that staffs it or the role held in
/// turn, not both — and at least one shift.
pub fn roster_incomplete(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .rosters
        .iter()
        .filter_map(|r| {
            let roster = r.name.value.to_string();
            let finding = match (&r.unit, &r.role) {
                (None, None) => Found::RosterWithoutUnit { roster },
                (Some(_), Some(role)) => {
                    return Some(Diagnostic::new(
                        role.span,
                        Found::RosterUnitAndRole { roster },
                    ));
                }
                _ if r.shifts.is_empty() => Found::RosterWithoutShift { roster },
                _ => return None,
            };
            Some(Diagnostic::new(r.name.span, finding))
        })
        .collect()
}

/// M0007: the secondary of an on-call rotation is paged before the role's earliest
/// time limit runs out — paging after it leaves the first hour's work to chance when
/// the primary does not answer.
pub fn secondary_too_late(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.plan.rosters {
        let (Some(role), Some(after)) = (&r.role, &r.secondary) else {
            continue;
        };
        let after_m = after.value.minutes();
        let earliest = (cx.plan.actions.iter().enumerate())
            .filter(|(_, a)| a.owner.as_ref().is_some_and(|o| o.value == role.value))
            .filter_map(|(i, a)| Some((cx.symbols.limit.get(i).copied().flatten()?, a)))
            .min_by_key(|(l, _)| *l);
        if let Some((limit, a)) = earliest
            && after_m >= limit
        {
            out.push(Diagnostic::new(
                after.span,
                Found::SecondaryTooLate {
                    roster: r.name.value.to_string(),
                    role: role.value.to_string(),
                    after: after_m,
                    action: a.name.value.to_string(),
                    limit,
                },
            ));
        }
    }
    out
}
