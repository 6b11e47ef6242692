//! Reading answers and writing the screen: answers as an input method types them,
//! matched to a choice or asked again; lines wrapped to the terminal by display width.

use super::questions::Question;
use crate::wording::Words;
use std::io::{BufRead, Write};
use unicode_width::UnicodeWidthChar;

/// An answer as typed with an input method: full-width digits, letters and signs
/// (`１`, `Ａ`) as their ASCII forms, the ideographic space as a space, trimmed.
pub fn normalize(answer: &str) -> String {
    answer
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Matches an answer line to a choice: its number, its text, a part of it, or the
/// choice it is one slip away from (the checker's did-you-mean). `None`: no choice —
/// the question is asked again.
pub fn pick(answer: &str, q: &Question) -> Option<usize> {
    let a = normalize(answer);
    if a.is_empty() {
        return None;
    }
    if let Ok(n) = a.parse::<usize>() {
        return (1..=q.choices.len()).contains(&n).then(|| n - 1);
    }
    if a.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
    {
        return None;
    }
    q.choices
        .iter()
        .position(|c| *c == a)
        .or_else(|| {
            q.choices
                .iter()
                .position(|c| c.contains(a.as_str()) || a.contains(c.as_str()))
        })
        .or_else(|| {
            let near = crate::source::suggest(&a, q.choices.iter().map(String::as_str))?;
            q.choices.iter().position(|c| c == near)
        })
}

/// Wraps `text` to `width` display columns (a CJK character takes two), each line
/// continued with the indent it began with; a width too small to hold the indent and a
/// character wraps at one character a line, never loops.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let iw = indent.len();
        let mut col = 0usize;
        let mut last_space: Option<(usize, usize)> = None;
        let mut current = String::new();
        for c in line.chars() {
            let cw = c.width().unwrap_or(0);
            if col + cw > width && col > iw {
                // Chinese breaks between any two characters; English at the last space
                // of the line, if there is one, else here.
                let wide = cw > 1 || current.chars().last().is_some_and(|p| p.width() > Some(1));
                let (keep, rest) = match last_space {
                    Some((byte, _)) if byte > indent.len() && !wide => {
                        let rest = current[byte + 1..].to_string();
                        current.truncate(byte);
                        (current, rest)
                    }
                    _ => (current, String::new()),
                };
                out.push_str(keep.trim_end());
                out.push('\n');
                current = format!("{indent}{rest}");
                col = iw + rest.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
                last_space = None;
            }
            if c == ' ' && col >= iw {
                last_space = Some((current.len(), col));
            }
            current.push(c);
            col += cw;
        }
        out.push_str(&current);
    }
    out
}

/// The screen a drill writes to: wrapped to a width, and whether the answers are
/// echoed by it as typed (a terminal).
pub struct Screen<'o, W: Write> {
    pub out: &'o mut W,
    pub width: usize,
    pub echoed: bool,
}

impl<W: Write> Screen<'_, W> {
    pub fn say(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.out, "{}", wrap(text, self.width))
    }
}

/// What was answered to one question: every line typed for it (those asked again
/// too, so that a replay types the same), and the choice the last one named.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    pub typed: Vec<String>,
    pub chosen: Option<usize>,
}

/// Asks one question on the screen and reads answers from `input` until one names a
/// choice, or the input ends (`chosen` is `None`). An answer that names none (a
/// number out of range, an empty line, text like no choice) is asked again, never
/// scored.
pub fn ask<W: Write>(
    q: &Question,
    w: &Words,
    input: &mut impl BufRead,
    s: &mut Screen<'_, W>,
) -> std::io::Result<Answered> {
    s.say(&format!("  {}", q.text))?;
    for (i, c) in q.choices.iter().enumerate() {
        s.say(&format!("    {}. {}", i + 1, c))?;
    }
    let mut typed = Vec::new();
    loop {
        write!(s.out, "  > ")?;
        s.out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(s.out)?;
            return Ok(Answered {
                typed,
                chosen: None,
            });
        }
        let line = line.trim().to_string();
        // Piped answers are not echoed: the prompt's line ends here, not on the
        // terminal's Enter, so the verdict never lands on the prompt's line.
        if !s.echoed {
            writeln!(s.out)?;
        }
        typed.push(line.clone());
        if let Some(i) = pick(&line, q) {
            return Ok(Answered {
                typed,
                chosen: Some(i),
            });
        }
        let most = q.choices.len().to_string();
        s.say(&format!(
            "  {}",
            w.fill("drill.play.again", &[("most", &most)])
        ))?;
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrapped_lines_fit_the_width_by_display_width() {
        let text = "  按预案的分级标准，现在应是什么级别？这是一段很长的中文文字，需要被折行显示在终端里。\n    1. A choice in English that is long enough to wrap twice at twenty columns";
        for width in [10, 20, 33, 60] {
            let out = wrap(text, width);
            for line in out.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squeeze(&out), squeeze(text), "nothing lost at {width}");
        }
    }
}
