//! VPCs (and which of them to import) and their subnets, from describe-vpcs,
//! describe-vpc-attribute and describe-subnets.

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note};
use crate::model::{Subnet, Tenancy, Topology, Vpc};

/// Chooses the VPCs to import: those named by `--vpc` (id or Name tag), else every
/// VPC but the default one. Imports the chosen VPCs into `t`.
pub(crate) fn vpcs<'a>(
    cap: &Capture<'a>,
    wanted: &[String],
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<Scope<'a>, ImportError> {
    let mut scope = Scope {
        filtered: !wanted.is_empty(),
        ..Scope::default()
    };
    let mut all: Vec<(&'a str, Node<'a>)> = Vec::new();
    for n in cap.list("Vpcs") {
        let id = n.str("VpcId")?;
        if scope.known_vpcs.insert(id) {
            all.push((id, *n));
        }
    }
    for asked in wanted {
        let hits: Vec<&str> = all
            .iter()
            .filter(|(id, n)| *id == asked || n.tag("Name") == Some(asked.as_str()))
            .map(|(id, _)| *id)
            .collect();
        if hits.is_empty() {
            return Err(ImportError::UnknownVpc {
                asked: asked.clone(),
                found: all
                    .iter()
                    .map(|(id, n)| {
                        let mut s = format!("{id} ({})", n.name_or("no name"));
                        if n.flag("IsDefault") {
                            s.push_str(", the default VPC");
                        }
                        s
                    })
                    .collect(),
            });
        }
        scope.vpcs.extend(hits);
    }
    for (id, n) in &all {
        let default = n.flag("IsDefault");
        if !scope.filtered && !default {
            scope.vpcs.insert(id);
        }
        if !scope.vpcs.contains(id) {
            let (dropped, why) = if default && !scope.filtered {
                (
                    "the default VPC and everything in it".to_string(),
                    "the default VPC is skipped: name it with --vpc to import it",
                )
            } else {
                (
                    format!("VPC {} and everything in it", n.name_or(id)),
                    "not selected with --vpc",
                )
            };
            notes.push(Note::new(*id, dropped, why));
            continue;
        }
        t.vpcs.push(vpc(cap, id, n, notes)?);
    }
    Ok(scope)
}

fn vpc(
    cap: &Capture<'_>,
    id: &str,
    n: &Node<'_>,
    notes: &mut Vec<Note>,
) -> Result<Vpc, ImportError> {
    let cidr = n.str("CidrBlock")?;
    let mut v = Vpc::new(id, n.name_or(id), cidr);
    for a in n.list("CidrBlockAssociationSet") {
        let block = a.str("CidrBlock")?;
        let state =
            a.v.at(&["CidrBlockState", "State"])
                .and_then(|s| s.as_str());
        if block != cidr && matches!(state, None | Some("associated" | "associating")) {
            v.secondary_cidrs.push(block.to_string());
        }
    }
    ipv6_notes(n, id, notes);
    match n.opt_str("InstanceTenancy") {
        None | Some("default") => {}
        Some("dedicated") => v.tenancy = Tenancy::Dedicated,
        Some(other) => notes.push(Note::new(
            id,
            format!("instance tenancy {other}"),
            "the model holds default or dedicated tenancy only",
        )),
    }
    if let Some(dopt) = n.opt_str("DhcpOptionsId").filter(|d| *d != "default") {
        let set = cap
            .list("DhcpOptions")
            .iter()
            .find(|o| o.opt_str("DhcpOptionsId") == Some(dopt));
        match set {
            Some(set) if aws_default_dhcp(set) => {}
            Some(_) => notes.push(Note::new(
                id,
                format!("DHCP options set {dopt}"),
                "the model has no DHCP options; a new VPC gets the Region's default set",
            )),
            None => notes.push(Note::new(
                id,
                format!("DHCP options set {dopt}, if it is not AWS's default"),
                "the model has no DHCP options: add describe-dhcp-options to tell",
            )),
        }
    }
    let mut support = None;
    let mut hostnames = None;
    for a in cap.vpc_attributes.iter().filter(|a| a.vpc == id) {
        support = a.dns_support.or(support);
        hostnames = a.dns_hostnames.or(hostnames);
    }
    v.enable_dns_support = support.unwrap_or(true);
    v.enable_dns_hostnames = hostnames.unwrap_or(true);
    let unknown: Vec<&str> = [
        ("enableDnsSupport", support),
        ("enableDnsHostnames", hostnames),
    ]
    .into_iter()
    .filter(|(_, x)| x.is_none())
    .map(|(k, _)| k)
    .collect();
    if !unknown.is_empty() {
        notes.push(Note::new(
            id,
            format!("{}, set on", unknown.join(" and ")),
            "describe-vpcs does not report DNS settings: add describe-vpc-attribute outputs to read them",
        ));
    }
    v.tags = n.tags(id, notes);
    Ok(v)
}

