//! Route tables, their routes and subnet associations.

use super::{Id, Tags};

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteTarget {
    /// An internet gateway, by id.
    InternetGateway(Id),
    /// A NAT gateway, by id.
    NatGateway(Id),
}

impl RouteTarget {
    /// The id of the gateway the route points at.
    pub fn id(&self) -> &Id {
        match self {
            RouteTarget::InternetGateway(id) | RouteTarget::NatGateway(id) => id,
        }
    }
}

/// One route: a destination block and a target. The `local` routes for the VPC's
/// blocks are implicit and never listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Destination IPv4 block as typed, e.g. `0.0.0.0/0`.
    pub destination: String,
    /// Where matching traffic goes.
    pub target: RouteTarget,
}

/// A route table of one VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTable {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Whether this is the VPC's main table, used by subnets with no explicit association.
    pub main: bool,
    /// Routes besides the implicit local ones.
    pub routes: Vec<Route>,
    /// Subnets explicitly associated with this table.
    pub subnets: Vec<Id>,
    /// Extra tags.
    pub tags: Tags,
}
