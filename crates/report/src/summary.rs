//! The summary box and the plain words of the pages: every sentence is
//! built here from the scores, labels, ranks and gaps of the model, never
//! typed in, and none of them uses a symbol of the method (those stay in the
//! methods annex).
//!
//! "Strong evidence" is the plain name of a type whose strength reaches the
//! triangulation threshold; "independent groups of sources" are the source
//! groups of the weighting; the confidence labels are explained once, in
//! [`label_meaning`], and reused by every page.

use crate::build::Ctx;
use crate::fmt::score;
use crate::views::{RankInterval, Summary};
use corridor_schema::{Phenomenon, SourceType};
use corridor_score::{Confidence, Evidence};

/// How many movements and corridors the summary names.
const STRONGEST: usize = 3;

/// How many labels a sentence lists before "and N more".
const LISTED: usize = 3;

/// `n` and the noun, singular or plural: `1 group`, `3 groups`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// At most [`LISTED`] items, then `and N more`.
fn listed(items: &[String]) -> String {
    if items.len() <= LISTED {
        join_and(items)
    } else {
        let mut head: Vec<String> = items[..LISTED].to_vec();
        head.push(format!("{} more", items.len() - LISTED));
        join_and(&head)
    }
}

/// A rank in words: `rank 3 (2–5)` when the audit gives an interval that is
/// not the rank alone, else `rank 3`.
pub fn rank_text(rank: usize, interval: Option<RankInterval>) -> String {
    match interval {
        Some(i) if i.low != i.high => format!("rank {rank} ({}–{})", i.low, i.high),
        _ => format!("rank {rank}"),
    }
}

/// What a confidence label means, in plain words.
pub fn label_meaning(c: Confidence) -> &'static str {
    match c {
        Confidence::Corroborated => {
            "three or more independent groups of sources give strong evidence"
        }
        Confidence::Supported => "two independent groups of sources give strong evidence",
        Confidence::SingleSource => "strong evidence comes from one group of sources only",
        Confidence::Insufficient => {
            "some evidence is reported, but no kind of source gives strong evidence"
        }
        Confidence::NoEvidence => "no source reports it",
    }
}

/// A source group's name in plain words (the default groups of METHOD.md
/// §1; a group a weighting file invents keeps its name, spaced).
pub fn group_words(name: &str) -> String {
    match name {
        "official" => "official agencies".into(),
        "humanitarian" => "humanitarian organisations".into(),
        "civil_society" => "NGOs".into(),
        "field" => "migrants themselves".into(),
        "commercial" => "the travel industry".into(),
        "open" => "media and the internet".into(),
        other => other.replace('_', " "),
    }
}

/// The types with strong evidence (v ≥ θ) for target `c`, and the group
/// indices holding them, ascending.
fn strong(ctx: &Ctx<'_>, ev: &Evidence, c: usize) -> (Vec<SourceType>, Vec<usize>) {
    let theta = ctx.params.theta;
    let types: Vec<SourceType> = SourceType::ALL
        .iter()
        .copied()
        .filter(|t| ev.vector[(c, t.index())] >= theta)
        .collect();
    let mut groups: Vec<usize> = types
        .iter()
        .map(|t| ctx.params.groups.of_type[t.index()])
        .collect();
    groups.sort_unstable();
    groups.dedup();
    (types, groups)
}

/// The strength of a judgement in plain words, as the corridor cards print
/// it beside its label's badge: `strong evidence from 4 kinds of source in
/// 3 independent groups (official agencies, NGOs and migrants themselves)`.
pub fn strength_words(ctx: &Ctx<'_>, ev: &Evidence, c: usize, conf: Confidence) -> String {
    let (types, groups) = strong(ctx, ev, c);
    if types.is_empty() {
        return label_meaning(conf).to_string();
    }
    let names: Vec<String> = groups
        .iter()
        .map(|&g| group_words(&ctx.params.groups.names[g]))
        .collect();
    format!(
        "strong evidence from {} in {} ({})",
        count(types.len(), "kind of source", "kinds of source"),
        count(groups.len(), "independent group", "independent groups"),
        join_and(&names)
    )
}

/// One strongest corridor or movement in a sentence.
fn strongest_sentence(
    what: &str,
    rank: &str,
    of: &str,
    conf: Confidence,
    detail: &str,
    one_source: Option<bool>,
) -> String {
    let mut s = format!("{what} is {} ({rank} of {of}): {detail}", conf.key());
    s.push('.');
    if one_source == Some(true) {
        s.push_str(" It rests on one source: removing that source would lower its label.");
    }
    s
}

