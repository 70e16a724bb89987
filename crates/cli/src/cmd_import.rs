//! `netwright import --from aws FILE...`: build a design from a real network's
//! describe outputs, write it in the saved format, and print on standard error a note
//! for everything the design could not hold. `--from cloudformation FILE` reads a
//! template instead (`cmd_import_cfn.rs`).

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
    /// One CloudFormation template, JSON or YAML.
    Cloudformation,
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
    /// CloudFormation: the stack's Region (`AWS::Region`, `Fn::GetAZs`).
    #[arg(long)]
    region: Option<String>,
    /// CloudFormation: the stack's name (`AWS::StackName`).
    #[arg(long, value_name = "NAME")]
    stack_name: Option<String>,
    /// CloudFormation: a value for a template parameter; repeat for several.
    #[arg(long = "parameter", value_name = "KEY=VALUE", value_parser = crate::cmd_import_cfn::parameter)]
    parameters: Vec<(String, String)>,
    /// Write the design to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Describe outputs, in any order, or one template (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<String>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    if let Origin::Cloudformation = a.from {
        if !a.vpcs.is_empty() {
            return Err("--vpc selects VPCs of AWS describe outputs, not of a template".into());
        }
        let [file] = a.files.as_slice() else {
            return Err("--from cloudformation reads one template".into());
        };
        return crate::cmd_import_cfn::run(crate::cmd_import_cfn::Args {
            file,
            region: a.region,
            stack_name: a.stack_name,
            parameters: a.parameters,
            output: a.output.as_deref(),
        });
    }
    if a.region.is_some() || a.stack_name.is_some() || !a.parameters.is_empty() {
        return Err("--region, --stack-name and --parameter are for --from cloudformation".into());
    }
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
