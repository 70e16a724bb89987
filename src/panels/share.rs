//! The share dialog (the design packed into the link's fragment, never sent to a
//! server) and the modal frame every dialog uses.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::app::OpenDialog;
use crate::editor::use_editor;
use crate::storage;

/// What can take focus inside a dialog, in document order.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
    textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// The controls of `container` that `selector` matches, in document order, and which
/// of them has the focus (used by the dialogs' Tab trap and the toolbars' arrows).
pub fn controls(
    container: &web_sys::Element,
    selector: &str,
) -> (Vec<web_sys::HtmlElement>, Option<usize>) {
    let list: Vec<web_sys::HtmlElement> = container
        .query_selector_all(selector)
        .map(|l| {
            (0..l.length())
                .filter_map(|i| l.get(i))
                .filter_map(|n| n.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default();
    let active = document().active_element();
    let at = list
        .iter()
        .position(|c| active.as_ref() == Some(c.as_ref()));
    (list, at)
}

/// A modal dialog frame: title, close button. Focus moves inside on open, Tab and
/// Shift+Tab cycle within the dialog, and on close focus returns to whatever had it
/// before (the button that opened the dialog).
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
    let opener = SendWrapper::new(
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    });
    Effect::new(move |_| {
        if let Some(el) = frame.get() {
            // The first field or the main action; a dialog with neither (a list to
            // read) focuses its Close button, so Tab and Esc work inside it.
            let first = el
                .query_selector("input, select, button.primary, textarea")
                .ok()
                .flatten()
                .or_else(|| el.query_selector("button").ok().flatten());
            if let Some(first) = first.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = first.focus();
            }
        }
    });
    let trap_tab = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(el) = frame.get_untracked() else {
            return;
        };
        // Only Tab from the last control, or Shift+Tab from the first, wraps around.
        let (list, at) = controls(&el, FOCUSABLE);
        let last = list.len().wrapping_sub(1);
        let to = match (ev.shift_key(), at) {
            (true, Some(0)) => last,
            (false, Some(i)) if i == last => 0,
            _ => return,
        };
        ev.prevent_default();
        let _ = list[to].focus();
    };
    let label = title.clone();
    view! {
        <div class="backdrop" on:click=move |_| on_close.run(())></div>
        <div class="modal" role="dialog" aria-modal="true" aria-label=label node_ref=frame on:keydown=trap_tab>
            <div class="modal-head">
                <h2>{title}</h2>
                <button class="btn small" aria-label="Close" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
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
