//! The grade draws of METHOD.md §6.2 and a flat evidence engine that turns
//! one draw's grades into every target's strength vector fast enough for
//! ten thousand draws.
//!
//! # A draw
//!
//! With `T = ⌊(q/2)·2³²⌋`, a draw takes, from the chunk's generator:
//! one `u64` per two sources of the model, in model order, whose low then
//! high 32 bits decide a reliability letter each (`< T` one step towards
//! A, `< 2T` one step towards E, else it stays; A does not move up, E not
//! down, F never moves); then one `u64`
//! per *candidate* finding — observed or not_observed, of the audited
//! phenomenon, about at least one target — in model order, whose low 32
//! bits move its credibility digit (towards 1 / towards 5; 6 never moves)
//! and whose high 32 bits move its strength (towards strong / towards
//! weak) the same way. Every number is drawn whether or not it can move
//! anything, so a draw's bits do not depend on the grades.
//!
//! # The engine
//!
//! [`GradePlan`] lays out, per target, its repeat-set slots (the
//! candidates of one set and kind, in finding-id order) and its sources
//! (in source order). For a vector of a(e) it picks each slot's counting
//! finding (largest a(e) to twelve decimals, ties to the smallest id — the
//! first in the slot), keeps per source its strongest counting finding of
//! each kind, and multiplies the sources of each type in source order:
//! exactly `Prepared::reduce` (crate::evidence), so with the base grades
//! it gives the same bits (tested).

use crate::params::Params;
use crate::rank::q12;
use corridor_schema::{FindingKind, Model, N_TYPES, Phenomenon};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::Rng;
use std::collections::BTreeMap;

/// One repeat set's candidates of one kind about one target.
#[derive(Debug, Clone)]
struct Slot {
    /// Observed (else not_observed).
    observed: bool,
    /// Range into `GradePlan::cands`.
    start: u32,
    end: u32,
}

/// One target's layout.
#[derive(Debug, Clone, Default)]
struct TargetPlan {
    /// Its sources, in source order, with their type.
    sources: Vec<(u32, u8)>,
    slots: Vec<Slot>,
}

/// The layout of every target for one phenomenon, and the grades of the
/// candidate findings.
#[derive(Debug, Clone)]
pub struct GradePlan {
    targets: Vec<TargetPlan>,
    /// (candidate index, local source index in its target), slot by slot.
    cands: Vec<(u32, u32)>,
    /// Per candidate: its finding (index into `Model::findings`).
    pub findings: Vec<usize>,
    /// Per candidate: its source (index into `Model::sources`).
    source: Vec<u32>,
    /// Per candidate: strength index 0 weak … 2 strong.
    strength: Vec<u8>,
    /// Per candidate: credibility digit 1–6.
    credibility: Vec<u8>,
    /// Per source of the model: reliability index 0 A … 5 F.
    pub reliability: Vec<u8>,
    /// Per candidate: its rank in finding-id order (ties in a source).
    id_rank: Vec<u32>,
}

/// The grades of one draw.
#[derive(Debug, Clone)]
pub struct Grades {
    /// Reliability index per source of the model.
    pub reliability: Vec<u8>,
    /// Strength index per candidate.
    pub strength: Vec<u8>,
    /// Credibility digit per candidate.
    pub credibility: Vec<u8>,
}

/// Scratch of the engine, reused across draws.
#[derive(Debug, Default)]
pub struct EngineScratch {
    /// Per candidate: its grade code (strength · 36 + reliability · 6 +
    /// credibility − 1), an index into the tables of a(e) and of its
    /// twelve-decimal key — 108 products, computed once.
    code: Vec<u8>,
    best_a: Vec<Option<(i64, u32, f64)>>,
    best_b: Vec<Option<(i64, u32, f64)>>,
}

