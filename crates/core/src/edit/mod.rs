//! Editing commands: every change to a design is an [`Edit`] whose
//! [`apply`](Edit::apply) returns its inverse, so undo and redo replay commands
//! ([`History`]). Selection and viewport are session state and never enter history.
//!
//! ```
//! use netwright_core::edit::{ops, History};
//! use netwright_core::model::{EntityKind, EntityRef};
//! use netwright_core::{templates, Id};
//!
//! let mut t = templates::smartinvoice();
//! let before = t.clone();
//! let mut history = History::new();
//! let subnet = EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"));
//! let rename = ops::set_field(&t, &subnet, "name", "db-1b").unwrap();
//! history.apply(&mut t, rename, "Rename subnet").unwrap();
//! assert_eq!(t.subnet(&subnet.id).unwrap().name, "db-1b");
//! history.undo(&mut t);
//! assert_eq!(t, before);
//! ```

mod entity;
mod entries;
mod fields;
pub mod gestures;
mod history;
pub mod ops;

pub use entity::Entity;
pub use history::History;

use std::fmt;

use crate::model::{EntityRef, Id, Point, Topology};

/// One change to a design. Applying it returns the edit that undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets the design's name and Region.
    SetDesign {
        /// New design name.
        name: String,
        /// New Region.
        region: String,
    },
    /// Replaces the entity of the same kind and id with this value.
    Update(Entity),
    /// Inserts a new entity at `index` of its list.
    Insert {
        /// Position in the entity's list (clamped to its length).
        index: usize,
        /// The entity; its id must be unused.
        entity: Entity,
    },
    /// Removes an entity. Callers cascade references first (see [`ops::delete`]).
    Remove(EntityRef),
    /// Sets (or, with `None`, clears) the hand-set diagram position of an entity.
    SetPosition {
        /// The entity.
        id: Id,
        /// Its new position.
        position: Option<Point>,
    },
    /// Several edits applied in order as one step; all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The design is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The edit names an entity the design does not have.
    NotFound(EntityRef),
    /// An inserted entity's id is already used.
    DuplicateId(Id),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound(r) => write!(f, "the design has no {} '{}'", r.kind, r.id),
            EditError::DuplicateId(id) => write!(f, "the id '{id}' is already used"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit to `t` and returns its inverse. On error `t` is unchanged.
    ///
    /// ```
    /// use netwright_core::edit::{Edit, Entity};
    /// let mut t = netwright_core::templates::smartinvoice();
    /// let mut vpc = t.vpcs[0].clone();
    /// vpc.cidr = "10.1.0.0/16".into();
    /// let inverse = Edit::Update(Entity::Vpc(vpc)).apply(&mut t).unwrap();
    /// assert_eq!(t.vpcs[0].cidr, "10.1.0.0/16");
    /// inverse.apply(&mut t).unwrap();
    /// assert_eq!(t.vpcs[0].cidr, "10.0.0.0/16");
    /// ```
    pub fn apply(self, t: &mut Topology) -> Result<Edit, EditError> {
        match self {
            Edit::SetDesign { name, region } => {
                let old_name = std::mem::replace(&mut t.name, name);
                let old_region = std::mem::replace(&mut t.region, region);
                Ok(Edit::SetDesign {
                    name: old_name,
                    region: old_region,
                })
            }
            Edit::Update(entity) => {
                let r = entity.as_ref();
                entity
                    .replace_in(t)
                    .map(Edit::Update)
                    .ok_or(EditError::NotFound(r))
            }
            Edit::Insert { index, entity } => {
                if t.find(entity.id()).is_some() {
                    return Err(EditError::DuplicateId(entity.id().clone()));
                }
                let r = entity.as_ref();
                let len = list_len(t, &r);
                let index = index.min(len);
                entity.insert_into(t, index);
                Ok(Edit::Remove(r))
            }
            Edit::Remove(r) => {
                let (index, _) =
                    Entity::get(t, &r).ok_or_else(|| EditError::NotFound(r.clone()))?;
                let entity = entity::remove_at(t, r.kind, index).ok_or(EditError::NotFound(r))?;
                Ok(Edit::Insert { index, entity })
            }
            Edit::SetPosition { id, position } => {
                let old = match position {
                    Some(p) => t.layout.positions.insert(id.clone(), p),
                    None => t.layout.positions.remove(&id),
                };
                Ok(Edit::SetPosition { id, position: old })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(t) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what was applied so the design is unchanged.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(t);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

fn list_len(t: &Topology, r: &EntityRef) -> usize {
    use crate::model::EntityKind as K;
    match r.kind {
        K::Vpc => t.vpcs.len(),
        K::Subnet => t.subnets.len(),
        K::InternetGateway => t.internet_gateways.len(),
        K::NatGateway => t.nat_gateways.len(),
        K::RouteTable => t.route_tables.len(),
        K::NetworkAcl => t.network_acls.len(),
        K::SecurityGroup => t.security_groups.len(),
        K::Workload => t.workloads.len(),
        K::IamRole => t.iam_roles.len(),
        K::Design => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::templates::smartinvoice;

    fn subnet(id: &str) -> EntityRef {
        EntityRef::new(EntityKind::Subnet, &Id::new(id))
    }

    #[test]
    fn every_edit_round_trips_through_its_inverse() {
        let t0 = smartinvoice();
        let (_, s) = Entity::get(&t0, &subnet("subnet-public-1b")).unwrap();
        let mut copy = s.clone();
        copy.set_id(Id::new("subnet-9"));
        let edits = vec![
            Edit::SetDesign {
                name: "x".into(),
                region: "us-east-1".into(),
            },
            Edit::Update({
                let mut e = s.clone();
                e.set_name("renamed".into());
                e
            }),
            Edit::Insert {
                index: 1,
                entity: copy,
            },
            Edit::Remove(subnet("subnet-private-1a")),
            Edit::SetPosition {
                id: Id::new("vpc"),
                position: Some(Point { x: 1.0, y: 2.0 }),
            },
        ];
        for edit in edits.iter().cloned().chain([Edit::Batch(edits.clone())]) {
            let mut t = t0.clone();
            let inverse = edit.clone().apply(&mut t).unwrap();
            assert_ne!(t, t0, "{edit:?} changed nothing");
            let redo = inverse.apply(&mut t).unwrap();
            assert_eq!(t, t0, "inverse of {edit:?}");
            redo.apply(&mut t).unwrap();
            let mut expected = t0.clone();
            edit.clone().apply(&mut expected).unwrap();
            assert_eq!(t, expected, "redo of {edit:?}");
        }
    }

    #[test]
    fn remove_then_undo_restores_the_list_order() {
        let mut t = smartinvoice();
        let before: Vec<_> = t.subnets.iter().map(|s| s.id.clone()).collect();
        let inv = Edit::Remove(subnet("subnet-public-1b"))
            .apply(&mut t)
            .unwrap();
        inv.apply(&mut t).unwrap();
        let after: Vec<_> = t.subnets.iter().map(|s| s.id.clone()).collect();
        assert_eq!(before, after);
    }

    #[test]
    fn failing_edits_leave_the_design_unchanged() {
        let t0 = smartinvoice();
        let mut t = t0.clone();
        assert_eq!(
            Edit::Remove(subnet("nope")).apply(&mut t),
            Err(EditError::NotFound(subnet("nope")))
        );
        let (_, dup) = Entity::get(&t0, &subnet("subnet-public-1a")).unwrap();
        let batch = Edit::Batch(vec![
            Edit::Remove(subnet("subnet-public-1b")),
            Edit::Insert {
                index: 0,
                entity: dup,
            },
        ]);
        assert!(matches!(
            batch.apply(&mut t),
            Err(EditError::DuplicateId(_))
        ));
        assert_eq!(t, t0);
        let ghost = {
            let (_, mut e) = Entity::get(&t0, &subnet("subnet-public-1a")).unwrap();
            e.set_id(Id::new("ghost"));
            e
        };
        assert!(Edit::Update(ghost).apply(&mut t).is_err());
        assert_eq!(t, t0);
        assert_eq!(
            EditError::NotFound(subnet("nope")).to_string(),
            "the design has no subnet 'nope'"
        );
    }
}
