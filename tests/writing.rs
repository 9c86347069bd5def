//! Files out, all or nothing (issue 11): `report` killed at random moments
//! leaves the old output or the new one, never a mix, a half-written file or
//! a temporary file; planted symlinks are replaced, never followed; `synth`
//! never writes into a folder that holds anything; a closed or full
//! standard output ends every writing command without a panic.

use corridor_tests::{corridor, run_ok};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The prefix of every temporary name `corridor` creates.
const TMP: &str = ".corridor-tmp-";

/// Every file under `dir` (relative path → bytes); symlinks as their target.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().to_path_buf();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&p).unwrap();
                out.insert(rel, format!("symlink -> {}", target.display()).into_bytes());
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Names under `dir` (recursively) that are temporary files: every hidden
/// name (the report writes none), whatever scheme made it.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with(".tmp") {
                found.push(p.clone());
            }
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                stack.push(p);
            }
        }
    }
    found
}

/// `report --no-audit`: the audit's Monte Carlo only delays the writing,
/// and the kills should land while files are written.
fn report_to(out: &Path) -> std::process::Command {
    let mut c = corridor();
    // The small fixture tree: a run of the debug binary is short, so that
    // fifty kills land within the time budget even on a busy machine.
    c.arg("--indicators")
        .arg(corridor_tests::root().join("crates/report/tests/fixtures/mini"))
        .args(["report", "--no-audit", "--out"])
        .arg(out);
    c
}

/// Regression guard: 50 to 300 `kill -9`s of `report` at random moments of
/// its run (within a time budget) never leave a temporary file or a
/// half-written file in the output folder: after each kill it is exactly
/// the complete earlier output, plus a file of the user's that the report
/// does not write.
#[test]
fn report_killed_at_random_moments_leaves_no_temporary_or_half_written_file() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("reports");
    run_ok(&mut report_to(&out));
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let reference = tree(&out);
    let start = Instant::now();
    run_ok(&mut report_to(&out));
    let run_time = start.elapsed().max(Duration::from_millis(5));
    assert_eq!(
        tree(&out),
        reference,
        "a full run must reproduce the output"
    );

    // A fixed linear congruential sequence: the same moments on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let budget = Instant::now();
    let (mut kills, mut tries) = (0, 0);
    // At most 300 runs; stop after 50 kills and 10 s, or at 120 s.
    while tries < 300
        && !(kills >= 50 && budget.elapsed() >= Duration::from_secs(10))
        && budget.elapsed() < Duration::from_secs(120)
    {
        tries += 1;
        let delay = run_time.mul_f64((next() % 1000) as f64 / 1000.0 * 0.95);
        let mut child = report_to(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL on Unix
            kills += 1;
        }
        child.wait().unwrap();
        let temps = temporaries(&out);
        assert!(temps.is_empty(), "after kill {kills}: {temps:?}");
        let now = tree(&out);
        if now != reference {
            let differ: Vec<_> = reference
                .keys()
                .chain(now.keys())
                .filter(|k| reference.get(*k) != now.get(*k))
                .collect();
            panic!("after kill {kills} (at {delay:?}) these files differ: {differ:?}");
        }
    }
    assert!(
        kills >= 50,
        "only {kills} of {tries} kills landed while report ran"
    );
    eprintln!("{kills} kills of {tries} runs landed while report ran");
    // The next complete run removes what the killed ones left beside.
    run_ok(&mut report_to(&out));
    assert_eq!(temporaries(root.path()), Vec::<PathBuf>::new());
    assert_eq!(tree(&out), reference);
}

