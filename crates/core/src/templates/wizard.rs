//! The console-style generator ("VPC and more"): public and private subnets per AZ,
//! an internet gateway, and NAT gateways by strategy.
//!
//! Addresses are allocated in fixed slots: public subnets from the bottom of the VPC
//! block, private subnets from its middle, and every AZ a slot reserved up to six AZs
//! (or the Region's count) so that adding an AZ later never renumbers a subnet.

use std::fmt;
use std::net::Ipv4Addr;

use crate::catalog;
use crate::cidr::{self, Ipv4Net};
use crate::model::{
    ElasticIp, Id, InternetGateway, NatConnectivity, NatGateway, Route, RouteTable, RouteTarget,
    Subnet, Tags, Topology, Vpc,
};

/// How private subnets reach the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NatStrategy {
    /// No NAT gateway: private subnets are isolated.
    None,
    /// One NAT gateway in the first AZ (cheapest; a single point of failure).
    #[default]
    Single,
    /// One NAT gateway per AZ (resilient; each AZ keeps its traffic local).
    PerAz,
}

impl NatStrategy {
    /// Parses `none`, `single` or `per-az`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(NatStrategy::None),
            "single" => Some(NatStrategy::Single),
            "per-az" | "per_az" => Some(NatStrategy::PerAz),
            _ => None,
        }
    }
}

/// What the wizard builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WizardOptions {
    /// Design name; prefixes every resource name.
    pub name: String,
    /// AWS Region.
    pub region: String,
    /// The VPC's IPv4 block.
    pub vpc_cidr: String,
    /// Availability Zones, 1 to 6 (and no more than the Region has).
    pub az_count: u8,
    /// Public subnets per AZ, 0 to 2.
    pub public_per_az: u8,
    /// Private subnets per AZ, 0 to 2.
    pub private_per_az: u8,
    /// Prefix length of public subnets.
    pub public_prefix: u8,
    /// Prefix length of private subnets.
    pub private_prefix: u8,
    /// NAT gateways.
    pub nat: NatStrategy,
}

impl Default for WizardOptions {
    fn default() -> Self {
        WizardOptions {
            name: "project".into(),
            region: "us-east-1".into(),
            vpc_cidr: "10.0.0.0/16".into(),
            az_count: 2,
            public_per_az: 1,
            private_per_az: 1,
            public_prefix: 20,
            private_prefix: 20,
            nat: NatStrategy::Single,
        }
    }
}

/// Why the wizard cannot build a design from these options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WizardError(pub String);

impl fmt::Display for WizardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WizardError {}

fn err<T>(msg: impl Into<String>) -> Result<T, WizardError> {
    Err(WizardError(msg.into()))
}

/// Slots for `per_az` subnets of `prefix` in each of `reserve` AZs, in the half of
/// `vpc` that starts at `offset`; `None` if they do not fit.
fn slots_fit(vpc: Ipv4Net, prefix: u8, per_az: u8, reserve: u8) -> bool {
    let half = cidr::size(vpc.prefix_len()) / 2;
    u64::from(per_az) * u64::from(reserve) * cidr::size(prefix) <= half
}

fn slot(vpc: Ipv4Net, half: u8, prefix: u8, reserve: u8, az: u8, k: u8) -> Ipv4Net {
    let base =
        u64::from(u32::from(vpc.network())) + u64::from(half) * (cidr::size(vpc.prefix_len()) / 2);
    let index = u64::from(k) * u64::from(reserve) + u64::from(az);
    let addr = base + index * cidr::size(prefix);
    // Callers checked that the slot fits inside the VPC block.
    Ipv4Net::new(Ipv4Addr::from(addr as u32), prefix).expect("prefix checked by caller")
}

