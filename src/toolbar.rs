//! The toolbar: new design (template, wizard, empty), open, save, add, export, share,
//! undo and redo.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::model::EntityKind;
use netwright_core::{export, format, templates, Topology};

use crate::app::{Dialog, OpenDialog};
use crate::editor::use_editor;
use crate::storage;
use crate::tree::heading;

/// Every kind the Add menu offers.
const ADDABLE: [EntityKind; 7] = EntityKind::RESOURCES;

fn kind_from(value: &str) -> Option<EntityKind> {
    ADDABLE.into_iter().find(|k| k.collection() == value)
}

/// The toolbar across the top.
#[component]
pub fn Toolbar() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let file_input = NodeRef::<html::Input>::new();

    let on_new = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        match value.as_str() {
            "smartinvoice" if editor.confirm_replace("the SmartInvoice reference design") => {
                editor.replace(
                    templates::smartinvoice(),
                    "New design from the SmartInvoice reference",
                );
            }
            "wizard" => dialog.set(Some(Dialog::Wizard)),
            "empty" if editor.confirm_replace("an empty design") => {
                let region = editor.doc.with_untracked(|t| t.region.clone());
                editor.replace(Topology::new("untitled", region), "New empty design");
            }
            _ => {}
        }
    };
    let on_add = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        if let Some(kind) = kind_from(&value) {
            editor.add(kind);
        }
    };
    let on_file = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            storage::open_file(editor, file);
        }
        input.set_value("");
    };
    let save = move |_| {
        let (name, text) = editor
            .doc
            .with_untracked(|t| (export::file_stem(&t.name), format::save(t)));
        match storage::download(&format!("{name}.netwright.json"), "application/json", &text) {
            Ok(()) => {
                editor.dirty.set(false);
                editor.info(format!("Saved {name}.netwright.json"));
            }
            Err(_) => editor.error("The browser refused the download."),
        }
    };
    let labels = Memo::new(move |_| editor.undo_redo_labels());

    view! {
        <header class="toolbar">
            <h1 class="brand">"Netwright"</h1>
            <div class="commands" role="toolbar" aria-label="Design commands">
                <div class="group">
                    <select class="btn" aria-label="New design" on:change=on_new>
                        <option value="" selected>"New…"</option>
                        <option value="smartinvoice">"SmartInvoice reference"</option>
                        <option value="wizard">"Wizard (VPC and more)…"</option>
                        <option value="empty">"Empty design"</option>
                    </select>
                    <button class="btn" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } }
                        title="Open a design file (or drop one on the page)">"Open…"</button>
                    <input node_ref=file_input type="file" accept=".json,application/json" class="visually-hidden"
                        tabindex="-1" aria-label="Design file to open" on:change=on_file/>
                    <button class="btn" on:click=save title="Download the design as JSON">"Save"</button>
                </div>
                <div class="group">
                    <select class="btn" aria-label="Add a resource" on:change=on_add>
                        <option value="" selected>"Add…"</option>
                        {ADDABLE.into_iter().map(|k| view! {
                            <option value=k.collection()>{heading(k).trim_end_matches('s').to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="group">
                    <button class="btn" aria-keyshortcuts="Control+Z"
                        disabled=move || labels.with(|l| l.0.is_none())
                        title=move || labels.with(|l| l.0.as_ref().map_or("Nothing to undo".into(), |l| format!("Undo {l} (Ctrl+Z)")))
                        on:click=move |_| editor.undo()>"Undo"</button>
                    <button class="btn" aria-keyshortcuts="Control+Shift+Z Control+Y"
                        disabled=move || labels.with(|l| l.1.is_none())
                        title=move || labels.with(|l| l.1.as_ref().map_or("Nothing to redo".into(), |l| format!("Redo {l} (Ctrl+Shift+Z)")))
                        on:click=move |_| editor.redo()>"Redo"</button>
                </div>
                <div class="group end">
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Share))>"Share"</button>
                    <button class="btn primary" on:click=move |_| dialog.set(Some(Dialog::Export))>"Export"</button>
                </div>
            </div>
        </header>
    }
}
