//! The wording of the drill: causes, corrective actions, timeline entries, times.
//! Documents (reports, packs) hold their own wording in `templates/drill/`.

use super::model::{DrillModel, PartyKind};
use super::score::poete;
use super::sim::{Cause, MarkKind, Target, What};
use crate::diagnostic::Lang;
use crate::model::vocab::{self, CAPABILITIES};
use crate::source::Span;

/// A duration in minutes, in words: `45分钟`, `2小时5分` / `45 min`, `2 h 5 min`.
pub fn minutes(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return match lang {
            Lang::Zh => "未完成".into(),
            Lang::En => "never".into(),
        };
    }
    let m = x.max(0.0).round() as u64;
    let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
    match lang {
        Lang::Zh => match (d, h, mm) {
            (0, 0, m) => format!("{m}分钟"),
            (0, h, 0) => format!("{h}小时"),
            (0, h, m) => format!("{h}小时{m}分"),
            (d, 0, _) => format!("{d}天"),
            (d, h, _) => format!("{d}天{h}小时"),
        },
        Lang::En => match (d, h, mm) {
            (0, 0, m) => format!("{m} min"),
            (0, h, 0) => format!("{h} h"),
            (0, h, m) => format!("{h} h {m} min"),
            (d, 0, _) => format!("{d} d"),
            (d, h, _) => format!("{d} d {h} h"),
        },
    }
}

/// A clock time since the first post: `T+2:05` (or `T+1d 3:10`).
pub fn clock(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let m = x.max(0.0).round() as u64;
    let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
    if d > 0 {
        format!("T+{d}d {h}:{mm:02}")
    } else {
        format!("T+{h}:{mm:02}")
    }
}

/// A day of the week and a time of day, from a minute of the week.
pub fn weekday_time(minute_of_week: u32, lang: Lang) -> String {
    let d = (minute_of_week / 1440) as usize % 7;
    let m = minute_of_week % 1440;
    let days_zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let days_en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = match lang {
        Lang::Zh => days_zh[d],
        Lang::En => days_en[d],
    };
    format!("{day} {:02}:{:02}", m / 60, m % 60)
}

pub fn people(x: f64, lang: Lang) -> String {
    let n = x.max(0.0).round();
    match lang {
        Lang::Zh if n >= 1e8 => format!("{:.2}亿", n / 1e8),
        Lang::Zh if n >= 1e4 => format!("{:.1}万", n / 1e4),
        _ => format!("{}", n as u64),
    }
}

/// A capability as a reader sees it. The plan's own keyword (`public_information`)
/// is an identifier, not English prose.
pub fn capability(i: usize, lang: Lang) -> &'static str {
    const EN: [&str; 6] = [
        "monitoring and early warning",
        "assessment and grading",
        "information reporting",
        "command and coordination",
        "public information",
        "recovery",
    ];
    match lang {
        Lang::Zh => CAPABILITIES[i % 6].0,
        Lang::En => EN[i % 6],
    }
}

pub fn media_tier(t: u8, lang: Lang) -> &'static str {
    let zh = ["无", "地方媒体", "省级媒体", "全国性媒体", "境外媒体"];
    match lang {
        Lang::Zh => zh[(t as usize).min(4)],
        Lang::En => vocab::MEDIA_TIERS[(t as usize).min(4)],
    }
}

fn party(m: &DrillModel, p: u16) -> &str {
    m.parties.get(p as usize).map_or("?", |x| x.name.as_str())
}

/// The name of what a target points at.
pub fn target_name(m: &DrillModel, t: Target, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match t {
        Target::Plan => if zh {
            "预案总体"
        } else {
            "the plan as a whole"
        }
        .into(),
        Target::Platform => if zh {
            "舆情监测平台"
        } else {
            "the monitoring platform"
        }
        .into(),
        Target::Party(p) => party(m, p).into(),
        Target::Backup(p) => {
            if zh {
                format!("{} 的AB角", party(m, p))
            } else {
                format!("backup of {}", party(m, p))
            }
        }
        Target::Action(a)
        | Target::Within(a)
        | Target::Approve(a)
        | Target::Consult(a)
        | Target::After(a) => m.actions[a as usize].name.clone(),
        Target::Channel(c) | Target::Hours(c) => m.channels[c as usize].name.clone(),
        Target::Level(l) => m.levels[l as usize].name.clone(),
        Target::Line(i) => {
            let l = &m.lines[i as usize];
            format!("{} → {}", party(m, l.from), party(m, l.to))
        }
    }
}

