//! Security group rules (NW401-NW408, NW411): port ranges and protocol/port
//! consistency, peer groups in another VPC, duplicate rules, ingress open to the whole
//! internet on admin ports, database ports or every port, and rules without a
//! description. The reachability rule (NW409) lives in `reachability.rs`, world-open
//! web ports (NW410) in `web_ports.rs`.

use super::context::{fix, Ctx, PeerInfo, Target};
use super::rules::*;
use super::text::{blank, truncate};
use crate::cidr::IpNet;
use crate::model::{EntityKind, Protocol, Rule};

/// Database ports and what usually listens on them.
pub(super) const DATABASE_PORTS: [(i32, &str); 6] = [
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (3306, "MySQL/Aurora"),
    (5432, "PostgreSQL"),
    (6379, "Redis"),
    (27017, "MongoDB"),
];

/// Admin ports checkov flags when open to the world.
const ADMIN_PORTS: [(i32, &str); 2] = [(22, "SSH"), (3389, "RDP")];

/// Runs every security group rule but reachability.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    let mut scratch: Vec<(Key, usize)> = Vec::new();
    for (gi, g) in t.security_groups.iter().enumerate() {
        for (egress, rules) in [(false, &g.ingress), (true, &g.egress)] {
            for (ri, rule) in rules.iter().enumerate() {
                ports(c, gi, egress, ri, rule);
                let peer = &c.peers_of(gi, egress)[ri];
                if let PeerInfo::Group(Target::Found(p)) = *peer {
                    peer_vpc(c, gi, egress, ri, p);
                }
                if !egress && c.peers_of(gi, false)[ri].is_world() {
                    world_open(c, gi, ri, rule);
                }
                if blank(&rule.description) {
                    undescribed(c, gi, egress, ri, rule);
                }
            }
            if rules.len() > 1 {
                duplicates(c, gi, egress, rules, &mut scratch);
            }
        }
    }
}

fn dir_of(egress: bool) -> (&'static str, &'static str) {
    if egress {
        ("egress", "outbound")
    } else {
        ("ingress", "inbound")
    }
}

fn ports(c: &mut Ctx<'_>, gi: usize, egress: bool, ri: usize, rule: &Rule) {
    let (dir, label) = dir_of(egress);
    let k = EntityKind::SecurityGroup;
    let report =
        |c: &mut Ctx<'_>, code: &RuleInfo, field: &str, what: String, repl: Option<String>| {
            let msg = format!("{}: {label} rule {} {what}", c.name(k, gi), ri + 1);
            let f = match &repl {
                Some(r) => fix(format!("use {r}"), repl.clone()),
                None => fix("swap the two ports", None),
            };
            c.emit(
                code,
                c.at(k, gi),
                Some(format!("{dir}[{ri}].{field}")),
                msg,
                f,
            );
        };
    let (from, to) = (rule.from_port, rule.to_port);
    match rule.protocol {
        Protocol::Tcp | Protocol::Udp => {
            let p = rule.protocol.label();
            let bad_from = !(0..=65535).contains(&from);
            let bad_to = !(0..=65535).contains(&to);
            if bad_from {
                let what = format!("starts at port {from}, but {p} ports are 0 to 65535");
                let r = if from < 0 { "0" } else { "65535" };
                report(c, &PORT_RANGE, "from_port", what, Some(r.into()));
            }
            if bad_to {
                let what = format!("ends at port {to}, but {p} ports are 0 to 65535");
                report(c, &PORT_RANGE, "to_port", what, Some("65535".into()));
            }
            if !bad_from && !bad_to && from > to {
                let what = format!("runs from port {from} down to {to}: the range is reversed");
                report(c, &PORT_RANGE, "from_port", what, None);
            }
        }
        Protocol::Icmp => {
            if !(-1..=255).contains(&from) {
                let what = format!("has ICMP type {from}; types are -1 (any) to 255");
                report(c, &ICMP_TYPE_CODE, "from_port", what, Some("-1".into()));
            }
            if !(-1..=255).contains(&to) {
                let what = format!("has ICMP code {to}; codes are -1 (any) to 255");
                report(c, &ICMP_TYPE_CODE, "to_port", what, Some("-1".into()));
            } else if from == -1 && to != -1 {
                let what = format!(
                    "allows any ICMP type but only code {to}: any type needs any code (-1)"
                );
                report(c, &ICMP_TYPE_CODE, "to_port", what, Some("-1".into()));
            }
        }
        Protocol::All => {
            for (field, v) in [("from_port", from), ("to_port", to)] {
                if v != -1 {
                    let what = format!(
                        "allows all traffic but names port {v}: AWS ignores ports here and \
                         allows every port"
                    );
                    report(c, &ALL_TRAFFIC_PORTS, field, what, Some("-1".into()));
                }
            }
        }
    }
}

