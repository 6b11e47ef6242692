//! `planc fmt`: messy inputs and their canonical output (snapshots), and the three
//! guarantees — idempotent, meaning-preserving, comment-preserving — over every
//! `.plan` file in the repository.

use planc::diagnostic::{Lang, render_human};
use planc::fmt::{FmtError, comment_texts, format, format_cst};
use planc::source::Source;
use planc::syntax;
use std::path::{Path, PathBuf};

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "fmt/*.plan", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let out = match format(&Source::new(&name, text.as_str())) {
            Ok(out) => out,
            Err(FmtError::Syntax(d)) => {
                assert!(name.starts_with("err_"), "{name} does not parse");
                render_human(&Source::new(&name, text.as_str()), &d, Lang::Zh, false)
            }
            Err(FmtError::Unstable(why)) => panic!("{name}: {why}"),
        };
        if name.starts_with("ok_") {
            let again = format(&Source::new(&name, out.as_str())).unwrap();
            assert_eq!(again, out, "{name}: formatting twice changes the text");
        }
        insta::with_settings!({description => text, omit_expression => true}, {
            insta::assert_snapshot!(out);
        });
    });
}

/// A file that is already canonical comes out byte for byte the same.
#[test]
fn canonical_file_is_unchanged() {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/fmt/ok_formatted.plan")).unwrap();
    assert_eq!(
        format(&Source::new("ok_formatted.plan", text.as_str())).unwrap(),
        text
    );
}

#[test]
fn crlf_becomes_lf() {
    let text = "unit 宣传部 {\r\n  duty \"\"\"\r\n    甲\r\n    乙\r\n  \"\"\"\r\n}\r\n";
    let out = format(&Source::new("crlf.plan", text)).unwrap();
    assert_eq!(
        out,
        "unit 宣传部 {\n  duty \"\"\"\n    甲\n    乙\n    \"\"\"\n}\n"
    );
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plans_below(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            plans_below(&p, out);
        } else if p.extension().is_some_and(|x| x == "plan") {
            out.push(p);
        }
    }
}

/// Every `.plan` file of the repository that parses: plans/, plans/scenarios/ and
/// every fixture.
fn repository_plans() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    plans_below(&repo().join("plans"), &mut paths);
    plans_below(&repo().join("tests/fixtures"), &mut paths);
    paths.sort();
    let files: Vec<(String, String)> = paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p.strip_prefix(repo()).unwrap().display().to_string();
            Some((name, text))
        })
        .collect();
    assert!(files.len() >= 5, "the repository's plans were not found");
    files
}

/// The raw printer, without the self-check that `format` adds, on every file.
fn each_formatted(mut f: impl FnMut(&str, &str, &syntax::Parsed, &str)) {
    let mut seen = 0;
    for (name, text) in repository_plans() {
        let parsed = syntax::parse(&Source::new(&name, text.as_str()));
        let Some(cst) = parsed.cst.as_ref() else {
            continue;
        };
        let out = format_cst(cst, &text);
        f(&name, &text, &parsed, &out);
        seen += 1;
    }
    assert!(seen >= 5);
}

#[test]
fn idempotent_on_every_plan() {
    each_formatted(|name, _, _, out| {
        let again = syntax::parse(&Source::new(name, out));
        let cst = again
            .cst
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: output does not parse"));
        assert_eq!(format_cst(cst, out), out, "{name}: fmt(fmt(x)) != fmt(x)");
    });
}

#[test]
fn meaning_preserved_on_every_plan() {
    each_formatted(|name, _, before, out| {
        let after = syntax::parse(&Source::new(name, out));
        let model = |p: &syntax::Parsed| p.plan.as_ref().map(planc::export_json);
        assert!(model(before).is_some(), "{name}: no model");
        assert_eq!(model(&after), model(before), "{name}: the model changed");
    });
}

#[test]
fn comments_preserved_on_every_plan() {
    each_formatted(|name, text, before, out| {
        let after = syntax::parse(&Source::new(name, out));
        let old = comment_texts(before.cst.as_ref().unwrap());
        assert_eq!(
            comment_texts(after.cst.as_ref().unwrap()),
            old,
            "{name}: comments changed"
        );
        // And the tree saw every comment marker that starts a comment in the text.
        let lines_with_comments = text
            .lines()
            .filter(|l| l.trim_start().starts_with('#') || l.trim_start().starts_with("//"))
            .count();
        assert!(
            old.len() >= lines_with_comments || text.contains("\"\"\""),
            "{name}"
        );
    });
}

/// The bundled plans are kept formatted (CI runs `planc fmt --check plans/`).
#[test]
fn bundled_plans_are_formatted() {
    for (name, text) in repository_plans() {
        if !name.starts_with("plans") {
            continue;
        }
        let out = format(&Source::new(&name, text.as_str())).unwrap();
        assert!(
            out == text,
            "{name} is not formatted: run `planc fmt plans/`"
        );
    }
}

/// Every span of a token or brace in the tree, in text order.
fn lexemes(cst: &syntax::Cst) -> Vec<planc::source::Span> {
    fn walk(items: &[syntax::Item], out: &mut Vec<planc::source::Span>) {
        for it in items {
            out.extend(it.tokens.iter().map(|t| t.span));
            if let Some(b) = &it.block {
                out.push(b.open);
                walk(&b.items, out);
                out.push(b.close);
            }
        }
    }
    let mut v = Vec::new();
    walk(&cst.items, &mut v);
    v.sort_by_key(|s| s.start());
    v
}

/// Layout does not matter: re-spacing a plan at random between its tokens (spaces,
/// tabs, single line breaks — never where a comment or a blank line is) gives the same
/// formatted text.
#[test]
fn respacing_gives_the_same_output() {
    const GAPS: &[&str] = &[" ", "\t", "   ", "\n", "\n    ", " \t "];
    let mut seen = 0;
    for (name, text) in repository_plans() {
        let parsed = syntax::parse(&Source::new(&name, text.as_str()));
        let Some(cst) = parsed.cst.as_ref() else {
            continue;
        };
        let want = format_cst(cst, &text);
        let spans = lexemes(cst);
        for seed in 1..=3u64 {
            let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut next = move || {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) as usize
            };
            let mut out = String::with_capacity(text.len());
            let mut at = 0;
            for w in spans.windows(2) {
                let (a, b) = (w[0], w[1]);
                let gap = &text[a.end()..b.start()];
                let newlines = gap.matches('\n').count();
                out.push_str(&text[at..a.end()]);
                let keep = gap.contains('#') || gap.contains("//") || newlines >= 2;
                if keep {
                    out.push_str(gap);
                } else if gap.is_empty() {
                    // Tokens written together (`1..2`, `a,b`) may also be spaced apart.
                    if next() % 2 == 0 {
                        out.push(' ');
                    }
                } else {
                    out.push_str(GAPS[next() % GAPS.len()]);
                }
                at = b.start();
            }
            out.push_str(&text[at..]);
            let got = format(&Source::new(&name, out.as_str()))
                .unwrap_or_else(|e| panic!("{name} (seed {seed}) respaced: {e:?}\n{out}"));
            assert_eq!(got, want, "{name} (seed {seed}): layout changed the output");
        }
        seen += 1;
    }
    assert!(seen >= 10);
}
