//! The designs library: every design the person has worked on, each its own record in
//! IndexedDB ([`idb`]), and the channel that keeps tabs in step. A tab edits one
//! record; its autosave writes only that record, and only over the revision it is
//! based on, so no tab can overwrite another tab's work. The decisions (adopt, ask,
//! recover) are `netwright_core::library`'s; this module carries them out.
//!
//! - **Autosave**: edits within 300 ms are written together; a hidden page flushes at
//!   once, and a closing page also keeps its unwritten version in localStorage (a
//!   *journal*, written synchronously) that the next start stores or keeps as a copy.
//! - **Tabs**: a write is announced on a `BroadcastChannel`. A tab on the same design
//!   with no edit of its own takes the new version; one with edits of its own is told
//!   and offered "keep mine as a copy" or "take theirs"; its autosave pauses meanwhile.
//! - **Opening** a link, a file, a template or the wizard creates a new record; nothing
//!   is replaced. A link whose design is already in the library offers to open that.

pub mod idb;
pub mod start;

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;
use netwright_core::library::{self as lib, Entry, Heard, Write};
use netwright_core::{format, Topology};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, IdbDatabase};

use crate::editor::Editor;
pub use start::{start, Start};

/// Keystrokes within this delay are written together; a hidden page flushes at once.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);
/// The channel every tab of the app listens on.
const CHANNEL: &str = "netwright.library";
/// sessionStorage key: the record this tab edits (so a reload reopens it).
const TAB_DESIGN: &str = "netwright.tab.design";
/// localStorage key prefix of journals (see the module docs).
const JOURNAL: &str = "netwright.journal.";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    static BUS: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

fn db() -> Option<IdbDatabase> {
    DB.with(|d| d.borrow().clone())
}

/// The open library database, if the browser gave one.
pub fn database() -> Option<IdbDatabase> {
    db()
}

/// Milliseconds since the Unix epoch.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Runs `f` as a User Timing measure called `name` (the browser benchmark reads the
/// latest one; only that one is kept).
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let start = format!("{name}:start");
    let _ = perf.mark(&start);
    let out = f();
    perf.clear_measures_with_measure_name(name);
    let _ = perf.measure_with_start_mark(name, &start);
    perf.clear_marks_with_mark_name(&start);
    out
}

/// [`timed`] for work that waits, e.g. a job of the on-demand module: the measure
/// runs from the call to the answer.
pub async fn timed_async<T>(name: &str, f: impl std::future::Future<Output = T>) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f.await;
    if let Some(p) = &perf {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}

/// A fresh record id.
pub fn fresh_id() -> String {
    lib::new_id(now(), (js_sys::Math::random() * f64::from(u32::MAX)) as u32)
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Where this tab's record stands in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Every edit is stored.
    Saved,
    /// Edits are waiting to be written (or being written).
    Saving,
    /// The last write failed; the design is only in this tab's memory.
    Failed(String),
    /// Another tab changed this design while this tab had edits of its own; writing
    /// is paused until the person chooses.
    Conflict,
}

/// The library store of one tab. Cheap to copy: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Library {
    editor: Editor,
    /// The id of the record this tab edits.
    pub current: RwSignal<String>,
    /// Where that record stands.
    pub state: RwSignal<SaveState>,
    /// Bumped whenever any record changes (here or in another tab): lists re-read.
    pub changed: RwSignal<u64>,
    /// A design from a link that is already in the library: the dialog offering it.
    pub offer: RwSignal<Option<Offer>>,
    /// This tab's id (names its journal).
    tab: StoredValue<String>,
    /// The revision the document is based on.
    base: StoredValue<u64>,
    /// `editor.edits` when the last write was captured that succeeded.
    written: StoredValue<u64>,
    writing: StoredValue<bool>,
    again: StoredValue<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The digest of the link or file the current record was created from, until
    /// its first write records it.
    source: StoredValue<Option<String>>,
}

/// A link's design that is already in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The record that holds it.
    pub entry: Entry,
    /// The design from the link, in case the person wants it as a new design.
    pub design: Topology,
}

impl Library {
    /// The library of this tab, editing `start`'s record; installs autosave and the
    /// cross-tab channel.
    pub fn install(editor: Editor, start: &Start) -> Library {
        let library = Library {
            editor,
            current: RwSignal::new(start.id.clone()),
            state: RwSignal::new(match &start.failure {
                Some(f) => SaveState::Failed(f.clone()),
                None => SaveState::Saved,
            }),
            changed: RwSignal::new(0),
            offer: RwSignal::new(start.offer.clone()),
            tab: StoredValue::new(start.tab.clone()),
            base: StoredValue::new(start.rev),
            written: StoredValue::new(0),
            writing: StoredValue::new(false),
            again: StoredValue::new(false),
            pending: StoredValue::new(None),
            source: StoredValue::new(start.source.clone()),
        };
        remember_tab(&start.id);
        library.listen();
        library.install_autosave();
        if start.unstored {
            // A design that is not in the library yet (a link, or a first start).
            library.write_now();
        }
        library
    }

