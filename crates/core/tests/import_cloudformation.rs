//! The CloudFormation importer: our own exports (JSON and YAML) of the reference
//! design, the 3-AZ wizard design and the hostile-names fixture import back as the
//! same designs; a template in the style of AWS's published VPC templates
//! (fixtures/cloudformation) with its parameters, conditions and notes; bad inputs
//! give clear errors; arbitrary text never panics.

#[path = "common/acl_designs.rs"]
mod acl_designs;
#[path = "common/meaning.rs"]
mod meaning;

use meaning::{errors, meaning};
use netwright_core::export::exporter;
use netwright_core::format;
use netwright_core::import::{cloudformation, Import, ImportError, Note, Source};
use netwright_core::model::{AclAction, AclEntry, Protocol, Topology};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture_design(name: &str) -> Topology {
    let path = format!("{FIXTURES}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    format::load(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn template(name: &str) -> String {
    let path = format!("{FIXTURES}/cloudformation/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn wizard_3az() -> Topology {
    templates::wizard(&WizardOptions {
        az_count: 3,
        nat: NatStrategy::PerAz,
        ..Default::default()
    })
    .expect("the 3-AZ wizard design builds")
}

/// The template the exporter writes for `t` (without validation: the hostile-names
/// fixture is refused by the validator, not by the writer).
fn export(t: &Topology, yaml: bool) -> String {
    let name = if yaml {
        "cloudformation-yaml"
    } else {
        "cloudformation"
    };
    let mut buf = Vec::new();
    exporter(name)
        .expect("registered")
        .write(t, &mut buf)
        .unwrap_or_else(|e| panic!("{}: {e}", t.name));
    String::from_utf8(buf).expect("UTF-8")
}

fn try_import(
    name: &str,
    text: &str,
    options: &cloudformation::Options,
) -> Result<Import, ImportError> {
    cloudformation::import(&Source { name, text }, options)
}

fn import(name: &str, text: &str) -> Import {
    try_import(name, text, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn notes_text(notes: &[Note]) -> String {
    notes.iter().map(|n| format!("{n}\n")).collect()
}

fn designs() -> Vec<(&'static str, Topology)> {
    vec![
        ("smartinvoice", templates::smartinvoice()),
        ("wizard-3az", wizard_3az()),
        ("hostile-names", fixture_design("hostile-names.json")),
    ]
}

#[test]
fn our_exports_import_back_as_the_same_design() {
    for (name, want) in designs() {
        for yaml in [false, true] {
            let text = export(&want, yaml);
            let got = import(name, &text);
            let what = format!("{name} ({})", if yaml { "YAML" } else { "JSON" });
            assert_eq!(meaning(&got.design), meaning(&want), "{what}");
            assert_eq!(got.design.name, want.name, "{what}: the design's name");
            assert!(got.notes.is_empty(), "{what}: {}", notes_text(&got.notes));
            // Workloads too, which only the template's Metadata and outputs carry.
            let changes = netwright_core::diff::diff(&want, &got.design);
            assert!(changes.is_empty(), "{what}: {changes:#?}");
            // Tags, Elastic IP names, DNS settings and tenancy come back too.
            for (a, b) in got.design.vpcs.iter().zip(&want.vpcs) {
                assert_eq!((&a.tags, a.tenancy), (&b.tags, b.tenancy), "{what}");
            }
            let tags = |t: &Topology| -> Vec<_> {
                let mut v: Vec<_> = t
                    .subnets
                    .iter()
                    .map(|s| (s.name.clone(), s.tags.clone()))
                    .collect();
                v.extend(
                    t.security_groups
                        .iter()
                        .map(|g| (g.name.clone(), g.tags.clone())),
                );
                v.extend(t.iam_roles.iter().map(|r| (r.name.clone(), r.tags.clone())));
                v.sort();
                v
            };
            assert_eq!(tags(&got.design), tags(&want), "{what}");
            // Ids are the logical ids: a second import gives the same design.
            assert_eq!(import(name, &text), got, "{what}");
        }
    }
}

/// The designs the exporter's tests deploy and lint: the reference design behind two
/// custom ACLs (a deny, IPv6, ICMP, port ranges) with its four workloads, and the
/// hostile-names fixture with ACLs and workloads (one in no subnet and behind no
/// group, so without outputs) whose names hold quotes, `$(...)` and newlines. One
/// workload carries tags, which only the template's `Metadata` keeps.
fn acl_designs() -> Vec<(&'static str, Topology)> {
    let mut acls = acl_designs::acls();
    acls.workloads[1]
        .tags
        .insert("team's `name`".into(), "$(whoami)\nbackend".into());
    vec![
        ("acls", acls),
        ("hostile-acls", acl_designs::hostile_acls()),
    ]
}

#[test]
fn our_exports_with_acls_and_workloads_import_back_equal_by_diff() {
    for (name, want) in acl_designs() {
        for yaml in [false, true] {
            let what = format!("{name} ({})", if yaml { "YAML" } else { "JSON" });
            let got = import(name, &export(&want, yaml));
            assert!(got.notes.is_empty(), "{what}: {}", notes_text(&got.notes));
            let changes = netwright_core::diff::diff(&want, &got.design);
            assert!(changes.is_empty(), "{what}: {changes:#?}");
            assert_eq!(
                got.design.workloads.len(),
                want.workloads.len(),
                "{what}: workloads"
            );
            // The entries come back exactly, not only as the same set, and the
            // workloads in their order with their lists in theirs.
            for (a, b) in got.design.network_acls.iter().zip(&want.network_acls) {
                assert_eq!(
                    (&a.inbound, &a.outbound),
                    (&b.inbound, &b.outbound),
                    "{what}: {}",
                    b.name
                );
            }
            let names = |t: &Topology, ids: &[netwright_core::Id]| -> Vec<String> {
                ids.iter()
                    .map(|id| t.find(id).map(|(_, n)| n.to_string()).unwrap_or_default())
                    .collect()
            };
            for (a, b) in got.design.workloads.iter().zip(&want.workloads) {
                assert_eq!(
                    (
                        &a.name,
                        a.kind,
                        a.internet_facing,
                        &a.tags,
                        names(&got.design, &a.subnets),
                        names(&got.design, &a.security_groups),
                    ),
                    (
                        &b.name,
                        b.kind,
                        b.internet_facing,
                        &b.tags,
                        names(&want, &b.subnets),
                        names(&want, &b.security_groups),
                    ),
                    "{what}"
                );
            }
        }
    }
}

#[test]
fn a_reimported_acl_design_exports_the_same_template() {
    for (name, t) in acl_designs() {
        for yaml in [false, true] {
            let text = export(&t, yaml);
            let again = export(&import(name, &text).design, yaml);
            assert_eq!(again, text, "{name}");
        }
    }
}

/// The reference design's template with `edit` applied to its JSON.
fn edited_reference(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export(&templates::smartinvoice(), false)).expect("JSON");
    edit(&mut doc);
    serde_json::to_string(&doc).expect("JSON")
}

#[test]
fn workload_outputs_without_their_metadata_stay_notes() {
    let text = edited_reference(|doc| {
        doc["Metadata"]["Netwright"]
            .as_object_mut()
            .unwrap()
            .remove("Workloads");
    });
    let got = import("no-metadata", &text);
    assert!(got.design.workloads.is_empty());
    let noted: Vec<&str> = got.notes.iter().map(|n| n.resource.as_str()).collect();
    assert_eq!(noted.len(), 8, "{}", notes_text(&got.notes));
    assert!(
        noted.contains(&"WorkloadSmartinvoiceAlbSubnetIds"),
        "{noted:?}"
    );
    assert!(
        noted.contains(&"WorkloadSmartinvoiceOcrSecurityGroupIds"),
        "{noted:?}"
    );
}

#[test]
fn a_workload_output_that_lists_something_else_is_a_note() {
    let text = edited_reference(|doc| {
        let outputs = &mut doc["Outputs"];
        // The VPC among the load balancer's subnets, and a literal id among its groups.
        outputs["WorkloadSmartinvoiceAlbSubnetIds"]["Value"]["Fn::Join"][1]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"Ref": "VpcSmartinvoiceVpc"}));
        outputs["WorkloadSmartinvoiceAlbSecurityGroupIds"]["Value"] =
            serde_json::json!({"Fn::Join": [",", ["sg-0123456789abcdef0"]]});
        // And a kind the model does not know.
        doc["Metadata"]["Netwright"]["Workloads"]["WorkloadSmartinvoiceRds"]["Kind"] =
            serde_json::json!("mainframe");
    });
    let got = import("edited", &text);
    let notes = notes_text(&got.notes);
    assert_eq!(got.notes.len(), 3, "{notes}");
    assert!(
        notes.contains("VpcSmartinvoiceVpc is not a subnet the design holds"),
        "{notes}"
    );
    assert!(notes.contains("sg-0123456789abcdef0"), "{notes}");
    assert!(notes.contains("Kind mainframe"), "{notes}");
    let t = &got.design;
    let alb = t
        .workloads
        .iter()
        .find(|w| w.name == "smartinvoice-alb")
        .unwrap();
    // What the outputs list of the template's own subnets is kept.
    let subnets: Vec<&str> = alb.subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        subnets,
        ["SubnetSmartinvoicePublic1a", "SubnetSmartinvoicePublic1b"]
    );
    assert!(alb.security_groups.is_empty());
    let rds = t
        .workloads
        .iter()
        .find(|w| w.name == "smartinvoice-rds")
        .unwrap();
    assert_eq!(rds.kind, netwright_core::model::WorkloadKind::Other);
    assert_eq!(rds.security_groups.len(), 1);
}