/// The span of the plan a target points at.
pub fn span(m: &DrillModel, t: Target) -> Span {
    match t {
        Target::Plan => m.plan_span,
        Target::Platform => m.platform_span.unwrap_or(m.plan_span),
        Target::Party(p) => m.parties[p as usize].span,
        Target::Backup(p) => m.parties[p as usize].backup_span,
        Target::Action(a) => m.actions[a as usize].span,
        Target::Within(a) => m.actions[a as usize].within_span,
        Target::Approve(a) => m.actions[a as usize].approve_span,
        Target::Consult(a) => m.actions[a as usize].consult_span,
        Target::After(a) => m.actions[a as usize].after_span,
        Target::Channel(c) => m.channels[c as usize].span,
        Target::Hours(c) => m.channels[c as usize].hours_span,
        Target::Level(l) => m.levels[l as usize].span,
        Target::Line(i) => m.lines[i as usize].span,
    }
}

/// What an expectation is, in words.
pub fn what(m: &DrillModel, w: What, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match w {
        What::Detect => if zh {
            "监测发现舆情"
        } else {
            "detect the incident"
        }
        .into(),
        What::Declare(l) => {
            let n = &m.levels[l as usize].name;
            if zh {
                format!("研判并宣布 {n}")
            } else {
                format!("assess and declare {n}")
            }
        }
        What::NoAction(l) => {
            let n = &m.levels[l as usize].name;
            if zh {
                format!("启动 {n} 响应措施")
            } else {
                format!("start the {n} response")
            }
        }
        What::Action(a) => m.actions[a as usize].name.clone(),
        What::Report(i) => {
            let l = &m.lines[i as usize];
            if zh {
                format!("{} 向 {} 报告", party(m, l.from), party(m, l.to))
            } else {
                format!("{} reports to {}", party(m, l.from), party(m, l.to))
            }
        }
    }
}

/// The kind of an expectation, as a stable word.
pub fn what_kind(w: What) -> &'static str {
    match w {
        What::Detect => "detect",
        What::Declare(_) => "declare",
        What::NoAction(_) => "level_response",
        What::Action(_) => "action",
        What::Report(_) => "report",
    }
}

