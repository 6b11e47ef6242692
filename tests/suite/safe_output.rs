//! Safe output: writes are atomic, an output never replaces the plan it was made
//! from, and unwritable destinations end with exit 2 and the old file intact.

use crate::common::{code, planc, stderr};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A render killed at any moment leaves the old output as it was — never a
/// half-written file — because the document is written to a temporary file and
/// renamed into place.
#[test]
fn killed_render_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("big.plan");
    std::fs::write(&plan, planc::synth::plan(6000, 1)).unwrap();
    let out = dir.path().join("plan.html");
    let old = b"<p>the previous version</p>".to_vec();
    let mut saw_old = 0;
    let mut saw_new = 0;
    for delay_ms in [5u64, 20, 50, 100, 200, 400, 800] {
        std::fs::write(&out, &old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
            .args([
                "render",
                plan.to_str().unwrap(),
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&out).unwrap();
        if now == old {
            saw_old += 1;
        } else {
            let text = String::from_utf8(now).expect("a complete UTF-8 document");
            assert!(
                text.trim_end().ends_with("</html>"),
                "a half-written document after {delay_ms} ms"
            );
            saw_new += 1;
        }
    }
    assert!(
        saw_old > 0,
        "the kill never interrupted a render; the test proves nothing"
    );
    let _ = saw_new;
    // No temporary file is left to be mistaken for output... except those of killed
    // runs, which are hidden and named as temporary.
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            name == "big.plan"
                || name == "plan.html"
                || (name.starts_with(".planc-") && name.ends_with(".tmp")),
            "unexpected file {name}"
        );
    }
}

#[test]
fn output_equal_to_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.plan");
    let text = "unit 甲 { duty \"x\" }\n";
    std::fs::write(&plan, text).unwrap();
    let p = plan.to_str().unwrap();
    for args in [
        vec!["render", p, "--format", "md", "-o", p],
        vec!["export", p, "-o", p],
        vec!["drill", p, "--report", p],
    ] {
        let o = planc(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&plan).unwrap(),
            text,
            "{args:?} touched the plan"
        );
    }
    // The same file through another path is the same file.
    let other = dir.path().join(".").join("p.plan");
    let o = planc(&["render", p, "--format", "md", "-o", other.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text);
}

#[test]
fn unwritable_destinations_are_exit_2() {
    let plan = "tests/fixtures/graph/ok_small_org.plan";
    // A missing directory, a path under a regular file, and a file system where
    // nothing can be created (even by root).
    for dest in [
        "/nonexistent/dir/out.md",
        "Cargo.toml/out.md",
        "/proc/planc-out.md",
    ] {
        let o = planc(&["render", plan, "--format", "md", "-o", dest]);
        assert_eq!(code(&o), 2, "{dest}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write"),
            "{dest}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_failed_write_keeps_the_old_file() {
    // The destination exists but its directory refuses new files: the temporary file
    // cannot be made, so the old output stays as it was.
    let o = planc(&[
        "export",
        "tests/fixtures/graph/ok_small_org.plan",
        "-o",
        "/proc/self/status",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        std::fs::read_to_string("/proc/self/status")
            .unwrap()
            .contains("Name:")
    );
}
