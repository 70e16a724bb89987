//! Fuzz: every design that loads exports in every format without panicking, and the
//! same design always gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::{export, format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(design) = format::load(text) else {
        return;
    };
    for e in export::exporters() {
        let first = export::export(&design, e.name());
        let second = export::export(&design, e.name());
        match (first, second) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{} is not deterministic", e.name()),
            (Err(_), Err(_)) => {}
            _ => panic!("{} succeeded once and failed once", e.name()),
        }
    }
});
