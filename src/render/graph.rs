//! `planc graph`: the responsibility graph as DOT, Mermaid or JSON. Nodes in the
//! order the graph holds them (the plan's order), edges sorted; labels in the plan's
//! language from the bundled labels.

use super::escape;
use super::labels::Labels;
use crate::model::{Edge, Graph, NodeKind};
use crate::wording::{Amount, DurationStyle, Lang, duration};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

fn kind_key(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Body => "body",
        NodeKind::Role => "role",
        NodeKind::Unit => "unit",
        NodeKind::External => "external",
        NodeKind::Channel => "channel",
        NodeKind::Roster => "roster",
        NodeKind::Level => "level",
        NodeKind::Action => "action",
        NodeKind::Resource => "resource",
    }
}

/// DOT shape and fill of a node kind.
fn style(k: NodeKind) -> (&'static str, &'static str) {
    match k {
        NodeKind::Body => ("box", "#f4cccc"),
        NodeKind::Role => ("box", "#fce5cd"),
        NodeKind::Unit => ("box", "#fff2cc"),
        NodeKind::External => ("box", "#eeeeee"),
        NodeKind::Channel => ("note", "#d9ead3"),
        NodeKind::Roster => ("folder", "#d0e0e3"),
        NodeKind::Level => ("hexagon", "#ead1dc"),
        NodeKind::Action => ("ellipse", "#cfe2f3"),
        NodeKind::Resource => ("cylinder", "#d9d2e9"),
    }
}

/// Which part of the graph to show: the whole of it, or a view a person can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphView {
    /// Every node and edge.
    All,
    /// The command structure: bodies, their leads, deputies, office and members.
    Org,
    /// Who reports to whom, and within what time.
    Reporting,
    /// One level: the actions it starts, in their order, and who owns each.
    Level(String),
}

/// A view of the graph that cannot be drawn.
#[derive(Debug, PartialEq, Eq)]
pub enum GraphViewError {
    /// `--view level NAME` names no level; the plan's levels and the closest one.
    UnknownLevel {
        name: String,
        levels: Vec<String>,
        suggestion: Option<String>,
    },
}

