//! Shared helpers for the workspace-level end-to-end tests: where the
//! repository, the shipped indicators and the fixtures are.

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shipped indicator directory.
pub fn indicators() -> PathBuf {
    root().join("indicators")
}

/// A fixture directory under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}
