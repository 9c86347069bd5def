//! The view structs: the only values the templates ever see.
//!
//! They are made for the templates, not for the schema: every text is
//! already the audience's (built from the `Published` view), every number is already formatted
//! (see `fmt`), every list is already in its final order, and every chart
//! is already laid out. Templates therefore contain no logic beyond loops
//! and conditions, an overriding template cannot leak a confidential name
//! that its view does not hold, and the output does not depend on tera's
//! number formatting. README.md (section "Reports") documents these fields as the
//! context of each template.

use serde::Serialize;

mod chapter;
mod methods;
mod overview;
mod region;

pub use chapter::*;
pub use methods::*;
pub use overview::*;
pub use region::*;

/// What every page shows besides its content: title, audience banner,
/// navigation and the weighting the scores were computed with.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The page title.
    pub title: String,
    /// The title as a CSS string body for the printed running header:
    /// every character but letters, digits and spaces as a CSS escape, so
    /// it can be printed `safe` inside a style sheet.
    pub css_title: String,
    /// `public` or `internal`.
    pub audience: &'static str,
    /// Whether the page is for internal use (names and contacts shown).
    pub internal: bool,
    /// The banner shown at the top of every internal page; empty for public.
    pub banner: String,
    /// The stem of this page's file (`index`, `overview`, `KGZ`).
    pub stem: String,
    /// Links to every page of the report, in navigation order.
    pub nav: Vec<Link>,
    /// The method the scores follow, e.g. `METHOD.md version 1`.
    pub method: String,
    /// How the source types were weighted, in words.
    pub weighting: String,
    /// Triangulation threshold θ, formatted (used by the methods annex
    /// only: the other pages say "strong evidence" in words).
    pub theta: String,
    /// Whether the menu links the audit document, per format.
    pub audit_md: bool,
    /// See `audit_md`.
    pub audit_html: bool,
}

/// The summary box at the top of a chapter and of the overview: sentences
/// built from the numbers in `summary.rs`, never typed in.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Whether the evidence is thin (no movement or corridor of the page is
    /// confirmed by two independent groups of sources).
    pub thin: bool,
    /// The opening sentence (says so when the evidence is thin).
    pub lead: String,
    /// The strongest movements and corridors, one sentence each.
    pub strongest: Vec<String>,
    /// What the evidence does not show.
    pub not_shown: Vec<String>,
    /// The main gaps.
    pub gaps: Vec<String>,
}

/// Where a rank may fall when the weights vary (the audit, 5–95 %).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RankInterval {
    /// The best rank in the interval.
    pub low: usize,
    /// The worst rank in the interval.
    pub high: usize,
}

/// A link to another page of the report: templates add `.md` or `.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// File stem (`KGZ`, `overview`, `index`, `audit`).
    pub stem: String,
    /// The link text.
    pub label: String,
    /// Whether the link points to the current page.
    pub current: bool,
}

/// One numbered footnote: the source of a statement.
#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    /// The footnote number, from 1, in order of first use on the page.
    pub n: usize,
    /// The source as the audience may see it: its public name when it is
    /// confidential and the audience is public.
    pub source: String,
    /// The source type's label (`AVR cases`); empty for country-file text.
    pub source_type: String,
    /// Where the statement is published.
    pub citation: String,
    /// The Admiralty grade, e.g. `B2`; empty for country-file text.
    pub grade: String,
    /// The finding's id; empty for country-file text.
    pub finding: String,
    /// The finding's period; empty for country-file text.
    pub period: String,
    /// Whether the source is confidential (shown to internal readers).
    pub confidential: bool,
    /// Internal only: the public name of a confidential source.
    pub public_name: String,
    /// Internal only: the source's contact.
    pub contact: String,
    /// Internal only: the indicator file.
    pub file: String,
    /// The number of its source in the chapter's source list; 0 for
    /// country-notes text (which has no source entry).
    pub source_n: usize,
    /// What the finding's citation adds to its source's (a section or
    /// paragraph), or empty.
    pub detail: String,
}

/// One source of a chapter's source list, listed once with every note
/// that cites it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    /// Its number, from 1, in order of first citation.
    pub n: usize,
    /// The source as the audience may see it.
    pub label: String,
    /// The source type's label.
    pub source_type: String,
    /// The source's citation (its public citation for a confidential
    /// source and a public audience).
    pub citation: String,
    /// Whether the source is confidential (shown to internal readers).
    pub confidential: bool,
    /// Internal only: the public name of a confidential source.
    pub public_name: String,
    /// Internal only: the source's contact.
    pub contact: String,
    /// Internal only: the indicator file.
    pub file: String,
    /// The notes citing it, in order.
    pub notes: Vec<NoteRef>,
}

/// A note as its source entry lists it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteRef {
    /// The footnote number.
    pub n: usize,
    /// Its grade, e.g. `B2`.
    pub grade: String,
}

/// One statement from one finding, with its footnote.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// The finding's text.
    pub text: String,
    /// Its footnote number.
    pub note: usize,
    /// observed, not_observed, unavailable or withheld.
    pub finding: &'static str,
    /// A qualifier printed after the text for anything but `observed`
    /// (`not observed`), else empty.
    pub qualifier: &'static str,
    /// The Admiralty grade, e.g. `B2`.
    pub grade: String,
    /// The source type's key.
    pub source_type: &'static str,
}

/// A paragraph or list item of a country file, with its footnote.
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    /// The text.
    pub text: String,
    /// Its footnote number.
    pub note: usize,
}

/// A rendered chart: its file beside the Markdown, and its SVG markup for
/// inlining into HTML.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRef {
    /// Path relative to the report folder (`charts/vector-bgd-kgz.svg`).
    pub file: String,
    /// Alternative text.
    pub alt: String,
    /// The SVG markup, already escaped by its own template: print it `safe`.
    pub svg: String,
}
