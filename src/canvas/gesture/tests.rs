//! Gestures on the reference design: clicks, drags, connect handles, "+" buttons and
//! the keyboard's neighbouring column.

use super::*;
use crate::canvas::hit::affordances;
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
