//! The share dialog (the design packed into the link's fragment, never sent to a
//! server) and the modal frame every dialog uses.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::format;
use netwright_core::jobs::{Reply, Request};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::app::OpenDialog;
use crate::editor::use_editor;
use crate::jobs;
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

/// Whether `a` and `b` are radios of one group (one stop for Tab).
fn same_radio_group(a: &web_sys::HtmlElement, b: &web_sys::HtmlElement) -> bool {
    let radio = |e: &web_sys::HtmlElement| {
        (e.get_attribute("type").as_deref() == Some("radio"))
            .then(|| e.get_attribute("name"))
            .flatten()
    };
    matches!((radio(a), radio(b)), (Some(x), Some(y)) if x == y)
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
        // Only Tab from the last stop, or Shift+Tab from the first, wraps around. A
        // radio group is one stop: Tab leaves it, so its last radio is not the end.
        let (list, at) = controls(&el, FOCUSABLE);
        let Some(i) = at else { return };
        let alone =
            |others: &[web_sys::HtmlElement]| others.iter().all(|c| same_radio_group(c, &list[i]));
        let to = match ev.shift_key() {
            true if alone(&list[..i]) => list.len() - 1,
            false if alone(&list[i + 1..]) => 0,
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
        Some(_) => Err("The share module gave another kind of answer: reload the page.".into()),
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
