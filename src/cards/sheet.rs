//! A card as it is printed: one table for the whole card, a block of rows per
//! situation, the first hour in rows of their own and what comes later in one line,
//! and a layout — the page, the font and the column widths — that the templates
//! print with and [`Sheet::height`] measures with, so the check that a card fits its
//! page (A0026) counts the same lines the printer sets.

use super::{Card, MatrixRow, Step};
use crate::wording::Words;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// The paper a card is printed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    /// 148 × 210 mm: two to an A4 sheet.
    #[default]
    A5,
    /// 105 × 148 mm: a pocket card, four to an A4 sheet.
    A6,
}

/// A card's page and type, in twentieths of a point (twips), as DOCX measures them.
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub margin: u32,
    /// The text size in half points (DOCX `w:sz`).
    pub font: u32,
    /// The line pitch of the text, exact.
    pub line: u32,
    /// The title's size (half points) and line pitch.
    pub title_font: u32,
    pub title_line: u32,
    /// The small print (source, legend, hand-over).
    pub small_font: u32,
    pub small_line: u32,
    /// A cell's left and right inner margin.
    pub pad: u32,
    /// The empty line that parts two tables.
    pub gap: u32,
    /// Columns of the card table: number, task, part, then one per time column.
    pub widths: Vec<u32>,
    /// Columns of the head table: label, text.
    pub head: Vec<u32>,
    /// Columns of the contacts table: the label (as the head's), then two contacts,
    /// each its name and its number in one cell.
    pub contacts: Vec<u32>,
    /// The same widths in per cent of the text width (HTML).
    pub percent: Vec<f64>,
}

impl Layout {
    /// The layout of a card with `times` time columns (its levels, or one).
    pub fn of(size: Size, times: usize) -> Layout {
        let times = times.max(1) as u32;
        let (width, height, margin, font, line, title_font, title_line, small_font, small_line) =
            match size {
                Size::A5 => (8391, 11906, 454, 18, 212, 28, 360, 15, 184),
                Size::A6 => (5953, 8391, 397, 14, 175, 22, 300, 12, 160),
            };
        let text: u32 = width - 2 * margin;
        let pad = 57;
        let ch = font * 10;
        // A column for `chars` half-width characters, with a little slack: a cell
        // that is exactly as wide as its text breaks the last character in some
        // renderers.
        let cell = |chars: u32| chars * ch / 2 + 2 * pad + 80;
        // The number, the part (`牵头`) and a time (`30分钟`) take what they need; the
        // task takes the rest.
        let (no, part, time) = (cell(4), cell(4), cell(8));
        let task = text.saturating_sub(no + part + times * time).max(cell(8));
        let mut widths = vec![no, task, part];
        widths.extend(std::iter::repeat_n(time, times as usize));
        let label = cell(9);
        let percent = (widths.iter())
            .map(|w| (f64::from(*w) * 1000.0 / f64::from(text)).round() / 10.0)
            .collect();
        Layout {
            width,
            height,
            margin,
            font,
            line,
            title_font,
            title_line,
            small_font,
            small_line,
            pad,
            gap: small_line * 3 / 5,
            widths,
            head: vec![label, text - label],
            contacts: vec![label, (text - label) / 2, text - label - (text - label) / 2],
            percent,
        }
    }

    /// The number, part and time columns as wide as their widest text (heads
    /// included), the task column the rest.
    fn fit_columns(&mut self, heads: &[String], groups: &[Group], t: &Words) {
        let rows = || groups.iter().flat_map(|g| &g.rows);
        let widest = |texts: &mut dyn Iterator<Item = String>| {
            texts.map(|x| x.width() as u32).max().unwrap_or(2)
        };
        let no = widest(&mut rows().map(|r| r.n.to_string()).chain([t.get("cards.no")]));
        let part = widest(
            &mut rows()
                .map(|r| r.part.clone())
                .chain([t.get("cards.part_head")]),
        );
        let wide = heads.len() > 1;
        let time = widest(
            &mut (rows().filter(|r| !(wide && r.span)))
                .flat_map(|r| r.times.iter().flatten().cloned())
                .chain(heads.iter().cloned()),
        );
        // A half-width letter at 0.6 of the font's height: Latin fallbacks (DejaVu) are
        // wider than the half-em of Times New Roman, and a head must not break.
        let cell = |half: u32| half * self.font * 6 + 2 * self.pad + 80;
        let text = self.text_width();
        let k = heads.len().max(1) as u32;
        let (no, part) = (cell(no), cell(part));
        // A long limit (`初步研判定级后1小时内`) wraps in its cell rather than squeeze
        // the task below twenty half-width characters or push the table off the page.
        let most = text.saturating_sub(no + part + cell(20)) / k;
        let time = cell(time.max(4)).min(most).max(cell(4));
        let task = text.saturating_sub(no + part + k * time);
        self.widths = vec![no, task, part];
        self.widths.extend(std::iter::repeat_n(time, k as usize));
        self.percent = (self.widths.iter())
            .map(|w| (f64::from(*w) * 1000.0 / f64::from(text)).round() / 10.0)
            .collect();
    }

