//! `netwright fmt FILE`: rewrite a design in canonical form; `--check` only checks.

use std::path::Path;
use std::process::ExitCode;

use netwright_core::format;

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// The design file (`-`: read standard input, write standard output).
    file: String,
    /// Only check: exit 1 if the file is not in canonical form.
    #[arg(long)]
    check: bool,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let src = input::read(&a.file)?;
    let topology = input::load(&src)?;
    let canonical = format::save(&topology);
    if a.check {
        if canonical == src.text {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{}: not in canonical form (run `netwright fmt {}`)",
            src.name, a.file
        );
        return Ok(ExitCode::FAILURE);
    }
    if a.file == "-" {
        input::write(None, &canonical)?;
    } else if canonical != src.text {
        input::write(Some(Path::new(&a.file)), &canonical)?;
    }
    Ok(ExitCode::SUCCESS)
}
