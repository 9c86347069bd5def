//! Diagnostics: one problem in one file, with its position, what is wrong
//! and how to fix it.
//!
//! A diagnostic is data, not text: the CLI prints it for people and
//! serialises it for tools, and tests assert on its `code` and `line`.

use serde::Serialize;
use std::fmt;
use unicode_width::UnicodeWidthChar;

/// Whether a problem fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the run (exit code 1).
    Error,
    /// Reported; does not fail the run.
    Warning,
}

impl Severity {
    /// The word printed for it.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    #[serde(skip)]
    pub severity: Severity,
    /// A stable kebab-case name of the rule, e.g. `unknown-field`.
    pub code: &'static str,
    /// The file, relative to the indicator directory where possible.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The line of the file it points at, shown under the message.
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(code: &'static str, file: impl Into<String>, line: usize, column: usize) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line,
            column,
            message: String::new(),
            help: None,
            snippet: None,
        }
    }

    /// Sets the message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Turns the diagnostic into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether this fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: root causes first (the registries that every other file
    /// refers to: `corridors`, `places`, `taxonomy`, `rates`), then file,
    /// position and code, so output order never depends on thread
    /// scheduling or directory order.
    pub fn sort_key(&self) -> (bool, &str, usize, usize, &'static str, &str) {
        let name = self.file.rsplit(['/', '\\']).next().unwrap_or("");
        let registry = matches!(
            name.split_once('.'),
            Some((
                "corridors" | "places" | "taxonomy" | "rates",
                "yaml" | "yml"
            ))
        );
        (
            !registry,
            &self.file,
            self.line,
            self.column,
            self.code,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = self.severity.word();
        // A file name with ESC or a newline in it is printed escaped, so
        // it can neither drive the terminal nor forge another diagnostic.
        let file: String = self
            .file
            .chars()
            .map(|c| {
                if crate::guard::is_forbidden(c) || c == '\n' || c == '\r' || c == '\t' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        write!(
            f,
            "{file}:{}:{}: {sev}[{}]: {}",
            self.line, self.column, self.code, self.message
        )?;
        if let Some(line) = &self.snippet {
            // The offending line with a caret under the column, as rustc
            // and cargo show it.
            let n = self.line.to_string();
            let pad = " ".repeat(n.len());
            // A tab in the line is a tab under it too, so the caret lines
            // up whatever the terminal's tab width; any other character is
            // as many spaces as the columns it takes on a terminal (two for
            // CJK and most emoji, none for a combining mark), since the
            // column counts characters, not display cells.
            let caret: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| match c {
                    '\t' => "\t".to_string(),
                    c => " ".repeat(c.width().unwrap_or(0)),
                })
                .collect();
            write!(f, "\n {pad} |\n {n} | {line}\n {pad} | {caret}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sets the snippet of every diagnostic of one file from its text (lines
/// longer than 200 characters are cut, so a minified file cannot flood the
/// terminal).
pub fn attach_snippets<'a>(diags: impl IntoIterator<Item = &'a mut Diagnostic>, text: &str) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for d in diags {
        let Some(&start) = d.line.checked_sub(1).and_then(|i| starts.get(i)) else {
            continue;
        };
        let line = text[start..]
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r');
        // Invisible and reordering characters are shown as U+FFFD: one
        // character for one, so the caret stays under its column.
        d.snippet = Some(
            line.chars()
                .take(200)
                .map(|c| {
                    if crate::guard::is_forbidden(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect(),
        );
    }
}

/// The closest candidate to `word`, if it is close enough to be a likely
/// typo: a Jaro–Winkler similarity of at least 0.8 (as cargo and clap use)
/// *and* at most one edit per three characters (a transposition counts
/// one), so that a shared prefix alone (`percent`, `permits`) is no match.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max_edits = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, c)| {
            // A candidate with words added after it (`avr_cases` for
            // `avr`) is near too.
            let extended = word
                .strip_prefix(*c)
                .is_some_and(|rest| rest.starts_with(['_', '-']));
            *score >= 0.8 && (strsim::osa_distance(word, c) <= max_edits || extended)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let fields = ["credibility", "corridors", "citation"];
        assert_eq!(did_you_mean("credibilty", fields), Some("credibility"));
        assert_eq!(did_you_mean("corridor", fields), Some("corridors"));
        assert_eq!(did_you_mean("zzz", fields), None);
        // A shared prefix is not a typo (issue 11).
        assert_eq!(did_you_mean("percent", ["permits", "persons"]), None);
        assert_eq!(did_you_mean("lable", ["label", "note"]), Some("label"));
    }

    #[test]
    fn file_names_with_escapes_are_printed_escaped_and_tabs_keep_the_caret() {
        let mut d = Diagnostic::error("x", "a\u{1b}[31m\nb.yaml", 1, 3).message("m");
        d.snippet = Some("\tab".into());
        assert_eq!(
            d.to_string(),
            "a\\u{1b}[31m\\u{a}b.yaml:1:3: error[x]: m\n   |\n 1 | \tab\n   | \t ^"
        );
    }

    #[test]
    fn display_names_position_and_help() {
        let d = Diagnostic::error("unknown-field", "a.yaml", 3, 5)
            .message("unknown field 'x'")
            .help("remove it");
        assert_eq!(
            d.to_string(),
            "a.yaml:3:5: error[unknown-field]: unknown field 'x'\n  help: remove it"
        );
    }
}
