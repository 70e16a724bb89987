//! The CloudFormation importer: one template, JSON or YAML (short-form tags such as
//! `!Ref` and `!Sub` included), evaluated as CloudFormation would create the stack:
//! `Parameters` take `--parameter` values or their defaults, `Conditions` decide which
//! resources exist, intrinsic functions are resolved ([`intrinsics`]). The network
//! and IAM resources the model holds become the design; every other resource, and
//! every property the model cannot hold, becomes a [`Note`]. docs/import.md lists
//! what is read.
//!
//! Ids: every entity's design id is its logical id, so importing the same template
//! twice gives the same ids. Names come from the `Name` tag (security groups:
//! `GroupName`; roles: `RoleName`), else the logical id. A template Netwright
//! exported imports back as the design it came from (its `Metadata` names the design
//! and its Region, and its workloads, whose subnets and groups its outputs list; a
//! table exported as the main table is the main table again).

mod acls;
mod conditions;
mod functions;
mod iam;
mod intrinsics;
mod network;
mod resources;
mod routing;
mod security;
mod template;
mod value;
mod workloads;
mod yaml;

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use self::intrinsics::{Eval, PLACEHOLDER_ACCOUNT, PLACEHOLDER_STACK};
use self::resources::{Build, Res};
use self::value::{Path, Val};
use super::{Import, ImportError, Note, Source};
use crate::model::EntityKind;

/// How to evaluate the template: what CloudFormation would be told at stack creation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The stack's Region (`AWS::Region`, `Fn::GetAZs ""`). Without it: the Region the
    /// template's `Metadata` names (a Netwright export), else that of its Availability
    /// Zone parameters.
    pub region: Option<String>,
    /// The stack's name (`AWS::StackName`); without it `imported` stands in.
    pub stack_name: Option<String>,
    /// Parameter values, `(name, value)`, overriding defaults; a later one wins.
    pub parameters: Vec<(String, String)>,
}

/// The resource types the importer reads, in the order it reads them.
const TYPES: [&str; 18] = [
    "AWS::EC2::VPC",
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::Subnet",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::EIP",
    "AWS::EC2::NatGateway",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::IAM::Role",
    "AWS::IAM::InstanceProfile",
];

