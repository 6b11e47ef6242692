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

/// The views a person can read (issue 16, item 10): each under 30 nodes for the
/// flagship, with the kinds it is about; an unknown level is refused with the closest.
#[test]
fn graph_views_of_the_flagship_are_small_and_on_topic() {
    let plan = "plans/soe-online-opinion.plan";
    let nodes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["graph", plan, "--format", "json", "--view"];
        all.extend_from_slice(args);
        let o = common::planc(&all);
        assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let kinds = v["nodes"].as_array().unwrap().iter();
        kinds
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let full = common::planc(&["graph", plan, "--format", "json"]);
    let full: serde_json::Value = serde_json::from_slice(&full.stdout).unwrap();
    assert!(
        full["nodes"].as_array().unwrap().len() > 60,
        "the full graph stays"
    );

    let org = nodes(&["org"]);
    assert!(
        org.len() < 30 && org.contains(&"body".to_string()),
        "{org:?}"
    );
    assert!(
        org.iter()
            .all(|k| ["body", "role", "unit"].contains(&k.as_str()))
    );
    let reporting = nodes(&["reporting"]);
    assert!(reporting.len() < 30 && reporting.contains(&"external".to_string()));
    assert!(!reporting.contains(&"action".to_string()));
    let red = nodes(&["level", "红色"]);
    assert!(red.len() < 30, "{}", red.len());
    assert_eq!(red.iter().filter(|k| *k == "level").count(), 1);
    assert!(red.iter().filter(|k| *k == "action").count() >= 10);

    let o = common::planc(&["graph", plan, "--view", "level", "红"]);
    assert_eq!(common::code(&o), 2);
    assert!(
        common::stderr(&o).contains("`红色`"),
        "{}",
        common::stderr(&o)
    );
    let o = common::planc(&["graph", plan, "--view", "everything"]);
    assert_eq!(common::code(&o), 2);
}
