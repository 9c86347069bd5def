//! A chapter's source list and the back-links of its footnotes.
//!
//! Footnotes stay short ("Source 3, grade B2, 2004–2005"): the source's
//! long name and citation are printed once, in the source list, with every
//! note that cites it. Sources are numbered in order of first citation,
//! like the notes, so both lists read in the order of the text.

use crate::views::{NoteRef, SourceEntry};
use std::collections::HashMap;

/// The sources cited so far on one page.
#[derive(Debug, Default)]
pub struct SourceList {
    /// The entries, in order of first citation.
    pub list: Vec<SourceEntry>,
    by_source: HashMap<usize, usize>,
}

impl SourceList {
    /// The number of model source `source`, making its entry with `make`
    /// (given the new number) on its first citation.
    pub fn number(&mut self, source: usize, make: impl FnOnce(usize) -> SourceEntry) -> usize {
        if let Some(&k) = self.by_source.get(&source) {
            return k;
        }
        let k = self.list.len() + 1;
        self.list.push(make(k));
        self.by_source.insert(source, k);
        k
    }

    /// Records that note `n` (of grade `grade`) cites source number `k`.
    pub fn cite(&mut self, k: usize, n: usize, grade: String) {
        self.list[k - 1].notes.push(NoteRef { n, grade });
    }
}

/// What a finding's citation adds to its source's: the part after the
/// longest common prefix ending at ", " (the book and section both name),
/// or the whole citation when they share none; empty when they are equal.
pub fn detail(source: &str, finding: &str) -> String {
    if source == finding {
        return String::new();
    }
    let mut cut = 0;
    for (i, _) in finding.match_indices(", ") {
        if source.len() >= i + 2 && source.as_bytes()[..i + 2] == finding.as_bytes()[..i + 2] {
            cut = i + 2;
        } else {
            break;
        }
    }
    finding[cut..].to_string()
}

/// `html` with an anchor `id="ref-N"` on the first link to each footnote
/// `#fn-N`, the target of the note's back-link (↩). The first link in the
/// page is the first use in reading order, whatever template placed it.
pub fn backlinks(html: &str) -> String {
    const HREF: &str = "href=\"#fn-";
    let mut out = String::with_capacity(html.len() + 4096);
    let mut seen = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(HREF) {
        let start = at + HREF.len();
        let digits = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
        let end = start + digits;
        out.push_str(&rest[..end]);
        if digits > 0 && rest[end..].starts_with('"') {
            out.push('"');
            let n = &rest[start..end];
            if seen.insert(n.to_string()) {
                out.push_str(" id=\"ref-");
                out.push_str(n);
                out.push('"');
            }
            rest = &rest[end + 1..];
        } else {
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{backlinks, detail};

    #[test]
    fn the_detail_is_what_the_finding_adds_to_its_source() {
        let s = "IOM baseline study (2006), §5.3 Kyrgyzstan, 3. Organization of smuggling, fn. 119";
        let f = "IOM baseline study (2006), §5.3 Kyrgyzstan, 1. Forms of entry, students paragraph";
        assert_eq!(detail(s, f), "1. Forms of entry, students paragraph");
        assert_eq!(detail(s, s), "");
        assert_eq!(
            detail("Ministry report", "A newspaper, p. 3"),
            "A newspaper, p. 3"
        );
    }

    #[test]
    fn only_the_first_link_to_a_note_is_its_back_link_target() {
        let html = r##"<a href="#fn-2">2</a> <a href="#fn-1">1</a> <a href="#fn-2">2</a> <a href="#fn-">x</a>"##;
        assert_eq!(
            backlinks(html),
            r##"<a href="#fn-2" id="ref-2">2</a> <a href="#fn-1" id="ref-1">1</a> <a href="#fn-2">2</a> <a href="#fn-">x</a>"##
        );
    }
}
