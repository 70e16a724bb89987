//! Share links: a design packed into a URL fragment (`#nw1.…`) that never reaches a
//! server. The payload is the saved JSON (compact), raw-deflated with
//! [`miniz_oxide`], then base64url-encoded without padding. Decoding any string never
//! panics and says clearly what is wrong.

use std::fmt;

use crate::format::{self, LoadError};
use crate::model::Topology;

/// The fragment prefix of version 1 share links.
pub const PREFIX: &str = "nw1.";
/// The largest design a link may unpack to, against decompression bombs.
pub const MAX_DESIGN_BYTES: usize = 16 << 20;

/// Why a string is not a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after the `#`.
    Empty,
    /// The fragment does not start with `nw1.` (or another known version).
    NotAShareLink,
    /// A share link of a newer version, e.g. `nw7`.
    UnsupportedVersion(String),
    /// A character outside the base64url alphabet, with its 0-based position in the payload.
    BadCharacter {
        /// Position in the payload after the prefix.
        position: usize,
        /// The character found.
        character: char,
    },
    /// The payload was cut short (its length is impossible for base64).
    Truncated,
    /// The compressed data is damaged.
    Corrupt(String),
    /// The design inside would be larger than [`MAX_DESIGN_BYTES`].
    TooLarge,
    /// The link unpacks to a file that is not a valid design.
    Design(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the link holds no design"),
            ShareError::NotAShareLink => write!(
                f,
                "this is not a Netwright share link (its part after '#' should start with '{PREFIX}')"
            ),
            ShareError::UnsupportedVersion(v) => write!(
                f,
                "this share link ({v}) was made by a newer Netwright; this one reads '{PREFIX}' links"
            ),
            ShareError::BadCharacter { position, character } => write!(
                f,
                "the share link is damaged: unexpected character {character:?} at position {position} (was it copied completely?)"
            ),
            ShareError::Truncated => {
                f.write_str("the share link is incomplete: it looks cut short (was it copied completely?)")
            }
            ShareError::Corrupt(why) => write!(f, "the share link is damaged: {why}"),
            ShareError::TooLarge => write!(
                f,
                "the share link unpacks to more than {} MiB; refusing to open it",
                MAX_DESIGN_BYTES >> 20
            ),
            ShareError::Design(e) => write!(f, "the share link holds an invalid design: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn decode_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut sextets = Vec::with_capacity(text.len());
    for (position, character) in text.chars().enumerate() {
        let v = match character {
            'A'..='Z' => character as u8 - b'A',
            'a'..='z' => character as u8 - b'a' + 26,
            '0'..='9' => character as u8 - b'0' + 52,
            '-' => 62,
            '_' => 63,
            _ => {
                return Err(ShareError::BadCharacter {
                    position,
                    character,
                })
            }
        };
        sextets.push(v);
    }
    if sextets.len() % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, s)| acc | u32::from(*s) << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// Packs a design into a share-link fragment (without the `#`).
///
/// ```
/// use netwright_core::{share, templates};
/// let t = templates::smartinvoice();
/// let fragment = share::to_fragment(&t);
/// assert!(fragment.starts_with("nw1."));
/// assert_eq!(share::from_fragment(&format!("#{fragment}")).unwrap(), t);
/// ```
pub fn to_fragment(t: &Topology) -> String {
    // The saved form without its whitespace. Going through `format::save` and a
    // `Value` (whose keys keep their order) keeps one serialiser of the DTOs in the
    // program, the pretty one; the bytes equal a compact serialisation of the DTOs.
    let saved: serde_json::Value =
        serde_json::from_str(&format::save(t)).expect("the saved form is JSON");
    let json = serde_json::to_vec(&saved).expect("JSON values always serialise");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 10);
    format!("{PREFIX}{}", encode_base64url(&packed))
}

