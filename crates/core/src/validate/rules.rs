//! The catalogue of validation rules: stable code, slug, default severity, summary.

use super::Severity;

/// One validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, never reused.
    pub code: &'static str,
    /// Short kebab-case name.
    pub slug: &'static str,
    /// The severity it reports.
    pub severity: Severity,
    /// One line on what it checks.
    pub summary: &'static str,
}

/// Every rule the validator can report.
pub const RULES: &[RuleInfo] = &[];

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}
