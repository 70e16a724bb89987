//! Security groups and their rules, from describe-security-groups (each permission
//! expanded to one model rule per source) or the flat describe-security-group-rules;
//! the VPC's `default` group is left out while it is as AWS made it.

use std::collections::{HashMap, HashSet};

use super::capture::{Capture, Node, Scope};
use super::rules::{flat_rules, permissions, Raw, RawPeer};
use crate::import::{ImportError, Note};
use crate::model::{Id, Peer, Protocol, Rule, SecurityGroup, Topology};

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
            let missing = defaults.get(g.id).map(Vec::as_slice).unwrap_or_default();
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
        missing.push("inbound rule for all traffic from the group itself".to_string());
    }
    if !g.rules.iter().any(to_world) {
        missing.push("outbound rule for all traffic to 0.0.0.0/0".to_string());
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
