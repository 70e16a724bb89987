//! `netwright import --from aws FILE...`: build a design from a real network's
//! describe outputs, write it in the saved format, and print on standard error a note
//! for everything the design could not hold.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use netwright_core::format;
use netwright_core::import::{aws, Source};

use crate::input;

#[derive(Clone, Copy, ValueEnum)]
enum Origin {
    /// JSON output of the AWS CLI's ec2 describe-* and iam commands (see docs/import.md).
    Aws,
}

#[derive(clap::Args)]
#[command(after_help = "Capture a Region's network with the command in docs/import.md.")]
pub struct Args {
    /// What the files are.
    #[arg(long, value_enum)]
    from: Origin,
    /// Import only this VPC (id or Name tag); repeat for several. Without it every VPC
    /// but the default one is imported.
    #[arg(long = "vpc", value_name = "ID_OR_NAME")]
    vpcs: Vec<String>,
    /// Write the design to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Describe outputs, in any order (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<String>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let Origin::Aws = a.from;
    let sources = a
        .files
        .iter()
        .map(|f| input::read(f))
        .collect::<Result<Vec<_>, _>>()?;
    let files: Vec<Source<'_>> = sources
        .iter()
        .map(|s| Source {
            name: &s.name,
            text: &s.text,
        })
        .collect();
    let import = aws::import(&files, &aws::Options { vpcs: a.vpcs }).map_err(|e| e.to_string())?;
    for note in &import.notes {
        eprintln!("netwright: note: {note}");
    }
    if import.design.entities().is_empty() {
        eprintln!(
            "netwright: warning: nothing was imported: the capture holds no VPC or role to import{}",
            if import.notes.is_empty() { "" } else { " (see the notes above)" }
        );
    }
    input::write(a.output.as_deref(), &format::save(&import.design))?;
    Ok(ExitCode::SUCCESS)
}