    /// Whether a row's notes are better under it than in its task cell: fewer lines.
    fn below(&self, r: &Row, t: &Words) -> bool {
        if r.notes.is_empty() {
            return false;
        }
        let notes = t.fill("cards.item_notes", &[("notes", &r.notes)]);
        let inside = self.lines(&format!("{}{}", r.action, notes), self.widths[1], self.font);
        let under = self.lines(&r.action, self.widths[1], self.font)
            + self.lines(&r.notes, self.text_width() - self.widths[0], self.font);
        under < inside
    }

    fn text_width(&self) -> u32 {
        self.width - 2 * self.margin
    }

    /// The lines a text takes in a column `w` twips wide at `font` half points:
    /// a full-width character is as wide as the font is high, a half-width one half.
    fn lines(&self, text: &str, w: u32, font: u32) -> u32 {
        let room = u64::from(w.saturating_sub(2 * self.pad)).max(1);
        let half = u64::from(font) * 5;
        text.split('\n').map(|l| wrapped(l, room, half)).sum()
    }
}

/// The lines a paragraph takes when set greedily in `room` twips, `half` twips to a
/// half-width character: a full-width character may end a line anywhere, a word of
/// half-width letters moves to the next line whole (and is broken only when it is
/// longer than a line), and a space at a line's end takes no room.
fn wrapped(text: &str, room: u64, half: u64) -> u32 {
    let mut lines = 1u32;
    let mut used = 0u64;
    let mut word = 0u64;
    let flush = |word: &mut u64, used: &mut u64, lines: &mut u32| {
        if *word == 0 {
            return;
        }
        if *used + *word > room && *used > 0 {
            *lines += 1;
            *used = 0;
        }
        while *word > room {
            *word -= room;
            *lines += 1;
        }
        *used += *word;
        *word = 0;
    };
    for ch in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) as u64 * half;
        if ch == ' ' {
            flush(&mut word, &mut used, &mut lines);
            if used + w <= room {
                used += w;
            }
        } else if w > half {
            flush(&mut word, &mut used, &mut lines);
            if used + w > room {
                lines += 1;
                used = 0;
            }
            used += w;
        } else {
            word += w;
        }
    }
    flush(&mut word, &mut used, &mut lines);
    lines
}

/// The card as printed.
#[derive(Clone, Debug, Serialize)]
pub struct Sheet {
    /// Whether the table has a time column per level: a row's notes then take a row
    /// of their own under it, across the table, where the task column is narrow.
    pub wide: bool,
    /// The time columns' heads: the levels, or the one `时限`.
    pub columns: Vec<String>,
    /// The head: who holds the post, who stands in, whom it reports to, what starts
    /// each level.
    pub head: Vec<HeadRow>,
    pub groups: Vec<Group>,
    /// The contacts two to a row: each its name and how to reach it.
    pub contacts: Vec<Vec<[String; 2]>>,
    pub layout: Layout,
}

#[derive(Clone, Debug, Serialize)]
pub struct HeadRow {
    pub label: String,
    pub lines: Vec<String>,
}

