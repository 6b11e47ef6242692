//! `planc fmt`: the canonical layout of a plan, keeping every comment.
//!
//! The formatter prints the lossless syntax tree ([`crate::syntax::Cst`]); it never
//! looks at the model, so it cannot reorder or drop anything the writer put there.
//! The layout, in full:
//!
//! - two spaces of indentation per block level, one field per line;
//! - one space between tokens, none before `,`, none around `..`, none inside
//!   parentheses; an empty block is `{}`;
//! - blank lines between definitions and fields are kept as written, runs of them
//!   collapse to one, and there is none right after `{`, before `}` or at the start
//!   or end of the file;
//! - own-line comments stay on their own line before what they described;
//!   end-of-line comments stay on their line, after two spaces;
//! - one-line texts are printed exactly as written; the lines of a `"""` block text and
//!   its closing `"""` are indented one level deeper than its field — only when that
//!   leaves the text's value unchanged, otherwise the text is kept as written;
//! - LF line ends and one final newline.
//!
//! [`format`] checks its own work before it returns: the output must parse, keep the
//! multiset of comments and give the same model (the export JSON) as the input.

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use crate::syntax::{self, Cst, Item, Token, TokenKind, Trivia, block_value};

/// Why a source could not be formatted.
#[derive(Debug)]
pub enum FmtError {
    /// The source does not parse: its diagnostics (errors only).
    Syntax(Vec<Diagnostic>),
    /// The formatter would have changed the plan (a bug): what went wrong.
    Unstable(String),
}

/// One indentation level.
const INDENT: &str = "  ";

/// Formats a plan source: the canonical text, checked to mean the same as the input.
pub fn format(source: &Source) -> Result<String, FmtError> {
    let parsed = syntax::parse(source);
    let Some(cst) = parsed.cst.as_ref() else {
        return Err(FmtError::Syntax(
            parsed
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        ));
    };
    let out = format_cst(cst, &source.text);
    verify(&parsed, &out, &source.name)?;
    Ok(out)
}

/// The guarantees, checked on one output: it parses, it keeps every comment, and its
/// model is the model of the input.
fn verify(before: &syntax::Parsed, out: &str, name: &str) -> Result<(), FmtError> {
    let after = syntax::parse(&Source::new(name, out));
    let Some(cst) = after.cst.as_ref() else {
        return Err(FmtError::Unstable(
            "the formatted text does not parse".into(),
        ));
    };
    let old = before.cst.as_ref().map(comment_texts).unwrap_or_default();
    if comment_texts(cst) != old {
        return Err(FmtError::Unstable("a comment would be lost".into()));
    }
    let model = |p: &syntax::Parsed| p.plan.as_ref().map(crate::export_json);
    if model(before) != model(&after) {
        return Err(FmtError::Unstable(
            "the formatted plan would mean something else".into(),
        ));
    }
    Ok(())
}

/// The comment texts of a tree, sorted: equal multisets give equal lists.
pub fn comment_texts(cst: &Cst) -> Vec<String> {
    let mut v: Vec<String> = cst.comments().into_iter().map(|c| c.text.clone()).collect();
    v.sort();
    v
}

/// Prints a syntax tree in the canonical layout. `text` is the source it was built from.
pub fn format_cst(cst: &Cst, text: &str) -> String {
    let mut p = Printer {
        text,
        out: String::with_capacity(text.len() + text.len() / 8),
    };
    p.items(&cst.items, &cst.trailing, 0);
    p.trim_blank_end();
    p.out
}

struct Printer<'a> {
    text: &'a str,
    out: String,
}

