//! The Reach panel's Matrix view: every ordered pair of endpoints that something gets
//! through, with the ports, as a filtered list (a design of 1,000 subnets has some 350
//! endpoints: a grid of them would not be read). Computed only while shown, and once
//! typing pauses when it is slow. Clicking a pair asks its question.

use std::time::Duration;

use leptos::prelude::*;
use netwright_core::diagram::svg;
use netwright_core::reach::{self, Matrix};

use super::{first_port, open_label, use_reach, End, Tab};
use crate::editor::use_editor;

/// A matrix slower than this (ms) is recomputed only after edits pause.
const SLOW_MS: f64 = 8.0;
/// The pause, in ms.
const DEBOUNCE_MS: u64 = 200;
/// The most pairs listed at once; the filter finds the others.
const SHOWN: usize = 200;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// One listed pair: its position in the matrix, the two names and what gets through.
type Row = (usize, String, String, String);

/// The pairs whose names or ports hold every word of `filter`, at most [`SHOWN`], and
/// how many there are.
fn filtered(m: &Matrix, filter: &str) -> (Vec<Row>, usize) {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let mut count = 0;
    let mut rows = Vec::new();
    for (i, c) in m.cells.iter().enumerate() {
        let label = open_label(&c.open);
        let hit = words.is_empty() || {
            let text = format!("{} {} {label}", c.from, c.to).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        };
        if hit {
            count += 1;
            if rows.len() < SHOWN {
                rows.push((i, c.from.clone(), c.to.clone(), label));
            }
        }
    }
    (rows, count)
}

/// The matrix view.
#[component]
pub fn MatrixView() -> impl IntoView {
    let editor = use_editor();
    let reach = use_reach();
    let matrix = RwSignal::new(None::<Matrix>);
    let stale = RwSignal::new(false);
    // How long the last matrix took, in ms (shown to benchmarks as `data-ms`).
    let cost = RwSignal::new(0.0_f64);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let compute = move || {
        let t0 = now();
        let m = editor.doc.with_untracked(reach::matrix);
        cost.set(now() - t0);
        matrix.set(Some(m));
        stale.set(false);
    };
    Effect::new(move |first: Option<()>| {
        editor.doc.track();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if first.is_none() || cost.get_untracked() < SLOW_MS {
            compute();
            return;
        }
        stale.set(true);
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                compute();
            },
            Duration::from_millis(DEBOUNCE_MS),
        );
        timer.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    });
    let filter = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        matrix.with(|m| {
            m.as_ref()
                .map(|m| (filtered(m, &filter.get()), m.cells.len(), m.endpoints.len()))
        })
    });
    let ask = move |i: usize| {
        let Some(cell) =
            matrix.with_untracked(|m| m.as_ref().and_then(|m| m.cells.get(i).cloned()))
        else {
            return;
        };
        editor.doc.with_untracked(|t| {
            reach.from.set(Some(End::of(t, cell.ends.0)));
            reach.to.set(Some(End::of(t, cell.ends.1)));
        });
        if let Some(o) = cell.open.first() {
            reach.traffic.set(o.traffic);
            reach
                .port
                .set(first_port(o).map(|p| p.to_string()).unwrap_or_default());
        }
        reach.tab.set(Tab::Path);
    };
    view! {
        <div class="reach-matrix" data-testid="reach-matrix" data-ms=move || svg::n(cost.get())>
            <div class="reach-line">
                <div class="field">
                    <label for="reach-filter">"Filter pairs"</label>
                    <input id="reach-filter" type="text" autocomplete="off" spellcheck="false" placeholder="a name, a protocol or a port"
                        prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="reach-note subtle" role="status">
                {move || match rows.get() {
                    None => "Working out every pair…".to_string(),
                    Some(((shown, hits), cells, ends)) => {
                        let mut s = format!("{cells} of the ordered pairs of {ends} endpoints (the internet, the workloads, the security groups no workload uses) get something through");
                        if hits != cells {
                            s.push_str(&format!("; {hits} match the filter"));
                        }
                        if shown.len() < hits {
                            s.push_str(&format!("; the first {} are listed: narrow the filter for the others", shown.len()));
                        }
                        s.push('.');
                        s
                    }
                }}
                {move || stale.get().then_some(" Updating…")}
            </p>
            <ul class="matrix-list" aria-label="Pairs that something gets through">
                <For each=move || rows.get().map(|r| r.0 .0).unwrap_or_default() key=|r| r.clone() children=move |(i, from, to, label)| view! {
                    <li data-from=from.clone() data-to=to.clone()>
                        <button class="cell" title="Ask this question" on:click=move |_| ask(i)>
                            <span class="pair">{format!("{from} → {to}")}</span>
                            <span class="ports mono">{label}</span>
                        </button>
                    </li>
                }/>
            </ul>
        </div>
    }
}