/// The groups of a strong judgement, as the detail of a sentence.
fn groups_detail(ctx: &Ctx<'_>, ev: &Evidence, c: usize, conf: Confidence) -> String {
    let (_, groups) = strong(ctx, ev, c);
    if groups.is_empty() {
        return label_meaning(conf).to_string();
    }
    let names: Vec<String> = groups
        .iter()
        .map(|&g| group_words(&ctx.params.groups.names[g]))
        .collect();
    if groups.len() == 1 {
        return format!(
            "strong evidence comes from one group of sources only ({})",
            names[0]
        );
    }
    format!(
        "strong evidence comes from {} independent groups of sources ({})",
        groups.len(),
        join_and(&names)
    )
}

/// The labels counted in words, strongest first, zeros left out: `2 are
/// corroborated, 1 is supported and 16 have no strong evidence`.
fn label_counts(labels: &[Confidence]) -> String {
    let n = |k: Confidence| labels.iter().filter(|&&c| c == k).count();
    let weak = n(Confidence::Insufficient) + n(Confidence::NoEvidence);
    let parts: Vec<String> = [
        (
            n(Confidence::Corroborated),
            "is corroborated",
            "are corroborated",
        ),
        (n(Confidence::Supported), "is supported", "are supported"),
        (
            n(Confidence::SingleSource),
            "rests on one group of sources",
            "rest on one group of sources",
        ),
        (weak, "has no strong evidence", "have no strong evidence"),
    ]
    .iter()
    .filter(|(k, _, _)| *k > 0)
    .map(|(k, one, many)| format!("{k} {}", if *k == 1 { one } else { many }))
    .collect();
    join_and(&parts)
}

/// The summary of a set of corridors (`mine`, by rank) and movements
/// (`moves`, by rank) — a chapter's, or every one for the overview.
/// `place` names what they touch (`Kyrgyzstan`, `the region`); `silent` are
/// the labels of the types no source of the place speaks for, `withheld`
/// and `unavailable` the types with only such findings there.
pub struct Scope<'s> {
    /// The place in words.
    pub place: &'s str,
    /// How the corridors relate to it: `from, through or into Kyrgyzstan`,
    /// `declared for the region`.
    pub relation: &'s str,
    /// Corridor indices, by rank.
    pub corridors: &'s [usize],
    /// Movement indices, by rank among movements.
    pub movements: &'s [usize],
    /// Types no source of the place speaks for.
    pub silent: &'s [String],
    /// Types whose sources here withheld their data.
    pub withheld: &'s [String],
    /// Types whose sources here had no data.
    pub unavailable: &'s [String],
    /// Types that give strong evidence on none of the corridors.
    pub never_strong: &'s [String],
    /// Number of count tables the page shows.
    pub counts: usize,
}

