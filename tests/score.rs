//! End-to-end tests of `corridor score --format json` and friends on the
//! shipped indicators: every field is recomputed here from the loaded model
//! with METHOD.md's formulas written out again, independently of
//! corridor-score, and compared with what the binary printed.

use corridor_schema::{Dimension, FindingKind, Model, SourceType, load_valid};
use corridor_tests::{corridor, indicators, run_ok};
use serde_json::Value;

const TOL: f64 = 1e-12;

fn run_json(args: &[&str]) -> Value {
    let stdout = String::from_utf8(run_ok(corridor().args(args))).expect("utf-8");
    serde_json::from_str(&stdout).expect("JSON output")
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// METHOD.md §2 with the default maps.
fn a(f: &corridor_schema::Finding) -> f64 {
    let sigma = match f.strength.map(|s| s.key()) {
        Some("weak") => 1.0 / 3.0,
        Some("moderate") => 2.0 / 3.0,
        Some("strong") => 1.0,
        _ => return 0.0,
    };
    let rho = [1.0, 0.8, 0.6, 0.4, 0.2, 0.5][f.reliability.index()];
    let kappa = [1.0, 0.8, 0.6, 0.4, 0.2, 0.5][usize::from(f.credibility.unwrap_or(6)) - 1];
    sigma * rho * kappa
}

/// (P, N) of corridor `c`, type `t` (METHOD.md §3).
fn pn(m: &Model, c: usize, t: SourceType) -> (f64, f64) {
    let (mut not_p, mut not_n) = (1.0, 1.0);
    for f in m
        .findings
        .iter()
        .filter(|f| f.kind == t && f.corridors.contains(&c))
    {
        match f.finding {
            FindingKind::Observed => not_p *= 1.0 - a(f),
            FindingKind::NotObserved => not_n *= 1.0 - a(f),
            _ => {}
        }
    }
    (1.0 - not_p, 1.0 - not_n)
}

/// Checks one `score --format json` output against the model.
fn check_report(m: &Model, report: &Value, country: Option<&str>) {
    let w = &report["weighting"];
    let weights: Vec<f64> = SourceType::ALL
        .iter()
        .map(|t| num(&w["weights"][t.key()]))
        .collect();
    assert!((weights.iter().sum::<f64>() - 1.0).abs() < TOL);
    let theta = num(&w["theta"]);
    let rows = report["corridors"].as_array().expect("corridors");
    let kept: Vec<usize> = (0..m.corridors.len())
        .filter(|&c| country.is_none_or(|k| m.corridors[c].touches(k)))
        .collect();
    assert_eq!(rows.len(), kept.len());
    let mut expected_scores = Vec::new();
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let c = m.corridor(id).expect("a declared corridor");
        assert!(kept.contains(&c), "{id} should be filtered out");
        assert_eq!(row["label"], m.corridors[c].label.as_str());
        let mut score = 0.0;
        let mut strong = Vec::new();
        for t in SourceType::ALL {
            let (p, n) = pn(m, c, *t);
            let v = p * (1.0 - n);
            assert!(
                (num(&row["support"][t.key()]) - p).abs() < TOL,
                "{id} {t} P"
            );
            assert!(
                (num(&row["counter"][t.key()]) - n).abs() < TOL,
                "{id} {t} N"
            );
            assert!((num(&row["vector"][t.key()]) - v).abs() < TOL, "{id} {t} v");
            score += weights[t.index()] * v;
            if v >= theta {
                strong.push(*t);
            }
        }
        assert!((num(&row["score"]) - score).abs() < TOL, "{id} score");
        expected_scores.push((score, id.to_string()));
        // Triangulation with the default groups (the shipped weightings
        // keep them).
        let mut groups: Vec<&str> = strong.iter().map(|t| t.default_group()).collect();
        groups.sort_unstable();
        groups.dedup();
        assert_eq!(row["types"], strong.len(), "{id} types");
        assert_eq!(row["groups"], groups.len(), "{id} groups");
        let label = match groups.len() {
            0 => "no-evidence",
            1 => "single-source",
            2 => "supported",
            _ => "corroborated",
        };
        assert_eq!(row["confidence"], label, "{id} confidence");
        for d in Dimension::ALL {
            let not_d: f64 = m
                .findings
                .iter()
                .filter(|f| {
                    f.corridors.contains(&c)
                        && f.dimension == *d
                        && f.finding == FindingKind::Observed
                })
                .map(|f| 1.0 - a(f))
                .product();
            assert!(
                (num(&row["dimensions"][d.key()]) - (1.0 - not_d)).abs() < TOL,
                "{id} {d}"
            );
        }
        let n = m
            .findings
            .iter()
            .filter(|f| f.corridors.contains(&c))
            .count();
        assert_eq!(row["findings"], n, "{id} findings");
        // Gaps: types with no observed or not_observed finding.
        let gaps = &row["gaps"];
        let listed = |k: &str| -> Vec<String> {
            gaps[k]
                .as_array()
                .expect("a list")
                .iter()
                .map(|v| v.as_str().expect("a type").to_string())
                .collect()
        };
        for t in SourceType::ALL {
            let of = |k: FindingKind| {
                m.findings
                    .iter()
                    .any(|f| f.kind == *t && f.corridors.contains(&c) && f.finding == k)
            };
            let evidence = of(FindingKind::Observed) || of(FindingKind::NotObserved);
            let key = t.key().to_string();
            assert_eq!(
                listed("unavailable").contains(&key),
                !evidence && of(FindingKind::Unavailable)
            );
            assert_eq!(
                listed("withheld").contains(&key),
                !evidence && of(FindingKind::Withheld)
            );
            assert_eq!(
                listed("none").contains(&key),
                !evidence && !of(FindingKind::Unavailable) && !of(FindingKind::Withheld)
            );
        }
    }
    // Rank order: score descending, then id ascending; ranks 1, 2, 3, …
    let mut sorted = expected_scores.clone();
    sorted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row["rank"], k + 1);
        assert_eq!(row["id"], sorted[k].1.as_str());
    }
}

