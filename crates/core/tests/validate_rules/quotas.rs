//! NW6xx cases: default quotas.

use netwright_core::model::{
    ElasticIp, EntityKind, Id, NatConnectivity, NatGateway, Peer, Route, RouteTable, RouteTarget,
    Rule, Tags, Vpc,
};
use netwright_core::templates::{smartinvoice, synthetic};
use netwright_core::{validate, Topology};

use crate::Case;

fn vpcs(total: usize) -> Topology {
    let mut t = smartinvoice();
    for i in 1..total {
        t.vpcs.push(Vpc::new(
            Id::new(format!("vpc-{i}")),
            format!("extra-{i}"),
            format!("10.{i}.0.0/16"),
        ));
    }
    t
}

fn blocks(total: usize) -> Topology {
    let mut t = smartinvoice();
    t.vpcs[0].secondary_cidrs = (1..total).map(|i| format!("10.{i}.0.0/16")).collect();
    t
}

fn rules(count: usize) -> Topology {
    let mut t = smartinvoice();
    t.security_groups[1].ingress = (0..count)
        .map(|i| Rule::tcp(1000 + i as i32, Peer::Cidr("10.0.0.0/16".into()), ""))
        .collect();
    t
}

fn tables(total: usize) -> Topology {
    let mut t = smartinvoice();
    // The reference design has 2 tables and no main table (AWS adds one): 3 in all.
    for i in 0..total - 3 {
        t.route_tables.push(RouteTable {
            id: Id::new(format!("rt-{i}")),
            name: format!("spare-{i}"),
            vpc: Id::new("vpc"),
            main: false,
            routes: Vec::new(),
            subnets: Vec::new(),
            tags: Tags::new(),
        });
    }
    t
}

fn routes(total: usize) -> Topology {
    let mut t = smartinvoice();
    for i in 1..total {
        t.route_tables[0].routes.push(Route {
            destination: format!("10.{i}.0.0/16"),
            target: RouteTarget::InternetGateway(Id::new("igw")),
        });
    }
    t
}

/// `total` public NAT gateways: `in_a` of them in AZ a, the rest in AZ b.
fn nats(total: usize, in_a: usize) -> Topology {
    let mut t = smartinvoice();
    for i in 2..=total {
        let subnet = if i <= in_a {
            "subnet-public-1a"
        } else {
            "subnet-public-1b"
        };
        t.nat_gateways.push(NatGateway {
            id: Id::new(format!("nat-{i}")),
            name: format!("nat-{i}"),
            subnet: Id::new(subnet),
            connectivity: NatConnectivity::Public,
            elastic_ip: Some(ElasticIp {
                name: format!("eip-{i}"),
            }),
            tags: Tags::new(),
        });
    }
    t
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW601",
            broken: || vpcs(6),
            fixed: || vpcs(5),
            entity: (EntityKind::Vpc, "vpc-5"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW602",
            broken: || synthetic(201, 3, 2, 10),
            fixed: || synthetic(200, 3, 2, 10),
            entity: (EntityKind::Vpc, "vpc"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW603",
            broken: || blocks(6),
            fixed: || blocks(5),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("secondary_cidrs[4]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW604",
            broken: || rules(61),
            fixed: || rules(60),
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[60]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW605",
            broken: || synthetic(4, 2, 2500, 0),
            fixed: || synthetic(4, 2, 2499, 0),
            entity: (EntityKind::SecurityGroup, "sg-2499"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW606",
            broken: || tables(201),
            fixed: || tables(200),
            entity: (EntityKind::Vpc, "vpc"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW607",
            broken: || routes(51),
            fixed: || routes(50),
            entity: (EntityKind::RouteTable, "rt-public"),
            field: Some("routes[50]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW608",
            broken: || nats(6, 6),
            fixed: || nats(6, 5),
            entity: (EntityKind::NatGateway, "nat-6"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW609",
            broken: || nats(6, 3),
            fixed: || nats(5, 3),
            entity: (EntityKind::NatGateway, "nat-6"),
            field: Some("elastic_ip"),
            replacement_fixes: false,
        },
    ]
}

#[test]
fn ipv4_and_ipv6_rules_are_counted_separately() {
    let mut t = smartinvoice();
    let v4 = (0..60).map(|i| Rule::tcp(1000 + i, Peer::Cidr("10.0.0.0/16".into()), ""));
    let v6 = (0..60).map(|i| Rule::tcp(1000 + i, Peer::Cidr("fd00::/64".into()), ""));
    t.security_groups[1].ingress = v4.chain(v6).collect();
    assert!(validate(&t).iter().all(|d| d.code != "NW604"));
    // A rule naming a group counts for both versions.
    t.security_groups[1]
        .ingress
        .push(Rule::tcp(5, Peer::SecurityGroup(Id::new("sg-alb")), ""));
    let d = validate(&t);
    let q = d.iter().find(|d| d.code == "NW604").expect("NW604");
    assert_eq!(q.field.as_deref(), Some("ingress[120]"));
    assert!(q.message.contains("IPv4"), "{}", q.message);
}

#[test]
fn default_groups_alone_never_point_at_a_missing_group() {
    // Regression: 2,501 VPCs and no designed group once indexed group -1.
    let mut t = Topology::new("many", "us-east-1");
    for i in 0..2501 {
        t.vpcs.push(Vpc::new(
            Id::new(format!("v{i}")),
            format!("v{i}"),
            "10.0.0.0/16",
        ));
    }
    let d = validate(&t);
    assert!(d.iter().all(|d| d.code != "NW605"));
    assert_eq!(d.iter().filter(|d| d.code == "NW601").count(), 1);
}
