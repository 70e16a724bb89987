//! Component tests in headless Chromium (wasm-bindgen-test): the pieces that need a
//! DOM. Pure editing logic is tested natively in `netwright-core`'s `edit` module.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use netwright::editor::Editor;
use netwright::library::{Library, Start};
use netwright::panels::fields::TextField;
use netwright::panels::review::Review;
use netwright::panels::{DiagnosticsPanel, Inspector};
use netwright_core::model::{AclAction, AclEntry, EntityKind, EntityRef, NetworkAcl};
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

/// The reference design with two ACLs: `acl-web` holding public-1a with entries 300,
/// 100 (listed out of order, as an import may leave them), and an empty `acl-db`.
fn with_acls() -> netwright_core::Topology {
    let mut t = templates::smartinvoice();
    let mut web = NetworkAcl::new("acl-web", "web-acl", "vpc");
    web.subnets.push(Id::new("subnet-public-1a"));
    web.inbound.push(AclEntry::new(
        300,
        AclAction::Allow,
        "tcp",
        "443",
        "0.0.0.0/0",
    ));
    web.inbound.push(AclEntry::new(
        100,
        AclAction::Deny,
        "tcp",
        "22",
        "0.0.0.0/0",
    ));
    t.network_acls.push(web);
    t.network_acls
        .push(NetworkAcl::new("acl-db", "db-acl", "vpc"));
    t
}

fn rule_numbers(root: &web_sys::HtmlElement) -> Vec<String> {
    let inputs = root
        .query_selector_all("input[data-field^=\"inbound[\"][data-field$=\"].rule_number\"]")
        .unwrap();
    (0..inputs.length())
        .map(|i| {
            inputs
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlInputElement>()
                .value()
        })
        .collect()
}

fn input(root: &web_sys::HtmlElement, field: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("input[data-field=\"{field}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {field} in {}", root.inner_html()))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn a_renumbered_acl_entry_moves_to_its_place_in_one_undo_step() {
    let root = container();
    let editor = Editor::new(with_acls());
    let _handle = mount_to(root.clone(), move || {
        provide_context(editor);
        view! { <Inspector/> }
    });
    editor.select(Some(EntityRef::new(
        EntityKind::NetworkAcl,
        &Id::new("acl-web"),
    )));
    settle().await;
    assert_eq!(rule_numbers(&root), ["300", "100"]);
    // Entries out of rule order offer to sort; sorting is one step.
    let sort: web_sys::HtmlElement = root
        .query_selector("fieldset.acl-entries button.btn.small")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(sort.text_content().unwrap(), "Sort by rule number");
    sort.click();
    settle().await;
    assert_eq!(rule_numbers(&root), ["100", "300"]);
    editor.undo();
    settle().await;
    assert_eq!(rule_numbers(&root), ["300", "100"]);
    editor.redo();
    settle().await;

    // Typing a number keeps the row while typing; committing it moves the row.
    let n = input(&root, "inbound[1].rule_number");
    type_into(&n, "4");
    type_into(&n, "400");
    settle().await;
    assert_eq!(rule_numbers(&root), ["100", "400"]);
    type_into(&n, "50");
    settle().await;
    assert_eq!(rule_numbers(&root), ["100", "50"], "no move while typing");
    n.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(rule_numbers(&root), ["50", "100"]);
    assert_eq!(
        input(&root, "inbound[0].ports").value(),
        "443",
        "the row moved with its entry"
    );
    // The typing and the move are one step.
    editor.undo();
    settle().await;
    assert_eq!(rule_numbers(&root), ["100", "300"]);

    // A new entry takes the next hundred.
    let add = root
        .query_selector_all("fieldset.acl-entries > button.btn.small")
        .unwrap()
        .get(0)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(add.text_content().unwrap(), "Add inbound entry");
    add.click();
    settle().await;
    assert_eq!(rule_numbers(&root), ["100", "300", "400"]);
}

#[wasm_bindgen_test]
async fn a_subnet_on_another_acl_says_so_and_checking_it_moves_it() {
    let root = container();
    let editor = Editor::new(with_acls());
    let _handle = mount_to(root.clone(), move || {
        provide_context(editor);
        view! { <Inspector/> }
    });
    editor.select(Some(EntityRef::new(
        EntityKind::NetworkAcl,
        &Id::new("acl-db"),
    )));
    settle().await;
    let boxes = root
        .query_selector_all("input[type=\"checkbox\"][data-field=\"subnets\"]")
        .unwrap();
    assert_eq!(boxes.length(), 4, "one per subnet of the VPC");
    let label = |id: &str| {
        root.query_selector(&format!("label[for$=\"subnets-{id}\"]"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(
        label("subnet-public-1a").contains("now on web-acl"),
        "{}",
        label("subnet-public-1a")
    );
    assert!(!label("subnet-private-1a").contains("now on"));
    let public_1a: web_sys::HtmlInputElement = root
        .query_selector("input[id$=\"subnets-subnet-public-1a\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!public_1a.checked());
    public_1a.click();
    settle().await;
    assert!(public_1a.checked());
    let holders = editor.doc.with_untracked(|t| {
        t.network_acls
            .iter()
            .filter(|a| a.subnets.contains(&Id::new("subnet-public-1a")))
            .map(|a| a.id.to_string())
            .collect::<Vec<_>>()
    });
    assert_eq!(holders, ["acl-db"]);
    assert!(!label("subnet-public-1a").contains("now on"));
    editor.undo();
    settle().await;
    assert!(!public_1a.checked());
}
