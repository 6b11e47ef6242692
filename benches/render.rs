//! Rendering the flagship plan in each format. Goal: DOCX under 20 ms (release).

use criterion::{Criterion, criterion_group, criterion_main};
use planc::diagnostic::Lang;
use planc::render::{Format, Options, render};
use planc::source::Source;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let compiled = planc::compile(Source::new(planc::FLAGSHIP_NAME, planc::FLAGSHIP));
    let plan = compiled.plan.expect("the flagship plan compiles");
    for (name, format) in [
        ("md", Format::Md),
        ("html", Format::Html),
        ("docx", Format::Docx),
    ] {
        let opts = Options {
            format,
            lang: Lang::Zh,
            templates: None,
        };
        c.bench_function(&format!("render_flagship_{name}"), |b| {
            b.iter(|| render(black_box(&plan), black_box(&opts)).expect("renders"))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
