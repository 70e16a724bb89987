//! The on-demand module: a Web Worker holding the exporters, importers, comparisons
//! and share-link packing, which the page uses only after a design is on screen. It
//! is a thin shell over `netwright_core::jobs::handle`: each message is `ID JOB`
//! (the job as JSON text) and each answer `ID REPLY`; `ready` says it is listening.
//! Built by Trunk from index.html (`data-type="worker"`), loaded by the page's
//! `src/jobs.rs`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let (id, job) = text.split_once(' ').unwrap_or((&text, ""));
            let reply = netwright_core::jobs::handle(job);
            // A page that has gone cannot be told.
            let _ = replies.post_message(&JsValue::from_str(&format!("{id} {reply}")));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Listens for as long as the worker lives.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
