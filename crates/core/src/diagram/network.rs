//! The network part of the diagram: the Region, its VPCs, one column per Availability
//! Zone, subnets in rows by tier, internet and NAT gateways, and the routes between.
//!
//! Columns have a fixed width and are ordered by zone name, and tier bands are as tall
//! as their fullest zone, so a subnet added in another zone moves no existing subnet.
//! Route lines run in the gutters between columns and the gaps between rows, never
//! through a box.

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::{Rect, LINE_H};
use super::grid::{
    Cell, Grid, COLS_TOP, COL_GAP, COL_PAD, COL_W, HEADER_H, IGW_H, IGW_W, NAT_H, NAT_STEP, PAD_X,
    REGION_TOP, ROW_GAP, SUBNET_H, SUBNET_W, VPC_GAP, VPC_MIN_W, VPC_TOP,
};
use super::index::Index;
use super::routes::{internet_node, route_edges};
use super::shapes::{container, hand, shape};
use super::{ContainerKind, Diagram, Shape, ShapeKind};
use crate::cidr;
use crate::model::{EntityKind, EntityRef, Id, Point, Subnet, Tier, Topology};

/// A workload's card in a subnet: its name, then its kind and groups.
const WORKLOAD_H: f64 = 44.0;
const WORKLOAD_STEP: f64 = 52.0;
/// The band naming the subnet's network ACL, along the subnet's bottom edge.
const ACL_H: f64 = 22.0;
const ACL_STEP: f64 = 30.0;
/// Where a subnet's first inner shape (NAT gateway, workload, ACL band) starts.
const INNER_TOP: f64 = 60.0;

fn tier_class(tier: Tier) -> &'static str {
    match tier {
        Tier::Public => "tier-public",
        Tier::PrivateWithEgress => "tier-private",
        Tier::Isolated => "tier-isolated",
    }
}

/// The tiers in band order, top to bottom.
const TIERS: [Tier; 3] = [Tier::Public, Tier::PrivateWithEgress, Tier::Isolated];

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Public => 0,
        Tier::PrivateWithEgress => 1,
        Tier::Isolated => 2,
    }
}