fn peer_vpc(c: &mut Ctx<'_>, gi: usize, egress: bool, ri: usize, p: usize) {
    let (Some(v), Some(pv)) = (c.sg_vpc[gi].found(), c.sg_vpc[p].found()) else {
        return;
    };
    if v == pv {
        return;
    }
    let (dir, label) = dir_of(egress);
    let k = EntityKind::SecurityGroup;
    let msg = format!(
        "{} ({}): {label} rule {} references {} of {}; a rule can only reference groups \
         of its own VPC",
        c.name(k, gi),
        c.name(EntityKind::Vpc, v),
        ri + 1,
        c.name(k, p),
        c.name(EntityKind::Vpc, pv)
    );
    let f = fix(
        "reference a group of the same VPC, or the other VPC's CIDR block",
        None,
    );
    c.emit(
        &PEER_GROUP_OTHER_VPC,
        c.at(k, gi),
        Some(format!("{dir}[{ri}].peer")),
        msg,
        f,
    );
}

/// What makes two rules the same to AWS: protocol, ports and peer (not description),
/// packed into integers so that sorting is cheap: (peer address or group index,
/// ports, peer kind | protocol | prefix length).
type Key = (u128, u64, u16);

fn key(rule: &Rule, peer: &PeerInfo) -> Option<Key> {
    let (addr, kind, len) = match peer {
        PeerInfo::Cidr(Ok((IpNet::V4(n), _))) => {
            (u128::from(u32::from(n.addr())), 0u16, n.prefix_len())
        }
        PeerInfo::Cidr(Ok((IpNet::V6(n), _))) => (u128::from(n.addr()), 1, n.prefix_len()),
        PeerInfo::Group(Target::Found(p)) => (*p as u128, 2, 0),
        _ => return None,
    };
    let (from, to) = if rule.protocol == Protocol::All {
        (-1, -1)
    } else {
        (rule.from_port, rule.to_port)
    };
    let ports = (u64::from(from as u32) << 32) | u64::from(to as u32);
    let proto = rule.protocol as u16;
    Some((addr, ports, (kind << 12) | (proto << 8) | u16::from(len)))
}

fn duplicates(
    c: &mut Ctx<'_>,
    gi: usize,
    egress: bool,
    rules: &[Rule],
    scratch: &mut Vec<(Key, usize)>,
) {
    scratch.clear();
    for (ri, (rule, peer)) in rules.iter().zip(c.peers_of(gi, egress)).enumerate() {
        if let Some(k) = key(rule, peer) {
            scratch.push((k, ri));
        }
    }
    crate::order::sort(scratch);
    let (dir, label) = dir_of(egress);
    let k = EntityKind::SecurityGroup;
    for w in 1..scratch.len() {
        let ((key, first), (key2, later)) = (scratch[w - 1], scratch[w]);
        if key != key2 {
            continue;
        }
        let rule = &rules[later];
        let msg = format!(
            "{}: {label} rules {} and {} both allow {} {} from the same peer; AWS rejects the \
             second as a duplicate",
            c.name(k, gi),
            first + 1,
            later + 1,
            rule.protocol.label(),
            rule.ports_label()
        );
        let f = fix("remove one of them", None);
        c.emit(
            &DUPLICATE_RULE,
            c.at(k, gi),
            Some(format!("{dir}[{later}]")),
            msg,
            f,
        );
    }
}

/// Whether a TCP/UDP rule's ports span every port.
fn all_ports(rule: &Rule) -> bool {
    rule.protocol == Protocol::All
        || (rule.protocol.has_ports() && rule.from_port <= 0 && rule.to_port >= 65535)
}

