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
        Found::Token(t)
            if t.chars().count() == 1
                && crate::diagnostic::is_hidden_char(t.chars().next().unwrap_or(' ')) =>
        {
            let u = format!("U+{:04X}", t.chars().next().unwrap_or(' ') as u32);
            (
                format!("不可见字符 {u}"),
                format!("the invisible character {u}"),
            )
        }
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
    if let Found::Token(t) = &found
        && t.chars().any(crate::diagnostic::is_hidden_char)
    {
        d = d.with_help(m(
            "删除这个看不见的字符：名称中的零宽字符和方向控制符会让看起来相同的名称实际不同，或让源文本显示得与实际内容不同",
            "delete this invisible character: zero-width and direction controls make equal-looking names differ, or make the text display differently from what it is",
        ));
    } else if let Some(s) = suggestion {
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

pub fn source_too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        "P0013",
        Span::new(0, 0),
        m(
            format!("文件有 {len} 字节，超过 4 GiB 的上限"),
            format!("the file has {len} bytes, more than the limit of 4 GiB"),
        ),
    )
    .with_help(m(
        "把预案拆分为几个文件（例如每个下属单位一个）",
        "split the plan into several files (one per subsidiary, say)",
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

pub fn zero_duration(span: Span) -> Diagnostic {
    Diagnostic::error(
        "P0008",
        span,
        m(
            "时限、周期或工作量不能为零",
            "a deadline, cadence or effort cannot be zero",
        ),
    )
    .with_label(m("零时长", "zero duration"))
    .with_help(m(
        "写出实际允许的时间，如 `15m`；立即执行的行动也需要一个时限",
        "give the time actually allowed, such as `15m`; even immediate work has a deadline",
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

// ═════════════ the gap checker (issue 3): S O R L A T M G H, and the lint block ═════════════
//
// Severity comes from the code catalogue (`crate::check::catalog`), so a code's default
// lives in one place; the wording lives here.

use crate::check::config::CodeError;
use crate::model::{Date, Duration};

fn gap(code: &'static str, span: Span, message: Msg) -> Diagnostic {
    Diagnostic::new(code, crate::check::catalog::severity(code), span, message)
}

/// Minutes as a duration a plan writer reads: `45m`, `1h30m`, `2d`, `1d6h`.
pub fn dur(minutes: u64) -> String {
    if minutes == 0 {
        return "0m".into();
    }
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut s = String::new();
    if d > 0 {
        s += &format!("{d}d");
    }
    if h > 0 {
        s += &format!("{h}h");
    }
    if m > 0 {
        s += &format!("{m}m");
    }
    s
}

// ───────────── S: structure ─────────────

pub fn missing_chapter(span: Span, which: &str) -> Diagnostic {
    let (zh, en, kw) = match which {
        "purpose" => ("编制目的", "purpose", "purpose \"……\""),
        "scope" => ("适用范围", "scope", "scope \"……\""),
        _ => ("工作原则", "principles", "principle 名称 \"……\""),
    };
    gap(
        "S0001",
        span,
        m(format!("预案缺少“{zh}”"), format!("the plan has no {en}")),
    )
    .with_label(m(
        format!("此预案没有{zh}"),
        format!("no {en} in this plan"),
    ))
    .with_help(m(
        format!("加上 `{kw}`：总则须写明目的、范围和原则（GB/T 29639 §6.1）"),
        format!(
            "add `{kw}`: the general chapter states purpose, scope and principles (GB/T 29639 §6.1)"
        ),
    ))
}

pub fn missing_basis(span: Span) -> Diagnostic {
    gap(
        "S0002",
        span,
        m("预案没有列出编制依据", "the plan lists no legal basis"),
    )
    .with_label(m("预案头中没有 `basis`", "no `basis` in the header"))
    .with_help(m(
        "在 `plan { … }` 中加上 `basis \"《中华人民共和国突发事件应对法》\"` 等依据",
        "add `basis \"…\"` lines to `plan { … }` for the laws and rules the plan rests on",
    ))
}

pub fn missing_header_fields(span: Span, fields: &[&str]) -> Diagnostic {
    let zh: Vec<&str> = fields
        .iter()
        .map(|f| match *f {
            "org" => "编制单位（org）",
            "number" => "文号（number）",
            "version" => "版本（version）",
            "issued" => "印发日期（issued）",
            "approver" => "签发人（approver）",
            _ => "维护部门（maintainer）",
        })
        .collect();
    let en: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    gap(
        "S0003",
        span,
        m(
            format!("预案头缺少：{}", zh.join("、")),
            format!("the plan header lacks {}", en.join(", ")),
        ),
    )
    .with_label(m("封面信息不全", "cover fields missing"))
    .with_help(m(
        "封面须有编制单位、文号、版本、印发日期，并由主要负责人签发（GB/T 29639 附录C）",
        "a cover carries organization, number, version and issue date, signed by the principal (GB/T 29639 annex C)",
    ))
}

pub fn filing_late(span: Span, issued: Date, due: Date, filed: bool) -> Diagnostic {
    let (zh, en) = if filed {
        (
            format!("备案晚于印发后 20 个工作日（{issued} 印发，应不晚于 {due}）"),
            format!("filed later than 20 working days after issue ({issued}; due by {due})"),
        )
    } else {
        (
            format!("预案 {issued} 印发，至今未备案（应不晚于 {due}）"),
            format!("issued on {issued} and not filed yet (due by {due})"),
        )
    };
    gap("S0004", span, m(zh, en))
        .with_label(if filed {
            m("备案日期", "filing date")
        } else {
            m("印发日期", "issue date")
        })
        .with_help(m(
            "预案应在印发后 20 个工作日内报送备案（国办发〔2024〕5号 第26条）；已备案请写 `filed 日期`",
            "file the plan within 20 working days of issue (国办发〔2024〕5号 Art 26); record it with `filed DATE`",
        ))
}

pub fn date_in_future(span: Span, field: &str, date: Date, today: Date) -> Diagnostic {
    let zh = if field == "filed" { "备案" } else { "评估" };
    gap(
        "S0005",
        span,
        m(
            format!("{zh}日期 {date} 晚于今天（{today}）"),
            format!("the `{field}` date {date} is after today ({today})"),
        ),
    )
    .with_label(m("未来的日期", "a date in the future"))
    .with_help(m(
        "只记录已经发生的备案和评估；核对日期，或用 `--today` 指定检查日期",
        "record filing and evaluation once they happened; check the date, or set the check date with `--today`",
    ))
}

pub fn filed_before_issued(span: Span, issued: Span) -> Diagnostic {
    gap(
        "S0005",
        span,
        m(
            "备案日期早于印发日期",
            "the plan is filed before it is issued",
        ),
    )
    .with_label(m("备案日期", "filing date"))
    .with_secondary(issued, m("印发日期", "issue date"))
    .with_help(m(
        "预案先印发、后备案：核对两个日期",
        "a plan is issued first and filed after: check both dates",
    ))
}

pub fn evaluation_overdue(span: Span, last: Date, cadence: Duration, due: Date) -> Diagnostic {
    gap(
        "S0006",
        span,
        m(
            format!("预案评估已逾期：上次 {last}，每 {cadence} 一次，应不晚于 {due}"),
            format!("the plan's evaluation is overdue: last {last}, every {cadence}, due by {due}"),
        ),
    )
    .with_label(m("上次评估（或印发）日期", "last evaluation (or issue) date"))
    .with_help(m(
        "组织预案评估并记录 `reviewed 日期`；评估至少每 3 年一次（应急管理部令第2号 第35条）",
        "evaluate the plan and record `reviewed DATE`; at least every 3 years (应急管理部令第2号 Art 35)",
    ))
}

pub fn review_cadence(span: Span, cadence: Option<Duration>) -> Diagnostic {
    let (zh, en) = match cadence {
        None => (
            "预案没有规定评估周期".to_string(),
            "the plan states no review cadence".to_string(),
        ),
        Some(c) => (
            format!("评估周期 {c} 超过 3 年"),
            format!("the review cadence {c} is longer than 3 years"),
        ),
    };
    gap("S0007", span, m(zh, en))
        .with_label(m("评估周期", "review cadence"))
        .with_help(m(
            "在预案头写 `review every 3y` 或更短（应急管理部令第2号 第35条）",
            "write `review every 3y` or shorter in the header (应急管理部令第2号 Art 35)",
        ))
}

pub fn no_linked_plans(span: Span) -> Diagnostic {
    gap(
        "S0008",
        span,
        m(
            "预案没有说明与上位预案、相关预案的衔接",
            "the plan names no parent or related plan",
        ),
    )
    .with_label(m("没有 `parent` 或 `related`", "no `parent` or `related`"))
    .with_help(m(
        "写 `parent \"……总体应急预案\"` 和 `related \"……\"`（GB/T 29639 §9.3）",
        "add `parent \"…\"` and `related \"…\"` (GB/T 29639 §9.3)",
    ))
}

// ───────────── O: organization ─────────────

pub fn without_duties(span: Span, name: &str, role: bool) -> Diagnostic {
    let (zh, en) = if role {
        ("角色", "role")
    } else {
        ("部门", "unit")
    };
    gap(
        "O0001",
        span,
        m(
            format!("{zh} `{name}` 没有职责"),
            format!("the {en} `{name}` has no duty"),
        ),
    )
    .with_label(m("没有 `duty`", "no `duty`"))
    .with_help(m(
        "加上 `duty \"负责……\"`：每个部门和角色至少有一项职责（GB/T 29639 §6.2）",
        "add `duty \"…\"`: every unit and role has at least one duty (GB/T 29639 §6.2)",
    ))
}

pub fn role_without_holder(span: Span, name: &str) -> Diagnostic {
    gap(
        "O0002",
        span,
        m(
            format!("角色 `{name}` 没有写明由谁担任"),
            format!("nobody holds the role `{name}`"),
        ),
    )
    .with_label(m("没有 `holder`", "no `holder`"))
    .with_help(m(
        "加上 `holder \"职务名称\"`（写岗位，不写个人姓名）",
        "add `holder \"post\"` (a post, never a person's name)",
    ))
}

pub fn critical_without_backup(span: Span, name: &str, commander: bool) -> Diagnostic {
    let (zh, en) = if commander {
        ("总指挥", "commander")
    } else {
        ("新闻发言人", "spokesperson")
    };
    gap(
        "O0003",
        span,
        m(
            format!("{zh} `{name}` 没有 AB 角（替补）"),
            format!("the {en} `{name}` has no backup"),
        ),
    )
    .with_label(m("没有 `backup`", "no `backup`"))
    .with_help(m(
        format!("加上 `backup 角色`：{zh}不在时须有人立即接替"),
        format!("add `backup ROLE`: someone must act at once when the {en} cannot"),
    ))
}

pub fn backup_same_person(span: Span, name: &str, holder: Option<&str>) -> Diagnostic {
    let (zh, en) = match holder {
        None => (
            format!("`{name}` 的替补是它自己"),
            format!("`{name}` is its own backup"),
        ),
        Some(h) => (
            format!("`{name}` 的替补与它由同一人（{h}）担任"),
            format!("`{name}` and its backup are held by the same person ({h})"),
        ),
    };
    gap("O0004", span, m(zh, en))
        .with_label(m("替补不是另一个人", "the backup is not someone else"))
        .with_help(m(
            "AB 角须由不同的人担任：改为另一个角色",
            "a backup is another person: name a different role",
        ))
}

pub fn backup_loop(span: Span, chain: &[String], others: Vec<Span>) -> Diagnostic {
    let text = chain.join(" → ");
    let mut d = gap(
        "O0005",
        span,
        m(
            format!("替补关系绕成一圈：{text}"),
            format!("backups run in a ring: {text}"),
        ),
    )
    .with_label(m("环从这里开始", "the ring starts here"))
    .with_help(m(
        "替补链应有尽头：让链末的替补指向不在链中的角色，或只保留互为 AB 角的两人",
        "a backup chain ends somewhere: point the last backup outside the ring, or keep a mutual pair",
    ));
    for s in others {
        d = d.with_secondary(s, m("环中的替补", "backup in the ring"));
    }
    d
}

pub fn body_lead(span: Span, body: &str, lead: Option<(&str, Span)>) -> Diagnostic {
    match lead {
        None => gap(
            "O0006",
            span,
            m(
                format!("指挥机构 `{body}` 没有总指挥"),
                format!("the command body `{body}` has no lead"),
            ),
        )
        .with_label(m("没有 `lead`", "no `lead`"))
        .with_help(m(
            "加上 `lead 总指挥`（一个角色）",
            "add `lead ROLE` (a role)",
        )),
        Some((name, def)) => gap(
            "O0006",
            span,
            m(
                format!("指挥机构 `{body}` 的 `lead` 是 `{name}`，不是角色"),
                format!("the lead of `{body}` is `{name}`, which is not a role"),
            ),
        )
        .with_label(m("应为角色", "expected a role"))
        .with_secondary(
            def,
            m(
                format!("`{name}` 定义在这里"),
                format!("`{name}` is defined here"),
            ),
        )
        .with_help(m(
            "指挥由具体岗位负责：定义 `role 总指挥 { … }` 并作为 `lead`",
            "a person in a post leads: define `role … { … }` and make it the lead",
        )),
    }
}

pub fn external_given_work(span: Span, name: &str, what: &str) -> Diagnostic {
    let (zh, en) = match what {
        "duty" => ("职责", "a duty"),
        "body" => ("指挥机构中的位置", "a place in the command body"),
        "backup" => ("替补（AB 角）", "a backup duty"),
        "watched_by" => ("监测渠道", "a channel to watch"),
        "roster" => ("值班", "a roster to staff"),
        "declared_by" => ("宣布级别", "a level to declare"),
        "approve" => ("审批", "a sign-off"),
        _ => ("保障或演练", "a resource or drill to own"),
    };
    gap(
        "O0007",
        span,
        m(
            format!("外部单位 `{name}` 被分派了{zh}"),
            format!("the external party `{name}` is given {en}"),
        ),
    )
    .with_label(m("外部单位在此承担工作", "work given to an external party"))
    .with_help(m(
        "外部单位只接收报告、提供意见，不受本预案指挥：改由本单位的部门或角色承担",
        "external parties receive reports and are consulted, but this plan cannot command them: give it to a unit or role",
    ))
}

pub fn no_command_body(span: Span) -> Diagnostic {
    gap(
        "O0008",
        span,
        m(
            "预案定义了部门和角色，但没有应急指挥机构",
            "the plan has roles and units but no command body",
        ),
    )
    .with_label(m(
        "组织在此，却没有指挥机构",
        "an organization without a command body",
    ))
    .with_help(m(
        "加上 `body 应急指挥中心 { lead 总指挥 … }`（GB/T 29639 §6.2）",
        "add `body … { lead ROLE … }` (GB/T 29639 §6.2)",
    ))
}

// ───────────── R: reporting ─────────────

pub fn cannot_reach_commander(
    span: Span,
    name: &str,
    commander: &str,
    no_lines: bool,
) -> Diagnostic {
    gap(
        "R0002",
        span,
        m(
            format!("`{name}` 的信息无法沿报告线到达总指挥 `{commander}`"),
            format!("`{name}` cannot reach the commander `{commander}` along reporting lines"),
        ),
    )
    .with_label(if no_lines {
        m("没有 `reports_to`", "no `reports_to`")
    } else {
        m(
            "报告线没有通到总指挥",
            "its reporting lines do not lead to the commander",
        )
    })
    .with_help(m(
        "加上 `reports_to 应急指挥中心 within 30m` 之类的报告线，使信息逐级到达总指挥",
        "add a line such as `reports_to BODY within 30m` so that information reaches the commander",
    ))
}

pub fn no_upward_report(span: Span) -> Diagnostic {
    gap(
        "R0003",
        span,
        m(
            "没有向上级主管部门等外部机关报告的报告线",
            "no reporting line goes up to an external authority",
        ),
    )
    .with_label(m("总指挥不向任何上级报告", "the commander reports to no authority"))
    .with_help(m(
        "定义 `external 上级主管部门 { kind authority }`，并加上 `reports_to 上级主管部门 within 1h`（GB/T 29639 §6.3.1.1）",
        "define `external … { kind authority }` and add `reports_to … within 1h` (GB/T 29639 §6.3.1.1)",
    ))
}

pub fn line_without_limit(span: Span, from: &str, to: &str) -> Diagnostic {
    gap(
        "R0004",
        span,
        m(
            format!("`{from}` 向 `{to}` 报告没有时限"),
            format!("the reporting line from `{from}` to `{to}` has no time limit"),
        ),
    )
    .with_label(m("没有 `within`", "no `within`"))
    .with_help(m(
        "加上时限，如 `within 30m`：信息报告须明确时限和责任人（GB/T 29639 §6.3.1.1）",
        "add a limit such as `within 30m`: every report has a time limit and a responsible party (GB/T 29639 §6.3.1.1)",
    ))
}

// ───────────── L: levels ─────────────

pub fn rank_missing(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0001",
        span,
        m(
            format!("级别 `{name}` 没有序号"),
            format!("the level `{name}` has no rank"),
        ),
    )
    .with_label(m("没有 `rank`", "no `rank`"))
    .with_help(m(
        "加上 `rank N`：1 为最高级（红色），依次递减",
        "add `rank N`: 1 is the highest (red), then downwards",
    ))
}

pub fn rank_duplicate(
    span: Span,
    name: &str,
    first: &str,
    rank: u32,
    first_span: Span,
) -> Diagnostic {
    gap(
        "L0001",
        span,
        m(
            format!("级别 `{name}` 与 `{first}` 序号相同（{rank}）"),
            format!("the levels `{name}` and `{first}` share rank {rank}"),
        ),
    )
    .with_label(m("重复的序号", "repeated rank"))
    .with_secondary(
        first_span,
        m(format!("`{first}` 的序号"), format!("rank of `{first}`")),
    )
    .with_help(m(
        "级别须严格排序：每个级别一个不同的序号",
        "levels are strictly ordered: give each level its own rank",
    ))
}

pub fn colour_order(span: Span, lower: &str, higher: &str, higher_span: Span) -> Diagnostic {
    gap(
        "L0002",
        span,
        m(
            format!("级别 `{lower}` 的颜色不低于更高级的 `{higher}`"),
            format!("the colour of `{lower}` is not below that of the higher level `{higher}`"),
        ),
    )
    .with_label(m("颜色顺序与序号不符", "colour out of order with rank"))
    .with_secondary(
        higher_span,
        m(
            format!("`{higher}` 的颜色"),
            format!("colour of `{higher}`"),
        ),
    )
    .with_help(m(
        "颜色从高到低依次为 红、橙、黄、蓝，与 `rank` 1、2、3、4 一致",
        "colours run red, orange, yellow, blue from the top, matching ranks 1, 2, 3, 4",
    ))
}

pub fn response_order(span: Span, lower: &str, higher: &str, higher_span: Span) -> Diagnostic {
    gap(
        "L0002",
        span,
        m(
            format!("级别 `{lower}` 的响应等级高于更高级的 `{higher}`"),
            format!("the lower level `{lower}` calls for a higher response than `{higher}`"),
        ),
    )
    .with_label(m(
        "响应等级顺序与序号不符",
        "response out of order with rank",
    ))
    .with_secondary(
        higher_span,
        m(
            format!("`{higher}` 的响应等级"),
            format!("response of `{higher}`"),
        ),
    )
    .with_help(m(
        "级别越高，响应等级越高（Ⅰ 最高）",
        "a higher level calls for a higher response (Ⅰ is the highest)",
    ))
}

pub fn no_criteria(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0003",
        span,
        m(
            format!("级别 `{name}` 没有分级标准"),
            format!("the level `{name}` has no descriptive criteria"),
        ),
    )
    .with_label(m("没有 `criteria`", "no `criteria`"))
    .with_help(m(
        "加上 `criteria \"……\"`，用文字写明何种情形属于本级（GB/T 29639 §6.3.1.2）",
        "add `criteria \"…\"` describing what makes an incident this level (GB/T 29639 §6.3.1.2)",
    ))
}

pub fn no_when(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0004",
        span,
        m(
            format!("级别 `{name}` 没有可度量的判定条件"),
            format!("the level `{name}` has no measurable criteria"),
        ),
    )
    .with_label(m("没有 `when`", "no `when`"))
    .with_help(m(
        "加上 `when reach >= 10万 or media >= provincial` 之类的条件，研判和演练才能据此定级",
        "add a condition such as `when reach >= 100000 or media >= provincial` so that assessment and drills can tell",
    ))
}

pub fn thresholds_not_monotonic(
    span: Span,
    higher: &str,
    lower: &str,
    signal: &str,
    values: (&str, &str),
    lower_span: Span,
) -> Diagnostic {
    gap(
        "L0005",
        span,
        m(
            format!(
                "更高的级别 `{higher}` 只需 {signal} ≥ {}，低于 `{lower}` 的 {}",
                values.0, values.1
            ),
            format!(
                "the higher level `{higher}` needs only {signal} >= {}, less than `{lower}` needs ({})",
                values.0, values.1
            ),
        ),
    )
    .with_label(m("更高级别的门槛更低", "a lower threshold for a higher level"))
    .with_secondary(lower_span, m(format!("`{lower}` 的门槛"), format!("threshold of `{lower}`")))
    .with_help(m(
        "级别越高，条件越严：调高这里的门槛，或调换两个级别",
        "a higher level demands more: raise this threshold, or swap the levels",
    ))
}

pub fn no_declarer(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0006",
        span,
        m(
            format!("级别 `{name}` 没有写明由谁宣布"),
            format!("nobody declares the level `{name}`"),
        ),
    )
    .with_label(m("没有 `declared_by`", "no `declared_by`"))
    .with_help(m(
        "加上 `declared_by 总指挥` 等：研判后须有明确的决策人（GB/T 29639 §6.3.1.2）",
        "add `declared_by ROLE`: someone decides after assessment (GB/T 29639 §6.3.1.2)",
    ))
}

pub fn no_stand_down(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0007",
        span,
        m(
            format!("级别 `{name}` 没有解除条件"),
            format!("the level `{name}` has no stand-down condition"),
        ),
    )
    .with_label(m("没有 `stand_down`", "no `stand_down`"))
    .with_help(m(
        "加上 `stand_down \"舆情平息…\" if heat < 100 for 72h`：每个级别须有终止条件",
        "add `stand_down \"…\" if heat < 100 for 72h`: every level has an end condition",
    ))
}

