//! End-to-end tests of `corridor audit`: the JSON has exactly the keys of
//! issue 4, its base ranks and leave-one-out are those of the loaded model
//! (recomputed here with corridor-score), the same seed gives the same
//! bytes on 1 and 2 threads, and the documents are written to --out.

use corridor_schema::{N_TYPES, SourceType};
use corridor_score::{Evidence, Filter, Params, ranks, scores};
use corridor_tests::{corridor, indicators, root, run_ok};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    root().join("crates/cli/tests/fixtures/audit")
}

fn audit_json(dir: &std::path::Path, threads: &str, extra: &[&str]) -> Vec<u8> {
    run_ok(
        corridor()
            .env("RAYON_NUM_THREADS", threads)
            .arg("--indicators")
            .arg(dir)
            .args(["audit", "--format", "json"])
            .args(extra),
    )
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_has_the_documented_shape_and_the_model_ranks() {
    let bytes = audit_json(&fixture(), "2", &["--draws", "1500"]);
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        keys(&v),
        BTreeSet::from([
            "seed",
            "draws",
            "mode",
            "concentration",
            "top_k",
            "weightings",
            "consistency_ratios",
            "corridors",
            "leave_one_out",
            "phenomenon",
            "targets",
            "vary",
            "grade_step_probability",
            "leave_one_source_out"
        ])
    );
    assert_eq!(v["phenomenon"], "smuggling");
    assert_eq!(v["targets"], "corridors");
    assert_eq!(v["vary"], "weights");
    assert!(v["grade_step_probability"].is_null());
    assert_eq!(
        keys(&v["leave_one_source_out"]),
        BTreeSet::from(["corridors", "sources"])
    );
    // METHOD.md §4: the CR is always printed; null for direct weights.
    assert_eq!(v["consistency_ratios"], serde_json::json!([null]));
    assert_eq!(v["seed"], 42);
    assert_eq!(v["draws"], 1500);
    assert_eq!(v["mode"], "concentrated");
    assert_eq!(v["concentration"], 100.0);
    assert_eq!(v["top_k"], 3);
    assert_eq!(v["weightings"], serde_json::json!(["default"]));

    // Recompute the base ranking from the loaded model: equal weights.
    let (model, _) = corridor_schema::load_valid(&fixture()).unwrap();
    let p = Params::default();
    let ev = Evidence::build(
        &model,
        &p,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let w = [1.0 / N_TYPES as f64; N_TYPES];
    let s: Vec<f64> = scores(&ev.vector, &w).iter().copied().collect();
    let base = ranks(&s);
    let corridors = v["corridors"].as_array().unwrap();
    assert_eq!(corridors.len(), model.corridors.len());
    for (i, c) in corridors.iter().enumerate() {
        assert_eq!(
            keys(c),
            BTreeSet::from([
                "id",
                "base_rank",
                "median_rank",
                "p05_rank",
                "p95_rank",
                "top_k_share",
                "score_mean",
                "score_sd",
                "ranks_by_weighting",
                "conflicts"
            ])
        );
        let idx = model.corridor(c["id"].as_str().unwrap()).unwrap();
        // METHOD.md §3: the audit lists the corridor's conflicts.
        let expect = serde_json::to_value(ev.conflicts(idx, p.theta)).unwrap();
        assert_eq!(c["conflicts"], expect, "{}", c["id"]);
        assert_eq!(c["base_rank"], base[idx]);
        // Listed by base rank.
        assert_eq!(c["base_rank"], i + 1);
        assert_eq!(c["ranks_by_weighting"]["default"], base[idx]);
        let (p05, med, p95) = (
            c["p05_rank"].as_u64().unwrap(),
            c["median_rank"].as_u64().unwrap(),
            c["p95_rank"].as_u64().unwrap(),
        );
        assert!(1 <= p05 && p05 <= med && med <= p95 && p95 as usize <= corridors.len());
    }

    // Leave-one-out: one entry per type (all weigh 1/11), and its
    // confidence changes are those of the model's triangulation.
    let loo = v["leave_one_out"].as_array().unwrap();
    assert_eq!(loo.len(), N_TYPES);
    for (entry, t) in loo.iter().zip(SourceType::ALL) {
        assert_eq!(
            keys(entry),
            BTreeSet::from([
                "type",
                "spearman",
                "max_rank_change",
                "max_rank_change_corridor",
                "confidence_changes"
            ])
        );
        assert_eq!(entry["type"], t.key());
        let want: Vec<&str> = (0..model.corridors.len())
            .filter(|&c| ev.triangulate(c, &p, Some(*t)).2 != ev.triangulate(c, &p, None).2)
            .map(|c| model.corridors[c].id.as_str())
            .collect();
        let got: Vec<&str> = entry["confidence_changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        assert_eq!(got, want, "{t}");
    }
}

#[test]
fn same_seed_same_bytes_on_one_and_two_threads() {
    let one = audit_json(&fixture(), "1", &["--draws", "1500"]);
    let two = audit_json(&fixture(), "2", &["--draws", "1500"]);
    assert_eq!(one, two);
    let uniform_one = audit_json(
        &fixture(),
        "1",
        &["--draws", "1500", "--mode", "uniform", "--seed", "7"],
    );
    let uniform_two = audit_json(
        &fixture(),
        "2",
        &["--draws", "1500", "--mode", "uniform", "--seed", "7"],
    );
    assert_eq!(uniform_one, uniform_two);
    assert_ne!(one, uniform_one);
    let v: Value = serde_json::from_slice(&uniform_one).unwrap();
    assert_eq!(v["mode"], "uniform");
    assert_eq!(v["concentration"], Value::Null);
}

#[test]
fn documents_are_written_to_out() {
    let dir = tempfile::tempdir().unwrap();
    for (format, file) in [("md", "audit.md"), ("html", "audit.html")] {
        let path = dir.path().join("sub").join(file);
        let out = corridor()
            .arg("--indicators")
            .arg(fixture())
            .args(["audit", "--draws", "300", "--format", format, "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        // No progress bar: standard error is not a terminal here.
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Sensitivity of the corridor ranking"));
        assert!(text.contains("bgd-kgz-kaz"));
        if format == "html" {
            assert!(text.contains("<svg") && !text.contains("<script"));
        } else {
            assert!(text.contains("```text\nrank"));
        }
    }
    // Only the two documents: the temporary files were renamed.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn shipped_indicators_can_be_audited() {
    let bytes = audit_json(&indicators(), "2", &["--draws", "100"]);
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let (model, _) = corridor_schema::load_valid(&indicators()).unwrap();
    assert_eq!(
        v["corridors"].as_array().unwrap().len(),
        model.corridors.len()
    );
}

/// Leave one source out on the shipped indicators equals removing each
/// source's findings from the model and scoring it again from scratch
/// with `corridor_score::score` — none of the audit's incremental code —
/// for every corridor's pivotal source, score, rank and label without it,
/// and whether it rests on one source.
#[test]
fn leave_one_source_out_of_the_shipped_indicators_equals_full_rescoring() {
    use corridor_score::{Weighting, score};
    let v: Value = serde_json::from_slice(&audit_json(
        &indicators(),
        "2",
        &["--draws", "1", "--internal"],
    ))
    .unwrap();
    let (m, _) = corridor_schema::load_valid(&indicators()).unwrap();
    let w = Weighting::equal();
    let phi = corridor_schema::Phenomenon::Smuggling;
    let base = score(&m, &w, &Filter::default(), phi);
    let top_k = v["top_k"].as_u64().unwrap() as usize;
    // (drop, source id, score, rank, label) of the best removal per corridor.
    let mut best: std::collections::BTreeMap<String, (f64, String, f64, usize, String)> =
        Default::default();
    let mut rests: BTreeSet<String> = BTreeSet::new();
    let sources = v["leave_one_source_out"]["sources"].as_object().unwrap();
    assert!(sources.len() > 40, "{} sources take part", sources.len());
    for (sid, _) in sources {
        let si = m
            .sources
            .iter()
            .position(|s| &s.id == sid)
            .expect("a source id");
        let mut without = m.clone();
        without.findings.retain(|f| f.source != si);
        for f in &mut without.findings {
            f.repeats.clear();
        }
        // The repeat links are by index: rebuild them by id.
        for f in &m.findings {
            if f.source == si {
                continue;
            }
            let j = without.findings.iter().position(|g| g.id == f.id).unwrap();
            without.findings[j].repeats = f
                .repeats
                .iter()
                .filter_map(|&r| {
                    without
                        .findings
                        .iter()
                        .position(|g| g.id == m.findings[r].id)
                })
                .collect();
        }
        without.link_repeats();
        let r = score(&without, &w, &Filter::default(), phi);
        for row in &r.corridors {
            let b = base.corridors.iter().find(|x| x.id == row.id).unwrap();
            if row.confidence > b.confidence || (b.rank <= top_k && row.rank > top_k) {
                rests.insert(row.id.clone());
            }
            let drop = b.score - row.score;
            if drop > 0.0 {
                let better = match best.get(&row.id) {
                    None => true,
                    Some((d0, s0, ..)) => {
                        drop > d0 + 1e-12 || ((drop - d0).abs() <= 1e-12 && sid < s0)
                    }
                };
                if better {
                    best.insert(
                        row.id.clone(),
                        (
                            drop,
                            sid.clone(),
                            row.score,
                            row.rank,
                            row.confidence.key().into(),
                        ),
                    );
                }
            }
        }
    }
    let got = v["leave_one_source_out"]["corridors"].as_object().unwrap();
    assert_eq!(got.len(), m.corridors.len());
    for (id, p) in got {
        match best.get(id) {
            Some((_, s, score_without, rank, label)) => {
                assert_eq!(p["pivotal_source"], s.as_str(), "{id}");
                assert!(
                    (p["score_without"].as_f64().unwrap() - score_without).abs() < 1e-12,
                    "{id}"
                );
                assert_eq!(p["rank_without"], *rank, "{id}");
                assert_eq!(p["confidence_without"], label.as_str(), "{id}");
            }
            None => assert!(p["pivotal_source"].is_null(), "{id}"),
        }
        assert_eq!(p["rests_on_one_source"], rests.contains(id), "{id}");
    }
}