#[test]
fn a_synthetic_design_imports_back_as_itself() {
    let want = templates::synthetic(100, 3, 30, 500);
    let got = import("synthetic", &export(&want, false));
    assert!(got.notes.is_empty(), "{}", notes_text(&got.notes));
    assert_eq!(meaning(&got.design), meaning(&want));
}

#[test]
fn a_reimported_reference_design_exports_the_same_template() {
    let t = templates::smartinvoice();
    for yaml in [false, true] {
        let text = export(&t, yaml);
        let again = export(&import("smartinvoice", &text).design, yaml);
        assert_eq!(again, text);
    }
}

#[test]
fn the_extended_design_keeps_what_the_reference_lacks() {
    // A secondary block, the main table, a group with no egress and one whose only
    // egress names a group, IPv6 and ICMP rules, a private NAT gateway.
    let mut want = templates::smartinvoice();
    want.vpcs[0].secondary_cidrs.push("10.1.0.0/16".into());
    want.subnets.push(netwright_core::model::Subnet::new(
        "subnet-data-1a",
        "smartinvoice-data-1a",
        "vpc",
        "ap-southeast-1a",
        "10.1.0.0/24",
    ));
    want.route_tables[1].main = true;
    want.security_groups[2].egress.clear();
    want.security_groups[3].egress = vec![netwright_core::model::Rule::tcp(
        5432,
        netwright_core::model::Peer::SecurityGroup(netwright_core::Id::new("sg-rds")),
        "to the database",
    )];
    want.security_groups[0]
        .ingress
        .push(netwright_core::model::Rule::tcp(
            443,
            netwright_core::model::Peer::Cidr("::/0".into()),
            "HTTPS over IPv6",
        ));
    want.security_groups[1]
        .ingress
        .push(netwright_core::model::Rule {
            protocol: Protocol::Icmp,
            from_port: 8,
            to_port: -1,
            peer: netwright_core::model::Peer::Cidr("10.0.0.0/16".into()),
            description: "ping".into(),
        });
    want.nat_gateways.push(netwright_core::model::NatGateway {
        id: netwright_core::Id::new("nat-private"),
        name: "smartinvoice-nat-private".into(),
        subnet: netwright_core::Id::new("subnet-private-1b"),
        connectivity: netwright_core::model::NatConnectivity::Private,
        elastic_ip: None,
        tags: Default::default(),
    });
    let got = import("extended", &export(&want, true)).design;
    // The exporter associates the main table with every subnet that has no table of
    // its own, so the imported main table lists them explicitly: the same routing.
    let mut expected = want.clone();
    let unserved: Vec<_> = want
        .subnets
        .iter()
        .filter(|s| !want.route_tables.iter().any(|t| t.subnets.contains(&s.id)))
        .map(|s| s.id.clone())
        .collect();
    expected.route_tables[1].subnets.extend(unserved);
    assert_eq!(meaning(&got), meaning(&expected));
    assert!(got.route_tables.iter().any(|t| t.main));
    assert!(got.security_groups[2].egress.is_empty(), "no egress at all");
}

