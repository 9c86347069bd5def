//! The audit of METHOD.md §6: how much the ranking depends on the type
//! weights, the grades and single sources. A Monte Carlo over
//! Dirichlet-distributed weights (§6.1), over grade steps (§6.2, in
//! [`grades`]) or both; leave one type out and leave one source out (§6.3,
//! [`sources`]); Sobol indices of the two (§6.4, [`sobol`]); and the ranks
//! under each of several named weightings.
//!
//! # Reproducibility
//!
//! The draws are split into chunks of [`CHUNK_DRAWS`] draws (the last one
//! may be shorter). Chunk `i` (0-based) draws from its own ChaCha8 stream:
//! the 32-byte key is the seed as 8 little-endian bytes followed by 24 zero
//! bytes, and the 64-bit stream number is `i`
//! ([`Sampler::chunk_rng`]). Chunks are independent of each other and of
//! the number of threads; results are combined so that no output depends
//! on which thread ran which chunk:
//!
//! - rank histograms hold integer counts, whose sum does not depend on
//!   order;
//! - score sums are floating point, so each chunk sums its own draws in
//!   draw order and the chunk sums are added in chunk order. Chunks run in
//!   waves of [`WAVE_CHUNKS`], so memory does not grow with the number of
//!   draws.
//!
//! Every rank is the ordinal rank of METHOD.md §5, identical to
//! [`crate::rank::ranks`]: score descending by `f64::total_cmp`, ties by
//! corridor index (id order).
//!
//! # Memory
//!
//! One `corridors × corridors` histogram of `u32` counts, plus per chunk in
//! flight a `corridors × CHUNK_DRAWS` buffer of ranks. No
//! `draws × corridors` matrix is ever held.
//!
//! # The Dirichlet draws
//!
//! [`crate::portable::dirichlet`] over the types with `w0 > 0` only (the
//! others stay 0): independent `Gamma(α_t, 1)` draws (Marsaglia–Tsang)
//! divided by their sum, with every transcendental from the pure-Rust
//! `libm`, so that the draws are the same bits on every machine — which
//! `rand_distr`, calling the platform's maths library, cannot promise. With
//! a single such type every draw is `w0` itself.
//!
//! # Score standard deviation
//!
//! METHOD.md §6 asks for "the standard deviation of its score" without
//! saying which. This is the *sample* standard deviation of the `M` draws
//! (divisor `M − 1`; 0 when `M = 1`), computed from sums of the deviations
//! from the base score, which keeps cancellation small.

pub mod grades;
mod options;
mod ranks;
mod report;
mod sampler;
pub mod sobol;
pub mod sources;

pub use ranks::{RankScratch, fast_ranks};

use crate::evidence::Evidence;
use crate::params::{Confidence, Params};
use crate::rank::{ranks, scores, spearman};
use corridor_schema::{Model, Phenomenon};
use corridor_schema::{N_TYPES, SourceType};
use grades::{Codes, EngineScratch, GradePlan};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

pub use options::*;
pub use report::*;
pub use sampler::Sampler;
use sampler::check_weights;

/// What the audit is about beyond the weights: the model, the targets and
/// the phenomenon, for the grade draws and leave-one-source-out.
pub struct AuditContext<'a> {
    /// The model.
    pub model: &'a Model,
    /// The audited phenomenon.
    pub phenomenon: Phenomenon,
    /// Whether the targets are the movements (else the corridors).
    pub movements: bool,
    /// The active findings of each target, in the order of the evidence
    /// rows (see [`crate::corridor_findings`], [`crate::movement_findings`]).
    pub targets: Vec<Vec<usize>>,
    /// How outputs name a source (its public alias unless internal);
    /// `None`: by its id.
    pub source_label: Option<&'a (dyn Fn(usize) -> String + Sync)>,
}

impl<'a> AuditContext<'a> {
    /// The smuggling audit of every corridor of `model`, sources by id.
    pub fn corridors(model: &'a Model) -> Self {
        AuditContext {
            model,
            phenomenon: Phenomenon::Smuggling,
            movements: false,
            targets: crate::corridor_findings(model, &crate::Filter::default()),
            source_label: None,
        }
    }

