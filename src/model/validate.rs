//! The constraints on values that the plan's types cannot hold themselves: a deadline
//! is longer than zero, a rank is 1 or more, a response level is Ⅰ to Ⅳ, a number is
//! below [`NUMBER_LIMIT`] (in a level's conditions and an action's alike). Both front ends — plan text and export JSON — go through
//! this one check, so the same data gives the same codes whichever way it was read;
//! the messages quote the value as it was written in either.

use super::{Action, Condition, Effect, Exercise, Plan, Quantity, Range, ReportLine, Value};
use crate::diagnostic::{Diagnostic, ParseFinding};
use crate::source::{Source, Span, Spanned};

/// Numbers are compared and summed as `f64`: beyond this they lose whole units.
pub const NUMBER_LIMIT: f64 = 1e15;

/// The response levels a plan can declare (Ⅰ to Ⅳ).
const RESPONSES: std::ops::RangeInclusive<u8> = 1..=10;

/// Every value of the plan that is out of its range.
pub fn validate(plan: &Plan, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A time limit may count working days; other durations run on calendar time.
    let mut positive = |d: Option<&Spanned<super::Duration>>, limit: bool| {
        let Some(d) = d else { return };
        if d.value.count == 0 {
            out.push(Diagnostic::new(d.span, ParseFinding::ZeroDuration));
        } else if !limit && d.value.unit == super::DurUnit::WorkingDay {
            let text = d.value.to_string();
            out.push(Diagnostic::new(
                d.span,
                ParseFinding::WorkingDaysOutsideLimit { text },
            ));
        }
    };
    if let Some(h) = &plan.plan {
        positive(h.review_every.as_ref(), false);
        positive(h.drill_every.as_ref(), false);
        positive(h.immediately.as_ref(), false);
    }
    let lines = (plan.roles.iter().flat_map(|r| &r.reports_to))
        .chain(plan.units.iter().flat_map(|u| &u.reports_to))
        .chain(plan.levels.iter().flat_map(|l| &l.reports_to));
    for ReportLine { within, .. } in lines {
        positive(within.as_ref(), true);
    }
    for a in &plan.actions {
        let Action {
            within,
            every,
            every_for,
            effort,
            ..
        } = a;
        positive(within.as_ref(), true);
        for d in [every, every_for, effort] {
            positive(d.as_ref(), false);
        }
    }
    for Exercise { every, .. } in plan.drills.iter().chain(&plan.trainings) {
        positive(every.as_ref(), false);
    }
    for r in &plan.rosters {
        positive(r.rotation.as_ref(), false);
        positive(r.secondary.as_ref(), false);
    }
    let written = |span: Span, value: &dyn ToString| match source.slice(span) {
        "" => value.to_string(),
        text => text.to_string(),
    };
    for h in &plan.calendar.holidays {
        let days = h.to.value.days_since_epoch() - h.from.value.days_since_epoch();
        if !(0..super::MAX_HOLIDAY_DAYS).contains(&days) {
            let span = h.from.span.join(h.to.span);
            let text = format!("{}..{}", h.from.value, h.to.value);
            out.push(Diagnostic::new(span, ParseFinding::BadHoliday { text }));
        }
    }
    levels(plan, &written, &mut out);
    numbers(plan, &written, &mut out);
    out
}

type Written<'a> = dyn Fn(Span, &dyn ToString) -> String + 'a;

fn levels(plan: &Plan, written: &Written, out: &mut Vec<Diagnostic>) {
    for l in &plan.levels {
        if let Some(rank) = &l.rank
            && rank.value < 1
        {
            out.push(Diagnostic::new(
                rank.span,
                ParseFinding::BadRank {
                    text: written(rank.span, &rank.value),
                },
            ));
        }
        if let Some(response) = &l.response
            && !RESPONSES.contains(&response.value)
        {
            out.push(Diagnostic::new(
                response.span,
                ParseFinding::BadResponse {
                    text: written(response.span, &response.value),
                },
            ));
        }
    }
}

/// The numbers of the plan: scenario weights and chances, ranges, the values that
/// conditions compare with and effects set.
fn numbers(plan: &Plan, written: &Written, out: &mut Vec<Diagnostic>) {
    let mut check = |n: f64, span: Span| {
        // NaN is out of range too.
        if n.is_nan() || n.abs() >= NUMBER_LIMIT {
            out.push(Diagnostic::new(
                span,
                ParseFinding::BadNumber {
                    text: written(span, &n),
                },
            ));
        }
    };
    let range = |r: &Spanned<Range>, check: &mut dyn FnMut(f64, Span)| {
        for q in [r.value.lo, r.value.hi] {
            if let Quantity::Number(n) = q {
                check(n, r.span);
            }
        }
    };
    let mut conditions = Vec::new();
    for l in &plan.levels {
        conditions.extend(l.when.as_ref());
        conditions.extend(l.stand_down.as_ref().and_then(|s| s.when.as_ref()));
    }
    let guards = plan.actions.iter().flat_map(|a| &a.conditions);
    conditions.extend(guards.filter_map(|g| g.when.as_ref()));
    for c in conditions {
        c.value.visit(&mut |c| {
            if let Condition::Compare { value, .. } = c
                && let Value::Number(n) = value.value
            {
                check(n, value.span);
            }
        });
    }
    for s in &plan.scenarios {
        if let Some(w) = &s.weight {
            check(w.value, w.span);
        }
        for p in s.start.iter().chain(&s.spread) {
            range(&p.range, &mut check);
        }
        for o in &s.onset {
            check(o.chance.value, o.chance.span);
        }
        for i in &s.injects {
            if let Some(c) = &i.chance {
                check(c.value, c.span);
            }
            for r in i.at.iter().chain(&i.after_statement) {
                range(r, &mut check);
            }
            for e in &i.effects {
                match e {
                    Effect::Set { value, .. } => {
                        if let Value::Number(n) = value.value {
                            check(n, value.span);
                        }
                    }
                    Effect::Scale { by: r, .. }
                    | Effect::Unavailable { hold: r, .. }
                    | Effect::Outage { hold: r, .. } => range(r, &mut check),
                    Effect::Raise { .. } => {}
                }
            }
        }
    }
}
