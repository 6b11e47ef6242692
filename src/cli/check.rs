//! `planc check PLAN... [--format human|json|sarif] [--allow CODE] [--warn CODE]
//! [--deny CODE|warnings] [--today DATE]`

use super::{Env, Failure, Outcome};
use crate::check::{self, config};
use crate::diagnostic::{self, Diagnostic, Summary};
use crate::model::{Date, LintLevel};
use crate::source::Source;
use clap::ValueEnum;
use std::io::IsTerminal;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan files (`.plan`, export `.json`, or `-` for stdin); the built-in flagship plan when none.
    pub plans: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Make a code an error (`--deny A0003`), or every warning an error (`--deny warnings`).
    #[arg(long, value_name = "CODE|warnings")]
    pub deny: Vec<String>,
    /// Make a code a warning.
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Silence a code.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// The date that date-dependent rules (filing, evaluation) measure against
    /// (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// The checker options the command line asks for.
fn options(args: &Args) -> Result<check::Options, Failure> {
    let today = match &args.today {
        None => config::today_utc(),
        Some(t) => t
            .parse::<Date>()
            .map_err(|e| Failure::Fatal(format!("--today: {e}")))?,
    };
    let mut levels: Vec<(crate::diagnostic::Code, LintLevel)> = Vec::new();
    let mut deny_warnings = false;
    let flags = [
        (&args.allow, LintLevel::Allow, "--allow"),
        (&args.warn, LintLevel::Warn, "--warn"),
        (&args.deny, LintLevel::Deny, "--deny"),
    ];
    for (codes, level, flag) in flags {
        for c in codes {
            if level == LintLevel::Deny && c == "warnings" {
                deny_warnings = true;
                continue;
            }
            let code = config::validate_code(c).map_err(|e| {
                Failure::Fatal(format!("{flag}: {}", config::code_error_text(c, &e)))
            })?;
            if let Some((_, other)) = levels.iter().find(|(k, _)| *k == code)
                && *other != level
            {
                return Err(Failure::Fatal(format!(
                    "{code} is given two different levels on the command line"
                )));
            }
            levels.push((code, level));
        }
    }
    Ok(check::Options {
        today,
        levels,
        deny_warnings,
    })
}

pub fn run(args: Args, env: Env) -> Outcome {
    let opts = options(&args)?;
    if args.plans.iter().filter(|p| *p == "-").count() > 1 {
        return Err(Failure::Fatal(super::say("stdin_twice", &[])));
    }
    let paths: Vec<Option<&str>> = if args.plans.is_empty() {
        vec![None]
    } else {
        args.plans.iter().map(|p| Some(p.as_str())).collect()
    };
    let mut results: Vec<(Source, Vec<Diagnostic>)> = Vec::new();
    for p in paths {
        let (source, diags) = match super::read_source(p)? {
            Ok(src) => {
                let c = crate::compile_model(src);
                let d = c.check_with(&opts);
                (c.source, d)
            }
            Err((src, d)) => (src, vec![d]),
        };
        results.push((source, diags));
    }
    let all: Vec<Diagnostic> = results
        .iter()
        .flat_map(|(_, d)| d.iter().cloned())
        .collect();
    let summary = Summary::of(&all);
    let lang = env.lang.unwrap_or_else(|| {
        results
            .first()
            .map(|(s, _)| env.lang_for(s))
            .unwrap_or_default()
    });
    let color = args.format == Format::Human && env.color_for(std::io::stdout().is_terminal());
    let text = match args.format {
        Format::Human => {
            let mut out = String::new();
            for (source, diags) in &results {
                out += &diagnostic::render_human(source, diags, lang, color);
            }
            out += &summary_line(&summary, results.len(), lang);
            out
        }
        Format::Json => {
            let files: Vec<(&Source, &[Diagnostic])> =
                results.iter().map(|(s, d)| (s, d.as_slice())).collect();
            diagnostic::render_json(&files, lang)
        }
        Format::Sarif => {
            let files: Vec<(&Source, &[Diagnostic])> =
                results.iter().map(|(s, d)| (s, d.as_slice())).collect();
            check::sarif::render(&files, lang)
        }
    };
    if args.format == Format::Human {
        super::emit_human(None, &[], &text, color)?;
    } else {
        super::emit(None, &[], text.as_bytes())?;
    }
    Ok(if summary.errors > 0 { 1 } else { 0 })
}

pub(super) fn summary_line(s: &Summary, files: usize, lang: crate::wording::Lang) -> String {
    let w = crate::wording::Words::of(lang);
    let (files, errors, warnings) = (
        files.to_string(),
        s.errors.to_string(),
        s.warnings.to_string(),
    );
    let key = if s.errors == 0 && s.warnings == 0 {
        "cli.check_clean"
    } else {
        "cli.check_found"
    };
    let args = [
        ("files", files.as_str()),
        ("errors", &errors),
        ("warnings", &warnings),
    ];
    w.fill(key, &args) + "\n"
}
