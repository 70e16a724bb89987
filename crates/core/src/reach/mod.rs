//! What can reach what: the design-time answer to "can the internet reach the
//! database?" and "why can't the backend reach it?", hop by hop as AWS decides it.
//!
//! [`reach`] follows one kind of traffic from one endpoint to another through what the
//! design holds: security groups (stateful: the destination's inbound rules and the
//! source's outbound rules), network ACLs (stateless: each subnet boundary crossed, both
//! ways, replies on the ephemeral ports 1024-65535), route tables (the local route
//! inside a VPC; `0.0.0.0/0` to an internet gateway attached to the VPC, or to a public
//! NAT gateway whose own subnet routes to one), and public addresses (a workload the
//! internet reaches is internet-facing). Every check is made, so an answer lists each
//! hop that would block, the first in `blocked_at`, most with a fix.
//!
//! Endpoints: `internet` (IPv4 only: subnets hold IPv4 blocks), a workload (in each of
//! its subnets, with all its groups), a security group (the workloads that use it; a
//! group no workload uses is reasoned about by its rules alone, which the answer says),
//! or a subnet (routes and network ACLs only: a subnet has no security group).
//!
//! What the model does not hold is never guessed at: peering, transit gateways, VPC
//! endpoints and prefix lists do not carry traffic here. [`matrix`] answers every pair.

mod matrix;
mod ranges;

pub use matrix::{matrix, open, Cell, Matrix, Open};
pub use ranges::{Ranges, Traffic};

use std::collections::HashMap;
use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};
use serde::Serialize;

use crate::edit::{Edit, Entity};
use crate::model::{
    AclAction, AclDirection, AclEntry, EntityKind, EntityRef, Id, NatConnectivity, NetworkAcl,
    Peer, Protocol, RouteTarget, Rule, Topology,
};
use ranges::{rule_ports, EntryReach, Parsed};

/// One end of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// Any address on the internet.
    Internet,
    /// The workload at this position of the design's list.
    Workload(usize),
    /// The security group at this position: the workloads that use it.
    Group(usize),
    /// The subnet at this position: a host in it without security groups.
    Subnet(usize),
}

impl Endpoint {
    /// The endpoint a name (or id) means: `internet`, then a workload, a security group
    /// or a subnet of that name or id, in that order. The error lists the names there are.
    ///
    /// ```
    /// use netwright_core::reach::Endpoint;
    /// let t = netwright_core::templates::smartinvoice();
    /// assert_eq!(Endpoint::resolve(&t, "internet"), Ok(Endpoint::Internet));
    /// assert!(matches!(Endpoint::resolve(&t, "smartinvoice-rds"), Ok(Endpoint::Workload(_))));
    /// assert!(Endpoint::resolve(&t, "nothing").unwrap_err().contains("smartinvoice-rds-sg"));
    /// ```
    pub fn resolve(t: &Topology, name: &str) -> Result<Endpoint, String> {
        let n = name.trim();
        if n.eq_ignore_ascii_case("internet") {
            return Ok(Endpoint::Internet);
        }
        let hit = |a: &str, id: &Id| a == n || id.0 == n;
        if let Some(i) = t.workloads.iter().position(|w| hit(&w.name, &w.id)) {
            return Ok(Endpoint::Workload(i));
        }
        if let Some(i) = t.security_groups.iter().position(|g| hit(&g.name, &g.id)) {
            return Ok(Endpoint::Group(i));
        }
        if let Some(i) = t.subnets.iter().position(|s| hit(&s.name, &s.id)) {
            return Ok(Endpoint::Subnet(i));
        }
        let list = |names: Vec<&str>| {
            if names.is_empty() {
                "none".to_string()
            } else {
                names
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        Err(format!(
            "no endpoint is named {name:?}. Endpoints are \"internet\", workloads: {}; security groups: {}; subnets: {}",
            list(t.workloads.iter().map(|w| w.name.as_str()).collect()),
            list(t.security_groups.iter().map(|g| g.name.as_str()).collect()),
            list(t.subnets.iter().map(|s| s.name.as_str()).collect()),
        ))
    }

    /// The endpoint's name as typed (`internet` for the internet).
    pub fn name(self, t: &Topology) -> &str {
        match self {
            Endpoint::Internet => "internet",
            Endpoint::Workload(i) => &t.workloads[i].name,
            Endpoint::Group(i) => &t.security_groups[i].name,
            Endpoint::Subnet(i) => &t.subnets[i].name,
        }
    }

    /// The entity it is, if any.
    pub fn entity(self, t: &Topology) -> Option<EntityRef> {
        match self {
            Endpoint::Internet => None,
            Endpoint::Workload(i) => Some(EntityRef::new(EntityKind::Workload, &t.workloads[i].id)),
            Endpoint::Group(i) => Some(EntityRef::new(
                EntityKind::SecurityGroup,
                &t.security_groups[i].id,
            )),
            Endpoint::Subnet(i) => Some(EntityRef::new(EntityKind::Subnet, &t.subnets[i].id)),
        }
    }
}

/// What a hop is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    /// The internet.
    Internet,
    /// A workload.
    Workload,
    /// A subnet (as an endpoint).
    Subnet,
    /// A security group's rules.
    Group,
    /// A network ACL's entries.
    Acl,
    /// A route table's route, or a VPC's local route.
    Route,
    /// An internet or NAT gateway.
    Gateway,
}

/// A change that would let the traffic through at a blocking hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The change in words: `add an inbound rule to smartinvoice-rds-sg: tcp/5432 from …`.
    pub text: String,
    /// The edit that makes it, where one is known (the app applies it in one step).
    #[serde(skip)]
    pub edit: Option<Edit>,
}

/// One step of the path and what it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// What it is.
    pub kind: HopKind,
    /// Its name (`default network ACL of …` for a VPC's default ACL).
    pub name: String,
    /// The entity's id, when the hop is one of the design's entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// Whether it lets the traffic through.
    pub allowed: bool,
    /// Why, in words: the rule, route or entry that allowed it, or what is missing.
    pub why: String,
    /// The position of the rule, route or entry in its list (0-based), when one decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The inspector field of that rule, route or entry: `ingress[1]`, `routes[0]`, `inbound[2]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A change that would let the traffic through, on a blocking hop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The entity (kind and id), for the app.
    #[serde(skip)]
    pub entity: Option<EntityRef>,
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// Whether the traffic gets through.
    pub reachable: bool,
    /// The hops in order, each with what it decided (blocking ones included).
    pub path: Vec<Hop>,
    /// The first hop that blocks, when one does.
    pub blocked_at: Option<Hop>,
}

