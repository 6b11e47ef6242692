//! A: actions — one owner inside the organization, one accountable, a deadline,
//! dependencies that can be met, an information release at every level (三同步).

use super::Context;
use crate::diagnostic::{ActionFinding as Found, Diagnostic, Note};
use crate::model::{Action, Deadline, DefKind, Edge, Level, Trigger};
use crate::source::{Name, Span};
use petgraph::graph::NodeIndex;

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    action_without_owner,
    external_owner,
    several_accountable,
    after_cycle,
    repeated_without_cadence,
    without_deadline,
    level_without_release,
    slower_higher_level,
    no_post_incident,
    no_detect_action,
    joint_owner_twice,
    waits_on_uncertain,
    if_and_unless,
    invokes_unlisted,
    only_conditional_release,
    first_hour_overload,
    card_too_long,
];

/// Whether an action releases information to the public: its deliverable is a
/// statement, a press conference or a briefing; an action without a deliverable
/// counts by its capability (信息发布与舆论引导). Drafting the line (`deliver other`)
/// belongs to that capability but says nothing to the public yet.
pub fn is_release(a: &Action) -> bool {
    match &a.deliver {
        Some(d) => matches!(
            d.kind.value.as_str(),
            "statement" | "press_conference" | "briefing"
        ),
        None => a
            .capability
            .as_ref()
            .is_some_and(|c| c.value == "信息发布与舆论引导" || c.value == "public_information"),
    }
}

/// The actions a level triggers.
pub fn actions_of<'a>(cx: &'a Context, level: &'a Level) -> impl Iterator<Item = &'a Action> {
    action_indices_of(cx, level)
        .iter()
        .map(move |&i| &cx.plan.actions[i])
}

/// The indices (in `plan.actions`) of the actions a level starts.
fn action_indices_of<'a>(cx: &'a Context, level: &Level) -> &'a [usize] {
    // Through the graph's `triggers` edges: linear in the plan, however many levels one
    // `on level` block names.
    match cx.graph.node(&level.name.value) {
        Some(n) => cx.graph.triggered(n),
        None => &[],
    }
}

