//! The view structs: the only values the templates ever see.
//!
//! They are made for the templates, not for the schema: every text is
//! already redacted for the audience, every number is already formatted
//! (see `fmt`), every list is already in its final order, and every chart
//! is already laid out. Templates therefore contain no logic beyond loops
//! and conditions, an overriding template cannot leak a confidential name
//! that its view does not hold, and the output does not depend on tera's
//! number formatting. README.md (section "Reports") documents these fields as the
//! context of each template.

use serde::Serialize;

mod region; // the regional chapter of the overview (hook)
pub use region::*; // (hook)

/// What every page shows besides its content: title, audience banner,
/// navigation and the weighting the scores were computed with.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The page title.
    pub title: String,
    /// The title as a CSS string body for the printed running header:
    /// every character but letters, digits and spaces as a CSS escape, so
    /// it can be printed `safe` inside a style sheet.
    pub css_title: String,
    /// `public` or `internal`.
    pub audience: &'static str,
    /// Whether the page is for internal use (names and contacts shown).
    pub internal: bool,
    /// The banner shown at the top of every internal page; empty for public.
    pub banner: String,
    /// The stem of this page's file (`index`, `overview`, `KGZ`).
    pub stem: String,
    /// Links to every page of the report, in navigation order.
    pub nav: Vec<Link>,
    /// The method the scores follow, e.g. `METHOD.md version 1`.
    pub method: String,
    /// How the source types were weighted, in words.
    pub weighting: String,
    /// Triangulation threshold θ, formatted (used by the methods annex
    /// only: the other pages say "strong evidence" in words).
    pub theta: String,
    /// Whether the menu links the audit document, per format.
    pub audit_md: bool,
    /// See `audit_md`.
    pub audit_html: bool,
}

/// The summary box at the top of a chapter and of the overview: sentences
/// built from the numbers in `summary.rs`, never typed in.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Whether the evidence is thin (no movement or corridor of the page is
    /// confirmed by two independent groups of sources).
    pub thin: bool,
    /// The opening sentence (says so when the evidence is thin).
    pub lead: String,
    /// The strongest movements and corridors, one sentence each.
    pub strongest: Vec<String>,
    /// What the evidence does not show.
    pub not_shown: Vec<String>,
    /// The main gaps.
    pub gaps: Vec<String>,
}

/// Where a rank may fall when the weights vary (the audit, 5–95 %).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RankInterval {
    /// The best rank in the interval.
    pub low: usize,
    /// The worst rank in the interval.
    pub high: usize,
}

/// A link to another page of the report: templates add `.md` or `.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// File stem (`KGZ`, `overview`, `index`, `audit`).
    pub stem: String,
    /// The link text.
    pub label: String,
    /// Whether the link points to the current page.
    pub current: bool,
}

/// One numbered footnote: the source of a statement.
#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    /// The footnote number, from 1, in order of first use on the page.
    pub n: usize,
    /// The source as the audience may see it: its public name when it is
    /// confidential and the audience is public.
    pub source: String,
    /// The source type's label (`AVR cases`); empty for country-file text.
    pub source_type: String,
    /// Where the statement is published.
    pub citation: String,
    /// The Admiralty grade, e.g. `B2`; empty for country-file text.
    pub grade: String,
    /// The finding's id; empty for country-file text.
    pub finding: String,
    /// The finding's period; empty for country-file text.
    pub period: String,
    /// Whether the source is confidential (shown to internal readers).
    pub confidential: bool,
    /// Internal only: the public name of a confidential source.
    pub public_name: String,
    /// Internal only: the source's contact.
    pub contact: String,
    /// Internal only: the indicator file.
    pub file: String,
    /// The number of its source in the chapter's source list; 0 for
    /// country-notes text (which has no source entry).
    pub source_n: usize,
    /// What the finding's citation adds to its source's (a section or
    /// paragraph), or empty.
    pub detail: String,
}

