//! The one editor store: the document, its command history, the diagnostics memo
//! (validation runs once per change), the selection and the session's messages.
//! Components get it from context with [`use_editor`].

use leptos::prelude::*;
use netwright_core::edit::{ops, Edit, Entity, History};
use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::{validate, Diagnostic, Id, Severity, Topology};

use crate::rows::{self, RowHandle, Rows};
use crate::tree::Tree;

/// What is selected: an entity, and optionally the field a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The selected entity (the design itself when nothing else is).
    pub entity: EntityRef,
    /// The field to focus, as a diagnostic path (`cidr`, `ingress[0].peer`).
    pub field: Option<String>,
}

/// A message for the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Error or plain information.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// The editor store. Cheap to copy: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The design being edited.
    pub doc: RwSignal<Topology>,
    history: RwSignal<History>,
    /// Every diagnostic of the current design, recomputed once per change.
    pub diagnostics: Memo<Vec<Diagnostic>>,
    /// The selection; session state, never in history.
    pub selection: RwSignal<Option<Selection>>,
    /// Whether the design changed since it was opened, created or saved to a file.
    pub dirty: RwSignal<bool>,
    /// How many edits this tab has made (undo and redo count too); what the library's
    /// autosave follows. A design opened or taken from another tab does not count.
    pub edits: RwSignal<u64>,
    /// The latest message, shown in the status bar.
    pub notice: RwSignal<Option<Notice>>,
    /// How many times a whole design was opened (template, file, link); the diagram
    /// fits itself to the view when this changes.
    pub opened: RwSignal<u64>,
    /// The design's shape (ids only), for lists that must not rebuild on typing.
    pub tree: Memo<Tree>,
    /// Per-row signals of long lists (see [`crate::rows`]).
    rows: StoredValue<Rows>,
}

impl Editor {
    /// A store editing `t`.
    pub fn new(t: Topology) -> Self {
        let doc = RwSignal::new(t);
        let diagnostics = Memo::new(move |_| doc.with(validate));
        let tree = Memo::new(move |_| doc.with(Tree::of));
        Editor {
            tree,
            rows: StoredValue::new(Rows::default()),
            doc,
            history: RwSignal::new(History::new()),
            diagnostics,
            selection: RwSignal::new(None),
            dirty: RwSignal::new(false),
            edits: RwSignal::new(0),
            notice: RwSignal::new(None),
            opened: RwSignal::new(0),
        }
    }

    /// Applies an edit as one undoable step.
    pub fn apply(&self, edit: Edit, label: &str) -> bool {
        self.run(|h, t| h.apply(t, edit, label))
    }

    /// Applies an edit made while typing: edits with the same `key` merge into one
    /// step until [`Editor::seal`].
    pub fn apply_typing(&self, edit: Edit, label: &str, key: &str) -> bool {
        self.run(|h, t| h.apply_coalesced(t, edit, label, key))
    }

