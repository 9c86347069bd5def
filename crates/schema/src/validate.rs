//! Loading a whole indicator directory: read, parse, check every rule,
//! and build the [`Model`].
//!
//! Every problem of every file is collected — a bad file never stops the
//! others from being checked. Rules record the YAML path of what they
//! object to; positions are looked up afterwards, and only in files that
//! have a problem (see `locate`).
//!
//! This file holds the orchestration and the reading: the order in which
//! files are read and checked, the registries of declared `Names`, and
//! the results. The rules themselves are in the children: `control`
//! (control files and shared value checks), `indicator` and `finding`
//! (indicator files), and the cross-file rules of `links`, `refs`,
//! `mentions`, `quantity`, `units` and `region`; `sink` collects and
//! places their diagnostics.

use crate::codes;
use crate::diag::{Diagnostic, did_you_mean};
use crate::files::{CorridorsFile, CountryFile, PlacesFile, RatesFile, TaxonomyFile};
use crate::load::{self, Discovered};
use crate::model::{Finding, Model, Rate, SourceRecord};
use crate::vocab::{FindingKind, SourceType};
use control::{
    check_corridors, check_country_file, check_currency, check_period, check_places, slug_err,
};
use indicator::{check_indicator, check_public_ids};
use rayon::prelude::*;
use serde::Serialize;
use sink::Sink;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

mod control;
mod finding;
mod indicator;
mod links;
mod mentions;
mod quantity;
mod refs;
mod region;
mod sink;
mod units;

/// Counts for the check summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// YAML files read.
    pub files: usize,
    /// Indicator files (one source each) that parsed.
    pub sources: usize,
    /// Findings in them.
    pub findings: usize,
    /// Corridors declared.
    pub corridors: usize,
    /// Country files.
    pub countries: usize,
    /// Findings per source type (all eleven keys).
    pub by_type: BTreeMap<SourceType, usize>,
    /// Findings per kind (all four keys).
    pub by_kind: BTreeMap<FindingKind, usize>,
}

/// The result of loading a directory: the model built from everything that
/// passed, and every problem found.
#[derive(Debug)]
pub struct Checked {
    /// The model (findings with errors are left out of it).
    pub model: Model,
    /// Errors and warnings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub stats: Stats,
}

