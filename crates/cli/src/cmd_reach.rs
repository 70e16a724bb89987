//! `netwright reach FILE --from A --to B`: whether traffic gets from one endpoint to
//! another, hop by hop, with the route, network ACL entry or group rule that lets it
//! through or stops it; `--matrix` prints every pair with the ports that get through.
//! Exit status: 0 reachable (or the matrix printed), 1 not reachable, 2 bad input.

use std::process::ExitCode;

use netwright_core::reach::{self, Answer, Endpoint, Matrix, Traffic};

use crate::input;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The verdict, then each hop in order.
    Text,
    /// `{"reachable", "path", "blocked_at"}`, or the matrix.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The design file; `-` reads standard input.
    file: String,
    /// Where the traffic starts: `internet`, or a workload, security group or subnet (name or id).
    #[arg(long, required_unless_present = "matrix")]
    from: Option<String>,
    /// Where it goes: `internet`, or a workload, security group or subnet (name or id).
    #[arg(long, required_unless_present = "matrix")]
    to: Option<String>,
    /// The protocol: tcp, udp, icmp or all.
    #[arg(long, default_value = "tcp")]
    protocol: String,
    /// The destination port (tcp, udp) or ICMP type; without it, every one.
    #[arg(long)]
    port: Option<u16>,
    /// Every pair of endpoints (internet, workloads, groups no workload uses) with the
    /// ports that get through.
    #[arg(long, conflicts_with_all = ["from", "to", "port"])]
    matrix: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn bad(message: impl std::fmt::Display) -> Result<ExitCode, String> {
    eprintln!("netwright: {message}");
    Ok(ExitCode::from(2))
}

fn text(a: &Answer, from: &str, to: &str, what: &str) -> String {
    let mut out = format!(
        "{what} from {from} to {to}: {}\n",
        if a.reachable { "reachable" } else { "blocked" }
    );
    for (i, h) in a.path.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {} {:<8} {}: {}\n",
            i + 1,
            if h.allowed { "ok" } else { "NO" },
            format!("{:?}", h.kind).to_lowercase(),
            h.name,
            h.why
        ));
        if let Some(f) = &h.fix {
            out.push_str(&format!("            fix: {}\n", f.text));
        }
    }
    if let Some(b) = &a.blocked_at {
        out.push_str(&format!("Blocked first at {}: {}\n", b.name, b.why));
    }
    out
}

fn matrix_text(m: &Matrix) -> String {
    let mut out = format!(
        "{} endpoints; {} pairs get something through:\n",
        m.endpoints.len(),
        m.cells.len()
    );
    for c in &m.cells {
        let open: Vec<String> = c
            .open
            .iter()
            .map(|o| match o.traffic {
                Traffic::All => "all traffic".to_string(),
                t => format!("{} {}", t.as_str(), o.ports),
            })
            .collect();
        out.push_str(&format!("  {} -> {}: {}\n", c.from, c.to, open.join("; ")));
    }
    out
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let src = input::read(&a.file)?;
    let t = match input::load(&src) {
        Ok(t) => t,
        Err(e) => return bad(e),
    };
    if a.matrix {
        let m = reach::matrix(&t);
        input::print(&match a.format {
            Format::Text => matrix_text(&m),
            Format::Json => serde_json::to_string_pretty(&m).map_err(|e| e.to_string())? + "\n",
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(traffic) = Traffic::parse(&a.protocol) else {
        return bad(format!(
            "--protocol {:?} is not one of tcp, udp, icmp, all",
            a.protocol
        ));
    };
    let (from_name, to_name) = (a.from.unwrap_or_default(), a.to.unwrap_or_default());
    let from = match Endpoint::resolve(&t, &from_name) {
        Ok(e) => e,
        Err(e) => return bad(format!("--from: {e}")),
    };
    let to = match Endpoint::resolve(&t, &to_name) {
        Ok(e) => e,
        Err(e) => return bad(format!("--to: {e}")),
    };
    let answer = match reach::reach(&t, from, to, traffic, a.port) {
        Ok(answer) => answer,
        Err(e) => return bad(e),
    };
    let what = traffic.describe(&traffic.ports(a.port));
    input::print(&match a.format {
        Format::Text => text(&answer, from.name(&t), to.name(&t), &what),
        Format::Json => serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())? + "\n",
    })?;
    Ok(ExitCode::from(if answer.reachable { 0 } else { 1 }))
}
