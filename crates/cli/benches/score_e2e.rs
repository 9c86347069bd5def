//! End-to-end benchmark of `corridor score --format json` (issue target:
//! at most 2 s on 2 cores) on a synthetic indicator tree of 2,000 corridors
//! and 100,000 findings in 1,000 files, written once to a temporary
//! directory with a fixed-seed generator. The time includes reading,
//! parsing and checking every file, which dominates.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// SplitMix64: deterministic on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CORRIDORS: usize = 2_000;
const FILES: usize = 1_000;
const PER_FILE: usize = 100;
const COUNTRIES: &[&str] = &[
    "AFG", "BGD", "CHN", "IND", "IRN", "IRQ", "KAZ", "KGZ", "LKA", "PAK", "RUS", "TJK", "UZB",
    "DEU", "POL", "TUR",
];
const TYPES: &[&str] = &[
    "border_service",
    "migration_service",
    "avr",
    "migrant_interview",
    "ngo_interview",
    "travel_industry",
    "iom_staff",
    "embassy",
    "intl_org_stats",
    "media",
    "internet",
];

fn write_tree(dir: &Path) {
    let mut rng = Rng(42);
    let mut c = String::from("corridors:\n");
    for i in 0..CORRIDORS {
        let (o, v, d) = (
            rng.pick(COUNTRIES),
            rng.pick(COUNTRIES),
            rng.pick(COUNTRIES),
        );
        let _ = writeln!(
            c,
            "  - id: c{i:04}\n    origin: {o}\n    via: [{v}]\n    destination: {d}\n    label: Synthetic corridor {i}"
        );
    }
    std::fs::write(dir.join("corridors.yaml"), c).expect("write corridors");
    std::fs::create_dir_all(dir.join("weightings")).expect("mkdir");
    std::fs::write(
        dir.join("weightings/default.yaml"),
        include_str!("../../../indicators/weightings/default.yaml"),
    )
    .expect("write weighting");
    for f in 0..FILES {
        let country = rng.pick(COUNTRIES);
        let mut y = format!(
            "id: s{f:04}\nsource:\n  type: {}\n  name: Synthetic source {f}\n  reliability: {}\n  citation: synthetic\ncountry: {country}\nperiod: 2004..2005\nfindings:\n",
            rng.pick(TYPES),
            rng.pick(&["A", "B", "C", "D", "E", "F"])
        );
        for _ in 0..PER_FILE {
            let kind = match rng.below(20) {
                0..=14 => "observed",
                15..=17 => "not_observed",
                18 => "unavailable",
                _ => "withheld",
            };
            let _ = write!(
                y,
                "  - corridors: [c{:04}]\n    dimension: {}\n    finding: {kind}\n    text: A synthetic statement.\n",
                rng.below(CORRIDORS),
                rng.pick(&["magnitude", "routes", "organization", "fees", "profile"])
            );
            if kind == "observed" || kind == "not_observed" {
                let _ = write!(
                    y,
                    "    strength: {}\n    credibility: {}\n",
                    rng.pick(&["weak", "moderate", "strong"]),
                    1 + rng.below(6)
                );
            }
        }
        let sub = dir.join(country);
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("s{f:04}.yaml")), y).expect("write source");
    }
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
