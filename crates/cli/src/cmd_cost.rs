//! `netwright cost FILE`: what the design costs a month and an hour (NAT gateways,
//! their data, public IPv4 addresses), from the core's dated price table. A Region
//! without a price says so instead of guessing. Exit status: 0, or 2 on bad input.

use std::process::ExitCode;

use netwright_core::cost::{self, Estimate};
use serde_json::json;

use crate::input;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A table by resource, then the totals and notes.
    Text,
    /// The estimate as JSON (amounts as dollar strings and as millionths of a dollar).
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The design file; `-` reads standard input.
    file: String,
    /// GB a month through each NAT gateway (billed per GB processed).
    #[arg(long, default_value_t = 0)]
    nat_gb: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn money(m: Option<u64>) -> String {
    m.map_or_else(|| "unknown".into(), cost::dollars)
}

fn text(e: &Estimate) -> String {
    let mut out = format!(
        "Monthly estimate for {} ({} hours a month, prices of {}; {} GB a month through each NAT gateway)\n",
        e.region,
        cost::HOURS_PER_MONTH,
        cost::PRICES_AS_OF,
        e.nat_gb
    );
    if e.lines.is_empty() {
        out.push_str("  nothing this design deploys is billed by itself\n");
    }
    let width = e
        .lines
        .iter()
        .map(|l| l.item.chars().count())
        .max()
        .unwrap_or(0);
    for l in &e.lines {
        let hourly = l.hourly.map(cost::per_hour).unwrap_or_default();
        out.push_str(&format!(
            "  {:width$}  {:>10}/month  {:>7}{}\n",
            l.item,
            money(l.monthly),
            hourly,
            if l.hourly.is_some() { "/hour" } else { "" },
        ));
    }
    out.push_str(&format!(
        "Total: {} a month ({} an hour){}\n",
        cost::dollars(e.monthly),
        cost::per_hour(e.hourly),
        if e.incomplete {
            ", without the items of unknown price"
        } else {
            ""
        }
    ));
    for n in &e.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    out.push_str(&format!("Prices: {}.\n", cost::PRICES_SOURCE));
    out
}

fn to_json(e: &Estimate) -> String {
    let lines: Vec<_> = e
        .lines
        .iter()
        .map(|l| {
            json!({
                "item": l.item,
                "monthly": l.monthly.map(cost::dollars),
                "hourly": l.hourly.map(cost::per_hour),
                "monthly_micro_usd": l.monthly,
                "hourly_micro_usd": l.hourly,
            })
        })
        .collect();
    let doc = json!({
        "region": e.region,
        "nat_gb_per_month": e.nat_gb,
        "hours_per_month": cost::HOURS_PER_MONTH,
        "lines": lines,
        "monthly": cost::dollars(e.monthly),
        "hourly": cost::per_hour(e.hourly),
        "monthly_micro_usd": e.monthly,
        "hourly_micro_usd": e.hourly,
        "complete": !e.incomplete,
        "notes": e.notes,
        "prices_as_of": cost::PRICES_AS_OF,
        "prices_source": cost::PRICES_SOURCE,
    });
    serde_json::to_string_pretty(&doc).expect("JSON values always serialise") + "\n"
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let src = input::read(&a.file)?;
    let t = match input::load(&src) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("netwright: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let e = cost::estimate(&t, a.nat_gb);
    input::print(&match a.format {
        Format::Text => text(&e),
        Format::Json => to_json(&e),
    })?;
    Ok(ExitCode::SUCCESS)
}
