//! Diagnostics: what went wrong, where, and how to fix it — in Chinese or English.
//!
//! A diagnostic is a location plus a kind. The wording of every diagnostic lives in
//! [`crate::messages`]; this module holds the shape and the printers.

use crate::source::{Source, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::Serialize;
use std::fmt;

/// The language of human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when the text is mostly written in Chinese, else English.
    pub fn detect(text: &str) -> Lang {
        let cjk = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        if cjk * 20 >= text.chars().filter(|c| c.is_alphabetic()).count() && cjk > 0 {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// A secondary location with its note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A capital letter naming the family and four digits: `N0001`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Msg,
    /// The primary location and what to say under it.
    pub span: Span,
    pub label: Msg,
    pub labels: Vec<Label>,
    pub help: Option<Msg>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, span: Span, message: Msg) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            label: Msg::new("", ""),
            message,
            span,
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn error(code: &'static str, span: Span, message: Msg) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, span, message)
    }

    pub fn warning(code: &'static str, span: Span, message: Msg) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, span, message)
    }

    pub fn with_label(mut self, label: Msg) -> Diagnostic {
        self.label = label;
        self
    }

    pub fn with_secondary(mut self, span: Span, message: Msg) -> Diagnostic {
        self.labels.push(Label { span, message });
        self
    }

    pub fn with_help(mut self, help: Msg) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Orders diagnostics by position, then code, so output never depends on rule order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message.en).cmp(&(
            b.span.start,
            b.span.end,
            b.code,
            &b.message.en,
        ))
    });
}

/// Counts of errors and warnings.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(diags: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => {}
            }
        }
        s
    }
}

/// Human output, rustc style, with source lines and carets aligned under CJK text.
pub fn render_human(source: &Source, diags: &[Diagnostic], lang: Lang, color: bool) -> String {
    let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
    // Stable output whatever the terminal: a fixed tab width.
    let config = term::Config {
        tab_width: 4,
        ..term::Config::default()
    };
    let mut buf: Vec<u8> = Vec::new();
    let mut fallback = String::new();
    {
        let mut writer: Box<dyn term::termcolor::WriteColor> = if color {
            Box::new(term::termcolor::Ansi::new(&mut buf))
        } else {
            Box::new(term::termcolor::NoColor::new(&mut buf))
        };
        for d in diags {
            let cd = to_codespan(source, d, lang);
            // Rendering into memory cannot fail except on an out-of-range span, which
            // to_codespan already clamps; fall back to a plain line if it ever does.
            if term::emit(&mut *writer, &config, &file, &cd).is_err() {
                let (l, c) = source.line_col(d.span.start);
                fallback += &format!(
                    "{}[{}]: {} at {}:{}:{}\n",
                    d.severity,
                    d.code,
                    d.message.get(lang),
                    source.name,
                    l,
                    c
                );
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned() + &fallback
}

fn clamp(source: &Source, span: Span) -> std::ops::Range<usize> {
    let len = source.text.len();
    let mut s = span.start.min(len);
    let mut e = span.end.min(len).max(s);
    while s > 0 && !source.text.is_char_boundary(s) {
        s -= 1;
    }
    while e < len && !source.text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

fn to_codespan(source: &Source, d: &Diagnostic, lang: Lang) -> cs::Diagnostic<()> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut labels = Vec::new();
    if !d.span.is_dummy() || !source.text.is_empty() {
        labels.push(cs::Label::primary((), clamp(source, d.span)).with_message(d.label.get(lang)));
    }
    for l in &d.labels {
        labels.push(
            cs::Label::secondary((), clamp(source, l.span)).with_message(l.message.get(lang)),
        );
    }
    let mut notes = Vec::new();
    if let Some(h) = &d.help {
        let prefix = match lang {
            Lang::Zh => "帮助",
            Lang::En => "help",
        };
        notes.push(format!("{prefix}: {}", h.get(lang)));
    }
    cs::Diagnostic::new(sev)
        .with_code(d.code)
        .with_message(d.message.get(lang))
        .with_labels(labels)
        .with_notes(notes)
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    span: JsonSpan,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    line: usize,
    column: usize,
    label: &'a str,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiag<'a>>,
    summary: Summary,
}

/// The `check --format json` document (cli.md), over one or more files.
pub fn render_json(files: &[(&Source, &[Diagnostic])], lang: Lang) -> String {
    let mut diagnostics = Vec::new();
    let mut all: Vec<&Diagnostic> = Vec::new();
    for (source, diags) in files {
        for d in diags.iter() {
            all.push(d);
            let (line, column) = source.line_col(d.span.start);
            diagnostics.push(JsonDiag {
                code: d.code,
                severity: d.severity,
                message: d.message.get(lang),
                file: &source.name,
                span: JsonSpan {
                    start: d.span.start,
                    end: d.span.end,
                },
                line,
                column,
                label: d.label.get(lang),
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (line, column) = source.line_col(l.span.start);
                        JsonLabel {
                            span: JsonSpan {
                                start: l.span.start,
                                end: l.span.end,
                            },
                            line,
                            column,
                            message: l.message.get(lang),
                        }
                    })
                    .collect(),
                help: d.help.as_ref().map(|h| h.get(lang)),
            });
        }
    }
    let summary = Summary::of(&all.into_iter().cloned().collect::<Vec<_>>());
    let report = JsonReport {
        version: 1,
        diagnostics,
        summary,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("diagnostics serialize");
    s.push('\n');
    s
}
