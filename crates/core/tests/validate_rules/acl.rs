//! NW7xx cases (and NW610): network ACLs, on the reference design with an ACL on its
//! private subnets that lets the workloads behind it work.

use netwright_core::model::{
    AclAction, AclEntry, EntityKind, Id, NetworkAcl, RouteTable, SecurityGroup, Subnet, Tags, Vpc,
};
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Topology};

use crate::Case;

fn entry(n: i32, action: AclAction, protocol: &str, ports: &str, cidr: &str) -> AclEntry {
    AclEntry::new(n, action, protocol, ports, cidr)
}

/// The reference design with `acl-private` on the private subnets: SSH denied, the VPC
/// and the replies (1024-65535) allowed in, everything allowed out.
pub fn base() -> Topology {
    let mut t = smartinvoice();
    let mut acl = NetworkAcl::new("acl-private", "smartinvoice-private-acl", "vpc");
    acl.subnets = vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")];
    acl.inbound = vec![
        entry(90, AclAction::Deny, "tcp", "22", "0.0.0.0/0"),
        entry(100, AclAction::Allow, "all", "", "10.0.0.0/16"),
        entry(200, AclAction::Allow, "tcp", "1024-65535", "0.0.0.0/0"),
        entry(210, AclAction::Allow, "udp", "1024-65535", "0.0.0.0/0"),
    ];
    acl.outbound = vec![entry(100, AclAction::Allow, "all", "", "0.0.0.0/0")];
    t.network_acls.push(acl);
    t
}

/// [`base`] changed by `f` on the ACL.
fn with(f: impl FnOnce(&mut NetworkAcl)) -> Topology {
    let mut t = base();
    f(&mut t.network_acls[0]);
    t
}

/// [`base`] plus a second VPC with one subnet, its route table and a group.
pub fn two_vpcs() -> Topology {
    let mut t = base();
    t.vpcs.push(Vpc::new("vpc-2", "other-vpc", "10.1.0.0/16"));
    t.subnets.push(Subnet::new(
        "subnet-other",
        "other-subnet",
        "vpc-2",
        "ap-southeast-1a",
        "10.1.1.0/24",
    ));
    t.route_tables.push(RouteTable {
        id: Id::new("rt-other"),
        name: "other-rt".into(),
        vpc: Id::new("vpc-2"),
        main: false,
        routes: Vec::new(),
        subnets: vec![Id::new("subnet-other")],
        tags: Tags::new(),
    });
    t.security_groups.push(SecurityGroup {
        id: Id::new("sg-other"),
        name: "other-sg".into(),
        description: "A group of the other VPC".into(),
        vpc: Id::new("vpc-2"),
        ingress: Vec::new(),
        egress: Vec::new(),
        tags: Tags::new(),
    });
    t
}

/// [`base`] with `extra` more inbound entries that neither shadow nor are shadowed.
fn entries(extra: usize) -> Topology {
    with(|a| {
        for i in 0..extra {
            let port = (3000 + i).to_string();
            let e = entry(1 + i as i32, AclAction::Allow, "tcp", &port, "192.0.2.0/24");
            a.inbound.push(e);
        }
    })
}

