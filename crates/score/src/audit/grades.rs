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
//! [`GradePlan::draw`] returns the grades themselves ([`Grades`]; its bits
//! are pinned by a test); [`GradePlan::draw_codes`], which the audit uses,
//! takes the same numbers in the same order (64 at a time through
//! `fill_bytes`, which yields the little-endian bytes of as many
//! `next_u64` calls) and returns each candidate's *grade code*
//! ([`Codes`]) — the same draw, tested to be equal, without three
//! per-finding arrays.
//!
//! # The engine
//!
//! [`GradePlan`] lays out, per target, its repeat-set slots (the
//! candidates of one set and kind, in finding-id order) and its sources
//! (in source order). For a vector of a(e) it picks each slot's counting
//! finding (largest a(e) to twelve decimals, ties to the smallest id — the
//! first in the slot), keeps per source its strongest counting finding of
//! each kind, and multiplies the sources of each type in source order:
//! exactly `Prepared::reduce` (crate::evidence), so it gives the same bits
//! (tested, at the base grades and at drawn ones).
//!
//! A target none of whose slots holds more than one candidate — with few
//! repeats, nearly every target — takes a faster path over a flat layout
//! (`Flat`): its list of factors `1 − a(e)`, one per source and kind in
//! source order, each multiplied into one of 22 products. a(e), its
//! twelve-decimal key and `1 − a(e)` are tabulated once per call for the
//! 108 grade codes. [`GradePlan::scores_of`] also sums `S = Σ w·v` per
//! target as it goes, for one or more weight vectors, so the audit never
//! writes the targets × 11 matrix of a draw.

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
    /// Per candidate: `9 · (strength · 6 + credibility − 1)`, the first of
    /// the nine entries of [`STEP_CODES`] its draw chooses from.
    class9: Vec<u8>,
    /// The flat layout of the targets whose slots are all singletons.
    flat: Flat,
}

/// The layout [`GradePlan::vectors_of`] walks for a target none of whose
/// repeat-set slots has more than one candidate — every target of a tree
/// with few repeats. Then every candidate counts, and a source's A (B) is
/// its strongest observed (not_observed) candidate, so a target is a list
/// of *factors* `1 − a(e)`, one per source and kind, in source order, each
/// multiplied into one of 22 products (Π(1 − A) and Π(1 − B) per type).
/// A factor reads the code of its one candidate or, when the source has
/// several candidates of that kind (a *group*), the code of the group's
/// strongest, found first. Structure of arrays, so that one draw reads each
/// array once, front to back, with no branch that depends on the data.
/// Targets with a larger slot (`general`) take the slot-by-slot path of
/// [`TargetPlan`].
#[derive(Debug, Clone, Default)]
struct Flat {
    /// Per target: whether it needs the general path.
    general: Vec<bool>,
    /// Per target, and one past the last: its first factor.
    target_factors: Vec<u32>,
    /// Per factor: its product, `t` (Π(1 − A) of type `t`) or `11 + t`
    /// (Π(1 − B)).
    factor_acc: Vec<u8>,
    /// Per factor: its candidate, or `candidates + g` for group `g`.
    factor_pos: Vec<u32>,
    /// Per group, and one past the last: its first member.
    group_start: Vec<u32>,
    /// Group members (candidates), group by group.
    group_cands: Vec<u32>,
}

/// One draw's grades in the form the engine reads: per candidate its
/// grade code (strength · 36 + reliability · 6 + credibility − 1), an index
/// into the tables of a(e) — 108 products, computed once per call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codes {
    /// Per source of the model: its drawn reliability index times 6.
    rel6: Vec<u8>,
    /// Per candidate: its grade code.
    code: Vec<u8>,
}

/// `STEP_CODES[9 · class + 3 · bs + bc]`: the code without its reliability
/// part (`strength · 36 + credibility − 1`) of a candidate of `class`
/// (`strength · 6 + credibility − 1`) whose strength falls in bucket `bs`
/// and credibility in bucket `bc` (0 up, 1 down, 2 stay). 256 entries
/// (162 used), so that a `u8` index needs no bounds check.
const STEP_CODES: [u8; 256] = {
    let mut tab = [0u8; 256];
    let mut class = 0;
    while class < 18 {
        let (st, cred) = (class / 6, class % 6 + 1);
        let mut bs = 0;
        while bs < 3 {
            let mut bc = 0;
            while bc < 3 {
                tab[9 * class + 3 * bs + bc] = STRENGTH[st][bs] * 36 + CRED[cred][bc] - 1;
                bc += 1;
            }
            bs += 1;
        }
        class += 1;
    }
    tab
};

