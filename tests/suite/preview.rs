//! `planc preview`: the real binary on a scratch copy of the flagship plan — raw HTTP
//! for what a browser cannot be asked (the host check, methods, unknown paths, the
//! event stream), and the page in Debian's Chromium through Playwright
//! (`tests/web/preview.mjs`; `.ci/run` installs `playwright-core` there; without it the
//! test prints a loud SKIP, unless PLANC_REQUIRE_TOOLS is set).

use crate::consumers::{skip, tool};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `planc preview`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(plan: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["preview", "--port", "0", "--today", "2026-11-28"])
        .arg(plan)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planc runs");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    err.read_line(&mut line).expect("a line");
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

fn scratch(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let plan = dir.path().join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/soe-online-opinion.plan"),
        &plan,
    )
    .expect("a copy");
    (dir, plan)
}

/// One raw HTTP/1.1 request; the status and the body.
fn get(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).expect("an answer");
    let text = String::from_utf8_lossy(&bytes);
    let status = text[9..12].parse().expect("a status");
    let body = text.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    (status, body.to_string())
}

fn state(port: u16) -> serde_json::Value {
    let (status, body) = get(port, "GET", "/state", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("json")
}

#[test]
fn answers_its_own_paths_to_its_own_host_only() {
    let (_dir, plan) = scratch("p.plan");
    let srv = start(&plan);
    let port = srv.port;
    let me = format!("127.0.0.1:{port}");
    let (status, page) = get(port, "GET", "/", &me);
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/preview.js\""), "{page}");
    let (status, doc) = get(port, "GET", "/document?v=1", &format!("localhost:{port}"));
    assert_eq!(status, 200);
    assert!(doc.contains("应急预案"), "{}", &doc[..200.min(doc.len())]);
    let s = state(port);
    assert_eq!(s["document_version"], 1);
    assert_eq!(s["errors"], 0);
    // A page of another site reaching 127.0.0.1 through a name it controls says its
    // own name as the host: refused.
    assert_eq!(get(port, "GET", "/state", "attacker.example").0, 403);
    assert_eq!(
        get(port, "GET", "/state", &format!("127.0.0.1:{}", port ^ 1)).0,
        403
    );
    assert_eq!(get(port, "POST", "/state", &me).0, 405);
    assert_eq!(get(port, "GET", "/../../etc/passwd", &me).0, 404);
    assert_eq!(get(port, "GET", "/p.plan", &me).0, 404);
}

#[test]
fn a_save_is_pushed_and_a_broken_plan_keeps_the_document() {
    let (_dir, plan) = scratch("p.plan");
    let srv = start(&plan);
    let port = srv.port;
    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let next_update = |r: &mut BufReader<TcpStream>| -> u64 {
        let mut line = String::new();
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < until, "no update within 30 s");
            line.clear();
            assert!(r.read_line(&mut line).expect("the stream") > 0, "closed");
            if let Some(v) = line.strip_prefix("data: ") {
                return v.trim().parse().expect("a version");
            }
        }
    };
    assert_eq!(next_update(&mut events), 1, "the current state first");

    let text = std::fs::read_to_string(&plan).unwrap();
    // The first owner's name replaced by one the plan does not define.
    let at = text.find("owner ").unwrap() + "owner ".len();
    let end = at + text[at..].find(char::is_whitespace).unwrap();
    let broken = format!("{}不存在的单位{}", &text[..at], &text[end..]);
    std::fs::write(&plan, &broken).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let v = next_update(&mut events);
    assert!(v >= 2 && Instant::now() < deadline);
    let s = state(port);
    assert!(s["errors"].as_u64().unwrap() >= 1, "{s}");
    assert_eq!(s["document_version"], 1, "the last good document stays");
    assert_eq!(s["current"], false);
    let n = &s["findings"][0];
    assert_eq!(n["code"], "N0001", "{s}");
    let line = broken[..broken.find("owner 不存在的单位").unwrap()]
        .lines()
        .count();
    assert_eq!(n["line"], line as u64, "{n}");

    // The file removed: said on the page, the document still there. (A late event
    // of the last save may bring an update first: wait for the one that says it.)
    std::fs::remove_file(&plan).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        next_update(&mut events);
        let s = state(port);
        if s["failure"].as_str().is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the removal never reached the page: {s}"
        );
    }
    assert_eq!(
        get(port, "GET", "/document", &format!("127.0.0.1:{port}")).0,
        200
    );

    std::fs::write(&plan, &text).unwrap();
    // The repair may already be in (both saves in one refresh): look before waiting.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = state(port);
        if s["current"] == true {
            assert_eq!(s["document_version"], 2);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the repair never reached the page: {s}"
        );
        next_update(&mut events);
    }
}

#[test]
fn refuses_what_it_cannot_watch() {
    let o = crate::common::planc(&["preview", "-", "--port", "0"]);
    assert_eq!(crate::common::code(&o), 2);
    assert!(crate::common::stderr(&o).contains("path"));
    let o = crate::common::planc(&["preview", "no/such/plan.plan", "--port", "0"]);
    assert_eq!(crate::common::code(&o), 2);
    assert!(crate::common::stderr(&o).contains("no/such/plan.plan"));
}

#[test]
fn the_page_in_chromium_follows_the_plan() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let web = root.join("tests/web");
    let Some(node) = tool("node") else {
        return skip("the preview in Chromium", "node");
    };
    if !Path::new("/usr/bin/chromium").is_file() {
        return skip("the preview in Chromium", "chromium");
    }
    if !web.join("node_modules/playwright-core").is_dir() {
        return skip(
            "the preview in Chromium",
            "playwright-core (npm ci in tests/web)",
        );
    }
    let (_dir, plan) = scratch("p.plan");
    let o = Command::new(node)
        .arg(web.join("preview.mjs"))
        .arg(env!("CARGO_BIN_EXE_planc"))
        .arg(&plan)
        .output()
        .expect("node runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("repaired"), "{out}");
}
