//! Reading files: the only module that touches YAML.
//!
//! Every file passes three guards before the YAML parser sees it — size,
//! UTF-8 and nesting depth — because the parser is quadratic on deeply
//! nested flow collections and a hostile file must be refused in
//! milliseconds, not minutes. Alias expansion is bounded by yaml_serde's
//! repetition limit. Parse errors become [`Diagnostic`]s with the file's
//! line and column; an indicator file with errors is re-read finding by
//! finding so that one typo does not hide the others.
//!
//! This file holds the parsing: YAML text to typed values, and serde's
//! errors to diagnostics. Its children hold the rest: `discover` (which
//! files there are, by role), `read` (bytes behind the guards),
//! `placeholder` (skeleton placeholders left in a file) and `lenient`
//! (registries read entry by entry).

use crate::diag::{Diagnostic, did_you_mean};
use crate::files::{FindingInput, IndicatorFile};
use crate::locate::PosIndex;
use crate::typed::{self, DeError, PathError};
use placeholder::placeholders;
use serde::de::DeserializeOwned;

mod discover;
mod lenient;
mod placeholder;
mod read;
pub use discover::{Discovered, discover, list_dir};
pub use lenient::{Lenient, parse_lenient};
pub use placeholder::has_placeholder;
pub use read::{MAX_DEPTH, MAX_FILE_BYTES, check_depth, read_guarded, read_regular};

/// Parses YAML text into a value tree, behind the guards. A syntax error,
/// a repeated key or an alias bomb is one diagnostic.
pub fn parse_value(text: &str, display: &str) -> Result<serde_yaml::Value, Diagnostic> {
    check_depth(text, display)?;
    crate::guard::check_features(text, display)?;
    serde_yaml::from_str(text).map_err(|e| yaml_error(&e, text, display))
}

/// The diagnostic of a file that does not parse as YAML at all.
fn yaml_error(err: &serde_yaml::Error, text: &str, display: &str) -> Diagnostic {
    // A repeated key is found by the position index, at the repeat itself
    // (the parser names the mapping that holds it).
    let index = PosIndex::build(text);
    if let Some((path, pos)) = index.duplicates.first() {
        let key = path.rsplit(['.', ']']).next().unwrap_or(path);
        return Diagnostic::error("duplicate-key", display, pos.line, pos.column)
            .message(format!("key '{key}' is given twice in this mapping"))
            .help("each key may appear once per mapping: remove or merge the repeated one");
    }
    let Some(loc) = err.location() else {
        // Only the alias expansion limits fail without a position.
        return Diagnostic::error("alias-bomb", display, 1, 1)
            .message("YAML aliases expand beyond the safe bound")
            .help("write the values out instead of using anchors and aliases");
    };
    let (line, col) = (loc.line(), loc.column());
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if let Some(tab) = line_text
        .chars()
        .take_while(|c| c.is_whitespace())
        .position(|c| c == '\t')
    {
        return Diagnostic::error("tab-indent", display, line, tab + 1)
            .message("a tab is used for indentation; YAML indents with spaces only")
            .help("replace the tab with spaces (two per level, as in the rest of the file)");
    }
    let mut msg = err.to_string();
    if let Some(cut) = msg.find(" at line ") {
        msg.truncate(cut);
    }
    Diagnostic::error("yaml-syntax", display, line, col).message(msg.replace('`', "'"))
}

/// The diagnostic of a typed deserialisation error, placed by `index`.
pub(crate) fn diagnostic_at(e: &PathError, index: &PosIndex, display: &str) -> Diagnostic {
    let at = |pos: crate::locate::Pos, code| Diagnostic::error(code, display, pos.line, pos.column);
    let field_path = |field: &str| {
        if e.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", e.path)
        }
    };
    match &e.error {
        DeError::UnknownField { field, expected } => {
            let help = match did_you_mean(field, expected.iter().copied()) {
                Some(s) => format!("did you mean '{s}'?"),
                None => format!("allowed fields here: {}", expected.join(", ")),
            };
            // The path ends with the unknown key itself.
            at(index.key_pos(&e.path), "unknown-field")
                .message(e.error.to_string())
                .help(help)
        }
        DeError::UnknownVariant { variant, expected } => {
            let help = match did_you_mean(variant, expected.iter().copied()) {
                Some(s) => format!(
                    "did you mean '{s}'? allowed values: {}",
                    expected.join(", ")
                ),
                None => format!("allowed values: {}", expected.join(", ")),
            };
            at(index.value_pos(&e.path), "bad-value")
                .message(e.error.to_string())
                .help(help)
        }
        DeError::MissingField(field) => at(index.value_pos(&e.path), "missing-field")
            .message(e.error.to_string())
            .help(format!("add '{field}:' to this mapping")),
        DeError::DuplicateField(field) => at(index.key_pos(&field_path(field)), "duplicate-key")
            .message(e.error.to_string())
            .help("each key may appear once per mapping: remove or merge the repeated one"),
        DeError::InvalidType { found, .. } | DeError::InvalidValue { found, .. } => {
            let d = at(index.value_pos(&e.path), "bad-type")
                .message(shorten_quoted(&e.error.to_string()));
            match percent_help(found, &e.path).or_else(|| base_help(&e.path)) {
                Some(h) => d.help(h),
                None => d,
            }
        }
        DeError::InvalidLength { .. } => {
            at(index.value_pos(&e.path), "bad-type").message(e.error.to_string())
        }
        DeError::Custom(m) => at(index.value_pos(&e.path), "bad-value").message(shorten_quoted(m)),
    }
}

