//! H: hygiene: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::finding::*;
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const H0001: Code = Code::new(&CodeInfo {
        code: "H0001",
        severity: Severity::Warning,
        source: "良好实践",
        bad: r#"unit 法务部 { duty "……" }
# 没有任何地方提到 法务部"#,
        good: r#"unit 法务部 { duty "……" }
body 应急指挥中心 { … members 法务部 }"#,
    });
    pub const H0002: Code = Code::new(&CodeInfo {
        code: "H0002",
        severity: Severity::Error,
        source: "Unicode TR36/TR39（安全与易混淆字符）",
        bad: "unit ＰＲ部 { }
unit PR部 { }",
        good: "unit PR部 { }
unit 网信部 { }",
    });
    pub const H0003: Code = Code::new(&CodeInfo {
        code: "H0003",
        severity: Severity::Warning,
        source: "Unicode TR36",
        bad: "unit 宣传部\u{200B} { }   # 含零宽空格",
        good: "unit 宣传部 { }",
    });
    pub const H0004: Code = Code::new(&CodeInfo {
        code: "H0004",
        severity: Severity::Error,
        source: "CVE-2021-42574（Trojan Source）",
        bad: "detail \"……\u{202E}……\"",
        good: r#"detail "……""#,
    });
    pub const H0005: Code = Code::new(&CodeInfo {
        code: "H0005",
        severity: Severity::Warning,
        source: "《中华人民共和国个人信息保护法》；language.md（示例中不写真实个人信息）",
        bad: r#"contact "13800000000""#,
        good: r#"contact "宣传部24小时值班电话 010-12345678""#,
    });
    pub const H0006: Code = Code::new(&CodeInfo {
        code: "H0006",
        severity: Severity::Warning,
        source: "良好实践",
        bad: "lint { allow L0012 }",
        good: r#"lint { allow L0012 "集团规定四级预警与四级响应一一对应" }"#,
    });
    pub const H0007: Code = Code::new(&CodeInfo {
        code: "H0007",
        severity: Severity::Warning,
        source: "良好实践",
        bad: r#"lint { allow O0003 "……" }   # 总指挥已有替补"#,
        good: "# 删去这条例外",
    });
    pub const H0008: Code = Code::new(&CodeInfo {
        code: "H0008",
        severity: Severity::Warning,
        source: "良好实践（印发、备案的文本内容完整）",
        bad: r#"unit 宣传部 { contact "（待填）" }"#,
        good: r#"unit 宣传部 { contact "宣传部24小时值班电话 010-12345678" }"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::H0001,
    Code::H0002,
    Code::H0003,
    Code::H0004,
    Code::H0005,
    Code::H0006,
    Code::H0007,
    Code::H0008,
];

#[derive(Clone, Debug, PartialEq)]
pub enum HygieneFinding {
    Unused {
        name: String,
        thing: Thing,
    },
    Confusable {
        name: String,
        other: String,
    },
    Invisible {
        chars: Vec<char>,
    },
    Bidi {
        chars: Vec<char>,
    },
    PersonalData {
        mobile: bool,
    },
    AllowWithoutReason {
        code: Code,
    },
    UnusedException {
        code: Code,
    },
    /// Text still to be filled in: how many places, and the first as written.
    Placeholders {
        count: usize,
        sample: String,
    },
}

impl HygieneFinding {
    pub fn code(&self) -> Code {
        use HygieneFinding::*;
        match self {
            Unused { .. } => Code::H0001,
            Confusable { .. } => Code::H0002,
            Invisible { .. } => Code::H0003,
            Bidi { .. } => Code::H0004,
            PersonalData { .. } => Code::H0005,
            AllowWithoutReason { .. } => Code::H0006,
            UnusedException { .. } => Code::H0007,
            Placeholders { .. } => Code::H0008,
        }
    }
}

pub(super) fn words(f: &HygieneFinding, w: &Words) -> Text {
    match f {
        HygieneFinding::Unused { name, thing: t } => {
            let kind = match t {
                Thing::Role => "role",
                Thing::Unit => "unit",
                Thing::External => "external",
                _ => "roster",
            };
            let kind = w.get(&format!("diag.H0001.kind.{kind}"));
            say(w, "H0001", &[("name", name), ("kind", &kind)])
        }
        HygieneFinding::Confusable { name, other } => {
            say(w, "H0002", &[("name", name), ("other", other)])
        }
        HygieneFinding::Invisible { chars } => say(w, "H0003", &[("list", &codepoints(chars))]),
        HygieneFinding::Bidi { chars } => say(w, "H0004", &[("list", &codepoints(chars))]),
        HygieneFinding::PersonalData { mobile } => {
            say(w, if *mobile { "H0005.mobile" } else { "H0005.id" }, &[])
        }
        HygieneFinding::AllowWithoutReason { code } => say(w, "H0006", &[("code", code.as_str())]),
        HygieneFinding::UnusedException { code } => say(w, "H0007", &[("code", code.as_str())]),
        HygieneFinding::Placeholders { count, sample } => say(
            w,
            "H0008",
            &[("count", &count.to_string()), ("sample", sample)],
        ),
    }
}
