//! Chart layout: strength-vector bar charts, the corridors × types heat map
//! and route diagrams, laid out here and drawn by the SVG templates
//! (`vector.svg.tera`, `heatmap.svg.tera`, `route.svg.tera`).
//!
//! Layout is computed in Rust so that the templates only place shapes, and
//! every coordinate is formatted once (see `fmt::px`): the SVG is the same
//! bytes on every machine. No markers, gradients or ids are used, because
//! the same chart is inlined many times into one HTML page and ids would
//! collide; arrowheads are plain polygons.

use crate::fmt::{cell, px};
use serde::Serialize;

/// A colour-blind-safe palette (Okabe–Ito) for source groups, by group
/// index; wraps around for more than eight groups.
const GROUP_COLOURS: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
];

/// The fill colour of source group `g`.
pub fn group_colour(g: usize) -> &'static str {
    GROUP_COLOURS[g % GROUP_COLOURS.len()]
}

/// A sequential blue scale for v in [0, 1] (light to dark), interpolated
/// linearly between five fixed stops.
pub fn blues(v: f64) -> String {
    const STOPS: [(u8, u8, u8); 5] = [
        (247, 251, 255),
        (198, 219, 239),
        (107, 174, 214),
        (33, 113, 181),
        (8, 48, 107),
    ];
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = v * (STOPS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let t = pos - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

/// The relative luminance of a `#rrggbb` colour (WCAG 2).
pub fn luminance(hex: &str) -> f64 {
    let c = |i: usize| {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever reads better on `fill`: for any fill the
/// better of the two is at least 4.58:1.
pub fn readable_on(fill: &str) -> &'static str {
    if contrast(fill, "#000000") >= contrast(fill, "#ffffff") {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// One bar of a strength-vector chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Type label.
    pub label: &'static str,
    /// Top of the bar.
    pub y: String,
    /// Baseline of the row's text.
    pub text_y: String,
    /// Bar width (0 for v = 0).
    pub width: String,
    /// Bar colour: the type's group.
    pub fill: &'static str,
    /// v, three decimals.
    pub value: String,
    /// Where the value is written.
    pub value_x: String,
}

/// An axis tick.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// x position.
    pub x: String,
    /// Label.
    pub label: String,
}

/// A legend entry.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    /// Swatch x.
    pub x: String,
    /// Swatch y.
    pub y: String,
    /// Text x.
    pub text_x: String,
    /// Text baseline.
    pub text_y: String,
    /// Colour.
    pub fill: &'static str,
    /// Group name.
    pub label: String,
}

/// A horizontal bar chart of one corridor's strength vector:
/// `vector.svg.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct VectorChart {
    /// Accessible title.
    pub title: String,
    /// Heading drawn on the chart.
    pub heading: String,
    /// Canvas width.
    pub width: String,
    /// Canvas height.
    pub height: String,
    /// Where the bars start.
    pub x0: String,
    /// Full bar length (v = 1).
    pub x1: String,
    /// Where type labels end (right-aligned).
    pub label_x: String,
    /// Bar height.
    pub bar_h: String,
    /// Top of the plot area.
    pub top: String,
    /// Bottom of the plot area.
    pub bottom: String,
    /// The bars, in method order.
    pub bars: Vec<Bar>,
    /// x of the θ line.
    pub theta_x: String,
    /// θ label.
    pub theta_label: String,
    /// Axis ticks at 0, 0.25, 0.5, 0.75, 1.
    pub ticks: Vec<Tick>,
    /// Baseline of the tick labels.
    pub tick_y: String,
    /// Source-group legend.
    pub legend: Vec<LegendItem>,
}

/// One type's input to a vector chart.
pub struct VectorInput {
    /// Type label.
    pub label: &'static str,
    /// v(c,t).
    pub value: f64,
    /// The type's group index.
    pub group: usize,
}

/// Lays out a strength-vector chart, 340 units wide so that a phone draws
/// it near its own size: each type's label on its own line above its bar,
/// the threshold marked "strong evidence", the source groups as a legend.
pub fn vector_chart(
    title: String,
    heading: String,
    values: &[VectorInput],
    groups: &[String],
    theta: f64,
) -> VectorChart {
    use crate::dots::{NARROW, fit};
    const ROW: f64 = 26.0;
    const BAR: f64 = 9.0;
    const X0: f64 = 10.0;
    const LEN: f64 = 250.0;
    const TOP: f64 = 44.0;
    let bars: Vec<Bar> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let y = TOP + i as f64 * ROW;
            let w = v.value.clamp(0.0, 1.0) * LEN;
            Bar {
                label: v.label,
                y: px(y + 13.0),
                text_y: px(y + 10.0),
                width: px(w),
                fill: group_colour(v.group),
                value: crate::fmt::score(v.value),
                value_x: px(X0 + w + 4.0),
            }
        })
        .collect();
    let bottom = TOP + values.len() as f64 * ROW;
    let ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|t| Tick {
            x: px(X0 + t * LEN),
            label: format!("{t}"),
        })
        .collect();
    // The legend lists each group once, two to a row.
    let legend_top = bottom + 30.0;
    let legend: Vec<LegendItem> = groups
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let (col, row) = ((g % 2) as f64, (g / 2) as f64);
            let x = X0 + col * 165.0;
            let y = legend_top + row * 16.0;
            LegendItem {
                x: px(x),
                y: px(y),
                text_x: px(x + 14.0),
                text_y: px(y + 9.0),
                fill: group_colour(g),
                label: fit(&name.replace('_', " "), 11.0, 165.0 - 20.0),
            }
        })
        .collect();
    let rows = groups.len().div_ceil(2) as f64;
    VectorChart {
        title,
        heading: fit(&heading, 12.0, NARROW - 2.0 * X0),
        width: px(NARROW),
        height: px(legend_top + rows * 16.0 + 4.0),
        x0: px(X0),
        x1: px(X0 + LEN),
        label_x: px(X0),
        bar_h: px(BAR),
        top: px(TOP),
        bottom: px(bottom),
        bars,
        theta_x: px(X0 + theta.clamp(0.0, 1.0) * LEN),
        theta_label: "strong evidence".into(),
        ticks,
        tick_y: px(bottom + 14.0),
        legend,
    }
}