/// Unpacks a share-link fragment (with or without the leading `#`). Never panics.
///
/// ```
/// use netwright_core::share::{from_fragment, ShareError};
/// assert_eq!(from_fragment("#"), Err(ShareError::Empty));
/// assert_eq!(from_fragment("#section-2"), Err(ShareError::NotAShareLink));
/// assert!(matches!(from_fragment("nw1.AAAA"), Err(ShareError::Corrupt(_))));
/// ```
pub fn from_fragment(fragment: &str) -> Result<Topology, ShareError> {
    let s = fragment.trim();
    let s = s.strip_prefix('#').unwrap_or(s);
    if s.is_empty() {
        return Err(ShareError::Empty);
    }
    let Some(payload) = s.strip_prefix(PREFIX) else {
        let version = s.split('.').next().unwrap_or("");
        return match version.strip_prefix("nw") {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                Err(ShareError::UnsupportedVersion(version.to_string()))
            }
            _ => Err(ShareError::NotAShareLink),
        };
    };
    let packed = decode_base64url(payload)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DESIGN_BYTES)
        .map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::Corrupt(e.to_string().to_ascii_lowercase())
            }
        })?;
    let text = String::from_utf8(json)
        .map_err(|_| ShareError::Corrupt("the unpacked design is not UTF-8 text".into()))?;
    format::load(&text).map_err(ShareError::Design)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{smartinvoice, wizard, WizardOptions};
    use proptest::prelude::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
            let text = encode_base64url(&bytes);
            assert!(text.bytes().all(|b| ALPHABET.contains(&b)));
            assert_eq!(decode_base64url(&text).unwrap(), bytes);
        }
        assert_eq!(
            encode_base64url(b"any carnal pleas"),
            "YW55IGNhcm5hbCBwbGVhcw"
        );
    }

    #[test]
    fn designs_round_trip_and_the_reference_link_is_short() {
        for t in [smartinvoice(), wizard(&WizardOptions::default()).unwrap()] {
            let f = to_fragment(&t);
            assert_eq!(from_fragment(&f).unwrap(), t);
        }
        let len = to_fragment(&smartinvoice()).len();
        assert!(
            len < 2500,
            "the reference design's link is {len} characters"
        );
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let f = to_fragment(&smartinvoice());
        assert_eq!(
            from_fragment("nw9.abc"),
            Err(ShareError::UnsupportedVersion("nw9".into()))
        );
        assert_eq!(
            from_fragment("nw1.ab$d"),
            Err(ShareError::BadCharacter {
                position: 2,
                character: '$'
            })
        );
        assert_eq!(from_fragment("nw1.A"), Err(ShareError::Truncated));
        let cut = &f[..f.len() / 2];
        assert!(matches!(
            from_fragment(cut),
            Err(ShareError::Corrupt(_) | ShareError::Truncated)
        ));
        let not_a_design = format!(
            "{PREFIX}{}",
            encode_base64url(&miniz_oxide::deflate::compress_to_vec(b"{}", 6))
        );
        let err = from_fragment(&not_a_design).unwrap_err();
        assert!(
            matches!(&err, ShareError::Design(e) if e.code == "NW002"),
            "{err:?}"
        );
        assert!(err
            .to_string()
            .starts_with("the share link holds an invalid design:"));
    }

    #[test]
    fn a_decompression_bomb_is_refused() {
        let zeros = vec![b' '; MAX_DESIGN_BYTES + 1];
        let bomb = format!(
            "{PREFIX}{}",
            encode_base64url(&miniz_oxide::deflate::compress_to_vec(&zeros, 10))
        );
        assert!(bomb.len() < 40_000);
        assert_eq!(from_fragment(&bomb), Err(ShareError::TooLarge));
    }

    proptest! {
        #[test]
        fn decoding_never_panics(s in "\\PC{0,64}", tail in "[A-Za-z0-9_-]{0,200}") {
            let _ = from_fragment(&s);
            let _ = from_fragment(&format!("{PREFIX}{tail}"));
        }
    }
}
