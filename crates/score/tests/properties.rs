//! Property tests of the method's invariants (METHOD.md §3–§5) on random
//! models: every v and S in [0, 1]; an observed finding never lowers v or
//! S and a not_observed one never raises them; Σ w = 1 and S = Σ w·v; and
//! the order of files on disk never changes any output.

use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Reliability, SourceType, Strength};
use corridor_score::weights::{ahp, direct};
use corridor_score::{Evidence, Filter, Params, Weighting, score, scores};
use proptest::prelude::*;
use std::fmt::Write as _;

#[derive(Debug, Clone)]
struct FSpec {
    corridors: Vec<usize>,
    kind: FindingKind,
    strength: Strength,
    credibility: u8,
    dimension: Dimension,
}

#[derive(Debug, Clone)]
struct SSpec {
    kind: SourceType,
    reliability: Reliability,
    year: i32,
    findings: Vec<FSpec>,
}

#[derive(Debug, Clone)]
struct Spec {
    corridors: usize,
    sources: Vec<SSpec>,
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn finding(corridors: usize) -> impl Strategy<Value = FSpec> {
    (
        proptest::sample::subsequence((0..corridors).collect::<Vec<_>>(), 1..=corridors.min(3)),
        pick(FindingKind::ALL),
        pick(Strength::ALL),
        1u8..=6,
        pick(Dimension::ALL),
    )
        .prop_map(
            |(corridors, kind, strength, credibility, dimension)| FSpec {
                corridors,
                kind,
                strength,
                credibility,
                dimension,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..6).prop_flat_map(|nc| {
        let source = (
            pick(SourceType::ALL),
            pick(Reliability::ALL),
            2003i32..2006,
            proptest::collection::vec(finding(nc), 1..5),
        )
            .prop_map(|(kind, reliability, year, findings)| SSpec {
                kind,
                reliability,
                year,
                findings,
            });
        proptest::collection::vec(source, 0..8).prop_map(move |sources| Spec {
            corridors: nc,
            sources,
        })
    })
}

fn cid(i: usize) -> String {
    format!("c{i}")
}

/// The model the loader would build from `spec`: corridors and sources
/// sorted by id, findings by source then position.
fn model(spec: &Spec) -> Model {
    let mut m = Model {
        corridors: (0..spec.corridors)
            .map(|i| Corridor {
                id: cid(i),
                origin: "BGD".into(),
                via: vec!["KGZ".into()],
                destination: "KAZ".into(),
                label: format!("corridor {i}"),
            })
            .collect(),
        ..Model::default()
    };
    for (si, s) in spec.sources.iter().enumerate() {
        let period: corridor_schema::Period = s.year.to_string().parse().expect("a year");
        m.sources.push(SourceRecord {
            id: format!("s{si:02}"),
            file: format!("s{si:02}.yaml"),
            kind: s.kind,
            name: "x".into(),
            public_name: None,
            public_id: None,
            public_citation: None,
            identifying: vec![],
            confidential: false,
            reliability: s.reliability,
            grading_note: None,
            citation: Some("x".into()),
            contact: None,
            country: "KGZ".into(),
            period: period.clone(),
            collected: None,
        });
        for (n, f) in s.findings.iter().enumerate() {
            let evidence = f.kind.is_evidence();
            m.findings.push(Finding {
                id: format!("s{si:02}#{}", n + 1),
                source: si,
                kind: s.kind,
                reliability: s.reliability,
                corridors: f.corridors.clone(),
                dimension: f.dimension,
                finding: f.kind,
                phenomenon: Some(corridor_schema::Phenomenon::Smuggling),
                repeats: vec![],
                repeat_set: m.findings.len(),
                trend: None,
                strength: evidence.then_some(f.strength),
                credibility: evidence.then_some(f.credibility),
                text: "x".into(),
                citation: "x".into(),
                period: period.clone(),
                grading_note: None,
                quantity: None,
                fee: None,
                route: None,
                tags: vec![],
                profile: None,
                n: n + 1,
            });
        }
    }
    m
}

/// Appends one finding of `kind` about corridor `c` from a new source.
fn with_extra(spec: &Spec, c: usize, t: SourceType, kind: FindingKind, f: &FSpec) -> Model {
    let mut s = spec.clone();
    s.sources.push(SSpec {
        kind: t,
        reliability: Reliability::B,
        year: 2004,
        findings: vec![FSpec {
            corridors: vec![c],
            kind,
            ..f.clone()
        }],
    });
    model(&s)
}

fn raw_weights() -> impl Strategy<Value = [f64; 11]> {
    proptest::array::uniform11(0.0f64..10.0)
        .prop_filter("not all zero", |w| w.iter().sum::<f64>() > 0.0)
}

fn weighting(raw: &[f64; 11]) -> Weighting {
    let pairs: Vec<(SourceType, f64)> = SourceType::ALL.iter().copied().zip(*raw).collect();
    Weighting::equal().with_weights(direct(&pairs).expect("valid weights"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn strengths_and_scores_lie_in_unit_interval(spec in spec(), raw in raw_weights()) {
        let m = model(&spec);
        let w = weighting(&raw);
        let e = Evidence::build(&m, &w.params, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
        for x in e.vector.iter().chain(e.support.iter()).chain(e.counter.iter()).chain(e.coverage.iter()) {
            prop_assert!((0.0..=1.0).contains(x), "{x}");
        }
        for s in scores(&e.vector, &w.weights).iter() {
            prop_assert!((0.0..=1.0 + 1e-12).contains(s), "{s}");
        }
    }

    #[test]
    fn observed_never_lowers_and_not_observed_never_raises(
        spec in spec(),
        raw in raw_weights(),
        c in 0usize..6,
        t in pick(SourceType::ALL),
        f in finding(1),
    ) {
        let c = c % spec.corridors;
        let w = weighting(&raw);
        let p = Params::default();
        let base = Evidence::build(&model(&spec), &p, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
        let up = Evidence::build(&with_extra(&spec, c, t, FindingKind::Observed, &f), &p, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
        let down = Evidence::build(&with_extra(&spec, c, t, FindingKind::NotObserved, &f), &p, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
        let (s0, s_up, s_down) = (
            scores(&base.vector, &w.weights),
            scores(&up.vector, &w.weights),
            scores(&down.vector, &w.weights),
        );
        for i in 0..base.vector.len() {
            prop_assert!(up.vector[i] >= base.vector[i]);
            prop_assert!(down.vector[i] <= base.vector[i]);
        }
        for i in 0..s0.len() {
            prop_assert!(s_up[i] >= s0[i], "{} < {}", s_up[i], s0[i]);
            prop_assert!(s_down[i] <= s0[i], "{} > {}", s_down[i], s0[i]);
        }
    }

    #[test]
    fn weights_sum_to_one_and_score_is_the_weighted_sum(spec in spec(), raw in raw_weights()) {
        let w = weighting(&raw);
        prop_assert!((w.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let m = model(&spec);
        let r = score(&m, &w, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
        prop_assert_eq!(r.corridors.len(), m.corridors.len());
        for (k, row) in r.corridors.iter().enumerate() {
            prop_assert_eq!(row.rank, k + 1);
            // Rank order is score descending, ties by id ascending.
            if let Some(prev) = k.checked_sub(1).map(|p| &r.corridors[p]) {
                let q = corridor_score::rank::q12;
                prop_assert!(q(prev.score) > q(row.score) || (q(prev.score) == q(row.score) && prev.id < row.id),
                    "{} ({}) before {} ({})", prev.id, prev.score, row.id, row.score);
            }
            let sum: f64 = (0..11).map(|t| w.weights[t] * row.vector.0[t]).sum();
            prop_assert!((row.score - sum).abs() < 1e-12, "{} vs {}", row.score, sum);
        }
    }

    #[test]
    fn ahp_weights_sum_to_one(ratios in proptest::collection::vec(0usize..17, 55), n in 2usize..=11) {
        // Saaty's scale: 1/9 … 1 … 9 as 17 steps.
        let scale = |k: usize| if k < 8 { 1.0 / (9 - k) as f64 } else { (k - 7) as f64 };
        let types = &SourceType::ALL[..n];
        let mut j = Vec::new();
        let mut k = 0;
        for a in 0..n {
            for b in a + 1..n {
                j.push((types[a], types[b], scale(ratios[k])));
                k += 1;
            }
        }
        let r = ahp(&j, true).expect("a complete reciprocal matrix");
        prop_assert!((r.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for t in SourceType::ALL {
            let named = types.contains(t);
            prop_assert_eq!(r.weights[t.index()] > 0.0, named, "{}", t);
        }
        prop_assert!(r.lambda_max >= n as f64 - 1e-9);
    }
}

/// Writes `spec` as an indicator tree: corridors listed in `corridor_order`,
/// source `i` in file `names[i]`, files created in `write_order`.
fn write_tree(
    dir: &std::path::Path,
    spec: &Spec,
    corridor_order: &[usize],
    names: &[String],
    write_order: &[usize],
) {
    let mut c = String::from("corridors:\n");
    for &i in corridor_order {
        let _ = writeln!(
            c,
            "  - {{id: {}, origin: BGD, via: [KGZ], destination: KAZ, label: corridor {i}}}",
            cid(i)
        );
    }
    std::fs::write(dir.join("corridors.yaml"), c).expect("write corridors");
    for &si in write_order {
        let s = &spec.sources[si];
        let mut y = format!(
            "id: s{si:02}\nsource:\n  type: {}\n  name: x\n  reliability: {}\n  citation: x\ncountry: KGZ\nperiod: {}\nfindings:\n",
            s.kind, s.reliability, s.year
        );
        for f in &s.findings {
            let cs: Vec<String> = f.corridors.iter().map(|&i| cid(i)).collect();
            let _ = write!(
                y,
                "  - corridors: [{}]\n    dimension: {}\n    finding: {}\n    text: x\n",
                cs.join(", "),
                f.dimension,
                f.kind
            );
            if f.kind.is_evidence() {
                let _ = write!(
                    y,
                    "    phenomenon: smuggling\n    strength: {}\n    credibility: {}\n",
                    f.strength, f.credibility
                );
            }
        }
        let path = dir.join(&names[si]);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, y).expect("write source");
    }
}

fn tree_case() -> impl Strategy<Value = (Spec, Vec<usize>, Vec<usize>, Vec<usize>, Vec<usize>)> {
    spec().prop_flat_map(|s| {
        let nc = s.corridors;
        let ns = s.sources.len();
        (
            Just(s),
            Just((0..nc).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..ns).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..ns).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..ns).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn order_of_files_on_disk_never_changes_output(
        (spec, corridors, rename, write_a, write_b) in tree_case()
    ) {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let plain: Vec<String> = (0..spec.sources.len()).map(|i| format!("KGZ/s{i:02}.yaml")).collect();
        // The same files under shuffled names and folders, so that path
        // order and id order disagree.
        let shuffled: Vec<String> = (0..spec.sources.len())
            .map(|i| format!("{}/f{:02}.yaml", ["TJK", "KAZ", "a/b"][i % 3], rename[i]))
            .collect();
        let ident: Vec<usize> = (0..spec.corridors).collect();
        write_tree(a.path(), &spec, &ident, &plain, &write_a);
        write_tree(b.path(), &spec, &corridors, &shuffled, &write_b);
        let (ma, _) = corridor_schema::load_valid(a.path()).expect("tree a is valid");
        let (mb, _) = corridor_schema::load_valid(b.path()).expect("tree b is valid");
        for w in [Weighting::equal(), weighting(&[3.0, 1.0, 2.0, 5.0, 1.0, 0.5, 1.0, 2.0, 1.0, 0.2, 0.1])] {
            let ra = score(&ma, &w, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
            let rb = score(&mb, &w, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
            let ja = serde_json::to_string(&ra).expect("json");
            let jb = serde_json::to_string(&rb).expect("json");
            prop_assert_eq!(ja, jb);
            // And the in-memory model scores the same.
            let rm = score(&model(&spec), &w, &Filter::default(), corridor_schema::Phenomenon::Smuggling);
            prop_assert_eq!(serde_json::to_string(&rm).expect("json"), serde_json::to_string(&ra).expect("json"));
        }
    }
}