pub fn level_without_actions(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0008",
        span,
        m(
            format!("级别 `{name}` 没有触发任何行动"),
            format!("the level `{name}` triggers no action"),
        ),
    )
    .with_label(m("本级没有 `on level` 行动", "no `on level` action for it"))
    .with_help(m(
        format!("加上 `on level {name} {{ action … }}`：宣布了级别就要有人做事"),
        format!("add `on level {name} {{ action … }}`: a declared level must set people to work"),
    ))
}

pub fn no_upgrade_path(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0009",
        span,
        m(
            format!("级别 `{name}` 没有升级路径"),
            format!("the level `{name}` has no upgrade path"),
        ),
    )
    .with_label(m("没有 `upgrade_to`", "no `upgrade_to`"))
    .with_help(m(
        "加上 `upgrade_to 更高级别`：除最高级外，每个级别都须能升级",
        "add `upgrade_to LEVEL`: every level but the highest can be raised",
    ))
}

pub fn not_reached_by_upgrade(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0010",
        span,
        m(
            format!("没有任何级别升级到 `{name}`"),
            format!("no level upgrades to `{name}`"),
        ),
    )
    .with_label(m("无法通过升级到达", "not reachable by upgrade"))
    .with_help(m(
        format!("在下一级加上 `upgrade_to {name}`，使级别逐级衔接"),
        format!("add `upgrade_to {name}` to the level below it, so that levels chain"),
    ))
}

