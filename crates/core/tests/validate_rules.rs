//! Every validation rule, one case table per family (in `validate_rules/`): a broken
//! design that fires the rule at the right entity and field, a close valid variant that
//! does not, and, where the fix has a replacement, proof that writing it in fixes it.
//! Also checks that docs/rules.md documents exactly the rules in `RULES`.

mod validate_rules {
    pub mod acl;
    pub mod cidr;
    pub mod iam;
    pub mod quotas;
    pub mod refs;
    pub mod routing;
    pub mod security;
    pub mod workloads;
}

use std::collections::BTreeSet;

use netwright_core::model::{EntityKind, Id, Peer, RouteTarget};
use netwright_core::validate::rules::{rule, RULES};
use netwright_core::{validate, Diagnostic, Severity, Topology};

/// One rule exercised both ways.
pub struct Case {
    /// The rule's code.
    pub code: &'static str,
    /// A design where the rule fires.
    pub broken: fn() -> Topology,
    /// A close, valid variant where it does not fire on that entity.
    pub fixed: fn() -> Topology,
    /// Where it must fire: kind and id.
    pub entity: (EntityKind, &'static str),
    /// The field it must point at.
    pub field: Option<&'static str>,
    /// Whether the diagnostic carries a replacement that, written into the field, makes
    /// the finding disappear.
    pub replacement_fixes: bool,
}

fn all_cases() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(validate_rules::cidr::cases());
    v.extend(validate_rules::refs::cases());
    v.extend(validate_rules::routing::cases());
    v.extend(validate_rules::security::cases());
    v.extend(validate_rules::iam::cases());
    v.extend(validate_rules::quotas::cases());
    v.extend(validate_rules::acl::cases());
    v.extend(validate_rules::workloads::cases());
    v
}

/// The diagnostics of `code` on the entity.
pub fn at<'a>(
    diags: &'a [Diagnostic],
    code: &str,
    kind: EntityKind,
    id: &str,
) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code == code && d.entity.kind == kind && d.entity.id.as_str() == id)
        .collect()
}

/// The codes of every error.
pub fn errors(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}: {}", d.code, d.entity.id, d.message))
        .collect()
}

#[test]
fn every_rule_has_a_case_and_every_case_a_rule() {
    let cases = all_cases();
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.code).collect();
    let rules: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let missing: Vec<&&str> = rules.difference(&covered).collect();
    let unknown: Vec<&&str> = covered.difference(&rules).collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
    assert!(unknown.is_empty(), "cases of unknown rules: {unknown:?}");
}

#[test]
fn each_rule_fires_on_its_broken_design_only() {
    for case in all_cases() {
        let (kind, id) = case.entity;
        let broken = validate(&(case.broken)());
        let hits = at(&broken, case.code, kind, id);
        assert!(
            hits.iter().any(|d| d.field.as_deref() == case.field),
            "{}: expected at {kind:?} {id} {:?}, got {:#?}",
            case.code,
            case.field,
            broken
                .iter()
                .filter(|d| d.code == case.code)
                .collect::<Vec<_>>()
        );
        for d in &hits {
            let info = rule(d.code).unwrap();
            assert!(info.reports(d.severity), "{}: {}", d.code, d.severity);
            assert!(!d.message.is_empty());
        }
        let fixed = validate(&(case.fixed)());
        assert!(
            at(&fixed, case.code, kind, id).is_empty(),
            "{}: the valid variant still fires: {:#?}",
            case.code,
            at(&fixed, case.code, kind, id)
        );
        assert_eq!(
            errors(&fixed),
            Vec::<String>::new(),
            "{}: the valid variant has errors",
            case.code
        );
    }
}

