//! `routes.geojson` (RFC 7946): every place with coordinates as a Point,
//! and every finding's route as a LineString through its stops. A stop
//! without coordinates (a place with no `lat`/`lon`, or a bare country
//! code) is left out of the line and named in `missing_coordinates`; a
//! route with fewer than two located stops keeps its feature with a null
//! geometry, so no route is dropped silently.

use super::tables::route_modes;
use corridor_schema::Published;
use serde_json::{Value, json};

/// The feature collection.
pub(super) fn routes(view: &Published) -> Value {
    let model = view.model();
    let at = |id: &str| -> Option<[f64; 2]> {
        let i = model
            .places
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()?;
        let p = &model.places[i];
        // GeoJSON positions are longitude first.
        Some([p.lon?, p.lat?])
    };
    let mut features: Vec<Value> = model
        .places
        .iter()
        .filter_map(|p| {
            let pos = at(&p.id)?;
            Some(json!({
                "type": "Feature",
                "id": format!("place:{}", p.id),
                "geometry": {"type": "Point", "coordinates": pos},
                "properties": {
                    "feature": "place",
                    "place": p.id,
                    "name": p.name,
                    "country": p.country,
                }
            }))
        })
        .collect();
    for f in model.findings.iter().filter(|f| f.route.is_some()) {
        let stops: Vec<&str> = f.route.iter().flatten().map(|l| l.to.as_str()).collect();
        let located: Vec<[f64; 2]> = stops.iter().filter_map(|s| at(s)).collect();
        let missing: Vec<&str> = stops.iter().copied().filter(|s| at(s).is_none()).collect();
        let geometry = if located.len() >= 2 {
            json!({"type": "LineString", "coordinates": located})
        } else {
            Value::Null
        };
        let s = model.source_of(f);
        let id = &f.id;
        let corridors: Vec<&str> = f
            .corridors
            .iter()
            .map(|&c| model.corridors[c].id.as_str())
            .collect();
        features.push(json!({
            "type": "Feature",
            "id": format!("route:{id}"),
            "geometry": geometry,
            "properties": {
                "feature": "route",
                "finding": id,
                "source": s.id,
                "source_name": s.name,
                "grade": corridor_schema::vocab::grade(f.reliability, f.credibility),
                "phenomenon": f.phenomenon.map(|p| p.key()),
                "corridors": corridors,
                "stops": stops,
                "modes": route_modes(f),
                "missing_coordinates": missing,
            }
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}