pub fn wrong_direction(span: Span, level: &str, target: &str, up: bool) -> Diagnostic {
    let (zh, en, kw) = if up {
        ("升级", "upgrades", "upgrade_to")
    } else {
        ("降级", "downgrades", "downgrade_to")
    };
    let (dz, de) = if up {
        ("更高", "higher")
    } else {
        ("更低", "lower")
    };
    gap(
        "L0011",
        span,
        m(
            format!("`{level}` {zh}到的 `{target}` 并不{dz}"),
            format!("`{level}` {en} to `{target}`, which is not {de}"),
        ),
    )
    .with_label(m(
        format!("`{kw}` 方向错误"),
        format!("`{kw}` points the wrong way"),
    ))
    .with_help(m(
        format!("`{kw}` 应指向{dz}的级别（序号 1 最高）"),
        format!("`{kw}` names a {de} level (rank 1 is the highest)"),
    ))
}

pub fn response_copies_levels(span: Span) -> Diagnostic {
    gap(
        "L0012",
        span,
        m(
            "响应等级与预警级别一一照搬",
            "the response levels copy the warning levels one to one",
        ),
    )
    .with_label(m("每个级别的响应等级都等于其序号", "every response equals its rank"))
    .with_help(m(
        "确认这是有意为之：响应分级应按实际处置能力确定，不宜照搬（GB/T 29639 §6.1.2）；可在 `lint` 中写明理由",
        "make sure this is deliberate: response levels follow capacity, not a copy (GB/T 29639 §6.1.2); record the reason in `lint`",
    ))
}

