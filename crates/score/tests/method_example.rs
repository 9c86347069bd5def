//! METHOD.md §7, the worked example, exact to 1e-12.

use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Reliability, SourceType, Strength};
use corridor_score::{Conflict, Evidence, Filter, Params, scores};

fn source(id: &str, kind: SourceType, reliability: Reliability) -> SourceRecord {
    SourceRecord {
        id: id.into(),
        file: format!("{id}.yaml"),
        kind,
        name: id.into(),
        public_name: None,
        confidential: false,
        reliability,
        grading_note: None,
        citation: Some("METHOD.md §7".into()),
        contact: None,
        country: "KGZ".into(),
        period: "2005".parse().expect("a valid period"),
        collected: None,
    }
}

fn finding(source: usize, m: &Model, kind: FindingKind, strength: Strength, cred: u8) -> Finding {
    let s = &m.sources[source];
    Finding {
        id: format!("{}#{}", s.id, m.findings.len() + 1),
        source,
        kind: s.kind,
        reliability: s.reliability,
        corridors: vec![0],
        dimension: Dimension::Magnitude,
        finding: kind,
        strength: Some(strength),
        credibility: Some(cred),
        text: "example".into(),
        citation: "METHOD.md §7".into(),
        period: "2005".parse().expect("a valid period"),
        grading_note: None,
        quantity: None,
        fee: None,
        route: None,
        tags: vec![],
        profile: None,
        n: 1,
    }
}

/// The model of METHOD.md §7: one corridor, five findings.
pub fn example_model() -> Model {
    use FindingKind::*;
    use Strength::*;
    let mut m = Model {
        corridors: vec![Corridor {
            id: "x".into(),
            origin: "BGD".into(),
            via: vec![],
            destination: "KGZ".into(),
            label: "example".into(),
        }],
        sources: vec![
            source("a-border", SourceType::BorderService, Reliability::B),
            source("b-travel", SourceType::TravelIndustry, Reliability::C),
            source("c-avr", SourceType::Avr, Reliability::A),
            source("d-media", SourceType::Media, Reliability::F),
        ],
        ..Model::default()
    };
    let fs = [
        (0, Observed, Strong, 2),
        (0, Observed, Moderate, 3),
        (1, NotObserved, Moderate, 2),
        (2, Observed, Strong, 1),
        (3, Observed, Weak, 6),
    ];
    for (s, k, st, c) in fs {
        let f = finding(s, &m, k, st, c);
        m.findings.push(f);
    }
    m
}

#[test]
fn worked_example_reproduces_method_numbers() {
    let m = example_model();
    let p = Params::default();
    let a: Vec<f64> = m.findings.iter().map(|f| p.finding_weight(f)).collect();
    let expect_a = [0.64, 0.32, 0.32, 1.0, 1.0 / 3.0 * 0.5 * 0.5];
    for (x, y) in a.iter().zip(expect_a) {
        assert!((x - y).abs() < 1e-12, "{x} vs {y}");
    }
    let e = Evidence::build(&m, &p, &Filter::default());
    let v = |t: SourceType| e.vector[(0, t.index())];
    assert!((v(SourceType::BorderService) - 0.7552).abs() < 1e-12);
    assert_eq!(v(SourceType::TravelIndustry), 0.0);
    assert!((e.counter[(0, SourceType::TravelIndustry.index())] - 0.32).abs() < 1e-12);
    assert_eq!(v(SourceType::Avr), 1.0);
    assert!((v(SourceType::Media) - 1.0 / 12.0).abs() < 1e-12);
    let w = [1.0 / 11.0; 11];
    let s = scores(&e.vector, &w)[0];
    assert!((s - (0.7552 + 1.0 + 1.0 / 12.0) / 11.0).abs() < 1e-12);
    assert!((s - 0.167_139_393_939_393_9).abs() < 1e-12, "{s}");
    let (types, groups, conf) = e.triangulate(0, &p, None);
    assert_eq!((types, groups, conf.key()), (2, 2, "supported"));
    let conflicts = e.conflicts(0, p.theta);
    assert_eq!(
        conflicts,
        vec![Conflict::CrossType {
            kind: SourceType::TravelIndustry,
            counter: e.counter[(0, SourceType::TravelIndustry.index())],
            supported_by: vec![SourceType::BorderService, SourceType::Avr],
        }]
    );
    let gaps = e.gaps(0);
    assert_eq!(gaps.none.len(), 11 - 4);
}

#[test]
fn score_and_explain_reproduce_the_worked_example() {
    use corridor_score::{Confidence, Weighting, explain, score};
    let m = example_model();
    let w = Weighting::equal();
    let r = score(&m, &w, &Filter::default());
    let row = &r.corridors[0];
    assert_eq!(row.rank, 1);
    assert!((row.score - (0.7552 + 1.0 + 1.0 / 12.0) / 11.0).abs() < 1e-12);
    assert!((row.vector.get(SourceType::BorderService) - 0.7552).abs() < 1e-12);
    assert!((row.counter.get(SourceType::TravelIndustry) - 0.32).abs() < 1e-12);
    assert_eq!((row.types, row.groups), (2, 2));
    assert_eq!(row.confidence, Confidence::Supported);
    assert_eq!(row.counted_groups, ["official", "humanitarian"]);
    assert_eq!(row.findings, 5);
    // All five findings speak to magnitude: D = 1 − 0.36·0.68·0·(11/12) = 1.
    assert_eq!(row.dimensions.get(Dimension::Magnitude), 1.0);
    assert_eq!(row.gaps.none.len(), 7);

    let e = explain(&m, &w, &Filter::default(), "x").unwrap();
    let border = &e.types[SourceType::BorderService.index()];
    let a: Vec<f64> = border.findings.iter().map(|f| f.a.unwrap()).collect();
    assert!((a[0] - 0.64).abs() < 1e-12 && (a[1] - 0.32).abs() < 1e-12);
    // Without e1, border_service falls to v = 0.32 and out of triangulation.
    let without_e1 = border.findings[0].score_without.unwrap();
    assert!((without_e1 - (0.32 + 1.0 + 1.0 / 12.0) / 11.0).abs() < 1e-12);
    assert_eq!(
        border.findings[0].confidence_without,
        Some(Confidence::SingleSource)
    );
    // Without e3 nothing changes: v(travel_industry) is 0 either way.
    let travel = &e.types[SourceType::TravelIndustry.index()];
    assert_eq!(travel.findings[0].score_without, Some(row.score));
    assert!((border.contribution - 0.7552 / 11.0).abs() < 1e-12);
    assert!(explain(&m, &w, &Filter::default(), "y").is_err());
}

#[test]
fn period_filter_keeps_overlapping_findings_only() {
    use corridor_score::{Weighting, score};
    let mut m = example_model();
    // Move e4 (the AVR finding, v = 1) to 2004.
    m.findings[3].period = "2004".parse().unwrap();
    let w = Weighting::equal();
    let only_2005 = Filter {
        period: Some("2005-06..2006".parse().unwrap()),
        ..Filter::default()
    };
    let row = &score(&m, &w, &only_2005).corridors[0];
    assert_eq!(row.vector.get(SourceType::Avr), 0.0);
    assert_eq!(row.findings, 4);
    let all = &score(&m, &w, &Filter::default()).corridors[0];
    assert_eq!(all.vector.get(SourceType::Avr), 1.0);
}
