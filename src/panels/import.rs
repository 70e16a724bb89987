//! The Import dialog: the read-only capture command to copy (one shell line of AWS CLI
//! describe calls), then the capture (or several describe outputs, or a CloudFormation
//! template, JSON or YAML) by picker or drop, a preview of what will be imported and
//! what becomes a note, and "Open as a new design", which never replaces the design
//! being edited. Nothing leaves the browser.

use leptos::ev;
use leptos::prelude::*;
use netwright_core::import::{command, is_template, Import};
use netwright_core::jobs::{Reply, Request};
use netwright_core::{catalog, format, validate, Severity};
use wasm_bindgen_futures::JsFuture;

use crate::dialog::Modal;
use crate::dialog::OpenDialog;
use crate::editor::use_editor;
use crate::jobs::{self, imported, Files};
use crate::library::use_library;
use crate::panels::review::{use_review, ImportNotes};
use crate::storage;

/// How files are named in messages: `capture.json`, `a.json and b.json`, `11 files`.
pub fn label(files: &Files) -> String {
    match files.as_slice() {
        [(a, _)] => a.clone(),
        [(a, _), (b, _)] => format!("{a} and {b}"),
        _ => format!("{} files", files.len()),
    }
}

/// The files of a picker or a drop, taken out of its (live) list.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The files a file input's change picked; the input is cleared (after the files are
/// taken out: clearing empties its list) so that the same file can be picked again.
pub fn picked(ev: &ev::Event) -> Vec<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// The files of a drop (which then goes no further: the page's own drop opens designs).
pub fn dropped(ev: &ev::DragEvent) -> Vec<web_sys::File> {
    ev.prevent_default();
    ev.stop_propagation();
    files_of(ev.data_transfer().and_then(|d| d.files()))
}

/// Reads files picked or dropped.
pub async fn read_all(list: Vec<web_sys::File>) -> Result<Files, String> {
    let mut out = Vec::new();
    for file in list {
        let name = file.name();
        match JsFuture::from(file.text()).await {
            Ok(v) => out.push((name, v.as_string().unwrap_or_default())),
            Err(_) => return Err(format!("Could not read {name}.")),
        }
    }
    Ok(out)
}

/// One line of counts: `1 VPC · 4 subnets · …`.
fn counts(i: &Import) -> Vec<String> {
    let t = &i.design;
    let rules: usize = t
        .security_groups
        .iter()
        .map(|g| g.ingress.len() + g.egress.len())
        .sum();
    [
        (t.vpcs.len(), "VPC", "VPCs"),
        (t.subnets.len(), "subnet", "subnets"),
        (
            t.internet_gateways.len(),
            "internet gateway",
            "internet gateways",
        ),
        (t.nat_gateways.len(), "NAT gateway", "NAT gateways"),
        (t.route_tables.len(), "route table", "route tables"),
        (t.security_groups.len(), "security group", "security groups"),
        (rules, "rule", "rules"),
        (t.iam_roles.len(), "IAM role", "IAM roles"),
    ]
    .into_iter()
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect()
}

