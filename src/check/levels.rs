//! L: warning levels — a strict order, criteria in words and in numbers, a declaring
//! authority, a way up and a way out (GB/T 29639 §6.3.1.2, §6.3.2; 突发事件应急预案管理办法).
//! Rank 1 is the highest level (红 = Ⅰ).

use super::Context;
use crate::diagnostic::{Diagnostic, LevelFinding as Found, Note};
use crate::model::{CmpOp, Condition, Grade, Level, Value, vocab};
use crate::source::{Name, Span};
use std::collections::BTreeMap;

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    rank_order,
    colour_response_order,
    no_criteria,
    no_measurable_criteria,
    thresholds_not_monotonic,
    no_declarer,
    no_stand_down,
    level_without_actions,
    no_upgrade_path,
    not_reached_by_upgrade,
    wrong_direction,
    response_copies_levels,
    no_response_level,
    grades_unanswered,
    grades_out_of_order,
    stand_down_below_declarer,
];

/// A finding about a level, at its name.
fn at_level(l: &Level, finding: impl FnOnce(String) -> Found) -> Diagnostic {
    Diagnostic::new(l.name.span, finding(l.name.value.to_string()))
}

fn rank(l: &Level) -> Option<u32> {
    l.rank.as_ref().map(|r| r.value)
}

/// Ranked levels, highest first (ties in definition order).
fn ranked<'a>(cx: &Context<'a>) -> Vec<&'a Level> {
    let mut v: Vec<&Level> = cx.plan.levels.iter().filter(|l| l.rank.is_some()).collect();
    v.sort_by_key(|l| rank(l));
    v
}

fn level<'a>(cx: &'a Context, name: &str) -> Option<&'a Level> {
    cx.level(name)
}

/// L0001: every level has a rank, and no two share one.
pub fn rank_order(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<u32, &Level> = BTreeMap::new();
    for l in &cx.plan.levels {
        match &l.rank {
            None => out.push(at_level(l, |level| Found::NoRank { level })),
            Some(r) => {
                if let Some(first) = seen.get(&r.value) {
                    out.push(
                        Diagnostic::new(
                            r.span,
                            Found::RankShared {
                                level: l.name.value.to_string(),
                                other: first.name.value.to_string(),
                                rank: r.value,
                            },
                        )
                        .with(
                            first.rank.as_ref().map(|x| x.span).unwrap_or_default(),
                            Note::RankOf {
                                level: first.name.value.to_string(),
                            },
                        ),
                    );
                } else {
                    seen.insert(r.value, l);
                }
            }
        }
    }
    out
}

/// L0002: colours and response levels follow the ranks (红 Ⅰ above 橙 Ⅱ above 黄 Ⅲ above 蓝 Ⅳ).
pub fn colour_response_order(cx: &Context) -> Vec<Diagnostic> {
    let levels = ranked(cx);
    let mut out = Vec::new();
    for w in levels.windows(2) {
        let (hi, lo) = (w[0], w[1]);
        if rank(hi) == rank(lo) {
            continue;
        }
        if let (Some(a), Some(b)) = (&hi.color, &lo.color)
            && let (Some(ia), Some(ib)) = (vocab::color(&a.value), vocab::color(&b.value))
            && ia >= ib
        {
            let (lower, higher) = (lo.name.value.to_string(), hi.name.value.to_string());
            let note = Note::ColourOf {
                level: higher.clone(),
            };
            out.push(
                Diagnostic::new(b.span, Found::ColourOutOfOrder { lower, higher })
                    .with(a.span, note),
            );
        }
        if let (Some(a), Some(b)) = (&hi.response, &lo.response)
            && a.value > b.value
        {
            let (lower, higher) = (lo.name.value.to_string(), hi.name.value.to_string());
            let note = Note::ResponseOf {
                level: higher.clone(),
            };
            out.push(
                Diagnostic::new(b.span, Found::ResponseOutOfOrder { lower, higher })
                    .with(a.span, note),
            );
        }
    }
    out
}

