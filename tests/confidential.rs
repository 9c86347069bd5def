//! A confidential source's identity never reaches a public output
//! (issue 9): planted in every kind of text field of every file kind, in
//! every way of writing it (case, Unicode forms, spacing, a line break,
//! zero-width characters, homoglyphs, a surname alone, part of a contact,
//! a short name), `check` refuses the tree at that field; and on a clean
//! tree no public output of any command in any format contains any of the
//! source's identities — in its bytes or, for HTML, in its visible text.

use corridor_schema::text::{Needle, find, needles_of};
use corridor_tests::{corridor, fixture_tree, run_ok};
use std::path::Path;

/// The mini fixture with the identifying words of its confidential sources
/// declared, copied to a temporary folder.
fn tree() -> tempfile::TempDir {
    // The fixture's confidential sources list their identifying words
    // (`[Secretova]`, `[Hiddenov, Bo]`: a surname, and a two-letter name).
    fixture_tree(&corridor_tests::root().join("crates/report/tests/fixtures/mini"))
}

fn edit(dir: &Path, file: &str, old: &str, new: &str) -> usize {
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let at = text
        .find(old)
        .unwrap_or_else(|| panic!("{file}: '{old}' not found"));
    std::fs::write(&p, text.replacen(old, new, 1)).unwrap();
    // The line of the edit (1-based).
    1 + text[..at].matches('\n').count()
}

/// Every way of writing the identity that the check must see through, as
/// the inside of a YAML double-quoted string.
const VARIANTS: [&str; 10] = [
    "ZARINA Q. SECRETOVA",
    "Zarina\\u00A0Q.\\u00A0\\u00A0Secretova",
    "Zarina  Q.   Secretova",
    "Zari\\u200Bna Q. Secretova",
    // Cyrillic а and е as homoglyphs of Latin a and e.
    "Zarinа Q. Sеcretova",
    "Secretova",
    "+996-555-0000",
    "zarina.secretova@private.invalid",
    "Major Bakhyt Hiddenov of the Almaty migration police",
    "Bo",
];

/// (file, an existing text in it to append to) — one per kind of field.
const FIELDS: [(&str, &str); 14] = [
    (
        "KGZ/border-service.yaml",
        "Between 100 and 300 South Asians were detained in 2005.",
    ),
    (
        "KGZ/border-service.yaml",
        "Fixture study, §5.3, 1. Forms of entry",
    ),
    ("corridors.yaml", "Bangladesh to Kyrgyzstan"),
    ("places.yaml", "Western Europe"),
    (
        "countries/KGZ.yaml",
        "Kyrgyzstan is a transit country for migrants from South Asia.",
    ),
    (
        "taxonomy.yaml",
        "Crossing a land border away from an official checkpoint.",
    ),
    (
        "rates.yaml",
        "Fixture rate: National Bank of the Kyrgyz Republic, 2005 average",
    ),
    (
        "KGZ/migrant-interviews.yaml",
        "migrants interviewed in Kyrgyzstan by the national researcher",
    ),
    (
        "KGZ/migrant-interviews.yaml",
        "Fixture study, §5.3, interviews with migrants",
    ),
    ("KAZ/travel-agencies.yaml", "Travel agencies in Almaty"),
    ("weightings/default.yaml", "Equal weights"),
    ("region.yaml", "Poverty, long borders and weak laws"),
    (
        "region.yaml",
        "The regional roundtable (Almaty, 30 March 2006)",
    ),
    ("region.yaml", "Fixture study, §6 Conclusions"),
];

