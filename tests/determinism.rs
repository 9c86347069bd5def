//! Loading is deterministic: the same files give the same model whatever
//! their order on disk, their names, or the folders they sit in.

use corridor_tests::{corridor, indicators};
use std::path::Path;

/// Copies the indicator tree, renaming every source file so that its
/// position in any sorted or unsorted listing changes: reversed order
/// prefixes, and all sources moved into one flat folder.
fn shuffled_copy(to: &Path) {
    let found = corridor_schema::load::discover(&indicators()).unwrap();
    let n = found.indicators.len();
    for (i, p) in found.indicators.iter().enumerate().rev() {
        let name = format!("{:03}-{}", n - i, p.file_name().unwrap().to_string_lossy());
        std::fs::create_dir_all(to.join("flat")).unwrap();
        std::fs::copy(p, to.join("flat").join(name)).unwrap();
    }
    for p in found.all().filter(|p| !found.indicators.contains(p)) {
        let rel = p.strip_prefix(indicators()).unwrap();
        std::fs::create_dir_all(to.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(p, to.join(rel)).unwrap();
    }
}

/// The model as JSON, without the file paths (which differ by design).
fn model_json(dir: &Path) -> serde_json::Value {
    let checked = corridor_schema::check_dir(dir).unwrap();
    assert_eq!(checked.error_count(), 0);
    let mut v = serde_json::to_value(&checked.model).unwrap();
    for s in v["sources"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("file");
    }
    v
}

#[test]
fn model_does_not_depend_on_file_names_or_order() {
    let tmp = tempfile::tempdir().unwrap();
    shuffled_copy(tmp.path());
    let a = model_json(&indicators());
    let b = model_json(tmp.path());
    assert!(
        a == b,
        "the model changed when files were renamed and reordered"
    );
    assert!(a["findings"].as_array().unwrap().len() > 100);
}

#[test]
fn check_json_is_byte_identical_across_runs_and_orders() {
    let tmp = tempfile::tempdir().unwrap();
    shuffled_copy(tmp.path());
    let run = |dir: &Path| {
        corridor()
            .args(["check", "--format", "json"])
            .arg(dir)
            .output()
            .unwrap()
            .stdout
    };
    let first = run(&indicators());
    assert_eq!(first, run(&indicators()));
    assert_eq!(first, run(tmp.path()));
}
