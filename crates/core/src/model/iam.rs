//! IAM roles: who may assume them, which managed policies they carry.

use super::{Id, Tags};

/// An IAM role trusted by AWS services, with AWS managed policies attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamRole {
    /// Stable id.
    pub id: Id,
    /// Role name; unique per account.
    pub name: String,
    /// Free-text description.
    pub description: String,
    /// Service principals allowed to assume the role, e.g. `ec2.amazonaws.com`.
    pub trusted_services: Vec<String>,
    /// AWS managed policies by name (e.g. `AmazonS3FullAccess`), resolved to ARNs
    /// through [`crate::catalog::managed_policy_arn`].
    pub managed_policies: Vec<String>,
    /// Whether an instance profile of the same name wraps the role (for EC2).
    pub instance_profile: bool,
    /// Extra tags.
    pub tags: Tags,
}