/// The summary box of `scope`.
pub fn summary(ctx: &Ctx<'_>, scope: &Scope<'_>) -> Summary {
    let model = ctx.model;
    let supported = ctx.params.thresholds.supported;
    let labels: Vec<Confidence> = scope.corridors.iter().map(|&c| ctx.tri[c].2).collect();
    let best_groups = scope
        .corridors
        .iter()
        .map(|&c| ctx.tri[c].1)
        .chain(scope.movements.iter().map(|&m| ctx.movements.tri[m].1))
        .max()
        .unwrap_or(0);
    let thin = best_groups < supported;
    let n = scope.corridors.len();
    let lead = if n == 0 {
        format!(
            "No declared corridor starts in, passes through or ends in {}: there is nothing to judge yet.",
            scope.place
        )
    } else if thin {
        format!(
            "The evidence on smuggling of migrants for {} is thin: none of its {} is confirmed by two independent groups of sources, so what follows are indications, not conclusions. Of them, {}.",
            scope.place,
            count(n, "corridor", "corridors"),
            label_counts(&labels)
        )
    } else {
        format!(
            "Of the {} {}, {}.",
            count(n, "corridor", "corridors"),
            scope.relation,
            label_counts(&labels)
        )
    };

    let mut strongest = Vec::new();
    let mv = &ctx.movements;
    for &m in scope
        .movements
        .iter()
        .filter(|&&m| mv.tri[m].1 > 0)
        .take(STRONGEST)
    {
        let conf = mv.tri[m].2;
        strongest.push(strongest_sentence(
            &format!(
                "The movement \u{201c}{}\u{201d}",
                model.movements[m].label.clone()
            ),
            &rank_text(mv.ranks[m], None),
            &count(mv.scores.len(), "movement", "movements"),
            conf,
            &groups_detail(ctx, &mv.evidence, m, conf),
            None,
        ));
    }
    for &c in scope
        .corridors
        .iter()
        .filter(|&&c| ctx.tri[c].1 > 0)
        .take(STRONGEST)
    {
        let conf = ctx.tri[c].2;
        strongest.push(strongest_sentence(
            &format!(
                "The corridor \u{201c}{}\u{201d}",
                model.corridors[c].label.clone()
            ),
            &rank_text(ctx.ranks[c], None),
            &count(ctx.scores.len(), "corridor", "corridors"),
            conf,
            &groups_detail(ctx, ctx.evidence, c, conf),
            None,
        ));
    }
    if strongest.is_empty() && n > 0 {
        strongest.push(format!(
            "No corridor of {} has strong evidence from any kind of source.",
            scope.place
        ));
    }

    let mut not_shown = Vec::new();
    let label = |c: usize| model.corridors[c].label.clone();
    // Corridors whose evidence points more to another phenomenon.
    for o in &ctx.others {
        let more: Vec<String> = scope
            .corridors
            .iter()
            .copied()
            .filter(|&c| o.tri[c].1 > 0 && o.scores[c] > ctx.scores[c])
            .map(label)
            .collect();
        if !more.is_empty() {
            let what = match o.phenomenon {
                Phenomenon::IrregularMigration => "irregular migration without a smuggler",
                Phenomenon::Trafficking => "trafficking in persons",
                _ => o.phenomenon.words(),
            };
            not_shown.push(format!(
                "For {} the evidence points more to {what} than to smuggling: {}.",
                count(more.len(), "corridor", "corridors"),
                listed(&more)
            ));
        }
    }
    let contested: Vec<String> = scope
        .corridors
        .iter()
        .copied()
        .filter(|&c| ctx.evidence.contested(c, ctx.params.theta))
        .map(label)
        .collect();
    if contested.is_empty() {
        if n > 0 {
            not_shown.push(
                "No kind of source gives strong evidence that smuggling was looked for and not seen on these corridors."
                    .to_string(),
            );
        }
    } else {
        not_shown.push(format!(
            "{} contested: a kind of source gives strong evidence that it looked for smuggling and did not see it ({}).",
            if contested.len() == 1 {
                "One corridor is".to_string()
            } else {
                format!("{} corridors are", contested.len())
            },
            listed(&contested)
        ));
    }
    let weak: Vec<String> = scope
        .corridors
        .iter()
        .copied()
        .filter(|&c| ctx.tri[c].1 == 0)
        .map(label)
        .collect();
    if !weak.is_empty() && weak.len() < n {
        not_shown.push(format!(
            "{} of the {} have no strong evidence from any kind of source: {}.",
            weak.len(),
            count(n, "corridor", "corridors"),
            listed(&weak)
        ));
    }
    if scope.counts > 0 {
        not_shown.push(format!(
            "The evidence does not say how many migrants are smuggled: the {} of counts below come from different sources, periods and units, and are not added up.",
            count(scope.counts, "table", "tables")
        ));
    }

    let mut gaps = Vec::new();
    if !scope.silent.is_empty() {
        gaps.push(format!(
            "No source from {} speaks for {} of the eleven kinds of source: {}.",
            scope.place,
            scope.silent.len(),
            join_and(scope.silent)
        ));
    }
    if !scope.withheld.is_empty() {
        gaps.push(format!(
            "Data were withheld by: {}.",
            join_and(scope.withheld)
        ));
    }
    if !scope.unavailable.is_empty() {
        gaps.push(format!(
            "Data were asked for but not available from: {}.",
            join_and(scope.unavailable)
        ));
    }
    // When no type is strong anywhere the lead has said so already.
    if !scope.never_strong.is_empty() && scope.never_strong.len() < SourceType::ALL.len() && n > 0 {
        gaps.push(format!(
            "None of these corridors has strong evidence from {}.",
            join_and(scope.never_strong)
        ));
    }
    if gaps.is_empty() {
        gaps.push(format!("Every kind of source speaks for {}.", scope.place));
    }
    Summary {
        thin,
        lead,
        strongest,
        not_shown,
        gaps,
    }
}

/// A score with its label meaning, as the dot chart's rows print it.
pub fn dot_note(s: f64, conf: Confidence) -> String {
    format!("{} · {}", score(s), conf.key())
}
