//! The diagram canvas: the core's layout drawn as SVG, and the editor for it.
//!
//! Two stacked SVGs: the drawing (the core's [`svg::parts`], keyed by content so a
//! change of the design replaces only the pieces that changed; debounced when a
//! layout is slow) and an overlay drawn by
//! Leptos (selection, "+" buttons, connect handles, and what a drag shows). Only the
//! overlay changes while dragging, so a frame costs the same on 4 or 1,000 subnets.
//! Pointer input is hit-tested against the laid-out diagram in [`gesture`] (pure),
//! never against the DOM; what a gesture does is an edit through the core's commands,
//! so each is one undoable step.

mod dialogs;
pub mod gesture;
mod picture;
pub mod view;

pub use dialogs::{AddSubnetDialog, ConnectDialog};

use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::diagram::{layout, svg, ContainerKind, Diagram, Rect};
use netwright_core::edit::{gestures, Edit};
use netwright_core::model::{EntityKind, EntityRef, Point};

use crate::app::{Dialog, OpenDialog};
use crate::editor::{use_editor, Editor};
use gesture::{Action, Affordance, AffordanceKind, Gesture, HANDLE_R};
use view::View;

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
struct Stage {
    editor: Editor,
    diagram: StoredValue<Diagram>,
    handles: RwSignal<Vec<Affordance>>,
    /// Bumped after each redraw, for what depends on the diagram's geometry.
    version: RwSignal<u64>,
    /// The drawing's pieces with a key each (their content, hashed), so a redraw
    /// replaces only the pieces that changed.
    parts: RwSignal<Vec<((u64, u32), String)>>,
    view: RwSignal<View>,
    gesture: StoredValue<Gesture>,
    /// The drag the overlay shows (never `Pressed` or `Pan`).
    live: RwSignal<Gesture>,
    cursor: RwSignal<&'static str>,
    el: NodeRef<html::Div>,
    /// How long the last layout and markup took, in ms (shown to benchmarks).
    cost: RwSignal<f64>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The editor's `opened` count the view was last fitted for.
    fitted: StoredValue<Option<u64>>,
    reveal_pending: StoredValue<bool>,
}

impl Stage {
    fn size(&self) -> (f64, f64) {
        self.el.get_untracked().map_or((0.0, 0.0), |el| {
            (el.client_width() as f64, el.client_height() as f64)
        })
    }

