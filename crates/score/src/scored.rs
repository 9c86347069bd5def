//! The one scored result of a run ("score once", ARCHITECTURE.md): for
//! every scored phenomenon, the evidence, scores, ranks and triangulation
//! of every corridor and every movement, and the `score` report built from
//! them. The report crate and the CLI read it; nothing downstream
//! recomputes evidence or scores.

use crate::evidence::{Evidence, Filter, Prepared, corridor_findings, movement_findings};
use crate::params::Confidence;
use crate::rank::{ranks, scores};
use crate::result::{ScoreReport, report_of};
use crate::roles::{FindingRole, roles};
use crate::weighting::Weighting;
use corridor_schema::{Model, Phenomenon};

/// One phenomenon's evidence, scores, ranks and triangulation over a list
/// of targets (every corridor of the model, or every movement).
#[derive(Debug, Clone)]
pub struct Judged {
    /// The phenomenon.
    pub phenomenon: Phenomenon,
    /// The evidence (METHOD.md §3).
    pub evidence: Evidence,
    /// S per target (§4).
    pub scores: Vec<f64>,
    /// Ordinal ranks per target (§4; ties on twelve decimals).
    pub ranks: Vec<usize>,
    /// Target indices by rank.
    pub order: Vec<usize>,
    /// (types, groups, confidence) per target (§5).
    pub tri: Vec<(usize, usize, Confidence)>,
}

impl Judged {
    fn new(evidence: Evidence, weighting: &Weighting) -> Self {
        let scores: Vec<f64> = scores(&evidence.vector, &weighting.weights)
            .iter()
            .copied()
            .collect();
        let ranks = ranks(&scores);
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|&c| ranks[c]);
        let tri = (0..scores.len())
            .map(|c| evidence.triangulate(c, &weighting.params, None))
            .collect();
        Judged {
            phenomenon: evidence.phenomenon,
            evidence,
            scores,
            ranks,
            order,
            tri,
        }
    }
}

/// Everything the method says of a model under one weighting and filter.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The weighting every number is computed with.
    pub weighting: Weighting,
    /// The filter applied to the findings.
    pub filter: Filter,
    /// Per scored phenomenon (in the order of `phenomena`), over corridors.
    pub corridors: Vec<Judged>,
    /// Per scored phenomenon, over movements.
    pub movements: Vec<Judged>,
    /// Per scored phenomenon, the rows `corridor score` prints (the
    /// corridors and movements the filter keeps, ranked among themselves).
    pub reports: Vec<ScoreReport>,
    /// Per finding (model order), whether and how it counts for its own
    /// phenomenon over its corridors; made by [`Scored::with_roles`] only,
    /// since it costs a second reduction of every corridor and only the
    /// export and `list findings` read it.
    roles: Option<Vec<FindingRole>>,
}

impl Scored {
    /// Scores every phenomenon of [`Phenomenon::SCORED`], smuggling first.
    pub fn new(model: &Model, weighting: &Weighting, filter: &Filter) -> Self {
        Self::of(model, weighting, filter, &Phenomenon::SCORED)
    }

    /// Scores the phenomena `phenomena` only, in that order: a(e), the id
    /// order and every target's findings are prepared once and reduced per
    /// phenomenon.
    pub fn of(
        model: &Model,
        weighting: &Weighting,
        filter: &Filter,
        phenomena: &[Phenomenon],
    ) -> Self {
        let prepared = Prepared::new(model, &weighting.params);
        let per_corridor = corridor_findings(model, filter);
        let per_movement = movement_findings(model, &per_corridor);
        let mut out = Scored {
            weighting: weighting.clone(),
            filter: filter.clone(),
            corridors: Vec::with_capacity(phenomena.len()),
            movements: Vec::with_capacity(phenomena.len()),
            reports: Vec::with_capacity(phenomena.len()),
            roles: None,
        };
        for &phi in phenomena {
            let c = Evidence::from_targets(&prepared, per_corridor.clone(), phi, None);
            let m = Evidence::from_targets(&prepared, per_movement.clone(), phi, None);
            out.reports
                .push(report_of(model, weighting, filter, &c, &m));
            out.corridors.push(Judged::new(c, weighting));
            out.movements.push(Judged::new(m, weighting));
        }
        out
    }

    /// Like [`Scored::new`], with every finding's role as well.
    pub fn with_roles(model: &Model, weighting: &Weighting, filter: &Filter) -> Self {
        let mut out = Self::new(model, weighting, filter);
        let prepared = Prepared::new(model, &weighting.params);
        let per = corridor_findings(model, filter);
        out.roles = Some(roles(model, &prepared, &per, &Phenomenon::SCORED));
        out
    }

    /// Every finding's role (model order), when made with
    /// [`Scored::with_roles`].
    pub fn roles(&self) -> Option<&[FindingRole]> {
        self.roles.as_deref()
    }

    /// The corridors' judgement of `phi`, if it was scored.
    pub fn corridors_of(&self, phi: Phenomenon) -> Option<&Judged> {
        self.corridors.iter().find(|j| j.phenomenon == phi)
    }

    /// The movements' judgement of `phi`, if it was scored.
    pub fn movements_of(&self, phi: Phenomenon) -> Option<&Judged> {
        self.movements.iter().find(|j| j.phenomenon == phi)
    }
}
