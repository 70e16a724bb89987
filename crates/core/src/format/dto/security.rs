//! DTOs of security and placement: group rules, security groups, workloads, IAM
//! roles, and the diagram's hand-set positions.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::{is_empty_tags, Tags};

/// Rule protocol.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ProtocolDto {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// All protocols and ports.
    All,
}

/// The other side of a rule: exactly one of the keys.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PeerDto {
    /// An IPv4 or IPv6 block.
    Cidr(String),
    /// Id of a security group.
    SecurityGroup(String),
}

/// A security group rule.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleDto {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: ProtocolDto,
    /// First port (ICMP: type); -1 when not applicable.
    pub from_port: i32,
    /// Last port (ICMP: code); -1 when not applicable.
    pub to_port: i32,
    /// Source (inbound) or destination (outbound).
    pub peer: PeerDto,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A security group.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupDto {
    /// Stable id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Group description.
    pub description: String,
    /// Id of its VPC.
    pub vpc: String,
    /// Inbound rules.
    #[serde(default)]
    pub ingress: Vec<RuleDto>,
    /// Outbound rules; an empty list allows no outbound traffic.
    #[serde(default)]
    pub egress: Vec<RuleDto>,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// What kind of thing a workload is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKindDto {
    /// A load balancer.
    LoadBalancer,
    /// EC2 instances.
    Instances,
    /// A database.
    Database,
    /// A container service.
    ContainerService,
    /// A function attached to the VPC.
    Function,
    /// Anything else.
    Other,
}

/// A workload: what runs in the subnets, behind which groups. Never deployed.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkloadDto {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `load_balancer`, `instances`, `database`, `container_service`, `function` or `other`.
    pub kind: WorkloadKindDto,
    /// Ids of the subnets it runs in.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Ids of its security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Reachable from the internet.
    #[serde(default)]
    pub internet_facing: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// An IAM role.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IamRoleDto {
    /// Stable id.
    pub id: String,
    /// Role name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Service principals that may assume the role.
    #[serde(default)]
    pub trusted_services: Vec<String>,
    /// AWS managed policy names (or full policy ARNs).
    #[serde(default)]
    pub managed_policies: Vec<String>,
    /// Wrap the role in an instance profile of the same name.
    #[serde(default)]
    pub instance_profile: bool,
    /// Extra tags.
    #[serde(default, skip_serializing_if = "is_empty_tags")]
    pub tags: Tags,
}

/// A diagram position.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointDto {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}