#[test]
fn score_json_matches_the_method_field_by_field() {
    let (m, _) = load_valid(&indicators()).expect("the shipped indicators are valid");
    let report = run_json(&["score", "--format", "json"]);
    assert_eq!(report["weighting"]["name"], "default");
    assert_eq!(report["weighting"]["method"], "direct");
    for t in SourceType::ALL {
        assert!((num(&report["weighting"]["weights"][t.key()]) - 1.0 / 11.0).abs() < TOL);
    }
    assert!(report["weighting"]["consistency_ratio"].is_null());
    check_report(&m, &report, None);
}

#[test]
fn shipped_ahp_weightings_are_consistent_and_score_by_the_method() {
    let (m, _) = load_valid(&indicators()).expect("the shipped indicators are valid");
    for name in ["officials-first", "field-first"] {
        let report = run_json(&["score", "--weighting", name, "--format", "json"]);
        let w = &report["weighting"];
        assert_eq!(w["method"], "ahp");
        assert!(num(&w["consistency_ratio"]) <= 0.10, "{name}");
        assert!(
            w["random_index_table"]
                .as_str()
                .expect("named")
                .contains("Saaty")
        );
        let n = 11.0;
        let ci = (num(&w["lambda_max"]) - n) / (n - 1.0);
        assert!((num(&w["consistency_index"]) - ci).abs() < TOL);
        assert!((num(&w["consistency_ratio"]) - ci / 1.51).abs() < TOL);
        assert!(w["description"].as_str().is_some_and(|d| d.len() > 200));
        check_report(&m, &report, None);
    }
    // The two express opposite views: officials-first puts border services
    // above migrant interviews, field-first the other way round.
    let o = run_json(&["weights", "officials-first", "--format", "json"]);
    let f = run_json(&["weights", "field-first", "--format", "json"]);
    let w = |v: &Value, t: &str| num(&v["weights"][t]);
    assert!(w(&o, "border_service") > w(&o, "migrant_interview"));
    assert!(w(&f, "migrant_interview") > w(&f, "border_service"));
    assert!(w(&f, "avr") > w(&f, "migration_service"));
}

#[test]
fn country_filter_ranks_within_the_corridors_kept() {
    let (m, _) = load_valid(&indicators()).expect("the shipped indicators are valid");
    let report = run_json(&["score", "--country", "KGZ", "--format", "json"]);
    assert_eq!(report["filter"]["country"], "KGZ");
    check_report(&m, &report, Some("KGZ"));
}

#[test]
fn scoring_is_deterministic() {
    let a = corridor()
        .args(["score", "--format", "json"])
        .output()
        .expect("run");
    let b = corridor()
        .args(["score", "--format", "json"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .expect("run");
    assert_eq!(a.stdout, b.stdout);
}
