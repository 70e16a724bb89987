//! Network ACL rules (NW701-NW711, NW610): rule numbers in range and unique per
//! direction, protocols, ports, ICMP type and code, blocks, entries shadowed by an
//! earlier one, subnets associated twice or across VPCs, the 20-entry quota, and the
//! references (NW201/NW202). The rules that read the groups of a subnet's workloads
//! (NW712, NW713) are in `acl_groups.rs`.
//!
//! Source: Amazon VPC User Guide, "Control subnet traffic with network ACLs", and the
//! EC2 API's CreateNetworkAclEntry.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::context::{fix, Ctx, WordHash};
use super::dangling::bad_ref;
use super::parse::parse_peer;
use super::placement::Placement;
use super::rules::*;
use crate::cidr::IpNet;
use crate::model::{
    parse_ports, AclAction, AclDirection, AclEntry, AclProtocol, EntityKind, NetworkAcl, PortError,
    Protocol, MAX_RULE_NUMBER, MIN_RULE_NUMBER,
};

const MAX_ENTRIES: usize = 20;
const K: EntityKind = EntityKind::NetworkAcl;

/// One entry, parsed once per call. `None` where the typed value does not parse.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parsed {
    /// The protocol.
    pub proto: Option<AclProtocol>,
    /// The TCP/UDP port range; `Some((0, 65535))` for protocols without ports.
    pub ports: Option<(u16, u16)>,
    /// The block, canonical.
    pub block: Option<IpNet>,
    /// Whether the typed block had host bits set.
    pub host_bits: bool,
}

/// Port fields already parsed in this call, by text: designs repeat a few ranges.
type PortCache<'t> = HashMap<&'t str, Option<(u16, u16)>, BuildHasherDefault<WordHash>>;

impl Parsed {
    fn of<'t>(e: &'t AclEntry, ports_seen: &mut PortCache<'t>) -> Self {
        let proto = crate::model::parse_acl_protocol(&e.protocol).ok();
        let ports = match proto {
            Some(p) if p.has_ports() => *ports_seen.entry(e.ports.as_str()).or_insert_with(|| {
                parse_ports(Protocol::Tcp, &e.ports)
                    .ok()
                    .map(|(a, b)| (a as u16, b as u16))
            }),
            _ => Some((0, 65535)),
        };
        let block = parse_peer(&e.cidr).ok();
        Parsed {
            proto,
            ports,
            block: block.map(|(n, _)| n),
            host_bits: block.is_some_and(|(_, h)| h),
        }
    }

    /// Whether every part parsed.
    pub fn ok(&self) -> bool {
        self.proto.is_some() && self.ports.is_some() && self.block.is_some()
    }
}

/// Every ACL's entries parsed, per direction, with their evaluation order.
pub(super) struct Entries {
    /// `parsed[acl][direction]`.
    pub parsed: Vec<[Vec<Parsed>; 2]>,
    /// `order[acl][direction]`: indexes by rule number, ties in list order.
    pub order: Vec<[Vec<usize>; 2]>,
    /// Each ACL's first ACL with the very same entries (itself when none comes before):
    /// designs often repeat one ACL over many tiers, and identical ACLs decide alike.
    pub rep: Vec<usize>,
    /// `shadows[acl][direction]`: (shadowed entry, the earlier entry that covers it).
    pub shadows: Vec<[Vec<(usize, usize)>; 2]>,
}

