//! NW409: a database port reachable from the internet through security group references.
//!
//! The exact rule. For each database port P (see `security::DATABASE_PORTS`), a group is
//! *reached on P* when it has an inbound rule from `0.0.0.0/0` or `::/0` that allows
//! TCP port P (a TCP range containing P, or all traffic), or when it has an inbound rule
//! allowing TCP port P from a group that is itself reached on P. A group D is flagged
//! when one of its inbound TCP rules names P explicitly in its port range, comes from a
//! group X reached on P (X != D), and D is not itself directly open to the world on P
//! (NW407 reports that). So the chain must carry the database port hop by hop:
//! internet -> alb (80/443) -> backend (8080) -> rds (5432) is the normal three-tier
//! design and is NOT flagged; internet -> proxy (5432) -> rds (5432 from proxy) is.
//! Breadth-first search per port over a CSR adjacency list: O(6 * (groups + rules)).

use super::context::{fix, Ctx, PeerInfo, Target};
use super::rules::DATABASE_REACHABLE_CHAIN;
use super::security::DATABASE_PORTS;
use crate::model::{EntityKind, Protocol, Rule};

const UNSEEN: usize = usize::MAX;
const SEED: usize = usize::MAX - 1;

fn allows(rule: &Rule, port: i32) -> bool {
    rule.covers_port(Protocol::Tcp, port)
}

fn names_port(rule: &Rule, port: i32) -> bool {
    rule.protocol == Protocol::Tcp && rule.from_port <= port && port <= rule.to_port
}

/// Runs the reachability rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    let n = t.security_groups.len();
    let mut world: Vec<(usize, usize)> = Vec::new();
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    let mut any_db_rule = false;
    for (gi, g) in t.security_groups.iter().enumerate() {
        for (ri, (rule, peer)) in g.ingress.iter().zip(c.peers_of(gi, false)).enumerate() {
            if !matches!(rule.protocol, Protocol::Tcp | Protocol::All) {
                continue;
            }
            match peer {
                PeerInfo::Group(Target::Found(x)) => {
                    edges.push((*x, gi, ri));
                    any_db_rule |= DATABASE_PORTS.iter().any(|(p, _)| names_port(rule, *p));
                }
                p if p.is_world() => world.push((gi, ri)),
                _ => {}
            }
        }
    }
    if world.is_empty() || !any_db_rule {
        return;
    }
    crate::order::sort(&mut edges);
    let mut start = vec![0usize; n + 1];
    for &(x, _, _) in &edges {
        start[x + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let rule_of = |g: usize, ri: usize| &t.security_groups[g].ingress[ri];
    let mut parent = vec![UNSEEN; n];
    let mut queue: Vec<usize> = Vec::new();
    let mut done = vec![false; edges.len()];
    for (port, service) in DATABASE_PORTS {
        parent.fill(UNSEEN);
        queue.clear();
        for &(g, ri) in &world {
            if parent[g] == UNSEEN && allows(rule_of(g, ri), port) {
                parent[g] = SEED;
                queue.push(g);
            }
        }
        let mut head = 0;
        while head < queue.len() {
            let x = queue[head];
            head += 1;
            for &(_, y, ri) in &edges[start[x]..start[x + 1]] {
                if parent[y] == UNSEEN && allows(rule_of(y, ri), port) {
                    parent[y] = x;
                    queue.push(y);
                }
            }
        }
        if queue.is_empty() {
            continue;
        }
        for (e, &(x, d, ri)) in edges.iter().enumerate() {
            if done[e] || x == d || parent[x] == UNSEEN || parent[d] == SEED {
                continue;
            }
            if !names_port(rule_of(d, ri), port) {
                continue;
            }
            done[e] = true;
            let mut chain = vec![d, x];
            let mut cur = x;
            while parent[cur] != SEED && chain.len() <= n {
                cur = parent[cur];
                chain.push(cur);
            }
            let k = EntityKind::SecurityGroup;
            let path: Vec<&str> = std::iter::once("internet")
                .chain(chain.iter().rev().map(|&g| c.raw_name(k, g)))
                .collect();
            let msg = format!(
                "{}: inbound rule {} allows {service} ({port}) from {}, which the internet \
                 reaches on port {port} ({}): the database port is reachable from the internet",
                c.name(k, d),
                ri + 1,
                c.name(k, x),
                path.join(" -> ")
            );
            let f = fix(
                format!("allow {port} only from groups the internet cannot reach on {port}"),
                None,
            );
            c.emit(
                &DATABASE_REACHABLE_CHAIN,
                c.at(k, d),
                Some(format!("ingress[{ri}].peer")),
                msg,
                f,
            );
        }
    }
}
