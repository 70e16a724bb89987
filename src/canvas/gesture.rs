//! What a press, a drag and a release on the diagram mean, decided from the laid-out
//! [`Diagram`] alone (pure, tested natively): select, pan, move a subnet to another
//! Availability Zone column, move a security group or role card by hand, connect a
//! traffic source to a security group, or one of the "add" buttons.

use netwright_core::diagram::{ContainerKind, Diagram, Rect, ShapeKind};
use netwright_core::model::{EntityRef, Peer, Point};
use netwright_core::Id;

/// Radius of the drawn handles and "+" buttons, in diagram units.
pub const HANDLE_R: f64 = 8.0;
/// How far (stage pixels) a press must move before it becomes a drag.
const DRAG_THRESHOLD: f64 = 4.0;

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
mod tests {
    use super::*;
    use netwright_core::diagram::layout;
    use netwright_core::model::EntityKind;
    use netwright_core::templates::smartinvoice;

    fn reference() -> (Diagram, Vec<Affordance>) {
        let d = layout(&smartinvoice(), &[]);
        let h = affordances(&d);
        (d, h)
    }

    fn shape(d: &Diagram, id: &str) -> (usize, Rect) {
        let i = d
            .shapes
            .iter()
            .position(|s| s.entity.as_ref().is_some_and(|e| e.id.as_str() == id))
            .unwrap();
        (i, d.shapes[i].rect)
    }

    fn zone_rect(d: &Diagram, zone: &str) -> Rect {
        d.containers
            .iter()
            .find(|c| c.zone.as_deref() == Some(zone))
            .unwrap()
            .rect
    }

    /// Presses at `from`, moves in steps to `to`, releases. Stage = diagram (k = 1).
    fn gesture(d: &Diagram, h: &[Affordance], from: Point, to: Point) -> Action {
        let mut g = press(d, h, from, from, 0.0);
        for i in 1..=5 {
            let t = i as f64 / 5.0;
            let p = Point {
                x: from.x + (to.x - from.x) * t,
                y: from.y + (to.y - from.y) * t,
            };
            g = drag(d, h, g, p, p);
        }
        release(d, h, g)
    }

    #[test]
    fn affordances_of_the_reference_design() {
        let (_, h) = reference();
        let count = |f: fn(&AffordanceKind) -> bool| h.iter().filter(|a| f(&a.kind)).count();
        assert_eq!(count(|k| matches!(k, AffordanceKind::AddSubnet { .. })), 2);
        assert_eq!(count(|k| matches!(k, AffordanceKind::AddZone { .. })), 1);
        // Four groups and the traffic graph's Internet; not the Internet above the Region.
        assert_eq!(count(|k| matches!(k, AffordanceKind::Connect(_))), 5);
    }

    #[test]
    fn a_click_selects_what_is_under_it() {
        let (d, h) = reference();
        let (_, r) = shape(&d, "nat");
        assert_eq!(
            gesture(&d, &h, r.center(), r.center()),
            Action::Select(Some(EntityRef::new(EntityKind::NatGateway, &"nat".into())))
        );
        let z = zone_rect(&d, "ap-southeast-1b");
        let gap = Point {
            x: z.x + 10.0,
            y: z.bottom() - 4.0,
        };
        assert_eq!(
            gesture(&d, &h, gap, gap),
            Action::Select(Some(EntityRef::new(EntityKind::Vpc, &"vpc".into())))
        );
        let far = Point {
            x: -1000.0,
            y: -1000.0,
        };
        assert_eq!(gesture(&d, &h, far, far), Action::Select(None));
    }

