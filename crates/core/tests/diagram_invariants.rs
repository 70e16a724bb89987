//! Geometric invariants of the diagram layout on the reference design (with its
//! workloads), the same with two network ACLs, the wizard at six zones and generated
//! designs with and without ACLs and workloads: containment, no overlapping boxes or
//! labels, labels that fit their boxes, stable positions and hand-set positions.

#[path = "common/dressed.rs"]
mod dressed;

use netwright_core::diagram::{
    layout, text_width, ContainerKind, Diagram, EdgeKind, Rect, ShapeKind, LINE_H, TEXT_FONT,
    TITLE_FONT,
};
use netwright_core::model::{
    EntityKind, EntityRef, IamRole, Id, InternetGateway, Peer, Point, Route, RouteTable,
    RouteTarget, Subnet, Tags, Tier, Topology, Vpc,
};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use netwright_core::validate;

fn wizard_six() -> Topology {
    templates::wizard(&WizardOptions {
        az_count: 6,
        public_per_az: 2,
        private_per_az: 2,
        public_prefix: 24,
        private_prefix: 24,
        nat: NatStrategy::PerAz,
        ..Default::default()
    })
    .expect("six zones fit")
}

fn generated() -> Topology {
    templates::synthetic(60, 6, 40, 120)
}

/// The reference design with two custom ACLs (one with a deny) and its workloads.
fn with_acls() -> Topology {
    let text = include_str!("fixtures/format/v2-acls-workloads.json");
    netwright_core::format::load(text).expect("the version-2 fixture loads")
}

fn designs() -> Vec<(&'static str, Topology)> {
    vec![
        ("smartinvoice", templates::smartinvoice()),
        ("smartinvoice-acls", with_acls()),
        ("wizard-6az", wizard_six()),
        ("synthetic-60", generated()),
        (
            "synthetic-60-dressed",
            dressed::dressed(generated(), 7, 4, 30),
        ),
    ]
}

fn subnet_ref(id: &Id) -> EntityRef {
    EntityRef::new(EntityKind::Subnet, id)
}

