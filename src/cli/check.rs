//! `planc check PLAN... [--format human|json|sarif] [--deny warnings]`

use super::{Env, Failure, Outcome};
use crate::diagnostic::{self, Diagnostic, Severity, Summary};
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
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_name = "warnings")]
    pub deny: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let deny_warnings = args.deny.iter().any(|d| d == "warnings");
    if let Some(bad) = args.deny.iter().find(|d| *d != "warnings") {
        return Err(Failure::Fatal(format!(
            "unknown --deny value `{bad}`: use `--deny warnings`"
        )));
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
                let d = c.check();
                (c.source, d)
            }
            Err((src, d)) => (src, vec![d]),
        };
        results.push((source, diags));
    }
    if deny_warnings {
        for (_, diags) in results.iter_mut() {
            for d in diags.iter_mut() {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
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
    let text = match args.format {
        Format::Human => {
            let color = env.color_for(std::io::stdout().is_terminal());
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
    };
    super::emit(None, &[], text.as_bytes())?;
    Ok(if summary.errors > 0 { 1 } else { 0 })
}

fn summary_line(s: &Summary, files: usize, lang: crate::diagnostic::Lang) -> String {
    use crate::diagnostic::Lang;
    match lang {
        Lang::Zh => {
            if s.errors == 0 && s.warnings == 0 {
                format!("检查通过：{files} 个文件，没有发现问题\n")
            } else {
                format!(
                    "检查完成：{files} 个文件，{} 个错误，{} 个警告\n",
                    s.errors, s.warnings
                )
            }
        }
        Lang::En => {
            if s.errors == 0 && s.warnings == 0 {
                format!("checked {files} file(s): no problems found\n")
            } else {
                format!(
                    "checked {files} file(s): {} error(s), {} warning(s)\n",
                    s.errors, s.warnings
                )
            }
        }
    }
}
