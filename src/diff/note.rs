//! The words of `planc diff`: one sentence per change, the terminal view and the
//! revision note (修订说明), in Chinese and English. All of the diff's wording is here.

use super::{Category, Change, Field, Kind, Section, Value};
use crate::diagnostic::Lang;
use crate::model::{Chapter, Days, DurUnit, Duration, Period, Plan, Trigger};

/// What the two versions are called in the output.
pub struct Versions<'a> {
    pub old_name: &'a str,
    pub new_name: &'a str,
    pub old: &'a Plan,
    pub new: &'a Plan,
}

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// The heading of a section of the document.
pub fn section_title(s: Section, lang: Lang) -> &'static str {
    let (z, e) = match s {
        Section::Cover => ("封面", "Cover"),
        Section::Chapter(c) => match c {
            Chapter::General => ("一、总则", "1 General provisions"),
            Chapter::Organization => ("二、组织体系及职责", "2 Organization and duties"),
            Chapter::Monitoring => ("三、监测与预警", "3 Monitoring and early warning"),
            Chapter::Response => ("四、应急响应", "4 Emergency response"),
            Chapter::PostIncident => ("五、后期处置", "5 Post-incident"),
            Chapter::Safeguards => ("六、保障措施", "6 Safeguards"),
            Chapter::Training => ("七、培训与演练", "7 Training and drills"),
            Chapter::Supplementary => ("八、附则", "8 Supplementary provisions"),
            Chapter::Annex => ("附件", "Annexes"),
        },
        Section::Scenarios => ("演练情景库", "Drill scenarios"),
        Section::Lints => (
            "检查设置（不进入正式文本）",
            "Checker settings (not part of the document)",
        ),
    };
    if zh(lang) { z } else { e }
}

/// The name of a category of major change.
pub fn category_name(c: Category, lang: Lang) -> &'static str {
    let (z, e) = match c {
        Category::Command => ("组织指挥体系与职责", "command structure and duties"),
        Category::Procedure => ("应急处置程序", "response procedure"),
        Category::Measures => ("主要处置措施", "main measures"),
        Category::Levels => ("应急响应分级", "response levels"),
    };
    if zh(lang) { z } else { e }
}

/// What an item kind is called.
fn kind_label(item: &str, lang: Lang) -> &'static str {
    let (z, e) = match item {
        "plan" => ("预案", "the plan"),
        "purpose" => ("编制目的", "the purpose"),
        "scope" => ("适用范围", "the scope"),
        "principle" => ("工作原则", "principle"),
        "text" => ("正文", "text"),
        "body" => ("指挥机构", "command body"),
        "role" => ("岗位", "role"),
        "unit" => ("部门", "unit"),
        "external" => ("外部单位", "external party"),
        "channel" => ("监测渠道", "channel"),
        "roster" => ("值班表", "roster"),
        "level" => ("预警级别", "level"),
        "action" => ("处置行动", "action"),
        "resource" => ("保障资源", "resource"),
        "drill" => ("演练", "drill"),
        "training" => ("培训", "training"),
        "template" => ("格式化文本", "template"),
        "annex" => ("附件", "annex"),
        "lint" => ("检查例外", "checker exception"),
        "scenario" => ("演练情景", "scenario"),
        _ => ("条目", "item"),
    };
    if zh(lang) { z } else { e }
}