fn aws_vpc(params: &[(&str, &str)]) -> Result<Import, ImportError> {
    let options = cloudformation::Options {
        region: Some("eu-west-1".into()),
        stack_name: None,
        parameters: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    try_import("vpc-two-azs.yaml", &template("vpc-two-azs.yaml"), &options)
}

fn has_note(notes: &[Note], resource: &str, dropped: &str) -> bool {
    notes
        .iter()
        .any(|n| n.resource == resource && n.dropped.contains(dropped))
}

#[test]
fn an_aws_style_vpc_template_imports_with_its_defaults() {
    let got = aws_vpc(&[]).unwrap();
    let t = &got.design;
    assert_eq!(t.region, "eu-west-1");
    assert_eq!(t.name, "demo", "the only VPC's name");
    assert_eq!(t.vpcs[0].cidr, "10.192.0.0/16");
    let subnets: Vec<(&str, &str, &str, bool)> = t
        .subnets
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.availability_zone.as_str(),
                s.cidr.as_str(),
                s.map_public_ip_on_launch,
            )
        })
        .collect();
    assert_eq!(
        subnets,
        [
            (
                "demo Public Subnet (AZ1)",
                "eu-west-1a",
                "10.192.10.0/24",
                true
            ),
            (
                "demo Public Subnet (AZ2)",
                "eu-west-1b",
                "10.192.11.0/24",
                true
            ),
            (
                "demo Private Subnet (AZ1)",
                "eu-west-1a",
                "10.192.20.0/24",
                false
            ),
            (
                "demo Private Subnet (AZ2)",
                "eu-west-1b",
                "10.192.21.0/24",
                false
            ),
        ]
    );
    assert_eq!(t.nat_gateways.len(), 1, "one NAT gateway by default");
    assert_eq!(t.nat_gateways[0].name, "demo-nat-1");
    assert_eq!(
        t.nat_gateways[0].elastic_ip.as_ref().unwrap().name,
        "NatGateway1EIP"
    );
    assert_eq!(t.internet_gateways[0].vpc.as_ref().unwrap().as_str(), "VPC");
    // Both private tables route through the one NAT gateway.
    for table in &t.route_tables[1..] {
        assert_eq!(table.routes[0].target.id().as_str(), "NatGateway1");
    }
    let web = &t.security_groups[0];
    assert_eq!(web.name, "demo-web");
    assert_eq!(web.ingress.len(), 1, "the HTTP rule is AWS::NoValue");
    assert_eq!(
        (web.ingress[0].from_port, web.ingress[0].to_port),
        (443, 443)
    );
    // A group that lists no egress rule gets CloudFormation's allow-all default.
    assert!(t.security_groups[1].egress[0].is_default_egress());
    let role = &t.iam_roles[0];
    assert_eq!(role.name, "demo-instance");
    assert_eq!(role.trusted_services, ["ec2.amazonaws.com"]);
    assert_eq!(role.managed_policies, ["AmazonSSMManagedInstanceCore"]);
    assert!(role.instance_profile);
    assert_eq!(
        role.tags["owner"], "123456789012",
        "the account placeholder"
    );
    assert_eq!(errors(t), Vec::<String>::new());

    let n = &got.notes;
    for (resource, dropped) in [
        ("NatGateway2EIP", "AWS::EC2::EIP"),
        ("NatGateway2", "AWS::EC2::NatGateway"),
        ("PublicSubnets", "output PublicSubnets"),
        ("AWS::AccountId", "account id"),
    ] {
        assert!(
            has_note(n, resource, dropped),
            "{resource}: {dropped}\n{}",
            notes_text(n)
        );
    }
    // The private ACL admits traffic from the VPC and sends nothing out.
    let acl = &t.network_acls[0];
    assert_eq!(acl.name, "demo Private ACL");
    assert_eq!(acl.subnets, [netwright_core::Id::new("PrivateSubnet1")]);
    assert_eq!(
        acl.inbound,
        [AclEntry::new(
            100,
            AclAction::Allow,
            "all",
            "",
            "10.192.0.0/16"
        )]
    );
    assert!(acl.outbound.is_empty());
    assert!(
        !has_note(n, "VPC", "output"),
        "the VPC's id output comes back with an export"
    );
    insta::assert_snapshot!("vpc_two_azs_notes", notes_text(n));
}

