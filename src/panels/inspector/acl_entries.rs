//! A network ACL's entry table for one direction: one row per entry in rule-number
//! order (the order AWS evaluates them), ending with the implicit final deny. Each
//! field writes through the core's field paths (`inbound[2].ports`), so diagnostics
//! show inline; a new entry takes the next hundred; a changed number moves its row
//! to its place when the number is committed, in the same undo step as the typing.

use leptos::prelude::*;
use netwright_core::edit::{ops, Entity};
use netwright_core::model::{
    AclAction, AclDirection, AclEntry, AclProtocol, EntityRef, NetworkAcl,
};
use wasm_bindgen::JsCast;

use super::Current;
use crate::editor::{typing_key, Editor};
use crate::panels::fields::{field_dom_id, Messages, SelectField, TextField};

/// The protocol menu's value for what an entry holds: a known name, or `number` for
/// any other protocol number (and for text that does not parse, so its error shows).
fn protocol_choice(entry: &AclEntry) -> &'static str {
    match entry.protocol() {
        Ok(AclProtocol::Tcp) => "tcp",
        Ok(AclProtocol::Udp) => "udp",
        Ok(AclProtocol::Icmp) => "icmp",
        Ok(AclProtocol::Icmpv6) => "icmpv6",
        Ok(AclProtocol::All) => "all",
        Ok(AclProtocol::Number(_)) | Err(_) => "number",
    }
}

/// The protocol menu.
const PROTOCOLS: [(&str, &str); 6] = [
    ("tcp", "TCP (6)"),
    ("udp", "UDP (17)"),
    ("icmp", "ICMP (1)"),
    ("icmpv6", "ICMPv6 (58)"),
    ("all", "All traffic"),
    ("number", "Other, by number"),
];

/// An entry with the protocol chosen from the menu: ports are kept between TCP and
/// UDP, set to `all` when a protocol with ports replaces one without, and cleared
/// (with the ICMP type and code back to any) for protocols that take none.
pub fn with_protocol(entry: &AclEntry, choice: &str) -> AclEntry {
    let mut e = entry.clone();
    let had_ports = entry.protocol().is_ok_and(AclProtocol::has_ports);
    e.protocol = if choice == "number" {
        String::new()
    } else {
        choice.to_string()
    };
    match e.protocol() {
        Ok(p) if p.has_ports() => {
            if !had_ports || e.ports.trim().is_empty() {
                e.ports = "all".into();
            }
        }
        _ => e.ports.clear(),
    }
    if !e.protocol().is_ok_and(AclProtocol::has_icmp) {
        e.icmp_type = -1;
        e.icmp_code = -1;
    }
    e
}

/// What a new entry of `direction` holds before the person edits it: HTTPS in from
/// anywhere, or return traffic out to the ephemeral ports (AWS's own examples).
pub fn new_entry(direction: AclDirection) -> AclEntry {
    match direction {
        AclDirection::Inbound => AclEntry::new(0, AclAction::Allow, "tcp", "443", "0.0.0.0/0"),
        AclDirection::Outbound => {
            AclEntry::new(0, AclAction::Allow, "tcp", "1024-65535", "0.0.0.0/0")
        }
    }
}

fn acl_of(e: &Option<Entity>) -> Option<&NetworkAcl> {
    match e {
        Some(Entity::NetworkAcl(a)) => Some(a),
        _ => None,
    }
}

fn title(direction: AclDirection) -> &'static str {
    match direction {
        AclDirection::Inbound => "Inbound",
        AclDirection::Outbound => "Outbound",
    }
}

