//! Snapshot tests: the output of each template on the fixture model in
//! `tests/fixtures/mini`, reviewed and committed under `tests/snapshots/`.
//! A change to a template or a view shows up here as a readable diff.
//! (`page.html.tera` and `style.css.tera` are inside every HTML snapshot,
//! `header.md.tera` inside every Markdown one.)

use corridor_report::{Audience, Options, RenderedFile, Templates, render_model};
use std::path::Path;

fn files(audience: Audience) -> Vec<RenderedFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let model = corridor_schema::load_valid(&dir).expect("fixture loads").0;
    let mut o = Options::new("equal weights (1/11 per source type)");
    o.audience = audience;
    let templates = Templates::embedded().expect("templates compile");
    render_model(&model, &corridor_score::Weighting::equal(), &o, &templates).expect("renders")
}

fn file(audience: Audience, path: &str) -> String {
    let all = files(audience);
    let f = all.iter().find(|f| f.path == path).expect("rendered");
    String::from_utf8(f.bytes.clone()).expect("UTF-8")
}

#[test]
fn chapter_md() {
    insta::assert_snapshot!("chapter.md", file(Audience::Public, "KGZ.md"));
}

#[test]
fn chapter_md_internal() {
    insta::assert_snapshot!("chapter.internal.md", file(Audience::Internal, "KAZ.md"));
}

#[test]
fn chapter_html() {
    insta::assert_snapshot!("chapter.html", file(Audience::Public, "KGZ.html"));
}

#[test]
fn overview_md() {
    insta::assert_snapshot!("overview.md", file(Audience::Public, "overview.md"));
}

#[test]
fn overview_html() {
    insta::assert_snapshot!("overview.html", file(Audience::Public, "overview.html"));
}

#[test]
fn index_md() {
    insta::assert_snapshot!("index.md", file(Audience::Public, "index.md"));
}

#[test]
fn index_html() {
    insta::assert_snapshot!("index.html", file(Audience::Internal, "index.html"));
}

#[test]
fn vector_svg() {
    insta::assert_snapshot!(
        "vector.svg",
        file(Audience::Public, "charts/vector-bgd-kgz-kaz.svg")
    );
}

#[test]
fn heatmap_svg() {
    insta::assert_snapshot!("heatmap.svg", file(Audience::Public, "charts/heatmap.svg"));
}

#[test]
fn route_svg() {
    insta::assert_snapshot!(
        "route.svg",
        file(Audience::Public, "charts/KGZ-route-1.svg")
    );
}
