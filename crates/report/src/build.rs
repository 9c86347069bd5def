//! Model → views: scoring through the score core, redaction for the
//! audience, footnotes, and every section of a chapter.
//!
//! Redaction happens here and only here: a public view never receives the
//! `name`, `contact` or file of a confidential source (footnotes use
//! [`SourceRecord::public_label`]), and any free text that happens to quote
//! a confidential name or contact has it replaced before it reaches a view.
//! So no template, embedded or overridden, can print what it was not given.
//!
//! Footnotes are numbered in order of first use, and sections are built in
//! the order the templates print them, so the numbers ascend down the page.

use crate::charts::{self, HeatInput, StopInput, VectorInput};
use crate::fmt::{num, score};
use crate::tables::{self, covers_words, reported};
use crate::templates::Templates;
use crate::views::*;
use crate::{Audience, Options, ReportError};
use aho_corasick::{AhoCorasick, MatchKind};
use corridor_schema::files::CountryFile;
use corridor_schema::model::Corridor;
use corridor_schema::vocab::grade;
use corridor_schema::{
    Dimension, Finding, FindingKind, Model, N_TYPES, Phenomenon, SourceRecord, SourceType, codes,
};
use corridor_score::{Confidence, Conflict, Evidence, Filter, ranks, scores};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The method version the reports cite (by name only in the methods
/// annex; the other pages link to the annex).
pub const METHOD: &str = "METHOD.md, version 2";

/// The banner of every internal page.
pub const INTERNAL_BANNER: &str = "INTERNAL — this page names confidential sources and their contacts. Do not publish or forward it.";

/// Replaces confidential names and contacts in free text (public audience),
/// all of them in one pass over the text.
#[derive(Debug, Default)]
pub struct Redactor {
    /// The automaton over the needles; `None` when there is nothing to
    /// redact.
    search: Option<AhoCorasick>,
    /// (needle, replacement), sorted by needle.
    pairs: Vec<(String, String)>,
    /// For a public audience, the opaque label of each confidential source
    /// (by source index): its file id may name the person or office, and
    /// finding ids default to `<file id>#<n>`.
    opaque: std::collections::BTreeMap<usize, String>,
}

/// Needles shorter than this are not searched for: they would match
/// ordinary words.
const MIN_NEEDLE: usize = 4;

impl Redactor {
    /// The redactor for `audience`: empty for internal readers.
    pub fn new(model: &Model, audience: Audience) -> Self {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut opaque = std::collections::BTreeMap::new();
        if audience == Audience::Public {
            // The analyst's stable `public_id`: adding a source never
            // renumbers another's alias.
            for (i, s) in model
                .sources
                .iter()
                .enumerate()
                .filter(|(_, s)| s.confidential)
            {
                let alias = s
                    .public_id
                    .clone()
                    .unwrap_or_else(|| format!("confidential-source-{}", i + 1));
                opaque.insert(i, alias);
            }
            for s in model.sources.iter().filter(|s| s.confidential) {
                let name = s.name.trim();
                if name.len() >= MIN_NEEDLE {
                    pairs.push((name.to_string(), s.public_label().to_string()));
                }
                if let Some(c) = s.contact.as_deref().map(str::trim)
                    && c.len() >= MIN_NEEDLE
                {
                    pairs.push((c.to_string(), "[contact withheld]".to_string()));
                }
            }
        }
        pairs.sort_by(|a, b| {
            a.0.to_ascii_lowercase()
                .cmp(&b.0.to_ascii_lowercase())
                .then(a.cmp(b))
        });
        pairs.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
        // Leftmost-longest: where one name contains another, the longer
        // one is replaced whole.
        let search = if pairs.is_empty() {
            None
        } else {
            // ASCII case-insensitive: "SERGEI PETROV" or "sergei petrov" in
            // a quote is still the same person.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(pairs.iter().map(|p| p.0.as_str()))
                .ok()
        };
        Redactor {
            search,
            pairs,
            opaque,
        }
    }

    /// The id of a source as a public reader may see it: for a
    /// confidential source, `confidential-source-<k>` instead of a file id
    /// that may be built from its real name; finding ids follow.
    pub fn source_id(&self, index: usize, s: &corridor_schema::SourceRecord) -> String {
        self.opaque
            .get(&index)
            .cloned()
            .unwrap_or_else(|| s.id.clone())
    }

    /// The id of a finding as a public reader may see it (see
    /// [`Self::source_id`]).
    pub fn finding_id(&self, f: &corridor_schema::Finding) -> String {
        match self.opaque.get(&f.source) {
            Some(label) => format!("{label}#{}", f.n),
            None => f.id.clone(),
        }
    }

    /// `text` with every confidential name and contact replaced.
    pub fn clean(&self, text: &str) -> String {
        match &self.search {
            Some(ac) => {
                let mut out = String::with_capacity(text.len());
                ac.replace_all_with(text, &mut out, |m, _, dst| {
                    dst.push_str(&self.pairs[m.pattern().as_usize()].1);
                    true
                });
                out
            }
            // The automaton could not be built (never for realistic
            // input): replace one needle at a time, longest first, rather
            // than let a name through.
            None if !self.pairs.is_empty() => {
                let mut order: Vec<&(String, String)> = self.pairs.iter().collect();
                order.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
                let mut out = text.to_string();
                for (needle, rep) in order {
                    out = out.replace(needle.as_str(), rep);
                }
                out
            }
            None => text.to_string(),
        }
    }
}

/// One phenomenon's evidence, scores, ranks and triangulation over a list
/// of targets (corridors or movements).
pub struct Judged {
    /// The phenomenon.
    pub phenomenon: Phenomenon,
    /// The evidence.
    pub evidence: Evidence,
    /// S per target.
    pub scores: Vec<f64>,
    /// Ordinal ranks per target.
    pub ranks: Vec<usize>,
    /// Target indices by rank.
    pub order: Vec<usize>,
    /// (types, groups, confidence) per target.
    pub tri: Vec<(usize, usize, Confidence)>,
}

impl Judged {
    fn new(evidence: Evidence, w: &[f64; N_TYPES], params: &corridor_score::Params) -> Self {
        let scores: Vec<f64> = scores(&evidence.vector, w).iter().copied().collect();
        let ranks = ranks(&scores);
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|&c| ranks[c]);
        let tri = (0..scores.len())
            .map(|c| evidence.triangulate(c, params, None))
            .collect();
        Judged {
            phenomenon: evidence.phenomenon,
            evidence,
            scores,
            ranks,
            order,
            tri,
        }
    }

    /// The judgement of target `c` as shown beside another.
    fn beside(&self, c: usize) -> Beside {
        Beside {
            phenomenon: self.phenomenon.words(),
            rank: self.ranks[c],
            score: score(self.scores[c]),
            confidence: self.tri[c].2.key(),
        }
    }
}

