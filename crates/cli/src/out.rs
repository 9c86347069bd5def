//! Printing helpers shared by the commands: errors with their whole cause
//! chain, diagnostics, and atomic file writes.

use anyhow::Context;
use corridor_schema::Diagnostic;
use std::io::Write;
use std::path::Path;

/// Prints an error and every cause beneath it. Invalid indicator files are
/// counted, not listed: any command but `check` may be a public run, and a
/// diagnostic quotes its file's path and lines, which for a confidential
/// source may name the person; the error says to run `corridor check`,
/// the analyst's own view of the files, which lists them all.
pub(crate) fn print_error(err: &anyhow::Error) {
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// Prints diagnostics to standard error, one blank line between them.
pub(crate) fn print_diagnostics(diags: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
}

/// Writes `bytes` to `path` atomically (see `crate::write`).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::guard::check_bytes(&path.display().to_string(), bytes)?;
    crate::write::write_atomic(path, bytes)
}

/// The indicator folder, or a plain error when there is none (corridor is
/// run outside a project).
pub(crate) fn project_dir(dir: &Path) -> anyhow::Result<&Path> {
    if dir.is_dir() {
        return Ok(dir);
    }
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| ".".into());
    if dir.exists() {
        anyhow::bail!(
            "{} is not a folder: pass the indicator folder with `--indicators DIR`",
            dir.display()
        );
    }
    anyhow::bail!(
        "there is no indicator folder {} here ({here}): run corridor in the project folder, \
         or pass the indicator folder with `--indicators DIR`",
        dir.display()
    )
}

/// Loads a valid model or fails with every diagnostic.
pub(crate) fn load_model(dir: &Path) -> anyhow::Result<corridor_schema::Model> {
    let dir = project_dir(dir)?;
    let (model, warnings) = corridor_schema::load_valid(dir)
        .with_context(|| format!("cannot use the indicator files in {}", dir.display()))?;
    // Every command but `check` may be a public run: a warning about a
    // confidential source's file would show its path (often built from
    // the person's name) and its lines, so those are only counted here;
    // `corridor check`, the analyst's own view of the files, shows them.
    let (withheld, shown): (Vec<_>, Vec<_>) = warnings
        .into_iter()
        .partition(|d| in_confidential_file(dir, &model, d));
    print_diagnostics(&shown);
    if !withheld.is_empty() {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "{} warning(s) in the files of confidential sources are not shown here: `corridor check` shows them",
            withheld.len()
        );
    }
    crate::guard::install(&model);
    Ok(model)
}

/// Whether diagnostic `d` is about the file of a confidential source.
fn in_confidential_file(dir: &Path, model: &corridor_schema::Model, d: &Diagnostic) -> bool {
    model
        .sources
        .iter()
        .filter(|s| s.confidential)
        .any(|s| Path::new(&d.file) == dir.join(&s.file) || d.file.ends_with(&s.file))
}

/// A number for tables: six decimals with trailing zeros dropped, so that
/// 0.64 prints as `0.64` and 1/12 as `0.083333`. JSON and CSV print full
/// precision instead.
pub(crate) fn num(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "" | "-0" => "0".to_string(),
        _ => s.to_string(),
    }
}

/// Eight bar glyphs: `v` in (k−1)/8 < v ≤ k/8 prints the k-th.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One glyph for a strength in [0, 1]: `·` for 0, else a bar of eighths.
pub(crate) fn glyph(v: f64) -> char {
    if v <= 0.0 || v.is_nan() {
        return '·';
    }
    let k = (v * 8.0).ceil().clamp(1.0, 8.0) as usize;
    BARS[k - 1]
}

/// The glyph legend printed under every strength-vector column.
pub(crate) fn glyph_legend() -> String {
    use corridor_schema::SourceType;
    let types: Vec<String> = SourceType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{} {}", i + 1, t.key()))
        .collect();
    let bars: Vec<String> = (2..=8)
        .map(|k| format!("{} ≤ {k}/8", BARS[k - 1]))
        .collect();
    format!(
        "vector: one glyph per source type, in METHOD.md order:\n  {}\n  {}\nglyphs: · v = 0, {} 0 < v ≤ 1/8, {}",
        types[..6].join("  "),
        types[6..].join("  "),
        BARS[0],
        bars.join(", ")
    )
}

/// Prints `text` to standard output. A closed pipe (`corridor score |
/// head`) ends the output quietly instead of panicking as `print!` does.
pub(crate) fn print_stdout(text: &str) -> anyhow::Result<()> {
    crate::guard::check("the output", text)?;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