impl Entries {
    pub fn new(c: &Ctx<'_>) -> Self {
        let t = c.t;
        let n = t.network_acls.len();
        let mut parsed: Vec<[Vec<Parsed>; 2]> = Vec::with_capacity(n);
        let mut order: Vec<[Vec<usize>; 2]> = Vec::with_capacity(n);
        let mut rep = Vec::with_capacity(n);
        let mut shadows: Vec<[Vec<(usize, usize)>; 2]> = Vec::with_capacity(n);
        let mut ports_seen = PortCache::default();
        // ACLs typed exactly alike share one parse: found by a fast hash of the entries'
        // text, confirmed by comparing the entries.
        let mut by_print: HashMap<u64, Vec<usize>, BuildHasherDefault<WordHash>> =
            HashMap::default();
        for (ai, a) in t.network_acls.iter().enumerate() {
            let print = fingerprint(a);
            let same = by_print.get(&print).and_then(|reps| {
                reps.iter().copied().find(|&r| {
                    let b = &t.network_acls[r];
                    b.inbound == a.inbound && b.outbound == a.outbound
                })
            });
            rep.push(same.unwrap_or(ai));
            if let Some(r) = same {
                parsed.push(parsed[r].clone());
                order.push(order[r].clone());
                shadows.push(shadows[r].clone());
                continue;
            }
            by_print.entry(print).or_default().push(ai);
            let p: [Vec<Parsed>; 2] = AclDirection::BOTH.map(|d| {
                a.entries(d)
                    .iter()
                    .map(|e| Parsed::of(e, &mut ports_seen))
                    .collect()
            });
            let o = AclDirection::BOTH.map(|d| a.evaluation_order(d));
            shadows.push(
                AclDirection::BOTH.map(|d| shadow_pairs(a.entries(d), &p[slot(d)], &o[slot(d)])),
            );
            parsed.push(p);
            order.push(o);
        }
        Entries {
            parsed,
            order,
            rep,
            shadows,
        }
    }
}

/// A cheap fingerprint of an ACL's entries as typed: counts, numbers, actions and the
/// lengths of the typed fields (equal ACLs have equal prints; others are told apart by
/// comparing their entries).
fn fingerprint(a: &NetworkAcl) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut mix = |w: u64| h = (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    for d in AclDirection::BOTH {
        let list = a.entries(d);
        mix(list.len() as u64);
        for e in list {
            mix((e.rule_number as u32 as u64) << 1 | u64::from(e.action == AclAction::Deny));
            mix((e.protocol.len() as u64) << 32
                | (e.ports.len() as u64) << 16
                | e.cidr.len() as u64);
            mix(
                u64::from(e.cidr.as_bytes().last().copied().unwrap_or(0)) << 8
                    | u64::from(e.ports.as_bytes().first().copied().unwrap_or(0)),
            );
        }
    }
    h
}

/// The direction's index in [`Entries`] (inbound 0, outbound 1).
pub(super) fn slot(d: AclDirection) -> usize {
    match d {
        AclDirection::Inbound => 0,
        AclDirection::Outbound => 1,
    }
}

/// How an entry reads in a message: `entry 100 (deny TCP 22 from 0.0.0.0/0)`.
pub(super) fn describe(e: &AclEntry, d: AclDirection) -> String {
    let toward = match d {
        AclDirection::Inbound => "from",
        AclDirection::Outbound => "to",
    };
    let what = match e.protocol() {
        Ok(AclProtocol::All) => "all traffic".to_string(),
        Ok(p) if p.has_ports() || p.has_icmp() => format!("{} {}", p.label(), e.ports_label()),
        Ok(p) => p.label(),
        Err(_) => e.protocol.trim().to_string(),
    };
    format!(
        "entry {} ({} {what} {toward} {})",
        e.rule_number,
        e.action.as_aws(),
        e.cidr.trim()
    )
}

/// Runs every ACL rule of this file.
pub(super) fn check(c: &mut Ctx<'_>, p: &Placement, entries: &Entries) {
    let t = c.t;
    for (ai, acl) in t.network_acls.iter().enumerate() {
        references(c, p, ai);
        for d in AclDirection::BOTH {
            let list = acl.entries(d);
            let parsed = &entries.parsed[ai][slot(d)];
            for (i, e) in list.iter().enumerate() {
                entry_fields(c, ai, d, i, e, &parsed[i]);
            }
            numbers(c, ai, d, list, &entries.order[ai][slot(d)]);
            shadowed(c, ai, d, entries);
            if list.len() > MAX_ENTRIES {
                let msg = format!(
                    "{} has {} {} entries; the default quota is {MAX_ENTRIES} per direction \
                     (adjustable to 40)",
                    c.name(K, ai),
                    list.len(),
                    d.field()
                );
                let f = fix(
                    "request a higher \"Rules per network ACL\" quota in Service Quotas, or \
                     merge entries",
                    None,
                );
                c.emit(
                    &ACL_ENTRIES_PER_DIRECTION,
                    c.at(K, ai),
                    Some(d.field().into()),
                    msg,
                    f,
                );
            }
        }
    }
    associations(c, p);
}

