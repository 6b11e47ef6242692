//! A synthetic plan of any size, valid and checking clean, for benchmarks and
//! stress tests:
//!
//! ```text
//! cargo run --release --example synth -- --units N [--seed S] [--format plan|json]
//! cargo run --release --example synth -- --shape after-chain --units N [--prefix 部门]
//! ```
//!
//! `--shape` writes one of the shapes that once cost more than linear time (see
//! `planc::synth::Shape`) instead of the full plan.
//!
//! The plan grows linearly with N: each unit brings a role, duties, a reporting
//! line, a channel, roster shifts and a chain of actions. The seed varies names of
//! duties and deadlines, never the shape, so every size checks clean.

use std::io::Write as _;

fn main() {
    let mut units: usize = 10;
    let mut seed: u64 = 1;
    let mut json = false;
    let mut shape = None;
    let mut prefix = String::from("部门");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--units" => units = parse(args.next(), "--units"),
            "--seed" => seed = parse(args.next(), "--seed"),
            "--format" => match args.next().as_deref() {
                Some("plan") => json = false,
                Some("json") => json = true,
                other => fail(&format!("--format takes plan or json, not {other:?}")),
            },
            "--shape" => {
                let name = args.next().unwrap_or_default();
                shape = Some(planc::synth::Shape::named(&name).unwrap_or_else(|| {
                    let names: Vec<&str> = planc::synth::SHAPES.iter().map(|(n, _)| *n).collect();
                    fail(&format!("--shape takes one of {}", names.join(", ")))
                }));
            }
            "--prefix" => prefix = args.next().unwrap_or_else(|| fail("--prefix takes a name")),
            "-h" | "--help" => {
                println!(
                    "usage: synth --units N [--seed S] [--format plan|json] [--shape NAME [--prefix P]]"
                );
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    if units == 0 {
        fail("--units must be at least 1");
    }
    let text = match shape {
        Some(shape) => planc::synth::shaped(shape, units, &prefix),
        None => planc::synth::plan(units, seed),
    };
    let out = if json {
        let c = planc::compile(planc::source::Source::new("synth.plan", text));
        if c.has_errors() {
            fail("the synthetic plan does not compile (a bug in synth)");
        }
        planc::export_json(c.plan.as_ref().expect("a model"))
    } else {
        text
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        fail(&format!("cannot write: {e}"));
    }
}

fn parse<T: std::str::FromStr>(v: Option<String>, flag: &str) -> T {
    v.and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fail(&format!("{flag} takes a number")))
}

fn fail(msg: &str) -> ! {
    eprintln!("synth: {msg}");
    std::process::exit(2)
}
