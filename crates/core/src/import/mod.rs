//! Importers: a description of a real network in, the same [`Topology`] the editor
//! edits out, plus a [`Note`] for everything the model cannot hold. An import never
//! grows a parallel model and never drops anything silently.
//!
//! - [`aws`]: the JSON output of the AWS CLI's `ec2 describe-*` and IAM commands.
//! - [`cloudformation`]: a CloudFormation template, JSON or YAML.

pub mod aws;
pub mod cloudformation;
pub mod command;
mod notes;

use std::fmt;

pub use notes::Note;

use crate::model::Topology;

/// Whether a file is a CloudFormation template (JSON or YAML) rather than AWS describe
/// output: by its name's ending, or by what only templates hold.
///
/// ```
/// use netwright_core::import::is_template;
/// assert!(is_template("vpc.yaml", "Resources: {}"));
/// assert!(is_template("stack.json", r#"{"Resources": {}}"#));
/// assert!(!is_template("capture.json", r#"{"Vpcs": [], "Subnets": []}"#));
/// ```
pub fn is_template(name: &str, text: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".yaml", ".yml", ".template"]
        .iter()
        .any(|e| name.ends_with(e))
        || text.contains("AWSTemplateFormatVersion")
        || (text.contains("\"Resources\"") && !text.contains("\"Vpcs\""))
}

/// Route targets the model has no kind for, by the field that names them in describe
/// output and in templates alike, and what they are (for notes).
pub(crate) const OTHER_ROUTE_TARGETS: &[(&str, &str)] = &[
    ("VpcPeeringConnectionId", "VPC peering connection"),
    ("TransitGatewayId", "transit gateway"),
    ("NetworkInterfaceId", "network interface"),
    ("InstanceId", "instance"),
    (
        "EgressOnlyInternetGatewayId",
        "egress-only internet gateway",
    ),
    ("CarrierGatewayId", "carrier gateway"),
    ("LocalGatewayId", "local gateway"),
    ("VpcEndpointId", "VPC endpoint"),
    ("CoreNetworkArn", "Cloud WAN core network"),
];

/// A network ACL entry's protocol as the model's entries are typed, from the number
/// describe output and templates give: a name (`tcp`, `udp`, `icmp`, `icmpv6`, `all`),
/// else the number.
pub(crate) fn acl_protocol_text(p: crate::model::AclProtocol) -> String {
    use crate::model::AclProtocol;
    match p {
        AclProtocol::Tcp => "tcp".into(),
        AclProtocol::Udp => "udp".into(),
        AclProtocol::Icmp => "icmp".into(),
        AclProtocol::Icmpv6 => "icmpv6".into(),
        AclProtocol::All => "all".into(),
        AclProtocol::Number(n) => n.to_string(),
    }
}

/// What an import gives: the design and what it had to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The imported design.
    pub design: Topology,
    /// What the source holds that the design does not, in source order.
    pub notes: Vec<Note>,
}

