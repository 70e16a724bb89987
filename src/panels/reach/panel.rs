//! The Reach panel under the diagram: From and To pickers (the internet, workloads,
//! security groups, subnets), the kind of traffic and a port, "pick on the diagram",
//! and the answer: the verdict, each hop in order with why, the blocking ones in red
//! with their fix (one undoable step). Its Matrix view lists every pair that gets
//! something through.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use netwright_core::diagram::svg::escape;
use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::reach::{Fix, Hop, HopKind, Traffic};
use netwright_core::Id;
use wasm_bindgen::JsCast;

use super::matrix::MatrixView;
use super::{parse_port, use_reach, Asked, End, Reach, Side, Tab};
use crate::editor::{use_editor, Editor};

/// Moves the focus to the panel's first control.
pub(super) fn focus_first() {
    focus("reach-from");
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Both pickers' options as markup: the internet, then the workloads, security groups
/// and subnets by name. One string set as a whole: a large design has over a thousand
/// ends, which built as reactive elements one by one were slow to open.
fn options(editor: Editor) -> Memo<String> {
    Memo::new(move |_| {
        editor.doc.with(|t| {
            let mut out = String::from(
                r#"<option value="">Choose…</option><option value="internet">the internet</option>"#,
            );
            let mut group = |label: &str, kind: EntityKind, items: Vec<(&Id, &str)>| {
                out.push_str(&format!(r#"<optgroup label="{label}">"#));
                for (id, name) in items {
                    let value = End::Entity(EntityRef::new(kind, id)).value();
                    out.push_str(&format!(
                        r#"<option value="{}">{}</option>"#,
                        escape(&value),
                        escape(name)
                    ));
                }
                out.push_str("</optgroup>");
            };
            group(
                "Workloads",
                EntityKind::Workload,
                t.workloads.iter().map(|w| (&w.id, w.name.as_str())).collect(),
            );
            group(
                "Security groups",
                EntityKind::SecurityGroup,
                t.security_groups
                    .iter()
                    .map(|g| (&g.id, g.name.as_str()))
                    .collect(),
            );
            group(
                "Subnets",
                EntityKind::Subnet,
                t.subnets.iter().map(|s| (&s.id, s.name.as_str())).collect(),
            );
            out
        })
    })
}

/// A picker of one end, the entities grouped by kind.
fn picker(
    id: &'static str,
    label: &'static str,
    end: RwSignal<Option<End>>,
    options: Memo<String>,
) -> impl IntoView {
    let node = NodeRef::<html::Select>::new();
    let current = Memo::new(move |_| end.with(|e| e.as_ref().map(End::value).unwrap_or_default()));
    // An end no longer in the list shows as "Choose…".
    let show = move |el: &web_sys::HtmlSelectElement, value: &str| {
        el.set_value(value);
        if el.selected_index() < 0 {
            el.set_value("");
        }
    };
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            options.with(|o| el.set_inner_html(o));
            current.with_untracked(|v| show(&el, v));
        }
    });
    Effect::new(move |_| {
        let value = current.get();
        if let Some(el) = node.get_untracked() {
            show(&el, &value);
        }
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id node_ref=node on:change=move |ev| end.set(End::from_value(&event_target_value(&ev)))></select>
        </div>
    }
}

fn kind_label(k: HopKind) -> &'static str {
    match k {
        HopKind::Internet => "internet",
        HopKind::Workload => "workload",
        HopKind::Subnet => "subnet",
        HopKind::Group => "security group",
        HopKind::Acl => "network ACL",
        HopKind::Route => "route",
        HopKind::Gateway => "gateway",
    }
}

/// A fix in words, with a button that applies its edit as one undoable step.
fn fix_view(editor: Editor, f: Fix) -> impl IntoView {
    let button = f.edit.map(|edit| {
        let text = f.text.clone();
        view! {
            <button class="btn small primary" on:click=move |_| {
                editor.seal();
                if editor.apply(edit.clone(), "Apply reach fix") {
                    editor.info(format!("Applied: {text}"));
                    request_animation_frame(|| focus("reach-verdict"));
                }
            }>"Apply fix"</button>
        }
    });
    view! {
        <div class="hop-fix">
            <span>"Fix: "{f.text}</span>
            {button}
        </div>
    }
}

