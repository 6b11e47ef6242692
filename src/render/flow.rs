//! The response flow chart: a layered top-down layout computed here, drawn by the
//! templates (inline SVG in HTML, a table of steps in DOCX, Mermaid in Markdown).
//!
//! Layers, top to bottom: detection; the actions started on detection, layered by
//! their `after` dependencies; the assessment that declares a level; one box per level
//! (highest first, left to right) listing its actions; the stand-down; the actions
//! after it, layered the same way; the end.

use super::labels::Labels;
use super::view::LevelView;
use crate::model::{Action, Duration, Level, Plan, Trigger};
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

/// A box's place before layout: (layer, index in the layer).
type Slot = (usize, usize);
/// A box with its wrapped lines (bold for the title) and its width and height.
type Sized = (Draft, Vec<(String, bool)>, f64, f64);

struct Draft {
    kind: &'static str,
    color: Option<&'static str>,
    title: String,
    items: Vec<String>,
}

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

/// Lays out the flow chart of a plan.
pub fn layout(
    plan: &Plan,
    levels: &[&Level],
    level_views: &[LevelView],
    t: &Labels,
    dur: impl Fn(Duration) -> String,
) -> Flow {
    if plan.actions.is_empty() && plan.levels.is_empty() {
        return Flow::default();
    }
    let deadline = |a: &Action| -> Option<String> {
        a.within
            .as_ref()
            .map(|d| t.fill("flow.within", &[("within", &dur(d.value))]))
            .or_else(|| {
                a.every
                    .as_ref()
                    .map(|d| t.fill("flow.every", &[("every", &dur(d.value))]))
            })
    };
    let action_draft = |a: &Action| {
        let mut bits = Vec::new();
        if let Some(o) = &a.owner {
            bits.push(o.value.to_string());
        }
        if let Some(d) = deadline(a) {
            bits.push(d);
        }
        Draft {
            kind: "action",
            color: None,
            title: a.name.value.to_string(),
            items: if bits.is_empty() {
                Vec::new()
            } else {
                vec![bits.join(" · ")]
            },
        }
    };

    let mut layers: Vec<Vec<Draft>> = Vec::new();
    // Edges as (layer, index in layer) pairs, resolved to ids later.
    let mut links: Vec<(Slot, Slot)> = Vec::new();
    let single = |kind, title: String| Draft {
        kind,
        color: None,
        title,
        items: Vec::new(),
    };

    layers.push(vec![single("start", t.get("flow.start"))]);
    let mut prev: Vec<Slot> = vec![(0, 0)];

    let chain = |layers: &mut Vec<Vec<Draft>>,
                 links: &mut Vec<(Slot, Slot)>,
                 prev: Vec<Slot>,
                 group: Vec<&Action>|
     -> Vec<Slot> {
        if group.is_empty() {
            return prev;
        }
        // Depth of each action: one more than the deepest `after` in the group.
        let idx = |name: &str| group.iter().position(|a| a.name.value == name);
        let mut depth = vec![0usize; group.len()];
        for _ in 0..group.len() {
            for (i, a) in group.iter().enumerate() {
                for n in &a.after {
                    if let Some(j) = idx(&n.value)
                        && j != i
                    {
                        depth[i] = depth[i].max((depth[j] + 1).min(group.len()));
                    }
                }
            }
        }
        let base = layers.len();
        let max = depth.iter().copied().max().unwrap_or(0);
        let mut pos = vec![(0usize, 0usize); group.len()];
        for d in 0..=max {
            let mut layer = Vec::new();
            for (i, a) in group.iter().enumerate() {
                if depth[i] == d {
                    pos[i] = (base + d, layer.len());
                    layer.push(action_draft(a));
                }
            }
            if !layer.is_empty() {
                layers.push(layer);
            }
        }
        let mut has_succ = vec![false; group.len()];
        for (i, a) in group.iter().enumerate() {
            let preds: Vec<usize> = a
                .after
                .iter()
                .filter_map(|n| idx(&n.value))
                .filter(|j| *j != i)
                .collect();
            if preds.is_empty() {
                for p in &prev {
                    links.push((*p, pos[i]));
                }
            }
            for j in preds {
                has_succ[j] = true;
                links.push((pos[j], pos[i]));
            }
        }
        (0..group.len())
            .filter(|i| !has_succ[*i])
            .map(|i| pos[i])
            .collect()
    };

    let detect: Vec<&Action> = plan
        .actions
        .iter()
        .filter(|a| matches!(a.trigger.value, Trigger::Detect))
        .collect();
    prev = chain(&mut layers, &mut links, prev, detect);

    if !levels.is_empty() {
        let at = layers.len();
        layers.push(vec![single("decision", t.get("flow.assess"))]);
        for p in &prev {
            links.push((*p, (at, 0)));
        }
        let lv_at = layers.len();
        let mut row = Vec::new();
        for (i, (l, v)) in levels.iter().zip(level_views).enumerate() {
            let acts: Vec<&Action> = plan
                .actions
                .iter()
                .filter(|a| a.levels().iter().any(|n| n.value == l.name.value))
                .collect();
            let mut items: Vec<String> = acts
                .iter()
                .take(MAX_ITEMS)
                .map(|a| match deadline(a) {
                    Some(d) => format!("{}（{d}）", a.name.value),
                    None => a.name.value.to_string(),
                })
                .collect();
            if acts.len() > MAX_ITEMS {
                items.push(t.fill("flow.more", &[("n", &(acts.len() - MAX_ITEMS).to_string())]));
            }
            row.push(Draft {
                kind: "level",
                color: v.color_key,
                title: v.title.clone(),
                items,
            });
            links.push(((at, 0), (lv_at, i)));
        }
        layers.push(row);
        prev = (0..levels.len()).map(|i| (lv_at, i)).collect();
        let sd = layers.len();
        layers.push(vec![single("step", t.get("flow.stand_down"))]);
        for p in &prev {
            links.push((*p, (sd, 0)));
        }
        prev = vec![(sd, 0)];
    }

    let after: Vec<&Action> = plan
        .actions
        .iter()
        .filter(|a| matches!(a.trigger.value, Trigger::StandDown))
        .collect();
    prev = chain(&mut layers, &mut links, prev, after);
    let end = layers.len();
    layers.push(vec![single("end", t.get("flow.end"))]);
    for p in &prev {
        links.push((*p, (end, 0)));
    }

    place(layers, links)
}

