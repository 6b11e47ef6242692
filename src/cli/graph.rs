//! `planc graph PLAN [--format dot|mermaid|json] [-o FILE]`

use super::{Env, Outcome};
use crate::render::graph::{self, GraphFormat};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file (`.plan`, export `.json`, or `-`); the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Dot)]
    pub format: FormatArg,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Dot,
    Mermaid,
    Json,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    if let Some(out) = &args.output {
        super::output::guard_not_input(out, &inputs)?;
    }
    let c = super::load(args.plan.as_deref(), env)?;
    let format = match args.format {
        FormatArg::Dot => GraphFormat::Dot,
        FormatArg::Mermaid => GraphFormat::Mermaid,
        FormatArg::Json => GraphFormat::Json,
    };
    let text = graph::render_compilation(&c, env.lang_for(&c.source), format);
    super::emit(args.output.as_deref(), &inputs, text.as_bytes())?;
    Ok(0)
}
