//! O: the organization — duties, holders, backups (AB角), the command body, and
//! external parties that must not be given work.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::messages as msg;
use crate::model::{DefKind, Edge, NodeKind};
use crate::source::Name;

/// The role the command body's lead points at, if it is a role.
pub fn commander_role(cx: &Context) -> Option<usize> {
    let n = cx.graph.commander()?;
    let w = cx.graph.weight(n);
    (w.kind == NodeKind::Role).then_some(w.index)
}

/// Whether a role is a spokesperson by its name (新闻发言人, spokesperson).
pub fn is_spokesperson(name: &str) -> bool {
    name.contains("发言人") || name.to_lowercase().contains("spokes")
}

/// O0001: every unit and role has at least one duty. A role that leads or deputizes
/// a command body takes the body's duties.
pub fn without_duties(cx: &Context) -> Vec<Diagnostic> {
    let in_body = |name: &str| {
        cx.plan.bodies.iter().any(|b| {
            b.lead.as_ref().is_some_and(|l| l.value == name)
                || b.deputies.iter().any(|d| d.value == name)
        })
    };
    let mut out = Vec::new();
    for u in &cx.plan.units {
        if u.duties.is_empty() {
            out.push(msg::without_duties(u.name.span, &u.name.value, false));
        }
    }
    for r in &cx.plan.roles {
        if r.duties.is_empty() && !in_body(&r.name.value) {
            out.push(msg::without_duties(r.name.span, &r.name.value, true));
        }
    }
    out
}

/// O0002: every role says who holds it.
pub fn role_without_holder(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .roles
        .iter()
        .filter(|r| r.holder.as_ref().is_none_or(|h| h.value.trim().is_empty()))
        .map(|r| msg::role_without_holder(r.name.span, &r.name.value))
        .collect()
}

/// O0003: the commander and the spokesperson have a backup (AB角).
pub fn critical_role_without_backup(cx: &Context) -> Vec<Diagnostic> {
    let commander = commander_role(cx);
    cx.plan
        .roles
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.backup.is_none() && (Some(*i) == commander || is_spokesperson(&r.name.value))
        })
        .map(|(i, r)| {
            msg::critical_without_backup(r.name.span, &r.name.value, Some(i) == commander)
        })
        .collect()
}

/// O0004: a backup is another person: not the role itself, not a role held by the
/// same holder.
pub fn backup_same_person(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.plan.roles {
        let Some(b) = &r.backup else { continue };
        if b.value == r.name.value {
            out.push(msg::backup_same_person(b.span, &r.name.value, None));
            continue;
        }
        let holder = |n: &str| {
            cx.plan
                .roles
                .iter()
                .find(|x| x.name.value == n)
                .and_then(|x| x.holder.as_ref())
                .map(|h| h.value.trim().to_string())
                .filter(|h| !h.is_empty())
        };
        if let (Some(a), Some(c)) = (holder(&r.name.value), holder(&b.value))
            && a == c
        {
            out.push(msg::backup_same_person(b.span, &r.name.value, Some(&a)));
        }
    }
    for u in &cx.plan.units {
        if let Some(b) = &u.backup
            && b.value == u.name.value
        {
            out.push(msg::backup_same_person(b.span, &u.name.value, None));
        }
    }
    out
}

/// O0005: a backup chain does not run in a ring of three or more (a mutual pair is
/// AB角 proper; a longer ring hides that nobody stands behind the last one).
pub fn backup_loop(cx: &Context) -> Vec<Diagnostic> {
    cx.graph
        .cycles(|e| *e == Edge::Backup)
        .into_iter()
        .filter(|c| c.len() > 3)
        .map(|cycle| {
            let names: Vec<String> = cycle
                .iter()
                .map(|n| cx.graph.weight(*n).name.to_string())
                .collect();
            let spans: Vec<_> = cycle
                .windows(2)
                .filter_map(|w| backup_name(cx, &cx.graph.weight(w[0]).name).map(|b| b.span))
                .collect();
            let first = spans.first().copied().unwrap_or_default();
            msg::backup_loop(first, &names, spans.into_iter().skip(1).collect())
        })
        .collect()
}

fn backup_name<'a>(cx: &'a Context, party: &str) -> Option<&'a Name> {
    cx.plan
        .roles
        .iter()
        .find(|r| r.name.value == party)
        .and_then(|r| r.backup.as_ref())
        .or_else(|| {
            cx.plan
                .units
                .iter()
                .find(|u| u.name.value == party)
                .and_then(|u| u.backup.as_ref())
        })
}

/// O0006: a command body has a lead, and the lead is a role (a position held by a person).
pub fn body_lead(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for b in &cx.plan.bodies {
        match &b.lead {
            None => out.push(msg::body_lead(b.name.span, &b.name.value, None)),
            Some(l) => match cx.symbols.get(&l.value) {
                Some(def) if def.kind != DefKind::Role => out.push(msg::body_lead(
                    l.span,
                    &b.name.value,
                    Some((&l.value, def.span)),
                )),
                _ => {}
            },
        }
    }
    out
}

/// O0007: an external party receives reports and is consulted, but is given no work:
/// no duty, no channel to watch, no roster, no level to declare, no sign-off, no
/// resource or drill to own, no place in the command body, no backup duty.
pub fn external_given_work(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    let is_ext = |n: &Name| cx.symbols.kind(&n.value) == Some(DefKind::External);
    let mut out = Vec::new();
    for e in &p.externals {
        for d in &e.duties {
            out.push(msg::external_given_work(d.span, &e.name.value, "duty"));
        }
    }
    let mut flag = |n: &Name, what: &'static str| {
        if is_ext(n) {
            out.push(msg::external_given_work(n.span, &n.value, what));
        }
    };
    for b in &p.bodies {
        for n in b
            .lead
            .iter()
            .chain(&b.deputies)
            .chain(&b.office)
            .chain(&b.members)
        {
            flag(n, "body");
        }
    }
    for r in &p.roles {
        r.backup.iter().for_each(|n| flag(n, "backup"));
    }
    for u in &p.units {
        u.backup.iter().for_each(|n| flag(n, "backup"));
    }
    for c in &p.channels {
        c.watched_by.iter().for_each(|n| flag(n, "watched_by"));
    }
    for r in &p.rosters {
        r.unit.iter().for_each(|n| flag(n, "roster"));
    }
    for l in &p.levels {
        l.declared_by.iter().for_each(|n| flag(n, "declared_by"));
    }
    for a in &p.actions {
        a.approve.iter().for_each(|n| flag(n, "approve"));
    }
    for r in &p.resources {
        r.owner.iter().for_each(|n| flag(n, "owner"));
    }
    for e in p.drills.iter().chain(&p.trainings) {
        e.owner.iter().for_each(|n| flag(n, "owner"));
    }
    out
}

/// O0008: a plan that defines roles or units defines the command body they work in.
pub fn no_command_body(cx: &Context) -> Vec<Diagnostic> {
    if cx.header().is_none() || !cx.plan.bodies.is_empty() || !cx.has_organization() {
        return Vec::new();
    }
    let span = cx
        .plan
        .roles
        .first()
        .map(|r| r.name.span)
        .or_else(|| cx.plan.units.first().map(|u| u.name.span))
        .unwrap_or_default();
    vec![msg::no_command_body(span)]
}
