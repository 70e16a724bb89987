//! Quota rules (NW601-NW609): the default Amazon VPC quotas a design can exceed.
//!
//! Adjustable quotas (raised through Service Quotas) are warnings: the design is right,
//! but the account needs a raised quota before the script runs. Rules per group are an
//! error: past 60 a group is almost always a design mistake, and raising the quota
//! lowers how many groups an interface may have (rules x groups <= 1,000). One internet
//! gateway per VPC is fixed and is checked by NW301.

use std::collections::BTreeMap;

use super::context::{fix, Ctx, PeerInfo};
use super::rules::*;
use crate::cidr::IpNet;
use crate::model::EntityKind;

const MAX_VPCS_PER_REGION: usize = 5;
const MAX_SUBNETS_PER_VPC: usize = 200;
const MAX_BLOCKS_PER_VPC: usize = 5;
const MAX_RULES: usize = 60;
const MAX_GROUPS_PER_REGION: usize = 2500;
const MAX_TABLES_PER_VPC: usize = 200;
const MAX_ROUTES_PER_TABLE: usize = 50;
const MAX_NATS_PER_AZ: usize = 5;
const MAX_EIPS_PER_REGION: usize = 5;

fn raise(what: &str) -> Option<super::diagnostic::Fix> {
    fix(
        format!("request a higher \"{what}\" quota in Service Quotas before deploying"),
        None,
    )
}

/// Runs every quota rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    if t.vpcs.len() > MAX_VPCS_PER_REGION {
        let msg = format!(
            "{} is VPC number {} in {}; the default quota is {MAX_VPCS_PER_REGION} VPCs per \
             Region (the account's default VPC counts too)",
            c.name(EntityKind::Vpc, MAX_VPCS_PER_REGION),
            t.vpcs.len(),
            t.region
        );
        let at = c.at(EntityKind::Vpc, MAX_VPCS_PER_REGION);
        c.emit(&VPCS_PER_REGION, at, None, msg, raise("VPCs per Region"));
    }
    per_vpc(c);
    per_group(c);
    per_table(c);
    nat_and_eips(c);
}

fn per_vpc(c: &mut Ctx<'_>) {
    let t = c.t;
    let mut subnets = vec![0usize; t.vpcs.len()];
    for v in c.subnet_vpc.iter().filter_map(|v| v.found()) {
        subnets[v] += 1;
    }
    let mut tables = vec![0usize; t.vpcs.len()];
    for v in c.table_vpc.iter().filter_map(|v| v.found()) {
        tables[v] += 1;
    }
    for (v, vpc) in t.vpcs.iter().enumerate() {
        let k = EntityKind::Vpc;
        if subnets[v] > MAX_SUBNETS_PER_VPC {
            let msg = format!(
                "{} has {} subnets; the default quota is {MAX_SUBNETS_PER_VPC} per VPC",
                c.name(k, v),
                subnets[v]
            );
            c.emit(
                &SUBNETS_PER_VPC,
                c.at(k, v),
                None,
                msg,
                raise("Subnets per VPC"),
            );
        }
        let blocks = 1 + vpc.secondary_cidrs.len();
        if blocks > MAX_BLOCKS_PER_VPC {
            let msg = format!(
                "{} has {blocks} IPv4 blocks; the default quota is {MAX_BLOCKS_PER_VPC} per VPC \
                 (adjustable to 50)",
                c.name(k, v)
            );
            let field = Some(format!("secondary_cidrs[{}]", MAX_BLOCKS_PER_VPC - 1));
            let f = raise("IPv4 CIDR blocks per VPC");
            c.emit(&BLOCKS_PER_VPC, c.at(k, v), field, msg, f);
        }
        // AWS creates a main table when the design has none; it counts too.
        let count = tables[v] + usize::from(c.main_table[v].is_none());
        if count > MAX_TABLES_PER_VPC {
            let msg = format!(
                "{} has {count} route tables (with its main table); the default quota is \
                 {MAX_TABLES_PER_VPC} per VPC",
                c.name(k, v)
            );
            c.emit(
                &TABLES_PER_VPC,
                c.at(k, v),
                None,
                msg,
                raise("Route tables per VPC"),
            );
        }
    }
}

