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

/// M0006: a roster names the unit that staffs it and at least one shift.
pub fn roster_incomplete(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .rosters
        .iter()
        .filter(|r| r.unit.is_none() || r.shifts.is_empty())
        .map(|r| {
            let roster = r.name.value.to_string();
            let finding = if r.unit.is_none() {
                Found::RosterWithoutUnit { roster }
            } else {
                Found::RosterWithoutShift { roster }
            };
            Diagnostic::new(r.name.span, finding)
        })
        .collect()
}
