//! Benchmark of scoring after loading (issue target: at most 0.2 s on a
//! synthetic model of 2,000 corridors and 100,000 findings, 2 cores).
//!
//! The model is generated in memory with a fixed-seed generator, so every
//! run measures the same work: `Evidence::build` over all findings, `S = V w`,
//! ranks, triangulation, conflicts and gaps for every corridor — the whole
//! of `corridor_score::score` — and its JSON serialisation.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Reliability, SourceType, Strength};
use corridor_score::{Filter, Weighting, score};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// SplitMix64: a few lines, deterministic on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CORRIDORS: usize = 2_000;
const SOURCES: usize = 1_000;
const PER_SOURCE: usize = 100;

fn synthetic() -> Model {
    let mut rng = Rng(42);
    let mut m = Model {
        corridors: (0..CORRIDORS)
            .map(|i| Corridor {
                id: format!("c{i:04}"),
                origin: "BGD".into(),
                via: vec!["KGZ".into()],
                destination: "KAZ".into(),
                label: format!("Synthetic corridor {i}"),
            })
            .collect(),
        ..Model::default()
    };
    let period: corridor_schema::Period = "2004..2005".parse().expect("a period");
    for s in 0..SOURCES {
        let kind = SourceType::ALL[rng.below(11)];
        let reliability = Reliability::ALL[rng.below(6)];
        m.sources.push(SourceRecord {
            id: format!("s{s:04}"),
            file: format!("s{s:04}.yaml"),
            kind,
            name: "synthetic".into(),
            public_name: None,
            public_id: None,
            public_citation: None,
            identifying: vec![],
            confidential: false,
            reliability,
            grading_note: None,
            citation: Some("synthetic".into()),
            contact: None,
            country: "KGZ".into(),
            period: period.clone(),
            collected: None,
        });
        for n in 0..PER_SOURCE {
            let finding = match rng.below(20) {
                0..=14 => FindingKind::Observed,
                15..=17 => FindingKind::NotObserved,
                18 => FindingKind::Unavailable,
                _ => FindingKind::Withheld,
            };
            let evidence = finding.is_evidence();
            let mut corridors = vec![rng.below(CORRIDORS)];
            if rng.below(4) == 0 {
                corridors.push(rng.below(CORRIDORS));
            }
            corridors.sort_unstable();
            corridors.dedup();
            m.findings.push(Finding {
                id: format!("s{s:04}#{}", n + 1),
                source: s,
                kind,
                reliability,
                corridors,
                dimension: Dimension::ALL[rng.below(5)],
                finding,
                phenomenon: Some(corridor_schema::Phenomenon::Smuggling),
                repeats: vec![],
                repeat_set: m.findings.len(),
                trend: None,
                strength: evidence.then(|| Strength::ALL[rng.below(3)]),
                credibility: evidence.then(|| 1 + rng.below(6) as u8),
                text: "synthetic".into(),
                citation: "synthetic".into(),
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

fn bench(c: &mut Criterion) {
    let m = synthetic();
    assert_eq!(m.findings.len(), SOURCES * PER_SOURCE);
    let w = Weighting::equal();
    let filter = Filter::default();
    let mut g = c.benchmark_group("score");
    g.sample_size(20);
    g.bench_function("score 2000 corridors, 100000 findings", |b| {
        b.iter(|| {
            black_box(score(
                black_box(&m),
                &w,
                &filter,
                corridor_schema::Phenomenon::Smuggling,
            ))
        })
    });
    g.bench_function("score + JSON, 2000 corridors, 100000 findings", |b| {
        b.iter(|| {
            let r = score(
                black_box(&m),
                &w,
                &filter,
                corridor_schema::Phenomenon::Smuggling,
            );
            black_box(serde_json::to_string_pretty(&r).expect("json"))
        })
    });
    let period = Filter {
        period: Some("2005".parse().expect("a period")),
        country: Some("KGZ".into()),
    };
    g.bench_function("score with --period and --country", |b| {
        b.iter(|| {
            black_box(score(
                black_box(&m),
                &w,
                &period,
                corridor_schema::Phenomenon::Smuggling,
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
