//! Reading files: the only module that touches YAML.
//!
//! Every file passes three guards before the YAML parser sees it — size,
//! UTF-8 and nesting depth — because the parser is quadratic on deeply
//! nested flow collections and a hostile file must be refused in
//! milliseconds, not minutes. Alias expansion is bounded by yaml_serde's
//! repetition limit. Parse errors become [`Diagnostic`]s with the file's
//! line and column; an indicator file with errors is re-read finding by
//! finding so that one typo does not hide the others.

use crate::diag::{Diagnostic, did_you_mean};
use crate::files::{FindingInput, IndicatorFile};
use crate::locate::PosIndex;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Deepest nesting accepted; indicator files need about 6.
pub const MAX_DEPTH: usize = 64;

/// The files of an indicator directory, by role, each list sorted by path.
#[derive(Debug, Default)]
pub struct Discovered {
    /// `corridors.yaml`, if present.
    pub corridors: Option<PathBuf>,
    /// `places.yaml`, if present.
    pub places: Option<PathBuf>,
    /// `taxonomy.yaml`, if present.
    pub taxonomy: Option<PathBuf>,
    /// `rates.yaml`, if present.
    pub rates: Option<PathBuf>,
    /// `countries/*.yaml`.
    pub countries: Vec<PathBuf>,
    /// `weightings/*.yaml`.
    pub weightings: Vec<PathBuf>,
    /// Every other `.yaml`/`.yml` file: one source each.
    pub indicators: Vec<PathBuf>,
    /// Files that look meant to be read but are not: `.YAML`/`.Yml`
    /// spellings, and a second file for one role (`corridors.yml` beside
    /// `corridors.yaml`).
    pub problems: Vec<Diagnostic>,
}

impl Discovered {
    /// Every file found, in a fixed order.
    pub fn all(&self) -> impl Iterator<Item = &PathBuf> {
        self.corridors
            .iter()
            .chain(&self.places)
            .chain(&self.taxonomy)
            .chain(&self.rates)
            .chain(&self.countries)
            .chain(&self.weightings)
            .chain(&self.indicators)
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Walks `dir` and sorts its YAML files by role. Folders whose names start
/// with `.` or `_` are skipped (drafts, editor state). Paths are sorted so
/// that the order on disk never changes any output.
pub fn discover(dir: &Path) -> std::io::Result<Discovered> {
    let mut found = Discovered::default();
    let mut stack = vec![dir.to_path_buf()];
    let mut all = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ft = entry.file_type()?;
            if ft.is_dir() {
                if !name.starts_with('.') && !name.starts_with('_') {
                    stack.push(path);
                }
            } else if is_yaml(&path) && !name.starts_with('.') {
                all.push(path);
            } else if !name.starts_with('.')
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml"))
            {
                let fixed = path.with_extension(
                    path.extension()
                        .map(|e| e.to_string_lossy().to_ascii_lowercase())
                        .unwrap_or_default(),
                );
                found.problems.push(
                    Diagnostic::error("file-extension", path.display().to_string(), 1, 1)
                        .message("this file is not read: only names ending in `.yaml` or `.yml` (lowercase) are")
                        .help(format!(
                            "rename it to {}",
                            fixed.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                        )),
                );
            }
        }
    }
    all.sort();
    for path in all {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        match parts
            .iter()
            .map(|s| s.as_ref())
            .collect::<Vec<&str>>()
            .as_slice()
        {
            ["corridors.yaml" | "corridors.yml"] => {
                set_once(&mut found.corridors, path, &mut found.problems)
            }
            ["places.yaml" | "places.yml"] => {
                set_once(&mut found.places, path, &mut found.problems)
            }
            ["taxonomy.yaml" | "taxonomy.yml"] => {
                set_once(&mut found.taxonomy, path, &mut found.problems)
            }
            ["rates.yaml" | "rates.yml"] => set_once(&mut found.rates, path, &mut found.problems),
            ["countries", _] => found.countries.push(path),
            ["weightings", _] => found.weightings.push(path),
            _ => found.indicators.push(path),
        }
    }
    Ok(found)
}

/// What a path is, in words, when it is not a regular file.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// The entries of folder `dir`, sorted by file name: the one place that
/// lists a folder for the libraries (the report's template overrides).
pub fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    Ok(entries)
}

