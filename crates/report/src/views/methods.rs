//! The view of the methods annex: the method in plain words, the grades,
//! the labels, the weighting and the audit settings.

use super::*;

/// The methods annex: `methods.md.tera` and `methods.html.tera`. The only
/// page that names the method's symbols and the tool's files.
#[derive(Debug, Clone, Serialize)]
pub struct MethodsView {
    /// Page furniture.
    pub page: Page,
    /// The source types with their groups and weights.
    pub types: Vec<TypeHead>,
    /// The source groups.
    pub groups: Vec<GroupRow>,
    /// The strength map σ.
    pub strength: Vec<ScaleRow>,
    /// The Admiralty reliability letters and ρ.
    pub reliability: Vec<ScaleRow>,
    /// The Admiralty credibility digits and κ.
    pub credibility: Vec<ScaleRow>,
    /// The confidence labels, their rule and meaning.
    pub labels: Vec<LabelRow>,
    /// How the weights were chosen, in detail (method, consistency).
    pub weighting_detail: String,
    /// The audit's settings, in words; empty when no audit was run.
    pub audit: String,
}

/// A source group in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Its key.
    pub name: String,
    /// In plain words.
    pub words: String,
    /// Its types' labels, comma-separated.
    pub types: String,
}

/// One step of a scale: a code, its meaning and its value.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleRow {
    /// `A`, `1`, `strong`.
    pub code: String,
    /// What it means.
    pub meaning: &'static str,
    /// The value it maps to, formatted.
    pub value: String,
}

/// A confidence label in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct LabelRow {
    /// The label.
    pub key: &'static str,
    /// Its rule, with the thresholds in force.
    pub rule: String,
    /// What it means, in plain words.
    pub meaning: &'static str,
}
