//! Loading a whole indicator directory: read, parse, check every rule,
//! and build the [`Model`].
//!
//! Every problem of every file is collected — a bad file never stops the
//! others from being checked. Rules record the YAML path of what they
//! object to; positions are looked up afterwards, and only in files that
//! have a problem (see `locate`).

use crate::codes;
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::files::{CorridorsFile, CountryFile, FindingInput, PlacesFile, RatesFile, TaxonomyFile};
use crate::load::{self, Discovered};
use crate::locate::PosIndex;
use crate::model::{Corridor, Finding, Model, Rate, SourceRecord};
use crate::period::Period;
use crate::vocab::{FindingKind, Phenomenon, SourceType};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

mod links;
mod mentions;
mod quantity;
mod refs;
mod region;
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

/// A problem whose position is not known yet: its file and YAML path.
struct Pending {
    file: usize,
    path: String,
    at_key: bool,
    diag: Diagnostic,
}

/// Collects problems for one run.
struct Sink {
    files: Vec<(String, String)>,
    pending: Vec<Pending>,
    done: Vec<Diagnostic>,
}

impl Sink {
    fn add_file(&mut self, display: String, text: String) -> usize {
        self.files.push((display, text));
        self.files.len() - 1
    }
    fn err(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            false,
            Diagnostic::error(code, "", 0, 0).message(msg),
        )
    }
    fn key_err(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            true,
            Diagnostic::error(code, "", 0, 0).message(msg),
        )
    }
    fn warn(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            false,
            Diagnostic::error(code, "", 0, 0).message(msg).warning(),
        )
    }
    fn push(
        &mut self,
        file: usize,
        path: String,
        at_key: bool,
        diag: Diagnostic,
    ) -> &mut Diagnostic {
        self.pending.push(Pending {
            file,
            path,
            at_key,
            diag,
        });
        &mut self.pending.last_mut().expect("just pushed").diag
    }

    /// Looks up every pending position, building one index per file that
    /// has problems, in parallel.
    fn finish(self) -> Vec<Diagnostic> {
        let Sink {
            files,
            pending,
            mut done,
        } = self;
        let mut by_file: BTreeMap<usize, Vec<Pending>> = BTreeMap::new();
        for p in pending {
            by_file.entry(p.file).or_default().push(p);
        }
        let located: Vec<Vec<Diagnostic>> = by_file
            .into_par_iter()
            .map(|(file, ps)| {
                let (display, text) = &files[file];
                let index = PosIndex::build(text);
                ps.into_iter()
                    .map(|p| {
                        let pos = if p.at_key {
                            index.key_pos(&p.path)
                        } else {
                            index.value_pos(&p.path)
                        };
                        Diagnostic {
                            file: display.clone(),
                            line: pos.line,
                            column: pos.column,
                            ..p.diag
                        }
                    })
                    .collect()
            })
            .collect();
        done.extend(located.into_iter().flatten());
        // Each diagnostic shows the line it points at.
        let texts: HashMap<&str, &str> = files
            .iter()
            .map(|(d, t)| (d.as_str(), t.as_str()))
            .collect();
        let mut by_name: BTreeMap<String, Vec<&mut Diagnostic>> = BTreeMap::new();
        for d in &mut done {
            by_name.entry(d.file.clone()).or_default().push(d);
        }
        for (name, diags) in by_name {
            if let Some(text) = texts.get(name.as_str()) {
                crate::diag::attach_snippets(diags, text);
            }
        }
        done.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        done.dedup();
        done
    }
}

