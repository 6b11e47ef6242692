//! The language server's speed on the flagship plan: the diagnostics published after
//! an edit (the whole document compiled and checked, as full sync does), and hover,
//! completion (of an owner and of a keyword, which asks the parser) and go to
//! definition on the compiled document; and the live preview's refresh after a save.
//! Goals: diagnostics within 20 ms, completion and hover within 10 ms, the preview
//! within 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use planc::lsp::{self, Document, Encoding, Settings, position};
use std::hint::black_box;

fn settings() -> Settings {
    Settings {
        encoding: Encoding::Utf16,
        lang: None,
        check: planc::check::Options {
            today: "2026-11-28".parse().unwrap(),
            ..planc::check::Options::default()
        },
    }
}

/// The position just after `needle`'s first occurrence plus `shift` bytes.
fn at(doc: &Document, needle: &str, shift: usize) -> lsp_types::Position {
    let off = doc.text().find(needle).unwrap() + shift;
    position::position(doc.source(), off, Encoding::Utf16)
}

fn bench(c: &mut Criterion) {
    let s = settings();
    let uri: lsp_types::Uri = "file:///plans/soe-online-opinion.plan".parse().unwrap();
    let mut g = c.benchmark_group("lsp/flagship");
    // An edit that keeps the plan valid runs every gap rule; one that breaks a name
    // stops after the front end.
    let edits = [
        (
            "diagnostics after an edit",
            planc::FLAGSHIP.replacen("version \"2026.1\"", "version \"2026.2\"", 1),
        ),
        (
            "diagnostics after a breaking edit",
            planc::FLAGSHIP.replacen("owner 宣传部", "owner 宣传郎", 1),
        ),
    ];
    for (name, edited) in edits {
        assert_ne!(edited, planc::FLAGSHIP);
        g.bench_function(name, |b| {
            b.iter(|| {
                let doc = Document::new("soe.plan", edited.clone(), 2, &s);
                black_box(lsp::diagnostics::diagnostics(&doc, &uri, &s).len())
            })
        });
    }
    let doc = Document::new("soe.plan", planc::FLAGSHIP.to_string(), 1, &s);
    let unit = at(&doc, "maintainer 宣传部", "maintainer ".len() + 3);
    g.bench_function("hover a unit", |b| {
        b.iter(|| black_box(lsp::hover::hover(&doc, unit, &s).is_some()))
    });
    let owner = at(&doc, "owner 宣传部", "owner ".len());
    g.bench_function("complete an owner", |b| {
        b.iter(|| black_box(lsp::complete::completion(&doc, owner, &s).is_some()))
    });
    let field = at(&doc, "    owner 宣传部", 4);
    g.bench_function("complete a keyword", |b| {
        b.iter(|| black_box(lsp::complete::completion(&doc, field, &s).is_some()))
    });
    g.bench_function("go to definition", |b| {
        b.iter(|| black_box(lsp::names::definition(&doc, &uri, unit, &s).len()))
    });
    g.finish();
}

/// `planc preview`: a saved text compiled, checked and rendered to the HTML document
/// (goal: within 100 ms of the save; the file watch adds its 40 ms of settling).
fn preview(c: &mut Criterion) {
    let s = settings();
    let mut g = c.benchmark_group("preview/flagship");
    let mut p = planc::preview::Preview::new("soe.plan", None, s.check.clone());
    let edited = planc::FLAGSHIP.replacen("version \"2026.1\"", "version \"2026.2\"", 1);
    g.bench_function("refresh after a save", |b| {
        b.iter(|| {
            p.refresh(planc::source::Source::new("soe.plan", edited.clone()));
            black_box(p.report().document_version)
        })
    });
    g.finish();
}

criterion_group!(benches, bench, preview);
criterion_main!(benches);
