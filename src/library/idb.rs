//! Thin IndexedDB bindings for the designs library: the database has two object
//! stores keyed by record id, `meta` (the [`Entry`] as JSON, small, read to list the
//! library) and `docs` (the saved design JSON, read only to open one). Every request
//! is a future; a write reads the stored revision and writes both stores inside one
//! transaction, so two tabs can never interleave between the check and the write.

use netwright_core::library::{self, Entry, Write};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database's name (one per origin).
pub const DB_NAME: &str = "netwright";
const VERSION: u32 = 1;
const META: &str = "meta";
const DOCS: &str = "docs";

/// A failed storage call, in words for the status bar.
pub type Failure = String;

/// What a browser error says, for a person: quota and disabled storage get their own
/// words, anything else its name and message.
pub fn describe(e: &JsValue) -> Failure {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let message = js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => "the browser's storage for this site is full".into(),
        "SecurityError" | "InvalidStateError" => {
            "the browser does not allow storage here (a private window, or storage disabled)".into()
        }
        "" if message.is_empty() => "the browser's storage failed".into(),
        _ => format!("the browser's storage failed ({name}: {message})"),
    }
}

/// Waits for one request to succeed (its result) or fail (its error).
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let mut slots = None;
    let promise = js_sys::Promise::new(&mut |ok, err| slots = Some((ok, err)));
    let (ok, err) = slots.expect("a promise's executor runs at once");
    let target = req.clone();
    let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if ev.type_() == "success" {
            let _ = ok.call1(
                &JsValue::NULL,
                &target.result().unwrap_or(JsValue::UNDEFINED),
            );
        } else {
            let e = target
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = err.call1(&JsValue::NULL, &e);
        }
    });
    req.set_onsuccess(Some(on_event.as_ref().unchecked_ref()));
    req.set_onerror(Some(on_event.as_ref().unchecked_ref()));
    let out = JsFuture::from(promise).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    out
}

/// Waits for a transaction to commit; an abort (quota, a failed request) is an error.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let mut slots = None;
    let promise = js_sys::Promise::new(&mut |ok, err| slots = Some((ok, err)));
    let (ok, err) = slots.expect("a promise's executor runs at once");
    let target = tx.clone();
    let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if ev.type_() == "complete" {
            let _ = ok.call0(&JsValue::NULL);
        } else {
            let e = target.error().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = err.call1(&JsValue::NULL, &e);
        }
    });
    tx.set_oncomplete(Some(on_event.as_ref().unchecked_ref()));
    tx.set_onabort(Some(on_event.as_ref().unchecked_ref()));
    let out = JsFuture::from(promise).await.map(|_| ());
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    out
}

