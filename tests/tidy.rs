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

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The signatures (from `pub fn` to the body's `{`) of every public
/// function of `text`.
fn pub_signatures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("pub fn ") {
        let sig = &rest[i..];
        let end = sig.find('{').unwrap_or(sig.len());
        out.push(sig[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &sig[end..];
    }
    out
}

#[test]
fn the_report_crate_takes_only_the_published_view() {
    // Publish once (ARCHITECTURE.md): no public function of
    // corridor-report accepts the checked model, so no output can be built
    // from the identities. `render_model` is the one exception: it
    // publishes the model itself before anything else.
    let mut offenders = Vec::new();
    let mut exempt = 0;
    for path in rust_files(&root().join("crates/report/src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for sig in pub_signatures(&text) {
            let takes_model = ["&Model", "&'a Model", "&corridor_schema::Model"]
                .iter()
                .any(|t| sig.contains(t));
            if takes_model && sig.starts_with("pub fn render_model(") {
                exempt += 1;
            } else if takes_model {
                offenders.push(format!("{}: {sig}", path.display()));
            }
        }
    }
    // The scan sees signatures at all: it finds the one exception.
    assert_eq!(exempt, 1, "render_model not found: the scan is broken");
    assert!(
        offenders.is_empty(),
        "these take the checked model; take `&Published` instead:\n{}",
        offenders.join("\n")
    );
}

/// The lines of the `.rs` files under `dir` (but `except`) that contain
/// `needle`, as `path:line: text`.
fn lines_with(dir: &str, needle: &str, except: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for path in rust_files(&root().join(dir)) {
        let shown = path.display().to_string();
        if except.iter().any(|e| shown.ends_with(e)) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(needle) {
                out.push(format!("{shown}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn one_registry_one_formatter_and_no_scoring_in_the_report_crate() {
    // Render once: one template registry.
    let teras = lines_with("crates/report/src", "Tera::new(", &["src/templates.rs"]);
    assert!(
        teras.is_empty(),
        "a second tera instance:\n{}",
        teras.join("\n")
    );
    // One number formatter: no float precision outside fmt.rs.
    let mut precisions = Vec::new();
    for digits in 0..10 {
        precisions.extend(lines_with(
            "crates/report/src",
            &format!(":.{digits}}}"),
            &["src/fmt.rs"],
        ));
    }
    assert!(
        precisions.is_empty(),
        "numbers formatted outside fmt.rs:\n{}",
        precisions.join("\n")
    );
    // Score once: the report crate reads the Scored result and never
    // builds evidence or scores itself.
    let mut scoring = Vec::new();
    for call in [
        "Prepared::new(",
        "Evidence::from_targets(",
        "Evidence::build(",
        "score_all(",
        "corridor_score::score(",
        "corridor_score::scores(",
        "corridor_score::ranks(",
    ] {
        scoring.extend(lines_with("crates/report/src", call, &["src/render.rs"]));
    }
    assert!(
        scoring.is_empty(),
        "the report crate scores by itself:\n{}",
        scoring.join("\n")
    );
    // One Markdown escaper.
    let escapers = lines_with("crates/report/src", "fn md_escape", &[]);
    assert!(escapers.is_empty(), "{}", escapers.join("\n"));
}

#[test]
fn library_files_are_small_enough_to_read() {
    // House style: a module is read at one sitting; past about 700 lines
    // it is split along its seams.
    let mut long = Vec::new();
    for dir in [
        "crates/schema/src",
        "crates/score/src",
        "crates/report/src",
        "crates/cli/src",
    ] {
        for path in rust_files(&root().join(dir)) {
            let n = std::fs::read_to_string(&path).unwrap().lines().count();
            if n > 700 {
                long.push(format!("{}: {n} lines", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these along their seams:\n{}",
        long.join("\n")
    );
}
