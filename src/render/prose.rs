//! The structure of a plan's free text (`"""…"""`): paragraphs, line breaks, items and
//! tables, read from how the writer laid the text out — the small markup the language
//! guide documents:
//!
//! - a blank line ends a paragraph;
//! - a line that opens an item (`1.`, `1、`, `一、`, `（一）`, `(1)`, `①`, `-`, `•`) starts
//!   a paragraph of its own;
//! - lines that start with `|` are a table, its first row the header; a row of only `-`,
//!   `:` and `|` (Markdown's separator) is skipped;
//! - a line ending in `\` ends in a line break;
//! - any other line break is the writer's wrap and the lines are joined (no space
//!   between Chinese, one between Latin words) — unless the line is short: a line well
//!   short of the text's width was ended on purpose (a signature above its date, the
//!   lines of an address), so its break is kept.

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width of the text block of the DOCX body in twips (156 mm).
const TEXT_TWIPS: u32 = 8844;

/// A line narrower than this many display columns is never a wrap.
const MIN_WRAP_COLUMNS: usize = 24;

/// A line narrower than this share (in percent) of the text's widest line was ended on
/// purpose.
const WRAP_SHARE: usize = 60;

/// The widest a column is counted (display columns), and the width of a column left
/// empty to be written in.
const FORM_COLUMNS: usize = 40;

/// One block of a plan text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph: its lines, with a line break between them.
    Para { lines: Vec<String> },
    /// A table: the header, the rows (each as wide as the header) and the DOCX column
    /// widths in twips, after the widest cell of each column.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<u32>,
    },
}

/// Whether a line opens an item, which starts a paragraph of its own.
pub fn opens_item(line: &str) -> bool {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    let numerals = line.chars().take_while(|c| is_chinese_numeral(*c)).count();
    let after_numerals = line.chars().nth(numerals);
    (digits > 0 && (rest.starts_with(". ") || rest.starts_with('、') || rest.starts_with('．')))
        || (digits > 0
            && rest.starts_with('.')
            && !rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (numerals > 0 && after_numerals == Some('、'))
        || line.starts_with('（')
        || line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with('•')
        || line.starts_with('·')
        || line.starts_with(|c: char| ('①'..='⑳').contains(&c))
        || (line.starts_with('(') && line[1..].find(')').is_some_and(|i| i <= 3))
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百".contains(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
        || "“”‘’—…·".contains(c)
}

fn is_table_row(line: &str) -> bool {
    line.starts_with('|')
}

fn is_separator_row(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// Joins a wrapped line onto the one before it.
fn join(cur: &mut String, line: &str) {
    let tail = cur.chars().last().is_some_and(is_cjk);
    let head = line.chars().next().is_some_and(is_cjk);
    if !(tail || head || cur.is_empty()) {
        cur.push(' ');
    }
    cur.push_str(line);
}

/// The blocks of a plan text.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let widest = lines
        .iter()
        .filter(|l| !is_table_row(l))
        .map(|l| l.width())
        .max()
        .unwrap_or(0);
    let wraps = |line: &str| {
        let w = line.width();
        w >= MIN_WRAP_COLUMNS && w * 100 >= widest * WRAP_SHARE
    };
    let mut out: Vec<Block> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    // Whether the last line of the open paragraph continues on the next line.
    let mut open = false;
    let mut soft = false;
    // Whether the open paragraph is an item.
    let mut item = false;
    for line in lines {
        if is_table_row(line) {
            open = false;
            if !is_separator_row(line) {
                table.push(cells(line));
            }
            continue;
        }
        if !table.is_empty() {
            out.push(make_table(std::mem::take(&mut table)));
        }
        if line.is_empty() {
            open = false;
            continue;
        }
        let (body, hard) = match line.strip_suffix('\\') {
            Some(body) => (body.trim_end(), true),
            None => (line, false),
        };
        match out.last_mut() {
            // A line the writer ended after an item starts the next paragraph: the
            // item is over.
            Some(Block::Para { lines }) if open && !opens_item(body) && (soft || !item) => {
                let last = lines.last_mut().expect("a paragraph has a line");
                if soft {
                    join(last, body);
                } else {
                    lines.push(body.to_string());
                }
            }
            _ => {
                item = opens_item(body);
                out.push(Block::Para {
                    lines: vec![body.to_string()],
                });
            }
        }
        open = true;
        soft = !hard && wraps(line);
    }
    if !table.is_empty() {
        out.push(make_table(table));
    }
    out
}

fn make_table(mut rows: Vec<Vec<String>>) -> Block {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for row in &mut rows {
        row.resize(columns, String::new());
    }
    let head = rows.remove(0);
    let widest: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&head)
                .chain(rows.iter())
                .map(|r| r[c].width())
                .max()
                .unwrap_or(0)
                .clamp(4, FORM_COLUMNS)
        })
        .enumerate()
        // A column left mostly empty under its header is a form's column to write in.
        .map(|(c, w)| {
            let empty = rows.iter().filter(|r| r[c].is_empty()).count();
            if empty * 2 > rows.len() {
                FORM_COLUMNS
            } else {
                w
            }
        })
        .collect();
    let widest: Vec<u32> = widest.iter().map(|w| *w as u32).collect();
    let widths = scaled(&widest, TEXT_TWIPS, widest.len() - 1);
    Block::Table { head, rows, widths }
}

