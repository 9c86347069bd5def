//! The errors of corridor-score: what cannot be scored, naming the
//! weighting or corridor concerned.

use crate::weights::WeightError;
use corridor_schema::SourceType;

/// Why a weighting or a request cannot be scored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// The weighting file breaks a rule of its format (see
    /// `corridor_schema::weighting`); `corridor check` places it.
    #[error("weighting '{name}': {message} (at {path})")]
    InvalidWeighting {
        /// The weighting's name.
        name: String,
        /// YAML path of the problem.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The weights cannot be solved or are refused.
    #[error("weighting '{name}': {source}")]
    Weights {
        /// The weighting's name.
        name: String,
        /// Index of the judgement concerned (AHP), to place the message.
        judgement: Option<usize>,
        /// The problem.
        source: WeightError,
    },
    /// `explain` was asked about a corridor that is not declared.
    #[error("corridor '{id}' is not declared in corridors.yaml{}", suggestion.as_ref().map(|s| format!("; did you mean '{s}'?")).unwrap_or_default())]
    UnknownCorridor {
        /// The id asked for.
        id: String,
        /// The closest declared id, if close.
        suggestion: Option<String>,
    },
}

impl ScoreError {
    /// The YAML path inside the weighting file that the error concerns,
    /// for placing it at a line (`judgements[3]`, `weights.avr`).
    pub fn yaml_path(&self) -> Option<String> {
        match self {
            ScoreError::InvalidWeighting { path, .. } => Some(path.clone()),
            ScoreError::Weights {
                judgement: Some(i), ..
            } => Some(format!("judgements[{i}]")),
            _ => None,
        }
    }
}

/// The position in `judgements` of the judgement of the pair `(a, b)`,
/// in either order.
pub(crate) fn judgement_index(
    judgements: &[(SourceType, SourceType, f64)],
    a: SourceType,
    b: SourceType,
) -> Option<usize> {
    judgements
        .iter()
        .position(|&(x, y, _)| (x, y) == (a, b) || (x, y) == (b, a))
}
