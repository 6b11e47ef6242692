//! A: actions: the findings, their codes and their words.

use super::Severity;
use super::code::{Code, CodeInfo};
use super::words::*;
use crate::wording::{Words, plan_spelling};

impl Code {
    pub const A0001: Code = Code::new(&CodeInfo {
        code: "A0001",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2",
        bad: "action 复盘评估 { within 72h }",
        good: "action 复盘评估 { owner 宣传部 within 72h }",
    });
    pub const A0002: Code = Code::new(&CodeInfo {
        code: "A0002",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.2",
        bad: "action 上报 { owner 上级主管部门 within 1h }",
        good: "action 上报 { owner 总指挥 within 1h inform 上级主管部门 }",
    });
    pub const A0003: Code = Code::new(&CodeInfo {
        code: "A0003",
        severity: Severity::Warning,
        source: "RACI（每项任务一个 A）",
        bad: "action 首次回应 { owner 宣传部 approve 总指挥 approve 副总指挥 }",
        good: "action 首次回应 { owner 宣传部 approve 总指挥 consult 副总指挥 }",
    });
    pub const A0004: Code = Code::new(&CodeInfo {
        code: "A0004",
        severity: Severity::Error,
        source: "planc 语言定义",
        bad: "action 甲 { after 乙 }
action 乙 { after 甲 }",
        good: "action 甲 { }
action 乙 { after 甲 }",
    });
    pub const A0005: Code = Code::new(&CodeInfo {
        code: "A0005",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.3.4（信息发布）；“快报事实、慎报原因、再报跟进”",
        bad: "action 续报 { owner 宣传部 after 首次回应 }",
        good: "action 续报 { owner 宣传部 every 2h after 首次回应 }",
    });
    pub const A0006: Code = Code::new(&CodeInfo {
        code: "A0006",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.1（时限）",
        bad: "action 研判定级 { owner 宣传部 }",
        good: "action 研判定级 { owner 宣传部 within 30m }",
    });
    pub const A0007: Code = Code::new(&CodeInfo {
        code: "A0007",
        severity: Severity::Error,
        source: "国办发〔2016〕61号",
        bad: "on level 黄色 { action 核查 { owner 业务部门 within 2h } }",
        good: "on level 黄色 {
  action 核查 { owner 业务部门 within 2h }
  action 首次回应 { owner 宣传部 within 4h deliver statement }
}",
    });
    pub const A0008: Code = Code::new(&CodeInfo {
        code: "A0008",
        severity: Severity::Error,
        source: "标准推论（国办发〔2016〕61号；“黄金1小时”）",
        bad: "on level 红色 { action 首次回应 { … within 4h deliver statement } }
on level 黄色 { action 回应 { … within 1h deliver statement } }",
        good: "on level 红色 { action 首次回应 { … within 1h deliver statement } }
on level 黄色 { action 回应 { … within 4h deliver statement } }",
    });
    pub const A0009: Code = Code::new(&CodeInfo {
        code: "A0009",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §6.4（后期处置）",
        bad: "# 没有 on stand_down",
        good: "on stand_down {
  action 复盘评估 { owner 宣传部 within 72h deliver review }
}",
    });
    pub const A0010: Code = Code::new(&CodeInfo {
        code: "A0010",
        severity: Severity::Error,
        source: "GB/T 29639-2020 §6.3.1.2（研判）",
        bad: "# 没有 on detect",
        good: "on detect {
  action 研判定级 { owner 宣传部 within 30m deliver assessment }
}",
    });
    pub const A0011: Code = Code::new(&CodeInfo {
        code: "A0011",
        severity: Severity::Warning,
        source: "RACI（每项任务一个牵头 R）",
        bad: "action 联合处置 { owner 网信部 with 网信部, 法务部 consult 法务部 }",
        good: "action 联合处置 { owner 网信部 with 法务部 consult 业务部门 }",
    });
    pub const A0021: Code = Code::new(&CodeInfo {
        code: "A0021",
        severity: Severity::Warning,
        source: "planc 语言定义（必要时、如…则…）",
        bad: "action 召开新闻发布会 { owner 新闻发言人 optional }
action 会后舆情研判 { owner 网信部 after 召开新闻发布会 }",
        good: "action 召开新闻发布会 { owner 新闻发言人 optional }
action 会后舆情研判 { owner 网信部 optional after 召开新闻发布会 }",
    });
    pub const A0022: Code = Code::new(&CodeInfo {
        code: "A0022",
        severity: Severity::Error,
        source: "planc 语言定义（如…则…；否则…）",
        bad: "action 发布澄清声明 { if \"经总指挥签批同意\" unless \"经总指挥签批同意\" }",
        good: "action 发布澄清声明 { if \"经总指挥签批同意\" }
action 持续监测并上报 { unless \"经总指挥签批同意\" }",
    });
    pub const A0023: Code = Code::new(&CodeInfo {
        code: "A0023",
        severity: Severity::Warning,
        source: "GB/T 29639-2020 §5（预案体系与衔接）",
        bad: "plan \"…\" { }
action 启动新闻发布预案 { invoke \"《新闻发布应急预案》\" }",
        good: "plan \"…\" { related \"《新闻发布应急预案》\" }
action 启动新闻发布预案 { invoke \"《新闻发布应急预案》\" }",
    });
    pub const A0024: Code = Code::new(&CodeInfo {
        code: "A0024",
        severity: Severity::Warning,
        source: "国办发〔2016〕61号（及时回应）；GB/T 29639-2020 §6.3.4",
        bad: "on level 红色 { action 新闻发布会 { owner 宣传部 within 24h optional deliver press_conference } }",
        good: "on level 红色 {
  action 首次回应 { owner 宣传部 within 1h deliver statement }
  action 新闻发布会 { owner 宣传部 within 24h optional deliver press_conference }
}",
    });
    pub const A0025: Code = Code::new(&CodeInfo {
        code: "A0025",
        severity: Severity::Warning,
        source: "《企业安全生产应急管理九条规定》（应急处置卡“一岗一卡”）；GB/T 29639-2020 §6.2",
        bad: "on level 红色 {
  action 研判 { owner 值班主任 within 15m }
  action 报告 { owner 值班主任 within 20m }
  action 拟稿 { owner 值班主任 within 30m }
  action 联络 { owner 值班主任 within 40m }
  action 通报 { owner 值班主任 within 1h }
}",
        good: "on level 红色 {
  action 研判 { owner 值班主任 within 15m }
  action 报告 { owner 值班主任 within 20m }
  action 拟稿 { owner 宣传部 within 30m }
  action 联络 { owner 宣传部 within 40m }
  action 通报 { owner 宣传部 within 1h }
}",
    });
    pub const A0026: Code = Code::new(&CodeInfo {
        code: "A0026",
        severity: Severity::Warning,
        source: "《企业安全生产应急管理九条规定》（应急处置卡“一岗一卡”）；国办发〔2024〕5号 第十七条",
        bad: "unit 宣传部 { }
on detect {
  action 核实 { owner 宣传部 within 10m deliver report \"《舆情信息登记单》\" }
  action 研判 { owner 宣传部 within 20m after 核实 deliver assessment \"《研判意见》\" }
  # … twenty more first-hour tasks of 宣传部 …
}",
        good: "unit 宣传部 { }
unit 网信部 { }
on detect {
  action 核实 { owner 网信部 within 10m deliver report \"《舆情信息登记单》\" }
  action 研判 { owner 宣传部 within 20m after 核实 deliver assessment \"《研判意见》\" }
}",
    });
}

/// The codes of the family, in order.
pub const CODES: &[Code] = &[
    Code::A0001,
    Code::A0002,
    Code::A0003,
    Code::A0004,
    Code::A0005,
    Code::A0006,
    Code::A0007,
    Code::A0008,
    Code::A0009,
    Code::A0010,
    Code::A0011,
    Code::A0021,
    Code::A0022,
    Code::A0023,
    Code::A0024,
    Code::A0025,
    Code::A0026,
];

#[derive(Clone, Debug, PartialEq)]
pub enum ActionFinding {
    NoOwner {
        action: String,
    },
    ExternalOwner {
        action: String,
        owner: String,
    },
    SeveralApprovers {
        action: String,
        approvers: Vec<String>,
    },
    AfterCycle {
        chain: Vec<String>,
    },
    RepeatedWithoutCadence {
        action: String,
        word: String,
    },
    NoDeadline {
        action: String,
    },
    NoRelease {
        level: String,
    },
    SlowerAtHigherLevel {
        higher: String,
        lower: String,
        higher_minutes: u64,
        lower_minutes: u64,
    },
    NoPostIncident,
    NoDetectAction,
    /// A joint owner who is the lead, is named twice, or is only consulted as well.
    JointOwnerTwice {
        action: String,
        party: String,
    },
    /// An action waits (`after`) for one that may not be done: optional or conditional.
    WaitsOnUncertain {
        action: String,
        prerequisite: String,
        optional: bool,
    },
    /// `if` and `unless` with the same words on one action: it is never done.
    IfAndUnless {
        action: String,
        words: String,
    },
    /// Every information release of a level is optional or conditional.
    OnlyConditionalRelease {
        level: String,
    },
    /// An action invokes a plan the header does not list (`parent`, `related`).
    InvokesUnlisted {
        action: String,
        plan: String,
    },
    /// One post leads more first-hour work in one situation than it can do.
    FirstHourOverload {
        post: String,
        situation: String,
        count: usize,
        most: usize,
    },
    /// A post's response card does not fit its page.
    CardTooLong {
        post: String,
        /// The card's printed height, in per cent of its page.
        percent: usize,
    },
}

impl ActionFinding {
    pub fn code(&self) -> Code {
        use ActionFinding::*;
        match self {
            NoOwner { .. } => Code::A0001,
            ExternalOwner { .. } => Code::A0002,
            SeveralApprovers { .. } => Code::A0003,
            AfterCycle { .. } => Code::A0004,
            RepeatedWithoutCadence { .. } => Code::A0005,
            NoDeadline { .. } => Code::A0006,
            NoRelease { .. } => Code::A0007,
            SlowerAtHigherLevel { .. } => Code::A0008,
            NoPostIncident => Code::A0009,
            NoDetectAction => Code::A0010,
            JointOwnerTwice { .. } => Code::A0011,
            WaitsOnUncertain { .. } => Code::A0021,
            IfAndUnless { .. } => Code::A0022,
            InvokesUnlisted { .. } => Code::A0023,
            OnlyConditionalRelease { .. } => Code::A0024,
            FirstHourOverload { .. } => Code::A0025,
            CardTooLong { .. } => Code::A0026,
        }
    }
}

pub(super) fn words(f: &ActionFinding, w: &Words) -> Text {
    match f {
        ActionFinding::NoOwner { action } => say(w, "A0001", &[("name", action)]),
        ActionFinding::ExternalOwner { action, owner } => {
            say(w, "A0002", &[("action", action), ("owner", owner)])
        }
        ActionFinding::SeveralApprovers { action, approvers } => say(
            w,
            "A0003",
            &[("action", action), ("list", &names(w, approvers))],
        ),
        ActionFinding::AfterCycle { chain: c } => say(w, "A0004", &[("chain", &chain(c))]),
        ActionFinding::RepeatedWithoutCadence { action, word } => {
            say(w, "A0005", &[("name", action), ("word", word)])
        }
        ActionFinding::NoDeadline { action } => say(w, "A0006", &[("name", action)]),
        ActionFinding::NoRelease { level } => say(w, "A0007", &[("name", level)]),
        ActionFinding::SlowerAtHigherLevel {
            higher,
            lower,
            higher_minutes,
            lower_minutes,
        } => say(
            w,
            "A0008",
            &[
                ("higher", higher),
                ("lower", lower),
                ("higher_time", &plan_spelling(*higher_minutes)),
                ("lower_time", &plan_spelling(*lower_minutes)),
            ],
        ),
        ActionFinding::NoPostIncident => say(w, "A0009", &[]),
        ActionFinding::NoDetectAction => say(w, "A0010", &[]),
        ActionFinding::JointOwnerTwice { action, party } => {
            say(w, "A0011", &[("action", action), ("party", party)])
        }
        ActionFinding::WaitsOnUncertain {
            action,
            prerequisite,
            optional,
        } => {
            let args = [("action", action.as_str()), ("prerequisite", prerequisite)];
            let why = if *optional { "optional" } else { "conditional" };
            say(w, "A0021", &args).label(w, &format!("A0021.label_{why}"), &args)
        }
        ActionFinding::IfAndUnless { action, words } => {
            say(w, "A0022", &[("action", action), ("words", words)])
        }
        ActionFinding::OnlyConditionalRelease { level } => say(w, "A0024", &[("name", level)]),
        ActionFinding::FirstHourOverload {
            post,
            situation,
            count,
            most,
        } => say(
            w,
            "A0025",
            &[
                ("name", post),
                ("situation", situation),
                ("count", &count.to_string()),
                ("most", &most.to_string()),
            ],
        ),
        ActionFinding::CardTooLong { post, percent } => say(
            w,
            "A0026",
            &[("name", post), ("percent", &percent.to_string())],
        ),
        ActionFinding::InvokesUnlisted { action, plan } => {
            say(w, "A0023", &[("action", action), ("plan", plan)])
        }
    }
}
