//! Inspector field controls: labelled text, check and select fields, with the
//! diagnostics that point at a field shown inline and one-click fixes.

use leptos::ev;
use leptos::prelude::*;
use netwright_core::edit::ops;
use netwright_core::model::EntityRef;
use netwright_core::Diagnostic;

use crate::editor::use_editor;

/// A DOM id for a field of an entity.
pub fn field_dom_id(r: &EntityRef, path: &str) -> String {
    let raw = format!("f-{}-{}-{path}", r.kind.id_prefix(), r.id);
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The diagnostics that point at exactly this field.
fn field_diagnostics(r: EntityRef, path: String) -> Memo<Vec<Diagnostic>> {
    let editor = use_editor();
    Memo::new(move |_| {
        editor.diagnostics.with(|ds| {
            ds.iter()
                .filter(|d| d.entity == r && d.field.as_deref() == Some(path.as_str()))
                .cloned()
                .collect()
        })
    })
}

/// Whether a diagnostic's `field` is `path`, or (with `items`) one of the list's
/// items or anything under one (`subnets[2]`, `inbound[0].ports`). The empty path
/// stands for the entity as a whole (no field).
fn under(field: Option<&str>, path: &str, items: bool) -> bool {
    match field {
        None => path.is_empty(),
        Some(f) => {
            !path.is_empty()
                && f.strip_prefix(path)
                    .is_some_and(|rest| rest.is_empty() || (items && rest.starts_with('[')))
        }
    }
}

/// The messages about a field that has no text control of its own: a list
/// (`subnets`, with `items` also those about its items, shown once under the whole
/// list), a row of a table (`inbound[2]`), a whole direction (`outbound`) or, with
/// the empty path, the entity as a whole.
#[component]
pub fn Messages(
    /// The entity.
    r: EntityRef,
    /// The field's path.
    #[prop(into)]
    path: String,
    /// The DOM id, for `aria-describedby`.
    #[prop(into)]
    msg_id: String,
    /// Also the messages about the list's items.
    #[prop(optional)]
    items: bool,
) -> impl IntoView {
    let editor = use_editor();
    let diags = {
        let (r, path) = (r.clone(), path.clone());
        Memo::new(move |_| {
            editor.diagnostics.with(|ds| {
                ds.iter()
                    .filter(|d| d.entity == r && under(d.field.as_deref(), &path, items))
                    .cloned()
                    .collect()
            })
        })
    };
    view! { <FieldMessages r=r path=path diags=diags msg_id=msg_id/> }
}

/// The inline messages under a field, with fix buttons.
#[component]
fn FieldMessages(
    r: EntityRef,
    path: String,
    diags: Memo<Vec<Diagnostic>>,
    msg_id: String,
) -> impl IntoView {
    let editor = use_editor();
    view! {
        <div class="field-msgs" id=msg_id>
            {move || diags.get().into_iter().map(|d| {
                let fix = d.fix.clone();
                // The fix writes the field the diagnostic names (an item of a list).
                let (r, path) = (r.clone(), d.field.clone().unwrap_or_else(|| path.clone()));
                view! {
                    <p class=format!("field-msg {}", d.severity.as_str())>
                        <span class="code">{d.code}</span>" "{d.message.clone()}
                        {fix.map(|f| match f.replacement {
                            // A button only where the core can write the value (a
                            // reference such as `subnets[2]` is chosen, not typed).
                            Some(value) if editor.doc.with_untracked(|t| ops::set_field(t, &r, &path, &value).is_some()) => { let value2 = value.clone(); view! {
                                <button class="fix" on:click=move |_| {
                                    editor.seal();
                                    if let Some(edit) = editor.doc.with_untracked(|t| ops::set_field(t, &r, &path, &value)) {
                                        editor.apply(edit, "Apply fix");
                                    }
                                } title=f.label.clone()>{format!("Use {value2}")}</button>
                            }.into_any() },
                            _ => view! { <span class="hint">{f.label.clone()}</span> }.into_any(),
                        })}
                    </p>
                }
            }).collect_view()}
        </div>
    }
}

/// A text field bound to the field at `path` of entity `r` through the core's
/// `get_field`/`set_field`; keystrokes merge into one undo step.
#[component]
pub fn TextField(
    /// The entity.
    r: EntityRef,
    /// The field path, as diagnostics name it.
    #[prop(into)]
    path: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Monospace (blocks, ports).
    #[prop(optional)]
    mono: bool,
    /// Placeholder text.
    #[prop(optional, into)]
    placeholder: String,
    /// Called when the value is committed (change: Enter or leaving the field), inside
    /// the typing burst, so what it applies with the same key joins the burst's step.
    #[prop(optional)]
    on_commit: Option<Callback<()>>,
) -> impl IntoView {
    let editor = use_editor();
    let dom_id = field_dom_id(&r, &path);
    let msg_id = format!("{dom_id}-msg");
    let diags = field_diagnostics(r.clone(), path.clone());
    let value = {
        let (r, path) = (r.clone(), path.clone());
        Memo::new(move |_| {
            editor
                .doc
                .with(|t| ops::get_field(t, &r, &path))
                .unwrap_or_default()
        })
    };
    let on_input = {
        let (r, path) = (r.clone(), path.clone());
        move |ev: ev::Event| editor.type_field(&r, &path, &event_target_value(&ev))
    };
    let invalid = move || {
        diags.with(|d| {
            d.iter()
                .any(|d| d.severity == netwright_core::Severity::Error)
        })
    };
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <input id=dom_id type="text" class:mono=mono data-field=path.clone() placeholder=placeholder
                spellcheck="false" autocomplete="off"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=msg_id.clone()
                prop:value=move || value.get()
                on:input=on_input
                on:change=move |_| {
                    if let Some(commit) = on_commit {
                        commit.run(());
                    }
                    editor.seal()
                }
                on:blur=move |_| editor.seal()/>
            <FieldMessages r=r path=path diags=diags msg_id=msg_id/>
        </div>
    }
}

