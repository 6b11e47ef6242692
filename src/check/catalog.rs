//! The code catalogue: one table of every diagnostic code — its family, default
//! severity, one-line summary and long explanation (what, why, source, a bad and a
//! good example). `planc explain` prints it; SARIF's `rules[]` is built from it; the
//! default severity of every gap diagnostic is read from it.

use crate::diagnostic::{Lang, Severity};

/// One code of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub code: &'static str,
    pub severity: Severity,
    /// One-line summary: zh, en.
    pub summary: [&'static str; 2],
    /// What the rule checks: zh, en.
    pub what: [&'static str; 2],
    /// Why it matters: zh, en.
    pub why: [&'static str; 2],
    /// The standard, rule or practice it comes from.
    pub source: &'static str,
    /// Plan text that fires it.
    pub bad: &'static str,
    /// Plan text that does not.
    pub good: &'static str,
}

impl Entry {
    /// The family letter's name.
    pub fn family(&self) -> [&'static str; 2] {
        family(self.code)
    }

    /// Reading, name and drill-scenario errors cannot be allowed; gap rules can.
    pub fn configurable(&self) -> bool {
        !matches!(self.code.as_bytes().first(), Some(b'P' | b'N' | b'D'))
    }

    pub fn summary(&self, lang: Lang) -> &'static str {
        self.summary[lang as usize]
    }
}

/// The name of a family, by the code's letter.
pub fn family(code: &str) -> [&'static str; 2] {
    match code.as_bytes().first() {
        Some(b'P') => ["读取与语法", "parse"],
        Some(b'N') => ["名称", "names"],
        Some(b'D') => ["演练情景", "drill scenarios"],
        Some(b'S') => ["文本结构", "structure"],
        Some(b'O') => ["组织体系", "organization"],
        Some(b'R') => ["信息报告", "reporting"],
        Some(b'L') => ["预警级别", "levels"],
        Some(b'A') => ["处置行动", "actions"],
        Some(b'T') => ["时限可行性", "timing"],
        Some(b'M') => ["监测值班", "monitoring"],
        Some(b'G') => ["保障与演练", "safeguards and drills"],
        Some(b'H') => ["规范卫生", "hygiene"],
        _ => ["其他", "other"],
    }
}

/// The entry of a code.
pub fn entry(code: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.code == code)
}

/// The default severity of a code (error for a code missing from the table, which
/// a test rules out).
pub fn severity(code: &str) -> Severity {
    entry(code).map_or(Severity::Error, |e| e.severity)
}