#[test]
fn check_refuses_a_confidential_identity_in_any_field_however_written() {
    let mut failures = Vec::new();
    for (file, anchor) in FIELDS {
        for variant in VARIANTS {
            let dir = tree();
            let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
            // The anchor is a whole plain scalar, or starts a double-quoted
            // one: the variant goes in as double-quoted text either way.
            let at = text
                .find(anchor)
                .unwrap_or_else(|| panic!("{file}: {anchor}"));
            let quoted = text[..at].ends_with('"');
            let after_key = text[..at].ends_with(": ") || text[..at].ends_with(", ");
            let (old, new) = if quoted {
                (anchor.to_string(), format!("{anchor} {variant}"))
            } else if after_key {
                (anchor.to_string(), format!("\"{anchor} {variant}\""))
            } else {
                // Inside a block scalar, where escapes are literal: the
                // characters themselves.
                (
                    anchor.to_string(),
                    format!("{anchor} {}", unescape(variant)),
                )
            };
            let line = 1 + text[..at].matches('\n').count();
            std::fs::write(dir.path().join(file), text.replacen(&old, &new, 1)).unwrap();
            let checked = corridor_schema::check_dir(dir.path()).unwrap();
            let errors: Vec<_> = checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .collect();
            let at_field = errors.iter().any(|d| {
                d.file.ends_with(file)
                    && d.line == line
                    && matches!(d.code, "confidential-mention" | "control-character")
            });
            let elsewhere = errors
                .iter()
                .filter(|d| !(d.file.ends_with(file) && d.line == line))
                .count();
            if !at_field || elsewhere > 0 {
                failures.push(format!("{file}:{line} with {variant:?}: {errors:#?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The variant with its `\\uXXXX` escapes made characters.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = &rest[i + 2..i + 6];
        out.push(char::from_u32(u32::from_str_radix(hex, 16).expect("hex")).expect("a char"));
        rest = &rest[i + 6..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_name_broken_over_a_line_in_a_block_is_refused() {
    let dir = tree();
    let line = edit(
        dir.path(),
        "countries/KGZ.yaml",
        "  - text: \"Kyrgyzstan is a transit country",
        "  - text: |\n      As Zarina Q.\n      Secretova wrote, Kyrgyzstan is a transit country\n    note: x\n  - text: \"Kyrgyzstan is a transit country",
    );
    let checked = corridor_schema::check_dir(dir.path()).unwrap();
    let mentions: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "confidential-mention")
        .collect();
    assert_eq!(mentions.len(), 1, "{:#?}", checked.diagnostics);
    assert!(mentions[0].line >= line, "{:?}", mentions[0]);
}

/// The needles of the tree's confidential sources, and their raw strings.
fn identities(dir: &Path) -> (Vec<Needle>, Vec<String>) {
    let (m, _) = corridor_schema::load_valid(dir).expect("the clean tree is valid");
    let mut needles = Vec::new();
    let mut raw = Vec::new();
    for (i, s) in m.sources.iter().enumerate().filter(|(_, s)| s.confidential) {
        needles.extend(needles_of(
            i,
            &s.name,
            s.contact.as_deref(),
            &s.identifying,
            &[],
        ));
        raw.push(s.name.clone());
        raw.extend(s.contact.clone());
        raw.extend(s.identifying.iter().filter(|x| x.len() > 3).cloned());
        // The internal citation, unless the public one merely extends it
        // (then it names no one either).
        let public = s.public_citation.clone().unwrap_or_default();
        raw.extend(s.citation.clone().filter(|c| !public.contains(c.as_str())));
    }
    (needles, raw)
}

fn assert_clean(what: &str, text: &str, needles: &[Needle], raw: &[String]) {
    assert!(
        find(text, needles).is_none(),
        "{what} names a confidential source"
    );
    for r in raw {
        assert!(!text.contains(r.as_str()), "{what} contains {r:?}");
    }
}

#[test]
fn no_public_output_of_any_command_names_a_confidential_source() {
    no_public_output_names(&tree(), usize::MAX);
}

#[test]
fn no_public_output_of_the_shipped_indicators_names_a_confidential_source() {
    // Every corridor's explanation of the shipped tree would take a
    // minute in a debug build; the corridors of the confidential sources
    // and the first ranked ones are enough to see every code path.
    no_public_output_names(&fixture_tree(&corridor_tests::indicators()), 8);
}

#[test]
fn a_public_run_shows_no_warning_about_a_confidential_file() {
    // A warning quotes its file's path (here built from the source's role;
    // often from a name) and its line: a public run only counts it.
    let dir = tree();
    edit(
        dir.path(),
        "KAZ/police-confidential.yaml",
        "finding: unavailable, text:",
        "finding: unavailable, strength: weak, text:",
    );
    let o = corridor()
        .arg("--indicators")
        .arg(dir.path())
        .args(["score", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr,
        "1 warning(s) in the files of confidential sources are not shown here: `corridor check` shows them\n"
    );
    // `corridor check` shows it, at its line.
    let o = corridor().arg("check").arg(dir.path()).output().unwrap();
    let all = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        all.contains("police-confidential.yaml:18:")
            && all.contains("strength is ignored for an unavailable finding"),
        "{all}"
    );
}

#[test]
fn adding_a_confidential_source_leaves_every_public_alias_unchanged() {
    let dir = tree();
    let aliases = |d: &Path| -> Vec<String> {
        let out = run_ok(
            corridor()
                .arg("--indicators")
                .arg(d)
                .args(["list", "sources", "--format", "json"]),
        );
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let before = aliases(dir.path());
    std::fs::write(
        dir.path().join("KGZ/aaa-new-confidential.yaml"),
        "id: aaa-new-confidential\nsource:\n  type: ngo_interview\n  name: Aaron Newcomer of a small NGO\n  public_name: an NGO worker\n  public_id: kgz-ngo-worker-b\n  public_citation: Interview with an NGO worker, 2005\n  confidential: true\n  identifying: [Aaron Newcomer, Newcomer]\n  reliability: C\n  citation: Interview with Aaron Newcomer, Bishkek, 2005\ncountry: KGZ\nperiod: 2005\nfindings:\n  - {id: aaa-1, corridors: [bgd-kgz], dimension: routes, finding: observed, phenomenon: smuggling, strength: weak, credibility: 3, text: The NGO heard of crossings.}\n",
    )
    .unwrap();
    let after = aliases(dir.path());
    assert_eq!(after.len(), before.len() + 1);
    for a in &before {
        assert!(after.contains(a), "{a} changed: {after:?}");
    }
    assert!(after.contains(&"kgz-ngo-worker-b".to_string()));
}

fn no_public_output_names(dir: &tempfile::TempDir, explain: usize) {
    let (needles, raw) = identities(dir.path());
    let d = dir.path().to_str().unwrap();
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["score"],
        vec!["score", "--format", "json"],
        vec!["score", "--format", "csv"],
        vec!["score", "--format", "csv-long"],
        vec!["compare", "default", "default", "--format", "json"],
        vec!["audit", "--draws", "200", "--format", "json"],
        vec!["audit", "--draws", "200", "--format", "md"],
        vec!["audit", "--draws", "200", "--format", "html"],
        vec!["audit", "--draws", "200", "--format", "csv"],
        vec![
            "audit",
            "--draws",
            "200",
            "--vary",
            "weights,grades",
            "--sobol",
            "64",
        ],
    ];
    for what in ["corridors", "movements", "sources", "findings"] {
        for format in ["table", "json", "csv"] {
            commands.push(vec!["list", what, "--format", format]);
        }
    }
    let (m, _) = corridor_schema::load_valid(dir.path()).unwrap();
    let ids: Vec<String> = m
        .corridors
        .iter()
        .map(|c| c.id.clone())
        .chain(m.movements.iter().map(|mv| mv.id.clone()).take(2))
        .collect();
    // The corridors of the confidential sources first.
    let mut ids = ids;
    ids.sort_by_key(|id| {
        !m.corridor(id).is_some_and(|c| {
            m.findings
                .iter()
                .any(|f| f.corridors.contains(&c) && m.sources[f.source].confidential)
        })
    });
    for id in ids.iter().take(explain) {
        commands.push(vec!["explain", id.as_str(), "--format", "json"]);
        commands.push(vec!["explain", id.as_str()]);
    }
    for args in &commands {
        let out = run_ok(corridor().arg("--indicators").arg(d).args(args));
        assert_clean(
            &args.join(" "),
            &String::from_utf8_lossy(&out),
            &needles,
            &raw,
        );
    }
    // Files: the report and the export, every file.
    let out = tempfile::tempdir().unwrap();
    let rep = out.path().join("rep");
    let exp = out.path().join("exp");
    run_ok(
        corridor()
            .arg("--indicators")
            .arg(d)
            .args(["report", "--out"])
            .arg(&rep),
    );
    run_ok(
        corridor()
            .arg("--indicators")
            .arg(d)
            .args(["export", "--draws", "200", "--out"])
            .arg(&exp),
    );
    for root in [&rep, &exp] {
        for entry in walk(root) {
            let bytes = std::fs::read(&entry).unwrap();
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            assert_clean(&entry.display().to_string(), &text, &needles, &raw);
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn every_internal_page_carries_the_internal_banner_the_audit_included() {
    let dir = tree();
    let out = tempfile::tempdir().unwrap();
    run_ok(
        corridor()
            .arg("--indicators")
            .arg(dir.path())
            .args(["report", "--audience", "internal", "--out"])
            .arg(out.path()),
    );
    let pages: Vec<_> = walk(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "html"))
        .collect();
    assert!(pages.iter().any(|p| p.ends_with("audit.md")));
    assert!(pages.iter().any(|p| p.ends_with("audit.html")));
    for p in pages {
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.contains("INTERNAL"),
            "{} has no internal banner",
            p.display()
        );
    }
}
