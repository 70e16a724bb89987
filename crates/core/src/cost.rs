//! What a design costs to run, by the month and the hour: the resources it deploys
//! that AWS bills (NAT gateways by the hour and by the GB they process, public IPv4
//! addresses by the hour), from one dated table of prices with its source named. A
//! Region the table has no price for says so instead of guessing. VPCs, subnets,
//! route tables, internet gateways, security groups, network ACLs and IAM roles cost
//! nothing by themselves; workloads are not deployed, so they are not counted.
//!
//! Money is kept in millionths of a dollar (integers), so sums are exact and no
//! floating-point formatting is needed to print them.

use crate::model::{NatConnectivity, NatGateway, RouteTarget, Topology};
use crate::strmap::StrMap;

/// Hours in the month the estimate uses (AWS's pricing pages use 730).
pub const HOURS_PER_MONTH: u64 = 730;

/// When the prices were taken, and from where.
pub const PRICES_AS_OF: &str = "2026-12-01";
/// Where the prices come from.
pub const PRICES_SOURCE: &str =
    "AWS's Amazon VPC pricing page (NAT gateway; public IPv4 addresses since 2024-02-01)";

/// The note every estimate ends with: what the design holds that is not billed.
pub const FREE_NOTE: &str = "VPCs, subnets, route tables, internet gateways, security groups, network ACLs and IAM roles cost nothing by themselves; workloads are not deployed and not counted.";

/// A public IPv4 address, attached or idle, per hour: $0.005 in every Region.
pub const PUBLIC_IPV4_HOUR: u64 = 5_000;

/// NAT gateway prices of one Region, in millionths of a dollar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NatPrice {
    /// The Region.
    pub region: &'static str,
    /// Per hour.
    pub hour: u64,
    /// Per GB processed.
    pub gb: u64,
}

/// The NAT gateway prices known, by Region. Every other Region of
/// [`crate::catalog::REGIONS`] is explicitly unknown: [`nat_price`] says `None`.
pub const NAT_PRICES: &[NatPrice] = &[
    NatPrice {
        region: "us-east-1",
        hour: 45_000,
        gb: 45_000,
    },
    NatPrice {
        region: "ap-southeast-1",
        hour: 59_000,
        gb: 59_000,
    },
];

/// The NAT gateway prices of `region`, if the table has them.
///
/// ```
/// use netwright_core::cost::nat_price;
/// assert_eq!(nat_price("us-east-1").unwrap().hour, 45_000); // $0.045
/// assert!(nat_price("eu-west-1").is_none()); // unknown, never guessed
/// ```
pub fn nat_price(region: &str) -> Option<NatPrice> {
    NAT_PRICES.iter().copied().find(|p| p.region == region)
}

/// One billed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What it is, e.g. `NAT gateway smartinvoice-nat-gw: hours`.
    pub item: String,
    /// Its price per hour, `None` when unknown; data processing has none.
    pub hourly: Option<u64>,
    /// Its price per month, `None` when unknown.
    pub monthly: Option<u64>,
}

/// A design's monthly estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The design's Region.
    pub region: String,
    /// The GB a month assumed through each NAT gateway.
    pub nat_gb: u64,
    /// The billed items, in design order.
    pub lines: Vec<Line>,
    /// The sum per month of the items whose price is known.
    pub monthly: u64,
    /// The sum per hour of the items billed by the hour whose price is known.
    pub hourly: u64,
    /// Whether some item has no price in this Region (the sums leave it out).
    pub incomplete: bool,
    /// What else to know: unknown prices, traffic across zones, what is free.
    pub notes: Vec<String>,
}