/// Places the Internet node, the Region and everything in it; returns the Region box.
pub(super) fn place(t: &Topology, ix: &Index<'_>, d: &mut Diagram) -> Rect {
    let region_idx = d.containers.len();
    d.containers.push(container(
        ContainerKind::Region,
        Some(EntityRef::design()),
        Rect::default(),
        0.0,
        "",
        String::new(),
        "region",
    ));
    let mut subnets_of: BTreeMap<&Id, Vec<&Subnet>> = BTreeMap::new();
    for s in &t.subnets {
        subnets_of.entry(&s.vpc).or_default().push(s);
    }
    let mut nats_of: BTreeMap<&Id, Vec<usize>> = BTreeMap::new();
    for (i, n) in t.nat_gateways.iter().enumerate() {
        nats_of.entry(&n.subnet).or_default().push(i);
    }
    let inner = Inner::new(t);
    let mut cells: BTreeMap<&Id, Cell> = BTreeMap::new();
    let mut nat_shapes: BTreeMap<&Id, usize> = BTreeMap::new();
    let mut igw_shapes: BTreeMap<&Id, usize> = BTreeMap::new();
    let mut moved: BTreeSet<usize> = BTreeSet::new();
    let mut y = REGION_TOP + VPC_TOP;
    let mut width: f64 = VPC_MIN_W;
    let mut vpc_boxes = Vec::new();
    for vpc in &t.vpcs {
        let subnets = subnets_of.get(&vpc.id).map(Vec::as_slice).unwrap_or(&[]);
        let vpc_ref = EntityRef::new(EntityKind::Vpc, &vpc.id);
        let vx = PAD_X;
        let mut azs: Vec<&str> = subnets
            .iter()
            .map(|s| s.availability_zone.as_str())
            .collect();
        crate::order::sort(&mut azs);
        azs.dedup();
        // cells[tier][zone] = subnets in document order.
        let mut bands: [Vec<Vec<&Subnet>>; 3] = Default::default();
        for band in &mut bands {
            band.resize(azs.len(), Vec::new());
        }
        for s in subnets {
            let col = azs
                .binary_search(&s.availability_zone.as_str())
                .unwrap_or_default();
            bands[tier_index(ix.tier(s))][col].push(s);
        }
        let height_of = |s: &Subnet| {
            let n = nats_of.get(&s.id).map_or(0, Vec::len);
            SUBNET_H + n as f64 * NAT_STEP + inner.height(&s.id)
        };
        let mut rows: Vec<(Tier, Vec<Option<&Subnet>>)> = Vec::new();
        for (band, tier) in bands.iter().zip(TIERS) {
            let n_rows = band.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..n_rows {
                rows.push((tier, band.iter().map(|c| c.get(k).copied()).collect()));
            }
        }
        let cols_top = y + COLS_TOP;
        let mut grid = Grid {
            col_x: (0..azs.len())
                .map(|i| vx + PAD_X + i as f64 * (COL_W + COL_GAP))
                .collect(),
            row_y: Vec::new(),
            row_bottom: Vec::new(),
            channel_y: y + 34.0,
        };
        let mut ry = cols_top + HEADER_H;
        for (_, row) in &rows {
            let h = row
                .iter()
                .flatten()
                .map(|s| height_of(s))
                .fold(0.0, f64::max);
            grid.row_y.push(ry);
            grid.row_bottom.push(ry + h);
            ry += h + ROW_GAP;
        }
        let cols_bottom = grid
            .row_bottom
            .last()
            .map_or(cols_top + HEADER_H + 40.0, |b| b + 16.0);
        let vpc_w = (2.0 * PAD_X + azs.len() as f64 * (COL_W + COL_GAP) - COL_GAP).max(VPC_MIN_W);
        let mut vpc_rect = Rect::new(vx, y, vpc_w, cols_bottom + 24.0 - y);
        let vpc_idx = d.containers.len();
        let blocks: Vec<&str> = vpc.cidrs().collect();
        d.containers.push(container(
            ContainerKind::Vpc,
            Some(vpc_ref.clone()),
            vpc_rect,
            vpc_w - 24.0 - IGW_W - 48.0,
            &format!("VPC {} · {}", vpc.name, blocks.join(", ")),
            format!("VPC {}\n{}", vpc.name, blocks.join(", ")),
            "vpc",
        ));
        let mut az_idx = Vec::new();
        for (i, az) in azs.iter().enumerate() {
            az_idx.push(d.containers.len());
            let rect = Rect::new(grid.col_x[i], cols_top, COL_W, cols_bottom - cols_top);
            let mut c = container(
                ContainerKind::AvailabilityZone,
                None,
                rect,
                COL_W - 24.0,
                az,
                format!("Availability Zone {az}"),
                "az",
            );
            c.parent = Some(vpc_ref.clone());
            c.zone = Some(az.to_string());
            d.containers.push(c);
        }
        // Subnets, each followed by its NAT gateways.
        let mut vpc_shapes = Vec::new();
        for (r, (tier, row)) in rows.iter().enumerate() {
            let tier = *tier;
            for (col, s) in row.iter().enumerate() {
                let Some(s) = s else { continue };
                let auto = Point {
                    x: grid.col_x[col] + COL_PAD,
                    y: grid.row_y[r],
                };
                let at = hand(t, &s.id).unwrap_or(auto);
                let rect = Rect::new(at.x, at.y, SUBNET_W, height_of(s));
                let usable = cidr::parse(&s.cidr)
                    .map(|c| format!("{} usable IPs", cidr::usable_addresses(c.net.prefix_len())))
                    .unwrap_or_else(|_| "invalid CIDR".into());
                let idx = d.shapes.len();
                if at != auto {
                    moved.insert(idx);
                }
                vpc_shapes.push(idx);
                d.shapes.push(shape(
                    ShapeKind::Subnet,
                    Some(EntityRef::new(EntityKind::Subnet, &s.id)),
                    rect,
                    Rect::new(rect.x + 10.0, rect.y + 8.0, rect.w - 20.0, 3.0 * LINE_H),
                    &[&s.name, &s.cidr, &usable],
                    format!(
                        "Subnet {}\n{} · {usable}\n{} · {}",
                        s.name,
                        s.cidr,
                        tier.label(),
                        s.availability_zone
                    ),
                    tier_class(tier),
                ));
                cells.insert(
                    &s.id,
                    Cell {
                        shape: idx,
                        col,
                        row: r,
                    },
                );
                for (k, &ni) in nats_of.get(&s.id).into_iter().flatten().enumerate() {
                    let n = &t.nat_gateways[ni];
                    let auto = Point {
                        x: rect.x + 10.0,
                        y: rect.y + INNER_TOP + k as f64 * NAT_STEP,
                    };
                    let at = hand(t, &n.id).unwrap_or(auto);
                    let nrect = Rect::new(at.x, at.y, SUBNET_W - 20.0, NAT_H);
                    let nidx = d.shapes.len();
                    if moved.contains(&idx) || at != auto {
                        moved.insert(nidx);
                    }
                    vpc_shapes.push(nidx);
                    let eip = n
                        .elastic_ip
                        .as_ref()
                        .map(|e| format!(", Elastic IP {}", e.name))
                        .unwrap_or_default();
                    d.shapes.push(shape(
                        ShapeKind::NatGateway,
                        Some(EntityRef::new(EntityKind::NatGateway, &n.id)),
                        nrect,
                        Rect::new(nrect.x + 8.0, nrect.y + 6.0, nrect.w - 16.0, LINE_H),
                        &[&format!("NAT {}", n.name)],
                        format!(
                            "NAT gateway {}\n{} connectivity{eip}",
                            n.name,
                            n.connectivity.as_aws()
                        ),
                        "nat",
                    ));
                    nat_shapes.insert(&n.id, nidx);
                }
                let below = INNER_TOP + nats_of.get(&s.id).map_or(0, Vec::len) as f64 * NAT_STEP;
                inner.place(t, &s.id, rect, below, d, &mut vpc_shapes);
            }
        }
        // Internet gateways straddle the VPC's top edge, from the right.
        for (k, g) in t
            .internet_gateways
            .iter()
            .filter(|g| g.vpc.as_ref() == Some(&vpc.id))
            .enumerate()
        {
            let auto = Point {
                x: vpc_rect.right() - PAD_X - IGW_W - k as f64 * (IGW_W + 16.0),
                y: y - IGW_H / 2.0,
            };
            let at = hand(t, &g.id).unwrap_or(auto);
            let idx = d.shapes.len();
            if at != auto {
                moved.insert(idx);
            }
            vpc_shapes.push(idx);
            igw_shapes.insert(&g.id, idx);
            d.shapes.push(igw_shape(g, at));
        }
        // Hand-placed subnets and NAT gateways: their zone column and the VPC grow to
        // hold them (an internet gateway stays on the edge, wherever it was put).
        for &i in vpc_shapes.iter().filter(|i| moved.contains(i)) {
            let r = d.shapes[i].rect;
            if d.shapes[i].kind == ShapeKind::InternetGateway {
                continue;
            }
            if d.shapes[i].kind == ShapeKind::Subnet {
                if let Some(cell) = d.shapes[i].entity.as_ref().and_then(|e| cells.get(&e.id)) {
                    let c = &mut d.containers[az_idx[cell.col]];
                    c.rect = c.rect.union(&r.inflate(COL_PAD));
                    vpc_rect = vpc_rect.union(&c.rect.inflate(PAD_X / 2.0));
                }
            }
            vpc_rect = vpc_rect.union(&r.inflate(PAD_X / 2.0));
        }
        d.containers[vpc_idx].rect = vpc_rect;
        route_edges(
            ix,
            d,
            &vpc.id,
            subnets,
            &grid,
            &cells,
            &nat_shapes,
            &igw_shapes,
            &moved,
        );
        width = width.max(vpc_rect.right() - vx);
        vpc_boxes.push(vpc_rect);
        y = vpc_rect.bottom() + VPC_GAP;
    }
    // Detached internet gateways live in the Region, below the VPCs.
    let detached: Vec<_> = t
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.is_none())
        .collect();
    let mut region_bottom = vpc_boxes
        .last()
        .map_or(REGION_TOP + VPC_TOP + 40.0, Rect::bottom);
    for (k, g) in detached.iter().enumerate() {
        let auto = Point {
            x: PAD_X + k as f64 * (IGW_W + 24.0),
            y: y - VPC_GAP + 32.0,
        };
        let at = hand(t, &g.id).unwrap_or(auto);
        let s = igw_shape(g, at);
        region_bottom = region_bottom.max(s.rect.bottom());
        width = width.max(s.rect.right() - PAD_X);
        d.shapes.push(s);
    }
    let mut region = Rect::new(
        0.0,
        REGION_TOP,
        width + 2.0 * PAD_X,
        region_bottom + 32.0 - REGION_TOP,
    );
    for b in &vpc_boxes {
        region = region.union(&b.inflate(PAD_X / 2.0));
    }
    {
        let c = &mut d.containers[region_idx];
        *c = container(
            ContainerKind::Region,
            Some(EntityRef::design()),
            region,
            region.w - 24.0 - IGW_W - 2.0 * PAD_X,
            &format!("Region {} · {}", t.region, t.name),
            format!("Region {}\nDesign {}", t.region, t.name),
            "region",
        );
    }
    internet_node(t, d, &igw_shapes, region);
    region
}

