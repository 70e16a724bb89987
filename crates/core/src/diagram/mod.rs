//! The diagram of a design, laid out by pure, deterministic code (no DOM): shapes,
//! containers and edges with their coordinates, ready for the canvas or [`svg::render`].
//!
//! [`layout`] places the region and each VPC as containers, one column per
//! Availability Zone, subnets in rows by derived tier, the internet gateway on the
//! VPC's top edge (linked to an Internet node), NAT gateways, workload cards and the
//! band of the subnet's network ACL inside each subnet, and routes from each subnet to
//! the targets of its route table. Below the region,
//! security groups form a traffic graph layered from the Internet inward (each group
//! node naming the workloads that use it), and IAM roles are cards.
//!
//! Hand-set positions (`Topology.layout.positions`) are the shape's top-left corner and
//! are used as they are, anywhere: the zone column, VPC and Region (or the traffic or
//! IAM area) grow to hold a moved shape, a moved subnet carries its NAT gateways, and
//! edges touching a moved shape become plain elbows. The no-overlap guarantee covers
//! automatic positions only. Zone columns are ordered by zone name and have a fixed
//! width, and tier bands are as tall as their fullest zone, so a new role, a subnet in
//! a zone sorting after the others, or a subnet of a new (lower) tier moves no existing
//! subnet. Entities whose parent is missing (a subnet of an unknown VPC, a NAT gateway
//! in an unknown subnet) are not drawn; the validator reports them.

mod geometry;
mod graph;
mod grid;
mod iam;
mod index;
mod layers;
mod layout;
mod network;
mod routes;
mod shapes;
pub mod svg;
mod traffic;

pub use geometry::{fit, text_width, Rect, CHAR_EM, LINE_H, TEXT_FONT, TITLE_FONT};
pub use layout::layout;

use crate::model::{EntityRef, Point};
use crate::validate::Severity;

/// What a shape stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeKind {
    /// The public internet (above the region, and the source layer of the traffic graph).
    Internet,
    /// A CIDR block other than the whole internet that security group rules allow.
    CidrBlock,
    /// An internet gateway.
    InternetGateway,
    /// A subnet.
    Subnet,
    /// A NAT gateway, drawn inside its subnet.
    NatGateway,
    /// A security group, a node of the traffic graph.
    SecurityGroup,
    /// An IAM role card.
    IamRole,
    /// The band naming a subnet's network ACL, inside the subnet it guards.
    NetworkAcl,
    /// A workload's card inside a subnet it runs in (one per subnet).
    Workload,
    /// A workload named on a security group node it uses, in the traffic graph.
    WorkloadLink,
}

/// The worst diagnostic of a shape or container, with every message about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The worst severity among the diagnostics.
    pub severity: Severity,
    /// Each diagnostic as `CODE: message`, in the validator's order.
    pub messages: Vec<String>,
}

/// A box on the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// What it stands for.
    pub kind: ShapeKind,
    /// The entity it draws; `None` for the Internet and CIDR nodes.
    pub entity: Option<EntityRef>,
    /// Where it is.
    pub rect: Rect,
    /// Where its text lines go (inside `rect`, clear of any child shape).
    pub text: Rect,
    /// Text lines, already cut to fit `text`: the first is the title
    /// ([`TITLE_FONT`]), the rest are details ([`TEXT_FONT`]).
    pub lines: Vec<String>,
    /// The full, uncut text for hover titles.
    pub title: String,
    /// Style class, e.g. `tier-public`, `tier-private`, `tier-isolated`, `igw`, `nat`,
    /// `workload`, `acl`, `workload-link`.
    pub class: &'static str,
    /// Diagnostics about the entity, if any.
    pub marker: Option<Marker>,
}

/// What a container groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContainerKind {
    /// The design's Region.
    Region,
    /// A VPC.
    Vpc,
    /// One Availability Zone column of a VPC.
    AvailabilityZone,
    /// The security group traffic graph.
    SecurityGroups,
    /// The IAM role cards.
    IamRoles,
}

