//! The audit document (METHOD.md §6) in Markdown and HTML: a view struct
//! made for the templates `templates/audit.md.tera` and
//! `templates/audit.html.tera`, and the two render functions.
//!
//! Every number is formatted by [`crate::fmt`], so the templates only place
//! text; every sentence an analyst may paste into a chapter is built from
//! the same figures as the tables. Both documents are rendered by the one
//! template registry ([`Templates`]), overridable by name like every other
//! page and escaped by construction (Markdown or HTML). The HTML is one
//! self-contained file: the shared stylesheet, an inline SVG rank-interval
//! chart, no script.

mod text;

use crate::ReportError;
use crate::fmt;
use crate::templates::Templates;
use corridor_schema::{Model, Published, SourceType};
use corridor_score::Params;
use corridor_score::audit::{AuditReport, CorridorAudit, Mode};
use serde::Serialize;

/// Corridors shown in the tables and the chart, by base rank; the JSON
/// output has them all.
pub const DEFAULT_ROWS: usize = 40;

/// One source type in the "what was varied" table.
#[derive(Debug, Clone, Serialize)]
pub struct WeightRow {
    /// Type key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Source group under the base weighting's settings.
    pub group: String,
    /// Base weight, 3 decimals.
    pub weight: String,
    /// Whether the draws vary it (`w0 > 0`).
    pub sampled: bool,
    /// Mean of its weight over the draws' distribution, 3 decimals ("–"
    /// when not sampled).
    pub draw_mean: String,
    /// Standard deviation of its weight under that distribution.
    pub draw_sd: String,
}

/// One corridor row of the tables and the chart.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// Corridor id.
    pub id: String,
    /// Its label from `corridors.yaml`.
    pub label: String,
    /// Base rank.
    pub base_rank: usize,
    /// Median rank.
    pub median_rank: usize,
    /// 5th percentile rank.
    pub p05_rank: usize,
    /// 95th percentile rank.
    pub p95_rank: usize,
    /// Top-k share, as a percentage with one decimal.
    pub top_k_share: String,
    /// Base score, 4 decimals.
    pub base_score: String,
    /// Mean score, 4 decimals.
    pub score_mean: String,
    /// Score standard deviation, 4 decimals.
    pub score_sd: String,
    /// Confidence label under the base settings.
    pub confidence: &'static str,
    /// Ranks under the other weightings, in order.
    pub other_ranks: Vec<usize>,
    /// Robust, fragile, contender or "".
    pub verdict: &'static str,
    /// Chart geometry: the row's y, the band's x range, base and median x.
    pub chart: RowGeometry,
}

/// Where a row sits in the SVG chart (pixels).
#[derive(Debug, Clone, Serialize)]
pub struct RowGeometry {
    /// Baseline of the row (whole pixels: the templates offset it).
    pub y: i64,
    /// Left end of the 5–95% band (the 5th percentile rank, less half a
    /// rank).
    pub x05: String,
    /// Width of the band.
    pub width: String,
    /// x of the base rank.
    pub x_base: String,
    /// x of the median rank.
    pub x_median: String,
    /// With a grades audit: the left end of the grade draws' 5–95% band.
    pub g_x05: Option<String>,
    /// Its width.
    pub g_width: Option<String>,
}

/// The SVG chart's frame and axis.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Total width.
    pub width: i64,
    /// Total height.
    pub height: i64,
    /// x where the plot starts.
    pub left: i64,
    /// x where it ends.
    pub right: i64,
    /// y of the axis line (top).
    pub axis_y: i64,
    /// y where the plot ends.
    pub bottom: i64,
    /// Axis ticks.
    pub ticks: Vec<Tick>,
    /// x of the top-k boundary (between ranks k and k+1), if in range.
    pub top_k_x: Option<String>,
    /// The largest rank on the axis.
    pub max_rank: usize,
}

/// An axis tick.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// x position.
    pub x: String,
    /// The rank.
    pub rank: usize,
}

/// Leave one type out, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct LooView {
    /// Type key.
    pub key: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Spearman, 3 decimals.
    pub spearman: String,
    /// Largest rank change.
    pub max_rank_change: usize,
    /// Its corridor, or "".
    pub max_rank_change_corridor: String,
    /// "id (from → to)" per label change.
    pub confidence_changes: Vec<String>,
}