/// A column header of the heat map.
#[derive(Debug, Clone, Serialize)]
pub struct HeatColumn {
    /// Centre of the column.
    pub x: String,
    /// Type label.
    pub label: &'static str,
}

/// One cell of the heat map.
#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    /// Left edge.
    pub x: String,
    /// Centre, for the text.
    pub cx: String,
    /// Fill colour.
    pub fill: String,
    /// v, two decimals.
    pub text: String,
    /// Text colour, readable on the fill.
    pub text_fill: &'static str,
    /// Whether the value reaches the threshold of strong evidence (drawn
    /// bold with a dark outline).
    pub strong: bool,
}

/// One swatch of the heat map's colour key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyItem {
    /// Left edge.
    pub x: String,
    /// Centre, for the text.
    pub cx: String,
    /// Fill colour.
    pub fill: String,
    /// Text colour.
    pub text_fill: &'static str,
    /// The value it stands for.
    pub label: String,
}

/// One row of the heat map.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    /// Top edge.
    pub y: String,
    /// Text baseline.
    pub text_y: String,
    /// `rank. id`.
    pub label: String,
    /// Confidence label.
    pub confidence: &'static str,
    /// The cells, in method order.
    pub cells: Vec<HeatCell>,
}

/// The corridors × types heat map: `heatmap.svg.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct HeatMap {
    /// Accessible title.
    pub title: String,
    /// Canvas width.
    pub width: String,
    /// Canvas height.
    pub height: String,
    /// Cell width.
    pub cell_w: String,
    /// Cell height.
    pub cell_h: String,
    /// Baseline of the rotated column labels.
    pub header_y: String,
    /// x of the confidence column.
    pub conf_x: String,
    /// Where row labels end (right-aligned).
    pub label_x: String,
    /// Column headers.
    pub columns: Vec<HeatColumn>,
    /// Rows, by rank.
    pub rows: Vec<HeatRow>,
    /// The colour key.
    pub key: Vec<KeyItem>,
    /// Top of the key's swatches.
    pub key_y: String,
    /// Baseline of the key's text.
    pub key_text_y: String,
    /// Baseline of the key's explanation.
    pub key_note_y: String,
    /// The explanation.
    pub key_note: String,
}

/// One corridor's input to the heat map.
pub struct HeatInput {
    /// `rank. id`.
    pub label: String,
    /// Confidence label.
    pub confidence: &'static str,
    /// v(c,t) in method order.
    pub values: Vec<f64>,
}

