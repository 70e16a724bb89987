//! What a press, a drag and a release on the diagram mean, decided from the laid-out
//! [`Diagram`] alone (pure, tested natively): select, pan, move a subnet to another
//! Availability Zone column, move a security group or role card by hand, connect a
//! traffic source to a security group, or one of the "add" buttons. What a point hits
//! is decided in [`super::hit`].

use netwright_core::diagram::{ContainerKind, Diagram, Rect, ShapeKind};
use netwright_core::model::{EntityRef, Peer, Point};
use netwright_core::Id;

use super::hit::{source_of, target_at, Affordance, AffordanceKind, Target};

/// How far (stage pixels) a press must move before it becomes a drag.
const DRAG_THRESHOLD: f64 = 4.0;

/// A gesture in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Gesture {
    /// Nothing pressed.
    Idle,
    /// Pressed, not yet moved far enough to be a drag.
    Pressed {
        /// Stage point of the press.
        start: Point,
        /// Diagram point of the press.
        at: Point,
        /// What was pressed.
        target: Target,
    },
    /// Dragging the view.
    Pan {
        /// The last stage point.
        last: Point,
    },
    /// Dragging a subnet towards another zone column.
    MoveSubnet {
        /// The subnet.
        id: Id,
        /// Its VPC.
        vpc: Id,
        /// Its zone now.
        zone: String,
        /// Pointer minus the rect's corner at the press.
        grab: Point,
        /// Where the dragged outline is.
        rect: Rect,
        /// The zone column under the pointer (of the same VPC), if any.
        drop: Option<(String, Rect)>,
    },
    /// Moving a security group or role card by hand.
    MoveNode {
        /// The entity.
        id: Id,
        /// Pointer minus the rect's corner at the press.
        grab: Point,
        /// Where the dragged outline is.
        rect: Rect,
    },
    /// Drawing a connection from a traffic source.
    Connect {
        /// The source.
        source: Peer,
        /// The line's start (the handle).
        from: Point,
        /// The pointer.
        to: Point,
        /// The security group under the pointer, with its rect.
        target: Option<(Id, Rect)>,
    },
}

/// What a finished gesture asks the editor to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Select this (or clear the selection).
    Select(Option<EntityRef>),
    /// Move the subnet to the zone.
    MoveSubnet {
        /// The subnet.
        id: Id,
        /// The new zone.
        zone: String,
    },
    /// A subnet dropped where it cannot go.
    RefusedDrop,
    /// Keep this hand-set position (top-left corner).
    Place {
        /// The entity.
        id: Id,
        /// Its new top-left corner.
        at: Point,
    },
    /// Ask for the protocol and ports of a new rule.
    Connect {
        /// Traffic from here…
        source: Peer,
        /// …into this group.
        target: Id,
    },
    /// Ask for the size of a new subnet in this zone.
    AddSubnet {
        /// The VPC.
        vpc: Id,
        /// The zone.
        zone: String,
    },
    /// Ask for a new zone's first subnet.
    AddZone {
        /// The VPC.
        vpc: Id,
    },
}

/// A press at stage point `start` (diagram point `at`).
pub fn press(d: &Diagram, handles: &[Affordance], start: Point, at: Point, slack: f64) -> Gesture {
    Gesture::Pressed {
        start,
        at,
        target: target_at(d, handles, at, slack),
    }
}

/// The gesture after the pointer moved to stage point `stage` (diagram point `p`).
pub fn drag(d: &Diagram, handles: &[Affordance], g: Gesture, stage: Point, p: Point) -> Gesture {
    match g {
        Gesture::Pressed { start, at, target } => {
            let moved = (stage.x - start.x).hypot(stage.y - start.y);
            if moved < DRAG_THRESHOLD {
                return Gesture::Pressed { start, at, target };
            }
            let begun = begin(d, handles, &target, at).unwrap_or(Gesture::Pan { last: start });
            drag(d, handles, begun, stage, p)
        }
        Gesture::Pan { .. } => Gesture::Pan { last: stage },
        Gesture::MoveSubnet {
            id,
            vpc,
            zone,
            grab,
            rect,
            ..
        } => {
            let drop = d
                .containers
                .iter()
                .filter(|c| {
                    c.kind == ContainerKind::AvailabilityZone
                        && c.parent.as_ref().is_some_and(|v| v.id == vpc)
                })
                .find(|c| c.rect.contains_point(p))
                .and_then(|c| c.zone.clone().map(|z| (z, c.rect)));
            Gesture::MoveSubnet {
                id,
                vpc,
                zone,
                grab,
                rect: Rect::new(p.x - grab.x, p.y - grab.y, rect.w, rect.h),
                drop,
            }
        }
        Gesture::MoveNode { id, grab, rect } => Gesture::MoveNode {
            id,
            grab,
            rect: Rect::new(p.x - grab.x, p.y - grab.y, rect.w, rect.h),
        },
        Gesture::Connect { source, from, .. } => {
            let target = d
                .shapes
                .iter()
                .rev()
                .find(|s| s.kind == ShapeKind::SecurityGroup && s.rect.contains_point(p))
                .and_then(|s| s.entity.as_ref().map(|e| (e.id.clone(), s.rect)))
                .filter(|(id, _)| source != Peer::SecurityGroup(id.clone()));
            Gesture::Connect {
                source,
                from,
                to: p,
                target,
            }
        }
        Gesture::Idle => Gesture::Idle,
    }
}

