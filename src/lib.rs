//! The Netwright browser app: a thin reactive skin over `netwright-core`. The only
//! code that knows Leptos, web-sys or the DOM. `main.rs` mounts [`app::App`].

pub mod app;
pub mod canvas;
pub mod dialog;
pub mod editor;
pub mod jobs;
pub mod library;
pub mod outline;
pub mod panels;
pub mod rows;
pub mod statusbar;
pub mod storage;
pub mod toolbar;
pub mod tree;

/// Installs the panic hook, opens the designs library and mounts the app on `<body>`
/// with the design it chose. The release build aborts on a panic without running any
/// hook (the immediate-abort strategy): there `crash-banner.js` tells the person.
pub fn start() {
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    mark("netwright:wasm-started");
    wasm_bindgen_futures::spawn_local(async {
        let start = library::start().await;
        mark("netwright:library-opened");
        leptos::mount::mount_to_body(move || leptos::view! { <app::App start/> });
        mark("netwright:mounted");
        // The service worker copies every file of the app, the on-demand module's
        // too: registered at idle after the first paint, so that copy never competes
        // with the first view.
        jobs::at_idle_after_first_paint(storage::keep_offline);
        jobs::warm();
    });
}

/// A User Timing mark of a start-up step (the browser benchmark splits the time to
/// interactive by them).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