/// The import dialog.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let review = use_review();
    let dialog = expect_context::<OpenDialog>().0;
    let region = RwSignal::new(editor.doc.with_untracked(|t| t.region.clone()));
    let vpc = RwSignal::new(String::new());
    let region_chosen = RwSignal::new(false);
    let parameters = RwSignal::new(String::new());
    let files = RwSignal::new(None::<Result<Files, String>>);
    let template = Memo::new(move |_| {
        files.with(|f| matches!(f, Some(Ok(f)) if f.len() == 1 && is_template(&f[0].0, &f[0].1)))
    });
    let line = Memo::new(move |_| region.with(|r| command::capture_command(r)));
    let reply = RwSignal::new(None::<Reply>);
    jobs::follow(
        Some("netwright:import"),
        move || {
            let region = region_chosen.get().then(|| region.get());
            let (vpcs, parameters) = (vpc.get(), parameters.get());
            files.with(|f| match f {
                Some(Ok(files)) => Some(Request::Import {
                    files: files.clone(),
                    vpcs,
                    region,
                    parameters,
                }),
                _ => None,
            })
        },
        reply,
    );
    // Reading files failed, the import is coming, or its outcome.
    let result = Memo::new(move |_| match files.get() {
        None => None,
        Some(Err(e)) => Some(Some(Err(e))),
        Some(Ok(_)) => Some(reply.get().map(imported)),
    });
    let take = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move { files.set(Some(read_all(list).await)) });
    };
    let on_pick = move |ev: ev::Event| take(picked(&ev));
    let on_drop = move |ev: ev::DragEvent| take(dropped(&ev));
    let open = move |_| {
        let Some(Some(Ok(import))) = result.get_untracked() else {
            return;
        };
        let names = files.with_untracked(|f| match f {
            Some(Ok(f)) => label(f),
            _ => String::new(),
        });
        let source = netwright_core::library::digest(&format::save(&import.design));
        let id = library.open_new(
            import.design,
            Some(source),
            format!("Imported {names} as a new design"),
        );
        review.notes.set(Some(ImportNotes {
            record: id,
            source: names,
            notes: import.notes,
        }));
        dialog.set(None);
    };
    view! {
        <Modal title="Import an existing network" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="import" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <p>"Run this read-only line where the AWS CLI has your credentials; it writes "<code>"capture.json"</code>
                   ", which you then drop here. No credentials or data reach this page or any server: the file is read in your browser."</p>
                <div class="import-where">
                    <div class="field">
                        <label for="import-region">"Region"</label>
                        <select id="import-region" on:change=move |ev| { region.set(event_target_value(&ev)); region_chosen.set(true); }>
                            {catalog::REGIONS.iter().map(|(r, _, label)| {
                                let r = r.to_string();
                                let sel = r == region.get_untracked();
                                view! { <option value=r.clone() selected=sel>{format!("{r} · {label}")}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="import-vpc">"Only these VPCs (ids or names, optional)"</label>
                        <input id="import-vpc" type="text" class="mono" placeholder="every VPC but the default one"
                            prop:value=move || vpc.get() on:input=move |ev| vpc.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="field">
                    <label for="capture-line">"Capture command"</label>
                    <textarea id="capture-line" class="mono capture" readonly rows="4" prop:value=move || line.get()></textarea>
                </div>
                <button class="btn" on:click=move |_| storage::copy_text(editor, line.get_untracked(), "capture command")>"Copy command"</button>
                <div class="drop-zone">
                    <label for="import-files">"The capture (or describe outputs, any number), or one CloudFormation template:"</label>
                    <input id="import-files" type="file" multiple accept=".json,.yaml,.yml,.template,application/json" on:change=on_pick/>
                    <span class="subtle">" or drop the files here"</span>
                </div>
                <Show when=move || template.get()>
                    <div class="field">
                        <label for="import-parameters">"Template parameters (KEY=VALUE, one a line; defaults otherwise)"</label>
                        <textarea id="import-parameters" class="mono" rows="3" prop:value=move || parameters.get()
                            on:input=move |ev| parameters.set(event_target_value(&ev))></textarea>
                    </div>
                </Show>
                {move || match result.get() {
                    None => ().into_any(),
                    Some(None) => view! { <p class="subtle" role="status" data-testid="import-waiting">"Reading the files…"</p> }.into_any(),
                    Some(Some(Err(e))) => view! { <p class="import-error" role="alert">{e}</p> }.into_any(),
                    Some(Some(Ok(i))) => {
                        let diags = validate(&i.design);
                        let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
                        let warnings = diags.iter().filter(|d| d.severity == Severity::Warning).count();
                        view! {
                            <div class="import-preview" data-testid="import-preview" role="status">
                                <p><strong>{format!("Will import \"{}\" ({}): ", i.design.name, i.design.region)}</strong>{counts(&i).join(" · ")}</p>
                                <p class="subtle">{format!("Checked: {errors} errors, {warnings} warnings.")}</p>
                                {if i.notes.is_empty() {
                                    view! { <p class="subtle">"Everything in the capture fits the design: no notes."</p> }.into_any()
                                } else {
                                    view! {
                                        <p>{format!("{} notes: what the capture holds that the design cannot (kept visible after opening):", i.notes.len())}</p>
                                        <ul class="import-notes" tabindex="0" aria-label="Import notes">
                                            {i.notes.iter().map(|n| view! { <li><span class="mono">{n.resource.clone()}</span>": "{n.dropped.clone()}<span class="subtle">{format!(" — {}", n.why)}</span></li> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                }}
                <div class="modal-actions">
                    <button class="btn" on:click=move |_| dialog.set(None)>"Cancel"</button>
                    <button class="btn primary" disabled=move || !matches!(result.get(), Some(Some(Ok(_)))) on:click=open>"Open as a new design"</button>
                </div>
            </div>
        </Modal>
    }
}
