//! Issue 13's broken promises, each on the real binary: nothing of the user's is lost,
//! nothing crashes, and every error names what the user gave.

use crate::common::{code, planc, planc_stdin, stderr, stdout};
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PLAN: &str = "tests/fixtures/graph/ok_small_org.plan";
/// A plan `fmt` would change: the spacing is not canonical.
const UNFORMATTED: &str = "unit   甲 {   duty \"x\" }\n";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_planc"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    c
}

/// Root-only tests say so loudly when they cannot run, never pass in silence.
fn is_root(test: &str) -> bool {
    let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if !root {
        eprintln!("SKIPPED {test}: needs root (device nodes, owners); run the suite as root");
    }
    root
}

/// Waits for a child at most `limit`; a hang is killed and fails the test.
fn finish(mut child: std::process::Child, limit: Duration, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn no_panic(o: &Output, what: &str) {
    assert!(
        !stderr(o).contains("panicked"),
        "{what} panicked: {}",
        stderr(o)
    );
}

// Item 1: the input read from standard input is the plan too.
#[test]
fn output_to_the_file_standard_input_reads_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("victim.plan");
    let text = fs::read_to_string(PLAN).unwrap();
    fs::write(&plan, &text).unwrap();
    let p = plan.to_str().unwrap();
    for args in [
        vec!["render", "-", "--format", "md", "-o", p],
        vec!["export", "-", "-o", p],
        vec!["graph", "-", "-o", p],
        vec!["diff", "-", PLAN, "-o", p],
    ] {
        let o = bin()
            .args(&args)
            .stdin(fs::File::open(&plan).unwrap())
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(p), "{args:?}: {}", stderr(&o));
        assert_eq!(
            fs::read_to_string(&plan).unwrap(),
            text,
            "{args:?} lost the plan"
        );
    }
}

