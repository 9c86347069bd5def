//! The results of scoring, as serialisable structs whose serde output is
//! the JSON interface of `corridor score --format json` (documented in the
//! README): [`score`] for one weighting, [`compare`] for two.

use crate::evidence::{
    Conflict, Evidence, Filter, Gaps, Prepared, corridor_findings, movement_findings,
};
use crate::params::Confidence;
use crate::rank::{ranks, scores, spearman};
use crate::weighting::{PerType, Weighting, WeightingSummary};
use corridor_schema::{Dimension, Model, N_TYPES, Phenomenon};
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

/// Everything `score` says about one corridor or movement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorridorScore {
    /// Index into `Model::corridors` (or `Model::movements`).
    #[serde(skip)]
    pub index: usize,
    /// Corridor or movement id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// A movement's corridor ids (absent for a corridor).
    #[serde(rename = "corridors", skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// Ordinal rank among the corridors (or movements) kept (1 = strongest).
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
    /// Some type has `N ≥ θ` (METHOD.md §3); changes no score.
    pub contested: bool,
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

/// The output of `corridor score`: the weighting, the phenomenon, and the
/// corridors and movements in rank order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The scored phenomenon.
    pub phenomenon: Phenomenon,
    /// The weighting used.
    pub weighting: WeightingSummary,
    /// The filter applied.
    pub filter: FilterSummary,
    /// The corridors kept, in rank order.
    pub corridors: Vec<CorridorScore>,
    /// The movements kept (those with a corridor kept), in rank order
    /// among movements.
    pub movements: Vec<CorridorScore>,
}

impl ScoreReport {
    /// The row of corridor index `c`, if kept.
    pub fn corridor(&self, c: usize) -> Option<&CorridorScore> {
        self.corridors.iter().find(|r| r.index == c)
    }
}

/// The evidence of one phenomenon over corridors and over movements.
#[derive(Debug, Clone)]
pub struct PhenomenonEvidence {
    /// Over corridors, one row per corridor of the model.
    pub corridors: Evidence,
    /// Over movements, one row per movement of the model.
    pub movements: Evidence,
}

impl PhenomenonEvidence {
    /// Builds both for `phi`.
    pub fn build(model: &Model, params: &crate::Params, filter: &Filter, phi: Phenomenon) -> Self {
        let prepared = Prepared::new(model, params);
        let per = corridor_findings(model, filter);
        let movements = movement_findings(model, &per);
        PhenomenonEvidence {
            corridors: Evidence::from_targets(&prepared, per, phi, None),
            movements: Evidence::from_targets(&prepared, movements, phi, None),
        }
    }
}

/// Scores every corridor and movement of `model` that `filter` keeps, for
/// the phenomenon `phi`.
pub fn score(
    model: &Model,
    weighting: &Weighting,
    filter: &Filter,
    phi: Phenomenon,
) -> ScoreReport {
    let ev = PhenomenonEvidence::build(model, &weighting.params, filter, phi);
    score_evidence(model, weighting, filter, &ev)
}

/// Like [`score`], on evidence already built with `weighting.params` and
/// the same `filter` (to score many weightings over one evidence matrix).
pub fn score_evidence(
    model: &Model,
    weighting: &Weighting,
    filter: &Filter,
    evidence: &PhenomenonEvidence,
) -> ScoreReport {
    report_of(
        model,
        weighting,
        filter,
        &evidence.corridors,
        &evidence.movements,
    )
}

/// The report of one phenomenon from its evidence over corridors and over
/// movements.
pub(crate) fn report_of(
    model: &Model,
    weighting: &Weighting,
    filter: &Filter,
    corridor_evidence: &Evidence,
    movement_evidence: &Evidence,
) -> ScoreReport {
    let kept: Vec<usize> = (0..model.corridors.len())
        .filter(|&c| filter.keeps_corridor(&model.corridors[c]))
        .collect();
    let corridors = ranked_rows(model, weighting, corridor_evidence, &kept, None);
    let kept_m: Vec<usize> = (0..model.movements.len())
        .filter(|&m| filter.keeps_movement(model, &model.movements[m]))
        .collect();
    let movements = ranked_rows(
        model,
        weighting,
        movement_evidence,
        &kept_m,
        Some(Movements),
    );
    ScoreReport {
        phenomenon: corridor_evidence.phenomenon,
        weighting: weighting.summary(),
        filter: filter.into(),
        corridors,
        movements,
    }
}

