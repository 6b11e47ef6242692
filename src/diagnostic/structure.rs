//! S: structure: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const S0001: Code = Code::new(&CodeInfo {
        code: "S0001",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.1",
        bad: r#"plan "……预案" { … }
# 没有 purpose / scope / principle"#,
        good: r#"purpose "为有效应对网络舆情……"
scope "适用于集团及所属单位……"
principle 快速反应 "……""#,
    });
    pub const S0002: Code = Code::new(&CodeInfo {
        code: "S0002",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.1；突发事件应急预案管理办法",
        bad: r#"plan "……" { org "……" }"#,
        good: r#"plan "……" {
  basis "《中华人民共和国突发事件应对法》"
}"#,
    });
    pub const S0003: Code = Code::new(&CodeInfo {
        code: "S0003",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 附录C",
        bad: r#"plan "……" { org "示例集团" }"#,
        good: r#"plan "……" {
  org "示例集团"  number "示例集团发〔2026〕12号"  version "2026.1"
  issued 2026-12-01  approver 总指挥  maintainer 宣传部
}"#,
    });
    pub const S0004: Code = Code::new(&CodeInfo {
        code: "S0004",
        severity: Severity::Warning,
        source: "国办发〔2024〕5号《突发事件应急预案管理办法》第26条",
        bad: "issued 2026-12-01  filed 2027-02-01",
        good: "issued 2026-12-01  filed 2026-12-20",
    });
    pub const S0005: Code = Code::new(&CodeInfo {
        code: "S0005",
        severity: Severity::Error,
        source: "常识校验",
        bad: "issued 2026-12-01  filed 2026-11-01",
        good: "issued 2026-12-01  filed 2026-12-10",
    });
    pub const S0006: Code = Code::new(&CodeInfo {
        code: "S0006",
        severity: Severity::Warning,
        source: "应急管理部令第2号 第35条",
        bad: "issued 2020-01-01  review every 3y   # --today 2026-12-01",
        good: "issued 2020-01-01  reviewed 2026-06-01  review every 3y",
    });
    pub const S0007: Code = Code::new(&CodeInfo {
        code: "S0007",
        severity: Severity::Warning,
        source: "应急管理部令第2号 第35条",
        bad: "review every 5y",
        good: "review every 3y",
    });
    pub const S0008: Code = Code::new(&CodeInfo {
        code: "S0008",
        severity: Severity::Info,
        source: "GB/T 29639-2020 §9.3",
        bad: r#"plan "……" { }"#,
        good: r#"plan "……" {
  parent "示例集团突发事件总体应急预案"
  related "示例集团新闻发布管理办法"
}"#,
    });
    pub const S0009: Code = Code::new(&CodeInfo {
        code: "S0009",
        severity: Severity::Info,
        source: "GB/T 29639-2020 附录A（附件）",
        bad: "# 没有单位概况、风险评估、物资装备清单附件",
        good: r#"annex 风险评估结果 """
  本集团近三年网络舆情以服务投诉和生产安全事件引发的为主……
  """"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::S0001,
    Code::S0002,
    Code::S0003,
    Code::S0004,
    Code::S0005,
    Code::S0006,
    Code::S0007,
    Code::S0008,
    Code::S0009,
];

/// A chapter of the general part a plan must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chapter {
    Purpose,
    Scope,
    Principles,
}

/// An annex GB/T 29639 lists for an enterprise plan that only the plan can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GbAnnex {
    /// 单位概况
    Overview,
    /// 风险评估（结果摘要）
    RiskAssessment,
    /// 物资装备清单
    Equipment,
}

/// A cover field of the plan header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverField {
    Org,
    Number,
    Version,
    Issued,
    Approver,
    Maintainer,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StructureFinding {
    MissingChapter {
        chapter: Chapter,
    },
    NoBasis,
    CoverIncomplete {
        missing: Vec<CoverField>,
    },
    FiledLate {
        issued: String,
        due: String,
    },
    NotFiled {
        issued: String,
        due: String,
    },
    FiledInFuture {
        date: String,
        today: String,
    },
    ReviewedInFuture {
        date: String,
        today: String,
    },
    FiledBeforeIssued,
    EvaluationOverdue {
        last: String,
        cadence: String,
        due: String,
    },
    NoReviewCadence,
    ReviewTooRare {
        cadence: String,
    },
    NoLinkedPlans,
    MissingAnnexes {
        annexes: Vec<GbAnnex>,
    },
}

impl StructureFinding {
    pub fn code(&self) -> Code {
        use StructureFinding::*;
        match self {
            MissingChapter { .. } => Code::S0001,
            NoBasis => Code::S0002,
            CoverIncomplete { .. } => Code::S0003,
            FiledLate { .. } | NotFiled { .. } => Code::S0004,
            FiledInFuture { .. } | ReviewedInFuture { .. } | FiledBeforeIssued => Code::S0005,
            EvaluationOverdue { .. } => Code::S0006,
            NoReviewCadence | ReviewTooRare { .. } => Code::S0007,
            NoLinkedPlans => Code::S0008,
            MissingAnnexes { .. } => Code::S0009,
        }
    }
}

pub(super) fn words(f: &StructureFinding, w: &Words) -> Text {
    match f {
        StructureFinding::MissingChapter { chapter } => say(
            w,
            match chapter {
                Chapter::Purpose => "S0001.purpose",
                Chapter::Scope => "S0001.scope",
                Chapter::Principles => "S0001.principles",
            },
            &[],
        ),
        StructureFinding::NoBasis => say(w, "S0002", &[]),
        StructureFinding::CoverIncomplete { missing } => {
            let fields: Vec<String> = missing
                .iter()
                .map(|f| w.get(&format!("diag.S0003.field.{}", cover_field(*f))))
                .collect();
            say(
                w,
                "S0003",
                &[("fields", &fields.join(&w.get("diag.S0003.sep")))],
            )
        }
        StructureFinding::FiledLate { issued, due } => {
            say(w, "S0004.late", &[("issued", issued), ("due", due)])
        }
        StructureFinding::NotFiled { issued, due } => {
            say(w, "S0004.not_filed", &[("issued", issued), ("due", due)])
        }
        StructureFinding::FiledInFuture { date, today } => {
            say(w, "S0005.filed", &[("date", date), ("today", today)])
        }
        StructureFinding::ReviewedInFuture { date, today } => {
            say(w, "S0005.reviewed", &[("date", date), ("today", today)])
        }
        StructureFinding::FiledBeforeIssued => say(w, "S0005.before_issue", &[]),
        StructureFinding::EvaluationOverdue { last, cadence, due } => say(
            w,
            "S0006",
            &[("last", last), ("cadence", cadence), ("due", due)],
        ),
        StructureFinding::NoReviewCadence => say(w, "S0007.none", &[]),
        StructureFinding::ReviewTooRare { cadence } => {
            say(w, "S0007.rare", &[("cadence", cadence)])
        }
        StructureFinding::NoLinkedPlans => say(w, "S0008", &[]),
        StructureFinding::MissingAnnexes { annexes } => {
            let list: Vec<String> = annexes
                .iter()
                .map(|a| w.get(&format!("diag.S0009.annex.{}", gb_annex(*a))))
                .collect();
            say(
                w,
                "S0009",
                &[("list", &list.join(&w.get("diag.S0009.sep")))],
            )
        }
    }
}

/// The key of a GB/T 29639 annex in the wording.
pub fn gb_annex(a: GbAnnex) -> &'static str {
    match a {
        GbAnnex::Overview => "overview",
        GbAnnex::RiskAssessment => "risk",
        GbAnnex::Equipment => "equipment",
    }
}

/// The keyword of a cover field.
pub fn cover_field(f: CoverField) -> &'static str {
    match f {
        CoverField::Org => "org",
        CoverField::Number => "number",
        CoverField::Version => "version",
        CoverField::Issued => "issued",
        CoverField::Approver => "approver",
        CoverField::Maintainer => "maintainer",
    }
}
