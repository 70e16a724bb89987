//! What changed between two designs, by meaning: resources added, removed and changed,
//! field by field. Resources are matched by id and, failing that, by kind and name, so
//! a design and its import (whose ids come from AWS) compare as the same network.
//! References are compared by the name of what they point at, rules, routes and other
//! lists as sets; layout and ids alone are never a difference.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{AclEntry, EntityKind, Id, Peer, RouteTarget, Rule, Tags, Topology};

/// One changed field of a resource. A list (rules, routes, tags, …) is compared as a
/// set: an element only in the second design has `before: None`, one only in the
/// first has `after: None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The field, as the saved format names it: `cidr`, `ingress`, `tags`.
    pub field: String,
    /// Its value in the first design.
    pub before: Option<String>,
    /// Its value in the second design.
    pub after: Option<String>,
}

/// What happened to a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum What {
    /// Only in the second design.
    Added,
    /// Only in the first design.
    Removed,
    /// In both, with these differences.
    Changed(Vec<Field>),
}

/// One resource that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Its kind (the design itself for its name and Region).
    pub kind: EntityKind,
    /// Its name (in the second design when it is in both).
    pub name: String,
    /// Its id in the first design.
    pub a: Option<Id>,
    /// Its id in the second design.
    pub b: Option<Id>,
    /// What changed.
    pub what: What,
}

impl fmt::Display for Change {
    /// One line per field, as a reviewer writes them:
    /// `subnet smartinvoice-private-1b: cidr 10.0.4.0/24 -> 10.0.5.0/24`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, name) = (self.kind.label(), &self.name);
        match &self.what {
            What::Added => write!(f, "+ {kind} {name}"),
            What::Removed => write!(f, "- {kind} {name}"),
            What::Changed(fields) => {
                for (i, c) in fields.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{kind} {name}: {} ", c.field)?;
                    match (&c.before, &c.after) {
                        (Some(b), Some(a)) => write!(f, "{b} -> {a}")?,
                        (None, Some(a)) => write!(f, "+ {a}")?,
                        (Some(b), None) => write!(f, "- {b}")?,
                        (None, None) => {}
                    }
                }
                Ok(())
            }
        }
    }
}

/// A resource's value for comparing: its fields, references already turned into names.
enum Fact {
    One(String),
    Set(BTreeSet<String>),
}

struct Facts<'a> {
    kind: EntityKind,
    id: &'a Id,
    name: &'a str,
    fields: Vec<(&'static str, Fact)>,
}

fn one(v: impl Into<String>) -> Fact {
    Fact::One(v.into())
}

fn set<I: IntoIterator<Item = String>>(v: I) -> Fact {
    Fact::Set(v.into_iter().collect())
}

fn tags(t: &Tags) -> Fact {
    set(t.iter().map(|(k, v)| format!("{k}={v}")))
}

fn yes(b: bool) -> Fact {
    one(if b { "yes" } else { "no" })
}

/// How references are compared: the name of what an id points at (in the second
/// design, the name of its partner in the first, so that a renamed VPC does not make
/// every subnet in it differ); `(missing xyz)` for a dangling reference.
struct Names<'a>(BTreeMap<&'a Id, &'a str>);

impl Names<'_> {
    fn of(&self, id: &Id) -> String {
        self.0
            .get(id)
            .map_or_else(|| format!("(missing {id})"), |n| n.to_string())
    }
}

fn rule(t: &Names<'_>, r: &Rule, toward: &str) -> String {
    let peer = match &r.peer {
        Peer::Cidr(c) => c.clone(),
        Peer::SecurityGroup(id) => t.of(id),
    };
    let mut s = format!(
        "{} {} {toward} {peer}",
        r.protocol.as_aws().replace("-1", "all"),
        r.protocol.ports_label(r.from_port, r.to_port)
    );
    if !r.description.is_empty() {
        s.push_str(&format!(" ({})", r.description));
    }
    s
}

/// An ACL entry as a reviewer reads it: `100 deny tcp 22 from 0.0.0.0/0`.
fn entry(e: &AclEntry, toward: &str) -> String {
    let protocol = match e.protocol() {
        Ok(p) => p.label().to_ascii_lowercase(),
        Err(_) => e.protocol.trim().to_string(),
    };
    let ports = match e.protocol() {
        Ok(p) if p.has_ports() || p.has_icmp() => format!(" {}", e.ports_label()),
        _ => String::new(),
    };
    format!(
        "{} {} {protocol}{ports} {toward} {}",
        e.rule_number,
        e.action.as_aws(),
        e.cidr
    )
}

