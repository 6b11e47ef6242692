//! The interactive tabletop.

use super::model::DrillModel;
use crate::cli::Outcome;
use crate::diagnostic::Lang;
use crate::source::Source;
use std::path::Path;

pub fn run_cli(
    _m: &DrillModel,
    _src: &Source,
    _seed: u64,
    _lang: Lang,
    _report: Option<&Path>,
    _templates: Option<&Path>,
    _inputs: &[&Path],
) -> Outcome {
    Err(crate::cli::Failure::Fatal("not built yet".into()))
}