fn help(d: &mut Diagnostic, h: impl Into<String>) {
    d.help = Some(h.into());
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
fn read_control<T: serde::de::DeserializeOwned>(
    path: &Option<PathBuf>,
    dir: &Path,
    name: &str,
    required: bool,
    sink: &mut Sink,
) -> Option<(usize, T)> {
    let Some(path) = path else {
        if required {
            sink.done.push(
                Diagnostic::error("missing-file", display(&dir.join(name)), 1, 1)
                    .message(format!("{name} is missing from {}", dir.display()))
                    .help(format!(
                        "create {name}; `corridor new` and the README show its format"
                    )),
            );
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
            sink.done.push(
                Diagnostic::error("missing-file", display(&dir.join(name)), 1, 1)
                    .message(format!("{name} is missing from {}", dir.display()))
                    .help(format!(
                        "create {name}; `corridor new` and the README show its format"
                    )),
            );
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

fn slug_err(sink: &mut Sink, f: usize, path: &str, id: &str) {
    if id.len() > MAX_ID_BYTES {
        let d = sink.err(
            f,
            path,
            "id-too-long",
            format!(
                "id is {} bytes long, more than the limit of {MAX_ID_BYTES}",
                id.len()
            ),
        );
        help(
            d,
            "shorten it: ids become file names (charts/vector-<id>.svg), which most systems cap at 255 bytes",
        );
        return;
    }
    let d = sink.err(
        f,
        path,
        "bad-id",
        format!("id '{id}' is not a lowercase slug"),
    );
    help(
        d,
        format!(
            "use lowercase letters, digits and '-', e.g. '{}'",
            slugify(id)
        ),
    );
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn check_country_code(sink: &mut Sink, f: usize, path: &str, code: &str) -> bool {
    if codes::is_country(code) {
        return true;
    }
    let d = sink.err(
        f,
        path,
        "unknown-country",
        format!("'{code}' is not an ISO 3166-1 alpha-3 country code"),
    );
    match codes::suggest_country(code) {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(d, "use the three-letter code, e.g. KAZ, KGZ, TJK, BGD"),
    }
    false
}

fn check_currency(sink: &mut Sink, f: usize, path: &str, code: &str) {
    if !codes::is_currency(code) {
        let d = sink.err(
            f,
            path,
            "unknown-currency",
            format!("'{code}' is not an ISO 4217 currency code"),
        );
        help(
            d,
            "use the three-letter code, e.g. USD, EUR, KZT, KGS, TJS, RUB",
        );
    }
}

fn check_period(sink: &mut Sink, f: usize, path: &str, s: &str) -> Option<Period> {
    match s.parse::<Period>() {
        Ok(p) => Some(p),
        Err(e) => {
            let d = sink.err(f, path, "bad-period", e.to_string());
            help(
                d,
                "examples: 2004, 2005-H1, 2005-Q2, 2005-04, 2004..2005-06",
            );
            None
        }
    }
}

fn check_places(
    f: usize,
    places: PlacesFile,
    model: &mut Model,
    names: &mut Names,
    sink: &mut Sink,
) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, r) in places.regions.into_iter().enumerate() {
        let p = format!("regions[{i}]");
        if !is_slug(&r.id) {
            slug_err(sink, f, &format!("{p}.id"), &r.id);
        }
        if seen.insert(r.id.clone(), p.clone()).is_some() {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("id '{}' is declared twice in places.yaml", r.id),
            );
        }
        // A region may have no members: it then names an origin or
        // destination that the sources do not state (`unstated`).
        for (j, m) in r.members.iter().enumerate() {
            check_country_code(sink, f, &format!("{p}.members[{j}]"), m);
        }
        names.regions.insert(r.id.clone());
        model.regions.push(r);
    }
    for (i, pl) in places.places.into_iter().enumerate() {
        let p = format!("places[{i}]");
        if !is_slug(&pl.id) {
            slug_err(sink, f, &format!("{p}.id"), &pl.id);
        }
        if seen.insert(pl.id.clone(), p.clone()).is_some() {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("id '{}' is declared twice in places.yaml", pl.id),
            );
        }
        if codes::is_country(&pl.id.to_ascii_uppercase()) && pl.id.len() == 3 {
            sink.warn(
                f,
                format!("{p}.id"),
                "ambiguous-id",
                format!("place id '{}' reads like a country code", pl.id),
            );
        }
        check_country_code(sink, f, &format!("{p}.country"), &pl.country);
        if let Some(lat) = pl.lat
            && !(-90.0..=90.0).contains(&lat)
        {
            sink.err(
                f,
                format!("{p}.lat"),
                "bad-number",
                format!("latitude {lat} is outside -90..90"),
            );
        }
        if let Some(lon) = pl.lon
            && !(-180.0..=180.0).contains(&lon)
        {
            sink.err(
                f,
                format!("{p}.lon"),
                "bad-number",
                format!("longitude {lon} is outside -180..180"),
            );
        }
        names.places.insert(pl.id.clone());
        model.places.push(pl);
    }
    model.places.sort_by(|a, b| a.id.cmp(&b.id));
    model.regions.sort_by(|a, b| a.id.cmp(&b.id));
}

fn check_corridors(
    f: usize,
    cf: CorridorsFile,
    model: &mut Model,
    names: &mut Names,
    sink: &mut Sink,
) {
    let mut seen = HashSet::new();
    let CorridorsFile {
        corridors,
        movements,
    } = cf;
    for (i, c) in corridors.into_iter().enumerate() {
        let p = format!("corridors[{i}]");
        if !is_slug(&c.id) {
            slug_err(sink, f, &format!("{p}.id"), &c.id);
        }
        if !seen.insert(c.id.clone()) {
            sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("corridor '{}' is declared twice", c.id),
            );
            continue;
        }
        let ends = [("origin", &c.origin), ("destination", &c.destination)];
        for (field, v) in ends {
            check_endpoint(sink, f, &format!("{p}.{field}"), v, names);
        }
        for (j, v) in c.via.iter().enumerate() {
            check_endpoint(sink, f, &format!("{p}.via[{j}]"), v, names);
        }
        if c.label.trim().is_empty() {
            sink.err(
                f,
                format!("{p}.label"),
                "empty-text",
                "label is empty".into(),
            );
        }
        model.corridors.push(Corridor {
            id: c.id,
            origin: c.origin,
            via: c.via,
            destination: c.destination,
            label: c.label,
        });
    }
    model.corridors.sort_by(|a, b| a.id.cmp(&b.id));
    names.ends = model
        .corridors
        .iter()
        .map(|c| {
            let ends = (c.origin.to_lowercase(), c.destination.to_lowercase());
            (c.id.clone(), ends)
        })
        .collect();
    names.corridors = model
        .corridors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    links::check_movements(f, movements, model, names, sink);
}

