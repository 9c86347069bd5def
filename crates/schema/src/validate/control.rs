//! The rules of the control files — `places.yaml`, `corridors.yaml` and
//! `countries/*.yaml` — and the checks of single values that every file
//! shares: slugs, country codes, currencies and periods.
//!
//! Control files are checked before the indicator files because those
//! refer to them; what they declare goes into `Names` for the checks of
//! references later on.

use super::links;
use super::sink::{Sink, help};
use super::{MAX_ID_BYTES, Names, is_slug};
use crate::codes;
use crate::diag::did_you_mean;
use crate::files::{CorridorsFile, CountryFile, PlacesFile};
use crate::model::{Corridor, Model};
use crate::period::Period;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub(super) fn slug_err(sink: &mut Sink, f: usize, path: &str, id: &str) {
    if id.len() > MAX_ID_BYTES {
        let d = sink.err(
            f,
            path,
            "id-too-long",
            format!(
                "id is {} bytes long, more than the limit of {MAX_ID_BYTES}",
                id.len()
            ),
        );
        help(
            d,
            "shorten it: ids become file names (charts/vector-<id>.svg), which most systems cap at 255 bytes",
        );
        return;
    }
    let d = sink.err(
        f,
        path,
        "bad-id",
        format!("id '{id}' is not a lowercase slug"),
    );
    help(
        d,
        format!(
            "use lowercase letters, digits and '-', e.g. '{}'",
            slugify(id)
        ),
    );
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

pub(super) fn check_country_code(sink: &mut Sink, f: usize, path: &str, code: &str) -> bool {
    if codes::is_country(code) {
        return true;
    }
    let d = sink.err(
        f,
        path,
        "unknown-country",
        format!("'{code}' is not an ISO 3166-1 alpha-3 country code"),
    );
    match codes::suggest_country(code) {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(d, "use the three-letter code, e.g. KAZ, KGZ, TJK, BGD"),
    }
    false
}

pub(super) fn check_currency(sink: &mut Sink, f: usize, path: &str, code: &str) {
    if !codes::is_currency(code) {
        let d = sink.err(
            f,
            path,
            "unknown-currency",
            format!("'{code}' is not an ISO 4217 currency code"),
        );
        help(
            d,
            "use the three-letter code, e.g. USD, EUR, KZT, KGS, TJS, RUB",
        );
    }
}

pub(super) fn check_period(sink: &mut Sink, f: usize, path: &str, s: &str) -> Option<Period> {
    match s.parse::<Period>() {
        Ok(p) => Some(p),
        Err(e) => {
            let d = sink.err(f, path, "bad-period", e.to_string());
            help(
                d,
                "examples: 2004, 2005-H1, 2005-Q2, 2005-04, 2004..2005-06",
            );
            None
        }
    }
}

pub(super) fn check_places(
    f: usize,
    places: PlacesFile,
    model: &mut Model,
    names: &mut Names,
    sink: &mut Sink,
) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, r) in places.regions.into_iter().enumerate() {
        let p = format!("regions[{i}]");
        if !is_slug(&r.id) {
            slug_err(sink, f, &format!("{p}.id"), &r.id);
        }
        if seen.insert(r.id.clone(), p.clone()).is_some() {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("id '{}' is declared twice in places.yaml", r.id),
            );
        }
        // A region may have no members: it then names an origin or
        // destination that the sources do not state (`unstated`).
        for (j, m) in r.members.iter().enumerate() {
            check_country_code(sink, f, &format!("{p}.members[{j}]"), m);
        }
        names.regions.insert(r.id.clone());
        model.regions.push(r);
    }
    for (i, pl) in places.places.into_iter().enumerate() {
        let p = format!("places[{i}]");
        if !is_slug(&pl.id) {
            slug_err(sink, f, &format!("{p}.id"), &pl.id);
        }
        if seen.insert(pl.id.clone(), p.clone()).is_some() {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("id '{}' is declared twice in places.yaml", pl.id),
            );
        }
        if codes::is_country(&pl.id.to_ascii_uppercase()) && pl.id.len() == 3 {
            sink.warn(
                f,
                format!("{p}.id"),
                "ambiguous-id",
                format!("place id '{}' reads like a country code", pl.id),
            );
        }
        check_country_code(sink, f, &format!("{p}.country"), &pl.country);
        if let Some(lat) = pl.lat
            && !(-90.0..=90.0).contains(&lat)
        {
            sink.err(
                f,
                format!("{p}.lat"),
                "bad-number",
                format!("latitude {lat} is outside -90..90"),
            );
        }
        if let Some(lon) = pl.lon
            && !(-180.0..=180.0).contains(&lon)
        {
            sink.err(
                f,
                format!("{p}.lon"),
                "bad-number",
                format!("longitude {lon} is outside -180..180"),
            );
        }
        names.places.insert(pl.id.clone());
        model.places.push(pl);
    }
    model.places.sort_by(|a, b| a.id.cmp(&b.id));
    model.regions.sort_by(|a, b| a.id.cmp(&b.id));
}

