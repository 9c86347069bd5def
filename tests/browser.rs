//! The HTML pages in a real browser: headless Chromium (Debian's `chromium`
//! package; `.ci/run` installs it) prints every page of a rendered report to
//! PDF, takes a screenshot and dumps the DOM, and the test asserts each run
//! succeeded with a non-trivial result and no console error. Every page is
//! also loaded at phone width (390 px, in an iframe of a probe page, since
//! headless windows are never narrower than 500 px and the pages' own
//! policy forbids scripts): the page must not scroll sideways, and no chart
//! text may be drawn below 11 px. Printed, every page is A4 with a page
//! number in its margin, and the Kyrgyz chapter fits on 25 pages. A missing
//! Chromium fails the test: it is never skipped.

use corridor_tests::{corridor, root};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary on PATH.
fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        if let Some(p) = std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
        {
            return p;
        }
    }
    panic!("chromium is not installed: run `apt-get install -y chromium` (.ci/run does)");
}

/// Runs headless Chromium on `page` with `extra` arguments, killing it
/// after two minutes.
fn run_chromium(profile: &Path, page: &Path, extra: &[String]) -> Output {
    let url = format!(
        "file://{}",
        page.canonicalize().expect("page exists").display()
    );
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Drain both pipes while waiting: a page's DOM dump or a chatty log is
    // larger than a pipe buffer, and a blocked writer would never exit.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium status") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish {url} within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// Console messages and script errors in Chromium's log.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .collect()
}

fn render_fixture(out: &Path) {
    let o = corridor()
        .arg("--indicators")
        .arg(root().join("crates/report/tests/fixtures/mini"))
        .args(["report", "--format", "html", "--out"])
        .arg(out)
        .output()
        .expect("corridor runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_console_check_sees_an_error_when_there_is_one() {
    // A control: without it, "no console error" could mean the log is not read.
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("probe.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>probe</title><script>console.error('probe-error')</script>",
    )
    .unwrap();
    let o = run_chromium(
        &tmp.path().join("profile"),
        &page,
        &[format!(
            "--print-to-pdf={}",
            tmp.path().join("p.pdf").display()
        )],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    let errors = console_errors(&stderr);
    assert!(
        errors.iter().any(|l| l.contains("probe-error")),
        "the probe's console error was not seen:\n{stderr}"
    );
}

#[test]
fn every_html_page_prints_to_pdf_without_console_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    render_fixture(&out);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    // Two chapters, the overview, the index, the methods annex and the
    // audit document.
    assert_eq!(pages.len(), 6, "{pages:?}");
    for page in &pages {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = tmp.path().join(format!("{stem}.pdf"));
        let o = run_chromium(
            &tmp.path().join("profile"),
            page,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".into(),
            ],
        );
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "chromium failed on {stem}: {stderr}");
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF for {stem}: {stderr}"));
        assert!(bytes.starts_with(b"%PDF-"), "{stem}.pdf is not a PDF");
        assert!(
            bytes.len() > 10_000,
            "{stem}.pdf is only {} bytes",
            bytes.len()
        );
        let errors = console_errors(&stderr);
        assert!(errors.is_empty(), "{stem}: {errors:?}");
        assert_eq!(
            media_boxes(&bytes),
            ["0 0 594.95996 841.91998"],
            "{stem} is not A4"
        );
    }
}

/// The distinct page sizes of a PDF (Chromium writes page dictionaries
/// uncompressed).
fn media_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out: Vec<String> = text
        .split("/MediaBox [")
        .skip(1)
        .filter_map(|r| r.split(']').next())
        .map(|b| b.trim().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The number of pages of a PDF: its `/Type /Page` dictionaries.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + 11..].starts_with('s'))
        .count()
}

