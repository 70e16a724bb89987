//! The topology model: one file per resource kind, plus the document that holds them.
//!
//! Entities live in flat, ordered lists and point at each other by stable [`Id`]s, so
//! a rename never breaks a reference. Fields hold what the user typed (a CIDR is a
//! `String`, not a parsed block) because a half-typed design is the normal state of an
//! editor; [`crate::validate`] says what is wrong with it.

mod gateway;
mod iam;
mod id;
mod ports;
mod route_table;
mod security_group;
mod subnet;
mod topology;
mod vpc;

pub use gateway::{ElasticIp, InternetGateway, NatConnectivity, NatGateway};
pub use iam::IamRole;
pub use id::Id;
pub use ports::{parse_ports, PortError, PORT_PRESETS};
pub use route_table::{Route, RouteTable, RouteTarget};
pub use security_group::{Peer, Protocol, Rule, SecurityGroup};
pub use subnet::{Subnet, Tier};
pub use topology::{EntityKind, EntityRef, Layout, Point, Topology};
pub use vpc::{Tenancy, Vpc};

/// Free-form `key -> value` tags, kept in key order so exports are deterministic.
pub type Tags = std::collections::BTreeMap<String, String>;
