//! The tables of the scores and of the audit: one row per corridor (and
//! movement) across the three scored phenomena, the long table of the
//! strength vectors, and one row per corridor of the audit.

use super::{Cell, Col, ForeignKey, Kind, Meta, Table, build, col};
use corridor_schema::{Phenomenon, SourceType};
use corridor_score::audit::CorridorAudit;
use corridor_score::{CorridorScore, ScoreReport, Weighting};

/// A row of the wide table: whether it is a movement, and its headline row.
type Target<'r> = (bool, &'r CorridorScore);

/// The row of the same target in another phenomenon's report.
fn same<'r>(r: &'r ScoreReport, t: Target<'_>) -> Option<&'r CorridorScore> {
    let rows = if t.0 { &r.movements } else { &r.corridors };
    rows.iter().find(|x| x.index == t.1.index)
}

/// One row per corridor, then one per movement, each in rank order of the
/// `headline` phenomenon (at most `top` of each): rank, score, confidence,
/// contested, types and groups of the headline, then the same of every
/// other scored phenomenon, prefixed with its key.
pub fn scores_wide(reports: &[ScoreReport], headline: Phenomenon, top: usize) -> Table {
    let Some(head) = reports.iter().find(|r| r.phenomenon == headline) else {
        return build(meta(), Vec::<Col<'_, Target<'_>>>::new(), []);
    };
    let hw = headline.key();
    let mut cols: Vec<Col<'_, Target<'_>>> = vec![
        col(
            "kind",
            Kind::String,
            "`corridor` or `movement` (the union of its corridors' findings, METHOD.md §5).",
            |t: &Target<'_>| Cell::Str(if t.0 { "movement" } else { "corridor" }.into()),
        ),
        col(
            "rank",
            Kind::Integer,
            format!(
                "Rank by {hw} score among the corridors (or movements) kept, 1 = strongest; ties by id."
            ),
            |t: &Target<'_>| Cell::count(t.1.rank),
        ),
        col(
            "id",
            Kind::String,
            "Corridor or movement id.",
            |t: &Target<'_>| Cell::Str(t.1.id.clone()),
        ),
        col("label", Kind::String, "Its label.", |t: &Target<'_>| {
            Cell::Str(t.1.label.clone())
        }),
        col(
            "score",
            Kind::Number,
            format!("S = Σ w·v for {hw} (METHOD.md §4)."),
            |t: &Target<'_>| Cell::Num(t.1.score),
        ),
        col(
            "confidence",
            Kind::String,
            format!(
                "Triangulation label for {hw}: corroborated, supported, single-source, insufficient or no-evidence (METHOD.md §5)."
            ),
            |t: &Target<'_>| Cell::Str(t.1.confidence.key().into()),
        ),
        col(
            "contested",
            Kind::Boolean,
            "Some type has N ≥ θ (METHOD.md §3); changes no score.",
            |t: &Target<'_>| Cell::Bool(t.1.contested),
        ),
        col(
            "types",
            Kind::Integer,
            "Number of types with v ≥ θ.",
            |t: &Target<'_>| Cell::count(t.1.types),
        ),
        col(
            "groups",
            Kind::Integer,
            "Number of source groups holding such a type.",
            |t: &Target<'_>| Cell::count(t.1.groups),
        ),
        col(
            "counted_groups",
            Kind::List,
            "The names of those groups, in group order.",
            |t: &Target<'_>| Cell::List(t.1.counted_groups.clone()),
        ),
        col(
            "corridors",
            Kind::List,
            "A movement's corridors; empty for a corridor.",
            |t: &Target<'_>| Cell::List(t.1.members.clone().unwrap_or_default()),
        ),
        col(
            "findings",
            Kind::Integer,
            "Findings about it that pass the period filter (all kinds and phenomena).",
            |t: &Target<'_>| Cell::count(t.1.findings),
        ),
    ];
    for r in reports.iter().filter(|r| r.phenomenon != headline) {
        let p = r.phenomenon.key();
        let w = r.phenomenon.words();
        cols.extend([
            col(
                format!("{p}_rank"),
                Kind::Integer,
                format!("`rank` for {w}."),
                move |t: &Target<'_>| Cell::opt_int(same(r, *t).map(|x| x.rank as i64)),
            ),
            col(
                format!("{p}_score"),
                Kind::Number,
                format!("`score` for {w}."),
                move |t: &Target<'_>| Cell::opt_num(same(r, *t).map(|x| x.score)),
            ),
            col(
                format!("{p}_confidence"),
                Kind::String,
                format!("`confidence` for {w}."),
                move |t: &Target<'_>| Cell::opt_str(same(r, *t).map(|x| x.confidence.key())),
            ),
            col(
                format!("{p}_contested"),
                Kind::Boolean,
                format!("`contested` for {w}."),
                move |t: &Target<'_>| same(r, *t).map_or(Cell::Null, |x| Cell::Bool(x.contested)),
            ),
            col(
                format!("{p}_types"),
                Kind::Integer,
                format!("`types` for {w}."),
                move |t: &Target<'_>| Cell::opt_int(same(r, *t).map(|x| x.types as i64)),
            ),
            col(
                format!("{p}_groups"),
                Kind::Integer,
                format!("`groups` for {w}."),
                move |t: &Target<'_>| Cell::opt_int(same(r, *t).map(|x| x.groups as i64)),
            ),
        ]);
    }
    let items = head
        .corridors
        .iter()
        .take(top)
        .map(|c| (false, c))
        .chain(head.movements.iter().take(top).map(|m| (true, m)));
    build(meta(), cols, items)
}

