//! N: names: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeError, CodeInfo};
use super::finding::*;
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const N0001: Code = Code::new(&CodeInfo {
        code: "N0001",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "action 首次回应 { owner 宣传处 }",
        good: "action 首次回应 { owner 宣传部 }",
    });
    pub const N0002: Code = Code::new(&CodeInfo {
        code: "N0002",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "unit 宣传部 { }
unit 宣传部 { }",
        good: "unit 宣传部 { }
unit 网信部 { }",
    });
    pub const N0003: Code = Code::new(&CodeInfo {
        code: "N0003",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "action 首次回应 { owner 红色 }",
        good: "action 首次回应 { owner 宣传部 }",
    });
    pub const N0004: Code = Code::new(&CodeInfo {
        code: "N0004",
        severity: Severity::Error,
        source: "planc 语言定义（language.md）",
        bad: "when reads >= 10万",
        good: "when reach >= 10万",
    });
    pub const N0005: Code = Code::new(&CodeInfo {
        code: "N0005",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "when media >= 3",
        good: "when media >= provincial",
    });
    pub const N0006: Code = Code::new(&CodeInfo {
        code: "N0006",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "channel 微博 { kind weibo }",
        good: "channel 微博 { kind social }",
    });
    pub const N0007: Code = Code::new(&CodeInfo {
        code: "N0007",
        severity: Severity::Error,
        source: "planc 检查配置",
        bad: r#"lint { allow O003 "理由" }"#,
        good: r#"lint { allow O0003 "理由" }"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::N0001,
    Code::N0002,
    Code::N0003,
    Code::N0004,
    Code::N0005,
    Code::N0006,
    Code::N0007,
];

#[derive(Clone, Debug, PartialEq)]
pub enum NameFinding {
    Undefined {
        name: String,
        expected: Thing,
        suggestion: Option<String>,
    },
    HeaderTwice,
    ProseTwice {
        keyword: String,
    },
    DefinedTwice {
        name: String,
        thing: Thing,
    },
    ActionTwice {
        name: String,
    },
    WrongKind {
        name: String,
        found: Thing,
        expected: Thing,
    },
    UnknownSignal {
        name: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    SignalType {
        signal: String,
        expected: SignalValue,
    },
    UnknownWord {
        word: String,
        vocabulary: Vocabulary,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    LintCode {
        code: String,
        error: CodeError,
    },
}

impl NameFinding {
    pub fn code(&self) -> Code {
        use NameFinding::*;
        match self {
            Undefined { .. } => Code::N0001,
            HeaderTwice | ProseTwice { .. } | DefinedTwice { .. } | ActionTwice { .. } => {
                Code::N0002
            }
            WrongKind { .. } => Code::N0003,
            UnknownSignal { .. } => Code::N0004,
            SignalType { .. } => Code::N0005,
            UnknownWord { .. } => Code::N0006,
            LintCode { .. } => Code::N0007,
        }
    }
}

pub(super) fn words(f: &NameFinding, w: &Words) -> Text {
    match f {
        NameFinding::Undefined {
            name,
            expected,
            suggestion,
        } => say(
            w,
            "N0001",
            &[("name", name), ("thing", &thing(w, *expected))],
        )
        .suggest(w, suggestion, ("N0001.help", &[("name", name)])),
        NameFinding::HeaderTwice => say(w, "N0002.header", &[]),
        NameFinding::ProseTwice { keyword } => say(w, "N0002.prose", &[("keyword", keyword)]),
        NameFinding::DefinedTwice { name, thing: t } => say(
            w,
            "N0002.definition",
            &[("name", name), ("thing", &thing(w, *t))],
        ),
        NameFinding::ActionTwice { name } => say(w, "N0002.action", &[("name", name)]),
        NameFinding::WrongKind {
            name,
            found,
            expected,
        } => say(
            w,
            "N0003",
            &[
                ("name", name),
                ("found", &thing(w, *found)),
                ("expected", &thing(w, *expected)),
            ],
        ),
        NameFinding::UnknownSignal {
            name,
            suggestion,
            known,
        } => say(w, "N0004", &[("name", name)]).suggest(
            w,
            suggestion,
            ("N0004.help_known", &[("known", &names(w, known))]),
        ),
        NameFinding::SignalType { signal, expected } => {
            let expected = match expected {
                SignalValue::Comparison => w.get("diag.N0005.comparison"),
                SignalValue::Number => w.get("diag.N0005.number"),
                SignalValue::Ratio => w.get("diag.N0005.ratio"),
                SignalValue::Media { tiers } => {
                    w.fill("diag.N0005.media", &[("tiers", &names(w, tiers))])
                }
                SignalValue::Flag => w.get("diag.N0005.flag"),
            };
            say(w, "N0005", &[("signal", signal), ("expected", &expected)])
        }
        NameFinding::UnknownWord {
            word,
            vocabulary,
            allowed,
            suggestion,
        } => unknown_word(
            w,
            "N0006",
            word,
            vocabulary_words(w, *vocabulary),
            allowed,
            suggestion,
        ),
        NameFinding::LintCode { code, error } => lint_code(w, code, error),
    }
}

fn vocabulary_words(w: &Words, v: Vocabulary) -> String {
    let key = match v {
        Vocabulary::ExternalKind => "external_kind",
        Vocabulary::ChannelKind => "channel_kind",
        Vocabulary::Colour => "colour",
        Vocabulary::Capability => "capability",
        Vocabulary::DeliverableKind => "deliverable_kind",
        Vocabulary::ResourceKind => "resource_kind",
        Vocabulary::ExerciseKind => "exercise_kind",
        Vocabulary::Domain => "domain",
    };
    w.get(&format!("diag.vocabulary.{key}"))
}

fn lint_code(w: &Words, code: &str, error: &CodeError) -> Text {
    let text = match error {
        CodeError::Fixed(c) if c.as_str().starts_with('D') => {
            say(w, "N0007.fixed_scenario", &[("code", c.as_str())])
        }
        CodeError::Fixed(c) => say(w, "N0007.fixed", &[("code", c.as_str())]),
        CodeError::Unknown(_) => say(w, "N0007.unknown", &[("code", code)]),
    };
    match error {
        CodeError::Unknown(Some(s)) => text.help(w, "did_you_mean", &[("s", s.as_str())]),
        CodeError::Unknown(None) => text.help(w, "N0007.help_list", &[]),
        CodeError::Fixed(_) => text.help(w, "N0007.help_fix", &[]),
    }
}
