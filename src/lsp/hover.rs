//! `textDocument/hover`: for a name, what it is (its kind, title, duties and the
//! levels at which it acts); for a keyword, the grammar's words about it; for a
//! diagnostic code, the text of `planc explain`.

use super::names::{Occurrence, Space};
use super::{Document, Settings, keywords, position};
use crate::diagnostic::{self, Code};
use crate::model::{DefKind, Plan, Trigger};
use crate::syntax::{Item, Token, TokenKind};
use crate::wording::Words;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(doc: &Document, pos: Position, s: &Settings) -> Option<Hover> {
    let offset = position::offset(doc.source(), pos, s.encoding);
    let (text, span) = if let Some(o) = doc.names.at(offset) {
        (name(doc, o)?, o.span)
    } else if doc.compilation.cst.is_none() {
        // While the plan does not parse, the word under the cursor.
        let span = word_at(doc.text(), offset)?;
        let word = doc.source().slice(span);
        (keyword(doc, word).or_else(|| explain(doc, word))?, span)
    } else {
        let t = token_at(doc, offset)?;
        let word = doc.source().slice(t.span);
        let text = match t.kind {
            TokenKind::Keyword => keyword(doc, word)?,
            TokenKind::Code | TokenKind::Word => explain(doc, word)?,
            _ => return None,
        };
        (text, t.span)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(position::range(doc.source(), span, s.encoding)),
    })
}

