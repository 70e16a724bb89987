//! NW1xx cases: CIDR blocks.

use netwright_core::model::{EntityKind, Peer, RouteTarget};
use netwright_core::templates::smartinvoice;
use netwright_core::Topology;

use crate::Case;

fn subnet<'a>(t: &'a mut Topology, id: &str) -> &'a mut netwright_core::model::Subnet {
    t.subnets.iter_mut().find(|s| s.id.as_str() == id).unwrap()
}

/// The reference design moved from 10.0.0.0/16 to `prefix`.0.0/16 (e.g. "172.18").
pub fn renumbered(prefix: &str) -> Topology {
    let mut t = smartinvoice();
    let fix = |s: &mut String| *s = s.replacen("10.0.", &format!("{prefix}."), 1);
    fix(&mut t.vpcs[0].cidr);
    for s in &mut t.subnets {
        fix(&mut s.cidr);
    }
    t
}

fn with_subnet_cidr(id: &'static str, cidr: &'static str) -> Topology {
    let mut t = smartinvoice();
    subnet(&mut t, id).cidr = cidr.into();
    t
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW101",
            broken: || with_subnet_cidr("subnet-public-1a", "10.0.1/24"),
            fixed: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/24"),
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW102",
            broken: || with_subnet_cidr("subnet-public-1a", "10.0.1.7/24"),
            fixed: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/24"),
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW103",
            broken: || {
                let mut t = smartinvoice();
                t.vpcs[0].cidr = "10.0.0.0/15".into();
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW104",
            broken: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/29"),
            fixed: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/28"),
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW105",
            broken: || renumbered("169.254"),
            fixed: || renumbered("169.253"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW106",
            broken: || renumbered("172.17"),
            fixed: || renumbered("172.18"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW107",
            broken: || renumbered("52.10"),
            fixed: || renumbered("100.64"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW108",
            broken: || renumbered("172.31"),
            fixed: || renumbered("172.30"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW109",
            broken: || {
                let mut t = smartinvoice();
                t.vpcs[0].secondary_cidrs = vec!["10.1.0.0/16".into(), "192.168.0.0/16".into()];
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.vpcs[0].secondary_cidrs = vec!["10.1.0.0/16".into(), "100.64.0.0/16".into()];
                t
            },
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("secondary_cidrs[1]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW110",
            broken: || {
                let mut t = smartinvoice();
                t.vpcs[0].secondary_cidrs = vec!["10.0.128.0/17".into()];
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.vpcs[0].secondary_cidrs = vec!["10.1.0.0/17".into()];
                t
            },
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("secondary_cidrs[0]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW111",
            broken: || with_subnet_cidr("subnet-public-1a", "10.1.1.0/24"),
            fixed: || with_subnet_cidr("subnet-public-1a", "10.0.5.0/24"),
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW112",
            broken: || with_subnet_cidr("subnet-private-1b", "10.0.3.0/24"),
            fixed: || with_subnet_cidr("subnet-private-1b", "10.0.4.0/24"),
            entity: (EntityKind::Subnet, "subnet-private-1b"),
            field: Some("cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW113",
            broken: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/28"),
            fixed: || with_subnet_cidr("subnet-public-1a", "10.0.1.0/27"),
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW114",
            broken: || {
                let mut t = smartinvoice();
                t.route_tables[0].routes[0].destination = "0.0.0.0".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.route_tables[0].routes[0].destination = " 0.0.0.0/0 ".into();
                t
            },
            entity: (EntityKind::RouteTable, "rt-public"),
            field: Some("routes[0].destination"),
            replacement_fixes: false,
        },
        Case {
            code: "NW115",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[0].ingress[1].peer = Peer::Cidr("::/200".into());
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.security_groups[0].ingress[1].peer = Peer::Cidr("::/0".into());
                t
            },
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("ingress[1].peer"),
            replacement_fixes: false,
        },
    ]
}

#[test]
fn every_block_kind_reports_syntax_and_host_bits_at_its_field() {
    let mut t = smartinvoice();
    t.vpcs[0].secondary_cidrs = vec!["10.1.0.0/16".into(), "10.2.0.9/16".into(), "x".into()];
    t.route_tables[1].routes[0].destination = "0.0.0.1/0".into();
    t.security_groups[0].egress[0].peer = Peer::Cidr("fd00::1/64".into());
    t.route_tables[0].routes.push(netwright_core::model::Route {
        destination: "::/0".into(),
        target: RouteTarget::InternetGateway("igw".into()),
    });
    let d = netwright_core::validate(&t);
    let find = |code: &str, field: &str| {
        d.iter()
            .find(|d| d.code == code && d.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("{code} at {field}: {d:#?}"))
    };
    let host = find("NW102", "secondary_cidrs[1]");
    assert_eq!(
        host.fix.as_ref().unwrap().replacement.as_deref(),
        Some("10.2.0.0/16")
    );
    assert!(find("NW101", "secondary_cidrs[2]")
        .message
        .contains("smartinvoice-vpc"));
    let route = find("NW102", "routes[0].destination");
    assert_eq!(route.entity.id.as_str(), "rt-private");
    assert_eq!(
        route.fix.as_ref().unwrap().replacement.as_deref(),
        Some("0.0.0.0/0")
    );
    let peer = find("NW102", "egress[0].peer");
    assert_eq!(
        peer.fix.as_ref().unwrap().replacement.as_deref(),
        Some("fd00::/64")
    );
    assert!(find("NW114", "routes[1].destination")
        .message
        .contains("IPv6"));
}

#[test]
fn overlap_names_both_subnets_and_suggests_the_next_free_block() {
    let mut t = smartinvoice();
    t.subnets[3].cidr = "10.0.3.0/24".into();
    let d = netwright_core::validate(&t);
    let o: Vec<_> = d.iter().filter(|d| d.code == "NW112").collect();
    assert_eq!(o.len(), 1, "one diagnostic per pair: {o:#?}");
    assert_eq!(o[0].entity.id.as_str(), "subnet-private-1b");
    assert!(o[0].message.contains("smartinvoice-private-1a"));
    assert!(o[0].message.contains("smartinvoice-private-1b"));
    let fix = o[0].fix.as_ref().unwrap();
    assert_eq!(fix.replacement.as_deref(), Some("10.0.0.0/24"));
    assert!(fix.label.contains("next free /24"), "{}", fix.label);
}

#[test]
fn several_overlaps_get_distinct_suggestions() {
    let mut t = smartinvoice();
    t.subnets[2].cidr = "10.0.1.0/24".into();
    t.subnets[3].cidr = "10.0.1.0/24".into();
    let d = netwright_core::validate(&t);
    let mut fixes: Vec<String> = d
        .iter()
        .filter(|d| d.code == "NW112")
        .map(|d| d.fix.clone().unwrap().replacement.unwrap())
        .collect();
    // Three pairs over two later subnets: each subnet gets one suggestion.
    assert_eq!(d.iter().filter(|d| d.code == "NW112").count(), 3);
    fixes.sort();
    fixes.dedup();
    assert_eq!(fixes, ["10.0.0.0/24", "10.0.3.0/24"]);
}

#[test]
fn overlaps_only_count_within_a_vpc() {
    let mut t = smartinvoice();
    let mut v = netwright_core::model::Vpc::new("vpc-2", "other", "10.0.0.0/16");
    v.enable_dns_hostnames = true;
    t.vpcs.push(v);
    let mut s = t.subnets[0].clone();
    s.id = "subnet-other".into();
    s.name = "other-subnet".into();
    s.vpc = "vpc-2".into();
    t.subnets.push(s);
    let d = netwright_core::validate(&t);
    assert!(d.iter().all(|d| d.code != "NW112"), "{d:#?}");
}

#[test]
fn association_restrictions_follow_the_primary_range() {
    let cases = [
        ("10.0.0.0/16", "172.16.0.0/16", true),
        ("10.0.0.0/16", "198.19.0.0/16", true),
        ("10.0.0.0/16", "100.64.0.0/16", false),
        ("172.16.0.0/16", "172.31.0.0/16", true),
        ("172.16.0.0/16", "172.20.0.0/16", false),
        ("192.168.0.0/16", "10.0.0.0/16", true),
        ("198.19.0.0/16", "192.168.0.0/16", true),
        ("100.64.0.0/16", "10.0.0.0/16", true),
        ("100.64.0.0/16", "52.0.0.0/16", false),
        ("52.0.0.0/16", "198.19.0.0/16", true),
    ];
    for (primary, secondary, barred) in cases {
        let mut t = Topology::new("x", "us-east-1");
        let mut v = netwright_core::model::Vpc::new("vpc", "v", primary);
        v.secondary_cidrs = vec![secondary.into()];
        t.vpcs.push(v);
        let d = netwright_core::validate(&t);
        let fired = d.iter().any(|d| d.code == "NW109");
        assert_eq!(fired, barred, "{primary} + {secondary}: {d:#?}");
    }
}
