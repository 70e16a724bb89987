//! Writing a typed value into a field named by a diagnostic's path
//! (`cidr`, `routes[0].destination`, `ingress[1].peer`, `inbound[0].ports`), for
//! one-click fixes and the inspector's text fields.

use super::{Edit, Entity};
use crate::model::{
    AclAction, AclEntry, EntityKind, EntityRef, Peer, Rule, Topology, WorkloadKind,
};

/// Splits `ingress[1].peer` into `[("ingress", Some(1)), ("peer", None)]`.
fn segments(path: &str) -> Option<Vec<(&str, Option<usize>)>> {
    path.split('.')
        .map(|seg| match seg.split_once('[') {
            Some((name, rest)) => {
                let index = rest.strip_suffix(']')?.parse().ok()?;
                Some((name, Some(index)))
            }
            None => Some((seg, None)),
        })
        .collect()
}

fn set_rule(rule: &mut Rule, field: &str, value: &str) -> Option<()> {
    match field {
        "peer" => rule.peer = Peer::Cidr(value.to_string()),
        "description" => rule.description = value.to_string(),
        "from_port" => rule.from_port = value.trim().parse().ok()?,
        "to_port" => rule.to_port = value.trim().parse().ok()?,
        _ => return None,
    }
    Some(())
}

fn set_entry(entry: &mut AclEntry, field: &str, value: &str) -> Option<()> {
    match field {
        "rule_number" => entry.rule_number = value.trim().parse().ok()?,
        "action" => entry.action = parse_action(value)?,
        "protocol" => entry.protocol = value.to_string(),
        "ports" => entry.ports = value.to_string(),
        "cidr" => entry.cidr = value.to_string(),
        "icmp_type" => entry.icmp_type = value.trim().parse().ok()?,
        "icmp_code" => entry.icmp_code = value.trim().parse().ok()?,
        _ => return None,
    }
    Some(())
}

fn get_entry(entry: &AclEntry, field: &str) -> Option<String> {
    Some(match field {
        "rule_number" => entry.rule_number.to_string(),
        "action" => entry.action.as_aws().to_string(),
        "protocol" => entry.protocol.clone(),
        "ports" => entry.ports.clone(),
        "cidr" => entry.cidr.clone(),
        "icmp_type" => entry.icmp_type.to_string(),
        "icmp_code" => entry.icmp_code.to_string(),
        _ => return None,
    })
}

