//! Live validation: `validate(&Topology) -> Vec<Diagnostic>`. It never fails and is
//! fast enough to run on every keystroke. One file per rule family; the catalogue of
//! rules with their stable codes is [`rules::RULES`] (documented in docs/rules.md).
//!
//! Each call indexes the design once (`context.rs`: ids to positions, blocks parsed,
//! each subnet's route table), then every family reads that index: no rule searches a
//! list, overlaps are found by sort and sweep, and text is formatted only for findings.
//!
//! Families: 1xx `vpc_blocks.rs`, `cidr.rs`; 2xx `refs.rs` (references, ids, Region,
//! zones), `names.rs`, `charset.rs`; 3xx `routing.rs`, `nat.rs`; 4xx `security.rs`,
//! `reachability.rs`, `web_ports.rs` (NW410, which needs the workloads placed); 5xx
//! `iam.rs`; 6xx `quotas.rs` (and NW610 in `acl.rs`); 7xx `acl.rs`, `acl_groups.rs`
//! (one family); 8xx `workloads.rs`. Shared: `context.rs`
//! (the index), `placement.rs` (ACLs and workloads resolved), `parse.rs` (fast block
//! parsers), `sweep.rs` (overlap sweep), `rules.rs` (catalogue), `block.rs` (syntax and
//! host bits of any typed block), `text.rs` (blank, length), `dangling.rs` (NW201/NW202
//! for every family that holds references).
//! Families never call each other: [`validate`] runs each in turn, and the order of
//! the calls is the order of findings before the final sort.

mod acl;
mod acl_groups;
mod block;
pub(crate) mod charset;
mod cidr;
mod context;
mod dangling;
mod diagnostic;
mod exposure;
mod iam;
mod names;
mod nat;
mod parse;
mod placement;
mod quotas;
mod reachability;
mod refs;
mod routing;
pub mod rules;
mod security;
mod sweep;
mod text;
mod vpc_blocks;
mod web_ports;
mod workloads;

pub use diagnostic::{Diagnostic, Fix, Severity};

use crate::model::Topology;

/// Every problem with the design, in a stable order (errors first, then by entity).
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let diags = netwright_core::validate(&t);
/// assert!(diags.iter().all(|d| d.severity != netwright_core::Severity::Error));
/// ```
pub fn validate(t: &Topology) -> Vec<Diagnostic> {
    let mut c = context::Ctx::new(t);
    vpc_blocks::check(&mut c);
    cidr::check(&mut c);
    refs::check(&mut c);
    names::check(&mut c);
    charset::check(&mut c);
    routing::check(&mut c);
    nat::check(&mut c);
    security::check(&mut c);
    reachability::check(&mut c);
    exposure::check(&mut c);
    iam::check(&mut c);
    quotas::check(&mut c);
    let p = placement::Placement::new(&c);
    let entries = acl::Entries::new(&c);
    acl::check(&mut c, &p, &entries);
    acl_groups::check(&mut c, &p, &entries);
    web_ports::check(&mut c, &p);
    workloads::check(&mut c, &p);
    let mut out = c.diags;
    diagnostic::sort(&mut out);
    out
}
