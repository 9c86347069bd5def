//! Text folding for comparisons that must not be fooled by how a name is
//! written: Unicode compatibility form, case, spacing, invisible characters
//! and look-alike letters. Used to tell whether a public name is the real
//! name, and to find a confidential source's name or contact in any text
//! (as whole words) — at the input by `check`, and as a last-line guard
//! over every public output.

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// Whether `c` is invisible in print and so cannot tell two names apart:
/// zero-width characters, joiners, the BOM and bidirectional controls.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Compatibility decomposition (NFKD) without combining marks, then lower
/// case, invisible characters removed and every run of white space
/// (including no-break spaces) made one space, trimmed. Accents go with
/// the marks, so `Amélie`, `Ame\u{301}lie` and `Amelie` fold alike, and a
/// dot added above a letter hides nothing.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The form in which names are searched: each letter replaced by its
/// UTS #39 confusable skeleton (Cyrillic `а` and Latin `a` alike) before
/// and after [`fold`] — before, because capitals have look-alikes their
/// lower case lacks (Cyrillic `Н` is Latin `H`, but `н` is no `h`); after,
/// because lower case has its own (Greek `ο`) — and folded at the end (the
/// skeleton may change case or spacing).
pub fn match_form(s: &str) -> String {
    let once = fold(&skeleton(&s.nfkc().collect::<String>()).collect::<String>());
    fold(&skeleton(&once).collect::<String>())
}

/// What identifies a confidential source, in [`match_form`].
#[derive(Debug, Clone)]
pub struct Needle {
    /// The folded text searched for.
    pub folded: String,
    /// Index of the source (into the sources being checked).
    pub source: usize,
    /// `name`, `contact`, `identifying` or `file id`, for messages (never
    /// the text).
    pub what: &'static str,
    /// A phone number: matched on its digits alone, whatever separates
    /// them (`+996 312 555 111`, `996-312-555-111`).
    pub digits: bool,
    /// An id: matched as a whole slug (`-` and `_` join words), so that
    /// `kgz-interviews` is not found in `kgz-interviews-2005`.
    pub slug: bool,
}

/// A phone number has at least this many digits; shorter digit runs are
/// years and counts.
const PHONE_DIGITS: usize = 7;

/// The digits of every run of digits and phone separators (space, `-`,
/// `.`, `(`, `)`, `/`, `+`) in `s` that holds at least [`PHONE_DIGITS`]
/// digits.
fn phone_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if c.is_whitespace() || "-.()/+".contains(c) {
            continue;
        } else {
            if run.len() >= PHONE_DIGITS {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out
}

/// The needles of one confidential source: its name, its contact and the
/// parts of the contact that identify alone (an e-mail address, a phone
/// number: a part with `@` or a digit, and every phone number by its
/// digits), each `identifying` string (a surname, a nickname), and `ids`:
/// its file id, its file's name and its findings' own ids, which may be
/// built from the person's name.
pub fn needles_of(
    source: usize,
    name: &str,
    contact: Option<&str>,
    identifying: &[String],
    ids: &[&str],
) -> Vec<Needle> {
    let mut out = Vec::new();
    let mut push = |text: &str, what: &'static str, digits: bool| {
        let slug = what == "file id";
        let folded = if digits {
            text.to_string()
        } else {
            match_form(text)
        };
        if !folded.is_empty() && !out.iter().any(|n: &Needle| n.folded == folded) {
            out.push(Needle {
                folded,
                source,
                what,
                digits,
                slug,
            });
        }
    };
    push(name, "name", false);
    if let Some(c) = contact {
        push(c, "contact", false);
        for part in c.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';') {
            if part.chars().count() >= 5 && part.chars().any(|ch| ch == '@' || ch.is_ascii_digit())
            {
                push(part, "contact", false);
            }
        }
        for digits in phone_runs(c) {
            push(&digits, "contact", true);
        }
    }
    for i in identifying {
        push(i, "identifying", false);
    }
    for id in ids {
        push(id, "file id", false);
    }
    out
}