/// Every resource's facts, in the order of [`Topology::entities`].
fn facts<'a>(t: &'a Topology, names: &Names<'_>) -> Vec<Facts<'a>> {
    let mut out = Vec::new();
    for v in &t.vpcs {
        out.push(Facts {
            kind: EntityKind::Vpc,
            id: &v.id,
            name: &v.name,
            fields: vec![
                ("cidr", one(v.cidr.clone())),
                ("secondary_cidrs", set(v.secondary_cidrs.iter().cloned())),
                (
                    "tenancy",
                    one(format!("{:?}", v.tenancy).to_ascii_lowercase()),
                ),
                ("enable_dns_support", yes(v.enable_dns_support)),
                ("enable_dns_hostnames", yes(v.enable_dns_hostnames)),
                ("tags", tags(&v.tags)),
            ],
        });
    }
    for s in &t.subnets {
        out.push(Facts {
            kind: EntityKind::Subnet,
            id: &s.id,
            name: &s.name,
            fields: vec![
                ("vpc", one(names.of(&s.vpc))),
                ("availability_zone", one(s.availability_zone.clone())),
                ("cidr", one(s.cidr.clone())),
                ("map_public_ip_on_launch", yes(s.map_public_ip_on_launch)),
                ("tags", tags(&s.tags)),
            ],
        });
    }
    for g in &t.internet_gateways {
        out.push(Facts {
            kind: EntityKind::InternetGateway,
            id: &g.id,
            name: &g.name,
            fields: vec![
                (
                    "vpc",
                    one(g
                        .vpc
                        .as_ref()
                        .map_or_else(|| "(detached)".into(), |v| names.of(v))),
                ),
                ("tags", tags(&g.tags)),
            ],
        });
    }
    for n in &t.nat_gateways {
        out.push(Facts {
            kind: EntityKind::NatGateway,
            id: &n.id,
            name: &n.name,
            fields: vec![
                ("subnet", one(names.of(&n.subnet))),
                ("connectivity", one(n.connectivity.as_aws())),
                (
                    "elastic_ip",
                    one(n
                        .elastic_ip
                        .as_ref()
                        .map_or_else(|| "(none)".into(), |e| e.name.clone())),
                ),
                ("tags", tags(&n.tags)),
            ],
        });
    }
    for r in &t.route_tables {
        let routes = r.routes.iter().map(|x| {
            let target = match &x.target {
                RouteTarget::InternetGateway(id) | RouteTarget::NatGateway(id) => names.of(id),
            };
            format!("{} -> {target}", x.destination)
        });
        out.push(Facts {
            kind: EntityKind::RouteTable,
            id: &r.id,
            name: &r.name,
            fields: vec![
                ("vpc", one(names.of(&r.vpc))),
                ("main", yes(r.main)),
                ("routes", set(routes)),
                ("subnets", set(r.subnets.iter().map(|s| names.of(s)))),
                ("tags", tags(&r.tags)),
            ],
        });
    }
    for a in &t.network_acls {
        out.push(Facts {
            kind: EntityKind::NetworkAcl,
            id: &a.id,
            name: &a.name,
            fields: vec![
                ("vpc", one(names.of(&a.vpc))),
                ("subnets", set(a.subnets.iter().map(|s| names.of(s)))),
                ("inbound", set(a.inbound.iter().map(|e| entry(e, "from")))),
                ("outbound", set(a.outbound.iter().map(|e| entry(e, "to")))),
                ("tags", tags(&a.tags)),
            ],
        });
    }
    for g in &t.security_groups {
        out.push(Facts {
            kind: EntityKind::SecurityGroup,
            id: &g.id,
            name: &g.name,
            fields: vec![
                ("description", one(g.description.clone())),
                ("vpc", one(names.of(&g.vpc))),
                (
                    "ingress",
                    set(g.ingress.iter().map(|r| rule(names, r, "from"))),
                ),
                ("egress", set(g.egress.iter().map(|r| rule(names, r, "to")))),
                ("tags", tags(&g.tags)),
            ],
        });
    }
    for w in &t.workloads {
        out.push(Facts {
            kind: EntityKind::Workload,
            id: &w.id,
            name: &w.name,
            fields: vec![
                ("kind", one(w.kind.as_str())),
                ("subnets", set(w.subnets.iter().map(|s| names.of(s)))),
                (
                    "security_groups",
                    set(w.security_groups.iter().map(|g| names.of(g))),
                ),
                ("internet_facing", yes(w.internet_facing)),
                ("tags", tags(&w.tags)),
            ],
        });
    }
    for r in &t.iam_roles {
        out.push(Facts {
            kind: EntityKind::IamRole,
            id: &r.id,
            name: &r.name,
            fields: vec![
                ("description", one(r.description.clone())),
                ("trusted_services", set(r.trusted_services.iter().cloned())),
                ("managed_policies", set(r.managed_policies.iter().cloned())),
                ("instance_profile", yes(r.instance_profile)),
                ("tags", tags(&r.tags)),
            ],
        });
    }
    out
}

