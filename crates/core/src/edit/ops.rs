//! Commands a person issues: add, duplicate, delete (with sensible cascades or a
//! refusal), and set a field by path. Each returns an [`Edit`] to apply through
//! [`super::History`]; none leaves a dangling reference.

use super::{Edit, Entity};
use crate::catalog;
use crate::cidr;
use crate::model::{
    AclAction, AclEntry, ElasticIp, EntityKind, EntityRef, IamRole, Id, InternetGateway,
    NatConnectivity, NatGateway, NetworkAcl, Peer, RouteTable, Rule, SecurityGroup, Subnet, Tags,
    Tier, Topology, Vpc, Workload, WorkloadKind,
};

pub use super::entries::{
    add_acl_entry, next_rule_number, remove_acl_entry, renumber_acl_entry, sort_acl_entries,
};
pub use super::fields::{get_field, set_field};

/// A name not used by any entity of the design: `{base}` or `{base}-2`, `{base}-3`...
pub(super) fn unique_name(t: &Topology, base: &str) -> String {
    let taken = |n: &str| t.entities().iter().any(|(_, name)| *name == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}-{i}"))
        .find(|n| !taken(n))
        .expect("an unbounded range always finds a free name")
}

/// The first free block of exactly `/prefix` in the VPC's blocks.
pub(super) fn free_block(t: &Topology, vpc: &Vpc, prefix: u8) -> Option<cidr::Ipv4Net> {
    let within: Vec<_> = vpc
        .cidrs()
        .filter_map(|c| cidr::parse(c).ok())
        .map(|c| c.net)
        .collect();
    let used: Vec<_> = t
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc.id)
        .filter_map(|s| cidr::parse(&s.cidr).ok())
        .map(|c| c.net)
        .collect();
    cidr::next_free(&within, &used, prefix)
}

/// The first free block of `prefix` (or the next smaller size that fits) in the VPC.
fn free_subnet_block(t: &Topology, vpc: &Vpc, prefix: u8) -> Option<String> {
    (prefix..=28)
        .find_map(|p| free_block(t, vpc, p))
        .map(|n| n.to_string())
}

/// The VPC new resources go in: `hint` if it exists, else the first VPC.
fn target_vpc<'a>(t: &'a Topology, hint: Option<&Id>) -> Option<&'a Vpc> {
    hint.and_then(|id| t.vpc(id)).or_else(|| t.vpcs.first())
}