#[derive(Serialize)]
struct JsonGraph {
    version: u32,
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonNode {
    id: String,
    kind: &'static str,
    name: String,
    label: String,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    to: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    within_minutes: Option<u64>,
    label: String,
}

struct Parts {
    nodes: Vec<JsonNode>,
    kinds: Vec<NodeKind>,
    edges: Vec<JsonEdge>,
}

fn collect(graph: &Graph, t: &Labels) -> Parts {
    let mut nodes = Vec::new();
    let mut kinds = Vec::new();
    for n in graph.g.node_indices() {
        let w = graph.weight(n);
        let kind = kind_key(w.kind);
        nodes.push(JsonNode {
            id: format!("n{}", n.index()),
            kind,
            name: w.name.to_string(),
            label: format!("{}\n{}", w.name, t.get(&format!("graph.kind.{kind}"))),
        });
        kinds.push(w.kind);
    }
    let mut edges: Vec<(usize, usize, JsonEdge)> = graph
        .g
        .edge_references()
        .map(|e| {
            let edge = *e.weight();
            let kind = edge.label();
            let (within, level) = match edge {
                Edge::ReportsTo { within } => (within, None),
                Edge::ReportsAt { within, level } => (within, Some(level)),
                _ => (None, None),
            };
            let mut label = t.get(&format!("graph.edge.{kind}"));
            if let Some(l) = level {
                let name = &graph.weight(NodeIndex::new(l as usize)).name;
                label = t.fill("graph.at_level", &[("level", name), ("edge", &label)]);
            }
            if let Some(m) = within {
                let within = duration(t, Amount::Minutes(m as f64), DurationStyle::Words);
                label = format!("{label} {}", t.fill("graph.within", &[("within", &within)]));
            }
            (
                e.source().index(),
                e.target().index(),
                JsonEdge {
                    from: format!("n{}", e.source().index()),
                    to: format!("n{}", e.target().index()),
                    kind,
                    within_minutes: within,
                    label,
                },
            )
        })
        .collect();
    edges.sort_by(|a, b| (a.0, a.1, a.2.kind, &a.2.label).cmp(&(b.0, b.1, b.2.kind, &b.2.label)));
    Parts {
        nodes,
        kinds,
        edges: edges.into_iter().map(|e| e.2).collect(),
    }
}

/// The nodes and edges of a view: the edges of the kinds it shows, among the nodes it
/// shows, and no node left without an edge (but a level with no actions stays).
fn select(parts: Parts, view: &GraphView) -> Result<Parts, GraphViewError> {
    let n = parts.nodes.len();
    let index = |id: &str| id[1..].parse::<usize>().unwrap_or(usize::MAX);
    let mut keep = vec![false; n];
    let edge_kinds: &[&str] = match view {
        GraphView::All => return Ok(parts),
        GraphView::Org => &["member", "lead", "co_lead", "deputy", "office"],
        GraphView::Reporting => &["reports_to", "reports_at"],
        GraphView::Level(name) => {
            let level = (0..n)
                .find(|i| parts.kinds[*i] == NodeKind::Level && parts.nodes[*i].name == *name);
            let Some(level) = level else {
                let levels: Vec<String> = (0..n)
                    .filter(|i| parts.kinds[*i] == NodeKind::Level)
                    .map(|i| parts.nodes[i].name.clone())
                    .collect();
                let suggestion = crate::source::suggest(name, levels.iter().map(String::as_str))
                    .map(str::to_string);
                return Err(GraphViewError::UnknownLevel {
                    name: name.clone(),
                    levels,
                    suggestion,
                });
            };
            keep[level] = true;
            for e in parts.edges.iter().filter(|e| e.kind == "triggers") {
                if index(&e.from) == level {
                    keep[index(&e.to)] = true;
                }
            }
            let actions = keep.clone();
            for e in parts.edges.iter().filter(|e| e.kind == "owns") {
                if actions.get(index(&e.to)) == Some(&true) {
                    keep[index(&e.from)] = true;
                }
            }
            &["triggers", "after", "owns"]
        }
    };
    let level_view = matches!(view, GraphView::Level(_));
    let edges: Vec<JsonEdge> = parts
        .edges
        .into_iter()
        .filter(|e| edge_kinds.contains(&e.kind))
        .filter(|e| !level_view || (keep[index(&e.from)] && keep[index(&e.to)]))
        .collect();
    let mut shown = if level_view { keep } else { vec![false; n] };
    for e in &edges {
        shown[index(&e.from)] = true;
        shown[index(&e.to)] = true;
    }
    let (nodes, kinds) = parts
        .nodes
        .into_iter()
        .zip(parts.kinds)
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(_, nk)| nk)
        .unzip();
    Ok(Parts {
        nodes,
        kinds,
        edges,
    })
}

/// Renders the graph of a plan titled `title`, whole or one view of it.
pub fn render_view(
    graph: &Graph,
    title: &str,
    lang: Lang,
    format: GraphFormat,
    view: &GraphView,
) -> Result<String, GraphViewError> {
    let t = Labels::of(lang);
    let parts = select(collect(graph, t), view)?;
    Ok(match format {
        GraphFormat::Json => {
            let g = JsonGraph {
                version: 1,
                nodes: parts.nodes,
                edges: parts.edges,
            };
            let mut s = serde_json::to_string_pretty(&g).unwrap_or_default();
            s.push('\n');
            s
        }
        GraphFormat::Dot => dot(&parts, title),
        GraphFormat::Mermaid => mermaid(&parts, title),
    })
}

