//! What validation says: a diagnostic with a stable code, a severity, the entity and
//! field it points at, a message a person understands, and a fix where one is known.

use std::fmt;

use crate::model::EntityRef;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS would reject the design, or it cannot work: blocks export.
    Error,
    /// It deploys, but something is risky, costly or probably unintended.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A known way to fix a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What to do, for a person: "use 10.0.5.0/24".
    pub label: String,
    /// A value that, written into the diagnostic's field, fixes it (one-click fixes).
    pub replacement: Option<String>,
}

/// One finding about a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `NW104` (see [`super::rules::RULES`]).
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// The entity it points at.
    pub entity: EntityRef,
    /// The field of that entity, as a path: `cidr`, `ingress[1].to_port`.
    pub field: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
    /// A fix, where one is known.
    pub fix: Option<Fix>,
}

/// Sorts diagnostics into their stable order: severity, entity, field, code, message.
pub(crate) fn sort(diags: &mut [Diagnostic]) {
    crate::order::sort_by(diags, |a, b| {
        (a.severity, &a.entity, &a.field, a.code, &a.message)
            .cmp(&(b.severity, &b.entity, &b.field, b.code, &b.message))
    });
}
