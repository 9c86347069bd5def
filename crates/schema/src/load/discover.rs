//! Finding the files of an indicator directory and sorting them by role
//! (control files, countries, region, weightings, indicators), before any
//! of them is read; plus `list_dir`, the one other place that lists a
//! folder for the libraries. Names that look meant to be read but are not
//! (`.YAML`, a second file for one role) become diagnostics here.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// The files of an indicator directory, by role, each list sorted by path.
#[derive(Debug, Default)]
pub struct Discovered {
    /// `corridors.yaml`, if present.
    pub corridors: Option<PathBuf>,
    /// `places.yaml`, if present.
    pub places: Option<PathBuf>,
    /// `taxonomy.yaml`, if present.
    pub taxonomy: Option<PathBuf>,
    /// `rates.yaml`, if present.
    pub rates: Option<PathBuf>,
    /// `countries/*.yaml`.
    pub countries: Vec<PathBuf>,
    /// `region.yaml`, if present.
    pub region: Option<PathBuf>,
    /// `weightings/*.yaml`.
    pub weightings: Vec<PathBuf>,
    /// Every other `.yaml`/`.yml` file: one source each.
    pub indicators: Vec<PathBuf>,
    /// Files that look meant to be read but are not: `.YAML`/`.Yml`
    /// spellings, and a second file for one role (`corridors.yml` beside
    /// `corridors.yaml`).
    pub problems: Vec<Diagnostic>,
}

impl Discovered {
    /// Every file found, in a fixed order.
    pub fn all(&self) -> impl Iterator<Item = &PathBuf> {
        self.corridors
            .iter()
            .chain(&self.places)
            .chain(&self.taxonomy)
            .chain(&self.rates)
            .chain(&self.countries)
            .chain(&self.region)
            .chain(&self.weightings)
            .chain(&self.indicators)
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Walks `dir` and sorts its YAML files by role. Folders whose names start
/// with `.` or `_` are skipped (drafts, editor state). Paths are sorted so
/// that the order on disk never changes any output.
pub fn discover(dir: &Path) -> std::io::Result<Discovered> {
    let mut found = Discovered::default();
    let mut stack = vec![dir.to_path_buf()];
    let mut all = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ft = entry.file_type()?;
            if ft.is_dir() {
                if !name.starts_with('.') && !name.starts_with('_') {
                    stack.push(path);
                }
            } else if is_yaml(&path) && !name.starts_with('.') {
                all.push(path);
            } else if !name.starts_with('.')
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml"))
            {
                let fixed = path.with_extension(
                    path.extension()
                        .map(|e| e.to_string_lossy().to_ascii_lowercase())
                        .unwrap_or_default(),
                );
                found.problems.push(
                    Diagnostic::error("file-extension", path.display().to_string(), 1, 1)
                        .message("this file is not read: only names ending in `.yaml` or `.yml` (lowercase) are")
                        .help(format!(
                            "rename it to {}",
                            fixed.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                        )),
                );
            }
        }
    }
    all.sort();
    for path in all {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        match parts
            .iter()
            .map(|s| s.as_ref())
            .collect::<Vec<&str>>()
            .as_slice()
        {
            ["corridors.yaml" | "corridors.yml"] => {
                set_once(&mut found.corridors, path, &mut found.problems)
            }
            ["places.yaml" | "places.yml"] => {
                set_once(&mut found.places, path, &mut found.problems)
            }
            ["taxonomy.yaml" | "taxonomy.yml"] => {
                set_once(&mut found.taxonomy, path, &mut found.problems)
            }
            ["rates.yaml" | "rates.yml"] => set_once(&mut found.rates, path, &mut found.problems),
            ["region.yaml" | "region.yml"] => {
                set_once(&mut found.region, path, &mut found.problems)
            }
            ["countries", _] => found.countries.push(path),
            ["weightings", _] => found.weightings.push(path),
            _ => found.indicators.push(path),
        }
    }
    Ok(found)
}

/// The entries of folder `dir`, sorted by file name: the one place that
/// lists a folder for the libraries (the report's template overrides).
pub fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    Ok(entries)
}

/// Sets a control file's path, or reports a second one for the same role
/// (paths are sorted, so `.yaml` is kept and `.yml` reported).
fn set_once(slot: &mut Option<PathBuf>, path: PathBuf, problems: &mut Vec<Diagnostic>) {
    match slot {
        Some(first) => problems.push(
            Diagnostic::error("duplicate-file", path.display().to_string(), 1, 1)
                .message(format!(
                    "{} is already read from {}; this one would be ignored",
                    path.file_stem()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default(),
                    first.display()
                ))
                .help("keep one of the two files: merge them, then delete the other"),
        ),
        None => *slot = Some(path),
    }
}
