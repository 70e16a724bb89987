//! IPv4 block logic: parse, canonicalise, classify, contain, overlap, next free block.
//!
//! Built on [`ipnet`]. Source of the rules: Amazon VPC User Guide, "VPC CIDR blocks"
//! and "Subnet CIDR blocks".

use std::fmt;
use std::net::Ipv4Addr;

pub use ipnet::{IpNet, Ipv4Net};

/// Why a typed block is not a block at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Empty input.
    Empty,
    /// No `/prefix` part.
    MissingPrefix,
    /// The address part is not an IPv4 address.
    BadAddress(String),
    /// The prefix is not a number from 0 to 32.
    BadPrefix(String),
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Empty => f.write_str("no CIDR block given (expected e.g. 10.0.0.0/16)"),
            CidrError::MissingPrefix => {
                f.write_str("missing the /prefix length (expected e.g. 10.0.0.0/16)")
            }
            CidrError::BadAddress(a) => write!(f, "'{a}' is not an IPv4 address"),
            CidrError::BadPrefix(p) => write!(f, "'/{p}' is not a prefix length from /0 to /32"),
        }
    }
}

impl std::error::Error for CidrError {}

/// A parsed IPv4 block: its canonical network and whether the input had host bits set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The canonical block (host bits cleared).
    pub net: Ipv4Net,
    /// Whether the typed address had host bits set (`10.0.0.5/16`).
    pub had_host_bits: bool,
}

/// Parses a typed IPv4 block, tolerating surrounding spaces.
///
/// ```
/// use netwright_core::cidr::parse;
/// let c = parse("100.68.0.18/18").unwrap();
/// assert_eq!(c.net.to_string(), "100.68.0.0/18");
/// assert!(c.had_host_bits);
/// assert!(parse("10.0.0.0").is_err());
/// ```
pub fn parse(input: &str) -> Result<Cidr, CidrError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(CidrError::Empty);
    }
    let (addr, prefix) = s.split_once('/').ok_or(CidrError::MissingPrefix)?;
    let ip: Ipv4Addr = addr
        .trim()
        .parse()
        .map_err(|_| CidrError::BadAddress(addr.trim().to_string()))?;
    let prefix_str = prefix.trim();
    let len: u8 = if !prefix_str.is_empty() && prefix_str.bytes().all(|b| b.is_ascii_digit()) {
        prefix_str
            .parse()
            .map_err(|_| CidrError::BadPrefix(prefix_str.to_string()))?
    } else {
        return Err(CidrError::BadPrefix(prefix_str.to_string()));
    };
    let net = Ipv4Net::new(ip, len).map_err(|_| CidrError::BadPrefix(prefix_str.to_string()))?;
    let canonical = net.trunc();
    Ok(Cidr {
        net: canonical,
        had_host_bits: canonical.addr() != ip,
    })
}

/// Parses a rule peer block, IPv4 or IPv6 (`::/0`), to its canonical form.
///
/// ```
/// assert_eq!(netwright_core::cidr::parse_any("::/0").unwrap().to_string(), "::/0");
/// ```
pub fn parse_any(input: &str) -> Result<IpNet, CidrError> {
    let s = input.trim();
    if s.contains(':') {
        let net: IpNet = s
            .parse()
            .map_err(|_| CidrError::BadAddress(s.to_string()))?;
        return Ok(net.trunc());
    }
    parse(s).map(|c| IpNet::V4(c.net))
}

/// The canonical text of a typed block, or the input unchanged when it does not parse.
pub fn canonical(input: &str) -> String {
    match parse(input) {
        Ok(c) => c.net.to_string(),
        Err(_) => input.trim().to_string(),
    }
}

/// Whether the typed block is the default route `0.0.0.0/0`.
pub fn is_default_route(input: &str) -> bool {
    matches!(parse(input), Ok(c) if c.net.prefix_len() == 0)
}

/// Whether two blocks share any address.
///
/// ```
/// use netwright_core::cidr::{overlaps, parse};
/// let a = parse("10.0.0.0/16").unwrap().net;
/// let b = parse("10.0.3.0/24").unwrap().net;
/// assert!(overlaps(a, b));
/// ```
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Whether `outer` contains every address of `inner`.
pub fn contains(outer: Ipv4Net, inner: Ipv4Net) -> bool {
    outer.contains(&inner)
}

/// Addresses in a block of this prefix length.
pub fn size(prefix_len: u8) -> u64 {
    1u64 << (32 - u32::from(prefix_len.min(32)))
}