/// The cause of a finding, in words.
pub fn cause(m: &DrillModel, c: Cause, t: Target, took: f64, lang: Lang) -> String {
    let n = target_name(m, t, lang);
    let d = minutes(took, lang);
    let zh = lang == Lang::Zh;
    let person = match t {
        Target::Backup(p) | Target::Party(p) => party(m, p).to_string(),
        _ => n.clone(),
    };
    match c {
        Cause::None => if zh {
            "未查明原因"
        } else {
            "no single cause"
        }
        .into(),
        Cause::ReachNight => {
            if zh {
                format!("夜间联系 {person} 用时 {d}")
            } else {
                format!("reaching {person} at night took {d}")
            }
        }
        Cause::ReachOffHours => {
            if zh {
                format!("非工作时间联系 {person} 用时 {d}")
            } else {
                format!("reaching {person} out of hours took {d}")
            }
        }
        Cause::ReachSlow => {
            if zh {
                format!("联系 {person} 用时 {d}")
            } else {
                format!("reaching {person} took {d}")
            }
        }
        Cause::NoBackup if !took.is_finite() => {
            if zh {
                format!("{person} 无法联系且未设AB角，工作无人承担")
            } else {
                format!("{person} was unavailable and has no backup; nobody did the work")
            }
        }
        Cause::ApproverNoBackup if !took.is_finite() => {
            if zh {
                format!("审批人 {person} 无法联系且未设AB角，无人审批")
            } else {
                format!("the approver {person} was unavailable with no backup; nobody approved")
            }
        }
        Cause::NoBackup => {
            if zh {
                format!("{person} 无法联系且未设AB角，工作等待 {d}")
            } else {
                format!("{person} was unavailable and has no backup; the work waited {d}")
            }
        }
        Cause::Handover => {
            if zh {
                format!("{person} 无法联系，AB角交接用时 {d}")
            } else {
                format!("{person} was unavailable; the hand-over to the backup took {d}")
            }
        }
        Cause::Approval => {
            if zh {
                format!("“{n}”等待审批 {d}")
            } else {
                format!("“{n}” waited {d} for approval")
            }
        }
        Cause::ApproverNoBackup => {
            if zh {
                format!("审批人 {person} 无法联系且未设AB角，审批等待 {d}")
            } else {
                format!("the approver {person} was unavailable with no backup; approval waited {d}")
            }
        }
        Cause::Consult => {
            if zh {
                format!("“{n}”会商用时 {d}")
            } else {
                format!("consulting on “{n}” took {d}")
            }
        }
        Cause::Work => {
            if zh {
                format!("“{n}”本身需要 {d}，时限过紧")
            } else {
                format!("“{n}” itself takes {d}; the time limit is too tight")
            }
        }
        Cause::Dependency => {
            if zh {
                format!("“{n}”等待前置行动 {d}")
            } else {
                format!("“{n}” waited {d} for the action it comes after")
            }
        }
        Cause::NoOwner => {
            if zh {
                format!("“{n}”没有负责方")
            } else {
                format!("“{n}” has no owner")
            }
        }
        Cause::NotWatched => {
            if zh {
                format!("舆情首发渠道无人监测（{n}），靠外部来电才发现")
            } else {
                format!(
                    "the channel where it appeared is not watched ({n}); found only through a call"
                )
            }
        }
        Cause::OffHours => {
            if zh {
                format!("发生在 {n} 的监测时段之外，发现用时 {d}")
            } else {
                format!("it began outside the hours {n} is watched; detection took {d}")
            }
        }
        Cause::NoRoster => {
            if zh {
                format!("{n} 声称全天监测但夜间和节假日无值班表支撑，发现用时 {d}")
            } else {
                format!(
                    "{n} claims round-the-clock watch with no roster behind it; detection took {d}"
                )
            }
        }
        Cause::Outage => {
            if zh {
                format!("监测平台中断，发现用时 {d}")
            } else {
                format!("the monitoring platform was down; detection took {d}")
            }
        }
        Cause::SlowDetect => {
            if zh {
                format!("{n} 监测发现用时 {d}")
            } else {
                format!("detection on {n} took {d}")
            }
        }
        Cause::NoAssessment => {
            if zh {
                "预案没有研判定级行动，级别无法宣布".into()
            } else {
                "the plan has no assessment action, so no level can be declared".into()
            }
        }
        Cause::ReassessLate => {
            if zh {
                format!("态势升级后未及时重新研判（“{n}”），延误 {d}")
            } else {
                format!("no timely re-assessment after the situation escalated (“{n}”), {d} late")
            }
        }
        Cause::LevelNoActions => {
            if zh {
                format!("{n} 级别没有任何处置措施")
            } else {
                format!("level {n} has no actions at all")
            }
        }
        Cause::Horizon => {
            if zh {
                format!("“{n}”在演练时限内未完成")
            } else {
                format!("“{n}” was not done within the drill")
            }
        }
    }
}

