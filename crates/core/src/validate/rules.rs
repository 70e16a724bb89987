//! The catalogue of validation rules: stable code, slug, default severity, summary and
//! source. Codes are `NW` + 3 digits, by family: 1xx CIDR, 2xx references, names and
//! zones, 3xx routing and gateways, 4xx security groups, 5xx IAM, 6xx quotas, 7xx
//! network ACLs, 8xx workloads (NW0xx are load errors, see `format::LoadError`).
//! docs/rules.md documents every rule.

use super::diagnostic::Severity;

/// One validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, never reused.
    pub code: &'static str,
    /// Short kebab-case name.
    pub slug: &'static str,
    /// The severity it reports; for a rule whose severity depends on the finding, the
    /// worst it reports.
    pub severity: Severity,
    /// The mildest severity it reports: the same as `severity` unless the finding
    /// decides (NW410 is a warning, or only info on an internet-facing load balancer).
    pub mildest: Severity,
    /// One line on what it checks.
    pub summary: &'static str,
    /// Where the rule comes from: an Amazon VPC User Guide page (as named in
    /// aws-facts.md), an IAM or EC2 API reference, or a lint rule id.
    pub source: &'static str,
}

impl RuleInfo {
    /// Whether the rule may report a finding of severity `s`.
    ///
    /// ```
    /// use netwright_core::validate::rules::rule;
    /// use netwright_core::Severity;
    /// assert!(rule("NW406").unwrap().reports(Severity::Warning));
    /// assert!(!rule("NW406").unwrap().reports(Severity::Info));
    /// assert!(rule("NW410").unwrap().reports(Severity::Info));
    /// ```
    pub fn reports(&self, s: Severity) -> bool {
        self.severity <= s && s <= self.mildest
    }

    /// Its severities as docs/rules.md writes them: `error`, or `warning or info` for
    /// a rule whose severity depends on the finding.
    pub fn severities(&self) -> String {
        if self.mildest == self.severity {
            self.severity.as_str().to_string()
        } else {
            format!("{} or {}", self.severity, self.mildest)
        }
    }
}

use Severity::{Error, Info, Warning};

/// The mildest severity of a rule: the one after `or`, else its only one.
macro_rules! mildest {
    ($sev:ident) => {
        $sev
    };
    ($sev:ident $mild:ident) => {
        $mild
    };
}

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $slug:literal,
       $sev:ident $(or $mild:ident)?, $summary:literal, $source:literal;)*) => {
        $(
            $(#[$doc])*
            pub(crate) const $name: RuleInfo = RuleInfo {
                code: $code,
                slug: $slug,
                severity: $sev,
                mildest: mildest!($sev $($mild)?),
                summary: $summary,
                source: $source,
            };
        )*
        /// Every rule the validator can report, in code order.
        pub const RULES: &[RuleInfo] = &[$($name),*];
    };
}