    fn run(
        &self,
        f: impl FnOnce(&mut History, &mut Topology) -> Result<(), netwright_core::edit::EditError>,
    ) -> bool {
        let mut result = Ok(());
        self.history.update(|h| {
            self.doc.maybe_update(|t| {
                result = f(h, t);
                result.is_ok()
            })
        });
        match result {
            Ok(()) => {
                self.dirty.set(true);
                self.edits.update(|n| *n += 1);
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Ends a typing burst (on blur or change).
    pub fn seal(&self) {
        self.history.update_untracked(History::seal);
    }

    /// Changes one entity through `f` as one step.
    pub fn modify(&self, r: &EntityRef, label: &str, f: impl FnOnce(&mut Entity)) {
        let Some((_, mut e)) = self.doc.with_untracked(|t| Entity::get(t, r)) else {
            return;
        };
        f(&mut e);
        self.apply(Edit::Update(e), label);
    }

    /// Writes a text field by path, merging keystrokes into one step.
    pub fn type_field(&self, r: &EntityRef, path: &str, value: &str) {
        let edit = self
            .doc
            .with_untracked(|t| ops::set_field(t, r, path, value));
        if let Some(edit) = edit {
            self.apply_typing(
                edit,
                &format!("Edit {} {path}", r.kind),
                &typing_key(r, path),
            );
        }
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        self.replay(History::undo, "Undid");
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        self.replay(History::redo, "Redid");
    }

    /// Takes one step back or forth through the history, saying which.
    fn replay(&self, step: fn(&mut History, &mut Topology) -> Option<String>, done: &str) {
        let mut label = None;
        self.history.update(|h| {
            self.doc.maybe_update(|t| {
                label = step(h, t);
                label.is_some()
            })
        });
        if let Some(l) = label {
            self.dirty.set(true);
            self.edits.update(|n| *n += 1);
            self.info(format!("{done}: {l}"));
            self.drop_stale_selection();
        }
    }

    /// Labels of the steps undo and redo would take, for tooltips and button state.
    pub fn undo_redo_labels(&self) -> (Option<String>, Option<String>) {
        self.history.with(|h| {
            (
                h.undo_label().map(str::to_string),
                h.redo_label().map(str::to_string),
            )
        })
    }

    fn drop_stale_selection(&self) {
        let stale = self.selection.with_untracked(|s| {
            s.as_ref().is_some_and(|s| {
                s.entity.kind != EntityKind::Design
                    && self.doc.with_untracked(|t| t.find(&s.entity.id).is_none())
            })
        });
        if stale {
            self.selection.set(None);
        }
    }

    /// Replaces the whole design (open, template, share link): history starts afresh.
    pub fn replace(&self, t: Topology, message: &str) {
        self.doc.set(t);
        self.history.set(History::new());
        self.selection.set(None);
        self.dirty.set(false);
        self.opened.update(|n| *n += 1);
        self.info(message.to_string());
    }

    /// Takes the version of this design that another tab wrote: the document changes,
    /// this tab's undo history stays (its steps apply to the new version; a step that
    /// no longer fits empties the history, as undo always does), the selection stays
    /// unless its entity is gone, and the view is not refitted.
    pub fn adopt(&self, t: Topology, dirty: bool) {
        self.history.update_untracked(History::seal);
        self.doc.set(t);
        self.dirty.set(dirty);
        self.drop_stale_selection();
    }

    /// Selects an entity (or clears the selection).
    pub fn select(&self, r: Option<EntityRef>) {
        self.selection.set(r.map(|entity| Selection {
            entity,
            field: None,
        }));
    }

    /// Selects an entity and asks the inspector to focus `field`.
    pub fn select_field(&self, entity: EntityRef, field: Option<String>) {
        self.selection.set(Some(Selection { entity, field }));
    }

    /// Adds an entity of `kind` and selects it. A workload added while a subnet or a
    /// security group is selected starts in it (the same one step).
    pub fn add(&self, kind: EntityKind) {
        let hint = self.selected_vpc();
        let sel = self.selection.get_untracked().map(|s| s.entity);
        match self
            .doc
            .with_untracked(|t| ops::add(t, kind, hint.as_ref()))
        {
            Ok((mut edit, r)) => {
                if let (
                    Edit::Insert {
                        entity: Entity::Workload(w),
                        ..
                    },
                    Some(sel),
                ) = (&mut edit, sel)
                {
                    match sel.kind {
                        EntityKind::Subnet => w.subnets.push(sel.id),
                        EntityKind::SecurityGroup => w.security_groups.push(sel.id),
                        _ => {}
                    }
                }
                if self.apply(edit, &format!("Add {kind}")) {
                    self.select(Some(r));
                }
            }
            Err(why) => self.error(why),
        }
    }

    /// The VPC of the selection, as a hint for where new resources go.
    fn selected_vpc(&self) -> Option<Id> {
        let sel = self.selection.get_untracked()?;
        self.doc.with_untracked(|t| match sel.entity.kind {
            EntityKind::Vpc => Some(sel.entity.id.clone()),
            EntityKind::Subnet => t.subnet(&sel.entity.id).map(|s| s.vpc.clone()),
            EntityKind::RouteTable => t.route_table(&sel.entity.id).map(|x| x.vpc.clone()),
            EntityKind::SecurityGroup => t.security_group(&sel.entity.id).map(|x| x.vpc.clone()),
            EntityKind::NetworkAcl => t.network_acl(&sel.entity.id).map(|x| x.vpc.clone()),
            EntityKind::Workload => t
                .workload(&sel.entity.id)
                .and_then(|w| w.subnets.iter().find_map(|s| t.subnet(s)))
                .map(|s| s.vpc.clone()),
            _ => None,
        })
    }

    /// Duplicates the selected entity and selects the copy.
    pub fn duplicate_selection(&self) {
        let Some(sel) = self.selection.get_untracked() else {
            return;
        };
        if sel.entity.kind == EntityKind::Design {
            return;
        }
        match self.doc.with_untracked(|t| ops::duplicate(t, &sel.entity)) {
            Ok((edit, r)) => {
                if self.apply(edit, &format!("Duplicate {}", sel.entity.kind)) {
                    self.select(Some(r));
                }
            }
            Err(why) => self.error(why),
        }
    }

    /// Deletes the selected entity (cascading, or refusing with the reason).
    pub fn delete_selection(&self) {
        let Some(sel) = self.selection.get_untracked() else {
            return;
        };
        if sel.entity.kind == EntityKind::Design {
            return;
        }
        match self.doc.with_untracked(|t| ops::delete(t, &sel.entity)) {
            Ok(edit) => {
                if self.apply(edit, &format!("Delete {}", sel.entity.kind)) {
                    self.selection.set(None);
                    self.info(format!("Deleted the {}", sel.entity.kind));
                }
            }
            Err(why) => self.error(why),
        }
    }

    /// The signals a row of entity `id` renders from. They change only when what that
    /// row shows changes, so a keystroke wakes one row, not every row of the list.
    pub fn row(&self, kind: EntityKind, id: Id) -> RowHandle {
        if let Some(h) = self.rows.with_value(|r| r.get(&id)) {
            return h;
        }
        let info = self.doc.with_untracked(|t| {
            self.diagnostics
                .with_untracked(|ds| rows::info_now(t, ds, kind, &id))
        });
        let selected = self
            .selection
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.entity.id == id));
        let handle = RowHandle::new(info, selected);
        self.rows
            .update_value(|r| r.insert(kind, id, handle.clone()));
        handle
    }

    /// Brings every row's signals up to date with the document and diagnostics; one
    /// pass over the design, setting only the rows that changed.
    pub fn sync_rows(&self) {
        self.doc.with(|t| {
            self.diagnostics
                .with(|ds| self.rows.with_value(|r| r.sync(t, ds)));
        });
    }

    /// Keeps row signals in step with the document, diagnostics and selection.
    pub fn install_row_sync(&self) {
        let editor = *self;
        Effect::new(move |_| editor.sync_rows());
        Effect::new(move |_| {
            let id = editor
                .selection
                .with(|s| s.as_ref().map(|s| s.entity.id.clone()));
            editor.rows.update_value(|r| r.select(id));
        });
    }

    /// Error and warning counts.
    pub fn counts(&self) -> (usize, usize) {
        self.diagnostics.with(|ds| {
            ds.iter().fold((0, 0), |(e, w), d| match d.severity {
                Severity::Error => (e + 1, w),
                Severity::Warning => (e, w + 1),
                Severity::Info => (e, w),
            })
        })
    }

    /// Shows an error message.
    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: true,
            text: text.into(),
        }));
    }

    /// Shows an informational message.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: false,
            text: text.into(),
        }));
    }
}

