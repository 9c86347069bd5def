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
use crate::typed::{self, DeError, PathError};
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
    /// `region.yaml`, if present.
    pub region: Option<PathBuf>,
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
            .chain(&self.region)
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
            ["region.yaml" | "region.yml"] => {
                set_once(&mut found.region, path, &mut found.problems)
            }
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

mod lenient;
pub use lenient::{Lenient, parse_lenient};

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
fn placeholders(
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
}
