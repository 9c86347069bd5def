//! The YAML features indicator files never need, refused before parsing:
//! tags (`!include`, `!!binary`, `!` …), which the parser would otherwise
//! accept silently, and control or bidirectional characters however they
//! are written — raw, or as a double-quoted escape (`"\e"`, `"\x00"`,
//! `"\u202E"`) that the parser would decode into the value and so into
//! terminals, Markdown, HTML and SVG.
//!
//! One linear pass over the text that tracks quotes and comments like
//! `load::check_depth`; comments are not checked (they reach no output).

use crate::diag::Diagnostic;

/// Whether `c` may not appear in any value: C0 and C1 controls other than
/// tab and line ends, DEL, the bidirectional embeddings, overrides, isolates
/// and marks, and the Unicode line and paragraph separators.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`-style name of a forbidden character.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "BACKSPACE",
        '\u{b}' => "VERTICAL TAB",
        '\u{c}' => "FORM FEED",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        _ => "a control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// The character a double-quoted escape stands for, from the text after
/// the backslash, with the escape's length in bytes (after the backslash).
fn unescape(rest: &str) -> Option<(char, usize)> {
    let mut chars = rest.chars();
    let c = chars.next()?;
    let hex = |n: usize| {
        let digits = rest.get(1..1 + n)?;
        let v = u32::from_str_radix(digits, 16).ok()?;
        Some((char::from_u32(v)?, 1 + n))
    };
    match c {
        '0' => Some(('\0', 1)),
        'a' => Some(('\u{7}', 1)),
        'b' => Some(('\u{8}', 1)),
        'v' => Some(('\u{b}', 1)),
        'f' => Some(('\u{c}', 1)),
        'e' => Some(('\u{1b}', 1)),
        'N' => Some(('\u{85}', 1)),
        'L' => Some(('\u{2028}', 1)),
        'P' => Some(('\u{2029}', 1)),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        _ => Some((c, c.len_utf8())),
    }
}

