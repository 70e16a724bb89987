//! Deploy section for security groups: every group first, then their rules (so that
//! rules may name any group), added only where missing, one call per group and
//! direction; AWS's default egress rule is revoked where the design lacks it.

use std::io;

use serde_json::json;

use super::{Find, Gen};
use crate::export::aws_common::{json_word, tag_spec, tags};
use crate::export::shell::{quote, Word};
use crate::model::{Peer, Protocol, Rule, SecurityGroup};

/// Rules as describe-security-group-rules lists them: group, egress, protocol,
/// from, to, peer (block, group or prefix list).
const RULE_FIELDS: &str = "SecurityGroupRules[].[GroupId,IsEgress,IpProtocol,FromPort,ToPort,\
                           CidrIpv4||CidrIpv6||ReferencedGroupInfo.GroupId||PrefixListId]";

/// The AWS default egress rule as `has_rule` arguments after the group.
const DEFAULT_EGRESS: &str = "true -1 -1 -1 0.0.0.0/0";

/// Security groups, then their rules.
pub(super) fn security_groups(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.security_groups.is_empty() {
        return Ok(());
    }
    g.section("Security groups, then their rules");
    g.uses("has_rule");
    g.uses("changed");
    let mut finds = Vec::new();
    for sg in &t.security_groups {
        finds.push(Find::tagged(
            sg.id.as_str(),
            vec![(g.var(&sg.id)?, "GroupId".into())],
        ));
    }
    let vpcs = g.vpc_filter()?;
    g.lookup(
        &format!("ec2 describe-security-groups --filters {vpcs}"),
        "SecurityGroups",
        &finds,
        Some("(( VPC_FOUND ))"),
        None,
    );
    g.line("# RULES: the rules the groups have (six values each); OLD_SGS: groups found.");
    g.line("RULES=() OLD_SGS=''");
    for sg in &t.security_groups {
        let var = g.var(&sg.id)?;
        let vpc = g.var(&sg.vpc)?;
        g.step(&format!("security group {}", sg.name));
        let input = json!({
            "GroupName": sg.name,
            "Description": sg.description,
            "TagSpecifications": tag_spec(
                "security-group",
                tags(&sg.name, g.design(), sg.id.as_str(), &sg.tags),
            ),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  {var}=$(aws ec2 create-security-group --vpc-id \"${vpc}\" --cli-input-json {} \\\n    --query GroupId --output text)",
            json_word(&input)
        ));
        g.line("  # AWS gives every new group an egress rule allowing all traffic.");
        g.line(format!("  RULES+=(\"${var}\" {DEFAULT_EGRESS})"));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  OLD_SGS+=\",${var}\""));
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("security group", &sg.name, &var);
    }
    g.line("if [[ -n $OLD_SGS ]]; then");
    g.line(format!(
        "  q ec2 describe-security-group-rules --filters \"Name=group-id,Values=${{OLD_SGS#,}}\" \\\n    --query {}",
        quote(RULE_FIELDS)
    ));
    g.line("  RULES+=(${R[@]+\"${R[@]}\"})");
    g.line("fi");
    for sg in &t.security_groups {
        rules(g, sg)?;
    }
    Ok(())
}

/// The step adding a group's missing rules, and the one revoking the default egress
/// rule when the design's egress list lacks it.
fn rules(g: &mut Gen<'_>, sg: &SecurityGroup) -> io::Result<()> {
    let var = g.var(&sg.id)?;
    g.line("");
    g.step(&format!(
        "rules of {} ({} inbound, {} outbound)",
        sg.name,
        sg.ingress.len(),
        sg.egress.len()
    ));
    g.line("IN='' OUT='' N=0");
    for (list, egress, acc) in [(&sg.ingress, false, "IN"), (&sg.egress, true, "OUT")] {
        let mut seen = Vec::new();
        for rule in list {
            let key = has_rule_args(g, rule)?;
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            g.line(format!("if ! has_rule \"${var}\" {egress} {key}; then"));
            g.line(format!("  {acc}+={}", permission(g, rule)?.render()));
            g.line("  N=$((N + 1))");
            g.line("fi");
        }
    }
    g.uses("authorize");
    g.line(format!("authorize \"${var}\" \"$IN\" \"$OUT\""));
    g.line("changed \"$N\" added");
    if !sg.egress.iter().any(Rule::is_default_egress) {
        g.step(&format!("no default egress rule on {}", sg.name));
        g.line(format!("if has_rule \"${var}\" {DEFAULT_EGRESS}; then"));
        g.line(format!(
            "  aws ec2 revoke-security-group-egress --group-id \"${var}\" \\\n    --ip-permissions '[{{\"IpProtocol\":\"-1\",\"IpRanges\":[{{\"CidrIp\":\"0.0.0.0/0\"}}]}}]' >/dev/null"
        ));
        g.line("  echo removed");
        g.line("else");
        g.line("  echo exists");
        g.line("fi");
    }
    Ok(())
}

/// The canonical text of a rule's block, IPv4 or IPv6.
fn peer_block(c: &str) -> io::Result<String> {
    crate::cidr::parse_any(c)
        .map(|n| n.to_string())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("'{c}': {e}")))
}

/// The rule as `has_rule` arguments after group and direction: protocol, from, to,
/// peer, as describe-security-group-rules reports them.
fn has_rule_args(g: &Gen<'_>, rule: &Rule) -> io::Result<String> {
    let (from, to) = match rule.protocol {
        Protocol::All => (-1, -1),
        _ => (rule.from_port, rule.to_port),
    };
    let peer = match &rule.peer {
        Peer::Cidr(c) => quote(&peer_block(c)?),
        Peer::SecurityGroup(id) => format!("\"${}\"", g.var(id)?),
    };
    Ok(format!(
        "{} {from} {to} {peer}",
        quote(rule.protocol.as_aws())
    ))
}

/// The rule as one JSON IP permission, after a comma, for `--ip-permissions`.
fn permission(g: &Gen<'_>, rule: &Rule) -> io::Result<Word> {
    let mut head = format!(",{{\"IpProtocol\":\"{}\"", rule.protocol.as_aws());
    if rule.protocol != Protocol::All {
        head.push_str(&format!(
            ",\"FromPort\":{},\"ToPort\":{}",
            rule.from_port, rule.to_port
        ));
    }
    let description = if rule.description.is_empty() {
        String::new()
    } else {
        format!(
            ",\"Description\":{}",
            serde_json::to_string(&rule.description).expect("strings serialise")
        )
    };
    Ok(match &rule.peer {
        Peer::Cidr(c) => {
            let block = peer_block(c)?;
            let (list, key) = if block.contains(':') {
                ("Ipv6Ranges", "CidrIpv6")
            } else {
                ("IpRanges", "CidrIp")
            };
            Word::new().lit(&format!(
                "{head},\"{list}\":[{{\"{key}\":\"{block}\"{description}}}]}}"
            ))
        }
        Peer::SecurityGroup(id) => Word::new()
            .lit(&format!("{head},\"UserIdGroupPairs\":[{{\"GroupId\":\""))
            .var(&g.var(id)?)
            .lit(&format!("\"{description}}}]}}")),
    })
}