/// After entry `from` moved to `to`, keeps the keyboard on the field it was in.
fn follow_focus(list: &'static str, from: usize, to: usize) {
    if from == to {
        return;
    }
    let old = format!("{list}[{from}].");
    request_animation_frame(move || {
        let Some(active) = document().active_element() else {
            return;
        };
        let Some(rest) = active
            .get_attribute("data-field")
            .and_then(|f| f.strip_prefix(&old).map(str::to_string))
        else {
            return;
        };
        let selector = format!("#inspector [data-field=\"{list}[{to}].{rest}\"]");
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Focuses the rule number of entry `i` once it is drawn.
fn focus_number(list: &'static str, i: usize) {
    request_animation_frame(move || {
        let selector = format!("#inspector [data-field=\"{list}[{i}].rule_number\"]");
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// One entry's row.
fn entry_row(
    editor: Editor,
    r: EntityRef,
    current: Current,
    direction: AclDirection,
    i: usize,
) -> impl IntoView {
    let list = direction.field();
    let entry = Memo::new(move |_| {
        current.with(|e| acl_of(e).and_then(|a| a.entries(direction).get(i).cloned()))
    });
    let number = Memo::new(move |_| entry.with(|e| e.as_ref().map_or(0, |e| e.rule_number)));
    let deny =
        Memo::new(move |_| entry.with(|e| e.as_ref().is_some_and(|e| e.action == AclAction::Deny)));
    let choice = Memo::new(move |_| entry.with(|e| e.as_ref().map_or("tcp", protocol_choice)));
    let shows_ports = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref().is_some_and(|e| {
                e.protocol().is_ok_and(AclProtocol::has_ports) || !e.ports.trim().is_empty()
            })
        })
    });
    let shows_icmp = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.protocol().is_ok_and(AclProtocol::has_icmp))
        })
    });
    let path = move |field: &str| format!("{list}[{i}].{field}");
    let set = {
        let r = r.clone();
        move |field: &'static str, label: &'static str, value: String| {
            let edit = editor
                .doc
                .with_untracked(|t| ops::set_field(t, &r, &path(field), &value));
            if let Some(edit) = edit {
                editor.apply(edit, label);
            }
        }
    };
    let set_action = set.clone();
    let (r_protocol, r_commit, r_remove) = (r.clone(), r.clone(), r.clone());
    // A committed number sorts the list, joining the typing's undo step, and the row
    // moves to its place (the keyboard follows it).
    let commit = Callback::new(move |()| {
        let moved = editor.doc.with_untracked(|t| {
            let a = t.network_acl(&r_commit.id)?;
            let to = a.evaluation_order(direction).iter().position(|j| *j == i)?;
            Some((ops::sort_acl_entries(t, &r_commit.id, direction)?, to))
        });
        if let Some((edit, to)) = moved {
            let key = typing_key(&r_commit, &path("rule_number"));
            if editor.apply_typing(edit, "Renumber ACL entry", &key) {
                follow_focus(list, i, to);
            }
        }
    });
    let who = match direction {
        AclDirection::Inbound => "Source",
        AclDirection::Outbound => "Destination",
    };
    let row_msg = field_dom_id(&r, &format!("{list}-{i}-msg"));
    view! {
        <div class="rule acl-entry" class:deny=move || deny.get() role="group"
            aria-label=move || format!("{} entry {}", title(direction), number.get())>
            <div class="rule-line">
                <div class="number">
                    <TextField r=r.clone() path=path("rule_number") label="Rule #" mono=true on_commit=commit/>
                </div>
                <SelectField r=r.clone() label="Action" path=path("action")
                    options=Signal::derive(|| vec![("allow".into(), "Allow".into()), ("deny".into(), "Deny".into())])
                    value=Signal::derive(move || entry.with(|e| e.as_ref().map_or("allow", |e| e.action.as_aws()).to_string()))
                    on_change=Callback::new(move |v: String| set_action("action", "Change ACL entry action", v))/>
                <SelectField r=r.clone() label="Protocol" path=path("protocol")
                    options=Signal::derive(|| PROTOCOLS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect())
                    value=Signal::derive(move || choice.get().to_string())
                    on_change=Callback::new(move |v: String| editor.modify(&r_protocol, "Change ACL entry protocol", |e| {
                        if let Entity::NetworkAcl(a) = e {
                            if let Some(entry) = a.entries_mut(direction).get_mut(i) {
                                *entry = with_protocol(entry, &v);
                            }
                        }
                    }))/>
            </div>
            {let r = r.clone(); move || (choice.get() == "number").then(|| view! {
                <div class="rule-line">
                    <TextField r=r.clone() path=path("protocol") label="Protocol number" mono=true placeholder="0-255, e.g. 47 (GRE)"/>
                </div>
            })}
            <div class="rule-line">
                {let r = r.clone(); move || shows_ports.get().then(|| view! {
                    <TextField r=r.clone() path=path("ports") label="Ports" mono=true placeholder="443, 1024-65535 or all"/>
                })}
                {let r = r.clone(); move || shows_icmp.get().then(|| view! {
                    <TextField r=r.clone() path=path("icmp_type") label="ICMP type" mono=true placeholder="-1 (any)"/>
                    <TextField r=r.clone() path=path("icmp_code") label="ICMP code" mono=true placeholder="-1 (any)"/>
                })}
            </div>
            <div class="rule-line">
                <TextField r=r.clone() path=path("cidr") label=who mono=true placeholder="0.0.0.0/0 or ::/0"/>
                <button class="btn small" aria-label=move || format!("Remove {list} entry {}", number.get())
                    on:click=move |_| {
                        match editor.doc.with_untracked(|t| ops::remove_acl_entry(t, &r_remove.id, direction, i)) {
                            Ok(edit) => { editor.apply(edit, "Remove ACL entry"); }
                            Err(why) => editor.error(why),
                        }
                    }>"Remove"</button>
            </div>
            <Messages r=r path=format!("{list}[{i}]") msg_id=row_msg/>
        </div>
    }
}