impl Printer<'_> {
    fn items(&mut self, items: &[Item], closing: &[Trivia], depth: usize) {
        for it in items {
            self.trivia(&it.leading, depth);
            self.item(it, depth);
        }
        self.trivia(closing, depth);
    }

    fn trivia(&mut self, trivia: &[Trivia], depth: usize) {
        for t in trivia {
            match t {
                Trivia::BlankLine => self.blank_line(),
                Trivia::Comment(c) => {
                    self.indent(depth);
                    self.out.push_str(&c.text);
                    self.out.push('\n');
                }
            }
        }
    }

    /// A paragraph break: never at the start, after `{` or after another one.
    fn blank_line(&mut self) {
        if self.out.is_empty() || self.out.ends_with("\n\n") || self.out.ends_with("{\n") {
            return;
        }
        self.out.push('\n');
    }

    /// Drops a paragraph break just printed (before `}` or at the end of the file).
    fn trim_blank_end(&mut self) {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        if self.out == "\n" {
            self.out.clear();
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    fn item(&mut self, it: &Item, depth: usize) {
        self.indent(depth);
        self.tokens(&it.tokens, depth);
        if let Some(b) = &it.block {
            if b.items.is_empty() && b.closing.is_empty() {
                self.out.push_str(" {}");
            } else {
                self.out.push_str(" {\n");
                self.items(&b.items, &b.closing, depth + 1);
                self.trim_blank_end();
                self.indent(depth);
                self.out.push('}');
            }
        }
        if let Some(c) = &it.trailing {
            self.out.push_str("  ");
            self.out.push_str(&c.text);
        }
        self.out.push('\n');
    }

    fn tokens(&mut self, tokens: &[Token], depth: usize) {
        let mut prev: Option<TokenKind> = None;
        for t in tokens {
            if let Some(p) = prev
                && spaced(p, t.kind)
            {
                self.out.push(' ');
            }
            let raw = &self.text[t.span.range()];
            if t.kind == TokenKind::BlockText {
                let s = reindent_block(raw, depth);
                self.out.push_str(&s);
            } else if t.kind == TokenKind::Comma {
                // `，` and `、` from a Chinese input method are written as `,`.
                self.out.push(',');
            } else {
                self.out.push_str(raw);
            }
            prev = Some(t.kind);
        }
    }
}

/// Whether two neighbouring tokens are separated by a space.
fn spaced(prev: TokenKind, next: TokenKind) -> bool {
    use TokenKind::*;
    !matches!(next, Comma | Dots | RParen) && !matches!(prev, Dots | LParen)
}

/// A `"""` block text laid out for a field at `depth`: its lines and its closing
/// `"""` one level deeper than the field. Kept as written (with LF line
/// ends when that is safe) if the layout would change the text's value.
fn reindent_block(raw: &str, depth: usize) -> String {
    let Some(inner) = raw
        .strip_prefix("\"\"\"")
        .and_then(|r| r.strip_suffix("\"\"\""))
    else {
        return raw.to_string();
    };
    let value = block_value(inner);
    let mut s = String::with_capacity(raw.len() + 16);
    s.push_str("\"\"\"\n");
    if !value.is_empty() {
        for line in value.split('\n') {
            if !line.is_empty() {
                for _ in 0..=depth {
                    s.push_str(INDENT);
                }
                s.push_str(line);
            }
            s.push('\n');
        }
    }
    for _ in 0..=depth {
        s.push_str(INDENT);
    }
    s.push_str("\"\"\"");
    if block_value(&s[3..s.len() - 3]) == value {
        return s;
    }
    let lf = raw.replace("\r\n", "\n");
    if block_value(&lf[3..lf.len() - 3]) == value {
        lf
    } else {
        raw.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        match format(&Source::new("t.plan", s)) {
            Ok(o) => o,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn spacing_and_one_field_per_line() {
        let got = fmt(
            "role 总指挥 { holder   \"主要负责人\"  backup 副总指挥 reports_to 上级 within 1h }",
        );
        assert_eq!(
            got,
            "role 总指挥 {\n  holder \"主要负责人\"\n  backup 副总指挥\n  reports_to 上级 within 1h\n}\n"
        );
    }

    #[test]
    fn commas_ranges_and_parentheses() {
        let got = fmt(
            "level 红 { when ( reach>=1  or media >= national ) and not hot_search }\n\
             scenario s { start reach 1 .. 2 }\nbody b { members a ,b,c }",
        );
        assert!(got.contains("when (reach >= 1 or media >= national) and not hot_search"));
        assert!(got.contains("start reach 1..2"));
        assert!(got.contains("members a, b, c"));
    }

    #[test]
    fn comments_stay_and_blank_lines_collapse() {
        let src =
            "# 头\n\n\n\nunit 甲 {   # 开头\n\n  backup 乙 // 备份\n\n\n  # 末尾\n\n}  # 完\n\n\n";
        let got = fmt(src);
        assert_eq!(
            got,
            "# 头\n\nunit 甲 {\n  # 开头\n\n  backup 乙  // 备份\n\n  # 末尾\n}  # 完\n"
        );
    }

    #[test]
    fn block_texts_are_reindented_without_changing_value() {
        let got =
            fmt("purpose \"\"\"\n        第一段\n          缩进\n\n        第二段\n   \"\"\"\n");
        assert_eq!(
            got,
            "purpose \"\"\"\n  第一段\n    缩进\n\n  第二段\n  \"\"\"\n"
        );
        // A first line with leading spaces cannot be re-indented: kept as written.
        let odd = "purpose \"\"\"  独行\"\"\"\n";
        assert_eq!(fmt(odd), odd);
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n\n  \n"), "");
        assert_eq!(fmt("plan \"x\" {   }"), "plan \"x\" {}\n");
        assert_eq!(fmt("\r\n# 只有注释\r\n"), "# 只有注释\n");
    }

    #[test]
    fn syntax_errors_are_reported_not_formatted() {
        assert!(matches!(
            format(&Source::new("t.plan", "unit 甲 {")),
            Err(FmtError::Syntax(d)) if !d.is_empty()
        ));
    }
}
