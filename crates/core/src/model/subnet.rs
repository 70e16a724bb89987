//! Subnets and their derived tier.

use super::{Id, Tags};

/// A subnet in one Availability Zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subnet {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Availability Zone name, e.g. `ap-southeast-1a`.
    pub availability_zone: String,
    /// IPv4 block as typed.
    pub cidr: String,
    /// `MapPublicIpOnLaunch`: instances get a public IPv4 address at launch.
    pub map_public_ip_on_launch: bool,
    /// Extra tags.
    pub tags: Tags,
}

impl Subnet {
    /// A subnet with no public IP mapping and no tags.
    pub fn new(
        id: impl Into<Id>,
        name: impl Into<String>,
        vpc: impl Into<Id>,
        availability_zone: impl Into<String>,
        cidr: impl Into<String>,
    ) -> Self {
        Subnet {
            id: id.into(),
            name: name.into(),
            vpc: vpc.into(),
            availability_zone: availability_zone.into(),
            cidr: cidr.into(),
            map_public_ip_on_launch: false,
            tags: Tags::new(),
        }
    }
}

/// What a subnet can reach, derived from its route table; never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Its default route goes to an internet gateway.
    Public,
    /// Its default route goes to a NAT gateway.
    PrivateWithEgress,
    /// No default route out of the VPC.
    Isolated,
}

impl Tier {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Tier::Public => "public",
            Tier::PrivateWithEgress => "private with egress",
            Tier::Isolated => "isolated",
        }
    }
}
