//! A country chapter: its corridors, then the study's sections in their
//! order (forms of entry and magnitude, routes, organisation, fees,
//! profile, recommendations), each footnoted. One module per section;
//! they are called in the order the page prints them, so footnote numbers
//! ascend down the page.

use super::*;

mod fees;
mod gaps;
mod magnitude;
mod organisation;
mod profile;
mod routes;
mod vector;

/// What every section of one chapter reads: the context, the country, and
/// the findings and sources reporting from it (indices, model order).
pub(crate) struct Scope<'c, 'a> {
    pub(crate) ctx: &'c Ctx<'a>,
    pub(crate) code: &'c str,
    pub(crate) name: String,
    pub(crate) mine: &'c [usize],
    pub(crate) my_sources: &'c [usize],
}

impl<'c, 'a> Scope<'c, 'a> {
    /// Finding `i` of the model.
    pub(crate) fn finding(&self, i: usize) -> &'a Finding {
        &self.ctx.model.findings[i]
    }

    /// The country's findings of dimension `d` that are evidence (observed
    /// or not observed), in model order.
    pub(crate) fn evidence_of(&self, d: Dimension) -> impl Iterator<Item = usize> + '_ {
        self.mine.iter().copied().filter(move |&i| {
            let f = self.finding(i);
            f.dimension == d && f.finding.is_evidence()
        })
    }
}

/// Builds the chapter of `code`.
pub fn chapter(
    ctx: &Ctx<'_>,
    code: &str,
    charts: &mut Charts<'_>,
) -> Result<ChapterView, ReportError> {
    let model = ctx.model;
    let mut notes = Notes::new(ctx);
    let file = ctx.country_file(code);
    let name = ctx.country_name(code);
    let empty: Vec<usize> = Vec::new();
    let mine: &[usize] = ctx.by_country.get(code).unwrap_or(&empty);
    let my_sources: &[usize] = ctx.sources_by_country.get(code).unwrap_or(&empty);

    let context = file.map(|c| notes.paras(&c.context)).unwrap_or_default();
    let legislation = file
        .map(|c| notes.paras(&c.legislation))
        .unwrap_or_default();
    let method = file.map(|c| notes.paras(&c.method)).unwrap_or_default();
    let scope = Scope {
        ctx,
        code,
        name: name.clone(),
        mine,
        my_sources,
    };

    let (vector, mine_corridors) = vector::vector(&scope, method, charts)?;

    let magnitude = magnitude::magnitude(&scope, &mut notes);
    let routes = routes::routes(&scope, &mut notes, charts)?;
    let organization = organisation::organisation(&scope, &mut notes);
    let fees = fees::fees(&scope, &mut notes);
    let profile = profile::profile(&scope, &mut notes);

    // 6. National recommendations.
    let recommendations = file
        .map(|c| notes.paras(&c.recommendations))
        .unwrap_or_default();

    let gaps = gaps::gaps(&scope, &mut notes, &vector, &mine_corridors);

    let corridor_ids: Vec<usize> = mine_corridors.iter().map(|&(c, _)| c).collect();
    let moves: Vec<usize> = ctx
        .movements
        .order
        .iter()
        .copied()
        .filter(|&m| {
            model.movements[m]
                .corridors
                .iter()
                .any(|c| corridor_ids.contains(c))
        })
        .collect();
    let labels_of = |keep: &dyn Fn(&TypeGap) -> bool| -> Vec<String> {
        gaps.types
            .iter()
            .filter(|g| keep(g))
            .map(|g| g.label.to_string())
            .collect()
    };
    let withheld = labels_of(&|g| !g.withheld.is_empty());
    let unavailable = labels_of(&|g| !g.unavailable.is_empty());
    let never_strong = never_strong(ctx, &corridor_ids);
    let summary = crate::summary::summary(
        ctx,
        &crate::summary::Scope {
            place: &name,
            relation: &format!("from, through or into {name}"),
            corridors: &corridor_ids,
            movements: &moves,
            silent: &gaps.silent,
            withheld: &withheld,
            unavailable: &unavailable,
            never_strong: &never_strong,
            counts: magnitude.topics.len(),
        },
    );
    let dots = dot_chart(
        ctx,
        charts,
        &corridor_ids,
        &format!("charts/{code}-dots.svg"),
        &name,
    )?;
    Ok(ChapterView {
        summary,
        dots,
        page: ctx.page(
            format!("{name} — smuggling of migrants, country chapter"),
            code,
        ),
        country: CountryView {
            corridors_anchor: github_anchor(&format!("Corridors from, through and into {name}")),
            code: code.to_string(),
            name,
            has_file: file.is_some(),
            sources: my_sources.len(),
            findings: mine.len(),
        },
        context,
        legislation,
        vector,
        magnitude,
        routes,
        organization,
        fees,
        profile,
        recommendations,
        gaps,
        footnotes: notes.list,
        sources: notes.sources.list,
    })
}
