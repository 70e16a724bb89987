//! Reporting a reference that does not resolve (NW201, NW202), shared by the families
//! that hold references: `refs.rs`, `acl.rs` and `workloads.rs`.

use super::context::{fix, Ctx, Target};
use super::rules::{DANGLING_REFERENCE, WRONG_KIND_REFERENCE};
use crate::model::{EntityKind, Id};

/// Reports a reference that did not resolve to an entity of `want`.
#[allow(clippy::too_many_arguments)]
pub(super) fn bad_ref(
    c: &mut Ctx<'_>,
    kind: EntityKind,
    i: usize,
    field: &str,
    what: &str,
    id: &Id,
    want: EntityKind,
    target: Target,
) {
    if target.found().is_some() {
        return;
    }
    let owner = c.name(kind, i);
    match target {
        Target::Found(_) => {}
        Target::Missing => {
            let msg = format!(
                "{owner}: {what} points at \"{id}\", but no {} has that id",
                want.label()
            );
            let f = only_one(c, want);
            c.emit(
                &DANGLING_REFERENCE,
                c.at(kind, i),
                Some(field.into()),
                msg,
                f,
            );
        }
        Target::WrongKind(found) => {
            let other = c.t.find(id).map_or_else(String::new, |(k, n)| {
                if n.trim().is_empty() {
                    format!("an unnamed {}", k.label())
                } else {
                    format!("{} {n}", k.label())
                }
            });
            let msg = format!(
                "{owner}: {what} must be a {}, but \"{id}\" is {other} (a {})",
                want.label(),
                found.label()
            );
            let f = only_one(c, want);
            c.emit(
                &WRONG_KIND_REFERENCE,
                c.at(kind, i),
                Some(field.into()),
                msg,
                f,
            );
        }
    }
}

/// When the design has exactly one entity of `want`, the fix is to point at it.
pub(super) fn only_one(c: &Ctx<'_>, want: EntityKind) -> Option<super::diagnostic::Fix> {
    let count = match want {
        EntityKind::RouteTable | EntityKind::IamRole | EntityKind::Design => 0,
        k => c.count(k),
    };
    if count != 1 {
        return None;
    }
    let id = c.id(want, 0);
    fix(
        format!("point it at {}", c.name(want, 0)),
        Some(id.0.clone()),
    )
}
