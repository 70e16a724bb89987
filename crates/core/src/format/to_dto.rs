//! Model -> DTO: the envelope a design is saved as, at the current version.

use super::dto::*;
use super::{CURRENT_VERSION, FORMAT};
use crate::model::{
    AclAction, AclEntry, Id, NatConnectivity, NetworkAcl, Peer, Protocol, RouteTarget, Rule,
    Tenancy, Topology, Workload, WorkloadKind,
};

fn entry_to_dto(e: &AclEntry) -> AclEntryDto {
    AclEntryDto {
        rule_number: e.rule_number,
        action: match e.action {
            AclAction::Allow => AclActionDto::Allow,
            AclAction::Deny => AclActionDto::Deny,
        },
        protocol: e.protocol.clone(),
        ports: e.ports.clone(),
        cidr: e.cidr.clone(),
        icmp_type: e.icmp_type,
        icmp_code: e.icmp_code,
    }
}

fn ids(v: &[Id]) -> Vec<String> {
    v.iter().map(|i| i.0.clone()).collect()
}

fn acl_to_dto(a: &NetworkAcl) -> NetworkAclDto {
    NetworkAclDto {
        id: a.id.0.clone(),
        name: a.name.clone(),
        vpc: a.vpc.0.clone(),
        subnets: ids(&a.subnets),
        inbound: a.inbound.iter().map(entry_to_dto).collect(),
        outbound: a.outbound.iter().map(entry_to_dto).collect(),
        tags: a.tags.clone(),
    }
}

fn workload_to_dto(w: &Workload) -> WorkloadDto {
    WorkloadDto {
        id: w.id.0.clone(),
        name: w.name.clone(),
        kind: match w.kind {
            WorkloadKind::LoadBalancer => WorkloadKindDto::LoadBalancer,
            WorkloadKind::Instances => WorkloadKindDto::Instances,
            WorkloadKind::Database => WorkloadKindDto::Database,
            WorkloadKind::ContainerService => WorkloadKindDto::ContainerService,
            WorkloadKind::Function => WorkloadKindDto::Function,
            WorkloadKind::Other => WorkloadKindDto::Other,
        },
        subnets: ids(&w.subnets),
        security_groups: ids(&w.security_groups),
        internet_facing: w.internet_facing,
        tags: w.tags.clone(),
    }
}

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
            network_acls: t.network_acls.iter().map(acl_to_dto).collect(),
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
            workloads: t.workloads.iter().map(workload_to_dto).collect(),
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
}