/// One hop: a button selecting its entity (where it has one), and on a blocking hop
/// its fix.
fn hop_view(editor: Editor, n: usize, h: Hop) -> impl IntoView {
    let class = if h.allowed {
        "hop allowed"
    } else {
        "hop blocked"
    };
    let body = view! {
        <span class="hop-n" aria-hidden="true">{n.to_string()}</span>
        <span class="hop-what">
            <span class="hop-kind">{kind_label(h.kind)}</span>" "
            <span class="hop-name">{h.name.clone()}</span>
            {(!h.allowed).then_some(view! { <span class="visually-hidden">" (blocks)"</span> })}
        </span>
        <span class="hop-why">{h.why.clone()}</span>
    };
    let main = match h.entity.clone() {
        Some(r) => {
            let field = h.field.clone();
            view! {
                <button class="hop-main" title="Select it" on:click=move |_| editor.select_field(r.clone(), field.clone())>{body}</button>
            }
            .into_any()
        }
        None => view! { <div class="hop-main">{body}</div> }.into_any(),
    };
    let fix = h
        .fix
        .clone()
        .filter(|_| !h.allowed)
        .map(|f| fix_view(editor, f));
    view! {
        <li class=class data-kind=kind_label(h.kind)>
            {main}
            {fix}
        </li>
    }
}

/// The answer: the verdict, then every hop.
fn answer_view(editor: Editor, asked: Asked) -> AnyView {
    let a = match asked.answer {
        Ok(a) => a,
        Err(why) => return view! { <p class="reach-note error" role="alert">{why}</p> }.into_any(),
    };
    let (class, verdict) = if a.reachable {
        ("verdict reachable", "Reachable")
    } else {
        ("verdict blocked", "Blocked")
    };
    let at = a
        .blocked_at
        .as_ref()
        .map(|b| format!("First blocked at {}: {}", b.name, b.why));
    let first_fix = a
        .blocked_at
        .and_then(|b| b.fix)
        .map(|f| fix_view(editor, f));
    view! {
        <div class=class id="reach-verdict" tabindex="-1" data-testid="reach-verdict" data-question=asked.question.clone()>
            <strong>{verdict}</strong>" "<span class="subtle">{asked.question.clone()}</span>
            {at.map(|at| view! { <p class="verdict-at">{at}</p> })}
            {first_fix}
        </div>
        <ol class="hops" aria-label="Path, hop by hop">
            {a.path.into_iter().enumerate().map(|(i, h)| hop_view(editor, i + 1, h)).collect_view()}
        </ol>
    }
    .into_any()
}

/// What to say when no question is asked.
fn why_nothing(editor: Editor, reach: Reach) -> &'static str {
    let (from, to) = (reach.from.get(), reach.to.get());
    let (Some(from), Some(to)) = (from, to) else {
        return "Choose where the traffic starts (From) and where it goes (To), or pick both on the diagram.";
    };
    let gone = editor
        .doc
        .with(|t| from.endpoint(t).is_none() || to.endpoint(t).is_none());
    if gone {
        "An end chosen before is no longer in the design: choose it again."
    } else {
        "Correct the port to ask."
    }
}