/// The probe script: loads `page` in a 390 × 844 iframe and writes what it
/// measured into a `<pre id="probe">` as JSON.
const PROBE: &str = r#"<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">
<iframe id="f" src="@URL@" style="width:390px;height:844px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const w = document.getElementById('f').contentWindow, d = w.document;
  let minFont = 1e9, texts = 0, worst = '';
  for (const svg of d.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    if (!vb || vb.width === 0 || r.width === 0) continue;
    const k = r.width / vb.width;
    for (const t of svg.querySelectorAll('text')) {
      const f = parseFloat(w.getComputedStyle(t).fontSize) * k;
      texts++;
      if (f < minFont) { minFont = f; worst = t.textContent; }
    }
  }
  let pageNumbers = false, a4 = false;
  for (const sheet of d.styleSheets) for (const rule of sheet.cssRules) {
    const inner = rule.cssRules ? [...rule.cssRules] : [];
    for (const p of [rule, ...inner]) {
      if (p.type !== CSSRule.PAGE_RULE) continue;
      if (p.style.getPropertyValue('size').trim().toLowerCase() === 'a4') a4 = true;
      for (const m of p.cssRules || []) {
        if (m.name && m.name.startsWith('bottom') && m.style.getPropertyValue('content').includes('counter(page)')) pageNumbers = true;
      }
    }
  }
  const out = document.createElement('pre'); out.id = 'probe';
  out.textContent = JSON.stringify({scrollWidth: d.scrollingElement.scrollWidth, innerWidth: w.innerWidth, minFont, texts, worst, pageNumbers, a4});
  document.body.appendChild(out);
});
</script>"#;

/// Loads `page` at phone width through [`PROBE`] and returns its figures.
fn probe(tmp: &Path, page: &Path) -> serde_json::Value {
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let wrapper = tmp.join("probe.html");
    std::fs::write(&wrapper, PROBE.replace("@URL@", &url)).unwrap();
    let o = run_chromium(
        &tmp.join("profile"),
        &wrapper,
        &[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
        ],
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    let json = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or_else(|| panic!("the probe did not run on {url}: {dom}"));
    let json = json
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The HTML pages of the committed report (a test of `report.rs` checks
/// they are what a fresh run writes).
fn shipped_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_page_fits_a_phone_with_readable_charts_and_prints_numbered_a4() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = shipped_pages();
    assert!(pages.len() >= 7, "{pages:?}");
    for page in &pages {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let v = probe(tmp.path(), page);
        assert_eq!(v["innerWidth"], 390, "{stem}: {v}");
        let sw = v["scrollWidth"].as_f64().unwrap();
        assert!(sw <= 390.0, "{stem} scrolls sideways at 390 px: {v}");
        if v["texts"].as_u64().unwrap() > 0 {
            let f = v["minFont"].as_f64().unwrap();
            assert!(f >= 10.95, "{stem}: chart text at {f:.2} px: {v}");
        }
        assert_eq!(v["a4"], true, "{stem}: no A4 page rule: {v}");
        assert_eq!(v["pageNumbers"], true, "{stem}: no page numbers: {v}");
    }
}

#[test]
fn the_kyrgyz_chapter_prints_on_at_most_25_a4_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("KGZ.pdf");
    let o = run_chromium(
        &tmp.path().join("profile"),
        &root().join("reports/KGZ.html"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(console_errors(&stderr).is_empty(), "{stderr}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(media_boxes(&bytes), ["0 0 594.95996 841.91998"]);
    let n = page_count(&bytes);
    assert!((10..=25).contains(&n), "KGZ prints on {n} pages");
}

#[test]
fn a_chapter_screenshots_and_its_dom_holds_escaped_text_and_footnotes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    render_fixture(&out);
    let page = out.join("KGZ.html");
    let png = tmp.path().join("KGZ.png");
    let o = run_chromium(
        &tmp.path().join("profile"),
        &page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,2000".into(),
        ],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 20_000,
        "screenshot is only {} bytes",
        bytes.len()
    );
    assert!(console_errors(&stderr).is_empty(), "{stderr}");

    let o = run_chromium(&tmp.path().join("profile"), &page, &["--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    // The browser read the indicator's <script> as text, not as an element.
    assert!(!dom.contains("<script"), "a script element reached the DOM");
    assert!(dom.contains("&lt;script&gt;alert("), "escaped text missing");
    assert!(dom.contains(r#"id="fn-1""#) && dom.contains("Sources"));
    assert!(dom.contains("<svg"), "inline charts missing");
}

#[test]
fn the_phone_probe_sees_a_page_that_scrolls_sideways_and_small_chart_text() {
    // A control: a page wider than a phone and a chart drawn at half size.
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("wide.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><meta name=viewport content='width=device-width'><div style='width:700px'>x</div>\
         <svg viewBox='0 0 700 20' style='width:350px'><text x='0' y='15' font-size='12'>t</text></svg>",
    )
    .unwrap();
    let v = probe(tmp.path(), &page);
    assert!(v["scrollWidth"].as_f64().unwrap() > 390.0, "{v}");
    assert!(v["minFont"].as_f64().unwrap() < 7.0, "{v}");
    assert_eq!(v["pageNumbers"], false, "{v}");
}
