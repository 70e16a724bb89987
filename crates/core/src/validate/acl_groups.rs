//! ACL rules that read the security groups of the workloads in a subnet (NW712, NW713):
//! a stateless ACL must let replies out on the ephemeral ports (1024-65535) to every
//! peer a group accepts, and must not always deny what a group rule allows.
//!
//! The exact rule. For each workload, each of its subnets with an ACL of the design,
//! and each inbound TCP, UDP or all-traffic rule of its groups, the peers are the rule's
//! block, or, for a group peer, the blocks of the subnets that group's workloads run in
//! (other than the subnet itself: traffic inside a subnet never crosses its ACL). The
//! ACL's entries are evaluated in rule-number order for "the whole peer": an entry
//! decides when its block contains the peer's block and its protocol is the rule's (or
//! all); an entry that covers only part of the peer, or (for an all-traffic rule) only
//! one protocol, decides nothing. NW713 fires when every port of the rule is denied and
//! no such partial entry allows any of them; NW712 fires when any ephemeral port of the
//! replies is denied outbound. Each (ACL, group, rule) is reported at most once per code.
//!
//! Cost. Peers are sorted into classes by how they relate to every entry block of the
//! design (inside it, containing it, or apart), so each ACL direction is evaluated once
//! per class and protocol over all ports, and every rule is then an interval lookup.

use std::collections::HashMap;

use super::acl::{describe, slot, Entries};
use super::context::{fix, Ctx, PeerInfo, Target};
use super::placement::Placement;
use super::rules::{ACL_BLOCKS_RETURN, ACL_DENIES_GROUP_RULE};
use crate::cidr::IpNet;
use crate::model::{AclAction, AclDirection, AclProtocol, EntityKind, Protocol};

/// The first and last ephemeral port a reply may use (NAT gateways and ELB use all).
const EPHEMERAL: (u16, u16) = (1024, 65535);

/// What one ACL direction decides for one peer class and protocol, over every port:
/// sorted, disjoint ranges with the action and the deciding entry (`None` for the
/// implicit deny), and the ranges some partial entry allows before any decision.
struct Outcome {
    decided: Vec<(u16, u16, AclAction, Option<usize>)>,
    partial_allow: Vec<(u16, u16)>,
    /// The first denied range of the ephemeral ports (what NW712 asks of outbound).
    reply_denied: Option<(u16, u16, Option<usize>)>,
}

impl Outcome {
    /// Whether every port of `lo..=hi` is denied and no partial entry allows one; the
    /// entry that denies the first port.
    fn always_denied(&self, lo: u16, hi: u16) -> Option<Option<usize>> {
        if self.partial_allow.iter().any(|&(a, b)| a <= hi && lo <= b) {
            return None;
        }
        let mut first = None;
        for &(a, b, action, by) in self.decided.iter().filter(|x| x.0 <= hi && lo <= x.1) {
            if action == AclAction::Allow {
                return None;
            }
            if a <= lo && lo <= b {
                first = Some(by);
            }
        }
        first
    }

    /// The first denied range within `lo..=hi`, clipped, with its deciding entry.
    fn first_denied(&self, lo: u16, hi: u16) -> Option<(u16, u16, Option<usize>)> {
        self.decided
            .iter()
            .find(|x| x.2 == AclAction::Deny && x.0 <= hi && lo <= x.1)
            .map(|&(a, b, _, by)| (a.max(lo), b.min(hi), by))
    }
}

/// A peer's class: for each distinct entry block, whether it contains the peer (full)
/// or the peer contains it (partial), as two bit sets.
type Relation = (Vec<u64>, Vec<u64>);

/// Peer classes, interned, with the design's distinct entry blocks.
struct Classes {
    blocks: Vec<IpNet>,
    /// Classes by relation when there are at most 64 blocks (one word per set).
    small: HashMap<(u64, u64), u32, std::hash::BuildHasherDefault<super::context::WordHash>>,
    /// Each subnet's class, once asked for.
    subnets: Vec<Option<u32>>,
    ids: HashMap<Relation, u32>,
    relations: Vec<Relation>,
}

impl Classes {
    fn new(entries: &Entries, subnets: usize) -> Self {
        let mut blocks: Vec<IpNet> = entries
            .parsed
            .iter()
            .enumerate()
            .filter(|(ai, _)| entries.rep[*ai] == *ai)
            .flat_map(|(_, dirs)| dirs.iter().flatten())
            .filter_map(|p| p.block)
            .collect();
        crate::order::sort(&mut blocks);
        blocks.dedup();
        Classes {
            blocks,
            subnets: vec![None; subnets],
            small: HashMap::default(),
            ids: HashMap::new(),
            relations: Vec::new(),
        }
    }

