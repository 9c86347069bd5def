//! The rules of an indicator file as a whole: its top level (id, source,
//! country, period), the confidential source's public identity, and the
//! turning of the file into a `SourceRecord` and its `Finding`s; then,
//! across files, the uniqueness of public ids. The rules of each finding
//! are in `finding.rs`.

use super::control::{check_country_code, check_period, slug_err};
use super::finding::check_finding;
use super::sink::{Sink, help};
use super::{Names, is_slug, links, refs};
use crate::load;
use crate::model::{Finding, SourceRecord};
use crate::period::Period;
use std::collections::{HashMap, HashSet};

/// The top-level rules of an indicator file: id, source, country, period.
/// Returns the file's period and collection period when they parse.
fn check_header(
    f: usize,
    shown: &str,
    file: &load::PartialIndicator,
    file_ids: &mut HashMap<String, (String, usize)>,
    sink: &mut Sink,
) -> (Option<Period>, Option<Period>) {
    if !is_slug(&file.id) {
        slug_err(sink, f, "id", &file.id);
    }
    if let Some((other, _)) = file_ids.get(&file.id) {
        let d = sink.err(
            f,
            "id",
            "duplicate-id",
            format!("file id '{}' is already used by {other}", file.id),
        );
        help(d, "give each indicator file its own id");
    } else {
        file_ids.insert(file.id.clone(), (shown.to_string(), f));
    }
    let src = &file.source;
    if src.name.trim().is_empty() {
        sink.err(
            f,
            "source.name",
            "empty-text",
            "source name is empty".into(),
        );
    }
    if src.confidential {
        check_confidential(f, src, sink);
    } else if let Some(field) = [
        ("public_id", src.public_id.is_some()),
        ("public_citation", src.public_citation.is_some()),
        ("identifying", src.identifying.is_some()),
    ]
    .iter()
    .find(|x| x.1)
    {
        let d = sink.key_err(
            f,
            format!("source.{}", field.0),
            "not-confidential",
            format!("`{}` is only for a confidential source", field.0),
        );
        help(
            d,
            "remove it, or add `confidential: true` if the source must not be named",
        );
    }
    check_country_code(sink, f, "country", &file.country);
    let period = check_period(sink, f, "period", &file.period.0);
    let collected = file
        .collected
        .as_ref()
        .and_then(|c| check_period(sink, f, "collected", &c.0));
    (period, collected)
}

/// Checks one indicator file and turns it into a source and its findings.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_indicator(
    f: usize,
    shown: &str,
    parsed: load::ParsedIndicator,
    names: &Names,
    file_ids: &mut HashMap<String, (String, usize)>,
    finding_ids: &mut HashMap<String, (String, usize)>,
    repeats: &mut Vec<links::RepeatRefs>,
    sink: &mut Sink,
) -> Option<(SourceRecord, Vec<Finding>)> {
    let source_known = parsed.source_known;
    let file = parsed.file;
    // A top level that did not parse has its diagnostic already; its
    // findings are still checked, but make no source.
    let (period, collected) = if parsed.header_ok {
        check_header(f, shown, &file, file_ids, sink)
    } else {
        (None, None)
    };
    if parsed.header_ok && file.findings.is_empty() {
        sink.warn(
            f,
            "findings",
            "no-findings",
            "the file has no findings".into(),
        );
    }
    let src = &file.source;
    let mut findings = Vec::new();
    for (i, cs) in &parsed.broken_corridors {
        refs::corridor_refs(sink, f, &format!("findings[{i}]"), cs, names);
    }
    for (i, fi) in file.findings.into_iter().enumerate() {
        // A finding that did not parse has its diagnostic already.
        let Some(fi) = fi else { continue };
        let p = format!("findings[{i}]");
        let id = fi
            .id
            .clone()
            .unwrap_or_else(|| format!("{}#{}", file.id, i + 1));
        if let Some(own) = &fi.id
            && !is_slug(own)
        {
            slug_err(sink, f, &format!("{p}.id"), own);
        }
        if let Some((other, _)) = finding_ids.get(&id) {
            let d = sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("finding id '{id}' is already used in {other}"),
            );
            help(
                d,
                "give each finding its own id, or leave `id` out to get '<file id>#<n>'",
            );
        } else {
            finding_ids.insert(id.clone(), (shown.to_string(), f));
        }
        let cited = src.citation.is_some() || !source_known;
        let ok = check_finding(f, &p, &fi, cited, names, sink);
        if !fi.repeats.is_empty() {
            repeats.push(links::RepeatRefs {
                file: f,
                path: p.clone(),
                id: id.clone(),
                refs: fi.repeats.clone(),
            });
        }
        let fperiod = match &fi.period {
            Some(s) => check_period(sink, f, &format!("{p}.period"), &s.0),
            None => period.clone(),
        };
        let (Some(corridors), Some(fperiod)) = (ok, fperiod) else {
            continue;
        };
        findings.push(Finding {
            id,
            source: 0,
            kind: src.kind,
            reliability: src.reliability,
            corridors,
            dimension: fi.dimension,
            finding: fi.finding,
            phenomenon: fi.phenomenon,
            repeats: Vec::new(),
            repeat_set: 0,
            trend: fi.trend,
            strength: fi.strength,
            credibility: fi.credibility,
            text: fi.text,
            citation: fi
                .citation
                .or_else(|| src.citation.clone())
                .unwrap_or_default(),
            period: fperiod,
            grading_note: fi.grading_note,
            quantity: fi.quantity,
            fee: fi.fee,
            route: fi.route,
            tags: fi.tags,
            profile: fi.profile,
            n: i + 1,
        });
    }
    let period = period?;
    let s = file.source;
    Some((
        SourceRecord {
            id: file.id,
            file: shown.to_string(),
            kind: s.kind,
            name: s.name,
            public_name: s.public_name,
            public_id: s.public_id,
            public_citation: s.public_citation,
            identifying: s.identifying.unwrap_or_default(),
            confidential: s.confidential,
            reliability: s.reliability,
            grading_note: s.grading_note,
            citation: s.citation,
            contact: s.contact,
            country: file.country,
            period,
            collected,
        },
        findings,
    ))
}

