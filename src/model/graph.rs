//! The responsibility graph: who leads, backs up, reports to, owns, approves, is
//! consulted on or told of what; which level triggers which action; which action
//! waits for which. Checks and drills query it instead of walking the model.

use super::resolve::Symbols;
use super::types::*;
use crate::source::Name;
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Body,
    Role,
    Unit,
    External,
    Channel,
    Roster,
    Level,
    Action,
    Resource,
}

impl NodeKind {
    pub fn is_party(self) -> bool {
        matches!(
            self,
            NodeKind::Body | NodeKind::Role | NodeKind::Unit | NodeKind::External
        )
    }
}

/// A node: a definition of the plan, by kind and index into its list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// Index into the plan's list of that kind (`plan.roles[index]`).
    pub index: usize,
    /// Kept inline when short, as most names are: no allocation per node.
    pub name: compact_str::CompactString,
}

/// An edge, pointing the way responsibility or information flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Edge {
    /// body → member unit
    Member,
    /// body → role that leads it
    Lead,
    /// body → role that leads it jointly with the lead
    CoLead,
    /// body → deputy role
    Deputy,
    /// body → unit that runs its office
    Office,
    /// holder → backup (AB角)
    Backup,
    /// from → to, within a time limit in minutes
    ReportsTo { within: Option<u64> },
    /// reporter → recipient of a level's own reporting line, within a time limit in
    /// minutes; `level` is the level's node index
    ReportsAt { within: Option<u64>, level: u32 },
    /// party → action (R) or party → resource
    Owns,
    /// party → action (A)
    Approves,
    /// party → action (C)
    Consulted,
    /// action → party (I)
    Informed,
    /// level → action
    Triggers,
    /// prerequisite → action that waits for it
    After,
    /// party → channel
    Watches,
    /// channel → roster that backs its hours
    BackedBy,
    /// party → roster it staffs
    Staffs,
    /// party → level it declares
    Declares,
    /// level → level it escalates to
    Upgrades,
    /// level → level it de-escalates to
    Downgrades,
}

impl Edge {
    pub fn label(self) -> &'static str {
        match self {
            Edge::Member => "member",
            Edge::Lead => "lead",
            Edge::CoLead => "co_lead",
            Edge::Deputy => "deputy",
            Edge::Office => "office",
            Edge::Backup => "backup",
            Edge::ReportsTo { .. } => "reports_to",
            Edge::ReportsAt { .. } => "reports_at",
            Edge::Owns => "owns",
            Edge::Approves => "approves",
            Edge::Consulted => "consulted",
            Edge::Informed => "informed",
            Edge::Triggers => "triggers",
            Edge::After => "after",
            Edge::Watches => "watches",
            Edge::BackedBy => "backed_by",
            Edge::Staffs => "staffs",
            Edge::Declares => "declares",
            Edge::Upgrades => "upgrades",
            Edge::Downgrades => "downgrades",
        }
    }

    pub fn is_reporting(self) -> bool {
        matches!(self, Edge::ReportsTo { .. })
    }
}

/// The responsibility graph of one plan.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    pub g: DiGraph<Node, Edge>,
    /// The definition nodes by name: the table holds only node indices and hashes
    /// the name in the node, so no name is stored twice.
    by_name: hashbrown::HashTable<NodeIndex>,
    actions: Vec<NodeIndex>,
    /// The `triggers` edges of each level as indices into the plan's actions, in plan
    /// order: the one question asked of every level, answered without walking edges.
    triggered: HashMap<NodeIndex, Vec<usize>>,
}

impl Graph {
    /// Builds the graph of a resolved plan. Unresolved names are skipped: resolution
    /// has reported them already.
    pub fn build(plan: &Plan, syms: &Symbols) -> Graph {
        let mut gr = Graph::with_room_for(plan);
        gr.add_definitions(NodeKind::Body, plan.bodies.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Role, plan.roles.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Unit, plan.units.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::External, plan.externals.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Channel, plan.channels.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Roster, plan.rosters.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Level, plan.levels.iter().map(|x| &x.name));
        gr.add_definitions(NodeKind::Resource, plan.resources.iter().map(|x| &x.name));
        for (index, a) in plan.actions.iter().enumerate() {
            let n = gr.g.add_node(Node {
                kind: NodeKind::Action,
                index,
                name: a.name.value.as_str().into(),
            });
            gr.actions.push(n);
        }
        gr.link_bodies(plan);
        gr.link_people(plan);
        gr.link_monitoring(plan);
        gr.link_levels(plan);
        gr.link_actions(plan, syms);
        for r in &plan.resources {
            let Some(rn) = gr.node(&r.name.value) else {
                continue;
            };
            if let Some(o) = r.owner.as_ref().and_then(|o| gr.node(&o.value)) {
                gr.g.add_edge(o, rn, Edge::Owns);
            }
        }
        gr
    }

