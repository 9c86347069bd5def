//! `corridor new`'s skeleton must not pass `check` while any `<…>` or
//! `‹…›` placeholder is left in any field, and `new` refuses an id the
//! tree already uses (issue 11).

use corridor_tests::{corridor, fixture};
use std::path::Path;

fn base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn new(dir: &Path, country: &str, id: &str) -> std::process::Output {
    corridor()
        .arg("--indicators")
        .arg(dir)
        .args(["new", "--type", "media", "--country", country, "--id", id])
        .output()
        .unwrap()
}

/// Every diagnostic of the tree, printed, with the folder as `indicators`.
fn diagnostics(dir: &Path) -> String {
    let checked = corridor_schema::check_dir(dir).unwrap();
    checked
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n").replace(&dir.display().to_string(), "indicators"))
        .collect()
}

#[test]
fn a_skeleton_with_only_its_closed_fields_filled_fails_on_every_placeholder() {
    let dir = base();
    assert!(new(dir.path(), "KGZ", "kgz-paper").status.success());
    let path = dir.path().join("KGZ/kgz-paper.yaml");
    let filled = std::fs::read_to_string(&path)
        .unwrap()
        .replace("<A-F>", "C")
        .replace(
            "<2005 | 2005-H1 | 2005-Q2 | 2005-04 | 2004..2005-06>",
            "2005",
        )
        .replace("corridors: []", "corridors: [bgd-kgz]")
        .replace(
            "<magnitude | routes | organization | fees | profile>",
            "routes",
        )
        .replace(
            "<observed | not_observed | unavailable | withheld>",
            "observed",
        )
        .replace(
            "<smuggling | irregular_migration | trafficking | regular_movement | context>",
            "smuggling",
        )
        .replace("<weak | moderate | strong>", "weak")
        .replace("<1-6>", "3");
    std::fs::write(&path, filled).unwrap();
    let got = diagnostics(dir.path());
    let placed: Vec<&str> = got
        .lines()
        .filter(|l| l.contains("error["))
        .map(|l| l.split(": error").next().unwrap())
        .collect();
    assert!(
        got.lines()
            .filter(|l| l.contains("error["))
            .all(|l| l.contains("error[placeholder]: `")),
        "{got}"
    );
    // name, grading_note, citation and text still hold their placeholders.
    assert_eq!(
        placed,
        [
            "indicators/KGZ/kgz-paper.yaml:7:9",
            "indicators/KGZ/kgz-paper.yaml:14:17",
            "indicators/KGZ/kgz-paper.yaml:15:13",
            "indicators/KGZ/kgz-paper.yaml:29:11",
        ],
        "{got}"
    );
    assert!(got.starts_with("indicators/KGZ/kgz-paper.yaml:7:9: error[placeholder]: `name` still holds a placeholder of the skeleton\n"), "{got}");
}

#[test]
fn a_guillemet_placeholder_in_a_public_field_fails() {
    let dir = base();
    std::fs::write(
        dir.path().join("s.yaml"),
        "id: s\nsource: {type: media, name: Paper, reliability: C, citation: c, confidential: true, public_id: s-a, public_citation: A study, public_name: \"‹a description›\", identifying: []}\ncountry: KGZ\nperiod: 2005\nfindings:\n  - {corridors: [bgd-kgz], dimension: routes, finding: observed, phenomenon: smuggling, strength: weak, credibility: 3, text: \"Ages <5 and >60 were seen.\"}\n",
    )
    .unwrap();
    assert_eq!(
        diagnostics(dir.path()),
        "indicators/s.yaml:2:140: error[placeholder]: `public_name` still holds a placeholder of the skeleton\n   |\n 2 | source: {type: media, name: Paper, reliability: C, citation: c, confidential: true, public_id: s-a, public_citation: A study, public_name: \"‹a description›\", identifying: []}\n   |                                                                                                                                            ^\n  help: replace the text between the brackets with the real value (or delete the line if the field is optional)\n"
    );
}

#[test]
fn new_refuses_an_id_the_tree_already_uses() {
    let dir = base();
    assert!(new(dir.path(), "KGZ", "kgz-paper").status.success());
    // Another country folder, so no file is in the way: the id is.
    let again = new(dir.path(), "KAZ", "kgz-paper");
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(again.stderr).unwrap(),
        format!(
            "error: id 'kgz-paper' is already used by {}: choose another id (file ids are unique in the tree)\n",
            dir.path().join("KGZ/kgz-paper.yaml").display()
        )
    );
    assert!(!dir.path().join("KAZ/kgz-paper.yaml").exists());
}