/// The Reach panel (shown in place of the diagnostics while open).
#[component]
pub fn ReachPanel() -> impl IntoView {
    let editor = use_editor();
    let reach = use_reach();
    let frame = NodeRef::<html::Section>::new();
    Effect::new(move |_| {
        if frame.get().is_some() {
            focus_first();
        }
    });
    // Esc cancels picking; otherwise, from inside the panel, it closes the panel.
    let keys = window_event_listener(ev::keydown, move |ev| {
        if ev.key() != "Escape" {
            return;
        }
        if reach.picking.get_untracked().is_some() {
            reach.picking.set(None);
            return;
        }
        let inside = document()
            .active_element()
            .is_some_and(|e| e.closest(".reach").ok().flatten().is_some());
        if inside {
            reach.close();
        }
    });
    on_cleanup(move || keys.remove());

    let lists = options(editor);
    let port_error = Memo::new(move |_| {
        let traffic = reach.traffic.get();
        reach.port.with(|p| parse_port(traffic, p).err())
    });
    let icmp = move || reach.traffic.get() == Traffic::Icmp;
    let swap = move |_| {
        let (a, b) = (reach.from.get_untracked(), reach.to.get_untracked());
        reach.from.set(b);
        reach.to.set(a);
    };
    let pick = move |_| {
        reach.picking.update(|p| {
            *p = match p {
                Some(_) => None,
                None => Some(Side::From),
            }
        })
    };
    let picking_text = move || {
        match reach.picking.get() {
        Some(Side::From) => "Click where the traffic starts on the diagram: a workload, a security group, a subnet or the Internet. Esc cancels.",
        Some(Side::To) => "Now click where it goes. Esc cancels.",
        None => "",
    }
    };
    let tab = move |t: Tab, label: &'static str| {
        view! {
            <button class="btn small" aria-pressed=move || (reach.tab.get() == t).to_string()
                on:click=move |_| reach.tab.set(t)>{label}</button>
        }
    };
    view! {
        <section class="reach panel" aria-labelledby="reach-title" data-testid="reach" node_ref=frame>
            <div class="reach-head">
                <h2 class="panel-title" id="reach-title">"Reach "<span class="subtle">"what can reach what, hop by hop"</span></h2>
                <div class="reach-tabs" role="group" aria-label="View">
                    {tab(Tab::Path, "Path")}
                    {tab(Tab::Matrix, "Matrix")}
                </div>
                <button class="btn small" aria-keyshortcuts="Escape" on:click=move |_| reach.close()>"Close"</button>
            </div>
            <div class="reach-body">
                <div class="reach-ask" role="group" aria-label="Question">
                    {picker("reach-from", "From", reach.from, lists)}
                    {picker("reach-to", "To", reach.to, lists)}
                    <div class="reach-line">
                        <div class="field">
                            <label for="reach-traffic">"Protocol"</label>
                            <select id="reach-traffic" on:change=move |ev| reach.traffic.set(Traffic::parse(&event_target_value(&ev)).unwrap_or(Traffic::Tcp))>
                                {Traffic::ALL.into_iter().map(|t| view! {
                                    <option value=t.as_str() prop:selected=move || reach.traffic.get() == t>{t.as_str()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="reach-port">{move || if icmp() { "ICMP type" } else { "Port" }}</label>
                            <input id="reach-port" type="text" class="mono" inputmode="numeric" autocomplete="off" spellcheck="false"
                                placeholder=move || match reach.traffic.get() { Traffic::All => "none", Traffic::Icmp => "every type", _ => "every port" }
                                disabled=move || reach.traffic.get() == Traffic::All
                                aria-invalid=move || port_error.with(Option::is_some).then_some("true")
                                aria-describedby="reach-port-msg"
                                prop:value=move || reach.port.get()
                                on:input=move |ev| reach.port.set(event_target_value(&ev))/>
                        </div>
                    </div>
                    <div class="field-msgs" id="reach-port-msg">
                        {move || port_error.get().map(|e| view! { <p class="field-msg error">{e}</p> })}
                    </div>
                    <div class="reach-line">
                        <button class="btn small" aria-pressed=move || reach.picking.get().is_some().to_string() on:click=pick
                            title="The next two clicks on the diagram set From, then To">"Pick on the diagram"</button>
                        <button class="btn small" on:click=swap title="Swap From and To">"Swap"</button>
                    </div>
                    <p class="reach-picking" role="status">{picking_text}</p>
                </div>
                <div class="reach-out" data-testid="reach-answer">
                    {move || match reach.tab.get() {
                        Tab::Matrix => view! { <MatrixView/> }.into_any(),
                        Tab::Path => match reach.answer.get() {
                            Some(asked) => answer_view(editor, asked),
                            None => view! { <p class="reach-note subtle">{move || why_nothing(editor, reach)}</p> }.into_any(),
                        },
                    }}
                </div>
            </div>
        </section>
    }
}