/// Marks the targets of [`ranked_rows`] as movements.
#[derive(Clone, Copy)]
struct Movements;

/// The rows of the targets `kept` in rank order; `movements` says the
/// targets are the model's movements.
fn ranked_rows(
    model: &Model,
    weighting: &Weighting,
    evidence: &Evidence,
    kept: &[usize],
    movements: Option<Movements>,
) -> Vec<CorridorScore> {
    let s = scores(&evidence.vector, &weighting.weights);
    let kept_scores: Vec<f64> = kept.iter().map(|&c| s[c]).collect();
    let mut rows: Vec<CorridorScore> = kept
        .iter()
        .zip(ranks(&kept_scores))
        .map(|(&c, rank)| {
            let (id, label, members) = match movements {
                Some(Movements) => {
                    let m = &model.movements[c];
                    let members = m
                        .corridors
                        .iter()
                        .map(|&k| model.corridors[k].id.clone())
                        .collect();
                    (m.id.clone(), m.label.clone(), Some(members))
                }
                None => {
                    let k = &model.corridors[c];
                    (k.id.clone(), k.label.clone(), None)
                }
            };
            target_row(weighting, evidence, c, rank, s[c], id, label, members)
        })
        .collect();
    rows.sort_by_key(|r| r.rank);
    rows
}

/// Every scored phenomenon's report, smuggling first (the `reports` of
/// [`crate::Scored`], for a caller that needs nothing else).
pub fn score_all(model: &Model, weighting: &Weighting, filter: &Filter) -> Vec<ScoreReport> {
    crate::Scored::new(model, weighting, filter).reports
}

fn per_type(m: &nalgebra::DMatrix<f64>, c: usize) -> PerType {
    PerType(std::array::from_fn(|t| m[(c, t)]))
}

#[allow(clippy::too_many_arguments)]
fn target_row(
    w: &Weighting,
    ev: &Evidence,
    c: usize,
    rank: usize,
    score: f64,
    id: String,
    label: String,
    members: Option<Vec<String>>,
) -> CorridorScore {
    let (types, groups, confidence) = ev.triangulate(c, &w.params, None);
    CorridorScore {
        index: c,
        id,
        label,
        members,
        rank,
        score,
        vector: per_type(&ev.vector, c),
        support: per_type(&ev.support, c),
        counter: per_type(&ev.counter, c),
        types,
        groups,
        counted_groups: ev.counted_groups(c, &w.params),
        confidence,
        contested: ev.contested(c, w.params.theta),
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
    /// The scored phenomenon.
    pub phenomenon: Phenomenon,
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
    /// Spearman's rank correlation between the two rankings of movements
    /// (0 with fewer than two movements).
    pub spearman_movements: f64,
    /// The movements kept, in A's rank order.
    pub movements: Vec<ComparisonRow>,
}

/// Scores the model under two weightings and lines the rankings up, for
/// corridors and, separately, for movements.
pub fn compare(
    model: &Model,
    a: &Weighting,
    b: &Weighting,
    filter: &Filter,
    phi: Phenomenon,
) -> Comparison {
    let ra = score(model, a, filter, phi);
    let rb = score(model, b, filter, phi);
    let (spearman, corridors) = line_up(&ra.corridors, &rb.corridors, model.corridors.len());
    let (spearman_movements, movements) =
        line_up(&ra.movements, &rb.movements, model.movements.len());
    Comparison {
        phenomenon: phi,
        a: ra.weighting,
        b: rb.weighting,
        filter: filter.into(),
        spearman,
        corridors,
        spearman_movements,
        movements,
    }
}

/// Rows of A and B lined up by target, in A's rank order, with Spearman.
fn line_up(ra: &[CorridorScore], rb: &[CorridorScore], n: usize) -> (f64, Vec<ComparisonRow>) {
    // Both reports hold the same corridors; index B's rows by corridor.
    let mut by_index = vec![None; n];
    for row in rb {
        by_index[row.index] = Some(row);
    }
    let mut ranks_a = Vec::new();
    let mut ranks_b = Vec::new();
    let mut rows = Vec::new();
    for x in ra {
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
    (spearman(&ranks_a, &ranks_b), rows)
}

/// `w·v` per type for a row of the report.
pub fn contributions(row: &CorridorScore, w: &Weighting) -> [f64; N_TYPES] {
    std::array::from_fn(|t| w.weights[t] * row.vector.0[t])
}
