//! The AWS CLI deploy and teardown scripts against moto (a local AWS API): each design
//! is deployed on its test's server (the design with network ACLs shares the extended
//! design's), checked resource by resource through the API, deployed again (nothing
//! may change), torn down (nothing of it may be left) and torn down again. While deployed, the reference, hostile-names and wizard designs are
//! also captured with the import dialog's one-line capture (the real AWS CLI) and
//! imported back: the same design by meaning, with no validation error. Needs
//! scripts/setup.sh (moto and the AWS CLI in .venv).

#[path = "common/acl_designs.rs"]
mod acl_designs;
#[path = "common/awscli.rs"]
mod awscli;
#[path = "common/awscli_check.rs"]
mod awscli_check;
#[path = "common/awscli_state.rs"]
mod awscli_state;

use awscli::{extended, fixture, script, wizard_3az, Moto, Run};
use awscli_state::{by_id, State};
use netwright_core::import::{self, command, Source};
use netwright_core::model::Topology;
use netwright_core::{diff, templates, validate, Severity};
use serde_json::json;

#[test]
fn reference_design_deploys_idempotently_and_tears_down() {
    exercise("reference", &templates::smartinvoice(), true);
}

#[test]
fn hostile_names_are_stored_exactly_and_never_run() {
    let _ = std::fs::remove_file("/tmp/netwright-pwned");
    let m = exercise("hostile", &fixture("hostile-names.json"), false);
    let left: Vec<_> = std::fs::read_dir(m.work())
        .expect("work dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "the scripts left files behind: {left:?}");
    assert!(
        !std::path::Path::new("/tmp/netwright-pwned").exists(),
        "a name was executed: /tmp/netwright-pwned exists"
    );
}

#[test]
fn wizard_design_with_a_nat_gateway_per_az() {
    exercise("wizard", &wizard_3az(), false);
}

/// The extended design, then on the same server the design with two custom network
/// ACLs and workloads: ACLs, entries and associations as designed, a re-run that
/// changes no entry and moves no subnet, the workloads' ids in the file beside the
/// script, and a teardown that moves every subnet back to the default ACL first.
#[test]
fn secondary_blocks_main_table_private_nat_and_egress_rules_then_network_acls() {
    let mut m = exercise("extended", &extended(), false);
    let t = acl_designs::acls_for_moto();
    let deployed = exercise_on(&mut m, &t, false, |m, state| {
        check_workloads_file(m, &t, state);
    });
    let vpc = awscli_state::s(&deployed.state.vpcs["vpc"]["VpcId"]).to_string();
    let default = m.aws(&[
        "ec2",
        "describe-network-acls",
        "--filters",
        &format!("Name=vpc-id,Values={vpc}"),
        "Name=default,Values=true",
    ]);
    let default = awscli_state::s(&default["NetworkAcls"][0]["NetworkAclId"]).to_string();
    let down = &deployed.teardown_stdout;
    for acl in &t.network_acls {
        for subnet in &acl.subnets {
            let id = awscli_state::s(&deployed.state.subnets[subnet.as_str()]["SubnetId"]);
            let line = format!("  moved {id} to the default network ACL {default}\n");
            assert!(down.contains(&line), "missing {line:?} in:\n{down}");
        }
    }
}

/// The workloads' file beside the deploy script, sourced by bash: each workload's
/// subnet and group ids as deployed, in the design's order.
fn check_workloads_file(m: &Moto, t: &Topology, state: &State) {
    let file = m.dir.0.join(format!(
        "{}-workloads.env",
        netwright_core::export::file_stem(&t.name)
    ));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(". \"$0\" && set -o posix && set")
        .arg(&file)
        .env_clear()
        .output()
        .expect("bash");
    let vars = String::from_utf8_lossy(&out.stdout);
    for w in &t.workloads {
        let prefix = w.name.to_ascii_uppercase().replace('-', "_");
        let ids = |list: &[netwright_core::Id],
                   map: &std::collections::BTreeMap<String, serde_json::Value>,
                   key: &str| {
            list.iter()
                .map(|id| awscli_state::s(&map[id.as_str()][key]).to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        for (suffix, want) in [
            ("SUBNET_IDS", ids(&w.subnets, &state.subnets, "SubnetId")),
            (
                "SECURITY_GROUP_IDS",
                ids(&w.security_groups, &state.groups, "GroupId"),
            ),
        ] {
            let line = format!("{prefix}_{suffix}={want}\n");
            assert!(vars.contains(&line), "missing {line:?}:\n{text}");
        }
    }
}

/// Deploy, check, deploy again, check nothing changed, tear down twice.
fn exercise(label: &str, t: &Topology, report: bool) -> Moto {
    let mut m = Moto::start(label, &t.region);
    exercise_on(&mut m, t, report, |_, _| {});
    m
}

/// What a deployment left to look at after its teardown.
struct Deployed {
    state: State,
    teardown_stdout: String,
}

/// [`exercise`] on a running server; `deployed` looks at the design while it is up.
fn exercise_on(
    m: &mut Moto,
    t: &Topology,
    report: bool,
    deployed: impl Fn(&Moto, &State),
) -> Deployed {
    let label = t.name.as_str();
    let round_trip = t.network_acls.is_empty() && label != "smartinvoice-extended";
    let deploy = script(t, "aws-cli");
    let teardown = script(t, "aws-cli-teardown");

    let first = m.run("deploy.sh", &deploy);
    assert_steps(&first, |end| {
        [
            "created",
            "attached",
            "associated",
            "tagged",
            "added",
            "removed",
        ]
        .iter()
        .any(|w| end.starts_with(w))
    });
    let state = State::read(m, t);
    state.check(t);
    deployed(m, &state);
    if round_trip {
        capture_and_import(m, t);
    }

    let second = m.run("deploy.sh", &deploy);
    assert_steps(&second, |end| end.starts_with("exists"));
    let again = State::read(m, t);
    assert_eq!(state, again, "the second deploy changed something");

    let down = m.run("teardown.sh", &teardown);
    assert_nothing_left(m, t);
    let down_again = m.run("teardown.sh", &teardown);
    assert!(
        !down_again.stdout.contains("deleted") && !down_again.stdout.contains("detached"),
        "the second teardown deleted something:\n{}",
        down_again.stdout
    );

    let summary = format!(
        "{label}: deploy {} calls in {:.1} s; again {} calls in {:.1} s; \
         teardown {} calls in {:.1} s; again {} calls in {:.1} s",
        first.calls.len(),
        first.elapsed.as_secs_f64(),
        second.calls.len(),
        second.elapsed.as_secs_f64(),
        down.calls.len(),
        down.elapsed.as_secs_f64(),
        down_again.calls.len(),
        down_again.elapsed.as_secs_f64(),
    );
    println!("{summary}");
    if report {
        println!("first deploy calls: {:#?}", first.calls);
    }
    // The second run only reads (and repeats the idempotent DNS setting).
    for call in &second.calls {
        let op = call.split(' ').nth(1).unwrap_or("");
        assert!(
            ["describe-", "get-", "list-"]
                .iter()
                .any(|p| op.starts_with(p))
                || op == "get-caller-identity"
                || op == "modify-vpc-attribute",
            "the second deploy called {call}"
        );
    }
    Deployed {
        state,
        teardown_stdout: down.stdout,
    }
}

/// Captures the deployed network with the capture line the app shows, imports it, and
/// compares it with the design it was deployed from.
fn capture_and_import(m: &mut Moto, t: &Topology) {
    let run = m.run("capture.sh", &command::capture_command(&t.region));
    let file = m.work().join("capture.json");
    let text = std::fs::read_to_string(&file).expect("capture.json");
    std::fs::remove_file(&file).expect("remove capture.json");
    let got = import::aws::import(
        &[Source {
            name: "capture.json",
            text: &text,
        }],
        &import::aws::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}\n--- capture stderr\n{}", run.stderr));
    // Workloads are part of the design but never deployed, so no capture holds them.
    let mut deployed = t.clone();
    deployed.workloads.clear();
    let changes: Vec<String> = diff::diff(&deployed, &got.design)
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        changes.is_empty(),
        "the import differs from the design deployed:\n{}\nnotes: {:#?}",
        changes.join("\n"),
        got.notes
    );
    let errors: Vec<String> = validate(&got.design)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    println!(
        "{}: captured in {} calls ({:.1} s), imported with {} notes",
        t.name,
        run.calls.len(),
        run.elapsed.as_secs_f64(),
        got.notes.len()
    );
}

/// Every numbered progress line of a deploy run ends in a result `ok` accepts, and
/// there are as many as the script announced.
fn assert_steps(run: &Run, ok: impl Fn(&str) -> bool) {
    let steps: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with('[')).collect();
    assert!(!steps.is_empty(), "no progress lines:\n{}", run.stdout);
    let total = steps[0]
        .split(['/', ']'])
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .expect("[n/N] progress");
    assert_eq!(
        steps.len(),
        total,
        "steps announced vs run:\n{}",
        run.stdout
    );
    for line in steps {
        let end = line.rsplit(" ... ").next().unwrap_or("");
        assert!(ok(end), "unexpected step result: {line}\n{}", run.stdout);
    }
}

/// Nothing tagged as the design's is left, nor its roles; the default VPC is.
fn assert_nothing_left(m: &Moto, t: &Topology) {
    let tagged = r#"[{"Name":"tag-key","Values":["netwright:design"]}]"#;
    for (cmd, key) in [
        ("describe-vpcs", "Vpcs"),
        ("describe-subnets", "Subnets"),
        ("describe-internet-gateways", "InternetGateways"),
        ("describe-addresses", "Addresses"),
        ("describe-route-tables", "RouteTables"),
        ("describe-network-acls", "NetworkAcls"),
        ("describe-security-groups", "SecurityGroups"),
    ] {
        let left = by_id(&m.aws(&["ec2", cmd, "--filters", tagged])[key], &t.name);
        assert!(left.is_empty(), "{key} left: {left:?}");
    }
    let nats = by_id(
        &m.aws(&[
            "ec2",
            "describe-nat-gateways",
            "--filter",
            "Name=state,Values=pending,available,deleting",
        ])["NatGateways"],
        &t.name,
    );
    assert!(nats.is_empty(), "NAT gateways left: {nats:?}");
    let details = m.aws(&[
        "iam",
        "get-account-authorization-details",
        "--filter",
        "Role",
    ]);
    for r in &t.iam_roles {
        let left = details["RoleDetailList"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|x| x["RoleName"] == r.name.as_str());
        assert!(!left, "role {} left", r.name);
    }
    let profiles = m.aws(&["iam", "list-instance-profiles"]);
    assert_eq!(
        profiles["InstanceProfiles"],
        json!([]),
        "instance profiles left"
    );
    let defaults = m.aws(&[
        "ec2",
        "describe-vpcs",
        "--filters",
        "Name=is-default,Values=true",
    ]);
    assert_eq!(
        defaults["Vpcs"].as_array().map(Vec::len),
        Some(1),
        "the default VPC must remain"
    );
}