/// L0003: every level has its descriptive criteria (分级标准).
pub fn no_criteria(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| {
            l.criteria
                .as_ref()
                .is_none_or(|c| c.value.trim().is_empty())
        })
        .map(|l| at_level(l, |level| Found::NoCriteria { level }))
        .collect()
}

/// L0004: every level has measurable criteria (`when`) that drills can test.
pub fn no_measurable_criteria(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| l.when.is_none())
        .map(|l| {
            // The example comes from the plan's domain: its signals, not another's.
            let example = cx.symbols.domain().example.clone();
            at_level(l, |level| Found::NoWhen { level, example })
        })
        .collect()
}

/// The thresholds a level is entered by on its own (each a whole alternative of its
/// `when`): signal → (threshold on a comparable scale, its span, as written).
fn sufficient_thresholds(l: &Level) -> BTreeMap<String, (f64, Span, String)> {
    let mut out: BTreeMap<String, (f64, Span, String)> = BTreeMap::new();
    let Some(when) = &l.when else {
        return out;
    };
    let mut c = &when.value;
    while let Condition::And(v) | Condition::Or(v) = c {
        if v.len() != 1 {
            break;
        }
        c = &v[0];
    }
    let alternatives: Vec<&Condition> = match c {
        Condition::Or(items) => items.iter().collect(),
        other => vec![other],
    };
    for alt in alternatives {
        let mut a = alt;
        while let Condition::And(v) = a {
            if v.len() != 1 {
                break;
            }
            a = &v[0];
        }
        if let Condition::Compare { signal, op, value } = a
            && matches!(op, CmpOp::Ge | CmpOp::Gt)
        {
            let t = match &value.value {
                Value::Number(n) => *n,
                Value::Word(w) => match vocab::media_tier(w) {
                    Some(i) => i as f64,
                    None => continue,
                },
            };
            let entry = out.entry(signal.value.to_string()).or_insert((
                t,
                value.span,
                value.value.to_string(),
            ));
            if t < entry.0 {
                *entry = (t, value.span, value.value.to_string());
            }
        }
    }
    out
}

/// L0005: a higher level demands more: a signal that alone enters a level needs a
/// threshold at least as high as the one that alone enters any lower level.
pub fn thresholds_not_monotonic(cx: &Context) -> Vec<Diagnostic> {
    let levels = ranked(cx);
    let th: Vec<_> = levels.iter().map(|l| sufficient_thresholds(l)).collect();
    // For each signal, the highest threshold among strictly lower levels, swept from the
    // lowest level up: a level can only be in violation when its threshold is below it.
    // Only then is the nearest offending lower level looked for, so the rule stays linear
    // in a plan without violations.
    let mut below: BTreeMap<&str, f64> = BTreeMap::new();
    let mut suspects: Vec<(usize, &str)> = Vec::new();
    let mut k = levels.len();
    while k > 0 {
        // One group of equal rank: compared against strictly lower levels only.
        let mut start = k - 1;
        while start > 0 && rank(levels[start - 1]) == rank(levels[k - 1]) {
            start -= 1;
        }
        for (i, t_i) in th.iter().enumerate().take(k).skip(start) {
            for (signal, (t, _, _)) in t_i {
                if below.get(signal.as_str()).is_some_and(|m| t < m) {
                    suspects.push((i, signal));
                }
            }
        }
        for t in &th[start..k] {
            for (signal, (v, _, _)) in t {
                let m = below.entry(signal.as_str()).or_insert(*v);
                if *v > *m {
                    *m = *v;
                }
            }
        }
        k = start;
    }
    suspects.sort();
    let mut out = Vec::new();
    for (i, signal) in suspects {
        let hi = levels[i];
        let (t_hi, span_hi, text_hi) = &th[i][signal];
        let lower = (i + 1..levels.len()).find_map(|j| {
            (rank(levels[j]) != rank(hi))
                .then(|| th[j].get(signal).map(|x| (j, x)))
                .flatten()
                .filter(|(_, (t_lo, _, _))| t_hi < t_lo)
        });
        if let Some((j, (_, span_lo, text_lo))) = lower {
            let lower = levels[j].name.value.to_string();
            out.push(
                Diagnostic::new(
                    *span_hi,
                    Found::LowerThreshold {
                        higher: hi.name.value.to_string(),
                        lower: lower.clone(),
                        signal: signal.to_string(),
                        higher_value: text_hi.clone(),
                        lower_value: text_lo.clone(),
                    },
                )
                .with(*span_lo, Note::ThresholdOf { level: lower }),
            );
        }
    }
    out
}

