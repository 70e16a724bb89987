//! Tests of add, duplicate and delete: no command may leave a dangling reference.

use super::*;
use crate::model::RouteTarget;
use crate::templates::smartinvoice;

/// Every reference in the design that points at nothing.
fn dangling(t: &Topology) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            out.push(what)
        }
    };
    for s in &t.subnets {
        check(
            t.vpc(&s.vpc).is_some(),
            format!("subnet {} -> vpc {}", s.id, s.vpc),
        );
    }
    for g in &t.internet_gateways {
        if let Some(v) = &g.vpc {
            check(t.vpc(v).is_some(), format!("igw {} -> {v}", g.id));
        }
    }
    for n in &t.nat_gateways {
        check(
            t.subnet(&n.subnet).is_some(),
            format!("nat {} -> {}", n.id, n.subnet),
        );
    }
    for rt in &t.route_tables {
        check(t.vpc(&rt.vpc).is_some(), format!("rt {} -> vpc", rt.id));
        for s in &rt.subnets {
            check(t.subnet(s).is_some(), format!("rt {} -> subnet {s}", rt.id));
        }
        for r in &rt.routes {
            let ok = match &r.target {
                RouteTarget::InternetGateway(id) => t.internet_gateway(id).is_some(),
                RouteTarget::NatGateway(id) => t.nat_gateway(id).is_some(),
            };
            check(ok, format!("rt {} -> {}", rt.id, r.target.id()));
        }
    }
    for g in &t.security_groups {
        check(t.vpc(&g.vpc).is_some(), format!("sg {} -> vpc", g.id));
        for rule in g.ingress.iter().chain(&g.egress) {
            if let Peer::SecurityGroup(id) = &rule.peer {
                check(
                    t.security_group(id).is_some(),
                    format!("sg {} -> {id}", g.id),
                );
            }
        }
    }
    for a in &t.network_acls {
        check(t.vpc(&a.vpc).is_some(), format!("acl {} -> vpc", a.id));
        for s in &a.subnets {
            check(t.subnet(s).is_some(), format!("acl {} -> subnet {s}", a.id));
        }
    }
    for w in &t.workloads {
        for s in &w.subnets {
            check(
                t.subnet(s).is_some(),
                format!("workload {} -> subnet {s}", w.id),
            );
        }
        for g in &w.security_groups {
            check(
                t.security_group(g).is_some(),
                format!("workload {} -> group {g}", w.id),
            );
        }
    }
    out
}

/// The reference design with a network ACL on the private subnets.
fn with_acl() -> Topology {
    let mut t = smartinvoice();
    let (edit, acl) = add(&t, EntityKind::NetworkAcl, None).unwrap();
    edit.apply(&mut t).unwrap();
    let mut a = t.network_acl(&acl.id).unwrap().clone();
    a.subnets = vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")];
    Edit::Update(Entity::NetworkAcl(a)).apply(&mut t).unwrap();
    t.layout.positions.insert(acl.id, Default::default());
    t
}

fn refs(t: &Topology) -> Vec<EntityRef> {
    t.entities().into_iter().map(|(r, _)| r).collect()
}

#[test]
fn deleting_any_entity_cascades_or_refuses_and_never_dangles() {
    let t0 = with_acl();
    let mut refused = Vec::new();
    for r in refs(&t0) {
        let mut t = t0.clone();
        match delete(&t, &r) {
            Ok(edit) => {
                let inverse = edit.apply(&mut t).unwrap();
                assert!(t.find(&r.id).is_none(), "{r:?} still there");
                assert_eq!(dangling(&t), Vec::<String>::new(), "after deleting {r:?}");
                inverse.apply(&mut t).unwrap();
                assert_eq!(t, t0, "undo of deleting {r:?}");
            }
            Err(why) => refused.push((r.id.to_string(), why)),
        }
    }
    assert_eq!(
        refused,
        vec![
            (
                "vpc".to_string(),
                "cannot delete vpc 'smartinvoice-vpc': the VPC still holds 4 subnets, 2 route tables, 4 security groups".to_string()
            ),
            (
                "subnet-public-1a".to_string(),
                "cannot delete subnet 'smartinvoice-public-1a': NAT gateway 'smartinvoice-nat-gw' lives in this subnet".to_string()
            ),
        ]
    );
}

#[test]
fn deleting_a_subnet_or_group_leaves_acls_and_workloads_without_it() {
    let t0 = with_acl();
    let mut t = t0.clone();
    let subnet = EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"));
    let undo = delete(&t, &subnet).unwrap().apply(&mut t).unwrap();
    assert_eq!(t.network_acls[0].subnets, [Id::new("subnet-private-1a")]);
    for w in t.workloads.iter().filter(|w| w.name != "smartinvoice-alb") {
        assert_eq!(w.subnets, [Id::new("subnet-private-1a")], "{}", w.name);
    }
    assert_eq!(dangling(&t), Vec::<String>::new());
    undo.apply(&mut t).unwrap();
    assert_eq!(t, t0);
    let group = EntityRef::new(EntityKind::SecurityGroup, &Id::new("sg-rds"));
    delete(&t, &group).unwrap().apply(&mut t).unwrap();
    let rds = t.workload(&Id::new("wl-rds")).unwrap();
    assert!(rds.security_groups.is_empty());
    assert_eq!(dangling(&t), Vec::<String>::new());
}

