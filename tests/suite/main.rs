//! planc's integration tests, one crate: each former `tests/*.rs` is a module here,
//! so the suite compiles and links once. Fixtures stay in `tests/fixtures/`, paths are
//! relative to the package root (the tests' working directory).

mod common;

mod check;
mod check_cli;
mod cli;
mod cli_fmt_diff;
mod consumers;
mod diff;
mod drill;
mod drill_codes;
mod drill_docx;
mod fmt;
mod graph;
mod hostile;
mod mutation;
mod parse;
mod plans;
mod properties;
mod readme;
mod render;
mod resolve;
mod safe_output;