rules! {
    // ---- 1xx CIDR blocks -------------------------------------------------------------
    /// Source: vpc-cidr-blocks, subnet-sizing.
    CIDR_SYNTAX = "NW101", "cidr-syntax", Error,
        "A VPC or subnet block is not an IPv4 CIDR block", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks ("input is canonicalised").
    CIDR_HOST_BITS = "NW102", "cidr-host-bits", Warning,
        "A block has host bits set; AWS uses its canonical form", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (/16 to /28).
    VPC_BLOCK_SIZE = "NW103", "vpc-block-size", Error,
        "A VPC block is not /16 to /28", "vpc-cidr-blocks";
    /// Source: subnet-sizing (/16 to /28).
    SUBNET_BLOCK_SIZE = "NW104", "subnet-block-size", Error,
        "A subnet block is not /16 to /28", "subnet-sizing";
    /// Source: vpc-cidr-blocks (169.254.0.0/16 can never be used).
    LINK_LOCAL_BLOCK = "NW105", "link-local-block", Error,
        "A VPC block is in the link-local range 169.254.0.0/16", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (avoid 172.17.0.0/16).
    DOCKER_BRIDGE_BLOCK = "NW106", "docker-bridge-block", Warning,
        "A VPC block overlaps 172.17.0.0/16, Docker's default bridge", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (RFC 1918 recommended; public blocks allowed).
    PUBLIC_BLOCK = "NW107", "public-block", Warning,
        "A VPC block is publicly routable, hiding those internet addresses", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (the default VPC is 172.31.0.0/16).
    DEFAULT_VPC_BLOCK = "NW108", "default-vpc-block", Info,
        "A VPC block overlaps the default VPC's 172.31.0.0/16", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (IPv4 CIDR block association restrictions).
    SECONDARY_RESTRICTED = "NW109", "secondary-block-restricted", Error,
        "A secondary block is in a range the primary block's range bars", "vpc-cidr-blocks";
    /// Source: vpc-cidr-blocks (blocks of a VPC must not overlap).
    VPC_BLOCKS_OVERLAP = "NW110", "vpc-blocks-overlap", Error,
        "Two blocks of one VPC overlap", "vpc-cidr-blocks";
    /// Source: subnet-sizing; cfn-lint E3059.
    SUBNET_OUTSIDE_VPC = "NW111", "subnet-outside-vpc", Error,
        "A subnet block is not inside any block of its VPC", "cfn-lint E3059";
    /// Source: subnet-sizing; cfn-lint E3060.
    SUBNETS_OVERLAP = "NW112", "subnets-overlap", Error,
        "Two subnets of one VPC overlap", "cfn-lint E3060";
    /// Source: subnet-sizing (AWS reserves 5 addresses per subnet).
    SMALL_SUBNET = "NW113", "small-subnet", Info,
        "A subnet has fewer than 16 usable addresses", "subnet-sizing";
    /// Source: VPC_Route_Tables.
    ROUTE_DESTINATION_SYNTAX = "NW114", "route-destination-syntax", Error,
        "A route destination is not an IPv4 CIDR block", "VPC_Route_Tables";
    /// Source: security-group-rules (a source is an IPv4 or IPv6 block).
    PEER_CIDR_SYNTAX = "NW115", "peer-cidr-syntax", Error,
        "A rule's CIDR peer is not an IPv4 or IPv6 block", "security-group-rules";

    // ---- 2xx references, names, zones ------------------------------------------------
    /// Source: the Netwright model (ids must resolve); moto-notes (AWS rejects them).
    DANGLING_REFERENCE = "NW201", "dangling-reference", Error,
        "A reference points at an id no entity has", "Netwright model";
    /// Source: the Netwright model.
    WRONG_KIND_REFERENCE = "NW202", "reference-wrong-kind", Error,
        "A reference points at an entity of the wrong kind", "Netwright model";
    /// Source: the Netwright model (ids are unique across the design).
    ID_INVALID = "NW203", "id-invalid", Error,
        "An id is empty or used by two entities", "Netwright model";
    /// Source: the exported scripts find resources by Name tag; CreateSecurityGroup and
    /// CreateRole require a name.
    NAME_EMPTY = "NW204", "name-empty", Error,
        "The design or an entity has no name", "Netwright export";
    /// Source: security-group-rules (names unique in a VPC), IAM quotas (role names
    /// unique per account, case-insensitive); the scripts look resources up by Name tag.
    DUPLICATE_NAME = "NW205", "duplicate-name", Error,
        "Two entities of one kind share a name", "security-group-rules; IAM";
    /// Source: EC2 tag restrictions (a tag value is at most 256 characters).
    NAME_TOO_LONG = "NW206", "name-too-long", Error,
        "A Name tag value is longer than 256 characters", "EC2 tag restrictions";
    /// Source: security-group-rules (group name rules); CreateSecurityGroup API.
    SG_NAME_INVALID = "NW207", "sg-name-invalid", Error,
        "A security group name breaks AWS's naming rules", "CreateSecurityGroup";
    /// Source: CreateSecurityGroup API (GroupDescription).
    SG_DESCRIPTION_INVALID = "NW208", "sg-description-invalid", Error,
        "A security group description is missing or breaks AWS's rules", "CreateSecurityGroup";
    /// Source: IpRange/UserIdGroupPair Description in the EC2 API.
    RULE_DESCRIPTION_INVALID = "NW209", "rule-description-invalid", Error,
        "A rule description is too long or has characters AWS rejects", "EC2 API IpRange";
    /// Source: IAM CreateRole (RoleName).
    ROLE_NAME_INVALID = "NW210", "role-name-invalid", Error,
        "An IAM role name breaks IAM's naming rules", "IAM CreateRole";
    /// Source: IAM CreateRole (Description).
    ROLE_DESCRIPTION_INVALID = "NW211", "role-description-invalid", Error,
        "An IAM role description is too long or has characters IAM rejects", "IAM CreateRole";
    /// Source: EC2 and IAM tag restrictions.
    TAG_INVALID = "NW212", "tag-invalid", Error,
        "A tag key or value breaks AWS's tag rules", "EC2/IAM tag restrictions";
    /// Source: the Netwright model (the Name tag comes from the name field).
    NAME_TAG_IN_TAGS = "NW213", "name-tag-in-tags", Warning,
        "Extra tags set a Name tag that the name field already sets", "Netwright export";
    /// Source: AWS Regions and Availability Zones (crate::catalog::REGIONS).
    UNKNOWN_REGION = "NW214", "unknown-region", Error,
        "The design's Region is not a known AWS Region", "Regions and Availability Zones";
    /// Source: AWS Regions and Availability Zones.
    AZ_NOT_IN_REGION = "NW215", "az-not-in-region", Error,
        "A subnet's Availability Zone is not a zone of the design's Region",
        "Regions and Availability Zones";

    // ---- 3xx routing and gateways ----------------------------------------------------
    /// Source: amazon-vpc-limits (1 internet gateway per VPC, not adjustable).
    SECOND_IGW = "NW301", "second-internet-gateway", Error,
        "A VPC has more than one internet gateway attached", "amazon-vpc-limits";
    /// Source: VPC_Route_Tables (an IGW must be attached to be a route target).
    IGW_DETACHED = "NW302", "igw-detached", Warning,
        "An internet gateway is not attached to any VPC", "VPC_Route_Tables";
    /// Source: VPC_Route_Tables.
    ROUTE_TO_UNATTACHED_IGW = "NW303", "route-to-unattached-igw", Error,
        "A route targets an internet gateway not attached to the table's VPC",
        "VPC_Route_Tables";
    /// Source: VPC_Route_Tables (targets are in the table's VPC).
    ROUTE_TO_FOREIGN_NAT = "NW304", "route-to-foreign-nat", Error,
        "A route targets a NAT gateway in another VPC", "VPC_Route_Tables";
    /// Source: VPC_Route_Tables (CreateRoute: RouteAlreadyExists).
    DUPLICATE_ROUTE = "NW305", "duplicate-route", Error,
        "Two routes of one table have the same destination", "VPC_Route_Tables";
    /// Source: VPC_Route_Tables (routes more specific than local).
    ROUTE_SHADOWS_LOCAL = "NW306", "route-shadows-local", Error,
        "A route to an internet gateway covers addresses of the VPC itself", "VPC_Route_Tables";
    /// Source: vpc-nat-gateway (a public NAT gateway lives in a public subnet).
    NAT_IN_PRIVATE_SUBNET = "NW307", "public-nat-in-private-subnet", Error,
        "A public NAT gateway's subnet has no default route to an internet gateway",
        "vpc-nat-gateway";
    /// Source: vpc-nat-gateway (a public NAT gateway needs an Elastic IP).
    NAT_WITHOUT_EIP = "NW308", "public-nat-without-eip", Error,
        "A public NAT gateway has no Elastic IP", "vpc-nat-gateway";
    /// Source: vpc-nat-gateway (a private NAT gateway has no Elastic IP).
    PRIVATE_NAT_WITH_EIP = "NW309", "private-nat-with-eip", Error,
        "A private NAT gateway has an Elastic IP", "vpc-nat-gateway";
    /// Source: VPC_Route_Tables (a subnet has exactly one route table).
    SUBNET_IN_TWO_TABLES = "NW310", "subnet-in-two-tables", Error,
        "A subnet is associated with more than one route table", "VPC_Route_Tables";
    /// Source: VPC_Route_Tables.
    TABLE_SUBNET_OTHER_VPC = "NW311", "table-subnet-other-vpc", Error,
        "A route table is associated with a subnet of another VPC", "VPC_Route_Tables";
    /// Source: VPC_Route_Tables (each VPC has one main route table).
    MULTIPLE_MAIN_TABLES = "NW312", "multiple-main-tables", Error,
        "A VPC has more than one main route table", "VPC_Route_Tables";
    /// Source: vpc-nat-gateway (NAT gateways are zonal).
    CROSS_AZ_NAT = "NW313", "cross-az-nat", Warning,
        "A subnet reaches the internet through a NAT gateway in another AZ", "vpc-nat-gateway";
    /// Source: VPC_Route_Tables (subnets without an association use the main table).
    IMPLICIT_MAIN_TABLE = "NW314", "implicit-main-table", Info,
        "A subnet has no explicit route table and uses its VPC's main table",
        "VPC_Route_Tables";
    /// Source: VPC_Route_Tables.
    UNUSED_ROUTE_TABLE = "NW315", "unused-route-table", Info,
        "A route table that is not main serves no subnet", "VPC_Route_Tables";

    // ---- 4xx security groups ---------------------------------------------------------
    /// Source: security-group-rules (ports 0-65535).
    PORT_RANGE = "NW401", "port-range", Error,
        "A TCP/UDP rule's ports are outside 0-65535 or reversed", "security-group-rules";
    /// Source: security-group-rules (ICMP type and code, -1 = any).
    ICMP_TYPE_CODE = "NW402", "icmp-type-code", Error,
        "An ICMP rule's type or code is outside -1 to 255", "security-group-rules";
    /// Source: security-group-rules (-1 means all protocols and all ports).
    ALL_TRAFFIC_PORTS = "NW403", "all-traffic-ports", Warning,
        "An all-traffic rule names ports, which AWS ignores", "security-group-rules";
    /// Source: security-group-rules (a peer group is in the same VPC).
    PEER_GROUP_OTHER_VPC = "NW404", "peer-group-other-vpc", Error,
        "A rule references a security group of another VPC", "security-group-rules";
    /// Source: security-group-rules (InvalidPermission.Duplicate).
    DUPLICATE_RULE = "NW405", "duplicate-rule", Error,
        "Two rules of one group allow the same protocol, ports and peer",
        "security-group-rules";
    /// Source: checkov CKV_AWS_24 (SSH), CKV_AWS_25 (RDP).
    WORLD_ADMIN_PORT = "NW406", "world-admin-port", Warning,
        "SSH (22) or RDP (3389) is open to the whole internet", "checkov CKV_AWS_24/25";
    /// Source: aws-facts.md lints (database ports open to the world).
    WORLD_DATABASE_PORT = "NW407", "world-database-port", Error,
        "A database port is open to the whole internet", "aws-facts lints";
    /// Source: checkov CKV_AWS_277.
    WORLD_ALL_PORTS = "NW408", "world-all-ports", Error,
        "Every port is open to the whole internet", "checkov CKV_AWS_277";
    /// Source: aws-facts.md lints (database reachable through group references).
    DATABASE_REACHABLE_CHAIN = "NW409", "database-reachable-chain", Warning,
        "A database port is reachable from the internet through group references",
        "aws-facts lints";
    /// Source: checkov CKV_AWS_260 (port 80 open to the world); cfn_nag W2 (world
    /// ingress is normal on a load balancer). A warning, or only info when every
    /// workload behind the group is an internet-facing load balancer or none is.
    WORLD_WEB_PORT = "NW410", "world-web-port", Warning or Info,
        "HTTP (80) or HTTPS (443) is open to the whole internet",
        "checkov CKV_AWS_260; cfn_nag W2";
    /// Source: checkov CKV_AWS_23 (every security group rule has a description).
    RULE_WITHOUT_DESCRIPTION = "NW411", "rule-without-description", Info,
        "A security group rule has no description", "checkov CKV_AWS_23";
    /// Source: aws-facts.md lints (a database reachable from the internet), answered
    /// by the reachability engine (crate::reach).
    DATABASE_REACHABLE_FROM_INTERNET = "NW412", "database-reachable-from-internet", Error,
        "A database workload is reachable from the internet", "aws-facts lints; reach";

    // ---- 5xx IAM ---------------------------------------------------------------------
    /// Source: IAM AWS managed policies (crate::catalog::MANAGED_POLICIES).
    UNKNOWN_POLICY = "NW501", "unknown-managed-policy", Error,
        "A managed policy is neither a known AWS managed policy nor a policy ARN",
        "IAM managed policies";
    /// Source: IAM policy elements: Principal (service principals).
    BAD_PRINCIPAL = "NW502", "malformed-service-principal", Error,
        "A trusted service is not a service principal like ec2.amazonaws.com",
        "IAM Principal element";
    /// Source: IAM roles (a role needs a trust policy).
    NO_TRUSTED_SERVICE = "NW503", "no-trusted-service", Error,
        "A role trusts no service, so nothing can assume it", "IAM roles";
    /// Source: checkov CKV_AWS_274; cfn_nag W25.
    BROAD_POLICY = "NW504", "broad-managed-policy", Warning,
        "A role carries a full-access, administrator or power-user policy",
        "checkov CKV_AWS_274; cfn_nag W25";
    /// Source: IAM roles for EC2 (instance profiles).
    PROFILE_NOT_EC2 = "NW505", "instance-profile-not-ec2", Info,
        "A role has an instance profile but EC2 may not assume it", "IAM roles for EC2";
    /// Source: IAM roles for EC2 (instance profiles).
    EC2_WITHOUT_PROFILE = "NW506", "ec2-role-without-instance-profile", Warning,
        "An EC2-trusted role has no instance profile", "IAM roles for EC2";
    /// Source: IAM quotas (10 managed policies per role).
    TOO_MANY_POLICIES = "NW507", "too-many-managed-policies", Error,
        "A role has more than 10 managed policies", "IAM quotas";
    /// Source: IAM AttachRolePolicy (attaching twice does nothing).
    DUPLICATE_POLICY = "NW508", "duplicate-managed-policy", Warning,
        "A role lists the same managed policy twice", "IAM AttachRolePolicy";

    // ---- 6xx quotas ------------------------------------------------------------------
    /// Source: amazon-vpc-limits (5 VPCs per Region, adjustable).
    VPCS_PER_REGION = "NW601", "vpcs-per-region", Warning,
        "More than 5 VPCs in the Region (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (200 subnets per VPC, adjustable).
    SUBNETS_PER_VPC = "NW602", "subnets-per-vpc", Warning,
        "More than 200 subnets in a VPC (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (5 IPv4 blocks per VPC, adjustable to 50).
    BLOCKS_PER_VPC = "NW603", "blocks-per-vpc", Warning,
        "More than 5 IPv4 blocks in a VPC (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (60 inbound and 60 outbound rules per group).
    RULES_PER_GROUP = "NW604", "rules-per-group", Error,
        "A group has more than 60 rules in one direction for one IP version",
        "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (2,500 security groups per Region, adjustable).
    GROUPS_PER_REGION = "NW605", "groups-per-region", Warning,
        "More than 2,500 security groups in the Region (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (200 route tables per VPC, adjustable).
    TABLES_PER_VPC = "NW606", "route-tables-per-vpc", Warning,
        "More than 200 route tables in a VPC (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (50 routes per table, adjustable to 1,000).
    ROUTES_PER_TABLE = "NW607", "routes-per-table", Warning,
        "More than 50 routes in a route table (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (5 NAT gateways per AZ, adjustable).
    NATS_PER_AZ = "NW608", "nat-gateways-per-az", Warning,
        "More than 5 NAT gateways in one Availability Zone (default quota)",
        "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (5 Elastic IPs per Region, adjustable).
    EIPS_PER_REGION = "NW609", "elastic-ips-per-region", Warning,
        "More than 5 Elastic IPs in the Region (default quota)", "amazon-vpc-limits";
    /// Source: amazon-vpc-limits (20 entries per network ACL direction, adjustable to 40).
    ACL_ENTRIES_PER_DIRECTION = "NW610", "acl-entries-per-direction", Warning,
        "A network ACL has more than 20 entries in one direction (default quota)",
        "amazon-vpc-limits";

    // ---- 7xx network ACLs ------------------------------------------------------------
    /// Source: "Control subnet traffic with network ACLs" (rule numbers 1-32766).
    ACL_RULE_NUMBER = "NW701", "acl-rule-number-range", Error,
        "A network ACL entry's rule number is outside 1-32766", "network ACLs";
    /// Source: CreateNetworkAclEntry (NetworkAclEntryAlreadyExists).
    ACL_DUPLICATE_NUMBER = "NW702", "acl-duplicate-rule-number", Error,
        "Two entries of one ACL direction have the same rule number", "CreateNetworkAclEntry";
    /// Source: CreateNetworkAclEntry (Protocol: a number, or -1 for all).
    ACL_PROTOCOL = "NW703", "acl-protocol-invalid", Error,
        "An ACL entry's protocol is not tcp, udp, icmp, icmpv6, all or 0-255",
        "CreateNetworkAclEntry";
    /// Source: CreateNetworkAclEntry (PortRange is required for TCP and UDP).
    ACL_PORT_RANGE = "NW704", "acl-port-range", Error,
        "A TCP/UDP ACL entry has no valid port range", "CreateNetworkAclEntry";
    /// Source: CreateNetworkAclEntry (PortRange applies to TCP and UDP only).
    ACL_PORTS_IGNORED = "NW705", "acl-ports-ignored", Warning,
        "An ACL entry names ports for a protocol that has none", "CreateNetworkAclEntry";
    /// Source: CreateNetworkAclEntry (IcmpTypeCode, -1 = any).
    ACL_ICMP = "NW706", "acl-icmp-type-code", Error,
        "An ICMP ACL entry's type or code is outside -1 to 255", "CreateNetworkAclEntry";
    /// Source: CreateNetworkAclEntry (CidrBlock or Ipv6CidrBlock).
    ACL_CIDR = "NW707", "acl-cidr-syntax", Error,
        "An ACL entry's block is not an IPv4 or IPv6 CIDR block", "CreateNetworkAclEntry";
    /// Source: vpc-cidr-blocks ("input is canonicalised").
    ACL_CIDR_HOST_BITS = "NW708", "acl-cidr-host-bits", Warning,
        "An ACL entry's block has host bits set", "vpc-cidr-blocks";
    /// Source: "Control subnet traffic with network ACLs" (the first match wins).
    ACL_SHADOWED = "NW709", "acl-entry-shadowed", Warning,
        "An ACL entry can never match: an earlier entry covers all it matches", "network ACLs";
    /// Source: "Control subnet traffic with network ACLs" (a subnet has exactly one ACL).
    ACL_SUBNET_TWICE = "NW710", "acl-subnet-associated-twice", Error,
        "A subnet is associated with more than one network ACL", "network ACLs";
    /// Source: "Control subnet traffic with network ACLs" (ACLs are per VPC).
    ACL_SUBNET_OTHER_VPC = "NW711", "acl-subnet-other-vpc", Error,
        "A network ACL is associated with a subnet of another VPC", "network ACLs";
    /// Source: "Control subnet traffic with network ACLs" (stateless: ephemeral ports).
    ACL_BLOCKS_RETURN = "NW712", "acl-blocks-return-traffic", Warning,
        "An ACL denies replies on ephemeral ports 1024-65535 to peers its subnet's groups accept",
        "network ACLs";
    /// Source: "Control subnet traffic with network ACLs"; security-group-rules.
    ACL_DENIES_GROUP_RULE = "NW713", "acl-denies-group-rule", Warning,
        "A security group rule allows traffic that its subnet's ACL always denies",
        "network ACLs";

    // ---- 8xx workloads ---------------------------------------------------------------
    /// Source: the Netwright model (a workload's interfaces are in one VPC).
    WORKLOAD_TWO_VPCS = "NW801", "workload-two-vpcs", Error,
        "A workload runs in subnets of more than one VPC", "Netwright model";
    /// Source: security-group-rules (an interface's groups are of its VPC).
    WORKLOAD_GROUP_OTHER_VPC = "NW802", "workload-group-other-vpc", Error,
        "A workload uses a security group of another VPC than its subnets'",
        "security-group-rules";
    /// Source: VPC_Route_Tables (public means a default route to an internet gateway).
    INTERNET_FACING_PRIVATE = "NW803", "internet-facing-without-public-subnet", Error,
        "An internet-facing workload runs in no public subnet", "VPC_Route_Tables";
    /// Source: aws-facts.md (databases in the private subnets).
    DATABASE_PUBLIC_SUBNET = "NW804", "database-in-public-subnet", Warning,
        "A database runs in a public subnet", "aws-facts workloads";
    /// Source: Elastic Load Balancing (an Application Load Balancer needs two AZs).
    LOAD_BALANCER_ONE_AZ = "NW805", "load-balancer-single-az", Error,
        "A load balancer has subnets in fewer than two Availability Zones",
        "Elastic Load Balancing";
    /// Source: the Netwright model (groups have a place once workloads are drawn).
    GROUP_WITHOUT_WORKLOAD = "NW806", "group-without-workload", Info,
        "A security group no workload uses (designs with workloads only)", "Netwright model";
}

/// The rule with `code`.
///
/// ```
/// use netwright_core::validate::rules::rule;
/// assert_eq!(rule("NW112").unwrap().slug, "subnets-overlap");
/// assert!(rule("NW999").is_none());
/// ```
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_well_formed() {
        for w in RULES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
        let mut slugs: Vec<&str> = RULES.iter().map(|r| r.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), RULES.len(), "slugs are unique");
        for r in RULES {
            let digits = r.code.strip_prefix("NW").expect("NW prefix");
            assert_eq!(digits.len(), 3, "{}", r.code);
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{}", r.code);
            assert!(!digits.starts_with('0'), "NW0xx is for load errors");
            assert!(r
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert!(!r.source.is_empty() && !r.summary.is_empty());
            assert!(r.severity <= r.mildest, "{}: worst first", r.code);
        }
    }
}
