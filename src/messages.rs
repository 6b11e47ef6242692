//! The wording of every diagnostic, in Chinese and English, in one place.
//!
//! Each function builds one kind of diagnostic: its code, severity, message, label
//! and help. Checks and the front end call these; they never write prose themselves.

use crate::diagnostic::{Diagnostic, Msg};
use crate::source::Span;

fn m(zh: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg::new(zh, en)
}

// ───────────── P: reading and parsing ─────────────

pub fn syntax_error(
    span: Span,
    found: Found,
    expected: &[Expect],
    suggestion: Option<&str>,
) -> Diagnostic {
    let (found_zh, found_en) = match &found {
        Found::Token(t) => (format!("`{t}`"), format!("`{t}`")),
        Found::LineEnd => ("行尾".to_string(), "the end of the line".to_string()),
        Found::End => ("文件结尾".to_string(), "the end of the file".to_string()),
    };
    let (list_zh, list_en) = expected_list(expected);
    let mut d = Diagnostic::error(
        "P0001",
        span,
        if list_en.is_empty() {
            m(
                format!("语法错误：不应出现 {found_zh}"),
                format!("syntax error: unexpected {found_en}"),
            )
        } else {
            m(
                format!("语法错误：此处应为 {list_zh}，却是 {found_zh}"),
                format!("syntax error: expected {list_en}, found {found_en}"),
            )
        },
    )
    .with_label(m("解析在此处停止", "parsing stopped here"));
    if let Some(s) = suggestion {
        d = d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        ));
    } else if expected.contains(&Expect::Punct("}")) && matches!(found, Found::End) {
        d = d.with_help(m(
            "有一个块没有闭合：补上缺少的 `}`",
            "a block is not closed: add the missing `}`",
        ));
    }
    d
}

