//! The shared machinery of the resource readers: the design under construction, the
//! entities it holds by logical id, a property reader that turns every property it
//! was not asked for into a note, and tags.

use std::collections::HashMap;

use super::value::Val;
use crate::import::Note;
use crate::model::{EntityKind, Id, Tags, Topology};

/// Tags the exporter writes for itself, never kept among an entity's own tags.
pub(super) const OWN_TAGS: [&str; 2] = ["netwright:design", "netwright:id"];

/// A created resource of a type the importer reads, its properties evaluated.
pub(super) struct Res<'a> {
    /// Logical id.
    pub id: &'a str,
    /// `Properties`, evaluated (empty when absent).
    pub props: Val<'a>,
    /// `Metadata`, as written.
    pub metadata: Option<&'a serde_json::Value>,
}

/// The design being built and its notes.
#[derive(Default)]
pub(super) struct Build {
    pub t: Topology,
    pub notes: Vec<Note>,
    /// The kind of every imported entity, by logical id (= design id).
    pub kinds: HashMap<String, EntityKind>,
    /// Where each entity sits in its list, by logical id.
    pub index: HashMap<String, usize>,
    /// The design name found in a `netwright:design` tag.
    pub design_tag: Option<String>,
}

impl Build {
    /// Records that the entity `id` of `kind` sits at `index` of its list.
    pub fn add(&mut self, kind: EntityKind, id: &str, index: usize) {
        self.kinds.insert(id.to_string(), kind);
        self.index.insert(id.to_string(), index);
    }

    /// A note on `resource`.
    pub fn note(&mut self, resource: &str, dropped: impl Into<String>, why: impl Into<String>) {
        self.notes.push(Note::new(resource, dropped, why));
    }

    /// The imported entity of `kind` that `v` refers to (`Ref` or `Fn::GetAtt`), or
    /// why there is none, for a note.
    pub fn target(&self, v: &Val<'_>, kind: EntityKind) -> Result<Id, String> {
        match v.target() {
            Some(id) if self.kinds.get(id) == Some(&kind) => Ok(Id::new(id)),
            Some(id) => Err(format!("{id} is not a {kind} the design holds")),
            None => match v {
                Val::Str(s) => Err(format!("{s} is not created by the template")),
                other => Err(format!("{other} is not a {kind} of the template")),
            },
        }
    }

    /// The index of the entity `id` in its list.
    pub fn at(&self, id: &Id) -> usize {
        self.index[id.as_str()]
    }
}

/// Reads the properties of one resource; whatever it is not asked for becomes a note.
pub(super) struct Props<'r> {
    id: &'r str,
    entries: &'r [(&'r str, Val<'r>)],
    read: Vec<bool>,
}

impl<'r> Props<'r> {
    /// The properties of `r`.
    pub fn new(r: &'r Res<'_>) -> Self {
        Props::of(r.id, &r.props)
    }

    /// The entries of the mapping `v` (an inline rule, say) of resource `id`.
    pub fn of(id: &'r str, v: &'r Val<'r>) -> Self {
        let entries = match v {
            Val::Map(m) => m.as_slice(),
            _ => &[],
        };
        Props {
            id,
            entries,
            read: vec![false; entries.len()],
        }
    }

    /// The property `key`, marked as read.
    pub fn get(&mut self, key: &str) -> Option<&'r Val<'r>> {
        let i = self.entries.iter().position(|(k, _)| *k == key)?;
        self.read[i] = true;
        Some(&self.entries[i].1)
    }

    /// The property `key` as text; a value only a deployment knows is a note.
    pub fn text(&mut self, key: &str, b: &mut Build) -> Option<String> {
        let v = self.get(key)?;
        match v.text() {
            Some(s) => Some(s),
            None => {
                b.note(
                    self.id,
                    format!("property {key}"),
                    format!("its value is {v}, which the design cannot hold"),
                );
                None
            }
        }
    }

    /// The property `key` as a boolean (`true`/`false`, also as text).
    pub fn flag(&mut self, key: &str, b: &mut Build) -> Option<bool> {
        let v = self.get(key)?;
        match v.as_bool() {
            Some(x) => Some(x),
            None => {
                b.note(
                    self.id,
                    format!("property {key}"),
                    format!("its value is {v}, not true or false"),
                );
                None
            }
        }
    }

    /// Marks `key` as read without reading it (a property the model derives).
    pub fn skip(&mut self, key: &str) {
        let _ = self.get(key);
    }

