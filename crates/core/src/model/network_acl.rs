//! Network ACLs: stateless, numbered allow/deny entries on subnets, and their evaluation.
//!
//! Source: Amazon VPC User Guide, "Control subnet traffic with network ACLs". Entries
//! are evaluated in rule-number order (1-32766), the first match wins, and every ACL
//! ends with an implicit deny (rule `*`). A subnet is associated with exactly one ACL:
//! a subnet that no ACL of the design lists uses its VPC's default ACL, which the model
//! treats as AWS creates it: allow all traffic in and out, IPv4 and IPv6.
//!
//! Entry fields hold what the user typed (protocol, ports, block); the typed accessors
//! ([`AclEntry::protocol`], [`AclEntry::port_range`], [`AclEntry::block`]) parse them
//! the one way validation, exporters and [`NetworkAcl::decide`] all use.

use std::fmt;
use std::net::IpAddr;

use super::{parse_ports, Id, PortError, Protocol, Tags};
use crate::cidr::{CidrError, IpNet};

/// The lowest rule number AWS accepts.
pub const MIN_RULE_NUMBER: i32 = 1;
/// The highest rule number AWS accepts (32767 is the implicit final deny).
pub const MAX_RULE_NUMBER: i32 = 32766;

/// What an entry does with traffic it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum AclAction {
    /// Let it through.
    #[default]
    Allow,
    /// Drop it.
    Deny,
}

impl AclAction {
    /// The value the AWS API uses (`allow` or `deny`).
    pub fn as_aws(self) -> &'static str {
        match self {
            AclAction::Allow => "allow",
            AclAction::Deny => "deny",
        }
    }
}

/// Which way traffic crosses the subnet's edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AclDirection {
    /// Into the subnet (AWS `Egress: false`); entries match the source address.
    Inbound,
    /// Out of the subnet (AWS `Egress: true`); entries match the destination address.
    Outbound,
}

impl AclDirection {
    /// Both directions, inbound first.
    pub const BOTH: [AclDirection; 2] = [AclDirection::Inbound, AclDirection::Outbound];

    /// The name of the entry list in the model and the saved format: `inbound` or `outbound`.
    pub fn field(self) -> &'static str {
        match self {
            AclDirection::Inbound => "inbound",
            AclDirection::Outbound => "outbound",
        }
    }
}

/// An entry's protocol, parsed from what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AclProtocol {
    /// TCP (6), with a port range.
    Tcp,
    /// UDP (17), with a port range.
    Udp,
    /// ICMP (1), with a type and code.
    Icmp,
    /// ICMPv6 (58), with a type and code.
    Icmpv6,
    /// Every protocol (`-1`).
    All,
    /// Any other IP protocol, by number (0-255, never 1, 6, 17 or 58).
    Number(u8),
}

impl AclProtocol {
    /// The IP protocol number, `-1` for all: what CloudFormation's `Protocol` and the
    /// AWS CLI's `--protocol` take.
    ///
    /// ```
    /// use netwright_core::model::AclProtocol;
    /// assert_eq!(AclProtocol::Tcp.number(), 6);
    /// assert_eq!(AclProtocol::All.number(), -1);
    /// ```
    pub fn number(self) -> i16 {
        match self {
            AclProtocol::Tcp => 6,
            AclProtocol::Udp => 17,
            AclProtocol::Icmp => 1,
            AclProtocol::Icmpv6 => 58,
            AclProtocol::All => -1,
            AclProtocol::Number(n) => i16::from(n),
        }
    }

    /// The protocol with IP protocol number `n` (`-1` for all), named when it has a name.
    pub fn from_number(n: i64) -> Option<AclProtocol> {
        Some(match n {
            -1 => AclProtocol::All,
            1 => AclProtocol::Icmp,
            6 => AclProtocol::Tcp,
            17 => AclProtocol::Udp,
            58 => AclProtocol::Icmpv6,
            0..=255 => AclProtocol::Number(n as u8),
            _ => return None,
        })
    }

    /// Whether entries of this protocol carry a port range (TCP and UDP).
    pub fn has_ports(self) -> bool {
        matches!(self, AclProtocol::Tcp | AclProtocol::Udp)
    }

    /// Whether entries of this protocol carry an ICMP type and code.
    pub fn has_icmp(self) -> bool {
        matches!(self, AclProtocol::Icmp | AclProtocol::Icmpv6)
    }

