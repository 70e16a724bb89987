//! Network ACLs: `AWS::EC2::NetworkAcl`, its entries (`AWS::EC2::NetworkAclEntry`,
//! each naming its ACL) and `AWS::EC2::SubnetNetworkAclAssociation`. An ACL the
//! template creates starts empty, as in AWS (deny all); entries and associations whose
//! condition is false were left out before these readers run.

use super::resources::{name_and_tags, name_or, Build, Props, Res};
use super::value::Val;
use crate::model::{
    parse_acl_protocol, AclAction, AclEntry, AclProtocol, EntityKind, Id, NetworkAcl,
    MAX_RULE_NUMBER, MIN_RULE_NUMBER,
};

/// `AWS::EC2::NetworkAcl`.
pub(super) fn network_acls(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let vpc = match p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                b.note(r.id, "the network ACL", e);
                continue;
            }
            None => {
                b.note(r.id, "the network ACL", "it names no VpcId");
                continue;
            }
        };
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        p.finish(b, |_| None);
        let mut acl = NetworkAcl::new(r.id, name_or(name, r.id, 256), vpc);
        acl.tags = tags;
        b.add(EntityKind::NetworkAcl, r.id, b.t.network_acls.len());
        b.t.network_acls.push(acl);
    }
}

/// `AWS::EC2::NetworkAclEntry`: an entry of the ACL its `NetworkAclId` names, kept in
/// rule-number order.
pub(super) fn entries(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let acl = p
            .get("NetworkAclId")
            .map(|v| b.target(v, EntityKind::NetworkAcl));
        let entry = entry(&mut p, b, r.id);
        p.finish(b, |_| None);
        let Some((egress, entry)) = entry else {
            continue;
        };
        let acl = match acl {
            Some(Ok(a)) => a,
            Some(Err(e)) => {
                b.note(r.id, "the network ACL entry", e);
                continue;
            }
            None => {
                b.note(r.id, "the network ACL entry", "it names no NetworkAclId");
                continue;
            }
        };
        let i = b.at(&acl);
        let list = if egress {
            &mut b.t.network_acls[i].outbound
        } else {
            &mut b.t.network_acls[i].inbound
        };
        let at = list.partition_point(|e| e.rule_number <= entry.rule_number);
        list.insert(at, entry);
    }
}

/// One entry's direction (`true`: outbound) and fields; `None` with a note when the
/// model cannot hold it.
fn entry(p: &mut Props<'_>, b: &mut Build, id: &str) -> Option<(bool, AclEntry)> {
    let egress = match p.get("Egress") {
        None => false,
        Some(v) => match v.as_bool() {
            Some(x) => x,
            None => {
                b.note(
                    id,
                    "the network ACL entry",
                    format!("its Egress is {v}, not true or false"),
                );
                return None;
            }
        },
    };
    let number = p.get("RuleNumber");
    let action = p.get("RuleAction");
    let protocol = p.get("Protocol");
    let v4 = p.get("CidrBlock");
    let v6 = p.get("Ipv6CidrBlock");
    let ports = p.get("PortRange");
    let icmp = p.get("Icmp");
    let label = || {
        let show = |v: Option<&Val<'_>>| v.map_or_else(|| "?".to_string(), Val::label);
        format!(
            "{} entry {} {} protocol {} {} {}",
            if egress { "outbound" } else { "inbound" },
            show(number),
            show(action),
            show(protocol),
            if egress { "to" } else { "from" },
            show(v4.or(v6)),
        )
    };
    let mut refuse = |why: String| {
        b.note(id, label(), why);
        None
    };
    let number = match number.map(|v| (v, v.as_int())) {
        Some((_, Some(n)))
            if (i64::from(MIN_RULE_NUMBER)..=i64::from(MAX_RULE_NUMBER)).contains(&n) =>
        {
            n as i32
        }
        Some((v, _)) => return refuse(format!("its RuleNumber is {v}, not a number 1-32766")),
        None => return refuse("it has no RuleNumber".into()),
    };
    let action = match action.map(|v| (v, v.text())) {
        Some((_, Some(a))) if a.eq_ignore_ascii_case("allow") => AclAction::Allow,
        Some((_, Some(a))) if a.eq_ignore_ascii_case("deny") => AclAction::Deny,
        Some((v, _)) => return refuse(format!("its RuleAction is {v}, not allow or deny")),
        None => return refuse("it has no RuleAction".into()),
    };
    let protocol = match protocol.and_then(Val::text) {
        Some(text) => match text.trim().parse::<i64>() {
            Ok(n) => AclProtocol::from_number(n),
            Err(_) => parse_acl_protocol(&text).ok(),
        },
        _ => None,
    };
    let Some(protocol) = protocol else {
        return refuse("its Protocol is not an IP protocol number (-1 for all)".into());
    };
    let cidr = match (v4, v6) {
        (Some(v), _) | (None, Some(v)) => match v.text() {
            Some(c) => c,
            None => return refuse(format!("its block is {v}, which the design cannot hold")),
        },
        (None, None) => return refuse("it names no CidrBlock or Ipv6CidrBlock".into()),
    };
    let mut entry = AclEntry::new(
        number,
        action,
        crate::import::acl_protocol_text(protocol),
        "",
        cidr,
    );
    if protocol.has_ports() {
        let end = |k: &str| ports.and_then(|r| r.get(k)).and_then(Val::as_int);
        entry.ports = match (end("From"), end("To")) {
            (Some(0), Some(65535)) => "all".into(),
            (Some(a), Some(c)) if a == c => a.to_string(),
            (Some(a), Some(c)) => format!("{a}-{c}"),
            _ => {
                return refuse(
                    "a TCP or UDP entry needs a PortRange with From and To, and CloudFormation refuses one without"
                        .into(),
                )
            }
        };
    }
    if protocol.has_icmp() {
        let field = |k: &str| {
            icmp.and_then(|v| v.get(k))
                .and_then(Val::as_int)
                .and_then(|n| i32::try_from(n).ok())
                .unwrap_or(-1)
        };
        entry.icmp_type = field("Type");
        entry.icmp_code = field("Code");
    }
    Some((egress, entry))
}

/// `AWS::EC2::SubnetNetworkAclAssociation`: a subnet has one ACL, so a second
/// association of a subnet is a note.
pub(super) fn associations(rs: &[&Res<'_>], b: &mut Build) {
    let mut assigned: std::collections::HashMap<Id, Id> = std::collections::HashMap::new();
    for r in rs {
        let mut p = Props::new(r);
        let subnet = p.get("SubnetId").map(|v| b.target(v, EntityKind::Subnet));
        let acl = p
            .get("NetworkAclId")
            .map(|v| b.target(v, EntityKind::NetworkAcl));
        p.finish(b, |_| None);
        match (subnet, acl) {
            (Some(Ok(subnet)), Some(Ok(acl))) => {
                if let Some(other) = assigned.get(&subnet) {
                    b.note(
                        r.id,
                        "the association",
                        format!("{subnet} is already associated with {other}; a subnet has one network ACL"),
                    );
                    continue;
                }
                let i = b.at(&acl);
                assigned.insert(subnet.clone(), acl);
                b.t.network_acls[i].subnets.push(subnet);
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => b.note(r.id, "the association", e),
            _ => b.note(
                r.id,
                "the association",
                "it needs a SubnetId and a NetworkAclId",
            ),
        }
    }
}
