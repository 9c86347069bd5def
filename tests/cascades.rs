//! One mistake, one error (issue 11): a broken entry of a registry
//! (`corridors.yaml`, `places.yaml`, `taxonomy.yaml`) is reported once, and
//! the references to the id it still declares are not reported again; a
//! folder or file inside a tree is checked against the whole tree.
//!
//! Each case is a folder of `tests/fixtures/invalid-trees/` laid over the
//! base tree; `corridor check` must print exactly its `<case>.out`
//! (`CORRIDOR_BLESS=1` rewrites them; review the diff).

use corridor_tests::{corridor, fixture};
use std::path::Path;

fn copy_into(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&p, &target);
        } else {
            std::fs::copy(&p, target).unwrap();
        }
    }
}

/// The base tree with one case folder laid over it.
fn tree(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixture("base"), dir.path());
    copy_into(&fixture("invalid-trees").join(case), dir.path());
    dir
}

/// What `corridor check ARGS` prints (standard error, then standard
/// output) and its exit code, with the temporary folder shown as
/// `indicators`.
fn check(dir: &Path, arg: &Path) -> (String, Option<i32>) {
    let out = corridor().arg("check").arg(arg).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8(out.stderr).unwrap(),
        String::from_utf8(out.stdout).unwrap()
    );
    (
        text.replace(&dir.display().to_string(), "indicators"),
        out.status.code(),
    )
}

/// Checks a case's whole output against its `.out` file.
fn assert_case(case: &str, errors: usize) {
    let dir = tree(case);
    let (got, code) = check(dir.path(), dir.path());
    let expected = fixture("invalid-trees").join(format!("{case}.out"));
    if std::env::var_os("CORRIDOR_BLESS").is_some() {
        std::fs::write(&expected, &got).unwrap();
    }
    let want = std::fs::read_to_string(&expected)
        .unwrap_or_else(|_| panic!("{} is missing; got\n{got}", expected.display()));
    assert_eq!(got, want, "{case}");
    assert_eq!(code, Some(1));
    assert!(
        got.contains(&format!("FAILED: {errors} error(s)")),
        "{case}: expected {errors} error(s)\n{got}"
    );
}

#[test]
fn a_label_typo_in_corridors_yaml_is_one_error() {
    assert_case("corridor-label-typo", 1);
}

#[test]
fn a_bad_kind_in_places_yaml_is_one_error() {
    assert_case("place-bad-kind", 1);
}

#[test]
fn a_broken_tag_is_one_error() {
    assert_case("tag-bad-entry", 1);
}

#[test]
fn a_broken_unit_is_one_error() {
    // Issue 11: units are declared in taxonomy.yaml; the quantity counting
    // in the broken unit is not reported again.
    assert_case("unit-bad-entry", 1);
}

#[test]
fn a_corridors_file_that_is_not_yaml_is_one_error() {
    assert_case("corridors-syntax-error", 1);
}

#[test]
fn registry_errors_are_listed_before_the_files_that_use_them() {
    let dir = tree("corridor-label-typo");
    // A second, independent mistake in a file that sorts first.
    std::fs::write(
        dir.path().join("a-first.yaml"),
        std::fs::read_to_string(dir.path().join("uses.yaml"))
            .unwrap()
            .replace("id: uses", "id: a-first")
            .replace("strength: strong", "strength: huge"),
    )
    .unwrap();
    let (got, _) = check(dir.path(), dir.path());
    let registry = got.find("indicators/corridors.yaml:").unwrap();
    let other = got.find("indicators/a-first.yaml:").unwrap();
    assert!(registry < other, "{got}");
}

#[test]
fn check_of_a_sub_folder_uses_the_tree_and_shows_only_its_problems() {
    let dir = tree("sub-folder");
    let (got, code) = check(dir.path(), &dir.path().join("KGZ"));
    assert_eq!(
        got,
        "indicators/KGZ/bad.yaml:6:17: error[unknown-corridor]: corridor 'bgd-kgzz' is not declared in corridors.yaml\n   |\n 6 |   - corridors: [bgd-kgzz]\n   |                 ^\n  help: did you mean 'bgd-kgz'?\n\
         indicators/KGZ (checked against indicators): 7 files, 3 sources, 4 findings, 2 corridors, 0 country files\n\
         findings by source type:\n  border_service            0\n  migration_service         0\n  avr                       4\n  migrant_interview         0\n  ngo_interview             0\n  travel_industry           0\n  iom_staff                 0\n  embassy                   0\n  intl_org_stats            0\n  media                     0\n  internet                  0\n\
         findings by kind: 4 observed, 0 not_observed, 0 unavailable, 0 withheld\n\
         FAILED: 2 error(s), 0 warning(s)\n\
         1 of the errors are outside indicators/KGZ: run `corridor check indicators` to see them\n"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn check_of_one_file_uses_its_tree() {
    let dir = tree("sub-folder");
    let (got, code) = check(dir.path(), &dir.path().join("KGZ/ok.yaml"));
    assert!(
        got.starts_with("indicators/KGZ/ok.yaml (checked against indicators): 7 files"),
        "{got}"
    );
    assert!(got.contains("FAILED: 2 error(s)"), "{got}");
    assert!(!got.contains("error["), "{got}");
    assert_eq!(code, Some(1));
    // A tree without other mistakes: the file alone passes.
    std::fs::remove_dir_all(dir.path().join("KAZ")).unwrap();
    std::fs::remove_file(dir.path().join("KGZ/bad.yaml")).unwrap();
    let (got, code) = check(dir.path(), &dir.path().join("KGZ/ok.yaml"));
    assert!(got.ends_with("ok: 0 error(s), 0 warning(s)\n"), "{got}");
    assert_eq!(code, Some(0));
}

#[test]
fn running_outside_a_project_names_the_indicators_flag() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["check"][..], &["score"]] {
        let out = corridor()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr,
            format!(
                "error: there is no indicator folder indicators here ({}): run corridor in the project folder, or pass the indicator folder with `--indicators DIR`\n",
                std::path::absolute(dir.path()).unwrap().display()
            ),
            "{args:?}"
        );
        assert_eq!(out.status.code(), Some(1));
    }
}
