//! The architecture's dependency rules (ARCHITECTURE.md, "Invariants"),
//! read from `cargo metadata`: a library crate that gains a forbidden
//! dependency fails here.

use corridor_tests::root;
use serde_json::Value;

/// (package, dependencies it must not have as a normal dependency).
const FORBIDDEN: [(&str, &[&str]); 3] = [
    (
        "corridor-schema",
        &[
            "nalgebra",
            "tera",
            "clap",
            "corridor-score",
            "corridor-report",
        ],
    ),
    (
        "corridor-score",
        &["tera", "clap", "corridor-report", "tempfile", "indicatif"],
    ),
    ("corridor-report", &["clap", "indicatif", "tempfile"]),
];

#[test]
fn library_crates_have_no_forbidden_dependency() {
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let mut seen = 0;
    for (name, forbidden) in FORBIDDEN {
        let p = packages
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is a workspace member"));
        seen += 1;
        for d in p["dependencies"].as_array().expect("dependencies") {
            let dep = d["name"].as_str().expect("a name");
            let normal = d["kind"].is_null();
            assert!(
                !(normal && forbidden.contains(&dep)),
                "{name} depends on {dep}, which ARCHITECTURE.md forbids it"
            );
        }
    }
    assert_eq!(seen, FORBIDDEN.len());
}