const ACL: (EntityKind, &str) = (EntityKind::NetworkAcl, "acl-private");

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW610",
            broken: || entries(17),
            fixed: || entries(16),
            entity: ACL,
            field: Some("inbound"),
            replacement_fixes: false,
        },
        Case {
            code: "NW701",
            broken: || with(|a| a.inbound[3].rule_number = 40000),
            fixed: || with(|a| a.inbound[3].rule_number = 300),
            entity: ACL,
            field: Some("inbound[3].rule_number"),
            replacement_fixes: true,
        },
        Case {
            code: "NW702",
            broken: || with(|a| a.inbound[3].rule_number = 200),
            fixed: || with(|a| a.inbound[3].rule_number = 220),
            entity: ACL,
            field: Some("inbound[3].rule_number"),
            replacement_fixes: true,
        },
        Case {
            code: "NW703",
            broken: || with(|a| a.inbound[3].protocol = "icmp6".into()),
            fixed: || with(|a| a.inbound[3].protocol = "UDP".into()),
            entity: ACL,
            field: Some("inbound[3].protocol"),
            replacement_fixes: true,
        },
        Case {
            code: "NW704",
            broken: || with(|a| a.inbound[2].ports = "65535-1024".into()),
            fixed: || with(|a| a.inbound[2].ports = "1024 - 65535".into()),
            entity: ACL,
            field: Some("inbound[2].ports"),
            replacement_fixes: true,
        },
        Case {
            code: "NW705",
            broken: || {
                with(|a| {
                    a.inbound
                        .push(entry(95, AclAction::Allow, "icmp", "80", "::/0"))
                })
            },
            fixed: || {
                with(|a| {
                    a.inbound
                        .push(entry(95, AclAction::Allow, "icmp", "", "::/0"))
                })
            },
            entity: ACL,
            field: Some("inbound[4].ports"),
            replacement_fixes: true,
        },
        Case {
            code: "NW706",
            broken: || {
                with(|a| {
                    let mut e = entry(95, AclAction::Allow, "icmpv6", "", "::/0");
                    e.icmp_type = 300;
                    a.inbound.push(e);
                })
            },
            fixed: || {
                with(|a| {
                    let mut e = entry(95, AclAction::Allow, "icmpv6", "", "::/0");
                    e.icmp_type = 128;
                    a.inbound.push(e);
                })
            },
            entity: ACL,
            field: Some("inbound[4].icmp_type"),
            replacement_fixes: true,
        },
        Case {
            code: "NW707",
            broken: || with(|a| a.outbound[0].cidr = "0.0.0.0".into()),
            fixed: || with(|a| a.outbound[0].cidr = " 0.0.0.0/0 ".into()),
            entity: ACL,
            field: Some("outbound[0].cidr"),
            replacement_fixes: false,
        },
        Case {
            code: "NW708",
            broken: || with(|a| a.inbound[1].cidr = "10.0.0.7/16".into()),
            fixed: base,
            entity: ACL,
            field: Some("inbound[1].cidr"),
            replacement_fixes: true,
        },
        Case {
            code: "NW709",
            broken: || {
                with(|a| {
                    a.inbound
                        .push(entry(300, AclAction::Deny, "tcp", "443", "10.0.1.0/24"))
                })
            },
            fixed: || {
                with(|a| {
                    a.inbound
                        .push(entry(50, AclAction::Deny, "tcp", "443", "10.0.1.0/24"))
                })
            },
            entity: ACL,
            field: Some("inbound[4]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW710",
            broken: || with(|a| a.subnets.push(Id::new("subnet-private-1a"))),
            fixed: base,
            entity: ACL,
            field: Some("subnets[2]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW711",
            broken: || {
                let mut t = two_vpcs();
                t.network_acls[0].subnets.push(Id::new("subnet-other"));
                t
            },
            fixed: two_vpcs,
            entity: ACL,
            field: Some("subnets[2]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW712",
            broken: || {
                with(|a| a.outbound = vec![entry(100, AclAction::Allow, "tcp", "443", "0.0.0.0/0")])
            },
            fixed: || {
                with(|a| {
                    a.outbound = vec![
                        entry(100, AclAction::Allow, "tcp", "443", "0.0.0.0/0"),
                        entry(110, AclAction::Allow, "tcp", "1024-65535", "10.0.0.0/16"),
                    ]
                })
            },
            entity: ACL,
            field: Some("outbound"),
            replacement_fixes: false,
        },
        Case {
            code: "NW713",
            broken: || {
                with(|a| {
                    a.inbound
                        .push(entry(50, AclAction::Deny, "tcp", "5432", "10.0.3.0/24"))
                })
            },
            fixed: || {
                with(|a| {
                    a.inbound
                        .push(entry(50, AclAction::Deny, "tcp", "5432", "10.0.1.0/24"))
                })
            },
            entity: ACL,
            field: Some("inbound[4]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW201",
            broken: || with(|a| a.subnets[1] = Id::new("subnet-gone")),
            fixed: base,
            entity: ACL,
            field: Some("subnets[1]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW202",
            broken: || with(|a| a.vpc = Id::new("igw")),
            fixed: base,
            entity: ACL,
            field: Some("vpc"),
            replacement_fixes: true,
        },
    ]
}

fn codes(t: &Topology, prefix: &str) -> Vec<String> {
    validate(t)
        .into_iter()
        .filter(|d| d.code.starts_with(prefix) || d.code == "NW610")
        .map(|d| format!("{} {:?}: {}", d.code, d.field, d.message))
        .collect()
}

#[test]
fn a_working_acl_and_the_default_acl_say_nothing() {
    assert_eq!(codes(&base(), "NW7"), Vec::<String>::new());
    assert_eq!(codes(&smartinvoice(), "NW7"), Vec::<String>::new());
}

#[test]
fn a_catch_all_deny_shadows_what_follows_and_says_so() {
    let t = with(|a| {
        a.inbound
            .push(entry(1, AclAction::Deny, "all", "", "0.0.0.0/0"))
    });
    let d = validate(&t);
    let shadowed: Vec<_> = d.iter().filter(|d| d.code == "NW709").collect();
    // Every IPv4 entry after it; nothing is reported twice.
    assert_eq!(shadowed.len(), 4, "{shadowed:#?}");
    assert!(
        shadowed[0].message.contains("the catch-all entry 1"),
        "{}",
        shadowed[0].message
    );
    // An IPv6 entry is of another family: not shadowed by an IPv4 catch-all.
    let t = with(|a| {
        a.inbound
            .push(entry(1, AclAction::Deny, "all", "", "0.0.0.0/0"));
        a.inbound
            .push(entry(5, AclAction::Allow, "tcp", "443", "::/0"));
    });
    assert!(!validate(&t)
        .iter()
        .any(|d| d.code == "NW709" && d.field.as_deref() == Some("inbound[5]")));
}

#[test]
fn replies_to_the_world_need_the_ephemeral_ports_out() {
    // The load balancer accepts 80/443 from the world; its ACL lets only 443 out.
    let mut t = base();
    let mut public = NetworkAcl::new("acl-public", "smartinvoice-public-acl", "vpc");
    public.subnets = vec![Id::new("subnet-public-1a"), Id::new("subnet-public-1b")];
    public.inbound = vec![
        entry(100, AclAction::Allow, "tcp", "80", "0.0.0.0/0"),
        entry(110, AclAction::Allow, "tcp", "443", "0.0.0.0/0"),
        entry(120, AclAction::Allow, "tcp", "1024-65535", "0.0.0.0/0"),
    ];
    public.outbound = vec![
        entry(100, AclAction::Deny, "tcp", "32768-40000", "0.0.0.0/0"),
        entry(110, AclAction::Allow, "all", "", "0.0.0.0/0"),
    ];
    t.network_acls.push(public);
    let d = validate(&t);
    let hits: Vec<_> = d
        .iter()
        .filter(|d| d.code == "NW712" && d.entity.id.as_str() == "acl-public")
        .collect();
    // One per group rule (80 and 443), pointing at the deny entry, naming the range.
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0].field.as_deref(), Some("outbound[0]"));
    assert!(
        hits[0].message.contains("ports 32768-40000 to 0.0.0.0/0"),
        "{}",
        hits[0].message
    );
    // A partial block does not decide for the whole world: no NW713 on 80 for a deny of
    // one range of clients.
    t.network_acls[1]
        .inbound
        .insert(0, entry(50, AclAction::Deny, "tcp", "80", "203.0.113.0/24"));
    assert!(!validate(&t).iter().any(|d| d.code == "NW713"));
    // Denying 80 from everywhere does.
    t.network_acls[1].inbound[0].cidr = "0.0.0.0/0".into();
    let d = validate(&t);
    let hit = d.iter().find(|d| d.code == "NW713").expect("NW713");
    assert_eq!(hit.field.as_deref(), Some("inbound[0]"));
    assert!(
        hit.message.contains("TCP port 80 from 0.0.0.0/0"),
        "{}",
        hit.message
    );
}

#[test]
fn no_workload_no_group_finding() {
    // Without workloads nothing says which groups sit behind an ACL.
    let mut t = with(|a| a.outbound.clear());
    t.workloads.clear();
    assert!(!validate(&t)
        .iter()
        .any(|d| d.code == "NW712" || d.code == "NW713"));
}
