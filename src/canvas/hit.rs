//! What is where on the laid-out [`Diagram`] (pure, tested natively): the handles and
//! "+" buttons drawn over it, the traffic source a shape stands for, what a point
//! on the diagram hits, and the end of a reachability question a shape names.

use netwright_core::diagram::{ContainerKind, Diagram, Rect, ShapeKind};
use netwright_core::model::{EntityRef, Peer, Point};
use netwright_core::Id;

use crate::panels::reach::End;

/// Radius of the drawn handles and "+" buttons, in diagram units.
pub const HANDLE_R: f64 = 8.0;
/// A button or handle drawn over the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Affordance {
    /// What it does.
    pub kind: AffordanceKind,
    /// Its centre, in diagram units.
    pub at: Point,
    /// Its accessible name and hover title.
    pub label: String,
}

/// What an [`Affordance`] does.
#[derive(Debug, Clone, PartialEq)]
pub enum AffordanceKind {
    /// Drag from here to a security group to allow traffic from shape `.0`.
    Connect(usize),
    /// Add a subnet to this zone column.
    AddSubnet {
        /// The VPC.
        vpc: Id,
        /// The zone.
        zone: String,
    },
    /// Add a subnet in a new Availability Zone of the VPC.
    AddZone {
        /// The VPC.
        vpc: Id,
    },
}

/// The traffic source a shape stands for: a group, or the Internet of the traffic graph.
pub fn source_of(d: &Diagram, i: usize) -> Option<Peer> {
    let s = d.shapes.get(i)?;
    match (s.kind, &s.entity) {
        (ShapeKind::SecurityGroup, Some(e)) => Some(Peer::SecurityGroup(e.id.clone())),
        (ShapeKind::Internet, _) if in_traffic_area(d, &s.rect) => {
            Some(Peer::Cidr("0.0.0.0/0".into()))
        }
        _ => None,
    }
}

fn in_traffic_area(d: &Diagram, r: &Rect) -> bool {
    d.containers
        .iter()
        .any(|c| c.kind == ContainerKind::SecurityGroups && c.rect.contains(r))
}

/// Every handle and "+" button of a diagram: a connect handle on the right edge of
/// each security group and of the traffic graph's Internet, a "+" under each zone
/// column, and a "+" on the right edge of each VPC for a new zone.
pub fn affordances(d: &Diagram) -> Vec<Affordance> {
    let mut out = Vec::new();
    for c in &d.containers {
        match (c.kind, &c.entity, &c.parent, &c.zone) {
            (ContainerKind::AvailabilityZone, _, Some(vpc), Some(zone)) => out.push(Affordance {
                kind: AffordanceKind::AddSubnet {
                    vpc: vpc.id.clone(),
                    zone: zone.clone(),
                },
                at: Point {
                    x: c.rect.center().x,
                    y: c.rect.bottom(),
                },
                label: format!("Add a subnet to {zone}"),
            }),
            (ContainerKind::Vpc, Some(vpc), _, _) => out.push(Affordance {
                kind: AffordanceKind::AddZone {
                    vpc: vpc.id.clone(),
                },
                at: Point {
                    x: c.rect.right(),
                    y: c.rect.center().y,
                },
                label: "Add a subnet in another Availability Zone".into(),
            }),
            _ => {}
        }
    }
    for (i, s) in d.shapes.iter().enumerate() {
        if source_of(d, i).is_some() {
            out.push(Affordance {
                kind: AffordanceKind::Connect(i),
                at: Point {
                    x: s.rect.right(),
                    y: s.rect.center().y,
                },
                label: "Drag to a security group to allow traffic from here".into(),
            });
        }
    }
    out
}

/// What a press landed on.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An affordance (index into [`affordances`]).
    Affordance(usize),
    /// A shape (index into `Diagram::shapes`).
    Shape(usize),
    /// A container; the entity clicking it selects.
    Container(Option<EntityRef>),
    /// Nothing.
    Empty,
}

/// The target under diagram point `p`; `slack` widens affordances (diagram units).
pub fn target_at(d: &Diagram, handles: &[Affordance], p: Point, slack: f64) -> Target {
    let r = HANDLE_R + slack;
    if let Some(i) = handles
        .iter()
        .position(|a| (a.at.x - p.x).powi(2) + (a.at.y - p.y).powi(2) <= r * r)
    {
        return Target::Affordance(i);
    }
    if let Some(i) = d.shapes.iter().rposition(|s| s.rect.contains_point(p)) {
        return Target::Shape(i);
    }
    match d.containers.iter().rev().find(|c| c.rect.contains_point(p)) {
        Some(c) if c.kind == ContainerKind::AvailabilityZone => Target::Container(c.parent.clone()),
        Some(c) => Target::Container(c.entity.clone()),
        None => Target::Empty,
    }
}

/// The end of a reachability question a press on `target` names: the Internet, a
/// workload (its card or its chip on a group), a security group or a subnet (also by
/// its network ACL's band or a NAT gateway drawn in it); `None` for anything else.
pub fn end_at(d: &Diagram, target: &Target) -> Option<End> {
    let Target::Shape(i) = target else {
        return None;
    };
    let s = d.shapes.get(*i)?;
    match s.kind {
        ShapeKind::Internet => Some(End::Internet),
        ShapeKind::Workload
        | ShapeKind::WorkloadLink
        | ShapeKind::SecurityGroup
        | ShapeKind::Subnet => s.entity.clone().map(End::Entity),
        ShapeKind::NetworkAcl | ShapeKind::NatGateway => d
            .shapes
            .iter()
            .find(|o| o.kind == ShapeKind::Subnet && o.rect.contains(&s.rect))
            .and_then(|o| o.entity.clone())
            .map(End::Entity),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netwright_core::diagram::layout;
    use netwright_core::templates::smartinvoice;

    #[test]
    fn affordances_of_the_reference_design() {
        let h = affordances(&layout(&smartinvoice(), &[]));
        let count = |f: fn(&AffordanceKind) -> bool| h.iter().filter(|a| f(&a.kind)).count();
        assert_eq!(count(|k| matches!(k, AffordanceKind::AddSubnet { .. })), 2);
        assert_eq!(count(|k| matches!(k, AffordanceKind::AddZone { .. })), 1);
        // Four groups and the traffic graph's Internet; not the Internet above the Region.
        assert_eq!(count(|k| matches!(k, AffordanceKind::Connect(_))), 5);
    }

    #[test]
    fn a_press_names_an_end_by_the_shape_it_lands_on() {
        use netwright_core::model::EntityKind;
        let d = layout(&smartinvoice(), &[]);
        let at = |kind: ShapeKind| {
            let i = d.shapes.iter().position(|s| s.kind == kind).unwrap();
            end_at(&d, &Target::Shape(i))
        };
        assert_eq!(at(ShapeKind::Internet), Some(End::Internet));
        for (shape, kind) in [
            (ShapeKind::Workload, EntityKind::Workload),
            (ShapeKind::WorkloadLink, EntityKind::Workload),
            (ShapeKind::SecurityGroup, EntityKind::SecurityGroup),
            (ShapeKind::Subnet, EntityKind::Subnet),
            (ShapeKind::NatGateway, EntityKind::Subnet),
        ] {
            assert!(
                matches!(at(shape), Some(End::Entity(r)) if r.kind == kind),
                "{shape:?}"
            );
        }
        assert_eq!(at(ShapeKind::InternetGateway), None);
        assert_eq!(end_at(&d, &Target::Empty), None);
    }
}