/// One situation's rows.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub heading: String,
    pub section: String,
    /// The first hour's work, one row each.
    pub rows: Vec<Row>,
    /// The rest of the post's work in this situation, in one line (`随后：…`; with no
    /// first-hour rows, the line is the situation's own: `响应终止时：…`).
    pub later: Option<String>,
    /// Its reporting lines, a line each.
    pub lines: Vec<String>,
    /// What the post is told of (`知悉：…`): on the heading's line where it fits
    /// there (`told_inline`), else a line of its own.
    pub told: Option<String>,
    pub told_inline: bool,
}

impl Group {
    /// The heading line: the situation and the section it comes from.
    fn label(&self, t: &Words) -> String {
        format!(
            "{}{}{}{}{}",
            self.heading,
            t.get("cards.gap"),
            t.get("cards.section"),
            t.get("cards.colon"),
            self.section
        )
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub n: usize,
    /// The notes take a row of their own under the task, across the table (where the
    /// task column is narrow and they would make the row taller than two).
    pub action: String,
    /// Who leads, approves, how often, on what condition (short).
    pub notes: String,
    pub part: String,
    /// One per time column, or one spanning them all (`span`): the time limit and
    /// how often, a line each.
    pub times: Vec<Vec<String>>,
    pub span: bool,
    pub below: bool,
}

/// The sheet of a card, for paper of `size`.
pub fn sheet(card: &Card, size: Size, t: &Words) -> Sheet {
    let columns: Vec<String> = match &card.levels {
        Some(m) if m.columns.len() > 1 => m.columns.clone(),
        _ => vec![t.get("cards.within")],
    };
    let wide = columns.len() > 1;
    let mut n = 0;
    let mut groups = Vec::new();
    for s in &card.situations {
        if s.key == "level" {
            if let Some(m) = &card.levels
                && !groups.iter().any(|g: &Group| g.section == m.section)
            {
                groups.push(level_group(m, wide, &mut n, t));
            }
            continue;
        }
        groups.push(step_group(
            &s.heading, &s.section, &s.steps, &s.reports, &mut n, t,
        ));
    }
    let mut layout = Layout::of(size, columns.len());
    layout.fit_columns(&columns, &groups, t);
    for r in groups.iter_mut().flat_map(|g| &mut g.rows) {
        r.below = layout.below(r, t);
    }
    for g in &mut groups {
        let heading_line = !g.rows.is_empty() || g.later.is_none();
        g.told_inline = heading_line
            && (g.told.as_ref()).is_some_and(|x| {
                let line = format!("{}{}{x}", g.label(t), t.get("cards.gap"));
                layout.lines(&line, layout.text_width(), layout.font) == 1
            });
    }
    Sheet {
        head: head(card, t),
        groups,
        contacts: (card.contacts.chunks(2))
            .map(|pair| {
                pair.iter()
                    .map(|k| [k.name.clone(), contact(k.contact.as_deref(), t)])
                    .collect()
            })
            .collect(),
        wide,
        columns,
        layout,
    }
}

/// How a contact is reached, as it follows the contact's name: the plan's own words
/// after a colon, or as written where the plan put them in brackets.
fn contact(given: Option<&str>, t: &Words) -> String {
    let text = given.map_or_else(|| t.get("cards.contact_missing"), str::to_string);
    if text.starts_with(['（', '(']) {
        format!("{}{text}", t.get("cards.before_paren"))
    } else {
        format!("{}{text}", t.get("cards.colon"))
    }
}

fn head(card: &Card, t: &Words) -> Vec<HeadRow> {
    let row = |k: &str, lines: Vec<String>| HeadRow {
        label: t.get(&format!("cards.{k}")),
        lines,
    };
    let mut out = vec![row(
        "holder",
        vec![card.holder.clone().unwrap_or("—".into())],
    )];
    let mut backup = card.backup.clone().unwrap_or(t.get("cards.no_backup"));
    if !card.stands_in_for.is_empty() {
        let of = t.list("cards.list", &card.stands_in_for, usize::MAX);
        backup.push_str(&t.fill("cards.also_backup", &[("posts", &of)]));
    }
    out.push(row("backup", vec![backup]));
    if !card.reports.is_empty() {
        out.push(row("reports", card.reports.clone()));
    }
    if let Some(m) = &card.levels
        && !m.triggers.is_empty()
    {
        out.push(row("trigger", m.triggers.clone()));
    }
    out
}

/// A situation that is not a level: its first-hour steps as rows, the rest in lines.
fn step_group(
    heading: &str,
    section: &str,
    steps: &[Step],
    reports: &[String],
    n: &mut usize,
    t: &Words,
) -> Group {
    let own = |s: &&Step| s.part != "inform";
    let mut rows = Vec::new();
    let mut later = Vec::new();
    for s in steps.iter().filter(own) {
        if s.first_hour {
            *n += 1;
            rows.push(Row {
                n: *n,
                action: s.action.clone(),
                notes: s.brief.clone(),
                part: s.part_words.clone(),
                times: vec![cell(&s.time, s.every.as_deref(), t)],
                span: true,
                below: false,
            });
        } else {
            later.push(item(&s.action, &s.time, &s.later, t));
        }
    }
    let told: Vec<String> = (steps.iter())
        .filter(|s| s.part == "inform")
        .map(|s| s.action.clone())
        .collect();
    Group {
        heading: heading.to_string(),
        section: section.to_string(),
        rows,
        later: later_line(&later, t),
        lines: lines(reports, t),
        told: told_line(told, t),
        told_inline: false,
    }
}

/// The levels side by side: a row per first-hour task with a time per level.
fn level_group(m: &super::Matrix, wide: bool, n: &mut usize, t: &Words) -> Group {
    let own = |r: &&MatrixRow| r.part != "inform";
    let mut rows = Vec::new();
    let mut later = Vec::new();
    for r in m.rows.iter().filter(own) {
        let times: Vec<String> = (r.times.iter())
            .map(|x| x.trim_end_matches(" ★").to_string())
            .collect();
        if r.first_hour {
            *n += 1;
            let cells: Vec<Vec<String>> = (times.iter().zip(&r.every))
                .map(|(x, e)| match (x.is_empty(), e.is_empty()) {
                    (true, _) => vec!["—".to_string()],
                    (false, true) => vec![x.clone()],
                    (false, false) => vec![x.clone(), e.clone()],
                })
                .collect();
            rows.push(Row {
                n: *n,
                action: r.action.clone(),
                notes: r.brief.clone(),
                part: r.part_words.clone(),
                times: if wide {
                    cells
                } else {
                    cells.into_iter().take(1).collect()
                },
                span: !wide,
                below: false,
            });
        } else {
            let at: Vec<String> = by_time(&m.columns, &times)
                .into_iter()
                .map(|(levels, x)| {
                    let levels = t.list("cards.list", &levels, usize::MAX);
                    t.fill("cards.at_level", &[("level", &levels), ("time", x)])
                })
                .collect();
            let at = if wide {
                t.list("cards.list", &at, usize::MAX)
            } else {
                times.concat()
            };
            later.push(item(&r.action, &at, &r.later, t));
        }
    }
    let told: Vec<String> = (m.rows.iter())
        .filter(|r| r.part == "inform")
        .map(|r| r.action.clone())
        .collect();
    Group {
        heading: t.get("cards.by_level"),
        section: m.section.clone(),
        rows,
        later: later_line(&later, t),
        lines: lines(&m.reports, t),
        told: told_line(told, t),
        told_inline: false,
    }
}

/// The levels that give a task the same time, together, in the order of the first
/// of each: `红色、橙色2小时；黄色8小时`.
fn by_time<'a>(levels: &'a [String], times: &'a [String]) -> Vec<(Vec<String>, &'a str)> {
    let mut out: Vec<(Vec<String>, &str)> = Vec::new();
    for (level, time) in levels.iter().zip(times).filter(|(_, x)| !x.is_empty()) {
        match out.iter_mut().find(|(_, x)| *x == time.as_str()) {
            Some((ls, _)) => ls.push(level.clone()),
            None => out.push((vec![level.clone()], time)),
        }
    }
    out
}

