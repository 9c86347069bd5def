//! The rules of one finding of an indicator file (METHOD.md §1–2): its
//! corridors, grades, phenomenon and trend, citation, quantity, fee,
//! route, tags and profile. A finding that breaks one is reported and
//! left out of the model; the others of its file are still checked.

use super::control::{check_country_code, check_currency};
use super::sink::{Sink, help};
use super::{Names, quantity, refs};
use crate::codes;
use crate::diag::did_you_mean;
use crate::files::FindingInput;
use crate::vocab::{FindingKind, Phenomenon};

pub(super) fn check_range(
    sink: &mut Sink,
    f: usize,
    p: &str,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
) {
    for (name, v) in [("value", value), ("min", min), ("max", max)] {
        if let Some(v) = v
            && (!v.is_finite() || v < 0.0)
        {
            let d = sink.err(
                f,
                format!("{p}.{name}"),
                "negative-number",
                format!("{name} {v} must be a non-negative number"),
            );
            help(
                d,
                "counts and prices are never negative; for a decrease, describe it in the text",
            );
        }
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        let d = sink.err(
            f,
            format!("{p}.min"),
            "min-above-max",
            format!("min {lo} is greater than max {hi}"),
        );
        help(d, "swap min and max");
    }
    if value.is_none() && min.is_none() && max.is_none() {
        let d = sink.err(f, p, "empty-quantity", "no number given".into());
        help(d, "give `value:`, or `min:` and/or `max:`");
    }
}

/// Checks one finding; returns its resolved corridor indices when they all
/// resolve.
pub(super) fn check_finding(
    f: usize,
    p: &str,
    fi: &FindingInput,
    source_cited: bool,
    names: &Names,
    sink: &mut Sink,
) -> Option<Vec<usize>> {
    let mut idx = Vec::new();
    let mut ok = true;
    if fi.corridors.is_empty() {
        let d = sink.err(
            f,
            format!("{p}.corridors"),
            "empty-list",
            "a finding needs at least one corridor".into(),
        );
        help(
            d,
            "list the corridor ids from corridors.yaml it speaks about",
        );
        ok = false;
    }
    let (found, all) = refs::corridor_refs(sink, f, p, &fi.corridors, names);
    idx.extend(found);
    ok &= all;
    idx.sort_unstable();
    idx.dedup();
    check_phenomenon(f, p, fi, sink);
    if fi.finding.is_evidence() {
        if fi.strength.is_none() {
            let d = sink.err(
                f,
                p,
                "missing-grade",
                format!("{} finding needs `strength`", with_article(fi.finding)),
            );
            help(
                d,
                "add `strength: weak`, `moderate` or `strong` (METHOD.md §2)",
            );
        }
        if fi.credibility.is_none() {
            let d = sink.err(
                f,
                p,
                "missing-grade",
                format!("{} finding needs `credibility`", with_article(fi.finding)),
            );
            help(
                d,
                "add `credibility:` 1 (confirmed) to 6 (cannot be judged)",
            );
        }
    } else if fi.strength.is_some() {
        sink.warn(
            f,
            format!("{p}.strength"),
            "ignored-grade",
            format!(
                "strength is ignored for {} finding",
                with_article(fi.finding)
            ),
        );
    }
    if let Some(c) = fi.credibility
        && !(1..=6).contains(&c)
    {
        let d = sink.err(
            f,
            format!("{p}.credibility"),
            "bad-credibility",
            format!("credibility {c} is outside 1–6"),
        );
        help(
            d,
            "1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged",
        );
    }
    if fi.text.trim().is_empty() {
        sink.err(f, format!("{p}.text"), "empty-text", "text is empty".into());
    }
    if !source_cited && fi.citation.as_deref().is_none_or(|c| c.trim().is_empty()) {
        let d = sink.err(
            f,
            p,
            "missing-citation",
            "the finding has no citation, and neither has its source".into(),
        );
        help(
            d,
            "add `citation:` to the finding or to `source:` (section, page, footnote)",
        );
    }
    if let Some(q) = &fi.quantity {
        quantity::check_quantity(sink, f, p, q, names);
    }
    if let Some(fee) = &fi.fee {
        check_range(sink, f, &format!("{p}.fee"), fee.value, fee.min, fee.max);
        check_currency(sink, f, &format!("{p}.fee.currency"), &fee.currency);
        if fee.currency != "USD"
            && codes::is_currency(&fee.currency)
            && !names.rated.contains(&fee.currency)
        {
            let d = sink.warn(
                f,
                format!("{p}.fee.currency"),
                "no-rate",
                format!(
                    "no rate for {} in rates.yaml: the fee cannot be shown in US dollars",
                    fee.currency
                ),
            );
            help(d, "add the rate to rates.yaml with its date and citation");
        }
    }
    if let Some(route) = &fi.route {
        if route.len() < 2 {
            let d = sink.err(
                f,
                format!("{p}.route"),
                "short-route",
                "a route needs at least two legs".into(),
            );
            help(d, "list where the trip starts and each stop after it");
        }
        for (j, leg) in route.iter().enumerate() {
            if !names.is_place_or_country(&leg.to) && !names.excused("places", &leg.to) {
                unknown_place(sink, f, &format!("{p}.route[{j}].to"), &leg.to, names);
            }
        }
    }
    for (j, t) in fi.tags.iter().enumerate() {
        if !names.tags.contains(t) && !names.excused("tags", t) {
            let d = sink.err(
                f,
                format!("{p}.tags[{j}]"),
                "unknown-tag",
                format!("tag '{t}' is not in taxonomy.yaml"),
            );
            match did_you_mean(t, names.tags.iter().map(String::as_str)) {
                Some(s) => help(d, format!("did you mean '{s}'?")),
                None => help(
                    d,
                    "add it to taxonomy.yaml with a label and description, or use an existing tag",
                ),
            }
        }
    }
    if let Some(pr) = &fi.profile {
        if let Some(o) = &pr.origin {
            check_country_code(sink, f, &format!("{p}.profile.origin"), o);
        }
        if let (Some(lo), Some(hi)) = (pr.age_min, pr.age_max)
            && lo > hi
        {
            let d = sink.err(
                f,
                format!("{p}.profile.age_min"),
                "min-above-max",
                format!("age_min {lo} is greater than age_max {hi}"),
            );
            help(d, "swap age_min and age_max");
        }
    }
    ok.then_some(idx)
}