/// Estimates what `t` costs a month, with `nat_gb` GB a month through each NAT
/// gateway.
///
/// ```
/// use netwright_core::{cost, templates};
/// let mut t = templates::smartinvoice();
/// t.region = "us-east-1".into();
/// let e = cost::estimate(&t, 0);
/// // One NAT gateway ($0.045/h) and its Elastic IP ($0.005/h), 730 hours.
/// assert_eq!(cost::dollars(e.monthly), "$36.50");
/// ```
pub fn estimate(t: &Topology, nat_gb: u64) -> Estimate {
    let price = nat_price(&t.region);
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    for nat in &t.nat_gateways {
        lines.push(Line {
            item: format!("NAT gateway {}: hours", nat.name),
            hourly: price.map(|p| p.hour),
            monthly: price.map(|p| p.hour * HOURS_PER_MONTH),
        });
        if nat_gb > 0 {
            lines.push(Line {
                item: format!("NAT gateway {}: {nat_gb} GB processed", nat.name),
                hourly: None,
                monthly: price.map(|p| p.gb * nat_gb),
            });
        }
        if nat.connectivity == NatConnectivity::Public {
            let ip = nat
                .elastic_ip
                .as_ref()
                .map_or(nat.name.as_str(), |e| e.name.as_str());
            lines.push(Line {
                item: format!("Public IPv4 address {ip} (Elastic IP of {})", nat.name),
                hourly: Some(PUBLIC_IPV4_HOUR),
                monthly: Some(PUBLIC_IPV4_HOUR * HOURS_PER_MONTH),
            });
        }
    }
    let incomplete = lines.iter().any(|l| l.monthly.is_none());
    if price.is_none() && !t.nat_gateways.is_empty() {
        notes.push(format!(
            "No NAT gateway price for {} in the table (prices of {PRICES_AS_OF}): its hours and data are left out of the sums.",
            t.region
        ));
    }
    notes.extend(cross_zone(t));
    notes.push(FREE_NOTE.into());
    let monthly = lines.iter().filter_map(|l| l.monthly).sum();
    let hourly = lines.iter().filter_map(|l| l.hourly).sum();
    Estimate {
        region: t.region.clone(),
        nat_gb,
        lines,
        monthly,
        hourly,
        incomplete,
        notes,
    }
}

/// A note for each subnet whose default route goes to a NAT gateway in another zone:
/// that traffic is also billed as data crossing zones.
///
/// The app makes an estimate on every edit, so this stays near linear in the design's
/// size: one index of subnets by id, and each route table's NAT gateway found once.
/// The answers are `Topology::route_table_of`'s and `Topology::subnet`'s: a subnet's
/// first table that lists it, else its VPC's main table; the first entity of an id.
fn cross_zone(t: &Topology) -> Vec<String> {
    let mut out = Vec::new();
    if t.nat_gateways.is_empty() {
        return out;
    }
    let mut at: StrMap<'_, usize> =
        StrMap::with_capacity_and_hasher(t.subnets.len(), Default::default());
    let mut repeated = Vec::new();
    for (i, s) in t.subnets.iter().enumerate() {
        match at.get(s.id.as_str()) {
            Some(&first) => repeated.push((i, first)),
            None => {
                at.insert(s.id.as_str(), i);
            }
        }
    }
    // Each table's NAT gateway (its default route's target) and that gateway's zone.
    let nat_of: Vec<Option<(&NatGateway, Option<&str>)>> = t
        .route_tables
        .iter()
        .map(|table| {
            let target = table
                .routes
                .iter()
                .find(|r| crate::cidr::is_default_route(&r.destination))
                .map(|r| &r.target);
            let Some(RouteTarget::NatGateway(id)) = target else {
                return None;
            };
            let nat = t.nat_gateways.iter().find(|n| &n.id == id)?;
            let zone = at
                .get(nat.subnet.as_str())
                .map(|&i| t.subnets[i].availability_zone.as_str());
            Some((nat, zone))
        })
        .collect();
    let mut table_of: Vec<Option<usize>> = vec![None; t.subnets.len()];
    for (k, table) in t.route_tables.iter().enumerate() {
        for id in &table.subnets {
            if let Some(&i) = at.get(id.as_str()) {
                table_of[i].get_or_insert(k);
            }
        }
    }
    for (i, first) in repeated {
        table_of[i] = table_of[first];
    }
    for (s, table) in t.subnets.iter().zip(table_of) {
        let table = table.or_else(|| t.route_tables.iter().position(|r| r.main && r.vpc == s.vpc));
        let Some((nat, nat_zone)) = table.and_then(|k| nat_of[k]) else {
            continue;
        };
        if nat_zone.is_some_and(|z| z != s.availability_zone) {
            out.push(format!(
                "Subnet {} ({}) reaches the internet through {} in another zone: that traffic is also billed as data crossing zones, both ways.",
                s.name, s.availability_zone, nat.name
            ));
        }
    }
    out
}

