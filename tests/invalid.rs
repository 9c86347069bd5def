//! The bad-input corpus: every file under `tests/fixtures/invalid/` is
//! checked beside the valid base tree, and must produce the error kind and
//! line its first line names (`# expect: <code> line <n>`) and exactly the
//! output of its `.out` file beside it (every diagnostic in full; run with
//! `CORRIDOR_BLESS=1` to rewrite them, then review the diff). Its second
//! line says whether the JSON Schema alone can reject it.

use corridor_tests::{corridor, fixture};
use std::path::{Path, PathBuf};

/// Parsed header of one corpus file.
struct Case {
    path: PathBuf,
    code: String,
    line: usize,
    schema_rejects: bool,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = std::fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines();
            let expect = lines
                .next()
                .unwrap()
                .strip_prefix("# expect: ")
                .expect("expect header");
            let (code, line) = expect.split_once(" line ").expect("'<code> line <n>'");
            let schema = lines
                .next()
                .unwrap()
                .strip_prefix("# schema: ")
                .expect("schema header");
            Case {
                path: path.clone(),
                code: code.into(),
                line: line.parse().unwrap(),
                schema_rejects: schema == "reject",
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Copies the base tree and one case into a fresh directory.
fn tree_with(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(case, dir.path().join(case.file_name().unwrap())).unwrap();
    dir
}

/// Every diagnostic as `corridor check` prints it (position, code, message,
/// snippet with caret, help), one after the other.
/// The temporary folder is written as `indicators`.
fn render(diags: &[corridor_schema::Diagnostic], dir: &Path) -> String {
    let tmp = dir.display().to_string();
    diags
        .iter()
        .map(|d| format!("{d}\n").replace(&tmp, "indicators"))
        .collect()
}

#[test]
fn corpus_is_large_enough() {
    assert!(
        cases().len() >= 25,
        "the bad-input corpus needs at least 25 files"
    );
}

#[test]
fn base_tree_is_valid() {
    let checked = corridor_schema::check_dir(&fixture("base")).unwrap();
    assert_eq!(checked.error_count(), 0, "{:?}", checked.diagnostics);
}

#[test]
fn every_case_reports_its_error_kind_and_line() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tree_with(&case.path);
        let checked = corridor_schema::check_dir(dir.path()).unwrap();
        let name = case.path.file_name().unwrap().to_string_lossy().to_string();
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        let hit = errors
            .iter()
            .any(|d| d.code == case.code && d.line == case.line && d.file.ends_with(&name));
        if !hit {
            failures.push(format!(
                "{name}: expected {} at line {}, got {:?}",
                case.code, case.line, errors
            ));
        }
        // The whole output, compared exactly with the case's `.out` file:
        // a spurious extra error, a lost help line or a moved caret fails.
        let got = render(&checked.diagnostics, dir.path());
        let expected_path = case.path.with_extension("out");
        if std::env::var_os("CORRIDOR_BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{name}: output differs from {}\n--- expected\n{want}\n--- got\n{got}",
                expected_path.display()
            )),
            Err(_) => failures.push(format!(
                "{name}: {} is missing (CORRIDOR_BLESS=1 writes it); got\n{got}",
                expected_path.display()
            )),
        }
        // Every diagnostic has a position, a message and (for errors) a fix.
        for d in &errors {
            assert!(d.line >= 1 && d.column >= 1 && !d.message.is_empty(), "{d}");
            assert!(
                d.file.ends_with(&name),
                "an error leaked into another file: {d}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn binary_exits_non_zero_and_names_file_line_column() {
    let case = &cases()[0];
    let dir = tree_with(&case.path);
    let out = corridor().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let name = case.path.file_name().unwrap().to_string_lossy();
    assert!(
        stderr.contains(&format!("{name}:{}:", case.line)),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean 'credibility'?"), "{stderr}");
}

/// Regression guard for issue 2: one bad file never stops the others from
/// being checked, and all problems of a file are reported at once.
#[test]
fn issue_2_all_errors_of_all_files_at_once() {
    let dir = tree_with(&fixture("invalid").join("01-unknown-field.yaml"));
    for name in ["17-unknown-corridor.yaml", "22-unknown-currency.yaml"] {
        std::fs::copy(fixture("invalid").join(name), dir.path().join(name)).unwrap();
    }
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    for code in ["unknown-field", "unknown-corridor", "unknown-currency"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
}

fn yaml_to_json(path: &Path) -> serde_json::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema = corridor_schema::schema::schema_for(kind).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn json_schema_accepts_every_shipped_file() {
    let found = corridor_schema::load::discover(&corridor_tests::indicators()).unwrap();
    let indicator = validator("indicator");
    assert!(!found.indicators.is_empty());
    for p in &found.indicators {
        let errs: Vec<String> = indicator
            .iter_errors(&yaml_to_json(p))
            .map(|e| e.to_string())
            .collect();
        assert!(errs.is_empty(), "{}: {errs:?}", p.display());
    }
    for (kind, path) in [
        ("corridors", &found.corridors),
        ("places", &found.places),
        ("taxonomy", &found.taxonomy),
        ("rates", &found.rates),
    ] {
        let p = path.as_ref().unwrap();
        assert!(
            validator(kind).is_valid(&yaml_to_json(p)),
            "{}",
            p.display()
        );
    }
    let country = validator("country");
    for p in &found.countries {
        assert!(country.is_valid(&yaml_to_json(p)), "{}", p.display());
    }
}

#[test]
fn json_schema_rejects_the_invalid_corpus() {
    let indicator = validator("indicator");
    let mut rejected = 0;
    for case in cases() {
        // A file that is not YAML at all cannot even reach a schema.
        let Ok(value) = serde_yaml::from_str::<serde_json::Value>(
            &std::fs::read_to_string(&case.path).unwrap(),
        ) else {
            assert!(
                ["yaml-syntax", "yaml-tag", "tab-indent"].contains(&case.code.as_str()),
                "{}",
                case.code
            );
            rejected += 1;
            continue;
        };
        let valid = indicator.is_valid(&value);
        assert_eq!(
            !valid,
            case.schema_rejects,
            "{}: the schema should {} it",
            case.path.display(),
            if case.schema_rejects {
                "reject"
            } else {
                "accept"
            }
        );
        rejected += usize::from(!valid);
    }
    // The rest are reference and cross-field rules (unknown corridor, min > max,
    // duplicate ids...) that a JSON Schema cannot express; `check` catches them.
    assert!(rejected >= 20, "{rejected}");
}

/// Rules on the vocabulary files: each case edits one base file and must
/// produce its error kind at its line.
#[test]
fn vocabulary_file_rules() {
    // (file, text replaced, replacement, code, line)
    let cases: &[(&str, &str, &str, &str, usize)] = &[
        (
            "corridors.yaml",
            "origin: BGD, via: [], destination: KGZ",
            "origin: BGD, via: [], destination: KGS",
            "unknown-country",
            3,
        ),
        (
            "corridors.yaml",
            "origin: BGD, via: [KGZ]",
            "origin: BGD, via: [asia]",
            "unknown-country",
            4,
        ),
        (
            "corridors.yaml",
            "{id: bgd-kgz-kaz,",
            "{id: bgd-kgz,",
            "duplicate-id",
            4,
        ),
        (
            "corridors.yaml",
            "{id: bgd-kgz,",
            "{id: BGD_KGZ,",
            "bad-id",
            3,
        ),
        (
            "corridors.yaml",
            "label: Bangladesh to Kyrgyzstan}",
            "label: \" \"}",
            "empty-text",
            3,
        ),
        (
            "corridors.yaml",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}\nmovements:\n  - {id: m, label: M, corridors: [bgd-kgz, bgd-kgz]}",
            "short-movement",
            6,
        ),
        (
            "corridors.yaml",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}\nmovements:\n  - {id: m, label: M, corridors: [bgd-kgz, bgd-kgzz]}",
            "unknown-corridor",
            6,
        ),
        (
            "corridors.yaml",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}",
            "label: Bangladesh through Kyrgyzstan to Kazakhstan}\nmovements:\n  - {id: bgd-kgz, label: M, corridors: [bgd-kgz, bgd-kgz-kaz]}",
            "duplicate-id",
            6,
        ),
        (
            "places.yaml",
            "members: [DEU, FRA]",
            "members: [DEU, XXX]",
            "unknown-country",
            2,
        ),
        (
            "places.yaml",
            "{id: dhaka, name: Dhaka, country: BGD, kind: city}",
            "{id: dhaka, name: Dhaka, country: BGD, kind: city, lat: 123}",
            "bad-number",
            5,
        ),
        (
            "places.yaml",
            "{id: dhaka, name: Dhaka, country: BGD, kind: city}",
            "{id: bishkek, name: Dhaka, country: BGD, kind: city}",
            "duplicate-id",
            5,
        ),
        (
            "places.yaml",
            "kind: city}\n  - {id: dhaka",
            "kind: town}\n  - {id: dhaka",
            "bad-value",
            4,
        ),
        (
            "taxonomy.yaml",
            "\n",
            "\n  - {id: green_border, label: Again, description: Twice.}\n",
            "duplicate-id",
            3,
        ),
        // Issue 11: units are declared like tags.
        (
            "taxonomy.yaml",
            "{id: cases, label: cases,",
            "{id: persons, label: cases,",
            "duplicate-id",
            9,
        ),
        (
            "taxonomy.yaml",
            "{id: visas, label: visas,",
            "{id: Visas, label: visas,",
            "bad-id",
            10,
        ),
        (
            "taxonomy.yaml",
            "singular: permit,",
            "singular: \" \",",
            "empty-text",
            11,
        ),
        (
            "rates.yaml",
            "per_usd: 41.0",
            "per_usd: -41.0",
            "bad-number",
            2,
        ),
        (
            "rates.yaml",
            "currency: KGS",
            "currency: KGX",
            "unknown-currency",
            2,
        ),
        (
            "rates.yaml",
            "date: \"2005\"",
            "date: \"05\"",
            "bad-period",
            2,
        ),
    ];
    let mut failures = Vec::new();
    for (file, old, new, code, line) in cases {
        let dir = tempfile::tempdir().unwrap();
        for e in std::fs::read_dir(fixture("base")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(old), "{file}: '{old}' not in base");
        std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
        let checked = corridor_schema::check_dir(dir.path()).unwrap();
        if !checked
            .diagnostics
            .iter()
            .any(|d| d.code == *code && d.line == *line && d.file.ends_with(file))
        {
            failures.push(format!(
                "{file} ({new}): expected {code} at line {line}, got {:?}",
                checked.diagnostics
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn missing_corridors_file_and_misnamed_country_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("countries")).unwrap();
    std::fs::write(
        dir.path().join("countries/KAZ.yaml"),
        "country: KGZ\nname: Kyrgyzstan\ncontext:\n  - {text: Some context., citation: \" \"}\n",
    )
    .unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let codes: Vec<(&str, usize)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line))
        .collect();
    assert!(codes.contains(&("missing-file", 1)), "{codes:?}");
    assert!(codes.contains(&("file-name", 1)), "{codes:?}");
    assert!(codes.contains(&("missing-citation", 4)), "{codes:?}");
}

#[test]
fn warnings_do_not_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("w.yaml"),
        "id: w\nsource: {type: media, name: Paper, reliability: C, citation: c}\ncountry: KGZ\nperiod: 2005\nfindings:\n  - {corridors: [bgd-kgz], dimension: fees, finding: withheld, strength: weak, text: Declined to say., fee: {value: 5, currency: EUR, covers: bribe}}\n",
    )
    .unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["ignored-grade", "no-rate"]);
    assert_eq!(checked.error_count(), 0);
    let out = corridor().arg("check").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
}

