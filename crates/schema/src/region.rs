//! `region.yaml`: the regional chapter of the overview — the overall
//! situation, the conclusions and the recommendations with who made them —
//! as written, beside `corridors.yaml` at the top of the indicator folder.
//!
//! Kept apart from `files.rs` because it is one file kind with its own
//! rules (`validate/region.rs`); like every input type it refuses unknown
//! fields and is the source of its JSON Schema (`corridor schema region`).

use crate::files::Cited;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file name, at the top of the indicator folder.
pub const FILE: &str = "region.yaml";

/// `region.yaml`: what the regional overview says besides the ranking.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionFile {
    /// The overall situation in the region, as short paragraphs in the
    /// project's own words, each with its citation.
    #[serde(default)]
    pub situation: Vec<Cited>,
    /// The study's conclusions, as short paragraphs.
    #[serde(default)]
    pub conclusions: Vec<Cited>,
    /// Recommendations, each with who made it.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

/// One recommendation: what, who made it, where it comes from, and
/// optionally which countries or corridors it concerns.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The recommendation, in the project's own words.
    pub text: String,
    /// Who made it, as the study names them (`IOM`, `the regional
    /// roundtable of 30 March 2006`, a ministry…). Recommendations with the
    /// same `by` are shown together, in the order the file first names them.
    pub by: String,
    /// Where it comes from: the study's section and, where it gives one,
    /// footnote.
    pub citation: String,
    /// The countries it concerns (ISO 3166-1 alpha-3); empty for the whole
    /// region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// The corridors it concerns (ids from `corridors.yaml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corridors: Vec<String>,
}
