//! The structural checks of the CloudFormation tests: a template read back, compared
//! with the design it came from, kind by kind (nothing missing, nothing extra).

use std::collections::BTreeMap;

use netwright_core::catalog::managed_policy_arn;
use netwright_core::cidr;
use netwright_core::model::{AclDirection, Peer, RouteTarget};
use netwright_core::Topology;
use serde_json::{json, Value};

use super::support::Template;

pub fn check_counts(tpl: &Template, t: &Topology) {
    let group_rules = |egress: bool| {
        t.security_groups
            .iter()
            .flat_map(|g| if egress { &g.egress } else { &g.ingress })
            .filter(|r| matches!(r.peer, Peer::SecurityGroup(_)))
            .count()
    };
    let associated = t
        .subnets
        .iter()
        .filter(|s| t.route_table_of(s).is_some())
        .count();
    let expected: BTreeMap<&str, usize> = [
        ("AWS::EC2::VPC", t.vpcs.len()),
        (
            "AWS::EC2::VPCCidrBlock",
            t.vpcs.iter().map(|v| v.secondary_cidrs.len()).sum(),
        ),
        ("AWS::EC2::Subnet", t.subnets.len()),
        ("AWS::EC2::InternetGateway", t.internet_gateways.len()),
        (
            "AWS::EC2::VPCGatewayAttachment",
            t.internet_gateways
                .iter()
                .filter(|g| g.vpc.is_some())
                .count(),
        ),
        (
            "AWS::EC2::EIP",
            t.nat_gateways
                .iter()
                .filter(|g| g.elastic_ip.is_some())
                .count(),
        ),
        ("AWS::EC2::NatGateway", t.nat_gateways.len()),
        ("AWS::EC2::RouteTable", t.route_tables.len()),
        (
            "AWS::EC2::Route",
            t.route_tables.iter().map(|r| r.routes.len()).sum(),
        ),
        ("AWS::EC2::SubnetRouteTableAssociation", associated),
        ("AWS::EC2::NetworkAcl", t.network_acls.len()),
        (
            "AWS::EC2::NetworkAclEntry",
            t.network_acls
                .iter()
                .map(|a| a.inbound.len() + a.outbound.len())
                .sum(),
        ),
        (
            "AWS::EC2::SubnetNetworkAclAssociation",
            t.network_acls.iter().map(|a| a.subnets.len()).sum(),
        ),
        ("AWS::EC2::SecurityGroup", t.security_groups.len()),
        ("AWS::EC2::SecurityGroupIngress", group_rules(false)),
        ("AWS::EC2::SecurityGroupEgress", group_rules(true)),
        ("AWS::IAM::Role", t.iam_roles.len()),
        (
            "AWS::IAM::InstanceProfile",
            t.iam_roles.iter().filter(|r| r.instance_profile).count(),
        ),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .collect();
    assert_eq!(tpl.counts(), expected, "{}: resources by type", tpl.name);
}

pub fn check_vpcs_and_subnets(tpl: &Template, t: &Topology) {
    for v in &t.vpcs {
        let p = tpl.props(&tpl.named("AWS::EC2::VPC", &v.name));
        assert_eq!(p["CidrBlock"], json!(cidr::canonical(&v.cidr)));
        assert_eq!(p["EnableDnsSupport"], json!(v.enable_dns_support));
        assert_eq!(p["EnableDnsHostnames"], json!(v.enable_dns_hostnames));
        assert_eq!(p["InstanceTenancy"], json!(v.tenancy.as_aws()));
        let mut blocks: Vec<String> = tpl
            .of_type("AWS::EC2::VPCCidrBlock")
            .into_iter()
            .filter(|id| tpl.target_name(&tpl.props(id)["VpcId"]) == v.name)
            .map(|id| tpl.props(&id)["CidrBlock"].as_str().unwrap().to_string())
            .collect();
        blocks.sort();
        let mut want: Vec<String> = v
            .secondary_cidrs
            .iter()
            .map(|c| cidr::canonical(c))
            .collect();
        want.sort();
        assert_eq!(blocks, want, "{}: secondary blocks of {}", tpl.name, v.name);
    }
    for s in &t.subnets {
        let id = tpl.named("AWS::EC2::Subnet", &s.name);
        let p = tpl.props(&id);
        let vpc = t.vpc(&s.vpc).unwrap();
        assert_eq!(
            p["CidrBlock"],
            json!(cidr::canonical(&s.cidr)),
            "{}",
            s.name
        );
        assert_eq!(
            tpl.resolve(&p["AvailabilityZone"]),
            json!(s.availability_zone)
        );
        assert_eq!(p["MapPublicIpOnLaunch"], json!(s.map_public_ip_on_launch));
        assert_eq!(tpl.target_name(&p["VpcId"]), vpc.name);
        // A subnet in a secondary block waits for it; one in the primary does not.
        let in_secondary = !cidr::contains(
            cidr::parse(&vpc.cidr).unwrap().net,
            cidr::parse(&s.cidr).unwrap().net,
        );
        let waits: Vec<String> = tpl.depends_on(&id);
        assert_eq!(waits.len(), usize::from(in_secondary), "{}", s.name);
        for w in waits {
            assert_eq!(tpl.type_of(&w), "AWS::EC2::VPCCidrBlock");
        }
    }
}

pub fn check_gateways(tpl: &Template, t: &Topology) {
    for g in &t.internet_gateways {
        let id = tpl.named("AWS::EC2::InternetGateway", &g.name);
        let attached: Vec<String> = tpl
            .of_type("AWS::EC2::VPCGatewayAttachment")
            .into_iter()
            .filter(|a| tpl.props(a)["InternetGatewayId"] == json!({"Ref": id}))
            .map(|a| tpl.target_name(&tpl.props(&a)["VpcId"]))
            .collect();
        let want: Vec<String> = g
            .vpc
            .iter()
            .map(|v| t.vpc(v).unwrap().name.clone())
            .collect();
        assert_eq!(attached, want, "{}: attachment of {}", tpl.name, g.name);
    }
    for g in &t.nat_gateways {
        let p = tpl.props(&tpl.named("AWS::EC2::NatGateway", &g.name));
        assert_eq!(
            tpl.target_name(&p["SubnetId"]),
            t.subnet(&g.subnet).unwrap().name
        );
        assert_eq!(p["ConnectivityType"], json!(g.connectivity.as_aws()));
        match &g.elastic_ip {
            Some(eip) => {
                assert_eq!(tpl.target_name(&p["AllocationId"]), eip.name);
                let eip_id = p["AllocationId"]["Fn::GetAtt"][0].as_str().unwrap();
                assert_eq!(tpl.props(eip_id)["Domain"], json!("vpc"));
            }
            None => assert!(p.get("AllocationId").is_none(), "{}", g.name),
        }
    }
}

pub fn check_routes(tpl: &Template, t: &Topology) {
    let mut got: Vec<(String, String, String)> = Vec::new();
    for id in tpl.of_type("AWS::EC2::Route") {
        let p = tpl.props(&id);
        let table = tpl.target_name(&p["RouteTableId"]);
        let dest = p["DestinationCidrBlock"].as_str().unwrap().to_string();
        let target = match (p.get("GatewayId"), p.get("NatGatewayId")) {
            (Some(g), None) => {
                // Routes to an internet gateway wait for its attachment.
                let waits = tpl.depends_on(&id);
                assert_eq!(waits.len(), 1, "{id}");
                assert_eq!(
                    tpl.props(&waits[0])["InternetGatewayId"],
                    *g,
                    "{id} waits for the wrong attachment"
                );
                format!("igw {}", tpl.target_name(g))
            }
            (None, Some(n)) => format!("nat {}", tpl.target_name(n)),
            other => panic!("{id}: unexpected target {other:?}"),
        };
        got.push((table, dest, target));
    }
    let mut want: Vec<(String, String, String)> = Vec::new();
    for rt in &t.route_tables {
        for r in &rt.routes {
            let target = match &r.target {
                RouteTarget::InternetGateway(g) => {
                    format!("igw {}", t.internet_gateway(g).unwrap().name)
                }
                RouteTarget::NatGateway(g) => format!("nat {}", t.nat_gateway(g).unwrap().name),
            };
            want.push((rt.name.clone(), cidr::canonical(&r.destination), target));
        }
    }
    got.sort();
    want.sort();
    assert_eq!(got, want, "{}: routes", tpl.name);

    // Every subnet routes through the table the design gives it (explicit or main).
    let mut got: Vec<(String, String)> = tpl
        .of_type("AWS::EC2::SubnetRouteTableAssociation")
        .into_iter()
        .map(|a| {
            let p = tpl.props(&a);
            (
                tpl.target_name(&p["SubnetId"]),
                tpl.target_name(&p["RouteTableId"]),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = t
        .subnets
        .iter()
        .filter_map(|s| Some((s.name.clone(), t.route_table_of(s)?.name.clone())))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{}: associations", tpl.name);
}

/// A rule as compared: direction, protocol, ports, peer, description.
type RuleKey = (String, String, i64, i64, String, String);

pub fn check_security_groups(tpl: &Template, t: &Topology) {
    let blocker: RuleKey = (
        "egress".into(),
        "icmp".into(),
        252,
        86,
        "cidr 255.255.255.255/32".into(),
        "Netwright: no outbound traffic (this rule matches nothing)".into(),
    );
    for g in &t.security_groups {
        let id = tpl.named("AWS::EC2::SecurityGroup", &g.name);
        let p = tpl.props(&id);
        assert_eq!(p["GroupName"], json!(g.name));
        assert_eq!(p["GroupDescription"], json!(g.description));
        assert_eq!(tpl.target_name(&p["VpcId"]), t.vpc(&g.vpc).unwrap().name);

        let mut got: Vec<RuleKey> = Vec::new();
        for (dir, key) in [
            ("ingress", "SecurityGroupIngress"),
            ("egress", "SecurityGroupEgress"),
        ] {
            for r in p.get(key).and_then(Value::as_array).into_iter().flatten() {
                assert!(r.get("SourceSecurityGroupId").is_none());
                let peer = match (r.get("CidrIp"), r.get("CidrIpv6")) {
                    (Some(c), None) | (None, Some(c)) => format!("cidr {}", c.as_str().unwrap()),
                    other => panic!("inline rule without one block: {other:?}"),
                };
                got.push(rule_key(dir, r, peer));
            }
        }
        for (dir, ty, peer_key) in [
            (
                "ingress",
                "AWS::EC2::SecurityGroupIngress",
                "SourceSecurityGroupId",
            ),
            (
                "egress",
                "AWS::EC2::SecurityGroupEgress",
                "DestinationSecurityGroupId",
            ),
        ] {
            for rid in tpl.of_type(ty) {
                let r = tpl.props(&rid);
                if r["GroupId"] != json!({"Fn::GetAtt": [id, "GroupId"]}) {
                    continue;
                }
                let peer = format!("sg {}", tpl.target_name(&r[peer_key]));
                got.push(rule_key(dir, &r, peer));
            }
        }

        let mut want: Vec<RuleKey> = Vec::new();
        for (dir, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
            for r in rules {
                let peer = match &r.peer {
                    Peer::Cidr(c) => format!("cidr {}", cidr::parse_any(c).unwrap()),
                    Peer::SecurityGroup(s) => format!("sg {}", t.security_group(s).unwrap().name),
                };
                want.push((
                    dir.into(),
                    r.protocol.as_aws().into(),
                    r.from_port.into(),
                    r.to_port.into(),
                    peer,
                    r.description.clone(),
                ));
            }
        }
        if !g.egress.iter().any(|r| matches!(r.peer, Peer::Cidr(_))) {
            want.push(blocker.clone());
        }
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}: rules of {}", tpl.name, g.name);
    }
}

fn rule_key(dir: &str, r: &Value, peer: String) -> RuleKey {
    let protocol = r["IpProtocol"].as_str().unwrap().to_string();
    let port = |k: &str| r.get(k).map_or(-1, |p| p.as_i64().unwrap());
    if protocol == "-1" {
        assert!(r.get("FromPort").is_none() && r.get("ToPort").is_none());
    }
    let description = r.get("Description").map_or("", |d| d.as_str().unwrap());
    (
        dir.into(),
        protocol,
        port("FromPort"),
        port("ToPort"),
        peer,
        description.into(),
    )
}

pub fn check_roles(tpl: &Template, t: &Topology) {
    for r in &t.iam_roles {
        let id = tpl
            .of_type("AWS::IAM::Role")
            .into_iter()
            .find(|id| tpl.props(id)["RoleName"] == json!(r.name))
            .unwrap_or_else(|| panic!("{}: no role {}", tpl.name, r.name));
        let p = tpl.props(&id);
        let statement = &p["AssumeRolePolicyDocument"]["Statement"];
        assert_eq!(statement.as_array().unwrap().len(), 1);
        assert_eq!(statement[0]["Effect"], json!("Allow"));
        assert_eq!(statement[0]["Action"], json!("sts:AssumeRole"));
        assert_eq!(
            statement[0]["Principal"],
            json!({"Service": r.trusted_services})
        );
        let arns: Vec<String> = r
            .managed_policies
            .iter()
            .map(|m| managed_policy_arn(m).unwrap())
            .collect();
        assert_eq!(p["ManagedPolicyArns"], json!(arns), "{}", r.name);
        assert_eq!(p["Description"], json!(r.description));
        let profiles: Vec<Value> = tpl
            .of_type("AWS::IAM::InstanceProfile")
            .into_iter()
            .map(|i| tpl.props(&i))
            .filter(|i| i["Roles"] == json!([{"Ref": id}]))
            .collect();
        if r.instance_profile {
            assert_eq!(profiles.len(), 1, "{}", r.name);
            assert_eq!(profiles[0]["InstanceProfileName"], json!(r.name));
        } else {
            assert!(profiles.is_empty(), "{}", r.name);
        }
    }
}

/// Every ACL in its VPC, each entry as designed (direction, number, protocol number,
/// action, block under the key of its family, ports or ICMP type and code), each
/// subnet associated with the ACL that lists it.
pub fn check_acls(tpl: &Template, t: &Topology) {
    for acl in &t.network_acls {
        let id = tpl.named("AWS::EC2::NetworkAcl", &acl.name);
        let vpc = t.vpc(&acl.vpc).unwrap();
        assert_eq!(
            tpl.target_name(&tpl.props(&id)["VpcId"]),
            vpc.name,
            "{}",
            acl.name
        );
        let mut got: Vec<Value> = tpl
            .of_type("AWS::EC2::NetworkAclEntry")
            .into_iter()
            .map(|e| tpl.props(&e))
            .filter(|p| p["NetworkAclId"] == json!({"Ref": id}))
            .map(|mut p| {
                p.as_object_mut().unwrap().remove("NetworkAclId");
                p
            })
            .collect();
        let mut want: Vec<Value> = Vec::new();
        for direction in AclDirection::BOTH {
            for e in acl.entries(direction) {
                let protocol = e.protocol().unwrap();
                let block = e.block().unwrap().to_string();
                let key = if block.contains(':') {
                    "Ipv6CidrBlock"
                } else {
                    "CidrBlock"
                };
                let mut p = json!({
                    "RuleNumber": e.rule_number,
                    "Protocol": protocol.number(),
                    "RuleAction": e.action.as_aws(),
                    "Egress": direction == AclDirection::Outbound,
                });
                p[key] = json!(block);
                if let Some((from, to)) = e.port_range().unwrap() {
                    p["PortRange"] = json!({"From": from, "To": to});
                }
                if protocol.has_icmp() {
                    p["Icmp"] = json!({"Code": e.icmp_code, "Type": e.icmp_type});
                }
                want.push(p);
            }
        }
        let key = |v: &Value| (v["Egress"].as_bool(), v["RuleNumber"].as_i64());
        got.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(got, want, "{}: entries of {}", tpl.name, acl.name);
        let mut served: Vec<String> = tpl
            .of_type("AWS::EC2::SubnetNetworkAclAssociation")
            .into_iter()
            .filter(|a| tpl.props(a)["NetworkAclId"] == json!({"Ref": id}))
            .map(|a| tpl.target_name(&tpl.props(&a)["SubnetId"]))
            .collect();
        let mut listed: Vec<String> = acl
            .subnets
            .iter()
            .map(|s| t.subnet(s).unwrap().name.clone())
            .collect();
        served.sort();
        listed.sort();
        assert_eq!(served, listed, "{}: subnets of {}", tpl.name, acl.name);
    }
}
