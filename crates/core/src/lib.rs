//! Netwright's domain core: the topology model, CIDR logic, validation, the saved
//! JSON format, templates and exporters. It knows no screen and no network; the
//! browser app and the `netwright` CLI are thin skins over it.
#![deny(missing_docs)]

pub mod catalog;
pub mod cidr;
pub mod cost;
pub mod diagram;
pub mod diff;
pub mod edit;
pub mod export;
pub mod format;
pub mod import;
pub mod jobs;
pub mod library;
pub mod model;
pub mod order;
pub mod reach;
pub mod share;
mod strmap;
pub mod templates;
pub mod validate;

pub use model::{Id, Topology};
pub use validate::{validate, Diagnostic, Severity};

/// The Netwright version that wrote an export (the core crate's version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
