//! Workloads, which a template never creates. A Netwright export keeps each one's
//! name, kind, internet-facing flag and tags in `Metadata.Netwright.Workloads`, by
//! the logical id its outputs `<id>SubnetIds` and `<id>SecurityGroupIds` start with;
//! those outputs join references to the template's subnets and security groups.
//! Together they rebuild the workloads. An output of that name whose workload the
//! metadata does not list is an output like any other (a note).

use serde_json::{Map, Value};

use super::intrinsics::Eval;
use super::resources::{Build, OWN_TAGS};
use super::value::{Path, Val};
use crate::import::ImportError;
use crate::model::{EntityKind, Id, Tags, Workload, WorkloadKind};

/// The keys of a workload's metadata entry.
const KEYS: [&str; 4] = ["Name", "Kind", "InternetFacing", "Tags"];

/// Builds every workload `Metadata.Netwright.Workloads` lists, in its order, with no
/// subnet and no group yet ([`output`] fills them in). Its id is its logical id; a
/// malformed entry is read as far as it goes, with a note.
pub(super) fn from_metadata(netwright: Option<&Map<String, Value>>, b: &mut Build) {
    let Some(list) = netwright.and_then(|n| n.get("Workloads")) else {
        return;
    };
    let Some(list) = list.as_object() else {
        b.note(
            "Metadata",
            "Netwright.Workloads",
            "expected a mapping of workloads by logical id",
        );
        return;
    };
    for (id, entry) in list {
        let what = format!("workload {id} of the Metadata");
        if b.kinds.contains_key(id.as_str()) {
            b.note(
                id,
                what,
                "its logical id is a resource's: the outputs could not say which they list",
            );
            continue;
        }
        let Some(m) = entry.as_object() else {
            b.note(
                id,
                what,
                "expected a mapping with Name, Kind and InternetFacing",
            );
            continue;
        };
        let name = match m.get("Name") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            None => id.clone(),
            Some(v) => {
                b.note(
                    id,
                    "the workload's Name",
                    format!("{v} is not a name: the logical id stands in"),
                );
                id.clone()
            }
        };
        let kind = match m.get("Kind") {
            Some(Value::String(s)) => WorkloadKind::parse(s).unwrap_or_else(|| {
                b.note(id, format!("the workload's Kind {s}"), kind_why());
                WorkloadKind::Other
            }),
            None => WorkloadKind::Other,
            Some(v) => {
                b.note(id, format!("the workload's Kind {v}"), kind_why());
                WorkloadKind::Other
            }
        };
        let internet_facing = match m.get("InternetFacing") {
            Some(Value::Bool(x)) => *x,
            None => false,
            Some(v) => {
                b.note(
                    id,
                    "the workload's InternetFacing",
                    format!("{v} is not true or false: not internet-facing"),
                );
                false
            }
        };
        let tags = m.get("Tags").map(|v| tags(id, v, b)).unwrap_or_default();
        for key in m.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            b.note(
                id,
                format!("the workload's {key}"),
                "a workload has a name, kind, internet-facing flag and tags",
            );
        }
        let mut w = Workload::new(Id::new(id.as_str()), name, kind);
        w.internet_facing = internet_facing;
        w.tags = tags;
        let index = b.t.workloads.len();
        b.t.workloads.push(w);
        b.add(EntityKind::Workload, id, index);
    }
}

fn kind_why() -> String {
    let kinds: Vec<&str> = WorkloadKind::ALL.iter().map(|k| k.as_str()).collect();
    format!("not a kind of workload ({}): other", kinds.join(", "))
}

/// A workload's tags: a mapping of text to text (Netwright's own keys left out).
fn tags(id: &str, v: &Value, b: &mut Build) -> Tags {
    let mut out = Tags::new();
    let Some(m) = v.as_object() else {
        b.note(
            id,
            "the workload's Tags",
            "expected a mapping of keys to values",
        );
        return out;
    };
    for (k, v) in m {
        match v {
            Value::String(s) if !OWN_TAGS.contains(&k.as_str()) => {
                out.insert(k.clone(), s.clone());
            }
            Value::String(_) => {}
            other => b.note(
                id,
                format!("the workload's tag {k}"),
                format!("its value {other} is not text"),
            ),
        }
    }
    out
}

/// Reads the output `name` when it is `<id>SubnetIds` or `<id>SecurityGroupIds` of a
/// workload [`from_metadata`] built: its value, the references joined with commas
/// (`Fn::Join` of `Ref`s or `Fn::GetAtt`s, or a single one), gives the workload's
/// subnets or groups; a reference to anything else is a note. `Ok(false)` for any
/// other output.
pub(super) fn output<'a>(
    ev: &mut Eval<'a>,
    name: &str,
    value: Option<&'a Value>,
    at: &Path<'_>,
    b: &mut Build,
) -> Result<bool, ImportError> {
    let (id, kind) = if let Some(id) = name.strip_suffix("SubnetIds") {
        (id, EntityKind::Subnet)
    } else if let Some(id) = name.strip_suffix("SecurityGroupIds") {
        (id, EntityKind::SecurityGroup)
    } else {
        return Ok(false);
    };
    if b.kinds.get(id) != Some(&EntityKind::Workload) {
        return Ok(false);
    }
    let index = b.index[id];
    let what = match kind {
        EntityKind::Subnet => "subnets",
        _ => "security groups",
    };
    let joined = value
        .and_then(Value::as_object)
        .filter(|m| m.len() == 1)
        .and_then(|m| m.get("Fn::Join"))
        .and_then(Value::as_array)
        .filter(|a| a.len() == 2 && a[0] == ",");
    let items = match (joined, value) {
        (Some(a), _) => {
            let join = at.key("Fn::Join");
            ev.value(&a[1], &join.index(1))?
        }
        (None, Some(v)) => match ev.value(v, at)? {
            x @ (Val::Ref(_) | Val::Att(..)) => Val::List(vec![x]),
            other => other,
        },
        (None, None) => Val::Null,
    };
    let Val::List(items) = items else {
        b.note(
            name,
            format!("output {name}"),
            format!(
                "the {what} of workload {}: its value is {items}, not the template's {what} joined with commas",
                b.t.workloads[index].name
            ),
        );
        return Ok(true);
    };
    let mut ids: Vec<Id> = Vec::with_capacity(items.len());
    for item in &items {
        match b.target(item, kind) {
            Ok(x) if !ids.contains(&x) => ids.push(x),
            Ok(_) => {}
            Err(why) => {
                let workload = b.t.workloads[index].name.clone();
                b.note(
                    name,
                    format!("output {name}: {item}"),
                    format!("not one of the {what} of workload {workload}: {why}"),
                );
            }
        }
    }
    let w = &mut b.t.workloads[index];
    match kind {
        EntityKind::Subnet => w.subnets = ids,
        _ => w.security_groups = ids,
    }
    Ok(true)
}
