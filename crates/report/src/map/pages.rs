//! The maps of the pages: a chapter's map of its routes and the overview's
//! map of the region, rendered through `map.svg.tera` like every chart
//! (so the Markdown output writes them as files under `charts/`).

use super::{MapFigure, MapRoute, caption, country_frame, layout, layout_in, route};
use crate::ReportError;
use crate::build::{Charts, Ctx};

/// The map of a chapter's routes (numbered as the chapter numbers them),
/// or `None` when none of them can be drawn.
pub fn chapter_map(
    code: &str,
    name: &str,
    routes: &[MapRoute],
    charts: &mut Charts<'_>,
) -> Result<Option<MapFigure>, ReportError> {
    let title = format!("Map of the smuggling routes reported in {name}");
    let Some(main) = layout(title.clone(), routes, &[code.to_string()], true) else {
        return Ok(None);
    };
    let mut caption = caption(routes, "of this chapter", true);
    // Where the whole map had no room to name every stop, a second map
    // shows the country and its borders, where most stops lie.
    let detail_title = format!("Detail: the smuggling routes reported in {name}, around {name}");
    let detail = match (main.unlabelled, country_frame(code)) {
        (1.., Some(frame)) => layout_in(
            detail_title.clone(),
            routes,
            &[code.to_string()],
            true,
            Some(frame),
        )
        .filter(|d| d.dots.len() >= 2),
        _ => None,
    };
    let detail = match detail {
        Some(d) => {
            caption.push_str(&format!(
                " The second map shows {name} and its borders in detail."
            ));
            Some(charts.get_or_render(
                format!("charts/{code}-map-detail.svg"),
                detail_title,
                "map.svg.tera",
                || d,
            )?)
        }
        None => None,
    };
    let chart = charts.get_or_render(
        format!("charts/{code}-map.svg"),
        title,
        "map.svg.tera",
        || main,
    )?;
    Ok(Some(MapFigure {
        chart,
        detail,
        caption,
    }))
}

/// The map of every route of the region: each finding of a kind that is
/// evidence (observed or not observed) with a route, in finding order;
/// the chapters' countries shaded. `None` when none can be drawn.
pub fn region_map(
    ctx: &Ctx<'_>,
    charts: &mut Charts<'_>,
) -> Result<Option<MapFigure>, ReportError> {
    let model = ctx.model;
    let routes: Vec<MapRoute> = model
        .findings
        .iter()
        .filter(|f| f.finding.is_evidence())
        .filter_map(|f| f.route.as_deref())
        .enumerate()
        .map(|(k, legs)| {
            // Names as the chapters print them.
            let names: Vec<String> = legs.iter().map(|l| model.place_name(&l.to)).collect();
            route(model, k + 1, legs, &names)
        })
        .collect();
    let title = "Map of the smuggling routes reported in the region".to_string();
    let Some(chart) = layout(title.clone(), &routes, &ctx.chapters, false) else {
        return Ok(None);
    };
    let chart = charts.get_or_render("charts/map.svg".into(), title, "map.svg.tera", || chart)?;
    Ok(Some(MapFigure {
        chart,
        detail: None,
        caption: caption(&routes, "reported in the chapters", false),
    }))
}
