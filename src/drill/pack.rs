//! The facilitator pack.

use super::model::DrillModel;
use crate::diagnostic::Lang;
use crate::source::Source;
use std::path::Path;

pub fn render(
    _m: &DrillModel,
    _src: &Source,
    _seed: u64,
    _lang: Lang,
    _path: &Path,
    _templates: Option<&Path>,
) -> Result<String, String> {
    Err("not built yet".into())
}
