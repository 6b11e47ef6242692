//! The response flow chart: a layered top-down layout computed here, drawn by the
//! templates (inline SVG in HTML, a table of steps in DOCX, Mermaid in Markdown).
//!
//! Layers, top to bottom: detection; the actions started on detection, layered by
//! their `after` dependencies; the assessment that declares a level; one box per level
//! (highest first, left to right) listing its actions; the stand-down; the actions
//! after it, layered the same way; the end.

use super::labels::Labels;
use super::view::{LevelView, duration_words};
use crate::model::{Action, Deadline, Duration, Level, Plan, Trigger};
use crate::source::Spanned;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Font size of the chart text, in SVG user units (px).
const FONT: f64 = 13.0;
/// Width of one display column (a CJK character is two).
const COLUMN: f64 = 7.0;
const LINE: f64 = 18.0;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 8.0;
const GAP_X: f64 = 18.0;
const GAP_Y: f64 = 34.0;
const MARGIN: f64 = 12.0;
const MIN_W: f64 = 110.0;
/// Longest line in display columns before wrapping.
const MAX_COLS: usize = 26;
/// Most action lines in a level box before "… and N more".
const MAX_ITEMS: usize = 7;
/// … and most display columns of them together: seven items of a Chinese plan
/// (`成立工作专班（30分钟内）`, 24 columns) fit; longer names (English titles) wrap,
/// so fewer of them are listed and the chart stays on one page.
const MAX_ITEM_COLUMNS: f64 = 7.0 * 24.0;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Flow {
    pub width: f64,
    pub height: f64,
    pub font: f64,
    pub nodes: Vec<FlowNode>,
    pub edges: Vec<FlowEdge>,
    /// Node ids per layer, top to bottom (for a table layout).
    pub layers: Vec<Vec<usize>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FlowNode {
    pub id: usize,
    /// `start`, `end`, `action`, `decision`, `level` or `step`.
    pub kind: &'static str,
    /// `red`… for level boxes.
    pub color: Option<&'static str>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// Centre of the box.
    pub cx: f64,
    pub cy: f64,
    /// The title, as written.
    pub title: String,
    /// Further lines (owner and deadline, or a level's actions), as written.
    pub items: Vec<String>,
    /// Every line wrapped and placed: title lines first (`bold`).
    pub lines: Vec<FlowLine>,
    /// The points of a diamond, for `decision`.
    pub points: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FlowLine {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub bold: bool,
    /// `middle` or `start` (the SVG `text-anchor`).
    pub anchor: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct FlowEdge {
    pub from: usize,
    pub to: usize,
    /// The SVG path.
    pub d: String,
}

/// Where a box stands before layout: its layer and its place in the layer.
#[derive(Clone, Copy, Debug)]
struct Slot {
    layer: usize,
    index: usize,
}

/// An arrow between two boxes, by their slots.
struct Link {
    from: Slot,
    to: Slot,
}

struct Draft {
    kind: &'static str,
    color: Option<&'static str>,
    title: String,
    items: Vec<String>,
}

/// A wrapped line of a box; the title's lines are bold.
struct BoxLine {
    text: String,
    bold: bool,
}

/// A box with its wrapped lines and its size.
struct SizedBox {
    draft: Draft,
    lines: Vec<BoxLine>,
    w: f64,
    h: f64,
}

/// How much wider than its text a diamond is, and its least width in plain boxes.
const DIAMOND_STRETCH: f64 = 1.7;
const DIAMOND_MIN_BOXES: f64 = 1.4;

/// Splits a line into pieces of at most `MAX_COLS` display columns.
fn wrap(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cols = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if cols + w > MAX_COLS && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            cols = 0;
        }
        cur.push(c);
        cols += w;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A box with a title only.
fn single(kind: &'static str, title: String) -> Draft {
    Draft {
        kind,
        color: None,
        title,
        items: Vec::new(),
    }
}

/// `30分钟内` or `每2小时`: when an action is due.
fn deadline(a: &Action, t: &Labels, said: Said) -> Option<String> {
    let say = |path: &str, key: &str, d: &Spanned<Duration>| {
        t.fill(path, &[(key, &duration_words(t, d.value))])
    };
    match a.deadline {
        Deadline::Immediately if a.anchor.is_none() => return Some(t.get("doc.immediately")),
        Deadline::AsNeeded if a.every.is_none() => return Some(t.get("doc.as_needed")),
        _ => {}
    }
    if a.anchor.is_some() {
        let within = match a.deadline {
            Deadline::Immediately => Some(t.get("doc.immediately")),
            _ => a.within.as_ref().map(|d| duration_words(t, d.value)),
        };
        return super::view::relative_limit(t, a, within, said);
    }
    a.within
        .as_ref()
        .map(|d| say("flow.within", "within", d))
        .or_else(|| a.every.as_ref().map(|d| say("flow.every", "every", d)))
}

/// An action's box: its name, and its owner and deadline.
fn action_draft(a: &Action, t: &Labels, say: Said) -> Draft {
    let mut bits = Vec::new();
    if let Some(o) = &a.owner {
        bits.push(say(&o.value));
    }
    if let Some(d) = deadline(a, t, say) {
        bits.push(d);
    }
    Draft {
        items: if bits.is_empty() {
            Vec::new()
        } else {
            vec![bits.join(" · ")]
        },
        ..single("action", say(&a.name.value))
    }
}

/// A level's box: its title and the actions it starts, at most `MAX_ITEMS` of them.
fn level_draft(plan: &Plan, level: &Level, view: &LevelView, t: &Labels, say: Said) -> Draft {
    let acts: Vec<&Action> = plan
        .actions
        .iter()
        .filter(|a| a.levels().iter().any(|n| n.value == level.name.value))
        .collect();
    let mut items: Vec<String> = Vec::new();
    let mut used = 0.0;
    for a in acts.iter().take(MAX_ITEMS) {
        let item = match deadline(a, t, say) {
            Some(d) => t.fill(
                "flow.item",
                &[("name", &say(&a.name.value)), ("deadline", &d)],
            ),
            None => say(&a.name.value),
        };
        used += UnicodeWidthStr::width(item.as_str()) as f64;
        if used > MAX_ITEM_COLUMNS && !items.is_empty() {
            break;
        }
        items.push(item);
    }
    if acts.len() > items.len() {
        let n = acts.len() - items.len();
        items.push(t.fill("flow.more", &[("n", &n.to_string())]));
    }
    Draft {
        kind: "level",
        color: view.color_key,
        title: view.title.clone(),
        items,
    }
}

fn actions_on(plan: &Plan, keep: impl Fn(&Trigger) -> bool) -> Vec<&Action> {
    plan.actions
        .iter()
        .filter(|a| keep(&a.trigger.value))
        .collect()
}

/// The indexes of the actions of `group` that `group[i]` waits for.
fn predecessors<'a>(group: &'a [&Action], i: usize) -> impl Iterator<Item = usize> + 'a {
    group[i]
        .after
        .iter()
        .filter_map(|n| group.iter().position(|a| a.name.value == n.value))
        .filter(move |j| *j != i)
}

/// Depth of each action: one more than the deepest `after` in the group (bounded, so
/// that a cycle ends).
fn after_depths(group: &[&Action]) -> Vec<usize> {
    let mut depth = vec![0usize; group.len()];
    for _ in 0..group.len() {
        for i in 0..group.len() {
            for j in predecessors(group, i) {
                depth[i] = depth[i].max((depth[j] + 1).min(group.len()));
            }
        }
    }
    depth
}

/// The chart before layout: its boxes layer by layer and the arrows between them.
#[derive(Default)]
struct Chart {
    layers: Vec<Vec<Draft>>,
    links: Vec<Link>,
}

impl Chart {
    /// Adds a layer of one box, with an arrow to it from every box of `prev`.
    fn step(&mut self, prev: &[Slot], draft: Draft) -> Slot {
        let at = Slot {
            layer: self.layers.len(),
            index: 0,
        };
        self.layers.push(vec![draft]);
        for from in prev {
            self.links.push(Link {
                from: *from,
                to: at,
            });
        }
        at
    }

    /// Adds a group of actions layered by their `after` dependencies, those that wait
    /// for nothing in the group linked from `prev`; returns the boxes nothing in the
    /// group waits for.
    fn chain(&mut self, prev: Vec<Slot>, group: &[&Action], t: &Labels, say: Said) -> Vec<Slot> {
        if group.is_empty() {
            return prev;
        }
        let pos = self.push_layers(group, &after_depths(group), t, say);
        let mut has_succ = vec![false; group.len()];
        for i in 0..group.len() {
            let preds: Vec<usize> = predecessors(group, i).collect();
            if preds.is_empty() {
                for from in &prev {
                    self.links.push(Link {
                        from: *from,
                        to: pos[i],
                    });
                }
            }
            for j in preds {
                has_succ[j] = true;
                self.links.push(Link {
                    from: pos[j],
                    to: pos[i],
                });
            }
        }
        (0..group.len())
            .filter(|i| !has_succ[*i])
            .map(|i| pos[i])
            .collect()
    }

    /// One layer per depth that has actions; returns where each action went.
    fn push_layers(
        &mut self,
        group: &[&Action],
        depth: &[usize],
        t: &Labels,
        say: Said,
    ) -> Vec<Slot> {
        let base = self.layers.len();
        let max = depth.iter().copied().max().unwrap_or(0);
        let mut pos = vec![Slot { layer: 0, index: 0 }; group.len()];
        for d in 0..=max {
            let mut layer = Vec::new();
            for (i, a) in group.iter().enumerate() {
                if depth[i] == d {
                    pos[i] = Slot {
                        layer: base + d,
                        index: layer.len(),
                    };
                    layer.push(action_draft(a, t, say));
                }
            }
            if !layer.is_empty() {
                self.layers.push(layer);
            }
        }
        pos
    }

    /// The assessment, a row of one box per level, and the stand-down.
    fn levels(
        &mut self,
        prev: &[Slot],
        plan: &Plan,
        levels: &[&Level],
        views: &[LevelView],
        t: &Labels,
        say: Said,
    ) -> Vec<Slot> {
        let assess = self.step(prev, single("decision", t.get("flow.assess")));
        let row_at = self.layers.len();
        let at = |index: usize| Slot {
            layer: row_at,
            index,
        };
        let mut row = Vec::new();
        for (i, (level, view)) in levels.iter().zip(views).enumerate() {
            row.push(level_draft(plan, level, view, t, say));
            self.links.push(Link {
                from: assess,
                to: at(i),
            });
        }
        self.layers.push(row);
        let row: Vec<Slot> = (0..levels.len()).map(at).collect();
        vec![self.step(&row, single("step", t.get("flow.stand_down")))]
    }
}

/// How the document says a name (an identifier by its title or as words).
pub type Said<'a> = &'a dyn Fn(&str) -> String;

/// Lays out the flow chart of a plan; `say` gives each name as the document says it.
pub fn layout(
    plan: &Plan,
    levels: &[&Level],
    level_views: &[LevelView],
    t: &Labels,
    say: Said,
) -> Flow {
    if plan.actions.is_empty() && plan.levels.is_empty() {
        return Flow::default();
    }
    let mut chart = Chart::default();
    let start = chart.step(&[], single("start", t.get("flow.start")));
    let detect = actions_on(plan, |t| matches!(t, Trigger::Detect));
    let mut prev = chart.chain(vec![start], &detect, t, say);
    if !levels.is_empty() {
        prev = chart.levels(&prev, plan, levels, level_views, t, say);
    }
    let after = actions_on(plan, |t| matches!(t, Trigger::StandDown));
    prev = chart.chain(prev, &after, t, say);
    chart.step(&prev, single("end", t.get("flow.end")));
    place(chart)
}

/// Wraps a box's lines and sizes it.
fn size(draft: Draft) -> SizedBox {
    let columns = |s: &str| UnicodeWidthStr::width(s) as f64 * COLUMN;
    let mut lines: Vec<BoxLine> = wrap(&draft.title)
        .into_iter()
        .map(|text| BoxLine { text, bold: true })
        .collect();
    for item in &draft.items {
        lines.extend(
            wrap(item)
                .into_iter()
                .map(|text| BoxLine { text, bold: false }),
        );
    }
    let text_w = lines.iter().map(|l| columns(&l.text)).fold(0.0, f64::max);
    let text_h = lines.len() as f64 * LINE;
    let (w, h) = if draft.kind == "decision" {
        (
            (text_w * DIAMOND_STRETCH + 2.0 * PAD_X).max(MIN_W * DIAMOND_MIN_BOXES),
            text_h * 2.0 + 2.0 * PAD_Y,
        )
    } else {
        ((text_w + 2.0 * PAD_X).max(MIN_W), text_h + 2.0 * PAD_Y)
    };
    SizedBox { draft, lines, w, h }
}

fn layer_width(row: &[SizedBox]) -> f64 {
    row.iter().map(|b| b.w).sum::<f64>() + GAP_X * (row.len().saturating_sub(1)) as f64
}

/// A sized box placed with its top left corner at (`x`, `y`).
fn node(id: usize, b: SizedBox, x: f64, y: f64) -> FlowNode {
    let SizedBox { draft, lines, w, h } = b;
    let cx = x + w / 2.0;
    let cy = y + h / 2.0;
    let first = cy - (lines.len() as f64 * LINE) / 2.0 + LINE * 0.5 + FONT * 0.35;
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(i, BoxLine { text, bold })| {
            let left = draft.kind == "level" && !bold;
            FlowLine {
                text,
                x: round(if left { x + PAD_X } else { cx }),
                y: round(first + i as f64 * LINE),
                bold,
                anchor: if left { "start" } else { "middle" },
            }
        })
        .collect();
    let points = if draft.kind == "decision" {
        let corner = |px: f64, py: f64| format!("{},{}", round(px), round(py));
        [(cx, y), (x + w, cy), (cx, y + h), (x, cy)]
            .map(|(px, py)| corner(px, py))
            .join(" ")
    } else {
        String::new()
    };
    FlowNode {
        id,
        kind: draft.kind,
        color: draft.color,
        x: round(x),
        y: round(y),
        w: round(w),
        h: round(h),
        cx: round(cx),
        cy: round(cy),
        title: draft.title,
        items: draft.items,
        lines,
        points,
    }
}

