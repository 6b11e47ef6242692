//! `textDocument/semanticTokens/full`: the lossless tree's tokens and comments, with
//! names told apart by what they name (a party, a level, an action …).

use super::names::Space;
use super::{Document, Settings, position};
use crate::model::DefKind;
use crate::source::Span;
use crate::syntax::{Item, TokenKind, Trivia};
use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend};

/// The token types, in the legend's order.
const TYPES: [SemanticTokenType; 10] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::COMMENT,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::CLASS,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::PROPERTY,
];

#[derive(Clone, Copy)]
enum Class {
    Keyword,
    Text,
    Number,
    Operator,
    Comment,
    Name,
    Party,
    Level,
    Action,
    Word,
}

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

pub fn semantic_tokens(doc: &Document, s: &Settings) -> SemanticTokens {
    let mut found: Vec<(Span, Class)> = Vec::new();
    if let Some(cst) = &doc.compilation.cst {
        walk(doc, &cst.items, &mut found);
        trivia(&cst.trailing, &mut found);
    }
    found.sort_by_key(|(sp, _)| sp.start());
    SemanticTokens {
        result_id: None,
        data: encode(doc, &found, s),
    }
}

fn walk(doc: &Document, items: &[Item], out: &mut Vec<(Span, Class)>) {
    for it in items {
        trivia(&it.leading, out);
        for t in &it.tokens {
            let class = match t.kind {
                TokenKind::Keyword => Class::Keyword,
                TokenKind::Name => name(doc, t.span),
                TokenKind::Word | TokenKind::Code => Class::Word,
                TokenKind::Text | TokenKind::BlockText => Class::Text,
                TokenKind::Number
                | TokenKind::Duration
                | TokenKind::Date
                | TokenKind::TimeRange
                | TokenKind::Roman => Class::Number,
                TokenKind::Operator => Class::Operator,
                _ => continue,
            };
            out.push((t.span, class));
        }
        if let Some(b) = &it.block {
            walk(doc, &b.items, out);
            trivia(&b.closing, out);
        }
        if let Some(c) = &it.trailing {
            out.push((c.span, Class::Comment));
        }
    }
}

fn trivia(t: &[Trivia], out: &mut Vec<(Span, Class)>) {
    for x in t {
        if let Trivia::Comment(c) = x {
            out.push((c.span, Class::Comment));
        }
    }
}

/// What a name token names.
fn name(doc: &Document, span: Span) -> Class {
    let Some(o) = doc.names.at(span.start()).filter(|o| o.span == span) else {
        return Class::Name;
    };
    if o.space == Space::Action {
        return Class::Action;
    }
    match doc.compilation.symbols.kind(&o.name) {
        Some(DefKind::Level) => Class::Level,
        Some(k) if k.is_party() => Class::Party,
        _ => Class::Name,
    }
}

/// The protocol's relative encoding, one token per line of a token that spans lines.
fn encode(doc: &Document, found: &[(Span, Class)], s: &Settings) -> Vec<SemanticToken> {
    let src = doc.source();
    let mut out = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for &(span, class) in found {
        let (first, last) = (src.line_index(span.start()), src.line_index(span.end()));
        for l in first..=last {
            let r = src.line_range(l);
            let (a, b) = (span.start().max(r.start), span.end().min(r.end));
            if b <= a {
                continue;
            }
            let (pa, pb) = (
                position::position(src, a, s.encoding),
                position::position(src, b, s.encoding),
            );
            let delta_line = pa.line - line;
            let delta_start = if delta_line == 0 {
                pa.character - col
            } else {
                pa.character
            };
            out.push(SemanticToken {
                delta_line,
                delta_start,
                length: pb.character - pa.character,
                token_type: class as u32,
                token_modifiers_bitset: 0,
            });
            (line, col) = (pa.line, pa.character);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn tokens_of_a_small_plan() {
        let d =
            doc("# 注释\nunit 宣传部 {\n  title \"宣传𝒜部\"\n}\npurpose \"\"\"\n  一\n  \"\"\"\n");
        let t = semantic_tokens(&d, &settings()).data;
        let kinds: Vec<(u32, u32, u32, u32)> = t
            .iter()
            .map(|x| (x.delta_line, x.delta_start, x.length, x.token_type))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (0, 0, 4, Class::Comment as u32),
                (1, 0, 4, Class::Keyword as u32),
                (0, 5, 3, Class::Party as u32),
                (1, 2, 5, Class::Keyword as u32),
                // "宣传𝒜部" with its quotes: 𝒜 is two UTF-16 units.
                (0, 6, 7, Class::Text as u32),
                (2, 0, 7, Class::Keyword as u32),
                (0, 8, 3, Class::Text as u32),
                (1, 0, 3, Class::Text as u32),
                (1, 0, 5, Class::Text as u32),
            ]
        );
        assert_eq!(legend().token_types.len(), TYPES.len());
        assert!(!semantic_tokens(&flagship(), &settings()).data.is_empty());
    }
}
