//! The client of the on-demand module: a Web Worker (`crates/worker`) that holds the
//! exporters, importers, comparisons and share-link packing, so the first load
//! carries none of them. It is fetched at idle after the first paint ([`warm`]), so
//! opening Export or Share never waits on the network, and the service worker keeps
//! it for offline use. Jobs are [`netwright_core::jobs`] requests as JSON text; a
//! worker that cannot load or stops answers every waiting job with a
//! [`Reply::Failed`] saying so, and the next job starts a fresh one. Nothing here
//! touches the design: a failure never loses work.

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;
use netwright_core::format;
use netwright_core::import::Import;
use netwright_core::jobs::{Reply, Request};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The `<meta>` that names the worker's script (written by scripts/post-build.mjs:
/// the name changes with the content, so a new build is never served an old copy).
const META: &str = "meta[name=netwright-worker]";

/// What a person reads when the module cannot do its job.
fn unavailable(detail: &str) -> String {
    format!(
        "The export and import module could not be loaded ({detail}). Your design is safe: \
         check the connection (once loaded, the app works offline) and try again."
    )
}

/// What a person reads when the module answers a job with a reply of another kind
/// (a build whose two modules do not match): `what` names the job, e.g. `export`.
pub fn unexpected(what: &str) -> String {
    format!("The {what} module gave another kind of answer: reload the page.")
}

/// One job: its text until it is sent, and how to settle its promise.
struct Job {
    text: Option<String>,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

/// The running worker, if any, and the jobs it owes.
#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    ready: bool,
    next: u64,
    jobs: BTreeMap<u64, Job>,
    #[allow(clippy::type_complexity)]
    handlers: Option<(
        Closure<dyn FnMut(web_sys::MessageEvent)>,
        Closure<dyn FnMut(web_sys::Event)>,
    )>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

impl Client {
    /// Starts the worker unless it runs; `Err` when it cannot even be created.
    fn start(&mut self) -> Result<(), String> {
        if self.worker.is_some() {
            return Ok(());
        }
        let url = document()
            .query_selector(META)
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .ok_or_else(|| unavailable("this page was built without it"))?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options)
            .map_err(|e| unavailable(&describe(&e)))?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
                if let Some(text) = ev.data().as_string() {
                    CLIENT.with_borrow_mut(|c| c.heard(&text));
                }
            });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
            // The worker's own errors do not also reach the page.
            ev.prevent_default();
            let detail = ev
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "it failed to load or stopped".into());
            CLIENT.with_borrow_mut(|c| c.fail(&detail));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        self.worker = Some(worker);
        self.handlers = Some((on_message, on_error));
        Ok(())
    }

    /// A message from the worker: `ready`, or `ID REPLY`.
    fn heard(&mut self, text: &str) {
        if text == "ready" {
            self.ready = true;
            self.flush();
            return;
        }
        let (id, reply) = text.split_once(' ').unwrap_or((text, ""));
        if let Some(job) = id.parse().ok().and_then(|id: u64| self.jobs.remove(&id)) {
            let _ = job.resolve.call1(&JsValue::NULL, &JsValue::from_str(reply));
        }
    }

    /// Sends every job not sent yet, once the worker is ready.
    fn flush(&mut self) {
        let (true, Some(worker)) = (self.ready, &self.worker) else {
            return;
        };
        for (id, job) in &mut self.jobs {
            if let Some(text) = job.text.take() {
                if let Err(e) = worker.post_message(&JsValue::from_str(&format!("{id} {text}"))) {
                    job.text = Some(text);
                    let message = unavailable(&describe(&e));
                    let _ = job
                        .reject
                        .call1(&JsValue::NULL, &JsValue::from_str(&message));
                }
            }
        }
        self.jobs.retain(|_, job| job.text.is_none());
    }

    /// The worker failed: every job it owes fails with `detail`, and the next job
    /// starts a new worker.
    fn fail(&mut self, detail: &str) {
        let message = unavailable(detail);
        for (_, job) in std::mem::take(&mut self.jobs) {
            let _ = job
                .reject
                .call1(&JsValue::NULL, &JsValue::from_str(&message));
        }
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.ready = false;
        // The handlers are running now: drop them once this event is over.
        if let Some(handlers) = self.handlers.take() {
            set_timeout(move || drop(handlers), std::time::Duration::ZERO);
        }
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

/// Starts fetching the module when the browser is idle after the first paint.
pub fn warm() {
    at_idle_after_first_paint(|| {
        let _ = CLIENT.with_borrow_mut(|c| c.start());
    });
}

/// Runs `f` when the browser is idle after its first contentful paint: for what the
/// first view does not need and must not compete with (the on-demand module, the
/// service worker's copy of the app's files, which include that module's).
pub fn at_idle_after_first_paint(f: impl FnOnce() + 'static) {
    // The first frame after mounting may paint before the design's content does (a
    // loaded machine paints the page in several frames): wait for the browser's own
    // first contentful paint, frame by frame, for at most about five seconds.
    after_first_paint(300, move || {
        let has_idle = js_sys::Reflect::has(&window(), &JsValue::from_str("requestIdleCallback"))
            .unwrap_or(false);
        if has_idle {
            let cb = Closure::once_into_js(f);
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(2_000);
            let _ = window().request_idle_callback_with_options(cb.unchecked_ref(), &options);
        } else {
            set_timeout(f, std::time::Duration::from_millis(300));
        }
    });
}

/// Runs `f` in the first animation frame after the browser has recorded its first
/// contentful paint, or after `frames` frames without one.
fn after_first_paint(frames: u32, f: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let painted = window()
            .performance()
            .is_none_or(|p| p.get_entries_by_name("first-contentful-paint").length() > 0);
        if painted || frames == 0 {
            f();
        } else {
            after_first_paint(frames - 1, f);
        }
    });
}

