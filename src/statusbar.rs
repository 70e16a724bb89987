//! The status bar: error and warning counts, the monthly cost estimate (which opens
//! the Cost panel), each VPC's address usage, the latest message (announced to screen
//! readers) and whether the design is stored in the browser's library and saved to a
//! file.

use leptos::prelude::*;
use netwright_core::diagram::svg::n;
use netwright_core::{cidr, Topology};

use crate::editor::use_editor;
use crate::library::{use_library, SaveState};
use crate::panels::cost::{Cost, CostButton};

/// `(vpc name, used, total)` addresses per VPC: subnets' blocks against the VPC's.
fn usage(t: &Topology) -> Vec<(String, u64, u64)> {
    t.vpcs
        .iter()
        .map(|v| {
            let total: u64 = v
                .cidrs()
                .filter_map(|c| cidr::parse(c).ok())
                .map(|c| cidr::size(c.net.prefix_len()))
                .sum();
            let used: u64 = t
                .subnets
                .iter()
                .filter(|s| s.vpc == v.id)
                .filter_map(|s| cidr::parse(&s.cidr).ok())
                .map(|c| cidr::size(c.net.prefix_len()))
                .sum();
            (v.name.clone(), used, total)
        })
        .collect()
}

/// The bar along the bottom.
#[component]
pub fn StatusBar(
    /// The monthly estimate.
    cost: Cost,
) -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let counts = Memo::new(move |_| editor.counts());
    let stored = move || {
        let file = if editor.dirty.get() {
            " · not saved to a file"
        } else {
            ""
        };
        match library.state.get() {
            SaveState::Saved => format!("Saved in this browser{file}"),
            SaveState::Saving => format!("Saving…{file}"),
            SaveState::Failed(_) => "Not saved in the browser: use Save".to_string(),
            SaveState::Conflict => "Changed in another tab: choose above".to_string(),
        }
    };
    let trouble = move || {
        matches!(
            library.state.get(),
            SaveState::Failed(_) | SaveState::Conflict
        )
    };
    let usage = Memo::new(move |_| editor.doc.with(usage));
    view! {
        <footer class="statusbar">
            <span class="counts" data-testid="counts">
                <span class="count-errors" class:zero=move || counts.get().0 == 0>
                    {move || match counts.get().0 { 1 => "1 error".to_string(), n => format!("{n} errors") }}
                </span>
                <span class="count-warnings" class:zero=move || counts.get().1 == 0>
                    {move || match counts.get().1 { 1 => "1 warning".to_string(), n => format!("{n} warnings") }}
                </span>
            </span>
            <CostButton cost/>
            <span class="usage">
                {move || usage.get().into_iter().map(|(name, used, total)| {
                    let pct = if total == 0 { 0.0 } else { used as f64 * 100.0 / total as f64 };
                    view! {
                        <span class="usage-item" title="Addresses of the VPC's blocks that subnets use">
                            {format!("{name}: {} of {} addresses in subnets ({}%)", cidr::grouped(used), cidr::grouped(total), n(pct))}
                            <meter min="0" max=total.max(1).to_string() value=used.to_string() aria-label=format!("{name} address usage")></meter>
                        </span>
                    }
                }).collect_view()}
            </span>
            <span class="notice" role="status" aria-live="polite"
                class:error=move || editor.notice.with(|n| n.as_ref().is_some_and(|n| n.error))>
                {move || editor.notice.with(|n| n.as_ref().map(|n| n.text.clone()).unwrap_or_default())}
            </span>
            <span class="saved" class:error=trouble data-testid="saved">{stored}</span>
        </footer>
    }
}
