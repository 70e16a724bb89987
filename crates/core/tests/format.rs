//! The saved format: exact round trips, old files that load forever, and load errors
//! that say what is wrong and where, with a stable code.

use netwright_core::format::{self, LoadError};
use netwright_core::templates::{self, NatStrategy, WizardOptions};

const SMARTINVOICE: &str = include_str!("fixtures/smartinvoice.json");

fn err(text: &str) -> LoadError {
    format::load(text).expect_err("should not load")
}

#[test]
fn round_trip_is_exact() {
    for t in [
        templates::smartinvoice(),
        templates::wizard(&WizardOptions {
            nat: NatStrategy::PerAz,
            az_count: 3,
            ..Default::default()
        })
        .unwrap(),
    ] {
        let saved = format::save(&t);
        assert_eq!(format::load(&saved).unwrap(), t);
        // Saving is canonical: a second save gives the same bytes.
        assert_eq!(format::save(&format::load(&saved).unwrap()), saved);
    }
}

#[test]
fn the_reference_fixture_is_the_template_in_canonical_form() {
    assert_eq!(format::save(&templates::smartinvoice()), SMARTINVOICE);
}

#[test]
fn every_old_version_fixture_loads_forever() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/format");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let t = format::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!t.name.is_empty());
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn a_version_1_file_opens_with_no_acls_and_no_workloads() {
    let v1 = include_str!("fixtures/format/v1-smartinvoice.json");
    assert!(v1.contains("\"version\": 1"));
    let t = format::load(v1).unwrap();
    assert!(t.network_acls.is_empty() && t.workloads.is_empty());
    // Every subnet keeps its VPC's default ACL (allow all).
    assert!(t.subnets.iter().all(|s| t.network_acl_of(&s.id).is_none()));
    // Saved again, it is a version-2 file of the same design.
    let saved = format::save(&t);
    assert!(saved.contains("\"version\": 2"));
    assert!(saved.contains("\"network_acls\": []"));
    assert_eq!(format::load(&saved).unwrap(), t);
    let mut reference = templates::smartinvoice();
    reference.workloads.clear();
    assert_eq!(t, reference);
}

#[test]
fn the_version_2_fixture_is_canonical_and_keeps_acls_and_workloads() {
    let text = include_str!("fixtures/format/v2-acls-workloads.json");
    let t = format::load(text).unwrap();
    assert_eq!(format::save(&t), text);
    assert_eq!(t.network_acls.len(), 2);
    assert_eq!(t.workloads.len(), 4);
    let private = &t.network_acls[1];
    assert_eq!(
        private.inbound[0].action,
        netwright_core::model::AclAction::Deny
    );
    assert_eq!(private.inbound[0].port_range(), Ok(Some((22, 22))));
    let public = &t.network_acls[0];
    assert_eq!(
        (public.inbound[4].icmp_type, public.inbound[4].icmp_code),
        (3, 4)
    );
    assert_eq!(public.outbound[1].cidr, "::/0");
    assert_eq!(public.tags.get("tier").map(String::as_str), Some("public"));
    let alb = t.workload(&netwright_core::Id::new("wl-alb")).unwrap();
    assert!(alb.internet_facing);
}

#[test]
fn acl_and_workload_references_are_checked_on_load() {
    let text = include_str!("fixtures/format/v2-acls-workloads.json");
    let (head, acls) = text.split_at(text.find("\"acl-private\"").unwrap());
    let bad = head.to_string() + &acls.replacen("\"subnet-private-1a\"", "\"subnet-gone\"", 1);
    assert_ne!(bad, text);
    let e = err(&bad);
    assert_eq!(e.code, "NW005");
    assert_eq!(e.path.as_deref(), Some("design.network_acls[1].subnets[0]"));
    let bad = text.replacen("\"sg-rds\"\n", "\"vpc\"\n", 1);
    assert_ne!(bad, text);
    let e = err(&bad);
    assert_eq!(e.code, "NW005");
    assert!(e.message.contains("is a vpc"), "{e}");
    assert!(
        e.path
            .as_deref()
            .unwrap()
            .starts_with("design.workloads[2]"),
        "{e}"
    );
    let bad = text.replacen("\"action\": \"deny\"", "\"action\": \"drop\"", 1);
    assert_eq!(err(&bad).code, "NW004");
}

#[test]
fn layout_and_optional_fields_round_trip() {
    let mut t = templates::smartinvoice();
    t.layout.positions.insert(
        netwright_core::Id::new("subnet-public-1a"),
        netwright_core::model::Point { x: 12.5, y: -3.0 },
    );
    t.vpcs[0].secondary_cidrs.push("10.1.0.0/16".into());
    t.vpcs[0].tags.insert("env".into(), "prod".into());
    t.internet_gateways[0].vpc = None;
    let saved = format::save(&t);
    assert!(saved.contains("\"layout\""));
    assert_eq!(format::load(&saved).unwrap(), t);
}