/// One source of a chapter's source list, listed once with every note
/// that cites it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    /// Its number, from 1, in order of first citation.
    pub n: usize,
    /// The source as the audience may see it.
    pub label: String,
    /// The source type's label.
    pub source_type: String,
    /// The source's citation (its public citation for a confidential
    /// source and a public audience).
    pub citation: String,
    /// Whether the source is confidential (shown to internal readers).
    pub confidential: bool,
    /// Internal only: the public name of a confidential source.
    pub public_name: String,
    /// Internal only: the source's contact.
    pub contact: String,
    /// Internal only: the indicator file.
    pub file: String,
    /// The notes citing it, in order.
    pub notes: Vec<NoteRef>,
}

/// A note as its source entry lists it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteRef {
    /// The footnote number.
    pub n: usize,
    /// Its grade, e.g. `B2`.
    pub grade: String,
}

/// One statement from one finding, with its footnote.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// The finding's text.
    pub text: String,
    /// Its footnote number.
    pub note: usize,
    /// observed, not_observed, unavailable or withheld.
    pub finding: &'static str,
    /// A qualifier printed after the text for anything but `observed`
    /// (`not observed`), else empty.
    pub qualifier: &'static str,
    /// The Admiralty grade, e.g. `B2`.
    pub grade: String,
    /// The source type's key.
    pub source_type: &'static str,
}

/// A paragraph or list item of a country file, with its footnote.
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    /// The text.
    pub text: String,
    /// Its footnote number.
    pub note: usize,
}

/// A rendered chart: its file beside the Markdown, and its SVG markup for
/// inlining into HTML.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRef {
    /// Path relative to the report folder (`charts/vector-bgd-kgz.svg`).
    pub file: String,
    /// Alternative text.
    pub alt: String,
    /// The SVG markup, already escaped by its own template: print it `safe`.
    pub svg: String,
}

/// A country chapter: `chapter.md.tera` and `chapter.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// Page furniture.
    pub page: Page,
    /// The country.
    pub country: CountryView,
    /// Migration context paragraphs.
    pub context: Vec<Para>,
    /// Legislation paragraphs.
    pub legislation: Vec<Para>,
    /// The vector approach: method text, indicators used, corridor vectors.
    pub vector: VectorSection,
    /// 1. Forms of entry and magnitude.
    pub magnitude: MagnitudeSection,
    /// 2. Smuggling routes.
    pub routes: RoutesSection,
    /// 3. Organisation of smuggling.
    pub organization: OrganizationSection,
    /// 4. Smuggling fees.
    pub fees: FeesSection,
    /// 5. Profile of migrants.
    pub profile: ProfileSection,
    /// 6. National recommendations.
    pub recommendations: Vec<Para>,
    /// Data gaps.
    pub gaps: GapsSection,
    /// The footnotes, numbered in reading order.
    pub footnotes: Vec<Footnote>,
    /// The source list: each source once, with the notes citing it.
    pub sources: Vec<SourceEntry>,
    /// The summary box.
    pub summary: Summary,
    /// Every corridor of the chapter as one sorted dot chart.
    pub dots: ChartRef,
}

/// The country of a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct CountryView {
    /// ISO3 code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// The GitHub anchor of the Markdown heading "Corridors from, through
    /// and into <name>".
    pub corridors_anchor: String,
    /// Whether `countries/<code>.yaml` exists (context, legislation, ...).
    pub has_file: bool,
    /// Number of indicator files (sources) reporting from the country.
    pub sources: usize,
    /// Number of findings of those sources.
    pub findings: usize,
}

/// "The vector approach".
#[derive(Debug, Clone, Serialize)]
pub struct VectorSection {
    /// Which kinds of source produced observations, in one sentence built
    /// from the counts of `types`.
    pub sentence: String,
    /// How the approach was applied, from the country file.
    pub method: Vec<Para>,
    /// The eleven source types, in method order, with their use here.
    pub types: Vec<TypeUse>,
    /// Labels of the types used (with evidence) in this country.
    pub used: Vec<String>,
    /// Labels of the types with an observed finding here, the study's
    /// "indicators that produced observations".
    pub observed: Vec<String>,
    /// Labels of the types used only through not_observed findings
    /// (they looked and did not see it).
    pub counter_only: Vec<String>,
    /// Labels of the types that are gaps in this country.
    pub gaps: Vec<String>,
    /// The corridors from, through or into the country, by rank.
    pub corridors: Vec<CorridorCard>,
}

