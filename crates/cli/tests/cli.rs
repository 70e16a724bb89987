//! The `netwright` binary as a user runs it: templates piped into validate, broken
//! files, fmt, export, standard input, exit statuses, and never a panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SMARTINVOICE: &str = include_str!("../../core/tests/fixtures/smartinvoice.json");

fn netwright(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_netwright"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("netwright runs");
    let mut pipe = child.stdin.take().unwrap();
    // A command that fails before reading its input (an unknown format, say) may
    // have exited already: its closed pipe is not this test's failure.
    if let Err(e) = pipe.write_all(stdin.unwrap_or("").as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Asserts a clean failure: exit status 1, no panic, no backtrace.
fn assert_clean_failure(out: &Output) {
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {err}\nstdout: {}",
        text(&out.stdout)
    );
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

fn validate_broken(from: &str, to: &str) -> (Output, String) {
    assert!(SMARTINVOICE.contains(from), "fixture lacks {from}");
    let broken = SMARTINVOICE.replacen(from, to, 1);
    let out = netwright(&["validate", "-"], Some(&broken));
    let all = text(&out.stdout) + &text(&out.stderr);
    (out, all)
}

#[test]
fn reference_template_validates_without_errors() {
    let made = netwright(&["new", "--template", "smartinvoice"], None);
    assert!(made.status.success());
    assert_eq!(text(&made.stdout), SMARTINVOICE);
    let out = netwright(&["validate", "-"], Some(&text(&made.stdout)));
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("<stdin>: 0 errors"), "{report}");
}

#[test]
fn overlapping_subnets_are_an_error() {
    let (out, all) = validate_broken("\"cidr\": \"10.0.4.0/24\"", "\"cidr\": \"10.0.3.0/24\"");
    assert_clean_failure(&out);
    assert!(all.contains("error[NW1"), "{all}");
    assert!(all.contains("smartinvoice-private-1a") && all.contains("smartinvoice-private-1b"));
}

#[test]
fn a_slash_15_vpc_is_an_error() {
    let (out, all) = validate_broken("\"cidr\": \"10.0.0.0/16\"", "\"cidr\": \"10.0.0.0/15\"");
    assert_clean_failure(&out);
    assert!(all.contains("/15"), "{all}");
}

#[test]
fn a_public_nat_gateway_in_a_private_subnet_is_an_error() {
    let (out, all) = validate_broken(
        "\"subnet\": \"subnet-public-1a\"",
        "\"subnet\": \"subnet-private-1a\"",
    );
    assert_clean_failure(&out);
    assert!(all.contains("error[NW3"), "{all}");
}

#[test]
fn a_database_open_to_the_world_is_an_error() {
    let (out, all) = validate_broken(
        "\"peer\": {\n              \"security_group\": \"sg-backend\"\n            }",
        "\"peer\": {\n              \"cidr\": \"0.0.0.0/0\"\n            }",
    );
    assert_clean_failure(&out);
    assert!(all.contains("5432") && all.contains("error[NW4"), "{all}");
}

#[test]
fn a_dangling_reference_is_reported_with_its_path() {
    let (out, all) = validate_broken(
        "\"vpc\": \"vpc\",\n        \"availability_zone\": \"ap-southeast-1b\"",
        "\"vpc\": \"vpc-gone\",\n        \"availability_zone\": \"ap-southeast-1b\"",
    );
    assert_clean_failure(&out);
    assert!(
        all.contains("error[NW005]") && all.contains("design.subnets[1].vpc"),
        "{all}"
    );
}

#[test]
fn truncated_json_gives_line_and_column() {
    let out = netwright(&["validate", "-"], Some(&SMARTINVOICE[..500]));
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(err.starts_with("error[NW001]: <stdin>:"), "{err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn validate_json_output_is_machine_readable() {
    let out = netwright(&["validate", "--format", "json", "-"], Some(SMARTINVOICE));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["file"], "<stdin>");
    assert!(v[0]["diagnostics"].is_array());
    let out = netwright(&["validate", "--format", "json", "-"], Some("{"));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["error"]["code"], "NW001");
}

