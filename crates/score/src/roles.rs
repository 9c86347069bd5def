//! Whether each finding counts: for each scored phenomenon and corridor,
//! the reduction of METHOD.md §3 that `explain` shows, summarised per
//! finding over its corridors (part of the one scored result, so the
//! export reads it rather than reducing again).

use crate::evidence::{Prepared, Role};
use corridor_schema::{Model, Phenomenon};

/// Whether and how a finding counts, over its corridors, for its own
/// phenomenon (see [`crate::Scored::roles`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRole {
    /// a(e) = σ·ρ·κ (0 for unavailable and withheld).
    pub weight: f64,
    /// The best role over its corridors: `counts` before `same_source`
    /// before `repeat`; `unscored` or `gap` whatever the corridor.
    pub role: &'static str,
    /// For `same_source` and `repeat`, the finding (index) that counts in
    /// its place, on the first corridor where the role is reached.
    pub by: Option<usize>,
    /// The corridors (indices) where it sets its source's A or B.
    pub counts_for: Vec<usize>,
}

/// Every finding judged: for each phenomenon of `phenomena` and each
/// corridor's active findings `per`, the reduction of METHOD.md §3 (the
/// one `explain` shows) says what each finding of that phenomenon does.
pub(crate) fn roles(
    model: &Model,
    prepared: &Prepared<'_>,
    per: &[Vec<usize>],
    phenomena: &[Phenomenon],
) -> Vec<FindingRole> {
    // (rank of role, by, counts_for) per finding; rank 0 counts.
    let mut best: Vec<(u8, Option<usize>, Vec<usize>)> =
        vec![(u8::MAX, None, vec![]); model.findings.len()];
    let mut scratch = Vec::new();
    for &phi in phenomena {
        for (c, active) in per.iter().enumerate() {
            let mut roles = vec![Role::Gap; active.len()];
            prepared.reduce(active, phi, None, &mut scratch, Some(&mut roles));
            for (&i, role) in active.iter().zip(&roles) {
                if model.findings[i].phenomenon != Some(phi) {
                    continue;
                }
                let (rank, by) = match *role {
                    Role::Counts => (0, None),
                    Role::SameSource { by } => (1, Some(by)),
                    Role::Repeat { of } => (2, Some(of)),
                    _ => continue,
                };
                let b = &mut best[i];
                if rank == 0 {
                    b.2.push(c);
                }
                if rank < b.0 {
                    (b.0, b.1) = (rank, by);
                }
            }
        }
    }
    model
        .findings
        .iter()
        .zip(best)
        .enumerate()
        .map(|(i, (f, (rank, by, counts_for)))| FindingRole {
            weight: prepared.weights[i],
            role: match rank {
                0 => "counts",
                1 => "same_source",
                2 => "repeat",
                _ if !f.finding.is_evidence() => "gap",
                _ => "unscored",
            },
            by,
            counts_for,
        })
        .collect()
}
