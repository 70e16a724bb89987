//! The network resources: VPCs and their extra blocks, subnets, internet gateways
//! and their attachments, Elastic IPs and NAT gateways, route tables, routes and
//! subnet associations.

use serde_json::{json, Map, Value};

use super::{block_words, canonical_block, clip, Builder};
use crate::cidr;
use crate::model::{EntityKind, RouteTarget};

/// Properties from `(key, value)` pairs, in order.
fn props<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// `AWS::EC2::VPC`, then an `AWS::EC2::VPCCidrBlock` per secondary block.
pub(super) fn vpcs(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, v) in t.vpcs.iter().enumerate() {
        let id = b.own(EntityKind::Vpc, i);
        let block = canonical_block(&v.cidr);
        let p = props([
            ("CidrBlock", json!(block)),
            ("EnableDnsSupport", json!(v.enable_dns_support)),
            ("EnableDnsHostnames", json!(v.enable_dns_hostnames)),
            ("InstanceTenancy", json!(v.tenancy.as_aws())),
            ("Tags", b.tags(&v.name, &v.tags)),
        ]);
        b.add(id.clone(), "AWS::EC2::VPC", Vec::new(), None, p);
        b.output(
            &id,
            format!("VPC {} ({block})", clip(&v.name)),
            json!({"Ref": id}),
        );
        for extra in &v.secondary_cidrs {
            let extra = canonical_block(extra);
            let block_id = b.ids.derived(
                &format!("{id}Cidr{}", block_words(&extra)),
                &format!("{}/cidr/{extra}", v.id),
            );
            let p = props([("VpcId", json!({"Ref": id})), ("CidrBlock", json!(extra))]);
            b.add(
                block_id.clone(),
                "AWS::EC2::VPCCidrBlock",
                Vec::new(),
                None,
                p,
            );
            b.blocks.push((v.id.clone(), extra, block_id));
        }
    }
}

/// `AWS::EC2::Subnet`; one in a secondary block waits for that block.
pub(super) fn subnets(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, s) in t.subnets.iter().enumerate() {
        let id = b.own(EntityKind::Subnet, i);
        let block = canonical_block(&s.cidr);
        let depends_on: Vec<String> = match cidr::parse(&s.cidr) {
            Ok(c) => b
                .blocks
                .iter()
                .filter(|(vpc, extra, _)| {
                    vpc == &s.vpc && cidr::parse(extra).is_ok_and(|e| cidr::contains(e.net, c.net))
                })
                .map(|(_, _, logical)| logical.clone())
                .take(1)
                .collect(),
            Err(_) => Vec::new(),
        };
        let az = json!({"Ref": b.az_params[&s.availability_zone]});
        let p = props([
            ("VpcId", b.reference(EntityKind::Vpc, &s.vpc)),
            ("CidrBlock", json!(block)),
            ("AvailabilityZone", az),
            ("MapPublicIpOnLaunch", json!(s.map_public_ip_on_launch)),
            ("Tags", b.tags(&s.name, &s.tags)),
        ]);
        b.add(id.clone(), "AWS::EC2::Subnet", depends_on, None, p);
        b.output(
            &id,
            format!(
                "Subnet {} ({block}, {})",
                clip(&s.name),
                clip(&s.availability_zone)
            ),
            json!({"Ref": id}),
        );
    }
}

/// `AWS::EC2::InternetGateway` and, when attached, its `AWS::EC2::VPCGatewayAttachment`.
pub(super) fn internet_gateways(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, g) in t.internet_gateways.iter().enumerate() {
        let id = b.own(EntityKind::InternetGateway, i);
        let p = props([("Tags", b.tags(&g.name, &g.tags))]);
        b.add(id.clone(), "AWS::EC2::InternetGateway", Vec::new(), None, p);
        if let Some(vpc) = &g.vpc {
            let attachment = b
                .ids
                .derived(&format!("{id}Attachment"), &format!("{}/attachment", g.id));
            let p = props([
                ("VpcId", b.reference(EntityKind::Vpc, vpc)),
                ("InternetGatewayId", json!({"Ref": id})),
            ]);
            b.add(
                attachment.clone(),
                "AWS::EC2::VPCGatewayAttachment",
                Vec::new(),
                None,
                p,
            );
            b.attachments.push((g.id.clone(), vpc.clone(), attachment));
        }
    }
}

