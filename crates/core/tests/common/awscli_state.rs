//! The design's resources as the AWS API reports them (read from moto); the check
//! that they are exactly the design is in awscli_check.rs.

use std::collections::{BTreeMap, BTreeSet};

use netwright_core::model::Topology;
use serde_json::Value;

use crate::awscli::Moto;

/// The value of tag `key` on an AWS resource.
pub fn tag<'a>(resource: &'a Value, key: &str) -> Option<&'a str> {
    resource["Tags"]
        .as_array()?
        .iter()
        .find(|t| t["Key"] == key)
        .and_then(|t| t["Value"].as_str())
}

/// The design's resources in a describe result, by their `netwright:id` tag; a
/// duplicate id fails the test.
pub fn by_id(list: &Value, design: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for r in list.as_array().into_iter().flatten() {
        if tag(r, "netwright:design") != Some(design) {
            continue;
        }
        let id = tag(r, "netwright:id").expect("an id tag").to_string();
        assert!(
            out.insert(id.clone(), r.clone()).is_none(),
            "two resources carry netwright:id {id}"
        );
    }
    out
}

/// A JSON string (the test fails on anything else).
pub fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The design's resources as the API reports them, reduced to what the design
/// decides plus the AWS ids (so that two reads compare equal only if nothing moved).
#[derive(Debug, PartialEq)]
pub struct State {
    pub vpcs: BTreeMap<String, Value>,
    pub subnets: BTreeMap<String, Value>,
    pub igws: BTreeMap<String, Value>,
    pub eips: BTreeMap<String, Value>,
    pub nats: BTreeMap<String, Value>,
    pub tables: BTreeMap<String, Value>,
    /// Network ACLs with their entries and associations (association ids change when
    /// a subnet is moved, so a re-association shows).
    pub acls: BTreeMap<String, Value>,
    pub groups: BTreeMap<String, Value>,
    pub rules: BTreeSet<(String, bool, String, i64, i64, String, String)>,
    pub roles: BTreeMap<String, Value>,
}

impl State {
    pub fn read(m: &Moto, t: &Topology) -> State {
        let tagged = r#"[{"Name":"tag-key","Values":["netwright:design"]}]"#;
        let d = &t.name;
        let mut vpcs = by_id(
            &m.aws(&["ec2", "describe-vpcs", "--filters", tagged])["Vpcs"],
            d,
        );
        for v in vpcs.values_mut() {
            let id = s(&v["VpcId"]).to_string();
            for attr in ["enableDnsSupport", "enableDnsHostnames"] {
                let a = m.aws(&[
                    "ec2",
                    "describe-vpc-attribute",
                    "--vpc-id",
                    &id,
                    "--attribute",
                    attr,
                ]);
                let key = format!("{}{}", attr[..1].to_uppercase(), &attr[1..]);
                v[attr] = a[&key]["Value"].clone();
            }
        }
        let subnets = by_id(
            &m.aws(&["ec2", "describe-subnets", "--filters", tagged])["Subnets"],
            d,
        );
        let igws = by_id(
            &m.aws(&["ec2", "describe-internet-gateways", "--filters", tagged])["InternetGateways"],
            d,
        );
        let eips = by_id(
            &m.aws(&["ec2", "describe-addresses", "--filters", tagged])["Addresses"],
            d,
        );
        let nats = by_id(
            &m.aws(&[
                "ec2",
                "describe-nat-gateways",
                "--filter",
                "Name=state,Values=pending,available",
            ])["NatGateways"],
            d,
        );
        let tables = by_id(
            &m.aws(&["ec2", "describe-route-tables", "--filters", tagged])["RouteTables"],
            d,
        );
        let acls = by_id(
            &m.aws(&["ec2", "describe-network-acls", "--filters", tagged])["NetworkAcls"],
            d,
        );
        let groups = by_id(
            &m.aws(&["ec2", "describe-security-groups", "--filters", tagged])["SecurityGroups"],
            d,
        );
        // describe-security-groups, not describe-security-group-rules: moto's rule
        // list drops the descriptions of rules naming a group.
        let mut rules = BTreeSet::new();
        for g in groups.values() {
            let gid = s(&g["GroupId"]);
            for (key, egress) in [("IpPermissions", false), ("IpPermissionsEgress", true)] {
                for p in g[key].as_array().into_iter().flatten() {
                    let proto = s(&p["IpProtocol"]).to_string();
                    let (from, to) = if proto == "-1" {
                        (-1, -1)
                    } else {
                        (
                            p["FromPort"].as_i64().unwrap_or(-1),
                            p["ToPort"].as_i64().unwrap_or(-1),
                        )
                    };
                    let peers = [
                        ("IpRanges", "CidrIp"),
                        ("Ipv6Ranges", "CidrIpv6"),
                        ("UserIdGroupPairs", "GroupId"),
                        ("PrefixListIds", "PrefixListId"),
                    ];
                    for (list, field) in peers {
                        for peer in p[list].as_array().into_iter().flatten() {
                            rules.insert((
                                gid.to_string(),
                                egress,
                                proto.clone(),
                                from,
                                to,
                                s(&peer[field]).to_string(),
                                peer["Description"].as_str().unwrap_or("").to_string(),
                            ));
                        }
                    }
                }
            }
        }
        let details = m.aws(&[
            "iam",
            "get-account-authorization-details",
            "--filter",
            "Role",
        ]);
        // Role details lack the description: list-roles has it.
        let listed = m.aws(&["iam", "list-roles"]);
        let names: BTreeSet<&str> = t.iam_roles.iter().map(|r| r.name.as_str()).collect();
        let roles = details["RoleDetailList"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| names.contains(s(&r["RoleName"])))
            .map(|r| {
                let mut r = r.clone();
                let description = listed["Roles"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|x| x["RoleName"] == r["RoleName"])
                    .map(|x| x["Description"].clone())
                    .unwrap_or(Value::Null);
                r["Description"] = description;
                (s(&r["RoleName"]).to_string(), r)
            })
            .collect();
        State {
            vpcs,
            subnets,
            igws,
            eips,
            nats,
            tables,
            acls,
            groups,
            rules,
            roles,
        }
    }
}
