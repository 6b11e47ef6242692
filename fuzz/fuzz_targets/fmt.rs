//! Any text that parses: fmt is idempotent, keeps the model and every comment
//! (`planc::fmt::format` checks the last two itself and reports a violation as
//! `Unstable`, which is a bug here).
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::fmt::{FmtError, format};
use planc::source::Source;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match format(&Source::new("fuzz.plan", text)) {
        Ok(once) => {
            let twice = format(&Source::new("fuzz.plan", once.clone())).expect("formatted text formats");
            assert_eq!(once, twice, "fmt is not idempotent");
        }
        Err(FmtError::Syntax(_)) => {}
        Err(FmtError::Unstable(why)) => panic!("fmt would change the plan: {why}"),
    }
});