/// A time cell: the limit, and how often where the step repeats.
fn cell(time: &str, every: Option<&str>, t: &Words) -> Vec<String> {
    let mut out = vec![time.to_string()];
    if let Some(e) = every {
        out.push(t.fill("cards.every_cell", &[("every", e)]));
    }
    out
}

/// A later task in a line: `续报 3小时（每2小时一次）`.
fn item(action: &str, time: &str, notes: &str, t: &Words) -> String {
    let notes = if notes.is_empty() {
        String::new()
    } else {
        t.fill("cards.item_notes", &[("notes", notes)])
    };
    t.fill(
        "cards.later_item",
        &[("action", action), ("time", time), ("notes", &notes)],
    )
}

fn later_line(items: &[String], t: &Words) -> Option<String> {
    (!items.is_empty()).then(|| items.join(&t.get("cards.sep")))
}

fn lines(reports: &[String], t: &Words) -> Vec<String> {
    (reports.iter())
        .map(|r| t.fill("cards.report_row", &[("line", r)]))
        .collect()
}

fn told_line(told: Vec<String>, t: &Words) -> Option<String> {
    (!told.is_empty()).then(|| {
        let told = t.list("cards.list", &told, usize::MAX);
        t.fill("cards.informed", &[("items", &told)])
    })
}