    #[test]
    fn dragging_a_subnet_to_the_other_column_moves_it() {
        let (d, h) = reference();
        let (_, r) = shape(&d, "subnet-private-1b");
        let target = zone_rect(&d, "ap-southeast-1a");
        let to = Point {
            x: target.center().x,
            y: r.center().y,
        };
        assert_eq!(
            gesture(&d, &h, r.center(), to),
            Action::MoveSubnet {
                id: "subnet-private-1b".into(),
                zone: "ap-southeast-1a".into()
            }
        );
        // Back into its own column: nothing; outside any column: refused.
        let own = Point {
            x: r.center().x + 10.0,
            y: r.center().y + 10.0,
        };
        assert_eq!(gesture(&d, &h, r.center(), own), Action::None);
        let out = Point {
            x: r.center().x,
            y: d.bounds.bottom() + 50.0,
        };
        assert_eq!(gesture(&d, &h, r.center(), out), Action::RefusedDrop);
    }

    #[test]
    fn dragging_from_a_handle_to_a_group_asks_for_a_rule() {
        let (d, h) = reference();
        let (alb, _) = shape(&d, "sg-alb");
        let (_, rds) = shape(&d, "sg-rds");
        let handle = h
            .iter()
            .find(|a| a.kind == AffordanceKind::Connect(alb))
            .unwrap()
            .at;
        assert_eq!(
            gesture(&d, &h, handle, rds.center()),
            Action::Connect {
                source: Peer::SecurityGroup("sg-alb".into()),
                target: "sg-rds".into()
            }
        );
        // Onto itself or onto nothing: no rule.
        let (_, alb_rect) = shape(&d, "sg-alb");
        assert_eq!(gesture(&d, &h, handle, alb_rect.center()), Action::None);
        assert_eq!(
            gesture(&d, &h, handle, Point { x: -500.0, y: 0.0 }),
            Action::None
        );
    }

    #[test]
    fn dragging_a_group_places_it_by_hand_and_dragging_space_pans() {
        let (d, h) = reference();
        let (_, r) = shape(&d, "sg-ocr");
        let to = Point {
            x: r.center().x + 100.0,
            y: r.center().y + 40.0,
        };
        assert_eq!(
            gesture(&d, &h, r.center(), to),
            Action::Place {
                id: "sg-ocr".into(),
                at: Point {
                    x: (r.x + 100.0).round(),
                    y: (r.y + 40.0).round()
                }
            }
        );
        let far = Point {
            x: -1000.0,
            y: -1000.0,
        };
        let g = drag(
            &d,
            &h,
            press(&d, &h, far, far, 0.0),
            Point {
                x: -900.0,
                y: -1000.0,
            },
            far,
        );
        assert!(matches!(g, Gesture::Pan { .. }));
        assert_eq!(release(&d, &h, g), Action::None);
    }

    #[test]
    fn alt_arrows_find_the_neighbouring_column() {
        let (d, _) = reference();
        let id = Id::new("subnet-private-1a");
        assert_eq!(
            neighbour_zone(&d, &id, 1).as_deref(),
            Some("ap-southeast-1b")
        );
        assert_eq!(neighbour_zone(&d, &id, -1), None);
        let id = Id::new("subnet-public-1b");
        assert_eq!(
            neighbour_zone(&d, &id, -1).as_deref(),
            Some("ap-southeast-1a")
        );
        assert_eq!(neighbour_zone(&d, &id, 1), None);
        assert_eq!(neighbour_zone(&d, &Id::new("nat"), 1), None);
    }

    #[test]
    fn the_plus_buttons_ask_for_a_subnet() {
        let (d, h) = reference();
        for a in &h {
            let action = gesture(&d, &h, a.at, a.at);
            match &a.kind {
                AffordanceKind::AddSubnet { zone, .. } => {
                    assert!(matches!(action, Action::AddSubnet { zone: z, .. } if &z == zone))
                }
                AffordanceKind::AddZone { vpc } => {
                    assert_eq!(action, Action::AddZone { vpc: vpc.clone() })
                }
                AffordanceKind::Connect(_) => assert!(matches!(action, Action::Select(_))),
            }
        }
    }
}