    fn point(&self, ev: &web_sys::MouseEvent) -> Point {
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
    fn redraw(&self) {
        let t0 = now();
        let d = self
            .editor
            .doc
            .with_untracked(|t| self.editor.diagnostics.with_untracked(|ds| layout(t, ds)));
        let parts = keyed(svg::parts(&d));
        self.handles.set(gesture::affordances(&d));
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
    fn schedule(&self) {
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

    fn fit(&self) {
        let (w, h) = self.size();
        let bounds = self.diagram.with_value(|d| d.bounds);
        self.view.set(View::fit(&bounds, w, h));
    }

    /// Fits the network (the Region and the Internet above it) when a design opens;
    /// the security groups and roles are below it, one "Fit" or a drag away.
    fn fit_network(&self) {
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

    fn zoom(&self, factor: f64) {
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

    fn selected_rect(&self, r: &EntityRef) -> Option<Rect> {
        self.diagram.with_value(|d| {
            d.shape_for(r)
                .map(|s| s.rect)
                .or_else(|| d.container_for(r).map(|c| c.rect))
        })
    }

    /// Every shape drawing `r` (a workload repeated across its subnets, an ACL's badge
    /// on each of its subnets), else the container drawing it.
    fn selected_rects(&self, r: &EntityRef) -> Vec<Rect> {
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
    fn reveal_selection(&self) {
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

    fn perform(&self, action: Action) {
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

    fn on_down(&self, ev: ev::PointerEvent) {
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

    fn on_move(&self, ev: ev::PointerEvent) {
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

    fn hover(&self, p: Point, k: f64) {
        let cursor = self.diagram.with_value(|d| {
            self.handles
                .with_untracked(|h| match gesture::target_at(d, h, p, slack(k)) {
                    gesture::Target::Affordance(i) => match h[i].kind {
                        AffordanceKind::Connect(_) => "crosshair",
                        _ => "pointer",
                    },
                    gesture::Target::Shape(i) => match d.shapes[i].kind {
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

    fn on_up(&self) {
        let g = self.gesture.get_value();
        self.gesture.set_value(Gesture::Idle);
        if self.live.with_untracked(|l| *l != Gesture::Idle) {
            self.live.set(Gesture::Idle);
        }
        if self.cursor.get_untracked() == "grabbing" {
            self.cursor.set("grab");
        }
        let action = self
            .diagram
            .with_value(|d| self.handles.with_untracked(|h| gesture::release(d, h, g)));
        self.perform(action);
    }

    fn on_cancel(&self) {
        self.gesture.set_value(Gesture::Idle);
        self.live.set(Gesture::Idle);
        self.cursor.set("grab");
    }

    fn on_wheel(&self, ev: ev::WheelEvent) {
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

    fn on_key(&self, ev: ev::KeyboardEvent) {
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

/// The diagram area: a toolbar (zoom, fit, add subnet, reset positions, SVG, PNG) and
/// the stage.
#[component]
pub fn Canvas() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let st = Stage {
        editor,
        diagram: StoredValue::new(Diagram::default()),
        handles: RwSignal::new(Vec::new()),
        version: RwSignal::new(0),
        parts: RwSignal::new(Vec::new()),
        view: RwSignal::new(View::default()),
        gesture: StoredValue::new(Gesture::Idle),
        live: RwSignal::new(Gesture::Idle),
        cursor: RwSignal::new("grab"),
        el: NodeRef::new(),
        cost: RwSignal::new(0.0),
        timer: StoredValue::new(None),
        fitted: StoredValue::new(None),
        reveal_pending: StoredValue::new(false),
    };
    Effect::new(move |first: Option<()>| {
        editor.doc.track();
        editor.diagnostics.track();
        if first.is_none() {
            st.redraw();
        } else {
            st.schedule();
        }
    });
    Effect::new(move |_| {
        editor.selection.track();
        st.reveal_pending.set_value(true);
        st.reveal_selection();
    });
    on_cleanup(move || {
        if let Some(h) = st.timer.get_value() {
            h.clear();
        }
    });

    let selection = Memo::new(move |_| {
        st.version.track();
        editor.selection.with(|s| {
            s.as_ref()
                .filter(|s| s.entity.kind != EntityKind::Design)
                .map(|s| st.selected_rects(&s.entity))
                .unwrap_or_default()
        })
    });
    // A comparison's marks: added and changed resources of this design, outlined.
    let review = crate::panels::review::use_review();
    let library = crate::library::use_library();
    let marks = Memo::new(move |_| {
        st.version.track();
        let current = library.current.get();
        review.compared.with(|c| {
            c.as_ref()
                .filter(|c| c.record == current)
                .map(|c| {
                    crate::panels::review::marks(c)
                        .into_iter()
                        .filter_map(|(r, class)| {
                            st.selected_rect(&r)
                                .map(|rect| (rect, class, r.id.to_string()))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let positions = Memo::new(move |_| editor.doc.with(|t| t.layout.positions.len()));
    // Zooming changes the drawing's size (a relayout); panning only its translation,
    // which the compositor applies without redrawing. Two memos keep them apart.
    let placement = Memo::new(move |_| {
        st.version.track();
        let bounds = st.diagram.with_value(|d| d.bounds);
        st.view.get().placement(&bounds)
    });
    let size = Memo::new(move |_| {
        placement.with(|p| (p.width.clone(), p.height.clone(), p.view_box.clone()))
    });
    let shift = Memo::new(move |_| placement.with(|p| p.transform.clone()));
    let reset_positions = move |_| {
        let ids: Vec<_> = editor
            .doc
            .with_untracked(|t| t.layout.positions.keys().cloned().collect());
        let edits = ids
            .into_iter()
            .map(|id| Edit::SetPosition { id, position: None })
            .collect();
        if editor.apply(Edit::Batch(edits), "Reset hand-set positions") {
            editor.info("Every shape is back where the automatic layout puts it.");
        }
    };
    let add_subnet = move |_| {
        let vpc = editor.doc.with_untracked(|t| {
            let sel = editor.selection.get_untracked();
            sel.and_then(|s| match s.entity.kind {
                EntityKind::Vpc => Some(s.entity.id.clone()),
                EntityKind::Subnet => t.subnet(&s.entity.id).map(|x| x.vpc.clone()),
                _ => None,
            })
            .or_else(|| t.vpcs.first().map(|v| v.id.clone()))
        });
        match vpc {
            Some(vpc) => {
                let zone = editor.doc.with_untracked(|t| {
                    editor
                        .selection
                        .get_untracked()
                        .and_then(|s| t.subnet(&s.entity.id).map(|x| x.availability_zone.clone()))
                });
                dialog.set(Some(Dialog::AddSubnet {
                    vpc,
                    zone: zone.or_else(|| {
                        editor.doc.with_untracked(|t| {
                            t.subnets.first().map(|s| s.availability_zone.clone())
                        })
                    }),
                }))
            }
            None => editor.error("Add a VPC first (Add… → VPC)."),
        }
    };

    view! {
        <section class="canvas panel" aria-label="Diagram">
            <div class="canvas-bar" role="toolbar" aria-label="Diagram tools" on:keydown=crate::toolbar::arrow_keys>
                <button class="btn small" title="Zoom out (-)" aria-label="Zoom out" on:click=move |_| st.zoom(0.8)>"−"</button>
                <button class="btn small zoom mono" title="Actual size (1)" data-testid="zoom"
                    on:click=move |_| st.zoom(1.0 / st.view.get_untracked().k)>{move || format!("{}%", (st.view.get().k * 100.0).round() as i64)}</button>
                <button class="btn small" title="Zoom in (+)" aria-label="Zoom in" on:click=move |_| st.zoom(1.25)>"+"</button>
                <button class="btn small" title="Fit the whole diagram (0)" on:click=move |_| st.fit()>"Fit"</button>
                <span class="sep" aria-hidden="true"></span>
                <button class="btn small" title="Add a subnet at the next free block of a size you choose" on:click=add_subnet>"Add subnet…"</button>
                <button class="btn small" title="Put every hand-moved shape back where the layout places it"
                    disabled=move || positions.get() == 0 on:click=reset_positions>"Reset positions"</button>
                <span class="hint subtle">"Drag a subnet to another zone · drag a group's ● to another group to allow traffic"</span>
                <span class="sep end" aria-hidden="true"></span>
                <button class="btn small" title="Download the diagram as SVG" on:click=move |_| picture::download_svg(editor)>"SVG"</button>
                <button class="btn small" title="Download the diagram as PNG" on:click=move |_| picture::download_png(editor)>"PNG"</button>
            </div>
            <div class="stage" node_ref=st.el tabindex="0" role="application"
                aria-label="Network diagram. Drag to pan, wheel or + and - to zoom, 0 to fit, 1 for actual size, Alt+arrows move the selected subnet to the next zone; the outline lists every resource."
                data-cursor=move || st.cursor.get()
                on:pointerdown=move |ev| st.on_down(ev)
                on:pointermove=move |ev| st.on_move(ev)
                on:pointerup=move |_| st.on_up()
                on:pointercancel=move |_| st.on_cancel()
                on:wheel=move |ev| st.on_wheel(ev)
                on:keydown=move |ev| st.on_key(ev)>
                <svg class="diagram" xmlns="http://www.w3.org/2000/svg" data-version=move || st.version.get()
                    data-layout-ms=move || svg::n(st.cost.get())
                    width=move || size.with(|s| s.0.clone()) height=move || size.with(|s| s.1.clone())
                    viewBox=move || size.with(|s| s.2.clone()) style:transform=move || shift.get()>
                    <defs inner_html=svg::defs()></defs>
                    <For each=move || st.parts.get() key=|(k, _)| *k
                        children=|(_, markup)| view! { <g inner_html=markup></g> }/>
                </svg>
                <svg class="overlay" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"
                    width=move || size.with(|s| s.0.clone()) height=move || size.with(|s| s.1.clone())
                    viewBox=move || size.with(|s| s.2.clone()) style:transform=move || shift.get()>
                    {move || marks.get().into_iter().map(|(r, class, id)| {
                        let r = r.inflate(2.0);
                        view! { <rect class=format!("diff-mark {class}") data-diff-id=id x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="7"/> }
                    }).collect_view()}
                    {move || selection.get().into_iter().map(|r| {
                        let r = r.inflate(4.0);
                        view! { <rect class="selection" x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="8"/> }
                    }).collect_view()}
                    {move || st.handles.get().into_iter().map(|a| {
                        let class = match a.kind { AffordanceKind::Connect(_) => "handle connect", _ => "handle add" };
                        let plus = !matches!(a.kind, AffordanceKind::Connect(_));
                        let (x, y) = (a.at.x, a.at.y);
                        view! {
                            <g class=class>
                                <circle cx={svg::n(x)} cy={svg::n(y)} r=svg::n(HANDLE_R)/>
                                {plus.then(|| view! {
                                    <path d=format!("M{} {}h8M{} {}v8", svg::n(x - 4.0), svg::n(y), svg::n(x), svg::n(y - 4.0))/>
                                })}
                            </g>
                        }
                    }).collect_view()}
                    {move || live_view(st.live.get())}
                </svg>
            </div>
        </section>
    }
}

/// Keys each piece of markup by its content, and by how many identical pieces came
/// before it (so keys are unique even if two pieces are the same).
fn keyed(parts: Vec<String>) -> Vec<((u64, u32), String)> {
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

/// What a drag in progress shows.
fn live_view(g: Gesture) -> impl IntoView {
    match g {
        Gesture::MoveSubnet { rect, drop, .. } => {
            let target = drop.map(|(_, r)| {
                view! { <rect class="drop-target" x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="10"/> }
            });
            view! {
                {target}
                <rect class="ghost" x={svg::n(rect.x)} y={svg::n(rect.y)} width={svg::n(rect.w)} height={svg::n(rect.h)} rx="6"/>
            }
            .into_any()
        }
        Gesture::MoveNode { rect, .. } => {
            view! { <rect class="ghost" x={svg::n(rect.x)} y={svg::n(rect.y)} width={svg::n(rect.w)} height={svg::n(rect.h)} rx="6"/> }
                .into_any()
        }
        Gesture::Connect {
            from, to, target, ..
        } => {
            let target = target.map(|(_, r)| {
                let r = r.inflate(4.0);
                view! { <rect class="drop-target" x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="8"/> }
            });
            view! {
                {target}
                <line class="connect-line" x1={svg::n(from.x)} y1={svg::n(from.y)} x2={svg::n(to.x)} y2={svg::n(to.y)}/>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
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
