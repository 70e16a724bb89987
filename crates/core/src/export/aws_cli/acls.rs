//! Deploy section for network ACLs: each ACL (tagged, found again by its tags), its
//! entries (created where missing, replaced where an entry of that number and
//! direction holds other values) and its subnets, moved to it with
//! `replace-network-acl-association` (a subnet always has exactly one ACL).

use std::io;

use serde_json::{json, Map, Value};

use super::{Find, Gen};
use crate::export::aws_common::{json_word, tag_spec, tags};
use crate::export::shell::jmes_str;
use crate::model::{AclDirection, AclEntry, AclProtocol};

/// Every subnet association in the design's VPCs, as (subnet, ACL, id) triples.
const ASSOCIATIONS: &str =
    "NetworkAcls[].Associations[].[SubnetId,NetworkAclId,NetworkAclAssociationId]";

/// An entry in the shape AWS takes and reports it: the parsed protocol, the canonical
/// block and, for TCP/UDP, the port range. An error for an entry that does not parse
/// (the validator refuses such designs; this keeps the script well-formed without it).
struct Parsed {
    protocol: AclProtocol,
    block: String,
    ports: Option<(u16, u16)>,
}

fn parse(acl: &str, e: &AclEntry) -> io::Result<Parsed> {
    let bad = |what: String| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("network ACL '{acl}', entry {}: {what}", e.rule_number),
        )
    };
    let protocol = e.protocol().map_err(|x| bad(x.to_string()))?;
    let block = e.block().map_err(|x| bad(x.to_string()))?.to_string();
    let ports = e.port_range().map_err(|x| bad(x.to_string()))?;
    Ok(Parsed {
        protocol,
        block,
        ports,
    })
}

/// The request body of create-network-acl-entry and replace-network-acl-entry, all
/// but the ACL's id: protocol as its number, the block under the key of its family,
/// ports for TCP/UDP, type and code for ICMP/ICMPv6.
fn entry_input(e: &AclEntry, egress: bool, p: &Parsed) -> Value {
    let mut m = Map::new();
    m.insert("RuleNumber".into(), json!(e.rule_number));
    m.insert("Protocol".into(), json!(p.protocol.number().to_string()));
    m.insert("RuleAction".into(), json!(e.action.as_aws()));
    m.insert("Egress".into(), json!(egress));
    m.insert(block_key(&p.block).into(), json!(p.block));
    if let Some((from, to)) = p.ports {
        m.insert("PortRange".into(), json!({"From": from, "To": to}));
    }
    if p.protocol.has_icmp() {
        m.insert(
            "IcmpTypeCode".into(),
            json!({"Code": e.icmp_code, "Type": e.icmp_type}),
        );
    }
    Value::Object(m)
}

/// `CidrBlock` or `Ipv6CidrBlock`, by the block's family.
fn block_key(block: &str) -> &'static str {
    if block.contains(':') {
        "Ipv6CidrBlock"
    } else {
        "CidrBlock"
    }
}

/// The JMESPath (applied to an ACL) reporting entry `e` as one line of words (null
/// when the ACL has no entry of that number and direction: the filter projects the
/// join, since `join` of a missing entry's fields would be an error), and
/// that line as it reads when the entry is as designed. The words are the fields the
/// entry's protocol uses: action, protocol number, block, then ports or ICMP type and
/// code; an entry of another family or protocol differs in one of the first three.
fn entry_words(e: &AclEntry, egress: bool, p: &Parsed) -> (String, String) {
    let mut fields = vec![
        "RuleAction".to_string(),
        "Protocol".to_string(),
        format!("{}||{}", block_key(&p.block), jmes_str("none")),
    ];
    let mut want = vec![
        e.action.as_aws().to_string(),
        p.protocol.number().to_string(),
        p.block.clone(),
    ];
    if let Some((from, to)) = p.ports {
        fields.push("to_string(PortRange.From)".into());
        fields.push("to_string(PortRange.To)".into());
        want.push(from.to_string());
        want.push(to.to_string());
    }
    if p.protocol.has_icmp() {
        fields.push("to_string(IcmpTypeCode.Type)".into());
        fields.push("to_string(IcmpTypeCode.Code)".into());
        want.push(e.icmp_type.to_string());
        want.push(e.icmp_code.to_string());
    }
    let expr = format!(
        "Entries[?RuleNumber==`{}`&&Egress==`{egress}`].join({}, [{}])|[0]",
        e.rule_number,
        jmes_str(" "),
        fields.join(", ")
    );
    (expr, want.join(" "))
}

/// The variable holding how entry `index` of `direction` reads today.
fn entry_var(acl_var: &str, direction: AclDirection, index: usize) -> String {
    let dir = match direction {
        AclDirection::Inbound => "IN",
        AclDirection::Outbound => "OUT",
    };
    format!("{acl_var}_{dir}{}", index + 1)
}

