//! Lenient reading of a registry (`corridors.yaml`, `places.yaml`,
//! `taxonomy.yaml`): a broken entry of one of its lists is reported and
//! left out, and the rest of the file is still read.
//!
//! One typo in one corridor must not make every corridor unknown. The
//! entry that fails is dropped from the value tree and the file is read
//! again, until it reads; each dropped entry still declares the id it was
//! written with, so that references to it are not reported a second time.

use super::{diagnostic_at, parse_value};
use crate::diag::Diagnostic;
use crate::locate::PosIndex;
use crate::typed;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::collections::HashMap;

/// Entries dropped beyond this many make the file count as unreadable (a
/// file that is wrong throughout is one mistake, not thousands).
const MAX_BROKEN: usize = 200;

/// What a lenient read gave.
#[derive(Debug)]
pub struct Lenient<T> {
    /// The file without its broken entries; `None` when the file itself is
    /// broken (a syntax error, a wrong top level).
    pub value: Option<T>,
    /// One diagnostic per broken entry (or for the file).
    pub diagnostics: Vec<Diagnostic>,
    /// The broken entries: the list they are in and the id they declare
    /// (read from their `id:`, when it is a scalar).
    pub broken: Vec<(String, String)>,
}

/// Splits `corridors[3].label` into `("corridors", 3, ".label")`.
fn list_item(path: &str) -> Option<(&str, usize, &str)> {
    let (key, rest) = path.split_once('[')?;
    let (n, rest) = rest.split_once(']')?;
    (!key.contains('.')).then_some(())?;
    Some((key, n.parse().ok()?, rest))
}

/// Reads `text` into `T`, dropping and reporting the broken entries of its
/// top-level lists.
pub fn parse_lenient<T: DeserializeOwned>(text: &str, display: &str) -> Lenient<T> {
    let mut out = Lenient {
        value: None,
        diagnostics: Vec::new(),
        broken: Vec::new(),
    };
    let mut value = match parse_value(text, display) {
        Ok(v) => v,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let mut index: Option<PosIndex> = None;
    // Original positions of the entries still in each list.
    let mut original: HashMap<String, Vec<usize>> = HashMap::new();
    loop {
        let err = match typed::from_value::<T>(&value) {
            Ok(v) => {
                out.value = Some(v);
                return out;
            }
            Err(e) => e,
        };
        let index = index.get_or_insert_with(|| PosIndex::build(text));
        let item = list_item(&err.path).and_then(|(key, i, rest)| {
            let list = value.get_mut(key)?.as_sequence_mut()?;
            (i < list.len()).then_some(())?;
            let orig = original
                .entry(key.to_string())
                .or_insert_with(|| (0..list.len()).collect());
            let at = orig.remove(i);
            let entry = list.remove(i);
            Some((key.to_string(), at, rest.to_string(), entry))
        });
        let Some((key, at, rest, entry)) = item else {
            out.diagnostics.push(diagnostic_at(&err, index, display));
            return out;
        };
        let placed = typed::PathError {
            path: format!("{key}[{at}]{rest}"),
            error: err.error,
        };
        out.diagnostics.push(diagnostic_at(&placed, index, display));
        let id = match entry.get("id") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        if let Some(id) = id {
            out.broken.push((key, id));
        }
        if out.diagnostics.len() > MAX_BROKEN {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::CorridorsFile;

    #[test]
    fn a_broken_entry_is_reported_once_and_still_declares_its_id() {
        let text = "corridors:\n  - {id: a, origin: KGZ, destination: KAZ, label: A}\n  - {id: b, origin: KGZ, destination: KAZ, lable: B}\n  - {id: c, origin: KGZ, destination: KAZ, label: C, kind: x}\n  - {id: d, origin: KGZ, destination: KAZ, label: D}\n";
        let got = parse_lenient::<CorridorsFile>(text, "corridors.yaml");
        let ids: Vec<&str> = got
            .value
            .as_ref()
            .unwrap()
            .corridors
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "d"]);
        let diags: Vec<String> = got.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            diags,
            [
                "corridors.yaml:3:44: error[unknown-field]: unknown field 'lable'\n  help: did you mean 'label'?",
                "corridors.yaml:4:54: error[unknown-field]: unknown field 'kind'\n  help: allowed fields here: id, origin, via, destination, label, note",
            ]
        );
        assert_eq!(
            got.broken,
            [
                ("corridors".to_string(), "b".to_string()),
                ("corridors".to_string(), "c".to_string())
            ]
        );
    }

    #[test]
    fn a_broken_top_level_makes_the_file_unreadable() {
        let got = parse_lenient::<CorridorsFile>("corridor: []\n", "corridors.yaml");
        assert!(got.value.is_none());
        assert_eq!(got.diagnostics.len(), 1);
        assert_eq!(got.diagnostics[0].code, "unknown-field");
    }
}
