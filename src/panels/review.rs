//! What the person is reviewing besides diagnostics: the notes of an import (what the
//! source held that the design cannot) and a comparison with another design. Both are
//! session state, never in the design or its history. Shown above the diagnostics and
//! (the comparison) marked on the diagram.

use leptos::prelude::*;
use netwright_core::diff::{Change, What};
use netwright_core::import::Note;
use netwright_core::model::{EntityKind, EntityRef};

use crate::editor::use_editor;
use crate::library::use_library;

/// The notes of the import that made the library record `record`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportNotes {
    /// The record the import opened as.
    pub record: String,
    /// Where it came from (file names).
    pub source: String,
    /// The notes.
    pub notes: Vec<Note>,
}

/// A comparison of the open design with another.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The record the comparison was made on.
    pub record: String,
    /// What it was compared with, for people.
    pub against: String,
    /// The changes from that design to the open one.
    pub changes: Vec<Change>,
}

/// The review store, from context.
#[derive(Clone, Copy)]
pub struct Review {
    /// The latest import's notes.
    pub notes: RwSignal<Option<ImportNotes>>,
    /// The current comparison.
    pub compared: RwSignal<Option<Compared>>,
}

impl Review {
    /// An empty store.
    pub fn new() -> Self {
        Review {
            notes: RwSignal::new(None),
            compared: RwSignal::new(None),
        }
    }
}

impl Default for Review {
    fn default() -> Self {
        Self::new()
    }
}

/// The review store from context.
pub fn use_review() -> Review {
    expect_context::<Review>()
}

/// How a resource of the open design is marked on the diagram by a comparison.
pub fn marks(c: &Compared) -> Vec<(EntityRef, &'static str)> {
    c.changes
        .iter()
        .filter(|ch| ch.kind != EntityKind::Design)
        .filter_map(|ch| {
            let class = match ch.what {
                What::Added => "diff-added",
                What::Changed(_) => "diff-changed",
                What::Removed => return None,
            };
            ch.b.as_ref().map(|id| (EntityRef::new(ch.kind, id), class))
        })
        .collect()
}

/// The notes and comparison sections above the diagnostics list.
#[component]
pub fn ReviewSections() -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let review = use_review();
    let notes = Memo::new(move |_| {
        let current = library.current.get();
        review
            .notes
            .get()
            .filter(|n| n.record == current && !n.notes.is_empty())
    });
    let compared = Memo::new(move |_| {
        let current = library.current.get();
        review.compared.get().filter(|c| c.record == current)
    });
    view! {
        {move || notes.get().map(|n| view! {
            <details class="review notes" data-testid="import-notes">
                <summary>{format!("Import notes: {} from {} that the design does not hold", n.notes.len(), n.source)}</summary>
                <ul>
                    {n.notes.iter().map(|note| view! {
                        <li><span class="mono">{note.resource.clone()}</span>": "{note.dropped.clone()}<span class="subtle">{format!(" — {}", note.why)}</span></li>
                    }).collect_view()}
                </ul>
            </details>
        })}
        {move || compared.get().map(|c| {
            let count = c.changes.len();
            view! {
                <section class="review changes" data-testid="changes" aria-label="Changes">
                    <h3 class="review-head">
                        {if count == 0 { format!("No difference from {}", c.against) } else { format!("{count} {} from {}", if count == 1 { "change" } else { "changes" }, c.against) }}
                        <button class="btn small" on:click=move |_| review.compared.set(None)>"Clear"</button>
                    </h3>
                    <ul>
                        {c.changes.iter().map(|ch| {
                            let class = match ch.what { What::Added => "added", What::Removed => "removed", What::Changed(_) => "changed" };
                            let target = ch.b.clone().map(|id| if ch.kind == EntityKind::Design { EntityRef::design() } else { EntityRef::new(ch.kind, &id) })
                                .or_else(|| (ch.kind == EntityKind::Design).then(EntityRef::design));
                            let text = ch.to_string();
                            match target {
                                Some(r) => view! {
                                    <li class=class><button class="change" on:click=move |_| editor.select(Some(r.clone()))>{text}</button></li>
                                }.into_any(),
                                None => view! { <li class=class><span class="change">{text}</span></li> }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}
