//! Fuzz: decoding any share-link fragment never panics; a decoded design encodes
//! and decodes back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::share;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for fragment in [text.to_string(), format!("{}{text}", share::PREFIX)] {
        if let Ok(design) = share::from_fragment(&fragment) {
            let link = share::to_fragment(&design);
            assert_eq!(
                share::from_fragment(&link).expect("own links decode"),
                design
            );
        }
    }
});
