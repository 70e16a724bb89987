//! The diagram of the reference design (zones, gateways, routes, the traffic graph,
//! workloads and network ACLs, markers) and its SVG export: well-formed XML, hostile
//! names escaped, snapshot.

use netwright_core::diagram::{layout, svg, ContainerKind, Diagram, EdgeKind, ShapeKind};
use netwright_core::model::{EntityKind, EntityRef, Id};
use netwright_core::validate::Fix;
use netwright_core::{templates, validate, Diagnostic, Severity};

fn reference() -> Diagram {
    let t = templates::smartinvoice();
    layout(&t, &validate(&t))
}

fn entity(kind: EntityKind, id: &str) -> EntityRef {
    EntityRef::new(kind, &Id::new(id))
}

#[test]
fn reference_has_four_subnets_in_two_zone_columns() {
    let d = reference();
    let subnets: Vec<_> = d
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Subnet)
        .collect();
    assert_eq!(subnets.len(), 4);
    let zones: Vec<&str> = d
        .containers
        .iter()
        .filter(|c| c.kind == ContainerKind::AvailabilityZone)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(zones, ["ap-southeast-1a", "ap-southeast-1b"]);
    // Rows by tier: the public subnets above the private ones; one column per zone.
    let rect = |id| d.shape_for(&entity(EntityKind::Subnet, id)).unwrap().rect;
    assert_eq!(rect("subnet-public-1a").y, rect("subnet-public-1b").y);
    assert!(rect("subnet-public-1a").bottom() < rect("subnet-private-1a").y);
    assert_eq!(rect("subnet-public-1a").x, rect("subnet-private-1a").x);
    assert!(rect("subnet-public-1a").right() < rect("subnet-public-1b").x);
    let public = d
        .shape_for(&entity(EntityKind::Subnet, "subnet-public-1a"))
        .unwrap();
    assert_eq!(public.class, "tier-public");
    assert_eq!(
        public.lines,
        ["smartinvoice-public-1a", "10.0.1.0/24", "251 usable IPs"]
    );
    let private = d
        .shape_for(&entity(EntityKind::Subnet, "subnet-private-1b"))
        .unwrap();
    assert_eq!(private.class, "tier-private");
}

#[test]
fn reference_gateways_and_routes() {
    let d = reference();
    let vpc = d.container_for(&entity(EntityKind::Vpc, "vpc")).unwrap();
    let igw = d
        .shape_for(&entity(EntityKind::InternetGateway, "igw"))
        .unwrap();
    assert!(
        igw.rect.y < vpc.rect.y && vpc.rect.y < igw.rect.bottom(),
        "IGW on the VPC edge"
    );
    let nat = d.shape_for(&entity(EntityKind::NatGateway, "nat")).unwrap();
    let host = d
        .shape_for(&entity(EntityKind::Subnet, "subnet-public-1a"))
        .unwrap();
    assert!(
        host.rect.contains(&nat.rect),
        "NAT inside smartinvoice-public-1a"
    );
    // The Internet node above the IGW, linked to it.
    let internet = d
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::Internet)
        .unwrap();
    assert_eq!(d.shapes[internet.from].kind, ShapeKind::Internet);
    assert_eq!(d.shapes[internet.to].entity, igw.entity);
    assert!(d.shapes[internet.from].rect.bottom() < igw.rect.y);
    // Routes: both public subnets to the IGW, private-1a to the NAT in its zone,
    // private-1b across zones.
    let routes = |kind: EdgeKind| -> Vec<String> {
        d.edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| d.shapes[e.from].lines[0].clone())
            .collect()
    };
    assert_eq!(
        routes(EdgeKind::RouteIgw),
        ["smartinvoice-public-1a", "smartinvoice-public-1b"]
    );
    assert_eq!(routes(EdgeKind::RouteNat), ["smartinvoice-private-1a"]);
    assert_eq!(
        routes(EdgeKind::RouteNatCrossAz),
        ["smartinvoice-private-1b"]
    );
    for e in d
        .edges
        .iter()
        .filter(|e| e.kind != EdgeKind::Traffic && e.kind != EdgeKind::Internet)
    {
        assert_eq!(e.label, "0.0.0.0/0");
        let last = *e.points.last().unwrap();
        assert!(
            d.shapes[e.to].rect.contains_point(last),
            "route ends on its target"
        );
    }
}