    fn label(&self, s: usize) -> String {
        match self.source_label {
            Some(f) => f(s),
            None => self.model.sources[s].id.clone(),
        }
    }
}

/// One named weighting to audit: its normalised type weights and the
/// evidence and settings computed with its parameters.
#[derive(Debug, Clone, Copy)]
pub struct AuditWeighting<'a> {
    /// Its name (usually the file name), unique among those audited.
    pub name: &'a str,
    /// Type weights in method order, non-negative, summing to 1.
    pub weights: [f64; N_TYPES],
    /// Groups, θ and thresholds (triangulation for leave-one-out).
    pub params: &'a Params,
    /// The evidence built with `params`.
    pub evidence: &'a Evidence,
    /// The consistency ratio of an AHP weighting (`None` for direct
    /// weights): METHOD.md §4 has it printed wherever the weights are used.
    pub consistency_ratio: Option<f64>,
}

/// The nearest-rank `p`-th percentile (METHOD.md §6) of a rank histogram
/// `hist` (`hist[r]` = number of draws with rank `r + 1`) over `m` draws:
/// the `⌈p·m/100⌉`-th smallest rank (at least the first).
pub fn percentile_rank(hist: &[u32], m: usize, p: usize) -> usize {
    let target = (p * m).div_ceil(100).max(1);
    let mut seen = 0usize;
    for (r, &n) in hist.iter().enumerate() {
        seen += n as usize;
        if seen >= target {
            return r + 1;
        }
    }
    hist.len()
}

/// Score sums of one chunk: deviations from the base score, and their squares.
struct ChunkSums {
    d1: Vec<f64>,
    d2: Vec<f64>,
}

/// The Monte Carlo state shared by the chunks.
struct MonteCarlo<'a> {
    sampler: &'a Sampler,
    /// The grade draws, when they vary.
    plan: Option<&'a GradePlan>,
    params: &'a Params,
    q: f64,
    vary_weights: bool,
    /// `vector` in column-major order (corridors × 11).
    v: &'a [f64],
    base: &'a [f64],
    nc: usize,
    draws: usize,
    seed: u64,
    hist: Mutex<Vec<u32>>,
    progress: &'a (dyn Fn(usize) + Sync),
}

impl MonteCarlo<'_> {
    fn run_chunk(&self, chunk: usize) -> ChunkSums {
        let nc = self.nc;
        let start = chunk * CHUNK_DRAWS;
        let n = CHUNK_DRAWS.min(self.draws - start);
        let mut rng = Sampler::chunk_rng(self.seed, chunk as u64);
        let mut w = self.sampler.w0;
        let mut codes = Codes::default();
        let mut engine = EngineScratch::default();
        let mut s = vec![0.0; nc];
        let mut scratch = RankScratch::default();
        // Ranks of this chunk, corridor-major, so the histogram merge
        // walks one histogram row at a time. Draws are ranked into a small
        // draw-major block first and copied over BLOCK draws at a time, so
        // each corridor's write fills a cache line instead of touching one
        // per draw.
        const BLOCK: usize = 16;
        let mut block = vec![0u32; nc * BLOCK];
        let mut chunk_ranks = vec![0u32; nc * n];
        let mut d1 = vec![0.0; nc];
        let mut d2 = vec![0.0; nc];
        for d in 0..n {
            // Weights first, then grades, from the chunk's one stream.
            if self.vary_weights {
                self.sampler.draw(&mut rng, &mut w);
            }
            match self.plan {
                Some(plan) => {
                    plan.draw_codes(self.q, &mut rng, &mut codes);
                    let weights = ([&w], self.sampler.active());
                    plan.scores_of(self.params, &codes, &mut engine, weights, [&mut s]);
                }
                None => {
                    s.fill(0.0);
                    for &t in self.sampler.active() {
                        let wt = w[t];
                        let col = &self.v[t * nc..(t + 1) * nc];
                        for (x, &vc) in s.iter_mut().zip(col) {
                            *x += wt * vc;
                        }
                    }
                }
            }
            for c in 0..nc {
                let dev = s[c] - self.base[c];
                d1[c] += dev;
                d2[c] += dev * dev;
            }
            let b = d % BLOCK;
            fast_ranks(&s, &mut scratch, &mut block[b * nc..(b + 1) * nc]);
            if b + 1 == BLOCK || d + 1 == n {
                let first = d - b;
                for c in 0..nc {
                    let dst = &mut chunk_ranks[c * n + first..c * n + d + 1];
                    for (k, x) in dst.iter_mut().enumerate() {
                        *x = block[k * nc + c];
                    }
                }
            }
        }
        {
            let mut hist = self.hist.lock().unwrap_or_else(PoisonError::into_inner);
            for c in 0..nc {
                let row = &mut hist[c * nc..(c + 1) * nc];
                for &r in &chunk_ranks[c * n..(c + 1) * n] {
                    row[r as usize - 1] += 1;
                }
            }
        }
        (self.progress)(n);
        ChunkSums { d1, d2 }
    }
}

