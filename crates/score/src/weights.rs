//! Weights over source types (METHOD.md §4): direct weights, and AHP
//! pairwise judgements solved by power iteration on nalgebra types
//! (nalgebra has no eigen-solver for non-symmetric matrices).

use corridor_schema::{N_TYPES, SourceType};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Saaty's random index for n = 1 … 11 (METHOD.md §4).
pub const RANDOM_INDEX: [f64; 11] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51,
];
/// The name of that table, printed beside every CR: other tools use other tables.
pub const RANDOM_INDEX_TABLE: &str =
    "Saaty (1980): 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51 for n = 1..11";
/// The consistency ratio above which a weighting is refused by default.
pub const MAX_CR: f64 = 0.10;
/// Convergence tolerance of the power iteration (max-norm of the change).
pub const TOLERANCE: f64 = 1e-12;
/// Iteration cap; a positive reciprocal matrix converges far sooner.
pub const MAX_ITERATIONS: usize = 100_000;

/// Why a weighting cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightError {
    /// A direct weight is negative or not finite.
    #[error("weight of {kind} is {value}: weights must be non-negative numbers")]
    Negative {
        /// The type.
        kind: SourceType,
        /// The value.
        value: f64,
    },
    /// All direct weights are zero.
    #[error("all weights are zero: give at least one type a positive weight")]
    AllZero,
    /// The direct weights add up past the largest float.
    #[error("the weights add up to infinity: use smaller numbers (only their ratios matter)")]
    TooLarge,
    /// A judgement outside Saaty's scale.
    #[error("judgement {a} vs {b} is {value}: it must lie between 1/9 and 9")]
    OutOfScale {
        /// First type.
        a: SourceType,
        /// Second type.
        b: SourceType,
        /// The ratio.
        value: f64,
    },
    /// The same pair judged twice (in either order).
    #[error("{a} vs {b} is judged twice: keep one judgement per pair")]
    Duplicate {
        /// First type.
        a: SourceType,
        /// Second type.
        b: SourceType,
    },
    /// A type compared with itself.
    #[error("{0} is compared with itself: the diagonal is always 1")]
    SelfJudgement(SourceType),
    /// A pair of named types without a judgement.
    #[error(
        "{a} vs {b} is not judged: every pair of named types needs a judgement ({missing} missing in all)"
    )]
    MissingPair {
        /// First type of the first missing pair.
        a: SourceType,
        /// Second type.
        b: SourceType,
        /// How many pairs are missing.
        missing: usize,
    },
    /// No judgements at all.
    #[error("no judgements given")]
    Empty,
    /// CR above 0.10 without `allow_inconsistent`.
    #[error(
        "the judgements are inconsistent: CR = {cr:.4} > 0.10; the judgement {a} vs {b} = {} contributes most (the weights imply {}); revise it, or set allow_inconsistent: true",
        fmt_ratio(*.given),
        fmt_ratio(*.implied)
    )]
    Inconsistent {
        /// Consistency ratio.
        cr: f64,
        /// Most inconsistent pair, first type.
        a: SourceType,
        /// Second type.
        b: SourceType,
        /// The judgement as given.
        given: f64,
        /// w_a / w_b from the eigenvector.
        implied: f64,
    },
}

/// A ratio as an analyst writes it: `3`, `1/3`, or a decimal (three
/// places) when it is neither a whole number nor the reciprocal of one.
pub fn fmt_ratio(x: f64) -> String {
    let near = |y: f64| (y - y.round()).abs() < 1e-9 && y.round() >= 1.0;
    if near(x) {
        format!("{}", x.round())
    } else if x > 0.0 && near(1.0 / x) {
        format!("1/{}", (1.0 / x).round())
    } else {
        format!("{x:.3}")
    }
}

/// Normalises direct weights to sum 1 (types left out weigh 0).
pub fn direct(raw: &[(SourceType, f64)]) -> Result<[f64; N_TYPES], WeightError> {
    let mut w = [0.0; N_TYPES];
    for &(kind, value) in raw {
        if !(value.is_finite() && value >= 0.0) {
            return Err(WeightError::Negative { kind, value });
        }
        w[kind.index()] += value;
    }
    let sum: f64 = w.iter().sum();
    if !sum.is_finite() {
        return Err(WeightError::TooLarge);
    }
    if sum <= 0.0 {
        return Err(WeightError::AllZero);
    }
    for x in &mut w {
        *x /= sum;
    }
    Ok(w)
}