#[test]
fn reference_traffic_graph_is_layered_from_the_internet() {
    let d = reference();
    let name_of = |i: usize| d.shapes[i].lines[0].clone();
    let mut traffic: Vec<(String, String, String)> = d
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Traffic)
        .map(|e| (name_of(e.from), name_of(e.to), e.label.clone()))
        .collect();
    traffic.sort();
    let expect = |a: &str, b: &str, l: &str| (a.to_string(), b.to_string(), l.to_string());
    assert_eq!(
        traffic,
        [
            expect("Internet", "smartinvoice-alb-sg", "TCP 80, 443"),
            expect(
                "smartinvoice-alb-sg",
                "smartinvoice-backend-sg",
                "TCP 80, 8080"
            ),
            expect("smartinvoice-backend-sg", "smartinvoice-ocr-sg", "TCP 5000"),
            expect("smartinvoice-backend-sg", "smartinvoice-rds-sg", "TCP 5432"),
            expect("smartinvoice-ocr-sg", "smartinvoice-rds-sg", "TCP 5432"),
        ]
    );
    let groups = d
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::SecurityGroup)
        .count();
    assert_eq!(groups, 4);
    let y = |id: &str| {
        d.shape_for(&entity(EntityKind::SecurityGroup, id))
            .unwrap()
            .rect
            .y
    };
    let internet = d
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Internet)
        .map(|s| s.rect.y)
        .fold(f64::MIN, f64::max);
    assert!(internet < y("sg-alb") && y("sg-alb") < y("sg-backend"));
    assert!(y("sg-backend") < y("sg-rds"));
    assert_eq!(y("sg-rds"), y("sg-ocr"), "RDS and OCR share the last layer");
    // IAM roles as cards with principals and policies.
    let card = d
        .shape_for(&entity(EntityKind::IamRole, "role-ecs-execution"))
        .unwrap();
    assert_eq!(
        card.lines,
        [
            "ecsTaskExecutionRole",
            "assumed by ecs-tasks.amazonaws.com",
            "+ AmazonECSTaskExecutionRolePolicy",
            "+ CloudWatchLogsFullAccess"
        ]
    );
}

#[test]
fn diagnostics_mark_shapes_with_the_worst_severity() {
    let t = templates::smartinvoice();
    let diag = |severity, entity: EntityRef, message: &str| Diagnostic {
        code: "NW999",
        severity,
        entity,
        field: None,
        message: message.into(),
        fix: None::<Fix>,
    };
    let diags = [
        diag(
            Severity::Warning,
            entity(EntityKind::SecurityGroup, "sg-alb"),
            "wide open",
        ),
        diag(
            Severity::Error,
            entity(EntityKind::SecurityGroup, "sg-alb"),
            "broken",
        ),
        diag(
            Severity::Info,
            entity(EntityKind::RouteTable, "rt-private"),
            "via one NAT",
        ),
    ];
    let d = layout(&t, &diags);
    let alb = d
        .shape_for(&entity(EntityKind::SecurityGroup, "sg-alb"))
        .unwrap();
    let m = alb.marker.as_ref().unwrap();
    assert_eq!(m.severity, Severity::Error);
    assert_eq!(m.messages, ["NW999: wide open", "NW999: broken"]);
    // A route table's diagnostic marks the subnets that use it.
    for id in ["subnet-private-1a", "subnet-private-1b"] {
        let s = d.shape_for(&entity(EntityKind::Subnet, id)).unwrap();
        assert_eq!(s.marker.as_ref().unwrap().severity, Severity::Info);
    }
    assert!(d
        .shape_for(&entity(EntityKind::Subnet, "subnet-public-1a"))
        .unwrap()
        .marker
        .is_none());
    let svg = svg::render(&d);
    assert!(svg.contains("NW999: broken") && svg.contains("marked-error"));
}

