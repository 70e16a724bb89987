//! Commands on a network ACL's entries: add (numbered after the last), remove,
//! renumber (the entry moves to its place by number) and sort by number. Each is an
//! [`Edit::Update`] of the whole ACL, so its inverse restores the list exactly.

use super::{Edit, Entity};
use crate::model::{AclDirection, AclEntry, EntityKind, Id, NetworkAcl, Topology, MAX_RULE_NUMBER};

fn acl<'a>(t: &'a Topology, id: &Id) -> Result<&'a NetworkAcl, String> {
    t.network_acl(id).ok_or_else(|| {
        format!(
            "the design has no {} '{id}'",
            EntityKind::NetworkAcl.label()
        )
    })
}

/// Where an entry numbered `n` goes in a list kept in rule-number order: after every
/// entry with a number up to `n`.
fn place(entries: &[AclEntry], n: i32) -> usize {
    entries
        .iter()
        .rposition(|e| e.rule_number <= n)
        .map_or(0, |i| i + 1)
}

/// The number a new entry of `direction` gets: the next multiple of 100 above the
/// highest number in use (AWS's own convention, which leaves room in between), or,
/// past 32766, the lowest number not in use.
///
/// ```
/// use netwright_core::edit::ops::next_rule_number;
/// use netwright_core::model::{AclAction, AclDirection, AclEntry, NetworkAcl};
/// let mut acl = NetworkAcl::new("acl-1", "web", "vpc");
/// assert_eq!(next_rule_number(&acl, AclDirection::Inbound), 100);
/// acl.inbound.push(AclEntry::new(120, AclAction::Allow, "tcp", "443", "0.0.0.0/0"));
/// assert_eq!(next_rule_number(&acl, AclDirection::Inbound), 200);
/// ```
pub fn next_rule_number(acl: &NetworkAcl, direction: AclDirection) -> i32 {
    let entries = acl.entries(direction);
    let highest = entries.iter().map(|e| e.rule_number).max().unwrap_or(0);
    let next = (highest.max(0) / 100 + 1).saturating_mul(100);
    if next <= MAX_RULE_NUMBER {
        return next;
    }
    (1..=MAX_RULE_NUMBER)
        .find(|n| entries.iter().all(|e| e.rule_number != *n))
        .unwrap_or(MAX_RULE_NUMBER)
}

/// Adds `entry` to the ACL's `direction` list at its place by rule number; an entry
/// numbered 0 or below gets [`next_rule_number`]. Returns the edit and the entry's
/// index in the list after the edit.
///
/// ```
/// use netwright_core::edit::ops::{add, add_acl_entry};
/// use netwright_core::model::{AclAction, AclDirection, AclEntry, EntityKind};
/// let mut t = netwright_core::templates::smartinvoice();
/// let (edit, acl) = add(&t, EntityKind::NetworkAcl, None).unwrap();
/// edit.apply(&mut t).unwrap();
/// let deny = AclEntry::new(0, AclAction::Deny, "tcp", "22", "0.0.0.0/0");
/// let (edit, at) = add_acl_entry(&t, &acl.id, AclDirection::Inbound, deny).unwrap();
/// edit.apply(&mut t).unwrap();
/// assert_eq!(t.network_acl(&acl.id).unwrap().inbound[at].rule_number, 200);
/// ```
pub fn add_acl_entry(
    t: &Topology,
    acl_id: &Id,
    direction: AclDirection,
    mut entry: AclEntry,
) -> Result<(Edit, usize), String> {
    let mut a = acl(t, acl_id)?.clone();
    if entry.rule_number <= 0 {
        entry.rule_number = next_rule_number(&a, direction);
    }
    let list = a.entries_mut(direction);
    let at = place(list, entry.rule_number);
    list.insert(at, entry);
    Ok((Edit::Update(Entity::NetworkAcl(a)), at))
}

/// Removes the entry at `index` of the ACL's `direction` list.
pub fn remove_acl_entry(
    t: &Topology,
    acl_id: &Id,
    direction: AclDirection,
    index: usize,
) -> Result<Edit, String> {
    let mut a = acl(t, acl_id)?.clone();
    let list = a.entries_mut(direction);
    if index >= list.len() {
        return Err(format!(
            "the ACL has no {} entry {}",
            direction.field(),
            index + 1
        ));
    }
    list.remove(index);
    Ok(Edit::Update(Entity::NetworkAcl(a)))
}

