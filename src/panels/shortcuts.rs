//! The keyboard shortcuts dialog ("?" or the toolbar's Shortcuts button): every shortcut
//! the app and the diagram answer to, in one list.

use leptos::prelude::*;

use crate::dialog::Modal;
use crate::dialog::OpenDialog;

/// A shortcut: the key combinations that do it (any one of them), and what it does.
type Shortcut = (&'static [&'static str], &'static str);

/// The shortcuts, by where they work.
pub const SHORTCUTS: [(&str, &[Shortcut]); 4] = [
    (
        "Anywhere",
        &[
            (&["Ctrl+Z"], "Undo"),
            (&["Ctrl+Shift+Z", "Ctrl+Y"], "Redo"),
            (&["Ctrl+S"], "Save the design as a JSON file"),
            (&["Ctrl+O"], "Open a design file (as a new design)"),
            (
                &["D"],
                "Designs kept in this browser (outside a text field)",
            ),
            (&["C"], "Monthly cost, by resource (outside a text field)"),
            (&["R"], "Reach: what can reach what (outside a text field)"),
            (&["Esc"], "Close the dialog, or clear the selection"),
            (
                &["Esc"],
                "Stop picking on the diagram for Reach; inside the Reach panel, close it",
            ),
            (&["?"], "This list"),
        ],
    ),
    (
        "In a toolbar",
        &[
            (&["Left", "Right"], "Previous, next control"),
            (&["Home", "End"], "First, last control"),
        ],
    ),
    (
        "With something selected",
        &[(
            &["Delete", "Backspace"],
            "Delete the selection (outside text fields)",
        )],
    ),
    (
        "In the diagram",
        &[
            (&["+", "-"], "Zoom in, zoom out"),
            (&["0", "F"], "Fit the design"),
            (&["1"], "Actual size"),
            (&["Arrows"], "Pan (faster with Shift)"),
            (
                &["Alt+Left", "Alt+Right"],
                "Move the selected subnet to the next zone",
            ),
            (&["Esc"], "Drop the drag in progress"),
        ],
    ),
];

/// Lists every keyboard shortcut. On a Mac, Cmd works wherever Ctrl is listed.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let dialog = expect_context::<OpenDialog>().0;
    view! {
        <Modal title="Keyboard shortcuts" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="shortcuts">
                {SHORTCUTS.into_iter().map(|(section, keys)| view! {
                    <h3>{section}</h3>
                    <dl>
                        {keys.iter().map(|(combos, what)| view! {
                            <dt>
                                {combos.iter().enumerate().map(|(i, k)| view! {
                                    {(i > 0).then_some(" or ")}<kbd>{*k}</kbd>
                                }).collect_view()}
                            </dt>
                            <dd>{*what}</dd>
                        }).collect_view()}
                    </dl>
                }).collect_view()}
                <p class="subtle">"On a Mac, use Cmd where Ctrl is listed."</p>
            </div>
        </Modal>
    }
}