fn place(layers: Vec<Vec<Draft>>, links: Vec<(Slot, Slot)>) -> Flow {
    let col = |s: &str| UnicodeWidthStr::width(s) as f64 * COLUMN;
    // Size every box.
    let mut sized: Vec<Vec<Sized>> = Vec::new();
    for layer in layers {
        let mut row = Vec::new();
        for d in layer {
            let mut lines: Vec<(String, bool)> =
                wrap(&d.title).into_iter().map(|l| (l, true)).collect();
            for it in &d.items {
                lines.extend(wrap(it).into_iter().map(|l| (l, false)));
            }
            let text_w = lines.iter().map(|(l, _)| col(l)).fold(0.0, f64::max);
            let text_h = lines.len() as f64 * LINE;
            let (w, h) = if d.kind == "decision" {
                (
                    (text_w * 1.7 + 2.0 * PAD_X).max(MIN_W * 1.4),
                    text_h * 2.0 + 2.0 * PAD_Y,
                )
            } else {
                ((text_w + 2.0 * PAD_X).max(MIN_W), text_h + 2.0 * PAD_Y)
            };
            row.push((d, lines, w, h));
        }
        sized.push(row);
    }
    let layer_w = |row: &[Sized]| {
        row.iter().map(|x| x.2).sum::<f64>() + GAP_X * (row.len().saturating_sub(1)) as f64
    };
    let width = sized.iter().map(|r| layer_w(r)).fold(0.0, f64::max) + 2.0 * MARGIN;
    let mut nodes = Vec::new();
    let mut ids: Vec<Vec<usize>> = Vec::new();
    let mut bottoms: Vec<f64> = Vec::new();
    let mut y = MARGIN;
    for row in sized {
        let lw = layer_w(&row);
        let mut x = (width - lw) / 2.0;
        let lh = row.iter().map(|r| r.3).fold(0.0, f64::max);
        let mut layer_ids = Vec::new();
        for (d, lines, w, h) in row {
            let id = nodes.len();
            let cx = x + w / 2.0;
            let cy = y + h / 2.0;
            let first = cy - (lines.len() as f64 * LINE) / 2.0 + LINE * 0.5 + FONT * 0.35;
            let lines = lines
                .into_iter()
                .enumerate()
                .map(|(i, (text, bold))| {
                    let left = d.kind == "level" && !bold;
                    FlowLine {
                        text,
                        x: round(if left { x + PAD_X } else { cx }),
                        y: round(first + i as f64 * LINE),
                        bold,
                        anchor: if left { "start" } else { "middle" },
                    }
                })
                .collect();
            let points = if d.kind == "decision" {
                format!(
                    "{},{} {},{} {},{} {},{}",
                    round(cx),
                    round(y),
                    round(x + w),
                    round(cy),
                    round(cx),
                    round(y + h),
                    round(x),
                    round(cy)
                )
            } else {
                String::new()
            };
            nodes.push(FlowNode {
                id,
                kind: d.kind,
                color: d.color,
                x: round(x),
                y: round(y),
                w: round(w),
                h: round(h),
                cx: round(cx),
                cy: round(cy),
                title: d.title,
                items: d.items,
                lines,
                points,
            });
            layer_ids.push(id);
            x += w + GAP_X;
        }
        ids.push(layer_ids);
        bottoms.push(y + lh);
        y += lh + GAP_Y;
    }
    let height = y - GAP_Y + MARGIN;
    let mut edges = Vec::new();
    for ((fl, fi), (tl, ti)) in links {
        let (Some(&from), Some(&to)) = (
            ids.get(fl).and_then(|l| l.get(fi)),
            ids.get(tl).and_then(|l| l.get(ti)),
        ) else {
            continue;
        };
        let (a, b) = (&nodes[from], &nodes[to]);
        let (x1, y1) = (a.cx, round(a.y + a.h));
        let (x2, y2) = (b.cx, b.y);
        let d = if (x1 - x2).abs() < 0.5 {
            format!("M{x1},{y1} V{y2}")
        } else {
            let mid = round(bottoms.get(fl).copied().unwrap_or(y1) + GAP_Y / 2.0);
            format!("M{x1},{y1} V{mid} H{x2} V{y2}")
        };
        edges.push(FlowEdge { from, to, d });
    }
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
