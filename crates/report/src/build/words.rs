//! Sentences built from the numbers: conflicts, transport modes and what
//! each kind of source observed.

use super::*;

/// A conflict in words, with its P, N and v, as chapters and the audit
/// document list it.
pub fn conflict_words(c: &Conflict) -> String {
    match c {
        Conflict::WithinType {
            kind,
            support,
            counter,
        } => format!(
            "{}: support (P = {}) and counter-evidence (N = {}) from the same type; v = P·(1−N) = {}",
            kind.label(),
            score(*support),
            score(*counter),
            score(support * (1.0 - counter))
        ),
        Conflict::CrossType {
            kind,
            counter,
            supported_by,
        } => format!(
            // Worded so that no verb agrees with a type label: labels are
            // singular ("Travel industry") or plural ("NGO interviews").
            "counter-evidence from {} (N = {}) against strong support from {} (v ≥ θ)",
            kind.label(),
            score(*counter),
            crate::summary::join_and(
                &supported_by
                    .iter()
                    .map(|t| t.label().to_string())
                    .collect::<Vec<_>>()
            )
        ),
    }
}

/// A conflict in plain words, as the chapters list it (the symbols stay in
/// the audit document and the methods annex).
pub fn conflict_plain(c: &Conflict) -> String {
    match c {
        Conflict::WithinType { kind, .. } => format!(
            "{}: sources of this kind both report smuggling and report looking for it without seeing it, so their support is discounted",
            kind.label()
        ),
        Conflict::CrossType {
            kind, supported_by, ..
        } => format!(
            "{} looked for smuggling and did not see it, while {} give strong evidence of it",
            kind.label(),
            crate::summary::join_and(
                &supported_by
                    .iter()
                    .map(|t| t.label().to_string())
                    .collect::<Vec<_>>()
            )
        ),
    }
}

pub(crate) fn mode_word(m: corridor_schema::files::Mode) -> &'static str {
    use corridor_schema::files::Mode::*;
    match m {
        Air => "air",
        Rail => "rail",
        Road => "road",
        Taxi => "taxi",
        Truck => "truck",
        Bus => "bus",
        Foot => "foot",
        Boat => "boat",
    }
}

/// Which kinds of source produced observations, from the same counts as
/// the table under it: "9 of the eleven kinds of source produced
/// observations for Kazakhstan: …".
pub(crate) fn observations_sentence(
    name: &str,
    observed: &[String],
    counter_only: &[String],
    gaps: &[String],
) -> String {
    let mut s = format!(
        "{} of the eleven kinds of source produced observations for {name}",
        observed.len()
    );
    if !observed.is_empty() {
        s += ": ";
        s += &crate::summary::join_and(observed);
    }
    s += ".";
    if !counter_only.is_empty() {
        s += &format!(
            " {} looked and saw nothing ({}).",
            crate::summary::join_and(counter_only),
            if counter_only.len() == 1 {
                "a kind used only as counter-evidence"
            } else {
                "kinds used only as counter-evidence"
            }
        );
    }
    if gaps.is_empty() {
        s += " Every kind of source gave evidence.";
    } else {
        s += &format!(" No evidence from: {}.", gaps.join(", "));
    }
    s
}
