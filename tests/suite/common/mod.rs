//! Helpers shared by the integration tests.

pub mod docx;

use planc::diagnostic::{self, Diagnostic, Lang};
use planc::source::Source;
use std::path::Path;
use std::process::{Command, Output};

/// Reads a fixture as a source, the way the CLI does (BOM stripped, UTF-8 checked).
pub fn load(path: &Path) -> Result<Source, (Source, Diagnostic)> {
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let name = name.trim_start_matches('/').to_string();
    planc::source_from_bytes(&name, std::fs::read(path).expect("fixture readable"))
}

/// Human diagnostics, no colour, in the given language.
pub fn human(source: &Source, diags: &[Diagnostic], lang: Lang) -> String {
    diagnostic::render_human(source, diags, lang, false)
}

/// Runs the real binary.
pub fn planc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("planc runs")
}

/// Runs the real binary with standard input.
pub fn planc_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("planc runs");
    // planc may refuse before it reads its input (and close the pipe): that is an
    // answer to test, not a failure of the harness.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.unwrap(),
    }
    child.wait_with_output().unwrap()
}

pub fn code(o: &Output) -> i32 {
    o.status
        .code()
        .expect("planc exited normally, not by a signal")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The description insta shows above a snapshot: the fixture, lossily decoded.
pub fn describe(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let s = String::from_utf8_lossy(&bytes);
    if s.len() > 2000 {
        format!("{}… ({} bytes)", &s[..s.floor_char_boundary(2000)], s.len())
    } else {
        s.into_owned()
    }
}
