//! `corridor list`.

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `corridor list`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_dir: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet built")
}