/// A small XML well-formedness check: balanced tags, quoted attributes without `<`,
/// unique attribute names, and no bare `<` or `&` in text.
fn check_xml(doc: &str) -> Result<(), String> {
    fn entity_ok(rest: &str) -> bool {
        let Some(end) = rest.find(';') else {
            return false;
        };
        let name = &rest[1..end];
        matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || (name.starts_with('#')
                && name[1..].chars().all(|c| c.is_ascii_digit())
                && name.len() > 1)
    }
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let b = doc.as_bytes();
    let mut roots = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let end = doc[i..].find('>').ok_or("unclosed tag")? + i;
                let tag = &doc[i + 1..end];
                if let Some(name) = tag.strip_prefix('/') {
                    let open = stack.pop().ok_or("close without open")?;
                    if open != name.trim() {
                        return Err(format!("</{name}> closes <{open}>"));
                    }
                } else {
                    let self_closing = tag.ends_with('/');
                    let body = tag.trim_end_matches('/');
                    let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
                    let name = &body[..name_end];
                    if name.is_empty()
                        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        return Err(format!("bad tag name '{name}'"));
                    }
                    let mut attrs = body[name_end..].trim();
                    let mut seen = Vec::new();
                    while !attrs.is_empty() {
                        let eq = attrs.find('=').ok_or("attribute without value")?;
                        let key = attrs[..eq].trim();
                        if seen.contains(&key) {
                            return Err(format!("duplicate attribute {key}"));
                        }
                        seen.push(key);
                        let rest = &attrs[eq + 1..];
                        if !rest.starts_with('"') {
                            return Err(format!("unquoted attribute {key}"));
                        }
                        let close = rest[1..].find('"').ok_or("unterminated attribute")? + 1;
                        let value = &rest[1..close];
                        if value.contains('<') {
                            return Err("< in attribute".into());
                        }
                        for (k, _) in value.match_indices('&') {
                            if !entity_ok(&value[k..]) {
                                return Err("bare & in attribute".into());
                            }
                        }
                        attrs = rest[close + 1..].trim();
                    }
                    if stack.is_empty() {
                        roots += 1;
                    }
                    if !self_closing {
                        stack.push(name.to_string());
                    }
                }
                i = end + 1;
            }
            b'&' => {
                if !entity_ok(&doc[i..]) {
                    return Err(format!("bare & at {i}"));
                }
                i += 1;
            }
            b'>' if stack.is_empty() => return Err("> outside the root".into()),
            _ => i += 1,
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed <{}>", stack.join("> <")));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

