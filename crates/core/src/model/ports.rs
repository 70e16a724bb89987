//! Port fields as people type them: `80`, `8000-8080`, `all`, `-1`; and the presets
//! the designer offers for new rules.

use std::fmt;

use super::Protocol;

/// Why a typed port field is not a port range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortError {
    /// Nothing typed.
    Empty,
    /// Not a number, range or `all`.
    NotANumber(String),
    /// A port outside 0-65535.
    OutOfRange(i64),
    /// `from` is greater than `to`.
    Reversed(i32, i32),
    /// An ICMP type or code outside -1-255.
    BadIcmp(i64),
}

impl fmt::Display for PortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortError::Empty => f.write_str("no port given (e.g. 443, 8000-8080 or all)"),
            PortError::NotANumber(s) => {
                write!(f, "'{s}' is not a port, a range like 8000-8080, or 'all'")
            }
            PortError::OutOfRange(p) => write!(f, "port {p} is outside 0-65535"),
            PortError::Reversed(a, b) => {
                write!(f, "the range {a}-{b} is reversed: write {b}-{a}")
            }
            PortError::BadIcmp(v) => write!(f, "ICMP type/code {v} is outside -1-255"),
        }
    }
}

impl std::error::Error for PortError {}

fn number(s: &str) -> Result<i64, PortError> {
    let t = s.trim();
    if t.is_empty() || t.len() > 12 {
        return Err(PortError::NotANumber(t.to_string()));
    }
    t.parse::<i64>()
        .map_err(|_| PortError::NotANumber(t.to_string()))
}

/// Parses a typed port field for `protocol` into `(from_port, to_port)` as the model
/// stores them. TCP/UDP: `443`, `8000-8080`, `all` (0-65535). ICMP: `type` or
/// `type:code`, `all` (-1). All traffic: always `(-1, -1)`.
///
/// ```
/// use netwright_core::model::{parse_ports, Protocol};
/// assert_eq!(parse_ports(Protocol::Tcp, "8000-8080"), Ok((8000, 8080)));
/// assert_eq!(parse_ports(Protocol::Tcp, " all "), Ok((0, 65535)));
/// assert_eq!(parse_ports(Protocol::Icmp, "8"), Ok((8, -1)));
/// assert!(parse_ports(Protocol::Tcp, "70000").is_err());
/// ```
pub fn parse_ports(protocol: Protocol, input: &str) -> Result<(i32, i32), PortError> {
    let s = input.trim();
    let all = s.eq_ignore_ascii_case("all") || s == "*";
    match protocol {
        Protocol::All => Ok((-1, -1)),
        Protocol::Icmp => {
            if s.is_empty() {
                return Err(PortError::Empty);
            }
            if all || s == "-1" {
                return Ok((-1, -1));
            }
            let (t, c) = match s.split_once(':') {
                Some((t, c)) => (number(t)?, number(c)?),
                None => (number(s)?, -1),
            };
            for v in [t, c] {
                if !(-1..=255).contains(&v) {
                    return Err(PortError::BadIcmp(v));
                }
            }
            // Both checked to be within -1..=255.
            Ok((t as i32, c as i32))
        }
        Protocol::Tcp | Protocol::Udp => {
            if s.is_empty() {
                return Err(PortError::Empty);
            }
            if all {
                return Ok((0, 65535));
            }
            // A leading '-' would be a negative number, not a range separator.
            let dash = s
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '-')
                .map(|(i, _)| i);
            let (a, b) = match dash {
                Some(i) => (number(&s[..i])?, number(&s[i + 1..])?),
                None => {
                    let p = number(s)?;
                    (p, p)
                }
            };
            for p in [a, b] {
                if !(0..=65535).contains(&p) {
                    return Err(PortError::OutOfRange(p));
                }
            }
            // Both checked to be within 0..=65535.
            let (a, b) = (a as i32, b as i32);
            if a > b {
                return Err(PortError::Reversed(a, b));
            }
            Ok((a, b))
        }
    }
}

/// Rule presets the designer offers: label, protocol, first and last port.
pub const PORT_PRESETS: &[(&str, Protocol, i32, i32)] = &[
    ("HTTP", Protocol::Tcp, 80, 80),
    ("HTTPS", Protocol::Tcp, 443, 443),
    ("SSH", Protocol::Tcp, 22, 22),
    ("RDP", Protocol::Tcp, 3389, 3389),
    ("PostgreSQL", Protocol::Tcp, 5432, 5432),
    ("MySQL/Aurora", Protocol::Tcp, 3306, 3306),
    ("MS SQL", Protocol::Tcp, 1433, 1433),
    ("Oracle", Protocol::Tcp, 1521, 1521),
    ("Redis", Protocol::Tcp, 6379, 6379),
    ("MongoDB", Protocol::Tcp, 27017, 27017),
    ("DNS (UDP)", Protocol::Udp, 53, 53),
    ("All ICMP", Protocol::Icmp, -1, -1),
    ("All traffic", Protocol::All, -1, -1),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_forms() {
        assert_eq!(parse_ports(Protocol::Tcp, "22"), Ok((22, 22)));
        assert_eq!(parse_ports(Protocol::Udp, "0-65535"), Ok((0, 65535)));
        assert_eq!(parse_ports(Protocol::Tcp, "1024 - 2048"), Ok((1024, 2048)));
        assert_eq!(parse_ports(Protocol::Tcp, "*"), Ok((0, 65535)));
    }

    #[test]
    fn tcp_errors_say_what_is_wrong() {
        assert_eq!(parse_ports(Protocol::Tcp, ""), Err(PortError::Empty));
        assert_eq!(
            parse_ports(Protocol::Tcp, "http"),
            Err(PortError::NotANumber("http".into()))
        );
        assert_eq!(
            parse_ports(Protocol::Tcp, "-1"),
            Err(PortError::OutOfRange(-1))
        );
        assert_eq!(
            parse_ports(Protocol::Tcp, "65536"),
            Err(PortError::OutOfRange(65536))
        );
        assert_eq!(
            parse_ports(Protocol::Tcp, "90-80"),
            Err(PortError::Reversed(90, 80))
        );
        assert_eq!(
            parse_ports(Protocol::Tcp, "99999999999999999999"),
            Err(PortError::NotANumber("99999999999999999999".into()))
        );
        assert!(parse_ports(Protocol::Tcp, "1-2-3").is_err());
        assert!(parse_ports(Protocol::Tcp, "-").is_err());
        assert!(parse_ports(Protocol::Tcp, "é").is_err());
    }

    #[test]
    fn icmp_and_all() {
        assert_eq!(parse_ports(Protocol::Icmp, "all"), Ok((-1, -1)));
        assert_eq!(parse_ports(Protocol::Icmp, "3:4"), Ok((3, 4)));
        assert_eq!(
            parse_ports(Protocol::Icmp, "256"),
            Err(PortError::BadIcmp(256))
        );
        assert_eq!(parse_ports(Protocol::All, "anything"), Ok((-1, -1)));
    }

    #[test]
    fn presets_parse_back() {
        for (label, proto, from, to) in PORT_PRESETS {
            let text = crate::model::Rule {
                protocol: *proto,
                from_port: *from,
                to_port: *to,
                peer: crate::model::Peer::Cidr("0.0.0.0/0".into()),
                description: String::new(),
            }
            .ports_label();
            let typed = if *proto == Protocol::Icmp {
                "all".to_string()
            } else {
                text
            };
            assert_eq!(parse_ports(*proto, &typed), Ok((*from, *to)), "{label}");
        }
    }
}