/// A labelled area holding shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    /// What it groups.
    pub kind: ContainerKind,
    /// The entity it draws (the design for the Region, the VPC), if any.
    pub entity: Option<EntityRef>,
    /// The VPC an Availability Zone column belongs to.
    pub parent: Option<EntityRef>,
    /// The zone an Availability Zone column draws, e.g. `ap-southeast-1a`.
    pub zone: Option<String>,
    /// Where it is.
    pub rect: Rect,
    /// Where its caption goes.
    pub text: Rect,
    /// Its caption, cut to fit `text` ([`TEXT_FONT`]).
    pub label: String,
    /// The full caption for hover titles.
    pub title: String,
    /// Style class: `region`, `vpc`, `az`, `sg-area` or `iam-area`.
    pub class: &'static str,
    /// Diagnostics about the entity, if any.
    pub marker: Option<Marker>,
}

/// What an edge means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// The Internet node to an internet gateway.
    Internet,
    /// A subnet's route to an internet gateway.
    RouteIgw,
    /// A subnet's route to a NAT gateway in its own Availability Zone.
    RouteNat,
    /// A subnet's route to a NAT gateway in another Availability Zone.
    RouteNatCrossAz,
    /// Traffic a security group allows in from a source.
    Traffic,
}

impl EdgeKind {
    /// The style class: `internet`, `route-igw`, `route-nat`, `route-nat-cross-az`, `traffic`.
    pub fn class(self) -> &'static str {
        match self {
            EdgeKind::Internet => "internet",
            EdgeKind::RouteIgw => "route-igw",
            EdgeKind::RouteNat => "route-nat",
            EdgeKind::RouteNatCrossAz => "route-nat-cross-az",
            EdgeKind::Traffic => "traffic",
        }
    }
}

/// A line between two shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// What it means.
    pub kind: EdgeKind,
    /// Index of the source shape in [`Diagram::shapes`].
    pub from: usize,
    /// Index of the target shape in [`Diagram::shapes`].
    pub to: usize,
    /// The polyline, from the source's border to the target's border.
    pub points: Vec<Point>,
    /// The full label: ports (`TCP 80, 8080`) or route destinations (`0.0.0.0/0`).
    pub label: String,
    /// The label as drawn, cut to fit `label_rect`.
    pub label_shown: String,
    /// Where the label is drawn; `None` when it is only shown on hover.
    pub label_rect: Option<Rect>,
}

/// A laid-out design: plain data in diagram units, in a deterministic order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    /// Containers, outermost first (draw them first).
    pub containers: Vec<Container>,
    /// Shapes, parents before children (draw in order; hit-test in reverse).
    pub shapes: Vec<Shape>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// The box holding everything.
    pub bounds: Rect,
}

impl Diagram {
    /// The topmost shape under `p` (a NAT gateway before the subnet holding it).
    ///
    /// ```
    /// let t = netwright_core::templates::smartinvoice();
    /// let d = netwright_core::diagram::layout(&t, &[]);
    /// let nat = d.shapes.iter().find(|s| s.class == "nat").unwrap();
    /// let hit = d.shape_at(nat.rect.center()).unwrap();
    /// assert_eq!(hit.entity, nat.entity);
    /// ```
    pub fn shape_at(&self, p: Point) -> Option<&Shape> {
        self.shapes.iter().rev().find(|s| s.rect.contains_point(p))
    }

    /// The shape drawing `entity`, if it is drawn.
    ///
    /// ```
    /// use netwright_core::model::{EntityKind, EntityRef};
    /// let t = netwright_core::templates::smartinvoice();
    /// let d = netwright_core::diagram::layout(&t, &[]);
    /// let igw = EntityRef::new(EntityKind::InternetGateway, &"igw".into());
    /// assert!(d.shape_for(&igw).is_some());
    /// ```
    pub fn shape_for(&self, entity: &EntityRef) -> Option<&Shape> {
        self.shapes
            .iter()
            .find(|s| s.entity.as_ref() == Some(entity))
    }

    /// The container drawing `entity` (the Region for the design, a VPC), if any.
    pub fn container_for(&self, entity: &EntityRef) -> Option<&Container> {
        self.containers
            .iter()
            .find(|c| c.entity.as_ref() == Some(entity))
    }
}
