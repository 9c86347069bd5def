//! A confidential source's identity never enters a text that an output can
//! show: `check` refuses, at its line, any text of any file that contains a
//! confidential source's name, contact (or the e-mail or phone number in
//! it) or an `identifying` word, matched as whole words after Unicode
//! folding and confusable skeletons (`crate::text`). The source's own
//! internal fields — `name`, `contact`, `citation`, `identifying`, its
//! findings' `citation`s, its file id and its findings' ids — the
//! `contact` of any source and the reviewers' `note` of any file (never
//! rendered) are the only places those may stand.
//!
//! Every string scalar of every file is read generically from its YAML, so
//! a field added to the format tomorrow is covered without a new rule.

use super::sink::{Sink, help};
use crate::model::{Finding, SourceRecord};
use crate::text::{Needle, find, needles_of_source};
use std::collections::HashMap;

/// The fields of a confidential source's own file that may hold its
/// identity: they never reach a public output.
const INTERNAL: [&str; 3] = ["source.name", "source.contact", "source.citation"];

/// Reports every text that names a confidential source.
pub(super) fn check_mentions(sources: &[(SourceRecord, Vec<Finding>)], sink: &mut Sink) {
    let mut needles: Vec<Needle> = Vec::new();
    for (k, (rec, findings)) in sources.iter().enumerate() {
        if rec.confidential {
            needles.extend(needles_of_source(k, rec, findings));
        }
    }
    if needles.is_empty() {
        return;
    }
    let own: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(k, (rec, _))| (rec.file.as_str(), k))
        .collect();
    let mut found: Vec<(usize, String, usize, &'static str)> = Vec::new();
    for (f, (display, text)) in sink.files.iter().enumerate() {
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
            continue; // its parse error is reported where it is
        };
        let owner = own.get(display.as_str()).copied();
        walk(&value, String::new(), &mut |path, s| {
            let Some(n) = find(s, &needles) else { return };
            // Contacts and reviewers' notes are internal in every file, and
            // so are references by id (`repeats`), which outputs show by
            // the public alias; a file's own id and its findings' ids are
            // where its ids stand.
            let own_file = owner == Some(n.source);
            let internal = path == "source.contact"
                || path == "note"
                || is_repeat(path)
                || (own_file
                    && (INTERNAL.contains(&path)
                        || path.starts_with("source.identifying[")
                        || path == "id"
                        || is_finding_id(path)
                        || is_finding_citation(path)));
            // A public name that *is* the name has its own error
            // (`public-name-is-name`): one mistake, one error.
            let same_name = owner == Some(n.source)
                && path == "source.public_name"
                && crate::text::fold(s) == crate::text::fold(&sources[n.source].0.name);
            if !internal && !same_name {
                found.push((f, path.to_string(), n.source, n.what));
            }
        });
    }
    for (f, path, source, what) in found {
        let rec = &sources[source].0;
        let alias = rec.public_id.as_deref().unwrap_or("a confidential source");
        let d = sink.err(
            f,
            path,
            "confidential-mention",
            format!("this text contains the {what} of the confidential source '{alias}'"),
        );
        help(
            d,
            format!(
                "write its public name instead (\u{201c}{}\u{201d}); its name, contact and identifying words may stand only in its own `source.name`, `contact`, `citation` and `identifying`",
                rec.public_label()
            ),
        );
    }
}

/// `findings[3].repeats[0]` and the like.
fn is_repeat(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, last)| last.starts_with("repeats["))
}

/// `findings[3].citation`: a confidential source's findings are cited by
/// its `public_citation` in every public output, so their own citations
/// are internal, like the source's.
fn is_finding_citation(path: &str) -> bool {
    path.starts_with("findings[") && path.ends_with("].citation")
}

/// `findings[3].id`.
fn is_finding_id(path: &str) -> bool {
    path.starts_with("findings[") && path.ends_with("].id")
}

/// Calls `f` with the YAML path and text of every string scalar (keys
/// included, as their own path) under `v`.
fn walk(v: &serde_yaml::Value, path: String, f: &mut dyn FnMut(&str, &str)) {
    match v {
        serde_yaml::Value::String(s) => f(&path, s),
        serde_yaml::Value::Sequence(items) => {
            for (i, x) in items.iter().enumerate() {
                walk(x, format!("{path}[{i}]"), f);
            }
        }
        serde_yaml::Value::Mapping(m) => {
            for (k, x) in m {
                let key = match k {
                    serde_yaml::Value::String(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let serde_yaml::Value::String(s) = k {
                    f(&p, s);
                }
                walk(x, p, f);
            }
        }
        serde_yaml::Value::Tagged(t) => walk(&t.value, path, f),
        // A number is text to a reader too (`text: 77015550199`).
        serde_yaml::Value::Number(n) => f(&path, &n.to_string()),
        _ => {}
    }
}
