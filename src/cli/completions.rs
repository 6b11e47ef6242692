//! `planc completions SHELL`: the shell completion script, generated from the same
//! definitions that parse the command line, so it never falls out of step.

use super::{Cli, Outcome};
use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "planc", &mut script);
    super::emit(None, &[], &script)?;
    Ok(0)
}