// Item 2: a FIFO, and a link to it, are written through, not replaced.
#[test]
fn a_fifo_output_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let ok = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(ok.success());
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for target in [&fifo, &link] {
        let reader = Command::new("cat")
            .arg(&fifo)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let o = planc(&["export", PLAN, "-o", target.to_str().unwrap()]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let read = finish(reader, Duration::from_secs(10), "the reader of the FIFO");
        assert!(stdout(&read).contains("\"version\""));
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

/// A device node like `/dev/NAME` in a private directory (so the real ones are never
/// at risk from a broken binary).
fn device(dir: &Path, name: &str, minor: &str) -> PathBuf {
    let p = dir.join(name);
    let ok = Command::new("mknod")
        .arg(&p)
        .args(["c", "1", minor])
        .status()
        .unwrap();
    assert!(ok.success(), "mknod {name}");
    p
}

// Items 2 and 22: a null device takes the output; a full one reports the full disk.
#[test]
fn device_outputs_are_written_through_and_full_disks_reported() {
    if !is_root("device_outputs_are_written_through_and_full_disks_reported") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let null = device(dir.path(), "null", "3");
    let full = device(dir.path(), "full", "7");
    let o = planc(&[
        "render",
        PLAN,
        "--format",
        "md",
        "-o",
        null.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
    let o = planc(&["export", PLAN, "-o", full.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(full.to_str().unwrap()),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains(".planc-"), "{}", stderr(&o));
    assert!(fs::metadata(&full).unwrap().file_type().is_char_device());
}

// Item 22: a pipe named by a path (`-o /dev/stdout`, `-o >(cmd)`) gets the output. The
// link is a private one: a binary that replaced the link must not break `/dev/stdout`.
#[test]
fn a_pipe_named_by_a_path_gets_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let o = planc(&["export", PLAN, "-o", link.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("\"version\""), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// Item 22: a directory is named as such, with no word of temporary files.
#[test]
fn an_output_directory_is_a_plain_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = format!("{}/", dir.path().display());
    let o = planc(&["--lang", "en", "render", PLAN, "--format", "md", "-o", &d]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    assert!(stderr(&o).contains(&d), "{}", stderr(&o));
    assert!(!stderr(&o).contains(".planc-"), "{}", stderr(&o));
}

fn unformatted_in(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, UNFORMATTED).unwrap();
    p
}

// Item 4: a link's target is formatted and the link stays a link; hard links stay one
// file.
#[test]
fn fmt_keeps_symbolic_and_hard_links() {
    let dir = tempfile::tempdir().unwrap();
    let target = unformatted_in(dir.path(), "target.plan");
    let link = dir.path().join("link.plan");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = planc(&["fmt", link.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_ne!(fs::read_to_string(&target).unwrap(), UNFORMATTED);

    let first = unformatted_in(dir.path(), "first.plan");
    let second = dir.path().join("second.plan");
    fs::hard_link(&first, &second).unwrap();
    let o = planc(&["fmt", first.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        fs::metadata(&first).unwrap().ino(),
        fs::metadata(&second).unwrap().ino()
    );
    assert_ne!(fs::read_to_string(&second).unwrap(), UNFORMATTED);
}

// Item 4: a read-only plan is the user's decision; fmt refuses and says what to do.
#[test]
fn fmt_refuses_a_read_only_plan() {
    let dir = tempfile::tempdir().unwrap();
    let p = unformatted_in(dir.path(), "locked.plan");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    let o = planc(&["--lang", "en", "fmt", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("chmod u+w"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), UNFORMATTED);
}

// Item 4: the owner of a plan formatted by root stays its owner.
#[test]
fn fmt_keeps_the_owner() {
    if !is_root("fmt_keeps_the_owner") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = unformatted_in(dir.path(), "owned.plan");
    std::os::unix::fs::chown(&p, Some(4242), Some(4343)).unwrap();
    let o = planc(&["fmt", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m = fs::metadata(&p).unwrap();
    assert_eq!((m.uid(), m.gid()), (4242, 4343));
}

// Item 3: an edit made while fmt runs is never overwritten.
#[test]
fn fmt_never_discards_an_edit_made_while_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.plan");
    // Unformatted, so fmt has something to write.
    let text = planc::synth::plan(1500, 1).replace("  ", "   ");
    fs::write(&p, &text).unwrap();
    let mut raced = 0;
    for delay_ms in [20u64, 60, 200] {
        fs::write(&p, &text).unwrap();
        let child = bin()
            .args(["fmt", p.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let edit = "\n# an edit made meanwhile\n";
        let mut f = fs::OpenOptions::new().append(true).open(&p).unwrap();
        std::io::Write::write_all(&mut f, edit.as_bytes()).unwrap();
        drop(f);
        let mut child = child;
        let still_running = child.try_wait().unwrap().is_none();
        let o = finish(child, Duration::from_secs(60), "fmt");
        if still_running {
            raced += 1;
            assert!(
                fs::read_to_string(&p)
                    .unwrap()
                    .contains("an edit made meanwhile"),
                "fmt overwrote an edit made {delay_ms} ms in (exit {:?}, {})",
                o.status.code(),
                stderr(&o)
            );
        }
    }
    assert!(
        raced > 0,
        "fmt always finished before the edit; the test proves nothing"
    );
}

fn unformatted_dir(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        unformatted_in(dir.path(), &format!("p{i:02}.plan"));
    }
    dir
}

// Item 13: a FIFO named like a plan does not block a directory walk.
#[test]
fn fmt_skips_a_fifo_in_a_directory() {
    let dir = unformatted_dir(1);
    let fifo = dir.path().join("x.plan");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let child = bin()
        .args(["fmt", "--check", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = finish(child, Duration::from_secs(20), "fmt --check over a FIFO");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).contains("p00.plan"));
}

// Item 5: a closed pipe on stdout ends quietly with the command's own status.
#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = unformatted_dir(30);
    let mut child = bin()
        .args(["fmt", "--check", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = finish(child, Duration::from_secs(20), "fmt --check | (closed)");
    no_panic(&o, "fmt --check with a closed stdout");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

// Item 5: a closed stderr loses the notes, never the work.
#[test]
fn a_closed_stderr_formats_every_file() {
    let dir = unformatted_dir(30);
    let mut child = bin()
        .args(["fmt", dir.path().to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let o = finish(child, Duration::from_secs(20), "fmt 2>(closed)");
    assert_eq!(o.status.code(), Some(0));
    for e in fs::read_dir(dir.path()).unwrap() {
        let p = e.unwrap().path();
        assert_ne!(fs::read_to_string(&p).unwrap(), UNFORMATTED, "{p:?}");
    }
}

// Item 5: a full disk behind stderr or stdout is no crash.
#[test]
fn a_full_disk_behind_the_streams_is_no_crash() {
    let full = || {
        Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
    };
    for args in [
        vec!["check"],
        vec!["render", "--format", "md"],
        vec!["drill"],
        vec!["check", "tests/fixtures/parse/err_empty.plan"],
    ] {
        let o = bin()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(full())
            .output()
            .unwrap();
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "{args:?}: {:?}",
            o.status
        );
        let o = bin()
            .args(&args)
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        no_panic(&o, &format!("{args:?} >/dev/full"));
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
}

// Item 6: one giant answer line is cut at the documented limit; the drill goes on.
#[test]
fn a_giant_answer_line_is_cut() {
    let mut answers = vec![b'9'; 8 << 20];
    answers.extend_from_slice(b"\n1\n");
    let o = planc_stdin(&["--lang", "en", "drill", "--interactive"], &answers);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("answer line 1 is longer than 4096 bytes"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).len() < 1 << 20,
        "the giant answer was echoed back"
    );
}

// Item 8: an absurd `--jobs` is capped with a warning.
#[test]
fn absurd_jobs_are_capped() {
    let o = planc(&[
        "--lang",
        "en",
        "drill",
        "--runs",
        "2",
        "--jobs",
        "18446744073709551615",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("threads run"), "{}", stderr(&o));
}

// Item 15: a source over the 4 GiB limit is refused from its size, not read.
#[test]
fn a_source_over_the_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.plan");
    let f = fs::File::create(&p).unwrap();
    f.set_len(5 << 30).unwrap();
    drop(f);
    // Reading it into memory would need 5 GiB; one GiB of address space must do.
    let o = Command::new("sh")
        .args(["-c", "ulimit -v 1048576; exec \"$0\" check \"$1\""])
        .arg(env!("CARGO_BIN_EXE_planc"))
        .arg(&p)
        .output()
        .unwrap();
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("P0013"), "{said}");
}

// Item 18: the second `-` is refused with a message, not read as an empty plan.
#[test]
fn standard_input_twice_is_refused() {
    let o = planc_stdin(&["--lang", "en", "check", "-", "-"], UNFORMATTED.as_bytes());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("read only once"), "{}", stderr(&o));
}

// Item 21: invalid UTF-8 in the answers is a wrong answer with a note, and the drill
// is still scored and reported.
#[test]
fn invalid_utf8_answers_are_wrong_answers() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    let o = planc_stdin(
        &[
            "--lang",
            "en",
            "drill",
            "--interactive",
            "--report",
            report.to_str().unwrap(),
        ],
        b"\xff\xfe\n1\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("answer line 1 is not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    assert!(report.is_file(), "no report");
    assert!(!stdout(&o).trim().is_empty());
}

// Item 24: a signal during a write leaves no temporary file behind.
#[test]
fn a_signal_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("big.plan");
    fs::write(&plan, planc::synth::plan(1500, 1)).unwrap();
    let temporary = |dir: &Path| {
        fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with(".planc-"))
    };
    let mut caught = 0;
    for _ in 0..2 {
        let mut child = bin()
            .args(["render", plan.to_str().unwrap(), "--format", "html", "-o"])
            .arg(dir.path().join("plan.html"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The signal comes while the temporary file is being written.
        while child.try_wait().unwrap().is_none() {
            if temporary(dir.path()) {
                let pid = child.id().to_string();
                let _ = Command::new("kill").args(["-TERM", &pid]).status();
                caught += 1;
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.wait();
        assert!(!temporary(dir.path()), "a stray temporary file");
    }
    assert!(
        caught > 0,
        "no signal came during a write; the test proves nothing"
    );
}

// Item 25: a link in `--templates DIR` pointing out of it is not followed.
#[test]
fn template_links_out_of_the_directory_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "TOP SECRET CONTENT").unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(&secret, templates.join("document.md")).unwrap();
    let t = templates.to_str().unwrap();
    let o = planc(&["render", PLAN, "--format", "md", "--templates", t]);
    assert!(!stdout(&o).contains("TOP SECRET"), "{}", stdout(&o));
    std::os::unix::fs::symlink(&secret, templates.join("report.md.j2")).unwrap();
    let report = dir.path().join("r.md");
    let o = planc(&[
        "drill",
        "--templates",
        t,
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!fs::read_to_string(&report).unwrap().contains("TOP SECRET"));
}

/// Runs planc with a user template `document.md` of this text and the memory limit
/// of user templates set to `mib`.
fn render_with_template(template: &str, mib: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("document.md"), template).unwrap();
    let t = dir.path().to_str().unwrap().to_string();
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["render", PLAN, "--format", "md", "--templates", &t])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env("PLANC_TEMPLATE_MEMORY_MIB", mib)
        .output()
        .unwrap()
}

// Item 7: a user template that doubles a string (the one growth minijinja does not
// bound) ends with exit 2 and says why, instead of aborting on allocation.
#[test]
fn a_template_that_doubles_a_string_is_stopped_with_a_message() {
    let doubling = "{% set ns = namespace(s=\"x\") %}{% for i in range(60) %}\
        {% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}";
    let o = render_with_template(doubling, "256");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("256 MiB"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("PLANC_TEMPLATE_MEMORY_MIB"),
        "{}",
        stderr(&o)
    );
    // A recursive macro doubles as well.
    let recursive = "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}\
        {{ s | length }}{% endif %}{% endmacro %}{{ d(\"x\", 60) }}";
    let o = render_with_template(recursive, "256");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("256 MiB"), "{}", stderr(&o));
    // The same kind of template, bounded, renders under the limit.
    let bounded = "{% set ns = namespace(s=\"x\") %}{% for i in range(10) %}\
        {% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}";
    let o = render_with_template(bounded, "256");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "1024");
}

// Item 7: loops within loops (and a list doubled lazily, then walked) run out of fuel
// and end with a template error instead of running for hours.
#[test]
fn a_template_that_loops_without_end_runs_out_of_fuel() {
    let nested = "{% for a in range(100000) %}{% for b in range(100000) %}\
        {% for c in range(100000) %}.{% endfor %}{% endfor %}{% endfor %}";
    let started = Instant::now();
    let o = render_with_template(nested, "1024");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("fuel"), "{}", stderr(&o));
    assert!(stderr(&o).contains("document.md"), "{}", stderr(&o));
    let lists = "{% set ns = namespace(l=[1]) %}{% for i in range(80) %}\
        {% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}";
    let o = render_with_template(lists, "1024");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    // A hang detector, not a speed requirement: the fuel ends both in seconds.
    assert!(started.elapsed() < Duration::from_secs(300));
}

// Item 18: an empty plan, export JSON or scenario file is located at 1:1 of its file.
#[test]
fn an_empty_file_is_located_at_its_first_line() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.plan", "empty.json"] {
        let path = dir.path().join(name);
        fs::write(&path, "").unwrap();
        let o = planc(&["check", path.to_str().unwrap()]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let said = stdout(&o) + &stderr(&o);
        assert!(said.contains(&format!("{name}:1:1")), "{name}: {said}");
    }
    let scenarios = dir.path().join("scenarios");
    fs::create_dir(&scenarios).unwrap();
    fs::write(scenarios.join("empty.plan"), "").unwrap();
    let o = planc(&["drill", "--scenarios", scenarios.to_str().unwrap()]);
    assert_ne!(code(&o), 0, "{}", stderr(&o));
    let said = stdout(&o) + &stderr(&o);
    assert!(said.contains("empty.plan:1:1"), "{said}");
}

// Item 23: the errors that had no help line (a number past the grammar's multipliers,
// a signal compared with the wrong kind of value, a name of the wrong kind) have one.
#[test]
fn errors_once_without_help_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(PLAN).unwrap();
    for (edit, code_) in [
        ("level 绿色 { rank 5 when reach >= 1万亿 }", "P0001"),
        ("level 绿色 { rank 5 when media >= 5 }", "N0005"),
        ("level 绿色 { rank 5 declared_by 蓝色 }", "N0003"),
    ] {
        let path = dir.path().join("p.plan");
        fs::write(&path, format!("{plan}\n{edit}\n")).unwrap();
        let o = planc(&["check", path.to_str().unwrap(), "--lang", "en"]);
        let err = stdout(&o) + &stderr(&o);
        assert!(err.contains(&format!("error[{code_}]")), "{edit}: {err}");
        for block in err.split("error[").skip(1) {
            assert!(block.contains("= help:"), "{edit}: no help in {block}");
        }
        if code_ == "P0001" {
            assert!(err.contains("10000亿"), "{err}");
        }
    }
}
