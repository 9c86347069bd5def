//! The audit document's "three kinds of doubt" (METHOD.md §6): which
//! conclusions hold when the weights, the grades or any single source are
//! doubted, which rest on one source (named by its public name), and
//! whether the weights or the grades drive each fragile rank — sentences
//! built from the numbers of the weights audit and the grades audit.

use corridor_schema::{Model, Published};
use corridor_score::audit::AuditReport;
use serde::Serialize;

/// One corridor without its pivotal source.
#[derive(Debug, Clone, Serialize)]
pub struct PivotRow {
    /// Corridor id.
    pub id: String,
    /// Base rank.
    pub base_rank: usize,
    /// Its 5–95 % rank interval under the weight draws.
    pub weights_interval: String,
    /// Its 5–95 % rank interval under the grade draws.
    pub grades_interval: String,
    /// The pivotal source's public name, or "" when no source lowers it.
    pub pivotal: String,
    /// Score without it, 4 decimals.
    pub score_without: String,
    /// Rank without it.
    pub rank_without: usize,
    /// Label without it.
    pub confidence_without: &'static str,
    /// Whether the conclusion rests on one source.
    pub rests_on_one_source: bool,
    /// `weights`, `grades`, `both` or "" (Sobol total indices).
    pub driver: &'static str,
}

/// The section's view.
#[derive(Debug, Clone, Serialize)]
pub struct DoubtView {
    /// The probability q of a grade step.
    pub q: String,
    /// Number of Sobol rows, or "" when not estimated.
    pub sobol_rows: String,
    /// The paragraphs.
    pub text: Vec<String>,
    /// One row per corridor shown, by base rank.
    pub rows: Vec<PivotRow>,
}

/// The name of source `s` in the view (its public name for the public).
fn source_name(model: &Model, s: Option<usize>) -> String {
    s.map(|s| model.sources[s].name.clone()).unwrap_or_default()
}

/// A list in words: `a`, `a and b`, `a, b and c`.
fn words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Builds the section from the weights audit and the grades audit (the
/// latter with Sobol indices when estimated); `max_rows` corridors shown.
pub fn doubt_view(
    weights: &AuditReport,
    grades: &AuditReport,
    view: &Published,
    max_rows: usize,
) -> DoubtView {
    let model = view.model();
    let k = weights.top_k;
    let loso = &grades.leave_one_source_out.corridors;
    let grade_of = |id: &str| grades.corridors.iter().find(|c| c.id == id);
    let mut rows = Vec::new();
    let mut hold = Vec::new();
    let mut rest = Vec::new();
    let mut drivers = Vec::new();
    for c in weights.corridors.iter() {
        let Some(g) = grade_of(&c.id) else { continue };
        let Some(p) = loso.get(&c.id) else { continue };
        let sobol = grades.sobol.as_ref().and_then(|m| m.get(&c.id));
        let driver = match sobol {
            Some(x) if x.weights.total >= 2.0 * x.grades.total => "weights",
            Some(x) if x.grades.total >= 2.0 * x.weights.total => "grades",
            Some(_) => "both",
            None => "",
        };
        if c.base_rank <= k && c.p95_rank <= k && g.p95_rank <= k && !p.rests_on_one_source {
            hold.push(format!("{} (rank {})", c.id, c.base_rank));
        }
        if p.rests_on_one_source && c.base_rank <= 10 {
            rest.push(format!(
                "{} (rank {}, {}) rests on {}: without it, rank {} and {}",
                c.id,
                c.base_rank,
                c.confidence.key(),
                source_name(model, p.source),
                p.rank_without,
                p.confidence_without.key()
            ));
        }
        let fragile = c.base_rank <= k && (c.p95_rank > k || g.p95_rank > k);
        if fragile && !driver.is_empty() {
            let x = sobol.expect("a driver comes from Sobol");
            drivers.push(format!(
                "{} ({}: total index {} for the weights, {} for the grades)",
                c.id,
                match driver {
                    "weights" => "mostly the weights",
                    "grades" => "mostly the grades",
                    _ => "both",
                },
                crate::fmt::cell(x.weights.total),
                crate::fmt::cell(x.grades.total)
            ));
        }
        if rows.len() < max_rows {
            rows.push(PivotRow {
                id: c.id.clone(),
                base_rank: c.base_rank,
                weights_interval: format!("{}–{}", c.p05_rank, c.p95_rank),
                grades_interval: format!("{}–{}", g.p05_rank, g.p95_rank),
                pivotal: source_name(model, p.source),
                score_without: crate::fmt::decimals(p.score_without, 4),
                rank_without: p.rank_without,
                confidence_without: p.confidence_without.key(),
                rests_on_one_source: p.rests_on_one_source,
                driver,
            });
        }
    }
    let mut text = Vec::new();
    text.push(if hold.is_empty() {
        format!(
            "No corridor's place in the top {k} holds under all three kinds of doubt: other weights, grades a notch off, and any single source left out."
        )
    } else {
        format!(
            "Under all three kinds of doubt — other weights, grades a notch off, and any single source left out — {} {} in the top {k}.",
            words(&hold),
            if hold.len() == 1 { "stays" } else { "stay" }
        )
    });
    text.push(if rest.is_empty() {
        "No conclusion about the ten strongest corridors rests on a single source: removing any one source neither lowers their label nor moves them out of the top ranks.".to_string()
    } else {
        format!(
            "These conclusions rest on one source (removing it lowers the label or moves the corridor out of the top {k}): {}.",
            rest.join("; ")
        )
    });
    if !drivers.is_empty() {
        text.push(format!(
            "What drives the fragile ranks, by the Sobol total indices: {}.",
            drivers.join("; ")
        ));
    } else if grades.sobol.is_some() {
        text.push(format!(
            "No rank in the top {k} is fragile under the weight or the grade draws."
        ));
    }
    DoubtView {
        q: grades
            .grade_step_probability
            .map(|q| q.to_string())
            .unwrap_or_default(),
        sobol_rows: grades.sobol_rows.map(|n| n.to_string()).unwrap_or_default(),
        text,
        rows,
    }
}