impl GradePlan {
    /// The layout of `targets` (each a list of active findings, unique, in
    /// model order) for `phi`.
    pub fn new(model: &Model, targets: &[Vec<usize>], phi: Phenomenon) -> Self {
        // Candidates: evidence findings of phi about some target.
        let mut is_cand = vec![false; model.findings.len()];
        for list in targets {
            for &i in list {
                let f = &model.findings[i];
                if f.finding.is_evidence() && f.phenomenon == Some(phi) {
                    is_cand[i] = true;
                }
            }
        }
        let findings: Vec<usize> = (0..model.findings.len()).filter(|&i| is_cand[i]).collect();
        let mut cand_of = vec![u32::MAX; model.findings.len()];
        for (k, &i) in findings.iter().enumerate() {
            cand_of[i] = k as u32;
        }
        let mut by_id: Vec<u32> = (0..findings.len() as u32).collect();
        by_id.sort_by(|&a, &b| {
            model.findings[findings[a as usize]]
                .id
                .cmp(&model.findings[findings[b as usize]].id)
        });
        let mut id_rank = vec![0u32; findings.len()];
        for (r, &k) in by_id.iter().enumerate() {
            id_rank[k as usize] = r as u32;
        }
        let mut cands = Vec::new();
        let mut plans = Vec::with_capacity(targets.len());
        for list in targets {
            let mut plan = TargetPlan::default();
            // Slots: group by (set, kind); within a slot, id order.
            let mut slots: BTreeMap<(usize, bool), Vec<usize>> = BTreeMap::new();
            let mut srcs: Vec<u32> = Vec::new();
            for &i in list {
                if !is_cand[i] {
                    continue;
                }
                let f = &model.findings[i];
                slots
                    .entry((f.repeat_set, f.finding == FindingKind::Observed))
                    .or_default()
                    .push(i);
                srcs.push(f.source as u32);
            }
            srcs.sort_unstable();
            srcs.dedup();
            plan.sources = srcs
                .iter()
                .map(|&s| (s, model.sources[s as usize].kind.index() as u8))
                .collect();
            for ((_, observed), mut members) in slots {
                members.sort_by(|&a, &b| model.findings[a].id.cmp(&model.findings[b].id));
                let start = cands.len() as u32;
                for i in members {
                    let local = plan
                        .sources
                        .binary_search_by_key(&(model.findings[i].source as u32), |x| x.0)
                        .expect("a source of the target") as u32;
                    cands.push((cand_of[i], local));
                }
                plan.slots.push(Slot {
                    observed,
                    start,
                    end: cands.len() as u32,
                });
            }
            plans.push(plan);
        }
        GradePlan {
            targets: plans,
            cands,
            source: findings
                .iter()
                .map(|&i| model.findings[i].source as u32)
                .collect(),
            strength: findings
                .iter()
                .map(|&i| model.findings[i].strength.map_or(0, |s| s.index() as u8))
                .collect(),
            credibility: findings
                .iter()
                .map(|&i| model.findings[i].credibility.unwrap_or(6))
                .collect(),
            reliability: model
                .sources
                .iter()
                .map(|s| s.reliability.index() as u8)
                .collect(),
            findings,
            id_rank,
        }
    }

    /// Number of targets.
    pub fn targets(&self) -> usize {
        self.targets.len()
    }

    /// The base grades.
    pub fn base(&self) -> Grades {
        Grades {
            reliability: self.reliability.clone(),
            strength: self.strength.clone(),
            credibility: self.credibility.clone(),
        }
    }

    /// Draws one set of grades (see the module documentation) into `out`.
    pub fn draw(&self, q: f64, rng: &mut ChaCha8Rng, out: &mut Grades) {
        let t = threshold(q);
        // 0 up, 1 down, 2 stay.
        let bucket = |u: u64| usize::from(u >= t) + usize::from(u >= 2 * t);
        // Step tables: REL[r][b], CRED[c][b], STRENGTH[s][b].
        const REL: [[u8; 3]; 6] = [
            [0, 1, 0],
            [0, 2, 1],
            [1, 3, 2],
            [2, 4, 3],
            [3, 4, 4],
            [5, 5, 5],
        ];
        const CRED: [[u8; 3]; 7] = [
            [0, 0, 0],
            [1, 2, 1],
            [1, 3, 2],
            [2, 4, 3],
            [3, 5, 4],
            [4, 5, 5],
            [6, 6, 6],
        ];
        const STRENGTH: [[u8; 3]; 3] = [[1, 0, 0], [2, 0, 1], [2, 1, 2]];
        let mut buf = [0u64; 64];
        out.reliability.clear();
        for chunk in self.reliability.chunks(64) {
            fill(rng, &mut buf[..chunk.len().div_ceil(2)]);
            out.reliability
                .extend(chunk.iter().enumerate().map(|(k, &r)| {
                    let w = buf[k / 2];
                    let u = if k % 2 == 0 { w & 0xffff_ffff } else { w >> 32 };
                    REL[usize::from(r)][bucket(u)]
                }));
        }
        out.strength.clear();
        out.credibility.clear();
        let n = self.findings.len();
        let mut k = 0;
        while k < n {
            let m = (n - k).min(64);
            fill(rng, &mut buf[..m]);
            for (j, &u) in buf[..m].iter().enumerate() {
                let (lo, hi) = (u & 0xffff_ffff, u >> 32);
                out.credibility
                    .push(CRED[usize::from(self.credibility[k + j])][bucket(lo)]);
                out.strength
                    .push(STRENGTH[usize::from(self.strength[k + j])][bucket(hi)]);
            }
            k += m;
        }
    }