/// Lays out the heat map.
pub fn heat_map(
    title: String,
    columns: &[&'static str],
    rows: &[HeatInput],
    theta: f64,
) -> HeatMap {
    use crate::dots::{fit, text_width};
    const CW: f64 = 44.0;
    const CH: f64 = 18.0;
    // The key (two lines) sits above the rotated column headers.
    const KEY: f64 = 52.0;
    const HEADER: f64 = KEY + 130.0;
    const LABEL_MAX: f64 = 300.0;
    let labels: Vec<String> = rows
        .iter()
        .map(|r| fit(&r.label, 11.0, LABEL_MAX))
        .collect();
    let label_w = 8.0
        + labels
            .iter()
            .map(|l| text_width(l, 11.0))
            .fold(60.0, f64::max);
    let x0 = label_w + 8.0;
    let cols = columns
        .iter()
        .enumerate()
        .map(|(j, label)| HeatColumn {
            x: px(x0 + j as f64 * CW + CW / 2.0),
            label,
        })
        .collect();
    let heat_rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = HEADER + i as f64 * CH;
            HeatRow {
                y: px(y),
                text_y: px(y + CH - 5.0),
                label: labels[i].clone(),
                confidence: r.confidence,
                cells: r
                    .values
                    .iter()
                    .enumerate()
                    .map(|(j, &v)| HeatCell {
                        x: px(x0 + j as f64 * CW),
                        cx: px(x0 + j as f64 * CW + CW / 2.0),
                        // An empty cell stays blank: no evidence, not "0.00".
                        fill: if v > 0.0 { blues(v) } else { "#ffffff".into() },
                        text: if v > 0.0 { cell(v) } else { String::new() },
                        text_fill: readable_on(&blues(v)),
                        strong: v >= theta,
                    })
                    .collect(),
            }
        })
        .collect();
    let conf_x = x0 + columns.len() as f64 * CW + 8.0;
    let key = [0.1, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .enumerate()
        .map(|(k, &v)| KeyItem {
            x: px(8.0 + k as f64 * CW),
            cx: px(8.0 + k as f64 * CW + CW / 2.0),
            fill: blues(v),
            text_fill: readable_on(&blues(v)),
            label: cell(v),
        })
        .collect();
    HeatMap {
        key,
        key_y: px(6.0),
        key_text_y: px(6.0 + CH - 5.0),
        key_note_y: px(6.0 + CH + 16.0),
        key_note: format!(
            "Darker is stronger. Bold outlined cells reach {} (strong evidence); blank: no evidence.",
            cell(theta)
        ),
        title,
        width: px((conf_x + 100.0).max(8.0 + text_width("Darker is stronger. Bold outlined cells reach 0.50 (strong evidence); blank: no evidence.", 11.0) + 8.0)),
        height: px(HEADER + rows.len() as f64 * CH + 6.0),
        cell_w: px(CW),
        cell_h: px(CH),
        header_y: px(HEADER - 6.0),
        conf_x: px(conf_x),
        label_x: px(label_w),
        columns: cols,
        rows: heat_rows,
    }
}

/// A stop in a route diagram.
#[derive(Debug, Clone, Serialize)]
pub struct RouteNode {
    /// Left edge.
    pub x: String,
    /// Top edge.
    pub y: String,
    /// Centre x.
    pub cx: String,
    /// Baseline of the place name.
    pub name_y: String,
    /// Baseline of the country name.
    pub sub_y: String,
    /// Place name.
    pub name: String,
    /// Country name, when the place is not itself a country.
    pub sub: String,
}

/// An arrow between two stops.
#[derive(Debug, Clone, Serialize)]
pub struct RouteEdge {
    /// The line, as an SVG path.
    pub path: String,
    /// The arrowhead, as polygon points.
    pub head: String,
    /// Transport mode, empty when unknown.
    pub mode: &'static str,
    /// Where the mode is written.
    pub mode_x: String,
    /// Baseline of the mode.
    pub mode_y: String,
}

/// A route diagram, stops left to right in rows: `route.svg.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct RouteDiagram {
    /// Accessible title.
    pub title: String,
    /// Canvas width.
    pub width: String,
    /// Canvas height.
    pub height: String,
    /// Node width.
    pub node_w: String,
    /// Node height.
    pub node_h: String,
    /// The stops.
    pub nodes: Vec<RouteNode>,
    /// The legs.
    pub edges: Vec<RouteEdge>,
}

/// One stop's input to a route diagram.
pub struct StopInput {
    /// Place name.
    pub name: String,
    /// Country name, or empty.
    pub sub: String,
    /// Mode into this stop, or empty.
    pub mode: &'static str,
}

