//! Finding, reading and solving weighting files for the commands, and the
//! options every scoring command shares (`--period`, `--country`).
//!
//! Every problem of a weighting file is printed as a diagnostic at its
//! line — including the ones only solving reveals (an inconsistent AHP
//! judgement), which the schema crate cannot see.

use crate::out;
use anyhow::bail;
use corridor_schema::weighting::{LoadedWeighting, read};
use corridor_schema::{Diagnostic, Model, Period, codes};
use corridor_score::{Filter, ScoreError, WeightError, Weighting};
use std::path::{Path, PathBuf};

/// Where the default weighting lives, relative to the indicator directory.
pub(crate) const DEFAULT: &str = "weightings/default.yaml";

/// The weighting file meant by `arg`: the default when absent; a bare name
/// (`officials-first`) is `<indicators>/weightings/<name>.yaml` when that
/// file exists, even if `./<name>` exists too; otherwise the path as given.
pub(crate) fn resolve(indicators: &Path, arg: Option<&Path>) -> PathBuf {
    let Some(p) = arg else {
        return indicators.join(DEFAULT);
    };
    // A bare name (`--weighting ahp`) is a weighting of the indicator
    // folder first: a file or folder `./ahp` that happens to sit in the
    // current directory must not shadow it.
    let bare = p.components().count() == 1 && p.extension().is_none();
    let named = indicators.join("weightings").join(p).with_extension("yaml");
    if bare && named.is_file() {
        named
    } else {
        p.to_path_buf()
    }
}

/// The diagnostic for a weighting that parsed but cannot be solved.
pub(crate) fn solve_diagnostic(loaded: &LoadedWeighting, err: &ScoreError) -> Diagnostic {
    let (code, message) = match err {
        ScoreError::Weights {
            source: WeightError::Inconsistent { .. },
            ..
        } => ("inconsistent-judgements", err_message(err)),
        _ => ("unsolvable-weighting", err_message(err)),
    };
    let path = err.yaml_path().unwrap_or_else(|| "method".into());
    loaded.diagnostic_at(&path, code).message(message)
}

