//! The AWS importer: the unmodified JSON output of the AWS CLI's `ec2 describe-vpcs`,
//! `describe-subnets`, `describe-internet-gateways`, `describe-nat-gateways`,
//! `describe-addresses`, `describe-route-tables`, `describe-security-groups` (or
//! `describe-security-group-rules`), `describe-network-acls`, `describe-vpc-attribute`,
//! and `iam get-account-authorization-details --filter Role`, `list-roles` and
//! `list-attached-role-policies`, in any order and number, each file recognised by its
//! top-level key (one object may merge several). docs/import.md says what each output
//! gives and what becomes a note.
//!
//! Ids: every entity keeps its AWS id as its design id (`subnet-0abc…`; roles
//! `role-NAME`), so importing the same network twice gives the same ids. Names come
//! from `Name` tags (security groups: `GroupName`; roles: `RoleName`), else the id.

mod acls;
mod capture;
mod gateways;
mod iam;
mod json;
mod network;
mod others;
mod routing;
mod rules;
mod security;

use std::collections::BTreeSet;

use self::capture::{Capture, Scope};
use self::json::Json;
use super::{Import, ImportError, Note, Source};
use crate::model::Topology;

/// What to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// VPCs to import, by id or Name tag (empty: every VPC but the default one). A
    /// default VPC is imported only when named here.
    pub vpcs: Vec<String>,
}

/// Imports a network from AWS CLI outputs.
///
/// ```
/// use netwright_core::import::{aws, Source};
/// let vpcs = r#"{"Vpcs": [{"VpcId": "vpc-0abc12", "CidrBlock": "10.0.0.0/16",
///     "IsDefault": false, "Tags": [{"Key": "Name", "Value": "shop"}]}]}"#;
/// let subnets = r#"{"Subnets": [{"SubnetId": "subnet-0def34", "VpcId": "vpc-0abc12",
///     "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}]}"#;
/// let files = [
///     Source { name: "vpcs.json", text: vpcs },
///     Source { name: "subnets.json", text: subnets },
/// ];
/// let import = aws::import(&files, &aws::Options::default()).unwrap();
/// assert_eq!(import.design.name, "shop");
/// assert_eq!(import.design.region, "eu-west-1");
/// assert_eq!(import.design.subnets[0].name, "subnet-0def34");
/// assert_eq!(import.design.subnets[0].id.as_str(), "subnet-0def34");
/// ```
pub fn import(files: &[Source<'_>], options: &Options) -> Result<Import, ImportError> {
    let parsed = files
        .iter()
        .map(|s| parse(s).map(|v| (*s, v)))
        .collect::<Result<Vec<_>, _>>()?;
    let cap = Capture::new(&parsed)?;
    let mut t = Topology::default();
    let mut notes = Vec::new();
    let mut scope = network::vpcs(&cap, &options.vpcs, &mut t, &mut notes)?;
    network::subnets(&cap, &mut scope, &mut t, &mut notes)?;
    gateways::internet_gateways(&cap, &mut scope, &mut t, &mut notes)?;
    gateways::nat_gateways(&cap, &mut scope, &mut t, &mut notes)?;
    routing::route_tables(&cap, &mut scope, &mut t, &mut notes)?;
    acls::network_acls(&cap, &mut scope, &mut t, &mut notes)?;
    security::security_groups(&cap, &mut scope, &mut t, &mut notes)?;
    others::notes(&cap, &scope, &mut notes)?;
    iam::roles(&cap, &mut t, &mut notes)?;
    scope.missing_notes(&mut notes);
    t.region = region(&cap, &scope)?;
    if t.region.is_empty() && !t.entities().is_empty() {
        notes.push(Note::new(
            "design",
            "the Region",
            "no imported subnet or group says which Region it is in: set it by hand",
        ));
    }
    t.name = design_name(&cap, &scope, &t);
    Ok(Import { design: t, notes })
}

/// Parses one file as JSON, naming the file, line and column of a syntax error.
fn parse<'a>(src: &Source<'a>) -> Result<Json<'a>, ImportError> {
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(src.text);
    Json::parse(text).map_err(|e| {
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        ImportError::Syntax {
            file: src.name.to_string(),
            line: e.line(),
            column: e.column(),
            truncated: e.classify() == serde_json::error::Category::Eof,
            message,
        }
    })
}

/// The Region of the imported resources: from subnet and group ARNs, else subnet
/// zones, else Elastic IPs' border groups. Empty when nothing says.
fn region(cap: &Capture<'_>, scope: &Scope<'_>) -> Result<String, ImportError> {
    let mut found = BTreeSet::new();
    let in_scope =
        |n: &capture::Node<'_>| n.opt_str("VpcId").is_some_and(|v| scope.vpcs.contains(v));
    let from_arn = |arn: &str| {
        arn.split(':')
            .nth(3)
            .filter(|r| !r.is_empty())
            .map(String::from)
    };
    for n in cap.list("Subnets").iter().filter(|n| in_scope(n)) {
        let r = n.opt_str("SubnetArn").and_then(from_arn).or_else(|| {
            let az = n.opt_str("AvailabilityZone")?;
            Some(
                az.trim_end_matches(|c: char| c.is_ascii_lowercase())
                    .to_string(),
            )
        });
        found.extend(r);
    }
    for n in cap.list("SecurityGroups").iter().filter(|n| in_scope(n)) {
        found.extend(n.opt_str("SecurityGroupArn").and_then(from_arn));
    }
    if found.is_empty() && !scope.vpcs.is_empty() {
        found.extend(
            cap.list("Addresses")
                .iter()
                .filter_map(|n| n.opt_str("NetworkBorderGroup"))
                .map(String::from),
        );
    }
    match found.len() {
        0 | 1 => Ok(found.into_iter().next().unwrap_or_default()),
        _ => Err(ImportError::MixedRegions {
            regions: found.into_iter().collect(),
        }),
    }
}

/// The design's name: the `netwright:design` tag its VPCs carry (a network Netwright
/// deployed), else the only VPC's name, else `imported`.
fn design_name(cap: &Capture<'_>, scope: &Scope<'_>, t: &Topology) -> String {
    let tagged = cap
        .list("Vpcs")
        .iter()
        .filter(|n| n.opt_str("VpcId").is_some_and(|v| scope.vpcs.contains(v)))
        .find_map(|n| n.tag("netwright:design"));
    match (tagged, t.vpcs.as_slice()) {
        (Some(name), _) if !name.trim().is_empty() => name.to_string(),
        (_, [only]) => only.name.clone(),
        _ => "imported".into(),
    }
}
