//! Terminal safety (issue 13, items 16-17): plan text is data on a terminal too. A plan
//! full of escape sequences — ESC[2J (clear the screen), OSC 52 (write the clipboard),
//! OSC 8 (a disguised link), the one-character CSI U+009B, a bidi override — in comments,
//! prose, organization text, names (through export JSON, the grammar allows none) and
//! file names is run through every command of the real binary; no human output may
//! carry a raw control character (but the line feed and the tab) or a hidden one. The
//! revision note (`diff --format md`) must leave plan markup inert.

use super::common::{code, planc_stdin};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Every sequence the brief names, terminated both ways (BEL and ST, ESC \).
const PAYLOAD: &str = "\u{1b}[2J\u{1b}]52;c;aGFja2Vk\u{7}\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}\u{9b}31m\u{202e}\u{200b}\u{7f}";
/// The same in a comment, where a backslash is no escape: the ST terminator too.
const COMMENT: &str = "\u{1b}[2J\u{1b}]52;c;aGFja2Vk\u{1b}\\\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{9b}31m\u{202e}";
/// Markup a revision note must not pass on.
const MARKUP: &str =
    "<img src=x onerror=alert(1)><script>alert(2)</script>[x](javascript:alert(3))";

const SAMPLE: &str = include_str!("../fixtures/sample.plan");
/// A name the hostile JSON gives a unit.
const NAME: &str = "宣传\u{1b}[2J\u{1b}]52;c;aGFja2Vk\u{7}\u{9b}31m\u{202e}部";

struct Files {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Files {
    fn path(&self, name: &str) -> String {
        self.root.join(name).to_str().unwrap().to_string()
    }
}

/// The clean sample, the hostile plan, its hostile export JSON (escape names), a plan
/// whose unit name holds an ESC (a syntax error), and a directory of plans whose file
/// names hold ESC and BEL.
fn files() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let hostile = SAMPLE
        .replace("# 头部", &format!("# 头部 {COMMENT}"))
        .replace(
            "\"示例集团有限公司\"",
            &format!("\"示例集团{PAYLOAD}{MARKUP}\""),
        )
        .replace("第二段", &format!("第二段{PAYLOAD}{MARKUP}"))
        .replace("\"负责网络舆情的监测\"", &format!("\"负责{PAYLOAD}监测\""))
        .replace("unit 网信部 {", &format!("unit 网信部 {{ // {COMMENT}\n"));
    std::fs::write(root.join("old.plan"), SAMPLE).unwrap();
    std::fs::write(root.join("hostile.plan"), &hostile).unwrap();
    std::fs::write(
        root.join("broken.plan"),
        SAMPLE.replace("unit 网信部 {", "unit 网信\u{1b}[2J部 {"),
    )
    .unwrap();
    let export = planc(&["export", root.join("old.plan").to_str().unwrap()]);
    assert_eq!(
        code(&export),
        0,
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let json = String::from_utf8(export.stdout).unwrap();
    let escaped: String = NAME
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{202e}' {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    std::fs::write(root.join("old.json"), &json).unwrap();
    std::fs::write(root.join("hostile.json"), json.replace("宣传部", &escaped)).unwrap();
    let plans = root.join("plans");
    std::fs::create_dir(&plans).unwrap();
    // Both need formatting, so `fmt --check` names them and `fmt` says it formatted them.
    let unformatted = SAMPLE.replace("unit 网信部 { ", "unit 网信部 {   ");
    std::fs::write(plans.join("x\u{1b}[2J.plan"), &unformatted).unwrap();
    std::fs::write(plans.join("y\u{1b}]52;c;aGFja2Vk\u{7}.plan"), &unformatted).unwrap();
    Files { _dir: dir, root }
}

fn planc(args: &[&str]) -> Output {
    run(args, &[], false)
}

/// Runs the real binary with colour off (`NO_COLOR`, and `--color never` unless the
/// arguments force colour).
fn run(args: &[&str], stdin: &[u8], color: bool) -> Output {
    if !stdin.is_empty() {
        return planc_stdin(args, stdin);
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planc"));
    if !color {
        cmd.arg("--color").arg("never");
    }
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("planc runs")
}

/// The first character a terminal would act on or that hides text, if any: a control
/// character but `\n` and `\t`, or a bidi or zero-width character. With `sgr`, planc's
/// own colour codes (`ESC [ digits ; m`) are allowed.
fn raw_character(text: &str, sgr: bool) -> Option<(usize, char)> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if sgr && c == '\u{1b}' && chars.get(i + 1) == Some(&'[') {
            let body = chars[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == ';')
                .count();
            if chars.get(i + 2 + body) == Some(&'m') {
                i += body + 3;
                continue;
            }
        }
        let hidden = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n' && c != '\t') || hidden {
            return Some((i, c));
        }
        i += 1;
    }
    None
}