/// Millionths of a dollar as dollars and cents, rounded half up: `$32.85`.
///
/// ```
/// assert_eq!(netwright_core::cost::dollars(32_850_000), "$32.85");
/// assert_eq!(netwright_core::cost::dollars(5_000), "$0.01");
/// assert_eq!(netwright_core::cost::dollars(1_234_567_890), "$1,234.57");
/// ```
pub fn dollars(micros: u64) -> String {
    let cents = (micros + 5_000) / 10_000;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("${grouped}.{:02}", cents % 100)
}

/// Millionths of a dollar per hour with three decimals: `$0.050`.
///
/// ```
/// assert_eq!(netwright_core::cost::per_hour(50_000), "$0.050");
/// ```
pub fn per_hour(micros: u64) -> String {
    let mills = (micros + 500) / 1_000;
    format!("${}.{:03}", mills / 1_000, mills % 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn the_reference_design_in_ap_southeast_1_costs_its_nat_gateway_and_address() {
        let t = templates::smartinvoice();
        assert_eq!(t.region, "ap-southeast-1");
        let e = estimate(&t, 0);
        assert_eq!(e.lines.len(), 2, "{:?}", e.lines);
        // 730 h x $0.059 = $43.07; 730 h x $0.005 = $3.65.
        assert_eq!(e.lines[0].monthly, Some(43_070_000));
        assert_eq!(e.lines[1].monthly, Some(3_650_000));
        assert_eq!(dollars(e.monthly), "$46.72");
        assert_eq!(per_hour(e.hourly), "$0.064");
        assert!(!e.incomplete);
        let with_data = estimate(&t, 100);
        assert_eq!(with_data.lines[1].monthly, Some(5_900_000));
        assert_eq!(dollars(with_data.monthly), "$52.62");
    }

    #[test]
    fn a_region_without_a_price_says_so_and_leaves_it_out() {
        let mut t = templates::smartinvoice();
        t.region = "eu-west-1".into();
        let e = estimate(&t, 10);
        assert!(e.incomplete);
        assert_eq!(e.monthly, 3_650_000, "only the address is known");
        assert!(e.notes[0].contains("No NAT gateway price for eu-west-1"));
    }

    #[test]
    fn every_region_of_the_catalogue_has_prices_or_is_explicitly_unknown() {
        for p in NAT_PRICES {
            assert!(
                crate::catalog::REGIONS
                    .iter()
                    .any(|(r, _, _)| *r == p.region),
                "{} is not a Region of the catalogue",
                p.region
            );
        }
        for (region, _, _) in crate::catalog::REGIONS {
            let mut t = templates::smartinvoice();
            t.region = region.to_string();
            let e = estimate(&t, 0);
            assert_eq!(e.incomplete, nat_price(region).is_none(), "{region}");
        }
    }

    #[test]
    fn a_private_subnet_on_a_nat_gateway_of_another_zone_is_noted() {
        let t = templates::smartinvoice();
        let e = estimate(&t, 0);
        // The guide's one NAT gateway is in zone a; private-1b reaches it from zone b.
        let cross: Vec<_> = e
            .notes
            .iter()
            .filter(|n| n.contains("another zone"))
            .collect();
        assert_eq!(cross.len(), 1, "{:?}", e.notes);
        assert!(cross[0].contains("smartinvoice-private-1b"));
    }

    #[test]
    fn a_subnet_on_its_vpcs_main_table_is_noted_too() {
        let mut t = templates::smartinvoice();
        // private-1b leaves the private table and falls back to a main table that
        // routes through the NAT gateway of zone a.
        let private = t
            .route_tables
            .iter()
            .position(|r| r.subnets.iter().any(|s| s.as_str() == "subnet-private-1b"))
            .expect("the private table");
        t.route_tables[private]
            .subnets
            .retain(|s| s.as_str() != "subnet-private-1b");
        t.route_tables[private].main = true;
        let e = estimate(&t, 0);
        assert!(
            e.notes
                .iter()
                .any(|n| n.contains("smartinvoice-private-1b")),
            "{:?}",
            e.notes
        );
    }

    /// The cross-zone notes as `Topology`'s own lookups give them (one linear search
    /// per subnet): what the indexed version must agree with.
    fn cross_zone_by_search(t: &Topology) -> Vec<String> {
        let mut out = Vec::new();
        for s in &t.subnets {
            let Some(RouteTarget::NatGateway(id)) = t.default_route_of(s) else {
                continue;
            };
            let Some(nat) = t.nat_gateway(id) else {
                continue;
            };
            let zone = t.subnet(&nat.subnet).map(|n| n.availability_zone.as_str());
            if zone.is_some_and(|z| z != s.availability_zone) {
                out.push(format!(
                    "Subnet {} ({}) reaches the internet through {} in another zone: that traffic is also billed as data crossing zones, both ways.",
                    s.name, s.availability_zone, nat.name
                ));
            }
        }
        out
    }

    #[test]
    fn the_cross_zone_index_agrees_with_the_design_lookups() {
        let mut designs = vec![templates::smartinvoice(), templates::synthetic(60, 3, 2, 4)];
        // Every private subnet of the synthetic design on zone a's NAT gateway.
        let mut one_nat = templates::synthetic(60, 3, 2, 4);
        let first = one_nat.nat_gateways[0].id.clone();
        for r in &mut one_nat.route_tables {
            for route in &mut r.routes {
                if matches!(route.target, RouteTarget::NatGateway(_)) {
                    route.target = RouteTarget::NatGateway(first.clone());
                }
            }
        }
        designs.push(one_nat.clone());
        // A repeated subnet id, a subnet in two tables, an unassociated subnet on the
        // main table, a NAT gateway in a subnet that does not exist.
        let mut odd = one_nat;
        let copy = odd.subnets[1].clone();
        odd.subnets.push(crate::model::Subnet {
            availability_zone: "us-east-1f".into(),
            ..copy
        });
        let listed = odd.route_tables[1].subnets[0].clone();
        odd.route_tables[2].subnets.push(listed);
        let main = odd.route_tables.len() - 1;
        odd.route_tables[main].main = true;
        let loose = odd.subnets[5].id.clone();
        for r in &mut odd.route_tables {
            r.subnets.retain(|s| s != &loose);
        }
        odd.nat_gateways[1].subnet = crate::Id::new("nowhere");
        designs.push(odd);
        for t in &designs {
            assert_eq!(cross_zone(t), cross_zone_by_search(t), "{}", t.name);
        }
        assert!(!cross_zone(&designs[2]).is_empty());
    }

    #[test]
    fn a_design_without_nat_gateways_costs_nothing() {
        let mut t = templates::smartinvoice();
        t.nat_gateways.clear();
        let e = estimate(&t, 50);
        assert!(e.lines.is_empty());
        assert_eq!(dollars(e.monthly), "$0.00");
        assert!(!e.incomplete);
    }
}
