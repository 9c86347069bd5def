//! Route maps: each chapter's routes, and the region's, drawn over country
//! outlines (`map.svg.tera`). Stops are places with coordinates
//! (`places.yaml`) or whole countries, drawn at a point inside them (the
//! outline data's label point); a place without coordinates is left off
//! the map and named under its route, which then keeps its diagram too.
//! A route with fewer than two stops on the map is not drawn and keeps
//! only its diagram.
//!
//! The projection is equirectangular with standard parallel 40° N
//! ([`outlines::project`]), fitted to the stops of the map with a margin.
//! Legs shared by several routes are drawn once, wider the more routes use
//! them, each with an arrowhead at its middle; a leg's tooltip lists its
//! routes by number, as numbered in the chapter. Every coordinate goes
//! through `fmt::px`, and every list is in a fixed order (stops by first
//! use, legs by first use), so the same inputs give the same bytes.

pub mod labels;
pub mod outlines;
mod pages;

pub use pages::{chapter_map, region_map};

use crate::fmt::px;
use corridor_schema::Model;
use corridor_schema::files::Leg;
use serde::Serialize;

/// The map's width in SVG units: the compact chart width, so that a phone
/// draws it at its own size and its labels stay at 11 px.
pub const WIDTH: f64 = crate::dots::NARROW;
/// The smallest and largest height of a map.
const MIN_H: f64 = 200.0;
const MAX_H: f64 = 420.0;
/// Space around the stops, in degrees of latitude.
const MARGIN: f64 = 2.5;
/// Radius of a stop's dot.
const DOT: f64 = 3.0;

/// One stop of a route as the map sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapStop {
    /// The stop's id (place or country code).
    pub id: String,
    /// Its name, as the audience may see it.
    pub name: String,
    /// Longitude and latitude, when it can be drawn.
    pub at: Option<(f64, f64)>,
    /// Whether it is a whole country (drawn hollow, at a point inside it).
    pub country: bool,
}

/// One route: its number in its section and its stops.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRoute {
    /// The route's number in its chapter (1, 2, …).
    pub n: usize,
    /// Its stops, in travel order.
    pub stops: Vec<MapStop>,
}

impl MapRoute {
    /// Whether the route is drawn: two of its stops can be.
    pub fn on_map(&self) -> bool {
        self.stops.iter().filter(|s| s.at.is_some()).count() >= 2
    }

    /// The stops of a drawn route that cannot be drawn, by name, in travel
    /// order (empty for a route that is not drawn at all: the map's caption
    /// says which routes it shows).
    pub fn off_map(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if !self.on_map() {
            return out;
        }
        for s in self.stops.iter().filter(|s| s.at.is_none()) {
            if !out.contains(&s.name) {
                out.push(s.name.clone());
            }
        }
        out
    }

    /// Whether the route needs its diagram: it is not drawn, or some of its
    /// stops are missing from the map.
    pub fn needs_diagram(&self) -> bool {
        !self.on_map() || self.stops.iter().any(|s| s.at.is_none())
    }
}

/// Where stop `id` of a route is: a place's own coordinates, or for a
/// country code the point inside it of the outline data. A place without
/// coordinates and a region have none (a region has no one point, and a
/// place drawn at its country's point would be drawn hundreds of
/// kilometres off).
pub(crate) fn locate(model: &Model, id: &str) -> (Option<(f64, f64)>, bool) {
    if let Ok(i) = model.places.binary_search_by(|p| p.id.as_str().cmp(id)) {
        let p = &model.places[i];
        return (p.lon.zip(p.lat), false);
    }
    if corridor_schema::codes::is_country(id) {
        return (outlines::country(id).map(|c| c.label), true);
    }
    (None, false)
}

/// The map view of route `legs`, numbered `n`, with the stop names the
/// chapter prints (`names[i]` for `legs[i]`).
pub(crate) fn route(model: &Model, n: usize, legs: &[Leg], names: &[String]) -> MapRoute {
    MapRoute {
        n,
        stops: legs
            .iter()
            .zip(names)
            .map(|(l, name)| {
                let (at, country) = locate(model, &l.to);
                MapStop {
                    id: l.to.clone(),
                    name: name.clone(),
                    at,
                    country,
                }
            })
            .collect(),
    }
}

