//! The evidence matrix of METHOD.md §3 and the per-corridor facts of §5
//! that do not depend on the type weights: P, N, v, dimension coverage,
//! triangulation, conflicts and gaps.
//!
//! Products run over findings in model order (sorted by source id, then
//! position in the file), so every float is the same bit pattern whatever
//! the order of files on disk.

use crate::params::{Confidence, Params};
use corridor_schema::{Dimension, FindingKind, Model, N_TYPES, Period, SourceType};
use nalgebra::DMatrix;
use serde::Serialize;

/// Which findings and corridors take part.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only findings whose period overlaps this one.
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

/// The (c, t) pairs with no observed or not_observed finding (METHOD.md §5).
/// A pair with both an unavailable and a withheld finding is in both lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Gaps {
    /// Types with an `unavailable` finding.
    pub unavailable: Vec<SourceType>,
    /// Types with a `withheld` finding.
    pub withheld: Vec<SourceType>,
    /// Types with no finding at all.
    pub none: Vec<SourceType>,
}

/// Triangulation of one strength vector (METHOD.md §5): the number of
/// types with v ≥ θ, the number of groups holding one, and the label.
/// `mask` leaves a type out (leave-one-out); `None` keeps all.
pub fn triangulate_row(
    row: &[f64; N_TYPES],
    params: &Params,
    mask: Option<SourceType>,
) -> (usize, usize, Confidence) {
    let mut types = 0;
    let mut groups = vec![false; params.groups.names.len()];
    for t in SourceType::ALL {
        if Some(*t) == mask || row[t.index()] < params.theta {
            continue;
        }
        types += 1;
        groups[params.groups.of_type[t.index()]] = true;
    }
    let g = groups.iter().filter(|x| **x).count();
    (types, g, params.thresholds.label(g))
}

/// The weight-independent evidence for every corridor of a model.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// P(c,t): corridors × 11.
    pub support: DMatrix<f64>,
    /// N(c,t): corridors × 11.
    pub counter: DMatrix<f64>,
    /// v(c,t) = P·(1−N): the strength vectors, corridors × 11.
    pub vector: DMatrix<f64>,
    /// D(c,d): corridors × 5 dimensions.
    pub coverage: DMatrix<f64>,
    /// Indices (into `model.findings`) of the findings about each corridor
    /// that passed the filter, in model order.
    pub findings: Vec<Vec<usize>>,
    /// For each (c, t): bit 0 evidence, bit 1 unavailable, bit 2 withheld.
    presence: Vec<[u8; N_TYPES]>,
}

const HAS_EVIDENCE: u8 = 1;
const HAS_UNAVAILABLE: u8 = 2;
const HAS_WITHHELD: u8 = 4;

impl Evidence {
    /// Builds P, N, v and D for every corridor of `model` from the findings
    /// that pass `filter`.
    pub fn build(model: &Model, params: &Params, filter: &Filter) -> Self {
        let nc = model.corridors.len();
        let nd = Dimension::ALL.len();
        // Products of (1 − a) start at 1: the empty product.
        let mut not_p = DMatrix::from_element(nc, N_TYPES, 1.0);
        let mut not_n = DMatrix::from_element(nc, N_TYPES, 1.0);
        let mut not_d = DMatrix::from_element(nc, nd, 1.0);
        let mut findings = vec![Vec::new(); nc];
        let mut presence = vec![[0u8; N_TYPES]; nc];
        for (i, f) in model.findings.iter().enumerate() {
            if !filter.keeps(f) {
                continue;
            }
            let a = params.finding_weight(f);
            let t = f.kind.index();
            for &c in &f.corridors {
                findings[c].push(i);
                match f.finding {
                    FindingKind::Observed => {
                        not_p[(c, t)] *= 1.0 - a;
                        not_d[(c, f.dimension.index())] *= 1.0 - a;
                        presence[c][t] |= HAS_EVIDENCE;
                    }
                    FindingKind::NotObserved => {
                        not_n[(c, t)] *= 1.0 - a;
                        presence[c][t] |= HAS_EVIDENCE;
                    }
                    FindingKind::Unavailable => presence[c][t] |= HAS_UNAVAILABLE,
                    FindingKind::Withheld => presence[c][t] |= HAS_WITHHELD,
                }
            }
        }
        let support = not_p.map(|x| 1.0 - x);
        let counter = not_n.map(|x| 1.0 - x);
        let vector = support.zip_map(&counter, |p, n| p * (1.0 - n));
        let coverage = not_d.map(|x| 1.0 - x);
        Evidence {
            support,
            counter,
            vector,
            coverage,
            findings,
            presence,
        }
    }

    /// Number of corridors.
    pub fn corridors(&self) -> usize {
        self.vector.nrows()
    }

    /// The types of corridor `c` with v ≥ θ.
    pub fn strong_types(&self, c: usize, theta: f64) -> Vec<SourceType> {
        SourceType::ALL
            .iter()
            .copied()
            .filter(|t| self.vector[(c, t.index())] >= theta)
            .collect()
    }

    /// Triangulation of corridor `c` (METHOD.md §5): the number of types
    /// with v ≥ θ, the number of groups holding one, and the label.
    /// `mask` leaves types out (leave-one-out); `None` keeps all.
    pub fn triangulate(
        &self,
        c: usize,
        params: &Params,
        mask: Option<SourceType>,
    ) -> (usize, usize, Confidence) {
        triangulate_row(&self.row(c), params, mask)
    }

    /// The strength vector of corridor `c`.
    pub fn row(&self, c: usize) -> [f64; N_TYPES] {
        std::array::from_fn(|t| self.vector[(c, t)])
    }

    /// The names of the groups holding a type of corridor `c` with v ≥ θ,
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

    /// The conflicts of corridor `c`, within types first, in type order.
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

    /// The gaps of corridor `c`.
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
