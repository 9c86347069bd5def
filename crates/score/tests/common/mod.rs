//! Random models for the property tests of METHOD.md v2 and of the audit:
//! corridors, sources of every type and grade, findings of every kind and
//! phenomenon, and two movements.

// Shared by several test and bench binaries, each using a part of it.
#![allow(unreachable_pub)]
#![allow(dead_code)]

use corridor_schema::model::{Corridor, Finding, Model, Movement, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Phenomenon, Reliability, SourceType, Strength};
use proptest::prelude::*;

/// One random finding: source, corridors (bit mask), kind, phenomenon,
/// strength, credibility, dimension.
pub type FRaw = (usize, u8, usize, usize, usize, u8, usize);

const KINDS: [FindingKind; 4] = [
    FindingKind::Observed,
    FindingKind::Observed,
    FindingKind::NotObserved,
    FindingKind::Unavailable,
];
const PHENOMENA: [Phenomenon; 5] = [
    Phenomenon::Smuggling,
    Phenomenon::Smuggling,
    Phenomenon::IrregularMigration,
    Phenomenon::Trafficking,
    Phenomenon::RegularMovement,
];

pub fn source(i: usize) -> SourceRecord {
    SourceRecord {
        id: format!("s{i:02}"),
        file: format!("s{i:02}.yaml"),
        kind: SourceType::ALL[i % 11],
        name: format!("source {i}"),
        public_name: None,
        public_id: None,
        public_citation: None,
        identifying: vec![],
        confidential: false,
        reliability: Reliability::ALL[(i * 7) % 6],
        grading_note: None,
        citation: Some("x".into()),
        contact: None,
        country: "KGZ".into(),
        period: "2005".parse().expect("period"),
        collected: None,
    }
}

fn finding(m: &Model, id: String, raw: &FRaw) -> Finding {
    let &(s, mask, kind, phen, strength, cred, dim) = raw;
    let nc = m.corridors.len();
    let mut corridors: Vec<usize> = (0..nc).filter(|c| mask & (1 << c) != 0).collect();
    if corridors.is_empty() {
        corridors.push(usize::from(mask) % nc);
    }
    let src = &m.sources[s % m.sources.len()];
    let kind = KINDS[kind % KINDS.len()];
    Finding {
        id,
        source: s % m.sources.len(),
        kind: src.kind,
        reliability: src.reliability,
        corridors,
        dimension: Dimension::ALL[dim % 5],
        finding: kind,
        phenomenon: kind
            .is_evidence()
            .then(|| PHENOMENA[phen % PHENOMENA.len()]),
        repeats: vec![],
        repeat_set: 0,
        trend: None,
        strength: kind.is_evidence().then(|| Strength::ALL[strength % 3]),
        credibility: kind.is_evidence().then_some(1 + cred % 6),
        text: "x".into(),
        citation: "x".into(),
        period: "2005".parse().expect("period"),
        grading_note: None,
        quantity: None,
        fee: None,
        route: None,
        tags: vec![],
        profile: None,
        n: 1,
    }
}

/// A model with `nc` corridors, `ns` sources, the findings in source order,
/// and two movements: all corridors, and the first two.
pub fn model(nc: usize, ns: usize, raws: &[FRaw]) -> Model {
    let mut m = Model {
        corridors: (0..nc)
            .map(|i| Corridor {
                id: format!("c{i}"),
                origin: "BGD".into(),
                via: vec![],
                destination: "KGZ".into(),
                label: format!("c{i}"),
            })
            .collect(),
        sources: (0..ns).map(source).collect(),
        ..Model::default()
    };
    let mut fs: Vec<Finding> = raws
        .iter()
        .enumerate()
        .map(|(k, r)| finding(&m, format!("f{k:03}"), r))
        .collect();
    fs.sort_by_key(|f| f.source);
    m.findings = fs;
    if nc >= 2 {
        m.movements = vec![
            Movement {
                id: "m-all".into(),
                label: "all".into(),
                corridors: (0..nc).collect(),
                note: None,
            },
            Movement {
                id: "m-two".into(),
                label: "two".into(),
                corridors: vec![0, 1],
                note: None,
            },
        ];
    }
    m.link_repeats();
    m
}

pub fn raws() -> impl Strategy<Value = (usize, usize, Vec<FRaw>)> {
    (2usize..5, 1usize..9).prop_flat_map(|(nc, ns)| {
        let f = (
            0..ns,
            0u8..16,
            0usize..4,
            0usize..5,
            0usize..3,
            0u8..6,
            0usize..5,
        );
        (Just(nc), Just(ns), proptest::collection::vec(f, 1..14))
    })
}
