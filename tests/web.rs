//! Component tests in headless Chromium (wasm-bindgen-test): the pieces that need a
//! DOM. Pure editing logic is tested natively in `netwright-core`'s `edit` module.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use netwright::editor::Editor;
use netwright::library::{Library, Start};
use netwright::panels::fields::TextField;
use netwright::panels::review::Review;
use netwright::panels::DiagnosticsPanel;
use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::{templates, Id};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the reactive system and the DOM settle: a macrotask, after every microtask.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The app's other stores, for panels that read them: a library editing an unstored
/// record (the test opens no database) and an empty review.
fn provide_stores(editor: Editor) {
    let start = Start {
        tab: "test-tab".into(),
        id: "test-record".into(),
        rev: 0,
        design: editor.doc.get_untracked(),
        dirty: false,
        unstored: false,
        source: None,
        offer: None,
        failure: None,
        notices: Vec::new(),
    };
    provide_context(Library::install(editor, &start));
    provide_context(Review::new());
}

fn private_1b() -> EntityRef {
    EntityRef::new(EntityKind::Subnet, &Id::new("subnet-private-1b"))
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn a_cidr_field_shows_core_diagnostics_inline_on_every_keystroke() {
    let root = container();
    let editor = Editor::new(templates::smartinvoice());
    let _handle = mount_to(root.clone(), move || {
        provide_context(editor);
        view! { <TextField r=private_1b() path="cidr" label="IPv4 block" mono=true/> }
    });
    settle().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "10.0.4.0/24");
    assert!(root.query_selector(".field-msg.error").unwrap().is_none());

    // A half-typed block is an error at once; the overlap is one too.
    type_into(&input, "10.0.3.0/2");
    settle().await;
    assert!(
        root.query_selector(".field-msg.error").unwrap().is_some(),
        "{}",
        root.inner_html()
    );
    type_into(&input, "10.0.3.0/24");
    settle().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let msg = root
        .query_selector(".field-msg.error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        msg.contains("10.0.3.0/24") || msg.to_lowercase().contains("overlap"),
        "{msg}"
    );
    // The message is tied to the input for screen readers.
    let described = input.get_attribute("aria-describedby").unwrap();
    assert!(root
        .query_selector(&format!("#{described}"))
        .unwrap()
        .is_some());

    // The whole burst is one undo step.
    editor.undo();
    settle().await;
    assert_eq!(input.value(), "10.0.4.0/24");
    assert!(root.query_selector(".field-msg.error").unwrap().is_none());
    assert_eq!(editor.counts().0, 0);
}

#[wasm_bindgen_test]
async fn a_one_click_fix_writes_the_replacement_into_the_field() {
    let root = container();
    let editor = Editor::new(templates::smartinvoice());
    let _handle = mount_to(root.clone(), move || {
        provide_context(editor);
        view! { <TextField r=private_1b() path="cidr" label="IPv4 block"/> }
    });
    settle().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    type_into(&input, "10.0.3.0/24");
    settle().await;
    let with_fix = editor.diagnostics.with_untracked(|ds| {
        ds.iter()
            .find(|d| {
                d.entity == private_1b() && d.fix.as_ref().is_some_and(|f| f.replacement.is_some())
            })
            .cloned()
    });
    let Some(d) = with_fix else {
        // The validator offers no replacement for this finding: no fix button may show.
        assert!(root.query_selector("button.fix").unwrap().is_none());
        return;
    };
    let button: web_sys::HtmlElement = root
        .query_selector("button.fix")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    assert_eq!(input.value(), d.fix.unwrap().replacement.unwrap());
}

#[wasm_bindgen_test]
async fn clicking_a_diagnostic_selects_its_entity_and_field() {
    let root = container();
    let mut t = templates::smartinvoice();
    t.subnets[3].cidr = "10.0.3.0/24".into();
    let editor = Editor::new(t);
    let _handle = mount_to(root.clone(), move || {
        provide_context(editor);
        provide_stores(editor);
        view! { <DiagnosticsPanel/> }
    });
    settle().await;
    let items = root
        .query_selector_all(".diag.error button.diag-main")
        .unwrap();
    assert!(items.length() > 0, "{}", root.inner_html());
    let first: web_sys::HtmlElement = items.get(0).unwrap().unchecked_into();
    first.click();
    settle().await;
    let sel = editor.selection.get_untracked().expect("a selection");
    let expected = editor.diagnostics.with_untracked(|ds| ds[0].clone());
    assert_eq!(sel.entity, expected.entity);
    assert_eq!(sel.field, expected.field);
}
