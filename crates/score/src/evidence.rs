//! The evidence matrix of METHOD.md §3 and the per-corridor facts of §5
//! that do not depend on the type weights: P, N, v, dimension coverage,
//! triangulation, conflicts and gaps — for one scored phenomenon, over
//! corridors or over movements.
//!
//! Both are *targets*: a set of corridors whose findings are judged
//! together (one corridor, or a movement's corridors). Per target, the
//! active findings of the phenomenon are reduced in two steps: within each
//! repeat set and kind the strongest finding counts (§3, "Active
//! findings"), then per source its strongest counting finding (§3, "Per
//! source"); the sources of a type are combined by noisy-OR in source
//! order, so every float is the same bit pattern whatever the order of
//! files on disk or the number of threads.

use crate::params::{Confidence, Params};
use crate::rank::{at_least, q12};
use corridor_schema::{FindingKind, Model, N_TYPES, Period, Phenomenon, SourceType};
use nalgebra::DMatrix;
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;

/// Which findings and corridors take part.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only findings whose period overlaps this one (all four kinds).
    pub period: Option<Period>,
    /// Only corridors that start in, pass through or end in this country
    /// (or region id). It selects rows of the output; the evidence of the
    /// corridors kept does not change.
    pub country: Option<String>,
}

impl Filter {
    /// Whether a finding passes.
    pub fn keeps(&self, f: &corridor_schema::Finding) -> bool {
        self.period.as_ref().is_none_or(|p| p.overlaps(&f.period))
    }

    /// Whether a corridor is kept.
    pub fn keeps_corridor(&self, c: &corridor_schema::Corridor) -> bool {
        self.country.as_deref().is_none_or(|code| c.touches(code))
    }

    /// Whether a movement is kept: when any of its corridors is.
    pub fn keeps_movement(&self, model: &Model, m: &corridor_schema::Movement) -> bool {
        m.corridors
            .iter()
            .any(|&c| self.keeps_corridor(&model.corridors[c]))
    }
}

/// A conflict (METHOD.md §3). Conflicts never change a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// One type both supports (P > 0) and contradicts (N > 0) the corridor.
    WithinType {
        /// The type.
        #[serde(rename = "type")]
        kind: SourceType,
        /// Its P.
        support: f64,
        /// Its N.
        counter: f64,
    },
    /// A type only contradicts (N > 0, P = 0) while others support (v ≥ θ).
    CrossType {
        /// The contradicting type.
        #[serde(rename = "type")]
        kind: SourceType,
        /// Its N.
        counter: f64,
        /// The types with v ≥ θ.
        supported_by: Vec<SourceType>,
    },
}

/// The (c, t) pairs with no active observed or not_observed finding of a
/// scored phenomenon (METHOD.md §5). A pair with both an unavailable and a
/// withheld finding is in both lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Gaps {
    /// Types with an `unavailable` finding.
    pub unavailable: Vec<SourceType>,
    /// Types with a `withheld` finding.
    pub withheld: Vec<SourceType>,
    /// Types with no finding at all.
    pub none: Vec<SourceType>,
}

/// Why a finding counts for a target and phenomenon, or why it counts zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// It is its source's strongest counting finding of its kind: its
    /// a(e) is the source's A (observed) or B (not_observed).
    Counts,
    /// It counts, but a stronger finding of the same source sets A or B;
    /// it adds to dimension coverage only.
    SameSource {
        /// The finding (index into `Model::findings`) that sets A or B.
        by: usize,
    },
    /// Another finding of its repeat set, with a larger a(e), counts.
    Repeat {
        /// The finding that counts for the set.
        of: usize,
    },
    /// It is evidence of another scored phenomenon.
    OtherPhenomenon {
        /// That phenomenon.
        phenomenon: Phenomenon,
    },
    /// Lawful movement or context: never scored (METHOD.md §1).
    Unscored {
        /// That phenomenon.
        phenomenon: Phenomenon,
    },
    /// `unavailable` or `withheld`: a gap, not evidence.
    Gap,
}

impl Role {
    /// Whether the finding counts (its a(e) enters A, B or coverage).
    pub fn counts(self) -> bool {
        matches!(self, Role::Counts | Role::SameSource { .. })
    }
}

