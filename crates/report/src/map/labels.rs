//! Greedy label placement for the route maps: each stop's name tries four
//! spots around its dot (right, left, above, below); a spot is taken when
//! the text, measured with the conservative width every chart uses
//! (`dots::text_width`), lies inside the frame and overlaps neither a
//! label placed before it nor another stop's dot. A name with no free spot
//! is shortened (the part before a parenthesis, then cut with an
//! ellipsis) and tried again, and dropped last; the dot's tooltip always
//! carries the full name, and the route list under the map names every
//! stop.

use crate::dots::text_width;

/// The font size of stop labels, in SVG units: the map is drawn at its own
/// width on a phone, so this is also its size in pixels there (≥ 11).
pub const FONT: f64 = 11.0;

/// Distance from the dot's centre to the label.
const GAP: f64 = 6.0;

/// Ascent and descent of a line of text, as shares of the font size; the
/// ascent is that of the bounds test (cap height 0.8 em).
const ASCENT: f64 = 0.8;
const DESCENT: f64 = 0.25;

/// A box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect(pub f64, pub f64, pub f64, pub f64);

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }
    fn inside(&self, w: f64, h: f64) -> bool {
        self.0 >= 1.0 && self.1 >= 1.0 && self.2 <= w - 1.0 && self.3 <= h - 1.0
    }
}

/// A placed label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Anchor x.
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// `start`, `end` or `middle`.
    pub anchor: &'static str,
    /// The text drawn (possibly shortened).
    pub text: String,
}

/// Shorter forms of `name`, longest first: without a parenthesis
/// ("Manas International Airport (Bishkek)" → "Manas International
/// Airport"), then cut to about twelve characters with an ellipsis.
fn shorter(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((head, _)) = name.split_once(" (") {
        out.push(head.trim().to_string());
    }
    let base = out.last().cloned().unwrap_or_else(|| name.to_string());
    let cut = crate::dots::fit(&base, FONT, text_width("Xxxxxxxxxxxx", FONT));
    if cut != base {
        out.push(cut);
    }
    out
}

/// Places the labels of `stops` — (x, y, name), in priority order — on a
/// `w` × `h` map, avoiding each other and every dot (`radius`). Returns one
/// entry per stop, `None` when its name found no free spot.
pub fn place(stops: &[(f64, f64, String)], radius: f64, w: f64, h: f64) -> Vec<Option<Placed>> {
    let dots: Vec<Rect> = stops
        .iter()
        .map(|(x, y, _)| Rect(x - radius, y - radius, x + radius, y + radius))
        .collect();
    let mut taken: Vec<Rect> = Vec::new();
    stops
        .iter()
        .enumerate()
        .map(|(k, (x, y, name))| {
            let texts = std::iter::once(name.clone()).chain(shorter(name));
            for text in texts {
                let tw = text_width(&text, FONT);
                let (asc, desc) = (FONT * ASCENT, FONT * DESCENT);
                // (anchor x, baseline, anchor, box)
                let spots = [
                    (
                        x + GAP,
                        y + asc / 2.0,
                        "start",
                        Rect(x + GAP, y - asc / 2.0, x + GAP + tw, y + asc / 2.0 + desc),
                    ),
                    (
                        x - GAP,
                        y + asc / 2.0,
                        "end",
                        Rect(x - GAP - tw, y - asc / 2.0, x - GAP, y + asc / 2.0 + desc),
                    ),
                    (
                        *x,
                        y - GAP - desc,
                        "middle",
                        Rect(x - tw / 2.0, y - GAP - desc - asc, x + tw / 2.0, y - GAP),
                    ),
                    (
                        *x,
                        y + GAP + asc,
                        "middle",
                        Rect(x - tw / 2.0, y + GAP, x + tw / 2.0, y + GAP + asc + desc),
                    ),
                ];
                for (lx, ly, anchor, r) in spots {
                    let free = r.inside(w, h)
                        && !taken.iter().any(|t| t.overlaps(&r))
                        && !dots
                            .iter()
                            .enumerate()
                            .any(|(j, d)| j != k && d.overlaps(&r));
                    if free {
                        taken.push(r);
                        return Some(Placed {
                            x: lx,
                            y: ly,
                            anchor,
                            text,
                        });
                    }
                }
            }
            None
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_goes_right_then_left_when_the_right_is_taken_or_outside() {
        let stops = vec![
            (10.0, 50.0, "Osh".to_string()),
            (95.0, 50.0, "Batken".to_string()),
        ];
        let p = place(&stops, 3.0, 100.0, 100.0);
        assert_eq!(p[0].as_ref().unwrap().anchor, "start");
        // Batken's right side would leave the 100-unit frame.
        assert_eq!(p[1].as_ref().unwrap().anchor, "end");
    }

    #[test]
    fn a_crowded_label_is_shortened_then_dropped() {
        assert_eq!(
            shorter("Manas International Airport (Bishkek)"),
            ["Manas International Airport", "Manas Inter…"]
        );
        // A frame too small for any form of the name.
        let stops = vec![(
            10.0,
            10.0,
            "Manas International Airport (Bishkek)".to_string(),
        )];
        assert_eq!(place(&stops, 3.0, 40.0, 20.0), vec![None]);
        // Room for the short form only, below the dot.
        let p = place(&stops, 3.0, 100.0, 40.0);
        assert_eq!(p[0].as_ref().unwrap().text, "Manas Inter…");
    }

    #[test]
    fn labels_never_overlap() {
        let stops: Vec<(f64, f64, String)> = (0..6)
            .map(|i| (50.0 + f64::from(i), 50.0, format!("Place {i}")))
            .collect();
        let placed = place(&stops, 3.0, 200.0, 100.0);
        assert!(placed[0].is_some() && placed[1].is_some());
        let boxes: Vec<Rect> = placed
            .iter()
            .flatten()
            .map(|p| {
                let tw = text_width(&p.text, FONT);
                let left = match p.anchor {
                    "start" => p.x,
                    "end" => p.x - tw,
                    _ => p.x - tw / 2.0,
                };
                Rect(left, p.y - FONT * ASCENT, left + tw, p.y + FONT * DESCENT)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }
}
