//! The CloudFormation exporters: snapshots, cfn-lint on every export, the YAML read
//! back (by PyYAML) equal to the JSON, and the template read back and checked against
//! the design, resource by resource.

#[path = "common/acl_designs.rs"]
mod acl_designs;
#[path = "cloudformation/checks.rs"]
mod checks;
#[path = "cloudformation/support.rs"]
mod support;

use std::collections::BTreeMap;

use netwright_core::export::{self, exporter};
use netwright_core::model::{
    Id, NatConnectivity, NatGateway, Peer, Protocol, Route, RouteTarget, Rule, Subnet, Tags,
    Topology,
};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use netwright_core::{format, Severity};
use serde_json::{json, Value};
use support::{lint, lint_report, python, tool, Template};

fn fixture(name: &str) -> Topology {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    format::load(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn wizard_3az() -> Topology {
    templates::wizard(&WizardOptions {
        az_count: 3,
        nat: NatStrategy::PerAz,
        ..Default::default()
    })
    .expect("the 3-AZ wizard design builds")
}

/// The reference design with every feature it lacks: a secondary block with a subnet
/// in it that only the main table serves, a main table, a group with no egress, one
/// whose only egress names a group, IPv6 and ICMP rules, a private NAT gateway, a
/// second route, names whose logical ids collide, extra tags.
fn extended() -> Topology {
    let mut t = templates::smartinvoice();
    t.vpcs[0].secondary_cidrs.push("10.1.0.0/16".into());
    t.vpcs[0]
        .tags
        .insert("cost-centre".into(), "network".into());
    t.subnets.push(Subnet::new(
        "subnet-data-1a",
        "smartinvoice-data-1a",
        "vpc",
        "ap-southeast-1a",
        "10.1.0.0/24",
    ));
    t.route_tables[1].main = true;
    t.route_tables[0].routes.push(Route {
        destination: "10.2.0.0/16".into(),
        target: RouteTarget::NatGateway(Id::new("nat-private")),
    });
    t.nat_gateways.push(NatGateway {
        id: Id::new("nat-private"),
        name: "smartinvoice-nat-private".into(),
        subnet: Id::new("subnet-private-1b"),
        connectivity: NatConnectivity::Private,
        elastic_ip: None,
        tags: Tags::new(),
    });
    let alb = &mut t.security_groups[0];
    alb.ingress
        .push(Rule::tcp(443, Peer::Cidr("::/0".into()), "HTTPS over IPv6"));
    let backend = &mut t.security_groups[1];
    backend.ingress.push(Rule {
        protocol: Protocol::Icmp,
        from_port: 8,
        to_port: -1,
        peer: Peer::Cidr("10.0.0.0/16".into()),
        description: "ping from the VPC".into(),
    });
    t.security_groups[2].egress.clear();
    t.security_groups[3].egress = vec![Rule::tcp(
        5432,
        Peer::SecurityGroup(Id::new("sg-rds")),
        "PostgreSQL",
    )];
    let mut twin = t.security_groups[3].clone();
    twin.id = Id::new("sg-ocr-twin");
    twin.name = "smartinvoice.ocr.sg".into();
    twin.egress.clear();
    t.security_groups.push(twin);
    t.iam_roles[2].tags.insert("team".into(), "ocr".into());
    t
}

/// Every design the tests export, by name.
fn designs() -> Vec<(&'static str, Topology)> {
    vec![
        ("smartinvoice", templates::smartinvoice()),
        ("hostile-names", fixture("hostile-names.json")),
        ("wizard-3az", wizard_3az()),
        ("extended", extended()),
        ("acls", acl_designs::acls()),
        ("hostile-acls", acl_designs::hostile_acls()),
    ]
}

/// The template of `t`, written by the exporter itself. Validation (which
/// `export::export` runs first) is not under test here: the hostile-names fixture is
/// meant to sit at the edge of what AWS accepts, and the validator refuses some of it
/// (backticks in rule descriptions); `valid_designs_export_through_the_validating_path`
/// covers the path with validation.
fn cfn(t: &Topology, yaml: bool) -> String {
    let mut buf = Vec::new();
    exporter(format_name(yaml))
        .expect("registered")
        .write(t, &mut buf)
        .unwrap_or_else(|e| panic!("{}: {e}", t.name));
    String::from_utf8(buf).expect("UTF-8")
}

fn format_name(yaml: bool) -> &'static str {
    if yaml {
        "cloudformation-yaml"
    } else {
        "cloudformation"
    }
}

#[test]
fn snapshots_of_the_reference_design() {
    let t = templates::smartinvoice();
    insta::assert_snapshot!("smartinvoice_json", cfn(&t, false));
    insta::assert_snapshot!("smartinvoice_yaml", cfn(&t, true));
}

#[test]
fn snapshots_of_hostile_names() {
    let t = fixture("hostile-names.json");
    insta::assert_snapshot!("hostile_names_json", cfn(&t, false));
    insta::assert_snapshot!("hostile_names_yaml", cfn(&t, true));
}

#[test]
fn snapshots_of_network_acls_and_workloads() {
    let t = acl_designs::acls();
    insta::assert_snapshot!("acls_json", cfn(&t, false));
    insta::assert_snapshot!("acls_yaml", cfn(&t, true));
    let t = acl_designs::hostile_acls();
    insta::assert_snapshot!("hostile_acls_json", cfn(&t, false));
}

#[test]
fn exports_are_deterministic() {
    for (name, t) in designs() {
        let reloaded = format::load(&format::save(&t)).unwrap();
        for yaml in [false, true] {
            let first = cfn(&t, yaml);
            assert_eq!(first, cfn(&t, yaml), "{name}");
            assert_eq!(first, cfn(&reloaded, yaml), "{name} after save and load");
        }
    }
}

#[test]
fn cfn_lint_reports_nothing() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cloudformation-lint");
    std::fs::create_dir_all(&dir).unwrap();
    let mut by_region: BTreeMap<String, Vec<std::path::PathBuf>> = BTreeMap::new();
    for (name, t) in designs() {
        for (yaml, ext) in [(false, "json"), (true, "yaml")] {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::write(&path, cfn(&t, yaml)).unwrap();
            by_region.entry(t.region.clone()).or_default().push(path);
        }
    }
    for (region, files) in by_region {
        lint(&region, &files);
    }
}

