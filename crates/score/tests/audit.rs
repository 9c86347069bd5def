//! The audit of METHOD.md §6 on constructed models: determinism across
//! seeds and thread counts, the sampled weights, a dominating corridor,
//! leave-one-out against a hand-computed answer, agreement with a
//! brute-force recomputation, and bad input.

use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, N_TYPES, Reliability, SourceType, Strength};
use corridor_score::audit::{
    AuditError, AuditReport, AuditWeighting, CHUNK_DRAWS, Mode, Options, Sampler, WAVE_CHUNKS,
    audit, percentile_rank,
};
use corridor_score::{Confidence, Evidence, Filter, Params, ranks, scores};

/// One observed finding: corridor index, type, reliability, strength,
/// credibility. `a(e) = σ·ρ·κ` with the default maps.
type Cell = (usize, SourceType, Reliability, Strength, u8);

/// A model with corridors `ids` (given sorted) and one source and one
/// observed finding per cell.
fn model(ids: &[&str], cells: &[Cell]) -> Model {
    let mut m = Model {
        corridors: ids
            .iter()
            .map(|id| Corridor {
                id: (*id).into(),
                origin: "BGD".into(),
                via: vec![],
                destination: "KGZ".into(),
                label: format!("corridor {id}"),
            })
            .collect(),
        ..Model::default()
    };
    for (i, &(c, kind, reliability, strength, cred)) in cells.iter().enumerate() {
        m.sources.push(SourceRecord {
            id: format!("s{i:04}"),
            file: format!("s{i:04}.yaml"),
            kind,
            name: format!("source {i}"),
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
            id: format!("s{i:04}#1"),
            source: i,
            kind,
            reliability,
            corridors: vec![c],
            dimension: Dimension::Magnitude,
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

fn ids_of(m: &Model) -> Vec<String> {
    m.corridors.iter().map(|c| c.id.clone()).collect()
}

/// A varied model of `n` corridors: every corridor has findings on a
/// pseudo-random subset of types with pseudo-random grades (a fixed
/// linear congruential sequence, so the model is the same every run).
fn varied_model(n: usize) -> Model {
    let ids: Vec<String> = (0..n).map(|i| format!("c{i:04}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut state: u64 = 12345;
    let mut next = |k: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % k
    };
    let mut cells = Vec::new();
    for c in 0..n {
        for t in SourceType::ALL {
            if next(3) == 0 {
                continue;
            }
            let r = Reliability::ALL[next(6) as usize];
            let s = Strength::ALL[next(3) as usize];
            let k = 1 + next(6) as u8;
            cells.push((c, *t, r, s, k));
        }
    }
    model(&id_refs, &cells)
}

fn equal_weights() -> [f64; N_TYPES] {
    [1.0 / N_TYPES as f64; N_TYPES]
}

fn run(
    m: &Model,
    ev: &Evidence,
    p: &Params,
    ids: &[String],
    w: [f64; N_TYPES],
    o: &Options,
) -> Result<AuditReport, AuditError> {
    let ws = [AuditWeighting {
        name: "base",
        weights: w,
        params: p,
        evidence: ev,
        consistency_ratio: None,
    }];
    audit(
        ids,
        &ws,
        &corridor_score::audit::AuditContext::corridors(m),
        o,
        &|_| {},
    )
}

fn json(r: &AuditReport) -> String {
    serde_json::to_string_pretty(r).unwrap()
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn same_seed_same_bytes_whatever_the_threads() {
    let m = varied_model(40);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    // Not a multiple of the chunk size: the last chunk is short.
    let o = Options {
        draws: 10 * CHUNK_DRAWS + 77,
        ..Options::default()
    };
    let one = in_pool(1, || {
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    });
    let two = in_pool(2, || {
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    });
    let three = in_pool(3, || {
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    });
    assert_eq!(one, two);
    assert_eq!(one, three);
    assert_eq!(
        one,
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    );
    let other = Options { seed: 43, ..o };
    assert_ne!(
        one,
        json(&run(&m, &ev, &p, &ids, equal_weights(), &other).unwrap())
    );
}

#[test]
fn several_waves_are_thread_independent_too() {
    let m = varied_model(6);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let o = Options {
        draws: WAVE_CHUNKS * CHUNK_DRAWS + 300,
        mode: Mode::Uniform,
        ..Options::default()
    };
    let one = in_pool(1, || {
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    });
    let two = in_pool(2, || {
        json(&run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap())
    });
    assert_eq!(one, two);
}

/// Draws `m` weight vectors exactly as the audit does: chunk by chunk,
/// each from its own stream.
fn sampled(s: &Sampler, seed: u64, m: usize) -> Vec<[f64; N_TYPES]> {
    let mut out = Vec::with_capacity(m);
    for chunk in 0..m.div_ceil(CHUNK_DRAWS) {
        let mut rng = Sampler::chunk_rng(seed, chunk as u64);
        let n = CHUNK_DRAWS.min(m - chunk * CHUNK_DRAWS);
        for _ in 0..n {
            let mut w = [0.0; N_TYPES];
            s.draw(&mut rng, &mut w);
            out.push(w);
        }
    }
    out
}

/// Checks the mean of `m` sampled vectors against `expect` within six
/// standard errors of the Dirichlet mean, `sqrt(μ(1−μ)/(α0+1)/m)`.
fn check_means(draws: &[[f64; N_TYPES]], expect: &[f64; N_TYPES], alpha0: f64) {
    let m = draws.len() as f64;
    for t in 0..N_TYPES {
        let mean = draws.iter().map(|w| w[t]).sum::<f64>() / m;
        let mu = expect[t];
        if mu == 0.0 {
            assert!(draws.iter().all(|w| w[t] == 0.0), "type {t} must stay 0");
            continue;
        }
        let se = (mu * (1.0 - mu) / (alpha0 + 1.0) / m).sqrt();
        assert!(
            (mean - mu).abs() < 6.0 * se,
            "type {t}: mean {mean} vs {mu} (6 SE = {})",
            6.0 * se
        );
    }
    for w in draws {
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(w.iter().all(|&x| x >= 0.0));
    }
}

#[test]
fn concentrated_draws_average_to_the_base_weights() {
    let mut w0 = [0.0; N_TYPES];
    for (t, x) in [(0, 0.4), (2, 0.25), (3, 0.2), (9, 0.1), (10, 0.05)] {
        w0[t] = x;
    }
    let k = 100.0;
    let s = Sampler::new("w0", &w0, Mode::Concentrated, k).unwrap();
    assert_eq!(s.active(), &[0, 2, 3, 9, 10]);
    let draws = sampled(&s, 42, 10_000);
    check_means(&draws, &w0, k);
    // The spread matches the Dirichlet variance μ(1−μ)/(K+1) to 10%.
    let m = draws.len() as f64;
    let mean = draws.iter().map(|w| w[0]).sum::<f64>() / m;
    let var = draws.iter().map(|w| (w[0] - mean).powi(2)).sum::<f64>() / (m - 1.0);
    let expect = 0.4 * 0.6 / (k + 1.0);
    assert!((var / expect - 1.0).abs() < 0.1, "{var} vs {expect}");
}

#[test]
fn uniform_draws_average_to_equal_weights_over_the_sampled_types() {
    let mut w0 = [0.0; N_TYPES];
    for (t, x) in [(1, 0.7), (4, 0.1), (5, 0.1), (8, 0.1)] {
        w0[t] = x;
    }
    let s = Sampler::new("w0", &w0, Mode::Uniform, 100.0).unwrap();
    let draws = sampled(&s, 7, 10_000);
    let mut expect = [0.0; N_TYPES];
    for t in [1, 4, 5, 8] {
        expect[t] = 0.25;
    }
    // Dirichlet(1,1,1,1): α0 = 4.
    check_means(&draws, &expect, 4.0);
}

#[test]
fn a_corridor_that_dominates_on_every_type_is_always_first() {
    use Reliability::*;
    use Strength::*;
    let mut cells = Vec::new();
    for t in SourceType::ALL {
        cells.push((0, *t, A, Strong, 1)); // v = 1
        cells.push((1, *t, B, Strong, 1)); // v = 0.8
        if t.index() % 2 == 0 {
            cells.push((2, *t, A, Strong, 2)); // v = 0.8 on half the types
        }
        cells.push((3, *t, C, Moderate, 3)); // v = 0.24
    }
    let m = model(&["a", "b", "c", "d"], &cells);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    for mode in [Mode::Concentrated, Mode::Uniform] {
        let o = Options {
            draws: 2_000,
            mode,
            top_k: 1,
            ..Options::default()
        };
        let r = run(&m, &ev, &p, &ids, equal_weights(), &o).unwrap();
        let a = &r.corridors[0];
        assert_eq!(a.id, "a");
        assert_eq!(
            (a.base_rank, a.median_rank, a.p05_rank, a.p95_rank),
            (1, 1, 1, 1)
        );
        assert_eq!(a.top_k_share, 1.0);
        // Its score is 1 under every weighting, up to rounding of Σw.
        assert!((a.score_mean - 1.0).abs() < 1e-12);
        assert!(a.score_sd < 1e-12);
        assert!(r.corridors[1..].iter().all(|c| c.top_k_share == 0.0));
    }
}

#[test]
fn leave_one_out_matches_the_hand_computed_case() {
    use Reliability::*;
    use SourceType::*;
    use Strength::*;
    // w0: border 0.5, migrant interviews 0.25, media 0.25.
    // x: border 1                         S = 0.5
    // y: migrant 1, media 0.8             S = 0.45
    // z: border, migrant, media 0.6; embassy 1 (weight 0)   S = 0.6
    // Base ranks: z 1, x 2, y 3.
    let m = model(
        &["x", "y", "z"],
        &[
            (0, BorderService, A, Strong, 1),
            (1, MigrantInterview, A, Strong, 1),
            (1, Media, B, Strong, 1),
            (2, BorderService, C, Strong, 1),
            (2, MigrantInterview, C, Strong, 1),
            (2, Media, C, Strong, 1),
            (2, Embassy, A, Strong, 1),
        ],
    );
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let mut w0 = [0.0; N_TYPES];
    w0[BorderService.index()] = 0.5;
    w0[MigrantInterview.index()] = 0.25;
    w0[Media.index()] = 0.25;
    let o = Options {
        draws: 100,
        ..Options::default()
    };
    let r = run(&m, &ev, &p, &ids, w0, &o).unwrap();
    let base: Vec<(&str, usize)> = r
        .corridors
        .iter()
        .map(|c| (c.id.as_str(), c.base_rank))
        .collect();
    assert_eq!(base, [("z", 1), ("x", 2), ("y", 3)]);
    // Labels (θ = 0.5): x official → single-source; y field + open →
    // supported; z official (border, embassy) + field + open → corroborated.
    let labels: Vec<Confidence> = r.corridors.iter().map(|c| c.confidence).collect();
    assert_eq!(
        labels,
        [
            Confidence::Corroborated,
            Confidence::SingleSource,
            Confidence::Supported
        ]
    );
    let loo = &r.leave_one_out;
    let kinds: Vec<SourceType> = loo.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [BorderService, MigrantInterview, Media]);

    // Without border: w = (migrant 0.5, media 0.5): x 0, y 0.9, z 0.6 →
    // y 1, z 2, x 3. Changes x 1, y 2, z 1. Spearman of (2,3,1) and
    // (3,1,2) is −1/2. x loses its only strong type (no-evidence); z keeps
    // official through the embassy, so stays corroborated.
    assert!((loo[0].spearman + 0.5).abs() < 1e-12, "{}", loo[0].spearman);
    assert_eq!(loo[0].max_rank_change, 2);
    assert_eq!(loo[0].max_rank_change_corridor.as_deref(), Some("y"));
    assert_eq!(loo[0].confidence_changes, ["x"]);
    assert_eq!(loo[0].label_changes[0].to, Confidence::NoEvidence);

    // Without migrant: w = (border 2/3, media 1/3): x 0.667, y 0.267,
    // z 0.6 → x 1, z 2, y 3. Changes x 1, y 0, z 1: largest 1, first in
    // id order x. Spearman of (2,3,1) and (1,3,2) is 1/2. y keeps open
    // only (single-source); z keeps official + open (supported).
    assert!((loo[1].spearman - 0.5).abs() < 1e-12);
    assert_eq!(loo[1].max_rank_change, 1);
    assert_eq!(loo[1].max_rank_change_corridor.as_deref(), Some("x"));
    assert_eq!(loo[1].confidence_changes, ["y", "z"]);

    // Without media: w = (border 2/3, migrant 1/3): the same order as
    // without migrant, and the same label changes (each loses one group).
    assert!((loo[2].spearman - 0.5).abs() < 1e-12);
    assert_eq!(loo[2].max_rank_change, 1);
    assert_eq!(loo[2].max_rank_change_corridor.as_deref(), Some("x"));
    assert_eq!(loo[2].confidence_changes, ["y", "z"]);
    let z = &loo[2].label_changes[1];
    assert_eq!(
        (z.from, z.to),
        (Confidence::Corroborated, Confidence::Supported)
    );

    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(v["leave_one_out"][0]["type"], "border_service");
    assert_eq!(v["leave_one_out"][0]["confidence_changes"][0], "x");
}

#[test]
fn monte_carlo_agrees_with_a_brute_force_recomputation() {
    let m = varied_model(9);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let mut w0 = [0.0; N_TYPES];
    for (t, x) in [(0, 0.3), (1, 0.2), (3, 0.2), (4, 0.1), (6, 0.1), (9, 0.1)] {
        w0[t] = x;
    }
    let o = Options {
        draws: 3 * CHUNK_DRAWS + 113,
        concentration: 20.0,
        top_k: 2,
        ..Options::default()
    };
    let r = run(&m, &ev, &p, &ids, w0, &o).unwrap();
    let s = Sampler::new("base", &w0, Mode::Concentrated, 20.0).unwrap();
    let draws = sampled(&s, o.seed, o.draws);
    let nc = ids.len();
    let mut all_ranks = vec![Vec::new(); nc];
    let mut all_scores = vec![Vec::new(); nc];
    for w in &draws {
        let sc: Vec<f64> = scores(&ev.vector, w).iter().copied().collect();
        for (c, rk) in ranks(&sc).into_iter().enumerate() {
            all_ranks[c].push(rk);
            all_scores[c].push(sc[c]);
        }
    }
    let mf = o.draws as f64;
    let nearest = |sorted: &[usize], p: f64| sorted[((p * mf / 100.0).ceil() as usize).max(1) - 1];
    for ca in &r.corridors {
        let c = ids.iter().position(|id| *id == ca.id).unwrap();
        let mut rk = all_ranks[c].clone();
        rk.sort_unstable();
        assert_eq!(ca.median_rank, nearest(&rk, 50.0), "{}", ca.id);
        assert_eq!(ca.p05_rank, nearest(&rk, 5.0), "{}", ca.id);
        assert_eq!(ca.p95_rank, nearest(&rk, 95.0), "{}", ca.id);
        let top = rk.iter().filter(|&&x| x <= 2).count() as f64 / mf;
        assert_eq!(ca.top_k_share, top);
        let mean = all_scores[c].iter().sum::<f64>() / mf;
        let var = all_scores[c]
            .iter()
            .map(|x| (x - mean).powi(2))
            .sum::<f64>()
            / (mf - 1.0);
        assert!((ca.score_mean - mean).abs() < 1e-12, "{}", ca.id);
        assert!((ca.score_sd - var.sqrt()).abs() < 1e-9, "{}", ca.id);
    }
    // Percentiles are ordered and bracket the median.
    for c in &r.corridors {
        assert!(c.p05_rank <= c.median_rank && c.median_rank <= c.p95_rank);
    }
    assert_eq!(percentile_rank(&[0, 0, 5], 5, 50), 3);
}

#[test]
fn ranks_under_each_weighting_are_listed_in_order() {
    let m = varied_model(12);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let mut official = [0.0; N_TYPES];
    official[0] = 0.5;
    official[1] = 0.5;
    let ws = [
        AuditWeighting {
            name: "equal",
            weights: equal_weights(),
            params: &p,
            evidence: &ev,
            consistency_ratio: None,
        },
        AuditWeighting {
            name: "official",
            weights: official,
            params: &p,
            evidence: &ev,
            consistency_ratio: None,
        },
    ];
    let o = Options {
        draws: 50,
        ..Options::default()
    };
    let r = audit(
        &ids,
        &ws,
        &corridor_score::audit::AuditContext::corridors(&m),
        &o,
        &|_| {},
    )
    .unwrap();
    assert_eq!(r.weightings, ["equal", "official"]);
    let want = ranks(
        &scores(&ev.vector, &official)
            .iter()
            .copied()
            .collect::<Vec<_>>(),
    );
    for c in &r.corridors {
        let i = ids.iter().position(|id| *id == c.id).unwrap();
        assert_eq!(c.ranks_by_weighting[0], ("equal".to_string(), c.base_rank));
        assert_eq!(c.ranks_by_weighting[1], ("official".to_string(), want[i]));
    }
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    let keys: Vec<&String> = v["corridors"][0]["ranks_by_weighting"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys.len(), 2);
    // The base ranks are 1..n in order.
    let base: Vec<usize> = r.corridors.iter().map(|c| c.base_rank).collect();
    assert_eq!(base, (1..=12).collect::<Vec<_>>());
}

#[test]
fn a_single_weighted_type_has_no_spread_and_no_leave_one_out() {
    let m = varied_model(5);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let mut w0 = [0.0; N_TYPES];
    w0[3] = 1.0;
    let o = Options {
        draws: 300,
        ..Options::default()
    };
    let r = run(&m, &ev, &p, &ids, w0, &o).unwrap();
    assert!(r.leave_one_out.is_empty());
    for c in &r.corridors {
        assert_eq!((c.p05_rank, c.p95_rank), (c.base_rank, c.base_rank));
        assert_eq!(c.score_sd, 0.0);
        assert_eq!(c.score_mean, c.base_score);
    }
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let m = varied_model(3);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let w = equal_weights();
    let err = |o: Options| run(&m, &ev, &p, &ids, w, &o).unwrap_err().to_string();
    let d = Options::default();
    assert!(err(Options { draws: 0, ..d }).contains("number of draws is 0"));
    assert!(
        err(Options {
            concentration: 0.0,
            ..d
        })
        .contains("concentration is 0")
    );
    assert!(
        err(Options {
            concentration: -3.0,
            ..d
        })
        .contains("concentration is -3")
    );
    assert!(err(Options { top_k: 0, ..d }).contains("top k is 0"));
    assert_eq!(
        audit(
            &ids,
            &[],
            &corridor_score::audit::AuditContext::corridors(&m),
            &d,
            &|_| {}
        ),
        Err(AuditError::NoWeighting)
    );
    let one = AuditWeighting {
        name: "same",
        weights: w,
        params: &p,
        evidence: &ev,
        consistency_ratio: None,
    };
    assert!(matches!(
        audit(
            &ids,
            &[one, one],
            &corridor_score::audit::AuditContext::corridors(&m),
            &d,
            &|_| {}
        ),
        Err(AuditError::DuplicateName { .. })
    ));
    let short = &ids[..2];
    assert!(matches!(
        audit(
            short,
            &[one],
            &corridor_score::audit::AuditContext::corridors(&m),
            &d,
            &|_| {}
        ),
        Err(AuditError::CorridorMismatch {
            found: 3,
            expected: 2,
            ..
        })
    ));
    let mut unnormalised = w;
    unnormalised[0] = 1.0;
    assert!(err_weights(&m, &ev, &p, &ids, unnormalised).contains("sum to"));
}

fn err_weights(m: &Model, ev: &Evidence, p: &Params, ids: &[String], w: [f64; N_TYPES]) -> String {
    run(m, ev, p, ids, w, &Options::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn progress_counts_every_draw() {
    let m = varied_model(4);
    let p = Params::default();
    let ev = Evidence::build(
        &m,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids = ids_of(&m);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let ws = [AuditWeighting {
        name: "base",
        weights: equal_weights(),
        params: &p,
        evidence: &ev,
        consistency_ratio: None,
    }];
    let o = Options {
        draws: 1000,
        ..Options::default()
    };
    audit(
        &ids,
        &ws,
        &corridor_score::audit::AuditContext::corridors(&m),
        &o,
        &|n| {
            done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        },
    )
    .unwrap();
    assert_eq!(done.into_inner(), 1000);
}
