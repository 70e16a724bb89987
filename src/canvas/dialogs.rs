//! The two questions the diagram asks: which traffic a new rule allows (after a drag
//! from one security group to another), and how large a new subnet is (after a "+"
//! on a zone column or on the VPC's edge for a new zone).

use leptos::prelude::*;
use netwright_core::edit::gestures::{self, SUBNET_PREFIXES};
use netwright_core::model::{parse_ports, EntityKind, EntityRef, Peer, Protocol, PORT_PRESETS};
use netwright_core::{catalog, cidr, Id};

use crate::dialog::Modal;
use crate::dialog::OpenDialog;
use crate::editor::use_editor;

/// The presets the connect dialog offers first, by their names in `PORT_PRESETS`.
const PRESETS: [&str; 6] = [
    "HTTP",
    "HTTPS",
    "SSH",
    "PostgreSQL",
    "MySQL/Aurora",
    "Redis",
];

/// `None` = custom.
fn preset(name: &str) -> Option<(Protocol, i32, i32)> {
    PORT_PRESETS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|&(_, p, a, b)| (p, a, b))
}

/// Asks for the protocol and ports of a rule allowing `source` into group `target`.
#[component]
pub fn ConnectDialog(source: Peer, target: Id) -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let name_of = move |id: &Id| {
        editor.doc.with_untracked(|t| {
            t.security_group(id)
                .map_or_else(|| id.to_string(), |g| g.name.clone())
        })
    };
    let from = match &source {
        Peer::SecurityGroup(id) => format!("group {}", name_of(id)),
        Peer::Cidr(block) if block == "0.0.0.0/0" => "the Internet (0.0.0.0/0)".to_string(),
        Peer::Cidr(block) => block.clone(),
    };
    let into = name_of(&target);
    let chosen = RwSignal::new(Some("HTTPS"));
    let protocol = RwSignal::new(Protocol::Tcp);
    let ports = RwSignal::new(String::from("8080"));
    let problem = RwSignal::new(None::<String>);
    let rule = Memo::new(move |_| match chosen.get() {
        Some(name) => preset(name).ok_or_else(|| format!("no preset {name}")),
        None => {
            let p = protocol.get();
            ports
                .with(|s| parse_ports(p, s))
                .map(|(a, b)| (p, a, b))
                .map_err(|e| e.to_string())
        }
    });
    let close = Callback::new(move |_| dialog.set(None));
    let (source2, target2) = (source.clone(), target.clone());
    let create = move || {
        let Ok((p, a, b)) = rule.get_untracked() else {
            return;
        };
        let edit = editor
            .doc
            .with_untracked(|t| gestures::connect(t, &source2, &target2, p, a, b));
        match edit {
            Ok(edit) => {
                let label = format!("Allow traffic into {}", name_of(&target2));
                if editor.apply(edit, &label) {
                    editor.select(Some(EntityRef::new(EntityKind::SecurityGroup, &target2)));
                    editor.info(format!("{label}: {} {}", p.label(), p.ports_label(a, b)));
                    dialog.set(None);
                }
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    let title = format!("Allow traffic into {into}");
    view! {
        <Modal title=title on_close=close>
            <form class="connect" on:submit=move |ev| { ev.prevent_default(); create(); }>
                <p>{format!("Adds an inbound rule to {into} allowing traffic from {from}.")}</p>
                <div class="presets" role="radiogroup" aria-label="Traffic">
                    {PRESETS.into_iter().map(|name| {
                        let (p, a, b) = preset(name).expect("the presets exist in the core's list");
                        view! {
                            <label class="preset" class:active=move || chosen.get() == Some(name)>
                                <input type="radio" name="preset" value=name prop:checked=move || chosen.get() == Some(name)
                                    on:change=move |_| { chosen.set(Some(name)); problem.set(None); }/>
                                <span class="preset-name">{name}</span>
                                <span class="subtle mono">{format!("{} {}", p.label(), p.ports_label(a, b))}</span>
                            </label>
                        }
                    }).collect_view()}
                    <label class="preset" class:active=move || chosen.get().is_none()>
                        <input type="radio" name="preset" value="custom" prop:checked=move || chosen.get().is_none()
                            on:change=move |_| { chosen.set(None); problem.set(None); }/>
                        <span class="preset-name">"Custom"</span>
                        <span class="subtle">"protocol and ports"</span>
                    </label>
                </div>
                <Show when=move || chosen.get().is_none()>
                    <div class="custom-rule">
                        <label>"Protocol"
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                protocol.set(Protocol::from_aws(&v).unwrap_or(Protocol::Tcp));
                            }>
                                {Protocol::ALL.into_iter().map(|p| view! {
                                    <option value=p.as_aws() selected=move || protocol.get() == p>{p.label()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{move || if protocol.get() == Protocol::Icmp { "ICMP type" } else { "Ports" }}
                            <input type="text" class="mono" prop:value=move || ports.get()
                                disabled=move || protocol.get() == Protocol::All
                                aria-invalid=move || rule.with(|r| r.is_err()).then_some("true")
                                on:input=move |ev| ports.set(event_target_value(&ev))/>
                        </label>
                        {move || rule.get().err().map(|e| view! { <p class="field-msg error" role="alert">{e}</p> })}
                    </div>
                </Show>
                {move || problem.get().map(|p| view! { <p class="field-msg error" role="alert">{p}</p> })}
                <div class="modal-actions">
                    <button type="button" class="btn" on:click=move |_| dialog.set(None)>"Cancel"</button>
                    <button type="submit" class="btn primary" disabled=move || rule.with(|r| r.is_err())>"Add rule"</button>
                </div>
            </form>
        </Modal>
    }
}

/// Asks for the zone and size of a new subnet in `vpc`; `zone` preselects a column,
/// `None` means a new zone.
#[component]
pub fn AddSubnetDialog(vpc: Id, zone: Option<String>) -> impl IntoView {
    let editor = use_editor();
    let dialog = expect_context::<OpenDialog>().0;
    let (region, vpc_name, used_zones, next) = editor.doc.with_untracked(|t| {
        let mut used: Vec<String> = t
            .subnets
            .iter()
            .filter(|s| s.vpc == vpc)
            .map(|s| s.availability_zone.clone())
            .collect();
        netwright_core::order::sort(&mut used);
        used.dedup();
        (
            t.region.clone(),
            t.vpc(&vpc)
                .map_or_else(|| vpc.to_string(), |v| v.name.clone()),
            used,
            gestures::next_zone(t, &vpc),
        )
    });
    let mut zones = catalog::availability_zones(&region);
    for z in &used_zones {
        if !zones.contains(z) {
            zones.push(z.clone());
        }
    }
    let title = match &zone {
        Some(z) => format!("Add a subnet to {z}"),
        None => "Add a subnet in another Availability Zone".to_string(),
    };
    let initial = zone
        .clone()
        .or(next.clone())
        .or_else(|| zones.first().cloned())
        .unwrap_or_default();
    let all_used = zone.is_none() && next.is_none();
    let chosen_zone = RwSignal::new(initial);
    let prefix = RwSignal::new(24u8);
    let vpc2 = vpc.clone();
    let plan = Memo::new(move |_| {
        let (z, p) = (chosen_zone.get(), prefix.get());
        editor
            .doc
            .with(|t| gestures::add_subnet(t, &vpc2, &z, p))
            .map(|(edit, r)| {
                let block = match &edit {
                    netwright_core::edit::Edit::Insert {
                        entity: netwright_core::edit::Entity::Subnet(s),
                        ..
                    } => s.cidr.clone(),
                    _ => String::new(),
                };
                (edit, r, block)
            })
    });
    let create = move || {
        let Ok((edit, r, block)) = plan.get_untracked() else {
            return;
        };
        let zone = chosen_zone.get_untracked();
        if editor.apply(edit, &format!("Add subnet in {zone}")) {
            editor.select(Some(r));
            editor.info(format!("Added subnet {block} in {zone}"));
            dialog.set(None);
        }
    };
    let free_text = zones.is_empty();
    view! {
        <Modal title=title on_close=Callback::new(move |_| dialog.set(None))>
            <form class="add-subnet" on:submit=move |ev| { ev.prevent_default(); create(); }>
                <p>{format!("A new subnet in VPC {vpc_name}, at the first free block of the size you choose.")}</p>
                {all_used.then(|| view! {
                    <p class="subtle">{format!("Every Availability Zone of {region} already has a subnet of this VPC; choose one.")}</p>
                })}
                <div class="wizard-grid">
                    <label>"Availability Zone"
                        {if free_text {
                            view! {
                                <input type="text" class="mono" prop:value=move || chosen_zone.get()
                                    on:input=move |ev| chosen_zone.set(event_target_value(&ev))/>
                            }.into_any()
                        } else {
                            view! {
                                <select on:change=move |ev| chosen_zone.set(event_target_value(&ev))>
                                    {zones.into_iter().map(|z| {
                                        let z2 = z.clone();
                                        let note = if used_zones.contains(&z) { "" } else { " (new column)" };
                                        view! { <option value=z.clone() selected=move || chosen_zone.get() == z2>{format!("{z}{note}")}</option> }
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        }}
                    </label>
                    <label>"Size"
                        <select on:change=move |ev| prefix.set(event_target_value(&ev).parse().unwrap_or(24))>
                            {SUBNET_PREFIXES.into_iter().map(|p| view! {
                                <option value=p.to_string() selected=move || prefix.get() == p>
                                    {format!("/{p} · {} usable", cidr::usable_addresses(p))}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="plan" aria-live="polite">
                        {move || match plan.get() {
                            Ok((_, _, block)) => view! { <p class="wizard-result">"Block: " <span class="mono">{block}</span></p> }.into_any(),
                            Err(why) => view! { <p class="wizard-result error" role="alert">{why}</p> }.into_any(),
                        }}
                    </div>
                </div>
                <div class="modal-actions">
                    <button type="button" class="btn" on:click=move |_| dialog.set(None)>"Cancel"</button>
                    <button type="submit" class="btn primary" disabled=move || plan.with(|p| p.is_err())>"Add subnet"</button>
                </div>
            </form>
        </Modal>
    }
}