/// Reads at most `limit` bytes of a regular file (following symlinks).
/// Anything else — a FIFO, a device such as `/dev/zero`, a folder — is an
/// error of kind `InvalidInput` naming what it is, raised before the file
/// is opened, so that reading can neither block nor run forever. A file
/// longer than `limit` is an error of kind `FileTooLarge`.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let refuse = |meta: &std::fs::Metadata| {
        Error::new(
            ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind_of(meta)),
        )
    };
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    let file = std::fs::File::open(path)?;
    // Checked again on the open file: it may have been swapped meanwhile.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            format!("it is more than {limit} bytes long"),
        ));
    }
    Ok(bytes)
}

/// Sets a control file's path, or reports a second one for the same role
/// (paths are sorted, so `.yaml` is kept and `.yml` reported).
fn set_once(slot: &mut Option<PathBuf>, path: PathBuf, problems: &mut Vec<Diagnostic>) {
    match slot {
        Some(first) => problems.push(
            Diagnostic::error("duplicate-file", path.display().to_string(), 1, 1)
                .message(format!(
                    "{} is already read from {}; this one would be ignored",
                    path.file_stem()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default(),
                    first.display()
                ))
                .help("keep one of the two files: merge them, then delete the other"),
        ),
        None => *slot = Some(path),
    }
}

/// Reads a file through the size and UTF-8 guards.
pub fn read_guarded(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let err = |code, line, col| Diagnostic::error(code, display, line, col);
    let too_large = |len: String| {
        err("file-too-large", 1, 1)
            .message(format!(
                "file is {len} bytes, more than the limit of {MAX_FILE_BYTES} (10 MiB)"
            ))
            .help(
                "split the source into several indicator files, one per dataset or interview round",
            )
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| err("unreadable", 1, 1).message(format!("cannot read file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len().to_string()));
    }
    let bytes = read_regular(path, MAX_FILE_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => too_large("more than".into()),
        std::io::ErrorKind::InvalidInput => err("not-a-file", 1, 1)
            .message(format!("cannot read this file: {e}"))
            .help("indicator files must be plain files: remove it, or move it into a folder starting with `_`"),
        _ => err("unreadable", 1, 1).message(format!("cannot read file: {e}")),
    })?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(err("not-utf8", line, col)
                .message(format!(
                    "file is not valid UTF-8 (invalid byte 0x{:02x})",
                    e.as_bytes()[good.len()]
                ))
                .help("save the file as UTF-8 (most editors: 'Save with encoding')"))
        }
    }
}

