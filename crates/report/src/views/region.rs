//! The views of the regional chapter of the overview (`region.yaml`): the
//! overall situation, the conclusions and the recommendations grouped by
//! who made them, every text already redacted and footnoted.

use super::Para;
use serde::Serialize;

/// The regional chapter: what the overview shows around the ranking.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegionView {
    /// Whether `region.yaml` exists.
    pub has_file: bool,
    /// The overall situation, paragraph by paragraph (before the ranking).
    pub situation: Vec<Para>,
    /// The conclusions (after the ranking).
    pub conclusions: Vec<Para>,
    /// The recommendations, one group per author, in the order the file
    /// first names each author.
    pub recommendations: Vec<RecommendationGroup>,
}

/// The recommendations made by one author.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationGroup {
    /// Who made them, as the file names them (`IOM`).
    pub by: String,
    /// The countries and corridors every recommendation of the group
    /// concerns, in words, when they all concern the same ones; else empty.
    pub concerns: String,
    /// The recommendations, in file order.
    pub items: Vec<RecommendationItem>,
}

/// One recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationItem {
    /// The text.
    pub text: String,
    /// Its footnote number.
    pub note: usize,
    /// The countries and corridors it concerns, in words, when its group
    /// has no common `concerns`; else empty.
    pub concerns: String,
}
