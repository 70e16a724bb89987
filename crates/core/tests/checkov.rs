//! checkov, the security lint, on our CloudFormation export: the reference design and
//! risky copies of it are exported into one directory and checked in one run of
//! checkov (it starts slowly). Every check it fails must be a Netwright diagnostic on
//! the same entity, with a code that docs/rules.md's "checkov checks" table gives for
//! that check, or one of the exceptions that table explains (checked here against
//! the template itself). The table lists exactly the checks checkov fails on these
//! designs, and the findings of each design are pinned, so a change of the exporter,
//! the validator or checkov shows here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use netwright_core::export::{cloudformation_logical_ids, exporter};
use netwright_core::model::{EntityRef, Id, Peer, Protocol, Rule, SecurityGroup, Tags};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Severity, Topology};
use serde_json::Value;

/// How long checkov may take before the test gives up on it.
const TIMEOUT: Duration = Duration::from_secs(300);

fn world() -> Peer {
    Peer::Cidr("0.0.0.0/0".into())
}

fn tcp(from: i32, to: i32, peer: Peer, description: &str) -> Rule {
    Rule {
        protocol: Protocol::Tcp,
        from_port: from,
        to_port: to,
        peer,
        description: description.into(),
    }
}

/// The reference design with `rules` added to the inbound rules of group `g` (0 ALB,
/// 1 backend, 2 RDS, 3 OCR).
fn plus(g: usize, rules: Vec<Rule>) -> Topology {
    let mut t = smartinvoice();
    t.security_groups[g].ingress.extend(rules);
    t
}

/// Every design checked, by name (the template's file stem).
fn designs() -> Vec<(&'static str, Topology)> {
    let all_traffic = Rule {
        protocol: Protocol::All,
        from_port: -1,
        to_port: -1,
        peer: world(),
        description: "everything".into(),
    };
    let udp_all = Rule {
        protocol: Protocol::Udp,
        from_port: 0,
        to_port: 65535,
        peer: world(),
        description: "every UDP port".into(),
    };
    let databases = [5432, 3306, 1433, 1521, 6379, 27017]
        .into_iter()
        .map(|p| Rule::tcp(p, world(), "database"))
        .collect();
    let undescribed = {
        let mut t = plus(
            1,
            vec![
                tcp(9000, 9000, Peer::Cidr("10.0.0.0/16".into()), ""),
                tcp(9100, 9100, Peer::SecurityGroup(Id::new("sg-alb")), ""),
            ],
        );
        t.security_groups[2].egress = vec![Rule {
            protocol: Protocol::Udp,
            from_port: 53,
            to_port: 53,
            peer: world(),
            description: String::new(),
        }];
        t
    };
    let broad = {
        let mut t = smartinvoice();
        t.iam_roles[0].managed_policies = vec![
            "AdministratorAccess".into(),
            "PowerUserAccess".into(),
            "AmazonEC2FullAccess".into(),
        ];
        t
    };
    let unplaced = {
        let mut t = smartinvoice();
        t.security_groups.push(SecurityGroup {
            id: Id::new("sg-web"),
            name: "smartinvoice-web-sg".into(),
            description: "A web group no workload uses yet".into(),
            vpc: Id::new("vpc"),
            ingress: vec![Rule::tcp(80, world(), "HTTP")],
            egress: vec![Rule::allow_all_egress()],
            tags: Tags::new(),
        });
        t
    };
    vec![
        ("smartinvoice", smartinvoice()),
        ("ssh-world", plus(1, vec![Rule::tcp(22, world(), "SSH")])),
        (
            "rdp-world",
            plus(3, vec![Rule::tcp(3389, Peer::Cidr("::/0".into()), "RDP")]),
        ),
        ("all-traffic-world", plus(3, vec![all_traffic])),
        (
            "all-tcp-world",
            plus(1, vec![tcp(0, 65535, world(), "every TCP port")]),
        ),
        ("all-udp-world", plus(1, vec![udp_all])),
        (
            "admin-range-world",
            plus(1, vec![tcp(20, 3390, world(), "admin")]),
        ),
        ("database-ports-world", plus(2, databases)),
        ("undescribed-rules", undescribed),
        ("broad-policies", broad),
        (
            "web-on-instances",
            plus(
                1,
                vec![
                    Rule::tcp(80, world(), "HTTP"),
                    Rule::tcp(443, world(), "HTTPS"),
                ],
            ),
        ),
        (
            "web-on-database",
            plus(2, vec![Rule::tcp(443, world(), "HTTPS")]),
        ),
        ("web-unplaced", unplaced),
    ]
}