/// Why a question cannot be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadQuestion(pub String);

impl std::fmt::Display for BadQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadQuestion {}

/// Whether `traffic` (on `port`: a TCP/UDP destination port or an ICMP type; `None`
/// means every one) gets from `from` to `to` in `t`, and by which path.
///
/// ```
/// use netwright_core::reach::{reach, Endpoint, Traffic};
/// let t = netwright_core::templates::smartinvoice();
/// let alb = Endpoint::resolve(&t, "smartinvoice-alb").unwrap();
/// let rds = Endpoint::resolve(&t, "smartinvoice-rds").unwrap();
/// assert!(reach(&t, Endpoint::Internet, alb, Traffic::Tcp, Some(443)).unwrap().reachable);
/// let a = reach(&t, Endpoint::Internet, rds, Traffic::Tcp, Some(5432)).unwrap();
/// assert!(!a.reachable);
/// // Blocked first at the private route table, then at the group and the workload.
/// assert!(a.blocked_at.unwrap().why.contains("smartinvoice-private-rt"));
/// assert!(a.path.iter().any(|h| h.why == "no inbound rule allows tcp/5432 from the internet"));
/// ```
pub fn reach(
    t: &Topology,
    from: Endpoint,
    to: Endpoint,
    traffic: Traffic,
    port: Option<u16>,
) -> Result<Answer, BadQuestion> {
    Net::new(t).answer(from, to, traffic, port)
}

// ---- the design, indexed once per question ---------------------------------------------

/// A rule's peer, parsed.
#[derive(Debug, Clone, Copy)]
enum PeerAt {
    Block(IpNet),
    Group(usize),
    Nothing,
}

/// The design indexed for questions: positions by id and parsed blocks.
pub(crate) struct Net<'a> {
    t: &'a Topology,
    subnet_at: HashMap<&'a str, usize>,
    group_at: HashMap<&'a str, usize>,
    /// Each subnet's block.
    blocks: Vec<Option<IpNet>>,
    /// Each subnet's network ACL (position), `None` for the default ACL.
    acl_of: Vec<Option<usize>>,
    /// Each subnet's route table (position).
    table_of: Vec<Option<usize>>,
    /// The workloads that use each group.
    users: Vec<Vec<usize>>,
    /// Each group's inbound and outbound rules' peers, parsed when first needed.
    peers: Vec<std::cell::OnceCell<[Vec<PeerAt>; 2]>>,
    /// Each network ACL's inbound and outbound entries, parsed in evaluation order
    /// when first needed.
    entries: Vec<std::cell::OnceCell<[Vec<Parsed>; 2]>>,
}

/// A concrete place traffic starts or ends at.
#[derive(Debug, Clone)]
struct Place<'a> {
    internet: bool,
    subnet: Option<usize>,
    vpc: Option<&'a str>,
    groups: Vec<usize>,
    /// Whether security groups apply (not to the internet or a bare subnet).
    guarded: bool,
    /// Whether it has a public address.
    public: bool,
    /// The addresses it sends from and receives at.
    space: IpNet,
    workload: Option<usize>,
}

const INTERNET: IpNet = IpNet::V4(match Ipv4Net::new(Ipv4Addr::UNSPECIFIED, 0) {
    Ok(n) => n,
    Err(_) => panic!("0.0.0.0/0"),
});

