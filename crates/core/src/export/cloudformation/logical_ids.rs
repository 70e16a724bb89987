//! Logical ids for the CloudFormation template: derived from the design's names,
//! stable across exports, valid, and never colliding.
//!
//! An entity's id is its kind prefix plus the PascalCase of its name's ASCII letters
//! and digits (`smartinvoice-public-1a` as a subnet is `SubnetSmartinvoicePublic1a`).
//! Ids are claimed in document order; when an id is already taken (compared without
//! case, so `web` and `Web` or `a-b` and `a b` collide) or the name has no letter or
//! digit at all, a suffix is added: the first hex digits of the SHA-256 of the
//! entity's stable id. The suffix depends only on that entity, so an id never changes
//! when entities are added after it or renamed to something else; a rename changes
//! the renamed entity's id and, if it now shares a later entity's name, that one's.
//! (A changed logical id makes CloudFormation replace the resource on a stack update.)

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

/// CloudFormation's limit on a logical id's length.
pub(super) const MAX_LEN: usize = 255;
/// How many characters of a name go into an id (long names are cut).
const MAX_NAME_PART: usize = 64;
/// The longest base an id may have before its suffix, so that any suffix fits.
const MAX_BASE: usize = 180;
const _: () = assert!(MAX_BASE + 64 <= MAX_LEN, "the longest suffix must fit");

/// The PascalCase of a name's ASCII letters and digits: every run of them is a word
/// whose first letter is made upper case; everything else separates words.
///
/// ```text
/// smartinvoice-public-1a  ->  SmartinvoicePublic1a
/// ecsTaskExecutionRole    ->  EcsTaskExecutionRole
/// 子网 --help             ->  Help
/// ```
pub(super) fn pascal_case(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
        if out.len() >= MAX_NAME_PART {
            break;
        }
    }
    out.truncate(MAX_NAME_PART);
    out
}

/// Hands out logical ids that are unique within one template (resources and
/// parameters share one namespace).
#[derive(Debug, Default)]
pub(super) struct LogicalIds {
    /// Every id handed out so far, in ASCII lower case.
    taken: BTreeSet<String>,
}

impl LogicalIds {
    /// An id for an entity of kind `prefix` named `name`, whose stable id is `salt`.
    pub(super) fn entity(&mut self, prefix: &str, name: &str, salt: &str) -> String {
        let words = pascal_case(name);
        let always_suffix = words.is_empty();
        self.claim(&format!("{prefix}{words}"), always_suffix, salt)
    }

    /// An id made of `base` (already alphanumeric), suffixed by a hash of `salt`
    /// when `base` is taken. `salt` must be unique to the thing being named.
    pub(super) fn derived(&mut self, base: &str, salt: &str) -> String {
        self.claim(base, false, salt)
    }

    fn claim(&mut self, base: &str, always_suffix: bool, salt: &str) -> String {
        let id = self.claim_unchecked(base, always_suffix, salt);
        debug_assert!(is_valid(&id), "invalid logical id {id:?}");
        id
    }

    fn claim_unchecked(&mut self, base: &str, always_suffix: bool, salt: &str) -> String {
        let mut base: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
        base.truncate(MAX_BASE);
        if !always_suffix && !base.is_empty() && self.take(&base) {
            return base;
        }
        let hash = hex_digest(salt);
        for len in [8, 16, 64] {
            let candidate = format!("{base}{}", &hash[..len]);
            if self.take(&candidate) {
                return candidate;
            }
        }
        // Only reachable when two things share a salt (e.g. duplicate entity ids in an
        // invalid design): count on, still deterministic.
        (2usize..)
            .map(|n| format!("{base}{}N{n}", &hash[..8]))
            .find(|c| self.take(c))
            .expect("an unbounded counter always finds a free id")
    }

    fn take(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_ascii_lowercase())
    }
}

