//! The code catalogue: every diagnostic code, its family, default severity and the
//! language-neutral part of its explanation (where it comes from, a bad and a good
//! example). Each family's file (`parse.rs`, `levels.rs`, …) declares its own codes,
//! next to the findings that carry them. The explanation's words — summary, what,
//! why — are labels (`code.<CODE>` in `templates/labels/<lang>.json`); a unit test
//! refuses a code without them in either language. `planc explain` prints an entry,
//! SARIF's `rules[]` lists them, and a finding's default severity is read from here.
//! Codes never change meaning once released.

use super::Severity;
use std::fmt;

/// A code's entry: the code and the language-neutral part of its explanation.
#[derive(Debug)]
pub struct CodeInfo {
    /// A capital letter naming the family and four digits: `A0001`.
    pub code: &'static str,
    pub severity: Severity,
    /// The standard, rule or practice the code comes from.
    pub source: &'static str,
    /// Plan text that fires it.
    pub bad: &'static str,
    /// Plan text that does not.
    pub good: &'static str,
}

/// A diagnostic code. Each family's file declares its codes (`Code::A0001`, …) with
/// their entries, next to the findings that carry them.
#[derive(Clone, Copy, Debug)]
pub struct Code(&'static CodeInfo);

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.code.hash(h);
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl Code {
    pub const fn new(info: &'static CodeInfo) -> Code {
        Code(info)
    }

    /// The code as written: `A0001`.
    pub fn as_str(self) -> &'static str {
        self.0.code
    }

    /// The code's catalogue entry.
    pub fn entry(self) -> &'static CodeInfo {
        self.0
    }

    /// Every code, in catalogue order (by family, then number).
    pub fn all() -> impl Iterator<Item = Code> {
        [
            super::parse::CODES,
            super::names::CODES,
            super::scenarios::CODES,
            super::structure::CODES,
            super::organization::CODES,
            super::reporting::CODES,
            super::levels::CODES,
            super::actions::CODES,
            super::timing::CODES,
            super::monitoring::CODES,
            super::safeguards::CODES,
            super::hygiene::CODES,
        ]
        .into_iter()
        .flatten()
        .copied()
    }
}

/// The family of a code, by its letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Parse,
    Names,
    Scenarios,
    Structure,
    Organization,
    Reporting,
    Levels,
    Actions,
    Timing,
    Monitoring,
    Safeguards,
    Hygiene,
}

impl Family {
    /// The family's label name (`code_family.<name>`).
    pub fn key(self) -> &'static str {
        match self {
            Family::Parse => "parse",
            Family::Names => "names",
            Family::Scenarios => "scenarios",
            Family::Structure => "structure",
            Family::Organization => "organization",
            Family::Reporting => "reporting",
            Family::Levels => "levels",
            Family::Actions => "actions",
            Family::Timing => "timing",
            Family::Monitoring => "monitoring",
            Family::Safeguards => "safeguards",
            Family::Hygiene => "hygiene",
        }
    }
}

impl Code {
    /// The code's family.
    pub fn family(self) -> Family {
        match self.as_str().as_bytes()[0] {
            b'P' => Family::Parse,
            b'N' => Family::Names,
            b'D' => Family::Scenarios,
            b'S' => Family::Structure,
            b'O' => Family::Organization,
            b'R' => Family::Reporting,
            b'L' => Family::Levels,
            b'A' => Family::Actions,
            b'T' => Family::Timing,
            b'M' => Family::Monitoring,
            b'G' => Family::Safeguards,
            _ => Family::Hygiene,
        }
    }

    /// The default severity.
    pub fn severity(self) -> Severity {
        self.entry().severity
    }

    /// Reading, name and drill-scenario errors cannot be allowed; gap rules can.
    pub fn configurable(self) -> bool {
        !matches!(
            self.family(),
            Family::Parse | Family::Names | Family::Scenarios
        )
    }

