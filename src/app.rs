//! The app shell: builds the editor store and the designs library from what start-up
//! chose, lays out the panels and handles the keyboard shortcuts.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::canvas::{AddSubnetDialog, Canvas, ConnectDialog};
use crate::dialog::{Dialog, OpenDialog};
use crate::editor::Editor;
use crate::library::{Library, Start};
use crate::outline::Outline;
use crate::panels::cost::{Cost, CostDialog};
use crate::panels::reach::Reach;
use crate::panels::review::Review;
use crate::panels::{
    CompareDialog, ConflictBanner, DesignsDialog, DiagnosticsPanel, ExportDialog, ImportDialog,
    Inspector, LinkOfferDialog, ReachPanel, ShareDialog, ShortcutsDialog, WizardDialog,
};
use crate::statusbar::StatusBar;
use crate::storage;
use crate::toolbar::Toolbar;

fn editing_text(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The whole app, editing the design start-up chose.
#[component]
pub fn App(
    /// What start-up chose (see [`crate::library::start`]).
    start: Start,
) -> impl IntoView {
    let editor = Editor::new(start.design.clone());
    editor.dirty.set(start.dirty);
    for (error, text) in &start.notices {
        if *error {
            editor.error(text.clone());
        } else {
            editor.info(text.clone());
        }
    }
    provide_context(editor);
    editor.install_row_sync();
    let library = Library::install(editor, &start);
    provide_context(library);
    let cost = Cost::new(editor);
    provide_context(Review::new());
    let reach = Reach::new(editor);
    provide_context(reach);
    let dialog = OpenDialog(RwSignal::new(None));
    provide_context(dialog);
    let on_hash =
        window_event_listener_untyped("hashchange", move |_| library.open_link_in_fragment());

    let on_key = window_event_listener(ev::keydown, move |ev| {
        let cmd = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        match key.as_str() {
            "z" | "Z" if cmd && ev.shift_key() => {
                ev.prevent_default();
                editor.redo();
            }
            "z" | "Z" if cmd => {
                ev.prevent_default();
                editor.undo();
            }
            "y" | "Y" if cmd => {
                ev.prevent_default();
                editor.redo();
            }
            // Not the browser's "save page" and "open file": the design's.
            "s" | "S" if cmd => {
                ev.prevent_default();
                storage::save_design(editor);
            }
            "o" | "O" if cmd => {
                ev.prevent_default();
                storage::pick_file();
            }
            "?" if !cmd && !editing_text(&ev) && dialog.0.get_untracked().is_none() => {
                ev.prevent_default();
                dialog.0.set(Some(Dialog::Shortcuts));
            }
            "d" | "D"
                if !cmd
                    && !ev.alt_key()
                    && !editing_text(&ev)
                    && dialog.0.get_untracked().is_none() =>
            {
                ev.prevent_default();
                dialog.0.set(Some(Dialog::Designs));
            }
            "c" | "C"
                if !cmd
                    && !ev.alt_key()
                    && !editing_text(&ev)
                    && dialog.0.get_untracked().is_none() =>
            {
                ev.prevent_default();
                dialog.0.set(Some(Dialog::Cost));
            }
            "r" | "R"
                if !cmd
                    && !ev.alt_key()
                    && !editing_text(&ev)
                    && dialog.0.get_untracked().is_none() =>
            {
                ev.prevent_default();
                reach.show();
            }
            "Escape" => {
                if dialog.0.get_untracked().is_some() {
                    dialog.0.set(None);
                } else {
                    editor.select(None);
                }
            }
            "Delete" | "Backspace"
                if !editing_text(&ev) && !cmd && editor.selection.get_untracked().is_some() =>
            {
                ev.prevent_default();
                editor.delete_selection();
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        on_key.remove();
        on_hash.remove();
    });

    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            storage::open_file(editor, library, file);
        }
    };

    view! {
        <div class="app" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <Toolbar/>
            <ConflictBanner/>
            <div class="workspace">
                <Outline/>
                <main class="center" aria-label="Design">
                    <Canvas/>
                    {move || if reach.open.get() { view! { <ReachPanel/> }.into_any() } else { view! { <DiagnosticsPanel/> }.into_any() }}
                </main>
                <Inspector/>
            </div>
            <StatusBar cost/>
            {move || match dialog.0.get() {
                Some(Dialog::Designs) => view! { <DesignsDialog/> }.into_any(),
                Some(Dialog::Import) => view! { <ImportDialog/> }.into_any(),
                Some(Dialog::Compare) => view! { <CompareDialog/> }.into_any(),
                Some(Dialog::Wizard) => view! { <WizardDialog/> }.into_any(),
                Some(Dialog::Export) => view! { <ExportDialog/> }.into_any(),
                Some(Dialog::Share) => view! { <ShareDialog/> }.into_any(),
                Some(Dialog::Shortcuts) => view! { <ShortcutsDialog/> }.into_any(),
                Some(Dialog::Cost) => view! { <CostDialog cost/> }.into_any(),
                Some(Dialog::Connect { source, target }) => view! { <ConnectDialog source target/> }.into_any(),
                Some(Dialog::AddSubnet { vpc, zone }) => view! { <AddSubnetDialog vpc zone/> }.into_any(),
                None => ().into_any(),
            }}
            <LinkOfferDialog/>
        </div>
    }
}