/// The weight-independent row of one target, before `1 − Π` is taken.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Π (1 − A(s)) per type.
    pub not_p: [f64; N_TYPES],
    /// Π (1 − B(s)) per type.
    pub not_n: [f64; N_TYPES],
    /// Π (1 − max a) per dimension.
    pub not_d: [f64; 5],
    /// Bit t set: type t has a counting observed finding.
    pub observed: u16,
}

impl Default for Row {
    fn default() -> Self {
        Row {
            not_p: [1.0; N_TYPES],
            not_n: [1.0; N_TYPES],
            not_d: [1.0; 5],
            observed: 0,
        }
    }
}

impl Row {
    /// `v(t) = P·(1 − N)` per type.
    pub fn vector(&self) -> [f64; N_TYPES] {
        std::array::from_fn(|t| (1.0 - self.not_p[t]) * self.not_n[t])
    }
}

/// The findings of one model prepared for the per-target reduction:
/// their weights, and the order in which repeat-set winners are chosen.
pub struct Prepared<'m> {
    model: &'m Model,
    /// a(e) per finding (0 for unavailable and withheld).
    pub weights: Vec<f64>,
    /// Each finding's position in finding-id order: ties go to the
    /// smallest id, compared without comparing strings.
    pub id_rank: Vec<u32>,
}

