//! Fuzz: importing any text as a CloudFormation template never panics, never
//! overflows the stack and ends; whatever imports is the same design the second
//! time, validates, and saves and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::format;
use netwright_core::import::{cloudformation, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = cloudformation::Options {
        region: Some("eu-west-1".into()),
        ..Default::default()
    };
    let src = Source {
        name: "fuzz",
        text,
    };
    let Ok(import) = cloudformation::import(&src, &options) else {
        return;
    };
    let again = cloudformation::import(&src, &options).expect("the same text imports again");
    assert_eq!(again, import, "imports are deterministic");
    let _ = netwright_core::validate(&import.design);
    let saved = format::save(&import.design);
    assert_eq!(format::load(&saved).expect("a saved design loads"), import.design);
});
