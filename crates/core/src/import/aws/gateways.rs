//! Internet gateways, NAT gateways and their Elastic IPs, from
//! describe-internet-gateways, describe-nat-gateways and describe-addresses.

use std::collections::{HashMap, HashSet};

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note};
use crate::model::{ElasticIp, Id, InternetGateway, NatConnectivity, NatGateway, Topology};

/// Internet gateways attached to the chosen VPCs (detached ones too when no `--vpc`
/// narrows the import).
pub(crate) fn internet_gateways<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    for n in cap.list("InternetGateways") {
        let id = n.str("InternetGatewayId")?;
        if scope.igws.contains(id) {
            continue;
        }
        let attached: Vec<&str> = n
            .list("Attachments")
            .iter()
            .filter(|a| !matches!(a.opt_str("State"), Some("detaching" | "detached")))
            .filter_map(|a| a.opt_str("VpcId"))
            .collect();
        let vpc = match attached.first() {
            Some(v) if !scope.admits(v, "internet gateway(s)") => continue,
            Some(v) => Some(Id::new(*v)),
            None if scope.filtered => {
                notes.push(Note::new(
                    id,
                    "the detached internet gateway",
                    "it belongs to no VPC selected with --vpc",
                ));
                continue;
            }
            None => None,
        };
        scope.igws.insert(id);
        t.internet_gateways.push(InternetGateway {
            id: Id::new(id),
            name: n.name_or(id),
            vpc,
            tags: n.tags(id, notes),
        });
    }
    Ok(())
}

/// NAT gateways of the chosen VPCs, each public one with its Elastic IP (named from
/// describe-addresses), then a note for every Elastic IP no NAT gateway uses.
pub(crate) fn nat_gateways<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let mut addresses: HashMap<&str, Node<'a>> = HashMap::new();
    for n in cap.list("Addresses") {
        if let Some(a) = n.opt_str("AllocationId") {
            addresses.entry(a).or_insert(*n);
        }
    }
    // Allocation ids any NAT gateway of the capture uses (chosen VPC or not).
    let mut used: HashSet<&str> = HashSet::new();
    for n in cap.list("NatGateways") {
        let id = n.str("NatGatewayId")?;
        let state = n.opt_str("State").unwrap_or("available");
        let gone = matches!(state, "deleted" | "deleting" | "failed");
        let nat_addresses = n.list("NatGatewayAddresses");
        if !gone {
            used.extend(
                nat_addresses
                    .iter()
                    .filter_map(|a| a.opt_str("AllocationId")),
            );
        }
        let vpc = n.str("VpcId")?;
        if !scope.admits(vpc, "NAT gateway(s)") || scope.nats.contains(id) {
            continue;
        }
        if gone {
            notes.push(Note::new(
                id,
                format!("the {state} NAT gateway"),
                "only working NAT gateways are imported",
            ));
            continue;
        }
        let Some(subnet) = n.opt_str("SubnetId") else {
            notes.push(Note::new(
                id,
                "the regional NAT gateway",
                "the model holds zonal NAT gateways only, each in one subnet",
            ));
            continue;
        };
        if !scope.subnets.contains(subnet) {
            notes.push(Note::new(
                id,
                format!("the NAT gateway in {subnet}"),
                "its subnet is not in the capture: add the output of describe-subnets",
            ));
            continue;
        }
        let connectivity = match n.opt_str("ConnectivityType") {
            Some("private") => NatConnectivity::Private,
            _ => NatConnectivity::Public,
        };
        let primary = nat_addresses
            .iter()
            .position(|a| a.flag("IsPrimary"))
            .unwrap_or(0);
        let mut elastic_ip = None;
        for (i, a) in nat_addresses.iter().enumerate() {
            let alloc = a.opt_str("AllocationId");
            if i == primary && connectivity == NatConnectivity::Public {
                // An address still being allocated has no id yet: no Elastic IP.
                let Some(alloc) = alloc else {
                    continue;
                };
                elastic_ip = Some(ElasticIp {
                    name: match addresses.get(alloc) {
                        Some(addr) => {
                            let name = addr.name_or(alloc);
                            let extra = addr.tags(alloc, notes);
                            if !extra.is_empty() {
                                let keys: Vec<&str> = extra.keys().map(String::as_str).collect();
                                notes.push(Note::new(
                                    alloc,
                                    format!("tags {}", keys.join(", ")),
                                    "the model keeps an Elastic IP's Name tag only",
                                ));
                            }
                            name
                        }
                        None => alloc.to_string(),
                    },
                });
            } else if i != primary {
                let ip = alloc
                    .or_else(|| a.opt_str("PrivateIp"))
                    .unwrap_or("an address");
                notes.push(Note::new(
                    id,
                    format!("secondary address {ip}"),
                    "the model holds one address per NAT gateway",
                ));
            }
        }
        scope.nats.insert(id);
        t.nat_gateways.push(NatGateway {
            id: Id::new(id),
            name: n.name_or(id),
            subnet: Id::new(subnet),
            connectivity,
            elastic_ip,
            tags: n.tags(id, notes),
        });
    }
    for n in cap.list("Addresses") {
        let Some(alloc) = n.opt_str("AllocationId") else {
            continue;
        };
        if used.contains(alloc) {
            continue;
        }
        let ip = n.opt_str("PublicIp").unwrap_or("");
        notes.push(Note::new(
            alloc,
            format!("Elastic IP {} {ip}", n.name_or(alloc))
                .trim_end()
                .to_string(),
            "the model holds Elastic IPs only as a NAT gateway's address",
        ));
        used.insert(alloc);
    }
    Ok(())
}