/// What a field is called (for `item`).
pub(super) fn field_label(item: &str, key: &str, lang: Lang) -> String {
    let (z, e) = match (item, key) {
        ("plan", "title") => ("标题", "title"),
        (_, "title") => ("全称", "full name"),
        (_, "text") | (_, "") => ("", ""),
        (_, "org") => ("编制单位", "issuing organization"),
        (_, "number") => ("文号", "document number"),
        (_, "version") => ("版本号", "version"),
        (_, "issued") => ("印发日期", "issue date"),
        (_, "filed") => ("备案日期", "filing date"),
        (_, "filed with") => ("备案机关", "filing authority"),
        (_, "reviewed") => ("评估日期", "evaluation date"),
        (_, "approver") => ("签发人", "approver"),
        (_, "maintainer") => ("维护单位", "maintaining unit"),
        (_, "review every") => ("评估修订周期", "review cadence"),
        (_, "drill every") => ("演练周期", "drill cadence"),
        (_, "basis") => ("编制依据", "legal basis"),
        (_, "parent") => ("上位预案", "parent plan"),
        (_, "related") => ("衔接预案", "related plans"),
        (_, "chapter") => ("所在章节", "chapter"),
        (_, "lead") => ("总指挥", "lead"),
        (_, "deputy") => ("副总指挥", "deputies"),
        (_, "office") => ("办事机构", "office"),
        (_, "members") => ("成员单位", "members"),
        (_, "holder") => ("担任人", "holder"),
        (_, "backup") => ("AB角", "backup"),
        (_, "contact") => ("联系方式", "contact"),
        (_, "head") => ("负责人", "head"),
        ("roster", "unit") => ("值班部门", "staffing unit"),
        (_, "kind") => ("类型", "kind"),
        (_, "watched_by") => ("监测部门", "watched by"),
        (_, "hours") => ("监测时段", "hours"),
        (_, "roster") => ("值班表", "roster"),
        (_, "rank") => ("排序", "rank"),
        (_, "color") => ("颜色", "colour"),
        (_, "response") => ("响应级别", "response level"),
        (_, "criteria") => ("分级标准", "criteria"),
        (_, "when") => ("量化标准", "measurable criteria"),
        (_, "declared_by") => ("宣布人", "declared by"),
        (_, "upgrade_to") => ("升级至", "upgrades to"),
        (_, "downgrade_to") => ("降级至", "downgrades to"),
        (_, "stand_down") => ("解除条件", "stand-down condition"),
        (_, "stand_down if") => ("量化解除条件", "measurable stand-down condition"),
        (_, "stand_down for") => ("解除前持续时间", "stand-down hold time"),
        (_, "on") => ("启动条件", "trigger"),
        (_, "owner") => ("责任单位", "owner"),
        (_, "approve") => ("审批人", "approver"),
        (_, "consult") => ("会商单位", "consulted"),
        (_, "inform") => ("知会对象", "informed"),
        (_, "within") => ("时限", "deadline"),
        ("action", "every") => ("续报周期", "cadence"),
        ("action", "every_for") => ("重复持续时间", "how long it repeats"),
        (_, "every") => ("频次", "cadence"),
        (_, "after") => ("前置行动", "prerequisites"),
        (_, "deliver") => ("交付成果", "deliverable"),
        (_, "capability") => ("能力类别", "capability"),
        (_, "effort") => ("预计用时", "effort"),
        ("action", "detail") => ("工作内容", "detail"),
        (_, "detail") => ("说明", "detail"),
        (_, "scenarios") => ("使用情景", "scenarios"),
        (_, "level") => ("处理方式", "level"),
        (_, "reason") => ("理由", "reason"),
        (_, "weight") => ("权重", "weight"),
        (_, "appears_on") => ("首发渠道类型", "appears on"),
        (_, "at") => ("发生时间", "time"),
        (_, "chance") => ("发生概率", "chance"),
        (_, "after_statement") => ("声明后发生时间", "time after the statement"),
        (_, "from") => ("来源", "from"),
        (_, "effects") => ("效果", "effects"),
        (_, "via") => ("方式", "means"),
        _ => return key.to_string(),
    };
    (if zh(lang) { z } else { e }).to_string()
}

/// How a repeated part is named: `向上级主管部门报告`, `职责“监测”`.
fn sub_phrase(list: &str, key: Option<&str>, lang: Lang) -> String {
    let k = key.unwrap_or("");
    let q = quote(k, lang);
    match (list, zh(lang)) {
        ("reports_to", true) => format!("向{k}报告"),
        ("reports_to", false) => format!("reporting to {k}"),
        ("duty", true) if key.is_some() => format!("职责{q}"),
        ("duty", false) if key.is_some() => format!("duty {q}"),
        ("duty", true) => "职责".into(),
        ("duty", false) => "a duty".into(),
        ("shift", true) => format!("班次{q}"),
        ("shift", false) => format!("shift {q}"),
        ("inject", true) => format!("注入事件{q}"),
        ("inject", false) => format!("inject {q}"),
        ("start", true) => format!("初始参数 {k}"),
        ("start", false) => format!("start parameter {k}"),
        ("spread", true) => format!("传播参数 {k}"),
        ("spread", false) => format!("spread parameter {k}"),
        ("onset", true) => format!("发生时段 {k}"),
        ("onset", false) => format!("onset {k}"),
        (l, _) => format!("{l} {k}"),
    }
}

