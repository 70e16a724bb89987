//! Security groups and their rules, from describe-security-groups (each permission
//! expanded to one model rule per source) or the flat describe-security-group-rules;
//! the VPC's `default` group is left out while it is as AWS made it.

use std::collections::{HashMap, HashSet};

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note};
use crate::model::{Id, Peer, Protocol, Rule, SecurityGroup, Topology};

/// The other side of a rule as AWS reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RawPeer<'a> {
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
struct Raw<'a> {
    egress: bool,
    protocol: &'a str,
    from: Option<i64>,
    to: Option<i64>,
    peer: RawPeer<'a>,
    description: &'a str,
    /// The id of a flat rule that carries tags (which the model cannot hold).
    tagged: Option<&'a str>,
}

impl Raw<'_> {
    /// `inbound tcp 443 from pl-0abc` for notes.
    fn label(&self) -> String {
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

/// A group of the chosen VPCs with its rules.
struct Group<'a> {
    id: &'a str,
    node: Node<'a>,
    owner: Option<&'a str>,
    rules: Vec<Raw<'a>>,
}

/// The security groups of the chosen VPCs.
pub(crate) fn security_groups<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let flat = flat_rules(cap)?;
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut all_ids: HashSet<&str> = HashSet::new();
    for n in cap.list("SecurityGroups") {
        let id = n.str("GroupId")?;
        let vpc = n.str("VpcId")?;
        if !all_ids.insert(id) || !scope.admits(vpc, "security group(s)") {
            continue;
        }
        // describe-security-groups lists every rule with its description (moto's
        // describe-security-group-rules leaves out those of group references), so
        // the flat rules serve only a group listed without its permissions.
        let nested = n.v.get("IpPermissions").is_some() || n.v.get("IpPermissionsEgress").is_some();
        let rules = match flat.get(id) {
            Some(rules) if !nested => rules.clone(),
            _ => {
                let mut rules = permissions(n, "IpPermissions", false)?;
                rules.extend(permissions(n, "IpPermissionsEgress", true)?);
                rules
            }
        };
        groups.push(Group {
            id,
            owner: n.opt_str("OwnerId"),
            node: *n,
            rules,
        });
    }
    for id in flat.keys().filter(|id| !all_ids.contains(*id)) {
        notes.push(Note::new(
            *id,
            "the group's rules",
            "the group is not in the output of describe-security-groups, which gives its name and VPC",
        ));
    }
    // A default group is imported when it differs from AWS's default by more than
    // removed rules, or when an imported rule names it.
    let mut defaults: HashMap<&str, Vec<String>> = HashMap::new();
    let mut imported: HashSet<&str> = HashSet::new();
    for g in &groups {
        if g.node.opt_str("GroupName") != Some("default") {
            imported.insert(g.id);
            continue;
        }
        match missing_defaults(g) {
            Some(missing) => {
                defaults.insert(g.id, missing);
            }
            None => {
                imported.insert(g.id);
                notes.push(Note::new(
                    g.id,
                    "its standing as the VPC's default group",
                    "its rules differ from AWS's default, so it is imported as a group named \
                     default; the model has no default group and validation asks to rename it",
                ));
            }
        }
    }
    loop {
        let named: Vec<&str> = groups
            .iter()
            .filter(|g| imported.contains(g.id))
            .flat_map(|g| g.rules.iter())
            .filter_map(|r| match r.peer {
                RawPeer::Group { id, .. }
                    if defaults.contains_key(id) && !imported.contains(id) =>
                {
                    Some(id)
                }
                _ => None,
            })
            .collect();
        if named.is_empty() {
            break;
        }
        for id in named {
            if imported.insert(id) {
                notes.push(Note::new(
                    id,
                    "its standing as the VPC's default group",
                    "another group's rule names it, so it is imported as a group named default; \
                     the model has no default group and validation asks to rename it",
                ));
            }
        }
    }
    for g in &groups {
        if !imported.contains(g.id) {
            let missing = &defaults[g.id];
            if !missing.is_empty() {
                notes.push(Note::new(
                    g.id,
                    format!("the default group without AWS's {}", missing.join(" and ")),
                    "the model has no default group, so this hardening is not recorded",
                ));
            }
            continue;
        }
        t.security_groups
            .push(group(g, &imported, &all_ids, notes)?);
    }
    Ok(())
}

