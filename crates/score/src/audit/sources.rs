//! Leave one source out (METHOD.md §6.3): for each source with a counting
//! finding of the phenomenon, every finding of it removed and everything
//! recomputed — incrementally: a source changes only the targets its
//! findings are about, so only those are reduced again (a finding of
//! another source that repeats one of its findings may then count), and
//! the ranking of all targets is taken again from the changed scores.

use super::{RankScratch, fast_ranks};
use crate::evidence::{Prepared, Role, triangulate_row};
use crate::params::{Confidence, Params};
use corridor_schema::{Model, N_TYPES, Phenomenon};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Removing one source: its largest effect on the ranking and the labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEffect {
    /// The largest absolute rank change it causes.
    pub largest_rank_change: usize,
    /// The target with that change (ties: the smallest id); `null` when
    /// nothing moves.
    pub corridor: Option<String>,
    /// The targets whose confidence label changes, in id order.
    pub label_changes: Vec<String>,
    /// Index of the source (into `Model::sources`).
    #[serde(skip)]
    pub source: usize,
}

/// One target without its pivotal source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pivot {
    /// The source whose removal lowers the score most (ties within 1e-12:
    /// the smallest source id); `null` when no removal lowers it.
    pub pivotal_source: Option<String>,
    /// The score without it (the base score when there is none).
    pub score_without: f64,
    /// The rank without it.
    pub rank_without: usize,
    /// The confidence label without it.
    pub confidence_without: Confidence,
    /// Whether removing a single source lowers its label or moves it from
    /// the top k to outside it.
    pub rests_on_one_source: bool,
    /// Index of the pivotal source.
    #[serde(skip)]
    pub source: Option<usize>,
}

/// The leave-one-source-out results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaveOneSourceOut {
    /// Per target id.
    pub corridors: BTreeMap<String, Pivot>,
    /// Per source (its public label, as the caller names it).
    pub sources: BTreeMap<String, SourceEffect>,
}

/// The removal of one source from every target it reports on.
struct Removal {
    source: usize,
    /// (target, new score, new label).
    changed: Vec<(usize, f64, Confidence)>,
}

