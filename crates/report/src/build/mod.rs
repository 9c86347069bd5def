//! Published model and scored result → views: the context every page
//! reads ([`Ctx`]), footnotes (`notes`), charts (`charts`), sentences
//! (`words`), the chapter (`chapter`) and the overview and index
//! (`overview`).
//!
//! Nothing here redacts or scores: the model is the [`Published`] view of
//! the audience (a confidential source is already only its public name,
//! alias and citation), and every number comes from the one [`Scored`]
//! result. So no template, embedded or overridden, can print what it was
//! not given.
//!
//! Footnotes are numbered in order of first use, and sections are built in
//! the order the templates print them, so the numbers ascend down the page.

use crate::charts::{self, HeatInput, StopInput, VectorInput};
use crate::fmt::{num, score};
use crate::tables::{self, covers_words, reported};
use crate::templates::Templates;
use crate::views::*;
use crate::{Audience, Options, ReportError};
use corridor_schema::Published;
use corridor_schema::files::CountryFile;
use corridor_schema::model::Corridor;
use corridor_schema::vocab::grade;
use corridor_schema::{
    Dimension, Finding, FindingKind, Model, N_TYPES, Phenomenon, SourceRecord, SourceType, codes,
};
use corridor_score::{Confidence, Conflict, Evidence, Judged, Params, Scored};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod chapter;
mod figures;
mod notes;
mod overview;
mod region;
mod words;

pub use chapter::chapter;
pub use figures::{Charts, vector_charts};
pub use overview::{index, overview};
pub use words::{conflict_plain, conflict_words};
#[allow(unused_imports)]
use {chapter::*, figures::*, notes::*, overview::*, words::*};

/// The method version the reports cite (by name only in the methods
/// annex; the other pages link to the annex).
pub const METHOD: &str = "METHOD.md, version 2";

/// The banner of every internal page.
pub const INTERNAL_BANNER: &str = "INTERNAL — this page names confidential sources and their contacts. Do not publish or forward it.";

/// The judgement of target `c` under `j` as shown beside another
/// phenomenon's.
pub(crate) fn beside(j: &Judged, c: usize) -> Beside {
    Beside {
        phenomenon: j.phenomenon.words(),
        rank: j.ranks[c],
        score: score(j.scores[c]),
        confidence: j.tri[c].2.key(),
    }
}

