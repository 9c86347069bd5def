//! `explain`: one corridor's score taken apart, type by type and finding
//! by finding, so that an analyst can recompute it by hand and see which
//! single finding moves it.
//!
//! For each evidence finding it also gives the score and confidence the
//! corridor would have without that finding: the "what moves the result"
//! column. Removing a finding recomputes only its type's P and N, over the
//! remaining findings in model order, exactly as `Evidence::build` does.

use crate::error::ScoreError;
use crate::evidence::{Filter, triangulate_row};
use crate::params::Confidence;
use crate::result::{CorridorScore, FilterSummary, score};
use crate::weighting::{Weighting, WeightingSummary};
use corridor_schema::diag::did_you_mean;
use corridor_schema::{
    Credibility, Dimension, FindingKind, Model, Reliability, SourceType, Strength,
};
use serde::Serialize;

/// One finding of the corridor, with the factors of its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingExplanation {
    /// Finding id.
    pub id: String,
    /// The id of its source (indicator file), never the source's name.
    pub source: String,
    /// observed, not_observed, unavailable, withheld.
    pub finding: FindingKind,
    /// Its dimension.
    pub dimension: Dimension,
    /// Its period.
    pub period: String,
    /// Strength, for evidence findings.
    pub strength: Option<Strength>,
    /// The source's reliability.
    pub reliability: Reliability,
    /// Credibility, for evidence findings.
    pub credibility: Option<Credibility>,
    /// σ, for evidence findings.
    pub sigma: Option<f64>,
    /// ρ.
    pub rho: f64,
    /// κ, for evidence findings.
    pub kappa: Option<f64>,
    /// `a(e) = σ·ρ·κ`, for evidence findings.
    pub a: Option<f64>,
    /// The corridor's score without this finding (evidence findings).
    pub score_without: Option<f64>,
    /// The corridor's confidence without this finding (evidence findings).
    pub confidence_without: Option<Confidence>,
}

/// One source type of the corridor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeExplanation {
    /// The type.
    #[serde(rename = "type")]
    pub kind: SourceType,
    /// Its source group.
    pub group: String,
    /// Its findings about the corridor (after the period filter), in model
    /// order.
    pub findings: Vec<FindingExplanation>,
    /// `P`.
    pub support: f64,
    /// `N`.
    pub counter: f64,
    /// `v = P·(1−N)`.
    pub vector: f64,
    /// `w`.
    pub weight: f64,
    /// `w·v`.
    pub contribution: f64,
    /// Whether `v ≥ θ` (the type counts for triangulation).
    pub counted: bool,
}

/// The output of `corridor explain`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The weighting used.
    pub weighting: WeightingSummary,
    /// The filter applied.
    pub filter: FilterSummary,
    /// Number of corridors ranked.
    pub ranked: usize,
    /// The corridor's row, as in `score`.
    pub corridor: CorridorScore,
    /// All eleven types, in method order.
    pub types: Vec<TypeExplanation>,
}

/// `1 − Π(1 − a)` over the values given.
fn noisy_or(a: impl Iterator<Item = f64>) -> f64 {
    1.0 - a.fold(1.0, |acc, x| acc * (1.0 - x))
}

/// Explains the score of corridor `id`. The rank is among all corridors
/// (after the period filter); `filter.country` is ignored.
pub fn explain(
    model: &Model,
    weighting: &Weighting,
    filter: &Filter,
    id: &str,
) -> Result<Explanation, ScoreError> {
    let Some(c) = model.corridor(id) else {
        return Err(ScoreError::UnknownCorridor {
            id: id.to_string(),
            suggestion: did_you_mean(id, model.corridors.iter().map(|c| c.id.as_str()))
                .map(String::from),
        });
    };
    let filter = Filter {
        country: None,
        ..filter.clone()
    };
    let report = score(model, weighting, &filter);
    let Some(row) = report.corridors.into_iter().find(|r| r.index == c) else {
        // Unreachable: without a country filter every corridor is kept.
        return Err(ScoreError::UnknownCorridor {
            id: id.to_string(),
            suggestion: None,
        });
    };
    let p = &weighting.params;
    let vector = row.vector.0;
    let mut types = Vec::new();
    for t in SourceType::ALL {
        let ti = t.index();
        let of_type: Vec<usize> = model
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == *t && f.corridors.contains(&c) && filter.keeps(f))
            .map(|(i, _)| i)
            .collect();
        let weight_of = |i: usize| p.finding_weight(&model.findings[i]);
        // P and N over the type's findings, optionally without one.
        let pn = |skip: Option<usize>, kind: FindingKind| {
            noisy_or(
                of_type
                    .iter()
                    .copied()
                    .filter(|&i| Some(i) != skip && model.findings[i].finding == kind)
                    .map(weight_of),
            )
        };
        let mut findings = Vec::new();
        for &i in &of_type {
            let f = &model.findings[i];
            let evidence = f.finding.is_evidence();
            let (score_without, confidence_without) = if evidence {
                let v_without = pn(Some(i), FindingKind::Observed)
                    * (1.0 - pn(Some(i), FindingKind::NotObserved));
                // S − w·v + w·v': exactly S when the finding changes nothing.
                let s = if v_without == vector[ti] {
                    row.score
                } else {
                    row.score - weighting.weights[ti] * (vector[ti] - v_without)
                };
                let mut v2 = vector;
                v2[ti] = v_without;
                (Some(s), Some(triangulate_row(&v2, p, None).2))
            } else {
                (None, None)
            };
            findings.push(FindingExplanation {
                id: f.id.clone(),
                source: model.source_of(f).id.clone(),
                finding: f.finding,
                dimension: f.dimension,
                period: f.period.to_string(),
                strength: f.strength,
                reliability: f.reliability,
                credibility: f.credibility,
                sigma: f.strength.filter(|_| evidence).map(|s| p.sigma(s)),
                rho: p.rho(f.reliability),
                kappa: f.credibility.filter(|_| evidence).map(|k| p.kappa(k)),
                a: evidence.then(|| weight_of(i)),
                score_without,
                confidence_without,
            });
        }
        types.push(TypeExplanation {
            kind: *t,
            group: p.groups.name_of(*t).to_string(),
            findings,
            support: row.support.0[ti],
            counter: row.counter.0[ti],
            vector: vector[ti],
            weight: weighting.weights[ti],
            contribution: weighting.weights[ti] * vector[ti],
            counted: vector[ti] >= p.theta,
        });
    }
    Ok(Explanation {
        weighting: report.weighting,
        filter: (&filter).into(),
        ranked: model.corridors.len(),
        corridor: row,
        types,
    })
}
