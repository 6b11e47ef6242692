//! A fuzzed plan and a fuzzed seed: building the drill model and playing one run never
//! panics, and the same seed plays the same run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::drill::{self, Runner};

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let seed = u64::from_le_bytes(data[..8].try_into().unwrap());
    let Ok(text) = std::str::from_utf8(&data[8..]) else { return };
    let c = planc::compile_model(planc::source::Source::new("fuzz.plan", text));
    if c.plan.is_none() || c.has_errors() {
        return;
    }
    let Ok(library) = planc::compile_library(None) else { return };
    let Ok(m) = drill::build(&c, &library) else { return };
    let mut r = Runner::new(&m);
    r.run(seed);
    let first = r.log.expectations.len();
    r.run(seed);
    assert_eq!(first, r.log.expectations.len(), "the same seed played differently");
});