/// Each finding's position in finding-id order.
fn id_ranks(model: &Model) -> Vec<u32> {
    let mut order: Vec<u32> = (0..model.findings.len() as u32).collect();
    order.sort_by(|&a, &b| {
        model.findings[a as usize]
            .id
            .cmp(&model.findings[b as usize].id)
    });
    let mut rank = vec![0u32; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

impl<'m> Prepared<'m> {
    /// a(e) of every finding under `params`.
    pub fn new(model: &'m Model, params: &Params) -> Self {
        let weights = model
            .findings
            .iter()
            .map(|f| params.finding_weight(f))
            .collect();
        Prepared {
            model,
            weights,
            id_rank: id_ranks(model),
        }
    }

    /// With given weights (a grade draw of the audit).
    pub fn with_weights(model: &'m Model, weights: Vec<f64>) -> Self {
        Prepared {
            model,
            weights,
            id_rank: id_ranks(model),
        }
    }

    /// The order that picks a repeat set's counting finding: by set, then
    /// kind, then a(e) descending, then finding id ascending.
    pub(crate) fn winner_order(&self, a: usize, b: usize) -> Ordering {
        let (fa, fb) = (&self.model.findings[a], &self.model.findings[b]);
        fa.repeat_set
            .cmp(&fb.repeat_set)
            .then(fa.finding.cmp(&fb.finding))
            .then(q12(self.weights[b]).cmp(&q12(self.weights[a])))
            .then(self.id_rank[a].cmp(&self.id_rank[b]))
    }

    /// Reduces the active findings `active` of one target (indices into
    /// `Model::findings`, unique) for phenomenon `phi`, leaving out the
    /// findings of source `exclude`. With `roles`, also says for each
    /// finding of `active` why it counts or not: `roles` must hold
    /// `active.len()` entries of [`Role::Gap`] (same order as `active`).
    pub fn reduce(
        &self,
        active: &[usize],
        phi: Phenomenon,
        exclude: Option<usize>,
        scratch: &mut Vec<usize>,
        mut roles: Option<&mut Vec<Role>>,
    ) -> Row {
        let findings = &self.model.findings;
        scratch.clear();
        scratch.extend(active.iter().copied().filter(|&i| {
            let f = &findings[i];
            f.finding.is_evidence() && f.phenomenon == Some(phi) && Some(f.source) != exclude
        }));
        scratch.sort_unstable_by(|&a, &b| self.winner_order(a, b));
        // Keep the first of each (repeat set, kind); remember who won.
        let mut winners: Vec<(usize, usize)> = Vec::with_capacity(scratch.len());
        let mut losers: Vec<(usize, usize)> = Vec::new();
        let mut last: Option<(usize, FindingKind, usize)> = None;
        for &i in scratch.iter() {
            let f = &findings[i];
            match last {
                Some((set, kind, w)) if set == f.repeat_set && kind == f.finding => {
                    if roles.is_some() {
                        losers.push((i, w));
                    }
                }
                _ => {
                    last = Some((f.repeat_set, f.finding, i));
                    winners.push((f.source, i));
                }
            }
        }
        // Per source in source order: A, B and per-dimension maxima.
        winners.sort_unstable();
        let mut row = Row::default();
        let mut k = 0;
        while k < winners.len() {
            let s = winners[k].0;
            let start = k;
            let (mut a_max, mut b_max) = (None::<usize>, None::<usize>);
            let mut d_max: [Option<f64>; 5] = [None; 5];
            while k < winners.len() && winners[k].0 == s {
                let i = winners[k].1;
                let (f, a) = (&findings[i], self.weights[i]);
                // The strongest finding sets A or B; ties go to the
                // smallest id, so `explain` names one finding.
                let best = |cur: Option<usize>| match cur {
                    Some(j)
                        if q12(self.weights[j]) > q12(a)
                            || (q12(self.weights[j]) == q12(a)
                                && self.id_rank[j] < self.id_rank[i]) =>
                    {
                        Some(j)
                    }
                    _ => Some(i),
                };
                if f.finding == FindingKind::Observed {
                    a_max = best(a_max);
                    let d = &mut d_max[f.dimension.index()];
                    *d = Some(d.map_or(a, |x| x.max(a)));
                } else {
                    b_max = best(b_max);
                }
                k += 1;
            }
            let t = findings[winners[start].1].kind.index();
            if let Some(j) = a_max {
                row.not_p[t] *= 1.0 - self.weights[j];
                row.observed |= 1 << t;
            }
            if let Some(j) = b_max {
                row.not_n[t] *= 1.0 - self.weights[j];
            }
            for (d, m) in d_max.iter().enumerate() {
                if let Some(m) = m {
                    row.not_d[d] *= 1.0 - m;
                }
            }
            if let Some(out) = roles.as_deref_mut() {
                for &(_, i) in &winners[start..k] {
                    let by = if findings[i].finding == FindingKind::Observed {
                        a_max
                    } else {
                        b_max
                    };
                    let role = match by {
                        Some(j) if j != i => Role::SameSource { by: j },
                        _ => Role::Counts,
                    };
                    set_role(out, active, i, role);
                }
            }
        }
        if let Some(out) = roles {
            for &(i, w) in &losers {
                set_role(out, active, i, Role::Repeat { of: w });
            }
            for (pos, &i) in active.iter().enumerate() {
                if out[pos] != Role::Gap {
                    continue;
                }
                let f = &findings[i];
                out[pos] = match f.phenomenon {
                    _ if !f.finding.is_evidence() => Role::Gap,
                    Some(p) if !p.is_scored() => Role::Unscored { phenomenon: p },
                    Some(p) if p != phi => Role::OtherPhenomenon { phenomenon: p },
                    _ => Role::Gap,
                };
            }
        }
        row
    }
}

/// Puts `role` at the position of finding `i` in `active` (sorted).
fn set_role(out: &mut [Role], active: &[usize], i: usize, role: Role) {
    if let Ok(pos) = active.binary_search(&i) {
        out[pos] = role;
    }
}

/// Triangulation of one strength vector (METHOD.md §5): the number of
/// types with v ≥ θ, the number of groups holding one, and the label.
/// `observed` has bit t set when type t has a counting observed finding
/// (it tells `insufficient` from `no-evidence`); `mask` leaves a type out
/// (leave-one-out), its findings included; `None` keeps all.
pub fn triangulate_row(
    row: &[f64; N_TYPES],
    observed: u16,
    params: &Params,
    mask: Option<SourceType>,
) -> (usize, usize, Confidence) {
    let mut types = 0;
    let mut groups = vec![false; params.groups.names.len()];
    let mut seen = observed;
    for t in SourceType::ALL {
        if Some(*t) == mask {
            seen &= !(1 << t.index());
            continue;
        }
        if !at_least(row[t.index()], params.theta) {
            continue;
        }
        types += 1;
        groups[params.groups.of_type[t.index()]] = true;
    }
    let g = groups.iter().filter(|x| **x).count();
    (types, g, params.thresholds.label(g, seen != 0))
}

/// The weight-independent evidence of one phenomenon for a list of
/// targets (every corridor of a model, or every movement).
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The phenomenon.
    pub phenomenon: Phenomenon,
    /// P(c,t): targets × 11.
    pub support: DMatrix<f64>,
    /// N(c,t): targets × 11.
    pub counter: DMatrix<f64>,
    /// v(c,t) = P·(1−N): the strength vectors, targets × 11.
    pub vector: DMatrix<f64>,
    /// D(c,d): targets × 5 dimensions.
    pub coverage: DMatrix<f64>,
    /// Indices (into `model.findings`) of the findings about each target
    /// that passed the filter, all kinds and phenomena, in model order.
    pub findings: Vec<Vec<usize>>,
    /// Per target, bit t: type t has a counting observed finding.
    pub observed: Vec<u16>,
    /// For each (c, t): bit 0 evidence of a scored phenomenon, bit 1
    /// unavailable, bit 2 withheld.
    presence: Vec<[u8; N_TYPES]>,
}

const HAS_EVIDENCE: u8 = 1;
const HAS_UNAVAILABLE: u8 = 2;
const HAS_WITHHELD: u8 = 4;

/// The active findings of every corridor (all kinds), in model order.
pub fn corridor_findings(model: &Model, filter: &Filter) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); model.corridors.len()];
    for (i, f) in model.findings.iter().enumerate() {
        if filter.keeps(f) {
            for &c in &f.corridors {
                out[c].push(i);
            }
        }
    }
    out
}

