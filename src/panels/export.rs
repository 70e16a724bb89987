//! The export dialog: every exporter of the core, with a preview, copy and download
//! (the same bytes as `netwright export`). Designs with errors say why they cannot go.

use leptos::prelude::*;
use netwright_core::export::{self, ExportError};

use crate::app::OpenDialog;
use crate::editor::use_editor;
use crate::panels::share::Modal;
use crate::storage;

/// The export dialog.
#[component]
pub fn ExportDialog() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let chosen = RwSignal::new(export::exporters()[0].name());
    let output = Memo::new(move |_| {
        let name = chosen.get();
        editor
            .doc
            .with(|t| match export::export_with_cautions(t, name) {
                Ok(export) => Ok(export),
                Err(ExportError::Invalid(list)) => Err(list
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect::<Vec<_>>()),
                Err(e) => Err(vec![e.to_string()]),
            })
    });
    let file_name = Memo::new(move |_| {
        let e = export::exporter(chosen.get()).expect("chosen from the list");
        editor.doc.with(|t| e.file_name(&t.name))
    });
    let download = move |_| {
        let e = export::exporter(chosen.get_untracked()).expect("chosen from the list");
        let name = file_name.get_untracked();
        // Borrowed, not cloned: an export can be megabytes.
        let done = output.with_untracked(|o| {
            o.as_ref()
                .ok()
                .map(|export| storage::download(&name, e.media_type(), &export.text).is_ok())
        });
        match done {
            Some(true) => editor.info(format!("Downloaded {name}")),
            Some(false) => editor.error("The browser refused the download."),
            None => {}
        }
    };
    let copy = move |_| {
        if let Ok(export) = output.get_untracked() {
            storage::copy_text(editor, export.text, "export");
        }
    };
    let ok = move || output.with(|o| o.is_ok());
    view! {
        <Modal title="Export" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="export">
                <div class="formats" role="radiogroup" aria-label="Format">
                    {export::exporters().iter().map(|e| {
                        let name = e.name();
                        view! {
                            <label class="format" class:active=move || chosen.get() == name>
                                <input type="radio" name="format" value=name prop:checked=move || chosen.get() == name
                                    on:change=move |_| chosen.set(name)/>
                                <span class="format-name">{name}</span>
                                <span class="format-desc">{e.description()}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
                <div class="export-main">
                    <div class="export-actions">
                        <span class="mono file-name">{move || file_name.get()}</span>
                        <button class="btn" disabled=move || !ok() on:click=copy>"Copy"</button>
                        <button class="btn primary" disabled=move || !ok() on:click=download>"Download"</button>
                    </div>
                    {move || match output.get() {
                        // What to know before deploying (e.g. a template over CloudFormation's limits).
                        Ok(export::Export { text, cautions }) => view! {
                            {(!cautions.is_empty()).then(|| view! {
                                <div class="export-caution" role="status" data-testid="export-caution">
                                    {cautions.into_iter().map(|c| view! { <p>{c}</p> }).collect_view()}
                                </div>
                            })}
                            <pre class="preview" tabindex="0" aria-label="Preview" data-testid="export-preview">{text}</pre>
                        }.into_any(),
                        Err(reasons) => view! {
                            <div class="export-blocked" role="alert">
                                <p>{format!("The design has {} error(s) and cannot be exported in this format:", reasons.len())}</p>
                                <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any(),
                    }}
                </div>
            </div>
        </Modal>
    }
}