pub fn no_response_level(span: Span, name: &str) -> Diagnostic {
    gap(
        "L0013",
        span,
        m(
            format!("级别 `{name}` 没有对应的响应等级"),
            format!("the level `{name}` names no response level"),
        ),
    )
    .with_label(m("没有 `response`", "no `response`"))
    .with_help(m("加上 `response Ⅰ`…`Ⅳ`", "add `response Ⅰ`…`Ⅳ`"))
}

// ───────────── A: actions ─────────────

pub fn external_owner(span: Span, action: &str, owner: &str, def: Span) -> Diagnostic {
    gap(
        "A0002",
        span,
        m(
            format!("行动 `{action}` 的责任方 `{owner}` 是外部单位"),
            format!("the owner of `{action}` is the external party `{owner}`"),
        ),
    )
    .with_label(m(
        "外部单位不能作为责任方",
        "an external party cannot own an action",
    ))
    .with_secondary(
        def,
        m(
            format!("`{owner}` 定义为外部单位"),
            format!("`{owner}` is defined as external"),
        ),
    )
    .with_help(m(
        "由本单位的部门或角色负责，外部单位放在 `inform` 或 `consult` 中",
        "give it to a unit or role; put the external party under `inform` or `consult`",
    ))
}

pub fn several_accountable(
    span: Span,
    action: &str,
    names: &[&str],
    others: Vec<Span>,
) -> Diagnostic {
    let list = names.join("、");
    let mut d = gap(
        "A0003",
        span,
        m(
            format!("行动 `{action}` 有多个审批方：{list}"),
            format!(
                "the action `{action}` has several approvers: {}",
                names.join(", ")
            ),
        ),
    )
    .with_label(m("第一个审批方", "first approver"))
    .with_help(m(
        "每项行动只有一个最终审批人（RACI 中的 A）；其余放在 `consult` 中",
        "one party is accountable (the A of RACI); move the others to `consult`",
    ));
    for s in others {
        d = d.with_secondary(s, m("又一个审批方", "another approver"));
    }
    d
}

