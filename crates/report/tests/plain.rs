//! Plain words: no page but the methods annex shows a symbol of the method
//! (θ, P, N, v, S = …) or the name of a file or a command of the tool. The
//! test renders the fixture and the shipped indicators in both formats and
//! reads every page and chart as a reader sees it: HTML without its tags
//! and style sheet, Markdown without its link targets, SVG by its text.

use corridor_report::{Audience, Options, RenderedFile, Templates, render_model};
use std::path::Path;

/// What a reader must not meet outside the methods annex.
const FORBIDDEN: &[&str] = &[
    "θ",
    "S = ",
    "P = ",
    "N = ",
    "v = ",
    "v ≥",
    "V·w",
    "w(t)",
    "σ",
    "ρ",
    "κ",
    "a(e)",
    "METHOD",
    ".yaml",
    ".md",
    ".tera",
    "corridor report",
    "corridor audit",
    "corridor explain",
    "corridor check",
    "--format",
    "country file",
    "AHP",
    "CR = ",
    "Dirichlet",
    "source(s)",
    "1 independent groups",
    "an not_observed",
    "for a internal",
    "indicators/",
];

fn files(dir: &Path) -> Vec<RenderedFile> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    let mut o = Options::new("the weighting \u{201c}default\u{201d}");
    o.audience = Audience::Public;
    o.weighting_detail = "weights given directly (AHP, CR = 0)".into();
    o.audit_settings = "Dirichlet K = 100; corridor audit reruns it".into();
    render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders")
}

/// Everything between `open` and `close` removed (the markup a reader
/// never sees).
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader sees of a rendered file.
fn visible(f: &RenderedFile) -> String {
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    let text = strip(&text, "<style>", "</style>");
    let text = if f.path.ends_with(".md") {
        strip(&text, "](", ")")
    } else {
        text
    };
    strip(&text, "<", ">")
}

fn check(dir: &Path) -> usize {
    let mut checked = 0;
    let mut found = Vec::new();
    for f in files(dir) {
        if f.path.starts_with("methods.") {
            continue;
        }
        checked += 1;
        let text = visible(&f);
        for word in FORBIDDEN {
            for line in text.lines().filter(|l| l.contains(word)) {
                found.push(format!("{}: {word:?} in {:?}", f.path, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    checked
}

#[test]
fn no_symbol_file_or_command_name_outside_the_methods_annex() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(check(&here.join("tests/fixtures/mini")) > 10);
    assert!(check(&here.join("../../indicators")) > 50);
}

#[test]
fn the_methods_annex_holds_the_symbols_and_every_page_links_it() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = files(&here.join("tests/fixtures/mini"));
    let annex = all
        .iter()
        .find(|f| f.path == "methods.html")
        .expect("annex");
    let annex = String::from_utf8(annex.bytes.clone()).unwrap();
    for word in [
        "θ = 0.5",
        "a(e) = σ·ρ·κ",
        "S = V·w",
        "AHP, CR = 0",
        "Dirichlet K = 100",
        "completely reliable",
    ] {
        assert!(annex.contains(word), "the annex lacks {word:?}");
    }
    for f in all.iter().filter(|f| {
        !f.path.starts_with("methods.") && (f.path.ends_with(".html") || f.path.ends_with(".md"))
    }) {
        let link = if f.path.ends_with(".html") {
            "methods.html"
        } else {
            "methods.md"
        };
        let text = String::from_utf8(f.bytes.clone()).unwrap();
        assert!(text.contains(link), "{} does not link {link}", f.path);
    }
}

#[test]
fn the_check_sees_a_symbol_when_there_is_one() {
    // A control: a page with a symbol in its text, and one with it only in
    // a link target or an attribute, which a reader does not see.
    let page = |path: &str, text: &str| RenderedFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    };
    assert!(visible(&page("a.html", "<p>v ≥ θ</p>")).contains('θ'));
    assert!(!visible(&page("a.html", "<p title=\"θ\">x</p>")).contains('θ'));
    assert!(!visible(&page("a.md", "[methods](methods.md)")).contains(".md"));
    assert!(visible(&page("a.md", "see METHOD.md")).contains("METHOD"));
}
