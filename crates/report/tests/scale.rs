//! The renderer on a generated model (a tenth of the benchmark's size):
//! every country gets a chapter, output is deterministic, and no
//! confidential name or contact reaches the public files.

use corridor_report::{Options, Templates, render_model};

#[path = "../benches/synth.rs"]
mod synth;

#[test]
fn synthetic_model_renders_every_chapter_deterministically_without_leaks() {
    let model = synth::synthetic(200, 5_000, 20, 7);
    let opts = Options::new("equal weights");
    let templates = Templates::embedded().unwrap();
    let a = render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &opts,
        &templates,
    )
    .unwrap();
    let b = render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &opts,
        &templates,
    )
    .unwrap();
    assert!(a == b, "two renders differ");
    for c in &model.countries {
        for ext in ["md", "html"] {
            let path = format!("{}.{ext}", c.country);
            assert!(a.iter().any(|f| f.path == path), "{path} missing");
        }
    }
    // Confidential sources are the only ones named "Secret Name ...", and
    // every contact ends in ".invalid": neither may reach a public file.
    assert!(model.sources.iter().any(|s| s.confidential));
    for f in &a {
        let t = String::from_utf8_lossy(&f.bytes);
        assert!(
            !t.contains("Secret Name"),
            "{} names a confidential source",
            f.path
        );
        assert!(!t.contains(".invalid"), "{} shows a contact", f.path);
    }
}
