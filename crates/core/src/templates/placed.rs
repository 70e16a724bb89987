//! Network ACLs and workloads for synthetic designs of any size (the benchmark's
//! 1,000 subnets, 200 ACLs of 20 entries and 300 workloads), placed so that the design
//! stays free of errors and its ACLs let its groups' traffic and replies through.

use crate::model::{
    AclAction, AclEntry, Id, NetworkAcl, Tags, Tier, Topology, Workload, WorkloadKind,
};

/// The entries every ACL ends with, broad ones last so that nothing is shadowed:
/// replies on the ephemeral ports from and to anywhere, the VPC's own ranges.
fn tail() -> Vec<(AclAction, &'static str, &'static str, &'static str)> {
    use AclAction::Allow;
    vec![
        (Allow, "tcp", "1024-65535", "0.0.0.0/0"),
        (Allow, "udp", "1024-65535", "0.0.0.0/0"),
        (Allow, "all", "", "10.0.0.0/8"),
        (Allow, "all", "", "fd00::/8"),
        (Allow, "tcp", "1024-65535", "::/0"),
        (Allow, "udp", "1024-65535", "::/0"),
    ]
}

/// `n` entries of one direction: a deny of SSH (inbound) and web ports first, then
/// distinct low ports from one of four documentation ranges (`pattern`), then [`tail`].
/// Numbered 10, 20, ...
fn entries(n: usize, inbound: bool, pattern: usize) -> Vec<AclEntry> {
    let mut list: Vec<(AclAction, String, String, String)> = Vec::new();
    if inbound {
        list.push((
            AclAction::Deny,
            "tcp".into(),
            "22".into(),
            "0.0.0.0/0".into(),
        ));
    }
    for port in ["80", "443"] {
        list.push((
            AclAction::Allow,
            "tcp".into(),
            port.into(),
            "0.0.0.0/0".into(),
        ));
    }
    let tail = tail();
    let fillers = n.saturating_sub(list.len() + tail.len());
    for k in 0..fillers {
        // Ports below 1024 that neither the head nor the tail covers.
        let port = 100 + (k % 800);
        let block = format!("198.18.{}.0/24", 4 * (k / 800) + pattern);
        list.push((AclAction::Allow, "tcp".into(), port.to_string(), block));
    }
    for (a, p, ports, cidr) in tail {
        list.push((a, p.into(), ports.into(), cidr.into()));
    }
    list.truncate(n);
    list.into_iter()
        .enumerate()
        .map(|(i, (a, p, ports, cidr))| AclEntry::new(10 * (i as i32 + 1), a, p, ports, cidr))
        .collect()
}