/// The findings checkov must report on each design: (check id, entity id), sorted.
fn expected() -> BTreeMap<&'static str, Vec<(&'static str, &'static str)>> {
    // The reference design: its load balancer's world-open 80, and AWS's default
    // outbound rule (no description) on every group.
    let base = [
        ("CKV_AWS_23", "sg-alb"),
        ("CKV_AWS_23", "sg-backend"),
        ("CKV_AWS_23", "sg-ocr"),
        ("CKV_AWS_23", "sg-rds"),
        ("CKV_AWS_260", "sg-alb"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<_> = base.iter().chain(extra).copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    BTreeMap::from([
        ("smartinvoice", with(&[])),
        ("ssh-world", with(&[("CKV_AWS_24", "sg-backend")])),
        ("rdp-world", with(&[("CKV_AWS_25", "sg-ocr")])),
        // checkov reads ports only: a rule without them (all traffic) passes.
        ("all-traffic-world", with(&[])),
        (
            "all-tcp-world",
            with(&[
                ("CKV_AWS_24", "sg-backend"),
                ("CKV_AWS_25", "sg-backend"),
                ("CKV_AWS_260", "sg-backend"),
            ]),
        ),
        (
            "all-udp-world",
            with(&[
                ("CKV_AWS_24", "sg-backend"),
                ("CKV_AWS_25", "sg-backend"),
                ("CKV_AWS_260", "sg-backend"),
            ]),
        ),
        (
            "admin-range-world",
            with(&[
                ("CKV_AWS_24", "sg-backend"),
                ("CKV_AWS_25", "sg-backend"),
                ("CKV_AWS_260", "sg-backend"),
            ]),
        ),
        // No CloudFormation check of checkov 3.3.30 looks at database ports.
        ("database-ports-world", with(&[])),
        ("undescribed-rules", with(&[])),
        // Nor at managed policies (CKV_AWS_274 is for Terraform only).
        ("broad-policies", with(&[])),
        ("web-on-instances", with(&[("CKV_AWS_260", "sg-backend")])),
        // Port 443 is no check of checkov's.
        ("web-on-database", with(&[])),
        (
            "web-unplaced",
            with(&[("CKV_AWS_23", "sg-web"), ("CKV_AWS_260", "sg-web")]),
        ),
    ])
}

/// What Netwright reports where checkov 3.3.30 says nothing on CloudFormation (see
/// `expected`): design, entity, code, severity.
const SHARPER: &[(&str, &str, &str, Severity)] = &[
    ("all-traffic-world", "sg-ocr", "NW408", Severity::Error),
    ("database-ports-world", "sg-rds", "NW407", Severity::Error),
    ("broad-policies", "role-eb-ec2", "NW504", Severity::Warning),
    ("web-on-database", "sg-rds", "NW410", Severity::Warning),
    ("web-on-instances", "sg-backend", "NW410", Severity::Warning),
];

/// The checkov of the workspace's tools; fails when it is missing.
fn checkov() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv-checkov/bin/checkov");
    assert!(
        path.exists(),
        "{} not found: run scripts/setup.sh to install the test tools",
        path.display()
    );
    path
}

/// The template of `t`, written by the exporter itself (validation is not under test:
/// several risky designs have errors, which `export::export` would refuse).
fn template(t: &Topology) -> String {
    let mut buf = Vec::new();
    exporter("cloudformation")
        .expect("registered")
        .write(t, &mut buf)
        .expect("writes");
    String::from_utf8(buf).expect("UTF-8")
}

