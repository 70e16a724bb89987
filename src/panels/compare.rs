//! The Compare dialog: the open design against another design of the library, a
//! design file, or a fresh import (AWS describe output), by meaning (the core's
//! `diff`). The changes go to the review sections above the diagnostics (each selects
//! its resource) and onto the diagram (added green, changed amber; removed ones are
//! listed, having nothing left to draw).

use leptos::ev;
use leptos::prelude::*;
use netwright_core::jobs::{Reply, Request};
use netwright_core::library::{self as lib, Entry};
use netwright_core::{format, Topology};

use crate::dialog::Modal;
use crate::dialog::OpenDialog;
use crate::editor::use_editor;
use crate::jobs;
use crate::jobs::Files;
use crate::library::{database, idb, use_library};
use crate::panels::import::{self, read_all};
use crate::panels::review::{use_review, Compared};

/// A design from picked files: a design file, else an import of describe outputs.
async fn design_of(files: &Files) -> Result<(Topology, String), String> {
    let names = import::label(files);
    if let [(name, text)] = files.as_slice() {
        if let Ok(t) = format::load(text) {
            return Ok((t, name.clone()));
        }
    }
    jobs::import(files, "")
        .await
        .map(|i| (i.design, format!("the import of {names}")))
}

/// The compare dialog.
#[component]
pub fn CompareDialog() -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let review = use_review();
    let dialog = expect_context::<OpenDialog>().0;
    let others = RwSignal::new(Vec::<Entry>::new());
    let problem = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Some(db) = database() {
            let mut list = idb::list(&db).await.unwrap_or_default();
            lib::sort(&mut list);
            let current = library.current.get_untracked();
            list.retain(|e| e.id != current);
            others.set(list);
        }
    });
    // The comparison runs in the on-demand module; the dialog closes on its answer.
    let show = move |other: Topology, against: String| {
        let request = Request::Diff {
            a: format::save(&other),
            b: editor.doc.with_untracked(format::save),
        };
        let record = library.current.get_untracked();
        leptos::task::spawn_local(async move {
            match jobs::call(&request).await {
                Reply::Diffed { changes } => {
                    review.compared.set(Some(Compared {
                        record,
                        against,
                        changes,
                    }));
                    dialog.set(None);
                }
                Reply::Failed { message } => problem.set(Some(message)),
                _ => problem.set(Some(jobs::unexpected("comparison"))),
            }
        });
    };
    let with_entry = move |id: String, name: String| {
        leptos::task::spawn_local(async move {
            let Some(db) = database() else { return };
            match idb::read(&db, &id).await {
                Ok(Some((_, text))) => match format::load(&text) {
                    Ok(t) => show(t, format!("\"{name}\"")),
                    Err(e) => problem.set(Some(format!("\"{name}\" cannot be read: {e}"))),
                },
                _ => problem.set(Some(format!("\"{name}\" is no longer in the library."))),
            }
        });
    };
    let take = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let files = match read_all(list).await {
                Ok(files) => files,
                Err(e) => return problem.set(Some(e)),
            };
            match design_of(&files).await {
                Ok((t, against)) => show(t, against),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let on_pick = move |ev: ev::Event| take(import::picked(&ev));
    let on_drop = move |ev: ev::DragEvent| take(import::dropped(&ev));
    view! {
        <Modal title="Compare with…" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="compare" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <p>"What changed from another design to this one, by meaning: layout and ids do not count, rules and routes compare as sets."</p>
                <div class="drop-zone">
                    <label for="compare-file">"A design file, AWS describe output or a CloudFormation template, imported to compare:"</label>
                    <input id="compare-file" type="file" multiple accept=".json,.yaml,.yml,.template,application/json" on:change=on_pick/>
                    <span class="subtle">" or drop it here"</span>
                </div>
                {move || problem.get().map(|p| view! { <p class="import-error" role="alert">{p}</p> })}
                <h3 class="subhead">"Or a design of the library"</h3>
                {move || {
                    let list = others.get();
                    if list.is_empty() {
                        view! { <p class="subtle">"No other design in this browser yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="designs compare-list">
                                {list.into_iter().map(|e| {
                                    let (id, name) = (e.id.clone(), e.name.clone());
                                    view! {
                                        <li class="design-row">
                                            <div class="design-main">
                                                <span class="design-name">{e.name.clone()}</span>
                                                <span class="design-summary subtle">{e.summary()}</span>
                                            </div>
                                            <button class="btn small" on:click=move |_| with_entry(id.clone(), name.clone())>"Compare"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </div>
        </Modal>
    }
}
