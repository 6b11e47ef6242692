//! The printers of diagnostics: human (rustc style, carets aligned under CJK text) and
//! the `check --format json` document.

use super::{Diagnostic, Severity, Summary, words};
use crate::source::{Source, Span, printable, printable_in_place};
use crate::wording::Lang;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use serde::Serialize;

/// Human output, rustc style, with source lines and carets aligned under CJK text.
pub fn render_human(source: &Source, diags: &[Diagnostic], lang: Lang, color: bool) -> String {
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
        // Computed once: a file with many diagnostics must not be scanned for each.
        let shown = printable_in_place(&source.text);
        let name = printable(&source.name);
        for d in diags {
            let (view, d) = View::for_diagnostic(source, (&shown, &name), d);
            let cd = to_codespan(source, &d, lang);
            if term::emit(&mut *writer, &config, &view, &cd).is_err() {
                let (l, c) = source.line_col(d.span.start());
                fallback += &format!(
                    "{}[{}]: {} at {}:{}:{}\n",
                    d.severity,
                    d.code(),
                    printable(&d.message(lang)),
                    name,
                    l,
                    c
                );
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned() + &fallback
}

/// Lines longer than this are shown as a window around the diagnostic.
const MAX_SHOWN_LINE: usize = 240;
/// Bytes of context either side of a label on a long line.
const CONTEXT: usize = 60;

/// The source as codespan sees it: long lines cut to a window around the labels, while
/// line and column numbers stay those of the whole file.
struct View<'a> {
    source: &'a Source,
    /// The text as shown: control, invisible and direction-changing characters replaced.
    shown: &'a str,
    /// The file name as shown.
    name: &'a str,
    windows: Vec<(usize, std::ops::Range<usize>)>,
}

impl<'a> View<'a> {
    /// A view for one diagnostic, and the diagnostic with labels that fall outside a
    /// window dropped (only secondary labels on very long lines can).
    fn for_diagnostic(
        source: &'a Source,
        (shown, name): (&'a str, &'a str),
        d: &Diagnostic,
    ) -> (View<'a>, Diagnostic) {
        let mut d = d.clone();
        let p = clamp(source, d.span);
        d.span = Span::new(p.start, p.end);
        let mut windows = Vec::new();
        let line = source.line_index(p.start);
        let range = source.line_range(line);
        if range.len() > MAX_SHOWN_LINE {
            let s = floor(source, p.start.saturating_sub(CONTEXT).max(range.start));
            let end_cap = p.end.min(p.start + CONTEXT * 2);
            let e = ceil(source, (end_cap + CONTEXT).min(range.end));
            // A primary label running past the window is cut to it.
            d.span = Span::new(d.span.start(), d.span.end().min(e));
            windows.push((line, s..e));
        }
        d.related.retain(|l| {
            let r = clamp(source, l.span);
            let li = source.line_index(r.start);
            let lr = source.line_range(li);
            if lr.len() <= MAX_SHOWN_LINE {
                return true;
            }
            match windows.iter().find(|(wl, _)| *wl == li) {
                Some((_, w)) => r.start >= w.start && r.end <= w.end,
                None => false,
            }
        });
        (
            View {
                source,
                shown,
                name,
                windows,
            },
            d,
        )
    }
}

/// A span cut to the text and widened to character boundaries.
fn clamp(source: &Source, span: Span) -> std::ops::Range<usize> {
    let len = source.text.len();
    let s = floor(source, span.start().min(len));
    let e = ceil(source, span.end().min(len).max(s));
    s..e
}

fn floor(source: &Source, mut i: usize) -> usize {
    while i > 0 && !source.text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(source: &Source, mut i: usize) -> usize {
    while i < source.text.len() && !source.text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl<'a> codespan_reporting::files::Files<'a> for View<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.shown)
    }

    fn line_index(
        &'a self,
        _: (),
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self
            .source
            .line_index(byte_index.min(self.source.text.len())))
    }

    fn column_number(
        &'a self,
        _: (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.source.line_col(byte_index).1)
    }

    fn line_range(
        &'a self,
        _: (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        if line_index >= self.source.line_starts().len() {
            return Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: self.source.line_starts().len() - 1,
            });
        }
        if let Some((_, w)) = self.windows.iter().find(|(l, _)| *l == line_index) {
            return Ok(w.clone());
        }
        let r = self.source.line_range(line_index);
        // codespan expects the line end included.
        let end = self
            .source
            .line_starts()
            .get(line_index + 1)
            .map_or(self.source.text.len(), |&e| e as usize);
        Ok(r.start..end.max(r.end))
    }
}

fn to_codespan(source: &Source, d: &Diagnostic, lang: Lang) -> cs::Diagnostic<()> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    // Messages quote names and text of the plan: escaped before the colours go in.
    let shown = |s: &str| printable(s).into_owned();
    let text = d.text(lang);
    let mut labels = Vec::new();
    // Always located, an empty file at 1:1 too: the user sees which file it is.
    labels.push(cs::Label::primary((), clamp(source, d.span)).with_message(shown(&text.label)));
    for l in &d.related {
        labels.push(
            cs::Label::secondary((), clamp(source, l.span))
                .with_message(shown(&words::note(&l.note, lang))),
        );
    }
    let mut notes = Vec::new();
    if let Some(h) = &text.help {
        notes.push(shown(&format!("{}: {h}", words::help_prefix(lang))));
    }
    cs::Diagnostic::new(sev)
        .with_code(d.code().as_str())
        .with_message(shown(&text.message))
        .with_labels(labels)
        .with_notes(notes)
}

#[derive(Serialize)]
struct JsonLabel {
    span: JsonSpan,
    line: usize,
    column: usize,
    message: String,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    code: &'static str,
    severity: Severity,
    message: String,
    file: &'a str,
    span: JsonSpan,
    line: usize,
    column: usize,
    label: String,
    labels: Vec<JsonLabel>,
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiag<'a>>,
    summary: Summary,
}

impl JsonSpan {
    fn of(span: Span) -> JsonSpan {
        JsonSpan {
            start: span.start(),
            end: span.end(),
        }
    }
}

fn json_diagnostic<'a>(source: &'a Source, d: &Diagnostic, lang: Lang) -> JsonDiag<'a> {
    let (line, column) = source.line_col(d.span.start());
    let text = d.text(lang);
    JsonDiag {
        code: d.code().as_str(),
        severity: d.severity,
        message: text.message,
        file: &source.name,
        span: JsonSpan::of(d.span),
        line,
        column,
        label: text.label,
        labels: d
            .related
            .iter()
            .map(|l| {
                let (line, column) = source.line_col(l.span.start());
                JsonLabel {
                    span: JsonSpan::of(l.span),
                    line,
                    column,
                    message: words::note(&l.note, lang),
                }
            })
            .collect(),
        help: text.help,
    }
}

/// The `check --format json` document (cli.md), over one or more files.
pub fn render_json(files: &[(&Source, &[Diagnostic])], lang: Lang) -> String {
    let report = JsonReport {
        version: 1,
        diagnostics: files
            .iter()
            .flat_map(|(source, diags)| diags.iter().map(|d| json_diagnostic(source, d, lang)))
            .collect(),
        summary: Summary::of(files.iter().flat_map(|(_, diags)| diags.iter())),
    };
    let mut s = serde_json::to_string_pretty(&report).expect("diagnostics serialize");
    s.push('\n');
    s
}
