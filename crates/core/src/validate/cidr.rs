//! CIDR rules (NW1xx): block syntax and canonical form, subnet sizes, containment and
//! overlaps (sort and sweep) with next-free-block fixes, tiny subnets, route
//! destinations and rule peers. VPC blocks are checked in `vpc_blocks.rs`, the
//! checks every typed block shares are in `block.rs`.

use std::collections::BTreeMap;

use super::block::{host_bits, parsed};
use super::context::{fix, Ctx, PeerInfo};
use super::rules::*;
use super::sweep::overlapping_pairs;
use crate::cidr::{self, Ipv4Net, Range};
use crate::model::EntityKind;

/// Runs every CIDR rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let mut free = FreeBlocks::new(c);
    subnets(c, &mut free);
    routes(c);
    peers(c);
}

/// Free blocks for fixes: each VPC's used blocks, gathered on first need, growing with
/// every suggestion so that two fixes never suggest the same block.
struct FreeBlocks {
    used: Vec<Option<Vec<Ipv4Net>>>,
    memo: BTreeMap<usize, Option<Ipv4Net>>,
}

impl FreeBlocks {
    fn new(c: &Ctx<'_>) -> Self {
        FreeBlocks {
            used: vec![None; c.t.vpcs.len()],
            memo: BTreeMap::new(),
        }
    }

    /// The next free block of the subnet's size (clamped to /16-/28) in its VPC.
    fn for_subnet(&mut self, c: &Ctx<'_>, si: usize, vi: usize, prefix: u8) -> Option<Ipv4Net> {
        if let Some(m) = self.memo.get(&si) {
            return *m;
        }
        let within: Vec<Ipv4Net> = c.vpc_blocks[vi]
            .iter()
            .filter_map(|b| b.as_ref().ok())
            .map(|b| b.net)
            .filter(|n| (16..=28).contains(&n.prefix_len()) && cidr::range(*n) != Range::LinkLocal)
            .collect();
        let used = self.used[vi].get_or_insert_with(|| {
            c.subnet_vpc
                .iter()
                .zip(&c.subnet_block)
                .filter(|(v, _)| v.found() == Some(vi))
                .filter_map(|(_, b)| b.as_ref().ok().map(|b| b.net))
                .collect()
        });
        let found = cidr::next_free(&within, used, prefix.clamp(16, 28));
        if let Some(n) = found {
            used.push(n);
        }
        self.memo.insert(si, found);
        found
    }
}

fn free_fix(found: Option<Ipv4Net>, vpc: &str) -> Option<super::diagnostic::Fix> {
    match found {
        Some(n) => fix(
            format!("the next free /{} in {vpc} is {n}", n.prefix_len()),
            Some(n.to_string()),
        ),
        None => fix(format!("{vpc} has no free block of this size left"), None),
    }
}

