//! The indicator files are in the project's own words: no prose field may
//! share a run of 12 or more consecutive words with the study, except inside
//! double quotes (short phrases quoted as quotes). Facts and figures carry
//! over; sentences do not. Every file the loader discovers is read,
//! the region file included, and every prose value whole (a folded block
//! is one value over several lines).

use std::collections::HashSet;

/// Words as compared: lowercase, punctuation trimmed.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || c == '/' || c == '(' || c == ')' || c == '"' || c == ';' || c == ':'
    })
    .map(|w| {
        w.trim_matches(|c: char| matches!(c, '.' | ',' | '\'' | '“' | '”' | '‘' | '’'))
            .to_lowercase()
    })
    .filter(|w| !w.is_empty())
    .collect()
}

/// Removes the quoted parts of a line (a quote is allowed to be verbatim).
fn unquoted(text: &str) -> String {
    text.split('"').step_by(2).collect::<Vec<_>>().join(" ")
}

const RUN: usize = 12;

/// The study is not part of the project (a user's clone has no copy), so
/// this check runs only when asked: `.ci/run` sets `CORRIDOR_STUDY` to the
/// study's text and runs it with `--ignored` wherever the study exists.
#[test]
#[ignore = "needs the study's text: set CORRIDOR_STUDY and run with --ignored (.ci/run does)"]
fn indicator_prose_is_not_copied_from_the_study() {
    let seed = std::path::PathBuf::from(
        std::env::var_os("CORRIDOR_STUDY").expect("CORRIDOR_STUDY names the study's text file"),
    );
    let study = std::fs::read_to_string(&seed)
        .unwrap_or_else(|e| panic!("cannot read the study at {}: {e}", seed.display()));
    let sw = words(&study);
    let grams: HashSet<&[String]> = sw.windows(RUN).collect();
    let found = corridor_schema::load::discover(&corridor_tests::indicators()).unwrap();
    // The region file is discovered like the others; it must be among them.
    assert!(found.region.is_some(), "no region.yaml was discovered");
    let mut copied = Vec::new();
    for path in found.all() {
        let text = std::fs::read_to_string(path).unwrap();
        // Every prose value as YAML reads it: a folded or literal block
        // (`text: >-` and the lines below it) is one value, not one line.
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        prose_values(&value, String::new(), &mut |at, prose| {
            let lw = words(&unquoted(prose));
            if let Some(w) = lw.windows(RUN).find(|w| grams.contains(w)) {
                copied.push(format!("{} {at}: \"{}\"", path.display(), w.join(" ")));
            }
        });
    }
    assert!(
        copied.is_empty(),
        "rewrite these in the project's own words:\n{}",
        copied.join("\n")
    );
}

/// The keys whose values are prose.
const PROSE: [&str; 5] = ["text", "grading_note", "note", "description", "of"];

/// Calls `f` with the YAML path and text of every prose value under `v`.
fn prose_values(v: &serde_yaml::Value, path: String, f: &mut dyn FnMut(&str, &str)) {
    match v {
        serde_yaml::Value::Sequence(items) => {
            for (i, x) in items.iter().enumerate() {
                prose_values(x, format!("{path}[{i}]"), f);
            }
        }
        serde_yaml::Value::Mapping(m) => {
            for (k, x) in m {
                let key = k.as_str().unwrap_or_default();
                let at = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                match x {
                    serde_yaml::Value::String(s) if PROSE.contains(&key) => f(&at, s),
                    _ => prose_values(x, at, f),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn a_copied_run_inside_a_folded_block_is_found() {
    // The check reads values, not lines: a run split over the lines of a
    // `>-` block is one value, and a quoted run is allowed.
    let yaml = "a:\n  - text: >-\n      one two three four five six\n      seven eight nine ten eleven twelve\n    note: \"one two three four five six seven eight nine ten eleven twelve\"\n";
    let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    let mut seen = Vec::new();
    prose_values(&v, String::new(), &mut |at, s| {
        seen.push((at.to_string(), words(&unquoted(s)).len()))
    });
    assert_eq!(
        seen,
        [("a[0].text".to_string(), 12), ("a[0].note".to_string(), 12)]
    );
    let quoted = "he said \"one two three four five six seven eight nine ten eleven twelve\"";
    assert!(words(&unquoted(quoted)).len() == 2);
}
