//! End-to-end tests of `corridor score --format json` and friends on the
//! shipped indicators: every field is recomputed here from the loaded model
//! with METHOD.md's formulas written out again, independently of
//! corridor-score, and compared with what the binary printed.

use corridor_schema::{Dimension, FindingKind, Model, Phenomenon, SourceType, load_valid};
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

/// What METHOD.md §3 and §5 make of one target (a corridor, or a
/// movement's corridors) for one phenomenon, written out again: P and N per
/// type, D per dimension, and whether a counting observed finding exists.
struct Target {
    p: [f64; 11],
    n: [f64; 11],
    d: [f64; 5],
    observed: bool,
}

fn target(m: &Model, corridors: &[usize], phi: Phenomenon) -> Target {
    let about: Vec<usize> = (0..m.findings.len())
        .filter(|&i| {
            let f = &m.findings[i];
            f.finding.is_evidence()
                && f.phenomenon == Some(phi)
                && f.corridors.iter().any(|c| corridors.contains(c))
        })
        .collect();
    // Within a repeat set and kind, the largest a(e) counts (ties: the
    // smallest id); the rest count zero.
    let counts = |i: usize| {
        let f = &m.findings[i];
        !about.iter().any(|&j| {
            let g = &m.findings[j];
            j != i
                && g.repeat_set == f.repeat_set
                && g.finding == f.finding
                && (a(g) > a(f) || (a(g) == a(f) && g.id < f.id))
        })
    };
    let counting: Vec<usize> = about.iter().copied().filter(|&i| counts(i)).collect();
    let mut t = Target {
        p: [0.0; 11],
        n: [0.0; 11],
        d: [0.0; 5],
        observed: false,
    };
    let (mut not_p, mut not_n, mut not_d) = ([1.0; 11], [1.0; 11], [1.0; 5]);
    for s in 0..m.sources.len() {
        let of_s: Vec<&corridor_schema::Finding> = counting
            .iter()
            .map(|&i| &m.findings[i])
            .filter(|f| f.source == s)
            .collect();
        let max = |k: FindingKind, dim: Option<Dimension>| {
            of_s.iter()
                .filter(|f| f.finding == k && dim.is_none_or(|d| f.dimension == d))
                .map(|f| a(f))
                .fold(None, |acc: Option<f64>, x| {
                    Some(acc.map_or(x, |y| y.max(x)))
                })
        };
        let ti = m.sources[s].kind.index();
        if let Some(x) = max(FindingKind::Observed, None) {
            not_p[ti] *= 1.0 - x;
            t.observed = true;
        }
        if let Some(x) = max(FindingKind::NotObserved, None) {
            not_n[ti] *= 1.0 - x;
        }
        for d in Dimension::ALL {
            if let Some(x) = max(FindingKind::Observed, Some(*d)) {
                not_d[d.index()] *= 1.0 - x;
            }
        }
    }
    t.p = not_p.map(|x| 1.0 - x);
    t.n = not_n.map(|x| 1.0 - x);
    t.d = not_d.map(|x| 1.0 - x);
    t
}

