//! `planc lsp` over its standard streams: a raw JSON-RPC exchange (bad requests are
//! answered with errors and the server keeps serving), and the end-to-end session of
//! a real client, `pytest-lsp`, in `tests/lsp/` (`.ci/run` installs it; without it the
//! test prints a loud SKIP, unless PLANC_REQUIRE_TOOLS is set).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            len = n.parse().ok()?;
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The response to request `id`, skipping notifications.
fn response(r: &mut impl BufRead, id: i64) -> Value {
    loop {
        let m = read_message(r).expect("the server answers");
        if m.get("id") == Some(&json!(id)) {
            return m;
        }
    }
}

#[test]
fn bad_requests_are_answered_with_errors_and_the_server_keeps_serving() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["lsp", "--today", "2026-11-28"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("planc lsp starts");
    let mut input = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let uri = "file:///tmp/%E9%A2%84%E6%A1%88.plan";
    let text = "unit 宣传部 {}\non detect {\n  action 核实 { owner 宣传郎 }\n}\n";
    let send =
        |input: &mut std::process::ChildStdin, v: Value| input.write_all(&frame(&v)).unwrap();
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let init = response(&mut out, 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "planc", "version": 1, "text": text}}}),
    );
    let diags = read_message(&mut out).unwrap();
    assert_eq!(diags["method"], "textDocument/publishDiagnostics");
    let d = &diags["params"]["diagnostics"][0];
    assert_eq!(d["code"], "N0001");
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 20}));
    // A request without its position, an unknown method, a document never opened.
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}}}),
    );
    assert_eq!(response(&mut out, 2)["error"]["code"], -32602);
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 3, "method": "planc/nothing", "params": {}}),
    );
    assert_eq!(response(&mut out, 3)["error"]["code"], -32601);
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///elsewhere.plan"}, "position": {"line": 0, "character": 0}}}),
    );
    assert_eq!(response(&mut out, 4)["result"], Value::Null);
    // A position far past the end of the text.
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 99, "character": 99}}}),
    );
    assert!(response(&mut out, 5).get("result").is_some());
    // Still serving: the hover of the unit.
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 6}}}),
    );
    let hover = response(&mut out, 6);
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("宣传部"),
        "{hover}"
    );
    // A burst of changes: the last one's diagnostics are published, for its version.
    for v in 2..=6 {
        let t = if v == 6 { "unit 宣传部 {}\n" } else { text };
        send(
            &mut input,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": t}]}}),
        );
    }
    loop {
        let m = read_message(&mut out).unwrap();
        if m["params"]["version"] == 6 {
            let diags = m["params"]["diagnostics"].as_array().unwrap();
            assert!(diags.iter().all(|d| d["code"] != "N0001"), "{m}");
            break;
        }
    }
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 8, "method": "workspace/symbol", "params": {"query": "宣传"}}),
    );
    assert_eq!(response(&mut out, 8)["result"][0]["name"], "宣传部");
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 9, "method": "textDocument/semanticTokens/full", "params": {
        "textDocument": {"uri": uri}}}),
    );
    // `unit`, a keyword (the legend's first type), at the start.
    let tokens = response(&mut out, 9);
    assert_eq!(
        tokens["result"]["data"].as_array().unwrap()[..5],
        json!([0, 0, 4, 0, 0]).as_array().unwrap()[..]
    );
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 7, "method": "shutdown"}),
    );
    response(&mut out, 7);
    send(&mut input, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_real_client_end_to_end() {
    let has = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        crate::consumers::skip("the pytest-lsp session of planc lsp", "pytest-lsp");
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/lsp"])
        .env("PLANC_BIN", env!("CARGO_BIN_EXE_planc"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "pytest tests/lsp failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
