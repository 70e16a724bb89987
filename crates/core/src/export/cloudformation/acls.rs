//! Network ACLs (`AWS::EC2::NetworkAcl`, an `AWS::EC2::NetworkAclEntry` per entry,
//! an `AWS::EC2::SubnetNetworkAclAssociation` per subnet) and the outputs of the
//! workloads, which the template never creates: each one's subnet ids and security
//! group ids, comma-joined, and what the outputs cannot say (name, kind, whether
//! internet-facing, tags) in the template's `Metadata`.

use serde_json::{json, Map, Value};

use super::{canonical_block, clip, Builder};
use crate::model::{AclDirection, AclEntry, EntityKind};

/// An entry's properties after `NetworkAclId`: rule number, protocol as its number
/// (-1 all, 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6), action, direction, the block under the
/// key of its family, and the port range (TCP/UDP) or ICMP type and code.
fn entry_props(acl: &str, e: &AclEntry, egress: bool) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("NetworkAclId".into(), json!({ "Ref": acl }));
    p.insert("RuleNumber".into(), json!(e.rule_number));
    // An entry whose protocol does not parse (only in an invalid design) keeps what
    // was typed, so the template says what is wrong.
    let protocol = e.protocol().ok();
    p.insert(
        "Protocol".into(),
        protocol.map_or_else(|| json!(e.protocol.trim()), |x| json!(x.number())),
    );
    p.insert("RuleAction".into(), json!(e.action.as_aws()));
    p.insert("Egress".into(), json!(egress));
    let block = canonical_block(&e.cidr);
    let key = if block.contains(':') {
        "Ipv6CidrBlock"
    } else {
        "CidrBlock"
    };
    p.insert(key.into(), json!(block));
    if let Ok(Some((from, to))) = e.port_range() {
        p.insert("PortRange".into(), json!({"From": from, "To": to}));
    }
    if protocol.is_some_and(|x| x.has_icmp()) {
        p.insert(
            "Icmp".into(),
            json!({"Code": e.icmp_code, "Type": e.icmp_type}),
        );
    }
    p
}

/// `AWS::EC2::NetworkAcl`, its entries and its subnet associations.
pub(super) fn network_acls(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, acl) in t.network_acls.iter().enumerate() {
        let id = b.own(EntityKind::NetworkAcl, i);
        let mut p = Map::new();
        p.insert("VpcId".into(), b.reference(EntityKind::Vpc, &acl.vpc));
        p.insert("Tags".into(), b.tags(&acl.name, &acl.tags));
        b.add(id.clone(), "AWS::EC2::NetworkAcl", Vec::new(), None, p);

        for direction in AclDirection::BOTH {
            let egress = direction == AclDirection::Outbound;
            let word = match direction {
                AclDirection::Inbound => "Inbound",
                AclDirection::Outbound => "Outbound",
            };
            for (j, e) in acl.entries(direction).iter().enumerate() {
                let number = if e.rule_number < 0 {
                    format!("Minus{}", e.rule_number.unsigned_abs())
                } else {
                    e.rule_number.to_string()
                };
                let entry_id = b.ids.derived(
                    &format!("{id}{word}{number}"),
                    &format!("{}/{}/{j}", acl.id, direction.field()),
                );
                let p = entry_props(&id, e, egress);
                b.add(entry_id, "AWS::EC2::NetworkAclEntry", Vec::new(), None, p);
            }
        }

        for subnet in &acl.subnets {
            let subnet_logical = b
                .logical(EntityKind::Subnet, subnet)
                .unwrap_or_else(|| super::logical_ids::pascal_case(subnet.as_str()));
            let assoc = b.ids.derived(
                &format!("{subnet_logical}NetworkAclAssociation"),
                &format!("{}/association/{subnet}", acl.id),
            );
            let mut p = Map::new();
            p.insert("SubnetId".into(), b.reference(EntityKind::Subnet, subnet));
            p.insert("NetworkAclId".into(), json!({ "Ref": id }));
            b.add(
                assoc,
                "AWS::EC2::SubnetNetworkAclAssociation",
                Vec::new(),
                None,
                p,
            );
        }
    }
}

/// The outputs `<Workload>SubnetIds` and `<Workload>SecurityGroupIds` of every
/// workload (its logical id made like an entity's, so unique), each exported as
/// `<stack name>-<output>`. A list the workload leaves empty has no output:
/// CloudFormation cannot export an empty value.
///
/// Returns what goes under `Metadata.Netwright.Workloads`: by the same logical id,
/// each workload's `Name` (whole, where the outputs' descriptions clip it), `Kind`
/// (as the saved format writes it), `InternetFacing` and `Tags` (when it has any),
/// so that importing the template rebuilds the workloads with their outputs.
pub(super) fn workload_outputs(b: &mut Builder<'_>) -> Map<String, Value> {
    let t = b.t;
    let mut metadata = Map::new();
    for (i, w) in t.workloads.iter().enumerate() {
        let id = b.own(EntityKind::Workload, i);
        let mut m = Map::new();
        m.insert("Name".into(), json!(w.name));
        m.insert("Kind".into(), json!(w.kind.as_str()));
        m.insert("InternetFacing".into(), json!(w.internet_facing));
        if !w.tags.is_empty() {
            m.insert("Tags".into(), json!(w.tags));
        }
        metadata.insert(id.clone(), Value::Object(m));
        let subnets: Vec<Value> = w
            .subnets
            .iter()
            .map(|s| b.reference(EntityKind::Subnet, s))
            .collect();
        let groups: Vec<Value> = w
            .security_groups
            .iter()
            .map(|g| {
                let logical = b
                    .logical(EntityKind::SecurityGroup, g)
                    .unwrap_or_else(|| super::logical_ids::pascal_case(g.as_str()));
                json!({"Fn::GetAtt": [logical, "GroupId"]})
            })
            .collect();
        let what = format!(
            "{} ({}{})",
            clip(&w.name),
            w.kind.label(),
            if w.internet_facing {
                ", internet-facing"
            } else {
                ""
            }
        );
        for (suffix, list, noun) in [
            ("SubnetIds", subnets, "Subnets"),
            ("SecurityGroupIds", groups, "Security groups"),
        ] {
            if list.is_empty() {
                continue;
            }
            let name = format!("{id}{suffix}");
            b.outputs.insert(
                name.clone(),
                json!({
                    "Description": format!(
                        "{noun} of workload {what}, comma-separated. The template does not \
                         create the workload."
                    ),
                    "Value": {"Fn::Join": [",", list]},
                    "Export": {"Name": {"Fn::Sub": format!("${{AWS::StackName}}-{name}")}},
                }),
            );
        }
    }
    metadata
}
