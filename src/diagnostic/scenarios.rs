//! D: drill scenarios: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const D0001: Code = Code::new(&CodeInfo {
        code: "D0001",
        severity: Severity::Error,
        source: "planc 演练模型（design/drill.md：情景与传播模型）",
        bad: "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 spread capacty 20万..300万 }",
        good: "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 spread capacity 20万..300万 }",
    });
    pub const D0002: Code = Code::new(&CodeInfo {
        code: "D0002",
        severity: Severity::Error,
        source: "planc 演练模型（design/drill.md：发现与值班）",
        bad: "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 onset midnight 0.3 }",
        good: "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 onset night 0.3 }",
    });
    pub const D0003: Code = Code::new(&CodeInfo {
        code: "D0003",
        severity: Severity::Error,
        source: "planc 演练模型（design/drill.md：注入与第二波）",
        bad: "inject 样本被证实 { at 4h..16h scale speed 1.5..2.2 }",
        good: "inject 样本被证实 { at 4h..16h scale growth 1.5..2.2 }",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[Code::D0001, Code::D0002, Code::D0003];

#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioFinding {
    UnknownParam {
        word: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    UnknownOnset {
        word: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    UnknownScale {
        word: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
}

impl ScenarioFinding {
    pub fn code(&self) -> Code {
        match self {
            ScenarioFinding::UnknownParam { .. } => Code::D0001,
            ScenarioFinding::UnknownOnset { .. } => Code::D0002,
            ScenarioFinding::UnknownScale { .. } => Code::D0003,
        }
    }
}

pub(super) fn words(f: &ScenarioFinding, w: &Words) -> Text {
    let (key, word, suggestion, allowed) = match f {
        ScenarioFinding::UnknownParam {
            word,
            suggestion,
            allowed,
        } => ("D0001", word, suggestion, allowed),
        ScenarioFinding::UnknownOnset {
            word,
            suggestion,
            allowed,
        } => ("D0002", word, suggestion, allowed),
        ScenarioFinding::UnknownScale {
            word,
            suggestion,
            allowed,
        } => ("D0003", word, suggestion, allowed),
    };
    let what = w.get(&format!("diag.{key}.what"));
    unknown_word(w, key, word, what, allowed, suggestion)
}
