//! The audit document's prose: every sentence is built from the audit's
//! figures (never typed in), with numbers through [`crate::fmt`].

use super::verdict;
use crate::fmt;
use corridor_schema::{N_TYPES, SourceType};
use corridor_score::audit::{AuditReport, Mode};
use std::collections::BTreeSet;

pub(super) fn method_text(r: &AuditReport, base: &str) -> String {
    let n = r.sampled_types.len();
    let left_out = N_TYPES - n;
    let types = if left_out == 0 {
        "all eleven source types".to_string()
    } else {
        format!(
            "the {n} source types with a positive base weight (the other {left_out} keep weight 0)"
        )
    };
    let how = match r.mode {
        Mode::Concentrated => format!(
            "drawn at random around the base weighting \"{base}\" (a Dirichlet distribution with concentration K = {}: a type of base weight w keeps it on average, with a standard deviation of √(w(1 − w)/(K + 1)))",
            r.concentration.unwrap_or_default()
        ),
        Mode::Uniform => format!(
            "drawn uniformly at random from all possible weightings (a flat Dirichlet distribution), whatever their weights under the base weighting \"{base}\""
        ),
    };
    format!(
        "To test how far the ranking of the {} corridors depends on the weights given to the source types, the scores were recomputed under {} alternative weightings of {types}, {how}. For each corridor we report its rank under the base weights, its median rank over the draws, the range within which its rank fell in 90% of the draws (5th to 95th percentile), and the share of draws in which it ranked among the top {}. The generator was seeded with {}, so every figure can be reproduced exactly.",
        r.corridors.len(),
        fmt::count(r.draws),
        r.top_k,
        r.seed
    )
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

pub(super) fn findings_text(r: &AuditReport) -> Vec<String> {
    let k = r.top_k;
    let mut out = Vec::new();
    let robust: Vec<String> = r
        .corridors
        .iter()
        .filter(|c| verdict(c, k) == "robust")
        .map(|c| {
            format!(
                "{} (rank {} under the base weights, in the top {k} in {} of draws)",
                c.id,
                c.base_rank,
                fmt::draw_share(c.top_k_share)
            )
        })
        .collect();
    if robust.is_empty() {
        out.push(format!(
            "No corridor stays among the top {k} in at least 95% of the draws: which corridors lead depends on the weights."
        ));
    } else {
        out.push(format!(
            "Robust to the weights: {} {} among the top {k} in at least 95% of the draws: {}.",
            robust.len(),
            if robust.len() == 1 {
                "corridor stays"
            } else {
                "corridors stay"
            },
            list(&robust)
        ));
    }
    for c in r.corridors.iter().filter(|c| verdict(c, k) == "fragile") {
        out.push(format!(
            "Fragile: {} ranks {} under the base weights but falls out of the top {k} in {} of the draws (95th percentile rank {}); its place depends on the weights.",
            c.id,
            c.base_rank,
            fmt::draw_share(1.0 - c.top_k_share),
            c.p95_rank
        ));
    }
    let contenders: Vec<String> = r
        .corridors
        .iter()
        .filter(|c| verdict(c, k) == "contender")
        .map(|c| {
            format!(
                "{} (rank {}, in the top {k} in {} of draws)",
                c.id,
                c.base_rank,
                fmt::draw_share(c.top_k_share)
            )
        })
        .collect();
    if !contenders.is_empty() {
        out.push(format!(
            "Outside the top {k} under the base weights but inside it in at least 5% of the draws: {}.",
            list(&contenders)
        ));
    }
    out
}

pub(super) fn loo_text(r: &AuditReport) -> Vec<String> {
    let mut out = Vec::new();
    if r.leave_one_out.is_empty() {
        out.push(
            "Leaving one type out needs at least two types with a positive base weight; the base weighting has fewer."
                .to_string(),
        );
        return out;
    }
    // The type whose removal changes the ranking most: lowest Spearman,
    // first in method order on a tie.
    let worst = r
        .leave_one_out
        .iter()
        .reduce(|a, b| if b.spearman < a.spearman { b } else { a });
    if let Some(w) = worst {
        let moved = match &w.max_rank_change_corridor {
            Some(id) => format!(
                "; the largest move is {id}, by {} {}",
                w.max_rank_change,
                if w.max_rank_change == 1 {
                    "place"
                } else {
                    "places"
                }
            ),
            None => "; no corridor changes rank".to_string(),
        };
        out.push(format!(
            "Leaving out one source type at a time and renormalising the other weights, the ranking changes most without {} (Spearman's rank correlation with the base ranking {}{moved}).",
            in_prose(w.kind),
            fmt::score(w.spearman)
        ));
    }
    let changed: BTreeSet<&str> = r
        .leave_one_out
        .iter()
        .flat_map(|l| l.label_changes.iter().map(|c| c.id.as_str()))
        .collect();
    let total: usize = r.leave_one_out.iter().map(|l| l.label_changes.len()).sum();
    let most = r.leave_one_out.iter().reduce(|a, b| {
        if b.label_changes.len() > a.label_changes.len() {
            b
        } else {
            a
        }
    });
    match most {
        Some(m) if total > 0 => out.push(format!(
            "The confidence label of {} {} rests on a single source type: leaving one type out changes {total} {} in all, most when {} {} left out ({} {}). The table lists every change.",
            changed.len(),
            if changed.len() == 1 { "corridor" } else { "corridors" },
            if total == 1 { "label" } else { "labels" },
            in_prose(m.kind),
            if m.kind.label().ends_with('s') { "are" } else { "is" },
            m.label_changes.len(),
            if m.label_changes.len() == 1 { "corridor" } else { "corridors" },
        )),
        _ => out.push(
            "No confidence label rests on a single source type: leaving any one out changes none."
                .to_string(),
        ),
    }
    out
}

/// A type's label inside a sentence: lower-case first letter unless the
/// first word is an acronym ("AVR cases", "IOM staff").
fn in_prose(t: SourceType) -> String {
    let label = t.label();
    let first = label.split(' ').next().unwrap_or("");
    if first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase()) {
        label.to_string()
    } else {
        let mut cs = label.chars();
        cs.next()
            .map(|c| c.to_lowercase().chain(cs).collect())
            .unwrap_or_default()
    }
}

