//! NW4xx cases: security groups, including reachability of database ports.

use netwright_core::model::{EntityKind, Id, Peer, Protocol, Rule, SecurityGroup, Tags};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Severity, Topology};

use crate::validate_rules::routing::with_second_vpc;
use crate::Case;

fn world() -> Peer {
    Peer::Cidr("0.0.0.0/0".into())
}

fn group_peer(id: &str) -> Peer {
    Peer::SecurityGroup(Id::new(id))
}

fn rule(protocol: Protocol, from: i32, to: i32, peer: Peer) -> Rule {
    Rule {
        protocol,
        from_port: from,
        to_port: to,
        peer,
        description: String::new(),
    }
}

/// The reference design with one more inbound rule on the group at `g`.
fn plus(g: usize, r: Rule) -> Topology {
    let mut t = smartinvoice();
    t.security_groups[g].ingress.push(r);
    t
}

fn group(id: &str, name: &str, vpc: &str, ingress: Vec<Rule>) -> SecurityGroup {
    SecurityGroup {
        id: Id::new(id),
        name: name.into(),
        description: format!("{name} group"),
        vpc: Id::new(vpc),
        ingress,
        egress: vec![Rule::allow_all_egress()],
        tags: Tags::new(),
    }
}

fn other_vpc_group() -> Topology {
    let mut t = with_second_vpc();
    let own = rule(Protocol::Tcp, 443, 443, group_peer("sg-other"));
    t.security_groups
        .push(group("sg-other", "other-sg", "vpc-2", vec![own]));
    t
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW401",
            broken: || plus(1, rule(Protocol::Tcp, 70000, 70000, group_peer("sg-alb"))),
            fixed: || plus(1, rule(Protocol::Tcp, 65535, 65535, group_peer("sg-alb"))),
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[2].from_port"),
            replacement_fixes: true,
        },
        Case {
            code: "NW402",
            broken: || plus(1, rule(Protocol::Icmp, 300, -1, group_peer("sg-alb"))),
            fixed: || plus(1, rule(Protocol::Icmp, 255, 255, group_peer("sg-alb"))),
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[2].from_port"),
            replacement_fixes: true,
        },
        Case {
            code: "NW403",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[0].egress[0].to_port = 443;
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("egress[0].to_port"),
            replacement_fixes: true,
        },
        Case {
            code: "NW404",
            broken: || {
                let mut t = other_vpc_group();
                let r = rule(Protocol::Tcp, 5432, 5432, group_peer("sg-other"));
                t.security_groups[2].ingress.push(r);
                t
            },
            fixed: other_vpc_group,
            entity: (EntityKind::SecurityGroup, "sg-rds"),
            field: Some("ingress[2].peer"),
            replacement_fixes: false,
        },
        Case {
            code: "NW405",
            broken: || plus(0, Rule::tcp(443, Peer::Cidr(" 0.0.0.0/0".into()), "again")),
            fixed: || plus(0, Rule::tcp(443, Peer::Cidr("::/0".into()), "IPv6")),
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("ingress[2]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW406",
            broken: || plus(1, rule(Protocol::Tcp, 20, 23, Peer::Cidr("::/0".into()))),
            fixed: || {
                plus(
                    1,
                    Rule::tcp(22, Peer::Cidr("203.0.113.0/24".into()), "office"),
                )
            },
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[2].peer"),
            replacement_fixes: false,
        },
        Case {
            code: "NW407",
            broken: || plus(2, Rule::tcp(5432, world(), "PostgreSQL")),
            fixed: || plus(2, Rule::tcp(5432, Peer::Cidr("10.0.0.0/16".into()), "VPC")),
            entity: (EntityKind::SecurityGroup, "sg-rds"),
            field: Some("ingress[2].peer"),
            replacement_fixes: false,
        },
        Case {
            code: "NW408",
            broken: || plus(3, rule(Protocol::All, -1, -1, world())),
            fixed: || {
                plus(
                    3,
                    rule(Protocol::All, -1, -1, Peer::Cidr("10.0.0.0/16".into())),
                )
            },
            entity: (EntityKind::SecurityGroup, "sg-ocr"),
            field: Some("ingress[1].peer"),
            replacement_fixes: false,
        },
        Case {
            code: "NW409",
            broken: || {
                let mut t = plus(0, Rule::tcp(5432, world(), "proxied database"));
                t.security_groups[2].ingress.push(Rule::tcp(
                    5432,
                    group_peer("sg-alb"),
                    "from the ALB",
                ));
                t
            },
            // The normal three-tier chain: the ALB is open on 80/443 only.
            fixed: || plus(2, Rule::tcp(5432, group_peer("sg-alb"), "from the ALB")),
            entity: (EntityKind::SecurityGroup, "sg-rds"),
            field: Some("ingress[2].peer"),
            replacement_fixes: false,
        },
        // A warning: the backend's instances take HTTP from the whole internet.
        Case {
            code: "NW410",
            broken: || plus(1, Rule::tcp(80, world(), "HTTP from anywhere")),
            fixed: || plus(1, Rule::tcp(80, Peer::Cidr("10.0.0.0/16".into()), "VPC")),
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[2].peer"),
            replacement_fixes: false,
        },
        // Only info: the reference design's ALB group, used by its internet-facing ALB.
        Case {
            code: "NW410",
            broken: smartinvoice,
            fixed: || {
                let mut t = smartinvoice();
                for r in &mut t.security_groups[0].ingress {
                    r.peer = Peer::Cidr("203.0.113.0/24".into());
                }
                t
            },
            entity: (EntityKind::SecurityGroup, "sg-alb"),
            field: Some("ingress[1].peer"),
            replacement_fixes: false,
        },
        Case {
            code: "NW411",
            broken: || plus(1, rule(Protocol::Tcp, 9000, 9001, group_peer("sg-alb"))),
            fixed: || plus(1, Rule::tcp(9000, group_peer("sg-alb"), "metrics")),
            entity: (EntityKind::SecurityGroup, "sg-backend"),
            field: Some("ingress[2].description"),
            replacement_fixes: true,
        },
        Case {
            code: "NW411",
            broken: || {
                let mut t = smartinvoice();
                t.security_groups[2].egress = vec![rule(Protocol::Udp, 53, 53, world())];
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::SecurityGroup, "sg-rds"),
            field: Some("egress[0].description"),
            replacement_fixes: true,
        },
    ]
}

