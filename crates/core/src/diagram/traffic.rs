//! The security group traffic graph: who may send traffic to whom, layered from the
//! Internet inward.
//!
//! Sources form layer 0: the Internet (`0.0.0.0/0`, `::/0`), blocks inside the VPCs,
//! and other networks (each source node lists the blocks it stands for). Each
//! group sits one layer below its nearest source (breadth-first distance, so every
//! forward edge spans one layer); groups no source reaches form a last layer. Within a
//! layer, nodes are ordered by the barycentre of their neighbours (ties by document
//! order) and a layer too wide for the area wraps into several rows. Only inbound rules
//! make edges (an ordered pair of groups is one edge labelled with every port); rules
//! of a group allowing itself draw no edge. Edges run in the gutters between columns
//! and in lanes of the gaps between rows, each label on its edge's lane next to the
//! target: above it, or below it for an edge within one row (drawn as a U underneath).
//! A group that workloads use names them in chips along its node's bottom (each chip
//! is the workload's, so selecting it selects the workload everywhere).

use super::geometry::{fit, text_width, Rect, LINE_H, TEXT_FONT};
use super::graph::{graph, Node, Source};
use super::layers::layer;
use super::shapes::{container, hand, shape};
use super::{ContainerKind, Diagram, Edge, EdgeKind, ShapeKind};
use crate::model::{EntityKind, EntityRef, Point, Topology};

const NODE_W: f64 = 220.0;
const NODE_H: f64 = 56.0;
/// Node height when some group is used by a workload: room for a row of chips.
const NODE_H_LINKED: f64 = 82.0;
/// The chips naming a group's workloads, under its text.
const CHIP_TOP: f64 = 50.0;
const CHIP_H: f64 = 22.0;
const CHIP_GAP: f64 = 4.0;
/// The most chips a node shows; past that the last one counts the rest.
const MAX_CHIPS: usize = 2;
const GUTTER: f64 = 60.0;
const SLOT: f64 = NODE_W + GUTTER;
const PAD: f64 = 48.0;
const CAPTION_H: f64 = 34.0;
const LANE_H: f64 = 18.0;
const LABEL_H: f64 = 14.0;
const GAP_PAD: f64 = 8.0;
const MIN_GAP: f64 = 36.0;

/// One horizontal run of an edge in a row gap (gap `r` is above row `r`).
struct Run {
    gap: usize,
    lo: f64,
    hi: f64,
    lane: usize,
}

/// How an edge travels between its rows.
#[derive(Clone, Copy, PartialEq)]
enum Route {
    /// Into the next row: one run in the gap between, into the target's top.
    Down,
    /// Within one row: one run in the gap below, into the target's bottom.
    Under,
    /// Anywhere else: out below the source, up or down a gutter, into the target's top.
    Gutter(f64),
}

/// The smallest width the traffic graph wants: three columns.
pub(super) fn min_width() -> f64 {
    2.0 * PAD + 3.0 * SLOT - GUTTER
}