fn err_message(err: &ScoreError) -> String {
    match err {
        ScoreError::Weights { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Reads and solves a weighting file. Prints its diagnostics; warnings
/// only when `warn` (the indicator directory's own weightings were already
/// checked, and warned about, with the model).
pub(crate) fn load(path: &Path, warn: bool, indicators: &Path) -> anyhow::Result<Weighting> {
    let display = path.display().to_string();
    if !path.exists() {
        bail!(
            "no weighting file at {display}: {}",
            known_weightings(indicators, path)
        );
    }
    let loaded = match read(path, &display) {
        Ok(l) => l,
        Err(diags) => {
            out::print_diagnostics(&diags);
            let n = diags.iter().filter(|d| d.is_error()).count();
            bail!("cannot use weighting {display}: {n} error(s)");
        }
    };
    if warn {
        out::print_diagnostics(&loaded.warnings);
    }
    solve(&loaded)
}

/// What to say when a weighting file is missing: the names of the indicator
/// folder's weightings (and the nearest to what was asked), and where the
/// format is.
fn known_weightings(indicators: &Path, asked: &Path) -> String {
    let dir = indicators.join("weightings");
    let mut names: Vec<String> = corridor_schema::load::list_dir(&dir)
        .unwrap_or_default()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let stem = asked
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let near = corridor_schema::diag::did_you_mean(&stem, names.iter().map(String::as_str))
        .map(|n| format!("did you mean '{n}'? "))
        .unwrap_or_default();
    let list = if names.is_empty() {
        format!("{} holds none", dir.display())
    } else {
        format!("the weightings of {}: {}", dir.display(), names.join(", "))
    };
    format!(
        "{near}give a weighting file's path or the name of one of {list}; `corridor schema weighting` prints the format"
    )
}

/// Loads the weighting for a command that also loaded `indicators` into
/// `model`: a weighting file of the folder was read and checked with the
/// model (and warned about then), so it is only solved here; any other file
/// is read and checked now.
pub(crate) fn load_for(
    indicators: &Path,
    arg: Option<&Path>,
    model: &Model,
) -> anyhow::Result<Weighting> {
    let path = resolve(indicators, arg);
    if let Some(loaded) = checked_with(indicators, &path, model) {
        return solve(loaded);
    }
    load(&path, true, indicators)
}

/// The weighting file of `model` that `path` names, if it is one of the
/// indicator folder's.
fn checked_with<'m>(
    indicators: &Path,
    path: &Path,
    model: &'m Model,
) -> Option<&'m LoadedWeighting> {
    let (p, dir) = (path.canonicalize().ok()?, indicators.canonicalize().ok()?);
    let rel = p.strip_prefix(dir).ok()?;
    model.weighting_files.get(&rel.display().to_string())
}

/// Solves a checked weighting file, with a diagnostic at its line when it
/// cannot be solved.
fn solve(loaded: &LoadedWeighting) -> anyhow::Result<Weighting> {
    match Weighting::from_file(&loaded.file) {
        Ok(w) => Ok(w),
        Err(e) => {
            out::print_diagnostics(&[solve_diagnostic(loaded, &e)]);
            bail!("cannot use weighting {}", loaded.display);
        }
    }
}

/// The diagnostics of solving every weighting file of a checked
/// directory that has no error of its own (for `corridor check`).
pub(crate) fn check_all(model: &Model, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    model
        .weighting_files
        .values()
        .filter(|l| {
            !diagnostics
                .iter()
                .any(|d| d.is_error() && d.file == l.display)
        })
        .filter_map(|loaded| {
            Weighting::from_file(&loaded.file)
                .err()
                .map(|e| solve_diagnostic(loaded, &e))
        })
        .collect()
}

/// Parses `--period`.
pub(crate) fn parse_period(s: &str) -> Result<Period, String> {
    s.parse::<Period>().map_err(|e| e.to_string())
}

/// Builds the filter, checking `--country` against the codes and regions.
pub(crate) fn filter(
    model: &Model,
    period: Option<Period>,
    country: Option<&str>,
) -> anyhow::Result<Filter> {
    let country = match country {
        None => None,
        Some(c) => {
            let upper = c.to_ascii_uppercase();
            if codes::is_country(&upper) {
                Some(upper)
            } else if model.regions.iter().any(|r| r.id == c) {
                Some(c.to_string())
            } else {
                let hint = codes::suggest_country(&upper)
                    .map(|s| format!("; did you mean '{s}'?"))
                    .unwrap_or_default();
                bail!(
                    "--country '{c}' is neither an ISO 3166-1 alpha-3 code nor a region of places.yaml{hint}"
                );
            }
        }
    };
    Ok(Filter { period, country })
}

/// The scored phenomenon of METHOD.md §1, as a command-line value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoredPhenomenon {
    /// Smuggling of migrants (the headline).
    #[default]
    Smuggling,
    /// Irregular migration with no sign of a facilitator.
    #[value(name = "irregular_migration")]
    IrregularMigration,
    /// Trafficking in persons.
    Trafficking,
}

impl From<ScoredPhenomenon> for corridor_schema::Phenomenon {
    fn from(p: ScoredPhenomenon) -> Self {
        match p {
            ScoredPhenomenon::Smuggling => corridor_schema::Phenomenon::Smuggling,
            ScoredPhenomenon::IrregularMigration => corridor_schema::Phenomenon::IrregularMigration,
            ScoredPhenomenon::Trafficking => corridor_schema::Phenomenon::Trafficking,
        }
    }
}

/// `--phenomenon`, shared by every command that scores.
#[derive(clap::Args, Clone, Copy)]
pub(crate) struct PhenomenonArg {
    /// The scored phenomenon (METHOD.md §1).
    #[arg(long, value_enum, default_value_t)]
    pub phenomenon: ScoredPhenomenon,
}

impl PhenomenonArg {
    /// The schema's value.
    pub(crate) fn get(self) -> corridor_schema::Phenomenon {
        self.phenomenon.into()
    }
}
