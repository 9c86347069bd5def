//! Footnotes read in order in both formats. GitHub numbers Markdown
//! footnotes by their first reference, whatever their labels; the HTML
//! prints our own numbers. The test renders the shipped indicators and the
//! fixture, renders every chapter's (and the overview's) Markdown again with comrak (GitHub's
//! footnote rules) and checks, chapter by chapter, that:
//! - the notes are first referenced in the order 1, 2, 3, … in both files;
//! - note k as GitHub shows it says what note k of the HTML says;
//! - every HTML note has a back-link to its first use, and Markdown
//!   renderers give one too;
//! - the source list names each source once, and lists exactly the notes
//!   that point to it.

use corridor_report::{Audience, Options, RenderedFile, Templates, render_model};
use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path, audience: Audience) -> Vec<RenderedFile> {
    let model = corridor_schema::load_valid(dir).expect("indicators load").0;
    let mut o = Options::new("equal weights");
    o.audience = audience;
    render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders")
}

fn text(f: &RenderedFile) -> String {
    String::from_utf8(f.bytes.clone()).expect("UTF-8")
}

/// Distinct numbers after `prefix` (up to a non-digit), in order of first
/// appearance.
fn first_uses(text: &str, prefix: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let digits: String = text[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse::<usize>()
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out
}

/// The Markdown without its footnote definitions.
fn md_body(md: &str) -> String {
    md.lines()
        .filter(|l| !(l.starts_with("[^") && l.contains("]: ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Tags removed, a few entities decoded, whitespace collapsed, back-link
/// arrows dropped: a note as a reader reads it.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace('↩', "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<li id="{id}N">…</li>` items of `html`, by N, in document order.
fn items(html: &str, id: &str) -> Vec<(usize, String)> {
    let open = format!("<li id=\"{id}");
    let mut out = Vec::new();
    for (at, _) in html.match_indices(&open) {
        let rest = &html[at + open.len()..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let end = rest.find("</li>").expect("item closes");
        let start = rest.find('>').expect("tag closes") + 1;
        out.push((n.parse().expect("numbered"), rest[start..end].to_string()));
    }
    out
}

/// A GitHub-rendered note without its back-links (one per reference,
/// `↩`, `↩2`, …).
fn without_backrefs(note: &str) -> String {
    let mut out = note.to_string();
    while let Some(at) = out.find("<a href=\"#fnref-") {
        let end = at + out[at..].find("</a>").expect("link closes") + 4;
        out.replace_range(at..end, "");
    }
    out
}

fn github_html(md: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.footnotes = true;
    o.extension.table = true;
    o.render.r#unsafe = true;
    comrak::markdown_to_html(md, &o)
}

fn check(files: &[RenderedFile]) -> usize {
    let by_path: BTreeMap<&str, String> =
        files.iter().map(|f| (f.path.as_str(), text(f))).collect();
    let mut chapters = 0;
    for (path, html) in &by_path {
        let Some(stem) = path.strip_suffix(".html") else {
            continue;
        };
        if !html.contains("<ol class=\"footnotes\">") {
            continue;
        }
        chapters += 1;
        let md = &by_path[format!("{stem}.md").as_str()];
        let ours = items(html, "fn-");
        let n = ours.len();
        assert!(n > 0, "{stem}: no notes");
        let in_order: Vec<usize> = (1..=n).collect();
        assert_eq!(
            ours.iter().map(|x| x.0).collect::<Vec<_>>(),
            in_order,
            "{stem}: HTML list"
        );

        // First uses, in reading order, in both files.
        let body = &html[..html.find("<h2 id=\"notes\">").expect("notes heading")];
        assert_eq!(
            first_uses(body, "href=\"#fn-"),
            in_order,
            "{stem}.html reading order"
        );
        assert_eq!(
            first_uses(&md_body(md), "[^"),
            in_order,
            "{stem}.md reading order"
        );

        // GitHub's numbering: comrak lists the notes by first reference
        // and shows the k-th as number k; its label must be k, and its
        // text that of our note k.
        let gh = github_html(md);
        let theirs = items(&gh, "fn-");
        assert_eq!(
            theirs.iter().map(|x| x.0).collect::<Vec<_>>(),
            in_order,
            "{stem}.md as GitHub numbers it"
        );
        for ((k, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!(
                b.contains(&format!("href=\"#fnref-{k}\" class=\"footnote-backref\"")),
                "{stem}.md: note {k} has no back-link to its first use"
            );
            assert_eq!(
                plain(a),
                plain(&without_backrefs(b)),
                "{stem}: note {k} differs between HTML and Markdown"
            );
        }

        // Back-links: to the first use, which carries the only anchor.
        for (k, note) in &ours {
            assert!(
                note.contains(&format!("href=\"#ref-{k}\"")),
                "{stem}: note {k} has no back-link"
            );
            let anchor = format!("id=\"ref-{k}\"");
            assert_eq!(
                html.matches(&anchor).count(),
                1,
                "{stem}: anchor of note {k}"
            );
            let first = html.find(&format!("href=\"#fn-{k}\"")).expect("used");
            assert_eq!(
                html[first..].find(&anchor),
                Some(format!("href=\"#fn-{k}\" ").len()),
                "{stem}: the anchor of note {k} is not its first use"
            );
        }

        // The source list: each source once, listing exactly its notes.
        let sources = items(html, "source-");
        let mut names: Vec<String> = sources
            .iter()
            .map(|(_, s)| plain(&s[..s.find("</strong>").expect("named")]))
            .collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all, "{stem}: a source is listed twice");
        for (k, entry) in &sources {
            let listed = first_uses(entry, "href=\"#fn-");
            let pointing: Vec<usize> = ours
                .iter()
                .filter(|(_, note)| note.contains(&format!("href=\"#source-{k}\"")))
                .map(|x| x.0)
                .collect();
            assert!(!listed.is_empty(), "{stem}: source {k} cites no note");
            assert_eq!(listed, pointing, "{stem}: the notes of source {k}");
        }
    }
    chapters
}

#[test]
fn footnotes_read_in_order_and_agree_in_both_formats_for_the_shipped_data() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../indicators");
    // Three chapters and the overview (its regional chapter is footnoted).
    assert_eq!(check(&files(&dir, Audience::Public)), 4);
}

#[test]
fn footnotes_read_in_order_and_agree_in_both_formats_for_the_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    // Two chapters and the overview.
    assert_eq!(check(&files(&dir, Audience::Public)), 3);
    assert_eq!(check(&files(&dir, Audience::Internal)), 3);
}

#[test]
fn the_order_check_sees_notes_out_of_order() {
    // A control: the same check on a page whose second note is used first.
    let md = "a[^2] b[^1]\n\n[^1]: one\n[^2]: two\n";
    assert_eq!(first_uses(&md_body(md), "[^"), vec![2, 1]);
    let gh = github_html(md);
    assert_eq!(
        items(&gh, "fn-").iter().map(|x| x.0).collect::<Vec<_>>(),
        vec![2, 1]
    );
}
