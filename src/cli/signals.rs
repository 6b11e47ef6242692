//! Interrupting planc (Ctrl-C, `kill`) never leaves a temporary file behind: the
//! temporary files being written are registered here, and on SIGINT or SIGTERM they
//! are removed before the process ends the way the signal would have ended it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A registered temporary file; dropping it (after the rename, or when the write
/// failed and `tempfile` removed it) forgets it.
pub struct Temporary(PathBuf);

impl Temporary {
    pub fn register(path: &Path) -> Temporary {
        install();
        if let Ok(mut live) = LIVE.lock() {
            live.push(path.to_path_buf());
        }
        Temporary(path.to_path_buf())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Ok(mut live) = LIVE.lock()
            && let Some(i) = live.iter().position(|p| *p == self.0)
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
