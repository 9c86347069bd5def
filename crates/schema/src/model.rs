//! The checked model: what every other crate reads.
//!
//! Unlike the file types, everything here is resolved: periods are spans of
//! months, corridor references are indices, citations are filled in from
//! the source, finding ids are final. Collections are sorted by id so that
//! no output depends on the order of files on disk.

use crate::files::{
    CountryFile, Fee, Leg, PlaceInput, Profile, Quantity, RegionInput, TagInput, UnitInput,
};
use crate::period::Period;
use crate::vocab::{
    Credibility, Dimension, FindingKind, Phenomenon, Reliability, SourceType, Strength, Trend,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything loaded from one indicator directory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Model {
    /// Corridors, sorted by id.
    pub corridors: Vec<Corridor>,
    /// Places, sorted by id.
    pub places: Vec<PlaceInput>,
    /// Regions, sorted by id.
    pub regions: Vec<RegionInput>,
    /// Modus operandi tags, in file order (the taxonomy's own order).
    pub tags: Vec<TagInput>,
    /// Units of counted things, in file order (taxonomy.yaml's `units:`).
    pub units: Vec<UnitInput>,
    /// Conversion rates to US dollars.
    pub rates: Vec<Rate>,
    /// Country files, sorted by code.
    pub countries: Vec<CountryFile>,
    /// The region file (`region.yaml`), if there is one.
    pub region: Option<crate::region::RegionFile>,
    /// One source per indicator file, sorted by file id.
    pub sources: Vec<SourceRecord>,
    /// All findings, sorted by source then position in the file.
    pub findings: Vec<Finding>,
    /// Movements, sorted by id.
    pub movements: Vec<Movement>,
    /// Weighting files found under `weightings/`, relative paths, sorted.
    pub weightings: Vec<String>,
    /// The weighting files that parsed and passed their checks, by
    /// relative path: read once with the model, so no command reads or
    /// checks them again.
    #[serde(skip)]
    pub weighting_files: std::collections::BTreeMap<String, crate::weighting::LoadedWeighting>,
}

/// A declared corridor.
#[derive(Debug, Clone, Serialize)]
pub struct Corridor {
    /// Stable slug.
    pub id: String,
    /// Origin: ISO3 or region id.
    pub origin: String,
    /// Transit countries or regions, in order.
    pub via: Vec<String>,
    /// Destination: ISO3 or region id.
    pub destination: String,
    /// Human label.
    pub label: String,
}

impl Corridor {
    /// Whether the corridor starts in, passes through or ends in `code`.
    pub fn touches(&self, code: &str) -> bool {
        self.origin == code || self.destination == code || self.via.iter().any(|v| v == code)
    }
}

/// A declared movement: corridors judged together (METHOD.md §1, §5).
#[derive(Debug, Clone, Serialize)]
pub struct Movement {
    /// Stable slug, unique across corridors and movements.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Indices into [`Model::corridors`], sorted and unique (at least two).
    pub corridors: Vec<usize>,
    /// Why these corridors are one pattern.
    pub note: Option<String>,
}

/// A currency rate to US dollars.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    /// ISO 4217 code.
    pub currency: String,
    /// Units of the currency per US dollar.
    pub per_usd: f64,
    /// The date it holds for, as written.
    pub date: String,
    /// Where it comes from.
    pub citation: String,
}

/// The source of one indicator file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRecord {
    /// The file's id.
    pub id: String,
    /// The file, relative to the indicator directory.
    pub file: String,
    /// Source type.
    pub kind: SourceType,
    /// Real name: never shown publicly when `confidential`.
    pub name: String,
    /// Public name, if given.
    pub public_name: Option<String>,
    /// Stable public alias of a confidential source.
    pub public_id: Option<String>,
    /// Citation for public outputs of a confidential source.
    pub public_citation: Option<String>,
    /// Words that identify a confidential source (internal only).
    pub identifying: Vec<String>,
    /// Whether the source asked not to be named.
    pub confidential: bool,
    /// Admiralty reliability.
    pub reliability: Reliability,
    /// Justification of the grade.
    pub grading_note: Option<String>,
    /// The source's citation.
    pub citation: Option<String>,
    /// Contact: internal only.
    pub contact: Option<String>,
    /// Reporting country, ISO3.
    pub country: String,
    /// What the findings are about.
    pub period: Period,
    /// When collected.
    pub collected: Option<Period>,
}

impl SourceRecord {
    /// The name safe to show in a public output.
    pub fn public_label(&self) -> &str {
        match (&self.public_name, self.confidential) {
            (Some(p), _) => p,
            (None, false) => &self.name,
            // Validation requires a public name for confidential sources;
            // this fallback never leaks the real one regardless.
            (None, true) => "confidential source",
        }
    }
}

