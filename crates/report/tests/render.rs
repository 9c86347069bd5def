//! Behaviour of the rendered report on the fixture model in
//! `tests/fixtures/mini`: the study's two tables computed from findings,
//! redaction, escaping, self-contained HTML, determinism, formats,
//! template overrides.

use corridor_report::build::{self, Charts, Ctx};
use corridor_report::{
    Audience, Formats, Options, RenderedFile, ReportError, Templates, render, render_model,
};
use corridor_schema::Model;
use corridor_schema::Published;
use corridor_score::{Filter, Scored, Weighting};
use std::path::Path;

fn fixture() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    corridor_schema::load_valid(&dir).expect("fixture loads").0
}

fn options(audience: Audience) -> Options {
    let mut o = Options::new("equal weights");
    o.audience = audience;
    o
}

fn render_all(model: &Model, audience: Audience) -> Vec<RenderedFile> {
    let templates = Templates::embedded().expect("templates compile");
    render_model(model, &Weighting::equal(), &options(audience), &templates).expect("renders")
}

fn text<'a>(files: &'a [RenderedFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} was not rendered"));
    std::str::from_utf8(&f.bytes).expect("UTF-8")
}

fn kgz_chapter(model: &Model) -> corridor_report::views::ChapterView {
    let opts = options(Audience::Public);
    let templates = Templates::embedded().expect("templates compile");
    let published = Published::new(model, opts.audience);
    let scored = Scored::new(model, &Weighting::equal(), &Filter::default());
    let ctx = Ctx::new(&published, &scored, &opts).expect("valid options");
    let shared = Default::default();
    let mut charts = Charts::new(&templates, &shared);
    build::chapter(&ctx, "KGZ", &mut charts).expect("chapter builds")
}

