//! The designs library's pure parts: what a library record says about its design,
//! the order of the designs list, names for copies, and the decisions a tab makes
//! when the design it edits was written by another tab. The browser app stores the
//! records (IndexedDB) and carries the messages between tabs; every choice that
//! decides whether an edit survives is made here, where it is tested natively.
//!
//! Each record has a revision, `rev`, that grows by one with every write. A tab
//! remembers the revision its document is based on; a write succeeds only while the
//! stored revision is still that one (checked inside the storage transaction), so no
//! tab ever overwrites a version it has not seen.

use serde_json::{Map, Value};

use crate::model::Topology;

/// What the designs list shows of one design, stored beside its saved JSON so that
/// listing the library never reads or parses a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The record's id (never shown; stable for the record's life).
    pub id: String,
    /// The design's name.
    pub name: String,
    /// The design's Region.
    pub region: String,
    /// When it last changed, in milliseconds since the Unix epoch.
    pub modified: u64,
    /// The record's revision: 1 when created, one more with each write.
    pub rev: u64,
    /// Changed since it was last saved to a file.
    pub dirty: bool,
    /// How many VPCs the design has.
    pub vpcs: usize,
    /// How many subnets.
    pub subnets: usize,
    /// How many security groups.
    pub groups: usize,
    /// How many IAM roles.
    pub roles: usize,
    /// Length of the saved JSON in bytes.
    pub bytes: usize,
    /// [`digest`] of the saved JSON.
    pub digest: String,
    /// [`digest`] of the share link or file the design was first opened from, so that
    /// opening the same link again finds it even after it was edited.
    pub source: Option<String>,
}

impl Entry {
    /// The entry of design `t`, saved as `text`, at revision `rev`.
    ///
    /// ```
    /// use netwright_core::{format, library::Entry, templates};
    /// let t = templates::smartinvoice();
    /// let text = format::save(&t);
    /// let e = Entry::describe("d1", &t, &text, 1, 1_700_000_000_000, false);
    /// assert_eq!((e.vpcs, e.subnets, e.groups, e.roles), (1, 4, 4, 4));
    /// assert_eq!(e.bytes, text.len());
    /// ```
    pub fn describe(
        id: &str,
        t: &Topology,
        text: &str,
        rev: u64,
        modified: u64,
        dirty: bool,
    ) -> Entry {
        Entry {
            id: id.to_string(),
            name: t.name.clone(),
            region: t.region.clone(),
            modified,
            rev,
            dirty,
            vpcs: t.vpcs.len(),
            subnets: t.subnets.len(),
            groups: t.security_groups.len(),
            roles: t.iam_roles.len(),
            bytes: text.len(),
            digest: digest(text),
            source: None,
        }
    }

    /// The entry as stored (compact JSON). Built through a `serde_json::Value`, whose
    /// reader and writer the app already has, rather than a derived serialiser of its
    /// own (which would add to the wasm bundle).
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("id".into(), self.id.as_str().into());
        m.insert("name".into(), self.name.as_str().into());
        m.insert("region".into(), self.region.as_str().into());
        m.insert("modified".into(), self.modified.into());
        m.insert("rev".into(), self.rev.into());
        m.insert("dirty".into(), self.dirty.into());
        for (k, v) in [
            ("vpcs", self.vpcs),
            ("subnets", self.subnets),
            ("groups", self.groups),
            ("roles", self.roles),
            ("bytes", self.bytes),
        ] {
            m.insert(k.into(), (v as u64).into());
        }
        m.insert("digest".into(), self.digest.as_str().into());
        if let Some(s) = &self.source {
            m.insert("source".into(), s.as_str().into());
        }
        serde_json::to_vec(&Value::Object(m))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// An entry read back from storage; `None` when it is not one (a damaged record
    /// is left alone rather than guessed at).
    pub fn from_json(text: &str) -> Option<Entry> {
        let v: Value = serde_json::from_str(text).ok()?;
        let text = |k: &str| v.get(k)?.as_str().map(str::to_string);
        let number = |k: &str| v.get(k)?.as_u64();
        let count = |k: &str| number(k).and_then(|n| usize::try_from(n).ok());
        Some(Entry {
            id: text("id")?,
            name: text("name")?,
            region: text("region")?,
            modified: number("modified")?,
            rev: number("rev")?,
            dirty: v.get("dirty")?.as_bool()?,
            vpcs: count("vpcs")?,
            subnets: count("subnets")?,
            groups: count("groups")?,
            roles: count("roles")?,
            bytes: count("bytes")?,
            digest: text("digest")?,
            source: match v.get("source") {
                None | Some(Value::Null) => None,
                Some(s) => Some(s.as_str()?.to_string()),
            },
        })
    }

