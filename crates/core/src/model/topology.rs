//! The document: one design with its region, every entity, and the diagram layout.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    IamRole, Id, InternetGateway, NatGateway, NetworkAcl, RouteTable, RouteTarget, SecurityGroup,
    Subnet, Tier, Vpc, Workload,
};

/// A point on the diagram, in diagram units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

// Positions are finite numbers (the format rejects NaN), so equality is total.
impl Eq for Point {}

/// Hand-set diagram positions. Never affects what is deployed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Positions a user set by hand, by entity id.
    pub positions: BTreeMap<Id, Point>,
}

/// The kinds of entity a design holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// The design itself (its name and region).
    Design,
    /// A VPC.
    Vpc,
    /// A subnet.
    Subnet,
    /// An internet gateway.
    InternetGateway,
    /// A NAT gateway.
    NatGateway,
    /// A route table.
    RouteTable,
    /// A network ACL.
    NetworkAcl,
    /// A security group.
    SecurityGroup,
    /// A workload (what runs in the subnets; never deployed).
    Workload,
    /// An IAM role.
    IamRole,
}

impl EntityKind {
    /// Every kind of resource a design holds (all but [`EntityKind::Design`]), in
    /// document order.
    pub const RESOURCES: [EntityKind; 9] = [
        EntityKind::Vpc,
        EntityKind::Subnet,
        EntityKind::InternetGateway,
        EntityKind::NatGateway,
        EntityKind::RouteTable,
        EntityKind::NetworkAcl,
        EntityKind::SecurityGroup,
        EntityKind::Workload,
        EntityKind::IamRole,
    ];

    /// A short human label, e.g. `subnet` or `security group`.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Design => "design",
            EntityKind::Vpc => "vpc",
            EntityKind::Subnet => "subnet",
            EntityKind::InternetGateway => "internet gateway",
            EntityKind::NatGateway => "nat gateway",
            EntityKind::RouteTable => "route table",
            EntityKind::NetworkAcl => "network acl",
            EntityKind::SecurityGroup => "security group",
            EntityKind::Workload => "workload",
            EntityKind::IamRole => "iam role",
        }
    }

    /// The key of this kind's list in the saved format, e.g. `subnets`.
    pub fn collection(self) -> &'static str {
        match self {
            EntityKind::Design => "design",
            EntityKind::Vpc => "vpcs",
            EntityKind::Subnet => "subnets",
            EntityKind::InternetGateway => "internet_gateways",
            EntityKind::NatGateway => "nat_gateways",
            EntityKind::RouteTable => "route_tables",
            EntityKind::NetworkAcl => "network_acls",
            EntityKind::SecurityGroup => "security_groups",
            EntityKind::Workload => "workloads",
            EntityKind::IamRole => "iam_roles",
        }
    }

    /// The prefix of ids made by [`Topology::fresh_id`], e.g. `subnet`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityKind::Design => "design",
            EntityKind::Vpc => "vpc",
            EntityKind::Subnet => "subnet",
            EntityKind::InternetGateway => "igw",
            EntityKind::NatGateway => "nat",
            EntityKind::RouteTable => "rt",
            EntityKind::NetworkAcl => "acl",
            EntityKind::SecurityGroup => "sg",
            EntityKind::Workload => "wl",
            EntityKind::IamRole => "role",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A pointer at one entity: its kind and id (the design itself has an empty id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityRef {
    /// What kind of entity.
    pub kind: EntityKind,
    /// Its id.
    pub id: Id,
}

impl EntityRef {
    /// A reference to an entity of `kind` with `id`.
    pub fn new(kind: EntityKind, id: &Id) -> Self {
        EntityRef {
            kind,
            id: id.clone(),
        }
    }

    /// A reference to the design itself.
    pub fn design() -> Self {
        EntityRef {
            kind: EntityKind::Design,
            id: Id::default(),
        }
    }
}

/// One network design: a region and every resource in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Topology {
    /// The design's name; also the value of the tag that marks its resources.
    pub name: String,
    /// AWS Region, e.g. `ap-southeast-1`.
    pub region: String,
    /// VPCs.
    pub vpcs: Vec<Vpc>,
    /// Subnets.
    pub subnets: Vec<Subnet>,
    /// Internet gateways.
    pub internet_gateways: Vec<InternetGateway>,
    /// NAT gateways.
    pub nat_gateways: Vec<NatGateway>,
    /// Route tables.
    pub route_tables: Vec<RouteTable>,
    /// Network ACLs besides each VPC's default one (which allows all).
    pub network_acls: Vec<NetworkAcl>,
    /// Security groups.
    pub security_groups: Vec<SecurityGroup>,
    /// Workloads: what runs in the subnets, behind which groups (never deployed).
    pub workloads: Vec<Workload>,
    /// IAM roles.
    pub iam_roles: Vec<IamRole>,
    /// Diagram positions set by hand.
    pub layout: Layout,
}

impl Topology {
    /// An empty design in `region`.
    pub fn new(name: impl Into<String>, region: impl Into<String>) -> Self {
        Topology {
            name: name.into(),
            region: region.into(),
            ..Default::default()
        }
    }

