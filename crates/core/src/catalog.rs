//! Catalogues the core knows by heart: AWS managed policies (with their ARN paths),
//! Regions and their Availability Zones, and well-known service principals.

/// AWS managed policies by name, with the path of their ARN. Paths such as
/// `/service-role/` are part of the ARN; attaching without them fails in AWS.
/// Checked against the IAM managed-policy list that moto ships (see the moto test).
pub const MANAGED_POLICIES: &[(&str, &str)] = &[
    ("AdministratorAccess", "/"),
    ("AmazonCognitoPowerUser", "/"),
    ("AmazonCognitoReadOnly", "/"),
    ("AmazonDynamoDBFullAccess", "/"),
    ("AmazonDynamoDBReadOnlyAccess", "/"),
    ("AmazonEC2ContainerRegistryFullAccess", "/"),
    ("AmazonEC2ContainerRegistryPowerUser", "/"),
    ("AmazonEC2ContainerRegistryReadOnly", "/"),
    ("AmazonEC2ContainerServiceforEC2Role", "/service-role/"),
    ("AmazonEC2FullAccess", "/"),
    ("AmazonEC2ReadOnlyAccess", "/"),
    ("AmazonECS_FullAccess", "/"),
    ("AmazonECSTaskExecutionRolePolicy", "/service-role/"),
    ("AmazonElasticFileSystemClientReadWriteAccess", "/"),
    ("AmazonEventBridgeFullAccess", "/"),
    ("AmazonKinesisFullAccess", "/"),
    ("AmazonRDSEnhancedMonitoringRole", "/service-role/"),
    ("AmazonRDSFullAccess", "/"),
    ("AmazonRDSReadOnlyAccess", "/"),
    ("AmazonS3FullAccess", "/"),
    ("AmazonS3ReadOnlyAccess", "/"),
    ("AmazonSESFullAccess", "/"),
    ("AmazonSNSFullAccess", "/"),
    ("AmazonSNSReadOnlyAccess", "/"),
    ("AmazonSQSFullAccess", "/"),
    ("AmazonSQSReadOnlyAccess", "/"),
    ("AmazonSSMFullAccess", "/"),
    ("AmazonSSMManagedInstanceCore", "/"),
    ("AmazonSSMReadOnlyAccess", "/"),
    ("AmazonTextractFullAccess", "/"),
    ("AmazonVPCFullAccess", "/"),
    ("AmazonVPCReadOnlyAccess", "/"),
    ("AWSCodeDeployRole", "/service-role/"),
    ("AWSElasticBeanstalkEnhancedHealth", "/service-role/"),
    ("AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy", "/"),
    ("AWSElasticBeanstalkMulticontainerDocker", "/"),
    ("AWSElasticBeanstalkWebTier", "/"),
    ("AWSElasticBeanstalkWorkerTier", "/"),
    ("AWSKeyManagementServicePowerUser", "/"),
    ("AWSLambda_FullAccess", "/"),
    ("AWSLambdaBasicExecutionRole", "/service-role/"),
    ("AWSLambdaVPCAccessExecutionRole", "/service-role/"),
    ("AWSXRayDaemonWriteAccess", "/"),
    ("CloudWatchAgentServerPolicy", "/"),
    ("CloudWatchFullAccess", "/"),
    ("CloudWatchLogsFullAccess", "/"),
    ("CloudWatchLogsReadOnlyAccess", "/"),
    ("CloudWatchReadOnlyAccess", "/"),
    ("IAMFullAccess", "/"),
    ("IAMReadOnlyAccess", "/"),
    ("PowerUserAccess", "/"),
    ("ReadOnlyAccess", "/"),
    ("SecretsManagerReadWrite", "/"),
];

/// The ARN of an AWS managed policy by name, e.g.
/// `arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`.
/// A full ARN is returned unchanged; an unknown name gives `None`.
///
/// ```
/// use netwright_core::catalog::managed_policy_arn;
/// assert_eq!(
///     managed_policy_arn("AWSElasticBeanstalkEnhancedHealth").as_deref(),
///     Some("arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth")
/// );
/// assert!(managed_policy_arn("NoSuchPolicy").is_none());
/// ```
pub fn managed_policy_arn(name: &str) -> Option<String> {
    if is_policy_arn(name) {
        return Some(name.to_string());
    }
    MANAGED_POLICIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, path)| format!("arn:aws:iam::aws:policy{path}{n}"))
}