    /// Whether this tab has edits that are not stored.
    fn unsaved(&self) -> bool {
        self.editor.edits.get_untracked() != self.written.get_value()
            || self.pending.with_value(Option::is_some)
            || self.writing.get_value()
    }

    fn install_autosave(&self) {
        let this = *self;
        // Only this tab's own edits are written: a design opened or taken from another
        // tab is already stored.
        Effect::new(move |first: Option<()>| {
            this.editor.edits.track();
            if first.is_some() {
                this.schedule();
            }
        });
        let on_hide = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                this.flush();
            } else {
                // Back from the background (where a browser may have frozen the tab
                // and dropped messages): catch up with what other tabs stored.
                this.adopt_stored();
            }
        });
        let on_leave = window_event_listener_untyped("pagehide", move |_| {
            let unwritten = this.unsaved();
            this.flush();
            if unwritten {
                this.keep_journal();
            }
        });
        on_cleanup(move || {
            on_hide.remove();
            on_leave.remove();
        });
    }

    /// Writes after a short delay (a burst of keystrokes is one write).
    fn schedule(&self) {
        if self.state.get_untracked() == SaveState::Conflict {
            return;
        }
        let this = *self;
        if !matches!(self.state.get_untracked(), SaveState::Failed(_)) {
            self.state.set(SaveState::Saving);
        }
        let handle = set_timeout_with_handle(
            move || {
                this.pending.set_value(None);
                this.write_now();
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        if let Some(old) = self
            .pending
            .try_update_value(|p| std::mem::replace(p, handle))
            .flatten()
        {
            old.clear();
        }
    }

    /// Writes at once if a write is waiting.
    pub fn flush(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
            self.write_now();
        }
    }

    /// Captures the document now and writes it over the base revision.
    fn write_now(&self) {
        if self.state.get_untracked() == SaveState::Conflict {
            return;
        }
        if self.writing.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(db) = db() else {
            self.fail(
                "the browser does not allow storage here (a private window, or storage disabled)"
                    .into(),
            );
            return;
        };
        let id = self.current.get_untracked();
        let base = self.base.get_value();
        let edits = self.editor.edits.get_untracked();
        let dirty = self.editor.dirty.get_untracked();
        let (text, mut entry) = timed("netwright:autosave:capture", || {
            self.editor.doc.with_untracked(|t| {
                let text = format::save(t);
                let entry = Entry::describe(&id, t, &text, 0, now(), dirty);
                (text, entry)
            })
        });
        entry.source = self.source.get_value();
        self.writing.set_value(true);
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let result = idb::write(&db, entry, &text, base).await;
            this.writing.set_value(false);
            let still_here = this.current.get_untracked() == id;
            match result {
                Ok(Write::Put(rev)) => {
                    if still_here {
                        this.base.set_value(rev);
                        this.written.set_value(edits);
                        this.source.set_value(None);
                        if this.editor.edits.get_untracked() == edits
                            && this.pending.with_value(Option::is_none)
                        {
                            this.state.set(SaveState::Saved);
                        }
                        this.drop_journal();
                    }
                    post(&format!("saved {id} {rev}"));
                    this.changed.update(|n| *n += 1);
                }
                Ok(Write::Conflict(_)) if still_here => this.state.set(SaveState::Conflict),
                Ok(Write::Conflict(_)) => {
                    // This tab already moved on to another design: its last version of
                    // the one it left is kept as a copy rather than lost.
                    if let Ok(t) = format::load(&text) {
                        this.store_copy(t, "copy", "was changed in another tab too");
                    }
                }
                Err(why) => this.fail(why),
            }
            if this.again.get_value() {
                this.again.set_value(false);
                this.write_now();
            }
        });
    }

    fn fail(&self, why: String) {
        self.editor.error(format!(
            "Could not save in the browser: {why}. The design stays open in this tab; use Save (Ctrl+S) to keep it as a file."
        ));
        self.state.set(SaveState::Failed(why));
    }

    /// Listens to the other tabs.
    fn listen(&self) {
        let Ok(bus) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let this = *self;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(text) = ev.data().as_string() {
                    this.heard(&text);
                }
            });
        bus.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The tab lives as long as the page: so does its listener.
        on_message.forget();
        BUS.with(|b| *b.borrow_mut() = Some(bus));
    }

    fn heard(&self, message: &str) {
        self.changed.update(|n| *n += 1);
        let mut words = message.split(' ');
        let (kind, id) = (words.next(), words.next().unwrap_or_default());
        if id != self.current.get_untracked() {
            return;
        }
        match kind {
            Some("saved") => {
                let rev = words.next().and_then(|r| r.parse().ok()).unwrap_or(0);
                match lib::heard(self.base.get_value(), rev, self.unsaved()) {
                    Heard::Ignore => {}
                    Heard::Adopt => self.adopt_stored(),
                    Heard::Conflict => self.state.set(SaveState::Conflict),
                }
            }
            Some("deleted") => self.editor.info(
                "This design was deleted in another tab. It stays open here, and your next edit stores it again.",
            ),
            _ => {}
        }
    }

    /// Reads the stored version of the current record and takes it, unless this tab
    /// made an edit meanwhile (then it is a conflict).
    fn adopt_stored(&self) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        let id = self.current.get_untracked();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(Some((entry, text))) = idb::read(&db, &id).await else {
                return;
            };
            if this.current.get_untracked() != id || entry.rev <= this.base.get_value() {
                return;
            }
            if this.unsaved() {
                this.state.set(SaveState::Conflict);
                return;
            }
            match format::load(&text) {
                Ok(t) => {
                    this.base.set_value(entry.rev);
                    this.editor.adopt(t, entry.dirty);
                    this.written.set_value(this.editor.edits.get_untracked());
                    this.state.set(SaveState::Saved);
                }
                Err(e) => this.editor.error(format!(
                    "Another tab stored a version this tab cannot read: {e}"
                )),
            }
        });
    }

    /// Resolves a conflict by keeping this tab's version as a new design (named as a
    /// copy); the other tab's version stays where it was.
    pub fn keep_mine(&self) {
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let mine = this.editor.doc.with_untracked(|t| t.name.clone());
            let name = copy_name(&mine, "copy").await;
            this.editor.doc.update(|t| t.name = name.clone());
            this.switch_record(fresh_id(), 0);
            this.state.set(SaveState::Saving);
            this.write_now();
            this.editor
                .info(format!("Kept your version as a new design, \"{name}\""));
        });
    }

    /// Resolves a conflict by taking the stored version; this tab's unsaved edits go.
    pub fn take_theirs(&self) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        let id = self.current.get_untracked();
        wasm_bindgen_futures::spawn_local(async move {
            match idb::read(&db, &id).await {
                Ok(Some((entry, text))) => match format::load(&text) {
                    Ok(t) => {
                        this.cancel_pending();
                        this.editor
                            .replace(t, "Took the version from the other tab");
                        this.editor.dirty.set(entry.dirty);
                        this.base.set_value(entry.rev);
                        this.written.set_value(this.editor.edits.get_untracked());
                        this.state.set(SaveState::Saved);
                    }
                    Err(e) => this
                        .editor
                        .error(format!("Could not read the other version: {e}")),
                },
                Ok(None) => {
                    // Deleted meanwhile: there is nothing else to take, so this tab's
                    // version is stored again.
                    this.state.set(SaveState::Saving);
                    this.write_now();
                }
                Err(why) => this.fail(why),
            }
        });
    }

    fn cancel_pending(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    /// Points this tab at another record (its document already set by the caller).
    fn switch_record(&self, id: String, rev: u64) {
        self.cancel_pending();
        remember_tab(&id);
        self.current.set(id);
        self.base.set_value(rev);
        self.written.set_value(self.editor.edits.get_untracked());
        self.state.set(SaveState::Saved);
    }

    /// Waits until this tab's edits of its current record are stored (or cannot be).
    /// `false` when they are not stored and the person chose not to leave them.
    async fn settle(&self) -> bool {
        for _ in 0..500 {
            match self.state.get_untracked() {
                SaveState::Conflict => {
                    // Leaving a conflict keeps this tab's version as a copy first.
                    let mine = self.editor.doc.get_untracked();
                    self.store_copy(mine, "copy", "was changed in another tab too");
                    return true;
                }
                SaveState::Failed(_) if self.unsaved() => {
                    return window()
                        .confirm_with_message(
                            "This design could not be saved in the browser, so leaving it loses your changes. Leave it anyway? (Cancel, then Save, keeps it as a file.)",
                        )
                        .unwrap_or(false);
                }
                _ if self.writing.get_value() => sleep(10).await,
                _ if self.unsaved() => {
                    self.cancel_pending();
                    self.write_now();
                    sleep(10).await;
                }
                _ => return true,
            }
        }
        true
    }

    /// Stores `t` as a new record named as a copy, without switching to it.
    fn store_copy(&self, mut t: Topology, word: &'static str, why: &'static str) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            t.name = copy_name(&t.name, word).await;
            match this.add(&db, &t).await {
                Ok(()) => this.editor.info(format!(
                    "Your version of a design that {why} is kept as \"{}\" in Designs",
                    t.name
                )),
                Err(e) => this.fail(e),
            }
        });
    }

    /// Stores `t` as a new record (not opened here) and tells the other tabs.
    async fn add(&self, db: &IdbDatabase, t: &Topology) -> Result<(), idb::Failure> {
        let id = fresh_id();
        let text = format::save(t);
        let entry = Entry::describe(&id, t, &text, 0, now(), true);
        idb::write(db, entry, &text, 0).await?;
        post(&format!("created {id}"));
        self.changed.update(|n| *n += 1);
        Ok(())
    }

    /// Opens `t` as a new design in this tab (a template, the wizard, a file, a link);
    /// the design this tab had stays in the library. `source`: the digest of the
    /// link's or file's design, so that opening it again finds this record. A design
    /// from a file starts as saved to a file; any other as not.
    /// Returns the new record's id.
    pub fn open_new(&self, t: Topology, source: Option<String>, message: String) -> String {
        self.open_new_as(t, source, message, true)
    }

    /// [`Library::open_new`] for a design read from a file: it starts as saved to it.
    pub fn open_file(&self, t: Topology, source: String, message: String) -> String {
        self.open_new_as(t, Some(source), message, false)
    }

    fn open_new_as(
        &self,
        t: Topology,
        source: Option<String>,
        message: String,
        dirty: bool,
    ) -> String {
        let id = fresh_id();
        let record = id.clone();
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            if !this.settle().await {
                return;
            }
            this.editor.replace(t, &message);
            this.editor.dirty.set(dirty);
            this.source.set_value(source);
            this.switch_record(record, 0);
            this.state.set(SaveState::Saving);
            this.write_now();
        });
        id
    }

    /// Opens the share link in the page's fragment (pasted into this tab's address
    /// bar): a new design, or the offer to open the record that already holds it.
    pub fn open_link_in_fragment(&self) {
        let Some(link) = start::link_in_fragment() else {
            return;
        };
        let t = match link {
            Ok(t) => t,
            Err(e) => {
                self.editor.error(format!("Could not open the link: {e}"));
                return;
            }
        };
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let d = lib::digest(&format::save(&t));
            let entries = match db() {
                Some(db) => idb::list(&db).await.unwrap_or_default(),
                None => Vec::new(),
            };
            match lib::find_same(&entries, &d) {
                Some(same) => this.offer.set(Some(Offer {
                    entry: same.clone(),
                    design: t,
                })),
                None => {
                    this.open_new(t, Some(d), "Opened the design from the share link".into());
                }
            }
        });
    }

    /// Opens the library's record `id` in this tab.
    pub fn open(&self, id: String) {
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            if id != this.current.get_untracked() && this.settle().await {
                this.open_record(id).await;
            }
        });
    }

    /// Reads record `id` and makes it this tab's design (what this tab had is stored
    /// or deliberately left by the caller).
    async fn open_record(&self, id: String) {
        let Some(db) = db() else {
            return;
        };
        match idb::read(&db, &id).await {
            Ok(Some((entry, text))) => match format::load(&text) {
                Ok(t) => {
                    self.editor
                        .replace(t, &format!("Opened \"{}\"", entry.name));
                    self.editor.dirty.set(entry.dirty);
                    self.source.set_value(None);
                    self.switch_record(id, entry.rev);
                }
                Err(e) => self
                    .editor
                    .error(format!("Could not open \"{}\": {e}", entry.name)),
            },
            Ok(None) => self
                .editor
                .error("That design is no longer in the library."),
            Err(why) => self.fail(why),
        }
    }

    /// Renames a design of the library (the current one through the editor, so that
    /// it is one undoable step; another by rewriting its record).
    pub fn rename(&self, id: String, name: String) {
        if id == self.current.get_untracked() {
            let design = netwright_core::model::EntityRef::design();
            self.editor.type_field(&design, "name", &name);
            self.editor.seal();
            return;
        }
        self.rewrite(id, move |t| t.name = name.clone(), "Renamed");
    }

    /// Applies `f` to a stored design that no tab of this page edits, over its stored
    /// revision (retried once if another tab wrote in between).
    fn rewrite(&self, id: String, f: impl Fn(&mut Topology) + 'static, done: &'static str) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            for _ in 0..2 {
                let Ok(Some((entry, text))) = idb::read(&db, &id).await else {
                    this.editor
                        .error("That design is no longer in the library.");
                    return;
                };
                let Ok(mut t) = format::load(&text) else {
                    this.editor
                        .error(format!("Could not read \"{}\"", entry.name));
                    return;
                };
                f(&mut t);
                let text = format::save(&t);
                let new = Entry::describe(&id, &t, &text, 0, now(), entry.dirty);
                match idb::write(&db, new, &text, entry.rev).await {
                    Ok(Write::Put(rev)) => {
                        post(&format!("saved {id} {rev}"));
                        this.changed.update(|n| *n += 1);
                        this.editor.info(format!("{done} \"{}\"", t.name));
                        return;
                    }
                    Ok(Write::Conflict(_)) => continue,
                    Err(why) => {
                        this.fail(why);
                        return;
                    }
                }
            }
            this.editor
                .error("That design is being edited in another tab: rename it there.");
        });
    }

    /// Stores a copy of the library's record `id` (named as a copy).
    pub fn duplicate(&self, id: String) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            // The current design's latest edits are copied too.
            if id == this.current.get_untracked() {
                this.settle().await;
            }
            let Ok(Some((_, text))) = idb::read(&db, &id).await else {
                this.editor
                    .error("That design is no longer in the library.");
                return;
            };
            let Ok(mut t) = format::load(&text) else {
                this.editor
                    .error("That design cannot be read, so it cannot be copied.");
                return;
            };
            t.name = copy_name(&t.name, "copy").await;
            match this.add(&db, &t).await {
                Ok(()) => this.editor.info(format!("Made a copy, \"{}\"", t.name)),
                Err(why) => this.fail(why),
            }
        });
    }

    /// Deletes the library's record `id` (the dialog has asked). Deleting the design
    /// this tab edits opens the most recent other one (or a new reference design).
    pub fn delete(&self, id: String, name: String) {
        let Some(db) = db() else {
            return;
        };
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(why) = idb::delete(&db, &id).await {
                this.fail(why);
                return;
            }
            post(&format!("deleted {id}"));
            this.changed.update(|n| *n += 1);
            this.editor.info(format!("Deleted \"{name}\""));
            if id != this.current.get_untracked() {
                return;
            }
            this.cancel_pending();
            let mut rest = idb::list(&db).await.unwrap_or_default();
            lib::sort(&mut rest);
            match rest.first() {
                // Not `open`: the deleted record must not be written on the way out.
                Some(next) => this.open_record(next.id.clone()).await,
                None => {
                    this.editor.replace(
                        netwright_core::templates::smartinvoice(),
                        "The library was empty: opened the SmartInvoice reference design",
                    );
                    this.switch_record(fresh_id(), 0);
                    this.write_now();
                }
            }
        });
    }

    /// Keeps the unwritten version synchronously (the page is closing and an
    /// IndexedDB write may not finish): the next start stores it or keeps a copy.
    fn keep_journal(&self) {
        let Some(storage) = local() else {
            return;
        };
        let text = self.editor.doc.with_untracked(format::save);
        let record = format!(
            "{} {} {} {text}",
            self.current.get_untracked(),
            self.base.get_value(),
            u8::from(self.editor.dirty.get_untracked()),
        );
        let _ = storage.set_item(&self.journal_key(), &record);
    }

    fn drop_journal(&self) {
        if let Some(storage) = local() {
            let _ = storage.remove_item(&self.journal_key());
        }
    }

    fn journal_key(&self) -> String {
        format!("{JOURNAL}{}", self.tab.get_value())
    }
}

/// A name for a copy of `name` that no design of the library has (`word`: `copy`).
async fn copy_name(name: &str, word: &str) -> String {
    let names: Vec<String> = match db() {
        Some(db) => idb::list(&db).await.unwrap_or_default(),
        None => Vec::new(),
    }
    .into_iter()
    .map(|e| e.name)
    .collect();
    let taken: Vec<&str> = names.iter().map(String::as_str).collect();
    lib::copy_name(name, word, &taken)
}

/// Tells the other tabs.
fn post(message: &str) {
    BUS.with(|b| {
        if let Some(bus) = b.borrow().as_ref() {
            let _ = bus.post_message(&JsValue::from_str(message));
        }
    });
}

fn remember_tab(id: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(TAB_DESIGN, id);
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |ok, _| {
        set_timeout(
            move || drop(ok.call0(&JsValue::NULL)),
            Duration::from_millis(ms),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The library from context.
pub fn use_library() -> Library {
    expect_context::<Library>()
}
