//! Configuration: the severity of each code, from its default, the plan's own
//! `lint { allow CODE "reason" }` block and the command line (`--allow`, `--warn`,
//! `--deny`), in that order — the command line has the last word — and then
//! `--deny warnings`, which turns every remaining warning into an error.
//!
//! Only gap rules are configurable. Reading and name errors (P and N codes) are
//! never allowed away: a plan that does not parse or resolve has no gaps to discuss.

use crate::diagnostic::{
    Code, CodeError, Diagnostic, Family, HygieneFinding, NameFinding, Severity,
};
use crate::model::{Date, LintLevel, Plan};
use std::collections::{BTreeMap, BTreeSet};

/// How to run the checker.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date that date-dependent rules measure against.
    pub today: Date,
    /// Severity per code from the command line (codes already validated).
    pub levels: Vec<(Code, LintLevel)>,
    /// `--deny warnings`.
    pub deny_warnings: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            today: today_utc(),
            levels: Vec::new(),
            deny_warnings: false,
        }
    }
}

/// Today's date in UTC, from the system clock.
pub fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i64)
}

/// The configurable code a user wrote (case-insensitive), or why it is not one.
pub fn validate_code(code: &str) -> Result<Code, CodeError> {
    Code::configurable_from(code)
}

/// The command-line message for a code that cannot be configured.
pub fn code_error_text(code: &str, e: &CodeError) -> String {
    match e {
        CodeError::Unknown(Some(s)) => {
            format!(
                "unknown diagnostic code `{code}`: did you mean `{s}`? (`planc explain --list` lists them)"
            )
        }
        CodeError::Unknown(None) => {
            format!("unknown diagnostic code `{code}` (`planc explain --list` lists them)")
        }
        CodeError::Fixed(c) if c.family() == Family::Scenarios => format!(
            "`{c}` is a drill-scenario error and cannot be configured; fix the scenario instead"
        ),
        CodeError::Fixed(c) => format!(
            "`{c}` is a reading or name error and cannot be configured; fix the plan instead"
        ),
    }
}

/// Applies the plan's lint block and the command line to the gap rules' findings.
pub fn apply(plan: &Plan, raw: Vec<Diagnostic>, opts: &Options) -> Vec<Diagnostic> {
    let mut fixed = Vec::new();
    let mut found = raw;
    let fired: BTreeSet<Code> = found.iter().map(Diagnostic::code).collect();
    let mut levels: BTreeMap<Code, LintLevel> = BTreeMap::new();
    // The domain's defaults first: the plan's lint block and the command line override.
    for l in &crate::model::domain::of(plan).lints {
        if let Ok(code) = validate_code(&l.code) {
            levels.insert(code, l.level);
        }
    }
    for item in &plan.lints {
        match validate_code(&item.code.value) {
            Err(error) => fixed.push(Diagnostic::new(
                item.code.span,
                NameFinding::LintCode {
                    code: item.code.value.to_string(),
                    error,
                },
            )),
            Ok(code) => {
                levels.insert(code, item.level);
                if item
                    .reason
                    .as_ref()
                    .is_none_or(|r| r.value.trim().is_empty())
                {
                    found.push(Diagnostic::new(
                        item.span,
                        HygieneFinding::AllowWithoutReason { code },
                    ));
                }
                if item.level == LintLevel::Allow && !fired.contains(&code) {
                    found.push(Diagnostic::new(
                        item.span,
                        HygieneFinding::UnusedException { code },
                    ));
                }
            }
        }
    }
    for (code, level) in &opts.levels {
        levels.insert(*code, *level);
    }
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .filter_map(|mut d| {
            match levels.get(&d.code()) {
                Some(LintLevel::Allow) => return None,
                Some(LintLevel::Warn) => d.severity = Severity::Warning,
                Some(LintLevel::Deny) => d.severity = Severity::Error,
                None => {}
            }
            Some(d)
        })
        .collect();
    out.append(&mut fixed);
    out
}

/// `--deny warnings`: every warning becomes an error.
pub fn deny_warnings(diags: &mut [Diagnostic]) {
    for d in diags {
        if d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_validated_with_suggestions() {
        assert_eq!(validate_code("a0001"), Ok(Code::A0001));
        assert_eq!(validate_code("P0001"), Err(CodeError::Fixed(Code::P0001)));
        assert_eq!(
            validate_code("A0O01"),
            Err(CodeError::Unknown(Some(Code::A0001)))
        );
        assert!(matches!(validate_code("Z9999"), Err(CodeError::Unknown(_))));
    }
}
