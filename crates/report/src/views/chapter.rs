//! The views of a country chapter: its country, corridors, and the
//! study's sections (magnitude, routes, organisation, fees, profile, gaps).

use super::*;

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
