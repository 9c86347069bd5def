//! The audit document rendered from a real audit of a constructed model:
//! the figures in the tables are the report's, the HTML is self-contained
//! and escaped, the Markdown tables survive hostile labels, and the
//! sentences name the robust, fragile and contending corridors.

use corridor_report::Templates;
use corridor_report::audit::AuditView;
use corridor_report::escape::markdown as md_escape;
use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, N_TYPES, Reliability, SourceType, Strength};
use corridor_score::audit::{AuditReport, AuditWeighting, Options, audit};
use corridor_score::{Evidence, Filter, Params};

const HOSTILE: &str = "<script>alert(\"x\")</script> | a_b *c*";

/// Five corridors: `a` strong everywhere, `b` and `c` close to each other,
/// `d` weaker, `e` (with a hostile label) weakest.
fn model() -> Model {
    use Reliability::*;
    use Strength::*;
    let ids = ["a", "b", "c", "d", "e"];
    let mut m = Model {
        corridors: ids
            .iter()
            .map(|id| Corridor {
                id: (*id).into(),
                origin: "BGD".into(),
                via: vec![],
                destination: "KGZ".into(),
                label: if *id == "e" {
                    HOSTILE.into()
                } else {
                    format!("Corridor {id}")
                },
            })
            .collect(),
        ..Model::default()
    };
    let mut cells = Vec::new();
    for t in SourceType::ALL {
        let i = t.index();
        cells.push((0, *t, A, Strong, 1));
        // b leads on the first half of the types, c on the second.
        cells.push((1, *t, if i < 6 { B } else { D }, Strong, 1));
        cells.push((2, *t, if i < 6 { D } else { B }, Strong, 1));
        if i % 3 == 0 {
            cells.push((3, *t, C, Moderate, 2));
        }
        if i == 10 {
            cells.push((4, *t, E, Weak, 3));
        }
    }
    for (n, (c, kind, reliability, strength, cred)) in cells.into_iter().enumerate() {
        m.sources.push(SourceRecord {
            id: format!("s{n:03}"),
            file: format!("s{n:03}.yaml"),
            kind,
            name: format!("source {n}"),
            public_name: None,
            public_id: None,
            public_citation: None,
            identifying: vec![],
            confidential: false,
            reliability,
            grading_note: None,
            citation: Some("test".into()),
            contact: None,
            country: "KGZ".into(),
            period: "2005".parse().unwrap(),
            collected: None,
        });
        m.findings.push(Finding {
            id: format!("s{n:03}#1"),
            source: n,
            kind,
            reliability,
            corridors: vec![c],
            dimension: Dimension::Routes,
            finding: FindingKind::Observed,
            phenomenon: Some(corridor_schema::Phenomenon::Smuggling),
            repeats: vec![],
            repeat_set: m.findings.len(),
            trend: None,
            strength: Some(strength),
            credibility: Some(cred),
            text: "test".into(),
            citation: "test".into(),
            period: "2005".parse().unwrap(),
            grading_note: None,
            quantity: None,
            fee: None,
            route: None,
            tags: vec![],
            profile: None,
            n: 1,
        });
    }
    m
}

fn report(m: &Model, p: &Params, ev: &Evidence, two: bool) -> AuditReport {
    let ids: Vec<String> = m.corridors.iter().map(|c| c.id.clone()).collect();
    let mut first_half = [0.0; N_TYPES];
    for x in first_half.iter_mut().take(6) {
        *x = 1.0 / 6.0;
    }
    let mut ws = vec![AuditWeighting {
        name: "equal",
        weights: [1.0 / N_TYPES as f64; N_TYPES],
        params: p,
        evidence: ev,
        consistency_ratio: None,
    }];
    if two {
        ws.push(AuditWeighting {
            name: "first_half",
            weights: first_half,
            params: p,
            evidence: ev,
            consistency_ratio: None,
        });
    }
    let o = Options {
        draws: 2_000,
        top_k: 2,
        ..Options::default()
    };
    audit(
        &ids,
        &ws,
        &corridor_score::audit::AuditContext::corridors(m),
        &o,
        &|_| {},
    )
    .unwrap()
}

