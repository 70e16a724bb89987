//! Workloads: what runs in the network (a load balancer, instances, a database...),
//! in which subnets and behind which security groups. Part of the design and the
//! diagram, so that groups have a place; never deployed by the exporters.

use super::{Id, Tags};

/// What kind of thing a workload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum WorkloadKind {
    /// A load balancer (an Application or Network Load Balancer).
    LoadBalancer,
    /// EC2 instances (an Auto Scaling group, an Elastic Beanstalk environment...).
    #[default]
    Instances,
    /// A database (RDS, Aurora, ...), placed through a DB subnet group.
    Database,
    /// A container service (ECS or EKS tasks with their own interfaces).
    ContainerService,
    /// A function attached to the VPC (Lambda).
    Function,
    /// Anything else with network interfaces in the subnets.
    Other,
}

impl WorkloadKind {
    /// Every kind, in menu order.
    pub const ALL: [WorkloadKind; 6] = [
        WorkloadKind::LoadBalancer,
        WorkloadKind::Instances,
        WorkloadKind::Database,
        WorkloadKind::ContainerService,
        WorkloadKind::Function,
        WorkloadKind::Other,
    ];

    /// The value the saved format uses: `load_balancer`, `instances`, `database`,
    /// `container_service`, `function` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::LoadBalancer => "load_balancer",
            WorkloadKind::Instances => "instances",
            WorkloadKind::Database => "database",
            WorkloadKind::ContainerService => "container_service",
            WorkloadKind::Function => "function",
            WorkloadKind::Other => "other",
        }
    }

    /// The kind whose [`WorkloadKind::as_str`] value is `s`.
    ///
    /// ```
    /// use netwright_core::model::WorkloadKind;
    /// assert_eq!(WorkloadKind::parse("database"), Some(WorkloadKind::Database));
    /// assert_eq!(WorkloadKind::parse("Database"), None);
    /// ```
    pub fn parse(s: &str) -> Option<WorkloadKind> {
        WorkloadKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A short human label: `load balancer`, `container service`.
    pub fn label(self) -> &'static str {
        match self {
            WorkloadKind::LoadBalancer => "load balancer",
            WorkloadKind::Instances => "instances",
            WorkloadKind::Database => "database",
            WorkloadKind::ContainerService => "container service",
            WorkloadKind::Function => "function",
            WorkloadKind::Other => "other",
        }
    }
}

/// Something that runs in the network: where (subnets) and behind what (groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    /// Stable id.
    pub id: Id,
    /// Its name (also the stem of the names exports give its subnet and group lists).
    pub name: String,
    /// What it is.
    pub kind: WorkloadKind,
    /// The subnets it runs in (its network interfaces' subnets).
    pub subnets: Vec<Id>,
    /// The security groups on its network interfaces.
    pub security_groups: Vec<Id>,
    /// Whether it is reachable from the internet: an internet-facing load balancer, or
    /// instances with public addresses in a public subnet.
    pub internet_facing: bool,
    /// Tags its resources should carry (exports do not create workloads).
    pub tags: Tags,
}

impl Workload {
    /// A workload of `kind` in no subnet and behind no group, not internet-facing.
    pub fn new(id: impl Into<Id>, name: impl Into<String>, kind: WorkloadKind) -> Self {
        Workload {
            id: id.into(),
            name: name.into(),
            kind,
            subnets: Vec::new(),
            security_groups: Vec::new(),
            internet_facing: false,
            tags: Tags::new(),
        }
    }
}
