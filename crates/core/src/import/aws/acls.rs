//! Network ACLs from describe-network-acls: each custom ACL of a chosen VPC with its
//! entries and subnet associations. The VPC's default ACL is the model's "no ACL"
//! (allow all in and out), so it is left out while its entries are AWS's; a changed
//! one becomes a note saying what the design assumes instead.

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note};
use crate::model::{
    AclAction, AclEntry, AclProtocol, Id, NetworkAcl, Topology, MAX_RULE_NUMBER, MIN_RULE_NUMBER,
};

/// The rule numbers AWS shows for the implicit final deny (IPv4, IPv6).
const IMPLICIT: [i64; 2] = [32767, 32768];

/// The network ACLs of the chosen VPCs.
pub(crate) fn network_acls<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let mut seen = std::collections::HashSet::new();
    for n in cap.list("NetworkAcls") {
        let id = n.str("NetworkAclId")?;
        let vpc = n.str("VpcId")?;
        if !scope.admits(vpc, "network ACL(s)") || !seen.insert(id) {
            continue;
        }
        let listed = n.list("Entries");
        if n.flag("IsDefault") {
            if !allows_all(&listed) {
                default_note(n, id, &listed, scope, notes);
            }
            continue;
        }
        let mut acl = NetworkAcl::new(id, n.name_or(id), vpc);
        for e in &listed {
            if let Some((egress, entry)) = entry(id, e, notes)? {
                if egress {
                    acl.outbound.push(entry);
                } else {
                    acl.inbound.push(entry);
                }
            }
        }
        // Evaluation order is by number; keep the lists in it too.
        for list in [&mut acl.inbound, &mut acl.outbound] {
            crate::order::sort_by(list, |a, b| a.rule_number.cmp(&b.rule_number));
        }
        for a in n.list("Associations") {
            let Some(subnet) = a.opt_str("SubnetId") else {
                continue;
            };
            if scope.subnets.contains(subnet) {
                if !acl.subnets.iter().any(|s| s.as_str() == subnet) {
                    acl.subnets.push(Id::new(subnet));
                }
            } else {
                notes.push(Note::new(
                    id,
                    format!("association with {subnet}"),
                    "the subnet is not in the capture",
                ));
            }
        }
        acl.tags = n.tags(id, notes);
        t.network_acls.push(acl);
    }
    Ok(())
}

/// One entry as the model holds it, with its direction (`true`: outbound); `None`
/// for the implicit final deny and for an entry the model cannot hold (with a note).
fn entry(
    acl: &str,
    e: &Node<'_>,
    notes: &mut Vec<Note>,
) -> Result<Option<(bool, AclEntry)>, ImportError> {
    let egress = e.flag("Egress");
    let dir = if egress { "outbound" } else { "inbound" };
    let number = e
        .int("RuleNumber")
        .ok_or_else(|| e.error("RuleNumber", "expected a whole number"))?;
    let action = match e.str("RuleAction")? {
        "allow" => AclAction::Allow,
        "deny" => AclAction::Deny,
        other => return Err(e.error("RuleAction", &format!("{other:?} is not allow or deny"))),
    };
    let cidr = e
        .opt_str("CidrBlock")
        .or_else(|| e.opt_str("Ipv6CidrBlock"));
    let protocol_text = e.str("Protocol")?;
    let label = format!(
        "{dir} entry {number} {} protocol {protocol_text} {} {}",
        action.as_aws(),
        if egress { "to" } else { "from" },
        cidr.unwrap_or("?")
    );
    if IMPLICIT.contains(&number) && action == AclAction::Deny && protocol_text == "-1" {
        return Ok(None);
    }
    if !(i64::from(MIN_RULE_NUMBER)..=i64::from(MAX_RULE_NUMBER)).contains(&number) {
        notes.push(Note::new(
            acl,
            label,
            "its rule number is outside 1-32766, which the model holds",
        ));
        return Ok(None);
    }
    let Some(cidr) = cidr else {
        notes.push(Note::new(acl, label, "it names no IPv4 or IPv6 block"));
        return Ok(None);
    };
    let protocol = protocol_text
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(AclProtocol::from_number)
        .or_else(|| crate::model::parse_acl_protocol(protocol_text).ok());
    let Some(protocol) = protocol else {
        notes.push(Note::new(acl, label, "its protocol is not one AWS knows"));
        return Ok(None);
    };
    let mut entry = AclEntry::new(
        number as i32,
        action,
        crate::import::acl_protocol_text(protocol),
        "",
        cidr,
    );
    if protocol.has_ports() {
        let range = e.child("PortRange");
        let from = range.and_then(|r| r.int("From"));
        let to = range.and_then(|r| r.int("To"));
        entry.ports = match (from, to) {
            (Some(0), Some(65535)) => "all".into(),
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            _ => {
                notes.push(Note::new(
                    acl,
                    label,
                    "a TCP or UDP entry needs a port range, and this one gives none",
                ));
                return Ok(None);
            }
        };
    }
    if protocol.has_icmp() {
        if let Some(tc) = e.child("IcmpTypeCode") {
            let field = |k: &str| tc.int(k).and_then(|v| i32::try_from(v).ok()).unwrap_or(-1);
            entry.icmp_type = field("Type");
            entry.icmp_code = field("Code");
        }
    }
    Ok(Some((egress, entry)))
}