/// Every subnet in its zone column, in its VPC, in the Region; every NAT gateway in its
/// subnet; every internet gateway on its VPC's top edge.
fn check_containment(name: &str, t: &Topology, d: &Diagram) {
    let region = d
        .containers
        .iter()
        .find(|c| c.kind == ContainerKind::Region)
        .expect("a region");
    for s in &t.subnets {
        let vpc_ref = EntityRef::new(EntityKind::Vpc, &s.vpc);
        let vpc = d.container_for(&vpc_ref).expect("vpc drawn");
        let az = d
            .containers
            .iter()
            .find(|c| {
                c.kind == ContainerKind::AvailabilityZone
                    && c.parent.as_ref() == Some(&vpc_ref)
                    && c.title == format!("Availability Zone {}", s.availability_zone)
            })
            .expect("zone column");
        let shape = d.shape_for(&subnet_ref(&s.id)).expect("subnet drawn");
        assert!(
            az.rect.contains(&shape.rect),
            "{name}: {} outside its zone",
            s.name
        );
        assert!(vpc.rect.contains(&az.rect), "{name}: zone outside its VPC");
        assert!(
            region.rect.contains(&vpc.rect),
            "{name}: VPC outside the Region"
        );
    }
    for n in &t.nat_gateways {
        let nat = d
            .shape_for(&EntityRef::new(EntityKind::NatGateway, &n.id))
            .expect("nat drawn");
        let host = d.shape_for(&subnet_ref(&n.subnet)).expect("host drawn");
        assert!(
            host.rect.contains(&nat.rect),
            "{name}: {} outside its subnet",
            n.name
        );
    }
    // A workload's card in each of its subnets, the ACL's band in each it guards, and
    // the workload's chip on each of its groups' nodes: inside their hosts.
    for w in &t.workloads {
        let cards: Vec<_> = d
            .shapes
            .iter()
            .filter(|s| s.entity == Some(EntityRef::new(EntityKind::Workload, &w.id)))
            .collect();
        for sid in &w.subnets {
            let Some(host) = d.shape_for(&subnet_ref(sid)) else {
                continue;
            };
            let inside = cards
                .iter()
                .filter(|c| c.kind == ShapeKind::Workload && host.rect.contains(&c.rect))
                .count();
            assert_eq!(inside, 1, "{name}: {} in {sid}", w.name);
        }
        let in_subnets = cards
            .iter()
            .filter(|c| c.kind == ShapeKind::Workload)
            .count();
        assert_eq!(in_subnets, w.subnets.len(), "{name}: {} cards", w.name);
        for c in cards.iter().filter(|c| c.kind == ShapeKind::WorkloadLink) {
            assert!(
                d.shapes
                    .iter()
                    .any(|g| g.kind == ShapeKind::SecurityGroup && g.rect.contains(&c.rect)),
                "{name}: chip of {} outside a group node",
                w.name
            );
        }
    }
    for s in &t.subnets {
        let Some(host) = d.shape_for(&subnet_ref(&s.id)) else {
            continue;
        };
        let bands: Vec<_> = d
            .shapes
            .iter()
            .filter(|b| b.kind == ShapeKind::NetworkAcl && host.rect.contains(&b.rect))
            .collect();
        match t.network_acl_of(&s.id) {
            Some(acl) => {
                assert_eq!(bands.len(), 1, "{name}: band of {}", s.name);
                let want = EntityRef::new(EntityKind::NetworkAcl, &acl.id);
                assert_eq!(bands[0].entity.as_ref(), Some(&want));
            }
            None => assert!(bands.is_empty(), "{name}: {} has no ACL", s.name),
        }
    }
    // Attached gateways (a detached one sits in the Region, checked where it is made).
    for g in &t.internet_gateways {
        let Some(vpc_id) = &g.vpc else { continue };
        let igw = d
            .shape_for(&EntityRef::new(EntityKind::InternetGateway, &g.id))
            .expect("igw drawn");
        let vpc = d
            .container_for(&EntityRef::new(EntityKind::Vpc, vpc_id))
            .unwrap();
        assert!(
            igw.rect.y < vpc.rect.y && vpc.rect.y < igw.rect.bottom(),
            "{name}: IGW off the edge"
        );
        assert!(vpc.rect.x <= igw.rect.x && igw.rect.right() <= vpc.rect.right());
    }
}

/// No two boxes overlap (a NAT gateway, workload card or ACL band inside its own
/// subnet, and a workload chip inside its group node, excepted), no two edge
/// labels overlap, and no edge label sits on a box.
fn check_no_overlap(name: &str, d: &Diagram) {
    let parent_of = |i: usize, j: usize| {
        let (a, b) = (&d.shapes[i], &d.shapes[j]);
        let child = match a.kind {
            ShapeKind::Subnet => matches!(
                b.kind,
                ShapeKind::NatGateway | ShapeKind::Workload | ShapeKind::NetworkAcl
            ),
            ShapeKind::SecurityGroup => b.kind == ShapeKind::WorkloadLink,
            _ => false,
        };
        child && a.rect.contains(&b.rect)
    };
    for i in 0..d.shapes.len() {
        for j in i + 1..d.shapes.len() {
            if parent_of(i, j) || parent_of(j, i) {
                continue;
            }
            assert!(
                !d.shapes[i].rect.overlaps(&d.shapes[j].rect),
                "{name}: {} overlaps {}",
                d.shapes[i].title,
                d.shapes[j].title
            );
        }
    }
    let labels: Vec<Rect> = d.edges.iter().filter_map(|e| e.label_rect).collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "{name}: edge labels overlap at {a:?}");
        }
        for s in &d.shapes {
            assert!(!a.overlaps(&s.rect), "{name}: edge label on {}", s.title);
        }
    }
    // Containers of one level never overlap.
    for (i, a) in d.containers.iter().enumerate() {
        for b in &d.containers[i + 1..] {
            let same_level = a.kind == b.kind
                || matches!(
                    (a.kind, b.kind),
                    (
                        ContainerKind::Region
                            | ContainerKind::SecurityGroups
                            | ContainerKind::IamRoles,
                        ContainerKind::Region
                            | ContainerKind::SecurityGroups
                            | ContainerKind::IamRoles
                    )
                );
            if same_level {
                assert!(
                    !a.rect.overlaps(&b.rect),
                    "{name}: {} overlaps {}",
                    a.title,
                    b.title
                );
            }
        }
    }
}

