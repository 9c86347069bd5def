//! The regional chapter of the overview (`region.yaml`): the situation
//! above the ranking, the conclusions and the recommendations below it,
//! grouped by who made them, footnoted in reading order. The whole pages
//! are compared in `snapshots.rs`; this file checks what must hold on any
//! data: the order of the sections, the groups, and a tree without the file.

use corridor_report::{Audience, Options, RenderedFile, Templates, render_model};
use corridor_schema::Model;
use std::path::Path;

fn model() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    corridor_schema::load_valid(&dir).expect("fixture loads").0
}

fn overview(model: &Model, ext: &str) -> String {
    let mut o = Options::new("equal weights");
    o.audience = Audience::Public;
    let files: Vec<RenderedFile> = render_model(
        model,
        &corridor_score::Weighting::equal(),
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders");
    let f = files
        .iter()
        .find(|f| f.path == format!("overview.{ext}"))
        .expect("overview rendered");
    String::from_utf8(f.bytes.clone()).expect("UTF-8")
}

fn at(text: &str, what: &str) -> usize {
    text.find(what)
        .unwrap_or_else(|| panic!("{what:?} missing from\n{text}"))
}

#[test]
fn situation_comes_before_the_ranking_and_recommendations_after_it() {
    let m = model();
    for (ext, heads) in [
        (
            "md",
            [
                "## Summary",
                "## The overall situation in the region",
                "## Ranking of corridors",
                "## Conclusions",
                "## Recommendations",
                "### IOM",
                "### The regional roundtable (Almaty, 30 March 2006)",
                "[^1]: Fixture study, §5.1 Overall Situation, fn. 29.",
            ],
        ),
        (
            "html",
            [
                "<h2 id=\"summary\"",
                "<h2 id=\"situation\">",
                "<h2 id=\"ranking\">",
                "<h2 id=\"conclusions\">",
                "<h2 id=\"recommendations\">",
                "<h3>IOM</h3>",
                "<h3>The regional roundtable (Almaty, 30 March 2006)</h3>",
                "<h2 id=\"notes\">",
            ],
        ),
    ] {
        let page = overview(&m, ext);
        let places: Vec<usize> = heads.iter().map(|h| at(&page, h)).collect();
        assert!(places.is_sorted(), "{ext}: {heads:?} at {places:?}");
    }
}

#[test]
fn recommendations_are_grouped_by_author_in_order_of_first_mention() {
    let md = overview(&model(), "md");
    let iom = &md[at(&md, "### IOM")..at(&md, "### The regional roundtable")];
    // The fifth recommendation of the file is IOM's again: it joins the
    // IOM group, after the two before the roundtable's.
    let items: Vec<&str> = iom.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        items,
        [
            "- Make smuggling of migrants an offence.[^4]",
            "- Screen visa applications more closely.[^4] *(concerning the corridor Bangladesh to Kyrgyzstan)*",
            "- Check the Kyrgyz embassy in India's visa files.[^2] *(concerning Kyrgyzstan; the corridors Bangladesh to Kyrgyzstan and Bangladesh through Kyrgyzstan to Kazakhstan)*",
        ]
    );
    // The roundtable's items all concern the same countries: said once.
    let rt = &md[at(&md, "### The regional roundtable")..];
    assert!(
        rt.contains("*Concerning Kazakhstan and Kyrgyzstan.*\n\n- Strengthen the borders.[^5]\n- Share information between agencies.[^5]\n"),
        "{rt}"
    );
}

#[test]
fn without_a_region_file_the_overview_says_so_and_has_no_notes() {
    let mut m = model();
    m.region = None;
    let md = overview(&m, "md");
    assert!(md.contains("## The overall situation in the region\n\n*No regional notes were written: the overall situation, conclusions and recommendations are not available.*\n\n## The corridors by label"), "{md}");
    assert!(
        md.contains(
            "## Conclusions\n\n*None recorded.*\n\n## Recommendations\n\n*None recorded.*\n"
        ),
        "{md}"
    );
    assert!(!md.contains("[^"), "{md}");
    let html = overview(&m, "html");
    assert!(html.contains("<h2 id=\"situation\">The overall situation in the region</h2>\n<p class=\"muted\">No regional notes were written"), "{html}");
    assert!(!html.contains("id=\"notes\""), "{html}");
    assert!(!html.contains("href=\"#notes\""), "{html}");
}
