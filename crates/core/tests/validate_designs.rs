//! Whole designs through the validator: the reference design's exact findings, wizard
//! and synthetic designs without errors, the hand-broken designs of the issue, and the
//! properties every result has (sorted, deterministic, names rather than ids).

use netwright_core::model::{EntityKind, Id, Peer, Rule};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use netwright_core::{format, validate, Diagnostic, Severity, Topology};

fn errors(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {} {:?}: {}", d.code, d.entity.id, d.field, d.message))
        .collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn the_reference_design_has_exactly_the_warnings_it_deserves() {
    let d = validate(&templates::smartinvoice());
    assert_eq!(
        codes(&d),
        ["NW313", "NW504", "NW504", "NW504", "NW504", "NW504", "NW504", "NW410", "NW410"],
        "{d:#?}"
    );
    // The load balancer's world-open 80 and 443 are only info: that is its job.
    assert!(d[7..].iter().all(|d| d.severity == Severity::Info));
    let where_: Vec<(&str, Option<&str>)> = d
        .iter()
        .map(|d| (d.entity.id.as_str(), d.field.as_deref()))
        .collect();
    assert_eq!(
        where_,
        [
            ("subnet-private-1b", None),
            ("role-eb-ec2", Some("managed_policies[0]")),
            ("role-eb-ec2", Some("managed_policies[1]")),
            ("role-eb-ec2", Some("managed_policies[5]")),
            ("role-ecs-execution", Some("managed_policies[1]")),
            ("role-ecs-task", Some("managed_policies[0]")),
            ("role-ecs-task", Some("managed_policies[1]")),
            ("sg-alb", Some("ingress[0].peer")),
            ("sg-alb", Some("ingress[1].peer")),
        ]
    );
}

#[test]
fn the_saved_reference_fixture_validates_like_the_template() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/smartinvoice.json"
    ))
    .unwrap();
    let t = format::load(&text).unwrap();
    assert_eq!(validate(&t), validate(&templates::smartinvoice()));
}

#[test]
fn wizard_designs_have_no_errors() {
    let mut checked = 0;
    for region in ["us-east-1", "ap-southeast-1"] {
        for nat in [NatStrategy::None, NatStrategy::Single, NatStrategy::PerAz] {
            for az_count in 1..=6u8 {
                for (public_per_az, private_per_az) in [(1, 1), (2, 2), (1, 0), (0, 1)] {
                    let o = WizardOptions {
                        region: region.into(),
                        az_count,
                        nat,
                        public_per_az,
                        private_per_az,
                        ..WizardOptions::default()
                    };
                    let Ok(t) = templates::wizard(&o) else {
                        continue;
                    };
                    let d = validate(&t);
                    assert_eq!(errors(&d), Vec::<String>::new(), "{o:?}");
                    checked += 1;
                }
            }
        }
    }
    // Every strategy with 1-6 AZs in us-east-1 at least.
    assert!(checked >= 3 * 6 * 2, "{checked}");
    // A single NAT gateway across AZs is a cross-AZ warning; one per AZ is not.
    let single = templates::wizard(&WizardOptions {
        az_count: 3,
        ..WizardOptions::default()
    })
    .unwrap();
    assert_eq!(
        validate(&single)
            .iter()
            .filter(|d| d.code == "NW313")
            .count(),
        2
    );
    let per_az = templates::wizard(&WizardOptions {
        az_count: 3,
        nat: NatStrategy::PerAz,
        ..WizardOptions::default()
    })
    .unwrap();
    assert!(validate(&per_az).is_empty(), "{:#?}", validate(&per_az));
}

#[test]
fn synthetic_designs_have_no_errors() {
    for (subnets, azs, groups, rules) in [
        (0, 1, 0, 0),
        (1, 6, 1, 100),
        (4, 2, 2, 3),
        (100, 3, 30, 500),
        (1_000, 6, 300, 5_000),
        (5_000, 6, 1_000, 20_000),
    ] {
        let t = templates::synthetic(subnets, azs, groups, rules);
        assert_eq!(t.subnets.len(), subnets);
        assert_eq!(t.security_groups.len(), groups);
        let total: usize = t.security_groups.iter().map(|g| g.ingress.len()).sum();
        assert_eq!(total, rules.min(groups * 60));
        let d = validate(&t);
        assert_eq!(errors(&d), Vec::<String>::new(), "{subnets} subnets");
        // Only the documented quota warnings, /28 infos for the largest sizes, and
        // group 0's world-open 80/443 as info (no workload to judge them by).
        for x in &d {
            assert!(
                ["NW602", "NW609", "NW113", "NW315", "NW410"].contains(&x.code),
                "{subnets}: unexpected {x:#?}"
            );
            assert!(x.code != "NW410" || x.severity == Severity::Info, "{x:#?}");
        }
    }
    // Deterministic.
    assert_eq!(
        templates::synthetic(300, 4, 20, 200),
        templates::synthetic(300, 4, 20, 200)
    );
}