fn references(c: &mut Ctx<'_>, p: &Placement, ai: usize) {
    let acl = &c.t.network_acls[ai];
    let target = p.acl_vpc[ai];
    bad_ref(
        c,
        K,
        ai,
        "vpc",
        "its VPC",
        &acl.vpc,
        EntityKind::Vpc,
        target,
    );
    for (j, s) in acl.subnets.iter().enumerate() {
        let target = p.acl_subnets[ai][j];
        if target.found().is_none() {
            let field = format!("subnets[{j}]");
            let what = "an associated subnet";
            bad_ref(c, K, ai, &field, what, s, EntityKind::Subnet, target);
        }
    }
}

fn entry_fields(c: &mut Ctx<'_>, ai: usize, d: AclDirection, i: usize, e: &AclEntry, p: &Parsed) {
    let at = |f: &str| Some(format!("{}[{i}].{f}", d.field()));
    let who = |c: &Ctx<'_>| format!("{}: {} entry {}", c.name(K, ai), d.field(), e.rule_number);
    if !(MIN_RULE_NUMBER..=MAX_RULE_NUMBER).contains(&e.rule_number) {
        let used: Vec<i32> = c.t.network_acls[ai]
            .entries(d)
            .iter()
            .map(|x| x.rule_number)
            .collect();
        let free = if e.rule_number < MIN_RULE_NUMBER {
            (MIN_RULE_NUMBER..=MAX_RULE_NUMBER).find(|n| !used.contains(n))
        } else {
            (MIN_RULE_NUMBER..=MAX_RULE_NUMBER)
                .rev()
                .find(|n| !used.contains(n))
        };
        let msg = format!(
            "{}: rule number {} is outside 1-32766 (32767 is the implicit final deny)",
            who(c),
            e.rule_number
        );
        let f = free.and_then(|n| fix(format!("use {n}"), Some(n.to_string())));
        c.emit(&ACL_RULE_NUMBER, c.at(K, ai), at("rule_number"), msg, f);
    }
    let proto = match p.proto.ok_or(()).or_else(|()| e.protocol()) {
        Ok(proto) => proto,
        Err(err) => {
            let msg = format!("{}: {err}", who(c));
            let guess = e.protocol.trim().to_ascii_lowercase();
            let f = match guess.as_str() {
                "icmp6" | "ipv6-icmp" => fix("use icmpv6", Some("icmpv6".into())),
                "" | "*" | "any" => fix("use all", Some("all".into())),
                _ => fix("use tcp, udp, icmp, icmpv6, all or a protocol number", None),
            };
            c.emit(&ACL_PROTOCOL, c.at(K, ai), at("protocol"), msg, f);
            return;
        }
    };
    if proto.has_ports() {
        let bad = p
            .ports
            .is_none()
            .then(|| parse_ports(Protocol::Tcp, &e.ports));
        if let Some(Err(err)) = bad {
            let msg = format!("{}: {} needs a port range: {err}", who(c), proto.label());
            let f = match err {
                PortError::Reversed(a, b) => fix(format!("use {b}-{a}"), Some(format!("{b}-{a}"))),
                PortError::Empty => fix("use a port or range, e.g. 443 or 1024-65535", None),
                _ => fix("use ports from 0 to 65535, e.g. 443 or 1024-65535", None),
            };
            c.emit(&ACL_PORT_RANGE, c.at(K, ai), at("ports"), msg, f);
        }
    } else if !e.ports.trim().is_empty() {
        let msg = format!(
            "{}: {} has no ports, so the ports \"{}\" are ignored",
            who(c),
            proto.label(),
            e.ports.trim()
        );
        let f = fix("clear the ports", Some(String::new()));
        c.emit(&ACL_PORTS_IGNORED, c.at(K, ai), at("ports"), msg, f);
    }
    if proto.has_icmp() {
        let any = fix("use -1 (any)", Some("-1".into()));
        if !(-1..=255).contains(&e.icmp_type) {
            let msg = format!(
                "{}: ICMP type {} is outside -1 (any) to 255",
                who(c),
                e.icmp_type
            );
            c.emit(&ACL_ICMP, c.at(K, ai), at("icmp_type"), msg, any.clone());
        }
        if !(-1..=255).contains(&e.icmp_code) {
            let msg = format!(
                "{}: ICMP code {} is outside -1 (any) to 255",
                who(c),
                e.icmp_code
            );
            c.emit(&ACL_ICMP, c.at(K, ai), at("icmp_code"), msg, any);
        } else if e.icmp_type == -1 && e.icmp_code != -1 {
            let msg = format!(
                "{}: any ICMP type but only code {}: any type needs any code (-1)",
                who(c),
                e.icmp_code
            );
            c.emit(&ACL_ICMP, c.at(K, ai), at("icmp_code"), msg, any);
        }
    }
    if p.block.is_some() && !p.host_bits {
        return;
    }
    match parse_peer(&e.cidr) {
        Err(err) => {
            let msg = format!(
                "{}: \"{}\" is not an IPv4 or IPv6 block: {err}",
                who(c),
                e.cidr.trim()
            );
            let f = fix("use a block such as 0.0.0.0/0, 10.0.0.0/16 or ::/0", None);
            c.emit(&ACL_CIDR, c.at(K, ai), at("cidr"), msg, f);
        }
        Ok((net, true)) => {
            let canonical = net.to_string();
            let msg = format!(
                "{}: \"{}\" has host bits set; AWS uses {canonical}",
                who(c),
                e.cidr.trim()
            );
            let f = fix(format!("use {canonical}"), Some(canonical.clone()));
            c.emit(&ACL_CIDR_HOST_BITS, c.at(K, ai), at("cidr"), msg, f);
        }
        Ok(_) => {}
    }
}

