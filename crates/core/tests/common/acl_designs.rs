//! Designs with network ACLs and workloads for the exporter tests: the reference
//! design with two custom ACLs (a deny, an IPv6 entry, an ICMP entry, port ranges)
//! beside its four workloads, and the hostile-names fixture with ACLs and workloads
//! whose names hold quotes, `$(...)`, newlines and other scripts.
#![allow(dead_code)]

use netwright_core::model::{AclAction, AclEntry, Id, NetworkAcl, Workload, WorkloadKind};
use netwright_core::{format, templates, Topology};

fn entry(n: i32, action: AclAction, protocol: &str, ports: &str, cidr: &str) -> AclEntry {
    AclEntry::new(n, action, protocol, ports, cidr)
}

/// The reference design (with its four workloads) behind two custom ACLs: the public
/// subnets' (a deny of a block first, web traffic over IPv4 and IPv6, traffic from the
/// VPC for the NAT gateway, return traffic on ephemeral ports, ICMP "fragmentation
/// needed") and the private subnets' (the VPC, and return traffic over TCP and UDP).
pub fn acls() -> Topology {
    use AclAction::{Allow, Deny};
    let mut t = templates::smartinvoice();
    t.name = "smartinvoice-acls".into();
    let mut public = NetworkAcl::new("acl-public", "smartinvoice-public-acl", "vpc");
    public.subnets = vec![Id::new("subnet-public-1a"), Id::new("subnet-public-1b")];
    let mut icmp = entry(150, Allow, "icmp", "", "0.0.0.0/0");
    icmp.icmp_type = 3;
    icmp.icmp_code = 4;
    public.inbound = vec![
        entry(90, Deny, "all", "", "203.0.113.0/24"),
        entry(100, Allow, "tcp", "80", "0.0.0.0/0"),
        entry(110, Allow, "tcp", "443", "0.0.0.0/0"),
        entry(120, Allow, "tcp", "443", "::/0"),
        entry(130, Allow, "all", "", "10.0.0.0/16"),
        entry(140, Allow, "tcp", "1024-65535", "0.0.0.0/0"),
        icmp,
    ];
    public.outbound = vec![
        entry(100, Allow, "all", "", "0.0.0.0/0"),
        entry(110, Allow, "all", "", "::/0"),
    ];
    public.tags.insert("tier".into(), "public".into());
    let mut private = NetworkAcl::new("acl-private", "smartinvoice-private-acl", "vpc");
    private.subnets = vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")];
    private.inbound = vec![
        entry(100, Allow, "all", "", "10.0.0.0/16"),
        entry(200, Allow, "tcp", "1024-65535", "0.0.0.0/0"),
        entry(210, Allow, "udp", "1024-65535", "0.0.0.0/0"),
    ];
    private.outbound = vec![entry(100, Allow, "all", "", "0.0.0.0/0")];
    t.network_acls = vec![public, private];
    t
}

/// [`acls`] as moto 5.2 can hold it: without its ICMP entry, whose type and code
/// moto drops (it reads them from `Icmp.Code`, while the request carries
/// `IcmpTypeCode`), so that the re-run would replace it every time.
pub fn acls_for_moto() -> Topology {
    let mut t = acls();
    for acl in &mut t.network_acls {
        acl.inbound.retain(|e| e.protocol != "icmp");
    }
    t
}

/// The hostile-names fixture with an ACL on two of its subnets and two workloads,
/// every name as hostile as the fixture's own.
pub fn hostile_acls() -> Topology {
    use AclAction::{Allow, Deny};
    let path = format!(
        "{}/tests/fixtures/hostile-names.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut t = format::load(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vpc = t.vpcs[0].id.clone();
    let mut acl = NetworkAcl::new(
        "acl-hostile",
        "acl $(touch pwned) 'q' \"dq\"\nline two ñ",
        vpc.clone(),
    );
    acl.subnets = vec![t.subnets[2].id.clone(), t.subnets[3].id.clone()];
    acl.inbound = vec![
        entry(50, Deny, "tcp", "22", "0.0.0.0/0"),
        entry(100, Allow, "all", "", "10.0.0.0/16"),
        entry(200, Allow, "tcp", "1024-65535", "::/0"),
    ];
    acl.outbound = vec![entry(100, Allow, "all", "", "0.0.0.0/0")];
    acl.tags
        .insert("owner's `key`".into(), "$(whoami); echo x".into());
    let mut bare = NetworkAcl::new("acl-bare", "子网 acl `id`", vpc);
    bare.outbound = vec![entry(100, Allow, "udp", "53", "10.0.0.2/32")];
    t.network_acls = vec![acl, bare];
    let group = |i: usize| t.security_groups[i].id.clone();
    let subnet = |i: usize| t.subnets[i].id.clone();
    t.workloads = vec![
        Workload {
            id: Id::new("wl-front"),
            name: "front $(touch pwned) 'lb'\n\"x\"".into(),
            kind: WorkloadKind::LoadBalancer,
            subnets: vec![subnet(0), subnet(1)],
            security_groups: vec![group(0)],
            internet_facing: true,
            tags: Default::default(),
        },
        Workload {
            id: Id::new("wl-db"),
            name: "数据库 `id`".into(),
            kind: WorkloadKind::Database,
            subnets: vec![subnet(2), subnet(3)],
            security_groups: vec![group(2), group(1)],
            internet_facing: false,
            tags: Default::default(),
        },
        Workload {
            id: Id::new("wl-front-2"),
            name: "FRONT; 'lb'".into(),
            kind: WorkloadKind::Other,
            subnets: Vec::new(),
            security_groups: Vec::new(),
            internet_facing: false,
            tags: Default::default(),
        },
    ];
    t
}
