//! The toolbar: the designs library, new design (template, wizard, empty), open, save,
//! add, undo and redo,
//! the keyboard shortcuts, share and export; the Reach panel.

use leptos::ev;
use leptos::prelude::*;
use netwright_core::model::EntityKind;
use netwright_core::{templates, Topology};
use wasm_bindgen::JsCast;

use crate::dialog::controls;
use crate::dialog::{Dialog, OpenDialog};
use crate::editor::use_editor;
use crate::library::use_library;
use crate::storage;
use crate::tree::heading;

/// Every kind the Add menu offers.
const ADDABLE: [EntityKind; 9] = EntityKind::RESOURCES;

fn kind_from(value: &str) -> Option<EntityKind> {
    ADDABLE.into_iter().find(|k| k.collection() == value)
}

/// Opens the Export dialog, marking the moment for the browser benchmark.
fn open_export(dialog: RwSignal<Option<Dialog>>) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(crate::panels::export::OPENED_MARK);
    }
    dialog.set(Some(Dialog::Export));
}

/// Arrow keys in a toolbar (`role="toolbar"`): Left and Right move focus to the
/// previous and next enabled control, wrapping; Home and End to the first and last.
/// Tab still visits every control. Attach to the toolbar's element as `on:keydown`.
pub fn arrow_keys(ev: ev::KeyboardEvent) {
    if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
        return;
    }
    let key = ev.key();
    if !matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
        return;
    }
    let Some(bar) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let (controls, at) = controls(&bar, "button:not([disabled]), select:not([disabled])");
    let Some(at) = at else {
        return;
    };
    let n = controls.len();
    let to = match key.as_str() {
        "ArrowLeft" => (at + n - 1) % n,
        "ArrowRight" => (at + 1) % n,
        "Home" => 0,
        _ => n - 1,
    };
    ev.prevent_default();
    let _ = controls[to].focus();
}

/// The toolbar across the top.
#[component]
pub fn Toolbar() -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let dialog = expect_context::<OpenDialog>().0;
    let reach = crate::panels::reach::use_reach();

    let on_new = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        match value.as_str() {
            "smartinvoice" => {
                library.open_new(
                    templates::smartinvoice(),
                    None,
                    "New design from the SmartInvoice reference".into(),
                );
            }
            "wizard" => dialog.set(Some(Dialog::Wizard)),
            "empty" => {
                let region = editor.doc.with_untracked(|t| t.region.clone());
                library.open_new(
                    Topology::new("untitled", region),
                    None,
                    "New empty design".into(),
                );
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
            storage::open_file(editor, library, file);
        }
        input.set_value("");
    };
    let labels = Memo::new(move |_| editor.undo_redo_labels());

    view! {
        <header class="toolbar">
            <h1 class="brand">"Netwright"</h1>
            <div class="commands" role="toolbar" aria-label="Design commands" on:keydown=arrow_keys>
                <div class="group">
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Designs)) aria-keyshortcuts="D"
                        title="Every design kept in this browser: open, rename, copy, delete (D)">"Designs"</button>
                    <select class="btn" aria-label="New design" on:change=on_new>
                        <option value="" selected>"New…"</option>
                        <option value="smartinvoice">"SmartInvoice reference"</option>
                        <option value="wizard">"Wizard (VPC and more)…"</option>
                        <option value="empty">"Empty design"</option>
                    </select>
                    <button class="btn" on:click=move |_| storage::pick_file() aria-keyshortcuts="Control+O"
                        title="Open a design file, or drop one on the page (Ctrl+O)">"Open…"</button>
                    <input id=storage::OPEN_FILE_INPUT type="file" accept=".json,application/json" class="visually-hidden"
                        tabindex="-1" aria-label="Design file to open" on:change=on_file/>
                    <button class="btn" on:click=move |_| storage::save_design(editor) aria-keyshortcuts="Control+S"
                        title="Download the design as JSON (Ctrl+S)">"Save"</button>
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Import))
                        title="Import a network you run, from AWS CLI describe output (no credentials here)">"Import…"</button>
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Compare))
                        title="What changed from another design, a file or an import to this one">"Compare…"</button>
                    <button class="btn" on:click=move |_| reach.show() aria-keyshortcuts="R"
                        title="What can reach what, hop by hop, and what to change (R)">"Reach"</button>
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
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Shortcuts))
                        aria-keyshortcuts="Shift+?" title="Keyboard shortcuts (?)">"Shortcuts"</button>
                    <button class="btn" on:click=move |_| dialog.set(Some(Dialog::Share))>"Share"</button>
                    <button class="btn primary" on:click=move |_| open_export(dialog)>"Export"</button>
                </div>
            </div>
        </header>
    }
}
