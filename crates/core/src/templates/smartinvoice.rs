//! The reference design: steps 2-7 of the SmartInvoice networking guide, exactly.

use crate::model::{
    ElasticIp, IamRole, Id, InternetGateway, NatConnectivity, NatGateway, Peer, Route, RouteTable,
    RouteTarget, Rule, SecurityGroup, Subnet, Tags, Topology, Vpc, Workload, WorkloadKind,
};

fn sg_peer(id: &str) -> Peer {
    Peer::SecurityGroup(Id::new(id))
}

fn world() -> Peer {
    Peer::Cidr("0.0.0.0/0".into())
}

fn group(id: &str, name: &str, description: &str, ingress: Vec<Rule>) -> SecurityGroup {
    SecurityGroup {
        id: Id::new(id),
        name: name.into(),
        description: description.into(),
        vpc: Id::new("vpc"),
        ingress,
        // "All SGs: Outbound = All traffic -> 0.0.0.0/0"
        egress: vec![Rule::allow_all_egress()],
        tags: Tags::new(),
    }
}

fn role(id: &str, name: &str, description: &str, principal: &str, policies: &[&str]) -> IamRole {
    IamRole {
        id: Id::new(id),
        name: name.into(),
        description: description.into(),
        trusted_services: vec![principal.into()],
        managed_policies: policies.iter().map(|p| p.to_string()).collect(),
        instance_profile: principal == "ec2.amazonaws.com",
        tags: Tags::new(),
    }
}

fn workload(
    id: &str,
    name: &str,
    kind: WorkloadKind,
    tier: &str,
    group: &str,
    internet_facing: bool,
) -> Workload {
    Workload {
        subnets: vec![
            Id::new(format!("subnet-{tier}-1a")),
            Id::new(format!("subnet-{tier}-1b")),
        ],
        security_groups: vec![Id::new(group)],
        internet_facing,
        ..Workload::new(id, name, kind)
    }
}

