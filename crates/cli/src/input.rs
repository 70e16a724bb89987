//! Reading designs from files or standard input (`-`), and writing outputs.

use std::io::{Read, Write};
use std::path::Path;

use netwright_core::{format, Topology};

/// A design's source text, named for messages.
pub struct Source {
    /// `FILE` or `<stdin>`.
    pub name: String,
    /// The raw text.
    pub text: String,
}

/// Reads `path`, or standard input when it is `-`.
pub fn read(path: &str) -> Result<Source, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return Ok(Source {
            name: "<stdin>".into(),
            text,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Source {
        name: path.into(),
        text,
    })
}

/// Loads a design, with the source's name in the error message.
pub fn load(src: &Source) -> Result<Topology, String> {
    format::load(&src.text).map_err(|e| load_message(&src.name, &e))
}

/// `error[NW001]: FILE:3:5: message` (or `FILE: at PATH: message`).
pub fn load_message(name: &str, e: &format::LoadError) -> String {
    let mut at = name.to_string();
    if let (Some(l), Some(c)) = (e.line, e.column) {
        at.push_str(&format!(":{l}:{c}"));
    }
    let path = e
        .path
        .as_ref()
        .map(|p| format!(" at {p}"))
        .unwrap_or_default();
    format!("error[{}]: {at}{path}: {}", e.code, e.message)
}

/// The exit status of a command whose reader went away (`| head`): what a shell
/// reports for a tool that SIGPIPE ended (128 + 13), as `yes | head -1` leaves it.
pub const BROKEN_PIPE_STATUS: i32 = 141;

/// Writes `text` to `out` (a file) or standard output.
pub fn write(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(p) if p != Path::new("-") => {
            std::fs::write(p, text).map_err(|e| format!("{}: cannot write: {e}", p.display()))
        }
        _ => print(text),
    }
}

/// Writes `text` to standard output. When its reader has gone (`netwright ... | head
/// -c1`), the command ends at once, quietly, with [`BROKEN_PIPE_STATUS`], as Unix
/// tools do; other failures are returned.
pub fn print(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(BROKEN_PIPE_STATUS)
        }
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}