impl Sheet {
    /// The height the card takes on its page, in twips, as the templates set it:
    /// the title, the source line, the head table, the card table and its group
    /// rows, the contacts, the hand-over and the legend.
    pub fn height(&self, card: &Card, source: &str, t: &Words) -> u32 {
        let l = &self.layout;
        let text = l.text_width();
        let small = |s: &str| l.lines(s, text, l.small_font) * l.small_line;
        let body = |s: &str, w: u32| l.lines(s, w, l.font) * l.line;
        // A row is as high as its tallest cell, plus a border.
        let border = 10;
        let title = format!(
            "{}{}{}",
            t.get("cards.title"),
            t.get("cards.colon"),
            card.title
        );
        let mut h = l.title_line * l.lines(&title, text, l.title_font);
        h += small(source);
        for r in &self.head {
            h += body(&r.lines.join("\n"), l.head[1]).max(body(&r.label, l.head[0])) + border;
        }
        h += l.line + border;
        let time_w: u32 = l.widths[3..].iter().sum();
        for g in &self.groups {
            let label = g.label(t);
            match (&g.told, g.told_inline) {
                (Some(_), true) | (None, _) => {}
                (Some(x), false) => h += body(x, text) + border,
            }
            // A situation with no first-hour rows says its work on its heading's line.
            match (&g.later, g.rows.is_empty()) {
                (Some(x), true) => {
                    h += body(&format!("{label}{}{x}", t.get("cards.gap")), text) + border
                }
                (Some(x), false) => {
                    let x = t.fill("cards.later", &[("items", x)]);
                    h += body(&label, text) + body(&x, text) + 2 * border;
                }
                (None, _) => h += body(&label, text) + border,
            }
            for r in &g.rows {
                let notes = t.fill("cards.item_notes", &[("notes", &r.notes)]);
                let task = if r.below {
                    h += body(&r.notes, text - l.widths[0]) + border;
                    body(&r.action, l.widths[1])
                } else if r.notes.is_empty() {
                    body(&r.action, l.widths[1])
                } else {
                    body(&format!("{}{}", r.action, notes), l.widths[1])
                };
                let times = if r.span {
                    body(&r.times.concat().join("\n"), time_w)
                } else {
                    (r.times.iter().zip(&l.widths[3..]))
                        .map(|(x, w)| body(&x.join("\n"), *w))
                        .max()
                        .unwrap_or(l.line)
                };
                h += task.max(times).max(body(&r.part, l.widths[2])) + border;
            }
            for x in &g.lines {
                h += body(x, text) + border;
            }
        }
        for pair in &self.contacts {
            h += (pair.iter().zip(&l.contacts[1..]))
                .map(|(x, w)| body(&format!("{}{}", x[0], x[1]), *w))
                .max()
                .unwrap_or(l.line)
                + border;
        }
        h += small(&t.get("cards.handover")) + small(&t.get("cards.legend"));
        // The empty paragraphs that part the tables.
        let spacers = if self.contacts.is_empty() { 1 } else { 2 };
        h + spacers * l.gap
    }

    /// The share of its page the card fills, in per cent (above 100: it spills).
    pub fn share(&self, card: &Card, source: &str, t: &Words) -> f64 {
        f64::from(self.height(card, source, t)) * 100.0 / f64::from(self.room().max(1))
    }

    /// The room the page gives a card.
    pub fn room(&self) -> u32 {
        self.layout.height - 2 * self.layout.margin
    }
}
