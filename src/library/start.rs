//! What a tab opens at start-up: it opens the library, moves the old single autosave
//! into it (once, losslessly), stores what closed tabs left in their journals, then
//! picks the design: a share link in the URL (a new record, or an offer to open the
//! record that already holds it), else the design this tab had before a reload, else
//! the one changed last in any tab, else the reference design.

use netwright_core::library::{self as lib, Entry, Recover, Write};
use netwright_core::{format, share, templates, Topology};

use super::{fresh_id, idb, local, now, session, Offer, DB, JOURNAL, TAB_DESIGN};

/// localStorage key of the single autosave that versions before the library wrote.
pub const LEGACY_KEY: &str = "netwright.autosave";
/// Its "changed since saved to a file" flag.
const LEGACY_DIRTY_KEY: &str = "netwright.autosave.dirty";

/// What the app starts with.
pub struct Start {
    /// This tab's id.
    pub tab: String,
    /// The record the tab edits.
    pub id: String,
    /// Its stored revision (0 when not stored yet).
    pub rev: u64,
    /// Its design.
    pub design: Topology,
    /// Changed since saved to a file.
    pub dirty: bool,
    /// Not in the library yet: the first thing the tab does is store it.
    pub unstored: bool,
    /// The digest of the link the design came from.
    pub source: Option<String>,
    /// The link's design is already in the library: offer to open that record.
    pub offer: Option<Offer>,
    /// Why the library cannot be used (storage disabled, …), if so.
    pub failure: Option<String>,
    /// Messages for the status bar, in order: `(is_error, text)`.
    pub notices: Vec<(bool, String)>,
}

/// Opens the library and decides what this tab shows.
pub async fn start() -> Start {
    let tab = fresh_id();
    let mut notices = Vec::new();
    let link = link_in_fragment();
    let db = match idb::open().await {
        Ok(db) => db,
        Err(why) => return without_library(tab, why, link),
    };
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    if let Some(n) = migrate_legacy(&db).await {
        notices.push(n);
    }
    notices.extend(recover_journals(&db).await);
    let mut entries = idb::list(&db).await.unwrap_or_default();
    lib::sort(&mut entries);

    let mut offer = None;
    match link {
        Some(Ok(t)) => {
            let d = lib::digest(&format::save(&t));
            match lib::find_same(&entries, &d) {
                Some(same) => {
                    offer = Some(Offer {
                        entry: same.clone(),
                        design: t,
                    })
                }
                None => {
                    notices.push((false, "Opened the design from the share link".into()));
                    return Start {
                        id: fresh_id(),
                        tab,
                        rev: 0,
                        design: t,
                        dirty: true,
                        unstored: true,
                        source: Some(d),
                        offer: None,
                        failure: None,
                        notices,
                    };
                }
            }
        }
        Some(Err(e)) => notices.push((true, format!("Could not open the link: {e}"))),
        None => {}
    }

    // The design this tab had (a reload), else the latest, trying the next one when a
    // record cannot be read.
    let mine = session().and_then(|s| s.get_item(TAB_DESIGN).ok().flatten());
    let mine = mine.filter(|m| entries.iter().any(|e| e.id == *m));
    let order = entries
        .iter()
        .filter(|e| Some(&e.id) == mine.as_ref())
        .chain(entries.iter().filter(|e| Some(&e.id) != mine.as_ref()));
    for entry in order {
        match idb::read(&db, &entry.id).await {
            Ok(Some((stored, text))) => match format::load(&text) {
                Ok(design) => {
                    return Start {
                        tab,
                        id: stored.id,
                        rev: stored.rev,
                        design,
                        dirty: stored.dirty,
                        unstored: false,
                        source: None,
                        offer,
                        failure: None,
                        notices,
                    }
                }
                Err(e) => notices.push((
                    true,
                    format!(
                        "The design \"{}\" could not be read ({e}); it is left as it is.",
                        entry.name
                    ),
                )),
            },
            Ok(None) => {}
            Err(why) => notices.push((true, format!("Could not read \"{}\": {why}", entry.name))),
        }
    }
    Start {
        id: fresh_id(),
        tab,
        rev: 0,
        design: templates::smartinvoice(),
        dirty: false,
        unstored: true,
        source: None,
        offer,
        failure: None,
        notices,
    }
}