fn meta() -> Meta {
    Meta {
        name: "scores",
        title: "Scores",
        description: "One row per corridor, then per movement, in rank order: the headline phenomenon's (smuggling unless `--phenomenon`) rank, score and triangulation, then those of the other scored phenomena.".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![],
    }
}

/// The long table of `score --format csv-long`: one row per corridor (then
/// movement) and type, with P, N, v, the weight and w·v.
pub fn scores_long<'a>(r: &'a ScoreReport, w: &'a Weighting) -> Table {
    type Item<'r> = (&'r CorridorScore, SourceType);
    let cols: Vec<Col<'_, Item<'_>>> = vec![
        col(
            "corridor",
            Kind::String,
            "Corridor or movement id.",
            |x: &Item<'_>| Cell::Str(x.0.id.clone()),
        ),
        col(
            "type",
            Kind::String,
            "Source type, in METHOD.md order.",
            |x: &Item<'_>| Cell::Str(x.1.key().into()),
        ),
        col(
            "P",
            Kind::Number,
            "Support P(c,t) (METHOD.md §3).",
            |x: &Item<'_>| Cell::Num(x.0.support.get(x.1)),
        ),
        col(
            "N",
            Kind::Number,
            "Counter-evidence N(c,t).",
            |x: &Item<'_>| Cell::Num(x.0.counter.get(x.1)),
        ),
        col(
            "v",
            Kind::Number,
            "Strength v(c,t) = P·(1 − N).",
            |x: &Item<'_>| Cell::Num(x.0.vector.get(x.1)),
        ),
        col(
            "w",
            Kind::Number,
            "The type's weight.",
            move |x: &Item<'_>| Cell::Num(w.weights[x.1.index()]),
        ),
        col(
            "w_v",
            Kind::Number,
            "w·v: the type's part of the score.",
            move |x: &Item<'_>| Cell::Num(w.weights[x.1.index()] * x.0.vector.get(x.1)),
        ),
    ];
    let meta = Meta {
        name: "scores_long",
        title: "Strength vectors",
        description: "One row per corridor (then movement) and source type, for the headline phenomenon: the strength vector and each type's part of the score.".into(),
        primary_key: vec!["corridor", "type"],
        foreign_keys: vec![],
    };
    let items = r
        .corridors
        .iter()
        .chain(&r.movements)
        .flat_map(|c| SourceType::ALL.iter().map(move |t| (c, *t)));
    build(meta, cols, items)
}

