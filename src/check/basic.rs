//! The first rules: owners and cycles.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::messages as msg;
use crate::model::{Edge, NodeKind};
use crate::source::Span;
use petgraph::graph::NodeIndex;

/// A0001: every action has an owner.
pub fn action_without_owner(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter(|a| a.owner.is_none())
        .map(|a| msg::action_without_owner(a.name.span, &a.name.value))
        .collect()
}

/// A0004: `after` dependencies never loop.
pub fn after_cycle(cx: &Context) -> Vec<Diagnostic> {
    cx.graph
        .cycles(|e| *e == Edge::After)
        .into_iter()
        .map(|cycle| {
            let names = names(cx, &cycle);
            let spans = after_spans(cx, &cycle);
            let first = spans.first().copied().unwrap_or_default();
            msg::after_cycle(first, &names, spans.into_iter().skip(1).collect())
        })
        .collect()
}

/// R0001: reporting lines never loop.
pub fn reporting_cycle(cx: &Context) -> Vec<Diagnostic> {
    cx.graph
        .cycles(|e| e.is_reporting())
        .into_iter()
        .map(|cycle| {
            let names = names(cx, &cycle);
            let spans = report_spans(cx, &cycle);
            let first = spans.first().copied().unwrap_or_default();
            msg::reporting_cycle(first, &names, spans.into_iter().skip(1).collect())
        })
        .collect()
}

fn names(cx: &Context, cycle: &[NodeIndex]) -> Vec<String> {
    cycle
        .iter()
        .map(|n| cx.graph.weight(*n).name.clone())
        .collect()
}

/// The span of each `reports_to` line along a cycle.
fn report_spans(cx: &Context, cycle: &[NodeIndex]) -> Vec<Span> {
    cycle
        .windows(2)
        .filter_map(|w| {
            let from = cx.graph.weight(w[0]);
            let to = &cx.graph.weight(w[1]).name;
            let lines = match from.kind {
                NodeKind::Role => &cx.plan.roles[from.index].reports_to,
                NodeKind::Unit => &cx.plan.units[from.index].reports_to,
                _ => return None,
            };
            lines.iter().find(|l| &l.to.value == to).map(|l| l.span)
        })
        .collect()
}

/// The span of each `after` name along a cycle (on the waiting action).
fn after_spans(cx: &Context, cycle: &[NodeIndex]) -> Vec<Span> {
    cycle
        .windows(2)
        .filter_map(|w| {
            let waiting = &cx.plan.actions[cx.graph.weight(w[1]).index];
            let prereq = &cx.graph.weight(w[0]).name;
            waiting
                .after
                .iter()
                .find(|n| &n.value == prereq)
                .map(|n| n.span)
        })
        .collect()
}
