//! Scores and ordinal ranks (METHOD.md §5): `S = V w`, sorted by score
//! descending, ties broken by corridor id ascending.

use corridor_schema::N_TYPES;
use nalgebra::{DMatrix, DVector};

/// `S = V w` for all corridors at once.
pub fn scores(vector: &DMatrix<f64>, w: &[f64; N_TYPES]) -> DVector<f64> {
    vector * DVector::from_column_slice(w)
}

/// Ordinal ranks (1 = strongest) of `scores`, ties broken by index — which
/// is corridor id order, since the model sorts corridors by id.
pub fn ranks(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut rank = vec![0; scores.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r + 1;
    }
    rank
}

/// Spearman's rank correlation of two rank vectors: the Pearson
/// correlation of the ranks (METHOD.md §6). 1 when fewer than two
/// corridors or when either ranking is constant.
pub fn spearman(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len();
    if n < 2 {
        return 1.0;
    }
    let mean = |v: &[usize]| v.iter().map(|&x| x as f64).sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (&x, &y) in a.iter().zip(b) {
        let (dx, dy) = (x as f64 - ma, y as f64 - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    if saa == 0.0 || sbb == 0.0 {
        1.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_are_ordinal_with_ties_by_id() {
        assert_eq!(ranks(&[0.2, 0.5, 0.2, 0.9]), vec![3, 2, 4, 1]);
        assert_eq!(ranks(&[]), Vec::<usize>::new());
    }

    #[test]
    fn spearman_of_identical_and_reversed() {
        assert_eq!(spearman(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert!((spearman(&[1, 2, 3], &[3, 2, 1]) + 1.0).abs() < 1e-15);
        assert!((spearman(&[1, 2, 3, 4], &[2, 1, 3, 4]) - 0.8).abs() < 1e-12);
    }
}
