//! S: the structure of the document — required chapters, cover fields, filing and
//! evaluation dates. These rules need a `plan` header: a file without one is a
//! scenario library or a fragment, not a plan.

use super::Context;
use crate::diagnostic::{
    Chapter, CoverField, Diagnostic, GbAnnex, Note, StructureFinding as Found,
};
use crate::model::{Date, DurUnit, Duration};

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    missing_chapters,
    missing_basis,
    missing_header_fields,
    filing_late,
    dates_out_of_order,
    evaluation_overdue,
    review_cadence,
    no_linked_plans,
    missing_annexes,
];

/// The annexes of GB/T 29639 that only the plan can write, each known by the words its
/// title uses (Chinese or English); the others (contacts, statement templates, flow
/// chart, plan system) are generated or checked elsewhere.
const GB_ANNEXES: &[(GbAnnex, &[&str])] = &[
    (
        GbAnnex::Overview,
        &["单位概况", "基本情况", "企业概况", "overview", "profile"],
    ),
    (
        GbAnnex::RiskAssessment,
        &["风险评估", "风险分析", "风险辨识", "risk"],
    ),
    (
        GbAnnex::Equipment,
        &["物资", "装备", "equipment", "materials", "supplies"],
    ),
];

/// The longest time between evaluations of a plan (应急管理部令第2号 Art 35): 3 years.
const MAX_REVIEW: Duration = Duration {
    count: 3,
    unit: DurUnit::Year,
};

/// Working days allowed between issue and filing (国办发〔2024〕5号 Art 26).
const FILING_WORKDAYS: u32 = 20;

fn blank(t: Option<&crate::source::Text>) -> bool {
    t.is_none_or(|t| t.value.trim().is_empty())
}

/// S0001: purpose, scope and principles are written.
pub fn missing_chapters(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let p = cx.plan;
    let mut out = Vec::new();
    if blank(p.purpose.as_ref()) {
        out.push(Diagnostic::new(
            h.title.span,
            Found::MissingChapter {
                chapter: Chapter::Purpose,
            },
        ));
    }
    if blank(p.scope.as_ref()) {
        out.push(Diagnostic::new(
            h.title.span,
            Found::MissingChapter {
                chapter: Chapter::Scope,
            },
        ));
    }
    if p.principles.is_empty() {
        out.push(Diagnostic::new(
            h.title.span,
            Found::MissingChapter {
                chapter: Chapter::Principles,
            },
        ));
    }
    out
}

/// S0002: the legal basis (编制依据) is listed.
pub fn missing_basis(cx: &Context) -> Vec<Diagnostic> {
    match cx.header() {
        Some(h) if h.basis.iter().all(|b| b.value.trim().is_empty()) => {
            vec![Diagnostic::new(h.title.span, Found::NoBasis)]
        }
        _ => Vec::new(),
    }
}

/// S0003: the cover fields are filled in.
pub fn missing_header_fields(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let mut missing = Vec::new();
    if blank(h.org.as_ref()) {
        missing.push(CoverField::Org);
    }
    if blank(h.number.as_ref()) {
        missing.push(CoverField::Number);
    }
    if blank(h.version.as_ref()) {
        missing.push(CoverField::Version);
    }
    if h.issued.is_none() {
        missing.push(CoverField::Issued);
    }
    if h.approver.is_none() {
        missing.push(CoverField::Approver);
    }
    if h.maintainer.is_none() {
        missing.push(CoverField::Maintainer);
    }
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![Diagnostic::new(
            h.title.span,
            Found::CoverIncomplete { missing },
        )]
    }
}

/// Adds a duration to a date: years and months on the calendar, the rest in days.
pub fn add(d: Date, dur: Duration) -> Date {
    let months = match dur.unit {
        DurUnit::Year => Some(dur.count as i64 * 12),
        DurUnit::Month => Some(dur.count as i64),
        _ => None,
    };
    match months {
        Some(m) => {
            let total = d.year as i64 * 12 + (d.month as i64 - 1) + m;
            let year = total.div_euclid(12) as i32;
            let month = (total.rem_euclid(12) + 1) as u8;
            let day = d.day.min(crate::model::days_in_month(year, month));
            Date { year, month, day }
        }
        None => Date::from_days_since_epoch(d.days_since_epoch() + (dur.minutes() / 1440) as i64),
    }
}

/// S0004: the plan is filed within 20 working days of its issue.
pub fn filing_late(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let Some(issued) = &h.issued else {
        return Vec::new();
    };
    let due = cx
        .plan
        .calendar
        .add_working_days(issued.value, FILING_WORKDAYS);
    match &h.filed {
        Some(f) if f.value > due => vec![Diagnostic::new(
            f.span,
            Found::FiledLate {
                issued: issued.value.to_string(),
                due: due.to_string(),
            },
        )],
        None if cx.today > due => vec![Diagnostic::new(
            issued.span,
            Found::NotFiled {
                issued: issued.value.to_string(),
                due: due.to_string(),
            },
        )],
        _ => Vec::new(),
    }
}

