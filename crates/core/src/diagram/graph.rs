//! The traffic graph's nodes and edges, built from security group rules: sources (the
//! Internet, blocks inside the VPCs, other networks), groups, and one edge per ordered
//! pair labelled with every port of its rules. Only inbound rules make edges; a rule
//! of a group allowing itself makes none.

use std::collections::{BTreeMap, BTreeSet};

use crate::cidr;
use crate::model::{Peer, Protocol, Rule, Topology};

/// The three kinds of source a rule's CIDR block can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    /// `0.0.0.0/0` or `::/0`.
    Internet,
    /// A block inside one of the design's VPC blocks.
    Vpc,
    /// Any other block (an office, a VPN, a peered network).
    Other,
}

/// A node of the graph: a source (layer 0) with the blocks it stands for, or a group.
pub(super) enum Node {
    /// A source kind and the blocks it stands for.
    Source(Source, BTreeSet<String>),
    /// The security group at this index.
    Group(usize),
}

/// Which source a typed rule block is.
fn classify(block: &str, vpc_blocks: &[cidr::Ipv4Net]) -> Source {
    if cidr::is_default_route(block) || block.trim() == "::/0" {
        return Source::Internet;
    }
    match cidr::parse_any(block) {
        Ok(cidr::IpNet::V4(net)) if vpc_blocks.iter().any(|v| cidr::contains(*v, net)) => {
            Source::Vpc
        }
        _ => Source::Other,
    }
}

/// Every port of the merged rules, by protocol: `TCP 80, 8080; UDP 53`.
fn ports_label(rules: &[&Rule]) -> String {
    let mut parts = Vec::new();
    for p in [Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All] {
        let mut of: Vec<&&Rule> = rules.iter().filter(|r| r.protocol == p).collect();
        if of.is_empty() {
            continue;
        }
        if p == Protocol::All {
            parts.push(p.label().to_string());
            continue;
        }
        crate::order::sort_by_key(&mut of, |r| (r.from_port, r.to_port));
        let mut ports: Vec<String> = of.iter().map(|r| r.ports_label()).collect();
        ports.dedup();
        parts.push(if p == Protocol::Icmp {
            ports.join(", ")
        } else {
            format!("{} {}", p.label(), ports.join(", "))
        });
    }
    parts.join("; ")
}

/// The nodes (sources first, in `Source` order; then groups in
/// document order), how many are sources, and one labelled edge per ordered pair.
#[allow(clippy::type_complexity)]
pub(super) fn graph(t: &Topology) -> (Vec<Node>, usize, Vec<((usize, usize), String)>) {
    let vpc_blocks: Vec<cidr::Ipv4Net> = t
        .vpcs
        .iter()
        .flat_map(|v| v.cidrs())
        .filter_map(|c| cidr::parse(c).ok().map(|c| c.net))
        .collect();
    let mut found: BTreeMap<Source, BTreeSet<String>> = BTreeMap::new();
    found.insert(Source::Internet, BTreeSet::new());
    for g in &t.security_groups {
        for r in &g.ingress {
            if let Peer::Cidr(c) = &r.peer {
                let canonical = cidr::parse_any(c)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|_| c.trim().to_string());
                found
                    .entry(classify(c, &vpc_blocks))
                    .or_default()
                    .insert(canonical);
            }
        }
    }
    let slot: BTreeMap<Source, usize> = found.keys().enumerate().map(|(i, &k)| (k, i)).collect();
    let mut nodes: Vec<Node> = found.into_iter().map(|(k, b)| Node::Source(k, b)).collect();
    let sources = nodes.len();
    let group_node: BTreeMap<&crate::model::Id, usize> = t
        .security_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (&g.id, sources + i))
        .collect();
    nodes.extend((0..t.security_groups.len()).map(Node::Group));
    let mut pairs: BTreeMap<(usize, usize), Vec<&Rule>> = BTreeMap::new();
    for (gi, g) in t.security_groups.iter().enumerate() {
        let to = sources + gi;
        for r in &g.ingress {
            let from = match &r.peer {
                Peer::Cidr(c) => slot[&classify(c, &vpc_blocks)],
                Peer::SecurityGroup(id) => match group_node.get(id) {
                    Some(&n) if n != to => n,
                    _ => continue,
                },
            };
            pairs.entry((from, to)).or_default().push(r);
        }
    }
    let edges = pairs
        .iter()
        .map(|(&k, rules)| (k, ports_label(rules)))
        .collect();
    (nodes, sources, edges)
}