/// For a default group whose rules are AWS's own or fewer: the default rules it
/// lacks. `None` when it has other rules.
fn missing_defaults(g: &Group<'_>) -> Option<Vec<String>> {
    let from_self = |r: &Raw<'_>| {
        !r.egress && r.protocol == "-1" && matches!(r.peer, RawPeer::Group { id, .. } if id == g.id)
    };
    let to_world =
        |r: &Raw<'_>| r.egress && r.protocol == "-1" && r.peer == RawPeer::V4("0.0.0.0/0");
    let to_world6 = |r: &Raw<'_>| r.egress && r.protocol == "-1" && r.peer == RawPeer::V6("::/0");
    if !g
        .rules
        .iter()
        .all(|r| from_self(r) || to_world(r) || to_world6(r))
    {
        return None;
    }
    let mut missing = Vec::new();
    if !g.rules.iter().any(from_self) {
        missing.push("inbound rule (all traffic from the group itself)".to_string());
    }
    if !g.rules.iter().any(to_world) {
        missing.push("outbound rule (all traffic to 0.0.0.0/0)".to_string());
    }
    Some(missing)
}

fn group(
    g: &Group<'_>,
    imported: &HashSet<&str>,
    known: &HashSet<&str>,
    notes: &mut Vec<Note>,
) -> Result<SecurityGroup, ImportError> {
    let n = &g.node;
    let name = n.str("GroupName")?;
    if let Some(tag) = n.tag("Name").filter(|t| *t != name) {
        notes.push(Note::new(
            g.id,
            format!("Name tag {tag}"),
            "the model writes the group name as its Name tag",
        ));
    }
    let mut sg = SecurityGroup {
        id: Id::new(g.id),
        name: name.to_string(),
        description: n.opt_str("Description").unwrap_or("").to_string(),
        vpc: Id::new(n.str("VpcId")?),
        ingress: Vec::new(),
        egress: Vec::new(),
        tags: n.tags(g.id, notes),
    };
    for r in &g.rules {
        if let Some(id) = r.tagged {
            notes.push(Note::new(
                id,
                "the rule's tags",
                "the model has no tags on rules",
            ));
        }
        match rule(g, r, imported, known) {
            Ok(rule) if r.egress => sg.egress.push(rule),
            Ok(rule) => sg.ingress.push(rule),
            Err(why) => notes.push(Note::new(g.id, r.label(), why)),
        }
    }
    Ok(sg)
}

/// One raw rule as the model holds it, or why it cannot be.
fn rule(
    g: &Group<'_>,
    r: &Raw<'_>,
    imported: &HashSet<&str>,
    known: &HashSet<&str>,
) -> Result<Rule, String> {
    let is = |names: &[&str]| names.iter().any(|n| r.protocol.eq_ignore_ascii_case(n));
    let protocol = if is(&["-1", "all"]) {
        Protocol::All
    } else if is(&["tcp", "6"]) {
        Protocol::Tcp
    } else if is(&["udp", "17"]) {
        Protocol::Udp
    } else if is(&["icmp", "1"]) {
        Protocol::Icmp
    } else if is(&["icmpv6", "58"]) {
        return Err("the model has no ICMPv6 rules".into());
    } else {
        return Err(format!(
            "the model has no rules for IP protocol {}",
            r.protocol
        ));
    };
    let port = |v: Option<i64>, missing: i32| -> Result<i32, String> {
        match v {
            None => Ok(missing),
            Some(p) => i32::try_from(p).map_err(|_| format!("port {p} is out of range")),
        }
    };
    let (from_port, to_port) = match protocol {
        Protocol::All => (-1, -1),
        Protocol::Icmp => (port(r.from, -1)?, port(r.to, -1)?),
        Protocol::Tcp | Protocol::Udp => (port(r.from, 0)?, port(r.to, 65535)?),
    };
    let peer = match r.peer {
        RawPeer::V4(c) | RawPeer::V6(c) => Peer::Cidr(c.to_string()),
        RawPeer::PrefixList(_) => return Err("the model has no prefix lists".into()),
        RawPeer::Group {
            peering: Some(p), ..
        } => {
            return Err(format!(
                "the group is reached through VPC peering {p}, which the model has not"
            ))
        }
        RawPeer::Group { user: Some(u), .. } if g.owner.is_some_and(|o| o != u) => {
            return Err(format!(
                "the group belongs to account {u}, outside the design"
            ))
        }
        RawPeer::Group { id, .. } if imported.contains(id) => Peer::SecurityGroup(Id::new(id)),
        RawPeer::Group { id, .. } if known.contains(id) => {
            return Err(format!("{id} is in a VPC that is not imported"))
        }
        RawPeer::Group { .. } => {
            return Err(
                "the group it names is not in the output of describe-security-groups".into(),
            )
        }
    };
    Ok(Rule {
        protocol,
        from_port,
        to_port,
        peer,
        description: r.description.to_string(),
    })
}

/// The rules of an `IpPermissions` list, one per source.
fn permissions<'a>(
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
fn flat_rules<'a>(cap: &Capture<'a>) -> Result<HashMap<&'a str, Vec<Raw<'a>>>, ImportError> {
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
