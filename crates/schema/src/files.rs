//! The shapes of the input files, exactly as an analyst writes them.
//!
//! Every struct denies unknown fields, so a typo is an error with a
//! suggestion rather than a silently ignored line. Values that need checking
//! beyond their shape (country codes, references, periods) are kept as
//! strings here and checked by `validate`, which can then name the line.

use crate::vocab::{
    Credibility, Dimension, FindingKind, Phenomenon, Reliability, SourceType, Strength, Trend,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One indicator file: one source and what it found. `F` is the finding
/// type; the loader reads the top level alone with `F = IgnoredAny` to
/// report its errors separately from the findings'.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile<F = FindingInput> {
    /// Unique id of the file, a lowercase slug (`kgz-avr-bangladesh`).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: String,
    /// Who or what the evidence comes from.
    pub source: Source,
    /// The reporting country: ISO 3166-1 alpha-3.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub country: String,
    /// The time the findings are about: `2004`, `2005-H1`, `2005-Q2`,
    /// `2005-04`, or a range `2004..2005-06`.
    pub period: PeriodText,
    /// When the evidence was collected (same syntax as `period`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected: Option<PeriodText>,
    /// Free notes for reviewers; never rendered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The findings of this source.
    pub findings: Vec<F>,
}

/// The source of an indicator file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// One of the eleven source types of METHOD.md §1.
    #[serde(rename = "type")]
    pub kind: SourceType,
    /// The source's name. For a confidential source this never reaches a
    /// public output.
    pub name: String,
    /// The name shown in public outputs; required when `confidential`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_name: Option<String>,
    /// The stable public alias of a confidential source (a slug, unique in
    /// the project, chosen by the analyst so that it never changes when
    /// other sources are added); required when `confidential`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub public_id: Option<String>,
    /// The citation shown in public outputs, naming no person; required
    /// when `confidential` (its `citation` is then internal only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_citation: Option<String>,
    /// The words that identify a confidential source on their own — a
    /// person's name and surname, a nickname, an office's street address:
    /// `check` refuses them, like its name and contact, in every text of
    /// every file. Required when `confidential` (`[]` when its name names
    /// no one), since only the analyst knows which part of a name is the
    /// person's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifying: Option<Vec<String>>,
    /// Whether the source asked not to be named.
    #[serde(default)]
    pub confidential: bool,
    /// Admiralty reliability, A–F.
    pub reliability: Reliability,
    /// One line justifying the reliability grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grading_note: Option<String>,
    /// Where the evidence is published: section, page, footnote, table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// How to reach the source; internal outputs only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// One finding as written in a file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingInput {
    /// Unique id; defaults to `<file id>#<n>` (n counts from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The corridor ids this finding speaks about (at least one).
    #[schemars(length(min = 1))]
    pub corridors: Vec<String>,
    /// What it speaks to.
    pub dimension: Dimension,
    /// observed, not_observed, unavailable or withheld.
    pub finding: FindingKind,
    /// What the finding is evidence of (METHOD.md §1); required for
    /// observed and not_observed findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phenomenon: Option<Phenomenon>,
    /// Ids of findings that report the same fact from the same record
    /// (METHOD.md §1, "Repeats"): the repeat set counts once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<String>,
    /// The direction the source reports; observed findings only. It
    /// changes no number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// weak, moderate or strong; required for observed and not_observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
    /// Admiralty credibility 1–6; required for observed and not_observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 6))]
    pub credibility: Option<Credibility>,
    /// One or two sentences in the project's own words.
    #[schemars(length(min = 1))]
    pub text: String,
    /// Overrides the source's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Overrides the file's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodText>,
    /// One line justifying the credibility grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grading_note: Option<String>,
    /// A count or estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// A price paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// The legs of a route, in travel order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Vec<Leg>>,
    /// Modus operandi tags from `taxonomy.yaml`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who the migrants are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
}

