//! A finding's `corridors` resolved against corridors.yaml: for a finding
//! that parsed, and also for one that did not (a misspelt field elsewhere
//! in it), so that one typo never hides an unknown corridor beside it.

use super::Names;
use super::sink::{Sink, help};

/// Resolves `corridors` of the finding at YAML path `p`: the corridor
/// indices found, and whether every id resolved. An unknown id is reported
/// with a suggestion, unless its declaration is broken (already reported).
pub(super) fn corridor_refs(
    sink: &mut Sink,
    f: usize,
    p: &str,
    corridors: &[String],
    names: &Names,
) -> (Vec<usize>, bool) {
    let mut idx = Vec::new();
    let mut ok = true;
    for (j, c) in corridors.iter().enumerate() {
        match names.corridors.get(c) {
            Some(&i) => idx.push(i),
            None if names.excused("corridors", c) => ok = false,
            None => {
                ok = false;
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
    (idx, ok)
}
