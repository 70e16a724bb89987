//! Inspector form for security groups: description, VPC, what the internet reaches
//! through it, and both rule lists.

use leptos::prelude::*;
use netwright_core::edit::Entity;
use netwright_core::model::{EntityRef, Peer, Protocol, Rule, SecurityGroup};
use netwright_core::reach::{self, Endpoint};
use netwright_core::Id;

use super::{vpc_options, Current};
use crate::editor::Editor;
use crate::panels::fields::{SelectField, TextField};
use crate::panels::reach::open_label;

fn rules_of(g: &SecurityGroup, ingress: bool) -> &Vec<Rule> {
    if ingress {
        &g.ingress
    } else {
        &g.egress
    }
}

fn with_rule(
    editor: Editor,
    r: &EntityRef,
    ingress: bool,
    i: usize,
    label: &str,
    f: impl FnOnce(&mut Rule),
) {
    editor.modify(r, label, |e| {
        if let Entity::SecurityGroup(g) = e {
            let rules = if ingress {
                &mut g.ingress
            } else {
                &mut g.egress
            };
            if let Some(rule) = rules.get_mut(i) {
                f(rule)
            }
        }
    });
}

fn rule_row(
    editor: Editor,
    r: EntityRef,
    current: Current,
    ingress: bool,
    i: usize,
) -> impl IntoView {
    let list = if ingress { "ingress" } else { "egress" };
    let rule = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::SecurityGroup(g)) => rules_of(g, ingress).get(i).cloned(),
            _ => None,
        })
    });
    let protocol = Signal::derive(move || {
        rule.with(|x| {
            x.as_ref()
                .map(|x| x.protocol.as_aws().to_string())
                .unwrap_or_default()
        })
    });
    let has_ports =
        Memo::new(move |_| rule.with(|x| x.as_ref().is_some_and(|x| x.protocol != Protocol::All)));
    let peer_kind = Signal::derive(move || {
        rule.with(|x| match x.as_ref().map(|x| &x.peer) {
            Some(Peer::SecurityGroup(id)) => format!("sg:{id}"),
            _ => "cidr".to_string(),
        })
    });
    let is_cidr = Memo::new(move |_| {
        rule.with(|x| matches!(x.as_ref().map(|x| &x.peer), Some(Peer::Cidr(_))))
    });
    let groups = Signal::derive(move || {
        editor.doc.with(|t| {
            let mut o = vec![("cidr".to_string(), "An IP block".to_string())];
            o.extend(
                t.security_groups
                    .iter()
                    .map(|g| (format!("sg:{}", g.id), format!("Group {}", g.name))),
            );
            o
        })
    });
    let (r1, r2, r3) = (r.clone(), r.clone(), r.clone());
    let who = if ingress { "Source" } else { "Destination" };
    view! {
        <div class="rule" role="group" aria-label=format!("{} rule {}", if ingress { "Inbound" } else { "Outbound" }, i + 1)>
            <div class="rule-line">
                <SelectField r=r.clone() label="Protocol" path=format!("{list}[{i}].protocol")
                    options=Signal::derive(|| Protocol::ALL.iter().map(|p| (p.as_aws().to_string(), p.label().to_string())).collect())
                    value=protocol
                    on_change=Callback::new(move |v: String| with_rule(editor, &r1, ingress, i, "Change protocol", |rule| {
                        let p = Protocol::from_aws(&v).unwrap_or(Protocol::Tcp);
                        if p != rule.protocol {
                            rule.protocol = p;
                            let (from, to) = match p { Protocol::All | Protocol::Icmp => (-1, -1), _ => (0, 0) };
                            (rule.from_port, rule.to_port) = (from, to);
                        }
                    }))/>
                {let r = r.clone(); move || has_ports.get().then(|| view! {
                    <TextField r=r.clone() path=format!("{list}[{i}].from_port") label="From port" mono=true/>
                    <TextField r=r.clone() path=format!("{list}[{i}].to_port") label="To port" mono=true/>
                })}
            </div>
            <div class="rule-line">
                <SelectField r=r.clone() label=who path=format!("{list}[{i}].peer_kind") options=groups value=peer_kind
                    on_change=Callback::new(move |v: String| with_rule(editor, &r2, ingress, i, "Change rule peer", |rule| {
                        rule.peer = match v.strip_prefix("sg:") {
                            Some(id) => Peer::SecurityGroup(Id::new(id)),
                            None => Peer::Cidr("0.0.0.0/0".into()),
                        }
                    }))/>
                {let r = r.clone(); move || is_cidr.get().then(|| view! {
                    <TextField r=r.clone() path=format!("{list}[{i}].peer") label="Block" mono=true placeholder="0.0.0.0/0"/>
                })}
            </div>
            <div class="rule-line">
                <TextField r=r.clone() path=format!("{list}[{i}].description") label="Description"/>
                <button class="btn small" aria-label=format!("Remove {list} rule {}", i + 1) on:click=move |_| editor.modify(&r3, "Remove rule", |e| {
                    if let Entity::SecurityGroup(g) = e {
                        let rules = if ingress { &mut g.ingress } else { &mut g.egress };
                        if i < rules.len() { rules.remove(i); }
                    }
                })>"Remove"</button>
            </div>
        </div>
    }
}

