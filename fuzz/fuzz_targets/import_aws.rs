//! Fuzz: importing any text as AWS describe output never panics (files are split on
//! NUL bytes), and whatever imports validates and survives the saved format
//! (`load(save(d)) == d`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::format;
use netwright_core::import::{aws, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let names = ["a.json", "b.json", "c.json", "d.json"];
    let files: Vec<Source<'_>> = text
        .split('\0')
        .take(names.len())
        .zip(names)
        .map(|(text, name)| Source { name, text })
        .collect();
    for vpcs in [vec![], vec!["vpc-1".to_string()]] {
        if let Ok(import) = aws::import(&files, &aws::Options { vpcs }) {
            let _ = netwright_core::validate(&import.design);
            let saved = format::save(&import.design);
            let again = format::load(&saved).expect("an imported design saves and loads");
            assert_eq!(again, import.design);
        }
    }
});
