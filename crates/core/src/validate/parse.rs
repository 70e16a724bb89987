//! Fast parsers for the blocks validation reads on every call: IPv4 blocks and rule
//! peers (IPv4 or IPv6). Each has a fast path for the plain shapes people type and falls
//! back to `cidr::parse` / ipnet for everything else, so results never differ from
//! `cidr::parse` and `cidr::parse_any` (tests compare them on corpora).

use crate::cidr::{self, Cidr, CidrError, IpNet};

/// Parses a typed IPv4 block exactly as [`cidr::parse`] does, with a fast path for the
/// plain shape `a.b.c.d/len` (validation parses thousands of blocks per keystroke).
pub(super) fn parse_v4(s: &str) -> Result<Cidr, CidrError> {
    match fast_v4(s) {
        Some(c) => Ok(c),
        None => cidr::parse(s),
    }
}

/// `a.b.c.d/len` with decimal octets (no leading zeros, as `Ipv4Addr` requires) and a
/// prefix of at most 32; `None` for anything else, which `cidr::parse` then handles.
fn fast_v4(s: &str) -> Option<Cidr> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut addr: u32 = 0;
    for part in 0..4 {
        let start = i;
        let mut v: u32 = 0;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            v = v * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || v > 255 || (digits > 1 && b[start] == b'0') {
            return None;
        }
        addr = (addr << 8) | v;
        let sep = if part < 3 { b'.' } else { b'/' };
        if b.get(i) != Some(&sep) {
            return None;
        }
        i += 1;
    }
    let start = i;
    let mut len: u32 = 0;
    while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
        len = len * 10 + u32::from(b[i] - b'0');
        i += 1;
    }
    if i != b.len() || i == start || len > 32 {
        return None;
    }
    let typed = cidr::Ipv4Net::new(std::net::Ipv4Addr::from(addr), len as u8).ok()?;
    let net = typed.trunc();
    Some(Cidr {
        net,
        had_host_bits: net.addr() != typed.addr(),
    })
}

/// Parses a rule peer (IPv4 or IPv6) and says whether host bits were set.
pub(super) fn parse_peer(text: &str) -> Result<(IpNet, bool), CidrError> {
    // A plain IPv4 block has no ':', so the fast path can go first.
    if let Some(c) = fast_v4(text) {
        return Ok((IpNet::V4(c.net), c.had_host_bits));
    }
    if !text.as_bytes().contains(&b':') {
        return cidr::parse(text).map(|c| (IpNet::V4(c.net), c.had_host_bits));
    }
    // Anything the fast path refuses goes to ipnet's parser, as `cidr::parse_any` does.
    let typed = match fast_v6(text.as_bytes()) {
        Some(n) => IpNet::V6(n),
        None => {
            let s = text.trim();
            s.parse::<IpNet>()
                .map_err(|_| CidrError::BadAddress(s.to_string()))?
        }
    };
    let net = typed.trunc();
    Ok((net, net != typed))
}

/// `hex:hex:...::hex/len` with 1-4 hex digits per group and a prefix of at most 128;
/// `None` for anything else (embedded IPv4, spaces, ...), which ipnet then handles.
fn fast_v6(b: &[u8]) -> Option<ipnet::Ipv6Net> {
    let slash = b.iter().position(|&c| c == b'/')?;
    let (addr, prefix) = (&b[..slash], &b[slash + 1..]);
    if prefix.is_empty() || prefix.len() > 3 {
        return None;
    }
    let mut len: u32 = 0;
    for &c in prefix {
        len = len * 10 + u32::from(c.checked_sub(b'0').filter(|d| *d < 10)?);
    }
    if len > 128 {
        return None;
    }
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (nh, nt) = match addr.windows(2).position(|w| w == b"::") {
        Some(p) => {
            let nh = v6_groups(&addr[..p], &mut head)?;
            let nt = v6_groups(&addr[p + 2..], &mut tail)?;
            if nh + nt > 7 {
                return None;
            }
            (nh, nt)
        }
        None => {
            let n = v6_groups(addr, &mut head)?;
            if n != 8 {
                return None;
            }
            (8, 0)
        }
    };
    let mut words = [0u16; 8];
    words[..nh].copy_from_slice(&head[..nh]);
    words[8 - nt..].copy_from_slice(&tail[..nt]);
    let addr = std::net::Ipv6Addr::from(words);
    ipnet::Ipv6Net::new(addr, len as u8).ok()
}

