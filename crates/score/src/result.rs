//! The results of scoring, as serialisable structs whose serde output is
//! the JSON interface of `corridor score --format json` (documented in the
//! README): [`score`] for one weighting, [`compare`] for two.

use crate::evidence::{Conflict, Evidence, Filter, Gaps};
use crate::params::Confidence;
use crate::rank::{ranks, scores, spearman};
use crate::weighting::{PerType, Weighting, WeightingSummary};
use corridor_schema::{Dimension, Model, N_TYPES};
use serde::Serialize;
use serde::ser::SerializeMap;

/// Five numbers, one per dimension, serialised as a map from dimension key
/// to number in method order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerDimension(pub [f64; 5]);

impl PerDimension {
    /// The value of a dimension.
    pub fn get(&self, d: Dimension) -> f64 {
        self.0[d.index()]
    }
}

impl Serialize for PerDimension {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(Dimension::ALL.len()))?;
        for d in Dimension::ALL {
            m.serialize_entry(d.key(), &self.0[d.index()])?;
        }
        m.end()
    }
}

/// The filter as it appears in JSON outputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterSummary {
    /// The `--period`, as a month span, or null.
    pub period: Option<String>,
    /// The `--country`, or null.
    pub country: Option<String>,
}

impl From<&Filter> for FilterSummary {
    fn from(f: &Filter) -> Self {
        FilterSummary {
            period: f.period.as_ref().map(|p| p.to_string()),
            country: f.country.clone(),
        }
    }
}

/// Everything `score` says about one corridor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorridorScore {
    /// Index into `Model::corridors`.
    #[serde(skip)]
    pub index: usize,
    /// Corridor id.
    pub id: String,
    /// Corridor label.
    pub label: String,
    /// Ordinal rank among the corridors kept (1 = strongest).
    pub rank: usize,
    /// `S = Σ w·v`.
    pub score: f64,
    /// The strength vector `v`, all eleven types.
    pub vector: PerType,
    /// `P` per type.
    pub support: PerType,
    /// `N` per type.
    pub counter: PerType,
    /// Number of types with `v ≥ θ`.
    pub types: usize,
    /// Number of source groups holding such a type.
    pub groups: usize,
    /// The names of those groups, in group order.
    pub counted_groups: Vec<String>,
    /// Confidence label.
    pub confidence: Confidence,
    /// Dimension coverage `D`, all five dimensions.
    pub dimensions: PerDimension,
    /// Number of findings about the corridor that pass the period filter
    /// (all four kinds).
    pub findings: usize,
    /// Conflicts (METHOD.md §3).
    pub conflicts: Vec<Conflict>,
    /// Gaps (METHOD.md §5).
    pub gaps: Gaps,
}

/// The output of `corridor score`: the weighting and the corridors in
/// rank order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The weighting used.
    pub weighting: WeightingSummary,
    /// The filter applied.
    pub filter: FilterSummary,
    /// The corridors kept, in rank order.
    pub corridors: Vec<CorridorScore>,
}

/// Scores every corridor of `model` that `filter` keeps.
pub fn score(model: &Model, weighting: &Weighting, filter: &Filter) -> ScoreReport {
    let evidence = Evidence::build(model, &weighting.params, filter);
    score_evidence(model, weighting, filter, &evidence)
}

/// Like [`score`], on evidence already built with `weighting.params` and
/// the same `filter` (to score many weightings over one evidence matrix).
pub fn score_evidence(
    model: &Model,
    weighting: &Weighting,
    filter: &Filter,
    evidence: &Evidence,
) -> ScoreReport {
    let s = scores(&evidence.vector, &weighting.weights);
    let kept: Vec<usize> = (0..model.corridors.len())
        .filter(|&c| filter.keeps_corridor(&model.corridors[c]))
        .collect();
    let kept_scores: Vec<f64> = kept.iter().map(|&c| s[c]).collect();
    let mut rows: Vec<CorridorScore> = kept
        .iter()
        .zip(ranks(&kept_scores))
        .map(|(&c, rank)| corridor_row(model, weighting, evidence, c, rank, s[c]))
        .collect();
    rows.sort_by_key(|r| r.rank);
    ScoreReport {
        weighting: weighting.summary(),
        filter: filter.into(),
        corridors: rows,
    }
}