impl<'a> Net<'a> {
    pub(crate) fn new(t: &'a Topology) -> Self {
        let subnet_at: HashMap<&str, usize> = t
            .subnets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0.as_str(), i))
            .collect();
        let group_at: HashMap<&str, usize> = t
            .security_groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.0.as_str(), i))
            .collect();
        let blocks = t
            .subnets
            .iter()
            .map(|s| crate::cidr::parse_any(&s.cidr).ok())
            .collect();
        let mut acl_of = vec![None; t.subnets.len()];
        for (a, acl) in t.network_acls.iter().enumerate() {
            for s in &acl.subnets {
                if let Some(&i) = subnet_at.get(s.0.as_str()) {
                    acl_of[i].get_or_insert(a);
                }
            }
        }
        let mut table_of: Vec<Option<usize>> = vec![None; t.subnets.len()];
        for (r, rt) in t.route_tables.iter().enumerate() {
            for s in &rt.subnets {
                if let Some(&i) = subnet_at.get(s.0.as_str()) {
                    table_of[i].get_or_insert(r);
                }
            }
        }
        for (i, s) in t.subnets.iter().enumerate() {
            if table_of[i].is_none() {
                table_of[i] = t
                    .route_tables
                    .iter()
                    .position(|rt| rt.main && rt.vpc == s.vpc);
            }
        }
        let mut users = vec![Vec::new(); t.security_groups.len()];
        for (w, wl) in t.workloads.iter().enumerate() {
            for g in &wl.security_groups {
                if let Some(&i) = group_at.get(g.0.as_str()) {
                    if !users[i].contains(&w) {
                        users[i].push(w);
                    }
                }
            }
        }
        let peers = t
            .security_groups
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        Net {
            t,
            subnet_at,
            group_at,
            blocks,
            acl_of,
            table_of,
            users,
            peers,
            entries: t
                .network_acls
                .iter()
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// Group `g`'s rules' peers, inbound then outbound, parsed.
    fn peers(&self, g: usize) -> &[Vec<PeerAt>; 2] {
        self.peers[g].get_or_init(|| {
            let peer = |r: &Rule| match &r.peer {
                Peer::Cidr(c) => crate::cidr::parse_any(c).map_or(PeerAt::Nothing, PeerAt::Block),
                Peer::SecurityGroup(id) => self
                    .group_at
                    .get(id.0.as_str())
                    .map_or(PeerAt::Nothing, |&x| PeerAt::Group(x)),
            };
            let group = &self.t.security_groups[g];
            [
                group.ingress.iter().map(peer).collect(),
                group.egress.iter().map(peer).collect(),
            ]
        })
    }

    /// Network ACL `a`'s entries of `dir`, parsed, in evaluation order.
    fn parsed(&self, a: usize, dir: AclDirection) -> &[Parsed] {
        let both = self.entries[a].get_or_init(|| {
            let acl = &self.t.network_acls[a];
            AclDirection::BOTH.map(|d| {
                let list = acl.entries(d);
                acl.evaluation_order(d)
                    .into_iter()
                    .filter_map(|i| Parsed::new(i, &list[i]))
                    .collect()
            })
        });
        &both[usize::from(dir == AclDirection::Outbound)]
    }

    fn vpc_block(&self, vpc: &str) -> IpNet {
        self.t
            .vpcs
            .iter()
            .find(|v| v.id.0 == vpc)
            .and_then(|v| crate::cidr::parse_any(&v.cidr).ok())
            .unwrap_or(INTERNET)
    }

    /// The places an endpoint stands for.
    fn places(&self, e: Endpoint) -> Vec<Place<'a>> {
        let t = self.t;
        match e {
            Endpoint::Internet => vec![Place {
                internet: true,
                subnet: None,
                vpc: None,
                groups: Vec::new(),
                guarded: false,
                public: true,
                space: INTERNET,
                workload: None,
            }],
            Endpoint::Workload(w) => self.workload_places(w),
            Endpoint::Group(g) if !self.users[g].is_empty() => self.users[g]
                .iter()
                .flat_map(|&w| self.workload_places(w))
                .collect(),
            Endpoint::Group(g) => {
                let vpc = t.security_groups[g].vpc.0.as_str();
                vec![Place {
                    internet: false,
                    subnet: None,
                    vpc: Some(vpc),
                    groups: vec![g],
                    guarded: true,
                    public: false,
                    space: self.vpc_block(vpc),
                    workload: None,
                }]
            }
            Endpoint::Subnet(s) => vec![self.subnet_place(
                s,
                Vec::new(),
                false,
                t.subnets[s].map_public_ip_on_launch,
                None,
            )],
        }
    }

    fn subnet_place(
        &self,
        s: usize,
        groups: Vec<usize>,
        guarded: bool,
        public: bool,
        workload: Option<usize>,
    ) -> Place<'a> {
        let sub = &self.t.subnets[s];
        Place {
            internet: false,
            subnet: Some(s),
            vpc: Some(sub.vpc.0.as_str()),
            groups,
            guarded,
            public,
            space: self.blocks[s].unwrap_or_else(|| self.vpc_block(&sub.vpc.0)),
            workload,
        }
    }

    fn workload_places(&self, w: usize) -> Vec<Place<'a>> {
        let wl = &self.t.workloads[w];
        let groups: Vec<usize> = wl
            .security_groups
            .iter()
            .filter_map(|g| self.group_at.get(g.0.as_str()).copied())
            .collect();
        let places: Vec<Place<'_>> = wl
            .subnets
            .iter()
            .filter_map(|s| self.subnet_at.get(s.0.as_str()))
            .map(|&s| self.subnet_place(s, groups.clone(), true, wl.internet_facing, Some(w)))
            .collect();
        if !places.is_empty() {
            return places;
        }
        // A workload in no subnet yet: its groups' rules alone.
        let vpc = groups
            .first()
            .map(|&g| self.t.security_groups[g].vpc.0.as_str());
        vec![Place {
            internet: false,
            subnet: None,
            vpc,
            groups,
            guarded: true,
            public: wl.internet_facing,
            space: vpc.map_or(INTERNET, |v| self.vpc_block(v)),
            workload: Some(w),
        }]
    }

    // ---- security groups -----------------------------------------------------------------

    fn peer_matches(&self, peer: PeerAt, other: &Place<'_>) -> bool {
        match peer {
            PeerAt::Block(b) if other.internet => b.prefix_len() == 0 && matches!(b, IpNet::V4(_)),
            PeerAt::Block(b) => holds(&b, &other.space),
            PeerAt::Group(g) => !other.internet && other.groups.contains(&g),
            PeerAt::Nothing => false,
        }
    }

    /// What `at`'s groups allow of `want` from (inbound) or to (outbound) `other`, and
    /// the first rule that allows some of it.
    fn guard(
        &self,
        at: &Place<'_>,
        other: &Place<'_>,
        outbound: bool,
        traffic: Traffic,
        want: &Ranges,
    ) -> (Ranges, Option<(usize, usize)>) {
        // The parts of `want` each rule allows, merged once at the end.
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let mut first = None;
        for &g in &at.groups {
            let group = &self.t.security_groups[g];
            let rules = if outbound {
                &group.egress
            } else {
                &group.ingress
            };
            for (ri, (rule, &peer)) in rules
                .iter()
                .zip(&self.peers(g)[usize::from(outbound)])
                .enumerate()
            {
                if !speaks(rule.protocol, traffic) || !self.peer_matches(peer, other) {
                    continue;
                }
                let Some((lo, hi)) = rule_ports(rule, traffic) else {
                    continue;
                };
                let before = hits.len();
                for &(a, b) in want.spans() {
                    let (x, y) = (a.max(lo), b.min(hi));
                    if x <= y {
                        hits.push((x, y));
                    }
                }
                if hits.len() > before {
                    first.get_or_insert((g, ri));
                    // One rule with all of it: nothing more to learn.
                    if lo == 0 && hi >= want.spans().last().map_or(0, |s| s.1) {
                        return (want.clone(), first);
                    }
                }
            }
        }
        (Ranges::from_spans(hits), first)
    }

    // ---- network ACLs ----------------------------------------------------------------------

    /// What subnet `s`'s network ACL does with `want` of `traffic` in `dir` from or to
    /// the addresses `far` (every address of it must pass, except for the internet,
    /// where only entries for every address count).
    fn filter(
        &self,
        s: usize,
        dir: AclDirection,
        far: &IpNet,
        internet: bool,
        traffic: Traffic,
        want: &Ranges,
    ) -> Filtered {
        let Some(a) = self.acl_of[s] else {
            return Filtered {
                acl: None,
                allowed: want.clone(),
                first_allow: None,
                first_deny: None,
            };
        };
        let mut undecided = want.clone();
        let mut allowed = Ranges::none();
        let (mut first_allow, mut first_deny) = (None, None);
        for e in self.parsed(a, dir) {
            if undecided.is_empty() {
                break;
            }
            let (i, block) = (e.index, e.block);
            let whole = holds(&block, far);
            let part = !whole
                && !internet
                && (holds(far, &block) || holds(&block, &IpNet::from(far.network())));
            if !whole && !part {
                continue;
            }
            let hit = match e.reach(traffic) {
                EntryReach::Other => continue,
                EntryReach::Part => {
                    if e.action == AclAction::Deny {
                        first_deny.get_or_insert(Some(i));
                        undecided = Ranges::none();
                    }
                    continue;
                }
                EntryReach::Ports(p) => p.intersect(&undecided),
            };
            if hit.is_empty() {
                continue;
            }
            match e.action {
                AclAction::Deny => {
                    first_deny.get_or_insert(Some(i));
                    undecided = undecided.minus(&hit);
                }
                AclAction::Allow if whole => {
                    first_allow.get_or_insert(i);
                    allowed = allowed.union(&hit);
                    undecided = undecided.minus(&hit);
                }
                AclAction::Allow => {}
            }
        }
        if !undecided.is_empty() {
            first_deny.get_or_insert(None);
        }
        Filtered {
            acl: Some(a),
            allowed,
            first_allow,
            first_deny,
        }
    }

    // ---- routes ----------------------------------------------------------------------------

    /// The route `0.0.0.0/0` of subnet `s`'s table, if any: (table, route position, target).
    fn default_route(&self, s: usize) -> Result<(usize, usize, &'a RouteTarget), RouteGap> {
        let Some(rt) = self.table_of[s] else {
            return Err(RouteGap::NoTable);
        };
        self.t.route_tables[rt]
            .routes
            .iter()
            .position(|r| crate::cidr::is_default_route(&r.destination))
            .map(|ri| (rt, ri, &self.t.route_tables[rt].routes[ri].target))
            .ok_or(RouteGap::NoDefault(rt))
    }

    /// The internet gateway `id` if it exists and is attached to `vpc`.
    fn attached(&self, id: &Id, vpc: &str) -> Result<usize, Option<usize>> {
        match self.t.internet_gateways.iter().position(|g| &g.id == id) {
            None => Err(None),
            Some(g)
                if self.t.internet_gateways[g]
                    .vpc
                    .as_ref()
                    .is_some_and(|v| v.0 == vpc) =>
            {
                Ok(g)
            }
            Some(g) => Err(Some(g)),
        }
    }

    /// The internet gateway attached to `vpc`, for fixes.
    fn gateway_of(&self, vpc: &str) -> Option<&'a Id> {
        self.t
            .internet_gateways
            .iter()
            .find(|g| g.vpc.as_ref().is_some_and(|v| v.0 == vpc))
            .map(|g| &g.id)
    }
}