/// How one source type was used in a country.
#[derive(Debug, Clone, Serialize)]
pub struct TypeUse {
    /// Method key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Its source group.
    pub group: String,
    /// `used`, `unavailable`, `withheld` or `none`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// Sources of this type reporting from the country.
    pub sources: usize,
    /// Their observed or not_observed findings.
    pub evidence: usize,
    /// Their unavailable or withheld findings.
    pub gaps: usize,
}

/// One corridor's strength vector and scores.
#[derive(Debug, Clone, Serialize)]
pub struct CorridorCard {
    /// Corridor id.
    pub id: String,
    /// Corridor label.
    pub label: String,
    /// The country's role: `origin`, `transit` or `destination`.
    pub role: &'static str,
    /// Ordinal rank among all corridors (1 = strongest).
    pub rank: usize,
    /// Where the rank may fall under other weights, when the audit gives it
    /// (left `None` until the audit is wired in).
    pub interval: Option<RankInterval>,
    /// Whether the judgement rests on one source, when the audit says.
    pub rests_on_one_source: Option<bool>,
    /// The rank in words: `rank 3 (2–5) of 43`, or `rank 3 of 43`.
    pub rank_words: String,
    /// The strength and confidence in plain words, e.g. `corroborated:
    /// strong evidence from 4 kinds of source in 3 independent groups`.
    pub strength_words: String,
    /// Whether the card is shown in full (the strongest few) or collapsed.
    pub full: bool,
    /// Number of corridors ranked.
    pub of: usize,
    /// Score `S = V·w`, formatted.
    pub score: String,
    /// Confidence label.
    pub confidence: &'static str,
    /// Number of types with v ≥ θ.
    pub types: usize,
    /// Number of source groups holding such a type.
    pub groups: usize,
    /// The vector, one value per type in method order.
    pub values: Vec<TypeValue>,
    /// The vector as a bar chart.
    pub chart: ChartRef,
    /// The conflicts, in words.
    pub conflicts: Vec<String>,
    /// Some type's counter-evidence reaches θ (METHOD.md §3).
    pub contested: bool,
    /// The judgements of the other scored phenomena on the same corridor.
    pub beside: Vec<Beside>,
    /// The movements the corridor belongs to, by label.
    pub movements: Vec<String>,
}

/// Another scored phenomenon's judgement of a corridor, shown beside the
/// smuggling one.
#[derive(Debug, Clone, Serialize)]
pub struct Beside {
    /// The phenomenon in words ("irregular migration").
    pub phenomenon: &'static str,
    /// Its rank among all corridors.
    pub rank: usize,
    /// Its score, formatted.
    pub score: String,
    /// Its confidence label.
    pub confidence: &'static str,
}

/// One movement in the overview (METHOD.md §5, "Movements").
#[derive(Debug, Clone, Serialize)]
pub struct MovementRow {
    /// Ordinal rank among movements.
    pub rank: usize,
    /// Movement id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Smuggling score, three decimals.
    pub score: String,
    /// Smuggling confidence label.
    pub confidence: &'static str,
    /// Whether contested.
    pub contested: bool,
    /// Types with v ≥ θ.
    pub types: usize,
    /// Groups holding such a type.
    pub groups: usize,
    /// Its corridors, by id, comma-separated.
    pub corridors: String,
    /// Beside: the other scored phenomena.
    pub beside: Vec<Beside>,
}

/// One component of a strength vector.
#[derive(Debug, Clone, Serialize)]
pub struct TypeValue {
    /// Method key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// v(c,t), three decimals.
    pub value: String,
}