/// One failed check: the check, the template's file stem, the resource's logical id.
#[derive(Debug)]
struct Finding {
    check: String,
    design: String,
    resource: String,
}

/// Runs checkov once on every template in `dir` and returns its failed checks.
/// checkov is kept offline: no mapping or policy download (`BC_SKIP_MAPPING`,
/// `--skip-download`), no API key, and only the CloudFormation framework.
fn run_checkov(dir: &Path) -> Vec<Finding> {
    let mut child = Command::new(checkov())
        .args(["-d", dir.to_str().unwrap()])
        .args(["--framework", "cloudformation", "--compact", "--quiet"])
        .args(["-o", "json", "--skip-download"])
        .env("BC_SKIP_MAPPING", "TRUE")
        .env("CKV_IGNORE_HIDDEN_DIRECTORIES", "TRUE")
        .env_remove("BC_API_KEY")
        .env_remove("PRISMA_API_URL")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("checkov starts");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("checkov runs") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("checkov took more than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    // 0: every check passed; 1: some failed. Anything else is checkov's own failure.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "checkov: {status}\n{out}\n{err}"
    );
    let doc: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("checkov's output is not JSON ({e}):\n{out}\n{err}"));
    // One report per framework that ran: an object for one, a list for several.
    let reports = match doc {
        Value::Array(list) => list,
        one => vec![one],
    };
    let mut findings = Vec::new();
    for report in &reports {
        let summary = &report["summary"];
        assert_eq!(summary["parsing_errors"], 0, "checkov: {summary}");
        let failed = report["results"]["failed_checks"].as_array();
        for f in failed.into_iter().flatten() {
            let file = f["file_path"].as_str().expect("file_path");
            let design = Path::new(file).file_stem().unwrap().to_str().unwrap();
            let resource = f["resource"].as_str().expect("resource");
            let (_, logical) = resource.split_once('.').expect("Type.LogicalId");
            findings.push(Finding {
                check: f["check_id"].as_str().expect("check_id").to_string(),
                design: design.to_string(),
                resource: logical.to_string(),
            });
        }
    }
    findings
}

/// The entity a resource of the template belongs to: an entity's own resource by the
/// exporter's logical ids, or a resource that names its owner (a cross-group rule's
/// `GroupId`, an instance profile's `Roles`, a route's `RouteTableId`, ...).
fn owner(t: &Topology, doc: &Value, logical: &str) -> EntityRef {
    let ids = cloudformation_logical_ids(t);
    if let Some((e, _)) = ids.iter().find(|(_, id)| id == logical) {
        return e.clone();
    }
    let props = &doc["Resources"][logical]["Properties"];
    for key in ["GroupId", "Roles", "RouteTableId", "NetworkAclId", "VpcId"] {
        let v = &props[key];
        let v = v.as_array().and_then(|a| a.first()).unwrap_or(v);
        let target = v["Ref"].as_str().or_else(|| v["Fn::GetAtt"][0].as_str());
        if let Some(target) = target {
            return owner(t, doc, target);
        }
    }
    panic!("{logical}: no entity owns it");
}

/// AWS's default outbound rule: all traffic to 0.0.0.0/0.
fn is_default_egress(rule: &Value) -> bool {
    rule["IpProtocol"] == "-1" && rule["CidrIp"] == "0.0.0.0/0"
}

/// Whether a CKV_AWS_23 finding is the documented exception: every rule of the
/// resource without a description is AWS's default outbound rule, which NW411 leaves
/// alone.
fn only_default_egress_undescribed(doc: &Value, logical: &str) -> bool {
    let r = &doc["Resources"][logical];
    if r["Type"] != "AWS::EC2::SecurityGroup" {
        return false;
    }
    let props = &r["Properties"];
    let rules = ["SecurityGroupIngress", "SecurityGroupEgress"]
        .iter()
        .flat_map(|k| props[k].as_array().into_iter().flatten());
    let undescribed: Vec<&Value> = rules
        .filter(|r| r["Description"].as_str().is_none_or(str::is_empty))
        .collect();
    !undescribed.is_empty() && undescribed.iter().all(|r| is_default_egress(r))
}

