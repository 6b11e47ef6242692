//! `textDocument/publishDiagnostics`: every finding of `planc check`, with its code,
//! related spans and help line, in the plan's language.

use super::{Document, Settings, position};
use crate::diagnostic::{self, Diagnostic, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

/// The scheme of a code's link: `planc-explain:P0001` stands for `planc explain P0001`
/// (hovering the code shows the same text).
pub const EXPLAIN_SCHEME: &str = "planc-explain";

/// The diagnostics of a document.
pub fn diagnostics(doc: &Document, uri: &Uri, s: &Settings) -> Vec<lsp_types::Diagnostic> {
    doc.findings.iter().map(|d| one(doc, uri, d, s)).collect()
}

fn one(doc: &Document, uri: &Uri, d: &Diagnostic, s: &Settings) -> lsp_types::Diagnostic {
    let src = doc.source();
    let text = d.text(doc.lang);
    let mut message = text.message;
    if !text.label.is_empty() && text.label != message {
        message = format!("{message}\n{}", text.label);
    }
    if let Some(help) = text.help {
        message = format!(
            "{message}\n{}: {help}",
            diagnostic::words::help_prefix(doc.lang)
        );
    }
    let code = d.code().as_str();
    let related = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), position::range(src, r.span, s.encoding)),
            message: diagnostic::words::note(&r.note, doc.lang),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: position::range(src, d.span, s.encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(code.to_string())),
        code_description: format!("{EXPLAIN_SCHEME}:{code}")
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("planc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use lsp_types::Position;

    fn uri() -> Uri {
        "file:///t/p.plan".parse().expect("a uri")
    }

    #[test]
    fn the_flagship_has_no_errors() {
        let d = flagship();
        let all = diagnostics(&d, &uri(), &settings());
        assert!(
            all.iter()
                .all(|x| x.severity != Some(DiagnosticSeverity::ERROR)),
            "{all:?}"
        );
    }

    #[test]
    fn columns_are_utf16_on_a_line_of_chinese_text() {
        // The misspelled owner stands after Chinese text and an astral character.
        let text = "unit 宣传部 { title \"宣传𝒜部\" }\non detect {\n  action 核实 { title \"核实𝒜\" owner 宣传郎 }\n}\n";
        let d = doc(text);
        let all = diagnostics(&d, &uri(), &settings());
        let n = all
            .iter()
            .find(|x| x.code == Some(NumberOrString::String("N0001".into())))
            .unwrap_or_else(|| panic!("{all:?}"));
        // `  action 核实 { title "核实𝒜" owner ` is 31 UTF-16 units (𝒜 counts two).
        let line = "  action 核实 { title \"核实𝒜\" owner ";
        let col = line.encode_utf16().count() as u32;
        assert_eq!(n.range.start, Position::new(2, col));
        assert_eq!(n.range.end, Position::new(2, col + 3));
        assert!(n.message.contains("宣传部"), "{}", n.message);
        let href = n.code_description.as_ref().unwrap().href.as_str();
        assert_eq!(href, "planc-explain:N0001");
        // The same in UTF-8 bytes.
        let s8 = Settings {
            encoding: super::super::Encoding::Utf8,
            ..settings()
        };
        let all8 = diagnostics(&d, &uri(), &s8);
        let n8 = all8.iter().find(|x| x.code == n.code).unwrap();
        assert_eq!(n8.range.start, Position::new(2, line.len() as u32));
    }

    #[test]
    fn related_spans_and_syntax_errors() {
        let d = doc("unit 甲 {}\nunit 甲 {}\n");
        let all = diagnostics(&d, &uri(), &settings());
        let twice = all
            .iter()
            .find(|x| x.related_information.is_some())
            .unwrap();
        let rel = &twice.related_information.as_ref().unwrap()[0];
        assert_eq!(rel.location.range.start, Position::new(0, 5));
        let d = doc("unit 甲 {\n");
        let all = diagnostics(&d, &uri(), &settings());
        assert_eq!(all[0].code, Some(NumberOrString::String("P0001".into())));
    }
}