/// A solved AHP weighting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ahp {
    /// The types named, in method order (rows and columns of `matrix`).
    pub types: Vec<SourceType>,
    /// The positive reciprocal matrix.
    #[serde(skip)]
    pub matrix: DMatrix<f64>,
    /// The weights of all eleven types (0 for types not named).
    pub weights: [f64; N_TYPES],
    /// Principal eigenvalue.
    pub lambda_max: f64,
    /// Consistency index (λmax − n)/(n − 1); 0 for n ≤ 2.
    pub consistency_index: f64,
    /// Consistency ratio CI / RI(n); 0 for n ≤ 2.
    pub consistency_ratio: f64,
    /// Power-iteration steps taken.
    pub iterations: usize,
}

/// Builds the reciprocal matrix from judgements `(a, b, x)` — "a is x times
/// as important as b" — and checks scale, duplicates and completeness.
pub fn judgement_matrix(
    judgements: &[(SourceType, SourceType, f64)],
) -> Result<(Vec<SourceType>, DMatrix<f64>), WeightError> {
    if judgements.is_empty() {
        return Err(WeightError::Empty);
    }
    let mut types: Vec<SourceType> = judgements.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    types.sort();
    types.dedup();
    let n = types.len();
    let pos = |t: SourceType| types.iter().position(|&x| x == t).unwrap_or(0);
    let mut m = DMatrix::from_element(n, n, f64::NAN);
    for i in 0..n {
        m[(i, i)] = 1.0;
    }
    for &(a, b, x) in judgements {
        if a == b {
            return Err(WeightError::SelfJudgement(a));
        }
        // Saaty's scale, with a little slack for 1/9 written as 0.111.
        if !(x.is_finite() && (1.0 / 9.0 - 1e-9..=9.0 + 1e-9).contains(&x)) {
            return Err(WeightError::OutOfScale { a, b, value: x });
        }
        let (i, j) = (pos(a), pos(b));
        if !m[(i, j)].is_nan() {
            return Err(WeightError::Duplicate { a, b });
        }
        m[(i, j)] = x;
        m[(j, i)] = 1.0 / x;
    }
    let missing: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| m[(i, j)].is_nan())
        .collect();
    if let Some(&(i, j)) = missing.first() {
        return Err(WeightError::MissingPair {
            a: types[i],
            b: types[j],
            missing: missing.len(),
        });
    }
    Ok((types, m))
}

/// The principal right eigenvector of a positive matrix, scaled to sum 1,
/// and its eigenvalue, by power iteration to [`TOLERANCE`].
pub fn principal_eigen(m: &DMatrix<f64>) -> (DVector<f64>, f64, usize) {
    let n = m.nrows();
    let mut x = DVector::from_element(n, 1.0 / n as f64);
    let mut iterations = 0;
    for k in 1..=MAX_ITERATIONS {
        iterations = k;
        let y = m * &x;
        let sum = y.sum();
        let next = y / sum;
        let change = (&next - &x).amax();
        x = next;
        if change < TOLERANCE {
            break;
        }
    }
    // With Σx = 1, λ = Σ(Ax): the sum of A x = λ x.
    let lambda = (m * &x).sum();
    (x, lambda, iterations)
}

/// Solves an AHP weighting. Refuses CR > 0.10 unless `allow_inconsistent`.
pub fn ahp(
    judgements: &[(SourceType, SourceType, f64)],
    allow_inconsistent: bool,
) -> Result<Ahp, WeightError> {
    let (types, matrix) = judgement_matrix(judgements)?;
    let n = types.len();
    let (x, lambda_max, iterations) = principal_eigen(&matrix);
    let (ci, cr) = if n <= 2 {
        (0.0, 0.0)
    } else {
        let ci = (lambda_max - n as f64) / (n as f64 - 1.0);
        (ci, ci / RANDOM_INDEX[n - 1])
    };
    let mut weights = [0.0; N_TYPES];
    for (i, t) in types.iter().enumerate() {
        weights[t.index()] = x[i];
    }
    let result = Ahp {
        types,
        matrix,
        weights,
        lambda_max,
        consistency_index: ci,
        consistency_ratio: cr,
        iterations,
    };
    if cr > MAX_CR && !allow_inconsistent {
        let (a, b, given, implied) = result.most_inconsistent();
        return Err(WeightError::Inconsistent {
            cr,
            a,
            b,
            given,
            implied,
        });
    }
    Ok(result)
}

