//! Synthetic designs of any size, for benchmarks and exporter stress tests: one VPC in
//! us-east-1 with public and private tiers over up to six AZs, one NAT gateway per AZ,
//! security groups that reference each other, and a few IAM roles.

use std::net::Ipv4Addr;

use crate::catalog;
use crate::cidr::{self, Ipv4Net};
use crate::model::{
    ElasticIp, IamRole, Id, InternetGateway, NatConnectivity, NatGateway, Peer, Protocol, Route,
    RouteTable, RouteTarget, Rule, SecurityGroup, Subnet, Tags, Topology, Vpc,
};

/// The Region: the only one with six Availability Zones.
const REGION: &str = "us-east-1";
/// A VPC holds at most five /16 blocks (the default quota).
const MAX_BLOCKS: usize = 5;
/// The most subnets that fit: five /16 blocks of /28s.
pub const MAX_SYNTHETIC_SUBNETS: usize = MAX_BLOCKS * 4096;
/// AWS's default quota of rules per group and direction.
const MAX_RULES_PER_GROUP: usize = 60;
/// Database ports the groups allow from other groups (never from the world).
const DATABASE_PORTS: [i32; 6] = [5432, 3306, 1433, 1521, 27017, 6379];

/// A deterministic, valid (no errors) design of `subnets` subnets over `azs`
/// Availability Zones, `groups` security groups and `rules` inbound rules in total.
///
/// Layout, so that it stays valid at any size:
/// - One VPC, `10.0.0.0/16` plus as many of `10.1.0.0/16` .. `10.4.0.0/16` as needed.
///   Subnets are the largest of /24 to /28 that fit (1,000 subnets are /24s, 5,000 are
///   /26s), at most [`MAX_SYNTHETIC_SUBNETS`]; asking for more gives that many.
/// - Subnet `i` is in AZ `i % azs` (`azs` is clamped to 1-6); every fourth row of AZs is
///   public, so each AZ's first subnet is public and holds that AZ's NAT gateway.
/// - One public route table (default route to the internet gateway) and one private
///   table per AZ (default route to that AZ's NAT gateway): no cross-AZ traffic.
/// - Group 0 is a load balancer open to the world on 80 and 443; every other rule
///   allows a distinct port from a CIDR block (IPv4 or IPv6) or from another group,
///   some of them database ports from groups only, at most 60 per group (extra `rules`
///   beyond `60 * groups` are dropped).
/// - Three IAM roles (EC2 with an instance profile, ECS execution, Lambda) with
///   narrow AWS managed policies.
///
/// More than 200 subnets exceed the adjustable subnets-per-VPC quota and six AZs need
/// six Elastic IPs (quota: 5): those are warnings, never errors, so exporters can run
/// on any synthetic design.
///
/// ```
/// use netwright_core::{templates::synthetic, validate, Severity};
/// let t = synthetic(1000, 6, 300, 5000);
/// assert_eq!(t.subnets.len(), 1000);
/// assert_eq!(t.security_groups.len(), 300);
/// assert_eq!(t.security_groups.iter().map(|g| g.ingress.len()).sum::<usize>(), 5000);
/// assert!(validate(&t).iter().all(|d| d.severity != Severity::Error));
/// ```
pub fn synthetic(subnets: usize, azs: u8, groups: usize, rules: usize) -> Topology {
    let n = subnets.min(MAX_SYNTHETIC_SUBNETS);
    let zones = catalog::availability_zones(REGION);
    let az_count = usize::from(azs.clamp(1, 6)).min(zones.len());
    let mut t = Topology::new("synthetic", REGION);

    // The largest subnets for which the blocks suffice.
    let prefix = (24u8..=28)
        .find(|&p| n.div_ceil(per_block(p)) <= MAX_BLOCKS)
        .unwrap_or(28);
    let blocks = n.div_ceil(per_block(prefix)).max(1);
    let block = |b: usize| -> Ipv4Net {
        Ipv4Net::new(Ipv4Addr::new(10, b as u8, 0, 0), 16).expect("valid /16")
    };
    let vpc = Id::new("vpc");
    let mut v = Vpc::new(vpc.clone(), "synthetic-vpc", block(0).to_string());
    v.secondary_cidrs = (1..blocks).map(|b| block(b).to_string()).collect();
    t.vpcs.push(v);

    let mut public_ids = Vec::new();
    let mut private_ids: Vec<Vec<Id>> = vec![Vec::new(); az_count];
    for i in 0..n {
        let a = i % az_count;
        let az = &zones[a];
        let public = (i / az_count) % 4 == 0;
        let base = u64::from(u32::from(block(i / per_block(prefix)).network()));
        let addr = base + (i % per_block(prefix)) as u64 * cidr::size(prefix);
        let net = Ipv4Net::new(Ipv4Addr::from(addr as u32), prefix).expect("prefix 24-28");
        let tier = if public { "public" } else { "private" };
        let id = Id::new(format!("subnet-{i}"));
        let mut s = Subnet::new(
            id.clone(),
            format!("synthetic-{tier}-{i:05}-{az}"),
            vpc.clone(),
            az.clone(),
            net.to_string(),
        );
        s.map_public_ip_on_launch = public;
        t.subnets.push(s);
        if public {
            public_ids.push(id);
        } else {
            private_ids[a].push(id);
        }
    }

    let igw = Id::new("igw");
    t.internet_gateways.push(InternetGateway {
        id: igw.clone(),
        name: "synthetic-igw".into(),
        vpc: Some(vpc.clone()),
        tags: Tags::new(),
    });
    t.route_tables.push(RouteTable {
        id: Id::new("rt-public"),
        name: "synthetic-rt-public".into(),
        vpc: vpc.clone(),
        main: false,
        routes: vec![Route {
            destination: "0.0.0.0/0".into(),
            target: RouteTarget::InternetGateway(igw),
        }],
        subnets: public_ids,
        tags: Tags::new(),
    });
    // Subnet `a` (a < az_count) is the first of AZ `a`, and public.
    for (a, private) in private_ids.into_iter().enumerate().take(n) {
        let az = &zones[a];
        let nat = Id::new(format!("nat-{a}"));
        t.nat_gateways.push(NatGateway {
            id: nat.clone(),
            name: format!("synthetic-nat-{az}"),
            subnet: Id::new(format!("subnet-{a}")),
            connectivity: NatConnectivity::Public,
            elastic_ip: Some(ElasticIp {
                name: format!("synthetic-eip-{az}"),
            }),
            tags: Tags::new(),
        });
        if private.is_empty() {
            continue;
        }
        t.route_tables.push(RouteTable {
            id: Id::new(format!("rt-private-{a}")),
            name: format!("synthetic-rt-private-{az}"),
            vpc: vpc.clone(),
            main: false,
            routes: vec![Route {
                destination: "0.0.0.0/0".into(),
                target: RouteTarget::NatGateway(nat),
            }],
            subnets: private,
            tags: Tags::new(),
        });
    }

    for g in 0..groups {
        let count = (rules / groups + usize::from(g < rules % groups)).min(MAX_RULES_PER_GROUP);
        t.security_groups.push(SecurityGroup {
            id: Id::new(format!("sg-{g}")),
            name: format!("synthetic-group-{g:04}"),
            description: format!("Synthetic group {g}"),
            vpc: vpc.clone(),
            ingress: (0..count).map(|k| rule(g, k, groups)).collect(),
            egress: vec![Rule::allow_all_egress()],
            tags: Tags::new(),
        });
    }
    t.iam_roles = roles();
    t
}