    fn class(&mut self, peer: IpNet) -> u32 {
        if self.blocks.len() <= 64 {
            let (mut full, mut partial) = (0u64, 0u64);
            for (i, b) in self.blocks.iter().enumerate() {
                if b.contains(&peer) {
                    full |= 1 << i;
                } else if peer.contains(b) {
                    partial |= 1 << i;
                }
            }
            if let Some(&id) = self.small.get(&(full, partial)) {
                return id;
            }
            let id = self.relations.len() as u32;
            self.relations.push((vec![full], vec![partial]));
            self.small.insert((full, partial), id);
            return id;
        }
        let words = self.blocks.len().div_ceil(64);
        let (mut full, mut partial) = (vec![0u64; words], vec![0u64; words]);
        for (i, b) in self.blocks.iter().enumerate() {
            if b.contains(&peer) {
                full[i / 64] |= 1 << (i % 64);
            } else if peer.contains(b) {
                partial[i / 64] |= 1 << (i % 64);
            }
        }
        let rel = (full, partial);
        if let Some(&id) = self.ids.get(&rel) {
            return id;
        }
        let id = self.relations.len() as u32;
        self.relations.push(rel.clone());
        self.ids.insert(rel, id);
        id
    }

    fn subnet_class(&mut self, subnet: usize, block: IpNet) -> u32 {
        if let Some(id) = self.subnets[subnet] {
            return id;
        }
        let id = self.class(block);
        self.subnets[subnet] = Some(id);
        id
    }

    fn block_index(&self, b: IpNet) -> usize {
        self.blocks.binary_search(&b).unwrap_or(usize::MAX)
    }