#[test]
fn a_parameter_turns_on_the_second_nat_gateway() {
    let got = aws_vpc(&[("NatGatewayPerZone", "true"), ("EnvironmentName", "prod")]).unwrap();
    let t = &got.design;
    assert_eq!(t.nat_gateways.len(), 2);
    assert_eq!(t.nat_gateways[1].name, "prod-nat-2");
    assert_eq!(t.nat_gateways[1].subnet.as_str(), "PublicSubnet2");
    assert_eq!(
        t.route_tables[2].routes[0].target.id().as_str(),
        "NatGateway2"
    );
    assert_eq!(
        t.security_groups[0].ingress.len(),
        2,
        "the HTTP rule is there"
    );
    assert!(!has_note(&got.notes, "NatGateway2", "not created"));
    assert_eq!(errors(t), Vec::<String>::new());

    let bad = aws_vpc(&[("NatGatewayPerZone", "yes")]).unwrap_err();
    assert_eq!(
        bad.to_string(),
        "parameter NatGatewayPerZone: \"yes\" is not one of its allowed values: true, false"
    );
    let unknown = aws_vpc(&[("Nat", "true")]).unwrap_err().to_string();
    assert!(unknown.starts_with("--parameter Nat: the template has no such parameter; its parameters: EnvironmentName, VpcCIDR"), "{unknown}");
}

