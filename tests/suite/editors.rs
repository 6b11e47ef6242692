//! The VS Code extension in `editors/vscode/`: its TextMate grammar knows every keyword
//! of the language and no other, its grammar test passes (`vscode-tmgrammar-test`), and
//! `vsce` packages it into a `.vsix` with the language client inside. `.ci/run` runs
//! `npm ci` there; without it the npm parts print a loud SKIP, unless
//! PLANC_REQUIRE_TOOLS is set.

use crate::consumers::{skip, tool};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode"))
}

/// The words of the alternative that follows `open` in a pattern
/// (`(?<![…])(?:a|b|c)(?![…])`), up to the look-ahead.
fn alternatives(pattern: &str, open: &str) -> BTreeSet<String> {
    let start = pattern.find(open).expect("the alternative") + open.len();
    let end = start + pattern[start..].find(")(?!").expect("its end");
    pattern[start..end].split('|').map(str::to_string).collect()
}

#[test]
fn the_highlighting_knows_every_keyword_and_no_other() {
    let text = std::fs::read_to_string(dir().join("syntaxes/planc.tmLanguage.json")).unwrap();
    let g: serde_json::Value = serde_json::from_str(&text).expect("json");
    let repo = &g["repository"];
    let def = repo["definition"]["match"].as_str().unwrap();
    let mut found = alternatives(def, "])(");
    for p in repo["keyword"]["patterns"].as_array().unwrap() {
        let w = alternatives(p["match"].as_str().unwrap(), "])(?:");
        assert!(found.is_disjoint(&w), "a keyword in two lists: {w:?}");
        found.extend(w);
    }
    let table: BTreeSet<String> = planc::syntax::KEYWORDS
        .iter()
        .map(|k| k.to_string())
        .collect();
    let missing: Vec<_> = table.difference(&found).collect();
    let extra: Vec<_> = found.difference(&table).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "editors/vscode/syntaxes/planc.tmLanguage.json: keywords missing {missing:?}, not keywords {extra:?}"
    );
}

#[test]
fn the_grammar_test_passes_and_the_extension_packages() {
    let Some(npx) = tool("npx") else {
        return skip("the VS Code extension", "npx");
    };
    if !dir().join("node_modules/@vscode/vsce").is_dir() {
        return skip(
            "the VS Code extension",
            "its npm packages (npm ci in editors/vscode)",
        );
    }
    let o = Command::new(&npx)
        .current_dir(dir())
        .args([
            "vscode-tmgrammar-test",
            "-g",
            "syntaxes/planc.tmLanguage.json",
        ])
        .arg("tests/*.plan")
        .output()
        .expect("npx runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("successfuly") || out.contains("successfully"),
        "{out}"
    );

    let out_dir = tempfile::tempdir().unwrap();
    let vsix = out_dir.path().join("planc.vsix");
    let o = Command::new(&npx)
        .current_dir(dir())
        .args([
            "vsce",
            "package",
            "--allow-missing-repository",
            "--skip-license",
            "-o",
        ])
        .arg(&vsix)
        .output()
        .expect("npx runs");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let file = std::fs::File::open(&vsix).expect("the package");
    let zip = zip::ZipArchive::new(file).expect("a zip");
    let names: BTreeSet<&str> = zip.file_names().collect();
    for needed in [
        "extension/package.json",
        "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/planc.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json",
    ] {
        assert!(names.contains(needed), "{needed} is not in the package");
    }
    assert!(
        !names
            .iter()
            .any(|n| n.contains("/tests/") || n.contains("@vscode/vsce")),
        "test files or build tools packaged"
    );
}

#[test]
fn the_extension_activates_outside_vs_code() {
    let Some(node) = tool("node") else {
        return skip("the VS Code extension's smoke test", "node");
    };
    let o = Command::new(node)
        .arg(dir().join("tests/smoke.cjs"))
        .output()
        .expect("node runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("activates"), "{out}");
}
