//! Routing and gateway rules (NW301-NW306, NW310-NW312, NW315): one internet gateway
//! per VPC, route targets in the table's VPC, duplicate and local-shadowing routes,
//! route table associations and main tables. NAT gateways and per-subnet routing are
//! in `nat.rs`.

use super::context::{fix, Ctx, Gateway, Target};
use super::rules::*;
use crate::cidr;
use crate::model::EntityKind;

/// Runs every routing and gateway rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let first_igw = internet_gateways(c);
    tables(c, &first_igw);
}

/// Each VPC's first attached internet gateway.
fn internet_gateways(c: &mut Ctx<'_>) -> Vec<Option<usize>> {
    let t = c.t;
    let mut first: Vec<Option<usize>> = vec![None; t.vpcs.len()];
    let mut detached = Vec::new();
    for gi in 0..t.internet_gateways.len() {
        match c.igw_vpc[gi] {
            None => detached.push(gi),
            Some(Target::Found(v)) => match first[v] {
                None => first[v] = Some(gi),
                Some(g0) => {
                    let msg = format!(
                        "{} is attached to {}, which already has {}: a VPC has at most one \
                         internet gateway",
                        c.name(EntityKind::InternetGateway, gi),
                        c.name(EntityKind::Vpc, v),
                        c.name(EntityKind::InternetGateway, g0)
                    );
                    let f = fix("delete it, or attach it to another VPC", None);
                    let at = c.at(EntityKind::InternetGateway, gi);
                    c.emit(&SECOND_IGW, at, Some("vpc".into()), msg, f);
                }
            },
            Some(_) => {}
        }
    }
    let without: Vec<usize> = (0..t.vpcs.len()).filter(|&v| first[v].is_none()).collect();
    for gi in detached {
        let msg = format!(
            "{} is not attached to a VPC: nothing can route through it",
            c.name(EntityKind::InternetGateway, gi)
        );
        let f = match without.as_slice() {
            [v] => fix(
                format!("attach it to {}", c.name(EntityKind::Vpc, *v)),
                Some(c.id(EntityKind::Vpc, *v).0.clone()),
            ),
            _ => fix("attach it to a VPC, or delete it", None),
        };
        let at = c.at(EntityKind::InternetGateway, gi);
        c.emit(&IGW_DETACHED, at, Some("vpc".into()), msg, f);
    }
    first
}

/// The VPC a NAT gateway lives in (through its subnet).
fn nat_vpc(c: &Ctx<'_>, n: usize) -> Option<usize> {
    c.nat_subnet[n]
        .found()
        .and_then(|s| c.subnet_vpc[s].found())
}

fn tables(c: &mut Ctx<'_>, first_igw: &[Option<usize>]) {
    let t = c.t;
    let mut main_seen: Vec<Option<usize>> = vec![None; t.vpcs.len()];
    let mut assoc: Vec<Option<(usize, usize)>> = vec![None; t.subnets.len()];
    for (ti, table) in t.route_tables.iter().enumerate() {
        let rt = EntityKind::RouteTable;
        let vpc = c.table_vpc[ti].found();
        if table.main {
            if let Some(v) = vpc {
                match main_seen[v] {
                    None => main_seen[v] = Some(ti),
                    Some(first) => {
                        let msg = format!(
                            "{} is marked main, but {} is already the main table of {}",
                            c.name(rt, ti),
                            c.name(rt, first),
                            c.name(EntityKind::Vpc, v)
                        );
                        let f = fix("make it a normal table", Some("false".into()));
                        c.emit(
                            &MULTIPLE_MAIN_TABLES,
                            c.at(rt, ti),
                            Some("main".into()),
                            msg,
                            f,
                        );
                    }
                }
            }
        } else if table.subnets.is_empty() {
            let msg = format!(
                "{} is not the main table and serves no subnet",
                c.name(rt, ti)
            );
            let f = fix("associate subnets with it, or delete it", None);
            c.emit(&UNUSED_ROUTE_TABLE, c.at(rt, ti), None, msg, f);
        }
        if let Some(v) = vpc {
            routes(c, ti, v, first_igw);
        }
        for j in 0..table.subnets.len() {
            let Some(s) = c.table_subnets[ti][j].found() else {
                continue;
            };
            let field = || Some(format!("subnets[{j}]"));
            if let Some((t0, _)) = assoc[s] {
                let msg = if t0 == ti {
                    format!(
                        "{} lists {} twice",
                        c.name(rt, ti),
                        c.name(EntityKind::Subnet, s)
                    )
                } else {
                    format!(
                        "{} is associated with both {} and {}: a subnet has exactly one \
                         route table",
                        c.name(EntityKind::Subnet, s),
                        c.name(rt, t0),
                        c.name(rt, ti)
                    )
                };
                let f = fix("remove this association", None);
                c.emit(&SUBNET_IN_TWO_TABLES, c.at(rt, ti), field(), msg, f);
            } else {
                assoc[s] = Some((ti, j));
            }
            if let (Some(v), Some(sv)) = (vpc, c.subnet_vpc[s].found()) {
                if v != sv {
                    let msg = format!(
                        "{} belongs to {}, but {} is in {}",
                        c.name(rt, ti),
                        c.name(EntityKind::Vpc, v),
                        c.name(EntityKind::Subnet, s),
                        c.name(EntityKind::Vpc, sv)
                    );
                    let f = fix("associate the subnet with a table of its own VPC", None);
                    c.emit(&TABLE_SUBNET_OTHER_VPC, c.at(rt, ti), field(), msg, f);
                }
            }
        }
    }
}

