//! Property tests of METHOD.md version 2 (§1, §3, §5) on random models:
//! splitting a source never raises a score, a repeat with no larger a(e)
//! changes nothing, unscored phenomena change no number, and a movement's
//! support is never below any of its corridors'.

use corridor_schema::model::Model;
use corridor_schema::{Phenomenon, Reliability, SourceType, Strength};
use corridor_score::{Filter, Params, PhenomenonEvidence, Weighting, score};
use proptest::prelude::*;

mod common;
use common::{model, raws, source};

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
                        // Products over other sources in another order:
                        // equal as reals, within a few ulps in floats.
                        prop_assert!(
                            ev.movements.support[(k, t)] >= ev.corridors.support[(c, t)] - 1e-12,
                            "{phi} {} type {t}: P {} below corridor {c}'s {}",
                            mv.id, ev.movements.support[(k, t)], ev.corridors.support[(c, t)]
                        );
                    }
                }
            }
        }
    }
}
