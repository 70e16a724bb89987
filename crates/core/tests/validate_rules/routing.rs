//! NW3xx cases: routing and gateways.

use netwright_core::model::{
    ElasticIp, EntityKind, Id, InternetGateway, NatConnectivity, NatGateway, Route, RouteTable,
    RouteTarget, Subnet, Tags, Vpc,
};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Topology};

use crate::Case;

/// The reference design plus a second VPC with one subnet and its route table.
pub fn with_second_vpc() -> Topology {
    let mut t = smartinvoice();
    t.vpcs.push(Vpc::new("vpc-2", "other-vpc", "10.1.0.0/16"));
    t.subnets.push(Subnet::new(
        "subnet-other",
        "other-subnet",
        "vpc-2",
        "ap-southeast-1a",
        "10.1.1.0/24",
    ));
    t.route_tables.push(table(
        "rt-other",
        "other-rt",
        "vpc-2",
        vec![],
        vec!["subnet-other"],
    ));
    t
}

fn table(id: &str, name: &str, vpc: &str, routes: Vec<Route>, subnets: Vec<&str>) -> RouteTable {
    RouteTable {
        id: Id::new(id),
        name: name.into(),
        vpc: Id::new(vpc),
        main: false,
        routes,
        subnets: subnets.into_iter().map(Id::new).collect(),
        tags: Tags::new(),
    }
}

fn route(dest: &str, target: RouteTarget) -> Route {
    Route {
        destination: dest.into(),
        target,
    }
}

fn igw(id: &str) -> RouteTarget {
    RouteTarget::InternetGateway(Id::new(id))
}

fn nat(id: &str) -> RouteTarget {
    RouteTarget::NatGateway(Id::new(id))
}

fn second_igw(vpc: Option<&str>) -> Topology {
    let mut t = smartinvoice();
    t.internet_gateways.push(InternetGateway {
        id: Id::new("igw-2"),
        name: "spare-igw".into(),
        vpc: vpc.map(Id::new),
        tags: Tags::new(),
    });
    t
}

/// A NAT gateway in public-1b and a private table for private-1b that uses it.
pub fn nat_per_az() -> Topology {
    let mut t = smartinvoice();
    t.nat_gateways.push(NatGateway {
        id: Id::new("nat-b"),
        name: "smartinvoice-nat-gw-b".into(),
        subnet: Id::new("subnet-public-1b"),
        connectivity: NatConnectivity::Public,
        elastic_ip: Some(ElasticIp {
            name: "smartinvoice-nat-eip-b".into(),
        }),
        tags: Tags::new(),
    });
    t.route_tables[1].subnets.pop();
    t.route_tables.push(table(
        "rt-private-b",
        "smartinvoice-private-rt-b",
        "vpc",
        vec![route("0.0.0.0/0", nat("nat-b"))],
        vec!["subnet-private-1b"],
    ));
    t
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW301",
            broken: || second_igw(Some("vpc")),
            fixed: || second_igw(None),
            entity: (EntityKind::InternetGateway, "igw-2"),
            field: Some("vpc"),
            replacement_fixes: false,
        },
        Case {
            code: "NW302",
            broken: || second_igw(None),
            fixed: || {
                let mut t = with_second_vpc();
                t.internet_gateways.push(InternetGateway {
                    id: Id::new("igw-2"),
                    name: "other-igw".into(),
                    vpc: Some(Id::new("vpc-2")),
                    tags: Tags::new(),
                });
                t
            },
            entity: (EntityKind::InternetGateway, "igw-2"),
            field: Some("vpc"),
            replacement_fixes: false,
        },
        Case {
            code: "NW303",
            broken: || {
                let mut t = with_second_vpc();
                t.route_tables[2]
                    .routes
                    .push(route("0.0.0.0/0", igw("igw")));
                t
            },
            fixed: || {
                let mut t = with_second_vpc();
                t.internet_gateways.push(InternetGateway {
                    id: Id::new("igw-2"),
                    name: "other-igw".into(),
                    vpc: Some(Id::new("vpc-2")),
                    tags: Tags::new(),
                });
                t.route_tables[2]
                    .routes
                    .push(route("0.0.0.0/0", igw("igw-2")));
                t
            },
            entity: (EntityKind::RouteTable, "rt-other"),
            field: Some("routes[0].target"),
            replacement_fixes: false,
        },
        Case {
            code: "NW304",
            broken: || {
                let mut t = with_second_vpc();
                t.route_tables[2]
                    .routes
                    .push(route("0.0.0.0/0", nat("nat")));
                t
            },
            fixed: with_second_vpc,
            entity: (EntityKind::RouteTable, "rt-other"),
            field: Some("routes[0].target"),
            replacement_fixes: false,
        },
        Case {
            code: "NW305",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[1]
                    .routes
                    .push(route("0.0.0.0/0", nat("nat")));
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.route_tables[1]
                    .routes
                    .push(route("192.168.0.0/16", nat("nat")));
                t
            },
            entity: (EntityKind::RouteTable, "rt-private"),
            field: Some("routes[1].destination"),
            replacement_fixes: false,
        },
        Case {
            code: "NW306",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[0]
                    .routes
                    .push(route("10.0.3.0/24", igw("igw")));
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.route_tables[0]
                    .routes
                    .push(route("10.1.0.0/16", igw("igw")));
                t
            },
            entity: (EntityKind::RouteTable, "rt-public"),
            field: Some("routes[1].destination"),
            replacement_fixes: false,
        },
        Case {
            code: "NW307",
            broken: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].subnet = Id::new("subnet-private-1a");
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].subnet = Id::new("subnet-public-1b");
                t
            },
            entity: (EntityKind::NatGateway, "nat"),
            field: Some("subnet"),
            replacement_fixes: true,
        },
        Case {
            code: "NW308",
            broken: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].elastic_ip = None;
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::NatGateway, "nat"),
            field: Some("elastic_ip"),
            replacement_fixes: false,
        },
        Case {
            code: "NW309",
            broken: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].connectivity = NatConnectivity::Private;
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].connectivity = NatConnectivity::Private;
                t.nat_gateways[0].elastic_ip = None;
                t
            },
            entity: (EntityKind::NatGateway, "nat"),
            field: Some("elastic_ip"),
            replacement_fixes: false,
        },
        Case {
            code: "NW310",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[0].subnets.push(Id::new("subnet-private-1a"));
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::RouteTable, "rt-private"),
            field: Some("subnets[0]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW311",
            broken: || {
                let mut t = with_second_vpc();
                t.route_tables[1].subnets.pop();
                t.route_tables[2].subnets.push(Id::new("subnet-private-1b"));
                t
            },
            fixed: with_second_vpc,
            entity: (EntityKind::RouteTable, "rt-other"),
            field: Some("subnets[1]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW312",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[0].main = true;
                t.route_tables[1].main = true;
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.route_tables[1].main = true;
                t
            },
            entity: (EntityKind::RouteTable, "rt-private"),
            field: Some("main"),
            replacement_fixes: true,
        },
        Case {
            code: "NW313",
            broken: smartinvoice,
            fixed: nat_per_az,
            entity: (EntityKind::Subnet, "subnet-private-1b"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW314",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[1].subnets.pop();
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::Subnet, "subnet-private-1b"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW315",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables
                    .push(table("rt-spare", "spare-rt", "vpc", vec![], vec![]));
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                let mut main = table("rt-spare", "spare-rt", "vpc", vec![], vec![]);
                main.main = true;
                t.route_tables.push(main);
                t
            },
            entity: (EntityKind::RouteTable, "rt-spare"),
            field: None,
            replacement_fixes: false,
        },
    ]
}