/// "1. Forms of entry and magnitude".
#[derive(Debug, Clone, Serialize)]
pub struct MagnitudeSection {
    /// The figures, by topic in the study's order (forms of entry,
    /// detentions, AVR, lawful flows, refugees, other figures).
    pub topics: Vec<MagnitudeTopic>,
    /// Magnitude statements without a figure.
    pub statements: Vec<Statement>,
    /// The AVR cases by location and status, where the findings give them.
    pub avr: Option<CategoryTable>,
}

/// The figures of one topic, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct MagnitudeTopic {
    /// A stable anchor (`entry`, `detentions`, ...).
    pub id: &'static str,
    /// The heading, e.g. `Detentions and deportations`.
    pub title: &'static str,
    /// The rows, in model order.
    pub rows: Vec<FigureRow>,
}

/// One figure, as its source reported it.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// The finding's statement.
    pub statement: Statement,
    /// The figure with its unit and what it covers (`30–50 persons a
    /// month`), never converted.
    pub figure: String,
    /// The period it refers to (`2004–2005`, `January–April 2005`).
    pub period: String,
    /// Where it was counted, if given.
    pub location: String,
    /// What it is evidence of, in words.
    pub evidence_of: &'static str,
}

/// A breakdown table: rows × columns of summed values, with totals.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryTable {
    /// What the table shows.
    pub caption: String,
    /// Header of the row label column.
    pub row_header: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<CategoryRow>,
    /// Column totals.
    pub totals: Vec<String>,
    /// Column totals as a share of the grand total (empty when not shown).
    pub percents: Vec<String>,
    /// The grand total.
    pub total: String,
    /// Footnotes of every finding that entered the table, ascending.
    pub notes: Vec<usize>,
}

/// One row of a [`CategoryTable`].
#[derive(Debug, Clone, Serialize)]
pub struct CategoryRow {
    /// Row code (ISO3).
    pub code: String,
    /// Row label.
    pub label: String,
    /// One cell per column.
    pub cells: Vec<String>,
    /// Row total.
    pub total: String,
}

/// "2. Smuggling routes".
#[derive(Debug, Clone, Serialize)]
pub struct RoutesSection {
    /// The map of the routes that have coordinates, if any has.
    pub map: Option<crate::map::MapFigure>,
    /// Routes with legs, each with its diagram unless the map shows it whole.
    pub routes: Vec<RouteView>,
    /// Route statements without legs.
    pub statements: Vec<Statement>,
}

/// One route.
#[derive(Debug, Clone, Serialize)]
pub struct RouteView {
    /// The finding's statement.
    pub statement: Statement,
    /// The stops in travel order.
    pub legs: Vec<LegView>,
    /// The route as text: `Dhaka → (rail) Delhi → (air) Bishkek`.
    pub path: String,
    /// Its heading: every stop, `Dhaka → Delhi → Bishkek`.
    pub title: String,
    /// The source, as the audience may see it.
    pub source: String,
    /// The route diagram: when the route is not on the map, or some of its
    /// stops are not.
    pub chart: Option<ChartRef>,
    /// Its stops that the map cannot show (no coordinates, or beyond the
    /// region drawn), by name; empty when the route is not drawn at all.
    pub off_map: Vec<String>,
}

/// One stop of a route.
#[derive(Debug, Clone, Serialize)]
pub struct LegView {
    /// Place or country name.
    pub place: String,
    /// The country it lies in.
    pub country: String,
    /// How the migrant travelled into it; empty for the first stop.
    pub mode: &'static str,
}

/// "3. Organisation of smuggling".
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationSection {
    /// The modus operandi tags used, in taxonomy order.
    pub tags: Vec<TagView>,
    /// Organisation statements.
    pub statements: Vec<Statement>,
}

/// A modus operandi tag and the sources behind it.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    /// Tag id.
    pub id: String,
    /// Tag label.
    pub label: String,
    /// What it means.
    pub description: String,
    /// The sources whose findings carry it.
    pub sources: Vec<TagSource>,
    /// Number of findings carrying it.
    pub findings: usize,
}