/// A count or an estimate (`value`, or a `min`/`max` range), or a share
/// (`percent`, with its base `n`): a share is never a rate or summed with
/// counts, so it takes no `per`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The number, when one is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub value: Option<f64>,
    /// Lower bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub min: Option<f64>,
    /// Upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max: Option<f64>,
    /// A share, in per cent (0 to 100): `percent: 34` for "34% of the
    /// respondents". Instead of `value`, `min` and `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub percent: Option<f64>,
    /// The base of a share: how many were asked or counted (`n: 120`), when
    /// the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub n: Option<u32>,
    /// What is counted (for a share: what the base consists of): a unit id
    /// declared under `units:` in taxonomy.yaml (`persons`, `cases`, ...).
    pub unit: String,
    /// The time a count covers: a year, a month, the finding's whole
    /// period (when absent), or one point in time (a stock, never turned
    /// into a rate). Never given on a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Per>,
    /// What exactly was counted, in a few words ("detained at the Kazakh-Kyrgyz border").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// A category label for breakdown tables (an AVR case status, a nationality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Where the number was counted: ISO3 code or place id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Quantity {
    /// The time a count covers, `per: period` when the file gives none.
    pub fn covers(&self) -> Per {
        self.per.unwrap_or_default()
    }

    /// Whether this is a share (`percent`) rather than a count.
    pub const fn is_share(&self) -> bool {
        self.percent.is_some()
    }
}

/// The time a quantity covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Per calendar year.
    Year,
    /// Per month.
    Month,
    /// Per week (52 to a year).
    Week,
    /// Per day (365 to a year).
    Day,
    /// Over the finding's whole period.
    #[default]
    Period,
    /// At one time: a stock (people present, permits valid, documents in
    /// circulation), which has no per-year rate.
    Point,
}

/// A price paid, with what it covered.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The price, when one is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub value: Option<f64>,
    /// Lower bound of a range or bracket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub min: Option<f64>,
    /// Upper bound of a range or bracket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max: Option<f64>,
    /// ISO 4217 currency code (USD, KZT, KGS, TJS, ...).
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: String,
    /// What the price bought.
    pub covers: FeeItem,
    /// How many respondents reported a price in this range (fee brackets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<u32>,
}

/// What a fee paid for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FeeItem {
    /// The whole trip, origin to destination.
    TotalTrip,
    /// The trip as far as one transit country.
    PartialTrip,
    /// Transport on one or more legs.
    Transport,
    /// A visa.
    Visa,
    /// An invitation letter or sponsorship.
    Invitation,
    /// Forged, falsified or borrowed documents.
    Documents,
    /// A bribe to an official.
    Bribe,
    /// Accommodation in transit.
    Accommodation,
    /// Being taken across a border.
    BorderCrossing,
    /// Registration with the authorities.
    Registration,
    /// Anything else; say what in the finding's text.
    Other,
}

/// One leg of a route: where it arrives and how.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    /// A place id from `places.yaml`, or an ISO3 country code.
    pub to: String,
    /// How the migrant travelled into this stop; absent on the first leg.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
}

/// Means of transport.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// By air.
    Air,
    /// By train.
    Rail,
    /// By road, vehicle unknown.
    Road,
    /// By taxi or private car.
    Taxi,
    /// Hidden in or riding a truck.
    Truck,
    /// By bus.
    Bus,
    /// On foot.
    Foot,
    /// By boat.
    Boat,
}

/// Who the migrants are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// male, female or mixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Youngest age reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_min: Option<u32>,
    /// Oldest age reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_max: Option<u32>,
    /// Highest level of schooling typical of the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    /// Country of origin, ISO3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Region or town of origin, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_area: Option<String>,
    /// Why they move, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motive: Option<String>,
}

/// Sex of the migrants described.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Men.
    Male,
    /// Women.
    Female,
    /// Both.
    Mixed,
}

/// Levels of schooling.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// No schooling.
    None,
    /// Elementary school.
    Primary,
    /// Secondary school.
    Secondary,
    /// Vocational training.
    Vocational,
    /// University.
    Higher,
    /// A mix of levels.
    Mixed,
}

/// `corridors.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorridorsFile {
    /// The declared corridors.
    pub corridors: Vec<CorridorInput>,
    /// Sets of corridors that are parts or variants of one pattern
    /// (METHOD.md §1, §5): scored from the union of their evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub movements: Vec<MovementInput>,
}

