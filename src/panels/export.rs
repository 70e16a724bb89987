//! The export dialog: every export format, with a preview, copy and download (the
//! same bytes as `netwright export`, written by the on-demand module). Designs with
//! errors say why they cannot go.

use leptos::prelude::*;
use netwright_core::export;
use netwright_core::format;
use netwright_core::jobs::{Reply, Request};

use crate::dialog::Modal;
use crate::dialog::OpenDialog;
use crate::editor::use_editor;
use crate::jobs;
use crate::storage;

/// The User Timing mark of a click on Export (the browser benchmark measures from it
/// to the preview).
pub const OPENED_MARK: &str = "netwright:export:open";

/// Measures from the click on Export ([`OPENED_MARK`]) to the first preview, once.
fn mark_preview() {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    if p.measure_with_start_mark("netwright:export:preview", OPENED_MARK)
        .is_ok()
    {
        p.clear_marks_with_mark_name(OPENED_MARK);
    }
}

/// The export dialog.
#[component]
pub fn ExportDialog() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let chosen = RwSignal::new(export::FORMATS[0].name);
    let output = RwSignal::new(None::<Reply>);
    jobs::follow(
        None,
        move || {
            let format = chosen.get().to_string();
            let design = editor.doc.with(format::save);
            Some(Request::Export { design, format })
        },
        output,
    );
    Effect::new(move |_| {
        if output.with(Option::is_some) {
            mark_preview();
        }
    });
    let text = move || {
        output.with(|o| match o {
            Some(Reply::Exported { text, .. }) => Some(text.clone()),
            _ => None,
        })
    };
    let file_name = Memo::new(move |_| {
        let f = export::format(chosen.get()).expect("chosen from the list");
        editor.doc.with(|t| f.file_name(&t.name))
    });
    let download = move |_| {
        let f = export::format(chosen.get_untracked()).expect("chosen from the list");
        let name = file_name.get_untracked();
        // Borrowed, not cloned: an export can be megabytes.
        let done = output.with_untracked(|o| match o {
            Some(Reply::Exported { text, .. }) => {
                Some(storage::download(&name, f.media_type, text).is_ok())
            }
            _ => None,
        });
        match done {
            Some(true) => editor.info(format!("Downloaded {name}")),
            Some(false) => editor.error("The browser refused the download."),
            None => {}
        }
    };
    let copy = move |_| {
        if let Some(text) = text() {
            storage::copy_text(editor, text, "export");
        }
    };
    let ok = move || output.with(|o| matches!(o, Some(Reply::Exported { .. })));
    view! {
        <Modal title="Export" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="export">
                <div class="formats" role="radiogroup" aria-label="Format">
                    {export::FORMATS.iter().map(|f| {
                        let name = f.name;
                        view! {
                            <label class="format" class:active=move || chosen.get() == name>
                                <input type="radio" name="format" value=name prop:checked=move || chosen.get() == name
                                    on:change=move |_| chosen.set(name)/>
                                <span class="format-name">{name}</span>
                                <span class="format-desc">{f.description}</span>
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
                        None => view! {
                            <p class="export-waiting subtle" role="status" data-testid="export-waiting">"Preparing the export…"</p>
                        }.into_any(),
                        // What to know before deploying (e.g. a template over CloudFormation's limits).
                        Some(Reply::Exported { text, cautions }) => view! {
                            {(!cautions.is_empty()).then(|| view! {
                                <div class="export-caution" role="status" data-testid="export-caution">
                                    {cautions.into_iter().map(|c| view! { <p>{c}</p> }).collect_view()}
                                </div>
                            })}
                            <pre class="preview" tabindex="0" aria-label="Preview" data-testid="export-preview">{text}</pre>
                        }.into_any(),
                        Some(Reply::Invalid { errors }) => view! {
                            <div class="export-blocked" role="alert">
                                <p>{format!("The design has {} error(s) and cannot be exported in this format:", errors.len())}</p>
                                <ul>{errors.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any(),
                        Some(Reply::Failed { message }) => view! {
                            <div class="export-blocked" role="alert" data-testid="export-failed"><p>{message}</p></div>
                        }.into_any(),
                        Some(_) => view! {
                            <div class="export-blocked" role="alert"><p>{jobs::unexpected("export")}</p></div>
                        }.into_any(),
                    }}
                </div>
            </div>
        </Modal>
    }
}
