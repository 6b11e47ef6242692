//! M: monitoring: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::finding::*;
use super::words::*;
use crate::wording::{Words, plan_spelling};

impl Code {
    pub const M0001: Code = Code::new(&CodeInfo {
        code: "M0001",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.2（监测）",
        bad: "channel 抖音 { kind video }",
        good: "channel 抖音 { kind video watched_by 网信部 hours workdays 09:00-18:00 }",
    });
    pub const M0002: Code = Code::new(&CodeInfo {
        code: "M0002",
        severity: Severity::Error,
        source: "种子预案（24小时值班）",
        bad: "channel 微博 { watched_by 宣传部 hours 24x7 }",
        good: "channel 微博 { watched_by 宣传部 hours 24x7 roster 舆情值班 }",
    });
    pub const M0003: Code = Code::new(&CodeInfo {
        code: "M0003",
        severity: Severity::Error,
        source: "种子预案（24小时值班）",
        bad: "roster 舆情值班 { unit 宣传部 shift 白班 workdays 08:00-20:00 }",
        good: "roster 舆情值班 { unit 宣传部 shift 白班 daily 08:00-20:00 shift 夜班 daily 20:00-08:00 }",
    });
    pub const M0004: Code = Code::new(&CodeInfo {
        code: "M0004",
        severity: Severity::Warning,
        source: "良好实践",
        bad: "shift 早班 daily 08:00-12:00
shift 午班 daily 14:00-20:00",
        good: "shift 早班 daily 08:00-14:00
shift 午班 daily 14:00-20:00",
    });
    pub const M0005: Code = Code::new(&CodeInfo {
        code: "M0005",
        severity: Severity::Warning,
        source: "良好实践",
        bad: "channel 论坛 { watched_by 宣传部 }",
        good: "channel 论坛 { watched_by 宣传部 hours workdays 09:00-18:00 }",
    });
    pub const M0006: Code = Code::new(&CodeInfo {
        code: "M0006",
        severity: Severity::Warning,
        source: "良好实践",
        bad: "roster 舆情值班 { }",
        good: "roster 舆情值班 { unit 宣传部 shift 全天 daily 00:00-24:00 }",
    });
    pub const M0007: Code = Code::new(&CodeInfo {
        code: "M0007",
        severity: Severity::Warning,
        source: "轮值值班（一线、二线）的良好实践",
        bad: "roster 安全值守 { role 值班工程师 secondary after 1h shift 全天 24x7 }
action 初步研判 { owner 值班工程师 within 30m }",
        good: "roster 安全值守 { role 值班工程师 secondary after 10m shift 全天 24x7 }
action 初步研判 { owner 值班工程师 within 30m }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::M0001,
    Code::M0002,
    Code::M0003,
    Code::M0004,
    Code::M0005,
    Code::M0006,
    Code::M0007,
];

#[derive(Clone, Debug, PartialEq)]
pub enum MonitoringFinding {
    Unwatched {
        channel: String,
    },
    ClaimWithoutRoster {
        channel: String,
    },
    RosterDoesNotCover {
        channel: String,
        roster: String,
        gap: WatchGap,
    },
    RosterGap {
        roster: String,
        gap: WatchGap,
    },
    NoHours {
        channel: String,
    },
    RosterWithoutUnit {
        roster: String,
    },
    RosterWithoutShift {
        roster: String,
    },
    /// A roster names both a unit and a role: who is on duty?
    RosterUnitAndRole {
        roster: String,
    },
    /// The secondary on call is paged only after the role's earliest time limit.
    SecondaryTooLate {
        roster: String,
        role: String,
        after: u64,
        action: String,
        limit: u64,
    },
}

impl MonitoringFinding {
    pub fn code(&self) -> Code {
        use MonitoringFinding::*;
        match self {
            Unwatched { .. } => Code::M0001,
            ClaimWithoutRoster { .. } => Code::M0002,
            RosterDoesNotCover { .. } => Code::M0003,
            RosterGap { .. } => Code::M0004,
            NoHours { .. } => Code::M0005,
            RosterWithoutUnit { .. } | RosterWithoutShift { .. } | RosterUnitAndRole { .. } => {
                Code::M0006
            }
            SecondaryTooLate { .. } => Code::M0007,
        }
    }
}

pub(super) fn words(f: &MonitoringFinding, w: &Words) -> Text {
    match f {
        MonitoringFinding::Unwatched { channel } => say(w, "M0001", &[("name", channel)]),
        MonitoringFinding::ClaimWithoutRoster { channel } => {
            say(w, "M0002", &[("channel", channel)])
        }
        MonitoringFinding::RosterDoesNotCover {
            channel,
            roster,
            gap,
        } => say(
            w,
            "M0003",
            &[
                ("channel", channel),
                ("roster", roster),
                ("gap", &watch_gap(w, gap)),
            ],
        ),
        MonitoringFinding::RosterGap { roster, gap } => say(
            w,
            "M0004",
            &[("roster", roster), ("gap", &watch_gap(w, gap))],
        ),
        MonitoringFinding::NoHours { channel } => say(w, "M0005", &[("name", channel)]),
        MonitoringFinding::RosterWithoutUnit { roster } => {
            say(w, "M0006.no_unit", &[("name", roster)])
        }
        MonitoringFinding::RosterWithoutShift { roster } => {
            say(w, "M0006.no_shift", &[("name", roster)])
        }
        MonitoringFinding::RosterUnitAndRole { roster } => {
            say(w, "M0006.unit_and_role", &[("name", roster)])
        }
        MonitoringFinding::SecondaryTooLate {
            roster,
            role,
            after,
            action,
            limit,
        } => say(
            w,
            "M0007",
            &[
                ("name", roster),
                ("role", role),
                ("after", &plan_spelling(*after)),
                ("action", action),
                ("limit", &plan_spelling(*limit)),
            ],
        ),
    }
}

fn day_kind(w: &Words, d: DayKind) -> String {
    w.get(match d {
        DayKind::Workday => "diag.day.workday",
        DayKind::Weekend => "diag.day.weekend",
        DayKind::Holiday => "diag.day.holiday",
    })
}

/// `工作日 00:00-08:00（前一天为周末时）`.
fn watch_gap(w: &Words, g: &WatchGap) -> String {
    let time = format!("{}-{}", g.from, g.to);
    let day = day_kind(w, g.day);
    if g.after == g.day {
        w.fill("diag.gap.same", &[("day", &day), ("time", &time)])
    } else {
        let after = day_kind(w, g.after);
        w.fill(
            "diag.gap.after",
            &[("day", &day), ("time", &time), ("after", &after)],
        )
    }
}
