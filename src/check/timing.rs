//! T: timing feasibility — whether the deadlines a plan sets can be met at all under
//! the plan's own time limits.
//!
//! The model: a deadline (`within`) counts from the action's trigger. For actions on
//! `detect`, time 0 is the moment the parties that watch the channels see the
//! incident; everyone else learns of it along reporting lines, each taking up to its
//! time limit, so a party learns at the earliest after the sum of the limits along
//! the fastest reporting path (a report to a command body reaches its lead and
//! deputies). An action cannot finish before its owner and its approver know, nor
//! before the actions it comes `after` (in the same trigger) may finish — each may
//! take until its own deadline — plus its own typical working time (`effort`).
//! That bound is the earliest completion the plan can guarantee; when it exceeds the
//! action's own deadline, the deadline cannot be relied on.

use super::Context;
use super::actions::first_release;
use crate::diagnostic::{Diagnostic, Note, TimingFinding as Found};
use crate::model::{Action, AnchorSide, Edge, Trigger, resolve::triggers_overlap};
use crate::source::Span;
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    chain_exceeds_deadline,
    effort_exceeds_deadline,
    first_release_late,
    prerequisite_may_not_happen,
    anchor_cycle,
    counted_back_from_nothing,
];

/// The longest critical path shown in labels (the steps nearest the action).
const MAX_STEPS: usize = 12;

/// One step of a critical path, shown as a label.
#[derive(Clone, Debug)]
enum Step {
    /// A reporting line `from → to` of `minutes`, `total` since detection.
    Report {
        span: Span,
        from: String,
        to: String,
        minutes: u64,
        total: u64,
    },
    /// Waiting for a prerequisite that may take until `minutes`.
    Prereq {
        span: Span,
        action: String,
        minutes: u64,
    },
}

/// When a party learns of an incident, and the reporting line it learns by.
#[derive(Clone, Copy, Debug)]
struct Arrival {
    at: u64,
    /// The party it came from and the line's span and limit (none for a lead or
    /// deputy told through their body, or for a watcher).
    from: Option<(NodeIndex, Line)>,
}

/// A reporting line out of a party: its span and limit in minutes.
type Line = Option<(Span, u64)>;

/// When each party learns of an incident, along the fastest reporting path from the
/// parties that watch channels (Dijkstra; ties broken by node order).
fn arrivals(cx: &Context) -> BTreeMap<NodeIndex, Arrival> {
    let g = cx.graph;
    let mut best: BTreeMap<NodeIndex, Arrival> = BTreeMap::new();
    let mut frontier: BTreeSet<(u64, usize)> = BTreeSet::new();
    for c in &cx.plan.channels {
        for w in &c.watched_by {
            if let Some(n) = g.node(&w.value)
                && !best.contains_key(&n)
            {
                best.insert(n, Arrival { at: 0, from: None });
                frontier.insert((0, n.index()));
            }
        }
    }
    let mut done: BTreeSet<NodeIndex> = BTreeSet::new();
    while let Some((t, i)) = frontier.pop_first() {
        let n = NodeIndex::new(i);
        if !done.insert(n) {
            continue;
        }
        let from = &g.weight(n).name;
        let mut next: Vec<(NodeIndex, u64, Line)> = Vec::new();
        for (to, e) in g.outgoing(n, |e| matches!(e, Edge::ReportsTo { within: Some(_) })) {
            if let Edge::ReportsTo { within: Some(m) } = e {
                let span = super::reporting::lines_of(cx, from)
                    .iter()
                    .find(|l| l.to.value == g.weight(to).name)
                    .map(|l| l.span)
                    .unwrap_or_default();
                next.push((to, t.saturating_add(m), Some((span, m))));
            }
        }
        for (to, _) in g.outgoing(n, |e| matches!(e, Edge::Lead | Edge::CoLead | Edge::Deputy)) {
            next.push((to, t, None));
        }
        for (to, at, line) in next {
            if best.get(&to).is_none_or(|b| at < b.at) {
                best.insert(
                    to,
                    Arrival {
                        at,
                        from: Some((n, line)),
                    },
                );
                frontier.insert((at, to.index()));
            }
        }
    }
    best
}

