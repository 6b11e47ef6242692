//! G: safeguards and drills: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const G0001: Code = Code::new(&CodeInfo {
        code: "G0001",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.5（应急保障）",
        bad: "resource 舆情监测系统 { kind platform }",
        good: "resource 舆情监测系统 { kind platform owner 网信部 }",
    });
    pub const G0002: Code = Code::new(&CodeInfo {
        code: "G0002",
        severity: Severity::Error,
        source: "应急管理部令第2号 第33条",
        bad: r#"plan "……" { }"#,
        good: r#"plan "……" { drill every 1y }"#,
    });
    pub const G0003: Code = Code::new(&CodeInfo {
        code: "G0003",
        severity: Severity::Error,
        source: "应急管理部令第2号 第33条",
        bad: "drill every 2y",
        good: "drill every 1y",
    });
    pub const G0004: Code = Code::new(&CodeInfo {
        code: "G0004",
        severity: Severity::Warning,
        source: "应急管理部令第2号 第33条",
        bad: "drill 年度桌面推演 { kind tabletop }",
        good: "drill 年度桌面推演 { kind tabletop every 1y owner 宣传部 }",
    });
    pub const G0005: Code = Code::new(&CodeInfo {
        code: "G0005",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.5；种子预案（六 保障措施）",
        bad: "resource 舆情监测系统 { kind platform owner 网信部 }",
        good: "resource 舆情队伍 { kind team owner 宣传部 }
resource 监测平台 { kind platform owner 网信部 }
resource 专项经费 { kind budget owner 财务部 }
resource 应急通信 { kind communications owner 办公室 }",
    });
    pub const G0006: Code = Code::new(&CodeInfo {
        code: "G0006",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §7（培训与演练）",
        bad: "# 没有 training",
        good: "training 新闻发言人培训 { every 1y owner 宣传部 }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::G0001,
    Code::G0002,
    Code::G0003,
    Code::G0004,
    Code::G0005,
    Code::G0006,
];

/// A kind of safeguard a plan must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SafeguardKind {
    Team,
    Platform,
    Budget,
    Communications,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SafeguardFinding {
    ResourceWithoutOwner {
        resource: String,
    },
    NoDrillCadence,
    DrillsTooRare {
        cadence: String,
    },
    ExerciseIncomplete {
        name: String,
        training: bool,
        missing: Vec<String>,
    },
    Missing {
        kinds: Vec<SafeguardKind>,
    },
    NoTraining,
}

impl SafeguardFinding {
    pub fn code(&self) -> Code {
        use SafeguardFinding::*;
        match self {
            ResourceWithoutOwner { .. } => Code::G0001,
            NoDrillCadence => Code::G0002,
            DrillsTooRare { .. } => Code::G0003,
            ExerciseIncomplete { .. } => Code::G0004,
            Missing { .. } => Code::G0005,
            NoTraining => Code::G0006,
        }
    }
}

pub(super) fn words(f: &SafeguardFinding, w: &Words) -> Text {
    match f {
        SafeguardFinding::ResourceWithoutOwner { resource } => {
            say(w, "G0001", &[("name", resource)])
        }
        SafeguardFinding::NoDrillCadence => say(w, "G0002", &[]),
        SafeguardFinding::DrillsTooRare { cadence } => say(w, "G0003", &[("cadence", cadence)]),
        SafeguardFinding::ExerciseIncomplete {
            name,
            training,
            missing,
        } => {
            let list: Vec<String> = missing.iter().map(|f| format!("`{f}`")).collect();
            say(
                w,
                if *training {
                    "G0004.training"
                } else {
                    "G0004.drill"
                },
                &[
                    ("name", name),
                    ("list", &list.join(&w.get("diag.G0004.sep"))),
                ],
            )
        }
        SafeguardFinding::Missing { kinds } => {
            let list: Vec<String> = kinds
                .iter()
                .map(|k| {
                    w.get(&format!(
                        "diag.G0005.kind.{}",
                        match k {
                            SafeguardKind::Team => "team",
                            SafeguardKind::Platform => "platform",
                            SafeguardKind::Budget => "budget",
                            SafeguardKind::Communications => "communications",
                        }
                    ))
                })
                .collect();
            say(w, "G0005", &[("list", &names(w, &list))])
        }
        SafeguardFinding::NoTraining => say(w, "G0006", &[]),
    }
}
