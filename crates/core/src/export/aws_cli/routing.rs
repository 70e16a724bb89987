//! Deploy section for route tables: each table (or the VPC's main table, adopted),
//! its routes to internet and NAT gateways, and its subnet associations.

use std::io;

use serde_json::json;

use super::network::block;
use super::{Find, Gen};
use crate::export::aws_common::{json_word, tag_spec, tags};
use crate::export::shell::{jmes_str, quote};
use crate::model::RouteTarget;

/// Where a route points today: the first target field that is set, `other` for
/// targets this design never makes, null when there is no such route.
fn route_target(destination: &str) -> String {
    format!(
        "Routes[?DestinationCidrBlock=={}]|[0].[GatewayId||NatGatewayId||NetworkInterfaceId\
         ||TransitGatewayId||VpcPeeringConnectionId||InstanceId||`\"other\"`]|[0]",
        jmes_str(destination)
    )
}

/// Every explicit subnet association in the VPCs, as (subnet, table, id) triples.
const ASSOCIATIONS: &str =
    "RouteTables[].Associations[?SubnetId][].[SubnetId,RouteTableId,RouteTableAssociationId]";

/// Route tables, routes and associations.
pub(super) fn route_tables(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.route_tables.is_empty() {
        return Ok(());
    }
    g.section("Route tables, routes and subnet associations");
    let mut finds = Vec::new();
    for rt in &t.route_tables {
        let var = g.var(&rt.id)?;
        let mut fields = vec![(var.clone(), "RouteTableId".to_string())];
        for (j, r) in rt.routes.iter().enumerate() {
            fields.push((
                format!("{var}_ROUTE{}", j + 1),
                route_target(&block(&r.destination)?),
            ));
        }
        finds.push(Find::tagged(rt.id.as_str(), fields));
    }
    let count: usize = finds.iter().map(|f| f.fields.len()).sum();
    let vpcs = g.vpc_filter()?;
    g.line("# The design's tables with where their routes point, then every subnet association");
    g.line("# in the design's VPCs (subnet, table, association id), kept in ASSOC.");
    let associations = t.route_tables.iter().any(|rt| !rt.subnets.is_empty());
    g.lookup(
        &format!("ec2 describe-route-tables --filters {vpcs}"),
        "RouteTables",
        &finds,
        Some("(( VPC_FOUND ))"),
        associations.then_some(ASSOCIATIONS),
    );
    if associations {
        g.line(format!("ASSOC=(\"${{R[@]:{count}}}\")"));
    }

    for rt in &t.route_tables {
        let var = g.var(&rt.id)?;
        let vpc = g.var(&rt.vpc)?;
        let rt_tags = tags(&rt.name, g.design(), rt.id.as_str(), &rt.tags);
        g.line("");
        if rt.main {
            let vpc_name = t.vpc(&rt.vpc).map_or("", |v| v.name.as_str());
            g.step(&format!(
                "route table {} (main table of {vpc_name})",
                rt.name
            ));
            g.line(format!("if [[ ${var} == null ]]; then"));
            g.line("  # Every VPC comes with its main route table: adopt it by tagging it.");
            g.line(format!(
                "  q ec2 describe-route-tables --filters \"Name=vpc-id,Values=${vpc}\" Name=association.main,Values=true \\\n    --query 'RouteTables[0].RouteTableId'"
            ));
            g.line(format!("  {var}=${{R[0]}}"));
            g.line(format!(
                "  aws ec2 create-tags --resources \"${var}\" --cli-input-json {}",
                json_word(&json!({ "Tags": rt_tags }))
            ));
            g.line(format!("  echo \"tagged ${var}\""));
        } else {
            g.step(&format!("route table {}", rt.name));
            g.line(format!("if [[ ${var} == null ]]; then"));
            g.line(format!(
                "  {var}=$(aws ec2 create-route-table --vpc-id \"${vpc}\" --cli-input-json {} \\\n    --query RouteTable.RouteTableId --output text)",
                json_word(&json!({ "TagSpecifications": tag_spec("route-table", rt_tags) }))
            ));
            g.line(format!("  echo \"created ${var}\""));
        }
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("route table", &rt.name, &var);

        for (j, r) in rt.routes.iter().enumerate() {
            let dest = block(&r.destination)?;
            let (option, target, target_name) = match &r.target {
                RouteTarget::InternetGateway(id) => (
                    "--gateway-id",
                    g.var(id)?,
                    t.internet_gateway(id).map_or("", |x| x.name.as_str()),
                ),
                RouteTarget::NatGateway(id) => (
                    "--nat-gateway-id",
                    g.var(id)?,
                    t.nat_gateway(id).map_or("", |x| x.name.as_str()),
                ),
            };
            g.uses("route_to");
            g.step(&format!("route {dest} -> {target_name} in {}", rt.name));
            g.line(format!(
                "route_to \"${var}\" {} {option} \"${target}\" \"${var}_ROUTE{}\"",
                quote(&dest),
                j + 1
            ));
        }

        for subnet in &rt.subnets {
            let s = g.var(subnet)?;
            let subnet_name = t.subnet(subnet).map_or("", |x| x.name.as_str());
            g.uses("associate");
            g.step(&format!("associate {subnet_name} with {}", rt.name));
            g.line(format!("associate \"${s}\" \"${var}\""));
        }
    }
    Ok(())
}
