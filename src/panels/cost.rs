//! The monthly cost: the status bar's estimate (a button) and the Cost panel it opens
//! (or C): every billed item with its price by the hour and the month, the totals, the
//! GB a month through each NAT gateway as an input, the notes, and the prices' date
//! and source. The figures are the core's (`netwright_core::cost`, what `netwright
//! cost` prints), remade on every edit: the estimate is linear in the design's size.
//!
//! The GB figure is kept for the session (every design the tab opens is estimated with
//! it); it is not stored, as the app keeps no view settings per design.

use leptos::prelude::*;
use netwright_core::cost::{self, Estimate};

use crate::dialog::{Dialog, Modal, OpenDialog};
use crate::editor::Editor;

/// The most GB a month the input takes (an exabyte), so that no sum can overflow
/// (the field's `max`).
const MAX_GB: u64 = 1_000_000_000;

/// The open design's estimate. The app makes one and hands it to the status bar and
/// the panel.
#[derive(Clone, Copy)]
pub struct Cost {
    /// GB a month through each NAT gateway, for the session.
    pub nat_gb: RwSignal<u64>,
    /// The open design's estimate, remade on every edit and on a new GB figure.
    pub estimate: Memo<Estimate>,
}

impl Cost {
    /// The estimate of the design `editor` edits, with no data through NAT.
    pub fn new(editor: Editor) -> Self {
        let nat_gb = RwSignal::new(0);
        let estimate = Memo::new(move |_| {
            let n = nat_gb.get();
            editor.doc.with(|t| cost::estimate(t, n))
        });
        Cost { nat_gb, estimate }
    }
}

/// The GB figure typed: a whole number from 0 to [`MAX_GB`]. An empty field or a
/// negative number is 0, a fraction is cut to its whole part, and anything else (an
/// exponent, a half-typed number) keeps `previous`. Digits are read by hand: parsing
/// a float would link its whole parser into the first load.
fn parse_gb(text: &str, previous: u64) -> u64 {
    let text = text.trim();
    let (digits, negative) = match text.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || !is_digits(fraction) {
        return previous;
    }
    if negative {
        return 0;
    }
    whole
        .bytes()
        .fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        })
        .min(MAX_GB)
}

/// "≈ $46.72/month", with "+ unknown" when some item has no price.
fn short(e: &Estimate) -> String {
    let unknown = if e.incomplete { " + unknown" } else { "" };
    format!("≈ {}/month{unknown}", cost::dollars(e.monthly))
}

/// The status bar's estimate: a button that opens the Cost panel.
#[component]
pub fn CostButton(
    /// The estimate.
    cost: Cost,
) -> impl IntoView {
    let estimate = cost.estimate;
    let dialog = expect_context::<OpenDialog>().0;
    view! {
        <button class="cost-button" class:incomplete=move || estimate.with(|e| e.incomplete)
            data-testid="cost" aria-keyshortcuts="C"
            title="Monthly estimate: by resource, and with traffic through NAT (C)"
            on:click=move |_| dialog.set(Some(Dialog::Cost))>
            {move || estimate.with(short)}
        </button>
    }
}

/// A price: the amount, or "no price" (marked) when the table has none.
fn price(amount: Option<u64>, known: fn(u64) -> String) -> (String, bool) {
    amount.map_or_else(|| ("no price".into(), true), |m| (known(m), false))
}

/// One row of the table: the item (or the total), then its prices by the hour and
/// the month.
fn row([item, hourly, monthly]: [(String, bool); 3]) -> impl IntoView {
    view! {
        <tr>
            <td>{item.0}</td>
            <td class="num" class:unknown=hourly.1>{hourly.0}</td>
            <td class="num" class:unknown=monthly.1>{monthly.0}</td>
        </tr>
    }
}