    /// One line for the designs list: Region and counts.
    ///
    /// ```
    /// use netwright_core::{format, library::Entry, templates};
    /// let t = templates::smartinvoice();
    /// let e = Entry::describe("d1", &t, &format::save(&t), 1, 0, false);
    /// assert_eq!(e.summary(), "ap-southeast-1 · 1 VPC · 4 subnets · 4 groups · 4 roles");
    /// ```
    pub fn summary(&self) -> String {
        let region = if self.region.is_empty() {
            "no Region"
        } else {
            &self.region
        };
        format!(
            "{region} · {} · {} · {} · {}",
            count(self.vpcs, "VPC", "VPCs"),
            count(self.subnets, "subnet", "subnets"),
            count(self.groups, "group", "groups"),
            count(self.roles, "role", "roles"),
        )
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A short fingerprint of a saved design (64-bit FNV-1a, hex): equal texts give equal
/// digests. It finds a design that is already in the library; it is not a security
/// measure.
///
/// ```
/// use netwright_core::library::digest;
/// assert_eq!(digest("a"), digest("a"));
/// assert_ne!(digest("a"), digest("b"));
/// assert_eq!(digest("").len(), 16);
/// ```
pub fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Sorts the designs list: most recently changed first, then by name and id, so that
/// the order is the same in every tab.
pub fn sort(entries: &mut [Entry]) {
    crate::order::sort_by(entries, |a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The design a new tab opens: the one changed last in any tab.
pub fn latest(entries: &[Entry]) -> Option<&Entry> {
    entries.iter().min_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    })
}

/// A name for a copy of `name` that no design in `taken` has: `shop (copy)`, then
/// `shop (copy 2)`, … A copy of a copy counts on from its number instead of nesting.
///
/// ```
/// use netwright_core::library::copy_name;
/// assert_eq!(copy_name("shop", "copy", &["shop"]), "shop (copy)");
/// assert_eq!(copy_name("shop", "copy", &["shop", "shop (copy)"]), "shop (copy 2)");
/// assert_eq!(copy_name("shop (copy)", "copy", &["shop (copy)"]), "shop (copy 2)");
/// ```
pub fn copy_name(name: &str, word: &str, taken: &[&str]) -> String {
    let base = strip_copy(name, word);
    let is_taken = |n: &str| taken.contains(&n);
    let first = format!("{base} ({word})");
    if !is_taken(&first) && first != name {
        return first;
    }
    (2..)
        .map(|i| format!("{base} ({word} {i})"))
        .find(|n| !is_taken(n) && n != name)
        .unwrap_or(first)
}

/// `name` without a trailing ` (word)` or ` (word N)`.
fn strip_copy<'a>(name: &'a str, word: &str) -> &'a str {
    let Some(open) = name.rfind(" (") else {
        return name;
    };
    let Some(inner) = name[open + 2..].strip_suffix(')') else {
        return name;
    };
    let Some(rest) = inner.strip_prefix(word) else {
        return name;
    };
    let numbered = rest
        .strip_prefix(' ')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if rest.is_empty() || numbered {
        &name[..open]
    } else {
        name
    }
}

