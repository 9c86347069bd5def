//! `corridor check [DIR]`: every problem of every file at once; exit code 1
//! when there is an error.

use crate::out;
use anyhow::Context;
use corridor_schema::{Diagnostic, FindingKind, SourceType, Stats, check_dir};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor check`.
#[derive(clap::Args)]
pub struct Args {
    /// The indicator directory (default: --indicators).
    dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A short summary and the diagnostics.
    Table,
    /// The machine-readable report.
    Json,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    sources: usize,
    findings: usize,
    corridors: usize,
    countries: usize,
    by_type: &'a BTreeMap<SourceType, usize>,
    by_kind: &'a BTreeMap<FindingKind, usize>,
    errors: Vec<&'a Diagnostic>,
    warnings: Vec<&'a Diagnostic>,
}

/// Runs the check.
pub fn run(default_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.dir.as_deref().unwrap_or(default_dir);
    let mut checked = check_dir(dir).with_context(|| format!("cannot check {}", dir.display()))?;
    // Weighting files that parse are also solved: an inconsistent AHP
    // matrix is only visible once its eigenvector is known.
    let solved = crate::weighting::check_all(dir, &checked.model, &checked.diagnostics);
    if !solved.is_empty() {
        checked.diagnostics.extend(solved);
        checked
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let (errors, warnings): (Vec<_>, Vec<_>) =
        checked.diagnostics.iter().partition(|d| d.is_error());
    match args.format {
        Format::Json => {
            let s = &checked.stats;
            let report = JsonReport {
                files: s.files,
                sources: s.sources,
                findings: s.findings,
                corridors: s.corridors,
                countries: s.countries,
                by_type: &s.by_type,
                by_kind: &s.by_kind,
                errors: errors.clone(),
                warnings: warnings.clone(),
            };
            out::print_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        Format::Table => {
            out::print_diagnostics(&checked.diagnostics);
            out::print_stdout(&summary(dir, &checked.stats, errors.len(), warnings.len()))?;
        }
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn summary(dir: &Path, s: &Stats, errors: usize, warnings: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} files, {} sources, {} findings, {} corridors, {} country files",
        dir.display(),
        s.files,
        s.sources,
        s.findings,
        s.corridors,
        s.countries
    );
    let _ = writeln!(out, "findings by source type:");
    for (t, n) in &s.by_type {
        let _ = writeln!(out, "  {:<20} {n:>6}", t.key());
    }
    let kinds: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = writeln!(out, "findings by kind: {}", kinds.join(", "));
    let verdict = if errors == 0 { "ok" } else { "FAILED" };
    let _ = writeln!(out, "{verdict}: {errors} error(s), {warnings} warning(s)");
    out
}