fn dot(p: &Parts, title: &str) -> String {
    const FONT: &str = "Noto Sans CJK SC";
    let mut s = String::new();
    s.push_str("digraph planc {\n");
    s.push_str(&format!(
        "  graph [rankdir=LR, fontname=\"{FONT}\", label=\"{}\", labelloc=t, fontsize=16];\n",
        escape::dot(title)
    ));
    s.push_str(&format!(
        "  node [fontname=\"{FONT}\", fontsize=11, style=filled, color=\"#666666\"];\n"
    ));
    s.push_str(&format!(
        "  edge [fontname=\"{FONT}\", fontsize=9, color=\"#555555\"];\n"
    ));
    for (n, k) in p.nodes.iter().zip(&p.kinds) {
        let (shape, fill) = style(*k);
        let extra = if *k == NodeKind::External {
            ", style=\"filled,dashed\""
        } else if matches!(k, NodeKind::Body | NodeKind::Role) {
            ", style=\"filled,rounded\""
        } else {
            ""
        };
        s.push_str(&format!(
            "  {} [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"{extra}];\n",
            n.id,
            escape::dot(&n.label)
        ));
    }
    for e in &p.edges {
        let style = match e.kind {
            "reports_to" => ", color=\"#c00000\", penwidth=1.5",
            "reports_at" => ", color=\"#c00000\", style=dashed",
            "backup" | "after" => ", style=dashed",
            _ => "",
        };
        s.push_str(&format!(
            "  {} -> {} [label=\"{}\"{style}];\n",
            e.from,
            e.to,
            escape::dot(&e.label)
        ));
    }
    s.push_str("}\n");
    s
}

fn mermaid(p: &Parts, title: &str) -> String {
    let mut s = String::new();
    s.push_str("---\n");
    s.push_str(&format!("title: \"{}\"\n", escape::mermaid(title)));
    s.push_str("---\nflowchart LR\n");
    for n in &p.nodes {
        let label = n
            .label
            .split('\n')
            .map(escape::mermaid)
            .collect::<Vec<_>>()
            .join("<br/>");
        s.push_str(&format!("  {}[\"{label}\"]\n", n.id));
    }
    // Styled by kind, as in DOT: one class per kind the view shows.
    let mut shown: Vec<NodeKind> = p.kinds.clone();
    shown.sort_by_key(|k| kind_key(*k));
    shown.dedup();
    for k in shown {
        let (_, fill) = style(k);
        let ids: Vec<&str> = (p.nodes.iter().zip(&p.kinds))
            .filter(|(_, nk)| **nk == k)
            .map(|(n, _)| n.id.as_str())
            .collect();
        s.push_str(&format!(
            "  classDef {} fill:{fill},stroke:#666666\n",
            kind_key(k)
        ));
        s.push_str(&format!("  class {} {}\n", ids.join(","), kind_key(k)));
    }
    for e in &p.edges {
        let label = escape::mermaid(&e.label).replace('|', "#124;");
        let arrow = match e.kind {
            "backup" | "after" => "-.->",
            _ => "-->",
        };
        s.push_str(&format!("  {} {arrow}|\"{label}\"| {}\n", e.from, e.to));
    }
    s
}

/// Renders the graph of a compiled plan (empty when the front end built none).
pub fn render_compilation(c: &crate::Compilation, lang: Lang, format: GraphFormat) -> String {
    render_compilation_view(c, lang, format, &GraphView::All).unwrap_or_default()
}

/// Renders one view of the graph of a compiled plan.
pub fn render_compilation_view(
    c: &crate::Compilation,
    lang: Lang,
    format: GraphFormat,
    view: &GraphView,
) -> Result<String, GraphViewError> {
    let title = c
        .plan
        .as_ref()
        .and_then(|p| p.plan.as_ref())
        .map(|h| h.title.value.clone())
        .unwrap_or_default();
    let empty = Graph::default();
    render_view(
        c.graph.as_ref().unwrap_or(&empty),
        &title,
        lang,
        format,
        view,
    )
}
