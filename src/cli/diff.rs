//! `planc diff OLD NEW [--format human|json|md] [-o FILE]`
//!
//! Compares the models of two versions of a plan (`.plan` or export `.json`). Exits 0
//! whether or not they differ; 1 when a version does not parse; 2 on I/O errors.

use super::{Env, Failure, Outcome};
use crate::diff::{self, note};
use crate::model::Plan;
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old version (`.plan`, export `.json`, or `-`).
    pub old: String,
    /// The new version (`.plan`, export `.json`, or `-`).
    pub new: String,
    /// Output format: a terminal view, the JSON of the changes, or the revision note.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Md,
}

/// Reads one version. Only a syntax error (no model at all) stops the diff: a draft
/// with an undefined name can still be compared.
fn read(path: &str, env: Env) -> Result<(crate::source::Source, Plan), Failure> {
    let source = match super::read_source(Some(path))? {
        Ok(s) => s,
        Err((src, d)) => {
            super::print_diagnostics_stderr(&src, &[d], env);
            return Err(Failure::Input);
        }
    };
    let c = crate::compile(source);
    match c.plan {
        Some(plan) => Ok((c.source, plan)),
        None => {
            let errors: Vec<_> = c.diagnostics.into_iter().filter(|d| d.is_error()).collect();
            super::print_diagnostics_stderr(&c.source, &errors, env);
            Err(Failure::Input)
        }
    }
}

pub fn run(args: Args, env: Env) -> Outcome {
    if args.old == "-" && args.new == "-" {
        return Err(Failure::Fatal(
            "only one of OLD and NEW can be read from standard input".into(),
        ));
    }
    let (old_src, old) = read(&args.old, env)?;
    let (new_src, new) = read(&args.new, env)?;
    let changes = diff::diff(&old, &new);
    let lang = env.lang.unwrap_or_else(|| {
        // The language of the plan, new version first; an empty side says nothing.
        if new_src.text.trim().is_empty() {
            env.lang_for(&old_src)
        } else {
            env.lang_for(&new_src)
        }
    });
    let versions = note::Versions {
        old_name: &args.old,
        new_name: &args.new,
        old: &old,
        new: &new,
    };
    // `-` stays in: the guard refuses the file standard input is read from.
    let inputs: Vec<&Path> = [&args.old, &args.new].into_iter().map(Path::new).collect();
    let out = args.output.as_deref();
    // The response cards compiled from each version: those that differ are reprinted.
    let cards = crate::cards::changed(&old, &new, lang);
    match args.format {
        Format::Json => super::emit(out, &inputs, diff::to_json(&changes, &cards).as_bytes())?,
        Format::Md => {
            let mut text = note::markdown(&changes, &versions, lang);
            text.push_str(&note::cards_markdown(&cards, lang));
            super::emit(out, &inputs, text.as_bytes())?;
        }
        Format::Human => {
            let tty = args.output.is_none() && std::io::stdout().is_terminal();
            let color = env.color_for(tty);
            let mut text = note::human(&changes, &versions, lang, color);
            text.push_str(&note::cards_human(&cards, lang));
            super::emit_human(out, &inputs, &text, color)?;
        }
    }
    Ok(0)
}
