//! NW8xx cases: workloads, on the reference design's four (load balancer, instances,
//! database, container service) and a second VPC.

use netwright_core::model::{
    EntityKind, Id, Peer, Rule, SecurityGroup, Tags, Workload, WorkloadKind,
};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Topology};

use super::acl::two_vpcs;
use crate::Case;

/// The reference design with `f` applied to the workload `id`.
fn with(id: &str, f: impl FnOnce(&mut Workload)) -> Topology {
    let mut t = smartinvoice();
    f(t.workloads
        .iter_mut()
        .find(|w| w.id.as_str() == id)
        .unwrap());
    t
}

fn spare_group(used: bool) -> Topology {
    let mut t = smartinvoice();
    t.security_groups.push(SecurityGroup {
        id: Id::new("sg-spare"),
        name: "smartinvoice-spare-sg".into(),
        description: "A group for a cache".into(),
        vpc: Id::new("vpc"),
        ingress: Vec::new(),
        egress: Vec::new(),
        tags: Tags::new(),
    });
    if used {
        let mut cache = Workload::new("wl-cache", "smartinvoice-cache", WorkloadKind::Other);
        cache.subnets = vec![Id::new("subnet-private-1a")];
        cache.security_groups = vec![Id::new("sg-spare")];
        t.workloads.push(cache);
    }
    t
}

/// The database made public in the public subnets; with `world`, its group also
/// takes 5432 from the whole internet.
fn exposed_database(world: bool) -> Topology {
    let mut t = with("wl-rds", |w| {
        w.subnets = vec![Id::new("subnet-public-1a"), Id::new("subnet-public-1b")];
        w.internet_facing = true;
    });
    if world {
        let rds = t
            .security_groups
            .iter_mut()
            .find(|g| g.id.as_str() == "sg-rds")
            .unwrap();
        rds.ingress.push(Rule::tcp(
            5432,
            Peer::Cidr("0.0.0.0/0".into()),
            "PostgreSQL",
        ));
    }
    t
}

#[test]
fn a_database_the_internet_reaches_says_by_which_path() {
    let d = validate(&exposed_database(true));
    let nw412: Vec<&str> = d
        .iter()
        .filter(|x| x.code == "NW412")
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(
        nw412,
        ["workload smartinvoice-rds (a database) is reachable from the internet on tcp 5432: internet -> smartinvoice-public-rt -> smartinvoice-igw -> smartinvoice-rds-sg -> smartinvoice-rds"]
    );
    // The same database in the private subnets is reached by nothing from outside.
    let mut t = exposed_database(true);
    t.workloads
        .iter_mut()
        .find(|w| w.id.as_str() == "wl-rds")
        .unwrap()
        .subnets = vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")];
    assert!(!validate(&t).iter().any(|x| x.code == "NW412"));
}

fn backend_in(t: &mut Topology, f: impl FnOnce(&mut Workload)) {
    f(t.workloads
        .iter_mut()
        .find(|w| w.id.as_str() == "wl-backend")
        .unwrap());
}

const BACKEND: (EntityKind, &str) = (EntityKind::Workload, "wl-backend");
const ALB: (EntityKind, &str) = (EntityKind::Workload, "wl-alb");

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW801",
            broken: || {
                let mut t = two_vpcs();
                backend_in(&mut t, |w| w.subnets.push(Id::new("subnet-other")));
                t
            },
            fixed: two_vpcs,
            entity: BACKEND,
            field: Some("subnets[2]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW802",
            broken: || {
                let mut t = two_vpcs();
                backend_in(&mut t, |w| w.security_groups.push(Id::new("sg-other")));
                t
            },
            fixed: || {
                let mut t = two_vpcs();
                // The other VPC's group used where it belongs.
                let mut w = Workload::new("wl-other", "other-workload", WorkloadKind::Function);
                w.subnets = vec![Id::new("subnet-other")];
                w.security_groups = vec![Id::new("sg-other")];
                t.workloads.push(w);
                t
            },
            entity: BACKEND,
            field: Some("security_groups[1]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW803",
            broken: || with("wl-backend", |w| w.internet_facing = true),
            fixed: || {
                with("wl-backend", |w| {
                    w.internet_facing = true;
                    w.subnets.push(Id::new("subnet-public-1a"));
                })
            },
            entity: BACKEND,
            field: Some("subnets"),
            replacement_fixes: false,
        },
        Case {
            code: "NW804",
            broken: || with("wl-rds", |w| w.subnets[1] = Id::new("subnet-public-1b")),
            fixed: smartinvoice,
            entity: (EntityKind::Workload, "wl-rds"),
            field: Some("subnets[1]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW805",
            broken: || with("wl-alb", |w| w.subnets.truncate(1)),
            fixed: smartinvoice,
            entity: ALB,
            field: Some("subnets"),
            replacement_fixes: false,
        },
        Case {
            code: "NW412",
            broken: || exposed_database(true),
            fixed: || exposed_database(false),
            entity: (EntityKind::Workload, "wl-rds"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW806",
            broken: || spare_group(false),
            fixed: || spare_group(true),
            entity: (EntityKind::SecurityGroup, "sg-spare"),
            field: None,
            replacement_fixes: false,
        },
        Case {
            code: "NW201",
            broken: || with("wl-ocr", |w| w.security_groups[0] = Id::new("sg-gone")),
            fixed: smartinvoice,
            entity: (EntityKind::Workload, "wl-ocr"),
            field: Some("security_groups[0]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW202",
            broken: || with("wl-ocr", |w| w.subnets[0] = Id::new("vpc")),
            fixed: smartinvoice,
            entity: (EntityKind::Workload, "wl-ocr"),
            field: Some("subnets[0]"),
            replacement_fixes: false,
        },
    ]
}

#[test]
fn the_reference_workloads_are_placed_as_the_guide_says() {
    let d = validate(&smartinvoice());
    let found: Vec<_> = d.iter().filter(|d| d.code.starts_with("NW8")).collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn groups_without_workloads_are_only_reported_once_workloads_exist() {
    // A design with no workload at all: no group lights up.
    let mut t = spare_group(false);
    t.workloads.clear();
    assert!(!validate(&t).iter().any(|d| d.code == "NW806"));
    // One workload is enough to make the others' groups stand out.
    let mut t = smartinvoice();
    t.workloads.truncate(1);
    let unused: Vec<String> = validate(&t)
        .into_iter()
        .filter(|d| d.code == "NW806")
        .map(|d| d.entity.id.to_string())
        .collect();
    assert_eq!(unused, ["sg-backend", "sg-ocr", "sg-rds"]);
}

#[test]
fn workload_names_go_through_the_name_checks() {
    let t = with("wl-ocr", |w| w.name = "smartinvoice-rds".into());
    let d = validate(&t);
    let dup = d
        .iter()
        .find(|d| d.code == "NW205" && d.entity.id.as_str() == "wl-ocr")
        .expect("NW205 on the second workload");
    assert!(
        dup.message.contains("subnet and group ids"),
        "{}",
        dup.message
    );
    let t = with("wl-ocr", |w| w.name = " ".into());
    assert!(validate(&t)
        .iter()
        .any(|d| d.code == "NW204" && d.entity.id.as_str() == "wl-ocr"));
}
