//! Drill speed: one run, and campaigns on one and two threads (flagship plan).
//! The goal: ≥ 50,000 runs/s on 2 cores, and 2 jobs ≥ 1.6× 1 job.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planc::drill::{self, Runner, campaign};
use planc::source::Source;
use std::hint::black_box;

fn model() -> drill::DrillModel {
    let c = planc::compile(Source::new(planc::FLAGSHIP_NAME, planc::FLAGSHIP));
    drill::build(&c, &planc::compile_library(None).unwrap())
        .ok()
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let m = model();
    let mut g = c.benchmark_group("drill");
    g.throughput(Throughput::Elements(1));
    let mut r = Runner::new(&m);
    let mut seed = 0u64;
    g.bench_function("one run", |b| {
        b.iter(|| {
            seed += 1;
            r.run(black_box(seed));
            black_box(r.log.expectations.len())
        })
    });
    const RUNS: u64 = 20_000;
    g.throughput(Throughput::Elements(RUNS));
    g.sample_size(10);
    for jobs in [1usize, 2] {
        g.bench_function(format!("campaign of {RUNS}, jobs {jobs}"), |b| {
            b.iter(|| campaign::run(&m, 1, RUNS, jobs, &|_| {}).unwrap().mean())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
