//! Deploy sections for VPCs (blocks, DNS, tenancy), subnets (zone, block, public IP
//! mapping) and internet gateways with their attachments.

use std::io;

use serde_json::json;

use super::{Find, Gen};
use crate::export::aws_common::{json_word, tag_spec, tags, TAGGED};
use crate::export::shell::{jmes_str, quote};

/// The canonical text of an IPv4 block, or an error when it is none (the validator
/// refuses such designs; this keeps the script well-formed even without it).
pub(super) fn block(s: &str) -> io::Result<String> {
    crate::cidr::parse(s)
        .map(|c| c.net.to_string())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("'{s}': {e}")))
}

/// VPCs: look up, create, DNS attributes, secondary blocks.
pub(super) fn vpcs(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.vpcs.is_empty() {
        return Ok(());
    }
    g.section("VPCs");
    // Only lookups inside VPCs read VPC_FOUND (shellcheck flags unread variables).
    let inside = !(t.subnets.is_empty()
        && t.nat_gateways.is_empty()
        && t.route_tables.is_empty()
        && t.security_groups.is_empty());
    if inside {
        g.line("# VPC_FOUND becomes 1 when a VPC of the design exists already; only then can");
        g.line("# subnets, NAT gateways, route tables or groups of the design exist.");
        g.line("VPC_FOUND=0");
    }
    let mut finds = Vec::new();
    for v in &t.vpcs {
        let var = g.var(&v.id)?;
        let mut fields = vec![(var.clone(), "VpcId".to_string())];
        for (j, c) in v.secondary_cidrs.iter().enumerate() {
            fields.push((
                format!("{var}_BLOCK{}", j + 1),
                format!(
                    "CidrBlockAssociationSet[?CidrBlock=={}]|[0].CidrBlockState.State",
                    jmes_str(&block(c)?)
                ),
            ));
        }
        finds.push(Find::tagged(v.id.as_str(), fields));
    }
    g.lookup(
        &format!("ec2 describe-vpcs --filters {TAGGED}"),
        "Vpcs",
        &finds,
        None,
        None,
    );
    for v in &t.vpcs {
        let var = g.var(&v.id)?;
        let cidr = block(&v.cidr)?;
        g.step(&format!("vpc {} ({cidr})", v.name));
        let input = json!({
            "CidrBlock": cidr,
            "InstanceTenancy": v.tenancy.as_aws(),
            "TagSpecifications": tag_spec("vpc", tags(&v.name, g.design(), v.id.as_str(), &v.tags)),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  {var}=$(aws ec2 create-vpc --cli-input-json {} \\\n    --query Vpc.VpcId --output text)",
            json_word(&input)
        ));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        if inside {
            g.line("  VPC_FOUND=1");
        }
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        let on_off = |b: bool| if b { "on" } else { "off" };
        g.line(format!(
            "# DNS resolution {}, DNS hostnames {} (AWS defaults: on, off).",
            on_off(v.enable_dns_support),
            on_off(v.enable_dns_hostnames)
        ));
        if !v.enable_dns_support {
            g.line(format!(
                "aws ec2 modify-vpc-attribute --vpc-id \"${var}\" --enable-dns-support '{{\"Value\":false}}'"
            ));
        }
        if v.enable_dns_hostnames {
            g.line(format!(
                "aws ec2 modify-vpc-attribute --vpc-id \"${var}\" --enable-dns-hostnames '{{\"Value\":true}}'"
            ));
        }
        for (j, c) in v.secondary_cidrs.iter().enumerate() {
            let c = block(c)?;
            let state = format!("{var}_BLOCK{}", j + 1);
            g.step(&format!("vpc {}: secondary block {c}", v.name));
            g.line(format!(
                "if [[ ${state} == associated || ${state} == associating ]]; then"
            ));
            g.line("  echo exists");
            g.line("else");
            g.line(format!(
                "  aws ec2 associate-vpc-cidr-block --vpc-id \"${var}\" --cidr-block {} >/dev/null",
                quote(&c)
            ));
            g.line("  echo associated");
            g.line("fi");
        }
        g.summarise("vpc", &v.name, &var);
    }
    Ok(())
}