/// The entry table of one direction, with the add button.
pub fn entries(
    editor: Editor,
    r: EntityRef,
    current: Current,
    direction: AclDirection,
) -> impl IntoView {
    let list = direction.field();
    let len =
        Memo::new(move |_| current.with(|e| acl_of(e).map_or(0, |a| a.entries(direction).len())));
    let sorted = Memo::new(move |_| {
        current.with(|e| {
            acl_of(e).is_none_or(|a| {
                a.evaluation_order(direction)
                    .iter()
                    .enumerate()
                    .all(|(i, j)| i == *j)
            })
        })
    });
    let next = Memo::new(move |_| {
        current.with(|e| acl_of(e).map_or(100, |a| ops::next_rule_number(a, direction)))
    });
    let (r_add, r_sort, r_rows) = (r.clone(), r.clone(), r.clone());
    let add = move |_| {
        let added = editor
            .doc
            .with_untracked(|t| ops::add_acl_entry(t, &r_add.id, direction, new_entry(direction)));
        match added {
            Ok((edit, at)) => {
                if editor.apply(edit, "Add ACL entry") {
                    focus_number(list, at);
                }
            }
            Err(why) => editor.error(why),
        }
    };
    let sort = Callback::new(move |()| {
        if let Some(edit) = editor
            .doc
            .with_untracked(|t| ops::sort_acl_entries(t, &r_sort.id, direction))
        {
            editor.apply(edit, "Sort ACL entries by number");
        }
    });
    let msg_id = field_dom_id(&r, &format!("{list}-msg"));
    view! {
        <fieldset class="list acl-entries" aria-describedby=msg_id.clone()>
            <legend>{format!("{} entries ", title(direction))}<span class="subtle">"(by rule number, first match decides)"</span></legend>
            {move || (!sorted.get()).then(|| view! {
                <p class="subtle">"These entries are not listed in rule order. "
                    <button class="btn small" on:click=move |_| sort.run(())>"Sort by rule number"</button></p>
            })}
            <For each=move || 0..len.get() key=|i| *i children=move |i| entry_row(editor, r_rows.clone(), current, direction, i)/>
            <p class="acl-final" title="AWS ends every network ACL with this rule; it cannot be changed">
                <span class="mono">"*"</span>" Deny all other traffic"</p>
            <Messages r=r path=list msg_id=msg_id.clone()/>
            <button class="btn small" on:click=add title=move || format!("Add an entry numbered {}", next.get())>
                {format!("Add {list} entry")}</button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protocol_menu_keeps_ports_between_tcp_and_udp_and_clears_them_otherwise() {
        let mut e = AclEntry::new(100, AclAction::Deny, "tcp", "22", "0.0.0.0/0");
        e.icmp_type = 8;
        let udp = with_protocol(&e, "udp");
        assert_eq!((udp.protocol.as_str(), udp.ports.as_str()), ("udp", "22"));
        assert_eq!((udp.icmp_type, udp.icmp_code), (-1, -1));
        let icmp = with_protocol(&udp, "icmp");
        assert_eq!((icmp.protocol.as_str(), icmp.ports.as_str()), ("icmp", ""));
        assert_eq!(protocol_choice(&icmp), "icmp");
        let back = with_protocol(&icmp, "tcp");
        assert_eq!(back.ports, "all", "a protocol with ports gets all of them");
        assert!(back.is_well_formed());
        let all = with_protocol(&back, "all");
        assert_eq!((all.protocol.as_str(), all.ports.as_str()), ("all", ""));
        assert!(all.is_well_formed());
        // "Other" leaves the number to type, and shows the number field.
        let other = with_protocol(&all, "number");
        assert_eq!(other.protocol, "");
        assert_eq!(protocol_choice(&other), "number");
        let mut gre = other.clone();
        gre.protocol = "47".into();
        assert_eq!(protocol_choice(&gre), "number");
        gre.protocol = "6".into();
        assert_eq!(
            protocol_choice(&gre),
            "tcp",
            "a number the menu names shows by name"
        );
    }

    #[test]
    fn new_entries_are_well_formed_and_numbered_by_the_core() {
        for d in AclDirection::BOTH {
            let e = new_entry(d);
            assert!(e.is_well_formed(), "{e:?}");
            assert_eq!(e.rule_number, 0, "0 asks add_acl_entry for the next number");
        }
    }
}