fn codes(t: &Topology, code: &str) -> Vec<(String, Option<String>)> {
    validate(t)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.entity.id.0, d.field))
        .collect()
}

/// A rule's protocol and ports, and the (code, field) findings they give.
type PortCase = (Protocol, i32, i32, &'static [(&'static str, &'static str)]);

#[test]
fn port_checks_by_protocol() {
    let cases: [PortCase; 9] = [
        (
            Protocol::Tcp,
            -1,
            -1,
            &[("NW401", "from_port"), ("NW401", "to_port")],
        ),
        (Protocol::Udp, 8080, 80, &[("NW401", "from_port")]),
        (
            Protocol::Tcp,
            i32::MIN,
            i32::MAX,
            &[("NW401", "from_port"), ("NW401", "to_port")],
        ),
        (Protocol::Tcp, 0, 65535, &[]),
        (Protocol::Icmp, -1, 3, &[("NW402", "to_port")]),
        (Protocol::Icmp, 8, 256, &[("NW402", "to_port")]),
        (Protocol::Icmp, -1, -1, &[]),
        (
            Protocol::All,
            0,
            65535,
            &[("NW403", "from_port"), ("NW403", "to_port")],
        ),
        (Protocol::All, -1, -1, &[]),
    ];
    for (protocol, from, to, want) in cases {
        let t = plus(1, rule(protocol, from, to, group_peer("sg-alb")));
        let got: Vec<(String, String)> = validate(&t)
            .into_iter()
            .filter(|d| d.code.starts_with("NW40") && d.entity.id.as_str() == "sg-backend")
            .map(|d| (d.code.to_string(), d.field.unwrap()))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(c, f)| (c.to_string(), format!("ingress[2].{f}")))
            .collect();
        assert_eq!(got, want, "{protocol:?} {from} {to}");
    }
}