/// Imports a design from a CloudFormation template.
///
/// ```
/// use netwright_core::import::{cloudformation, Source};
/// let text = "
/// Parameters:
///   Cidr: {Type: String, Default: 10.0.0.0/16}
/// Resources:
///   Vpc:
///     Type: AWS::EC2::VPC
///     Properties:
///       CidrBlock: !Ref Cidr
///       Tags: [{Key: Name, Value: !Sub '${AWS::StackName}-vpc'}]
///   Subnet:
///     Type: AWS::EC2::Subnet
///     Properties:
///       VpcId: !Ref Vpc
///       CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
///       AvailabilityZone: !Select [1, !GetAZs '']
/// ";
/// let options = cloudformation::Options {
///     region: Some("eu-west-1".into()),
///     stack_name: Some("shop".into()),
///     ..Default::default()
/// };
/// let import = cloudformation::import(&Source { name: "vpc.yaml", text }, &options).unwrap();
/// let t = &import.design;
/// assert_eq!((t.vpcs[0].name.as_str(), t.vpcs[0].cidr.as_str()), ("shop-vpc", "10.0.0.0/16"));
/// assert_eq!(t.subnets[0].cidr, "10.0.0.0/24");
/// assert_eq!(t.subnets[0].availability_zone, "eu-west-1b");
/// assert_eq!(t.subnets[0].vpc.as_str(), "Vpc");
/// assert_eq!(t.region, "eu-west-1");
/// ```
pub fn import(src: &Source<'_>, options: &Options) -> Result<Import, ImportError> {
    let doc = template::parse(src)?;
    let s = template::sections(src.name, &doc)?;
    let params = template::parameters(src.name, s.parameters, options)?;
    let mut ev = Eval::new(src.name, s.resources, s.mappings, s.conditions, params);
    ev.stack_name = options.stack_name.clone();
    ev.region = options
        .region
        .clone()
        .or_else(|| {
            s.netwright
                .and_then(|n| n.get("Region"))
                .and_then(Value::as_str)
                .filter(|r| !r.is_empty())
                .map(String::from)
        })
        .or_else(|| zone_region(&s, &ev.params));
    let mut b = Build::default();

    // Which resources exist, and the properties of those the importer reads.
    let mut by_type: HashMap<&str, Vec<Res<'_>>> = HashMap::new();
    for (id, r) in s.resources {
        let ty = r.get("Type").and_then(Value::as_str).unwrap_or("");
        if !ev.included(id)? {
            let c = r.get("Condition").and_then(Value::as_str).unwrap_or("");
            b.note(
                id,
                format!("the {ty}"),
                format!("not created: its condition {c} is false"),
            );
            continue;
        }
        for policy in ["DeletionPolicy", "UpdateReplacePolicy"] {
            if let Some(v) = r
                .get(policy)
                .and_then(Value::as_str)
                .filter(|v| *v != "Delete")
            {
                b.note(
                    id,
                    format!("{policy} {v}"),
                    "the model's stacks delete what they create",
                );
            }
        }
        if !TYPES.contains(&ty) {
            b.note(
                id,
                format!("the {ty} resource"),
                "the model has no such resource",
            );
            continue;
        }
        let root = Path::Root("Resources");
        let here = root.key(id);
        let props = match r.get("Properties") {
            Some(p) => ev.value(p, &here.key("Properties"))?,
            None => Val::Map(Vec::new()),
        };
        by_type.entry(ty).or_default().push(Res {
            id,
            props,
            metadata: r.get("Metadata"),
        });
    }
    let of = |ty: &str| -> Vec<&Res<'_>> {
        by_type
            .get(ty)
            .map(|v| v.iter().collect())
            .unwrap_or_default()
    };
    network::vpcs(&of(TYPES[0]), &mut b);
    network::cidr_blocks(&of(TYPES[1]), &mut b);
    network::subnets(&of(TYPES[2]), &mut b);
    network::internet_gateways(&of(TYPES[3]), &mut b);
    network::attachments(&of(TYPES[4]), &mut b);
    let eips = network::elastic_ips(&of(TYPES[5]), &mut b);
    network::nat_gateways(&of(TYPES[6]), &eips, &mut b);
    routing::route_tables(&of(TYPES[7]), &mut b);
    routing::routes(&of(TYPES[8]), &mut b);
    routing::associations(&of(TYPES[9]), &mut b);
    acls::network_acls(&of(TYPES[10]), &mut b);
    acls::entries(&of(TYPES[11]), &mut b);
    acls::associations(&of(TYPES[12]), &mut b);
    security::security_groups(&of(TYPES[13]), &of(TYPES[14]), &of(TYPES[15]), &mut b);
    iam::roles(&of(TYPES[16]), &mut b);
    iam::instance_profiles(&of(TYPES[17]), &mut b);
    workloads::from_metadata(s.netwright, &mut b);

    resources::unique_names(&mut b);
    // Notes on resources in template order (the readers go type by type).
    let position: HashMap<&str, usize> = s
        .resources
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let at = |n: &Note| {
        position
            .get(n.resource.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    };
    crate::order::sort_by(&mut b.notes, |x, y| at(x).cmp(&at(y)));
    outputs(&mut ev, &s, &mut b)?;
    for key in &s.others {
        let why = match *key {
            "Transform" => "transforms such as macros and AWS::Serverless are not applied: what they would add is missing",
            "Rules" => "rules only check parameter values at stack creation",
            _ => "the importer does not read this section",
        };
        b.note("template", format!("section {key}"), why);
    }
    if ev.used.account {
        b.note(
            "AWS::AccountId",
            "the account id",
            format!("only a deployment knows it: {PLACEHOLDER_ACCOUNT} stands in for it"),
        );
    }
    if ev.used.stack_name {
        b.note(
            "AWS::StackName",
            "the stack name",
            format!("no --stack-name was given: {PLACEHOLDER_STACK} stands in for it"),
        );
    }

    let mut t = std::mem::take(&mut b.t);
    t.region = ev
        .region
        .clone()
        .unwrap_or_else(|| subnet_region(&t.subnets));
    if t.region.is_empty() && !t.entities().is_empty() {
        b.note(
            "design",
            "the Region",
            "the template does not say which Region it is for: give --region or set it by hand",
        );
    }
    let only_vpc = match t.vpcs.as_slice() {
        [v] => Some(v.name.clone()),
        _ => None,
    };
    t.name = s
        .netwright
        .and_then(|n| n.get("Design"))
        .and_then(Value::as_str)
        .map(String::from)
        .or(b.design_tag.take())
        .or(options.stack_name.clone())
        .or(only_vpc)
        .unwrap_or_else(|| "imported".into());
    Ok(Import {
        design: t,
        notes: b.notes,
    })
}