fn routes(c: &mut Ctx<'_>, ti: usize, v: usize, first_igw: &[Option<usize>]) {
    let t = c.t;
    let rt = EntityKind::RouteTable;
    let table = &t.route_tables[ti];
    let n = table.routes.len();
    for ri in 0..n {
        let (dest, gw) = {
            let (d, g) = &c.routes_of(ti)[ri];
            (d.as_ref().ok().map(|d| d.net), *g)
        };
        let target_field = || Some(format!("routes[{ri}].target"));
        match gw {
            Gateway::Igw(Target::Found(g)) => {
                if c.igw_vpc[g] != Some(Target::Found(v)) {
                    let where_ = match c.igw_vpc[g] {
                        Some(Target::Found(other)) => {
                            format!("attached to {}", c.name(EntityKind::Vpc, other))
                        }
                        _ => "not attached to any VPC".to_string(),
                    };
                    let msg = format!(
                        "{}: route {} goes to {}, which is {where_}, not to {}",
                        c.name(rt, ti),
                        ri + 1,
                        c.name(EntityKind::InternetGateway, g),
                        c.name(EntityKind::Vpc, v)
                    );
                    let f = match first_igw[v] {
                        Some(h) => fix(
                            format!("route to {}", c.name(EntityKind::InternetGateway, h)),
                            Some(c.id(EntityKind::InternetGateway, h).0.clone()),
                        ),
                        None => fix(
                            format!(
                                "attach the internet gateway to {}",
                                c.name(EntityKind::Vpc, v)
                            ),
                            None,
                        ),
                    };
                    c.emit(
                        &ROUTE_TO_UNATTACHED_IGW,
                        c.at(rt, ti),
                        target_field(),
                        msg,
                        f,
                    );
                }
                if let Some(d) = dest {
                    let local = c.vpc_blocks[v]
                        .iter()
                        .filter_map(|b| b.as_ref().ok())
                        .find(|b| cidr::contains(b.net, d))
                        .map(|b| b.net);
                    if let Some(block) = local {
                        let msg = format!(
                            "{}: route {} sends {d} to an internet gateway, but {d} is inside \
                             the VPC's own block {block} (its local route)",
                            c.name(rt, ti),
                            ri + 1
                        );
                        let field = Some(format!("routes[{ri}].destination"));
                        let f = fix("route only addresses outside the VPC to the internet", None);
                        c.emit(&ROUTE_SHADOWS_LOCAL, c.at(rt, ti), field, msg, f);
                    }
                }
            }
            Gateway::Nat(Target::Found(nat)) => {
                if let Some(nv) = nat_vpc(c, nat) {
                    if nv != v {
                        let msg = format!(
                            "{}: route {} goes to {} in {}, but the table belongs to {}",
                            c.name(rt, ti),
                            ri + 1,
                            c.name(EntityKind::NatGateway, nat),
                            c.name(EntityKind::Vpc, nv),
                            c.name(EntityKind::Vpc, v)
                        );
                        let local = (0..t.nat_gateways.len()).find(|&m| nat_vpc(c, m) == Some(v));
                        let f = match local {
                            Some(m) => fix(
                                format!("route to {}", c.name(EntityKind::NatGateway, m)),
                                Some(c.id(EntityKind::NatGateway, m).0.clone()),
                            ),
                            None => fix("add a NAT gateway to this VPC", None),
                        };
                        c.emit(&ROUTE_TO_FOREIGN_NAT, c.at(rt, ti), target_field(), msg, f);
                    }
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        let mut dests: Vec<(cidr::Ipv4Net, usize)> = c
            .routes_of(ti)
            .iter()
            .enumerate()
            .filter_map(|(ri, (d, _))| d.as_ref().ok().map(|d| (d.net, ri)))
            .collect();
        crate::order::sort(&mut dests);
        for w in dests.windows(2) {
            if w[0].0 == w[1].0 {
                let (net, first, later) = (w[0].0, w[0].1, w[1].1);
                let msg = format!(
                    "{}: routes {} and {} both go to {net}; a table has one route per destination",
                    c.name(rt, ti),
                    first + 1,
                    later + 1
                );
                let field = Some(format!("routes[{later}].destination"));
                let f = fix("remove one of them", None);
                c.emit(&DUPLICATE_ROUTE, c.at(rt, ti), field, msg, f);
            }
        }
    }
}