/// The SHA-256 of `s` in upper-case hex.
fn hex_digest(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Whether `id` is a valid CloudFormation logical id: 1 to 255 ASCII letters and digits.
pub(super) fn is_valid(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_become_pascal_case() {
        assert_eq!(
            pascal_case("smartinvoice-public-1a"),
            "SmartinvoicePublic1a"
        );
        assert_eq!(pascal_case("ecsTaskExecutionRole"), "EcsTaskExecutionRole");
        assert_eq!(pascal_case("子网 --help * ? [x]"), "HelpX");
        assert_eq!(pascal_case("ñandú"), "And");
        assert_eq!(pascal_case("!!! $$ ;;"), "");
        assert_eq!(pascal_case(&"a".repeat(300)).len(), 64);
    }

    #[test]
    fn first_claim_keeps_the_plain_id() {
        let mut ids = LogicalIds::default();
        assert_eq!(
            ids.entity("Subnet", "public-1a", "subnet-1"),
            "SubnetPublic1a"
        );
        assert_eq!(ids.entity("Vpc", "main", "vpc-1"), "VpcMain");
    }

    #[test]
    fn names_differing_in_case_or_punctuation_never_collide() {
        let mut ids = LogicalIds::default();
        let a = ids.entity("Sg", "web", "sg-1");
        let b = ids.entity("Sg", "Web", "sg-2");
        let c = ids.entity("Sg", "w-e-b", "sg-3");
        let d = ids.entity("Sg", "WEB!", "sg-4");
        assert_eq!(a, "SgWeb");
        assert!(b.starts_with("SgWeb") && b.len() == 13, "{b}");
        assert!(c.starts_with("SgWEB") && c.len() == 13, "{c}");
        let all = [&a, &b, &c, &d];
        let lower: BTreeSet<String> = all.iter().map(|s| s.to_ascii_lowercase()).collect();
        assert_eq!(lower.len(), 4, "{all:?}");
    }

    #[test]
    fn empty_and_punctuation_names_get_a_suffix_from_the_id() {
        let mut ids = LogicalIds::default();
        let a = ids.entity("Subnet", "", "subnet-1");
        let b = ids.entity("Subnet", "!!!", "subnet-2");
        assert_ne!(a, b);
        assert!(a.starts_with("Subnet") && a.len() == "Subnet".len() + 8);
        // The suffix depends on the entity's id only, not on what came before.
        let mut fresh = LogicalIds::default();
        assert_eq!(fresh.entity("Subnet", "!!!", "subnet-2"), b);
    }

    #[test]
    fn suffixes_are_stable_across_runs() {
        let run = || {
            let mut ids = LogicalIds::default();
            (0..5)
                .map(|i| ids.entity("Rt", "same", &format!("rt-{i}")))
                .collect::<Vec<_>>()
        };
        let first = run();
        assert_eq!(first, run());
        assert_eq!(first[0], "RtSame");
        assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), 5);
    }

    #[test]
    fn derived_ids_do_not_collide_with_entities() {
        let mut ids = LogicalIds::default();
        assert_eq!(
            ids.entity("Igw", "main attachment", "igw-2"),
            "IgwMainAttachment"
        );
        let derived = ids.derived("IgwMainAttachment", "igw-1/attachment");
        assert_ne!(derived, "IgwMainAttachment");
        assert!(is_valid(&derived));
    }

    #[test]
    fn duplicate_salts_still_give_unique_ids() {
        let mut ids = LogicalIds::default();
        let got: BTreeSet<String> = (0..4).map(|_| ids.entity("X", "", "same")).collect();
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|id| is_valid(id)));
    }

    #[test]
    fn very_long_bases_stay_valid() {
        let mut ids = LogicalIds::default();
        let base = "A".repeat(400);
        let a = ids.derived(&base, "one");
        let b = ids.derived(&base, "two");
        assert!(is_valid(&a) && is_valid(&b));
        assert_ne!(a, b);
    }

    proptest! {
        #[test]
        fn any_names_give_valid_distinct_ids(names in proptest::collection::vec(any::<String>(), 1..20)) {
            let mut ids = LogicalIds::default();
            let mut seen = BTreeSet::new();
            for (i, name) in names.iter().enumerate() {
                let id = ids.entity("Subnet", name, &format!("subnet-{i}"));
                prop_assert!(is_valid(&id), "{:?} -> {:?}", name, id);
                prop_assert!(seen.insert(id.to_ascii_lowercase()), "{:?} collided", name);
            }
        }
    }
}