impl Ahp {
    /// The judgement that departs most from the ratio its weights imply:
    /// the largest |ln(a_ij · w_j / w_i)| over i < j.
    pub fn most_inconsistent(&self) -> (SourceType, SourceType, f64, f64) {
        let n = self.types.len();
        let w = |i: usize| self.weights[self.types[i].index()];
        let mut best = (0, 1.min(n.saturating_sub(1)), -1.0);
        for i in 0..n {
            for j in i + 1..n {
                let dev = (self.matrix[(i, j)] * w(j) / w(i)).ln().abs();
                if dev > best.2 {
                    best = (i, j, dev);
                }
            }
        }
        let (i, j, _) = best;
        (
            self.types[i],
            self.types[j],
            self.matrix[(i, j)],
            w(i) / w(j),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SourceType::*;

    #[test]
    fn ratios_print_as_written() {
        assert_eq!(fmt_ratio(3.0), "3");
        assert_eq!(fmt_ratio(1.0 / 3.0), "1/3");
        assert_eq!(fmt_ratio(1.0), "1");
        assert_eq!(fmt_ratio(2.5), "2.500");
    }

    #[test]
    fn direct_weights_normalise_and_refuse_bad_input() {
        let w = direct(&[(BorderService, 2.0), (Avr, 1.0), (Media, 1.0)]).unwrap();
        assert_eq!(w[BorderService.index()], 0.5);
        assert_eq!(w[Avr.index()], 0.25);
        assert_eq!(w.iter().sum::<f64>(), 1.0);
        assert!(matches!(
            direct(&[(Avr, -1.0)]),
            Err(WeightError::Negative { .. })
        ));
        assert_eq!(direct(&[(Avr, 0.0)]), Err(WeightError::AllZero));
        // Regression (review): 1e308 + 1e308 overflowed to infinity and
        // every weight silently became 0.
        assert_eq!(
            direct(&[(Avr, 1e308), (Media, 1e308)]),
            Err(WeightError::TooLarge)
        );
    }

    #[test]
    fn consistent_matrix_gives_back_its_weights_with_cr_zero() {
        let w = [0.4, 0.3, 0.2, 0.1];
        let t = [BorderService, Avr, MigrantInterview, Media];
        let mut j = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                j.push((t[a], t[b], w[a] / w[b]));
            }
        }
        let r = ahp(&j, false).unwrap();
        for (i, ty) in t.iter().enumerate() {
            assert!((r.weights[ty.index()] - w[i]).abs() < 1e-12);
        }
        assert!((r.lambda_max - 4.0).abs() < 1e-12);
        assert!(r.consistency_ratio.abs() < 1e-12);
    }

    #[test]
    fn method_example_matches_independent_solution() {
        // METHOD.md §7. Reference values from numpy.linalg.eig on the same
        // matrix (principal eigenvector scaled to sum 1).
        let t = [BorderService, MigrationService, Avr, MigrantInterview];
        let j = vec![
            (t[0], t[1], 3.0),
            (t[0], t[2], 5.0),
            (t[0], t[3], 7.0),
            (t[1], t[2], 3.0),
            (t[1], t[3], 5.0),
            (t[2], t[3], 3.0),
        ];
        let r = ahp(&j, false).unwrap();
        let expect = [0.5650090538, 0.2622012056, 0.1175042500, 0.0552854906];
        for (i, ty) in t.iter().enumerate() {
            assert!(
                (r.weights[ty.index()] - expect[i]).abs() < 1e-6,
                "{ty}: {}",
                r.weights[ty.index()]
            );
        }
        assert!(
            (r.lambda_max - 4.1169824434).abs() < 1e-6,
            "{}",
            r.lambda_max
        );
        assert!((r.consistency_index - 0.0389941478).abs() < 1e-6);
        assert!((r.consistency_ratio - 0.0433268309).abs() < 1e-6);
    }

    #[test]
    fn bad_judgements_are_refused() {
        assert!(matches!(
            ahp(&[(Avr, Media, 10.0)], false),
            Err(WeightError::OutOfScale { .. })
        ));
        assert!(matches!(
            ahp(&[(Avr, Media, 2.0), (Media, Avr, 0.5)], false),
            Err(WeightError::Duplicate { .. })
        ));
        assert!(matches!(
            ahp(&[(Avr, Media, 2.0), (Avr, Embassy, 2.0)], false),
            Err(WeightError::MissingPair { missing: 1, .. })
        ));
        let bad = [
            (Avr, Media, 9.0),
            (Media, Embassy, 9.0),
            (Avr, Embassy, 1.0 / 9.0),
        ];
        match ahp(&bad, false) {
            Err(WeightError::Inconsistent { cr, .. }) => assert!(cr > 0.1),
            other => panic!("{other:?}"),
        }
        assert!(ahp(&bad, true).is_ok());
    }
}