/// `widths` scaled to sum to `total`, the rounding's remainder given to column `rest_to`.
fn scaled(widths: &[u32], total: u32, rest_to: usize) -> Vec<u32> {
    let sum = widths.iter().map(|w| *w as u64).sum::<u64>().max(1);
    let mut out: Vec<u32> = widths
        .iter()
        .map(|w| (*w as u64 * total as u64 / sum) as u32)
        .collect();
    let rest = total.saturating_sub(out.iter().sum());
    if let Some(w) = out.get_mut(rest_to) {
        *w += rest;
    }
    out
}

/// Twips of one display column of table text (五号, 10.5 pt: a Chinese character is two).
pub const COLUMN_TWIPS: u32 = 105;

/// Twips a cell spends on its left and right margins and its borders.
const CELL_PADDING_TWIPS: u32 = 190;

/// No column is set narrower than this many display columns (four Chinese characters)
/// unless its widest cell is narrower still.
const MIN_COLUMNS: usize = 8;

/// The most rows `fit_widths` looks at.
const FIT_SAMPLE: usize = 400;

/// Column widths (twips, summing to `total`) for a table of `rows` (the header first),
/// chosen so the table is as short as it can be. Every column starts at its floor (four
/// Chinese characters, or its widest cell if narrower; a header may wrap to two); the room
/// left is handed out to the column where it saves the most lines — so "部门" does not
/// take the room a column of sentences needs and "1小时内完成" is not broken over four
/// lines, whatever widths a template guessed. Lines are counted as display columns
/// over the characters a width holds (Chinese breaks anywhere).
pub fn fit_widths(rows: &[Vec<String>], total: u32) -> Vec<u32> {
    fit_widths_at(rows, total, COLUMN_TWIPS)
}

/// `fit_widths` for text whose display column is `column` twips wide (a larger or bolder
/// type than the tables', or Latin words that wrap whole).
pub fn fit_widths_at(rows: &[Vec<String>], total: u32, column: u32) -> Vec<u32> {
    fit_widths_spare(rows, total, column, None)
}

