//! The wording of the document is the labels files (`templates/labels/<lang>.json`),
//! read through [`crate::wording::Words`]: templates read them as `t`
//! (`{{ t.chapter.general }}`); the view builder reads the few it needs to format
//! durations, dates, hours, conditions and the flow chart.

pub use crate::wording::{Words as Labels, fill, merge};
