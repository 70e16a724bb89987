//! The engine on the reference design and on broken copies of it: one case per hop kind,
//! each naming the verdict and the blocking hop.

use super::*;
use crate::model::{AclEntry, NetworkAcl, Workload};
use crate::templates::smartinvoice;

fn at(t: &Topology, name: &str) -> Endpoint {
    Endpoint::resolve(t, name).unwrap()
}

fn ask(t: &Topology, from: &str, to: &str, traffic: Traffic, port: Option<u16>) -> Answer {
    reach(t, at(t, from), at(t, to), traffic, port).unwrap()
}

fn tcp(t: &Topology, from: &str, to: &str, port: u16) -> Answer {
    ask(t, from, to, Traffic::Tcp, Some(port))
}

fn group<'a>(t: &'a mut Topology, name: &str) -> &'a mut crate::model::SecurityGroup {
    t.security_groups
        .iter_mut()
        .find(|g| g.name == name)
        .unwrap()
}

fn workload<'a>(t: &'a mut Topology, name: &str) -> &'a mut Workload {
    t.workloads.iter_mut().find(|w| w.name == name).unwrap()
}

/// The blocking hop's kind and name, and that its reason says `why`.
fn blocked(a: &Answer, kind: HopKind, name: &str, why: &str) {
    assert!(!a.reachable, "{a:#?}");
    let b = a.blocked_at.as_ref().unwrap();
    assert_eq!((b.kind, b.name.as_str()), (kind, name), "{a:#?}");
    assert!(b.why.contains(why), "{:?} does not say {why:?}", b.why);
}

fn kinds(a: &Answer) -> Vec<HopKind> {
    a.path.iter().map(|h| h.kind).collect()
}

fn apply_fix(t: &mut Topology, a: &Answer) {
    let edit = a
        .blocked_at
        .as_ref()
        .and_then(|h| h.fix.as_ref())
        .and_then(|f| f.edit.clone())
        .expect("a fix with an edit");
    edit.apply(t).unwrap();
}

#[test]
fn the_internet_reaches_the_load_balancer_on_443_hop_by_hop() {
    let t = smartinvoice();
    let a = tcp(&t, "internet", "smartinvoice-alb", 443);
    assert!(a.reachable, "{a:#?}");
    assert!(a.blocked_at.is_none());
    use HopKind::*;
    assert_eq!(
        kinds(&a),
        [Internet, Route, Gateway, Acl, Group, Workload, Acl]
    );
    let rule = &a.path[4];
    assert_eq!(
        rule.why,
        "smartinvoice-alb-sg inbound rule 2 allows tcp/443 from the internet"
    );
    assert_eq!(
        (rule.index, rule.field.as_deref()),
        (Some(1), Some("ingress[1]"))
    );
    assert_eq!(
        a.path[1].why,
        "route table smartinvoice-public-rt sends 0.0.0.0/0 to internet gateway smartinvoice-igw"
    );
    assert!(
        a.path[0].why.contains("2 of 2 subnet pairs get through"),
        "{}",
        a.path[0].why
    );
}

#[test]
fn the_internet_does_not_reach_the_database_and_every_blocking_hop_is_listed() {
    let t = smartinvoice();
    let a = tcp(&t, "internet", "smartinvoice-rds", 5432);
    blocked(
        &a,
        HopKind::Route,
        "smartinvoice-private-rt",
        "sends 0.0.0.0/0 to NAT gateway smartinvoice-nat-gw",
    );
    let reasons: Vec<&str> = a
        .path
        .iter()
        .filter(|h| !h.allowed)
        .map(|h| h.why.as_str())
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:#?}");
    assert!(reasons[1].contains("no inbound rule allows tcp/5432 from the internet"));
    assert!(reasons[2].contains("smartinvoice-rds is not internet-facing"));
}

#[test]
fn the_backend_reaches_the_database_and_the_load_balancer_does_not() {
    let mut t = smartinvoice();
    let a = tcp(&t, "smartinvoice-backend", "smartinvoice-rds", 5432);
    assert!(a.reachable, "{a:#?}");
    assert!(a
        .path
        .iter()
        .any(|h| h.why.starts_with("the local route of VPC smartinvoice-vpc")));
    let a = tcp(&t, "smartinvoice-alb", "smartinvoice-rds", 5432);
    blocked(
        &a,
        HopKind::Group,
        "smartinvoice-rds-sg",
        "no inbound rule allows tcp/5432 from smartinvoice-alb-sg",
    );
    let fix = a.blocked_at.as_ref().unwrap().fix.as_ref().unwrap();
    assert_eq!(
        fix.text,
        "add an inbound rule to smartinvoice-rds-sg: tcp/5432 from smartinvoice-alb-sg"
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "smartinvoice-alb", "smartinvoice-rds", 5432).reachable);
}

