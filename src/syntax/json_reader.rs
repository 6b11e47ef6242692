//! A serde deserializer over the export JSON that knows where every value was
//! written, so that the JSON reads into the model with spans.
//!
//! It reads only texts serde_json has already accepted (see `json::read`): serde_json
//! decides what is JSON, unescapes every string with an escape in it and bounds the
//! nesting; this reader walks the accepted text once more, remembering offsets.
//! (A tree of `jsonc-parser` did the same at three times serde_json's cost.)
//! `Spanned<T>` asks for its span through [`SPANNED_NAME`]; everything else reads as
//! serde_json would give it.

use crate::source::{SPAN_FIELD, SPANNED_NAME, Span, VALUE_FIELD};
use serde::de::value::{BorrowedStrDeserializer, U64Deserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What went wrong reading the text, where it was noticed.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub span: Option<Span>,
}

impl Error {
    /// The error at `span`, unless a value inside already placed it.
    fn at(mut self, span: Span) -> Error {
        self.span.get_or_insert(span);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// A JSON text serde_json accepted, read from `pos` on.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, pos: 0 }
    }

    /// The next byte that is not white space, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let b = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = b.get(self.pos) {
            self.pos += 1;
        }
        b.get(self.pos).copied()
    }

    fn here(&self) -> Span {
        Span::new(self.pos, self.pos)
    }

    fn unexpected(&self) -> Error {
        <Error as de::Error>::custom("unexpected character").at(self.here())
    }

    fn eat(&mut self, byte: u8) -> Result<(), Error> {
        if self.peek() != Some(byte) {
            return Err(self.unexpected());
        }
        self.pos += 1;
        Ok(())
    }

    /// The string at `pos`: borrowed from the text when nothing is escaped, otherwise
    /// unescaped by serde_json.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.eat(b'"')?;
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = start;
        let mut escaped = false;
        loop {
            match bytes.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    i += 2;
                }
                Some(&b) if b < 0x20 => return Err(self.unexpected()),
                Some(_) => i += 1,
                None => return Err(self.unexpected()),
            }
        }
        self.pos = i + 1;
        if !escaped {
            return Ok(Cow::Borrowed(&self.text[start..i]));
        }
        serde_json::from_str::<String>(&self.text[start - 1..=i])
            .map(Cow::Owned)
            .map_err(|e| <Error as de::Error>::custom(e).at(Span::new(start - 1, i + 1)))
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if !self.text[self.pos..].starts_with(word) {
            return Err(self.unexpected());
        }
        self.pos += word.len();
        Ok(())
    }

    fn number_text(&mut self) -> &'a str {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = bytes.get(self.pos) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => match self.string()? {
                Cow::Borrowed(b) => visitor.visit_borrowed_str(b),
                Cow::Owned(o) => visitor.visit_string(o),
            },
            Some(b'{') => {
                self.pos += 1;
                let mut entries = Entries {
                    r: self,
                    first: true,
                    done: false,
                };
                let v = visitor.visit_map(&mut entries)?;
                finished(entries.done, entries.r)?;
                Ok(v)
            }
            Some(b'[') => {
                self.pos += 1;
                let mut elements = Elements {
                    r: self,
                    first: true,
                    done: false,
                };
                let v = visitor.visit_seq(&mut elements)?;
                finished(elements.done, elements.r)?;
                Ok(v)
            }
            Some(b't') => self.literal("true").and_then(|()| visitor.visit_bool(true)),
            Some(b'f') => self
                .literal("false")
                .and_then(|()| visitor.visit_bool(false)),
            Some(b'n') => self.literal("null").and_then(|()| visitor.visit_unit()),
            Some(b'-' | b'0'..=b'9') => number(self.number_text(), visitor),
            _ => Err(self.unexpected()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return visitor.visit_none();
        }
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name != SPANNED_NAME {
            return visitor.visit_newtype_struct(self);
        }
        self.peek();
        let start = self.pos;
        visitor.visit_map(SpanAccess {
            r: self,
            start,
            step: 0,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The model's externally tagged enums are all words (chapters, days, lint levels).
        if self.peek() != Some(b'"') {
            return Err(self.unexpected());
        }
        match self.string()? {
            Cow::Borrowed(b) => visitor.visit_enum(BorrowedStrDeserializer::new(b)),
            Cow::Owned(o) => visitor.visit_enum(o.into_deserializer()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// A visitor that stops before the end of an object or array leaves the reader in
/// the middle of it; serde_json refuses that too.
fn finished(done: bool, r: &Reader<'_>) -> Result<(), Error> {
    match done {
        true => Ok(()),
        false => Err(<Error as de::Error>::custom("entries left unread").at(r.here())),
    }
}

/// A number as serde_json hands it over: an integer when it is written as one and
/// fits, a float otherwise.
fn number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Error> {
    if !text.contains(['.', 'e', 'E']) {
        if text.starts_with('-') {
            if let Ok(n) = text.parse::<i64>() {
                return visitor.visit_i64(n);
            }
        } else if let Ok(n) = text.parse::<u64>() {
            return visitor.visit_u64(n);
        }
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => visitor.visit_f64(f),
        _ => Err(de::Error::custom("number out of range")),
    }
}

/// The entries of an object, in the order written (duplicates included, so that
/// serde's own checks see them).
struct Entries<'r, 'a> {
    r: &'r mut Reader<'a>,
    first: bool,
    done: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.r.peek() {
            Some(b'}') => {
                self.r.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(b',') if !self.first => self.r.pos += 1,
            Some(b'"') if self.first => {}
            _ => return Err(self.r.unexpected()),
        }
        self.first = false;
        self.r.peek();
        let at = self.r.here();
        let key = match self.r.string()? {
            Cow::Borrowed(b) => seed.deserialize(BorrowedStrDeserializer::new(b)),
            Cow::Owned(o) => seed.deserialize(o.into_deserializer()),
        };
        let key = key.map_err(|e: Error| e.at(at))?;
        self.r.eat(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        self.r.peek();
        let at = self.r.here();
        seed.deserialize(&mut *self.r).map_err(|e| e.at(at))
    }
}

struct Elements<'r, 'a> {
    r: &'r mut Reader<'a>,
    first: bool,
    done: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match self.r.peek() {
            Some(b']') => {
                self.r.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(b',') if !self.first => self.r.pos += 1,
            Some(_) if self.first => {}
            _ => return Err(self.r.unexpected()),
        }
        self.first = false;
        self.r.peek();
        let at = self.r.here();
        seed.deserialize(&mut *self.r)
            .map(Some)
            .map_err(|e| e.at(at))
    }
}

/// The answer to [`SPANNED_NAME`]: the value, then the span it was read from.
struct SpanAccess<'r, 'a> {
    r: &'r mut Reader<'a>,
    start: usize,
    step: u8,
}

impl<'de> MapAccess<'de> for SpanAccess<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.step {
            0 => VALUE_FIELD,
            1 => SPAN_FIELD,
            _ => return Ok(None),
        };
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        self.step += 1;
        if self.step == 1 {
            seed.deserialize(&mut *self.r)
        } else {
            let span = Span::new(self.start, self.r.pos);
            seed.deserialize(U64Deserializer::new(span.packed()))
        }
    }
}
