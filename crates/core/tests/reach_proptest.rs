//! Properties of the reachability engine on generated variants of the reference design
//! (rules added and removed, network ACLs with any entries, routes dropped or pointed
//! elsewhere, workloads moved and made internet-facing or not, garbage blocks and
//! dangling ids among them):
//! - it never panics, on any pair of endpoints, traffic and port;
//! - adding an allow rule never makes a reachable pair unreachable, and removing one
//!   never makes an unreachable pair reachable;
//! - the matrix agrees with the questions: a port is in a cell exactly when the question
//!   on that port says reachable.

use netwright_core::model::{
    AclAction, AclEntry, Id, NetworkAcl, Peer, Protocol, Route, RouteTarget, Rule, Topology,
};
use netwright_core::reach::{self, Endpoint, Traffic};
use netwright_core::templates::smartinvoice;
use proptest::prelude::*;

const PORTS: [u16; 7] = [22, 80, 443, 5000, 5432, 8080, 40000];

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0.0.0.0/0".to_string()),
        Just("10.0.0.0/16".to_string()),
        Just("10.0.1.0/24".to_string()),
        Just("10.0.3.0/24".to_string()),
        Just("10.0.3.0/25".to_string()),
        Just("10.0.4.0/24".to_string()),
        Just("::/0".to_string()),
        Just("203.0.113.0/24".to_string()),
        "\\PC{0,10}",
    ]
}

fn group_id() -> impl Strategy<Value = Id> {
    prop_oneof![
        4 => prop::sample::select(vec!["sg-alb", "sg-backend", "sg-rds", "sg-ocr"]).prop_map(Id::new),
        1 => "\\PC{0,5}".prop_map(Id::new),
    ]
}

fn rule() -> impl Strategy<Value = Rule> {
    let protocol = prop::sample::select(vec![
        Protocol::Tcp,
        Protocol::Udp,
        Protocol::Icmp,
        Protocol::All,
    ]);
    let port = prop_oneof![
        prop::sample::select(PORTS.to_vec()).prop_map(i32::from),
        -1..70_000i32
    ];
    let peer = prop_oneof![
        block().prop_map(Peer::Cidr),
        group_id().prop_map(Peer::SecurityGroup)
    ];
    (protocol, port, 0..3000i32, peer).prop_map(|(protocol, from, span, peer)| {
        let (from_port, to_port) = match protocol {
            Protocol::All => (-1, -1),
            Protocol::Icmp => (from.min(255), -1),
            _ => (from, from.saturating_add(span % 3)),
        };
        Rule {
            protocol,
            from_port,
            to_port,
            peer,
            description: String::new(),
        }
    })
}

fn entry() -> impl Strategy<Value = AclEntry> {
    let protocol =
        prop::sample::select(vec!["tcp", "udp", "icmp", "all", "-1", "6", "50", "bogus"]);
    let ports = prop::sample::select(vec![
        "",
        "443",
        "5432",
        "80-8080",
        "1024-65535",
        "all",
        "0-65535",
        "x",
    ]);
    (1..300i32, any::<bool>(), protocol, ports, block()).prop_map(|(n, allow, p, ports, cidr)| {
        let action = if allow {
            AclAction::Allow
        } else {
            AclAction::Deny
        };
        AclEntry::new(n, action, p, ports, cidr)
    })
}

fn subnet_ids() -> impl Strategy<Value = Vec<Id>> {
    prop::sample::subsequence(
        vec![
            "subnet-public-1a",
            "subnet-public-1b",
            "subnet-private-1a",
            "subnet-private-1b",
            "subnet-gone",
        ],
        0..=3,
    )
    .prop_map(|v| v.into_iter().map(Id::new).collect())
}

