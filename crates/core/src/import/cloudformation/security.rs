//! Security groups with their inline rules, the separate `AWS::EC2::SecurityGroupIngress`
//! and `SecurityGroupEgress` resources, and CloudFormation's egress default: a group
//! that lists no egress rule allows all outbound traffic. The exporter's rule that
//! matches nothing (ICMP type 252 code 86 to 255.255.255.255/32) means "no egress".

use super::resources::{name_and_tags, name_or, Build, Props, Res};
use super::value::Val;
use crate::model::{EntityKind, Id, Peer, Protocol, Rule, SecurityGroup};

/// Whether an inline rule is the exporter's match-nothing egress rule.
fn is_no_egress_marker(v: &Val<'_>) -> bool {
    let text = |k: &str| v.get(k).and_then(Val::text);
    text("IpProtocol").as_deref() == Some("icmp")
        && v.get("FromPort").and_then(Val::as_int) == Some(252)
        && v.get("ToPort").and_then(Val::as_int) == Some(86)
        && text("CidrIp").as_deref() == Some("255.255.255.255/32")
}

/// `AWS::EC2::SecurityGroup`, then the separate rule resources.
pub(super) fn security_groups(
    groups: &[&Res<'_>],
    ingress: &[&Res<'_>],
    egress: &[&Res<'_>],
    b: &mut Build,
) {
    // Register every group first: inline rules may name groups declared later.
    let mut pending = Vec::new();
    for r in groups {
        let mut p = Props::new(r);
        let vpc = match p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                b.note(r.id, "the security group", e);
                continue;
            }
            None => {
                b.note(
                    r.id,
                    "the security group",
                    "it names no VpcId (a group in the default VPC): the model holds groups of the design's VPCs",
                );
                continue;
            }
        };
        let group_name = p.text("GroupName", b);
        let description = p.text("GroupDescription", b).unwrap_or_default();
        let (tag, tags) = name_and_tags(&mut p, b, r.id);
        if let (Some(g), Some(t)) = (&group_name, &tag) {
            if g != t {
                b.note(
                    r.id,
                    format!("Name tag {t}"),
                    "the model writes the group name as its Name tag",
                );
            }
        }
        let name = name_or(group_name.or(tag), r.id, 255);
        b.add(EntityKind::SecurityGroup, r.id, b.t.security_groups.len());
        b.t.security_groups.push(SecurityGroup {
            id: Id::new(r.id),
            name,
            description,
            vpc,
            ingress: Vec::new(),
            egress: Vec::new(),
            tags,
        });
        pending.push((r, p));
    }
    for (r, mut p) in pending {
        let i = b.at(&Id::new(r.id));
        let mut rules = (Vec::new(), Vec::new());
        for (key, out_dir) in [
            ("SecurityGroupIngress", false),
            ("SecurityGroupEgress", true),
        ] {
            let list = p.get(key);
            let items = match list {
                None => continue,
                Some(Val::List(items)) => items.as_slice(),
                Some(other) => {
                    b.note(
                        r.id,
                        format!("its {key}"),
                        format!("{other} is not a list of rules"),
                    );
                    continue;
                }
            };
            if out_dir && !items.is_empty() {
                // Listing egress rules replaces CloudFormation's allow-all default.
                rules.1.push(None);
            }
            for item in items {
                if out_dir && is_no_egress_marker(item) {
                    continue;
                }
                let mut rp = Props::of(r.id, item);
                let rule = rule(&mut rp, b, r.id, out_dir);
                rp.finish(b, rule_why);
                if out_dir {
                    rules.1.extend(rule.map(Some));
                } else {
                    rules.0.extend(rule);
                }
            }
        }
        p.finish(b, |_| None);
        let g = &mut b.t.security_groups[i];
        g.ingress = rules.0;
        g.egress = if rules.1.is_empty() {
            vec![Rule::allow_all_egress()]
        } else {
            rules.1.into_iter().flatten().collect()
        };
    }
    for (list, out_dir) in [(ingress, false), (egress, true)] {
        for r in list {
            let mut p = Props::new(r);
            let group = p
                .get("GroupId")
                .map(|v| b.target(v, EntityKind::SecurityGroup));
            let by_name = p.text("GroupName", b);
            let rule = rule(&mut p, b, r.id, out_dir);
            p.finish(b, rule_why);
            let Some(rule) = rule else { continue };
            match group {
                Some(Ok(g)) => {
                    let i = b.at(&g);
                    let g = &mut b.t.security_groups[i];
                    if out_dir {
                        &mut g.egress
                    } else {
                        &mut g.ingress
                    }
                    .push(rule);
                }
                Some(Err(e)) => b.note(r.id, "the rule", e),
                None => b.note(
                    r.id,
                    format!(
                        "the rule of group {}",
                        by_name.unwrap_or_else(|| "?".into())
                    ),
                    "groups named by GroupName (the default VPC) are not in the design",
                ),
            }
        }
    }
}

/// Why a rule's property is left out.
fn rule_why(key: &str) -> Option<&'static str> {
    Some(match key {
        "SourcePrefixListId" | "DestinationPrefixListId" => "the model has no prefix lists",
        "SourceSecurityGroupOwnerId" => "the model holds groups of one account",
        _ => return None,
    })
}