/// One row per corridor of the audit (METHOD.md §6), by base rank;
/// `weightings` are the audit's weightings, the first its base, and every
/// other adds a `rank_<name>` column.
pub fn audit(report: &corridor_score::audit::AuditReport) -> Table {
    audit_rows(
        &report.weightings,
        &report.corridors,
        &report.leave_one_source_out.corridors,
    )
}

/// [`audit`] from its parts: an empty table when there is no audit.
pub fn audit_rows<'a>(
    weightings: &'a [String],
    rows: &'a [CorridorAudit],
    loso: &'a std::collections::BTreeMap<String, corridor_score::audit::sources::Pivot>,
) -> Table {
    let mut cols: Vec<Col<'_, &CorridorAudit>> = vec![
        col("id", Kind::String, "Corridor id.", |c: &&CorridorAudit| {
            Cell::Str(c.id.clone())
        }),
        col(
            "base_rank",
            Kind::Integer,
            "Smuggling rank under the base weights.",
            |c: &&CorridorAudit| Cell::count(c.base_rank),
        ),
        col(
            "base_score",
            Kind::Number,
            "Score under the base weights.",
            |c: &&CorridorAudit| Cell::Num(c.base_score),
        ),
        col(
            "confidence",
            Kind::String,
            "Confidence label under the base weighting.",
            |c: &&CorridorAudit| Cell::Str(c.confidence.key().into()),
        ),
        col(
            "median_rank",
            Kind::Integer,
            "Median rank over the Monte Carlo draws (nearest rank).",
            |c: &&CorridorAudit| Cell::count(c.median_rank),
        ),
        col(
            "p05_rank",
            Kind::Integer,
            "5th percentile rank: the best ranks.",
            |c: &&CorridorAudit| Cell::count(c.p05_rank),
        ),
        col(
            "p95_rank",
            Kind::Integer,
            "95th percentile rank: the worst ranks.",
            |c: &&CorridorAudit| Cell::count(c.p95_rank),
        ),
        col(
            "top_k_share",
            Kind::Number,
            "Share of draws with rank ≤ k (the audit's `top_k`).",
            |c: &&CorridorAudit| Cell::Num(c.top_k_share),
        ),
        col(
            "score_mean",
            Kind::Number,
            "Mean score over the draws.",
            |c: &&CorridorAudit| Cell::Num(c.score_mean),
        ),
        col(
            "score_sd",
            Kind::Number,
            "Sample standard deviation of the score over the draws.",
            |c: &&CorridorAudit| Cell::Num(c.score_sd),
        ),
        col(
            "conflicts",
            Kind::Integer,
            "Number of conflicts (METHOD.md §3).",
            |c: &&CorridorAudit| Cell::count(c.conflicts.len()),
        ),
        col(
            "pivotal_source",
            Kind::String,
            "The source whose removal lowers the score most (METHOD.md §6.3), by its public alias unless internal; empty when none lowers it.",
            move |c: &&CorridorAudit| {
                Cell::Str(
                    loso.get(&c.id)
                        .and_then(|p| p.pivotal_source.clone())
                        .unwrap_or_default(),
                )
            },
        ),
        col(
            "rests_on_one_source",
            Kind::Boolean,
            "Whether removing one source lowers the confidence label or moves the corridor out of the top k (METHOD.md §6.3).",
            move |c: &&CorridorAudit| {
                Cell::Bool(loso.get(&c.id).is_some_and(|p| p.rests_on_one_source))
            },
        ),
    ];
    for name in weightings.iter().skip(1) {
        let n = name.clone();
        cols.push(col(
            format!("rank_{name}"),
            Kind::Integer,
            format!("Rank under the weighting `{name}`."),
            move |c: &&CorridorAudit| {
                Cell::opt_int(
                    c.ranks_by_weighting
                        .iter()
                        .find(|(w, _)| *w == n)
                        .map(|(_, r)| *r as i64),
                )
            },
        ));
    }
    let meta = Meta {
        name: "audit",
        title: "Audit",
        description: "One row per corridor, by base rank: how far its smuggling rank depends on the weights (METHOD.md §6).".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["id"],
            resource: "corridors",
            reference: vec!["id"],
        }],
    };
    build(meta, cols, rows)
}
