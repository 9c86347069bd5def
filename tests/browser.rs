//! The HTML pages in a real browser: headless Chromium (Debian's `chromium`
//! package; `.ci/run` installs it) prints every page of a rendered report to
//! PDF, takes a screenshot and dumps the DOM, and the test asserts each run
//! succeeded with a non-trivial result and no console error. A missing
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
    // Two chapters, the overview, the index and the audit document.
    assert_eq!(pages.len(), 5, "{pages:?}");
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
    }
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
