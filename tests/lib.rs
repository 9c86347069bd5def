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

/// The `corridor` binary built by this `cargo test` run. `cargo test
/// --workspace` builds it before any test runs, because corridor-cli has
/// integration tests of its own.
pub fn corridor_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test> -> target/<profile>/corridor
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let bin = dir.join(format!("corridor{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test --workspace`",
        bin.display()
    );
    bin
}

/// A `corridor` command run from the repository root.
pub fn corridor() -> std::process::Command {
    let mut c = std::process::Command::new(corridor_bin());
    c.current_dir(root());
    c
}

/// Runs `cmd`, fails the test with its standard error unless it succeeded,
/// and returns its standard output.
pub fn run_ok(cmd: &mut std::process::Command) -> Vec<u8> {
    let out = cmd.output().expect("run corridor");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A copy of the indicator tree `src` in a new temporary folder.
pub fn fixture_tree(src: &std::path::Path) -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("create the copy");
        for e in std::fs::read_dir(from).expect("read the fixture") {
            let e = e.expect("an entry");
            let target = to.join(e.file_name());
            if e.file_type().expect("a file type").is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copy a file");
            }
        }
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy(src, dir.path());
    dir
}
