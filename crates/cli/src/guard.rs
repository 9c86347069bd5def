//! The last line of defence for confidentiality: before any byte of a
//! public run reaches standard output or a file, it is searched for every
//! confidential source's name, contact and identifying words (whole words,
//! after Unicode folding and confusable skeletons; HTML also with its tags
//! stripped and entities decoded). A hit fails the run and nothing is
//! written. `check` refuses such texts at the input, so the guard should
//! never fire; it exists so that a bug downstream cannot leak a name.
//!
//! The guard is installed once, when a command loads the model
//! ([`crate::out::load_model`]), and lifted by the commands' `--internal`
//! or `--audience internal` (whose outputs carry the identities by design).

use anyhow::bail;
use corridor_schema::text::{Needle, find, needles_of_source};
use std::sync::{Mutex, PoisonError};

static NEEDLES: Mutex<Vec<Needle>> = Mutex::new(Vec::new());

/// Installs the guard for the confidential sources of `model`.
pub(crate) fn install(model: &corridor_schema::Model) {
    let mut needles = Vec::new();
    for (i, s) in model
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.confidential)
    {
        // Its own ids may be built from the person's name: the public
        // view shows the alias, so none of them may appear either.
        let own = model.findings.iter().filter(|f| f.source == i);
        needles.extend(needles_of_source(i, s, own));
    }
    *NEEDLES.lock().unwrap_or_else(PoisonError::into_inner) = needles;
}

/// Lifts the guard: the run is internal.
pub(crate) fn lift() {
    NEEDLES
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
}

/// Fails when `text` (the output `what`) contains a confidential identity.
pub(crate) fn check(what: &str, text: &str) -> anyhow::Result<()> {
    let needles = NEEDLES.lock().unwrap_or_else(PoisonError::into_inner);
    if needles.is_empty() {
        return Ok(());
    }
    let hit = find(text, &needles).or_else(|| {
        let looks_html = text.contains("</") || text.contains("/>");
        looks_html
            .then(|| find(&visible_text(text), &needles))
            .flatten()
    });
    if let Some(n) = hit {
        // Name the source by its position among the confidential ones, never
        // by what was found.
        bail!(
            "refusing to write {what}: it contains the {} of a confidential source; nothing was written. This is a bug: please report it (the indicator files passed `corridor check`)",
            n.what
        );
    }
    Ok(())
}

/// Checks bytes that are text; binary outputs (a zipped workbook) are
/// checked through the tables they are made of.
pub(crate) fn check_bytes(what: &str, bytes: &[u8]) -> anyhow::Result<()> {
    match std::str::from_utf8(bytes) {
        Ok(text) => check(what, text),
        Err(_) => Ok(()),
    }
}

/// The text a browser shows: tags removed (inline ones without a space, so
/// `Hidde<b></b>nov` reads as one word), character references decoded
/// (named, decimal and hexadecimal; `&shy;` becomes the soft hyphen the
/// folding then drops).
fn visible_text(html: &str) -> String {
    const INLINE: [&str; 18] = [
        "a", "abbr", "b", "bdi", "bdo", "code", "em", "i", "mark", "s", "small", "span", "strong",
        "sub", "sup", "u", "wbr", "tspan",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest[1..end]
                .trim_end_matches('>')
                .trim_start_matches('/')
                .split(|ch: char| ch.is_whitespace() || ch == '/' || ch == '>')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if !INLINE.contains(&tag.as_str()) {
                out.push(' ');
            }
            rest = &rest[end..];
        } else if c == '&' {
            // A reference is short: look for its `;` among the next few
            // characters (never slicing inside one).
            let end = rest
                .char_indices()
                .take(12)
                .find(|&(_, ch)| ch == ';')
                .map(|(i, _)| i);
            match end.and_then(|e| entity(&rest[1..e]).map(|ch| (e, ch))) {
                Some((e, ch)) => {
                    out.push(ch);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The character of an HTML character reference's name (`amp`, `#72`,
/// `#x48`), if known.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::visible_text;
    use corridor_schema::text::{find, needles_of};

    #[test]
    fn markup_and_references_cannot_split_a_name() {
        let n = needles_of(0, "Bakhyt Hiddenov", None, &["Hiddenov".into()], &[]);
        for html in [
            "<p>Hidde<b></b>nov</p>",
            "<p>&#72;iddenov</p>",
            "<p>&#x48;iddenov</p>",
            "<p>Hidd&shy;enov</p>",
            "<p>Hidde<span class=x>nov</span></p>",
        ] {
            assert!(find(&visible_text(html), &n).is_some(), "{html}");
        }
        // Text that is not a reference, and wide characters, pass through.
        assert_eq!(
            visible_text("a & b; Бишкек &амп; <"),
            "a & b; Бишкек &амп;  "
        );
        assert_eq!(visible_text("x <é"), "x  ");
        // Block tags still separate words.
        assert_eq!(
            visible_text("<td>a</td><td>b</td>")
                .split_whitespace()
                .count(),
            2
        );
    }
}
