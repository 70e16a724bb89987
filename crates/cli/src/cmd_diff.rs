//! `netwright diff A B`: what changed from design A to design B, by meaning (matched
//! by id, else by kind and name; rules and routes as sets; layout and ids ignored).
//! A or B may also be AWS describe output (a capture) or a CloudFormation template,
//! imported on the fly (its notes are not printed: `netwright import` shows them).
//! Exit status: 0 when they mean the same network, 1 when they differ, 2 on bad input.

use std::process::ExitCode;

use netwright_core::import::{aws, cloudformation, is_template, Source};
use netwright_core::{diff, Topology};

use crate::input;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One line per change, as a reviewer writes them.
    Text,
    /// An array of changes with their fields.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The first design (before): a design file, a capture or a template.
    a: String,
    /// The second design (after); `-` reads standard input.
    b: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// A design file, else a template or a capture imported on the fly; the error is the
/// design file's (what most people give).
fn load(path: &str) -> Result<Topology, String> {
    let src = input::read(path)?;
    let as_design = input::load(&src);
    if as_design.is_ok() {
        return as_design;
    }
    let source = Source {
        name: &src.name,
        text: &src.text,
    };
    let imported = if is_template(&src.name, &src.text) {
        cloudformation::import(&source, &cloudformation::Options::default())
            .map_err(|e| e.to_string())
    } else {
        aws::import(&[source], &aws::Options::default()).map_err(|e| e.to_string())
    };
    match imported {
        Ok(i) => Ok(i.design),
        Err(e) if src.text.contains("\"format\"") => Err(as_design.err().unwrap_or(e)),
        Err(e) => Err(e),
    }
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let (before, after) = match (load(&a.a), load(&a.b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("netwright: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let changes = diff::diff(&before, &after);
    let text = match a.format {
        Format::Json => format!("{}\n", diff::to_json(&changes)),
        Format::Text if changes.is_empty() => String::new(),
        Format::Text => {
            let mut out: String = changes.iter().map(|c| format!("{c}\n")).collect();
            let (added, removed, changed) =
                changes.iter().fold((0, 0, 0), |(a, r, c), x| match x.what {
                    diff::What::Added => (a + 1, r, c),
                    diff::What::Removed => (a, r + 1, c),
                    diff::What::Changed(_) => (a, r, c + 1),
                });
            out.push_str(&format!(
                "{added} added, {removed} removed, {changed} changed\n"
            ));
            out
        }
    };
    input::write(None, &text)?;
    if changes.is_empty() {
        if matches!(a.format, Format::Text) {
            eprintln!("netwright: {} and {} mean the same network", a.a, a.b);
        }
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
