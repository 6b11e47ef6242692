//! `planc fmt PLAN... [--check]`
//!
//! Formats plan files in place (atomically, only when the text changes and only when
//! the file parses), or, with `--check`, lists the files that would change. `-` reads
//! standard input and writes standard output. Directories stand for every `.plan`
//! file below them, in sorted order.

use super::output::Fingerprint;
use super::{Env, Failure, Outcome, note};
use crate::diagnostic::Lang;
use crate::fmt::{FmtError, format};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan files or directories (every `.plan` below them); `-` for standard input.
    #[arg(required = true)]
    pub plans: Vec<String>,
    /// Change nothing; list the files that would change and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// What happened to one input.
enum Done {
    Unchanged,
    Changed,
    /// Syntax errors (printed): exit 1.
    Invalid,
    /// Could not read, write or safely format (printed): exit 2.
    Failed,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let mut inputs: Vec<Input> = Vec::new();
    let mut code = 0;
    for a in &args.plans {
        if a == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = plans_below(p, &mut found) {
                note(&format!("planc: cannot read the directory {a}: {e}"));
                code = 2;
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(p.to_path_buf()));
        }
    }
    let mut would_change = false;
    let mut invalid = false;
    for input in &inputs {
        match one(input, args.check, env) {
            Done::Unchanged => {}
            Done::Changed => would_change = true,
            Done::Invalid => invalid = true,
            Done::Failed => code = 2,
        }
    }
    if code == 2 {
        return Err(Failure::Fatal(
            "some files could not be formatted (see above)".into(),
        ));
    }
    Ok(if invalid || (args.check && would_change) {
        1
    } else {
        0
    })
}

enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Every `.plan` file below a directory (symbolic links to directories not followed).
/// Only regular files (or links to them) are plans: a FIFO named `x.plan` would block
/// the walk forever, a device would be read without end.
fn plans_below(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            plans_below(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "plan") {
            if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                out.push(path);
            } else {
                let name = path.display().to_string();
                note(&super::say("fmt_skipped", &[("path", &name)]));
            }
        }
    }
    Ok(())
}

/// The bytes of an input (with the file's fingerprint), or the failure already
/// reported.
fn read_input(input: &Input, name: &str, env: Env) -> Result<(Vec<u8>, Option<Fingerprint>), Done> {
    match input {
        Input::Stdin => super::read_bounded(std::io::stdin().lock())
            .map(|b| (b, None))
            .map_err(|e| {
                note(&format!("planc: cannot read standard input: {e}"));
                Done::Failed
            }),
        Input::File(p) => match super::read_file_bounded(p) {
            Ok((meta, Ok(bytes))) => {
                let print = Fingerprint::of(&meta, &bytes);
                Ok((bytes, Some(print)))
            }
            Ok((_, Err(len))) => {
                let (src, d) = super::too_large(name, len);
                super::print_diagnostics_stderr(&src, &[d], env);
                Err(Done::Invalid)
            }
            Err(e) => {
                note(&format!("planc: cannot read {name}: {e}"));
                Err(Done::Failed)
            }
        },
    }
}

fn one(input: &Input, check: bool, env: Env) -> Done {
    let name = input.name();
    let (bytes, read) = match read_input(input, &name, env) {
        Ok(b) => b,
        Err(done) => return done,
    };
    let source = match crate::source_from_bytes(&name, bytes) {
        Ok(s) => s,
        Err((src, d)) => {
            super::print_diagnostics_stderr(&src, &[d], env);
            return Done::Invalid;
        }
    };
    if name.ends_with(".json") {
        note(&format!(
            "planc: {name} is an export JSON file; `planc fmt` formats .plan files"
        ));
        return Done::Failed;
    }
    let formatted = match format(&source) {
        Ok(f) => f,
        Err(FmtError::Syntax(diags)) => {
            super::print_diagnostics_stderr(&source, &diags, env);
            return Done::Invalid;
        }
        Err(FmtError::Unstable(why)) => {
            note(&format!(
                "planc: internal error: {name} left as it is: {why} (please report this plan)"
            ));
            return Done::Failed;
        }
    };
    let lang = env.lang_for(&source);
    let changed = formatted != source.text;
    let written = match input {
        Input::Stdin if !check => super::print(formatted.as_bytes()),
        _ if check && changed => super::print_human(&format!("{name}\n")),
        Input::File(p) if changed && !check => rewrite(p, &formatted, read.as_ref(), lang, &name),
        _ => Ok(()),
    };
    if let Err(Failure::Fatal(m)) = written {
        note(&format!("planc: {m}"));
        return Done::Failed;
    }
    if changed {
        Done::Changed
    } else {
        Done::Unchanged
    }
}

/// Rewrites a plan that `fmt` changed, and says so.
fn rewrite(
    path: &Path,
    formatted: &str,
    read: Option<&Fingerprint>,
    lang: Lang,
    name: &str,
) -> Result<(), Failure> {
    let read = read.ok_or_else(|| Failure::Fatal(format!("cannot read {name}")))?;
    super::output::rewrite_plan(path, formatted.as_bytes(), read)?;
    note(&formatted_note(lang, name));
    Ok(())
}

fn formatted_note(lang: Lang, name: &str) -> String {
    crate::wording::Words::of(lang).fill("cli.formatted", &[("name", name)])
}
