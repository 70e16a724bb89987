//! The app shell: builds the editor store, restores the autosave or a share link,
//! lays out the panels and handles the keyboard shortcuts.

use leptos::ev;
use leptos::prelude::*;
use netwright_core::model::Peer;
use netwright_core::{templates, Id};
use wasm_bindgen::JsCast;

use crate::canvas::{AddSubnetDialog, Canvas, ConnectDialog};
use crate::editor::Editor;
use crate::outline::Outline;
use crate::panels::{
    DiagnosticsPanel, ExportDialog, Inspector, ShareDialog, ShortcutsDialog, WizardDialog,
};
use crate::statusbar::StatusBar;
use crate::storage;
use crate::toolbar::Toolbar;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The console-style generator.
    Wizard,
    /// Export preview, copy and download.
    Export,
    /// The share link.
    Share,
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// The rule a drag between two shapes on the diagram creates.
    Connect {
        /// Traffic from here…
        source: Peer,
        /// …into this security group.
        target: Id,
    },
    /// A new subnet of a VPC, in `zone` or (with `None`) a new zone.
    AddSubnet {
        /// The VPC.
        vpc: Id,
        /// The zone column, if one was chosen.
        zone: Option<String>,
    },
}

/// The open dialog, from context.
#[derive(Clone, Copy)]
pub struct OpenDialog(pub RwSignal<Option<Dialog>>);

fn editing_text(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (initial, dirty, problem) = match storage::load_autosave() {
        Some(Ok((t, dirty))) => (t, dirty, None),
        Some(Err(e)) => (
            templates::smartinvoice(),
            false,
            Some(format!(
                "The autosaved design could not be read ({e}); showing the reference design."
            )),
        ),
        None => (templates::smartinvoice(), false, None),
    };
    let editor = Editor::new(initial);
    editor.dirty.set(dirty);
    if let Some(p) = problem {
        editor.error(p);
    }
    provide_context(editor);
    editor.install_row_sync();
    let dialog = OpenDialog(RwSignal::new(None));
    provide_context(dialog);
    storage::install_autosave(editor);
    storage::open_link_in_fragment(editor);
    let on_hash = window_event_listener_untyped("hashchange", move |_| {
        storage::open_link_in_fragment(editor)
    });

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
            storage::open_file(editor, file);
        }
    };

    view! {
        <div class="app" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <Toolbar/>
            <div class="workspace">
                <Outline/>
                <main class="center" aria-label="Design">
                    <Canvas/>
                    <DiagnosticsPanel/>
                </main>
                <Inspector/>
            </div>
            <StatusBar/>
            {move || match dialog.0.get() {
                Some(Dialog::Wizard) => view! { <WizardDialog/> }.into_any(),
                Some(Dialog::Export) => view! { <ExportDialog/> }.into_any(),
                Some(Dialog::Share) => view! { <ShareDialog/> }.into_any(),
                Some(Dialog::Shortcuts) => view! { <ShortcutsDialog/> }.into_any(),
                Some(Dialog::Connect { source, target }) => view! { <ConnectDialog source target/> }.into_any(),
                Some(Dialog::AddSubnet { vpc, zone }) => view! { <AddSubnetDialog vpc zone/> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}
