//! A design by meaning, for tests that compare an imported design with the one it
//! came from: every entity by name, every reference by the name it points at, lists
//! that carry no order as sets. Ids and order do not count.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use netwright_core::model::{Peer, RouteTarget, Topology};
use netwright_core::{validate, Severity};

/// A rule by meaning: protocol, ports, peer (a block or a group's name), description.
pub type RuleMeaning = (String, i32, i32, String, String);

/// A route table by meaning: name, VPC, main, routes (destination, target), subnets.
pub type TableMeaning = (
    String,
    String,
    bool,
    BTreeSet<(String, String)>,
    BTreeSet<String>,
);

/// A network ACL by meaning: name, VPC, subnets, inbound and outbound entries as
/// `number action protocol ports block icmp-type/code` (protocol and ports parsed).
pub type AclMeaning = (
    String,
    String,
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<String>,
);

/// A design by meaning: every entity by name, every reference by the name it points
/// at, lists that AWS does not order as sets. Ids and order do not count.
#[derive(Debug, PartialEq, Eq)]
pub struct Meaning {
    pub region: String,
    pub vpcs: BTreeSet<(String, String, Vec<String>, bool, bool)>,
    pub subnets: BTreeSet<(String, String, String, String, bool)>,
    pub igws: BTreeSet<(String, Option<String>)>,
    pub nats: BTreeSet<(String, String, String, Option<String>)>,
    pub tables: BTreeSet<TableMeaning>,
    pub acls: BTreeSet<AclMeaning>,
    pub groups: BTreeMap<String, (String, String, BTreeSet<RuleMeaning>, BTreeSet<RuleMeaning>)>,
    pub roles: BTreeMap<String, (String, BTreeSet<String>, BTreeSet<String>, bool)>,
}

pub fn meaning(t: &Topology) -> Meaning {
    let name = |id: &netwright_core::Id| {
        t.find(id)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| format!("<dangling {id}>"))
    };
    let rules = |rules: &[netwright_core::model::Rule]| -> BTreeSet<RuleMeaning> {
        rules
            .iter()
            .map(|r| {
                let peer = match &r.peer {
                    Peer::Cidr(c) => c.clone(),
                    Peer::SecurityGroup(g) => format!("group {}", name(g)),
                };
                (
                    r.protocol.as_aws().to_string(),
                    r.from_port,
                    r.to_port,
                    peer,
                    r.description.clone(),
                )
            })
            .collect()
    };
    Meaning {
        region: t.region.clone(),
        vpcs: t
            .vpcs
            .iter()
            .map(|v| {
                (
                    v.name.clone(),
                    v.cidr.clone(),
                    v.secondary_cidrs.clone(),
                    v.enable_dns_support,
                    v.enable_dns_hostnames,
                )
            })
            .collect(),
        subnets: t
            .subnets
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    name(&s.vpc),
                    s.availability_zone.clone(),
                    s.cidr.clone(),
                    s.map_public_ip_on_launch,
                )
            })
            .collect(),
        igws: t
            .internet_gateways
            .iter()
            .map(|g| (g.name.clone(), g.vpc.as_ref().map(&name)))
            .collect(),
        nats: t
            .nat_gateways
            .iter()
            .map(|g| {
                (
                    g.name.clone(),
                    name(&g.subnet),
                    g.connectivity.as_aws().to_string(),
                    g.elastic_ip.as_ref().map(|e| e.name.clone()),
                )
            })
            .collect(),
        tables: t
            .route_tables
            .iter()
            .map(|r| {
                let routes = r
                    .routes
                    .iter()
                    .map(|route| {
                        let target = match &route.target {
                            RouteTarget::InternetGateway(g) => format!("igw {}", name(g)),
                            RouteTarget::NatGateway(g) => format!("nat {}", name(g)),
                        };
                        (route.destination.clone(), target)
                    })
                    .collect();
                let subnets = r.subnets.iter().map(&name).collect();
                (r.name.clone(), name(&r.vpc), r.main, routes, subnets)
            })
            .collect(),
        acls: t
            .network_acls
            .iter()
            .map(|a| {
                let entries = |list: &[netwright_core::model::AclEntry]| -> BTreeSet<String> {
                    list.iter()
                        .map(|e| {
                            let protocol = e
                                .protocol()
                                .map(|p| p.number().to_string())
                                .unwrap_or_else(|_| e.protocol.clone());
                            let ports = match e.port_range() {
                                Ok(Some((a, b))) => format!("{a}-{b}"),
                                _ => String::new(),
                            };
                            format!(
                                "{} {} {protocol} {ports} {} {}/{}",
                                e.rule_number,
                                e.action.as_aws(),
                                e.cidr,
                                e.icmp_type,
                                e.icmp_code
                            )
                        })
                        .collect()
                };
                (
                    a.name.clone(),
                    name(&a.vpc),
                    a.subnets.iter().map(&name).collect(),
                    entries(&a.inbound),
                    entries(&a.outbound),
                )
            })
            .collect(),
        groups: t
            .security_groups
            .iter()
            .map(|g| {
                (
                    g.name.clone(),
                    (
                        g.description.clone(),
                        name(&g.vpc),
                        rules(&g.ingress),
                        rules(&g.egress),
                    ),
                )
            })
            .collect(),
        roles: t
            .iam_roles
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    (
                        r.description.clone(),
                        r.trusted_services.iter().cloned().collect(),
                        r.managed_policies.iter().cloned().collect(),
                        r.instance_profile,
                    ),
                )
            })
            .collect(),
    }
}

/// The design's validation errors as `CODE: message` (an import must have none).
pub fn errors(t: &Topology) -> Vec<String> {
    validate(t)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}
