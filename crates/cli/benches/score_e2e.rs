//! End-to-end benchmark of `corridor score --format json` (issue target:
//! at most 2 s on 2 cores) on a synthetic indicator tree of 2,000 corridors
//! and 100,000 findings in 5,000 files, written once to a temporary
//! directory by `corridor synth`. The time includes reading,
//! parsing and checking every file, which dominates.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::process::{Command, Stdio};

/// Writes the tree with `corridor synth` itself (seeded, so every run
/// benchmarks the same files): 2,000 corridors, 100,000 findings, 5,000 files.
fn write_tree(dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args([
            "synth",
            "--corridors",
            "2000",
            "--files",
            "5000",
            "--findings",
            "100000",
            "--out",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .expect("run corridor synth");
    assert!(status.success(), "corridor synth failed");
}

fn run(dir: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .arg("--indicators")
        .arg(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run corridor");
    assert!(
        status.success(),
        "corridor {args:?} failed on the synthetic tree"
    );
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_tree(dir.path());
    let mut g = c.benchmark_group("end to end");
    g.sample_size(10);
    g.bench_function(
        "corridor score --format json (2000 corridors, 100000 findings)",
        |b| b.iter(|| run(dir.path(), &["score", "--format", "json"])),
    );
    g.bench_function("corridor check (same tree, for comparison)", |b| {
        b.iter(|| run(dir.path(), &["check"]))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
