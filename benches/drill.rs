//! Drill speed: one run, campaigns on one and two threads, and `--compare` of two
//! versions (flagship plan). The goals: ≥ 50,000 runs/s on 2 cores, 2 jobs ≥ 1.6× 1
//! job, a comparison of 2 × 10,000 runs under 1 s.

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
    let edited = {
        let text = planc::FLAGSHIP.replace("backup 常务副总指挥", "");
        let c = planc::compile(Source::new(planc::FLAGSHIP_NAME, &text));
        drill::build(&c, &planc::compile_library(None).unwrap())
            .ok()
            .unwrap()
    };
    g.throughput(Throughput::Elements(20_000));
    g.bench_function("compare 2 × 10000, jobs 2", |b| {
        b.iter(|| {
            let old = campaign::run(&m, 1, 10_000, 2, &|_| {}).unwrap();
            let new = campaign::run(&edited, 1, 10_000, 2, &|_| {}).unwrap();
            drill::compare::compare(&old, &new, ["old", "new"])
                .difference
                .mean
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