/// Whether `s` looks like a full IAM policy ARN (`arn:aws:iam::ACCOUNT:policy/...`).
pub fn is_policy_arn(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("arn:aws:iam::") else {
        return false;
    };
    let Some((account, name)) = rest.split_once(":policy/") else {
        return false;
    };
    (account == "aws" || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        && !name.is_empty()
        && !name.contains(char::is_whitespace)
}

/// The closest known policy name to `name` (for "did you mean" fixes), if any is close.
pub fn closest_policy(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    MANAGED_POLICIES
        .iter()
        .map(|(n, _)| (*n, edit_distance(&lower, &n.to_ascii_lowercase())))
        .filter(|(n, d)| *d <= (n.len() / 4).max(2))
        .min_by_key(|(_, d)| *d)
        .map(|(n, _)| n)
}

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Commercial AWS Regions and how many Availability Zones each offers (zone letters
/// `a` onwards). Source: AWS "Regions and Availability Zones" (global infrastructure).
pub const REGIONS: &[(&str, u8, &str)] = &[
    ("af-south-1", 3, "Africa (Cape Town)"),
    ("ap-east-1", 3, "Asia Pacific (Hong Kong)"),
    ("ap-northeast-1", 4, "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", 4, "Asia Pacific (Seoul)"),
    ("ap-northeast-3", 3, "Asia Pacific (Osaka)"),
    ("ap-south-1", 3, "Asia Pacific (Mumbai)"),
    ("ap-south-2", 3, "Asia Pacific (Hyderabad)"),
    ("ap-southeast-1", 3, "Asia Pacific (Singapore)"),
    ("ap-southeast-2", 3, "Asia Pacific (Sydney)"),
    ("ap-southeast-3", 3, "Asia Pacific (Jakarta)"),
    ("ap-southeast-4", 3, "Asia Pacific (Melbourne)"),
    ("ap-southeast-5", 3, "Asia Pacific (Malaysia)"),
    ("ap-southeast-7", 3, "Asia Pacific (Thailand)"),
    ("ca-central-1", 3, "Canada (Central)"),
    ("ca-west-1", 3, "Canada West (Calgary)"),
    ("eu-central-1", 3, "Europe (Frankfurt)"),
    ("eu-central-2", 3, "Europe (Zurich)"),
    ("eu-north-1", 3, "Europe (Stockholm)"),
    ("eu-south-1", 3, "Europe (Milan)"),
    ("eu-south-2", 3, "Europe (Spain)"),
    ("eu-west-1", 3, "Europe (Ireland)"),
    ("eu-west-2", 3, "Europe (London)"),
    ("eu-west-3", 3, "Europe (Paris)"),
    ("il-central-1", 3, "Israel (Tel Aviv)"),
    ("me-central-1", 3, "Middle East (UAE)"),
    ("me-south-1", 3, "Middle East (Bahrain)"),
    ("mx-central-1", 3, "Mexico (Central)"),
    ("sa-east-1", 3, "South America (Sao Paulo)"),
    ("us-east-1", 6, "US East (N. Virginia)"),
    ("us-east-2", 3, "US East (Ohio)"),
    ("us-west-1", 3, "US West (N. California)"),
    ("us-west-2", 4, "US West (Oregon)"),
];

/// How many Availability Zones a known Region has.
pub fn region_az_count(region: &str) -> Option<u8> {
    REGIONS
        .iter()
        .find(|(r, _, _)| *r == region)
        .map(|(_, n, _)| *n)
}

/// The Availability Zone names of a known Region, e.g. `ap-southeast-1a`.
///
/// ```
/// let azs = netwright_core::catalog::availability_zones("ap-southeast-1");
/// assert_eq!(azs, ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]);
/// ```
pub fn availability_zones(region: &str) -> Vec<String> {
    let n = region_az_count(region).unwrap_or(0);
    (0..n)
        .map(|i| format!("{region}{}", char::from(b'a' + i)))
        .collect()
}

/// Service principals people commonly trust in a role, with what they are for.
pub const SERVICE_PRINCIPALS: &[(&str, &str)] = &[
    (
        "ec2.amazonaws.com",
        "EC2 instances (needs an instance profile)",
    ),
    (
        "ecs-tasks.amazonaws.com",
        "ECS tasks (task and execution roles)",
    ),
    ("ecs.amazonaws.com", "ECS service"),
    (
        "elasticbeanstalk.amazonaws.com",
        "Elastic Beanstalk environments",
    ),
    ("lambda.amazonaws.com", "Lambda functions"),
    ("eks.amazonaws.com", "EKS clusters"),
    ("rds.amazonaws.com", "RDS"),
    ("monitoring.rds.amazonaws.com", "RDS enhanced monitoring"),
    ("codedeploy.amazonaws.com", "CodeDeploy"),
    ("states.amazonaws.com", "Step Functions"),
    ("events.amazonaws.com", "EventBridge"),
    ("ssm.amazonaws.com", "Systems Manager"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_role_paths_are_kept() {
        assert_eq!(
            managed_policy_arn("AmazonECSTaskExecutionRolePolicy").unwrap(),
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        );
        assert_eq!(
            managed_policy_arn("AmazonS3FullAccess").unwrap(),
            "arn:aws:iam::aws:policy/AmazonS3FullAccess"
        );
    }

    #[test]
    fn arns_pass_through_and_typos_get_suggestions() {
        let arn = "arn:aws:iam::123456789012:policy/team/MyPolicy";
        assert_eq!(managed_policy_arn(arn).unwrap(), arn);
        assert!(!is_policy_arn("arn:aws:iam::12:policy/x"));
        assert_eq!(
            closest_policy("AmazonS3FullAcess"),
            Some("AmazonS3FullAccess")
        );
        assert_eq!(closest_policy("Zzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn catalogue_is_sorted_and_unique() {
        let names: Vec<&str> = MANAGED_POLICIES.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_ascii_lowercase());
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}