#[test]
fn synthetic_designs_use_the_largest_subnets_that_fit() {
    let prefix = |n| {
        let t = templates::synthetic(n, 6, 0, 0);
        let p: String = t.subnets[n - 1].cidr.split('/').nth(1).unwrap().into();
        (p, t.vpcs[0].secondary_cidrs.len())
    };
    assert_eq!(prefix(100), ("24".into(), 0));
    assert_eq!(prefix(1_000), ("24".into(), 3));
    assert_eq!(prefix(5_000), ("26".into(), 4));
    let most = templates::MAX_SYNTHETIC_SUBNETS;
    let t = templates::synthetic(most + 10, 6, 0, 0);
    assert_eq!(t.subnets.len(), most);
    assert!(errors(&validate(&t)).is_empty());
}

/// A hand edit of the reference design, the code it gives, and where.
type Broken = (
    &'static str,
    fn(&mut Topology),
    EntityKind,
    &'static str,
    Option<&'static str>,
);

/// The hand-broken designs of the issue, each giving its code.
#[test]
fn hand_broken_designs_give_the_right_code() {
    let broken: [Broken; 5] = [
        (
            "NW112",
            |t| t.subnets[1].cidr = "10.0.1.128/25".into(),
            EntityKind::Subnet,
            "subnet-public-1b",
            Some("cidr"),
        ),
        (
            "NW103",
            |t| t.vpcs[0].cidr = "10.0.0.0/15".into(),
            EntityKind::Vpc,
            "vpc",
            Some("cidr"),
        ),
        (
            "NW307",
            |t| t.nat_gateways[0].subnet = Id::new("subnet-private-1a"),
            EntityKind::NatGateway,
            "nat",
            Some("subnet"),
        ),
        (
            "NW407",
            |t| {
                let db = t
                    .security_groups
                    .iter_mut()
                    .find(|g| g.id.as_str() == "sg-rds");
                db.unwrap()
                    .ingress
                    .push(Rule::tcp(5432, Peer::Cidr("0.0.0.0/0".into()), "oops"));
            },
            EntityKind::SecurityGroup,
            "sg-rds",
            Some("ingress[2].peer"),
        ),
        (
            "NW201",
            |t| t.route_tables[0].subnets.push(Id::new("subnet-deleted")),
            EntityKind::RouteTable,
            "rt-public",
            Some("subnets[2]"),
        ),
    ];
    for (code, edit, kind, id, field) in broken {
        let mut t = templates::smartinvoice();
        edit(&mut t);
        let d = validate(&t);
        let hit = d
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code}: {d:#?}"));
        assert_eq!(hit.severity, Severity::Error, "{code}");
        assert_eq!(
            (hit.entity.kind, hit.entity.id.as_str()),
            (kind, id),
            "{code}"
        );
        assert_eq!(hit.field.as_deref(), field, "{code}");
    }
}

#[test]
fn results_are_sorted_and_deterministic() {
    let mut t = templates::synthetic(50, 3, 10, 60);
    // Break things in many places.
    t.subnets[3].cidr = "10.0.0.0/24".into();
    t.subnets[7].availability_zone = "eu-west-1a".into();
    t.security_groups[2].ingress[0].from_port = -5;
    let again = t.route_tables[0].routes[0].clone();
    t.route_tables[0].routes.push(again);
    t.iam_roles[0].managed_policies.push("Nope".into());
    let a = validate(&t);
    let b = validate(&t);
    assert_eq!(a, b);
    let mut sorted = a.clone();
    sorted.sort_by(|x, y| {
        (x.severity, &x.entity, &x.field, x.code, &x.message)
            .cmp(&(y.severity, &y.entity, &y.field, y.code, &y.message))
    });
    assert_eq!(a, sorted);
    assert!(a.iter().any(|d| d.severity == Severity::Error));
    assert_eq!(a[0].severity, Severity::Error);
}

#[test]
fn messages_name_things_by_name_not_id() {
    let mut t = templates::smartinvoice();
    t.subnets[3].cidr = "10.0.3.0/24".into();
    t.nat_gateways[0].subnet = Id::new("subnet-private-1a");
    let d = validate(&t);
    for code in ["NW112", "NW307"] {
        let m = &d.iter().find(|d| d.code == code).unwrap().message;
        assert!(m.contains("smartinvoice-private-1a"), "{m}");
        assert!(!m.contains("subnet-private-1a"), "an id leaked: {m}");
    }
    // Unnamed entities fall back to their id, clearly marked.
    t.subnets[3].name = String::new();
    let d = validate(&t);
    let m = &d.iter().find(|d| d.code == "NW112").unwrap().message;
    assert!(
        m.contains("unnamed subnet (id \"subnet-private-1b\")"),
        "{m}"
    );
}

#[test]
fn the_hostile_names_fixture_validates_without_panicking() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile-names.json"
    ))
    .unwrap();
    let t = format::load(&text).unwrap();
    let d = validate(&t);
    assert_eq!(d, validate(&t));
}

#[test]
fn an_empty_design_only_lacks_a_name_and_region() {
    let d = validate(&Topology::default());
    assert_eq!(codes(&d), ["NW204", "NW214"]);
    assert!(validate(&Topology::new("x", "us-east-1")).is_empty());
}