/// The reporting steps by which a party learns of an incident, first to last.
fn report_path(cx: &Context, arr: &BTreeMap<NodeIndex, Arrival>, party: NodeIndex) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut cur = party;
    let mut seen = BTreeSet::new();
    while let Some(a) = arr.get(&cur) {
        let Some((prev, line)) = a.from else { break };
        if !seen.insert(cur) || steps.len() >= MAX_STEPS {
            break;
        }
        if let Some((span, minutes)) = line {
            steps.push(Step::Report {
                span,
                from: cx.graph.weight(prev).name.to_string(),
                to: cx.graph.weight(cur).name.to_string(),
                minutes,
                total: a.at,
            });
        }
        cur = prev;
    }
    steps.reverse();
    steps
}

/// What bounds an action's earliest completion.
#[derive(Clone, Copy, Debug)]
enum Via {
    Nothing,
    /// The owner or approver learns late.
    Party(NodeIndex),
    /// A prerequisite (its index and the span of the `after` name) may take long.
    Prereq(usize, Span),
}

/// The earliest completion of every action the plan can guarantee (before the
/// action's own effort), and what bounds it. Iterative, so a long chain cannot
/// exhaust the stack; a cycle (reported by A0004) contributes nothing.
fn earliest(cx: &Context, arr: &BTreeMap<NodeIndex, Arrival>) -> Vec<(u64, Via)> {
    let acts = &cx.plan.actions;
    let n = acts.len();
    let prereqs = |i: usize| -> Vec<(usize, Span)> {
        cx.symbols
            .after
            .get(i)
            .map(|v| {
                // `within … from X` waits for X as `after X` does.
                let from = (acts[i].anchor.as_ref())
                    .filter(|x| x.side == AnchorSide::From)
                    .and_then(|x| {
                        Some((cx.symbols.anchor.get(i).copied().flatten()?, x.action.span))
                    });
                v.iter()
                    .zip(&acts[i].after)
                    .filter_map(|(j, name)| j.map(|j| (j, name.span)))
                    .chain(from)
                    .filter(|(j, _)| same_frame(&acts[*j].trigger.value, &acts[i].trigger.value))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut memo: Vec<Option<(u64, Via)>> = vec![None; n];
    let mut busy = vec![false; n];
    for root in 0..n {
        let mut stack = vec![(root, false)];
        while let Some((i, expanded)) = stack.pop() {
            if memo[i].is_some() {
                continue;
            }
            if !expanded {
                if busy[i] {
                    continue;
                }
                busy[i] = true;
                stack.push((i, true));
                for (j, _) in prereqs(i) {
                    if memo[j].is_none() && !busy[j] {
                        stack.push((j, false));
                    }
                }
                continue;
            }
            let a: &Action = &acts[i];
            let mut best: (u64, Via) = (0, Via::Nothing);
            if a.trigger.value == Trigger::Detect {
                for p in a.owner.iter().chain(&a.approve) {
                    if let Some(node) = cx.graph.node(&p.value)
                        && let Some(x) = arr.get(&node)
                        && x.at > best.0
                    {
                        best = (x.at, Via::Party(node));
                    }
                }
            }
            for (j, span) in prereqs(i) {
                let p = &acts[j];
                let e = memo[j].map_or(0, |m| m.0);
                let e = e.saturating_add(p.effort.as_ref().map_or(0, |x| x.value.minutes()));
                let d = cx.symbols.limit.get(j).copied().flatten().unwrap_or(0);
                let t = e.max(d);
                if t > best.0 {
                    best = (t, Via::Prereq(j, span));
                }
            }
            busy[i] = false;
            memo[i] = Some(best);
        }
    }
    memo.into_iter()
        .map(|m| m.unwrap_or((0, Via::Nothing)))
        .collect()
}

/// The critical path behind action `i`, first step to last (at most [`MAX_STEPS`]).
fn critical_path(
    cx: &Context,
    arr: &BTreeMap<NodeIndex, Arrival>,
    est: &[(u64, Via)],
    i: usize,
) -> Vec<Step> {
    let mut rev: Vec<Vec<Step>> = Vec::new();
    let mut cur = i;
    let mut count = 0;
    let mut seen = BTreeSet::new();
    while seen.insert(cur) && count < MAX_STEPS {
        match est[cur].1 {
            Via::Nothing => break,
            Via::Party(node) => {
                rev.push(report_path(cx, arr, node));
                break;
            }
            Via::Prereq(j, span) => {
                rev.push(vec![Step::Prereq {
                    span,
                    action: cx.plan.actions[j].name.value.to_string(),
                    minutes: est[cur].0,
                }]);
                count += 1;
                cur = j;
            }
        }
    }
    let mut steps: Vec<Step> = rev.into_iter().rev().flatten().collect();
    if steps.len() > MAX_STEPS {
        steps.drain(..steps.len() - MAX_STEPS);
    }
    steps
}

/// Whether a prerequisite runs on the same clock as the action waiting for it.
fn same_frame(p: &Trigger, x: &Trigger) -> bool {
    triggers_overlap(p, x)
}

/// T0001: along reporting lines and `after` chains, the earliest completion the
/// plan can guarantee stays within the action's own deadline.
pub fn chain_exceeds_deadline(cx: &Context) -> Vec<Diagnostic> {
    let arr = arrivals(cx);
    let est = earliest(cx, &arr);
    let mut out = Vec::new();
    for (i, a) in cx.plan.actions.iter().enumerate() {
        let Some(w) = &a.within else { continue };
        let effort = a.effort.as_ref().map_or(0, |x| x.value.minutes());
        // Counted from the trigger, through the anchors of a relative limit.
        let Some(deadline) = cx.symbols.limit.get(i).copied().flatten() else {
            continue;
        };
        if effort > deadline {
            continue; // T0002
        }
        let e = est[i].0;
        if matches!(est[i].1, Via::Nothing) || e.saturating_add(effort) <= deadline {
            continue;
        }
        let labels = critical_path(cx, &arr, &est, i)
            .iter()
            .map(|s| match s {
                Step::Report {
                    span,
                    from,
                    to,
                    minutes,
                    total,
                } => (
                    *span,
                    Note::ChainReport {
                        from: from.to_string(),
                        to: to.to_string(),
                        minutes: *minutes,
                        total: *total,
                    },
                ),
                Step::Prereq {
                    span,
                    action,
                    minutes,
                } => (
                    *span,
                    Note::ChainPrerequisite {
                        action: action.to_string(),
                        minutes: *minutes,
                    },
                ),
            })
            .collect::<Vec<_>>();
        let mut d = Diagnostic::new(
            w.span,
            Found::ChainTooSlow {
                action: a.name.value.to_string(),
                earliest: e.saturating_add(effort),
                deadline,
                effort,
            },
        );
        for (span, note) in labels {
            d = d.with(span, note);
        }
        out.push(d);
    }
    out
}

/// T0002: the typical working time of an action fits in its deadline.
pub fn effort_exceeds_deadline(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter_map(|a| {
            let w = a.within.as_ref()?;
            let e = a.effort.as_ref()?;
            (e.value.minutes() > w.value.minutes()).then(|| {
                Diagnostic::new(
                    w.span,
                    Found::EffortOverDeadline {
                        action: a.name.value.to_string(),
                        effort: e.value.minutes(),
                        deadline: w.value.minutes(),
                    },
                )
                .with(e.span, Note::Effort)
            })
        })
        .collect()
}

/// T0003: the first public response comes within 24 h at the highest level and
/// within 48 h at the others (国办发〔2016〕61号).
pub fn first_release_late(cx: &Context) -> Vec<Diagnostic> {
    let top = cx
        .plan
        .levels
        .iter()
        .filter_map(|l| l.rank.as_ref().map(|r| r.value))
        .min();
    let mut out = Vec::new();
    for l in &cx.plan.levels {
        let limit = if l.rank.as_ref().map(|r| r.value) == top && top.is_some() {
            24 * 60
        } else {
            48 * 60
        };
        let first = first_release(cx, l);
        if let Some((m, span, name)) = first
            && m > limit
        {
            out.push(Diagnostic::new(
                span,
                Found::FirstReleaseLate {
                    level: l.name.value.to_string(),
                    action: name.to_string(),
                    minutes: m,
                    limit,
                },
            ));
        }
    }
    out
}

/// Whether prerequisite `p` has surely been triggered whenever `x` is.
fn precedes(p: &Trigger, x: &Trigger) -> bool {
    match (p, x) {
        (Trigger::Detect, _) => true,
        (Trigger::Level(ps), Trigger::Level(xs)) => {
            xs.iter().all(|l| ps.iter().any(|m| m.value == l.value))
        }
        _ => triggers_overlap(p, x),
    }
}

/// T0004: an action waits only for actions that are surely triggered with it;
/// otherwise it may wait forever.
pub fn prerequisite_may_not_happen(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, a) in cx.plan.actions.iter().enumerate() {
        let Some(targets) = cx.symbols.after.get(i) else {
            continue;
        };
        for (j, n) in targets.iter().zip(&a.after) {
            let Some(j) = j else { continue };
            let p = &cx.plan.actions[*j];
            if !precedes(&p.trigger.value, &a.trigger.value) {
                out.push(
                    Diagnostic::new(
                        n.span,
                        Found::PrerequisiteMayNotHappen {
                            action: a.name.value.to_string(),
                            trigger: a.trigger.value.to_string(),
                            prerequisite: p.name.value.to_string(),
                            prerequisite_trigger: p.trigger.value.to_string(),
                        },
                    )
                    .with(
                        p.name.span,
                        Note::DefinedHere {
                            name: p.name.value.to_string(),
                        },
                    ),
                );
            }
        }
    }
    out
}

/// T0005: relative time limits end at one counted from a trigger.
pub fn anchor_cycle(cx: &Context) -> Vec<Diagnostic> {
    let acts = &cx.plan.actions;
    (cx.symbols.anchor_cycles.iter())
        .filter_map(|&i| {
            let a = &acts[i];
            let x = a.anchor.as_ref()?;
            let w = a.within.as_ref().map_or(x.action.span, |w| w.span);
            Some(
                Diagnostic::new(
                    w,
                    Found::AnchorCycle {
                        action: a.name.value.to_string(),
                        through: x.action.value.to_string(),
                    },
                )
                .with(x.action.span, Note::Anchor),
            )
        })
        .collect()
}

/// T0006: `before X` counts back from a fixed limit of X and stays after the trigger.
pub fn counted_back_from_nothing(cx: &Context) -> Vec<Diagnostic> {
    let acts = &cx.plan.actions;
    let mut out = Vec::new();
    for (i, a) in acts.iter().enumerate() {
        let (Some(x), Some(Some(j))) = (&a.anchor, cx.symbols.anchor.get(i)) else {
            continue;
        };
        if x.side != AnchorSide::Before || cx.symbols.anchor_cycles.binary_search(&i).is_ok() {
            continue;
        }
        let action = a.name.value.to_string();
        let anchor = x.action.value.to_string();
        let own = a.within.as_ref().map(|w| w.value.minutes());
        let found = match (cx.symbols.limit.get(*j).copied().flatten(), own) {
            (None, _) => Found::BeforeOpen { action, anchor },
            (Some(limit), Some(within)) if within >= limit => Found::BeforeTrigger {
                action,
                anchor,
                within,
                limit,
            },
            _ => continue,
        };
        out.push(Diagnostic::new(x.action.span, found).with(acts[*j].name.span, Note::Anchor));
    }
    out
}
