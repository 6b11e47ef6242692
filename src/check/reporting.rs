//! R: reporting lines — acyclic, reaching the commander, going up to an external
//! authority, each with a time limit (GB/T 29639 §6.3.1.1); a level's own lines made by
//! a party of the organization to another party.

use super::Context;
use crate::diagnostic::{Diagnostic, FormGap, Note, ReportingFinding as Found};
use crate::model::{Deadline, DefKind, Edge, Level, NodeKind, ReportLine};
use crate::source::{Name, Span};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeSet, VecDeque};

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    reporting_cycle,
    cannot_reach_commander,
    no_upward_report,
    line_without_limit,
    reporter_outside,
    reports_to_itself,
    report_form_lacks,
];

/// R0001: reporting lines never loop.
pub fn reporting_cycle(cx: &Context) -> Vec<Diagnostic> {
    cx.graph
        .cycles(|e| e.is_reporting())
        .into_iter()
        .map(|cycle| {
            let names: Vec<String> = cycle
                .iter()
                .map(|n| cx.graph.weight(*n).name.to_string())
                .collect();
            let spans = report_spans(cx, &cycle);
            let first = spans.first().copied().unwrap_or_default();
            Diagnostic::new(first, Found::Cycle { chain: names })
                .with_all(spans.into_iter().skip(1), Note::ReportingLineInCycle)
        })
        .collect()
}

/// The reporting lines a party writes.
pub fn lines_of<'a>(cx: &'a Context, party: &str) -> &'a [ReportLine] {
    if let Some(r) = cx.role(party) {
        return &r.reports_to;
    }
    if let Some(u) = cx.unit(party) {
        return &u.reports_to;
    }
    &[]
}

/// The span of each `reports_to` line along a path of nodes.
fn report_spans(cx: &Context, path: &[NodeIndex]) -> Vec<Span> {
    path.windows(2)
        .filter_map(|w| {
            let from = &cx.graph.weight(w[0]).name;
            let to = &cx.graph.weight(w[1]).name;
            lines_of(cx, from)
                .iter()
                .find(|l| *l.to.value == **to)
                .map(|l| l.span)
        })
        .collect()
}

/// The nodes that count as "the commander": the commander and the body they lead.
pub fn command_nodes(cx: &Context) -> BTreeSet<NodeIndex> {
    let mut set = BTreeSet::new();
    if let Some(c) = cx.graph.commander() {
        set.insert(c);
        for (body, _) in cx.graph.incoming(c, |e| *e == Edge::Lead) {
            set.insert(body);
            // Whoever leads the body jointly is at the top too.
            for (lead, _) in cx.graph.outgoing(body, |e| *e == Edge::CoLead) {
                set.insert(lead);
            }
        }
    }
    set
}

/// R0002: every role and unit reaches the commander along reporting lines.
pub fn cannot_reach_commander(cx: &Context) -> Vec<Diagnostic> {
    let targets = command_nodes(cx);
    let Some(commander) = cx.graph.commander() else {
        return Vec::new();
    };
    let commander_name = cx.graph.weight(commander).name.clone();
    let mut out = Vec::new();
    let parties = cx
        .plan
        .roles
        .iter()
        .map(|r| &r.name)
        .chain(cx.plan.units.iter().map(|u| &u.name));
    for name in parties {
        let Some(start) = cx.graph.node(&name.value) else {
            continue;
        };
        if targets.contains(&start) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([start]);
        let mut reached = false;
        while let Some(n) = queue.pop_front() {
            if targets.contains(&n) {
                reached = true;
                break;
            }
            if !seen.insert(n) {
                continue;
            }
            for (t, _) in cx.graph.outgoing(n, |e| e.is_reporting()) {
                queue.push_back(t);
            }
        }
        if !reached {
            out.push(Diagnostic::new(
                name.span,
                Found::CannotReachCommander {
                    name: name.value.to_string(),
                    commander: commander_name.to_string(),
                    no_lines: lines_of(cx, &name.value).is_empty(),
                },
            ));
        }
    }
    out
}

/// Whether an external is an authority above the organization (kind authority or
/// regulator, or no kind given).
fn is_authority(cx: &Context, name: &Name) -> bool {
    cx.symbols.get(&name.value).is_some_and(|d| {
        d.kind == DefKind::External
            && cx.plan.externals[d.index]
                .kind
                .as_ref()
                .is_none_or(|k| matches!(k.value.as_str(), "authority" | "regulator"))
    })
}

/// R0003: information goes up to an authority outside the organization (上级单位).
pub fn no_upward_report(cx: &Context) -> Vec<Diagnostic> {
    if cx.header().is_none() || !cx.has_organization() {
        return Vec::new();
    }
    let all = cx
        .plan
        .roles
        .iter()
        .flat_map(|r| &r.reports_to)
        .chain(cx.plan.units.iter().flat_map(|u| &u.reports_to))
        .chain(cx.plan.levels.iter().flat_map(|l| &l.reports_to));
    if all.into_iter().any(|l| is_authority(cx, &l.to)) {
        return Vec::new();
    }
    let span = cx
        .graph
        .commander()
        .filter(|c| cx.graph.weight(*c).kind == NodeKind::Role)
        .map(|c| cx.plan.roles[cx.graph.weight(c).index].name.span)
        .or_else(|| cx.plan.bodies.first().map(|b| b.name.span))
        .or_else(|| cx.plan.roles.first().map(|r| r.name.span))
        .or_else(|| cx.plan.units.first().map(|u| u.name.span))
        .unwrap_or_default();
    vec![Diagnostic::new(span, Found::NoUpwardReport)]
}