#[test]
fn a_nat_in_a_private_subnet_is_moved_to_a_public_subnet_of_its_az() {
    let mut t = smartinvoice();
    t.nat_gateways[0].subnet = Id::new("subnet-private-1b");
    let d = validate(&t);
    let n = d.iter().find(|d| d.code == "NW307").expect("NW307");
    assert!(
        n.message.contains("smartinvoice-private-1b"),
        "{}",
        n.message
    );
    assert!(
        n.message.contains("smartinvoice-private-rt"),
        "{}",
        n.message
    );
    let fix = n.fix.as_ref().unwrap();
    assert_eq!(fix.replacement.as_deref(), Some("subnet-public-1b"));
}

#[test]
fn a_private_nat_may_sit_in_a_private_subnet() {
    let mut t = smartinvoice();
    t.nat_gateways[0].subnet = Id::new("subnet-private-1a");
    t.nat_gateways[0].connectivity = NatConnectivity::Private;
    t.nat_gateways[0].elastic_ip = None;
    let d = validate(&t);
    assert!(d.iter().all(|d| d.code != "NW307"), "{d:#?}");
}

#[test]
fn a_detached_gateway_is_offered_the_vpc_without_one() {
    let mut t = with_second_vpc();
    t.internet_gateways.push(InternetGateway {
        id: Id::new("igw-2"),
        name: "spare".into(),
        vpc: None,
        tags: Tags::new(),
    });
    let d = validate(&t);
    let w = d.iter().find(|d| d.code == "NW302").unwrap();
    assert_eq!(
        w.fix.as_ref().unwrap().replacement.as_deref(),
        Some("vpc-2")
    );
    // Routing through a detached gateway is an error on the route.
    let mut t = smartinvoice();
    t.internet_gateways[0].vpc = None;
    let d = validate(&t);
    assert!(d
        .iter()
        .any(|d| d.code == "NW303" && d.field.as_deref() == Some("routes[0].target")));
    // ... and the public subnets are no longer public, so the NAT is misplaced.
    assert!(
        d.iter().all(|d| d.code != "NW307"),
        "a detached IGW still exists"
    );
}

#[test]
fn cross_az_message_names_both_zones() {
    let d = validate(&smartinvoice());
    let w = d.iter().find(|d| d.code == "NW313").unwrap();
    assert!(w.message.contains("ap-southeast-1b"), "{}", w.message);
    assert!(w.message.contains("ap-southeast-1a"), "{}", w.message);
    assert!(w.fix.as_ref().unwrap().label.contains("ap-southeast-1b"));
}

#[test]
fn a_subnet_listed_twice_in_one_table() {
    let mut t = smartinvoice();
    t.route_tables[0].subnets.push(Id::new("subnet-public-1a"));
    let d = validate(&t);
    let w = d.iter().find(|d| d.code == "NW310").unwrap();
    assert_eq!(w.field.as_deref(), Some("subnets[2]"));
    assert!(w.message.contains("twice"));
}

#[test]
fn the_main_table_serves_unassociated_subnets() {
    let mut t = smartinvoice();
    t.route_tables[1].main = true;
    t.route_tables[1].subnets.clear();
    let d = validate(&t);
    let infos: Vec<_> = d.iter().filter(|d| d.code == "NW314").collect();
    assert_eq!(infos.len(), 2);
    assert!(infos[0].message.contains("smartinvoice-private-rt"));
    // Through the main table, the private subnets still reach the NAT: no NAT error.
    assert!(
        d.iter()
            .all(|d| d.severity != netwright_core::Severity::Error),
        "{d:#?}"
    );
}