/// A note for every output but the ids of VPCs, subnets and groups (which an export
/// of the design lists again) and the workloads' subnets and groups, which rebuild
/// the workloads the template's `Metadata` lists ([`workloads`]).
fn outputs<'a>(
    ev: &mut Eval<'a>,
    s: &template::Sections<'a>,
    b: &mut Build,
) -> Result<(), ImportError> {
    let Some(outputs) = s.outputs else {
        return Ok(());
    };
    let root = Path::Root("Outputs");
    for (name, o) in outputs {
        let here = root.key(name);
        if let Some(Value::String(c)) = o.get("Condition") {
            if !ev.condition(c, &here.key("Condition"))? {
                continue;
            }
        }
        if workloads::output(ev, name, o.get("Value"), &here.key("Value"), b)? {
            continue;
        }
        let value = match o.get("Value") {
            Some(v) => ev.eval(v, &here.key("Value"))?,
            None => None,
        };
        let kept = value
            .as_ref()
            .and_then(Val::target)
            .and_then(|id| b.kinds.get(id))
            .is_some_and(|k| {
                matches!(
                    k,
                    EntityKind::Vpc | EntityKind::Subnet | EntityKind::SecurityGroup
                )
            });
        if !kept {
            b.notes.push(Note::new(
                name.as_str(),
                format!("output {name}"),
                "the model has no stack outputs; an export lists the ids of VPCs, subnets and groups",
            ));
        }
    }
    Ok(())
}

/// The Region of the template's Availability Zone parameters (all must agree).
fn zone_region(s: &template::Sections<'_>, params: &HashMap<String, Val<'_>>) -> Option<String> {
    let mut found = BTreeSet::new();
    for (name, decl) in s.parameters? {
        let ty = decl.get("Type").and_then(Value::as_str).unwrap_or("");
        if !ty.contains("AWS::EC2::AvailabilityZone::Name") {
            continue;
        }
        let values: Vec<&Val<'_>> = match params.get(name) {
            Some(Val::List(l)) => l.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for v in values {
            if let Some(az) = v.as_str() {
                found.insert(zone_to_region(az));
            }
        }
    }
    (found.len() == 1).then(|| found.into_iter().next().expect("one"))
}

/// `eu-west-1a` -> `eu-west-1`.
fn zone_to_region(az: &str) -> String {
    az.trim_end_matches(|c: char| c.is_ascii_lowercase())
        .to_string()
}

/// The Region of the subnets' zones when they agree, else empty.
fn subnet_region(subnets: &[crate::model::Subnet]) -> String {
    let found: BTreeSet<String> = subnets
        .iter()
        .filter(|s| !s.availability_zone.is_empty())
        .map(|s| zone_to_region(&s.availability_zone))
        .collect();
    if found.len() == 1 {
        found.into_iter().next().expect("one")
    } else {
        String::new()
    }
}
