//! Writing outputs safely: atomically, never over the plan being read.
//!
//! A regular file is replaced atomically (temporary file, then rename); a device, a
//! FIFO or a pipe (`-o /dev/null`, `-o >(cmd)`) is written through, since renaming
//! over it would turn it into a regular file; a symbolic link is followed, so the
//! link stays a link.

use super::say;
use std::fs::{self, Metadata};
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output path is the input plan: only `fmt` rewrites a plan.
    WouldOverwriteInput(PathBuf),
    /// The output is the file standard input is read from.
    WouldOverwriteStdin(PathBuf),
    /// `-o DIR`: a directory is not a file name.
    IsDirectory(PathBuf),
    /// `fmt`: someone changed the plan while it was being formatted.
    Changed(PathBuf),
    /// `fmt`: the plan is read-only; the user protected it.
    ReadOnly(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let named = |key: &str, p: &Path| say(key, &[("path", &p.display().to_string())]);
        match self {
            WriteError::WouldOverwriteInput(p) => write!(
                f,
                "refusing to write {}: it is the input plan (only `planc fmt` rewrites a plan)",
                p.display()
            ),
            WriteError::WouldOverwriteStdin(p) => f.write_str(&named("output_is_stdin", p)),
            WriteError::IsDirectory(p) => f.write_str(&named("output_is_dir", p)),
            WriteError::Changed(p) => f.write_str(&named("fmt_changed", p)),
            WriteError::ReadOnly(p) => f.write_str(&named("fmt_read_only", p)),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {}", p.display(), plain(e)),
        }
    }
}

impl std::error::Error for WriteError {}

/// An I/O error without the temporary file's path that `tempfile` appends: the user
/// never named that file.
fn plain(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Writes `bytes` to `path`: a regular file atomically (into a temporary file in the
/// same directory, then renamed over the target), anything else written through.
/// A failure or a killed process leaves any old file untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let Some(target) = destination(path)? else {
        return write_through(path, bytes);
    };
    let keep = fs::metadata(&target).ok();
    replace(&target, bytes, false, keep.as_ref(), || Ok(()))
}

/// What a plan looked like when `fmt` read it: a rewrite goes ahead only if it still
/// looks the same right before the rename, so an edit made meanwhile is never lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    hash: u64,
}

impl Fingerprint {
    pub fn of(meta: &Metadata, bytes: &[u8]) -> Fingerprint {
        let mut h = std::hash::DefaultHasher::new();
        h.write(bytes);
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: h.finish(),
        }
    }

    /// The file at `path` as it is now.
    fn now(path: &Path) -> std::io::Result<Fingerprint> {
        let meta = fs::metadata(path)?;
        Ok(Fingerprint::of(&meta, &fs::read(path)?))
    }
}

/// Rewrites a plan in place for `planc fmt`: the data reaches the disk before the
/// rename (the file is the user's own work and must survive a power cut), the link
/// target is rewritten rather than the link, a file with several hard links is
/// rewritten in place so the links stay one file, mode and owner are kept, and a
/// read-only or meanwhile changed plan is refused.
pub fn rewrite_plan(path: &Path, bytes: &[u8], read: &Fingerprint) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    let target = fs::canonicalize(path).map_err(io)?;
    let meta = fs::metadata(&target).map_err(io)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly(path.to_path_buf()));
    }
    let unchanged = || match Fingerprint::now(&target) {
        Ok(now) if now == *read => Ok(()),
        Ok(_) => Err(WriteError::Changed(path.to_path_buf())),
        Err(e) => Err(io(e)),
    };
    if links(&meta) > 1 {
        unchanged()?;
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)
            .map_err(io)?;
        return f.write_all(bytes).and_then(|_| f.sync_all()).map_err(io);
    }
    replace(&target, bytes, true, Some(&meta), unchanged)
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Where a regular file's new content goes (a link's target), or `None` for a
/// destination to write through (a device, a FIFO, a pipe).
fn destination(path: &Path) -> Result<Option<PathBuf>, WriteError> {
    let named_dir = path.as_os_str().to_string_lossy().ends_with('/');
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(WriteError::IsDirectory(path.to_path_buf())),
        Ok(m) if !m.is_file() => Ok(None),
        Ok(_) => Ok(Some(fs::canonicalize(path).unwrap_or_else(|_| path.into()))),
        Err(_) if named_dir => Err(WriteError::IsDirectory(path.to_path_buf())),
        Err(_) => Ok(Some(path.to_path_buf())),
    }
}

fn write_through(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    let mut f = fs::OpenOptions::new().write(true).open(path).map_err(io)?;
    f.write_all(bytes).and_then(|_| f.flush()).map_err(io)
}

/// The atomic replacement of a regular file; `last_check` runs right before the
/// rename and can still call it off.
fn replace(
    path: &Path,
    bytes: &[u8],
    durable: bool,
    keep: Option<&Metadata>,
    last_check: impl FnOnce() -> Result<(), WriteError>,
) -> Result<(), WriteError> {
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
    let mut tmp = super::signals::Temporary::create(&builder, &dir).map_err(io)?;
    tmp.file().write_all(bytes).map_err(io)?;
    if durable {
        tmp.file().as_file().sync_all().map_err(io)?;
    }
    if let Some(meta) = keep {
        keep_mode_and_owner(tmp.file().path(), meta);
    }
    last_check()?;
    tmp.persist(path).map_err(io)
}

/// The replaced file's permissions and owner carry over to its new content. Only
/// root may give a file away; for anyone else the owner is already right.
fn keep_mode_and_owner(tmp: &Path, meta: &Metadata) {
    let _ = fs::set_permissions(tmp, meta.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::chown(tmp, Some(meta.uid()), Some(meta.gid()));
    }
}

/// Refuses an output path that is one of the inputs: the same path, the same file by
/// another path, or (for `-`) the file standard input is redirected from.
pub fn guard_not_input(out: &Path, inputs: &[&Path]) -> Result<(), WriteError> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let out_c = canon(out);
    let out_id = fs::metadata(out).ok().as_ref().and_then(identity);
    for i in inputs {
        if i.as_os_str() == "-" {
            if out_id.is_some() && out_id == stdin_identity() {
                return Err(WriteError::WouldOverwriteStdin(out.to_path_buf()));
            }
            continue;
        }
        let same_file =
            out_id.is_some() && out_id == fs::metadata(i).ok().as_ref().and_then(identity);
        if out == *i || (out_c.is_some() && out_c == canon(i)) || same_file {
            return Err(WriteError::WouldOverwriteInput(out.to_path_buf()));
        }
    }
    Ok(())
}

/// A regular file's device and inode: what makes two paths the same file.
#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// The identity of the regular file standard input is redirected from, if it is one.
#[cfg(unix)]
fn stdin_identity() -> Option<(u64, u64)> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
    identity(&fs::File::from(fd).metadata().ok()?)
}

#[cfg(not(unix))]
fn stdin_identity() -> Option<(u64, u64)> {
    None
}
