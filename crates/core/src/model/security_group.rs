//! Security groups and their rules.

use super::{Id, Tags};

/// The IP protocol a rule allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    /// TCP, with a port range.
    Tcp,
    /// UDP, with a port range.
    Udp,
    /// ICMP, with a type (`from_port`) and code (`to_port`); -1 means any.
    Icmp,
    /// Every protocol and every port (`-1` in the AWS API).
    All,
}

impl Protocol {
    /// Every protocol, in menu order.
    pub const ALL: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All];

    /// The protocol whose [`Protocol::as_aws`] value is `v`.
    pub fn from_aws(v: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.as_aws() == v)
    }

    /// A rule's ports as a person reads them: `80`, `8000-8080`, `all`, `type 8 code -1`.
    ///
    /// ```
    /// use netwright_core::model::Protocol;
    /// assert_eq!(Protocol::Tcp.ports_label(8000, 8080), "8000-8080");
    /// assert_eq!(Protocol::Icmp.ports_label(-1, -1), "all ICMP");
    /// ```
    pub fn ports_label(self, from_port: i32, to_port: i32) -> String {
        match self {
            Protocol::All => "all".into(),
            Protocol::Icmp => match (from_port, to_port) {
                (-1, _) => "all ICMP".into(),
                (t, -1) => format!("ICMP type {t}"),
                (t, c) => format!("ICMP type {t} code {c}"),
            },
            _ if from_port == to_port => from_port.to_string(),
            _ if from_port == 0 && to_port == 65535 => "all ports".into(),
            _ => format!("{from_port}-{to_port}"),
        }
    }

    /// The value the AWS API uses: `tcp`, `udp`, `icmp` or `-1`.
    pub fn as_aws(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
            Protocol::All => "-1",
        }
    }

    /// A short human label: `TCP`, `UDP`, `ICMP` or `All traffic`.
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Icmp => "ICMP",
            Protocol::All => "All traffic",
        }
    }

    /// Whether the rule's ports are a TCP/UDP port range.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}

/// The other side of a rule: where traffic comes from (inbound) or goes to (outbound).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Peer {
    /// An IPv4 or IPv6 block as typed, e.g. `0.0.0.0/0`.
    Cidr(String),
    /// Another security group, by id.
    SecurityGroup(Id),
}

/// One allow rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Protocol.
    pub protocol: Protocol,
    /// TCP/UDP: first port (0-65535). ICMP: type (-1 = any). All: -1.
    pub from_port: i32,
    /// TCP/UDP: last port (0-65535). ICMP: code (-1 = any). All: -1.
    pub to_port: i32,
    /// Source (inbound) or destination (outbound).
    pub peer: Peer,
    /// Free-text description of the rule.
    pub description: String,
}

impl Rule {
    /// A TCP rule for one port.
    pub fn tcp(port: i32, peer: Peer, description: impl Into<String>) -> Self {
        Rule {
            protocol: Protocol::Tcp,
            from_port: port,
            to_port: port,
            peer,
            description: description.into(),
        }
    }

    /// The rule AWS puts on every new group: all traffic to 0.0.0.0/0.
    pub fn allow_all_egress() -> Self {
        Rule {
            protocol: Protocol::All,
            from_port: -1,
            to_port: -1,
            peer: Peer::Cidr("0.0.0.0/0".into()),
            description: String::new(),
        }
    }

    /// Whether this is AWS's default egress rule (all traffic to 0.0.0.0/0).
    pub fn is_default_egress(&self) -> bool {
        self.protocol == Protocol::All && self.peer == Peer::Cidr("0.0.0.0/0".into())
    }

    /// Whether the rule allows `port` (TCP or UDP as given, or any port for `All`).
    pub fn covers_port(&self, protocol: Protocol, port: i32) -> bool {
        match self.protocol {
            Protocol::All => true,
            p if p == protocol && p.has_ports() => self.from_port <= port && port <= self.to_port,
            _ => false,
        }
    }

    /// The ports as a person reads them (see [`Protocol::ports_label`]).
    pub fn ports_label(&self) -> String {
        self.protocol.ports_label(self.from_port, self.to_port)
    }
}

/// A security group of one VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityGroup {
    /// Stable id.
    pub id: Id,
    /// Group name (also its Name tag); unique within the VPC.
    pub name: String,
    /// Group description (required by AWS, fixed at creation).
    pub description: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Inbound rules.
    pub ingress: Vec<Rule>,
    /// Outbound rules. Empty means no outbound traffic: exporters remove AWS's default.
    pub egress: Vec<Rule>,
    /// Extra tags.
    pub tags: Tags,
}
