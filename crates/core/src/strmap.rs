//! A hash map keyed by borrowed strings (ids, names), hashed a word at a time: the
//! validator's per-call index and the cost estimate look entities up in it, so both
//! stay linear in the design's size with one copy of the map's code.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word-at-a-time multiplicative hash (FxHash's mix): ids and names are short
/// strings, and lookups never decide output order.
#[derive(Default)]
pub(crate) struct WordHash(u64);

impl WordHash {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
}

/// A map keyed by borrowed strings, hashed word by word.
pub(crate) type StrMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<WordHash>>;
