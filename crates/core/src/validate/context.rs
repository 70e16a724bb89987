//! The per-call index every rule family reads: ids resolved to list positions, blocks
//! and peers parsed once, each subnet's route table. Built once per `validate` call in
//! O(n) (plus hashing), so no rule needs a linear search.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::diagnostic::{Diagnostic, Fix, Severity};
use super::parse::{parse_peer, parse_v4};
use super::rules::RuleInfo;
use crate::cidr::{Cidr, CidrError, IpNet};
use crate::model::{EntityKind, EntityRef, Id, Peer, RouteTarget, Topology};

pub(super) use crate::strmap::{StrMap, WordHash};

/// What a reference resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// An entity of the wanted kind, at this position of its list.
    Found(usize),
    /// No entity has the id.
    Missing,
    /// An entity of another kind has the id.
    WrongKind(EntityKind),
}

impl Target {
    /// The position, when the reference resolved to the wanted kind.
    pub fn found(self) -> Option<usize> {
        match self {
            Target::Found(i) => Some(i),
            _ => None,
        }
    }
}

/// A rule's peer, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PeerInfo {
    /// A CIDR peer: its canonical block and whether host bits were set, or why not.
    Cidr(Result<(IpNet, bool), CidrError>),
    /// A group peer, resolved.
    Group(Target),
}

impl PeerInfo {
    /// Whether the peer is the whole internet (`0.0.0.0/0` or `::/0`).
    pub fn is_world(&self) -> bool {
        matches!(self, PeerInfo::Cidr(Ok((net, _))) if net.prefix_len() == 0)
    }
}

/// Which kind of gateway a route targets, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gateway {
    /// An internet gateway.
    Igw(Target),
    /// A NAT gateway.
    Nat(Target),
}

/// Everything a rule family needs, computed once.
pub(super) struct Ctx<'t> {
    /// The design.
    pub t: &'t Topology,
    ids: StrMap<'t, (EntityKind, usize)>,
    /// Entities whose id was already taken, as (later, first).
    pub duplicate_ids: Vec<((EntityKind, usize), (EntityKind, usize))>,
    /// Every VPC's blocks parsed, primary first.
    pub vpc_blocks: Vec<Vec<Result<Cidr, CidrError>>>,
    /// Every subnet's block parsed.
    pub subnet_block: Vec<Result<Cidr, CidrError>>,
    /// Every subnet's VPC.
    pub subnet_vpc: Vec<Target>,
    /// Every internet gateway's VPC (`None` when detached).
    pub igw_vpc: Vec<Option<Target>>,
    /// Every NAT gateway's subnet.
    pub nat_subnet: Vec<Target>,
    /// Every route table's VPC.
    pub table_vpc: Vec<Target>,
    /// Routes of all tables, flat: destination parsed, target resolved.
    pub routes: Vec<(Result<Cidr, CidrError>, Gateway)>,
    /// Where each table's routes start in `routes` (one more entry than tables).
    pub route_start: Vec<usize>,
    /// Each table's default route (`0.0.0.0/0`), if any.
    pub table_default: Vec<Option<Gateway>>,
    /// Each table's associated subnets, resolved.
    pub table_subnets: Vec<Vec<Target>>,
    /// Each subnet's first explicit route table.
    pub subnet_table: Vec<Option<usize>>,
    /// Each VPC's first main route table.
    pub main_table: Vec<Option<usize>>,
    /// Every security group's VPC.
    pub sg_vpc: Vec<Target>,
    /// Peers of all rules, flat: per group, ingress then egress.
    pub peers: Vec<PeerInfo>,
    /// Where each group's ingress and egress peers start in `peers`.
    pub peer_start: Vec<[usize; 2]>,
    /// The findings so far.
    pub diags: Vec<Diagnostic>,
}

