//! The audit benchmark of issue 4: 10,000 draws over 2,000 corridors and
//! eleven types (synthetic, in memory, 100,000 findings). Target: at most
//! 1.0 s on a 2-core machine. Results go in BENCHMARKS.md.
//!
//! Run: `cargo bench -p corridor-score --bench audit`

#[path = "common/synth.rs"]
mod synth;

use corridor_score::audit::{AuditWeighting, Options, audit};
use corridor_score::{Evidence, Filter, Params};
use criterion::{Criterion, criterion_main};
use std::time::Duration;

fn bench_audit(c: &mut Criterion) {
    let model = synth::synthetic_model(2_000, 100_000);
    let params = Params::default();
    let evidence = Evidence::build(
        &model,
        &params,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    let ids: Vec<String> = model.corridors.iter().map(|c| c.id.clone()).collect();
    let ws = [AuditWeighting {
        name: "equal",
        weights: [1.0 / 11.0; 11],
        params: &params,
        evidence: &evidence,
        consistency_ratio: None,
    }];
    let opts = Options::default();
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("10k draws, 2000 corridors, 11 types", |b| {
        b.iter(|| {
            audit(
                &ids,
                &ws,
                &corridor_score::audit::AuditContext::corridors(&model),
                &opts,
                &|_| {},
            )
            .expect("audit")
        })
    });
    group.finish();
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench_audit);
}
use group::benches;
criterion_main!(benches);
