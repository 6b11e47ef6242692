//! The evaluation report (评估报告) through minijinja templates.

use super::campaign::Campaign;
use super::model::DrillModel;
use super::output::{CampaignJson, RunView};
use crate::diagnostic::Lang;
use crate::source::Source;
use std::path::Path;

pub fn run_report(
    _m: &DrillModel,
    _v: &RunView,
    _src: &Source,
    _lang: Lang,
    _path: &Path,
    _templates: Option<&Path>,
) -> Result<String, String> {
    Err("reports are not built yet".into())
}

pub fn campaign_report(
    _m: &DrillModel,
    _c: &Campaign,
    _j: &CampaignJson,
    _src: &Source,
    _lang: Lang,
    _path: &Path,
    _templates: Option<&Path>,
) -> Result<String, String> {
    Err("reports are not built yet".into())
}
