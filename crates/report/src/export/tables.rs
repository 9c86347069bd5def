//! The tables of the model itself: corridors, movements, places, sources
//! and findings (with a(e) and whether each finding counts), every field
//! of the input files, redacted for the public view.

use super::{Cell, Col, ForeignKey, Kind, Meta, Table, build, col};
use crate::Audience;
use corridor_schema::files::PlaceInput;
use corridor_schema::{Finding, Model, Published};
use corridor_score::FindingRole;
use serde::Serialize;

/// The key a serde enum is written with in the input files (`snake_case`).
fn key<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn ids(model: &Model, corridors: &[usize]) -> Vec<String> {
    corridors
        .iter()
        .map(|&c| model.corridors[c].id.clone())
        .collect()
}

/// One row per corridor, in id order.
pub fn corridors(view: &Published, only: &[usize]) -> Table {
    let model = view.model();
    let mut per_corridor = vec![0usize; model.corridors.len()];
    for f in &model.findings {
        for &c in &f.corridors {
            per_corridor[c] += 1;
        }
    }
    let per_corridor = &per_corridor;
    let cols: Vec<Col<'_, usize>> = vec![
        col(
            "id",
            Kind::String,
            "Corridor id (a stable slug).",
            |&c: &usize| Cell::Str(model.corridors[c].id.clone()),
        ),
        col("label", Kind::String, "Its label.", |&c: &usize| {
            Cell::Str(model.corridors[c].label.clone())
        }),
        col(
            "origin",
            Kind::String,
            "Country of origin (ISO3) or region id.",
            |&c: &usize| Cell::Str(model.corridors[c].origin.clone()),
        ),
        col(
            "via",
            Kind::List,
            "Transit countries or regions, in order.",
            |&c: &usize| Cell::List(model.corridors[c].via.clone()),
        ),
        col(
            "destination",
            Kind::String,
            "Destination country (ISO3) or region id.",
            |&c: &usize| Cell::Str(model.corridors[c].destination.clone()),
        ),
        col(
            "findings",
            Kind::Integer,
            "Number of findings about the corridor (all kinds and phenomena).",
            |&c: &usize| Cell::count(per_corridor[c]),
        ),
        col(
            "movements",
            Kind::List,
            "The movements the corridor belongs to.",
            |&c: &usize| {
                Cell::List(
                    model
                        .movements
                        .iter()
                        .filter(|mv| mv.corridors.contains(&c))
                        .map(|mv| mv.id.clone())
                        .collect(),
                )
            },
        ),
    ];
    let meta = Meta {
        name: "corridors",
        title: "Corridors",
        description: "One row per declared corridor (`corridors.yaml`).".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![],
    };
    build(meta, cols, only.iter().copied())
}

/// One row per movement, in id order.
pub fn movements(view: &Published, only: &[usize]) -> Table {
    let model = view.model();
    let mv = |i: usize| &model.movements[i];
    let cols: Vec<Col<'_, usize>> = vec![
        col(
            "id",
            Kind::String,
            "Movement id (unique across corridors and movements).",
            move |&i: &usize| Cell::Str(mv(i).id.clone()),
        ),
        col("label", Kind::String, "Its label.", move |&i: &usize| {
            Cell::Str(mv(i).label.clone())
        }),
        col(
            "corridors",
            Kind::List,
            "The corridors it joins (at least two).",
            move |&i: &usize| Cell::List(ids(model, &mv(i).corridors)),
        ),
        col(
            "note",
            Kind::String,
            "Why these corridors are one pattern.",
            move |&i: &usize| Cell::opt_str(mv(i).note.clone()),
        ),
    ];
    let meta = Meta {
        name: "movements",
        title: "Movements",
        description: "One row per declared movement: corridors judged together (METHOD.md §5)."
            .into(),
        primary_key: vec!["id"],
        foreign_keys: vec![],
    };
    build(meta, cols, only.iter().copied())
}

