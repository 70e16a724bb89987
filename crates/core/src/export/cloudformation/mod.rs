//! The `cloudformation` and `cloudformation-yaml` exporters: one AWS CloudFormation
//! template per design, written as JSON (2-space indent) or YAML from the same
//! in-memory document, so both say exactly the same thing.
//!
//! Every entity becomes its `AWS::EC2::*` or `AWS::IAM::*` resource; logical ids come
//! from the names ([`logical_ids`]). Resources follow the design's document order,
//! each followed by the resources it owns (a VPC's extra blocks, an internet gateway's
//! attachment, a NAT gateway's Elastic IP, a table's routes and associations, an
//! ACL's entries and associations, a group's cross-group rules, a role's instance
//! profile). Choices worth knowing:
//!
//! - **Availability Zones are parameters.** A literal AZ in a subnet is what the
//!   design means, but cfn-lint (1.58) warns about it (W3010, "Avoid hardcoding
//!   availability zones"). `Fn::Select [i, Fn::GetAZs ""]` is lint-clean but changes
//!   the design: the AZ behind an index is not guaranteed to be the drawn one (and
//!   `GetAZs` may list only the AZs with a default subnet). `Fn::Sub "${AWS::Region}a"`
//!   keeps the letter but silently moves the design to whatever Region the stack is
//!   created in. So each AZ the design uses is a parameter of type
//!   `AWS::EC2::AvailabilityZone::Name` whose default is the AZ as drawn: deployed
//!   with defaults, the stack is exactly the design; in another Region CloudFormation
//!   rejects the defaults up front, and the parameters say what to choose instead.
//! - **Security groups without outbound rules get a rule that matches nothing.**
//!   CloudFormation keeps AWS's allow-all egress rule when a group lists no egress
//!   rule, so a group whose design allows no outbound traffic (or only to other
//!   groups, which are separate resources) gets the single inline rule ICMP type 252
//!   code 86 to 255.255.255.255/32: no such ICMP message exists, so nothing leaves.
//!   This is the AWS CDK's rule for `allowAllOutbound: false`; cfn-lint accepts it,
//!   as it does the other common form (all protocols to 127.0.0.1/32), which would
//!   still "allow" traffic to the loopback address.
//! - **Rules that name another group are separate resources**
//!   (`AWS::EC2::SecurityGroupIngress` / `SecurityGroupEgress`), so groups that
//!   reference each other in a cycle deploy. Rules with a CIDR stay inline. Ports of
//!   all-protocol rules are left out (cfn-lint W3687: they are ignored).
//! - **The main route table flag.** CloudFormation cannot make a table it creates the
//!   VPC's main table, nor manage the main table AWS creates. A table marked main is
//!   exported as an ordinary table, explicitly associated with every subnet of its VPC
//!   that has no table of its own, so each subnet of the design routes as drawn.
//!   Subnets created later outside the stack use the VPC's real main table (local
//!   routes only). The table's `Metadata` says so.
//! - **Dependencies:** routes to an internet gateway and Elastic IPs depend on the
//!   gateway's VPC attachment (AWS documents both); subnets in a secondary block depend
//!   on that block's `AWS::EC2::VPCCidrBlock`. Nothing repeats a dependency that a
//!   `Ref` or `Fn::GetAtt` already implies (cfn-lint W3005).
//! - **Tags:** `Name` and `netwright:design` on everything that takes tags, then the
//!   entity's own tags (keys `Name` and `netwright:design` are ours). IAM tags allow only
//!   letters, digits, spaces and `_.:/=+-@`, so on roles the generated values (role name
//!   and design name) have any other character replaced by `_`.
//! - **Network ACLs:** each entry is an `AWS::EC2::NetworkAclEntry` (protocol as its
//!   number, `CidrBlock` or `Ipv6CidrBlock`, `PortRange` for TCP/UDP, `Icmp` for
//!   ICMP/ICMPv6), each subnet an `AWS::EC2::SubnetNetworkAclAssociation`. Subnets
//!   that no ACL lists keep the VPC's default ACL, which CloudFormation leaves alone.
//! - **Workloads are not created.** The Description says so, and each workload has
//!   the outputs `<Workload>SubnetIds` and `<Workload>SecurityGroupIds`
//!   (comma-joined ids; left out when the list is empty, since an export cannot be).
//!   The template's `Metadata.Netwright.Workloads` keeps, by the same logical id,
//!   each workload's name, kind, internet-facing flag and tags, so that the importer
//!   rebuilds the workloads from the outputs.
//! - **Outputs:** the id of every VPC, subnet and security group, exported as
//!   `<stack name>-<logical id>` for other stacks, and the workloads' ids. The AZs
//!   are the only parameters.
//! - CIDR blocks are written in canonical form (`10.0.0.5/16` becomes `10.0.0.0/16`);
//!   managed policies become ARNs through [`crate::catalog::managed_policy_arn`].

