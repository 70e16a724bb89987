//! Outputs of resources the model has nothing for yet: VPC endpoints, flow logs,
//! peering connections, egress-only internet gateways, virtual private gateways and
//! transit gateway attachments. Each one of a chosen VPC becomes a note, so a fuller
//! capture shows everything the design leaves out.

use super::capture::{Capture, Node, Scope};
use crate::import::{ImportError, Note};

/// States of resources that are gone or going.
const GONE: &[&str] = &[
    "deleted",
    "deleting",
    "rejected",
    "failed",
    "expired",
    "detached",
    "detaching",
];

/// A note for every such resource of a chosen VPC (or an imported subnet).
pub(crate) fn notes(
    cap: &Capture<'_>,
    scope: &Scope<'_>,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let chosen =
        |v: Option<&str>| v.is_some_and(|v| scope.vpcs.contains(v) || scope.subnets.contains(v));
    let live = |n: &Node<'_>, field: &str| !n.opt_str(field).is_some_and(|s| GONE.contains(&s));
    let mut seen = std::collections::HashSet::new();
    let mut note = |id: &str, dropped: String, why: &str| {
        if seen.insert(id.to_string()) {
            notes.push(Note::new(id, dropped, why));
        }
    };
    for n in cap.list("VpcEndpoints") {
        let id = n.str("VpcEndpointId")?;
        if chosen(n.opt_str("VpcId")) && live(n, "State") {
            let kind = n.opt_str("VpcEndpointType").unwrap_or("");
            let service = n.opt_str("ServiceName").unwrap_or("?");
            note(
                id,
                format!("the {kind} VPC endpoint for {service}").replace("  ", " "),
                "the model has no VPC endpoints",
            );
        }
    }
    for n in cap.list("FlowLogs") {
        let id = n.str("FlowLogId")?;
        if chosen(n.opt_str("ResourceId")) {
            let to = n.opt_str("LogDestinationType").unwrap_or("a destination");
            note(
                id,
                format!("the flow log to {to}"),
                "the model has no flow logs",
            );
        }
    }
    for n in cap.list("VpcPeeringConnections") {
        let id = n.str("VpcPeeringConnectionId")?;
        let side = |k: &str| {
            n.v.get(k)
                .and_then(|s| s.get("VpcId"))
                .and_then(|v| v.as_str())
        };
        let (a, b) = (side("RequesterVpcInfo"), side("AccepterVpcInfo"));
        let code = n.v.at(&["Status", "Code"]).and_then(|c| c.as_str());
        if (chosen(a) || chosen(b)) && !code.is_some_and(|c| GONE.contains(&c)) {
            note(
                id,
                format!(
                    "the peering connection between {} and {}",
                    a.unwrap_or("?"),
                    b.unwrap_or("?")
                ),
                "the model has no peering connections",
            );
        }
    }
    for (key, id_field, list, what) in [
        (
            "EgressOnlyInternetGateways",
            "EgressOnlyInternetGatewayId",
            "Attachments",
            "egress-only internet gateway",
        ),
        (
            "VpnGateways",
            "VpnGatewayId",
            "VpcAttachments",
            "virtual private gateway",
        ),
    ] {
        for n in cap.list(key) {
            let id = n.str(id_field)?;
            let attached = n
                .list(list)
                .iter()
                .any(|a| chosen(a.opt_str("VpcId")) && live(a, "State"));
            if attached && live(n, "State") {
                note(
                    id,
                    format!("the {what}"),
                    &format!("the model has no {what}s"),
                );
            }
        }
    }
    for n in cap.list("TransitGatewayVpcAttachments") {
        let id = n.str("TransitGatewayAttachmentId")?;
        if chosen(n.opt_str("VpcId")) && live(n, "State") {
            let tgw = n.opt_str("TransitGatewayId").unwrap_or("?");
            note(
                id,
                format!("the attachment to transit gateway {tgw}"),
                "the model has no transit gateways",
            );
        }
    }
    Ok(())
}
