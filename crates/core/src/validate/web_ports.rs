//! World-open web ports (NW410, in the security group family): an inbound TCP rule
//! from `0.0.0.0/0` or `::/0` that covers HTTP (80) or HTTPS (443). That is what an
//! internet-facing load balancer is for, so the finding's severity comes from the
//! workloads that use the group (hence after [`Placement`], unlike `security.rs`):
//!
//! - **info** when every workload using the group is an internet-facing load
//!   balancer;
//! - **warning** when any other workload uses it (instances, a database, an internal
//!   load balancer, ...): those should take web traffic from the load balancer's group;
//! - **info** when no workload uses the group: the design does not say what is behind
//!   it, and world-open 80/443 is the usual shape of a web entry point, so Netwright
//!   says it cannot judge rather than warn on every design drawn without workloads.
//!
//! A rule on every port reports NW408 only (see `security.rs`).

use super::context::{fix, Ctx};
use super::diagnostic::Severity;
use super::placement::Placement;
use super::rules::WORLD_WEB_PORT;
use super::text::blank;
use crate::model::{EntityKind, Peer, Protocol, Rule, WorkloadKind};

/// The web ports, and what listens on them.
const WEB_PORTS: [(i32, &str); 2] = [(80, "HTTP"), (443, "HTTPS")];

/// Runs NW410 on every group.
pub(super) fn check(c: &mut Ctx<'_>, p: &Placement) {
    let t = c.t;
    for (gi, g) in t.security_groups.iter().enumerate() {
        for (ri, rule) in g.ingress.iter().enumerate() {
            let ports = web_ports(rule);
            if ports.is_empty() || !c.peers_of(gi, false)[ri].is_world() {
                continue;
            }
            report(c, p, gi, ri, rule, &ports);
        }
    }
}

/// The web ports a TCP rule covers, unless it covers every port (NW408's case).
fn web_ports(rule: &Rule) -> Vec<(i32, &'static str)> {
    if rule.protocol != Protocol::Tcp || (rule.from_port <= 0 && rule.to_port >= 65535) {
        return Vec::new();
    }
    WEB_PORTS
        .into_iter()
        .filter(|(port, _)| rule.from_port <= *port && *port <= rule.to_port)
        .collect()
}

/// How a message names a workload: `the internet-facing load balancer smartinvoice-alb`,
/// `the instances smartinvoice-eb`.
fn workload(c: &Ctx<'_>, wi: usize) -> String {
    let w = &c.t.workloads[wi];
    let what = match (w.kind, w.internet_facing) {
        (WorkloadKind::LoadBalancer, true) => "internet-facing load balancer",
        (WorkloadKind::LoadBalancer, false) => "internal load balancer",
        (WorkloadKind::Other, _) => "workload",
        (kind, _) => kind.label(),
    };
    if blank(&w.name) {
        format!("the unnamed {what} (id \"{}\")", w.id)
    } else {
        format!("the {what} {}", w.name)
    }
}

/// How many workloads a message names before it counts the rest.
const NAMED: usize = 3;

/// `a`, `a and b`, `a, b and c`; past [`NAMED`], `a, b, c and 47 more`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > NAMED => {
            format!(
                "{} and {} more",
                items[..NAMED].join(", "),
                items.len() - NAMED
            )
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn report(
    c: &mut Ctx<'_>,
    p: &Placement,
    gi: usize,
    ri: usize,
    rule: &Rule,
    ports: &[(i32, &str)],
) {
    let peer = match &rule.peer {
        Peer::Cidr(s) => s.trim(),
        Peer::SecurityGroup(_) => return,
    };
    let opened = and_list(
        &ports
            .iter()
            .map(|(port, what)| format!("{what} (port {port})"))
            .collect::<Vec<_>>(),
    );
    let head = format!(
        "{}: inbound rule {} opens {opened} to the whole internet ({peer})",
        c.name(EntityKind::SecurityGroup, gi),
        ri + 1
    );
    let users = p.workloads_of(gi);
    let is_front = |wi: usize| {
        let w = &c.t.workloads[wi];
        w.kind == WorkloadKind::LoadBalancer && w.internet_facing
    };
    let others: Vec<String> = users
        .iter()
        .copied()
        .filter(|&wi| !is_front(wi))
        .map(|wi| workload(c, wi))
        .collect();
    let (severity, message, f) = if users.is_empty() {
        (
            Severity::Info,
            format!(
                "{head}; no workload uses the group, so Netwright cannot tell whether it is \
                 an internet-facing load balancer's, for which this is normal"
            ),
            fix(
                "add the group to the workload that uses it, so that Netwright can judge",
                None,
            ),
        )
    } else if others.is_empty() {
        let fronts: Vec<String> = users.iter().map(|&wi| workload(c, wi)).collect();
        (
            Severity::Info,
            format!(
                "{head}; the group serves only {}, for which that is normal",
                and_list(&fronts)
            ),
            None,
        )
    } else {
        let port = ports[0].0;
        (
            Severity::Warning,
            format!(
                "{head}, and the group serves {}: only an internet-facing load balancer \
                 should take web traffic from the whole internet",
                and_list(&others)
            ),
            fix(
                format!(
                    "put an internet-facing load balancer in front, and allow port {port} \
                     here only from the load balancer's security group"
                ),
                None,
            ),
        )
    };
    let field = Some(format!("ingress[{ri}].peer"));
    c.emit_as(
        &WORLD_WEB_PORT,
        severity,
        c.at(EntityKind::SecurityGroup, gi),
        field,
        message,
        f,
    );
}