#[test]
fn the_backend_reaches_the_internet_through_the_nat_gateway() {
    let t = smartinvoice();
    let a = tcp(&t, "smartinvoice-backend", "internet", 443);
    assert!(a.reachable, "{a:#?}");
    let names: Vec<&str> = a
        .path
        .iter()
        .filter(|h| h.kind == HopKind::Gateway)
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(names, ["smartinvoice-nat-gw", "smartinvoice-igw"]);
}

#[test]
fn a_removed_route_blocks_the_internet_at_the_route_table() {
    let mut t = smartinvoice();
    t.route_tables
        .iter_mut()
        .find(|r| r.name == "smartinvoice-public-rt")
        .unwrap()
        .routes
        .clear();
    let a = tcp(&t, "internet", "smartinvoice-alb", 443);
    blocked(
        &a,
        HopKind::Route,
        "smartinvoice-public-rt",
        "route table smartinvoice-public-rt has no route to 0.0.0.0/0",
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "internet", "smartinvoice-alb", 443).reachable);
}

#[test]
fn a_nat_gateway_in_a_private_subnet_does_not_reach_the_internet() {
    let mut t = smartinvoice();
    t.nat_gateways[0].subnet = Id("subnet-private-1a".into());
    let a = tcp(&t, "smartinvoice-backend", "internet", 443);
    blocked(
        &a,
        HopKind::Route,
        "smartinvoice-private-rt",
        "routes 0.0.0.0/0 to a NAT gateway, not an internet gateway",
    );
}

#[test]
fn a_deny_on_the_return_ports_blocks_at_the_network_acl() {
    let mut t = smartinvoice();
    let mut acl = NetworkAcl::new("acl-public", "public-acl", "vpc");
    acl.subnets = vec![Id("subnet-public-1a".into()), Id("subnet-public-1b".into())];
    acl.inbound = vec![
        AclEntry::new(90, AclAction::Deny, "tcp", "1024-65535", "10.0.0.0/16"),
        AclEntry::new(100, AclAction::Allow, "all", "", "0.0.0.0/0"),
    ];
    acl.outbound = vec![AclEntry::new(100, AclAction::Allow, "all", "", "0.0.0.0/0")];
    t.network_acls.push(acl);
    // The load balancer's connections to the backend get no replies.
    let a = tcp(&t, "smartinvoice-alb", "smartinvoice-backend", 8080);
    blocked(
        &a,
        HopKind::Acl,
        "public-acl",
        "public-acl inbound entry 90 denies replies (tcp/1024-65535) from 10.0.3.0/24",
    );
    let b = a.blocked_at.as_ref().unwrap();
    assert_eq!(b.field.as_deref(), Some("inbound[0]"));
    assert!(
        b.fix
            .as_ref()
            .unwrap()
            .text
            .starts_with("add inbound entry 89 to public-acl"),
        "{:?}",
        b.fix
    );
    apply_fix(&mut t, &a);
    let again = tcp(&t, "smartinvoice-alb", "smartinvoice-backend", 8080);
    // The fix lets one pair of subnets through; the answer shows one that gets through.
    assert!(again.reachable, "{again:#?}");
    // The internet's replies on the ephemeral ports are not from the VPC: still allowed.
    assert!(tcp(&t, "internet", "smartinvoice-alb", 443).reachable);
}

#[test]
fn a_group_without_egress_blocks_at_its_outbound_rules() {
    let mut t = smartinvoice();
    group(&mut t, "smartinvoice-backend-sg").egress.clear();
    let a = tcp(&t, "smartinvoice-backend", "internet", 443);
    blocked(
        &a,
        HopKind::Group,
        "smartinvoice-backend-sg",
        "no outbound rule allows tcp/443 to the internet",
    );
    let a = tcp(&t, "smartinvoice-backend", "smartinvoice-rds", 5432);
    blocked(
        &a,
        HopKind::Group,
        "smartinvoice-backend-sg",
        "no outbound rule allows tcp/5432 to smartinvoice-rds-sg",
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "smartinvoice-backend", "smartinvoice-rds", 5432).reachable);
}

