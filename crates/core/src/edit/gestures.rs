//! Commands behind the diagram's direct manipulation: add a subnet to an Availability
//! Zone column (or to a new zone), move a subnet to another zone, and connect a
//! traffic source to a security group. Each returns an [`Edit`] (one undoable step)
//! or a sentence saying why it cannot be done; none changes the design by itself.

use super::{ops, Edit, Entity};
use crate::catalog;
use crate::cidr;
use crate::model::{EntityKind, EntityRef, Id, Peer, Protocol, Rule, Subnet, Topology};

/// Subnet sizes offered when adding a subnet (AWS allows /16 to /28).
pub const SUBNET_PREFIXES: [u8; 9] = [20, 21, 22, 23, 24, 25, 26, 27, 28];

/// The first Availability Zone of the design's Region that the VPC has no subnet in,
/// for "add an Availability Zone". `None` when the Region is unknown or every zone
/// is used.
///
/// ```
/// use netwright_core::edit::gestures::next_zone;
/// let t = netwright_core::templates::smartinvoice();
/// assert_eq!(next_zone(&t, &"vpc".into()).as_deref(), Some("ap-southeast-1c"));
/// ```
pub fn next_zone(t: &Topology, vpc: &Id) -> Option<String> {
    catalog::availability_zones(&t.region)
        .into_iter()
        .find(|z| {
            !t.subnets
                .iter()
                .any(|s| &s.vpc == vpc && &s.availability_zone == z)
        })
}

/// Adds a subnet of size `/prefix` in `zone` of `vpc`, at the VPC's first free block
/// of that size. The name ends with the zone's suffix (`{vpc}-subnet-1c`), made unique.
///
/// ```
/// use netwright_core::edit::gestures::add_subnet;
/// let mut t = netwright_core::templates::smartinvoice();
/// let (edit, new) = add_subnet(&t, &"vpc".into(), "ap-southeast-1c", 24).unwrap();
/// edit.apply(&mut t).unwrap();
/// let s = t.subnet(&new.id).unwrap();
/// assert_eq!((s.cidr.as_str(), s.availability_zone.as_str()), ("10.0.0.0/24", "ap-southeast-1c"));
/// ```
pub fn add_subnet(
    t: &Topology,
    vpc: &Id,
    zone: &str,
    prefix: u8,
) -> Result<(Edit, EntityRef), String> {
    let v = t
        .vpc(vpc)
        .ok_or_else(|| format!("the design has no VPC '{vpc}'"))?;
    if !(16..=28).contains(&prefix) {
        return Err(format!(
            "a subnet must be between /16 and /28, not /{prefix}"
        ));
    }
    let zone = zone.trim();
    if zone.is_empty() {
        return Err("choose an Availability Zone for the new subnet".into());
    }
    let block = ops::free_block(t, v, prefix).ok_or_else(|| {
        format!(
            "VPC '{}' has no free /{prefix} block left; choose a smaller size or add a CIDR block to the VPC",
            v.name
        )
    })?;
    // `ap-southeast-1c` → `1c`, as the guide names its subnets.
    let suffix = zone.rsplit('-').next().unwrap_or(zone);
    let name = ops::unique_name(t, &format!("{}-subnet-{suffix}", v.name));
    let id = t.fresh_id(EntityKind::Subnet);
    let subnet = Subnet::new(
        id.clone(),
        name,
        v.id.clone(),
        zone.to_string(),
        block.to_string(),
    );
    Ok((
        Edit::Insert {
            index: usize::MAX,
            entity: Entity::Subnet(subnet),
        },
        EntityRef::new(EntityKind::Subnet, &id),
    ))
}

/// Moves a subnet to another Availability Zone column: its zone changes and any
/// hand-set position is dropped so the layout places it in the new column.
///
/// ```
/// use netwright_core::edit::gestures::move_subnet;
/// let mut t = netwright_core::templates::smartinvoice();
/// move_subnet(&t, &"subnet-private-1b".into(), "ap-southeast-1a").unwrap().apply(&mut t).unwrap();
/// assert_eq!(t.subnet(&"subnet-private-1b".into()).unwrap().availability_zone, "ap-southeast-1a");
/// ```
pub fn move_subnet(t: &Topology, subnet: &Id, zone: &str) -> Result<Edit, String> {
    let s = t
        .subnet(subnet)
        .ok_or_else(|| format!("the design has no subnet '{subnet}'"))?;
    if s.availability_zone == zone {
        return Err(format!("subnet '{}' is already in {zone}", s.name));
    }
    let mut moved = s.clone();
    moved.availability_zone = zone.to_string();
    let update = Edit::Update(Entity::Subnet(moved));
    Ok(if t.layout.positions.contains_key(subnet) {
        Edit::Batch(vec![
            update,
            Edit::SetPosition {
                id: subnet.clone(),
                position: None,
            },
        ])
    } else {
        update
    })
}

