//! `corridor synth`.

use std::process::ExitCode;

/// Arguments of `corridor synth`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet built")
}
