//! Hostile input is refused with a clear error, never a hang, a crash or a
//! panic, and never stops the other files from being checked. (Time and
//! memory of these refusals are measured in BENCHMARKS.md, not here.)

use corridor_tests::{corridor, fixture};
use std::path::Path;

/// The base fixture tree plus one file written by `make`.
fn tree(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("base")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    // A valid source beside the hostile one: it must still be checked.
    std::fs::write(
        dir.path().join("good.yaml"),
        "id: good\nsource: {type: media, name: Paper, reliability: C, citation: fixture}\ncountry: KGZ\nperiod: 2005\nfindings:\n  - {corridors: [bgd-kgzz], dimension: routes, finding: unavailable, text: t}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

fn codes_for(dir: &Path, name: &str) -> Vec<&'static str> {
    let checked = corridor_schema::check_dir(dir).unwrap();
    // The good file's own mistake is still found.
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == "unknown-corridor" && d.file.ends_with("good.yaml"))
    );
    checked
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with(name))
        .map(|d| d.code)
        .collect()
}

#[test]
fn billion_laughs_is_refused() {
    // Anchors inside `findings`, where the loader's second pass reads any
    // value: expanding all aliases would take 9^9 nodes.
    let mut s = String::from(
        "id: laughs\nsource: {type: media, name: x, reliability: C, citation: c}\ncountry: KGZ\nperiod: 2005\nfindings:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        s.push_str(&format!(
            "  - &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    let dir = tree("laughs.yaml", s.as_bytes());
    // The whole file is parsed into a value tree first, which stops at
    // yaml_serde's repetition bound: one error, in well under a second
    // (see also the `alias_bomb_is_refused` unit test in load.rs).
    let t = std::time::Instant::now();
    let codes = codes_for(dir.path(), "laughs.yaml");
    assert_eq!(codes, ["alias-bomb"]);
    assert!(t.elapsed().as_secs() < 5);
    // At the top level, the unknown keys are refused before any expansion.
    let top = s.replace("id: laughs\nsource: {type: media, name: x, reliability: C, citation: c}\ncountry: KGZ\nperiod: 2005\nfindings:\n", "");
    let dir = tree("laughs.yaml", top.replace("  - &", "- &").as_bytes());
    assert!(!codes_for(dir.path(), "laughs.yaml").is_empty());
}

#[test]
fn ten_mib_of_nested_flow_mappings_is_refused_before_parsing() {
    let unit = "{a: ";
    let s = "a: ".to_string() + &unit.repeat(10 * 1024 * 1024 / unit.len() - 1);
    assert!(s.len() <= 10 * 1024 * 1024);
    let dir = tree("nested.yaml", s.as_bytes());
    assert_eq!(codes_for(dir.path(), "nested.yaml"), ["too-deep"]);
}

#[test]
fn deep_block_nesting_is_refused() {
    let s: String = (0..200)
        .map(|i| format!("{}a:\n", " ".repeat(i * 2)))
        .collect();
    let dir = tree("block.yaml", s.as_bytes());
    assert_eq!(codes_for(dir.path(), "block.yaml"), ["too-deep"]);
}

#[test]
fn files_over_ten_mib_are_refused_unread() {
    let s = "#".repeat(10 * 1024 * 1024 + 1);
    let dir = tree("huge.yaml", s.as_bytes());
    assert_eq!(codes_for(dir.path(), "huge.yaml"), ["file-too-large"]);
}

#[test]
fn non_utf8_is_refused_with_its_position() {
    let dir = tree("latin1.yaml", b"id: x\ntext: caf\xe9\n");
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("latin1.yaml"))
        .unwrap();
    assert_eq!((d.code, d.line, d.column), ("not-utf8", 2, 10));
}

#[test]
fn binary_survives_every_hostile_file_at_once() {
    let dir = tree(
        "nested.yaml",
        "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".as_bytes(),
    );
    std::fs::write(dir.path().join("latin1.yaml"), b"\xff\xfe").unwrap();
    std::fs::write(dir.path().join("empty.yaml"), b"").unwrap();
    let out = corridor().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for needle in ["too-deep", "not-utf8", "empty.yaml", "good.yaml"] {
        assert!(stderr.contains(needle), "{needle} missing from:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Runs `cmd` and fails the test if it has not ended within 20 seconds (a
/// read that blocks on a FIFO or runs forever on `/dev/zero`).
fn output_within_20s(cmd: &mut std::process::Command) -> std::process::Output {
    use std::time::{Duration, Instant};
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{cmd:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Regression guard (issue 11): a FIFO, or a symlink to `/dev/zero`, under
/// the indicator folder is an error naming it, not a hang or an exhausted
/// memory; the other files are still checked.
#[test]
fn special_files_under_indicators_are_refused_without_hanging() {
    let dir = tree("placeholder.yaml", b"");
    std::fs::remove_file(dir.path().join("placeholder.yaml")).unwrap();
    let fifo = dir.path().join("pipe.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
    let out = output_within_20s(corridor().arg("check").arg(dir.path()));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let d = dir.path().display();
    let help = "  help: indicator files must be plain files: remove it, or move it into a folder starting with `_`";
    for (name, what) in [
        ("pipe.yaml", "a FIFO (named pipe)"),
        ("zero.yaml", "a device"),
    ] {
        let expected = format!(
            "{d}/{name}:1:1: error[not-a-file]: cannot read this file: it is {what}, not a regular file\n{help}\n"
        );
        assert!(stderr.contains(&expected), "{stderr}");
    }
    // The good file's mistake is still reported.
    assert!(stderr.contains("error[unknown-corridor]"), "{stderr}");
}

/// Regression guard (issue 11): a FIFO or a symlink to `/dev/zero` given
/// as an override template is refused with its name, without hanging.
#[test]
fn special_files_as_templates_are_refused_without_hanging() {
    for special in ["fifo", "zero"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.md.tera");
        if special == "fifo" {
            std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
        } else {
            std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        }
        let out_dir = dir.path().join("out");
        let out = output_within_20s(
            corridor()
                .args(["report", "--no-audit", "--templates"])
                .arg(dir.path())
                .arg("--out")
                .arg(&out_dir),
        );
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("index.md.tera"), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(!out_dir.exists());
    }
}

/// Regression guard (issue 11): `--weighting NAME` means the indicator
/// folder's `weightings/NAME.yaml`, even when the current directory holds a
/// file or folder called NAME.
#[test]
fn a_bare_weighting_name_prefers_the_indicator_folder_over_the_current_directory() {
    let cwd = tempfile::tempdir().unwrap();
    std::fs::create_dir(cwd.path().join("officials-first")).unwrap();
    let out = corridor()
        .current_dir(cwd.path())
        .arg("--indicators")
        .arg(corridor_tests::indicators())
        .args(["weights", "officials-first"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("officials-first"), "{stdout}");
}