/// L0006: every level says who declares it.
pub fn no_declarer(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| l.declared_by.is_none())
        .map(|l| at_level(l, |level| Found::NoDeclarer { level }))
        .collect()
}

/// L0007: every level says when its response ends (解除).
pub fn no_stand_down(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| {
            l.stand_down.as_ref().is_none_or(|s| {
                s.when.is_none() && s.text.as_ref().is_none_or(|t| t.value.trim().is_empty())
            })
        })
        .map(|l| at_level(l, |level| Found::NoStandDown { level }))
        .collect()
}

/// L0008: every level triggers at least one action.
pub fn level_without_actions(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| {
            !cx.plan
                .actions
                .iter()
                .any(|a| a.levels().iter().any(|n| n.value == l.name.value))
        })
        .map(|l| at_level(l, |level| Found::NoActions { level }))
        .collect()
}

/// L0009: every level but the highest says what it upgrades to.
pub fn no_upgrade_path(cx: &Context) -> Vec<Diagnostic> {
    let Some(top) = ranked(cx).first().and_then(|l| rank(l)) else {
        return Vec::new();
    };
    cx.plan
        .levels
        .iter()
        .filter(|l| rank(l).is_some_and(|r| r > top) && l.upgrade_to.is_none())
        .map(|l| at_level(l, |level| Found::NoUpgrade { level }))
        .collect()
}

/// L0010: every level but the lowest is reached by an upgrade from some level.
pub fn not_reached_by_upgrade(cx: &Context) -> Vec<Diagnostic> {
    let Some(bottom) = ranked(cx).last().and_then(|l| rank(l)) else {
        return Vec::new();
    };
    cx.plan
        .levels
        .iter()
        .filter(|l| {
            rank(l).is_some_and(|r| r < bottom)
                && !cx.plan.levels.iter().any(|o| {
                    o.upgrade_to
                        .as_ref()
                        .is_some_and(|u| u.value == l.name.value)
                })
        })
        .map(|l| at_level(l, |level| Found::NotReachedByUpgrade { level }))
        .collect()
}

/// L0011: `upgrade_to` points to a higher level and `downgrade_to` to a lower one;
/// `may_follow` takes the measures of a higher level.
pub fn wrong_direction(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &cx.plan.levels {
        let Some(r) = rank(l) else { continue };
        for (target, up) in [(&l.upgrade_to, true), (&l.downgrade_to, false)] {
            let Some(t) = target else { continue };
            let Some(tr) = level(cx, &t.value).and_then(rank) else {
                continue;
            };
            if (up && tr >= r) || (!up && tr <= r) {
                out.push(Diagnostic::new(
                    t.span,
                    Found::WrongDirection {
                        level: l.name.value.to_string(),
                        target: t.value.to_string(),
                        up,
                    },
                ));
            }
        }
        let Some(f) = &l.may_follow else { continue };
        if level(cx, &f.level.value)
            .and_then(rank)
            .is_some_and(|tr| tr >= r)
        {
            let (level, target) = (l.name.value.to_string(), f.level.value.to_string());
            out.push(Diagnostic::new(
                f.level.span,
                Found::FollowNotHigher { level, target },
            ));
        }
    }
    out
}

