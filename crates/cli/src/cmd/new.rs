//! `corridor new`.

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `corridor new`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_dir: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet built")
}