/// What every page of a report reads: the published model, the scored
/// result (computed once, by the score crate, on the checked model), and
/// the findings of each reporting country.
pub struct Ctx<'a> {
    /// The model as the audience may see it (see [`Published`]).
    pub model: &'a Model,
    /// The options.
    pub opts: &'a Options,
    /// The method's settings of the weighting in force.
    pub params: &'a Params,
    /// The type weights in force.
    pub weights: &'a [f64; N_TYPES],
    /// The smuggling evidence of every corridor (METHOD.md §3).
    pub evidence: &'a Evidence,
    /// S(c) for every corridor.
    pub scores: &'a [f64],
    /// Ordinal ranks.
    pub ranks: &'a [usize],
    /// Corridor indices by rank.
    pub order: &'a [usize],
    /// (types, groups, confidence) per corridor.
    pub tri: &'a [(usize, usize, Confidence)],
    /// The other scored phenomena, judged beside smuggling.
    pub others: Vec<&'a Judged>,
    /// Smuggling over the movements (METHOD.md §5).
    pub movements: &'a Judged,
    /// The other scored phenomena over the movements.
    pub movement_others: Vec<&'a Judged>,
    /// Finding indices by the reporting country of their source.
    pub by_country: BTreeMap<&'a str, Vec<usize>>,
    /// Source indices by reporting country.
    pub sources_by_country: BTreeMap<&'a str, Vec<usize>>,
    /// The chapters to render, sorted by code.
    pub chapters: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// Reads the scored result and picks the chapters.
    pub fn new(
        published: &'a Published,
        scored: &'a Scored,
        opts: &'a Options,
    ) -> Result<Self, ReportError> {
        let model = published.model();
        if published.audience() != opts.audience {
            return Err(ReportError::Audience {
                view: published.audience().key(),
                asked: opts.audience.key(),
            });
        }
        let judged = |phi| {
            let c = scored.corridors_of(phi);
            let m = scored.movements_of(phi);
            c.zip(m).ok_or(ReportError::NotScored {
                phenomenon: phi.key(),
            })
        };
        let (smuggling, movements) = judged(Phenomenon::Smuggling)?;
        if smuggling.scores.len() != model.corridors.len()
            || movements.scores.len() != model.movements.len()
        {
            return Err(ReportError::Mismatch);
        }
        let mut others = Vec::new();
        let mut movement_others = Vec::new();
        for phi in [Phenomenon::IrregularMigration, Phenomenon::Trafficking] {
            let (c, m) = judged(phi)?;
            others.push(c);
            movement_others.push(m);
        }
        let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, f) in model.findings.iter().enumerate() {
            by_country
                .entry(model.sources[f.source].country.as_str())
                .or_default()
                .push(i);
        }
        let mut sources_by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, s) in model.sources.iter().enumerate() {
            sources_by_country
                .entry(s.country.as_str())
                .or_default()
                .push(i);
        }
        let chapters = if opts.countries.is_empty() {
            model.countries.iter().map(|c| c.country.clone()).collect()
        } else {
            let mut known: BTreeSet<&str> =
                model.countries.iter().map(|c| c.country.as_str()).collect();
            known.extend(sources_by_country.keys().copied());
            let mut out = Vec::new();
            for code in &opts.countries {
                let code = code.trim().to_ascii_uppercase();
                if !known.contains(code.as_str()) {
                    return Err(ReportError::UnknownCountry {
                        code,
                        known: known.iter().copied().collect::<Vec<_>>().join(", "),
                    });
                }
                out.push(code);
            }
            out.sort();
            out.dedup();
            out
        };
        Ok(Ctx {
            model,
            opts,
            params: &scored.weighting.params,
            weights: &scored.weighting.weights,
            evidence: &smuggling.evidence,
            scores: &smuggling.scores,
            ranks: &smuggling.ranks,
            order: &smuggling.order,
            tri: &smuggling.tri,
            others,
            movements,
            movement_others,
            by_country,
            sources_by_country,
            chapters,
        })
    }

    pub(crate) fn internal(&self) -> bool {
        self.opts.audience == Audience::Internal
    }

    /// The display name of a country code (from its country file first).
    pub fn country_name(&self, code: &str) -> String {
        match self.country_file(code) {
            Some(c) => c.name.clone(),
            None => codes::country_name(code).unwrap_or_else(|| code.to_string()),
        }
    }

    pub(crate) fn country_file(&self, code: &str) -> Option<&'a CountryFile> {
        self.model.countries.iter().find(|c| c.country == code)
    }

    /// The name of a place, region or country for display.
    pub(crate) fn place(&self, code: &str) -> String {
        self.model.place_name(code)
    }

    /// The source's name for display.
    pub(crate) fn source_label(&self, s: &SourceRecord) -> String {
        crate::typo::dashes(&s.name)
    }

    /// The furniture of a page.
    pub fn page(&self, title: String, stem: &str) -> Page {
        let mut nav = vec![
            Link {
                stem: "index".into(),
                label: "Index".into(),
                current: stem == "index",
            },
            Link {
                stem: "overview".into(),
                label: "Regional overview".into(),
                current: stem == "overview",
            },
        ];
        nav.extend(self.chapters.iter().map(|c| Link {
            stem: c.clone(),
            label: self.country_name(c),
            current: stem == c,
        }));
        // The audit is in every menu when it is written; templates drop
        // the link in a format it is not written in.
        for (s, label) in [("audit", "Audit"), ("methods", "How the scores are made")] {
            nav.push(Link {
                stem: s.into(),
                label: label.into(),
                current: stem == s,
            });
        }
        Page {
            css_title: css_string(&title),
            title,
            audience: self.opts.audience.key(),
            internal: self.internal(),
            banner: if self.internal() {
                INTERNAL_BANNER.into()
            } else {
                String::new()
            },
            stem: stem.to_string(),
            nav,
            method: METHOD.into(),
            weighting: self.opts.weighting.clone(),
            theta: format!("{}", self.params.theta),
            audit_md: self.opts.audit.markdown,
            audit_html: self.opts.audit.html,
        }
    }

    /// The source types with their groups and weights.
    pub fn type_heads(&self) -> Vec<TypeHead> {
        SourceType::ALL
            .iter()
            .map(|t| TypeHead {
                key: t.key(),
                label: t.label(),
                group: self.params.groups.name_of(*t).to_string(),
                weight: score(self.weights[t.index()]),
            })
            .collect()
    }

    /// The role of `code` on corridor `c`, if the corridor starts in, passes
    /// through or ends in it (directly or as a member of a region).
    pub fn role(&self, c: &Corridor, code: &str) -> Option<&'static str> {
        let is = |end: &str| {
            end == code
                || self
                    .model
                    .regions
                    .iter()
                    .any(|r| r.id == end && r.members.iter().any(|m| m == code))
        };
        if is(&c.origin) {
            Some("origin")
        } else if c.via.iter().any(|v| is(v)) {
            Some("transit")
        } else if is(&c.destination) {
            Some("destination")
        } else {
            None
        }
    }
}

/// The anchor GitHub gives a Markdown heading: lower case, spaces as
/// hyphens, punctuation other than hyphens and underscores dropped.
pub(crate) fn github_anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".into())
            } else {
                None
            }
        })
        .collect()
}

/// `text` as the body of a CSS string: letters, digits and spaces as they
/// are, every other character as a `\XXXXXX` escape (so no quote, angle
/// bracket or ampersand survives to end the string or the style sheet).
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:06X}", u32::from(c)));
        }
    }
    out
}
