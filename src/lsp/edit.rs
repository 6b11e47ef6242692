//! Edits the server offers: formatting through `planc fmt` (never of a plan that does
//! not parse), the checker's fixes as quick fixes, and folding ranges.

use super::{Document, Settings, position};
use crate::diagnostic::{
    Diagnostic, Finding, NameFinding, OrganizationFinding, ParseFinding, ScenarioFinding,
};
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
    for (d, ld) in doc
        .findings
        .iter()
        .zip(super::diagnostics::diagnostics(doc, uri, s))
    {
        if overlaps(d.span)
            && let Some((title, edits)) = add_backup(doc, d)
        {
            out.push(action(doc, uri, title, edits, Some(ld), s));
        }
    }
    let commas = full_width_commas(doc, want);
    if !commas.is_empty() {
        let edits = commas.into_iter().map(|sp| (sp, ",".to_string())).collect();
        out.push(action(doc, uri, w.get("lsp.action.comma"), edits, None, s));
    }
    out
}

/// A critical post without a stand-in (O0003, O0010): give it one — the deputy of a body it
/// leads, as a deputy commander stands in for the commander; else a new post of its own
/// (`NAMEB角`, holder to fill in, which the checker then asks for).
fn add_backup(doc: &Document, d: &Diagnostic) -> Option<(String, Vec<(Span, String)>)> {
    let role = match &d.finding {
        Finding::Organization(
            OrganizationFinding::CriticalWithoutBackup { role, .. }
            | OrganizationFinding::FirstHourWithoutStandIn { post: role, .. },
        ) => role,
        _ => return None,
    };
    let plan = doc.compilation.plan.as_ref()?;
    let r = plan.roles.iter().find(|r| r.name.value == role.as_str())?;
    let deputy = plan
        .bodies
        .iter()
        .filter(|b| b.lead.as_ref().is_some_and(|l| l.value == r.name.value))
        .flat_map(|b| b.deputies.first())
        .find(|d| d.value != r.name.value);
    let w = Words::of(doc.lang);
    let text = doc.text();
    let mut edits = Vec::new();
    let (backup, title) = match deputy {
        Some(d) => {
            let name = d.value.to_string();
            let title = w.fill("lsp.action.backup", &[("role", role), ("backup", &name)]);
            (name, title)
        }
        None => {
            let mut name = format!("{role}B角");
            let mut n = 2;
            while doc.compilation.symbols.get(&name).is_some() {
                name = format!("{role}B角{n}");
                n += 1;
            }
            // The new post goes on the line after the role's block.
            let end = r.span.end().min(text.len());
            let eol = end + text[end..].find('\n').unwrap_or(text.len() - end);
            // It reports where the post it stands in for reports, and says its duty.
            let line = r
                .reports_to
                .first()
                .map(|l| doc.source().slice(l.span).trim());
            let duty = w.fill("lsp.action.stand_in_duty", &[("role", role)]);
            let stub = format!(
                "\nrole {name} {{ holder \"{}\"{} duty \"{duty}\" }}",
                w.get("lsp.action.to_fill"),
                line.map(|l| format!(" {l}")).unwrap_or_default(),
            );
            edits.push((Span::new(eol, eol), stub));
            let title = w.fill(
                "lsp.action.backup_stub",
                &[("role", role), ("backup", &name)],
            );
            (name, title)
        }
    };
    let from = r.name.span.end();
    let open = from + text.get(from..)?.find('{')? + 1;
    let rest = &text[open..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let inline = !rest[..line_end].trim().is_empty() || line_end == rest.len();
    if inline {
        edits.push((Span::new(open, open), format!(" backup {backup}")));
    } else {
        // A block written over lines: a line of its own, indented as the next one.
        let next = open + line_end + 1;
        let indent: String = text[next..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        edits.push((Span::new(next, next), format!("{indent}backup {backup}\n")));
    }
    edits.sort_by_key(|(sp, _)| sp.start());
    Some((title, edits))
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn uri() -> Uri {
        "file:///t/p.plan".parse().expect("a uri")
    }

    /// The edits of every code action over the whole text, applied one action at a time.
    fn fixes(d: &Document) -> Vec<(String, String)> {
        let s = settings();
        let all = position::range(d.source(), Span::new(0, d.text().len()), s.encoding);
        code_actions(d, &uri(), all, &s)
            .into_iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => {
                    let edits = &a.edit.unwrap().changes.unwrap()[&uri()];
                    let mut text = d.text().to_string();
                    let mut spans: Vec<(Span, &str)> = edits
                        .iter()
                        .map(|e| {
                            (
                                position::span(d.source(), e.range, s.encoding),
                                e.new_text.as_str(),
                            )
                        })
                        .collect();
                    spans.sort_by_key(|(sp, _)| std::cmp::Reverse(sp.start()));
                    for (sp, t) in spans {
                        text.replace_range(sp.range(), t);
                    }
                    (a.title, text)
                }
                CodeActionOrCommand::Command(c) => panic!("{c:?}"),
            })
            .collect()
    }

    #[test]
    fn quick_fixes_for_a_misspelled_name_and_a_duration_in_words() {
        let d = doc("unit 宣传部 {}\non detect {\n  action 核实 { owner 宣传郎 }\n}\n");
        let f = fixes(&d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].0.contains("宣传部"));
        assert!(f[0].1.contains("owner 宣传部 }"));
        let d = doc("unit 甲 {}\non detect {\n  action 核实 { owner 甲 within 30分钟 }\n}\n");
        let f = fixes(&d);
        assert!(
            f.iter().any(|(_, t)| t.contains("within 30m }")),
            "{f:?} {:?}",
            d.findings
        );
        let d = doc("unit 甲 {}\non detect {\n  action 核实 { owner 甲 within 2 hours }\n}\n");
        let f = fixes(&d);
        assert!(
            f.iter().any(|(_, t)| t.contains("within 2h }")),
            "{f:?} {:?}",
            d.findings
        );
    }

    #[test]
    fn full_width_commas_become_the_plans_own() {
        let d = doc(
            "unit 甲 {}\nunit 乙 {}\non detect {\n  action 核实 { owner 甲 inform 甲，乙 }\n}\n",
        );
        let f = fixes(&d);
        assert!(f.iter().any(|(_, t)| t.contains("inform 甲,乙")), "{f:?}");
    }

    #[test]
    fn formatting_and_folding() {
        let d = doc("unit 甲 {\n      title \"甲\"\n}\n");
        let e = format(&d, &settings());
        assert_eq!(e[0].new_text, "unit 甲 {\n  title \"甲\"\n}\n");
        let whole = Range::new(
            lsp_types::Position::new(0, 0),
            lsp_types::Position::new(3, 0),
        );
        assert_eq!(format_range(&d, whole, &settings()), e);
        let first = Range::new(
            lsp_types::Position::new(0, 0),
            lsp_types::Position::new(0, 3),
        );
        assert!(format_range(&d, first, &settings()).is_empty());
        assert!(format(&doc("unit 甲 {\n"), &settings()).is_empty());
        let f = folding_ranges(&flagship(), &settings());
        assert!(f.len() > 50);
        let d = doc("purpose \"\"\"\n  一\n  二\n  \"\"\"\nunit 甲 {\n  title \"甲\"\n}\n");
        let f = folding_ranges(&d, &settings());
        let lines: Vec<(u32, u32)> = f.iter().map(|r| (r.start_line, r.end_line)).collect();
        assert_eq!(lines, vec![(0, 3), (4, 6)]);
    }
}