/// The active findings of every movement: the union over its corridors,
/// in model order, each finding once.
pub fn movement_findings(model: &Model, per_corridor: &[Vec<usize>]) -> Vec<Vec<usize>> {
    model
        .movements
        .iter()
        .map(|m| {
            let mut all: Vec<usize> = m
                .corridors
                .iter()
                .flat_map(|&c| per_corridor[c].iter().copied())
                .collect();
            all.sort_unstable();
            all.dedup();
            all
        })
        .collect()
}

impl Evidence {
    /// Builds P, N, v and D for every corridor of `model` from the findings
    /// that pass `filter`, for phenomenon `phi`.
    pub fn build(model: &Model, params: &Params, filter: &Filter, phi: Phenomenon) -> Self {
        let prepared = Prepared::new(model, params);
        Self::from_targets(&prepared, corridor_findings(model, filter), phi, None)
    }

    /// Builds P, N, v and D for every movement of `model` (METHOD.md §5,
    /// "Movements").
    pub fn build_movements(
        model: &Model,
        params: &Params,
        filter: &Filter,
        phi: Phenomenon,
    ) -> Self {
        let prepared = Prepared::new(model, params);
        let per = corridor_findings(model, filter);
        Self::from_targets(&prepared, movement_findings(model, &per), phi, None)
    }

    /// Builds the evidence of targets whose active findings are `findings`
    /// (one list per target, unique indices in model order), leaving out
    /// the findings of source `exclude`.
    pub fn from_targets(
        prepared: &Prepared<'_>,
        findings: Vec<Vec<usize>>,
        phi: Phenomenon,
        exclude: Option<usize>,
    ) -> Self {
        let model = prepared.model;
        let rows: Vec<Row> = findings
            .par_iter()
            .map_init(Vec::new, |scratch, list| {
                prepared.reduce(list, phi, exclude, scratch, None)
            })
            .collect();
        let n = rows.len();
        let support = DMatrix::from_fn(n, N_TYPES, |c, t| 1.0 - rows[c].not_p[t]);
        let counter = DMatrix::from_fn(n, N_TYPES, |c, t| 1.0 - rows[c].not_n[t]);
        let vector = DMatrix::from_fn(n, N_TYPES, |c, t| {
            (1.0 - rows[c].not_p[t]) * rows[c].not_n[t]
        });
        let coverage = DMatrix::from_fn(n, 5, |c, d| 1.0 - rows[c].not_d[d]);
        let observed = rows.iter().map(|r| r.observed).collect();
        let presence = findings
            .iter()
            .map(|list| {
                let mut bits = [0u8; N_TYPES];
                for &i in list {
                    let f = &model.findings[i];
                    let t = f.kind.index();
                    bits[t] |= match f.finding {
                        FindingKind::Observed | FindingKind::NotObserved => {
                            if f.phenomenon.is_some_and(Phenomenon::is_scored) {
                                HAS_EVIDENCE
                            } else {
                                0
                            }
                        }
                        FindingKind::Unavailable => HAS_UNAVAILABLE,
                        FindingKind::Withheld => HAS_WITHHELD,
                    };
                }
                bits
            })
            .collect();
        Evidence {
            phenomenon: phi,
            support,
            counter,
            vector,
            coverage,
            findings,
            observed,
            presence,
        }
    }

