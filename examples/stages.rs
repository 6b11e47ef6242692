fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let t = std::time::Instant::now();
    let src = planc::source::Source::new(path.clone(), text);
    eprintln!("source {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let p = planc::syntax::parse_with(&src, false);
    eprintln!("parse+lower {:?}", t.elapsed());
    let plan = p.plan.unwrap();
    let t = std::time::Instant::now();
    let (syms, _d) = planc::model::resolve(&plan);
    eprintln!("resolve {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let g = planc::model::Graph::build(&plan, &syms);
    eprintln!("graph {:?}", t.elapsed());
    let cx = planc::check::Context { plan: &plan, symbols: &syms, graph: &g, source: &src, today: "2026-11-28".parse().unwrap() };
    let mut times: Vec<(std::time::Duration, usize)> = Vec::new();
    for (i, rule) in planc::check::RULES.iter().enumerate() {
        let t = std::time::Instant::now();
        let _ = rule(&cx);
        times.push((t.elapsed(), i));
    }
    let total: std::time::Duration = times.iter().map(|x| x.0).sum();
    times.sort();
    eprintln!("check total {total:?}; slowest: {:?}", &times[times.len()-6..]);
}