/// NW702: rule numbers unique per direction.
fn numbers(c: &mut Ctx<'_>, ai: usize, d: AclDirection, list: &[AclEntry], order: &[usize]) {
    for w in order.windows(2) {
        let (first, later) = (w[0], w[1]);
        let n = list[later].rule_number;
        if list[first].rule_number != n {
            continue;
        }
        let free =
            (n.max(0) + 1..=MAX_RULE_NUMBER).find(|m| list.iter().all(|e| e.rule_number != *m));
        let msg = format!(
            "{}: {} entries {} and {} both have rule number {n}; AWS keeps one entry per \
             number and direction",
            c.name(K, ai),
            d.field(),
            first + 1,
            later + 1
        );
        let f = free.and_then(|m| fix(format!("renumber it {m}"), Some(m.to_string())));
        let field = Some(format!("{}[{later}].rule_number", d.field()));
        c.emit(&ACL_DUPLICATE_NUMBER, c.at(K, ai), field, msg, f);
    }
}

/// Whether entry `f` matches everything entry `e` matches (both well formed).
fn covers(f: &Parsed, fe: &AclEntry, e: &Parsed, ee: &AclEntry) -> bool {
    let (Some(fp), Some(ep), Some(fb), Some(eb), Some(fr), Some(er)) =
        (f.proto, e.proto, f.block, e.block, f.ports, e.ports)
    else {
        return false;
    };
    let protocol = match (fp, ep) {
        (AclProtocol::All, _) => true,
        (a, b) if a != b => false,
        (a, _) if a.has_ports() => fr.0 <= er.0 && er.1 <= fr.1,
        (a, _) if a.has_icmp() => {
            fe.icmp_type == -1
                || (fe.icmp_type == ee.icmp_type
                    && (fe.icmp_code == -1 || fe.icmp_code == ee.icmp_code))
        }
        _ => true,
    };
    protocol && fb.prefix_len() <= eb.prefix_len() && fb.contains(&eb)
}

