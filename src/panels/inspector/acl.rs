//! Inspector form for network ACLs: name, VPC, the subnets associated with it (a
//! subnet has one ACL, so checking one takes it off any other) and the entries of
//! both directions (see `acl_entries`).

use leptos::prelude::*;
use netwright_core::edit::{Edit, Entity};
use netwright_core::model::{AclDirection, EntityRef};
use netwright_core::Id;

use super::acl_entries::entries;
use super::{vpc_options, Current};
use crate::editor::Editor;
use crate::panels::fields::{field_dom_id, Messages, SelectField, TextField};

/// Associates `subnet` with the ACL `acl` (`on`), taking it off every other ACL, or
/// takes it off `acl` (the subnet then uses its VPC's default ACL). One step.
pub(crate) fn associate(editor: Editor, acl: &Id, subnet: &Id, on: bool) {
    let edits: Vec<Edit> = editor.doc.with_untracked(|t| {
        t.network_acls
            .iter()
            .filter(|x| on || x.id == *acl)
            .filter_map(|x| {
                let has = x.subnets.contains(subnet);
                let wants = on && x.id == *acl;
                if has == wants {
                    return None;
                }
                let mut x = x.clone();
                if wants {
                    x.subnets.push(subnet.clone());
                } else {
                    x.subnets.retain(|s| s != subnet);
                }
                Some(Edit::Update(Entity::NetworkAcl(x)))
            })
            .collect()
    });
    if edits.is_empty() {
        return;
    }
    let label = if on {
        "Associate subnet with network ACL"
    } else {
        "Take subnet off network ACL"
    };
    editor.apply(Edit::Batch(edits), label);
}

/// One subnet the ACL could hold: id, label, and the other ACL that holds it now.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: Id,
    label: String,
    elsewhere: Option<String>,
}

/// The associated subnets: a checkbox per subnet of the ACL's VPC.
fn subnets(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let candidates = {
        let acl = r.id.clone();
        Memo::new(move |_| {
            let vpc = current.with(|e| match e {
                Some(Entity::NetworkAcl(a)) => Some(a.vpc.clone()),
                _ => None,
            });
            editor.doc.with(|t| {
                t.subnets
                    .iter()
                    .filter(|s| Some(&s.vpc) == vpc.as_ref())
                    .map(|s| Candidate {
                        id: s.id.clone(),
                        label: format!("{} ({})", s.name, s.cidr),
                        elsewhere: t
                            .network_acls
                            .iter()
                            .find(|a| a.id != acl && a.subnets.contains(&s.id))
                            .map(|a| a.name.clone()),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let msg_id = field_dom_id(&r, "subnets-msg");
    let (r1, msg1) = (r.clone(), msg_id.clone());
    view! {
        <fieldset class="list" aria-describedby=msg_id.clone()>
            <legend>"Associated subnets " <span class="subtle">"(the others use the VPC's default ACL, which allows all)"</span></legend>
            {move || candidates.with(Vec::is_empty).then(|| view! {
                <p class="subtle">"The ACL's VPC has no subnets."</p>
            })}
            {move || candidates.get().into_iter().map(|c| {
                let r = r1.clone();
                let dom = field_dom_id(&r, &format!("subnets-{}", c.id));
                let note = c.elsewhere.as_ref().map(|other| format!("now on {other}; checking moves it here"));
                let checked = {
                    let id = c.id.clone();
                    move || current.with(|e| matches!(e, Some(Entity::NetworkAcl(a)) if a.subnets.contains(&id)))
                };
                let id = c.id.clone();
                view! {
                    <div class="field check">
                        <input type="checkbox" id=dom.clone() data-field="subnets" prop:checked=checked
                            on:change=move |ev| associate(editor, &r.id, &id, event_target_checked(&ev))/>
                        <label for=dom>{c.label}{note.map(|n| view! { <span class="elsewhere">{format!(" · {n}")}</span> })}</label>
                    </div>
                }
            }).collect_view()}
            <Messages r=r.clone() path="subnets" msg_id=msg1 items=true/>
        </fieldset>
    }
}

/// A network ACL.
pub fn network_acl_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let vpc = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::NetworkAcl(a)) => a.vpc.to_string(),
            _ => String::new(),
        })
    });
    let r1 = r.clone();
    let move_to_vpc = Callback::new(move |v: String| {
        let vpc = Id::new(v);
        let kept: Vec<Id> = editor.doc.with_untracked(|t| {
            t.subnets
                .iter()
                .filter(|s| s.vpc == vpc)
                .map(|s| s.id.clone())
                .collect()
        });
        // An ACL holds subnets of its own VPC only: the others go back to their default.
        editor.modify(&r1, "Move network ACL", |e| {
            if let Entity::NetworkAcl(a) = e {
                a.vpc = vpc;
                a.subnets.retain(|s| kept.contains(s));
            }
        });
    });
    view! {
        <section class="form" aria-label="Network ACL fields">
            <Messages r=r.clone() path="" msg_id=field_dom_id(&r, "whole-msg")/>
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r.clone() label="VPC" path="vpc" options=vpc_options(editor) value=vpc on_change=move_to_vpc/>
            {subnets(editor, r.clone(), current)}
            {entries(editor, r.clone(), current, AclDirection::Inbound)}
            {entries(editor, r, current, AclDirection::Outbound)}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netwright_core::edit::ops;
    use netwright_core::model::EntityKind;
    use netwright_core::templates::smartinvoice;

    #[test]
    fn checking_a_subnet_moves_it_from_another_acl_in_one_step() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        let mut ids = Vec::new();
        for _ in 0..2 {
            let (edit, r) = editor
                .doc
                .with_untracked(|t| ops::add(t, EntityKind::NetworkAcl, None))
                .unwrap();
            assert!(editor.apply(edit, "Add network ACL"));
            ids.push(r.id);
        }
        let subnet = Id::new("subnet-private-1a");
        let holders = |editor: &Editor| {
            editor.doc.with_untracked(|t| {
                t.network_acls
                    .iter()
                    .filter(|a| a.subnets.contains(&subnet))
                    .map(|a| a.id.clone())
                    .collect::<Vec<_>>()
            })
        };
        associate(editor, &ids[0], &subnet, true);
        assert_eq!(holders(&editor), vec![ids[0].clone()]);
        associate(editor, &ids[1], &subnet, true);
        assert_eq!(
            holders(&editor),
            vec![ids[1].clone()],
            "a subnet has one ACL"
        );
        editor.undo();
        assert_eq!(
            holders(&editor),
            vec![ids[0].clone()],
            "the move is one step"
        );
        associate(editor, &ids[0], &subnet, false);
        assert!(holders(&editor).is_empty());
        // Nothing to change: no step.
        let steps = editor.undo_redo_labels();
        associate(editor, &ids[1], &subnet, false);
        assert_eq!(editor.undo_redo_labels(), steps);
    }
}
