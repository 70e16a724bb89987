//! The Designs dialog: every design kept in this browser, most recently changed first,
//! with its Region, counts, age and size; open, rename, duplicate and delete (asked
//! first), and the space the library uses. The list re-reads whenever any tab changes
//! a record.

use leptos::ev;
use leptos::prelude::*;
use netwright_core::library::{self as lib, Entry};

use crate::dialog::Modal;
use crate::dialog::{Dialog, OpenDialog};
use crate::editor::use_editor;
use crate::library::{idb, now, use_library};

/// When a design last changed, as the list says it.
fn when(modified: u64) -> String {
    lib::ago(now(), modified).unwrap_or_else(|| {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(modified as f64));
        d.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED)
            .as_string()
            .unwrap_or_default()
    })
}

/// What a row is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowMode {
    Show,
    Rename,
    ConfirmDelete,
}

/// The designs dialog.
#[component]
pub fn DesignsDialog() -> impl IntoView {
    let library = use_library();
    let dialog = expect_context::<OpenDialog>().0;
    let entries = RwSignal::new(None::<Result<Vec<Entry>, String>>);
    let space = RwSignal::new(None::<(u64, u64)>);
    Effect::new(move |_| {
        library.changed.track();
        library.current.track();
        wasm_bindgen_futures::spawn_local(async move {
            let listed = match crate::library::database() {
                Some(db) => idb::list(&db).await.map(|mut l| {
                    lib::sort(&mut l);
                    l
                }),
                None => Err("the browser does not allow storage here".into()),
            };
            entries.set(Some(listed));
            space.set(idb::estimate().await);
        });
    });
    let editor = use_editor();
    let close = Callback::new(move |_| dialog.set(None));
    let new_reference = move |_| {
        dialog.set(None);
        library.open_new(
            netwright_core::templates::smartinvoice(),
            None,
            "New design from the SmartInvoice reference".into(),
        );
    };
    let new_empty = move |_| {
        dialog.set(None);
        let region = editor.doc.with_untracked(|t| t.region.clone());
        library.open_new(
            netwright_core::Topology::new("untitled", region),
            None,
            "New empty design".into(),
        );
    };
    view! {
        <Modal title="Designs" on_close=close>
            <p class="subtle">"Every design you work on is kept in this browser, each on its own: tabs editing different designs never touch each other's."</p>
            <div class="designs-new" role="group" aria-label="New design">
                <button class="btn" on:click=new_reference>"New from the reference"</button>
                <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Wizard))>"New from the wizard…"</button>
                <button class="btn" on:click=new_empty>"New empty"</button>
            </div>
            {move || match entries.get() {
                None => view! { <p class="subtle">"Reading the library…"</p> }.into_any(),
                Some(Err(why)) => view! { <p class="error" role="alert">{format!("The library cannot be read: {why}.")}</p> }.into_any(),
                Some(Ok(list)) => {
                    let total: u64 = list.iter().map(|e| e.bytes as u64).sum();
                    let count = list.len();
                    view! {
                        <ul class="designs" aria-label="Designs in this browser">
                            {list.into_iter().map(|e| view! { <DesignRow entry=e/> }).collect_view()}
                        </ul>
                        <p class="subtle" data-testid="library-space">
                            {move || {
                                let mine = format!("{} {} {}", count, if count == 1 { "design uses" } else { "designs use" }, lib::bytes(total));
                                match space.get() {
                                    Some((usage, quota)) => format!("{mine}; this site uses {} of the {} the browser allows it. Nothing is ever deleted automatically.", lib::bytes(usage), lib::bytes(quota)),
                                    None => format!("{mine}. Nothing is ever deleted automatically."),
                                }
                            }}
                        </p>
                    }.into_any()
                }
            }}
        </Modal>
    }
}

/// One design of the list.
#[component]
fn DesignRow(
    /// The design's library entry.
    entry: Entry,
) -> impl IntoView {
    let library = use_library();
    let dialog = expect_context::<OpenDialog>().0;
    let mode = RwSignal::new(RowMode::Show);
    let Entry { id, name, .. } = entry.clone();
    let current = {
        let id = id.clone();
        Memo::new(move |_| library.current.with(|c| *c == id))
    };
    let draft = RwSignal::new(name.clone());
    let summary = entry.summary();
    let age = when(entry.modified);
    let size = lib::bytes(entry.bytes as u64);
    let unsaved = entry.dirty;
    let label = format!("Design {name}");

    let open = {
        let id = id.clone();
        move |_| {
            library.open(id.clone());
            dialog.set(None);
        }
    };
    let commit = {
        let id = id.clone();
        let name = name.clone();
        move || {
            let new = draft.get_untracked().trim().to_string();
            mode.set(RowMode::Show);
            if !new.is_empty() && new != name {
                library.rename(id.clone(), new);
            }
        }
    };
    let on_rename_key = {
        let commit = commit.clone();
        move |ev: ev::KeyboardEvent| match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                commit();
            }
            "Escape" => {
                // Cancels the rename, not the dialog.
                ev.stop_propagation();
                mode.set(RowMode::Show);
            }
            _ => {}
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| library.duplicate(id.clone())
    };
    let delete = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            mode.set(RowMode::Show);
            library.delete(id.clone(), name.clone());
        }
    };
    let name_for_view = name.clone();
    view! {
        <li class="design-row" class:current=move || current.get() aria-label=label data-design=id.clone()>
            <div class="design-main">
                {move || if mode.get() == RowMode::Rename {
                    let commit = commit.clone();
                    let field = NodeRef::<leptos::html::Input>::new();
                    Effect::new(move |_| if let Some(i) = field.get() {
                        let _ = i.focus();
                        i.select();
                    });
                    view! {
                        <input type="text" class="rename" aria-label="New name" node_ref=field prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                            on:keydown=on_rename_key.clone()
                            on:blur=move |_| commit()/>
                    }.into_any()
                } else {
                    view! { <span class="design-name">{name_for_view.clone()}</span> }.into_any()
                }}
                {move || current.get().then(|| view! { <span class="design-badge">"open in this tab"</span> })}
                <span class="design-summary subtle">{summary.clone()}</span>
                <span class="design-meta subtle">
                    {format!("changed {age} · {size}")}
                    {unsaved.then_some(" · not saved to a file")}
                </span>
            </div>
            {move || if mode.get() == RowMode::ConfirmDelete {
                let delete = delete.clone();
                view! {
                    <div class="design-actions" role="group" aria-label="Confirm delete">
                        <span class="error">"Delete for good?"</span>
                        <button class="btn small danger" on:click=delete>"Delete"</button>
                        <button class="btn small" on:click=move |_| mode.set(RowMode::Show)>"Keep"</button>
                    </div>
                }.into_any()
            } else {
                let open = open.clone();
                let duplicate = duplicate.clone();
                view! {
                    <div class="design-actions">
                        <button class="btn small primary" disabled=move || current.get() on:click=open>"Open"</button>
                        <button class="btn small" on:click=move |_| { draft.set(draft.get_untracked()); mode.set(RowMode::Rename) }>"Rename"</button>
                        <button class="btn small" on:click=duplicate>"Duplicate"</button>
                        <button class="btn small" on:click=move |_| mode.set(RowMode::ConfirmDelete)>"Delete"</button>
                    </div>
                }.into_any()
            }}
        </li>
    }
}