    /// A short human label: `TCP`, `ICMPv6`, `All traffic`, `protocol 50`.
    pub fn label(self) -> String {
        match self {
            AclProtocol::Tcp => "TCP".into(),
            AclProtocol::Udp => "UDP".into(),
            AclProtocol::Icmp => "ICMP".into(),
            AclProtocol::Icmpv6 => "ICMPv6".into(),
            AclProtocol::All => "All traffic".into(),
            AclProtocol::Number(n) => format!("protocol {n}"),
        }
    }

    /// Whether traffic of IP protocol `n` is this protocol (every protocol for `All`).
    pub fn matches(self, n: u8) -> bool {
        self == AclProtocol::All || self.number() == i16::from(n)
    }
}

/// Why a typed protocol is not a protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclProtocolError {
    /// Nothing typed.
    Empty,
    /// Neither a name AWS knows nor a number.
    Unknown(String),
    /// A number outside -1-255.
    OutOfRange(i64),
}

impl fmt::Display for AclProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AclProtocolError::Empty => {
                f.write_str("no protocol given (tcp, udp, icmp, icmpv6, all or a number)")
            }
            AclProtocolError::Unknown(s) => write!(
                f,
                "'{s}' is not a protocol (tcp, udp, icmp, icmpv6, all or a number 0-255)"
            ),
            AclProtocolError::OutOfRange(n) => {
                write!(f, "protocol number {n} is outside 0-255 (-1 means all)")
            }
        }
    }
}

impl std::error::Error for AclProtocolError {}

/// Parses a typed protocol: `tcp`, `udp`, `icmp`, `icmpv6`, `all` (or `-1`), or an IP
/// protocol number, ignoring case and surrounding spaces. Numbers with a name become
/// that name (`6` is TCP).
///
/// ```
/// use netwright_core::model::{parse_acl_protocol, AclProtocol};
/// assert_eq!(parse_acl_protocol(" TCP "), Ok(AclProtocol::Tcp));
/// assert_eq!(parse_acl_protocol("58"), Ok(AclProtocol::Icmpv6));
/// assert_eq!(parse_acl_protocol("-1"), Ok(AclProtocol::All));
/// assert_eq!(parse_acl_protocol("50"), Ok(AclProtocol::Number(50)));
/// assert!(parse_acl_protocol("gre").is_err());
/// ```
pub fn parse_acl_protocol(input: &str) -> Result<AclProtocol, AclProtocolError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(AclProtocolError::Empty);
    }
    let named = [
        ("tcp", AclProtocol::Tcp),
        ("udp", AclProtocol::Udp),
        ("icmp", AclProtocol::Icmp),
        ("icmpv6", AclProtocol::Icmpv6),
        ("all", AclProtocol::All),
    ];
    if let Some((_, p)) = named.iter().find(|(n, _)| s.eq_ignore_ascii_case(n)) {
        return Ok(*p);
    }
    if s.len() > 12 {
        return Err(AclProtocolError::Unknown(s.to_string()));
    }
    let n: i64 = s
        .parse()
        .map_err(|_| AclProtocolError::Unknown(s.to_string()))?;
    AclProtocol::from_number(n).ok_or(AclProtocolError::OutOfRange(n))
}

/// One numbered entry of a network ACL, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AclEntry {
    /// Rule number, 1-32766; entries are evaluated from the lowest up.
    pub rule_number: i32,
    /// Allow or deny.
    pub action: AclAction,
    /// Protocol as typed: `tcp`, `udp`, `icmp`, `icmpv6`, `all`, `-1` or a number.
    pub protocol: String,
    /// TCP/UDP port range as typed (`443`, `1024-65535`, `all`); empty for protocols
    /// that take no ports.
    pub ports: String,
    /// IPv4 or IPv6 block as typed: the source (inbound) or destination (outbound).
    pub cidr: String,
    /// ICMP/ICMPv6 type, -1 for any; ignored for other protocols.
    pub icmp_type: i32,
    /// ICMP/ICMPv6 code, -1 for any; ignored for other protocols.
    pub icmp_code: i32,
}

impl AclEntry {
    /// An entry with no ports and any ICMP type and code.
    ///
    /// ```
    /// use netwright_core::model::{AclAction, AclEntry};
    /// let e = AclEntry::new(100, AclAction::Allow, "tcp", "443", "0.0.0.0/0");
    /// assert_eq!(e.port_range(), Ok(Some((443, 443))));
    /// ```
    pub fn new(
        rule_number: i32,
        action: AclAction,
        protocol: impl Into<String>,
        ports: impl Into<String>,
        cidr: impl Into<String>,
    ) -> Self {
        AclEntry {
            rule_number,
            action,
            protocol: protocol.into(),
            ports: ports.into(),
            cidr: cidr.into(),
            icmp_type: -1,
            icmp_code: -1,
        }
    }

