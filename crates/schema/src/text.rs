//! Text folding for comparisons that must not be fooled by how a name is
//! written: Unicode compatibility form, case, spacing and invisible
//! characters. Used to tell whether a public name is the real name.

use unicode_normalization::UnicodeNormalization;

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

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn fold_ignores_case_form_spacing_and_invisibles() {
        assert_eq!(fold("  Ivan\u{00A0}\u{00A0}PETROV "), "ivan petrov");
        assert_eq!(fold("Iv\u{200B}an Petrov"), "ivan petrov");
        // NFD é and NFC é fold alike; Cyrillic upper case folds too.
        assert_eq!(fold("Ame\u{0301}lie"), fold("Amélie"));
        assert_eq!(fold("ИВАН"), "иван");
    }
}
