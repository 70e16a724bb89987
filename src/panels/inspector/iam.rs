//! Inspector form for IAM roles: description, trusted services, managed policies and
//! the instance profile.

use leptos::prelude::*;
use netwright_core::catalog;
use netwright_core::edit::Entity;
use netwright_core::model::{EntityRef, IamRole};

use super::Current;
use crate::editor::Editor;
use crate::panels::fields::{CheckField, TextField};

/// One editable list of strings in a role (`trusted_services` or `managed_policies`).
fn string_list(
    editor: Editor,
    r: EntityRef,
    current: Current,
    path: &'static str,
    legend: &'static str,
    known: Vec<(String, String)>,
    list: fn(&mut IamRole) -> &mut Vec<String>,
) -> impl IntoView {
    let len = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::IamRole(role)) => {
                if path == "trusted_services" {
                    role.trusted_services.len()
                } else {
                    role.managed_policies.len()
                }
            }
            _ => 0,
        })
    });
    let r2 = r.clone();
    let add_label = format!("Add to {}", legend.to_ascii_lowercase());
    view! {
        <fieldset class="list">
            <legend>{legend}</legend>
            <For each=move || 0..len.get() key=|i| *i children=move |i| {
                let r = r.clone();
                let r3 = r.clone();
                view! {
                    <div class="list-row">
                        <TextField r=r path=format!("{path}[{i}]") label=format!("{} {}", legend.trim_end_matches('s'), i + 1) mono=true/>
                        <button class="btn small" aria-label=format!("Remove {} {}", legend.to_ascii_lowercase(), i + 1)
                            on:click=move |_| editor.modify(&r3, "Remove item", |e| if let Entity::IamRole(role) = e {
                                let l = list(role);
                                if i < l.len() { l.remove(i); }
                            })>"Remove"</button>
                    </div>
                }
            }/>
            <select class="btn small" aria-label=add_label on:change=move |ev| {
                let v = event_target_value(&ev);
                let select: web_sys::HtmlSelectElement = event_target(&ev);
                select.set_value("");
                if !v.is_empty() {
                    editor.modify(&r2, "Add item", |e| if let Entity::IamRole(role) = e {
                        let l = list(role);
                        if !l.contains(&v) { l.push(v) }
                    });
                }
            }>
                <option value="" selected>"Add…"</option>
                {known.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </fieldset>
    }
}

/// An IAM role.
pub fn role_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let services = catalog::SERVICE_PRINCIPALS
        .iter()
        .map(|(p, what)| (p.to_string(), format!("{p} · {what}")))
        .collect();
    let policies = catalog::MANAGED_POLICIES
        .iter()
        .map(|(p, _)| (p.to_string(), p.to_string()))
        .collect();
    let profile = Signal::derive(move || {
        current.with(|e| matches!(e, Some(Entity::IamRole(x)) if x.instance_profile))
    });
    let r1 = r.clone();
    view! {
        <section class="form" aria-label="IAM role fields">
            <TextField r=r.clone() path="name" label="Role name"/>
            <TextField r=r.clone() path="description" label="Description"/>
            {string_list(editor, r.clone(), current, "trusted_services", "Trusted services", services, |x| &mut x.trusted_services)}
            {string_list(editor, r.clone(), current, "managed_policies", "Managed policies", policies, |x| &mut x.managed_policies)}
            <CheckField label="Instance profile of the same name (for EC2)" path="instance_profile" checked=profile
                on_change=Callback::new(move |b| editor.modify(&r1, "Toggle instance profile", |e| if let Entity::IamRole(x) = e { x.instance_profile = b }))/>
        </section>
    }
}