fn igw_shape(g: &crate::model::InternetGateway, at: Point) -> Shape {
    let rect = Rect::new(at.x, at.y, IGW_W, IGW_H);
    shape(
        ShapeKind::InternetGateway,
        Some(EntityRef::new(EntityKind::InternetGateway, &g.id)),
        rect,
        Rect::new(rect.x + 10.0, rect.y + 6.0, rect.w - 20.0, 2.0 * LINE_H),
        &[&g.name, "internet gateway"],
        format!("Internet gateway {}", g.name),
        "igw",
    )
}

/// What a subnet holds besides its NAT gateways: the workloads that run in it (one
/// card each, in document order) and the band of its network ACL, at the bottom.
struct Inner<'a> {
    /// Workloads by subnet, as indexes into `t.workloads`.
    workloads: BTreeMap<&'a Id, Vec<usize>>,
    /// The ACL of each subnet an ACL lists (the first that does, as
    /// [`Topology::network_acl_of`] reads it), as an index into `t.network_acls`.
    acl: BTreeMap<&'a Id, usize>,
}

impl<'a> Inner<'a> {
    fn new(t: &'a Topology) -> Self {
        let mut workloads: BTreeMap<&Id, Vec<usize>> = BTreeMap::new();
        for (i, w) in t.workloads.iter().enumerate() {
            for s in &w.subnets {
                let list = workloads.entry(s).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let mut acl = BTreeMap::new();
        for (i, a) in t.network_acls.iter().enumerate() {
            for s in &a.subnets {
                acl.entry(s).or_insert(i);
            }
        }
        Inner { workloads, acl }
    }

    /// The height the workload cards and the ACL band add to subnet `id`.
    fn height(&self, id: &Id) -> f64 {
        let cards = self.workloads.get(id).map_or(0, Vec::len) as f64;
        let band = if self.acl.contains_key(id) {
            ACL_STEP
        } else {
            0.0
        };
        cards * WORKLOAD_STEP + band
    }

    /// Draws the cards and the band inside the subnet at `rect`, from `top` below its
    /// top edge down; they follow the subnet wherever it is.
    fn place(
        &self,
        t: &Topology,
        id: &Id,
        rect: Rect,
        top: f64,
        d: &mut Diagram,
        vpc_shapes: &mut Vec<usize>,
    ) {
        let mut y = rect.y + top;
        for &wi in self.workloads.get(id).into_iter().flatten() {
            let w = &t.workloads[wi];
            let card = Rect::new(rect.x + 10.0, y, SUBNET_W - 20.0, WORKLOAD_H);
            let groups: Vec<&str> = w
                .security_groups
                .iter()
                .map(|g| t.security_group(g).map_or(g.as_str(), |g| g.name.as_str()))
                .collect();
            let groups = if groups.is_empty() {
                "no security group".to_string()
            } else {
                groups.join(", ")
            };
            let facing = if w.internet_facing {
                ", internet-facing"
            } else {
                ""
            };
            vpc_shapes.push(d.shapes.len());
            d.shapes.push(shape(
                ShapeKind::Workload,
                Some(EntityRef::new(EntityKind::Workload, &w.id)),
                card,
                Rect::new(card.x + 8.0, card.y + 6.0, card.w - 16.0, 2.0 * LINE_H),
                &[&w.name, &format!("{} · {groups}", w.kind.label())],
                format!(
                    "Workload {} ({}{facing})\nSecurity groups: {groups}",
                    w.name,
                    w.kind.label()
                ),
                "workload",
            ));
            y += WORKLOAD_STEP;
        }
        if let Some(&ai) = self.acl.get(id) {
            let a = &t.network_acls[ai];
            let band = Rect::new(rect.x + 10.0, y, SUBNET_W - 20.0, ACL_H);
            vpc_shapes.push(d.shapes.len());
            d.shapes.push(shape(
                ShapeKind::NetworkAcl,
                Some(EntityRef::new(EntityKind::NetworkAcl, &a.id)),
                band,
                Rect::new(band.x + 8.0, band.y + 3.0, band.w - 16.0, LINE_H),
                &[&format!("ACL {}", a.name)],
                format!(
                    "Network ACL {}\n{} inbound · {} outbound entries",
                    a.name,
                    a.inbound.len(),
                    a.outbound.len()
                ),
                "acl",
            ));
        }
    }
}