/// Everything the templates show.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    /// Document title.
    pub title: String,
    /// The base weighting's name.
    pub base: String,
    /// The other weightings' names (columns of the comparison).
    pub others: Vec<String>,
    /// Number of draws, with thousands separators.
    pub draws: String,
    /// "concentrated" or "uniform".
    pub mode: &'static str,
    /// Whether the mode is concentrated.
    pub concentrated: bool,
    /// Concentration K, as given.
    pub concentration: String,
    /// Seed.
    pub seed: u64,
    /// k of the top-k share.
    pub top_k: usize,
    /// Number of corridors.
    pub corridors: usize,
    /// Number of sampled types.
    pub sampled_types: usize,
    /// The weights table.
    pub weights: Vec<WeightRow>,
    /// The corridors shown, by base rank.
    pub rows: Vec<RowView>,
    /// Corridors not shown.
    pub hidden_rows: usize,
    /// Chart frame.
    pub chart: ChartView,
    /// The text chart (Markdown): an axis line, then one line per row.
    pub text_chart: Vec<String>,
    /// Leave one type out.
    pub loo: Vec<LooView>,
    /// Paragraph: what was varied and how.
    pub method_text: String,
    /// Paragraph: robust, fragile and contending corridors.
    pub findings_text: Vec<String>,
    /// Paragraph: leave one type out.
    pub loo_text: Vec<String>,
    /// Paragraph: the weightings compared.
    pub weightings_text: Vec<String>,
    /// The base weighting's consistency ratio, printed with its name
    /// (METHOD.md §4: always printed); empty for direct weights.
    pub base_cr: String,
    /// Corridors with conflicts under the base settings: (id, the
    /// conflicts in words). METHOD.md §3 lists them in the audit.
    pub conflicts: Vec<ConflictRow>,
    /// Whether the document sits beside the chapters (written by `corridor
    /// report`) and links back to the index and the overview.
    pub in_report: bool,
    /// The menu, title and footer of the report's other pages, when the
    /// document is part of a report (set by the caller with
    /// [`crate::menu::audit_page`]).
    pub page: Option<crate::views::Page>,
    /// The three kinds of doubt (weights, grades, single sources), when a
    /// grades audit was given.
    pub doubt: Option<crate::doubt::DoubtView>,
}

/// One corridor's conflicts, for the audit document.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictRow {
    /// Corridor id.
    pub corridor: String,
    /// Each conflict in words.
    pub conflicts: Vec<String>,
}

// Chart layout, in pixels.
const CHART_WIDTH: f64 = 760.0;
const CHART_LEFT: f64 = 230.0;
const CHART_RIGHT: f64 = 740.0;
const CHART_TOP: f64 = 34.0;
const ROW_HEIGHT: f64 = 18.0;
const TEXT_TRACK: usize = 50;