mod acls;
mod logical_ids;
mod network;
mod security;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use serde_json::{json, Map, Value};

use self::logical_ids::LogicalIds;
use super::Exporter;
use crate::model::{EntityKind, EntityRef, Id, Tags, Topology};

/// Writes the design as an AWS CloudFormation template, in JSON or YAML.
pub struct CloudFormation {
    /// Write YAML instead of JSON.
    pub yaml: bool,
}

impl Exporter for CloudFormation {
    fn format(&self) -> &'static super::Format {
        &super::FORMATS[if self.yaml { 3 } else { 2 }]
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        self.write_with_cautions(topology, out).map(|_| ())
    }
    fn write_with_cautions(
        &self,
        topology: &Topology,
        out: &mut dyn io::Write,
    ) -> io::Result<Vec<String>> {
        let doc = template(topology);
        let bytes = if self.yaml {
            let text = yaml::to_yaml(&doc);
            out.write_all(text.as_bytes())?;
            text.len()
        } else {
            let mut counted = Counted { out, bytes: 0 };
            serde_json::to_writer_pretty(&mut counted, &doc)?;
            io::Write::write_all(&mut counted, b"\n")?;
            counted.bytes
        };
        let mut cautions: Vec<String> = resource_caution(&doc).into_iter().collect();
        cautions.extend(size_caution(bytes));
        Ok(cautions)
    }
}

/// A writer that counts the bytes passed through it.
struct Counted<'a> {
    out: &'a mut dyn io::Write,
    bytes: usize,
}

impl io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// What to know before deploying a template of `bytes` bytes: CloudFormation takes
/// at most [`MAX_BODY_INLINE`] bytes in a request, and at most [`MAX_BODY_S3`] from
/// an S3 object.
fn size_caution(bytes: usize) -> Option<String> {
    if bytes > MAX_BODY_S3 {
        Some(format!(
            "This template is {} bytes and CloudFormation reads at most 1,048,576 bytes \
             (1 MB) of a template, even from S3, so no stack can be created from it. Deploy \
             with the AWS CLI script instead, or split the design into several.",
            crate::cidr::grouped(bytes as u64)
        ))
    } else if bytes > MAX_BODY_INLINE {
        Some(format!(
            "This template is {} bytes and CloudFormation takes at most 51,200 bytes in \
             a request, so upload it through S3: `aws cloudformation deploy --s3-bucket \
             BUCKET …`, or the console's \"Upload a template file\" (which stores it in S3 \
             for you).",
            crate::cidr::grouped(bytes as u64)
        ))
    } else {
        None
    }
}