#[test]
fn a_rule_by_block_instead_of_group_counts_only_for_the_subnets_it_covers() {
    let mut t = smartinvoice();
    let rds = group(&mut t, "smartinvoice-rds-sg");
    rds.ingress = vec![Rule::tcp(
        5432,
        Peer::Cidr("10.0.3.0/24".into()),
        "PostgreSQL",
    )];
    // The backend runs in 10.0.3.0/24 and 10.0.4.0/24: one of them gets through.
    let a = tcp(&t, "smartinvoice-backend", "smartinvoice-rds", 5432);
    assert!(a.reachable, "{a:#?}");
    assert!(
        a.path[0].why.contains("2 of 4 subnet pairs get through"),
        "{}",
        a.path[0].why
    );
    // The load balancer's subnets are not in the block.
    let a = tcp(&t, "smartinvoice-alb", "smartinvoice-rds", 5432);
    blocked(
        &a,
        HopKind::Group,
        "smartinvoice-rds-sg",
        "no inbound rule allows tcp/5432 from smartinvoice-alb-sg",
    );
    // The whole VPC's block covers every subnet.
    group(&mut t, "smartinvoice-rds-sg").ingress = vec![Rule::tcp(
        5432,
        Peer::Cidr("10.0.0.0/16".into()),
        "PostgreSQL",
    )];
    assert!(tcp(&t, "smartinvoice-alb", "smartinvoice-rds", 5432).reachable);
}

#[test]
fn an_internet_facing_workload_in_a_private_subnet_is_not_reached() {
    let mut t = smartinvoice();
    workload(&mut t, "smartinvoice-alb").subnets = vec![
        Id("subnet-private-1a".into()),
        Id("subnet-private-1b".into()),
    ];
    let a = tcp(&t, "internet", "smartinvoice-alb", 443);
    blocked(
        &a,
        HopKind::Route,
        "smartinvoice-private-rt",
        "which takes no connections from the internet",
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "internet", "smartinvoice-alb", 443).reachable);
}

#[test]
fn a_workload_that_is_not_internet_facing_is_not_reached_from_the_internet() {
    let mut t = smartinvoice();
    workload(&mut t, "smartinvoice-alb").internet_facing = false;
    let a = tcp(&t, "internet", "smartinvoice-alb", 443);
    blocked(
        &a,
        HopKind::Workload,
        "smartinvoice-alb",
        "smartinvoice-alb is not internet-facing",
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "internet", "smartinvoice-alb", 443).reachable);
}

#[test]
fn a_group_no_workload_uses_is_judged_by_its_rules_and_says_so() {
    let mut t = smartinvoice();
    t.workloads.retain(|w| w.name != "smartinvoice-rds");
    let a = tcp(&t, "smartinvoice-backend", "smartinvoice-rds-sg", 5432);
    assert!(a.reachable, "{a:#?}");
    let last = a
        .path
        .iter()
        .rev()
        .find(|h| h.kind == HopKind::Group && h.name == "smartinvoice-rds-sg")
        .unwrap();
    assert!(last.why.contains("no workload uses it"), "{a:#?}");
    // A group that workloads use stands for them.
    let a = tcp(&t, "smartinvoice-alb-sg", "smartinvoice-backend-sg", 8080);
    assert!(a.reachable);
    assert_eq!(a.path[0].name, "smartinvoice-alb");
}

#[test]
fn a_subnet_is_judged_by_routes_and_network_acls_alone() {
    let t = smartinvoice();
    let a = tcp(&t, "smartinvoice-private-1a", "internet", 443);
    assert!(a.reachable, "{a:#?}");
    assert!(!a.path.iter().any(|h| h.kind == HopKind::Group));
    // A host in a public subnet gets a public address; no group is asked about it.
    assert!(tcp(&t, "internet", "smartinvoice-public-1a", 22).reachable);
    let a = tcp(&t, "internet", "smartinvoice-private-1a", 22);
    blocked(
        &a,
        HopKind::Route,
        "smartinvoice-private-rt",
        "which takes no connections from the internet",
    );
    let subnet = a.path.iter().find(|h| h.kind == HopKind::Subnet).unwrap();
    assert!(
        subnet
            .why
            .contains("does not give its hosts public addresses"),
        "{a:#?}"
    );
    let mut t = t;
    t.subnets[0].map_public_ip_on_launch = false;
    let a = tcp(&t, "internet", "smartinvoice-public-1a", 22);
    blocked(
        &a,
        HopKind::Subnet,
        "smartinvoice-public-1a",
        "does not give its hosts public addresses",
    );
    apply_fix(&mut t, &a);
    assert!(tcp(&t, "internet", "smartinvoice-public-1a", 22).reachable);
}