/// Refuses nesting deeper than [`MAX_DEPTH`] before the parser sees it.
///
/// Counts open flow brackets outside quotes and comments, and block
/// nesting by indentation and leading `- ` markers. It over-counts at
/// worst (a `[` inside a plain scalar), which only matters past 64 levels.
pub fn check_depth(text: &str, display: &str) -> Result<(), Diagnostic> {
    let mut flow = 0usize;
    let (mut line, mut col) = (1usize, 0usize);
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let mut at_line_start = true;
    let mut indent = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    let refuse = |line, col, what: &str| {
        Err(Diagnostic::error("too-deep", display, line, col)
            .message(format!(
                "{what} nests deeper than {MAX_DEPTH} levels; refused before parsing"
            ))
            .help("indicator files need only a few levels: flatten the structure"))
    };
    while i < bytes.len() {
        let b = bytes[i];
        col += 1;
        if b == b'\n' {
            line += 1;
            col = 0;
            comment = false;
            at_line_start = true;
            indent = 0;
            i += 1;
            continue;
        }
        if at_line_start {
            if b == b' ' {
                indent += 1;
                i += 1;
                continue;
            }
            if b == b'-' && bytes.get(i + 1) == Some(&b' ') {
                indent += 2;
                i += 2;
                col += 1;
                continue;
            }
            at_line_start = false;
            if indent / 2 > MAX_DEPTH * 2 {
                return refuse(line, col, "indentation");
            }
        }
        if comment {
            i += 1;
            continue;
        }
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(b'"'), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if flow > 0 || prev_is_space(bytes, i) => quote = Some(b),
            (None, b'#') if prev_is_space(bytes, i) => comment = true,
            (None, b'[' | b'{') => {
                flow += 1;
                if flow + indent / 2 > MAX_DEPTH {
                    return refuse(line, col, "a flow collection");
                }
            }
            (None, b']' | b'}') => flow = flow.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

fn prev_is_space(bytes: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':'
        )
}

/// Turns a yaml_serde error into a diagnostic, moving its position by
/// `line_offset` (for text cut out of a larger file) and adding a fix.
fn diagnostic_from(err: &serde_yaml::Error, display: &str, line_offset: usize) -> Diagnostic {
    let (line, col) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let mut msg = err.to_string();
    if let Some(cut) = msg.rfind(" at line ") {
        msg.truncate(cut);
    }
    // yaml_serde prefixes the path inside the (possibly cut-out) document;
    // the position already says where, so keep the message itself.
    let raw = msg.clone();
    let body = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => rest.to_string(),
        _ => raw,
    };
    let (code, message, help) = explain(&body);
    let mut d = Diagnostic::error(code, display, line + line_offset, col).message(message);
    if let Some(h) = help {
        d = d.help(h);
    }
    d
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

/// Words between backticks in a serde message.
fn ticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// Rewrites serde's messages into ours: a stable code, quotes instead of
/// backticks, and a suggestion for near-misses.
fn explain(body: &str) -> (&'static str, String, Option<String>) {
    let words = ticked(body);
    let plain = body.replace('`', "'");
    if body.starts_with("unknown field") {
        let (bad, expected) = (
            words.first().copied().unwrap_or(""),
            &words[1.min(words.len())..],
        );
        let help = match did_you_mean(bad, expected.iter().copied()) {
            Some(s) => format!("did you mean '{s}'?"),
            None => format!("allowed fields here: {}", expected.join(", ")),
        };
        (
            "unknown-field",
            format!("unknown field '{bad}'"),
            Some(help),
        )
    } else if body.starts_with("unknown variant") {
        let (bad, expected) = (
            words.first().copied().unwrap_or(""),
            &words[1.min(words.len())..],
        );
        let help = match did_you_mean(bad, expected.iter().copied()) {
            Some(s) => format!(
                "did you mean '{s}'? allowed values: {}",
                expected.join(", ")
            ),
            None => format!("allowed values: {}", expected.join(", ")),
        };
        (
            "bad-value",
            format!("'{bad}' is not an allowed value"),
            Some(help),
        )
    } else if body.starts_with("missing field") {
        let field = words.first().copied().unwrap_or("");
        (
            "missing-field",
            format!("missing required field '{field}'"),
            Some(format!("add '{field}:' to this mapping")),
        )
    } else if body.starts_with("invalid type") || body.starts_with("invalid value") {
        ("bad-type", shorten_quoted(&plain), None)
    } else if body.contains("duplicate entry") || body.starts_with("duplicate field") {
        (
            "duplicate-key",
            plain,
            Some("each key may appear once per mapping: remove or merge the repeated one".into()),
        )
    } else if body.contains("repetition limit") || body.contains("recursion limit") {
        (
            "alias-bomb",
            format!("{plain}: YAML aliases expand beyond the safe bound"),
            Some("write the values out instead of using anchors and aliases".into()),
        )
    } else {
        ("yaml-syntax", plain, None)
    }
}

/// Parses a whole file into `T`, with the guards. One diagnostic on failure.
pub fn parse_file<T: DeserializeOwned>(text: &str, display: &str) -> Result<T, Diagnostic> {
    check_depth(text, display)?;
    crate::guard::check_features(text, display)?;
    serde_yaml::from_str(text).map_err(|e| diagnostic_from(&e, display, 0))
}

/// An indicator file whose findings parsed one by one: `None` where a
/// finding is broken (its diagnostic says why).
pub type PartialIndicator = IndicatorFile<Option<FindingInput>>;

/// Parses an indicator file, reporting every broken finding, not only the
/// first. On failure the top level is re-read with the findings skipped,
/// and each finding is re-read on its own, cut out of the file at its
/// position, so the findings that are fine can still be checked.
pub fn parse_indicator(text: &str, display: &str) -> (Option<ParsedIndicator>, Vec<Diagnostic>) {
    if let Err(d) =
        check_depth(text, display).and_then(|()| crate::guard::check_features(text, display))
    {
        return (None, vec![d]);
    }
    let first = match serde_yaml::from_str::<IndicatorFile>(text) {
        Ok(file) => {
            let file = with_findings(file, |f| f.into_iter().map(Some).collect());
            return (
                Some(ParsedIndicator {
                    file,
                    header_ok: true,
                }),
                Vec::new(),
            );
        }
        Err(e) => e,
    };
    // A syntax error (or an alias bomb, which has no position) leaves
    // nothing to re-read.
    let index = PosIndex::build(text);
    if first.location().is_none() || !index.complete {
        return (None, vec![diagnostic_from(&first, display, 0)]);
    }
    let mut out = Vec::new();
    let shell = match serde_yaml::from_str::<IndicatorFile<serde::de::IgnoredAny>>(text) {
        Ok(shell) => Some(shell),
        Err(e) => {
            out.push(diagnostic_from(&e, display, 0));
            None
        }
    };
    let mut findings = Vec::new();
    for i in 0.. {
        let Some(node) = index.get(&format!("findings[{i}]")) else {
            break;
        };
        let (start, end) = (node.start.byte, node.end.byte.max(node.start.byte));
        let snippet = format!("{}{}", " ".repeat(node.start.column - 1), &text[start..end]);
        match serde_yaml::from_str::<FindingInput>(&snippet) {
            Ok(f) => findings.push(Some(f)),
            Err(e) => {
                let mut d = diagnostic_from(&e, display, node.start.line - 1);
                // serde names a repeated key at its mapping; the index
                // knows the repeat itself (it keeps the last occurrence).
                if d.code == "duplicate-key"
                    && let Some(field) = ticked(&e.to_string()).first()
                {
                    let pos = index.key_pos(&format!("findings[{i}].{field}"));
                    (d.line, d.column) = (pos.line, pos.column);
                }
                out.push(d);
                findings.push(None);
            }
        }
    }
    if out.is_empty() {
        out.push(diagnostic_from(&first, display, 0));
    }
    let parsed = match shell {
        Some(s) => Some(ParsedIndicator {
            file: with_findings(s, |_| findings),
            header_ok: true,
        }),
        // The top level is broken; its findings are still checked, against
        // a placeholder top level that keeps only what they need.
        None => placeholder_header(text, display).map(|h| ParsedIndicator {
            file: with_findings(h, |_| findings),
            header_ok: false,
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
}

/// The placeholder top level of a file whose top level does not parse.
fn placeholder_header(text: &str, display: &str) -> Option<IndicatorFile<serde::de::IgnoredAny>> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let text_at =
        |v: Option<&serde_yaml::Value>| v.and_then(serde_yaml::Value::as_str).map(str::to_string);
    Some(IndicatorFile {
        // Without an id, the path keeps default finding ids unique.
        id: text_at(v.get("id")).unwrap_or_else(|| display.to_string()),
        source: crate::files::Source {
            kind: crate::vocab::SourceType::Media,
            name: String::new(),
            public_name: None,
            public_id: None,
            public_citation: None,
            identifying: Vec::new(),
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
    })
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
    fn depth_guard_refuses_nested_flow_mappings_fast() {
        let bomb = "a: ".to_string() + &"{a: ".repeat(100_000);
        let t = std::time::Instant::now();
        let err = check_depth(&bomb, "bomb.yaml").unwrap_err();
        assert_eq!(err.code, "too-deep");
        assert!(t.elapsed().as_millis() < 500);
    }

    #[test]
    fn depth_guard_ignores_brackets_in_quotes_and_comments() {
        let text = format!(
            "a: \"{}\"\n# {}\nb: [1, [2]]\n",
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(check_depth(&text, "x.yaml").is_ok());
    }

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

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let (code, msg, help) =
            explain("unknown field `credibilty`, expected one of `id`, `credibility`, `text`");
        assert_eq!(code, "unknown-field");
        assert_eq!(msg, "unknown field 'credibilty'");
        assert_eq!(help.as_deref(), Some("did you mean 'credibility'?"));
    }
}