#[test]
fn world_open_rules() {
    // World ingress to 80/443 is the load balancer's job: nothing to report.
    let t = smartinvoice();
    for code in ["NW406", "NW407", "NW408", "NW409"] {
        assert!(codes(&t, code).is_empty(), "{code}");
    }
    // 3389 from the world, and a wide range covering several database ports.
    let t = plus(1, Rule::tcp(3389, world(), "RDP"));
    assert_eq!(codes(&t, "NW406").len(), 1);
    let t = plus(1, rule(Protocol::Tcp, 1000, 6000, world()));
    let d = validate(&t);
    let db = d.iter().find(|d| d.code == "NW407").unwrap();
    assert!(
        db.message.contains("5432") && db.message.contains("3306"),
        "{}",
        db.message
    );
    // TCP 0-65535 is "all ports": one error, not one per port family.
    let t = plus(1, rule(Protocol::Tcp, 0, 65535, world()));
    assert_eq!(codes(&t, "NW408").len(), 1);
    assert!(codes(&t, "NW406").is_empty() && codes(&t, "NW407").is_empty());
    // Outbound rules to the world are normal.
    let mut t = smartinvoice();
    t.security_groups[2]
        .egress
        .push(Rule::tcp(5432, world(), "out"));
    assert!(codes(&t, "NW407").is_empty());
    // UDP on a database port is not a database.
    let t = plus(1, rule(Protocol::Udp, 5432, 5432, world()));
    assert!(codes(&t, "NW407").is_empty());
}

#[test]
fn a_two_hop_chain_is_named_hop_by_hop() {
    let mut t = smartinvoice();
    t.security_groups.push(group(
        "sg-proxy",
        "smartinvoice-proxy-sg",
        "vpc",
        vec![rule(Protocol::Tcp, 0, 65535, world())],
    ));
    // backend takes 5432 from the proxy; rds takes 5432 from backend (already does).
    t.security_groups[1]
        .ingress
        .push(Rule::tcp(5432, group_peer("sg-proxy"), "pg"));
    let d = validate(&t);
    let chains: Vec<_> = d.iter().filter(|d| d.code == "NW409").collect();
    let on: Vec<(&str, Option<&str>)> = chains
        .iter()
        .map(|d| (d.entity.id.as_str(), d.field.as_deref()))
        .collect();
    assert_eq!(
        on,
        [
            ("sg-backend", Some("ingress[2].peer")),
            ("sg-rds", Some("ingress[0].peer")),
        ]
    );
    let rds = chains[1];
    assert!(
        rds.message.contains(
            "internet -> smartinvoice-proxy-sg -> smartinvoice-backend-sg -> smartinvoice-rds-sg"
        ),
        "{}",
        rds.message
    );
    // The OCR group is not reachable on 5432, so its rule on rds is not flagged.
    assert!(chains
        .iter()
        .all(|d| d.field.as_deref() != Some("ingress[1].peer")));
}

#[test]
fn a_chain_must_carry_the_database_port() {
    // World -> proxy on 8080 only; rds allows 5432 from the proxy: no chain.
    let mut t = smartinvoice();
    t.security_groups.push(group(
        "sg-proxy",
        "proxy-sg",
        "vpc",
        vec![Rule::tcp(8080, world(), "app")],
    ));
    t.security_groups[2]
        .ingress
        .push(Rule::tcp(5432, group_peer("sg-proxy"), "pg"));
    assert!(codes(&t, "NW409").is_empty());
    // All traffic from the world counts for every port.
    t.security_groups[4].ingress[0] = rule(Protocol::All, -1, -1, world());
    assert_eq!(
        codes(&t, "NW409"),
        [("sg-rds".to_string(), Some("ingress[2].peer".to_string()))]
    );
}

#[test]
fn duplicates_ignore_descriptions_and_canonicalise_peers() {
    let t = plus(
        0,
        Rule::tcp(80, Peer::Cidr("0.0.0.5/0".into()), "other text"),
    );
    assert_eq!(
        codes(&t, "NW405"),
        [("sg-alb".to_string(), Some("ingress[2]".to_string()))]
    );
    let mut t = smartinvoice();
    t.security_groups[2].ingress[1].peer = group_peer("sg-backend");
    assert_eq!(
        codes(&t, "NW405"),
        [("sg-rds".to_string(), Some("ingress[1]".to_string()))]
    );
    // All-traffic rules are equal whatever ports they carry.
    let mut t = smartinvoice();
    t.security_groups[0]
        .egress
        .push(rule(Protocol::All, 1, 2, world()));
    assert!(codes(&t, "NW405").iter().any(|(id, _)| id == "sg-alb"));
}

/// The NW410 findings of `t`: (group id, field, severity, message).
fn web(t: &Topology) -> Vec<(String, String, Severity, String)> {
    validate(t)
        .into_iter()
        .filter(|d| d.code == "NW410")
        .map(|d| (d.entity.id.0, d.field.unwrap(), d.severity, d.message))
        .collect()
}

