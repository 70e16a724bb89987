//! The diagram area. The SVG diagram (layout, shapes, drag and connect tools) is the
//! next piece of work and will live in this module; until then this area shows an
//! honest, read-only summary: each VPC with one column per Availability Zone and a
//! card per subnet (block, tier, usable addresses), then its gateways.

use leptos::prelude::*;
use netwright_core::model::{EntityKind, EntityRef, Tier};
use netwright_core::{cidr, Id};

use crate::editor::use_editor;
use crate::outline::severity_class;
use crate::statusbar::grouped;

fn tier_class(t: Option<Tier>) -> &'static str {
    match t {
        Some(Tier::Public) => "tier public",
        Some(Tier::PrivateWithEgress) => "tier egress",
        _ => "tier isolated",
    }
}

#[component]
fn SubnetCard(id: Id) -> impl IntoView {
    let editor = use_editor();
    let row = editor.row(EntityKind::Subnet, id.clone());
    let r = EntityRef::new(EntityKind::Subnet, &id);
    let sel = row.selected;
    let (i1, i2, i3, i4, i5, i6) = (
        row.info.clone(),
        row.info.clone(),
        row.info.clone(),
        row.info.clone(),
        row.info.clone(),
        row.info,
    );
    view! {
        <li>
            <button class="card" class:selected=move || sel.get() on:click=move |_| editor.select(Some(r.clone()))>
                <span class="card-head">
                    <span class=move || severity_class(i1.with(|i| i.worst)) aria-hidden="true"></span>
                    <span class="name">{move || i2.with(|i| i.name.clone())}</span>
                </span>
                <span class="mono">{move || i3.with(|i| i.detail.clone())}</span>
                <span class="card-foot">
                    <span class=move || i4.with(|i| tier_class(i.tier))>{move || i5.with(|i| i.tier.map_or("", |t| t.label()).to_string())}</span>
                    <span class="addresses">{move || i6.with(|i| match cidr::parse(&i.detail) {
                        Ok(c) => format!("{} usable", grouped(cidr::usable_addresses(c.net.prefix_len()))),
                        Err(_) => "invalid block".to_string(),
                    })}</span>
                </span>
            </button>
        </li>
    }
}

/// The read-only summary shown where the diagram will go.
#[component]
pub fn Summary() -> impl IntoView {
    let editor = use_editor();
    let vpcs = Memo::new(move |_| {
        editor
            .tree
            .with(|t| t.vpcs.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="summary panel" aria-label="Network summary">
            <h2 class="panel-title">"Network" <span class="subtle">"· read-only summary; the diagram comes next"</span></h2>
            <For each=move || vpcs.get() key=|id| id.clone() children=move |vpc: Id| {
                let info = editor.row(EntityKind::Vpc, vpc.clone()).info;
                let info2 = info.clone();
                let vpc2 = vpc.clone();
                let zones = Memo::new(move |_| editor.tree.with(|t| t.vpcs.iter().find(|v| v.id == vpc2)
                    .map(|v| v.zones.iter().map(|z| z.name.clone()).collect::<Vec<_>>()).unwrap_or_default()));
                let gateways = {
                    let vpc = vpc.clone();
                    Memo::new(move |_| editor.doc.with(|t| {
                        let mut out: Vec<String> = t.internet_gateways.iter().filter(|g| g.vpc.as_ref() == Some(&vpc))
                            .map(|g| format!("Internet gateway {}", g.name)).collect();
                        out.extend(t.nat_gateways.iter().filter(|n| t.subnet(&n.subnet).is_some_and(|s| s.vpc == vpc))
                            .map(|n| format!("NAT gateway {} ({})", n.name, t.subnet(&n.subnet).map_or("", |s| s.availability_zone.as_str()))));
                        out
                    }))
                };
                let r = EntityRef::new(EntityKind::Vpc, &vpc);
                view! {
                    <article class="vpc">
                        <header>
                            <button class="vpc-title" on:click=move |_| editor.select(Some(r.clone()))>
                                <span class="name">{move || info.with(|i| i.name.clone())}</span>
                                <span class="mono">{move || info2.with(|i| i.detail.clone())}</span>
                            </button>
                            <span class="gateways">{move || gateways.get().join(" · ")}</span>
                        </header>
                        <div class="zones-grid">
                            <For each=move || zones.get() key=|z| z.clone() children=move |zone: String| {
                                let vpc = vpc.clone();
                                let z2 = zone.clone();
                                let ids = Memo::new(move |_| editor.tree.with(|t| t.vpcs.iter().find(|v| v.id == vpc)
                                    .and_then(|v| v.zones.iter().find(|z| z.name == z2)).map(|z| z.subnets.clone()).unwrap_or_default()));
                                view! {
                                    <section class="zone-col" aria-label=format!("Availability Zone {zone}")>
                                        <h3>{zone.clone()}</h3>
                                        <ul>
                                            <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <SubnetCard id=id/> }/>
                                        </ul>
                                    </section>
                                }
                            }/>
                        </div>
                    </article>
                }
            }/>
            {move || editor.tree.with(|t| t.vpcs.is_empty()).then(|| view! {
                <p class="empty">"No VPC yet. Use Add… → VPC, or New… for a template."</p>
            })}
        </section>
    }
}