/// `fit_widths_at` that gives the width left once every cell fits to the column
/// `spare` alone, not to every column in proportion: a table whose last row runs across
/// it (the measures' requirements) keeps its narrow columns narrow.
pub fn fit_widths_spare(
    rows: &[Vec<String>],
    total: u32,
    column: u32,
    spare: Option<usize>,
) -> Vec<u32> {
    let scale = |w: usize| (w * column as usize).div_ceil(COLUMN_TWIPS as usize);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return Vec::new();
    }
    fn cell(r: &[String], c: usize) -> &str {
        r.get(c).map(String::as_str).unwrap_or("")
    }
    // Each cell as the display widths of its lines — of the header and, in a long
    // table, of an even sample of its rows: widths are a matter of proportion, and
    // fitting every row of a generated table of thousands would cost more than it tells.
    let every = (rows.len() / FIT_SAMPLE).max(1);
    let sample = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || i % every == 0)
        .map(|(_, r)| r);
    let cells: Vec<Vec<Vec<usize>>> = sample
        .map(|r| {
            (0..columns)
                .map(|c| cell(r, c).lines().map(|l| scale(set_width(l))).collect())
                .collect()
        })
        .collect();
    let to_twips = |w: usize| (w.min(400) as u32) * COLUMN_TWIPS + CELL_PADDING_TWIPS;
    let words = column_words(rows, columns, every);
    let need: Vec<u32> = (0..columns)
        .map(|c| {
            let widest = cells.iter().flat_map(|r| r[c].iter().copied()).max();
            to_twips(widest.unwrap_or(0))
        })
        .collect();
    // A header may wrap to two characters a line; the body's widest cell sets the rest
    // of the floor (a column of single letters is narrow, whatever its header).
    let floor: Vec<u32> = (0..columns)
        .map(|c| {
            let body = cells
                .iter()
                .skip(1)
                .flat_map(|r| r[c].iter().copied())
                .max();
            let head = cells[0][c].iter().copied().max().unwrap_or(0).min(4);
            let floor = body.unwrap_or(0).max(head).min(MIN_COLUMNS);
            to_twips(floor.max(scale(words[c])))
        })
        .collect();
    let mut widths = floor.clone();
    let sum: u32 = widths.iter().sum();
    if sum >= total {
        // Not even the floors fit: share the width in their proportion.
        return scaled(&floor, total, 0);
    }
    widen(&cells, &mut widths, &need, total - sum);
    if let Some(w) = spare.and_then(|c| widths.get(c).copied()) {
        let rest = total.saturating_sub(widths.iter().sum());
        let mut out = widths;
        out[spare.unwrap_or(0)] = w + rest;
        return out;
    }
    // What is left (every cell fits on its lines) widens the table to the text block,
    // in proportion to the widths so far.
    let widest = (0..columns)
        .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)))
        .unwrap_or(0);
    scaled(&widths, total, widest)
}

/// The display columns a line of table text takes when set: its characters, and the
/// quarter em Word and LibreOffice put between Chinese and Latin letters or digits
/// ("15分钟" is set as "15 分钟"), one column for every two such changes, rounded up.
/// In Chinese text, characters of ambiguous width (Ⅲ, ≥, ×, “”) are set wide by the CJK
/// font: two columns (Latin text sets them narrow).
pub fn set_width(line: &str) -> usize {
    let line = line.trim();
    let mut changes = 0usize;
    let mut last: Option<bool> = None;
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        let w = is_wide(c);
        if last.is_some_and(|l| l != w) {
            changes += 1;
        }
        last = Some(w);
    }
    let chinese = line.chars().any(is_wide);
    let width = if chinese {
        line.width_cjk()
    } else {
        line.width()
    };
    width + changes.div_ceil(2)
}

