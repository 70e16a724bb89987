//! The canvas's state and what it does: laying out and redrawing (debounced when a
//! layout is slow), fitting and zooming the view, revealing the selection, and the
//! pointer, wheel and key handlers, each gesture ending in one edit of the core (or,
//! while the Reach panel picks its ends, in naming one).

use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::diagram::{layout, svg, ContainerKind, Diagram, Rect};
use netwright_core::edit::{gestures, Edit};
use netwright_core::model::{EntityKind, EntityRef, Point};

use super::gesture::{self, Action, Gesture};
use super::hit::{self, Affordance, AffordanceKind};
use super::view::View;
use crate::dialog::{Dialog, OpenDialog};
use crate::editor::Editor;
use crate::panels::reach::Reach;

/// A layout slower than this (ms) is redrawn only after typing pauses.
const SLOW_LAYOUT_MS: f64 = 8.0;
/// The pause, in ms.
const DEBOUNCE_MS: u64 = 150;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// How far outside a handle a press still hits it: 4 screen pixels, at most 16
/// diagram units (at a tiny zoom a wider margin would swallow the shapes).
fn slack(k: f64) -> f64 {
    (4.0 / k).min(16.0)
}

/// The canvas's state: every field is an arena handle, so it is `Copy`.
#[derive(Clone, Copy)]
pub(super) struct Stage {
    pub(super) editor: Editor,
    pub(super) diagram: StoredValue<Diagram>,
    pub(super) handles: RwSignal<Vec<Affordance>>,
    /// Bumped after each redraw, for what depends on the diagram's geometry.
    pub(super) version: RwSignal<u64>,
    /// The drawing's pieces with a key each (their content, hashed), so a redraw
    /// replaces only the pieces that changed.
    pub(super) parts: RwSignal<Vec<((u64, u32), String)>>,
    pub(super) view: RwSignal<View>,
    pub(super) gesture: StoredValue<Gesture>,
    /// The drag the overlay shows (never `Pressed` or `Pan`).
    pub(super) live: RwSignal<Gesture>,
    pub(super) cursor: RwSignal<&'static str>,
    pub(super) el: NodeRef<html::Div>,
    /// How long the last layout and markup took, in ms (shown to benchmarks).
    pub(super) cost: RwSignal<f64>,
    pub(super) timer: StoredValue<Option<TimeoutHandle>>,
    /// The editor's `opened` count the view was last fitted for.
    pub(super) fitted: StoredValue<Option<u64>>,
    pub(super) reveal_pending: StoredValue<bool>,
}

impl Stage {
    pub(super) fn size(&self) -> (f64, f64) {
        self.el.get_untracked().map_or((0.0, 0.0), |el| {
            (el.client_width() as f64, el.client_height() as f64)
        })
    }

    pub(super) fn point(&self, ev: &web_sys::MouseEvent) -> Point {
        let (left, top) = self.el.get_untracked().map_or((0.0, 0.0), |el| {
            let r = el.get_bounding_client_rect();
            (r.left(), r.top())
        });
        Point {
            x: ev.client_x() as f64 - left,
            y: ev.client_y() as f64 - top,
        }
    }

    /// Lays out the design again and redraws the drawing.
    pub(super) fn redraw(&self) {
        let t0 = now();
        let d = self
            .editor
            .doc
            .with_untracked(|t| self.editor.diagnostics.with_untracked(|ds| layout(t, ds)));
        let parts = keyed(svg::parts(&d));
        self.handles.set(hit::affordances(&d));
        self.diagram.set_value(d);
        self.parts.set(parts);
        self.version.update(|v| *v += 1);
        self.cost.set(now() - t0);
        let opened = self.editor.opened.get_untracked();
        if self.fitted.get_value() != Some(opened) {
            let (w, _) = self.size();
            if w > 0.0 {
                self.fit_network();
                self.fitted.set_value(Some(opened));
            }
        }
        if self.reveal_pending.get_value() {
            self.reveal_selection();
        }
    }

    /// Redraws now when layouts are fast, else once changes pause.
    pub(super) fn schedule(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        let delay = if self.cost.get_untracked() < SLOW_LAYOUT_MS {
            0
        } else {
            DEBOUNCE_MS
        };
        let me = *self;
        let handle = set_timeout_with_handle(
            move || {
                me.timer.set_value(None);
                me.redraw();
            },
            Duration::from_millis(delay),
        );
        self.timer.set_value(handle.ok());
    }

    pub(super) fn fit(&self) {
        let (w, h) = self.size();
        let bounds = self.diagram.with_value(|d| d.bounds);
        self.view.set(View::fit(&bounds, w, h));
    }

    /// Fits the network (the Region and the Internet above it) when a design opens;
    /// the security groups and roles are below it, one "Fit" or a drag away.
    pub(super) fn fit_network(&self) {
        let (w, h) = self.size();
        let area = self.diagram.with_value(|d| {
            d.containers
                .iter()
                .find(|c| c.kind == ContainerKind::Region)
                .map(|r| Rect {
                    h: r.rect.bottom() - d.bounds.y + 16.0,
                    ..d.bounds
                })
                .unwrap_or(d.bounds)
        });
        self.view.set(View::fit(&area, w, h));
    }