/// Runs leave-one-source-out on `targets` (active findings per target) for
/// `phi`, with weights `w`, `top_k`, target `ids`, and `label(source)` the
/// name the output uses for a source.
#[allow(clippy::too_many_arguments)]
pub fn leave_one_source_out(
    model: &Model,
    params: &Params,
    targets: &[Vec<usize>],
    phi: Phenomenon,
    w: &[f64; N_TYPES],
    ids: &[String],
    top_k: usize,
    label: &(dyn Fn(usize) -> String + Sync),
) -> LeaveOneSourceOut {
    let prepared = Prepared::new(model, params);
    let nt = targets.len();
    let mut scratch = Vec::new();
    let base_rows: Vec<_> = targets
        .iter()
        .map(|list| prepared.reduce(list, phi, None, &mut scratch, None))
        .collect();
    let score_of = |v: &[f64; N_TYPES]| (0..N_TYPES).map(|t| w[t] * v[t]).sum::<f64>();
    let base_vec: Vec<[f64; N_TYPES]> = base_rows.iter().map(|r| r.vector()).collect();
    // S = Σ w·v summed in type order for every target, changed or not, so
    // that scores with and without a source are summed alike.
    let base_scores: Vec<f64> = base_vec.iter().map(score_of).collect();
    let base_labels: Vec<Confidence> = base_rows
        .iter()
        .zip(&base_vec)
        .map(|(r, v)| triangulate_row(v, r.observed, params, None).2)
        .collect();
    let mut rank_scratch = RankScratch::default();
    let mut base_ranks = vec![0u32; nt];
    fast_ranks(&base_scores, &mut rank_scratch, &mut base_ranks);

    // The targets each source has a counting finding about: removing the
    // source changes those and no other (METHOD.md §6.3 takes part only
    // sources with a counting finding).
    let mut of_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (c, list) in targets.iter().enumerate() {
        let mut roles = vec![Role::Gap; list.len()];
        prepared.reduce(list, phi, None, &mut scratch, Some(&mut roles));
        for (pos, &i) in list.iter().enumerate() {
            if roles[pos].counts() {
                let v = of_source.entry(model.findings[i].source).or_default();
                if v.last() != Some(&c) {
                    v.push(c);
                }
            }
        }
    }
    let counting: Vec<usize> = of_source.keys().copied().collect();
    let removals: Vec<Removal> = counting
        .par_iter()
        .map_init(Vec::new, |scratch, &s| {
            let changed = of_source
                .get(&s)
                .into_iter()
                .flatten()
                .map(|&c| {
                    let row = prepared.reduce(&targets[c], phi, Some(s), scratch, None);
                    let v = row.vector();
                    let score = if v == base_vec[c] {
                        base_scores[c]
                    } else {
                        score_of(&v)
                    };
                    (c, score, triangulate_row(&v, row.observed, params, None).2)
                })
                .collect();
            Removal { source: s, changed }
        })
        .collect();

    let mut pivots: Vec<Option<(usize, f64, usize, Confidence)>> = vec![None; nt];
    let mut rests = vec![false; nt];
    let mut sources = BTreeMap::new();
    let mut scores = base_scores.clone();
    let mut new_ranks = vec![0u32; nt];
    for r in &removals {
        for &(c, sc, _) in &r.changed {
            scores[c] = sc;
        }
        fast_ranks(&scores, &mut rank_scratch, &mut new_ranks);
        let mut largest = 0usize;
        let mut at: Option<usize> = None;
        for c in 0..nt {
            let d = (base_ranks[c] as usize).abs_diff(new_ranks[c] as usize);
            // Targets are in id order: the first of equal changes wins.
            if d > largest {
                largest = d;
                at = Some(c);
            }
        }
        let mut label_changes: Vec<String> = Vec::new();
        for &(c, sc, lab) in &r.changed {
            if lab != base_labels[c] {
                label_changes.push(ids[c].clone());
            }
            // A lower label (a later variant), or out of the top k.
            let dropped = (base_ranks[c] as usize) <= top_k && (new_ranks[c] as usize) > top_k;
            if lab > base_labels[c] || dropped {
                rests[c] = true;
            }
            let drop = base_scores[c] - sc;
            if drop > 0.0 {
                let better = match pivots[c] {
                    None => true,
                    Some((s0, sc0, _, _)) => {
                        let d0 = base_scores[c] - sc0;
                        drop > d0 + 1e-12
                            || ((drop - d0).abs() <= 1e-12
                                && model.sources[r.source].id < model.sources[s0].id)
                    }
                };
                if better {
                    pivots[c] = Some((r.source, sc, new_ranks[c] as usize, lab));
                }
            }
        }
        label_changes.sort();
        sources.insert(
            label(r.source),
            SourceEffect {
                largest_rank_change: largest,
                corridor: at.map(|c| ids[c].clone()),
                label_changes,
                source: r.source,
            },
        );
        for &(c, _, _) in &r.changed {
            scores[c] = base_scores[c];
        }
    }
    let corridors = (0..nt)
        .map(|c| {
            let p = match pivots[c] {
                Some((s, sc, rank, lab)) => Pivot {
                    pivotal_source: Some(label(s)),
                    score_without: sc,
                    rank_without: rank,
                    confidence_without: lab,
                    rests_on_one_source: rests[c],
                    source: Some(s),
                },
                None => Pivot {
                    pivotal_source: None,
                    score_without: base_scores[c],
                    rank_without: base_ranks[c] as usize,
                    confidence_without: base_labels[c],
                    rests_on_one_source: rests[c],
                    source: None,
                },
            };
            (ids[c].clone(), p)
        })
        .collect();
    LeaveOneSourceOut { corridors, sources }
}