fn private_acls(params: &[(&str, &str)]) -> Import {
    let options = cloudformation::Options {
        region: Some("eu-west-1".into()),
        stack_name: Some("shop".into()),
        parameters: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    try_import(
        "vpc-private-acls.yaml",
        &template("vpc-private-acls.yaml"),
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// An ICMP entry with a type and code.
fn icmp(n: i32, cidr: &str, icmp_type: i32, icmp_code: i32) -> AclEntry {
    let mut e = AclEntry::new(n, AclAction::Allow, "icmp", "", cidr);
    (e.icmp_type, e.icmp_code) = (icmp_type, icmp_code);
    e
}

#[test]
fn data_subnets_behind_their_own_acl_import_with_entries_under_conditions() {
    use AclAction::{Allow, Deny};
    let got = private_acls(&[]);
    let t = &got.design;
    assert_eq!(t.subnets.len(), 6, "two zones by default");
    let acl = &t.network_acls[0];
    assert_eq!(t.network_acls.len(), 1);
    assert_eq!(
        (acl.id.as_str(), acl.name.as_str(), acl.vpc.as_str()),
        ("DataSubnetNetworkAcl", "shop-data-acl", "VPC")
    );
    assert_eq!(acl.tags.get("tier").map(String::as_str), Some("data"));
    let subnets: Vec<&str> = acl
        .subnets
        .iter()
        .map(|s| t.subnet(s).unwrap().name.as_str())
        .collect();
    assert_eq!(subnets, ["shop-data-1", "shop-data-2"]);
    // In rule-number order, whatever the template's order; the SSH entry's condition
    // is false; !GetAtt VPC.CidrBlock and the DatabasePort parameter are evaluated.
    assert_eq!(
        acl.inbound,
        [
            AclEntry::new(100, Allow, "tcp", "5432", "10.40.0.0/16"),
            AclEntry::new(120, Allow, "tcp", "1024-65535", "0.0.0.0/0"),
            icmp(130, "0.0.0.0/0", 3, 4),
            AclEntry::new(140, Deny, "all", "", "::/0"),
        ]
    );
    assert_eq!(
        acl.outbound,
        [
            AclEntry::new(100, Allow, "all", "", "10.40.0.0/16"),
            AclEntry::new(110, Deny, "tcp", "443", "0.0.0.0/0"),
            AclEntry::new(120, Allow, "udp", "1024-65535", "10.40.0.0/16"),
        ]
    );
    // The application and public subnets keep the VPC's default ACL.
    for s in t.subnets.iter().filter(|s| !s.name.contains("data")) {
        assert!(t.network_acl_of(&s.id).is_none(), "{}", s.name);
    }
    let app = t.subnets.iter().find(|s| s.name == "shop-app-1").unwrap();
    assert_eq!(app.cidr, "10.40.3.0/24");
    assert_eq!(errors(t), Vec::<String>::new());
    assert_eq!(
        notes_text(&got.notes),
        "PublicSubnet3: the AWS::EC2::Subnet (not created: its condition ThreeAZs is false)\n\
         PrivateSubnet3A: the AWS::EC2::Subnet (not created: its condition ThreeAZs is false)\n\
         PrivateSubnet3B: the AWS::EC2::Subnet (not created: its condition ThreeAZs is false)\n\
         PublicSubnet3RouteTableAssociation: the AWS::EC2::SubnetRouteTableAssociation (not created: its condition ThreeAZs is false)\n\
         PrivateSubnet3ARouteTableAssociation: the AWS::EC2::SubnetRouteTableAssociation (not created: its condition ThreeAZs is false)\n\
         PrivateSubnet3BRouteTableAssociation: the AWS::EC2::SubnetRouteTableAssociation (not created: its condition ThreeAZs is false)\n\
         DataInboundAdmin: the AWS::EC2::NetworkAclEntry (not created: its condition AdminEntries is false)\n\
         PrivateSubnet3BNetworkAclAssociation: the AWS::EC2::SubnetNetworkAclAssociation (not created: its condition DataSubnetACLThirdAZ is false)\n\
         DataSubnetNetworkAclID: output DataSubnetNetworkAclID (the model has no stack outputs; an export lists the ids of VPCs, subnets and groups)\n"
    );
}

#[test]
fn parameters_add_the_third_zone_and_the_admin_entry_or_drop_the_acl() {
    use AclAction::Allow;
    let got = private_acls(&[("NumberOfAZs", "3"), ("AdminCIDR", "192.0.2.0/24")]);
    let t = &got.design;
    let acl = &t.network_acls[0];
    let subnets: Vec<&str> = acl.subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        subnets,
        ["PrivateSubnet1B", "PrivateSubnet2B", "PrivateSubnet3B"],
        "the third association names the ACL by !GetAtt"
    );
    assert_eq!(
        acl.inbound[1],
        AclEntry::new(110, Allow, "tcp", "22", "192.0.2.0/24")
    );
    assert_eq!(acl.inbound.len(), 5);
    assert_eq!(
        acl.outbound[1],
        AclEntry::new(110, Allow, "tcp", "443", "0.0.0.0/0"),
        "Fn::If picks allow"
    );
    assert!(got.notes.iter().all(|n| !n.why.contains("not created")));
    assert_eq!(errors(t), Vec::<String>::new());

    let without = private_acls(&[("CreateDataSubnetACL", "false")]);
    assert!(without.design.network_acls.is_empty());
    let dropped = without
        .notes
        .iter()
        .filter(|n| n.why.contains("condition DataSubnetACL is false"))
        .count();
    assert_eq!(
        dropped,
        10,
        "the ACL, seven entries and two associations: {}",
        notes_text(&without.notes)
    );
}

#[test]
fn acl_entries_the_model_cannot_hold_become_notes() {
    let text = "
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a}}
  Acl: {Type: AWS::EC2::NetworkAcl, Properties: {VpcId: !Ref Vpc}}
  Other: {Type: AWS::EC2::NetworkAcl, Properties: {VpcId: !Ref Vpc}}
  NoPorts: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0}}
  TooHigh: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 32767, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0}}
  Gre: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 110, Protocol: 47, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0, Tags: []}}
  Elsewhere: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: acl-0abc, RuleNumber: 120, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0}}
  First: {Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: {SubnetId: !Ref Subnet, NetworkAclId: !Ref Acl}}
  Second: {Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: {SubnetId: !Ref Subnet, NetworkAclId: !Ref Other}}
