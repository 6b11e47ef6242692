//! O: the organization — duties, holders, backups (AB角), the command body, and
//! external parties that must not be given work.

use super::Context;
use crate::diagnostic::{Diagnostic, ExternalWork, Note, OneSeat, OrganizationFinding as Found};
use crate::model::resolve::{Reference, visit_references};
use crate::model::{DefKind, Edge, NodeKind};
use crate::source::Name;

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    without_duties,
    role_without_holder,
    critical_role_without_backup,
    backup_same_person,
    backup_loop,
    body_lead,
    external_given_work,
    no_command_body,
    class_in_one_seat,
    first_hour_without_stand_in,
];

fn own_backup(span: crate::source::Span, name: &str) -> Diagnostic {
    Diagnostic::new(span, Found::OwnBackup { name: name.into() })
}

fn given_work(span: crate::source::Span, name: &str, work: ExternalWork) -> Diagnostic {
    Diagnostic::new(
        span,
        Found::ExternalGivenWork {
            name: name.into(),
            work,
        },
    )
}

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
                || (b.co_leads.iter().chain(&b.deputies)).any(|d| d.value == name)
        })
    };
    let mut out = Vec::new();
    for u in &cx.plan.units {
        if u.duties.is_empty() {
            out.push(Diagnostic::new(
                u.name.span,
                Found::WithoutDuties {
                    name: u.name.value.to_string(),
                    role: false,
                },
            ));
        }
    }
    for r in &cx.plan.roles {
        if r.duties.is_empty() && !in_body(&r.name.value) {
            out.push(Diagnostic::new(
                r.name.span,
                Found::WithoutDuties {
                    name: r.name.value.to_string(),
                    role: true,
                },
            ));
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
        .map(|r| {
            Diagnostic::new(
                r.name.span,
                Found::NoHolder {
                    role: r.name.value.to_string(),
                },
            )
        })
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
            r.backup.is_none()
                && !on_call_with_secondary(cx, &r.name.value)
                && !stands_in_for_another(cx, &r.name.value)
                && (Some(*i) == commander || is_spokesperson(&r.name.value))
        })
        .map(|(i, r)| {
            Diagnostic::new(
                r.name.span,
                Found::CriticalWithoutBackup {
                    role: r.name.value.to_string(),
                    commander: Some(i) == commander,
                },
            )
        })
        .collect()
}

/// Whether the role is itself another role's backup (its B角): AB角 pairs a post with
/// one stand-in, and nobody asks the stand-in for a stand-in of its own.
fn stands_in_for_another(cx: &Context, role: &str) -> bool {
    (cx.plan.roles.iter()).any(|r| r.backup.as_ref().is_some_and(|b| *b.value == *role))
}

/// Whether the role is held in an on-call rotation with a second holder on call: the
/// secondary stands in, as a backup would.
fn on_call_with_secondary(cx: &Context, role: &str) -> bool {
    (cx.plan.rosters.iter())
        .any(|r| r.secondary.is_some() && r.role.as_ref().is_some_and(|n| *n.value == *role))
}

/// O0004: a backup is another person: not the role itself, not a role held by the
/// same holder.
pub fn backup_same_person(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.plan.roles {
        let Some(b) = &r.backup else { continue };
        if b.value == r.name.value {
            out.push(own_backup(b.span, &r.name.value));
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
            out.push(Diagnostic::new(
                b.span,
                Found::BackupSameHolder {
                    name: r.name.value.to_string(),
                    holder: a.to_string(),
                },
            ));
        }
    }
    for u in &cx.plan.units {
        if let Some(b) = &u.backup
            && b.value == u.name.value
        {
            out.push(own_backup(b.span, &u.name.value));
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
            Diagnostic::new(first, Found::BackupRing { chain: names })
                .with_all(spans.into_iter().skip(1), Note::BackupInRing)
        })
        .collect()
}

fn backup_name<'a>(cx: &'a Context, party: &str) -> Option<&'a Name> {
    // By the symbol table: a ring of thousands names every member.
    (cx.role(party).and_then(|r| r.backup.as_ref()))
        .or_else(|| cx.unit(party).and_then(|u| u.backup.as_ref()))
}