    /// The code written exactly (`A0001`), if it is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::all().find(|c| c.as_str() == text)
    }

    /// The configurable code a user wrote (case-insensitive), or why it is not one.
    pub fn configurable_from(text: &str) -> Result<Code, CodeError> {
        let upper = text.trim().to_ascii_uppercase();
        match Code::parse(&upper) {
            Some(c) if c.configurable() => Ok(c),
            Some(c) => Err(CodeError::Fixed(c)),
            None => {
                // A code of the same family first, then any.
                let codes = || Code::all().filter(|c| c.configurable()).map(|c| c.as_str());
                let letter = upper.get(..1).unwrap_or_default();
                let same =
                    crate::source::suggest(&upper, codes().filter(|c| c.starts_with(letter)));
                let near = same.or_else(|| crate::source::suggest(&upper, codes()));
                Err(CodeError::Unknown(near.and_then(Code::parse)))
            }
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Why a code cannot be configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// No such code; maybe a close one.
    Unknown(Option<Code>),
    /// A reading, name or drill-scenario error, which cannot be allowed.
    Fixed(Code),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_well_formed_grouped_by_family_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        let mut last: Option<Code> = None;
        for c in Code::all() {
            let b = c.as_str().as_bytes();
            assert!(b.len() == 5 && b[0].is_ascii_uppercase(), "{c}");
            assert!(b[1..].iter().all(u8::is_ascii_digit), "{c}");
            assert!(seen.insert(c.as_str()), "duplicate {c}");
            assert_eq!(Code::parse(c.as_str()), Some(c));
            if let Some(l) = last.filter(|l| l.family() == c.family()) {
                assert!(l < c, "{l} before {c} in its family's list");
            }
            last = Some(c);
        }
    }

    #[test]
    fn every_code_is_explained_in_both_languages() {
        use crate::wording::{Lang, Words};
        for code in Code::all() {
            for lang in Lang::ALL {
                for part in ["summary", "what", "why"] {
                    let text = Words::of(lang).str(&format!("code.{code}.{part}"));
                    assert!(
                        text.is_some_and(|t| !t.trim().is_empty()),
                        "{code} has no {part} in {lang:?}"
                    );
                }
            }
        }
    }

    /// Every message a diagnostic can say comes with a help line: what to write
    /// instead. Code may choose a more precise help (`help_*`, did-you-mean), never none.
    #[test]
    fn every_message_of_every_code_has_a_help_line() {
        fn walk(node: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
            let Some(map) = node.as_object() else { return };
            let help = map.get("help").and_then(|h| h.as_str());
            if map.contains_key("message") && help.is_none_or(|h| h.trim().is_empty()) {
                missing.push(path.to_string());
            }
            for (k, v) in map {
                walk(v, &format!("{path}.{k}"), missing);
            }
        }
        for (lang, text) in [
            ("en", include_str!("../../templates/labels/en.json")),
            ("zh", include_str!("../../templates/labels/zh.json")),
        ] {
            let labels: serde_json::Value = serde_json::from_str(text).unwrap();
            let mut missing = Vec::new();
            for code in Code::all() {
                let entry = &labels["diag"][code.as_str()];
                assert!(entry.is_object(), "{code} has no words in {lang}");
                walk(entry, code.as_str(), &mut missing);
            }
            assert!(missing.is_empty(), "no help line in {lang}: {missing:?}");
        }
    }

    #[test]
    fn reading_name_and_scenario_errors_are_errors() {
        for c in Code::all().filter(|c| !c.configurable()) {
            assert_eq!(c.severity(), Severity::Error, "{c}");
        }
    }

    #[test]
    fn codes_are_validated_with_suggestions() {
        assert_eq!(Code::configurable_from("a0001"), Ok(Code::A0001));
        assert_eq!(
            Code::configurable_from("P0001"),
            Err(CodeError::Fixed(Code::P0001))
        );
        assert_eq!(
            Code::configurable_from("A0O01"),
            Err(CodeError::Unknown(Some(Code::A0001)))
        );
        assert!(matches!(
            Code::configurable_from("Z9999"),
            Err(CodeError::Unknown(_))
        ));
    }
}
