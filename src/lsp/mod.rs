//! The language server's requests, as pure functions over open documents.
//!
//! A [`Document`] is a plan's text compiled once per change: the compilation, every
//! finding of `planc check`, and the index of where each name is defined and used.
//! Each request is a function of a document and a position that returns the
//! protocol's types; the command line (`src/cli/lsp.rs`) only moves messages.

pub mod complete;
pub mod diagnostics;
pub mod edit;
pub mod hover;
pub mod inlay;
pub mod keywords;
pub mod lens;
pub mod names;
pub mod position;
pub mod symbols;
pub mod tokens;

use crate::Compilation;
use crate::check;
use crate::diagnostic::{Diagnostic, Lang, ParseFinding};
use crate::source::{Source, Span};
pub use position::Encoding;
use std::sync::{Arc, OnceLock};

/// One open plan.
#[derive(Debug)]
pub struct Document {
    pub version: i32,
    pub compilation: Arc<Compilation>,
    /// The last compilation of this document that gave a model — this one, or the
    /// last before a syntax error: what completion offers names from while the plan
    /// is being typed and does not parse.
    pub known: Option<Arc<Compilation>>,
    /// Every finding of `planc check` on the text.
    pub findings: Vec<Diagnostic>,
    /// The language the server speaks about this plan.
    pub lang: Lang,
    pub names: names::Index,
    /// The drill campaign behind the code lenses, run when a lens is first resolved.
    drill: OnceLock<Result<lens::LevelRuns, String>>,
}

/// What every request needs besides the document.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub encoding: Encoding,
    /// `planc lsp --lang`: the language of every plan; else each plan's own.
    pub lang: Option<Lang>,
    /// The checker's options (the date the date-dependent rules measure against).
    pub check: check::Options,
}

impl Document {
    /// Compiles and checks a text. A text over the front end's size limit is not
    /// parsed: its one finding says so (P0010), as `planc check` says it.
    pub fn new(name: &str, text: String, version: i32, settings: &Settings) -> Document {
        Document::after(None, name, text, version, settings)
    }

    /// The document after a change: as [`Document::new`], keeping the names of the
    /// previous version while the new one does not parse.
    pub fn after(
        previous: Option<&Document>,
        name: &str,
        text: String,
        version: i32,
        settings: &Settings,
    ) -> Document {
        let too_large = text.len() > crate::source::MAX_SOURCE_BYTES;
        let bytes = text.len();
        let source = if too_large {
            Source::new(name, "")
        } else {
            Source::new(name, text)
        };
        let compilation = Arc::new(crate::compile(source));
        let findings = if too_large {
            vec![Diagnostic::new(
                Span::new(0, 0),
                ParseFinding::SourceTooLarge { bytes },
            )]
        } else {
            compilation.check_with(&settings.check)
        };
        let lang = settings
            .lang
            .unwrap_or_else(|| Lang::detect(&compilation.source.text));
        let names = names::Index::of(&compilation);
        let known = if compilation.plan.is_some() {
            Some(compilation.clone())
        } else {
            previous.and_then(|p| p.known.clone())
        };
        Document {
            version,
            compilation,
            known,
            findings,
            lang,
            names,
            drill: OnceLock::new(),
        }
    }

    /// The levels' runs in the lenses' campaign (run once per version).
    pub fn lens_runs(&self) -> &Result<lens::LevelRuns, String> {
        self.drill
            .get_or_init(|| lens::campaign(self, lens::LENS_RUNS))
    }

    pub fn source(&self) -> &Source {
        &self.compilation.source
    }

    /// The compilation names are offered from (see [`Document::known`]).
    pub fn names_from(&self) -> &Compilation {
        self.known.as_deref().unwrap_or(&self.compilation)
    }

    pub fn text(&self) -> &str {
        &self.compilation.source.text
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    pub fn settings() -> Settings {
        Settings {
            encoding: Encoding::Utf16,
            lang: None,
            check: check::Options {
                today: "2026-11-28".parse().expect("a date"),
                ..check::Options::default()
            },
        }
    }

    pub fn doc(text: &str) -> Document {
        Document::new("test.plan", text.to_string(), 1, &settings())
    }

    pub fn flagship() -> Document {
        doc(crate::FLAGSHIP)
    }

    /// The position of the `nth` occurrence of `needle` plus `shift` bytes, in UTF-16.
    pub fn at(d: &Document, needle: &str, nth: usize, shift: usize) -> lsp_types::Position {
        let off = d
            .text()
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("`{needle}` #{nth} is not in the text"))
            .0;
        position::position(d.source(), off + shift, Encoding::Utf16)
    }
}
