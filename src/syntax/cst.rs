//! The lossless syntax tree: every item with its tokens, comments and blank lines.
//!
//! `planc fmt` prints this tree; nothing the writer put in the file but spacing is
//! lost. Comments are attached as trivia to the item they precede (own-line) or follow
//! (end of line), or to the closing of the block they end.

use super::grammar::{self, Lexical, Punct, RuleKind};
use super::parser::Rule;
use crate::source::Span;
use pest::iterators::Pair;

/// A whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cst {
    pub items: Vec<Item>,
    /// Comments after the last definition.
    pub trailing: Vec<Trivia>,
}

/// One statement: a definition or a field, with its own block if it has one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    pub span: Span,
    /// Blank lines and own-line comments before the item.
    pub leading: Vec<Trivia>,
    /// The tokens before the block (or all of them).
    pub tokens: Vec<Token>,
    pub block: Option<Block>,
    /// A comment on the same line after the item.
    pub trailing: Option<Comment>,
}

/// `{ ... }` with the items inside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub open: Span,
    pub close: Span,
    pub items: Vec<Item>,
    /// Comments after the last item, before `}`.
    pub closing: Vec<Trivia>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trivia {
    Comment(Comment),
    /// One or more blank lines (a paragraph break).
    BlankLine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// The comment as written, marker included, without the line end.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Keyword,
    Name,
    Word,
    Text,
    BlockText,
    Number,
    Duration,
    Date,
    TimeRange,
    Roman,
    Code,
    Operator,
    LParen,
    RParen,
    Comma,
    Dots,
}

enum Class {
    Item,
    Token(TokenKind),
    Open,
    Close,
    Comment,
    Descend,
}

/// How the tree treats a rule: statements as the grammar declares them, keywords and
/// punctuation by their kind, the other tokens by what they hold.
fn class(rule: Rule) -> Class {
    if grammar::is_item(rule) {
        return Class::Item;
    }
    match grammar::kind(rule) {
        RuleKind::Keyword(_) => Class::Token(TokenKind::Keyword),
        RuleKind::Punct(p) => match p {
            Punct::lbrace => Class::Open,
            Punct::rbrace => Class::Close,
            Punct::lparen => Class::Token(TokenKind::LParen),
            Punct::rparen => Class::Token(TokenKind::RParen),
            Punct::comma => Class::Token(TokenKind::Comma),
            Punct::dots => Class::Token(TokenKind::Dots),
        },
        RuleKind::Lexical(token) => token_class(token),
        RuleKind::TopLevel(_) | RuleKind::Field(_) | RuleKind::Silent => Class::Descend,
    }
}

fn token_class(token: Lexical) -> Class {
    use TokenKind::*;
    let kind = match token {
        Lexical::COMMENT => return Class::Comment,
        Lexical::name => Name,
        Lexical::ident => Word,
        Lexical::string => Text,
        Lexical::block_string => BlockText,
        Lexical::number | Lexical::integer => Number,
        Lexical::duration => Duration,
        Lexical::date => Date,
        Lexical::time_range => TimeRange,
        Lexical::always => Keyword,
        Lexical::roman => Roman,
        Lexical::code => Code,
        Lexical::cmp_op => Operator,
        // Made of tokens: the tree holds those. (`lint_item` is a statement, classed
        // before.)
        Lexical::EOI
        | Lexical::file
        | Lexical::actions
        | Lexical::chapter
        | Lexical::hours
        | Lexical::period
        | Lexical::deadline
        | Lexical::anchor
        | Lexical::day_set
        | Lexical::time
        | Lexical::condition
        | Lexical::cond_and
        | Lexical::cond_unary
        | Lexical::cond_atom
        | Lexical::comparison
        | Lexical::signal
        | Lexical::value
        | Lexical::trigger
        | Lexical::lint_item
        | Lexical::param
        | Lexical::range
        | Lexical::bound
        | Lexical::name_list
        | Lexical::ident_list
        | Lexical::text
        | Lexical::string_inner
        | Lexical::block_inner => return Class::Descend,
    };
    Class::Token(kind)
}

use super::span_of;

/// Collects the items and comments of one parsed `file` pair (the whole file or one
/// piece of it); [`finish`] then places the comments.
pub(super) fn collect_file(file: Pair<Rule>, items: &mut Vec<Item>, comments: &mut Vec<Comment>) {
    for p in file.into_inner() {
        match class(p.as_rule()) {
            Class::Item => items.push(item(p, comments)),
            Class::Comment => comments.push(comment(&p)),
            _ => {}
        }
    }
}

/// Attaches the comments of the whole file to its items.
pub(super) fn finish(mut items: Vec<Item>, mut comments: Vec<Comment>, text: &str) -> Cst {
    comments.sort_by_key(|c| c.span.start());
    let mut trailing = Vec::new();
    attach(&mut items, &mut trailing, &comments, 0, text);
    Cst { items, trailing }
}

fn comment(p: &Pair<Rule>) -> Comment {
    Comment {
        span: span_of(p),
        text: p.as_str().trim_end().to_string(),
    }
}