/// What the parser wanted, in words a plan writer knows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expect {
    Keyword(&'static str),
    Punct(&'static str),
    Thing(&'static str),
}

/// What the parser met where it stopped.
pub enum Found {
    Token(String),
    LineEnd,
    End,
}

fn expected_list(expected: &[Expect]) -> (String, String) {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    for e in expected {
        let (z, n) = match e {
            Expect::Keyword(k) | Expect::Punct(k) => (format!("`{k}`"), format!("`{k}`")),
            Expect::Thing(t) => {
                let (z, n) = thing(t);
                (z.to_string(), n.to_string())
            }
        };
        if !zh.contains(&z) {
            zh.push(z);
            en.push(n);
        }
    }
    const MAX: usize = 12;
    let more = zh.len() > MAX;
    zh.truncate(MAX);
    en.truncate(MAX);
    let join = |v: &[String], or: &str, sep: &str| -> String {
        match v.len() {
            0 => String::new(),
            1 => v[0].clone(),
            _ => format!("{}{or}{}", v[..v.len() - 1].join(sep), v[v.len() - 1]),
        }
    };
    if more {
        (
            format!("{}等", zh.join("、")),
            format!("{}, …", en.join(", ")),
        )
    } else {
        (join(&zh, " 或 ", "、"), join(&en, " or ", ", "))
    }
}

fn thing(t: &str) -> (&'static str, &'static str) {
    match t {
        "definition" => (
            "定义（`plan`、`role`、`unit`、`level`、`on` 等）",
            "a definition (`plan`, `role`, `unit`, `level`, `on`, …)",
        ),
        "end" => ("文件结尾", "the end of the file"),
        "chapter" => (
            "章节（`general`、`organization`、`monitoring`、`response`、`post_incident`、`safeguards`、`training`、`supplementary`、`annex`）",
            "a chapter (`general`, `organization`, `monitoring`, `response`, `post_incident`, `safeguards`, `training`, `supplementary`, `annex`)",
        ),
        "period" => (
            "时段（如 `24x7` 或 `workdays 09:00-18:00`）",
            "a period (such as `24x7` or `workdays 09:00-18:00`)",
        ),
        "days" => (
            "`daily`、`workdays`、`weekends` 或 `holidays`",
            "`daily`, `workdays`, `weekends` or `holidays`",
        ),
        "time_range" => (
            "时间段（如 `09:00-18:00`）",
            "a time range (such as `09:00-18:00`)",
        ),
        "time" => ("时刻（如 `08:30`）", "a time (such as `08:30`)"),
        "roman" => (
            "响应级别（Ⅰ、Ⅱ、Ⅲ 或 Ⅳ）",
            "a response level (Ⅰ, Ⅱ, Ⅲ or Ⅳ)",
        ),
        "condition" | "comparison" => (
            "条件（如 `reach >= 100000`）",
            "a condition (such as `reach >= 100000`)",
        ),
        "signal" => ("信号名（如 `reach`）", "a signal (such as `reach`)"),
        "operator" => (
            "比较符（`>=`、`>`、`<=`、`<`、`==`、`!=`）",
            "a comparison (`>=`, `>`, `<=`, `<`, `==`, `!=`)",
        ),
        "value" => ("数值或词", "a number or a word"),
        "trigger" => (
            "触发条件（`detect`、`level`、`upgrade`、`downgrade`、`stand_down` 或 `event`）",
            "a trigger (`detect`, `level`, `upgrade`, `downgrade`, `stand_down` or `event`)",
        ),
        "lint_item" => ("`allow`、`warn` 或 `deny`", "`allow`, `warn` or `deny`"),
        "code" => (
            "诊断代码（如 `A0001`）",
            "a diagnostic code (such as `A0001`)",
        ),
        "param" => (
            "参数（如 `reach 200..2000`）",
            "a parameter (such as `reach 200..2000`)",
        ),
        "range" => (
            "数值或范围（如 `2h..6h`）",
            "a value or a range (such as `2h..6h`)",
        ),
        "name" => ("名称", "a name"),
        "word" => ("词", "a word"),
        "text" => ("带引号的文字", "a quoted text"),
        "duration" => (
            "时长（如 `30m`、`2h`、`3d`）",
            "a duration (such as `30m`, `2h`, `3d`)",
        ),
        "date" => ("日期（如 `2026-12-01`）", "a date (such as `2026-12-01`)"),
        "integer" => ("整数", "a whole number"),
        "number" => ("数字", "a number"),
        _ => ("其他内容", "something else"),
    }
}

pub fn nesting_too_deep(span: Span, max: usize) -> Diagnostic {
    Diagnostic::error(
        "P0002",
        span,
        m(
            format!("嵌套过深：括号嵌套超过 {max} 层"),
            format!("nesting too deep: more than {max} levels of brackets"),
        ),
    )
    .with_label(m("从这里开始超过上限", "the limit is passed here"))
    .with_help(m(
        "检查是否缺少 `}` 或 `)`；预案的块最多嵌套三四层",
        "look for a missing `}` or `)`; a plan nests three or four levels at most",
    ))
}

pub fn unterminated_text(span: Span, block: bool) -> Diagnostic {
    let (zh, en, help_zh, help_en) = if block {
        (
            "多行文字没有结束",
            "unterminated multi-line text",
            "在文字末尾加上 `\"\"\"`",
            "close the text with `\"\"\"`",
        )
    } else {
        (
            "文字没有结束",
            "unterminated text",
            "在同一行末尾补上 `\"`；跨行的文字请用 `\"\"\"` 包围",
            "close it with `\"` on the same line; use `\"\"\"` for text over several lines",
        )
    };
    Diagnostic::error("P0003", span, m(zh, en))
        .with_label(m("文字从这里开始", "the text starts here"))
        .with_help(m(help_zh, help_en))
}

pub fn nul_byte(span: Span) -> Diagnostic {
    Diagnostic::error(
        "P0004",
        span,
        m(
            "文件中有 NUL 字节（U+0000）",
            "the file contains a NUL byte (U+0000)",
        ),
    )
    .with_label(m("NUL 字节", "NUL byte"))
    .with_help(m(
        "预案文件应为 UTF-8 文本；这可能是二进制文件或编码错误",
        "a plan is UTF-8 text; this may be a binary file or a wrong encoding",
    ))
}

pub fn invalid_utf8(span: Span) -> Diagnostic {
    Diagnostic::error(
        "P0005",
        span,
        m("文件不是有效的 UTF-8 文本", "the file is not valid UTF-8"),
    )
    .with_label(m("无效字节", "invalid bytes"))
    .with_help(m(
        "以 UTF-8 编码保存文件（GBK 等编码需先转换）",
        "save the file as UTF-8 (convert GBK or other encodings first)",
    ))
}

pub fn duplicate_field(span: Span, keyword: String, owner: (&str, &str)) -> Diagnostic {
    Diagnostic::error(
        "P0006",
        span,
        m(
            format!("字段 `{keyword}` 重复：{}只能有一个", owner.0),
            format!("`{keyword}` is given twice: {} has only one", owner.1),
        ),
    )
    .with_label(m("重复的字段", "repeated field"))
    .with_help(m("删去多余的一处", "remove one of them"))
}

pub fn bad_date(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "P0007",
        span,
        m(
            format!("日期 `{text}` 不存在"),
            format!("`{text}` is not a day of the calendar"),
        ),
    )
    .with_label(m("无效日期", "invalid date"))
    .with_help(m(
        "日期写作 年-月-日，如 `2026-12-01`",
        "write dates as year-month-day, such as `2026-12-01`",
    ))
}

pub fn duration_too_long(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "P0008",
        span,
        m(
            format!("时长 `{text}` 超过一百年"),
            format!("the duration `{text}` is longer than a century"),
        ),
    )
    .with_label(m("时长过长", "too long"))
    .with_help(m(
        "检查数字与单位：m 分钟、h 小时、d 天、w 周、mo 月、y 年",
        "check the number and unit: m minutes, h hours, d days, w weeks, mo months, y years",
    ))
}

