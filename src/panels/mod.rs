//! The side and bottom panels and the dialogs: inspector, diagnostics, export, share,
//! the wizard and the keyboard shortcuts.

pub mod diagnostics;
pub mod export;
pub mod fields;
pub mod inspector;
pub mod share;
pub mod shortcuts;
pub mod wizard;

pub use diagnostics::DiagnosticsPanel;
pub use export::ExportDialog;
pub use inspector::Inspector;
pub use share::ShareDialog;
pub use shortcuts::ShortcutsDialog;
pub use wizard::WizardDialog;