/// NW709's pairs: (an entry, the earlier entry with a lower rule number that covers it).
fn shadow_pairs(list: &[AclEntry], parsed: &[Parsed], order: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        if !parsed[i].ok() {
            continue;
        }
        let earlier = order[..k].iter().copied().find(|&j| {
            list[j].rule_number < list[i].rule_number
                && parsed[j].ok()
                && covers(&parsed[j], &list[j], &parsed[i], &list[i])
        });
        if let Some(j) = earlier {
            out.push((i, j));
        }
    }
    out
}

/// NW709: an entry that an earlier one (a lower rule number) covers can never match.
fn shadowed(c: &mut Ctx<'_>, ai: usize, d: AclDirection, entries: &Entries) {
    let list = c.t.network_acls[ai].entries(d);
    let parsed = &entries.parsed[ai][slot(d)];
    for &(i, j) in &entries.shadows[ai][slot(d)] {
        let catch_all = parsed[j].proto == Some(AclProtocol::All)
            && parsed[j].block.is_some_and(|b| b.prefix_len() == 0);
        let how = if catch_all {
            "the catch-all"
        } else {
            "the earlier"
        };
        let msg = format!(
            "{}: {} {} can never match: {how} {} comes first and matches all it would",
            c.name(K, ai),
            d.field(),
            describe(&list[i], d),
            describe(&list[j], d)
        );
        let f = fix(
            format!(
                "give it a rule number below {}, or remove it",
                list[j].rule_number
            ),
            None,
        );
        let field = Some(format!("{}[{i}]", d.field()));
        c.emit(&ACL_SHADOWED, c.at(K, ai), field, msg, f);
    }
}

/// NW710 and NW711: a subnet has one ACL, of its own VPC.
fn associations(c: &mut Ctx<'_>, p: &Placement) {
    for ai in 0..c.t.network_acls.len() {
        for (j, target) in p.acl_subnets[ai].iter().enumerate() {
            let Some(s) = target.found() else { continue };
            let first = p.subnet_acl[s].expect("an associated subnet has an ACL");
            let earlier_here = p.acl_subnets[ai][..j].iter().any(|x| x.found() == Some(s));
            if first != ai || earlier_here {
                let other = if first == ai {
                    "this ACL lists it twice".to_string()
                } else {
                    format!("it is already associated with {}", c.name(K, first))
                };
                let msg = format!(
                    "{}: {} has exactly one network ACL, but {other}",
                    c.name(K, ai),
                    c.name(EntityKind::Subnet, s)
                );
                let f = fix("remove the subnet from one of the associations", None);
                let field = Some(format!("subnets[{j}]"));
                c.emit(&ACL_SUBNET_TWICE, c.at(K, ai), field, msg, f);
            }
            let (Some(v), Some(sv)) = (p.acl_vpc[ai].found(), c.subnet_vpc[s].found()) else {
                continue;
            };
            if v != sv {
                let msg = format!(
                    "{} ({}) is associated with {} of {}; an ACL serves subnets of its own VPC",
                    c.name(K, ai),
                    c.name(EntityKind::Vpc, v),
                    c.name(EntityKind::Subnet, s),
                    c.name(EntityKind::Vpc, sv)
                );
                let f = fix(
                    "associate the subnet with an ACL of its VPC, or remove it",
                    None,
                );
                let field = Some(format!("subnets[{j}]"));
                c.emit(&ACL_SUBNET_OTHER_VPC, c.at(K, ai), field, msg, f);
            }
        }
    }
}