/// One step of a reliability index (0 A … 5 F): `REL[r][bucket]`.
const REL: [[u8; 3]; 6] = [
    [0, 1, 0],
    [0, 2, 1],
    [1, 3, 2],
    [2, 4, 3],
    [3, 4, 4],
    [5, 5, 5],
];
/// One step of a credibility digit (1–6; index 0 unused): `CRED[c][bucket]`.
const CRED: [[u8; 3]; 7] = [
    [0, 0, 0],
    [1, 2, 1],
    [1, 3, 2],
    [2, 4, 3],
    [3, 5, 4],
    [4, 5, 5],
    [6, 6, 6],
];
/// One step of a strength index (0 weak … 2 strong): `STRENGTH[s][bucket]`.
const STRENGTH: [[u8; 3]; 3] = [[1, 0, 0], [2, 0, 1], [2, 1, 2]];

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
    /// The codes of the grades given to [`GradePlan::vectors`].
    codes: Codes,
    best_a: Vec<Option<(i64, u32, f64)>>,
    best_b: Vec<Option<(i64, u32, f64)>>,
    /// Per group of the flat layout: the code of its strongest candidate.
    winners: Vec<u8>,
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
        let flat = Flat::new(&plans, &cands, findings.len());
        GradePlan {
            flat,
            class9: findings
                .iter()
                .map(|&i| {
                    let f = &model.findings[i];
                    let class = f.strength.map_or(0, |s| s.index() as u8) * 6
                        + f.credibility.unwrap_or(6)
                        - 1;
                    9 * class
                })
                .collect(),
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

    /// The codes of `grades` into `out`: what [`GradePlan::draw_codes`]
    /// gives for the draw that [`GradePlan::draw`] gives as `grades`.
    pub fn codes(&self, grades: &Grades, out: &mut Codes) {
        out.rel6.clear();
        out.rel6.extend(grades.reliability.iter().map(|&r| r * 6));
        out.code.clear();
        out.code.extend((0..self.findings.len()).map(|k| {
            grades.strength[k] * 36
                + out.rel6[self.source[k] as usize]
                + (grades.credibility[k] - 1)
        }));
    }

    /// Draws one set of grades as [`GradePlan::draw`] does — the same
    /// numbers from `rng`, the same grades — straight into their codes,
    /// without the three per-finding arrays of [`Grades`].
    pub fn draw_codes(&self, q: f64, rng: &mut ChaCha8Rng, out: &mut Codes) {
        let (t1, t2) = (threshold(q), 2 * threshold(q));
        // 0 up, 1 down, 2 stay.
        let bucket = |u: u64| u8::from(u >= t1) + u8::from(u >= t2);
        // The same on 32 bits: `u ≥ 2·t1` is `u − t1 ≥ t1` once `u ≥ t1`
        // (t1 ≤ 2³¹, so `2·t1` may not fit in a u32).
        let t32 = t1 as u32;
        let bucket32 = |u: u32| {
            let up = u >= t32;
            u8::from(up) + u8::from(up & (u.wrapping_sub(t32) >= t32))
        };
        // 64 numbers at a time: `fill_bytes` of a multiple of 8 bytes gives
        // the little-endian bytes of as many `next_u64` calls.
        let mut buf = [0u8; 512];
        out.rel6.clear();
        for chunk in self.reliability.chunks(128) {
            let bytes = &mut buf[..chunk.len().div_ceil(2) * 8];
            rng.fill_bytes(bytes);
            for (pair, w) in chunk.chunks(2).zip(words(bytes)) {
                for (&r, u) in pair.iter().zip([w & 0xffff_ffff, w >> 32]) {
                    out.rel6
                        .push(REL[usize::from(r)][usize::from(bucket(u))] * 6);
                }
            }
        }
        let n = self.findings.len();
        out.code.resize(n, 0);
        let rel6 = &out.rel6[..];
        let parts = out
            .code
            .chunks_mut(64)
            .zip(self.class9.chunks(64))
            .zip(self.source.chunks(64));
        for ((codes, class9), source) in parts {
            let bytes = &mut buf[..codes.len() * 8];
            rng.fill_bytes(bytes);
            // The buckets first (a loop the compiler can vectorise), then
            // the table look-ups.
            let mut half = [0u32; 128];
            for (h, b) in half.iter_mut().zip(bytes.chunks_exact(4)) {
                *h = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
            let mut step = [0u8; 64];
            for (x, h) in step.iter_mut().zip(half.chunks_exact(2)) {
                *x = bucket32(h[0]) + 3 * bucket32(h[1]);
            }
            for (((c, &k9), &s), &x) in codes.iter_mut().zip(class9).zip(source).zip(&step) {
                *c = STEP_CODES[usize::from(k9 + x)] + rel6[s as usize];
            }
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
        let mut codes = std::mem::take(&mut scratch.codes);
        self.codes(grades, &mut codes);
        self.vectors_of(params, &codes, scratch, out);
        scratch.codes = codes;
    }

    /// The strength vectors of every target under the grades of `codes`,
    /// into `out` (column-major, targets × 11: `out[t * n + c]`).
    pub fn vectors_of(
        &self,
        params: &Params,
        codes: &Codes,
        scratch: &mut EngineScratch,
        out: &mut [f64],
    ) {
        let n = self.targets.len();
        assert_eq!(out.len(), n * N_TYPES, "one strength per target and type");
        self.reduce_all(params, codes, scratch, |c, v| {
            for (t, &x) in v.iter().enumerate() {
                out[t * n + c] = x;
            }
        });
    }

    /// The scores `S = Σ w(t)·v(t)` of every target under the grades of
    /// `codes`, for each of the weight vectors `weights` into the matching
    /// `out`, summed over the types `active` in their order — the same
    /// bits as the sum over the vectors of [`GradePlan::vectors_of`] in
    /// that order, without the targets × 11 matrix in between. A type left
    /// out must have weight 0 in every vector.
    pub fn scores_of<const K: usize>(
        &self,
        params: &Params,
        codes: &Codes,
        scratch: &mut EngineScratch,
        (weights, active): ([&[f64; N_TYPES]; K], &[usize]),
        mut out: [&mut [f64]; K],
    ) {
        let n = self.targets.len();
        assert!(out.iter().all(|o| o.len() == n), "one score per target");
        self.reduce_all(params, codes, scratch, |c, v| {
            for (w, o) in weights.iter().zip(out.iter_mut()) {
                let mut s = 0.0;
                for &t in active {
                    s += w[t] * v[t];
                }
                o[c] = s;
            }
        });
    }

    /// The engine: `sink(c, v)` with the strength vector `v` of every
    /// target `c`, in target order.
    fn reduce_all(
        &self,
        params: &Params,
        codes: &Codes,
        scratch: &mut EngineScratch,
        mut sink: impl FnMut(usize, &[f64; N_TYPES]),
    ) {
        let n = self.targets.len();
        // a(e) = σ·ρ·κ of every grade combination, its comparison key,
        // and 1 − a(e), the factor of the products (256 entries, so that a
        // `u8` code needs no bounds check).
        let mut a_tab = [0.0f64; 108];
        let mut q_tab = [0i64; 108];
        let mut not_tab = [1.0f64; 256];
        for st in 0..3 {
            for r in 0..6 {
                for c in 0..6 {
                    let code = st * 36 + r * 6 + c;
                    a_tab[code] =
                        params.strength[st] * params.reliability[r] * params.credibility[c];
                    q_tab[code] = q12(a_tab[code]);
                    not_tab[code] = 1.0 - a_tab[code];
                }
            }
        }
        let code = &codes.code[..];
        let flat = &self.flat;
        let candidates = self.findings.len();
        // The groups' strongest: largest a(e) to twelve decimals, then the
        // smallest id.
        let mut winners = std::mem::take(&mut scratch.winners);
        winners.clear();
        winners.extend(flat.group_start.windows(2).map(|g| {
            let members = &flat.group_cands[g[0] as usize..g[1] as usize];
            let mut win = code[members[0] as usize];
            let mut win_rank = self.id_rank[members[0] as usize];
            for &m in &members[1..] {
                let cm = code[m as usize];
                let rank = self.id_rank[m as usize];
                let (qm, qw) = (q_tab[usize::from(cm)], q_tab[usize::from(win)]);
                if qm > qw || (qm == qw && rank < win_rank) {
                    win = cm;
                    win_rank = rank;
                }
            }
            win
        }));
        for c in 0..n {
            // Π(1 − A) of the 11 types, then Π(1 − B); 32 so that a masked
            // index needs no bounds check.
            let mut acc = [1.0f64; 32];
            if flat.general[c] {
                let (not_p, not_n) = acc.split_at_mut(N_TYPES);
                self.general_target(c, code, (&a_tab, &q_tab), scratch, not_p, not_n);
            } else {
                let (f0, f1) = (
                    flat.target_factors[c] as usize,
                    flat.target_factors[c + 1] as usize,
                );
                // In source order, as `reduce` multiplies them.
                for (&k, &pos) in flat.factor_acc[f0..f1].iter().zip(&flat.factor_pos[f0..f1]) {
                    let pos = pos as usize;
                    let x = if pos < candidates {
                        code[pos]
                    } else {
                        winners[pos - candidates]
                    };
                    acc[usize::from(k & 31)] *= not_tab[usize::from(x)];
                }
            }
            let v: [f64; N_TYPES] = std::array::from_fn(|t| (1.0 - acc[t]) * acc[N_TYPES + t]);
            sink(c, &v);
        }
        scratch.winners = winners;
    }

    /// The products of target `c` slot by slot, for a target with a
    /// repeat-set slot of several candidates.
    fn general_target(
        &self,
        c: usize,
        code: &[u8],
        (a_tab, q_tab): (&[f64; 108], &[i64; 108]),
        scratch: &mut EngineScratch,
        not_p: &mut [f64],
        not_n: &mut [f64],
    ) {
        let plan = &self.targets[c];
        let ns = plan.sources.len();
        scratch.best_a.clear();
        scratch.best_a.resize(ns, None);
        scratch.best_b.clear();
        scratch.best_b.resize(ns, None);
        for slot in &plan.slots {
            let members = &self.cands[slot.start as usize..slot.end as usize];
            // The slot's counting finding: largest a(e), first in id order.
            let mut win = members[0];
            let mut win_code = usize::from(code[win.0 as usize]);
            for &m in &members[1..] {
                let cm = usize::from(code[m.0 as usize]);
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
        for (k, &(_, t)) in plan.sources.iter().enumerate() {
            if let Some((_, _, a)) = scratch.best_a[k] {
                not_p[usize::from(t)] *= 1.0 - a;
            }
            if let Some((_, _, b)) = scratch.best_b[k] {
                not_n[usize::from(t)] *= 1.0 - b;
            }
        }
    }
}

impl Flat {
    /// The flat layout of every target whose slots are all singletons, for
    /// `candidates` candidates.
    fn new(plans: &[TargetPlan], cands: &[(u32, u32)], candidates: usize) -> Self {
        let mut flat = Flat {
            group_start: vec![0],
            ..Flat::default()
        };
        let mut per_source: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for plan in plans {
            flat.target_factors.push(flat.factor_acc.len() as u32);
            let general = plan.slots.iter().any(|s| s.end - s.start > 1);
            flat.general.push(general);
            if general {
                continue;
            }
            per_source.clear();
            per_source.resize(plan.sources.len(), (Vec::new(), Vec::new()));
            for slot in &plan.slots {
                let (cand, local) = cands[slot.start as usize];
                let lists = &mut per_source[local as usize];
                if slot.observed {
                    lists.0.push(cand);
                } else {
                    lists.1.push(cand);
                }
            }
            for (&(_, t), (a, b)) in plan.sources.iter().zip(&per_source) {
                for (acc, list) in [(t, a), (N_TYPES as u8 + t, b)] {
                    let pos = match list.as_slice() {
                        [] => continue,
                        &[one] => one,
                        many => {
                            flat.group_cands.extend_from_slice(many);
                            flat.group_start.push(flat.group_cands.len() as u32);
                            (candidates + flat.group_start.len() - 2) as u32
                        }
                    };
                    flat.factor_acc.push(acc);
                    flat.factor_pos.push(pos);
                }
            }
        }
        flat.target_factors.push(flat.factor_acc.len() as u32);
        flat
    }
}

/// The little-endian `u64`s of `buf`.
fn words(buf: &[u8]) -> impl Iterator<Item = u64> + '_ {
    buf.chunks_exact(8)
        .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
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
