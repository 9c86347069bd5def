//! What the audit returns (METHOD.md §6), serialised as the JSON of
//! `corridor audit --format json`: per corridor its rank distribution and
//! score spread, leave one type out, and the ranks under each weighting.

use super::{Mode, Vary, sobol, sources};
use crate::evidence::Conflict;
use crate::params::Confidence;
use corridor_schema::{N_TYPES, Phenomenon, SourceType};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The audit of every corridor. Its serde form is the JSON output of
/// `corridor audit`; fields marked `skip` are for the rendered report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    /// The audited phenomenon.
    pub phenomenon: Phenomenon,
    /// `corridors` or `movements`: what the entries of `corridors` are.
    pub targets: &'static str,
    /// What the draws vary: `weights`, `grades` or `weights,grades`.
    pub vary: Vary,
    /// `q` when the grades vary; `null` otherwise.
    pub grade_step_probability: Option<f64>,
    /// Seed of the generator.
    pub seed: u64,
    /// Number of draws `M`.
    pub draws: usize,
    /// Concentrated or uniform.
    pub mode: Mode,
    /// `K` in concentrated mode; `null` in uniform mode, where it is unused.
    pub concentration: Option<f64>,
    /// The `k` of the top-k share.
    pub top_k: usize,
    /// The names of the weightings; the first is the base of the Monte
    /// Carlo and of leave-one-out.
    pub weightings: Vec<String>,
    /// The consistency ratio of each weighting, in the same order (`null`
    /// for direct weights).
    pub consistency_ratios: Vec<Option<f64>>,
    /// One entry per corridor, by base rank.
    pub corridors: Vec<CorridorAudit>,
    /// One entry per type with `w0 > 0`, in method order (none when only one
    /// type has weight: leaving it out leaves nothing to renormalise).
    pub leave_one_out: Vec<LeaveOneOut>,
    /// Leave one source out (METHOD.md §6.3).
    pub leave_one_source_out: sources::LeaveOneSourceOut,
    /// Number of Sobol base rows, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol_rows: Option<usize>,
    /// Sobol indices per target whose rank varies, when asked (METHOD.md §6.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol: Option<std::collections::BTreeMap<String, sobol::TargetSobol>>,
    /// With Sobol: the targets whose rank does not vary (`V = 0`), fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol_fixed: Option<Vec<String>>,
    /// The base weights `w0`.
    #[serde(skip)]
    pub base_weights: [f64; N_TYPES],
    /// The types the draws vary (`w0 > 0`), in method order.
    #[serde(skip)]
    pub sampled_types: Vec<SourceType>,
}

/// The audit of one corridor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorridorAudit {
    /// Corridor id.
    pub id: String,
    /// Rank under the base weights.
    pub base_rank: usize,
    /// Median rank over the draws (nearest rank).
    pub median_rank: usize,
    /// 5th percentile rank (nearest rank): the best ranks.
    pub p05_rank: usize,
    /// 95th percentile rank (nearest rank): the worst ranks.
    pub p95_rank: usize,
    /// Share of draws with rank ≤ k.
    pub top_k_share: f64,
    /// Mean score over the draws.
    pub score_mean: f64,
    /// Sample standard deviation of the score over the draws.
    pub score_sd: f64,
    /// Rank under each weighting, in the order given.
    #[serde(serialize_with = "as_map")]
    pub ranks_by_weighting: Vec<(String, usize)>,
    /// Score under the base weights.
    #[serde(skip)]
    pub base_score: f64,
    /// Confidence label under the base weighting's settings.
    #[serde(skip)]
    pub confidence: Confidence,
    /// Conflicts under the base weighting's settings (METHOD.md §3: they
    /// never change a score, and are listed in the audit).
    pub conflicts: Vec<Conflict>,
}

/// The effect of leaving one type out (METHOD.md §6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaveOneOut {
    /// The type left out.
    #[serde(rename = "type")]
    pub kind: SourceType,
    /// Spearman's correlation of the base ranks and the new ones.
    pub spearman: f64,
    /// The largest absolute rank change.
    pub max_rank_change: usize,
    /// The corridor with that change (the first in id order on a tie);
    /// `null` when no rank changes.
    pub max_rank_change_corridor: Option<String>,
    /// Corridors whose confidence label changes, in id order.
    pub confidence_changes: Vec<String>,
    /// The same, with the labels before and after.
    #[serde(skip)]
    pub label_changes: Vec<LabelChange>,
}

/// A corridor whose confidence label changes when a type is left out.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelChange {
    /// Corridor id.
    pub id: String,
    /// Label with every type.
    pub from: Confidence,
    /// Label without the type.
    pub to: Confidence,
}

fn as_map<S: Serializer>(pairs: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        m.serialize_entry(k, v)?;
    }
    m.end()
}