#[test]
fn replacements_fix_what_they_claim() {
    for case in all_cases().into_iter().filter(|c| c.replacement_fixes) {
        let (kind, id) = case.entity;
        let mut t = (case.broken)();
        let diags = validate(&t);
        let d = at(&diags, case.code, kind, id)
            .into_iter()
            .find(|d| d.field.as_deref() == case.field)
            .unwrap_or_else(|| panic!("{} did not fire", case.code));
        let value = d
            .fix
            .as_ref()
            .and_then(|f| f.replacement.clone())
            .unwrap_or_else(|| panic!("{} has no replacement", case.code));
        let field = case.field.expect("a replacement needs a field");
        apply(&mut t, kind, id, field, &value);
        let after = validate(&t);
        let new_id = if field == "id" { value.as_str() } else { id };
        assert!(
            !at(&after, case.code, kind, new_id)
                .iter()
                .any(|d| d.field.as_deref() == Some(field)),
            "{}: writing {value:?} into {field} did not fix it",
            case.code
        );
    }
}

/// Splits `ingress[2].from_port` into `("ingress", Some(2), "from_port")`.
fn split_field(field: &str) -> (&str, Option<usize>, &str) {
    let (head, rest) = field.split_once('.').unwrap_or((field, ""));
    match head.split_once('[') {
        Some((name, idx)) => (name, idx.trim_end_matches(']').parse().ok(), rest),
        None => (head, None, rest),
    }
}