/// Everything computed once per report: scores, ranks, triangulation, and
/// the findings of each reporting country.
pub struct Ctx<'a> {
    /// The model.
    pub model: &'a Model,
    /// The options.
    pub opts: &'a Options,
    /// The evidence of every corridor (METHOD.md §3).
    pub evidence: Evidence,
    /// S(c) for every corridor.
    pub scores: Vec<f64>,
    /// Ordinal ranks.
    pub ranks: Vec<usize>,
    /// Corridor indices by rank.
    pub order: Vec<usize>,
    /// (types, groups, confidence) per corridor.
    pub tri: Vec<(usize, usize, Confidence)>,
    /// The other scored phenomena, judged beside smuggling.
    pub others: Vec<Judged>,
    /// Smuggling over the movements (METHOD.md §5).
    pub movements: Judged,
    /// The other scored phenomena over the movements.
    pub movement_others: Vec<Judged>,
    /// The redactor for the audience.
    pub redact: Redactor,
    /// Finding indices by the reporting country of their source.
    pub by_country: BTreeMap<&'a str, Vec<usize>>,
    /// Source indices by reporting country.
    pub sources_by_country: BTreeMap<&'a str, Vec<usize>>,
    /// The chapters to render, sorted by code.
    pub chapters: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// Scores the model and picks the chapters.
    pub fn new(model: &'a Model, opts: &'a Options) -> Result<Self, ReportError> {
        let w = &opts.weights;
        let sum: f64 = w.iter().sum();
        if w.iter().any(|x| !x.is_finite() || *x < 0.0) || (sum - 1.0).abs() > 1e-9 {
            return Err(ReportError::Weights {
                weights: format!("{w:?}"),
            });
        }
        // a(e), the finding-id order and the findings of every corridor and
        // movement are prepared once; each phenomenon reduces them.
        let prepared = corridor_score::Prepared::new(model, &opts.params);
        let per_corridor = corridor_score::corridor_findings(model, &Filter::default());
        let per_movement = corridor_score::movement_findings(model, &per_corridor);
        let build = |targets: &Vec<Vec<usize>>, phi| {
            Evidence::from_targets(&prepared, targets.clone(), phi, None)
        };
        let evidence = build(&per_corridor, Phenomenon::Smuggling);
        let scores: Vec<f64> = scores(&evidence.vector, w).iter().copied().collect();
        let ranks = ranks(&scores);
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|&c| ranks[c]);
        let tri = (0..model.corridors.len())
            .map(|c| evidence.triangulate(c, &opts.params, None))
            .collect();
        let others_of = |targets: &Vec<Vec<usize>>| -> Vec<Judged> {
            [Phenomenon::IrregularMigration, Phenomenon::Trafficking]
                .iter()
                .map(|&phi| Judged::new(build(targets, phi), w, &opts.params))
                .collect()
        };
        let others = others_of(&per_corridor);
        let movement_others = others_of(&per_movement);
        let movements = Judged::new(build(&per_movement, Phenomenon::Smuggling), w, &opts.params);
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
            evidence,
            scores,
            ranks,
            order,
            tri,
            others,
            movements,
            movement_others,
            redact: Redactor::new(model, opts.audience),
            by_country,
            sources_by_country,
            chapters,
        })
    }

    fn internal(&self) -> bool {
        self.opts.audience == Audience::Internal
    }

    /// The display name of a country code (from its country file first).
    pub fn country_name(&self, code: &str) -> String {
        match self.country_file(code) {
            Some(c) => self.redact.clean(&c.name),
            None => codes::country_name(code).unwrap_or_else(|| code.to_string()),
        }
    }

    fn country_file(&self, code: &str) -> Option<&'a CountryFile> {
        self.model.countries.iter().find(|c| c.country == code)
    }

    /// The name of a place, region or country for display.
    fn place(&self, code: &str) -> String {
        self.redact.clean(&self.model.place_name(code))
    }

    /// A finding's citation as this audience may see it: a confidential
    /// source's public citation for the public (its own citations are
    /// internal only).
    fn citation_of<'b>(&'b self, f: &'b Finding) -> &'b str {
        let s = &self.model.sources[f.source];
        match (&s.public_citation, s.confidential && !self.internal()) {
            (Some(c), true) => c,
            _ => &f.citation,
        }
    }

    /// The source's name as this audience may see it.
    fn source_label(&self, s: &SourceRecord) -> String {
        crate::typo::dashes(if self.internal() {
            &s.name
        } else {
            s.public_label()
        })
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
            weighting: self.redact.clean(&self.opts.weighting),
            theta: format!("{}", self.opts.params.theta),
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
                group: self.opts.params.groups.name_of(*t).to_string(),
                weight: score(self.opts.weights[t.index()]),
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

/// Footnotes of one page, numbered in order of first use.
struct Notes<'c, 'a> {
    ctx: &'c Ctx<'a>,
    list: Vec<Footnote>,
    /// Each cited source once, numbered like the notes.
    sources: crate::sources::SourceList,
    by_finding: HashMap<usize, usize>,
    by_citation: HashMap<String, usize>,
}

impl<'c, 'a> Notes<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>) -> Self {
        Notes {
            ctx,
            list: Vec::new(),
            sources: crate::sources::SourceList::default(),
            by_finding: HashMap::new(),
            by_citation: HashMap::new(),
        }
    }

    /// The footnote of finding `i`.
    fn finding(&mut self, i: usize) -> usize {
        if let Some(&n) = self.by_finding.get(&i) {
            return n;
        }
        let ctx = self.ctx;
        let f = &ctx.model.findings[i];
        let s = ctx.model.source_of(f);
        let internal = ctx.internal();
        let n = self.list.len() + 1;
        let citation = crate::typo::dashes(&ctx.redact.clean(ctx.citation_of(f)));
        // The source's own citation, as this audience may see it; a
        // source without one is cited by its first finding's.
        let source_citation = match (&s.public_citation, s.confidential && !internal) {
            (Some(c), true) => c.clone(),
            _ => s.citation.clone().unwrap_or_else(|| f.citation.clone()),
        };
        let source_citation = crate::typo::dashes(&ctx.redact.clean(&source_citation));
        let detail = crate::sources::detail(&source_citation, &citation);
        let g = grade(f.reliability, f.credibility);
        let k = self.sources.number(f.source, |k| SourceEntry {
            n: k,
            label: ctx.source_label(s),
            source_type: s.kind.label().to_string(),
            citation: source_citation,
            confidential: s.confidential,
            public_name: if internal {
                s.public_name.clone().unwrap_or_default()
            } else {
                String::new()
            },
            contact: if internal {
                s.contact.clone().unwrap_or_default()
            } else {
                String::new()
            },
            file: if internal {
                s.file.clone()
            } else {
                String::new()
            },
            notes: Vec::new(),
        });
        self.sources.cite(k, n, g.clone());
        self.list.push(Footnote {
            n,
            source_n: k,
            detail,
            source: ctx.source_label(s),
            source_type: s.kind.label().to_string(),
            citation,
            grade: g,
            finding: ctx.redact.finding_id(f),
            period: crate::fmt::period(&f.period),
            confidential: s.confidential,
            public_name: if internal {
                s.public_name.clone().unwrap_or_default()
            } else {
                String::new()
            },
            contact: if internal {
                s.contact.clone().unwrap_or_default()
            } else {
                String::new()
            },
            file: if internal {
                s.file.clone()
            } else {
                String::new()
            },
        });
        self.by_finding.insert(i, n);
        n
    }

    /// The footnote of a country-file citation (shared by equal citations).
    fn citation(&mut self, citation: &str) -> usize {
        if let Some(&n) = self.by_citation.get(citation) {
            return n;
        }
        let n = self.list.len() + 1;
        self.list.push(Footnote {
            n,
            source_n: 0,
            detail: String::new(),
            source: "Country notes".into(),
            source_type: String::new(),
            citation: crate::typo::dashes(&self.ctx.redact.clean(citation)),
            grade: String::new(),
            finding: String::new(),
            period: String::new(),
            confidential: false,
            public_name: String::new(),
            contact: String::new(),
            file: String::new(),
        });
        self.by_citation.insert(citation.to_string(), n);
        n
    }

    fn statement(&mut self, i: usize) -> Statement {
        let f = &self.ctx.model.findings[i];
        Statement {
            text: crate::typo::dashes(&self.ctx.redact.clean(&f.text)),
            note: self.finding(i),
            finding: f.finding.key(),
            qualifier: match f.finding {
                FindingKind::Observed => "",
                FindingKind::NotObserved => "not observed",
                FindingKind::Unavailable => "unavailable",
                FindingKind::Withheld => "withheld",
            },
            grade: grade(f.reliability, f.credibility),
            source_type: f.kind.key(),
        }
    }

    fn paras(&mut self, items: &[corridor_schema::files::Cited]) -> Vec<Para> {
        items
            .iter()
            .map(|c| Para {
                text: crate::typo::dashes(&self.ctx.redact.clean(&c.text)),
                note: self.citation(&c.citation),
            })
            .collect()
    }
}