";
    let got = import("t.yaml", text);
    let acl = &got.design.network_acls[0];
    assert!(acl.inbound.is_empty());
    assert_eq!(
        acl.outbound,
        [AclEntry::new(110, AclAction::Allow, "47", "", "0.0.0.0/0")]
    );
    assert_eq!(acl.subnets, [netwright_core::Id::new("Subnet")]);
    assert!(got.design.network_acls[1].subnets.is_empty());
    assert_eq!(
        notes_text(&got.notes),
        "NoPorts: inbound entry 100 allow protocol 6 from 0.0.0.0/0 (a TCP or UDP entry needs a PortRange with From and To, and CloudFormation refuses one without)\n\
         TooHigh: inbound entry 32767 deny protocol -1 from 0.0.0.0/0 (its RuleNumber is 32767, not a number 1-32766)\n\
         Gre: property Tags (the model has no such setting)\n\
         Elsewhere: the network ACL entry (acl-0abc is not created by the template)\n\
         Second: the association (Subnet is already associated with Acl; a subnet has one network ACL)\n"
    );
}

#[test]
fn without_a_region_get_azs_is_a_clear_error() {
    let err = try_import(
        "vpc-two-azs.yaml",
        &template("vpc-two-azs.yaml"),
        &Default::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("vpc-two-azs.yaml: Resources.PublicSubnet1.Properties.AvailabilityZone"),
        "{msg}"
    );
    assert!(msg.contains("--region"), "{msg}");
    let options = cloudformation::Options {
        region: Some("xx-nowhere-1".into()),
        ..Default::default()
    };
    let msg = try_import("vpc-two-azs.yaml", &template("vpc-two-azs.yaml"), &options)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("xx-nowhere-1 is not a Region Netwright knows"),
        "{msg}"
    );
}

#[test]
fn a_circular_condition_is_an_error_naming_the_cycle() {
    let err = try_import(
        "circular.yaml",
        &template("circular-condition.yaml"),
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "circular.yaml: Conditions: circular condition: IsProd -> IsLive -> IsProd"
    );
}

#[test]
fn a_required_parameter_without_a_value_is_named() {
    let text = template("required-parameter.yaml");
    let err = try_import("required.yaml", &text, &Default::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "required.yaml: the template's parameter VpcCidr has no default (The VPC's IPv4 block): give it a value with --parameter VpcCidr=VALUE"
    );
    let options = cloudformation::Options {
        parameters: vec![("VpcCidr".into(), "10.9.0.0/16".into())],
        ..Default::default()
    };
    let got = try_import("required.yaml", &text, &options).unwrap();
    assert_eq!(got.design.vpcs[0].cidr, "10.9.0.0/16");
    assert_eq!(got.design.name, "required");
}

#[test]
fn unknown_resource_types_and_properties_become_notes() {
    let got = import("extras.json", &template("unknown-resource.json"));
    let t = &got.design;
    assert_eq!(t.vpcs[0].name, "with-extras");
    assert_eq!(t.vpcs[0].tags["team"], "data");
    assert_eq!(
        t.subnets[0].cidr, "10.1.0.0/24",
        "Fn::Cidr of the VPC's block"
    );
    assert_eq!(t.region, "eu-west-1", "from the subnet's zone");
    assert_eq!(
        notes_text(&got.notes),
        "Logs: the AWS::S3::Bucket resource (the model has no such resource)\n\
         Web: the AWS::EC2::Instance resource (the model has no such resource)\n\
         Subnet: property Ipv6Native (the model holds IPv4 blocks only)\n"
    );
}

#[test]
fn what_the_model_cannot_hold_becomes_notes() {
    let got = import("notes.yaml", &template("what-becomes-notes.yaml"));
    let t = &got.design;
    assert_eq!(t.vpcs[0].secondary_cidrs, ["10.4.0.0/16"]);
    assert_eq!(
        t.subnets.len(),
        1,
        "the subnet of a VPC outside the template is left out"
    );
    assert!(t.route_tables[0].routes.is_empty());
    let g = &t.security_groups[0];
    assert_eq!(g.name, "Group", "no GroupName or Name tag: the logical id");
    assert!(g.ingress.is_empty());
    assert_eq!(g.egress.len(), 1, "listed egress replaces the default");
    assert_eq!(t.iam_roles[0].name, "Role");
    assert_eq!(t.iam_roles[0].trusted_services, ["lambda.amazonaws.com"]);
    assert_eq!(
        t.iam_roles[0].managed_policies,
        ["AWSLambdaBasicExecutionRole"]
    );
    insta::assert_snapshot!("what_becomes_notes", notes_text(&got.notes));
}

