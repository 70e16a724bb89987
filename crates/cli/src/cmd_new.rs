//! `netwright new --template NAME`: start a design from a built-in template.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use netwright_core::{format, templates};

use crate::input;

#[derive(Clone, Copy, ValueEnum)]
enum Template {
    /// The SmartInvoice reference design (ap-southeast-1, 2 AZs, 4 subnets).
    Smartinvoice,
    /// What the AWS console's "VPC and more" creates, with the options below.
    Wizard,
    /// A generated valid design of any size, for benchmarks (`--subnets`, `--groups`, `--rules`, `--azs`,
    /// `--acls`, `--acl-entries`, `--workloads`).
    Synthetic,
}

#[derive(Clone, Copy, ValueEnum)]
enum Nat {
    /// No NAT gateway: private subnets are isolated.
    None,
    /// One NAT gateway in the first AZ.
    Single,
    /// One NAT gateway per AZ.
    PerAz,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which template.
    #[arg(long, short, value_enum)]
    template: Template,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Wizard: design name (prefixes every resource name).
    #[arg(long, default_value = "project")]
    name: String,
    /// Wizard: AWS Region.
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// Wizard: the VPC's IPv4 block.
    #[arg(long, default_value = "10.0.0.0/16")]
    vpc_cidr: String,
    /// Wizard and synthetic: number of Availability Zones (1-6).
    #[arg(long, default_value_t = 2)]
    azs: u8,
    /// Wizard: public subnets per AZ (0-2).
    #[arg(long, default_value_t = 1)]
    public_per_az: u8,
    /// Wizard: private subnets per AZ (0-2).
    #[arg(long, default_value_t = 1)]
    private_per_az: u8,
    /// Wizard: prefix length of public subnets.
    #[arg(long, default_value_t = 20)]
    public_prefix: u8,
    /// Wizard: prefix length of private subnets.
    #[arg(long, default_value_t = 20)]
    private_prefix: u8,
    /// Wizard: NAT gateway strategy.
    #[arg(long, value_enum, default_value = "single")]
    nat: Nat,
    /// Synthetic: number of subnets.
    #[arg(long, default_value_t = 1000)]
    subnets: usize,
    /// Synthetic: number of security groups.
    #[arg(long, default_value_t = 300)]
    groups: usize,
    /// Synthetic: number of inbound rules over all groups.
    #[arg(long, default_value_t = 5000)]
    rules: usize,
    /// Synthetic: number of custom network ACLs, spread over the subnets.
    #[arg(long, default_value_t = 0)]
    acls: usize,
    /// Synthetic: entries per direction of each network ACL (AWS allows 20).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u8).range(1..=20))]
    acl_entries: u8,
    /// Synthetic: number of workloads, spread over the subnets and groups.
    #[arg(long, default_value_t = 0)]
    workloads: usize,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let topology = match a.template {
        Template::Smartinvoice => templates::smartinvoice(),
        Template::Wizard => templates::wizard(&templates::WizardOptions {
            name: a.name,
            region: a.region,
            vpc_cidr: a.vpc_cidr,
            az_count: a.azs,
            public_per_az: a.public_per_az,
            private_per_az: a.private_per_az,
            public_prefix: a.public_prefix,
            private_prefix: a.private_prefix,
            nat: match a.nat {
                Nat::None => templates::NatStrategy::None,
                Nat::Single => templates::NatStrategy::Single,
                Nat::PerAz => templates::NatStrategy::PerAz,
            },
        })
        .map_err(|e| format!("wizard: {e}"))?,
        Template::Synthetic => {
            let t = templates::synthetic(a.subnets, a.azs, a.groups, a.rules);
            if a.acls + a.workloads == 0 {
                t
            } else {
                templates::with_acls_and_workloads(t, a.acls, a.acl_entries.into(), a.workloads)
            }
        }
    };
    input::write(a.output.as_deref(), &format::save(&topology))?;
    Ok(ExitCode::SUCCESS)
}