pub(super) fn weightings_text(r: &AuditReport) -> Vec<String> {
    if r.weightings.len() < 2 {
        return Vec::new();
    }
    let k = r.top_k;
    let top_under = |i: usize| -> Vec<String> {
        let mut top: Vec<(usize, &str)> = r
            .corridors
            .iter()
            .filter_map(|c| {
                let rank = c.ranks_by_weighting.get(i)?.1;
                (rank <= k).then_some((rank, c.id.as_str()))
            })
            .collect();
        top.sort_unstable();
        top.into_iter().map(|(_, id)| id.to_string()).collect()
    };
    let tops: Vec<Vec<String>> = (0..r.weightings.len()).map(top_under).collect();
    let mut out = Vec::new();
    if tops.iter().all(|t| *t == tops[0]) {
        out.push(format!(
            "All {} weightings compared ({}) give the same top {k}, in the same order: {}.",
            r.weightings.len(),
            list(&r.weightings),
            list(&tops[0])
        ));
    } else {
        for ((name, t), cr) in r.weightings.iter().zip(&tops).zip(&r.consistency_ratios) {
            let cr = cr
                .map(|cr| format!(" (AHP, CR = {})", fmt::decimals(cr, 4)))
                .unwrap_or_default();
            out.push(format!("Top {k} under \"{name}\"{cr}: {}.", list(t)));
        }
    }
    let same = r
        .corridors
        .iter()
        .filter(|c| c.ranks_by_weighting.iter().all(|x| x.1 == c.base_rank))
        .count();
    out.push(format!(
        "{same} of {} corridors hold the same rank under every weighting.",
        r.corridors.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b, and c");
    }
}