/// Adds a new entity of `kind` with sensible defaults, in the VPC `vpc` (or the first
/// one). Returns the edit and a reference to the new entity, or why it cannot be added.
///
/// ```
/// use netwright_core::edit::ops::add;
/// use netwright_core::model::EntityKind;
/// let mut t = netwright_core::templates::smartinvoice();
/// let (edit, new) = add(&t, EntityKind::Subnet, None).unwrap();
/// edit.apply(&mut t).unwrap();
/// assert_eq!(t.subnet(&new.id).unwrap().cidr, "10.0.0.0/24");
/// ```
pub fn add(t: &Topology, kind: EntityKind, vpc: Option<&Id>) -> Result<(Edit, EntityRef), String> {
    let id = t.fresh_id(kind);
    let design = if t.name.trim().is_empty() {
        "design"
    } else {
        t.name.trim()
    };
    let need_vpc = || target_vpc(t, vpc).ok_or_else(|| format!("add a VPC before adding a {kind}"));
    let entity = match kind {
        EntityKind::Design => return Err("the design already exists".into()),
        EntityKind::Vpc => {
            let used: Vec<_> = t
                .vpcs
                .iter()
                .flat_map(|v| v.cidrs())
                .filter_map(|c| cidr::parse(c).ok())
                .map(|c| c.net)
                .collect();
            let ten = cidr::parse("10.0.0.0/8").expect("constant block").net;
            let block = cidr::next_free(&[ten], &used, 16)
                .map(|n| n.to_string())
                .unwrap_or_else(|| "10.0.0.0/16".into());
            Entity::Vpc(Vpc::new(
                id.clone(),
                unique_name(t, &format!("{design}-vpc")),
                block,
            ))
        }
        EntityKind::Subnet => {
            let v = need_vpc()?;
            let az = catalog::availability_zones(&t.region)
                .into_iter()
                .next()
                .or_else(|| {
                    t.subnets
                        .iter()
                        .find(|s| s.vpc == v.id)
                        .map(|s| s.availability_zone.clone())
                })
                .unwrap_or_else(|| format!("{}a", t.region));
            let block = free_subnet_block(t, v, 24).unwrap_or_default();
            Entity::Subnet(Subnet::new(
                id.clone(),
                unique_name(t, &format!("{design}-subnet")),
                v.id.clone(),
                az,
                block,
            ))
        }
        EntityKind::InternetGateway => {
            let attached = |v: &&Vpc| {
                t.internet_gateways
                    .iter()
                    .any(|g| g.vpc.as_ref() == Some(&v.id))
            };
            let free = target_vpc(t, vpc)
                .filter(|v| !attached(v))
                .or_else(|| t.vpcs.iter().find(|v| !attached(v)));
            Entity::InternetGateway(InternetGateway {
                id: id.clone(),
                name: unique_name(t, &format!("{design}-igw")),
                vpc: free.map(|v| v.id.clone()),
                tags: Tags::new(),
            })
        }
        EntityKind::NatGateway => {
            let in_vpc = |s: &&Subnet| target_vpc(t, vpc).is_none_or(|v| s.vpc == v.id);
            let subnet = t
                .subnets
                .iter()
                .filter(in_vpc)
                .find(|s| t.tier(s) == Tier::Public)
                .or_else(|| t.subnets.iter().find(in_vpc))
                .ok_or("add a subnet before adding a NAT gateway")?;
            let name = unique_name(t, &format!("{design}-nat"));
            Entity::NatGateway(NatGateway {
                id: id.clone(),
                elastic_ip: Some(ElasticIp {
                    name: format!("{name}-eip"),
                }),
                name,
                subnet: subnet.id.clone(),
                connectivity: NatConnectivity::Public,
                tags: Tags::new(),
            })
        }
        EntityKind::RouteTable => Entity::RouteTable(RouteTable {
            id: id.clone(),
            name: unique_name(t, &format!("{design}-rt")),
            vpc: need_vpc()?.id.clone(),
            main: false,
            routes: Vec::new(),
            subnets: Vec::new(),
            tags: Tags::new(),
        }),
        EntityKind::NetworkAcl => {
            // Like the VPC's default ACL: allow all in and out, to be narrowed. (A custom
            // ACL with no entries denies everything, which is rarely the first step.)
            let mut acl = NetworkAcl::new(
                id.clone(),
                unique_name(t, &format!("{design}-acl")),
                need_vpc()?.id.clone(),
            );
            acl.inbound
                .push(AclEntry::new(100, AclAction::Allow, "all", "", "0.0.0.0/0"));
            acl.outbound
                .push(AclEntry::new(100, AclAction::Allow, "all", "", "0.0.0.0/0"));
            Entity::NetworkAcl(acl)
        }
        EntityKind::Workload => Entity::Workload(Workload::new(
            id.clone(),
            unique_name(t, &format!("{design}-workload")),
            WorkloadKind::Instances,
        )),
        EntityKind::SecurityGroup => {
            let name = unique_name(t, &format!("{design}-sg"));
            Entity::SecurityGroup(SecurityGroup {
                id: id.clone(),
                description: format!("{name} security group"),
                name,
                vpc: need_vpc()?.id.clone(),
                ingress: Vec::new(),
                egress: vec![Rule::allow_all_egress()],
                tags: Tags::new(),
            })
        }
        EntityKind::IamRole => Entity::IamRole(IamRole {
            id: id.clone(),
            name: unique_name(t, &format!("{design}-role")),
            description: String::new(),
            trusted_services: vec!["ec2.amazonaws.com".into()],
            managed_policies: Vec::new(),
            instance_profile: true,
            tags: Tags::new(),
        }),
    };
    Ok((
        Edit::Insert {
            index: usize::MAX,
            entity,
        },
        EntityRef::new(kind, &id),
    ))
}

