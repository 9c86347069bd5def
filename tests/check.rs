//! End-to-end tests of `corridor check` on the shipped indicators.

use corridor_tests::{corridor, indicators};

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
