//! Inspector form for workloads: name, kind, the subnets it runs in, its security
//! groups and whether it is reachable from the internet. Workloads are part of the
//! design and the diagram; exports name the ids they need but never create them.

use leptos::prelude::*;
use netwright_core::edit::{ops, Entity};
use netwright_core::model::{EntityRef, Workload, WorkloadKind};
use netwright_core::Id;

use super::Current;
use crate::editor::Editor;
use crate::panels::fields::{field_dom_id, CheckField, Messages, SelectField, TextField};

fn workload_of(e: &Option<Entity>) -> Option<&Workload> {
    match e {
        Some(Entity::Workload(w)) => Some(w),
        _ => None,
    }
}

/// Which list of references a checkbox list edits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Subnets,
    Groups,
}

impl List {
    fn path(self) -> &'static str {
        match self {
            List::Subnets => "subnets",
            List::Groups => "security_groups",
        }
    }

    fn of(self, w: &Workload) -> &Vec<Id> {
        match self {
            List::Subnets => &w.subnets,
            List::Groups => &w.security_groups,
        }
    }

    fn of_mut(self, w: &mut Workload) -> &mut Vec<Id> {
        match self {
            List::Subnets => &mut w.subnets,
            List::Groups => &mut w.security_groups,
        }
    }
}

/// A checkbox per option (`(id, label)`), checked when the workload's list holds it.
fn checklist(
    editor: Editor,
    r: EntityRef,
    current: Current,
    list: List,
    legend: &'static str,
    options: Memo<Vec<(Id, String)>>,
    empty: &'static str,
) -> impl IntoView {
    let msg_id = field_dom_id(&r, &format!("{}-msg", list.path()));
    let (r1, msg1) = (r.clone(), msg_id.clone());
    view! {
        <fieldset class="list" aria-describedby=msg_id>
            <legend>{legend}</legend>
            {move || options.with(Vec::is_empty).then(|| view! { <p class="subtle">{empty}</p> })}
            {move || options.get().into_iter().map(|(id, label)| {
                let r = r1.clone();
                let dom = field_dom_id(&r, &format!("{}-{id}", list.path()));
                let checked = {
                    let id = id.clone();
                    move || current.with(|e| workload_of(e).is_some_and(|w| list.of(w).contains(&id)))
                };
                view! {
                    <div class="field check">
                        <input type="checkbox" id=dom.clone() data-field=list.path() prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let label = match (list, on) {
                                    (List::Subnets, true) => "Put workload in subnet",
                                    (List::Subnets, false) => "Take workload out of subnet",
                                    (List::Groups, true) => "Add security group to workload",
                                    (List::Groups, false) => "Take security group off workload",
                                };
                                editor.modify(&r, label, |e| if let Entity::Workload(w) = e {
                                    let ids = list.of_mut(w);
                                    ids.retain(|x| *x != id);
                                    if on { ids.push(id.clone()) }
                                });
                            }/>
                        <label for=dom>{label}</label>
                    </div>
                }
            }).collect_view()}
            <Messages r=r path=list.path() msg_id=msg1 items=true/>
        </fieldset>
    }
}

/// A workload.
pub fn workload_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let kind = Signal::derive(move || {
        current.with(|e| workload_of(e).map_or("", |w| w.kind.as_str()).to_string())
    });
    let kinds = Signal::derive(|| {
        WorkloadKind::ALL
            .iter()
            .map(|k| {
                let l = k.label();
                let mut c = l.chars();
                let label = c.next().map_or(String::new(), |f| {
                    f.to_uppercase().chain(c).collect::<String>()
                });
                (k.as_str().to_string(), label)
            })
            .collect()
    });
    let several_vpcs = Memo::new(move |_| editor.doc.with(|t| t.vpcs.len() > 1));
    let vpc_name = move |t: &netwright_core::Topology, vpc: &Id| {
        t.vpc(vpc)
            .map_or_else(|| vpc.to_string(), |v| v.name.clone())
    };
    let subnets = Memo::new(move |_| {
        let several = several_vpcs.get();
        editor.doc.with(|t| {
            let tiers = crate::rows::tiers(t);
            t.subnets
                .iter()
                .map(|s| {
                    let tier = tiers.get(&s.id).map_or("", |x| x.label());
                    let label = if several {
                        format!("{} ({}, {tier}, {})", s.name, s.cidr, vpc_name(t, &s.vpc))
                    } else {
                        format!("{} ({}, {tier})", s.name, s.cidr)
                    };
                    (s.id.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let groups = Memo::new(move |_| {
        let several = several_vpcs.get();
        editor.doc.with(|t| {
            t.security_groups
                .iter()
                .map(|g| {
                    let label = if several {
                        format!("{} ({})", g.name, vpc_name(t, &g.vpc))
                    } else {
                        g.name.clone()
                    };
                    (g.id.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let facing =
        Signal::derive(move || current.with(|e| workload_of(e).is_some_and(|w| w.internet_facing)));
    let (r_kind, r_facing) = (r.clone(), r.clone());
    view! {
        <section class="form" aria-label="Workload fields">
            <Messages r=r.clone() path="" msg_id=field_dom_id(&r, "whole-msg")/>
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r.clone() label="Kind" path="kind" options=kinds value=kind
                on_change=Callback::new(move |v: String| {
                    if let Some(edit) = editor.doc.with_untracked(|t| ops::set_field(t, &r_kind, "kind", &v)) {
                        editor.apply(edit, "Change workload kind");
                    }
                })/>
            <CheckField label="Reachable from the internet (internet-facing)" path="internet_facing" checked=facing r=r.clone()
                on_change=Callback::new(move |b| editor.modify(&r_facing, "Toggle internet-facing", |e| if let Entity::Workload(w) = e { w.internet_facing = b }))/>
            {checklist(editor, r.clone(), current, List::Subnets, "Runs in subnets", subnets, "The design has no subnets yet.")}
            {checklist(editor, r, current, List::Groups, "Security groups", groups, "The design has no security groups yet.")}
            <p class="subtle note">"Workloads are drawn and checked, not deployed: exports list the subnet and group ids each needs."</p>
        </section>
    }
}