    fn has(set: &[u64], i: usize) -> bool {
        i != usize::MAX && set[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Evaluates one ACL direction for a peer class and protocol (`None`: all) over 0-65535.
fn evaluate(
    c: &Ctx<'_>,
    entries: &Entries,
    classes: &Classes,
    (ai, d): (usize, AclDirection),
    class: u32,
    proto: Option<AclProtocol>,
) -> Outcome {
    let list = c.t.network_acls[ai].entries(d);
    let parsed = &entries.parsed[ai][slot(d)];
    let (full, partial) = &classes.relations[class as usize];
    let mut remaining: Vec<(u16, u16)> = vec![(0, 65535)];
    let mut decided = Vec::new();
    let mut partial_allow = Vec::new();
    for &i in &entries.order[ai][slot(d)] {
        if remaining.is_empty() {
            break;
        }
        let (Some(p), Some((lo, hi)), Some(block)) =
            (parsed[i].proto, parsed[i].ports, parsed[i].block)
        else {
            continue;
        };
        let b = classes.block_index(block);
        let block_full = Classes::has(full, b);
        if !block_full && !Classes::has(partial, b) {
            continue;
        }
        let proto_full = p == AclProtocol::All || Some(p) == proto;
        if !proto_full && proto.is_some() {
            continue;
        }
        let action = list[i].action;
        if !(block_full && proto_full) {
            if action == AclAction::Allow {
                partial_allow.extend(
                    remaining
                        .iter()
                        .filter(|&&(a, z)| a <= hi && lo <= z)
                        .map(|&(a, z)| (a.max(lo), z.min(hi))),
                );
            }
            continue;
        }
        let mut next = Vec::with_capacity(remaining.len() + 1);
        for (a, z) in remaining {
            if z < lo || hi < a {
                next.push((a, z));
                continue;
            }
            decided.push((a.max(lo), z.min(hi), action, Some(i)));
            if a < lo {
                next.push((a, lo - 1));
            }
            if hi < z {
                next.push((hi + 1, z));
            }
        }
        remaining = next;
    }
    decided.extend(
        remaining
            .into_iter()
            .map(|(a, z)| (a, z, AclAction::Deny, None)),
    );
    crate::order::sort_by(&mut decided, |x, y| x.0.cmp(&y.0));
    let mut o = Outcome {
        decided,
        partial_allow,
        reply_denied: None,
    };
    o.reply_denied = o.first_denied(EPHEMERAL.0, EPHEMERAL.1);
    o
}

/// One peer of a rule: its block, class, and the subnet it is (for a group peer).
#[derive(Clone, Copy)]
struct Peer {
    block: IpNet,
    class: u32,
    subnet: Option<(usize, usize)>,
}

/// The peers of inbound rule `ri` of group `g`, at most two per class (with different
/// subnets, so that one is always outside the holder's subnet).
fn peers(c: &Ctx<'_>, p: &Placement, classes: &mut Classes, g: usize, ri: usize) -> Vec<Peer> {
    match &c.peers_of(g, false)[ri] {
        PeerInfo::Cidr(Ok((net, _))) => vec![Peer {
            block: *net,
            class: classes.class(*net),
            subnet: None,
        }],
        PeerInfo::Group(Target::Found(x)) => {
            let mut out: Vec<Peer> = Vec::new();
            for &w in p.workloads_of(*x) {
                for ps in p.workload_subnets[w].iter().filter_map(|s| s.found()) {
                    let Ok(block) = c.subnet_block[ps] else {
                        continue;
                    };
                    let block = IpNet::V4(block.net);
                    let class = classes.subnet_class(ps, block);
                    let same = out.iter().filter(|q| q.class == class).count();
                    if same >= 2 || out.iter().any(|q| q.subnet.map(|s| s.0) == Some(ps)) {
                        continue;
                    }
                    out.push(Peer {
                        block,
                        class,
                        subnet: Some((ps, w)),
                    });
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Runs NW712 and NW713.
pub(super) fn check(c: &mut Ctx<'_>, p: &Placement, entries: &Entries) {
    let t = c.t;
    if t.workloads.is_empty() || t.network_acls.is_empty() {
        return;
    }
    // (ACL's representative, ACL, group, subnet, workload): where a group sits behind
    // an ACL; ACLs with the same entries are evaluated once.
    let mut holders: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    for wi in 0..t.workloads.len() {
        for s in p.workload_subnets[wi].iter().filter_map(|s| s.found()) {
            let Some(ai) = p.subnet_acl[s] else { continue };
            for g in p.workload_groups[wi].iter().filter_map(|g| g.found()) {
                holders.push((entries.rep[ai], ai, g, s, wi));
            }
        }
    }
    if holders.is_empty() {
        return;
    }
    crate::order::sort(&mut holders);
    holders.dedup();
    // The peers of every inbound rule of the groups behind an ACL, by rule position.
    let mut classes = Classes::new(entries, t.subnets.len());
    let mut rule_peers: Vec<Vec<Peer>> = vec![Vec::new(); c.peers.len()];
    let mut done = vec![false; t.security_groups.len()];
    for &(_, _, g, _, _) in &holders {
        if std::mem::replace(&mut done[g], true) {
            continue;
        }
        let base = c.peer_start[g][0];
        for ri in 0..t.security_groups[g].ingress.len() {
            rule_peers[base + ri] = peers(c, p, &mut classes, g, ri);
        }
    }
    let slots = classes.relations.len() * 6;
    let mut table: Vec<Option<Outcome>> = Vec::new();
    let mut table_acl = usize::MAX;
    let mut at = 0;
    while at < holders.len() {
        let (rep, ai, g, _, _) = holders[at];
        let end = at
            + holders[at..]
                .iter()
                .take_while(|h| h.1 == ai && h.2 == g)
                .count();
        let hs: Vec<(usize, usize)> = holders[at..end].iter().map(|h| (h.3, h.4)).collect();
        at = end;
        if table_acl != rep {
            table.clear();
            table.resize_with(slots, || None);
            table_acl = rep;
        }
        let base = c.peer_start[g][0];
        for ri in 0..t.security_groups[g].ingress.len() {
            let Some((proto, ports)) = traffic(&t.security_groups[g].ingress[ri]) else {
                continue;
            };
            let reply = proto.unwrap_or(AclProtocol::Tcp);
            let (mut denied_in, mut denied_out) = (false, false);
            // A class already found clean decides alike for its other peers.
            let mut clean = u32::MAX;
            for peer in &rule_peers[base + ri] {
                if peer.class == clean {
                    continue;
                }
                // Traffic within one subnet never crosses its ACL.
                let Some(&holder) = hs
                    .iter()
                    .find(|(s, _)| Some(*s) != peer.subnet.map(|x| x.0))
                else {
                    continue;
                };
                let class = peer.class as usize;
                let key_in = class * 6 + usize::from(proto_key(proto));
                let key_out = class * 6 + 3 + usize::from(proto_key(Some(reply)));
                for (key, d, q) in [
                    (key_in, AclDirection::Inbound, proto),
                    (key_out, AclDirection::Outbound, Some(reply)),
                ] {
                    if table[key].is_none() {
                        table[key] = Some(evaluate(c, entries, &classes, (rep, d), peer.class, q));
                    }
                }
                let (Some(inbound), Some(outbound)) = (&table[key_in], &table[key_out]) else {
                    continue;
                };
                let deny_in = (!denied_in)
                    .then(|| inbound.always_denied(ports.0, ports.1))
                    .flatten();
                let deny_out = (!denied_out).then_some(outbound.reply_denied).flatten();
                if deny_in.is_none() && deny_out.is_none() {
                    clean = peer.class;
                    continue;
                }
                let at = Finding {
                    ai,
                    g,
                    ri,
                    holder,
                    peer: *peer,
                };
                if let Some(by) = deny_in {
                    denied_in = true;
                    emit_denied(c, &at, proto, ports, by);
                }
                if let Some(range) = deny_out {
                    denied_out = true;
                    emit_return(c, &at, reply, range);
                }
                if denied_in && denied_out {
                    break;
                }
            }
        }
    }
}

fn proto_key(p: Option<AclProtocol>) -> u8 {
    match p {
        Some(AclProtocol::Tcp) => 0,
        Some(AclProtocol::Udp) => 1,
        _ => 2,
    }
}

/// A TCP, UDP or all-traffic rule's protocol (`None`: all) and ports; `None` for ICMP
/// and for ports that are not a range (NW401 reports those).
fn traffic(rule: &crate::model::Rule) -> Option<(Option<AclProtocol>, (u16, u16))> {
    match rule.protocol {
        Protocol::Tcp | Protocol::Udp => {
            let ok = (0..=65535).contains(&rule.from_port)
                && (0..=65535).contains(&rule.to_port)
                && rule.from_port <= rule.to_port;
            let proto = if rule.protocol == Protocol::Tcp {
                AclProtocol::Tcp
            } else {
                AclProtocol::Udp
            };
            ok.then_some((Some(proto), (rule.from_port as u16, rule.to_port as u16)))
        }
        Protocol::All => Some((None, (0, 65535))),
        Protocol::Icmp => None,
    }
}

/// Where a finding is: the ACL, the group and its rule, where it sits, the peer.
struct Finding {
    ai: usize,
    g: usize,
    ri: usize,
    holder: (usize, usize),
    peer: Peer,
}

fn names(c: &Ctx<'_>, at: &Finding) -> (String, String) {
    let t = c.t;
    let (s, wi) = at.holder;
    let holder = format!(
        "{} (on {} in {})",
        c.name(EntityKind::SecurityGroup, at.g),
        t.workloads[wi].name,
        c.name(EntityKind::Subnet, s)
    );
    let peer = match at.peer.subnet {
        Some((ps, w)) => format!(
            "{} ({}, where {} runs)",
            c.name(EntityKind::Subnet, ps),
            at.peer.block,
            t.workloads[w].name
        ),
        None => at.peer.block.to_string(),
    };
    (holder, peer)
}

fn ports_text(a: u16, b: u16) -> String {
    if a == b {
        format!("port {a}")
    } else {
        format!("ports {a}-{b}")
    }
}

fn emit_denied(
    c: &mut Ctx<'_>,
    at: &Finding,
    proto: Option<AclProtocol>,
    ports: (u16, u16),
    by: Option<usize>,
) {
    let acl = &c.t.network_acls[at.ai];
    let (holder, peer) = names(c, at);
    let (what, field) = match by {
        Some(i) => (
            format!(
                "inbound {}",
                describe(&acl.inbound[i], AclDirection::Inbound)
            ),
            format!("inbound[{i}]"),
        ),
        None => (
            "the implicit final deny (no inbound entry allows it)".to_string(),
            "inbound".to_string(),
        ),
    };
    let msg = format!(
        "{}: {what} always denies {} {} from {peer}, which {holder} allows (inbound rule \
         {}): the group rule never takes effect",
        c.name(EntityKind::NetworkAcl, at.ai),
        proto.map_or("all traffic".to_string(), |p| p.label()),
        ports_text(ports.0, ports.1),
        at.ri + 1
    );
    let f = fix(
        "allow this traffic in the ACL with a lower rule number, or remove the group rule",
        None,
    );
    let entity = c.at(EntityKind::NetworkAcl, at.ai);
    c.emit(&ACL_DENIES_GROUP_RULE, entity, Some(field), msg, f);
}

fn emit_return(
    c: &mut Ctx<'_>,
    at: &Finding,
    reply: AclProtocol,
    range: (u16, u16, Option<usize>),
) {
    let acl = &c.t.network_acls[at.ai];
    let (holder, peer) = names(c, at);
    let (a, b, by) = range;
    let (what, field, below) = match by {
        Some(i) => (
            format!(
                "outbound {}",
                describe(&acl.outbound[i], AclDirection::Outbound)
            ),
            format!("outbound[{i}]"),
            format!(" with a rule number below {}", acl.outbound[i].rule_number),
        ),
        None => (
            "the implicit final deny (no outbound entry allows it)".to_string(),
            "outbound".to_string(),
            String::new(),
        ),
    };
    let msg = format!(
        "{}: {what} denies {} {} to {peer}, but {holder} accepts connections from it \
         (inbound rule {}), and a stateless ACL must let the replies out on the ephemeral \
         ports 1024-65535",
        c.name(EntityKind::NetworkAcl, at.ai),
        reply.label(),
        ports_text(a, b),
        at.ri + 1
    );
    let f = fix(
        format!(
            "allow outbound {} 1024-65535 to {}{below}",
            reply.label(),
            at.peer.block
        ),
        None,
    );
    let entity = c.at(EntityKind::NetworkAcl, at.ai);
    c.emit(&ACL_BLOCKS_RETURN, entity, Some(field), msg, f);
}