/// Regression guard for issue 2 ("all errors of a run at once"): a broken
/// top level (here an unknown reliability letter) does not hide the
/// semantic errors of the findings below it.
#[test]
fn issue_2_broken_top_level_does_not_hide_finding_errors() {
    let dir = tree_with(&fixture("invalid").join("07-bad-reliability.yaml"));
    let text = std::fs::read_to_string(dir.path().join("07-bad-reliability.yaml")).unwrap();
    let text = text.replacen("corridors: [bgd-kgz]", "corridors: [bgd-kgzz]", 1);
    std::fs::write(dir.path().join("07-bad-reliability.yaml"), text).unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"bad-value"), "{codes:?}");
    assert!(codes.contains(&"unknown-corridor"), "{codes:?}");
    // Its findings make no source in the model.
    assert_eq!(checked.model.sources.len(), 0);
}

/// Regression guard (issue 11): `.YAML`/`.Yml` files are reported, not
/// silently skipped, and `corridors.yml` beside `corridors.yaml` is an
/// error, not silently ignored. The whole output is compared.
#[test]
fn misspelled_extensions_and_second_control_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        dir.path().join("corridors.yaml"),
        dir.path().join("corridors.yml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("invalid").join("01-unknown-field.yaml"),
        dir.path().join("source.Yml"),
    )
    .unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    assert_eq!(
        render(&checked.diagnostics, dir.path()),
        "indicators/corridors.yml:1:1: error[duplicate-file]: corridors is already read from indicators/corridors.yaml; this one would be ignored\n  help: keep one of the two files: merge them, then delete the other\n\
         indicators/source.Yml:1:1: error[file-extension]: this file is not read: only names ending in `.yaml` or `.yml` (lowercase) are\n  help: rename it to source.yml\n"
    );
}