/// What to know before deploying the template `doc`: a stack holds at most
/// [`MAX_RESOURCES`] resources.
fn resource_caution(doc: &Value) -> Option<String> {
    let resources = doc.get("Resources").and_then(Value::as_object)?;
    if resources.len() <= MAX_RESOURCES {
        return None;
    }
    // The most numerous resource types, to say where the count comes from.
    let mut by_type: Vec<(&str, usize)> = Vec::new();
    for r in resources.values() {
        let ty = r.get("Type").and_then(Value::as_str).unwrap_or("?");
        match by_type.iter_mut().find(|(t, _)| *t == ty) {
            Some((_, n)) => *n += 1,
            None => by_type.push((ty, 1)),
        }
    }
    crate::order::sort_by(&mut by_type, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = by_type
        .iter()
        .take(3)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    Some(format!(
        "CloudFormation accepts at most {MAX_RESOURCES} resources in one stack and this \
         template has {} (most: {}), so creating the stack will fail. Deploy with the \
         AWS CLI script instead, or split the design into several.",
        resources.len(),
        top.join(", ")
    ))
}

/// CloudFormation's limit on the resources of one template (the service quota).
const MAX_RESOURCES: usize = 500;

/// CloudFormation's limit on a template body passed in a request (`CreateStack`,
/// `ValidateTemplate`; `aws cloudformation deploy` without `--s3-bucket`), in bytes.
/// The cautions spell this and [`MAX_BODY_S3`] out with thousands separators.
const MAX_BODY_INLINE: usize = 51_200;

/// CloudFormation's limit on a template body read from an S3 object, in bytes (1 MB).
const MAX_BODY_S3: usize = 1_048_576;

/// The tag every exported resource carries, valued with the design's name.
const DESIGN_TAG: &str = "netwright:design";

/// The longest piece of a name quoted in a description (descriptions are limited).
const MAX_QUOTED: usize = 200;

/// Builds the template of a design.
fn template(t: &Topology) -> Value {
    let mut b = Builder::new(t);
    network::vpcs(&mut b);
    network::subnets(&mut b);
    network::internet_gateways(&mut b);
    network::nat_gateways(&mut b);
    network::route_tables(&mut b);
    acls::network_acls(&mut b);
    security::security_groups(&mut b);
    security::iam_roles(&mut b);
    let workloads = acls::workload_outputs(&mut b);

    let mut doc = Map::new();
    doc.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    let mut description = format!(
        "Netwright {}: network design \"{}\" for {}",
        crate::VERSION,
        clip(&t.name),
        clip(&t.region)
    );
    if !t.workloads.is_empty() {
        description.push_str(
            ". Workloads are not created: the outputs give each one's subnet and \
             security group ids",
        );
    }
    doc.insert("Description".into(), json!(description));
    let mut netwright = json!({"Design": t.name, "Region": t.region, "Version": crate::VERSION});
    if !workloads.is_empty() {
        netwright["Workloads"] = Value::Object(workloads);
    }
    doc.insert("Metadata".into(), json!({ "Netwright": netwright }));
    if !b.parameters.is_empty() {
        doc.insert("Parameters".into(), Value::Object(b.parameters));
    }
    doc.insert("Resources".into(), Value::Object(b.resources));
    if !b.outputs.is_empty() {
        doc.insert("Outputs".into(), Value::Object(b.outputs));
    }
    Value::Object(doc)
}

/// The template under construction: logical ids, and the sections in order.
struct Builder<'a> {
    t: &'a Topology,
    ids: LogicalIds,
    /// Each entity's logical id, per kind in document order.
    own: BTreeMap<EntityKind, Vec<String>>,
    /// Logical ids by entity id, for references (the first entity with an id wins).
    by_id: BTreeMap<(EntityKind, Id), String>,
    /// The parameter of each Availability Zone the design uses.
    az_params: BTreeMap<String, String>,
    /// Secondary blocks: (VPC id, canonical block, logical id of the association).
    blocks: Vec<(Id, String, String)>,
    /// Internet gateway attachments: (gateway id, VPC id, logical id).
    attachments: Vec<(Id, Id, String)>,
    parameters: Map<String, Value>,
    resources: Map<String, Value>,
    outputs: Map<String, Value>,
}

