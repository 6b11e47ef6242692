//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! A diagnostic is a location plus a [`Finding`] — a kind with plain data. Its code,
//! family and default severity come from the finding ([`code`]); its words come from
//! one place ([`words`]), in the language asked for when it is printed ([`print`]).

pub mod code;
pub mod finding;
pub mod print;
pub mod words;

mod actions;
mod hygiene;
mod levels;
mod monitoring;
mod names;
mod organization;
mod parse;
mod reporting;
mod safeguards;
mod scenarios;
mod structure;
mod timing;

pub use actions::ActionFinding;
pub use code::{Code, CodeError, CodeInfo, Family};
pub use finding::*;
pub use hygiene::HygieneFinding;
pub use levels::LevelFinding;
pub use monitoring::MonitoringFinding;
pub use names::NameFinding;
pub use organization::{ExternalWork, OneSeat, OrganizationFinding};
pub use parse::ParseFinding;
pub use print::{render_human, render_json};
pub use reporting::{FormGap, ReportingFinding};
pub use safeguards::{SafeguardFinding, SafeguardKind};
pub use scenarios::ScenarioFinding;
pub use structure::{Chapter, CoverField, GbAnnex, StructureFinding};
pub use timing::TimingFinding;
pub use words::Text;

use crate::source::Span;
pub use crate::wording::Lang;
use serde::Serialize;
use std::fmt;

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
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub span: Span,
    pub note: Note,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub finding: Finding,
    /// The code's default severity, until configuration changes it.
    pub severity: Severity,
    /// The primary location.
    pub span: Span,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding at a location, with its code's default severity.
    pub fn new(span: Span, finding: impl Into<Finding>) -> Diagnostic {
        let finding = finding.into();
        Diagnostic {
            severity: finding.code().severity(),
            finding,
            span,
            related: Vec::new(),
        }
    }

    /// The same diagnostic with a secondary location.
    pub fn with(mut self, span: Span, note: Note) -> Diagnostic {
        self.related.push(Related { span, note });
        self
    }

    /// The same diagnostic with secondary locations that all say the same.
    pub fn with_all(mut self, spans: impl IntoIterator<Item = Span>, note: Note) -> Diagnostic {
        for span in spans {
            self.related.push(Related {
                span,
                note: note.clone(),
            });
        }
        self
    }

    pub fn code(&self) -> Code {
        self.finding.code()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic in words.
    pub fn text(&self, lang: Lang) -> Text {
        words::text(&self.finding, lang)
    }

    /// The message in words.
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang).message
    }
}

/// Orders diagnostics by position, then code, then message, so output never depends
/// on rule order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start(), a.span.end(), a.code().as_str())
            .cmp(&(b.span.start(), b.span.end(), b.code().as_str()))
            .then_with(|| a.message(Lang::En).cmp(&b.message(Lang::En)))
    });
}

/// Counts of errors and warnings.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
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

impl Finding {
    /// The code of the finding.
    pub fn code(&self) -> Code {
        match self {
            Finding::Parse(f) => f.code(),
            Finding::Name(f) => f.code(),
            Finding::Structure(f) => f.code(),
            Finding::Organization(f) => f.code(),
            Finding::Reporting(f) => f.code(),
            Finding::Level(f) => f.code(),
            Finding::Action(f) => f.code(),
            Finding::Timing(f) => f.code(),
            Finding::Monitoring(f) => f.code(),
            Finding::Safeguard(f) => f.code(),
            Finding::Hygiene(f) => f.code(),
            Finding::Scenario(f) => f.code(),
        }
    }
}
