//! User templates run in a child process with a memory limit.
//!
//! A template is a program: a loop that doubles a string (`{% set ns.s = ns.s ~ ns.s %}`)
//! or a recursive macro reaches any size in a few dozen steps, and minijinja has no
//! memory limit of its own — the allocation fails and the process aborts. Fuel bounds the
//! steps (see `render`); the memory is bounded here: a command given `--templates DIR`
//! runs again as a child under `RLIMIT_AS`, and a child killed by the limit becomes a
//! clear error instead of an abort.

use std::ffi::OsString;

/// Set in the child so that it runs the command instead of starting another child.
const INSIDE: &str = "PLANC_TEMPLATE_SANDBOX";

/// Overrides the memory limit of user templates, in MiB.
pub const LIMIT_VAR: &str = "PLANC_TEMPLATE_MEMORY_MIB";

/// The memory a command with user templates may use, unless [`LIMIT_VAR`] says otherwise.
pub const DEFAULT_LIMIT_MIB: u64 = 4096;

/// Whether this process is the child: it runs the command itself.
pub fn inside() -> bool {
    std::env::var_os(INSIDE).is_some()
}

/// The limit in bytes: [`LIMIT_VAR`] when it is a number of MiB, else the default.
fn limit_bytes() -> u64 {
    let mib = std::env::var(LIMIT_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&m| m > 0)
        .unwrap_or(DEFAULT_LIMIT_MIB);
    mib.saturating_mul(1 << 20)
}

/// Runs the same command line in a child with the memory limit and returns its exit
/// code; `None` when no child can be started here (the caller then runs the command
/// itself, unbounded as before).
#[cfg(unix)]
pub fn run(args: &[OsString]) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    let exe = std::env::current_exe().ok()?;
    let kib = limit_bytes() >> 10;
    // The shell sets the limit and becomes planc (no unsafe `pre_exec` here). A limit
    // above the one this process lives under cannot be set without root: the child
    // then keeps the lower one.
    let status = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("ulimit -v {kib} 2>/dev/null; exec \"$0\" \"$@\""))
        .arg(exe)
        .args(&args[1..])
        .env(INSIDE, "1")
        // The abort's one line is enough; the message below says what to do.
        .env("RUST_BACKTRACE", "0")
        .status()
        .ok()?;
    if let Some(code) = status.code() {
        return Some(code);
    }
    match status.signal() {
        Some(s @ (2 | 13 | 15)) => Some(128 + s),
        _ => {
            let mib = (kib >> 10).to_string();
            super::note(&super::say(
                "template_memory",
                &[("mib", &mib), ("var", LIMIT_VAR)],
            ));
            Some(2)
        }
    }
}

#[cfg(not(unix))]
pub fn run(_args: &[OsString]) -> Option<i32> {
    None
}
