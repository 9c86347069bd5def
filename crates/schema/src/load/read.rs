//! Reading a file's bytes behind the guards that run before the parser:
//! regular files only (a FIFO or a device would block or never end), a
//! size limit, UTF-8, and a nesting depth limit — the YAML parser is
//! quadratic on deeply nested flow collections, so a hostile file must be
//! refused here, in milliseconds.

use crate::diag::Diagnostic;
use std::path::Path;

/// Files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Deepest nesting accepted; indicator files need about 6.
pub const MAX_DEPTH: usize = 64;

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
}