/// Refuses the first tag or forbidden character of `text`, at its line and
/// column (1-based, in characters).
pub fn check_features(text: &str, display: &str) -> Result<(), Diagnostic> {
    // Most files are plain ASCII without `!` or `\`: with no tag
    // indicator, no escape and no control byte there is nothing to refuse,
    // which one pass over the bytes tells (the walk below is several times
    // slower per character).
    if text
        .bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7E) && b != b'!' && b != b'\\')
    {
        return Ok(());
    }
    let mut quote: Option<char> = None;
    // Lines of a block scalar (`|`, `>`) more indented than its key are
    // literal: no quotes, escapes or tags there, only raw characters.
    let mut block: Option<usize> = None;
    let mut flow = 0usize;
    for (n, raw) in text.split('\n').enumerate() {
        let line = n + 1;
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let literal = quote.is_none()
            && match block {
                Some(b) if raw.trim().is_empty() || indent > b => true,
                _ => {
                    block = None;
                    false
                }
            };
        let mut comment = false;
        // The last character outside whitespace on this line, and whether
        // whitespace came after it: a node (a quoted scalar, a tag) can
        // only start at the line's start, after `: `, `- `, `? ` or a flow
        // indicator.
        let mut last: Option<char> = None;
        let mut prev = ' ';
        let mut iter = raw.char_indices().enumerate().peekable();
        while let Some((k, (i, c))) = iter.next() {
            let col = k + 1;
            if comment {
                break;
            }
            if is_forbidden(c) {
                return Err(Diagnostic::error("control-character", display, line, col)
                    .message(format!("the text holds {}", describe(c)))
                    .help("delete it (it is invisible or reorders text); control and bidirectional characters are refused in every field"));
            }
            if literal {
                continue;
            }
            let node_start = match last {
                None => true,
                Some(':' | '-' | '?') => prev.is_whitespace(),
                Some('[' | '{' | ',') => flow > 0,
                _ => false,
            };
            match (quote, c) {
                (Some('"'), '\\') => {
                    if let Some((decoded, len)) = unescape(&raw[i + 1..]) {
                        if is_forbidden(decoded) {
                            let written = &raw[i..(i + 1 + len).min(raw.len())];
                            return Err(Diagnostic::error("control-character", display, line, col)
                                .message(format!(
                                    "the escape \"{written}\" stands for {}",
                                    describe(decoded)
                                ))
                                .help("delete it: control and bidirectional characters are refused in every field, however written"));
                        }
                        // Skip the escape itself (an escaped quote ends nothing).
                        for _ in 0..rest_chars(&raw[i + 1..], len) {
                            iter.next();
                        }
                    }
                }
                (Some(q), _) if c == q => {
                    // `''` inside a single-quoted scalar is an escaped quote.
                    if q == '\'' && iter.peek().is_some_and(|(_, (_, n))| *n == '\'') {
                        iter.next();
                    } else {
                        quote = None;
                        last = Some('x');
                    }
                }
                (Some(_), _) => {}
                (None, '"' | '\'') if node_start => quote = Some(c),
                (None, '#') if prev.is_whitespace() => comment = true,
                (None, '!') if node_start => {
                    let tag: String = raw[i..]
                        .chars()
                        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
                        .take(40)
                        .collect();
                    return Err(Diagnostic::error("yaml-tag", display, line, col)
                        .message(format!("YAML tag `{tag}` is not allowed"))
                        .help("indicator files take plain values only: remove the tag, and quote the value if it starts with `!`"));
                }
                (None, '|' | '>') if node_start => {
                    block = Some(indent);
                    last = Some(c);
                }
                (None, '[' | '{') => {
                    flow += 1;
                    last = Some(c);
                }
                (None, ']' | '}') => {
                    flow = flow.saturating_sub(1);
                    last = Some(c);
                }
                (None, _) if !c.is_whitespace() => last = Some(c),
                _ => {}
            }
            prev = c;
        }
        // A block scalar header must end its line (modifiers aside).
        if block.is_some() && !matches!(last, Some('|' | '>')) && !literal {
            let tail = raw.trim_end();
            if !tail.ends_with(['|', '>', '-', '+'])
                && !tail.ends_with(|c: char| c.is_ascii_digit())
            {
                block = None;
            }
        }
    }
    Ok(())
}

/// How many characters the first `bytes` bytes of `s` are.
fn rest_chars(s: &str, bytes: usize) -> usize {
    s.get(..bytes).map_or(0, |p| p.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<(&'static str, usize, usize)> {
        check_features(text, "f.yaml")
            .err()
            .map(|d| (d.code, d.line, d.column))
    }

    #[test]
    fn tags_are_refused_wherever_they_start_a_value() {
        assert_eq!(code("a: !include /etc/passwd\n"), Some(("yaml-tag", 1, 4)));
        assert_eq!(code("a:\n  - !!binary aGk=\n"), Some(("yaml-tag", 2, 5)));
        assert_eq!(code("a: [x, !t y]\n"), Some(("yaml-tag", 1, 8)));
        // Not tags: inside a plain scalar, in quotes, in a comment.
        assert_eq!(code("a: Wow! really\nb: '!x'\nc: \"!y\" # !z\n"), None);
    }

    #[test]
    fn control_and_bidi_characters_are_refused_however_written() {
        for text in [
            "a: \"x\\e[31m\"\n",
            "a: \"x\\x00\"\n",
            "a: \"x\\u202E\"\n",
            "a: \"x\\U0000001b\"\n",
            "a: \"x\\0\"\n",
            "a: x\u{202E}y\n",
        ] {
            assert_eq!(
                code(text).map(|c| c.0),
                Some("control-character"),
                "{text:?}"
            );
        }
        // Harmless escapes and quotes pass; a comment is not a value.
        assert_eq!(
            code("a: \"tab\\t, \\\"quoted\\\", \\u00e9\"\n# \u{202E}\n"),
            None
        );
        assert_eq!(code("a: \"x\\u202E\"\n"), Some(("control-character", 1, 6)));
    }
}