/// The "checkov checks" table of docs/rules.md: check id -> the Netwright codes that
/// cover it (none for a check that no Netwright code covers).
fn docs_table() -> BTreeMap<String, Vec<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let text = std::fs::read_to_string(path).expect("docs/rules.md exists");
    let section = text
        .split("\n### checkov checks")
        .nth(1)
        .expect("docs/rules.md has a \"checkov checks\" section");
    let section = section.split("\n#").next().unwrap();
    let mut table = BTreeMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() > 4 && cells[1].trim_matches('`').starts_with("CKV") {
            let codes = cells[3]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.starts_with("NW"))
                .map(String::from)
                .collect();
            let check = cells[1].trim_matches('`').to_string();
            assert!(
                table.insert(check.clone(), codes).is_none(),
                "{check} listed twice"
            );
        }
    }
    table
}

#[test]
fn checkov_findings_are_netwright_diagnostics_or_documented() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("checkov");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let designs = designs();
    let mut docs = BTreeMap::new();
    for (name, t) in &designs {
        let text = template(t);
        std::fs::write(dir.join(format!("{name}.json")), &text).unwrap();
        docs.insert(*name, serde_json::from_str::<Value>(&text).unwrap());
    }
    let started = Instant::now();
    let findings = run_checkov(&dir);
    eprintln!(
        "checkov on {} templates: {:?}",
        designs.len(),
        started.elapsed()
    );

    let table = docs_table();
    let mut seen = BTreeSet::new();
    let mut got: BTreeMap<&str, Vec<(String, String)>> =
        designs.iter().map(|(n, _)| (*n, Vec::new())).collect();
    let mut problems = Vec::new();
    for f in &findings {
        let (name, t) = designs
            .iter()
            .find(|(n, _)| *n == f.design)
            .unwrap_or_else(|| panic!("{f:?}: no such design"));
        let doc = &docs[name];
        let entity = owner(t, doc, &f.resource);
        seen.insert(f.check.clone());
        got.get_mut(name)
            .unwrap()
            .push((f.check.clone(), entity.id.as_str().to_string()));
        let Some(codes) = table.get(&f.check) else {
            problems.push(format!("{f:?}: {} is not in docs/rules.md", f.check));
            continue;
        };
        let diags = validate(t);
        let covered = diags
            .iter()
            .any(|d| d.entity == entity && codes.iter().any(|c| c == d.code));
        let excepted = f.check == "CKV_AWS_23" && only_default_egress_undescribed(doc, &f.resource);
        if !covered && !excepted {
            let on: Vec<&str> = diags
                .iter()
                .filter(|d| d.entity == entity)
                .map(|d| d.code)
                .collect();
            problems.push(format!(
                "{name}: {} on {} ({}) has none of {codes:?} there (only {on:?})",
                f.check, entity.id, f.resource
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");

    let listed: BTreeSet<String> = table.keys().cloned().collect();
    assert_eq!(
        listed, seen,
        "docs/rules.md's checkov table lists other checks than checkov failed"
    );

    let want = expected();
    for (name, list) in &mut got {
        list.sort();
        list.dedup();
        let want: Vec<(String, String)> = want[name]
            .iter()
            .map(|(c, e)| (c.to_string(), e.to_string()))
            .collect();
        assert_eq!(list, &want, "{name}: checkov's findings");
    }

    for (name, entity, code, severity) in SHARPER {
        let t = &designs.iter().find(|(n, _)| n == name).unwrap().1;
        let hits: Vec<_> = validate(t)
            .into_iter()
            .filter(|d| d.entity.id.as_str() == *entity && d.code == *code)
            .collect();
        assert!(!hits.is_empty(), "{name}: no {code} on {entity}");
        assert!(hits.iter().all(|d| d.severity == *severity), "{hits:#?}");
    }
}
