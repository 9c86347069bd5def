//! `corridor export` end to end on the shipped indicators and the report
//! fixture: every file written, byte-identical across runs, the CSVs'
//! row counts, keys and foreign keys, the scores against `score --format
//! json`, no confidential name, contact or file id in any public file (the
//! workbook unzipped), the folder rules, and the README's columns section
//! equal to what the code generates. The Python check
//! (`tests/data_out/check_export.py`, run by `.ci/run`) loads the same
//! files with pandas, openpyxl, frictionless and shapely.

use corridor_tests::{corridor, indicators, root, run_ok};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

const FILES: [&str; 11] = [
    "audit.csv",
    "corridor.xlsx",
    "corridors.csv",
    "datapackage.json",
    "findings.csv",
    "movements.csv",
    "places.csv",
    "routes.geojson",
    "scores.csv",
    "scores_long.csv",
    "sources.csv",
];

fn export(dir: &Path, out: &Path, extra: &[&str]) {
    let mut c = corridor();
    c.arg("--indicators")
        .arg(dir)
        .args(["export", "--draws", "500", "--out"])
        .arg(out)
        .args(extra);
    run_ok(&mut c);
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A minimal RFC 4180 reader (quoted cells, doubled quotes): the header
/// and the rows.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "CSV must end with a line end"
    );
    let header = rows.remove(0);
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{header:?} vs {r:?}");
    }
    (header, rows)
}

fn csv_of(dir: &Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&std::fs::read_to_string(dir.join(format!("{name}.csv"))).unwrap())
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// A CSV number against a JSON one. serde_json's default float parser
/// may be one unit in the last place off, so this allows 1e-15 relative;
/// the CSV itself is compared byte for byte with `score --format csv`.
fn close(csv: &str, json: &Value) {
    let (a, b) = (csv.parse::<f64>().unwrap(), json.as_f64().unwrap());
    assert!((a - b).abs() <= 1e-15 * b.abs().max(1.0), "{a} vs {b}");
}

/// The text of every file of the workbook (a zip of XML parts).
fn xlsx_text(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        f.read_to_string(&mut all).unwrap();
    }
    all
}

