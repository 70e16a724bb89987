//! Deploy section for NAT gateways and their Elastic IPs, ending with one wait for
//! every NAT gateway that is not available yet.

use std::io;

use serde_json::json;

use super::{Find, Gen};
use crate::export::aws_common::{json_word, tag_spec, tags, TAGGED};
use crate::model::Tags;

/// The id tag of a NAT gateway's Elastic IP (not an entity of its own).
pub(crate) fn eip_id(nat: &str) -> String {
    format!("{nat}/eip")
}

/// Elastic IPs, NAT gateways, and the wait until they are available.
pub(super) fn nat_gateways(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.nat_gateways.is_empty() {
        return Ok(());
    }
    g.section("NAT gateways and their Elastic IPs");
    // NAT gateways live in the design's VPCs: look them up by VPC and state (a tag
    // filter is not honoured everywhere), then match the tags in the query.
    let vpcs = g.vpc_filter()?;
    let mut finds = Vec::new();
    for n in &t.nat_gateways {
        let var = g.var(&n.id)?;
        let mut fields = vec![
            (var.clone(), "NatGatewayId".to_string()),
            (format!("{var}_STATE"), "State".to_string()),
        ];
        if n.elastic_ip.is_some() {
            fields.push((eip_var(&var), "NatGatewayAddresses[0].AllocationId".into()));
        }
        finds.push(Find::tagged(n.id.as_str(), fields));
    }
    g.lookup(
        &format!(
            "ec2 describe-nat-gateways --filter {} Name=state,Values=pending,available",
            vpcs
        ),
        "NatGateways",
        &finds,
        Some("(( VPC_FOUND ))"),
        None,
    );

    // Elastic IPs of NAT gateways still to be created may exist from an earlier run.
    let mut missing = Vec::new();
    let mut eip_finds = Vec::new();
    for n in t.nat_gateways.iter().filter(|n| n.elastic_ip.is_some()) {
        let var = g.var(&n.id)?;
        missing.push(format!("${var} == null"));
        eip_finds.push((
            var.clone(),
            Find::tagged(
                &eip_id(n.id.as_str()),
                vec![(eip_var(&var), "AllocationId".into())],
            ),
        ));
    }
    if !eip_finds.is_empty() {
        let finds: Vec<Find> = eip_finds.iter().map(|(_, f)| f.clone()).collect();
        let query = g.query("Addresses", &finds, None);
        g.line(format!("if [[ {} ]]; then", missing.join(" || ")));
        g.line(format!(
            "  q ec2 describe-addresses --filters {TAGGED} \\\n      --query {query}"
        ));
        for (k, (nat, _)) in eip_finds.iter().enumerate() {
            g.line(format!(
                "  if [[ ${nat} == null ]]; then {}=${{R[{k}]}}; fi",
                eip_var(nat)
            ));
        }
        g.line("fi");
    }

    for n in &t.nat_gateways {
        let var = g.var(&n.id)?;
        let subnet = g.var(&n.subnet)?;
        let subnet_name = t.subnet(&n.subnet).map_or("", |s| s.name.as_str());
        let mut args = format!("--subnet-id \"${subnet}\"");
        if let Some(eip) = &n.elastic_ip {
            let eip_var = eip_var(&var);
            g.step(&format!("elastic ip {}", eip.name));
            let input = json!({
                "Domain": "vpc",
                "TagSpecifications": tag_spec(
                    "elastic-ip",
                    tags(&eip.name, g.design(), &eip_id(n.id.as_str()), &Tags::new()),
                ),
            });
            g.line(format!("if [[ ${eip_var} == null ]]; then"));
            g.line(format!(
                "  {eip_var}=$(aws ec2 allocate-address --cli-input-json {} \\\n    --query AllocationId --output text)",
                json_word(&input)
            ));
            g.line(format!("  echo \"created ${eip_var}\""));
            g.line("else");
            g.line(format!("  echo \"exists ${eip_var}\""));
            g.line("fi");
            g.summarise("elastic ip", &eip.name, &eip_var);
            args.push_str(&format!(" --allocation-id \"${eip_var}\""));
        }
        g.step(&format!(
            "nat gateway {} ({}, in {subnet_name})",
            n.name,
            n.connectivity.as_aws()
        ));
        let input = json!({
            "ConnectivityType": n.connectivity.as_aws(),
            "TagSpecifications": tag_spec(
                "natgateway",
                tags(&n.name, g.design(), n.id.as_str(), &n.tags),
            ),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  q ec2 create-nat-gateway {args} --cli-input-json {} \\\n    --query 'NatGateway.[NatGatewayId,State]'",
            json_word(&input)
        ));
        g.line(format!("  {var}=${{R[0]}} {var}_STATE=${{R[1]}}"));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("nat gateway", &n.name, &var);
    }

    g.line("# Routes may point at NAT gateways only once they are available.");
    g.line("PENDING=()");
    for n in &t.nat_gateways {
        let var = g.var(&n.id)?;
        g.line(format!(
            "if [[ ${var}_STATE != available ]]; then PENDING+=(\"${var}\"); fi"
        ));
    }
    g.line("if [[ ${#PENDING[@]} != 0 ]]; then");
    g.line("  echo \"Waiting for NAT gateway(s) ${PENDING[*]} to become available (usually 1-3 minutes) ...\"");
    g.line("  aws ec2 wait nat-gateway-available --nat-gateway-ids \"${PENDING[@]}\"");
    g.line("fi");
    Ok(())
}

/// The variable holding the allocation id of NAT gateway `nat_var`'s Elastic IP.
fn eip_var(nat_var: &str) -> String {
    format!("EIP_OF_{nat_var}")
}
