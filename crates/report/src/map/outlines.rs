//! The country outlines of the route maps: `data/outlines.txt` (Natural
//! Earth 1:50m via `world-atlas`, made by `data/make_outlines.py`, see
//! `data/README.md`), embedded at build time and parsed once; the map's
//! projection; and the clipping of a projected ring to the map's frame.

use std::sync::LazyLock;

/// One country of the outline data.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// A point inside the country (its largest part's pole of
    /// inaccessibility), longitude and latitude in degrees: where a route
    /// stop that is a whole country is drawn.
    pub label: (f64, f64),
    /// Outer rings, longitude/latitude pairs in degrees.
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// The embedded data.
const DATA: &str = include_str!("../../data/outlines.txt");

/// The countries of the embedded data, sorted by code.
pub static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    // The data is part of the crate and a test parses it whole, so a
    // failure here is a build defect, not bad input.
    parse(DATA).expect("the embedded outlines parse (tested)")
});

/// Parses the outline format (see `make_outlines.py`): `C code lon lat`
/// starts a country, each `R lon,lat …` line is one of its rings, `#`
/// lines are comments. An error names the line.
pub fn parse(text: &str) -> Result<Vec<Country>, String> {
    let mut out: Vec<Country> = Vec::new();
    let num = |s: &str, line: usize| -> Result<f64, String> {
        s.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("line {line}: {s:?} is not a number"))
    };
    for (i, l) in text.lines().enumerate() {
        let line = i + 1;
        let mut parts = l.split(' ');
        match parts.next() {
            None | Some("") | Some("#") => {}
            Some("C") => {
                let (Some(code), Some(lon), Some(lat), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(format!("line {line}: expected `C CODE LON LAT`"));
                };
                out.push(Country {
                    code: code.to_string(),
                    label: (num(lon, line)?, num(lat, line)?),
                    rings: Vec::new(),
                });
            }
            Some("R") => {
                let ring = parts
                    .map(|p| {
                        let (lon, lat) = p
                            .split_once(',')
                            .ok_or_else(|| format!("line {line}: {p:?} is not `lon,lat`"))?;
                        Ok((num(lon, line)?, num(lat, line)?))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let Some(c) = out.last_mut() else {
                    return Err(format!("line {line}: a ring before any country"));
                };
                c.rings.push(ring);
            }
            Some(other) => return Err(format!("line {line}: unknown record {other:?}")),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// The country of `code`, if the data has it.
pub fn country(code: &str) -> Option<&'static Country> {
    let all: &'static [Country] = &COUNTRIES;
    all.binary_search_by(|c| c.code.as_str().cmp(code))
        .ok()
        .map(|i| &all[i])
}

/// The standard parallel of the projection, in degrees: the middle of the
/// study's region (Sri Lanka to Moscow).
pub const STANDARD_PARALLEL: f64 = 40.0;

/// The map projection: equirectangular with standard parallel
/// [`STANDARD_PARALLEL`] (true to scale east–west at 40° N), in degrees of
/// latitude, y growing southwards like SVG's.
pub fn project((lon, lat): (f64, f64)) -> (f64, f64) {
    (lon * STANDARD_PARALLEL.to_radians().cos(), -lat)
}

/// `ring` clipped to the rectangle `[0, w] × [0, h]` (Sutherland–Hodgman:
/// the rectangle is convex, so each edge cuts once). The result may run
/// along the frame, which the frame hides; empty when the ring lies
/// outside.
pub fn clip(ring: &[(f64, f64)], w: f64, h: f64) -> Vec<(f64, f64)> {
    type Inside = fn((f64, f64), f64, f64) -> bool;
    type Cut = fn((f64, f64), (f64, f64), f64, f64) -> (f64, f64);
    let edges: [(Inside, Cut); 4] = [
        (
            |p, _, _| p.0 >= 0.0,
            |a, b, _, _| (0.0, a.1 + (b.1 - a.1) * (0.0 - a.0) / (b.0 - a.0)),
        ),
        (
            |p, w, _| p.0 <= w,
            |a, b, w, _| (w, a.1 + (b.1 - a.1) * (w - a.0) / (b.0 - a.0)),
        ),
        (
            |p, _, _| p.1 >= 0.0,
            |a, b, _, _| (a.0 + (b.0 - a.0) * (0.0 - a.1) / (b.1 - a.1), 0.0),
        ),
        (
            |p, _, h| p.1 <= h,
            |a, b, _, h| (a.0 + (b.0 - a.0) * (h - a.1) / (b.1 - a.1), h),
        ),
    ];
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    for (inside, cut) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = *input.last().expect("not empty");
        for &cur in &input {
            match (inside(cur, w, h), inside(prev, w, h)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cut(prev, cur, w, h));
                    out.push(cur);
                }
                (false, true) => out.push(cut(prev, cur, w, h)),
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_outlines_parse_and_cover_the_study_region() {
        let all = parse(DATA).unwrap();
        assert_eq!(all.len(), COUNTRIES.len());
        for code in [
            "AFG", "BGD", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "TKM", "TUR",
            "UZB",
        ] {
            let c = country(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!c.rings.is_empty(), "{code}");
            assert!(c.rings.iter().all(|r| r.len() >= 3), "{code}");
        }
        // The label point of a country lies in the region's box.
        let kgz = country("KGZ").unwrap();
        assert!((69.0..81.0).contains(&kgz.label.0) && (39.0..44.0).contains(&kgz.label.1));
        assert!(country("DEU").is_none());
    }

    #[test]
    fn a_broken_outline_line_is_named() {
        assert_eq!(
            parse("C KGZ 74 41\nR 1,2 3;4\n").unwrap_err(),
            "line 2: \"3;4\" is not `lon,lat`"
        );
        assert_eq!(
            parse("R 1,2\n").unwrap_err(),
            "line 1: a ring before any country"
        );
        assert_eq!(
            parse("C KGZ x 41\n").unwrap_err(),
            "line 1: \"x\" is not a number"
        );
    }

    #[test]
    fn clipping_keeps_the_part_inside_the_frame() {
        // A square straddling the right edge of a 10 × 10 frame.
        let sq = [(5.0, 2.0), (15.0, 2.0), (15.0, 8.0), (5.0, 8.0)];
        assert_eq!(
            clip(&sq, 10.0, 10.0),
            vec![(5.0, 2.0), (10.0, 2.0), (10.0, 8.0), (5.0, 8.0)]
        );
        let away = [(20.0, 2.0), (30.0, 2.0), (30.0, 8.0)];
        assert!(clip(&away, 10.0, 10.0).is_empty());
    }
}
