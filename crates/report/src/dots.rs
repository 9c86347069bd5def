//! The compact corridor figure: every corridor of a page as one row of a
//! sorted dot chart (`dots.svg.tera`) — its label on one line, its score
//! as a dot on a shared axis below, and its rank and confidence label in
//! words — and the text measure every chart uses so that no label leaves
//! its box.
//!
//! The chart is 340 units wide so that on a 390 px phone, inside the
//! page's margins and a card's padding, it is drawn at its own size and its
//! 11- and 12-unit text stays at 11 px or more.

use crate::fmt::px;
use serde::Serialize;

/// The canvas width of the compact charts, in SVG units.
pub const NARROW: f64 = 340.0;

/// A conservative advance per character, as a share of the font size: the
/// widest common glyphs of a sans-serif font average below it, so a text
/// measured with it never runs past the space given.
pub const EM_PER_CHAR: f64 = 0.62;

/// The width `text` takes at `font` units, measured conservatively.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().count() as f64 * font * EM_PER_CHAR
}

/// `text` cut to fit `width` at `font` units, with an ellipsis when cut.
pub fn fit(text: &str, font: f64, width: f64) -> String {
    if text_width(text, font) <= width {
        return text.to_string();
    }
    let keep = ((width / (font * EM_PER_CHAR)).floor() as usize).saturating_sub(1);
    let mut out: String = text.chars().take(keep).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `text` broken into at most `lines` lines that each fit `width` at
/// `font` units (words kept whole where they fit; the last line cut with an
/// ellipsis).
pub fn wrap(text: &str, font: f64, width: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let next = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&next, font) <= width || cur.is_empty() {
            cur = next;
        } else {
            out.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(rest);
    }
    out.into_iter().map(|l| fit(&l, font, width)).collect()
}

/// One corridor's input to the dot chart.
pub struct DotInput {
    /// The corridor's label.
    pub label: String,
    /// Its anchor in the page (`corridor-<id>`), or empty.
    pub anchor: String,
    /// Its score.
    pub score: f64,
    /// `rank 3 (2–5) · 0.412 · corroborated`.
    pub note: String,
    /// The confidence key, for the dot's colour.
    pub confidence: &'static str,
}

/// One row of the dot chart.
#[derive(Debug, Clone, Serialize)]
pub struct DotRow {
    /// Baseline of the label.
    pub label_y: String,
    /// The label, fitted to the width.
    pub label: String,
    /// The anchor the label links to, or empty.
    pub anchor: String,
    /// Centre of the track line.
    pub track_y: String,
    /// Centre of the dot.
    pub cx: String,
    /// Dot colour: the confidence label's.
    pub fill: &'static str,
    /// Baseline of the note.
    pub note_y: String,
    /// The rank, score and label, fitted.
    pub note: String,
}

/// The sorted dot chart: `dots.svg.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct DotChart {
    /// Accessible title.
    pub title: String,
    /// Canvas width.
    pub width: String,
    /// Canvas height.
    pub height: String,
    /// Where the axis starts.
    pub x0: String,
    /// Where the axis ends.
    pub x1: String,
    /// The rows, strongest first.
    pub rows: Vec<DotRow>,
    /// Axis ticks.
    pub ticks: Vec<crate::charts::Tick>,
    /// Top of the tick lines.
    pub top: String,
    /// Bottom of the tick lines.
    pub bottom: String,
    /// Baseline of the tick labels.
    pub tick_y: String,
}

/// The colour of a confidence label, shared with the page's badges (each
/// at 4.5:1 or better against white text).
pub fn confidence_colour(key: &str) -> &'static str {
    match key {
        "corroborated" => "#1b6e35",
        "supported" => "#0b4f8a",
        "single-source" => "#8f4a10",
        "insufficient" => "#5b4d80",
        _ => "#595959",
    }
}

/// Lays out the dot chart of `rows` (already in rank order).
pub fn dot_chart(title: String, rows: &[DotInput]) -> DotChart {
    const PAD: f64 = 6.0;
    const FONT: f64 = 12.0;
    const SMALL: f64 = 11.0;
    const ROW: f64 = 46.0;
    const TOP: f64 = 8.0;
    let (x0, x1) = (PAD + 6.0, NARROW - PAD - 6.0);
    // The axis runs to the next tenth above the largest score (at least
    // 0.1), so a page of weak corridors still spreads out.
    let max = rows.iter().map(|r| r.score).fold(0.0_f64, f64::max);
    let top_tick = ((max * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
    let scale = |s: f64| x0 + (s.clamp(0.0, top_tick) / top_tick) * (x1 - x0);
    let out: Vec<DotRow> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = TOP + i as f64 * ROW;
            DotRow {
                label_y: px(y + FONT),
                label: fit(&r.label, FONT, NARROW - 2.0 * PAD),
                anchor: r.anchor.clone(),
                track_y: px(y + 22.0),
                cx: px(scale(r.score)),
                fill: confidence_colour(r.confidence),
                note_y: px(y + 39.0),
                note: fit(&r.note, SMALL, NARROW - 2.0 * PAD),
            }
        })
        .collect();
    let bottom = TOP + rows.len() as f64 * ROW;
    let steps = (top_tick * 10.0).round() as usize;
    // At most six tick labels, so that they never touch at 11 units.
    let every = steps.div_ceil(5).max(1);
    let ticks = (0..=steps)
        .filter(|k| k % every == 0 || *k == steps)
        .map(|k| {
            let v = k as f64 / 10.0;
            crate::charts::Tick {
                x: px(scale(v)),
                label: crate::fmt::decimals(v, 1),
            }
        })
        .collect();
    DotChart {
        title,
        width: px(NARROW),
        height: px(bottom + 22.0),
        x0: px(x0),
        x1: px(x1),
        rows: out,
        ticks,
        top: px(TOP),
        bottom: px(bottom),
        tick_y: px(bottom + 14.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(fit("Bishkek", 12.0, 100.0), "Bishkek");
        let cut = fit("Manas International Airport (Bishkek)", 12.0, 100.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 12.0) <= 100.0, "{cut}");
    }

    #[test]
    fn wrap_keeps_words_and_fits_every_line() {
        let l = wrap("Gorno-Badakhshan Autonomous Region", 12.0, 130.0, 2);
        assert_eq!(l, vec!["Gorno-Badakhshan", "Autonomous Region"]);
        let l = wrap("a b c d e f g h i j k l m n o p", 12.0, 30.0, 2);
        assert_eq!(l.len(), 2);
        assert!(l.iter().all(|x| text_width(x, 12.0) <= 30.0), "{l:?}");
    }

    #[test]
    fn dots_sit_on_a_shared_axis() {
        let row = |s: f64| DotInput {
            label: "x".into(),
            anchor: String::new(),
            score: s,
            note: "n".into(),
            confidence: "supported",
        };
        let c = dot_chart("t".into(), &[row(0.4), row(0.2), row(0.0)]);
        assert_eq!(c.rows[0].cx, c.x1);
        assert_eq!(c.rows[2].cx, c.x0);
        assert_eq!(c.ticks.first().unwrap().label, "0.0");
        assert_eq!(c.ticks.last().unwrap().label, "0.4");
    }
}
