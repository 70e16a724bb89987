//! The builders every part of the diagram uses: a shape with its fitted text lines, a
//! container with its caption, and a shape's hand-set position.

use super::geometry::{fit, Rect, LINE_H, TEXT_FONT, TITLE_FONT};
use super::{Container, ContainerKind, Shape, ShapeKind};
use crate::model::{EntityRef, Id, Point, Topology};

/// A shape with its text box: the first line is the title, the rest details.
pub(super) fn shape(
    kind: ShapeKind,
    entity: Option<EntityRef>,
    rect: Rect,
    text: Rect,
    lines: &[&str],
    title: String,
    class: &'static str,
) -> Shape {
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, l)| fit(l, text.w, if i == 0 { TITLE_FONT } else { TEXT_FONT }))
        .collect();
    Shape {
        kind,
        entity,
        rect,
        text,
        lines,
        title,
        class,
        marker: None,
    }
}

/// A container with a one-line caption at its top-left.
pub(super) fn container(
    kind: ContainerKind,
    entity: Option<EntityRef>,
    rect: Rect,
    caption_w: f64,
    label: &str,
    title: String,
    class: &'static str,
) -> Container {
    let text = Rect::new(rect.x + 12.0, rect.y + 6.0, caption_w, LINE_H);
    Container {
        zone: None,
        kind,
        entity,
        parent: None,
        rect,
        text,
        label: fit(label, text.w, TEXT_FONT),
        title,
        class,
        marker: None,
    }
}

/// The hand-set top-left corner of `id`, if any.
pub(super) fn hand(t: &Topology, id: &Id) -> Option<Point> {
    t.layout.positions.get(id).copied()
}
