//! `netwright export --format NAME FILE`: write a design in another format. Each
//! format is one exporter in the core; this command only picks it by name.

use std::path::PathBuf;
use std::process::ExitCode;

use netwright_core::export::{self, ExportError};

use crate::{input, report};

#[derive(clap::Args)]
#[command(after_help = formats_help())]
pub struct Args {
    /// The export format (see the list below).
    #[arg(long, short)]
    format: String,
    /// With `--format cloudformation`: write YAML instead of JSON.
    #[arg(long)]
    yaml: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The design file (`-` reads standard input).
    file: String,
}

fn formats_help() -> String {
    let mut s = String::from("Formats:\n");
    for e in export::exporters() {
        s.push_str(&format!("  {:<22} {}\n", e.name(), e.description()));
    }
    s
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let name = match (a.format.as_str(), a.yaml) {
        ("cloudformation", true) => "cloudformation-yaml",
        (other, true) => {
            return Err(format!(
                "--yaml only applies to cloudformation, not {other}"
            ))
        }
        (other, false) => other,
    };
    if export::exporter(name).is_none() {
        return Err(ExportError::UnknownFormat(name.into()).to_string());
    }
    let src = input::read(&a.file)?;
    let topology = input::load(&src)?;
    match export::export_with_cautions(&topology, name) {
        Ok(export::Export { text, cautions }) => {
            input::write(a.output.as_deref(), &text)?;
            for caution in cautions {
                eprintln!("netwright: warning: {}: {caution}", src.name);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ExportError::Invalid(errors)) => {
            eprintln!(
                "netwright: {}: the design has {} error(s); fix them before exporting:\n",
                src.name,
                errors.len()
            );
            for d in &errors {
                eprintln!("{}", report::text(&src.name, &topology, d));
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.to_string()),
    }
}