/// Gives the entry at `index` the rule number `number` and moves it to its place by
/// number among the others (which keep their order). Returns the edit and the
/// entry's new index.
///
/// ```
/// use netwright_core::edit::ops::renumber_acl_entry;
/// use netwright_core::model::{AclAction, AclDirection, AclEntry, NetworkAcl, Topology};
/// let mut t = Topology::new("d", "us-east-1");
/// let mut acl = NetworkAcl::new("acl-1", "web", "vpc");
/// for n in [100, 200, 300] {
///     acl.inbound.push(AclEntry::new(n, AclAction::Allow, "tcp", "443", "0.0.0.0/0"));
/// }
/// t.network_acls.push(acl);
/// let id = t.network_acls[0].id.clone();
/// let (edit, at) = renumber_acl_entry(&t, &id, AclDirection::Inbound, 2, 150).unwrap();
/// edit.apply(&mut t).unwrap();
/// let numbers: Vec<i32> = t.network_acls[0].inbound.iter().map(|e| e.rule_number).collect();
/// assert_eq!((numbers, at), (vec![100, 150, 200], 1));
/// ```
pub fn renumber_acl_entry(
    t: &Topology,
    acl_id: &Id,
    direction: AclDirection,
    index: usize,
    number: i32,
) -> Result<(Edit, usize), String> {
    let mut a = acl(t, acl_id)?.clone();
    let list = a.entries_mut(direction);
    if index >= list.len() {
        return Err(format!(
            "the ACL has no {} entry {}",
            direction.field(),
            index + 1
        ));
    }
    let mut entry = list.remove(index);
    entry.rule_number = number;
    let at = place(list, number);
    list.insert(at, entry);
    Ok((Edit::Update(Entity::NetworkAcl(a)), at))
}

/// Sorts the ACL's `direction` entries by rule number (entries with the same number
/// keep their order), so the list reads in evaluation order. `None` when it already does.
pub fn sort_acl_entries(t: &Topology, acl_id: &Id, direction: AclDirection) -> Option<Edit> {
    let a = t.network_acl(acl_id)?;
    let order = a.evaluation_order(direction);
    if order.iter().enumerate().all(|(i, j)| i == *j) {
        return None;
    }
    let mut a = a.clone();
    let old = a.entries(direction).to_vec();
    *a.entries_mut(direction) = order.into_iter().map(|i| old[i].clone()).collect();
    Some(Edit::Update(Entity::NetworkAcl(a)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AclAction;

    fn design() -> (Topology, Id) {
        let mut t = Topology::new("d", "us-east-1");
        let mut a = NetworkAcl::new("acl-1", "web", "vpc");
        for n in [300, 100, 200] {
            a.outbound
                .push(AclEntry::new(n, AclAction::Allow, "all", "", "0.0.0.0/0"));
        }
        t.network_acls.push(a);
        (t, Id::new("acl-1"))
    }

    fn numbers(t: &Topology) -> Vec<i32> {
        t.network_acls[0]
            .outbound
            .iter()
            .map(|e| e.rule_number)
            .collect()
    }

    #[test]
    fn every_entry_command_undoes_exactly() {
        let (t0, id) = design();
        let out = AclDirection::Outbound;
        let entry = AclEntry::new(150, AclAction::Deny, "tcp", "25", "0.0.0.0/0");
        let edits = vec![
            add_acl_entry(&t0, &id, out, entry).unwrap().0,
            remove_acl_entry(&t0, &id, out, 1).unwrap(),
            renumber_acl_entry(&t0, &id, out, 0, 50).unwrap().0,
            sort_acl_entries(&t0, &id, out).unwrap(),
        ];
        for edit in edits {
            let mut t = t0.clone();
            let inverse = edit.clone().apply(&mut t).unwrap();
            assert_ne!(t, t0, "{edit:?}");
            inverse.apply(&mut t).unwrap();
            assert_eq!(t, t0);
        }
    }

    #[test]
    fn sorting_and_renumbering_order_by_number() {
        let (mut t, id) = design();
        let out = AclDirection::Outbound;
        sort_acl_entries(&t, &id, out)
            .unwrap()
            .apply(&mut t)
            .unwrap();
        assert_eq!(numbers(&t), [100, 200, 300]);
        assert!(sort_acl_entries(&t, &id, out).is_none());
        let (e, at) = renumber_acl_entry(&t, &id, out, 0, 250).unwrap();
        e.apply(&mut t).unwrap();
        assert_eq!((numbers(&t), at), (vec![200, 250, 300], 1));
        let (e, at) = add_acl_entry(
            &t,
            &id,
            out,
            AclEntry::new(0, AclAction::Deny, "all", "", "0.0.0.0/0"),
        )
        .unwrap();
        e.apply(&mut t).unwrap();
        assert_eq!((numbers(&t), at), (vec![200, 250, 300, 400], 3));
    }

    #[test]
    fn bad_targets_are_refused() {
        let (t, id) = design();
        assert!(remove_acl_entry(&t, &id, AclDirection::Inbound, 0).is_err());
        assert!(renumber_acl_entry(&t, &id, AclDirection::Outbound, 9, 1).is_err());
        assert!(add_acl_entry(
            &t,
            &Id::new("nope"),
            AclDirection::Inbound,
            AclEntry::new(1, AclAction::Allow, "all", "", "0.0.0.0/0")
        )
        .is_err());
    }

    #[test]
    fn numbers_stay_in_range_when_the_top_is_taken() {
        let mut a = NetworkAcl::new("a", "a", "v");
        a.inbound.push(AclEntry::new(
            MAX_RULE_NUMBER,
            AclAction::Allow,
            "all",
            "",
            "0.0.0.0/0",
        ));
        a.inbound
            .push(AclEntry::new(1, AclAction::Allow, "all", "", "0.0.0.0/0"));
        assert_eq!(next_rule_number(&a, AclDirection::Inbound), 2);
    }
}