/// One checked finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Final id (`<file id>#<n>` unless given).
    pub id: String,
    /// Index into [`Model::sources`].
    pub source: usize,
    /// The source's type, copied for speed.
    pub kind: SourceType,
    /// The source's reliability, copied for speed.
    pub reliability: Reliability,
    /// Indices into [`Model::corridors`], sorted and unique.
    pub corridors: Vec<usize>,
    /// What it speaks to.
    pub dimension: Dimension,
    /// observed, not_observed, unavailable, withheld.
    pub finding: FindingKind,
    /// What it is evidence of; present for observed and not_observed.
    pub phenomenon: Option<Phenomenon>,
    /// Indices into [`Model::findings`] of the findings it declares it
    /// repeats, sorted and unique.
    pub repeats: Vec<usize>,
    /// Its repeat set (METHOD.md §1): the index of the set's first finding
    /// in model order; a finding that repeats nothing and is repeated by
    /// nothing is its own set.
    pub repeat_set: usize,
    /// The direction the source reports.
    pub trend: Option<Trend>,
    /// Present for observed and not_observed.
    pub strength: Option<Strength>,
    /// Present for observed and not_observed.
    pub credibility: Option<Credibility>,
    /// The statement.
    pub text: String,
    /// The citation (own or the source's).
    pub citation: String,
    /// The period (own or the source's).
    pub period: Period,
    /// Justification of the credibility grade.
    pub grading_note: Option<String>,
    /// A count or estimate.
    pub quantity: Option<Quantity>,
    /// A price.
    pub fee: Option<Fee>,
    /// Route legs.
    pub route: Option<Vec<Leg>>,
    /// Modus operandi tags.
    pub tags: Vec<String>,
    /// Migrant profile.
    pub profile: Option<Profile>,
    /// 1-based position in the file's `findings` list.
    pub n: usize,
}

impl Model {
    /// The declared unit `id` (`persons`), if any.
    pub fn unit(&self, id: &str) -> Option<&UnitInput> {
        self.units.iter().find(|u| u.id == id)
    }

    /// Assigns every finding its repeat set from the `repeats` links: the
    /// connected components, each named by its first finding in model
    /// order (METHOD.md §1, "Repeats"). Call it after building or changing
    /// `findings` by hand; the loader calls it.
    pub fn link_repeats(&mut self) {
        let n = self.findings.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for i in 0..n {
            for k in 0..self.findings[i].repeats.len() {
                let j = self.findings[i].repeats[k];
                if j >= n {
                    continue;
                }
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                // The smaller index becomes the root, so a set is named by
                // its first finding whatever the order of the links.
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                parent[hi] = lo;
            }
        }
        for i in 0..n {
            self.findings[i].repeat_set = root(&mut parent, i);
        }
    }

    /// Index of the movement with `id`.
    pub fn movement(&self, id: &str) -> Option<usize> {
        self.movements
            .binary_search_by(|m| m.id.as_str().cmp(id))
            .ok()
    }

    /// Index of the corridor with `id`.
    pub fn corridor(&self, id: &str) -> Option<usize> {
        self.corridors
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
    }

    /// The source of a finding.
    pub fn source_of(&self, f: &Finding) -> &SourceRecord {
        &self.sources[f.source]
    }

    /// Number of findings per source type, in method order.
    pub fn findings_by_type(&self) -> BTreeMap<SourceType, usize> {
        let mut m: BTreeMap<SourceType, usize> = SourceType::ALL.iter().map(|t| (*t, 0)).collect();
        for f in &self.findings {
            *m.entry(f.kind).or_default() += 1;
        }
        m
    }

    /// Number of findings per finding kind.
    pub fn findings_by_kind(&self) -> BTreeMap<FindingKind, usize> {
        let mut m: BTreeMap<FindingKind, usize> =
            FindingKind::ALL.iter().map(|t| (*t, 0)).collect();
        for f in &self.findings {
            *m.entry(f.finding).or_default() += 1;
        }
        m
    }

    /// The name of a place id, region id or ISO3 code, for display.
    pub fn place_name(&self, code: &str) -> String {
        if let Ok(i) = self.places.binary_search_by(|p| p.id.as_str().cmp(code)) {
            return self.places[i].name.clone();
        }
        if let Ok(i) = self.regions.binary_search_by(|r| r.id.as_str().cmp(code)) {
            return self.regions[i].name.clone();
        }
        crate::codes::country_name(code).unwrap_or_else(|| code.to_string())
    }

    /// The country a place id, or ISO3 code, lies in.
    pub fn place_country<'a>(&'a self, code: &'a str) -> &'a str {
        match self.places.binary_search_by(|p| p.id.as_str().cmp(code)) {
            Ok(i) => &self.places[i].country,
            Err(_) => code,
        }
    }
}
