//! Inspector form for route tables: VPC, main flag, routes and subnet associations.

use leptos::prelude::*;
use netwright_core::edit::Entity;
use netwright_core::model::{EntityRef, Route, RouteTarget};
use netwright_core::Id;

use super::{vpc_options, Current};
use crate::editor::Editor;
use crate::panels::fields::{field_dom_id, CheckField, SelectField, TextField};

fn target_value(t: &RouteTarget) -> String {
    match t {
        RouteTarget::InternetGateway(id) => format!("igw:{id}"),
        RouteTarget::NatGateway(id) => format!("nat:{id}"),
    }
}

fn parse_target(v: &str) -> Option<RouteTarget> {
    match v.split_once(':')? {
        ("igw", id) => Some(RouteTarget::InternetGateway(Id::new(id))),
        ("nat", id) => Some(RouteTarget::NatGateway(Id::new(id))),
        _ => None,
    }
}

/// A route table.
pub fn route_table_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let vpc = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::RouteTable(x)) => x.vpc.to_string(),
            _ => String::new(),
        })
    });
    let main = Signal::derive(move || {
        current.with(|e| matches!(e, Some(Entity::RouteTable(x)) if x.main))
    });
    let routes = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::RouteTable(x)) => x.routes.len(),
            _ => 0,
        })
    });
    let targets = Signal::derive(move || {
        editor.doc.with(|t| {
            let mut o: Vec<(String, String)> = t
                .internet_gateways
                .iter()
                .map(|g| {
                    (
                        format!("igw:{}", g.id),
                        format!("Internet gateway {}", g.name),
                    )
                })
                .collect();
            o.extend(
                t.nat_gateways
                    .iter()
                    .map(|n| (format!("nat:{}", n.id), format!("NAT gateway {}", n.name))),
            );
            o
        })
    });
    let subnets = Memo::new(move |_| {
        let vpc = vpc.get();
        editor.doc.with(|t| {
            t.subnets
                .iter()
                .filter(|s| s.vpc.as_str() == vpc)
                .map(|s| (s.id.clone(), format!("{} ({})", s.name, s.cidr)))
                .collect::<Vec<_>>()
        })
    });
    let (r1, r2, r3, r4) = (r.clone(), r.clone(), r.clone(), r.clone());
    view! {
        <section class="form" aria-label="Route table fields">
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r.clone() label="VPC" path="vpc" options=vpc_options(editor) value=vpc
                on_change=Callback::new(move |v: String| editor.modify(&r1, "Move route table", |e| if let Entity::RouteTable(x) = e { x.vpc = Id::new(v) }))/>
            <CheckField label="Main route table of the VPC" path="main" checked=main
                on_change=Callback::new(move |b| editor.modify(&r2, "Toggle main table", |e| if let Entity::RouteTable(x) = e { x.main = b }))/>
            <fieldset class="list">
                <legend>"Routes " <span class="subtle">"(local routes are implicit)"</span></legend>
                <For each=move || 0..routes.get() key=|i| *i children=move |i| {
                    let r = r3.clone();
                    let (ra, rb) = (r.clone(), r.clone());
                    let value = Signal::derive(move || current.with(|e| match e {
                        Some(Entity::RouteTable(x)) => x.routes.get(i).map(|rt| target_value(&rt.target)).unwrap_or_default(),
                        _ => String::new(),
                    }));
                    view! {
                        <div class="list-row route">
                            <TextField r=r.clone() path=format!("routes[{i}].destination") label="Destination" mono=true/>
                            <SelectField r=r label="Target" path=format!("routes[{i}].target") options=targets value=value
                                on_change=Callback::new(move |v: String| if let Some(target) = parse_target(&v) {
                                    editor.modify(&ra, "Change route target", |e| if let Entity::RouteTable(x) = e { if let Some(rt) = x.routes.get_mut(i) { rt.target = target } })
                                })/>
                            <button class="btn small" aria-label=format!("Remove route {}", i + 1) on:click=move |_| editor.modify(&rb, "Remove route", |e| {
                                if let Entity::RouteTable(x) = e { if i < x.routes.len() { x.routes.remove(i); } }
                            })>"Remove"</button>
                        </div>
                    }
                }/>
                <button class="btn small" disabled=move || targets.with(Vec::is_empty)
                    title="Routes point at an internet or NAT gateway"
                    on:click=move |_| {
                        let first = targets.with_untracked(|o| o.first().and_then(|(v, _)| parse_target(v)));
                        if let Some(target) = first {
                            editor.modify(&r4, "Add route", |e| if let Entity::RouteTable(x) = e {
                                x.routes.push(Route { destination: "0.0.0.0/0".into(), target })
                            });
                        }
                    }>"Add route"</button>
            </fieldset>
            <fieldset class="list">
                <legend>"Associated subnets"</legend>
                {move || subnets.get().into_iter().map(|(id, label)| {
                    let r = r.clone();
                    let dom = field_dom_id(&r, &format!("subnets-{id}"));
                    let checked = { let id = id.clone(); move || current.with(|e| matches!(e, Some(Entity::RouteTable(x)) if x.subnets.contains(&id))) };
                    view! {
                        <div class="field check">
                            <input type="checkbox" id=dom.clone() data-field="subnets" prop:checked=checked
                                on:change=move |ev| {
                                    // A subnet has one table: checking moves it here from any other.
                                    let table = if event_target_checked(&ev) { r.id.to_string() } else { String::new() };
                                    super::network::associate(editor, &id, &table);
                                }/>
                            <label for=dom>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </section>
    }
}
