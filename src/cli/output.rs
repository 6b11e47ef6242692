//! Writing outputs safely: atomically, never over the plan being read.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output path is the input plan: only `fmt` rewrites a plan.
    WouldOverwriteInput(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::WouldOverwriteInput(p) => write!(
                f,
                "refusing to write {}: it is the input plan (only `planc fmt` rewrites a plan)",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `path` atomically: into a temporary file in the same directory,
/// then renamed over the target. A failure or a killed process leaves any old file
/// untouched; a reader never sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write(path, bytes, false)
}

/// Like [`write_atomic`], and the data reaches the disk before the rename: for
/// rewriting a plan in place (`planc fmt`), where the file is the user's own work and
/// must survive a power cut too. Generated outputs skip the flush: it can cost more
/// than the whole render when other writes are pending.
pub fn write_atomic_durable(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], durable: bool) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".planc-").suffix(".tmp");
    // A new output is readable like any file the user creates (0666 less the umask),
    // not private like a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    if durable {
        tmp.as_file().sync_all().map_err(io)?;
    }
    // Keep the permissions of a file being replaced (fmt rewrites plans in place).
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Refuses an output path that is one of the inputs.
pub fn guard_not_input(out: &Path, inputs: &[&Path]) -> Result<(), WriteError> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let out_c = canon(out);
    for i in inputs {
        if out == *i || (out_c.is_some() && out_c == canon(i)) {
            return Err(WriteError::WouldOverwriteInput(out.to_path_buf()));
        }
    }
    Ok(())
}