/// One country outline, projected and clipped.
#[derive(Debug, Clone, Serialize)]
pub struct MapCountry {
    /// SVG path data.
    pub d: String,
    /// Whether it is a country of the page's chapters (shaded).
    pub home: bool,
}

/// One leg, drawn once for all the routes that use it.
#[derive(Debug, Clone, Serialize)]
pub struct MapLeg {
    /// SVG path data.
    pub d: String,
    /// Line width.
    pub width: String,
    /// The arrowhead at its middle, as polygon points.
    pub head: String,
    /// Tooltip: `Delhi → Bishkek: routes 1, 3 and 5`.
    pub title: String,
}

/// One stop's dot.
#[derive(Debug, Clone, Serialize)]
pub struct MapDot {
    /// Centre x.
    pub cx: String,
    /// Centre y.
    pub cy: String,
    /// Whether it stands for a whole country (hollow).
    pub country: bool,
    /// Tooltip: the full name.
    pub title: String,
}

/// One stop's label.
#[derive(Debug, Clone, Serialize)]
pub struct MapLabel {
    /// Anchor x.
    pub x: String,
    /// Baseline.
    pub y: String,
    /// `start`, `end` or `middle`.
    pub anchor: &'static str,
    /// The text (shortened when crowded; the dot's tooltip has it whole).
    pub text: String,
}

/// A route map: `map.svg.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct MapChart {
    /// Accessible title.
    pub title: String,
    /// Canvas width.
    pub width: String,
    /// Canvas height.
    pub height: String,
    /// Label font size.
    pub font: String,
    /// Dot radius.
    pub r: String,
    /// Country outlines.
    pub countries: Vec<MapCountry>,
    /// Legs.
    pub legs: Vec<MapLeg>,
    /// Stops.
    pub dots: Vec<MapDot>,
    /// Stop labels that found a place.
    pub labels: Vec<MapLabel>,
    /// How many stops drawn found no room for their label.
    #[serde(skip)]
    pub unlabelled: usize,
}