/// Regression guard: a symlink planted at an output name is replaced by the
/// new file; the file it pointed at is never written.
#[test]
fn report_replaces_a_planted_symlink_instead_of_following_it() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("reports");
    run_ok(&mut report_to(&out));
    let victim = root.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    for name in ["KGZ.md", "charts/heatmap.svg"] {
        std::fs::remove_file(out.join(name)).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(name)).unwrap();
    }
    run_ok(&mut report_to(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    for name in ["KGZ.md", "charts/heatmap.svg"] {
        let meta = std::fs::symlink_metadata(out.join(name)).unwrap();
        assert!(meta.is_file(), "{name} is still a symlink");
    }
    // `new` too: a symlink at the file it creates is refused (it exists).
    let link = root.path().join("new.yaml");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let o = corridor()
        .args([
            "new",
            "--type",
            "media",
            "--country",
            "KGZ",
            "--id",
            "x",
            "--out",
        ])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// Regression guard: a report that fails half-way (a folder where a page
/// must go) writes nothing: the old output is byte for byte as it was, and
/// no temporary is left beside it.
#[test]
fn report_failing_half_way_leaves_the_old_output_intact() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("reports");
    run_ok(&mut report_to(&out));
    // Make the old output differ from what a run writes, to see any change.
    std::fs::write(out.join("index.md"), "old index").unwrap();
    std::fs::remove_file(out.join("overview.md")).unwrap();
    std::fs::create_dir(out.join("overview.md")).unwrap();
    let before = tree(&out);
    let o = report_to(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("overview.md: it is a folder"), "{stderr}");
    assert_eq!(tree(&out), before);
    assert_eq!(temporaries(root.path()), Vec::<PathBuf>::new());
    // An output path that is a file is refused before anything is written.
    let file = root.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let o = report_to(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("it is a file, not a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// Regression guard: temporaries left by an earlier killed run (their
/// process is gone) are removed by the next run, in the output folder and
/// beside it.
#[test]
fn stale_temporaries_of_killed_runs_are_removed() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("reports");
    run_ok(&mut report_to(&out));
    // No process has this id (Linux caps pids at 2^22).
    let stale_file = out.join(format!("{TMP}4294967294-abc.tmp"));
    let stale_dir = root.path().join(format!("{TMP}4294967294-xyz"));
    std::fs::write(&stale_file, "half").unwrap();
    std::fs::create_dir(&stale_dir).unwrap();
    std::fs::write(stale_dir.join("KGZ.md"), "half").unwrap();
    run_ok(&mut report_to(&out));
    assert!(!stale_file.exists() && !stale_dir.exists());
    // `new` cleans the folder it writes into as well.
    let stale = root.path().join(format!("{TMP}4294967294-new.tmp"));
    std::fs::write(&stale, "half").unwrap();
    run_ok(
        corridor()
            .args([
                "new",
                "--type",
                "media",
                "--country",
                "KGZ",
                "--id",
                "x",
                "--out",
            ])
            .arg(root.path().join("x.yaml")),
    );
    assert!(!stale.exists());
}

/// Regression guard: `synth --out` refuses a folder that holds anything
/// (it once overwrote a `corridors.yml` tree's files) and sizes whose files
/// `check` would refuse, before writing anything.
#[test]
fn synth_never_writes_into_a_non_empty_folder_and_refuses_huge_sizes() {
    let root = tempfile::tempdir().unwrap();
    let tree_dir = root.path().join("tree");
    std::fs::create_dir(&tree_dir).unwrap();
    std::fs::write(tree_dir.join("corridors.yml"), "corridors: []\n").unwrap();
    let o = corridor()
        .arg("synth")
        .arg("--out")
        .arg(&tree_dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {} is not empty: choose a new or empty folder\n",
            tree_dir.display()
        )
    );
    assert_eq!(tree(&tree_dir).len(), 1);
    for args in [
        ["--corridors", "100000000"],
        ["--findings", "18446744073709551615"],
        ["--files", "1000000000"], // with as many findings
    ] {
        let fresh = root.path().join("fresh");
        let o = corridor()
            .arg("synth")
            .args(args)
            .args(if args[0] == "--files" {
                &["--findings", "1000000000"][..]
            } else {
                &[]
            })
            .arg("--out")
            .arg(&fresh)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.starts_with("error: too large: at most 50000 corridors"),
            "{stderr}"
        );
        assert!(!fresh.exists(), "{args:?} wrote something");
        assert_eq!(temporaries(root.path()), Vec::<PathBuf>::new());
    }
    // An empty folder is fine, and what synth writes passes check.
    let empty = root.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    run_ok(
        corridor()
            .args([
                "synth",
                "--corridors",
                "20",
                "--files",
                "10",
                "--findings",
                "50",
                "--out",
            ])
            .arg(&empty),
    );
    run_ok(corridor().arg("check").arg(&empty));
}

/// Regression guard: `report`, `new`, `synth` and `completions` on a full
/// disk (`/dev/full`) exit 1 with a message, and on a closed pipe exit 0,
/// never panicking.
#[test]
fn writing_commands_end_quietly_on_a_full_or_closed_standard_output() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path().display().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec![
            "report".into(),
            "--no-audit".into(),
            "--out".into(),
            format!("{r}/rep"),
        ],
        vec![
            "new".into(),
            "--type".into(),
            "media".into(),
            "--country".into(),
            "KGZ".into(),
            "--id".into(),
            "x".into(),
            "--out".into(),
            format!("{r}/new.yaml"),
        ],
        vec![
            "synth".into(),
            "--corridors".into(),
            "5".into(),
            "--files".into(),
            "2".into(),
            "--findings".into(),
            "4".into(),
            "--out".into(),
            format!("{r}/synth"),
        ],
        vec!["completions".into(), "bash".into()],
    ];
    for args in &cases {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = corridor().args(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot write to standard output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        // Again with a pipe whose reader is gone before the command writes.
        let _ = std::fs::remove_dir_all(format!("{r}/synth"));
        let _ = std::fs::remove_file(format!("{r}/new.yaml"));
        let mut child = corridor()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let _ = std::fs::remove_dir_all(format!("{r}/synth"));
        let _ = std::fs::remove_file(format!("{r}/new.yaml"));
    }
}