/// Runs the audit of METHOD.md §6.
///
/// `ids` are the corridor ids in model order (the rows of every evidence
/// matrix). `weightings[0]` is the base: its weights are `w0`, its
/// evidence and settings are used for the Monte Carlo and leave-one-out;
/// every weighting contributes a column of `ranks_by_weighting`.
/// `progress` is called with the number of draws of each finished chunk.
pub fn audit(
    ids: &[String],
    weightings: &[AuditWeighting<'_>],
    ctx: &AuditContext<'_>,
    opts: &Options,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<AuditReport, AuditError> {
    opts.validate()?;
    let Some(base) = weightings.first() else {
        return Err(AuditError::NoWeighting);
    };
    let nc = ids.len();
    let mut names = BTreeSet::new();
    for w in weightings {
        if !names.insert(w.name) {
            return Err(AuditError::DuplicateName {
                name: w.name.to_string(),
            });
        }
        check_weights(w.name, &w.weights)?;
        if w.evidence.corridors() != nc {
            return Err(AuditError::CorridorMismatch {
                name: w.name.to_string(),
                expected: nc,
                found: w.evidence.corridors(),
            });
        }
    }
    let sampler = Sampler::new(base.name, &base.weights, opts.mode, opts.concentration)?;

    let base_scores: Vec<f64> = scores(&base.evidence.vector, &base.weights)
        .iter()
        .copied()
        .collect();
    let base_ranks = ranks(&base_scores);
    let by_weighting: Vec<Vec<usize>> = weightings
        .iter()
        .map(|w| {
            let s: Vec<f64> = scores(&w.evidence.vector, &w.weights)
                .iter()
                .copied()
                .collect();
            ranks(&s)
        })
        .collect();

    // The Monte Carlo.
    let mut hist = Vec::new();
    hist.try_reserve_exact(nc * nc)
        .map_err(|_| AuditError::TooLarge { corridors: nc })?;
    hist.resize(nc * nc, 0u32);
    let plan = (opts.vary.grades || opts.sobol.is_some())
        .then(|| GradePlan::new(ctx.model, &ctx.targets, ctx.phenomenon));
    let mc = MonteCarlo {
        sampler: &sampler,
        plan: if opts.vary.grades {
            plan.as_ref()
        } else {
            None
        },
        params: base.params,
        q: opts.grade_step_probability,
        vary_weights: opts.vary.weights,
        v: base.evidence.vector.as_slice(),
        base: &base_scores,
        nc,
        draws: opts.draws,
        seed: opts.seed,
        hist: Mutex::new(hist),
        progress,
    };
    let chunks = opts.draws.div_ceil(CHUNK_DRAWS);
    let mut d1 = vec![0.0; nc];
    let mut d2 = vec![0.0; nc];
    for wave in (0..chunks).step_by(WAVE_CHUNKS) {
        let sums: Vec<ChunkSums> = (wave..chunks.min(wave + WAVE_CHUNKS))
            .into_par_iter()
            .map(|chunk| mc.run_chunk(chunk))
            .collect();
        // Chunk order, whatever thread ran which chunk.
        for cs in &sums {
            for c in 0..nc {
                d1[c] += cs.d1[c];
                d2[c] += cs.d2[c];
            }
        }
    }
    let hist = mc.hist.into_inner().unwrap_or_else(PoisonError::into_inner);

    let m = opts.draws;
    let mf = m as f64;
    let mut corridors: Vec<CorridorAudit> = (0..nc)
        .map(|c| {
            let row = &hist[c * nc..(c + 1) * nc];
            let in_top: usize = row.iter().take(opts.top_k).map(|&n| n as usize).sum();
            let var = if m > 1 {
                ((d2[c] - d1[c] * d1[c] / mf) / (mf - 1.0)).max(0.0)
            } else {
                0.0
            };
            CorridorAudit {
                id: ids[c].clone(),
                base_rank: base_ranks[c],
                median_rank: percentile_rank(row, m, 50),
                p05_rank: percentile_rank(row, m, 5),
                p95_rank: percentile_rank(row, m, 95),
                top_k_share: in_top as f64 / mf,
                score_mean: base_scores[c] + d1[c] / mf,
                score_sd: var.sqrt(),
                ranks_by_weighting: weightings
                    .iter()
                    .zip(&by_weighting)
                    .map(|(w, r)| (w.name.to_string(), r[c]))
                    .collect(),
                base_score: base_scores[c],
                confidence: base.evidence.triangulate(c, base.params, None).2,
                conflicts: base.evidence.conflicts(c, base.params.theta),
            }
        })
        .collect();
    corridors.sort_by_key(|c| c.base_rank);

    let loso = sources::leave_one_source_out(
        ctx.model,
        base.params,
        &ctx.targets,
        ctx.phenomenon,
        &base.weights,
        ids,
        opts.top_k,
        &|s| ctx.label(s),
    );
    let (sobol_map, sobol_fixed) = match (opts.sobol, plan.as_ref()) {
        (Some(rows), Some(plan)) => {
            let est = sobol::sobol(
                plan,
                base.params,
                &sampler,
                opts.grade_step_probability,
                opts.seed,
                rows,
                progress,
            );
            let mut map = std::collections::BTreeMap::new();
            let mut fixed = Vec::new();
            for (c, e) in est.into_iter().enumerate() {
                match e {
                    Some(x) => {
                        map.insert(ids[c].clone(), x);
                    }
                    None => fixed.push(ids[c].clone()),
                }
            }
            (Some(map), Some(fixed))
        }
        _ => (None, None),
    };

    Ok(AuditReport {
        phenomenon: ctx.phenomenon,
        targets: if ctx.movements {
            "movements"
        } else {
            "corridors"
        },
        vary: opts.vary,
        grade_step_probability: opts.vary.grades.then_some(opts.grade_step_probability),
        leave_one_source_out: loso,
        sobol_rows: opts.sobol,
        sobol: sobol_map,
        sobol_fixed,
        seed: opts.seed,
        draws: m,
        mode: opts.mode,
        concentration: match opts.mode {
            Mode::Concentrated => Some(opts.concentration),
            Mode::Uniform => None,
        },
        top_k: opts.top_k,
        weightings: weightings.iter().map(|w| w.name.to_string()).collect(),
        consistency_ratios: weightings.iter().map(|w| w.consistency_ratio).collect(),
        leave_one_out: leave_one_out(ids, base, &base_ranks),
        corridors,
        base_weights: base.weights,
        sampled_types: sampler
            .active()
            .iter()
            .map(|&t| SourceType::ALL[t])
            .collect(),
    })
}

/// Leave one type out (METHOD.md §6) for every type with `w0 > 0`; empty
/// when fewer than two types have weight.
pub fn leave_one_out(
    ids: &[String],
    base: &AuditWeighting<'_>,
    base_ranks: &[usize],
) -> Vec<LeaveOneOut> {
    let active: Vec<SourceType> = SourceType::ALL
        .iter()
        .copied()
        .filter(|t| base.weights[t.index()] > 0.0)
        .collect();
    if active.len() < 2 {
        return Vec::new();
    }
    let labels: Vec<Confidence> = (0..ids.len())
        .map(|c| base.evidence.triangulate(c, base.params, None).2)
        .collect();
    active
        .iter()
        .map(|&t| {
            let mut w = base.weights;
            w[t.index()] = 0.0;
            let sum: f64 = w.iter().sum();
            for x in &mut w {
                *x /= sum;
            }
            let s: Vec<f64> = scores(&base.evidence.vector, &w).iter().copied().collect();
            let new = ranks(&s);
            let mut max_change = 0;
            let mut max_corridor = None;
            for (c, (&a, &b)) in base_ranks.iter().zip(&new).enumerate() {
                let change = a.abs_diff(b);
                if change > max_change {
                    max_change = change;
                    max_corridor = Some(ids[c].clone());
                }
            }
            let label_changes: Vec<LabelChange> = (0..ids.len())
                .filter_map(|c| {
                    let to = base.evidence.triangulate(c, base.params, Some(t)).2;
                    (to != labels[c]).then(|| LabelChange {
                        id: ids[c].clone(),
                        from: labels[c],
                        to,
                    })
                })
                .collect();
            LeaveOneOut {
                kind: t,
                spearman: spearman(base_ranks, &new),
                max_rank_change: max_change,
                max_rank_change_corridor: max_corridor,
                confidence_changes: label_changes.iter().map(|l| l.id.clone()).collect(),
                label_changes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        // 10 draws: ranks 1×3, 2×5, 4×2 → sorted 1 1 1 2 2 2 2 2 4 4.
        let h = [3, 5, 0, 2];
        assert_eq!(percentile_rank(&h, 10, 5), 1); // ⌈0.5⌉ = 1st
        assert_eq!(percentile_rank(&h, 10, 50), 2); // 5th
        assert_eq!(percentile_rank(&h, 10, 95), 4); // ⌈9.5⌉ = 10th
        assert_eq!(percentile_rank(&h, 10, 30), 1); // 3rd
        assert_eq!(percentile_rank(&h, 10, 31), 2); // ⌈3.1⌉ = 4th
        // One draw: every percentile is that draw.
        assert_eq!(percentile_rank(&[0, 1], 1, 5), 2);
        assert_eq!(percentile_rank(&[0, 1], 1, 95), 2);
    }

    #[test]
    fn options_are_validated() {
        let ok = Options::default();
        assert_eq!(ok.validate(), Ok(()));
        let with = |f: fn(&mut Options)| {
            let mut o = ok;
            f(&mut o);
            o.validate()
        };
        assert_eq!(with(|o| o.draws = 0), Err(AuditError::ZeroDraws));
        assert_eq!(with(|o| o.top_k = 0), Err(AuditError::ZeroTopK));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let mut o = ok;
            o.concentration = bad;
            assert!(matches!(
                o.validate(),
                Err(AuditError::BadConcentration { .. })
            ));
        }
    }

    #[test]
    fn bad_weights_are_refused() {
        let mut w = [0.0; N_TYPES];
        w[0] = 0.5;
        let e = Sampler::new("half", &w, Mode::Concentrated, 100.0).unwrap_err();
        assert!(e.to_string().contains("sum to 0.5"), "{e}");
        w[1] = -0.5;
        w[2] = 1.0;
        let e = Sampler::new("neg", &w, Mode::Uniform, 1.0).unwrap_err();
        assert!(e.to_string().contains("migration_service is -0.5"), "{e}");
        // K·w0 subnormal: refused by name (1/α would be infinite).
        let mut w = [0.0; N_TYPES];
        w[0] = 1.0 - 1e-300;
        w[1] = 1e-300;
        let e = Sampler::new("tiny", &w, Mode::Concentrated, 1e-10).unwrap_err();
        assert!(matches!(e, AuditError::Dirichlet { .. }), "{e}");
    }
}
