//! The rules of `region.yaml` (see `crate::region`): every paragraph and
//! recommendation has text and a citation, every recommendation says who
//! made it, no text still holds a skeleton placeholder, and the countries
//! and corridors a recommendation concerns exist. Confidential names in
//! its text are caught by `mentions.rs`, which reads every file the sink
//! holds, this one included.

use super::control::check_country_code;
use super::sink::{Sink, help};
use super::{Names, read_control};
use crate::load::has_placeholder;
use crate::model::Model;
use crate::region::{FILE, RegionFile};
use std::path::{Path, PathBuf};

/// Reads and checks the region file, if there is one, into `model.region`.
pub(super) fn check(
    path: &Option<PathBuf>,
    dir: &Path,
    names: &Names,
    model: &mut Model,
    sink: &mut Sink,
) {
    if let Some((f, file)) = read_control::<RegionFile>(path, dir, FILE, false, sink) {
        check_file(f, &file, names, sink);
        model.region = Some(file);
    }
}

/// A non-empty text without placeholders, at `path`; `what` names it in
/// the message ("text", "citation", "by").
fn check_text(sink: &mut Sink, f: usize, path: String, what: &str, s: &str) {
    if s.trim().is_empty() {
        let (code, msg, fix) = match what {
            "citation" => (
                "missing-citation",
                "citation is empty",
                "name the section of the study (and the footnote, where it gives one) the statement comes from",
            ),
            "by" => (
                "empty-text",
                "`by` is empty: who made this recommendation?",
                "name who made it as the study does: IOM, the regional roundtable, a ministry…",
            ),
            _ => (
                "empty-text",
                "text is empty",
                "write the paragraph in the project's own words, or delete the item",
            ),
        };
        let d = sink.err(f, path, code, msg.into());
        help(d, fix);
    } else if has_placeholder(s) {
        let d = sink.err(
            f,
            path,
            "placeholder",
            format!("`{what}` still holds a placeholder"),
        );
        help(
            d,
            "replace the text between the brackets with the real text",
        );
    }
}

fn check_file(f: usize, file: &RegionFile, names: &Names, sink: &mut Sink) {
    for (name, items) in [
        ("situation", &file.situation),
        ("conclusions", &file.conclusions),
    ] {
        for (i, item) in items.iter().enumerate() {
            check_text(sink, f, format!("{name}[{i}].text"), "text", &item.text);
            check_text(
                sink,
                f,
                format!("{name}[{i}].citation"),
                "citation",
                &item.citation,
            );
        }
    }
    for (i, r) in file.recommendations.iter().enumerate() {
        let p = format!("recommendations[{i}]");
        check_text(sink, f, format!("{p}.text"), "text", &r.text);
        check_text(sink, f, format!("{p}.by"), "by", &r.by);
        check_text(sink, f, format!("{p}.citation"), "citation", &r.citation);
        for (j, c) in r.countries.iter().enumerate() {
            check_country_code(sink, f, &format!("{p}.countries[{j}]"), c);
        }
        for (j, c) in r.corridors.iter().enumerate() {
            if !names.corridors.contains_key(c) && !names.excused("corridors", c) {
                let d = sink.err(
                    f,
                    format!("{p}.corridors[{j}]"),
                    "unknown-corridor",
                    format!("corridor '{c}' is not declared in corridors.yaml"),
                );
                help(d, names.corridor_help(c));
            }
        }
    }
}