use std::collections::HashSet;

fn check_endpoint(sink: &mut Sink, f: usize, path: &str, v: &str, names: &Names) {
    if names.is_region_or_country(v) || names.excused("places", v) {
        return;
    }
    let d = sink.err(
        f,
        path,
        "unknown-country",
        format!("'{v}' is neither an ISO 3166-1 alpha-3 code nor a region declared in places.yaml"),
    );
    match codes::suggest_country(v)
        .or_else(|| did_you_mean(v, names.regions.iter().map(String::as_str)).map(String::from))
    {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(
            d,
            "use a country code such as KGZ, or declare the region under 'regions:' in places.yaml",
        ),
    }
}

fn check_country_file(f: usize, path: &Path, c: &CountryFile, sink: &mut Sink) {
    if check_country_code(sink, f, "country", &c.country) {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != c.country {
            let d = sink.err(
                f,
                "country",
                "file-name",
                format!(
                    "country '{}' does not match the file name '{stem}'",
                    c.country
                ),
            );
            help(
                d,
                format!("rename the file to countries/{}.yaml", c.country),
            );
        }
    }
    let sections = [
        ("context", &c.context),
        ("legislation", &c.legislation),
        ("method", &c.method),
        ("recommendations", &c.recommendations),
    ];
    for (name, items) in sections {
        for (i, item) in items.iter().enumerate() {
            if item.text.trim().is_empty() {
                sink.err(
                    f,
                    format!("{name}[{i}].text"),
                    "empty-text",
                    "text is empty".into(),
                );
            }
            if item.citation.trim().is_empty() {
                let d = sink.err(
                    f,
                    format!("{name}[{i}].citation"),
                    "missing-citation",
                    "citation is empty".into(),
                );
                help(
                    d,
                    "name the section, page or footnote the statement comes from",
                );
            }
        }
    }
}