/// Whether block `a` holds every address of block `b`: `IpNet::contains` without its
/// generality, for the matrix's inner loops.
pub(crate) fn holds(a: &IpNet, b: &IpNet) -> bool {
    match (a, b) {
        (IpNet::V4(a), IpNet::V4(b)) => {
            let len = a.prefix_len();
            let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
            len <= b.prefix_len() && (u32::from(b.addr()) ^ u32::from(a.addr())) & mask == 0
        }
        (IpNet::V6(a), IpNet::V6(b)) => a.contains(b),
        _ => false,
    }
}

/// Whether a rule of `protocol` can allow any of `traffic` (before its ports).
fn speaks(protocol: Protocol, traffic: Traffic) -> bool {
    matches!(
        (protocol, traffic),
        (Protocol::All, _)
            | (Protocol::Tcp, Traffic::Tcp)
            | (Protocol::Udp, Traffic::Udp)
            | (Protocol::Icmp, Traffic::Icmp)
    )
}

/// What a network ACL did with some traffic.
struct Filtered {
    acl: Option<usize>,
    allowed: Ranges,
    first_allow: Option<usize>,
    /// The first entry that denied part of it; `Some(None)` is the final implicit deny.
    first_deny: Option<Option<usize>>,
}

enum RouteGap {
    NoTable,
    NoDefault(usize),
}

// ---- one question, in words ----------------------------------------------------------------

impl<'a> Net<'a> {
    pub(crate) fn answer(
        &self,
        from: Endpoint,
        to: Endpoint,
        traffic: Traffic,
        port: Option<u16>,
    ) -> Result<Answer, BadQuestion> {
        if from == Endpoint::Internet && to == Endpoint::Internet {
            return Err(BadQuestion(
                "from and to are both the internet: one end must be in the design".into(),
            ));
        }
        if traffic == Traffic::Icmp && port.is_some_and(|p| p > 255) {
            return Err(BadQuestion(format!(
                "ICMP type {} is out of range 0-255",
                port.unwrap_or(0)
            )));
        }
        let want = traffic.ports(port);
        let (srcs, dsts) = (self.places(from), self.places(to));
        let mut best: Option<Vec<Hop>> = None;
        let mut tried = 0usize;
        let mut through = 0usize;
        for s in &srcs {
            for d in &dsts {
                tried += 1;
                let hops = Walk {
                    net: self,
                    from,
                    to,
                    src: s,
                    dst: d,
                    traffic,
                    want: &want,
                    hops: Vec::new(),
                }
                .run();
                let ok = hops.iter().all(|h| h.allowed);
                if ok {
                    through += 1;
                }
                let better = match &best {
                    None => true,
                    Some(b) => ok && !b.iter().all(|h| h.allowed),
                };
                if better {
                    best = Some(hops);
                }
            }
        }
        let mut path = best.unwrap_or_default();
        if tried > 1 {
            if let Some(first) = path.first_mut() {
                first.why.push_str(&format!(
                    " ({through} of {tried} subnet pairs get through; this path is {})",
                    if through > 0 {
                        "one that does"
                    } else {
                        "the first"
                    }
                ));
            }
        }
        let blocked_at = path.iter().find(|h| !h.allowed).cloned();
        Ok(Answer {
            reachable: blocked_at.is_none(),
            path,
            blocked_at,
        })
    }
}

/// The hops of one pair of places.
struct Walk<'n, 'a> {
    net: &'n Net<'a>,
    from: Endpoint,
    to: Endpoint,
    src: &'n Place<'a>,
    dst: &'n Place<'a>,
    traffic: Traffic,
    want: &'n Ranges,
    hops: Vec<Hop>,
}

/// A hop at one of the design's entities.
fn on(kind: HopKind, entity: EntityKind, name: &str, id: &Id, allowed: bool, why: String) -> Hop {
    hop(kind, name, Some(EntityRef::new(entity, id)), allowed, why)
}

fn hop(
    kind: HopKind,
    name: impl Into<String>,
    entity: Option<EntityRef>,
    allowed: bool,
    why: String,
) -> Hop {
    Hop {
        kind,
        name: name.into(),
        id: entity.as_ref().map(|e| e.id.clone()),
        allowed,
        why,
        index: None,
        field: None,
        fix: None,
        entity,
    }
}

impl Walk<'_, '_> {
    fn t(&self) -> &Topology {
        self.net.t
    }

