//! The tag editor every entity shares: key/value pairs (the Name tag comes from the name).

use leptos::prelude::*;
use netwright_core::edit::Entity;
use netwright_core::model::EntityRef;

use super::Current;
use crate::editor::Editor;
use crate::panels::fields::field_dom_id;

/// Extra tags of the entity `r`.
pub fn tags_editor(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let keys = Memo::new(move |_| {
        current.with(|e| {
            e.as_ref()
                .map(|e| e.tags().keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let r2 = r.clone();
    view! {
        <fieldset class="list tags">
            <legend>"Tags " <span class="subtle">"(Name comes from the name)"</span></legend>
            <For each=move || keys.get() key=|k| k.clone() children=move |key: String| {
                let r = r.clone();
                let dom = field_dom_id(&r, &format!("tags-{key}"));
                let value = { let key = key.clone(); move || current.with(|e| e.as_ref().and_then(|e| e.tags().get(&key).cloned()).unwrap_or_default()) };
                let (rk, rv, rd) = (r.clone(), r.clone(), r.clone());
                let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                view! {
                    <div class="list-row tag">
                        <input type="text" class="mono" aria-label="Tag key" prop:value=key.clone() data-field=format!("tags.{key}")
                            on:change=move |ev| {
                                let new_key = event_target_value(&ev).trim().to_string();
                                let old = k1.clone();
                                if new_key.is_empty() || new_key == old { return; }
                                editor.modify(&rk, "Rename tag", |e| {
                                    let tags = e.tags_mut();
                                    if let Some(v) = tags.remove(&old) { tags.insert(new_key, v); }
                                });
                            }/>
                        <input type="text" id=dom aria-label=format!("Value of tag {key}") prop:value=value
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                let Some((_, mut e)) = editor.doc.with_untracked(|t| Entity::get(t, &rv)) else { return };
                                e.tags_mut().insert(k2.clone(), v);
                                editor.apply_typing(netwright_core::edit::Edit::Update(e), "Edit tag", &format!("{}/tag/{}", rv.id, k2));
                            }
                            on:change=move |_| editor.seal()/>
                        <button class="btn small" aria-label=format!("Remove tag {key}")
                            on:click=move |_| editor.modify(&rd, "Remove tag", |e| { e.tags_mut().remove(&k3); })>"Remove"</button>
                    </div>
                }
            }/>
            <button class="btn small" on:click=move |_| editor.modify(&r2, "Add tag", |e| {
                let tags = e.tags_mut();
                let key = (1..).map(|i| if i == 1 { "key".to_string() } else { format!("key{i}") }).find(|k| !tags.contains_key(k)).unwrap_or_default();
                tags.insert(key, String::new());
            })>"Add tag"</button>
        </fieldset>
    }
}
