//! O: organization: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::Words;

impl Code {
    pub const O0001: Code = Code::new(&CodeInfo {
        code: "O0001",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.2",
        bad: "unit 法务部 { reports_to 应急指挥中心 within 1h }",
        good: r#"unit 法务部 {
  reports_to 应急指挥中心 within 1h
  duty 法律审核 "负责对外口径的法律审核"
}"#,
    });
    pub const O0002: Code = Code::new(&CodeInfo {
        code: "O0002",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.2",
        bad: "role 新闻发言人 { backup 副总指挥 }",
        good: r#"role 新闻发言人 { holder "分管宣传工作的领导" backup 副总指挥 }"#,
    });
    pub const O0003: Code = Code::new(&CodeInfo {
        code: "O0003",
        severity: Severity::Error,
        source: "AB 角制度（良好实践）；演练注入“总指挥失联”",
        bad: r#"role 总指挥 { holder "主要负责人" }"#,
        good: r#"role 总指挥 { holder "主要负责人" backup 副总指挥 }"#,
    });
    pub const O0004: Code = Code::new(&CodeInfo {
        code: "O0004",
        severity: Severity::Error,
        source: "AB 角制度（良好实践）",
        bad: r#"role 总指挥 { holder "董事长" backup 副总指挥 }
role 副总指挥 { holder "董事长" }"#,
        good: r#"role 总指挥 { holder "董事长" backup 副总指挥 }
role 副总指挥 { holder "总经理" }"#,
    });
    pub const O0005: Code = Code::new(&CodeInfo {
        code: "O0005",
        severity: Severity::Warning,
        source: "AB 角制度（良好实践）",
        bad: "role 甲 { backup 乙 }
role 乙 { backup 丙 }
role 丙 { backup 甲 }",
        good: "role 甲 { backup 乙 }
role 乙 { backup 甲 }",
    });
    pub const O0006: Code = Code::new(&CodeInfo {
        code: "O0006",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2",
        bad: "body 应急指挥中心 { lead 宣传部 }",
        good: "body 应急指挥中心 { lead 总指挥 office 宣传部 }",
    });
    pub const O0007: Code = Code::new(&CodeInfo {
        code: "O0007",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2；术语表“external”",
        bad: r#"external 属地网信办 { duty "负责监测" }"#,
        good: r#"external 属地网信办 { kind regulator }
unit 网信部 { duty 监测 "负责监测" }"#,
    });
    pub const O0008: Code = Code::new(&CodeInfo {
        code: "O0008",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2",
        bad: "role 总指挥 { … }
unit 宣传部 { … }",
        good: "body 应急指挥中心 { lead 总指挥 members 宣传部 }",
    });
    pub const O0009: Code = Code::new(&CodeInfo {
        code: "O0009",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2（职责明确到岗）",
        bad: r#"role 学院党委书记 { holders "各学院党委书记" }
level 黄色 { declared_by 学院党委书记 }"#,
        good: r#"role 学院党委书记 { holders "各学院党委书记" }
level 黄色 { declared_by 校党委书记 }"#,
    });
    pub const O0010: Code = Code::new(&CodeInfo {
        code: "O0010",
        severity: Severity::Warning,
        source: "《企业安全生产应急管理九条规定》（应急处置卡）；GB/T 29639-2020 §6.2（AB角）",
        bad: r#"role 值班主任 { holder "舆情值班主任" }
on level 红色 { action 先期研判 { owner 值班主任 within 30m } }"#,
        good: r#"role 值班主任 { holder "舆情值班主任" backup 值班副主任 }
on level 红色 { action 先期研判 { owner 值班主任 within 30m } }"#,
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::O0001,
    Code::O0002,
    Code::O0003,
    Code::O0004,
    Code::O0005,
    Code::O0006,
    Code::O0007,
    Code::O0008,
    Code::O0009,
    Code::O0010,
];

/// A seat one person must hold, which a class of posts cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OneSeat {
    /// Lead, co-lead or deputy of a command body.
    Lead,
    Backup,
    Declare,
    Approve,
    StandDown,
}

