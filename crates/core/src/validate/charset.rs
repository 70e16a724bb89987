//! AWS's length and character rules (NW207-NW213): security group names and
//! descriptions, rule descriptions, IAM role names and descriptions, and tags. Checks
//! run over byte tables (branch-free), since every rule's description is read per call.

use super::context::{fix, Ctx};
use super::rules::*;
use super::text::{blank, longer_than, truncate};
use crate::model::{EntityKind, Tags};

/// A byte membership table: ASCII letters, digits and `extra` (never bytes >= 128).
const fn ascii_set(extra: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < 128 {
        set[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    let mut j = 0;
    while j < extra.len() {
        set[extra[j] as usize] = true;
        j += 1;
    }
    set
}

/// Characters AWS allows in security group names and descriptions in a VPC, and in
/// rule descriptions: `a-zA-Z0-9`, space and `._-:/()#,@[]+=&;{}!$*`.
static SG_CHARS: [bool; 256] = ascii_set(b" ._-:/()#,@[]+=&;{}!$*");

fn sg_char(ch: char) -> bool {
    (ch as u32) < 128 && SG_CHARS[ch as usize]
}

/// `s` with only the characters AWS allows in a rule description (NW209), at most
/// 255 of them: for descriptions the app writes itself (the reach engine's fixes).
pub(crate) fn rule_description(s: &str) -> String {
    s.chars().filter(|&ch| sg_char(ch)).take(255).collect()
}

/// Whether every character of `s` is allowed by `set` (ASCII only): a branch-free
/// pass over the bytes, since descriptions of thousands of rules are checked per call.
fn all_in(s: &str, set: &[bool; 256]) -> bool {
    s.bytes().fold(true, |ok, b| ok & set[usize::from(b)])
}

/// Runs every length and character rule: groups and their rules, roles, tags.
pub(super) fn check(c: &mut Ctx<'_>) {
    security_groups(c);
    roles(c);
    tags(c);
}

fn sanitize(s: &str, ok: fn(char) -> bool, with: char, max: usize) -> String {
    let cleaned: String = s.chars().map(|ch| if ok(ch) { ch } else { with }).collect();
    truncate(&cleaned, max)
}

fn security_groups(c: &mut Ctx<'_>) {
    let t = c.t;
    for (gi, g) in t.security_groups.iter().enumerate() {
        let name = g.name.as_str();
        if !blank(name) {
            let mut problems = Vec::new();
            if name.starts_with("sg-") {
                problems.push("it must not start with \"sg-\"".to_string());
            }
            if name == "default" {
                problems.push("\"default\" is reserved for the VPC's default group".into());
            }
            if longer_than(name, 255) {
                problems.push(format!(
                    "it has {} characters (max 255)",
                    name.chars().count()
                ));
            }
            let bad = (!all_in(name, &SG_CHARS))
                .then(|| name.chars().find(|&ch| !sg_char(ch)))
                .flatten();
            if let Some(bad) = bad {
                problems.push(format!(
                    "'{bad}' is not allowed (use a-z A-Z 0-9 space ._-:/()#,@[]+=&;{{}}!$*)"
                ));
            }
            if !problems.is_empty() {
                let mut fixed = sanitize(name, sg_char, '-', 255);
                if let Some(rest) = fixed.strip_prefix("sg-") {
                    fixed = format!("{rest}-sg");
                }
                if fixed == "default" || fixed.is_empty() || fixed == "-sg" {
                    fixed = "default-sg".into();
                }
                let fixed = truncate(&fixed, 255);
                let msg = format!("security group name \"{name}\": {}", problems.join("; "));
                let f = fix(format!("rename it to {fixed}"), Some(fixed));
                c.emit(
                    &SG_NAME_INVALID,
                    c.at(EntityKind::SecurityGroup, gi),
                    Some("name".into()),
                    msg,
                    f,
                );
            }
        }
        let d = g.description.as_str();
        let problem = if blank(d) {
            Some("AWS requires a description".to_string())
        } else if longer_than(d, 255) {
            Some(format!("it has {} characters (max 255)", d.chars().count()))
        } else if all_in(d, &SG_CHARS) {
            None
        } else {
            d.chars()
                .find(|&ch| !sg_char(ch))
                .map(|bad| format!("'{bad}' is not allowed in a description"))
        };
        if let Some(p) = problem {
            let fixed = if blank(d) {
                sanitize(&format!("Security group {name}"), sg_char, ' ', 255)
            } else {
                sanitize(d, sg_char, ' ', 255)
            };
            let msg = format!(
                "{}: the description is invalid: {p}",
                c.name(EntityKind::SecurityGroup, gi)
            );
            let f = fix(format!("use \"{fixed}\""), Some(fixed));
            c.emit(
                &SG_DESCRIPTION_INVALID,
                c.at(EntityKind::SecurityGroup, gi),
                Some("description".into()),
                msg,
                f,
            );
        }
        for (dir, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
            for (ri, r) in rules.iter().enumerate() {
                let d = r.description.as_str();
                let problem = if all_in(d, &SG_CHARS) && d.len() <= 255 {
                    None
                } else if longer_than(d, 255) {
                    Some(format!("it has {} characters (max 255)", d.chars().count()))
                } else {
                    d.chars()
                        .find(|&ch| !sg_char(ch))
                        .map(|bad| format!("'{bad}' is not allowed"))
                };
                if let Some(p) = problem {
                    let fixed = sanitize(d, sg_char, ' ', 255);
                    let msg = format!(
                        "{}: the description of {dir} rule {} is invalid: {p}",
                        c.name(EntityKind::SecurityGroup, gi),
                        ri + 1
                    );
                    let f = fix(format!("use \"{fixed}\""), Some(fixed));
                    let field = format!("{dir}[{ri}].description");
                    c.emit(
                        &RULE_DESCRIPTION_INVALID,
                        c.at(EntityKind::SecurityGroup, gi),
                        Some(field),
                        msg,
                        f,
                    );
                }
            }
        }
    }
}

/// Characters IAM allows in role names: `A-Za-z0-9+=,.@_-`.
static ROLE_CHARS: [bool; 256] = ascii_set(b"+=,.@_-");

fn role_char(ch: char) -> bool {
    (ch as u32) < 128 && ROLE_CHARS[ch as usize]
}

/// The ASCII part of what IAM allows in role descriptions (a fast path).
static ROLE_DESC_ASCII: [bool; 256] = {
    let mut set = [false; 256];
    let mut i = 0x20;
    while i <= 0x7e {
        set[i] = true;
        i += 1;
    }
    set[b'\t' as usize] = true;
    set[b'\n' as usize] = true;
    set[b'\r' as usize] = true;
    set
};

/// Characters IAM allows in role descriptions: tab, newline, carriage return, and
/// U+0020-U+007E and U+00A1-U+00FF.
fn role_desc_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{a1}'..='\u{ff}')
}

fn roles(c: &mut Ctx<'_>) {
    let t = c.t;
    for (i, r) in t.iam_roles.iter().enumerate() {
        let name = r.name.as_str();
        let problem = if blank(name) {
            None
        } else if longer_than(name, 64) {
            Some(format!(
                "it has {} characters (max 64)",
                name.chars().count()
            ))
        } else if all_in(name, &ROLE_CHARS) {
            None
        } else {
            name.chars()
                .find(|&ch| !role_char(ch))
                .map(|bad| format!("'{bad}' is not allowed (use A-Z a-z 0-9 +=,.@_-)"))
        };
        if let Some(p) = problem {
            let fixed = sanitize(name, role_char, '-', 64);
            let msg = format!("role name \"{name}\": {p}");
            let f = fix(format!("rename it to {fixed}"), Some(fixed));
            let at = c.at(EntityKind::IamRole, i);
            c.emit(&ROLE_NAME_INVALID, at, Some("name".into()), msg, f);
        }
        let d = r.description.as_str();
        let problem = if d.len() <= 1000 && all_in(d, &ROLE_DESC_ASCII) {
            None
        } else if longer_than(d, 1000) {
            Some(format!(
                "it has {} characters (max 1,000)",
                d.chars().count()
            ))
        } else {
            d.chars()
                .find(|&ch| !role_desc_char(ch))
                .map(|bad| format!("'{bad}' is not allowed"))
        };
        if let Some(p) = problem {
            let fixed = sanitize(d, role_desc_char, ' ', 1000);
            let msg = format!(
                "{}: the description is invalid: {p}",
                c.name(EntityKind::IamRole, i)
            );
            let f = fix("remove the characters IAM rejects", Some(fixed));
            let at = c.at(EntityKind::IamRole, i);
            c.emit(
                &ROLE_DESCRIPTION_INVALID,
                at,
                Some("description".into()),
                msg,
                f,
            );
        }
    }
}

/// Characters IAM allows in tag keys and values: letters, digits, spaces and `_.:/=+-@`.
/// IAM tag keys and values: `[\p{L}\p{Z}\p{N}_.:/=+\-@]` — letters, digits,
/// separators (spaces, not tabs or newlines, which are control characters).
fn iam_tag_char(ch: char) -> bool {
    ch.is_alphanumeric() || (ch.is_whitespace() && !ch.is_control()) || "_.:/=+-@".contains(ch)
}

fn tags(c: &mut Ctx<'_>) {
    let t = c.t;
    let each = |c: &mut Ctx<'_>, kind: EntityKind, i: usize, tags: &Tags| {
        if tags.is_empty() {
            return;
        }
        let iam = kind == EntityKind::IamRole;
        let at = c.at(kind, i);
        // The Name tag (from the name field) counts towards 50 on EC2 resources.
        let total = tags.len() + usize::from(!iam);
        if total > 50 {
            let msg = format!(
                "{} has {total} tags; AWS allows 50 per resource",
                c.name(kind, i)
            );
            c.emit(&TAG_INVALID, at.clone(), Some("tags".into()), msg, None);
        }
        for (key, value) in tags {
            let problem = if blank(key) {
                Some("a tag key must not be empty".to_string())
            } else if longer_than(key, 128) {
                Some(format!(
                    "the key has {} characters (max 128)",
                    key.chars().count()
                ))
            } else if key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
                Some("keys starting with \"aws:\" are reserved for AWS".into())
            } else if longer_than(value, 256) {
                Some(format!(
                    "the value has {} characters (max 256)",
                    value.chars().count()
                ))
            } else if iam && !(key.chars().all(iam_tag_char) && value.chars().all(iam_tag_char)) {
                Some("IAM tags allow only letters, digits, spaces and _.:/=+-@".into())
            } else {
                None
            };
            if let Some(p) = problem {
                let msg = format!("{}: tag \"{key}\": {p}", c.name(kind, i));
                c.emit(
                    &TAG_INVALID,
                    at.clone(),
                    Some(format!("tags.{key}")),
                    msg,
                    None,
                );
            }
            if key == "Name" && !iam {
                let msg = format!(
                    "{}: the extra tag Name=\"{value}\" clashes with the Name tag the name field sets",
                    c.name(kind, i)
                );
                let f = fix("remove the tag and set the name instead", None);
                c.emit(
                    &NAME_TAG_IN_TAGS,
                    at.clone(),
                    Some("tags.Name".into()),
                    msg,
                    f,
                );
            }
        }
    };
    for (i, e) in t.vpcs.iter().enumerate() {
        each(c, EntityKind::Vpc, i, &e.tags);
    }
    for (i, e) in t.subnets.iter().enumerate() {
        each(c, EntityKind::Subnet, i, &e.tags);
    }
    for (i, e) in t.internet_gateways.iter().enumerate() {
        each(c, EntityKind::InternetGateway, i, &e.tags);
    }
    for (i, e) in t.nat_gateways.iter().enumerate() {
        each(c, EntityKind::NatGateway, i, &e.tags);
    }
    for (i, e) in t.route_tables.iter().enumerate() {
        each(c, EntityKind::RouteTable, i, &e.tags);
    }
    for (i, e) in t.network_acls.iter().enumerate() {
        each(c, EntityKind::NetworkAcl, i, &e.tags);
    }
    for (i, e) in t.security_groups.iter().enumerate() {
        each(c, EntityKind::SecurityGroup, i, &e.tags);
    }
    for (i, e) in t.workloads.iter().enumerate() {
        each(c, EntityKind::Workload, i, &e.tags);
    }
    for (i, e) in t.iam_roles.iter().enumerate() {
        each(c, EntityKind::IamRole, i, &e.tags);
    }
}

#[cfg(test)]
mod tests {
    use super::iam_tag_char;

    #[test]
    fn iam_tags_allow_spaces_but_not_tabs_or_newlines() {
        assert!(iam_tag_char(' ') && iam_tag_char('\u{2028}') && iam_tag_char('é'));
        assert!(!iam_tag_char('\t') && !iam_tag_char('\n') && !iam_tag_char('$'));
    }
}