/// Lays out the graph in an area whose top-left is `(x, y)`, `width` wide (or wider
/// if one node must stand alone); returns the area, or `None` when the design has no
/// security group.
pub(super) fn place(t: &Topology, d: &mut Diagram, x: f64, y: f64, width: f64) -> Option<Rect> {
    if t.security_groups.is_empty() {
        return None;
    }
    let (nodes, sources, edges) = graph(t);
    let n = nodes.len();
    let used_by = users(t);
    let node_h = if used_by.iter().any(|u| !u.is_empty()) {
        NODE_H_LINKED
    } else {
        NODE_H
    };
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &((a, b), _) in &edges {
        succ[a].push(b);
        pred[b].push(a);
    }
    let layers = layer(n, sources, &succ, &pred);
    // Rows: each layer wrapped to the area's width, each row centred.
    let max_cols = (((width - 2.0 * PAD + GUTTER) / SLOT).floor() as usize).max(1);
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for l in &layers {
        rows.extend(l.chunks(max_cols).map(<[usize]>::to_vec));
    }
    let used = rows.iter().map(Vec::len).max().unwrap_or(1);
    let width = width.max(2.0 * PAD + used as f64 * SLOT - GUTTER);
    let mut row_of = vec![0usize; n];
    let mut node_x = vec![0.0; n];
    for (r, row) in rows.iter().enumerate() {
        let left = x + (width - row.len() as f64 * SLOT + GUTTER) / 2.0;
        for (c, &v) in row.iter().enumerate() {
            row_of[v] = r;
            node_x[v] = left + c as f64 * SLOT;
        }
    }
    // How each edge travels; a gutter run must not cross a node of a row it passes.
    let routes: Vec<Route> = edges
        .iter()
        .enumerate()
        .map(|(e, &((a, b), _))| {
            let (ra, rb) = (row_of[a], row_of[b]);
            if rb == ra + 1 {
                return Route::Down;
            }
            if rb == ra {
                return Route::Under;
            }
            let lane = ((e % 5) as f64 - 2.0) * 5.0;
            let gx = node_x[b] - GUTTER / 2.0 + lane;
            let (r0, r1) = (ra.min(rb), ra.max(rb));
            let blocked = rows[r0..=r1]
                .iter()
                .flatten()
                .any(|&v| node_x[v] - 4.0 < gx && gx < node_x[v] + NODE_W + 4.0);
            Route::Gutter(if blocked {
                x + 12.0 + (e % 5) as f64 * 5.0
            } else {
                gx
            })
        })
        .collect();
    // Ports along the bottom (exits and U entries) and the top (other entries).
    let mut bottom_ports = vec![Vec::new(); n];
    let mut top_ports = vec![Vec::new(); n];
    for (e, &((a, b), _)) in edges.iter().enumerate() {
        bottom_ports[a].push((node_x[b], e, false));
        if routes[e] == Route::Under {
            bottom_ports[b].push((node_x[a], e, true));
        } else {
            top_ports[b].push((node_x[a], e, true));
        }
    }
    let mut exit_x = vec![0.0; edges.len()];
    let mut entry_x = vec![0.0; edges.len()];
    for v in 0..n {
        for ports in [&mut bottom_ports[v], &mut top_ports[v]] {
            crate::order::sort_by(ports, |p, q| {
                p.partial_cmp(q).unwrap_or(std::cmp::Ordering::Equal)
            });
            let k = ports.len() as f64 + 1.0;
            for (i, &(_, e, entry)) in ports.iter().enumerate() {
                let px = node_x[v] + (i as f64 + 1.0) * NODE_W / k;
                if entry {
                    entry_x[e] = px;
                } else {
                    exit_x[e] = px;
                }
            }
        }
    }
    // Runs, then lanes per gap.
    let mut runs: Vec<Run> = Vec::new();
    let mut main_run = vec![0usize; edges.len()];
    let mut first_run = vec![None; edges.len()];
    let mut labels: Vec<(String, f64, f64)> = Vec::new();
    for (e, ((a, b), label)) in edges.iter().enumerate() {
        let (ra, rb) = (row_of[*a], row_of[*b]);
        let shown = fit(label, NODE_W, TEXT_FONT);
        let lw = text_width(&shown, TEXT_FONT) + 8.0;
        let (ex, nx) = (exit_x[e], entry_x[e]);
        let llo = (nx - lw / 2.0).max(x + 4.0);
        let mut run = |gap: usize, from: f64, to: f64, label: bool| {
            let (lo, hi) = if label {
                (from.min(to).min(llo), from.max(to).max(llo + lw))
            } else {
                (from.min(to), from.max(to))
            };
            runs.push(Run {
                gap,
                lo,
                hi,
                lane: 0,
            });
            runs.len() - 1
        };
        main_run[e] = match routes[e] {
            Route::Down => run(rb, ex, nx, true),
            Route::Under => run(ra + 1, ex, nx, true),
            Route::Gutter(gx) => {
                first_run[e] = Some(run(ra + 1, ex, gx, false));
                run(rb, gx, nx, true)
            }
        };
        labels.push((shown, llo, lw));
    }
    let gaps = rows.len() + 1;
    let mut order: Vec<usize> = (0..runs.len()).collect();
    crate::order::sort_by(&mut order, |&i, &j| {
        (runs[i].gap, runs[i].lo, i)
            .partial_cmp(&(runs[j].gap, runs[j].lo, j))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut lane_end: Vec<Vec<f64>> = vec![Vec::new(); gaps];
    for i in order {
        let ends = &mut lane_end[runs[i].gap];
        let lane = ends
            .iter()
            .position(|&end| end + 8.0 < runs[i].lo)
            .unwrap_or(ends.len());
        if lane == ends.len() {
            ends.push(runs[i].hi);
        } else {
            ends[lane] = runs[i].hi;
        }
        runs[i].lane = lane;
    }
    let mut gap_top = vec![0.0; gaps];
    let mut row_y = vec![0.0; rows.len()];
    let mut cy = y + CAPTION_H;
    for g in 0..gaps {
        gap_top[g] = cy;
        let lanes = lane_end[g].len() as f64;
        let floor = if g == 0 || g == rows.len() {
            GAP_PAD
        } else {
            MIN_GAP
        };
        cy += (2.0 * GAP_PAD + lanes * LANE_H).max(floor);
        if g < rows.len() {
            row_y[g] = cy;
            cy += node_h;
        }
    }
    let lane_y = |run: &Run| gap_top[run.gap] + GAP_PAD + run.lane as f64 * LANE_H + LANE_H / 2.0;
    // Shapes.
    let mut shape_of = vec![0usize; n];
    let mut moved = vec![false; n];
    for v in 0..n {
        let auto = Point {
            x: node_x[v],
            y: row_y[row_of[v]],
        };
        let at = match nodes[v] {
            Node::Group(gi) => hand(t, &t.security_groups[gi].id).unwrap_or(auto),
            Node::Source(..) => auto,
        };
        moved[v] = at != auto;
        shape_of[v] = d.shapes.len();
        let rect = Rect::new(at.x, at.y, NODE_W, node_h);
        d.shapes.push(node_shape(t, &nodes[v], rect));
        if let Node::Group(gi) = nodes[v] {
            chips(t, &used_by[gi], rect, d);
        }
    }
    // Edges.
    let mut bottom = cy;
    for (e, ((a, b), label)) in edges.iter().enumerate() {
        let (sa, sb) = (d.shapes[shape_of[*a]].rect, d.shapes[shape_of[*b]].rect);
        let (shown, llo, lw) = labels[e].clone();
        let ly = lane_y(&runs[main_run[e]]);
        let (points, label_rect) = if moved[*a] || moved[*b] {
            let from = Point {
                x: sa.center().x,
                y: sa.bottom(),
            };
            let to = Point {
                x: sb.center().x,
                y: sb.y,
            };
            let mid = (from.y + to.y) / 2.0;
            let pts = vec![
                from,
                Point { x: from.x, y: mid },
                Point { x: to.x, y: mid },
                to,
            ];
            (
                pts,
                Rect::new(to.x - lw / 2.0, mid - LABEL_H / 2.0, lw, LABEL_H),
            )
        } else {
            let (ex, nx) = (exit_x[e], entry_x[e]);
            let mut pts = vec![Point {
                x: ex,
                y: sa.bottom(),
            }];
            match (routes[e], first_run[e]) {
                (Route::Gutter(gx), Some(fr)) => {
                    let fy = lane_y(&runs[fr]);
                    pts.push(Point { x: ex, y: fy });
                    pts.push(Point { x: gx, y: fy });
                    pts.push(Point { x: gx, y: ly });
                }
                _ => pts.push(Point { x: ex, y: ly }),
            }
            pts.push(Point { x: nx, y: ly });
            let end = if routes[e] == Route::Under {
                sb.bottom()
            } else {
                sb.y
            };
            pts.push(Point { x: nx, y: end });
            (pts, Rect::new(llo, ly - LABEL_H / 2.0, lw, LABEL_H))
        };
        bottom = bottom.max(label_rect.bottom() + GAP_PAD);
        d.edges.push(Edge {
            kind: EdgeKind::Traffic,
            from: shape_of[*a],
            to: shape_of[*b],
            points,
            label: label.clone(),
            label_shown: shown,
            label_rect: Some(label_rect),
        });
    }
    let mut area = Rect::new(x, y, width, bottom - y);
    for &s in &shape_of {
        area = area.union(&d.shapes[s].rect.inflate(16.0));
    }
    d.containers.push(container(
        ContainerKind::SecurityGroups,
        None,
        area,
        area.w - 24.0,
        "Security groups · traffic allowed in, from the Internet inward",
        "Security groups: who may send traffic to whom".into(),
        "sg-area",
    ));
    Some(area)
}

fn node_shape(t: &Topology, node: &Node, rect: Rect) -> super::Shape {
    let text = Rect::new(rect.x + 10.0, rect.y + 8.0, rect.w - 20.0, 2.0 * LINE_H);
    match node {
        Node::Source(Source::Internet, _) => shape(
            ShapeKind::Internet,
            None,
            rect,
            text,
            &["Internet", "0.0.0.0/0, ::/0"],
            "The public internet (0.0.0.0/0, ::/0)".into(),
            "internet",
        ),
        Node::Source(kind, blocks) => {
            let name = if *kind == Source::Vpc {
                "Inside the VPC"
            } else {
                "Other networks"
            };
            let list: Vec<&str> = blocks.iter().map(String::as_str).collect();
            shape(
                ShapeKind::CidrBlock,
                None,
                rect,
                text,
                &[name, &list.join(", ")],
                format!("{name}:\n{}", list.join("\n")),
                "cidr",
            )
        }
        Node::Group(gi) => {
            let g = &t.security_groups[*gi];
            shape(
                ShapeKind::SecurityGroup,
                Some(EntityRef::new(EntityKind::SecurityGroup, &g.id)),
                rect,
                text,
                &[
                    &g.name,
                    &format!("{} in · {} out rules", g.ingress.len(), g.egress.len()),
                ],
                format!("Security group {}\n{}", g.name, g.description),
                "sg",
            )
        }
    }
}

/// The workloads that use each group, as indexes into `t.workloads`, by group index.
fn users(t: &Topology) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); t.security_groups.len()];
    if t.workloads.is_empty() {
        return out;
    }
    let index: std::collections::HashMap<&crate::model::Id, usize> = t
        .security_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (&g.id, i))
        .collect();
    for (wi, w) in t.workloads.iter().enumerate() {
        for g in &w.security_groups {
            if let Some(&gi) = index.get(g) {
                if !out[gi].contains(&wi) {
                    out[gi].push(wi);
                }
            }
        }
    }
    out
}

