//! The front end, and the only place that knows pest: the parser, the table of the
//! language's words derived from the grammar (`grammar`), the lossless syntax tree,
//! the lowering of parse trees into the plan model, and the reading of the export
//! JSON back into the model (`json`).

mod cst;
mod grammar;
pub mod json;
mod json_reader;
mod json_spans;
mod lower;
mod parser;
mod prescan;

pub use cst::{Block, Comment, Cst, Item, Token, TokenKind, Trivia};
pub use grammar::KEYWORDS;
pub use lower::block_value;
pub use parser::{ConditionError, Parsed, parse, parse_condition};

pub use parser::parse_with;

use crate::source::Span;
use std::cell::Cell;

thread_local! {
    /// Where the text being parsed starts in the whole source. A large file is parsed
    /// one top-level definition at a time; pest's positions are relative to the piece.
    static OFFSET: Cell<usize> = const { Cell::new(0) };
}

/// The span of a pair in the whole source.
pub(crate) fn span_of(p: &pest::iterators::Pair<parser::Rule>) -> Span {
    let s = p.as_span();
    let o = OFFSET.with(Cell::get);
    Span::new(o + s.start(), o + s.end())
}

/// Runs `f` with pest positions shifted by `offset`.
pub(crate) fn with_offset<T>(offset: usize, f: impl FnOnce() -> T) -> T {
    let old = OFFSET.with(|c| c.replace(offset));
    let r = f();
    OFFSET.with(|c| c.set(old));
    r
}
