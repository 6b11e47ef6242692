//! M: monitoring — every channel watched, covered hours stated, and a duty roster
//! behind every claim of round-the-clock watch (24小时值班).

use super::Context;
use super::week;
use crate::diagnostic::Diagnostic;
use crate::messages as msg;
use crate::model::{Channel, Period, Roster};
use std::collections::HashMap;

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
        .map(|c| msg::unwatched_channel(c.name.span, &c.name.value))
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
            all.then(|| msg::claim_without_roster(h.span, &c.name.value))
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
            Some(msg::roster_does_not_cover(
                h.span,
                &c.name.value,
                &r.name.value,
                gap.words(),
                r.name.span,
            ))
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
            Some(msg::roster_gap(r.name.span, &r.name.value, gap.words()))
        })
        .collect()
}

/// M0005: every channel states the hours it is watched.
pub fn channel_without_hours(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .channels
        .iter()
        .filter(|c| c.hours.is_none())
        .map(|c| msg::channel_without_hours(c.name.span, &c.name.value))
        .collect()
}

/// M0006: a roster names the unit that staffs it and at least one shift.
pub fn roster_incomplete(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .rosters
        .iter()
        .filter(|r| r.unit.is_none() || r.shifts.is_empty())
        .map(|r| msg::roster_incomplete(r.name.span, &r.name.value, r.unit.is_none()))
        .collect()
}
