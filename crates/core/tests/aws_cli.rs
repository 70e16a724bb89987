//! The AWS CLI exporters without AWS: snapshots of the deploy and teardown scripts for
//! the reference and hostile-names designs and both with network ACLs and workloads,
//! `bash -n` and shellcheck on every script, the scripts' shell helpers run against a
//! stub `aws`, and what is refused.

#[path = "common/acl_designs.rs"]
mod acl_designs;
#[path = "common/awscli.rs"]
mod awscli;

use std::process::Command;

use awscli::{extended, fixture, fragments, lint, script, system_tool, wizard_3az, TempDir};
use netwright_core::export::{self, ExportError};
use netwright_core::templates;

#[test]
fn reference_scripts_match_their_snapshots() {
    let t = templates::smartinvoice();
    insta::assert_snapshot!("reference_deploy", script(&t, "aws-cli"));
    insta::assert_snapshot!("reference_teardown", script(&t, "aws-cli-teardown"));
}

#[test]
fn hostile_scripts_match_their_snapshots() {
    let t = fixture("hostile-names.json");
    insta::assert_snapshot!("hostile_deploy", script(&t, "aws-cli"));
    insta::assert_snapshot!("hostile_teardown", script(&t, "aws-cli-teardown"));
}

#[test]
fn acl_scripts_match_their_snapshots() {
    let t = acl_designs::acls();
    insta::assert_snapshot!("acls_deploy", script(&t, "aws-cli"));
    insta::assert_snapshot!("acls_teardown", script(&t, "aws-cli-teardown"));
    let t = acl_designs::hostile_acls();
    insta::assert_snapshot!("hostile_acls_deploy", script(&t, "aws-cli"));
}

#[test]
fn every_script_passes_bash_n_and_shellcheck() {
    let designs = [
        ("reference", templates::smartinvoice()),
        ("hostile", fixture("hostile-names.json")),
        ("acls", acl_designs::acls()),
        ("hostile-acls", acl_designs::hostile_acls()),
        ("wizard-3az", wizard_3az()),
        ("extended", extended()),
        ("empty", netwright_core::Topology::new("empty", "us-east-1")),
    ];
    for (name, t) in designs.iter().chain(&fragments()) {
        lint(&format!("{name}-deploy"), &script(t, "aws-cli"));
        lint(&format!("{name}-teardown"), &script(t, "aws-cli-teardown"));
    }
}

#[test]
fn exports_are_deterministic() {
    for t in [fixture("hostile-names.json"), acl_designs::hostile_acls()] {
        for format in ["aws-cli", "aws-cli-teardown"] {
            assert_eq!(script(&t, format), script(&t, format));
        }
    }
}