pub fn repeated_without_cadence(span: Span, name: &str, word: &str) -> Diagnostic {
    gap(
        "A0005",
        span,
        m(
            format!("`{name}` 是重复进行的工作（“{word}”），却没有频次"),
            format!("`{name}` is repeated work (\"{word}\") but has no cadence"),
        ),
    )
    .with_label(m("没有 `every`", "no `every`"))
    .with_help(m(
        "加上 `every 2h` 等频次：续报要写明多久一次",
        "add a cadence such as `every 2h`: follow-ups say how often",
    ))
}

pub fn without_deadline(span: Span, name: &str) -> Diagnostic {
    gap(
        "A0006",
        span,
        m(
            format!("行动 `{name}` 没有时限"),
            format!("the action `{name}` has no deadline"),
        ),
    )
    .with_label(m("没有 `within` 或 `every`", "no `within` or `every`"))
    .with_help(m(
        "加上 `within 1h` 等时限：没有时限的行动无法考核",
        "add a deadline such as `within 1h`: an action without one cannot be held to account",
    ))
}

pub fn level_without_release(span: Span, name: &str) -> Diagnostic {
    gap(
        "A0007",
        span,
        m(
            format!("级别 `{name}` 没有信息发布行动"),
            format!("the level `{name}` has no information release"),
        ),
    )
    .with_label(m("本级不对外发声", "nothing is said to the public at this level"))
    .with_help(m(
        "加上 `deliver statement` 的行动（如首次回应），做到处置、发布、引导“三同步”（国办发〔2016〕61号）",
        "add an action that delivers a `statement` (a first response): act and speak together (国办发〔2016〕61号)",
    ))
}

pub fn slower_higher_level(
    span: Span,
    higher: &str,
    lower: &str,
    times: (u64, u64),
    lower_span: Span,
) -> Diagnostic {
    gap(
        "A0008",
        span,
        m(
            format!(
                "更高的级别 `{higher}` 首次发布时限 {}，慢于 `{lower}` 的 {}",
                dur(times.0),
                dur(times.1)
            ),
            format!(
                "the higher level `{higher}` releases first within {}, slower than `{lower}` ({})",
                dur(times.0),
                dur(times.1)
            ),
        ),
    )
    .with_label(m("更高级别反而更慢", "slower at a higher level"))
    .with_secondary(
        lower_span,
        m(
            format!("`{lower}` 的时限"),
            format!("deadline at `{lower}`"),
        ),
    )
    .with_help(m(
        "级别越高，回应越快：把这里的时限收紧到不长于较低级别",
        "a higher level answers sooner: tighten this deadline to no more than the lower level's",
    ))
}

pub fn no_post_incident(span: Span) -> Diagnostic {
    gap(
        "A0009",
        span,
        m(
            "预案没有后期处置行动",
            "the plan has no post-incident action",
        ),
    )
    .with_label(m("级别解除后无人复盘", "nothing happens after stand-down"))
    .with_help(m(
        "加上 `on stand_down { action 复盘评估 { owner … within 72h } }`",
        "add `on stand_down { action … { owner … within 72h } }` for review",
    ))
}