    /// An empty graph with exact room for the nodes and an upper bound for the edges,
    /// so that a big plan does not leave the graph's lists half empty after growing by
    /// doubling.
    fn with_room_for(plan: &Plan) -> Graph {
        let mut gr = Graph::default();
        let definitions = plan.bodies.len()
            + plan.roles.len()
            + plan.units.len()
            + plan.externals.len()
            + plan.channels.len()
            + plan.rosters.len()
            + plan.levels.len()
            + plan.resources.len();
        gr.g.reserve_exact_nodes(definitions + plan.actions.len());
        gr.g.reserve_exact_edges(edge_bound(plan));
        let g = &gr.g;
        gr.by_name.reserve(definitions, |&n| hash_name(&g[n].name));
        gr.actions.reserve_exact(plan.actions.len());
        gr
    }

    /// One node per definition of a kind; a duplicate keeps its first definition, as
    /// the resolver does.
    fn add_definitions<'a>(&mut self, kind: NodeKind, names: impl Iterator<Item = &'a Name>) {
        for (index, name) in names.enumerate() {
            let name = name.value.as_str();
            let hash = hash_name(name);
            let g = &self.g;
            match self
                .by_name
                .entry(hash, |&n| g[n].name == name, |&n| hash_name(&g[n].name))
            {
                hashbrown::hash_table::Entry::Occupied(_) => {}
                hashbrown::hash_table::Entry::Vacant(slot) => {
                    let n = NodeIndex::new(g.node_count());
                    slot.insert(n);
                    self.g.add_node(Node {
                        kind,
                        index,
                        name: name.into(),
                    });
                }
            }
        }
    }

    fn link_bodies(&mut self, plan: &Plan) {
        for b in &plan.bodies {
            let Some(from) = self.node(&b.name.value) else {
                continue;
            };
            self.link_all(from, b.lead.iter(), Edge::Lead);
            self.link_all(from, b.co_leads.iter(), Edge::CoLead);
            self.link_all(from, b.deputies.iter(), Edge::Deputy);
            self.link_all(from, b.office.iter(), Edge::Office);
            self.link_all(from, b.members.iter(), Edge::Member);
        }
    }

    /// Backups and reporting lines of roles and units.
    fn link_people(&mut self, plan: &Plan) {
        let people = plan
            .roles
            .iter()
            .map(|r| (&r.name, &r.backup, &r.reports_to))
            .chain(
                plan.units
                    .iter()
                    .map(|u| (&u.name, &u.backup, &u.reports_to)),
            );
        for (name, backup, reports) in people {
            let Some(from) = self.node(&name.value) else {
                continue;
            };
            self.link_all(from, backup.iter(), Edge::Backup);
            for l in reports {
                if let Some(to) = self.node(&l.to.value) {
                    let within = l.within.as_ref().map(|d| d.value.minutes());
                    self.g.add_edge(from, to, Edge::ReportsTo { within });
                }
            }
        }
    }

    /// Who watches each channel, the roster behind it, and who staffs each roster.
    fn link_monitoring(&mut self, plan: &Plan) {
        for c in &plan.channels {
            let Some(ch) = self.node(&c.name.value) else {
                continue;
            };
            for w in &c.watched_by {
                if let Some(p) = self.node(&w.value) {
                    self.g.add_edge(p, ch, Edge::Watches);
                }
            }
            self.link_all(ch, c.roster.iter(), Edge::BackedBy);
        }
        for r in &plan.rosters {
            let Some(rn) = self.node(&r.name.value) else {
                continue;
            };
            for u in r.unit.iter().chain(&r.role) {
                if let Some(u) = self.node(&u.value) {
                    self.g.add_edge(u, rn, Edge::Staffs);
                }
            }
        }
    }

    /// Who declares each level and which levels it escalates and de-escalates to.
    fn link_levels(&mut self, plan: &Plan) {
        for l in &plan.levels {
            let Some(ln) = self.node(&l.name.value) else {
                continue;
            };
            if let Some(d) = l.declared_by.as_ref().and_then(|d| self.node(&d.value)) {
                self.g.add_edge(d, ln, Edge::Declares);
            }
            self.link_all(ln, l.upgrade_to.iter(), Edge::Upgrades);
            self.link_all(ln, l.downgrade_to.iter(), Edge::Downgrades);
            for r in &l.reports_to {
                let from = match l.reporter(r) {
                    Some(by) => self.node(&by.value),
                    None => self.commander(),
                };
                if let (Some(from), Some(to)) = (from, self.node(&r.to.value)) {
                    let within = r.within.as_ref().map(|d| d.value.minutes());
                    let level = ln.index() as u32;
                    self.g.add_edge(from, to, Edge::ReportsAt { within, level });
                }
            }
        }
    }

    /// The levels that start each action, its RACI parties and what it waits for.
    fn link_actions(&mut self, plan: &Plan, syms: &Symbols) {
        for (i, a) in plan.actions.iter().enumerate() {
            let an = self.actions[i];
            for l in a.levels() {
                if let Some(ln) = self.node(&l.value) {
                    self.g.add_edge(ln, an, Edge::Triggers);
                    self.triggered.entry(ln).or_default().push(i);
                }
            }
            let parties = (a.owner.iter().chain(&a.co_owners).map(|n| (n, Edge::Owns)))
                .chain(a.approve.iter().map(|n| (n, Edge::Approves)))
                .chain(a.consult.iter().map(|n| (n, Edge::Consulted)));
            for (n, edge) in parties {
                if let Some(p) = self.node(&n.value) {
                    self.g.add_edge(p, an, edge);
                }
            }
            for n in &a.inform {
                if let Some(p) = self.node(&n.value) {
                    self.g.add_edge(an, p, Edge::Informed);
                }
            }
            if let Some(targets) = syms.after.get(i) {
                for j in targets.iter().flatten() {
                    self.g.add_edge(self.actions[*j], an, Edge::After);
                }
            }
        }
    }

    fn link_all<'a>(&mut self, from: NodeIndex, to: impl Iterator<Item = &'a Name>, edge: Edge) {
        for n in to {
            if let Some(t) = self.node(&n.value) {
                self.g.add_edge(from, t, edge);
            }
        }
    }

    /// The actions a level triggers, as indices into the plan's actions, in plan order.
    pub fn triggered(&self, level: NodeIndex) -> &[usize] {
        self.triggered.get(&level).map_or(&[], Vec::as_slice)
    }

    /// The node of a top-level definition (not an action).
    pub fn node(&self, name: &str) -> Option<NodeIndex> {
        self.by_name
            .find(hash_name(name), |&n| self.g[n].name == name)
            .copied()
    }

    /// The node of `plan.actions[i]`.
    pub fn action(&self, i: usize) -> NodeIndex {
        self.actions[i]
    }

    pub fn weight(&self, n: NodeIndex) -> &Node {
        &self.g[n]
    }

    /// Edges leaving `n` that `keep` accepts, as (target, edge), in a fixed order.
    pub fn outgoing(&self, n: NodeIndex, keep: impl Fn(&Edge) -> bool) -> Vec<(NodeIndex, Edge)> {
        self.neighbours(n, Direction::Outgoing, keep)
    }

    /// Edges entering `n` that `keep` accepts, as (source, edge), in a fixed order.
    pub fn incoming(&self, n: NodeIndex, keep: impl Fn(&Edge) -> bool) -> Vec<(NodeIndex, Edge)> {
        self.neighbours(n, Direction::Incoming, keep)
    }

    /// The nodes at the other end of `n`'s edges in `direction` that `keep` accepts,
    /// by node index (edges to the same node in the graph's order).
    fn neighbours(
        &self,
        n: NodeIndex,
        direction: Direction,
        keep: impl Fn(&Edge) -> bool,
    ) -> Vec<(NodeIndex, Edge)> {
        let mut v: Vec<(NodeIndex, Edge)> = self
            .g
            .edges_directed(n, direction)
            .filter(|e| keep(e.weight()))
            .map(|e| {
                let other = match direction {
                    Direction::Outgoing => e.target(),
                    Direction::Incoming => e.source(),
                };
                (other, *e.weight())
            })
            .collect();
        v.sort_by_key(|(t, _)| t.index());
        v
    }

    /// The commander: the role leading the first command body.
    pub fn commander(&self) -> Option<NodeIndex> {
        let body = self
            .g
            .node_indices()
            .find(|&n| self.g[n].kind == NodeKind::Body)?;
        self.outgoing(body, |e| *e == Edge::Lead)
            .first()
            .map(|(t, _)| *t)
    }

    /// The backup of a party, if it has one.
    pub fn backup(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.outgoing(n, |e| *e == Edge::Backup)
            .first()
            .map(|(t, _)| *t)
    }

    /// Whether `to` can be reached from `from` along edges `keep` accepts.
    pub fn reaches(&self, from: NodeIndex, to: NodeIndex, keep: impl Fn(&Edge) -> bool) -> bool {
        let mut seen = HashSet::new();
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            if n == to {
                return true;
            }
            if !seen.insert(n) {
                continue;
            }
            for (t, _) in self.outgoing(n, &keep) {
                queue.push_back(t);
            }
        }
        false
    }

    /// The cycles among edges `keep` accepts: each as a closed path of nodes, starting
    /// at its lowest node, one per strongly connected component.
    pub fn cycles(&self, keep: impl Fn(&Edge) -> bool + Copy) -> Vec<Vec<NodeIndex>> {
        // The kept edges, in one pass over the edge list, as a graph of their own: the
        // walks below then never step over the edges of another kind (a level with a
        // block of thousands of actions has thousands of `triggers` edges).
        let mut sub: DiGraph<(), ()> = DiGraph::with_capacity(self.g.node_count(), 0);
        for _ in 0..self.g.node_count() {
            sub.add_node(());
        }
        for e in self.g.raw_edges() {
            if keep(&e.weight) {
                sub.add_edge(e.source(), e.target(), ());
            }
        }
        let mut out = Vec::new();
        // Kosaraju walks iteratively: a chain of thousands of actions cannot overflow
        // the stack (tarjan_scc recurses once per node).
        for scc in petgraph::algo::kosaraju_scc(&sub) {
            let self_loop = scc.len() == 1 && sub.contains_edge(scc[0], scc[0]);
            if scc.len() < 2 && !self_loop {
                continue;
            }
            let members: HashSet<NodeIndex> = scc.iter().copied().collect();
            let start = *scc.iter().min_by_key(|n| n.index()).unwrap();
            out.push(cycle_path(&sub, start, &members));
        }
        out.sort_by_key(|c| c[0].index());
        out
    }
}

