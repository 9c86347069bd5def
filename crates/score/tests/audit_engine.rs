//! The fast grade path of the audit (METHOD.md §6.2) against the reference
//! one: `GradePlan::draw_codes` takes the same numbers from the generator
//! and gives the same grades as the pinned `GradePlan::draw`, and the flat
//! evidence engine gives, for drawn grades, the bits of the scoring code's
//! `Prepared::reduce` over the regraded findings — on random models with
//! repeat sets, for corridors and movements.

mod common;

use common::{model, raws};
use corridor_schema::Phenomenon;
use corridor_score::audit::Sampler;
use corridor_score::audit::grades::{Codes, EngineScratch, GradePlan};
use corridor_score::{Filter, Params, Prepared, corridor_findings, movement_findings};
use proptest::prelude::*;
use rand_chacha::rand_core::Rng;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn drawn_grades_score_as_the_scoring_code_scores_them(
        (nc, ns, raws) in raws(),
        links in proptest::collection::vec((0usize..14, 0usize..14), 0..6),
        seed in 0u64..1000,
        q in prop_oneof![Just(0.0), Just(0.5), Just(1.0), 0.0f64..1.0],
    ) {
        let mut m = model(nc, ns, &raws);
        // Repeat links, so that repeat-set slots of several candidates
        // (the engine's general path) occur.
        let n = m.findings.len();
        for &(i, j) in &links {
            if i < n && j < n && i != j && !m.findings[i].repeats.contains(&j) {
                m.findings[i].repeats.push(j);
                m.findings[i].repeats.sort_unstable();
            }
        }
        m.link_repeats();
        let p = Params::default();
        let corridors = corridor_findings(&m, &Filter::default());
        let movements = movement_findings(&m, &corridors);
        for targets in [&corridors, &movements] {
            for phi in Phenomenon::SCORED {
                let plan = GradePlan::new(&m, targets, phi);
                let nt = targets.len();
                let mut rng = Sampler::chunk_rng(seed, 3);
                let mut g = plan.base();
                let (mut fast, mut slow) = (Codes::default(), Codes::default());
                let mut engine = EngineScratch::default();
                let mut out = vec![0.0; nt * 11];
                for _ in 0..3 {
                    let mut fast_rng = rng.clone();
                    plan.draw(q, &mut rng, &mut g);
                    plan.draw_codes(q, &mut fast_rng, &mut fast);
                    // The same numbers consumed, the same grades.
                    prop_assert_eq!(fast_rng.next_u64(), rng.clone().next_u64());
                    plan.codes(&g, &mut slow);
                    prop_assert_eq!(&fast, &slow);
                    plan.vectors_of(&p, &fast, &mut engine, &mut out);
                    // The reference: a(e) of the drawn grades, reduced by
                    // the scoring code.
                    let mut weights: Vec<f64> =
                        m.findings.iter().map(|f| p.finding_weight(f)).collect();
                    for (k, &i) in plan.findings.iter().enumerate() {
                        let r = g.reliability[m.findings[i].source];
                        weights[i] = p.strength[usize::from(g.strength[k])]
                            * p.reliability[usize::from(r)]
                            * p.credibility[usize::from(g.credibility[k]) - 1];
                    }
                    let prepared = Prepared::with_weights(&m, weights);
                    let mut scratch = Vec::new();
                    for (c, list) in targets.iter().enumerate() {
                        let v = prepared.reduce(list, phi, None, &mut scratch, None).vector();
                        for (t, x) in v.iter().enumerate() {
                            prop_assert_eq!(
                                out[t * nt + c].to_bits(),
                                x.to_bits(),
                                "target {} type {}", c, t
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The engine's vectors at the base grades (q = 0: nothing moves) and the
/// scoring code's, for corridor 0 of `m`.
fn both(m: &corridor_schema::Model) -> ([u64; 11], [u64; 11]) {
    let p = Params::default();
    let targets = corridor_findings(m, &Filter::default());
    let plan = GradePlan::new(m, &targets, Phenomenon::Smuggling);
    let mut codes = Codes::default();
    plan.draw_codes(0.0, &mut Sampler::chunk_rng(1, 0), &mut codes);
    let nt = targets.len();
    let mut out = vec![0.0; nt * 11];
    plan.vectors_of(&p, &codes, &mut EngineScratch::default(), &mut out);
    let v = Prepared::new(m, &p)
        .reduce(
            &targets[0],
            Phenomenon::Smuggling,
            None,
            &mut Vec::new(),
            None,
        )
        .vector();
    (
        std::array::from_fn(|t| out[t * nt].to_bits()),
        std::array::from_fn(|t| v[t].to_bits()),
    )
}

#[test]
fn equal_strengths_with_different_bits_go_to_the_smallest_id() {
    // Default grades: moderate·A·3 = (2/3)·1·0.6 and strong·A·4 = 1·1·0.4
    // are both 0.4 to twelve decimals but differ in the last bit, so which
    // finding counts shows in the bits. Source 0 is A, source 1 is B; raw
    // findings are (source, corridors, kind, phenomenon, strength index,
    // credibility − 1, dimension).
    let moderate_a3 = (0, 1, 0, 0, 1, 2, 0);
    let strong_a4 = (0, 1, 0, 0, 2, 3, 0);
    // strong·B·6 = 1·0.8·0.5, also 0.4, of another source and type.
    let strong_b6 = (1, 1, 0, 0, 2, 5, 0);
    let weak = (2, 1, 0, 0, 0, 0, 1);
    let run = |raws: &[common::FRaw], links: &[(usize, usize)]| {
        let mut m = model(1, 3, raws);
        for &(i, j) in links {
            m.findings[i].repeats.push(j);
        }
        m.link_repeats();
        let (engine, reference) = both(&m);
        assert_eq!(engine, reference, "{raws:?} {links:?}");
        engine
    };
    // One source's two findings (the flat path's groups): the first id wins.
    let a = run(&[moderate_a3, strong_a4], &[]);
    let b = run(&[strong_a4, moderate_a3], &[]);
    assert_ne!(a, b, "the tie is visible in the bits");
    // The same beside a repeat set (the general path).
    let a = run(&[moderate_a3, strong_a4, strong_b6, weak], &[(3, 2)]);
    let b = run(&[strong_a4, moderate_a3, strong_b6, weak], &[(3, 2)]);
    assert_ne!(a, b, "the tie is visible in the bits");
    // Two sources' findings in one repeat set: the first id counts, for
    // its own source's type.
    let a = run(&[moderate_a3, strong_b6], &[(1, 0)]);
    let b = run(&[strong_b6, moderate_a3], &[(1, 0)]);
    assert_ne!(a, b, "the tie is visible in the bits");
}