pub fn no_detect_action(span: Span) -> Diagnostic {
    gap(
        "A0010",
        span,
        m(
            "预案没有发现舆情后的研判行动",
            "the plan has no action on detection",
        ),
    )
    .with_label(m(
        "没有 `on detect` 行动，级别无从宣布",
        "no `on detect` action: no level is ever declared",
    ))
    .with_help(m(
        "加上 `on detect { action 研判定级 { owner … within 30m } }`",
        "add `on detect { action … { owner … within 30m } }` to assess and declare",
    ))
}

// ───────────── T: timing ─────────────

pub fn chain_report_label(from: &str, to: &str, minutes: u64, total: u64) -> Msg {
    m(
        format!(
            "`{from}` 向 `{to}` 报告：{}（累计 {}）",
            dur(minutes),
            dur(total)
        ),
        format!(
            "`{from}` reports to `{to}`: {} ({} so far)",
            dur(minutes),
            dur(total)
        ),
    )
}

pub fn chain_prereq_label(action: &str, minutes: u64) -> Msg {
    m(
        format!("须等 `{action}` 完成：可能到 {}", dur(minutes)),
        format!(
            "waits for `{action}`, which may take until {}",
            dur(minutes)
        ),
    )
}

pub fn chain_exceeds_deadline(
    span: Span,
    action: &str,
    earliest: u64,
    deadline: u64,
    effort: u64,
    labels: Vec<(Span, Msg)>,
) -> Diagnostic {
    let (ez, ee) = if effort > 0 {
        (
            format!("（含本身工作量 {}）", dur(effort)),
            format!(" (with its own effort of {})", dur(effort)),
        )
    } else {
        (String::new(), String::new())
    };
    let mut d = gap(
        "T0001",
        span,
        m(
            format!(
                "行动 `{action}` 最早 {}{ez} 才能完成，超过其时限 {}",
                dur(earliest),
                dur(deadline)
            ),
            format!(
                "`{action}` cannot be sure to finish before {}{ee}, later than its deadline of {}",
                dur(earliest),
                dur(deadline)
            ),
        ),
    )
    .with_label(m(format!("时限 {}", dur(deadline)), format!("deadline {}", dur(deadline))))
    .with_help(m(
        "缩短链上的报告时限或前置行动的时限，或放宽本行动的时限，或让责任方直接接报",
        "shorten the reporting limits or prerequisite deadlines on the chain, loosen this deadline, or inform the owner directly",
    ));
    for (s, l) in labels {
        d = d.with_secondary(s, l);
    }
    d
}

pub fn effort_exceeds_deadline(
    span: Span,
    action: &str,
    effort: u64,
    deadline: u64,
    effort_span: Span,
) -> Diagnostic {
    gap(
        "T0002",
        span,
        m(
            format!(
                "行动 `{action}` 的工作量 {} 超过其时限 {}",
                dur(effort),
                dur(deadline)
            ),
            format!(
                "`{action}` takes {} of work, more than its deadline of {}",
                dur(effort),
                dur(deadline)
            ),
        ),
    )
    .with_label(m("时限", "deadline"))
    .with_secondary(effort_span, m("工作量", "effort"))
    .with_help(m(
        "放宽时限，或拆分工作、预先准备模板以减少工作量",
        "loosen the deadline, or split the work and prepare templates to cut the effort",
    ))
}

pub fn first_release_late(
    span: Span,
    level: &str,
    action: &str,
    minutes: u64,
    limit: u64,
) -> Diagnostic {
    gap(
        "T0003",
        span,
        m(
            format!(
                "级别 `{level}` 的首次信息发布（`{action}`）时限 {}，超过 {}",
                dur(minutes),
                dur(limit)
            ),
            format!(
                "at level `{level}` the first release (`{action}`) comes within {}, later than {}",
                dur(minutes),
                dur(limit)
            ),
        ),
    )
    .with_label(m("首次发布太晚", "first release too late"))
    .with_help(m(
        "重大舆情 24 小时内、一般舆情 48 小时内须有回应（国办发〔2016〕61号）；“黄金 4 小时”内发声更好",
        "answer within 24 h for major cases and 48 h for others (国办发〔2016〕61号); within the golden 4 hours is better",
    ))
}

pub fn prerequisite_may_not_happen(
    span: Span,
    action: &str,
    trigger: &str,
    prereq: &str,
    prereq_trigger: &str,
    prereq_span: Span,
) -> Diagnostic {
    gap(
        "T0004",
        span,
        m(
            format!(
                "行动 `{action}`（on {trigger}）等待的 `{prereq}`（on {prereq_trigger}）可能从未触发"
            ),
            format!(
                "`{action}` (on {trigger}) waits for `{prereq}` (on {prereq_trigger}), which may never be triggered"
            ),
        ),
    )
    .with_label(m("可能永远等不到", "may wait forever"))
    .with_secondary(prereq_span, m(format!("`{prereq}` 定义在这里"), format!("`{prereq}` is defined here")))
    .with_help(m(
        "只依赖一定先于本行动触发的行动（同一触发条件，或 `on detect`）；或让前置行动覆盖本行动的所有级别",
        "depend only on actions surely triggered first (same trigger, or `on detect`), or make the prerequisite cover all of this action's levels",
    ))
}

// ───────────── M: monitoring ─────────────

pub fn unwatched_channel(span: Span, name: &str) -> Diagnostic {
    gap(
        "M0001",
        span,
        m(
            format!("监测渠道 `{name}` 无人监测"),
            format!("nobody watches the channel `{name}`"),
        ),
    )
    .with_label(m("没有 `watched_by`", "no `watched_by`"))
    .with_help(m("加上 `watched_by 部门`", "add `watched_by UNIT`"))
}