/// Whether a DHCP options set is the one AWS makes for a Region: AmazonProvidedDNS and
/// the Region's internal domain name, nothing else.
fn aws_default_dhcp(set: &Node<'_>) -> bool {
    let mut seen = 0;
    for c in set.list("DhcpConfigurations") {
        let values: Vec<&str> = c
            .list("Values")
            .iter()
            .filter_map(|v| v.opt_str("Value"))
            .collect();
        let ok = match (c.opt_str("Key"), values.as_slice()) {
            (Some("domain-name-servers"), ["AmazonProvidedDNS"]) => true,
            (Some("domain-name"), [name]) => {
                *name == "ec2.internal" || name.ends_with(".compute.internal")
            }
            _ => false,
        };
        if !ok {
            return false;
        }
        seen += 1;
    }
    seen == 2
}

/// Settings of a subnet the model does not hold, when they differ from AWS's defaults.
const SUBNET_FLAGS: &[(&str, &str)] = &[
    (
        "AssignIpv6AddressOnCreation",
        "assigning IPv6 addresses on creation",
    ),
    ("EnableDns64", "DNS64"),
    (
        "MapCustomerOwnedIpOnLaunch",
        "customer-owned IP addresses on launch",
    ),
];

/// The subnets of the chosen VPCs.
pub(crate) fn subnets<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    for n in cap.list("Subnets") {
        let id = n.str("SubnetId")?;
        let vpc = n.str("VpcId")?;
        if !scope.admits(vpc, "subnet(s)") || scope.subnets.contains(id) {
            continue;
        }
        let Some(cidr) = n.opt_str("CidrBlock") else {
            notes.push(Note::new(
                id,
                "the IPv6-only subnet",
                "the model holds IPv4 subnets only",
            ));
            continue;
        };
        let mut s = Subnet::new(id, n.name_or(id), vpc, n.str("AvailabilityZone")?, cidr);
        s.map_public_ip_on_launch = n.flag("MapPublicIpOnLaunch");
        ipv6_notes(n, id, notes);
        for (flag, what) in SUBNET_FLAGS {
            if n.flag(flag) {
                notes.push(Note::new(id, *what, "the model has no such subnet setting"));
            }
        }
        if let Some(outpost) = n.opt_str("OutpostArn") {
            notes.push(Note::new(
                id,
                format!("Outpost {outpost}"),
                "the model has no Outposts",
            ));
        }
        let dns = n.v.get("PrivateDnsNameOptionsOnLaunch");
        let dns_on = |k: &str| dns.and_then(|d| d.get(k)).and_then(|b| b.as_bool()) == Some(true);
        let hostname = dns
            .and_then(|d| d.get("HostnameType"))
            .and_then(|h| h.as_str());
        if dns_on("EnableResourceNameDnsARecord")
            || dns_on("EnableResourceNameDnsAAAARecord")
            || hostname.is_some_and(|h| h != "ip-name")
        {
            notes.push(Note::new(
                id,
                "resource-based hostname options",
                "the model keeps AWS's default (IP-based names)",
            ));
        }
        s.tags = n.tags(id, notes);
        scope.subnets.insert(id);
        t.subnets.push(s);
    }
    Ok(())
}

/// A note for each IPv6 block a VPC or subnet has (associated or being associated).
fn ipv6_notes(n: &Node<'_>, id: &str, notes: &mut Vec<Note>) {
    for a in n.list("Ipv6CidrBlockAssociationSet") {
        let state =
            a.v.at(&["Ipv6CidrBlockState", "State"])
                .and_then(|s| s.as_str());
        if matches!(state, None | Some("associated" | "associating")) {
            notes.push(Note::new(
                id,
                format!("IPv6 block {}", a.opt_str("Ipv6CidrBlock").unwrap_or("?")),
                "the model holds IPv4 blocks only",
            ));
        }
    }
}