    /// The protocol, parsed (see [`parse_acl_protocol`]).
    pub fn protocol(&self) -> Result<AclProtocol, AclProtocolError> {
        parse_acl_protocol(&self.protocol)
    }

    /// The TCP/UDP port range, parsed with the conventions of security group rules
    /// (`443`, `8000-8080`, `all`); `Ok(None)` for a protocol that takes no ports (or
    /// one that does not parse, which [`AclEntry::protocol`] reports).
    pub fn port_range(&self) -> Result<Option<(u16, u16)>, PortError> {
        match self.protocol() {
            Ok(p) if p.has_ports() => {
                let (from, to) = parse_ports(Protocol::Tcp, &self.ports)?;
                // parse_ports keeps TCP/UDP ports within 0-65535.
                Ok(Some((from as u16, to as u16)))
            }
            _ => Ok(None),
        }
    }

    /// The block, parsed to its canonical form (IPv4 or IPv6).
    pub fn block(&self) -> Result<IpNet, CidrError> {
        crate::cidr::parse_any(&self.cidr)
    }

    /// Whether every part of the entry parses, so AWS would accept its shape.
    pub fn is_well_formed(&self) -> bool {
        self.protocol().is_ok() && self.port_range().is_ok() && self.block().is_ok()
    }

    /// Whether the entry matches traffic of IP protocol `protocol` on `port` (the
    /// destination port for TCP/UDP, the ICMP type for ICMP/ICMPv6, ignored otherwise)
    /// to or from `addr`. An entry that does not parse matches nothing. An ICMP entry
    /// limited to one code does not match a query, which stands for a type's every code.
    pub fn matches(&self, protocol: u8, port: u16, addr: IpAddr) -> bool {
        let Ok(p) = self.protocol() else {
            return false;
        };
        if !p.matches(protocol) {
            return false;
        }
        let Ok(block) = self.block() else {
            return false;
        };
        if !block.contains(&addr) {
            return false;
        }
        match self.port_range() {
            Ok(Some((from, to))) => from <= port && port <= to,
            Ok(None) if p.has_icmp() => {
                (self.icmp_type == -1 || self.icmp_type == i32::from(port)) && self.icmp_code == -1
            }
            Ok(None) => true,
            Err(_) => false,
        }
    }

    /// The ports as a person reads them: `443`, `1024-65535`, `all`, `ICMP type 8`.
    pub fn ports_label(&self) -> String {
        match (self.protocol(), self.port_range()) {
            (Ok(p), _) if p.has_icmp() => match (self.icmp_type, self.icmp_code) {
                (-1, _) => format!("all {}", p.label()),
                (t, -1) => format!("{} type {t}", p.label()),
                (t, c) => format!("{} type {t} code {c}", p.label()),
            },
            (_, Ok(Some((0, 65535)))) => "all ports".into(),
            (_, Ok(Some((a, b)))) if a == b => a.to_string(),
            (_, Ok(Some((a, b)))) => format!("{a}-{b}"),
            _ => "all".into(),
        }
    }
}

/// What a network ACL decided about some traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclDecision {
    /// Allowed or denied.
    pub action: AclAction,
    /// The index (in the direction's entry list) of the entry that decided, or `None`
    /// for the implicit final deny (or the default ACL's allow-all).
    pub entry: Option<usize>,
}

/// A network ACL of one VPC, with the subnets associated with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkAcl {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Subnets associated with this ACL. A subnet belongs to at most one ACL of the
    /// design; subnets in none use the VPC's default ACL (allow all).
    pub subnets: Vec<Id>,
    /// Inbound entries, in the order the user keeps them (evaluated by rule number).
    pub inbound: Vec<AclEntry>,
    /// Outbound entries, in the order the user keeps them (evaluated by rule number).
    pub outbound: Vec<AclEntry>,
    /// Extra tags.
    pub tags: Tags,
}

impl NetworkAcl {
    /// An ACL with no entries (AWS: a new custom ACL denies everything) and no subnets.
    pub fn new(id: impl Into<Id>, name: impl Into<String>, vpc: impl Into<Id>) -> Self {
        NetworkAcl {
            id: id.into(),
            name: name.into(),
            vpc: vpc.into(),
            subnets: Vec::new(),
            inbound: Vec::new(),
            outbound: Vec::new(),
            tags: Tags::new(),
        }
    }