/// No edge segment runs through a box other than its own ends (and the subnet that
/// holds an end).
fn check_edges_clear(name: &str, d: &Diagram) {
    let holds = |outer: usize, inner: usize| {
        matches!(
            d.shapes[outer].kind,
            ShapeKind::Subnet | ShapeKind::SecurityGroup
        ) && d.shapes[outer].rect.contains(&d.shapes[inner].rect)
    };
    for e in &d.edges {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let seg = Rect::new(
                a.x.min(b.x),
                a.y.min(b.y),
                (a.x - b.x).abs(),
                (a.y - b.y).abs(),
            );
            for (i, s) in d.shapes.iter().enumerate() {
                if i == e.from || i == e.to || holds(i, e.from) || holds(i, e.to) {
                    continue;
                }
                let r = s.rect.inflate(-1.0);
                let crosses = seg.x < r.right()
                    && r.x < seg.right()
                    && seg.y < r.bottom()
                    && r.y < seg.bottom();
                assert!(
                    !crosses,
                    "{name}: edge {} -> {} crosses {}",
                    d.shapes[e.from].title, d.shapes[e.to].title, s.title
                );
            }
        }
    }
}

/// Every line fits its text box, which sits inside its shape and clear of child shapes;
/// every caption fits and sits clear of every shape; every edge label fits its pill.
fn check_labels(name: &str, d: &Diagram) {
    for s in &d.shapes {
        assert!(
            s.rect.contains(&s.text),
            "{name}: text box outside {}",
            s.title
        );
        assert!(
            s.lines.len() as f64 * LINE_H <= s.text.h + 1e-9,
            "{name}: too many lines in {}",
            s.title
        );
        for (i, line) in s.lines.iter().enumerate() {
            let font = if i == 0 { TITLE_FONT } else { TEXT_FONT };
            assert!(
                text_width(line, font) <= s.text.w,
                "{name}: '{line}' overflows {}",
                s.title
            );
        }
        for o in &d.shapes {
            if s.rect.contains(&o.rect) && s.rect != o.rect {
                assert!(
                    !s.text.overlaps(&o.rect),
                    "{name}: {} hides its text",
                    o.title
                );
            }
        }
    }
    for c in &d.containers {
        assert!(
            c.rect.contains(&c.text),
            "{name}: caption outside {}",
            c.title
        );
        assert!(
            text_width(&c.label, TEXT_FONT) <= c.text.w,
            "{name}: caption '{}' overflows",
            c.label
        );
        for s in &d.shapes {
            assert!(
                !c.text.overlaps(&s.rect),
                "{name}: caption of {} under {}",
                c.title,
                s.title
            );
        }
    }
    for e in &d.edges {
        if let Some(r) = e.label_rect {
            assert!(
                text_width(&e.label_shown, TEXT_FONT) <= r.w,
                "{name}: edge label overflows"
            );
        }
    }
}

#[test]
fn containment_overlaps_and_labels_hold_on_every_design() {
    for (name, t) in designs() {
        let d = layout(&t, &validate(&t));
        check_containment(name, &t, &d);
        check_no_overlap(name, &d);
        check_labels(name, &d);
        check_edges_clear(name, &d);
    }
}

