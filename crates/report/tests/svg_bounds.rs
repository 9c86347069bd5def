//! Every text label of every chart lies inside its chart's viewBox, with
//! text measured conservatively (0.62 em per character, the bound the
//! layout uses): rendered from the fixture and the shipped indicators, each
//! `<text>` of each SVG is boxed by its anchor, font size and rotation.

use corridor_report::{Options, RenderedFile, Templates, render_model};
use std::path::Path;

fn files(dir: &Path) -> Vec<RenderedFile> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    let o = Options::new("equal weights");
    render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders")
}

/// The value of attribute `name` in a tag, if any.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    tag[i..].split('"').next()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Every label of `svg` that leaves its viewBox, described.
fn outside(svg: &str) -> Vec<String> {
    let vb: Vec<f64> = attr(svg, "viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    let (w, h) = (vb[2], vb[3]);
    let root_size: f64 = attr(svg, "font-size").map_or(16.0, |s| s.parse().unwrap());
    let mut bad = Vec::new();
    // Group attributes (font size, anchor) are inherited: track the open
    // <g> tags.
    let mut stack: Vec<(Option<f64>, Option<String>)> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.starts_with("<g") {
            stack.push((
                attr(tag, "font-size").map(|s| s.parse().unwrap()),
                attr(tag, "text-anchor").map(String::from),
            ));
        } else if tag.starts_with("</g") {
            stack.pop();
        } else if tag.starts_with("<text") {
            let close = rest.find("</text>").unwrap();
            let text = unescape(&rest[end + 1..close]);
            let inherited = |k: usize| -> Option<String> {
                stack.iter().rev().find_map(|(s, a)| match k {
                    0 => s.map(|x| x.to_string()),
                    _ => a.clone(),
                })
            };
            let size: f64 = attr(tag, "font-size")
                .map(String::from)
                .or_else(|| inherited(0))
                .map_or(root_size, |s| s.parse().unwrap());
            let anchor = attr(tag, "text-anchor")
                .map(String::from)
                .or_else(|| inherited(1))
                .unwrap_or_else(|| "start".into());
            let len = text.chars().count() as f64 * size * 0.62;
            let (x, y, angle) = match attr(tag, "transform") {
                Some(t) => {
                    // translate(x y) rotate(a)
                    let nums: Vec<f64> = t
                        .replace(['(', ')'], " ")
                        .split_whitespace()
                        .filter_map(|s| s.parse().ok())
                        .collect();
                    (nums[0], nums[1], nums[2].to_radians())
                }
                None => (
                    attr(tag, "x").unwrap().parse().unwrap(),
                    attr(tag, "y").unwrap().parse::<f64>().unwrap()
                        + attr(tag, "dy").map_or(0.0, |d| d.parse().unwrap()),
                    0.0,
                ),
            };
            let start = match anchor.as_str() {
                "middle" => -len / 2.0,
                "end" => -len,
                _ => 0.0,
            };
            // The baseline from start to start + len, and the cap height
            // above it, rotated about (x, y).
            let pts = [
                (start, 0.0),
                (start + len, 0.0),
                (start, -size * 0.8),
                (start + len, -size * 0.8),
            ];
            for (dx, dy) in pts {
                let px = x + dx * angle.cos() - dy * angle.sin();
                let py = y + dx * angle.sin() + dy * angle.cos();
                if px < -0.01 || px > w + 0.01 || py < -0.01 || py > h + 0.01 {
                    bad.push(format!("{text:?} at ({px:.1}, {py:.1}) outside {w}×{h}"));
                    break;
                }
            }
            rest = &rest[close..];
            continue;
        }
        rest = &rest[end + 1..];
    }
    bad
}

#[test]
fn every_chart_label_lies_inside_its_viewbox() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut maps = 0;
    let mut bad = Vec::new();
    for dir in [
        here.join("tests/fixtures/mini"),
        here.join("../../indicators"),
    ] {
        for f in files(&dir).iter().filter(|f| f.path.ends_with(".svg")) {
            let svg = String::from_utf8(f.bytes.clone()).unwrap();
            checked += 1;
            maps += usize::from(f.path.contains("-map") || f.path == "charts/map.svg");
            bad.extend(
                outside(&svg)
                    .into_iter()
                    .map(|b| format!("{}: {b}", f.path)),
            );
        }
    }
    assert!(checked > 50, "{checked} charts");
    // The route maps of the shipped indicators: three chapters, their
    // three detail maps and the region.
    assert_eq!(maps, 7, "route maps checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_bounds_check_sees_a_label_that_spills() {
    let svg = r#"<svg viewBox="0 0 100 20" font-size="12"><text x="90" y="15">Manas International Airport</text></svg>"#;
    assert_eq!(outside(svg).len(), 1);
    let svg = r#"<svg viewBox="0 0 100 20" font-size="12"><g text-anchor="end"><text x="95" y="15">Bishkek</text></g></svg>"#;
    assert!(outside(svg).is_empty());
}
