//! L: levels: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const L0001: Code = Code::new(&CodeInfo {
        code: "L0001",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.2",
        bad: "level 红色 { rank 1 }
level 橙色 { rank 1 }",
        good: "level 红色 { rank 1 }
level 橙色 { rank 2 }",
    });
    pub const L0002: Code = Code::new(&CodeInfo {
        code: "L0002",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.2；各地预警发布规定",
        bad: "level 红色 { rank 1 color blue }
level 蓝色 { rank 4 color red }",
        good: "level 红色 { rank 1 color red response Ⅰ }
level 蓝色 { rank 4 color blue response Ⅳ }",
    });
    pub const L0003: Code = Code::new(&CodeInfo {
        code: "L0003",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.2",
        bad: "level 黄色 { rank 3 }",
        good: r#"level 黄色 { rank 3 criteria "省级媒体关注，或单平台阅读量超过10万" }"#,
    });
    pub const L0004: Code = Code::new(&CodeInfo {
        code: "L0004",
        severity: Severity::Warning,
        source: "planc 演练模型；GB/T 29639-2020 §6.3.1.2",
        bad: r#"level 黄色 { rank 3 criteria "……" }"#,
        good: r#"level 黄色 { rank 3 criteria "……" when reach >= 10万 or media >= provincial }"#,
    });
    pub const L0005: Code = Code::new(&CodeInfo {
        code: "L0005",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.2（分级标准）",
        bad: "level 红色 { rank 1 when reach >= 1万 }
level 橙色 { rank 2 when reach >= 10万 }",
        good: "level 红色 { rank 1 when reach >= 100万 }
level 橙色 { rank 2 when reach >= 10万 }",
    });
    pub const L0006: Code = Code::new(&CodeInfo {
        code: "L0006",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.2",
        bad: "level 红色 { rank 1 }",
        good: "level 红色 { rank 1 declared_by 总指挥 }",
    });
    pub const L0007: Code = Code::new(&CodeInfo {
        code: "L0007",
        severity: Severity::Error,
        source: "突发事件应急预案管理办法；GB/T 29639-2020 §6.3.2",
        bad: "level 蓝色 { rank 4 }",
        good: r#"level 蓝色 { rank 4 stand_down "舆情平息并持续24小时" if heat < 50 for 24h }"#,
    });
    pub const L0008: Code = Code::new(&CodeInfo {
        code: "L0008",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.2（响应准备）",
        bad: "level 黄色 { rank 3 }
# 没有 on level 黄色",
        good: "on level 黄色 {
  action 首次回应 { owner 宣传部 within 2h deliver statement }
}",
    });
    pub const L0009: Code = Code::new(&CodeInfo {
        code: "L0009",
        severity: Severity::Warning,
        source: "突发事件应急预案管理办法（响应调整）",
        bad: "level 蓝色 { rank 4 }",
        good: "level 蓝色 { rank 4 upgrade_to 黄色 }",
    });
    pub const L0010: Code = Code::new(&CodeInfo {
        code: "L0010",
        severity: Severity::Warning,
        source: "突发事件应急预案管理办法（响应调整）",
        bad: "level 蓝色 { rank 4 upgrade_to 橙色 }
level 黄色 { rank 3 }",
        good: "level 蓝色 { rank 4 upgrade_to 黄色 }
level 黄色 { rank 3 upgrade_to 橙色 }",
    });
    pub const L0011: Code = Code::new(&CodeInfo {
        code: "L0011",
        severity: Severity::Error,
        source: "突发事件应急预案管理办法（响应调整）",
        bad: "level 黄色 { rank 3 upgrade_to 蓝色 }",
        good: "level 黄色 { rank 3 upgrade_to 橙色 downgrade_to 蓝色 }",
    });
    pub const L0012: Code = Code::new(&CodeInfo {
        code: "L0012",
        severity: Severity::Info,
        source: "GB/T 29639-2020 §6.1.2",
        bad: "level 红色 { rank 1 response Ⅰ }
level 橙色 { rank 2 response Ⅱ }",
        good: r#"level 红色 { rank 1 response Ⅰ }
level 橙色 { rank 2 response Ⅰ }
# 或：lint { allow L0012 "集团规定四级对应" }"#,
    });
    pub const L0013: Code = Code::new(&CodeInfo {
        code: "L0013",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.1.2",
        bad: "level 黄色 { rank 3 }",
        good: "level 黄色 { rank 3 response Ⅲ }",
    });
    pub const L0014: Code = Code::new(&CodeInfo {
        code: "L0014",
        severity: Severity::Warning,
        source: "《国家网络安全事件应急预案》（事件分级与预警分级对应）；GB/T 29639-2020 §6.1.2",
        bad: "grade 特别重大 { criteria \"…\" }
grade 重大 { criteria \"…\" }
level 红色 { rank 1 grade 特别重大 }
level 橙色 { rank 2 }",
        good: "grade 特别重大 { criteria \"…\" }
grade 重大 { criteria \"…\" }
level 红色 { rank 1 grade 特别重大 }
level 橙色 { rank 2 grade 重大 }",
    });
    pub const L0015: Code = Code::new(&CodeInfo {
        code: "L0015",
        severity: Severity::Error,
        source: "标准推论（分级由高到低一一对应）",
        bad: "grade 特别重大 { … }
grade 重大 { … }
level 红色 { rank 1 grade 重大 }
level 橙色 { rank 2 grade 特别重大 }",
        good: "grade 特别重大 { … }
grade 重大 { … }
level 红色 { rank 1 grade 特别重大 }
level 橙色 { rank 2 grade 重大 }",
    });
    pub const L0016: Code = Code::new(&CodeInfo {
        code: "L0016",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.3.2",
        bad: r#"level 红色 { declared_by 总指挥 stand_down "平息" approved_by 宣传部 }"#,
        good: r#"level 红色 { declared_by 总指挥 stand_down "平息" approved_by 总指挥 }"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::L0001,
    Code::L0002,
    Code::L0003,
    Code::L0004,
    Code::L0005,
    Code::L0006,
    Code::L0007,
    Code::L0008,
    Code::L0009,
    Code::L0010,
    Code::L0011,
    Code::L0012,
    Code::L0013,
    Code::L0014,
    Code::L0015,
    Code::L0016,
];

#[derive(Clone, Debug, PartialEq)]
pub enum LevelFinding {
    /// An event grade no level answers.
    GradeUnanswered {
        grade: String,
    },
    /// A level that answers no event grade while the plan grades events.
    LevelWithoutGrade {
        level: String,
    },
    /// A higher level answering a lower grade than a lower level does.
    GradeOutOfOrder {
        higher: String,
        higher_grade: String,
        lower: String,
        lower_grade: String,
    },
    NoRank {
        level: String,
    },
    RankShared {
        level: String,
        other: String,
        rank: u32,
    },
    ColourOutOfOrder {
        lower: String,
        higher: String,
    },
    ResponseOutOfOrder {
        lower: String,
        higher: String,
    },
    NoCriteria {
        level: String,
    },
    NoWhen {
        level: String,
        /// A measurable condition in the plan's domain, for the help line.
        example: String,
    },
    LowerThreshold {
        higher: String,
        lower: String,
        signal: String,
        higher_value: String,
        lower_value: String,
    },
    NoDeclarer {
        level: String,
    },
    NoStandDown {
        level: String,
    },
    NoActions {
        level: String,
    },
    NoUpgrade {
        level: String,
    },
    NotReachedByUpgrade {
        level: String,
    },
    WrongDirection {
        level: String,
        target: String,
        up: bool,
    },
    /// `may_follow` names a level that is not higher.
    FollowNotHigher {
        level: String,
        target: String,
    },
    ResponseCopiesLevels,
    NoResponse {
        level: String,
    },
    /// The stand-down is approved by a party that reports up to the level's declarer.
    StandDownBelowDeclarer {
        level: String,
        approver: String,
        declarer: String,
    },
}

impl LevelFinding {
    pub fn code(&self) -> Code {
        use LevelFinding::*;
        match self {
            NoRank { .. } | RankShared { .. } => Code::L0001,
            ColourOutOfOrder { .. } | ResponseOutOfOrder { .. } => Code::L0002,
            NoCriteria { .. } => Code::L0003,
            NoWhen { .. } => Code::L0004,
            LowerThreshold { .. } => Code::L0005,
            NoDeclarer { .. } => Code::L0006,
            NoStandDown { .. } => Code::L0007,
            NoActions { .. } => Code::L0008,
            NoUpgrade { .. } => Code::L0009,
            NotReachedByUpgrade { .. } => Code::L0010,
            WrongDirection { .. } | FollowNotHigher { .. } => Code::L0011,
            ResponseCopiesLevels => Code::L0012,
            NoResponse { .. } => Code::L0013,
            GradeUnanswered { .. } | LevelWithoutGrade { .. } => Code::L0014,
            GradeOutOfOrder { .. } => Code::L0015,
            StandDownBelowDeclarer { .. } => Code::L0016,
        }
    }
}

pub(super) fn words(f: &LevelFinding, w: &Words) -> Text {
    let one = |key: &str, level: &str| say(w, key, &[("name", level)]);
    match f {
        LevelFinding::NoRank { level } => one("L0001.missing", level),
        LevelFinding::RankShared { level, other, rank } => say(
            w,
            "L0001.shared",
            &[
                ("name", level),
                ("first", other),
                ("rank", &rank.to_string()),
            ],
        ),
        LevelFinding::ColourOutOfOrder { lower, higher } => {
            say(w, "L0002.colour", &[("lower", lower), ("higher", higher)])
        }
        LevelFinding::ResponseOutOfOrder { lower, higher } => {
            say(w, "L0002.response", &[("lower", lower), ("higher", higher)])
        }
        LevelFinding::NoCriteria { level } => one("L0003", level),
        LevelFinding::NoWhen { level, example } => no_when(w, level, example),
        LevelFinding::LowerThreshold {
            higher,
            lower,
            signal,
            higher_value,
            lower_value,
        } => lower_threshold(w, [higher, lower, signal, higher_value, lower_value]),
        LevelFinding::NoDeclarer { level } => one("L0006", level),
        LevelFinding::NoStandDown { level } => one("L0007", level),
        LevelFinding::NoActions { level } => one("L0008", level),
        LevelFinding::NoUpgrade { level } => one("L0009", level),
        LevelFinding::NotReachedByUpgrade { level } => one("L0010", level),
        LevelFinding::WrongDirection { level, target, up } => {
            let key = if *up { "L0011.up" } else { "L0011.down" };
            direction(w, key, level, target)
        }
        LevelFinding::FollowNotHigher { level, target } => {
            direction(w, "L0011.follow", level, target)
        }
        LevelFinding::ResponseCopiesLevels => say(w, "L0012", &[]),
        LevelFinding::NoResponse { level } => one("L0013", level),
        LevelFinding::GradeUnanswered { grade } => one("L0014.grade", grade),
        LevelFinding::LevelWithoutGrade { level } => one("L0014.level", level),
        LevelFinding::GradeOutOfOrder {
            higher,
            higher_grade,
            lower,
            lower_grade,
        } => {
            let all = [
                ("higher", higher.as_str()),
                ("higher_grade", higher_grade),
                ("lower", lower),
                ("lower_grade", lower_grade),
            ];
            say(w, "L0015", &all)
        }
        LevelFinding::StandDownBelowDeclarer {
            level,
            approver,
            declarer,
        } => say(
            w,
            "L0016",
            &[
                ("name", level),
                ("approver", approver),
                ("declarer", declarer),
            ],
        ),
    }
}

/// L0005's words: a higher level's threshold below a lower one's (higher, lower,
/// signal, and the two values).
fn lower_threshold(w: &Words, v: [&String; 5]) -> Text {
    let keys = ["higher", "lower", "signal", "higher_value", "lower_value"];
    let args: Vec<(&str, &str)> = keys.into_iter().zip(v.map(|s| s.as_str())).collect();
    say(w, "L0005", &args)
}

/// L0011's words: a level and the level it points to the wrong way.
fn direction(w: &Words, key: &str, level: &str, target: &str) -> Text {
    say(w, key, &[("level", level), ("target", target)])
}

/// L0004's words: the help quotes a condition of the plan's domain.
fn no_when(w: &Words, level: &str, example: &str) -> Text {
    say(w, "L0004", &[("name", level), ("example", example)])
}