pub fn claim_without_roster(span: Span, channel: &str) -> Diagnostic {
    gap(
        "M0002",
        span,
        m(
            format!("渠道 `{channel}` 声称 24 小时监测，却没有值班表"),
            format!("the channel `{channel}` claims round-the-clock watch without a roster"),
        ),
    )
    .with_label(m("24 小时监测", "round-the-clock claim"))
    .with_help(m(
        "加上 `roster 值班表`，并在值班表中排满 24×7 的班次",
        "add `roster NAME` and give that roster shifts covering 24×7",
    ))
}

pub fn roster_does_not_cover(
    span: Span,
    channel: &str,
    roster: &str,
    gap_words: (String, String),
    roster_span: Span,
) -> Diagnostic {
    gap(
        "M0003",
        span,
        m(
            format!("值班表 `{roster}` 没有覆盖渠道 `{channel}` 声称的时段：{} 无人值班", gap_words.0),
            format!("the roster `{roster}` does not cover the hours `{channel}` claims: nobody on duty {}", gap_words.1),
        ),
    )
    .with_label(m("声称的监测时段", "claimed hours"))
    .with_secondary(roster_span, m("值班表", "roster"))
    .with_help(m(
        "为缺口加一个班次（如 `shift 夜班 daily 20:00-08:00`、`shift 节假日 holidays 00:00-24:00`），或如实缩小声称的时段",
        "add a shift for the gap (e.g. `shift night daily 20:00-08:00`, `shift holiday holidays 00:00-24:00`), or claim fewer hours",
    ))
}

pub fn roster_gap(span: Span, roster: &str, gap_words: (String, String)) -> Diagnostic {
    gap(
        "M0004",
        span,
        m(
            format!("值班表 `{roster}` 的班次之间有空档：{}", gap_words.0),
            format!(
                "the roster `{roster}` has a gap between shifts: {}",
                gap_words.1
            ),
        ),
    )
    .with_label(m("班次有空档", "gap between shifts"))
    .with_help(m(
        "调整班次使其首尾相接，或加一个班次补上空档",
        "make the shifts meet end to start, or add a shift for the gap",
    ))
}

pub fn channel_without_hours(span: Span, name: &str) -> Diagnostic {
    gap(
        "M0005",
        span,
        m(
            format!("渠道 `{name}` 没有写明监测时段"),
            format!("the channel `{name}` states no hours of watch"),
        ),
    )
    .with_label(m("没有 `hours`", "no `hours`"))
    .with_help(m(
        "加上 `hours 24x7` 或 `hours workdays 09:00-18:00`",
        "add `hours 24x7` or `hours workdays 09:00-18:00`",
    ))
}

pub fn roster_incomplete(span: Span, name: &str, no_unit: bool) -> Diagnostic {
    let (zh, en, kw) = if no_unit {
        ("没有写明值班部门", "names no unit to staff it", "unit 部门")
    } else {
        (
            "没有任何班次",
            "has no shift",
            "shift 白班 daily 08:00-20:00",
        )
    };
    gap(
        "M0006",
        span,
        m(
            format!("值班表 `{name}` {zh}"),
            format!("the roster `{name}` {en}"),
        ),
    )
    .with_label(m("值班表不完整", "incomplete roster"))
    .with_help(m(format!("加上 `{kw}`"), format!("add `{kw}`")))
}

// ───────────── G: safeguards and drills ─────────────

pub fn resource_without_owner(span: Span, name: &str) -> Diagnostic {
    gap(
        "G0001",
        span,
        m(
            format!("保障资源 `{name}` 没有责任方"),
            format!("the resource `{name}` has no owner"),
        ),
    )
    .with_label(m("没有 `owner`", "no `owner`"))
    .with_help(m(
        "加上 `owner 部门`：每项保障须有人负责",
        "add `owner UNIT`: every safeguard is someone's job",
    ))
}

pub fn no_drill_cadence(span: Span) -> Diagnostic {
    gap(
        "G0002",
        span,
        m("预案没有规定演练频次", "the plan states no drill cadence"),
    )
    .with_label(m("没有 `drill every`", "no `drill every`"))
    .with_help(m(
        "在预案头写 `drill every 1y`，或定义 `drill 名称 { every 1y owner … }`",
        "write `drill every 1y` in the header, or define `drill NAME { every 1y owner … }`",
    ))
}

pub fn drills_too_rare(span: Span, cadence: Duration) -> Diagnostic {
    gap(
        "G0003",
        span,
        m(
            format!("演练频次 {cadence} 低于每年一次"),
            format!("drills every {cadence}, less often than once a year"),
        ),
    )
    .with_label(m("演练太少", "too rare"))
    .with_help(m(
        "综合或专项预案每年至少演练一次（应急管理部令第2号 第33条）：改为 `every 1y` 或更短",
        "drill at least once a year (应急管理部令第2号 Art 33): use `every 1y` or shorter",
    ))
}

pub fn exercise_incomplete(span: Span, name: &str, training: bool, missing: &[&str]) -> Diagnostic {
    let (zh, en) = if training {
        ("培训", "training")
    } else {
        ("演练", "drill")
    };
    let list: Vec<String> = missing.iter().map(|f| format!("`{f}`")).collect();
    gap(
        "G0004",
        span,
        m(
            format!("{zh} `{name}` 缺少 {}", list.join("、")),
            format!("the {en} `{name}` lacks {}", list.join(" and ")),
        ),
    )
    .with_label(m("不完整", "incomplete"))
    .with_help(m(
        "写明由谁组织（`owner`）、多久一次（`every`）",
        "say who runs it (`owner`) and how often (`every`)",
    ))
}

pub fn missing_safeguards(span: Span, kinds: &[&str]) -> Diagnostic {
    let zh: Vec<&str> = kinds
        .iter()
        .map(|k| match *k {
            "team" => "队伍（team）",
            "platform" => "技术平台（platform）",
            "budget" => "经费（budget）",
            _ => "通信（communications）",
        })
        .collect();
    gap(
        "G0005",
        span,
        m(
            format!("保障措施缺少：{}", zh.join("、")),
            format!("the safeguards lack {}", kinds.join(", ")),
        ),
    )
    .with_label(m("保障不全", "safeguards incomplete"))
    .with_help(m(
        "为每类保障定义 `resource 名称 { kind … owner … }`",
        "define `resource NAME { kind … owner … }` for each kind",
    ))
}

