//! The AWS importer over real describe output: the reference design deployed to moto
//! by our own AWS CLI export and read back with the AWS CLI (fixtures/aws/reference),
//! a fresh account with only its default VPC, a network with what the model cannot
//! hold (fixtures/aws/extras), custom and changed default network ACLs
//! (fixtures/aws/acls), paginated and broken inputs, a synthetic round trip,
//! and arbitrary JSON, which never panics. fixtures/aws/README.md says how each
//! fixture was made.

#[path = "common/awscli.rs"]
mod awscli;
#[path = "common/capture.rs"]
mod capture;
#[path = "common/meaning.rs"]
mod meaning;

use std::collections::BTreeMap;

use meaning::{errors, meaning, Meaning};
use netwright_core::import::{aws, Import, ImportError, Note, Source};
use netwright_core::model::{AclAction, AclEntry, Peer, Topology};
use netwright_core::{templates, validate};
use proptest::prelude::*;
use serde_json::{json, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/aws");

/// Every JSON file of a fixture directory, by name, sorted.
fn dir(name: &str) -> Vec<(String, String)> {
    let path = format!("{FIXTURES}/{name}");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("fixture"))
        })
        .collect();
    files.sort();
    files
}

fn file(name: &str) -> (String, String) {
    let path = format!("{FIXTURES}/{name}");
    (
        name.to_string(),
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
}

fn try_import(files: &[(String, String)], vpcs: &[&str]) -> Result<Import, ImportError> {
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let options = aws::Options {
        vpcs: vpcs.iter().map(|v| v.to_string()).collect(),
    };
    aws::import(&sources, &options)
}

fn import(files: &[(String, String)]) -> Import {
    try_import(files, &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn notes_text(notes: &[Note]) -> String {
    notes.iter().map(|n| format!("{n}\n")).collect()
}

#[test]
fn the_reference_deployment_imports_as_the_reference_design() {
    let got = import(&dir("reference"));
    let want = templates::smartinvoice();
    assert_eq!(meaning(&got.design), meaning(&want));
    assert_eq!(
        got.design.name, "smartinvoice",
        "from the netwright:design tag"
    );
    assert_eq!(errors(&got.design), Vec::<String>::new());
    // The same warnings as the reference (full-access policies and the like).
    let codes = |t: &Topology| -> Vec<&str> { validate(t).iter().map(|d| d.code).collect() };
    let (mut a, mut b) = (codes(&got.design), codes(&want));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Ids are the AWS ids, so a second import of the same network matches the first.
    assert!(got
        .design
        .subnets
        .iter()
        .all(|s| s.id.as_str().starts_with("subnet-")));
    assert_eq!(import(&dir("reference")), got);
    insta::assert_snapshot!("reference_notes", notes_text(&got.notes));
}

#[test]
fn the_extended_deployment_imports_as_the_extended_design() {
    // A main table with routes and explicit subnets, a secondary block, a private NAT
    // gateway, IPv6 and ICMP rules, a group with no egress and one with egress to a
    // group, extra tags, DNS hostnames off (read from describe-vpc-attribute).
    let got = import(&dir("extended"));
    let want = awscli::extended();
    assert_eq!(meaning(&got.design), meaning(&want));
    assert_eq!(got.design.name, want.name);
    assert_eq!(errors(&got.design), Vec::<String>::new());
    assert_eq!(got.design.vpcs[0].tags, want.vpcs[0].tags);
    let tags = |t: &Topology| -> BTreeMap<String, netwright_core::model::Tags> {
        t.subnets
            .iter()
            .map(|s| (s.name.clone(), s.tags.clone()))
            .collect()
    };
    assert_eq!(tags(&got.design), tags(&want));
    assert!(
        !got.notes.iter().any(|n| n.dropped.contains("enableDns")),
        "{}",
        notes_text(&got.notes)
    );
}

#[test]
fn files_in_any_order_or_merged_into_one_object_import_alike() {
    let files = dir("reference");
    let first = import(&files);
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(import(&reversed), first);
    let mut merged = serde_json::Map::new();
    for (_, text) in &files {
        let v: Value = serde_json::from_str(text).unwrap();
        for (k, v) in v.as_object().unwrap() {
            merged.insert(k.clone(), v.clone());
        }
    }
    let one = vec![(
        "capture.json".to_string(),
        Value::Object(merged).to_string(),
    )];
    assert_eq!(import(&one), first);
}

#[test]
fn a_file_given_twice_changes_nothing() {
    for fixture in ["reference", "extras", "others"] {
        let files = dir(fixture);
        let mut twice = files.clone();
        twice.extend(files.iter().map(|(n, t)| (format!("again/{n}"), t.clone())));
        let (once, again) = (import(&files), import(&twice));
        assert_eq!(again.design, once.design, "{fixture}");
        assert_eq!(
            notes_text(&again.notes),
            notes_text(&once.notes),
            "{fixture}"
        );
    }
}

#[test]
fn flat_security_group_rules_serve_groups_listed_without_permissions() {
    let mut files = dir("reference");
    let (_, groups) = files
        .iter_mut()
        .find(|(n, _)| n == "describe-security-groups.json")
        .unwrap();
    let mut v: Value = serde_json::from_str(groups).unwrap();
    for g in v["SecurityGroups"].as_array_mut().unwrap() {
        let g = g.as_object_mut().unwrap();
        g.remove("IpPermissions");
        g.remove("IpPermissionsEgress");
    }
    *groups = v.to_string();
    let got = import(&files);
    let want = meaning(&templates::smartinvoice());
    let got = meaning(&got.design);
    // moto's describe-security-group-rules leaves out the descriptions of rules that
    // name a group; everything else is the same.
    let strip = |m: &Meaning| -> BTreeMap<String, (usize, usize)> {
        m.groups
            .iter()
            .map(|(k, (_, _, i, e))| (k.clone(), (i.len(), e.len())))
            .collect()
    };
    assert_eq!(strip(&got), strip(&want));
    let alb = &got.groups["smartinvoice-alb-sg"].2;
    assert!(alb.contains(&("tcp".into(), 443, 443, "0.0.0.0/0".into(), "HTTPS".into())));
    let rds = &got.groups["smartinvoice-rds-sg"].2;
    assert!(
        rds.iter().any(|r| r.3 == "group smartinvoice-ocr-sg"),
        "{rds:?}"
    );
}

#[test]
fn a_fresh_account_imports_nothing_and_says_why() {
    let files = dir("default-vpc");
    let got = import(&files);
    assert!(got.design.entities().is_empty(), "{:?}", got.design);
    assert_eq!(got.notes.len(), 1, "{}", notes_text(&got.notes));
    assert!(got.notes[0].resource.starts_with("vpc-"));
    assert!(got.notes[0].why.contains("--vpc"), "{}", got.notes[0]);
    // Named with --vpc, the default VPC is imported with its subnets.
    let vpc = got.notes[0].resource.clone();
    let named = try_import(&files, &[&vpc]).unwrap();
    assert_eq!(named.design.vpcs.len(), 1);
    assert_eq!(named.design.vpcs[0].cidr, "172.31.0.0/16");
    assert!(named.design.subnets.len() >= 3);
    assert_eq!(named.design.region, "us-east-1");
    assert!(
        named.design.security_groups.is_empty(),
        "unchanged default group"
    );
    assert!(
        named.design.route_tables.is_empty(),
        "main table with routes: {:?}",
        named.design.route_tables
    );
    assert_eq!(errors(&named.design), Vec::<String>::new());
}

/// The reference design with two custom ACLs (one with a deny), from the format's
/// version-2 fixture.
fn acl_design() -> Topology {
    let text = include_str!("fixtures/format/v2-acls-workloads.json");
    netwright_core::format::load(text).expect("the version-2 fixture loads")
}

fn extras() -> Import {
    import(&dir("extras"))
}

fn has_note(notes: &[Note], resource_prefix: &str, dropped: &str) -> bool {
    notes
        .iter()
        .any(|n| n.resource.starts_with(resource_prefix) && n.dropped.contains(dropped))
}

#[test]
fn a_changed_default_group_is_imported_and_noted() {
    let got = extras();
    let default = got
        .design
        .security_groups
        .iter()
        .find(|g| g.name == "default")
        .expect("the changed default group");
    assert_eq!(default.ingress.len(), 1);
    assert_eq!(default.ingress[0].from_port, 22);
    assert!(has_note(&got.notes, default.id.as_str(), "default group"));
    // The peer VPC's default group is as moto makes it (no rule from itself): left out.
    assert_eq!(got.design.security_groups.len(), 2);
}

#[test]
fn one_permission_with_several_sources_becomes_one_rule_per_source() {
    let got = extras();
    let web = got
        .design
        .security_groups
        .iter()
        .find(|g| g.name == "extras-web-sg")
        .unwrap();
    let peers: Vec<(String, &str)> = web
        .ingress
        .iter()
        .map(|r| {
            let peer = match &r.peer {
                Peer::Cidr(c) => c.clone(),
                Peer::SecurityGroup(g) => got.design.find(g).unwrap().1.to_string(),
            };
            (peer, r.description.as_str())
        })
        .collect();
    assert_eq!(
        peers,
        [
            ("203.0.113.0/24".to_string(), "office"),
            ("198.51.100.7/32".to_string(), "vpn"),
            ("2001:db8::/32".to_string(), "office v6"),
            ("default".to_string(), "default group"),
        ]
    );
    assert!(web
        .ingress
        .iter()
        .all(|r| r.from_port == 443 && r.to_port == 443));
    // The prefix list and the ICMPv6 rule cannot be held: notes.
    assert!(has_note(&got.notes, web.id.as_str(), "from pl-"));
    assert!(has_note(&got.notes, web.id.as_str(), "icmpv6"));
}

#[test]
fn what_the_model_cannot_hold_becomes_notes() {
    let got = extras();
    let n = &got.notes;
    assert!(has_note(n, "vpc-", "IPv6 block"));
    assert!(has_note(n, "rtb-", "route ::/0"));
    assert!(has_note(n, "rtb-", "-> pcx-"));
    // The custom ACL is imported (named after its id: it has no Name tag); the
    // default ACLs allow all, as the model assumes, so neither is a note.
    assert!(!has_note(n, "acl-", "network ACL"), "{}", notes_text(n));
    let acl = &got.design.network_acls[0];
    assert_eq!(got.design.network_acls.len(), 1);
    assert_eq!(acl.name, acl.id.as_str());
    assert!(acl.subnets.is_empty() && acl.outbound.is_empty());
    assert_eq!(
        acl.inbound,
        [AclEntry::new(
            100,
            AclAction::Allow,
            "tcp",
            "443",
            "0.0.0.0/0"
        )]
    );
    assert!(has_note(n, "eipalloc-", "spare-eip"));
    for dropped in [
        "path /app/",
        "AWS principal",
        "inline policy read-bucket",
        "permissions boundary",
        "instance profile's name",
    ] {
        assert!(
            has_note(n, "extras-app", dropped),
            "{dropped}:\n{}",
            notes_text(n)
        );
    }
    assert!(has_note(n, "AWSServiceRoleFor", "service-linked"));
    let vpc = got
        .design
        .vpcs
        .iter()
        .find(|v| v.name == "extras-vpc")
        .unwrap();
    assert_eq!(vpc.secondary_cidrs, ["10.21.0.0/16"]);
    assert_eq!(vpc.tags.get("team").map(String::as_str), Some("web"));
    // The main table has a route besides the local one, so it is imported.
    let main = got
        .design
        .route_tables
        .iter()
        .find(|t| t.main)
        .expect("main table");
    assert_eq!(main.routes[0].destination, "192.0.2.0/24");
    // An unnamed subnet is named after its id.
    let unnamed = got
        .design
        .subnets
        .iter()
        .find(|s| s.cidr == "10.20.1.0/24")
        .unwrap();
    assert_eq!(unnamed.name, unnamed.id.as_str());
    assert!(unnamed.name.starts_with("subnet-"));
    insta::assert_snapshot!("extras_notes", notes_text(n));
}

#[test]
fn roles_keep_service_principals_and_policies_by_name_or_arn() {
    let got = extras();
    assert_eq!(
        got.design.iam_roles.len(),
        1,
        "the service-linked role is skipped"
    );
    let role = &got.design.iam_roles[0];
    assert_eq!(
        role.trusted_services,
        ["ec2.amazonaws.com", "lambda.amazonaws.com"]
    );
    assert_eq!(role.description, "Extras application");
    assert!(role.instance_profile);
    assert!(role
        .managed_policies
        .contains(&"AmazonS3ReadOnlyAccess".to_string()));
    assert!(role
        .managed_policies
        .iter()
        .any(|p| p.starts_with("arn:aws:iam::123456789012:policy/extras-custom")));
    assert!(role
        .managed_policies
        .contains(&"arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess".to_string()));
}

#[test]
fn attached_policies_are_read_from_a_file_named_after_the_role() {
    let listed = file("extras/list-roles.json");
    let attached = file("extras/extras-app.json");
    let got = import(&[listed.clone(), attached.clone()]);
    let role = &got.design.iam_roles[0];
    assert_eq!(
        role.managed_policies.len(),
        3,
        "{:?}",
        role.managed_policies
    );
    assert!(
        has_note(&got.notes, "extras-app", "instance profile"),
        "list-roles cannot say"
    );
    assert!(
        !has_note(&got.notes, "extras-app", "managed policies"),
        "the file gave them"
    );
    let alone = import(std::slice::from_ref(&listed));
    assert!(
        has_note(
            &alone.notes,
            "extras-app",
            "its managed policies, inline policies, tags"
        ),
        "{}",
        notes_text(&alone.notes)
    );
    // Under another name the output cannot be placed: a note, no policies.
    let other = ("policies.json".to_string(), attached.1);
    let got = import(&[listed, other]);
    assert!(got.design.iam_roles[0].managed_policies.is_empty());
    assert!(has_note(&got.notes, "policies", "attached policy"));
}

#[test]
fn a_url_encoded_trust_policy_is_read() {
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let encoded: String = doc
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    for d in [json!(encoded), json!(doc)] {
        let roles =
            json!({"Roles": [{"RoleName": "task", "Path": "/", "AssumeRolePolicyDocument": d}]});
        let got = import(&[("roles.json".into(), roles.to_string())]);
        assert_eq!(
            got.design.iam_roles[0].trusted_services,
            ["ecs-tasks.amazonaws.com"]
        );
    }
}

#[test]
fn vpc_selects_by_id_or_name_and_an_unknown_one_lists_the_vpcs() {
    let files = dir("extras");
    let by_name = try_import(&files, &["extras-vpc"]).unwrap();
    assert_eq!(by_name.design.vpcs.len(), 1);
    let id = by_name.design.vpcs[0].id.as_str().to_string();
    let by_id = try_import(&files, &[&id]).unwrap();
    assert_eq!(by_id.design, by_name.design);
    assert_eq!(by_name.design.name, "extras-vpc");
    assert!(
        has_note(&by_name.notes, "vpc-", "not selected")
            || by_name.notes.iter().any(|n| n.why.contains("--vpc"))
    );
    let err = try_import(&files, &["nope"]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("--vpc nope: no VPC"), "{msg}");
    assert!(
        msg.contains(&id) && msg.contains("(extras-vpc)") && msg.contains("default VPC"),
        "{msg}"
    );
}

#[test]
fn paginated_output_says_how_to_get_all_of_it() {
    let err = try_import(&[file("paginated-subnets.json")], &[]).unwrap_err();
    assert!(matches!(err, ImportError::Paginated { .. }));
    let msg = err.to_string();
    assert!(msg.starts_with("paginated-subnets.json: "), "{msg}");
    assert!(
        msg.contains("NextToken") && msg.contains("--max-items"),
        "{msg}"
    );
}

#[test]
fn bad_inputs_give_clear_errors() {
    let (name, text) = file("reference/describe-subnets.json");
    let truncated =
        try_import(&[(name.clone(), text[..text.len() / 2].to_string())], &[]).unwrap_err();
    let msg = truncated.to_string();
    assert!(msg.starts_with("reference/describe-subnets.json:"), "{msg}");
    assert!(msg.contains("truncated"), "{msg}");
    assert!(matches!(truncated, ImportError::Syntax { line, .. } if line > 1));

    let not_json = try_import(&[("notes.txt".into(), "Subnets: none\n".into())], &[]).unwrap_err();
    assert!(
        not_json
            .to_string()
            .starts_with("notes.txt:1:1: this is not valid JSON"),
        "{not_json}"
    );

    let design = include_str!("fixtures/smartinvoice.json");
    let unrelated = try_import(&[("design.json".into(), design.into())], &[]).unwrap_err();
    let msg = unrelated.to_string();
    assert!(
        msg.starts_with("design.json: not an output Netwright imports"),
        "{msg}"
    );
    assert!(
        msg.contains("Vpcs, Subnets") && msg.contains("found format, version, design"),
        "{msg}"
    );

    let array = try_import(&[("list.json".into(), "[1, 2]".into())], &[]).unwrap_err();
    assert!(
        array.to_string().contains("found no JSON object"),
        "{array}"
    );

    let shape = try_import(
        &[("s.json".into(), r#"{"Subnets": [{"SubnetId": 7}]}"#.into())],
        &[],
    )
    .unwrap_err();
    assert_eq!(
        shape.to_string(),
        "s.json: Subnets[0].SubnetId: expected a string"
    );
}

#[test]
fn a_regional_nat_gateway_becomes_a_note() {
    let got = import(&[file("regional-nat.json")]);
    assert!(got.design.nat_gateways.is_empty());
    let note = got
        .notes
        .iter()
        .find(|n| n.resource.starts_with("nat-"))
        .expect("a note on the NAT gateway");
    assert!(note.dropped.contains("regional NAT gateway"), "{note}");
    // Its Elastic IP is in use, so it is not noted as spare; the route to it is.
    assert!(!got
        .notes
        .iter()
        .any(|n| n.resource.starts_with("eipalloc-")));
    assert!(has_note(&got.notes, "rtb-", "-> nat-"));
}

#[test]
fn resources_whose_vpc_is_missing_are_summed_up_in_one_note() {
    let got = import(&[file("reference/describe-subnets.json")]);
    assert!(got.design.subnets.is_empty());
    let n: Vec<&Note> = got
        .notes
        .iter()
        .filter(|n| n.why.contains("describe-vpcs"))
        .collect();
    assert_eq!(n.len(), 2, "one per VPC: {}", notes_text(&got.notes));
    assert!(
        n.iter().any(|n| n.dropped == "4 subnet(s)"),
        "{}",
        notes_text(&got.notes)
    );
}

#[test]
fn endpoints_peering_and_other_gateways_become_notes() {
    let got = import(&dir("others"));
    for (resource, dropped) in [
        ("vpce-", "VPC endpoint for com.amazonaws.eu-west-1.s3"),
        ("pcx-", "peering connection between vpc-"),
        ("eigw-", "egress-only internet gateway"),
        ("vgw-", "virtual private gateway"),
        ("tgw-attach-", "attachment to transit gateway tgw-"),
        ("rtb-", "route pl-"),
    ] {
        assert!(
            has_note(&got.notes, resource, dropped),
            "{dropped}:\n{}",
            notes_text(&got.notes)
        );
    }
    assert_eq!(
        got.notes
            .iter()
            .filter(|n| n.resource.starts_with("pcx-"))
            .count(),
        1
    );
    // The main table's only other route is the endpoint's: nothing left to import.
    assert!(
        got.design.route_tables.is_empty(),
        "{:?}",
        got.design.route_tables
    );
    let flow = json!({"FlowLogs": [{"FlowLogId": "fl-1", "ResourceId": got.design.vpcs[0].id.as_str(), "LogDestinationType": "s3"}]});
    let mut files = dir("others");
    files.push(("flow.json".into(), flow.to_string()));
    let with_flow = import(&files);
    assert!(
        has_note(&with_flow.notes, "fl-1", "flow log to s3"),
        "{}",
        notes_text(&with_flow.notes)
    );
}

#[test]
fn a_dhcp_options_set_is_noted_unless_it_is_aws_default() {
    let vpcs = json!({"Vpcs": [
        {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "DhcpOptionsId": "dopt-aws"},
        {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16", "DhcpOptionsId": "dopt-own"},
        {"VpcId": "vpc-3", "CidrBlock": "10.2.0.0/16", "DhcpOptionsId": "dopt-unknown"},
    ]});
    let set = |id: &str, domain: &str| {
        json!({"DhcpOptionsId": id, "DhcpConfigurations": [
            {"Key": "domain-name", "Values": [{"Value": domain}]},
            {"Key": "domain-name-servers", "Values": [{"Value": "AmazonProvidedDNS"}]},
        ]})
    };
    let options = json!({"DhcpOptions": [set("dopt-aws", "eu-west-1.compute.internal"), set("dopt-own", "corp.example")]});
    let got = import(&[
        ("v.json".into(), vpcs.to_string()),
        ("d.json".into(), options.to_string()),
    ]);
    let dhcp: Vec<String> = got
        .notes
        .iter()
        .filter(|n| n.dropped.contains("DHCP"))
        .map(|n| format!("{}: {}", n.resource, n.dropped))
        .collect();
    assert_eq!(
        dhcp,
        [
            "vpc-2: DHCP options set dopt-own",
            "vpc-3: DHCP options set dopt-unknown, if it is not AWS's default"
        ]
    );
}

#[test]
fn two_regions_in_one_capture_are_an_error_and_aws_tags_are_noted() {
    let vpcs = json!({"Vpcs": [
        {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "aws:cloudformation:stack-name", "Value": "shop"}, {"Key": "team", "Value": "web"}]},
    ]});
    let subnets = |az: &str, id: &str| json!({"Subnets": [{"SubnetId": id, "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": az}]});
    let one = import(&[
        ("v.json".into(), vpcs.to_string()),
        (
            "s.json".into(),
            subnets("eu-west-1a", "subnet-1").to_string(),
        ),
    ]);
    assert_eq!(one.design.region, "eu-west-1");
    assert_eq!(
        one.design.vpcs[0].tags.len(),
        1,
        "{:?}",
        one.design.vpcs[0].tags
    );
    assert!(has_note(
        &one.notes,
        "vpc-1",
        "tag aws:cloudformation:stack-name"
    ));
    let two = try_import(
        &[
            ("v.json".into(), vpcs.to_string()),
            (
                "s.json".into(),
                subnets("eu-west-1a", "subnet-1").to_string(),
            ),
            (
                "t.json".into(),
                subnets("us-east-1b", "subnet-2").to_string(),
            ),
        ],
        &[],
    )
    .unwrap_err();
    assert_eq!(
        two.to_string(),
        "the capture holds resources of several Regions (eu-west-1, us-east-1): import one Region at a time"
    );
}

/// An entry as the tests write them: number, action, protocol, ports, block.
fn entry(n: i32, action: AclAction, protocol: &str, ports: &str, cidr: &str) -> AclEntry {
    AclEntry::new(n, action, protocol, ports, cidr)
}

#[test]
fn custom_network_acls_import_with_their_entries_and_subnets() {
    use AclAction::{Allow, Deny};
    let got = import(&dir("acls"));
    let t = &got.design;
    let names: Vec<&str> = t.network_acls.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["acls-data-acl", "acl-a835aa9c44164b694"]);
    let data = &t.network_acls[0];
    assert_eq!(data.id.as_str(), "acl-d549369ff0d10f5e0");
    assert_eq!(t.vpc(&data.vpc).unwrap().name, "acls-vpc");
    let subnets: Vec<&str> = data
        .subnets
        .iter()
        .map(|s| t.subnet(s).unwrap().name.as_str())
        .collect();
    assert_eq!(subnets, ["acls-data-1a", "acls-data-1b"]);
    assert_eq!(data.tags.get("tier").map(String::as_str), Some("data"));
    // In rule-number order; moto leaves out the ICMP type and code (any, -1).
    assert_eq!(
        data.inbound,
        [
            entry(90, Deny, "tcp", "22", "0.0.0.0/0"),
            entry(100, Allow, "tcp", "5432", "10.60.0.0/16"),
            entry(120, Allow, "tcp", "1024-65535", "0.0.0.0/0"),
            entry(130, Allow, "icmp", "", "0.0.0.0/0"),
            entry(140, Allow, "icmpv6", "", "::/0"),
        ]
    );
    assert_eq!(
        data.outbound,
        [
            entry(100, Allow, "all", "", "10.60.0.0/16"),
            entry(110, Allow, "udp", "1024-65535", "::/0"),
            entry(120, Deny, "50", "", "192.0.2.0/24"),
        ]
    );
    // The unused custom ACL denies everything: no entries, no subnets.
    let empty = &t.network_acls[1];
    assert!(empty.inbound.is_empty() && empty.outbound.is_empty() && empty.subnets.is_empty());
    // The public subnet stays with its VPC's unchanged default ACL: no ACL, no note.
    let public = t
        .subnets
        .iter()
        .find(|s| s.name == "acls-public-1a")
        .unwrap();
    assert!(t.network_acl_of(&public.id).is_none());
    // The other VPC's default ACL has a deny added: a note that says what it holds and
    // what the design assumes instead.
    let changed: Vec<&Note> = got
        .notes
        .iter()
        .filter(|n| n.resource == "acl-6845178777ce7a633")
        .collect();
    assert_eq!(changed.len(), 1, "{}", notes_text(&got.notes));
    assert_eq!(
        changed[0].dropped,
        "the changed default network ACL (out 100 allow protocol -1 0.0.0.0/0, \
         in 100 allow protocol -1 0.0.0.0/0, in 50 deny protocol 6 3389 0.0.0.0/0) of 1 subnet(s)"
    );
    assert!(changed[0]
        .why
        .contains("assumes the VPC's default ACL allows all"));
    assert!(!got
        .notes
        .iter()
        .any(|n| n.resource.starts_with("acl-") && n.resource != "acl-6845178777ce7a633"));
    assert_eq!(errors(t), Vec::<String>::new());
}

#[test]
fn acl_entries_in_aws_shape_keep_icmp_and_skip_what_aws_adds() {
    use AclAction::{Allow, Deny};
    let vpcs = json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]});
    let subnets = json!({"Subnets": [
        {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"},
        {"SubnetId": "subnet-2", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "eu-west-1b"},
    ]});
    let implicit = |egress: bool| {
        [
            json!({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}),
            json!({"Ipv6CidrBlock": "::/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}),
        ]
    };
    let all = |egress: bool, n: i64, block: &str, key: &str| json!({key: block, "Egress": egress, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": n});
    let mut default_entries = vec![
        all(false, 100, "0.0.0.0/0", "CidrBlock"),
        all(false, 101, "::/0", "Ipv6CidrBlock"),
        all(true, 100, "0.0.0.0/0", "CidrBlock"),
        all(true, 101, "::/0", "Ipv6CidrBlock"),
    ];
    default_entries.extend(implicit(false));
    default_entries.extend(implicit(true));
    let mut custom = vec![
        json!({"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "1", "RuleAction": "allow", "RuleNumber": 200, "IcmpTypeCode": {"Type": 3, "Code": 4}}),
        json!({"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "58", "RuleAction": "allow", "RuleNumber": 210, "IcmpTypeCode": {"Type": 128, "Code": -1}}),
        json!({"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "RuleAction": "deny", "RuleNumber": 100, "PortRange": {"From": 0, "To": 65535}}),
        json!({"CidrBlock": "10.0.0.0/8", "Egress": true, "Protocol": "17", "RuleAction": "allow", "RuleNumber": 100}),
    ];
    custom.extend(implicit(false));
    custom.extend(implicit(true));
    let acls = json!({"NetworkAcls": [
        {"NetworkAclId": "acl-default", "VpcId": "vpc-1", "IsDefault": true, "Entries": default_entries,
         "Associations": [{"SubnetId": "subnet-1"}]},
        {"NetworkAclId": "acl-custom", "VpcId": "vpc-1", "IsDefault": false, "Entries": custom,
         "Tags": [{"Key": "Name", "Value": "edge"}],
         "Associations": [{"SubnetId": "subnet-2"}, {"SubnetId": "subnet-gone"}]},
    ]});
    let got = import(&[
        ("v.json".into(), vpcs.to_string()),
        ("s.json".into(), subnets.to_string()),
        ("a.json".into(), acls.to_string()),
    ]);
    assert_eq!(
        got.design.network_acls.len(),
        1,
        "the default ACL allows all"
    );
    let acl = &got.design.network_acls[0];
    assert_eq!(acl.name, "edge");
    assert_eq!(acl.subnets, [netwright_core::Id::new("subnet-2")]);
    let mut unreachable = entry(200, Allow, "icmp", "", "0.0.0.0/0");
    (unreachable.icmp_type, unreachable.icmp_code) = (3, 4);
    let mut echo = entry(210, Allow, "icmpv6", "", "::/0");
    echo.icmp_type = 128;
    assert_eq!(
        acl.inbound,
        [
            entry(100, Deny, "tcp", "all", "0.0.0.0/0"),
            unreachable,
            echo
        ]
    );
    assert!(
        acl.outbound.is_empty(),
        "a UDP entry without ports is left out"
    );
    assert_eq!(
        notes_text(&got.notes)
            .lines()
            .filter(|l| l.starts_with("acl-"))
            .collect::<Vec<_>>(),
        [
            "acl-custom: outbound entry 100 allow protocol 17 to 10.0.0.0/8 (a TCP or UDP entry needs a port range, and this one gives none)",
            "acl-custom: association with subnet-gone (the subnet is not in the capture)",
        ]
    );
}

#[test]
fn a_synthetic_network_round_trips_through_its_capture() {
    for t in [
        templates::smartinvoice(),
        acl_design(),
        templates::synthetic(120, 3, 20, 200),
        templates::wizard(&Default::default()).unwrap(),
    ] {
        let got = import(&capture::capture(&t));
        let mut want = t.clone();
        // describe-vpcs does not report DNS settings: the import says both are on.
        for v in &mut want.vpcs {
            v.enable_dns_support = true;
            v.enable_dns_hostnames = true;
        }
        assert_eq!(meaning(&got.design), meaning(&want), "{}", t.name);
        assert_eq!(errors(&got.design), Vec::<String>::new(), "{}", t.name);
        // By diff's reading too: ACLs, their entries, subnets and tags come back.
        let acls: Vec<String> = netwright_core::diff::diff(&want, &got.design)
            .iter()
            .filter(|c| c.kind == netwright_core::model::EntityKind::NetworkAcl)
            .map(|c| format!("{c:?}"))
            .collect();
        assert_eq!(acls, Vec::<String>::new(), "{}", t.name);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn synthetic_designs_of_any_size_round_trip(subnets in 1usize..60, azs in 1u8..7, groups in 1usize..12, rules in 0usize..80) {
        let t = templates::synthetic(subnets, azs, groups, rules);
        let got = import(&capture::capture(&t));
        prop_assert_eq!(meaning(&got.design), meaning(&t));
        prop_assert_eq!(errors(&got.design), Vec::<String>::new());
    }
}

/// JSON values built from the keys and fields the importer reads, so generated
/// inputs reach past the top-level checks.
fn arb_json() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "Vpcs",
        "Subnets",
        "InternetGateways",
        "NatGateways",
        "Addresses",
        "RouteTables",
        "SecurityGroups",
        "SecurityGroupRules",
        "NetworkAcls",
        "RoleDetailList",
        "Roles",
        "AttachedPolicies",
        "VpcId",
        "SubnetId",
        "CidrBlock",
        "AvailabilityZone",
        "IsDefault",
        "Tags",
        "Key",
        "Value",
        "Name",
        "GroupId",
        "GroupName",
        "IpPermissions",
        "IpPermissionsEgress",
        "IpProtocol",
        "FromPort",
        "ToPort",
        "IpRanges",
        "CidrIp",
        "UserIdGroupPairs",
        "Routes",
        "GatewayId",
        "NatGatewayId",
        "Associations",
        "Main",
        "RouteTableId",
        "NatGatewayAddresses",
        "AllocationId",
        "RoleName",
        "Path",
        "AssumeRolePolicyDocument",
        "Statement",
        "Principal",
        "Service",
        "Effect",
        "InstanceProfileList",
        "Entries",
        "NextToken",
        "EnableDnsSupport",
        "InternetGatewayId",
        "Attachments",
        "ReferencedGroupInfo",
        "CidrIpv4",
        "PolicyArn",
        "PolicyName",
        "AttachedManagedPolicies",
        "NetworkAclId",
        "SubnetArn",
        "-1",
        "tcp",
        "local",
        "Allow",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        words.clone().prop_map(|w| json!(w)),
        "[a-z0-9:/.%-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((words.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_json_never_panics(a in arb_json(), b in arb_json(), vpc in "[a-z0-9-]{0,8}") {
        let files = vec![("a.json".to_string(), a.to_string()), ("b.json".to_string(), b.to_string())];
        let _ = try_import(&files, &[]);
        let _ = try_import(&files, &[&vpc]);
        if let Ok(got) = try_import(&files, &[]) {
            let _ = validate(&got.design);
            let _ = netwright_core::format::save(&got.design);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = try_import(&[("t.json".to_string(), text)], &[]);
    }
}