/// Renders each chart once and remembers it: the Markdown output writes
/// every chart as a file. Vector charts, shared by every chapter a corridor
/// appears in, are rendered beforehand by [`vector_charts`]; each chapter
/// builder renders its own route charts.
pub struct Charts<'t> {
    templates: &'t Templates,
    shared: &'t BTreeMap<String, String>,
    /// SVG rendered by this builder, by file path.
    pub files: BTreeMap<String, String>,
}

impl<'t> Charts<'t> {
    /// A builder that reuses `shared` and renders the rest.
    pub fn new(templates: &'t Templates, shared: &'t BTreeMap<String, String>) -> Self {
        Charts {
            templates,
            shared,
            files: BTreeMap::new(),
        }
    }

    pub(crate) fn get_or_render<V: serde::Serialize>(
        &mut self,
        file: String,
        alt: String,
        template: &str,
        make: impl FnOnce() -> V,
    ) -> Result<ChartRef, ReportError> {
        let svg = match self.shared.get(&file).or_else(|| self.files.get(&file)) {
            Some(s) => s.clone(),
            None => {
                let s = self.templates.render(template, &make(), &file)?;
                self.files.insert(file.clone(), s.clone());
                s
            }
        };
        Ok(ChartRef { file, alt, svg })
    }
}

/// The file of corridor `c`'s vector chart.
fn vector_file(ctx: &Ctx<'_>, c: usize) -> String {
    format!("charts/vector-{}.svg", ctx.model.corridors[c].id)
}

/// Renders the vector chart of every corridor that appears in a chapter,
/// in parallel; keyed by file path.
pub fn vector_charts(
    ctx: &Ctx<'_>,
    templates: &Templates,
) -> Result<BTreeMap<String, String>, ReportError> {
    let wanted: Vec<usize> = (0..ctx.model.corridors.len())
        .filter(|&c| {
            ctx.chapters
                .iter()
                .any(|code| ctx.role(&ctx.model.corridors[c], code).is_some())
        })
        .collect();
    let empty = BTreeMap::new();
    let rendered: Vec<(String, String)> = wanted
        .par_iter()
        .map(|&c| {
            let mut charts = Charts::new(templates, &empty);
            let r = vector_chart(ctx, &mut charts, c)?;
            Ok((r.file, r.svg))
        })
        .collect::<Result<_, ReportError>>()?;
    Ok(rendered.into_iter().collect())
}

