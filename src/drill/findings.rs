//! The D findings: words of a scenario the drill model does not know.

use super::params;
use crate::diagnostic::{Diagnostic, ScenarioFinding};
use crate::source::Span;

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// D0001: a `start` or `spread` parameter the drill model does not know.
pub fn drill_unknown_param(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let allowed: Vec<&str> = params::SCENARIO_PARAMS.iter().map(|p| p.0).collect();
    Diagnostic::new(
        span,
        ScenarioFinding::UnknownParam {
            word: word.into(),
            suggestion: suggestion.map(str::to_string),
            allowed: owned(&allowed),
        },
    )
}

/// D0002: an `onset` kind other than night, weekend or holiday.
pub fn drill_unknown_onset(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::new(
        span,
        ScenarioFinding::UnknownOnset {
            word: word.into(),
            suggestion: suggestion.map(str::to_string),
            allowed: owned(params::ONSET_KINDS),
        },
    )
}

/// D0003: an inject `scale`s something the spread model does not have.
pub fn drill_unknown_scale(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::new(
        span,
        ScenarioFinding::UnknownScale {
            word: word.into(),
            suggestion: suggestion.map(str::to_string),
            allowed: owned(&["growth", "capacity", "reach", "talk"]),
        },
    )
}