/// The logical-id prefix of each kind of entity.
fn prefix(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Design => "Design",
        EntityKind::Vpc => "Vpc",
        EntityKind::Subnet => "Subnet",
        EntityKind::InternetGateway => "InternetGateway",
        EntityKind::NatGateway => "NatGateway",
        EntityKind::RouteTable => "RouteTable",
        EntityKind::NetworkAcl => "NetworkAcl",
        EntityKind::SecurityGroup => "SecurityGroup",
        EntityKind::Workload => "Workload",
        EntityKind::IamRole => "Role",
    }
}

/// Each entity's logical id in the template of `t`, in document order: the id of the
/// entity's own resource (`AWS::EC2::SecurityGroup`, `AWS::IAM::Role`, ...). The
/// resources an entity owns besides (a group's cross-group rules, a role's instance
/// profile, a table's routes) have ids of their own and name the owner's resource in
/// their properties (`GroupId`, `Roles`, `RouteTableId`). Workloads are not resources:
/// theirs is the stem of their outputs' names.
///
/// ```
/// use netwright_core::model::EntityKind;
/// let t = netwright_core::templates::smartinvoice();
/// let ids = netwright_core::export::cloudformation_logical_ids(&t);
/// let (entity, id) = ids.iter().find(|(e, _)| e.kind == EntityKind::SecurityGroup).unwrap();
/// assert_eq!((entity.id.as_str(), id.as_str()), ("sg-alb", "SecurityGroupSmartinvoiceAlbSg"));
/// ```
pub fn logical_ids(t: &Topology) -> Vec<(EntityRef, String)> {
    claim_entities(t).1
}

/// Claims every entity's logical id, in document order.
fn claim_entities(t: &Topology) -> (LogicalIds, Vec<(EntityRef, String)>) {
    let mut ids = LogicalIds::default();
    let claimed = t
        .entities()
        .into_iter()
        .map(|(r, name)| {
            let id = ids.entity(prefix(r.kind), name, r.id.as_str());
            (r, id)
        })
        .collect();
    (ids, claimed)
}

impl<'a> Builder<'a> {
    /// Claims every entity's logical id (document order), then the AZ parameters.
    fn new(t: &'a Topology) -> Self {
        let (ids, claimed) = claim_entities(t);
        let mut b = Builder {
            t,
            ids,
            own: BTreeMap::new(),
            by_id: BTreeMap::new(),
            az_params: BTreeMap::new(),
            blocks: Vec::new(),
            attachments: Vec::new(),
            parameters: Map::new(),
            resources: Map::new(),
            outputs: Map::new(),
        };
        for (r, id) in claimed {
            b.own.entry(r.kind).or_default().push(id.clone());
            b.by_id.entry((r.kind, r.id)).or_insert(id);
        }
        let zones: BTreeSet<&str> = t
            .subnets
            .iter()
            .map(|s| s.availability_zone.as_str())
            .collect();
        for az in zones {
            let param = b.ids.entity("AvailabilityZone", az, &format!("az/{az}"));
            b.parameters.insert(
                param.clone(),
                json!({
                    "Type": "AWS::EC2::AvailabilityZone::Name",
                    "Default": az,
                    "Description": format!(
                        "Availability Zone drawn as {} in the design; keep the default \
                         to deploy the design as drawn",
                        clip(az)
                    ),
                }),
            );
            b.az_params.insert(az.to_string(), param);
        }
        b
    }

    /// The logical id of the `index`-th entity of `kind`.
    fn own(&self, kind: EntityKind, index: usize) -> String {
        self.own[&kind][index].clone()
    }

    /// The logical id of the entity of `kind` with `id`, if the design has one.
    fn logical(&self, kind: EntityKind, id: &Id) -> Option<String> {
        self.by_id.get(&(kind, id.clone())).cloned()
    }

