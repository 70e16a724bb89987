//! NW412: a database workload the internet reaches, as the reachability engine answers
//! it (routes, network ACLs both ways, groups, public address), with the path.
//!
//! Only databases whose groups take something from the whole internet can be reached
//! from it, so the engine is asked only about those: on a design without such a
//! database this costs one pass over their groups' rules.

use super::context::{fix, Ctx};
use super::rules::DATABASE_REACHABLE_FROM_INTERNET;
use crate::model::{EntityKind, EntityRef, Peer, WorkloadKind};
use crate::reach::{self, Endpoint, Traffic};

/// Runs the rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    let world = |id: &crate::model::Id| {
        t.security_group(id).is_some_and(|g| {
            g.ingress
                .iter()
                .any(|r| matches!(&r.peer, Peer::Cidr(b) if crate::cidr::is_default_route(b)))
        })
    };
    for (w, wl) in t.workloads.iter().enumerate() {
        if wl.kind != WorkloadKind::Database || !wl.security_groups.iter().any(world) {
            continue;
        }
        let open = reach::open(t, Endpoint::Internet, Endpoint::Workload(w));
        let Some(first) = open.first() else { continue };
        let what: Vec<String> = open
            .iter()
            .map(|o| match o.traffic {
                Traffic::All => "all traffic".to_string(),
                tr => format!("{} {}", tr.as_str(), o.ports),
            })
            .collect();
        // The path of the first port that gets through.
        let port = match first.traffic {
            Traffic::All => None,
            _ => first
                .ports
                .split([',', '-'])
                .next()
                .and_then(|p| p.trim().parse::<u16>().ok()),
        };
        let path = reach::reach(
            t,
            Endpoint::Internet,
            Endpoint::Workload(w),
            first.traffic,
            port,
        )
        .map(|a| {
            a.path
                .iter()
                .filter(|h| h.kind != reach::HopKind::Acl || h.index.is_some())
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>()
                .join(" -> ")
        })
        .unwrap_or_default();
        let name = c.name(EntityKind::Workload, w);
        c.emit(
            &DATABASE_REACHABLE_FROM_INTERNET,
            EntityRef::new(EntityKind::Workload, &wl.id),
            None,
            format!(
                "{name} (a database) is reachable from the internet on {}: {path}",
                what.join("; ")
            ),
            fix(
                "allow the database's ports only from the application's security groups, and keep it in private subnets",
                None,
            ),
        );
    }
}