/// Addresses a subnet of this prefix length can give to resources: AWS reserves five
/// (network, VPC router, DNS, future use, broadcast).
///
/// ```
/// assert_eq!(netwright_core::cidr::usable_addresses(24), 251);
/// assert_eq!(netwright_core::cidr::usable_addresses(28), 11);
/// ```
pub fn usable_addresses(prefix_len: u8) -> u64 {
    size(prefix_len).saturating_sub(5)
}

/// Where an IPv4 block sits in the address space, for the VPC association rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Range {
    /// 10.0.0.0/8.
    Rfc1918Ten,
    /// 172.16.0.0/12.
    Rfc1918OneSevenTwo,
    /// 192.168.0.0/16.
    Rfc1918OneNineTwo,
    /// 100.64.0.0/10 (shared address space).
    SharedCgnat,
    /// 198.19.0.0/16 (benchmarking).
    Benchmark,
    /// 169.254.0.0/16: never usable in a VPC.
    LinkLocal,
    /// Anything else: publicly routable.
    Public,
}

const fn net(a: u8, b: u8, c: u8, d: u8, len: u8) -> (Ipv4Addr, u8) {
    (Ipv4Addr::new(a, b, c, d), len)
}

fn within(block: Ipv4Net, (addr, len): (Ipv4Addr, u8)) -> bool {
    // Both constants are valid prefixes, so `new` cannot fail.
    Ipv4Net::new(addr, len)
        .map(|r| r.contains(&block) || block.contains(&r))
        .unwrap_or(false)
}

/// Classifies a block by the range it sits in (a block that straddles a range's edge
/// counts as that range too, so `10.0.0.0/7` is treated as 10/8).
pub fn range(block: Ipv4Net) -> Range {
    if within(block, net(169, 254, 0, 0, 16)) {
        Range::LinkLocal
    } else if within(block, net(10, 0, 0, 0, 8)) {
        Range::Rfc1918Ten
    } else if within(block, net(172, 16, 0, 0, 12)) {
        Range::Rfc1918OneSevenTwo
    } else if within(block, net(192, 168, 0, 0, 16)) {
        Range::Rfc1918OneNineTwo
    } else if within(block, net(100, 64, 0, 0, 10)) {
        Range::SharedCgnat
    } else if within(block, net(198, 19, 0, 0, 16)) {
        Range::Benchmark
    } else {
        Range::Public
    }
}

/// Whether the block overlaps 172.17.0.0/16 (Docker's default bridge).
pub fn overlaps_docker_bridge(block: Ipv4Net) -> bool {
    within(block, net(172, 17, 0, 0, 16))
}

/// Whether the block overlaps 172.31.0.0/16 (the default VPC's block).
pub fn overlaps_default_vpc(block: Ipv4Net) -> bool {
    within(block, net(172, 31, 0, 0, 16))
}

/// The first block of `prefix_len` inside one of `within` (tried in order) that
/// overlaps none of `used`. `used` need not be sorted.
///
/// ```
/// use netwright_core::cidr::{next_free, parse};
/// let vpc = parse("10.0.0.0/16").unwrap().net;
/// let used: Vec<_> = ["10.0.1.0/24", "10.0.0.0/24", "10.0.3.0/24"]
///     .iter().map(|s| parse(s).unwrap().net).collect();
/// assert_eq!(next_free(&[vpc], &used, 24).unwrap().to_string(), "10.0.2.0/24");
/// ```
pub fn next_free(within: &[Ipv4Net], used: &[Ipv4Net], prefix_len: u8) -> Option<Ipv4Net> {
    if prefix_len > 32 {
        return None;
    }
    let mut sorted: Vec<(u64, u64)> = used.iter().map(|n| span(*n)).collect();
    crate::order::sort(&mut sorted);
    let step = size(prefix_len);
    for block in within {
        if block.prefix_len() > prefix_len {
            continue;
        }
        let (start, end) = span(*block);
        let mut cursor = start;
        // Index of the first used span that may overlap [cursor, ..).
        let mut i = sorted.partition_point(|&(_, e)| e < cursor);
        while cursor + step - 1 <= end {
            let cand_end = cursor + step - 1;
            // Skip used spans that end before the candidate.
            while i < sorted.len() && sorted[i].1 < cursor {
                i += 1;
            }
            // Find the furthest end among used spans overlapping the candidate.
            let mut blocker: Option<u64> = None;
            let mut j = i;
            while j < sorted.len() && sorted[j].0 <= cand_end {
                if sorted[j].1 >= cursor {
                    blocker = Some(blocker.map_or(sorted[j].1, |b: u64| b.max(sorted[j].1)));
                }
                j += 1;
            }
            match blocker {
                None => {
                    return Ipv4Net::new(Ipv4Addr::from(cursor as u32), prefix_len).ok();
                }
                Some(b) => {
                    // Align up past the blocker.
                    let next = b + 1;
                    cursor = next.div_ceil(step) * step;
                }
            }
        }
    }
    None
}

