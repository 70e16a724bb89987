//! NW2xx cases: references, ids, names, descriptions, tags, Region and zones.

use netwright_core::model::{EntityKind, Id, Peer, RouteTarget, Tags};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Topology};

use crate::Case;

fn tagged(key: &str) -> Topology {
    let mut t = smartinvoice();
    t.vpcs[0].tags = Tags::from([(key.to_string(), "platform".to_string())]);
    t
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW201",
            broken: || {
                let mut t = smartinvoice();
                t.nat_gateways[0].subnet = Id::new("subnet-gone");
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::NatGateway, "nat"),
            field: Some("subnet"),
            replacement_fixes: false,
        },
        Case {
            code: "NW202",
            broken: || {
                let mut t = smartinvoice();
                t.subnets[0].vpc = Id::new("igw");
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("vpc"),
            replacement_fixes: true,
        },
        Case {
            code: "NW203",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[3].id = Id::new("");
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::IamRole, ""),
            field: Some("id"),
            replacement_fixes: true,
        },
        Case {
            code: "NW204",
            broken: || {
                let mut t = smartinvoice();
                t.subnets[0].name = "  ".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.subnets[0].name = "a".into();
                t
            },
            entity: (EntityKind::Subnet, "subnet-public-1a"),
            field: Some("name"),
            replacement_fixes: false,
        },
        Case {
            code: "NW205",
            broken: || {
                let mut t = smartinvoice();
                t.subnets[3].name = "smartinvoice-private-1a".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.subnets[3].name = "smartinvoice-private-1A".into();
                t
            },
            entity: (EntityKind::Subnet, "subnet-private-1b"),
            field: Some("name"),
            replacement_fixes: true,
        },
        Case {
            code: "NW206",
            broken: || {
                let mut t = smartinvoice();
                t.vpcs[0].name = "v".repeat(257);
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.vpcs[0].name = "é".repeat(256);
                t
            },
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("name"),
            replacement_fixes: true,
        },
        Case {
            code: "NW207",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[0].name = "sg-alb".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.security_groups[0].name = "alb-sg".into();
                t
            },
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("name"),
            replacement_fixes: true,
        },
        Case {
            code: "NW208",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[1].description = String::new();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.security_groups[1].description = "Backend: from the ALB (8080) [v2] {a=b}".into();
                t
            },
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("description"),
            replacement_fixes: true,
        },
        Case {
            code: "NW209",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[0].ingress[0].description = "HTTP <web> ünicode".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.security_groups[0].ingress[0].description = "HTTP: web #1 & $*".into();
                t
            },
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("ingress[0].description"),
            replacement_fixes: true,
        },
        Case {
            code: "NW210",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[0].name = "eb ec2 role".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.iam_roles[0].name = "eb+ec2=role,v1.0@x_y-z".into();
                t
            },
            entity: (EntityKind::IamRole, "role-eb-ec2"),
            field: Some("name"),
            replacement_fixes: true,
        },
        Case {
            code: "NW211",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[0].description = "Compute role \u{2014} backend".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.iam_roles[0].description = "Compute role\t(café) - backend\n".into();
                t
            },
            entity: (EntityKind::IamRole, "role-eb-ec2"),
            field: Some("description"),
            replacement_fixes: true,
        },
        Case {
            code: "NW212",
            broken: || tagged("AWS:team"),
            fixed: || tagged("team-aws:x"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("tags.AWS:team"),
            replacement_fixes: false,
        },
        Case {
            code: "NW213",
            broken: || tagged("Name"),
            fixed: || tagged("name"),
            entity: (EntityKind::Vpc, "vpc"),
            field: Some("tags.Name"),
            replacement_fixes: false,
        },
        Case {
            code: "NW214",
            broken: || {
                let mut t = smartinvoice();
                t.region = "ap-southeast-9".into();
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::Design, ""),
            field: Some("region"),
            replacement_fixes: true,
        },
        Case {
            code: "NW215",
            broken: || {
                let mut t = smartinvoice();
                t.subnets[1].availability_zone = "ap-southeast-1z".into();
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.subnets[1].availability_zone = "ap-southeast-1c".into();
                t
            },
            entity: (EntityKind::Subnet, "subnet-public-1b"),
            field: Some("availability_zone"),
            replacement_fixes: true,
        },
    ]
}

