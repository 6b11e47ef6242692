//! The constraints on values that the plan's types cannot hold themselves: a deadline
//! is longer than zero, a rank is 1 or more, a response level is Ⅰ to Ⅳ. Both front
//! ends — plan text and export JSON — go through this one check, so the same data
//! gives the same codes whichever way it was read.

use super::{Action, Exercise, Plan, ReportLine};
use crate::diagnostic::{Diagnostic, ParseFinding};
use crate::source::Spanned;

/// The response levels a plan can declare (Ⅰ to Ⅳ).
const RESPONSES: std::ops::RangeInclusive<u8> = 1..=4;

/// Every value of the plan that is out of its range.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut positive = |d: Option<&Spanned<super::Duration>>| {
        if let Some(d) = d
            && d.value.count == 0
        {
            out.push(Diagnostic::new(d.span, ParseFinding::ZeroDuration));
        }
    };
    if let Some(h) = &plan.plan {
        positive(h.review_every.as_ref());
        positive(h.drill_every.as_ref());
    }
    let lines = (plan.roles.iter().flat_map(|r| &r.reports_to))
        .chain(plan.units.iter().flat_map(|u| &u.reports_to));
    for ReportLine { within, .. } in lines {
        positive(within.as_ref());
    }
    for a in &plan.actions {
        let Action {
            within,
            every,
            every_for,
            effort,
            ..
        } = a;
        for d in [within, every, every_for, effort] {
            positive(d.as_ref());
        }
    }
    for Exercise { every, .. } in plan.drills.iter().chain(&plan.trainings) {
        positive(every.as_ref());
    }
    levels(plan, &mut out);
    out
}

fn levels(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for l in &plan.levels {
        if let Some(rank) = &l.rank
            && rank.value < 1
        {
            out.push(Diagnostic::new(
                rank.span,
                ParseFinding::BadRank {
                    text: rank.value.to_string(),
                },
            ));
        }
        if let Some(response) = &l.response
            && !RESPONSES.contains(&response.value)
        {
            out.push(Diagnostic::new(
                response.span,
                ParseFinding::BadResponse {
                    text: response.value.to_string(),
                },
            ));
        }
    }
}
