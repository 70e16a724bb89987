//! NW5xx cases: IAM roles.

use netwright_core::model::EntityKind;
use netwright_core::templates::smartinvoice;
use netwright_core::{validate, Topology};

use crate::Case;

fn with_policies(role: usize, policies: &[&str]) -> Topology {
    let mut t = smartinvoice();
    t.iam_roles[role].managed_policies = policies.iter().map(|p| p.to_string()).collect();
    t
}

const ELEVEN: [&str; 11] = [
    "AmazonS3ReadOnlyAccess",
    "AmazonSQSReadOnlyAccess",
    "AmazonSSMReadOnlyAccess",
    "AmazonEC2ReadOnlyAccess",
    "AmazonRDSReadOnlyAccess",
    "AmazonSNSReadOnlyAccess",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonVPCReadOnlyAccess",
    "CloudWatchReadOnlyAccess",
    "CloudWatchLogsReadOnlyAccess",
    "IAMReadOnlyAccess",
];

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "NW501",
            broken: || with_policies(3, &["AmazonS3FullAcess"]),
            fixed: || {
                with_policies(
                    3,
                    &["arn:aws:iam::123456789012:policy/team/OcrBucketAccess"],
                )
            },
            entity: (EntityKind::IamRole, "role-ecs-task"),
            field: Some("managed_policies[0]"),
            replacement_fixes: true,
        },
        Case {
            code: "NW502",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[2].trusted_services = vec!["ecs-tasks".into()];
                t
            },
            fixed: || {
                let mut t = smartinvoice();
                t.iam_roles[2].trusted_services = vec!["monitoring.rds.amazonaws.com".into()];
                t
            },
            entity: (EntityKind::IamRole, "role-ecs-execution"),
            field: Some("trusted_services[0]"),
            replacement_fixes: true,
        },
        Case {
            code: "NW503",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[1].trusted_services.clear();
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::IamRole, "role-eb-service"),
            field: Some("trusted_services"),
            replacement_fixes: false,
        },
        Case {
            code: "NW504",
            broken: smartinvoice,
            fixed: || with_policies(3, &["AmazonS3ReadOnlyAccess", "AmazonSQSReadOnlyAccess"]),
            entity: (EntityKind::IamRole, "role-ecs-task"),
            field: Some("managed_policies[0]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW505",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[1].instance_profile = true;
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::IamRole, "role-eb-service"),
            field: Some("instance_profile"),
            replacement_fixes: true,
        },
        Case {
            code: "NW506",
            broken: || {
                let mut t = smartinvoice();
                t.iam_roles[0].instance_profile = false;
                t
            },
            fixed: smartinvoice,
            entity: (EntityKind::IamRole, "role-eb-ec2"),
            field: Some("instance_profile"),
            replacement_fixes: true,
        },
        Case {
            code: "NW507",
            broken: || with_policies(1, &ELEVEN),
            fixed: || with_policies(1, &ELEVEN[..10]),
            entity: (EntityKind::IamRole, "role-eb-service"),
            field: Some("managed_policies[10]"),
            replacement_fixes: false,
        },
        Case {
            code: "NW508",
            broken: || {
                with_policies(
                    1,
                    &[
                        "AWSElasticBeanstalkEnhancedHealth",
                        "AWSElasticBeanstalkWebTier",
                        "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
                    ],
                )
            },
            fixed: || {
                with_policies(
                    1,
                    &[
                        "AWSElasticBeanstalkEnhancedHealth",
                        "AWSElasticBeanstalkWebTier",
                        "arn:aws:iam::123456789012:policy/AWSElasticBeanstalkEnhancedHealth",
                    ],
                )
            },
            entity: (EntityKind::IamRole, "role-eb-service"),
            field: Some("managed_policies[2]"),
            replacement_fixes: false,
        },
    ]
}

#[test]
fn broad_policies_are_named_and_counted() {
    let t = with_policies(
        3,
        &[
            "AdministratorAccess",
            "PowerUserAccess",
            "AmazonECS_FullAccess",
            "ReadOnlyAccess",
        ],
    );
    let d = validate(&t);
    let fields: Vec<&str> = d
        .iter()
        .filter(|d| d.code == "NW504" && d.entity.id.as_str() == "role-ecs-task")
        .map(|d| d.field.as_deref().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "managed_policies[0]",
            "managed_policies[1]",
            "managed_policies[2]"
        ]
    );
    // The read-only sibling is suggested when the catalogue has one.
    let d = validate(&smartinvoice());
    let s3 = d
        .iter()
        .find(|d| d.code == "NW504" && d.message.contains("AmazonS3FullAccess"))
        .unwrap();
    assert!(s3
        .fix
        .as_ref()
        .unwrap()
        .label
        .contains("AmazonS3ReadOnlyAccess"));
}

#[test]
fn unknown_policies_without_a_close_match_get_no_replacement() {
    let d = validate(&with_policies(3, &["TotallyMadeUpPolicyName"]));
    let u = d.iter().find(|d| d.code == "NW501").unwrap();
    assert!(u.fix.as_ref().unwrap().replacement.is_none());
    // AWS managed ARNs and customer ARNs pass.
    let d = validate(&with_policies(
        3,
        &[
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::123456789012:policy/x",
        ],
    ));
    assert!(d.iter().all(|d| d.code != "NW501"));
}

#[test]
fn principals_must_be_service_principals() {
    for (p, bad) in [
        ("ec2.amazonaws.com", false),
        ("elasticbeanstalk.amazonaws.com", false),
        ("EC2.amazonaws.com", true),
        ("ec2.amazonaws.com ", true),
        ("arn:aws:iam::123456789012:root", true),
        ("*", true),
        ("amazonaws.com", true),
    ] {
        let mut t = smartinvoice();
        t.iam_roles[1].trusted_services = vec![p.into()];
        let fired = validate(&t).iter().any(|d| d.code == "NW502");
        assert_eq!(fired, bad, "{p:?}");
    }
}