/// What a run printed raw, if anything (or how it ended badly).
fn leak(what: &str, o: &Output, sgr: bool) -> Option<String> {
    for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some((i, c)) = raw_character(&text, sgr) {
            let around: String = text.chars().skip(i.saturating_sub(40)).take(80).collect();
            return Some(format!(
                "`planc {what}` printed a raw U+{:04X} on {stream}: {around:?}",
                c as u32
            ));
        }
    }
    let code = o.status.code().expect("planc exited normally");
    (!(0..=2).contains(&code)).then(|| {
        format!(
            "`planc {what}` exited {code}: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// Every human output of every command, on plan text, names and file names full of
/// escape sequences.
#[test]
fn no_human_output_prints_a_raw_control_character() {
    let f = files();
    let (old, hostile, json, old_json, broken) = (
        f.path("old.plan"),
        f.path("hostile.plan"),
        f.path("hostile.json"),
        f.path("old.json"),
        f.path("broken.plan"),
    );
    let plans = f.path("plans");
    let missing = f.path("missing\u{1b}[2J.plan");
    let templates = f.path("templates\u{1b}]52;c;aGFja2Vk\u{7}");
    let out_dir = f.path("build\u{1b}[2J");
    let renamed = f.path("new\u{1b}]52;c;aGFja2Vk\u{7}.json");
    std::fs::copy(&json, &renamed).unwrap();
    let today = ["--today", "2026-11-28"];
    let runs: Vec<Vec<&str>> = vec![
        [&["check", hostile.as_str()][..], &today].concat(),
        [&["check", json.as_str()][..], &today].concat(),
        [&["check", broken.as_str()][..], &today].concat(),
        [&["check", missing.as_str()][..], &today].concat(),
        vec!["diff", &old, &hostile],
        vec!["diff", &old_json, &json],
        vec!["diff", &old, &broken],
        vec!["drill", &hostile],
        vec!["drill", &json],
        vec!["drill", &json, "--runs", "20"],
        vec!["drill", &old_json, "--compare", &renamed, "--runs", "20"],
        vec!["drill", &json, "--scenario", NAME],
        vec!["drill", &broken],
        vec!["fmt", "--check", &plans],
        vec!["fmt", &plans],
        vec!["fmt", &broken],
        vec!["explain", "\u{1b}[2J\u{9b}31m"],
        vec![
            "render",
            &hostile,
            "--format",
            "md",
            "--templates",
            &templates,
        ],
        vec!["render", &missing, "--format", "html"],
        vec!["render", &broken, "--format", "html"],
        vec!["export", &broken],
        vec!["graph", &json, "--view", "level", NAME],
        vec!["build", &json, "-o", &out_dir],
        // clap drops ESC from the value it quotes, but not C1 or bidi characters.
        vec!["check", "--format", "\u{9b}31m\u{202e}"],
        vec!["check", &old, "--deny", "\u{1b}[2J"],
    ];
    // Every leak is reported, not only the first.
    let mut leaks: Vec<String> = runs
        .iter()
        .filter_map(|args| leak(&args.join(" "), &planc(args), false))
        .collect();
    // The human text `build` writes, too.
    let txt = std::fs::read_to_string(Path::new(&out_dir).join("check.txt")).unwrap_or_default();
    if let Some((_, c)) = raw_character(&txt, false) {
        leaks.push(format!("build's check.txt holds a raw U+{:04X}", c as u32));
    }
    // The interactive tabletop, prompts and summary, with piped answers; its prompts
    // name the unit.
    let answers = "1\n".repeat(40);
    let o = run(
        &["drill", &json, "--interactive"],
        answers.as_bytes(),
        false,
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("宣传"));
    leaks.extend(leak("drill --interactive", &o, false));
    // Colour forced: planc's own colour codes are the only sequences written.
    let today = "2026-11-28";
    let colored = [
        vec!["--color", "always", "check", &hostile, "--today", today],
        vec!["--color", "always", "diff", &old, &hostile],
        vec!["--color", "always", "diff", &old_json, &json],
    ];
    for args in &colored {
        leaks.extend(leak(&args.join(" "), &run(args, &[], true), true));
    }
    let total = runs.len() + colored.len() + 2;
    assert!(
        leaks.is_empty(),
        "{} of {total} outputs leaked:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

/// Plan text in `diff --format md` is escaped by the Markdown escaper: tags, links and
/// terminal controls come out inert.
#[test]
fn the_revision_note_leaves_plan_markup_inert() {
    let f = files();
    for (old, new) in [("old.plan", "hostile.plan"), ("old.json", "hostile.json")] {
        let o = planc(&["diff", &f.path(old), &f.path(new), "--format", "md"]);
        assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        let note = String::from_utf8(o.stdout).unwrap();
        let chars: Vec<char> = note.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, '<' | '[' | ']') {
                assert_eq!(
                    chars.get(i.wrapping_sub(1)),
                    Some(&'\\'),
                    "unescaped {c:?} in the note: {:?}",
                    chars[i.saturating_sub(40)..(i + 40).min(chars.len())]
                        .iter()
                        .collect::<String>()
                );
            }
            assert!(
                !c.is_control() || *c == '\n',
                "raw U+{:04X} in the note",
                *c as u32
            );
        }
    }
    let o = planc(&[
        "diff",
        &f.path("old.plan"),
        &f.path("hostile.plan"),
        "--format",
        "md",
    ]);
    let note = String::from_utf8(o.stdout).unwrap();
    assert!(note.contains("\\<script\\>"), "{note}");
    assert!(note.contains("\\[x\\](javascript:"), "{note}");
}