    /// A `Ref` to the entity of `kind` with `id`. A dangling reference (only in an
    /// invalid design) refers to the id as given, so the template says what is wrong.
    fn reference(&self, kind: EntityKind, id: &Id) -> Value {
        let target = self
            .logical(kind, id)
            .unwrap_or_else(|| logical_ids::pascal_case(id.as_str()));
        json!({ "Ref": target })
    }

    /// Adds a resource. `depends_on` is left out when empty.
    fn add(
        &mut self,
        logical: String,
        kind: &str,
        depends_on: Vec<String>,
        metadata: Option<Value>,
        properties: Map<String, Value>,
    ) {
        let mut r = Map::new();
        r.insert("Type".into(), json!(kind));
        if !depends_on.is_empty() {
            r.insert("DependsOn".into(), json!(depends_on));
        }
        if let Some(m) = metadata {
            r.insert("Metadata".into(), m);
        }
        r.insert("Properties".into(), Value::Object(properties));
        self.resources.insert(logical, Value::Object(r));
    }

    /// Adds an output with the value of `value`, exported as `<stack>-<logical>`.
    fn output(&mut self, logical: &str, description: String, value: Value) {
        self.outputs.insert(
            format!("{logical}Id"),
            json!({
                "Description": description,
                "Value": value,
                "Export": {"Name": {"Fn::Sub": format!("${{AWS::StackName}}-{logical}")}},
            }),
        );
    }

    /// The tag list of a resource named `name` with its own `extra` tags.
    fn tags(&self, name: &str, extra: &Tags) -> Value {
        tag_list(name, &self.t.name, extra, |s| s.to_string())
    }

    /// The tag list of an IAM resource: generated values restricted to IAM's set.
    fn iam_tags(&self, name: &str, extra: &Tags) -> Value {
        tag_list(name, &self.t.name, extra, iam_tag_value)
    }
}

fn tag_list(name: &str, design: &str, extra: &Tags, clean: fn(&str) -> String) -> Value {
    let mut tags = vec![
        json!({"Key": "Name", "Value": clean(name)}),
        json!({"Key": DESIGN_TAG, "Value": clean(design)}),
    ];
    tags.extend(
        extra
            .iter()
            .filter(|(k, _)| k.as_str() != "Name" && k.as_str() != DESIGN_TAG)
            .map(|(k, v)| json!({"Key": k, "Value": v})),
    );
    Value::Array(tags)
}

/// `s` with every character IAM tag values do not allow replaced by `_` (IAM allows
/// Unicode letters, digits and spaces, and `_.:/=+-@`).
pub(crate) fn iam_tag_value(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || "_.:/=+-@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// At most [`MAX_QUOTED`] characters of `s`, for descriptions.
fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_QUOTED {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(MAX_QUOTED - 3).collect();
        c.push_str("...");
        c
    }
}

/// A typed block in canonical form, or trimmed as typed when it does not parse.
fn canonical_block(s: &str) -> String {
    crate::cidr::parse_any(s).map_or_else(|_| s.trim().to_string(), |n| n.to_string())
}

/// A block as logical-id text: `10.1.0.0/16` becomes `10x1x0x0x16`.
fn block_words(s: &str) -> String {
    canonical_block(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("x")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_values_keep_letters_and_replace_the_rest() {
        assert_eq!(
            iam_tag_value("role,with=odd.chars@x"),
            "role_with=odd.chars@x"
        );
        assert_eq!(iam_tag_value("it's \"ñ\" 🚀 子网"), "it_s _ñ_ _ 子网");
    }

    #[test]
    fn blocks_become_id_words() {
        assert_eq!(block_words("10.1.0.5/16"), "10x1x0x0x16");
        assert_eq!(block_words("::/0"), "0");
    }

    #[test]
    fn long_names_are_clipped_in_descriptions() {
        assert_eq!(clip("abc"), "abc");
        assert_eq!(clip(&"é".repeat(500)).chars().count(), MAX_QUOTED);
    }
}
