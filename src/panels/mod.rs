//! The side and bottom panels and the dialogs: inspector, diagnostics, export, share
//! and the wizard.

pub mod diagnostics;
pub mod export;
pub mod fields;
pub mod inspector;
pub mod share;
pub mod wizard;

pub use diagnostics::DiagnosticsPanel;
pub use export::ExportDialog;
pub use inspector::Inspector;
pub use share::ShareDialog;
pub use wizard::WizardDialog;
