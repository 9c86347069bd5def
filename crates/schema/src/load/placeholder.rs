//! The skeleton placeholders that `corridor new` writes (`<…>`, `‹…›`):
//! telling one from an HTML tag or a comparison, and reporting every
//! string of a file that still holds one.

use crate::diag::Diagnostic;
use crate::locate::PosIndex;

/// Whether `s` still holds a placeholder of `corridor new`'s skeleton:
/// `‹…›`, or `<…>` with no space just inside the brackets (so that
/// "ages <5 and >60" is no placeholder) and not shaped like an HTML tag
/// (`<b>`, `</p>`: a quoted page is text, escaped on output).
pub fn has_placeholder(s: &str) -> bool {
    let bracketed = |open: char, close: char, tight: bool| {
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else {
                return false;
            };
            let inner = &after[..j];
            let (word, attrs) = inner.split_once(' ').unwrap_or((inner, ""));
            let tag = inner.starts_with(['/', '!'])
                || (word.chars().all(|c| c.is_ascii_alphanumeric())
                    && (attrs.is_empty() || attrs.contains('=')));
            let ok = !inner.is_empty()
                && !inner.contains(open)
                && (!tight
                    || !(inner.starts_with(char::is_whitespace)
                        || inner.ends_with(char::is_whitespace)
                        || tag));
            if ok {
                return true;
            }
            rest = after;
        }
        false
    };
    bracketed('‹', '›', false) || bracketed('<', '>', true)
}

#[cfg(test)]
#[test]
fn placeholders_are_told_from_tags_and_comparisons() {
    for yes in [
        "<A-F>",
        "<1-6>",
        "<who or what>",
        "x ‹a name› y",
        "<what was counted>",
    ] {
        assert!(has_placeholder(yes), "{yes}");
    }
    for no in [
        "ages <5 and >60",
        "<script>x</script>",
        "<img src=x onerror=alert(1)>",
        "a < b",
        "<b>bold</b>",
        "plain",
    ] {
        assert!(!has_placeholder(no), "{no}");
    }
}

/// A `placeholder` error for every string of the file that still holds a
/// skeleton placeholder, except on lines that already have an error.
pub(super) fn placeholders(
    value: &serde_yaml::Value,
    text: &str,
    display: &str,
    already: &[Diagnostic],
) -> Vec<Diagnostic> {
    fn walk(v: &serde_yaml::Value, path: String, found: &mut Vec<String>) {
        match v {
            serde_yaml::Value::String(s) if has_placeholder(s) => found.push(path),
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), found);
                }
            }
            serde_yaml::Value::Mapping(m) => {
                for (k, item) in m {
                    let key = k.as_str().map(str::to_string).unwrap_or_default();
                    let p = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(item, p, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, String::new(), &mut found);
    if found.is_empty() {
        return Vec::new();
    }
    let index = PosIndex::build(text);
    found
        .into_iter()
        .map(|path| {
            let pos = index.value_pos(&path);
            let field = path.rsplit('.').next().unwrap_or(&path).to_string();
            Diagnostic::error("placeholder", display, pos.line, pos.column)
                .message(format!("`{field}` still holds a placeholder of the skeleton"))
                .help("replace the text between the brackets with the real value (or delete the line if the field is optional)")
        })
        .filter(|d| !already.iter().any(|a| a.line == d.line))
        .collect()
}
