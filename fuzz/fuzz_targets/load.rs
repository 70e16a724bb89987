//! Fuzz: loading any text as a design never panics, and whatever loads saves and
//! loads back to the same design (`load(save(d)) == d`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use netwright_core::format;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(design) = format::load(text) {
        let saved = format::save(&design);
        let again = format::load(&saved).expect("a saved design loads");
        assert_eq!(again, design);
        assert_eq!(format::save(&again), saved, "save is canonical");
        // Validation never fails, whatever the design holds.
        let _ = netwright_core::validate(&design);
    }
});
