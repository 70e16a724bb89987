//! Route tables, their routes and subnet associations. A table whose `Metadata` says
//! Netwright exported it as the VPC's main table is the main table again.

use super::resources::{name_and_tags, name_or, Build, Props, Res};
use crate::import::OTHER_ROUTE_TARGETS;
use crate::model::{EntityKind, Id, Route, RouteTable, RouteTarget};

/// `AWS::EC2::RouteTable`.
pub(super) fn route_tables(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let vpc = match p.get("VpcId").map(|v| b.target(v, EntityKind::Vpc)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                b.note(r.id, "the route table", e);
                continue;
            }
            None => {
                b.note(r.id, "the route table", "it names no VpcId");
                continue;
            }
        };
        let (name, tags) = name_and_tags(&mut p, b, r.id);
        p.finish(b, |_| None);
        let main = r
            .metadata
            .and_then(|m| m.get("Netwright"))
            .and_then(|n| n.get("MainRouteTable"))
            .is_some();
        b.add(EntityKind::RouteTable, r.id, b.t.route_tables.len());
        b.t.route_tables.push(RouteTable {
            id: Id::new(r.id),
            name: name_or(name, r.id, 256),
            vpc,
            main,
            routes: Vec::new(),
            subnets: Vec::new(),
            tags,
        });
    }
}

/// `AWS::EC2::Route`: routes to an internet or NAT gateway of the template.
pub(super) fn routes(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let table = p
            .get("RouteTableId")
            .map(|v| b.target(v, EntityKind::RouteTable));
        let dest = p.text("DestinationCidrBlock", b);
        let v6 = p.text("DestinationIpv6CidrBlock", b);
        let list = p.text("DestinationPrefixListId", b);
        let label = dest
            .clone()
            .or(v6.clone())
            .or(list.clone())
            .unwrap_or_else(|| "?".into());
        let igw = p.get("GatewayId").map(|v| (v, EntityKind::InternetGateway));
        let nat = p.get("NatGatewayId").map(|v| (v, EntityKind::NatGateway));
        let other: Vec<(&str, String)> = OTHER_ROUTE_TARGETS
            .iter()
            .filter_map(|(k, what)| p.get(k).map(|v| (*what, v.label())))
            .collect();
        p.finish(b, |_| None);
        let table = match table {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                b.note(r.id, format!("route {label}"), e);
                continue;
            }
            None => {
                b.note(r.id, format!("route {label}"), "it names no RouteTableId");
                continue;
            }
        };
        if let Some((what, v)) = other.first() {
            b.note(
                r.id,
                format!("route {label} -> {v}"),
                format!("the model has no {what} targets"),
            );
            continue;
        }
        let Some(dest) = dest else {
            let why = if v6.is_some() {
                "the model holds IPv4 routes only"
            } else if list.is_some() {
                "the model has no prefix lists"
            } else {
                "it has no destination"
            };
            b.note(r.id, format!("route {label}"), why);
            continue;
        };
        let target = match (igw, nat) {
            (Some((v, kind)), _) | (None, Some((v, kind))) => match b.target(v, kind) {
                Ok(id) if kind == EntityKind::InternetGateway => RouteTarget::InternetGateway(id),
                Ok(id) => RouteTarget::NatGateway(id),
                Err(e) => {
                    b.note(r.id, format!("route {dest} -> {}", v.label()), e);
                    continue;
                }
            },
            (None, None) => {
                b.note(r.id, format!("route {dest}"), "it has no target");
                continue;
            }
        };
        let i = b.at(&table);
        b.t.route_tables[i].routes.push(Route {
            destination: dest,
            target,
        });
    }
}

/// `AWS::EC2::SubnetRouteTableAssociation`.
pub(super) fn associations(rs: &[&Res<'_>], b: &mut Build) {
    let mut assigned: std::collections::HashMap<Id, Id> = std::collections::HashMap::new();
    for r in rs {
        let mut p = Props::new(r);
        let subnet = p.get("SubnetId").map(|v| b.target(v, EntityKind::Subnet));
        let table = p
            .get("RouteTableId")
            .map(|v| b.target(v, EntityKind::RouteTable));
        p.finish(b, |_| None);
        match (subnet, table) {
            (Some(Ok(subnet)), Some(Ok(table))) => {
                if let Some(other) = assigned.get(&subnet) {
                    b.note(
                        r.id,
                        "the association",
                        format!("{subnet} is already associated with {other}; a subnet has one route table"),
                    );
                    continue;
                }
                let i = b.at(&table);
                assigned.insert(subnet.clone(), table);
                b.t.route_tables[i].subnets.push(subnet);
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => b.note(r.id, "the association", e),
            _ => b.note(
                r.id,
                "the association",
                "it needs a SubnetId and a RouteTableId",
            ),
        }
    }
}
