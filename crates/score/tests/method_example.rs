//! METHOD.md §7, the worked example of version 2, read from its fixture
//! files through the real loader: every number of the page, exact to 1e-12.

use corridor_schema::{Dimension, Model, Phenomenon, SourceType};
use corridor_score::{
    Confidence, Conflict, CorridorScore, Evidence, Filter, Params, RoleExplained, ScoreReport,
    Weighting, explain, score, scores,
};
use std::path::Path;

const EPS: f64 = 1e-12;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

/// The model of METHOD.md §7: corridors X, Y, Z, movement M = {X, Y}.
fn example_model() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/method-example");
    let (model, warnings) = corridor_schema::load_valid(&dir).expect("the fixture is valid");
    assert!(warnings.is_empty(), "{warnings:?}");
    model
}

fn row<'a>(r: &'a [CorridorScore], id: &str) -> &'a CorridorScore {
    r.iter().find(|c| c.id == id).expect("scored")
}

fn smuggling(m: &Model) -> ScoreReport {
    score(
        m,
        &Weighting::equal(),
        &Filter::default(),
        Phenomenon::Smuggling,
    )
}

#[test]
fn finding_weights_are_sigma_rho_kappa() {
    let m = example_model();
    let p = Params::default();
    let a = |id: &str| {
        let f = m.findings.iter().find(|f| f.id == id).expect("finding");
        p.finding_weight(f)
    };
    let expect = [
        ("e1", 0.64),
        ("e2", 0.32),
        ("e3", 0.32),
        ("e4", 0.32),
        ("e5", 1.0),
        ("e6", 1.0 / 3.0 * 0.5 * 0.5),
        ("e7", 0.25),
        ("e8", 0.64),
        ("e10", 0.8),
        ("e11", 0.64),
        ("ez", 1.0 / 12.0),
    ];
    for (id, x) in expect {
        assert!(close(a(id), x), "{id}: {} vs {x}", a(id));
    }
}

#[test]
fn corridor_x_per_source_repeats_and_conflicts() {
    let m = example_model();
    let p = Params::default();
    let x = m.corridor("x").expect("x");
    let e = Evidence::build(&m, &p, &Filter::default(), Phenomenon::Smuggling);
    let v = |t: SourceType| e.vector[(x, t.index())];
    // A(s1) = max(0.64, 0.32); A(s2) = 0.32; two independent sources.
    assert!(close(v(SourceType::BorderService), 1.0 - 0.36 * 0.68));
    assert!(close(v(SourceType::BorderService), 0.7552));
    assert_eq!(v(SourceType::TravelIndustry), 0.0);
    assert!(close(
        e.counter[(x, SourceType::TravelIndustry.index())],
        0.32
    ));
    assert_eq!(v(SourceType::Avr), 1.0);
    // e7 repeats e1 and counts zero: media is e6 alone.
    assert!(close(v(SourceType::Media), 1.0 / 12.0));
    for t in [
        SourceType::MigrationService,
        SourceType::IntlOrgStats,
        SourceType::MigrantInterview,
    ] {
        assert_eq!(v(t), 0.0, "{t}");
    }
    let s = scores(&e.vector, &[1.0 / 11.0; 11])[x];
    assert!(close(s, (0.7552 + 1.0 + 1.0 / 12.0) / 11.0));
    assert!(close(s, 0.167_139_393_939_393_94), "{s}");
    let (types, groups, conf) = e.triangulate(x, &p, None);
    assert_eq!((types, groups, conf), (2, 2, Confidence::Supported));
    assert!(!e.contested(x, p.theta));
    assert_eq!(
        e.conflicts(x, p.theta),
        vec![Conflict::CrossType {
            kind: SourceType::TravelIndustry,
            counter: e.counter[(x, SourceType::TravelIndustry.index())],
            supported_by: vec![SourceType::BorderService, SourceType::Avr],
        }]
    );
    // Dimension coverage, per source its strongest finding on the dimension.
    let d = |dim: Dimension| e.coverage[(x, dim.index())];
    assert_eq!(d(Dimension::Magnitude), 1.0);
    assert!(close(d(Dimension::Routes), 1.0 - 0.68 * 0.68));
    assert!(close(d(Dimension::Routes), 0.5376));
    assert!(close(d(Dimension::Organization), 1.0 / 12.0));
    assert_eq!(d(Dimension::Fees), 0.0);
    assert_eq!(d(Dimension::Profile), 0.0);
}

#[test]
fn other_phenomena_of_x_and_the_context_finding() {
    let m = example_model();
    let w = Weighting::equal();
    let irregular = score(&m, &w, &Filter::default(), Phenomenon::IrregularMigration);
    let x = row(&irregular.corridors, "x");
    assert!(close(x.vector.get(SourceType::MigrationService), 0.64));
    assert!(close(x.score, 0.64 / 11.0));
    assert!(close(x.score, 0.058_181_818_181_818_18));
    assert_eq!((x.types, x.groups), (1, 1));
    assert_eq!(x.confidence, Confidence::SingleSource);
    let trafficking = score(&m, &w, &Filter::default(), Phenomenon::Trafficking);
    assert_eq!(
        row(&trafficking.corridors, "x").confidence,
        Confidence::NoEvidence
    );
    assert_eq!(row(&trafficking.corridors, "x").score, 0.0);
    // e9 (context) changes no number: removing it leaves every report equal.
    let mut without = example_model();
    let e9 = without
        .findings
        .iter()
        .position(|f| f.id == "e9")
        .expect("e9");
    without.findings.remove(e9);
    without.link_repeats();
    for phi in Phenomenon::SCORED {
        let a = score(&m, &w, &Filter::default(), phi);
        let b = score(&without, &w, &Filter::default(), phi);
        for (p, q) in a.corridors.iter().zip(&b.corridors) {
            assert_eq!((p.score, p.confidence), (q.score, q.confidence));
            assert_eq!(p.vector, q.vector);
        }
    }
}

