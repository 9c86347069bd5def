//! `corridor completions <shell>`: shell completion scripts from clap.

use clap::CommandFactory;
use std::process::ExitCode;

/// Arguments of `corridor completions`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell.
    shell: clap_complete::Shell,
}

/// Prints the completion script for the shell.
pub fn run<C: CommandFactory>(args: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = C::command();
    clap_complete::generate(args.shell, &mut cmd, "corridor", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
