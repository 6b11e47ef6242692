//! `planc graph PLAN [--format dot|mermaid|json] [--view org|reporting|level NAME] [-o FILE]`

use super::{Env, Failure, Outcome};
use crate::render::graph::{self, GraphFormat, GraphView, GraphViewError};
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
    /// Show one view instead of the whole graph: `org` (the command structure),
    /// `reporting` (who reports to whom) or `level NAME` (one level's actions in order,
    /// with their owners).
    #[arg(long, num_args = 1..=2, value_names = ["VIEW", "LEVEL"])]
    pub view: Vec<String>,
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
    let lang = env.lang_for(&c.source);
    let words = crate::wording::Words::of(lang);
    let view = match args.view.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => GraphView::All,
        ["org"] => GraphView::Org,
        ["reporting"] => GraphView::Reporting,
        ["level", name] => GraphView::Level(name.to_string()),
        _ => return Err(Failure::Fatal(words.get("cli.graph_bad_view"))),
    };
    let text = graph::render_compilation_view(&c, lang, format, &view).map_err(|e| match e {
        GraphViewError::UnknownLevel {
            name,
            levels,
            suggestion,
        } => {
            let hint = suggestion
                .map(|s| words.fill("cli.graph_level_hint", &[("s", &s)]))
                .unwrap_or_default();
            let levels = levels.join(&words.get("cli.graph_level_sep"));
            let parts = [
                ("name", name.as_str()),
                ("levels", &levels),
                ("hint", &hint),
            ];
            Failure::Fatal(words.fill("cli.graph_unknown_level", &parts))
        }
    })?;
    super::emit(args.output.as_deref(), &inputs, text.as_bytes())?;
    Ok(0)
}
