//! A lexical pass before pest: finds what pest would report badly or could not
//! survive — NUL bytes, texts left open, nesting deep enough to exhaust the stack —
//! and marks where top-level definitions start, for error recovery.

use crate::diagnostic::{Diagnostic, ParseFinding};
use crate::source::Span;

/// Deeper nesting than this is refused before parsing: real plans nest three or
/// four levels, and the recursive descent must never run out of stack.
pub const MAX_DEPTH: usize = 64;

pub struct Prescan {
    pub diagnostics: Vec<Diagnostic>,
    /// Offsets of lines that start at depth 0 outside any text: candidate starts of
    /// top-level definitions.
    pub top_starts: Vec<usize>,
}

pub fn prescan(text: &str) -> Prescan {
    let b = text.as_bytes();
    let mut diagnostics = Vec::new();
    if let Some(i) = text.find('\0') {
        diagnostics.push(Diagnostic::new(Span::new(i, i + 1), ParseFinding::NulByte));
        return Prescan {
            diagnostics,
            top_starts: Vec::new(),
        };
    }
    let mut top_starts = Vec::new();
    let mut depth: usize = 0;
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if line_start && depth == 0 && (c.is_ascii_alphabetic()) {
            top_starts.push(i);
        }
        line_start = false;
        match c {
            b'\n' | b'\r' => line_start = true,
            b'#' => i = skip_line(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => i = skip_line(b, i),
            b'"' if b[i..].starts_with(b"\"\"\"") => match find(b, i + 3, b"\"\"\"") {
                Some(end) => i = end + 2,
                None => {
                    diagnostics.push(Diagnostic::new(
                        Span::new(i, i + 3),
                        ParseFinding::UnterminatedText { block: true },
                    ));
                    break;
                }
            },
            b'"' => match line_text_end(b, i) {
                Ok(close) => i = close,
                Err(line_end) => {
                    diagnostics.push(Diagnostic::new(
                        Span::new(i, i + 1),
                        ParseFinding::UnterminatedText { block: false },
                    ));
                    if diagnostics.len() > 50 {
                        break;
                    }
                    // Resume after the line: one open quote is one error.
                    i = line_end;
                    continue;
                }
            },
            b'{' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    diagnostics.push(Diagnostic::new(
                        Span::new(i, i + 1),
                        ParseFinding::NestingTooDeep { max: MAX_DEPTH },
                    ));
                    break;
                }
            }
            b'}' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Prescan {
        diagnostics,
        top_starts,
    }
}

/// The closing quote of the one-line text opened at `open`, or where the line ends
/// without one.
fn line_text_end(b: &[u8], open: usize) -> Result<usize, usize> {
    let mut j = open + 1;
    loop {
        match b.get(j) {
            None | Some(b'\n') | Some(b'\r') => return Err(j),
            Some(b'\\') => j += 2,
            Some(b'"') => return Ok(j),
            _ => j += 1,
        }
    }
}

/// Index of the line end at or after `i` (the comment runs to it).
fn skip_line(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
        i += 1;
    }
    // The last byte of the comment: the main loop's step then lands on the line end.
    i - 1
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}
