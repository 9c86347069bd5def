//! The region file (`region.yaml`): the bad-input corpus of
//! `tests/fixtures/invalid/region/` — each case laid as `region.yaml` over
//! the valid base tree must produce the error kind and line its first line
//! names (`# expect: <code> line <n>`) and exactly the output of its `.out`
//! file (`CORRIDOR_BLESS=1` rewrites them; read the diff); its second line
//! says whether the JSON Schema alone rejects it. Beside it: discovery,
//! the shipped file against the schema, and `check` on the binary.

use corridor_tests::{corridor, fixture};
use std::path::{Path, PathBuf};

struct Case {
    path: PathBuf,
    code: String,
    line: usize,
    schema_rejects: bool,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = std::fs::read_dir(fixture("invalid").join("region"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines();
            let expect = lines.next().unwrap().strip_prefix("# expect: ").unwrap();
            let (code, line) = expect.split_once(" line ").unwrap();
            let schema = lines.next().unwrap().strip_prefix("# schema: ").unwrap();
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

/// The base tree with `region` as its `region.yaml`.
fn tree_with(region: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(region, dir.path().join("region.yaml")).unwrap();
    dir
}

fn render(diags: &[corridor_schema::Diagnostic], dir: &Path) -> String {
    let tmp = dir.display().to_string();
    diags
        .iter()
        .map(|d| format!("{d}\n").replace(&tmp, "indicators"))
        .collect()
}

#[test]
fn every_region_case_reports_its_error_kind_and_line_and_its_whole_output() {
    let all = cases();
    assert!(all.len() >= 10, "{}", all.len());
    let mut failures = Vec::new();
    for case in all {
        let dir = tree_with(&case.path);
        let checked = corridor_schema::check_dir(dir.path()).unwrap();
        let name = case.path.file_name().unwrap().to_string_lossy().to_string();
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        if !errors
            .iter()
            .any(|d| d.code == case.code && d.line == case.line && d.file.ends_with("region.yaml"))
        {
            failures.push(format!(
                "{name}: expected {} at line {}, got {errors:?}",
                case.code, case.line
            ));
        }
        for d in &errors {
            assert!(
                d.file.ends_with("region.yaml"),
                "{name}: error elsewhere: {d}"
            );
            // The region rules always say how to fix; the shared typed
            // reader gives no help for a wrong type (as for every file).
            if d.code != "bad-type" {
                assert!(d.help.is_some(), "{name}: an error without a fix: {d}");
            }
        }
        let got = render(&checked.diagnostics, dir.path());
        let expected = case.path.with_extension("out");
        if std::env::var_os("CORRIDOR_BLESS").is_some() {
            std::fs::write(&expected, &got).unwrap();
        }
        match std::fs::read_to_string(&expected) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{name}: output differs\n--- expected\n{want}\n--- got\n{got}"
            )),
            Err(_) => failures.push(format!(
                "{name}: {} is missing; got\n{got}",
                expected.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&corridor_schema::schema::schema_for("region").unwrap()).unwrap()
}

fn yaml_to_json(path: &Path) -> serde_json::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn json_schema_accepts_the_shipped_file_and_rejects_what_it_can_express() {
    let found = corridor_schema::load::discover(&corridor_tests::indicators()).unwrap();
    let shipped = found.region.expect("the shipped tree has a region.yaml");
    let v = validator();
    let errs: Vec<String> = v
        .iter_errors(&yaml_to_json(&shipped))
        .map(|e| e.to_string())
        .collect();
    assert!(errs.is_empty(), "{errs:?}");
    for case in cases() {
        assert_eq!(
            !v.is_valid(&yaml_to_json(&case.path)),
            case.schema_rejects,
            "{}",
            case.path.display()
        );
    }
}

#[test]
fn the_shipped_region_file_is_read_into_the_model() {
    let (model, _) = corridor_schema::load_valid(&corridor_tests::indicators()).unwrap();
    let region = model.region.expect("region.yaml is loaded");
    assert!(region.situation.len() >= 10);
    assert!(region.conclusions.len() >= 5);
    let by: std::collections::BTreeSet<&str> = region
        .recommendations
        .iter()
        .map(|r| r.by.as_str())
        .collect();
    assert!(by.contains("IOM") && by.len() >= 2, "{by:?}");
    // Every citation names a section of the study.
    for c in region
        .situation
        .iter()
        .chain(&region.conclusions)
        .map(|p| &p.citation)
        .chain(region.recommendations.iter().map(|r| &r.citation))
    {
        assert!(c.contains('§'), "{c}");
    }
}

#[test]
fn a_second_region_file_is_refused_and_check_exits_non_zero() {
    let dir = tree_with(&fixture("invalid").join("region/06-unknown-corridor.yaml"));
    std::fs::write(dir.path().join("region.yml"), "situation: []\n").unwrap();
    let out = corridor().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "indicators");
    assert!(
        stderr.contains(
            "indicators/region.yml:1:1: error[duplicate-file]: region is already read from indicators/region.yaml; this one would be ignored\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("indicators/region.yaml:7:17: error[unknown-corridor]: corridor 'bgd-kgzz' is not declared in corridors.yaml\n"),
        "{stderr}"
    );
}
