//! `corridor completions <shell>`: shell completion scripts from clap.

use clap::CommandFactory;
use std::process::ExitCode;

/// Arguments of `corridor completions`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The shell.
    shell: clap_complete::Shell,
}

/// Prints the completion script for the shell.
pub(crate) fn run<C: CommandFactory>(args: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = C::command();
    // Generated into memory, then printed like every other output, so a
    // closed pipe or a full disk ends quietly instead of panicking.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "corridor", &mut script);
    crate::out::print_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