/// The needles of confidential source `rec` (index `source`), with
/// `findings` its findings: [`needles_of`] over its name, contact and
/// identifying words, and its own ids — its file id and the ids its
/// findings were given (not the `<file id>#<n>` ones, which hold nothing
/// more). The one list both `check` and the output guard search for.
pub fn needles_of_source<'a>(
    source: usize,
    rec: &'a crate::SourceRecord,
    findings: impl IntoIterator<Item = &'a crate::Finding>,
) -> Vec<Needle> {
    let default = format!("{}#", rec.id);
    let mut ids = vec![rec.id.as_str()];
    ids.extend(
        findings
            .into_iter()
            .map(|f| f.id.as_str())
            .filter(|id| !id.starts_with(&default)),
    );
    needles_of(
        source,
        &rec.name,
        rec.contact.as_deref(),
        &rec.identifying,
        &ids,
    )
}

/// The first needle found in `text` as whole words (the characters around
/// the match are not letters or digits).
pub fn find<'n>(text: &str, needles: &'n [Needle]) -> Option<&'n Needle> {
    if needles.is_empty() {
        return None;
    }
    let hay = match_form(text);
    let phones = if needles.iter().any(|n| n.digits) {
        phone_runs(text)
    } else {
        Vec::new()
    };
    needles.iter().find(|n| {
        if n.digits {
            phones.iter().any(|p| p.contains(&n.folded))
        } else if n.slug {
            whole(&hay, &n.folded, |c| {
                c.is_alphanumeric() || c == '-' || c == '_'
            })
        } else {
            whole(&hay, &n.folded, char::is_alphanumeric)
        }
    })
}

/// Whether `needle` stands in `hay` with no word character (`word`) on
/// either side.
fn whole(hay: &str, needle: &str, word: impl Fn(char) -> bool) -> bool {
    hay.match_indices(needle).any(|(at, m)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + m.len()..].chars().next();
        !before.is_some_and(&word) && !after.is_some_and(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::{find, fold, needles_of};

    #[test]
    fn a_name_is_found_however_written_and_only_as_whole_words() {
        let n = needles_of(
            0,
            "Dina Qwertova",
            Some("dina.q@mail.invalid +996-555-0101"),
            &["Qwertova".to_string(), "Dina".to_string()],
            &["kgz-dina-interview"],
        );
        for text in [
            "Interview with DINA QWERTOVA, 2005",
            "Interview with Dina\u{00A0}\u{00A0}Qwertova",
            "Interview with Di\u{200B}na Qwertova",
            // Cyrillic а and е as homoglyphs.
            "Interview with Dinа Qwеrtova",
            "as Qwertova said",
            "call +996-555-0101",
            "Dina\nQwertova in a block",
            // Capital homoglyphs (Cyrillic Н, Greek Κ), small capitals and
            // a combining dot.
            "Interview with Dina QWEΡTOVA",
            "as Qwe\u{0307}rtova said",
            // A phone number however its digits are grouped.
            "call +996 555 0101",
            "call 996-555-0101 or 9965550101",
            // The file id, alone or in a finding id.
            "see kgz-dina-interview for more",
            "as kgz-dina-interview#3 says",
        ] {
            assert!(find(text, &n).is_some(), "{text}");
        }
        // "Dina" inside "Coordinate" is no match.
        assert!(find("Coordinate the agencies", &n).is_none());
        assert!(find("ordinary words", &n).is_none());
        // An id that only begins with the file id is another id.
        let ids = needles_of(1, "Zed Ytterby", None, &[], &["kgz-interview"]);
        assert!(find("kgz-interview-2005", &ids).is_none());
        assert!(find("see kgz-interview#2", &ids).is_some());
        // Years and counts are no phone numbers.
        assert!(find("in 2005, 1,200 migrants; 555 0101", &n).is_none());
    }

    #[test]
    fn fold_ignores_case_form_spacing_and_invisibles() {
        assert_eq!(fold("  Ivan\u{00A0}\u{00A0}PETROV "), "ivan petrov");
        assert_eq!(fold("Iv\u{200B}an Petrov"), "ivan petrov");
        // NFD é and NFC é fold alike; Cyrillic upper case folds too.
        assert_eq!(fold("Ame\u{0301}lie"), fold("Amélie"));
        assert_eq!(fold("Amélie"), "amelie");
        assert_eq!(fold("ИВАН"), "иван");
    }
}