/// A shortest path from `start` back to itself inside one component of `sub`, taking
/// the successors of each node by index (the graph's fixed order).
fn cycle_path(
    sub: &DiGraph<(), ()>,
    start: NodeIndex,
    members: &HashSet<NodeIndex>,
) -> Vec<NodeIndex> {
    let mut prev: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut seen = HashSet::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = sub.neighbors(n).collect();
        next.sort_by_key(|t| t.index());
        for t in next {
            if !members.contains(&t) {
                continue;
            }
            if t == start {
                let mut path = vec![n];
                let mut cur = n;
                while cur != start {
                    cur = prev[&cur];
                    path.push(cur);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if seen.insert(t) {
                prev.insert(t, n);
                queue.push_back(t);
            }
        }
    }
    vec![start, start]
}

/// An upper bound of the edges of a plan's graph.
fn edge_bound(plan: &Plan) -> usize {
    let bodies: usize = plan
        .bodies
        .iter()
        .map(|b| 2 + b.deputies.len() + b.members.len())
        .sum();
    let roles: usize = plan.roles.iter().map(|r| 1 + r.reports_to.len()).sum();
    let units: usize = plan.units.iter().map(|u| 1 + u.reports_to.len()).sum();
    let channels: usize = plan.channels.iter().map(|c| 1 + c.watched_by.len()).sum();
    let actions: usize = plan
        .actions
        .iter()
        .map(|a| {
            1 + a.levels().len()
                + a.approve.len()
                + a.consult.len()
                + a.inform.len()
                + a.after.len()
        })
        .sum();
    bodies
        + roles
        + units
        + channels
        + plan.rosters.len()
        + 3 * plan.levels.len()
        + plan
            .levels
            .iter()
            .map(|l| l.reports_to.len())
            .sum::<usize>()
        + actions
        + plan.resources.len()
}

fn hash_name(name: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(name)
}
