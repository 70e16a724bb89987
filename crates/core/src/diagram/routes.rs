//! Route lines of the network part: the Internet node to each internet gateway, and
//! each subnet to the targets of its route table, through the gutters between zone
//! columns and the gaps between rows so that no line crosses a box.

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::{Rect, LINE_H};
use super::grid::{Cell, Grid, COL_W, INET_H, INET_W, ROW_GAP};
use super::index::Index;
use super::shapes::shape;
use super::{Diagram, Edge, EdgeKind, ShapeKind};
use crate::model::{Id, Point, RouteTarget, Subnet, Topology};

/// The Internet node above the first attached internet gateway, linked to each.
pub(super) fn internet_node(
    t: &Topology,
    d: &mut Diagram,
    igws: &BTreeMap<&Id, usize>,
    region: Rect,
) {
    let attached: Vec<usize> = t
        .internet_gateways
        .iter()
        .filter_map(|g| igws.get(&g.id).copied())
        .collect();
    let Some(&first) = attached.first() else {
        return;
    };
    let cx = d.shapes[first].rect.center().x;
    let rect = Rect::new(cx - INET_W / 2.0, 0.0, INET_W, INET_H);
    let inet = d.shapes.len();
    d.shapes.push(shape(
        ShapeKind::Internet,
        None,
        rect,
        Rect::new(rect.x + 10.0, rect.y + 6.0, rect.w - 20.0, 2.0 * LINE_H),
        &["Internet", "0.0.0.0/0"],
        "The public internet".into(),
        "internet",
    ));
    for (k, &g) in attached.iter().enumerate() {
        let gr = d.shapes[g].rect;
        // Only the first gateway lies straight below; a line to any other goes around
        // the Region's right side.
        let points = if k == 0 && (gr.center().x - cx).abs() < 1e-6 {
            vec![
                Point {
                    x: cx,
                    y: rect.bottom(),
                },
                Point { x: cx, y: gr.y },
            ]
        } else {
            let lane = region.right() + 16.0 + k as f64 * 6.0;
            vec![
                Point {
                    x: rect.right(),
                    y: rect.center().y,
                },
                Point {
                    x: lane,
                    y: rect.center().y,
                },
                Point {
                    x: lane,
                    y: gr.center().y,
                },
                Point {
                    x: gr.right(),
                    y: gr.center().y,
                },
            ]
        };
        d.edges.push(Edge {
            kind: EdgeKind::Internet,
            from: inet,
            to: g,
            points,
            label: String::new(),
            label_shown: String::new(),
            label_rect: None,
        });
    }
}

/// A plain elbow from `a`'s right side to `b`'s centre, for hand-placed shapes.
fn elbow(a: Rect, b: Rect) -> Vec<Point> {
    let start = Point {
        x: a.right(),
        y: a.center().y,
    };
    let end = b.center();
    let mid = (start.x + end.x) / 2.0;
    vec![
        start,
        Point { x: mid, y: start.y },
        Point { x: mid, y: end.y },
        end,
    ]
}