/// S0005: filing and evaluation dates are not in the future, and filing follows issue.
pub fn dates_out_of_order(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let today = cx.today.to_string();
    if let Some(d) = &h.filed
        && d.value > cx.today
    {
        let (date, today) = (d.value.to_string(), today.clone());
        out.push(Diagnostic::new(
            d.span,
            Found::FiledInFuture { date, today },
        ));
    }
    if let Some(d) = &h.reviewed
        && d.value > cx.today
    {
        let (date, today) = (d.value.to_string(), today.clone());
        out.push(Diagnostic::new(
            d.span,
            Found::ReviewedInFuture { date, today },
        ));
    }
    if let (Some(i), Some(f)) = (&h.issued, &h.filed)
        && f.value < i.value
    {
        out.push(Diagnostic::new(f.span, Found::FiledBeforeIssued).with(i.span, Note::IssueDate));
    }
    out
}

/// S0006: the plan was evaluated within its review cadence (at most 3 years).
pub fn evaluation_overdue(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let Some(last) = h.reviewed.as_ref().or(h.issued.as_ref()) else {
        return Vec::new();
    };
    let cadence = match &h.review_every {
        Some(c) if c.value.minutes() < MAX_REVIEW.minutes() => c.value,
        _ => MAX_REVIEW,
    };
    let due = add(last.value, cadence);
    if cx.today > due {
        vec![Diagnostic::new(
            last.span,
            Found::EvaluationOverdue {
                last: last.value.to_string(),
                cadence: cadence.to_string(),
                due: due.to_string(),
            },
        )]
    } else {
        Vec::new()
    }
}

/// S0007: the plan states a review cadence of at most 3 years.
pub fn review_cadence(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    match &h.review_every {
        None => vec![Diagnostic::new(h.title.span, Found::NoReviewCadence)],
        Some(c) if c.value.minutes() > MAX_REVIEW.minutes() => {
            vec![Diagnostic::new(
                c.span,
                Found::ReviewTooRare {
                    cadence: c.value.to_string(),
                },
            )]
        }
        _ => Vec::new(),
    }
}

/// S0008: the plan says how it links to the plans around it (上位预案, 衔接).
pub fn no_linked_plans(cx: &Context) -> Vec<Diagnostic> {
    match cx.header() {
        Some(h) if h.parent.is_empty() && h.related.is_empty() => {
            vec![Diagnostic::new(h.title.span, Found::NoLinkedPlans)]
        }
        _ => Vec::new(),
    }
}

/// S0009: the plan carries the annexes GB/T 29639 lists that only it can write (单位概况,
/// 风险评估结果, 物资装备清单) — a note, since a specialised plan may refer to the
/// organization's general plan for them.
pub fn missing_annexes(cx: &Context) -> Vec<Diagnostic> {
    let Some(h) = cx.header() else {
        return Vec::new();
    };
    let p = cx.plan;
    let titles: Vec<String> = (p.annexes.iter().map(|a| &a.name))
        .chain(
            p.texts
                .iter()
                .filter(|t| t.chapter == crate::model::Chapter::Annex)
                .map(|t| &t.name),
        )
        .map(|n| n.value.to_lowercase().to_string())
        .collect();
    let missing: Vec<GbAnnex> = GB_ANNEXES
        .iter()
        .filter(|(_, words)| !titles.iter().any(|t| words.iter().any(|w| t.contains(w))))
        .map(|(a, _)| *a)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Diagnostic::new(
        h.title.span,
        Found::MissingAnnexes { annexes: missing },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // 2026-12-01 is a Tuesday; 20 working days later is Tuesday 2026-12-29.
        let d: Date = "2026-12-01".parse().unwrap();
        let plain = crate::model::Calendar::default();
        assert_eq!(plain.add_working_days(d, 20).to_string(), "2026-12-29");
        assert_eq!(plain.add_working_days(d, 4).to_string(), "2026-12-07");
        // A holiday on Wednesday and Thursday, and Saturday worked instead.
        let day =
            |s: &str| crate::source::Spanned::new(s.parse::<Date>().unwrap(), Default::default());
        let cal = crate::model::Calendar {
            holidays: vec![crate::model::Holiday {
                from: day("2026-12-02"),
                to: day("2026-12-03"),
            }],
            workdays: vec![day("2026-12-05")],
        };
        // Friday 4th, Saturday 5th (worked), Monday 7th, Tuesday 8th.
        assert_eq!(cal.add_working_days(d, 4).to_string(), "2026-12-08");
        // A calendar of nothing but holidays ends the count, it does not loop.
        let never = crate::model::Calendar {
            holidays: (0..200)
                .map(|y| crate::model::Holiday {
                    from: day(&format!("{}-01-01", 2000 + y)),
                    to: day(&format!("{}-12-31", 2000 + y)),
                })
                .collect(),
            workdays: Vec::new(),
        };
        assert!(never.add_working_days(d, 5).year > 2100);
    }

    #[test]
    fn calendar_years_and_months() {
        let d: Date = "2024-02-29".parse().unwrap();
        let y = Duration {
            count: 3,
            unit: DurUnit::Year,
        };
        assert_eq!(add(d, y).to_string(), "2027-02-28");
        let m = Duration {
            count: 11,
            unit: DurUnit::Month,
        };
        assert_eq!(add(d, m).to_string(), "2025-01-29");
    }
}
