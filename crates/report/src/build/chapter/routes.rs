//! Section 2, smuggling routes: each route titled by its stops, on the
//! map where its stops have coordinates, as a diagram where not.

use super::*;

/// Section 2.
pub(crate) fn routes(
    s: &Scope<'_, '_>,
    notes: &mut Notes<'_, '_>,
    charts: &mut Charts<'_>,
) -> Result<RoutesSection, ReportError> {
    let (ctx, model, mine, code, name) = (s.ctx, s.ctx.model, s.mine, s.code, s.name.as_str());
    let f = |i: usize| s.finding(i);
    let evidence_of = |d: Dimension| s.evidence_of(d);
    // 2. Smuggling routes.
    let mut routes = Vec::new();
    let mut map_routes = Vec::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(legs) = &fi.route else { continue };
        let statement = notes.statement(i);
        let legs: Vec<LegView> = legs
            .iter()
            .map(|l| {
                let country = model.place_country(&l.to);
                LegView {
                    place: ctx.place(&l.to),
                    country: if country == l.to {
                        String::new()
                    } else {
                        ctx.country_name(country)
                    },
                    mode: l.mode.map(mode_word).unwrap_or(""),
                }
            })
            .collect();
        let path = legs
            .iter()
            .map(|l| {
                if l.mode.is_empty() {
                    l.place.clone()
                } else {
                    format!("({}) {}", l.mode, l.place)
                }
            })
            .collect::<Vec<_>>()
            .join(" → ");
        let n = routes.len() + 1;
        let names: Vec<String> = legs.iter().map(|l| l.place.clone()).collect();
        let on_map = crate::map::route(model, n, fi.route.as_deref().unwrap_or_default(), &names);
        let file = format!("charts/{code}-route-{n}.svg");
        let alt = format!("Route {n} of {name}: {path}");
        let stops: Vec<StopInput> = legs
            .iter()
            .map(|l| StopInput {
                name: l.place.clone(),
                sub: l.country.clone(),
                mode: l.mode,
            })
            .collect();
        // A route drawn whole on the map needs no diagram.
        let chart = if on_map.needs_diagram() {
            Some(
                charts.get_or_render(file, alt.clone(), "route.svg.tera", || {
                    charts::route_diagram(alt, &stops)
                })?,
            )
        } else {
            None
        };
        // Titled by every stop.
        let title = names.join(" → ");
        routes.push(RouteView {
            title,
            source: ctx.source_label(model.source_of(fi)),
            statement,
            legs,
            path,
            chart,
            off_map: on_map.off_map(),
        });
        map_routes.push(on_map);
    }
    let route_statements = evidence_of(Dimension::Routes)
        .filter(|&i| f(i).route.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let routes = RoutesSection {
        map: crate::map::chapter_map(code, name, &map_routes, charts)?,
        routes,
        statements: route_statements,
    };
    Ok(routes)
}