/// Checks the rows of one list (corridors or movements) of a report.
fn check_rows(
    m: &Model,
    rows: &[Value],
    weights: &[f64],
    theta: f64,
    phi: Phenomenon,
    members: &dyn Fn(&str) -> Vec<usize>,
) {
    let mut expected_scores = Vec::new();
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let cs = members(id);
        let t = target(m, &cs, phi);
        let mut score = 0.0;
        let mut strong = Vec::new();
        for ty in SourceType::ALL {
            let i = ty.index();
            let v = t.p[i] * (1.0 - t.n[i]);
            assert!(
                (num(&row["support"][ty.key()]) - t.p[i]).abs() < TOL,
                "{id} {ty} P"
            );
            assert!(
                (num(&row["counter"][ty.key()]) - t.n[i]).abs() < TOL,
                "{id} {ty} N"
            );
            assert!(
                (num(&row["vector"][ty.key()]) - v).abs() < TOL,
                "{id} {ty} v"
            );
            score += weights[i] * v;
            // v ≥ θ on twelve decimals (METHOD.md values equal as reals
            // tie; see corridor_score::rank::q12).
            if (v * 1e12).round() >= (theta * 1e12).round() {
                strong.push(*ty);
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
            0 if t.observed => "insufficient",
            0 => "no-evidence",
            1 => "single-source",
            2 => "supported",
            _ => "corroborated",
        };
        assert_eq!(row["confidence"], label, "{id} confidence");
        let contested =
            t.n.iter()
                .any(|&n| (n * 1e12).round() >= (theta * 1e12).round());
        assert_eq!(row["contested"], contested, "{id} contested");
        for d in Dimension::ALL {
            assert!(
                (num(&row["dimensions"][d.key()]) - t.d[d.index()]).abs() < TOL,
                "{id} {d}"
            );
        }
        let about = |f: &corridor_schema::Finding| f.corridors.iter().any(|c| cs.contains(c));
        let n = m.findings.iter().filter(|f| about(f)).count();
        assert_eq!(row["findings"], n, "{id} findings");
        // Gaps: types with no observed or not_observed finding of a scored
        // phenomenon.
        let gaps = &row["gaps"];
        let listed = |k: &str| -> Vec<String> {
            gaps[k]
                .as_array()
                .expect("a list")
                .iter()
                .map(|v| v.as_str().expect("a type").to_string())
                .collect()
        };
        for ty in SourceType::ALL {
            let of = |k: FindingKind| {
                m.findings
                    .iter()
                    .any(|f| f.kind == *ty && about(f) && f.finding == k)
            };
            let evidence = m.findings.iter().any(|f| {
                f.kind == *ty
                    && about(f)
                    && f.finding.is_evidence()
                    && f.phenomenon.is_some_and(Phenomenon::is_scored)
            });
            let key = ty.key().to_string();
            assert_eq!(
                listed("unavailable").contains(&key),
                !evidence && of(FindingKind::Unavailable)
            );
            assert_eq!(
                listed("withheld").contains(&key),
                !evidence && of(FindingKind::Withheld)
            );
            // A type whose only findings are lawful movement or context
            // is a gap of kind "none" too: it has no scored evidence.
            assert_eq!(
                listed("none").contains(&key),
                !evidence && !of(FindingKind::Unavailable) && !of(FindingKind::Withheld),
                "{id} {ty} none"
            );
        }
    }
    // Rank order: score descending, then id ascending; ranks 1, 2, 3, …
    let mut sorted = expected_scores.clone();
    let q = |x: f64| (x * 1e12).round() as i64;
    sorted.sort_by(|x, y| q(y.0).cmp(&q(x.0)).then(x.1.cmp(&y.1)));
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row["rank"], k + 1);
        assert_eq!(row["id"], sorted[k].1.as_str());
    }
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
    let phi = Phenomenon::from_key(report["phenomenon"].as_str().expect("phenomenon"))
        .expect("a phenomenon");
    let rows = report["corridors"].as_array().expect("corridors");
    let kept: Vec<usize> = (0..m.corridors.len())
        .filter(|&c| country.is_none_or(|k| m.corridors[c].touches(k)))
        .collect();
    assert_eq!(rows.len(), kept.len());
    for row in rows {
        let c = m
            .corridor(row["id"].as_str().expect("id"))
            .expect("declared");
        assert!(kept.contains(&c));
        assert_eq!(row["label"], m.corridors[c].label.as_str());
    }
    check_rows(m, rows, &weights, theta, phi, &|id| {
        vec![m.corridor(id).expect("a corridor")]
    });
    let movements = report["movements"].as_array().expect("movements");
    let kept_m = m
        .movements
        .iter()
        .filter(|mv| mv.corridors.iter().any(|c| kept.contains(c)))
        .count();
    assert_eq!(movements.len(), kept_m);
    check_rows(m, movements, &weights, theta, phi, &|id| {
        let mv = &m.movements[m.movement(id).expect("a movement")];
        let listed: Vec<String> = mv
            .corridors
            .iter()
            .map(|&c| m.corridors[c].id.clone())
            .collect();
        let row = movements.iter().find(|r| r["id"] == id).expect("row");
        assert_eq!(row["corridors"], serde_json::json!(listed));
        mv.corridors.clone()
    });
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
    for phi in ["irregular_migration", "trafficking"] {
        let report = run_json(&["score", "--format", "json", "--phenomenon", phi]);
        assert_eq!(report["phenomenon"], phi);
        check_report(&m, &report, None);
    }
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
