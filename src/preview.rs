//! The live document preview (`planc preview`): what the page shows, as pure data.
//!
//! A [`Preview`] is refreshed with each saved text of the plan: it compiles and checks
//! the text, renders the HTML document when the plan has no error, and keeps the last
//! good document when it has one — a plan being edited is broken most of the time, and
//! the writer still wants to see the document. The command line (`src/cli/preview.rs`)
//! watches the file, serves the page and pushes each new [`Report`]; the page itself
//! ([`page`]) decides nothing.

use crate::check;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::render::{self, Format, Options, escape};
use crate::source::Source;
use crate::wording::Words;
use serde::Serialize;
use std::sync::Arc;

/// How many lines around a finding's line the page shows when the finding is clicked.
const CONTEXT_LINES: usize = 2;

/// At most this many findings go to the page; the rest are counted.
const MAX_FINDINGS: usize = 500;

/// The state of one previewed plan.
#[derive(Debug)]
pub struct Preview {
    /// `--lang`: the language of every page; else the plan's own.
    lang: Option<Lang>,
    check: check::Options,
    document: Option<Arc<str>>,
    report: Report,
}

/// What the page shows besides the document: the findings of the last text and which
/// document stands beside them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Counts every refresh; the page asks again when it changes.
    pub version: u64,
    /// Counts every document rendered; the page reloads the document when it changes.
    /// 0 while no text has given a document.
    pub document_version: u64,
    /// The file name as the user gave it.
    pub file: String,
    pub lang: &'static str,
    pub errors: usize,
    pub warnings: usize,
    /// Whether the document shown is the one of this text (no error, rendered).
    pub current: bool,
    /// Why this text gave no document, besides its errors: the file could not be
    /// read, or the template failed.
    pub failure: Option<String>,
    pub findings: Vec<Finding>,
    /// Findings left out of `findings` (beyond [`MAX_FINDINGS`]).
    pub more: usize,
}

/// One finding as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub code: String,
    pub message: String,
    /// What the finding says of the place it points at, where that adds to the message.
    pub label: Option<String>,
    pub help: Option<String>,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// The finding's line with the lines around it, to show where it is.
    pub excerpt: Vec<Line>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

impl Preview {
    pub fn new(file: &str, lang: Option<Lang>, check: check::Options) -> Preview {
        Preview {
            lang,
            check,
            document: None,
            report: Report {
                file: file.to_string(),
                lang: lang.unwrap_or(Lang::Zh).code(),
                ..Report::default()
            },
        }
    }

    /// The language of the page: `--lang`, else the plan's as last read.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or(if self.report.lang == Lang::En.code() {
            Lang::En
        } else {
            Lang::Zh
        })
    }

    /// The page's state after the last refresh.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The last good document (HTML), if any text has given one.
    pub fn document(&self) -> Option<Arc<str>> {
        self.document.clone()
    }

    /// The file could not be read: the findings and the document stay, the reason is
    /// shown above them.
    pub fn unreadable(&mut self, reason: String) {
        self.report.version += 1;
        self.report.current = false;
        self.report.failure = Some(reason);
    }

    /// A new text of the plan.
    pub fn refresh(&mut self, source: Source) {
        let lang = self.lang.unwrap_or_else(|| Lang::detect(&source.text));
        let c = crate::compile(source);
        let diags = c.check_with(&self.check);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let mut failure = None;
        let mut current = false;
        if errors == 0
            && let Some(plan) = &c.plan
        {
            let opts = Options {
                format: Format::Html,
                lang,
                templates: None,
            };
            match render::render(plan, &opts) {
                Ok(bytes) => {
                    self.document = Some(String::from_utf8_lossy(&bytes).into());
                    self.report.document_version += 1;
                    current = true;
                }
                Err(e) => failure = Some(e.to_string()),
            }
        }
        let r = &mut self.report;
        r.version += 1;
        r.lang = lang.code();
        r.errors = errors;
        r.warnings = diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        r.current = current;
        r.failure = failure;
        r.more = diags.len().saturating_sub(MAX_FINDINGS);
        r.findings = diags
            .iter()
            .take(MAX_FINDINGS)
            .map(|d| finding(&c.source, d, lang))
            .collect();
    }
}

fn finding(src: &Source, d: &Diagnostic, lang: Lang) -> Finding {
    let text = d.text(lang);
    let label = (!text.label.is_empty() && text.label != text.message).then_some(text.label);
    let (line, column) = src.line_col(d.span.start());
    let first = line.saturating_sub(CONTEXT_LINES).max(1);
    let last = (line + CONTEXT_LINES).min(src.line_starts().len());
    let excerpt = (first..=last)
        .map(|n| Line {
            number: n,
            text: src.text[src.line_range(n - 1)]
                .trim_end_matches(['\n', '\r'])
                .to_string(),
        })
        .collect();
    Finding {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        code: d.code().as_str().to_string(),
        message: text.message,
        label,
        help: text.help,
        line,
        column,
        excerpt,
    }
}

