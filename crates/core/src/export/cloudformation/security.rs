//! Security groups (CIDR rules inline, rules naming another group as separate
//! resources, a match-nothing egress rule where the design allows no CIDR egress),
//! IAM roles and their instance profiles.

use serde_json::{json, Map, Value};

use super::{canonical_block, clip, Builder};
use crate::catalog::managed_policy_arn;
use crate::model::{EntityKind, Peer, Protocol, Rule};

/// The egress rule that keeps CloudFormation from adding allow-all egress while
/// matching no traffic: ICMP type 252 code 86 does not exist (the AWS CDK's choice).
pub(super) fn no_egress_rule() -> Value {
    json!({
        "IpProtocol": "icmp",
        "FromPort": 252,
        "ToPort": 86,
        "CidrIp": "255.255.255.255/32",
        "Description": "Netwright: no outbound traffic (this rule matches nothing)",
    })
}

/// A rule's protocol, ports and description, after `peer` (which leads).
fn rule_props(mut p: Map<String, Value>, rule: &Rule) -> Map<String, Value> {
    p.insert("IpProtocol".into(), json!(rule.protocol.as_aws()));
    // Ports of an all-protocol rule are ignored by AWS (cfn-lint W3687).
    if rule.protocol != Protocol::All {
        p.insert("FromPort".into(), json!(rule.from_port));
        p.insert("ToPort".into(), json!(rule.to_port));
    }
    if !rule.description.is_empty() {
        p.insert("Description".into(), json!(rule.description));
    }
    p
}

/// An inline rule with a CIDR peer.
fn inline_rule(rule: &Rule, block: &str) -> Value {
    let block = canonical_block(block);
    let key = if block.contains(':') {
        "CidrIpv6"
    } else {
        "CidrIp"
    };
    let mut p = Map::new();
    p.insert("IpProtocol".into(), Value::Null);
    p.insert(key.into(), json!(block));
    let mut p = rule_props(p, rule);
    // Keep the AWS property order: protocol, ports, peer, description.
    let peer = p.shift_remove(key).expect("inserted above");
    let description = p.shift_remove("Description");
    p.insert(key.into(), peer);
    if let Some(d) = description {
        p.insert("Description".into(), d);
    }
    Value::Object(p)
}

/// A rule's protocol and ports as logical-id words: `Tcp80`, `Tcp8000To8080`,
/// `IcmpType8`, `IcmpAny`, `All`.
fn rule_words(rule: &Rule) -> String {
    let n = |x: i32| {
        if x < 0 {
            format!("Minus{}", x.unsigned_abs())
        } else {
            x.to_string()
        }
    };
    match rule.protocol {
        Protocol::All => "All".into(),
        Protocol::Icmp => match (rule.from_port, rule.to_port) {
            (-1, _) => "IcmpAny".into(),
            (t, -1) => format!("IcmpType{}", n(t)),
            (t, c) => format!("IcmpType{}Code{}", n(t), n(c)),
        },
        p => {
            let name = if p == Protocol::Tcp { "Tcp" } else { "Udp" };
            if rule.from_port == rule.to_port {
                format!("{name}{}", n(rule.from_port))
            } else {
                format!("{name}{}To{}", n(rule.from_port), n(rule.to_port))
            }
        }
    }
}