/// The top-level rules of an indicator file: id, source, country, period.
/// Returns the file's period and collection period when they parse.
fn check_header(
    f: usize,
    shown: &str,
    file: &load::PartialIndicator,
    file_ids: &mut HashMap<String, (String, usize)>,
    sink: &mut Sink,
) -> (Option<Period>, Option<Period>) {
    if !is_slug(&file.id) {
        slug_err(sink, f, "id", &file.id);
    }
    if let Some((other, _)) = file_ids.get(&file.id) {
        let d = sink.err(
            f,
            "id",
            "duplicate-id",
            format!("file id '{}' is already used by {other}", file.id),
        );
        help(d, "give each indicator file its own id");
    } else {
        file_ids.insert(file.id.clone(), (shown.to_string(), f));
    }
    let src = &file.source;
    if src.name.trim().is_empty() {
        sink.err(
            f,
            "source.name",
            "empty-text",
            "source name is empty".into(),
        );
    }
    if src.confidential {
        check_confidential(f, src, sink);
    } else if let Some(field) = [
        ("public_id", src.public_id.is_some()),
        ("public_citation", src.public_citation.is_some()),
        ("identifying", !src.identifying.is_empty()),
    ]
    .iter()
    .find(|x| x.1)
    {
        let d = sink.key_err(
            f,
            format!("source.{}", field.0),
            "not-confidential",
            format!("`{}` is only for a confidential source", field.0),
        );
        help(
            d,
            "remove it, or add `confidential: true` if the source must not be named",
        );
    }
    check_country_code(sink, f, "country", &file.country);
    let period = check_period(sink, f, "period", &file.period.0);
    let collected = file
        .collected
        .as_ref()
        .and_then(|c| check_period(sink, f, "collected", &c.0));
    (period, collected)
}

/// Checks one indicator file and turns it into a source and its findings.
#[allow(clippy::too_many_arguments)]
fn check_indicator(
    f: usize,
    shown: &str,
    parsed: load::ParsedIndicator,
    names: &Names,
    file_ids: &mut HashMap<String, (String, usize)>,
    finding_ids: &mut HashMap<String, (String, usize)>,
    repeats: &mut Vec<links::RepeatRefs>,
    sink: &mut Sink,
) -> Option<(SourceRecord, Vec<Finding>)> {
    let source_known = parsed.source_known;
    let file = parsed.file;
    // A top level that did not parse has its diagnostic already; its
    // findings are still checked, but make no source.
    let (period, collected) = if parsed.header_ok {
        check_header(f, shown, &file, file_ids, sink)
    } else {
        (None, None)
    };
    if parsed.header_ok && file.findings.is_empty() {
        sink.warn(
            f,
            "findings",
            "no-findings",
            "the file has no findings".into(),
        );
    }
    let src = &file.source;
    let mut findings = Vec::new();
    for (i, cs) in &parsed.broken_corridors {
        refs::corridor_refs(sink, f, &format!("findings[{i}]"), cs, names);
    }
    for (i, fi) in file.findings.into_iter().enumerate() {
        // A finding that did not parse has its diagnostic already.
        let Some(fi) = fi else { continue };
        let p = format!("findings[{i}]");
        let id = fi
            .id
            .clone()
            .unwrap_or_else(|| format!("{}#{}", file.id, i + 1));
        if let Some(own) = &fi.id
            && !is_slug(own)
        {
            slug_err(sink, f, &format!("{p}.id"), own);
        }
        if let Some((other, _)) = finding_ids.get(&id) {
            let d = sink.err(
                f,
                format!("{p}.id"),
                "duplicate-id",
                format!("finding id '{id}' is already used in {other}"),
            );
            help(
                d,
                "give each finding its own id, or leave `id` out to get '<file id>#<n>'",
            );
        } else {
            finding_ids.insert(id.clone(), (shown.to_string(), f));
        }
        let cited = src.citation.is_some() || !source_known;
        let ok = check_finding(f, &p, &fi, cited, names, sink);
        if !fi.repeats.is_empty() {
            repeats.push(links::RepeatRefs {
                file: f,
                path: p.clone(),
                id: id.clone(),
                refs: fi.repeats.clone(),
            });
        }
        let fperiod = match &fi.period {
            Some(s) => check_period(sink, f, &format!("{p}.period"), &s.0),
            None => period.clone(),
        };
        let (Some(corridors), Some(fperiod)) = (ok, fperiod) else {
            continue;
        };
        findings.push(Finding {
            id,
            source: 0,
            kind: src.kind,
            reliability: src.reliability,
            corridors,
            dimension: fi.dimension,
            finding: fi.finding,
            phenomenon: fi.phenomenon,
            repeats: Vec::new(),
            repeat_set: 0,
            trend: fi.trend,
            strength: fi.strength,
            credibility: fi.credibility,
            text: fi.text,
            citation: fi
                .citation
                .or_else(|| src.citation.clone())
                .unwrap_or_default(),
            period: fperiod,
            grading_note: fi.grading_note,
            quantity: fi.quantity,
            fee: fi.fee,
            route: fi.route,
            tags: fi.tags,
            profile: fi.profile,
            n: i + 1,
        });
    }
    let period = period?;
    let s = file.source;
    Some((
        SourceRecord {
            id: file.id,
            file: shown.to_string(),
            kind: s.kind,
            name: s.name,
            public_name: s.public_name,
            public_id: s.public_id,
            public_citation: s.public_citation,
            identifying: s.identifying,
            confidential: s.confidential,
            reliability: s.reliability,
            grading_note: s.grading_note,
            citation: s.citation,
            contact: s.contact,
            country: file.country,
            period,
            collected,
        },
        findings,
    ))
}