/// A new record id from the time and a random number, both given by the caller.
///
/// ```
/// use netwright_core::library::new_id;
/// assert_eq!(new_id(1_700_000_000_000, 42), "d-loyw3v28-00016");
/// assert_ne!(new_id(1, 1), new_id(1, 2));
/// ```
pub fn new_id(now_ms: u64, random: u32) -> String {
    format!(
        "d-{}-{:0>5}",
        base36(now_ms),
        base36(u64::from(random) % 36u64.pow(5))
    )
}

fn base36(mut n: u64) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How long ago `then` was, for the designs list: `just now`, `5 min ago`, `3 h ago`,
/// `yesterday`, `4 days ago`; `None` beyond a week (the list shows a date).
///
/// ```
/// use netwright_core::library::ago;
/// let min = 60_000;
/// assert_eq!(ago(10 * min, 10 * min).as_deref(), Some("just now"));
/// assert_eq!(ago(10 * min, 5 * min).as_deref(), Some("5 min ago"));
/// assert_eq!(ago(30 * 24 * 60 * min, 0), None);
/// ```
pub fn ago(now_ms: u64, then_ms: u64) -> Option<String> {
    let s = now_ms.saturating_sub(then_ms) / 1000;
    let text = match s {
        0..=44 => "just now".to_string(),
        45..=3_599 => format!("{} min ago", (s / 60).max(1)),
        3_600..=86_399 => format!("{} h ago", s / 3_600),
        86_400..=172_799 => "yesterday".to_string(),
        172_800..=604_799 => format!("{} days ago", s / 86_400),
        _ => return None,
    };
    Some(text)
}

/// What a tab does when it hears that the record it edits was written elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// Nothing: the tab has that version already (or a newer one).
    Ignore,
    /// Take the other tab's version: this tab has no edit of its own to lose.
    Adopt,
    /// Both tabs edited: ask the person (keep mine as a copy, or take theirs).
    Conflict,
}

/// The decision when another tab wrote revision `theirs` of the record this tab edits,
/// whose document is based on revision `base` and has edits not yet written
/// (`unsaved`).
///
/// ```
/// use netwright_core::library::{heard, Heard};
/// assert_eq!(heard(3, 4, false), Heard::Adopt);
/// assert_eq!(heard(3, 4, true), Heard::Conflict);
/// assert_eq!(heard(4, 4, true), Heard::Ignore);
/// ```
pub fn heard(base: u64, theirs: u64, unsaved: bool) -> Heard {
    if theirs <= base {
        Heard::Ignore
    } else if unsaved {
        Heard::Conflict
    } else {
        Heard::Adopt
    }
}

/// What a write does, decided inside the storage transaction from the revision found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Store the tab's version as this revision.
    Put(u64),
    /// Another tab wrote since this tab's base: store nothing, ask the person.
    Conflict(u64),
}

/// The decision for a tab writing its version based on revision `base` when the store
/// holds revision `stored` (`None`: no such record, e.g. deleted in another tab; the
/// tab's version is stored again rather than lost).
///
/// ```
/// use netwright_core::library::{write, Write};
/// assert_eq!(write(3, Some(3)), Write::Put(4));
/// assert_eq!(write(3, Some(5)), Write::Conflict(5));
/// assert_eq!(write(3, None), Write::Put(4));
/// ```
pub fn write(base: u64, stored: Option<u64>) -> Write {
    match stored {
        Some(s) if s != base => Write::Conflict(s),
        _ => Write::Put(base + 1),
    }
}

/// What becomes of a journal: the version a tab had not finished writing when its
/// page was closed or reloaded (kept synchronously at `pagehide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recover {
    /// The write did not land and nobody wrote since: store it as this revision.
    Put(u64),
    /// The write landed (the stored text is the journal's): nothing to do.
    Landed,
    /// Another tab wrote since: keep the journal as a new design, a copy.
    Copy,
}

