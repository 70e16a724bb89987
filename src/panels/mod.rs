//! The side and bottom panels and the dialogs: inspector, diagnostics, export, share,
//! the wizard, the keyboard shortcuts, the designs library, what tabs say to each other,
//! import, compare and the review sections (import notes, changes), the cost, and
//! reach (what can reach what).

pub mod compare;
pub mod cost;
pub mod designs;
pub mod diagnostics;
pub mod export;
pub mod fields;
pub mod import;
pub mod inspector;
pub mod reach;
pub mod review;
pub mod share;
pub mod shortcuts;
pub mod sync;
pub mod wizard;

pub use compare::CompareDialog;
pub use designs::DesignsDialog;
pub use diagnostics::DiagnosticsPanel;
pub use export::ExportDialog;
pub use import::ImportDialog;
pub use inspector::Inspector;
pub use reach::ReachPanel;
pub use share::ShareDialog;
pub use shortcuts::ShortcutsDialog;
pub use sync::{ConflictBanner, LinkOfferDialog};
pub use wizard::WizardDialog;
