//! VPCs and their extra blocks, subnets, internet gateways and their attachments,
//! Elastic IPs and NAT gateways.

use std::collections::HashMap;

use super::resources::{name_and_tags, name_or, Build, Props, Res};
use crate::model::{
    ElasticIp, EntityKind, Id, InternetGateway, NatConnectivity, NatGateway, Subnet, Tenancy, Vpc,
};

/// Why a property the model cannot hold is left out, for the common ones.
fn why(key: &str) -> Option<&'static str> {
    Some(match key {
        "Ipv6CidrBlock"
        | "Ipv6CidrBlocks"
        | "AmazonProvidedIpv6CidrBlock"
        | "Ipv6Pool"
        | "Ipv6IpamPoolId"
        | "Ipv6NetmaskLength"
        | "AssignIpv6AddressOnCreation"
        | "Ipv6Native"
        | "EnableDns64" => "the model holds IPv4 blocks only",
        "Ipv4IpamPoolId" | "Ipv4NetmaskLength" => "the model has no IPAM pools",
        "AvailabilityZoneId" => "the model names zones, not zone ids",
        "OutpostArn" => "the model has no Outposts",
        "PrivateDnsNameOptionsOnLaunch" => "the model keeps AWS's default (IP-based names)",
        _ => return None,
    })
}

/// `AWS::EC2::VPC`.
pub(super) fn vpcs(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let Some(cidr) = p.text("CidrBlock", b) else {
            b.note(
                r.id,
                "the VPC",
                "it has no IPv4 CidrBlock the design can hold (IPAM pools are not imported)",
            );
            p.finish(b, why);
            continue;
        };
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        let mut v = Vpc::new(r.id, name_or(name, r.id, 256), cidr);
        v.tags = tags;
        // AWS's defaults when the template leaves them out.
        v.enable_dns_support = p.flag("EnableDnsSupport", b).unwrap_or(true);
        v.enable_dns_hostnames = p.flag("EnableDnsHostnames", b).unwrap_or(false);
        match p.text("InstanceTenancy", b).as_deref() {
            None | Some("default") => {}
            Some("dedicated") => v.tenancy = Tenancy::Dedicated,
            Some(other) => b.note(
                r.id,
                format!("instance tenancy {other}"),
                "the model holds default or dedicated tenancy only",
            ),
        }
        p.finish(b, why);
        b.add(EntityKind::Vpc, r.id, b.t.vpcs.len());
        b.t.vpcs.push(v);
    }
}

/// `AWS::EC2::VPCCidrBlock`: an IPv4 block becomes a secondary block of its VPC.
pub(super) fn cidr_blocks(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let vpc = p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc));
        let cidr = p.text("CidrBlock", b);
        p.finish(b, why);
        match (vpc, cidr) {
            (Some(Ok(vpc)), Some(cidr)) => {
                let i = b.at(&vpc);
                b.t.vpcs[i].secondary_cidrs.push(cidr);
            }
            (Some(Err(e)), _) => b.note(r.id, "the VPC's extra block", e),
            (None, _) => b.note(r.id, "the extra block", "it names no VpcId"),
            (_, None) => {}
        }
    }
}

/// `AWS::EC2::Subnet`.
pub(super) fn subnets(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let vpc = match p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                b.note(r.id, "the subnet", e);
                continue;
            }
            None => {
                b.note(r.id, "the subnet", "it names no VpcId");
                continue;
            }
        };
        let Some(cidr) = p.text("CidrBlock", b) else {
            b.note(
                r.id,
                "the subnet",
                "it has no IPv4 CidrBlock the design can hold",
            );
            continue;
        };
        let az = p.text("AvailabilityZone", b).unwrap_or_else(|| {
            b.note(
                r.id,
                "its Availability Zone",
                "the template leaves the choice to AWS: set the zone by hand",
            );
            String::new()
        });
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        let mut s = Subnet::new(r.id, name_or(name, r.id, 256), vpc, az, cidr);
        s.tags = tags;
        s.map_public_ip_on_launch = p.flag("MapPublicIpOnLaunch", b).unwrap_or(false);
        p.finish(b, why);
        b.add(EntityKind::Subnet, r.id, b.t.subnets.len());
        b.t.subnets.push(s);
    }
}

/// `AWS::EC2::InternetGateway`.
pub(super) fn internet_gateways(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        p.finish(b, why);
        b.add(
            EntityKind::InternetGateway,
            r.id,
            b.t.internet_gateways.len(),
        );
        b.t.internet_gateways.push(InternetGateway {
            id: Id::new(r.id),
            name: name_or(name, r.id, 256),
            vpc: None,
            tags,
        });
    }
}

