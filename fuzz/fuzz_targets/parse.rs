//! Any bytes: reading and parsing never panic, and every diagnostic points inside
//! the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = match planc::source_from_bytes("fuzz.plan", data.to_vec()) {
        Ok(s) => s,
        Err((_, d)) => {
            assert!(d.span.end() <= data.len() + 3);
            return;
        }
    };
    let len = source.text.len();
    let parsed = planc::syntax::parse(&source);
    for d in &parsed.diagnostics {
        assert!(d.span.start() <= d.span.end() && d.span.end() <= len, "{d:?}");
    }
    if parsed.cst.is_some() {
        assert!(parsed.plan.is_some());
    }
});
