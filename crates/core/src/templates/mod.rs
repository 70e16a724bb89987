//! Built-in designs: the reference deployment guide and a console-style generator.

mod placed;
mod smartinvoice;
mod synthetic;
mod wizard;

pub use placed::with_acls_and_workloads;
pub use smartinvoice::smartinvoice;
pub use synthetic::{synthetic, MAX_SYNTHETIC_SUBNETS};
pub use wizard::{wizard, NatStrategy, WizardError, WizardOptions};

/// The names of the built-in templates, for menus and the CLI.
pub const NAMES: &[&str] = &["smartinvoice", "wizard"];