pub fn bad_number(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "P0009",
        span,
        m(
            format!("数字 `{text}` 超出范围"),
            format!("the number `{text}` is out of range"),
        ),
    )
    .with_label(m("无效数字", "invalid number"))
}

pub fn bad_rank(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "P0009",
        span,
        m(
            format!("级别序号 `{text}` 无效"),
            format!("the rank `{text}` is not valid"),
        ),
    )
    .with_label(m("应为 1 及以上的整数", "expected a whole number from 1"))
    .with_help(m("1 为最高级别（红色）", "1 is the highest level (red)"))
}

pub fn bad_time(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "P0009",
        span,
        m(
            format!("时刻 `{text}` 不存在"),
            format!("`{text}` is not a time of day"),
        ),
    )
    .with_label(m("应在 00:00 到 24:00 之间", "expected 00:00 to 24:00"))
}

pub fn bad_escape(span: Span, c: char) -> Diagnostic {
    Diagnostic::error(
        "P0010",
        span,
        m(
            format!("未知的转义 `\\{c}`"),
            format!("unknown escape `\\{c}`"),
        ),
    )
    .with_label(m("未知转义", "unknown escape"))
    .with_help(m(
        "可用的转义：\\\" \\\\ \\n \\t；要写反斜杠本身请写 \\\\",
        "escapes are \\\" \\\\ \\n \\t; write \\\\ for a backslash",
    ))
}

pub fn bad_json(span: Span, detail: &str) -> Diagnostic {
    Diagnostic::error(
        "P0011",
        span,
        m(
            format!("无法读取导出的 JSON：{detail}"),
            format!("cannot read the exported JSON: {detail}"),
        ),
    )
    .with_label(m("此处出错", "error here"))
    .with_help(m(
        "JSON 应为 `planc export` 写出的格式（\"version\": 1）",
        "the JSON must be in the format `planc export` writes (\"version\": 1)",
    ))
}

pub fn empty_plan(span: Span) -> Diagnostic {
    Diagnostic::error(
        "P0012",
        span,
        m("文件中没有任何定义", "the file defines nothing"),
    )
    .with_label(m("此处应有定义", "a definition was expected here"))
    .with_help(m(
        "预案以 `plan \"标题\" { … }` 开头，随后是组织、级别和行动；情景文件以 `scenario 名称 { … }` 开头",
        "a plan starts with `plan \"title\" { … }` followed by its organization, levels and actions; a scenario file starts with `scenario NAME { … }`",
    ))
}

