//! A describe-output capture of any design, as the AWS CLI would print it after the
//! design was deployed (AWS-style ids, Name tags, the VPC's main route table, default
//! security group and network ACL): the import tests' round trip and the import
//! benchmark read it.
#![allow(dead_code)]

use std::collections::HashMap;

use netwright_core::model::{NatConnectivity, Peer, RouteTarget, Topology};
use serde_json::{json, Value};

/// One file per describe command: `(file name, JSON text)`.
pub fn capture(t: &Topology) -> Vec<(String, String)> {
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut n = 0u64;
    let mut aws = |id: &str, prefix: &str| -> String {
        ids.entry(id.to_string())
            .or_insert_with(|| {
                n += 1;
                format!("{prefix}-{n:017x}")
            })
            .clone()
    };
    // Ids first, so references resolve in any order.
    for v in &t.vpcs {
        aws(&v.id.0, "vpc");
    }
    for s in &t.subnets {
        aws(&s.id.0, "subnet");
    }
    for g in &t.internet_gateways {
        aws(&g.id.0, "igw");
    }
    for g in &t.nat_gateways {
        aws(&g.id.0, "nat");
        aws(&format!("{}/eip", g.id.0), "eipalloc");
    }
    for r in &t.route_tables {
        aws(&r.id.0, "rtb");
    }
    for g in &t.security_groups {
        aws(&g.id.0, "sg");
    }
    for a in &t.network_acls {
        aws(&a.id.0, "acl");
    }
    for v in &t.vpcs {
        aws(&format!("{}/main", v.id.0), "rtb");
        aws(&format!("{}/default-sg", v.id.0), "sg");
        aws(&format!("{}/acl", v.id.0), "acl");
    }
    let id = |k: &str| ids[k].clone();
    let tags = |name: &str| json!([{"Key": "Name", "Value": name}, {"Key": "netwright:design", "Value": t.name}]);
    let region = &t.region;

    let mut vpcs = vec![json!({
        "VpcId": "vpc-default0000000000", "CidrBlock": "172.31.0.0/16", "IsDefault": true,
        "InstanceTenancy": "default", "DhcpOptionsId": "default", "Tags": [],
        "CidrBlockAssociationSet": [{"CidrBlock": "172.31.0.0/16", "CidrBlockState": {"State": "associated"}}],
    })];
    let mut tables = Vec::new();
    let mut groups = Vec::new();
    let mut acls = Vec::new();
    for v in &t.vpcs {
        let mut blocks =
            vec![json!({"CidrBlock": v.cidr, "CidrBlockState": {"State": "associated"}})];
        blocks.extend(
            v.secondary_cidrs
                .iter()
                .map(|c| json!({"CidrBlock": c, "CidrBlockState": {"State": "associated"}})),
        );
        vpcs.push(json!({
            "VpcId": id(&v.id.0), "CidrBlock": v.cidr, "IsDefault": false,
            "InstanceTenancy": v.tenancy.as_aws(), "DhcpOptionsId": "default",
            "CidrBlockAssociationSet": blocks, "Ipv6CidrBlockAssociationSet": [], "Tags": tags(&v.name),
        }));
        let main = id(&format!("{}/main", v.id.0));
        tables.push(json!({
            "RouteTableId": main, "VpcId": id(&v.id.0), "Tags": [],
            "Associations": [{"Main": true, "RouteTableId": main, "AssociationState": {"State": "associated"}}],
            "Routes": [{"DestinationCidrBlock": v.cidr, "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}],
        }));
        let sg = id(&format!("{}/default-sg", v.id.0));
        groups.push(json!({
            "GroupId": sg, "GroupName": "default", "Description": "default VPC security group",
            "VpcId": id(&v.id.0), "OwnerId": "123456789012", "Tags": [],
            "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                "UserIdGroupPairs": [{"GroupId": sg, "UserId": "123456789012"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}],
        }));
        let all = |egress: bool, number: i64, action: &str| json!({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": action, "RuleNumber": number});
        acls.push(json!({
            "NetworkAclId": id(&format!("{}/acl", v.id.0)), "VpcId": id(&v.id.0), "IsDefault": true, "Tags": [],
            "Associations": t.subnets.iter().filter(|s| s.vpc == v.id && t.network_acl_of(&s.id).is_none()).map(|s| json!({"SubnetId": id(&s.id.0)})).collect::<Vec<_>>(),
            "Entries": [all(true, 100, "allow"), all(true, 32767, "deny"), all(false, 100, "allow"), all(false, 32767, "deny")],
        }));
    }
    // Custom ACLs as AWS lists them: protocol numbers, port ranges and ICMP type and
    // code objects, the implicit deny (32767, and 32768 for IPv6) in each direction.
    for a in &t.network_acls {
        let mut entries = Vec::new();
        for (egress, list) in [(false, &a.inbound), (true, &a.outbound)] {
            for e in list {
                let p = e.protocol().expect("a well-formed entry");
                let mut x = json!({"Egress": egress, "Protocol": p.number().to_string(),
                    "RuleAction": e.action.as_aws(), "RuleNumber": e.rule_number});
                let block = if e.cidr.contains(':') {
                    "Ipv6CidrBlock"
                } else {
                    "CidrBlock"
                };
                x[block] = json!(e.cidr);
                if let Ok(Some((from, to))) = e.port_range() {
                    x["PortRange"] = json!({"From": from, "To": to});
                }
                if p.has_icmp() {
                    x["IcmpTypeCode"] = json!({"Type": e.icmp_type, "Code": e.icmp_code});
                }
                entries.push(x);
            }
            entries.push(json!({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}));
            entries.push(json!({"Ipv6CidrBlock": "::/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}));
        }
        let mut acl_tags = tags(&a.name);
        for (k, v) in &a.tags {
            acl_tags
                .as_array_mut()
                .expect("a list")
                .push(json!({"Key": k, "Value": v}));
        }
        acls.push(json!({
            "NetworkAclId": id(&a.id.0), "VpcId": id(&a.vpc.0), "IsDefault": false, "Tags": acl_tags,
            "Associations": a.subnets.iter().map(|s| json!({"NetworkAclId": id(&a.id.0), "SubnetId": id(&s.0)})).collect::<Vec<_>>(),
            "Entries": entries,
        }));
    }
    let subnets: Vec<Value> = t
        .subnets
        .iter()
        .map(|s| {
            json!({
                "SubnetId": id(&s.id.0), "VpcId": id(&s.vpc.0), "CidrBlock": s.cidr,
                "AvailabilityZone": s.availability_zone, "MapPublicIpOnLaunch": s.map_public_ip_on_launch,
                "SubnetArn": format!("arn:aws:ec2:{region}:123456789012:subnet/{}", id(&s.id.0)),
                "State": "available", "Ipv6CidrBlockAssociationSet": [], "Tags": tags(&s.name),
            })
        })
        .collect();
    let igws: Vec<Value> = t
        .internet_gateways
        .iter()
        .map(|g| {
            let attachments: Vec<Value> = g.vpc.iter().map(|v| json!({"State": "available", "VpcId": id(&v.0)})).collect();
            json!({"InternetGatewayId": id(&g.id.0), "Attachments": attachments, "Tags": tags(&g.name)})
        })
        .collect();
    let mut addresses = Vec::new();
    let nats: Vec<Value> = t
        .nat_gateways
        .iter()
        .map(|g| {
            let vpc = t.subnet(&g.subnet).map(|s| id(&s.vpc.0)).unwrap_or_default();
            let mut a = json!({"NetworkInterfaceId": "eni-0", "PrivateIp": "10.0.0.5"});
            if let (NatConnectivity::Public, Some(eip)) = (g.connectivity, &g.elastic_ip) {
                let alloc = id(&format!("{}/eip", g.id.0));
                a["AllocationId"] = json!(alloc);
                addresses.push(json!({"AllocationId": alloc, "Domain": "vpc", "PublicIp": "198.51.100.1", "Tags": tags(&eip.name)}));
            }
            json!({
                "NatGatewayId": id(&g.id.0), "SubnetId": id(&g.subnet.0), "VpcId": vpc, "State": "available",
                "ConnectivityType": g.connectivity.as_aws(), "NatGatewayAddresses": [a], "Tags": tags(&g.name),
            })
        })
        .collect();
    for r in &t.route_tables {
        let vpc = t.vpc(&r.vpc).map(|v| v.cidr.clone()).unwrap_or_default();
        let mut routes = vec![
            json!({"DestinationCidrBlock": vpc, "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}),
        ];
        for route in &r.routes {
            let mut x = json!({"DestinationCidrBlock": route.destination, "Origin": "CreateRoute", "State": "active"});
            match &route.target {
                RouteTarget::InternetGateway(g) => x["GatewayId"] = json!(id(&g.0)),
                RouteTarget::NatGateway(g) => x["NatGatewayId"] = json!(id(&g.0)),
            }
            routes.push(x);
        }
        let mut assoc: Vec<Value> = r.subnets.iter().map(|s| json!({"Main": false, "SubnetId": id(&s.0), "AssociationState": {"State": "associated"}})).collect();
        if r.main {
            assoc.push(json!({"Main": true, "AssociationState": {"State": "associated"}}));
        }
        tables.push(json!({"RouteTableId": id(&r.id.0), "VpcId": id(&r.vpc.0), "Routes": routes, "Associations": assoc, "Tags": tags(&r.name)}));
    }
    for g in &t.security_groups {
        let perms = |rules: &[netwright_core::model::Rule]| -> Vec<Value> {
            rules
                .iter()
                .map(|r| {
                    let mut p = json!({"IpProtocol": r.protocol.as_aws(), "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []});
                    if r.protocol != netwright_core::model::Protocol::All {
                        p["FromPort"] = json!(r.from_port);
                        p["ToPort"] = json!(r.to_port);
                    }
                    let d = |mut v: Value| {
                        if !r.description.is_empty() {
                            v["Description"] = json!(r.description);
                        }
                        v
                    };
                    match &r.peer {
                        Peer::Cidr(c) if c.contains(':') => p["Ipv6Ranges"] = json!([d(json!({"CidrIpv6": c}))]),
                        Peer::Cidr(c) => p["IpRanges"] = json!([d(json!({"CidrIp": c}))]),
                        Peer::SecurityGroup(s) => {
                            p["UserIdGroupPairs"] = json!([d(json!({"GroupId": id(&s.0), "UserId": "123456789012"}))])
                        }
                    }
                    p
                })
                .collect()
        };
        groups.push(json!({
            "GroupId": id(&g.id.0), "GroupName": g.name, "Description": g.description, "VpcId": id(&g.vpc.0),
            "OwnerId": "123456789012", "Tags": tags(&g.name),
            "SecurityGroupArn": format!("arn:aws:ec2:{region}:123456789012:security-group/{}", id(&g.id.0)),
            "IpPermissions": perms(&g.ingress), "IpPermissionsEgress": perms(&g.egress),
        }));
    }
    let roles: Vec<Value> = t
        .iam_roles
        .iter()
        .map(|r| {
            let services = if r.trusted_services.len() == 1 { json!(r.trusted_services[0]) } else { json!(r.trusted_services) };
            let profiles: Vec<Value> = if r.instance_profile {
                vec![json!({"InstanceProfileName": r.name, "Roles": [{"RoleName": r.name, "Description": r.description}]})]
            } else {
                Vec::new()
            };
            let policies: Vec<Value> = r
                .managed_policies
                .iter()
                .map(|p| {
                    let arn = netwright_core::catalog::managed_policy_arn(p).unwrap_or_default();
                    let name = arn.rsplit('/').next().unwrap_or_default().to_string();
                    json!({"PolicyName": name, "PolicyArn": arn})
                })
                .collect();
            json!({
                "Path": "/", "RoleName": r.name, "RoleId": format!("AROA{:016}", r.name.len()),
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": services}, "Action": "sts:AssumeRole"}]},
                "InstanceProfileList": profiles, "RolePolicyList": [], "AttachedManagedPolicies": policies,
                "Tags": [],
            })
        })
        .collect();
    let listed: Vec<Value> = t
        .iam_roles
        .iter()
        .map(|r| json!({"Path": "/", "RoleName": r.name, "Description": r.description, "MaxSessionDuration": 3600}))
        .collect();
    let file = |name: &str, key: &str, list: Vec<Value>| {
        (
            name.to_string(),
            serde_json::to_string_pretty(&json!({ key: list })).expect("JSON"),
        )
    };
    vec![
        file("describe-vpcs.json", "Vpcs", vpcs),
        file("describe-subnets.json", "Subnets", subnets),
        file("describe-internet-gateways.json", "InternetGateways", igws),
        file("describe-nat-gateways.json", "NatGateways", nats),
        file("describe-addresses.json", "Addresses", addresses),
        file("describe-route-tables.json", "RouteTables", tables),
        file("describe-security-groups.json", "SecurityGroups", groups),
        file("describe-network-acls.json", "NetworkAcls", acls),
        file(
            "get-account-authorization-details.json",
            "RoleDetailList",
            roles,
        ),
        file("list-roles.json", "Roles", listed),
    ]
}