/// Workloads are never created: the deploy script says so in its header, makes no
/// call for them, and ends with each one's ids, on screen and in the env file.
#[test]
fn workloads_are_reported_not_created() {
    let t = templates::smartinvoice();
    let s = script(&t, "aws-cli");
    let header: String = s.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(header.contains("Workloads are not created"), "{header}");
    assert!(header.contains("smartinvoice-workloads.env"), "{header}");
    for create in [
        "aws elbv2",
        "aws rds",
        "aws ecs",
        "aws elasticbeanstalk",
        "aws lambda",
        "run-instances",
    ] {
        assert!(!s.contains(create), "the script calls {create}");
    }
    for (var, value) in [
        ("SMARTINVOICE_ALB_SUBNET_IDS", r#""$SUBNET1","$SUBNET2""#),
        ("SMARTINVOICE_ALB_SECURITY_GROUP_IDS", r#""$SG1""#),
        ("SMARTINVOICE_RDS_SECURITY_GROUP_IDS", r#""$SG3""#),
        ("SMARTINVOICE_OCR_SUBNET_IDS", r#""$SUBNET3","$SUBNET4""#),
    ] {
        let line = format!("  env_value {var} {value}");
        assert!(s.contains(&line), "missing: {line}");
    }
    // A design without workloads has no such section.
    let mut bare = t.clone();
    bare.workloads.clear();
    let s = script(&bare, "aws-cli");
    assert!(!s.contains("workloads_env") && !s.contains("Workloads are not created"));
}

/// What the reference design deploys is the same with its workloads as without:
/// the deploy script differs only in its header and its closing workloads section.
#[test]
fn workloads_change_no_step() {
    let t = templates::smartinvoice();
    let mut bare = t.clone();
    bare.workloads.clear();
    let body = |s: &str| -> String {
        let start = s.find("\nTOTAL=").expect("steps");
        let end = s.find("\n# --- Workloads").unwrap_or(s.len());
        s[start..end].to_string()
    };
    assert_eq!(
        body(&script(&t, "aws-cli")),
        body(&script(&bare, "aws-cli"))
    );
}

#[test]
fn region_comes_from_the_design_and_can_be_overridden() {
    let t = templates::smartinvoice();
    let s = script(&t, "aws-cli");
    assert!(s.contains("DEFAULT_REGION=ap-southeast-1\n"));
    assert!(s.contains("REGION=${NETWRIGHT_REGION:-$DEFAULT_REGION}\n"));
    for forbidden in [
        "--endpoint-url",
        "--profile",
        "AWS_ACCESS_KEY_ID=",
        "127.0.0.1",
    ] {
        assert!(!s.contains(forbidden), "the script sets {forbidden}");
    }
}

#[test]
fn the_header_names_design_version_and_content_hash() {
    let t = templates::smartinvoice();
    let s = script(&t, "aws-cli");
    let mut changed = t.clone();
    changed.subnets[0].cidr = "10.0.9.0/24".into();
    let other = script(&changed, "aws-cli");
    let hash = |s: &str| {
        s.lines()
            .find(|l| l.starts_with("#   content:"))
            .expect("content line")
            .to_string()
    };
    assert!(s.starts_with("#!/usr/bin/env bash\n"));
    assert!(s.contains("#   design:   smartinvoice\n"));
    assert!(s.contains(&format!(
        "#   written:  by Netwright {}\n",
        netwright_core::VERSION
    )));
    assert_ne!(hash(&s), hash(&other), "the hash follows the content");
    assert!(s.contains("\nset -euo pipefail\n"));
}

/// The header estimates the month at 0 GB through NAT; a NAT gateway's name with
/// newlines (and a shellcheck directive after one) stays inside its comment line.
#[test]
fn the_header_estimates_the_month_in_comments_only() {
    let header = |s: &str| -> Vec<String> {
        let end = s.find("\nset -euo pipefail\n").expect("header");
        s[..end].lines().map(str::to_string).collect()
    };
    let t = templates::smartinvoice();
    let lines = header(&script(&t, "aws-cli"));
    let text = lines.join("\n");
    assert!(
        text.contains("# Estimate for ap-southeast-1: $46.72 a month ($0.064 an hour)"),
        "{text}"
    );
    assert!(text.contains("netwright cost FILE --nat-gb N"), "{text}");
    assert!(
        !header(&script(&t, "aws-cli-teardown"))
            .join("\n")
            .contains("Estimate"),
        "the teardown script has no estimate"
    );

    let mut hostile = fixture("hostile-names.json");
    hostile.region = "eu-west-1".into();
    for s in &mut hostile.subnets {
        s.availability_zone = s.availability_zone.replace("ap-southeast-1", "eu-west-1");
    }
    hostile.nat_gateways[0].name = "nat\n# shellcheck disable=all\ntouch pwned; $(id)".into();
    let deploy = script(&hostile, "aws-cli");
    let lines = header(&deploy);
    let text = lines.join("\n");
    assert!(
        lines.iter().all(|l| l.starts_with('#') || l.is_empty()),
        "{text}"
    );
    assert!(
        text.contains(r"NAT gateway nat\n# shellcheck disable=all\ntouch pwned; $(id): hours"),
        "{text}"
    );
    assert!(
        text.contains("# Note: No NAT gateway price for eu-west-1"),
        "{text}"
    );
    lint("hostile-estimate-deploy", &deploy);
}

#[test]
fn an_unknown_policy_is_an_error_not_a_broken_script() {
    let mut t = templates::smartinvoice();
    t.iam_roles[0].managed_policies.push("NoSuchPolicy".into());
    match export::export(&t, "aws-cli") {
        Err(ExportError::Io(e)) => assert!(e.to_string().contains("NoSuchPolicy"), "{e}"),
        Err(ExportError::Invalid(_)) => {} // the validator caught it first
        other => panic!("exported a design with an unknown policy: {other:?}"),
    }
}

/// Runs the helper functions of a deploy script (everything before `TOTAL=`) with a
/// stub `aws` that prints `output`, then `body`; returns stdout.
fn with_stub_aws(output: &str, body: &str) -> String {
    let t = templates::smartinvoice();
    let deploy = script(&t, "aws-cli");
    let start = deploy.find("\n# q ARGS").expect("helpers");
    let end = deploy.find("\nTOTAL=").expect("steps");
    let dir = TempDir::new("helpers");
    let path = dir.0.join("helpers.sh");
    let text = format!(
        "set -euo pipefail\naws() {{ printf '%s\\n' {}; }}\n{}\n{body}\n",
        shell_single(output),
        &deploy[start..end]
    );
    std::fs::write(&path, text).expect("write");
    let out = Command::new(system_tool("bash"))
        .arg(&path)
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn shell_single(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[test]
fn q_flattens_json_results_into_values() {
    let json = "[\n    [\n        \"vpc-1\",\n        true\n    ],\n    null,\n    [],\n    \"role,with=odd.chars@x\",\n    \"a name, with \\\"quotes\\\"\"\n]";
    let out = with_stub_aws(json, "q ec2 x\nprintf '<%s>' \"${R[@]}\"");
    assert_eq!(
        out,
        r#"<vpc-1><true><null><role,with=odd.chars@x><a name, with \"quotes\">"#
    );
}

#[test]
fn has_rule_matches_all_six_values() {
    let body = "RULES=(sg-1 false tcp 80 80 0.0.0.0/0 sg-1 true -1 -1 -1 0.0.0.0/0)\n\
                has_rule sg-1 false tcp 80 80 0.0.0.0/0 && echo yes1\n\
                has_rule sg-1 true -1 -1 -1 0.0.0.0/0 && echo yes2\n\
                has_rule sg-1 false tcp 80 80 10.0.0.0/8 || echo no1\n\
                has_rule sg-2 false tcp 80 80 0.0.0.0/0 || echo no2\n\
                has_rule sg-1 true tcp 80 80 0.0.0.0/0 || echo no3";
    assert_eq!(with_stub_aws("", body), "yes1\nyes2\nno1\nno2\nno3\n");
}

#[test]
fn tolerate_accepts_only_the_named_error() {
    let body = "fail() { echo \"An error occurred ($1) when calling X\" >&2; return 1; }\n\
                tolerate EntityAlreadyExists fail EntityAlreadyExists && echo tolerated\n\
                out=$(tolerate X echo passes) && echo \"$out\"\n\
                (tolerate EntityAlreadyExists fail AccessDenied 2>/dev/null) || echo refused";
    assert_eq!(with_stub_aws("", body), "tolerated\npasses\nrefused\n");
}