/// The strength-vector chart of corridor `c`.
fn vector_chart(ctx: &Ctx<'_>, charts: &mut Charts<'_>, c: usize) -> Result<ChartRef, ReportError> {
    let cor = &ctx.model.corridors[c];
    let alt = format!(
        "Strength of the evidence of smuggling by kind of source: {}",
        ctx.redact.clean(&cor.label)
    );
    charts.get_or_render(vector_file(ctx, c), alt.clone(), "vector.svg.tera", || {
        let values: Vec<VectorInput> = SourceType::ALL
            .iter()
            .map(|t| VectorInput {
                label: t.label(),
                value: ctx.evidence.vector[(c, t.index())],
                group: ctx.opts.params.groups.of_type[t.index()],
            })
            .collect();
        let (_, _, conf) = ctx.tri[c];
        charts::vector_chart(
            alt,
            format!(
                "rank {} of {} · score {} · {conf}",
                ctx.ranks[c],
                ctx.scores.len(),
                score(ctx.scores[c])
            ),
            &values,
            &ctx.opts.params.groups.names,
            ctx.opts.params.theta,
        )
    })
}

/// A conflict in words, with its P, N and v, as chapters and the audit
/// document list it.
pub fn conflict_words(c: &Conflict) -> String {
    match c {
        Conflict::WithinType {
            kind,
            support,
            counter,
        } => format!(
            "{}: support (P = {}) and counter-evidence (N = {}) from the same type; v = P·(1−N) = {}",
            kind.label(),
            score(*support),
            score(*counter),
            score(support * (1.0 - counter))
        ),
        Conflict::CrossType {
            kind,
            counter,
            supported_by,
        } => format!(
            // Worded so that no verb agrees with a type label: labels are
            // singular ("Travel industry") or plural ("NGO interviews").
            "counter-evidence from {} (N = {}) against strong support from {} (v ≥ θ)",
            kind.label(),
            score(*counter),
            crate::summary::join_and(
                &supported_by
                    .iter()
                    .map(|t| t.label().to_string())
                    .collect::<Vec<_>>()
            )
        ),
    }
}

/// A conflict in plain words, as the chapters list it (the symbols stay in
/// the audit document and the methods annex).
pub fn conflict_plain(c: &Conflict) -> String {
    match c {
        Conflict::WithinType { kind, .. } => format!(
            "{}: sources of this kind both report smuggling and report looking for it without seeing it, so their support is discounted",
            kind.label()
        ),
        Conflict::CrossType {
            kind, supported_by, ..
        } => format!(
            "{} looked for smuggling and did not see it, while {} give strong evidence of it",
            kind.label(),
            crate::summary::join_and(
                &supported_by
                    .iter()
                    .map(|t| t.label().to_string())
                    .collect::<Vec<_>>()
            )
        ),
    }
}

fn mode_word(m: corridor_schema::files::Mode) -> &'static str {
    use corridor_schema::files::Mode::*;
    match m {
        Air => "air",
        Rail => "rail",
        Road => "road",
        Taxi => "taxi",
        Truck => "truck",
        Bus => "bus",
        Foot => "foot",
        Boat => "boat",
    }
}

/// Which kinds of source produced observations, from the same counts as
/// the table under it: "9 of the eleven kinds of source produced
/// observations for Kazakhstan: …".
fn observations_sentence(
    name: &str,
    observed: &[String],
    counter_only: &[String],
    gaps: &[String],
) -> String {
    let mut s = format!(
        "{} of the eleven kinds of source produced observations for {name}",
        observed.len()
    );
    if !observed.is_empty() {
        s += ": ";
        s += &crate::summary::join_and(observed);
    }
    s += ".";
    if !counter_only.is_empty() {
        s += &format!(
            " {} looked and saw nothing ({}).",
            crate::summary::join_and(counter_only),
            if counter_only.len() == 1 {
                "a kind used only as counter-evidence"
            } else {
                "kinds used only as counter-evidence"
            }
        );
    }
    if gaps.is_empty() {
        s += " Every kind of source gave evidence.";
    } else {
        s += &format!(" No evidence from: {}.", gaps.join(", "));
    }
    s
}

