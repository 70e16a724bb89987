//! Every pair of endpoints and what gets through between them.
//!
//! The endpoints are the internet, every workload, and every security group no
//! workload uses (a group that workloads use is the same as those workloads). For
//! each ordered pair, the ports come from the rules themselves: what the
//! destination's inbound rules allow from the source, within what the source's
//! outbound rules allow to it, narrowed by the network ACLs crossed (replies
//! included) and dropped when no route carries it. A pair that all traffic gets
//! through reads `all traffic`.

use serde::Serialize;

use super::{Endpoint, Net, PeerAt, Place, RouteGap, Traffic};
use crate::model::{AclDirection, NatConnectivity, RouteTarget, Topology};

/// What gets through between two endpoints, of one kind of traffic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Open {
    /// The kind of traffic.
    pub traffic: Traffic,
    /// The ports (or ICMP types) merged into ranges: `80, 443`, `1024-65535`, `all`.
    pub ports: String,
}

/// One ordered pair that something gets through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The source's name (`internet`, a workload's or a group's).
    pub from: String,
    /// The destination's name.
    pub to: String,
    /// What gets through, by kind of traffic; `all` alone when all traffic does.
    pub open: Vec<Open>,
    /// The two endpoints, to ask [`super::reach`] for a path.
    #[serde(skip)]
    pub ends: (Endpoint, Endpoint),
}

/// Every pair of endpoints with what gets through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The endpoints' names, in order: `internet`, workloads, unused groups.
    pub endpoints: Vec<String>,
    /// The pairs that something gets through, in endpoint order; the others get nothing.
    pub cells: Vec<Cell>,
}

/// The matrix of `t`.
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let m = netwright_core::reach::matrix(&t);
/// let cell = |a: &str, b: &str| m.cells.iter().find(|c| c.from == a && c.to == b);
/// let web = cell("internet", "smartinvoice-alb").unwrap();
/// assert_eq!(web.open[0].ports, "80, 443");
/// assert!(cell("internet", "smartinvoice-rds").is_none());
/// ```
pub fn matrix(t: &Topology) -> Matrix {
    let net = Net::new(t);
    let mut ends = vec![Endpoint::Internet];
    ends.extend((0..t.workloads.len()).map(Endpoint::Workload));
    ends.extend(
        (0..t.security_groups.len())
            .filter(|&g| net.users[g].is_empty())
            .map(Endpoint::Group),
    );
    let places: Vec<Vec<Place<'_>>> = ends.iter().map(|&e| net.places(e)).collect();
    let summaries: Vec<Summary> = places.iter().map(|p| net.summary(p)).collect();
    let mut cells = Vec::new();
    for (i, &a) in ends.iter().enumerate() {
        for (j, &b) in ends.iter().enumerate() {
            if a == Endpoint::Internet && b == Endpoint::Internet {
                continue;
            }
            if !summaries[i].may_reach(&summaries[j]) {
                continue;
            }
            let open = net.open_between(&places[i], &places[j]);
            if !open.is_empty() {
                cells.push(Cell {
                    from: a.name(t).to_string(),
                    to: b.name(t).to_string(),
                    open,
                    ends: (a, b),
                });
            }
        }
    }
    Matrix {
        endpoints: ends.iter().map(|e| e.name(t).to_string()).collect(),
        cells,
    }
}

/// What an endpoint's rules name, whatever the ports, for a quick first test of a
/// pair: most pairs of a large design have no rule that names the other side.
struct Summary {
    internet: bool,
    guarded: bool,
    /// Its groups, sorted.
    groups: Vec<usize>,
    /// The blocks its places send from.
    spaces: Vec<ipnet::IpNet>,
    /// Inbound, then outbound: the groups its rules name (sorted), the IPv4 blocks
    /// short of everything, and whether a rule names every IPv4 address.
    named: [(Vec<usize>, Vec<ipnet::IpNet>, bool); 2],
}

impl Summary {
    /// Whether `self`'s outbound rules name `d` and `d`'s inbound rules name `self`.
    fn may_reach(&self, d: &Summary) -> bool {
        !(self.internet && d.internet) && d.names(self, 0) && self.names(d, 1)
    }

    fn names(&self, other: &Summary, dir: usize) -> bool {
        if !self.guarded {
            return true;
        }
        let (groups, nets, world) = &self.named[dir];
        if *world {
            return true;
        }
        if other.internet {
            return false;
        }
        groups.iter().any(|g| other.groups.binary_search(g).is_ok())
            || nets
                .iter()
                .any(|n| other.spaces.iter().any(|s| super::holds(n, s)))
    }
}

