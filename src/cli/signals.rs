//! Interrupting planc (Ctrl-C, `kill`) never leaves a temporary file behind: the
//! temporary files being written are registered here, and on SIGINT or SIGTERM they
//! are removed before the process ends the way the signal would have ended it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file being written, known to the signal handler until it is renamed
/// into place or removed.
pub struct Temporary {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temporary {
    /// Creates the file and registers it in one step: the handler waits for the lock,
    /// so no signal falls between the two and leaves the file unknown.
    pub fn create(builder: &tempfile::Builder, dir: &Path) -> std::io::Result<Temporary> {
        install();
        let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        let file = builder.tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        live.push(path.clone());
        Ok(Temporary {
            file: Some(file),
            path,
        })
    }

    pub fn file(&mut self) -> &mut tempfile::NamedTempFile {
        self.file
            .as_mut()
            .expect("present until persisted or dropped")
    }

    /// Renames the file over `target`.
    pub fn persist(mut self, target: &Path) -> std::io::Result<()> {
        let file = self
            .file
            .take()
            .expect("present until persisted or dropped");
        file.persist(target).map(|_| ()).map_err(|e| e.error)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // The file goes first (unless renamed), then its registration.
        drop(self.file.take());
        if let Ok(mut live) = LIVE.lock()
            && let Some(i) = live.iter().position(|p| *p == self.path)
        {
            live.swap_remove(i);
        }
    }
}

/// The handler is installed with the first temporary file: a run that writes nothing
/// keeps the default behaviour of the signals.
#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The lock is kept to the end, so no rename can race the removal.
                let live = LIVE.lock();
                if let Ok(live) = &live {
                    for p in live.iter() {
                        let _ = std::fs::remove_file(p);
                    }
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install() {}