/// The page around the document: the document in a frame beside the findings; its
/// script follows the pushed reports. Its words are the labels under `preview`.
pub fn page(lang: Lang) -> String {
    let words = Words::of(lang);
    let labels = words
        .lookup("preview")
        .map(serde_json::Value::to_string)
        .unwrap_or_else(|| "{}".into());
    PAGE.replace("__LANG__", lang.code())
        .replace(
            "__TITLE__",
            &escape::to_string(escape::html, &words.get("preview.title")),
        )
        // Inside a script element only `</` can end it early.
        .replace("__LABELS__", &labels.replace("</", "<\\/"))
}

/// The page's script, served on its own so that the page's policy forbids inline
/// scripts.
pub const SCRIPT: &str = include_str!("../templates/preview/preview.js");

/// The page's style sheet.
pub const STYLE: &str = include_str!("../templates/preview/preview.css");

const PAGE: &str = include_str!("../templates/preview/preview.html");

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> check::Options {
        check::Options {
            today: "2026-11-28".parse().expect("a date"),
            ..check::Options::default()
        }
    }

    #[test]
    fn a_good_plan_gives_a_document_and_a_broken_one_keeps_it() {
        let mut p = Preview::new("p.plan", None, options());
        assert_eq!(p.report().document_version, 0);
        assert!(p.document().is_none());
        p.refresh(Source::new("p.plan", crate::FLAGSHIP));
        let r = p.report().clone();
        assert_eq!((r.version, r.document_version, r.errors), (1, 1, 0));
        assert!(r.current);
        let doc = p.document().expect("a document");
        assert!(doc.contains("<html"), "{}", &doc[..200.min(doc.len())]);

        // An owner misspelled: the findings say where, the document stays.
        let broken = crate::FLAGSHIP.replacen("owner ", "owner 不存在的单位 ", 1);
        p.refresh(Source::new("p.plan", broken.clone()));
        let r = p.report();
        assert_eq!((r.version, r.document_version), (2, 1));
        assert!(!r.current);
        assert!(r.errors >= 1, "{r:?}");
        let f = r
            .findings
            .iter()
            .find(|f| f.severity == "error")
            .expect("an error");
        let (line, _) = Source::new("p.plan", broken.clone())
            .line_col(broken.find("owner 不存在的单位").expect("the edit"));
        assert_eq!(f.line, line);
        assert!(
            f.excerpt
                .iter()
                .any(|l| l.number == line && l.text.contains("不存在的单位"))
        );
        assert!(Arc::ptr_eq(&doc, &p.document().expect("kept")));

        // Repaired: a new document.
        p.refresh(Source::new("p.plan", crate::FLAGSHIP));
        assert_eq!(p.report().document_version, 2);
        assert!(p.report().current);
    }

    #[test]
    fn an_unreadable_file_is_said_and_changes_nothing_else() {
        let mut p = Preview::new("p.plan", Some(Lang::En), options());
        p.refresh(Source::new("p.plan", crate::FLAGSHIP));
        p.unreadable("gone".into());
        let r = p.report();
        assert_eq!((r.version, r.document_version), (2, 1));
        assert_eq!(r.failure.as_deref(), Some("gone"));
        assert_eq!(r.lang, "en");
        assert!(p.document().is_some());
    }

    #[test]
    fn the_excerpt_stops_at_the_ends_of_the_text() {
        let mut p = Preview::new("p.plan", None, options());
        p.refresh(Source::new("p.plan", "unit 甲 {\n"));
        let f = &p.report().findings[0];
        assert!(f.excerpt.iter().all(|l| l.number >= 1));
        assert!(!f.excerpt.is_empty());
    }

    #[test]
    fn the_page_has_its_words_and_no_placeholder() {
        for lang in [Lang::Zh, Lang::En] {
            let html = page(lang);
            assert!(!html.contains("__"), "a placeholder is left");
            assert!(html.contains(&format!("lang=\"{}\"", lang.code())));
            let title = Words::of(lang).get("preview.title");
            assert!(html.contains(&title), "{title}");
            // The labels object is valid JSON inside the script element.
            let start = html.find("application/json\">").expect("the labels") + 18;
            let end = start + html[start..].find("</script>").expect("its end");
            let v: serde_json::Value = serde_json::from_str(&html[start..end]).expect("json");
            assert!(
                v.get("counts").is_some() && v.get("severity").is_some(),
                "{v}"
            );
        }
    }
}