/// One row per place of `places.yaml`, in id order.
pub fn places(view: &Published) -> Table {
    let model = view.model();
    let cols: Vec<Col<'_, &corridor_schema::files::PlaceInput>> = vec![
        col(
            "id",
            Kind::String,
            "Place id, as routes name it.",
            |p: &&PlaceInput| Cell::Str(p.id.clone()),
        ),
        col("name", Kind::String, "Display name.", |p: &&PlaceInput| {
            Cell::Str(p.name.clone())
        }),
        col(
            "country",
            Kind::String,
            "The country it lies in (ISO3).",
            |p: &&PlaceInput| Cell::Str(p.country.clone()),
        ),
        col(
            "kind",
            Kind::String,
            "city, checkpoint, station, airport, province or area.",
            |p: &&PlaceInput| Cell::Str(key(&p.kind)),
        ),
        col(
            "lat",
            Kind::Number,
            "Latitude in degrees; empty when not given.",
            |p: &&PlaceInput| Cell::opt_num(p.lat),
        ),
        col(
            "lon",
            Kind::Number,
            "Longitude in degrees; empty when not given.",
            |p: &&PlaceInput| Cell::opt_num(p.lon),
        ),
        col(
            "aliases",
            Kind::List,
            "Other spellings.",
            |p: &&PlaceInput| Cell::List(p.aliases.clone()),
        ),
    ];
    let meta = Meta {
        name: "places",
        title: "Places",
        description: "One row per named place (`places.yaml`).".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![],
    };
    build(meta, cols, &model.places)
}

/// One row per source (indicator file), in file id order; `only` are
/// source indices.
pub fn sources(view: &Published, only: &[usize]) -> Table {
    let (model, audience) = (view.model(), view.audience());
    let src = |i: usize| &model.sources[i];
    let internal = audience == Audience::Internal;
    let mut per_source = vec![0usize; model.sources.len()];
    for f in &model.findings {
        per_source[f.source] += 1;
    }
    let per_source = &per_source;
    let mut cols: Vec<Col<'_, usize>> = vec![
        col(
            "id",
            Kind::String,
            "Source id: the indicator file's id, or a confidential source's `public_id` in the public view.",
            move |&i: &usize| Cell::Str(src(i).id.clone()),
        ),
        col(
            "name",
            Kind::String,
            "The source's name; a confidential source's `public_name` in the public view.",
            move |&i: &usize| Cell::Str(src(i).name.clone()),
        ),
        col(
            "type",
            Kind::String,
            "Source type, one of the eleven of METHOD.md §1.",
            move |&i: &usize| Cell::Str(src(i).kind.key().into()),
        ),
        col(
            "confidential",
            Kind::Boolean,
            "Whether the source asked not to be named.",
            move |&i: &usize| Cell::Bool(src(i).confidential),
        ),
        col(
            "reliability",
            Kind::String,
            "Admiralty reliability, A–F.",
            move |&i: &usize| Cell::Str(src(i).reliability.key().into()),
        ),
        col(
            "grading_note",
            Kind::String,
            "Why that reliability.",
            move |&i: &usize| Cell::opt_str(src(i).grading_note.clone()),
        ),
        col(
            "citation",
            Kind::String,
            "Where the evidence is published; a confidential source's `public_citation` in the public view.",
            move |&i: &usize| Cell::opt_str(src(i).citation.clone()),
        ),
        col(
            "country",
            Kind::String,
            "The reporting country (ISO3).",
            move |&i: &usize| Cell::Str(src(i).country.clone()),
        ),
        col(
            "period",
            Kind::String,
            "What the findings are about, as months: `2004-01..2004-12`, or one month.",
            move |&i: &usize| Cell::Str(src(i).period.to_string()),
        ),
        col(
            "collected",
            Kind::String,
            "When the evidence was collected (same form), if given.",
            move |&i: &usize| Cell::opt_str(src(i).collected.as_ref().map(|p| p.to_string())),
        ),
        col(
            "findings",
            Kind::Integer,
            "Number of findings of the source.",
            move |&i: &usize| Cell::count(per_source[i]),
        ),
    ];
    if internal {
        cols.extend([
            col(
                "public_name",
                Kind::String,
                "The name shown publicly.",
                move |&i: &usize| Cell::opt_str(src(i).public_name.clone()),
            ),
            col(
                "public_id",
                Kind::String,
                "The public alias of a confidential source.",
                move |&i: &usize| Cell::opt_str(src(i).public_id.clone()),
            ),
            col(
                "public_citation",
                Kind::String,
                "The citation shown publicly.",
                move |&i: &usize| Cell::opt_str(src(i).public_citation.clone()),
            ),
            col(
                "contact",
                Kind::String,
                "How to reach the source.",
                move |&i: &usize| Cell::opt_str(src(i).contact.clone()),
            ),
            col(
                "file",
                Kind::String,
                "The indicator file, relative to the indicator folder.",
                move |&i: &usize| Cell::Str(src(i).file.clone()),
            ),
        ]);
    }
    let meta = Meta {
        name: "sources",
        title: "Sources",
        description: "One row per source: one indicator file.".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![],
    };
    build(meta, cols, only.iter().copied())
}