/// A copy of the entity right after it, with a fresh id and name. A subnet copy gets
/// the next free block of the same size; a route table copy no subnets and is not main
/// (a subnet has one table); a network ACL copy no subnets (a subnet has one ACL); an
/// internet gateway copy is detached (one per VPC).
pub fn duplicate(t: &Topology, r: &EntityRef) -> Result<(Edit, EntityRef), String> {
    let (index, mut entity) =
        Entity::get(t, r).ok_or_else(|| format!("the design has no {} '{}'", r.kind, r.id))?;
    let id = t.fresh_id(r.kind);
    entity.set_id(id.clone());
    entity.set_name(unique_name(t, &format!("{}-copy", entity.name())));
    match &mut entity {
        Entity::Subnet(s) => {
            let prefix = cidr::parse(&s.cidr)
                .map(|c| c.net.prefix_len())
                .unwrap_or(24);
            if let Some(block) = t.vpc(&s.vpc).and_then(|v| free_subnet_block(t, v, prefix)) {
                s.cidr = block;
            }
        }
        Entity::RouteTable(rt) => {
            rt.subnets.clear();
            rt.main = false;
        }
        Entity::NetworkAcl(acl) => acl.subnets.clear(),
        Entity::InternetGateway(g) => g.vpc = None,
        Entity::NatGateway(n) => {
            if let Some(eip) = &mut n.elastic_ip {
                eip.name = format!("{}-eip", n.name);
            }
        }
        _ => {}
    }
    Ok((
        Edit::Insert {
            index: index + 1,
            entity,
        },
        EntityRef::new(r.kind, &id),
    ))
}