fn compare(a: &Facts<'_>, b: &Facts<'_>) -> Vec<Field> {
    let mut fields = Vec::new();
    if a.name != b.name {
        fields.push(Field {
            field: "name".into(),
            before: Some(a.name.to_string()),
            after: Some(b.name.to_string()),
        });
    }
    for ((field, x), (_, y)) in a.fields.iter().zip(&b.fields) {
        match (x, y) {
            (Fact::One(x), Fact::One(y)) if x != y => fields.push(Field {
                field: field.to_string(),
                before: Some(x.clone()),
                after: Some(y.clone()),
            }),
            (Fact::Set(x), Fact::Set(y)) => {
                for gone in x.difference(y) {
                    fields.push(Field {
                        field: field.to_string(),
                        before: Some(gone.clone()),
                        after: None,
                    });
                }
                for new in y.difference(x) {
                    fields.push(Field {
                        field: field.to_string(),
                        before: None,
                        after: Some(new.clone()),
                    });
                }
            }
            _ => {}
        }
    }
    fields
}

/// Every difference between design `a` and design `b`, the design's own fields
/// first, then resources in the saved format's order of kinds (first design's order,
/// then what was added). Empty when the two mean the same network.
///
/// ```
/// use netwright_core::{diff, templates};
/// let a = templates::smartinvoice();
/// let mut b = a.clone();
/// b.subnets[3].cidr = "10.0.5.0/24".into();
/// b.layout.positions.clear();
/// let changes = diff::diff(&a, &b);
/// assert_eq!(changes.len(), 1);
/// assert_eq!(
///     changes[0].to_string(),
///     "subnet smartinvoice-private-1b: cidr 10.0.4.0/24 -> 10.0.5.0/24"
/// );
/// assert!(diff::diff(&a, &a).is_empty());
/// ```
pub fn diff(a: &Topology, b: &Topology) -> Vec<Change> {
    let mut out = Vec::new();
    let mut design = Vec::new();
    for (field, x, y) in [("name", &a.name, &b.name), ("region", &a.region, &b.region)] {
        if x != y {
            design.push(Field {
                field: field.into(),
                before: Some(x.clone()),
                after: Some(y.clone()),
            });
        }
    }
    if !design.is_empty() {
        out.push(Change {
            kind: EntityKind::Design,
            name: b.name.clone(),
            a: None,
            b: None,
            what: What::Changed(design),
        });
    }
    let (ea, eb) = (a.entities(), b.entities());
    // Pairs per kind: by id first, then by name among those left.
    let mut partner: Vec<Option<usize>> = vec![None; ea.len()];
    let mut taken = vec![false; eb.len()];
    let by_id: BTreeMap<(EntityKind, &Id), usize> = eb
        .iter()
        .enumerate()
        .map(|(j, (r, _))| ((r.kind, &r.id), j))
        .collect();
    for (i, (r, _)) in ea.iter().enumerate() {
        if let Some(&j) = by_id.get(&(r.kind, &r.id)) {
            partner[i] = Some(j);
            taken[j] = true;
        }
    }
    let mut by_name: BTreeMap<(EntityKind, &str), Vec<usize>> = BTreeMap::new();
    for (j, (r, n)) in eb.iter().enumerate().rev() {
        if !taken[j] {
            by_name.entry((r.kind, n)).or_default().push(j);
        }
    }
    for (i, (r, n)) in ea.iter().enumerate() {
        if partner[i].is_none() {
            if let Some(j) = by_name.get_mut(&(r.kind, *n)).and_then(Vec::pop) {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let names_a = Names(ea.iter().map(|(r, n)| (&r.id, *n)).collect());
    let mut names_b: BTreeMap<&Id, &str> = eb.iter().map(|(r, n)| (&r.id, *n)).collect();
    for (i, j) in partner.iter().enumerate() {
        if let Some(j) = j {
            names_b.insert(&eb[*j].0.id, ea[i].1);
        }
    }
    let (fa, fb) = (facts(a, &names_a), facts(b, &Names(names_b)));
    for kind in EntityKind::RESOURCES {
        for (i, l) in fa.iter().enumerate().filter(|(_, f)| f.kind == kind) {
            match partner[i] {
                Some(j) => {
                    let fields = compare(l, &fb[j]);
                    if !fields.is_empty() {
                        out.push(Change {
                            kind,
                            name: fb[j].name.to_string(),
                            a: Some(l.id.clone()),
                            b: Some(fb[j].id.clone()),
                            what: What::Changed(fields),
                        });
                    }
                }
                None => out.push(Change {
                    kind,
                    name: l.name.to_string(),
                    a: Some(l.id.clone()),
                    b: None,
                    what: What::Removed,
                }),
            }
        }
        for (j, r) in fb.iter().enumerate().filter(|(_, f)| f.kind == kind) {
            if !taken[j] {
                out.push(Change {
                    kind,
                    name: r.name.to_string(),
                    a: None,
                    b: Some(r.id.clone()),
                    what: What::Added,
                });
            }
        }
    }
    out
}

/// The changes as JSON: an array of `{kind, name, change, a, b, fields}`, where
/// `change` is `added`, `removed` or `changed` and each field is
/// `{field, before, after}` (null where absent).
pub fn to_json(changes: &[Change]) -> String {
    use serde_json::{json, Value};
    let list: Vec<Value> = changes
        .iter()
        .map(|c| {
            let (change, fields) = match &c.what {
                What::Added => ("added", Vec::new()),
                What::Removed => ("removed", Vec::new()),
                What::Changed(f) => ("changed", f.clone()),
            };
            json!({
                "kind": c.kind.label(),
                "name": c.name,
                "change": change,
                "a": c.a.as_ref().map(|i| i.as_str().to_string()),
                "b": c.b.as_ref().map(|i| i.as_str().to_string()),
                "fields": fields.iter().map(|f| json!({
                    "field": f.field, "before": f.before, "after": f.after,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(list)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Protocol, Rule};
    use crate::templates::smartinvoice;

    fn lines(a: &Topology, b: &Topology) -> Vec<String> {
        diff(a, b)
            .iter()
            .flat_map(|c| {
                c.to_string()
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn layout_ids_and_order_alone_are_no_difference() {
        let a = smartinvoice();
        let mut b = a.clone();
        b.layout.positions.clear();
        b.subnets.reverse();
        b.security_groups[0].ingress.reverse();
        // New ids everywhere, references following: the same network.
        let mut c = b.clone();
        for s in &mut c.subnets {
            s.id = Id::new(format!("imported-{}", s.id));
        }
        for r in &mut c.route_tables {
            for s in &mut r.subnets {
                *s = Id::new(format!("imported-{s}"));
            }
        }
        for n in &mut c.nat_gateways {
            n.subnet = Id::new(format!("imported-{}", n.subnet));
        }
        for w in &mut c.workloads {
            for s in &mut w.subnets {
                *s = Id::new(format!("imported-{s}"));
            }
        }
        assert!(diff(&a, &b).is_empty());
        assert!(diff(&a, &c).is_empty(), "{:?}", lines(&a, &c));
    }

    #[test]
    fn changes_read_like_a_review() {
        let a = smartinvoice();
        let mut b = a.clone();
        b.name = "smartinvoice-v2".into();
        b.subnets.retain(|s| s.name != "smartinvoice-public-1b");
        for r in &mut b.route_tables {
            r.subnets.retain(|s| s.as_str() != "subnet-public-1b");
        }
        let rds = b
            .security_groups
            .iter_mut()
            .find(|g| g.name == "smartinvoice-rds-sg")
            .unwrap();
        rds.ingress.push(Rule {
            protocol: Protocol::Tcp,
            from_port: 5432,
            to_port: 5432,
            peer: Peer::Cidr("10.0.0.0/16".into()),
            description: String::new(),
        });
        b.iam_roles[0].instance_profile = !b.iam_roles[0].instance_profile;
        let mut extra = b.subnets[0].clone();
        extra.id = Id::new("subnet-new");
        extra.name = "smartinvoice-extra".into();
        extra.cidr = "10.0.9.0/24".into();
        b.subnets.push(extra);
        let got = lines(&a, &b);
        assert_eq!(
            got[0],
            "design smartinvoice-v2: name smartinvoice -> smartinvoice-v2"
        );
        assert!(
            got.contains(&"- subnet smartinvoice-public-1b".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"+ subnet smartinvoice-extra".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(
                &"route table smartinvoice-public-rt: subnets - smartinvoice-public-1b".to_string()
            ),
            "{got:?}"
        );
        assert!(
            got.contains(
                &"security group smartinvoice-rds-sg: ingress + tcp 5432 from 10.0.0.0/16"
                    .to_string()
            ),
            "{got:?}"
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&diff(&a, &b))).unwrap();
        assert_eq!(json[0]["kind"], "design");
        assert!(json
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["change"] == "added"
                && c["name"] == "smartinvoice-extra"
                && c["a"].is_null()));
    }

    #[test]
    fn acls_compare_entries_as_sets_and_associations_by_subnet_name() {
        use crate::model::{AclAction, NetworkAcl};
        let mut a = smartinvoice();
        let mut acl = NetworkAcl::new("acl-1", "private-acl", "vpc");
        acl.subnets = vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")];
        acl.inbound = vec![
            AclEntry::new(100, AclAction::Allow, "all", "", "10.0.0.0/16"),
            AclEntry::new(90, AclAction::Deny, "tcp", "22", "0.0.0.0/0"),
        ];
        a.network_acls.push(acl);
        // Order of entries and of associations is no difference; new ids neither.
        let mut b = a.clone();
        b.network_acls[0].inbound.reverse();
        b.network_acls[0].subnets.reverse();
        b.network_acls[0].id = Id::new("acl-imported");
        assert!(diff(&a, &b).is_empty(), "{:?}", lines(&a, &b));
        b.network_acls[0].inbound[0].action = AclAction::Allow;
        b.network_acls[0].subnets.pop();
        b.network_acls[0].outbound.push(AclEntry::new(
            100,
            AclAction::Allow,
            "icmp",
            "",
            "0.0.0.0/0",
        ));
        let got = lines(&a, &b);
        assert_eq!(
            got,
            [
                "network acl private-acl: subnets - smartinvoice-private-1a",
                "network acl private-acl: inbound - 90 deny tcp 22 from 0.0.0.0/0",
                "network acl private-acl: inbound + 90 allow tcp 22 from 0.0.0.0/0",
                "network acl private-acl: outbound + 100 allow icmp all ICMP to 0.0.0.0/0",
            ]
        );
    }

    #[test]
    fn workloads_compare_kind_placement_and_groups() {
        let a = smartinvoice();
        let mut b = a.clone();
        let rds = b
            .workloads
            .iter_mut()
            .find(|w| w.id.as_str() == "wl-rds")
            .unwrap();
        rds.kind = crate::model::WorkloadKind::Other;
        rds.security_groups.push(Id::new("sg-backend"));
        rds.subnets.reverse();
        b.workloads.retain(|w| w.id.as_str() != "wl-ocr");
        assert_eq!(
            lines(&a, &b),
            [
                "workload smartinvoice-rds: kind database -> other",
                "workload smartinvoice-rds: security_groups + smartinvoice-backend-sg",
                "- workload smartinvoice-ocr",
            ]
        );
    }

    #[test]
    fn renamed_resources_match_by_id_and_others_by_name() {
        let a = smartinvoice();
        let mut b = a.clone();
        b.subnets[0].name = "renamed".into();
        let got = lines(&a, &b);
        assert_eq!(
            got,
            ["subnet renamed: name smartinvoice-public-1a -> renamed"]
        );
        // A renamed VPC is one change, not one per subnet in it.
        let mut d = a.clone();
        d.vpcs[0].name = "main".into();
        assert_eq!(lines(&a, &d), ["vpc main: name smartinvoice-vpc -> main"]);
        // Different ids and a different name: removed and added.
        let mut c = a.clone();
        c.subnets[0].id = Id::new("other");
        c.subnets[0].name = "other".into();
        for n in &mut c.nat_gateways {
            if n.subnet.as_str() == a.subnets[0].id.as_str() {
                n.subnet = Id::new("other");
            }
        }
        let got = lines(&a, &c);
        assert!(
            got.contains(&format!("- subnet {}", a.subnets[0].name)),
            "{got:?}"
        );
        assert!(got.contains(&"+ subnet other".to_string()), "{got:?}");
    }
}
