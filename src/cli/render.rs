//! `planc render`: not built yet (see the open issues).

use super::{Env, Failure, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments of the command.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: Args, _env: Env) -> Outcome {
    Err(Failure::Fatal(
        "`planc render` is not available in this version yet".into(),
    ))
}
