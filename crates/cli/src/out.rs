//! Printing helpers shared by the commands: errors with their whole cause
//! chain, diagnostics, and atomic file writes.

use anyhow::Context;
use corridor_schema::{Diagnostic, SchemaError};
use std::io::Write;
use std::path::Path;

/// Prints an error and every cause beneath it; for invalid indicator files,
/// every diagnostic.
pub fn print_error(err: &anyhow::Error) {
    if let Some(SchemaError::Invalid { diagnostics, .. }) = err.downcast_ref::<SchemaError>() {
        print_diagnostics(diagnostics);
    }
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// Prints diagnostics to standard error, one blank line between them.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same
/// folder, then renamed over the target, so an interrupted run never leaves
/// a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))
}

/// Loads a valid model or fails with every diagnostic.
pub fn load_model(dir: &Path) -> anyhow::Result<corridor_schema::Model> {
    let (model, warnings) = corridor_schema::load_valid(dir)
        .with_context(|| format!("cannot use the indicator files in {}", dir.display()))?;
    print_diagnostics(&warnings);
    Ok(model)
}
