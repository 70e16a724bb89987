//! The share dialog: the design packed into the link's fragment (by the on-demand
//! module), never sent to a server.

use leptos::prelude::*;
use netwright_core::format;
use netwright_core::jobs::{Reply, Request};

use crate::dialog::{Modal, OpenDialog};
use crate::editor::use_editor;
use crate::jobs;
use crate::storage;

/// The share dialog.
#[component]
pub fn ShareDialog() -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let reply = RwSignal::new(None::<Reply>);
    jobs::follow(
        None,
        move || {
            Some(Request::Share {
                design: editor.doc.with(format::save),
            })
        },
        reply,
    );
    // The link, or why there is none (still packing, or the module failed).
    let link = Memo::new(move |_| match reply.get() {
        Some(Reply::Shared { fragment }) => Ok(storage::share_link(&fragment)),
        Some(Reply::Failed { message }) => Err(message),
        Some(_) => Err(jobs::unexpected("share")),
        None => Err(String::new()),
    });
    let text = move || link.get().unwrap_or_default();
    view! {
        <Modal title="Share" on_close=Callback::new(move |_| dialog.set(None))>
            <p>"The link carries the whole design, compressed, after the " <code>"#"</code>
               ". Browsers never send that part to a server: whoever opens the link gets the design from the link itself."</p>
            <div class="field">
                <label for="share-link">"Link"</label>
                <input id="share-link" type="text" class="mono" readonly prop:value=text
                    on:focus=move |ev| { let i: web_sys::HtmlInputElement = event_target(&ev); i.select(); }/>
            </div>
            {move || match link.get() {
                Ok(l) => view! { <p class="subtle" data-testid="share-length">{format!("{} characters", l.len())}</p> }.into_any(),
                Err(e) if e.is_empty() => view! { <p class="subtle" role="status">"Packing the design into the link…"</p> }.into_any(),
                Err(e) => view! { <p class="import-error" role="alert">{e}</p> }.into_any(),
            }}
            <button class="btn primary" disabled=move || link.with(Result::is_err)
                on:click=move |_| storage::copy_text(editor, text(), "link")>"Copy link"</button>
        </Modal>
    }
}
