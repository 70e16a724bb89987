//! Inspector form for workloads: the name, and a summary of what
//! the workload holds (subnets, groups).

use leptos::prelude::*;
use netwright_core::edit::Entity;
use netwright_core::model::EntityRef;

use super::Current;
use crate::panels::fields::TextField;

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn entries(n: usize) -> String {
    format!("{n} {}", if n == 1 { "entry" } else { "entries" })
}

/// What the entity holds, in one line.
fn summary(e: &Entity) -> String {
    match e {
        Entity::NetworkAcl(a) => format!(
            "{} in, {} out · {}",
            entries(a.inbound.len()),
            entries(a.outbound.len()),
            plural(a.subnets.len(), "subnet")
        ),
        Entity::Workload(w) => format!(
            "{} · {} · {}{}",
            w.kind.label(),
            plural(w.subnets.len(), "subnet"),
            plural(w.security_groups.len(), "group"),
            if w.internet_facing {
                " · internet-facing"
            } else {
                ""
            }
        ),
        _ => String::new(),
    }
}

/// A network ACL or a workload.
pub fn placement_form(r: EntityRef, current: Current) -> impl IntoView {
    let text = move || current.with(|e| e.as_ref().map(summary).unwrap_or_default());
    view! {
        <section class="form" aria-label=format!("{} fields", r.kind.label())>
            <TextField r=r.clone() path="name" label="Name"/>
            <p class="hint">{text}</p>
        </section>
    }
}
