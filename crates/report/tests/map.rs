//! The route maps on the fixture `tests/fixtures/mini`: without
//! coordinates (the fixture as it is) its one route keeps its diagram and
//! no map is drawn; with the coordinates of `tests/fixtures/map/places.yaml`
//! (every stop but Taraz) the chapter and the overview get a map, the
//! route is titled by its stops, names Taraz as off the map and keeps its
//! diagram; with Taraz located too, the map shows the route whole and the
//! diagram goes. The map itself is compared whole with a snapshot.

// The tests build indicator folders in temporary directories.
#![allow(clippy::disallowed_methods)]

use corridor_report::{Options, RenderedFile, Templates, render_model};
use corridor_score::Weighting;
use std::path::{Path, PathBuf};

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The mini fixture with `places` as its `places.yaml`.
fn with_places(places: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&mini(), dir.path());
    std::fs::write(dir.path().join("places.yaml"), places).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<RenderedFile> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    let o = Options::new("equal weights");
    render_model(
        &model,
        &Weighting::equal(),
        &o,
        &Templates::embedded().unwrap(),
    )
    .expect("renders")
}

fn text(files: &[RenderedFile], path: &str) -> Option<String> {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| String::from_utf8(f.bytes.clone()).unwrap())
}

fn map_places() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/map/places.yaml"),
    )
    .unwrap()
}

#[test]
fn a_route_without_coordinates_keeps_its_diagram_and_draws_no_map() {
    let out = files(&mini());
    assert!(text(&out, "charts/KGZ-route-1.svg").is_some());
    assert!(text(&out, "charts/KGZ-map.svg").is_none());
    assert!(text(&out, "charts/map.svg").is_none());
    let md = text(&out, "KGZ.md").unwrap();
    assert!(md.contains("![Route 1 of Kyrgyzstan: Dhaka → (rail) Delhi → (air) Dushanbe → (taxi) Bishkek → (taxi) Taraz](charts/KGZ-route-1.svg)"), "{md}");
    assert!(!md.contains("Not on the map"));
    let html = text(&out, "KGZ.html").unwrap();
    assert!(!html.contains("<figure class=\"map\">"));
    assert!(
        !text(&out, "overview.html")
            .unwrap()
            .contains("Routes across the region")
    );
}

#[test]
fn a_route_with_a_stop_off_the_map_is_drawn_named_and_keeps_its_diagram() {
    let dir = with_places(&map_places());
    let out = files(dir.path());
    let svg = text(&out, "charts/KGZ-map.svg").expect("a chapter map");
    insta::assert_snapshot!("map.svg", svg);
    assert!(text(&out, "charts/map.svg").is_some(), "a regional map");
    assert!(
        text(&out, "charts/KGZ-route-1.svg").is_some(),
        "the diagram stays"
    );
    let md = text(&out, "KGZ.md").unwrap();
    let routes = &md[md.find("## 2. Smuggling routes").unwrap()..md.find("## 3.").unwrap()];
    assert_eq!(
        routes
            .lines()
            .filter(|l| !l.is_empty())
            .take(5)
            .collect::<Vec<_>>(),
        [
            "## 2. Smuggling routes",
            "![Map of the smuggling routes reported in Kyrgyzstan](charts/KGZ-map.svg)",
            "*The route of this chapter, over country outlines (Natural Earth). A line is wider the more routes take that leg; the arrow gives the direction. Stops without coordinates, or beyond the region drawn, are named under their route.*",
            "### 1. Dhaka → Delhi → Dushanbe → Bishkek → Taraz",
            "*IOM AVR programme declarations, grade B2*",
        ]
    );
    assert!(routes.contains("*Not on the map: Taraz.*"), "{routes}");
    let html = text(&out, "KGZ.html").unwrap();
    assert!(html.contains("<figure class=\"map\"><svg"));
    assert!(html.contains("<p class=\"muted\">Not on the map: Taraz.</p>"));
    let overview = text(&out, "overview.md").unwrap();
    assert!(overview.contains("## Routes across the region\n\n![Map of the smuggling routes reported in the region](charts/map.svg)"));
}

#[test]
fn a_route_wholly_on_the_map_drops_its_diagram_but_keeps_its_path() {
    let places = map_places().replace(
        "{id: taraz, name: Taraz, country: KAZ, kind: city}",
        "{id: taraz, name: Taraz, country: KAZ, kind: city, lat: 42.90, lon: 71.37}",
    );
    let dir = with_places(&places);
    let out = files(dir.path());
    assert!(text(&out, "charts/KGZ-map.svg").is_some());
    assert!(text(&out, "charts/KGZ-route-1.svg").is_none());
    let md = text(&out, "KGZ.md").unwrap();
    assert!(md.contains("Dhaka → (rail) Delhi → (air) Dushanbe → (taxi) Bishkek → (taxi) Taraz"));
    assert!(!md.contains("Not on the map"));
    let html = text(&out, "KGZ.html").unwrap();
    assert!(
        html.contains(
            "<p>Dhaka → (rail) Delhi → (air) Dushanbe → (taxi) Bishkek → (taxi) Taraz</p>"
        )
    );
    // The same inputs, the same bytes.
    assert_eq!(out, files(dir.path()));
}