/// `AWS::EC2::VPCGatewayAttachment`: attaches an internet gateway to its VPC.
pub(super) fn attachments(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        if p.get("VpnGatewayId").is_some() {
            b.note(
                r.id,
                "the VPN gateway attachment",
                "the model has no VPN gateways",
            );
        }
        let igw = p
            .get("InternetGatewayId")
            .map(|v| b.target(v, EntityKind::InternetGateway));
        let vpc = p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc));
        p.finish(b, why);
        match (igw, vpc) {
            (Some(Ok(igw)), Some(Ok(vpc))) => {
                let i = b.at(&igw);
                if let Some(old) = &b.t.internet_gateways[i].vpc {
                    let old = old.clone();
                    b.note(
                        r.id,
                        "the second attachment of the gateway",
                        format!("an internet gateway attaches to one VPC; it stays with {old}"),
                    );
                } else {
                    b.t.internet_gateways[i].vpc = Some(vpc);
                }
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => b.note(r.id, "the attachment", e),
            (Some(_), None) => b.note(r.id, "the attachment", "it names no VpcId"),
            (None, _) => {}
        }
    }
}

/// `AWS::EC2::EIP`: the name of each, for the NAT gateways that use them.
pub(super) fn elastic_ips(rs: &[&Res<'_>], b: &mut Build) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in rs {
        let mut p = Props::new(r);
        p.skip("Domain");
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        if !tags.is_empty() {
            let keys: Vec<&str> = tags.keys().map(String::as_str).collect();
            b.note(
                r.id,
                format!("tags {}", keys.join(", ")),
                "the model keeps an Elastic IP's Name tag only",
            );
        }
        p.finish(b, |k| match k {
            "InstanceId" => Some("the model has no instances"),
            _ => None,
        });
        out.push((r.id.to_string(), name_or(name, r.id, 256)));
    }
    out
}

/// `AWS::EC2::NatGateway`, each public one with its Elastic IP; then a note for
/// every Elastic IP no NAT gateway uses.
pub(super) fn nat_gateways(rs: &[&Res<'_>], eip_list: &[(String, String)], b: &mut Build) {
    let eips: HashMap<&str, &String> = eip_list.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut used = std::collections::HashSet::new();
    for r in rs {
        let mut p = Props::new(r);
        let subnet = match p.get("SubnetId").map(|v| b.target(v, EntityKind::Subnet)) {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                b.note(r.id, "the NAT gateway", e);
                continue;
            }
            None => {
                b.note(
                    r.id,
                    "the regional NAT gateway",
                    "the model holds zonal NAT gateways (one subnet each) only",
                );
                continue;
            }
        };
        let connectivity = match p.text("ConnectivityType", b).as_deref() {
            Some("private") => NatConnectivity::Private,
            _ => NatConnectivity::Public,
        };
        let elastic_ip = match p.get("AllocationId") {
            None => None,
            Some(v) => match v.target().and_then(|e| eips.get(e).map(|n| (e, n))) {
                Some((e, name)) => {
                    used.insert(e.to_string());
                    Some(ElasticIp {
                        name: name.to_string(),
                    })
                }
                None => {
                    b.note(
                        r.id,
                        format!("the Elastic IP {}", v.label()),
                        "it is not an AWS::EC2::EIP of the template: the design allocates a new one",
                    );
                    Some(ElasticIp {
                        name: format!("{}-eip", r.id),
                    })
                }
            },
        };
        let elastic_ip = if connectivity == NatConnectivity::Private {
            None
        } else {
            elastic_ip
        };
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        p.finish(b, |k| match k {
            "SecondaryAllocationIds"
            | "SecondaryPrivateIpAddresses"
            | "SecondaryPrivateIpAddressCount" => {
                Some("the model holds one address per NAT gateway")
            }
            "PrivateIpAddress" => Some("the model lets AWS choose the private address"),
            "MaxDrainDurationSeconds" => Some("the model keeps AWS's default drain time"),
            _ => None,
        });
        b.add(EntityKind::NatGateway, r.id, b.t.nat_gateways.len());
        b.t.nat_gateways.push(NatGateway {
            id: Id::new(r.id),
            name: name_or(name, r.id, 256),
            subnet,
            connectivity,
            elastic_ip,
            tags,
        });
    }
    for (e, name) in eip_list.iter().filter(|(e, _)| !used.contains(e)) {
        b.note(
            e,
            format!("Elastic IP {name}"),
            "the model holds Elastic IPs only as a NAT gateway's address",
        );
    }
}