/// The corrective action a finding calls for.
pub fn corrective(m: &DrillModel, c: Cause, t: Target, lang: Lang) -> String {
    let n = target_name(m, t, lang);
    let zh = lang == Lang::Zh;
    let person = match t {
        Target::Backup(p) | Target::Party(p) => party(m, p).to_string(),
        _ => n.clone(),
    };
    let s: (String, String) = match c {
        Cause::None | Cause::Horizon => (
            format!("复核“{n}”的职责分工和时限"),
            format!("review who does “{n}” and its time limit"),
        ),
        Cause::ReachNight | Cause::ReachOffHours | Cause::ReachSlow => (
            format!("为 {person} 建立24小时联络方式和值班安排，明确非工作时间的联络流程"),
            format!("give {person} a round-the-clock contact and duty arrangement for out-of-hours calls"),
        ),
        Cause::NoBackup => (
            format!("为 {person} 指定AB角（backup），并明确授权范围"),
            format!("name a backup for {person} and state what it may decide"),
        ),
        Cause::Handover => (
            format!("明确 {person} 与AB角的交接程序，提前共享情况"),
            format!("set out the hand-over between {person} and its backup; share the situation early"),
        ),
        Cause::Approval | Cause::ApproverNoBackup => (
            format!("为“{n}”设定审批时限或授权AB角审批，预先审定口径模板"),
            format!("give the approval of “{n}” a time limit or delegate it; pre-approve statement templates"),
        ),
        Cause::Consult => (
            format!("将“{n}”的会商改为同步进行，预先确定会商对象的联络人"),
            format!("consult on “{n}” in parallel with fixed contacts"),
        ),
        Cause::Work => (
            format!("为“{n}”准备模板和素材以缩短用时，或调整为可实现的时限"),
            format!("prepare templates for “{n}” to shorten it, or set an achievable time limit"),
        ),
        Cause::Dependency => (
            format!("理顺“{n}”的前置关系，能并行的不串行"),
            format!("rework what “{n}” waits for; run in parallel what can be"),
        ),
        Cause::NoOwner => (
            format!("为“{n}”明确负责方（owner）"),
            format!("give “{n}” an owner"),
        ),
        Cause::NotWatched => (
            "将舆情高发渠道纳入监测范围并指定值守部门".into(),
            "watch the channels where incidents appear and name who watches them".into(),
        ),
        Cause::OffHours => (
            format!("延长 {n} 的监测时段或增设夜间、节假日值班"),
            format!("extend the hours of {n} or add night and holiday duty"),
        ),
        Cause::NoRoster => (
            format!("为 {n} 建立覆盖夜间和节假日的值班表（roster）"),
            format!("back {n} with a roster covering nights and holidays"),
        ),
        Cause::Outage => (
            "为舆情监测平台建立备用手段（人工巡查、备用系统）和故障报告机制".into(),
            "give the monitoring platform a fallback (manual sweeps, a second system) and outage alerts".into(),
        ),
        Cause::SlowDetect => (
            format!("加强 {n} 的监测频次和关键词预警"),
            format!("sweep {n} more often with keyword alerts"),
        ),
        Cause::NoAssessment => (
            "增加发现舆情后的研判定级行动（on detect），明确时限".into(),
            "add an assessment action on detect with a time limit".into(),
        ),
        Cause::ReassessLate => (
            format!("为“{n}”增加滚动研判频次（every），态势变化即重新定级"),
            format!("repeat “{n}” on a cadence (every) and on every change of the situation"),
        ),
        Cause::LevelNoActions => (
            format!("为 {n} 级别补充处置措施（on level {n}）"),
            format!("add actions for level {n} (on level {n})"),
        ),
    };
    if zh { s.0 } else { s.1 }
}

/// Who should own an improvement item.
pub fn improvement_owner(m: &DrillModel, c: Cause, t: Target) -> String {
    let owner_of_action = |a: u16| {
        m.actions[a as usize]
            .owner
            .map(|p| m.parties[p as usize].name.clone())
    };
    let r = match t {
        Target::Party(p) | Target::Backup(p) => {
            // A person's backup is decided by the body that appoints it.
            if matches!(c, Cause::NoBackup | Cause::ApproverNoBackup)
                && m.parties[p as usize].kind == PartyKind::Role
            {
                None
            } else {
                Some(m.parties[p as usize].name.clone())
            }
        }
        Target::Action(a)
        | Target::Within(a)
        | Target::Approve(a)
        | Target::Consult(a)
        | Target::After(a) => owner_of_action(a),
        _ => None,
    };
    r.unwrap_or_else(|| {
        if m.maintainer.is_empty() {
            m.parties.first().map_or(String::new(), |p| p.name.clone())
        } else {
            m.maintainer.clone()
        }
    })
}

/// Days until an improvement item is due.
pub fn due_days(m: &DrillModel, c: Cause) -> u32 {
    m.params.due_days[poete(c) as usize]
}

