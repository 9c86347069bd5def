//! An in-memory synthetic model for the audit benchmark and the memory
//! probe: `corridors` corridors and `findings` findings over all eleven
//! types, from a fixed linear congruential sequence (the same model every
//! run, no file IO). Shared by `benches/audit.rs` and
//! `examples/audit_memory.rs` through `#[path]`.

// Shared by several test and bench binaries, each using a part of it.
#![allow(unreachable_pub, dead_code)]

use corridor_schema::model::{Corridor, Finding, Model, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Reliability, SourceType, Strength};

/// Builds the model.
pub fn synthetic_model(corridors: usize, findings: usize) -> Model {
    let mut state: u64 = 0x5eed;
    let mut next = |k: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % k as u64) as usize
    };
    let mut m = Model {
        corridors: (0..corridors)
            .map(|i| Corridor {
                id: format!("c{i:05}"),
                origin: "BGD".into(),
                via: vec![],
                destination: "KGZ".into(),
                label: format!("synthetic corridor {i}"),
            })
            .collect(),
        ..Model::default()
    };
    // One source per type and reliability grade.
    for t in SourceType::ALL {
        for r in Reliability::ALL {
            let i = m.sources.len();
            m.sources.push(SourceRecord {
                id: format!("s{i:03}"),
                file: format!("s{i:03}.yaml"),
                kind: *t,
                name: format!("source {i}"),
                public_name: None,
                public_id: None,
                public_citation: None,
                identifying: vec![],
                confidential: false,
                reliability: *r,
                grading_note: None,
                citation: Some("synthetic".into()),
                contact: None,
                country: "KGZ".into(),
                period: "2005".parse().expect("period"),
                collected: None,
            });
        }
    }
    let ns = m.sources.len();
    for i in 0..findings {
        let source = next(ns);
        let s = &m.sources[source];
        // Mostly observed, some counter-evidence and gaps, as in real files.
        let kind = match next(20) {
            0..=14 => FindingKind::Observed,
            15..=17 => FindingKind::NotObserved,
            18 => FindingKind::Unavailable,
            _ => FindingKind::Withheld,
        };
        let graded = kind.is_evidence();
        let mut cs = vec![next(corridors)];
        if next(4) == 0 {
            cs.push(next(corridors));
        }
        cs.sort_unstable();
        cs.dedup();
        m.findings.push(Finding {
            id: format!("{}#{}", s.id, i + 1),
            source,
            kind: s.kind,
            reliability: s.reliability,
            corridors: cs,
            dimension: Dimension::ALL[next(Dimension::ALL.len())],
            finding: kind,
            phenomenon: Some(corridor_schema::Phenomenon::Smuggling),
            repeats: vec![],
            repeat_set: m.findings.len(),
            trend: None,
            strength: graded.then(|| Strength::ALL[next(3)]),
            credibility: graded.then(|| 1 + next(6) as u8),
            text: "synthetic".into(),
            citation: "synthetic".into(),
            period: "2005".parse().expect("period"),
            grading_note: None,
            quantity: None,
            fee: None,
            route: None,
            tags: vec![],
            profile: None,
            n: i + 1,
        });
    }
    m
}