pub(super) fn unknown_place(sink: &mut Sink, f: usize, path: &str, v: &str, names: &Names) {
    let d = sink.err(
        f,
        path,
        "unknown-place",
        format!("'{v}' is neither a place id from places.yaml nor an ISO3 country code"),
    );
    match did_you_mean(v, names.places.iter().map(String::as_str))
        .map(String::from)
        .or_else(|| codes::suggest_country(v))
    {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(
            d,
            "declare the place under 'places:' in places.yaml, or use a country code",
        ),
    }
}

/// The phenomenon and trend of a finding (METHOD.md §1): a phenomenon on
/// every observed and not_observed finding, a trend only on observed ones.
fn check_phenomenon(f: usize, p: &str, fi: &FindingInput, sink: &mut Sink) {
    if fi.finding.is_evidence() && fi.phenomenon.is_none() {
        let d = sink.err(
            f,
            p,
            "missing-phenomenon",
            format!("{} finding needs `phenomenon`", with_article(fi.finding)),
        );
        help(
            d,
            format!(
                "add `phenomenon:` one of {} (METHOD.md §1; the README says how to choose)",
                Phenomenon::keys()
            ),
        );
    }
    if fi.trend.is_some() && fi.finding != FindingKind::Observed {
        let d = sink.key_err(
            f,
            format!("{p}.trend"),
            "trend-not-observed",
            format!(
                "`trend` is for observed findings; this one is {}",
                fi.finding.key()
            ),
        );
        help(
            d,
            "remove `trend`, or make the finding `observed` if the source reports the phenomenon",
        );
    }
}

/// "an observed", "a not_observed": the article that goes with the kind.
fn with_article(kind: FindingKind) -> String {
    let key = kind.key();
    let an = key.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {key}", if an { "an" } else { "a" })
}
