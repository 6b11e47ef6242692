//! Positions as the client counts them: a line and a column in UTF-8 bytes or in
//! UTF-16 code units (the protocol's default), to and from byte offsets of the text.

use crate::source::{Source, Span};
use lsp_types::{Position, Range};

/// How columns are counted, as agreed with the client at initialization.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (which every client speaks).
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&lsp_types::PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
        }
    }

    /// The length of a piece of text in this encoding's units.
    fn len(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// The position of a byte offset (clamped to the text, and down to a character).
pub fn position(source: &Source, offset: usize, enc: Encoding) -> Position {
    let text = &source.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = source.line_index(offset);
    let start = source.line_starts()[line] as usize;
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(enc.len(&text[start..offset])).unwrap_or(u32::MAX),
    )
}

/// The range of a span.
pub fn range(source: &Source, span: Span, enc: Encoding) -> Range {
    Range::new(
        position(source, span.start(), enc),
        position(source, span.end(), enc),
    )
}

/// The byte offset of a position. A column past the line's end means the line's end;
/// a line past the last means the end of the text; a column inside a character (half
/// of a surrogate pair, a byte inside a Chinese character) means its start.
pub fn offset(source: &Source, pos: Position, enc: Encoding) -> usize {
    let starts = source.line_starts();
    let Some(&start) = starts.get(pos.line as usize) else {
        return source.text.len();
    };
    let line = source.line_range(pos.line as usize);
    let text = &source.text[line];
    let mut units = 0usize;
    for (i, c) in text.char_indices() {
        let n = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units + n > pos.character as usize {
            return start as usize + i;
        }
        units += n;
    }
    start as usize + text.len()
}

/// The span of a range.
pub fn span(source: &Source, r: Range, enc: Encoding) -> Span {
    let a = offset(source, r.start, enc);
    let b = offset(source, r.end, enc);
    Span::new(a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_or_bytes() {
        // 宣 is one UTF-16 unit and three bytes; 𝒜 is two units and four bytes.
        let s = Source::new("t.plan", "ab\n宣传部 𝒜x\n");
        let x = s.text.find('x').unwrap();
        assert_eq!(position(&s, x, Encoding::Utf16), Position::new(1, 6));
        assert_eq!(position(&s, x, Encoding::Utf8), Position::new(1, 14));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (i, _) in s.text.char_indices() {
                assert_eq!(offset(&s, position(&s, i, enc), enc), i, "{enc:?} {i}");
            }
        }
        // Inside the surrogate pair: the character's start.
        let a = s.text.find('𝒜').unwrap();
        assert_eq!(offset(&s, Position::new(1, 5), Encoding::Utf16), a);
        // Past the line's end, past the last line.
        assert_eq!(offset(&s, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(
            offset(&s, Position::new(9, 0), Encoding::Utf16),
            s.text.len()
        );
    }
}