impl AuditView {
    /// Builds the view of `report`, with labels and groups from `model` and
    /// `params` (the base weighting's settings), showing at most `max_rows`
    /// corridors.
    pub fn new(report: &AuditReport, view: &Published, params: &Params, max_rows: usize) -> Self {
        let model = view.model();
        let k = report.top_k;
        let base = report.weightings.first().cloned().unwrap_or_default();
        let others: Vec<String> = report.weightings.iter().skip(1).cloned().collect();
        let shown: Vec<&CorridorAudit> = report.corridors.iter().take(max_rows).collect();
        let max_rank = shown
            .iter()
            .flat_map(|c| [c.p95_rank, c.base_rank, c.median_rank])
            .max()
            .unwrap_or(1)
            .max(k.min(report.corridors.len()))
            .max(2);
        let x_of = |rank: usize| {
            CHART_LEFT + (rank as f64 - 1.0) / (max_rank as f64 - 1.0) * (CHART_RIGHT - CHART_LEFT)
        };
        // Ranks are discrete: each band reaches half a rank beyond its
        // ends (at most 4 px), so a one-rank interval is still visible.
        let half = ((CHART_RIGHT - CHART_LEFT) / (max_rank as f64 - 1.0) / 2.0).min(4.0);
        let cell_of = |rank: usize| (rank - 1) * (TEXT_TRACK - 1) / (max_rank - 1);
        let rows: Vec<RowView> = shown
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let y = CHART_TOP + 14.0 + i as f64 * ROW_HEIGHT;
                RowView {
                    id: c.id.clone(),
                    label: label_of(model, &c.id),
                    base_rank: c.base_rank,
                    median_rank: c.median_rank,
                    p05_rank: c.p05_rank,
                    p95_rank: c.p95_rank,
                    top_k_share: fmt::draw_share(c.top_k_share),
                    base_score: fmt::decimals(c.base_score, 4),
                    score_mean: fmt::decimals(c.score_mean, 4),
                    score_sd: fmt::decimals(c.score_sd, 4),
                    confidence: c.confidence.key(),
                    other_ranks: c.ranks_by_weighting.iter().skip(1).map(|r| r.1).collect(),
                    verdict: verdict(c, k),
                    chart: RowGeometry {
                        y: y as i64,
                        x05: fmt::px(x_of(c.p05_rank) - half),
                        width: fmt::px(x_of(c.p95_rank) - x_of(c.p05_rank) + 2.0 * half),
                        x_base: fmt::px(x_of(c.base_rank)),
                        x_median: fmt::px(x_of(c.median_rank)),
                        g_x05: None,
                        g_width: None,
                    },
                }
            })
            .collect();
        let plot_bottom = CHART_TOP + 14.0 + rows.len() as f64 * ROW_HEIGHT;
        let chart = ChartView {
            // The frame is whole pixels (the constants and the row
            // height are), so the templates can offset it exactly.
            width: CHART_WIDTH as i64,
            height: (plot_bottom + 30.0) as i64,
            left: CHART_LEFT as i64,
            right: CHART_RIGHT as i64,
            axis_y: CHART_TOP as i64,
            bottom: plot_bottom as i64,
            ticks: ticks(max_rank)
                .into_iter()
                .map(|rank| Tick {
                    x: fmt::px(x_of(rank)),
                    rank,
                })
                .collect(),
            top_k_x: (k < max_rank).then(|| fmt::px((x_of(k) + x_of(k + 1)) / 2.0)),
            max_rank,
        };
        let weights = weight_rows(report, params);
        let loo: Vec<LooView> = report
            .leave_one_out
            .iter()
            .map(|l| LooView {
                key: l.kind.key(),
                label: l.kind.label(),
                spearman: fmt::score(l.spearman),
                max_rank_change: l.max_rank_change,
                max_rank_change_corridor: l.max_rank_change_corridor.clone().unwrap_or_default(),
                confidence_changes: l
                    .label_changes
                    .iter()
                    .map(|c| format!("{} ({} → {})", c.id, c.from, c.to))
                    .collect(),
            })
            .collect();
        AuditView {
            title: "Sensitivity of the corridor ranking to the source weights".into(),
            method_text: text::method_text(report, &base),
            findings_text: text::findings_text(report),
            loo_text: text::loo_text(report),
            weightings_text: text::weightings_text(report),
            base_cr: report
                .consistency_ratios
                .first()
                .copied()
                .flatten()
                .map(|cr| fmt::decimals(cr, 4))
                .unwrap_or_default(),
            in_report: false,
            page: None,
            doubt: None,
            conflicts: report
                .corridors
                .iter()
                .filter(|c| !c.conflicts.is_empty())
                .map(|c| ConflictRow {
                    corridor: c.id.clone(),
                    conflicts: c
                        .conflicts
                        .iter()
                        .map(crate::build::conflict_words)
                        .collect(),
                })
                .collect(),
            base,
            others,
            draws: fmt::count(report.draws),
            mode: report.mode.key(),
            concentrated: report.mode == Mode::Concentrated,
            concentration: report
                .concentration
                .map(|x| x.to_string())
                .unwrap_or_default(),
            seed: report.seed,
            top_k: k,
            corridors: report.corridors.len(),
            sampled_types: report.sampled_types.len(),
            weights,
            hidden_rows: report.corridors.len() - rows.len(),
            text_chart: text_chart(&shown, max_rank, &cell_of),
            rows,
            chart,
            loo,
        }
    }

    /// Adds the section on the three kinds of doubt from a grades audit of
    /// the same weighting (with Sobol indices when estimated).
    pub fn with_grades(
        mut self,
        weights: &AuditReport,
        grades: &AuditReport,
        view: &Published,
    ) -> Self {
        // The grade draws' bands, beside the weights' on the same axis
        // (ranks beyond the axis are drawn at its end).
        let max_rank = self.chart.max_rank;
        let x_of = |rank: usize| {
            let r = rank.min(max_rank);
            CHART_LEFT + (r as f64 - 1.0) / (max_rank as f64 - 1.0) * (CHART_RIGHT - CHART_LEFT)
        };
        let half = ((CHART_RIGHT - CHART_LEFT) / (max_rank as f64 - 1.0) / 2.0).min(4.0);
        for row in &mut self.rows {
            if let Some(g) = grades.corridors.iter().find(|c| c.id == row.id) {
                row.chart.g_x05 = Some(fmt::px(x_of(g.p05_rank) - half));
                row.chart.g_width = Some(fmt::px(x_of(g.p95_rank) - x_of(g.p05_rank) + 2.0 * half));
            }
        }
        self.doubt = Some(crate::doubt::doubt_view(
            weights,
            grades,
            view,
            self.rows.len(),
        ));
        self.title =
            "Sensitivity of the corridor ranking to the weights, the grades and single sources"
                .into();
        self
    }

    /// Renders the Markdown document (`audit.md.tera`).
    pub fn markdown(&self, templates: &Templates) -> Result<String, ReportError> {
        templates.render("audit.md.tera", &AuditPage { v: self }, "audit.md")
    }

    /// Renders the self-contained HTML document (`audit.html.tera`).
    pub fn html(&self, templates: &Templates) -> Result<String, ReportError> {
        templates.render("audit.html.tera", &AuditPage { v: self }, "audit.html")
    }
}