/// One change to the reference design.
#[derive(Debug, Clone)]
enum Change {
    AddRule {
        group: usize,
        egress: bool,
        rule: Rule,
    },
    DropRule {
        group: usize,
        egress: bool,
        at: usize,
    },
    Acl {
        subnets: Vec<Id>,
        inbound: Vec<AclEntry>,
        outbound: Vec<AclEntry>,
    },
    DropRoutes {
        table: usize,
    },
    RouteTo {
        table: usize,
        nat: bool,
        id: Id,
    },
    MoveWorkload {
        w: usize,
        subnets: Vec<Id>,
        facing: bool,
    },
    NatSubnet {
        subnet: Id,
    },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => (0..4usize, any::<bool>(), rule()).prop_map(|(group, egress, rule)| Change::AddRule { group, egress, rule }),
        2 => (0..4usize, any::<bool>(), 0..3usize).prop_map(|(group, egress, at)| Change::DropRule { group, egress, at }),
        2 => (subnet_ids(), prop::collection::vec(entry(), 0..6), prop::collection::vec(entry(), 0..6))
            .prop_map(|(subnets, inbound, outbound)| Change::Acl { subnets, inbound, outbound }),
        1 => (0..2usize).prop_map(|table| Change::DropRoutes { table }),
        1 => (0..2usize, any::<bool>(), prop::sample::select(vec!["igw", "nat", "nowhere"]).prop_map(Id::new))
            .prop_map(|(table, nat, id)| Change::RouteTo { table, nat, id }),
        2 => (0..4usize, subnet_ids(), any::<bool>()).prop_map(|(w, subnets, facing)| Change::MoveWorkload { w, subnets, facing }),
        1 => prop::sample::select(vec!["subnet-public-1b", "subnet-private-1a", "subnet-gone"])
            .prop_map(|s| Change::NatSubnet { subnet: Id::new(s) }),
    ]
}

fn apply(t: &mut Topology, c: &Change) {
    match c.clone() {
        Change::AddRule {
            group,
            egress,
            rule,
        } => {
            let g = &mut t.security_groups[group];
            if egress {
                g.egress.push(rule)
            } else {
                g.ingress.push(rule)
            }
        }
        Change::DropRule { group, egress, at } => {
            let g = &mut t.security_groups[group];
            let list = if egress {
                &mut g.egress
            } else {
                &mut g.ingress
            };
            if at < list.len() {
                list.remove(at);
            }
        }
        Change::Acl {
            subnets,
            inbound,
            outbound,
        } => {
            let mut acl = NetworkAcl::new(
                Id::new(format!("acl-{}", t.network_acls.len())),
                "generated",
                "vpc",
            );
            acl.subnets = subnets;
            acl.inbound = inbound;
            acl.outbound = outbound;
            t.network_acls.push(acl);
        }
        Change::DropRoutes { table } => t.route_tables[table].routes.clear(),
        Change::RouteTo { table, nat, id } => {
            let target = if nat {
                RouteTarget::NatGateway(id)
            } else {
                RouteTarget::InternetGateway(id)
            };
            t.route_tables[table].routes = vec![Route {
                destination: "0.0.0.0/0".into(),
                target,
            }];
        }
        Change::MoveWorkload { w, subnets, facing } => {
            t.workloads[w].subnets = subnets;
            t.workloads[w].internet_facing = facing;
        }
        Change::NatSubnet { subnet } => t.nat_gateways[0].subnet = subnet,
    }
}

fn variant() -> impl Strategy<Value = Topology> {
    prop::collection::vec(change(), 0..8).prop_map(|changes| {
        let mut t = smartinvoice();
        for c in &changes {
            apply(&mut t, c);
        }
        t
    })
}

fn endpoints(t: &Topology) -> Vec<Endpoint> {
    std::iter::once(Endpoint::Internet)
        .chain((0..t.workloads.len()).map(Endpoint::Workload))
        .chain((0..t.security_groups.len()).map(Endpoint::Group))
        .chain((0..t.subnets.len()).map(Endpoint::Subnet))
        .collect()
}

fn reachable(t: &Topology, a: Endpoint, b: Endpoint, traffic: Traffic, port: Option<u16>) -> bool {
    reach::reach(t, a, b, traffic, port).is_ok_and(|x| x.reachable)
}