/// One edge per subnet and route target, through the gutters and row gaps.
#[allow(clippy::too_many_arguments)]
pub(super) fn route_edges(
    ix: &Index<'_>,
    d: &mut Diagram,
    vpc: &Id,
    subnets: &[&Subnet],
    grid: &Grid,
    cells: &BTreeMap<&Id, Cell>,
    nats: &BTreeMap<&Id, usize>,
    igws: &BTreeMap<&Id, usize>,
    moved: &BTreeSet<usize>,
) {
    for s in subnets {
        let Some(cell) = cells.get(&s.id) else {
            continue;
        };
        let Some(table) = ix.route_table_of(s) else {
            continue;
        };
        // Destinations grouped by target, in route order.
        let mut targets: Vec<(&RouteTarget, Vec<&str>)> = Vec::new();
        for r in &table.routes {
            match targets.iter_mut().find(|(tg, _)| *tg == &r.target) {
                Some((_, dests)) => dests.push(&r.destination),
                None => targets.push((&r.target, vec![&r.destination])),
            }
        }
        let src = d.shapes[cell.shape].rect;
        let mut k = 0.0;
        for (target, dests) in targets {
            let (kind, to) = match target {
                RouteTarget::InternetGateway(id) => match (ix.internet_gateway(id), igws.get(id)) {
                    (Some(g), Some(&i)) if g.vpc.as_ref() == Some(vpc) => (EdgeKind::RouteIgw, i),
                    _ => continue,
                },
                RouteTarget::NatGateway(id) => {
                    let Some(&i) = nats.get(id) else { continue };
                    let host = ix.nat_gateway(id).and_then(|n| ix.subnet(&n.subnet));
                    match host {
                        Some(h) if &h.vpc != vpc => continue,
                        Some(h) if h.availability_zone != s.availability_zone => {
                            (EdgeKind::RouteNatCrossAz, i)
                        }
                        _ => (EdgeKind::RouteNat, i),
                    }
                }
            };
            let dst = d.shapes[to].rect;
            let ey = src.y + 20.0 + k * 8.0;
            k += 1.0;
            let points = if moved.contains(&cell.shape) || moved.contains(&to) {
                elbow(src, dst)
            } else {
                let gx = grid.col_x[cell.col] + COL_W;
                match kind {
                    EdgeKind::RouteIgw => {
                        let gx = gx + 12.0;
                        let cx = dst.center().x;
                        vec![
                            Point {
                                x: src.right(),
                                y: ey,
                            },
                            Point { x: gx, y: ey },
                            Point {
                                x: gx,
                                y: grid.channel_y,
                            },
                            Point {
                                x: cx,
                                y: grid.channel_y,
                            },
                            Point {
                                x: cx,
                                y: dst.bottom(),
                            },
                        ]
                    }
                    _ => nat_route(src, dst, ey, cell, cells_of(ix, cells, to, d), grid, to),
                }
            };
            let label = dests.join(", ");
            d.edges.push(Edge {
                kind,
                from: cell.shape,
                to,
                points,
                label_shown: label.clone(),
                label,
                label_rect: None,
            });
        }
    }
}

/// The zone column and row of the subnet holding NAT shape `nat`.
fn cells_of(ix: &Index<'_>, cells: &BTreeMap<&Id, Cell>, nat: usize, d: &Diagram) -> Option<Cell> {
    let id = &d.shapes[nat].entity.as_ref()?.id;
    cells.get(&ix.nat_gateway(id)?.subnet).copied()
}

/// A subnet's route to a NAT gateway: out through its column's right gutter, along
/// the row gap next to it when the NAT is in another column, into the NAT's right side.
fn nat_route(
    src: Rect,
    dst: Rect,
    ey: f64,
    cell: &Cell,
    host: Option<Cell>,
    grid: &Grid,
    nat: usize,
) -> Vec<Point> {
    let Some(host) = host else {
        return elbow(src, dst);
    };
    let lane = (nat % 3) as f64 * 6.0;
    let gx_s = grid.col_x[cell.col] + COL_W + 20.0 + lane;
    let gx_d = grid.col_x[host.col] + COL_W + 20.0 + lane;
    let ny = dst.center().y;
    let mut points = vec![
        Point {
            x: src.right(),
            y: ey,
        },
        Point { x: gx_s, y: ey },
    ];
    if host.col != cell.col {
        let cy = if host.row > cell.row {
            grid.row_bottom[cell.row] + 8.0 + lane
        } else {
            grid.row_y[cell.row] - ROW_GAP + 8.0 + lane
        };
        points.push(Point { x: gx_s, y: cy });
        points.push(Point { x: gx_d, y: cy });
    }
    points.push(Point { x: gx_d, y: ny });
    points.push(Point {
        x: dst.right(),
        y: ny,
    });
    points
}
