//! Exporters: one file per target, one trait. Output is deterministic: the same
//! design always gives the same bytes.

mod aws_cli;
mod aws_cli_teardown;
mod aws_common;
pub(crate) mod cloudformation;
mod formats;
mod json;
pub(crate) mod shell;
mod svg;

use std::fmt;
use std::io;

pub use cloudformation::logical_ids as cloudformation_logical_ids;
pub use formats::{format, Format, FORMATS};

use crate::model::Topology;
use crate::validate::{validate, Diagnostic, Severity};

/// A target format a design can be written to.
pub trait Exporter: Sync {
    /// The format it writes: name, description, media type, file name.
    fn format(&self) -> &'static Format;
    /// The format's name on the command line, e.g. `aws-cli`.
    fn name(&self) -> &'static str {
        self.format().name
    }
    /// One line on what it produces, for help texts and menus.
    fn description(&self) -> &'static str {
        self.format().description
    }
    /// The suggested file name for a design named `design`, e.g. `smartinvoice-deploy.sh`.
    fn file_name(&self, design: &str) -> String {
        self.format().file_name(design)
    }
    /// The media type of the output, for downloads.
    fn media_type(&self) -> &'static str {
        self.format().media_type
    }
    /// Whether a design with validation errors must be refused.
    fn requires_valid_design(&self) -> bool {
        true
    }
    /// Writes the design. Called only with designs that passed validation when
    /// [`Exporter::requires_valid_design`] is true.
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()>;
    /// Writes the design like [`Exporter::write`] and returns its cautions: what a
    /// user must know before deploying it, e.g. a limit of the target that the design
    /// exceeds, each a full sentence. An exporter with cautions overrides this, so
    /// that it builds its output once for both.
    fn write_with_cautions(
        &self,
        topology: &Topology,
        out: &mut dyn io::Write,
    ) -> io::Result<Vec<String>> {
        self.write(topology, out).map(|()| Vec::new())
    }
}

/// Every exporter, in menu order.
pub fn exporters() -> &'static [&'static dyn Exporter] {
    &[
        &aws_cli::AwsCliDeploy,
        &aws_cli_teardown::AwsCliTeardown,
        &cloudformation::CloudFormation { yaml: false },
        &cloudformation::CloudFormation { yaml: true },
        &json::Json,
        &svg::Svg,
    ]
}

/// The exporter called `name`.
pub fn exporter(name: &str) -> Option<&'static dyn Exporter> {
    exporters().iter().copied().find(|e| e.name() == name)
}

/// Why an export did not happen.
#[derive(Debug)]
pub enum ExportError {
    /// No exporter has that name.
    UnknownFormat(String),
    /// The design has validation errors (listed).
    Invalid(Vec<Diagnostic>),
    /// Writing failed.
    Io(io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat(name) => {
                let known: Vec<&str> = exporters().iter().map(|e| e.name()).collect();
                write!(
                    f,
                    "unknown export format '{name}' (known: {})",
                    known.join(", ")
                )
            }
            ExportError::Invalid(errors) => {
                write!(
                    f,
                    "the design has {} error(s) and cannot be exported:",
                    errors.len()
                )?;
                for d in errors {
                    write!(f, "\n  {} {}", d.code, d.message)?;
                }
                Ok(())
            }
            ExportError::Io(e) => write!(f, "could not write the export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports `topology` in `format` into `out`, refusing designs with errors when the
/// format needs a valid design; returns the export's cautions.
pub fn export_to(
    topology: &Topology,
    format: &str,
    out: &mut dyn io::Write,
) -> Result<Vec<String>, ExportError> {
    let exporter = exporter(format).ok_or_else(|| ExportError::UnknownFormat(format.into()))?;
    if exporter.requires_valid_design() {
        let errors: Vec<Diagnostic> = validate(topology)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            return Err(ExportError::Invalid(errors));
        }
    }
    exporter
        .write_with_cautions(topology, out)
        .map_err(ExportError::Io)
}

/// An export: its text and its cautions (see [`Exporter::write_with_cautions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The exported text.
    pub text: String,
    /// What to know before deploying it; usually none.
    pub cautions: Vec<String>,
}

/// Exports `topology` in `format`, with the export's cautions.
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let e = netwright_core::export::export_with_cautions(&t, "cloudformation").unwrap();
/// assert!(e.text.starts_with('{') && e.cautions.is_empty());
/// ```
pub fn export_with_cautions(topology: &Topology, format: &str) -> Result<Export, ExportError> {
    let mut buf = Vec::new();
    let cautions = export_to(topology, format, &mut buf)?;
    // Every exporter writes UTF-8 text.
    let text = String::from_utf8(buf).expect("exporters write UTF-8");
    Ok(Export { text, cautions })
}

/// Exports `topology` in `format` to a string.
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let json = netwright_core::export::export(&t, "json").unwrap();
/// assert!(json.starts_with('{'));
/// ```
pub fn export(topology: &Topology, format: &str) -> Result<String, ExportError> {
    export_with_cautions(topology, format).map(|e| e.text)
}

/// A file-name-safe stem from a design name: ASCII letters, digits, `-` and `_`;
/// `design` when nothing is left.
///
/// ```
/// assert_eq!(netwright_core::export::file_stem("My Net/2"), "My-Net-2");
/// assert_eq!(netwright_core::export::file_stem("rm -rf ~"), "rm-rf");
/// ```
pub fn file_stem(design: &str) -> String {
    let mut s = String::new();
    for c in design.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            s.push(c);
        } else if !s.ends_with('-') {
            // Runs of anything else, dashes included, become one dash.
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "design".into()
    } else {
        s
    }
}
