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
pub(crate) struct Args {
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
pub(crate) fn run(default_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let target = match args.dir.as_deref() {
        Some(d) => d,
        None => out::project_dir(default_dir)?,
    };
    if !target.exists() {
        anyhow::bail!(
            "there is no file or folder {}: name an indicator folder, a folder in it or one of its files",
            target.display()
        );
    }
    // A folder or file inside a tree is checked against the whole tree
    // (its references resolve there), and only its own problems are shown.
    let (dir, part) = tree_of(target);
    let dir = dir.as_path();
    let mut checked = check_dir(dir).with_context(|| format!("cannot check {}", dir.display()))?;
    // Weighting files that parse are also solved: an inconsistent AHP
    // matrix is only visible once its eigenvector is known.
    let solved = crate::weighting::check_all(&checked.model, &checked.diagnostics);
    if !solved.is_empty() {
        checked.diagnostics.extend(solved);
        checked
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let total_errors = checked.error_count();
    if let Some(part) = &part {
        let inside = absolute(part);
        checked
            .diagnostics
            .retain(|d| absolute(Path::new(&d.file)).starts_with(&inside));
    }
    // Errors outside the part still fail the run: a broken registry
    // elsewhere leaves the part's references unchecked.
    let elsewhere = total_errors - checked.error_count();
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
            let name = match &part {
                Some(p) => format!("{} (checked against {})", p.display(), dir.display()),
                None => dir.display().to_string(),
            };
            let mut text = summary(
                &name,
                &checked.stats,
                errors.len() + elsewhere,
                warnings.len(),
            );
            if elsewhere > 0 {
                text.push_str(&format!(
                    "{elsewhere} of the errors are outside {}: run `corridor check {}` to see them\n",
                    part.as_deref().unwrap_or(dir).display(),
                    dir.display()
                ));
            }
            out::print_stdout(&text)?;
        }
    }
    Ok(if errors.is_empty() && elsewhere == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A path made absolute and without `.` parts, for comparing two paths.
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Whether `dir` is the root of an indicator tree.
fn is_root(dir: &Path) -> bool {
    ["corridors.yaml", "corridors.yml"]
        .iter()
        .any(|n| dir.join(n).is_file())
}

/// The tree `target` belongs to, and the part of it to report (`None`
/// for the whole tree): the nearest folder at or above it that holds
/// `corridors.yaml`. Without one, `target` is checked as a tree.
fn tree_of(target: &Path) -> (PathBuf, Option<PathBuf>) {
    if target.is_dir() && is_root(target) {
        return (target.to_path_buf(), None);
    }
    // Relative ancestors first, so that printed paths stay as typed.
    for up in target.ancestors().skip(1) {
        let up = if up.as_os_str().is_empty() {
            Path::new(".")
        } else {
            up
        };
        if is_root(up) {
            return (up.to_path_buf(), Some(target.to_path_buf()));
        }
    }
    let abs = absolute(target);
    for up in abs.ancestors().skip(1) {
        if is_root(up) {
            return (up.to_path_buf(), Some(target.to_path_buf()));
        }
    }
    (target.to_path_buf(), None)
}

fn summary(dir: &str, s: &Stats, errors: usize, warnings: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} files, {} sources, {} findings, {} corridors, {} country files",
        dir, s.files, s.sources, s.findings, s.corridors, s.countries
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