/// `AWS::EC2::SecurityGroup`, then its cross-group rules.
pub(super) fn security_groups(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, g) in t.security_groups.iter().enumerate() {
        let id = b.own(EntityKind::SecurityGroup, i);
        let cidr_rules = |rules: &[Rule]| -> Vec<Value> {
            rules
                .iter()
                .filter_map(|r| match &r.peer {
                    Peer::Cidr(block) => Some(inline_rule(r, block)),
                    Peer::SecurityGroup(_) => None,
                })
                .collect()
        };
        let ingress = cidr_rules(&g.ingress);
        let mut egress = cidr_rules(&g.egress);
        if egress.is_empty() {
            egress.push(no_egress_rule());
        }
        let mut p = Map::new();
        p.insert("GroupName".into(), json!(g.name));
        p.insert("GroupDescription".into(), json!(g.description));
        p.insert("VpcId".into(), b.reference(EntityKind::Vpc, &g.vpc));
        if !ingress.is_empty() {
            p.insert("SecurityGroupIngress".into(), json!(ingress));
        }
        p.insert("SecurityGroupEgress".into(), json!(egress));
        p.insert("Tags".into(), b.tags(&g.name, &g.tags));
        b.add(id.clone(), "AWS::EC2::SecurityGroup", Vec::new(), None, p);
        b.output(
            &id,
            format!("Security group {}", clip(&g.name)),
            json!({"Fn::GetAtt": [id, "GroupId"]}),
        );

        for (direction, rules, peer_key, joiner) in [
            ("Ingress", &g.ingress, "SourceSecurityGroupId", "From"),
            ("Egress", &g.egress, "DestinationSecurityGroupId", "To"),
        ] {
            for rule in rules {
                let Peer::SecurityGroup(peer) = &rule.peer else {
                    continue;
                };
                let peer_logical = b
                    .logical(EntityKind::SecurityGroup, peer)
                    .unwrap_or_else(|| super::logical_ids::pascal_case(peer.as_str()));
                let peer_words = peer_logical
                    .strip_prefix(super::prefix(EntityKind::SecurityGroup))
                    .filter(|w| !w.is_empty())
                    .unwrap_or(&peer_logical)
                    .to_string();
                let rule_id = b.ids.derived(
                    &format!("{id}{direction}{}{joiner}{peer_words}", rule_words(rule)),
                    &format!(
                        "{}/{direction}/{}/{}/{}/{peer}",
                        g.id,
                        rule.protocol.as_aws(),
                        rule.from_port,
                        rule.to_port
                    ),
                );
                let mut p = Map::new();
                p.insert("GroupId".into(), json!({"Fn::GetAtt": [id, "GroupId"]}));
                let mut p = rule_props(p, rule);
                let description = p.shift_remove("Description");
                p.insert(
                    peer_key.into(),
                    json!({"Fn::GetAtt": [peer_logical, "GroupId"]}),
                );
                if let Some(d) = description {
                    p.insert("Description".into(), d);
                }
                b.add(
                    rule_id,
                    &format!("AWS::EC2::SecurityGroup{direction}"),
                    Vec::new(),
                    None,
                    p,
                );
            }
        }
    }
}

/// `AWS::IAM::Role` and, when the design asks for one, its `AWS::IAM::InstanceProfile`
/// of the same name.
pub(super) fn iam_roles(b: &mut Builder<'_>) {
    let t = b.t;
    for (i, r) in t.iam_roles.iter().enumerate() {
        let id = b.own(EntityKind::IamRole, i);
        let arns: Vec<String> = r
            .managed_policies
            .iter()
            .map(|p| {
                managed_policy_arn(p).unwrap_or_else(|| format!("arn:aws:iam::aws:policy/{p}"))
            })
            .collect();
        let mut p = Map::new();
        p.insert("RoleName".into(), json!(r.name));
        if !r.description.is_empty() {
            p.insert("Description".into(), json!(r.description));
        }
        p.insert(
            "AssumeRolePolicyDocument".into(),
            json!({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": r.trusted_services},
                    "Action": "sts:AssumeRole",
                }],
            }),
        );
        if !arns.is_empty() {
            p.insert("ManagedPolicyArns".into(), json!(arns));
        }
        p.insert("Tags".into(), b.iam_tags(&r.name, &r.tags));
        b.add(id.clone(), "AWS::IAM::Role", Vec::new(), None, p);
        if r.instance_profile {
            let profile = b.ids.derived(
                &format!("{id}InstanceProfile"),
                &format!("{}/profile", r.id),
            );
            let mut p = Map::new();
            p.insert("InstanceProfileName".into(), json!(r.name));
            p.insert("Roles".into(), json!([{"Ref": id}]));
            b.add(profile, "AWS::IAM::InstanceProfile", Vec::new(), None, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    #[test]
    fn rules_become_id_words() {
        let sg = Peer::SecurityGroup(Id::new("sg"));
        assert_eq!(rule_words(&Rule::tcp(80, sg.clone(), "")), "Tcp80");
        let mut r = Rule::tcp(8000, sg, "");
        r.to_port = 8080;
        assert_eq!(rule_words(&r), "Tcp8000To8080");
        r.protocol = Protocol::Icmp;
        r.from_port = 8;
        r.to_port = -1;
        assert_eq!(rule_words(&r), "IcmpType8");
        r.to_port = 0;
        assert_eq!(rule_words(&r), "IcmpType8Code0");
        r.from_port = -1;
        assert_eq!(rule_words(&r), "IcmpAny");
        assert_eq!(rule_words(&Rule::allow_all_egress()), "All");
    }

    #[test]
    fn inline_rules_follow_the_aws_property_order() {
        let v = inline_rule(&Rule::tcp(443, Peer::Cidr("::/0".into()), "HTTPS"), "::/0");
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "IpProtocol",
                "FromPort",
                "ToPort",
                "CidrIpv6",
                "Description"
            ]
        );
        let all = inline_rule(&Rule::allow_all_egress(), " 0.0.0.0/0 ");
        assert_eq!(all, json!({"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}));
    }
}
