//! VPC block rules (NW101-NW110 on VPCs): syntax and host bits, /16-/28 sizes, ranges
//! AWS forbids or discourages, secondary-block association restrictions, and overlaps
//! between one VPC's blocks.

use super::block::{block_field, parsed};
use super::context::{fix, Ctx};
use super::rules::*;
use super::sweep::overlapping_pairs;
use crate::cidr::{self, Ipv4Net, Range};
use crate::model::EntityKind;

/// Checks every block of every VPC.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    for (vi, vpc) in t.vpcs.iter().enumerate() {
        let mut valid: Vec<(usize, Ipv4Net)> = Vec::new();
        for (j, text) in vpc.cidrs().enumerate() {
            let result = c.vpc_blocks[vi][j].clone();
            let Some(net) = parsed(c, EntityKind::Vpc, vi, || block_field(j), text, &result) else {
                continue;
            };
            valid.push((j, net));
            block_size(c, vi, j, net);
            block_range(c, vi, j, net);
        }
        if let Some(&(0, primary)) = valid.first() {
            for &(j, sec) in &valid[1..] {
                if !cidr::overlaps(primary, sec) {
                    association(c, vi, j, primary, sec);
                }
            }
        }
        if valid.len() > 1 {
            let mut spans: Vec<(usize, u64, u64, usize)> = valid
                .iter()
                .map(|&(j, n)| {
                    let (a, b) = cidr::span(n);
                    (0, a, b, j)
                })
                .collect();
            for (a, b) in overlapping_pairs(&mut spans) {
                let net = |j: usize| valid.iter().find(|v| v.0 == j).map(|v| v.1);
                let (Some(na), Some(nb)) = (net(a), net(b)) else {
                    continue;
                };
                let msg = format!(
                    "{}: block {nb} overlaps {na}, another block of the same VPC",
                    c.name(EntityKind::Vpc, vi)
                );
                let f = fix(
                    "a VPC's blocks must not share addresses: choose another",
                    None,
                );
                c.emit(
                    &VPC_BLOCKS_OVERLAP,
                    c.at(EntityKind::Vpc, vi),
                    Some(block_field(b)),
                    msg,
                    f,
                );
            }
        }
    }
}

fn block_size(c: &mut Ctx<'_>, vi: usize, j: usize, net: Ipv4Net) {
    let len = net.prefix_len();
    if (16..=28).contains(&len) {
        return;
    }
    let want = len.clamp(16, 28);
    let suggestion = Ipv4Net::new(net.network(), want).map(|n| n.trunc()).ok();
    let msg = format!(
        "{}: {net} is a /{len}, but VPC blocks must be /16 (65,536 addresses) to /28 (16 addresses)",
        c.name(EntityKind::Vpc, vi)
    );
    let f = suggestion.and_then(|s| fix(format!("use {s}"), Some(s.to_string())));
    c.emit(
        &VPC_BLOCK_SIZE,
        c.at(EntityKind::Vpc, vi),
        Some(block_field(j)),
        msg,
        f,
    );
}

fn block_range(c: &mut Ctx<'_>, vi: usize, j: usize, net: Ipv4Net) {
    let name = || c.name(EntityKind::Vpc, vi);
    let (rule, msg, label) = match cidr::range(net) {
        Range::LinkLocal => (
            &LINK_LOCAL_BLOCK,
            format!(
                "{}: {net} is in the link-local range 169.254.0.0/16, which a VPC can never use",
                name()
            ),
            "choose a private range such as 10.0.0.0/16",
        ),
        Range::Public => (
            &PUBLIC_BLOCK,
            format!(
                "{}: {net} is publicly routable: instances in the VPC cannot reach the \
                 internet hosts that use these addresses",
                name()
            ),
            "prefer an RFC 1918 range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
        ),
        _ if cidr::overlaps_docker_bridge(net) => (
            &DOCKER_BRIDGE_BLOCK,
            format!(
                "{}: {net} overlaps 172.17.0.0/16, Docker's default bridge: containers \
                 (Cloud9, SageMaker, Docker hosts) cannot reach these addresses",
                name()
            ),
            "choose another private range, such as 10.0.0.0/16",
        ),
        _ if cidr::overlaps_default_vpc(net) => (
            &DEFAULT_VPC_BLOCK,
            format!(
                "{}: {net} overlaps the default VPC's 172.31.0.0/16, so this VPC can never \
                 be peered with the default VPC",
                name()
            ),
            "choose another range if you may peer with the default VPC",
        ),
        _ => return,
    };
    c.emit(
        rule,
        c.at(EntityKind::Vpc, vi),
        Some(block_field(j)),
        msg,
        fix(label, None),
    );
}

fn range_label(r: Range) -> &'static str {
    match r {
        Range::Rfc1918Ten => "10.0.0.0/8",
        Range::Rfc1918OneSevenTwo => "172.16.0.0/12",
        Range::Rfc1918OneNineTwo => "192.168.0.0/16",
        Range::SharedCgnat => "100.64.0.0/10",
        Range::Benchmark => "198.19.0.0/16",
        Range::LinkLocal => "169.254.0.0/16",
        Range::Public => "publicly routable space",
    }
}

/// AWS's IPv4 CIDR block association restrictions, by the primary block's range.
fn association(c: &mut Ctx<'_>, vi: usize, j: usize, primary: Ipv4Net, sec: Ipv4Net) {
    use Range::*;
    let (pr, sr) = (cidr::range(primary), cidr::range(sec));
    let rfc1918 = matches!(sr, Rfc1918Ten | Rfc1918OneSevenTwo | Rfc1918OneNineTwo);
    let (barred, allowed) = match pr {
        Rfc1918Ten => (
            matches!(sr, Rfc1918OneSevenTwo | Rfc1918OneNineTwo | Benchmark),
            "other 10.0.0.0/8 blocks, 100.64.0.0/10 or publicly routable blocks",
        ),
        Rfc1918OneSevenTwo => (
            matches!(sr, Rfc1918Ten | Rfc1918OneNineTwo | Benchmark)
                || (cidr::overlaps_default_vpc(sec) && !cidr::overlaps_default_vpc(primary)),
            "other 172.16.0.0/12 blocks (not 172.31.0.0/16), 100.64.0.0/10 or publicly \
             routable blocks",
        ),
        Rfc1918OneNineTwo => (
            matches!(sr, Rfc1918Ten | Rfc1918OneSevenTwo | Benchmark),
            "other 192.168.0.0/16 blocks, 100.64.0.0/10 or publicly routable blocks",
        ),
        Benchmark => (
            rfc1918,
            "other 198.19.0.0/16 blocks, 100.64.0.0/10 or publicly routable blocks",
        ),
        Public | SharedCgnat => (
            rfc1918 || sr == Benchmark,
            "100.64.0.0/10 or publicly routable blocks",
        ),
        LinkLocal => (false, ""),
    };
    if !barred {
        return;
    }
    let what = if pr == Rfc1918OneSevenTwo && sr == Rfc1918OneSevenTwo {
        "172.31.0.0/16".to_string()
    } else {
        range_label(sr).to_string()
    };
    let msg = format!(
        "{}: secondary block {sec} is in {what}, which AWS does not allow in a VPC whose \
         primary block {primary} is in {}",
        c.name(EntityKind::Vpc, vi),
        range_label(pr)
    );
    c.emit(
        &SECONDARY_RESTRICTED,
        c.at(EntityKind::Vpc, vi),
        Some(block_field(j)),
        msg,
        fix(format!("choose a secondary block from {allowed}"), None),
    );
}