/// Lays out a route diagram, at most four stops per row.
pub fn route_diagram(title: String, stops: &[StopInput]) -> RouteDiagram {
    const PER_ROW: usize = 4;
    const W: f64 = 140.0;
    const H: f64 = 40.0;
    const GAP: f64 = 64.0;
    const ROW_H: f64 = 96.0;
    const PAD: f64 = 8.0;
    let pos = |i: usize| {
        let (row, col) = (i / PER_ROW, i % PER_ROW);
        (PAD + col as f64 * (W + GAP), PAD + row as f64 * ROW_H)
    };
    let nodes = stops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = pos(i);
            let has_sub = !s.sub.is_empty();
            RouteNode {
                x: px(x),
                y: px(y),
                cx: px(x + W / 2.0),
                name_y: px(y + if has_sub { 17.0 } else { 24.0 }),
                sub_y: px(y + 32.0),
                // Measured, so that a long name ("Manas International
                // Airport (Bishkek)") is cut with an ellipsis inside its box
                // rather than spilling out; the caption gives it whole.
                name: crate::dots::fit(&s.name, 12.0 * 1.08, W - 10.0),
                sub: crate::dots::fit(&s.sub, 11.0, W - 10.0),
            }
        })
        .collect();
    let edges = (1..stops.len())
        .map(|i| {
            let (ax, ay) = pos(i - 1);
            let (bx, by) = pos(i);
            let mode = stops[i].mode;
            if ay == by {
                // Same row: a straight arrow between the boxes.
                let (x1, x2, y) = (ax + W, bx, ay + H / 2.0);
                RouteEdge {
                    path: format!("M{} {}H{}", px(x1), px(y), px(x2 - 1.0)),
                    head: format!(
                        "{},{} {},{} {},{}",
                        px(x2),
                        px(y),
                        px(x2 - 8.0),
                        px(y - 4.0),
                        px(x2 - 8.0),
                        px(y + 4.0)
                    ),
                    mode,
                    mode_x: px((x1 + x2) / 2.0),
                    mode_y: px(y - 6.0),
                }
            } else {
                // Next row: down from the last box, left, down into the first.
                let (x1, y1) = (ax + W / 2.0, ay + H);
                let (x2, y2) = (bx + W / 2.0, by);
                let mid = (y1 + y2) / 2.0;
                RouteEdge {
                    path: format!(
                        "M{} {}V{}H{}V{}",
                        px(x1),
                        px(y1),
                        px(mid),
                        px(x2),
                        px(y2 - 1.0)
                    ),
                    head: format!(
                        "{},{} {},{} {},{}",
                        px(x2),
                        px(y2),
                        px(x2 - 4.0),
                        px(y2 - 8.0),
                        px(x2 + 4.0),
                        px(y2 - 8.0)
                    ),
                    mode,
                    mode_x: px((x1 + x2) / 2.0),
                    mode_y: px(mid - 4.0),
                }
            }
        })
        .collect();
    let n = stops.len().max(1);
    let cols = n.min(PER_ROW) as f64;
    let rows = n.div_ceil(PER_ROW) as f64;
    RouteDiagram {
        title,
        width: px(2.0 * PAD + cols * W + (cols - 1.0) * GAP),
        height: px(2.0 * PAD + (rows - 1.0) * ROW_H + H),
        node_w: px(W),
        node_h: px(H),
        nodes,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blue_scale_runs_from_light_to_dark() {
        assert_eq!(blues(0.0), "#f7fbff");
        assert_eq!(blues(1.0), "#08306b");
        assert_eq!(blues(0.5), "#6baed6");
        assert_eq!(blues(f64::NAN), "#f7fbff");
        assert_eq!(blues(2.0), "#08306b");
    }

    #[test]
    fn heat_cell_text_reads_at_four_and_a_half_to_one_on_every_fill() {
        for k in 0..=100 {
            let fill = blues(f64::from(k) / 100.0);
            let r = contrast(&fill, readable_on(&fill));
            assert!(r >= 4.5, "{fill}: {r}");
        }
        assert!((contrast("#ffffff", "#000000") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn route_wraps_after_four_stops() {
        let stops: Vec<StopInput> = (0..6)
            .map(|i| StopInput {
                name: format!("s{i}"),
                sub: String::new(),
                mode: if i == 0 { "" } else { "rail" },
            })
            .collect();
        let d = route_diagram("r".into(), &stops);
        assert_eq!(d.nodes.len(), 6);
        assert_eq!(d.edges.len(), 5);
        // The fourth leg (stop 3 → stop 4) changes rows: it has vertical moves.
        assert!(d.edges[3].path.contains('V'));
        assert!(!d.edges[2].path.contains('V'));
        assert_eq!(d.nodes[4].y, "104");
    }

    #[test]
    fn vector_bars_scale_with_v() {
        let vals = [
            VectorInput {
                label: "a",
                value: 1.0,
                group: 0,
            },
            VectorInput {
                label: "b",
                value: 0.5,
                group: 1,
            },
        ];
        let c = vector_chart("t".into(), "h".into(), &vals, &["g".into()], 0.5);
        assert_eq!(c.bars[0].width, "250");
        assert_eq!(c.bars[1].width, "125");
        assert_eq!(c.theta_x, "135");
        assert_eq!(c.bars[1].fill, group_colour(1));
    }
}