/// Rules per direction, counted as AWS does: IPv4 and IPv6 separately, and a rule that
/// references a group counts for both.
fn per_group(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::SecurityGroup;
    // Each VPC's default group counts towards the Region's groups.
    let defaults = t.vpcs.len();
    // Only designed groups can be pointed at (default groups alone are the VPC quota's).
    if !t.security_groups.is_empty() && t.security_groups.len() + defaults > MAX_GROUPS_PER_REGION {
        let first_over = MAX_GROUPS_PER_REGION.saturating_sub(defaults);
        let msg = format!(
            "the design has {} security groups plus {defaults} default group(s); the default \
             quota is {MAX_GROUPS_PER_REGION} per Region",
            t.security_groups.len()
        );
        let at = c.at(k, first_over.min(t.security_groups.len().saturating_sub(1)));
        c.emit(
            &GROUPS_PER_REGION,
            at,
            None,
            msg,
            raise("VPC security groups per Region"),
        );
    }
    for (gi, g) in t.security_groups.iter().enumerate() {
        for (egress, len) in [(false, g.ingress.len()), (true, g.egress.len())] {
            if len <= MAX_RULES {
                continue;
            }
            let (mut v4, mut v6) = (0usize, 0usize);
            let mut over = None;
            for (ri, peer) in c.peers_of(gi, egress).iter().enumerate() {
                match peer {
                    PeerInfo::Cidr(Ok((IpNet::V6(_), _))) => v6 += 1,
                    PeerInfo::Cidr(Ok(_)) => v4 += 1,
                    PeerInfo::Group(_) => {
                        v4 += 1;
                        v6 += 1;
                    }
                    PeerInfo::Cidr(Err(_)) => {}
                }
                if v4 > MAX_RULES || v6 > MAX_RULES {
                    over = Some((ri, if v4 > MAX_RULES { "IPv4" } else { "IPv6" }));
                    break;
                }
            }
            let Some((ri, version)) = over else { continue };
            let (dir, label) = if egress {
                ("egress", "outbound")
            } else {
                ("ingress", "inbound")
            };
            let msg = format!(
                "{} has more than {MAX_RULES} {label} {version} rules (rules that \
                 reference a group count for IPv4 and IPv6); rule {} is over the quota",
                c.name(k, gi),
                ri + 1
            );
            let f = fix(
                "split the rules over two groups, or merge port ranges and blocks",
                None,
            );
            c.emit(
                &RULES_PER_GROUP,
                c.at(k, gi),
                Some(format!("{dir}[{ri}]")),
                msg,
                f,
            );
        }
    }
}

fn per_table(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::RouteTable;
    for (ti, table) in t.route_tables.iter().enumerate() {
        if table.routes.len() > MAX_ROUTES_PER_TABLE {
            let msg = format!(
                "{} has {} routes; the default quota is {MAX_ROUTES_PER_TABLE} per table \
                 (adjustable to 1,000)",
                c.name(k, ti),
                table.routes.len()
            );
            let field = Some(format!("routes[{MAX_ROUTES_PER_TABLE}]"));
            c.emit(
                &ROUTES_PER_TABLE,
                c.at(k, ti),
                field,
                msg,
                raise("Routes per route table"),
            );
        }
    }
}

fn nat_and_eips(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::NatGateway;
    let mut per_az: BTreeMap<&str, usize> = BTreeMap::new();
    let mut eips = 0usize;
    for (n, nat) in t.nat_gateways.iter().enumerate() {
        if let Some(s) = c.nat_subnet[n].found() {
            let az = t.subnets[s].availability_zone.as_str();
            let count = per_az.entry(az).or_insert(0);
            *count += 1;
            if *count == MAX_NATS_PER_AZ + 1 {
                let msg = format!(
                    "{} is NAT gateway number {} in {az}; the default quota is {MAX_NATS_PER_AZ} \
                     per Availability Zone",
                    c.name(k, n),
                    MAX_NATS_PER_AZ + 1
                );
                c.emit(
                    &NATS_PER_AZ,
                    c.at(k, n),
                    None,
                    msg,
                    raise("NAT gateways per AZ"),
                );
            }
        }
        if nat.elastic_ip.is_some() {
            eips += 1;
            if eips == MAX_EIPS_PER_REGION + 1 {
                let msg = format!(
                    "the Elastic IP of {} is number {} in {}; the default quota is \
                     {MAX_EIPS_PER_REGION} Elastic IPs per Region",
                    c.name(k, n),
                    MAX_EIPS_PER_REGION + 1,
                    t.region
                );
                let f = raise("EC2-VPC Elastic IPs");
                c.emit(
                    &EIPS_PER_REGION,
                    c.at(k, n),
                    Some("elastic_ip".into()),
                    msg,
                    f,
                );
            }
        }
    }
}