#[test]
fn generated_design_is_six_zones_sixty_subnets_forty_groups() {
    let t = generated();
    let d = layout(&t, &[]);
    let count = |k: ShapeKind| d.shapes.iter().filter(|s| s.kind == k).count();
    assert_eq!(count(ShapeKind::Subnet), 60);
    assert_eq!(count(ShapeKind::SecurityGroup), 40);
    let zones = d
        .containers
        .iter()
        .filter(|c| c.kind == ContainerKind::AvailabilityZone)
        .count();
    assert_eq!(zones, 6);
    assert!(d.edges.iter().filter(|e| e.label_rect.is_some()).count() > 40);
}

#[test]
fn bounds_hold_everything() {
    for (name, t) in designs() {
        let d = layout(&t, &[]);
        for s in &d.shapes {
            assert!(
                d.bounds.contains(&s.rect),
                "{name}: {} outside the bounds",
                s.title
            );
        }
        for e in &d.edges {
            for p in &e.points {
                assert!(
                    d.bounds.contains_point(*p),
                    "{name}: edge point outside the bounds"
                );
            }
        }
    }
}

#[test]
fn same_design_gives_the_same_diagram() {
    for (_, t) in designs() {
        let diags = validate(&t);
        assert_eq!(layout(&t, &diags), layout(&t.clone(), &diags));
    }
}

fn subnet_rects(t: &Topology, d: &Diagram) -> Vec<Rect> {
    t.subnets
        .iter()
        .map(|s| d.shape_for(&subnet_ref(&s.id)).unwrap().rect)
        .collect()
}

#[test]
fn unrelated_additions_move_no_existing_subnet() {
    for (name, t) in designs() {
        let before = subnet_rects(&t, &layout(&t, &[]));
        // A new IAM role.
        let mut with_role = t.clone();
        with_role.iam_roles.push(IamRole {
            id: Id::new("role-new"),
            name: "a-new-role".into(),
            description: String::new(),
            trusted_services: vec!["lambda.amazonaws.com".into()],
            managed_policies: vec!["AWSLambdaBasicExecutionRole".into()],
            instance_profile: false,
            tags: Tags::new(),
        });
        assert_eq!(
            subnet_rects(&t, &layout(&with_role, &[])),
            before,
            "{name}: role moved subnets"
        );
        // A subnet in a new zone, sorting after the others.
        let mut with_zone = t.clone();
        let vpc = t.vpcs[0].id.clone();
        with_zone.subnets.push(Subnet::new(
            "subnet-new",
            "new-zone",
            vpc.clone(),
            "zz-new-1z",
            "10.9.9.0/24",
        ));
        assert_eq!(
            subnet_rects(&t, &layout(&with_zone, &[])),
            before,
            "{name}: new zone moved subnets"
        );
        // An isolated subnet in an existing zone (a new band below the others).
        let mut isolated = t.clone();
        let az = t.subnets.last().unwrap().availability_zone.clone();
        isolated.subnets.push(Subnet::new(
            "subnet-iso",
            "isolated",
            vpc,
            az,
            "10.9.8.0/24",
        ));
        assert_eq!(
            subnet_rects(&t, &layout(&isolated, &[])),
            before,
            "{name}: isolated moved subnets"
        );
    }
}