/// Opens (creating on first use) the designs database: takes the connection that
/// `library-open.js` began while the wasm loaded, else opens it here (and says why not).
pub async fn open() -> Result<IdbDatabase, Failure> {
    if let Some(db) = opened_early().await {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|e| describe(&e))?
        .ok_or_else(|| describe(&JsValue::UNDEFINED))?;
    let req = factory
        .open_with_u32(DB_NAME, VERSION)
        .map_err(|e| describe(&e))?;
    let upgrading = req.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let Ok(db) = upgrading.result() else {
            return;
        };
        let db: IdbDatabase = db.unchecked_into();
        let names = db.object_store_names();
        for store in [META, DOCS] {
            if !names.contains(store) {
                let _ = db.create_object_store(store);
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await.map_err(|e| describe(&e))?;
    req.set_onupgradeneeded(None);
    Ok(db.unchecked_into())
}

/// The connection `library-open.js` opened, if it did (names and version must match).
async fn opened_early() -> Option<IdbDatabase> {
    let early = js_sys::Reflect::get(
        &JsValue::from(web_sys::window()?),
        &JsValue::from_str("__netwrightLibrary"),
    )
    .ok()?;
    let promise = early.dyn_into::<js_sys::Promise>().ok()?;
    let db = JsFuture::from(promise).await.ok()?;
    let db = db.dyn_into::<IdbDatabase>().ok()?;
    (db.version() as u32 == VERSION).then_some(db)
}

fn transaction(db: &IdbDatabase, write: bool) -> Result<IdbTransaction, JsValue> {
    let stores = js_sys::Array::of2(&JsValue::from_str(META), &JsValue::from_str(DOCS));
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_sequence_and_mode(&stores, mode)
}

fn stores(tx: &IdbTransaction) -> Result<(IdbObjectStore, IdbObjectStore), JsValue> {
    Ok((tx.object_store(META)?, tx.object_store(DOCS)?))
}

async fn entry_in(meta: &IdbObjectStore, id: &str) -> Result<Option<Entry>, JsValue> {
    let v = done(&meta.get(&JsValue::from_str(id))?).await?;
    Ok(v.as_string().as_deref().and_then(Entry::from_json))
}

/// Every entry of the library (unordered; damaged records are skipped).
pub async fn list(db: &IdbDatabase) -> Result<Vec<Entry>, Failure> {
    let run = async {
        let tx = transaction(db, false)?;
        let (meta, _) = stores(&tx)?;
        let all = done(&meta.get_all()?).await?;
        let all: js_sys::Array = all.unchecked_into();
        Ok::<_, JsValue>(
            all.iter()
                .filter_map(|v| v.as_string())
                .filter_map(|s| Entry::from_json(&s))
                .collect(),
        )
    };
    run.await.map_err(|e| describe(&e))
}

/// One record: its entry and saved JSON; `None` when there is no such record.
pub async fn read(db: &IdbDatabase, id: &str) -> Result<Option<(Entry, String)>, Failure> {
    let run = async {
        let tx = transaction(db, false)?;
        let (meta, docs) = stores(&tx)?;
        let entry = entry_in(&meta, id).await?;
        let text = done(&docs.get(&JsValue::from_str(id))?).await?;
        Ok::<_, JsValue>(entry.zip(text.as_string()))
    };
    run.await.map_err(|e| describe(&e))
}

/// Writes `entry` and `text` as the next revision after `base` (0 for a new record),
/// unless another tab wrote since: then nothing is written and the answer is
/// [`Write::Conflict`]. The stored entry's `source` is kept. On success the answer is
/// [`Write::Put`] with the revision written.
pub async fn write(
    db: &IdbDatabase,
    mut entry: Entry,
    text: &str,
    base: u64,
) -> Result<Write, Failure> {
    let run = async {
        let tx = transaction(db, true)?;
        let (meta, docs) = stores(&tx)?;
        let stored = entry_in(&meta, &entry.id).await?;
        let decision = library::write(base, stored.as_ref().map(|e| e.rev));
        if let Write::Put(rev) = decision {
            entry.rev = rev;
            if entry.source.is_none() {
                entry.source = stored.and_then(|s| s.source);
            }
            let key = JsValue::from_str(&entry.id);
            let put = super::timed("netwright:autosave:store", || {
                meta.put_with_key(&JsValue::from_str(&entry.to_json()), &key)
                    .and_then(|_| docs.put_with_key(&JsValue::from_str(text), &key))
            });
            if let Err(e) = put {
                let _ = tx.abort();
                return Err(e);
            }
        }
        committed(&tx).await?;
        Ok::<_, JsValue>(decision)
    };
    run.await.map_err(|e| describe(&e))
}

/// Deletes a record (both stores).
pub async fn delete(db: &IdbDatabase, id: &str) -> Result<(), Failure> {
    let run = async {
        let tx = transaction(db, true)?;
        let (meta, docs) = stores(&tx)?;
        let key = JsValue::from_str(id);
        meta.delete(&key)?;
        docs.delete(&key)?;
        committed(&tx).await
    };
    run.await.map_err(|e| describe(&e))
}

/// How much the browser holds for this site and allows it, in bytes, if it says.
pub async fn estimate() -> Option<(u64, u64)> {
    let manager = web_sys::window()?.navigator().storage();
    let v = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let field = |k: &str| {
        js_sys::Reflect::get(&v, &JsValue::from_str(k))
            .ok()
            .and_then(|x| x.as_f64())
    };
    Some((field("usage")? as u64, field("quota")? as u64))
}