/// Network ACLs, their entries and their subnet associations.
pub(super) fn network_acls(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.network_acls.is_empty() {
        return Ok(());
    }
    g.section("Network ACLs, their entries and subnet associations");
    let mut finds = Vec::new();
    let mut parsed = Vec::new();
    for acl in &t.network_acls {
        let var = g.var(&acl.id)?;
        let mut fields = vec![(var.clone(), "NetworkAclId".to_string())];
        let mut entries = Vec::new();
        for direction in AclDirection::BOTH {
            let egress = direction == AclDirection::Outbound;
            for (i, e) in acl.entries(direction).iter().enumerate() {
                let p = parse(&acl.name, e)?;
                let (expr, want) = entry_words(e, egress, &p);
                let input = entry_input(e, egress, &p);
                let v = entry_var(&var, direction, i);
                fields.push((v.clone(), expr));
                entries.push((direction, e.rule_number, v, want, input));
            }
        }
        finds.push(Find::tagged(acl.id.as_str(), fields));
        parsed.push(entries);
    }
    let count: usize = finds.iter().map(|f| f.fields.len()).sum();
    let vpcs = g.vpc_filter()?;
    g.line("# The design's ACLs with how each of their entries reads today, then every subnet");
    g.line("# association in the design's VPCs (subnet, ACL, association id), kept in");
    g.line("# ACL_ASSOC. It runs after the subnets exist: new subnets start on the default ACL.");
    let associations = t.network_acls.iter().any(|a| !a.subnets.is_empty());
    g.lookup(
        &format!("ec2 describe-network-acls --filters {vpcs}"),
        "NetworkAcls",
        &finds,
        None,
        associations.then_some(ASSOCIATIONS),
    );
    if associations {
        g.line(format!("ACL_ASSOC=(\"${{R[@]:{count}}}\")"));
    }

    for (acl, entries) in t.network_acls.iter().zip(parsed) {
        let var = g.var(&acl.id)?;
        let vpc = g.var(&acl.vpc)?;
        g.line("");
        g.step(&format!("network acl {}", acl.name));
        let input = json!({
            "TagSpecifications": tag_spec(
                "network-acl",
                tags(&acl.name, g.design(), acl.id.as_str(), &acl.tags),
            ),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  {var}=$(aws ec2 create-network-acl --vpc-id \"${vpc}\" --cli-input-json {} \\\n    --query NetworkAcl.NetworkAclId --output text)",
            json_word(&input)
        ));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("network acl", &acl.name, &var);

        for (direction, number, now, want, input) in entries {
            g.uses("acl_entry");
            g.step(&format!(
                "{} entry {number} of {}",
                direction.field(),
                acl.name
            ));
            g.line(format!(
                "acl_entry \"${var}\" {} \"${now}\" {}",
                crate::export::shell::quote(&want),
                json_word(&input)
            ));
        }

        for subnet in &acl.subnets {
            let s = g.var(subnet)?;
            let subnet_name = t.subnet(subnet).map_or("", |x| x.name.as_str());
            g.uses("acl_associate");
            g.step(&format!("associate {subnet_name} with {}", acl.name));
            g.line(format!("acl_associate \"${s}\" \"${var}\""));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AclAction;

    fn words(e: &AclEntry, egress: bool) -> (String, String, Value) {
        let p = parse("acl", e).expect("parses");
        let (expr, want) = entry_words(e, egress, &p);
        (expr, want, entry_input(e, egress, &p))
    }

    #[test]
    fn tcp_entries_carry_ports_and_compare_them() {
        let e = AclEntry::new(110, AclAction::Deny, "tcp", "1024-65535", "10.0.0.5/16");
        let (expr, want, input) = words(&e, false);
        assert_eq!(want, "deny 6 10.0.0.0/16 1024 65535");
        assert_eq!(
            expr,
            "Entries[?RuleNumber==`110`&&Egress==`false`].join(`\" \"`, [RuleAction, \
             Protocol, CidrBlock||`\"none\"`, to_string(PortRange.From), to_string(PortRange.To)])|[0]"
        );
        assert_eq!(
            input,
            json!({"RuleNumber": 110, "Protocol": "6", "RuleAction": "deny", "Egress": false,
                   "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 1024, "To": 65535}})
        );
    }

    #[test]
    fn icmp_and_ipv6_entries_use_their_own_fields() {
        let mut e = AclEntry::new(120, AclAction::Allow, "icmpv6", "", "2001:DB8::/32");
        e.icmp_type = 128;
        let (expr, want, input) = words(&e, true);
        assert_eq!(want, "allow 58 2001:db8::/32 128 -1");
        assert!(expr.contains("Ipv6CidrBlock||"), "{expr}");
        assert!(expr.contains("to_string(IcmpTypeCode.Type)"), "{expr}");
        assert!(!expr.contains("PortRange"), "{expr}");
        assert_eq!(input["IcmpTypeCode"], json!({"Code": -1, "Type": 128}));
        assert_eq!(input["Ipv6CidrBlock"], "2001:db8::/32");
        assert!(input.get("PortRange").is_none());
    }

    #[test]
    fn all_traffic_has_neither_ports_nor_icmp() {
        let e = AclEntry::new(100, AclAction::Allow, "all", "", "0.0.0.0/0");
        let (_, want, input) = words(&e, false);
        assert_eq!(want, "allow -1 0.0.0.0/0");
        assert_eq!(input["Protocol"], "-1");
        assert!(input.get("PortRange").is_none() && input.get("IcmpTypeCode").is_none());
    }

    #[test]
    fn an_entry_that_does_not_parse_is_an_error() {
        let e = AclEntry::new(100, AclAction::Allow, "gre", "", "0.0.0.0/0");
        let err = parse("public acl", &e).err().expect("refused");
        assert!(err.to_string().contains("public acl"), "{err}");
    }
}
