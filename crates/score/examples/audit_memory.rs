//! Memory probe for BENCHMARKS.md: builds the benchmark's synthetic
//! model (2,000 corridors, 100,000 findings) and its evidence, then, with
//! the argument `audit`, runs the default audit (10,000 draws). Run it
//! under `/usr/bin/time -v` with and without `audit`; the difference of
//! the maximum resident set sizes is the audit's memory beyond the loaded
//! model. Prints nothing: the numbers come from `time`.

#[path = "../benches/common/synth.rs"]
mod synth;

use corridor_score::audit::{AuditWeighting, Options, audit};
use corridor_score::{Evidence, Filter, Params};
use std::process::ExitCode;

fn main() -> ExitCode {
    let model = synth::synthetic_model(2_000, 100_000);
    let params = Params::default();
    let evidence = Evidence::build(
        &model,
        &params,
        &Filter::default(),
        corridor_schema::Phenomenon::Smuggling,
    );
    if std::env::args().nth(1).as_deref() != Some("audit") {
        return ExitCode::SUCCESS;
    }
    let ids: Vec<String> = model.corridors.iter().map(|c| c.id.clone()).collect();
    let ws = [AuditWeighting {
        name: "equal",
        weights: [1.0 / 11.0; 11],
        params: &params,
        evidence: &evidence,
        consistency_ratio: None,
    }];
    match audit(
        &ids,
        &ws,
        &corridor_score::audit::AuditContext::corridors(&model),
        &Options::default(),
        &|_| {},
    ) {
        // Keep the report alive until here so it counts in the peak.
        Ok(report) if report.corridors.len() == ids.len() => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
