//! Rules that link one declaration to others across files: the `repeats`
//! of findings (METHOD.md §1, "Repeats") and the movements of
//! `corridors.yaml` (§1, §5).
//!
//! They run after every file has been read, because a finding may repeat a
//! finding of any other file, and they report a missing id only when it is
//! missing everywhere: an id whose own declaration is broken is still known,
//! so its breakage is reported once, where it is.

use super::control::slug_err;
use super::sink::{Sink, help};
use super::{Names, is_slug};
use crate::diag::did_you_mean;
use crate::files::MovementInput;
use crate::model::{Model, Movement};
use std::collections::{HashMap, HashSet};

/// The `repeats` of one finding, kept until every finding id is known.
pub(super) struct RepeatRefs {
    /// The file.
    pub(super) file: usize,
    /// The finding's YAML path (`findings[3]`).
    pub(super) path: String,
    /// The finding's id.
    pub(super) id: String,
    /// The ids it repeats, as written.
    pub(super) refs: Vec<String>,
}

/// Reports `repeats` entries that name no finding, or the finding itself.
pub(super) fn check_repeats(
    pending: &[RepeatRefs],
    finding_ids: &HashMap<String, (String, usize)>,
    sink: &mut Sink,
) {
    for r in pending {
        let mut seen = HashSet::new();
        for (j, target) in r.refs.iter().enumerate() {
            let path = format!("{}.repeats[{j}]", r.path);
            if *target == r.id {
                let d = sink.err(
                    r.file,
                    path,
                    "self-repeat",
                    format!("finding '{}' lists itself in `repeats`", r.id),
                );
                help(
                    d,
                    "list the other findings that report the same fact; a finding cannot repeat itself",
                );
            } else if !finding_ids.contains_key(target) {
                let d = sink.err(
                    r.file,
                    path,
                    "unknown-finding",
                    format!("finding '{target}' is not declared in any indicator file"),
                );
                match did_you_mean(target, finding_ids.keys().map(String::as_str)) {
                    Some(s) => help(d, format!("did you mean '{s}'?")),
                    None => help(
                        d,
                        "use the id of an existing finding (`corridor list findings`)",
                    ),
                }
            } else if !seen.insert(target.as_str()) {
                let d = sink.err(
                    r.file,
                    path,
                    "duplicate-entry",
                    format!("finding '{target}' is listed twice in `repeats`"),
                );
                help(d, "list each repeated finding once");
            }
        }
    }
}

/// Resolves the `repeats` of the model's findings to indices and assigns
/// every finding its repeat set: the connected components of the
/// `repeats` links, each named by its first finding in model order.
/// References to findings left out of the model (broken ones) are dropped:
/// their error is reported where they are declared.
pub(super) fn resolve_repeats(model: &mut Model, pending: &HashMap<String, Vec<String>>) {
    let index: HashMap<&str, usize> = model
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut links = vec![Vec::new(); model.findings.len()];
    for (i, f) in model.findings.iter().enumerate() {
        let Some(refs) = pending.get(&f.id) else {
            continue;
        };
        for r in refs {
            if let Some(&j) = index.get(r.as_str())
                && j != i
            {
                links[i].push(j);
            }
        }
    }
    for (f, mut targets) in model.findings.iter_mut().zip(links) {
        targets.sort_unstable();
        targets.dedup();
        f.repeats = targets;
    }
    model.link_repeats();
}

/// Checks the movements of `corridors.yaml` and adds them to the model.
/// Corridor ids must already be in `names`.
pub(super) fn check_movements(
    f: usize,
    movements: Vec<MovementInput>,
    model: &mut Model,
    names: &Names,
    sink: &mut Sink,
) {
    let mut seen = HashSet::new();
    for (i, m) in movements.into_iter().enumerate() {
        let p = format!("movements[{i}]");
        if !is_slug(&m.id) {
            slug_err(sink, f, &format!("{p}.id"), &m.id);
        }
        if names.corridors.contains_key(&m.id) {
            let d = sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("'{}' is already the id of a corridor", m.id),
            );
            help(
                d,
                "movements and corridors share one set of ids: give the movement its own",
            );
            continue;
        }
        if !seen.insert(m.id.clone()) {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("movement '{}' is declared twice", m.id),
            );
            continue;
        }
        if m.label.trim().is_empty() {
            sink.err(
                f,
                format!("{p}.label"),
                "empty-text",
                "label is empty".into(),
            );
        }
        let mut members = Vec::new();
        let mut ok = true;
        for (j, c) in m.corridors.iter().enumerate() {
            match names.corridors.get(c) {
                Some(&k) => members.push(k),
                None if names.excused("corridors", c) => ok = false,
                None => {
                    ok = false;
                    let d = sink.err(
                        f,
                        format!("{p}.corridors[{j}]"),
                        "unknown-corridor",
                        format!("corridor '{c}' is not declared in corridors.yaml"),
                    );
                    match did_you_mean(c, names.corridors.keys().map(String::as_str)) {
                        Some(s) => help(d, format!("did you mean '{s}'?")),
                        None => help(d, "list corridors declared under `corridors:`"),
                    }
                }
            }
        }
        members.sort_unstable();
        members.dedup();
        if ok && members.len() < 2 {
            let d = sink.err(
                f,
                format!("{p}.corridors"),
                "short-movement",
                format!(
                    "movement '{}' joins {} distinct corridor(s); a movement needs at least two",
                    m.id,
                    members.len()
                ),
            );
            help(
                d,
                "list two or more corridors, or score the single corridor on its own",
            );
        }
        if !ok || members.len() < 2 {
            continue;
        }
        model.movements.push(Movement {
            id: m.id,
            label: m.label,
            corridors: members,
            note: m.note,
        });
    }
    model.movements.sort_by(|a, b| a.id.cmp(&b.id));
}
