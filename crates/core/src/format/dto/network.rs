//! DTOs of the network: VPCs, subnets, gateways, route tables and network ACLs.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::{is_empty_tags, yes, Tags};

/// A VPC.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VpcDto {
    /// Stable id, unique in the design.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Primary IPv4 block, e.g. `10.0.0.0/16`.
    pub cidr: String,
    /// Secondary IPv4 blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_cidrs: Vec<String>,
    /// `default` or `dedicated`.
    #[serde(default)]
    pub tenancy: TenancyDto,
    /// DNS resolution through the Amazon-provided server.
    #[serde(default = "yes")]
    pub enable_dns_support: bool,
    /// Public DNS hostnames for instances with public addresses.
    #[serde(default)]
    pub enable_dns_hostnames: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// Instance tenancy.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TenancyDto {
    /// Shared hardware.
    #[default]
    Default,
    /// Dedicated hardware.
    Dedicated,
}

/// A subnet.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubnetDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Availability Zone, e.g. `ap-southeast-1a`.
    pub availability_zone: String,
    /// IPv4 block.
    pub cidr: String,
    /// Give instances a public IPv4 address at launch.
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// An internet gateway.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InternetGatewayDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of the VPC it is attached to; absent while detached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// NAT gateway connectivity.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConnectivityDto {
    /// Reaches the internet through an Elastic IP.
    #[default]
    Public,
    /// Reaches other networks only.
    Private,
}

/// An Elastic IP.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElasticIpDto {
    /// Name tag of the allocation.
    pub name: String,
}

/// A NAT gateway.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NatGatewayDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of the subnet it lives in.
    pub subnet: String,
    /// `public` or `private`.
    #[serde(default)]
    pub connectivity: ConnectivityDto,
    /// The Elastic IP of a public NAT gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<ElasticIpDto>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// Where a route goes: exactly one of the keys.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TargetDto {
    /// Id of an internet gateway.
    InternetGateway(String),
    /// Id of a NAT gateway.
    NatGateway(String),
}

/// A route.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RouteDto {
    /// Destination IPv4 block.
    pub destination: String,
    /// Target gateway.
    pub target: TargetDto,
}

/// A route table.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RouteTableDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Whether it is the VPC's main table.
    #[serde(default)]
    pub main: bool,
    /// Routes besides the implicit local ones.
    #[serde(default)]
    pub routes: Vec<RouteDto>,
    /// Ids of explicitly associated subnets.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// What a network ACL entry does.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AclActionDto {
    /// Let matching traffic through.
    Allow,
    /// Drop matching traffic.
    Deny,
}

fn any() -> i32 {
    -1
}

fn is_any(v: &i32) -> bool {
    *v == -1
}

/// A network ACL entry.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AclEntryDto {
    /// Rule number (AWS accepts 1-32766); entries are evaluated from the lowest up.
    pub rule_number: i32,
    /// `allow` or `deny`.
    pub action: AclActionDto,
    /// Protocol as typed: `tcp`, `udp`, `icmp`, `icmpv6`, `all`, `-1` or a number.
    pub protocol: String,
    /// TCP/UDP port range as typed (`443`, `1024-65535`, `all`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ports: String,
    /// IPv4 or IPv6 block: the source (inbound) or destination (outbound).
    pub cidr: String,
    /// ICMP type; -1 (the default) for any.
    #[serde(default = "any", skip_serializing_if = "is_any")]
    pub icmp_type: i32,
    /// ICMP code; -1 (the default) for any.
    #[serde(default = "any", skip_serializing_if = "is_any")]
    pub icmp_code: i32,
}

/// A network ACL.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NetworkAclDto {
    /// Stable id.
    pub id: String,
    /// Name tag.
    pub name: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Ids of associated subnets; a subnet in no ACL uses the VPC's default ACL.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Inbound entries.
    #[serde(default)]
    pub inbound: Vec<AclEntryDto>,
    /// Outbound entries.
    #[serde(default)]
    pub outbound: Vec<AclEntryDto>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}
