//! The check that the resources read from the AWS API are exactly the design:
//! every VPC, subnet, gateway, route, association, network ACL (entries and
//! subnets), rule, role and profile.

use std::collections::{BTreeMap, BTreeSet};

use netwright_core::catalog::managed_policy_arn;
use netwright_core::cidr;
use netwright_core::model::{AclDirection, Peer, Protocol, RouteTarget, Rule, Topology};
use serde_json::{json, Value};

use crate::awscli_state::{s, tag, State};

impl State {
    /// Asserts that the state is the design, resource by resource.
    pub fn check(&self, t: &Topology) {
        let one = |map: &BTreeMap<String, Value>, id: &str, what: &str| -> Value {
            map.get(id)
                .unwrap_or_else(|| panic!("{what} {id} was not created"))
                .clone()
        };
        let aws_id = |map: &BTreeMap<String, Value>, id: &str, key: &str| -> String {
            s(&one(map, id, key)[key]).to_string()
        };
        assert_eq!(self.vpcs.len(), t.vpcs.len(), "VPCs");
        for v in &t.vpcs {
            let got = one(&self.vpcs, v.id.as_str(), "vpc");
            assert_eq!(tag(&got, "Name"), Some(v.name.as_str()));
            assert_eq!(got["CidrBlock"], cidr::canonical(&v.cidr));
            assert_eq!(got["InstanceTenancy"], v.tenancy.as_aws());
            assert_eq!(got["enableDnsSupport"], v.enable_dns_support, "{}", v.name);
            assert_eq!(
                got["enableDnsHostnames"], v.enable_dns_hostnames,
                "{}",
                v.name
            );
            let blocks: BTreeSet<&str> = got["CidrBlockAssociationSet"]
                .as_array()
                .expect("blocks")
                .iter()
                .filter(|b| b["CidrBlockState"]["State"] == "associated")
                .map(|b| s(&b["CidrBlock"]))
                .collect();
            let want: BTreeSet<String> = v.cidrs().map(cidr::canonical).collect();
            assert_eq!(
                blocks,
                want.iter().map(String::as_str).collect::<BTreeSet<_>>()
            );
            for (k, val) in &v.tags {
                assert_eq!(tag(&got, k), Some(val.as_str()), "tag {k} of {}", v.name);
            }
        }
        assert_eq!(self.subnets.len(), t.subnets.len(), "subnets");
        for sn in &t.subnets {
            let got = one(&self.subnets, sn.id.as_str(), "subnet");
            assert_eq!(tag(&got, "Name"), Some(sn.name.as_str()));
            assert_eq!(got["VpcId"], aws_id(&self.vpcs, sn.vpc.as_str(), "VpcId"));
            assert_eq!(got["AvailabilityZone"], sn.availability_zone);
            assert_eq!(got["CidrBlock"], cidr::canonical(&sn.cidr));
            assert_eq!(
                got["MapPublicIpOnLaunch"], sn.map_public_ip_on_launch,
                "{}",
                sn.name
            );
            for (k, val) in &sn.tags {
                assert_eq!(tag(&got, k), Some(val.as_str()));
            }
        }
        assert_eq!(
            self.igws.len(),
            t.internet_gateways.len(),
            "internet gateways"
        );
        for g in &t.internet_gateways {
            let got = one(&self.igws, g.id.as_str(), "internet gateway");
            assert_eq!(tag(&got, "Name"), Some(g.name.as_str()));
            let attached = got["Attachments"][0]["VpcId"].as_str().map(String::from);
            let want = g
                .vpc
                .as_ref()
                .map(|v| aws_id(&self.vpcs, v.as_str(), "VpcId"));
            assert_eq!(attached, want, "attachment of {}", g.name);
        }
        assert_eq!(self.nats.len(), t.nat_gateways.len(), "NAT gateways");
        let eips = t
            .nat_gateways
            .iter()
            .filter(|n| n.elastic_ip.is_some())
            .count();
        assert_eq!(self.eips.len(), eips, "Elastic IPs");
        for n in &t.nat_gateways {
            let got = one(&self.nats, n.id.as_str(), "nat gateway");
            assert_eq!(tag(&got, "Name"), Some(n.name.as_str()));
            assert_eq!(got["State"], "available");
            assert_eq!(
                got["SubnetId"],
                aws_id(&self.subnets, n.subnet.as_str(), "SubnetId")
            );
            assert_eq!(got["ConnectivityType"], n.connectivity.as_aws());
            if let Some(eip) = &n.elastic_ip {
                let key = format!("{}/eip", n.id);
                let alloc = one(&self.eips, &key, "elastic ip");
                assert_eq!(tag(&alloc, "Name"), Some(eip.name.as_str()));
                assert_eq!(
                    got["NatGatewayAddresses"][0]["AllocationId"],
                    alloc["AllocationId"]
                );
            }
        }
        assert_eq!(self.tables.len(), t.route_tables.len(), "route tables");
        for rt in &t.route_tables {
            let got = one(&self.tables, rt.id.as_str(), "route table");
            assert_eq!(tag(&got, "Name"), Some(rt.name.as_str()));
            assert_eq!(got["VpcId"], aws_id(&self.vpcs, rt.vpc.as_str(), "VpcId"));
            let routes: BTreeMap<&str, (&str, &str)> = got["Routes"]
                .as_array()
                .expect("routes")
                .iter()
                .filter(|r| r["GatewayId"] != "local")
                .map(|r| {
                    let dest = s(&r["DestinationCidrBlock"]);
                    match (r["GatewayId"].as_str(), r["NatGatewayId"].as_str()) {
                        (Some(g), _) => (dest, ("igw", g)),
                        (_, Some(n)) => (dest, ("nat", n)),
                        _ => panic!("route {dest} of {} has no target: {r}", rt.name),
                    }
                })
                .collect();
            let mut want = BTreeMap::new();
            let mut ids = Vec::new();
            for r in &rt.routes {
                let target = match &r.target {
                    RouteTarget::InternetGateway(id) => {
                        ("igw", aws_id(&self.igws, id.as_str(), "InternetGatewayId"))
                    }
                    RouteTarget::NatGateway(id) => {
                        ("nat", aws_id(&self.nats, id.as_str(), "NatGatewayId"))
                    }
                };
                ids.push((cidr::canonical(&r.destination), target));
            }
            for (dest, (kind, id)) in &ids {
                want.insert(dest.as_str(), (*kind, id.as_str()));
            }
            assert_eq!(routes, want, "routes of {}", rt.name);
            let assocs = got["Associations"].as_array().expect("associations");
            let subnets: BTreeSet<&str> = assocs
                .iter()
                .filter_map(|a| a["SubnetId"].as_str())
                .collect();
            let want: BTreeSet<String> = rt
                .subnets
                .iter()
                .map(|id| aws_id(&self.subnets, id.as_str(), "SubnetId"))
                .collect();
            assert_eq!(
                subnets,
                want.iter().map(String::as_str).collect(),
                "associations of {}",
                rt.name
            );
            let main = assocs.iter().any(|a| a["Main"] == true);
            assert_eq!(main, rt.main, "main table {}", rt.name);
        }
        assert_eq!(
            self.groups.len(),
            t.security_groups.len(),
            "security groups"
        );
        let mut want_rules = BTreeSet::new();
        for g in &t.security_groups {
            let got = one(&self.groups, g.id.as_str(), "security group");
            assert_eq!(got["GroupName"], g.name);
            assert_eq!(got["Description"], g.description);
            assert_eq!(tag(&got, "Name"), Some(g.name.as_str()));
            assert_eq!(got["VpcId"], aws_id(&self.vpcs, g.vpc.as_str(), "VpcId"));
            let gid = s(&got["GroupId"]).to_string();
            for (list, egress) in [(&g.ingress, false), (&g.egress, true)] {
                for r in list {
                    want_rules.insert(self.rule(&gid, egress, r));
                }
            }
        }
        assert_eq!(self.rules, want_rules, "security group rules");
        assert_eq!(self.roles.len(), t.iam_roles.len(), "IAM roles");
        for r in &t.iam_roles {
            let got = &self.roles[&r.name];
            assert_eq!(got["Description"].as_str().unwrap_or(""), r.description);
            assert_eq!(tag(got, "Name"), Some(r.name.as_str()));
            assert!(
                tag(got, "netwright:design").is_some(),
                "design tag on {}",
                r.name
            );
            let services = &got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"];
            let services: BTreeSet<&str> = match services {
                Value::Array(a) => a.iter().map(s).collect(),
                one => [s(one)].into(),
            };
            let want: BTreeSet<&str> = r.trusted_services.iter().map(String::as_str).collect();
            assert_eq!(services, want, "trust policy of {}", r.name);
            let arns: BTreeSet<&str> = got["AttachedManagedPolicies"]
                .as_array()
                .expect("policies")
                .iter()
                .map(|p| s(&p["PolicyArn"]))
                .collect();
            let want: BTreeSet<String> = r
                .managed_policies
                .iter()
                .map(|p| managed_policy_arn(p).expect("known policy"))
                .collect();
            assert_eq!(
                arns,
                want.iter().map(String::as_str).collect(),
                "policies of {}",
                r.name
            );
            let profiles: Vec<&str> = got["InstanceProfileList"]
                .as_array()
                .expect("profiles")
                .iter()
                .map(|p| s(&p["InstanceProfileName"]))
                .collect();
            let want: Vec<&str> = if r.instance_profile {
                vec![r.name.as_str()]
            } else {
                vec![]
            };
            assert_eq!(profiles, want, "instance profile of {}", r.name);
        }
        self.check_acls(t);
    }