/// The SmartInvoice reference design (ap-southeast-1): 1 VPC, 4 subnets in 2 AZs, an
/// internet gateway, a NAT gateway with an Elastic IP, 2 route tables, 4 security
/// groups that reference each other, the 4 workloads the guide's later steps place
/// (never deployed) and 4 IAM roles. No network ACL: every subnet keeps the VPC's
/// default one.
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// assert_eq!(t.subnets.len(), 4);
/// assert_eq!(t.security_groups.len(), 4);
/// assert_eq!(t.workloads.len(), 4);
/// assert_eq!(t.iam_roles.len(), 4);
/// assert!(t.network_acls.is_empty());
/// ```
pub fn smartinvoice() -> Topology {
    let mut t = Topology::new("smartinvoice", "ap-southeast-1");
    // Step 2.1: "VPC and more" enables DNS resolution and hostnames.
    t.vpcs
        .push(Vpc::new("vpc", "smartinvoice-vpc", "10.0.0.0/16"));
    // Step 2.2 and 2.3: public subnets auto-assign public IPv4 addresses.
    for (id, name, az, cidr, public) in [
        (
            "subnet-public-1a",
            "smartinvoice-public-1a",
            "ap-southeast-1a",
            "10.0.1.0/24",
            true,
        ),
        (
            "subnet-public-1b",
            "smartinvoice-public-1b",
            "ap-southeast-1b",
            "10.0.2.0/24",
            true,
        ),
        (
            "subnet-private-1a",
            "smartinvoice-private-1a",
            "ap-southeast-1a",
            "10.0.3.0/24",
            false,
        ),
        (
            "subnet-private-1b",
            "smartinvoice-private-1b",
            "ap-southeast-1b",
            "10.0.4.0/24",
            false,
        ),
    ] {
        let mut s = Subnet::new(id, name, "vpc", az, cidr);
        s.map_public_ip_on_launch = public;
        t.subnets.push(s);
    }
    // Step 3.
    t.internet_gateways.push(InternetGateway {
        id: Id::new("igw"),
        name: "smartinvoice-igw".into(),
        vpc: Some(Id::new("vpc")),
        tags: Tags::new(),
    });
    // Step 4.
    t.nat_gateways.push(NatGateway {
        id: Id::new("nat"),
        name: "smartinvoice-nat-gw".into(),
        subnet: Id::new("subnet-public-1a"),
        connectivity: NatConnectivity::Public,
        elastic_ip: Some(ElasticIp {
            name: "smartinvoice-nat-eip".into(),
        }),
        tags: Tags::new(),
    });
    // Step 5.
    t.route_tables.push(RouteTable {
        id: Id::new("rt-public"),
        name: "smartinvoice-public-rt".into(),
        vpc: Id::new("vpc"),
        main: false,
        routes: vec![Route {
            destination: "0.0.0.0/0".into(),
            target: RouteTarget::InternetGateway(Id::new("igw")),
        }],
        subnets: vec![Id::new("subnet-public-1a"), Id::new("subnet-public-1b")],
        tags: Tags::new(),
    });
    t.route_tables.push(RouteTable {
        id: Id::new("rt-private"),
        name: "smartinvoice-private-rt".into(),
        vpc: Id::new("vpc"),
        main: false,
        routes: vec![Route {
            destination: "0.0.0.0/0".into(),
            target: RouteTarget::NatGateway(Id::new("nat")),
        }],
        subnets: vec![Id::new("subnet-private-1a"), Id::new("subnet-private-1b")],
        tags: Tags::new(),
    });
    // Step 6.
    t.security_groups.push(group(
        "sg-alb",
        "smartinvoice-alb-sg",
        "SmartInvoice load balancer: HTTP and HTTPS from the internet",
        vec![
            Rule::tcp(80, world(), "HTTP"),
            Rule::tcp(443, world(), "HTTPS"),
        ],
    ));
    t.security_groups.push(group(
        "sg-backend",
        "smartinvoice-backend-sg",
        "SmartInvoice backend: traffic from the load balancer only",
        vec![
            Rule::tcp(80, sg_peer("sg-alb"), "HTTP"),
            Rule::tcp(8080, sg_peer("sg-alb"), "Custom TCP"),
        ],
    ));
    t.security_groups.push(group(
        "sg-rds",
        "smartinvoice-rds-sg",
        "SmartInvoice database: PostgreSQL from the backend and OCR",
        vec![
            Rule::tcp(5432, sg_peer("sg-backend"), "PostgreSQL"),
            Rule::tcp(5432, sg_peer("sg-ocr"), "PostgreSQL"),
        ],
    ));
    t.security_groups.push(group(
        "sg-ocr",
        "smartinvoice-ocr-sg",
        "SmartInvoice OCR service: direct internal traffic from the backend",
        vec![Rule::tcp(
            5000,
            sg_peer("sg-backend"),
            "Custom TCP (direct internal)",
        )],
    ));
    // What the groups are for (the guide's later steps): the load balancer in the public
    // subnets, the Beanstalk instances, the database and the OCR tasks in the private ones.
    t.workloads = vec![
        workload(
            "wl-alb",
            "smartinvoice-alb",
            WorkloadKind::LoadBalancer,
            "public",
            "sg-alb",
            true,
        ),
        workload(
            "wl-backend",
            "smartinvoice-backend",
            WorkloadKind::Instances,
            "private",
            "sg-backend",
            false,
        ),
        workload(
            "wl-rds",
            "smartinvoice-rds",
            WorkloadKind::Database,
            "private",
            "sg-rds",
            false,
        ),
        workload(
            "wl-ocr",
            "smartinvoice-ocr",
            WorkloadKind::ContainerService,
            "private",
            "sg-ocr",
            false,
        ),
    ];
    // Step 7.
    t.iam_roles.push(role(
        "role-eb-ec2",
        "aws-elasticbeanstalk-ec2-role",
        "Elastic Beanstalk compute: lets backend instances use other AWS services",
        "ec2.amazonaws.com",
        &[
            "AmazonS3FullAccess",
            "AmazonSQSFullAccess",
            "AmazonCognitoPowerUser",
            "AmazonSSMReadOnlyAccess",
            "AmazonEC2ContainerRegistryReadOnly",
            "CloudWatchLogsFullAccess",
        ],
    ));
    t.iam_roles.push(role(
        "role-eb-service",
        "aws-elasticbeanstalk-service-role",
        "Elastic Beanstalk environment: calls AWS services on your behalf",
        "elasticbeanstalk.amazonaws.com",
        &[
            "AWSElasticBeanstalkEnhancedHealth",
            "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
        ],
    ));
    t.iam_roles.push(role(
        "role-ecs-execution",
        "ecsTaskExecutionRole",
        "ECS Fargate: pull images from ECR and write logs to CloudWatch",
        "ecs-tasks.amazonaws.com",
        &[
            "AmazonECSTaskExecutionRolePolicy",
            "CloudWatchLogsFullAccess",
        ],
    ));
    t.iam_roles.push(role(
        "role-ecs-task",
        "smartinvoice-ecs-task-role",
        "Permissions of the OCR application running in the container",
        "ecs-tasks.amazonaws.com",
        &[
            "AmazonS3FullAccess",
            "AmazonSQSFullAccess",
            "AmazonSSMReadOnlyAccess",
        ],
    ));
    t
}