/// Regression guard (issue 11): two weighting files with one `name` are an
/// error at the second one's `name:` (`report` used to drop one of them
/// silently), and a key repeated in a weighting file is an error at the
/// repeat (it used to be last-wins).
#[test]
fn weighting_files_with_one_name_or_a_repeated_key_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let w = dir.path().join("weightings");
    std::fs::create_dir(&w).unwrap();
    let equal = "name: equal\nmethod: direct\nweights: {border_service: 1, migration_service: 1, avr: 1, migrant_interview: 1, ngo_interview: 1, travel_industry: 1, iom_staff: 1, embassy: 1, intl_org_stats: 1, media: 1, internet: 1}\n";
    std::fs::write(w.join("a.yaml"), equal).unwrap();
    std::fs::write(w.join("b.yaml"), equal).unwrap();
    std::fs::write(
        w.join("c.yaml"),
        equal
            .replace("name: equal", "name: repeated")
            .replace("avr: 1,", "avr: 1, avr: 5,"),
    )
    .unwrap();
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    assert_eq!(
        render(&checked.diagnostics, dir.path()),
        "indicators/weightings/b.yaml:1:7: error[duplicate-name]: weighting name 'equal' is already used by indicators/weightings/a.yaml\n   |\n 1 | name: equal\n   |       ^\n  help: give each weighting file its own `name:`\n\
         indicators/weightings/c.yaml:3:60: error[duplicate-key]: key 'avr' is given twice in this mapping\n   |\n 3 | weights: {border_service: 1, migration_service: 1, avr: 1, avr: 5, migrant_interview: 1, ngo_interview: 1, travel_industry: 1, iom_staff: 1, embassy: 1, intl_org_stats: 1, media: 1, internet: 1}\n   |                                                            ^\n  help: each key may appear once per mapping: remove or merge the repeated one\n"
    );
}