/// Subnets of `prefix` in one /16 block.
fn per_block(prefix: u8) -> usize {
    1usize << (prefix - 16)
}

/// The `k`th inbound rule of group `g`: every rule of a group has its own port (or is
/// one of group 0's world rules on 80 and 443), so no two rules are duplicates.
fn rule(g: usize, k: usize, groups: usize) -> Rule {
    let group =
        |offset: usize| Peer::SecurityGroup(Id::new(format!("sg-{}", (g + offset) % groups)));
    if g == 0 && k < 2 {
        let port = if k == 0 { 80 } else { 443 };
        return Rule::tcp(
            port,
            Peer::Cidr("0.0.0.0/0".into()),
            "Web traffic from the internet",
        );
    }
    if k % 7 == 3 && k / 7 < DATABASE_PORTS.len() {
        return Rule::tcp(
            DATABASE_PORTS[k / 7],
            group(k + 1),
            "Database from an application group",
        );
    }
    let port = 1024 + k as i32;
    let peer = match k % 3 {
        0 => Peer::Cidr(format!("10.{}.{}.0/24", k % 5, (g * 7 + k) % 256)),
        1 => Peer::Cidr(format!("fd00:{:x}:{:x}::/64", g % 0x10000, k)),
        _ => group(k + 1),
    };
    Rule {
        protocol: if k % 11 == 5 {
            Protocol::Udp
        } else {
            Protocol::Tcp
        },
        from_port: port,
        to_port: port,
        peer,
        description: format!("Synthetic rule {k}"),
    }
}

fn roles() -> Vec<IamRole> {
    let role = |id: &str, name: &str, principal: &str, policies: &[&str]| IamRole {
        id: Id::new(id),
        name: name.into(),
        description: format!("Synthetic role trusted by {principal}"),
        trusted_services: vec![principal.into()],
        managed_policies: policies.iter().map(|p| p.to_string()).collect(),
        instance_profile: principal == "ec2.amazonaws.com",
        tags: Tags::new(),
    };
    vec![
        role(
            "role-ec2",
            "synthetic-ec2-role",
            "ec2.amazonaws.com",
            &[
                "AmazonSSMManagedInstanceCore",
                "CloudWatchAgentServerPolicy",
            ],
        ),
        role(
            "role-ecs-execution",
            "synthetic-ecs-execution-role",
            "ecs-tasks.amazonaws.com",
            &["AmazonECSTaskExecutionRolePolicy"],
        ),
        role(
            "role-lambda",
            "synthetic-lambda-role",
            "lambda.amazonaws.com",
            &[
                "AWSLambdaBasicExecutionRole",
                "AWSLambdaVPCAccessExecutionRole",
            ],
        ),
    ]
}
