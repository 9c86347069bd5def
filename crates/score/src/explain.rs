//! `explain`: one corridor's (or movement's) score taken apart, type by
//! type, source by source and finding by finding, so that an analyst can
//! recompute it by hand (METHOD.md §3, §5) and see which finding counts,
//! which count zero and why (same source, a repeat, another phenomenon).
//!
//! For each source it also gives the score and confidence without that
//! source — the question an auditor asks first. Removing a source only
//! changes the types it reports on and the types of the findings that share
//! a repeat set with its findings, so only those types are reduced again:
//! the work is linear in the findings per removal of a source, not in all.

use crate::error::ScoreError;
use crate::evidence::{
    Filter, Prepared, Role, corridor_findings, movement_findings, triangulate_row,
};
use crate::params::Confidence;
use crate::result::{CorridorScore, FilterSummary, score};
use crate::weighting::{Weighting, WeightingSummary};
use corridor_schema::diag::did_you_mean;
use corridor_schema::{
    Credibility, Dimension, FindingKind, Model, N_TYPES, Phenomenon, Reliability, SourceType,
    Strength, Trend,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One finding of the target, with the factors of its weight and its role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingExplanation {
    /// Finding id.
    pub id: String,
    /// observed, not_observed, unavailable, withheld.
    pub finding: FindingKind,
    /// Its phenomenon (observed and not_observed).
    pub phenomenon: Option<Phenomenon>,
    /// Its dimension.
    pub dimension: Dimension,
    /// Its period.
    pub period: String,
    /// The trend it reports, if any.
    pub trend: Option<Trend>,
    /// Strength, for evidence findings.
    pub strength: Option<Strength>,
    /// The source's reliability.
    pub reliability: Reliability,
    /// Credibility, for evidence findings.
    pub credibility: Option<Credibility>,
    /// σ, for evidence findings.
    pub sigma: Option<f64>,
    /// ρ.
    pub rho: f64,
    /// κ, for evidence findings.
    pub kappa: Option<f64>,
    /// `a(e) = σ·ρ·κ`, for evidence findings.
    pub a: Option<f64>,
    /// Whether it counts, and if not why.
    #[serde(flatten)]
    pub role: RoleExplained,
}

/// A [`Role`] with finding ids in place of indices.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum RoleExplained {
    /// The source's strongest finding of its kind: sets A or B.
    Counts,
    /// Counts for coverage; a stronger finding of the same source sets A or B.
    SameSource {
        /// That finding's id.
        by: String,
    },
    /// Counts zero: another finding of its repeat set counts.
    Repeat {
        /// That finding's id.
        of: String,
    },
    /// Counts zero: evidence of another scored phenomenon (the finding's
    /// `phenomenon` says which).
    OtherPhenomenon,
    /// Counts zero: lawful movement or context, never scored.
    Unscored,
    /// A gap (`unavailable`, `withheld`): not evidence.
    Gap,
}

/// One source of one type: its A and B, and the target without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceExplanation {
    /// The source's id (the indicator file id, or a confidential source's
    /// public id).
    pub source: String,
    /// `A(s)`: its strongest counting observed finding (0 if none).
    pub a: f64,
    /// `B(s)`: its strongest counting not_observed finding (0 if none).
    pub b: f64,
    /// The target's score without this source.
    pub score_without: f64,
    /// The target's confidence without this source.
    pub confidence_without: Confidence,
    /// Its active findings about the target, in model order.
    pub findings: Vec<FindingExplanation>,
}

/// One source type of the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeExplanation {
    /// The type.
    #[serde(rename = "type")]
    pub kind: SourceType,
    /// Its source group.
    pub group: String,
    /// Its sources with findings about the target, in source order.
    pub sources: Vec<SourceExplanation>,
    /// `P`.
    pub support: f64,
    /// `N`.
    pub counter: f64,
    /// `v = P·(1−N)`.
    pub vector: f64,
    /// `w`.
    pub weight: f64,
    /// `w·v`.
    pub contribution: f64,
    /// Whether `v ≥ θ` (the type counts for triangulation).
    pub counted: bool,
}

/// The output of `corridor explain`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The scored phenomenon.
    pub phenomenon: Phenomenon,
    /// The weighting used.
    pub weighting: WeightingSummary,
    /// The filter applied.
    pub filter: FilterSummary,
    /// `corridor` or `movement`.
    pub target: &'static str,
    /// Number of corridors (or movements) ranked.
    pub ranked: usize,
    /// The row, as in `score` (`corridors` lists a movement's corridors).
    pub corridor: CorridorScore,
    /// The movements the corridor belongs to (empty for a movement).
    pub movements: Vec<String>,
    /// All eleven types, in method order.
    pub types: Vec<TypeExplanation>,
}

