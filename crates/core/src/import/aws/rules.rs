//! Security group rules as AWS reports them, one per source: parsed from the nested
//! `IpPermissions` of describe-security-groups or the flat
//! describe-security-group-rules, before they become model rules.

use std::collections::{HashMap, HashSet};

use super::capture::{Capture, Node};
use crate::import::ImportError;

/// The other side of a rule as AWS reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawPeer<'a> {
    V4(&'a str),
    V6(&'a str),
    PrefixList(&'a str),
    Group {
        id: &'a str,
        user: Option<&'a str>,
        peering: Option<&'a str>,
    },
}

/// One rule with one source, as AWS reports it.
#[derive(Debug, Clone)]
pub(crate) struct Raw<'a> {
    pub egress: bool,
    pub protocol: &'a str,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub peer: RawPeer<'a>,
    pub description: &'a str,
    /// The id of a flat rule that carries tags (which the model cannot hold).
    pub tagged: Option<&'a str>,
}

impl Raw<'_> {
    /// `inbound tcp 443 from pl-0abc` for notes.
    pub fn label(&self) -> String {
        let (dir, side) = if self.egress {
            ("outbound", "to")
        } else {
            ("inbound", "from")
        };
        let proto = if self.protocol == "-1" {
            "all traffic".to_string()
        } else {
            self.protocol.to_string()
        };
        let ports = match (self.from, self.to) {
            (Some(a), Some(b)) if a == b && a >= 0 => format!(" {a}"),
            (Some(a), Some(b)) if a >= 0 => format!(" {a}-{b}"),
            _ => String::new(),
        };
        let peer = match &self.peer {
            RawPeer::V4(c) | RawPeer::V6(c) | RawPeer::PrefixList(c) => c,
            RawPeer::Group { id, .. } => id,
        };
        format!("{dir} rule {proto}{ports} {side} {peer}")
    }
}

/// The rules of an `IpPermissions` list, one per source.
pub(crate) fn permissions<'a>(
    n: &Node<'a>,
    field: &'static str,
    egress: bool,
) -> Result<Vec<Raw<'a>>, ImportError> {
    let mut out = Vec::new();
    for p in n.nodes(field) {
        let protocol = p.str("IpProtocol")?;
        let mut push = |peer: RawPeer<'a>, d: &Node<'a>| {
            out.push(Raw {
                egress,
                protocol,
                from: p.int("FromPort"),
                to: p.int("ToPort"),
                peer,
                description: d.opt_str("Description").unwrap_or(""),
                tagged: None,
            })
        };
        for r in p.nodes("IpRanges") {
            push(RawPeer::V4(r.str("CidrIp")?), &r);
        }
        for r in p.nodes("Ipv6Ranges") {
            push(RawPeer::V6(r.str("CidrIpv6")?), &r);
        }
        for r in p.nodes("PrefixListIds") {
            push(RawPeer::PrefixList(r.str("PrefixListId")?), &r);
        }
        for r in p.nodes("UserIdGroupPairs") {
            let peer = RawPeer::Group {
                id: r.str("GroupId")?,
                user: r.opt_str("UserId"),
                peering: r.opt_str("VpcPeeringConnectionId"),
            };
            push(peer, &r);
        }
    }
    Ok(out)
}

/// The rules of describe-security-group-rules, by group.
pub(crate) fn flat_rules<'a>(
    cap: &Capture<'a>,
) -> Result<HashMap<&'a str, Vec<Raw<'a>>>, ImportError> {
    let mut out: HashMap<&'a str, Vec<Raw<'a>>> = HashMap::new();
    let mut seen = HashSet::new();
    for n in cap.list("SecurityGroupRules") {
        let group = n.str("GroupId")?;
        if let Some(rule_id) = n.opt_str("SecurityGroupRuleId") {
            if !seen.insert(rule_id) {
                continue;
            }
        }
        let peer = if let Some(c) = n.opt_str("CidrIpv4") {
            RawPeer::V4(c)
        } else if let Some(c) = n.opt_str("CidrIpv6") {
            RawPeer::V6(c)
        } else if let Some(p) = n.opt_str("PrefixListId") {
            RawPeer::PrefixList(p)
        } else if let Some(r) = n.child("ReferencedGroupInfo") {
            RawPeer::Group {
                id: r.str("GroupId")?,
                user: r.opt_str("UserId"),
                peering: r.opt_str("VpcPeeringConnectionId"),
            }
        } else {
            return Err(n.error(
                "",
                "a rule with no CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupInfo",
            ));
        };
        let tagged =
            n.v.get("Tags")
                .and_then(|t| t.as_array())
                .is_some_and(|t| !t.is_empty());
        let rule = Raw {
            egress: n.flag("IsEgress"),
            protocol: n.str("IpProtocol")?,
            from: n.int("FromPort"),
            to: n.int("ToPort"),
            peer,
            description: n.opt_str("Description").unwrap_or(""),
            tagged: tagged.then(|| n.opt_str("SecurityGroupRuleId").unwrap_or(group)),
        };
        out.entry(group).or_default().push(rule);
    }
    Ok(out)
}
