//! R: reporting: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const R0001: Code = Code::new(&CodeInfo {
        code: "R0001",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: "unit 甲 { reports_to 乙 within 30m }
unit 乙 { reports_to 甲 within 30m }",
        good: "unit 甲 { reports_to 乙 within 30m }
unit 乙 { reports_to 应急指挥中心 within 30m }",
    });
    pub const R0002: Code = Code::new(&CodeInfo {
        code: "R0002",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: r#"unit 网信部 { duty "……" }"#,
        good: r#"unit 网信部 { duty "……" reports_to 应急指挥中心 within 30m }"#,
    });
    pub const R0003: Code = Code::new(&CodeInfo {
        code: "R0003",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: r#"role 总指挥 { holder "……" }"#,
        good: r#"external 上级主管部门 { kind authority }
role 总指挥 { holder "……" reports_to 上级主管部门 within 1h }"#,
    });
    pub const R0004: Code = Code::new(&CodeInfo {
        code: "R0004",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: "reports_to 应急指挥中心",
        good: r#"reports_to 应急指挥中心 within 30m via "电话、书面报告""#,
    });
    pub const R0005: Code = Code::new(&CodeInfo {
        code: "R0005",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: "level 红色 { reports_to 上级主管部门 within 1h by 属地网信办 }",
        good: "level 红色 { reports_to 上级主管部门 within 1h by 总指挥 }",
    });
    pub const R0006: Code = Code::new(&CodeInfo {
        code: "R0006",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1",
        bad: "level 红色 { declared_by 总指挥 reports_to 总指挥 within 1h }",
        good: "level 红色 { declared_by 总指挥 reports_to 上级主管部门 within 1h }",
    });
    pub const R0007: Code = Code::new(&CodeInfo {
        code: "R0007",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.3.1.1（信息报告的内容）",
        bad: r#"level 橙色 { when reach >= 50万 or hot_search }
annex 舆情信息报告单 """
  | 项目 | 内容 |
  | 报告时间 | |
  | 主要内容 | |
  """"#,
        good: r#"level 橙色 { when reach >= 50万 or hot_search }
annex 舆情信息报告单 """
  | 项目 | 内容 |
  | 报告单位、报告人及联系方式 | |
  | 报告时间 | |
  | 信息来源（平台、账号、链接） | |
  | 主要内容 | |
  | 传播情况（阅读、转发数，是否上热搜） | |
  | 已采取的措施 | |
  """"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::R0001,
    Code::R0002,
    Code::R0003,
    Code::R0004,
    Code::R0005,
    Code::R0006,
    Code::R0007,
];

#[derive(Clone, Debug, PartialEq)]
pub enum ReportingFinding {
    Cycle {
        chain: Vec<String>,
    },
    CannotReachCommander {
        name: String,
        commander: String,
        no_lines: bool,
    },
    NoUpwardReport,
    NoTimeLimit {
        from: String,
        to: String,
    },
    /// A level's report made by an external party (`implied`: as the level's declarer).
    ReporterOutside {
        level: String,
        reporter: String,
        implied: bool,
    },
    ReportsToItself {
        level: String,
        party: String,
    },
    /// The plan's own report form has no row for what its readers need.
    ReportFormLacks {
        form: String,
        missing: Vec<FormGap>,
    },
}

/// A row a report form lacks, and who needs it.
#[derive(Clone, Debug, PartialEq)]
pub enum FormGap {
    /// What every report carries (time, source, content, reporter).
    Every { field: String },
    /// What a level's rule measures: the receiver grades the incident from it.
    Signal { what: String, levels: Vec<String> },
    /// What an authority the plan reports to expects (the measures taken).
    Upward { field: String, to: String },
}

impl ReportingFinding {
    pub fn code(&self) -> Code {
        match self {
            ReportingFinding::Cycle { .. } => Code::R0001,
            ReportingFinding::CannotReachCommander { .. } => Code::R0002,
            ReportingFinding::NoUpwardReport => Code::R0003,
            ReportingFinding::NoTimeLimit { .. } => Code::R0004,
            ReportingFinding::ReporterOutside { .. } => Code::R0005,
            ReportingFinding::ReportsToItself { .. } => Code::R0006,
            ReportingFinding::ReportFormLacks { .. } => Code::R0007,
        }
    }
}

pub(super) fn words(f: &ReportingFinding, w: &Words) -> Text {
    match f {
        ReportingFinding::Cycle { chain: c } => say(w, "R0001", &[("chain", &chain(c))]),
        ReportingFinding::CannotReachCommander {
            name,
            commander,
            no_lines,
        } => {
            let text = say(w, "R0002", &[("name", name), ("commander", commander)]);
            if *no_lines {
                text.label(w, "R0002.label_no_lines", &[])
            } else {
                text
            }
        }
        ReportingFinding::NoUpwardReport => say(w, "R0003", &[]),
        ReportingFinding::NoTimeLimit { from, to } => {
            say(w, "R0004", &[("from", from), ("to", to)])
        }
        ReportingFinding::ReporterOutside {
            level,
            reporter,
            implied,
        } => {
            let text = say(w, "R0005", &[("level", level), ("reporter", reporter)]);
            if *implied {
                text.label(w, "R0005.label_declarer", &[("reporter", reporter)])
            } else {
                text
            }
        }
        ReportingFinding::ReportsToItself { level, party } => {
            say(w, "R0006", &[("level", level), ("party", party)])
        }
        ReportingFinding::ReportFormLacks { form, missing } => {
            let items: Vec<String> = missing.iter().map(|g| gap(w, g)).collect();
            let first = match missing.first() {
                Some(FormGap::Every { field } | FormGap::Upward { field, .. }) => field,
                Some(FormGap::Signal { what, .. }) => what,
                None => "",
            };
            say(
                w,
                "R0007",
                &[
                    ("form", form),
                    ("missing", &names(w, &items)),
                    ("first", first),
                ],
            )
        }
    }
}

fn gap(w: &Words, g: &FormGap) -> String {
    match g {
        FormGap::Every { field } => field.clone(),
        FormGap::Signal { what, levels } => {
            let levels: Vec<String> = levels.iter().map(|l| format!("`{l}`")).collect();
            w.fill(
                "diag.R0007.signal",
                &[("what", what), ("levels", &names(w, &levels))],
            )
        }
        FormGap::Upward { field, to } => {
            w.fill("diag.R0007.upward", &[("field", field), ("to", to)])
        }
    }
}