#[test]
fn truncated_json_is_a_syntax_error_with_position() {
    let e = err(&SMARTINVOICE[..400]);
    assert_eq!(e.code, "NW001");
    assert!(e.message.contains("truncated"), "{e}");
    assert!(e.line.is_some() && e.column.is_some());
    let e = err("{\"format\": nope}");
    assert_eq!(e.code, "NW001");
    assert_eq!((e.line, e.column), (Some(1), Some(13)));
}

#[test]
fn other_files_are_refused_by_format() {
    assert_eq!(err("[]").code, "NW002");
    assert_eq!(err("{}").code, "NW002");
    let e = err(r#"{"format": "drawio", "version": 1}"#);
    assert_eq!(e.code, "NW002");
    assert!(e.message.contains("drawio"));
}

#[test]
fn versions_are_checked() {
    let e = err(r#"{"format": "netwright-topology", "version": 99, "design": {}}"#);
    assert_eq!(e.code, "NW003");
    assert!(e.message.contains("newer"), "{e}");
    assert_eq!(
        err(r#"{"format": "netwright-topology", "version": 0}"#).code,
        "NW003"
    );
    assert_eq!(
        err(r#"{"format": "netwright-topology", "version": "1"}"#).code,
        "NW003"
    );
    assert_eq!(err(r#"{"format": "netwright-topology"}"#).code, "NW003");
}

#[test]
fn missing_fields_name_the_path_and_line() {
    let text = SMARTINVOICE.replacen("        \"cidr\": \"10.0.1.0/24\",\n", "", 1);
    let e = err(&text);
    assert_eq!(e.code, "NW004");
    assert!(e.message.contains("missing field `cidr`"), "{e}");
    if cfg!(feature = "json-paths") {
        assert_eq!(e.path.as_deref(), Some("design.subnets[0]"));
    }
    assert!(e.line.is_some());
}

#[test]
fn wrong_types_and_unknown_fields_are_reported_where_they_are() {
    let text = SMARTINVOICE.replacen("\"from_port\": 80", "\"from_port\": \"80\"", 1);
    let e = err(&text);
    assert_eq!(e.code, "NW004");
    assert!(e.line.is_some());
    if cfg!(feature = "json-paths") {
        assert_eq!(
            e.path.as_deref(),
            Some("design.security_groups[0].ingress[0].from_port")
        );
    }
    let text = SMARTINVOICE.replacen("\"tenancy\"", "\"tenancy_typo\"", 1);
    let e = err(&text);
    assert_eq!(e.code, "NW004");
    assert!(e.message.contains("unknown field `tenancy_typo`"), "{e}");
}

#[test]
fn dangling_references_are_refused_with_their_path() {
    let text = SMARTINVOICE.replacen(
        "\"security_group\": \"sg-alb\"",
        "\"security_group\": \"sg-gone\"",
        1,
    );
    let e = err(&text);
    assert_eq!(e.code, "NW005");
    assert_eq!(
        e.path.as_deref(),
        Some("design.security_groups[1].ingress[0].peer.security_group")
    );
    assert!(e.message.contains("sg-gone"));
    // A reference to an entity of the wrong kind.
    let text = SMARTINVOICE.replacen("\"subnet\": \"subnet-public-1a\"", "\"subnet\": \"vpc\"", 1);
    let e = err(&text);
    assert_eq!(e.code, "NW005");
    assert!(e.message.contains("is a vpc"), "{e}");
}

#[test]
fn duplicate_ids_are_refused() {
    let text = SMARTINVOICE.replacen(
        "\"id\": \"subnet-public-1b\"",
        "\"id\": \"subnet-public-1a\"",
        1,
    );
    let e = err(&text);
    assert_eq!(e.code, "NW006");
    assert_eq!(e.path.as_deref(), Some("design.subnets[1].id"));
}

#[test]
fn errors_display_position_path_and_code() {
    let e = err(&SMARTINVOICE[..400]);
    let shown = e.to_string();
    assert!(shown.starts_with("line "), "{shown}");
    assert!(shown.ends_with("[NW001]"), "{shown}");
}

#[cfg(feature = "schema")]
#[test]
fn json_schema_is_in_step_with_the_types() {
    // Regenerate with: cargo run -p netwright-cli -- schema > docs/netwright.schema.json
    let committed = include_str!("../../../docs/netwright.schema.json");
    assert!(
        format::json_schema() == committed,
        "docs/netwright.schema.json is out of date: run `cargo run -p netwright-cli -- schema > docs/netwright.schema.json`"
    );
}