    /// The VPC with `id`.
    pub fn vpc(&self, id: &Id) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| &v.id == id)
    }

    /// The subnet with `id`.
    pub fn subnet(&self, id: &Id) -> Option<&Subnet> {
        self.subnets.iter().find(|s| &s.id == id)
    }

    /// The internet gateway with `id`.
    pub fn internet_gateway(&self, id: &Id) -> Option<&InternetGateway> {
        self.internet_gateways.iter().find(|g| &g.id == id)
    }

    /// The NAT gateway with `id`.
    pub fn nat_gateway(&self, id: &Id) -> Option<&NatGateway> {
        self.nat_gateways.iter().find(|g| &g.id == id)
    }

    /// The route table with `id`.
    pub fn route_table(&self, id: &Id) -> Option<&RouteTable> {
        self.route_tables.iter().find(|t| &t.id == id)
    }

    /// The network ACL with `id`.
    pub fn network_acl(&self, id: &Id) -> Option<&NetworkAcl> {
        self.network_acls.iter().find(|a| &a.id == id)
    }

    /// The workload with `id`.
    pub fn workload(&self, id: &Id) -> Option<&Workload> {
        self.workloads.iter().find(|w| &w.id == id)
    }

    /// The security group with `id`.
    pub fn security_group(&self, id: &Id) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|g| &g.id == id)
    }

    /// The IAM role with `id`.
    pub fn iam_role(&self, id: &Id) -> Option<&IamRole> {
        self.iam_roles.iter().find(|r| &r.id == id)
    }

    /// Every entity of the design as `(reference, name)`, in document order.
    pub fn entities(&self) -> Vec<(EntityRef, &str)> {
        let mut out = Vec::new();
        macro_rules! push {
            ($list:expr, $kind:expr) => {
                out.extend(
                    $list
                        .iter()
                        .map(|e| (EntityRef::new($kind, &e.id), e.name.as_str())),
                );
            };
        }
        push!(self.vpcs, EntityKind::Vpc);
        push!(self.subnets, EntityKind::Subnet);
        push!(self.internet_gateways, EntityKind::InternetGateway);
        push!(self.nat_gateways, EntityKind::NatGateway);
        push!(self.route_tables, EntityKind::RouteTable);
        push!(self.network_acls, EntityKind::NetworkAcl);
        push!(self.security_groups, EntityKind::SecurityGroup);
        push!(self.workloads, EntityKind::Workload);
        push!(self.iam_roles, EntityKind::IamRole);
        out
    }

    /// The kind and name of the entity with `id`, if any.
    pub fn find(&self, id: &Id) -> Option<(EntityKind, &str)> {
        self.entities()
            .into_iter()
            .find(|(r, _)| &r.id == id)
            .map(|(r, n)| (r.kind, n))
    }

    /// An id not used by any entity, of the form `{prefix}-{n}`.
    ///
    /// ```
    /// use netwright_core::{model::EntityKind, Topology};
    /// let t = netwright_core::templates::smartinvoice();
    /// let id = t.fresh_id(EntityKind::Subnet);
    /// assert!(t.find(&id).is_none());
    /// ```
    pub fn fresh_id(&self, kind: EntityKind) -> Id {
        let prefix = kind.id_prefix();
        let entities = self.entities();
        let used: std::collections::HashSet<&str> =
            entities.iter().map(|(r, _)| r.id.as_str()).collect();
        let mut n = 1usize;
        loop {
            let candidate = format!("{prefix}-{n}");
            if !used.contains(candidate.as_str()) {
                return Id(candidate);
            }
            n += 1;
        }
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|t| t.subnets.contains(&subnet.id))
            .or_else(|| {
                self.route_tables
                    .iter()
                    .find(|t| t.main && t.vpc == subnet.vpc)
            })
    }

    /// The network ACL of the design a subnet is associated with; `None` means the
    /// VPC's default ACL, which the model treats as AWS creates it: allow all traffic
    /// in and out, IPv4 and IPv6 (see [`crate::model::decide`]).
    ///
    /// ```
    /// let t = netwright_core::templates::smartinvoice();
    /// assert!(t.network_acl_of(&t.subnets[0].id).is_none());
    /// ```
    pub fn network_acl_of(&self, subnet: &Id) -> Option<&NetworkAcl> {
        self.network_acls
            .iter()
            .find(|a| a.subnets.contains(subnet))
    }

    /// Where the subnet's default route (`0.0.0.0/0`) goes, if it has one.
    pub fn default_route_of(&self, subnet: &Subnet) -> Option<&RouteTarget> {
        self.route_table_of(subnet)?
            .routes
            .iter()
            .find(|r| crate::cidr::is_default_route(&r.destination))
            .map(|r| &r.target)
    }

    /// The subnet's tier, derived from its route table.
    ///
    /// ```
    /// use netwright_core::model::Tier;
    /// let t = netwright_core::templates::smartinvoice();
    /// let public = t.subnets.iter().find(|s| s.name == "smartinvoice-public-1a").unwrap();
    /// assert_eq!(t.tier(public), Tier::Public);
    /// ```
    pub fn tier(&self, subnet: &Subnet) -> Tier {
        match self.default_route_of(subnet) {
            Some(RouteTarget::InternetGateway(id)) if self.internet_gateway(id).is_some() => {
                Tier::Public
            }
            Some(RouteTarget::NatGateway(id)) if self.nat_gateway(id).is_some() => {
                Tier::PrivateWithEgress
            }
            _ => Tier::Isolated,
        }
    }

    /// The Availability Zones used by the VPC's subnets, sorted.
    pub fn availability_zones(&self, vpc: &Id) -> Vec<&str> {
        let mut azs: Vec<&str> = self
            .subnets
            .iter()
            .filter(|s| &s.vpc == vpc)
            .map(|s| s.availability_zone.as_str())
            .collect();
        crate::order::sort(&mut azs);
        azs.dedup();
        azs
    }
}