fn codes_at(t: &Topology, code: &str) -> Vec<(EntityKind, String, Option<String>)> {
    validate(t)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.entity.kind, d.entity.id.0, d.field))
        .collect()
}

#[test]
fn every_reference_field_is_checked() {
    let mut t = smartinvoice();
    t.subnets[0].vpc = Id::new("nope");
    t.internet_gateways[0].vpc = Some(Id::new("nope"));
    t.route_tables[0].vpc = Id::new("nope");
    t.route_tables[1].routes[0].target = RouteTarget::NatGateway(Id::new("nope"));
    t.route_tables[1].subnets[1] = Id::new("nope");
    t.security_groups[0].vpc = Id::new("nope");
    t.security_groups[2].ingress[1].peer = Peer::SecurityGroup(Id::new("nope"));
    t.security_groups[2]
        .egress
        .push(netwright_core::model::Rule::tcp(
            1,
            Peer::SecurityGroup(Id::new("nope")),
            "",
        ));
    let got = codes_at(&t, "NW201");
    let want = [
        (EntityKind::Subnet, "subnet-public-1a", "vpc"),
        (EntityKind::InternetGateway, "igw", "vpc"),
        (EntityKind::RouteTable, "rt-public", "vpc"),
        (EntityKind::RouteTable, "rt-private", "routes[0].target"),
        (EntityKind::RouteTable, "rt-private", "subnets[1]"),
        (EntityKind::SecurityGroup, "sg-alb", "vpc"),
        (EntityKind::SecurityGroup, "sg-rds", "ingress[1].peer"),
        (EntityKind::SecurityGroup, "sg-rds", "egress[1].peer"),
    ];
    for (k, id, f) in want {
        assert!(
            got.iter()
                .any(|(gk, gid, gf)| *gk == k && gid == id && gf.as_deref() == Some(f)),
            "missing {k:?} {id} {f}: {got:#?}"
        );
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
    // The single VPC is offered as the fix of a dangling VPC reference.
    let d = validate(&t);
    let fix = d
        .iter()
        .find(|d| d.code == "NW201" && d.entity.id.as_str() == "subnet-public-1a")
        .and_then(|d| d.fix.clone())
        .unwrap();
    assert_eq!(fix.replacement.as_deref(), Some("vpc"));
}

#[test]
fn wrong_kind_names_what_was_found() {
    let mut t = smartinvoice();
    t.route_tables[0].routes[0].target = RouteTarget::InternetGateway(Id::new("nat"));
    let d = validate(&t);
    let w = d.iter().find(|d| d.code == "NW202").expect("NW202");
    assert_eq!(w.field.as_deref(), Some("routes[0].target"));
    assert!(w.message.contains("smartinvoice-nat-gw"), "{}", w.message);
}

#[test]
fn duplicate_ids_point_at_the_later_entity() {
    let mut t = smartinvoice();
    t.route_tables[1].id = Id::new("rt-public");
    let got = codes_at(&t, "NW203");
    assert_eq!(
        got,
        [(
            EntityKind::RouteTable,
            "rt-public".to_string(),
            Some("id".to_string())
        )]
    );
}

#[test]
fn duplicate_names_per_kind_and_case_insensitive_roles() {
    let mut t = smartinvoice();
    t.iam_roles[1].name = "AWS-ElasticBeanstalk-EC2-Role".into();
    // Same name, different kinds: fine.
    t.route_tables[0].name = "smartinvoice-vpc".into();
    t.nat_gateways[0].elastic_ip.as_mut().unwrap().name = String::new();
    let got = codes_at(&t, "NW205");
    assert_eq!(
        got,
        [(
            EntityKind::IamRole,
            "role-eb-service".to_string(),
            Some("name".to_string())
        )]
    );
    assert!(codes_at(&t, "NW204")
        .iter()
        .any(|(k, _, f)| *k == EntityKind::NatGateway && f.as_deref() == Some("elastic_ip")));
}

#[test]
fn security_group_name_rules() {
    for (name, bad) in [
        ("default", true),
        ("web (public)", false),
        ("web<script>", true),
        ("web\u{e9}", true),
        ("SG-web", false),
    ] {
        let mut t = smartinvoice();
        t.security_groups[0].name = name.into();
        assert_eq!(!codes_at(&t, "NW207").is_empty(), bad, "{name}");
    }
    let mut t = smartinvoice();
    t.security_groups[0].name = "x".repeat(255);
    assert!(codes_at(&t, "NW207").is_empty());
    t.security_groups[0].name = "x".repeat(256);
    assert_eq!(codes_at(&t, "NW207").len(), 1);
    // A 256-character group name is reported once, by the group rule, not NW206 too.
    assert!(codes_at(&t, "NW206").is_empty());
}

#[test]
fn role_names_and_tags() {
    let mut t = smartinvoice();
    t.iam_roles[0].name = "r".repeat(65);
    assert_eq!(codes_at(&t, "NW210").len(), 1);
    t.iam_roles[0].name = "r".repeat(64);
    assert!(codes_at(&t, "NW210").is_empty());
    t.iam_roles[0].tags = Tags::from([("team#1".to_string(), "x".to_string())]);
    assert_eq!(codes_at(&t, "NW212").len(), 1, "IAM tag characters");
    t.iam_roles[0].tags = Tags::from([("Name".to_string(), "x".to_string())]);
    assert!(codes_at(&t, "NW212").is_empty());
    assert!(
        codes_at(&t, "NW213").is_empty(),
        "roles have no Name tag of their own"
    );
    let mut t = smartinvoice();
    t.subnets[0].tags = (0..50).map(|i| (format!("k{i}"), String::new())).collect();
    assert_eq!(codes_at(&t, "NW212").len(), 1, "50 tags plus Name is 51");
    t.subnets[0].tags = Tags::from([("k".to_string(), "v".repeat(257))]);
    assert_eq!(codes_at(&t, "NW212")[0].2.as_deref(), Some("tags.k"));
}

#[test]
fn zone_typos_get_the_right_zone() {
    for (az, want) in [
        ("us-east-1a", "ap-southeast-1a"),
        ("ap-southeast-1z", "ap-southeast-1a"),
        ("ap-southeast-1d", "ap-southeast-1a"),
        ("ap-southeast-1", "ap-southeast-1a"),
        ("", "ap-southeast-1a"),
        ("eu-west-2c", "ap-southeast-1c"),
    ] {
        let mut t = smartinvoice();
        t.subnets[0].availability_zone = az.into();
        let d = validate(&t);
        let z = d
            .iter()
            .find(|d| d.code == "NW215")
            .unwrap_or_else(|| panic!("{az}"));
        assert_eq!(
            z.fix.as_ref().unwrap().replacement.as_deref(),
            Some(want),
            "{az}"
        );
        assert!(
            z.message.contains("ap-southeast-1b"),
            "lists the zones: {}",
            z.message
        );
    }
}

#[test]
fn an_unknown_region_skips_zone_checks_and_suggests() {
    let mut t = smartinvoice();
    t.region = "us-est-1".into();
    let d = validate(&t);
    assert!(d.iter().all(|d| d.code != "NW215"));
    let r = d.iter().find(|d| d.code == "NW214").unwrap();
    assert_eq!(r.entity, netwright_core::model::EntityRef::design());
    assert_eq!(
        r.fix.as_ref().unwrap().replacement.as_deref(),
        Some("us-east-1")
    );
    t.region = String::new();
    t.name = String::new();
    let d = validate(&t);
    assert!(d.iter().any(|d| d.code == "NW214"));
    assert!(d
        .iter()
        .any(|d| d.code == "NW204" && d.entity == netwright_core::model::EntityRef::design()));
}