/// O0006: a command body has a lead, and the lead is a role (a position held by a person).
pub fn body_lead(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for b in &cx.plan.bodies {
        match &b.lead {
            None => out.push(Diagnostic::new(
                b.name.span,
                Found::BodyWithoutLead {
                    body: b.name.value.to_string(),
                },
            )),
            Some(l) => match cx.symbols.get(&l.value) {
                Some(def) if def.kind != DefKind::Role => out.push(
                    Diagnostic::new(
                        l.span,
                        Found::LeadNotARole {
                            body: b.name.value.to_string(),
                            lead: l.value.to_string(),
                        },
                    )
                    .with(
                        def.span,
                        Note::DefinedHere {
                            name: l.value.to_string(),
                        },
                    ),
                ),
                _ => {}
            },
        }
    }
    out
}

/// O0007: an external party receives reports, is consulted, and may approve or declare
/// (the State Council approves, the superior bureau declares), but is given no work:
/// no duty, no channel to watch, no roster, no resource or drill to own, no place in
/// the command body, no backup duty.
pub fn external_given_work(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    let is_ext = |n: &Name| cx.symbols.kind(&n.value) == Some(DefKind::External);
    let mut out = Vec::new();
    for e in &p.externals {
        for d in &e.duties {
            out.push(given_work(d.span, &e.name.value, ExternalWork::Duty));
        }
    }
    visit_references(p, &mut |n: &Name, reference| {
        let work = match reference {
            Reference::BodySeat => ExternalWork::BodySeat,
            Reference::Backup => ExternalWork::Backup,
            Reference::Watch => ExternalWork::Watch,
            Reference::RosterUnit => ExternalWork::Roster,
            Reference::ResourceOwner | Reference::ExerciseOwner => ExternalWork::Own,
            _ => return,
        };
        if is_ext(n) {
            out.push(given_work(n.span, &n.value, work));
        }
    });
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
    vec![Diagnostic::new(span, Found::NoCommandBody)]
}

/// O0009: a class of posts (`holders "各学院党委书记"`) does its part each for their own,
/// but cannot hold a seat one person must hold: lead a body, stand in for someone,
/// declare a level, approve, or approve ending the response.
pub fn class_in_one_seat(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    let is_class = |n: &Name| cx.role(&n.value).is_some_and(|r| r.class);
    let mut out = Vec::new();
    let mut push = |n: &Name, seat| {
        if is_class(n) {
            let role = n.value.to_string();
            out.push(Diagnostic::new(
                n.span,
                Found::ClassInOneSeat { role, seat },
            ));
        }
    };
    for b in &p.bodies {
        let leads = b.lead.iter().chain(&b.co_leads).chain(&b.deputies);
        leads.for_each(|n| push(n, OneSeat::Lead));
    }
    visit_references(p, &mut |n: &Name, reference| {
        let seat = match reference {
            Reference::Backup => OneSeat::Backup,
            Reference::Declarer => OneSeat::Declare,
            Reference::Approve | Reference::Approver => OneSeat::Approve,
            Reference::StandDownApprover => OneSeat::StandDown,
            _ => return,
        };
        push(n, seat);
    });
    out
}

/// O0010: a role that leads a level's first-hour work has a stand-in: the first hour
/// is when an absence costs most, and the response card names who takes over. A role
/// is one person; a unit has its own people to stand in for each other, so only roles
/// are asked. The commander and the spokesperson are O0003's; a class of posts stands
/// in for itself; a role that is a backup, or in a rotation with a second on call, is
/// covered.
pub fn first_hour_without_stand_in(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    let covered = |name: &str| {
        on_call_with_secondary(cx, name)
            || stands_in_for_another(cx, name)
            || cx
                .role(name)
                .is_some_and(|r| r.class || is_spokesperson(name))
            || commander_role(cx).is_some_and(|i| *p.roles[i].name.value == *name)
    };
    let backup_of = |name: &str| cx.role(name).map(|r| r.backup.is_some());
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, a) in p.actions.iter().enumerate() {
        let Some(owner) = &a.owner else { continue };
        let name = owner.value.as_str();
        let Some(level) = a.levels().first() else {
            continue;
        };
        if seen.contains(&name)
            || crate::cards::order::due(&p.actions, i) > crate::cards::FIRST_HOUR_MINUTES
            || backup_of(name) != Some(false)
            || covered(name)
        {
            continue;
        }
        seen.push(name);
        out.push(Diagnostic::new(
            owner.span,
            Found::FirstHourWithoutStandIn {
                post: name.to_string(),
                action: a.name.value.to_string(),
                level: level.value.to_string(),
            },
        ));
    }
    out
}
