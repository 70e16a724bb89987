//! Sets of ports (or ICMP types) as sorted, disjoint, inclusive ranges, and the kinds of
//! traffic a question can be about.

use serde::Serialize;

use crate::model::{AclEntry, AclProtocol, Protocol, Rule};

/// What kind of traffic a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Traffic {
    /// TCP, by destination port.
    Tcp,
    /// UDP, by destination port.
    Udp,
    /// ICMP, by type.
    Icmp,
    /// Every protocol and port at once: only what allows all traffic lets it through.
    All,
}

impl Traffic {
    /// Every kind, in the order answers list them.
    pub const ALL: [Traffic; 4] = [Traffic::Tcp, Traffic::Udp, Traffic::Icmp, Traffic::All];

    /// Parses `tcp`, `udp`, `icmp`, `all` (or `-1`).
    pub fn parse(s: &str) -> Option<Traffic> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tcp" | "6" => Some(Traffic::Tcp),
            "udp" | "17" => Some(Traffic::Udp),
            "icmp" | "1" => Some(Traffic::Icmp),
            "all" | "-1" => Some(Traffic::All),
            _ => None,
        }
    }

    /// `tcp`, `udp`, `icmp`, `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            Traffic::Tcp => "tcp",
            Traffic::Udp => "udp",
            Traffic::Icmp => "icmp",
            Traffic::All => "all",
        }
    }

    /// The largest port (or ICMP type) of the kind; all traffic is one unit, 0.
    pub fn max(self) -> u32 {
        match self {
            Traffic::Tcp | Traffic::Udp => 65_535,
            Traffic::Icmp => 255,
            Traffic::All => 0,
        }
    }

    /// Every port (or type) of the kind.
    pub fn every(self) -> Ranges {
        Ranges::span(0, self.max())
    }

    /// The ports (or types) of a question: one, or every one.
    pub fn ports(self, port: Option<u16>) -> Ranges {
        match (self, port) {
            (Traffic::All, _) | (_, None) => self.every(),
            (_, Some(p)) => Ranges::span(u32::from(p), u32::from(p)),
        }
    }

    /// The ports replies come back to: the ephemeral ports 1024-65535 for TCP and UDP,
    /// the echo reply (type 0) for ICMP, all traffic for all traffic.
    pub fn replies(self) -> Ranges {
        match self {
            Traffic::Tcp | Traffic::Udp => Ranges::span(1024, 65_535),
            Traffic::Icmp => Ranges::span(0, 0),
            Traffic::All => Traffic::All.every(),
        }
    }

    /// `tcp/443`, `tcp/1024-65535`, `icmp type 8`, `all traffic`.
    pub fn describe(self, ports: &Ranges) -> String {
        match self {
            Traffic::All => "all traffic".into(),
            Traffic::Icmp if *ports == self.every() => "all ICMP".into(),
            Traffic::Icmp => format!("ICMP type {}", ports.label()),
            _ if *ports == self.every() => format!("{}/all ports", self.as_str()),
            _ => format!("{}/{}", self.as_str(), ports.label()),
        }
    }
}

/// A set of ports as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    /// No port.
    pub fn none() -> Ranges {
        Ranges(Vec::new())
    }

    /// The ports `from..=to` (none when reversed).
    pub fn span(from: u32, to: u32) -> Ranges {
        if from > to {
            return Ranges::none();
        }
        Ranges(vec![(from, to)])
    }

    /// The ranges, in order.
    pub fn spans(&self) -> &[(u32, u32)] {
        &self.0
    }

    /// Whether no port is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The set of any ranges, in any order, overlapping or not.
    pub fn from_spans(mut spans: Vec<(u32, u32)>) -> Ranges {
        spans.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match out.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Ranges(out)
    }

    /// Every port of `self` or `other`.
    pub fn union(&self, other: &Ranges) -> Ranges {
        Ranges::from_spans(self.0.iter().chain(&other.0).copied().collect())
    }

    /// The ports of both.
    pub fn intersect(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.0.len() && j < other.0.len() {
            let (a, b) = self.0[i];
            let (c, d) = other.0[j];
            let (lo, hi) = (a.max(c), b.min(d));
            if lo <= hi {
                out.push((lo, hi));
            }
            if b < d {
                i += 1;
            } else {
                j += 1;
            }
        }
        Ranges(out)
    }

    /// The ports of `self` that are not in `other`.
    pub fn minus(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        for &(a, b) in &self.0 {
            let mut start = a;
            let mut open = true;
            for &(c, d) in &other.0 {
                if d < start || c > b {
                    continue;
                }
                if c > start {
                    out.push((start, c - 1));
                }
                if d >= b {
                    open = false;
                    break;
                }
                start = d + 1;
            }
            if open && start <= b {
                out.push((start, b));
            }
        }
        Ranges(out)
    }

    /// Whether every port of `other` is in `self`.
    pub fn covers(&self, other: &Ranges) -> bool {
        other.minus(self).is_empty()
    }

    /// `443`, `80, 443`, `1024-65535`.
    pub fn label(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        parts.join(", ")
    }
}

