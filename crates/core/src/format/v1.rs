//! Version 1 of the saved format: DTO types separate from the model, so the model
//! can change while files written today keep their meaning.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{LoadError, CURRENT_VERSION, FORMAT};
use crate::model::{
    ElasticIp, EntityKind, IamRole, Id, InternetGateway, Layout, NatConnectivity, NatGateway, Peer,
    Point, Protocol, Route, RouteTable, RouteTarget, Rule, SecurityGroup, Subnet, Tenancy,
    Topology, Vpc,
};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

type Tags = BTreeMap<String, String>;

fn is_empty_tags(t: &Tags) -> bool {
    t.is_empty()
}

fn yes() -> bool {
    true
}

/// The file: `{"format": "netwright-topology", "version": 1, "design": {...}}`.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Netwright design file"))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always `netwright-topology`.
    #[cfg_attr(feature = "schema", schemars(extend("const" = "netwright-topology")))]
    pub format: String,
    /// Format version, 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub version: u64,
    /// The design.
    pub design: Design,
}

/// A design.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Design name; also tags every deployed resource.
    pub name: String,
    /// AWS Region, e.g. `ap-southeast-1`.
    pub region: String,
    /// VPCs.
    #[serde(default)]
    pub vpcs: Vec<VpcDto>,
    /// Subnets.
    #[serde(default)]
    pub subnets: Vec<SubnetDto>,
    /// Internet gateways.
    #[serde(default)]
    pub internet_gateways: Vec<InternetGatewayDto>,
    /// NAT gateways.
    #[serde(default)]
    pub nat_gateways: Vec<NatGatewayDto>,
    /// Route tables.
    #[serde(default)]
    pub route_tables: Vec<RouteTableDto>,
    /// Security groups.
    #[serde(default)]
    pub security_groups: Vec<SecurityGroupDto>,
    /// IAM roles.
    #[serde(default)]
    pub iam_roles: Vec<IamRoleDto>,
    /// Diagram positions set by hand; never affects what is deployed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<String, PointDto>,
}

/// A VPC.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VpcDto {
    /// Stable id, unique in the design.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Primary IPv4 block, e.g. `10.0.0.0/16`.
    pub cidr: String,
    /// Secondary IPv4 blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_cidrs: Vec<String>,
    /// `default` or `dedicated`.
    #[serde(default)]
    pub tenancy: TenancyDto,
    /// DNS resolution through the Amazon-provided server.
    #[serde(default = "yes")]
    pub enable_dns_support: bool,
    /// Public DNS hostnames for instances with public addresses.
    #[serde(default)]
    pub enable_dns_hostnames: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// Instance tenancy.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TenancyDto {
    /// Shared hardware.
    #[default]
    Default,
    /// Dedicated hardware.
    Dedicated,
}

/// A subnet.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubnetDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Availability Zone, e.g. `ap-southeast-1a`.
    pub availability_zone: String,
    /// IPv4 block.
    pub cidr: String,
    /// Give instances a public IPv4 address at launch.
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// An internet gateway.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InternetGatewayDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of the VPC it is attached to; absent while detached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// NAT gateway connectivity.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConnectivityDto {
    /// Reaches the internet through an Elastic IP.
    #[default]
    Public,
    /// Reaches other networks only.
    Private,
}

/// An Elastic IP.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElasticIpDto {
    /// Name tag of the allocation.
    pub name: String,
}

/// A NAT gateway.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NatGatewayDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of the subnet it lives in.
    pub subnet: String,
    /// `public` or `private`.
    #[serde(default)]
    pub connectivity: ConnectivityDto,
    /// The Elastic IP of a public NAT gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<ElasticIpDto>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// Where a route goes: exactly one of the keys.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TargetDto {
    /// Id of an internet gateway.
    InternetGateway(String),
    /// Id of a NAT gateway.
    NatGateway(String),
}

/// A route.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RouteDto {
    /// Destination IPv4 block.
    pub destination: String,
    /// Target gateway.
    pub target: TargetDto,
}

/// A route table.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RouteTableDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Whether it is the VPC's main table.
    #[serde(default)]
    pub main: bool,
    /// Routes besides the implicit local ones.
    #[serde(default)]
    pub routes: Vec<RouteDto>,
    /// Ids of explicitly associated subnets.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// Rule protocol.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ProtocolDto {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// All protocols and ports.
    All,
}

/// The other side of a rule: exactly one of the keys.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PeerDto {
    /// An IPv4 or IPv6 block.
    Cidr(String),
    /// Id of a security group.
    SecurityGroup(String),
}