/// A source behind a tag, with the footnotes of its findings.
#[derive(Debug, Clone, Serialize)]
pub struct TagSource {
    /// The source, as the audience may see it.
    pub source: String,
    /// Footnote numbers, ascending.
    pub notes: Vec<usize>,
}

/// "4. Smuggling fees".
#[derive(Debug, Clone, Serialize)]
pub struct FeesSection {
    /// Every fee, normalised to US dollars.
    pub rows: Vec<FeeRow>,
    /// The conversion rates the rows use.
    pub rates: Vec<RateView>,
    /// The distribution of total trip costs by origin and bracket, where
    /// interviews give it.
    pub brackets: Option<CategoryTable>,
    /// Fee statements without a price.
    pub statements: Vec<Statement>,
}

/// One fee.
#[derive(Debug, Clone, Serialize)]
pub struct FeeRow {
    /// The finding's statement.
    pub statement: Statement,
    /// What the price is evidence of: a smuggling fee, or a lawful cost.
    pub evidence_of: &'static str,
    /// What it paid for, in words.
    pub covers: &'static str,
    /// The payers' country of origin, if given.
    pub origin: String,
    /// As reported: `150–200 USD`.
    pub reported: String,
    /// In US dollars, or `no rate` when the currency has none.
    pub usd: String,
    /// Number of respondents, if given.
    pub respondents: String,
}

/// A conversion rate to US dollars.
#[derive(Debug, Clone, Serialize)]
pub struct RateView {
    /// ISO 4217 code.
    pub currency: String,
    /// Units per US dollar.
    pub per_usd: String,
    /// The date it holds for.
    pub date: String,
    /// Where it comes from.
    pub citation: String,
}

/// "5. Profile of migrants", in the study's order: sex, age, education,
/// income, motive, then origin and anything else.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSection {
    /// The facets that have at least one statement.
    pub facets: Vec<ProfileFacet>,
}

/// One facet of the profile: a sentence built from the structured fields,
/// then the statements behind it.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileFacet {
    /// `Sex`, `Age`, `Education`, `Income`, `Motive`, `Origin`, `Other`.
    pub title: &'static str,
    /// What the structured fields say together, e.g. `Men in 3
    /// statements.`; empty when no statement carries the field.
    pub lead: String,
    /// The statements, each with its footnote.
    pub statements: Vec<Statement>,
}

/// "Data gaps".
#[derive(Debug, Clone, Serialize)]
pub struct GapsSection {
    /// Per source type with an unavailable or withheld finding here.
    pub types: Vec<TypeGap>,
    /// Labels of the types no source of the country speaks for at all.
    pub silent: Vec<String>,
    /// Per corridor of the chapter: the gaps of METHOD.md §5.
    pub corridors: Vec<CorridorGap>,
}

/// The unavailable and withheld findings of one type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeGap {
    /// Method key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// The source had or gave no data.
    pub unavailable: Vec<Statement>,
    /// The source declined to disclose.
    pub withheld: Vec<Statement>,
}

/// The gaps of one corridor, as type labels joined by commas.
#[derive(Debug, Clone, Serialize)]
pub struct CorridorGap {
    /// Corridor id.
    pub id: String,
    /// Corridor label.
    pub label: String,
    /// Types with an unavailable finding.
    pub unavailable: String,
    /// Types with a withheld finding.
    pub withheld: String,
    /// Number of types with no finding at all.
    pub none: usize,
}

/// The regional overview: `overview.md.tera` and `overview.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewView {
    /// Page furniture.
    pub page: Page,
    /// The source types as columns, with their weights.
    pub types: Vec<TypeHead>,
    /// Every movement, by rank among movements.
    pub movements: Vec<MovementRow>,
    /// Every corridor, by rank.
    pub corridors: Vec<OverviewRow>,
    /// Number of corridors per confidence label, strongest label first.
    pub confidence: Vec<LabelCount>,
    /// The corridors × types heat map.
    pub heatmap: ChartRef,
    /// The summary box.
    pub summary: Summary,
    /// Every corridor as one sorted dot chart.
    pub dots: ChartRef,
    /// The regional chapter: situation, conclusions, recommendations.
    pub region: RegionView,
    /// The overview's footnotes, numbered in reading order.
    pub footnotes: Vec<Footnote>,
    /// The map of every route of the region with coordinates, if any.
    pub map: Option<crate::map::MapFigure>,
}