/// The long explanation of `planc explain CODE`.
pub fn explain(e: &Entry, lang: Lang) -> String {
    let i = lang as usize;
    let fam = e.family()[i];
    let sev = match (e.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "提示",
        (s, Lang::En) => match s {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
    };
    let heads: [&str; 7] = match lang {
        Lang::Zh => [
            "类别",
            "默认级别",
            "检查什么",
            "为什么",
            "依据",
            "反例",
            "正例",
        ],
        Lang::En => ["family", "default", "what", "why", "source", "bad", "good"],
    };
    let indent =
        |s: &str| -> String { s.lines().map(|l| format!("    {l}\n")).collect::<String>() };
    let mut out = format!("{}: {}\n\n", e.code, e.summary[i]);
    out += &format!("{}: {fam}    {}: {sev}\n\n", heads[0], heads[1]);
    out += &format!("{}:\n{}\n", heads[2], indent(e.what[i]));
    out += &format!("{}:\n{}\n", heads[3], indent(e.why[i]));
    out += &format!("{}:\n{}\n", heads[4], indent(e.source));
    out += &format!("{}:\n{}\n", heads[5], indent(e.bad));
    out += &format!("{}:\n{}", heads[6], indent(e.good));
    if e.configurable() {
        out += &match lang {
            Lang::Zh => format!(
                "\n可调整：`planc check --allow {c}`（或 --warn / --deny），或在预案中写 `lint {{ allow {c} \"理由\" }}`。\n",
                c = e.code
            ),
            Lang::En => format!(
                "\nConfigurable: `planc check --allow {c}` (or --warn / --deny), or in the plan `lint {{ allow {c} \"reason\" }}`.\n",
                c = e.code
            ),
        };
    }
    out
}

use Severity::{Error as E, Info as I, Warning as W};

macro_rules! entry {
    ($code:literal, $sev:ident,
     $sz:literal, $se:literal,
     $wz:literal, $we:literal,
     $yz:literal, $ye:literal,
     $src:literal, $bad:literal, $good:literal) => {
        Entry {
            code: $code,
            severity: $sev,
            summary: [$sz, $se],
            what: [$wz, $we],
            why: [$yz, $ye],
            source: $src,
            bad: $bad,
            good: $good,
        }
    };
}

/// Every code, in code order.
pub const CATALOG: &[Entry] = &[
    // ───────────── P: reading and parsing ─────────────
    entry!(
        "P0001",
        E,
        "语法错误",
        "syntax error",
        "源文件不符合预案语言的语法（grammar/plan.pest）。",
        "The source does not follow the plan grammar (grammar/plan.pest).",
        "语法错误之后的内容无法可靠理解，检查和生成都无从进行。",
        "Nothing after a syntax error can be read reliably, so no check or output can follow.",
        "planc 语言定义",
        r#"unit 宣传部 { duty "监测" "#,
        r#"unit 宣传部 { duty "监测" }"#
    ),
    entry!(
        "P0002",
        E,
        "嵌套过深",
        "nesting too deep",
        "括号或块的嵌套超过上限。",
        "Brackets or blocks nest deeper than the limit.",
        "通常是缺少 `}` 或 `)`；上限也防止恶意输入耗尽栈空间。",
        "Usually a missing `}` or `)`; the limit also keeps hostile input from exhausting the stack.",
        "planc 实现限制",
        "when ((((((((reach >= 1))))))))…",
        "when (reach >= 1000 or hot_search)"
    ),
    entry!(
        "P0003",
        E,
        "文字没有结束",
        "unterminated text",
        "引号或三引号文字没有闭合。",
        "A quoted or triple-quoted text is not closed.",
        "未闭合的文字会吞掉后面的全部内容。",
        "An open text swallows everything after it.",
        "planc 语言定义",
        r#"purpose "为了……"#,
        r#"purpose "为了……""#
    ),
    entry!(
        "P0004",
        E,
        "文件中有 NUL 字节",
        "NUL byte in the file",
        "文件含有 U+0000。",
        "The file contains U+0000.",
        "预案是文本文件；NUL 说明文件是二进制或编码错误。",
        "A plan is text; a NUL byte means a binary file or a wrong encoding.",
        "planc 实现",
        "（二进制文件）",
        "（UTF-8 文本）"
    ),
    entry!(
        "P0005",
        E,
        "文件不是有效的 UTF-8",
        "invalid UTF-8",
        "文件中有不能按 UTF-8 解码的字节。",
        "Some bytes cannot be decoded as UTF-8.",
        "GBK 等编码的文件须先转换，否则中文会乱码。",
        "GBK and other encodings must be converted first, or the Chinese text is garbled.",
        "planc 实现",
        "（GBK 编码的文件）",
        "（UTF-8 编码的文件）"
    ),
    entry!(
        "P0006",
        E,
        "字段重复",
        "field given twice",
        "一个只能有一个值的字段写了两次。",
        "A field that takes one value is given twice.",
        "两个值互相矛盾，无法确定以哪个为准。",
        "Two values contradict each other; neither can be trusted.",
        "planc 语言定义",
        "action 首次回应 { owner 宣传部 owner 网信部 }",
        "action 首次回应 { owner 宣传部 consult 网信部 }"
    ),
    entry!(
        "P0007",
        E,
        "日期不存在",
        "not a calendar date",
        "日期格式正确但日历上没有这一天。",
        "The date is well formed but no such day exists.",
        "错误的日期会让备案、评估期限的计算失真。",
        "A wrong date distorts filing and evaluation deadlines.",
        "planc 语言定义",
        "issued 2026-02-30",
        "issued 2026-02-28"
    ),
    entry!(
        "P0008",
        E,
        "时长超过一百年",
        "duration longer than a century",
        "时长大于一百年。",
        "A duration is longer than a century.",
        "这几乎总是数字或单位写错（如把 m 写成 y）。",
        "This is almost always a wrong number or unit (y for m).",
        "planc 语言定义",
        "within 300y",
        "within 30m"
    ),
    entry!(
        "P0009",
        E,
        "数字、序号或时刻无效",
        "invalid number, rank or time",
        "数字超出范围、序号不是 1 以上的整数、或时刻不在 00:00–24:00。",
        "A number out of range, a rank below 1, or a time outside 00:00–24:00.",
        "无效的值无法参与比较和计算。",
        "An invalid value cannot be compared or computed with.",
        "planc 语言定义",
        "level 红色 { rank 0 }",
        "level 红色 { rank 1 }"
    ),
    entry!(
        "P0010",
        E,
        "未知的转义",
        "unknown escape",
        "文字中的反斜杠转义不是 \\\" \\\\ \\n \\t 之一。",
        "A backslash escape in a text is not one of \\\" \\\\ \\n \\t.",
        "未知转义多半是想写反斜杠本身。",
        "An unknown escape usually means a literal backslash was meant.",
        "planc 语言定义",
        r#"detail "C:\plans""#,
        r#"detail "C:\\plans""#
    ),
    entry!(
        "P0011",
        E,
        "无法读取导出的 JSON",
        "cannot read the exported JSON",
        "JSON 输入不是 `planc export` 的格式。",
        "The JSON input is not in the format `planc export` writes.",
        "其他系统生成的预案须遵守导出格式（\"version\": 1）。",
        "Plans generated elsewhere must follow the export format (\"version\": 1).",
        "planc 命令行约定（cli.md）",
        r#"{"version": 2}"#,
        r#"{"version": 1, "roles": []}"#
    ),
    entry!(
        "P0012",
        E,
        "文件中没有定义",
        "the file defines nothing",
        "文件为空，或只有注释和空行。",
        "The file is empty, or holds only comments and blank lines.",
        "空文件多半是保存出错或路径写错，检查它毫无意义。",
        "An empty file usually means a failed save or a wrong path; checking it means nothing.",
        "planc 实现",
        "// 待写",
        "plan \"示例预案\" { version \"1.0\" }"
    ),
    entry!(
        "P0013",
        E,
        "文件过大",
        "the file is too large",
        "文件超过 4 GiB，planc 不读取。",
        "The file is larger than 4 GiB, which planc does not read.",
        "位置以 32 位记录；如此大的文件也不会是手写的预案。",
        "Locations are kept in 32 bits; a file this large is not a hand-written plan either.",
        "planc 实现",
        "（5 GB 的文件）",
        "（拆分为多个预案）"
    ),
    // ───────────── N: names ─────────────
    entry!(
        "N0001",
        E,
        "未定义的名称",
        "undefined name",
        "引用的名称没有定义，或不是所需的种类。",
        "A referenced name is not defined.",
        "引用落空意味着职责、报告或行动没有真正落到任何人身上。",
        "A dangling reference means a duty, report or action lands on nobody.",
        "planc 语言定义",
        "action 首次回应 { owner 宣传处 }",
        "action 首次回应 { owner 宣传部 }"
    ),
    entry!(
        "N0002",
        E,
        "名称重复定义",
        "name defined twice",
        "同一名称定义了两次。",
        "The same name is defined twice.",
        "引用无法确定指向哪一个定义。",
        "A reference could mean either definition.",
        "planc 语言定义",
        "unit 宣传部 { }\nunit 宣传部 { }",
        "unit 宣传部 { }\nunit 网信部 { }"
    ),
    entry!(
        "N0003",
        E,
        "名称种类不符",
        "name of the wrong kind",
        "名称已定义，但种类不是此处所需（如把级别当作责任方）。",
        "The name is defined but is the wrong kind here (a level as an owner).",
        "种类错误说明写错了名称或字段。",
        "A wrong kind means a wrong name or a wrong field.",
        "planc 语言定义",
        "action 首次回应 { owner 红色 }",
        "action 首次回应 { owner 宣传部 }"
    ),
    entry!(
        "N0004",
        E,
        "未知的信号",
        "unknown signal",
        "`when` 条件中使用了演练信号词表之外的信号。",
        "A `when` condition uses a signal outside the drill vocabulary.",
        "演练和研判只能计算已知的信号。",
        "Drills and assessment can only compute known signals.",
        "planc 语言定义（language.md）",
        "when reads >= 10万",
        "when reach >= 10万"
    ),
    entry!(
        "N0005",
        E,
        "信号取值类型不符",
        "wrong kind of value for a signal",
        "信号与取值类型不符（如 media 与数字比较）。",
        "A signal is compared with the wrong kind of value (media with a number).",
        "无法比较的条件永远不会成立。",
        "A condition that cannot be compared never holds.",
        "planc 语言定义",
        "when media >= 3",
        "when media >= provincial"
    ),
    entry!(
        "N0006",
        E,
        "未知的词",
        "unknown word",
        "类别、颜色、能力等词不在固定词表中。",
        "A kind, colour or capability word is not in its vocabulary.",
        "固定词表让文档、检查和演练用同一套说法。",
        "Fixed vocabularies keep document, checker and drills speaking alike.",
        "planc 语言定义",
        "channel 微博 { kind weibo }",
        "channel 微博 { kind social }"
    ),
    entry!(
        "N0007",
        E,
        "lint 中的代码无法调整",
        "lint names a code that cannot be configured",
        "`lint` 块中的代码不存在，或是读取、名称错误（P、N 类）。",
        "A code in the `lint` block does not exist, or is a reading or name error (P, N).",
        "写错的例外不会生效，却让人以为问题已被处理。",
        "A misspelt exception does nothing while looking as if it did.",
        "planc 检查配置",
        r#"lint { allow O003 "理由" }"#,
        r#"lint { allow O0003 "理由" }"#
    ),
    // ───────────── D: drill scenarios (reported by `planc drill`) ─────────────
    entry!(
        "D0001",
        E,
        "未知的情景参数",
        "unknown scenario parameter",
        "情景的 `start` 或 `spread` 写了演练模型不认识的参数名。可用的参数：reach、growth、negative_ratio、casualties（start），capacity、talk、hot_search、provincial、national、official（spread）。",
        "A scenario's `start` or `spread` names a parameter the drill model does not know. The parameters: reach, growth, negative_ratio, casualties (start); capacity, talk, hot_search, provincial, national, official (spread).",
        "写错的参数若被忽略，演练会按默认值推演另一个情景，得分看似可信却与编写者设想的不符；因此它是错误，演练不开始。",
        "A misspelt parameter that was ignored would make the drill play another incident on default values, with scores that look credible but do not fit the scenario written; so it is an error and no drill runs.",
        "planc 演练模型（design/drill.md：情景与传播模型）",
        "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 spread capacty 20万..300万 }",
        "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 spread capacity 20万..300万 }"
    ),
    entry!(
        "D0002",
        E,
        "未知的发生时段",
        "unknown kind of onset",
        "情景的 `onset` 后只能是 night（夜间）、weekend（周末）或 holiday（节假日），再跟一个概率。",
        "A scenario's `onset` takes night, weekend or holiday, followed by a probability.",
        "发生时段决定谁在值班、多快发现：夜间和节假日只有排班表覆盖的渠道能及时发现。写错的时段若被忽略，夜间情景就按白天推演，值班安排的缺口永远测不出来。",
        "The onset decides who is on duty and how fast the story is found: at night and on holidays only channels covered by a roster are watched. An ignored onset would play a night incident in daytime, and gaps in the rosters would never show.",
        "planc 演练模型（design/drill.md：发现与值班）",
        "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 onset midnight 0.3 }",
        "scenario 数据泄露 { weight 1 appears_on forum start reach 300..2000 onset night 0.3 }"
    ),
    entry!(
        "D0003",
        E,
        "不能缩放的传播参数",
        "spread parameter that cannot be scaled",
        "注入事件的 `scale` 只能缩放传播模型的 growth、capacity、reach 或 talk。",
        "An inject's `scale` can only scale growth, capacity, reach or talk of the spread model.",
        "`scale` 模拟第二波（如内部文件泄露后传播加速）。缩放模型没有的量不会有任何效果，第二波就不会出现，首次回应之后的处置也就得不到检验。",
        "`scale` models a second wave (a leaked document makes the story spread faster). Scaling something the model does not have would change nothing: no second wave, and what the plan does after its first statement goes untested.",
        "planc 演练模型（design/drill.md：注入与第二波）",
        "inject 样本被证实 { at 4h..16h scale speed 1.5..2.2 }",
        "inject 样本被证实 { at 4h..16h scale growth 1.5..2.2 }"
    ),
    // ───────────── S: structure ─────────────
    entry!(
        "S0001",
        W,
        "缺少编制目的、适用范围或工作原则",
        "purpose, scope or principles missing",
        "预案（有 `plan` 头的文件）写有 `purpose`、`scope` 和至少一条 `principle`。",
        "A plan (a file with a `plan` header) has `purpose`, `scope` and at least one `principle`.",
        "总则是评审首先看的部分：不写目的和范围，就无法判断预案管什么、不管什么。",
        "Reviewers read the general chapter first: without purpose and scope nobody can tell what the plan covers.",
        "GB/T 29639-2020 §6.1",
        "plan \"……预案\" { … }\n# 没有 purpose / scope / principle",
        "purpose \"为有效应对网络舆情……\"\nscope \"适用于集团及所属单位……\"\nprinciple 快速反应 \"……\""
    ),
    entry!(
        "S0002",
        W,
        "没有编制依据",
        "no legal basis",
        "预案头列出至少一条 `basis`。",
        "The header lists at least one `basis`.",
        "编制依据说明预案的权限来源，评审和备案时必查。",
        "The basis is where the plan's authority comes from; reviewers and filing offices check it.",
        "GB/T 29639-2020 §6.1；突发事件应急预案管理办法",
        "plan \"……\" { org \"……\" }",
        "plan \"……\" {\n  basis \"《中华人民共和国突发事件应对法》\"\n}"
    ),
    entry!(
        "S0003",
        W,
        "封面信息不全",
        "cover fields missing",
        "预案头有编制单位、文号、版本、印发日期、签发人和维护部门。",
        "The header has organization, number, version, issue date, approver and maintainer.",
        "这些信息决定预案是否有效、由谁负责修订。",
        "These fields decide whether the plan is in force and who revises it.",
        "GB/T 29639-2020 附录C",
        "plan \"……\" { org \"示例集团\" }",
        "plan \"……\" {\n  org \"示例集团\"  number \"示例集团发〔2026〕12号\"  version \"2026.1\"\n  issued 2026-12-01  approver 总指挥  maintainer 宣传部\n}"
    ),
    entry!(
        "S0004",
        W,
        "未在印发后 20 个工作日内备案",
        "not filed within 20 working days",
        "`filed` 不晚于 `issued` 后 20 个工作日；尚未备案且已超过期限时也提示（按 `--today`）。工作日按周一至周五计，不计法定节假日调整。",
        "`filed` is at most 20 working days after `issued`; also fires when the plan is not filed and the time is up (per `--today`). Working days are Monday to Friday; public holidays are not modelled.",
        "逾期备案是备案管理中的常见问题。",
        "Late filing is a common finding of filing offices.",
        "国办发〔2024〕5号《突发事件应急预案管理办法》第26条",
        "issued 2026-12-01  filed 2027-02-01",
        "issued 2026-12-01  filed 2026-12-20"
    ),
    entry!(
        "S0005",
        E,
        "日期不合理",
        "dates out of order",
        "备案、评估日期不晚于今天（`--today`），备案不早于印发。",
        "Filing and evaluation dates are not after today (`--today`), and filing is not before issue.",
        "不可能的日期说明记录有误，依赖它们的期限计算也不可信。",
        "Impossible dates mean a wrong record, and every deadline computed from them is wrong too.",
        "常识校验",
        "issued 2026-12-01  filed 2026-11-01",
        "issued 2026-12-01  filed 2026-12-10"
    ),
    entry!(
        "S0006",
        W,
        "预案评估逾期",
        "evaluation overdue",
        "上次评估（`reviewed`，没有则为 `issued`）加评估周期（最长 3 年）不早于今天（`--today`）。",
        "The last evaluation (`reviewed`, else `issued`) plus the review cadence (at most 3 years) is not before today (`--today`).",
        "组织、法规和风险在变，过期的预案会指挥不存在的部门。",
        "Organizations, laws and risks change; a stale plan commands units that no longer exist.",
        "应急管理部令第2号 第35条",
        "issued 2020-01-01  review every 3y   # --today 2026-12-01",
        "issued 2020-01-01  reviewed 2026-06-01  review every 3y"
    ),
    entry!(
        "S0007",
        W,
        "评估周期缺失或超过 3 年",
        "review cadence missing or over 3 years",
        "预案头写有 `review every`，且不超过 3 年。",
        "The header has `review every` of at most 3 years.",
        "不写周期，评估就没有人负责安排。",
        "Without a cadence, nobody is due to schedule the evaluation.",
        "应急管理部令第2号 第35条",
        "review every 5y",
        "review every 3y"
    ),
    entry!(
        "S0008",
        I,
        "未说明与其他预案的衔接",
        "no linked plans",
        "预案头写有 `parent`（上位预案）或 `related`（相关预案、制度）。",
        "The header names a `parent` plan or `related` plans.",
        "专项预案要与总体预案、新闻发布制度衔接，否则会出现两套指挥。",
        "A specific plan must link to the master plan and the press rules, or two commands arise.",
        "GB/T 29639-2020 §9.3",
        "plan \"……\" { }",
        "plan \"……\" {\n  parent \"示例集团突发事件总体应急预案\"\n  related \"示例集团新闻发布管理办法\"\n}"
    ),
    // ───────────── O: organization ─────────────
    entry!(
        "O0001",
        W,
        "部门或角色没有职责",
        "unit or role without duties",
        "每个部门至少一条 `duty`；角色也是，除非它是指挥机构的 `lead` 或 `deputy`（其职责即指挥机构的职责）。",
        "Every unit has a `duty`; so does every role, unless it leads or deputizes a command body (whose duties it takes).",
        "没有职责的成员在处置中不知道自己该做什么。",
        "A member without duties does not know what to do in a response.",
        "GB/T 29639-2020 §6.2",
        "unit 法务部 { reports_to 应急指挥中心 within 1h }",
        "unit 法务部 {\n  reports_to 应急指挥中心 within 1h\n  duty 法律审核 \"负责对外口径的法律审核\"\n}"
    ),
    entry!(
        "O0002",
        W,
        "角色没有担任者",
        "role nobody holds",
        "每个角色写明 `holder`（岗位，不写姓名）。",
        "Every role names its `holder` (a post, never a person).",
        "角色不落到岗位上，关键时刻找不到人。",
        "A role not tied to a post finds nobody when it matters.",
        "GB/T 29639-2020 §6.2",
        "role 新闻发言人 { backup 副总指挥 }",
        "role 新闻发言人 { holder \"分管宣传工作的领导\" backup 副总指挥 }"
    ),
    entry!(
        "O0003",
        E,
        "总指挥或新闻发言人没有 AB 角",
        "commander or spokesperson without backup",
        "总指挥（第一个指挥机构的 `lead`）和名称含“发言人”的角色都有 `backup`。",
        "The commander (lead of the first command body) and every role named as a spokesperson have a `backup`.",
        "关键人物出差、失联或生病时，没有替补就没有决策和发声。",
        "When a key person travels, is unreachable or ill, no backup means no decision and no voice.",
        "AB 角制度（良好实践）；演练注入“总指挥失联”",
        "role 总指挥 { holder \"主要负责人\" }",
        "role 总指挥 { holder \"主要负责人\" backup 副总指挥 }"
    ),
    entry!(
        "O0004",
        E,
        "替补是同一个人",
        "backup is the same person",
        "替补不是角色自身，也不是由同一担任者担任的角色。",
        "A backup is not the role itself, nor a role with the same holder.",
        "同一个人做 AB 角，等于没有替补。",
        "One person as both A and B is no backup at all.",
        "AB 角制度（良好实践）",
        "role 总指挥 { holder \"董事长\" backup 副总指挥 }\nrole 副总指挥 { holder \"董事长\" }",
        "role 总指挥 { holder \"董事长\" backup 副总指挥 }\nrole 副总指挥 { holder \"总经理\" }"
    ),
    entry!(
        "O0005",
        W,
        "替补关系绕成一圈",
        "backup chain runs in a ring",
        "替补关系中没有三个及以上角色组成的环（两人互为 AB 角可以）。",
        "Backups form no ring of three or more (a mutual pair is fine).",
        "成环的替补链没有尽头，掩盖了最后一道替补缺失。",
        "A ring has no end and hides that the last backup is missing.",
        "AB 角制度（良好实践）",
        "role 甲 { backup 乙 }\nrole 乙 { backup 丙 }\nrole 丙 { backup 甲 }",
        "role 甲 { backup 乙 }\nrole 乙 { backup 甲 }"
    ),
    entry!(
        "O0006",
        E,
        "指挥机构没有总指挥，或总指挥不是角色",
        "command body without a role as lead",
        "每个 `body` 有 `lead`，且 `lead` 是一个 `role`。",
        "Every `body` has a `lead`, and the lead is a `role`.",
        "指挥须落到具体岗位上；部门或外部单位不能担任总指挥。",
        "Command rests with a post; a unit or outside party cannot command.",
        "GB/T 29639-2020 §6.2",
        "body 应急指挥中心 { lead 宣传部 }",
        "body 应急指挥中心 { lead 总指挥 office 宣传部 }"
    ),
    entry!(
        "O0007",
        E,
        "外部单位被分派了工作",
        "external party given work",
        "外部单位没有职责，不监测渠道、不值班、不宣布级别、不审批、不负责保障或演练、不在指挥机构中、不做替补。",
        "An external party has no duty, watches no channel, staffs no roster, declares no level, signs nothing off, owns no resource or drill, sits in no command body and backs nobody up.",
        "预案不能指挥外部单位；把工作交给它们等于没有人做。",
        "A plan cannot command outsiders; work given to them is work nobody does.",
        "GB/T 29639-2020 §6.2；术语表“external”",
        "external 属地网信办 { duty \"负责监测\" }",
        "external 属地网信办 { kind regulator }\nunit 网信部 { duty 监测 \"负责监测\" }"
    ),
    entry!(
        "O0008",
        E,
        "没有应急指挥机构",
        "no command body",
        "定义了部门或角色的预案（有 `plan` 头）也定义了 `body`。",
        "A plan (with a `plan` header) that has roles or units also defines a `body`.",
        "没有指挥机构，部门之间的协调和报告没有归口。",
        "Without a command body, coordination and reports have nowhere to go.",
        "GB/T 29639-2020 §6.2",
        "role 总指挥 { … }\nunit 宣传部 { … }",
        "body 应急指挥中心 { lead 总指挥 members 宣传部 }"
    ),
    // ───────────── R: reporting ─────────────
    entry!(
        "R0001",
        E,
        "报告关系成环",
        "reporting cycle",
        "`reports_to` 报告线不形成环。",
        "`reports_to` lines form no cycle.",
        "成环的报告永远到不了决策者。",
        "A report that goes round never reaches a decision maker.",
        "GB/T 29639-2020 §6.3.1.1",
        "unit 甲 { reports_to 乙 within 30m }\nunit 乙 { reports_to 甲 within 30m }",
        "unit 甲 { reports_to 乙 within 30m }\nunit 乙 { reports_to 应急指挥中心 within 30m }"
    ),
    entry!(
        "R0002",
        E,
        "信息无法到达总指挥",
        "cannot reach the commander",
        "每个部门和角色都能沿报告线到达总指挥（或其领导的指挥机构）。",
        "Every unit and role reaches the commander (or the body they lead) along reporting lines.",
        "信息到不了总指挥，就不会有人宣布级别、启动响应。",
        "If information never reaches the commander, no level is declared and no response starts.",
        "GB/T 29639-2020 §6.3.1.1",
        "unit 网信部 { duty \"……\" }",
        "unit 网信部 { duty \"……\" reports_to 应急指挥中心 within 30m }"
    ),
    entry!(
        "R0003",
        E,
        "没有向外部机关报告",
        "no upward report",
        "预案（有 `plan` 头且定义了组织）至少有一条报告线通向外部机关（`kind authority` 或 `regulator`，或未写类别的外部单位）。",
        "In a plan (with a `plan` header and an organization), at least one line reports to an external authority (`kind authority` or `regulator`, or an external with no kind).",
        "重大舆情须向上级主管部门和属地网信部门报告，不报、迟报会被问责。",
        "Major cases are reported to the parent body and the local cyberspace office; not reporting is itself a failure.",
        "GB/T 29639-2020 §6.3.1.1",
        "role 总指挥 { holder \"……\" }",
        "external 上级主管部门 { kind authority }\nrole 总指挥 { holder \"……\" reports_to 上级主管部门 within 1h }"
    ),
    entry!(
        "R0004",
        E,
        "报告线没有时限",
        "reporting line without a time limit",
        "每条 `reports_to` 写有 `within`。",
        "Every `reports_to` has a `within`.",
        "没有时限的报告无法考核，也无法计算信息到达总指挥的时间。",
        "A report without a limit cannot be held to account, nor can its arrival be computed.",
        "GB/T 29639-2020 §6.3.1.1",
        "reports_to 应急指挥中心",
        "reports_to 应急指挥中心 within 30m via \"电话、书面报告\""
    ),
    // ───────────── L: levels ─────────────
    entry!(
        "L0001",
        E,
        "级别序号缺失或重复",
        "rank missing or repeated",
        "每个级别有 `rank`，且各不相同（1 最高）。",
        "Every level has a `rank`, all different (1 is the highest).",
        "级别须严格排序，升级、降级和比较才有意义。",
        "Levels must be strictly ordered for upgrades, downgrades and comparisons to mean anything.",
        "GB/T 29639-2020 §6.3.2",
        "level 红色 { rank 1 }\nlevel 橙色 { rank 1 }",
        "level 红色 { rank 1 }\nlevel 橙色 { rank 2 }"
    ),
    entry!(
        "L0002",
        E,
        "颜色或响应等级与序号顺序不符",
        "colour or response out of order",
        "按序号从高到低，颜色依次为红、橙、黄、蓝，响应等级不升高（Ⅰ 最高）。",
        "From the highest rank down, colours run red, orange, yellow, blue, and responses never rise (Ⅰ is the highest).",
        "颜色和响应等级是公众与上级理解级别的方式，顺序错了就会误判。",
        "Colours and responses are how the public and superiors read a level; out of order, they mislead.",
        "GB/T 29639-2020 §6.3.2；各地预警发布规定",
        "level 红色 { rank 1 color blue }\nlevel 蓝色 { rank 4 color red }",
        "level 红色 { rank 1 color red response Ⅰ }\nlevel 蓝色 { rank 4 color blue response Ⅳ }"
    ),
    entry!(
        "L0003",
        E,
        "级别没有分级标准",
        "level without criteria",
        "每个级别写有文字的 `criteria`。",
        "Every level has descriptive `criteria`.",
        "没有标准就无法研判定级，文档中也缺少分级标准一节。",
        "Without criteria nobody can assess the level, and the document lacks its grading section.",
        "GB/T 29639-2020 §6.3.1.2",
        "level 黄色 { rank 3 }",
        "level 黄色 { rank 3 criteria \"省级媒体关注，或单平台阅读量超过10万\" }"
    ),
    entry!(
        "L0004",
        W,
        "级别没有可度量的条件",
        "level without measurable criteria",
        "每个级别写有 `when` 条件。",
        "Every level has a `when` condition.",
        "可度量的条件让研判有据，也让演练能判断真实级别。",
        "Measurable criteria ground the assessment and let drills know the true level.",
        "planc 演练模型；GB/T 29639-2020 §6.3.1.2",
        "level 黄色 { rank 3 criteria \"……\" }",
        "level 黄色 { rank 3 criteria \"……\" when reach >= 10万 or media >= provincial }"
    ),
    entry!(
        "L0005",
        E,
        "更高级别的门槛反而更低",
        "thresholds not monotonic with rank",
        "对同一信号，单独即可进入更高级别的门槛不低于单独即可进入较低级别的门槛。",
        "For each signal, the threshold that alone enters a higher level is at least the one that alone enters a lower level.",
        "门槛倒挂时，较轻的情况会被定为较高级别，或反之。",
        "Inverted thresholds grade a milder case higher than a graver one.",
        "GB/T 29639-2020 §6.3.1.2（分级标准）",
        "level 红色 { rank 1 when reach >= 1万 }\nlevel 橙色 { rank 2 when reach >= 10万 }",
        "level 红色 { rank 1 when reach >= 100万 }\nlevel 橙色 { rank 2 when reach >= 10万 }"
    ),
    entry!(
        "L0006",
        E,
        "级别没有宣布者",
        "no declaring authority",
        "每个级别写有 `declared_by`。",
        "Every level has `declared_by`.",
        "研判之后须有人拍板，否则响应无法启动。",
        "After assessment someone must decide, or the response never starts.",
        "GB/T 29639-2020 §6.3.1.2",
        "level 红色 { rank 1 }",
        "level 红色 { rank 1 declared_by 总指挥 }"
    ),
    entry!(
        "L0007",
        E,
        "级别没有解除条件",
        "no stand-down condition",
        "每个级别写有 `stand_down`（文字或条件）。",
        "Every level has a `stand_down` (text or condition).",
        "没有终止条件，响应永远不会结束，也没有复盘的起点。",
        "Without an end condition the response never ends and review never starts.",
        "突发事件应急预案管理办法；GB/T 29639-2020 §6.3.2",
        "level 蓝色 { rank 4 }",
        "level 蓝色 { rank 4 stand_down \"舆情平息并持续24小时\" if heat < 50 for 24h }"
    ),
    entry!(
        "L0008",
        E,
        "级别没有触发任何行动",
        "level with no action",
        "每个级别至少有一个 `on level` 行动。",
        "Every level triggers at least one `on level` action.",
        "宣布了级别却无事可做，等于没有这一级。",
        "A level that sets nobody to work is no level at all.",
        "GB/T 29639-2020 §6.3.2（响应准备）",
        "level 黄色 { rank 3 }\n# 没有 on level 黄色",
        "on level 黄色 {\n  action 首次回应 { owner 宣传部 within 2h deliver statement }\n}"
    ),
    entry!(
        "L0009",
        W,
        "级别没有升级路径",
        "no upgrade path",
        "除最高级外，每个级别写有 `upgrade_to`。",
        "Every level but the highest has `upgrade_to`.",
        "舆情会升温；没有升级路径，升温时不知道转入哪一级。",
        "Cases escalate; without a path nobody knows which level comes next.",
        "突发事件应急预案管理办法（响应调整）",
        "level 蓝色 { rank 4 }",
        "level 蓝色 { rank 4 upgrade_to 黄色 }"
    ),
    entry!(
        "L0010",
        W,
        "级别无法通过升级到达",
        "level not reached by upgrade",
        "除最低级外，每个级别都是某个级别的 `upgrade_to`。",
        "Every level but the lowest is some level's `upgrade_to`.",
        "断开的升级链说明级别之间没有衔接。",
        "A broken chain means the levels do not connect.",
        "突发事件应急预案管理办法（响应调整）",
        "level 蓝色 { rank 4 upgrade_to 橙色 }\nlevel 黄色 { rank 3 }",
        "level 蓝色 { rank 4 upgrade_to 黄色 }\nlevel 黄色 { rank 3 upgrade_to 橙色 }"
    ),
    entry!(
        "L0011",
        E,
        "升级或降级方向错误",
        "upgrade or downgrade the wrong way",
        "`upgrade_to` 指向更高（序号更小）的级别，`downgrade_to` 指向更低的级别。",
        "`upgrade_to` names a higher level (smaller rank), `downgrade_to` a lower one.",
        "方向错误的调整会在舆情升温时降低响应。",
        "A wrong-way adjustment lowers the response as the case heats up.",
        "突发事件应急预案管理办法（响应调整）",
        "level 黄色 { rank 3 upgrade_to 蓝色 }",
        "level 黄色 { rank 3 upgrade_to 橙色 downgrade_to 蓝色 }"
    ),
    entry!(
        "L0012",
        I,
        "响应等级照搬预警级别",
        "response levels copy warning levels",
        "提示：所有级别的响应等级都等于其序号（红=Ⅰ、橙=Ⅱ……）。",
        "Info: every level's response equals its rank (red = Ⅰ, orange = Ⅱ …).",
        "标准提醒“响应分级不可照搬事故分级”：响应应按处置能力确定。若是有意为之，可在 `lint` 中写明理由。",
        "The standard warns against copying event grades into response grades; responses follow capacity. If deliberate, say why in `lint`.",
        "GB/T 29639-2020 §6.1.2",
        "level 红色 { rank 1 response Ⅰ }\nlevel 橙色 { rank 2 response Ⅱ }",
        "level 红色 { rank 1 response Ⅰ }\nlevel 橙色 { rank 2 response Ⅰ }\n# 或：lint { allow L0012 \"集团规定四级对应\" }"
    ),
    entry!(
        "L0013",
        W,
        "级别没有响应等级",
        "no response level",
        "每个级别写有 `response`。",
        "Every level has a `response`.",
        "预警级别要对应到响应等级，才能知道启动哪一级响应。",
        "A warning level maps to a response level, or nobody knows which response to start.",
        "GB/T 29639-2020 §6.1.2",
        "level 黄色 { rank 3 }",
        "level 黄色 { rank 3 response Ⅲ }"
    ),
    // ───────────── A: actions ─────────────
    entry!(
        "A0001",
        E,
        "行动没有责任方",
        "action without owner",
        "每项行动有 `owner`。",
        "Every action has an `owner`.",
        "没有责任方的行动不会有人去做。",
        "An action nobody owns is done by nobody.",
        "GB/T 29639-2020 §6.2",
        "action 复盘评估 { within 72h }",
        "action 复盘评估 { owner 宣传部 within 72h }"
    ),
    entry!(
        "A0002",
        E,
        "外部单位作为行动责任方",
        "external party as owner",
        "行动的 `owner` 不是外部单位。",
        "No action is owned by an external party.",
        "预案不能指挥外部单位，交给它们的行动无法保证完成。",
        "The plan cannot command outsiders; their actions cannot be relied on.",
        "GB/T 29639-2020 §6.2",
        "action 上报 { owner 上级主管部门 within 1h }",
        "action 上报 { owner 总指挥 within 1h inform 上级主管部门 }"
    ),
    entry!(
        "A0003",
        W,
        "行动有多个审批方",
        "several approvers",
        "每项行动最多一个 `approve`。",
        "Every action has at most one `approve`.",
        "多人审批时责任分散，发布会被层层耽搁。",
        "Several approvers dilute accountability and delay every release.",
        "RACI（每项任务一个 A）",
        "action 首次回应 { owner 宣传部 approve 总指挥 approve 副总指挥 }",
        "action 首次回应 { owner 宣传部 approve 总指挥 consult 副总指挥 }"
    ),
    entry!(
        "A0004",
        E,
        "行动依赖成环",
        "`after` cycle",
        "`after` 依赖不形成环。",
        "`after` dependencies form no cycle.",
        "环中的行动互相等待，永远无法开始。",
        "Actions in a cycle wait for each other and never start.",
        "planc 语言定义",
        "action 甲 { after 乙 }\naction 乙 { after 甲 }",
        "action 甲 { }\naction 乙 { after 甲 }"
    ),
    entry!(
        "A0005",
        W,
        "重复工作没有频次",
        "repeated work without cadence",
        "名称表明重复进行的行动（续报、滚动、定期、持续、跟踪、动态、每日、follow-up、update…）写有 `every`。",
        "An action whose name says it repeats (续报, 滚动, follow-up, update …) has `every`.",
        "续报不写频次，发布就会断档。",
        "A follow-up without a cadence leaves silent gaps.",
        "GB/T 29639-2020 §6.3.4（信息发布）；“快报事实、慎报原因、再报跟进”",
        "action 续报 { owner 宣传部 after 首次回应 }",
        "action 续报 { owner 宣传部 every 2h after 首次回应 }"
    ),
    entry!(
        "A0006",
        E,
        "行动没有时限",
        "action without deadline",
        "每项行动写有 `within` 或 `every`。",
        "Every action has `within` or `every`.",
        "没有时限就无法考核，也无法演练评分。",
        "Without a deadline an action cannot be held to account or scored in drills.",
        "GB/T 29639-2020 §6.3.1.1（时限）",
        "action 研判定级 { owner 宣传部 }",
        "action 研判定级 { owner 宣传部 within 30m }"
    ),
    entry!(
        "A0007",
        E,
        "级别没有信息发布行动",
        "level without information release",
        "每个有行动的级别至少有一项信息发布行动：成果为 `statement`、`press_conference` 或 `briefing`；未写成果的行动按能力“信息发布与舆论引导”计。",
        "Every level with actions has an information release: a deliverable of kind `statement`, `press_conference` or `briefing`; an action without a deliverable counts by its capability 信息发布与舆论引导.",
        "舆情处置要“三同步”：处置、发布、引导同时进行，只做不说会让谣言填补空白。",
        "Act and speak together: a response without a word to the public leaves the field to rumours.",
        "国办发〔2016〕61号",
        "on level 黄色 { action 核查 { owner 业务部门 within 2h } }",
        "on level 黄色 {\n  action 核查 { owner 业务部门 within 2h }\n  action 首次回应 { owner 宣传部 within 4h deliver statement }\n}"
    ),
    entry!(
        "A0008",
        E,
        "更高级别回应反而更慢",
        "slower first response at a higher level",
        "更高级别的首次信息发布时限不长于较低级别。",
        "A higher level's first release deadline is no longer than a lower level's.",
        "级别越高，社会关注越大，回应越要快。",
        "The higher the level, the more attention, the sooner the answer.",
        "标准推论（国办发〔2016〕61号；“黄金1小时”）",
        "on level 红色 { action 首次回应 { … within 4h deliver statement } }\non level 黄色 { action 回应 { … within 1h deliver statement } }",
        "on level 红色 { action 首次回应 { … within 1h deliver statement } }\non level 黄色 { action 回应 { … within 4h deliver statement } }"
    ),
    entry!(
        "A0009",
        W,
        "没有后期处置行动",
        "no post-incident action",
        "有级别的预案（有 `plan` 头）至少有一项 `on stand_down` 行动。",
        "A plan (with a `plan` header) that has levels has at least one `on stand_down` action.",
        "不复盘，同样的问题会再次发生，预案也得不到修订。",
        "Without review the same failure recurs and the plan is never revised.",
        "GB/T 29639-2020 §6.4（后期处置）",
        "# 没有 on stand_down",
        "on stand_down {\n  action 复盘评估 { owner 宣传部 within 72h deliver review }\n}"
    ),
    entry!(
        "A0010",
        E,
        "没有发现后的研判行动",
        "no action on detection",
        "有级别的预案（有 `plan` 头）至少有一项 `on detect` 行动。",
        "A plan (with a `plan` header) that has levels has at least one `on detect` action.",
        "发现舆情后要先研判定级；没有这一步，任何级别都不会被宣布。",
        "Detection is followed by assessment; without it no level is ever declared.",
        "GB/T 29639-2020 §6.3.1.2（研判）",
        "# 没有 on detect",
        "on detect {\n  action 研判定级 { owner 宣传部 within 30m deliver assessment }\n}"
    ),
    // ───────────── T: timing ─────────────
    entry!(
        "T0001",
        E,
        "时限链不可行",
        "deadline cannot be met along its chain",
        "沿报告线和 `after` 依赖计算行动最早能保证完成的时间：`on detect` 的行动从渠道监测方发现起算，信息沿最快的报告线逐级传递，每段耗用其时限（报告到指挥机构即到达其总指挥、副总指挥）；责任方和审批方须先知情；同一触发条件下的前置行动可能用满其时限；再加上本行动的 `effort`。该时间超过行动本身的时限即报错，并在标签中列出关键路径。",
        "Along reporting lines and `after` chains, compute the earliest completion the plan can guarantee: `on detect` actions count from detection by the channel watchers; information travels the fastest reporting path, each line taking its limit (a report to a body reaches its lead and deputies); owner and approver must know first; prerequisites of the same trigger may use their full deadline; then the action's own `effort`. Fires when that exceeds the action's deadline, with the critical path in the labels.",
        "纸面上每个时限都合理，串起来却不可能做到——这是评审最难发现、演练最先暴露的问题。",
        "Each deadline looks reasonable on paper, yet together they are impossible — hard for reviewers to see, the first thing a drill exposes.",
        "标准推论（依赖链上时限单调）；GB/T 29639-2020 §6.3.1.1",
        "unit 宣传部 { reports_to 应急指挥中心 within 1h }\non detect { action 研判定级 { owner 总指挥 within 30m } }",
        "unit 宣传部 { reports_to 应急指挥中心 within 15m }\non detect { action 研判定级 { owner 总指挥 within 30m } }"
    ),
    entry!(
        "T0002",
        E,
        "工作量超过时限",
        "effort exceeds the deadline",
        "行动的 `effort` 不超过其 `within`。",
        "An action's `effort` is no more than its `within`.",
        "典型工作时间都放不进时限，时限就是空话。",
        "If the typical work does not fit, the deadline is empty words.",
        "标准推论",
        "action 新闻发布会 { within 2h effort 4h }",
        "action 新闻发布会 { within 24h effort 4h }"
    ),
    entry!(
        "T0003",
        W,
        "首次信息发布太晚",
        "first release too late",
        "最高级别的首次信息发布时限不超过 24 小时，其他级别不超过 48 小时。",
        "The first release comes within 24 h at the highest level and within 48 h at the others.",
        "政务舆情回应的底线要求；企业舆情同样适用“黄金4小时”。",
        "The floor for answering public concern; companies live by the golden four hours too.",
        "国办发〔2016〕61号",
        "on level 红色 { action 首次回应 { … within 3d deliver statement } }",
        "on level 红色 { action 首次回应 { … within 1h deliver statement } }"
    ),
    entry!(
        "T0004",
        W,
        "前置行动可能从未触发",
        "prerequisite may never happen",
        "`after` 依赖的行动一定先于本行动触发：同一触发条件、`on detect`，或（都为 `on level` 时）覆盖本行动的所有级别。",
        "An `after` prerequisite is surely triggered first: same trigger, `on detect`, or (both `on level`) covering all of this action's levels.",
        "前置行动若不在同一情形下触发，本行动就会永远等待。",
        "If the prerequisite is not triggered in the same case, the action waits forever.",
        "planc 演练模型",
        "on level 蓝色 { action 核查 { … } }\non level 红色 { action 回应 { … after 核查 } }",
        "on detect { action 核查 { … } }\non level 红色 { action 回应 { … after 核查 } }"
    ),
    // ───────────── M: monitoring ─────────────
    entry!(
        "M0001",
        E,
        "渠道无人监测",
        "channel nobody watches",
        "每个渠道写有 `watched_by`。",
        "Every channel has `watched_by`.",
        "没人看的渠道等于没有监测，舆情只能靠别人告知。",
        "An unwatched channel is no monitoring at all; you hear of the case from others.",
        "GB/T 29639-2020 §6.3.2（监测）",
        "channel 抖音 { kind video }",
        "channel 抖音 { kind video watched_by 网信部 hours workdays 09:00-18:00 }"
    ),
    entry!(
        "M0002",
        E,
        "声称 24 小时监测却没有值班表",
        "24-hour claim without a roster",
        "声称全天候覆盖的渠道写有 `roster`。",
        "A channel claimed around the clock names its `roster`.",
        "夜间和节假日的监测只有靠排班才能落实。",
        "Night and holiday watch exists only if someone is rostered.",
        "种子预案（24小时值班）",
        "channel 微博 { watched_by 宣传部 hours 24x7 }",
        "channel 微博 { watched_by 宣传部 hours 24x7 roster 舆情值班 }"
    ),
    entry!(
        "M0003",
        E,
        "值班表没有覆盖声称的时段",
        "roster does not cover the claimed hours",
        "渠道声称的每个时段都有班次覆盖：按工作日、周末、节假日分别计算，跨零点的班次覆盖次日凌晨。",
        "Every hour a channel claims is covered by a shift, for workdays, weekends and holidays, with overnight shifts covering the next morning.",
        "排班缺口正是舆情最容易在夜里或长假发酵的时候。",
        "Roster gaps are exactly when cases brew: nights and long holidays.",
        "种子预案（24小时值班）",
        "roster 舆情值班 { unit 宣传部 shift 白班 workdays 08:00-20:00 }",
        "roster 舆情值班 { unit 宣传部 shift 白班 daily 08:00-20:00 shift 夜班 daily 20:00-08:00 }"
    ),
    entry!(
        "M0004",
        W,
        "值班班次之间有空档",
        "gap between shifts",
        "同一天的班次首尾相接，中间没有无人值班的时段。",
        "The shifts of a day meet end to start with no unstaffed time between.",
        "交接空档是最常见的漏报原因。",
        "Hand-over gaps are the most common cause of a missed report.",
        "良好实践",
        "shift 早班 daily 08:00-12:00\nshift 午班 daily 14:00-20:00",
        "shift 早班 daily 08:00-14:00\nshift 午班 daily 14:00-20:00"
    ),
    entry!(
        "M0005",
        W,
        "渠道没有监测时段",
        "channel without hours",
        "每个渠道写有 `hours`。",
        "Every channel has `hours`.",
        "不写时段，就无法判断夜间和节假日是否有人看。",
        "Without hours nobody can tell whether nights and holidays are watched.",
        "良好实践",
        "channel 论坛 { watched_by 宣传部 }",
        "channel 论坛 { watched_by 宣传部 hours workdays 09:00-18:00 }"
    ),
    entry!(
        "M0006",
        W,
        "值班表不完整",
        "incomplete roster",
        "每个值班表写有 `unit` 和至少一个 `shift`。",
        "Every roster names its `unit` and at least one `shift`.",
        "没有部门或班次的值班表只是一个名字。",
        "A roster without a unit or shifts is only a name.",
        "良好实践",
        "roster 舆情值班 { }",
        "roster 舆情值班 { unit 宣传部 shift 全天 daily 00:00-24:00 }"
    ),
    // ───────────── G: safeguards and drills ─────────────
    entry!(
        "G0001",
        E,
        "保障资源没有责任方",
        "resource without owner",
        "每项 `resource` 写有 `owner`。",
        "Every `resource` has an `owner`.",
        "没人负责的保障在需要时往往不可用。",
        "A safeguard nobody owns is seldom ready when needed.",
        "GB/T 29639-2020 §6.5（应急保障）",
        "resource 舆情监测系统 { kind platform }",
        "resource 舆情监测系统 { kind platform owner 网信部 }"
    ),
    entry!(
        "G0002",
        E,
        "没有演练频次",
        "no drill cadence",
        "预案头写有 `drill every`，或至少一个 `drill` 写有 `every`。",
        "The header has `drill every`, or some `drill` has `every`.",
        "不演练的预案无人熟悉，也无从发现问题。",
        "An undrilled plan is known by nobody and never tested.",
        "应急管理部令第2号 第33条",
        "plan \"……\" { }",
        "plan \"……\" { drill every 1y }"
    ),
    entry!(
        "G0003",
        E,
        "演练少于每年一次",
        "drills less than once a year",
        "演练频次（预案头的 `drill every`，否则最频繁的 `drill`）不超过 1 年。",
        "The drill cadence (the header's `drill every`, else the most frequent `drill`) is at most a year.",
        "生产经营单位的综合或专项预案每年至少演练一次。",
        "An enterprise drills its comprehensive or specific plans at least once a year.",
        "应急管理部令第2号 第33条",
        "drill every 2y",
        "drill every 1y"
    ),
    entry!(
        "G0004",
        W,
        "演练或培训不完整",
        "drill or training incomplete",
        "每个 `drill` 和 `training` 写有 `owner` 和 `every`。",
        "Every `drill` and `training` has an `owner` and `every`.",
        "不写由谁组织、多久一次，安排就落不了地。",
        "Without who and how often, the schedule never happens.",
        "应急管理部令第2号 第33条",
        "drill 年度桌面推演 { kind tabletop }",
        "drill 年度桌面推演 { kind tabletop every 1y owner 宣传部 }"
    ),
    entry!(
        "G0005",
        W,
        "保障措施不全",
        "safeguards incomplete",
        "预案有队伍（team）、技术平台（platform）、经费（budget）和通信（communications）四类 `resource`。",
        "The plan has a `resource` of each kind: team, platform, budget, communications.",
        "舆情处置靠人、靠平台、靠经费、靠通信，缺一不可。",
        "An opinion response needs people, a platform, money and communications.",
        "GB/T 29639-2020 §6.5；种子预案（六 保障措施）",
        "resource 舆情监测系统 { kind platform owner 网信部 }",
        "resource 舆情队伍 { kind team owner 宣传部 }\nresource 监测平台 { kind platform owner 网信部 }\nresource 专项经费 { kind budget owner 财务部 }\nresource 应急通信 { kind communications owner 办公室 }"
    ),
    entry!(
        "G0006",
        W,
        "没有培训安排",
        "no training",
        "预案至少有一个 `training`。",
        "The plan has at least one `training`.",
        "发言人、值班人员不经培训，临场难以按预案行事。",
        "Untrained spokespeople and duty staff cannot follow the plan on the day.",
        "GB/T 29639-2020 §7（培训与演练）",
        "# 没有 training",
        "training 新闻发言人培训 { every 1y owner 宣传部 }"
    ),
    // ───────────── H: hygiene ─────────────
    entry!(
        "H0001",
        W,
        "定义了却从未使用",
        "definition never used",
        "每个角色、部门、外部单位和值班表都在别处被引用。",
        "Every role, unit, external party and roster is referred to somewhere.",
        "没人引用的定义多半是名称在别处写错了，或已过时。",
        "An unreferenced definition usually means a misspelt reference or a stale entry.",
        "良好实践",
        "unit 法务部 { duty \"……\" }\n# 没有任何地方提到 法务部",
        "unit 法务部 { duty \"……\" }\nbody 应急指挥中心 { … members 法务部 }"
    ),
    entry!(
        "H0002",
        E,
        "名称看起来相同实际不同",
        "confusable names",
        "两个名称去掉不可见字符、全角转半角、形近字母（西里尔、希腊）和罗马数字归一后不应相同。",
        "No two names are the same after dropping invisible characters and folding full-width forms, look-alike Cyrillic and Greek letters and Roman numerals.",
        "形近名称会让引用悄悄指向另一个定义，评审时肉眼看不出。",
        "Look-alike names let a reference silently point elsewhere, invisible to reviewers.",
        "Unicode TR36/TR39（安全与易混淆字符）",
        "unit ＰＲ部 { }\nunit PR部 { }",
        "unit PR部 { }\nunit 网信部 { }"
    ),
    entry!(
        "H0003",
        W,
        "文件中有不可见字符",
        "invisible character",
        "源文件中没有零宽空格、零宽连接符、软连字符、填充字符、变体选择符等不可见字符。",
        "The source has no zero-width spaces or joiners, soft hyphens, fillers, variation selectors or other invisible characters.",
        "不可见字符多来自复制粘贴，会让看似相同的文字互不相等。",
        "Invisible characters come with copy and paste and make equal-looking text differ.",
        "Unicode TR36",
        "unit 宣传部\u{200B} { }   # 含零宽空格",
        "unit 宣传部 { }"
    ),
    entry!(
        "H0004",
        E,
        "文件中有双向文字控制字符",
        "bidirectional control character",
        "源文件中没有 U+202A–U+202E、U+2066–U+2069、U+200E、U+200F、U+061C。",
        "The source has no U+202A–U+202E, U+2066–U+2069, U+200E, U+200F or U+061C.",
        "这类字符能让屏幕显示与实际内容不同，用于隐藏恶意修改。",
        "They make the display differ from the content and can hide a hostile change.",
        "CVE-2021-42574（Trojan Source）",
        "detail \"……\u{202E}……\"",
        "detail \"……\""
    ),
    entry!(
        "H0005",
        W,
        "预案中有个人信息",
        "personal data in the plan",
        "源文件中没有手机号码（11 位，以 13–19 开头）或身份证号码（18 位）。",
        "The source has no mobile number (11 digits from 13–19) or identity-card number (18 digits).",
        "预案会印发、备案和公开，个人信息不应写入；通讯录单独受控管理。",
        "Plans are circulated, filed and published; personal data stays in a separately controlled roster.",
        "《中华人民共和国个人信息保护法》；language.md（示例中不写真实个人信息）",
        "contact \"13800000000\"",
        "contact \"（值班电话待填）\""
    ),
    entry!(
        "H0006",
        W,
        "例外没有写理由",
        "exception without a reason",
        "`lint` 中的每条 `allow`/`warn`/`deny` 都写有理由。",
        "Every `allow`/`warn`/`deny` in `lint` gives a reason.",
        "例外是有意的决定，理由让评审人能够判断。",
        "An exception is a deliberate decision; the reason lets reviewers judge it.",
        "良好实践",
        "lint { allow L0012 }",
        "lint { allow L0012 \"集团规定四级预警与四级响应一一对应\" }"
    ),
    entry!(
        "H0007",
        W,
        "多余的例外",
        "unused exception",
        "`lint` 中的每条 `allow` 都对应预案中实际存在的问题。",
        "Every `allow` in `lint` matches a finding the plan actually has.",
        "多余的例外会在日后悄悄掩盖新出现的问题。",
        "A stale exception later hides a new finding.",
        "良好实践",
        "lint { allow O0003 \"……\" }   # 总指挥已有替补",
        "# 删去这条例外"
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_well_formed_sorted_by_family_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for e in CATALOG {
            let b = e.code.as_bytes();
            assert!(b.len() == 5 && b[0].is_ascii_uppercase(), "{}", e.code);
            assert!(b[1..].iter().all(u8::is_ascii_digit), "{}", e.code);
            assert!(seen.insert(e.code), "duplicate {}", e.code);
            assert_ne!(family(e.code)[1], "other", "{}", e.code);
            for t in [e.summary, e.what, e.why] {
                assert!(!t[0].is_empty() && !t[1].is_empty(), "{}", e.code);
            }
        }
    }
}