/// What gets through from `from` to `to`, by kind of traffic (one cell of the matrix,
/// for any endpoints, subnets included).
///
/// ```
/// use netwright_core::reach::{open, Endpoint, Traffic};
/// let t = netwright_core::templates::smartinvoice();
/// let alb = Endpoint::resolve(&t, "smartinvoice-alb-sg").unwrap();
/// let o = open(&t, Endpoint::Internet, alb);
/// assert_eq!((o[0].traffic, o[0].ports.as_str()), (Traffic::Tcp, "80, 443"));
/// ```
pub fn open(t: &Topology, from: Endpoint, to: Endpoint) -> Vec<Open> {
    if from == Endpoint::Internet && to == Endpoint::Internet {
        return Vec::new();
    }
    let net = Net::new(t);
    net.open_between(&net.places(from), &net.places(to))
}

impl Net<'_> {
    /// What gets through from any of `srcs` to any of `dsts`, by kind of traffic.
    pub(super) fn open_between(&self, srcs: &[Place<'_>], dsts: &[Place<'_>]) -> Vec<Open> {
        let label = |traffic: Traffic, r: &super::Ranges| {
            if *r == traffic.every() {
                "all".to_string()
            } else {
                r.label()
            }
        };
        // What the groups allow at most, whichever places the traffic runs between, by
        // kind of traffic, in one pass over each side's rules.
        let inbound = self.bounds(srcs, dsts, false);
        if inbound.iter().all(super::Ranges::is_empty) {
            return Vec::new();
        }
        let outbound = self.bounds(dsts, srcs, true);
        let bound: Vec<super::Ranges> = inbound
            .iter()
            .zip(&outbound)
            .map(|(i, o)| i.intersect(o))
            .collect();
        let everything = self.open_for(srcs, dsts, Traffic::All, &bound[3]);
        if !everything.is_empty() {
            return vec![Open {
                traffic: Traffic::All,
                ports: "all".into(),
            }];
        }
        [Traffic::Tcp, Traffic::Udp, Traffic::Icmp]
            .into_iter()
            .zip(&bound)
            .filter_map(|(traffic, bound)| {
                let r = self.open_for(srcs, dsts, traffic, bound);
                (!r.is_empty()).then(|| Open {
                    traffic,
                    ports: label(traffic, &r),
                })
            })
            .collect()
    }

    /// What the groups of `at` allow from (inbound) or to (outbound) any of `others`,
    /// whatever the places: TCP, UDP, ICMP and all traffic, in that order.
    fn bounds(&self, others: &[Place<'_>], at: &[Place<'_>], outbound: bool) -> [super::Ranges; 4] {
        const KINDS: [Traffic; 4] = [Traffic::Tcp, Traffic::Udp, Traffic::Icmp, Traffic::All];
        if at.iter().any(|a| !a.guarded) {
            return KINDS.map(Traffic::every);
        }
        let mut hits: [Vec<(u32, u32)>; 4] = Default::default();
        let mut seen: Vec<&[usize]> = Vec::new();
        for a in at {
            if seen.contains(&a.groups.as_slice()) {
                continue;
            }
            seen.push(&a.groups);
            for &g in &a.groups {
                let group = &self.t.security_groups[g];
                let rules = if outbound {
                    &group.egress
                } else {
                    &group.ingress
                };
                let peers = &self.peers(g)[usize::from(outbound)];
                for (rule, &peer) in rules.iter().zip(peers) {
                    if !others.iter().any(|o| self.peer_matches(peer, o)) {
                        continue;
                    }
                    for (k, traffic) in KINDS.into_iter().enumerate() {
                        if let Some(span) = super::ranges::rule_ports(rule, traffic) {
                            hits[k].push(span);
                        }
                    }
                }
            }
        }
        hits.map(super::Ranges::from_spans)
    }

    fn summary(&self, places: &[Place<'_>]) -> Summary {
        let mut groups: Vec<usize> = places
            .iter()
            .flat_map(|p| p.groups.iter().copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let named = [0usize, 1].map(|dir| {
            let (mut gs, mut nets, mut world) = (Vec::new(), Vec::new(), false);
            for &g in &groups {
                for &p in &self.peers(g)[dir] {
                    match p {
                        PeerAt::Group(x) => gs.push(x),
                        PeerAt::Block(b @ ipnet::IpNet::V4(_)) if b.prefix_len() == 0 => {
                            world = true
                        }
                        PeerAt::Block(b @ ipnet::IpNet::V4(_)) => nets.push(b),
                        _ => {}
                    }
                }
            }
            gs.sort_unstable();
            gs.dedup();
            nets.sort_unstable();
            nets.dedup();
            (gs, nets, world)
        });
        Summary {
            internet: places.iter().any(|p| p.internet),
            guarded: places.iter().all(|p| p.guarded),
            groups,
            spaces: places.iter().map(|p| p.space).collect(),
            named,
        }
    }

    /// The ports of `traffic` that get through from any of `srcs` to any of `dsts`.
    pub(super) fn open_for(
        &self,
        srcs: &[Place<'_>],
        dsts: &[Place<'_>],
        traffic: Traffic,
        bound: &super::Ranges,
    ) -> super::Ranges {
        // Once the places tried reach what the groups allow at most, the rest cannot
        // add anything.
        let mut total = super::Ranges::none();
        if bound.is_empty() {
            return total;
        }
        for s in srcs {
            for d in dsts {
                if s.internet && d.internet {
                    continue;
                }
                let got = self.open_pair(s, d, traffic, bound);
                total = total.union(&got);
                if total.covers(bound) {
                    return total;
                }
            }
        }
        total
    }

    /// The ports of `want` that get from `s` to `d`: the same checks as a question's
    /// walk, without the words.
    pub(super) fn open_pair(
        &self,
        s: &Place<'_>,
        d: &Place<'_>,
        traffic: Traffic,
        want: &super::Ranges,
    ) -> super::Ranges {
        let none = super::Ranges::none();
        let mut got = want.clone();
        if d.guarded {
            got = self.guard(d, s, false, traffic, &got).0;
            if got.is_empty() {
                return none;
            }
        }
        if s.guarded {
            got = self.guard(s, d, true, traffic, &got).0;
            if got.is_empty() {
                return none;
            }
        }
        let Some(nat_subnet) = self.routes_ok(s, d) else {
            return none;
        };
        let replies = traffic.replies();
        let cross = |at: &Place<'_>,
                     dir: AclDirection,
                     other: &Place<'_>,
                     ports: &super::Ranges| match at.subnet {
            Some(sub) if other.subnet != Some(sub) => {
                self.filter(sub, dir, &other.space, other.internet, traffic, ports)
                    .allowed
            }
            _ => ports.clone(),
        };
        got = cross(s, AclDirection::Outbound, d, &got);
        got = cross(d, AclDirection::Inbound, s, &got);
        if let Some(ns) = nat_subnet {
            let at = self.subnet_place(ns, Vec::new(), false, true, None);
            got = cross(&at, AclDirection::Inbound, s, &got);
            got = cross(&at, AclDirection::Outbound, d, &got);
            if !cross(&at, AclDirection::Inbound, d, &replies).covers(&replies)
                || !cross(&at, AclDirection::Outbound, s, &replies).covers(&replies)
            {
                return none;
            }
        }
        if got.is_empty() {
            return none;
        }
        if !cross(d, AclDirection::Outbound, s, &replies).covers(&replies)
            || !cross(s, AclDirection::Inbound, d, &replies).covers(&replies)
        {
            return none;
        }
        got
    }

    /// Whether routes carry traffic from `s` to `d`: `None` when not, else the subnet of
    /// the NAT gateway it goes through, if any.
    fn routes_ok(&self, s: &Place<'_>, d: &Place<'_>) -> Option<Option<usize>> {
        if s.internet {
            let Some(sub) = d.subnet else {
                return Some(None);
            };
            let vpc = self.t.subnets[sub].vpc.0.as_str();
            return match self.default_route(sub) {
                Ok((_, _, RouteTarget::InternetGateway(id)))
                    if self.attached(id, vpc).is_ok() && d.public =>
                {
                    Some(None)
                }
                _ => None,
            };
        }
        if d.internet {
            let Some(sub) = s.subnet else {
                return Some(None);
            };
            let vpc = self.t.subnets[sub].vpc.0.as_str();
            return match self.default_route(sub) {
                Ok((_, _, RouteTarget::InternetGateway(id)))
                    if self.attached(id, vpc).is_ok() && s.public =>
                {
                    Some(None)
                }
                Ok((_, _, RouteTarget::NatGateway(id))) => {
                    let nat = self.t.nat_gateways.iter().find(|n| &n.id == id)?;
                    if nat.connectivity != NatConnectivity::Public {
                        return None;
                    }
                    let &ns = self.subnet_at.get(nat.subnet.0.as_str())?;
                    let nvpc = self.t.subnets[ns].vpc.0.as_str();
                    match self.default_route(ns) {
                        Ok((_, _, RouteTarget::InternetGateway(igw)))
                            if self.attached(igw, nvpc).is_ok() =>
                        {
                            Some(Some(ns))
                        }
                        _ => None,
                    }
                }
                Ok(_) | Err(RouteGap::NoTable | RouteGap::NoDefault(_)) => None,
            };
        }
        match (s.vpc, d.vpc) {
            (Some(a), Some(b)) if a == b => Some(None),
            _ => None,
        }
    }
}