/// A security group rule.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleDto {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: ProtocolDto,
    /// First port (ICMP: type); -1 when not applicable.
    pub from_port: i32,
    /// Last port (ICMP: code); -1 when not applicable.
    pub to_port: i32,
    /// Source (inbound) or destination (outbound).
    pub peer: PeerDto,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A security group.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupDto {
    /// Stable id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Group description.
    pub description: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Inbound rules.
    #[serde(default)]
    pub ingress: Vec<RuleDto>,
    /// Outbound rules; an empty list allows no outbound traffic.
    #[serde(default)]
    pub egress: Vec<RuleDto>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// An IAM role.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IamRoleDto {
    /// Stable id.
    pub id: String,
    /// Role name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Service principals that may assume the role.
    #[serde(default)]
    pub trusted_services: Vec<String>,
    /// AWS managed policy names (or full policy ARNs).
    #[serde(default)]
    pub managed_policies: Vec<String>,
    /// Wrap the role in an instance profile of the same name.
    #[serde(default)]
    pub instance_profile: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// A diagram position.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointDto {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

// ---- model -> DTO -------------------------------------------------------------

fn rule_to_dto(r: &Rule) -> RuleDto {
    RuleDto {
        protocol: match r.protocol {
            Protocol::Tcp => ProtocolDto::Tcp,
            Protocol::Udp => ProtocolDto::Udp,
            Protocol::Icmp => ProtocolDto::Icmp,
            Protocol::All => ProtocolDto::All,
        },
        from_port: r.from_port,
        to_port: r.to_port,
        peer: match &r.peer {
            Peer::Cidr(c) => PeerDto::Cidr(c.clone()),
            Peer::SecurityGroup(id) => PeerDto::SecurityGroup(id.0.clone()),
        },
        description: r.description.clone(),
    }
}

impl Envelope {
    /// The envelope for a design, at the current version.
    pub fn from_model(t: &Topology) -> Self {
        let ids = |v: &[Id]| v.iter().map(|i| i.0.clone()).collect::<Vec<_>>();
        let design = Design {
            name: t.name.clone(),
            region: t.region.clone(),
            vpcs: t
                .vpcs
                .iter()
                .map(|v| VpcDto {
                    id: v.id.0.clone(),
                    name: v.name.clone(),
                    cidr: v.cidr.clone(),
                    secondary_cidrs: v.secondary_cidrs.clone(),
                    tenancy: match v.tenancy {
                        Tenancy::Default => TenancyDto::Default,
                        Tenancy::Dedicated => TenancyDto::Dedicated,
                    },
                    enable_dns_support: v.enable_dns_support,
                    enable_dns_hostnames: v.enable_dns_hostnames,
                    tags: v.tags.clone(),
                })
                .collect(),
            subnets: t
                .subnets
                .iter()
                .map(|s| SubnetDto {
                    id: s.id.0.clone(),
                    name: s.name.clone(),
                    vpc: s.vpc.0.clone(),
                    availability_zone: s.availability_zone.clone(),
                    cidr: s.cidr.clone(),
                    map_public_ip_on_launch: s.map_public_ip_on_launch,
                    tags: s.tags.clone(),
                })
                .collect(),
            internet_gateways: t
                .internet_gateways
                .iter()
                .map(|g| InternetGatewayDto {
                    id: g.id.0.clone(),
                    name: g.name.clone(),
                    vpc: g.vpc.as_ref().map(|v| v.0.clone()),
                    tags: g.tags.clone(),
                })
                .collect(),
            nat_gateways: t
                .nat_gateways
                .iter()
                .map(|g| NatGatewayDto {
                    id: g.id.0.clone(),
                    name: g.name.clone(),
                    subnet: g.subnet.0.clone(),
                    connectivity: match g.connectivity {
                        NatConnectivity::Public => ConnectivityDto::Public,
                        NatConnectivity::Private => ConnectivityDto::Private,
                    },
                    elastic_ip: g.elastic_ip.as_ref().map(|e| ElasticIpDto {
                        name: e.name.clone(),
                    }),
                    tags: g.tags.clone(),
                })
                .collect(),
            route_tables: t
                .route_tables
                .iter()
                .map(|rt| RouteTableDto {
                    id: rt.id.0.clone(),
                    name: rt.name.clone(),
                    vpc: rt.vpc.0.clone(),
                    main: rt.main,
                    routes: rt
                        .routes
                        .iter()
                        .map(|r| RouteDto {
                            destination: r.destination.clone(),
                            target: match &r.target {
                                RouteTarget::InternetGateway(id) => {
                                    TargetDto::InternetGateway(id.0.clone())
                                }
                                RouteTarget::NatGateway(id) => TargetDto::NatGateway(id.0.clone()),
                            },
                        })
                        .collect(),
                    subnets: ids(&rt.subnets),
                    tags: rt.tags.clone(),
                })
                .collect(),
            security_groups: t
                .security_groups
                .iter()
                .map(|g| SecurityGroupDto {
                    id: g.id.0.clone(),
                    name: g.name.clone(),
                    description: g.description.clone(),
                    vpc: g.vpc.0.clone(),
                    ingress: g.ingress.iter().map(rule_to_dto).collect(),
                    egress: g.egress.iter().map(rule_to_dto).collect(),
                    tags: g.tags.clone(),
                })
                .collect(),
            iam_roles: t
                .iam_roles
                .iter()
                .map(|r| IamRoleDto {
                    id: r.id.0.clone(),
                    name: r.name.clone(),
                    description: r.description.clone(),
                    trusted_services: r.trusted_services.clone(),
                    managed_policies: r.managed_policies.clone(),
                    instance_profile: r.instance_profile,
                    tags: r.tags.clone(),
                })
                .collect(),
            layout: t
                .layout
                .positions
                .iter()
                .map(|(id, p)| (id.0.clone(), PointDto { x: p.x, y: p.y }))
                .collect(),
        };
        Envelope {
            format: FORMAT.into(),
            version: CURRENT_VERSION,
            design,
        }
    }

    /// The model of this envelope, after checking that ids are unique and every
    /// reference resolves to an entity of the right kind.
    pub fn into_model(self) -> Result<Topology, LoadError> {
        let d = self.design;
        let mut kinds: HashMap<String, EntityKind> = HashMap::new();
        let mut claim = |list: &str, i: usize, id: &str, kind: EntityKind| {
            let path = format!("design.{list}[{i}].id");
            if id.trim().is_empty() {
                return Err(LoadError::invalid(path, "an id must not be empty".into()));
            }
            if let Some(prev) = kinds.insert(id.to_string(), kind) {
                return Err(LoadError::duplicate(
                    path,
                    format!("id \"{id}\" is used twice (also by a {prev}); ids must be unique"),
                ));
            }
            Ok(())
        };
        for (i, v) in d.vpcs.iter().enumerate() {
            claim("vpcs", i, &v.id, EntityKind::Vpc)?;
        }
        for (i, v) in d.subnets.iter().enumerate() {
            claim("subnets", i, &v.id, EntityKind::Subnet)?;
        }
        for (i, v) in d.internet_gateways.iter().enumerate() {
            claim("internet_gateways", i, &v.id, EntityKind::InternetGateway)?;
        }
        for (i, v) in d.nat_gateways.iter().enumerate() {
            claim("nat_gateways", i, &v.id, EntityKind::NatGateway)?;
        }
        for (i, v) in d.route_tables.iter().enumerate() {
            claim("route_tables", i, &v.id, EntityKind::RouteTable)?;
        }
        for (i, v) in d.security_groups.iter().enumerate() {
            claim("security_groups", i, &v.id, EntityKind::SecurityGroup)?;
        }
        for (i, v) in d.iam_roles.iter().enumerate() {
            claim("iam_roles", i, &v.id, EntityKind::IamRole)?;
        }
        let resolve = |path: String, id: &str, want: EntityKind| -> Result<Id, LoadError> {
            match kinds.get(id) {
                Some(k) if *k == want => Ok(Id::new(id)),
                Some(k) => Err(LoadError::dangling(
                    path,
                    format!("\"{id}\" is a {k}, but a {want} is expected here"),
                )),
                None => Err(LoadError::dangling(
                    path,
                    format!("no {want} has the id \"{id}\" (dangling reference)"),
                )),
            }
        };

        let mut t = Topology::new(d.name, d.region);
        for v in d.vpcs {
            t.vpcs.push(Vpc {
                id: Id::new(v.id),
                name: v.name,
                cidr: v.cidr,
                secondary_cidrs: v.secondary_cidrs,
                tenancy: match v.tenancy {
                    TenancyDto::Default => Tenancy::Default,
                    TenancyDto::Dedicated => Tenancy::Dedicated,
                },
                enable_dns_support: v.enable_dns_support,
                enable_dns_hostnames: v.enable_dns_hostnames,
                tags: v.tags,
            });
        }
        for (i, s) in d.subnets.into_iter().enumerate() {
            let vpc = resolve(format!("design.subnets[{i}].vpc"), &s.vpc, EntityKind::Vpc)?;
            t.subnets.push(Subnet {
                id: Id::new(s.id),
                name: s.name,
                vpc,
                availability_zone: s.availability_zone,
                cidr: s.cidr,
                map_public_ip_on_launch: s.map_public_ip_on_launch,
                tags: s.tags,
            });
        }
        for (i, g) in d.internet_gateways.into_iter().enumerate() {
            let vpc = match &g.vpc {
                Some(v) => Some(resolve(
                    format!("design.internet_gateways[{i}].vpc"),
                    v,
                    EntityKind::Vpc,
                )?),
                None => None,
            };
            t.internet_gateways.push(InternetGateway {
                id: Id::new(g.id),
                name: g.name,
                vpc,
                tags: g.tags,
            });
        }
        for (i, g) in d.nat_gateways.into_iter().enumerate() {
            let subnet = resolve(
                format!("design.nat_gateways[{i}].subnet"),
                &g.subnet,
                EntityKind::Subnet,
            )?;
            t.nat_gateways.push(NatGateway {
                id: Id::new(g.id),
                name: g.name,
                subnet,
                connectivity: match g.connectivity {
                    ConnectivityDto::Public => NatConnectivity::Public,
                    ConnectivityDto::Private => NatConnectivity::Private,
                },
                elastic_ip: g.elastic_ip.map(|e| ElasticIp { name: e.name }),
                tags: g.tags,
            });
        }
        for (i, rt) in d.route_tables.into_iter().enumerate() {
            let base = format!("design.route_tables[{i}]");
            let vpc = resolve(format!("{base}.vpc"), &rt.vpc, EntityKind::Vpc)?;
            let mut routes = Vec::with_capacity(rt.routes.len());
            for (j, r) in rt.routes.into_iter().enumerate() {
                let path = format!("{base}.routes[{j}].target");
                let target = match r.target {
                    TargetDto::InternetGateway(id) => RouteTarget::InternetGateway(resolve(
                        format!("{path}.internet_gateway"),
                        &id,
                        EntityKind::InternetGateway,
                    )?),
                    TargetDto::NatGateway(id) => RouteTarget::NatGateway(resolve(
                        format!("{path}.nat_gateway"),
                        &id,
                        EntityKind::NatGateway,
                    )?),
                };
                routes.push(Route {
                    destination: r.destination,
                    target,
                });
            }
            let mut subnets = Vec::with_capacity(rt.subnets.len());
            for (j, s) in rt.subnets.iter().enumerate() {
                subnets.push(resolve(
                    format!("{base}.subnets[{j}]"),
                    s,
                    EntityKind::Subnet,
                )?);
            }
            t.route_tables.push(RouteTable {
                id: Id::new(rt.id),
                name: rt.name,
                vpc,
                main: rt.main,
                routes,
                subnets,
                tags: rt.tags,
            });
        }
        for (i, g) in d.security_groups.into_iter().enumerate() {
            let base = format!("design.security_groups[{i}]");
            let vpc = resolve(format!("{base}.vpc"), &g.vpc, EntityKind::Vpc)?;
            let rules = |dir: &str, list: Vec<RuleDto>| -> Result<Vec<Rule>, LoadError> {
                list.into_iter()
                    .enumerate()
                    .map(|(j, r)| {
                        let peer = match r.peer {
                            PeerDto::Cidr(c) => Peer::Cidr(c),
                            PeerDto::SecurityGroup(id) => Peer::SecurityGroup(resolve(
                                format!("{base}.{dir}[{j}].peer.security_group"),
                                &id,
                                EntityKind::SecurityGroup,
                            )?),
                        };
                        Ok(Rule {
                            protocol: match r.protocol {
                                ProtocolDto::Tcp => Protocol::Tcp,
                                ProtocolDto::Udp => Protocol::Udp,
                                ProtocolDto::Icmp => Protocol::Icmp,
                                ProtocolDto::All => Protocol::All,
                            },
                            from_port: r.from_port,
                            to_port: r.to_port,
                            peer,
                            description: r.description,
                        })
                    })
                    .collect()
            };
            let ingress = rules("ingress", g.ingress)?;
            let egress = rules("egress", g.egress)?;
            t.security_groups.push(SecurityGroup {
                id: Id::new(g.id),
                name: g.name,
                description: g.description,
                vpc,
                ingress,
                egress,
                tags: g.tags,
            });
        }
        for r in d.iam_roles {
            t.iam_roles.push(IamRole {
                id: Id::new(r.id),
                name: r.name,
                description: r.description,
                trusted_services: r.trusted_services,
                managed_policies: r.managed_policies,
                instance_profile: r.instance_profile,
                tags: r.tags,
            });
        }
        let mut positions = BTreeMap::new();
        for (id, p) in d.layout {
            let path = format!("design.layout.{id}");
            if !p.x.is_finite() || !p.y.is_finite() {
                return Err(LoadError::invalid(
                    path,
                    "positions must be finite numbers".into(),
                ));
            }
            if !kinds.contains_key(&id) {
                return Err(LoadError::dangling(
                    path,
                    format!("layout names \"{id}\", which is not an entity of the design"),
                ));
            }
            positions.insert(Id::new(id), Point { x: p.x, y: p.y });
        }
        t.layout = Layout { positions };
        Ok(t)
    }
}