    pub(super) fn zoom(&self, factor: f64) {
        let (w, h) = self.size();
        self.view.update(|v| {
            *v = v.zoom_at(
                Point {
                    x: w / 2.0,
                    y: h / 2.0,
                },
                factor,
            )
        });
    }

    pub(super) fn selected_rect(&self, r: &EntityRef) -> Option<Rect> {
        self.diagram.with_value(|d| {
            d.shape_for(r)
                .map(|s| s.rect)
                .or_else(|| d.container_for(r).map(|c| c.rect))
        })
    }

    /// Every shape drawing `r` (a workload repeated across its subnets, an ACL's badge
    /// on each of its subnets), else the container drawing it.
    pub(super) fn selected_rects(&self, r: &EntityRef) -> Vec<Rect> {
        self.diagram.with_value(|d| {
            let shapes: Vec<Rect> = d
                .shapes
                .iter()
                .filter(|s| s.entity.as_ref() == Some(r))
                .map(|s| s.rect)
                .collect();
            if shapes.is_empty() {
                d.container_for(r).map(|c| c.rect).into_iter().collect()
            } else {
                shapes
            }
        })
    }

    /// Pans so the selected shape is on screen (after a selection elsewhere).
    pub(super) fn reveal_selection(&self) {
        let Some(sel) = self.editor.selection.get_untracked() else {
            self.reveal_pending.set_value(false);
            return;
        };
        if sel.entity.kind == EntityKind::Design {
            self.reveal_pending.set_value(false);
            return;
        }
        if let Some(r) = self.selected_rect(&sel.entity) {
            let (w, h) = self.size();
            if w > 0.0 {
                self.view.update(|v| *v = v.reveal(&r, w, h));
            }
            self.reveal_pending.set_value(false);
        }
    }

    pub(super) fn perform(&self, action: Action) {
        let editor = self.editor;
        let dialog = expect_context::<OpenDialog>().0;
        match action {
            Action::None => {}
            Action::Select(r) => editor.select(r),
            Action::RefusedDrop => editor.info(
                "Drop a subnet on another Availability Zone column of its VPC to move it there.",
            ),
            Action::MoveSubnet { id, zone } => {
                match editor
                    .doc
                    .with_untracked(|t| gestures::move_subnet(t, &id, &zone))
                {
                    Ok(edit) => {
                        if editor.apply(edit, &format!("Move subnet to {zone}")) {
                            editor.select(Some(EntityRef::new(EntityKind::Subnet, &id)));
                            editor.info(format!("Moved the subnet to {zone}"));
                        }
                    }
                    Err(why) => editor.error(why),
                }
            }
            Action::Place { id, at } => {
                let kind = editor.doc.with_untracked(|t| t.find(&id).map(|(k, _)| k));
                let label = format!(
                    "Move {} by hand",
                    kind.map_or("shape".to_string(), |k| k.to_string())
                );
                editor.apply(
                    Edit::SetPosition {
                        id,
                        position: Some(at),
                    },
                    &label,
                );
            }
            Action::Connect { source, target } => {
                dialog.set(Some(Dialog::Connect { source, target }))
            }
            Action::AddSubnet { vpc, zone } => dialog.set(Some(Dialog::AddSubnet {
                vpc,
                zone: Some(zone),
            })),
            Action::AddZone { vpc } => dialog.set(Some(Dialog::AddSubnet { vpc, zone: None })),
        }
    }

