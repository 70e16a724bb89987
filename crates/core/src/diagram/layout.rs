//! The entry point: lays out a whole design and marks the shapes diagnostics point at.

use std::collections::BTreeMap;

use super::geometry::Rect;
use super::index::Index;
use super::{iam, network, traffic, ContainerKind, Diagram, Marker};
use crate::model::{EntityKind, EntityRef, Topology};
use crate::validate::Diagnostic;

/// Space between the Region, the traffic graph and the IAM cards.
const AREA_GAP: f64 = 48.0;

/// Lays out `t` as a diagram, marking every shape and container that a diagnostic
/// points at with the worst severity and the messages. Pure and deterministic: the
/// same design and diagnostics always give the same diagram.
///
/// A diagnostic about a route table marks every subnet that uses the table.
///
/// ```
/// use netwright_core::diagram::{layout, ShapeKind};
/// let t = netwright_core::templates::smartinvoice();
/// let d = layout(&t, &netwright_core::validate(&t));
/// let subnets = d.shapes.iter().filter(|s| s.kind == ShapeKind::Subnet).count();
/// assert_eq!(subnets, 4);
/// ```
pub fn layout(t: &Topology, diagnostics: &[Diagnostic]) -> Diagram {
    let mut d = Diagram::default();
    d.shapes.reserve(
        2 + t.subnets.len()
            + t.nat_gateways.len()
            + t.internet_gateways.len()
            + t.security_groups.len()
            + t.iam_roles.len(),
    );
    d.edges.reserve(t.subnets.len() + t.internet_gateways.len());
    let ix = Index::new(t);
    let region = network::place(t, &ix, &mut d);
    let width = region.w.max(traffic::min_width()).max(iam::min_width());
    let mut y = region.bottom() + AREA_GAP;
    if let Some(area) = traffic::place(t, &mut d, region.x, y, width) {
        y = area.bottom() + AREA_GAP;
    }
    iam::place(t, &mut d, region.x, y, width);
    // The Region and the two areas share one right edge.
    let outer = |k: ContainerKind| {
        matches!(
            k,
            ContainerKind::Region | ContainerKind::SecurityGroups | ContainerKind::IamRoles
        )
    };
    let right = d
        .containers
        .iter()
        .filter(|c| outer(c.kind))
        .map(|c| c.rect.right())
        .fold(0.0, f64::max);
    for c in d.containers.iter_mut().filter(|c| outer(c.kind)) {
        c.rect.w = right - c.rect.x;
    }
    // Captions follow containers that grew to hold hand-placed shapes.
    for c in &mut d.containers {
        c.text.x = c.rect.x + 12.0;
        c.text.y = c.rect.y + 6.0;
    }
    mark(&ix, &mut d, diagnostics);
    let mut bounds = region;
    for s in &d.shapes {
        bounds = bounds.union(&s.rect);
    }
    for c in &d.containers {
        bounds = bounds.union(&c.rect);
    }
    for e in &d.edges {
        for p in &e.points {
            bounds = bounds.union(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
        if let Some(r) = e.label_rect {
            bounds = bounds.union(&r);
        }
    }
    d.bounds = bounds.inflate(16.0);
    d
}

/// Attaches each diagnostic to the shapes and containers of its entity.
fn mark(ix: &Index<'_>, d: &mut Diagram, diagnostics: &[Diagnostic]) {
    let mut by_entity: BTreeMap<&EntityRef, Vec<&Diagnostic>> = BTreeMap::new();
    for diag in diagnostics {
        by_entity.entry(&diag.entity).or_default().push(diag);
    }
    let marker = |entity: &EntityRef| -> Option<Marker> {
        let mut found: Vec<&Diagnostic> = by_entity.get(entity).cloned().unwrap_or_default();
        if entity.kind == EntityKind::Subnet {
            if let Some(table) = ix.subnet(&entity.id).and_then(|s| ix.route_table_of(s)) {
                let table = EntityRef::new(EntityKind::RouteTable, &table.id);
                found.extend(by_entity.get(&table).into_iter().flatten());
            }
        }
        let severity = found.iter().map(|d| d.severity).min()?;
        Some(Marker {
            severity,
            messages: found
                .iter()
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect(),
        })
    };
    if by_entity.is_empty() {
        return;
    }
    for s in &mut d.shapes {
        if let Some(e) = &s.entity {
            s.marker = marker(e);
        }
    }
    for c in &mut d.containers {
        if let Some(e) = &c.entity {
            c.marker = marker(e);
        }
    }
}