/// The billed items and the totals, then the notes. Data processed has no price by
/// the hour (its cell stays empty); a design that deploys nothing billed says so in a
/// row. Every row has one shape, and the table no sections, so that the panel adds
/// little code to the first load.
fn figures(e: &Estimate) -> impl IntoView {
    let plain = |text: String| (text, false);
    let mut rows: Vec<[(String, bool); 3]> = e
        .lines
        .iter()
        .map(|l| {
            let hourly = match (l.hourly, l.monthly) {
                (None, Some(_)) => plain(String::new()),
                (h, _) => price(h, cost::per_hour),
            };
            [
                plain(l.item.clone()),
                hourly,
                price(l.monthly, cost::dollars),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push([
            plain("Nothing this design deploys is billed by itself.".into()),
            plain(String::new()),
            plain(String::new()),
        ]);
    }
    let total = if e.incomplete {
        "Total, without the items that have no price"
    } else {
        "Total"
    };
    rows.push([
        plain(total.into()),
        plain(cost::per_hour(e.hourly)),
        plain(cost::dollars(e.monthly)),
    ]);
    view! {
        <table class="cost-lines">
            <tr>
                <th scope="col">"Billed item"</th>
                <th scope="col" class="num">"Per hour"</th>
                <th scope="col" class="num">"Per month"</th>
            </tr>
            {rows.into_iter().map(row).collect_view()}
        </table>
        <ul class="cost-notes" aria-label="Notes">
            {e.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
        </ul>
    }
}

/// The Cost panel.
#[component]
pub fn CostDialog(
    /// The estimate.
    cost: Cost,
) -> impl IntoView {
    let estimate = cost.estimate;
    let dialog = expect_context::<OpenDialog>().0;
    let on_input = move |ev| {
        let previous = cost.nat_gb.get_untracked();
        cost.nat_gb
            .set(parse_gb(&event_target_value(&ev), previous));
    };
    let summary = move || {
        estimate.with(|e| {
            let per_gb = cost::nat_price(&e.region).map_or("no price".into(), |p| {
                format!("{} per GB", cost::per_hour(p.gb))
            });
            format!(
                "{} a month, {} an hour, in {}{}; data through NAT: {per_gb}.",
                cost::dollars(e.monthly),
                cost::per_hour(e.hourly),
                e.region,
                if e.incomplete {
                    ", without the items that have no price"
                } else {
                    ""
                }
            )
        })
    };
    view! {
        <Modal title="Monthly cost" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="cost">
                <div class="field cost-gb">
                    <label for="cost-nat-gb">"GB per month through each NAT gateway"</label>
                    <input id="cost-nat-gb" type="number" min="0" max="1000000000" step="1"
                        inputmode="numeric" value=cost.nat_gb.get_untracked().to_string() on:input=on_input/>
                </div>
                <p class="cost-total" aria-live="polite">{summary}</p>
                {move || estimate.with(figures)}
                <p class="subtle cost-source">
                    {format!(
                        "Prices of {} from {}; {} hours a month. An estimate: the bill AWS sends is the reference.",
                        cost::PRICES_AS_OF,
                        cost::PRICES_SOURCE,
                        cost::HOURS_PER_MONTH
                    )}
                </p>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gb_field_takes_whole_numbers_in_range() {
        assert_eq!(parse_gb("100", 7), 100);
        assert_eq!(parse_gb(" 2.9 ", 7), 2);
        assert_eq!(parse_gb("", 7), 0);
        assert_eq!(parse_gb("-5", 7), 0);
        assert_eq!(parse_gb("99999999999999999999999", 7), MAX_GB);
        assert_eq!(parse_gb("1e3", 7), 7);
        assert_eq!(parse_gb("abc", 7), 7);
        assert_eq!(parse_gb("1.2.3", 7), 7);
        assert_eq!(MAX_GB.to_string(), "1000000000", "the field's max");
    }

    #[test]
    fn the_short_figure_says_when_some_price_is_unknown() {
        let mut t = netwright_core::templates::smartinvoice();
        assert_eq!(short(&cost::estimate(&t, 0)), "≈ $46.72/month");
        t.region = "eu-west-1".into();
        assert_eq!(short(&cost::estimate(&t, 0)), "≈ $3.65/month + unknown");
    }
}