#[test]
fn kyrgyz_fee_brackets_are_computed_from_the_interviews() {
    let model = fixture();
    let view = kgz_chapter(&model);
    let t = view.fees.brackets.expect("bracket table");
    assert_eq!(
        t.columns,
        [
            "below 500 US$",
            "500–1,000 US$",
            "1,000–2,000 US$",
            "2,000–3,000 US$",
            "3,000–4,000 US$"
        ]
    );
    assert_eq!(t.totals, ["4", "5", "4", "7", "5"]);
    assert_eq!(t.percents, ["16%", "20%", "16%", "28%", "20%"]);
    assert_eq!(t.total, "25");
    let bgd = t.rows.iter().find(|r| r.code == "BGD").unwrap();
    assert_eq!(bgd.cells, ["–", "–", "–", "6", "4"]);
    assert_eq!(bgd.total, "10");
    assert!(
        t.caption.contains("25 interviewed migrants"),
        "{}",
        t.caption
    );
    // Every finding that entered the table is footnoted.
    assert_eq!(t.notes.len(), 7);

    let files = render_all(&model, Audience::Public);
    let md = text(&files, "KGZ.md");
    assert!(md.contains("| Total | 4 | 5 | 4 | 7 | 5 | 25 |"), "{md}");
    assert!(
        md.contains("| % | 16% | 20% | 16% | 28% | 20% | 100% |"),
        "{md}"
    );
    let html = text(&files, "KGZ.html");
    assert!(html.contains(r#"<td class="num">28%</td>"#));
}

#[test]
fn changing_one_interview_changes_the_bracket_table() {
    let mut model = fixture();
    let f = model
        .findings
        .iter_mut()
        .find(|f| f.id == "fee-chn")
        .unwrap();
    f.fee.as_mut().unwrap().respondents = Some(9);
    let t = kgz_chapter(&model).fees.brackets.unwrap();
    assert_eq!(t.totals, ["9", "5", "4", "7", "5"]);
    assert_eq!(t.total, "30");
    assert_eq!(t.percents[0], "30%");
}

#[test]
fn avr_cases_are_summed_by_location_and_status() {
    let model = fixture();
    let view = kgz_chapter(&model);
    let t = view.magnitude.avr.expect("AVR table");
    assert_eq!(
        t.columns,
        ["returned", "disappeared", "in process", "rejected"]
    );
    let row = |code: &str| t.rows.iter().find(|r| r.code == code).unwrap().clone();
    assert_eq!(row("KAZ").total, "42");
    assert_eq!(row("KAZ").cells, ["20", "6", "10", "6"]);
    assert_eq!(row("KGZ").total, "15");
    // A zero cell is absent from the data and shown as a dash.
    assert_eq!(row("KGZ").cells[3], "–");
    // The finding without a status stays out of the table (16 cases).
    assert_eq!(t.total, "57");
}

#[test]
fn figures_are_grouped_by_the_studys_topics_and_shown_as_reported() {
    let model = fixture();
    let view = kgz_chapter(&model);
    // Topics in the study's order; each figure as reported (never turned
    // into a per-year rate), with the period it covers.
    let got: Vec<(&str, &str, &str, &str)> = view
        .magnitude
        .topics
        .iter()
        .flat_map(|t| {
            t.rows
                .iter()
                .map(move |r| (t.title, r.figure.as_str(), r.period.as_str(), r.evidence_of))
        })
        .collect();
    let d = "Detections, detentions and deportations";
    let a = "Assisted voluntary return";
    let avr = |n: &'static str| (a, n, "2004–2005", "smuggling");
    assert_eq!(
        got,
        vec![
            (d, "30 persons a month", "2005", "smuggling"),
            (d, "100–300 persons over the period", "2005", "smuggling"),
            avr("20 cases over the period"),
            avr("6 cases over the period"),
            avr("10 cases over the period"),
            avr("6 cases over the period"),
            avr("10 cases over the period"),
            avr("2 cases over the period"),
            avr("3 cases over the period"),
            avr("16 cases over the period"),
        ]
    );
}

#[test]
fn fees_are_converted_with_the_declared_rates() {
    let model = fixture();
    let view = kgz_chapter(&model);
    let taxi = view
        .fees
        .rows
        .iter()
        .find(|r| r.reported == "12,300 KGS")
        .unwrap();
    // 12,300 som at 41 per dollar.
    assert_eq!(taxi.usd, "300");
    assert_eq!(view.fees.rates.len(), 1);
    assert_eq!(view.fees.rates[0].currency, "KGS");
    assert_eq!(view.fees.rates[0].date, "2005");
}

#[test]
fn every_statement_carries_a_footnote_with_source_citation_and_grade() {
    let model = fixture();
    let view = kgz_chapter(&model);
    let n = view.footnotes.len();
    for (i, f) in view.footnotes.iter().enumerate() {
        assert_eq!(f.n, i + 1);
        assert!(!f.source.is_empty() && !f.citation.is_empty());
        if !f.finding.is_empty() {
            assert!(!f.grade.is_empty(), "{f:?}");
        }
    }
    let files = render_all(&model, Audience::Public);
    let md = text(&files, "KGZ.md");
    for k in 1..=n {
        assert!(
            md.contains(&format!("[^{k}]: ")),
            "footnote {k} is not defined"
        );
    }
    // Every finding of a KGZ source is footnoted somewhere in the chapter.
    let kgz_findings = model
        .findings
        .iter()
        .filter(|f| model.source_of(f).country == "KGZ")
        .count();
    let finding_notes = view
        .footnotes
        .iter()
        .filter(|f| !f.finding.is_empty())
        .count();
    assert_eq!(finding_notes, kgz_findings);
    assert!(md.contains("grade B2"));
}

#[test]
fn public_outputs_never_name_a_confidential_source() {
    let model = fixture();
    let secrets: Vec<&str> = model
        .sources
        .iter()
        .filter(|s| s.confidential)
        .flat_map(|s| [Some(s.name.as_str()), s.contact.as_deref()])
        .flatten()
        .collect();
    assert_eq!(secrets.len(), 4, "the fixture has two confidential sources");
    let public = render_all(&model, Audience::Public);
    for f in &public {
        let t = String::from_utf8_lossy(&f.bytes);
        for s in &secrets {
            assert!(!t.contains(s), "{} contains {s:?}", f.path);
        }
        assert!(!t.contains("INTERNAL"), "{}", f.path);
    }
    // The internal report shows them, with a banner on every page.
    let internal = render_all(&model, Audience::Internal);
    let all: String = internal
        .iter()
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    for s in &secrets {
        assert!(all.contains(s), "internal report lacks {s:?}");
    }
    for f in internal
        .iter()
        .filter(|f| f.path.ends_with(".md") || f.path.ends_with(".html"))
    {
        let t = String::from_utf8_lossy(&f.bytes);
        assert!(
            t.contains(build::INTERNAL_BANNER),
            "{} has no banner",
            f.path
        );
    }
}

#[test]
fn the_public_view_holds_no_identity_at_all() {
    // Confidentiality by construction: the data every public output reads
    // has no confidential name, contact, citation, identifying word or
    // file in any field; the internal view keeps them all.
    let model = fixture();
    let secrets: Vec<String> = model
        .sources
        .iter()
        .filter(|s| s.confidential)
        .flat_map(|s| {
            [Some(s.name.clone()), s.contact.clone()]
                .into_iter()
                .flatten()
                .chain(s.identifying.clone())
                .chain([s.file.clone(), s.id.clone()])
        })
        .collect();
    assert!(
        secrets.len() >= 8,
        "the fixture has two confidential sources: {secrets:?}"
    );
    let view = Published::new(&model, Audience::Public);
    // Citations: the public one everywhere (the internal one may be a
    // prefix of it, so it is checked field by field).
    for (i, s) in view.model().sources.iter().enumerate() {
        if s.confidential {
            assert_eq!(s.citation, s.public_citation);
            assert_ne!(model.sources[i].citation, s.citation);
            for f in view.model().findings.iter().filter(|f| f.source == i) {
                assert_eq!(Some(&f.citation), s.public_citation.as_ref());
            }
        }
    }
    // Searched as `check` and the guard search: whole words, folded (a
    // two-letter name such as "Bo" is part of many words).
    let public = serde_json::to_string(view.model()).unwrap();
    for s in &secrets {
        let needle = corridor_schema::text::needles_of(0, s, None, &[], &[]);
        assert!(
            corridor_schema::text::find(&public, &needle).is_none(),
            "the public view holds {s:?}"
        );
    }
    let internal =
        serde_json::to_string(Published::new(&model, Audience::Internal).model()).unwrap();
    for s in &secrets {
        assert!(
            internal.contains(s.as_str()),
            "the internal view lacks {s:?}"
        );
    }
}

#[test]
fn markup_in_indicator_text_renders_as_text() {
    let files = render_all(&fixture(), Audience::Public);
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let t = String::from_utf8_lossy(&f.bytes);
        assert!(!t.contains("<script"), "{} contains a script tag", f.path);
        assert!(!t.contains("<img"), "{}", f.path);
        assert!(!t.contains("<i>markup"), "{}", f.path);
    }
    let html = text(&files, "KGZ.html");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let md = text(&files, "KGZ.md");
    assert!(!md.contains("<script"));
    assert!(md.contains("&lt;script&gt;alert("));
    let svg = text(&files, "charts/heatmap.svg");
    assert!(!svg.contains("<script"));
}

/// Counts the `|` that are not escaped.
fn cell_bars(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn indicator_text_cannot_break_a_markdown_table() {
    let files = render_all(&fixture(), Audience::Public);
    for f in files.iter().filter(|f| f.path.ends_with(".md")) {
        let t = String::from_utf8_lossy(&f.bytes);
        let mut width = None;
        for line in t.lines() {
            if line.starts_with('|') {
                let n = cell_bars(line);
                match width {
                    None => width = Some(n),
                    Some(w) => assert_eq!(n, w, "{}: ragged table row {line}", f.path),
                }
            } else {
                width = None;
            }
        }
    }
    let md = text(&files, "KGZ.md");
    assert!(md.contains("detained \\| at the Tajik border"));
    assert!(md.contains("\\# Not a heading"));
}

#[test]
fn html_pages_are_self_contained_and_printable() {
    let files = render_all(&fixture(), Audience::Public);
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let t = String::from_utf8_lossy(&f.bytes);
        let without_ns = t.replace("http://www.w3.org/2000/svg", "");
        for bad in [
            "http://", "https://", " src=\"", "<link", "url(", "@import", "<script",
        ] {
            assert!(!without_ns.contains(bad), "{} contains {bad}", f.path);
        }
        assert!(
            t.contains("<style>") && t.contains("@media print"),
            "{}",
            f.path
        );
        assert!(t.starts_with("<!DOCTYPE html>"));
    }
    // HTML inlines its charts; Markdown points at the SVG files beside it.
    let html = text(&files, "KGZ.html");
    assert!(html.contains("<svg xmlns="));
    let md = text(&files, "KGZ.md");
    assert!(md.contains("](charts/vector-bgd-kgz.svg)"));
    assert!(files.iter().any(|f| f.path == "charts/vector-bgd-kgz.svg"));
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let model = fixture();
    let a = render_all(&model, Audience::Public);
    let b = render_all(&model, Audience::Public);
    assert_eq!(a, b);
    let paths: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files come sorted by path");
}

#[test]
fn formats_and_countries_select_the_files() {
    let model = fixture();
    let t = Templates::embedded().unwrap();
    let mut o = options(Audience::Public);
    o.formats = Formats {
        markdown: false,
        html: true,
    };
    o.countries = vec!["kgz".into()];
    let files = render_model(&model, &corridor_score::Weighting::equal(), &o, &t).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["KGZ.html", "index.html", "methods.html", "overview.html"]
    );
    o.countries = vec!["UZB".into()];
    match render_model(&model, &corridor_score::Weighting::equal(), &o, &t) {
        Err(ReportError::UnknownCountry { code, known }) => {
            assert_eq!(code, "UZB");
            assert_eq!(known, "KAZ, KGZ");
        }
        other => panic!("expected UnknownCountry, got {other:?}"),
    }
}

