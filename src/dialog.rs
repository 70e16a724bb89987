//! What every dialog shares: which one is open (one at a time, from context), and
//! the modal frame they are drawn in (title, close, focus kept inside and given back).

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::model::Peer;
use netwright_core::Id;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The designs library: open, rename, duplicate, delete.
    Designs,
    /// Import an existing network (AWS describe output).
    Import,
    /// Compare the design with another.
    Compare,
    /// The console-style generator.
    Wizard,
    /// Export preview, copy and download.
    Export,
    /// The share link.
    Share,
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// The monthly cost, by billed resource, with traffic through NAT.
    Cost,
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