/// Builds a design the way the AWS console's "VPC and more" does.
///
/// ```
/// use netwright_core::templates::{wizard, WizardOptions};
/// let t = wizard(&WizardOptions::default()).unwrap();
/// assert_eq!(t.subnets.len(), 4);
/// assert_eq!(t.subnets[0].cidr, "10.0.0.0/20");
/// ```
pub fn wizard(o: &WizardOptions) -> Result<Topology, WizardError> {
    let vpc_block = match cidr::parse(&o.vpc_cidr) {
        Ok(c) => c.net,
        Err(e) => return err(format!("VPC block: {e}")),
    };
    if !(16..=28).contains(&vpc_block.prefix_len()) {
        return err(format!(
            "the VPC block must be /16 to /28, not /{}",
            vpc_block.prefix_len()
        ));
    }
    let region_azs = catalog::availability_zones(&o.region);
    if region_azs.is_empty() {
        return err(format!("unknown Region '{}'", o.region));
    }
    if o.az_count == 0 || o.az_count > 6 {
        return err("choose 1 to 6 Availability Zones");
    }
    if usize::from(o.az_count) > region_azs.len() {
        return err(format!(
            "{} has {} Availability Zones, not {}",
            o.region,
            region_azs.len(),
            o.az_count
        ));
    }
    if o.public_per_az > 2 || o.private_per_az > 2 {
        return err("choose 0 to 2 public and 0 to 2 private subnets per AZ");
    }
    if o.public_per_az + o.private_per_az == 0 {
        return err("choose at least one subnet per AZ");
    }
    if o.nat != NatStrategy::None && (o.public_per_az == 0 || o.private_per_az == 0) {
        return err("NAT gateways need a public subnet to live in and private subnets to serve");
    }
    for (what, prefix) in [("public", o.public_prefix), ("private", o.private_prefix)] {
        if !(16..=28).contains(&prefix) || prefix <= vpc_block.prefix_len() {
            return err(format!(
                "{what} subnets must be /16 to /28 and smaller than the VPC's /{} (got /{prefix})",
                vpc_block.prefix_len()
            ));
        }
    }
    // Reserve slots for growth: six AZs if they fit, else the Region's count, else exactly.
    let region_count = u8::try_from(region_azs.len()).unwrap_or(6).min(6);
    let reserve = [6, region_count, o.az_count]
        .into_iter()
        .find(|&r| {
            r >= o.az_count
                && slots_fit(vpc_block, o.public_prefix, o.public_per_az, r)
                && slots_fit(vpc_block, o.private_prefix, o.private_per_az, r)
        })
        .ok_or_else(|| {
            WizardError(format!(
                "{} public /{} and {} private /{} subnets in each of {} AZs do not fit in {}: \
                 choose smaller subnets or a larger VPC block",
                o.public_per_az,
                o.public_prefix,
                o.private_per_az,
                o.private_prefix,
                o.az_count,
                vpc_block
            ))
        })?;

    let n = &o.name;
    let mut t = Topology::new(n.clone(), o.region.clone());
    let vpc_id = Id::new("vpc");
    t.vpcs.push(Vpc::new(
        vpc_id.clone(),
        format!("{n}-vpc"),
        vpc_block.to_string(),
    ));
    let azs = &region_azs[..usize::from(o.az_count)];

    let mut public_ids: Vec<Vec<Id>> = vec![Vec::new(); azs.len()];
    let mut private_ids: Vec<Vec<Id>> = vec![Vec::new(); azs.len()];
    for (tier, per_az, prefix, half) in [
        ("public", o.public_per_az, o.public_prefix, 0u8),
        ("private", o.private_per_az, o.private_prefix, 1),
    ] {
        for k in 0..per_az {
            for (i, az) in azs.iter().enumerate() {
                let letter = &az[az.len() - 1..];
                let id = Id::new(format!("subnet-{tier}{}-{letter}", k + 1));
                let block = slot(vpc_block, half, prefix, reserve, i as u8, k);
                let mut s = Subnet::new(
                    id.clone(),
                    format!("{n}-subnet-{tier}{}-{az}", k + 1),
                    vpc_id.clone(),
                    az.clone(),
                    block.to_string(),
                );
                s.map_public_ip_on_launch = tier == "public";
                t.subnets.push(s);
                if tier == "public" {
                    public_ids[i].push(id);
                } else {
                    private_ids[i].push(id);
                }
            }
        }
    }
    // Subnets are listed AZ by AZ, public first, like the console.
    crate::order::sort_by(&mut t.subnets, |a, b| {
        (
            a.availability_zone.as_str(),
            !a.map_public_ip_on_launch,
            a.id.as_str(),
        )
            .cmp(&(
                b.availability_zone.as_str(),
                !b.map_public_ip_on_launch,
                b.id.as_str(),
            ))
    });

    if o.public_per_az > 0 {
        let igw = Id::new("igw");
        t.internet_gateways.push(InternetGateway {
            id: igw.clone(),
            name: format!("{n}-igw"),
            vpc: Some(vpc_id.clone()),
            tags: Tags::new(),
        });
        t.route_tables.push(RouteTable {
            id: Id::new("rt-public"),
            name: format!("{n}-rtb-public"),
            vpc: vpc_id.clone(),
            main: false,
            routes: vec![Route {
                destination: "0.0.0.0/0".into(),
                target: RouteTarget::InternetGateway(igw),
            }],
            subnets: public_ids.iter().flatten().cloned().collect(),
            tags: Tags::new(),
        });
    }

    let nat_azs: Vec<usize> = match o.nat {
        NatStrategy::None => Vec::new(),
        NatStrategy::Single => vec![0],
        NatStrategy::PerAz => (0..azs.len()).collect(),
    };
    for &i in &nat_azs {
        let az = &azs[i];
        t.nat_gateways.push(NatGateway {
            id: Id::new(format!("nat-{}", &az[az.len() - 1..])),
            name: format!("{n}-nat-public1-{az}"),
            subnet: public_ids[i][0].clone(),
            connectivity: NatConnectivity::Public,
            elastic_ip: Some(ElasticIp {
                name: format!("{n}-eip-{az}"),
            }),
            tags: Tags::new(),
        });
    }

    if o.private_per_az > 0 {
        let tables: Vec<(String, String, Vec<Id>, Option<Id>)> = match o.nat {
            NatStrategy::PerAz => azs
                .iter()
                .enumerate()
                .map(|(i, az)| {
                    let letter = &az[az.len() - 1..];
                    (
                        format!("rt-private-{letter}"),
                        format!("{n}-rtb-private-{az}"),
                        private_ids[i].clone(),
                        Some(Id::new(format!("nat-{letter}"))),
                    )
                })
                .collect(),
            _ => vec![(
                "rt-private".into(),
                format!("{n}-rtb-private"),
                private_ids.iter().flatten().cloned().collect(),
                t.nat_gateways.first().map(|g| g.id.clone()),
            )],
        };
        for (id, name, subnets, nat) in tables {
            t.route_tables.push(RouteTable {
                id: Id::new(id),
                name,
                vpc: vpc_id.clone(),
                main: false,
                routes: nat
                    .map(|nat| Route {
                        destination: "0.0.0.0/0".into(),
                        target: RouteTarget::NatGateway(nat),
                    })
                    .into_iter()
                    .collect(),
                subnets,
                tags: Tags::new(),
            });
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(az: u8) -> WizardOptions {
        WizardOptions {
            az_count: az,
            ..WizardOptions::default()
        }
    }

    #[test]
    fn console_defaults() {
        let t = wizard(&opts(2)).unwrap();
        let blocks: Vec<(&str, &str)> = t
            .subnets
            .iter()
            .map(|s| (s.name.as_str(), s.cidr.as_str()))
            .collect();
        assert_eq!(
            blocks,
            [
                ("project-subnet-public1-us-east-1a", "10.0.0.0/20"),
                ("project-subnet-private1-us-east-1a", "10.0.128.0/20"),
                ("project-subnet-public1-us-east-1b", "10.0.16.0/20"),
                ("project-subnet-private1-us-east-1b", "10.0.144.0/20"),
            ]
        );
        assert_eq!(t.nat_gateways.len(), 1);
        assert_eq!(t.route_tables.len(), 2);
    }

    #[test]
    fn adding_an_az_never_renumbers() {
        for nat in [NatStrategy::None, NatStrategy::Single, NatStrategy::PerAz] {
            for az in 1..6u8 {
                let small = wizard(&WizardOptions { nat, ..opts(az) }).unwrap();
                let big = wizard(&WizardOptions {
                    nat,
                    ..opts(az + 1)
                })
                .unwrap();
                for s in &small.subnets {
                    let same = big.subnet(&s.id).expect("subnet kept");
                    assert_eq!(
                        same.cidr,
                        s.cidr,
                        "{} moved when adding AZ {}",
                        s.name,
                        az + 1
                    );
                }
            }
        }
    }

    #[test]
    fn per_az_nat_gives_one_table_per_az() {
        let t = wizard(&WizardOptions {
            nat: NatStrategy::PerAz,
            ..opts(3)
        })
        .unwrap();
        assert_eq!(t.nat_gateways.len(), 3);
        assert_eq!(t.route_tables.len(), 4);
        for s in t.subnets.iter().filter(|s| !s.map_public_ip_on_launch) {
            let Some(RouteTarget::NatGateway(nat)) = t.default_route_of(s) else {
                panic!()
            };
            let nat_subnet = t.subnet(&t.nat_gateway(nat).unwrap().subnet).unwrap();
            assert_eq!(nat_subnet.availability_zone, s.availability_zone);
        }
    }

    #[test]
    fn bad_options_say_why() {
        assert!(wizard(&WizardOptions {
            vpc_cidr: "10.0.0.0/8".into(),
            ..opts(2)
        })
        .unwrap_err()
        .0
        .contains("/16 to /28"));
        assert!(wizard(&WizardOptions {
            region: "ap-southeast-1".into(),
            ..opts(4)
        })
        .unwrap_err()
        .0
        .contains("has 3"));
        let e = wizard(&WizardOptions {
            public_prefix: 17,
            ..opts(2)
        })
        .unwrap_err();
        assert!(e.0.contains("do not fit"), "{e}");
        assert!(wizard(&WizardOptions {
            public_per_az: 0,
            ..opts(2)
        })
        .is_err());
    }
}