/// A confidential source's public identity: a public name that differs
/// from its name, a stable public id and a public citation.
fn check_confidential(f: usize, src: &crate::files::Source, sink: &mut Sink) {
    if let Some(public) = &src.public_name
        && crate::text::fold(public) == crate::text::fold(&src.name)
    {
        let d = sink.err(
            f,
            "source.public_name",
            "public-name-is-name",
            "the public name of a confidential source is its real name".into(),
        );
        help(
            d,
            "describe the source without naming it, e.g. `public_name: \"a border service official\"`",
        );
    }
    let mut missing: Vec<&str> = [
        ("public_name", src.public_name.as_deref()),
        ("public_id", src.public_id.as_deref()),
        ("public_citation", src.public_citation.as_deref()),
    ]
    .iter()
    .filter(|(_, v)| v.is_none_or(|v| v.trim().is_empty()))
    .map(|(k, _)| *k)
    .collect();
    if src.identifying.is_none() {
        missing.push("identifying");
    }
    if !missing.is_empty() {
        // One diagnostic for the whole public identity: one mistake, one error.
        let d = sink.key_err(
            f,
            "source.confidential",
            "missing-public-identity",
            format!("a confidential source needs {}", join_and(&missing)),
        );
        help(
            d,
            "public outputs show only these: e.g. `public_name: \"a border service official\"`, `public_id: kgz-border-official-a` (a stable alias, never changed), `public_citation: \"Interview with a border official, 2005\"`; `citation` and `contact` stay internal; `identifying: [Ivan Petrov, Petrov]` lists the words that name the person (`[]` when the name names no one)",
        );
    }
    if let Some(id) = &src.public_id
        && !is_slug(id)
    {
        slug_err(sink, f, "source.public_id", id);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => format!(
            "{} and `{last}`",
            init.iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Public ids are unique across sources and never equal to a file id of
/// another source.
pub(super) fn check_public_ids(sources: &[(SourceRecord, Vec<Finding>)], sink: &mut Sink) {
    let files: HashSet<&str> = sources.iter().map(|s| s.0.id.as_str()).collect();
    let index: HashMap<String, usize> = sink
        .files
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.clone(), i))
        .collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (rec, _) in sources {
        let Some(pid) = rec.public_id.as_deref() else {
            continue;
        };
        let Some(&f) = index.get(&rec.file) else {
            continue;
        };
        if let Some(other) = seen.insert(pid, rec.file.as_str()) {
            let d = sink.err(
                f,
                "source.public_id",
                "duplicate-id",
                format!("public_id '{pid}' is already used by {other}"),
            );
            help(d, "give each confidential source its own public_id");
        } else if files.contains(pid) && pid != rec.id {
            let d = sink.err(
                f,
                "source.public_id",
                "duplicate-id",
                format!("public_id '{pid}' is the file id of another source"),
            );
            help(d, "choose a public_id that no file uses as its id");
        }
    }
}
