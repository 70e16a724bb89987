//! `netwright import --from cloudformation FILE`: evaluate a CloudFormation template
//! (JSON or YAML) with its parameters, write the design it creates in the saved
//! format, and print on standard error a note for everything the design could not
//! hold.

use std::path::Path;
use std::process::ExitCode;

use netwright_core::format;
use netwright_core::import::{cloudformation, Source};

use crate::input;

/// Parses `KEY=VALUE` for `--parameter`.
pub fn parameter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}

/// What the import command passes on for a template.
pub struct Args<'a> {
    pub file: &'a str,
    pub region: Option<String>,
    pub stack_name: Option<String>,
    pub parameters: Vec<(String, String)>,
    pub output: Option<&'a Path>,
}

pub fn run(a: Args<'_>) -> Result<ExitCode, String> {
    let src = input::read(a.file)?;
    let options = cloudformation::Options {
        region: a.region,
        stack_name: a.stack_name,
        parameters: a.parameters,
    };
    let import = cloudformation::import(
        &Source {
            name: &src.name,
            text: &src.text,
        },
        &options,
    )
    .map_err(|e| e.to_string())?;
    for note in &import.notes {
        eprintln!("netwright: note: {note}");
    }
    if import.design.entities().is_empty() {
        eprintln!(
            "netwright: warning: nothing was imported: the template creates no VPC or role{}",
            if import.notes.is_empty() {
                ""
            } else {
                " (see the notes above)"
            }
        );
    }
    input::write(a.output, &format::save(&import.design))?;
    Ok(ExitCode::SUCCESS)
}
