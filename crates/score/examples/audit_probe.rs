//! Timing probe for BENCHMARKS.md: loads an indicator folder (argument 1,
//! e.g. `target/synth`) and times, on one thread, the pieces of the grade
//! Monte Carlo — the grade draw, the evidence engine, the scores and the
//! ranking — and prints them to stderr. Each piece runs in blocks of 20
//! calls and the fastest block counts, so that other work on a shared
//! machine inflates the figures less.

use corridor_score::audit::grades::{Codes, EngineScratch, GradePlan};
use corridor_score::audit::{RankScratch, Sampler, fast_ranks};
use corridor_score::{Filter, Params, corridor_findings};
use std::time::Instant;

/// The fastest of `blocks` blocks of 20 calls of `f`, per call, in µs.
fn fastest(blocks: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..blocks {
        let t = Instant::now();
        for _ in 0..20 {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64() / 20.0 * 1e6);
    }
    best
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "target/synth".into());
    let blocks: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let model = corridor_schema::load_valid(std::path::Path::new(&dir))
        .expect("valid")
        .0;
    let params = Params::default();
    let targets = corridor_findings(&model, &Filter::default());
    let t0 = Instant::now();
    let plan = GradePlan::new(&model, &targets, corridor_schema::Phenomenon::Smuggling);
    eprintln!(
        "plan built in {:?}: {} targets, {} candidates",
        t0.elapsed(),
        plan.targets(),
        plan.findings.len()
    );
    let n = plan.targets();
    let ids: Vec<String> = model.corridors.iter().map(|c| c.id.clone()).collect();
    let label = |s: usize| model.sources[s].id.clone();
    let t0 = Instant::now();
    let loso = corridor_score::audit::sources::leave_one_source_out(
        &model,
        &params,
        &targets,
        corridor_schema::Phenomenon::Smuggling,
        &[1.0 / 11.0; 11],
        &ids,
        3,
        &label,
    );
    eprintln!(
        "leave one source out ({} sources): {:?}",
        loso.sources.len(),
        t0.elapsed()
    );
    let mut g = plan.base();
    let mut engine = EngineScratch::default();
    let mut codes = Codes::default();
    let mut v = vec![0.0; n * 11];
    let mut s = vec![0.0; n];
    let mut r = vec![0u32; n];
    let mut rs = RankScratch::default();
    let mut rng = Sampler::chunk_rng(42, 0);
    let mut bytes = vec![0u8; plan.findings.len() * 8];
    let chacha = fastest(blocks, || {
        use rand_chacha::rand_core::Rng;
        rng.fill_bytes(&mut bytes)
    });
    let mut small = [0u8; 512];
    let chacha_small = fastest(blocks, || {
        use rand_chacha::rand_core::Rng;
        for _ in 0..plan.findings.len() / 64 {
            rng.fill_bytes(&mut small);
        }
    });
    eprintln!("ChaCha8 bytes of one draw: {chacha:.1} µs, 512 at a time {chacha_small:.1} µs");
    let draw = fastest(blocks, || plan.draw(0.5, &mut rng, &mut g));
    let draw_codes = fastest(blocks, || plan.draw_codes(0.5, &mut rng, &mut codes));
    let engine_t = fastest(blocks, || {
        plan.vectors_of(&params, &codes, &mut engine, &mut v)
    });
    let score = fastest(blocks, || {
        s.fill(0.0);
        for t in 0..11 {
            for (x, &y) in s.iter_mut().zip(&v[t * n..(t + 1) * n]) {
                *x += y / 11.0;
            }
        }
    });
    let w = [1.0 / 11.0; 11];
    let active: Vec<usize> = (0..11).collect();
    let fused = fastest(blocks, || {
        plan.scores_of(&params, &codes, &mut engine, ([&w], &active), [&mut s])
    });
    let rank = fastest(blocks, || fast_ranks(&s, &mut rs, &mut r));
    eprintln!(
        "per call, µs: draw (Grades) {draw:.1}, draw_codes {draw_codes:.1}, engine {engine_t:.1}, scores {score:.1}, engine with scores {fused:.1}, ranks {rank:.1}"
    );
}