/// A name in quotation marks: “首次回应”.
fn quote(name: &str, _lang: Lang) -> String {
    format!("“{name}”")
}

fn duration(d: Duration, lang: Lang) -> String {
    let n = d.count;
    if zh(lang) {
        let u = match d.unit {
            DurUnit::Minute => "分钟",
            DurUnit::Hour => "小时",
            DurUnit::Day => "天",
            DurUnit::Week => "周",
            DurUnit::Month => "个月",
            DurUnit::Year => "年",
        };
        format!("{n}{u}")
    } else {
        let u = match d.unit {
            DurUnit::Minute => "min",
            DurUnit::Hour => "h",
            DurUnit::Day if n == 1 => "day",
            DurUnit::Day => "days",
            DurUnit::Week if n == 1 => "week",
            DurUnit::Week => "weeks",
            DurUnit::Month if n == 1 => "month",
            DurUnit::Month => "months",
            DurUnit::Year if n == 1 => "year",
            DurUnit::Year => "years",
        };
        format!("{n} {u}")
    }
}

fn period(p: &Period, lang: Lang) -> String {
    if p.always {
        return if zh(lang) {
            "全天24小时".into()
        } else {
            "24x7".into()
        };
    }
    let days = if zh(lang) {
        match p.days {
            Days::Daily => "每天",
            Days::Workdays => "工作日",
            Days::Weekends => "周末",
            Days::Holidays => "节假日",
        }
    } else {
        p.days.keyword()
    };
    let s = p.to_string();
    let times = s.split_once(' ').map(|(_, t)| t).unwrap_or("");
    format!("{days} {times}")
}

fn list_sep(lang: Lang) -> &'static str {
    if zh(lang) { "、" } else { ", " }
}

/// A value in words.
fn value(item: &str, v: &Value, lang: Lang) -> String {
    match v {
        Value::Text(t) => {
            // One line: a line break of the text shows as a slash.
            let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if zh(lang) {
                format!("「{}」", lines.join("／"))
            } else {
                format!("“{}”", lines.join(" / "))
            }
        }
        Value::Word(w) => w.clone(),
        Value::List(l) => l.join(list_sep(lang)),
        Value::Duration(d) => duration(*d, lang),
        Value::Trigger(t) => trigger_phrase(t, lang),
        Value::Chapter(c) => section_title(Section::Chapter(*c), lang).to_string(),
        Value::Deliver(k, None) => k.clone(),
        Value::Deliver(k, Some(t)) => {
            if zh(lang) {
                format!("{k}「{t}」")
            } else {
                format!("{k} “{t}”")
            }
        }
        Value::Hours(h) => h
            .iter()
            .map(|p| period(p, lang))
            .collect::<Vec<_>>()
            .join(list_sep(lang)),
        Value::Fields(f) => f
            .iter()
            .map(|(k, v)| {
                if Value::is_part(k) {
                    return part(item, k, v, lang);
                }
                let label = field_label(item, k, lang);
                let v = value(item, v, lang);
                match (label.is_empty(), zh(lang)) {
                    (true, _) => v,
                    (false, true) => format!("{label}：{v}"),
                    (false, false) => format!("{label}: {v}"),
                }
            })
            .collect::<Vec<_>>()
            .join(if zh(lang) { "；" } else { "; " }),
    }
}