impl<'t> Ctx<'t> {
    /// Indexes `t`.
    pub fn new(t: &'t Topology) -> Self {
        let total = t.vpcs.len()
            + t.subnets.len()
            + t.internet_gateways.len()
            + t.nat_gateways.len()
            + t.route_tables.len()
            + t.security_groups.len()
            + t.iam_roles.len()
            + t.network_acls.len()
            + t.workloads.len();
        let mut ids: StrMap<'t, (EntityKind, usize)> =
            HashMap::with_capacity_and_hasher(total, BuildHasherDefault::default());
        let mut duplicate_ids = Vec::new();
        let mut add = |kind: EntityKind, i: usize, id: &'t Id| {
            if let Some(first) = ids.get(id.as_str()) {
                duplicate_ids.push(((kind, i), *first));
            } else {
                ids.insert(id.as_str(), (kind, i));
            }
        };
        for (i, e) in t.vpcs.iter().enumerate() {
            add(EntityKind::Vpc, i, &e.id);
        }
        for (i, e) in t.subnets.iter().enumerate() {
            add(EntityKind::Subnet, i, &e.id);
        }
        for (i, e) in t.internet_gateways.iter().enumerate() {
            add(EntityKind::InternetGateway, i, &e.id);
        }
        for (i, e) in t.nat_gateways.iter().enumerate() {
            add(EntityKind::NatGateway, i, &e.id);
        }
        for (i, e) in t.route_tables.iter().enumerate() {
            add(EntityKind::RouteTable, i, &e.id);
        }
        for (i, e) in t.network_acls.iter().enumerate() {
            add(EntityKind::NetworkAcl, i, &e.id);
        }
        for (i, e) in t.security_groups.iter().enumerate() {
            add(EntityKind::SecurityGroup, i, &e.id);
        }
        for (i, e) in t.workloads.iter().enumerate() {
            add(EntityKind::Workload, i, &e.id);
        }
        for (i, e) in t.iam_roles.iter().enumerate() {
            add(EntityKind::IamRole, i, &e.id);
        }