/// L0012 (info): response levels are a one-to-one copy of the warning levels
/// ("响应分级不可照搬事故分级", GB/T 29639 §6.1.2).
pub fn response_copies_levels(cx: &Context) -> Vec<Diagnostic> {
    let levels = &cx.plan.levels;
    let copies = levels.len() >= 2
        && levels.iter().all(|l| match (&l.rank, &l.response) {
            (Some(r), Some(s)) => r.value == s.value as u32,
            _ => false,
        });
    match levels.first().and_then(|l| l.response.as_ref()) {
        Some(first) if copies => vec![Diagnostic::new(first.span, Found::ResponseCopiesLevels)],
        _ => Vec::new(),
    }
}

/// L0013: every level names the response level it calls for.
pub fn no_response_level(cx: &Context) -> Vec<Diagnostic> {
    cx.plan
        .levels
        .iter()
        .filter(|l| l.response.is_none())
        .map(|l| at_level(l, |level| Found::NoResponse { level }))
        .collect()
}

/// L0014: where a plan grades events apart from its levels, every grade is answered by
/// a level and every level answers a grade: the mapping is whole both ways.
pub fn grades_unanswered(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    if p.grades.is_empty() {
        return Vec::new();
    }
    let answered = |g: &Grade| {
        p.levels
            .iter()
            .any(|l| l.grade.as_ref().is_some_and(|n| n.value == g.name.value))
    };
    let grades = (p.grades.iter()).filter(|g| !answered(g)).map(|g| {
        Diagnostic::new(
            g.name.span,
            Found::GradeUnanswered {
                grade: g.name.value.to_string(),
            },
        )
    });
    let levels = (p.levels.iter())
        .filter(|l| l.grade.is_none())
        .map(|l| at_level(l, |level| Found::LevelWithoutGrade { level }));
    grades.chain(levels).collect()
}

/// L0015: grades are listed highest first; a higher level never answers a lower grade
/// than a lower level does.
pub fn grades_out_of_order(cx: &Context) -> Vec<Diagnostic> {
    let p = cx.plan;
    let mut ranked: Vec<(u32, usize, &Name, &Level)> = (p.levels.iter())
        .filter_map(|l| {
            let g = l.grade.as_ref()?;
            let i = p.grades.iter().position(|x| x.name.value == g.value)?;
            Some((l.rank.as_ref()?.value, i, g, l))
        })
        .collect();
    ranked.sort_by_key(|x| (x.0, x.1));
    let mut out = Vec::new();
    for w in ranked.windows(2) {
        let ((hr, hi, hg, hl), (lr, li, lg, ll)) = (w[0], w[1]);
        if hr < lr && hi > li {
            out.push(
                Diagnostic::new(
                    hg.span,
                    Found::GradeOutOfOrder {
                        higher: hl.name.value.to_string(),
                        higher_grade: hg.value.to_string(),
                        lower: ll.name.value.to_string(),
                        lower_grade: lg.value.to_string(),
                    },
                )
                .with(lg.span, Note::FirstOne),
            );
        }
    }
    out
}

/// L0016: the response is ended by its declarer or someone above: a stand-down approver
/// who reports (along reporting lines) to the level's declarer ends what a superior began.
pub fn stand_down_below_declarer(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &cx.plan.levels {
        let (Some(by), Some(declarer)) = (
            l.stand_down.as_ref().and_then(|s| s.approved_by.as_ref()),
            l.declared_by.as_ref(),
        ) else {
            continue;
        };
        let (Some(a), Some(d)) = (cx.graph.node(&by.value), cx.graph.node(&declarer.value)) else {
            continue;
        };
        if a != d && cx.graph.reaches(a, d, |e| e.is_reporting()) {
            out.push(Diagnostic::new(
                by.span,
                Found::StandDownBelowDeclarer {
                    level: l.name.value.to_string(),
                    approver: by.value.to_string(),
                    declarer: declarer.value.to_string(),
                },
            ));
        }
    }
    out
}
