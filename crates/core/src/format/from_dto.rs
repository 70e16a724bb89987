//! DTO -> model: a loaded envelope becomes a design after its ids are checked unique
//! and every reference is checked to resolve to an entity of the right kind. Values a
//! person types (blocks, ports, protocols, names) are kept as typed: validation, not
//! loading, says what is wrong with them.

use std::collections::{BTreeMap, HashMap};

use super::dto::*;
use super::LoadError;
use crate::model::{
    AclAction, AclEntry, ElasticIp, EntityKind, IamRole, Id, InternetGateway, Layout,
    NatConnectivity, NatGateway, NetworkAcl, Peer, Point, Protocol, Route, RouteTable, RouteTarget,
    Rule, SecurityGroup, Subnet, Tenancy, Topology, Vpc, Workload, WorkloadKind,
};

fn entry_from_dto(e: AclEntryDto) -> AclEntry {
    AclEntry {
        rule_number: e.rule_number,
        action: match e.action {
            AclActionDto::Allow => AclAction::Allow,
            AclActionDto::Deny => AclAction::Deny,
        },
        protocol: e.protocol,
        ports: e.ports,
        cidr: e.cidr,
        icmp_type: e.icmp_type,
        icmp_code: e.icmp_code,
    }
}

fn kind_from_dto(k: WorkloadKindDto) -> WorkloadKind {
    match k {
        WorkloadKindDto::LoadBalancer => WorkloadKind::LoadBalancer,
        WorkloadKindDto::Instances => WorkloadKind::Instances,
        WorkloadKindDto::Database => WorkloadKind::Database,
        WorkloadKindDto::ContainerService => WorkloadKind::ContainerService,
        WorkloadKindDto::Function => WorkloadKind::Function,
        WorkloadKindDto::Other => WorkloadKind::Other,
    }
}

impl Envelope {
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
        for (i, v) in d.network_acls.iter().enumerate() {
            claim("network_acls", i, &v.id, EntityKind::NetworkAcl)?;
        }
        for (i, v) in d.security_groups.iter().enumerate() {
            claim("security_groups", i, &v.id, EntityKind::SecurityGroup)?;
        }
        for (i, v) in d.workloads.iter().enumerate() {
            claim("workloads", i, &v.id, EntityKind::Workload)?;
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
        let resolve_all = |base: &str, list: &[String], want: EntityKind| {
            list.iter()
                .enumerate()
                .map(|(j, s)| resolve(format!("{base}[{j}]"), s, want))
                .collect::<Result<Vec<Id>, LoadError>>()
        };
        for (i, a) in d.network_acls.into_iter().enumerate() {
            let base = format!("design.network_acls[{i}]");
            let vpc = resolve(format!("{base}.vpc"), &a.vpc, EntityKind::Vpc)?;
            let subnets = resolve_all(&format!("{base}.subnets"), &a.subnets, EntityKind::Subnet)?;
            t.network_acls.push(NetworkAcl {
                id: Id::new(a.id),
                name: a.name,
                vpc,
                subnets,
                inbound: a.inbound.into_iter().map(entry_from_dto).collect(),
                outbound: a.outbound.into_iter().map(entry_from_dto).collect(),
                tags: a.tags,
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
        for (i, w) in d.workloads.into_iter().enumerate() {
            let base = format!("design.workloads[{i}]");
            let subnets = resolve_all(&format!("{base}.subnets"), &w.subnets, EntityKind::Subnet)?;
            let security_groups = resolve_all(
                &format!("{base}.security_groups"),
                &w.security_groups,
                EntityKind::SecurityGroup,
            )?;
            t.workloads.push(Workload {
                id: Id::new(w.id),
                name: w.name,
                kind: kind_from_dto(w.kind),
                subnets,
                security_groups,
                internet_facing: w.internet_facing,
                tags: w.tags,
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
