//! `planc render PLAN --format md|html|docx [-o FILE] [--templates DIR] [--lang zh|en]`

use super::{Env, Failure, Outcome};
use crate::render::{self, Format, Options};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file (`.plan`, export `.json`, or `-`); the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Write to this file instead of standard output (required for docx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// A directory of templates replacing the bundled ones file by file
    /// (same names as in the repository's `templates/`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
            FormatArg::Docx => Format::Docx,
        }
    }
}

pub fn run(args: Args, env: Env) -> Outcome {
    let format = Format::from(args.format);
    if format == Format::Docx && args.output.is_none() {
        return Err(Failure::Fatal(
            "--format docx writes a binary file: give it a path with -o FILE".into(),
        ));
    }
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(Failure::Fatal(format!(
            "--templates {}: not a directory",
            dir.display()
        )));
    }
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    // Refuse to overwrite the plan before doing any work.
    if let Some(out) = &args.output {
        super::output::guard_not_input(out, &inputs)?;
    }
    let c = super::load(args.plan.as_deref(), env)?;
    let plan = c.plan.as_ref().expect("load returns a model");
    let opts = Options {
        format,
        lang: env.lang_for(&c.source),
        templates: args.templates.clone(),
    };
    let bytes = render::render(plan, &opts)?;
    super::emit(args.output.as_deref(), &inputs, &bytes)?;
    Ok(0)
}
