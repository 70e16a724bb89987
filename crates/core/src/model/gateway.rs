//! Internet gateways, NAT gateways and the Elastic IPs they use.

use super::{Id, Tags};

/// An internet gateway, attached to at most one VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternetGateway {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// The VPC it is attached to; `None` while detached.
    pub vpc: Option<Id>,
    /// Extra tags.
    pub tags: Tags,
}

/// Whether a NAT gateway reaches the internet (public) or only other networks (private).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NatConnectivity {
    /// Zonal public NAT: lives in a public subnet and needs an Elastic IP.
    #[default]
    Public,
    /// Private NAT: no Elastic IP, no internet access.
    Private,
}

impl NatConnectivity {
    /// The value the AWS API uses (`public` or `private`).
    pub fn as_aws(self) -> &'static str {
        match self {
            NatConnectivity::Public => "public",
            NatConnectivity::Private => "private",
        }
    }
}

/// An Elastic IP allocated for a NAT gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElasticIp {
    /// The Name tag of the allocation.
    pub name: String,
}

/// A NAT gateway in one subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatGateway {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// The subnet it lives in (its AZ is the subnet's AZ).
    pub subnet: Id,
    /// Public or private connectivity.
    pub connectivity: NatConnectivity,
    /// The Elastic IP of a public NAT gateway; `None` for a private one.
    pub elastic_ip: Option<ElasticIp>,
    /// Extra tags.
    pub tags: Tags,
}