#[test]
fn hand_set_positions_win_and_containers_grow() {
    let mut t = templates::smartinvoice();
    let before = layout(&t, &[]);
    let far = Point {
        x: 2000.0,
        y: 900.0,
    };
    t.layout.positions.insert(Id::new("subnet-public-1a"), far);
    t.layout
        .positions
        .insert(Id::new("sg-ocr"), Point { x: 40.0, y: 3000.0 });
    t.layout.positions.insert(
        Id::new("role-ecs-task"),
        Point {
            x: -300.0,
            y: 200.0,
        },
    );
    let d = layout(&t, &[]);
    let moved = d
        .shape_for(&subnet_ref(&Id::new("subnet-public-1a")))
        .unwrap();
    assert_eq!((moved.rect.x, moved.rect.y), (far.x, far.y));
    // Its NAT gateway moves with it; the untouched subnets stay.
    let nat = d
        .shape_for(&EntityRef::new(EntityKind::NatGateway, &Id::new("nat")))
        .unwrap();
    assert!(moved.rect.contains(&nat.rect));
    for id in ["subnet-public-1b", "subnet-private-1a", "subnet-private-1b"] {
        let r = subnet_ref(&Id::new(id));
        assert_eq!(
            d.shape_for(&r).unwrap().rect,
            before.shape_for(&r).unwrap().rect
        );
    }
    check_containment("hand-set", &t, &d);
    let sg = d
        .shape_for(&EntityRef::new(
            EntityKind::SecurityGroup,
            &Id::new("sg-ocr"),
        ))
        .unwrap();
    assert_eq!((sg.rect.x, sg.rect.y), (40.0, 3000.0));
    let role = d
        .shape_for(&EntityRef::new(
            EntityKind::IamRole,
            &Id::new("role-ecs-task"),
        ))
        .unwrap();
    assert_eq!((role.rect.x, role.rect.y), (-300.0, 200.0));
    assert!(d.bounds.contains(&role.rect) && d.bounds.contains(&sg.rect));
    // Edges still end on the moved shapes.
    for e in d
        .edges
        .iter()
        .filter(|e| d.shapes[e.to].entity == sg.entity)
    {
        let last = *e.points.last().unwrap();
        assert!(sg.rect.contains_point(last));
    }
}

#[test]
fn hit_test_finds_the_innermost_shape() {
    let t = templates::smartinvoice();
    let d = layout(&t, &[]);
    let subnet = d
        .shape_for(&subnet_ref(&Id::new("subnet-public-1a")))
        .unwrap();
    let nat = d
        .shape_for(&EntityRef::new(EntityKind::NatGateway, &Id::new("nat")))
        .unwrap();
    assert_eq!(d.shape_at(nat.rect.center()).unwrap().entity, nat.entity);
    let in_subnet = Point {
        x: subnet.rect.x + 4.0,
        y: subnet.rect.y + 4.0,
    };
    assert_eq!(d.shape_at(in_subnet).unwrap().entity, subnet.entity);
    assert!(d
        .shape_at(Point {
            x: -1000.0,
            y: -1000.0
        })
        .is_none());
    assert!(d
        .shape_for(&EntityRef::new(EntityKind::Subnet, &Id::new("nope")))
        .is_none());
}

#[test]
fn subnet_colours_follow_the_derived_tier() {
    for (name, t) in designs() {
        let d = layout(&t, &[]);
        for s in &t.subnets {
            let class = match t.tier(s) {
                Tier::Public => "tier-public",
                Tier::PrivateWithEgress => "tier-private",
                Tier::Isolated => "tier-isolated",
            };
            assert_eq!(
                d.shape_for(&subnet_ref(&s.id)).unwrap().class,
                class,
                "{name}: {}",
                s.name
            );
        }
    }
}

/// The reference design plus a second VPC with its own gateway and a detached gateway.
fn two_vpcs() -> Topology {
    let mut t = templates::smartinvoice();
    t.vpcs.push(Vpc::new("vpc-b", "second-vpc", "10.1.0.0/16"));
    for (id, az, block) in [
        ("b-1", "ap-southeast-1a", "10.1.1.0/24"),
        ("b-2", "ap-southeast-1c", "10.1.2.0/24"),
    ] {
        t.subnets
            .push(Subnet::new(id, format!("second-{id}"), "vpc-b", az, block));
    }
    for (id, vpc) in [("igw-b", Some(Id::new("vpc-b"))), ("igw-loose", None)] {
        t.internet_gateways.push(InternetGateway {
            id: Id::new(id),
            name: id.into(),
            vpc,
            tags: Tags::new(),
        });
    }
    t.route_tables.push(RouteTable {
        id: Id::new("rt-b"),
        name: "second-rt".into(),
        vpc: Id::new("vpc-b"),
        main: true,
        routes: vec![Route {
            destination: "0.0.0.0/0".into(),
            target: RouteTarget::InternetGateway(Id::new("igw-b")),
        }],
        subnets: vec![],
        tags: Tags::new(),
    });
    t
}