/// Explains the score of corridor or movement `id` for phenomenon `phi`.
/// The rank is among all corridors (or movements) after the period
/// filter; `filter.country` is ignored. The numbers come from the checked
/// `model`; every id printed comes from `shown`, the published view of the
/// same model (same indices), so a confidential source appears under its
/// public alias.
pub fn explain(
    model: &Model,
    shown: &corridor_schema::Published,
    weighting: &Weighting,
    filter: &Filter,
    id: &str,
    phi: Phenomenon,
) -> Result<Explanation, ScoreError> {
    let (target, index) = match (model.corridor(id), model.movement(id)) {
        (Some(c), _) => ("corridor", c),
        (None, Some(m)) => ("movement", m),
        (None, None) => {
            let ids = model
                .corridors
                .iter()
                .map(|c| c.id.as_str())
                .chain(model.movements.iter().map(|m| m.id.as_str()));
            return Err(ScoreError::UnknownCorridor {
                id: id.to_string(),
                suggestion: did_you_mean(id, ids).map(String::from),
            });
        }
    };
    let filter = Filter {
        country: None,
        ..filter.clone()
    };
    let report = score(model, weighting, &filter, phi);
    let (rows, ranked) = if target == "corridor" {
        (report.corridors, model.corridors.len())
    } else {
        (report.movements, model.movements.len())
    };
    let Some(row) = rows.into_iter().find(|r| r.index == index) else {
        // Unreachable: without a country filter every target is kept.
        return Err(ScoreError::UnknownCorridor {
            id: id.to_string(),
            suggestion: None,
        });
    };
    let per = corridor_findings(model, &filter);
    let active = if target == "corridor" {
        per[index].clone()
    } else {
        movement_findings(model, &per).swap_remove(index)
    };
    let movements = if target == "corridor" {
        model
            .movements
            .iter()
            .filter(|m| m.corridors.contains(&index))
            .map(|m| m.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    let prepared = Prepared::new(model, &weighting.params);
    let mut scratch = Vec::new();
    let mut roles = vec![Role::Gap; active.len()];
    let base = prepared.reduce(&active, phi, None, &mut scratch, Some(&mut roles));
    let p = &weighting.params;
    let w = &weighting.weights;

    // A and B per source, from the roles.
    let mut per_source: BTreeMap<usize, (f64, f64, Vec<usize>)> = BTreeMap::new();
    for (pos, &i) in active.iter().enumerate() {
        let f = &model.findings[i];
        let entry = per_source.entry(f.source).or_insert((0.0, 0.0, Vec::new()));
        entry.2.push(pos);
        if roles[pos] == Role::Counts {
            let a = prepared.weights[i];
            if f.finding == FindingKind::Observed {
                entry.0 = a;
            } else {
                entry.1 = a;
            }
        }
    }
    // Each repeat set's candidates of the phenomenon, per kind, in the order
    // that picks the counting one (METHOD.md §3).
    let mut sets: BTreeMap<(usize, FindingKind), Vec<usize>> = BTreeMap::new();
    for &i in &active {
        let f = &model.findings[i];
        if f.finding.is_evidence() && f.phenomenon == Some(phi) {
            sets.entry((f.repeat_set, f.finding)).or_default().push(i);
        }
    }
    for list in sets.values_mut() {
        list.sort_by(|&x, &y| prepared.winner_order(x, y));
    }
    // Per source: A, B and whether an observed / not_observed finding counts.
    #[derive(Clone, Copy)]
    struct Ab {
        a: f64,
        b: f64,
        obs: bool,
        not_obs: bool,
    }
    let mut ab: BTreeMap<usize, Ab> = BTreeMap::new();
    for (&s, (a, b, positions)) in &per_source {
        let counts = |kind: FindingKind| {
            positions.iter().any(|&pos| {
                roles[pos] == Role::Counts && model.findings[active[pos]].finding == kind
            })
        };
        ab.insert(
            s,
            Ab {
                a: *a,
                b: *b,
                obs: counts(FindingKind::Observed),
                not_obs: counts(FindingKind::NotObserved),
            },
        );
    }
    // Per type, its sources with their A and B, in source order: the
    // products below walk these arrays, not the map.
    let mut sources_of_type: Vec<Vec<(usize, Ab)>> = vec![Vec::new(); N_TYPES];
    for (&s, &v) in &ab {
        sources_of_type[model.sources[s].kind.index()].push((s, v));
    }
    let base_vector = base.vector();
    let mut sources_by_type: Vec<Vec<SourceExplanation>> = vec![Vec::new(); N_TYPES];
    // Removing a source changes its own A and B and, in each repeat set one
    // of its findings won, hands the set to the next finding of another
    // source; only the types of those sources are multiplied again, over
    // the sources' A and B — no new reduction, linear in the sources.
    for (&s, (a, b, positions)) in &per_source {
        // The few sources whose A or B change: a short list.
        let mut changed: Vec<(usize, Ab)> = vec![(
            s,
            Ab {
                a: 0.0,
                b: 0.0,
                obs: false,
                not_obs: false,
            },
        )];
        for &pos in positions {
            let i = active[pos];
            let f = &model.findings[i];
            if !roles[pos].counts() {
                continue;
            }
            let Some(list) = sets.get(&(f.repeat_set, f.finding)) else {
                continue;
            };
            let Some(&w) = list.iter().find(|&&j| model.findings[j].source != s) else {
                continue;
            };
            let sw = model.findings[w].source;
            let k = match changed.iter().position(|c| c.0 == sw) {
                Some(k) => k,
                None => {
                    changed.push((sw, ab[&sw]));
                    changed.len() - 1
                }
            };
            let entry = &mut changed[k].1;
            let aw = prepared.weights[w];
            if f.finding == FindingKind::Observed {
                entry.a = if entry.obs { entry.a.max(aw) } else { aw };
                entry.obs = true;
            } else {
                entry.b = if entry.not_obs { entry.b.max(aw) } else { aw };
                entry.not_obs = true;
            }
        }
        let mut vector = base_vector;
        let mut observed = base.observed;
        let affected: BTreeSet<usize> = changed
            .iter()
            .map(|c| model.sources[c.0].kind.index())
            .collect();
        for &t in &affected {
            let (mut not_p, mut not_n, mut seen) = (1.0, 1.0, false);
            for &(other, base_ab) in &sources_of_type[t] {
                let v = changed
                    .iter()
                    .find(|c| c.0 == other)
                    .map_or(base_ab, |c| c.1);
                if v.obs {
                    not_p *= 1.0 - v.a;
                    seen = true;
                }
                if v.not_obs {
                    not_n *= 1.0 - v.b;
                }
            }
            vector[t] = (1.0 - not_p) * not_n;
            observed = (observed & !(1 << t)) | (u16::from(seen) << t);
        }
        let score_without = if vector == base_vector {
            row.score
        } else {
            (0..N_TYPES).map(|t| w[t] * vector[t]).sum()
        };
        let confidence_without = triangulate_row(&vector, observed, p, None).2;
        let findings = positions
            .iter()
            .map(|&pos| finding_row(model, shown.model(), &prepared, p, active[pos], roles[pos]))
            .collect();
        let source = shown.model().sources[s].id.clone();
        sources_by_type[model.sources[s].kind.index()].push(SourceExplanation {
            source,
            a: *a,
            b: *b,
            score_without,
            confidence_without,
            findings,
        });
    }
    let types = SourceType::ALL
        .iter()
        .zip(sources_by_type)
        .map(|(t, sources)| {
            let ti = t.index();
            TypeExplanation {
                kind: *t,
                group: p.groups.name_of(*t).to_string(),
                sources,
                support: row.support.0[ti],
                counter: row.counter.0[ti],
                vector: row.vector.0[ti],
                weight: w[ti],
                contribution: w[ti] * row.vector.0[ti],
                counted: crate::rank::at_least(row.vector.0[ti], p.theta),
            }
        })
        .collect();
    Ok(Explanation {
        phenomenon: phi,
        weighting: report.weighting,
        filter: (&filter).into(),
        target,
        ranked,
        corridor: row,
        movements,
        types,
    })
}

fn finding_row(
    model: &Model,
    shown: &Model,
    prepared: &Prepared<'_>,
    p: &crate::Params,
    i: usize,
    role: Role,
) -> FindingExplanation {
    let f = &model.findings[i];
    let evidence = f.finding.is_evidence();
    let id = |j: usize| shown.findings[j].id.clone();
    FindingExplanation {
        id: id(i),
        finding: f.finding,
        phenomenon: f.phenomenon,
        dimension: f.dimension,
        period: f.period.to_string(),
        trend: f.trend,
        strength: f.strength,
        reliability: f.reliability,
        credibility: f.credibility,
        sigma: f.strength.filter(|_| evidence).map(|s| p.sigma(s)),
        rho: p.rho(f.reliability),
        kappa: f.credibility.filter(|_| evidence).map(|k| p.kappa(k)),
        a: evidence.then(|| prepared.weights[i]),
        role: match role {
            Role::Counts => RoleExplained::Counts,
            Role::SameSource { by } => RoleExplained::SameSource { by: id(by) },
            Role::Repeat { of } => RoleExplained::Repeat { of: id(of) },
            Role::OtherPhenomenon { .. } => RoleExplained::OtherPhenomenon,
            Role::Unscored { .. } => RoleExplained::Unscored,
            Role::Gap => RoleExplained::Gap,
        },
    }
}