/// Writes `value` into the field of the entity, as an editor's one-click fix would.
pub fn apply(t: &mut Topology, kind: EntityKind, id: &str, field: &str, value: &str) {
    let id = Id::new(id);
    let (name, idx, sub) = split_field(field);
    let v = value.to_string();
    match kind {
        EntityKind::Design => match name {
            "name" => t.name = v,
            "region" => t.region = v,
            _ => panic!("no field {field} on the design"),
        },
        EntityKind::Vpc => {
            let e = t.vpcs.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx) {
                ("cidr", _) => e.cidr = v,
                ("secondary_cidrs", Some(i)) => e.secondary_cidrs[i] = v,
                ("name", _) => e.name = v,
                _ => panic!("no field {field} on a VPC"),
            }
        }
        EntityKind::Subnet => {
            let e = t.subnets.iter_mut().find(|e| e.id == id).unwrap();
            match name {
                "cidr" => e.cidr = v,
                "availability_zone" => e.availability_zone = v,
                "name" => e.name = v,
                "vpc" => e.vpc = Id::new(v),
                "id" => e.id = Id::new(v),
                _ => panic!("no field {field} on a subnet"),
            }
        }
        EntityKind::InternetGateway => {
            let e = t.internet_gateways.iter_mut().find(|e| e.id == id).unwrap();
            match name {
                "vpc" => e.vpc = Some(Id::new(v)),
                "name" => e.name = v,
                _ => panic!("no field {field} on an internet gateway"),
            }
        }
        EntityKind::NatGateway => {
            let e = t.nat_gateways.iter_mut().find(|e| e.id == id).unwrap();
            match name {
                "subnet" => e.subnet = Id::new(v),
                "name" => e.name = v,
                "elastic_ip" => e.elastic_ip.as_mut().unwrap().name = v,
                _ => panic!("no field {field} on a NAT gateway"),
            }
        }
        EntityKind::RouteTable => {
            let e = t.route_tables.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx, sub) {
                ("name", _, _) => e.name = v,
                ("main", _, _) => e.main = v == "true",
                ("vpc", _, _) => e.vpc = Id::new(v),
                ("routes", Some(i), "destination") => e.routes[i].destination = v,
                ("routes", Some(i), "target") => {
                    e.routes[i].target = match e.routes[i].target {
                        RouteTarget::InternetGateway(_) => RouteTarget::InternetGateway(Id::new(v)),
                        RouteTarget::NatGateway(_) => RouteTarget::NatGateway(Id::new(v)),
                    }
                }
                ("subnets", Some(i), _) => e.subnets[i] = Id::new(v),
                _ => panic!("no field {field} on a route table"),
            }
        }
        EntityKind::SecurityGroup => {
            let e = t.security_groups.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx, sub) {
                ("name", _, _) => e.name = v,
                ("description", _, _) => e.description = v,
                ("vpc", _, _) => e.vpc = Id::new(v),
                (dir @ ("ingress" | "egress"), Some(i), what) => {
                    let rules = if dir == "ingress" {
                        &mut e.ingress
                    } else {
                        &mut e.egress
                    };
                    let r = &mut rules[i];
                    match what {
                        "from_port" => r.from_port = v.parse().unwrap(),
                        "to_port" => r.to_port = v.parse().unwrap(),
                        "description" => r.description = v,
                        "peer" => r.peer = Peer::Cidr(v),
                        _ => panic!("no field {field} on a rule"),
                    }
                }
                _ => panic!("no field {field} on a security group"),
            }
        }
        EntityKind::NetworkAcl => {
            let e = t.network_acls.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx, sub) {
                ("name", _, _) => e.name = v,
                ("vpc", _, _) => e.vpc = Id::new(v),
                ("subnets", Some(i), _) => e.subnets[i] = Id::new(v),
                (dir @ ("inbound" | "outbound"), Some(i), what) => {
                    let entries = if dir == "inbound" {
                        &mut e.inbound
                    } else {
                        &mut e.outbound
                    };
                    let x = &mut entries[i];
                    match what {
                        "rule_number" => x.rule_number = v.parse().unwrap(),
                        "protocol" => x.protocol = v,
                        "ports" => x.ports = v,
                        "cidr" => x.cidr = v,
                        "icmp_type" => x.icmp_type = v.parse().unwrap(),
                        "icmp_code" => x.icmp_code = v.parse().unwrap(),
                        _ => panic!("no field {field} on an ACL entry"),
                    }
                }
                _ => panic!("no field {field} on a network ACL"),
            }
        }
        EntityKind::Workload => {
            let e = t.workloads.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx) {
                ("name", _) => e.name = v,
                ("subnets", Some(i)) => e.subnets[i] = Id::new(v),
                ("security_groups", Some(i)) => e.security_groups[i] = Id::new(v),
                _ => panic!("no field {field} on a workload"),
            }
        }
        EntityKind::IamRole => {
            let e = t.iam_roles.iter_mut().find(|e| e.id == id).unwrap();
            match (name, idx) {
                ("name", _) => e.name = v,
                ("description", _) => e.description = v,
                ("instance_profile", _) => e.instance_profile = v == "true",
                ("managed_policies", Some(i)) => e.managed_policies[i] = v,
                ("trusted_services", Some(i)) => e.trusted_services[i] = v,
                ("id", _) => e.id = Id::new(v),
                _ => panic!("no field {field} on a role"),
            }
        }
    }
}

#[test]
fn docs_list_exactly_the_rules() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let text = std::fs::read_to_string(path).expect("docs/rules.md exists");
    // Table rows: | NW101 | cidr-syntax | error | ... | source | fix |
    let mut documented = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() > 4 && cells[1].starts_with("NW") {
            documented.push((
                cells[1].to_string(),
                cells[2].trim_matches('`').to_string(),
                cells[3].to_string(),
            ));
        }
    }
    let codes: Vec<&str> = documented.iter().map(|d| d.0.as_str()).collect();
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "a code is documented twice");
    let in_rules: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(
        unique, in_rules,
        "docs/rules.md and RULES list different codes"
    );
    for (code, slug, severity) in &documented {
        let r = rule(code).unwrap();
        assert_eq!(slug, r.slug, "{code}: slug");
        assert_eq!(*severity, r.severities(), "{code}: severity");
    }
}

#[test]
fn rule_codes_are_unique_and_in_families() {
    let mut seen = BTreeSet::new();
    for r in RULES {
        assert!(seen.insert(r.code), "{} twice", r.code);
        let family = &r.code[2..3];
        assert!(("1"..="8").contains(&family), "{}", r.code);
    }
}
