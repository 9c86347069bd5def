//! End-to-end tests of `corridor check` on the shipped indicators.

use corridor_tests::{corridor, indicators, run_ok};

#[test]
fn shipped_indicators_check_clean() {
    let out = corridor()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{stdout}");
    assert!(out.status.success());
    let checked = corridor_schema::check_dir(&indicators()).unwrap();
    assert_eq!(report["findings"], checked.stats.findings);
    assert_eq!(report["corridors"], checked.stats.corridors);
}

/// Copies the shipped vocabulary files (corridors, places, taxonomy, rates)
/// into a fresh directory.
fn vocabulary_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "corridors.yaml",
        "places.yaml",
        "taxonomy.yaml",
        "rates.yaml",
    ] {
        std::fs::copy(indicators().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn readme_example_file_checks_clean() {
    let readme = std::fs::read_to_string(corridor_tests::root().join("README.md")).unwrap();
    let block = readme
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has a yaml example");
    let dir = vocabulary_tree();
    std::fs::write(dir.path().join("example.yaml"), block).unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    assert_eq!(checked.error_count(), 0, "{:#?}", checked.diagnostics);
    assert_eq!(checked.stats.findings, 2);
}

#[test]
fn new_skeleton_fails_until_filled_then_passes() {
    let dir = vocabulary_tree();
    run_ok(corridor().args(["--indicators"]).arg(dir.path()).args([
        "new",
        "--type",
        "media",
        "--country",
        "KGZ",
        "--id",
        "kgz-test-article",
    ]));
    let path = dir.path().join("KGZ/kgz-test-article.yaml");
    let skeleton = std::fs::read_to_string(&path).unwrap();
    assert!(
        corridor_schema::check_dir(dir.path())
            .unwrap()
            .error_count()
            > 0,
        "an unfilled skeleton must not pass"
    );
    // A second `new` with the same id refuses to overwrite.
    let again = corridor()
        .arg("--indicators")
        .arg(dir.path())
        .args([
            "new",
            "--type",
            "media",
            "--country",
            "KGZ",
            "--id",
            "kgz-test-article",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let filled = skeleton
        .replace("<who or what the evidence comes from>", "Vecherniy Bishkek")
        .replace("<A-F>", "C")
        .replace(
            "<one line justifying the reliability letter>",
            "A daily paper; reports second-hand.",
        )
        .replace(
            "<publication, section, page, footnote or table>",
            "Vecherniy Bishkek, 12 May 2005",
        )
        .replace(
            "<2005 | 2005-H1 | 2005-Q2 | 2005-04 | 2004..2005-06>",
            "2005-05",
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
        .replace("<1-6>", "3")
        .replace(
            "<one or two sentences in your own words>",
            "The paper reports Bangladeshi arrivals by air.",
        );
    std::fs::write(&path, filled).unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    assert_eq!(checked.error_count(), 0, "{:#?}", checked.diagnostics);
}

/// The committed JSON Schemas (that editors point at) are what the code
/// generates: regenerate with `corridor schema KIND > reports/schema/KIND.schema.json`.
#[test]
fn committed_json_schemas_are_current() {
    for kind in corridor_schema::schema::KINDS {
        let path = corridor_tests::root().join(format!("reports/schema/{kind}.schema.json"));
        let committed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fresh =
            serde_json::to_string_pretty(&corridor_schema::schema::schema_for(kind).unwrap())
                .unwrap()
                + "\n";
        assert!(
            committed == fresh,
            "{} is stale: regenerate it with `corridor schema {kind}`",
            path.display()
        );
    }
}

/// `corridor synth` is seeded: the same arguments write the same bytes, and
/// the tree it writes checks clean.
#[test]
fn synth_is_deterministic_and_valid() {
    let write = |dir: &std::path::Path| {
        run_ok(
            corridor()
                .args([
                    "synth",
                    "--corridors",
                    "30",
                    "--files",
                    "12",
                    "--findings",
                    "200",
                    "--countries",
                    "3",
                    "--out",
                ])
                .arg(dir),
        );
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(a.path());
    write(b.path());
    let files = |d: &std::path::Path| {
        let found = corridor_schema::load::discover(d).unwrap();
        found
            .all()
            .map(|p| {
                (
                    p.strip_prefix(d).unwrap().to_path_buf(),
                    std::fs::read(p).unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(files(a.path()), files(b.path()));
    let checked = corridor_schema::check_dir(a.path()).unwrap();
    assert_eq!(checked.error_count(), 0, "{:#?}", checked.diagnostics);
    assert_eq!(
        (
            checked.stats.corridors,
            checked.stats.sources,
            checked.stats.findings
        ),
        (30, 12, 200)
    );
    // A second run into the same folder refuses to overwrite it.
    let again = corridor()
        .args(["synth", "--out"])
        .arg(a.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}