/// Allows traffic from `source` (a security group or a CIDR block) into the group
/// `target`: one inbound rule on `target`. Refused when the group already has exactly
/// this rule, or when the source is a group of another VPC (AWS cannot reference it
/// without peering).
///
/// ```
/// use netwright_core::edit::gestures::connect;
/// use netwright_core::model::{Peer, Protocol};
/// let mut t = netwright_core::templates::smartinvoice();
/// let from = Peer::SecurityGroup("sg-alb".into());
/// let edit = connect(&t, &from, &"sg-rds".into(), Protocol::Tcp, 5432, 5432).unwrap();
/// edit.apply(&mut t).unwrap();
/// let rds = t.security_group(&"sg-rds".into()).unwrap();
/// assert!(rds.ingress.iter().any(|r| r.peer == from && r.from_port == 5432));
/// ```
pub fn connect(
    t: &Topology,
    source: &Peer,
    target: &Id,
    protocol: Protocol,
    from_port: i32,
    to_port: i32,
) -> Result<Edit, String> {
    let g = t
        .security_group(target)
        .ok_or_else(|| format!("the design has no security group '{target}'"))?;
    let description = match source {
        Peer::SecurityGroup(id) => {
            let s = t
                .security_group(id)
                .ok_or_else(|| format!("the design has no security group '{id}'"))?;
            if s.vpc != g.vpc {
                return Err(format!(
                    "'{}' and '{}' are in different VPCs; a rule can only name a group of its own VPC",
                    s.name, g.name
                ));
            }
            format!("from {}", s.name)
        }
        Peer::Cidr(block) => {
            cidr::parse_any(block).map_err(|e| format!("source '{block}': {e}"))?;
            format!("from {block}")
        }
    };
    let rule = Rule {
        protocol,
        from_port,
        to_port,
        peer: source.clone(),
        description,
    };
    let same = |r: &Rule| {
        r.protocol == rule.protocol
            && r.from_port == rule.from_port
            && r.to_port == rule.to_port
            && r.peer == rule.peer
    };
    if g.ingress.iter().any(same) {
        return Err(format!("'{}' already allows this traffic", g.name));
    }
    let mut updated = g.clone();
    updated.ingress.push(rule);
    Ok(Edit::Update(Entity::SecurityGroup(updated)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::smartinvoice;
    use crate::validate::{validate, Severity};

    fn errors(t: &Topology) -> usize {
        validate(t)
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    #[test]
    fn added_subnets_never_overlap_and_fill_the_vpc_until_refused() {
        let mut t = smartinvoice();
        let vpc = Id::new("vpc");
        let mut added = 0;
        loop {
            match add_subnet(&t, &vpc, "ap-southeast-1a", 20) {
                Ok((edit, _)) => {
                    edit.apply(&mut t).unwrap();
                    added += 1;
                }
                Err(why) => {
                    assert!(why.contains("no free /20"), "{why}");
                    break;
                }
            }
        }
        // A /16 holds 16 /20s; the guide's four /24s take one of them.
        assert_eq!(added, 15);
        assert_eq!(errors(&t), 0, "{:?}", validate(&t));
        assert!(add_subnet(&t, &vpc, "ap-southeast-1a", 24).is_ok());
    }

    #[test]
    fn bad_requests_say_why() {
        let t = smartinvoice();
        assert!(add_subnet(&t, &"nope".into(), "ap-southeast-1a", 24)
            .unwrap_err()
            .contains("no VPC"));
        assert!(add_subnet(&t, &"vpc".into(), "ap-southeast-1a", 29)
            .unwrap_err()
            .contains("/28"));
        assert!(add_subnet(&t, &"vpc".into(), " ", 24)
            .unwrap_err()
            .contains("Availability Zone"));
        assert!(
            move_subnet(&t, &"subnet-public-1a".into(), "ap-southeast-1a")
                .unwrap_err()
                .contains("already in")
        );
        let alb = Peer::SecurityGroup("sg-alb".into());
        assert!(
            connect(&t, &alb, &"sg-backend".into(), Protocol::Tcp, 80, 80)
                .unwrap_err()
                .contains("already allows")
        );
        assert!(connect(
            &t,
            &Peer::Cidr("10.0.0.0/33".into()),
            &"sg-rds".into(),
            Protocol::Tcp,
            1,
            1
        )
        .is_err());
    }

    #[test]
    fn next_zone_walks_the_region_then_stops() {
        let mut t = smartinvoice();
        let vpc = Id::new("vpc");
        let zone = next_zone(&t, &vpc).unwrap();
        let (edit, r) = add_subnet(&t, &vpc, &zone, 24).unwrap();
        edit.apply(&mut t).unwrap();
        assert_eq!(t.subnet(&r.id).unwrap().name, "smartinvoice-vpc-subnet-1c");
        assert_eq!(next_zone(&t, &vpc), None, "ap-southeast-1 has three zones");
    }

    #[test]
    fn moving_a_subnet_drops_its_hand_position_and_undoes_exactly() {
        let mut t = smartinvoice();
        let id = Id::new("subnet-private-1b");
        t.layout
            .positions
            .insert(id.clone(), crate::model::Point { x: 5.0, y: 5.0 });
        let before = t.clone();
        let inverse = move_subnet(&t, &id, "ap-southeast-1a")
            .unwrap()
            .apply(&mut t)
            .unwrap();
        assert!(!t.layout.positions.contains_key(&id));
        assert_eq!(t.subnet(&id).unwrap().availability_zone, "ap-southeast-1a");
        inverse.apply(&mut t).unwrap();
        assert_eq!(t, before);
    }
}
