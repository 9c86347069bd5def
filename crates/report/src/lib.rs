//! corridor-report: country chapters, the regional overview, the index and
//! the audit document,
//! rendered through tera templates over view structs, to GitHub-flavoured
//! Markdown (with SVG charts beside it) and self-contained HTML.
//!
//! The crate writes no file: [`render`] returns every page and chart as a
//! [`RenderedFile`] (a relative path and its bytes), and the CLI writes them
//! atomically. The output depends only on the model and the [`Options`]: no
//! clock, no hash order, no float printed by anything but `fmt`.
//!
//! Layers, zola style:
//! - `views` — the `Serialize` structs the templates see, and nothing else;
//! - `build` — model → views, where redaction for the public happens;
//! - `tables` — the numbers computed from findings (rates, fees, brackets);
//! - `charts` — SVG layout; `templates` — the embedded, overridable
//!   templates; `render` — the pages and files.

// A library never prints nor touches files: the CLI does (ARCHITECTURE.md, "Invariants").
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

pub mod annex;
pub mod audit;
pub mod build;
pub mod charts;
pub mod dots;
pub mod doubt;
pub mod escape;
pub mod export;
pub mod fmt;
pub mod map;
pub mod render;
pub mod sources;
pub mod summary;
pub mod tables;
pub mod templates;
pub mod topics;
pub mod typo;
pub mod views;

pub use render::{RenderedFile, render, render_model};
pub use templates::{TEMPLATES, TemplateInfo, Templates};

pub use corridor_schema::Audience;
use std::path::PathBuf;

/// Which formats to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// GitHub-flavoured Markdown, charts as SVG files in `charts/`.
    pub markdown: bool,
    /// Self-contained HTML, charts inline.
    pub html: bool,
}

impl Formats {
    /// Both formats.
    pub const BOTH: Formats = Formats {
        markdown: true,
        html: true,
    };
}

/// Whether the index links the audit document, per format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuditLinks {
    /// Link `audit.md` from `index.md`.
    pub markdown: bool,
    /// Link `audit.html` from `index.html`.
    pub html: bool,
}

/// What to render, for whom, and with which weights.
#[derive(Debug, Clone)]
pub struct Options {
    /// ISO3 codes of the chapters; empty means every country with a
    /// country file.
    pub countries: Vec<String>,
    /// Public or internal.
    pub audience: Audience,
    /// Markdown, HTML or both.
    pub formats: Formats,
    /// How the weights were chosen, in words, printed on every page.
    pub weighting: String,
    /// Whether the index links the audit.
    pub audit: AuditLinks,
    /// The weighting in detail for the methods annex (its method and, for
    /// AHP, its consistency ratio); empty when there is nothing to add.
    pub weighting_detail: String,
    /// The audit's settings in words for the methods annex; empty when the
    /// report was rendered without the audit.
    pub audit_settings: String,
    /// Per corridor id, what the audit says of its rank (METHOD.md §6):
    /// the 5–95 % interval under the weight and grade draws together and
    /// whether it rests on one source; empty without the audit.
    pub doubts: std::collections::BTreeMap<String, CorridorDoubt>,
}

/// The audit's word on one corridor's rank, for the chapters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorridorDoubt {
    /// The 5th percentile rank (the best).
    pub low: usize,
    /// The 95th percentile rank (the worst).
    pub high: usize,
    /// Whether removing one source lowers its label or moves it out of the top k.
    pub rests_on_one_source: bool,
}

impl Options {
    /// Options for every chapter, public, both formats; `weighting` names
    /// the weighting in force in words. The weights themselves are the
    /// scored result's.
    pub fn new(weighting: impl Into<String>) -> Self {
        Options {
            countries: Vec::new(),
            audience: Audience::Public,
            formats: Formats::BOTH,
            weighting: weighting.into(),
            audit: AuditLinks::default(),
            weighting_detail: String::new(),
            audit_settings: String::new(),
            doubts: std::collections::BTreeMap::new(),
        }
    }
}

/// Everything that can go wrong while rendering a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The template directory cannot be read.
    #[error("cannot read the template directory {path}")]
    TemplateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A template file cannot be read.
    #[error("cannot read the template {path}")]
    TemplateRead {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file in the template directory overrides no known template.
    #[error(
        "{path} overrides no template: name it after one of {known} (or move it out of the template directory)"
    )]
    UnknownTemplate {
        /// The file.
        path: PathBuf,
        /// The known names.
        known: String,
    },
    /// The templates do not compile.
    #[error("the templates do not compile{overrides}")]
    Compile {
        /// Which templates were overridden, for the reader to look at first.
        overrides: String,
        /// Tera's error.
        #[source]
        source: tera::Error,
    },
    /// A template failed while rendering a page.
    #[error("cannot render {page} with template {template}")]
    Render {
        /// The template.
        template: String,
        /// The page being rendered.
        page: String,
        /// Tera's error.
        #[source]
        source: tera::Error,
    },
    /// A requested country has neither a country file nor any source.
    #[error(
        "no chapter for '{code}': there is no countries/{code}.yaml and no indicator file reports from it (chapters can be made for: {known})"
    )]
    UnknownCountry {
        /// The code asked for.
        code: String,
        /// The codes that can be rendered.
        known: String,
    },
    /// The published view is for another audience than the one asked for.
    #[error(
        "the model was published for the {view} audience, but a report for the {asked} audience was asked for"
    )]
    Audience {
        /// The view's audience.
        view: &'static str,
        /// The options' audience.
        asked: &'static str,
    },
    /// The scored result lacks a phenomenon a report shows.
    #[error(
        "the scored result has no {phenomenon} scores: score every phenomenon (Scored::new) before rendering"
    )]
    NotScored {
        /// The phenomenon's key.
        phenomenon: &'static str,
    },
    /// The scored result belongs to another model.
    #[error(
        "the scored result does not match the model (another number of corridors or movements)"
    )]
    Mismatch,
}

/// Every message of an error and its causes, one per line: tera's top
/// message often hides the cause of a render error in its source chain.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        out.push_str("\n  caused by: ");
        out.push_str(&e.to_string());
        cur = e.source();
    }
    out
}