/// R0004: every reporting line has a time limit, or says it has none (`as_needed`).
pub fn line_without_limit(cx: &Context) -> Vec<Diagnostic> {
    let roles = cx.plan.roles.iter().map(|r| (&r.name, &r.reports_to));
    let units = cx.plan.units.iter().map(|u| (&u.name, &u.reports_to));
    let open = |l: &&ReportLine| l.within.is_none() && l.deadline != Deadline::AsNeeded;
    let standing = roles.chain(units).flat_map(|(from, lines)| {
        lines
            .iter()
            .filter(open)
            .map(move |l| (from.value.to_string(), l))
    });
    let at_levels = level_lines(cx)
        .filter(|(_, l, _)| open(l))
        .map(|(_, l, from)| (from.unwrap_or_default(), l));
    standing
        .chain(at_levels)
        .map(|(from, l)| {
            Diagnostic::new(
                l.span,
                Found::NoTimeLimit {
                    from,
                    to: l.to.value.to_string(),
                },
            )
        })
        .collect()
}

/// Every level's own reporting line, with who makes it: the line's `by`, the level's
/// declarer, else the commander (none when the plan has no commander).
pub fn level_lines<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (&'a Level, &'a ReportLine, Option<String>)> + 'a {
    let commander = cx
        .graph
        .commander()
        .map(|c| cx.graph.weight(c).name.to_string());
    cx.plan.levels.iter().flat_map(move |lv| {
        let commander = commander.clone();
        lv.reports_to.iter().map(move |l| {
            let from = lv.reporter(l).map(|n| n.value.to_string());
            (lv, l, from.or_else(|| commander.clone()))
        })
    })
}

/// R0005: a level's report is made by a party of the organization: an external party
/// receives reports, it does not make them for the plan.
pub fn reporter_outside(cx: &Context) -> Vec<Diagnostic> {
    level_lines(cx)
        .filter_map(|(lv, l, from)| {
            let from = from?;
            (cx.symbols.kind(&from) == Some(DefKind::External)).then(|| {
                let span = l.by.as_ref().map_or(l.to.span, |b| b.span);
                Diagnostic::new(
                    span,
                    Found::ReporterOutside {
                        level: lv.name.value.to_string(),
                        reporter: from,
                        implied: l.by.is_none(),
                    },
                )
            })
        })
        .collect()
}

/// R0006: a level's report goes to another party than the one who makes it.
pub fn reports_to_itself(cx: &Context) -> Vec<Diagnostic> {
    level_lines(cx)
        .filter(|(_, l, from)| from.as_deref() == Some(l.to.value.as_str()))
        .map(|(lv, l, from)| {
            Diagnostic::new(
                l.to.span,
                Found::ReportsToItself {
                    level: lv.name.value.to_string(),
                    party: from.unwrap_or_default(),
                },
            )
        })
        .collect()
}

/// R0007: the plan's own report form (an annex named `…报告单`) asks for what its
/// readers need — what every report carries, each signal a level's rule measures (the
/// receiver grades the incident from the form), and, when the plan reports up to an
/// authority, the measures already taken. The generated form has them all; a plan
/// that writes its own is held to the same rows.
pub fn report_form_lacks(cx: &Context) -> Vec<Diagnostic> {
    let lang = crate::wording::Lang::detect(&cx.source.text);
    let t = crate::cards::words(cx.plan, lang);
    let Some(annex) = crate::cards::forms::report_annex(cx.plan, &t) else {
        return Vec::new();
    };
    let rows: Vec<String> = crate::cards::forms::form_rows(&annex.text.value)
        .iter()
        .map(|r| r.to_lowercase())
        .collect();
    let asks = |words: &[String]| {
        (words.iter()).any(|k| rows.iter().any(|r| r.contains(&k.to_lowercase())))
    };
    let upward = upward_recipient(cx);
    let mut missing = Vec::new();
    let needs = t.lookup("cards.forms.needs").and_then(|v| v.as_array());
    for need in needs.into_iter().flatten() {
        let field = need["field"].as_str().unwrap_or_default().to_string();
        let words: Vec<String> = (need["words"].as_array().into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if asks(&words) {
            continue;
        }
        match (need["upward"].as_bool().unwrap_or(false), &upward) {
            (false, _) => missing.push(FormGap::Every { field }),
            (true, Some(to)) => missing.push(FormGap::Upward {
                field,
                to: to.clone(),
            }),
            (true, None) => {}
        }
    }
    for (def, levels) in crate::cards::forms::measured(cx.plan) {
        let what = def
            .words
            .get(lang.code())
            .cloned()
            .unwrap_or_else(|| def.name.clone());
        let mut words = def.form.get(lang.code()).cloned().unwrap_or_default();
        words.push(what.clone());
        if !asks(&words) {
            missing.push(FormGap::Signal { what, levels });
        }
    }
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Diagnostic::new(
        annex.name.span,
        Found::ReportFormLacks {
            form: annex.name.value.to_string(),
            missing,
        },
    )]
}

/// The first authority the plan reports up to, standing lines first.
fn upward_recipient(cx: &Context) -> Option<String> {
    let standing = (cx.plan.roles.iter().flat_map(|r| &r.reports_to))
        .chain(cx.plan.units.iter().flat_map(|u| &u.reports_to));
    standing
        .chain(cx.plan.levels.iter().flat_map(|l| &l.reports_to))
        .find(|l| is_authority(cx, &l.to))
        .map(|l| l.to.value.to_string())
}