#[test]
fn validate_checks_every_file_and_reports_missing_ones() {
    let dir = tempdir();
    let good = dir.join("good.json");
    std::fs::write(&good, SMARTINVOICE).unwrap();
    let missing = dir.join("missing.json");
    let out = netwright(
        &[
            "validate",
            good.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert_clean_failure(&out);
    assert!(text(&out.stdout).contains("good.json: 0 errors"));
    assert!(text(&out.stderr).contains("missing.json: cannot read"));
}

#[test]
fn fmt_is_idempotent_and_check_detects_drift() {
    let dir = tempdir();
    let file = dir.join("d.json");
    let compact: serde_json::Value = serde_json::from_str(SMARTINVOICE).unwrap();
    std::fs::write(&file, serde_json::to_string(&compact).unwrap()).unwrap();
    let f = file.to_str().unwrap();
    let check = netwright(&["fmt", "--check", f], None);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stderr).contains("not in canonical form"));
    assert!(netwright(&["fmt", f], None).status.success());
    let once = std::fs::read_to_string(&file).unwrap();
    assert_eq!(once, SMARTINVOICE);
    assert!(netwright(&["fmt", f], None).status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), once);
    assert!(netwright(&["fmt", "--check", f], None).status.success());
    // Standard input is formatted to standard output.
    let out = netwright(
        &["fmt", "-"],
        Some(&serde_json::to_string(&compact).unwrap()),
    );
    assert_eq!(text(&out.stdout), SMARTINVOICE);
}

#[test]
fn export_json_writes_the_canonical_design() {
    let out = netwright(&["export", "--format", "json", "-"], Some(SMARTINVOICE));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), SMARTINVOICE);
    let dir = tempdir();
    let target = dir.join("out.json");
    let out = netwright(
        &["export", "-f", "json", "-o", target.to_str().unwrap(), "-"],
        Some(SMARTINVOICE),
    );
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(target).unwrap(), SMARTINVOICE);
}