    fn run(mut self) -> Vec<Hop> {
        let (src, dst) = (self.src, self.dst);
        self.endpoint(self.from, src, true);
        if src.internet {
            self.inbound_route(dst);
        } else {
            self.guard(src, dst, true);
            if dst.internet {
                self.acl(src, AclDirection::Outbound, dst, false);
                self.outbound_route(src);
            } else {
                self.acl(src, AclDirection::Outbound, dst, false);
                self.local_route(src, dst);
            }
        }
        if !dst.internet {
            self.acl(dst, AclDirection::Inbound, src, false);
            self.guard(dst, src, false);
        }
        self.endpoint(self.to, dst, false);
        if !dst.internet {
            self.acl(dst, AclDirection::Outbound, src, true);
        }
        if !src.internet {
            self.acl(src, AclDirection::Inbound, dst, true);
        }
        self.hops
    }

    fn endpoint(&mut self, e: Endpoint, p: &Place<'_>, source: bool) {
        let t = self.net.t;
        let kind = match e {
            Endpoint::Internet => HopKind::Internet,
            Endpoint::Subnet(_) => HopKind::Subnet,
            _ if p.workload.is_some() => HopKind::Workload,
            _ => HopKind::Group,
        };
        let (name, entity) = match (p.workload, e) {
            (Some(w), _) => (
                t.workloads[w].name.clone(),
                Some(EntityRef::new(EntityKind::Workload, &t.workloads[w].id)),
            ),
            _ => (e.name(t).to_string(), e.entity(t)),
        };
        let mut why = match e {
            Endpoint::Internet => "the internet (any public IPv4 address)".to_string(),
            Endpoint::Subnet(s) => format!("a host in subnet {} ({}), without security groups", t.subnets[s].name, t.subnets[s].cidr),
            _ => match p.workload {
                Some(w) => {
                    let wl = &t.workloads[w];
                    let at = p.subnet.map_or("no subnet yet".to_string(), |s| format!("in {}", t.subnets[s].name));
                    format!("{} ({}) {at}, groups {}", wl.name, wl.kind.label(), self.group_names(&p.groups))
                }
                None => format!(
                    "security group {}: no workload uses it, so only its rules are checked (no routes, network ACLs or public address)",
                    e.name(t)
                ),
            },
        };
        if let (Endpoint::Group(g), Some(_)) = (e, p.workload) {
            why.push_str(&format!(" (uses {})", t.security_groups[g].name));
        }
        let mut h = hop(kind, name, entity, true, why);
        // The internet reaches only what has a public address.
        if !source && self.src.internet && p.workload.is_some() && p.subnet.is_some() && !p.public {
            let w = p.workload.unwrap_or(0);
            let wl = &t.workloads[w];
            h.allowed = false;
            h.why = format!(
                "{} is not internet-facing: it has no public address the internet can reach",
                wl.name
            );
            let mut fixed = wl.clone();
            fixed.internet_facing = true;
            h.fix = Some(Fix {
                text: format!("make {} internet-facing (an internet-facing load balancer, or instances with public addresses in a public subnet)", wl.name),
                edit: Some(Edit::Update(Entity::Workload(fixed))),
            });
        }
        if !source && self.src.internet && matches!(e, Endpoint::Subnet(_)) && !p.public {
            h.allowed = false;
            h.why = format!("subnet {} does not give its hosts public addresses (map public IP on launch is off)", h.name);
            if let Some(s) = p.subnet {
                let mut fixed = t.subnets[s].clone();
                fixed.map_public_ip_on_launch = true;
                h.fix = Some(Fix {
                    text: format!("turn on public addresses for subnet {}", h.name),
                    edit: Some(Edit::Update(Entity::Subnet(fixed))),
                });
            }
        }
        self.hops.push(h);
    }