/// A help line for `value: 40%`: a share has its own form.
fn percent_help(found: &str, path: &str) -> Option<String> {
    let inner = found.strip_prefix("string \"")?.strip_suffix('"')?;
    let number = inner.trim().strip_suffix('%')?.trim();
    number.parse::<f64>().ok()?;
    if path.ends_with("quantity.percent") {
        return Some(format!(
            "write the share without the % sign: `percent: {number}`"
        ));
    }
    path.contains("quantity").then(|| {
        format!(
            "a share has its own form: `percent: {number}` instead of `value`, with its base \
             `n: <how many were asked or counted>` when the source gives it, and no `per`"
        )
    })
}

/// A help line for a share's base that is not a whole number (`n: 12.5`).
fn base_help(path: &str) -> Option<String> {
    path.ends_with("quantity.n").then(|| {
        "`n` is how many were asked or counted, a whole number (`n: 120`); leave it out when \
         the source does not say"
            .to_string()
    })
}

/// Shortens a long quoted value in a serde message (a whole non-YAML file
/// read as one string would otherwise be echoed in full).
fn shorten_quoted(msg: &str) -> String {
    const KEEP: usize = 60;
    let (Some(a), Some(b)) = (msg.find('"'), msg.rfind('"')) else {
        return msg.to_string();
    };
    let inner = &msg[a + 1..b];
    if b <= a || inner.chars().count() <= KEEP {
        return msg.to_string();
    }
    let cut: String = inner.chars().take(KEEP).collect();
    format!("{}\"{cut}…\"{}", &msg[..a], &msg[b + 1..])
}

/// Parses a whole file into `T`, with the guards. One diagnostic on failure.
pub fn parse_file<T: DeserializeOwned>(text: &str, display: &str) -> Result<T, Diagnostic> {
    let value = parse_value(text, display)?;
    typed::from_value(&value).map_err(|e| diagnostic_at(&e, &PosIndex::build(text), display))
}

/// An indicator file whose findings parsed one by one: `None` where a
/// finding is broken (its diagnostic says why).
pub type PartialIndicator = IndicatorFile<Option<FindingInput>>;

