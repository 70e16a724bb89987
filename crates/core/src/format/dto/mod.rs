//! The saved format's DTO types, at the current version (2): separate from the model,
//! so the model can change while files keep their meaning. Older versions are not kept
//! as types: a migration (`migrate.rs`) turns their JSON into this version's first.
//!
//! Split by family: `network.rs` (VPCs, subnets, gateways, route tables, network ACLs)
//! and `security.rs` (group rules, groups, workloads, IAM roles, layout points); the
//! conversions are `format/to_dto.rs` and `format/from_dto.rs`.

mod network;
mod security;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

pub use network::*;
pub use security::*;

/// Extra tags, in key order.
pub(super) type Tags = BTreeMap<String, String>;

fn is_empty_tags(t: &Tags) -> bool {
    t.is_empty()
}

fn yes() -> bool {
    true
}

/// The file: `{"format": "netwright-topology", "version": 2, "design": {...}}`.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Netwright design file"))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always `netwright-topology`.
    #[cfg_attr(feature = "schema", schemars(extend("const" = "netwright-topology")))]
    pub format: String,
    /// Format version, 2 (files of version 1 are migrated when they load).
    #[cfg_attr(feature = "schema", schemars(extend("const" = 2)))]
    pub version: u64,
    /// The design.
    pub design: Design,
}

/// A design.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Design name; also tags every deployed resource.
    pub name: String,
    /// AWS Region, e.g. `ap-southeast-1`.
    pub region: String,
    /// VPCs.
    #[serde(default)]
    pub vpcs: Vec<VpcDto>,
    /// Subnets.
    #[serde(default)]
    pub subnets: Vec<SubnetDto>,
    /// Internet gateways.
    #[serde(default)]
    pub internet_gateways: Vec<InternetGatewayDto>,
    /// NAT gateways.
    #[serde(default)]
    pub nat_gateways: Vec<NatGatewayDto>,
    /// Route tables.
    #[serde(default)]
    pub route_tables: Vec<RouteTableDto>,
    /// Network ACLs besides each VPC's default one (which allows all). New in version 2.
    #[serde(default)]
    pub network_acls: Vec<NetworkAclDto>,
    /// Security groups.
    #[serde(default)]
    pub security_groups: Vec<SecurityGroupDto>,
    /// Workloads: what runs in the subnets; never deployed. New in version 2.
    #[serde(default)]
    pub workloads: Vec<WorkloadDto>,
    /// IAM roles.
    #[serde(default)]
    pub iam_roles: Vec<IamRoleDto>,
    /// Diagram positions set by hand; never affects what is deployed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<String, PointDto>,
}