pub(super) fn check_corridors(
    f: usize,
    cf: CorridorsFile,
    model: &mut Model,
    names: &mut Names,
    sink: &mut Sink,
) {
    let mut seen = HashSet::new();
    let CorridorsFile {
        corridors,
        movements,
    } = cf;
    for (i, c) in corridors.into_iter().enumerate() {
        let p = format!("corridors[{i}]");
        if !is_slug(&c.id) {
            slug_err(sink, f, &format!("{p}.id"), &c.id);
        }
        if !seen.insert(c.id.clone()) {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("corridor '{}' is declared twice", c.id),
            );
            continue;
        }
        let ends = [("origin", &c.origin), ("destination", &c.destination)];
        for (field, v) in ends {
            check_endpoint(sink, f, &format!("{p}.{field}"), v, names);
        }
        for (j, v) in c.via.iter().enumerate() {
            check_endpoint(sink, f, &format!("{p}.via[{j}]"), v, names);
        }
        if c.label.trim().is_empty() {
            sink.err(
                f,
                format!("{p}.label"),
                "empty-text",
                "label is empty".into(),
            );
        }
        model.corridors.push(Corridor {
            id: c.id,
            origin: c.origin,
            via: c.via,
            destination: c.destination,
            label: c.label,
        });
    }
    model.corridors.sort_by(|a, b| a.id.cmp(&b.id));
    names.ends = model
        .corridors
        .iter()
        .map(|c| {
            let ends = (c.origin.to_lowercase(), c.destination.to_lowercase());
            (c.id.clone(), ends)
        })
        .collect();
    names.corridors = model
        .corridors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    links::check_movements(f, movements, model, names, sink);
}

fn check_endpoint(sink: &mut Sink, f: usize, path: &str, v: &str, names: &Names) {
    if names.is_region_or_country(v) || names.excused("places", v) {
        return;
    }
    let d = sink.err(
        f,
        path,
        "unknown-country",
        format!("'{v}' is neither an ISO 3166-1 alpha-3 code nor a region declared in places.yaml"),
    );
    match codes::suggest_country(v)
        .or_else(|| did_you_mean(v, names.regions.iter().map(String::as_str)).map(String::from))
    {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(
            d,
            "use a country code such as KGZ, or declare the region under 'regions:' in places.yaml",
        ),
    }
}

pub(super) fn check_country_file(f: usize, path: &Path, c: &CountryFile, sink: &mut Sink) {
    if check_country_code(sink, f, "country", &c.country) {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != c.country {
            let d = sink.err(
                f,
                "country",
                "file-name",
                format!(
                    "country '{}' does not match the file name '{stem}'",
                    c.country
                ),
            );
            help(
                d,
                format!("rename the file to countries/{}.yaml", c.country),
            );
        }
    }
    let sections = [
        ("context", &c.context),
        ("legislation", &c.legislation),
        ("method", &c.method),
        ("recommendations", &c.recommendations),
    ];
    for (name, items) in sections {
        for (i, item) in items.iter().enumerate() {
            if item.text.trim().is_empty() {
                sink.err(
                    f,
                    format!("{name}[{i}].text"),
                    "empty-text",
                    "text is empty".into(),
                );
            }
            if item.citation.trim().is_empty() {
                let d = sink.err(
                    f,
                    format!("{name}[{i}].citation"),
                    "missing-citation",
                    "citation is empty".into(),
                );
                help(
                    d,
                    "name the section, page or footnote the statement comes from",
                );
            }
        }
    }
}