#[test]
fn names_taken_twice_in_a_kind_become_logical_ids() {
    let text = "
Resources:
  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16, Tags: [{Key: Name, Value: net}]}}
  B: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16, Tags: [{Key: Name, Value: net}]}}
  Igw: {Type: AWS::EC2::InternetGateway, Properties: {Tags: [{Key: Name, Value: net}]}}
  R1: {Type: AWS::IAM::Role, Properties: {RoleName: App, AssumeRolePolicyDocument: {Statement: []}}}
  R2: {Type: AWS::IAM::Role, Properties: {RoleName: app, AssumeRolePolicyDocument: {Statement: []}}}
";
    let got = import("t.yaml", text);
    let t = &got.design;
    let names = |v: Vec<&str>| v.join(",");
    assert_eq!(
        names(t.vpcs.iter().map(|v| v.name.as_str()).collect()),
        "net,B"
    );
    assert_eq!(
        t.internet_gateways[0].name, "net",
        "another kind may share it"
    );
    assert_eq!(
        names(t.iam_roles.iter().map(|r| r.name.as_str()).collect()),
        "App,R2"
    );
    assert!(
        has_note(&got.notes, "B", "its name net"),
        "{}",
        notes_text(&got.notes)
    );
    assert!(has_note(&got.notes, "R2", "its name app"));
    let same: Vec<String> = errors(t)
        .into_iter()
        .filter(|e| e.contains("the same name"))
        .collect();
    assert_eq!(same, Vec::<String>::new());
}

#[test]
fn long_and_short_forms_evaluate_alike() {
    let yaml = r#"
Parameters:
  Env: {Type: String, Default: prod}
  Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
Mappings:
  Blocks: {prod: {Vpc: 10.50.0.0/16}}
Conditions:
  Prod: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition Prod]
  Both: !And [!Condition Prod, !Or [!Condition NotProd, !Equals [1, "1"]]]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !FindInMap [Blocks, !Ref Env, Vpc]
      Tags:
        - {Key: Name, Value: !Join ['-', [!Ref Env, !Select [2, !Ref Zones], !Select [1, !Split [',', 'x,y']]]]}
        - {Key: sub, Value: !Sub ['${A}/${AWS::Region}/${!Literal}', {A: !If [Both, yes-both, no]}]}
        - {Key: part, Value: !Sub '${AWS::Partition}.${AWS::URLSuffix}.${AWS::StackName}'}
        - !If [NotProd, {Key: gone, Value: x}, !Ref AWS::NoValue]
"#;
    let json = r#"{
"Parameters": {"Env": {"Type": "String", "Default": "prod"}, "Zones": {"Type": "CommaDelimitedList", "Default": "a,b,c"}},
"Mappings": {"Blocks": {"prod": {"Vpc": "10.50.0.0/16"}}},
"Conditions": {
  "Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
  "NotProd": {"Fn::Not": [{"Condition": "Prod"}]},
  "Both": {"Fn::And": [{"Condition": "Prod"}, {"Fn::Or": [{"Condition": "NotProd"}, {"Fn::Equals": [1, "1"]}]}]}
},
"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {
  "CidrBlock": {"Fn::FindInMap": ["Blocks", {"Ref": "Env"}, "Vpc"]},
  "Tags": [
    {"Key": "Name", "Value": {"Fn::Join": ["-", [{"Ref": "Env"}, {"Fn::Select": ["2", {"Ref": "Zones"}]}, {"Fn::Select": [1, {"Fn::Split": [",", "x,y"]}]}]]}},
    {"Key": "sub", "Value": {"Fn::Sub": ["${A}/${AWS::Region}/${!Literal}", {"A": {"Fn::If": ["Both", "yes-both", "no"]}}]}},
    {"Key": "part", "Value": {"Fn::Sub": "${AWS::Partition}.${AWS::URLSuffix}.${AWS::StackName}"}},
    {"Fn::If": ["NotProd", {"Key": "gone", "Value": "x"}, {"Ref": "AWS::NoValue"}]}
  ]}}}
}"#;
    let options = cloudformation::Options {
        region: Some("cn-north-1".into()),
        stack_name: Some("shop".into()),
        parameters: Vec::new(),
    };
    let a = try_import("t.yaml", yaml, &options).unwrap();
    let b = try_import("t.json", json, &options).unwrap();
    assert_eq!(a, b);
    let v = &a.design.vpcs[0];
    assert_eq!(v.cidr, "10.50.0.0/16");
    assert_eq!(v.name, "prod-c-y");
    assert_eq!(v.tags["sub"], "yes-both/cn-north-1/${Literal}");
    assert_eq!(v.tags["part"], "aws-cn.amazonaws.com.cn.shop");
    assert!(!v.tags.contains_key("gone"));
}