#[test]
fn the_xml_check_rejects_broken_documents() {
    assert!(check_xml("<svg><g></g></svg>").is_ok());
    assert!(check_xml("<svg><g></svg>").is_err());
    assert!(check_xml("<svg>a < b</svg>").is_err());
    assert!(check_xml("<svg>a & b</svg>").is_err());
    assert!(check_xml(r#"<svg a="1" a="2"/>"#).is_err());
    assert!(check_xml(r#"<svg a="<"/>"#).is_err());
}

#[test]
fn svg_is_well_formed_with_hostile_names() {
    let mut t = templates::smartinvoice();
    t.name = "evil</svg><script>alert('x')</script>".into();
    t.subnets[0].name = "a\"quoted' <subnet> & \u{1}bell ünïcödé 子网 🚀".into();
    t.security_groups[0].name = "]]><!-- & --> sg".into();
    t.iam_roles[0].description = "line one\nline two & <three>".into();
    t.vpcs[0].name = "x".repeat(300);
    t.subnets[1].availability_zone = "zone\"<b>&".into();
    let d = layout(&t, &validate(&t));
    let svg = svg::render(&d);
    check_xml(&svg).unwrap();
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;subnet&gt; &amp;"));
    assert!(svg.contains("子网"));
    assert!(!svg.contains('\u{1}'));
    check_xml(&svg::render(&reference())).unwrap();
}

/// The reference design with two custom ACLs (public and private subnets) and its
/// four workloads, from the format's version-2 fixture.
fn with_acls() -> netwright_core::Topology {
    let text = include_str!("fixtures/format/v2-acls-workloads.json");
    netwright_core::format::load(text).expect("the version-2 fixture loads")
}

/// The entity ids of the shapes of `kind` inside the shape drawing `host`, in order.
fn inside(d: &Diagram, host: &EntityRef, kind: ShapeKind) -> Vec<String> {
    let rect = d.shape_for(host).expect("host drawn").rect;
    d.shapes
        .iter()
        .filter(|s| s.kind == kind && rect.contains(&s.rect))
        .map(|s| {
            s.entity
                .as_ref()
                .map_or("-".into(), |e| e.id.as_str().to_string())
        })
        .collect()
}

#[test]
fn each_subnet_shows_its_acl_and_the_workloads_that_run_in_it() {
    let t = with_acls();
    let d = layout(&t, &validate(&t));
    let subnet = |id: &str| entity(EntityKind::Subnet, id);
    for (s, acl, workloads) in [
        ("subnet-public-1a", "acl-public", vec!["wl-alb"]),
        ("subnet-public-1b", "acl-public", vec!["wl-alb"]),
        (
            "subnet-private-1a",
            "acl-private",
            vec!["wl-backend", "wl-rds", "wl-ocr"],
        ),
        (
            "subnet-private-1b",
            "acl-private",
            vec!["wl-backend", "wl-rds", "wl-ocr"],
        ),
    ] {
        assert_eq!(inside(&d, &subnet(s), ShapeKind::NetworkAcl), [acl], "{s}");
        assert_eq!(
            inside(&d, &subnet(s), ShapeKind::Workload),
            workloads,
            "{s}"
        );
    }
    let band = d
        .shape_for(&entity(EntityKind::NetworkAcl, "acl-private"))
        .unwrap();
    assert_eq!(band.lines, ["ACL acl-sample-private-acl"]);
    assert!(
        band.title.contains("4 inbound · 1 outbound entries"),
        "{}",
        band.title
    );
    // The band sits under the subnet's other shapes, along its bottom edge.
    let host = d.shape_for(&subnet("subnet-private-1a")).unwrap();
    let lowest = d
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Workload && host.rect.contains(&s.rect))
        .map(|s| s.rect.bottom())
        .fold(0.0, f64::max);
    let band = d
        .shapes
        .iter()
        .find(|s| s.kind == ShapeKind::NetworkAcl && host.rect.contains(&s.rect))
        .unwrap();
    assert!(lowest < band.rect.y && band.rect.bottom() < host.rect.bottom());
    let card = d
        .shape_for(&entity(EntityKind::Workload, "wl-rds"))
        .unwrap();
    assert_eq!(card.lines[0], "smartinvoice-rds");
    assert_eq!(card.lines[1], "database · smartinvoice-rds-sg");
    // Without ACLs, the subnets have no band.
    let plain = reference();
    assert!(plain.shapes.iter().all(|s| s.kind != ShapeKind::NetworkAcl));
    assert_eq!(
        plain
            .shapes
            .iter()
            .filter(|s| s.kind == ShapeKind::Workload)
            .count(),
        8,
        "four workloads in two subnets each"
    );
}

#[test]
fn group_nodes_name_the_workloads_that_use_them() {
    let mut t = with_acls();
    // A fourth and fifth user of the backend group: the node counts the others.
    for (id, name) in [("wl-a", "batch"), ("wl-b", "reports")] {
        let mut w = netwright_core::model::Workload::new(
            Id::new(id),
            name,
            netwright_core::model::WorkloadKind::Function,
        );
        w.security_groups.push(Id::new("sg-backend"));
        t.workloads.push(w);
    }
    let d = layout(&t, &[]);
    let group = |id: &str| entity(EntityKind::SecurityGroup, id);
    assert_eq!(
        inside(&d, &group("sg-alb"), ShapeKind::WorkloadLink),
        ["wl-alb"]
    );
    assert_eq!(
        inside(&d, &group("sg-rds"), ShapeKind::WorkloadLink),
        ["wl-rds"]
    );
    assert_eq!(
        inside(&d, &group("sg-backend"), ShapeKind::WorkloadLink),
        ["wl-backend", "-"]
    );
    let more = d
        .shapes
        .iter()
        .find(|s| s.kind == ShapeKind::WorkloadLink && s.entity.is_none())
        .unwrap();
    assert_eq!(more.lines, ["+2 more"]);
    assert_eq!(more.title, "Also used by:\nbatch\nreports");
    // Workloads in no subnet have no card but keep their chip.
    assert!(d
        .shapes
        .iter()
        .all(|s| s.kind != ShapeKind::Workload
            || s.entity != Some(entity(EntityKind::Workload, "wl-a"))));
}

#[test]
fn new_shapes_carry_the_data_id_of_their_entity() {
    let t = with_acls();
    let mut body = String::new();
    svg::body(&mut body, &layout(&t, &[]));
    let count = |needle: &str| body.matches(needle).count();
    // Two subnets each, and one chip on the group node.
    assert_eq!(count(r#"<g class="acl" data-id="acl-private">"#), 2);
    assert_eq!(count(r#"<g class="workload" data-id="wl-rds">"#), 2);
    assert_eq!(count(r#"<g class="workload-link" data-id="wl-rds">"#), 1);
    check_xml(&svg::render(&layout(&t, &validate(&t)))).unwrap();
}

#[test]
fn reference_svg_snapshot() {
    // Without diagnostics, so that new validation rules do not change the drawing.
    let svg = svg::render(&layout(&templates::smartinvoice(), &[]));
    // One element per line keeps snapshot diffs readable.
    insta::assert_snapshot!("reference_svg", svg.replace("><", ">\n<"));
}

#[test]
fn the_page_stylesheet_is_the_diagram_stylesheet_scoped() {
    // The app may not use inline styles (its CSP), so style/diagram.css carries the
    // SVG export's stylesheet scoped to the canvas. Regenerate it with
    // `NETWRIGHT_WRITE_CSS=1 cargo test -p netwright-core --test diagram`.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/diagram.css");
    let expected = format!(
        "/* Generated from netwright_core::diagram::svg::page_style; do not edit by hand. */\n{}",
        svg::page_style("svg.diagram")
    );
    if std::env::var_os("NETWRIGHT_WRITE_CSS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "style/diagram.css is out of date: run NETWRIGHT_WRITE_CSS=1 cargo test -p netwright-core --test diagram"
    );
}