/// The drag a pressed target starts, if it starts one other than panning.
fn begin(d: &Diagram, handles: &[Affordance], target: &Target, at: Point) -> Option<Gesture> {
    match target {
        Target::Affordance(i) => match &handles.get(*i)?.kind {
            AffordanceKind::Connect(s) => Some(Gesture::Connect {
                source: source_of(d, *s)?,
                from: handles[*i].at,
                to: at,
                target: None,
            }),
            _ => None,
        },
        Target::Shape(i) => {
            let s = &d.shapes[*i];
            let e = s.entity.as_ref()?;
            let grab = Point {
                x: at.x - s.rect.x,
                y: at.y - s.rect.y,
            };
            match s.kind {
                ShapeKind::Subnet => {
                    let column = d.containers.iter().find(|c| {
                        c.kind == ContainerKind::AvailabilityZone && c.rect.contains(&s.rect)
                    })?;
                    Some(Gesture::MoveSubnet {
                        id: e.id.clone(),
                        vpc: column.parent.as_ref()?.id.clone(),
                        zone: column.zone.clone()?,
                        grab,
                        rect: s.rect,
                        drop: None,
                    })
                }
                ShapeKind::SecurityGroup | ShapeKind::IamRole => Some(Gesture::MoveNode {
                    id: e.id.clone(),
                    grab,
                    rect: s.rect,
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The zone column left (`step` −1) or right (+1) of the column a subnet is drawn in,
/// within its VPC: the keyboard's way to move a subnet (Alt+←/→).
pub fn neighbour_zone(d: &Diagram, subnet: &Id, step: i32) -> Option<String> {
    let s = d.shapes.iter().find(|s| {
        s.kind == ShapeKind::Subnet && s.entity.as_ref().is_some_and(|e| &e.id == subnet)
    })?;
    let column = d
        .containers
        .iter()
        .find(|c| c.kind == ContainerKind::AvailabilityZone && c.rect.contains(&s.rect))?;
    let mut columns: Vec<_> = d
        .containers
        .iter()
        .filter(|c| c.kind == ContainerKind::AvailabilityZone && c.parent == column.parent)
        .collect();
    netwright_core::order::sort_by(&mut columns, |a, b| a.rect.x.total_cmp(&b.rect.x));
    let at = columns.iter().position(|c| c.zone == column.zone)? as i32 + step;
    columns.get(usize::try_from(at).ok()?)?.zone.clone()
}

/// What releasing the pointer does.
pub fn release(d: &Diagram, handles: &[Affordance], g: Gesture) -> Action {
    match g {
        Gesture::Pressed { target, .. } => match target {
            Target::Affordance(i) => match handles.get(i).map(|a| &a.kind) {
                Some(AffordanceKind::AddSubnet { vpc, zone }) => Action::AddSubnet {
                    vpc: vpc.clone(),
                    zone: zone.clone(),
                },
                Some(AffordanceKind::AddZone { vpc }) => Action::AddZone { vpc: vpc.clone() },
                Some(AffordanceKind::Connect(s)) => {
                    Action::Select(d.shapes.get(*s).and_then(|s| s.entity.clone()))
                }
                None => Action::None,
            },
            Target::Shape(i) => Action::Select(d.shapes[i].entity.clone()),
            Target::Container(e) => Action::Select(e),
            Target::Empty => Action::Select(None),
        },
        Gesture::MoveSubnet { id, zone, drop, .. } => match drop {
            Some((to, _)) if to != zone => Action::MoveSubnet { id, zone: to },
            Some(_) => Action::None,
            None => Action::RefusedDrop,
        },
        Gesture::MoveNode { id, rect, .. } => Action::Place {
            id,
            at: Point {
                x: rect.x.round(),
                y: rect.y.round(),
            },
        },
        Gesture::Connect {
            source,
            target: Some((target, _)),
            ..
        } => Action::Connect { source, target },
        Gesture::Connect { .. } | Gesture::Pan { .. } | Gesture::Idle => Action::None,
    }
}

#[cfg(test)]
mod tests;