/// Runs one job in the module (starting it if needed) and waits for its reply. A
/// module that cannot load gives a [`Reply::Failed`] saying so.
pub async fn call(request: &Request) -> Reply {
    let text = serde_json::to_string(request).expect("requests always serialise");
    let mut text = Some(text);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        CLIENT.with_borrow_mut(|c| {
            if let Err(message) = c.start() {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
                return;
            }
            c.next += 1;
            let job = Job {
                text: text.take(),
                resolve,
                reject,
            };
            c.jobs.insert(c.next, job);
            c.flush();
        })
    });
    match JsFuture::from(promise).await {
        Ok(v) => v
            .as_string()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_else(|| Reply::Failed {
                message: unavailable("its answer could not be read; reload the page"),
            }),
        Err(e) => Reply::Failed {
            message: describe(&e),
        },
    }
}

/// Keeps `out` holding the reply to `request()`, asked again whenever what it reads
/// changes: `out` is `None` while a reply is coming (and when `request` gives
/// `None`). A reply that arrives after a newer request was made is dropped, so `out`
/// never shows an answer to an older question. With a `measure` name, each job is a
/// User Timing measure of that name (the browser benchmark reads them).
pub fn follow(
    measure: Option<&'static str>,
    request: impl Fn() -> Option<Request> + 'static,
    out: RwSignal<Option<Reply>>,
) {
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(request) = request() else {
            asked.update_value(|n| *n += 1);
            out.set(None);
            return;
        };
        asked.update_value(|n| *n += 1);
        out.set(None);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let reply = match measure {
                Some(name) => crate::library::timed_async(name, call(&request)).await,
                None => call(&request).await,
            };
            if asked.try_get_value() == Some(mine) {
                out.set(Some(reply));
            }
        });
    });
}

/// Files read in the browser: `(name, text)`.
pub type Files = Vec<(String, String)>;

/// Imports `files` in the on-demand module: one CloudFormation template (with its
/// defaults), or AWS describe outputs limited to `vpc` when given.
pub async fn import(files: &Files, vpc: &str) -> Result<Import, String> {
    let request = Request::Import {
        files: files.clone(),
        vpcs: vpc.to_string(),
        region: None,
        parameters: String::new(),
    };
    imported(crate::library::timed_async("netwright:import", call(&request)).await)
}

/// The import a reply carries, or what went wrong.
pub fn imported(reply: Reply) -> Result<Import, String> {
    match reply {
        Reply::Imported { design, notes } => format::load(&design)
            .map(|design| Import { design, notes })
            .map_err(|e| format!("The imported design could not be read back: {e}")),
        Reply::Failed { message } => Err(message),
        _ => Err(unexpected("import")),
    }
}
