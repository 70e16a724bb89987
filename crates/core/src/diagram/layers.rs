//! Layering of the traffic graph: breadth-first distance from the sources, then
//! barycentre sweeps to reduce crossings. Pure and deterministic (ties by node index).

use std::collections::VecDeque;

/// Layers of the graph: breadth-first distance from the sources (nodes `0..sources`),
/// unreached nodes last; each layer ordered by barycentre sweeps.
pub(super) fn layer(
    n: usize,
    sources: usize,
    succ: &[Vec<usize>],
    pred: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let mut dist = vec![usize::MAX; n];
    let mut queue = VecDeque::new();
    for (s, d) in dist.iter_mut().enumerate().take(sources) {
        *d = 0;
        queue.push_back(s);
    }
    while let Some(u) = queue.pop_front() {
        for &v in &succ[u] {
            if dist[v] == usize::MAX {
                dist[v] = dist[u] + 1;
                queue.push_back(v);
            }
        }
    }
    let reached = dist
        .iter()
        .filter(|&&d| d != usize::MAX)
        .max()
        .copied()
        .unwrap_or(0);
    let last = reached + 1;
    let mut layers = vec![Vec::new(); last + 1];
    for (v, &d) in dist.iter().enumerate() {
        layers[if d == usize::MAX { last } else { d }].push(v);
    }
    layers.retain(|l| !l.is_empty());
    let mut pos = vec![0.0; n];
    let mut index_of = vec![0usize; n];
    for (li, l) in layers.iter().enumerate() {
        for (i, &v) in l.iter().enumerate() {
            pos[v] = i as f64;
            index_of[v] = li;
        }
    }
    let sweep = |layers: &mut Vec<Vec<usize>>, pos: &mut Vec<f64>, li: usize, down: bool| {
        let near = |v: usize| if down { &pred[v] } else { &succ[v] };
        let want = if down { li.wrapping_sub(1) } else { li + 1 };
        let key = |v: usize| {
            let ns: Vec<f64> = near(v)
                .iter()
                .filter(|&&u| index_of[u] == want)
                .map(|&u| pos[u])
                .collect();
            if ns.is_empty() {
                pos[v]
            } else {
                ns.iter().sum::<f64>() / ns.len() as f64
            }
        };
        let mut keyed: Vec<(f64, usize)> = layers[li].iter().map(|&v| (key(v), v)).collect();
        crate::order::sort_by(&mut keyed, |a, b| {
            a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
        });
        layers[li] = keyed.into_iter().map(|(_, v)| v).collect();
        for (i, &v) in layers[li].iter().enumerate() {
            pos[v] = i as f64;
        }
    };
    let count = layers.len();
    for li in 1..count {
        sweep(&mut layers, &mut pos, li, true);
    }
    for li in (1..count.saturating_sub(1)).rev() {
        sweep(&mut layers, &mut pos, li, false);
    }
    for li in 1..count {
        sweep(&mut layers, &mut pos, li, true);
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::layer;

    fn graph(n: usize, edges: &[(usize, usize)]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut succ = vec![Vec::new(); n];
        let mut pred = vec![Vec::new(); n];
        for &(a, b) in edges {
            succ[a].push(b);
            pred[b].push(a);
        }
        (succ, pred)
    }

    #[test]
    fn layers_are_distances_from_the_sources_with_the_unreached_last() {
        // 0 -> 1 -> 2 -> 1 (a cycle), 1 -> 3; 4 <-> 5 unreached.
        let (succ, pred) = graph(6, &[(0, 1), (1, 2), (2, 1), (1, 3), (4, 5), (5, 4)]);
        assert_eq!(
            layer(6, 1, &succ, &pred),
            vec![vec![0], vec![1], vec![2, 3], vec![4, 5]]
        );
    }

    #[test]
    fn barycentre_orders_children_under_their_parents() {
        // Sources 0 and 1; 2 hangs under 1, 3 under 0: the children swap.
        let (succ, pred) = graph(4, &[(1, 2), (0, 3)]);
        assert_eq!(layer(4, 2, &succ, &pred), vec![vec![0, 1], vec![3, 2]]);
    }

    #[test]
    fn without_edges_every_other_node_is_unreached() {
        let (succ, pred) = graph(3, &[]);
        assert_eq!(layer(3, 1, &succ, &pred), vec![vec![0], vec![1, 2]]);
    }
}
