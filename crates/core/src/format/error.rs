//! Load errors: what is wrong and where (line and column, or a JSON path), with a code.

use std::fmt;

/// Why a design could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// Stable code: `NW001` syntax, `NW002` not a Netwright file, `NW003` unsupported
    /// version, `NW004` wrong shape (missing field, wrong type, unknown field),
    /// `NW005` dangling reference, `NW006` duplicate id, `NW007` invalid value.
    pub code: &'static str,
    /// What is wrong, for a person.
    pub message: String,
    /// Where in the document, as a JSON path (`design.subnets[2].vpc`), when known.
    pub path: Option<String>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl LoadError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        LoadError {
            code,
            message: message.into(),
            path: None,
            line: None,
            column: None,
        }
    }

    /// Attaches a JSON path.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub(crate) fn syntax(e: serde_json::Error) -> Self {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the JSON ends too early (is the file truncated?)",
            _ => "this is not valid JSON",
        };
        let mut err = Self::new(
            "NW001",
            format!("{what}: {}", strip_position(&e.to_string())),
        );
        if e.line() > 0 {
            err.line = Some(e.line());
            err.column = Some(e.column());
        }
        err
    }

    pub(crate) fn not_netwright(message: &str) -> Self {
        Self::new("NW002", message)
    }

    pub(crate) fn version(message: String) -> Self {
        Self::new("NW003", message)
    }

    #[cfg(feature = "json-paths")]
    pub(crate) fn schema(e: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = e.path().to_string();
        let mut err = Self::shape(e.into_inner());
        if path != "." && !path.is_empty() {
            err.path = Some(path);
        }
        err
    }

    /// A wrong shape (missing field, wrong type, unknown field), with its position.
    pub(crate) fn shape(inner: serde_json::Error) -> Self {
        let mut err = Self::new("NW004", strip_position(&inner.to_string()));
        if inner.line() > 0 {
            err.line = Some(inner.line());
            err.column = Some(inner.column());
        }
        err
    }

    pub(crate) fn dangling(path: String, message: String) -> Self {
        Self::new("NW005", message).at(path)
    }

    pub(crate) fn duplicate(path: String, message: String) -> Self {
        Self::new("NW006", message).at(path)
    }

    pub(crate) fn invalid(path: String, message: String) -> Self {
        Self::new("NW007", message).at(path)
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        if let Some(p) = &self.path {
            write!(f, "at {p}: ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

impl std::error::Error for LoadError {}
