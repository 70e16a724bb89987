//! The Netwright browser app: a thin reactive skin over `netwright-core`. The only
//! code that knows Leptos, web-sys or the DOM. `main.rs` mounts [`app::App`].

pub mod app;
pub mod canvas;
pub mod editor;
pub mod outline;
pub mod panels;
pub mod rows;
pub mod statusbar;
pub mod storage;
pub mod toolbar;
pub mod tree;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    storage::keep_offline();
}
