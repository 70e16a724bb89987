//! Text helpers every rule family shares: blank names, lengths in characters, and
//! truncation at a character boundary.

/// Whether `s` has more than `max` characters (bytes are checked first: cheap).
pub(super) fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().count() > max
}

/// The first `max` characters of `s`.
pub(super) fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Whether a name is empty or only whitespace (stops at the first other character).
pub(super) fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}
