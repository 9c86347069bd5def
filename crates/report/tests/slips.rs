//! The slips a review of the shipped chapters found, each checked on the
//! shipped indicators: dashes, agreement, the count of kinds of source
//! that produced observations, the schooling of a profile, and "(s)".

use corridor_report::{Audience, Options, RenderedFile, Templates, render_model};
use corridor_schema::SourceType;
use corridor_score::Conflict;
use std::path::Path;

fn files() -> Vec<RenderedFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../indicators");
    let model = corridor_schema::load_valid(&dir)
        .expect("indicators load")
        .0;
    let mut o = Options::new("equal weights");
    o.audience = Audience::Public;
    render_model(
        &model,
        &corridor_score::Weighting::equal(),
        &o,
        &Templates::embedded().expect("templates compile"),
    )
    .expect("renders")
}

fn page(files: &[RenderedFile], path: &str) -> String {
    let f = files.iter().find(|f| f.path == path).expect("rendered");
    String::from_utf8(f.bytes.clone()).expect("UTF-8")
}

/// The HTML as a reader sees it: no style sheet, no tags.
fn visible(html: &str) -> String {
    let html = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
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
    out
}

/// Every hyphen of `text` standing for a dash: spaced, or between two
/// digits outside an ISO date.
fn dash_hyphens(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 1..c.len().saturating_sub(1) {
        if c[i] != '-' {
            continue;
        }
        let spaced = c[i - 1] == ' ' && c[i + 1] == ' ';
        let digits = c[i - 1].is_ascii_digit() && c[i + 1].is_ascii_digit();
        let iso = {
            let around: String = c[i.saturating_sub(7)..(i + 6).min(c.len())]
                .iter()
                .collect();
            around
                .split(|ch: char| !(ch.is_ascii_digit() || ch == '-'))
                .any(|w| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
        };
        if spaced || (digits && !iso) {
            out.push(
                c[i.saturating_sub(20)..(i + 20).min(c.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    out
}

#[test]
fn no_hyphen_stands_for_a_dash_in_any_chapter() {
    let files = files();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let text = visible(&String::from_utf8(f.bytes.clone()).unwrap());
        assert_eq!(dash_hyphens(&text), Vec::<String>::new(), "{}", f.path);
    }
    // The control: the check sees both kinds.
    assert_eq!(dash_hyphens("in 2004-2005, a - b, 2005-01-31").len(), 2);
}

#[test]
fn a_conflict_names_its_kinds_of_source_without_a_verb_to_agree() {
    let c = Conflict::CrossType {
        kind: SourceType::NgoInterview,
        counter: 0.12,
        supported_by: vec![SourceType::MigrationService, SourceType::Avr],
    };
    assert_eq!(
        corridor_report::build::conflict_words(&c),
        "counter-evidence from NGO interviews (N = 0.120) against strong support from Migration services and AVR cases (v ≥ θ)"
    );
}

#[test]
fn kazakhstan_counts_the_kinds_that_produced_observations_once() {
    let files = files();
    let md = page(&files, "KAZ.md");
    // The travel agencies only looked and saw nothing: used, but not an
    // observation, as the study counts.
    assert!(
        md.contains("9 of the eleven kinds of source produced observations for Kazakhstan: "),
        "{md}"
    );
    assert!(md.contains(
        "Travel industry looked and saw nothing (a kind used only as counter-evidence)."
    ));
    assert!(!md.contains("Nine of the eleven"));
    assert!(!md.contains("of the eleven kinds gave evidence"));
    // The sentence and the table come from the same counts: nine rows
    // of the table are used with an observation, one only as counter-evidence.
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | used | "))
        .count();
    assert_eq!(rows, 10);
}

#[test]
fn unfinished_secondary_school_is_not_printed_as_plain_primary() {
    let files = files();
    let md = page(&files, "KGZ.md");
    let line = md
        .lines()
        .find(|l| {
            l.contains("had not finished secondary school") && l.starts_with("**Education.**")
        })
        .expect("the statement is in the education paragraph");
    assert!(
        line.starts_with(
            "**Education.** Primary schooling, secondary not completed (1 statement)."
        ),
        "{line}"
    );
    assert!(!md.contains("| primary |"));
}

#[test]
fn no_page_leaves_a_plural_in_brackets() {
    let files = files();
    for f in &files {
        let text = String::from_utf8(f.bytes.clone()).unwrap();
        let text = if f.path.ends_with(".html") {
            visible(&text)
        } else {
            text
        };
        let found: Vec<_> = text
            .match_indices("(s)")
            .map(|(i, _)| &text[i.saturating_sub(20)..i + 3])
            .collect();
        assert!(found.is_empty(), "{}: {found:?}", f.path);
    }
}