#[test]
fn a_view_for_another_audience_or_another_model_is_refused() {
    let model = fixture();
    let t = Templates::embedded().unwrap();
    let scored = Scored::new(&model, &Weighting::equal(), &Filter::default());
    // An internal view handed to a public report: nothing is rendered.
    let internal = Published::new(&model, Audience::Internal);
    let err = render(&internal, &scored, None, &options(Audience::Public), &t).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the model was published for the internal audience, but a report for the public audience was asked for"
    );
    // Scores of another model (here: of an empty one).
    let other = Scored::new(&Model::default(), &Weighting::equal(), &Filter::default());
    let public = Published::new(&model, Audience::Public);
    let err = render(&public, &other, None, &options(Audience::Public), &t).unwrap_err();
    assert!(matches!(err, ReportError::Mismatch), "{err}");
}

#[test]
fn an_overridden_template_replaces_only_its_own_output() {
    let model = fixture();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.md.tera"),
        "# {{ page.title }}\n{% for c in chapters %}* {{ c.name }}\n{% endfor %}",
    )
    .unwrap();
    let custom = Templates::with_overrides(dir.path()).unwrap();
    let opts = options(Audience::Public);
    let a = render_model(&model, &corridor_score::Weighting::equal(), &opts, &custom).unwrap();
    let b = render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &opts,
        &Templates::embedded().unwrap(),
    )
    .unwrap();
    assert_eq!(
        text(&a, "index.md"),
        "# Smuggling of migrants in Central Asia: the vector approach\n* Kazakhstan\n* Kyrgyzstan\n"
    );
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        if x.path != "index.md" {
            assert_eq!(x.bytes, y.bytes, "{}", x.path);
        }
    }
}

#[test]
fn a_template_error_names_the_template_and_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("overview.md.tera"),
        "{{ no_such_variable.field }}",
    )
    .unwrap();
    let t = Templates::with_overrides(dir.path()).unwrap();
    let err = render_model(
        &fixture(),
        &corridor_score::Weighting::equal(),
        &options(Audience::Public),
        &t,
    )
    .unwrap_err();
    let chain = corridor_report::error_chain(&err);
    assert!(chain.contains("overview.md.tera"), "{chain}");
    assert!(chain.contains("caused by"), "{chain}");
    assert!(chain.contains("no_such_variable"), "{chain}");
}
