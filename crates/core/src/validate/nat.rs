//! NAT gateway and per-subnet routing rules (NW307-NW309, NW313, NW314): a public NAT
//! gateway sits in a public subnet and has an Elastic IP, a private one has none;
//! subnets without an explicit route table; private subnets using a NAT gateway of
//! another Availability Zone.

use super::context::{fix, Ctx, Gateway, Target};
use super::rules::*;
use crate::model::{EntityKind, NatConnectivity};

/// Runs every NAT gateway and per-subnet routing rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    nat_gateways(c);
    subnets(c);
}

/// NAT gateway placement and Elastic IPs.
fn nat_gateways(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::NatGateway;
    for (n, nat) in t.nat_gateways.iter().enumerate() {
        match (nat.connectivity, &nat.elastic_ip) {
            (NatConnectivity::Public, None) => {
                let msg = format!(
                    "{} is public but has no Elastic IP: a public NAT gateway needs one",
                    c.name(k, n)
                );
                let f = fix("allocate an Elastic IP for it", None);
                c.emit(
                    &NAT_WITHOUT_EIP,
                    c.at(k, n),
                    Some("elastic_ip".into()),
                    msg,
                    f,
                );
            }
            (NatConnectivity::Private, Some(_)) => {
                let msg = format!(
                    "{} is private but has an Elastic IP: a private NAT gateway has none",
                    c.name(k, n)
                );
                let f = fix(
                    "remove the Elastic IP, or make the NAT gateway public",
                    None,
                );
                c.emit(
                    &PRIVATE_NAT_WITH_EIP,
                    c.at(k, n),
                    Some("elastic_ip".into()),
                    msg,
                    f,
                );
            }
            _ => {}
        }
        let Some(s) = c.nat_subnet[n].found() else {
            continue;
        };
        if nat.connectivity != NatConnectivity::Public || c.is_public(s) {
            continue;
        }
        let why = match c.table_of(s) {
            Some(ti) => format!(
                "its route table {} has no default route (0.0.0.0/0) to an internet gateway",
                t.route_tables[ti].name
            ),
            None => "it has no route table with a default route to an internet gateway".into(),
        };
        let msg = format!(
            "{} is public, but {} is not a public subnet: {why}",
            c.name(k, n),
            c.name(EntityKind::Subnet, s)
        );
        let vpc = c.subnet_vpc[s].found();
        let az = &t.subnets[s].availability_zone;
        let candidates = (0..t.subnets.len())
            .filter(|&o| o != s && c.subnet_vpc[o].found() == vpc && c.is_public(o));
        let mut best = None;
        for o in candidates {
            if &t.subnets[o].availability_zone == az {
                best = Some(o);
                break;
            }
            best.get_or_insert(o);
        }
        let f = match best {
            Some(o) => fix(
                format!("move it to the public subnet {}", t.subnets[o].name),
                Some(t.subnets[o].id.0.clone()),
            ),
            None => fix(
                "move it to a subnet whose route table sends 0.0.0.0/0 to an internet gateway",
                None,
            ),
        };
        c.emit(
            &NAT_IN_PRIVATE_SUBNET,
            c.at(k, n),
            Some("subnet".into()),
            msg,
            f,
        );
    }
}

/// Each subnet's route table (implicit main) and NAT gateway's zone (cross-AZ).
fn subnets(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::Subnet;
    for (s, subnet) in t.subnets.iter().enumerate() {
        let Some(v) = c.subnet_vpc[s].found() else {
            continue;
        };
        if c.subnet_table[s].is_none() {
            let msg = match c.main_table[v] {
                Some(m) => format!(
                    "{} has no route table of its own and uses {}, the main table of {}",
                    c.name(k, s),
                    t.route_tables[m].name,
                    c.name(EntityKind::Vpc, v)
                ),
                None => format!(
                    "{} has no route table: it uses the main table AWS creates for {}, which \
                     has only local routes (the subnet is isolated)",
                    c.name(k, s),
                    c.name(EntityKind::Vpc, v)
                ),
            };
            let f = fix("associate it with a route table explicitly", None);
            c.emit(&IMPLICIT_MAIN_TABLE, c.at(k, s), None, msg, f);
        }
        let Some(ti) = c.table_of(s) else { continue };
        let Some(Gateway::Nat(Target::Found(n))) = c.table_default[ti] else {
            continue;
        };
        let Some(ns) = c.nat_subnet[n].found() else {
            continue;
        };
        let (az, nat_az) = (
            subnet.availability_zone.as_str(),
            t.subnets[ns].availability_zone.as_str(),
        );
        if az == nat_az || az.trim().is_empty() || nat_az.trim().is_empty() {
            continue;
        }
        let msg = format!(
            "{} in {az} reaches the internet through {} in {nat_az}: traffic pays cross-AZ \
             charges, and an outage of {nat_az} cuts {az} off",
            c.name(k, s),
            c.name(EntityKind::NatGateway, n)
        );
        let f = fix(
            format!("add a NAT gateway in {az} and route this subnet through it"),
            None,
        );
        c.emit(&CROSS_AZ_NAT, c.at(k, s), None, msg, f);
    }
}
