//! `corridor`: the command line. Thin glue — it parses arguments, calls the
//! library crates and prints. It is the only crate that prints.

mod cmd;
mod guard;
mod out;
mod weighting;
mod write;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Evidence about migrant smuggling, scored the "vector" way: indicator
/// files per source, strength vectors per corridor, weights you can audit,
/// country chapters with every statement footnoted.
#[derive(Parser)]
#[command(name = "corridor", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    /// The indicator directory.
    #[arg(long, global = true, default_value = "indicators", value_name = "DIR")]
    indicators: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every indicator file and report every problem at once.
    Check(cmd::check::Args),
    /// Score every corridor under a weighting: rank, score, confidence, strength vector.
    Score(cmd::score::Args),
    /// Take one corridor's score apart, type by type and finding by finding.
    Explain(cmd::explain::Args),
    /// Show a weighting: its weights, and for AHP the matrix, λmax, CI and CR.
    Weights(cmd::weights::Args),
    /// Compare the rankings under two weightings.
    Compare(cmd::compare::Args),
    /// List corridors, sources or findings.
    List(cmd::list::Args),
    /// Print the JSON Schema of an input file kind.
    Schema(cmd::schema::Args),
    /// Render the country chapters, the regional overview and the index
    /// (Markdown and self-contained HTML).
    Report(cmd::report::Args),
    /// Write a commented skeleton indicator file.
    New(cmd::new::Args),
    /// Write a seeded synthetic indicator tree (for benchmarks).
    Synth(cmd::synth::Args),
    /// Test how far the ranking depends on the source weights (METHOD.md §6).
    Audit(cmd::audit::Args),
    /// Write every table as CSV, one workbook, the routes as GeoJSON and a
    /// data package describing them, into one folder.
    Export(cmd::export::Args),
    /// Print shell completions.
    Completions(cmd::completions::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(&cli.indicators, a),
        Command::Score(a) => cmd::score::run(&cli.indicators, a),
        Command::Explain(a) => cmd::explain::run(&cli.indicators, a),
        Command::Weights(a) => cmd::weights::run(&cli.indicators, a),
        Command::Compare(a) => cmd::compare::run(&cli.indicators, a),
        Command::List(a) => cmd::list::run(&cli.indicators, a),
        Command::Schema(a) => cmd::schema::run(a),
        Command::Report(a) => cmd::report::run(&cli.indicators, a),
        Command::New(a) => cmd::new::run(&cli.indicators, a),
        Command::Synth(a) => cmd::synth::run(a),
        Command::Audit(a) => cmd::audit::run(&cli.indicators, a),
        Command::Export(a) => cmd::export::run(&cli.indicators, a),
        Command::Completions(a) => cmd::completions::run::<Cli>(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            out::print_error(&err);
            ExitCode::FAILURE
        }
    }
}