/// A source type as a column.
#[derive(Debug, Clone, Serialize)]
pub struct TypeHead {
    /// Method key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Source group.
    pub group: String,
    /// Its weight w(t), three decimals.
    pub weight: String,
}

/// One corridor in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewRow {
    /// Ordinal rank.
    pub rank: usize,
    /// Corridor id.
    pub id: String,
    /// Corridor label.
    pub label: String,
    /// Score, three decimals.
    pub score: String,
    /// Confidence label.
    pub confidence: &'static str,
    /// Types with v ≥ θ.
    pub types: usize,
    /// Groups holding such a type.
    pub groups: usize,
    /// v(c,t) per type, two decimals.
    pub cells: Vec<String>,
    /// Number of conflicts.
    pub conflicts: usize,
    /// Whether contested.
    pub contested: bool,
    /// Beside: the other scored phenomena.
    pub beside: Vec<Beside>,
    /// The chapters this corridor appears in.
    pub chapters: Vec<Link>,
}

/// A label and how many carry it.
#[derive(Debug, Clone, Serialize)]
pub struct LabelCount {
    /// The label.
    pub label: &'static str,
    /// How many.
    pub count: usize,
}

/// The index page: `index.md.tera` and `index.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// Page furniture.
    pub page: Page,
    /// The chapters.
    pub chapters: Vec<ChapterLink>,
    /// Whether to link `audit.md` from the Markdown index.
    pub audit_md: bool,
    /// Whether to link `audit.html` from the HTML index.
    pub audit_html: bool,
    /// Totals over the whole model.
    pub totals: Totals,
    /// The type weights.
    pub types: Vec<TypeHead>,
}

/// A chapter in the index.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterLink {
    /// File stem (the ISO3 code).
    pub stem: String,
    /// Country name.
    pub name: String,
    /// Sources reporting from the country.
    pub sources: usize,
    /// Their findings.
    pub findings: usize,
    /// Corridors from, through or into the country.
    pub corridors: usize,
}

/// Counts over the whole model.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Indicator files.
    pub sources: usize,
    /// Findings.
    pub findings: usize,
    /// Corridors.
    pub corridors: usize,
}

/// The methods annex: `methods.md.tera` and `methods.html.tera`. The only
/// page that names the method's symbols and the tool's files.
#[derive(Debug, Clone, Serialize)]
pub struct MethodsView {
    /// Page furniture.
    pub page: Page,
    /// The source types with their groups and weights.
    pub types: Vec<TypeHead>,
    /// The source groups.
    pub groups: Vec<GroupRow>,
    /// The strength map σ.
    pub strength: Vec<ScaleRow>,
    /// The Admiralty reliability letters and ρ.
    pub reliability: Vec<ScaleRow>,
    /// The Admiralty credibility digits and κ.
    pub credibility: Vec<ScaleRow>,
    /// The confidence labels, their rule and meaning.
    pub labels: Vec<LabelRow>,
    /// How the weights were chosen, in detail (method, consistency).
    pub weighting_detail: String,
    /// The audit's settings, in words; empty when no audit was run.
    pub audit: String,
}

/// A source group in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Its key.
    pub name: String,
    /// In plain words.
    pub words: String,
    /// Its types' labels, comma-separated.
    pub types: String,
}

/// One step of a scale: a code, its meaning and its value.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleRow {
    /// `A`, `1`, `strong`.
    pub code: String,
    /// What it means.
    pub meaning: &'static str,
    /// The value it maps to, formatted.
    pub value: String,
}

/// A confidence label in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct LabelRow {
    /// The label.
    pub key: &'static str,
    /// Its rule, with the thresholds in force.
    pub rule: String,
    /// What it means, in plain words.
    pub meaning: &'static str,
}