fn subnets(c: &mut Ctx<'_>, free: &mut FreeBlocks) {
    let t = c.t;
    let mut spans: Vec<(usize, u64, u64, usize)> = Vec::with_capacity(t.subnets.len());
    for (si, s) in t.subnets.iter().enumerate() {
        let result = c.subnet_block[si].clone();
        let Some(net) = parsed(
            c,
            EntityKind::Subnet,
            si,
            || "cidr".into(),
            &s.cidr,
            &result,
        ) else {
            continue;
        };
        let len = net.prefix_len();
        if !(16..=28).contains(&len) {
            let want = len.clamp(16, 28);
            let msg = format!(
                "{}: {net} is a /{len}, but subnet blocks must be /16 to /28",
                c.name(EntityKind::Subnet, si)
            );
            let f = Ipv4Net::new(net.network(), want)
                .ok()
                .and_then(|n| fix(format!("use a /{want}"), Some(n.trunc().to_string())));
            let at = c.at(EntityKind::Subnet, si);
            c.emit(&SUBNET_BLOCK_SIZE, at, Some("cidr".into()), msg, f);
        } else if len == 28 {
            let msg = format!(
                "{}: a /28 has only {} usable addresses (AWS reserves 5 of every subnet's 16)",
                c.name(EntityKind::Subnet, si),
                cidr::usable_addresses(28)
            );
            let at = c.at(EntityKind::Subnet, si);
            c.emit(&SMALL_SUBNET, at, Some("cidr".into()), msg, None);
        }
        let Some(vi) = c.subnet_vpc[si].found() else {
            continue;
        };
        let (a, b) = cidr::span(net);
        spans.push((vi, a, b, si));
        let mut blocks = c.vpc_blocks[vi].iter().filter_map(|b| b.as_ref().ok());
        let mut any = false;
        if blocks.any(|b| {
            any = true;
            cidr::contains(b.net, net)
        }) || !any
        {
            continue;
        }
        let blocks: Vec<Ipv4Net> = c.vpc_blocks[vi]
            .iter()
            .filter_map(|b| b.as_ref().ok().map(|b| b.net))
            .collect();
        let list: Vec<String> = blocks.iter().map(ToString::to_string).collect();
        let vpc_name = c.name(EntityKind::Vpc, vi);
        let msg = format!(
            "{}: {net} is not inside {vpc_name} ({})",
            c.name(EntityKind::Subnet, si),
            list.join(", ")
        );
        let f = free_fix(free.for_subnet(c, si, vi, len), &vpc_name);
        let at = c.at(EntityKind::Subnet, si);
        c.emit(&SUBNET_OUTSIDE_VPC, at, Some("cidr".into()), msg, f);
    }
    for (a, b) in overlapping_pairs(&mut spans) {
        let (Ok(na), Ok(nb)) = (&c.subnet_block[a], &c.subnet_block[b]) else {
            continue;
        };
        let (na, nb) = (na.net, nb.net);
        let Some(vi) = c.subnet_vpc[b].found() else {
            continue;
        };
        let vpc_name = c.name(EntityKind::Vpc, vi);
        let msg = format!(
            "{} ({nb}) overlaps {} ({na}) in {vpc_name}",
            c.name(EntityKind::Subnet, b),
            c.name(EntityKind::Subnet, a),
        );
        let f = free_fix(free.for_subnet(c, b, vi, nb.prefix_len()), &vpc_name);
        let at = c.at(EntityKind::Subnet, b);
        c.emit(&SUBNETS_OVERLAP, at, Some("cidr".into()), msg, f);
    }
}

fn routes(c: &mut Ctx<'_>) {
    let t = c.t;
    for (ti, table) in t.route_tables.iter().enumerate() {
        for (ri, route) in table.routes.iter().enumerate() {
            let field = || format!("routes[{ri}].destination");
            let dest = c.routes_of(ti)[ri].0.clone();
            match &dest {
                Ok(p) if p.had_host_bits => {
                    let canon = p.net.to_string();
                    host_bits(
                        c,
                        EntityKind::RouteTable,
                        ti,
                        field(),
                        &route.destination,
                        &canon,
                    );
                }
                Ok(_) => {}
                Err(e) => {
                    let why = if route.destination.contains(':') {
                        "IPv6 routes are not supported yet; routes are IPv4".to_string()
                    } else {
                        e.to_string()
                    };
                    let msg = format!(
                        "{}: route {} goes to \"{}\", which is not an IPv4 block: {why}",
                        c.name(EntityKind::RouteTable, ti),
                        ri + 1,
                        route.destination.trim()
                    );
                    let at = c.at(EntityKind::RouteTable, ti);
                    c.emit(&ROUTE_DESTINATION_SYNTAX, at, Some(field()), msg, None);
                }
            }
        }
    }
}

fn peers(c: &mut Ctx<'_>) {
    let t = c.t;
    for (gi, g) in t.security_groups.iter().enumerate() {
        for (egress, rules) in [(false, &g.ingress), (true, &g.egress)] {
            let dir = if egress { "egress" } else { "ingress" };
            for (ri, rule) in rules.iter().enumerate() {
                let crate::model::Peer::Cidr(text) = &rule.peer else {
                    continue;
                };
                let field = || format!("{dir}[{ri}].peer");
                if !matches!(
                    c.peers_of(gi, egress)[ri],
                    PeerInfo::Cidr(Ok((_, true)) | Err(_))
                ) {
                    continue;
                }
                let peer = c.peers_of(gi, egress)[ri].clone();
                match &peer {
                    PeerInfo::Cidr(Ok((net, true))) => {
                        let canon = net.to_string();
                        host_bits(c, EntityKind::SecurityGroup, gi, field(), text, &canon);
                    }
                    PeerInfo::Cidr(Err(e)) => {
                        let msg = format!(
                            "{}: {} rule {} has the peer \"{}\", which is not an IPv4 or IPv6 \
                             block: {e}",
                            c.name(EntityKind::SecurityGroup, gi),
                            if egress { "outbound" } else { "inbound" },
                            ri + 1,
                            text.trim()
                        );
                        let at = c.at(EntityKind::SecurityGroup, gi);
                        c.emit(&PEER_CIDR_SYNTAX, at, Some(field()), msg, None);
                    }
                    _ => {}
                }
            }
        }
    }
}