/// The start when the browser gives no storage: the link, the old autosave or the
/// reference design, in memory only, and the reason shown.
fn without_library(
    tab: String,
    why: String,
    link: Option<Result<Topology, share::ShareError>>,
) -> Start {
    let mut notices = vec![(
        true,
        format!("Designs cannot be kept in this browser: {why}. Use Save (Ctrl+S) to keep your work as a file."),
    )];
    let legacy = local().and_then(|s| s.get_item(LEGACY_KEY).ok().flatten());
    let (design, dirty) = match link {
        Some(Ok(t)) => (t, true),
        other => {
            if let Some(Err(e)) = other {
                notices.push((true, format!("Could not open the link: {e}")));
            }
            match legacy.as_deref().map(format::load) {
                Some(Ok(t)) => (t, true),
                _ => (templates::smartinvoice(), false),
            }
        }
    };
    Start {
        id: fresh_id(),
        tab,
        rev: 0,
        design,
        dirty,
        unstored: false,
        source: None,
        offer: None,
        failure: Some(why),
        notices,
    }
}

/// The share link in the page's fragment, decoded; the fragment is cleared (the design
/// lives on in the library).
pub fn link_in_fragment() -> Option<Result<Topology, share::ShareError>> {
    let window = web_sys::window()?;
    let hash = window.location().hash().unwrap_or_default();
    if !hash.starts_with("#nw") {
        return None;
    }
    let decoded = share::from_fragment(&hash);
    let loc = window.location();
    let clean = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    Some(decoded)
}

/// Moves the single autosave of earlier versions into the library; the old key is
/// removed only once the record is written. Its text is stored as it was.
async fn migrate_legacy(db: &web_sys::IdbDatabase) -> Option<(bool, String)> {
    let storage = local()?;
    let text = storage.get_item(LEGACY_KEY).ok().flatten()?;
    let t = match format::load(&text) {
        Ok(t) => t,
        Err(e) => {
            return Some((
                true,
                format!("The design autosaved by an earlier version could not be read ({e}); it is kept where it was."),
            ))
        }
    };
    let dirty = storage.get_item(LEGACY_DIRTY_KEY).ok().flatten().as_deref() == Some("1");
    let entry = Entry::describe(&fresh_id(), &t, &text, 0, now(), dirty);
    match idb::write(db, entry, &text, 0).await {
        Ok(Write::Put(_)) => {
            let _ = storage.remove_item(LEGACY_KEY);
            let _ = storage.remove_item(LEGACY_DIRTY_KEY);
            None
        }
        Ok(Write::Conflict(_)) => None,
        Err(why) => Some((
            true,
            format!("Could not move the autosaved design into the library ({why}); it is kept where it was."),
        )),
    }
}

/// Stores the versions that closing tabs kept in journals (see the library docs).
async fn recover_journals(db: &web_sys::IdbDatabase) -> Vec<(bool, String)> {
    let mut notices = Vec::new();
    let Some(storage) = local() else {
        return notices;
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(JOURNAL))
        .collect();
    for key in keys {
        let Some(record) = storage.get_item(&key).ok().flatten() else {
            continue;
        };
        let mut parts = record.splitn(4, ' ');
        let (Some(id), Some(base), Some(dirty), Some(text)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            let _ = storage.remove_item(&key);
            continue;
        };
        let (base, dirty) = (base.parse().unwrap_or(0), dirty == "1");
        let Ok(mut t) = format::load(text) else {
            let _ = storage.remove_item(&key);
            continue;
        };
        let stored = idb::read(db, id).await.ok().flatten();
        let decision = lib::recover(
            base,
            &lib::digest(text),
            stored.as_ref().map(|(e, _)| (e.rev, e.digest.as_str())),
        );
        let written = match decision {
            Recover::Landed => true,
            Recover::Put(_) => {
                let entry = Entry::describe(id, &t, text, 0, now(), dirty);
                matches!(idb::write(db, entry, text, base).await, Ok(Write::Put(_)))
            }
            Recover::Copy => {
                t.name = super::copy_name(&t.name, "recovered").await;
                let copy = format::save(&t);
                let entry = Entry::describe(&fresh_id(), &t, &copy, 0, now(), true);
                let ok = matches!(idb::write(db, entry, &copy, 0).await, Ok(Write::Put(_)));
                if ok {
                    notices.push((
                        false,
                        format!(
                            "Edits a closed tab had not stored are kept as \"{}\"",
                            t.name
                        ),
                    ));
                }
                ok
            }
        };
        if written {
            let _ = storage.remove_item(&key);
        }
    }
    notices
}
