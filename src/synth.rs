//! Synthetic plans of any size, valid and checking clean, for benchmarks and stress
//! tests (`examples/synth.rs` is its command line).
//!
//! The plan grows linearly with the number of units: each unit brings a unit, duties,
//! a reporting line, a channel, a roster with two shifts and an action. The seed
//! varies wording and deadlines, never the shape, so every size checks clean.

use crate::model::vocab;
use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64): the example needs variety, not
/// statistical quality, and must give the same plan on every machine.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const VERBS: &[&str] = &[
    "监测", "研判", "核实", "报告", "协调", "发布", "回应", "记录", "复盘", "归档",
];
const OBJECTS: &[&str] = &[
    "舆情动态",
    "媒体问询",
    "网民诉求",
    "业务信息",
    "处置进展",
    "事实情况",
];
/// A warning level of the synthetic plan.
struct SynthLevel {
    name: &'static str,
    rank: usize,
    color: &'static str,
    response: &'static str,
    when: &'static str,
    declared_by: &'static str,
}

/// The four levels, highest first.
const LEVELS: [SynthLevel; 4] = [
    SynthLevel {
        name: "红色",
        rank: 1,
        color: "red",
        response: "Ⅰ",
        when: "reach >= 500万 or media >= national",
        declared_by: "总指挥",
    },
    SynthLevel {
        name: "橙色",
        rank: 2,
        color: "orange",
        response: "Ⅱ",
        when: "reach >= 50万 or media >= provincial",
        declared_by: "总指挥",
    },
    SynthLevel {
        name: "黄色",
        rank: 3,
        color: "yellow",
        response: "Ⅲ",
        when: "reach >= 5万 or media >= local",
        declared_by: "副总指挥",
    },
    SynthLevel {
        name: "蓝色",
        rank: 4,
        color: "blue",
        response: "Ⅳ",
        when: "reach >= 5000",
        declared_by: "副总指挥",
    },
];

/// The text of a synthetic plan with `units` units.
pub fn plan(units: usize, seed: u64) -> String {
    let mut r = Mix(seed);
    let mut s = String::with_capacity(units * 1200 + 8000);
    header(&mut s, units, seed);
    command(&mut s, units);
    // Channel kinds a channel may be drawn from: every kind but the catch-all.
    let kinds: Vec<&str> = vocab::CHANNEL_KINDS
        .iter()
        .copied()
        .filter(|k| *k != "other")
        .collect();
    for i in 0..units {
        unit(&mut s, &mut r, i);
        monitoring(&mut s, &mut r, i, &kinds);
    }
    for (k, level) in LEVELS.iter().enumerate() {
        level_definition(&mut s, k, level);
    }
    s.push_str(
        r#"on detect {
  action 研判定级 { owner 部门0 within 30m inform 应急指挥中心 deliver assessment capability 研判定级 }
  action 报告指挥中心 { owner 部门0 within 1h after 研判定级 inform 总指挥 deliver report capability 信息报告 }
}
"#,
    );
    for (k, level) in LEVELS.iter().enumerate() {
        level_actions(&mut s, &mut r, k, level, units);
    }
    s.push_str(CLOSING);
    s
}

/// The header, the general provisions, the prose of every chapter and the externals.
fn header(s: &mut String, units: usize, seed: u64) {
    let _ = writeln!(
        s,
        r#"# 合成预案：{units} 个部门（种子 {seed}）
plan "合成集团网络舆情应急预案（{units} 个部门）" {{
  org "合成集团有限公司"
  number "合成集团发〔2026〕{units}号"
  version "2026.1"
  issued 2026-03-02
  filed 2026-03-20
  reviewed 2026-02-20
  approver 总指挥
  maintainer 部门0
  review every 3y
  drill every 1y
  basis "《中华人民共和国突发事件应对法》"
  basis "《突发事件应急预案管理办法》"
  basis "《生产安全事故应急预案管理办法》"
  parent "合成集团突发事件总体应急预案"
  related "合成集团新闻发布管理办法"
}}

purpose "规范合成集团网络舆情的监测、研判、处置与发布工作。"
scope "适用于合成集团本部及所属单位的网络舆情事件。"
principle 快速反应 "及时发现、及时报告、及时处置。"
principle 分级负责 "谁主管谁负责，分级响应。"
principle 依法依规 "依法处置，实事求是。"
text general 分类分级 "按影响范围和严重程度分为四级。"
text organization 组织体系 "集团设网络舆情应急指挥中心。"
text monitoring 监测机制 "实行全天候监测和值班制度。"
text response 先期处置 "接报后立即核实并研判。"
text post_incident 善后处置 "响应结束后开展评估复盘。"
text safeguards 保障措施 "保障队伍、平台、经费和通信。"
text training 培训演练 "每年至少组织一次演练。"
text supplementary 施行 "本预案自印发之日起施行。"

external 上级主管部门 {{ kind authority }}
external 属地网信办 {{ kind regulator }}
"#
    );
}

/// The command body, whose members are every unit, and its three roles.
fn command(s: &mut String, units: usize) {
    let members: Vec<String> = (0..units).map(|i| format!("部门{i}")).collect();
    let _ = writeln!(
        s,
        r#"body 应急指挥中心 {{
  title "网络舆情应急指挥中心"
  lead 总指挥
  deputy 副总指挥
  office 部门0
  members {}
  duty "统一领导网络舆情应急处置工作。"
}}

role 总指挥 {{
  holder "集团主要负责人"
  backup 副总指挥
  reports_to 上级主管部门 within 1h via "电话、书面报告"
  reports_to 属地网信办 within 2h
  duty "对处置工作作出决策。"
}}

