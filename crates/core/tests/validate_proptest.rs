//! Property: `validate` never panics, whatever the design holds (garbage CIDRs and
//! names, extreme ports, dangling and wrong-kind ids), and its output is sorted,
//! deterministic and well-formed.

use netwright_core::model::{
    ElasticIp, IamRole, Id, InternetGateway, NatConnectivity, NatGateway, Peer, Protocol, Route,
    RouteTable, RouteTarget, Rule, SecurityGroup, Subnet, Tags, Vpc,
};
use netwright_core::validate::rules::rule;
use netwright_core::{validate, Topology};
use proptest::prelude::*;

/// Ids drawn from a small pool, so references often resolve, often dangle, and often
/// point at the wrong kind.
fn id() -> impl Strategy<Value = Id> {
    prop_oneof![
        (0..4u8).prop_map(|i| Id::new(format!("v{i}"))),
        (0..6u8).prop_map(|i| Id::new(format!("s{i}"))),
        (0..3u8).prop_map(|i| Id::new(format!("g{i}"))),
        (0..3u8).prop_map(|i| Id::new(format!("n{i}"))),
        (0..4u8).prop_map(|i| Id::new(format!("sg{i}"))),
        Just(Id::new("")),
        "\\PC{0,6}".prop_map(Id::new),
    ]
}

/// Text that is sometimes a block, sometimes almost one, sometimes anything.
fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<[u8; 4]>(), 0..40u8)
            .prop_map(|(a, l)| format!("{}.{}.{}.{}/{l}", a[0], a[1], a[2], a[3])),
        (0..3u8, any::<u8>(), 14..30u8).prop_map(|(b, c, l)| format!("10.{b}.{c}.0/{l}")),
        Just("0.0.0.0/0".to_string()),
        Just("::/0".to_string()),
        Just("169.254.0.0/16".to_string()),
        Just("172.17.0.0/16".to_string()),
        "[0-9a-fA-F:./ ]{0,24}",
        "\\PC{0,12}",
    ]
}

/// An id of one kind most of the time (so references resolve), any id otherwise.
fn id_of(prefix: &'static str, n: u8) -> impl Strategy<Value = Id> {
    prop_oneof![
        3 => (0..n).prop_map(move |i| Id::new(format!("{prefix}{i}"))),
        1 => id(),
    ]
}

/// Blocks that often nest or overlap inside 10.0.0.0/16.
fn near_block() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..4u8, 22..29u8).prop_map(|(c, l)| format!("10.0.{c}.0/{l}")),
        1 => cidr(),
    ]
}

fn az() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..3u8).prop_map(|i| format!("us-east-1{}", char::from(b'a' + i))),
        1 => "[a-z0-9-]{0,16}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z-]{0,12}",
        "\\PC{0,20}",
        Just("sg-x".to_string()),
        Just("default".to_string()),
        "x{250,300}",
    ]
}

fn tags() -> impl Strategy<Value = Tags> {
    prop::collection::btree_map("\\PC{0,8}|aws:x|Name", "\\PC{0,8}", 0..3)
}

fn rule_strategy() -> impl Strategy<Value = Rule> {
    let protocol = prop_oneof![
        Just(Protocol::Tcp),
        Just(Protocol::Udp),
        Just(Protocol::Icmp),
        Just(Protocol::All)
    ];
    let port = prop_oneof![
        any::<i32>(),
        -1..70000i32,
        Just(i32::MIN),
        Just(i32::MAX),
        Just(5432),
        Just(22)
    ];
    let peer = prop_oneof![
        cidr().prop_map(Peer::Cidr),
        id().prop_map(Peer::SecurityGroup)
    ];
    (protocol, port.clone(), port, peer, text()).prop_map(|(protocol, from, to, peer, d)| Rule {
        protocol,
        from_port: from,
        to_port: to,
        peer,
        description: d,
    })
}