/// Why AZs are parameters: the same template with literal AZs trips cfn-lint (W3010).
/// This also proves the lint helper can fail.
#[test]
fn literal_azs_would_trip_cfn_lint() {
    let t = templates::smartinvoice();
    let mut doc: Value = serde_json::from_str(&cfn(&t, false)).unwrap();
    let params = doc["Parameters"].clone();
    for r in doc["Resources"].as_object_mut().unwrap().values_mut() {
        let az = &mut r["Properties"]["AvailabilityZone"];
        if let Some(p) = az.get("Ref").and_then(Value::as_str) {
            *az = params[p]["Default"].clone();
        }
    }
    doc.as_object_mut().unwrap().remove("Parameters");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cloudformation-lint");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("literal-azs.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (clean, report) = lint_report(&t.region, &[path]);
    assert!(!clean && report.contains("W3010"), "{report}");
}

#[test]
fn yaml_reads_back_as_the_json_document() {
    for (name, t) in designs() {
        assert_yaml_equals_json(name, &cfn(&t, true), &cfn(&t, false));
    }
}

/// Names YAML could misread: indicators, implicit types, line breaks it folds,
/// characters it does not print. Written without validation (some are not valid AWS
/// names), to prove the emitter alone.
#[test]
fn yaml_survives_any_string() {
    let awkward = [
        "yes",
        "No",
        "null",
        "~",
        "true",
        "0x10",
        "1e3",
        "2010-09-09",
        ".inf",
        "- x",
        "? x",
        "#x",
        "a: b",
        "a #b",
        " lead",
        "trail ",
        "'",
        "\"",
        "\\",
        "`x`",
        "%x",
        "@x",
        "!x",
        "&a",
        "*a",
        "|",
        ">",
        "[a]",
        "{a}",
        "",
        "tab\there",
        "cr\rlf\n",
        "bell\u{7}del\u{7f}",
        "nel\u{85}ls\u{2028}ps\u{2029}",
        "bom\u{feff}",
        "nonchar\u{fffe}",
        "ñ 子网 🚀",
    ];
    let mut t = templates::smartinvoice();
    t.name = awkward.join("|");
    for (i, s) in t.subnets.iter_mut().enumerate() {
        s.name = awkward[i % awkward.len()].into();
        for (k, v) in awkward.iter().enumerate() {
            s.tags.insert(format!("{k}{v}"), (*v).into());
        }
    }
    for (i, g) in t.security_groups.iter_mut().enumerate() {
        g.description = awkward[(i + 9) % awkward.len()].into();
        g.ingress[0].description = awkward[(i + 20) % awkward.len()].into();
    }
    let write = |name: &str| {
        let mut buf = Vec::new();
        exporter(name).unwrap().write(&t, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    };
    assert_yaml_equals_json(
        "awkward",
        &write("cloudformation-yaml"),
        &write("cloudformation"),
    );
}

fn assert_yaml_equals_json(name: &str, yaml: &str, json: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cloudformation-yaml");
    std::fs::create_dir_all(&dir).unwrap();
    let (y, j) = (
        dir.join(format!("{name}.yaml")),
        dir.join(format!("{name}.json")),
    );
    std::fs::write(&y, yaml).unwrap();
    std::fs::write(&j, json).unwrap();
    let script = "import json, sys, yaml\n\
        y = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n\
        j = json.load(open(sys.argv[2], encoding='utf-8'))\n\
        sys.exit(0 if y == j else 'YAML and JSON differ')";
    python(script, &[&y, &j]);
    // And the JSON is what serde reads back, so the two are one document.
    let parsed: Value = serde_json::from_str(json).unwrap();
    assert!(parsed.is_object(), "{name}");
}

#[test]
fn tools_are_found_relative_to_the_workspace() {
    assert!(tool("cfn-lint").ends_with("cfn-lint"));
}

#[test]
fn template_matches_the_design() {
    for (name, t) in designs() {
        let doc: Value = serde_json::from_str(&cfn(&t, false)).unwrap();
        let tpl = Template::new(name, doc);
        checks::check_counts(&tpl, &t);
        checks::check_vpcs_and_subnets(&tpl, &t);
        checks::check_gateways(&tpl, &t);
        checks::check_routes(&tpl, &t);
        checks::check_acls(&tpl, &t);
        checks::check_security_groups(&tpl, &t);
        checks::check_roles(&tpl, &t);
        tpl.check_tags_and_outputs(&t);
    }
}

#[test]
fn main_table_serves_subnets_without_a_table_explicitly() {
    let t = extended();
    let doc: Value = serde_json::from_str(&cfn(&t, false)).unwrap();
    let tpl = Template::new("extended", doc);
    let table = tpl.named("AWS::EC2::RouteTable", "smartinvoice-private-rt");
    assert!(tpl.resource(&table)["Metadata"]["Netwright"]["MainRouteTable"].is_string());
    let served: Vec<String> = tpl
        .of_type("AWS::EC2::SubnetRouteTableAssociation")
        .into_iter()
        .filter(|a| tpl.props(a)["RouteTableId"] == json!({"Ref": table}))
        .map(|a| tpl.target_name(&tpl.props(&a)["SubnetId"]))
        .collect();
    assert_eq!(
        served,
        [
            "smartinvoice-private-1a",
            "smartinvoice-private-1b",
            "smartinvoice-data-1a"
        ]
    );
}

#[test]
fn logical_ids_follow_names_and_never_collide() {
    let t = extended();
    let doc: Value = serde_json::from_str(&cfn(&t, false)).unwrap();
    let tpl = Template::new("extended", doc);
    assert_eq!(
        tpl.named("AWS::EC2::VPC", "smartinvoice-vpc"),
        "VpcSmartinvoiceVpc"
    );
    assert_eq!(
        tpl.named("AWS::EC2::SecurityGroup", "smartinvoice-ocr-sg"),
        "SecurityGroupSmartinvoiceOcrSg"
    );
    // Same letters, other punctuation: the later one gets a suffix from its id.
    let twin = tpl.named("AWS::EC2::SecurityGroup", "smartinvoice.ocr.sg");
    assert!(
        twin.starts_with("SecurityGroupSmartinvoiceOcrSg") && twin.len() == 38,
        "{twin}"
    );
    // Parameters and resources share one namespace.
    let params = tpl.doc["Parameters"].as_object().unwrap();
    assert!(params.keys().all(|p| tpl.doc["Resources"].get(p).is_none()));
    assert_eq!(
        params.keys().collect::<Vec<_>>(),
        [
            "AvailabilityZoneApSoutheast1a",
            "AvailabilityZoneApSoutheast1b"
        ]
    );
}

#[test]
fn template_names_the_design_and_the_version() {
    let t = templates::smartinvoice();
    let doc: Value = serde_json::from_str(&cfn(&t, false)).unwrap();
    assert_eq!(doc["AWSTemplateFormatVersion"], json!("2010-09-09"));
    let description = doc["Description"].as_str().unwrap();
    assert!(description.contains("\"smartinvoice\""), "{description}");
    assert!(
        description.contains(netwright_core::VERSION),
        "{description}"
    );
    assert!(description.contains("ap-southeast-1"), "{description}");
}

#[test]
fn exporter_menu_entries() {
    let json = exporter("cloudformation").unwrap();
    let yaml = exporter("cloudformation-yaml").unwrap();
    assert_eq!(json.file_name("My Net"), "My-Net-cloudformation.json");
    assert_eq!(yaml.file_name("My Net"), "My-Net-cloudformation.yaml");
    assert_eq!(json.media_type(), "application/json");
    assert_eq!(yaml.media_type(), "application/yaml");
    assert!(json.requires_valid_design() && yaml.requires_valid_design());
}

#[test]
fn valid_designs_export_through_the_validating_path() {
    for (name, t) in designs() {
        if name.starts_with("hostile") {
            continue;
        }
        let errors: Vec<String> = netwright_core::validate(&t)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        for yaml in [false, true] {
            let exported = export::export(&t, format_name(yaml)).unwrap();
            assert_eq!(exported, cfn(&t, yaml), "{name}");
        }
    }
}

#[test]
fn a_template_over_the_stack_limit_carries_a_caution_with_its_count() {
    for (name, t) in designs() {
        assert_eq!(
            export::export_with_cautions(&t, "cloudformation")
                .unwrap()
                .cautions,
            Vec::<String>::new(),
            "{name}"
        );
    }
    let big = templates::synthetic(300, 3, 10, 40);
    let resources = serde_json::from_str::<Value>(&cfn(&big, false)).unwrap()["Resources"]
        .as_object()
        .unwrap()
        .len();
    assert!(
        resources > 500,
        "the design needs more than 500 resources ({resources})"
    );
    for format in ["cloudformation", "cloudformation-yaml"] {
        let cautions = export::export_with_cautions(&big, format).unwrap().cautions;
        // The resource count, then the size (over 51,200 bytes, under 1 MB).
        assert_eq!(cautions.len(), 2, "{format}: {cautions:?}");
        assert!(cautions[1].contains("through S3"), "{}", cautions[1]);
        assert!(
            cautions[0].contains("at most 500 resources"),
            "{}",
            cautions[0]
        );
        assert!(
            cautions[0].contains(&format!("has {resources} ")),
            "{}",
            cautions[0]
        );
        assert!(
            cautions[0].contains("300 AWS::EC2::Subnet"),
            "{}",
            cautions[0]
        );
    }
    // The deploy script has no such limit.
    assert!(export::export_with_cautions(&big, "aws-cli")
        .unwrap()
        .cautions
        .is_empty());
}

#[test]
fn a_template_over_the_request_size_limit_says_to_deploy_it_through_s3() {
    // 60 subnets: far fewer than 500 resources, but more than 51,200 bytes.
    let medium = templates::synthetic(60, 2, 4, 10);
    for format in ["cloudformation", "cloudformation-yaml"] {
        let e = export::export_with_cautions(&medium, format).unwrap();
        assert!(
            e.text.len() > 51_200 && e.text.len() < 1_048_576,
            "{format}: {} bytes",
            e.text.len()
        );
        assert_eq!(e.cautions.len(), 1, "{format}: {:?}", e.cautions);
        let caution = &e.cautions[0];
        assert!(
            caution.contains(&format!("is {} bytes", thousands(e.text.len()))),
            "{caution}"
        );
        assert!(
            caution.contains("at most 51,200 bytes in a request"),
            "{caution}"
        );
        assert!(caution.contains("--s3-bucket"), "{caution}");
    }
    // Over 1 MB, not even S3 helps.
    let huge = templates::synthetic(1000, 3, 40, 200);
    let e = export::export_with_cautions(&huge, "cloudformation").unwrap();
    assert!(e.text.len() > 1_048_576, "{} bytes", e.text.len());
    let size = e.cautions.last().unwrap();
    assert!(size.contains("even from S3"), "{size}");
    assert!(
        size.contains(&format!("is {} bytes", thousands(e.text.len()))),
        "{size}"
    );
}

/// 1048576 → "1,048,576", as the cautions write sizes.
fn thousands(n: usize) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|g| g.iter().collect())
        .collect();
    groups.join(",")
}
