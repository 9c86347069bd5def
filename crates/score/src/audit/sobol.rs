//! Which choice matters (METHOD.md §6.4): first-order and total Sobol
//! indices of the weight draw and the grade draw for each target's rank.
//!
//! Row `j` of sample matrix `A` is drawn from
//! [`sobol_rng`]`(seed, 0, j)` and row `j` of `B` from `sobol_rng(seed, 1,
//! j)`: first the weights (as §6.1), then the grades (as §6.2). `AB_w` is
//! `A` with the weights of `B`, `AB_g` is `A` with the grades of `B`, so a
//! row needs two grade evaluations (of `A`'s and `B`'s grades) and four
//! rankings. Ranks are integers and every sum is an exact integer sum, so
//! the indices are the same bits whatever the number of threads.

use super::grades::{Codes, EngineScratch, GradePlan};
use super::{RankScratch, Sampler, fast_ranks};
use crate::params::Params;
use corridor_schema::N_TYPES;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rayon::prelude::*;
use serde::Serialize;

/// Default number of base rows `N`.
pub const DEFAULT_SOBOL_ROWS: usize = 4096;
/// Rows per parallel chunk.
const CHUNK_ROWS: usize = 64;

/// The two indices of one group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Indices {
    /// First-order index `S_i` (Saltelli 2010).
    pub first: f64,
    /// Total index `T_i` (Jansen 1999).
    pub total: f64,
}

/// The indices of one target whose rank varies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TargetSobol {
    /// The weights group.
    pub weights: Indices,
    /// The grades group.
    pub grades: Indices,
    /// `V`, the variance of the ranks of `A` and `B` together.
    #[serde(skip)]
    pub variance: f64,
}

/// The generator of row `row` of matrix `matrix` (0 for `A`, 1 for `B`):
/// the key is the seed's 8 little-endian bytes, then `matrix + 1`, then
/// zeros; the stream is the row.
pub fn sobol_rng(seed: u64, matrix: u8, row: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8] = matrix + 1;
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(row);
    rng
}

/// Exact sums over rows, per target.
#[derive(Default)]
struct Sums {
    a: Vec<u64>,
    b: Vec<u64>,
    aa: Vec<u64>,
    bb: Vec<u64>,
    first_w: Vec<i64>,
    first_g: Vec<i64>,
    total_w: Vec<u64>,
    total_g: Vec<u64>,
}

impl Sums {
    fn new(n: usize) -> Self {
        Sums {
            a: vec![0; n],
            b: vec![0; n],
            aa: vec![0; n],
            bb: vec![0; n],
            first_w: vec![0; n],
            first_g: vec![0; n],
            total_w: vec![0; n],
            total_g: vec![0; n],
        }
    }
    fn add(&mut self, o: &Sums) {
        let add_u = |x: &mut Vec<u64>, y: &Vec<u64>| x.iter_mut().zip(y).for_each(|(p, q)| *p += q);
        let add_i = |x: &mut Vec<i64>, y: &Vec<i64>| x.iter_mut().zip(y).for_each(|(p, q)| *p += q);
        add_u(&mut self.a, &o.a);
        add_u(&mut self.b, &o.b);
        add_u(&mut self.aa, &o.aa);
        add_u(&mut self.bb, &o.bb);
        add_i(&mut self.first_w, &o.first_w);
        add_i(&mut self.first_g, &o.first_g);
        add_u(&mut self.total_w, &o.total_w);
        add_u(&mut self.total_g, &o.total_g);
    }
}

/// Runs the estimate with `rows` base rows. Returns, per target, `None`
/// when its rank never varies (`V = 0`: fixed).
#[allow(clippy::too_many_arguments)]
pub fn sobol(
    plan: &GradePlan,
    params: &Params,
    sampler: &Sampler,
    q: f64,
    seed: u64,
    rows: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Option<TargetSobol>> {
    let n = plan.targets();
    let chunks = rows.div_ceil(CHUNK_ROWS);
    let parts: Vec<Sums> = (0..chunks)
        .into_par_iter()
        .map(|chunk| {
            let mut sums = Sums::new(n);
            let mut engine = EngineScratch::default();
            let mut rank_scratch = RankScratch::default();
            let (mut ga, mut gb) = (Codes::default(), Codes::default());
            let mut s = [vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]];
            let mut r = [vec![0u32; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]];
            let (mut wa, mut wb) = ([0.0; N_TYPES], [0.0; N_TYPES]);
            let end = rows.min((chunk + 1) * CHUNK_ROWS);
            for j in chunk * CHUNK_ROWS..end {
                let mut rng_a = sobol_rng(seed, 0, j as u64);
                let mut rng_b = sobol_rng(seed, 1, j as u64);
                sampler.draw(&mut rng_a, &mut wa);
                plan.draw_codes(q, &mut rng_a, &mut ga);
                sampler.draw(&mut rng_b, &mut wb);
                plan.draw_codes(q, &mut rng_b, &mut gb);
                // f_A, f_B, f_ABw (B's weights, A's grades), f_ABg: each
                // grade draw scored under both weight draws.
                let active = sampler.active();
                let [sa, sb, sw, sg] = &mut s;
                plan.scores_of(params, &ga, &mut engine, ([&wa, &wb], active), [sa, sw]);
                plan.scores_of(params, &gb, &mut engine, ([&wb, &wa], active), [sb, sg]);
                for (scores, ranks) in s.iter().zip(r.iter_mut()) {
                    fast_ranks(scores, &mut rank_scratch, ranks);
                }
                // Twelve parallel arrays indexed by target: an index reads
                // more plainly than a twelve-way zip.
                #[allow(clippy::needless_range_loop)]
                for c in 0..n {
                    let (fa, fb, fw, fg) = (
                        r[0][c] as u64,
                        r[1][c] as u64,
                        r[2][c] as u64,
                        r[3][c] as u64,
                    );
                    sums.a[c] += fa;
                    sums.b[c] += fb;
                    sums.aa[c] += fa * fa;
                    sums.bb[c] += fb * fb;
                    sums.first_w[c] += fb as i64 * (fw as i64 - fa as i64);
                    sums.first_g[c] += fb as i64 * (fg as i64 - fa as i64);
                    sums.total_w[c] += fa.abs_diff(fw).pow(2);
                    sums.total_g[c] += fa.abs_diff(fg).pow(2);
                }
            }
            progress(end - chunk * CHUNK_ROWS);
            sums
        })
        .collect();
    let mut total = Sums::new(n);
    for p in &parts {
        total.add(p);
    }
    let nf = rows as f64;
    let two_n = 2.0 * nf;
    (0..n)
        .map(|c| {
            let sum = (total.a[c] + total.b[c]) as f64;
            let sumsq = (total.aa[c] + total.bb[c]) as f64;
            let var = if rows >= 1 {
                (sumsq - sum * sum / two_n) / (two_n - 1.0)
            } else {
                0.0
            };
            (var > 0.0).then(|| TargetSobol {
                weights: Indices {
                    first: total.first_w[c] as f64 / nf / var,
                    total: total.total_w[c] as f64 / nf / (2.0 * var),
                },
                grades: Indices {
                    first: total.first_g[c] as f64 / nf / var,
                    total: total.total_g[c] as f64 / nf / (2.0 * var),
                },
                variance: var,
            })
        })
        .collect()
}