/// The context of the audit templates: the view as `v`.
#[derive(Serialize)]
pub struct AuditPage<'a> {
    /// The view.
    pub v: &'a AuditView,
}

fn label_of(model: &Model, id: &str) -> String {
    model
        .corridor(id)
        .map(|i| model.corridors[i].label.clone())
        .unwrap_or_default()
}

/// Robust: the 95th percentile rank is within the top k. Fragile: in the
/// top k under the base weights but not robust. Contender: outside the top
/// k under the base weights, inside it at the 5th percentile.
fn verdict(c: &CorridorAudit, k: usize) -> &'static str {
    if c.p95_rank <= k {
        "robust"
    } else if c.base_rank <= k {
        "fragile"
    } else if c.p05_rank <= k {
        "contender"
    } else {
        ""
    }
}

/// Axis ticks: rank 1, the largest rank, and round numbers between.
fn ticks(max_rank: usize) -> Vec<usize> {
    let step = [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ]
    .into_iter()
    .find(|s| max_rank / s <= 10)
    .unwrap_or(max_rank.div_ceil(10).max(1));
    let mut t = vec![1];
    t.extend(
        (1..)
            .map(|i| i * step)
            .take_while(|&r| r < max_rank)
            .filter(|&r| r > 1),
    );
    t.push(max_rank);
    t.dedup();
    t
}

fn text_chart(
    shown: &[&CorridorAudit],
    max_rank: usize,
    cell_of: &dyn Fn(usize) -> usize,
) -> Vec<String> {
    let width = shown
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut lines = vec![format!(
        "{:width$}  {}",
        "rank",
        text_axis(max_rank, cell_of)
    )];
    for c in shown {
        lines.push(
            format!("{:width$}  {}", c.id, text_track(c, cell_of))
                .trim_end()
                .to_string(),
        );
    }
    lines
}

fn text_track(c: &CorridorAudit, cell_of: &dyn Fn(usize) -> usize) -> String {
    let mut track = vec![' '; TEXT_TRACK];
    for cell in track
        .iter_mut()
        .take(cell_of(c.p95_rank) + 1)
        .skip(cell_of(c.p05_rank))
    {
        *cell = '=';
    }
    track[cell_of(c.median_rank)] = '|';
    track[cell_of(c.base_rank)] = 'o';
    track.into_iter().collect::<String>().trim_end().to_string()
}

fn text_axis(max_rank: usize, cell_of: &dyn Fn(usize) -> usize) -> String {
    let mut axis = vec![' '; TEXT_TRACK + 6];
    for r in ticks(max_rank) {
        let label = r.to_string();
        let at = cell_of(r);
        // Right-align the largest rank so it stays inside the track.
        let start = if r == max_rank {
            (at + 1).saturating_sub(label.len())
        } else {
            at
        };
        if axis[start..start + label.len()].iter().all(|&c| c == ' ')
            && (start == 0 || axis[start - 1] == ' ')
        {
            for (i, ch) in label.chars().enumerate() {
                axis[start + i] = ch;
            }
        }
    }
    axis.into_iter().collect::<String>().trim_end().to_string()
}

fn weight_rows(report: &AuditReport, params: &Params) -> Vec<WeightRow> {
    let n = report.sampled_types.len() as f64;
    SourceType::ALL
        .iter()
        .map(|&t| {
            let w = report.base_weights[t.index()];
            let sampled = report.sampled_types.contains(&t);
            // Dirichlet marginal: mean α_t/α0, variance μ(1−μ)/(α0+1).
            let (mean, alpha0) = match report.mode {
                Mode::Concentrated => (w, report.concentration.unwrap_or(0.0)),
                Mode::Uniform => (1.0 / n, n),
            };
            let (draw_mean, draw_sd) = if !sampled {
                ("–".to_string(), "–".to_string())
            } else if n < 2.0 {
                (fmt::score(w), fmt::score(0.0))
            } else {
                let sd = (mean * (1.0 - mean) / (alpha0 + 1.0)).sqrt();
                (fmt::score(mean), fmt::score(sd))
            };
            WeightRow {
                key: t.key(),
                label: t.label(),
                group: params.groups.name_of(t).to_string(),
                weight: fmt::score(w),
                sampled,
                draw_mean,
                draw_sd,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_start_at_one_and_end_at_the_largest_rank() {
        assert_eq!(ticks(2), [1, 2]);
        assert_eq!(ticks(7), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(ticks(43), [1, 5, 10, 15, 20, 25, 30, 35, 40, 43]);
        assert_eq!(*ticks(2000).last().unwrap(), 2000);
    }
}