/// Parses an indicator file, reporting every broken finding, not only the
/// first: on failure the top level is read with the findings skipped, and
/// each finding is read on its own, so the findings that are fine can
/// still be checked.
pub fn parse_indicator(text: &str, display: &str) -> (Option<ParsedIndicator>, Vec<Diagnostic>) {
    // The common case, a file without mistakes, is read in one pass. The
    // file types hold no maps, only structs, which refuse a repeated key
    // themselves; any failure takes the typed path below for its message.
    if check_depth(text, display).is_ok()
        && crate::guard::check_features(text, display).is_ok()
        && !text.contains(['<', '‹'])
        && let Ok(file) = serde_yaml::from_str::<IndicatorFile>(text)
    {
        return (
            Some(ParsedIndicator {
                file: with_findings(file, |f| f.into_iter().map(Some).collect()),
                header_ok: true,
                source_known: true,
                broken_corridors: Vec::new(),
            }),
            Vec::new(),
        );
    }
    let value = match parse_value(text, display) {
        Ok(v) => v,
        Err(d) => return (None, vec![d]),
    };
    let whole = match typed::from_value::<IndicatorFile>(&value) {
        Ok(file) => {
            let file = with_findings(file, |f| f.into_iter().map(Some).collect());
            return (
                Some(ParsedIndicator {
                    file,
                    header_ok: true,
                    source_known: true,
                    broken_corridors: Vec::new(),
                }),
                placeholders(&value, text, display, &[]),
            );
        }
        Err(e) => e,
    };
    let index = PosIndex::build(text);
    let mut out = Vec::new();
    let shell = match typed::from_value::<IndicatorFile<serde::de::IgnoredAny>>(&value) {
        Ok(shell) => Some(shell),
        Err(e) => {
            out.push(diagnostic_at(&e, &index, display));
            None
        }
    };
    let items = value
        .get("findings")
        .and_then(serde_yaml::Value::as_sequence)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut findings = Vec::new();
    let mut broken_corridors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match typed::from_value::<FindingInput>(item) {
            Ok(f) => findings.push(Some(f)),
            Err(mut e) => {
                if !e.path.starts_with("corridors")
                    && let Some(Ok(ids)) =
                        item.get("corridors").map(typed::from_value::<Vec<String>>)
                {
                    broken_corridors.push((i, ids));
                }
                e.path = if e.path.is_empty() {
                    format!("findings[{i}]")
                } else {
                    format!("findings[{i}].{}", e.path)
                };
                out.push(diagnostic_at(&e, &index, display));
                findings.push(None);
            }
        }
    }
    if out.is_empty() {
        out.push(diagnostic_at(&whole, &index, display));
    }
    let more = placeholders(&value, text, display, &out);
    out.extend(more);
    let parsed = match shell {
        Some(s) => Some(ParsedIndicator {
            file: with_findings(s, |_| findings),
            header_ok: true,
            source_known: true,
            broken_corridors,
        }),
        // The top level is broken; its findings are still checked, against
        // a placeholder top level that keeps only what they need.
        None => Some(ParsedIndicator {
            file: with_findings(placeholder_header(&value, display), |_| findings),
            header_ok: false,
            // Without a readable `source:` mapping, whether the source
            // carries a citation is unknown: its findings are not blamed.
            source_known: value
                .get("source")
                .is_some_and(serde_yaml::Value::is_mapping),
            broken_corridors,
        }),
    };
    (parsed, out)
}

/// An indicator file's findings, and its top level if that parsed.
#[derive(Debug)]
pub struct ParsedIndicator {
    /// The file. When `header_ok` is false its top level is a placeholder
    /// holding only the id and the source's citation, as far as they could
    /// be read: enough to check the findings.
    pub file: PartialIndicator,
    /// Whether the top level (id, source, country, period) parsed.
    pub header_ok: bool,
    /// Whether the source's citation (or its absence) is known: false when
    /// `source:` itself is missing or not a mapping.
    pub source_known: bool,
    /// The `corridors` of each finding that did not parse (its index, its
    /// ids), when that field itself is a readable list: a typo elsewhere in
    /// the finding must not hide an unknown corridor in it.
    pub broken_corridors: Vec<(usize, Vec<String>)>,
}

/// The placeholder top level of a file whose top level does not parse.
fn placeholder_header(
    v: &serde_yaml::Value,
    display: &str,
) -> IndicatorFile<serde::de::IgnoredAny> {
    let text_at =
        |v: Option<&serde_yaml::Value>| v.and_then(serde_yaml::Value::as_str).map(str::to_string);
    IndicatorFile {
        // Without an id, the path keeps default finding ids unique.
        id: text_at(v.get("id")).unwrap_or_else(|| display.to_string()),
        source: crate::files::Source {
            kind: crate::vocab::SourceType::Media,
            name: String::new(),
            public_name: None,
            public_id: None,
            public_citation: None,
            identifying: None,
            confidential: false,
            reliability: crate::vocab::Reliability::F,
            grading_note: None,
            citation: text_at(v.get("source").and_then(|s| s.get("citation"))),
            contact: None,
        },
        country: String::new(),
        period: crate::files::PeriodText(String::new()),
        collected: None,
        note: None,
        findings: Vec::new(),
    }
}

/// The same file with other findings.
fn with_findings<A, B>(
    f: IndicatorFile<A>,
    map: impl FnOnce(Vec<A>) -> Vec<B>,
) -> IndicatorFile<B> {
    IndicatorFile {
        id: f.id,
        source: f.source,
        country: f.country,
        period: f.period,
        collected: f.collected,
        note: f.note,
        findings: map(f.findings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            s.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let t = std::time::Instant::now();
        let err = parse_file::<serde_yaml::Value>(&s, "laughs.yaml").unwrap_err();
        assert_eq!(err.code, "alias-bomb", "{err}");
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn long_quoted_values_are_shortened() {
        let long = format!(
            "invalid type: string \"{}\", expected struct X",
            "a".repeat(500)
        );
        let short = shorten_quoted(&long);
        assert!(short.len() < 120, "{short}");
        assert!(short.ends_with("…\", expected struct X"), "{short}");
        assert_eq!(
            shorten_quoted("invalid type: string \"x\", expected u8"),
            "invalid type: string \"x\", expected u8"
        );
    }
}
