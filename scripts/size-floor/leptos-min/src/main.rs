use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let items = RwSignal::new(Vec::<String>::new());
    let draft = RwSignal::new(String::new());
    let count = Memo::new(move |_| items.with(|v| v.len()));
    let add = move |_| {
        let d = draft.get();
        if !d.trim().is_empty() {
            items.update(|v| v.push(d));
            draft.set(String::new());
        }
    };
    view! {
        <main>
            <input type="text" prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev)) />
            <button on:click=add>"Add"</button>
            <p>{move || format!("{} items", count.get())}</p>
            <Show when=move || { count.get() > 0 } fallback=|| view! { <p class="empty">"Nothing yet"</p> }>
                <ul>
                    <For each=move || items.get().into_iter().enumerate()
                         key=|(i, s)| (*i, s.clone())
                         children=move |(i, s)| view! {
                            <li>{s}<button on:click=move |_| items.update(|v| { if i < v.len() { v.remove(i); } })>"x"</button></li>
                         } />
                </ul>
            </Show>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