#[test]
fn export_of_the_shipped_indicators_is_complete_consistent_and_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    export(&indicators(), &a, &[]);
    export(&indicators(), &b, &[]);
    let fa = files(&a);
    let names: Vec<&str> = fa.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, FILES);
    assert!(fa == files(&b), "two exports differ");

    let model = corridor_schema::load_valid(&indicators()).unwrap().0;
    // Row counts, and unique primary keys.
    for (name, n, key) in [
        ("corridors", model.corridors.len(), "id"),
        ("movements", model.movements.len(), "id"),
        ("places", model.places.len(), "id"),
        ("sources", model.sources.len(), "id"),
        ("findings", model.findings.len(), "id"),
        (
            "scores",
            model.corridors.len() + model.movements.len(),
            "id",
        ),
        ("audit", model.corridors.len(), "id"),
    ] {
        let (h, rows) = csv_of(&a, name);
        assert_eq!(rows.len(), n, "{name}.csv rows");
        let k = col(&h, key);
        let keys: BTreeSet<&str> = rows.iter().map(|r| r[k].as_str()).collect();
        assert_eq!(keys.len(), n, "{name}.csv: {key} is not unique");
    }
    let (_, long) = csv_of(&a, "scores_long");
    assert_eq!(
        long.len(),
        11 * (model.corridors.len() + model.movements.len())
    );
    // Foreign keys: every finding's source is a source.
    let (sh, srows) = csv_of(&a, "sources");
    let sources: BTreeSet<&str> = srows.iter().map(|r| r[col(&sh, "id")].as_str()).collect();
    let (fh, frows) = csv_of(&a, "findings");
    for r in &frows {
        assert!(sources.contains(r[col(&fh, "source")].as_str()), "{r:?}");
    }
    // A finding that counts names the corridors where it does; one that
    // does not says why.
    let (counts, role, by, cf) = (
        col(&fh, "counts"),
        col(&fh, "role"),
        col(&fh, "role_by"),
        col(&fh, "counts_for"),
    );
    let ids: BTreeSet<&str> = frows.iter().map(|r| r[col(&fh, "id")].as_str()).collect();
    for r in &frows {
        match r[role].as_str() {
            "counts" => assert!(r[counts] == "true" && !r[cf].is_empty(), "{r:?}"),
            "same_source" | "repeat" => {
                assert!(
                    r[counts] == "false" && ids.contains(r[by].as_str()),
                    "{r:?}"
                )
            }
            "unscored" | "gap" => assert!(r[counts] == "false" && r[by].is_empty(), "{r:?}"),
            other => panic!("unknown role {other}"),
        }
    }
    assert!(frows.iter().any(|r| r[role] == "repeat"));
    assert!(frows.iter().any(|r| r[role] == "gap"));

    // The wide scores are `score --format json`'s, smuggling first.
    let json: Value =
        serde_json::from_slice(&run_ok(corridor().args(["score", "--format", "json"]))).unwrap();
    let (h, rows) = csv_of(&a, "scores");
    let corridors = json["corridors"].as_array().unwrap();
    for (r, j) in rows.iter().zip(corridors) {
        assert_eq!(r[col(&h, "kind")], "corridor");
        assert_eq!(r[col(&h, "id")], j["id"].as_str().unwrap());
        assert_eq!(r[col(&h, "rank")], j["rank"].to_string());
        close(&r[col(&h, "score")], &j["score"]);
        assert_eq!(r[col(&h, "confidence")], j["confidence"].as_str().unwrap());
        assert_eq!(r[col(&h, "groups")], j["groups"].to_string());
    }
    let traf: Value = serde_json::from_slice(&run_ok(corridor().args([
        "score",
        "--format",
        "json",
        "--phenomenon",
        "trafficking",
    ])))
    .unwrap();
    let first = &traf["corridors"][0];
    let row = rows
        .iter()
        .find(|r| r[col(&h, "id")] == first["id"].as_str().unwrap())
        .unwrap();
    assert_eq!(row[col(&h, "trafficking_rank")], "1");
    close(&row[col(&h, "trafficking_score")], &first["score"]);
    // `score --format csv` is the export's scores.csv.
    let wide = run_ok(corridor().args(["score", "--format", "csv"]));
    assert_eq!(wide, std::fs::read(a.join("scores.csv")).unwrap());
    let long = run_ok(corridor().args(["score", "--format", "csv-long"]));
    assert_eq!(long, std::fs::read(a.join("scores_long.csv")).unwrap());

    // The data package describes every CSV with its exact header.
    let pkg: Value =
        serde_json::from_slice(&std::fs::read(a.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(pkg["name"], "corridor-export");
    let resources = pkg["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 8);
    for res in resources {
        let (h, _) =
            read_csv(&std::fs::read_to_string(a.join(res["path"].as_str().unwrap())).unwrap());
        let fields: Vec<&str> = res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(h, fields, "{}", res["name"]);
        for f in res["schema"]["fields"].as_array().unwrap() {
            assert!(!f["description"].as_str().unwrap().is_empty(), "{f}");
        }
    }

    // Every route is a feature; the located ones are lines.
    let geo: Value =
        serde_json::from_slice(&std::fs::read(a.join("routes.geojson")).unwrap()).unwrap();
    let routes: Vec<&Value> = geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["feature"] == "route")
        .collect();
    let with_route = model.findings.iter().filter(|f| f.route.is_some()).count();
    assert_eq!(routes.len(), with_route);
    for r in &routes {
        let stops = r["properties"]["stops"].as_array().unwrap().len();
        let missing = r["properties"]["missing_coordinates"]
            .as_array()
            .unwrap()
            .len();
        match r["geometry"]["coordinates"].as_array() {
            Some(c) => assert_eq!(c.len(), stops - missing, "{r}"),
            None => assert!(stops - missing < 2, "{r}"),
        }
    }
    assert!(routes.iter().any(|r| r["geometry"]["type"] == "LineString"));

    // The workbook has a README sheet and one sheet per table.
    let x = xlsx_text(&fa.iter().find(|(n, _)| n == "corridor.xlsx").unwrap().1);
    for sheet in ["README", "corridors", "findings", "scores_long", "audit"] {
        assert!(x.contains(&format!("name=\"{sheet}\"")), "no sheet {sheet}");
    }
    assert!(x.contains("2000-01-01T00:00:00Z"), "fixed creation date");
}

/// The names, contacts and `<file id>#` of the confidential sources.
fn secrets(dir: &Path) -> Vec<String> {
    let model = corridor_schema::load_valid(dir).unwrap().0;
    model
        .sources
        .iter()
        .filter(|s| s.confidential)
        .flat_map(|s| {
            [
                Some(s.name.clone()),
                s.contact.clone(),
                Some(format!("{}#", s.id)),
            ]
        })
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn all_text(dir: &Path) -> Vec<(String, String)> {
    files(dir)
        .into_iter()
        .map(|(n, b)| {
            let t = if n.ends_with(".xlsx") {
                xlsx_text(&b)
            } else {
                String::from_utf8(b).unwrap()
            };
            (n, t.to_lowercase())
        })
        .collect()
}

#[test]
fn public_export_names_no_confidential_source_and_internal_does() {
    for dir in [
        root().join("crates/report/tests/fixtures/mini"),
        indicators(),
    ] {
        let s = secrets(&dir);
        assert!(!s.is_empty());
        let tmp = tempfile::tempdir().unwrap();
        export(&dir, &tmp.path().join("pub"), &[]);
        for (name, text) in all_text(&tmp.path().join("pub")) {
            for x in &s {
                assert!(!text.contains(&x.to_lowercase()), "{name} contains {x:?}");
            }
        }
        export(&dir, &tmp.path().join("int"), &["--internal"]);
        let all: String = all_text(&tmp.path().join("int"))
            .into_iter()
            .filter(|(n, _)| n.ends_with(".csv"))
            .map(|(_, t)| t)
            .collect();
        for x in s.iter().filter(|x| !x.ends_with('#')) {
            assert!(
                all.contains(&x.to_lowercase()),
                "internal export lacks {x:?}"
            );
        }
    }
}

#[test]
fn export_refuses_a_foreign_folder_and_replaces_an_earlier_export() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notes");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("mine.txt"), "keep me").unwrap();
    let out = corridor()
        .args(["export", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: refusing to write into {}: it is not empty and holds no corridor export (no datapackage.json named \"corridor-export\"); choose a new or empty folder for --out\n",
            dir.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.txt")).unwrap(),
        "keep me"
    );

    // An earlier export is replaced whole; a file added to it is refused.
    let ex = tmp.path().join("ex");
    export(&indicators(), &ex, &[]);
    export(&indicators(), &ex, &["--internal"]);
    let sources = std::fs::read_to_string(ex.join("sources.csv")).unwrap();
    assert!(
        sources.lines().next().unwrap().ends_with(",contact,file"),
        "{sources}"
    );
    std::fs::write(ex.join("extra.csv"), "x").unwrap();
    let out = corridor()
        .args(["export", "--out"])
        .arg(&ex)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: refusing to write into {}: it holds files an export does not write (extra.csv); choose a new or empty folder for --out\n",
            ex.display()
        )
    );
    // No staging folder is left beside it.
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn readme_columns_section_is_generated_from_the_data_package() {
    let generated =
        String::from_utf8(run_ok(corridor().args(["export", "--print-columns-md"]))).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (begin, end) = (
        "<!-- export-columns:begin -->\n",
        "<!-- export-columns:end -->",
    );
    let start = readme.find(begin).expect("README has the columns markers") + begin.len();
    let stop = readme[start..].find(end).expect("end marker") + start;
    assert_eq!(
        &readme[start..stop],
        generated,
        "README's export columns are stale: replace the section with `corridor export --print-columns-md`"
    );
    assert!(generated.contains("| `counts` | boolean |"), "{generated}");
}

#[test]
fn list_gives_every_field_as_csv_and_json() {
    let json: Value = serde_json::from_slice(&run_ok(corridor().args([
        "list",
        "findings",
        "--corridor",
        "bgd-kgz",
        "--format",
        "json",
    ])))
    .unwrap();
    let rows = json.as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(
            r["corridors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "bgd-kgz"),
            "{r}"
        );
        for k in [
            "period",
            "quantity_value",
            "fee_value",
            "source",
            "strength",
            "credibility",
            "a",
            "counts",
            "role",
        ] {
            assert!(r.get(k).is_some(), "{k} missing from {r}");
        }
    }
    let csv = String::from_utf8(run_ok(corridor().args([
        "list",
        "findings",
        "--corridor",
        "bgd-kgz",
        "--format",
        "csv",
    ])))
    .unwrap();
    let (h, crows) = read_csv(&csv);
    assert_eq!(crows.len(), rows.len());
    let cc = col(&h, "corridors");
    for (c, j) in crows.iter().zip(rows) {
        let list: Vec<&str> = j["corridors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(c[cc], list.join(";"));
    }
    // The export's findings.csv holds the same rows.
    let tmp = tempfile::tempdir().unwrap();
    export(&indicators(), &tmp.path().join("e"), &[]);
    let all = std::fs::read_to_string(tmp.path().join("e/findings.csv")).unwrap();
    for line in csv.lines() {
        assert!(all.contains(line), "{line}");
    }
}