/// A declared movement: two or more corridors judged together.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MovementInput {
    /// Stable lowercase slug, unique across corridors and movements.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: String,
    /// A short human label.
    pub label: String,
    /// The corridor ids it joins (at least two).
    #[schemars(length(min = 2))]
    pub corridors: Vec<String>,
    /// Why these corridors are one pattern, with the study's section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A declared movement pattern.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorridorInput {
    /// Stable lowercase slug, e.g. `bgd-kgz-kaz-rus`.
    pub id: String,
    /// Country of origin (ISO3) or region id.
    pub origin: String,
    /// Transit countries or regions, in order.
    #[serde(default)]
    pub via: Vec<String>,
    /// Destination country (ISO3) or region id.
    pub destination: String,
    /// A short human label.
    pub label: String,
    /// Why the corridor is declared, for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `places.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    /// Named groups of countries ("Europe", "EU").
    #[serde(default)]
    pub regions: Vec<RegionInput>,
    /// Cities, checkpoints, stations, provinces.
    #[serde(default)]
    pub places: Vec<PlaceInput>,
}

/// A named group of countries.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionInput {
    /// Lowercase slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Member countries, ISO3.
    pub members: Vec<String>,
}

/// A named place.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    /// Lowercase slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The country it lies in, ISO3.
    pub country: String,
    /// What kind of place.
    pub kind: PlaceKind,
    /// Latitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Other spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Kinds of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// A border checkpoint.
    Checkpoint,
    /// A railway or bus station.
    Station,
    /// An airport.
    Airport,
    /// A province, oblast or district.
    Province,
    /// A stretch of border or a valley.
    Area,
}

/// `taxonomy.yaml`: the controlled vocabulary of modus operandi tags.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyFile {
    /// The tags.
    pub tags: Vec<TagInput>,
    /// The units a quantity may count in (`unit:` of a finding's
    /// `quantity`).
    #[serde(default)]
    pub units: Vec<UnitInput>,
}

/// A unit of counted things (`persons`, `cases`, `vehicles`, ...).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    /// Lowercase slug, as written in `quantity: {unit: ...}`.
    pub id: String,
    /// The plural as the reports print it ("persons", "border crossings").
    pub label: String,
    /// The singular, for a count of one ("person").
    pub singular: String,
    /// What the unit counts.
    pub description: String,
}

/// A modus operandi tag.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TagInput {
    /// Lowercase slug.
    pub id: String,
    /// Display label.
    pub label: String,
    /// What the tag means.
    pub description: String,
}

/// `rates.yaml`: currency conversion rates to US dollars.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatesFile {
    /// The rates.
    pub rates: Vec<RateInput>,
}

/// One conversion rate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateInput {
    /// ISO 4217 code.
    pub currency: String,
    /// Units of the currency per US dollar.
    pub per_usd: f64,
    /// The date the rate holds for (period syntax).
    pub date: PeriodText,
    /// Where the rate comes from.
    pub citation: String,
}

/// `countries/<ISO3>.yaml`: what a country chapter needs besides findings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountryFile {
    /// ISO3 code; must match the file name.
    pub country: String,
    /// Display name.
    pub name: String,
    /// Migration context, as short paragraphs.
    #[serde(default)]
    pub context: Vec<Cited>,
    /// Legislation, as short paragraphs.
    #[serde(default)]
    pub legislation: Vec<Cited>,
    /// How the vector approach was applied in the country.
    #[serde(default)]
    pub method: Vec<Cited>,
    /// National recommendations, as list items.
    #[serde(default)]
    pub recommendations: Vec<Cited>,
}

/// A paragraph or list item with its citation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    /// The text, in the project's own words.
    pub text: String,
    /// Where it comes from.
    pub citation: String,
}

/// A period as written: `2004`, `2005-H1`, `2005-Q2`, `2005-04` or a
/// range `2004..2005-06`. YAML reads a bare year as a number; both forms are
/// accepted, and `validate` parses the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PeriodText(pub String);

impl JsonSchema for PeriodText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A year (2004), half (2005-H1), quarter (2005-Q2), month (2005-04) or a range of those (2004..2005-06).",
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?(\.\.\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2100}
            ]
        })
    }
}