pub fn due(m: &DrillModel, c: Cause, lang: Lang) -> String {
    let d = due_days(m, c);
    match lang {
        Lang::Zh => format!("演练后{d}日内"),
        Lang::En => format!("within {d} days of the drill"),
    }
}

/// A timeline entry in words.
pub fn mark(m: &DrillModel, scenario: usize, k: MarkKind, lang: Lang) -> (String, &'static str) {
    let zh = lang == Lang::Zh;
    let sc = &m.scenarios[scenario];
    match k {
        MarkKind::FirstPost => (
            if zh {
                format!("首条帖文发布：{}", sc.title_or_name())
            } else {
                format!("first post: {}", sc.title_or_name())
            },
            "first_post",
        ),
        MarkKind::Inject(i) => {
            let inj = &sc.injects[i as usize];
            (
                if zh {
                    format!("注入：{}", inj.name)
                } else {
                    format!("inject: {}", inj.name)
                },
                "inject",
            )
        }
        MarkKind::Detect(c) => (
            match (c, zh) {
                (Some(c), true) => format!("监测发现（{}）", m.channels[c as usize].name),
                (Some(c), false) => format!("detected on {}", m.channels[c as usize].name),
                (None, true) => "接外部来电后发现".into(),
                (None, false) => "detected through an outside call".into(),
            },
            "detect",
        ),
        MarkKind::TrueLevel(l) => (
            match (l, zh) {
                (-1, true) => "态势回落至级别以下".into(),
                (-1, false) => "the situation fell below every level".into(),
                (l, true) => format!("态势达到 {} 标准", m.levels[l as usize].name),
                (l, false) => format!("the situation meets {}", m.levels[l as usize].name),
            },
            "situation",
        ),
        MarkKind::Declare(l) => (
            match (l, zh) {
                (-1, true) => "宣布降至级别以下".into(),
                (-1, false) => "declared below every level".into(),
                (l, true) => format!("宣布 {}", m.levels[l as usize].name),
                (l, false) => format!("declared {}", m.levels[l as usize].name),
            },
            "declare",
        ),
        MarkKind::Statement(a) => (
            if zh {
                format!("首次公开回应：{}", m.actions[a as usize].name)
            } else {
                format!("first public statement: {}", m.actions[a as usize].name)
            },
            "statement",
        ),
        MarkKind::MediaUp(t) => (
            if zh {
                format!("媒体关注升至{}", media_tier(t, lang))
            } else {
                format!("media attention rises to {}", media_tier(t, lang))
            },
            "media",
        ),
        MarkKind::HotSearch => (
            if zh { "登上热搜" } else { "trending" }.into(),
            "hot_search",
        ),
        MarkKind::Official => (
            if zh {
                "引起主管部门关注"
            } else {
                "a regulator takes notice"
            }
            .into(),
            "official_attention",
        ),
        MarkKind::StandDown => (
            if zh { "解除响应" } else { "stand-down" }.into(),
            "stand_down",
        ),
        MarkKind::Unavailable(p, d) => (
            if zh {
                format!("{} 无法联系（{}）", party(m, p), minutes(d, lang))
            } else {
                format!("{} unreachable ({})", party(m, p), minutes(d, lang))
            },
            "unavailable",
        ),
        MarkKind::Outage(d) => (
            if zh {
                format!("监测中断（{}）", minutes(d, lang))
            } else {
                format!("monitoring down ({})", minutes(d, lang))
            },
            "outage",
        ),
        MarkKind::End => (
            if zh {
                "演练结束"
            } else {
                "end of the drill"
            }
            .into(),
            "end",
        ),
    }
}

/// The inject kind in words (for the MSEL).
pub fn inject_kind(kind: &str, lang: Lang) -> String {
    match super::params::INJECT_KINDS.iter().find(|k| k.0 == kind) {
        Some(k) => match lang {
            Lang::Zh => k.1.into(),
            Lang::En => k.2.into(),
        },
        None => kind.into(),
    }
}

impl super::model::ScenarioM {
    pub fn title_or_name(&self) -> &str {
        if self.title.is_empty() {
            &self.name
        } else {
            &self.title
        }
    }
}
