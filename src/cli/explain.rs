//! `planc explain CODE` / `planc explain --list`: the code catalogue.

use super::{Env, Failure, Outcome};
use crate::check::catalog::{self, CATALOG};
use crate::diagnostic::Lang;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The code to explain, such as `O0003`.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub code: Option<String>,
    /// List every code with its one-line summary.
    #[arg(long)]
    pub list: bool,
}

pub fn run(args: Args, env: Env) -> Outcome {
    // No plan to take the language from: Chinese unless `--lang en`.
    let lang = env.lang.unwrap_or(Lang::Zh);
    let text = match &args.code {
        None => CATALOG
            .iter()
            .map(|e| format!("{}  {}\n", e.code, e.summary(lang)))
            .collect::<String>(),
        Some(code) => {
            let upper = code.trim().to_ascii_uppercase();
            match catalog::entry(&upper) {
                Some(e) => catalog::explain(e, lang),
                None => {
                    let hint = crate::model::suggest(&upper, CATALOG.iter().map(|e| e.code))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    return Err(Failure::Fatal(format!(
                        "unknown diagnostic code `{code}`{hint} (`planc explain --list` lists them)"
                    )));
                }
            }
        }
    };
    super::emit(None, &[], text.as_bytes())?;
    Ok(0)
}
