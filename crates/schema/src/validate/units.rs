//! Units of counted things as a declared vocabulary: `units:` of
//! taxonomy.yaml, checked like its `tags:` (slug ids, each once), and every
//! quantity's `unit` checked against it with a did-you-mean.
//!
//! The list lives in the indicator folder rather than in code so that an
//! analyst who counts vehicles or flights declares the unit once, with
//! the words the reports print, instead of changing the program.

use super::control::slug_err;
use super::sink::{Sink, help};
use super::{Names, is_slug};
use crate::diag::did_you_mean;
use crate::files::UnitInput;
use crate::model::Model;
use std::collections::HashSet;

/// Words analysts write for a share, which is a form of quantity and not a
/// unit.
const SHARE_WORDS: [&str; 5] = ["percent", "per_cent", "percentage", "share", "%"];

/// Checks taxonomy.yaml's `units:` (file `f`) and declares them.
pub(super) fn declare_units(
    sink: &mut Sink,
    f: usize,
    units: Vec<UnitInput>,
    model: &mut Model,
    names: &mut Names,
) {
    let mut seen = HashSet::new();
    for (i, u) in units.into_iter().enumerate() {
        let p = format!("units[{i}].id");
        if !is_slug(&u.id) {
            slug_err(sink, f, &p, &u.id);
        }
        if !seen.insert(u.id.clone()) {
            sink.err(
                f,
                &p,
                "duplicate-id",
                format!("unit '{}' is declared twice", u.id),
            );
            continue;
        }
        for (field, text) in [("label", &u.label), ("singular", &u.singular)] {
            if text.trim().is_empty() {
                let d = sink.err(
                    f,
                    format!("units[{i}].{field}"),
                    "empty-text",
                    format!("unit '{}' has an empty `{field}`", u.id),
                );
                help(
                    d,
                    "give the words the reports print: `label: persons, singular: person`",
                );
            }
        }
        names.units.insert(u.id.clone());
        model.units.push(u);
    }
}

/// Checks the `unit` of the quantity at YAML path `at`
/// (`findings[3].quantity`).
pub(super) fn check_unit(sink: &mut Sink, f: usize, at: &str, unit: &str, names: &Names) {
    if names.units.contains(unit) || names.excused("units", unit) {
        return;
    }
    let d = sink.err(
        f,
        format!("{at}.unit"),
        "unknown-unit",
        format!("unit '{unit}' is not declared in taxonomy.yaml"),
    );
    let h = if SHARE_WORDS.contains(&unit.to_lowercase().as_str()) {
        "a share is not a unit: write `percent: <0-100>` (and `n:`, its base) with `unit:` \
         what the base counts, e.g. `unit: persons`"
            .to_string()
    } else {
        match did_you_mean(unit, names.units.iter().map(String::as_str)) {
            Some(s) => format!("did you mean '{s}'?"),
            None => format!(
                "declared units: {}; or add it under `units:` in taxonomy.yaml with a label, \
                 singular and description",
                names
                    .units
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    };
    help(d, h);
}