    /// The entries of one direction.
    pub fn entries(&self, direction: AclDirection) -> &[AclEntry] {
        match direction {
            AclDirection::Inbound => &self.inbound,
            AclDirection::Outbound => &self.outbound,
        }
    }

    /// The entries of one direction, to change.
    pub fn entries_mut(&mut self, direction: AclDirection) -> &mut Vec<AclEntry> {
        match direction {
            AclDirection::Inbound => &mut self.inbound,
            AclDirection::Outbound => &mut self.outbound,
        }
    }

    /// Indexes of one direction's entries in evaluation order: by rule number, ties
    /// (which validation reports) in list order.
    pub fn evaluation_order(&self, direction: AclDirection) -> Vec<usize> {
        let entries = self.entries(direction);
        let mut order: Vec<usize> = (0..entries.len()).collect();
        // Lists are usually kept in rule-number order already.
        if entries
            .windows(2)
            .all(|w| w[0].rule_number <= w[1].rule_number)
        {
            return order;
        }
        crate::order::sort_by(&mut order, |a, b| {
            (entries[*a].rule_number, *a).cmp(&(entries[*b].rule_number, *b))
        });
        order
    }

    /// What the ACL does with traffic crossing it in `direction`: IP protocol number
    /// `protocol` (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...), `port` (TCP/UDP destination
    /// port, ICMP type; ignored for other protocols) and `addr`, the far side (the
    /// source of inbound traffic, the destination of outbound). Entries are tried in
    /// rule-number order and the first that matches decides; when none does, the
    /// implicit final deny does. Entries that do not parse never match.
    ///
    /// ```
    /// use netwright_core::model::{AclAction, AclDirection, AclEntry, NetworkAcl};
    /// let mut acl = NetworkAcl::new("acl-1", "web", "vpc");
    /// acl.inbound.push(AclEntry::new(200, AclAction::Allow, "tcp", "443", "0.0.0.0/0"));
    /// acl.inbound.push(AclEntry::new(100, AclAction::Deny, "all", "", "203.0.113.0/24"));
    /// let from = |a: &str| a.parse().unwrap();
    /// let d = acl.decide(AclDirection::Inbound, 6, 443, from("198.51.100.7"));
    /// assert_eq!((d.action, d.entry), (AclAction::Allow, Some(0)));
    /// let d = acl.decide(AclDirection::Inbound, 6, 443, from("203.0.113.9"));
    /// assert_eq!((d.action, d.entry), (AclAction::Deny, Some(1)));
    /// let d = acl.decide(AclDirection::Inbound, 6, 22, from("198.51.100.7"));
    /// assert_eq!((d.action, d.entry), (AclAction::Deny, None));
    /// ```
    pub fn decide(
        &self,
        direction: AclDirection,
        protocol: u8,
        port: u16,
        addr: IpAddr,
    ) -> AclDecision {
        let entries = self.entries(direction);
        let mut best: Option<usize> = None;
        for (i, e) in entries.iter().enumerate() {
            let earlier = best.is_none_or(|b| e.rule_number < entries[b].rule_number);
            if earlier && e.matches(protocol, port, addr) {
                best = Some(i);
            }
        }
        match best {
            Some(i) => AclDecision {
                action: entries[i].action,
                entry: Some(i),
            },
            None => AclDecision {
                action: AclAction::Deny,
                entry: None,
            },
        }
    }
}