fn world_open(c: &mut Ctx<'_>, gi: usize, ri: usize, rule: &Rule) {
    let k = EntityKind::SecurityGroup;
    let peer = match &rule.peer {
        crate::model::Peer::Cidr(s) => s.trim(),
        crate::model::Peer::SecurityGroup(_) => return,
    };
    let field = || Some(format!("ingress[{ri}].peer"));
    if all_ports(rule) {
        let msg = format!(
            "{}: inbound rule {} opens {} {} to the whole internet ({peer})",
            c.name(k, gi),
            ri + 1,
            rule.protocol.label(),
            if rule.protocol == Protocol::All {
                "on every port"
            } else {
                "ports 0-65535"
            },
        );
        let f = fix(
            "allow only the ports the service needs, from the peers that need them",
            None,
        );
        c.emit(&WORLD_ALL_PORTS, c.at(k, gi), field(), msg, f);
        return;
    }
    if rule.protocol != Protocol::Tcp {
        return;
    }
    let covered = |p: i32| rule.from_port <= p && p <= rule.to_port;
    for (port, what) in ADMIN_PORTS {
        if covered(port) {
            let msg = format!(
                "{}: inbound rule {} opens {what} (port {port}) to the whole internet ({peer})",
                c.name(k, gi),
                ri + 1
            );
            let f = fix(
                "allow it only from your own address range, or use Session Manager instead",
                None,
            );
            c.emit(&WORLD_ADMIN_PORT, c.at(k, gi), field(), msg, f);
        }
    }
    let dbs: Vec<String> = DATABASE_PORTS
        .iter()
        .filter(|(p, _)| covered(*p))
        .map(|(p, n)| format!("{n} ({p})"))
        .collect();
    if !dbs.is_empty() {
        let msg = format!(
            "{}: inbound rule {} opens the database port{} {} to the whole internet ({peer})",
            c.name(k, gi),
            ri + 1,
            if dbs.len() > 1 { "s" } else { "" },
            dbs.join(", ")
        );
        let f = fix(
            "allow the database port only from the application's security group",
            None,
        );
        c.emit(&WORLD_DATABASE_PORT, c.at(k, gi), field(), msg, f);
    }
}

/// NW411: a rule without a description, except AWS's own default outbound rule (all
/// traffic to `0.0.0.0/0`), which AWS puts on every new group without one. The fix
/// writes a description made of the rule itself: `TCP 443 from 0.0.0.0/0`.
fn undescribed(c: &mut Ctx<'_>, gi: usize, egress: bool, ri: usize, rule: &Rule) {
    let peer = &c.peers_of(gi, egress)[ri];
    let world_v4 = matches!(peer, PeerInfo::Cidr(Ok((IpNet::V4(n), _))) if n.prefix_len() == 0);
    if egress && rule.protocol == Protocol::All && world_v4 {
        return;
    }
    let k = EntityKind::SecurityGroup;
    let what = match rule.protocol {
        Protocol::Tcp | Protocol::Udp => {
            format!("{} {}", rule.protocol.label(), rule.ports_label())
        }
        Protocol::Icmp if rule.from_port == -1 => "All ICMP".into(),
        Protocol::Icmp => rule.ports_label(),
        Protocol::All => Protocol::All.label().into(),
    };
    let other = match (peer, &rule.peer) {
        (PeerInfo::Cidr(Ok((net, _))), _) => net.to_string(),
        (PeerInfo::Group(Target::Found(p)), _) if !blank(c.raw_name(k, *p)) => {
            c.raw_name(k, *p).trim().to_string()
        }
        (_, crate::model::Peer::Cidr(s)) => s.trim().to_string(),
        (_, crate::model::Peer::SecurityGroup(id)) => id.as_str().to_string(),
    };
    // Only characters AWS allows in a rule description (NW209), at most 255 of them.
    let other: String = other
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "._-:/".contains(ch) {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let (dir, label) = dir_of(egress);
    let described = truncate(
        &format!("{what} {} {other}", if egress { "to" } else { "from" }),
        255,
    );
    let msg = format!(
        "{}: {label} rule {} ({described}) has no description",
        c.name(k, gi),
        ri + 1
    );
    let f = fix(
        format!("say what the rule is for, e.g. \"{described}\""),
        Some(described.clone()),
    );
    let field = Some(format!("{dir}[{ri}].description"));
    c.emit(&RULE_WITHOUT_DESCRIPTION, c.at(k, gi), field, msg, f);
}
