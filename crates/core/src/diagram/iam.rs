//! IAM role cards: each role with the services that may assume it and its policies,
//! in a grid below the traffic graph.

use super::geometry::{Rect, LINE_H};
use super::shapes::{container, hand, shape};
use super::{ContainerKind, Diagram, ShapeKind};
use crate::model::{EntityKind, EntityRef, Point, Topology};

const CARD_W: f64 = 380.0;
const GAP: f64 = 24.0;
const PAD: f64 = 24.0;
const CAPTION_H: f64 = 34.0;

/// The smallest width the cards want: two columns.
pub(super) fn min_width() -> f64 {
    2.0 * PAD + 2.0 * CARD_W + GAP
}

/// Lays out one card per role in an area whose top-left is `(x, y)`, `width` wide;
/// returns the area, or `None` when the design has no role.
pub(super) fn place(t: &Topology, d: &mut Diagram, x: f64, y: f64, width: f64) -> Option<Rect> {
    if t.iam_roles.is_empty() {
        return None;
    }
    let cols = (((width - 2.0 * PAD + GAP) / (CARD_W + GAP)).floor() as usize).max(1);
    let cards: Vec<Vec<String>> = t
        .iam_roles
        .iter()
        .map(|r| {
            let mut lines = vec![r.name.clone()];
            lines.extend(r.trusted_services.iter().map(|p| format!("assumed by {p}")));
            lines.extend(r.managed_policies.iter().map(|p| format!("+ {p}")));
            if r.instance_profile {
                lines.push("with instance profile".into());
            }
            lines
        })
        .collect();
    let height = |lines: &Vec<String>| 16.0 + lines.len() as f64 * LINE_H;
    let mut area = Rect::new(x, y, width, CAPTION_H);
    let mut row_y = y + CAPTION_H;
    for (start, chunk) in cards.chunks(cols).enumerate().map(|(r, c)| (r * cols, c)) {
        let row_h = chunk.iter().map(height).fold(0.0, f64::max);
        for (c, lines) in chunk.iter().enumerate() {
            let role = &t.iam_roles[start + c];
            let auto = Point {
                x: x + PAD + c as f64 * (CARD_W + GAP),
                y: row_y,
            };
            let at = hand(t, &role.id).unwrap_or(auto);
            let rect = Rect::new(at.x, at.y, CARD_W, height(lines));
            let text = Rect::new(
                rect.x + 10.0,
                rect.y + 8.0,
                rect.w - 20.0,
                lines.len() as f64 * LINE_H,
            );
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let mut title = format!("IAM role {}", role.name);
            if !role.description.is_empty() {
                title.push('\n');
                title.push_str(&role.description);
            }
            for l in &lines[1..] {
                title.push('\n');
                title.push_str(l);
            }
            area = area.union(&rect.inflate(PAD));
            d.shapes.push(shape(
                ShapeKind::IamRole,
                Some(EntityRef::new(EntityKind::IamRole, &role.id)),
                rect,
                text,
                &refs,
                title,
                "iam",
            ));
        }
        row_y += row_h + GAP;
    }
    d.containers.push(container(
        ContainerKind::IamRoles,
        None,
        area,
        area.w - 24.0,
        "IAM roles · who may assume them, which policies they carry",
        "IAM roles".into(),
        "iam-area",
    ));
    Some(area)
}
