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
use super::actions::{actions_of, is_release};
use crate::diagnostic::Diagnostic;
use crate::messages as msg;
use crate::model::{Action, Edge, Level, Trigger, resolve::triggers_overlap};
use crate::source::Span;
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};

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

/// How a party learns of an incident: the minute and the reporting steps.
type Arrival = (u64, Vec<Step>);

/// When each party learns of an incident, along the fastest reporting path from the
/// parties that watch channels.
fn arrivals(cx: &Context) -> BTreeMap<NodeIndex, Arrival> {
    let g = cx.graph;
    let mut best: BTreeMap<NodeIndex, Arrival> = BTreeMap::new();
    let mut frontier: BTreeSet<(u64, usize)> = BTreeSet::new();
    for c in &cx.plan.channels {
        for w in &c.watched_by {
            if let Some(n) = g.node(&w.value)
                && !best.contains_key(&n)
            {
                best.insert(n, (0, Vec::new()));
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
        let path = best.get(&n).map(|a| a.1.clone()).unwrap_or_default();
        let from = g.weight(n).name.clone();
        let mut next: Vec<(NodeIndex, u64, Option<Step>)> = Vec::new();
        for (to, e) in g.outgoing(n, |e| matches!(e, Edge::ReportsTo { within: Some(_) })) {
            if let Edge::ReportsTo { within: Some(m) } = e {
                let span = super::reporting::lines_of(cx, &from)
                    .iter()
                    .find(|l| l.to.value == g.weight(to).name)
                    .map(|l| l.span)
                    .unwrap_or_default();
                let step = Step::Report {
                    span,
                    from: from.clone(),
                    to: g.weight(to).name.clone(),
                    minutes: m,
                    total: t + m,
                };
                next.push((to, t + m, Some(step)));
            }
        }
        for (to, _) in g.outgoing(n, |e| matches!(e, Edge::Lead | Edge::Deputy)) {
            next.push((to, t, None));
        }
        for (to, at, step) in next {
            if best.get(&to).is_none_or(|b| at < b.0) {
                let mut p = path.clone();
                p.extend(step);
                best.insert(to, (at, p));
                frontier.insert((at, to.index()));
            }
        }
    }
    best
}

/// Whether a prerequisite runs on the same clock as the action waiting for it.
fn same_frame(p: &Trigger, x: &Trigger) -> bool {
    triggers_overlap(p, x)
}

struct Timing<'c, 'a> {
    cx: &'c Context<'a>,
    arrivals: BTreeMap<NodeIndex, Arrival>,
    memo: Vec<Option<(u64, Vec<Step>)>>,
    busy: Vec<bool>,
}

impl Timing<'_, '_> {
    /// The earliest completion of action `i` the plan can guarantee (without its own
    /// effort), and the critical path behind it.
    fn earliest(&mut self, i: usize) -> (u64, Vec<Step>) {
        if let Some(e) = &self.memo[i] {
            return e.clone();
        }
        if self.busy[i] {
            return (0, Vec::new()); // a cycle: A0004 reports it
        }
        self.busy[i] = true;
        let a: &Action = &self.cx.plan.actions[i];
        let mut best: (u64, Vec<Step>) = (0, Vec::new());
        if a.trigger.value == Trigger::Detect {
            for p in a.owner.iter().chain(&a.approve) {
                if let Some(n) = self.cx.graph.node(&p.value)
                    && let Some((t, path)) = self.arrivals.get(&n)
                    && *t > best.0
                {
                    best = (*t, path.clone());
                }
            }
        }
        let prereqs: Vec<(usize, Span)> = self
            .cx
            .symbols
            .after
            .get(i)
            .map(|v| {
                v.iter()
                    .zip(&a.after)
                    .filter_map(|(j, n)| j.map(|j| (j, n.span)))
                    .collect()
            })
            .unwrap_or_default();
        for (j, span) in prereqs {
            let p = &self.cx.plan.actions[j];
            if !same_frame(&p.trigger.value, &a.trigger.value) {
                continue;
            }
            let (e, mut path) = self.earliest(j);
            let e = e + p.effort.as_ref().map_or(0, |x| x.value.minutes());
            let d = p.within.as_ref().map_or(0, |w| w.value.minutes());
            let t = e.max(d);
            if t > best.0 {
                path.push(Step::Prereq {
                    span,
                    action: p.name.value.clone(),
                    minutes: t,
                });
                best = (t, path);
            }
        }
        self.busy[i] = false;
        self.memo[i] = Some(best.clone());
        best
    }
}

/// T0001: along reporting lines and `after` chains, the earliest completion the
/// plan can guarantee stays within the action's own deadline.
pub fn chain_exceeds_deadline(cx: &Context) -> Vec<Diagnostic> {
    let n = cx.plan.actions.len();
    let mut t = Timing {
        cx,
        arrivals: arrivals(cx),
        memo: vec![None; n],
        busy: vec![false; n],
    };
    let mut out = Vec::new();
    for i in 0..n {
        let a = &cx.plan.actions[i];
        let Some(w) = &a.within else { continue };
        let effort = a.effort.as_ref().map_or(0, |x| x.value.minutes());
        let deadline = w.value.minutes();
        if effort > deadline {
            continue; // T0002
        }
        let (e, path) = t.earliest(i);
        if path.is_empty() || e + effort <= deadline {
            continue;
        }
        let labels = path
            .iter()
            .map(|s| match s {
                Step::Report {
                    span,
                    from,
                    to,
                    minutes,
                    total,
                } => (*span, msg::chain_report_label(from, to, *minutes, *total)),
                Step::Prereq {
                    span,
                    action,
                    minutes,
                } => (*span, msg::chain_prereq_label(action, *minutes)),
            })
            .collect();
        out.push(msg::chain_exceeds_deadline(
            w.span,
            &a.name.value,
            e + effort,
            deadline,
            effort,
            labels,
        ));
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
                msg::effort_exceeds_deadline(
                    w.span,
                    &a.name.value,
                    e.value.minutes(),
                    w.value.minutes(),
                    e.span,
                )
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
        let first = release_deadline(cx, l);
        if let Some((m, span, name)) = first
            && m > limit
        {
            out.push(msg::first_release_late(span, &l.name.value, name, m, limit));
        }
    }
    out
}

fn release_deadline<'a>(cx: &'a Context, l: &'a Level) -> Option<(u64, Span, &'a str)> {
    actions_of(cx, l)
        .filter(|a| is_release(a))
        .filter_map(|a| {
            a.within
                .as_ref()
                .map(|w| (w.value.minutes(), w.span, a.name.value.as_str()))
        })
        .min_by_key(|x| x.0)
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
                out.push(msg::prerequisite_may_not_happen(
                    n.span,
                    &a.name.value,
                    &a.trigger.value.to_string(),
                    &p.name.value,
                    &p.trigger.value.to_string(),
                    p.name.span,
                ));
            }
        }
    }
    out
}
