//! Front-end speed, stage by stage: parse (and lower), read the plan's export JSON
//! back, resolve and build the graph, and run the gap rules — on the flagship plan and on synthetic plans of about 1×,
//! 10× and 100× its size. Throughput is in bytes of plan text, so a stage that
//! scales linearly shows the same MB/s at every size.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use planc::model::{self, Graph};
use planc::source::Source;
use std::hint::black_box;

/// Units of a synthetic plan about as big as the flagship.
const FLAGSHIP_UNITS: usize = 75;

fn inputs() -> Vec<(String, Source)> {
    let mut v = vec![(
        "flagship".to_string(),
        Source::new(planc::FLAGSHIP_NAME, planc::FLAGSHIP),
    )];
    for scale in [1usize, 10, 100] {
        let text = planc::synth::plan(FLAGSHIP_UNITS * scale, 1);
        v.push((format!("synth {scale}x"), Source::new("synth.plan", text)));
    }
    v
}

fn bench(c: &mut Criterion) {
    let today = "2026-11-28".parse().unwrap();
    for (name, src) in inputs() {
        let mut g = c.benchmark_group(format!("frontend/{name}"));
        g.throughput(Throughput::Bytes(src.text.len() as u64));
        if src.text.len() > 1_000_000 {
            g.sample_size(10);
        }
        g.bench_function(BenchmarkId::from_parameter("parse"), |b| {
            b.iter(|| black_box(planc::syntax::parse_with(&src, false).plan.is_some()))
        });
        let plan = planc::syntax::parse_with(&src, false).plan.unwrap();
        // The export is about three times the plan text; throughput stays in plan bytes.
        let json = Source::new("synth.json", planc::export_json(&plan));
        g.bench_function(BenchmarkId::from_parameter("read json"), |b| {
            b.iter(|| black_box(planc::syntax::json::read(&json).is_ok()))
        });
        g.bench_function(BenchmarkId::from_parameter("resolve+graph"), |b| {
            b.iter(|| {
                let (syms, _) = model::resolve(&plan);
                black_box(Graph::build(&plan, &syms).g.node_count())
            })
        });
        let (syms, _) = model::resolve(&plan);
        let graph = Graph::build(&plan, &syms);
        g.bench_function(BenchmarkId::from_parameter("check"), |b| {
            b.iter(|| {
                let cx = planc::check::Context {
                    plan: &plan,
                    symbols: &syms,
                    graph: &graph,
                    source: &src,
                    today,
                };
                black_box(planc::check::run(&cx).len())
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