/// `AWS::EC2::EIP` (for a NAT gateway with an Elastic IP) and `AWS::EC2::NatGateway`.
pub(super) fn nat_gateways(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, g) in t.nat_gateways.iter().enumerate() {
        let id = b.own(EntityKind::NatGateway, i);
        let mut p = Map::new();
        if let Some(eip) = &g.elastic_ip {
            let eip_id = b.ids.derived(&format!("{id}Eip"), &format!("{}/eip", g.id));
            // AWS: an Elastic IP for a VPC in the same template must depend on the
            // VPC's internet gateway attachment.
            let vpc = t.subnet(&g.subnet).map(|s| &s.vpc);
            let depends_on: Vec<String> = b
                .attachments
                .iter()
                .filter(|(_, v, _)| Some(v) == vpc)
                .map(|(_, _, a)| a.clone())
                .collect();
            let eip_props = props([
                ("Domain", json!("vpc")),
                ("Tags", b.tags(&eip.name, &Default::default())),
            ]);
            b.add(eip_id.clone(), "AWS::EC2::EIP", depends_on, None, eip_props);
            p.insert(
                "AllocationId".into(),
                json!({"Fn::GetAtt": [eip_id, "AllocationId"]}),
            );
        }
        p.insert(
            "SubnetId".into(),
            b.reference(EntityKind::Subnet, &g.subnet),
        );
        p.insert("ConnectivityType".into(), json!(g.connectivity.as_aws()));
        p.insert("Tags".into(), b.tags(&g.name, &g.tags));
        b.add(id, "AWS::EC2::NatGateway", Vec::new(), None, p);
    }
}

/// `AWS::EC2::RouteTable`, its `AWS::EC2::Route`s and its
/// `AWS::EC2::SubnetRouteTableAssociation`s (a main table also takes the subnets of
/// its VPC that have no table: see the module documentation).
pub(super) fn route_tables(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, rt) in t.route_tables.iter().enumerate() {
        let id = b.own(EntityKind::RouteTable, i);
        let metadata = rt.main.then(|| {
            json!({"Netwright": {"MainRouteTable": "The design marks this table as the VPC's \
                main table. CloudFormation cannot replace a VPC's main table, so every subnet \
                of the design that has no table of its own is associated with this one \
                explicitly."}})
        });
        let p = props([
            ("VpcId", b.reference(EntityKind::Vpc, &rt.vpc)),
            ("Tags", b.tags(&rt.name, &rt.tags)),
        ]);
        b.add(id.clone(), "AWS::EC2::RouteTable", Vec::new(), metadata, p);

        for route in &rt.routes {
            let dest = canonical_block(&route.destination);
            let words = if cidr::is_default_route(&dest) {
                "Default".to_string()
            } else {
                block_words(&dest)
            };
            let route_id = b.ids.derived(
                &format!("{id}Route{words}"),
                &format!("{}/route/{dest}", rt.id),
            );
            let dest_key = if dest.contains(':') {
                "DestinationIpv6CidrBlock"
            } else {
                "DestinationCidrBlock"
            };
            let mut p = props([
                ("RouteTableId", json!({"Ref": id})),
                (dest_key, json!(dest)),
            ]);
            let mut depends_on = Vec::new();
            match &route.target {
                RouteTarget::InternetGateway(g) => {
                    p.insert(
                        "GatewayId".into(),
                        b.reference(EntityKind::InternetGateway, g),
                    );
                    // A route to a gateway needs the gateway attached first.
                    depends_on.extend(
                        b.attachments
                            .iter()
                            .filter(|(gw, _, _)| gw == g)
                            .map(|(_, _, a)| a.clone()),
                    );
                }
                RouteTarget::NatGateway(g) => {
                    p.insert(
                        "NatGatewayId".into(),
                        b.reference(EntityKind::NatGateway, g),
                    );
                }
            }
            b.add(route_id, "AWS::EC2::Route", depends_on, None, p);
        }

        let mut subnets: Vec<_> = rt.subnets.clone();
        if rt.main {
            subnets.extend(
                t.subnets
                    .iter()
                    .filter(|s| {
                        s.vpc == rt.vpc && !t.route_tables.iter().any(|o| o.subnets.contains(&s.id))
                    })
                    .map(|s| s.id.clone()),
            );
        }
        for subnet in &subnets {
            let subnet_logical = b
                .logical(EntityKind::Subnet, subnet)
                .unwrap_or_else(|| super::logical_ids::pascal_case(subnet.as_str()));
            let assoc = b.ids.derived(
                &format!("{subnet_logical}RouteTableAssociation"),
                &format!("{}/association/{subnet}", rt.id),
            );
            let p = props([
                ("SubnetId", b.reference(EntityKind::Subnet, subnet)),
                ("RouteTableId", json!({"Ref": id})),
            ]);
            b.add(
                assoc,
                "AWS::EC2::SubnetRouteTableAssociation",
                Vec::new(),
                None,
                p,
            );
        }
    }
}