/// One chip per workload of `users` inside the node at `rect`, side by side; more
/// than [`MAX_CHIPS`] and the last chip counts the others (and lists them on hover).
fn chips(t: &Topology, users: &[usize], rect: Rect, d: &mut Diagram) {
    if users.is_empty() {
        return;
    }
    let shown = users.len().min(MAX_CHIPS);
    let inner = NODE_W - 20.0;
    let w = (inner - (shown as f64 - 1.0) * CHIP_GAP) / shown as f64;
    for k in 0..shown {
        let chip = Rect::new(
            rect.x + 10.0 + k as f64 * (w + CHIP_GAP),
            rect.y + CHIP_TOP,
            w,
            CHIP_H,
        );
        let text = Rect::new(chip.x + 6.0, chip.y + 3.0, chip.w - 12.0, LINE_H);
        let rest = users.len() - k;
        if k + 1 == MAX_CHIPS && rest > 1 {
            let names: Vec<&str> = users[k..]
                .iter()
                .map(|&wi| t.workloads[wi].name.as_str())
                .collect();
            d.shapes.push(shape(
                ShapeKind::WorkloadLink,
                None,
                chip,
                text,
                &[&format!("+{rest} more")],
                format!("Also used by:\n{}", names.join("\n")),
                "workload-link",
            ));
            break;
        }
        let wl = &t.workloads[users[k]];
        d.shapes.push(shape(
            ShapeKind::WorkloadLink,
            Some(EntityRef::new(EntityKind::Workload, &wl.id)),
            chip,
            text,
            &[&wl.name],
            format!("Used by workload {} ({})", wl.name, wl.kind.label()),
            "workload-link",
        ));
    }
}