#[test]
fn html_is_self_contained_escaped_and_shows_the_report_figures() {
    let m = model();
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let r = report(&m, &p, &ev, true);
    let html = AuditView::new(
        &r,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Public),
        &p,
        40,
    )
    .html(&Templates::embedded().unwrap())
    .unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for banned in ["<script", "src=", "href=", "@import", "<link"] {
        assert!(!html.contains(banned), "{banned} in the HTML");
    }
    assert_eq!(html.matches("://").count(), 1, "only the SVG namespace");
    assert!(html.contains("&lt;script&gt;"), "the label must be escaped");
    // Every corridor's figures, as the report has them.
    for c in &r.corridors {
        let row = format!("<td class=\"n\">{}</td><td>{}", c.base_rank, c.id);
        assert!(html.contains(&row), "{row}");
        assert!(html.contains(&format!("{}–{}", c.p05_rank, c.p95_rank)));
        assert!(html.contains(&format!("{:.1}%", c.top_k_share * 100.0)));
        assert!(html.contains(&format!("{:.4}", c.score_mean)));
    }
    // One band, median tick and base dot per corridor.
    assert_eq!(
        html.matches("<rect class=\"band\"").count(),
        r.corridors.len()
    );
    assert_eq!(
        html.matches("<circle class=\"base\"").count(),
        r.corridors.len()
    );
    // The comparison column and its section.
    assert!(html.contains("<th class=\"n\">first_half</th>"));
    assert!(html.contains("<h2>Across weightings</h2>"));
    for l in &r.leave_one_out {
        assert!(html.contains(&format!("<code>{}</code>", l.kind.key())));
    }
}

#[test]
fn markdown_tables_and_chart_follow_the_report() {
    let m = model();
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let r = report(&m, &p, &ev, false);
    let md = AuditView::new(
        &r,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Public),
        &p,
        3,
    )
    .markdown(&Templates::embedded().unwrap())
    .unwrap();
    // Three rows shown, the rest announced.
    assert!(md.contains("2 more corridors are not shown"), "{md}");
    for c in r.corridors.iter().take(3) {
        let start = format!("| {} | {} — ", c.base_rank, c.id);
        let line = md
            .lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("{start}"));
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells[3], c.median_rank.to_string());
        assert_eq!(cells[4], format!("{}–{}", c.p05_rank, c.p95_rank));
        assert_eq!(cells[5], format!("{:.1}%", c.top_k_share * 100.0));
    }
    // The text chart: an axis line and one line per row shown, the base
    // rank marked `o` at the left end for rank 1.
    let chart: Vec<&str> = md
        .split("```text\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap()
        .lines()
        .collect();
    assert_eq!(chart.len(), 4);
    assert!(chart[0].starts_with("rank") && chart[0].contains(" 1"));
    let first = r.corridors[0].id.as_str();
    assert!(chart[1].starts_with(first));
    assert_eq!(
        chart[1][first.len()..].trim_start().chars().next(),
        Some('o')
    );
    // No comparison section with a single weighting.
    assert!(!md.contains("## Across weightings"));
    // A hostile label cannot break a table row.
    let all = AuditView::new(
        &r,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Public),
        &p,
        40,
    )
    .markdown(&Templates::embedded().unwrap())
    .unwrap();
    let e = all.lines().find(|l| l.contains("| e — ")).unwrap();
    assert!(e.contains(&md_escape(HOSTILE)));
    assert_eq!(e.matches(" | ").count(), 9, "{e}");
}

#[test]
fn the_sentences_name_robust_and_fragile_corridors() {
    let m = model();
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let r = report(&m, &p, &ev, false);
    let v = AuditView::new(
        &r,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Public),
        &p,
        40,
    );
    let text = v.findings_text.join(" ");
    // `a` dominates on every type: rank 1 in every draw, hence robust.
    let a = &r.corridors[0];
    assert_eq!((a.id.as_str(), a.p95_rank), ("a", 1));
    assert!(
        text.contains("a (rank 1 under the base weights, in the top 2 in 100.0% of draws)"),
        "{text}"
    );
    for c in &r.corridors {
        let verdict = v.rows.iter().find(|row| row.id == c.id).unwrap().verdict;
        if c.base_rank <= 2 && c.p95_rank > 2 {
            assert_eq!(verdict, "fragile");
            assert!(
                text.contains(&format!("Fragile: {} ranks {}", c.id, c.base_rank)),
                "{text}"
            );
        }
        if c.p95_rank <= 2 {
            assert_eq!(verdict, "robust");
        }
    }
    // b (strong on six types) leads c (strong on five) under equal
    // weights, but not in every draw: b is fragile, c a contender.
    let b = r.corridors.iter().find(|c| c.id == "b").unwrap();
    assert_eq!(b.base_rank, 2);
    assert!(b.p95_rank > 2, "{b:?}");
    assert!(text.contains("Fragile: b ranks 2"), "{text}");
    assert!(
        text.contains("inside it in at least 5% of the draws: c (rank 3"),
        "{text}"
    );
    assert!(v.method_text.contains("2,000 alternative weightings"));
    assert!(v.method_text.contains("seeded with 42"));
}
