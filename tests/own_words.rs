//! The indicator files are in the project's own words: no prose field may
//! share a run of 12 or more consecutive words with the study, except inside
//! double quotes (short phrases quoted as quotes). Facts and figures carry
//! over; sentences do not.

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
    let mut copied = Vec::new();
    for path in found.all() {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let prose = ["text:", "grading_note:", "note:", "description:", "of:"]
                .iter()
                .filter_map(|k| line.split_once(k).map(|(_, rest)| rest))
                .next();
            let Some(prose) = prose else { continue };
            // A whole-value quote (text: "...") is YAML quoting, not a citation mark.
            let value = prose.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            let lw = words(&unquoted(value));
            if let Some(w) = lw.windows(RUN).find(|w| grams.contains(w)) {
                copied.push(format!("{}:{}: \"{}\"", path.display(), n + 1, w.join(" ")));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "rewrite these in the project's own words:\n{}",
        copied.join("\n")
    );
}
