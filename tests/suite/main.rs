//! planc's integration tests, one crate: each former `tests/*.rs` is a module here,
//! so the suite compiles and links once. Fixtures stay in `tests/fixtures/`, paths are
//! relative to the package root (the tests' working directory).

mod common;

mod cards;
mod check;
mod check_cli;
mod cli;
mod cli_fmt_diff;
mod consumers;
mod diff;
mod drill;
mod drill_codes;
mod drill_docx;
mod drill_realism;
mod drill_sensitivity;
mod editors;
mod fmt;
mod graph;
mod hardening;
mod hostile;
mod json_input;
mod lsp;
mod mutation;
mod ooxml;
mod pages;
mod parse;
mod plans;
mod preview;
mod properties;
mod readme;
mod render;
mod resolve;
mod safe_output;
mod tabletop;
mod terminal;

/// A file of the suite that `main.rs` does not name is never compiled: its tests would
/// silently not run.
#[test]
fn every_file_of_the_suite_is_a_module() {
    let main = include_str!("main.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite");
    let mut missing = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = path.extension().is_some_and(|x| x == "rs") || path.join("mod.rs").is_file();
        if module && name != "main" && !main.lines().any(|l| l == format!("mod {name};")) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "add `mod NAME;` to tests/suite/main.rs for {missing:?}"
    );
}
