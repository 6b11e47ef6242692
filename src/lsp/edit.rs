//! Edits the server offers: formatting through `planc fmt` (never of a plan that does
//! not parse), the checker's fixes as quick fixes, and folding ranges.

use super::{Document, Settings, position};
use crate::diagnostic::{Diagnostic, Finding, NameFinding, ParseFinding, ScenarioFinding};
use crate::source::Span;
use crate::syntax::{Item, TokenKind};
use crate::wording::Words;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, FoldingRange, FoldingRangeKind, Range,
    TextEdit, Uri, WorkspaceEdit,
};

/// The whole document formatted, as one edit; none when it is already canonical,
/// does not parse, or could not be formatted safely.
pub fn format(doc: &Document, s: &Settings) -> Vec<TextEdit> {
    if doc.compilation.cst.is_none() {
        return Vec::new();
    }
    match crate::fmt::format(doc.source()) {
        Ok(out) if out != doc.text() => vec![TextEdit {
            range: position::range(doc.source(), Span::new(0, doc.text().len()), s.encoding),
            new_text: out,
        }],
        _ => Vec::new(),
    }
}

/// Range formatting: the layout is the whole file's, so the whole document is
/// formatted when the range covers every line that would change; otherwise nothing.
pub fn format_range(doc: &Document, range: Range, s: &Settings) -> Vec<TextEdit> {
    let edits = format(doc, s);
    let Some(e) = edits.first() else {
        return edits;
    };
    let (old, new) = (doc.text(), e.new_text.as_str());
    let first = old
        .lines()
        .zip(new.lines())
        .take_while(|(a, b)| a == b)
        .count() as u32;
    let last_old = old.lines().count()
        - old
            .lines()
            .rev()
            .zip(new.lines().rev())
            .take_while(|(a, b)| a == b)
            .count();
    let changed_to = (last_old as u32).saturating_sub(1).max(first);
    if range.start.line <= first && range.end.line >= changed_to {
        edits
    } else {
        Vec::new()
    }
}

/// A fix the checker knows for a finding: the span to replace and the text.
pub fn fix(doc: &Document, d: &Diagnostic) -> Option<(Span, String)> {
    let suggestion = match &d.finding {
        Finding::Parse(ParseFinding::Syntax { suggestion, .. }) => suggestion,
        Finding::Name(
            NameFinding::Undefined { suggestion, .. }
            | NameFinding::UnknownSignal { suggestion, .. }
            | NameFinding::UnknownWord { suggestion, .. },
        ) => suggestion,
        Finding::Scenario(
            ScenarioFinding::UnknownParam { suggestion, .. }
            | ScenarioFinding::UnknownOnset { suggestion, .. }
            | ScenarioFinding::UnknownScale { suggestion, .. },
        ) => suggestion,
        _ => return None,
    };
    let s = suggestion.clone()?;
    let text = doc.text();
    let found = doc.source().slice(d.span);
    let mut span = d.span;
    // `2 hours` is reported at `2`: the fix takes the unit word too.
    if !found.is_empty() && found.chars().all(|c| c.is_ascii_digit()) && s != found {
        let rest = &text[span.end()..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let word = rest[spaces..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum::<usize>();
        span = Span::new(span.start(), span.end() + spaces + word);
    }
    Some((span, s))
}

/// The quick fixes for the findings in a range, and the full-width commas there
/// turned into the plan's own.
pub fn code_actions(
    doc: &Document,
    uri: &Uri,
    range: Range,
    s: &Settings,
) -> Vec<CodeActionOrCommand> {
    let w = Words::of(doc.lang);
    let want = position::span(doc.source(), range, s.encoding);
    let overlaps = |sp: Span| sp.start() <= want.end() && want.start() <= sp.end();
    let mut out = Vec::new();
    let lsp_diags = super::diagnostics::diagnostics(doc, uri, s);
    for (d, ld) in doc.findings.iter().zip(lsp_diags) {
        if !overlaps(d.span) {
            continue;
        }
        if let Some((span, text)) = fix(doc, d) {
            let title = w.fill("lsp.action.replace", &[("s", &text)]);
            out.push(action(doc, uri, title, vec![(span, text)], Some(ld), s));
        }
    }
    let commas = full_width_commas(doc, want);
    if !commas.is_empty() {
        let edits = commas.into_iter().map(|sp| (sp, ",".to_string())).collect();
        out.push(action(doc, uri, w.get("lsp.action.comma"), edits, None, s));
    }
    out
}

#[allow(clippy::mutable_key_type)] // lsp-types keys the edits by `Uri`.
fn action(
    doc: &Document,
    uri: &Uri,
    title: String,
    edits: Vec<(Span, String)>,
    diagnostic: Option<lsp_types::Diagnostic>,
    s: &Settings,
) -> CodeActionOrCommand {
    let edits = edits
        .into_iter()
        .map(|(sp, t)| TextEdit {
            range: position::range(doc.source(), sp, s.encoding),
            new_text: t,
        })
        .collect();
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: Some(diagnostic.is_some()),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit::new(changes)),
        ..CodeAction::default()
    })
}

/// The commas of lists written full-width (`，` or `、`) in a span.
fn full_width_commas(doc: &Document, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(cst) = &doc.compilation.cst else {
        return out;
    };
    fn walk(items: &[Item], doc: &Document, within: Span, out: &mut Vec<Span>) {
        for it in items {
            if it.span.end() < within.start() || it.span.start() > within.end() {
                continue;
            }
            for t in &it.tokens {
                let inside = t.span.start() >= within.start() && t.span.end() <= within.end();
                if t.kind == TokenKind::Comma && inside && doc.source().slice(t.span) != "," {
                    out.push(t.span);
                }
            }
            if let Some(b) = &it.block {
                walk(&b.items, doc, within, out);
            }
        }
    }
    walk(&cst.items, doc, within, &mut out);
    out
}

/// Folding ranges: every block, every `"""` text of more than one line.
pub fn folding_ranges(doc: &Document, s: &Settings) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let Some(cst) = &doc.compilation.cst else {
        return out;
    };
    fn walk(items: &[Item], doc: &Document, s: &Settings, out: &mut Vec<FoldingRange>) {
        let fold = |a: usize, b: usize, kind: Option<FoldingRangeKind>| {
            let line = |off: usize| position::position(doc.source(), off, s.encoding).line;
            let (start, end) = (line(a), line(b));
            (end > start).then(|| FoldingRange {
                start_line: start,
                end_line: end,
                kind,
                ..FoldingRange::default()
            })
        };
        for it in items {
            for t in it.tokens.iter().filter(|t| t.kind == TokenKind::BlockText) {
                out.extend(fold(t.span.start(), t.span.end(), None));
            }
            if let Some(b) = &it.block {
                out.extend(fold(
                    b.open.start(),
                    b.close.start(),
                    Some(FoldingRangeKind::Region),
                ));
                walk(&b.items, doc, s, out);
            }
        }
    }
    walk(&cst.items, doc, s, &mut out);
    out
}
