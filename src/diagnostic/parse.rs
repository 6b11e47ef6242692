//! P: reading and parsing: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::finding::*;
use super::words::*;
use crate::source::is_hidden;
use crate::wording::Words;

impl Code {
    pub const P0001: Code = Code::new(&CodeInfo {
        code: "P0001",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: r#"unit 宣传部 { duty "监测" "#,
        good: r#"unit 宣传部 { duty "监测" }"#,
    });
    pub const P0002: Code = Code::new(&CodeInfo {
        code: "P0002",
        severity: Severity::Error,
        source: "planc 实现限制",
        bad: "when ((((((((reach >= 1))))))))…",
        good: "when (reach >= 1000 or hot_search)",
    });
    pub const P0003: Code = Code::new(&CodeInfo {
        code: "P0003",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: r#"purpose "为了……"#,
        good: r#"purpose "为了……""#,
    });
    pub const P0004: Code = Code::new(&CodeInfo {
        code: "P0004",
        severity: Severity::Error,
        source: "planc 实现",
        bad: "（二进制文件）",
        good: "（UTF-8 文本）",
    });
    pub const P0005: Code = Code::new(&CodeInfo {
        code: "P0005",
        severity: Severity::Error,
        source: "planc 实现",
        bad: "（GBK 编码的文件）",
        good: "（UTF-8 编码的文件）",
    });
    pub const P0006: Code = Code::new(&CodeInfo {
        code: "P0006",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "action 首次回应 { owner 宣传部 owner 网信部 }",
        good: "action 首次回应 { owner 宣传部 consult 网信部 }",
    });
    pub const P0007: Code = Code::new(&CodeInfo {
        code: "P0007",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "issued 2026-02-30",
        good: "issued 2026-02-28",
    });
    pub const P0008: Code = Code::new(&CodeInfo {
        code: "P0008",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "within 300y",
        good: "within 30m",
    });
    pub const P0009: Code = Code::new(&CodeInfo {
        code: "P0009",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "level 红色 { rank 0 }",
        good: "level 红色 { rank 1 }",
    });
    pub const P0010: Code = Code::new(&CodeInfo {
        code: "P0010",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: r#"detail "C:\plans""#,
        good: r#"detail "C:\\plans""#,
    });
    pub const P0011: Code = Code::new(&CodeInfo {
        code: "P0011",
        severity: Severity::Error,
        source: "planc 命令行约定（cli.md）",
        bad: r#"{"version": 3}"#,
        good: r#"{"version": 2, "roles": []}"#,
    });
    pub const P0012: Code = Code::new(&CodeInfo {
        code: "P0012",
        severity: Severity::Error,
        source: "planc 实现",
        bad: "// 待写",
        good: r#"plan "示例预案" { version "1.0" }"#,
    });
    pub const P0013: Code = Code::new(&CodeInfo {
        code: "P0013",
        severity: Severity::Error,
        source: "planc 实现",
        bad: "（5 GB 的文件）",
        good: "（拆分为多个预案）",
    });
    pub const P0014: Code = Code::new(&CodeInfo {
        code: "P0014",
        severity: Severity::Error,
        source: "planc 实现限制",
        bad: "level L1 { rank 1 } … level L65 { rank 65 }",
        good: "level 红色 { rank 1 } level 橙色 { rank 2 } level 黄色 { rank 3 } level 蓝色 { rank 4 }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::P0001,
    Code::P0002,
    Code::P0003,
    Code::P0004,
    Code::P0005,
    Code::P0006,
    Code::P0007,
    Code::P0008,
    Code::P0009,
    Code::P0010,
    Code::P0011,
    Code::P0012,
    Code::P0013,
    Code::P0014,
];

#[derive(Clone, Debug, PartialEq)]
pub enum ParseFinding {
    Syntax {
        found: Found,
        expected: Vec<Expect>,
        suggestion: Option<String>,
        /// A comma after the one name of this field (`owner 宣传部, 网信部`).
        one_name: Option<String>,
    },
    NestingTooDeep {
        max: usize,
    },
    UnterminatedText {
        block: bool,
    },
    NulByte,
    InvalidUtf8,
    FieldTwice {
        keyword: String,
        owner: Thing,
    },
    BadDate {
        text: String,
    },
    DurationTooLong {
        text: String,
    },
    ZeroDuration,
    /// Working days where only calendar time makes sense (a cadence, an effort).
    WorkingDaysOutsideLimit {
        text: String,
    },
    BadNumber {
        text: String,
    },
    BadRank {
        text: String,
    },
    BadResponse {
        text: String,
    },
    BadTime {
        text: String,
    },
    /// A holiday that ends before it starts, or lasts more than a year.
    BadHoliday {
        text: String,
    },
    BadEscape {
        escape: char,
    },
    BadJson {
        detail: String,
    },
    EmptyPlan,
    SourceTooLarge {
        bytes: usize,
    },
    TooManyLevels {
        count: usize,
        max: usize,
    },
}

impl ParseFinding {
    pub fn code(&self) -> Code {
        use ParseFinding::*;
        match self {
            Syntax { .. } => Code::P0001,
            NestingTooDeep { .. } => Code::P0002,
            UnterminatedText { .. } => Code::P0003,
            NulByte => Code::P0004,
            InvalidUtf8 => Code::P0005,
            FieldTwice { .. } => Code::P0006,
            BadDate { .. } => Code::P0007,
            DurationTooLong { .. } | ZeroDuration | WorkingDaysOutsideLimit { .. } => Code::P0008,
            BadNumber { .. }
            | BadRank { .. }
            | BadResponse { .. }
            | BadTime { .. }
            | BadHoliday { .. } => Code::P0009,
            BadEscape { .. } => Code::P0010,
            BadJson { .. } => Code::P0011,
            EmptyPlan => Code::P0012,
            SourceTooLarge { .. } => Code::P0013,
            TooManyLevels { .. } => Code::P0014,
        }
    }
}

pub(super) fn words(f: &ParseFinding, w: &Words) -> Text {
    match f {
        ParseFinding::Syntax {
            found,
            expected,
            suggestion,
            one_name,
        } => syntax(w, found, expected, suggestion, one_name),
        ParseFinding::NestingTooDeep { max } => say(w, "P0002", &[("max", &max.to_string())]),
        ParseFinding::UnterminatedText { block: true } => say(w, "P0003.block", &[]),
        ParseFinding::UnterminatedText { block: false } => say(w, "P0003.line", &[]),
        ParseFinding::NulByte => say(w, "P0004", &[]),
        ParseFinding::InvalidUtf8 => say(w, "P0005", &[]),
        ParseFinding::FieldTwice { keyword, owner } => say(
            w,
            "P0006",
            &[("keyword", keyword), ("owner", &thing(w, *owner))],
        ),
        ParseFinding::BadDate { text } => say(w, "P0007", &[("text", text)]),
        ParseFinding::DurationTooLong { text } => say(w, "P0008.long", &[("text", text)]),
        ParseFinding::ZeroDuration => say(w, "P0008.zero", &[]),
        ParseFinding::WorkingDaysOutsideLimit { text } => {
            say(w, "P0008.working_days", &[("text", text)])
        }
        ParseFinding::BadNumber { text } => say(w, "P0009.number", &[("text", text)]),
        ParseFinding::BadRank { text } => say(w, "P0009.rank", &[("text", text)]),
        ParseFinding::BadResponse { text } => say(w, "P0009.response", &[("text", text)]),
        ParseFinding::BadTime { text } => say(w, "P0009.time", &[("text", text)]),
        ParseFinding::BadHoliday { text } => say(w, "P0009.holiday", &[("text", text)]),
        ParseFinding::BadEscape { escape } => say(w, "P0010", &[("escape", &escape.to_string())]),
        ParseFinding::BadJson { detail } => say(w, "P0011", &[("detail", detail)]),
        ParseFinding::EmptyPlan => say(w, "P0012", &[]),
        ParseFinding::SourceTooLarge { bytes } => say(w, "P0013", &[("bytes", &bytes.to_string())]),
        ParseFinding::TooManyLevels { count, max } => say(
            w,
            "P0014",
            &[("count", &count.to_string()), ("max", &max.to_string())],
        ),
    }
}

fn syntax(
    w: &Words,
    found: &Found,
    expected: &[Expect],
    suggestion: &Option<String>,
    one_name: &Option<String>,
) -> Text {
    let hidden = |t: &str| t.chars().count() == 1 && t.chars().all(is_hidden);
    let found_words = match found {
        Found::Token(t) if hidden(t) => w.fill(
            "diag.found.hidden",
            &[("code", &codepoints(&t.chars().collect::<Vec<_>>()))],
        ),
        Found::Token(t) => w.fill("diag.found.token", &[("token", t)]),
        Found::LineEnd => w.get("diag.found.line_end"),
        Found::End => w.get("diag.found.end"),
    };
    let expected_words = expected_list(w, expected);
    let text = if expected_words.is_empty() {
        say(w, "P0001.unexpected", &[("found", &found_words)])
    } else {
        say(
            w,
            "P0001.expected",
            &[("expected", &expected_words), ("found", &found_words)],
        )
    };
    if let Some(keyword) = one_name {
        // One owner, one lead: the others have their own fields.
        let path = match keyword.as_str() {
            "owner" => "P0001.help_one_owner",
            "approve" => "P0001.help_one_approve",
            "declared_by" => "P0001.help_one_declarer",
            _ => "P0001.help_one_name",
        };
        return text.help(w, path, &[("keyword", keyword)]);
    }
    match (found, suggestion) {
        (Found::Token(t), _) if t.chars().any(is_hidden) => text.help(w, "P0001.help_hidden", &[]),
        // `1万亿`, `5千`: a number with a multiplier the grammar does not take.
        (Found::Token(t), None)
            if t.starts_with(|c: char| c.is_ascii_digit())
                && t.contains(|c: char| !c.is_ascii()) =>
        {
            text.help(w, "P0001.help_number", &[])
        }
        (_, Some(s)) => text.help(w, "did_you_mean", &[("s", s)]),
        (Found::End, None) if expected.contains(&Expect::Punct("}")) => {
            text.help(w, "P0001.help_unclosed", &[])
        }
        _ => text,
    }
}

/// What the parser wanted, without repeats, cut after a dozen.
fn expected_list(w: &Words, expected: &[Expect]) -> String {
    let mut items: Vec<String> = Vec::new();
    for e in expected {
        let item = match e {
            Expect::Keyword(k) | Expect::Punct(k) => format!("`{k}`"),
            Expect::Thing(t) => w
                .opt(&format!("diag.expect.{t}"))
                .unwrap_or_else(|| w.get("diag.expect.other")),
        };
        if !items.contains(&item) {
            items.push(item);
        }
    }
    w.list("diag.list_or", &items, 12)
}
