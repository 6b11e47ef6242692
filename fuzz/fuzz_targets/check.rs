//! Any text: parse → resolve → graph → every gap rule, and the human, JSON output of
//! what they found, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::diagnostic::{self, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = planc::compile_model(planc::source::Source::new("fuzz.plan", text));
    let diags = c.check();
    let _ = diagnostic::render_human(&c.source, &diags, Lang::Zh, false);
    let _ = diagnostic::render_json(&[(&c.source, &diags)], Lang::En);
    if let Some(plan) = &c.plan {
        // The export round-trips.
        let json = planc::export_json(plan);
        let back = planc::compile_model(planc::source::Source::new("fuzz.json", json.clone()));
        assert_eq!(back.plan.as_ref().map(planc::export_json), Some(json));
    }
});
