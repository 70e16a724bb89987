//! Reference and placement rules (NW201-NW203, NW214, NW215): every id resolves to an
//! entity of the right kind, ids are unique, the Region is known and every subnet's
//! Availability Zone belongs to it.

use super::context::{fix, Ctx, PeerInfo};
use super::dangling::bad_ref;
use super::rules::*;
use crate::catalog;
use crate::model::EntityKind;

/// Runs every reference and placement rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    ids(c);
    references(c);
    region(c);
}

fn ids(c: &mut Ctx<'_>) {
    let t = c.t;
    for kind in EntityKind::RESOURCES {
        for i in 0..c.count(kind) {
            if super::text::blank(c.id(kind, i).as_str()) {
                let fresh = t.fresh_id(kind);
                let msg = format!("{} has an empty id", c.name(kind, i));
                let f = fix(format!("use the id {fresh}"), Some(fresh.0));
                c.emit(&ID_INVALID, c.at(kind, i), Some("id".into()), msg, f);
            }
        }
    }
    for ((kind, i), (first_kind, first)) in std::mem::take(&mut c.duplicate_ids) {
        if super::text::blank(c.id(kind, i).as_str()) {
            continue;
        }
        let fresh = t.fresh_id(kind);
        let msg = format!(
            "{} has the id \"{}\", which {} already has: ids must be unique",
            c.name(kind, i),
            c.id(kind, i),
            c.name(first_kind, first)
        );
        let f = fix(format!("use the id {fresh}"), Some(fresh.0));
        c.emit(&ID_INVALID, c.at(kind, i), Some("id".into()), msg, f);
    }
}

fn references(c: &mut Ctx<'_>) {
    let t = c.t;
    for (i, s) in t.subnets.iter().enumerate() {
        let target = c.subnet_vpc[i];
        bad_ref(
            c,
            EntityKind::Subnet,
            i,
            "vpc",
            "its VPC",
            &s.vpc,
            EntityKind::Vpc,
            target,
        );
    }
    for (i, g) in t.internet_gateways.iter().enumerate() {
        if let (Some(v), Some(target)) = (&g.vpc, c.igw_vpc[i]) {
            let k = EntityKind::InternetGateway;
            bad_ref(c, k, i, "vpc", "its VPC", v, EntityKind::Vpc, target);
        }
    }
    for (i, n) in t.nat_gateways.iter().enumerate() {
        let target = c.nat_subnet[i];
        let k = EntityKind::NatGateway;
        bad_ref(
            c,
            k,
            i,
            "subnet",
            "its subnet",
            &n.subnet,
            EntityKind::Subnet,
            target,
        );
    }
    for (ti, table) in t.route_tables.iter().enumerate() {
        let k = EntityKind::RouteTable;
        let target = c.table_vpc[ti];
        bad_ref(
            c,
            k,
            ti,
            "vpc",
            "its VPC",
            &table.vpc,
            EntityKind::Vpc,
            target,
        );
        for (ri, route) in table.routes.iter().enumerate() {
            let (want, target) = match c.routes_of(ti)[ri].1 {
                super::context::Gateway::Igw(t) => (EntityKind::InternetGateway, t),
                super::context::Gateway::Nat(t) => (EntityKind::NatGateway, t),
            };
            if target.found().is_some() {
                continue;
            }
            let what = format!("route {} ({})", ri + 1, route.destination.trim());
            let field = format!("routes[{ri}].target");
            bad_ref(c, k, ti, &field, &what, route.target.id(), want, target);
        }
        for (j, s) in table.subnets.iter().enumerate() {
            let target = c.table_subnets[ti][j];
            if target.found().is_some() {
                continue;
            }
            let field = format!("subnets[{j}]");
            bad_ref(
                c,
                k,
                ti,
                &field,
                "an associated subnet",
                s,
                EntityKind::Subnet,
                target,
            );
        }
    }
    for (gi, g) in t.security_groups.iter().enumerate() {
        let k = EntityKind::SecurityGroup;
        let target = c.sg_vpc[gi];
        bad_ref(c, k, gi, "vpc", "its VPC", &g.vpc, EntityKind::Vpc, target);
        for (egress, rules) in [(false, &g.ingress), (true, &g.egress)] {
            for (ri, rule) in rules.iter().enumerate() {
                let PeerInfo::Group(target) = c.peers_of(gi, egress)[ri] else {
                    continue;
                };
                if target.found().is_some() {
                    continue;
                }
                let crate::model::Peer::SecurityGroup(id) = &rule.peer else {
                    continue;
                };
                let (dir, label) = if egress {
                    ("egress", "outbound")
                } else {
                    ("ingress", "inbound")
                };
                let what = format!("{label} rule {} peer", ri + 1);
                let field = format!("{dir}[{ri}].peer");
                bad_ref(
                    c,
                    k,
                    gi,
                    &field,
                    &what,
                    id,
                    EntityKind::SecurityGroup,
                    target,
                );
            }
        }
    }
}

fn region(c: &mut Ctx<'_>) {
    let t = c.t;
    let region = t.region.trim();
    let Some(&(_, count, label)) = catalog::REGIONS.iter().find(|(r, _, _)| *r == t.region) else {
        let closest = catalog::REGIONS
            .iter()
            .map(|(r, _, _)| (catalog::edit_distance(region, r), *r))
            .filter(|(d, _)| *d <= 3)
            .min();
        let msg = if region.is_empty() {
            "the design has no AWS Region".to_string()
        } else {
            format!("\"{region}\" is not an AWS Region Netwright knows")
        };
        let f = match closest {
            Some((_, r)) => fix(format!("did you mean {r}?"), Some(r.to_string())),
            None => fix("choose a Region such as us-east-1", None),
        };
        c.emit(
            &UNKNOWN_REGION,
            crate::model::EntityRef::design(),
            Some("region".into()),
            msg,
            f,
        );
        return;
    };
    let region = t.region.as_str();
    let last = b'a' + count - 1;
    for (si, s) in t.subnets.iter().enumerate() {
        let az = s.availability_zone.as_str();
        let letter = az.as_bytes().last().copied();
        let ok = az.len() == region.len() + 1
            && az.starts_with(region)
            && letter.is_some_and(|l| (b'a'..=last).contains(&l));
        if ok {
            continue;
        }
        let zones = catalog::availability_zones(region).join(", ");
        let msg = if az.trim().is_empty() {
            format!(
                "{}: no Availability Zone chosen ({region} has {zones})",
                c.name(EntityKind::Subnet, si)
            )
        } else {
            format!(
                "{}: \"{az}\" is not an Availability Zone of {region} ({label}), which has {zones}",
                c.name(EntityKind::Subnet, si)
            )
        };
        let guess = match letter {
            Some(l) if (b'a'..=last).contains(&l) => char::from(l),
            _ => 'a',
        };
        let replacement = format!("{region}{guess}");
        let f = fix(format!("use {replacement}"), Some(replacement.clone()));
        let at = c.at(EntityKind::Subnet, si);
        c.emit(
            &AZ_NOT_IN_REGION,
            at,
            Some("availability_zone".into()),
            msg,
            f,
        );
    }
}
