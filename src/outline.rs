//! The outline: the design as a tree (VPC → AZs → subnets, then gateways, route
//! tables, security groups and IAM roles). Each row is a button that selects.

use leptos::prelude::*;
use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::{Id, Severity};

use crate::editor::{use_editor, Editor};
use crate::tree::heading;

/// The CSS class of a severity badge.
pub fn severity_class(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "badge error",
        Some(Severity::Warning) => "badge warning",
        Some(Severity::Info) => "badge info",
        None => "badge none",
    }
}

/// One selectable row.
#[component]
fn Row(kind: EntityKind, id: Id) -> impl IntoView {
    let editor = use_editor();
    let row = editor.row(kind, id.clone());
    let r = EntityRef::new(kind, &id);
    let (i1, i2, i3, i4, i5, sel) = (
        row.info.clone(),
        row.info.clone(),
        row.info.clone(),
        row.info.clone(),
        row.info,
        row.selected,
    );
    let sel2 = sel.clone();
    view! {
        <li>
            <button class="row" class:selected=move || sel.get() aria-current=move || sel2.get().then_some("true")
                title=move || i1.with(|i| format!("{} · {}", i.name, i.detail))
                on:click=move |_| editor.select(Some(r.clone()))>
                <span class=move || severity_class(i2.with(|i| i.worst)) aria-hidden="true"></span>
                <span class="name">{move || i3.with(|i| i.name.clone())}</span>
                <span class="detail" class:cidr=matches!(kind, EntityKind::Vpc | EntityKind::Subnet)>{move || i4.with(|i| i.detail.clone())}</span>
                {move || i5.with(|i| i.worst).map(|s| view! { <span class="visually-hidden">{format!(", has {s}s")}</span> })}
            </button>
        </li>
    }
}

fn subnet_rows(editor: Editor, vpc: Id, zone: String) -> impl IntoView {
    let ids = Memo::new(move |_| {
        editor.tree.with(|t| {
            t.vpcs
                .iter()
                .find(|v| v.id == vpc)
                .and_then(|v| v.zones.iter().find(|z| z.name == zone))
                .map(|z| z.subnets.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <ul>
            <For each=move || ids.get() key=|id| id.clone()
                children=move |id| view! { <Row kind=EntityKind::Subnet id=id/> }/>
        </ul>
    }
}

/// The outline panel.
#[component]
pub fn Outline() -> impl IntoView {
    let editor = use_editor();
    let vpcs = Memo::new(move |_| {
        editor
            .tree
            .with(|t| t.vpcs.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
    });
    let design_selected = Memo::new(move |_| {
        editor.selection.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.entity.kind == EntityKind::Design)
        })
    });
    let name = Memo::new(move |_| editor.doc.with(|t| t.name.clone()));
    view! {
        <nav class="outline panel" aria-label="Outline">
            <h2 class="panel-title">"Outline"</h2>
            <ul class="tree">
                <li>
                    <button class="row design" class:selected=design_selected
                        on:click=move |_| editor.select(Some(EntityRef::design()))>
                        <span class="name">{move || name.get()}</span>
                        <span class="detail">{move || editor.doc.with(|t| t.region.clone())}</span>
                    </button>
                </li>
                <For each=move || vpcs.get() key=|id| id.clone() children=move |vpc: Id| {
                    let zones = {
                        let vpc = vpc.clone();
                        Memo::new(move |_| editor.tree.with(|t| t.vpcs.iter().find(|v| v.id == vpc)
                            .map(|v| v.zones.iter().map(|z| z.name.clone()).collect::<Vec<_>>()).unwrap_or_default()))
                    };
                    view! {
                        <Row kind=EntityKind::Vpc id=vpc.clone()/>
                        <li class="zones">
                            <For each=move || zones.get() key=|z| z.clone() children=move |zone: String| view! {
                                <div class="zone">
                                    <span class="zone-name">{if zone.is_empty() { "(no AZ)".to_string() } else { zone.clone() }}</span>
                                    {subnet_rows(editor, vpc.clone(), zone)}
                                </div>
                            }/>
                        </li>
                    }
                }/>
            </ul>
            {move || (!editor.tree.with(|t| t.orphans.is_empty())).then(|| view! {
                <h3 class="group-title">"Subnets without a VPC"</h3>
                <ul class="tree">
                    <For each=move || editor.tree.with(|t| t.orphans.clone()) key=|id| id.clone()
                        children=move |id| view! { <Row kind=EntityKind::Subnet id=id/> }/>
                </ul>
            })}
            {[EntityKind::InternetGateway, EntityKind::NatGateway, EntityKind::RouteTable, EntityKind::NetworkAcl, EntityKind::SecurityGroup, EntityKind::Workload, EntityKind::IamRole]
                .into_iter().enumerate().map(|(i, kind)| {
                    let ids = Memo::new(move |_| editor.tree.with(|t| t.others[i].1.clone()));
                    view! {
                        <h3 class="group-title">{heading(kind)}
                            <span class="count">{move || ids.with(Vec::len)}</span>
                        </h3>
                        <ul class="tree">
                            <For each=move || ids.get() key=|id| id.clone()
                                children=move |id| view! { <Row kind=kind id=id/> }/>
                        </ul>
                    }
                }).collect_view()}
        </nav>
    }
}
