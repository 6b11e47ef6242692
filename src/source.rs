//! Source text, byte spans and line/column computation.
//!
//! Spans are byte ranges into the source text. Line and column are computed only
//! when a diagnostic is printed, from a line index built once per source so that
//! locating many diagnostics in a big file stays linear.

use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use unicode_width::UnicodeWidthStr;

/// A byte range in a source text. Offsets are 32-bit (sources are at most
/// [`MAX_SOURCE_BYTES`]): a big plan carries millions of spans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: offset32(start),
            end: offset32(end),
        }
    }

    /// The byte offset the span starts at.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// The byte offset just after the span.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The byte range of the span.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// The span that covers both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// A span with no source behind it (a model read from JSON).
    pub fn is_dummy(self) -> bool {
        self.start == 0 && self.end == 0
    }
}

/// A value with the span it was written at. Serializes as the bare value; spans are
/// not part of the exported model. The export JSON reader hands a value its span
/// through [`SPANNED_NAME`]; any other deserializer gives an empty span.
#[derive(Clone, Debug, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// The newtype name a span-aware deserializer (the export JSON reader) recognises:
/// it answers with a map of [`VALUE_FIELD`], then [`SPAN_FIELD`] (start and end packed
/// in a `u64`; the end is known once the value is read). Any other deserializer treats `Spanned` as a plain newtype, so
/// the value reads bare with an empty span.
pub const SPANNED_NAME: &str = "$__planc_spanned";
pub const SPAN_FIELD: &str = "$__planc_span";
pub const VALUE_FIELD: &str = "$__planc_value";

impl Span {
    /// The span as one number, for [`SPANNED_NAME`].
    pub fn packed(self) -> u64 {
        (u64::from(self.start) << 32) | u64::from(self.end)
    }

    fn unpacked(n: u64) -> Span {
        Span {
            start: (n >> 32) as u32,
            end: n as u32,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(SPANNED_NAME, SpannedVisitor(std::marker::PhantomData))
    }
}

struct SpannedVisitor<T>(std::marker::PhantomData<T>);

impl<T> SpannedVisitor<T> {
    fn bare<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<T>, D::Error>
    where
        T: Deserialize<'de>,
    {
        T::deserialize(d).map(|value| Spanned::new(value, Span::default()))
    }
}

/// Deserializers that answer every request with `deserialize_any` hand the bare value
/// to one of these methods; each gives it to `T` as it came.
impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Self::bare(d)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if map.next_key::<&str>()? != Some(VALUE_FIELD) {
            return Err(de::Error::custom("a spanned value without its value"));
        }
        let value = map.next_value::<T>()?;
        if map.next_key::<&str>()? != Some(SPAN_FIELD) {
            return Err(de::Error::custom("a spanned value without its span"));
        }
        let span = Span::unpacked(map.next_value::<u64>()?);
        Ok(Spanned::new(value, span))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Self::bare(de::value::SeqAccessDeserializer::new(seq))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Self::bare(de::value::BorrowedStrDeserializer::new(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Self::bare(v.into_deserializer())
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// A name as written in the plan (`宣传部`, `首次回应`).
pub type Name = Spanned<compact_str::CompactString>;

/// Prose as written in the plan, after unescaping.
pub type Text = Spanned<compact_str::CompactString>;

/// The largest source read: byte offsets are kept in 32 bits.
pub const MAX_SOURCE_BYTES: usize = u32::MAX as usize;

/// An offset of a source no larger than [`MAX_SOURCE_BYTES`].
fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A named source text with its line index.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// Byte offsets of the line starts; 32 bits, as sources are limited to
    /// [`MAX_SOURCE_BYTES`], halve a big file's index.
    line_starts: Vec<u32>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(offset32(i + 1)),
                // A lone CR ends a line too (classic Mac line ends).
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(offset32(i + 1)),
                _ => {}
            }
            i += 1;
        }
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset32(offset)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a 0-based line, without its line end.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line] as usize;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let b = self.text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        start..end
    }

    /// All line start offsets.
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line] as usize;
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Display width of the text of a line before `offset` (CJK characters count two).
    pub fn display_column(&self, offset: usize) -> usize {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let start = self.line_starts[self.line_index(offset)] as usize;
        self.text[start..offset].width()
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn slice(&self, span: Span) -> &str {
        let s = self.floor_char_boundary(span.start().min(self.text.len()));
        let e = self.floor_char_boundary(span.end().min(self.text.len()));
        &self.text[s..e.max(s)]
    }
}

