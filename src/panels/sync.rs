//! What a tab says about the other tabs: the banner when another tab changed this
//! design while this one had edits of its own (keep mine as a copy, or take theirs),
//! and the dialog when a link's design is already in the library.

use leptos::prelude::*;

use crate::dialog::Modal;
use crate::library::{use_library, SaveState};

/// The conflict banner, shown only while there is a conflict.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let library = use_library();
    let conflict = Memo::new(move |_| library.state.get() == SaveState::Conflict);
    view! {
        <Show when=move || conflict.get()>
            <div class="conflict" role="alert" data-testid="conflict">
                <p>
                    <strong>"This design was changed in another tab while you were editing it here."</strong>
                    " Your edits in this tab are not stored until you choose; nothing is overwritten."
                </p>
                <div class="conflict-actions">
                    <button class="btn primary" on:click=move |_| library.keep_mine()>"Keep mine as a copy"</button>
                    <button class="btn" on:click=move |_| library.take_theirs()>"Take theirs"</button>
                </div>
            </div>
        </Show>
    }
}

/// The dialog offering the library's record that already holds a link's design.
#[component]
pub fn LinkOfferDialog() -> impl IntoView {
    let library = use_library();
    let close = Callback::new(move |_| library.offer.set(None));
    view! {
        {move || library.offer.get().map(|offer| {
            let id = offer.entry.id.clone();
            let name = offer.entry.name.clone();
            let design = offer.design.clone();
            let same_tab = library.current.with_untracked(|c| *c == id);
            view! {
                <Modal title="This design is already in your library" on_close=close>
                    <p>{format!("The link holds \"{name}\", which you already have in Designs ({}).", offer.entry.summary())}</p>
                    <div class="modal-actions">
                        <button class="btn" on:click={
                            let design = design.clone();
                            move |_| {
                                library.offer.set(None);
                                let source = netwright_core::library::digest(&netwright_core::format::save(&design));
                                library.open_new(design.clone(), Some(source), "Opened the link as a new design".into());
                            }
                        }>"Open as a new design"</button>
                        <button class="btn primary" on:click={
                            let id = id.clone();
                            move |_| {
                                library.offer.set(None);
                                library.open(id.clone());
                            }
                        }>{if same_tab { format!("Keep editing \"{name}\"") } else { format!("Open \"{name}\"") }}</button>
                    </div>
                </Modal>
            }
        })}
    }
}
