//! Overlap detection by sort and sweep: CIDR blocks are nested or disjoint, so a stack
//! of enclosing blocks finds every overlapping pair in O(n log n + pairs).

/// Pairs of overlapping blocks `(group, first, last, item)` within each group, each pair
/// as `(a, b)` with `a < b` by item. Spans must be CIDR blocks (nested or disjoint), so
/// a sort and a stack of enclosing blocks find every pair in O(n log n + pairs).
pub(super) fn overlapping_pairs(spans: &mut [(usize, u64, u64, usize)]) -> Vec<(usize, usize)> {
    // Larger blocks first at equal starts, so enclosing blocks sit below on the stack.
    crate::order::sort_by(spans, |a, b| {
        (a.0, a.1, b.2, a.3).cmp(&(b.0, b.1, a.2, b.3))
    });
    let mut stack: Vec<(u64, usize)> = Vec::new();
    let mut group = None;
    let mut pairs = Vec::new();
    for &(g, start, end, item) in spans.iter() {
        if group != Some(g) {
            stack.clear();
            group = Some(g);
        }
        while stack.last().is_some_and(|&(e, _)| e < start) {
            stack.pop();
        }
        for &(_, other) in &stack {
            pairs.push((other.min(item), other.max(item)));
        }
        stack.push((end, item));
    }
    crate::order::sort(&mut pairs);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cidr;

    fn span(s: &str, i: usize) -> (usize, u64, u64, usize) {
        let (a, b) = cidr::span(cidr::parse(s).unwrap().net);
        (usize::from(i >= 10), a, b, i)
    }

    #[test]
    fn overlaps_found_by_sweep() {
        let mut spans = vec![
            span("10.0.0.0/24", 0),
            span("10.0.1.0/24", 1),
            span("10.0.0.0/16", 2),
            span("10.0.0.128/25", 3),
            span("10.1.0.0/24", 4),
            span("10.0.1.0/24", 5),
            span("10.0.0.0/24", 10),
        ];
        let pairs = overlapping_pairs(&mut spans);
        assert_eq!(pairs, vec![(0, 2), (0, 3), (1, 2), (1, 5), (2, 3), (2, 5)]);
    }
}
