//! Property tests of METHOD.md version 2 (§1, §3, §5) on random models:
//! splitting a source never raises a score, a repeat with no larger a(e)
//! changes nothing, unscored phenomena change no number, and a movement's
//! support is never below any of its corridors'.

use corridor_schema::model::{Corridor, Finding, Model, Movement, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Phenomenon, Reliability, SourceType, Strength};
use corridor_score::{Filter, Params, PhenomenonEvidence, Weighting, score};
use proptest::prelude::*;

/// One random finding: source, corridors (bit mask), kind, phenomenon,
/// strength, credibility, dimension.
type FRaw = (usize, u8, usize, usize, usize, u8, usize);

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

fn source(i: usize) -> SourceRecord {
    SourceRecord {
        id: format!("s{i:02}"),
        file: format!("s{i:02}.yaml"),
        kind: SourceType::ALL[i % 11],
        name: format!("source {i}"),
        public_name: None,
        public_id: None,
        public_citation: None,
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
fn model(nc: usize, ns: usize, raws: &[FRaw]) -> Model {
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

fn raws() -> impl Strategy<Value = (usize, usize, Vec<FRaw>)> {
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

/// One target's numbers: name, score, vector, coverage, label.
type Numbers = (String, f64, Vec<f64>, Vec<f64>, String);

/// Every number of every scored phenomenon, corridors and movements.
fn numbers(m: &Model) -> Vec<Numbers> {
    let w = Weighting::equal();
    let mut out = Vec::new();
    for phi in Phenomenon::SCORED {
        let r = score(m, &w, &Filter::default(), phi);
        for row in r.corridors.iter().chain(&r.movements) {
            out.push((
                format!("{phi} {}", row.id),
                row.score,
                row.vector.0.to_vec(),
                row.dimensions.0.to_vec(),
                format!("{} {}", row.confidence, row.contested),
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn copying_a_finding_within_its_source_changes_nothing(
        (nc, ns, raws) in raws(), pick in 0usize..64,
    ) {
        let m = model(nc, ns, &raws);
        let k = pick % m.findings.len();
        let mut copy = m.clone();
        let mut f = m.findings[k].clone();
        f.id = format!("{}-copy", f.id);
        copy.findings.insert(k + 1, f);
        copy.link_repeats();
        prop_assert_eq!(numbers(&m), numbers(&copy));
    }

    #[test]
    fn a_repeat_with_no_larger_weight_changes_nothing(
        (nc, ns, raws) in raws(), pick in 0usize..64, t in 0usize..11,
    ) {
        let m = model(nc, ns, &raws);
        let k = pick % m.findings.len();
        prop_assume!(m.findings[k].finding.is_evidence());
        let p = Params::default();
        // A new source of any type restates finding k more weakly.
        let mut with = m.clone();
        let mut s = source(99);
        s.kind = SourceType::ALL[t];
        s.reliability = Reliability::E;
        with.sources.push(s);
        let mut f = m.findings[k].clone();
        f.id = "zz-repeat".into();
        f.source = with.sources.len() - 1;
        f.kind = SourceType::ALL[t];
        f.reliability = Reliability::E;
        f.strength = Some(Strength::Weak);
        f.credibility = Some(5);
        prop_assume!(p.finding_weight(&f) <= p.finding_weight(&m.findings[k]));
        f.repeats = vec![k];
        with.findings.push(f);
        with.link_repeats();
        prop_assert_eq!(numbers(&m), numbers(&with));
    }

    #[test]
    fn unscored_findings_change_no_number((nc, ns, raws) in raws()) {
        let m = model(nc, ns, &raws);
        let mut without = m.clone();
        without.findings.retain(|f| f.phenomenon.is_none_or(Phenomenon::is_scored));
        without.link_repeats();
        // Gaps aside (an unscored finding is no gap), every number agrees.
        prop_assert_eq!(numbers(&m), numbers(&without));
    }

    // Only without repeat sets: a set that spans two sources of different
    // types across member corridors counts once per movement, for its
    // strongest finding, so the other source's type can lose support the
    // corridor alone had (reported with issue 8: METHOD.md §5 allows it).
    #[test]
    fn a_movement_is_never_weaker_than_its_corridors((nc, ns, raws) in raws()) {
        let m = model(nc, ns, &raws);
        for phi in Phenomenon::SCORED {
            let ev = PhenomenonEvidence::build(&m, &Params::default(), &Filter::default(), phi);
            for (k, mv) in m.movements.iter().enumerate() {
                for &c in &mv.corridors {
                    for t in 0..11 {
                        prop_assert!(
                            ev.movements.support[(k, t)] >= ev.corridors.support[(c, t)],
                            "{phi} {} type {t}: P {} below corridor {c}'s {}",
                            mv.id, ev.movements.support[(k, t)], ev.corridors.support[(c, t)]
                        );
                    }
                }
            }
        }
    }
}
