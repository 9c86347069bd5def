//! `corridor schema [KIND]`: the JSON Schema of an input file kind.

use anyhow::bail;
use corridor_schema::schema::{KINDS, schema_for};
use std::process::ExitCode;

/// Arguments of `corridor schema`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Which file kind: indicator, corridors, places, taxonomy, rates, country, region, weighting.
    #[arg(default_value = "indicator")]
    kind: String,
}

/// Prints the schema as pretty JSON.
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(schema) = schema_for(&args.kind) else {
        bail!(
            "unknown file kind '{}': choose one of {}",
            args.kind,
            KINDS.join(", ")
        );
    };
    crate::out::print_stdout(&format!("{}\n", serde_json::to_string_pretty(&schema)?))?;
    Ok(ExitCode::SUCCESS)
}