/// One input file of an import: its name (for messages; `<stdin>` for standard
/// input) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file's name as the user gave it.
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// Why an import could not be made at all. Each names the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is not JSON (or ends too early).
    Syntax {
        /// The file's name.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// Whether the text ends too early (a truncated file).
        truncated: bool,
        /// The parser's message.
        message: String,
    },
    /// The file is JSON but not an output the importer reads.
    Unrecognised {
        /// The file's name.
        file: String,
        /// The top-level keys it has (empty when it is not an object).
        found: Vec<String>,
        /// The top-level keys the importer reads.
        expected: Vec<&'static str>,
    },
    /// The output is one page of several (`NextToken`).
    Paginated {
        /// The file's name.
        file: String,
    },
    /// A recognised output holds a value of the wrong shape.
    Shape {
        /// The file's name.
        file: String,
        /// Where, as a JSON path: `Subnets[2].CidrBlock`.
        path: String,
        /// What was expected.
        message: String,
    },
    /// A `--vpc` selection matches no VPC of the capture.
    UnknownVpc {
        /// The id or name asked for.
        asked: String,
        /// The VPCs the capture holds, as `id (name)`.
        found: Vec<String>,
    },
    /// The capture holds resources of more than one Region.
    MixedRegions {
        /// The Regions found, sorted.
        regions: Vec<String>,
    },
    /// The file is neither JSON nor YAML.
    YamlSyntax {
        /// The file's name.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A template that is not one, or that CloudFormation could not evaluate.
    Template {
        /// The file's name.
        file: String,
        /// Where: `Resources.Vpc.Properties.CidrBlock` (empty for the whole file).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A template parameter with no default was given no value.
    MissingParameter {
        /// The file's name.
        file: String,
        /// The parameter.
        name: String,
        /// Its `Description`, if any.
        description: String,
    },
    /// A parameter value was given for a parameter the template does not declare.
    UnknownParameter {
        /// The name given.
        name: String,
        /// The template's parameters.
        known: Vec<String>,
    },
    /// A parameter value is not among the parameter's `AllowedValues`.
    ParameterValue {
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
        /// Its allowed values.
        allowed: Vec<String>,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Syntax {
                file,
                line,
                column,
                truncated,
                message,
            } => {
                let what = if *truncated {
                    "the JSON ends too early (is the output truncated?)"
                } else {
                    "this is not valid JSON"
                };
                write!(f, "{file}:{line}:{column}: {what}: {message}")
            }
            ImportError::Unrecognised {
                file,
                found,
                expected,
            } => {
                write!(
                    f,
                    "{file}: not an output Netwright imports: expected a top-level key among {}",
                    expected.join(", ")
                )?;
                if found.is_empty() {
                    f.write_str("; found no JSON object")
                } else {
                    write!(f, "; found {}", found.join(", "))
                }
            }
            ImportError::Paginated { file } => write!(
                f,
                "{file}: the output is one page of several (it holds NextToken): run the \
                 command again without --max-items or --page-size, and the AWS CLI fetches \
                 every page itself"
            ),
            ImportError::Shape {
                file,
                path,
                message,
            } => write!(f, "{file}: {path}: {message}"),
            ImportError::UnknownVpc { asked, found } => {
                write!(
                    f,
                    "--vpc {asked}: no VPC of the capture has this id or Name tag; "
                )?;
                if found.is_empty() {
                    f.write_str("the capture holds no VPC (add the output of describe-vpcs)")
                } else {
                    write!(f, "VPCs found: {}", found.join(", "))
                }
            }
            ImportError::MixedRegions { regions } => write!(
                f,
                "the capture holds resources of several Regions ({}): import one Region at a time",
                regions.join(", ")
            ),
            ImportError::YamlSyntax {
                file,
                line,
                column,
                message,
            } => write!(
                f,
                "{file}:{line}:{column}: this is neither a JSON nor a YAML template: {message}"
            ),
            ImportError::Template {
                file,
                path,
                message,
            } if path.is_empty() => write!(f, "{file}: {message}"),
            ImportError::Template {
                file,
                path,
                message,
            } => write!(f, "{file}: {path}: {message}"),
            ImportError::MissingParameter {
                file,
                name,
                description,
            } => {
                write!(f, "{file}: the template's parameter {name} has no default")?;
                if !description.is_empty() {
                    write!(f, " ({description})")?;
                }
                write!(f, ": give it a value with --parameter {name}=VALUE")
            }
            ImportError::UnknownParameter { name, known } => {
                write!(
                    f,
                    "--parameter {name}: the template has no such parameter; "
                )?;
                if known.is_empty() {
                    f.write_str("it has no parameters")
                } else {
                    write!(f, "its parameters: {}", known.join(", "))
                }
            }
            ImportError::ParameterValue {
                name,
                value,
                allowed,
            } => write!(
                f,
                "parameter {name}: {value:?} is not one of its allowed values: {}",
                allowed.join(", ")
            ),
        }
    }
}

impl std::error::Error for ImportError {}