/// Builds the chapter of `code`.
pub fn chapter(
    ctx: &Ctx<'_>,
    code: &str,
    charts: &mut Charts<'_>,
) -> Result<ChapterView, ReportError> {
    let model = ctx.model;
    let mut notes = Notes::new(ctx);
    let file = ctx.country_file(code);
    let name = ctx.country_name(code);
    let empty: Vec<usize> = Vec::new();
    let mine: &[usize] = ctx.by_country.get(code).unwrap_or(&empty);
    let my_sources: &[usize] = ctx.sources_by_country.get(code).unwrap_or(&empty);
    let f = |i: usize| -> &Finding { &model.findings[i] };
    let evidence_of = |d: Dimension| {
        mine.iter()
            .copied()
            .filter(move |&i| f(i).dimension == d && f(i).finding.is_evidence())
    };

    let context = file.map(|c| notes.paras(&c.context)).unwrap_or_default();
    let legislation = file
        .map(|c| notes.paras(&c.legislation))
        .unwrap_or_default();
    let method = file.map(|c| notes.paras(&c.method)).unwrap_or_default();

    // The vector approach: which types this country's sources speak for.
    let mut types = Vec::with_capacity(N_TYPES);
    let (mut observed, mut counter_only) = (Vec::new(), Vec::new());
    for t in SourceType::ALL {
        let sources = my_sources
            .iter()
            .filter(|&&s| model.sources[s].kind == *t)
            .count();
        let (mut ev, mut seen, mut unavailable, mut withheld) = (0, 0, 0, 0);
        for &i in mine.iter().filter(|&&i| f(i).kind == *t) {
            match f(i).finding {
                FindingKind::Observed => {
                    ev += 1;
                    seen += 1;
                }
                FindingKind::NotObserved => ev += 1,
                FindingKind::Unavailable => unavailable += 1,
                FindingKind::Withheld => withheld += 1,
            }
        }
        let (status, status_label) = if ev > 0 {
            ("used", "used")
        } else if withheld > 0 {
            ("withheld", "gap: withheld")
        } else if unavailable > 0 {
            ("unavailable", "gap: unavailable")
        } else {
            ("none", "gap: no source")
        };
        // The study's "indicators that produced observations" are the
        // kinds with an observed finding; a kind whose sources only
        // looked and saw nothing is used, but produced none.
        if seen > 0 {
            observed.push(t.label().to_string());
        } else if ev > 0 {
            counter_only.push(t.label().to_string());
        }
        types.push(TypeUse {
            key: t.key(),
            label: t.label(),
            group: ctx.opts.params.groups.name_of(*t).to_string(),
            status,
            status_label,
            sources,
            evidence: ev,
            gaps: unavailable + withheld,
        });
    }
    let used = types
        .iter()
        .filter(|t| t.status == "used")
        .map(|t| t.label.to_string())
        .collect();
    let gap_labels: Vec<String> = types
        .iter()
        .filter(|t| t.status != "used")
        .map(|t| t.label.to_string())
        .collect();
    let mine_corridors: Vec<(usize, &'static str)> = ctx
        .order
        .iter()
        .filter_map(|&c| ctx.role(&model.corridors[c], code).map(|r| (c, r)))
        .collect();
    let mut cards = Vec::with_capacity(mine_corridors.len());
    for (k, &(c, role)) in mine_corridors.iter().enumerate() {
        let cor = &model.corridors[c];
        let (types_n, groups_n, conf) = ctx.tri[c];
        // The audit's interval and single-source flag, when it ran.
        let doubt = ctx.opts.doubts.get(&cor.id);
        let interval: Option<RankInterval> = doubt.map(|d| RankInterval {
            low: d.low,
            high: d.high,
        });
        cards.push(CorridorCard {
            id: cor.id.clone(),
            label: ctx.redact.clean(&cor.label),
            role,
            rank: ctx.ranks[c],
            interval,
            rests_on_one_source: doubt.map(|d| d.rests_on_one_source),
            rank_words: format!(
                "{} of {}",
                crate::summary::rank_text(ctx.ranks[c], interval),
                ctx.scores.len()
            ),
            strength_words: crate::summary::strength_words(ctx, &ctx.evidence, c, conf),
            full: k < FULL_CARDS && groups_n > 0,
            of: ctx.scores.len(),
            score: score(ctx.scores[c]),
            confidence: conf.key(),
            types: types_n,
            groups: groups_n,
            values: SourceType::ALL
                .iter()
                .map(|t| TypeValue {
                    key: t.key(),
                    label: t.label(),
                    value: score(ctx.evidence.vector[(c, t.index())]),
                })
                .collect(),
            chart: vector_chart(ctx, charts, c)?,
            conflicts: ctx
                .evidence
                .conflicts(c, ctx.opts.params.theta)
                .iter()
                .map(conflict_plain)
                .collect(),
            contested: ctx.evidence.contested(c, ctx.opts.params.theta),
            beside: ctx.others.iter().map(|o| o.beside(c)).collect(),
            movements: model
                .movements
                .iter()
                .filter(|m| m.corridors.contains(&c))
                .map(|m| ctx.redact.clean(&m.label))
                .collect(),
        });
    }
    let sentence = observations_sentence(&name, &observed, &counter_only, &gap_labels);
    let vector = VectorSection {
        sentence,
        method,
        types,
        used,
        observed,
        counter_only,
        gaps: gap_labels,
        corridors: cards,
    };

    // 1. Forms of entry and magnitude: the figures by topic in the
    // study's order, each as reported with its period (never converted
    // or added up: units, periods and sources differ). Notes are numbered
    // only once the rows are in the order they are read.
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::TOPICS.len()];
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        if let Some(q) = &f(i).quantity {
            by_topic[crate::topics::topic(f(i), q)].push(i);
        }
    }
    let mut topics = Vec::new();
    for (k, found) in by_topic.iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let rows = found
            .iter()
            .map(|&i| {
                let fi = f(i);
                let q = fi.quantity.as_ref().expect("grouped by its quantity");
                FigureRow {
                    statement: notes.statement(i),
                    figure: crate::topics::figure(&reported(q.value, q.min, q.max), q),
                    period: crate::fmt::period(&fi.period),
                    location: q
                        .location
                        .as_deref()
                        .map(|l| ctx.place(l))
                        .unwrap_or_default(),
                    evidence_of: crate::topics::evidence_of(fi.phenomenon),
                }
            })
            .collect();
        let (id, title) = crate::topics::TOPICS[k];
        topics.push(MagnitudeTopic { id, title, rows });
    }
    let statements = evidence_of(Dimension::Magnitude)
        .filter(|&i| f(i).quantity.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let place = |c: &str| ctx.place(c);
    let clean = |s: &str| ctx.redact.clean(s);
    let avr = tables::avr_status(mine.iter().map(|&i| (i, f(i))), &place, &clean, &mut |i| {
        notes.finding(i)
    });
    let magnitude = MagnitudeSection {
        topics,
        statements,
        avr,
    };

    // 2. Smuggling routes.
    let mut routes = Vec::new();
    let mut map_routes = Vec::new(); // map hook
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(legs) = &fi.route else { continue };
        let statement = notes.statement(i);
        let legs: Vec<LegView> = legs
            .iter()
            .map(|l| {
                let country = model.place_country(&l.to);
                LegView {
                    place: ctx.place(&l.to),
                    country: if country == l.to {
                        String::new()
                    } else {
                        ctx.country_name(country)
                    },
                    mode: l.mode.map(mode_word).unwrap_or(""),
                }
            })
            .collect();
        let path = legs
            .iter()
            .map(|l| {
                if l.mode.is_empty() {
                    l.place.clone()
                } else {
                    format!("({}) {}", l.mode, l.place)
                }
            })
            .collect::<Vec<_>>()
            .join(" → ");
        let n = routes.len() + 1;
        let names: Vec<String> = legs.iter().map(|l| l.place.clone()).collect(); // map hook
        let on_map = crate::map::route(model, n, fi.route.as_deref().unwrap_or_default(), &names); // map hook
        let file = format!("charts/{code}-route-{n}.svg");
        let alt = format!("Route {n} of {name}: {path}");
        let stops: Vec<StopInput> = legs
            .iter()
            .map(|l| StopInput {
                name: l.place.clone(),
                sub: l.country.clone(),
                mode: l.mode,
            })
            .collect();
        let chart = if on_map.needs_diagram() {
            // map hook
            Some(
                charts.get_or_render(file, alt.clone(), "route.svg.tera", || {
                    charts::route_diagram(alt, &stops)
                })?,
            )
        } else {
            None
        };
        let title = names.join(" → "); // map hook: titled by every stop
        routes.push(RouteView {
            title,
            source: ctx.source_label(model.source_of(fi)),
            statement,
            legs,
            path,
            chart,
            off_map: on_map.off_map(), // map hook
        });
        map_routes.push(on_map); // map hook
    }
    let route_statements = evidence_of(Dimension::Routes)
        .filter(|&i| f(i).route.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let routes = RoutesSection {
        map: crate::map::chapter_map(code, &name, &map_routes, charts)?, // map hook
        routes,
        statements: route_statements,
    };

    // 3. Organisation: tags in taxonomy order, with the sources behind each.
    let mut tag_findings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        for t in &f(i).tags {
            tag_findings.entry(t.as_str()).or_default().push(i);
        }
    }
    let mut tag_order: Vec<(String, String, String)> = model
        .tags
        .iter()
        .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
        .collect();
    for id in tag_findings.keys() {
        if !model.tags.iter().any(|t| t.id == *id) {
            tag_order.push((id.to_string(), id.to_string(), String::new()));
        }
    }
    let mut tags = Vec::new();
    for (id, label, description) in tag_order {
        let Some(found) = tag_findings.get(id.as_str()) else {
            continue;
        };
        // Grouped by source first, then numbered in the order the row
        // lists them, so that new notes read in order.
        let mut by_source: Vec<(usize, Vec<usize>)> = Vec::new();
        for &i in found {
            match by_source.iter_mut().find(|(s, _)| *s == f(i).source) {
                Some((_, v)) => v.push(i),
                None => by_source.push((f(i).source, vec![i])),
            }
        }
        for (_, v) in &mut by_source {
            for x in v.iter_mut() {
                *x = notes.finding(*x);
            }
        }
        tags.push(TagView {
            id,
            label: ctx.redact.clean(&label),
            description: ctx.redact.clean(&description),
            sources: by_source
                .into_iter()
                .map(|(s, mut v)| {
                    v.sort_unstable();
                    v.dedup();
                    TagSource {
                        source: ctx.source_label(&model.sources[s]),
                        notes: v,
                    }
                })
                .collect(),
            findings: found.len(),
        });
    }
    let organization = OrganizationSection {
        tags,
        statements: evidence_of(Dimension::Organization)
            .map(|i| notes.statement(i))
            .collect(),
    };

    // 4. Fees, in US dollars.
    let mut fee_rows = Vec::new();
    let mut used_rates: BTreeSet<usize> = BTreeSet::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(fee) = &fi.fee else { continue };
        let statement = notes.statement(i);
        if fee.currency != "USD"
            && let Some((r, _)) = tables::rate_for(&fee.currency, &fi.period, &model.rates)
        {
            used_rates.insert(r);
        }
        fee_rows.push(FeeRow {
            statement,
            evidence_of: match fi.phenomenon {
                Some(Phenomenon::Smuggling) => "smuggling fee",
                Some(Phenomenon::Trafficking) => "trafficking",
                Some(Phenomenon::IrregularMigration) => "irregular migration, no facilitator",
                _ => "lawful cost",
            },
            covers: covers_words(fee.covers),
            origin: fi
                .profile
                .as_ref()
                .and_then(|p| p.origin.as_deref())
                .map(|o| ctx.country_name(o))
                .unwrap_or_default(),
            reported: format!("{} {}", reported(fee.value, fee.min, fee.max), fee.currency),
            usd: tables::fee_usd(fee, &fi.period, &model.rates)
                .map(|(lo, hi)| crate::fmt::range(lo, hi))
                .unwrap_or_else(|| "no rate".into()),
            respondents: fee.respondents.map(|n| n.to_string()).unwrap_or_default(),
        });
    }
    let rates = used_rates
        .iter()
        .map(|&r| &model.rates[r])
        .map(|r| RateView {
            currency: r.currency.clone(),
            per_usd: num(r.per_usd),
            date: r.date.clone(),
            citation: ctx.redact.clean(&r.citation),
        })
        .collect();
    let country = |c: &str| ctx.country_name(c);
    let brackets = tables::fee_brackets(mine.iter().map(|&i| (i, f(i))), &country, &mut |i| {
        notes.finding(i)
    });
    let fees = FeesSection {
        rows: fee_rows,
        rates,
        brackets,
        statements: evidence_of(Dimension::Fees)
            .filter(|&i| f(i).fee.is_none())
            .map(|i| notes.statement(i))
            .collect(),
    };

    // 5. Profile of migrants: one paragraph per facet in the study's
    // order (sex, age, education, income, motive), each opened by what
    // the structured fields say together.
    let mut by_facet: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::FACETS.len()];
    for i in evidence_of(Dimension::Profile) {
        by_facet[crate::topics::facet(&f(i).text, f(i).profile.as_ref())].push(i);
    }
    let facets = by_facet
        .iter()
        .enumerate()
        .filter(|(_, found)| !found.is_empty())
        .map(|(k, found)| {
            let profiles: Vec<_> = found.iter().map(|&i| f(i).profile.as_ref()).collect();
            ProfileFacet {
                title: crate::topics::FACETS[k],
                lead: crate::topics::lead(k, &profiles),
                statements: found.iter().map(|&i| notes.statement(i)).collect(),
            }
        })
        .collect();
    let profile = ProfileSection { facets };

    // 6. National recommendations.
    let recommendations = file
        .map(|c| notes.paras(&c.recommendations))
        .unwrap_or_default();

    // Data gaps: unavailable versus withheld, per type.
    let mut type_gaps = Vec::new();
    for t in SourceType::ALL {
        // Numbered as printed: the unavailable, then the withheld.
        let of_kind = |k: FindingKind| {
            mine.iter()
                .copied()
                .filter(move |&i| f(i).kind == *t && f(i).finding == k)
        };
        let unavailable: Vec<Statement> = of_kind(FindingKind::Unavailable)
            .map(|i| notes.statement(i))
            .collect();
        let withheld: Vec<Statement> = of_kind(FindingKind::Withheld)
            .map(|i| notes.statement(i))
            .collect();
        if !unavailable.is_empty() || !withheld.is_empty() {
            type_gaps.push(TypeGap {
                key: t.key(),
                label: t.label(),
                unavailable,
                withheld,
            });
        }
    }
    let silent = vector
        .types
        .iter()
        .filter(|t| t.status == "none")
        .map(|t| t.label.to_string())
        .collect();
    let labels = |ts: &[SourceType]| ts.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
    let corridor_gaps = mine_corridors
        .iter()
        .map(|&(c, _)| {
            let g = ctx.evidence.gaps(c);
            CorridorGap {
                id: model.corridors[c].id.clone(),
                label: ctx.redact.clean(&model.corridors[c].label),
                unavailable: labels(&g.unavailable),
                withheld: labels(&g.withheld),
                none: g.none.len(),
            }
        })
        .collect();
    let gaps = GapsSection {
        types: type_gaps,
        silent,
        corridors: corridor_gaps,
    };

    let corridor_ids: Vec<usize> = mine_corridors.iter().map(|&(c, _)| c).collect();
    let moves: Vec<usize> = ctx
        .movements
        .order
        .iter()
        .copied()
        .filter(|&m| {
            model.movements[m]
                .corridors
                .iter()
                .any(|c| corridor_ids.contains(c))
        })
        .collect();
    let labels_of = |keep: &dyn Fn(&TypeGap) -> bool| -> Vec<String> {
        gaps.types
            .iter()
            .filter(|g| keep(g))
            .map(|g| g.label.to_string())
            .collect()
    };
    let withheld = labels_of(&|g| !g.withheld.is_empty());
    let unavailable = labels_of(&|g| !g.unavailable.is_empty());
    let never_strong = never_strong(ctx, &corridor_ids);
    let summary = crate::summary::summary(
        ctx,
        &crate::summary::Scope {
            place: &name,
            relation: &format!("from, through or into {name}"),
            corridors: &corridor_ids,
            movements: &moves,
            silent: &gaps.silent,
            withheld: &withheld,
            unavailable: &unavailable,
            never_strong: &never_strong,
            counts: magnitude.topics.len(),
        },
    );
    let dots = dot_chart(
        ctx,
        charts,
        &corridor_ids,
        &format!("charts/{code}-dots.svg"),
        &name,
    )?;
    Ok(ChapterView {
        summary,
        dots,
        page: ctx.page(
            format!("{name} — smuggling of migrants, country chapter"),
            code,
        ),
        country: CountryView {
            corridors_anchor: github_anchor(&format!("Corridors from, through and into {name}")),
            code: code.to_string(),
            name,
            has_file: file.is_some(),
            sources: my_sources.len(),
            findings: mine.len(),
        },
        context,
        legislation,
        vector,
        magnitude,
        routes,
        organization,
        fees,
        profile,
        recommendations,
        gaps,
        footnotes: notes.list,
        sources: notes.sources.list,
    })
}

