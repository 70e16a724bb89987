//! Fuzz: the typed fields a person edits (CIDR blocks, rule peers, ports) never
//! panic, and a parsed block's canonical form parses to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::cidr;
use netwright_core::model::{parse_ports, Protocol};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = cidr::parse(text) {
        let canonical = c.net.to_string();
        let again = cidr::parse(&canonical).expect("canonical form parses");
        assert_eq!(again.net, c.net);
        assert!(!again.had_host_bits);
        let _ = cidr::next_free(&[c.net], &[c.net], c.net.prefix_len());
    }
    let _ = cidr::parse_any(text);
    for p in [Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All] {
        if let Ok((from, to)) = parse_ports(p, text) {
            assert!(from <= to || p == Protocol::Icmp, "{p:?} {from}-{to}");
        }
    }
});
