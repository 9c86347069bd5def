//! The methods annex page (`methods.md`, `methods.html`): the method in
//! plain words with its symbols, the Admiralty scale, the confidence labels
//! with the thresholds in force, the weighting and the audit settings. It is
//! the one page allowed to name the method's symbols and the tool's files;
//! every other page links to it.

use crate::build::Ctx;
use crate::fmt::score;
use crate::summary::{group_words, label_meaning};
use crate::views::{GroupRow, LabelRow, MethodsView, ScaleRow};
use corridor_schema::SourceType;
use corridor_score::Confidence;

/// The meaning of the Admiralty reliability letters A–F.
const RELIABILITY: [(&str, &str); 6] = [
    ("A", "completely reliable"),
    ("B", "usually reliable"),
    ("C", "fairly reliable"),
    ("D", "not usually reliable"),
    ("E", "unreliable"),
    ("F", "reliability cannot be judged"),
];

/// The meaning of the Admiralty credibility digits 1–6.
const CREDIBILITY: [(&str, &str); 6] = [
    ("1", "confirmed by other sources"),
    ("2", "probably true"),
    ("3", "possibly true"),
    ("4", "doubtful"),
    ("5", "improbable"),
    ("6", "truth cannot be judged"),
];

/// Builds the methods annex.
pub fn methods(ctx: &Ctx<'_>) -> MethodsView {
    let p = &ctx.params;
    let groups = p
        .groups
        .lists()
        .into_iter()
        .map(|(name, types)| GroupRow {
            words: group_words(&name),
            types: types
                .iter()
                .map(|t: &SourceType| t.label())
                .collect::<Vec<_>>()
                .join(", "),
            name,
        })
        .collect();
    let strength = [
        ("weak", "an indirect sign"),
        ("moderate", "a fairly direct sign"),
        ("strong", "a direct sign"),
    ]
    .iter()
    .zip(p.strength)
    .map(|((code, meaning), v)| ScaleRow {
        code: code.to_string(),
        meaning,
        value: score(v),
    })
    .collect();
    let scale = |rows: &[(&str, &'static str); 6], values: [f64; 6]| {
        rows.iter()
            .zip(values)
            .map(|((code, meaning), v)| ScaleRow {
                code: code.to_string(),
                meaning,
                value: score(v),
            })
            .collect()
    };
    let t = &p.thresholds;
    let labels = [
        (
            Confidence::Corroborated,
            format!("groups ≥ {}", t.corroborated),
        ),
        (
            Confidence::Supported,
            format!("{} ≤ groups < {}", t.supported, t.corroborated),
        ),
        (
            Confidence::SingleSource,
            format!("{} ≤ groups < {}", t.single_source, t.supported),
        ),
        (
            Confidence::Insufficient,
            "no type reaches θ, but a counting observed finding exists".into(),
        ),
        (
            Confidence::NoEvidence,
            "no counting observed finding".into(),
        ),
    ]
    .into_iter()
    .map(|(c, rule)| LabelRow {
        key: c.key(),
        rule,
        meaning: label_meaning(c),
    })
    .collect();
    MethodsView {
        page: ctx.page("How the scores are made: methods annex".into(), "methods"),
        types: ctx.type_heads(),
        groups,
        strength,
        reliability: scale(&RELIABILITY, p.reliability),
        credibility: scale(&CREDIBILITY, p.credibility),
        labels,
        weighting_detail: ctx.opts.weighting_detail.clone(),
        audit: ctx.opts.audit_settings.clone(),
    }
}