/// One rule as the model holds it; a note and `None` when it cannot be.
fn rule(p: &mut Props<'_>, b: &mut Build, owner: &str, egress: bool) -> Option<Rule> {
    let (dir, side) = if egress {
        ("outbound", "to")
    } else {
        ("inbound", "from")
    };
    let protocol_text = p
        .get("IpProtocol")
        .and_then(Val::text)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let from = p.get("FromPort").and_then(Val::as_int);
    let to = p.get("ToPort").and_then(Val::as_int);
    let keys: &[&str] = if egress {
        &[
            "CidrIp",
            "CidrIpv6",
            "DestinationSecurityGroupId",
            "DestinationPrefixListId",
        ]
    } else {
        &[
            "CidrIp",
            "CidrIpv6",
            "SourceSecurityGroupId",
            "SourcePrefixListId",
            "SourceSecurityGroupName",
        ]
    };
    let mut peer_val = None;
    for k in keys {
        if let Some(v) = p.get(k) {
            peer_val = Some((*k, v));
            break;
        }
    }
    let description = p.get("Description").and_then(Val::text).unwrap_or_default();
    // Only a rule that becomes a note needs its label.
    let label = || {
        let ports = match (from, to) {
            (Some(a), Some(c)) if a == c && a >= 0 => format!(" {a}"),
            (Some(a), Some(c)) if a >= 0 => format!(" {a}-{c}"),
            _ => String::new(),
        };
        let proto = if protocol_text == "-1" {
            "all traffic"
        } else {
            protocol_text.as_str()
        };
        let peer = peer_val.map_or_else(|| "?".to_string(), |(_, v)| v.label());
        format!("{dir} rule {proto}{ports} {side} {peer}")
    };
    let protocol = match protocol_text.as_str() {
        "-1" | "all" => Protocol::All,
        "tcp" | "6" => Protocol::Tcp,
        "udp" | "17" => Protocol::Udp,
        "icmp" | "1" => Protocol::Icmp,
        "icmpv6" | "58" => {
            b.note(owner, label(), "the model has no ICMPv6 rules");
            return None;
        }
        other => {
            b.note(
                owner,
                label(),
                format!("the model has no rules for IP protocol {other:?}"),
            );
            return None;
        }
    };
    let port = |v: Option<i64>, missing: i32| -> Option<i32> {
        match v {
            None => Some(missing),
            Some(p) => i32::try_from(p).ok(),
        }
    };
    let ports = match protocol {
        Protocol::All => Some((-1, -1)),
        Protocol::Icmp => port(from, -1).zip(port(to, -1)),
        Protocol::Tcp | Protocol::Udp => match (from, to) {
            (Some(-1), Some(-1)) => Some((0, 65535)),
            _ => port(from, 0).zip(port(to, 65535)),
        },
    };
    let Some((from_port, to_port)) = ports else {
        b.note(owner, label(), "its ports are out of range");
        return None;
    };
    let peer = match peer_val {
        Some(("CidrIp" | "CidrIpv6", v)) => match v.text() {
            Some(c) => Peer::Cidr(c),
            None => {
                b.note(
                    owner,
                    label(),
                    format!("its block is {v}, which the design cannot hold"),
                );
                return None;
            }
        },
        Some(("SourceSecurityGroupId" | "DestinationSecurityGroupId", v)) => {
            match b.target(v, EntityKind::SecurityGroup) {
                Ok(id) => Peer::SecurityGroup(id),
                Err(e) => {
                    b.note(owner, label(), e);
                    return None;
                }
            }
        }
        Some(("SourcePrefixListId" | "DestinationPrefixListId", _)) => {
            b.note(owner, label(), "the model has no prefix lists");
            return None;
        }
        Some(("SourceSecurityGroupName", _)) => {
            b.note(
                owner,
                label(),
                "groups named by GroupName (the default VPC) are not in the design",
            );
            return None;
        }
        _ => {
            b.note(
                owner,
                label(),
                "it names no peer (CidrIp, CidrIpv6 or a group)",
            );
            return None;
        }
    };
    Some(Rule {
        protocol,
        from_port,
        to_port,
        peer,
        description,
    })
}