/// Whether a matrix cell's open list lets tcp `port` through.
fn cell_opens(open: &[reach::Open], port: u16) -> bool {
    open.iter().any(|o| match o.traffic {
        Traffic::All => true,
        Traffic::Tcp if o.ports == "all" => true,
        Traffic::Tcp => o.ports.split(", ").any(|r| match r.split_once('-') {
            Some((x, y)) => {
                x.parse::<u16>().is_ok_and(|x| x <= port)
                    && y.parse::<u16>().is_ok_and(|y| port <= y)
            }
            None => r.parse::<u16>() == Ok(port),
        }),
        _ => false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn reach_never_panics_and_says_why_it_blocks(t in variant(), traffic in prop::sample::select(Traffic::ALL.to_vec()), port in prop::option::of(prop::sample::select(PORTS.to_vec()))) {
        for &a in &endpoints(&t) {
            for &b in &endpoints(&t) {
                let Ok(answer) = reach::reach(&t, a, b, traffic, port) else {
                    prop_assert!((a == Endpoint::Internet && b == Endpoint::Internet) || (traffic == Traffic::Icmp && port.is_some_and(|p| p > 255)));
                    continue;
                };
                prop_assert_eq!(answer.reachable, answer.path.iter().all(|h| h.allowed));
                prop_assert_eq!(answer.blocked_at.as_ref(), answer.path.iter().find(|h| !h.allowed));
                for h in &answer.path {
                    prop_assert!(!h.why.is_empty());
                }
                prop_assert_eq!(&answer, &reach::reach(&t, a, b, traffic, port).unwrap());
            }
        }
    }

    #[test]
    fn adding_an_allow_rule_never_takes_reachability_away(t in variant(), group in 0..4usize, egress in any::<bool>(), rule in rule(), port in prop::sample::select(PORTS.to_vec())) {
        let mut more = t.clone();
        apply(&mut more, &Change::AddRule { group, egress, rule });
        for &a in &endpoints(&t) {
            for &b in &endpoints(&t) {
                if reachable(&t, a, b, Traffic::Tcp, Some(port)) {
                    prop_assert!(reachable(&more, a, b, Traffic::Tcp, Some(port)), "{} -> {} tcp/{port}", a.name(&t), b.name(&t));
                }
            }
        }
    }

    #[test]
    fn removing_a_rule_never_makes_reachability(t in variant(), group in 0..4usize, egress in any::<bool>(), at in 0..4usize, port in prop::sample::select(PORTS.to_vec())) {
        let mut less = t.clone();
        apply(&mut less, &Change::DropRule { group, egress, at });
        for &a in &endpoints(&t) {
            for &b in &endpoints(&t) {
                if !reachable(&t, a, b, Traffic::Tcp, Some(port)) {
                    prop_assert!(!reachable(&less, a, b, Traffic::Tcp, Some(port)), "{} -> {} tcp/{port}", a.name(&t), b.name(&t));
                }
            }
        }
    }

    #[test]
    fn the_matrix_agrees_with_the_questions(t in variant()) {
        let m = reach::matrix(&t);
        for c in &m.cells {
            prop_assert!(!c.open.is_empty());
        }
        let ends: Vec<Endpoint> = std::iter::once(Endpoint::Internet)
            .chain((0..t.workloads.len()).map(Endpoint::Workload))
            .collect();
        for &a in &ends {
            for &b in &ends {
                if a == Endpoint::Internet && b == Endpoint::Internet {
                    continue;
                }
                let cell = m.cells.iter().find(|c| c.ends == (a, b));
                let one = reach::open(&t, a, b);
                prop_assert_eq!(cell.map(|c| &c.open), (!one.is_empty()).then_some(&one));
                for port in PORTS {
                    let open = cell.is_some_and(|c| cell_opens(&c.open, port));
                    prop_assert_eq!(open, reachable(&t, a, b, Traffic::Tcp, Some(port)), "{} -> {} tcp/{}", a.name(&t), b.name(&t), port);
                }
            }
        }
    }
}
