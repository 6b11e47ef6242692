//! `planc explain CODE` / `planc explain --list`: the code catalogue.

use super::{Env, Failure, Outcome};
use crate::diagnostic::{Code, Lang, words};

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
        None => Code::all()
            .map(|c| format!("{c}  {}\n", words::summary(c, lang)))
            .collect::<String>(),
        Some(code) => {
            let upper = code.trim().to_ascii_uppercase();
            match Code::parse(&upper) {
                Some(c) => words::explain(c, lang),
                None => {
                    let hint = crate::source::suggest(&upper, Code::all().map(Code::as_str))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    return Err(Failure::Fatal(format!(
                        "unknown diagnostic code `{code}`{hint} (`planc explain --list` lists them)"
                    )));
                }
            }
        }
    };
    super::print_human(&text)?;
    Ok(0)
}
