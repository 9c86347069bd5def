//! The summary box, as sentences: snapshots of every summary of the shipped
//! indicators (with the shipped default weighting, as `corridor report`
//! renders them) and of a fixture whose evidence is thin, which must say
//! so. The sentences are built from the numbers in `summary.rs`; a change
//! of a number or of a phrase shows up here as a readable diff.

use corridor_report::{Options, RenderedFile, Templates, render_model};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Renders `dir` with its `weightings/default.yaml` (equal weights when
/// there is none).
fn report(dir: &Path) -> Vec<RenderedFile> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    let file = dir.join("weightings/default.yaml");
    let w = if file.is_file() {
        let loaded =
            corridor_schema::weighting::read(&file, "default.yaml").expect("weighting reads");
        corridor_score::Weighting::from_file(&loaded.file).expect("weighting solves")
    } else {
        corridor_score::Weighting::equal()
    };
    let mut o = Options::new(format!("the weighting \u{201c}{}\u{201d}", w.name));
    o.formats.html = false;
    render_model(
        &model,
        &w,
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders")
}

/// The summary box of a Markdown page: from "## Summary" to the next
/// heading of the same level.
fn summary_of(files: &[RenderedFile], path: &str) -> String {
    let f = files.iter().find(|f| f.path == path).expect("rendered");
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    let start = text.find("## Summary\n").expect("a summary box");
    let rest = &text[start + 3..];
    let end = rest.find("\n## ").expect("a heading after the summary");
    text[start..start + 3 + end].to_string()
}

#[test]
fn the_shipped_chapters_and_overview_summarise_their_evidence() {
    let files = report(&root().join("indicators"));
    let mut all = String::new();
    for page in ["overview.md", "KAZ.md", "KGZ.md", "TJK.md"] {
        let s = summary_of(&files, page);
        assert!(!s.contains("Thin evidence"), "{page} is not thin:\n{s}");
        all.push_str(&format!("=== {page}\n{s}\n"));
    }
    insta::assert_snapshot!("summary.shipped", all);
}

#[test]
fn a_thin_fixture_says_its_evidence_is_thin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/thin");
    let files = report(&dir);
    let s = summary_of(&files, "UZB.md");
    assert!(s.contains("**Thin evidence.**"), "{s}");
    assert!(
        s.contains("The evidence on smuggling of migrants for Uzbekistan is thin"),
        "{s}"
    );
    assert!(s.contains("Data were withheld by: Border services."), "{s}");
    insta::assert_snapshot!("summary.thin", s);
}