pub fn no_training(span: Span) -> Diagnostic {
    gap(
        "G0006",
        span,
        m("预案没有培训安排", "the plan has no training"),
    )
    .with_label(m("没有 `training`", "no `training`"))
    .with_help(m(
        "加上 `training 新闻发言人培训 { every 1y owner … }`",
        "add `training NAME { every 1y owner … }`",
    ))
}

// ───────────── H: hygiene ─────────────

pub fn unused_definition(span: Span, name: &str, kind: &str) -> Diagnostic {
    let (zh, en) = match kind {
        "role" => ("角色", "role"),
        "unit" => ("部门", "unit"),
        "external" => ("外部单位", "external party"),
        _ => ("值班表", "roster"),
    };
    gap(
        "H0001",
        span,
        m(
            format!("{zh} `{name}` 定义了却从未使用"),
            format!("the {en} `{name}` is defined but never used"),
        ),
    )
    .with_label(m("没有任何地方引用它", "nothing refers to it"))
    .with_help(m(
        "删去它，或在报告线、行动、渠道中用上它（可能是名称写错了）",
        "remove it, or use it in a reporting line, action or channel (the name may be misspelt elsewhere)",
    ))
}

pub fn confusable_names(span: Span, name: &str, other: &str, other_span: Span) -> Diagnostic {
    gap(
        "H0002",
        span,
        m(
            format!("名称 `{name}` 与 `{other}` 看起来一样，实际不同"),
            format!("the names `{name}` and `{other}` look the same but differ"),
        ),
    )
    .with_label(m("易混淆的名称", "confusable name"))
    .with_secondary(other_span, m(format!("`{other}` 在这里"), format!("`{other}` is here")))
    .with_help(m(
        "两个名称仅差不可见字符、全角/半角或形近字母：统一写法，或改成明显不同的名称",
        "they differ only by invisible characters, full-width forms or look-alike letters: write them the same way, or rename one",
    ))
}

fn codepoints(cs: &[char]) -> String {
    cs.iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn invisible_character(span: Span, cs: &[char]) -> Diagnostic {
    let list = codepoints(cs);
    gap(
        "H0003",
        span,
        m(
            format!("文件中有不可见字符（{list}）"),
            format!("the file contains invisible characters ({list})"),
        ),
    )
    .with_label(m("不可见字符", "invisible"))
    .with_help(m(
        "删去它：不可见字符会让两个看似相同的名称互不相等（常见于从网页或 Word 复制）",
        "remove it: invisible characters make names that look alike differ (they come with copy and paste)",
    ))
}

pub fn bidi_control(span: Span, cs: &[char]) -> Diagnostic {
    let list = codepoints(cs);
    gap(
        "H0004",
        span,
        m(
            format!("文件中有双向文字控制字符（{list}）"),
            format!("the file contains bidirectional control characters ({list})"),
        ),
    )
    .with_label(m("改变显示顺序的字符", "reorders the display"))
    .with_help(m(
        "删去它：这类字符能让屏幕上显示的内容与实际内容不同（Trojan Source，CVE-2021-42574）",
        "remove it: such characters make what is shown differ from what is read (Trojan Source, CVE-2021-42574)",
    ))
}

pub fn personal_data(span: Span, mobile: bool) -> Diagnostic {
    let (zh, en) = if mobile {
        ("手机号码", "a mobile phone number")
    } else {
        ("身份证号码", "an identity-card number")
    };
    gap(
        "H0005",
        span,
        m(
            format!("预案中似乎有{zh}"),
            format!("the plan seems to contain {en}"),
        ),
    )
    .with_label(m("个人信息", "personal data"))
    .with_help(m(
        "预案中写岗位和值班电话，个人联系方式放在单独受控的通讯录中（如 `contact \"（值班电话待填）\"`）",
        "write posts and duty lines; keep personal contacts in a separate, controlled roster (e.g. `contact \"(duty line)\"`)",
    ))
}

// ───────────── the lint block ─────────────

pub fn lint_bad_code(span: Span, code: &str, e: &CodeError) -> Diagnostic {
    let d = Diagnostic::error(
        "N0007",
        span,
        match e {
            CodeError::Fixed(c) if c.starts_with('D') => m(
                format!("`{c}` 是演练情景错误，不能在 `lint` 中调整"),
                format!("`{c}` is a drill-scenario error and cannot be configured"),
            ),
            CodeError::Fixed(c) => m(
                format!("`{c}` 是读取或名称错误，不能在 `lint` 中调整"),
                format!("`{c}` is a reading or name error and cannot be configured"),
            ),
            CodeError::Unknown(_) => m(
                format!("未知的诊断代码 `{code}`"),
                format!("unknown diagnostic code `{code}`"),
            ),
        },
    )
    .with_label(m("无法调整的代码", "not a configurable code"));
    match e {
        CodeError::Unknown(Some(s)) => d.with_help(m(
            format!("是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        CodeError::Unknown(None) => d.with_help(m(
            "`planc explain --list` 列出所有代码",
            "`planc explain --list` lists every code",
        )),
        CodeError::Fixed(_) => d.with_help(m(
            "修正预案本身，而不是忽略这类错误",
            "fix the plan instead of allowing the error",
        )),
    }
}

pub fn lint_without_reason(span: Span, code: &str) -> Diagnostic {
    gap(
        "H0006",
        span,
        m(
            format!("对 `{code}` 的例外没有写明理由"),
            format!("the exception for `{code}` gives no reason"),
        ),
    )
    .with_label(m("没有理由", "no reason"))
    .with_help(m(
        format!("写上理由：`allow {code} \"……的原因\"`，评审人才能判断"),
        format!("give the reason: `allow {code} \"why\"`, so that reviewers can judge it"),
    ))
}

pub fn lint_unused(span: Span, code: &str) -> Diagnostic {
    gap(
        "H0007",
        span,
        m(
            format!("对 `{code}` 的例外没有用上：预案中没有这类问题"),
            format!("the exception for `{code}` is unused: the plan has no such finding"),
        ),
    )
    .with_label(m("多余的例外", "unused exception"))
    .with_help(m(
        "删去这条例外，免得它日后掩盖新的问题",
        "remove it, so that it does not hide a new finding later",
    ))
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
