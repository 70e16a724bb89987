//! Undo and redo: a stack of inverse edits, with typing and drag bursts coalesced
//! into one entry.

use super::{Edit, EditError};
use crate::model::Topology;

/// How many steps are kept; the oldest are dropped beyond this.
const LIMIT: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    label: String,
    edit: Edit,
}

/// The command history of one design.
///
/// Every [`apply`](History::apply) pushes the inverse of the edit; [`undo`](History::undo)
/// applies it and keeps the inverse of *that* for [`redo`](History::redo). A burst of
/// edits to one field (typing, dragging) made with [`apply_coalesced`](History::apply_coalesced)
/// and the same key becomes one entry until [`seal`](History::seal) is called or
/// anything else happens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// The coalescing key of the open burst on top of the undo stack.
    open: Option<String>,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` as one undoable step called `label`.
    pub fn apply(
        &mut self,
        t: &mut Topology,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(t)?;
        self.open = None;
        self.push(label.into(), inverse);
        Ok(())
    }

    /// Applies `edit`, merging it into the previous step when that step was made with
    /// the same `key` and no other step, undo or [`seal`](History::seal) came between.
    ///
    /// ```
    /// use netwright_core::edit::{ops, History};
    /// use netwright_core::model::{EntityKind, EntityRef};
    /// let mut t = netwright_core::templates::smartinvoice();
    /// let vpc = EntityRef::new(EntityKind::Vpc, &t.vpcs[0].id);
    /// let mut h = History::new();
    /// for typed in ["10.1.0.0/1", "10.1.0.0/16"] {
    ///     let e = ops::set_field(&t, &vpc, "cidr", typed).unwrap();
    ///     h.apply_coalesced(&mut t, e, "Edit VPC block", "vpc/cidr").unwrap();
    /// }
    /// assert_eq!(h.undo_len(), 1);
    /// h.undo(&mut t);
    /// assert_eq!(t.vpcs[0].cidr, "10.0.0.0/16");
    /// ```
    pub fn apply_coalesced(
        &mut self,
        t: &mut Topology,
        edit: Edit,
        label: impl Into<String>,
        key: &str,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(t)?;
        if self.open.as_deref() == Some(key) && !self.undo.is_empty() {
            // The entry on top already restores the state before the burst.
            self.redo.clear();
        } else {
            self.push(label.into(), inverse);
            self.open = Some(key.to_string());
        }
        Ok(())
    }

    /// Ends the current burst: the next edit starts a new step.
    pub fn seal(&mut self) {
        self.open = None;
    }

    fn push(&mut self, label: String, edit: Edit) {
        self.redo.clear();
        self.undo.push(Entry { label, edit });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, t: &mut Topology) -> Option<String> {
        self.open = None;
        let entry = self.undo.pop()?;
        self.replay(entry, t, false)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, t: &mut Topology) -> Option<String> {
        self.open = None;
        let entry = self.redo.pop()?;
        self.replay(entry, t, true)
    }

    /// Applies a popped entry and pushes its inverse on the other stack (the undo
    /// stack when `redoing`, else the redo stack).
    fn replay(&mut self, entry: Entry, t: &mut Topology, redoing: bool) -> Option<String> {
        match entry.edit.apply(t) {
            Ok(inverse) => {
                let other = if redoing {
                    &mut self.undo
                } else {
                    &mut self.redo
                };
                other.push(Entry {
                    label: entry.label.clone(),
                    edit: inverse,
                });
                Some(entry.label)
            }
            Err(_) => {
                // The design no longer matches the history: drop it rather than guess.
                self.undo.clear();
                self.redo.clear();
                None
            }
        }
    }

    /// The label of the step [`undo`](History::undo) would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// The label of the step [`redo`](History::redo) would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (a new design was loaded).
    pub fn clear(&mut self) {
        *self = History::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ops;
    use crate::model::{EntityKind, EntityRef};
    use crate::templates::smartinvoice;
    use crate::Id;

    fn private_1b() -> EntityRef {
        EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"))
    }

    fn type_cidr(h: &mut History, t: &mut Topology, text: &str) {
        let e = ops::set_field(t, &private_1b(), "cidr", text).unwrap();
        h.apply_coalesced(t, e, "Edit CIDR", "subnet-private-1b/cidr")
            .unwrap();
    }

    #[test]
    fn undo_and_redo_replay_every_step() {
        let t0 = smartinvoice();
        let mut t = t0.clone();
        let mut h = History::new();
        let e = ops::set_field(&t, &private_1b(), "name", "a").unwrap();
        h.apply(&mut t, e, "Rename").unwrap();
        let t1 = t.clone();
        let e = ops::delete(&t, &private_1b()).unwrap();
        h.apply(&mut t, e, "Delete").unwrap();
        let t2 = t.clone();
        assert_eq!(h.undo(&mut t).as_deref(), Some("Delete"));
        assert_eq!(t, t1);
        assert_eq!(h.undo(&mut t).as_deref(), Some("Rename"));
        assert_eq!(t, t0);
        assert_eq!(h.undo(&mut t), None);
        assert_eq!(h.redo(&mut t).as_deref(), Some("Rename"));
        assert_eq!(h.redo(&mut t).as_deref(), Some("Delete"));
        assert_eq!(t, t2);
        assert_eq!(h.redo(&mut t), None);
    }

    #[test]
    fn a_typing_burst_is_one_step_until_sealed() {
        let t0 = smartinvoice();
        let mut t = t0.clone();
        let mut h = History::new();
        for text in ["10.0.3", "10.0.3.0/2", "10.0.3.0/24"] {
            type_cidr(&mut h, &mut t, text);
        }
        assert_eq!(h.undo_len(), 1);
        let typed = t.clone();
        h.seal();
        type_cidr(&mut h, &mut t, "10.0.9.0/24");
        assert_eq!(h.undo_len(), 2);
        h.undo(&mut t);
        assert_eq!(t, typed);
        h.undo(&mut t);
        assert_eq!(t, t0);
        // Redo after undo ends the burst: typing again is a new step.
        h.redo(&mut t);
        type_cidr(&mut h, &mut t, "10.0.8.0/24");
        assert_eq!(h.undo_len(), 2);
    }

    #[test]
    fn a_new_step_clears_redo_and_the_stack_is_bounded() {
        let mut t = smartinvoice();
        let mut h = History::new();
        for i in 0..(LIMIT + 10) {
            let e = ops::set_field(&t, &private_1b(), "name", &format!("n{i}")).unwrap();
            h.apply(&mut t, e, "Rename").unwrap();
        }
        assert_eq!(h.undo_len(), LIMIT);
        h.undo(&mut t);
        assert_eq!(h.redo_len(), 1);
        let e = ops::set_field(&t, &private_1b(), "name", "z").unwrap();
        h.apply(&mut t, e, "Rename").unwrap();
        assert_eq!(h.redo_len(), 0);
        assert_eq!(h.undo_label(), Some("Rename"));
        assert_eq!(h.redo_label(), None);
    }
}
