//! The VPC: its address blocks and DNS settings.

use super::{Id, Tags};

/// Instance tenancy of a VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tenancy {
    /// Shared hardware (the AWS default).
    #[default]
    Default,
    /// Dedicated hardware for every instance launched in the VPC.
    Dedicated,
}

impl Tenancy {
    /// The value the AWS API uses (`default` or `dedicated`).
    pub fn as_aws(self) -> &'static str {
        match self {
            Tenancy::Default => "default",
            Tenancy::Dedicated => "dedicated",
        }
    }
}

/// A virtual private cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vpc {
    /// Stable id.
    pub id: Id,
    /// The Name tag.
    pub name: String,
    /// Primary IPv4 block as typed, e.g. `10.0.0.0/16`.
    pub cidr: String,
    /// Secondary IPv4 blocks as typed, in association order.
    pub secondary_cidrs: Vec<String>,
    /// Instance tenancy.
    pub tenancy: Tenancy,
    /// `enableDnsSupport` (AWS default: true).
    pub enable_dns_support: bool,
    /// `enableDnsHostnames` (AWS default for non-default VPCs: false).
    pub enable_dns_hostnames: bool,
    /// Extra tags (the Name tag comes from `name`).
    pub tags: Tags,
}

impl Vpc {
    /// A VPC with AWS defaults for everything but its name and block.
    pub fn new(id: impl Into<Id>, name: impl Into<String>, cidr: impl Into<String>) -> Self {
        Vpc {
            id: id.into(),
            name: name.into(),
            cidr: cidr.into(),
            secondary_cidrs: Vec::new(),
            tenancy: Tenancy::Default,
            enable_dns_support: true,
            enable_dns_hostnames: true,
            tags: Tags::new(),
        }
    }

    /// Every block of the VPC as typed: the primary first, then the secondaries.
    pub fn cidrs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.cidr.as_str()).chain(self.secondary_cidrs.iter().map(String::as_str))
    }
}
