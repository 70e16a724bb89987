//! Stable entity ids: opaque strings that never change when an entity is renamed.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable identifier of one entity in a [`crate::Topology`], such as `subnet-3`.
///
/// Ids are unique across the whole design (not only within one kind), never shown
/// as names, and survive renames. New ids come from [`crate::Topology::fresh_id`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// Wraps a string as an id.
    ///
    /// ```
    /// let id = netwright_core::Id::new("vpc-main");
    /// assert_eq!(id.as_str(), "vpc-main");
    /// ```
    pub fn new(s: impl Into<String>) -> Self {
        Id(s.into())
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(s.to_string())
    }
}