impl Checked {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// A library error of the schema crate.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The directory cannot be read at all.
    #[error("cannot read indicator directory {path}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// The files have errors; the diagnostics say which.
    #[error("{count} error(s) in {path}; run `corridor check` to see them all")]
    Invalid {
        /// The directory.
        path: PathBuf,
        /// Number of errors.
        count: usize,
        /// Every diagnostic.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Loads `dir` and returns the model only if it has no errors (warnings are
/// returned beside it).
pub fn load_valid(dir: &Path) -> Result<(Model, Vec<Diagnostic>), SchemaError> {
    let checked = check_dir(dir)?;
    let count = checked.error_count();
    if count > 0 {
        return Err(SchemaError::Invalid {
            path: dir.to_path_buf(),
            count,
            diagnostics: checked.diagnostics,
        });
    }
    Ok((checked.model, checked.diagnostics))
}

/// The longest id accepted, in bytes: ids become file names
/// (`charts/vector-<id>.svg`, `<ISO3>/<id>.yaml`), and most file systems
/// stop at 255 bytes per name.
pub const MAX_ID_BYTES: usize = 100;

/// Whether `s` is a lowercase slug: `a-z`, `0-9`, `-`, `_`, starting with
/// a letter or digit, at most [`MAX_ID_BYTES`] long.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= MAX_ID_BYTES
        && matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Ids that may be referred to, for reference checks and suggestions.
#[derive(Default)]
struct Names {
    corridors: BTreeMap<String, usize>,
    places: BTreeSet<String>,
    regions: BTreeSet<String>,
    tags: BTreeSet<String>,
    units: BTreeSet<String>,
    rated: BTreeSet<String>,
    /// Ids declared by entries that are broken, by registry (`corridors`,
    /// `places`, `tags`): a reference to one is not reported again.
    broken: BTreeSet<(&'static str, String)>,
    /// Each corridor's origin and destination, lowercase, by id.
    ends: BTreeMap<String, (String, String)>,
    /// Registries that could not be read at all: references into them are
    /// not checked (their file's diagnostic is the one mistake).
    unreadable: BTreeSet<&'static str>,
}

impl Names {
    fn is_place_or_country(&self, s: &str) -> bool {
        self.places.contains(s) || codes::is_country(s)
    }
    fn is_region_or_country(&self, s: &str) -> bool {
        self.regions.contains(s) || codes::is_country(s)
    }
    /// Whether an unknown reference into `registry` is a consequence of a
    /// broken declaration rather than a mistake of its own.
    /// The help line for an unknown corridor id: a near id, else the
    /// declared corridors whose origin and destination the id names
    /// (`bgd-kaz` → `bgd-kgz-kaz`), else how to declare it.
    fn corridor_help(&self, id: &str) -> String {
        let near = did_you_mean(id, self.corridors.keys().map(String::as_str));
        let same: Vec<&str> = self
            .ends
            .iter()
            .filter(|(_, (o, d))| {
                id.starts_with(&format!("{o}-")) && id.ends_with(&format!("-{d}"))
            })
            .map(|(c, _)| c.as_str())
            .collect();
        match (same.as_slice(), near) {
            ([], Some(s)) => format!("did you mean '{s}'?"),
            ([], None) => {
                "declare it in corridors.yaml, or use an existing id (`corridor list corridors`)"
                    .into()
            }
            (_, Some(s)) if !same.contains(&s) => format!(
                "corridors declared with the same origin and destination: {} (or did you mean '{s}'?)",
                same.join(", ")
            ),
            _ => format!(
                "corridors declared with the same origin and destination: {}",
                same.join(", ")
            ),
        }
    }
    fn excused(&self, registry: &'static str, id: &str) -> bool {
        self.unreadable.contains(registry) || self.broken.contains(&(registry, id.to_string()))
    }
}

/// Loads and checks every file of `dir`.
pub fn check_dir(dir: &Path) -> Result<Checked, SchemaError> {
    let found = load::discover(dir).map_err(|source| SchemaError::Dir {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(check_discovered(dir, &found))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads and parses one control file; a failure becomes a diagnostic.
/// The error for a required control file `name` that `dir` lacks.
fn missing_file(dir: &Path, name: &str) -> Diagnostic {
    Diagnostic::error("missing-file", display(&dir.join(name)), 1, 1)
        .message(format!("{name} is missing from {}", dir.display()))
        .help(format!(
            "create {name}; `corridor new` and the README show its format"
        ))
}

fn read_control<T: serde::de::DeserializeOwned>(
    path: &Option<PathBuf>,
    dir: &Path,
    name: &str,
    required: bool,
    sink: &mut Sink,
) -> Option<(usize, T)> {
    let Some(path) = path else {
        if required {
            sink.done.push(missing_file(dir, name));
        }
        return None;
    };
    let shown = display(path);
    let text = match load::read_guarded(path, &shown) {
        Ok(t) => t,
        Err(d) => {
            sink.done.push(d);
            return None;
        }
    };
    let parsed = load::parse_file::<T>(&text, &shown);
    let idx = sink.add_file(shown, text);
    match parsed {
        Ok(v) => Some((idx, v)),
        Err(d) => {
            sink.done.push(d);
            None
        }
    }
}

/// Reads a registry leniently: its broken entries are reported and left
/// out, and still declare their ids in `names` (under `registry`, or under
/// the registry their list belongs to). A file that cannot be read at all
/// marks its registries unreadable.
fn read_registry<T: serde::de::DeserializeOwned>(
    path: &Option<PathBuf>,
    dir: &Path,
    name: &str,
    registries: &[(&str, &'static str)],
    names: &mut Names,
    sink: &mut Sink,
) -> Option<(usize, T)> {
    let unreadable = |names: &mut Names| {
        for (_, r) in registries {
            names.unreadable.insert(r);
        }
    };
    let Some(path) = path else {
        if name == "corridors.yaml" {
            unreadable(names);
            sink.done.push(missing_file(dir, name));
        }
        return None;
    };
    let shown = display(path);
    let text = match load::read_guarded(path, &shown) {
        Ok(t) => t,
        Err(d) => {
            unreadable(names);
            sink.done.push(d);
            return None;
        }
    };
    let got = load::parse_lenient::<T>(&text, &shown);
    let idx = sink.add_file(shown, text);
    sink.done.extend(got.diagnostics);
    for (list, id) in got.broken {
        if let Some((_, r)) = registries.iter().find(|(l, _)| *l == list) {
            names.broken.insert((r, id));
        }
    }
    if got.value.is_none() {
        unreadable(names);
    }
    got.value.map(|v| (idx, v))
}

/// An indicator file's text and what parsing it gave.
type ReadIndicator = (String, (Option<load::ParsedIndicator>, Vec<Diagnostic>));

fn check_discovered(dir: &Path, found: &Discovered) -> Checked {
    let mut sink = Sink {
        files: Vec::new(),
        pending: Vec::new(),
        done: Vec::new(),
    };
    let mut model = Model::default();
    let mut names = Names::default();
    let mut stats = Stats {
        files: found.all().count(),
        ..Stats::default()
    };

    sink.done.extend(found.problems.iter().cloned());
    // Control files first: everything else refers to them.
    let places = read_registry::<PlacesFile>(
        &found.places,
        dir,
        "places.yaml",
        &[("regions", "places"), ("places", "places")],
        &mut names,
        &mut sink,
    );
    if let Some((f, places)) = places {
        check_places(f, places, &mut model, &mut names, &mut sink);
    }
    if let Some((f, tax)) = read_registry::<TaxonomyFile>(
        &found.taxonomy,
        dir,
        "taxonomy.yaml",
        &[("tags", "tags"), ("units", "units")],
        &mut names,
        &mut sink,
    ) {
        let mut seen = HashMap::new();
        for (i, t) in tax.tags.into_iter().enumerate() {
            let p = format!("tags[{i}].id");
            if !is_slug(&t.id) {
                slug_err(&mut sink, f, &p, &t.id);
            }
            if let Some(first) = seen.insert(t.id.clone(), i) {
                let _ = first;
                sink.err(
                    f,
                    &p,
                    "duplicate-id",
                    format!("tag '{}' is declared twice", t.id),
                );
            }
            names.tags.insert(t.id.clone());
            model.tags.push(t);
        }
        units::declare_units(&mut sink, f, tax.units, &mut model, &mut names);
    }
    if let Some((f, rates)) =
        read_control::<RatesFile>(&found.rates, dir, "rates.yaml", false, &mut sink)
    {
        for (i, r) in rates.rates.into_iter().enumerate() {
            check_currency(&mut sink, f, &format!("rates[{i}].currency"), &r.currency);
            if !(r.per_usd.is_finite() && r.per_usd > 0.0) {
                sink.err(
                    f,
                    format!("rates[{i}].per_usd"),
                    "bad-number",
                    format!("rate {} must be a positive number", r.per_usd),
                );
            }
            check_period(&mut sink, f, &format!("rates[{i}].date"), &r.date.0);
            names.rated.insert(r.currency.clone());
            model.rates.push(Rate {
                currency: r.currency,
                per_usd: r.per_usd,
                date: r.date.0,
                citation: r.citation,
            });
        }
    }
    if let Some((f, cf)) = read_registry::<CorridorsFile>(
        &found.corridors,
        dir,
        "corridors.yaml",
        &[("corridors", "corridors"), ("movements", "corridors")],
        &mut names,
        &mut sink,
    ) {
        check_corridors(f, cf, &mut model, &mut names, &mut sink);
    }
    stats.corridors = model.corridors.len();

    for path in &found.countries {
        let opt = Some(path.clone());
        if let Some((f, c)) = read_control::<CountryFile>(&opt, dir, "", false, &mut sink) {
            check_country_file(f, path, &c, &mut sink);
            model.countries.push(c);
        }
    }
    model.countries.sort_by(|a, b| a.country.cmp(&b.country));
    stats.countries = model.countries.len();
    region::check(&found.region, dir, &names, &mut model, &mut sink); // region.yaml (hook)
    model.weightings = found
        .weightings
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap_or(p).display().to_string())
        .collect();
    // Weighting files are checked here for their shape and ranges; their
    // consistency ratio needs the eigenvector and is checked by the
    // commands that solve them (corridor-score has the linear algebra).
    // Their texts are searched for confidential identities with the rest.
    let mut weighting_texts: Vec<(String, String)> = Vec::new();
    // Two files with one `name` would be one column of the audit and one
    // choice of `--weighting`: the second is refused, at its `name:`.
    let mut weighting_names: HashMap<String, String> = HashMap::new();
    for path in &found.weightings {
        // Each file is read once: its text is searched for identities and
        // parsed, and the checked file is kept in the model for every
        // command that scores with it.
        let text = match load::read_guarded(path, &display(path)) {
            Ok(text) => text,
            Err(d) => {
                sink.done.push(d);
                continue;
            }
        };
        weighting_texts.push((display(path), text.clone()));
        match crate::weighting::parse(&text, &display(path)) {
            Ok(loaded) => {
                if let Some(first) = weighting_names.insert(loaded.file.name.clone(), display(path))
                {
                    let mut d = loaded
                        .diagnostic_at("name", "duplicate-name")
                        .message(format!(
                            "weighting name '{}' is already used by {first}",
                            loaded.file.name
                        ));
                    d.help = Some("give each weighting file its own `name:`".into());
                    sink.done.push(d);
                }
                sink.done.extend(loaded.warnings.iter().cloned());
                let rel = path.strip_prefix(dir).unwrap_or(path).display().to_string();
                model.weighting_files.insert(rel, loaded);
            }
            Err(ds) => sink.done.extend(ds),
        }
    }

    // Indicator files: read and parse in parallel, check in path order.
    let parsed: Vec<(String, Result<ReadIndicator, Diagnostic>)> = found
        .indicators
        .par_iter()
        .map(|path| {
            let shown = display(path);
            let res = load::read_guarded(path, &shown).map(|text| {
                let parsed = load::parse_indicator(&text, &shown);
                (text, parsed)
            });
            (shown, res)
        })
        .collect();

    let mut file_ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut finding_ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut repeats: Vec<links::RepeatRefs> = Vec::new();
    let mut sources: Vec<(SourceRecord, Vec<Finding>)> = Vec::new();
    for (shown, res) in parsed {
        let (text, parsed) = match res {
            Ok(x) => x,
            Err(d) => {
                sink.done.push(d);
                continue;
            }
        };
        let f = sink.add_file(shown.clone(), text);
        let (file, diags) = parsed;
        sink.done.extend(diags);
        if let Some(file) = file {
            let rec = check_indicator(
                f,
                &shown,
                file,
                &names,
                &mut file_ids,
                &mut finding_ids,
                &mut repeats,
                &mut sink,
            );
            sources.extend(rec);
        }
    }

    links::check_repeats(&repeats, &finding_ids, &mut sink);
    check_public_ids(&sources, &mut sink);
    for (shown, text) in weighting_texts {
        sink.add_file(shown, text);
    }
    mentions::check_mentions(&sources, &mut sink);

    // Sources sorted by id; findings renumbered to point at them.
    sources.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (i, (mut rec, findings)) in sources.into_iter().enumerate() {
        // Relative to the indicator directory, with `/`, so that outputs
        // naming the file are the same on every machine.
        if let Ok(rel) = Path::new(&rec.file).strip_prefix(dir) {
            rec.file = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
        }
        model.sources.push(rec);
        model.findings.extend(findings.into_iter().map(|mut fi| {
            fi.source = i;
            fi
        }));
    }
    let repeat_refs: HashMap<String, Vec<String>> =
        repeats.into_iter().map(|r| (r.id, r.refs)).collect();
    links::resolve_repeats(&mut model, &repeat_refs);
    stats.sources = model.sources.len();
    stats.findings = model.findings.len();
    stats.by_type = model.findings_by_type();
    stats.by_kind = model.findings_by_kind();
    let diagnostics = sink.finish();
    Checked {
        model,
        diagnostics,
        stats,
    }
}