fn check_range(
    sink: &mut Sink,
    f: usize,
    p: &str,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
) {
    for (name, v) in [("value", value), ("min", min), ("max", max)] {
        if let Some(v) = v
            && (!v.is_finite() || v < 0.0)
        {
            let d = sink.err(
                f,
                format!("{p}.{name}"),
                "negative-number",
                format!("{name} {v} must be a non-negative number"),
            );
            help(
                d,
                "counts and prices are never negative; for a decrease, describe it in the text",
            );
        }
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        let d = sink.err(
            f,
            format!("{p}.min"),
            "min-above-max",
            format!("min {lo} is greater than max {hi}"),
        );
        help(d, "swap min and max");
    }
    if value.is_none() && min.is_none() && max.is_none() {
        let d = sink.err(f, p, "empty-quantity", "no number given".into());
        help(d, "give `value:`, or `min:` and/or `max:`");
    }
}

/// Checks one finding; returns its resolved corridor indices when they all
/// resolve.
fn check_finding(
    f: usize,
    p: &str,
    fi: &FindingInput,
    source_cited: bool,
    names: &Names,
    sink: &mut Sink,
) -> Option<Vec<usize>> {
    let mut idx = Vec::new();
    let mut ok = true;
    if fi.corridors.is_empty() {
        let d = sink.err(
            f,
            format!("{p}.corridors"),
            "empty-list",
            "a finding needs at least one corridor".into(),
        );
        help(
            d,
            "list the corridor ids from corridors.yaml it speaks about",
        );
        ok = false;
    }
    let (found, all) = refs::corridor_refs(sink, f, p, &fi.corridors, names);
    idx.extend(found);
    ok &= all;
    idx.sort_unstable();
    idx.dedup();
    check_phenomenon(f, p, fi, sink);
    if fi.finding.is_evidence() {
        if fi.strength.is_none() {
            let d = sink.err(
                f,
                p,
                "missing-grade",
                format!("{} finding needs `strength`", with_article(fi.finding)),
            );
            help(
                d,
                "add `strength: weak`, `moderate` or `strong` (METHOD.md §2)",
            );
        }
        if fi.credibility.is_none() {
            let d = sink.err(
                f,
                p,
                "missing-grade",
                format!("{} finding needs `credibility`", with_article(fi.finding)),
            );
            help(
                d,
                "add `credibility:` 1 (confirmed) to 6 (cannot be judged)",
            );
        }
    } else if fi.strength.is_some() {
        sink.warn(
            f,
            format!("{p}.strength"),
            "ignored-grade",
            format!("strength is ignored for a {} finding", fi.finding),
        );
    }
    if let Some(c) = fi.credibility
        && !(1..=6).contains(&c)
    {
        let d = sink.err(
            f,
            format!("{p}.credibility"),
            "bad-credibility",
            format!("credibility {c} is outside 1–6"),
        );
        help(
            d,
            "1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged",
        );
    }
    if fi.text.trim().is_empty() {
        sink.err(f, format!("{p}.text"), "empty-text", "text is empty".into());
    }
    if !source_cited && fi.citation.as_deref().is_none_or(|c| c.trim().is_empty()) {
        let d = sink.err(
            f,
            p,
            "missing-citation",
            "the finding has no citation, and neither has its source".into(),
        );
        help(
            d,
            "add `citation:` to the finding or to `source:` (section, page, footnote)",
        );
    }
    if let Some(q) = &fi.quantity {
        quantity::check_quantity(sink, f, p, q, names);
    }
    if let Some(fee) = &fi.fee {
        check_range(sink, f, &format!("{p}.fee"), fee.value, fee.min, fee.max);
        check_currency(sink, f, &format!("{p}.fee.currency"), &fee.currency);
        if fee.currency != "USD"
            && codes::is_currency(&fee.currency)
            && !names.rated.contains(&fee.currency)
        {
            let d = sink.warn(
                f,
                format!("{p}.fee.currency"),
                "no-rate",
                format!(
                    "no rate for {} in rates.yaml: the fee cannot be shown in US dollars",
                    fee.currency
                ),
            );
            help(d, "add the rate to rates.yaml with its date and citation");
        }
    }
    if let Some(route) = &fi.route {
        if route.len() < 2 {
            let d = sink.err(
                f,
                format!("{p}.route"),
                "short-route",
                "a route needs at least two legs".into(),
            );
            help(d, "list where the trip starts and each stop after it");
        }
        for (j, leg) in route.iter().enumerate() {
            if !names.is_place_or_country(&leg.to) && !names.excused("places", &leg.to) {
                unknown_place(sink, f, &format!("{p}.route[{j}].to"), &leg.to, names);
            }
        }
    }
    for (j, t) in fi.tags.iter().enumerate() {
        if !names.tags.contains(t) && !names.excused("tags", t) {
            let d = sink.err(
                f,
                format!("{p}.tags[{j}]"),
                "unknown-tag",
                format!("tag '{t}' is not in taxonomy.yaml"),
            );
            match did_you_mean(t, names.tags.iter().map(String::as_str)) {
                Some(s) => help(d, format!("did you mean '{s}'?")),
                None => help(
                    d,
                    "add it to taxonomy.yaml with a label and description, or use an existing tag",
                ),
            }
        }
    }
    if let Some(pr) = &fi.profile {
        if let Some(o) = &pr.origin {
            check_country_code(sink, f, &format!("{p}.profile.origin"), o);
        }
        if let (Some(lo), Some(hi)) = (pr.age_min, pr.age_max)
            && lo > hi
        {
            let d = sink.err(
                f,
                format!("{p}.profile.age_min"),
                "min-above-max",
                format!("age_min {lo} is greater than age_max {hi}"),
            );
            help(d, "swap age_min and age_max");
        }
    }
    ok.then_some(idx)
}