#[test]
fn all_traffic_passes_only_what_allows_all_traffic() {
    let t = smartinvoice();
    // The backend's egress allows all traffic, the NAT path carries it.
    assert!(ask(&t, "smartinvoice-backend", "internet", Traffic::All, None).reachable);
    let a = ask(
        &t,
        "smartinvoice-backend",
        "smartinvoice-rds",
        Traffic::All,
        None,
    );
    blocked(
        &a,
        HopKind::Group,
        "smartinvoice-rds-sg",
        // Its inbound rules allow TCP ports only.
        "no inbound rule allows all traffic from smartinvoice-backend-sg",
    );
}

#[test]
fn bad_questions_say_what_is_wrong() {
    let t = smartinvoice();
    let err = Endpoint::resolve(&t, "smartinvoice-db").unwrap_err();
    assert!(
        err.contains("no endpoint is named \"smartinvoice-db\""),
        "{err}"
    );
    assert!(
        err.contains("\"smartinvoice-rds\"") && err.contains("\"smartinvoice-private-1a\""),
        "{err}"
    );
    assert!(reach(
        &t,
        Endpoint::Internet,
        Endpoint::Internet,
        Traffic::Tcp,
        Some(1)
    )
    .is_err());
    let rds = at(&t, "smartinvoice-rds");
    assert!(reach(&t, Endpoint::Internet, rds, Traffic::Icmp, Some(300)).is_err());
}

#[test]
fn the_matrix_of_the_reference_design() {
    let t = smartinvoice();
    let m = matrix(&t);
    assert_eq!(
        m.endpoints,
        [
            "internet",
            "smartinvoice-alb",
            "smartinvoice-backend",
            "smartinvoice-rds",
            "smartinvoice-ocr"
        ]
    );
    let cell = |a: &str, b: &str| {
        m.cells.iter().find(|c| c.from == a && c.to == b).map(|c| {
            c.open
                .iter()
                .map(|o| format!("{} {}", o.traffic.as_str(), o.ports))
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    for (from, to, open) in [
        ("internet", "smartinvoice-alb", "tcp 80, 443"),
        ("smartinvoice-alb", "smartinvoice-backend", "tcp 80, 8080"),
        ("smartinvoice-backend", "smartinvoice-rds", "tcp 5432"),
        ("smartinvoice-ocr", "smartinvoice-rds", "tcp 5432"),
        ("smartinvoice-backend", "smartinvoice-ocr", "tcp 5000"),
        ("smartinvoice-backend", "internet", "all all"),
    ] {
        assert_eq!(cell(from, to).as_deref(), Some(open), "{from} -> {to}");
    }
    assert_eq!(cell("internet", "smartinvoice-rds"), None);
    assert_eq!(cell("smartinvoice-alb", "smartinvoice-rds"), None);
}

#[test]
fn answers_serialize_with_the_documented_keys() {
    let t = smartinvoice();
    let a = tcp(&t, "smartinvoice-alb", "smartinvoice-rds", 5432);
    let v = serde_json::to_value(&a).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["reachable", "path", "blocked_at"]);
    assert_eq!(v["blocked_at"]["kind"], "group");
    assert_eq!(
        v["blocked_at"]["fix"]["text"],
        "add an inbound rule to smartinvoice-rds-sg: tcp/5432 from smartinvoice-alb-sg"
    );
}

#[test]
fn holds_agrees_with_ipnet() {
    let nets: Vec<IpNet> = [
        "0.0.0.0/0",
        "10.0.0.0/8",
        "10.0.0.0/16",
        "10.0.3.0/24",
        "10.0.3.128/25",
        "10.1.0.0/16",
        "192.168.0.0/24",
        "::/0",
        "fd00::/8",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    for a in &nets {
        for b in &nets {
            assert_eq!(holds(a, b), a.contains(b), "{a} {b}");
        }
    }
}