/// A repeated part inside a summary: 向宣传部报告（时限：2小时）, 职责：「技术」.
fn part(item: &str, list: &str, v: &Value, lang: Lang) -> String {
    let z = zh(lang);
    match v {
        Value::Fields(f) => {
            let (key, rest): (Option<String>, Vec<(&'static str, Value)>) = match f.split_first() {
                Some((("", Value::Word(k)), rest)) => (Some(k.clone()), rest.to_vec()),
                _ => (None, f.clone()),
            };
            let phrase = sub_phrase(list, key.as_deref(), lang);
            phrase + &summary(item, &Value::Fields(rest), lang)
        }
        other => {
            let phrase = sub_phrase(list, None, lang);
            let v = value(item, other, lang);
            if z {
                format!("{phrase}{v}")
            } else {
                format!("{phrase} {v}")
            }
        }
    }
}

/// When an action starts, in words: 橙色、红色预警 / at level 橙色, 红色.
fn trigger_phrase(t: &Trigger, lang: Lang) -> String {
    match (t, zh(lang)) {
        (Trigger::Detect, true) => "发现舆情后".into(),
        (Trigger::Detect, false) => "on detection".into(),
        (Trigger::Level(ls), true) => {
            let names: Vec<&str> = ls.iter().map(|l| l.value.as_str()).collect();
            let s = names.join("、");
            if s.ends_with("预警") {
                s
            } else {
                format!("{s}预警")
            }
        }
        (Trigger::Level(ls), false) => {
            let names: Vec<&str> = ls.iter().map(|l| l.value.as_str()).collect();
            format!("at level {}", names.join(", "))
        }
        (Trigger::Upgrade, true) => "级别升级时".into(),
        (Trigger::Upgrade, false) => "on upgrade".into(),
        (Trigger::Downgrade, true) => "级别降级时".into(),
        (Trigger::Downgrade, false) => "on downgrade".into(),
        (Trigger::StandDown, true) => "响应终止后".into(),
        (Trigger::StandDown, false) => "after stand-down".into(),
        (Trigger::Event(e), true) => format!("“{}”事件中", e.value),
        (Trigger::Event(e), false) => format!("on event “{}”", e.value),
    }
}

/// The item a sentence is about: 橙色预警“首次回应”, 部门“宣传部”, 编制目的.
fn subject(c: &Change, lang: Lang) -> String {
    let q = quote(&c.name, lang);
    match (c.item, zh(lang)) {
        ("plan" | "purpose" | "scope", _) => kind_label(c.item, lang).to_string(),
        ("action", true) => match &c.trigger {
            Some(t) => format!("{}{q}", trigger_phrase(t, lang)),
            None => format!("处置行动{q}"),
        },
        ("action", false) => match &c.trigger {
            Some(t) => format!("action {q} {}", trigger_phrase(t, lang)),
            None => format!("action {q}"),
        },
        ("level", true) => {
            if c.name.ends_with("预警") {
                c.name.clone()
            } else {
                format!("{}预警", c.name)
            }
        }
        ("level", false) => format!("level {}", c.name),
        ("text", true) => format!("{q}一节"),
        ("text", false) => format!("section {q}"),
        ("lint", _) => format!("{} {}", kind_label(c.item, lang), c.name),
        (item, true) => format!("{}{q}", kind_label(item, lang)),
        (item, false) => format!("{} {q}", kind_label(item, lang)),
    }
}

/// One change in one sentence, without its section and without a final stop.
pub fn sentence(c: &Change, lang: Lang) -> String {
    let s = subject(c, lang);
    let z = zh(lang);
    let item = c.item;
    match (&c.kind, &c.field) {
        (Kind::Renamed, _) => {
            let new = c.new.as_ref().map(Value::plain).unwrap_or_default();
            if z {
                format!("{s}更名为{}", quote(&new, lang))
            } else {
                format!("{s} is renamed {}", quote(&new, lang))
            }
        }
        (Kind::Added | Kind::Removed, None) => {
            let added = c.kind == Kind::Added;
            let detail = match (&c.new, added) {
                (Some(v), true) => summary(item, v, lang),
                _ => String::new(),
            };
            let verb = match (added, z) {
                (true, true) => "新增",
                (false, true) => "删除",
                (true, false) => "adds",
                (false, false) => "removes",
            };
            match (item, &c.trigger, z) {
                // 橙色预警新增处置行动“证据固定”
                ("action", Some(t), true) => format!(
                    "{}{verb}{}{}{detail}",
                    trigger_phrase(t, lang),
                    kind_label(item, lang),
                    quote(&c.name, lang)
                ),
                ("level", _, true) => {
                    format!(
                        "{verb}{}{}{detail}",
                        kind_label(item, lang),
                        quote(&c.name, lang)
                    )
                }
                (_, _, true) => format!("{verb}{s}{detail}"),
                (_, _, false) => format!("{verb} {s}{detail}"),
            }
        }
        (kind, Some(f)) => field_sentence(c, *kind, f, &s, lang),
        (Kind::Changed, None) => s,
    }
}

/// `（责任单位：宣传部；时限：1小时）` or `：「text」`: what an added part holds.
fn summary(item: &str, v: &Value, lang: Lang) -> String {
    let z = zh(lang);
    match v {
        Value::Fields(f) => {
            let f: Vec<(&'static str, Value)> =
                f.iter().filter(|(k, _)| *k != "on").cloned().collect();
            if f.is_empty() {
                return String::new();
            }
            // A single unnamed value (a text) reads as a colon and the value.
            if f.len() == 1 && (f[0].0.is_empty() || f[0].0 == "text") {
                let v = value(item, &f[0].1, lang);
                return if z {
                    format!("：{v}")
                } else {
                    format!(": {v}")
                };
            }
            let inner = value(item, &Value::Fields(f), lang);
            if z {
                format!("（{inner}）")
            } else {
                format!(" ({inner})")
            }
        }
        other => {
            let v = value(item, other, lang);
            if z {
                format!("：{v}")
            } else {
                format!(": {v}")
            }
        }
    }
}

fn field_sentence(c: &Change, kind: Kind, f: &Field, s: &str, lang: Lang) -> String {
    let z = zh(lang);
    let item = c.item;
    let is_sub = Value::is_part(f.key);
    let (what, label) = if is_sub {
        let sp = sub_phrase(f.key, f.sub.as_deref(), lang);
        match f.attr {
            Some(a) => {
                let l = field_label(item, a, lang);
                if z {
                    (format!("{s}{sp}的"), l)
                } else {
                    (format!("{s}: {sp},"), l)
                }
            }
            None => (s.to_string(), sp),
        }
    } else {
        (s.to_string(), field_label(item, f.key, lang))
    };
    let old = c.old.as_ref();
    let new = c.new.as_ref();
    match kind {
        Kind::Added => {
            // The part's name is already in the phrase.
            let new = new.map(|v| match v {
                Value::Fields(fs) if f.sub.is_some() => Value::Fields(fs[1..].to_vec()),
                v => v.clone(),
            });
            let detail = new.map(|v| summary(item, &v, lang)).unwrap_or_default();
            if z {
                format!("{what}新增{label}{detail}")
            } else {
                format!("{what}: adds {label}{detail}")
            }
        }
        Kind::Removed => {
            if z {
                format!("{what}删除{label}")
            } else {
                format!("{what}: drops {label}")
            }
        }
        _ => changed(item, &what, &label, old, new, lang),
    }
}

/// `{what}{label}由{old}调整为{new}` and its variants.
fn changed(
    item: &str,
    what: &str,
    label: &str,
    old: Option<&Value>,
    new: Option<&Value>,
    lang: Lang,
) -> String {
    let z = zh(lang);
    let v = |x: &Value| value(item, x, lang);
    // English: "X: deadline changed ..." reads better with the label after a colon.
    let head = if z {
        format!("{what}{label}")
    } else if label.is_empty() {
        what.to_string()
    } else if what.ends_with(',') {
        format!("{what} {label}")
    } else {
        format!("{what}: {label}")
    };
    match (old, new) {
        (Some(Value::List(a)), Some(Value::List(b))) => {
            let added: Vec<&str> = b
                .iter()
                .filter(|x| !a.contains(x))
                .map(|s| s.as_str())
                .collect();
            let removed: Vec<&str> = a
                .iter()
                .filter(|x| !b.contains(x))
                .map(|s| s.as_str())
                .collect();
            let sep = list_sep(lang);
            let q = |l: &[&str]| -> String {
                if matches!(
                    label,
                    "编制依据"
                        | "上位预案"
                        | "衔接预案"
                        | "legal basis"
                        | "parent plan"
                        | "related plans"
                ) {
                    l.iter()
                        .map(|x| {
                            if z {
                                format!("「{x}」")
                            } else {
                                format!("“{x}”")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(sep)
                } else {
                    l.join(sep)
                }
            };
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(if z {
                    format!("增加{}", q(&added))
                } else {
                    format!("adds {}", q(&added))
                });
            }
            if !removed.is_empty() {
                parts.push(if z {
                    format!("减少{}", q(&removed))
                } else {
                    format!("drops {}", q(&removed))
                });
            }
            if parts.is_empty() {
                return if z {
                    format!(
                        "{head}顺序调整为{}",
                        v(new.unwrap_or(&Value::List(Vec::new())))
                    )
                } else {
                    format!("{head} reordered as {}", b.join(", "))
                };
            }
            if z {
                format!("{head}{}", parts.join("，"))
            } else {
                format!("{head} {}", parts.join(", "))
            }
        }
        (Some(o), Some(n)) => {
            if z {
                format!("{head}由{}调整为{}", v(o), v(n))
            } else {
                format!("{head} changed from {} to {}", v(o), v(n))
            }
        }
        (None, Some(n)) => {
            if z {
                if label.is_empty() {
                    format!("{what}新增：{}", v(n))
                } else {
                    format!("{what}新增{label}：{}", v(n))
                }
            } else {
                format!("{head} set to {}", v(n))
            }
        }
        (Some(o), None) => {
            if z {
                format!("{what}删除{label}（原为{}）", v(o))
            } else {
                format!("{head} removed (was {})", v(o))
            }
        }
        (None, None) => head,
    }
}

fn major_categories(changes: &[Change]) -> Vec<Category> {
    let mut cats: Vec<Category> = changes.iter().filter_map(|c| c.category).collect();
    cats.sort();
    cats.dedup();
    cats
}

/// Sections in document order, each with its changes in diff order.
fn by_section(changes: &[Change]) -> Vec<(Section, Vec<&Change>)> {
    let mut sections: Vec<Section> = changes.iter().map(|c| c.section).collect();
    sections.sort();
    sections.dedup();
    sections
        .into_iter()
        .map(|s| (s, changes.iter().filter(|c| c.section == s).collect()))
        .collect()
}

/// The paragraph that says whether the revision needs re-approval and re-filing.
pub fn verdict(changes: &[Change], lang: Lang) -> String {
    let n = changes.len();
    let m = changes.iter().filter(|c| c.major()).count();
    let cats: Vec<&str> = major_categories(changes)
        .into_iter()
        .map(|c| category_name(c, lang))
        .collect();
    match (zh(lang), n, m) {
        (true, 0, _) => "两个版本在内容上没有差别（只改了格式或注释）。".into(),
        (false, 0, _) => {
            "The two versions say the same thing (only layout or comments differ).".into()
        }
        (true, _, 0) => format!(
            "本次修订共{n}处变更，均为一般变更，不涉及组织指挥体系与职责、应急处置程序、主要处置措施和应急响应分级。\
             依据应急管理部令第2号第三十六条、第三十七条，无需重新备案；修订后按规定归档。"
        ),
        (false, _, 0) => format!(
            "This revision makes {n} change{}, all minor: none touches the command structure, the response \
             procedure, the main measures or the response levels. Under 应急管理部令第2号 Art 36–37 the plan \
             need not be filed again; archive the revised version.",
            if n == 1 { "" } else { "s" }
        ),
        (true, _, _) => format!(
            "本次修订共{n}处变更，其中重大变更{m}处，涉及{}。\
             依据应急管理部令第2号第三十六条、第三十七条，应当按照预案编制程序重新审批，并重新备案。",
            cats.join("、")
        ),
        (false, _, _) => format!(
            "This revision makes {n} change{}, {m} of them major ({}). Under 应急管理部令第2号 Art 36–37 \
             the plan must go through approval again, as when it was first drawn up, and be filed again.",
            if n == 1 { "" } else { "s" },
            cats.join(", ")
        ),
    }
}

fn version_of(p: &Plan) -> Option<&str> {
    p.plan
        .as_ref()
        .and_then(|h| h.version.as_ref())
        .map(|v| v.value.as_str())
}

fn title_of<'a>(v: &'a Versions) -> Option<&'a str> {
    v.new
        .plan
        .as_ref()
        .or(v.old.plan.as_ref())
        .map(|h| h.title.value.as_str())
        .filter(|t| !t.is_empty())
}

fn major_tag(c: &Change, lang: Lang) -> String {
    match c.category {
        Some(cat) if zh(lang) => format!("重大变更：{}", category_name(cat, lang)),
        Some(cat) => format!("major: {}", category_name(cat, lang)),
        None if zh(lang) => "一般变更".into(),
        None => "minor".into(),
    }
}

/// The revision note (修订说明) in Markdown.
pub fn markdown(changes: &[Change], v: &Versions, lang: Lang) -> String {
    let z = zh(lang);
    let mut out = String::new();
    match (title_of(v), z) {
        (Some(t), true) => out.push_str(&format!("# 《{t}》修订说明\n\n")),
        (None, true) => out.push_str("# 修订说明\n\n"),
        (Some(t), false) => out.push_str(&format!("# Revision note: {t}\n\n")),
        (None, false) => out.push_str("# Revision note\n\n"),
    }
    let ver = |p: &Plan, file: &str| match version_of(p) {
        Some(x) => format!("{x}（{file}）"),
        None => file.to_string(),
    };
    let ver_en = |p: &Plan, file: &str| match version_of(p) {
        Some(x) => format!("{x} ({file})"),
        None => file.to_string(),
    };
    if z {
        out.push_str(&format!("- 修订前：{}\n", ver(v.old, v.old_name)));
        out.push_str(&format!("- 修订后：{}\n\n", ver(v.new, v.new_name)));
        out.push_str("## 修订概况\n\n");
    } else {
        out.push_str(&format!("- Before: {}\n", ver_en(v.old, v.old_name)));
        out.push_str(&format!("- After: {}\n\n", ver_en(v.new, v.new_name)));
        out.push_str("## Summary\n\n");
    }
    out.push_str(&verdict(changes, lang));
    if !changes.is_empty() && version_of(v.old).is_some() && version_of(v.old) == version_of(v.new)
    {
        out.push_str(if z {
            "注意：两个版本的版本号相同，请更新预案的 `version`。"
        } else {
            " Note: both versions carry the same version number; update the plan's `version`."
        });
    }
    out.push_str("\n\n");
    if changes.is_empty() {
        return out;
    }
    out.push_str(if z {
        "## 修订内容\n"
    } else {
        "## Changes\n"
    });
    for (section, list) in by_section(changes) {
        out.push_str(&format!("\n### {}\n\n", section_title(section, lang)));
        for (i, c) in list.iter().enumerate() {
            let stop = if z { "。" } else { "." };
            let tag = if z {
                format!("（{}）", major_tag(c, lang))
            } else {
                format!(" ({})", major_tag(c, lang))
            };
            out.push_str(&format!(
                "{}. {}{stop}{tag}\n",
                i + 1,
                capitalize(&sentence(c, lang), lang)
            ));
        }
    }
    out
}

fn capitalize(s: &str, lang: Lang) -> String {
    if zh(lang) {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The terminal view: one line per change under its section, marked `+ - ~ →`.
pub fn human(changes: &[Change], v: &Versions, lang: Lang, color: bool) -> String {
    let z = zh(lang);
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let n = changes.len();
    let m = changes.iter().filter(|c| c.major()).count();
    let head = format!("{} → {}", v.old_name, v.new_name);
    out.push_str(&paint("1", &head));
    if n == 0 {
        out.push_str(if z {
            "：没有内容上的变化（格式和注释不计）\n"
        } else {
            ": no change in meaning (layout and comments are not compared)\n"
        });
        return out;
    }
    out.push_str(&if z {
        format!("：{n} 处变更，其中重大变更 {m} 处\n")
    } else {
        format!(": {n} change{}, {m} major\n", if n == 1 { "" } else { "s" })
    });
    for (section, list) in by_section(changes) {
        out.push('\n');
        out.push_str(&paint("1", section_title(section, lang)));
        out.push('\n');
        for c in list {
            let (mark, code) = match c.kind {
                Kind::Added => ("+", "32"),
                Kind::Removed => ("-", "31"),
                Kind::Changed => ("~", "33"),
                Kind::Renamed => ("→", "36"),
            };
            out.push_str("  ");
            out.push_str(&paint(code, mark));
            out.push(' ');
            out.push_str(&capitalize(&sentence(c, lang), lang));
            if let Some(cat) = c.category {
                let tag = if z {
                    format!("  [重大：{}]", category_name(cat, lang))
                } else {
                    format!("  [major: {}]", category_name(cat, lang))
                };
                out.push_str(&paint("1;31", &tag));
            }
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&verdict(changes, lang));
    out.push('\n');
    out
}
