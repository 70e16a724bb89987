//! Lookups built once per layout, so that a 1,000-subnet design lays out in
//! milliseconds: entities by id, each subnet's route table and derived tier.

use std::collections::BTreeMap;

use crate::cidr;
use crate::model::{
    Id, InternetGateway, NatGateway, RouteTable, RouteTarget, Subnet, Tier, Topology,
};

/// Entities by id and subnets' route tables; answers agree with [`Topology`]'s own
/// `route_table_of` and `tier`.
pub(super) struct Index<'a> {
    subnets: BTreeMap<&'a Id, &'a Subnet>,
    nats: BTreeMap<&'a Id, &'a NatGateway>,
    igws: BTreeMap<&'a Id, &'a InternetGateway>,
    explicit: BTreeMap<&'a Id, &'a RouteTable>,
    main: BTreeMap<&'a Id, &'a RouteTable>,
}

impl<'a> Index<'a> {
    /// Indexes `t`; where ids repeat, the first entity wins, as in `Topology`'s lookups.
    pub(super) fn new(t: &'a Topology) -> Self {
        let mut ix = Index {
            subnets: BTreeMap::new(),
            nats: BTreeMap::new(),
            igws: BTreeMap::new(),
            explicit: BTreeMap::new(),
            main: BTreeMap::new(),
        };
        for s in &t.subnets {
            ix.subnets.entry(&s.id).or_insert(s);
        }
        for n in &t.nat_gateways {
            ix.nats.entry(&n.id).or_insert(n);
        }
        for g in &t.internet_gateways {
            ix.igws.entry(&g.id).or_insert(g);
        }
        for table in &t.route_tables {
            for s in &table.subnets {
                ix.explicit.entry(s).or_insert(table);
            }
            if table.main {
                ix.main.entry(&table.vpc).or_insert(table);
            }
        }
        ix
    }

    pub(super) fn subnet(&self, id: &Id) -> Option<&'a Subnet> {
        self.subnets.get(id).copied()
    }

    pub(super) fn nat_gateway(&self, id: &Id) -> Option<&'a NatGateway> {
        self.nats.get(id).copied()
    }

    pub(super) fn internet_gateway(&self, id: &Id) -> Option<&'a InternetGateway> {
        self.igws.get(id).copied()
    }

    /// The subnet's explicit route table, else its VPC's main table.
    pub(super) fn route_table_of(&self, s: &Subnet) -> Option<&'a RouteTable> {
        self.explicit
            .get(&s.id)
            .or_else(|| self.main.get(&s.vpc))
            .copied()
    }

    /// The subnet's tier, derived from its default route as [`Topology::tier`] does.
    pub(super) fn tier(&self, s: &Subnet) -> Tier {
        let target = self.route_table_of(s).and_then(|t| {
            t.routes
                .iter()
                .find(|r| cidr::is_default_route(&r.destination))
                .map(|r| &r.target)
        });
        match target {
            Some(RouteTarget::InternetGateway(id)) if self.igws.contains_key(id) => Tier::Public,
            Some(RouteTarget::NatGateway(id)) if self.nats.contains_key(id) => {
                Tier::PrivateWithEgress
            }
            _ => Tier::Isolated,
        }
    }
}
