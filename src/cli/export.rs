//! `planc export PLAN [--format json] [-o FILE]`

use super::{Env, Outcome};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file (`.plan`, export `.json`, or `-`); the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Json,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let c = super::load(args.plan.as_deref(), env)?;
    let plan = c.plan.as_ref().expect("load returns a model");
    let json = crate::export_json(plan);
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    super::emit(args.output.as_deref(), &inputs, json.as_bytes())?;
    Ok(0)
}
