//! The share dialog (the design packed into the link's fragment, never sent to a
//! server) and the modal frame every dialog uses.

use leptos::html;
use leptos::prelude::*;

use crate::app::OpenDialog;
use crate::editor::use_editor;
use crate::storage;

/// A modal dialog frame: title, close button, focus moved inside on open.
#[component]
pub fn Modal(
    /// The dialog's title.
    #[prop(into)]
    title: String,
    /// Called when the dialog is dismissed.
    on_close: Callback<()>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let frame = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = frame.get() {
            if let Ok(Some(first)) = el.query_selector("input, select, button.primary, textarea") {
                use wasm_bindgen::JsCast;
                if let Ok(first) = first.dyn_into::<web_sys::HtmlElement>() {
                    let _ = first.focus();
                }
            }
        }
    });
    let label = title.clone();
    view! {
        <div class="backdrop" on:click=move |_| on_close.run(())></div>
        <div class="modal" role="dialog" aria-modal="true" aria-label=label node_ref=frame>
            <header class="modal-head">
                <h2>{title}</h2>
                <button class="btn small" aria-label="Close" on:click=move |_| on_close.run(())>"Close"</button>
            </header>
            <div class="modal-body">{children()}</div>
        </div>
    }
}

/// The share dialog.
#[component]
pub fn ShareDialog() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let link = Memo::new(move |_| editor.doc.with(storage::share_link));
    view! {
        <Modal title="Share" on_close=Callback::new(move |_| dialog.set(None))>
            <p>"The link carries the whole design, compressed, after the " <code>"#"</code>
               ". Browsers never send that part to a server: whoever opens the link gets the design from the link itself."</p>
            <div class="field">
                <label for="share-link">"Link"</label>
                <input id="share-link" type="text" class="mono" readonly prop:value=move || link.get()
                    on:focus=move |ev| { let i: web_sys::HtmlInputElement = event_target(&ev); i.select(); }/>
            </div>
            <p class="subtle" data-testid="share-length">{move || format!("{} characters", link.with(String::len))}</p>
            <button class="btn primary" on:click=move |_| storage::copy_text(editor, link.get_untracked(), "link")>"Copy link"</button>
        </Modal>
    }
}
