//! Escaping for GitHub-flavoured Markdown: the autoescape function of the
//! Markdown templates.
//!
//! Text from an indicator file must read as the same text in the rendered
//! Markdown, whatever it contains: a `|` must not split a table cell, a `*`
//! or `_` must not start emphasis, a `$` must not start GitHub's maths, a
//! `<script>` must not reach the page as markup, and a value that starts a
//! line must not turn into a heading or a list. Every value a Markdown
//! template prints goes through [`escape_markdown`] unless the template
//! marks it `safe`; values are never placed inside code spans, where
//! backslashes would be literal.

use std::io::Write;

/// Characters that have a meaning in GitHub-flavoured Markdown wherever they
/// stand, escaped with a backslash.
const PUNCT: &[u8] = b"\\`*_[]{}|#~$!";

/// Writes `input` escaped for GitHub-flavoured Markdown. Newlines become
/// spaces (a value is always one paragraph or one table cell); `<`, `>` and
/// `&` become entities; Markdown punctuation gets a backslash; a leading
/// `-`, `+`, `=` or `1.`/`1)` is escaped so that a value starting a line
/// never becomes a list, a heading underline or an ordered list.
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    // A leading list or heading-underline marker.
    let mut start = 0;
    // Markers only count when a space, the end, or (for rules and
    // underlines) the same character follows, so `-5` and `0.197` stay as
    // they are.
    let ends_marker = |next: Option<&u8>, same: u8| {
        matches!(next, None | Some(b' ' | b'\t')) || next == Some(&same)
    };
    if let Some(&b) = bytes.first() {
        if matches!(b, b'-' | b'+' | b'=') && ends_marker(bytes.get(1), b) {
            out.write_all(b"\\")?;
        } else if b.is_ascii_digit() {
            let digits = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
            if matches!(bytes.get(digits), Some(b'.' | b')'))
                && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t'))
            {
                out.write_all(&bytes[..digits])?;
                out.write_all(b"\\")?;
                start = digits;
            }
        }
    }
    let mut run = start;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        let rep: Option<&[u8]> = match b {
            b'<' => Some(b"&lt;"),
            b'>' => Some(b"&gt;"),
            b'&' => Some(b"&amp;"),
            b'\n' => Some(b" "),
            b'\r' => Some(b""),
            _ if PUNCT.contains(&b) => None,
            _ => continue,
        };
        out.write_all(&bytes[run..i])?;
        match rep {
            Some(r) => out.write_all(r)?,
            None => out.write_all(&[b'\\', b])?,
        }
        run = i + 1;
    }
    out.write_all(&bytes[run..])
}

/// [`escape_markdown`] into a `String`, for tests and callers outside tera.
pub fn markdown(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = escape_markdown(input, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn table_and_inline_syntax_is_neutralised() {
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(markdown("*bold* _it_"), "\\*bold\\* \\_it\\_");
        assert_eq!(markdown("US$ 500"), "US\\$ 500");
        assert_eq!(markdown("[x](y)"), "\\[x\\](y)");
        assert_eq!(markdown("![img](y)"), "\\!\\[img\\](y)");
        assert_eq!(markdown("a\nb"), "a b");
    }

    #[test]
    fn markup_becomes_entities() {
        assert_eq!(
            markdown("<script>alert(1)</script> & co"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
        );
    }

    #[test]
    fn line_starts_cannot_open_blocks() {
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("# title"), "\\# title");
        assert_eq!(markdown("2005. A year"), "2005\\. A year");
        assert_eq!(markdown("1) x"), "1\\) x");
        assert_eq!(markdown("1992-1997 war"), "1992-1997 war");
        assert_eq!(markdown("bgd-kgz"), "bgd-kgz");
        assert_eq!(markdown("0.197"), "0.197");
        assert_eq!(markdown("-5"), "-5");
        assert_eq!(markdown("---"), "\\---");
        assert_eq!(markdown("3."), "3\\.");
    }

    #[test]
    fn plain_text_and_unicode_pass_unchanged() {
        let s = "Kazakhstan – 1,000 persons, 16% (B2) «ok» é";
        assert_eq!(markdown(s), s);
    }
}