/// Parses `g:g:g` (possibly empty) into `out`; the number of groups.
fn v6_groups(b: &[u8], out: &mut [u16; 8]) -> Option<usize> {
    if b.is_empty() {
        return Some(0);
    }
    let mut n = 0;
    for part in b.split(|&c| c == b':') {
        if part.is_empty() || part.len() > 4 || n == 8 {
            return None;
        }
        let mut v: u16 = 0;
        for &c in part {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return None,
            };
            v = (v << 4) | u16::from(d);
        }
        out[n] = v;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_parse_agrees_with_cidr_parse() {
        let samples = [
            "10.0.0.0/16",
            "10.0.0.5/16",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "1.2.3.4/33",
            "01.2.3.4/8",
            "1.2.3/8",
            "1.2.3.4",
            "1.2.3.4/",
            "1.2.3.4/08",
            "1.2.3.4/008",
            " 10.0.0.0/16",
            "10.0.0.0/16 ",
            "256.0.0.0/8",
            "1.2.3.4/-1",
            "1.2.3.4/+8",
            "1.2.3.4//8",
            "1..3.4/8",
            "",
            "/",
            "1.2.3.4.5/8",
            "0.0.0.0/00",
            "1000.0.0.0/8",
            "10.0.0.0 /16",
            "10.0.0.0/ 16",
            "10.0.0.0/1_6",
            "٣.0.0.0/8",
        ];
        for s in samples {
            assert_eq!(parse_v4(s), cidr::parse(s), "{s:?}");
        }
        for a in 0..=300u32 {
            for len in [0u32, 7, 8, 24, 32, 33, 99] {
                let s = format!("{a}.{}.1.{}/{len}", a % 7, a % 256);
                assert_eq!(parse_v4(&s), cidr::parse(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn v6_peers_agree_with_parse_any() {
        for s in [
            "::/0",
            "fd00::/64",
            "fd00::1/64",
            "fd00:0:0:1a::/64",
            "::ffff:1.2.3.4/128",
            "2001:db8::/32",
            "2001:db8::/129",
            "2001:db8::",
            "2001:db8::/064",
            "fd00:::/8",
            "gggg::/8",
            " ::/0 ",
            "::/1_0",
        ] {
            let mine = parse_peer(s).map(|(n, _)| n).ok();
            assert_eq!(mine, cidr::parse_any(s).ok(), "{s:?}");
        }
    }

    #[test]
    fn fast_v6_agrees_with_parse_any_on_a_corpus() {
        let parts = ["", "0", "1", "fd00", "FFFF", "12345", "g", "1.2.3.4", " "];
        let seps = [":", "::", ":::", ""];
        let prefixes = ["/0", "/64", "/128", "/129", "/064", "/", "", "/1a"];
        let mut n = 0;
        for a in parts {
            for s1 in seps {
                for b in parts {
                    for s2 in seps {
                        for c in ["", "1", "ab:cd:ef:1:2:3", "0:0:0:0:0:0:0"] {
                            for p in prefixes {
                                let text = format!("{a}{s1}{b}{s2}{c}{p}");
                                let mine = parse_peer(&text).map(|(n, _)| n).ok();
                                assert_eq!(mine, cidr::parse_any(&text).ok(), "{text:?}");
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    #[test]
    fn peers_parse_v4_and_v6() {
        assert!(parse_peer("::/0").unwrap().0.prefix_len() == 0);
        assert!(parse_peer("fd00::1/64").unwrap().1);
        assert!(!parse_peer("10.0.0.0/8").unwrap().1);
        assert!(parse_peer("fd00::/129").is_err());
        assert!(parse_peer("x").is_err());
    }
}
