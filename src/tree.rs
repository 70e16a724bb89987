//! The design's shape without names or blocks: which subnets sit in which VPC and
//! AZ, and the ids of every other list. The outline renders from it,
//! so typing a name or a block never rebuilds a list; only moving a subnet does.

use netwright_core::model::EntityKind;
use netwright_core::{Id, Topology};

/// The subnets of one Availability Zone of a VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// The AZ name as typed.
    pub name: String,
    /// Its subnets, in document order.
    pub subnets: Vec<Id>,
}

/// A VPC and its zones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcNode {
    /// The VPC.
    pub id: Id,
    /// Its zones, sorted by name.
    pub zones: Vec<Zone>,
}

/// The whole shape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tree {
    /// VPCs with their subnets.
    pub vpcs: Vec<VpcNode>,
    /// Subnets whose VPC does not exist.
    pub orphans: Vec<Id>,
    /// Other lists by kind, in document order.
    pub others: Vec<(EntityKind, Vec<Id>)>,
}

impl Tree {
    /// The shape of `t`.
    pub fn of(t: &Topology) -> Self {
        let mut vpcs: Vec<VpcNode> = t
            .vpcs
            .iter()
            .map(|v| VpcNode {
                id: v.id.clone(),
                zones: Vec::new(),
            })
            .collect();
        let mut orphans = Vec::new();
        for s in &t.subnets {
            let Some(node) = vpcs.iter_mut().find(|n| n.id == s.vpc) else {
                orphans.push(s.id.clone());
                continue;
            };
            match node
                .zones
                .iter_mut()
                .find(|z| z.name == s.availability_zone)
            {
                Some(z) => z.subnets.push(s.id.clone()),
                None => node.zones.push(Zone {
                    name: s.availability_zone.clone(),
                    subnets: vec![s.id.clone()],
                }),
            }
        }
        for n in &mut vpcs {
            netwright_core::order::sort_by(&mut n.zones, |a, b| a.name.cmp(&b.name));
        }
        let ids = |it: &mut dyn Iterator<Item = &Id>| it.cloned().collect::<Vec<_>>();
        let others = vec![
            (
                EntityKind::InternetGateway,
                ids(&mut t.internet_gateways.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::NatGateway,
                ids(&mut t.nat_gateways.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::RouteTable,
                ids(&mut t.route_tables.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::NetworkAcl,
                ids(&mut t.network_acls.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::SecurityGroup,
                ids(&mut t.security_groups.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::Workload,
                ids(&mut t.workloads.iter().map(|x| &x.id)),
            ),
            (
                EntityKind::IamRole,
                ids(&mut t.iam_roles.iter().map(|x| &x.id)),
            ),
        ];
        Tree {
            vpcs,
            orphans,
            others,
        }
    }
}

/// A plural heading for a kind's list.
pub fn heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Design => "Design",
        EntityKind::Vpc => "VPCs",
        EntityKind::Subnet => "Subnets",
        EntityKind::InternetGateway => "Internet gateways",
        EntityKind::NatGateway => "NAT gateways",
        EntityKind::RouteTable => "Route tables",
        EntityKind::NetworkAcl => "Network ACLs",
        EntityKind::Workload => "Workloads",
        EntityKind::SecurityGroup => "Security groups",
        EntityKind::IamRole => "IAM roles",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_subnets_by_vpc_and_sorted_zone() {
        let mut t = netwright_core::templates::smartinvoice();
        t.subnets[0].vpc = Id::new("gone");
        let tree = Tree::of(&t);
        assert_eq!(tree.orphans, vec![Id::new("subnet-public-1a")]);
        let zones: Vec<_> = tree.vpcs[0]
            .zones
            .iter()
            .map(|z| (z.name.as_str(), z.subnets.len()))
            .collect();
        assert_eq!(zones, [("ap-southeast-1a", 1), ("ap-southeast-1b", 2)]);
        assert_eq!(
            tree.others[6],
            (EntityKind::IamRole, tree.others[6].1.clone())
        );
        assert_eq!(tree.others[6].1.len(), 4);
    }
}