    /// The strength vectors of every target under `grades`, into `out`
    /// (column-major, targets × 11: `out[t * n + c]`).
    pub fn vectors(
        &self,
        params: &Params,
        grades: &Grades,
        scratch: &mut EngineScratch,
        out: &mut [f64],
    ) {
        let n = self.targets.len();
        // a(e) = σ·ρ·κ of every grade combination, and its comparison key.
        let mut a_tab = [0.0f64; 108];
        let mut q_tab = [0i64; 108];
        for st in 0..3 {
            for r in 0..6 {
                for c in 0..6 {
                    let code = st * 36 + r * 6 + c;
                    a_tab[code] =
                        params.strength[st] * params.reliability[r] * params.credibility[c];
                    q_tab[code] = q12(a_tab[code]);
                }
            }
        }
        scratch.code.clear();
        scratch.code.extend((0..self.findings.len()).map(|k| {
            grades.strength[k] * 36
                + grades.reliability[self.source[k] as usize] * 6
                + (grades.credibility[k] - 1)
        }));
        for (c, plan) in self.targets.iter().enumerate() {
            let ns = plan.sources.len();
            scratch.best_a.clear();
            scratch.best_a.resize(ns, None);
            scratch.best_b.clear();
            scratch.best_b.resize(ns, None);
            for slot in &plan.slots {
                let members = &self.cands[slot.start as usize..slot.end as usize];
                // The slot's counting finding: largest a(e), first in id order.
                let mut win = members[0];
                let mut win_code = usize::from(scratch.code[win.0 as usize]);
                for &m in &members[1..] {
                    let cm = usize::from(scratch.code[m.0 as usize]);
                    if q_tab[cm] > q_tab[win_code] {
                        win = m;
                        win_code = cm;
                    }
                }
                let (a, win_q) = (a_tab[win_code], q_tab[win_code]);
                let rank = self.id_rank[win.0 as usize];
                let best = if slot.observed {
                    &mut scratch.best_a[win.1 as usize]
                } else {
                    &mut scratch.best_b[win.1 as usize]
                };
                // Per source its strongest counting finding; ties to the
                // smallest id, as `reduce` does.
                let better = match *best {
                    None => true,
                    Some((bq, br, _)) => win_q > bq || (win_q == bq && rank < br),
                };
                if better {
                    *best = Some((win_q, rank, a));
                }
            }
            let mut not_p = [1.0f64; N_TYPES];
            let mut not_n = [1.0f64; N_TYPES];
            for (k, &(_, t)) in plan.sources.iter().enumerate() {
                if let Some((_, _, a)) = scratch.best_a[k] {
                    not_p[usize::from(t)] *= 1.0 - a;
                }
                if let Some((_, _, b)) = scratch.best_b[k] {
                    not_n[usize::from(t)] *= 1.0 - b;
                }
            }
            for t in 0..N_TYPES {
                out[t * n + c] = (1.0 - not_p[t]) * not_n[t];
            }
        }
    }
}

/// `⌊(q/2)·2³²⌋`, the threshold of one step up (and, above it, of one down).
pub fn threshold(q: f64) -> u64 {
    ((q / 2.0) * 4_294_967_296.0)
        .floor()
        .clamp(0.0, 2_147_483_648.0) as u64
}

/// Fills `buf` with the generator's next `u64`s, in order (the same
/// numbers as as many `next_u64` calls).
fn fill(rng: &mut ChaCha8Rng, buf: &mut [u64]) {
    for x in buf.iter_mut() {
        *x = rng.next_u64();
    }
}