/// What a subnet's ACL does with traffic: `acl` is the subnet's ACL from
/// [`crate::Topology::network_acl_of`]; `None` is the VPC's default ACL, which allows all.
///
/// ```
/// use netwright_core::model::{decide, AclAction, AclDirection};
/// let d = decide(None, AclDirection::Outbound, 17, 53, "10.0.0.2".parse().unwrap());
/// assert_eq!((d.action, d.entry), (AclAction::Allow, None));
/// ```
pub fn decide(
    acl: Option<&NetworkAcl>,
    direction: AclDirection,
    protocol: u8,
    port: u16,
    addr: IpAddr,
) -> AclDecision {
    match acl {
        Some(a) => a.decide(direction, protocol, port, addr),
        None => AclDecision {
            action: AclAction::Allow,
            entry: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn acl(entries: Vec<AclEntry>) -> NetworkAcl {
        let mut a = NetworkAcl::new("acl", "a", "vpc");
        a.inbound = entries;
        a
    }

    #[test]
    fn protocols_parse_as_typed() {
        assert_eq!(parse_acl_protocol("icmp"), Ok(AclProtocol::Icmp));
        assert_eq!(parse_acl_protocol("ALL"), Ok(AclProtocol::All));
        assert_eq!(parse_acl_protocol("17"), Ok(AclProtocol::Udp));
        assert_eq!(parse_acl_protocol(""), Err(AclProtocolError::Empty));
        assert_eq!(
            parse_acl_protocol("256"),
            Err(AclProtocolError::OutOfRange(256))
        );
        assert_eq!(
            parse_acl_protocol("-2"),
            Err(AclProtocolError::OutOfRange(-2))
        );
        assert!(parse_acl_protocol("99999999999999999999").is_err());
        for p in [
            AclProtocol::Tcp,
            AclProtocol::Udp,
            AclProtocol::Icmp,
            AclProtocol::Icmpv6,
            AclProtocol::All,
            AclProtocol::Number(50),
        ] {
            assert_eq!(AclProtocol::from_number(i64::from(p.number())), Some(p));
        }
    }

    #[test]
    fn ports_follow_the_security_group_conventions() {
        let mut e = AclEntry::new(100, AclAction::Allow, "tcp", "1024-65535", "0.0.0.0/0");
        assert_eq!(e.port_range(), Ok(Some((1024, 65535))));
        e.ports = "all".into();
        assert_eq!(e.port_range(), Ok(Some((0, 65535))));
        assert_eq!(e.ports_label(), "all ports");
        e.ports = "90-80".into();
        assert_eq!(e.port_range(), Err(PortError::Reversed(90, 80)));
        e.ports = String::new();
        assert_eq!(e.port_range(), Err(PortError::Empty));
        e.protocol = "icmp".into();
        assert_eq!(e.port_range(), Ok(None));
        e.icmp_type = 8;
        assert_eq!(e.ports_label(), "ICMP type 8");
        assert!(e.is_well_formed());
    }

    #[test]
    fn first_match_by_rule_number_wins_not_list_order() {
        let a = acl(vec![
            AclEntry::new(300, AclAction::Allow, "all", "", "0.0.0.0/0"),
            AclEntry::new(100, AclAction::Deny, "tcp", "22", "0.0.0.0/0"),
            AclEntry::new(200, AclAction::Allow, "tcp", "22", "10.0.0.0/8"),
        ]);
        assert_eq!(a.evaluation_order(AclDirection::Inbound), vec![1, 2, 0]);
        let d = a.decide(AclDirection::Inbound, 6, 22, ip("10.1.2.3"));
        assert_eq!((d.action, d.entry), (AclAction::Deny, Some(1)));
        let d = a.decide(AclDirection::Inbound, 6, 80, ip("10.1.2.3"));
        assert_eq!((d.action, d.entry), (AclAction::Allow, Some(0)));
        // The other direction has no entries: the implicit deny.
        let d = a.decide(AclDirection::Outbound, 6, 80, ip("10.1.2.3"));
        assert_eq!((d.action, d.entry), (AclAction::Deny, None));
    }

    #[test]
    fn blocks_protocols_and_icmp_match_exactly() {
        let mut ping = AclEntry::new(110, AclAction::Allow, "icmp", "", "0.0.0.0/0");
        ping.icmp_type = 8;
        let a = acl(vec![
            AclEntry::new(100, AclAction::Allow, "udp", "53", "10.0.0.0/16"),
            ping,
            AclEntry::new(120, AclAction::Allow, "all", "", "::/0"),
            AclEntry::new(130, AclAction::Allow, "50", "", "0.0.0.0/0"),
            AclEntry::new(90, AclAction::Allow, "tcp", "80", "not a block"),
        ]);
        let at = |p, port, addr: &str| a.decide(AclDirection::Inbound, p, port, ip(addr)).entry;
        assert_eq!(at(17, 53, "10.0.9.9"), Some(0));
        assert_eq!(at(17, 53, "10.1.0.1"), None);
        assert_eq!(at(6, 53, "10.0.9.9"), None);
        assert_eq!(at(1, 8, "192.0.2.1"), Some(1));
        assert_eq!(at(1, 0, "192.0.2.1"), None);
        assert_eq!(at(6, 443, "2001:db8::1"), Some(2));
        assert_eq!(at(50, 0, "192.0.2.1"), Some(3));
        // The malformed entry matches nothing, even with the lowest number.
        assert_eq!(at(6, 80, "192.0.2.1"), None);
    }

    #[test]
    fn an_unassociated_subnet_allows_everything() {
        for dir in AclDirection::BOTH {
            let d = decide(None, dir, 6, 22, ip("0.0.0.0"));
            assert_eq!(d.action, AclAction::Allow);
        }
    }
}
