//! The index the network ACL and workload rules share, built once per call: every
//! ACL's VPC and subnets resolved, each subnet's ACL, every workload's subnets and
//! groups resolved, and which workloads use each group (so a group peer can be turned
//! into the subnets its workloads run in).

use super::context::{Ctx, Target};
use crate::model::EntityKind;

/// ACLs and workloads, resolved.
pub(super) struct Placement {
    /// Every ACL's VPC.
    pub acl_vpc: Vec<Target>,
    /// Every ACL's associated subnets.
    pub acl_subnets: Vec<Vec<Target>>,
    /// Each subnet's first ACL (`None`: the VPC's default ACL, which allows all).
    pub subnet_acl: Vec<Option<usize>>,
    /// Every workload's subnets.
    pub workload_subnets: Vec<Vec<Target>>,
    /// Every workload's groups.
    pub workload_groups: Vec<Vec<Target>>,
    /// Workloads using each group, flat (CSR): `group_workloads[group_start[g]..group_start[g + 1]]`.
    pub group_workloads: Vec<usize>,
    /// Where each group's workloads start in `group_workloads` (one more entry than groups).
    pub group_start: Vec<usize>,
}

impl Placement {
    /// Resolves the design's ACLs and workloads.
    pub fn new(c: &Ctx<'_>) -> Self {
        let t = c.t;
        let acl_vpc = t
            .network_acls
            .iter()
            .map(|a| c.resolve(&a.vpc, EntityKind::Vpc))
            .collect();
        let mut subnet_acl = vec![None; t.subnets.len()];
        let acl_subnets: Vec<Vec<Target>> = t
            .network_acls
            .iter()
            .enumerate()
            .map(|(ai, a)| {
                let list: Vec<Target> = a
                    .subnets
                    .iter()
                    .map(|s| c.resolve(s, EntityKind::Subnet))
                    .collect();
                for s in list.iter().filter_map(|s| s.found()) {
                    subnet_acl[s].get_or_insert(ai);
                }
                list
            })
            .collect();
        let workload_subnets: Vec<Vec<Target>> = t
            .workloads
            .iter()
            .map(|w| {
                w.subnets
                    .iter()
                    .map(|s| c.resolve(s, EntityKind::Subnet))
                    .collect()
            })
            .collect();
        let workload_groups: Vec<Vec<Target>> = t
            .workloads
            .iter()
            .map(|w| {
                w.security_groups
                    .iter()
                    .map(|g| c.resolve(g, EntityKind::SecurityGroup))
                    .collect()
            })
            .collect();
        let n = t.security_groups.len();
        let mut pairs: Vec<(usize, usize)> = workload_groups
            .iter()
            .enumerate()
            .flat_map(|(w, gs)| gs.iter().filter_map(|g| g.found()).map(move |g| (g, w)))
            .collect();
        crate::order::sort(&mut pairs);
        pairs.dedup();
        let mut group_start = vec![0usize; n + 1];
        for &(g, _) in &pairs {
            group_start[g + 1] += 1;
        }
        for g in 0..n {
            group_start[g + 1] += group_start[g];
        }
        Placement {
            acl_vpc,
            acl_subnets,
            subnet_acl,
            workload_subnets,
            workload_groups,
            group_workloads: pairs.into_iter().map(|(_, w)| w).collect(),
            group_start,
        }
    }

    /// The workloads that use group `g`.
    pub fn workloads_of(&self, g: usize) -> &[usize] {
        &self.group_workloads[self.group_start[g]..self.group_start[g + 1]]
    }
}
