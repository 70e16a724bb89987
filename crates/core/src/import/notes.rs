//! What an importer could not carry into the design, and why: one note per dropped
//! piece, shaped like a validation diagnostic (who, what, why) so the app and the CLI
//! render notes the way they render findings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One thing the source holds that the design does not: never dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Note {
    /// The source's id of the resource it is about, e.g. `vpc-0abc12` or a role name.
    pub resource: String,
    /// What was left out, e.g. `IPv6 block 2600:1f18::/56`.
    pub dropped: String,
    /// Why, for a person: what the model cannot hold or why it was skipped.
    pub why: String,
}

impl Note {
    /// A note about `resource`.
    ///
    /// ```
    /// use netwright_core::import::Note;
    /// let n = Note::new("vpc-0abc12", "IPv6 block 2600:1f18::/56", "the model holds IPv4 blocks only");
    /// assert_eq!(
    ///     n.to_string(),
    ///     "vpc-0abc12: IPv6 block 2600:1f18::/56 (the model holds IPv4 blocks only)"
    /// );
    /// ```
    pub fn new(
        resource: impl Into<String>,
        dropped: impl Into<String>,
        why: impl Into<String>,
    ) -> Self {
        Note {
            resource: resource.into(),
            dropped: dropped.into(),
            why: why.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.resource, self.dropped, self.why)
    }
}