/// The decision for a journal based on revision `base` whose text has digest `mine`,
/// when the store holds `stored` (its revision and digest; `None`: no record).
///
/// ```
/// use netwright_core::library::{recover, Recover};
/// assert_eq!(recover(2, "aa", Some((2, "bb"))), Recover::Put(3));
/// assert_eq!(recover(2, "aa", Some((3, "aa"))), Recover::Landed);
/// assert_eq!(recover(2, "aa", Some((3, "bb"))), Recover::Copy);
/// assert_eq!(recover(2, "aa", None), Recover::Put(3));
/// ```
pub fn recover(base: u64, mine: &str, stored: Option<(u64, &str)>) -> Recover {
    match stored {
        Some((_, d)) if d == mine => Recover::Landed,
        Some((rev, _)) if rev != base => Recover::Copy,
        _ => Recover::Put(base + 1),
    }
}

/// The record a link or file opens when it is already in the library: an entry whose
/// current text, or whose original source, has digest `d`.
pub fn find_same<'a>(entries: &'a [Entry], d: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .filter(|e| e.digest == d || e.source.as_deref() == Some(d))
        .min_by(|a, b| b.modified.cmp(&a.modified))
}

/// A byte count for people: `812 bytes`, `14.2 KB`, `1.3 MB` (powers of 1,000).
///
/// ```
/// use netwright_core::library::bytes;
/// assert_eq!(bytes(812), "812 bytes");
/// assert_eq!(bytes(14_230), "14.2 KB");
/// assert_eq!(bytes(1_349_000), "1.3 MB");
/// ```
pub fn bytes(n: u64) -> String {
    let tenths = |unit: u128| {
        let t = (u128::from(n) * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    match n {
        0..=999 => format!("{n} bytes"),
        1_000..=999_949 => format!("{} KB", tenths(1_000)),
        999_950..=999_949_999 => format!("{} MB", tenths(1_000_000)),
        _ => format!("{} GB", tenths(1_000_000_000)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{format, templates};

    fn entry(id: &str, name: &str, modified: u64) -> Entry {
        let t = Topology::new(name, "eu-west-1");
        Entry::describe(id, &t, &format::save(&t), 1, modified, false)
    }

    #[test]
    fn entries_round_trip_through_their_stored_form() {
        let t = templates::smartinvoice();
        let text = format::save(&t);
        let mut e = Entry::describe("d-1", &t, &text, 7, 123, true);
        e.source = Some(digest("link"));
        assert_eq!(Entry::from_json(&e.to_json()), Some(e.clone()));
        e.source = None;
        assert!(!e.to_json().contains("source"));
        assert_eq!(Entry::from_json(&e.to_json()), Some(e));
        assert_eq!(Entry::from_json("{\"id\": 3}"), None);
        assert_eq!(Entry::from_json("not json"), None);
    }

    #[test]
    fn the_list_is_newest_first_and_the_same_in_every_tab() {
        let mut list = vec![
            entry("c", "b", 5),
            entry("a", "z", 9),
            entry("b", "a", 5),
            entry("d", "a", 5),
        ];
        let mut other = list.clone();
        other.reverse();
        sort(&mut list);
        sort(&mut other);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d", "c"]);
        assert_eq!(list, other);
        assert_eq!(latest(&other).map(|e| e.id.as_str()), Some("a"));
        assert_eq!(latest(&[]), None);
    }

    #[test]
    fn copy_names_count_on_and_never_repeat() {
        let taken = ["shop", "shop (copy)", "shop (copy 2)", "x (copy 9)"];
        assert_eq!(copy_name("shop", "copy", &taken), "shop (copy 3)");
        assert_eq!(copy_name("shop (copy 2)", "copy", &taken), "shop (copy 3)");
        assert_eq!(copy_name("x (copy 9)", "copy", &taken), "x (copy)");
        // Not a copy suffix: kept as part of the name.
        assert_eq!(
            copy_name("a (copyright)", "copy", &[]),
            "a (copyright) (copy)"
        );
        assert_eq!(copy_name("a (copy x)", "copy", &[]), "a (copy x) (copy)");
        assert_eq!(copy_name("", "copy", &[]), " (copy)");
        assert_eq!(copy_name("shop", "my copy", &["shop"]), "shop (my copy)");
    }

    #[test]
    fn ids_are_distinct_and_safe_to_store() {
        let ids: Vec<String> = (0..50).map(|r| new_id(1_764_000_000_000, r)).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(unique.len(), 50);
        assert!(ids
            .iter()
            .all(|i| i.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')));
        assert_eq!(new_id(0, u32::MAX).len(), "d-0-".len() + 5);
    }

    #[test]
    fn ago_reads_like_a_person_would_say_it() {
        let s = 1000;
        let cases = [
            (44 * s, "just now"),
            (45 * s, "1 min ago"),
            (59 * 60 * s, "59 min ago"),
            (3_600 * s, "1 h ago"),
            (86_399 * s, "23 h ago"),
            (86_400 * s, "yesterday"),
            (3 * 86_400 * s, "3 days ago"),
        ];
        for (delta, want) in cases {
            assert_eq!(
                ago(1_000_000_000 + delta, 1_000_000_000).as_deref(),
                Some(want)
            );
        }
        assert_eq!(ago(7 * 86_400 * s, 0), None);
        // A clock that went back is "just now", not a panic.
        assert_eq!(ago(0, 5_000).as_deref(), Some("just now"));
    }

    #[test]
    fn no_interleaving_of_two_tabs_loses_an_edit() {
        // Two tabs on one record, each with a base revision and maybe an unsaved
        // edit; every order of their writes and messages ends with each edit either
        // stored or held by a tab that was told of the conflict.
        #[derive(Clone, Copy)]
        struct Tab {
            base: u64,
            unsaved: bool,
            told: bool,
        }
        let mut stored = 1u64;
        let mut tabs = [Tab {
            base: 1,
            unsaved: true,
            told: false,
        }; 2];
        // Tab 0 writes first.
        match write(tabs[0].base, Some(stored)) {
            Write::Put(r) => {
                stored = r;
                tabs[0].base = r;
                tabs[0].unsaved = false;
            }
            Write::Conflict(_) => unreachable!(),
        }
        // Tab 1 hears of it while holding its own edit: it is told.
        assert_eq!(
            heard(tabs[1].base, stored, tabs[1].unsaved),
            Heard::Conflict
        );
        tabs[1].told = true;
        // Had it written instead, the store refuses and it is told all the same.
        assert_eq!(write(tabs[1].base, Some(stored)), Write::Conflict(2));
        assert!(tabs[1].told && !tabs[0].unsaved);
        // A tab with nothing unsaved simply follows.
        assert_eq!(heard(1, 2, false), Heard::Adopt);
        // A message that arrives late (after the tab already read that version).
        assert_eq!(heard(2, 2, false), Heard::Ignore);
        assert_eq!(heard(3, 2, true), Heard::Ignore);
    }

    #[test]
    fn the_same_design_is_found_by_its_text_or_its_source() {
        let mut a = entry("a", "one", 1);
        let b = entry("b", "two", 2);
        a.source = Some(digest("the link's design"));
        let list = vec![a, b.clone()];
        assert_eq!(
            find_same(&list, &digest("the link's design")).map(|e| e.id.as_str()),
            Some("a")
        );
        assert_eq!(
            find_same(&list, &b.digest).map(|e| e.id.as_str()),
            Some("b")
        );
        assert_eq!(find_same(&list, &digest("other")), None);
    }

    #[test]
    fn sizes_round_to_a_tenth() {
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(1_000), "1.0 KB");
        assert_eq!(bytes(999_949), "999.9 KB");
        assert_eq!(bytes(999_950), "1.0 MB");
        assert_eq!(bytes(5_000_000_000), "5.0 GB");
        assert_eq!(bytes(u64::MAX), "18446744073.7 GB");
    }
}