/// The work an external party must not be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalWork {
    Duty,
    BodySeat,
    Backup,
    Watch,
    Roster,
    Own,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OrganizationFinding {
    WithoutDuties {
        name: String,
        role: bool,
    },
    NoHolder {
        role: String,
    },
    CriticalWithoutBackup {
        role: String,
        commander: bool,
    },
    OwnBackup {
        name: String,
    },
    BackupSameHolder {
        name: String,
        holder: String,
    },
    BackupRing {
        chain: Vec<String>,
    },
    BodyWithoutLead {
        body: String,
    },
    LeadNotARole {
        body: String,
        lead: String,
    },
    ExternalGivenWork {
        name: String,
        work: ExternalWork,
    },
    NoCommandBody,
    ClassInOneSeat {
        role: String,
        seat: OneSeat,
    },
    FirstHourWithoutStandIn {
        post: String,
        action: String,
        level: String,
    },
}

impl OrganizationFinding {
    pub fn code(&self) -> Code {
        use OrganizationFinding::*;
        match self {
            WithoutDuties { .. } => Code::O0001,
            NoHolder { .. } => Code::O0002,
            CriticalWithoutBackup { .. } => Code::O0003,
            OwnBackup { .. } | BackupSameHolder { .. } => Code::O0004,
            BackupRing { .. } => Code::O0005,
            BodyWithoutLead { .. } | LeadNotARole { .. } => Code::O0006,
            ExternalGivenWork { .. } => Code::O0007,
            NoCommandBody => Code::O0008,
            ClassInOneSeat { .. } => Code::O0009,
            FirstHourWithoutStandIn { .. } => Code::O0010,
        }
    }
}

pub(super) fn words(f: &OrganizationFinding, w: &Words) -> Text {
    match f {
        OrganizationFinding::WithoutDuties { name, role } => say(
            w,
            if *role { "O0001.role" } else { "O0001.unit" },
            &[("name", name)],
        ),
        OrganizationFinding::NoHolder { role } => say(w, "O0002", &[("name", role)]),
        OrganizationFinding::CriticalWithoutBackup { role, commander } => say(
            w,
            if *commander {
                "O0003.commander"
            } else {
                "O0003.spokesperson"
            },
            &[("name", role)],
        ),
        OrganizationFinding::OwnBackup { name } => say(w, "O0004.own", &[("name", name)]),
        OrganizationFinding::BackupSameHolder { name, holder } => say(
            w,
            "O0004.same_holder",
            &[("name", name), ("holder", holder)],
        ),
        OrganizationFinding::BackupRing { chain: c } => say(w, "O0005", &[("chain", &chain(c))]),
        OrganizationFinding::BodyWithoutLead { body } => say(w, "O0006.no_lead", &[("body", body)]),
        OrganizationFinding::LeadNotARole { body, lead } => {
            say(w, "O0006.not_a_role", &[("body", body), ("name", lead)])
        }
        OrganizationFinding::ExternalGivenWork { name, work } => {
            let work = match work {
                ExternalWork::Duty => "duty",
                ExternalWork::BodySeat => "body",
                ExternalWork::Backup => "backup",
                ExternalWork::Watch => "watched_by",
                ExternalWork::Roster => "roster",
                ExternalWork::Own => "own",
            };
            let what = w.get(&format!("diag.O0007.work.{work}"));
            say(w, "O0007", &[("name", name), ("what", &what)])
        }
        OrganizationFinding::NoCommandBody => say(w, "O0008", &[]),
        OrganizationFinding::ClassInOneSeat { role, seat } => {
            let seat = match seat {
                OneSeat::Lead => "lead",
                OneSeat::Backup => "backup",
                OneSeat::Declare => "declare",
                OneSeat::Approve => "approve",
                OneSeat::StandDown => "stand_down",
            };
            let what = w.get(&format!("diag.O0009.seat.{seat}"));
            say(w, "O0009", &[("name", role), ("what", &what)])
        }
        OrganizationFinding::FirstHourWithoutStandIn {
            post,
            action,
            level,
        } => say(
            w,
            "O0010",
            &[("name", post), ("action", action), ("level", level)],
        ),
    }
}