/// The note for a default ACL whose entries are not AWS's: the model has no default
/// ACL of its own, so the design assumes allow-all for the subnets that use it.
fn default_note(
    n: &Node<'_>,
    id: &str,
    listed: &[Node<'_>],
    scope: &Scope<'_>,
    notes: &mut Vec<Note>,
) {
    let entries: Vec<String> = listed
        .iter()
        .filter(|e| !(e.int("RuleNumber").is_some_and(|r| IMPLICIT.contains(&r))))
        .map(|e| {
            let dir = if e.flag("Egress") { "out" } else { "in" };
            let ports = e
                .child("PortRange")
                .and_then(|r| Some((r.int("From")?, r.int("To")?)))
                .map(|(a, b)| {
                    if a == b {
                        format!(" {a}")
                    } else {
                        format!(" {a}-{b}")
                    }
                })
                .unwrap_or_default();
            format!(
                "{dir} {} {} protocol {}{ports} {}",
                e.int("RuleNumber").unwrap_or(0),
                e.opt_str("RuleAction").unwrap_or("?"),
                e.opt_str("Protocol").unwrap_or("?"),
                e.opt_str("CidrBlock")
                    .or_else(|| e.opt_str("Ipv6CidrBlock"))
                    .unwrap_or("?"),
            )
        })
        .collect();
    let subnets = n
        .list("Associations")
        .iter()
        .filter_map(|a| a.opt_str("SubnetId"))
        .filter(|s| scope.subnets.contains(s))
        .count();
    let name = n.tag("Name").map(|t| format!(" {t}")).unwrap_or_default();
    let listed = if entries.is_empty() {
        "no entries".to_string()
    } else {
        entries.join(", ")
    };
    notes.push(Note::new(
        id,
        format!("the changed default network ACL{name} ({listed}) of {subnets} subnet(s)"),
        "the model has no default ACL: the design assumes the VPC's default ACL allows all \
         traffic in and out, so these subnets are not protected as they are in AWS; \
         to keep the entries, add an ACL with them and associate the subnets",
    ));
}

/// Whether ACL entries are AWS's default: in each direction allow everything (IPv4,
/// and IPv6 when the VPC has it), then the implicit deny.
fn allows_all(entries: &[Node<'_>]) -> bool {
    let world = |e: &Node<'_>| {
        e.opt_str("CidrBlock") == Some("0.0.0.0/0") || e.opt_str("Ipv6CidrBlock") == Some("::/0")
    };
    let all = |e: &Node<'_>| e.opt_str("Protocol") == Some("-1") && world(e);
    let allow = |e: &Node<'_>| e.opt_str("RuleAction") == Some("allow");
    let implicit = |e: &Node<'_>| e.int("RuleNumber").is_some_and(|r| IMPLICIT.contains(&r));
    let ok = entries
        .iter()
        .all(|e| all(e) && (allow(e) || implicit(e)) && !(allow(e) && implicit(e)));
    ok && [true, false].iter().all(|&egress| {
        entries
            .iter()
            .any(|e| e.flag("Egress") == egress && allow(e) && e.opt_str("CidrBlock").is_some())
    })
}
