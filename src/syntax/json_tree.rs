//! A serde deserializer over a parsed JSON tree that knows where every value was
//! written, so that the export JSON reads into the model with spans.
//!
//! The tree is `jsonc-parser`'s, parsed with every leniency off; the text is first
//! accepted by serde_json (see `json::read`), so what counts as JSON does not change.
//! `Spanned<T>` asks for its span through [`SPANNED_NAME`]; everything else reads as
//! serde_json would give it.

use crate::source::{SPAN_FIELD, SPANNED_NAME, Span, VALUE_FIELD};
use jsonc_parser::ast::{ObjectProp, ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use serde::de::value::{BorrowedStrDeserializer, U64Deserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What went wrong reading the tree, at the innermost value it concerns.
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

/// The span of a value of the tree.
pub fn span_of(v: &Value<'_>) -> Span {
    let r = v.range();
    Span::new(r.start, r.end)
}

/// One value of the tree, to be deserialized.
pub struct Node<'a, 'v>(pub &'v Value<'a>);

impl<'de> de::Deserializer<'de> for Node<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::StringLit(s) => match &s.value {
                Cow::Borrowed(b) => visitor.visit_borrowed_str(b),
                Cow::Owned(o) => visitor.visit_str(o),
            },
            Value::NumberLit(n) => number(n.value, visitor),
            Value::BooleanLit(b) => visitor.visit_bool(b.value),
            Value::NullKeyword(_) => visitor.visit_unit(),
            Value::Object(o) => {
                let mut props = Props {
                    props: o.properties.iter(),
                    value: None,
                };
                let v = visitor.visit_map(&mut props)?;
                match props.props.len() {
                    0 => Ok(v),
                    n => Err(de::Error::invalid_length(
                        o.properties.len() - n,
                        &"fewer entries",
                    )),
                }
            }
            Value::Array(a) => {
                let mut elements = Elements(a.elements.iter());
                let v = visitor.visit_seq(&mut elements)?;
                match elements.0.len() {
                    0 => Ok(v),
                    n => Err(de::Error::invalid_length(
                        a.elements.len() - n,
                        &"fewer elements",
                    )),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::NullKeyword(_) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED_NAME {
            visitor.visit_map(SpanAccess {
                node: self.0,
                step: 0,
            })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The model's externally tagged enums are all words (chapters, days, lint levels).
        match self.0 {
            Value::StringLit(s) => visitor.visit_enum(s.value.as_ref().into_deserializer()),
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
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
struct Props<'a, 'v> {
    props: std::slice::Iter<'v, ObjectProp<'a>>,
    value: Option<&'v Value<'a>>,
}

impl<'de> MapAccess<'de> for Props<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(p) = self.props.next() else {
            return Ok(None);
        };
        self.value = Some(&p.value);
        let (key, range) = match &p.name {
            ObjectPropName::String(s) => match &s.value {
                Cow::Borrowed(b) => (seed.deserialize(BorrowedStrDeserializer::new(b)), s.range),
                Cow::Owned(o) => (seed.deserialize(o.as_str().into_deserializer()), s.range),
            },
            ObjectPropName::Word(w) => (
                seed.deserialize(BorrowedStrDeserializer::new(w.value)),
                w.range,
            ),
        };
        key.map(Some)
            .map_err(|e: Error| e.at(Span::new(range.start, range.end)))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let v = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(Node(v)).map_err(|e| e.at(span_of(v)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.props.len())
    }
}

struct Elements<'a, 'v>(std::slice::Iter<'v, Value<'a>>);

impl<'de> SeqAccess<'de> for Elements<'de, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let Some(v) = self.0.next() else {
            return Ok(None);
        };
        seed.deserialize(Node(v))
            .map(Some)
            .map_err(|e| e.at(span_of(v)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The answer to [`SPANNED_NAME`]: the span, then the value.
struct SpanAccess<'a, 'v> {
    node: &'v Value<'a>,
    step: u8,
}

impl<'de> MapAccess<'de> for SpanAccess<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.step {
            0 => SPAN_FIELD,
            1 => VALUE_FIELD,
            _ => return Ok(None),
        };
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        self.step += 1;
        let span = span_of(self.node);
        if self.step == 1 {
            seed.deserialize(U64Deserializer::new(span.packed()))
        } else {
            seed.deserialize(Node(self.node)).map_err(|e| e.at(span))
        }
    }
}
