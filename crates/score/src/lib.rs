//! corridor-score: weights (direct and AHP), strength vectors,
//! triangulation and sensitivity, exactly as METHOD.md defines them.
//!
//! No file IO and no printing: it takes a checked [`corridor_schema::Model`]
//! and a [`Weighting`] and returns numbers, which the CLI prints and the
//! report crate renders. The high-level entry points are [`score`],
//! [`explain()`] and [`compare`]; their results serialise to the JSON
//! interface of the command line.

// A library never prints nor touches files: the CLI does (ARCHITECTURE.md, "Invariants").
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

pub mod audit;
pub mod error;
pub mod evidence;
pub mod explain;
pub mod params;
pub mod portable;
pub mod rank;
pub mod result;
pub mod roles;
pub mod scored;
pub mod weighting;
pub mod weights;

pub use error::ScoreError;
pub use evidence::{
    Conflict, Evidence, Filter, Gaps, Prepared, Role, Row, corridor_findings, movement_findings,
    triangulate_row,
};
pub use explain::{
    Explanation, FindingExplanation, RoleExplained, SourceExplanation, TypeExplanation, explain,
};
pub use params::{Confidence, Groups, Params, Thresholds};
pub use rank::{ranks, scores, spearman};
pub use result::{
    Comparison, ComparisonRow, CorridorScore, FilterSummary, PerDimension, PhenomenonEvidence,
    ScoreReport, compare, score, score_all, score_evidence,
};
pub use roles::FindingRole;
pub use scored::{Judged, Scored};
pub use weighting::{NamedGroups, PerType, Weighting, WeightingSummary};
pub use weights::{Ahp, WeightError};