#[test]
fn corridor_y_corridor_z_and_movement_m() {
    let m = example_model();
    let r = smuggling(&m);
    let y = row(&r.corridors, "y");
    assert!(close(y.vector.get(SourceType::Avr), 0.8));
    assert!(close(y.vector.get(SourceType::MigrantInterview), 0.64));
    assert_eq!(y.confidence, Confidence::Supported);
    assert!(close(y.score, 1.44 / 11.0));
    assert!(close(y.score, 0.130_909_090_909_090_9));
    let z = row(&r.corridors, "z");
    assert!(close(z.vector.get(SourceType::Media), 1.0 / 12.0));
    assert_eq!(z.confidence, Confidence::Insufficient);
    // Ranks: X, Y, Z.
    let ranks: Vec<(&str, usize)> = r
        .corridors
        .iter()
        .map(|c| (c.id.as_str(), c.rank))
        .collect();
    assert_eq!(ranks, [("x", 1), ("y", 2), ("z", 3)]);

    // M = {X, Y}: s4 counts once with max(1.0, 0.8).
    assert_eq!(r.movements.len(), 1);
    let mv = &r.movements[0];
    assert_eq!(mv.id, "m");
    assert_eq!(
        mv.members.as_deref(),
        Some(&["x".to_string(), "y".to_string()][..])
    );
    assert!(close(mv.vector.get(SourceType::BorderService), 0.7552));
    assert_eq!(mv.vector.get(SourceType::Avr), 1.0);
    assert!(close(mv.vector.get(SourceType::MigrantInterview), 0.64));
    assert!(close(mv.vector.get(SourceType::Media), 1.0 / 12.0));
    assert_eq!((mv.types, mv.groups), (3, 3));
    assert_eq!(mv.confidence, Confidence::Corroborated);
    assert_eq!(mv.counted_groups, ["official", "humanitarian", "field"]);
    assert!(close(mv.score, (0.7552 + 1.0 + 0.64 + 1.0 / 12.0) / 11.0));
    assert!(close(mv.score * 11.0, 2.478_533_333_333_333));
    assert!(close(mv.score, 0.225_321_212_121_212_1));
    assert_eq!(mv.rank, 1);
}

#[test]
fn explain_names_what_counts_and_why_the_rest_counts_zero() {
    let m = example_model();
    let w = Weighting::equal();
    let e = explain(
        &m,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Internal),
        &w,
        &Filter::default(),
        "x",
        Phenomenon::Smuggling,
    )
    .expect("x");
    assert_eq!(e.movements, ["m"]);
    let role = |id: &str| {
        e.types
            .iter()
            .flat_map(|t| &t.sources)
            .flat_map(|s| &s.findings)
            .find(|f| f.id == id)
            .map(|f| f.role.clone())
            .expect("listed")
    };
    assert_eq!(role("e1"), RoleExplained::Counts);
    assert_eq!(role("e2"), RoleExplained::SameSource { by: "e1".into() });
    assert_eq!(role("e7"), RoleExplained::Repeat { of: "e1".into() });
    assert_eq!(role("e8"), RoleExplained::OtherPhenomenon);
    assert_eq!(role("e9"), RoleExplained::Unscored);
    let border = &e.types[SourceType::BorderService.index()];
    assert_eq!(border.sources.len(), 2);
    let s1 = &border.sources[0];
    assert_eq!(s1.source, "s1");
    assert!(close(s1.a, 0.64));
    // Without s1, border_service falls to 0.32 and e7 (media) counts:
    // media = 1 − (1 − 1/12)(1 − 0.25).
    let media = 1.0 - (1.0 - 1.0 / 12.0) * 0.75;
    assert!(close(s1.score_without, (0.32 + 1.0 + media) / 11.0));
    assert_eq!(s1.confidence_without, Confidence::SingleSource);
    let travel = &e.types[SourceType::TravelIndustry.index()].sources[0];
    assert!(close(travel.b, 0.32));
    assert_eq!(travel.score_without, e.corridor.score);
    let me = explain(
        &m,
        &corridor_schema::Published::new(&m, corridor_schema::Audience::Internal),
        &w,
        &Filter::default(),
        "m",
        Phenomenon::Smuggling,
    )
    .expect("m");
    assert_eq!(me.target, "movement");
    let s4 = me
        .types
        .iter()
        .flat_map(|t| &t.sources)
        .find(|s| s.source == "s4")
        .expect("s4");
    assert_eq!(s4.a, 1.0);
    assert!(
        explain(
            &m,
            &corridor_schema::Published::new(&m, corridor_schema::Audience::Internal),
            &w,
            &Filter::default(),
            "q",
            Phenomenon::Smuggling
        )
        .is_err()
    );
}

#[test]
fn period_filter_applies_to_every_kind() {
    let mut m = example_model();
    // Move e5 (the AVR finding on X, v = 1) to 2004.
    let e5 = m.findings.iter().position(|f| f.id == "e5").expect("e5");
    m.findings[e5].period = "2004".parse().expect("period");
    let w = Weighting::equal();
    let later = Filter {
        period: Some("2005-06..2006".parse().expect("period")),
        ..Filter::default()
    };
    let r = score(&m, &w, &later, Phenomenon::Smuggling);
    let x = row(&r.corridors, "x");
    assert_eq!(x.vector.get(SourceType::Avr), 0.0);
    assert_eq!(x.findings, 8);
    assert!(x.gaps.none.contains(&SourceType::Avr));
    let all = smuggling(&m);
    assert_eq!(row(&all.corridors, "x").vector.get(SourceType::Avr), 1.0);
}