        let mut c = Ctx {
            t,
            ids,
            duplicate_ids,
            vpc_blocks: Vec::new(),
            subnet_block: Vec::new(),
            subnet_vpc: Vec::new(),
            igw_vpc: Vec::new(),
            nat_subnet: Vec::new(),
            table_vpc: Vec::new(),
            routes: Vec::new(),
            route_start: Vec::new(),
            table_default: Vec::new(),
            table_subnets: Vec::new(),
            subnet_table: vec![None; t.subnets.len()],
            main_table: vec![None; t.vpcs.len()],
            sg_vpc: Vec::new(),
            peers: Vec::new(),
            peer_start: Vec::new(),
            diags: Vec::new(),
        };
        c.vpc_blocks = t
            .vpcs
            .iter()
            .map(|v| v.cidrs().map(parse_v4).collect())
            .collect();
        c.subnet_block = t.subnets.iter().map(|s| parse_v4(&s.cidr)).collect();
        c.subnet_vpc = t
            .subnets
            .iter()
            .map(|s| c.resolve(&s.vpc, EntityKind::Vpc))
            .collect();
        c.igw_vpc = t
            .internet_gateways
            .iter()
            .map(|g| g.vpc.as_ref().map(|v| c.resolve(v, EntityKind::Vpc)))
            .collect();
        c.nat_subnet = t
            .nat_gateways
            .iter()
            .map(|n| c.resolve(&n.subnet, EntityKind::Subnet))
            .collect();
        c.index_tables();
        c.index_groups();
        c
    }

    fn index_tables(&mut self) {
        let t = self.t;
        let total: usize = t.route_tables.iter().map(|r| r.routes.len()).sum();
        self.routes.reserve(total);
        for (ti, table) in t.route_tables.iter().enumerate() {
            let vpc = self.resolve(&table.vpc, EntityKind::Vpc);
            self.table_vpc.push(vpc);
            if let (true, Some(v)) = (table.main, vpc.found()) {
                self.main_table[v].get_or_insert(ti);
            }
            self.route_start.push(self.routes.len());
            let mut default = None;
            for r in &table.routes {
                let dest = parse_v4(&r.destination);
                let gw = match &r.target {
                    RouteTarget::InternetGateway(id) => {
                        Gateway::Igw(self.resolve(id, EntityKind::InternetGateway))
                    }
                    RouteTarget::NatGateway(id) => {
                        Gateway::Nat(self.resolve(id, EntityKind::NatGateway))
                    }
                };
                if default.is_none() && matches!(&dest, Ok(c) if c.net.prefix_len() == 0) {
                    default = Some(gw);
                }
                self.routes.push((dest, gw));
            }
            self.table_default.push(default);
            let subnets: Vec<Target> = table
                .subnets
                .iter()
                .map(|s| self.resolve(s, EntityKind::Subnet))
                .collect();
            for s in subnets.iter().filter_map(|s| s.found()) {
                self.subnet_table[s].get_or_insert(ti);
            }
            self.table_subnets.push(subnets);
        }
        self.route_start.push(self.routes.len());
    }

    fn index_groups(&mut self) {
        let t = self.t;
        let total: usize = t
            .security_groups
            .iter()
            .map(|g| g.ingress.len() + g.egress.len())
            .sum();
        self.peers.reserve(total);
        for g in &t.security_groups {
            self.sg_vpc.push(self.resolve(&g.vpc, EntityKind::Vpc));
            let ingress_start = self.peers.len();
            for r in &g.ingress {
                let p = self.peer_info(&r.peer);
                self.peers.push(p);
            }
            let egress_start = self.peers.len();
            for r in &g.egress {
                let p = self.peer_info(&r.peer);
                self.peers.push(p);
            }
            self.peer_start.push([ingress_start, egress_start]);
        }
    }

    fn peer_info(&self, peer: &Peer) -> PeerInfo {
        match peer {
            Peer::Cidr(text) => PeerInfo::Cidr(parse_peer(text)),
            Peer::SecurityGroup(id) => PeerInfo::Group(self.resolve(id, EntityKind::SecurityGroup)),
        }
    }

    /// Resolves `id`, wanting an entity of `kind`.
    pub fn resolve(&self, id: &Id, kind: EntityKind) -> Target {
        match self.ids.get(id.as_str()) {
            Some(&(k, i)) if k == kind => Target::Found(i),
            Some(&(k, _)) => Target::WrongKind(k),
            None => Target::Missing,
        }
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    pub fn table_of(&self, subnet: usize) -> Option<usize> {
        self.subnet_table[subnet].or_else(|| {
            self.subnet_vpc[subnet]
                .found()
                .and_then(|v| self.main_table[v])
        })
    }

    /// Whether the subnet's route table sends `0.0.0.0/0` to an existing internet gateway.
    pub fn is_public(&self, subnet: usize) -> bool {
        self.table_of(subnet).is_some_and(|ti| {
            matches!(self.table_default[ti], Some(Gateway::Igw(Target::Found(_))))
        })
    }

    /// The routes of table `ti`, parsed.
    pub fn routes_of(&self, ti: usize) -> &[(Result<Cidr, CidrError>, Gateway)] {
        &self.routes[self.route_start[ti]..self.route_start[ti + 1]]
    }

    /// The peers of group `gi`: ingress (`egress == false`) or egress.
    pub fn peers_of(&self, gi: usize, egress: bool) -> &[PeerInfo] {
        let [ingress, out] = self.peer_start[gi];
        let end = self
            .peer_start
            .get(gi + 1)
            .map_or(self.peers.len(), |s| s[0]);
        if egress {
            &self.peers[out..end]
        } else {
            &self.peers[ingress..out]
        }
    }

    /// How many entities of `kind` the design has (1 for the design itself).
    pub fn count(&self, kind: EntityKind) -> usize {
        let t = self.t;
        match kind {
            EntityKind::Vpc => t.vpcs.len(),
            EntityKind::Subnet => t.subnets.len(),
            EntityKind::InternetGateway => t.internet_gateways.len(),
            EntityKind::NatGateway => t.nat_gateways.len(),
            EntityKind::RouteTable => t.route_tables.len(),
            EntityKind::NetworkAcl => t.network_acls.len(),
            EntityKind::SecurityGroup => t.security_groups.len(),
            EntityKind::Workload => t.workloads.len(),
            EntityKind::IamRole => t.iam_roles.len(),
            EntityKind::Design => 1,
        }
    }

    /// The id of the entity at position `i` of `kind`'s list.
    pub fn id(&self, kind: EntityKind, i: usize) -> &'t Id {
        let t = self.t;
        match kind {
            EntityKind::Vpc => &t.vpcs[i].id,
            EntityKind::Subnet => &t.subnets[i].id,
            EntityKind::InternetGateway => &t.internet_gateways[i].id,
            EntityKind::NatGateway => &t.nat_gateways[i].id,
            EntityKind::RouteTable => &t.route_tables[i].id,
            EntityKind::NetworkAcl => &t.network_acls[i].id,
            EntityKind::SecurityGroup => &t.security_groups[i].id,
            EntityKind::Workload => &t.workloads[i].id,
            EntityKind::IamRole => &t.iam_roles[i].id,
            EntityKind::Design => &EMPTY_ID,
        }
    }

    /// A reference to the entity at position `i` of `kind`'s list.
    pub fn at(&self, kind: EntityKind, i: usize) -> EntityRef {
        if kind == EntityKind::Design {
            return EntityRef::design();
        }
        EntityRef::new(kind, self.id(kind, i))
    }

    /// The name of the entity at position `i` of `kind`'s list, as typed.
    pub fn raw_name(&self, kind: EntityKind, i: usize) -> &'t str {
        let t = self.t;
        match kind {
            EntityKind::Vpc => &t.vpcs[i].name,
            EntityKind::Subnet => &t.subnets[i].name,
            EntityKind::InternetGateway => &t.internet_gateways[i].name,
            EntityKind::NatGateway => &t.nat_gateways[i].name,
            EntityKind::RouteTable => &t.route_tables[i].name,
            EntityKind::NetworkAcl => &t.network_acls[i].name,
            EntityKind::SecurityGroup => &t.security_groups[i].name,
            EntityKind::Workload => &t.workloads[i].name,
            EntityKind::IamRole => &t.iam_roles[i].name,
            EntityKind::Design => &t.name,
        }
    }

    /// How a message names the entity: `subnet smartinvoice-public-1a`, or its id when
    /// it has no name yet.
    pub fn name(&self, kind: EntityKind, i: usize) -> String {
        let n = self.raw_name(kind, i);
        if super::text::blank(n) {
            format!("unnamed {} (id \"{}\")", kind.label(), self.id(kind, i))
        } else {
            format!("{} {n}", kind.label())
        }
    }

    /// Records a finding of `rule`, at the rule's severity.
    pub fn emit(
        &mut self,
        rule: &RuleInfo,
        entity: EntityRef,
        field: Option<String>,
        message: String,
        fix: Option<Fix>,
    ) {
        self.emit_as(rule, rule.severity, entity, field, message, fix);
    }

    /// Records a finding of `rule` at `severity`, for a rule whose severity depends on
    /// the finding (one of those [`RuleInfo::reports`]).
    pub fn emit_as(
        &mut self,
        rule: &RuleInfo,
        severity: Severity,
        entity: EntityRef,
        field: Option<String>,
        message: String,
        fix: Option<Fix>,
    ) {
        debug_assert!(rule.reports(severity), "{} at {severity}", rule.code);
        self.diags.push(Diagnostic {
            code: rule.code,
            severity,
            entity,
            field,
            message,
            fix,
        });
    }
}

static EMPTY_ID: Id = Id(String::new());

/// A fix, with a replacement value when there is one.
pub(super) fn fix(label: impl Into<String>, replacement: Option<String>) -> Option<Fix> {
    Some(Fix {
        label: label.into(),
        replacement,
    })
}
