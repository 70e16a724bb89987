//! The diagram canvas: the core's layout drawn as SVG, and the editor for it.
//!
//! Two stacked SVGs: the drawing (the core's [`svg::parts`], keyed by content so a
//! change of the design replaces only the pieces that changed; debounced when a
//! layout is slow) and an overlay drawn by
//! Leptos (selection, "+" buttons, connect handles, and what a drag shows). Only the
//! overlay changes while dragging, so a frame costs the same on 4 or 1,000 subnets.
//! Pointer input is hit-tested against the laid-out diagram in [`hit`] and [`gesture`] (pure),
//! never against the DOM; what a gesture does is an edit through the core's commands,
//! so each is one undoable step.

mod dialogs;
pub mod gesture;
pub mod hit;
mod picture;
mod stage;
pub mod view;

pub use dialogs::{AddSubnetDialog, ConnectDialog};

use leptos::prelude::*;
use netwright_core::diagram::{svg, Diagram, Rect};
use netwright_core::edit::Edit;
use netwright_core::model::EntityKind;

use crate::dialog::{Dialog, OpenDialog};
use crate::editor::use_editor;
use gesture::Gesture;
use hit::{AffordanceKind, HANDLE_R};
use stage::Stage;
use view::View;

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
    // Marks over the diagram: a comparison's added and changed resources of this
    // design, and the Reach panel's path (numbered in order, red where it blocks).
    let review = crate::panels::review::use_review();
    let library = crate::library::use_library();
    let reach = use_context::<crate::panels::reach::Reach>();
    let marks = Memo::new(move |_| {
        st.version.track();
        let current = library.current.get();
        let mut out: Vec<(Rect, String, String, Option<String>)> = review.compared.with(|c| {
            c.as_ref()
                .filter(|c| c.record == current)
                .map(|c| {
                    crate::panels::review::marks(c)
                        .into_iter()
                        .filter_map(|(r, class)| {
                            st.selected_rect(&r).map(|rect| {
                                (rect, format!("diff-mark {class}"), r.id.to_string(), None)
                            })
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        if let Some(reach) = reach {
            out.extend(reach.marks().into_iter().filter_map(|(r, class, badge)| {
                st.selected_rect(&r)
                    .map(|rect| (rect, class.to_string(), r.id.to_string(), Some(badge)))
            }));
        }
        out
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
                    {move || marks.get().into_iter().map(|(r, class, id, _)| {
                        let r = r.inflate(2.0);
                        view! { <rect class=class data-mark-id=id x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="7"/> }
                    }).collect_view()}
                    {move || selection.get().into_iter().map(|r| {
                        let r = r.inflate(4.0);
                        view! { <rect class="selection" x={svg::n(r.x)} y={svg::n(r.y)} width={svg::n(r.w)} height={svg::n(r.h)} rx="8"/> }
                    }).collect_view()}
                    // The path's numbers, over the outlines and the selection.
                    {move || marks.get().into_iter().filter_map(|(r, class, _, badge)| badge.map(|b| {
                        let (x, y) = (r.x - 14.0, r.y - 14.0);
                        let w = 14.0 + 8.0 * b.len() as f64;
                        view! {
                            <rect class="mark-badge" class:blocked=class.contains("blocked") x={svg::n(x)} y={svg::n(y)} width={svg::n(w)} height="22" rx="11"/>
                            <text class="mark-badge-text" x={svg::n(x + w / 2.0)} y={svg::n(y + 15.5)}>{b}</text>
                        }
                    })).collect_view()}
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