pub fn duplicate_header(span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(
        "N0002",
        span,
        m(
            "预案头 `plan` 重复",
            "the plan header `plan` is given twice",
        ),
    )
    .with_label(m("第二个预案头", "second header"))
    .with_secondary(first, m("第一个在这里", "first one here"))
    .with_help(m(
        "一个预案只有一个 `plan { … }`",
        "a plan has one `plan { … }`",
    ))
}

pub fn duplicate_prose(span: Span, first: Span, keyword: &str) -> Diagnostic {
    Diagnostic::error(
        "N0002",
        span,
        m(
            format!("`{keyword}` 重复"),
            format!("`{keyword}` is given twice"),
        ),
    )
    .with_label(m("重复", "repeated"))
    .with_secondary(first, m("第一个在这里", "first one here"))
    .with_help(m("合并为一段文字", "merge them into one text"))
}

// ───────────── N: names ─────────────

/// A kind of definition, in both languages.
pub type Kind = (&'static str, &'static str);

pub fn undefined_name(span: Span, name: &str, kind: Kind, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        "N0001",
        span,
        m(
            format!("未定义的{}：`{name}`", kind.0),
            format!("`{name}` is not defined (expected {})", kind.1),
        ),
    )
    .with_label(m("找不到这个名称", "no definition with this name"));
    match suggestion {
        Some(s) => d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        None => d.with_help(m(
            format!("先定义`{name}`，或改用已定义的名称"),
            format!("define `{name}` first, or use a name that is defined"),
        )),
    }
}

pub fn duplicate_definition(span: Span, first: Span, name: &str, kind: Kind) -> Diagnostic {
    Diagnostic::error(
        "N0002",
        span,
        m(
            format!("名称 `{name}` 重复定义"),
            format!("`{name}` is defined twice"),
        ),
    )
    .with_label(m(
        format!("再次定义为{}", kind.0),
        format!("defined again as {}", kind.1),
    ))
    .with_secondary(first, m("第一次定义在这里", "first defined here"))
    .with_help(m(
        "每个名称只能定义一次：改名或合并两处定义",
        "a name is defined once: rename one or merge them",
    ))
}

pub fn duplicate_action(span: Span, first: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        "N0002",
        span,
        m(
            format!("行动 `{name}` 在同一触发条件下重复定义"),
            format!("the action `{name}` is defined twice for the same trigger"),
        ),
    )
    .with_label(m("再次定义", "defined again"))
    .with_secondary(first, m("第一次定义在这里", "first defined here"))
    .with_help(m(
        "同一级别下行动名称须唯一：改名或合并",
        "action names are unique within a trigger: rename one or merge them",
    ))
}

pub fn wrong_kind(span: Span, name: &str, found: Kind, expected: Kind, def: Span) -> Diagnostic {
    Diagnostic::error(
        "N0003",
        span,
        m(
            format!("`{name}` 是{}，此处需要{}", found.0, expected.0),
            format!("`{name}` is {}, but {} is needed here", found.1, expected.1),
        ),
    )
    .with_label(m(
        format!("应为{}", expected.0),
        format!("expected {}", expected.1),
    ))
    .with_secondary(
        def,
        m(
            format!("`{name}` 定义在这里"),
            format!("`{name}` is defined here"),
        ),
    )
}

pub fn unknown_signal(
    span: Span,
    name: &str,
    suggestion: Option<&str>,
    known: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(
        "N0004",
        span,
        m(
            format!("未知的信号 `{name}`"),
            format!("unknown signal `{name}`"),
        ),
    )
    .with_label(m("不是演练信号", "not a drill signal"));
    match suggestion {
        Some(s) => d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        None => d.with_help(m(
            format!("可用的信号：{}", known.join("、")),
            format!("signals are: {}", known.join(", ")),
        )),
    }
}

pub fn signal_type(span: Span, signal: &str, expected_zh: &str, expected_en: &str) -> Diagnostic {
    Diagnostic::error(
        "N0005",
        span,
        m(
            format!("信号 `{signal}` 的取值应为{expected_zh}"),
            format!("the signal `{signal}` takes {expected_en}"),
        ),
    )
    .with_label(m("取值类型不符", "wrong kind of value"))
}