/// Subnets: look up, create in their zone, set MapPublicIpOnLaunch to the design's value.
pub(super) fn subnets(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.subnets.is_empty() {
        return Ok(());
    }
    g.section("Subnets");
    g.line("# Each subnet's MapPublicIpOnLaunch is set to the design's value wherever it");
    g.line("# differs (the default for new subnets varies).");
    let mut finds = Vec::new();
    for s in &t.subnets {
        let var = g.var(&s.id)?;
        finds.push(Find::tagged(
            s.id.as_str(),
            vec![
                (var.clone(), "SubnetId".into()),
                (format!("{var}_MAP"), "MapPublicIpOnLaunch".into()),
            ],
        ));
    }
    g.lookup(
        &format!("ec2 describe-subnets --filters {TAGGED}"),
        "Subnets",
        &finds,
        Some("(( VPC_FOUND ))"),
        None,
    );
    for s in &t.subnets {
        let var = g.var(&s.id)?;
        let vpc = g.var(&s.vpc)?;
        let cidr = block(&s.cidr)?;
        g.step(&format!(
            "subnet {} ({}, {cidr})",
            s.name, s.availability_zone
        ));
        let input = json!({
            "AvailabilityZone": s.availability_zone,
            "CidrBlock": cidr,
            "TagSpecifications": tag_spec("subnet", tags(&s.name, g.design(), s.id.as_str(), &s.tags)),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  q ec2 create-subnet --vpc-id \"${vpc}\" --cli-input-json {} \\\n    --query 'Subnet.[SubnetId,MapPublicIpOnLaunch]'",
            json_word(&input)
        ));
        g.line(format!("  {var}=${{R[0]}} {var}_MAP=${{R[1]}}"));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        let (want, flag) = if s.map_public_ip_on_launch {
            ("true", "--map-public-ip-on-launch")
        } else {
            ("false", "--no-map-public-ip-on-launch")
        };
        g.line(format!("if [[ ${var}_MAP != {want} ]]; then"));
        g.line(format!(
            "  aws ec2 modify-subnet-attribute --subnet-id \"${var}\" {flag}"
        ));
        g.line("fi");
        g.summarise("subnet", &s.name, &var);
    }
    Ok(())
}

/// Internet gateways: look up, create, attach to their VPC.
pub(super) fn internet_gateways(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.internet_gateways.is_empty() {
        return Ok(());
    }
    g.section("Internet gateways");
    let mut finds = Vec::new();
    for igw in &t.internet_gateways {
        let var = g.var(&igw.id)?;
        let mut fields = vec![(var.clone(), "InternetGatewayId".to_string())];
        if igw.vpc.is_some() {
            fields.push((format!("{var}_VPC"), "Attachments[0].VpcId".into()));
        }
        finds.push(Find::tagged(igw.id.as_str(), fields));
    }
    g.lookup(
        &format!("ec2 describe-internet-gateways --filters {TAGGED}"),
        "InternetGateways",
        &finds,
        None,
        None,
    );
    for igw in &t.internet_gateways {
        let var = g.var(&igw.id)?;
        g.step(&format!("internet gateway {}", igw.name));
        let input = json!({
            "TagSpecifications": tag_spec(
                "internet-gateway",
                tags(&igw.name, g.design(), igw.id.as_str(), &igw.tags),
            ),
        });
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  {var}=$(aws ec2 create-internet-gateway --cli-input-json {} \\\n    --query InternetGateway.InternetGatewayId --output text)",
            json_word(&input)
        ));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("internet gateway", &igw.name, &var);
        let Some(vpc_id) = &igw.vpc else {
            continue;
        };
        let vpc = g.var(vpc_id)?;
        let vpc_name = t.vpc(vpc_id).map_or("", |v| v.name.as_str());
        g.step(&format!("attach {} to {vpc_name}", igw.name));
        g.line(format!("if [[ ${var}_VPC == \"${vpc}\" ]]; then"));
        g.line("  echo exists");
        g.line("else");
        g.line(format!("  if [[ ${var}_VPC != null ]]; then"));
        g.line(format!(
            "    aws ec2 detach-internet-gateway --internet-gateway-id \"${var}\" --vpc-id \"${var}_VPC\""
        ));
        g.line("  fi");
        g.line(format!(
            "  aws ec2 attach-internet-gateway --internet-gateway-id \"${var}\" --vpc-id \"${vpc}\""
        ));
        g.line("  echo attached");
        g.line("fi");
    }
    Ok(())
}
