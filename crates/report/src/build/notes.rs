//! Footnotes of one page, numbered in order of first use, and the list of
//! the sources they cite.

use super::*;

/// Footnotes of one page, numbered in order of first use.
pub(crate) struct Notes<'c, 'a> {
    ctx: &'c Ctx<'a>,
    pub(crate) list: Vec<Footnote>,
    /// Each cited source once, numbered like the notes.
    pub(crate) sources: crate::sources::SourceList,
    by_finding: HashMap<usize, usize>,
    by_citation: HashMap<String, usize>,
}

impl<'c, 'a> Notes<'c, 'a> {
    pub(crate) fn new(ctx: &'c Ctx<'a>) -> Self {
        Notes {
            ctx,
            list: Vec::new(),
            sources: crate::sources::SourceList::default(),
            by_finding: HashMap::new(),
            by_citation: HashMap::new(),
        }
    }

    /// The footnote of finding `i`.
    pub(crate) fn finding(&mut self, i: usize) -> usize {
        if let Some(&n) = self.by_finding.get(&i) {
            return n;
        }
        let ctx = self.ctx;
        let f = &ctx.model.findings[i];
        let s = ctx.model.source_of(f);
        let internal = ctx.internal();
        let n = self.list.len() + 1;
        let citation = crate::typo::dashes(&f.citation);
        // The source's own citation (the published view's: a confidential
        // source's public citation for the public); a source without one is
        // cited by its first finding's.
        let source_citation = crate::typo::dashes(s.citation.as_deref().unwrap_or(&f.citation));
        let detail = crate::sources::detail(&source_citation, &citation);
        // What only internal readers see of the source: its public name,
        // contact and file (empty for the public).
        let shown = if internal {
            (
                s.public_name.clone().unwrap_or_default(),
                s.contact.clone().unwrap_or_default(),
                s.file.clone(),
            )
        } else {
            Default::default()
        };
        let g = grade(f.reliability, f.credibility);
        let k = self.sources.number(f.source, |k| SourceEntry {
            n: k,
            label: ctx.source_label(s),
            source_type: s.kind.label().to_string(),
            citation: source_citation,
            confidential: s.confidential,
            public_name: shown.0.clone(),
            contact: shown.1.clone(),
            file: shown.2.clone(),
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
            finding: f.id.clone(),
            period: crate::fmt::period(&f.period),
            confidential: s.confidential,
            public_name: shown.0,
            contact: shown.1,
            file: shown.2,
        });
        self.by_finding.insert(i, n);
        n
    }

    /// The footnote of a country-file citation (shared by equal citations).
    pub(crate) fn citation(&mut self, citation: &str) -> usize {
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
            citation: crate::typo::dashes(citation),
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

    pub(crate) fn statement(&mut self, i: usize) -> Statement {
        let f = &self.ctx.model.findings[i];
        Statement {
            text: crate::typo::dashes(&f.text),
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

    pub(crate) fn paras(&mut self, items: &[corridor_schema::files::Cited]) -> Vec<Para> {
        items
            .iter()
            .map(|c| Para {
                text: crate::typo::dashes(&c.text),
                note: self.citation(&c.citation),
            })
            .collect()
    }
}
