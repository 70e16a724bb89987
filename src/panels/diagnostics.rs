//! The diagnostics panel: every finding with severity, code and message; clicking
//! one selects its entity and focuses its field. Import notes and a comparison's
//! changes sit above the findings.

use leptos::prelude::*;
use netwright_core::edit::ops;
use netwright_core::model::EntityKind;
use netwright_core::Diagnostic;

use crate::editor::use_editor;
use crate::panels::review::ReviewSections;

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn key(d: &Diagnostic) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        d.code,
        d.entity.id,
        d.field.as_deref().unwrap_or(""),
        d.severity,
        d.message
    )
}

/// The panel under the diagram.
#[component]
pub fn DiagnosticsPanel() -> impl IntoView {
    let editor = use_editor();
    let counts = Memo::new(move |_| editor.counts());
    let total = Memo::new(move |_| editor.diagnostics.with(Vec::len));
    view! {
        <section class="diagnostics panel" aria-label="Diagnostics">
            <h2 class="panel-title">"Diagnostics "
                <span class="subtle">{move || { let (e, w) = counts.get(); format!("{} · {} · {} total", plural(e, "error"), plural(w, "warning"), total.get()) }}</span>
            </h2>
            <ReviewSections/>
            {move || (total.get() == 0).then(|| view! { <p class="empty ok">"No problems found. The design can be exported."</p> })}
            <ul class="diag-list">
                <For each=move || editor.diagnostics.get() key=key children=move |d: Diagnostic| {
                    let entity = d.entity.clone();
                    let name = {
                        let entity = entity.clone();
                        move || editor.doc.with(|t| if entity.kind == EntityKind::Design { t.name.clone() } else {
                            t.find(&entity.id).map(|(_, n)| n.to_string()).unwrap_or_else(|| entity.id.to_string())
                        })
                    };
                    let field = d.field.clone();
                    let fix = d.fix.clone().and_then(|f| f.replacement.map(|v| (f.label, v)));
                    let (e2, f2) = (entity.clone(), field.clone());
                    view! {
                        <li class=format!("diag {}", d.severity.as_str())>
                            <button class="diag-main" on:click=move |_| editor.select_field(entity.clone(), field.clone())>
                                <span class="sev">{d.severity.as_str()}</span>
                                <span class="code">{d.code}</span>
                                <span class="where">{d.entity.kind.label()}" "{name}{d.field.clone().map(|f| format!(" · {f}"))}</span>
                                <span class="msg">{d.message.clone()}</span>
                            </button>
                            {fix.map(|(label, value)| { let value2 = value.clone(); view! {
                                <button class="fix" on:click=move |_| {
                                    let path = f2.clone().unwrap_or_default();
                                    match editor.doc.with_untracked(|t| ops::set_field(t, &e2, &path, &value)) {
                                        Some(edit) => { editor.seal(); editor.apply(edit, "Apply fix"); }
                                        None => editor.error("This fix cannot be applied automatically."),
                                    }
                                } title=label.clone()>{format!("Use {value2}")}</button>
                            }})}
                        </li>
                    }
                }/>
            </ul>
        </section>
    }
}