/// One row per finding, in model order (source, then position in the
/// file); `only` are finding indices, `judged` the scored result's roles
/// (`Scored::with_roles`; the role columns are empty without them).
pub fn findings(view: &Published, only: &[usize], judged: &[FindingRole]) -> Table {
    let model = view.model();
    let fi = |i: usize| -> &Finding { &model.findings[i] };
    let fid = move |i: usize| fi(i).id.clone();
    let q = move |i: usize| fi(i).quantity.as_ref();
    let fee = move |i: usize| fi(i).fee.as_ref();
    let pr = move |i: usize| fi(i).profile.as_ref();
    let clean = move |t: Option<&String>| Cell::opt_str(t.cloned());
    let cols: Vec<Col<'_, usize>> = vec![
        col(
            "id",
            Kind::String,
            "Finding id: its own, or `<source id>#<n>`; a confidential source's findings are `<public_id>#<n>` in the public view.",
            move |&i: &usize| Cell::Str(fid(i)),
        ),
        col(
            "source",
            Kind::String,
            "The source's id (`sources.id`).",
            move |&i: &usize| Cell::Str(model.source_of(fi(i)).id.clone()),
        ),
        col(
            "n",
            Kind::Integer,
            "Position in the source's file, from 1.",
            move |&i: &usize| Cell::count(fi(i).n),
        ),
        col(
            "type",
            Kind::String,
            "The source's type.",
            move |&i: &usize| Cell::Str(fi(i).kind.key().into()),
        ),
        col(
            "corridors",
            Kind::List,
            "The corridors it speaks about.",
            move |&i: &usize| Cell::List(ids(model, &fi(i).corridors)),
        ),
        col(
            "dimension",
            Kind::String,
            "magnitude, routes, organisation, fees or profile (METHOD.md §1).",
            move |&i: &usize| Cell::Str(fi(i).dimension.key().into()),
        ),
        col(
            "finding",
            Kind::String,
            "observed, not_observed, unavailable or withheld.",
            move |&i: &usize| Cell::Str(fi(i).finding.key().into()),
        ),
        col(
            "phenomenon",
            Kind::String,
            "What it is evidence of; empty for unavailable and withheld.",
            move |&i: &usize| Cell::opt_str(fi(i).phenomenon.map(|p| p.key())),
        ),
        col(
            "strength",
            Kind::String,
            "weak, moderate or strong.",
            move |&i: &usize| Cell::opt_str(fi(i).strength.map(|s| s.key())),
        ),
        col(
            "reliability",
            Kind::String,
            "The source's Admiralty reliability, A–F.",
            move |&i: &usize| Cell::Str(fi(i).reliability.key().into()),
        ),
        col(
            "credibility",
            Kind::Integer,
            "Admiralty credibility, 1–6.",
            move |&i: &usize| Cell::opt_int(fi(i).credibility),
        ),
        col(
            "grade",
            Kind::String,
            "Reliability and credibility together (`B2`).",
            move |&i: &usize| {
                Cell::Str(corridor_schema::vocab::grade(
                    fi(i).reliability,
                    fi(i).credibility,
                ))
            },
        ),
        col(
            "a",
            Kind::Number,
            "a(e) = σ·ρ·κ under the export's weighting (METHOD.md §2); 0 for unavailable and withheld.",
            move |&i: &usize| judged.get(i).map_or(Cell::Null, |j| Cell::Num(j.weight)),
        ),
        col(
            "counts",
            Kind::Boolean,
            "Whether the finding sets its source's A or B (METHOD.md §3) for its own phenomenon on at least one of its corridors, i.e. enters a score.",
            move |&i: &usize| {
                judged
                    .get(i)
                    .map_or(Cell::Null, |j| Cell::Bool(j.role == "counts"))
            },
        ),
        col(
            "role",
            Kind::String,
            "Why it counts or not, the best over its corridors: `counts`; `same_source` (a stronger finding of the same source and kind sets A or B; it adds to dimension coverage only); `repeat` (another finding of its repeat set, with a larger a(e), counts); `unscored` (lawful movement or context); `gap` (unavailable or withheld).",
            move |&i: &usize| {
                judged
                    .get(i)
                    .map_or(Cell::Null, |j| Cell::Str(j.role.into()))
            },
        ),
        col(
            "role_by",
            Kind::String,
            "For `same_source` and `repeat`: the finding that counts instead (on the first corridor where that role holds).",
            move |&i: &usize| Cell::opt_str(judged.get(i).and_then(|j| j.by).map(fid)),
        ),
        col(
            "counts_for",
            Kind::List,
            "The corridors where it counts.",
            move |&i: &usize| {
                judged
                    .get(i)
                    .map_or(Cell::Null, |j| Cell::List(ids(model, &j.counts_for)))
            },
        ),
        col(
            "repeats",
            Kind::List,
            "The findings it declares it repeats.",
            move |&i: &usize| Cell::List(fi(i).repeats.iter().map(|&j| fid(j)).collect()),
        ),
        col(
            "repeat_set",
            Kind::String,
            "Its repeat set, named by the set's first finding (itself when it repeats nothing and nothing repeats it).",
            move |&i: &usize| Cell::Str(fid(fi(i).repeat_set)),
        ),
        col(
            "trend",
            Kind::String,
            "The direction the source reports, if any.",
            move |&i: &usize| Cell::opt_str(fi(i).trend.map(|t| t.key())),
        ),
        col(
            "period",
            Kind::String,
            "The period it is about, as months.",
            move |&i: &usize| Cell::Str(fi(i).period.to_string()),
        ),
        col(
            "text",
            Kind::String,
            "The statement, in the project's own words.",
            move |&i: &usize| Cell::Str(fi(i).text.clone()),
        ),
        col(
            "citation",
            Kind::String,
            "Its citation (its own or the source's); a confidential source's `public_citation` in the public view.",
            move |&i: &usize| Cell::Str(fi(i).citation.clone()),
        ),
        col(
            "grading_note",
            Kind::String,
            "Why that credibility.",
            move |&i: &usize| clean(fi(i).grading_note.as_ref()),
        ),
        col(
            "quantity_value",
            Kind::Number,
            "A count or estimate.",
            move |&i: &usize| Cell::opt_num(q(i).and_then(|q| q.value)),
        ),
        col(
            "quantity_min",
            Kind::Number,
            "Lower bound of a range.",
            move |&i: &usize| Cell::opt_num(q(i).and_then(|q| q.min)),
        ),
        col(
            "quantity_max",
            Kind::Number,
            "Upper bound of a range.",
            move |&i: &usize| Cell::opt_num(q(i).and_then(|q| q.max)),
        ),
        col(
            "quantity_percent",
            Kind::Number,
            "A share in per cent (0 to 100), instead of a count; never summed with counts or turned into a rate.",
            move |&i: &usize| Cell::opt_num(q(i).and_then(|q| q.percent)),
        ),
        col(
            "quantity_n",
            Kind::Integer,
            "The base of a share: how many were asked or counted, when the source says.",
            move |&i: &usize| Cell::opt_int(q(i).and_then(|q| q.n)),
        ),
        col(
            "quantity_unit",
            Kind::String,
            "What is counted (for a share: what its base counts): a unit id declared in taxonomy.yaml (persons, cases, visas, permits, passports, documents, groups, crossings, vehicles, trains, routes, checkpoints, flights in the shipped files).",
            move |&i: &usize| Cell::opt_str(q(i).map(|q| q.unit.clone())),
        ),
        col(
            "quantity_per",
            Kind::String,
            "The time a count covers: year, month, week, day, period (the finding's whole period) or point (a stock); empty for a share.",
            move |&i: &usize| {
                Cell::opt_str(q(i).filter(|q| !q.is_share()).map(|q| key(&q.covers())))
            },
        ),
        col(
            "quantity_of",
            Kind::String,
            "What exactly was counted.",
            move |&i: &usize| clean(q(i).and_then(|q| q.of.as_ref())),
        ),
        col(
            "quantity_category",
            Kind::String,
            "A category for breakdown tables.",
            move |&i: &usize| clean(q(i).and_then(|q| q.category.as_ref())),
        ),
        col(
            "quantity_location",
            Kind::String,
            "Where it was counted (ISO3 or place id).",
            move |&i: &usize| Cell::opt_str(q(i).and_then(|q| q.location.clone())),
        ),
        col(
            "fee_value",
            Kind::Number,
            "A price paid.",
            move |&i: &usize| Cell::opt_num(fee(i).and_then(|f| f.value)),
        ),
        col(
            "fee_min",
            Kind::Number,
            "Lower bound of a price range or bracket.",
            move |&i: &usize| Cell::opt_num(fee(i).and_then(|f| f.min)),
        ),
        col(
            "fee_max",
            Kind::Number,
            "Upper bound of a price range or bracket.",
            move |&i: &usize| Cell::opt_num(fee(i).and_then(|f| f.max)),
        ),
        col(
            "fee_currency",
            Kind::String,
            "ISO 4217 currency of the price.",
            move |&i: &usize| Cell::opt_str(fee(i).map(|f| f.currency.clone())),
        ),
        col(
            "fee_covers",
            Kind::String,
            "What the price bought.",
            move |&i: &usize| Cell::opt_str(fee(i).map(|f| key(&f.covers))),
        ),
        col(
            "fee_respondents",
            Kind::Integer,
            "How many respondents reported a price in this bracket.",
            move |&i: &usize| Cell::opt_int(fee(i).and_then(|f| f.respondents)),
        ),
        col(
            "route",
            Kind::List,
            "The stops of a route, in travel order (place ids or ISO3); geometry in `routes.geojson`.",
            move |&i: &usize| {
                Cell::List(fi(i).route.iter().flatten().map(|l| l.to.clone()).collect())
            },
        ),
        col(
            "modes",
            Kind::List,
            "How each leg after the first stop was travelled (`unknown` when not said).",
            move |&i: &usize| Cell::List(route_modes(fi(i))),
        ),
        col(
            "tags",
            Kind::List,
            "Modus operandi tags (`taxonomy.yaml`).",
            move |&i: &usize| Cell::List(fi(i).tags.clone()),
        ),
        col(
            "sex",
            Kind::String,
            "Of the migrants described: male, female or mixed.",
            move |&i: &usize| Cell::opt_str(pr(i).and_then(|p| p.sex.as_ref().map(key))),
        ),
        col(
            "age_min",
            Kind::Integer,
            "Youngest age reported.",
            move |&i: &usize| Cell::opt_int(pr(i).and_then(|p| p.age_min)),
        ),
        col(
            "age_max",
            Kind::Integer,
            "Oldest age reported.",
            move |&i: &usize| Cell::opt_int(pr(i).and_then(|p| p.age_max)),
        ),
        col(
            "education",
            Kind::String,
            "Highest schooling typical of the group.",
            move |&i: &usize| Cell::opt_str(pr(i).and_then(|p| p.education.as_ref().map(key))),
        ),
        col(
            "origin",
            Kind::String,
            "Country of origin of the migrants (ISO3).",
            move |&i: &usize| Cell::opt_str(pr(i).and_then(|p| p.origin.clone())),
        ),
        col(
            "origin_area",
            Kind::String,
            "Region or town of origin.",
            move |&i: &usize| clean(pr(i).and_then(|p| p.origin_area.as_ref())),
        ),
        col(
            "motive",
            Kind::String,
            "Why they move.",
            move |&i: &usize| clean(pr(i).and_then(|p| p.motive.as_ref())),
        ),
    ];
    let meta = Meta {
        name: "findings",
        title: "Findings",
        description: "One row per finding, every field of the indicator files, with a(e) and whether it counts.".into(),
        primary_key: vec!["id"],
        foreign_keys: vec![ForeignKey {
            fields: vec!["source"],
            resource: "sources",
            reference: vec!["id"],
        }],
    };
    build(meta, cols, only.iter().copied())
}

/// The mode of every leg after the first stop.
pub(crate) fn route_modes(f: &Finding) -> Vec<String> {
    f.route
        .iter()
        .flatten()
        .skip(1)
        .map(|l| l.mode.as_ref().map_or_else(|| "unknown".to_string(), key))
        .collect()
}
