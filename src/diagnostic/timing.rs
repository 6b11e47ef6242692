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
    pub const T0005: Code = Code::new(&CodeInfo {
        code: "T0005",
        severity: Severity::Error,
        source: "标准推论（时限须有起算点）",
        bad: "action 续报 { … within 2h from 核查 }
action 核查 { … within 1h from 续报 }",
        good: "action 核查 { … within 1h }
action 续报 { … within 2h from 核查 }",
    });
    pub const T0006: Code = Code::new(&CodeInfo {
        code: "T0006",
        severity: Severity::Warning,
        source: "标准推论（倒推时限须有终点）",
        bad: "action 评估复盘会 { … within as_needed }
action 报送材料 { … within 1d before 评估复盘会 }",
        good: "action 评估复盘会 { … within 5wd }
action 报送材料 { … within 1d before 评估复盘会 }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::T0001,
    Code::T0002,
    Code::T0003,
    Code::T0004,
    Code::T0005,
    Code::T0006,
];

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
    /// Relative time limits that count from one another in a circle.
    AnchorCycle { action: String, through: String },
    /// `before X` where X has no fixed limit to count back from.
    BeforeOpen { action: String, anchor: String },
    /// `before X` that counts back past the trigger: due the moment it starts.
    BeforeTrigger {
        action: String,
        anchor: String,
        within: u64,
        limit: u64,
    },
}

impl TimingFinding {
    pub fn code(&self) -> Code {
        match self {
            TimingFinding::ChainTooSlow { .. } => Code::T0001,
            TimingFinding::EffortOverDeadline { .. } => Code::T0002,
            TimingFinding::FirstReleaseLate { .. } => Code::T0003,
            TimingFinding::PrerequisiteMayNotHappen { .. } => Code::T0004,
            TimingFinding::AnchorCycle { .. } => Code::T0005,
            TimingFinding::BeforeOpen { .. } | TimingFinding::BeforeTrigger { .. } => Code::T0006,
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
        } => chain_too_slow(w, action, *earliest, *deadline, *effort),
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
        TimingFinding::AnchorCycle { action, through } => {
            say(w, "T0005", &[("action", action), ("through", through)])
        }
        TimingFinding::BeforeOpen { action, anchor } => {
            say(w, "T0006.open", &[("action", action), ("anchor", anchor)])
        }
        TimingFinding::BeforeTrigger {
            action,
            anchor,
            within,
            limit,
        } => {
            let (within, limit) = (plan_spelling(*within), plan_spelling(*limit));
            let args = [
                ("action", action.as_str()),
                ("anchor", anchor),
                ("within", &within),
            ];
            say(
                w,
                "T0006.trigger",
                &[&args[..], &[("limit", &limit)]].concat(),
            )
        }
    }
}

/// T0001's words: the effort is named only when the action states one.
fn chain_too_slow(w: &Words, action: &str, earliest: u64, deadline: u64, effort: u64) -> Text {
    let with_effort = if effort > 0 {
        w.fill(
            "diag.T0001.with_effort",
            &[("effort", &plan_spelling(effort))],
        )
    } else {
        String::new()
    };
    say(
        w,
        "T0001",
        &[
            ("action", action),
            ("earliest", &plan_spelling(earliest)),
            ("with_effort", &with_effort),
            ("deadline", &plan_spelling(deadline)),
        ],
    )
}