    fn group_names(&self, groups: &[usize]) -> String {
        if groups.is_empty() {
            return "none".into();
        }
        groups
            .iter()
            .map(|&g| self.t().security_groups[g].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How a message names the other side's addresses: `10.0.3.0/24 (smartinvoice-private-1a)`.
    fn addr_label(&self, p: &Place<'_>) -> String {
        match p.subnet {
            _ if p.internet => "the internet".into(),
            Some(s) => format!(
                "{} ({})",
                self.t().subnets[s].cidr,
                self.t().subnets[s].name
            ),
            None => p.space.to_string(),
        }
    }

    /// How rules and messages name the other side.
    fn far_label(&self, p: &Place<'_>) -> String {
        if p.internet {
            return "the internet".into();
        }
        if p.guarded && !p.groups.is_empty() {
            return self.group_names(&p.groups).replace(", ", " or ");
        }
        match p.subnet {
            Some(s) => format!(
                "{} ({})",
                self.t().subnets[s].cidr,
                self.t().subnets[s].name
            ),
            None => p.space.to_string(),
        }
    }

    fn guard(&mut self, at: &Place<'_>, other: &Place<'_>, outbound: bool) {
        if !at.guarded {
            return;
        }
        let t = self.net.t;
        let (dir, side, field) = if outbound {
            ("outbound", "to", "egress")
        } else {
            ("inbound", "from", "ingress")
        };
        let (got, first) = self.net.guard(at, other, outbound, self.traffic, self.want);
        let what = self.traffic.describe(self.want);
        let far = self.far_label(other);
        if got.covers(self.want) {
            let (g, ri) = first.unwrap_or((at.groups[0], 0));
            let group = &t.security_groups[g];
            let rule = if outbound {
                &group.egress[ri]
            } else {
                &group.ingress[ri]
            };
            let mut h = on(
                HopKind::Group,
                EntityKind::SecurityGroup,
                &group.name,
                &group.id,
                true,
                format!(
                    "{} {dir} rule {} allows {} {side} {}",
                    group.name,
                    ri + 1,
                    describe_rule(rule),
                    rule_peer(t, rule, &self.addr_label(other))
                ),
            );
            h.index = Some(ri);
            h.field = Some(format!("{field}[{ri}]"));
            self.hops.push(h);
            return;
        }
        let Some(&g0) = at.groups.first() else {
            let name = at
                .workload
                .map_or(String::new(), |w| t.workloads[w].name.clone());
            self.hops.push(hop(
                HopKind::Group,
                "no security group",
                None,
                false,
                format!("{name} has no security group, so nothing is allowed {dir}"),
            ));
            return;
        };
        let group = &t.security_groups[g0];
        let why = if got.is_empty() {
            format!("no {dir} rule allows {what} {side} {far}")
        } else {
            format!(
                "{dir} rules allow only {} of {what} {side} {far}",
                self.traffic.describe(&got)
            )
        };
        let mut h = on(
            HopKind::Group,
            EntityKind::SecurityGroup,
            &group.name,
            &group.id,
            false,
            why,
        );
        // The fix: a rule by group where the other side has one in the same VPC.
        let peer = match other.groups.first() {
            Some(&og) if other.guarded && other.vpc == Some(group.vpc.0.as_str()) => {
                Peer::SecurityGroup(t.security_groups[og].id.clone())
            }
            _ if other.internet => Peer::Cidr("0.0.0.0/0".into()),
            _ => Peer::Cidr(other.space.to_string()),
        };
        let peer_label = match &peer {
            Peer::SecurityGroup(id) => t
                .security_group(id)
                .map_or(id.0.clone(), |g| g.name.clone()),
            Peer::Cidr(c) => c.clone(),
        };
        let rule = fix_rule(self.traffic, self.want, peer, &far);
        let mut fixed = group.clone();
        if outbound {
            fixed.egress.push(rule)
        } else {
            fixed.ingress.push(rule)
        }
        h.fix = Some(Fix {
            text: format!(
                "add an {dir} rule to {}: {what} {side} {peer_label}",
                group.name
            ),
            edit: Some(Edit::Update(Entity::SecurityGroup(fixed))),
        });
        self.hops.push(h);
    }

    fn acl(&mut self, at: &Place<'_>, dir: AclDirection, other: &Place<'_>, replies: bool) {
        let Some(s) = at.subnet else { return };
        // Traffic within one subnet crosses no network ACL.
        if other.subnet == Some(s) {
            return;
        }
        let ports = if replies {
            self.traffic.replies()
        } else {
            self.want.clone()
        };
        let traffic = self.traffic;
        let f = self
            .net
            .filter(s, dir, &other.space, other.internet, traffic, &ports);
        self.push_acl(s, dir, other, replies, &ports, &f);
    }

    fn push_acl(
        &mut self,
        s: usize,
        dir: AclDirection,
        other: &Place<'_>,
        replies: bool,
        ports: &Ranges,
        f: &Filtered,
    ) {
        let t = self.net.t;
        let sub = &t.subnets[s];
        let side = if dir == AclDirection::Inbound {
            "from"
        } else {
            "to"
        };
        let far = if other.internet {
            "the internet (0.0.0.0/0)".to_string()
        } else {
            format!("{}", other.space)
        };
        let what = if replies {
            format!("replies ({})", self.traffic.describe(ports))
        } else {
            self.traffic.describe(ports)
        };
        let Some(a) = f.acl else {
            let vpc = t
                .vpc(&sub.vpc)
                .map_or(sub.vpc.0.as_str(), |v| v.name.as_str());
            self.hops.push(hop(
                HopKind::Acl,
                format!("default network ACL of {vpc}"),
                None,
                true,
                format!(
                    "subnet {} uses its VPC's default network ACL, which allows all traffic {}",
                    sub.name,
                    dir.field()
                ),
            ));
            return;
        };
        let acl = &t.network_acls[a];
        let entity = Some(EntityRef::new(EntityKind::NetworkAcl, &acl.id));
        let entries = acl.entries(dir);
        if f.allowed.covers(ports) {
            let i = f.first_allow.unwrap_or(0);
            let mut h = hop(
                HopKind::Acl,
                acl.name.clone(),
                entity,
                true,
                format!(
                    "{} {} entry {} allows {what} {side} {far} (subnet {})",
                    acl.name,
                    dir.field(),
                    entries.get(i).map_or(0, |e| e.rule_number),
                    sub.name
                ),
            );
            h.index = Some(i);
            h.field = Some(format!("{}[{i}]", dir.field()));
            self.hops.push(h);
            return;
        }
        let mut h = hop(HopKind::Acl, acl.name.clone(), entity, false, String::new());
        let below = match f.first_deny {
            Some(Some(i)) => {
                let e = &entries[i];
                h.why = format!(
                    "{} {} entry {} denies {what} {side} {far} (subnet {})",
                    acl.name,
                    dir.field(),
                    e.rule_number,
                    sub.name
                );
                h.index = Some(i);
                h.field = Some(format!("{}[{i}]", dir.field()));
                Some(e.rule_number)
            }
            _ => {
                h.why = format!("no {} entry of {} allows {what} {side} {far}: the final rule denies it (subnet {})", dir.field(), acl.name, sub.name);
                None
            }
        };
        let cidr = if other.internet {
            "0.0.0.0/0".to_string()
        } else {
            other.space.to_string()
        };
        if let Some((number, entry)) = fix_entry(acl, dir, below, self.traffic, ports, &cidr) {
            let mut fixed = acl.clone();
            fixed.entries_mut(dir).push(entry);
            h.fix = Some(Fix {
                text: format!(
                    "add {} entry {number} to {}: allow {} {side} {cidr}",
                    dir.field(),
                    acl.name,
                    self.traffic.describe(ports)
                ),
                edit: Some(Edit::Update(Entity::NetworkAcl(fixed))),
            });
        }
        self.hops.push(h);
    }

    fn route_hop(&self, rt: usize, ri: usize, allowed: bool, why: String) -> Hop {
        let table = &self.t().route_tables[rt];
        let mut h = on(
            HopKind::Route,
            EntityKind::RouteTable,
            &table.name,
            &table.id,
            allowed,
            why,
        );
        h.index = Some(ri);
        h.field = Some(format!("routes[{ri}]"));
        h
    }

    fn gap_hop(&self, s: usize, gap: RouteGap, purpose: &str) -> Hop {
        let t = self.net.t;
        let sub = &t.subnets[s];
        match gap {
            RouteGap::NoTable => on(
                HopKind::Route,
                EntityKind::Subnet,
                &sub.name,
                &sub.id,
                false,
                format!(
                    "subnet {} has no route table, and its VPC no main table",
                    sub.name
                ),
            ),
            RouteGap::NoDefault(rt) => {
                let table = &t.route_tables[rt];
                let mut h = on(
                    HopKind::Route,
                    EntityKind::RouteTable,
                    &table.name,
                    &table.id,
                    false,
                    format!(
                        "route table {} has no route to 0.0.0.0/0: {purpose}",
                        table.name
                    ),
                );
                h.fix = self.igw_route_fix(rt, &sub.vpc.0, None);
                h
            }
        }
    }

    /// A fix that routes `0.0.0.0/0` of table `rt` to the VPC's internet gateway.
    fn igw_route_fix(&self, rt: usize, vpc: &str, replace: Option<usize>) -> Option<Fix> {
        let t = self.net.t;
        let table = &t.route_tables[rt];
        let Some(igw) = self.net.gateway_of(vpc) else {
            return Some(Fix {
                text: format!(
                    "attach an internet gateway to the VPC and route 0.0.0.0/0 of {} to it",
                    table.name
                ),
                edit: None,
            });
        };
        let igw_name = t
            .internet_gateway(igw)
            .map_or(igw.0.clone(), |g| g.name.clone());
        let mut fixed = table.clone();
        let route = crate::model::Route {
            destination: "0.0.0.0/0".into(),
            target: RouteTarget::InternetGateway(igw.clone()),
        };
        match replace {
            Some(ri) => fixed.routes[ri] = route,
            None => fixed.routes.push(route),
        }
        Some(Fix {
            text: format!(
                "route 0.0.0.0/0 of {} to internet gateway {igw_name}",
                table.name
            ),
            edit: Some(Edit::Update(Entity::RouteTable(fixed))),
        })
    }

    /// The internet to `dst`: replies leave through an internet gateway of the VPC.
    fn inbound_route(&mut self, dst: &Place<'_>) {
        let Some(s) = dst.subnet else { return };
        let t = self.net.t;
        let vpc = t.subnets[s].vpc.0.as_str();
        match self.net.default_route(s) {
            Err(gap) => {
                let h = self.gap_hop(
                    s,
                    gap,
                    "nothing from the internet gets in, and no reply gets out",
                );
                self.hops.push(h);
            }
            Ok((rt, ri, RouteTarget::InternetGateway(id))) => self.igw_hop(
                rt,
                ri,
                id,
                vpc,
                "traffic from the internet comes in through",
            ),
            Ok((rt, ri, RouteTarget::NatGateway(id))) => {
                let nat = t.nat_gateway(id).map_or(id.0.as_str(), |n| n.name.as_str());
                let mut h = self.route_hop(
                    rt,
                    ri,
                    false,
                    format!("route table {} sends 0.0.0.0/0 to NAT gateway {nat}, which takes no connections from the internet (a private subnet)", t.route_tables[rt].name),
                );
                h.fix = self.igw_route_fix(rt, vpc, Some(ri));
                self.hops.push(h);
            }
        }
    }

    fn igw_hop(&mut self, rt: usize, ri: usize, id: &Id, vpc: &str, how: &str) {
        let t = self.net.t;
        let table = &t.route_tables[rt].name;
        match self.net.attached(id, vpc) {
            Ok(g) => {
                let igw = &t.internet_gateways[g];
                self.hops.push(self.route_hop(
                    rt,
                    ri,
                    true,
                    format!(
                        "route table {table} sends 0.0.0.0/0 to internet gateway {}",
                        igw.name
                    ),
                ));
                self.hops.push(on(
                    HopKind::Gateway,
                    EntityKind::InternetGateway,
                    &igw.name,
                    &igw.id,
                    true,
                    format!("{how} internet gateway {}, attached to the VPC", igw.name),
                ));
            }
            Err(found) => {
                let mut h = self.route_hop(rt, ri, false, match found {
                    Some(g) => format!("route table {table} sends 0.0.0.0/0 to internet gateway {}, which is not attached to the subnet's VPC", t.internet_gateways[g].name),
                    None => format!("route table {table} sends 0.0.0.0/0 to an internet gateway the design does not have ({id})"),
                });
                h.fix = self.igw_route_fix(rt, vpc, Some(ri));
                self.hops.push(h);
            }
        }
    }

    /// `src` to the internet: an internet gateway (with a public address), or a public
    /// NAT gateway whose own subnet routes to one.
    fn outbound_route(&mut self, src: &Place<'_>) {
        let Some(s) = src.subnet else { return };
        let t = self.net.t;
        let vpc = t.subnets[s].vpc.0.as_str();
        match self.net.default_route(s) {
            Err(gap) => {
                let h = self.gap_hop(s, gap, "nothing gets out to the internet");
                self.hops.push(h);
            }
            Ok((rt, ri, RouteTarget::InternetGateway(id))) => {
                self.igw_hop(rt, ri, id, vpc, "out through");
                if !src.public {
                    let name = src.workload.map_or_else(
                        || t.subnets[s].name.clone(),
                        |w| t.workloads[w].name.clone(),
                    );
                    let mut h = hop(
                        HopKind::Gateway,
                        "public address",
                        src.workload.map(|w| EntityRef::new(EntityKind::Workload, &t.workloads[w].id)),
                        false,
                        format!("{name} has no public address: an internet gateway carries only traffic from public addresses"),
                    );
                    h.fix = Some(Fix { text: format!("give {name} a public address, or route 0.0.0.0/0 of its subnet to a NAT gateway"), edit: None });
                    self.hops.push(h);
                }
            }
            Ok((rt, ri, RouteTarget::NatGateway(id))) => self.through_nat(src, rt, ri, id),
        }
    }

    fn through_nat(&mut self, src: &Place<'_>, rt: usize, ri: usize, id: &Id) {
        let t = self.net.t;
        let table = t.route_tables[rt].name.clone();
        let Some(n) = t.nat_gateways.iter().position(|n| &n.id == id) else {
            self.hops.push(self.route_hop(rt, ri, false, format!("route table {table} sends 0.0.0.0/0 to a NAT gateway the design does not have ({id})")));
            return;
        };
        let nat = &t.nat_gateways[n];
        self.hops.push(self.route_hop(
            rt,
            ri,
            true,
            format!(
                "route table {table} sends 0.0.0.0/0 to NAT gateway {}",
                nat.name
            ),
        ));
        let entity = Some(EntityRef::new(EntityKind::NatGateway, &nat.id));
        if nat.connectivity == NatConnectivity::Private {
            self.hops.push(hop(
                HopKind::Gateway,
                nat.name.clone(),
                entity,
                false,
                format!(
                    "NAT gateway {} is private: it reaches other networks, never the internet",
                    nat.name
                ),
            ));
            return;
        }
        let Some(&ns) = self.net.subnet_at.get(nat.subnet.0.as_str()) else {
            self.hops.push(hop(
                HopKind::Gateway,
                nat.name.clone(),
                entity,
                false,
                format!(
                    "NAT gateway {} is in a subnet the design does not have",
                    nat.name
                ),
            ));
            return;
        };
        let nat_sub = &t.subnets[ns];
        self.hops.push(hop(
            HopKind::Gateway,
            nat.name.clone(),
            entity,
            true,
            format!(
                "NAT gateway {} in subnet {} sends it on from its public address",
                nat.name, nat_sub.name
            ),
        ));
        // The NAT gateway's subnet: its ACL both ways, then its route to the internet.
        let at = self.net.subnet_place(ns, Vec::new(), false, true, None);
        let internet = &self.net.places(Endpoint::Internet)[0];
        if src.subnet != Some(ns) {
            self.acl(&at, AclDirection::Inbound, src, false);
        }
        self.acl(&at, AclDirection::Outbound, internet, false);
        match self.net.default_route(ns) {
            Err(gap) => {
                let h = self.gap_hop(
                    ns,
                    gap,
                    &format!("NAT gateway {} cannot reach the internet", nat.name),
                );
                self.hops.push(h);
            }
            Ok((rt2, ri2, RouteTarget::InternetGateway(igw))) => {
                self.igw_hop(rt2, ri2, igw, &nat_sub.vpc.0, "out through");
            }
            Ok((rt2, ri2, RouteTarget::NatGateway(_))) => {
                let mut h = self.route_hop(
                    rt2,
                    ri2,
                    false,
                    format!(
                        "NAT gateway {}'s subnet {} routes 0.0.0.0/0 to a NAT gateway, not an internet gateway: a NAT gateway belongs in a public subnet",
                        nat.name, nat_sub.name
                    ),
                );
                h.fix = self.igw_route_fix(rt2, &nat_sub.vpc.0, Some(ri2));
                self.hops.push(h);
            }
        }
        self.acl(&at, AclDirection::Inbound, internet, true);
        if src.subnet != Some(ns) {
            self.acl(&at, AclDirection::Outbound, src, true);
        }
    }

    fn local_route(&mut self, src: &Place<'_>, dst: &Place<'_>) {
        let t = self.net.t;
        match (src.vpc, dst.vpc) {
            (Some(a), Some(b)) if a == b => {
                let (name, entity, cidr) = match t.vpcs.iter().find(|v| v.id.0 == a) {
                    Some(v) => (
                        v.name.clone(),
                        Some(EntityRef::new(EntityKind::Vpc, &v.id)),
                        v.cidr.clone(),
                    ),
                    None => (a.to_string(), None, String::new()),
                };
                self.hops.push(hop(
                    HopKind::Route,
                    name.clone(),
                    entity,
                    true,
                    format!("the local route of VPC {name} ({cidr}) joins every subnet in it"),
                ));
            }
            (a, b) => {
                let vname = |v: Option<&str>| {
                    v.and_then(|v| t.vpcs.iter().find(|x| x.id.0 == v))
                        .map_or("?".to_string(), |v| v.name.clone())
                };
                self.hops.push(hop(
                    HopKind::Route,
                    vname(a),
                    None,
                    false,
                    format!("no route from VPC {} to VPC {}: the design holds no peering or transit gateway between them", vname(a), vname(b)),
                ));
            }
        }
    }
}

/// A security group rule, as a message names it: `tcp/5432`, `all traffic`.
fn describe_rule(rule: &Rule) -> String {
    match rule.protocol {
        Protocol::All => "all traffic".into(),
        Protocol::Icmp => rule.ports_label(),
        p => format!("{}/{}", p.as_aws(), rule.ports_label()),
    }
}

/// How a message names a rule's peer: its group, or its block (with the other side's
/// name when the block is not the other side's own).
fn rule_peer(t: &Topology, rule: &Rule, far: &str) -> String {
    match &rule.peer {
        Peer::SecurityGroup(id) => t
            .security_group(id)
            .map_or(id.0.clone(), |g| g.name.clone()),
        Peer::Cidr(c) if far == "the internet" && crate::cidr::is_default_route(c) => {
            "the internet".into()
        }
        Peer::Cidr(c) => format!("{c}, which holds {far}"),
    }
}

/// The rule a fix adds: the question's traffic, with a description AWS accepts.
fn fix_rule(traffic: Traffic, want: &Ranges, peer: Peer, far: &str) -> Rule {
    let (from, to) = want
        .spans()
        .first()
        .map_or((0, 65_535), |&(a, b)| (a as i32, b as i32));
    let (protocol, from_port, to_port) = match traffic {
        Traffic::Tcp => (Protocol::Tcp, from, to),
        Traffic::Udp => (Protocol::Udp, from, to),
        Traffic::Icmp if *want == Traffic::Icmp.every() => (Protocol::Icmp, -1, -1),
        Traffic::Icmp => (Protocol::Icmp, from, -1),
        Traffic::All => (Protocol::All, -1, -1),
    };
    let description = crate::validate::charset::rule_description(&format!(
        "{} from {far}",
        traffic.describe(want)
    ));
    Rule {
        protocol,
        from_port,
        to_port,
        peer,
        description,
    }
}

/// The entry a fix adds to `acl`: allow the traffic, numbered below the deny that stops
/// it (`below`), else after the last entry.
fn fix_entry(
    acl: &NetworkAcl,
    dir: AclDirection,
    below: Option<i32>,
    traffic: Traffic,
    ports: &Ranges,
    cidr: &str,
) -> Option<(i32, AclEntry)> {
    let used: Vec<i32> = acl.entries(dir).iter().map(|e| e.rule_number).collect();
    let number = match below {
        Some(n) => (1..n).rev().find(|k| !used.contains(k))?,
        None => {
            let top = used.iter().copied().max().unwrap_or(0);
            let next = (top / 10 + 1) * 10;
            (next..=crate::model::MAX_RULE_NUMBER).find(|k| !used.contains(k))?
        }
    };
    let label = ports.label();
    let (protocol, port_text, icmp) = match traffic {
        Traffic::Tcp => ("tcp", label, None),
        Traffic::Udp => ("udp", label, None),
        Traffic::Icmp if *ports == Traffic::Icmp.every() => ("icmp", String::new(), Some(-1)),
        Traffic::Icmp => (
            "icmp",
            String::new(),
            ports.spans().first().map(|&(a, _)| a as i32),
        ),
        Traffic::All => ("all", String::new(), None),
    };
    let port_text = if *ports == Traffic::Tcp.every() && protocol != "icmp" && protocol != "all" {
        "all".to_string()
    } else {
        port_text
    };
    let mut e = AclEntry::new(number, AclAction::Allow, protocol, port_text, cidr);
    if let Some(ty) = icmp {
        e.icmp_type = ty;
    }
    Some((number, e))
}

#[cfg(test)]
mod tests;