    /// Number of targets.
    pub fn corridors(&self) -> usize {
        self.vector.nrows()
    }

    /// The types of target `c` with v ≥ θ.
    pub fn strong_types(&self, c: usize, theta: f64) -> Vec<SourceType> {
        SourceType::ALL
            .iter()
            .copied()
            .filter(|t| at_least(self.vector[(c, t.index())], theta))
            .collect()
    }

    /// Triangulation of target `c` (METHOD.md §5): the number of types
    /// with v ≥ θ, the number of groups holding one, and the label.
    /// `mask` leaves types out (leave-one-out); `None` keeps all.
    pub fn triangulate(
        &self,
        c: usize,
        params: &Params,
        mask: Option<SourceType>,
    ) -> (usize, usize, Confidence) {
        triangulate_row(&self.row(c), self.observed[c], params, mask)
    }

    /// The strength vector of target `c`.
    pub fn row(&self, c: usize) -> [f64; N_TYPES] {
        std::array::from_fn(|t| self.vector[(c, t)])
    }

    /// Whether target `c` is contested: some type has N ≥ θ (METHOD.md §3).
    pub fn contested(&self, c: usize, theta: f64) -> bool {
        (0..N_TYPES).any(|t| at_least(self.counter[(c, t)], theta))
    }

    /// The names of the groups holding a type of target `c` with v ≥ θ,
    /// in group order: the groups that triangulation counts.
    pub fn counted_groups(&self, c: usize, params: &Params) -> Vec<String> {
        let mut hit = vec![false; params.groups.names.len()];
        for t in self.strong_types(c, params.theta) {
            hit[params.groups.of_type[t.index()]] = true;
        }
        params
            .groups
            .names
            .iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The conflicts of target `c`, within types first, in type order.
    pub fn conflicts(&self, c: usize, theta: f64) -> Vec<Conflict> {
        let mut out = Vec::new();
        for t in SourceType::ALL {
            let (p, n) = (self.support[(c, t.index())], self.counter[(c, t.index())]);
            if p > 0.0 && n > 0.0 {
                out.push(Conflict::WithinType {
                    kind: *t,
                    support: p,
                    counter: n,
                });
            }
        }
        let strong = self.strong_types(c, theta);
        if !strong.is_empty() {
            for t in SourceType::ALL {
                let (p, n) = (self.support[(c, t.index())], self.counter[(c, t.index())]);
                if n > 0.0 && p == 0.0 {
                    out.push(Conflict::CrossType {
                        kind: *t,
                        counter: n,
                        supported_by: strong.clone(),
                    });
                }
            }
        }
        out
    }

    /// The gaps of target `c` (the same for every phenomenon).
    pub fn gaps(&self, c: usize) -> Gaps {
        let mut g = Gaps::default();
        for t in SourceType::ALL {
            let bits = self.presence[c][t.index()];
            if bits & HAS_EVIDENCE != 0 {
                continue;
            }
            if bits & HAS_UNAVAILABLE != 0 {
                g.unavailable.push(*t);
            }
            if bits & HAS_WITHHELD != 0 {
                g.withheld.push(*t);
            }
            if bits == 0 {
                g.none.push(*t);
            }
        }
        g
    }
}