/// The word (letters, digits, `_`) around a byte offset.
fn word_at(text: &str, offset: usize) -> Option<crate::source::Span> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let offset = (0..=offset.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))?;
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .chars()
            .take_while(|c| is_word(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    (end > start).then(|| crate::source::Span::new(start, end))
}

/// The token of the lossless tree under a byte offset.
pub fn token_at(doc: &Document, offset: usize) -> Option<Token> {
    fn walk(items: &[Item], offset: usize) -> Option<Token> {
        let i = items.partition_point(|it| it.span.end() < offset);
        for it in items[i..].iter().take_while(|it| it.span.start() <= offset) {
            if let Some(t) = it
                .tokens
                .iter()
                .find(|t| t.span.start() <= offset && offset <= t.span.end())
            {
                return Some(*t);
            }
            if let Some(b) = &it.block
                && let Some(t) = walk(&b.items, offset)
            {
                return Some(t);
            }
        }
        None
    }
    walk(&doc.compilation.cst.as_ref()?.items, offset)
}

fn keyword(doc: &Document, word: &str) -> Option<String> {
    let w = Words::of(doc.lang);
    let mut out = format!(
        "**{}**\n",
        w.fill("lsp.hover.keyword", &[("keyword", word)])
    );
    for d in keywords::doc(word)? {
        out += &format!("\n{d}\n");
    }
    Some(out)
}

/// The explanation of a code, as `planc explain CODE` prints it.
pub fn explain(doc: &Document, word: &str) -> Option<String> {
    let code = Code::parse(word)?;
    Some(format!(
        "```text\n{}```",
        diagnostic::words::explain(code, doc.lang)
    ))
}

fn name(doc: &Document, o: &Occurrence) -> Option<String> {
    let plan = doc.compilation.plan.as_ref()?;
    let w = Words::of(doc.lang);
    if o.space == Space::Action {
        return Some(action(plan, w, &o.name));
    }
    let def = doc.compilation.symbols.get(&o.name)?;
    let mut out = format!(
        "**{}** `{}`\n",
        w.get(&format!("lsp.kind.{}", kind_key(def.kind))),
        o.name
    );
    let (title, duties) = about(plan, def.kind, def.index);
    if let Some(t) = title {
        out += &format!("\n{}\n", w.fill("lsp.hover.title", &[("title", t)]));
    }
    if !duties.is_empty() {
        out += &format!("\n{}\n", w.get("lsp.hover.duties"));
        for d in duties {
            out += &format!("- {}\n", one_line(d));
        }
    }
    if def.kind.is_party() {
        out += &party_work(plan, w, &o.name);
    }
    if def.kind == DefKind::Level {
        let l = &plan.levels[def.index];
        if let Some(c) = &l.criteria {
            out += &format!(
                "\n{}\n",
                w.fill("lsp.hover.criteria", &[("text", &one_line(&c.value))])
            );
        }
        let n = plan
            .actions
            .iter()
            .filter(|a| a.levels().iter().any(|x| x.value == o.name))
            .count();
        out += &format!(
            "\n{}\n",
            w.fill("lsp.hover.actions", &[("count", &n.to_string())])
        );
    }
    Some(out)
}

/// A definition's title and duties, where its kind has them.
fn about(plan: &Plan, kind: DefKind, i: usize) -> (Option<&str>, Vec<&str>) {
    fn t(x: &Option<crate::source::Text>) -> Option<&str> {
        x.as_ref().map(|t| t.value.as_str())
    }
    fn d(x: &[crate::model::Duty]) -> Vec<&str> {
        x.iter().map(|d| d.text.value.as_str()).collect()
    }
    match kind {
        DefKind::Body => (t(&plan.bodies[i].title), d(&plan.bodies[i].duties)),
        DefKind::Role => (t(&plan.roles[i].title), d(&plan.roles[i].duties)),
        DefKind::Unit => (t(&plan.units[i].title), d(&plan.units[i].duties)),
        DefKind::External => (t(&plan.externals[i].title), d(&plan.externals[i].duties)),
        DefKind::Channel => (t(&plan.channels[i].title), Vec::new()),
        DefKind::Grade => (t(&plan.grades[i].title), Vec::new()),
        DefKind::Scenario => (t(&plan.scenarios[i].title), Vec::new()),
        _ => (None, Vec::new()),
    }
}

/// What a party does: how many actions it owns and at which levels it acts.
fn party_work(plan: &Plan, w: &Words, name: &str) -> String {
    let mut owned = 0;
    let mut levels: Vec<&str> = Vec::new();
    for a in &plan.actions {
        let owns = a.owner.iter().chain(&a.co_owners).any(|n| n.value == name);
        let part =
            owns || (a.approve.iter().chain(&a.consult).chain(&a.inform)).any(|n| n.value == name);
        owned += usize::from(owns);
        if part && let Trigger::Level(ls) = &a.trigger.value {
            for l in ls.iter() {
                if !levels.contains(&l.value.as_str()) {
                    levels.push(&l.value);
                }
            }
        }
    }
    let mut out = String::new();
    if owned > 0 {
        out += &format!(
            "\n{}\n",
            w.fill("lsp.hover.owns", &[("count", &owned.to_string())])
        );
    }
    if !levels.is_empty() {
        let sep = w.get("diag.list_and.sep");
        out += &format!(
            "\n{}\n",
            w.fill("lsp.hover.acts_at", &[("levels", &levels.join(&sep))])
        );
    }
    out
}

fn action(plan: &Plan, w: &Words, name: &str) -> String {
    let mut out = format!("**{}** `{name}`\n", w.get("lsp.kind.action"));
    for a in plan.actions.iter().filter(|a| a.name.value == name) {
        out += "\n";
        if let Some(t) = &a.title {
            out += &format!("{}  \n", w.fill("lsp.hover.title", &[("title", &t.value)]));
        }
        out += &format!(
            "{}  \n",
            w.fill(
                "lsp.hover.trigger",
                &[("trigger", &a.trigger.value.to_string())]
            )
        );
        if let Some(o) = &a.owner {
            out += &format!("{}  \n", w.fill("lsp.hover.owner", &[("name", &o.value)]));
        }
        if let Some(x) = &a.within {
            let t = crate::wording::plan_spelling(x.value.minutes());
            out += &format!("{}  \n", w.fill("lsp.hover.within", &[("time", &t)]));
        }
    }
    out
}

/// A text on one line, cut at a reasonable length.
fn one_line(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 160 {
        let cut: String = flat.chars().take(160).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// The label key of a kind of definition.
pub fn kind_key(k: DefKind) -> &'static str {
    match k {
        DefKind::Body => "body",
        DefKind::Role => "role",
        DefKind::Unit => "unit",
        DefKind::External => "external",
        DefKind::Channel => "channel",
        DefKind::Roster => "roster",
        DefKind::Grade => "grade",
        DefKind::Level => "level",
        DefKind::Resource => "resource",
        DefKind::Drill => "drill",
        DefKind::Training => "training",
        DefKind::Scenario => "scenario",
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn text(h: Hover) -> String {
        match h.contents {
            HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_unit_its_title_duties_and_levels() {
        let d = flagship();
        let h = hover(&d, at(&d, "maintainer 宣传部", 0, 12), &settings()).expect("a hover");
        let t = text(h);
        assert!(t.contains("部门") && t.contains("宣传部"), "{t}");
        assert!(t.contains("职责"), "{t}");
        assert!(t.contains("红色"), "{t}");
    }

    #[test]
    fn a_keyword_and_a_code() {
        let d = flagship();
        let h = hover(&d, at(&d, "maintainer 宣传部", 0, 2), &settings()).expect("a hover");
        assert!(text(h).contains("maintainer"));
        let d = doc("lint {\n  allow H0001 \"因为\"\n}\n");
        let h = hover(&d, at(&d, "H0001", 0, 1), &settings()).expect("a hover");
        assert!(text(h).contains("H0001"), "{:?}", d.findings);
        assert!(hover(&d, lsp_types::Position::new(5, 0), &settings()).is_none());
        // A plan that does not parse: the keyword's words all the same.
        let d = doc("unit 甲 {\n  backup\n");
        let h = hover(&d, at(&d, "backup", 0, 2), &settings()).expect("a hover");
        assert!(text(h).contains("backup"));
    }
}
