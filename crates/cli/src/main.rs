//! The `netwright` command: create, check, format, export and import designs from a terminal
//! or CI. It is a thin skin over `netwright-core`, which proves the core is UI-free.

mod cmd_cost;
mod cmd_diff;
mod cmd_export;
mod cmd_fmt;
mod cmd_import;
mod cmd_import_cfn;
mod cmd_new;
mod cmd_reach;
mod cmd_validate;
mod input;
mod report;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Design AWS networks as files: create from templates, validate, format, export.
#[derive(Parser)]
#[command(name = "netwright", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a design from a template (`smartinvoice`, `wizard`, `synthetic`).
    New(cmd_new::Args),
    /// Check designs against AWS rules; exit status 1 when any error is found.
    Validate(cmd_validate::Args),
    /// Rewrite a design in canonical form (`--check` only checks).
    Fmt(cmd_fmt::Args),
    /// Export a design: aws-cli, aws-cli-teardown, cloudformation, json.
    Export(cmd_export::Args),
    /// Compare two designs by meaning; exit status 1 when they differ.
    Diff(cmd_diff::Args),
    /// Build a design from a real network's AWS CLI describe outputs or a CloudFormation template.
    Import(cmd_import::Args),
    /// Estimate what a design costs a month (NAT gateways, their data, public IPv4 addresses).
    Cost(cmd_cost::Args),
    /// Whether traffic gets from one endpoint to another, and by which path (`--matrix`: every pair).
    Reach(cmd_reach::Args),
    /// Print the JSON Schema of the saved format.
    Schema,
}

fn main() -> ExitCode {
    // A bug must still end in one clear line, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("netwright: internal error: {info}. Please report this with the input file.");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::New(a) => cmd_new::run(a),
        Command::Validate(a) => cmd_validate::run(a),
        Command::Fmt(a) => cmd_fmt::run(a),
        Command::Export(a) => cmd_export::run(a),
        Command::Diff(a) => cmd_diff::run(a),
        Command::Import(a) => cmd_import::run(a),
        Command::Cost(a) => cmd_cost::run(a),
        Command::Reach(a) => cmd_reach::run(a),
        Command::Schema => {
            input::print(&netwright_core::format::json_schema()).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("netwright: {message}");
            ExitCode::FAILURE
        }
    }
}
