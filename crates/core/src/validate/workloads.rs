//! Workload rules (NW801-NW806, and the references: NW201/NW202): one VPC, groups of
//! that VPC, internet-facing workloads in a public subnet, databases out of public
//! subnets, load balancers over two AZs, and groups no workload uses.
//!
//! NW806 runs only when the design has at least one workload: a design that places no
//! workload says nothing about what its groups are for.

use super::context::{fix, Ctx};
use super::dangling::bad_ref;
use super::placement::Placement;
use super::rules::*;
use crate::model::{EntityKind, WorkloadKind};

const K: EntityKind = EntityKind::Workload;

/// Runs every workload rule.
pub(super) fn check(c: &mut Ctx<'_>, p: &Placement) {
    let t = c.t;
    if t.workloads.is_empty() {
        return;
    }
    for wi in 0..t.workloads.len() {
        references(c, p, wi);
        vpcs(c, p, wi);
        placement(c, p, wi);
    }
    unused_groups(c, p);
}

fn references(c: &mut Ctx<'_>, p: &Placement, wi: usize) {
    let w = &c.t.workloads[wi];
    for (j, s) in w.subnets.iter().enumerate() {
        let target = p.workload_subnets[wi][j];
        if target.found().is_none() {
            let field = format!("subnets[{j}]");
            bad_ref(c, K, wi, &field, "a subnet", s, EntityKind::Subnet, target);
        }
    }
    for (j, g) in w.security_groups.iter().enumerate() {
        let target = p.workload_groups[wi][j];
        if target.found().is_none() {
            let field = format!("security_groups[{j}]");
            let want = EntityKind::SecurityGroup;
            bad_ref(c, K, wi, &field, "a security group", g, want, target);
        }
    }
}

/// NW801, NW802: the workload's subnets and groups are all of one VPC (its first subnet's).
fn vpcs(c: &mut Ctx<'_>, p: &Placement, wi: usize) {
    let subnets: Vec<(usize, usize)> = p.workload_subnets[wi]
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.found().map(|s| (j, s)))
        .collect();
    let Some(home) = subnets.iter().find_map(|&(_, s)| c.subnet_vpc[s].found()) else {
        return;
    };
    for &(j, s) in &subnets {
        let Some(v) = c.subnet_vpc[s].found() else {
            continue;
        };
        if v != home {
            let msg = format!(
                "{} runs in subnets of {} and of {} ({}): a workload's network interfaces \
                 are in one VPC",
                c.name(K, wi),
                c.name(EntityKind::Vpc, home),
                c.name(EntityKind::Vpc, v),
                c.name(EntityKind::Subnet, s)
            );
            let f = fix("remove the subnets of the other VPC", None);
            let field = Some(format!("subnets[{j}]"));
            c.emit(&WORKLOAD_TWO_VPCS, c.at(K, wi), field, msg, f);
        }
    }
    for (j, g) in p.workload_groups[wi].iter().enumerate() {
        let Some(g) = g.found() else { continue };
        let Some(v) = c.sg_vpc[g].found() else {
            continue;
        };
        if v != home {
            let msg = format!(
                "{} runs in {}, but {} is a group of {}: an interface's groups are of its VPC",
                c.name(K, wi),
                c.name(EntityKind::Vpc, home),
                c.name(EntityKind::SecurityGroup, g),
                c.name(EntityKind::Vpc, v)
            );
            let f = fix("use a security group of the workload's VPC", None);
            let field = Some(format!("security_groups[{j}]"));
            c.emit(&WORKLOAD_GROUP_OTHER_VPC, c.at(K, wi), field, msg, f);
        }
    }
}

/// NW803, NW804, NW805: where the workload runs suits what it is.
fn placement(c: &mut Ctx<'_>, p: &Placement, wi: usize) {
    let w = &c.t.workloads[wi];
    let subnets: Vec<(usize, usize)> = p.workload_subnets[wi]
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.found().map(|s| (j, s)))
        .collect();
    if w.internet_facing && !subnets.iter().any(|&(_, s)| c.is_public(s)) {
        let msg = if subnets.is_empty() {
            format!(
                "{} is internet-facing but runs in no subnet: it needs a public subnet (a \
                 default route to an internet gateway)",
                c.name(K, wi)
            )
        } else {
            format!(
                "{} is internet-facing, but none of its {} subnets is public (a default route \
                 to an internet gateway), so the internet cannot reach it",
                c.name(K, wi),
                subnets.len()
            )
        };
        let f = fix(
            "run it in public subnets, or make it internal (not internet-facing)",
            None,
        );
        c.emit(
            &INTERNET_FACING_PRIVATE,
            c.at(K, wi),
            Some("subnets".into()),
            msg,
            f,
        );
    }
    if w.kind == WorkloadKind::Database {
        let public: Vec<(usize, usize)> = subnets
            .iter()
            .copied()
            .filter(|&(_, s)| c.is_public(s))
            .collect();
        for (j, s) in public {
            let msg = format!(
                "{} is a database in {}, a public subnet (a default route to an internet \
                 gateway): databases belong in private subnets",
                c.name(K, wi),
                c.name(EntityKind::Subnet, s)
            );
            let f = fix("use private subnets for the database's subnet group", None);
            let field = Some(format!("subnets[{j}]"));
            c.emit(&DATABASE_PUBLIC_SUBNET, c.at(K, wi), field, msg, f);
        }
    }
    if w.kind == WorkloadKind::LoadBalancer {
        let t = c.t;
        let mut zones: Vec<&str> = subnets
            .iter()
            .map(|&(_, s)| t.subnets[s].availability_zone.trim())
            .filter(|z| !z.is_empty())
            .collect();
        crate::order::sort(&mut zones);
        zones.dedup();
        if zones.len() < 2 {
            let which = match zones.first() {
                Some(z) => format!("only {z}"),
                None => "no Availability Zone".to_string(),
            };
            let msg = format!(
                "{} has subnets in {which}; an Application Load Balancer needs subnets in at \
                 least two Availability Zones",
                c.name(K, wi)
            );
            let f = fix("add a subnet of another Availability Zone", None);
            c.emit(
                &LOAD_BALANCER_ONE_AZ,
                c.at(K, wi),
                Some("subnets".into()),
                msg,
                f,
            );
        }
    }
}

/// NW806: with workloads drawn, a group no workload uses has no place.
fn unused_groups(c: &mut Ctx<'_>, p: &Placement) {
    for g in 0..c.t.security_groups.len() {
        if !p.workloads_of(g).is_empty() {
            continue;
        }
        let msg = format!(
            "{} is used by no workload of the design, so nothing says what it protects",
            c.name(EntityKind::SecurityGroup, g)
        );
        let f = fix(
            "add it to the workload it is for, or delete it if nothing uses it",
            None,
        );
        c.emit(
            &GROUP_WITHOUT_WORKLOAD,
            c.at(EntityKind::SecurityGroup, g),
            None,
            msg,
            f,
        );
    }
}
