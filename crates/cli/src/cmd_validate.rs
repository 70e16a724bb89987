//! `netwright validate FILE...`: diagnostics for each file; exit 1 on any error.

use std::process::ExitCode;

use clap::ValueEnum;
use netwright_core::{validate, Severity};
use serde_json::json;

use crate::{input, report};

#[derive(Clone, Copy, ValueEnum)]
pub enum Output {
    /// Compiler-like text for people.
    Text,
    /// A JSON array, one object per file, for machines.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Design files (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Output,
    /// Hide notes (info-level findings).
    #[arg(long)]
    quiet: bool,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let mut failed = false;
    let mut results = Vec::new();
    for file in &a.files {
        let src = match input::read(file) {
            Ok(s) => s,
            Err(msg) => {
                failed = true;
                match a.format {
                    Output::Text => eprintln!("netwright: {msg}"),
                    Output::Json => results.push(json!({"file": file, "error": {"message": msg}})),
                }
                continue;
            }
        };
        let topology = match netwright_core::format::load(&src.text) {
            Ok(t) => t,
            Err(e) => {
                failed = true;
                match a.format {
                    Output::Text => eprintln!("{}", input::load_message(&src.name, &e)),
                    Output::Json => results.push(json!({
                        "file": src.name,
                        "error": {
                            "code": e.code, "message": e.message, "path": e.path,
                            "line": e.line, "column": e.column,
                        },
                    })),
                }
                continue;
            }
        };
        let mut diags = validate(&topology);
        if a.quiet {
            diags.retain(|d| d.severity != Severity::Info);
        }
        failed |= diags.iter().any(|d| d.severity == Severity::Error);
        match a.format {
            Output::Text => {
                for d in &diags {
                    input::print(&format!("{}\n", report::text(&src.name, &topology, d)))?;
                }
                input::print(&format!("{}: {}\n", src.name, report::summary(&diags)))?;
            }
            Output::Json => results.push(json!({
                "file": src.name,
                "diagnostics": diags.iter().map(|d| report::json(&topology, d)).collect::<Vec<_>>(),
            })),
        }
    }
    if let Output::Json = a.format {
        let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
        input::print(&format!("{text}\n"))?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