/// "routes 1, 3 and 5" / "route 2".
fn route_list(ns: &[usize]) -> String {
    let words: Vec<String> = ns.iter().map(usize::to_string).collect();
    match words.as_slice() {
        [one] => format!("route {one}"),
        [init @ .., last] => format!("routes {} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// Lays out the map of `routes` (those not [`MapRoute::on_map`] are
/// skipped); `home` are the countries of the page's chapters, shaded. A leg's tooltip
/// names its routes by number when `numbered` (a chapter, whose routes are
/// numbered), else counts them. `None` when no route can be drawn.
pub fn layout(
    title: String,
    routes: &[MapRoute],
    home: &[String],
    numbered: bool,
) -> Option<MapChart> {
    layout_in(title, routes, home, numbered, None)
}

/// The frame of a detail map of country `code`: its outline's extent in
/// the box of the data, with a margin, as (west, south, east, north)
/// degrees. `None` when the data has no outline of it.
pub fn country_frame(code: &str) -> Option<(f64, f64, f64, f64)> {
    let c = outlines::country(code)?;
    let pts = c.rings.iter().flatten();
    let (w, s, e, n) = pts.fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(w, s, e, n), &(lon, lat)| (w.min(lon), s.min(lat), e.max(lon), n.max(lat)),
    );
    (w < e).then_some((w - 1.0, s - 1.0, e + 1.0, n + 1.0))
}

/// [`layout`], or with `frame` (west, south, east, north degrees) a
/// detail map of that frame: stops outside it are not drawn, legs running
/// out of it are cut by the map's edge.
pub fn layout_in(
    title: String,
    routes: &[MapRoute],
    home: &[String],
    numbered: bool,
    frame: Option<(f64, f64, f64, f64)>,
) -> Option<MapChart> {
    let drawn: Vec<&MapRoute> = routes.iter().filter(|r| r.on_map()).collect();
    if drawn.is_empty() {
        return None;
    }
    // Stops by first use; a stop is its id (one place, one dot).
    let mut stops: Vec<(&MapStop, (f64, f64), usize)> = Vec::new();
    for s in drawn.iter().flat_map(|r| &r.stops) {
        let Some(at) = s.at else { continue };
        match stops.iter_mut().find(|(t, _, _)| t.id == s.id) {
            Some(t) => t.2 += 1,
            None => stops.push((s, outlines::project(at), 1)),
        }
    }
    // The frame: the stops' extent with a margin (or the frame asked
    // for), fitted to the width and widened (or heightened) to an aspect
    // between MIN_H and MAX_H.
    let (mut x0, x1, mut y0, y1) = match frame {
        Some((w, south, e, n)) => {
            let (a, b) = (outlines::project((w, n)), outlines::project((e, south)));
            (a.0, b.0, a.1, b.1)
        }
        None => {
            let (x0, x1, y0, y1) = stops.iter().fold(
                (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
                |(a, b, c, d), (_, (x, y), _)| (a.min(*x), b.max(*x), c.min(*y), d.max(*y)),
            );
            // Labels run to the right: leave room for them.
            (x0 - MARGIN, x1 + 2.0 * MARGIN, y0 - MARGIN, y1 + MARGIN)
        }
    };
    let mut scale = WIDTH / (x1 - x0);
    let mut height = (y1 - y0) * scale;
    if height > MAX_H {
        scale = MAX_H / (y1 - y0);
        let extra = WIDTH / scale - (x1 - x0);
        x0 -= extra / 2.0;
        height = MAX_H;
    } else if height < MIN_H {
        let extra = MIN_H / scale - (y1 - y0);
        y0 -= extra / 2.0;
        height = MIN_H;
    }
    let to_px = |(x, y): (f64, f64)| ((x - x0) * scale, (y - y0) * scale);
    let shown = |at: (f64, f64)| {
        let (x, y) = to_px(at);
        (0.0..=WIDTH).contains(&x) && (0.0..=height).contains(&y)
    };
    let countries = outlines::COUNTRIES
        .iter()
        .filter_map(|c| {
            let mut d = String::new();
            for ring in &c.rings {
                let pts: Vec<(f64, f64)> =
                    ring.iter().map(|&p| to_px(outlines::project(p))).collect();
                let clipped = outlines::clip(&pts, WIDTH, height);
                // Points closer than half a unit to the last one drawn add
                // bytes, not shape.
                let mut last: Option<(f64, f64)> = None;
                let mut n = 0;
                let mut ring_d = String::new();
                for p in clipped {
                    if last.is_some_and(|l: (f64, f64)| {
                        (l.0 - p.0).abs() < 0.5 && (l.1 - p.1).abs() < 0.5
                    }) {
                        continue;
                    }
                    ring_d.push_str(if n == 0 { "M" } else { " " });
                    ring_d.push_str(&px(p.0));
                    ring_d.push(' ');
                    ring_d.push_str(&px(p.1));
                    last = Some(p);
                    n += 1;
                }
                if n >= 3 {
                    d.push_str(&ring_d);
                    d.push('Z');
                }
            }
            (!d.is_empty()).then(|| MapCountry {
                d,
                home: home.contains(&c.code),
            })
        })
        .collect();
    // Legs by first use, each with the routes that take it.
    let mut legs: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for r in &drawn {
        let idx: Vec<usize> = r
            .stops
            .iter()
            .filter(|s| s.at.is_some())
            .filter_map(|s| stops.iter().position(|(t, _, _)| t.id == s.id))
            .collect();
        for w in idx.windows(2) {
            if w[0] == w[1] {
                continue;
            }
            match legs.iter_mut().find(|(a, b, _)| (*a, *b) == (w[0], w[1])) {
                Some(l) => {
                    if !l.2.contains(&r.n) {
                        l.2.push(r.n);
                    }
                }
                None => legs.push((w[0], w[1], vec![r.n])),
            }
        }
    }
    let legs = legs
        .iter()
        .map(|(a, b, ns)| {
            let (p, q) = (to_px(stops[*a].1), to_px(stops[*b].1));
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let (ux, uy) = (dx / len, dy / len);
            // Shifted to the right of its direction, so that a leg and its
            // return do not hide each other.
            let (ox, oy) = (-uy * 2.0, ux * 2.0);
            let width = 1.2 + 0.8 * (ns.len().min(6) as f64);
            let (mx, my) = ((p.0 + q.0) / 2.0 + ox, (p.1 + q.1) / 2.0 + oy);
            let head = 3.0 + width;
            let tip = (mx + ux * head / 2.0, my + uy * head / 2.0);
            let back = (mx - ux * head / 2.0, my - uy * head / 2.0);
            MapLeg {
                d: format!(
                    "M{} {}L{} {}",
                    px(p.0 + ox),
                    px(p.1 + oy),
                    px(q.0 + ox),
                    px(q.1 + oy)
                ),
                width: px(width),
                head: format!(
                    "{},{} {},{} {},{}",
                    px(tip.0),
                    px(tip.1),
                    px(back.0 - uy * head / 2.0),
                    px(back.1 + ux * head / 2.0),
                    px(back.0 + uy * head / 2.0),
                    px(back.1 - ux * head / 2.0)
                ),
                title: format!(
                    "{} → {}: {}",
                    stops[*a].0.name,
                    stops[*b].0.name,
                    if numbered {
                        route_list(ns)
                    } else if ns.len() == 1 {
                        "1 route".to_string()
                    } else {
                        format!("{} routes", ns.len())
                    }
                ),
            }
        })
        .collect();
    // Labels: the busiest stops first, then in order of first use.
    let mut order: Vec<usize> = (0..stops.len()).filter(|&i| shown(stops[i].1)).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(stops[i].2));
    let input: Vec<(f64, f64, String)> = order
        .iter()
        .map(|&i| {
            let (x, y) = to_px(stops[i].1);
            (x, y, stops[i].0.name.clone())
        })
        .collect();
    let placed = labels::place(&input, DOT + 1.0, WIDTH, height);
    let unlabelled = placed.iter().filter(|p| p.is_none()).count();
    let labels = placed
        .into_iter()
        .flatten()
        .map(|p| MapLabel {
            x: px(p.x),
            y: px(p.y),
            anchor: p.anchor,
            text: p.text,
        })
        .collect();
    let dots = stops
        .iter()
        .filter(|(_, at, _)| shown(*at))
        .map(|(s, at, _)| {
            let (x, y) = to_px(*at);
            MapDot {
                cx: px(x),
                cy: px(y),
                country: s.country,
                title: if s.country {
                    format!("{} (drawn at a point inside the country)", s.name)
                } else {
                    s.name.clone()
                },
            }
        })
        .collect();
    Some(MapChart {
        title,
        width: px(WIDTH),
        height: px(height),
        font: px(labels::FONT),
        r: px(DOT),
        countries,
        legs,
        dots,
        labels,
        unlabelled,
    })
}

/// A map as a page shows it: the chart and its caption.
#[derive(Debug, Clone, Serialize)]
pub struct MapFigure {
    /// The rendered chart.
    pub chart: crate::views::ChartRef,
    /// A detail map of the chapter's country, when the main map had no
    /// room to name some of its stops.
    pub detail: Option<crate::views::ChartRef>,
    /// The caption: what is drawn and how to read it.
    pub caption: String,
}

/// The caption of a map of `routes`; `listed` when the page lists the
/// routes under the map (a chapter), naming there the stops the map lacks.
pub fn caption(routes: &[MapRoute], whose: &str, listed: bool) -> String {
    let drawn: Vec<usize> = routes.iter().filter(|r| r.on_map()).map(|r| r.n).collect();
    let which = match (drawn.len(), routes.len()) {
        (1, 1) => format!("The route {whose}"),
        (d, n) if d == n => format!("All {n} routes {whose}"),
        (d, n) => format!("{d} of the {n} routes {whose} ({})", route_list(&drawn)),
    };
    let drawn_routes = || routes.iter().filter(|r| r.on_map());
    let mut out = format!(
        "{which}, over country outlines (Natural Earth). A line is wider the more routes take \
         that leg; the arrow gives the direction."
    );
    if drawn_routes().any(|r| r.stops.iter().any(|s| s.country && s.at.is_some())) {
        out.push_str(" A hollow dot stands for a whole country, drawn at a point inside it.");
    }
    if drawn_routes().any(|r| !r.off_map().is_empty()) {
        out.push_str(if listed {
            " Stops without coordinates, or beyond the region drawn, are named under their route."
        } else {
            " Stops without coordinates, or beyond the region drawn, are left out; the chapters name them."
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(id: &str, at: Option<(f64, f64)>, country: bool) -> MapStop {
        MapStop {
            id: id.into(),
            name: id.into(),
            at,
            country,
        }
    }

    #[test]
    fn a_route_needs_two_located_stops_and_keeps_its_diagram_when_one_is_missing() {
        let r = MapRoute {
            n: 1,
            stops: vec![stop("a", Some((74.6, 42.9)), false), stop("b", None, false)],
        };
        assert!(!r.on_map() && r.needs_diagram());
        assert!(r.off_map().is_empty());
        let r = MapRoute {
            n: 2,
            stops: vec![
                stop("a", Some((74.6, 42.9)), false),
                stop("b", None, false),
                stop("c", Some((76.9, 43.2)), false),
            ],
        };
        assert!(r.on_map() && r.needs_diagram());
        assert_eq!(r.off_map(), ["b"]);
        assert!(layout("t".into(), &[r], &[], true).is_some());
        assert!(layout("t".into(), &[], &[], true).is_none());
    }

    #[test]
    fn a_shared_leg_is_drawn_once_and_wider() {
        let a = stop("a", Some((74.6, 42.9)), false);
        let b = stop("b", Some((76.9, 43.2)), false);
        let c = stop("c", Some((37.6, 55.8)), true);
        let r1 = MapRoute {
            n: 1,
            stops: vec![a.clone(), b.clone()],
        };
        let r2 = MapRoute {
            n: 2,
            stops: vec![a, b, c],
        };
        let m = layout("t".into(), &[r1, r2], &["KGZ".to_string()], true).unwrap();
        assert_eq!(m.legs.len(), 2);
        assert_eq!(m.legs[0].title, "a → b: routes 1 and 2");
        assert_eq!(m.legs[1].title, "b → c: route 2");
        assert_eq!(
            (m.legs[0].width.as_str(), m.legs[1].width.as_str()),
            ("2.8", "2")
        );
        assert_eq!(m.dots.len(), 3);
        assert!(m.dots[2].country && !m.dots[0].country);
        assert!(m.countries.iter().any(|c| c.home));
        assert_eq!(m.width, "340");
    }

    #[test]
    fn a_detail_map_draws_only_the_stops_in_its_frame() {
        let bishkek = stop("bishkek", Some((74.59, 42.87)), false);
        let osh = stop("osh", Some((72.80, 40.53)), false);
        let moscow = stop("moscow", Some((37.62, 55.76)), false);
        let r = MapRoute {
            n: 1,
            stops: vec![osh, bishkek, moscow],
        };
        let frame = country_frame("KGZ").unwrap();
        assert!(frame.0 < 72.8 && frame.2 > 74.6 && frame.1 < 40.5 && frame.3 > 42.9);
        let d = layout_in("t".into(), std::slice::from_ref(&r), &[], true, Some(frame)).unwrap();
        assert_eq!(d.dots.len(), 2, "Moscow lies outside Kyrgyzstan's frame");
        assert_eq!(d.labels.len(), 2);
        assert_eq!(d.legs.len(), 2, "the leg to Moscow runs out of the frame");
        let whole = layout("t".into(), &[r], &[], true).unwrap();
        assert_eq!(whole.dots.len(), 3);
        assert!(country_frame("DEU").is_none());
    }

    #[test]
    fn route_lists_read_as_words() {
        assert_eq!(route_list(&[2]), "route 2");
        assert_eq!(route_list(&[1, 3, 5]), "routes 1, 3 and 5");
    }
}