/// A0001: every action has an owner.
pub fn action_without_owner(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter(|a| a.owner.is_none())
        .map(|a| {
            Diagnostic::new(
                a.name.span,
                Found::NoOwner {
                    action: a.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// A0002: the owner of an action is inside the organization.
pub fn external_owner(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter_map(|a| {
            let o = a.owner.as_ref()?;
            let def = cx.symbols.get(&o.value)?;
            (def.kind == DefKind::External).then(|| {
                Diagnostic::new(
                    o.span,
                    Found::ExternalOwner {
                        action: a.name.value.to_string(),
                        owner: o.value.to_string(),
                    },
                )
                .with(
                    def.span,
                    Note::DefinedAsExternal {
                        name: o.value.to_string(),
                    },
                )
            })
        })
        .collect()
}

/// A0003: at most one party is accountable (`approve`) for an action.
pub fn several_accountable(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter(|a| a.approve.len() > 1)
        .map(|a| {
            let approvers: Vec<String> = a.approve.iter().map(|n| n.value.to_string()).collect();
            let spans = a.approve[1..].iter().map(|n| n.span);
            let action = a.name.value.to_string();
            Diagnostic::new(
                a.approve[0].span,
                Found::SeveralApprovers { action, approvers },
            )
            .with_all(spans, Note::AnotherApprover)
        })
        .collect()
}

/// A0004: `after` dependencies never loop.
pub fn after_cycle(cx: &Context) -> Vec<Diagnostic> {
    cx.graph
        .cycles(|e| *e == Edge::After)
        .into_iter()
        .map(|cycle| {
            let names: Vec<String> = cycle
                .iter()
                .map(|n| cx.graph.weight(*n).name.to_string())
                .collect();
            let spans = after_spans(cx, &cycle);
            let first = spans.first().copied().unwrap_or_default();
            Diagnostic::new(first, Found::AfterCycle { chain: names })
                .with_all(spans.into_iter().skip(1), Note::DependencyInCycle)
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
                .find(|n| *n.value == **prereq)
                .map(|n| n.span)
        })
        .collect()
}

/// Words that name repeated work (续报, 滚动, follow-up …).
const REPEATED: &[&str] = &[
    "续报",
    "滚动",
    "定期",
    "持续",
    "跟踪",
    "动态",
    "每日",
    "follow-up",
    "follow_up",
    "followup",
    "update",
    "ongoing",
    "periodic",
    "regular",
];

/// A0005: work that is repeated by its name (续报, 滚动发布, follow-up) has a cadence.
pub fn repeated_without_cadence(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter(|a| a.every.is_none())
        .filter_map(|a| {
            let name = a.name.value.to_lowercase();
            let word = REPEATED.iter().find(|w| name.contains(*w))?;
            Some(Diagnostic::new(
                a.name.span,
                Found::RepeatedWithoutCadence {
                    action: a.name.value.to_string(),
                    word: word.to_string(),
                },
            ))
        })
        .collect()
}

/// A0006: every action has a deadline (`within`) or a cadence (`every`); `within
/// as_needed` says on purpose that it has none.
pub fn without_deadline(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .actions
        .iter()
        .filter(|a| a.within.is_none() && a.every.is_none() && a.deadline != Deadline::AsNeeded)
        .map(|a| {
            Diagnostic::new(
                a.name.span,
                Found::NoDeadline {
                    action: a.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// A0007: every level releases information to the public (三同步, 国办发〔2016〕61号).
pub fn level_without_release(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| actions_of(cx, l).next().is_some() && !actions_of(cx, l).any(is_release))
        .map(|l| {
            Diagnostic::new(
                l.name.span,
                Found::NoRelease {
                    level: l.name.value.to_string(),
                },
            )
        })
        .collect()
}

/// The earliest deadline of a level's information releases: (minutes, span, action).
pub(super) fn first_release<'a>(cx: &'a Context, l: &'a Level) -> Option<(u64, Span, &'a str)> {
    (action_indices_of(cx, l).iter())
        .map(|&i| (i, &cx.plan.actions[i]))
        .filter(|(_, a)| is_release(a))
        .filter_map(|(i, a)| {
            let w = a.within.as_ref()?;
            // Counted from the trigger, through a relative limit's anchors.
            let limit = cx.symbols.limit.get(i).copied().flatten()?;
            Some((limit, w.span, a.name.value.as_str()))
        })
        .min_by_key(|x| x.0)
}

/// A0008: a higher level never answers the public later than a lower one.
pub fn slower_higher_level(cx: &Context) -> Vec<Diagnostic> {
    let mut levels: Vec<&Level> = cx.plan.levels.iter().filter(|l| l.rank.is_some()).collect();
    levels.sort_by_key(|l| l.rank.as_ref().map(|r| r.value));
    let firsts: Vec<_> = levels.iter().map(|l| first_release(cx, l)).collect();
    let mut out = Vec::new();
    for (i, hi) in levels.iter().enumerate() {
        let Some((t_hi, span_hi, _)) = firsts[i] else {
            continue;
        };
        let slower = (i + 1..levels.len()).find_map(|j| {
            let (t_lo, span_lo, _) = firsts[j]?;
            (levels[j].rank.as_ref().map(|r| r.value) != hi.rank.as_ref().map(|r| r.value)
                && t_hi > t_lo)
                .then_some((j, t_lo, span_lo))
        });
        if let Some((j, t_lo, span_lo)) = slower {
            let lower = levels[j].name.value.to_string();
            out.push(
                Diagnostic::new(
                    span_hi,
                    Found::SlowerAtHigherLevel {
                        higher: hi.name.value.to_string(),
                        lower: lower.clone(),
                        higher_minutes: t_hi,
                        lower_minutes: t_lo,
                    },
                )
                .with(span_lo, Note::DeadlineAt { level: lower }),
            );
        }
    }
    out
}

/// A0009: a plan with levels says what happens after the response (后期处置: 复盘, 总结).
pub fn no_post_incident(cx: &Context) -> Vec<Diagnostic> {
    let has = cx
        .plan
        .actions
        .iter()
        .any(|a| a.trigger.value == Trigger::StandDown);
    match cx.plan.levels.first() {
        Some(l) if !has && cx.header().is_some() => {
            vec![Diagnostic::new(l.name.span, Found::NoPostIncident)]
        }
        _ => Vec::new(),
    }
}

/// A0010: a plan with levels says what happens on detection (研判定级): without it no
/// level is ever declared.
pub fn no_detect_action(cx: &Context) -> Vec<Diagnostic> {
    let has = cx
        .plan
        .actions
        .iter()
        .any(|a| a.trigger.value == Trigger::Detect);
    match cx.plan.levels.first() {
        Some(l) if !has && cx.header().is_some() => {
            vec![Diagnostic::new(l.name.span, Found::NoDetectAction)]
        }
        _ => Vec::new(),
    }
}

/// A0011: each joint owner (`owner A with B, C`) is named once, is not the lead, and
/// is not also merely consulted: the lead does the work with each of them.
pub fn joint_owner_twice(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &cx.plan.actions {
        let mut seen: Vec<&str> = a.owner.iter().map(|o| o.value.as_str()).collect();
        for n in &a.co_owners {
            let consulted = a.consult.iter().find(|c| c.value == n.value);
            if seen.contains(&n.value.as_str()) || consulted.is_some() {
                let mut d = Diagnostic::new(
                    n.span,
                    Found::JointOwnerTwice {
                        action: a.name.value.to_string(),
                        party: n.value.to_string(),
                    },
                );
                if let Some(c) = consulted {
                    d = d.with(c.span, Note::FirstOne);
                }
                out.push(d);
            }
            seen.push(&n.value);
        }
    }
    out
}

/// A0021: an action that waits (`after`) for an optional or conditional one has the
/// same condition; otherwise the plan does not say what happens when the first is not
/// done.
pub fn waits_on_uncertain(cx: &Context) -> Vec<Diagnostic> {
    let acts = &cx.plan.actions;
    let mut out = Vec::new();
    for (i, a) in acts.iter().enumerate() {
        let targets = cx.symbols.after.get(i).map(Vec::as_slice).unwrap_or(&[]);
        for (n, t) in a.after.iter().zip(targets) {
            let Some(p) = t.map(|j| &acts[j]) else {
                continue;
            };
            let optional = p.optional && !a.optional;
            let conditional = p
                .conditions
                .iter()
                .any(|g| !a.conditions.iter().any(|h| same_guard(g, h)));
            if optional || conditional {
                out.push(
                    Diagnostic::new(
                        n.span,
                        Found::WaitsOnUncertain {
                            action: a.name.value.to_string(),
                            prerequisite: p.name.value.to_string(),
                            optional,
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

/// Two conditions that say the same: the same words and the same branch.
fn same_guard(a: &crate::model::Guard, b: &crate::model::Guard) -> bool {
    a.words.value == b.words.value && a.unless == b.unless
}

/// A0022: an action is never under `if` and `unless` of the same words.
pub fn if_and_unless(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &cx.plan.actions {
        for (k, g) in a.conditions.iter().enumerate() {
            let earlier = a.conditions[..k]
                .iter()
                .find(|h| h.words.value == g.words.value && h.unless != g.unless);
            if let Some(h) = earlier {
                out.push(
                    Diagnostic::new(
                        g.span,
                        Found::IfAndUnless {
                            action: a.name.value.to_string(),
                            words: g.words.value.to_string(),
                        },
                    )
                    .with(h.span, Note::FirstOne),
                );
            }
        }
    }
    out
}

/// A0023: a plan an action starts (`invoke`) is one the header lists as `parent` or
/// `related` (compared without the title marks 《》 and spaces).
pub fn invokes_unlisted(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '《' | '》' | '<' | '>') && !c.is_whitespace())
            .collect()
    };
    let listed: Vec<String> = h
        .parent
        .iter()
        .chain(&h.related)
        .map(|t| bare(&t.value))
        .collect();
    cx.plan
        .actions
        .iter()
        .filter_map(|a| {
            let inv = a.invoke.as_ref()?;
            (!listed.contains(&bare(&inv.value))).then(|| {
                Diagnostic::new(
                    inv.span,
                    Found::InvokesUnlisted {
                        action: a.name.value.to_string(),
                        plan: inv.value.to_string(),
                    },
                )
            })
        })
        .collect()
}

/// A0024: a level that releases information has at least one release that is always
/// done; when all are optional or conditional the public may hear nothing (A0007 counts
/// them as releases).
pub fn only_conditional_release(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter_map(|l| {
            let mut releases = actions_of(cx, l).filter(|a| is_release(a)).peekable();
            let first = releases.peek().copied()?;
            releases.all(Action::is_uncertain).then(|| {
                Diagnostic::new(
                    l.name.span,
                    Found::OnlyConditionalRelease {
                        level: l.name.value.to_string(),
                    },
                )
                .with(
                    first.name.span,
                    Note::DefinedHere {
                        name: first.name.value.to_string(),
                    },
                )
            })
        })
        .collect()
}

/// At most this many first-hour actions one role leads in one situation: a role is
/// one person, and its response card must fit the first hour it describes.
pub const FIRST_HOUR_ROLE_MOST: usize = 4;
/// The same for a unit, whose people share the work.
pub const FIRST_HOUR_UNIT_MOST: usize = 8;

/// A0025: no post leads more first-hour work in one situation (detection, a level, an
/// event …) than it can do — more, and its card is longer than the first hour it
/// describes: split the work or delegate it.
pub fn first_hour_overload(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    // (situation, owner) → the actions, in plan order.
    let mut groups: Vec<(String, &Name, Vec<usize>)> = Vec::new();
    for (i, a) in p.actions.iter().enumerate() {
        let Some(owner) = &a.owner else { continue };
        if crate::cards::order::due(&p.actions, i) > crate::cards::FIRST_HOUR_MINUTES {
            continue;
        }
        let situations: Vec<String> = match &a.trigger.value {
            Trigger::Level(ls) => ls.iter().map(|l| l.value.to_string()).collect(),
            other => vec![other.to_string()],
        };
        for s in situations {
            match groups
                .iter_mut()
                .find(|(x, o, _)| *x == s && o.value == owner.value)
            {
                Some(g) => g.2.push(i),
                None => groups.push((s, owner, vec![i])),
            }
        }
    }
    let mut out = Vec::new();
    for (situation, owner, list) in groups {
        let most = if cx.role(&owner.value).is_some() {
            FIRST_HOUR_ROLE_MOST
        } else {
            FIRST_HOUR_UNIT_MOST
        };
        if list.len() <= most {
            continue;
        }
        let last = &p.actions[list[most]];
        let span = last.owner.as_ref().map_or(last.name.span, |o| o.span);
        out.push(Diagnostic::new(
            span,
            Found::FirstHourOverload {
                post: owner.value.to_string(),
                situation,
                count: list.len(),
                most,
            },
        ));
    }
    out
}

/// A0026: every post's response card fits one A5 page, measured as the printed card
/// is set (`cards::sheet`): the same rows, widths and type sizes.
pub fn card_too_long(cx: &Context) -> Vec<Diagnostic> {
    let lang = crate::wording::Lang::detect(&cx.source.text);
    let Ok(deck) = crate::cards::deck(cx.plan, lang, &crate::cards::Filter::default()) else {
        return Vec::new();
    };
    let t = crate::cards::words(cx.plan, lang);
    let mut out = Vec::new();
    for card in &deck.cards {
        let Some(sheet) = &card.sheet else { continue };
        let share = sheet.share(card, &deck.source, &t);
        if share <= 100.0 {
            continue;
        }
        let span = (cx.plan.roles.iter().map(|r| &r.name))
            .chain(cx.plan.units.iter().map(|u| &u.name))
            .find(|n| n.value == card.name.as_str())
            .map(|n| n.span);
        let Some(span) = span else { continue };
        out.push(Diagnostic::new(
            span,
            Found::CardTooLong {
                post: card.name.clone(),
                percent: share.round() as usize,
            },
        ));
    }
    out
}