fn design() -> impl Strategy<Value = Topology> {
    let vpcs = prop::collection::vec(
        (
            0..4u8,
            text(),
            prop_oneof![2 => Just("10.0.0.0/16".to_string()), 1 => cidr()],
            prop::collection::vec(cidr(), 0..7),
            tags(),
        ),
        0..4,
    );
    let subnets = prop::collection::vec(
        (
            0..6u8,
            text(),
            id_of("v", 2),
            az(),
            near_block(),
            any::<bool>(),
        ),
        0..8,
    );
    let igws = prop::collection::vec((0..3u8, text(), prop::option::of(id_of("v", 2))), 0..3);
    let nats = prop::collection::vec(
        (
            0..3u8,
            text(),
            id_of("s", 6),
            any::<bool>(),
            prop::option::of(text()),
        ),
        0..4,
    );
    let tables = prop::collection::vec(
        (
            text(),
            id_of("v", 2),
            any::<bool>(),
            prop::collection::vec((near_block(), any::<bool>(), id_of("n", 3)), 0..4),
            prop::collection::vec(id_of("s", 6), 0..4),
        ),
        0..4,
    );
    let groups = prop::collection::vec(
        (
            0..4u8,
            text(),
            text(),
            id_of("v", 2),
            prop::collection::vec(rule_strategy(), 0..8),
            prop::collection::vec(rule_strategy(), 0..3),
        ),
        0..5,
    );
    let roles = prop::collection::vec(
        (
            text(),
            text(),
            prop::collection::vec(
                prop_oneof![
                    Just("ec2.amazonaws.com".to_string()),
                    "[a-z0-9.-]{0,24}",
                    "\\PC{0,5}"
                ],
                0..3,
            ),
            prop::collection::vec("[A-Za-z_]{0,24}|AmazonS3FullAccess|\\PC{0,8}", 0..13),
            any::<bool>(),
            tags(),
        ),
        0..3,
    );
    let region = prop_oneof![
        3 => Just("us-east-1".to_string()),
        1 => Just("ap-southeast-1".to_string()),
        1 => "\\PC{0,14}"
    ];
    (
        text(),
        region,
        vpcs,
        subnets,
        igws,
        nats,
        tables,
        groups,
        roles,
    )
        .prop_map(
            |(name, region, vpcs, subnets, igws, nats, tables, groups, roles)| {
                let mut t = Topology::new(name, region);
                for (i, name, c, sec, tags) in vpcs {
                    let mut v = Vpc::new(Id::new(format!("v{i}")), name, c);
                    v.secondary_cidrs = sec;
                    v.tags = tags;
                    t.vpcs.push(v);
                }
                for (i, name, vpc, az, c, public) in subnets {
                    let mut s = Subnet::new(Id::new(format!("s{i}")), name, vpc, az, c);
                    s.map_public_ip_on_launch = public;
                    t.subnets.push(s);
                }
                for (i, name, vpc) in igws {
                    t.internet_gateways.push(InternetGateway {
                        id: Id::new(format!("g{i}")),
                        name,
                        vpc,
                        tags: Tags::new(),
                    });
                }
                for (i, name, subnet, public, eip) in nats {
                    t.nat_gateways.push(NatGateway {
                        id: Id::new(format!("n{i}")),
                        name,
                        subnet,
                        connectivity: if public {
                            NatConnectivity::Public
                        } else {
                            NatConnectivity::Private
                        },
                        elastic_ip: eip.map(|name| ElasticIp { name }),
                        tags: Tags::new(),
                    });
                }
                for (k, (name, vpc, main, routes, subnets)) in tables.into_iter().enumerate() {
                    t.route_tables.push(RouteTable {
                        id: Id::new(format!("rt{k}")),
                        name,
                        vpc,
                        main,
                        routes: routes
                            .into_iter()
                            .map(|(destination, to_igw, target)| Route {
                                destination,
                                target: if to_igw {
                                    RouteTarget::InternetGateway(target)
                                } else {
                                    RouteTarget::NatGateway(target)
                                },
                            })
                            .collect(),
                        subnets,
                        tags: Tags::new(),
                    });
                }
                for (i, name, description, vpc, ingress, egress) in groups {
                    t.security_groups.push(SecurityGroup {
                        id: Id::new(format!("sg{i}")),
                        name,
                        description,
                        vpc,
                        ingress,
                        egress,
                        tags: Tags::new(),
                    });
                }
                for (k, (name, description, trusted, policies, profile, tags)) in
                    roles.into_iter().enumerate()
                {
                    t.iam_roles.push(IamRole {
                        id: Id::new(format!("r{k}")),
                        name,
                        description,
                        trusted_services: trusted,
                        managed_policies: policies,
                        instance_profile: profile,
                        tags,
                    });
                }
                t
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validate_never_panics_and_is_well_formed(t in design()) {
        let d = validate(&t);
        prop_assert_eq!(&d, &validate(&t));
        for w in d.windows(2) {
            let key = |x: &netwright_core::Diagnostic| {
                (x.severity, x.entity.clone(), x.field.clone(), x.code, x.message.clone())
            };
            prop_assert!(key(&w[0]) <= key(&w[1]));
        }
        for x in &d {
            let r = rule(x.code);
            prop_assert!(r.is_some(), "unknown code {}", x.code);
            prop_assert!(r.unwrap().reports(x.severity), "{} at {}", x.code, x.severity);
            prop_assert!(!x.message.is_empty());
            if let Some(f) = &x.fix {
                prop_assert!(!f.label.is_empty());
            }
        }
    }

    #[test]
    fn broken_references_in_a_valid_design_never_panic(
        subnet in id(), vpc in id(), target in id(), peer in id(), port in any::<i32>()
    ) {
        let mut t = netwright_core::templates::smartinvoice();
        t.subnets[0].vpc = vpc;
        t.nat_gateways[0].subnet = subnet.clone();
        t.route_tables[1].routes[0].target = RouteTarget::NatGateway(target);
        t.route_tables[0].subnets.push(subnet);
        t.security_groups[2].ingress[0].peer = Peer::SecurityGroup(peer);
        t.security_groups[2].ingress[0].from_port = port;
        let _ = validate(&t);
    }
}
