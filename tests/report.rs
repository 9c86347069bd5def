//! End-to-end tests of `corridor report`: the files it writes, redaction
//! over every written file, the Kyrgyzstan chapter's two tables from the
//! study on the shipped indicators, and the committed `reports/` being
//! exactly what a fresh run writes.

use corridor_tests::{corridor, indicators, root};
use std::path::{Path, PathBuf};

/// The report crate's fixture model.
fn mini() -> PathBuf {
    root().join("crates/report/tests/fixtures/mini")
}

/// Runs `corridor --indicators DIR report ARGS... --out OUT` and returns
/// its stdout; fails the test when it fails.
fn report(dir: &Path, out: &Path, args: &[&str]) -> String {
    let o = corridor()
        .arg("--indicators")
        .arg(dir)
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("corridor runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "corridor report failed: {stderr}");
    String::from_utf8(o.stdout).expect("UTF-8 stdout")
}

/// Every file under `dir`, as (path relative to dir with `/`, bytes).
fn walk(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable folder") {
            let p = e.expect("folder entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("under dir");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, std::fs::read(&p).expect("readable file")));
            }
        }
    }
    out.sort();
    out
}

/// The names and contacts of the confidential sources of `dir`.
fn secrets(dir: &Path) -> Vec<String> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    model
        .sources
        .iter()
        .filter(|s| s.confidential)
        // The file id too: finding ids default to `<file id>#<n>`, and a
        // file id is often built from the source's name (review finding).
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

fn assert_no_secret(dir: &Path, secrets: &[String]) {
    let files = walk(dir);
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for s in secrets {
            // Also the escaped forms a template could turn the name into
            // (HTML entities, Markdown backslashes), and any letter case.
            let html = s
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\'', "&#x27;")
                .replace('"', "&quot;");
            let md: String = s
                .chars()
                .flat_map(|c| {
                    if "\\`*_{}[]()#+-.!|<>$".contains(c) {
                        vec!['\\', c]
                    } else {
                        vec![c]
                    }
                })
                .collect();
            let lower = text.to_lowercase();
            for form in [s.as_str(), html.as_str(), md.as_str()] {
                assert!(
                    !lower.contains(&form.to_lowercase()),
                    "{path} contains {form:?}"
                );
            }
        }
    }
}

#[test]
fn writes_every_page_in_both_formats_with_charts_beside_the_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let stdout = report(&mini(), tmp.path(), &[]);
    assert!(stdout.starts_with("wrote "), "{stdout}");
    let paths: Vec<String> = walk(tmp.path()).into_iter().map(|(p, _)| p).collect();
    for page in ["index", "overview", "KAZ", "KGZ"] {
        for ext in ["md", "html"] {
            let p = format!("{page}.{ext}");
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
    }
    assert!(paths.contains(&"charts/heatmap.svg".to_string()));
    // Atomic writes leave no temporary file behind.
    assert!(paths.iter().all(|p| !p.ends_with(".tmp")), "{paths:?}");
    // The audit document is written beside the chapters and linked from
    // the index; with --no-audit it is neither written nor linked.
    for p in ["audit.md", "audit.html"] {
        assert!(paths.contains(&p.to_string()), "{p} missing from {paths:?}");
    }
    let index = std::fs::read_to_string(tmp.path().join("index.md")).unwrap();
    assert!(index.contains("](audit.md)"), "{index}");
    let bare = tempfile::tempdir().unwrap();
    report(&mini(), bare.path(), &["--no-audit", "--format", "md"]);
    assert!(!bare.path().join("audit.md").exists());
    let index = std::fs::read_to_string(bare.path().join("index.md")).unwrap();
    assert!(!index.contains("audit.md"), "{index}");
}

#[test]
fn a_chart_the_report_no_longer_makes_is_removed_and_other_files_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report(&mini(), &out, &["--no-audit"]);
    // A chart of an earlier run (a route diagram now on the map, say) and
    // the analyst's own files beside the report.
    std::fs::write(out.join("charts/KGZ-route-99.svg"), "<svg/>").unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::create_dir(out.join("extra")).unwrap();
    std::fs::write(out.join("extra/keep.md"), "mine too").unwrap();
    // An HTML-only run writes no chart file, so it keeps the Markdown's.
    report(&mini(), &out, &["--no-audit", "--format", "html"]);
    assert!(out.join("charts/KGZ-route-99.svg").exists());
    // So does a run of one chapter: the other chapters keep theirs.
    report(&mini(), &out, &["--no-audit", "--country", "KGZ"]);
    assert!(out.join("charts/KGZ-route-99.svg").exists());
    let kaz: Vec<String> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("KAZ-"))
        .collect();
    assert!(!kaz.is_empty(), "the KAZ chapter's charts are gone");
    // A run of every chapter with Markdown writes charts/ whole.
    report(&mini(), &out, &["--no-audit"]);
    assert!(!out.join("charts/KGZ-route-99.svg").exists());
    assert!(out.join("charts/heatmap.svg").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("extra/keep.md")).unwrap(),
        "mine too"
    );
}