fn parse_action(value: &str) -> Option<AclAction> {
    match value.trim() {
        v if v.eq_ignore_ascii_case("allow") => Some(AclAction::Allow),
        v if v.eq_ignore_ascii_case("deny") => Some(AclAction::Deny),
        _ => None,
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

fn set_item(list: &mut [String], index: Option<usize>, value: &str) -> Option<()> {
    *list.get_mut(index?)? = value.to_string();
    Some(())
}

/// The edit that writes `value` into the text or number field at `path` of entity `r`,
/// or `None` when the path names no such field. Fields that hold references (a VPC, a
/// target) are never written from text.
///
/// ```
/// use netwright_core::edit::ops::set_field;
/// use netwright_core::model::{EntityKind, EntityRef};
/// let mut t = netwright_core::templates::smartinvoice();
/// let rt = EntityRef::new(EntityKind::RouteTable, &netwright_core::Id::new("rt-public"));
/// set_field(&t, &rt, "routes[0].destination", "0.0.0.0/0").unwrap().apply(&mut t).unwrap();
/// assert!(set_field(&t, &rt, "routes[7].destination", "x").is_none());
/// assert!(set_field(&t, &rt, "vpc", "x").is_none());
/// ```
pub fn set_field(t: &Topology, r: &EntityRef, path: &str, value: &str) -> Option<Edit> {
    let segs = segments(path)?;
    if r.kind == EntityKind::Design {
        let (mut name, mut region) = (t.name.clone(), t.region.clone());
        match segs.as_slice() {
            [("name", None)] => name = value.to_string(),
            [("region", None)] => region = value.to_string(),
            _ => return None,
        }
        return Some(Edit::SetDesign { name, region });
    }
    let (_, mut entity) = Entity::get(t, r)?;
    let v = value.to_string();
    match (&mut entity, segs.as_slice()) {
        (e, [("name", None)]) => e.set_name(v),
        (Entity::Vpc(vpc), [("cidr", None)]) => vpc.cidr = v,
        (Entity::Vpc(vpc), [("secondary_cidrs", i)]) => {
            set_item(&mut vpc.secondary_cidrs, *i, value)?
        }
        (Entity::Subnet(s), [("cidr", None)]) => s.cidr = v,
        (Entity::Subnet(s), [("availability_zone", None)]) => s.availability_zone = v,
        (
            Entity::NatGateway(n),
            [("elastic_ip", None)] | [("elastic_ip", None), ("name", None)],
        ) => n.elastic_ip.as_mut()?.name = v,
        (Entity::RouteTable(rt), [("routes", Some(i)), ("destination", None)]) => {
            rt.routes.get_mut(*i)?.destination = v
        }
        (Entity::SecurityGroup(g), [("description", None)]) => g.description = v,
        (Entity::SecurityGroup(g), [(list @ ("ingress" | "egress"), Some(i)), (field, None)]) => {
            let rules = if *list == "ingress" {
                &mut g.ingress
            } else {
                &mut g.egress
            };
            set_rule(rules.get_mut(*i)?, field, value)?
        }
        (Entity::NetworkAcl(a), [(list @ ("inbound" | "outbound"), Some(i)), (field, None)]) => {
            let entries = if *list == "inbound" {
                &mut a.inbound
            } else {
                &mut a.outbound
            };
            set_entry(entries.get_mut(*i)?, field, value)?
        }
        (Entity::Workload(w), [("kind", None)]) => w.kind = WorkloadKind::parse(value.trim())?,
        (Entity::Workload(w), [("internet_facing", None)]) => {
            w.internet_facing = parse_bool(value)?
        }
        (Entity::IamRole(role), [("description", None)]) => role.description = v,
        (Entity::IamRole(role), [("managed_policies", i)]) => {
            set_item(&mut role.managed_policies, *i, value)?
        }
        (Entity::IamRole(role), [("trusted_services", i)]) => {
            set_item(&mut role.trusted_services, *i, value)?
        }
        _ => return None,
    }
    Some(Edit::Update(entity))
}

/// The current text of the field at `path` of entity `r` (what [`set_field`] writes),
/// or `None` when the path names no such field.
///
/// ```
/// use netwright_core::edit::ops::get_field;
/// use netwright_core::model::{EntityKind, EntityRef};
/// let t = netwright_core::templates::smartinvoice();
/// let sg = EntityRef::new(EntityKind::SecurityGroup, &netwright_core::Id::new("sg-alb"));
/// assert_eq!(get_field(&t, &sg, "ingress[1].to_port").as_deref(), Some("443"));
/// ```
pub fn get_field(t: &Topology, r: &EntityRef, path: &str) -> Option<String> {
    let segs = segments(path)?;
    if r.kind == EntityKind::Design {
        return match segs.as_slice() {
            [("name", None)] => Some(t.name.clone()),
            [("region", None)] => Some(t.region.clone()),
            _ => None,
        };
    }
    let (_, entity) = Entity::get(t, r)?;
    let rule = |rules: &[Rule], i: usize, field: &str| {
        let rule = rules.get(i)?;
        Some(match field {
            "peer" => match &rule.peer {
                Peer::Cidr(c) => c.clone(),
                Peer::SecurityGroup(_) => return None,
            },
            "description" => rule.description.clone(),
            "from_port" => rule.from_port.to_string(),
            "to_port" => rule.to_port.to_string(),
            _ => return None,
        })
    };
    match (&entity, segs.as_slice()) {
        (e, [("name", None)]) => Some(e.name().to_string()),
        (Entity::Vpc(vpc), [("cidr", None)]) => Some(vpc.cidr.clone()),
        (Entity::Vpc(vpc), [("secondary_cidrs", Some(i))]) => vpc.secondary_cidrs.get(*i).cloned(),
        (Entity::Subnet(s), [("cidr", None)]) => Some(s.cidr.clone()),
        (Entity::Subnet(s), [("availability_zone", None)]) => Some(s.availability_zone.clone()),
        (
            Entity::NatGateway(n),
            [("elastic_ip", None)] | [("elastic_ip", None), ("name", None)],
        ) => n.elastic_ip.as_ref().map(|e| e.name.clone()),
        (Entity::RouteTable(rt), [("routes", Some(i)), ("destination", None)]) => {
            rt.routes.get(*i).map(|r| r.destination.clone())
        }
        (Entity::SecurityGroup(g), [("description", None)]) => Some(g.description.clone()),
        (Entity::SecurityGroup(g), [("ingress", Some(i)), (field, None)]) => {
            rule(&g.ingress, *i, field)
        }
        (Entity::SecurityGroup(g), [("egress", Some(i)), (field, None)]) => {
            rule(&g.egress, *i, field)
        }
        (Entity::NetworkAcl(a), [("inbound", Some(i)), (field, None)]) => {
            get_entry(a.inbound.get(*i)?, field)
        }
        (Entity::NetworkAcl(a), [("outbound", Some(i)), (field, None)]) => {
            get_entry(a.outbound.get(*i)?, field)
        }
        (Entity::Workload(w), [("kind", None)]) => Some(w.kind.as_str().to_string()),
        (Entity::Workload(w), [("internet_facing", None)]) => Some(w.internet_facing.to_string()),
        (Entity::IamRole(role), [("description", None)]) => Some(role.description.clone()),
        (Entity::IamRole(role), [("managed_policies", Some(i))]) => {
            role.managed_policies.get(*i).cloned()
        }
        (Entity::IamRole(role), [("trusted_services", Some(i))]) => {
            role.trusted_services.get(*i).cloned()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::smartinvoice;
    use crate::Id;

    fn r(kind: EntityKind, id: &str) -> EntityRef {
        EntityRef::new(kind, &Id::new(id))
    }

    #[test]
    fn paths_reach_nested_fields() {
        let mut t = smartinvoice();
        for (target, path, value) in [
            (
                r(EntityKind::SecurityGroup, "sg-alb"),
                "ingress[1].peer",
                "10.0.0.0/8",
            ),
            (
                r(EntityKind::SecurityGroup, "sg-alb"),
                "ingress[0].to_port",
                "81",
            ),
            (
                r(EntityKind::IamRole, "role-eb-ec2"),
                "managed_policies[0]",
                "IAMReadOnlyAccess",
            ),
            (r(EntityKind::NatGateway, "nat"), "elastic_ip", "eip-2"),
            (EntityRef::design(), "region", "us-east-1"),
            (
                r(EntityKind::Subnet, "subnet-public-1a"),
                "availability_zone",
                "x-1a",
            ),
        ] {
            set_field(&t, &target, path, value)
                .unwrap_or_else(|| panic!("{path}"))
                .apply(&mut t)
                .unwrap();
        }
        let alb = t.security_group(&Id::new("sg-alb")).unwrap();
        assert_eq!(alb.ingress[1].peer, Peer::Cidr("10.0.0.0/8".into()));
        assert_eq!(alb.ingress[0].to_port, 81);
        assert_eq!(t.iam_roles[0].managed_policies[0], "IAMReadOnlyAccess");
        assert_eq!(t.nat_gateways[0].elastic_ip.as_ref().unwrap().name, "eip-2");
        assert_eq!(t.region, "us-east-1");
    }

    #[test]
    fn get_reads_what_set_writes() {
        let t0 = smartinvoice();
        for (target, path) in [
            (r(EntityKind::SecurityGroup, "sg-alb"), "ingress[1].peer"),
            (
                r(EntityKind::SecurityGroup, "sg-alb"),
                "egress[0].description",
            ),
            (r(EntityKind::Vpc, "vpc"), "cidr"),
            (r(EntityKind::IamRole, "role-eb-ec2"), "trusted_services[0]"),
            (EntityRef::design(), "name"),
        ] {
            let mut t = t0.clone();
            set_field(&t, &target, path, "7")
                .unwrap()
                .apply(&mut t)
                .unwrap();
            assert_eq!(get_field(&t, &target, path).as_deref(), Some("7"), "{path}");
        }
        let backend = r(EntityKind::SecurityGroup, "sg-backend");
        assert_eq!(get_field(&t0, &backend, "ingress[0].peer"), None);
        assert_eq!(get_field(&t0, &backend, "vpc"), None);
    }

    #[test]
    fn acl_entries_and_workloads_read_what_they_write() {
        let mut t = smartinvoice();
        let (e, acl) = super::super::ops::add(&t, EntityKind::NetworkAcl, None).unwrap();
        e.apply(&mut t).unwrap();
        let wl = r(EntityKind::Workload, "wl-alb");
        for (target, path, value) in [
            (&acl, "inbound[0].rule_number", "110"),
            (&acl, "inbound[0].action", "deny"),
            (&acl, "inbound[0].protocol", "tcp"),
            (&acl, "inbound[0].ports", "1024-65535"),
            (&acl, "inbound[0].cidr", "::/0"),
            (&acl, "outbound[0].icmp_type", "8"),
            (&acl, "outbound[0].icmp_code", "0"),
            (&wl, "kind", "database"),
            (&wl, "internet_facing", "false"),
            (&wl, "name", "lb"),
        ] {
            set_field(&t, target, path, value)
                .unwrap_or_else(|| panic!("{path}"))
                .apply(&mut t)
                .unwrap();
            assert_eq!(
                get_field(&t, target, path).as_deref(),
                Some(value),
                "{path}"
            );
        }
        let a = t.network_acl(&acl.id).unwrap();
        assert_eq!(a.inbound[0].action, AclAction::Deny);
        assert_eq!(a.inbound[0].port_range(), Ok(Some((1024, 65535))));
        for (target, path, value) in [
            (&acl, "inbound[0].action", "block"),
            (&acl, "inbound[0].rule_number", "ten"),
            (&acl, "inbound[1].ports", "80"),
            (&acl, "inbound[0].egress", "x"),
            (&acl, "subnets[0]", "subnet-public-1a"),
            (&acl, "vpc", "vpc"),
            (&wl, "kind", "Database"),
            (&wl, "internet_facing", "maybe"),
            (&wl, "subnets[0]", "subnet-public-1a"),
        ] {
            assert!(
                set_field(&t, target, path, value).is_none(),
                "{path}={value}"
            );
        }
    }

    #[test]
    fn bad_paths_and_values_give_none() {
        let t = smartinvoice();
        let sg = r(EntityKind::SecurityGroup, "sg-alb");
        for path in [
            "",
            "ingress",
            "ingress[x].peer",
            "ingress[0].protocol",
            "ingress[9].peer",
            "vpc",
            "cidr[",
        ] {
            assert!(set_field(&t, &sg, path, "1").is_none(), "{path}");
        }
        assert!(set_field(&t, &sg, "ingress[0].from_port", "eighty").is_none());
        assert!(set_field(&t, &r(EntityKind::Subnet, "nope"), "name", "x").is_none());
    }
}