    /// Every network ACL in its VPC with exactly the design's entries (AWS's implicit
    /// deny, rule 32767, aside) and exactly its subnets.
    fn check_acls(&self, t: &Topology) {
        assert_eq!(self.acls.len(), t.network_acls.len(), "network ACLs");
        for acl in &t.network_acls {
            let got = self
                .acls
                .get(acl.id.as_str())
                .unwrap_or_else(|| panic!("network acl {} was not created", acl.id));
            assert_eq!(tag(got, "Name"), Some(acl.name.as_str()));
            assert_eq!(got["VpcId"], self.vpcs[acl.vpc.as_str()]["VpcId"]);
            assert_eq!(got["IsDefault"], false);
            for (k, v) in &acl.tags {
                assert_eq!(tag(got, k), Some(v.as_str()), "tag {k} of {}", acl.name);
            }
            let mut entries: Vec<Value> = got["Entries"]
                .as_array()
                .expect("entries")
                .iter()
                .filter(|e| e["RuleNumber"] != 32767)
                .cloned()
                .collect();
            let mut want = Vec::new();
            for direction in AclDirection::BOTH {
                for e in acl.entries(direction) {
                    let protocol = e.protocol().expect("protocol");
                    let block = e.block().expect("block").to_string();
                    let key = if block.contains(':') {
                        "Ipv6CidrBlock"
                    } else {
                        "CidrBlock"
                    };
                    let mut v = json!({
                        "Egress": direction == AclDirection::Outbound,
                        "Protocol": protocol.number().to_string(),
                        "RuleAction": e.action.as_aws(),
                        "RuleNumber": e.rule_number,
                    });
                    v[key] = json!(block);
                    if let Some((from, to)) = e.port_range().expect("ports") {
                        v["PortRange"] = json!({"From": from, "To": to});
                    }
                    if protocol.has_icmp() {
                        v["IcmpTypeCode"] = json!({"Code": e.icmp_code, "Type": e.icmp_type});
                    }
                    want.push(v);
                }
            }
            let key = |v: &Value| (v["Egress"].as_bool(), v["RuleNumber"].as_i64());
            entries.sort_by_key(key);
            want.sort_by_key(key);
            assert_eq!(entries, want, "entries of {}", acl.name);
            let subnets: BTreeSet<&str> = got["Associations"]
                .as_array()
                .expect("associations")
                .iter()
                .map(|a| s(&a["SubnetId"]))
                .collect();
            let listed: BTreeSet<&str> = acl
                .subnets
                .iter()
                .map(|id| s(&self.subnets[id.as_str()]["SubnetId"]))
                .collect();
            assert_eq!(subnets, listed, "subnets of {}", acl.name);
        }
    }

    /// A design rule as the rules read from the API.
    fn rule(
        &self,
        group: &str,
        egress: bool,
        r: &Rule,
    ) -> (String, bool, String, i64, i64, String, String) {
        let (from, to) = match r.protocol {
            Protocol::All => (-1, -1),
            _ => (i64::from(r.from_port), i64::from(r.to_port)),
        };
        let peer = match &r.peer {
            Peer::Cidr(c) => cidr::parse_any(c).expect("block").to_string(),
            Peer::SecurityGroup(id) => s(&self.groups[id.as_str()]["GroupId"]).to_string(),
        };
        (
            group.to_string(),
            egress,
            r.protocol.as_aws().to_string(),
            from,
            to,
            peer,
            r.description.clone(),
        )
    }
}