fn per_type(m: &nalgebra::DMatrix<f64>, c: usize) -> PerType {
    PerType(std::array::from_fn(|t| m[(c, t)]))
}

fn corridor_row(
    model: &Model,
    w: &Weighting,
    ev: &Evidence,
    c: usize,
    rank: usize,
    score: f64,
) -> CorridorScore {
    let corridor = &model.corridors[c];
    let (types, groups, confidence) = ev.triangulate(c, &w.params, None);
    CorridorScore {
        index: c,
        id: corridor.id.clone(),
        label: corridor.label.clone(),
        rank,
        score,
        vector: per_type(&ev.vector, c),
        support: per_type(&ev.support, c),
        counter: per_type(&ev.counter, c),
        types,
        groups,
        counted_groups: ev.counted_groups(c, &w.params),
        confidence,
        dimensions: PerDimension(std::array::from_fn(|d| ev.coverage[(c, d)])),
        findings: ev.findings[c].len(),
        conflicts: ev.conflicts(c, w.params.theta),
        gaps: ev.gaps(c),
    }
}

/// One corridor under two weightings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// Corridor id.
    pub id: String,
    /// Corridor label.
    pub label: String,
    /// Rank under weighting A.
    pub rank_a: usize,
    /// Score under A.
    pub score_a: f64,
    /// Confidence under A.
    pub confidence_a: Confidence,
    /// Rank under weighting B.
    pub rank_b: usize,
    /// Score under B.
    pub score_b: f64,
    /// Confidence under B.
    pub confidence_b: Confidence,
    /// `rank_a − rank_b`: positive when the corridor ranks higher under B.
    pub change: i64,
}

/// The output of `corridor compare`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Weighting A.
    pub a: WeightingSummary,
    /// Weighting B.
    pub b: WeightingSummary,
    /// The filter applied to both.
    pub filter: FilterSummary,
    /// Spearman's rank correlation between the two rankings.
    pub spearman: f64,
    /// The corridors kept, in A's rank order.
    pub corridors: Vec<ComparisonRow>,
}

/// Scores the model under two weightings and lines the rankings up.
pub fn compare(model: &Model, a: &Weighting, b: &Weighting, filter: &Filter) -> Comparison {
    let ra = score(model, a, filter);
    let rb = score(model, b, filter);
    // Both reports hold the same corridors; index B's rows by corridor.
    let mut by_index = vec![None; model.corridors.len()];
    for row in &rb.corridors {
        by_index[row.index] = Some(row);
    }
    let mut ranks_a = Vec::new();
    let mut ranks_b = Vec::new();
    let mut rows = Vec::new();
    for x in &ra.corridors {
        let Some(y) = by_index[x.index] else {
            continue;
        };
        ranks_a.push(x.rank);
        ranks_b.push(y.rank);
        rows.push(ComparisonRow {
            id: x.id.clone(),
            label: x.label.clone(),
            rank_a: x.rank,
            score_a: x.score,
            confidence_a: x.confidence,
            rank_b: y.rank,
            score_b: y.score,
            confidence_b: y.confidence,
            change: x.rank as i64 - y.rank as i64,
        });
    }
    Comparison {
        a: ra.weighting,
        b: rb.weighting,
        filter: filter.into(),
        spearman: spearman(&ranks_a, &ranks_b),
        corridors: rows,
    }
}

/// `w·v` per type for a row of the report.
pub fn contributions(row: &CorridorScore, w: &Weighting) -> [f64; N_TYPES] {
    std::array::from_fn(|t| w.weights[t] * row.vector.0[t])
}