    /// A note for every property not read; `why` says why for a given key.
    pub fn finish(self, b: &mut Build, why: impl Fn(&str) -> Option<&'static str>) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !self.read[i] {
                let reason = why(k).unwrap_or("the model has no such setting");
                b.note(self.id, format!("property {k}"), reason);
            }
        }
    }
}

/// The name and own tags of a resource from its `Tags` list: the `Name` tag (or
/// `fallback`), the other tags but the exporter's own (`netwright:design` is
/// remembered as the design's name), a note for `aws:` tags and for tags whose value
/// only a deployment knows.
pub(super) fn name_and_tags(
    props: &mut Props<'_>,
    b: &mut Build,
    id: &str,
) -> (Option<String>, Tags) {
    let mut name = None;
    let mut tags = Tags::new();
    let Some(list) = props.get("Tags") else {
        return (None, tags);
    };
    let Some(items) = list.as_list() else {
        b.note(id, "its Tags", format!("{list} is not a list of tags"));
        return (None, tags);
    };
    for item in items {
        let key = item.get("Key").and_then(Val::text);
        let value = item.get("Value");
        let (Some(key), Some(value)) = (key, value) else {
            b.note(id, format!("tag {item}"), "a tag needs a Key and a Value");
            continue;
        };
        let Some(value) = value.text() else {
            b.note(
                id,
                format!("tag {key}"),
                format!("its value is {value}, which the design cannot hold"),
            );
            continue;
        };
        if key == "Name" {
            name = Some(value);
        } else if key == OWN_TAGS[0] {
            if b.design_tag.is_none() && !value.trim().is_empty() {
                b.design_tag = Some(value);
            }
        } else if OWN_TAGS.contains(&key.as_str()) {
        } else if key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
            b.note(
                id,
                format!("tag {key}"),
                "tags starting with aws: are AWS's own and cannot be set",
            );
        } else {
            tags.insert(key, value);
        }
    }
    (name, tags)
}

/// A name for an entity: the one found, else the logical id cut to `max` characters.
pub(super) fn name_or(found: Option<String>, id: &str, max: usize) -> String {
    match found {
        Some(n) if !n.trim().is_empty() => n,
        _ => id.chars().take(max).collect(),
    }
}

/// Makes names unique per kind, as the validator requires (role names ignoring case,
/// as IAM does): the second entity of a kind with a name already taken is named after
/// its logical id instead, with a note.
pub(super) fn unique_names(b: &mut Build) {
    let t = &mut b.t;
    let notes = &mut b.notes;
    macro_rules! entries {
        ($list:expr) => {
            $list
                .iter_mut()
                .map(|e| (e.id.as_str(), &mut e.name))
                .collect::<Vec<_>>()
        };
    }
    dedupe(entries!(t.vpcs), EntityKind::Vpc, false, 256, notes);
    dedupe(entries!(t.subnets), EntityKind::Subnet, false, 256, notes);
    dedupe(
        entries!(t.internet_gateways),
        EntityKind::InternetGateway,
        false,
        256,
        notes,
    );
    dedupe(
        entries!(t.nat_gateways),
        EntityKind::NatGateway,
        false,
        256,
        notes,
    );
    dedupe(
        entries!(t.route_tables),
        EntityKind::RouteTable,
        false,
        256,
        notes,
    );
    dedupe(
        entries!(t.network_acls),
        EntityKind::NetworkAcl,
        false,
        256,
        notes,
    );
    dedupe(
        entries!(t.security_groups),
        EntityKind::SecurityGroup,
        false,
        255,
        notes,
    );
    dedupe(entries!(t.iam_roles), EntityKind::IamRole, true, 64, notes);
}

fn dedupe(
    entries: Vec<(&str, &mut String)>,
    kind: EntityKind,
    fold: bool,
    max: usize,
    notes: &mut Vec<Note>,
) {
    let key = |s: &str| {
        if fold {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        }
    };
    let mut taken: std::collections::HashSet<String> =
        entries.iter().map(|(_, n)| key(n)).collect();
    if taken.len() == entries.len() {
        return;
    }
    let mut first = std::collections::HashSet::new();
    for (id, name) in entries {
        if first.insert(key(name)) {
            continue;
        }
        let base: String = id.chars().take(max.saturating_sub(4)).collect();
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&key(&candidate)) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        notes.push(Note::new(
            id,
            format!("its name {name}"),
            format!("another {kind} has the same name, and names are unique per kind: it is named {candidate}"),
        ));
        taken.insert(key(&candidate));
        first.insert(key(&candidate));
        *name = candidate;
    }
}
