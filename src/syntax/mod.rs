//! The only place that knows pest: the parser, the lossless syntax tree and the
//! lowering of parse trees into the plan model.

mod cst;
mod lower;
mod parser;
mod prescan;

pub use cst::{Block, Comment, Cst, Item, Token, TokenKind, Trivia};
pub use lower::block_value;
pub use parser::{KEYWORDS, Parsed, parse, parse_condition};