fn unknown_place(sink: &mut Sink, f: usize, path: &str, v: &str, names: &Names) {
    let d = sink.err(
        f,
        path,
        "unknown-place",
        format!("'{v}' is neither a place id from places.yaml nor an ISO3 country code"),
    );
    match did_you_mean(v, names.places.iter().map(String::as_str))
        .map(String::from)
        .or_else(|| codes::suggest_country(v))
    {
        Some(s) => help(d, format!("did you mean '{s}'?")),
        None => help(
            d,
            "declare the place under 'places:' in places.yaml, or use a country code",
        ),
    }
}

impl Severity {
    /// The word printed for it.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The phenomenon and trend of a finding (METHOD.md §1): a phenomenon on
/// every observed and not_observed finding, a trend only on observed ones.
fn check_phenomenon(f: usize, p: &str, fi: &FindingInput, sink: &mut Sink) {
    if fi.finding.is_evidence() && fi.phenomenon.is_none() {
        let d = sink.err(
            f,
            p,
            "missing-phenomenon",
            format!("{} finding needs `phenomenon`", with_article(fi.finding)),
        );
        help(
            d,
            format!(
                "add `phenomenon:` one of {} (METHOD.md §1; the README says how to choose)",
                Phenomenon::keys()
            ),
        );
    }
    if fi.trend.is_some() && fi.finding != FindingKind::Observed {
        let d = sink.key_err(
            f,
            format!("{p}.trend"),
            "trend-not-observed",
            format!(
                "`trend` is for observed findings; this one is {}",
                fi.finding.key()
            ),
        );
        help(
            d,
            "remove `trend`, or make the finding `observed` if the source reports the phenomenon",
        );
    }
}

/// A confidential source's public identity: a public name that differs
/// from its name, a stable public id and a public citation.
fn check_confidential(f: usize, src: &crate::files::Source, sink: &mut Sink) {
    if let Some(public) = &src.public_name
        && crate::text::fold(public) == crate::text::fold(&src.name)
    {
        let d = sink.err(
            f,
            "source.public_name",
            "public-name-is-name",
            "the public name of a confidential source is its real name".into(),
        );
        help(
            d,
            "describe the source without naming it, e.g. `public_name: \"a border service official\"`",
        );
    }
    let missing: Vec<&str> = [
        ("public_name", src.public_name.as_deref()),
        ("public_id", src.public_id.as_deref()),
        ("public_citation", src.public_citation.as_deref()),
    ]
    .iter()
    .filter(|(_, v)| v.is_none_or(|v| v.trim().is_empty()))
    .map(|(k, _)| *k)
    .collect();
    if !missing.is_empty() {
        // One diagnostic for the whole public identity: one mistake, one error.
        let d = sink.key_err(
            f,
            "source.confidential",
            "missing-public-identity",
            format!("a confidential source needs {}", join_and(&missing)),
        );
        help(
            d,
            "public outputs show only these: e.g. `public_name: \"a border service official\"`, `public_id: kgz-border-official-a` (a stable alias, never changed), `public_citation: \"Interview with a border official, 2005\"`; `citation` and `contact` stay internal",
        );
    }
    if let Some(id) = &src.public_id
        && !is_slug(id)
    {
        slug_err(sink, f, "source.public_id", id);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => format!(
            "{} and `{last}`",
            init.iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Public ids are unique across sources and never equal to a file id of
/// another source.
fn check_public_ids(sources: &[(SourceRecord, Vec<Finding>)], sink: &mut Sink) {
    let files: HashSet<&str> = sources.iter().map(|s| s.0.id.as_str()).collect();
    let index: HashMap<String, usize> = sink
        .files
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.clone(), i))
        .collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (rec, _) in sources {
        let Some(pid) = rec.public_id.as_deref() else {
            continue;
        };
        let Some(&f) = index.get(&rec.file) else {
            continue;
        };
        if let Some(other) = seen.insert(pid, rec.file.as_str()) {
            let d = sink.err(
                f,
                "source.public_id",
                "duplicate-id",
                format!("public_id '{pid}' is already used by {other}"),
            );
            help(d, "give each confidential source its own public_id");
        } else if files.contains(pid) && pid != rec.id {
            let d = sink.err(
                f,
                "source.public_id",
                "duplicate-id",
                format!("public_id '{pid}' is the file id of another source"),
            );
            help(d, "choose a public_id that no file uses as its id");
        }
    }
}

/// "an observed", "a not_observed": the article that goes with the kind.
fn with_article(kind: FindingKind) -> String {
    let key = kind.key();
    let an = key.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {key}", if an { "an" } else { "a" })
}