/// The path of an arrow: straight down, or down, across and down between layers.
/// A link to a slot no box took is drawn as nothing.
fn edge(link: &Link, ids: &[Vec<usize>], nodes: &[FlowNode], bottoms: &[f64]) -> Option<FlowEdge> {
    let id = |s: Slot| ids.get(s.layer).and_then(|l| l.get(s.index)).copied();
    let (from, to) = (id(link.from)?, id(link.to)?);
    let (a, b) = (&nodes[from], &nodes[to]);
    let (x1, y1) = (a.cx, round(a.y + a.h));
    let (x2, y2) = (b.cx, b.y);
    let d = if (x1 - x2).abs() < 0.5 {
        format!("M{x1},{y1} V{y2}")
    } else {
        let mid = round(bottoms.get(link.from.layer).copied().unwrap_or(y1) + GAP_Y / 2.0);
        format!("M{x1},{y1} V{mid} H{x2} V{y2}")
    };
    Some(FlowEdge { from, to, d })
}

fn place(chart: Chart) -> Flow {
    let Chart { layers, links } = chart;
    let sized: Vec<Vec<SizedBox>> = layers
        .into_iter()
        .map(|layer| layer.into_iter().map(size).collect())
        .collect();
    let width = sized.iter().map(|r| layer_width(r)).fold(0.0, f64::max) + 2.0 * MARGIN;
    let mut nodes = Vec::new();
    let mut ids: Vec<Vec<usize>> = Vec::new();
    let mut bottoms: Vec<f64> = Vec::new();
    let mut y = MARGIN;
    for row in sized {
        let mut x = (width - layer_width(&row)) / 2.0;
        let lh = row.iter().map(|b| b.h).fold(0.0, f64::max);
        let mut layer_ids = Vec::new();
        for b in row {
            let w = b.w;
            layer_ids.push(nodes.len());
            nodes.push(node(nodes.len(), b, x, y));
            x += w + GAP_X;
        }
        ids.push(layer_ids);
        bottoms.push(y + lh);
        y += lh + GAP_Y;
    }
    let height = y - GAP_Y + MARGIN;
    let edges = links
        .iter()
        .filter_map(|l| edge(l, &ids, &nodes, &bottoms))
        .collect();
    Flow {
        width: round(width),
        height: round(height),
        font: FONT,
        nodes,
        edges,
        layers: ids,
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_by_display_width() {
        let long = "网".repeat(20);
        let lines = wrap(&long);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].chars().count(), 13);
        assert_eq!(wrap(""), vec![String::new()]);
    }
}