    pub(super) fn on_down(&self, ev: ev::PointerEvent) {
        if ev.button() != 0 {
            return;
        }
        if let Some(el) = self.el.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
            let _ = el.focus();
        }
        let s = self.point(&ev);
        let v = self.view.get_untracked();
        let p = v.to_diagram(s);
        let g = self.diagram.with_value(|d| {
            self.handles
                .with_untracked(|h| gesture::press(d, h, s, p, slack(v.k)))
        });
        self.gesture.set_value(g);
    }

    pub(super) fn on_move(&self, ev: ev::PointerEvent) {
        let s = self.point(&ev);
        let v = self.view.get_untracked();
        let p = v.to_diagram(s);
        let old = self.gesture.get_value();
        if old == Gesture::Idle {
            self.hover(p, v.k);
            return;
        }
        let last = match &old {
            Gesture::Pan { last } => *last,
            Gesture::Pressed { start, .. } => *start,
            _ => s,
        };
        let g = self.diagram.with_value(|d| {
            self.handles
                .with_untracked(|h| gesture::drag(d, h, old, s, p))
        });
        match &g {
            Gesture::Pan { .. } => {
                self.cursor.set("grabbing");
                self.view.update(|v| *v = v.pan(s.x - last.x, s.y - last.y));
            }
            Gesture::Pressed { .. } | Gesture::Idle => {}
            _ => self.live.set(g.clone()),
        }
        self.gesture.set_value(g);
    }

    pub(super) fn hover(&self, p: Point, k: f64) {
        let cursor = self.diagram.with_value(|d| {
            self.handles
                .with_untracked(|h| match hit::target_at(d, h, p, slack(k)) {
                    hit::Target::Affordance(i) => match h[i].kind {
                        AffordanceKind::Connect(_) => "crosshair",
                        _ => "pointer",
                    },
                    hit::Target::Shape(i) => match d.shapes[i].kind {
                        netwright_core::diagram::ShapeKind::Subnet
                        | netwright_core::diagram::ShapeKind::SecurityGroup
                        | netwright_core::diagram::ShapeKind::IamRole => "move",
                        _ => "pointer",
                    },
                    _ => "grab",
                })
        });
        if self.cursor.get_untracked() != cursor {
            self.cursor.set(cursor);
        }
    }

    pub(super) fn on_up(&self) {
        let g = self.gesture.get_value();
        self.gesture.set_value(Gesture::Idle);
        if self.live.with_untracked(|l| *l != Gesture::Idle) {
            self.live.set(Gesture::Idle);
        }
        if self.cursor.get_untracked() == "grabbing" {
            self.cursor.set("grab");
        }
        // While the Reach panel picks its ends, a click names one instead of selecting.
        if let (Gesture::Pressed { target, .. }, Some(reach)) =
            (&g, use_context::<Reach>().filter(Reach::is_picking))
        {
            match self.diagram.with_value(|d| hit::end_at(d, target)) {
                Some(end) => reach.pick(end),
                None => self.editor.info(
                    "Click a workload, a security group, a subnet or the Internet (Esc stops picking).",
                ),
            }
            return;
        }
        let action = self
            .diagram
            .with_value(|d| self.handles.with_untracked(|h| gesture::release(d, h, g)));
        self.perform(action);
    }

    pub(super) fn on_cancel(&self) {
        self.gesture.set_value(Gesture::Idle);
        self.live.set(Gesture::Idle);
        self.cursor.set("grab");
    }

    pub(super) fn on_wheel(&self, ev: ev::WheelEvent) {
        ev.prevent_default();
        let scale = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-ev.delta_y() * scale * 0.0015).exp();
        let at = self.point(&ev);
        self.view.update(|v| *v = v.zoom_at(at, factor));
    }

    pub(super) fn on_key(&self, ev: ev::KeyboardEvent) {
        if ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() {
            // Alt+←/→ moves the selected subnet to the neighbouring zone column.
            let step = match ev.key().as_str() {
                "ArrowLeft" => -1,
                "ArrowRight" => 1,
                _ => return,
            };
            ev.prevent_default();
            let subnet = self.editor.selection.with_untracked(|s| {
                s.as_ref()
                    .filter(|s| s.entity.kind == EntityKind::Subnet)
                    .map(|s| s.entity.id.clone())
            });
            let Some(id) = subnet else {
                self.editor
                    .info("Select a subnet to move it to another zone with Alt+← or Alt+→.");
                return;
            };
            match self
                .diagram
                .with_value(|d| gesture::neighbour_zone(d, &id, step))
            {
                Some(zone) => self.perform(Action::MoveSubnet { id, zone }),
                None => self
                    .editor
                    .info("There is no zone column further that way in this VPC."),
            }
            return;
        }
        if ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let step = if ev.shift_key() { 200.0 } else { 40.0 };
        if ev.key() == "Escape" && self.gesture.with_value(|g| *g != Gesture::Idle) {
            // Esc drops the drag in progress (and keeps the selection).
            ev.stop_propagation();
            self.on_cancel();
            return;
        }
        match ev.key().as_str() {
            "+" | "=" => self.zoom(1.25),
            "-" | "_" => self.zoom(0.8),
            "0" | "f" | "F" => self.fit(),
            "1" => self.zoom(1.0 / self.view.get_untracked().k),
            "ArrowLeft" => self.view.update(|v| *v = v.pan(step, 0.0)),
            "ArrowRight" => self.view.update(|v| *v = v.pan(-step, 0.0)),
            "ArrowUp" => self.view.update(|v| *v = v.pan(0.0, step)),
            "ArrowDown" => self.view.update(|v| *v = v.pan(0.0, -step)),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// Keys each piece of markup by its content, and by how many identical pieces came
/// before it (so keys are unique even if two pieces are the same).
pub(super) fn keyed(parts: Vec<String>) -> Vec<((u64, u32), String)> {
    use std::collections::hash_map::DefaultHasher;
    use std::collections::HashMap;
    use std::hash::{Hash, Hasher};
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(parts.len());
    parts
        .into_iter()
        .map(|p| {
            let mut h = DefaultHasher::new();
            p.hash(&mut h);
            let base = h.finish();
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            ((base, *n - 1), p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_unique_and_follow_content() {
        let parts = ["<a/>", "<b/>", "<a/>"].map(String::from).to_vec();
        let k = super::keyed(parts);
        assert_eq!(k[0].0 .0, k[2].0 .0);
        assert_ne!(k[0].0, k[2].0);
        assert_ne!(k[0].0, k[1].0);
        let again = super::keyed(["<b/>", "<a/>"].map(String::from).to_vec());
        assert_eq!(again[1].0, k[0].0, "a piece keeps its key when others move");
    }
}
