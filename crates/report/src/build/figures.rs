//! The charts of the pages: each strength-vector chart rendered once per
//! corridor and shared by every page that shows it, and the sorted dot
//! chart of a page's corridors.

use super::*;

/// Renders each chart once and remembers it: the Markdown output writes
/// every chart as a file. Vector charts, shared by every chapter a corridor
/// appears in, are rendered beforehand by [`vector_charts`]; each chapter
/// builder renders its own route charts.
pub struct Charts<'t> {
    templates: &'t Templates,
    shared: &'t BTreeMap<String, String>,
    /// SVG rendered by this builder, by file path.
    pub files: BTreeMap<String, String>,
}

impl<'t> Charts<'t> {
    /// A builder that reuses `shared` and renders the rest.
    pub fn new(templates: &'t Templates, shared: &'t BTreeMap<String, String>) -> Self {
        Charts {
            templates,
            shared,
            files: BTreeMap::new(),
        }
    }

    pub(crate) fn get_or_render<V: serde::Serialize>(
        &mut self,
        file: String,
        alt: String,
        template: &str,
        make: impl FnOnce() -> V,
    ) -> Result<ChartRef, ReportError> {
        let svg = match self.shared.get(&file).or_else(|| self.files.get(&file)) {
            Some(s) => s.clone(),
            None => {
                let s = self.templates.render(template, &make(), &file)?;
                self.files.insert(file.clone(), s.clone());
                s
            }
        };
        Ok(ChartRef { file, alt, svg })
    }
}

/// The file of corridor `c`'s vector chart.
pub(crate) fn vector_file(ctx: &Ctx<'_>, c: usize) -> String {
    format!("charts/vector-{}.svg", ctx.model.corridors[c].id)
}

/// Renders the vector chart of every corridor that appears in a chapter,
/// in parallel; keyed by file path.
pub fn vector_charts(
    ctx: &Ctx<'_>,
    templates: &Templates,
) -> Result<BTreeMap<String, String>, ReportError> {
    let wanted: Vec<usize> = (0..ctx.model.corridors.len())
        .filter(|&c| {
            ctx.chapters
                .iter()
                .any(|code| ctx.role(&ctx.model.corridors[c], code).is_some())
        })
        .collect();
    let empty = BTreeMap::new();
    let rendered: Vec<(String, String)> = wanted
        .par_iter()
        .map(|&c| {
            let mut charts = Charts::new(templates, &empty);
            let r = vector_chart(ctx, &mut charts, c)?;
            Ok((r.file, r.svg))
        })
        .collect::<Result<_, ReportError>>()?;
    Ok(rendered.into_iter().collect())
}

/// The strength-vector chart of corridor `c`.
pub(crate) fn vector_chart(
    ctx: &Ctx<'_>,
    charts: &mut Charts<'_>,
    c: usize,
) -> Result<ChartRef, ReportError> {
    let cor = &ctx.model.corridors[c];
    let alt = format!(
        "Strength of the evidence of smuggling by kind of source: {}",
        cor.label.clone()
    );
    charts.get_or_render(vector_file(ctx, c), alt.clone(), "vector.svg.tera", || {
        let values: Vec<VectorInput> = SourceType::ALL
            .iter()
            .map(|t| VectorInput {
                label: t.label(),
                value: ctx.evidence.vector[(c, t.index())],
                group: ctx.params.groups.of_type[t.index()],
            })
            .collect();
        let (_, _, conf) = ctx.tri[c];
        charts::vector_chart(
            alt,
            format!(
                "rank {} of {} · score {} · {conf}",
                ctx.ranks[c],
                ctx.scores.len(),
                score(ctx.scores[c])
            ),
            &values,
            &ctx.params.groups.names,
            ctx.params.theta,
        )
    })
}

/// How many of a chapter's corridors get a full card (chart and all); the
/// others are collapsed.
pub(crate) const FULL_CARDS: usize = 3;

/// The labels of the types that give strong evidence on none of `cs`.
pub(crate) fn never_strong(ctx: &Ctx<'_>, cs: &[usize]) -> Vec<String> {
    SourceType::ALL
        .iter()
        .filter(|t| {
            !cs.iter()
                .any(|&c| ctx.evidence.vector[(c, t.index())] >= ctx.params.theta)
        })
        .map(|t| t.label().to_string())
        .collect()
}

/// The sorted dot chart of corridors `cs` (in rank order).
pub(crate) fn dot_chart(
    ctx: &Ctx<'_>,
    charts: &mut Charts<'_>,
    cs: &[usize],
    file: &str,
    place: &str,
) -> Result<ChartRef, ReportError> {
    let alt = format!(
        "Smuggling score of every corridor of {place}, strongest first, with its rank and label"
    );
    charts.get_or_render(file.into(), alt.clone(), "dots.svg.tera", || {
        let rows: Vec<crate::dots::DotInput> = cs
            .iter()
            .map(|&c| {
                let conf = ctx.tri[c].2;
                crate::dots::DotInput {
                    label: ctx.model.corridors[c].label.clone(),
                    anchor: format!("corridor-{}", ctx.model.corridors[c].id),
                    score: ctx.scores[c],
                    note: format!(
                        "{} · score {} · {}",
                        crate::summary::rank_text(ctx.ranks[c], None),
                        score(ctx.scores[c]),
                        conf.key()
                    ),
                    confidence: conf.key(),
                }
            })
            .collect();
        crate::dots::dot_chart(alt, &rows)
    })
}