#[test]
fn two_vpcs_and_a_detached_gateway_keep_the_invariants() {
    let t = two_vpcs();
    let d = layout(&t, &validate(&t));
    check_containment("two-vpcs", &t, &d);
    check_no_overlap("two-vpcs", &d);
    check_edges_clear("two-vpcs", &d);
    check_labels("two-vpcs", &d);
    // Both attached gateways are linked to the Internet; the detached one sits in the Region.
    assert_eq!(
        d.edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Internet)
            .count(),
        2
    );
    let region = d
        .containers
        .iter()
        .find(|c| c.kind == ContainerKind::Region)
        .unwrap();
    let loose = d
        .shape_for(&EntityRef::new(
            EntityKind::InternetGateway,
            &Id::new("igw-loose"),
        ))
        .unwrap();
    assert!(region.rect.contains(&loose.rect));
    // The second VPC's subnets use its main table: public, routed to its own gateway.
    let b1 = d.shape_for(&subnet_ref(&Id::new("b-1"))).unwrap();
    assert_eq!(b1.class, "tier-public");
    assert!(d
        .edges
        .iter()
        .any(|e| e.kind == EdgeKind::RouteIgw && d.shapes[e.from].entity == b1.entity));
}

#[test]
fn empty_and_dangling_designs_lay_out_without_panicking() {
    let empty = layout(&Topology::new("empty", "us-east-1"), &[]);
    assert!(empty.shapes.is_empty() && empty.edges.is_empty());
    assert_eq!(empty.containers.len(), 1, "only the Region");
    let mut t = templates::smartinvoice();
    t.subnets.push(Subnet::new(
        "orphan",
        "orphan",
        "no-such-vpc",
        "ap-southeast-1a",
        "10.0.9.0/24",
    ));
    t.nat_gateways[0].subnet = Id::new("no-such-subnet");
    t.security_groups[0].ingress[0].peer = Peer::SecurityGroup(Id::new("no-such-group"));
    t.subnets[0].cidr = "not a block".into();
    let d = layout(&t, &validate(&t));
    assert!(
        d.shape_for(&subnet_ref(&Id::new("orphan"))).is_none(),
        "no VPC to draw it in"
    );
    assert!(d
        .shape_for(&EntityRef::new(EntityKind::NatGateway, &Id::new("nat")))
        .is_none());
    assert_eq!(
        d.shape_for(&subnet_ref(&Id::new("subnet-public-1a")))
            .unwrap()
            .lines[2],
        "invalid CIDR"
    );
    check_no_overlap("dangling", &d);
    check_labels("dangling", &d);
}

#[test]
fn a_thousand_subnets_with_acls_and_workloads_keep_the_invariants() {
    let t = dressed::dressed(templates::synthetic(1000, 6, 100, 1000), 200, 20, 300);
    let d = layout(&t, &[]);
    let count = |k: ShapeKind| d.shapes.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        count(ShapeKind::NetworkAcl),
        1000,
        "every subnet behind one"
    );
    assert_eq!(count(ShapeKind::Workload), 600);
    check_containment("synthetic-1000-dressed", &t, &d);
    check_no_overlap("synthetic-1000-dressed", &d);
    check_labels("synthetic-1000-dressed", &d);
    check_edges_clear("synthetic-1000-dressed", &d);
}

#[test]
fn a_thousand_subnets_keep_the_invariants() {
    let t = templates::synthetic(1000, 6, 100, 1000);
    let d = layout(&t, &[]);
    assert_eq!(
        d.shapes
            .iter()
            .filter(|s| s.kind == ShapeKind::Subnet)
            .count(),
        1000
    );
    check_containment("synthetic-1000", &t, &d);
    check_no_overlap("synthetic-1000", &d);
    check_labels("synthetic-1000", &d);
    check_edges_clear("synthetic-1000", &d);
}
