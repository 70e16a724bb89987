//! The topology model: one file per resource kind, plus the document that holds them.
//!
//! Entities live in flat, ordered lists and point at each other by stable [`Id`]s, so
//! a rename never breaks a reference. Fields hold what the user typed (a CIDR is a
//! `String`, not a parsed block) because a half-typed design is the normal state of an
//! editor; [`crate::validate`] says what is wrong with it.

mod gateway;
mod iam;
mod id;
mod network_acl;
mod ports;
mod route_table;
mod security_group;
mod subnet;
mod topology;
mod vpc;
mod workload;

pub use gateway::{ElasticIp, InternetGateway, NatConnectivity, NatGateway};
pub use iam::IamRole;
pub use id::Id;
pub use network_acl::{
    decide, parse_acl_protocol, AclAction, AclDecision, AclDirection, AclEntry, AclProtocol,
    AclProtocolError, NetworkAcl, MAX_RULE_NUMBER, MIN_RULE_NUMBER,
};
pub use ports::{parse_ports, PortError, PORT_PRESETS};
pub use route_table::{Route, RouteTable, RouteTarget};
pub use security_group::{Peer, Protocol, Rule, SecurityGroup};
pub use subnet::{Subnet, Tier};
pub use topology::{EntityKind, EntityRef, Layout, Point, Topology};
pub use vpc::{Tenancy, Vpc};
pub use workload::{Workload, WorkloadKind};

/// Free-form `key -> value` tags, kept in key order so exports are deterministic.
pub type Tags = std::collections::BTreeMap<String, String>;