/// Adds `acls` network ACLs of `entries` entries per direction and `workloads`
/// workloads to a design (made for [`super::synthetic`], deterministic for any design).
///
/// - ACL `a` serves every subnet whose position `i` has `i % acls == a`, in the VPC of
///   its first subnet (subnets of other VPCs stay on their default ACL). Its entries
///   allow the web ports, the replies on 1024-65535 from and to anywhere, and all
///   traffic within `10.0.0.0/8` and `fd00::/8`, after a deny of SSH from the world;
///   the low ports in between come from one of four ranges (`a % 4`), so the ACLs
///   follow four patterns, as tiers of a real network do.
/// - Workload `w` cycles through the kinds: a load balancer is internet-facing in the
///   public subnets of two AZs behind the first group; the others run in one private
///   subnet per AZ (a public one if the VPC has no private subnet, except a database)
///   behind group `1 + w % (groups - 1)`.
///
/// ```
/// use netwright_core::templates::{synthetic, with_acls_and_workloads};
/// use netwright_core::{validate, Severity};
/// let t = with_acls_and_workloads(synthetic(1000, 6, 300, 5000), 200, 20, 300);
/// assert_eq!((t.network_acls.len(), t.workloads.len()), (200, 300));
/// assert!(t.network_acls.iter().all(|a| a.inbound.len() == 20 && a.outbound.len() == 20));
/// assert!(validate(&t).iter().all(|d| d.severity != Severity::Error));
/// ```
pub fn with_acls_and_workloads(
    mut t: Topology,
    acls: usize,
    entries_per_direction: usize,
    workloads: usize,
) -> Topology {
    let n = t.subnets.len();
    let acls = acls.min(n);
    for a in 0..acls {
        let vpc = t.subnets[a].vpc.clone();
        let subnets: Vec<Id> = (a..n)
            .step_by(acls)
            .filter(|&i| t.subnets[i].vpc == vpc)
            .map(|i| t.subnets[i].id.clone())
            .collect();
        t.network_acls.push(NetworkAcl {
            id: Id::new(format!("acl-{a}")),
            name: format!("{}-acl-{a:04}", t.name),
            vpc,
            subnets,
            inbound: entries(entries_per_direction, true, a % 4),
            outbound: entries(entries_per_direction, false, a % 4),
            tags: Tags::new(),
        });
    }
    if t.subnets.is_empty() || workloads == 0 {
        return t;
    }
    // Subnets by tier and AZ (in AZ order), in the VPC of the first subnet.
    let vpc = t.subnets[0].vpc.clone();
    let mut zones: Vec<String> = t
        .availability_zones(&vpc)
        .into_iter()
        .map(str::to_string)
        .collect();
    zones.dedup();
    let mut public: Vec<Vec<Id>> = vec![Vec::new(); zones.len()];
    let mut private: Vec<Vec<Id>> = vec![Vec::new(); zones.len()];
    for s in t.subnets.iter().filter(|s| s.vpc == vpc) {
        let Some(z) = zones.iter().position(|z| *z == s.availability_zone) else {
            continue;
        };
        match t.tier(s) {
            Tier::Public => public[z].push(s.id.clone()),
            _ => private[z].push(s.id.clone()),
        }
    }
    let groups: Vec<Id> = t
        .security_groups
        .iter()
        .filter(|g| g.vpc == vpc)
        .map(|g| g.id.clone())
        .collect();
    // The `row`th subnet of each AZ that has one.
    let pick = |by_zone: &[Vec<Id>], row: usize, zones: usize| -> Vec<Id> {
        by_zone
            .iter()
            .filter(|l| !l.is_empty())
            .take(zones)
            .map(|l| l[row % l.len()].clone())
            .collect()
    };
    let has_private = private.iter().any(|l| !l.is_empty());
    let public_zones = public.iter().filter(|l| !l.is_empty()).count();
    for w in 0..workloads {
        let mut kind = WorkloadKind::ALL[w % WorkloadKind::ALL.len()];
        if kind == WorkloadKind::LoadBalancer && public_zones < 2 {
            kind = WorkloadKind::Instances;
        }
        let row = w / WorkloadKind::ALL.len();
        let (subnets, group, internet_facing) = if kind == WorkloadKind::LoadBalancer {
            (pick(&public, row, 2), groups.first(), true)
        } else {
            let in_private = has_private || kind == WorkloadKind::Database;
            let subnets = if in_private {
                pick(&private, row, zones.len())
            } else {
                pick(&public, row, zones.len())
            };
            let g = if groups.len() > 1 {
                groups.get(1 + w % (groups.len() - 1))
            } else {
                groups.first()
            };
            (subnets, g, false)
        };
        t.workloads.push(Workload {
            id: Id::new(format!("wl-{w}")),
            name: format!("{}-{}-{w:04}", t.name, kind.as_str().replace('_', "-")),
            kind,
            subnets,
            security_groups: group.into_iter().cloned().collect(),
            internet_facing,
            tags: Tags::new(),
        });
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::synthetic;
    use crate::{validate, Severity};

    #[test]
    fn the_benchmark_design_has_no_acl_or_workload_finding_but_unused_groups() {
        let t = with_acls_and_workloads(synthetic(1000, 6, 300, 5000), 200, 20, 300);
        let found: Vec<String> = validate(&t)
            .into_iter()
            .filter(|d| d.code.starts_with("NW7") || d.code.starts_with("NW8") || d.code == "NW610")
            .filter(|d| d.code != "NW806")
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert_eq!(found, Vec::<String>::new());
        // Every subnet is in exactly one ACL.
        let mut seen: Vec<&Id> = t.network_acls.iter().flat_map(|a| &a.subnets).collect();
        assert_eq!(seen.len(), 1000);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn small_designs_stay_valid() {
        for (subnets, azs) in [(1, 1), (2, 1), (4, 2), (12, 3)] {
            let t = with_acls_and_workloads(synthetic(subnets, azs, 3, 10), 5, 3, 8);
            let errors: Vec<String> = validate(&t)
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message)
                .collect();
            assert_eq!(errors, Vec::<String>::new(), "{subnets} subnets, {azs} AZs");
        }
    }
}
