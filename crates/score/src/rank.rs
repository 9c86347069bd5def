//! Scores and ordinal ranks (METHOD.md §5): `S = V w`, sorted by score
//! descending, ties broken by corridor id ascending.

use corridor_schema::N_TYPES;
use nalgebra::{DMatrix, DVector};

/// `S = V w` for all corridors at once.
pub fn scores(vector: &DMatrix<f64>, w: &[f64; N_TYPES]) -> DVector<f64> {
    vector * DVector::from_column_slice(w)
}

/// A number rounded to twelve decimals, as an integer: the form in which
/// scores, strengths and weights are *compared* (never printed). Values
/// that are equal as real numbers — `(0.24 + 2/75)/11` and `(4/15)/11`,
/// or `1 − (5/6)(0.6)` and θ = 0.5 — differ in their last bits in floating
/// point; compared as they are, METHOD.md's ties (by id) and `v ≥ θ` would
/// depend on rounding noise rather than on the evidence, and no one could
/// reproduce them by hand. Non-finite values saturate.
pub fn q12(x: f64) -> i64 {
    (x * 1e12).round() as i64
}

/// `x ≥ θ` as METHOD.md §3 and §5 mean it: on the twelve-decimal values.
pub fn at_least(x: f64, theta: f64) -> bool {
    q12(x) >= q12(theta)
}

/// Ordinal ranks (1 = strongest) of `scores`, ties (equal to twelve
/// decimals, see [`q12`]) broken by index — which is corridor id order,
/// since the model sorts corridors by id.
pub fn ranks(scores: &[f64]) -> Vec<usize> {
    let keys: Vec<i64> = scores.iter().map(|&s| q12(s)).collect();
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| keys[b].cmp(&keys[a]).then(a.cmp(&b)));
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
    fn scores_equal_as_real_numbers_tie_and_go_by_id() {
        // (0.24 + 2/75)/11 and (4/15)/11 are equal as reals; the matrix
        // product gave 0.024242424242424235 for the first, one ulp below.
        let b: f64 = (4.0 / 15.0) / 11.0;
        let a = f64::from_bits(b.to_bits() - 1);
        assert!(a < b);
        assert_eq!(ranks(&[a, b]), vec![1, 2]);
        assert_eq!(ranks(&[b, a]), vec![1, 2]);
        // 1 − (5/6)(0.6) is θ = 0.5 as a real; one ulp below still counts.
        let v = f64::from_bits(0.5f64.to_bits() - 1);
        assert!(v < 0.5 && at_least(v, 0.5));
        assert!(!at_least(0.4999, 0.5));
    }

    #[test]
    fn spearman_of_identical_and_reversed() {
        assert_eq!(spearman(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert!((spearman(&[1, 2, 3], &[3, 2, 1]) + 1.0).abs() < 1e-15);
        assert!((spearman(&[1, 2, 3, 4], &[2, 1, 3, 4]) - 0.8).abs() < 1e-12);
    }
}