/// Neither LibreOffice nor Word (without hyphenation) breaks a Latin word but where it
/// must: a column is never narrower than its longest word ("Response", not
/// "Respon/se"), header included. The rows sampled are `fit_widths_at`'s.
fn column_words(rows: &[Vec<String>], columns: usize, every: usize) -> Vec<usize> {
    (0..columns)
        .map(|c| {
            (rows.iter().enumerate())
                .filter(|(i, _)| *i == 0 || i % every == 0)
                .map(|(_, r)| longest_word(r.get(c).map(String::as_str).unwrap_or("")))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The display columns of the longest run of Latin letters, digits and signs in `text`
/// (a letter of Times New Roman in 五号 is at most a display column, on average less)
/// (Chinese text breaks between any two characters, so it makes no word), at most 24:
/// a longer run (a web address) is broken anyway.
fn longest_word(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || is_wide(c))
        .map(|w| w.width())
        .max()
        .unwrap_or(0)
        .min(24)
}

/// Whether `c` is set full width (a Chinese character or punctuation).
fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Lines a cell (its lines' display widths) takes in a column `w` twips wide.
fn cell_lines(cell: &[usize], w: u32) -> usize {
    let n = (w.saturating_sub(CELL_PADDING_TWIPS) / COLUMN_TWIPS).max(1) as usize;
    cell.iter()
        .map(|l| l.div_ceil(n).max(1))
        .sum::<usize>()
        .max(1)
}

/// Hands `room` twips out to the columns of `widths`, by the fewest steps that save a
/// line, the column saving most per step first, none beyond its `need`.
fn widen(cells: &[Vec<Vec<usize>>], widths: &mut [u32], need: &[u32], mut room: u32) {
    let columns = widths.len();
    let lines = cell_lines; // a short name for the many calls below
    // Lines of every cell at the current widths.
    let mut cur: Vec<Vec<usize>> = cells
        .iter()
        .map(|r| (0..columns).map(|c| lines(&r[c], widths[c])).collect())
        .collect();
    // Half a character at a time (a narrow step finds where a line just fits); a column
    // is widened by the fewest steps that save a line, the one saving most per step first.
    let step = COLUMN_TWIPS;
    while room >= step {
        let mut best: Option<(u64, usize, u32)> = None;
        for c in (0..columns).filter(|&c| widths[c] < need[c]) {
            let most = (room / step)
                .min((need[c] - widths[c]).div_ceil(step))
                .min(80);
            for k in 1..=most {
                let w = widths[c] + k * step;
                let (mut rows_gain, mut cells_gain) = (0u64, 0u64);
                for (r, row) in cells.iter().enumerate() {
                    let l = lines(&row[c], w);
                    let others = (0..columns)
                        .filter(|&o| o != c)
                        .map(|o| cur[r][o])
                        .max()
                        .unwrap_or(1);
                    let was = others.max(cur[r][c]);
                    rows_gain += (was - others.max(l)) as u64;
                    cells_gain += (cur[r][c] - l) as u64;
                }
                if rows_gain + cells_gain > 0 {
                    let score = (rows_gain * 1000 + cells_gain) * 1000 / k as u64;
                    if best.is_none_or(|(s, _, _)| score > s) {
                        best = Some((score, c, k));
                    }
                    break;
                }
            }
        }
        let Some((_, c, k)) = best else { break };
        widths[c] += k * step;
        room -= k * step;
        for (r, row) in cells.iter().enumerate() {
            cur[r][c] = lines(&row[c], widths[c]);
        }
    }
}

/// `Coordinates faculties` → `coordinates faculties`: an ordinary capitalised first
/// word in lower case; an acronym or a name in capitals (`IT`, `HR`) is left as it is.
pub fn lower_first_word(s: &str) -> String {
    let word = s
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    let ordinary = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.len() > 1
        && chars.all(|c| c.is_ascii_lowercase());
    if !ordinary {
        return s.to_string();
    }
    let mut out = s[..1].to_ascii_lowercase();
    out.push_str(&s[1..]);
    out
}

/// Items of a list run on in one paragraph (a member's duties): joined by `sep`, a
/// later item's ordinary first word in lower case, as English runs on after ";".
pub fn run_in(items: &[String], sep: &str) -> String {
    let items = items.iter().enumerate();
    let parts: Vec<String> = items
        .map(|(i, s)| {
            if i > 0 {
                lower_first_word(s)
            } else {
                s.clone()
            }
        })
        .collect();
    parts.join(sep)
}

/// A plan text as one line (an action's detail, a principle after its name): its
/// paragraphs and lines joined as wrapped lines are.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for line in lines(text) {
        join(&mut out, &line);
    }
    out
}

/// Every line of a plan text, paragraph by paragraph (a table row is one line of its
/// cells): for places that hold lines, not blocks — a table cell.
pub fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks(text) {
        match block {
            Block::Para { lines } => out.extend(lines),
            Block::Table { head, rows, .. } => {
                out.extend(std::iter::once(head).chain(rows).map(|r| r.join(" ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(lines: &[&str]) -> Block {
        Block::Para {
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    #[test]
    fn wrapped_chinese_lines_join_without_a_space() {
        let text = "在集团党委统一领导下，由指挥中心集中指挥；按照谁主管谁负责的要求，\n  总部部门和所属企业各负其责。";
        assert_eq!(
            blocks(text),
            [para(&[
                "在集团党委统一领导下，由指挥中心集中指挥；按照谁主管谁负责的要求，总部部门和所属企业各负其责。"
            ])]
        );
    }

    #[test]
    fn wrapped_latin_lines_join_with_one_space() {
        let text =
            "The office answers every enquiry from the press within\none hour of receiving it.";
        assert_eq!(
            inline(text),
            "The office answers every enquiry from the press within one hour of receiving it."
        );
    }

    #[test]
    fn a_short_line_keeps_its_break() {
        let text = "对于网民关心的主要关切，我们将在调查清楚后如实公布，感谢社会各界的关注和监督。\n\n示例集团有限公司\n{日期}";
        assert_eq!(
            blocks(text),
            [
                para(&[
                    "对于网民关心的主要关切，我们将在调查清楚后如实公布，感谢社会各界的关注和监督。"
                ]),
                para(&["示例集团有限公司", "{日期}"]),
            ]
        );
    }

    #[test]
    fn a_backslash_ends_a_line_on_purpose() {
        let text = "The quick brown fox jumps over the lazy dog, twice.\\\nThe quick brown fox jumps over the lazy dog.";
        assert_eq!(
            blocks(text),
            [para(&[
                "The quick brown fox jumps over the lazy dog, twice.",
                "The quick brown fox jumps over the lazy dog."
            ])]
        );
    }

    #[test]
    fn items_start_paragraphs() {
        let text = "报告单位、报告人、联系方式和报告时间写在报告单的第一行，以下各项逐项填写：\n一、舆情来源\n二、主要内容\n（三）传播情况\n1. 首发\n2、转发\n①评论";
        let got = blocks(text);
        assert_eq!(got.len(), 7, "{got:?}");
    }

    #[test]
    fn a_line_after_a_short_item_is_a_paragraph_of_its_own() {
        let text =
            "现将最新进展通报如下：\n一、{调查进展}\n二、{整改进展}\n我们将继续及时发布后续进展。";
        let got = blocks(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[3], para(&["我们将继续及时发布后续进展。"]));
    }

    #[test]
    fn an_empty_column_of_a_form_is_wide() {
        let text = "| 填报项目 | 填报内容 |\n| 报告单位 | |\n| 舆情来源 | |";
        match &blocks(text)[0] {
            Block::Table { widths, .. } => assert!(widths[1] > widths[0], "{widths:?}"),
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn a_time_limit_is_counted_with_the_space_set_before_its_unit() {
        // "15分钟" is set as "15 分钟": the quarter em between digits and Chinese made
        // the old count (six columns) one short, and the limit broke over two lines.
        assert_eq!(set_width("15分钟"), 7);
        assert_eq!(set_width("宣传部"), 6);
        // Ⅲ is set wide, with the quarter em before 级: "Ⅲ级响应" broke as "Ⅲ级响\n应".
        assert_eq!(set_width("Ⅲ级响应"), 9);
        assert_eq!(set_width("3小时内，每2小时一次"), 22);
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![
            row(&["报告单位", "报告对象", "时限", "方式"]),
            row(&["常务副总指挥", "总指挥", "15分钟", ""]),
            row(&[
                "总指挥",
                "上级主管部门",
                "1小时",
                "电话先行报告，随后报送书面材料",
            ]),
        ];
        let w = fit_widths(&rows, TEXT_TWIPS);
        assert!(w[2] >= 7 * COLUMN_TWIPS + CELL_PADDING_TWIPS, "{w:?}");
    }

    #[test]
    fn fitted_columns_give_the_room_to_the_text() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![
            row(&["部门", "类型", "职责"]),
            row(&[
                "宣传部",
                "部门",
                "组织全网舆情的日常监测和分析研判，提出预警级别建议，确定并发布蓝色预警",
            ]),
            row(&[
                "网信部",
                "部门",
                "运行维护舆情监测系统，设置和更新监测关键词，保障系统全天候运行",
            ]),
        ];
        let w = fit_widths(&rows, TEXT_TWIPS);
        assert_eq!(w.iter().sum::<u32>(), TEXT_TWIPS);
        // The short columns keep their cells on one line; the rest goes to the duties.
        assert!(w[0] >= 6 * COLUMN_TWIPS + CELL_PADDING_TWIPS, "{w:?}");
        assert!(w[1] >= 4 * COLUMN_TWIPS + CELL_PADDING_TWIPS, "{w:?}");
        assert!(w[2] > 5000, "{w:?}");
        // A table that fits is spread over the whole width, in proportion.
        let small = fit_widths(&[row(&["甲", "乙乙"])], TEXT_TWIPS);
        assert_eq!(small.iter().sum::<u32>(), TEXT_TWIPS);
        assert!(small[1] > small[0]);
        // Several columns of long text: every one keeps at least four characters.
        let long = |n: usize| -> Vec<Vec<String>> {
            (0..3)
                .map(|_| (0..n).map(|_| "很长的一段文字".repeat(5)).collect())
                .collect()
        };
        let w = fit_widths(&long(6), TEXT_TWIPS);
        let floor = MIN_COLUMNS as u32 * COLUMN_TWIPS + CELL_PADDING_TWIPS;
        assert!(w.iter().all(|x| *x >= floor), "{w:?}");
        // Too many to keep their floors: they share the width, none is left out.
        let w = fit_widths(&long(30), TEXT_TWIPS);
        assert_eq!(w.iter().sum::<u32>(), TEXT_TWIPS);
        assert!(w.iter().all(|x| *x > 200), "{w:?}");
        assert!(fit_widths(&[], TEXT_TWIPS).is_empty());
    }

    #[test]
    fn run_in_items_continue_in_lower_case() {
        let items = [
            "Leads the team;".to_string(),
            "Approves statements.".to_string(),
        ];
        assert_eq!(run_in(&items, " "), "Leads the team; approves statements.");
        let zh = ["统筹协调；".to_string(), "审定口径。".to_string()];
        assert_eq!(run_in(&zh, ""), "统筹协调；审定口径。");
        assert_eq!(lower_first_word("IT Services run it"), "IT Services run it");
        assert_eq!(lower_first_word("A"), "A");
        assert_eq!(lower_first_word(""), "");
    }

    #[test]
    fn a_decimal_is_not_an_item() {
        assert!(!opens_item("1.5小时内"));
        assert!(opens_item("1.以人为本"));
        assert!(opens_item("十二、附则"));
        assert!(!opens_item("十分重要"));
    }

    #[test]
    fn pipe_lines_are_a_table_with_its_header() {
        let text = "下表列出联系方式。\n| 岗位 | 电话 |\n|---|---|\n| 总指挥 | （待填） |\n| 新闻发言人 |\n之后的说明。";
        let got = blocks(text);
        assert_eq!(got.len(), 3);
        match &got[1] {
            Block::Table { head, rows, widths } => {
                assert_eq!(head, &["岗位", "电话"]);
                assert_eq!(rows, &[vec!["总指挥", "（待填）"], vec!["新闻发言人", ""]]);
                assert_eq!(widths.iter().sum::<u32>(), TEXT_TWIPS);
            }
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn empty_and_odd_texts_do_not_panic() {
        for text in [
            "", "\n\n", "|", "||", "|-|", "\\", "  \\  ", "一、", "（", "(", "①",
        ] {
            let _ = blocks(text);
            let _ = inline(text);
        }
    }
}
