//! The checks every typed IPv4 block shares, whether a VPC's, a subnet's, a route's
//! destination or a rule's peer: syntax (NW101) and host bits (NW102); and the field
//! path of a VPC's block.

use super::context::{fix, Ctx};
use super::rules::*;
use crate::cidr::{self, Cidr, Ipv4Net};
use crate::model::EntityKind;

/// The field path of a VPC's `j`th block (0 = primary).
pub(super) fn block_field(j: usize) -> String {
    if j == 0 {
        "cidr".into()
    } else {
        format!("secondary_cidrs[{}]", j - 1)
    }
}

/// The shared checks of any typed IPv4 block: syntax (NW101) and host bits (NW102).
/// Returns the canonical block when it parsed.
pub(super) fn parsed(
    c: &mut Ctx<'_>,
    kind: EntityKind,
    i: usize,
    field: impl Fn() -> String,
    text: &str,
    result: &Result<Cidr, cidr::CidrError>,
) -> Option<Ipv4Net> {
    match result {
        Err(e) => {
            let msg = format!(
                "{}: \"{}\" is not a CIDR block: {e}",
                c.name(kind, i),
                text.trim()
            );
            c.emit(&CIDR_SYNTAX, c.at(kind, i), Some(field()), msg, None);
            None
        }
        Ok(p) => {
            if p.had_host_bits {
                host_bits(c, kind, i, field(), text, &p.net.to_string());
            }
            Some(p.net)
        }
    }
}

/// NW102: a block typed with host bits set, with the canonical block as the fix.
pub(super) fn host_bits(
    c: &mut Ctx<'_>,
    kind: EntityKind,
    i: usize,
    field: String,
    text: &str,
    canon: &str,
) {
    let msg = format!(
        "{}: {} has host bits set; AWS treats it as {canon}",
        c.name(kind, i),
        text.trim()
    );
    let f = fix(format!("use {canon}"), Some(canon.to_string()));
    c.emit(&CIDR_HOST_BITS, c.at(kind, i), Some(field), msg, f);
}
