//! The order of a card's steps: the order the plan's `after` chains allow, and among
//! the steps free to start, the one due first (the first hour first), then the plan's
//! own order.

use super::{FIRST_HOUR_MINUTES, Step};
use crate::model::display::Titles;
use crate::model::{Action, AnchorSide, Deadline};
use crate::render::view::ActionView;
use crate::wording::Words;

/// Minutes from the trigger by which an action is due (`u64::MAX`: open).
pub fn due(actions: &[Action], i: usize) -> u64 {
    due_at(actions, i, 0)
}

fn due_at(actions: &[Action], i: usize, depth: u8) -> u64 {
    let a = &actions[i];
    let own = match (a.deadline, &a.within) {
        (Deadline::AsNeeded, _) | (Deadline::Fixed, None) => return u64::MAX,
        (Deadline::Immediately, None) => 0,
        (_, Some(w)) => w.value.minutes(),
    };
    let Some(anchor) = &a.anchor else { return own };
    // A chain of relative limits is bounded by the resolver (T0005 refuses a circle);
    // the depth guard keeps a card of a broken plan finite all the same.
    let from = (depth < 16)
        .then(|| {
            actions.iter().position(|x| {
                x.name.value == anchor.action.value && x.trigger.value == a.trigger.value
            })
        })
        .flatten()
        .map(|j| due_at(actions, j, depth + 1));
    match (anchor.side, from) {
        (_, None) | (_, Some(u64::MAX)) => own,
        (AnchorSide::From, Some(f)) => f.saturating_add(own),
        (AnchorSide::Before, Some(f)) => f.saturating_sub(own),
    }
}

/// The actions of one situation (indices into the plan's actions), in card order.
pub fn sorted(actions: &[Action], frame: &[usize]) -> Vec<usize> {
    let mut left: Vec<usize> = frame.to_vec();
    let mut out = Vec::with_capacity(left.len());
    let name = |i: usize| actions[i].name.value.as_str();
    while !left.is_empty() {
        // Free to start: nothing it waits for is still to come in this situation.
        let ready = |i: usize| {
            actions[i]
                .after
                .iter()
                .all(|n| !left.iter().any(|&j| j != i && name(j) == n.value.as_str()))
        };
        let pick = (left.iter().copied().filter(|&i| ready(i)))
            .min_by_key(|&i| (due(actions, i), i))
            // A circle of `after` (A0003 reports it): the earliest due breaks it.
            .unwrap_or_else(|| {
                (left.iter().copied())
                    .min_by_key(|&i| (due(actions, i), i))
                    .expect("not empty")
            });
        left.retain(|&i| i != pick);
        out.push(pick);
    }
    out
}

/// What a post does in one situation: each action it leads, joins, approves, is
/// consulted on or is told of, in card order.
pub fn steps(
    actions: &[Action],
    views: &[ActionView],
    frame: &[usize],
    post: &str,
    titles: &Titles,
    t: &Words,
) -> Vec<Step> {
    let is = |n: &crate::source::Name| n.value == post;
    let mut out = Vec::new();
    for i in sorted(actions, frame) {
        let a = &actions[i];
        let part = if a.owner.as_ref().is_some_and(is) {
            "lead"
        } else if a.co_owners.iter().any(is) {
            "joint"
        } else if a.approve.iter().any(is) {
            "approve"
        } else if a.consult.iter().any(is) {
            "consult"
        } else if a.inform.iter().any(is) {
            "inform"
        } else {
            continue;
        };
        let v = &views[i];
        let said = |n: &crate::source::Name| titles.said(&n.value);
        let joined = |list: &[crate::source::Name]| -> Option<String> {
            let names: Vec<String> = list.iter().filter(|n| !is(n)).map(said).collect();
            (!names.is_empty()).then(|| t.list("cards.list", &names, usize::MAX))
        };
        let due = due(actions, i);
        let mut step = Step {
            action: v.name.clone(),
            part,
            lead: (part != "lead")
                .then(|| a.owner.as_ref().map(said))
                .flatten(),
            with: joined(&a.co_owners),
            within: short_limit(a, t).or_else(|| v.within.clone()),
            deadline: v.deadline,
            every: v.every.clone(),
            after: v.after.clone(),
            approve: joined(&a.approve),
            deliver: v.deliver.clone(),
            condition: v.condition.clone(),
            first_hour: due <= FIRST_HOUR_MINUTES,
            part_words: t.get(&format!("cards.part.{part}")),
            time: String::new(),
            notes: String::new(),
            brief: String::new(),
            later: String::new(),
        };
        step.time = time(&step, t);
        step.notes = notes(&step, t, Say::All);
        step.brief = notes(&step, t, Say::Brief);
        step.later = notes(&step, t, Say::Later);
        out.push(step);
    }
    out
}

/// A limit counted from the trigger in the short words a narrow time column takes
/// (`30 min`; the same words as the document's in Chinese); a limit counted from
/// another action is said as the document says it.
fn short_limit(a: &Action, t: &Words) -> Option<String> {
    let d = match (&a.anchor, a.deadline, &a.within) {
        (None, Deadline::Fixed, Some(d)) => d.value,
        _ => return None,
    };
    let amount = crate::wording::Amount::Written {
        count: u64::from(d.count),
        suffix: d.unit.suffix(),
    };
    Some(crate::wording::duration(
        t,
        amount,
        crate::wording::DurationStyle::Short,
    ))
}

/// The time limit as the card prints it: the document's words, or 立即 / 视情.
fn time(s: &Step, t: &Words) -> String {
    match (&s.within, s.deadline) {
        (_, "immediately") => t.get("cards.deadline.immediately"),
        (_, "as_needed") => t.get("cards.deadline.as_needed"),
        (Some(w), _) => w.clone(),
        (None, _) => t.get("cards.deadline.open"),
    }
}

/// How much of a step the notes say.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Say {
    All,
    /// The printed card's row: the order of its rows says what a step waits for, its
    /// time cell how often it is done, and a product named as the step is not said
    /// again.
    Brief,
    /// The printed card's reminder of later work: who leads, how often, on what
    /// condition; who approves and the product are on the step's own card (the
    /// document has them too).
    Later,
}

/// What else the card says of a step, in one line: who leads and joins, what it
/// waits for, who approves, what it delivers, how often, on what condition.
fn notes(s: &Step, t: &Words, say: Say) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = &s.condition {
        parts.push(c.clone());
    }
    if let Some(l) = &s.lead {
        parts.push(t.fill("cards.lead", &[("name", l)]));
    }
    if let Some(w) = &s.with {
        parts.push(t.fill("cards.with", &[("names", w)]));
    }
    if let Some(a) = &s.after
        && say == Say::All
    {
        parts.push(t.fill("cards.after", &[("after", a)]));
    }
    if let Some(a) = &s.approve
        && say != Say::Later
    {
        parts.push(t.fill("cards.approve", &[("names", a)]));
    }
    if let Some(d) = &s.deliver
        && (say == Say::All || (say == Say::Brief && !d.contains(s.action.as_str())))
    {
        parts.push(t.fill("cards.deliver", &[("deliver", d)]));
    }
    if let Some(e) = &s.every
        && say != Say::Brief
    {
        parts.push(t.fill("cards.every", &[("every", e)]));
    }
    parts.join(&t.get("cards.sep"))
}
