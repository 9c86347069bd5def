//! The views of the regional overview and of the index page.

use super::*;

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
