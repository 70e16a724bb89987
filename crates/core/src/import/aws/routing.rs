//! Route tables (routes, subnet associations, the main table), from
//! describe-route-tables.

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note, OTHER_ROUTE_TARGETS};
use crate::model::{Id, Route, RouteTable, RouteTarget, Topology};

/// The route tables of the chosen VPCs. A main table with only its local routes and
/// no explicit association adds nothing to the model (a subnet without a table is
/// local-only there too), so it is not imported; nor is an unnamed one whose other
/// routes all became notes.
pub(crate) fn route_tables<'a>(
    cap: &Capture<'a>,
    scope: &mut Scope<'a>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let mut seen = std::collections::HashSet::new();
    for n in cap.list("RouteTables") {
        let id = n.str("RouteTableId")?;
        let vpc = n.str("VpcId")?;
        if !scope.admits(vpc, "route table(s)") || !seen.insert(id) {
            continue;
        }
        let mut table = RouteTable {
            id: Id::new(id),
            name: n.name_or(id),
            vpc: Id::new(vpc),
            main: false,
            routes: Vec::new(),
            subnets: Vec::new(),
            tags: Default::default(),
        };
        let mut table_notes = Vec::new();
        for a in n.list("Associations") {
            let state =
                a.v.at(&["AssociationState", "State"])
                    .and_then(|s| s.as_str());
            if matches!(state, Some("disassociating" | "disassociated" | "failed")) {
                continue;
            }
            if a.flag("Main") {
                table.main = true;
            } else if let Some(subnet) = a.opt_str("SubnetId") {
                if scope.subnets.contains(subnet) {
                    table.subnets.push(Id::new(subnet));
                } else {
                    table_notes.push(Note::new(
                        id,
                        format!("association with {subnet}"),
                        "the subnet is not in the capture",
                    ));
                }
            } else if let Some(gw) = a.opt_str("GatewayId") {
                table_notes.push(Note::new(
                    id,
                    format!("edge association with {gw}"),
                    "the model has no gateway route tables",
                ));
            }
        }
        for g in n.list("PropagatingVgws") {
            table_notes.push(Note::new(
                id,
                format!(
                    "route propagation from {}",
                    g.opt_str("GatewayId")
                        .unwrap_or("a virtual private gateway")
                ),
                "the model has no VPN gateways",
            ));
        }
        let mut only_local = table_notes.is_empty();
        for r in n.list("Routes") {
            if r.opt_str("GatewayId") == Some("local") {
                continue;
            }
            only_local = false;
            match route(scope, id, &r) {
                Ok(route) => table.routes.push(route),
                Err(note) => table_notes.push(note),
            }
        }
        // A main table with nothing the model holds (its other routes noted) is the
        // model's "no table" too; a named one is kept for its name.
        let empty = table.routes.is_empty() && table.subnets.is_empty();
        if table.main && empty && (only_local || n.tag("Name").is_none()) {
            notes.extend(table_notes);
            continue;
        }
        notes.extend(table_notes);
        table.tags = n.tags(id, notes);
        t.route_tables.push(table);
    }
    Ok(())
}

/// One route of table `table` as the model holds it, or the note saying why not.
fn route(scope: &Scope<'_>, table: &str, r: &Node<'_>) -> Result<Route, Note> {
    let dest = r
        .opt_str("DestinationCidrBlock")
        .or_else(|| r.opt_str("DestinationIpv6CidrBlock"))
        .or_else(|| r.opt_str("DestinationPrefixListId"))
        .unwrap_or("?");
    let target = OTHER_ROUTE_TARGETS
        .iter()
        .find_map(|(field, what)| r.opt_str(field).map(|id| (*what, id)))
        .or_else(|| r.opt_str("NatGatewayId").map(|id| ("NAT gateway", id)))
        .or_else(|| {
            r.opt_str("GatewayId").map(|id| {
                let what = match id.split('-').next() {
                    Some("igw") => "internet gateway",
                    Some("vgw") => "virtual private gateway",
                    Some("vpce") => "VPC endpoint",
                    _ => "gateway",
                };
                (what, id)
            })
        });
    let Some((what, target)) = target else {
        return Err(Note::new(
            table,
            format!("route to {dest}"),
            "it names no target the importer knows",
        ));
    };
    let dropped = format!("route {dest} -> {target}");
    let note = |why: &str| Err(Note::new(table, dropped.clone(), why));
    if r.opt_str("Origin") == Some("EnableVgwRoutePropagation") {
        return note("a propagated route: the model has no VPN gateways");
    }
    if !matches!(what, "internet gateway" | "NAT gateway") {
        return note(&format!("the model has no {what} route targets"));
    }
    if r.opt_str("DestinationCidrBlock").is_none() {
        return if r.opt_str("DestinationIpv6CidrBlock").is_some() {
            note("the model routes IPv4 destinations only")
        } else {
            note("the model has no prefix lists")
        };
    }
    if r.opt_str("State") == Some("blackhole") {
        return note("a blackhole route: its target no longer exists");
    }
    let target = match what {
        "internet gateway" if scope.igws.contains(target) => {
            RouteTarget::InternetGateway(Id::new(target))
        }
        "NAT gateway" if scope.nats.contains(target) => RouteTarget::NatGateway(Id::new(target)),
        _ => {
            return note(&format!(
                "the {what} is not imported: see its note, or add its describe output"
            ))
        }
    };
    Ok(Route {
        destination: dest.to_string(),
        target,
    })
}