#[test]
fn deleting_a_vpc_deletes_its_network_acls() {
    let mut t = Topology::new("d", "us-east-1");
    for kind in [
        EntityKind::Vpc,
        EntityKind::NetworkAcl,
        EntityKind::Workload,
    ] {
        add(&t, kind, None).unwrap().0.apply(&mut t).unwrap();
    }
    let acl = t.network_acls[0].id.clone();
    t.layout.positions.insert(acl.clone(), Default::default());
    let t0 = t.clone();
    let vpc = EntityRef::new(EntityKind::Vpc, &t.vpcs[0].id);
    let undo = delete(&t, &vpc).unwrap().apply(&mut t).unwrap();
    assert!(t.vpcs.is_empty() && t.network_acls.is_empty());
    assert!(t.layout.positions.is_empty());
    assert_eq!(t.workloads.len(), 1);
    undo.apply(&mut t).unwrap();
    assert_eq!(t, t0);
}

#[test]
fn a_network_acl_copy_has_no_subnets_and_a_workload_copy_keeps_its_place() {
    let mut t = with_acl();
    let acl = EntityRef::new(EntityKind::NetworkAcl, &t.network_acls[0].id);
    let (edit, copy) = duplicate(&t, &acl).unwrap();
    edit.apply(&mut t).unwrap();
    let c = t.network_acl(&copy.id).unwrap();
    assert!(c.subnets.is_empty());
    assert_eq!(c.inbound, t.network_acls[0].inbound);
    let wl = EntityRef::new(EntityKind::Workload, &Id::new("wl-ocr"));
    let (edit, copy) = duplicate(&t, &wl).unwrap();
    edit.apply(&mut t).unwrap();
    let c = t.workload(&copy.id).unwrap();
    assert_eq!(c.name, "smartinvoice-ocr-copy");
    assert_eq!(c.security_groups, [Id::new("sg-ocr")]);
}

#[test]
fn deleting_a_group_removes_rules_that_point_at_it() {
    let mut t = smartinvoice();
    let backend = EntityRef::new(EntityKind::SecurityGroup, &Id::new("sg-backend"));
    delete(&t, &backend).unwrap().apply(&mut t).unwrap();
    let rds = t.security_group(&Id::new("sg-rds")).unwrap();
    assert_eq!(rds.ingress.len(), 1);
    assert_eq!(rds.ingress[0].peer, Peer::SecurityGroup(Id::new("sg-ocr")));
    assert!(t
        .security_group(&Id::new("sg-ocr"))
        .unwrap()
        .ingress
        .is_empty());
}

#[test]
fn adding_every_kind_gives_fresh_ids_and_valid_references() {
    let mut t = smartinvoice();
    for kind in EntityKind::RESOURCES {
        let before = t.entities().len();
        let (edit, new) = add(&t, kind, None).unwrap();
        edit.apply(&mut t).unwrap();
        assert_eq!(t.entities().len(), before + 1);
        assert_eq!(t.find(&new.id).map(|(k, _)| k), Some(kind));
        assert_eq!(dangling(&t), Vec::<String>::new());
    }
    // A second subnet takes the next free block; the new VPC took the next /16.
    assert_eq!(t.subnets.last().unwrap().cidr, "10.0.0.0/24");
    assert_eq!(t.vpcs.last().unwrap().cidr, "10.1.0.0/16");
    // The one VPC already had an internet gateway; the new one goes to the new VPC.
    assert_eq!(
        t.internet_gateways.last().unwrap().vpc,
        Some(t.vpcs[1].id.clone())
    );
    assert_eq!(
        add(&t, EntityKind::Design, None).unwrap_err(),
        "the design already exists"
    );
}

#[test]
fn adding_needs_a_parent() {
    let t = Topology::new("empty", "us-east-1");
    assert_eq!(
        add(&t, EntityKind::Subnet, None).unwrap_err(),
        "add a VPC before adding a subnet"
    );
    assert_eq!(
        add(&t, EntityKind::NatGateway, None).unwrap_err(),
        "add a subnet before adding a NAT gateway"
    );
    assert!(add(&t, EntityKind::IamRole, None).is_ok());
}

#[test]
fn duplicates_sit_after_the_original_and_reference_nothing_new() {
    let t0 = smartinvoice();
    for r in refs(&t0) {
        let mut t = t0.clone();
        let (edit, copy) = duplicate(&t, &r).unwrap();
        edit.apply(&mut t).unwrap();
        assert_ne!(copy.id, r.id);
        let (ci, c) = Entity::get(&t, &copy).unwrap();
        let (oi, o) = Entity::get(&t, &r).unwrap();
        assert_eq!(ci, oi + 1);
        assert_eq!(c.name(), format!("{}-copy", o.name()));
        assert_eq!(dangling(&t), Vec::<String>::new());
    }
    let mut t = t0.clone();
    let s = EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"));
    let (edit, copy) = duplicate(&t, &s).unwrap();
    edit.apply(&mut t).unwrap();
    assert_eq!(t.subnet(&copy.id).unwrap().cidr, "10.0.0.0/24");
    let rt = EntityRef::new(EntityKind::RouteTable, &Id::new("rt-public"));
    let (edit, copy) = duplicate(&t, &rt).unwrap();
    edit.apply(&mut t).unwrap();
    assert!(t.route_table(&copy.id).unwrap().subnets.is_empty());
}
