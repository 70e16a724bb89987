//! Per-row signals for the long lists (outline, summary cards). Each row reads its
//! own signals, and one pass per change sets only the rows whose content changed:
//! a keystroke on a 1,000-subnet design wakes one row instead of thousands of
//! effects that would each find nothing to do.

use std::collections::HashMap;

use leptos::prelude::*;
use netwright_core::cidr;
use netwright_core::model::{EntityKind, Peer, RouteTable, RouteTarget, Subnet, Tier};
use netwright_core::{Diagnostic, Id, Severity, Topology};

/// What a list row shows about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowInfo {
    /// The entity's name.
    pub name: String,
    /// One short detail: a block, a state, a count.
    pub detail: String,
    /// A subnet's tier.
    pub tier: Option<Tier>,
    /// The worst severity reported about the entity.
    pub worst: Option<Severity>,
}

/// The signals of one row.
#[derive(Clone)]
pub struct RowHandle {
    /// What the row shows.
    pub info: ArcRwSignal<RowInfo>,
    /// Whether the row's entity is selected.
    pub selected: ArcRwSignal<bool>,
}

impl RowHandle {
    /// New signals with these values.
    pub fn new(info: RowInfo, selected: bool) -> Self {
        RowHandle {
            info: ArcRwSignal::new(info),
            selected: ArcRwSignal::new(selected),
        }
    }
}

/// Every row handle handed out, by entity id.
#[derive(Default)]
pub struct Rows {
    map: HashMap<Id, (EntityKind, RowHandle)>,
    selected: Option<Id>,
}

impl Rows {
    /// The handle of `id`, if one was handed out.
    pub fn get(&self, id: &Id) -> Option<RowHandle> {
        self.map.get(id).map(|(_, h)| h.clone())
    }

    /// Remembers a new handle.
    pub fn insert(&mut self, kind: EntityKind, id: Id, handle: RowHandle) {
        self.map.insert(id, (kind, handle));
    }

    /// Moves the selected flag to `id`.
    pub fn select(&mut self, id: Option<Id>) {
        if self.selected == id {
            return;
        }
        for old in self.selected.iter().chain(id.iter()) {
            if let Some((_, h)) = self.map.get(old) {
                h.selected.set(Some(old) == id.as_ref());
            }
        }
        self.selected = id;
    }

    /// Recomputes every row from the design and sets the ones that changed. Subnets
    /// and VPCs (the long lists) are walked in document order and compared without
    /// allocating; the few other rows are recomputed.
    pub fn sync(&self, t: &Topology, diagnostics: &[Diagnostic]) {
        let tiers = tiers(t);
        let worst = worst(diagnostics);
        let set =
            |h: &RowHandle, name: &str, detail: &str, tier: Option<Tier>, w: Option<Severity>| {
                let same = h.info.with_untracked(|c| {
                    c.name == name && c.detail == detail && c.tier == tier && c.worst == w
                });
                if !same {
                    h.info.set(RowInfo {
                        name: name.to_string(),
                        detail: detail.to_string(),
                        tier,
                        worst: w,
                    });
                }
            };
        for s in &t.subnets {
            if let Some((_, h)) = self.map.get(&s.id) {
                set(
                    h,
                    &s.name,
                    &s.cidr,
                    tiers.get(&s.id).copied(),
                    worst.get(&s.id).copied(),
                );
            }
        }
        for v in &t.vpcs {
            if let Some((_, h)) = self.map.get(&v.id) {
                set(h, &v.name, &v.cidr, None, worst.get(&v.id).copied());
            }
        }
        for (id, (kind, handle)) in &self.map {
            if matches!(kind, EntityKind::Subnet | EntityKind::Vpc) {
                continue;
            }
            let Some(info) = info(t, &tiers, &worst, *kind, id) else {
                continue;
            };
            if handle.info.with_untracked(|cur| *cur != info) {
                handle.info.set(info);
            }
        }
    }
}

/// The worst severity per entity.
fn worst(diagnostics: &[Diagnostic]) -> HashMap<&Id, Severity> {
    let mut m: HashMap<&Id, Severity> = HashMap::new();
    for d in diagnostics {
        let e = m.entry(&d.entity.id).or_insert(d.severity);
        *e = (*e).min(d.severity);
    }
    m
}

/// Every subnet's tier in one pass. Same rule as `Topology::tier` (first table that
/// lists the subnet, else its VPC's first main table; the default route's target
/// must exist), without a scan of every table per subnet.
pub fn tiers(t: &Topology) -> HashMap<&Id, Tier> {
    let mut explicit: HashMap<&Id, &RouteTable> = HashMap::new();
    let mut main: HashMap<&Id, &RouteTable> = HashMap::new();
    for rt in &t.route_tables {
        for s in &rt.subnets {
            explicit.entry(s).or_insert(rt);
        }
        if rt.main {
            main.entry(&rt.vpc).or_insert(rt);
        }
    }
    let igws: std::collections::HashSet<&Id> = t.internet_gateways.iter().map(|g| &g.id).collect();
    let nats: std::collections::HashSet<&Id> = t.nat_gateways.iter().map(|g| &g.id).collect();
    let tier = |s: &Subnet| {
        let table = explicit.get(&s.id).or_else(|| main.get(&s.vpc));
        let target = table.and_then(|rt| {
            rt.routes
                .iter()
                .find(|r| cidr::is_default_route(&r.destination))
                .map(|r| &r.target)
        });
        match target {
            Some(RouteTarget::InternetGateway(id)) if igws.contains(id) => Tier::Public,
            Some(RouteTarget::NatGateway(id)) if nats.contains(id) => Tier::PrivateWithEgress,
            _ => Tier::Isolated,
        }
    };
    t.subnets.iter().map(|s| (&s.id, tier(s))).collect()
}