/// The coalescing key of typing into field `path` of `r`: edits made with it while a
/// burst is open join the burst's one undo step.
pub fn typing_key(r: &EntityRef, path: &str) -> String {
    format!("{}/{}/{path}", r.kind.label(), r.id)
}

/// The editor store from context.
pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use netwright_core::templates::smartinvoice;

    fn private_1b() -> EntityRef {
        EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"))
    }

    #[test]
    fn typing_updates_diagnostics_and_one_undo_reverts_the_burst() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        assert_eq!(editor.counts().0, 0);
        for text in ["10.0.3", "10.0.3.0/2", "10.0.3.0/24"] {
            editor.type_field(&private_1b(), "cidr", text);
        }
        assert!(editor.counts().0 > 0, "an overlapping block is an error");
        assert!(editor.dirty.get_untracked());
        editor.undo();
        assert_eq!(editor.counts().0, 0);
        assert_eq!(
            editor.doc.with_untracked(|t| t.subnets[3].cidr.clone()),
            "10.0.4.0/24"
        );
        editor.redo();
        assert_eq!(
            editor.doc.with_untracked(|t| t.subnets[3].cidr.clone()),
            "10.0.3.0/24"
        );
    }

    #[test]
    fn selection_never_enters_history_and_deletes_drop_it() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        editor.select(Some(private_1b()));
        assert_eq!(editor.undo_redo_labels(), (None, None));
        editor.delete_selection();
        assert!(editor.selection.get_untracked().is_none());
        assert_eq!(editor.doc.with_untracked(|t| t.subnets.len()), 3);
        editor.undo();
        assert_eq!(editor.doc.with_untracked(|t| t.subnets.len()), 4);
        // A refused delete leaves the design and says why.
        editor.select(Some(EntityRef::new(EntityKind::Vpc, &Id::new("vpc"))));
        editor.delete_selection();
        assert!(editor
            .notice
            .get_untracked()
            .is_some_and(|n| n.error && n.text.contains("still holds")));
        assert_eq!(editor.doc.with_untracked(|t| t.vpcs.len()), 1);
    }

    #[test]
    fn acls_and_workloads_are_added_duplicated_and_deleted_in_one_step_each() {
        let owner = Owner::new();
        owner.set();
        for kind in [EntityKind::NetworkAcl, EntityKind::Workload] {
            let editor = Editor::new(smartinvoice());
            let count = || {
                editor
                    .doc
                    .with_untracked(|t| t.network_acls.len() + t.workloads.len())
            };
            let before = count();
            editor.select(Some(EntityRef::new(EntityKind::Vpc, &Id::new("vpc"))));
            editor.add(kind);
            let added = editor
                .selection
                .get_untracked()
                .expect("the new one is selected");
            assert_eq!(added.entity.kind, kind);
            editor.duplicate_selection();
            let copy = editor.selection.get_untracked().unwrap().entity;
            assert_ne!(copy, added.entity);
            assert_eq!(count(), before + 2);
            editor.delete_selection();
            assert_eq!(count(), before + 1);
            assert!(editor.selection.get_untracked().is_none());
            for n in [2, 1, 0] {
                editor.undo();
                assert_eq!(count(), before + n, "{kind}: one undo per step");
            }
            assert_eq!(editor.undo_redo_labels().0, None);
        }
    }

    #[test]
    fn a_workload_added_with_a_subnet_or_group_selected_starts_in_it() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        editor.select(Some(private_1b()));
        editor.add(EntityKind::Workload);
        let id = editor.selection.get_untracked().unwrap().entity.id;
        let w = editor
            .doc
            .with_untracked(|t| t.workload(&id).cloned())
            .unwrap();
        assert_eq!(w.subnets, vec![private_1b().id]);
        assert!(w.security_groups.is_empty());
        let sg = EntityRef::new(EntityKind::SecurityGroup, &Id::new("sg-rds"));
        editor.select(Some(sg.clone()));
        editor.add(EntityKind::Workload);
        let id = editor.selection.get_untracked().unwrap().entity.id;
        let w = editor
            .doc
            .with_untracked(|t| t.workload(&id).cloned())
            .unwrap();
        assert_eq!(
            (w.subnets.len(), w.security_groups.clone()),
            (0, vec![sg.id])
        );
        editor.undo();
        assert!(editor.doc.with_untracked(|t| t.workload(&id).is_none()));
    }

    #[test]
    fn rows_read_by_index_and_follow_renames() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        let row = editor.row(EntityKind::Subnet, Id::new("subnet-private-1b"));
        assert_eq!(row.info.get_untracked().name, "smartinvoice-private-1b");
        assert_eq!(
            row.info.get_untracked().tier,
            Some(netwright_core::model::Tier::PrivateWithEgress)
        );
        editor.type_field(&private_1b(), "name", "db-1b");
        editor.sync_rows();
        assert_eq!(row.info.get_untracked().name, "db-1b");
        editor.select(Some(EntityRef::new(
            EntityKind::Subnet,
            &Id::new("subnet-public-1a"),
        )));
        editor.delete_selection();
        assert!(editor.notice.get_untracked().is_some_and(|n| n.error));
        let ig = editor.row(EntityKind::InternetGateway, Id::new("igw"));
        assert_eq!(
            ig.info.get_untracked().detail,
            "attached to smartinvoice-vpc"
        );
    }
}