/// What must be gone before `r` can be deleted, as sentences; empty when nothing blocks.
fn blockers(t: &Topology, r: &EntityRef) -> Vec<String> {
    let quote = |n: &str| format!("'{n}'");
    match r.kind {
        EntityKind::Vpc => {
            let mut parts = Vec::new();
            let count = |n: usize, what: &str| {
                (n > 0).then(|| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
            };
            parts.extend(count(
                t.subnets.iter().filter(|s| s.vpc == r.id).count(),
                "subnet",
            ));
            parts.extend(count(
                t.route_tables.iter().filter(|x| x.vpc == r.id).count(),
                "route table",
            ));
            parts.extend(count(
                t.security_groups.iter().filter(|x| x.vpc == r.id).count(),
                "security group",
            ));
            if parts.is_empty() {
                vec![]
            } else {
                vec![format!("the VPC still holds {}", parts.join(", "))]
            }
        }
        EntityKind::Subnet => t
            .nat_gateways
            .iter()
            .filter(|n| n.subnet == r.id)
            .map(|n| format!("NAT gateway {} lives in this subnet", quote(&n.name)))
            .collect(),
        _ => vec![],
    }
}

/// Deletes an entity, cascading what only points at it: a subnet leaves its route
/// table, its network ACL and its workloads, a gateway's routes go with it, a security
/// group's rules in other groups go with it and it leaves its workloads, a VPC's
/// network ACLs go with it. Refused (with the reason) when something would be left dangling that
/// cannot sensibly go too: a VPC that still holds resources, a subnet with a NAT gateway.
///
/// ```
/// use netwright_core::edit::ops::delete;
/// use netwright_core::model::{EntityKind, EntityRef};
/// use netwright_core::Id;
/// let mut t = netwright_core::templates::smartinvoice();
/// let nat = EntityRef::new(EntityKind::NatGateway, &Id::new("nat"));
/// delete(&t, &nat).unwrap().apply(&mut t).unwrap();
/// assert!(t.route_tables.iter().all(|rt| rt.routes.iter().all(|r| r.target.id().as_str() != "nat")));
/// let subnet = EntityRef::new(EntityKind::Subnet, &Id::new("subnet-public-1a"));
/// assert!(delete(&t, &subnet).is_ok());
/// ```
pub fn delete(t: &Topology, r: &EntityRef) -> Result<Edit, String> {
    let (_, entity) =
        Entity::get(t, r).ok_or_else(|| format!("the design has no {} '{}'", r.kind, r.id))?;
    let blocking = blockers(t, r);
    if !blocking.is_empty() {
        return Err(format!(
            "cannot delete {} '{}': {}",
            r.kind,
            entity.name(),
            blocking.join("; ")
        ));
    }
    let mut edits = Vec::new();
    match r.kind {
        EntityKind::Vpc => {
            for acl in t.network_acls.iter().filter(|a| a.vpc == r.id) {
                if t.layout.positions.contains_key(&acl.id) {
                    edits.push(Edit::SetPosition {
                        id: acl.id.clone(),
                        position: None,
                    });
                }
                edits.push(Edit::Remove(EntityRef::new(
                    EntityKind::NetworkAcl,
                    &acl.id,
                )));
            }
        }
        EntityKind::Subnet => {
            for rt in t
                .route_tables
                .iter()
                .filter(|rt| rt.subnets.contains(&r.id))
            {
                let mut rt = rt.clone();
                rt.subnets.retain(|s| s != &r.id);
                edits.push(Edit::Update(Entity::RouteTable(rt)));
            }
            for acl in t.network_acls.iter().filter(|a| a.subnets.contains(&r.id)) {
                let mut acl = acl.clone();
                acl.subnets.retain(|s| s != &r.id);
                edits.push(Edit::Update(Entity::NetworkAcl(acl)));
            }
            for w in t.workloads.iter().filter(|w| w.subnets.contains(&r.id)) {
                let mut w = w.clone();
                w.subnets.retain(|s| s != &r.id);
                edits.push(Edit::Update(Entity::Workload(w)));
            }
        }
        EntityKind::InternetGateway | EntityKind::NatGateway => {
            for rt in t
                .route_tables
                .iter()
                .filter(|rt| rt.routes.iter().any(|x| x.target.id() == &r.id))
            {
                let mut rt = rt.clone();
                rt.routes.retain(|x| x.target.id() != &r.id);
                edits.push(Edit::Update(Entity::RouteTable(rt)));
            }
        }
        EntityKind::SecurityGroup => {
            let points_here = |rule: &Rule| rule.peer == Peer::SecurityGroup(r.id.clone());
            for g in t.security_groups.iter().filter(|g| g.id != r.id) {
                if g.ingress.iter().chain(&g.egress).any(points_here) {
                    let mut g = g.clone();
                    g.ingress.retain(|x| !points_here(x));
                    g.egress.retain(|x| !points_here(x));
                    edits.push(Edit::Update(Entity::SecurityGroup(g)));
                }
            }
            for w in t
                .workloads
                .iter()
                .filter(|w| w.security_groups.contains(&r.id))
            {
                let mut w = w.clone();
                w.security_groups.retain(|g| g != &r.id);
                edits.push(Edit::Update(Entity::Workload(w)));
            }
        }
        _ => {}
    }
    if t.layout.positions.contains_key(&r.id) {
        edits.push(Edit::SetPosition {
            id: r.id.clone(),
            position: None,
        });
    }
    edits.push(Edit::Remove(r.clone()));
    Ok(if edits.len() == 1 {
        edits.pop().expect("one edit")
    } else {
        Edit::Batch(edits)
    })
}

#[cfg(test)]
mod tests;
