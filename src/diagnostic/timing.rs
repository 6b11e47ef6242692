//! T: timing: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::{Words, plan_spelling};

impl Code {
    pub const T0001: Code = Code::new(&CodeInfo {
        code: "T0001",
        severity: Severity::Error,
        source: "标准推论（依赖链上时限单调）；GB/T 29639-2020 §6.3.1.1",
        bad: "unit 宣传部 { reports_to 应急指挥中心 within 1h }
on detect { action 研判定级 { owner 总指挥 within 30m } }",
        good: "unit 宣传部 { reports_to 应急指挥中心 within 15m }
on detect { action 研判定级 { owner 总指挥 within 30m } }",
    });
    pub const T0002: Code = Code::new(&CodeInfo {
        code: "T0002",
        severity: Severity::Error,
        source: "标准推论",
        bad: "action 新闻发布会 { within 2h effort 4h }",
        good: "action 新闻发布会 { within 24h effort 4h }",
    });
    pub const T0003: Code = Code::new(&CodeInfo {
        code: "T0003",
        severity: Severity::Warning,
        source: "国办发〔2016〕61号",
        bad: "on level 红色 { action 首次回应 { … within 3d deliver statement } }",
        good: "on level 红色 { action 首次回应 { … within 1h deliver statement } }",
    });
    pub const T0004: Code = Code::new(&CodeInfo {
        code: "T0004",
        severity: Severity::Warning,
        source: "planc 演练模型",
        bad: "on level 蓝色 { action 核查 { … } }
on level 红色 { action 回应 { … after 核查 } }",
        good: "on detect { action 核查 { … } }
on level 红色 { action 回应 { … after 核查 } }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[Code::T0001, Code::T0002, Code::T0003, Code::T0004];

#[derive(Clone, Debug, PartialEq)]
pub enum TimingFinding {
    ChainTooSlow {
        action: String,
        earliest: u64,
        deadline: u64,
        effort: u64,
    },
    EffortOverDeadline {
        action: String,
        effort: u64,
        deadline: u64,
    },
    FirstReleaseLate {
        level: String,
        action: String,
        minutes: u64,
        limit: u64,
    },
    PrerequisiteMayNotHappen {
        action: String,
        trigger: String,
        prerequisite: String,
        prerequisite_trigger: String,
    },
}

impl TimingFinding {
    pub fn code(&self) -> Code {
        match self {
            TimingFinding::ChainTooSlow { .. } => Code::T0001,
            TimingFinding::EffortOverDeadline { .. } => Code::T0002,
            TimingFinding::FirstReleaseLate { .. } => Code::T0003,
            TimingFinding::PrerequisiteMayNotHappen { .. } => Code::T0004,
        }
    }
}

pub(super) fn words(f: &TimingFinding, w: &Words) -> Text {
    match f {
        TimingFinding::ChainTooSlow {
            action,
            earliest,
            deadline,
            effort,
        } => {
            let with_effort = if *effort > 0 {
                w.fill(
                    "diag.T0001.with_effort",
                    &[("effort", &plan_spelling(*effort))],
                )
            } else {
                String::new()
            };
            say(
                w,
                "T0001",
                &[
                    ("action", action),
                    ("earliest", &plan_spelling(*earliest)),
                    ("with_effort", &with_effort),
                    ("deadline", &plan_spelling(*deadline)),
                ],
            )
        }
        TimingFinding::EffortOverDeadline {
            action,
            effort,
            deadline,
        } => say(
            w,
            "T0002",
            &[
                ("action", action),
                ("effort", &plan_spelling(*effort)),
                ("deadline", &plan_spelling(*deadline)),
            ],
        ),
        TimingFinding::FirstReleaseLate {
            level,
            action,
            minutes,
            limit,
        } => say(
            w,
            "T0003",
            &[
                ("level", level),
                ("action", action),
                ("minutes", &plan_spelling(*minutes)),
                ("limit", &plan_spelling(*limit)),
            ],
        ),
        TimingFinding::PrerequisiteMayNotHappen {
            action,
            trigger,
            prerequisite,
            prerequisite_trigger,
        } => say(
            w,
            "T0004",
            &[
                ("action", action),
                ("trigger", trigger),
                ("prereq", prerequisite),
                ("prereq_trigger", prerequisite_trigger),
            ],
        ),
    }
}