role 副总指挥 {{
  holder "分管宣传工作的负责人"
  backup 新闻发言人
  reports_to 总指挥 within 30m
  duty "协助总指挥组织处置。"
}}

role 新闻发言人 {{
  holder "宣传部门负责人"
  backup 副总指挥
  reports_to 总指挥 within 30m
  duty "统一对外发布信息。"
}}
"#,
        members.join(", ")
    );
}

/// Unit `i`: units form a tree of four children each under 部门0, which reports to
/// the command body.
fn unit(s: &mut String, r: &mut Mix, i: usize) {
    let parent = if i == 0 {
        "应急指挥中心".to_string()
    } else {
        format!("部门{}", (i - 1) / 4)
    };
    // Backups follow the tree up to 部门0, whose backup is the deputy commander:
    // chains end, never loop.
    let backup = if i == 0 {
        "副总指挥".to_string()
    } else {
        format!("部门{}", (i - 1) / 4)
    };
    let within = 15 + 5 * (r.next() % 4);
    let verb = r.pick(VERBS);
    let object = r.pick(OBJECTS);
    let _ = writeln!(
        s,
        r#"unit 部门{i} {{
  head "部门{i}负责人"
  backup {backup}
  reports_to {parent} within {within}m
  duty {verb}{i} "负责本部门{object}工作。"
  duty 配合{i} "配合做好舆情应对。"
}}
"#,
    );
}

/// The channel unit `i` watches around the clock and the roster that backs it.
fn monitoring(s: &mut String, r: &mut Mix, i: usize, kinds: &[&str]) {
    let _ = writeln!(
        s,
        r#"channel 渠道{i} {{
  kind {}
  watched_by 部门{i}
  hours 24x7
  roster 值班{i}
}}

roster 值班{i} {{
  unit 部门{i}
  shift 白班 daily 08:00-20:00
  shift 夜班 daily 20:00-08:00
}}
"#,
        r.pick(kinds)
    );
}

/// Level `k` of `LEVELS`, escalating to the one above and de-escalating to the one
/// below.
fn level_definition(s: &mut String, k: usize, l: &SynthLevel) {
    let up = match k.checked_sub(1).and_then(|above| LEVELS.get(above)) {
        Some(above) => format!("\n  upgrade_to {}", above.name),
        None => String::new(),
    };
    let down = match LEVELS.get(k + 1) {
        Some(below) => format!("\n  downgrade_to {}", below.name),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        r#"level {name} {{
  rank {rank}
  color {color}
  response {resp}
  criteria "{name}预警的描述性标准。"
  when {when}
  declared_by {by}{up}{down}
  stand_down "舆情平息并持续观察。" if heat < {} for 24h
}}
"#,
        100 * (5 - l.rank),
        name = l.name,
        rank = l.rank,
        color = l.color,
        resp = l.response,
        when = l.when,
        by = l.declared_by,
    );
}

/// The actions level `k` starts; the lowest level also starts one action per unit.
fn level_actions(s: &mut String, r: &mut Mix, k: usize, l: &SynthLevel, units: usize) {
    // A higher level is never slower than a lower one.
    let first = 60 * (k + 1);
    let _ = writeln!(
        s,
        r#"on level {} {{
  action 启动响应 {{ owner 总指挥 within {}m after 研判定级 deliver meeting capability 指挥协调 }}
  action 首次回应 {{ owner 新闻发言人 approve 总指挥 consult 部门0 within {first}m after 研判定级 deliver statement capability 信息发布与舆论引导 }}
  action 续报 {{ owner 新闻发言人 every {}h after 首次回应 deliver statement capability 信息发布与舆论引导 }}
  action 上报 {{ owner 总指挥 within {}m inform 上级主管部门 deliver report capability 信息报告 }}"#,
        l.name,
        first,
        k + 1,
        first + 30,
    );
    // Unit actions are only attached to the lowest level to keep the plan linear in N.
    if k + 1 == LEVELS.len() {
        for i in 0..units {
            let _ = writeln!(
                s,
                "  action 处置{i} {{ owner 部门{i} within {}m after 研判定级 inform 部门0 deliver report capability 指挥协调 }}",
                60 + 30 * (r.next() % 4)
            );
        }
    }
    s.push_str("}\n\n");
}

/// Escalation, the aftermath, safeguards, exercises, a template and a checker setting.
const CLOSING: &str = r#"on upgrade {
  action 升级通报 { owner 副总指挥 within 30m inform 应急指挥中心 deliver notice capability 指挥协调 }
}

on stand_down {
  action 复盘评估 { owner 部门0 within 72h deliver review capability 后期处置 }
  action 归档 { owner 部门0 within 7d after 复盘评估 deliver archive capability 后期处置 }
}

resource 舆情监测平台 { kind platform owner 部门0 detail "全天候运行。" }
resource 应急经费 { kind budget owner 部门0 }
resource 应急队伍 { kind team owner 部门0 }
resource 通信保障 { kind communications owner 部门0 }
drill 桌面推演 { kind tabletop every 6mo owner 部门0 }
drill 实战演练 { kind live every 1y owner 部门0 }
training 发言人培训 { kind training every 1y owner 新闻发言人 }
template 首次回应口径 "关于网络反映情况的说明。"

lint {
  allow L0012 "四级预警分别对应四级响应，为集团统一规定"
}
"#;

mod shapes;
pub use shapes::{SHAPES, Shape, shaped};