fn item(p: Pair<Rule>, comments: &mut Vec<Comment>) -> Item {
    let mut it = Item {
        span: span_of(&p),
        ..Item::default()
    };
    collect(p, &mut it, comments);
    // pest's implicit whitespace runs before an optional or repeated part even when
    // that part is absent, so a pair can end after the spaces, line ends and comments
    // that follow it. The item ends at its last token or its closing brace.
    let last_token = it.tokens.last().map(|t| t.span.end());
    let close = it.block.as_ref().map(|b| b.close.end());
    if let Some(end) = last_token.max(close) {
        it.span = Span::new(it.span.start(), end);
    }
    it
}

fn collect(p: Pair<Rule>, it: &mut Item, comments: &mut Vec<Comment>) {
    for c in p.into_inner() {
        match class(c.as_rule()) {
            Class::Item => {
                let child = item(c, comments);
                if let Some(b) = it.block.as_mut() {
                    b.items.push(child);
                }
            }
            Class::Token(kind) => it.tokens.push(Token {
                kind,
                span: span_of(&c),
            }),
            Class::Open => {
                it.block = Some(Block {
                    open: span_of(&c),
                    ..Block::default()
                })
            }
            Class::Close => {
                if let Some(b) = it.block.as_mut() {
                    b.close = span_of(&c);
                }
            }
            Class::Comment => comments.push(comment(&c)),
            Class::Descend => collect(c, it, comments),
        }
    }
}

fn has_newline(s: &str) -> bool {
    s.contains(['\n', '\r'])
}

/// Whether the whitespace between two tokens holds an empty line.
fn has_blank_line(s: &str) -> bool {
    let mut newlines = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                newlines += 1;
            }
            '\n' => newlines += 1,
            _ => {}
        }
    }
    newlines >= 2
}

/// Places the comments of a region (a file or a block) on the items they belong to.
/// `start` is where the region's content begins (after `{`).
fn attach(
    items: &mut [Item],
    closing: &mut Vec<Trivia>,
    comments: &[Comment],
    start: usize,
    text: &str,
) {
    let mut at = Placing {
        next: 0,
        cursor: start,
        empty: true,
        prev: None,
    };
    for idx in 0..items.len() {
        let item_start = items[idx].span.start();
        let item_end = items[idx].span.end();
        let mut leading = Vec::new();
        while at.next < comments.len() && comments[at.next].span.start() < item_start {
            at.place(items, &comments[at.next], text, &mut leading);
        }
        if has_blank_line(&text[at.cursor..item_start]) && !at.empty {
            leading.push(Trivia::BlankLine);
        }
        let inner_from = at.next;
        while at.next < comments.len() && comments[at.next].span.start() < item_end {
            at.next += 1;
        }
        attach_inner(
            &mut items[idx],
            &comments[inner_from..at.next],
            &mut leading,
            text,
        );
        items[idx].leading = leading;
        at.empty = false;
        at.cursor = item_end;
        at.prev = Some(idx);
    }
    while at.next < comments.len() {
        at.place(items, &comments[at.next], text, closing);
    }
}

/// Where [`attach`] is in a region.
struct Placing {
    /// The next comment to place.
    next: usize,
    /// The end of what was placed last.
    cursor: usize,
    /// Whether nothing was placed yet.
    empty: bool,
    /// The item placed last.
    prev: Option<usize>,
}

impl Placing {
    /// Places one comment: as the trailing comment of the item it shares a line
    /// with, or as trivia in `out`.
    fn place(&mut self, items: &mut [Item], c: &Comment, text: &str, out: &mut Vec<Trivia>) {
        let gap = &text[self.cursor..c.span.start()];
        if let Some(p) = self.prev
            && !has_newline(gap)
            && items[p].trailing.is_none()
            && self.cursor == items[p].span.end()
        {
            items[p].trailing = Some(c.clone());
        } else {
            if has_blank_line(gap) && !self.empty {
                out.push(Trivia::BlankLine);
            }
            out.push(Trivia::Comment(c.clone()));
            self.empty = false;
        }
        self.cursor = c.span.end();
        self.next += 1;
    }
}

/// Comments inside an item: in its block they go to the block's items; between its
/// own tokens they move in front of it.
fn attach_inner(item: &mut Item, inner: &[Comment], leading: &mut Vec<Trivia>, text: &str) {
    let Some(block) = item.block.as_mut() else {
        leading.extend(inner.iter().cloned().map(Trivia::Comment));
        return;
    };
    let (inside, outside): (Vec<Comment>, Vec<Comment>) = inner
        .iter()
        .cloned()
        .partition(|c| c.span.start() >= block.open.end() && c.span.end() <= block.close.start());
    leading.extend(outside.into_iter().map(Trivia::Comment));
    let open_end = block.open.end();
    attach(
        &mut block.items,
        &mut block.closing,
        &inside,
        open_end,
        text,
    );
}

impl Cst {
    /// Every comment in the tree, in order of appearance in the tree.
    pub fn comments(&self) -> Vec<&Comment> {
        fn walk<'a>(items: &'a [Item], closing: &'a [Trivia], out: &mut Vec<&'a Comment>) {
            for it in items {
                for t in &it.leading {
                    if let Trivia::Comment(c) = t {
                        out.push(c);
                    }
                }
                if let Some(b) = &it.block {
                    walk(&b.items, &b.closing, out);
                }
                if let Some(c) = &it.trailing {
                    out.push(c);
                }
            }
            for t in closing {
                if let Trivia::Comment(c) = t {
                    out.push(c);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &self.trailing, &mut out);
        out
    }
}