fn rules(editor: Editor, r: EntityRef, current: Current, ingress: bool) -> impl IntoView {
    let len = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::SecurityGroup(g)) => rules_of(g, ingress).len(),
            _ => 0,
        })
    });
    let r2 = r.clone();
    view! {
        <fieldset class="list">
            <legend>{if ingress { "Inbound rules" } else { "Outbound rules" }}</legend>
            {move || (len.get() == 0).then(|| view! {
                <p class="subtle">{if ingress { "No inbound traffic is allowed." } else { "No outbound traffic is allowed." }}</p>
            })}
            <For each=move || 0..len.get() key=|i| *i children=move |i| rule_row(editor, r.clone(), current, ingress, i)/>
            <button class="btn small" on:click=move |_| editor.modify(&r2, "Add rule", |e| if let Entity::SecurityGroup(g) = e {
                if ingress { g.ingress.push(Rule::tcp(443, Peer::Cidr("0.0.0.0/0".into()), "")) } else { g.egress.push(Rule::allow_all_egress()) }
            })>{if ingress { "Add inbound rule" } else { "Add outbound rule" }}</button>
        </fieldset>
    }
}

/// What the internet reaches of the group's workloads (or, used by none, what its
/// rules let in), in one line.
fn from_internet(editor: Editor, r: &EntityRef) -> impl IntoView {
    let id = r.id.clone();
    let line = Memo::new(move |_| {
        editor.doc.with(|t| {
            let g = t.security_groups.iter().position(|g| g.id == id)?;
            let open = reach::open(t, Endpoint::Internet, Endpoint::Group(g));
            Some(if open.is_empty() {
                "Not reachable from the internet".to_string()
            } else {
                format!("Reachable from the internet on {}", open_label(&open))
            })
        })
    });
    view! {
        <p class="note from-internet" data-testid="from-internet">{move || line.get()}</p>
    }
}

/// A security group.
pub fn security_group_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let vpc = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::SecurityGroup(g)) => g.vpc.to_string(),
            _ => String::new(),
        })
    });
    let r1 = r.clone();
    view! {
        <section class="form" aria-label="Security group fields">
            <TextField r=r.clone() path="name" label="Group name"/>
            <TextField r=r.clone() path="description" label="Description"/>
            <SelectField r=r.clone() label="VPC" path="vpc" options=vpc_options(editor) value=vpc
                on_change=Callback::new(move |v: String| editor.modify(&r1, "Move security group", |e| if let Entity::SecurityGroup(g) = e { g.vpc = Id::new(v) }))/>
            {from_internet(editor, &r)}
            {rules(editor, r.clone(), current, true)}
            {rules(editor, r, current, false)}
        </section>
    }
}
