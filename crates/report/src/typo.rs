//! Typography of the prose the indicator files carry: a hyphen written
//! for a dash becomes the dash a printed report uses. The files are typed
//! on keyboards without dashes ("2004-2005", "caseload - 15 of 16"); the
//! chapters print an en dash for a range of numbers and an em dash where
//! the text means a pause. Ids, codes and contacts never pass through here.

/// `text` with its hyphens-as-dashes replaced: a hyphen between two
/// digits becomes an en dash (`2004–2005`, `§§ 1–5`) unless it is part of
/// a full ISO date (`2005-01-31`); a hyphen with a space on each side
/// becomes a spaced em dash.
pub fn dashes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if c != '-' {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if before == Some(' ') && after == Some(' ') {
            out.push('—');
        } else if digit(before) && digit(after) && !in_iso_date(&chars, i) {
            out.push('–');
        } else {
            out.push('-');
        }
    }
    out
}

/// Whether the hyphen at `i` belongs to a `YYYY-MM-DD` date.
fn in_iso_date(chars: &[char], i: usize) -> bool {
    let is_date_at = |s: usize| {
        let pat = "dddd-dd-dd";
        s + pat.len() <= chars.len()
            && pat.chars().enumerate().all(|(k, p)| {
                let c = chars[s + k];
                if p == 'd' {
                    c.is_ascii_digit()
                } else {
                    c == '-'
                }
            })
            && (s == 0 || !chars[s - 1].is_ascii_digit())
            && chars.get(s + pat.len()).is_none_or(|c| !c.is_ascii_digit())
    };
    // The hyphen is the 5th or the 8th character of the date.
    (i >= 4 && is_date_at(i - 4)) || (i >= 7 && is_date_at(i - 7))
}

#[cfg(test)]
mod tests {
    use super::dashes;

    #[test]
    fn ranges_take_an_en_dash_and_pauses_an_em_dash() {
        assert_eq!(dashes("in 2004-2005"), "in 2004–2005");
        assert_eq!(dashes("sections 1-5, fn. 12-13"), "sections 1–5, fn. 12–13");
        assert_eq!(
            dashes("the AVR caseload - 15 of the 16"),
            "the AVR caseload — 15 of the 16"
        );
    }

    #[test]
    fn compounds_dates_and_minus_signs_keep_their_hyphen() {
        assert_eq!(dashes("Kazakh-Kyrgyz border"), "Kazakh-Kyrgyz border");
        assert_eq!(
            dashes("on 2005-01-31 and 1999-12-01"),
            "on 2005-01-31 and 1999-12-01"
        );
        assert_eq!(dashes("a -5 change, e-mail"), "a -5 change, e-mail");
        assert_eq!(dashes("-"), "-");
    }
}
