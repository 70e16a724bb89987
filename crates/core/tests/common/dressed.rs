//! Network ACLs and workloads added to any design (the synthetic ones have none), for
//! the diagram's invariant tests and benchmark: ACLs that each guard every `acls`-th
//! subnet with `entries` entries per direction, and workloads of every kind, each in
//! two subnets of different zones behind one or two groups.
#![allow(dead_code)]

use netwright_core::model::{
    AclAction, AclEntry, Id, NetworkAcl, Topology, Workload, WorkloadKind,
};

/// `t` with `acls` network ACLs of `entries` entries per direction (over its first
/// VPC's subnets, each subnet in at most one) and `workloads` workloads.
pub fn dressed(mut t: Topology, acls: usize, entries: usize, workloads: usize) -> Topology {
    let Some(vpc) = t.vpcs.first().map(|v| v.id.clone()) else {
        return t;
    };
    let subnets: Vec<Id> = t
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc)
        .map(|s| s.id.clone())
        .collect();
    for a in 0..acls {
        let mut acl = NetworkAcl::new(Id::new(format!("acl-{a}")), format!("acl-{a}"), vpc.clone());
        acl.subnets = subnets.iter().skip(a).step_by(acls).cloned().collect();
        for e in 0..entries {
            let n = 100 + 10 * e as i32;
            let action = if e % 5 == 4 {
                AclAction::Deny
            } else {
                AclAction::Allow
            };
            let port = (1000 + e).to_string();
            acl.inbound
                .push(AclEntry::new(n, action, "tcp", port.as_str(), "10.0.0.0/8"));
            acl.outbound
                .push(AclEntry::new(n, AclAction::Allow, "all", "", "0.0.0.0/0"));
        }
        t.network_acls.push(acl);
    }
    let groups: Vec<Id> = t.security_groups.iter().map(|g| g.id.clone()).collect();
    for w in 0..workloads {
        let kind = WorkloadKind::ALL[w % WorkloadKind::ALL.len()];
        let mut wl = Workload::new(Id::new(format!("wl-{w}")), format!("workload-{w}"), kind);
        if !subnets.is_empty() {
            wl.subnets.push(subnets[(2 * w) % subnets.len()].clone());
            let second = subnets[(2 * w + 1) % subnets.len()].clone();
            if !wl.subnets.contains(&second) {
                wl.subnets.push(second);
            }
        }
        if !groups.is_empty() {
            wl.security_groups.push(groups[w % groups.len()].clone());
            if w % 3 == 0 {
                let other = groups[(w + 1) % groups.len()].clone();
                if !wl.security_groups.contains(&other) {
                    wl.security_groups.push(other);
                }
            }
        }
        wl.internet_facing = kind == WorkloadKind::LoadBalancer;
        t.workloads.push(wl);
    }
    t
}
