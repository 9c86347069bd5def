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

/// NFKC, then lower case, invisible characters removed and every run of
/// white space (including no-break spaces) made one space, trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc().flat_map(char::to_lowercase) {
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

/// The form in which names are searched: [`fold`], then each letter
/// replaced by its UTS #39 confusable skeleton (Cyrillic `а` and Latin `a`
/// alike), folded again (the skeleton may change case or spacing).
pub fn match_form(s: &str) -> String {
    fold(&skeleton(&fold(s)).collect::<String>())
}

/// What identifies a confidential source, in [`match_form`].
#[derive(Debug, Clone)]
pub struct Needle {
    /// The folded text searched for.
    pub folded: String,
    /// Index of the source (into the sources being checked).
    pub source: usize,
    /// `name`, `contact` or `identifying`, for messages (never the text).
    pub what: &'static str,
}

/// The needles of one confidential source: its name, its contact and the
/// parts of the contact that identify alone (an e-mail address, a phone
/// number: a part with `@` or a digit), and each `identifying` string (a
/// surname, a nickname).
pub fn needles_of(
    source: usize,
    name: &str,
    contact: Option<&str>,
    identifying: &[String],
) -> Vec<Needle> {
    let mut out = Vec::new();
    let mut push = |text: &str, what: &'static str| {
        let folded = match_form(text);
        if !folded.is_empty() && !out.iter().any(|n: &Needle| n.folded == folded) {
            out.push(Needle {
                folded,
                source,
                what,
            });
        }
    };
    push(name, "name");
    if let Some(c) = contact {
        push(c, "contact");
        for part in c.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';') {
            if part.chars().count() >= 5 && part.chars().any(|ch| ch == '@' || ch.is_ascii_digit())
            {
                push(part, "contact");
            }
        }
    }
    for i in identifying {
        push(i, "identifying");
    }
    out
}

/// The first needle found in `text` as whole words (the characters around
/// the match are not letters or digits).
pub fn find<'n>(text: &str, needles: &'n [Needle]) -> Option<&'n Needle> {
    if needles.is_empty() {
        return None;
    }
    let hay = match_form(text);
    needles.iter().find(|n| whole_word(&hay, &n.folded))
}

fn whole_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, m)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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
        ] {
            assert!(find(text, &n).is_some(), "{text}");
        }
        // "Dina" inside "Coordinate" is no match.
        assert!(find("Coordinate the agencies", &n).is_none());
        assert!(find("ordinary words", &n).is_none());
    }

    #[test]
    fn fold_ignores_case_form_spacing_and_invisibles() {
        assert_eq!(fold("  Ivan\u{00A0}\u{00A0}PETROV "), "ivan petrov");
        assert_eq!(fold("Iv\u{200B}an Petrov"), "ivan petrov");
        // NFD é and NFC é fold alike; Cyrillic upper case folds too.
        assert_eq!(fold("Ame\u{0301}lie"), fold("Amélie"));
        assert_eq!(fold("ИВАН"), "иван");
    }
}