#[cfg(test)]
mod backup_tests {
    use super::super::test_support::*;
    use super::*;

    fn uri() -> Uri {
        "file:///t/p.plan".parse().expect("a uri")
    }

    /// The text after the backup quick fix of the first O0003 finding.
    fn fixed(text: &str) -> (String, String) {
        let d = doc(text);
        let found = d
            .findings
            .iter()
            .find(|f| f.code().as_str() == "O0003")
            .unwrap_or_else(|| panic!("no O0003 in {:?}", d.findings));
        let range = position::range(d.source(), found.span, settings().encoding);
        let actions = code_actions(&d, &uri(), range, &settings());
        let CodeActionOrCommand::CodeAction(a) = actions
            .into_iter()
            .find(|a| matches!(a, CodeActionOrCommand::CodeAction(c) if c.title.contains("B")))
            .expect("a backup fix")
        else {
            unreachable!()
        };
        let edits = &a.edit.unwrap().changes.unwrap()[&uri()];
        let mut out = text.to_string();
        let mut spans: Vec<(Span, &str)> = edits
            .iter()
            .map(|e| {
                (
                    position::span(d.source(), e.range, settings().encoding),
                    e.new_text.as_str(),
                )
            })
            .collect();
        spans.sort_by_key(|(s, _)| std::cmp::Reverse(s.start()));
        for (s, t) in spans {
            out.replace_range(s.range(), t);
        }
        (a.title, out)
    }

