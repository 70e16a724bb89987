//! The deploy script's monthly estimate, for its header: what the design costs with no
//! data through its NAT gateways (the total by the month and the hour, each billed
//! item, the prices' date and source, the notes on unknown prices and on traffic
//! crossing zones), and the command that gives the figure with traffic.
//!
//! Every line becomes a comment. Names reach it only through [`display`], which
//! writes control characters (a newline above all) as escapes, so no name can end
//! the comment; and a name is never wrapped onto a line of its own, so none can start
//! one either (where a word such as `shellcheck` would be read as a directive).

use crate::cost::{self, Line};
use crate::export::shell::display;
use crate::model::Topology;

/// The command that estimates with traffic (never broken across lines).
const COMMAND: &str = "netwright cost FILE --nat-gb N";

/// Characters a line holds at most (after the `# ` of the comment), where it can wrap.
const WIDTH: usize = 80;

/// The estimate's lines, without the comment's `# `.
pub(super) fn estimate(t: &Topology) -> Vec<String> {
    let e = cost::estimate(t, 0);
    let region = display(&e.region);
    let prices = format!(
        "the prices of {} from {}",
        cost::PRICES_AS_OF,
        cost::PRICES_SOURCE
    );
    if e.lines.is_empty() {
        return paragraph(
            format!("Estimate for {region}:"),
            format!("nothing this design deploys is billed by itself ({prices}).").split(' '),
        );
    }
    let gateways = if t.nat_gateways.len() == 1 {
        "the NAT gateway"
    } else {
        "the NAT gateways"
    };
    let mut out = paragraph(
        format!(
            "Estimate for {region}: {} a month ({} an hour)",
            cost::dollars(e.monthly),
            cost::per_hour(e.hourly),
        ),
        format!(
            "with no data through {gateways} and {} hours a month{}, at {prices}:",
            cost::HOURS_PER_MONTH,
            if e.incomplete {
                ", leaving out the items that have no price"
            } else {
                ""
            }
        )
        .split(' '),
    );
    out.extend(items(&e.lines));
    for note in e.notes.iter().filter(|n| n.as_str() != cost::FREE_NOTE) {
        out.push(format!("Note: {}", display(note)));
    }
    let per_gb = match cost::nat_price(&t.region) {
        Some(p) => format!("adds {} a GB", cost::per_hour(p.gb)),
        None => "is billed by the GB as well".into(),
    };
    let hint = "for the estimate with N GB a month through each NAT gateway, run";
    out.extend(paragraph(
        format!("Data through a NAT gateway {per_gb}:"),
        hint.split(' ')
            .chain([COMMAND])
            .chain("(FILE being the saved design).".split(' ')),
    ));
    out
}

/// The billed items as a table: the monthly and hourly prices aligned, then the item.
/// Every item of an estimate with no data is billed by the hour, so a missing hourly
/// price is one the table does not have.
fn items(lines: &[Line]) -> Vec<String> {
    let cells: Vec<(String, String, String)> = lines
        .iter()
        .map(|l| {
            (
                l.monthly.map_or("no price".into(), |m| {
                    format!("{} a month", cost::dollars(m))
                }),
                l.hourly.map_or("no price".into(), |h| {
                    format!("{} an hour", cost::per_hour(h))
                }),
                display(&l.item),
            )
        })
        .collect();
    let width = |f: fn(&(String, String, String)) -> &String| {
        cells
            .iter()
            .map(|c| f(c).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (mw, hw) = (width(|c| &c.0), width(|c| &c.1));
    cells
        .iter()
        .map(|(m, h, item)| format!("  {m:>mw$}  {h:>hw$}  {item}"))
        .collect()
}

/// `head` (which may hold a name, and is never broken) followed by the words of
/// fixed text `rest`, wrapped at [`WIDTH`]: only those words start the following
/// lines.
fn paragraph<'a>(head: String, rest: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut lines = vec![head];
    for word in rest {
        let last = lines.last_mut().expect("never empty");
        if last.chars().count() + 1 + word.chars().count() + 2 > WIDTH {
            lines.push(word.to_string());
        } else {
            last.push(' ');
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn the_reference_design_costs_its_nat_gateway_and_address() {
        let lines = estimate(&templates::smartinvoice());
        let text = lines.join("\n");
        assert!(
            lines[0].starts_with("Estimate for ap-southeast-1: $46.72 a month ($0.064 an hour)"),
            "{text}"
        );
        assert!(text.contains("2026-12-01"), "{text}");
        assert!(text.contains("Amazon VPC pricing page"), "{text}");
        assert!(
            text.contains(
                "  $43.07 a month  $0.059 an hour  NAT gateway smartinvoice-nat-gw: hours"
            ),
            "{text}"
        );
        assert!(
            text.contains("   $3.65 a month  $0.005 an hour  Public IPv4 address"),
            "{text}"
        );
        assert!(
            text.contains("Note: Subnet smartinvoice-private-1b (ap-southeast-1b)"),
            "{text}"
        );
        assert!(!text.contains("cost nothing by themselves"), "{text}");
        assert!(text.contains("adds $0.059 a GB"), "{text}");
        assert!(text.contains("netwright cost FILE --nat-gb N"), "{text}");
    }

    #[test]
    fn a_region_without_a_price_says_so() {
        let mut t = templates::smartinvoice();
        t.region = "eu-west-1".into();
        let text = estimate(&t).join("\n");
        assert!(
            text.starts_with("Estimate for eu-west-1: $3.65 a month ($0.005 an hour)"),
            "{text}"
        );
        assert!(text.contains("leaving out the items"), "{text}");
        let nat = text
            .lines()
            .find(|l| l.ends_with("NAT gateway smartinvoice-nat-gw: hours"))
            .expect("the NAT gateway's line");
        assert_eq!(nat.matches("no price").count(), 2, "{text}");
        assert!(
            text.contains("Note: No NAT gateway price for eu-west-1"),
            "{text}"
        );
        assert!(text.contains("is billed by the GB as well"), "{text}");
    }

    #[test]
    fn a_design_without_nat_gateways_is_billed_nothing() {
        let mut t = templates::smartinvoice();
        t.nat_gateways.clear();
        let text = estimate(&t).join("\n");
        assert!(
            text.starts_with("Estimate for ap-southeast-1: nothing this design deploys is billed"),
            "{text}"
        );
        assert!(!text.contains("--nat-gb"), "{text}");
    }

    /// A name with a newline must not end the comment it is in.
    #[test]
    fn names_with_control_characters_stay_on_their_line() {
        let mut t = templates::smartinvoice();
        t.nat_gateways[0].name = "nat\ntouch pwned\r\u{1b}[2J".into();
        t.region = "x\ny".into();
        let lines = estimate(&t);
        assert!(
            lines.iter().all(|l| !l.chars().any(char::is_control)),
            "{lines:?}"
        );
        assert!(lines
            .join("\n")
            .contains(r"NAT gateway nat\ntouch pwned\r\u{1b}[2J: hours"));
    }
}