/// `text` padded with spaces to `width` display columns (a CJK character counts
/// two), for aligned columns in terminal output.
pub fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - w))
    }
}

/// The closest candidate to a misspelled word, if one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = word.chars().count();
    // A typo changes a character or two; two of three CJK characters changed is
    // another word.
    let limit = match n {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= limit && *d < c.chars().count().max(n))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Characters that take no room on screen: zero-width spaces and joiners, fillers,
/// variation selectors, tags.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{2800}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Bidirectional controls, which can show text in another order than it is read.
pub fn is_bidi(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character is invisible or reorders text (see [`is_invisible`],
/// [`is_bidi`]): shown raw, it would hide or disguise what the plan says.
pub fn is_hidden(c: char) -> bool {
    is_invisible(c) || is_bidi(c)
}

/// Whether a character is a control character other than the line feed and the tab:
/// C0, DEL and C1. On a terminal ESC starts sequences that clear the screen, write
/// the clipboard (OSC 52) or disguise a link (OSC 8), and U+009B is a CSI by itself.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// Whether a character may not reach a terminal as it is: a control character or a
/// hidden one.
pub fn is_unprintable(c: char) -> bool {
    is_control(c) || is_hidden(c)
}

/// Text as it may be shown on a terminal: every unprintable character written as its
/// code, `\u{1b}`, so plan text can neither act on the terminal nor hide itself. Line
/// feeds and tabs are kept. The one escaper of every human output.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;
    if !text.chars().any(is_unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unprintable(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] for a source snippet, where byte offsets must stay valid: each
/// unprintable character becomes visible characters of its own UTF-8 length (`?`,
/// `¤`, `\u{FFFD}`, `¤¤`). Line breaks (`\r` too: it ends a line of the source) and
/// tabs are kept.
pub fn printable_in_place(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_here = |c: char| c != '\r' && is_unprintable(c);
    if !text.chars().any(unsafe_here) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !unsafe_here(c) {
            out.push(c);
            continue;
        }
        out.push_str(match c.len_utf8() {
            1 => "?",
            2 => "¤",
            3 => "\u{FFFD}",
            _ => "¤¤",
        });
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_shows_what_would_act_on_a_terminal() {
        let hostile = "a\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{1b}]8;;http://x\u{1b}\\L\u{9b}31m\u{202e}\u{200b}\u{7f}\r\0b\n\tc";
        let shown = printable(hostile);
        assert_eq!(
            shown,
            "a\\u{1b}[2J\\u{1b}]52;c;aGk=\\u{7}\\u{1b}]8;;http://x\\u{1b}\\L\\u{9b}31m\\u{202e}\\u{200b}\\u{7f}\\u{d}\\u{0}b\n\tc"
        );
        assert!(!shown.chars().any(is_unprintable));
        assert_eq!(printable(&shown), shown, "escaping twice changes nothing");
        assert!(matches!(
            printable("宣传部\n\t"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn printable_in_place_keeps_every_byte_offset() {
        let hostile = "a\u{1b}[2J\u{9b}\u{202e}\u{e0041}\r\n\tz";
        let shown = printable_in_place(hostile);
        assert_eq!(shown.len(), hostile.len());
        for (i, _) in hostile.char_indices() {
            assert!(shown.is_char_boundary(i), "offset {i}");
        }
        assert_eq!(shown, "a?[2J¤\u{FFFD}¤¤\r\n\tz");
        assert!(!shown.chars().any(|c| c != '\r' && is_unprintable(c)));
    }

    #[test]
    fn columns_count_characters_and_width() {
        let s = Source::new("t", "ab\r\n宣传部 x\rz");
        let x = s.text.find('x').unwrap();
        assert_eq!(s.line_col(x), (2, 5));
        assert_eq!(s.display_column(x), 7);
        let z = s.text.find('z').unwrap();
        assert_eq!(s.line_col(z), (3, 1));
        assert_eq!(s.line_range(0), 0..2);
    }
}