#[test]
fn bad_inputs_give_clear_errors() {
    let cases: &[(&str, &str, &str)] = &[
        ("{\"Resources\": {", "t.json:1:15: the JSON ends too early", "truncated JSON"),
        ("a: [1, 2\n", "t.json:", "broken YAML"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Reff X\n", "unknown tag !Reff", "unknown tag"),
        ("AWSTemplateFormatVersion: '2010-09-09'\n", "it has no Resources section", "no Resources"),
        ("just some text\n", "expected a mapping with a Resources section", "text"),
        ("Resources: {}\n", "declares no resource", "empty Resources"),
        ("Resources:\n  V:\n    Properties: {}\n", "Resources.V: a resource needs a Type", "no Type"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Nope\n",
         "Resources.V.Properties.CidrBlock.Ref: Ref names Nope, which is neither", "unknown Ref"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !GetAtt Nope.CidrBlock\n",
         "Fn::GetAtt names Nope, which is not a resource", "unknown GetAtt"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !GetAtt V.CidrBlock\n",
         "circular reference: V.CidrBlock -> V.CidrBlock", "self attribute"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Condition: Missing\n",
         "no condition is named Missing; the template has no Conditions", "unknown condition"),
        ("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Select [3, [a]]\n",
         "index 3 is outside the list of 1 items", "select"),
    ];
    for (text, want, what) in cases {
        let msg = try_import("t.json", text, &Default::default())
            .map(|i| format!("imported: {:?}", i.design))
            .unwrap_or_else(|e| e.to_string());
        assert!(msg.contains(want), "{what}: {msg}");
    }
    let yaml = try_import("t.yaml", "a: [1, 2\n", &Default::default()).unwrap_err();
    assert!(
        matches!(yaml, ImportError::YamlSyntax { line: 2, .. }),
        "{yaml:?}"
    );
}

#[test]
fn deep_nesting_and_long_chains_are_errors_not_overflows() {
    let deep = format!(
        "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: {}1{}\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    assert!(try_import("t.yaml", &deep, &Default::default()).is_ok());
    let deeper = format!("{{\"Resources\": {{\"V\": {{\"Type\": \"AWS::EC2::VPC\", \"Properties\": {{\"CidrBlock\": {}\"a\"{}}}}}}}}}", "{\"Fn::Select\": [0, [".repeat(60), "]]}".repeat(60));
    let msg = try_import("t.json", &deeper, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("nest deeper") || msg.contains("recursion limit"),
        "{msg}"
    );
    // A chain of conditions, each naming the next.
    let mut text = String::from("Conditions:\n");
    for i in 0..300 {
        text.push_str(&format!("  C{i}: !Not [!Condition C{}]\n", i + 1));
    }
    text.push_str(
        "  C300: !Equals [a, a]\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Condition: C0\n",
    );
    let msg = try_import("t.yaml", &text, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("nest deeper"), "{msg}");
    // Each VPC's block joins the next one's twice: the work doubles at each of 40
    // levels, and the step bound ends it.
    let mut text = String::from("Resources:\n");
    for i in 0..40 {
        text.push_str(&format!(
            "  V{i}:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Join ['', [!GetAtt V{n}.CidrBlock, !GetAtt V{n}.CidrBlock]]\n",
            n = i + 1
        ));
    }
    text.push_str("  V40:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: a\n");
    let msg = try_import("t.yaml", &text, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("takes too long to evaluate"), "{msg}");
}

/// cfn-lint from the workspace's Python venv (scripts/setup.sh installs it).
fn cfn_lint() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/cfn-lint");
    assert!(
        path.is_file(),
        "cfn-lint is missing ({}): run scripts/setup.sh",
        path.display()
    );
    path
}

#[test]
fn the_aws_style_fixtures_are_templates_cfn_lint_accepts() {
    for name in ["vpc-two-azs.yaml", "vpc-private-acls.yaml"] {
        let path = format!("{FIXTURES}/cloudformation/{name}");
        let out = std::process::Command::new(cfn_lint())
            .args(["--regions", "eu-west-1", "--", &path])
            .output()
            .expect("cfn-lint runs");
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_text_imports_or_errs_without_panicking(text in "(?s).{0,300}") {
        let _ = try_import("t", &text, &Default::default());
    }

    #[test]
    fn mangled_exports_never_panic(cut in 0usize..4000, junk in "[!{}\\[\\]:,\"' a-zA-Z0-9\n-]{0,12}") {
        let text = export(&templates::smartinvoice(), true);
        let cut = cut.min(text.len());
        let cut = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mangled = format!("{}{junk}{}", &text[..cut], &text[cut..]);
        let _ = try_import("t.yaml", &mangled, &Default::default());
    }
}