#[test]
fn public_report_of_the_fixture_leaks_no_confidential_source() {
    let s = secrets(&mini());
    assert_eq!(
        s.len(),
        6,
        "the fixture has two confidential sources (name, contact, id each)"
    );
    let tmp = tempfile::tempdir().unwrap();
    report(&mini(), tmp.path(), &[]);
    assert_no_secret(tmp.path(), &s);
    // The same run for internal readers does show them.
    let internal = tempfile::tempdir().unwrap();
    report(&mini(), internal.path(), &["--audience", "internal"]);
    let all: String = walk(internal.path())
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    // (Names and contacts; ids need not appear when findings have their own.)
    for x in s.iter().filter(|x| !x.ends_with('#')) {
        assert!(all.contains(x.as_str()), "internal report lacks {x:?}");
    }
}

#[test]
fn public_report_of_the_shipped_indicators_leaks_no_confidential_source() {
    let s = secrets(&indicators());
    let tmp = tempfile::tempdir().unwrap();
    report(&indicators(), tmp.path(), &[]);
    assert_no_secret(tmp.path(), &s);
}

/// The rows of the Markdown table that follows the line containing
/// `caption`, split into trimmed cells.
fn table_after(md: &str, caption: &str) -> Vec<Vec<String>> {
    let mut lines = md.lines().skip_while(|l| !l.contains(caption));
    assert!(lines.next().is_some(), "no table captioned {caption:?}");
    lines
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn kyrgyzstan_chapter_reproduces_the_study_tables() {
    // The study's table "Total Cost of a Trip to Kyrgyzstan" (25 migrants)
    // and its table of Bangladeshi AVR cases by status, computed here from
    // the shipped indicator files.
    let tmp = tempfile::tempdir().unwrap();
    report(
        &indicators(),
        tmp.path(),
        &["--country", "KGZ", "--format", "md"],
    );
    let md = std::fs::read_to_string(tmp.path().join("KGZ.md")).unwrap();
    let fees = table_after(
        &md,
        "Total cost of the trip by country of origin (25 interviewed migrants)",
    );
    let total = fees.iter().find(|r| r[0] == "Total").expect("total row");
    assert_eq!(total[1..], ["4", "5", "4", "7", "5", "25"]);
    let pct = fees.iter().find(|r| r[0] == "%").expect("percent row");
    assert_eq!(pct[1..], ["16%", "20%", "16%", "28%", "20%", "100%"]);
    let avr = table_after(&md, "AVR cases by status");
    let total_of = |name: &str| {
        avr.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no AVR row for {name}"))
            .last()
            .unwrap()
            .clone()
    };
    assert_eq!(total_of("Kazakhstan"), "42");
    assert_eq!(total_of("Kyrgyzstan"), "15");
}

/// Whether `path` (relative to the report folder) is a name `corridor
/// report` writes: `index`, `overview` or an ISO3 chapter in .md or .html,
/// or a vector, heat-map, route or map chart.
fn is_report_file(path: &str) -> bool {
    if let Some(chart) = path.strip_prefix("charts/") {
        let Some(stem) = chart.strip_suffix(".svg") else {
            return false;
        };
        return stem.starts_with("vector-")
            || stem == "heatmap"
            || stem == "map"
            || stem.len() > 4
                && stem[..3].bytes().all(|b| b.is_ascii_uppercase())
                && (stem[3..].starts_with("-route-")
                    || ["-map", "-map-detail"].contains(&&stem[3..]));
    }
    let Some((stem, ext)) = path.rsplit_once('.') else {
        return false;
    };
    (ext == "md" || ext == "html")
        && (stem == "index"
            || stem == "overview"
            || stem.len() == 3 && stem.bytes().all(|b| b.is_ascii_uppercase()))
}

#[test]
fn committed_reports_are_what_a_fresh_run_writes() {
    let reports = root().join("reports");
    assert!(
        reports.join("index.md").is_file(),
        "reports/ holds no rendered report: run `cargo run --release -- report` and commit reports/"
    );
    let tmp = tempfile::tempdir().unwrap();
    report(&indicators(), tmp.path(), &[]);
    // Every file, the audit document included: it is seeded, so a fresh
    // run must reproduce it byte for byte too.
    let fresh = walk(tmp.path());
    let mut problems = Vec::new();
    for (path, bytes) in &fresh {
        match std::fs::read(reports.join(path)) {
            Ok(old) if &old == bytes => {}
            Ok(_) => problems.push(format!("{path} differs")),
            Err(_) => problems.push(format!("{path} is not committed")),
        }
    }
    // A committed page or chart the run no longer writes is stale.
    for (path, _) in walk(&reports) {
        if is_report_file(&path) && !fresh.iter().any(|(p, _)| *p == path) {
            problems.push(format!("{path} is stale"));
        }
    }
    assert!(
        problems.is_empty(),
        "reports/ is out of date ({} files); regenerate with `cargo run --release -- report`:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}