/// First and last address of a block as integers.
pub fn span(n: Ipv4Net) -> (u64, u64) {
    (
        u64::from(u32::from(n.network())),
        u64::from(u32::from(n.broadcast())),
    )
}

/// A count written with thousands separators, as Netwright shows address counts and
/// sizes: 65536 → "65,536".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Ipv4Net {
        parse(s).unwrap().net
    }

    #[test]
    fn parse_errors_are_specific() {
        assert_eq!(parse(""), Err(CidrError::Empty));
        assert_eq!(parse("10.0.0.0"), Err(CidrError::MissingPrefix));
        assert_eq!(
            parse("10.0.0/16"),
            Err(CidrError::BadAddress("10.0.0".into()))
        );
        assert_eq!(parse("10.0.0.0/33"), Err(CidrError::BadPrefix("33".into())));
        assert_eq!(parse("10.0.0.0/-1"), Err(CidrError::BadPrefix("-1".into())));
        assert_eq!(parse("10.0.0.0/+8"), Err(CidrError::BadPrefix("+8".into())));
        assert_eq!(parse(" 10.0.0.0/16 ").unwrap().net, n("10.0.0.0/16"));
    }

    #[test]
    fn host_bits_are_reported_not_hidden() {
        let c = parse("10.0.1.7/24").unwrap();
        assert!(c.had_host_bits);
        assert_eq!(c.net.to_string(), "10.0.1.0/24");
        assert!(!parse("10.0.1.0/24").unwrap().had_host_bits);
    }

    #[test]
    fn ranges() {
        assert_eq!(range(n("10.0.0.0/16")), Range::Rfc1918Ten);
        assert_eq!(range(n("172.20.0.0/16")), Range::Rfc1918OneSevenTwo);
        assert_eq!(range(n("192.168.4.0/24")), Range::Rfc1918OneNineTwo);
        assert_eq!(range(n("100.64.0.0/16")), Range::SharedCgnat);
        assert_eq!(range(n("198.19.0.0/16")), Range::Benchmark);
        assert_eq!(range(n("169.254.0.0/16")), Range::LinkLocal);
        assert_eq!(range(n("52.0.0.0/16")), Range::Public);
        assert!(overlaps_docker_bridge(n("172.17.0.0/16")));
        assert!(!overlaps_docker_bridge(n("172.18.0.0/16")));
    }

    #[test]
    fn next_free_skips_used_and_aligns() {
        let vpc = [n("10.0.0.0/16")];
        assert_eq!(next_free(&vpc, &[], 24), Some(n("10.0.0.0/24")));
        let used = [n("10.0.0.0/25"), n("10.0.0.128/26")];
        assert_eq!(next_free(&vpc, &used, 24), Some(n("10.0.1.0/24")));
        assert_eq!(next_free(&vpc, &used, 26), Some(n("10.0.0.192/26")));
        let used = [n("10.0.0.0/17")];
        assert_eq!(next_free(&vpc, &used, 20), Some(n("10.0.128.0/20")));
        assert_eq!(next_free(&vpc, &[n("10.0.0.0/16")], 28), None);
        // Falls through to a secondary block.
        let blocks = [n("10.0.0.0/24"), n("10.1.0.0/16")];
        assert_eq!(
            next_free(&blocks, &[n("10.0.0.0/24")], 24),
            Some(n("10.1.0.0/24"))
        );
        // A used block larger than the candidate size.
        assert_eq!(next_free(&vpc, &[n("10.0.0.0/8")], 24), None);
    }

    #[test]
    fn grouped_puts_a_comma_between_groups_of_three_digits() {
        for (n, text) in [(0, "0"), (999, "999"), (1000, "1,000"), (51_200, "51,200")] {
            assert_eq!(grouped(n), text);
        }
        assert_eq!(grouped(1_048_576), "1,048,576");
        assert_eq!(grouped(123_456_789), "123,456,789");
    }
}
