//! corridor-score: weights (direct and AHP), strength vectors,
//! triangulation and sensitivity, exactly as METHOD.md defines them.
//!
//! No file IO and no printing: it takes a checked [`corridor_schema::Model`]
//! and returns numbers, which the CLI prints and the report crate renders.

pub mod audit;
pub mod evidence;
pub mod params;
pub mod rank;
pub mod weights;

pub use evidence::{Conflict, Evidence, Filter, Gaps};
pub use params::{Confidence, Groups, Params, Thresholds};
pub use rank::{ranks, scores, spearman};
pub use weights::{Ahp, WeightError};