/// What a security group rule allows of `traffic`: its ports, every port for an
/// all-traffic rule, nothing of another protocol. A question about all traffic is
/// answered only by rules that allow all traffic.
pub(super) fn rule_ports(rule: &Rule, traffic: Traffic) -> Option<(u32, u32)> {
    match (rule.protocol, traffic) {
        (Protocol::All, _) => Some((0, traffic.max())),
        (_, Traffic::All) => None,
        (Protocol::Tcp, Traffic::Tcp) | (Protocol::Udp, Traffic::Udp) => {
            let from = rule.from_port.clamp(0, 65_535) as u32;
            let to = rule.to_port.clamp(0, 65_535) as u32;
            (from <= to).then_some((from, to))
        }
        (Protocol::Icmp, Traffic::Icmp) if rule.from_port < 0 => Some((0, 255)),
        (Protocol::Icmp, Traffic::Icmp) => {
            let t = rule.from_port.min(255) as u32;
            Some((t, t))
        }
        _ => None,
    }
}

fn icmp_types(t: i32) -> Ranges {
    if t < 0 {
        Traffic::Icmp.every()
    } else {
        let t = t.min(255) as u32;
        Ranges::span(t, t)
    }
}

/// How a network ACL entry's protocol meets a question's traffic.
pub(super) enum EntryReach {
    /// The entry is about other traffic.
    Other,
    /// The entry is about these ports (or types) of the traffic.
    Ports(Ranges),
    /// The entry is about part of all traffic (one protocol, or some ports): it decides
    /// nothing about all traffic as a whole, but a deny stops part of it.
    Part,
}

/// A network ACL entry, parsed once: what the engine needs of it.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    /// Its position in its list.
    pub index: usize,
    pub action: crate::model::AclAction,
    pub block: ipnet::IpNet,
    protocol: AclProtocol,
    ports: Option<(u16, u16)>,
    icmp_type: i32,
}

impl Parsed {
    /// The entry parsed, `None` when some part does not (it matches nothing; validation
    /// reports it).
    pub fn new(index: usize, e: &AclEntry) -> Option<Parsed> {
        Some(Parsed {
            index,
            action: e.action,
            block: e.block().ok()?,
            protocol: e.protocol().ok()?,
            ports: e.port_range().ok()?,
            icmp_type: e.icmp_type,
        })
    }

    /// What of `traffic` the entry is about (its block aside).
    pub fn reach(&self, traffic: Traffic) -> EntryReach {
        let p = self.protocol;
        if p == AclProtocol::All {
            return EntryReach::Ports(traffic.every());
        }
        let number = match traffic {
            Traffic::Tcp => 6,
            Traffic::Udp => 17,
            Traffic::Icmp => 1,
            Traffic::All => return EntryReach::Part,
        };
        if !p.matches(number) {
            return EntryReach::Other;
        }
        match self.ports {
            Some((from, to)) => EntryReach::Ports(Ranges::span(from.into(), to.into())),
            None if p.has_icmp() => EntryReach::Ports(icmp_types(self.icmp_type)),
            None => EntryReach::Ports(traffic.every()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(spans: &[(u32, u32)]) -> Ranges {
        spans.iter().fold(Ranges::none(), |acc, &(a, b)| {
            acc.union(&Ranges::span(a, b))
        })
    }

    #[test]
    fn union_merges_overlapping_and_adjacent_ranges() {
        assert_eq!(
            r(&[(80, 80), (81, 90), (443, 443), (85, 100)]).spans(),
            &[(80, 100), (443, 443)]
        );
    }

    #[test]
    fn minus_and_intersect() {
        let all = Traffic::Tcp.every();
        let web = r(&[(80, 80), (443, 443)]);
        assert_eq!(
            all.minus(&web).spans(),
            &[(0, 79), (81, 442), (444, 65_535)]
        );
        assert_eq!(all.intersect(&web), web);
        assert_eq!(web.minus(&all), Ranges::none());
        assert!(all.covers(&web) && !web.covers(&all));
        assert_eq!(
            r(&[(0, 10), (20, 30)]).intersect(&r(&[(5, 25)])).spans(),
            &[(5, 10), (20, 25)]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(Traffic::Tcp.describe(&Ranges::span(5432, 5432)), "tcp/5432");
        assert_eq!(
            Traffic::Tcp.describe(&Traffic::Tcp.every()),
            "tcp/all ports"
        );
        assert_eq!(Traffic::All.describe(&Traffic::All.every()), "all traffic");
        assert_eq!(r(&[(80, 80), (1024, 65_535)]).label(), "80, 1024-65535");
    }
}
