//! The chapter's "vector approach": which kinds of source its sources
//! speak for, and a card per corridor from, through or into the country.

use super::*;

/// A chapter's corridors: (corridor index, the country's role on it), in
/// rank order.
pub(crate) type MineCorridors = Vec<(usize, &'static str)>;

/// The vector section and the chapter's corridors.
pub(crate) fn vector(
    s: &Scope<'_, '_>,
    method: Vec<Para>,
    charts: &mut Charts<'_>,
) -> Result<(VectorSection, MineCorridors), ReportError> {
    let (ctx, model, mine, my_sources, code, name) = (
        s.ctx,
        s.ctx.model,
        s.mine,
        s.my_sources,
        s.code,
        s.name.as_str(),
    );
    let f = |i: usize| s.finding(i);
    // The vector approach: which types this country's sources speak for.
    let mut types = Vec::with_capacity(N_TYPES);
    let (mut observed, mut counter_only) = (Vec::new(), Vec::new());
    for t in SourceType::ALL {
        let sources = my_sources
            .iter()
            .filter(|&&s| model.sources[s].kind == *t)
            .count();
        let (mut ev, mut seen, mut unavailable, mut withheld) = (0, 0, 0, 0);
        for &i in mine.iter().filter(|&&i| f(i).kind == *t) {
            match f(i).finding {
                FindingKind::Observed => {
                    ev += 1;
                    seen += 1;
                }
                FindingKind::NotObserved => ev += 1,
                FindingKind::Unavailable => unavailable += 1,
                FindingKind::Withheld => withheld += 1,
            }
        }
        let (status, status_label) = if ev > 0 {
            ("used", "used")
        } else if withheld > 0 {
            ("withheld", "gap: withheld")
        } else if unavailable > 0 {
            ("unavailable", "gap: unavailable")
        } else {
            ("none", "gap: no source")
        };
        // The study's "indicators that produced observations" are the
        // kinds with an observed finding; a kind whose sources only
        // looked and saw nothing is used, but produced none.
        if seen > 0 {
            observed.push(t.label().to_string());
        } else if ev > 0 {
            counter_only.push(t.label().to_string());
        }
        types.push(TypeUse {
            key: t.key(),
            label: t.label(),
            group: ctx.params.groups.name_of(*t).to_string(),
            status,
            status_label,
            sources,
            evidence: ev,
            gaps: unavailable + withheld,
        });
    }
    let used = types
        .iter()
        .filter(|t| t.status == "used")
        .map(|t| t.label.to_string())
        .collect();
    let gap_labels: Vec<String> = types
        .iter()
        .filter(|t| t.status != "used")
        .map(|t| t.label.to_string())
        .collect();
    let mine_corridors: Vec<(usize, &'static str)> = ctx
        .order
        .iter()
        .filter_map(|&c| ctx.role(&model.corridors[c], code).map(|r| (c, r)))
        .collect();
    let mut cards = Vec::with_capacity(mine_corridors.len());
    for (k, &(c, role)) in mine_corridors.iter().enumerate() {
        let cor = &model.corridors[c];
        let (types_n, groups_n, conf) = ctx.tri[c];
        // The audit's interval and single-source flag, when it ran.
        let doubt = ctx.opts.doubts.get(&cor.id);
        let interval: Option<RankInterval> = doubt.map(|d| RankInterval {
            low: d.low,
            high: d.high,
        });
        cards.push(CorridorCard {
            id: cor.id.clone(),
            label: cor.label.clone(),
            role,
            rank: ctx.ranks[c],
            interval,
            rests_on_one_source: doubt.map(|d| d.rests_on_one_source),
            rank_words: format!(
                "{} of {}",
                crate::summary::rank_text(ctx.ranks[c], interval),
                ctx.scores.len()
            ),
            strength_words: crate::summary::strength_words(ctx, ctx.evidence, c, conf),
            full: k < FULL_CARDS && groups_n > 0,
            of: ctx.scores.len(),
            score: score(ctx.scores[c]),
            confidence: conf.key(),
            types: types_n,
            groups: groups_n,
            values: SourceType::ALL
                .iter()
                .map(|t| TypeValue {
                    key: t.key(),
                    label: t.label(),
                    value: score(ctx.evidence.vector[(c, t.index())]),
                })
                .collect(),
            chart: vector_chart(ctx, charts, c)?,
            conflicts: ctx
                .evidence
                .conflicts(c, ctx.params.theta)
                .iter()
                .map(conflict_plain)
                .collect(),
            contested: ctx.evidence.contested(c, ctx.params.theta),
            beside: ctx.others.iter().map(|o| beside(o, c)).collect(),
            movements: model
                .movements
                .iter()
                .filter(|m| m.corridors.contains(&c))
                .map(|m| m.label.clone())
                .collect(),
        });
    }
    let sentence = observations_sentence(name, &observed, &counter_only, &gap_labels);
    let vector = VectorSection {
        sentence,
        method,
        types,
        used,
        observed,
        counter_only,
        gaps: gap_labels,
        corridors: cards,
    };
    Ok((vector, mine_corridors))
}
