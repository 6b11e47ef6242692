//! Graph stage: the responsibility graph of each fixture as a sorted edge list, and
//! what the first rules (owners, cycles) say about it.

use crate::common;

use planc::diagnostic::Lang;
use planc::model::Edge;

#[test]
fn graph_fixtures() {
    insta::glob!("../fixtures", "graph/*.plan", |path| {
        let src = common::load(path).expect("fixture is UTF-8");
        let c = planc::compile(src);
        let g = c.graph.as_ref().expect("a graph");
        let mut lines: Vec<String> =
            g.g.edge_indices()
                .map(|e| {
                    let (a, b) = g.g.edge_endpoints(e).unwrap();
                    let w = g.g[e];
                    let extra = match w {
                        Edge::ReportsTo { within: Some(m) } => format!(" ({m}m)"),
                        _ => String::new(),
                    };
                    format!(
                        "{:?} {} -[{}{extra}]-> {:?} {}",
                        g.weight(a).kind,
                        g.weight(a).name,
                        w.label(),
                        g.weight(b).kind,
                        g.weight(b).name
                    )
                })
                .collect();
        lines.sort();
        let diags = c.check();
        let output = format!(
            "{}\n\n{}",
            lines.join("\n"),
            common::human(&c.source, &diags, Lang::Zh)
        );
        insta::with_settings!({ description => common::describe(path), omit_expression => true }, {
            insta::assert_snapshot!(output);
        });
    });
}

#[test]
fn graph_queries() {
    let src = common::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/graph/ok_small_org.plan"),
    )
    .unwrap();
    let c = planc::compile(src);
    let g = c.graph.unwrap();
    let commander = g.commander().expect("a commander");
    assert_eq!(&*g.weight(commander).name, "总指挥");
    let backup = g.backup(commander).expect("a backup");
    assert_eq!(&*g.weight(backup).name, "副总指挥");
    let net = g.node("网信部").unwrap();
    assert!(g.reaches(net, commander, |e| e.is_reporting() || *e == Edge::Lead));
    assert!(!g.reaches(commander, net, |e| e.is_reporting()));
    assert!(g.cycles(|e| e.is_reporting()).is_empty());
}
