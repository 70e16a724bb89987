//! Name rules (NW204-NW206): names present, unique per kind (the exported scripts find
//! resources by Name tag) and short enough for a Name tag. AWS's character rules for
//! groups, rules, roles and tags (NW207-NW213) are in `charset.rs`.

use super::context::{fix, Ctx, StrMap};
use super::rules::*;
use super::text::{blank, longer_than, truncate};
use crate::model::EntityKind;

/// Runs every name rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    empty_and_long(c);
    duplicates(c);
}

fn empty_or_long(c: &mut Ctx<'_>, kind: EntityKind, i: usize, field: &str, name: &str) {
    let what = || {
        if field == "elastic_ip" {
            format!("the Elastic IP of {}", c.name(kind, i))
        } else if kind == EntityKind::Design {
            "the design".to_string()
        } else {
            c.name(kind, i)
        }
    };
    if blank(name) {
        let msg = format!("{} has no name", what());
        c.emit(&NAME_EMPTY, c.at(kind, i), Some(field.into()), msg, None);
    } else if longer_than(name, 256) {
        let msg = format!(
            "{}: the name has {} characters, but a Name tag holds at most 256",
            what(),
            name.chars().count()
        );
        let f = fix("shorten it to 256 characters", Some(truncate(name, 256)));
        c.emit(&NAME_TOO_LONG, c.at(kind, i), Some(field.into()), msg, f);
    }
}

fn empty_and_long(c: &mut Ctx<'_>) {
    let t = c.t;
    empty_or_long(c, EntityKind::Design, 0, "name", &t.name);
    for kind in EntityKind::RESOURCES {
        // Groups and roles have their own, stricter length rules (NW207, NW210).
        let own_rules = matches!(kind, EntityKind::SecurityGroup | EntityKind::IamRole);
        for i in 0..c.count(kind) {
            let name = c.raw_name(kind, i);
            if blank(name) || (!own_rules && name.len() > 256) {
                empty_or_long(c, kind, i, "name", name);
            }
        }
    }
    for (i, n) in t.nat_gateways.iter().enumerate() {
        if let Some(eip) = &n.elastic_ip {
            if blank(&eip.name) || eip.name.len() > 256 {
                empty_or_long(c, EntityKind::NatGateway, i, "elastic_ip", &eip.name);
            }
        }
    }
}

/// Names must be unique per kind (IAM role names case-insensitively, as IAM does).
fn duplicates(c: &mut Ctx<'_>) {
    let t = c.t;
    for kind in EntityKind::RESOURCES {
        let n = c.count(kind);
        if n < 2 {
            continue;
        }
        let lower: Vec<String> = if kind == EntityKind::IamRole {
            t.iam_roles
                .iter()
                .map(|r| r.name.to_ascii_lowercase())
                .collect()
        } else {
            Vec::new()
        };
        let keys: Vec<&str> = if kind == EntityKind::IamRole {
            lower.iter().map(String::as_str).collect()
        } else {
            (0..n).map(|i| c.raw_name(kind, i)).collect()
        };
        let mut seen: StrMap<'_, usize> = StrMap::with_capacity_and_hasher(n, Default::default());
        let mut dups = Vec::new();
        for (i, &k) in keys.iter().enumerate() {
            if blank(k) {
                continue;
            }
            match seen.get(k) {
                Some(&first) => dups.push((i, first)),
                None => {
                    seen.insert(k, i);
                }
            }
        }
        let mut taken: Vec<String> = Vec::new();
        for (i, first) in dups {
            let name = c.raw_name(kind, i);
            let suggestion = (2..)
                .map(|k| format!("{name}-{k}"))
                .find(|s| {
                    let probe = if kind == EntityKind::IamRole {
                        s.to_ascii_lowercase()
                    } else {
                        s.clone()
                    };
                    !seen.contains_key(probe.as_str()) && !taken.contains(&probe)
                })
                .unwrap_or_default();
            taken.push(if kind == EntityKind::IamRole {
                suggestion.to_ascii_lowercase()
            } else {
                suggestion.clone()
            });
            let why = match kind {
                EntityKind::IamRole => "role names are unique per account (ignoring case)",
                EntityKind::SecurityGroup => {
                    "group names are unique per VPC, and the deploy script finds groups by name"
                }
                EntityKind::Workload => {
                    "exports name the lists of subnet and group ids a workload needs after it"
                }
                _ => "the deploy script finds resources by their Name tag",
            };
            let msg = format!(
                "{} has the same name as {} ({}): {why}",
                c.name(kind, i),
                c.name(kind, first),
                c.id(kind, first)
            );
            let f = fix(format!("rename it to {suggestion}"), Some(suggestion));
            c.emit(&DUPLICATE_NAME, c.at(kind, i), Some("name".into()), msg, f);
        }
    }
    // Elastic IPs are looked up by their Name tag too.
    let mut seen: StrMap<'_, usize> = StrMap::default();
    for (i, n) in t.nat_gateways.iter().enumerate() {
        let Some(eip) = &n.elastic_ip else { continue };
        if blank(&eip.name) {
            continue;
        }
        if let Some(&first) = seen.get(eip.name.as_str()) {
            let msg = format!(
                "the Elastic IP of {} is named {} like the one of {}: the deploy script finds \
                 addresses by their Name tag",
                c.name(EntityKind::NatGateway, i),
                eip.name,
                c.name(EntityKind::NatGateway, first)
            );
            let f = fix(
                format!("name it {}-eip", n.name),
                Some(format!("{}-eip", n.name)),
            );
            let at = c.at(EntityKind::NatGateway, i);
            c.emit(&DUPLICATE_NAME, at, Some("elastic_ip".into()), msg, f);
        } else {
            seen.insert(eip.name.as_str(), i);
        }
    }
}