/// Builds the regional overview.
pub fn overview(ctx: &Ctx<'_>, charts: &mut Charts<'_>) -> Result<OverviewView, ReportError> {
    let model = ctx.model;
    let chapters: Vec<(String, String)> = ctx
        .chapters
        .iter()
        .map(|c| (c.clone(), ctx.country_name(c)))
        .collect();
    let rows: Vec<OverviewRow> = ctx
        .order
        .iter()
        .map(|&c| {
            let cor = &model.corridors[c];
            let (types, groups, conf) = ctx.tri[c];
            OverviewRow {
                rank: ctx.ranks[c],
                id: cor.id.clone(),
                label: ctx.redact.clean(&cor.label),
                score: score(ctx.scores[c]),
                confidence: conf.key(),
                types,
                groups,
                cells: SourceType::ALL
                    .iter()
                    .map(|t| crate::fmt::cell(ctx.evidence.vector[(c, t.index())]))
                    .collect(),
                conflicts: ctx.evidence.conflicts(c, ctx.opts.params.theta).len(),
                contested: ctx.evidence.contested(c, ctx.opts.params.theta),
                beside: ctx.others.iter().map(|o| o.beside(c)).collect(),
                chapters: chapters
                    .iter()
                    .filter(|(code, _)| ctx.role(cor, code).is_some())
                    .map(|(code, name)| Link {
                        stem: code.clone(),
                        label: name.clone(),
                        current: false,
                    })
                    .collect(),
            }
        })
        .collect();
    let mv = &ctx.movements;
    let movements = mv
        .order
        .iter()
        .map(|&k| {
            let m = &model.movements[k];
            let (types, groups, conf) = mv.tri[k];
            MovementRow {
                rank: mv.ranks[k],
                id: m.id.clone(),
                label: ctx.redact.clean(&m.label),
                score: score(mv.scores[k]),
                confidence: conf.key(),
                contested: mv.evidence.contested(k, ctx.opts.params.theta),
                types,
                groups,
                corridors: m
                    .corridors
                    .iter()
                    .map(|&c| model.corridors[c].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                beside: ctx.movement_others.iter().map(|o| o.beside(k)).collect(),
            }
        })
        .collect();
    let confidence = [
        Confidence::Corroborated,
        Confidence::Supported,
        Confidence::SingleSource,
        Confidence::Insufficient,
        Confidence::NoEvidence,
    ]
    .iter()
    .map(|k| LabelCount {
        label: k.key(),
        count: ctx.tri.iter().filter(|t| t.2 == *k).count(),
    })
    .collect();
    let alt = "Strength of the evidence of smuggling for every corridor (rows, by rank) and kind of source (columns)";
    let heatmap = charts.get_or_render(
        "charts/heatmap.svg".into(),
        alt.into(),
        "heatmap.svg.tera",
        || {
            let labels: Vec<&'static str> = SourceType::ALL.iter().map(|t| t.label()).collect();
            let inputs: Vec<HeatInput> = ctx
                .order
                .iter()
                .map(|&c| HeatInput {
                    label: format!(
                        "{}. {}",
                        ctx.ranks[c],
                        ctx.redact.clean(&model.corridors[c].label)
                    ),
                    confidence: ctx.tri[c].2.key(),
                    values: SourceType::ALL
                        .iter()
                        .map(|t| ctx.evidence.vector[(c, t.index())])
                        .collect(),
                })
                .collect();
            charts::heat_map(alt.into(), &labels, &inputs, ctx.opts.params.theta)
        },
    )?;
    let all: Vec<usize> = ctx.order.clone();
    let type_labels = |keep: &dyn Fn(&Finding) -> bool| -> Vec<String> {
        SourceType::ALL
            .iter()
            .filter(|t| model.findings.iter().any(|f| f.kind == **t && keep(f)))
            .map(|t| t.label().to_string())
            .collect()
    };
    let spoken = type_labels(&|f| f.finding.is_evidence());
    let silent: Vec<String> = SourceType::ALL
        .iter()
        .map(|t| t.label().to_string())
        .filter(|l| !spoken.contains(l))
        .collect();
    let withheld = type_labels(&|f| f.finding == FindingKind::Withheld);
    let unavailable = type_labels(&|f| f.finding == FindingKind::Unavailable);
    let never = never_strong(ctx, &all);
    let summary = crate::summary::summary(
        ctx,
        &crate::summary::Scope {
            place: "the region",
            relation: "declared for the region",
            corridors: &all,
            movements: &ctx.movements.order,
            silent: &silent,
            withheld: &withheld,
            unavailable: &unavailable,
            never_strong: &never,
            counts: 0,
        },
    );
    let dots = dot_chart(ctx, charts, &all, "charts/dots.svg", "the region")?;
    Ok(OverviewView {
        summary,
        dots,
        page: ctx.page(
            "Central Asia — smuggling of migrants, regional overview".into(),
            "overview",
        ),
        types: ctx.type_heads(),
        movements,
        corridors: rows,
        confidence,
        heatmap,
        map: crate::map::region_map(ctx, charts)?, // map hook
    })
}

/// Builds the index page.
pub fn index(ctx: &Ctx<'_>) -> IndexView {
    let model = ctx.model;
    let empty = Vec::new();
    let chapters = ctx
        .chapters
        .iter()
        .map(|code| ChapterLink {
            stem: code.clone(),
            name: ctx.country_name(code),
            sources: ctx
                .sources_by_country
                .get(code.as_str())
                .unwrap_or(&empty)
                .len(),
            findings: ctx.by_country.get(code.as_str()).unwrap_or(&empty).len(),
            corridors: model
                .corridors
                .iter()
                .filter(|c| ctx.role(c, code).is_some())
                .count(),
        })
        .collect();
    IndexView {
        page: ctx.page(
            "Smuggling of migrants in Central Asia: the vector approach".into(),
            "index",
        ),
        chapters,
        audit_md: ctx.opts.audit.markdown,
        audit_html: ctx.opts.audit.html,
        totals: Totals {
            sources: model.sources.len(),
            findings: model.findings.len(),
            corridors: model.corridors.len(),
        },
        types: ctx.type_heads(),
    }
}

/// The anchor GitHub gives a Markdown heading: lower case, spaces as
/// hyphens, punctuation other than hyphens and underscores dropped.
fn github_anchor(heading: &str) -> String {
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
fn css_string(text: &str) -> String {
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

/// How many of a chapter's corridors get a full card (chart and all); the
/// others are collapsed.
const FULL_CARDS: usize = 3;

/// The labels of the types that give strong evidence on none of `cs`.
fn never_strong(ctx: &Ctx<'_>, cs: &[usize]) -> Vec<String> {
    SourceType::ALL
        .iter()
        .filter(|t| {
            !cs.iter()
                .any(|&c| ctx.evidence.vector[(c, t.index())] >= ctx.opts.params.theta)
        })
        .map(|t| t.label().to_string())
        .collect()
}

/// The sorted dot chart of corridors `cs` (in rank order).
fn dot_chart(
    ctx: &Ctx<'_>,
    charts: &mut Charts<'_>,
    cs: &[usize],
    file: &str,
    place: &str,
) -> Result<ChartRef, ReportError> {
    let alt = format!(
        "Smuggling score of every corridor of {place}, strongest first, with its rank and label"
    );
    charts.get_or_render(file.into(), alt.clone(), "dots.svg.tera", || {
        let rows: Vec<crate::dots::DotInput> = cs
            .iter()
            .map(|&c| {
                let conf = ctx.tri[c].2;
                crate::dots::DotInput {
                    label: ctx.redact.clean(&ctx.model.corridors[c].label),
                    anchor: format!("corridor-{}", ctx.model.corridors[c].id),
                    score: ctx.scores[c],
                    note: format!(
                        "{} · score {} · {}",
                        crate::summary::rank_text(ctx.ranks[c], None),
                        score(ctx.scores[c]),
                        conf.key()
                    ),
                    confidence: conf.key(),
                }
            })
            .collect();
        crate::dots::dot_chart(alt, &rows)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redactor_replaces_longest_names_first_and_only_for_the_public() {
        let mut m = Model::default();
        let src = |name: &str, contact: Option<&str>, confidential: bool| SourceRecord {
            id: name.to_lowercase(),
            file: "f.yaml".into(),
            kind: SourceType::Media,
            name: name.into(),
            public_name: Some("a ministry officer".into()),
            public_id: None,
            public_citation: None,
            identifying: vec![],
            confidential,
            reliability: corridor_schema::Reliability::C,
            grading_note: None,
            citation: None,
            contact: contact.map(String::from),
            country: "KGZ".into(),
            period: "2005".parse().unwrap(),
            collected: None,
        };
        m.sources
            .push(src("Colonel Ivanov", Some("+996 555 1234"), true));
        m.sources.push(src("Colonel Ivanov Jr", None, true));
        m.sources
            .push(src("Open Radio", Some("radio@example.org"), false));
        let r = Redactor::new(&m, Audience::Public);
        assert_eq!(
            r.clean("Colonel Ivanov Jr and Colonel Ivanov (+996 555 1234), Open Radio"),
            "a ministry officer and a ministry officer ([contact withheld]), Open Radio"
        );
        let r = Redactor::new(&m, Audience::Internal);
        assert_eq!(r.clean("Colonel Ivanov"), "Colonel Ivanov");
    }
}