/// A row's content computed on its own (for a row's first render).
pub fn info_now(t: &Topology, diagnostics: &[Diagnostic], kind: EntityKind, id: &Id) -> RowInfo {
    let mut tiers = HashMap::new();
    if let Some(s) = t.subnet(id) {
        tiers.insert(&s.id, t.tier(s));
    }
    let worst = diagnostics
        .iter()
        .filter(|d| &d.entity.id == id)
        .map(|d| d.severity)
        .min();
    let mut info = info(t, &tiers, &HashMap::new(), kind, id).unwrap_or_default();
    info.worst = worst;
    info
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn info(
    t: &Topology,
    tiers: &HashMap<&Id, Tier>,
    worst: &HashMap<&Id, Severity>,
    kind: EntityKind,
    id: &Id,
) -> Option<RowInfo> {
    let row = |name: &str, detail: String| RowInfo {
        name: name.to_string(),
        detail,
        tier: None,
        worst: worst.get(id).copied(),
    };
    Some(match kind {
        EntityKind::Design => row(&t.name, t.region.clone()),
        EntityKind::Vpc => {
            let v = t.vpc(id)?;
            row(&v.name, v.cidr.clone())
        }
        EntityKind::Subnet => {
            let s = t.subnet(id)?;
            RowInfo {
                tier: tiers.get(id).copied(),
                ..row(&s.name, s.cidr.clone())
            }
        }
        EntityKind::InternetGateway => {
            let g = t.internet_gateway(id)?;
            let vpc = g
                .vpc
                .as_ref()
                .and_then(|v| t.vpc(v))
                .map(|v| v.name.as_str());
            row(
                &g.name,
                vpc.map_or("detached".into(), |v| format!("attached to {v}")),
            )
        }
        EntityKind::NatGateway => {
            let n = t.nat_gateway(id)?;
            let subnet = t.subnet(&n.subnet).map_or("?", |s| s.name.as_str());
            row(&n.name, format!("{} in {subnet}", n.connectivity.as_aws()))
        }
        EntityKind::RouteTable => {
            let r = t.route_table(id)?;
            let main = if r.main { "main, " } else { "" };
            row(
                &r.name,
                format!(
                    "{main}{}, {}",
                    plural(r.routes.len(), "route"),
                    plural(r.subnets.len(), "subnet")
                ),
            )
        }
        EntityKind::SecurityGroup => {
            let g = t.security_group(id)?;
            let refs = g
                .ingress
                .iter()
                .filter(|r| matches!(r.peer, Peer::SecurityGroup(_)))
                .count();
            let extra = if refs > 0 {
                format!(", {refs} from groups")
            } else {
                String::new()
            };
            row(
                &g.name,
                format!("{} in, {} out{extra}", g.ingress.len(), g.egress.len()),
            )
        }
        EntityKind::NetworkAcl => {
            let a = t.network_acl(id)?;
            row(
                &a.name,
                format!(
                    "{} in, {} out, {}",
                    a.inbound.len(),
                    a.outbound.len(),
                    plural(a.subnets.len(), "subnet")
                ),
            )
        }
        EntityKind::Workload => {
            let w = t.workload(id)?;
            row(
                &w.name,
                format!("{}, {}", w.kind.label(), plural(w.subnets.len(), "subnet")),
            )
        }
        EntityKind::IamRole => {
            let r = t.iam_role(id)?;
            let policies = match r.managed_policies.len() {
                1 => "1 policy".to_string(),
                n => format!("{n} policies"),
            };
            row(
                &r.name,
                format!("{} · {policies}", r.trusted_services.join(", ")),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use netwright_core::templates::{self, NatStrategy, WizardOptions};

    #[test]
    fn tiers_in_one_pass_agree_with_the_core() {
        let mut designs = vec![
            templates::smartinvoice(),
            templates::synthetic(120, 3, 4, 10),
        ];
        for nat in [NatStrategy::None, NatStrategy::Single, NatStrategy::PerAz] {
            designs.push(
                templates::wizard(&WizardOptions {
                    nat,
                    ..Default::default()
                })
                .unwrap(),
            );
        }
        // A main table, a dangling target and a subnet in two tables.
        let mut t = templates::smartinvoice();
        t.route_tables[1].main = true;
        t.route_tables[1].subnets.clear();
        t.route_tables[0].subnets.push(t.subnets[2].id.clone());
        t.nat_gateways.clear();
        designs.push(t);
        for t in &designs {
            let fast = tiers(t);
            for s in &t.subnets {
                assert_eq!(fast[&s.id], t.tier(s), "{} in {}", s.id, t.name);
            }
        }
    }
}