pub fn unknown_word(
    span: Span,
    word: &str,
    what: Kind,
    allowed: &[&str],
    suggestion: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::error(
        "N0006",
        span,
        m(
            format!("未知的{}：`{word}`", what.0),
            format!("unknown {}: `{word}`", what.1),
        ),
    )
    .with_label(m("不在可选范围内", "not one of the known values"));
    match suggestion {
        Some(s) => d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        None => d.with_help(m(
            format!("可选：{}", allowed.join("、")),
            format!("one of: {}", allowed.join(", ")),
        )),
    }
}

// ───────────── the first gap rules ─────────────

pub fn action_without_owner(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        "A0001",
        span,
        m(
            format!("行动 `{name}` 没有责任方"),
            format!("the action `{name}` has no owner"),
        ),
    )
    .with_label(m("缺少 `owner`", "no `owner`"))
    .with_help(m(
        "加上 `owner 部门或角色`：每项行动须有且只有一个责任方（GB/T 29639 §6.2）",
        "add `owner UNIT_OR_ROLE`: every action has exactly one owner (GB/T 29639 §6.2)",
    ))
}

pub fn reporting_cycle(span: Span, chain: &[String], others: Vec<Span>) -> Diagnostic {
    let zh = chain.join(" → ");
    let mut d = Diagnostic::error(
        "R0001",
        span,
        m(
            format!("报告关系成环：{zh}"),
            format!("reporting lines form a cycle: {zh}"),
        ),
    )
    .with_label(m("环从这里开始", "the cycle starts here"))
    .with_help(m(
        "信息应逐级向上报告到总指挥：删去或改正环中的一条报告线",
        "information flows up to the commander: remove or redirect one line of the cycle",
    ));
    for s in others {
        d = d.with_secondary(s, m("环中的报告线", "reporting line in the cycle"));
    }
    d
}

pub fn after_cycle(span: Span, chain: &[String], others: Vec<Span>) -> Diagnostic {
    let text = chain.join(" → ");
    let mut d = Diagnostic::error(
        "A0004",
        span,
        m(
            format!("行动的先后依赖成环：{text}"),
            format!("`after` dependencies form a cycle: {text}"),
        ),
    )
    .with_label(m("环从这里开始", "the cycle starts here"))
    .with_help(m(
        "环中的行动永远无法开始：删去其中一个 `after`",
        "no action in the cycle can ever start: remove one `after`",
    ));
    for s in others {
        d = d.with_secondary(s, m("环中的依赖", "dependency in the cycle"));
    }
    d
}

// ───────────── D: drill scenarios (section owned by the drill simulator) ─────────────

fn drill_unknown(
    code: &'static str,
    span: Span,
    word: &str,
    what: Kind,
    suggestion: Option<&str>,
    allowed: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(
        code,
        span,
        m(
            format!("未知的{}：`{word}`", what.0),
            format!("unknown {}: `{word}`", what.1),
        ),
    )
    .with_label(m(
        "演练模型不认识这个词",
        "the drill model does not know this word",
    ));
    match suggestion {
        Some(s) => d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        None => d.with_help(m(
            format!("可选：{}", allowed.join("、")),
            format!("one of: {}", allowed.join(", ")),
        )),
    }
}

/// D0001: a `start` or `spread` parameter the drill model does not know.
pub fn drill_unknown_param(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let allowed: Vec<&str> = crate::drill::params::SCENARIO_PARAMS
        .iter()
        .map(|p| p.0)
        .collect();
    drill_unknown(
        "D0001",
        span,
        word,
        ("情景参数", "scenario parameter"),
        suggestion,
        &allowed,
    )
}

/// D0002: an `onset` kind other than night, weekend or holiday.
pub fn drill_unknown_onset(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    drill_unknown(
        "D0002",
        span,
        word,
        ("发生时段", "kind of onset"),
        suggestion,
        crate::drill::params::ONSET_KINDS,
    )
}

/// D0003: an inject `scale`s something the spread model does not have.
pub fn drill_unknown_scale(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    drill_unknown(
        "D0003",
        span,
        word,
        ("可缩放的传播参数", "spread parameter to scale"),
        suggestion,
        &["growth", "capacity", "reach", "talk"],
    )
}