#[test]
fn world_open_web_ports_are_judged_by_the_workloads_behind_the_group() {
    // The internet-facing ALB: info on both rules, naming the load balancer.
    let got = web(&smartinvoice());
    assert_eq!(got.len(), 2, "{got:#?}");
    for (i, (id, field, severity, message)) in got.iter().enumerate() {
        assert_eq!((id.as_str(), *severity), ("sg-alb", Severity::Info));
        assert_eq!(field, &format!("ingress[{i}].peer"));
        assert!(
            message.contains("the internet-facing load balancer smartinvoice-alb"),
            "{message}"
        );
    }
    assert!(got[0].3.contains("HTTP (port 80)") && got[1].3.contains("HTTPS (port 443)"));

    // Instances, a database: warnings naming them.
    for (g, name) in [
        (1, "the instances smartinvoice-backend"),
        (2, "the database smartinvoice-rds"),
    ] {
        let t = plus(g, Rule::tcp(443, world(), "HTTPS"));
        let got = web(&t);
        let theirs: Vec<_> = got.iter().filter(|f| f.0 != "sg-alb").collect();
        assert_eq!(theirs.len(), 1, "{got:#?}");
        assert_eq!(theirs[0].2, Severity::Warning);
        assert!(theirs[0].3.contains(name), "{}", theirs[0].3);
    }

    // The ALB's group shared with the instances: a warning naming the instances only.
    let mut t = smartinvoice();
    t.workloads[1].security_groups.push(Id::new("sg-alb"));
    let got = web(&t);
    assert!(got.iter().all(|f| f.2 == Severity::Warning), "{got:#?}");
    assert!(got[0].3.contains("the instances smartinvoice-backend"));
    assert!(!got[0].3.contains("smartinvoice-alb,"), "{}", got[0].3);

    // An internal load balancer does not face the internet: a warning.
    let mut t = smartinvoice();
    t.workloads[0].internet_facing = false;
    let got = web(&t);
    assert!(got.iter().all(|f| f.2 == Severity::Warning), "{got:#?}");
    assert!(got[0]
        .3
        .contains("the internal load balancer smartinvoice-alb"));

    // No workload uses the group: info, saying there is nothing to judge by.
    let mut t = smartinvoice();
    t.security_groups.push(group(
        "sg-web",
        "web-sg",
        "vpc",
        vec![rule(Protocol::Tcp, 80, 443, Peer::Cidr("::/0".into()))],
    ));
    let got = web(&t);
    let unused: Vec<_> = got.iter().filter(|f| f.0 == "sg-web").collect();
    assert_eq!(unused.len(), 1, "{got:#?}");
    assert_eq!(unused[0].2, Severity::Info);
    assert!(unused[0].3.contains("HTTP (port 80) and HTTPS (port 443)"));
    assert!(
        unused[0].3.contains("no workload uses the group"),
        "{}",
        unused[0].3
    );

    // Every port is NW408's, not also NW410's; UDP and narrower peers are not web.
    for r in [
        rule(Protocol::Tcp, 0, 65535, world()),
        rule(Protocol::All, -1, -1, world()),
        rule(Protocol::Udp, 443, 443, world()),
        Rule::tcp(80, Peer::Cidr("0.0.0.0/1".into()), "half"),
        Rule::tcp(8080, world(), "other port"),
    ] {
        let t = plus(1, r.clone());
        assert!(
            web(&t).iter().all(|f| f.0 == "sg-alb"),
            "{r:?}: {:#?}",
            web(&t)
        );
    }
}

#[test]
fn rules_without_descriptions() {
    // AWS's default outbound rule is never reported: the reference design has none.
    assert!(codes(&smartinvoice(), "NW411").is_empty());
    // The fix writes the rule itself, in characters AWS accepts, and NW209 agrees.
    let mut t = smartinvoice();
    t.security_groups[1]
        .ingress
        .push(rule(Protocol::Icmp, 8, -1, group_peer("sg-alb")));
    t.security_groups[1]
        .egress
        .push(rule(Protocol::All, -1, -1, Peer::Cidr("::/0".into())));
    t.security_groups[0].name = "alb sg (web)".into();
    let d = validate(&t);
    let got: Vec<(Option<&str>, Option<&str>)> = d
        .iter()
        .filter(|d| d.code == "NW411")
        .map(|d| {
            (
                d.field.as_deref(),
                d.fix.as_ref().and_then(|f| f.replacement.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("egress[1].description"), Some("All traffic to ::/0")),
            (
                Some("ingress[2].description"),
                Some("ICMP type 8 from alb-sg--web-")
            ),
        ]
    );
}