#[test]
fn export_svg_draws_even_a_design_with_errors() {
    // The diagram is for reviews: a design with errors draws, its problems marked.
    let broken = SMARTINVOICE.replacen("\"cidr\": \"10.0.4.0/24\"", "\"cidr\": \"10.0.3.0/24\"", 1);
    let out = netwright(&["export", "--format", "svg", "-"], Some(&broken));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = text(&out.stdout);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(r#"data-id="subnet-private-1b""#));
    assert!(
        svg.contains("marked-error"),
        "the overlapping subnet is marked"
    );
}

#[test]
fn export_refuses_invalid_designs_and_unknown_formats() {
    let broken = SMARTINVOICE.replacen("\"cidr\": \"10.0.4.0/24\"", "\"cidr\": \"10.0.3.0/24\"", 1);
    let out = netwright(&["export", "--format", "aws-cli", "-"], Some(&broken));
    assert_clean_failure(&out);
    assert!(
        text(&out.stderr).contains("fix them before exporting"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let out = netwright(
        &["export", "--format", "terraform", "-"],
        Some(SMARTINVOICE),
    );
    assert_clean_failure(&out);
    assert!(text(&out.stderr).contains("unknown export format 'terraform'"));
    let out = netwright(
        &["export", "--format", "json", "--yaml", "-"],
        Some(SMARTINVOICE),
    );
    assert_clean_failure(&out);
}

#[test]
fn wizard_options_reach_the_design() {
    let out = netwright(
        &[
            "new",
            "-t",
            "wizard",
            "--name",
            "demo",
            "--region",
            "eu-west-1",
            "--azs",
            "3",
            "--nat",
            "per-az",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["design"]["region"], "eu-west-1");
    assert_eq!(v["design"]["nat_gateways"].as_array().unwrap().len(), 3);
    let out = netwright(&["validate", "-"], Some(&text(&out.stdout)));
    assert!(out.status.success(), "{}", text(&out.stdout));
    let bad = netwright(&["new", "-t", "wizard", "--azs", "9"], None);
    assert_clean_failure(&bad);
    assert!(text(&bad.stderr).contains("1 to 6"));
}

#[test]
fn garbage_input_never_panics() {
    for input in [
        "",
        "\u{0}\u{1}",
        "null",
        "[1,2]",
        "{\"format\": 1}",
        "\"x\"",
        "{{{{",
    ] {
        let out = netwright(&["validate", "-"], Some(input));
        assert_clean_failure(&out);
    }
    let out = netwright(&["validate", "-"], Some(&"[".repeat(100_000)));
    assert_clean_failure(&out);
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "netwright-cli-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_synthetic_design_can_carry_network_acls_and_workloads() {
    let out = netwright(
        &[
            "new",
            "--template",
            "synthetic",
            "--subnets",
            "120",
            "--azs",
            "3",
            "--groups",
            "12",
            "--rules",
            "60",
            "--acls",
            "10",
            "--acl-entries",
            "8",
            "--workloads",
            "15",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let design = text(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&design).unwrap();
    let acls = v["design"]["network_acls"].as_array().unwrap();
    assert_eq!(acls.len(), 10);
    assert!(acls
        .iter()
        .all(|a| a["inbound"].as_array().unwrap().len() == 8));
    assert_eq!(v["design"]["workloads"].as_array().unwrap().len(), 15);
    // Placed so that the design stays free of errors.
    let checked = netwright(&["validate", "-"], Some(&design));
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    // The quota is the bound of --acl-entries.
    let over = netwright(
        &[
            "new",
            "--template",
            "synthetic",
            "--acls",
            "1",
            "--acl-entries",
            "21",
        ],
        None,
    );
    assert!(!over.status.success());
    assert!(
        text(&over.stderr).contains("21 is not in 1..=20"),
        "{}",
        text(&over.stderr)
    );
}

#[test]
fn export_warns_when_a_template_exceeds_cloudformations_stack_limit() {
    let big = netwright(
        &[
            "new",
            "--template",
            "synthetic",
            "--subnets",
            "300",
            "--azs",
            "3",
            "--groups",
            "10",
            "--rules",
            "40",
        ],
        None,
    );
    assert!(big.status.success(), "{}", text(&big.stderr));
    let design = text(&big.stdout);
    let out = netwright(
        &["export", "--format", "cloudformation", "-"],
        Some(&design),
    );
    assert!(
        out.status.success(),
        "the template is still written: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("\"AWSTemplateFormatVersion\""));
    let err = text(&out.stderr);
    assert!(
        err.contains("netwright: warning: <stdin>: CloudFormation accepts at most 500 resources"),
        "{err}"
    );
    // The reference design exports silently.
    let quiet = netwright(
        &["export", "--format", "cloudformation", "-"],
        Some(SMARTINVOICE),
    );
    assert!(quiet.status.success());
    assert_eq!(text(&quiet.stderr), "");
}

#[test]
fn diff_reads_like_a_review_and_exits_by_whether_the_designs_differ() {
    let dir = std::env::temp_dir().join(format!("netwright-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.json");
    std::fs::write(&a, SMARTINVOICE).unwrap();
    let a = a.to_str().unwrap();
    // The same design: exit 0, nothing on stdout.
    let same = netwright(&["diff", a, "-"], Some(SMARTINVOICE));
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    assert_eq!(text(&same.stdout), "");
    assert!(text(&same.stderr).contains("mean the same network"));
    // One block changed, one rule added.
    let changed = SMARTINVOICE.replacen("\"10.0.4.0/24\"", "\"10.0.5.0/24\"", 1);
    let out = netwright(&["diff", a, "-"], Some(&changed));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "subnet smartinvoice-private-1b: cidr 10.0.4.0/24 -> 10.0.5.0/24\n0 added, 0 removed, 1 changed\n"
    );
    let json = netwright(&["diff", "--format", "json", a, "-"], Some(&changed));
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&json.stdout)).unwrap();
    assert_eq!(v[0]["fields"][0]["after"], "10.0.5.0/24");
    // Bad input: exit 2 with the file named, never a panic.
    let bad = netwright(&["diff", a, "-"], Some("{ not json"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("<stdin>") || text(&bad.stderr).contains("line 1"),
        "{}",
        text(&bad.stderr)
    );
    assert!(!text(&bad.stderr).contains("panicked"));
    let missing = netwright(&["diff", a, "/nonexistent/design.json"], None);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fixture directory of AWS describe output, as paths, sorted.
fn aws_fixture(name: &str) -> Vec<String> {
    let dir = format!(
        "{}/../core/tests/fixtures/aws/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

fn import(files: &[String], extra: &[&str], stdin: Option<&str>) -> Output {
    let mut args = vec!["import", "--from", "aws"];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    netwright(&args, stdin)
}

#[test]
fn import_writes_the_design_and_prints_notes_on_stderr() {
    let out = import(&aws_fixture("reference"), &[], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let design: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(design["design"]["name"], "smartinvoice");
    assert_eq!(design["design"]["subnets"].as_array().unwrap().len(), 4);
    let err = text(&out.stderr);
    assert!(!err.is_empty());
    for line in err.lines() {
        assert!(line.starts_with("netwright: note: "), "{line}");
    }
    assert!(
        err.contains(": the default VPC and everything in it (the default VPC is skipped"),
        "{err}"
    );
    // What it writes is a design the other commands read, with no error.
    let checked = netwright(&["validate", "-"], Some(&text(&out.stdout)));
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).contains("<stdin>: 0 errors"));
    // -o writes the same design to a file.
    let dir = tempdir();
    let target = dir.join("imported.json");
    let to_file = import(
        &aws_fixture("reference"),
        &["-o", target.to_str().unwrap()],
        None,
    );
    assert!(to_file.status.success());
    assert!(to_file.stdout.is_empty());
    assert_eq!(std::fs::read(&target).unwrap(), out.stdout);
}

#[test]
fn import_reads_one_merged_capture_from_standard_input() {
    let mut merged = serde_json::Map::new();
    for f in aws_fixture("reference") {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        merged.extend(v.as_object().unwrap().clone());
    }
    let stdin = serde_json::Value::Object(merged).to_string();
    let out = import(&["-".to_string()], &[], Some(&stdin));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        out.stdout,
        import(&aws_fixture("reference"), &[], None).stdout
    );
}

#[test]
fn import_refuses_bad_and_paginated_files_and_unknown_vpcs() {
    let dir = tempdir();
    let broken = dir.join("subnets.json");
    std::fs::write(&broken, "{\"Subnets\": [\n  {\"SubnetId\": ").unwrap();
    let b = broken.to_str().unwrap().to_string();
    let out = import(std::slice::from_ref(&b), &[], None);
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("netwright: {b}:2:")) && err.contains("truncated"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let missing = dir.join("missing.json");
    let out = import(&[missing.to_str().unwrap().to_string()], &[], None);
    assert_clean_failure(&out);
    assert!(text(&out.stderr).contains("missing.json: cannot read"));

    let unrelated = import(&["-".to_string()], &[], Some(SMARTINVOICE));
    assert_clean_failure(&unrelated);
    assert!(
        text(&unrelated.stderr).contains("<stdin>: not an output Netwright imports"),
        "{}",
        text(&unrelated.stderr)
    );

    let paginated = format!(
        "{}/../core/tests/fixtures/aws/paginated-subnets.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = import(&[paginated], &[], None);
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(
        err.contains("NextToken") && err.contains("--max-items"),
        "{err}"
    );

    let out = import(&aws_fixture("reference"), &["--vpc", "nope"], None);
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(
        err.contains("--vpc nope: no VPC") && err.contains("(smartinvoice-vpc)"),
        "{err}"
    );
    let usage = netwright(&["import", "x.json"], None);
    assert_eq!(usage.status.code(), Some(2), "--from is required");
}

#[test]
fn import_of_a_default_vpc_only_says_nothing_was_imported() {
    let out = import(&aws_fixture("default-vpc"), &[], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("the default VPC is skipped"), "{err}");
    assert!(
        err.contains("netwright: warning: nothing was imported"),
        "{err}"
    );
    let design: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(design["design"]["vpcs"], serde_json::json!([]));
}

// Regression: a reader that goes away (`netwright validate --format json a.json | head
// -c1`) ended the command with "internal error: panicked ... Broken pipe".
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [
        &["validate", "--format", "json", "-"][..],
        &["validate", "-"],
        &["export", "--format", "aws-cli", "-"],
        &["fmt", "-"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_netwright"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("netwright runs");
        // The reader is gone before the command has read its input, so its first
        // write finds the pipe closed.
        drop(child.stdout.take());
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(SMARTINVOICE.as_bytes()).unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert_eq!(text(&out.stderr), "", "{args:?}");
        assert_eq!(
            out.status.code(),
            Some(141),
            "{args:?}: as a shell reports SIGPIPE"
        );
    }
}

/// A CloudFormation fixture, as a path.
fn cfn_fixture(name: &str) -> String {
    format!(
        "{}/../core/tests/fixtures/cloudformation/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn import_cfn(file: &str, extra: &[&str], stdin: Option<&str>) -> Output {
    let mut args = vec!["import", "--from", "cloudformation", file];
    args.extend(extra);
    netwright(&args, stdin)
}

#[test]
fn import_cloudformation_writes_the_design_and_prints_notes_on_stderr() {
    let file = cfn_fixture("vpc-two-azs.yaml");
    let out = import_cfn(
        &file,
        &["--region", "eu-west-1", "--stack-name", "shop"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let design: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(design["design"]["region"], "eu-west-1");
    assert_eq!(design["design"]["subnets"].as_array().unwrap().len(), 4);
    assert_eq!(
        design["design"]["nat_gateways"].as_array().unwrap().len(),
        1
    );
    let err = text(&out.stderr);
    for line in err.lines() {
        assert!(line.starts_with("netwright: note: "), "{line}");
    }
    assert!(
        err.contains("netwright: note: NatGateway2: the AWS::EC2::NatGateway (not created: its condition SecondNatGateway is false)"),
        "{err}"
    );
    // The private subnet's network ACL is imported, with its entry and association.
    let acls = design["design"]["network_acls"].as_array().unwrap();
    assert_eq!(acls.len(), 1);
    assert_eq!(acls[0]["subnets"], serde_json::json!(["PrivateSubnet1"]));
    assert_eq!(acls[0]["inbound"][0]["cidr"], "10.192.0.0/16");
    let checked = netwright(&["validate", "-"], Some(&text(&out.stdout)));
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    // A parameter turns on the second NAT gateway.
    let two = import_cfn(
        &file,
        &[
            "--region",
            "eu-west-1",
            "--parameter",
            "NatGatewayPerZone=true",
        ],
        None,
    );
    assert!(two.status.success(), "{}", text(&two.stderr));
    let design: serde_json::Value = serde_json::from_slice(&two.stdout).unwrap();
    assert_eq!(
        design["design"]["nat_gateways"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_cloudformation_export_imports_back_from_standard_input() {
    for yaml in [false, true] {
        let mut args = vec!["export", "--format", "cloudformation", "-"];
        if yaml {
            args.push("--yaml");
        }
        let exported = netwright(&args, Some(SMARTINVOICE));
        assert!(exported.status.success(), "{}", text(&exported.stderr));
        let out = import_cfn("-", &[], Some(&text(&exported.stdout)));
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "no notes for our own export");
        // The design exports to the same template again.
        let again = netwright(&args, Some(&text(&out.stdout)));
        assert_eq!(text(&again.stdout), text(&exported.stdout));
    }
}

#[test]
fn import_cloudformation_names_a_missing_parameter() {
    let file = cfn_fixture("required-parameter.yaml");
    let out = import_cfn(&file, &[], None);
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(
        err.contains("the template's parameter VpcCidr has no default")
            && err.contains("--parameter VpcCidr=VALUE"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let given = import_cfn(&file, &["--parameter", "VpcCidr=10.7.0.0/16"], None);
    assert!(given.status.success(), "{}", text(&given.stderr));
    assert!(text(&given.stdout).contains("10.7.0.0/16"));
    let unknown = import_cfn(&file, &["--parameter", "Cidr=10.7.0.0/16"], None);
    assert_clean_failure(&unknown);
    assert!(
        text(&unknown.stderr).contains(
            "--parameter Cidr: the template has no such parameter; its parameters: VpcCidr"
        ),
        "{}",
        text(&unknown.stderr)
    );
    let usage = import_cfn(&file, &["--parameter", "VpcCidr"], None);
    assert_eq!(usage.status.code(), Some(2), "KEY=VALUE is required");
}

#[test]
fn import_cloudformation_refuses_bad_files() {
    let dir = tempdir();
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Reff X\n",
    )
    .unwrap();
    let b = bad.to_str().unwrap();
    let out = import_cfn(b, &[], None);
    assert_clean_failure(&out);
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "netwright: {b}:5:18: this is neither a JSON nor a YAML template: unknown tag !Reff"
        )),
        "{err}"
    );
    for (input, want) in [
        ("{\"Resources\": [", "the JSON ends too early"),
        ("a: [1, 2\n", "this is neither a JSON nor a YAML template"),
        ("Description: no resources\n", "it has no Resources section"),
    ] {
        let out = import_cfn("-", &[], Some(input));
        assert_clean_failure(&out);
        assert!(
            text(&out.stderr).contains(want),
            "{input}: {}",
            text(&out.stderr)
        );
    }
    let circular = import_cfn(&cfn_fixture("circular-condition.yaml"), &[], None);
    assert_clean_failure(&circular);
    assert!(text(&circular.stderr).contains("circular condition: IsProd -> IsLive -> IsProd"));
    let two = import_cfn(b, &[b], None);
    assert_clean_failure(&two);
    assert!(text(&two.stderr).contains("reads one template"));
    let wrong = netwright(
        &["import", "--from", "aws", "--region", "eu-west-1", b],
        None,
    );
    assert_clean_failure(&wrong);
    assert!(text(&wrong.stderr).contains("are for --from cloudformation"));
}

#[test]
fn diff_imports_a_template_on_the_fly() {
    let template = netwright(
        &["export", "--format", "cloudformation", "--yaml", "-"],
        Some(SMARTINVOICE),
    );
    assert!(template.status.success());
    let dir = std::env::temp_dir().join(format!("netwright-diff-cfn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("stack.yaml");
    std::fs::write(&path, &template.stdout).unwrap();
    // Workloads are never deployed, but the template's Metadata and outputs carry
    // them, so the template reads back as the whole design.
    let deployed = SMARTINVOICE.to_string();
    let out = netwright(&["diff", path.to_str().unwrap(), "-"], Some(&deployed));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let changed = deployed.replacen("\"10.0.4.0/24\"", "\"10.0.5.0/24\"", 1);
    let out = netwright(&["diff", path.to_str().unwrap(), "-"], Some(&changed));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout)
        .starts_with("subnet smartinvoice-private-1b: cidr 10.0.4.0/24 -> 10.0.5.0/24\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cost_prices_the_reference_nat_gateway_and_its_address() {
    let out = netwright(&["cost", "-", "--nat-gb", "100"], Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("NAT gateway smartinvoice-nat-gw: hours"), "{s}");
    assert!(s.contains("$43.07/month"), "{s}");
    assert!(s.contains("Total: $52.62 a month ($0.064 an hour)"), "{s}");
    assert!(s.contains("in another zone"), "{s}");
    let json = netwright(&["cost", "-", "--format", "json"], Some(SMARTINVOICE));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["monthly"], "$46.72");
    assert_eq!(v["monthly_micro_usd"], 46_720_000);
    assert_eq!(v["complete"], true);
    assert_eq!(v["lines"].as_array().unwrap().len(), 2);
}

#[test]
fn cost_says_when_a_region_has_no_price_and_refuses_bad_input() {
    let elsewhere = SMARTINVOICE.replace("ap-southeast-1", "eu-west-1");
    let out = netwright(&["cost", "-"], Some(&elsewhere));
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(s.contains("unknown/month"), "{s}");
    assert!(s.contains("No NAT gateway price for eu-west-1"), "{s}");
    let bad = netwright(&["cost", "-"], Some("{"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("NW001"));
    let missing = netwright(&["cost", "no-such-file.json"], None);
    assert_clean_failure(&missing);
}

#[test]
fn reach_answers_with_the_path_and_an_exit_status_for_each_verdict() {
    fn args<'a>(from: &'a str, to: &'a str, port: &'a str) -> Vec<&'a str> {
        vec!["reach", "-", "--from", from, "--to", to, "--port", port]
    }
    // Reachable: 0, with every hop allowed.
    let out = netwright(
        &args("internet", "smartinvoice-alb", "443"),
        Some(SMARTINVOICE),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.starts_with("tcp/443 from internet to smartinvoice-alb: reachable\n"),
        "{shown}"
    );
    assert!(
        shown.contains("smartinvoice-alb-sg inbound rule 2 allows tcp/443 from the internet"),
        "{shown}"
    );
    // Blocked: 1, with the reason and the fix.
    let out = netwright(
        &args("smartinvoice-alb", "smartinvoice-rds", "5432"),
        Some(SMARTINVOICE),
    );
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("no inbound rule allows tcp/5432 from smartinvoice-alb-sg"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "fix: add an inbound rule to smartinvoice-rds-sg: tcp/5432 from smartinvoice-alb-sg"
        ),
        "{shown}"
    );
    // JSON: exactly the documented keys.
    let mut json = args("internet", "smartinvoice-rds", "5432");
    json.extend(["--format", "json"]);
    let out = netwright(&json, Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["reachable", "path", "blocked_at"]);
    assert_eq!(v["reachable"], false);
    assert_eq!(v["blocked_at"]["name"], "smartinvoice-private-rt");
    // Bad input: 2, naming what exists.
    let out = netwright(&args("nobody", "internet", "443"), Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("--from: no endpoint is named \"nobody\""),
        "{err}"
    );
    assert!(err.contains("\"smartinvoice-rds\""), "{err}");
    let mut udp = args("internet", "smartinvoice-alb", "53");
    udp.extend(["--protocol", "sctp"]);
    let out = netwright(&udp, Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--protocol \"sctp\" is not one of tcp, udp, icmp, all"));
    let out = netwright(&args("internet", "internet", "443"), Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(2));
    let out = netwright(
        &args("internet", "smartinvoice-alb", "443"),
        Some("{ not json"),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reach_matrix_lists_the_pairs_with_their_ports() {
    let out = netwright(&["reach", "-", "--matrix"], Some(SMARTINVOICE));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("  internet -> smartinvoice-alb: tcp 80, 443\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  smartinvoice-backend -> smartinvoice-rds: tcp 5432\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  smartinvoice-backend -> internet: all traffic\n"),
        "{shown}"
    );
    assert!(!shown.contains("internet -> smartinvoice-rds"), "{shown}");
    let out = netwright(
        &["reach", "-", "--matrix", "--format", "json"],
        Some(SMARTINVOICE),
    );
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["endpoints"][0], "internet");
    assert!(v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["from"] == "internet"
            && c["to"] == "smartinvoice-alb"
            && c["open"][0]["ports"] == "80, 443"));
    // --matrix takes no endpoints.
    let out = netwright(
        &["reach", "-", "--matrix", "--from", "internet"],
        Some(SMARTINVOICE),
    );
    assert_eq!(out.status.code(), Some(2));
}