/// A checkbox; given its entity `r`, the diagnostics about the field show under it.
#[component]
pub fn CheckField(
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The field path, for focusing from diagnostics.
    #[prop(into)]
    path: String,
    /// The current value.
    checked: Signal<bool>,
    /// Called with the new value.
    on_change: Callback<bool>,
    /// The entity, for inline diagnostics (none shown without it).
    #[prop(optional)]
    r: Option<EntityRef>,
) -> impl IntoView {
    let messages = r.map(|r| {
        let msg_id = format!("{}-msg", field_dom_id(&r, &path));
        let diags = field_diagnostics(r.clone(), path.clone());
        (msg_id, diags, r)
    });
    let described = messages.as_ref().map(|(id, _, _)| id.clone());
    let with_msgs = messages.is_some();
    let path2 = path.clone();
    view! {
        <div class="field check" class:with-msgs=with_msgs>
            <label>
                <input type="checkbox" data-field=path prop:checked=move || checked.get()
                    aria-describedby=described
                    on:change=move |ev| on_change.run(event_target_checked(&ev))/>
                {label}
            </label>
            {messages.map(|(msg_id, diags, r)| view! { <FieldMessages r=r path=path2 diags=diags msg_id=msg_id/> })}
        </div>
    }
}

/// A select of `(value, label)` options; references are always chosen, never typed.
#[component]
pub fn SelectField(
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The field path, for focusing and ids.
    #[prop(into)]
    path: String,
    /// The entity (for the DOM id and inline diagnostics).
    r: EntityRef,
    /// `(value, label)` pairs.
    options: Signal<Vec<(String, String)>>,
    /// The current value.
    value: Signal<String>,
    /// Called with the chosen value.
    on_change: Callback<String>,
) -> impl IntoView {
    let dom_id = field_dom_id(&r, &path);
    let msg_id = format!("{dom_id}-msg");
    let diags = field_diagnostics(r.clone(), path.clone());
    // Options are rebuilt only when they (or the value) change, not on every edit.
    let options = Memo::new(move |_| options.get());
    let value = Memo::new(move |_| value.get());
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <select id=dom_id data-field=path.clone() aria-describedby=msg_id.clone()
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    let mut opts = options.get();
                    if !opts.iter().any(|(v, _)| *v == current) {
                        opts.insert(0, (current.clone(), format!("{current} (not in the list)")));
                    }
                    opts.into_iter().map(|(v, l)| {
                        let sel = v == current;
                        view! { <option value=v selected=sel>{l}</option> }
                    }).collect_view()
                }}
            </select>
            <FieldMessages r=r path=path diags=diags msg_id=msg_id/>
        </div>
    }
}
