//! The inspector: every field of the selected entity (or of the design), with
//! duplicate and delete. Focuses the field a clicked diagnostic points at.

mod acl;
mod acl_entries;
mod iam;
mod network;
mod routing;
mod security;
mod tags;
mod workload;

use leptos::prelude::*;
use netwright_core::edit::Entity;
use netwright_core::model::{EntityKind, EntityRef};
use wasm_bindgen::JsCast;

use crate::editor::{use_editor, Editor};

/// The selected entity's current value, as a memo the forms read.
pub type Current = Memo<Option<Entity>>;

/// `(value, label)` options for every VPC.
pub fn vpc_options(editor: Editor) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        editor.doc.with(|t| {
            t.vpcs
                .iter()
                .map(|v| (v.id.to_string(), format!("{} ({})", v.name, v.cidr)))
                .collect()
        })
    })
}

/// Focuses the control for `field` (or the nearest enclosing path) in the inspector.
fn focus_field(field: &str) {
    let Some(panel) = document().get_element_by_id("inspector") else {
        return;
    };
    let mut path = field.to_string();
    loop {
        let selector = format!("[data-field=\"{}\"]", path.replace('"', ""));
        if let Ok(Some(el)) = panel.query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                return;
            }
        }
        match path.rfind(['.', '[']) {
            Some(i) => path.truncate(i),
            None => break,
        }
    }
    if let Ok(Some(el)) = panel.query_selector("input, select") {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

fn form(editor: Editor, r: EntityRef) -> AnyView {
    if r.kind == EntityKind::Design {
        return network::design_form(editor).into_any();
    }
    let current: Current = {
        let r = r.clone();
        Memo::new(move |_| editor.doc.with(|t| Entity::get(t, &r).map(|(_, e)| e)))
    };
    let body = match r.kind {
        EntityKind::Vpc => network::vpc_form(editor, r.clone(), current).into_any(),
        EntityKind::Subnet => network::subnet_form(editor, r.clone(), current).into_any(),
        EntityKind::InternetGateway => network::igw_form(editor, r.clone(), current).into_any(),
        EntityKind::NatGateway => network::nat_form(editor, r.clone(), current).into_any(),
        EntityKind::RouteTable => routing::route_table_form(editor, r.clone(), current).into_any(),
        EntityKind::SecurityGroup => {
            security::security_group_form(editor, r.clone(), current).into_any()
        }
        EntityKind::IamRole => iam::role_form(editor, r.clone(), current).into_any(),
        EntityKind::NetworkAcl => acl::network_acl_form(editor, r.clone(), current).into_any(),
        EntityKind::Workload => workload::workload_form(editor, r.clone(), current).into_any(),
        EntityKind::Design => unreachable!("handled above"),
    };
    let kind = r.kind;
    view! {
        <div class="inspector-head">
            <div>
                <p class="kind">{kind.label().to_string()}</p>
                <h2 class="entity-name">{move || current.with(|e| e.as_ref().map(|e| e.name().to_string()).unwrap_or_default())}</h2>
                <p class="entity-id">"id " <code>{r.id.to_string()}</code></p>
            </div>
            <div class="actions">
                <button class="btn small" on:click=move |_| editor.duplicate_selection()>"Duplicate"</button>
                <button class="btn small danger" aria-keyshortcuts="Delete" on:click=move |_| editor.delete_selection()>"Delete"</button>
            </div>
        </div>
        {body}
        {tags::tags_editor(editor, r, current)}
    }
    .into_any()
}

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let editor = use_editor();
    let selected = Memo::new(move |_| {
        editor
            .selection
            .with(|s| s.as_ref().map(|s| s.entity.clone()))
    });
    let field = Memo::new(move |_| {
        editor
            .selection
            .with(|s| s.as_ref().and_then(|s| s.field.clone()))
    });
    Effect::new(move |_| {
        selected.track();
        if let Some(f) = field.get() {
            request_animation_frame(move || focus_field(&f));
        }
    });
    view! {
        <aside class="inspector panel" id="inspector" aria-label="Inspector">
            {move || match selected.get() {
                Some(r) => form(editor, r),
                None => view! {
                    <h2 class="panel-title">"Inspector"</h2>
                    <p class="empty">"Select something in the outline, the diagram or a diagnostic to edit it."</p>
                    {network::design_form(editor)}
                }.into_any(),
            }}
        </aside>
    }
}