    fn codes(text: &str) -> Vec<String> {
        doc(text)
            .findings
            .iter()
            .map(|f| f.code().as_str().to_string())
            .collect()
    }

    #[test]
    fn the_commander_gets_the_deputy_as_backup() {
        let text =
            include_str!("../../tests/fixtures/check/err_O0003_commander_without_backup.plan");
        let (title, out) = fixed(text);
        assert!(title.contains("副总指挥"), "{title}");
        assert!(
            out.contains("role 总指挥 { backup 副总指挥 holder"),
            "{out}"
        );
        assert!(!codes(&out).contains(&"O0003".to_string()), "{out}");
    }

    #[test]
    fn a_post_without_a_deputy_gets_a_stub_to_fill_in_on_a_line_of_its_own() {
        let text = "body 指挥中心 { lead 总指挥 deputy 副总指挥 members 宣传部 }\n\
            role 总指挥 { holder \"主要负责人\" backup 副总指挥 reports_to 上级 within 1h }\n\
            role 副总指挥 { holder \"分管领导\" reports_to 总指挥 within 15m }\n\
            unit 宣传部 { reports_to 指挥中心 within 15m duty \"监测与发布\" }\n\
            external 上级 { kind authority }\n\
            role 新闻发言人 {\n  holder \"发言人\"\n  reports_to 总指挥 within 15m\n  duty \"发布\"\n}\n";
        let (title, out) = fixed(text);
        assert!(title.contains("新闻发言人B角"), "{title}");
        assert!(
            out.contains("role 新闻发言人 {\n  backup 新闻发言人B角\n  holder"),
            "{out}"
        );
        assert!(
            out.contains(
                "}\nrole 新闻发言人B角 { holder \"待填\" reports_to 总指挥 within 15m duty"
            ),
            "{out}"
        );
        let after = codes(&out);
        assert!(!after.contains(&"O0003".to_string()), "{after:?}\n{out}");
        assert!(
            after.contains(&"H0008".to_string()),
            "the stub asks to be filled: {after:?}"
        );
    }
}

#[cfg(test)]
mod first_hour_tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn a_first_hour_lead_gets_a_stand_in_stub() {
        let text = include_str!(
            "../../tests/fixtures/check/err_O0010_first_hour_lead_without_backup.plan"
        );
        let d = doc(text);
        let found = d
            .findings
            .iter()
            .find(|f| f.code().as_str() == "O0010")
            .expect("O0010");
        let uri: Uri = "file:///t/p.plan".parse().unwrap();
        let range = position::range(d.source(), found.span, settings().encoding);
        let titles: Vec<String> = code_actions(&d, &uri, range, &settings())
            .into_iter()
            .filter_map(|a| match a {
                CodeActionOrCommand::CodeAction(c) => Some(c.title),
                _ => None,
            })
            .collect();
        assert!(
            titles.iter().any(|t| t.contains("值班主任B角")),
            "{titles:?}"
        );
    }
}
