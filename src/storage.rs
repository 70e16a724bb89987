//! Everything that leaves the document: localStorage autosave, file open and
//! download, the clipboard and share links in the URL fragment.

use std::time::Duration;

use leptos::prelude::*;
use netwright_core::{format, share, Topology};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::editor::Editor;

/// localStorage key of the autosaved design (the saved JSON format).
pub const AUTOSAVE_KEY: &str = "netwright.autosave";
/// localStorage key of the "changed since saved to a file" flag.
const DIRTY_KEY: &str = "netwright.autosave.dirty";
/// Keystrokes within this delay are saved together; a page hide flushes at once.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The autosaved design, if there is one: `Some(Err)` when it cannot be read.
pub fn load_autosave() -> Option<Result<(Topology, bool), format::LoadError>> {
    let storage = local_storage()?;
    let text = storage.get_item(AUTOSAVE_KEY).ok().flatten()?;
    let dirty = storage.get_item(DIRTY_KEY).ok().flatten().as_deref() == Some("1");
    Some(format::load(&text).map(|t| (t, dirty)))
}

fn write_autosave(editor: Editor) {
    let Some(storage) = local_storage() else {
        return;
    };
    let text = editor.doc.with_untracked(format::save);
    let dirty = if editor.dirty.get_untracked() {
        "1"
    } else {
        "0"
    };
    if storage.set_item(AUTOSAVE_KEY, &text).is_err() || storage.set_item(DIRTY_KEY, dirty).is_err()
    {
        editor.error("Could not autosave: the browser's storage is full or disabled.");
    }
}

/// Saves the design to localStorage after every change (keystroke bursts together),
/// and at once when the page is hidden or unloaded, so a reload never loses an edit.
pub fn install_autosave(editor: Editor) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let flush = move || {
        if let Some(h) = pending.try_update_value(|p| p.take()).flatten() {
            h.clear();
            write_autosave(editor);
        }
    };
    Effect::new(move |first: Option<()>| {
        editor.doc.track();
        editor.dirty.track();
        if first.is_none() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                write_autosave(editor);
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        if let Some(old) = pending
            .try_update_value(|p| std::mem::replace(p, handle))
            .flatten()
        {
            old.clear();
        }
    });
    let on_hide = window_event_listener_untyped("pagehide", move |_| flush());
    let on_visibility = window_event_listener_untyped("visibilitychange", move |_| flush());
    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
    });
}

/// Offers `text` as a file download called `file_name`.
pub fn download(file_name: &str, media_type: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(file_name, &blob)
}

/// Offers `blob` as a file download called `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        Duration::from_secs(5),
    );
    Ok(())
}

/// Downloads the design as `NAME.netwright.json` (the Save button and Ctrl/Cmd+S).
pub fn save_design(editor: Editor) {
    let (name, text) = editor
        .doc
        .with_untracked(|t| (netwright_core::export::file_stem(&t.name), format::save(t)));
    let file = format!("{name}.netwright.json");
    match download(&file, "application/json", &text) {
        Ok(()) => {
            editor.dirty.set(false);
            editor.info(format!("Saved {file}"));
        }
        Err(_) => editor.error("The browser refused the download."),
    }
}

/// Opens the file picker of the toolbar's Open button (also Ctrl/Cmd+O).
pub fn pick_file() {
    if let Some(input) = document()
        .get_element_by_id(OPEN_FILE_INPUT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        input.click();
    }
}

/// The id of the toolbar's (hidden) file input.
pub const OPEN_FILE_INPUT: &str = "open-file";

/// Reads a picked or dropped file and opens it; a bad file leaves the design untouched.
pub fn open_file(editor: Editor, file: web_sys::File) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let text = match JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => {
                editor.error(format!("Could not read {name}."));
                return;
            }
        };
        match format::load(&text) {
            Ok(t) => {
                if editor.confirm_replace(&format!("the design in {name}")) {
                    editor.replace(t, &format!("Opened {name}"));
                }
            }
            Err(e) => editor.error(format!("Could not open {name}: {e}")),
        }
    });
}

/// Copies text to the clipboard; reports the outcome in the status bar.
pub fn copy_text(editor: Editor, text: String, what: &'static str) {
    let clipboard = window().navigator().clipboard();
    leptos::task::spawn_local(async move {
        match JsFuture::from(clipboard.write_text(&text)).await {
            Ok(_) => editor.info(format!("Copied the {what} to the clipboard")),
            Err(_) => editor.error(format!(
                "The browser refused clipboard access: select the {what} and copy it by hand."
            )),
        }
    });
}

/// The share link of a design: this page's address with the design in the fragment.
pub fn share_link(t: &Topology) -> String {
    let loc = window().location();
    let base = format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    format!("{base}#{}", share::to_fragment(t))
}

/// Opens the design in the page's fragment, if it holds a share link, then clears the
/// fragment (the design lives on in the autosave). A bad link keeps the design.
pub fn open_link_in_fragment(editor: Editor) {
    let hash = window().location().hash().unwrap_or_default();
    if !hash.starts_with("#nw") {
        return;
    }
    match share::from_fragment(&hash) {
        Ok(t) => {
            if editor.confirm_replace("the design in the link") {
                editor.replace(t, "Opened the design from the share link");
            }
        }
        Err(e) => editor.error(format!("Could not open the link: {e}")),
    }
    let loc = window().location();
    let clean = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

/// Registers the service worker (sw.js), which caches the app's own files so that it
/// opens offline once it has loaded. Where the browser has none (an insecure origin,
/// a private window that forbids it) the app works as before, online only.
pub fn keep_offline() {
    let navigator = window().navigator();
    let has_workers =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if has_workers {
        let registering = navigator.service_worker().register("./sw.js");
        // A failed registration only means no offline copy; awaiting the promise keeps
        // its rejection from surfacing as an uncaught error.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(registering).await;
        });
    }
}
