//! Benchmark of `corridor_report::render`: every chapter, the overview and
//! the index in both formats, (1) for a synthetic model of 2,000 corridors
//! and 100,000 findings over 20 countries, built in memory, and (2) for the
//! indicator directory named by `CORRIDOR_INDICATORS` (default
//! `indicators/` at the workspace root), loading included. Figures go in
//! BENCHMARKS.md; the targets are 5 s and 1 s on 2 cores.

// criterion's macros generate undocumented public functions.
#![allow(missing_docs)]

use corridor_report::{Options, Templates, render_model};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

mod synth;

fn options() -> Options {
    Options::new("equal weights (1/11 per source type)")
}

fn synthetic(c: &mut Criterion) {
    let model = synth::synthetic(2_000, 100_000, 20, 42);
    let templates = Templates::embedded().expect("templates compile");
    let opts = options();
    let files = render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &opts,
        &templates,
    )
    .expect("renders");
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    eprintln!("synthetic: {} files, {} MB", files.len(), bytes / 1_000_000);
    c.bench_function(
        "render synthetic 2000 corridors 100000 findings 20 countries",
        |b| {
            b.iter(|| {
                render_model(
                    black_box(&model),
                    &corridor_score::Weighting::equal(),
                    &opts,
                    &templates,
                )
                .expect("renders")
            })
        },
    );
}

fn shipped(c: &mut Criterion) {
    let dir = std::env::var_os("CORRIDOR_INDICATORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../indicators"));
    let opts = options();
    c.bench_function("load and render shipped indicators", |b| {
        b.iter(|| {
            let model = corridor_schema::load_valid(&dir)
                .expect("indicators load")
                .0;
            let templates = Templates::embedded().expect("templates compile");
            render_model(
                black_box(&model),
                &corridor_score::Weighting::equal(),
                &opts,
                &templates,
            )
            .expect("renders")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = synthetic, shipped
}
criterion_main!(benches);
