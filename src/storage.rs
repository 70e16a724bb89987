//! Everything that leaves the document by the person's hand: file open and download,
//! the clipboard, share links. (Autosave is the designs library's: `library.rs`.)

use std::time::Duration;

use leptos::prelude::*;
use netwright_core::format;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::editor::Editor;
use crate::library::Library;

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
            // Counts as an edit for the library, so the record says "saved to a file" too.
            editor.edits.update(|n| *n += 1);
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

/// Reads a picked or dropped file and opens it as a new design of the library; a bad
/// file leaves everything as it was.
pub fn open_file(editor: Editor, library: Library, file: web_sys::File) {
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
                let source = netwright_core::library::digest(&format::save(&t));
                library.open_file(t, source, format!("Opened {name} as a new design"));
            }
            Err(e) => {
                // Describe output or a template is not a design, but Import takes it.
                let files = vec![(name.clone(), text)];
                if crate::jobs::import(&files, "").await.is_ok() {
                    editor.error(format!(
                        "{name} is AWS describe output or a template, not a design: use Import… in the toolbar to bring it in."
                    ))
                } else {
                    editor.error(format!("Could not open {name}: {e}"))
                }
            }
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

/// A share link: this page's address with `fragment` (a design packed by the
/// on-demand module) after the `#`.
pub fn share_link(fragment: &str) -> String {
    let loc = window().location();
    format!(
        "{}{}{}#{fragment}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
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
