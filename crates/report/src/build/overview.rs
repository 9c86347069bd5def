//! The regional overview (every corridor and movement ranked, the heat
//! map) and the index page.

use super::*;

/// Builds the regional overview.
pub fn overview(ctx: &Ctx<'_>, charts: &mut Charts<'_>) -> Result<OverviewView, ReportError> {
    let model = ctx.model;
    let mut notes = Notes::new(ctx);
    let region = region::view(ctx, &mut notes);
    let chapters: Vec<(String, String)> = ctx
        .chapters
        .iter()
        .map(|c| (c.clone(), ctx.country_name(c)))
        .collect();
    let rows: Vec<OverviewRow> = ctx
        .order
        .iter()
        .map(|&c| {
            let cor = &model.corridors[c];
            let (types, groups, conf) = ctx.tri[c];
            OverviewRow {
                rank: ctx.ranks[c],
                id: cor.id.clone(),
                label: cor.label.clone(),
                score: score(ctx.scores[c]),
                confidence: conf.key(),
                types,
                groups,
                cells: SourceType::ALL
                    .iter()
                    .map(|t| crate::fmt::cell(ctx.evidence.vector[(c, t.index())]))
                    .collect(),
                conflicts: ctx.evidence.conflicts(c, ctx.params.theta).len(),
                contested: ctx.evidence.contested(c, ctx.params.theta),
                beside: ctx.others.iter().map(|o| beside(o, c)).collect(),
                chapters: chapters
                    .iter()
                    .filter(|(code, _)| ctx.role(cor, code).is_some())
                    .map(|(code, name)| Link {
                        stem: code.clone(),
                        label: name.clone(),
                        current: false,
                    })
                    .collect(),
            }
        })
        .collect();
    let mv = &ctx.movements;
    let movements = mv
        .order
        .iter()
        .map(|&k| {
            let m = &model.movements[k];
            let (types, groups, conf) = mv.tri[k];
            MovementRow {
                rank: mv.ranks[k],
                id: m.id.clone(),
                label: m.label.clone(),
                score: score(mv.scores[k]),
                confidence: conf.key(),
                contested: mv.evidence.contested(k, ctx.params.theta),
                types,
                groups,
                corridors: m
                    .corridors
                    .iter()
                    .map(|&c| model.corridors[c].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                beside: ctx.movement_others.iter().map(|o| beside(o, k)).collect(),
            }
        })
        .collect();
    let confidence = [
        Confidence::Corroborated,
        Confidence::Supported,
        Confidence::SingleSource,
        Confidence::Insufficient,
        Confidence::NoEvidence,
    ]
    .iter()
    .map(|k| LabelCount {
        label: k.key(),
        count: ctx.tri.iter().filter(|t| t.2 == *k).count(),
    })
    .collect();
    let alt = "Strength of the evidence of smuggling for every corridor (rows, by rank) and kind of source (columns)";
    let heatmap = charts.get_or_render(
        "charts/heatmap.svg".into(),
        alt.into(),
        "heatmap.svg.tera",
        || {
            let labels: Vec<&'static str> = SourceType::ALL.iter().map(|t| t.label()).collect();
            let inputs: Vec<HeatInput> = ctx
                .order
                .iter()
                .map(|&c| HeatInput {
                    label: format!("{}. {}", ctx.ranks[c], model.corridors[c].label.clone()),
                    confidence: ctx.tri[c].2.key(),
                    values: SourceType::ALL
                        .iter()
                        .map(|t| ctx.evidence.vector[(c, t.index())])
                        .collect(),
                })
                .collect();
            charts::heat_map(alt.into(), &labels, &inputs, ctx.params.theta)
        },
    )?;
    let all: Vec<usize> = ctx.order.to_vec();
    let type_labels = |keep: &dyn Fn(&Finding) -> bool| -> Vec<String> {
        SourceType::ALL
            .iter()
            .filter(|t| model.findings.iter().any(|f| f.kind == **t && keep(f)))
            .map(|t| t.label().to_string())
            .collect()
    };
    let spoken = type_labels(&|f| f.finding.is_evidence());
    let silent: Vec<String> = SourceType::ALL
        .iter()
        .map(|t| t.label().to_string())
        .filter(|l| !spoken.contains(l))
        .collect();
    let withheld = type_labels(&|f| f.finding == FindingKind::Withheld);
    let unavailable = type_labels(&|f| f.finding == FindingKind::Unavailable);
    let never = never_strong(ctx, &all);
    let summary = crate::summary::summary(
        ctx,
        &crate::summary::Scope {
            place: "the region",
            relation: "declared for the region",
            corridors: &all,
            movements: &ctx.movements.order,
            silent: &silent,
            withheld: &withheld,
            unavailable: &unavailable,
            never_strong: &never,
            counts: 0,
        },
    );
    let dots = dot_chart(ctx, charts, &all, "charts/dots.svg", "the region")?;
    Ok(OverviewView {
        summary,
        dots,
        page: ctx.page(
            "Central Asia — smuggling of migrants, regional overview".into(),
            "overview",
        ),
        types: ctx.type_heads(),
        movements,
        corridors: rows,
        confidence,
        heatmap,
        region,
        footnotes: notes.list,
        map: crate::map::region_map(ctx, charts)?,
    })
}

/// Builds the index page.
pub fn index(ctx: &Ctx<'_>) -> IndexView {
    let model = ctx.model;
    let empty = Vec::new();
    let chapters = ctx
        .chapters
        .iter()
        .map(|code| ChapterLink {
            stem: code.clone(),
            name: ctx.country_name(code),
            sources: ctx
                .sources_by_country
                .get(code.as_str())
                .unwrap_or(&empty)
                .len(),
            findings: ctx.by_country.get(code.as_str()).unwrap_or(&empty).len(),
            corridors: model
                .corridors
                .iter()
                .filter(|c| ctx.role(c, code).is_some())
                .count(),
        })
        .collect();
    IndexView {
        page: ctx.page(
            "Smuggling of migrants in Central Asia: the vector approach".into(),
            "index",
        ),
        chapters,
        audit_md: ctx.opts.audit.markdown,
        audit_html: ctx.opts.audit.html,
        totals: Totals {
            sources: model.sources.len(),
            findings: model.findings.len(),
            corridors: model.corridors.len(),
        },
        types: ctx.type_heads(),
    }
}
