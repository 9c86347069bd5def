//! `corridor synth`: a seeded generator of valid synthetic indicator trees,
//! for benchmarks and load tests. The same seed and sizes give the same
//! bytes on any machine (ChaCha8 is portable; no hash-map order is used).

use crate::write::Stage;
use anyhow::{Context, bail};
// The vocabularies come from the schema crate, so synthetic files can never
// drift from what `check` accepts.
use corridor_schema::{Dimension, Phenomenon, SourceType, Strength};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `corridor synth`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Number of corridors.
    #[arg(long, default_value_t = 2000)]
    corridors: usize,
    /// Number of indicator files (sources).
    #[arg(long, default_value_t = 5000)]
    files: usize,
    /// Total number of findings, spread evenly over the files.
    #[arg(long, default_value_t = 100_000)]
    findings: usize,
    /// Number of countries with a country file (at most 20).
    #[arg(long, default_value_t = 20)]
    countries: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output directory (created; must be new or empty).
    #[arg(long)]
    out: PathBuf,
}

/// The countries synthetic corridors run between.
const COUNTRIES: [&str; 20] = [
    "KAZ", "KGZ", "TJK", "UZB", "TKM", "RUS", "BGD", "PAK", "IND", "AFG", "CHN", "IRN", "IRQ",
    "LKA", "NPL", "TUR", "BLR", "POL", "UKR", "AZE",
];
/// The largest sizes accepted: each keeps its file under 10 MiB.
const MAX_CORRIDORS: usize = 50_000;
const MAX_FILES: usize = 200_000;
const MAX_FINDINGS_PER_FILE: usize = 20_000;
const MAX_FINDINGS: usize = 5_000_000;
const TAGS: [&str; 4] = ["green_border", "bribery", "forged_passport", "small_groups"];

/// Writes the tree.
pub(crate) fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.corridors == 0 || a.files == 0 || a.findings < a.files {
        bail!("need at least one corridor, one file, and at least one finding per file");
    }
    if a.countries == 0 || a.countries > COUNTRIES.len() {
        bail!("--countries must be between 1 and {}", COUNTRIES.len());
    }
    // Sizes whose files `check` would refuse (10 MiB per file) are refused
    // before anything is written.
    let per_file = a.findings.div_ceil(a.files);
    if a.corridors > MAX_CORRIDORS
        || a.files > MAX_FILES
        || a.findings > MAX_FINDINGS
        || per_file > MAX_FINDINGS_PER_FILE
    {
        bail!(
            "too large: at most {MAX_CORRIDORS} corridors, {MAX_FILES} files, \
             {MAX_FINDINGS} findings and {MAX_FINDINGS_PER_FILE} findings per file \
             (got {}, {}, {} and {per_file}), \
             so that every file stays under check's 10 MiB limit",
            a.corridors,
            a.files,
            a.findings
        );
    }
    // Never write into a folder that holds anything: the tree is staged
    // beside it and moved in whole at the end.
    match std::fs::read_dir(&a.out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{} is not empty: choose a new or empty folder",
                    a.out.display()
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot use {} as the output folder", a.out.display()));
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(a.seed);
    let stage = std::cell::RefCell::new(Stage::new(&a.out, false)?);
    let write = |rel: &str, text: &str| {
        stage
            .borrow_mut()
            .write(rel, text.as_bytes())
            .with_context(|| format!("cannot write {rel}"))
    };

    let mut corridors = String::from("corridors:\n");
    let mut ids = Vec::with_capacity(a.corridors);
    for i in 0..a.corridors {
        let o = rng.random_range(0..COUNTRIES.len());
        let mut d = rng.random_range(0..COUNTRIES.len() - 1);
        if d >= o {
            d += 1;
        }
        let via = COUNTRIES[rng.random_range(0..a.countries)];
        let id = format!(
            "c{i:05}-{}-{}",
            COUNTRIES[o].to_lowercase(),
            COUNTRIES[d].to_lowercase()
        );
        let _ = writeln!(
            corridors,
            "  - {{id: {id}, origin: {}, via: [{via}], destination: {}, label: \"Synthetic corridor {i}\"}}",
            COUNTRIES[o], COUNTRIES[d]
        );
        ids.push(id);
    }
    // Movements: about one per ten corridors, each joining two to five.
    if a.corridors >= 2 {
        corridors.push_str("movements:\n");
        for m in 0..(a.corridors / 10).max(1) {
            let k = rng.random_range(2..=5usize.min(a.corridors));
            let mut members: Vec<usize> = Vec::with_capacity(k);
            while members.len() < k {
                let c = rng.random_range(0..a.corridors);
                if !members.contains(&c) {
                    members.push(c);
                }
            }
            members.sort_unstable();
            let list: Vec<&str> = members.iter().map(|&c| ids[c].as_str()).collect();
            let _ = writeln!(
                corridors,
                "  - {{id: m{m:05}, label: \"Synthetic movement {m}\", corridors: [{}]}}",
                list.join(", ")
            );
        }
    }
    write("corridors.yaml", &corridors)?;
    write(
        "places.yaml",
        "regions: []\nplaces:\n  - {id: synth-city, name: Synth City, country: KAZ, kind: city}\n",
    )?;
    let mut tax = String::from("tags:\n");
    for t in TAGS {
        let _ = writeln!(
            tax,
            "  - {{id: {t}, label: {t}, description: synthetic tag}}"
        );
    }
    tax.push_str(
        "units:\n  - {id: persons, label: persons, singular: person, description: People.}\n",
    );
    write("taxonomy.yaml", &tax)?;
    write(
        "rates.yaml",
        "rates:\n  - {currency: KZT, per_usd: 132.9, date: \"2005\", citation: synthetic}\n",
    )?;
    write(
        "weightings/default.yaml",
        &format!(
            "name: default\ndescription: Equal weights over the eleven source types.\nmethod: direct\nweights: {{{}}}\n",
            SourceType::ALL
                .iter()
                .map(|t| format!("{t}: 1"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )?;
    for c in &COUNTRIES[..a.countries] {
        let text = format!(
            "country: {c}\nname: Synthetic {c}\ncontext:\n  - {{text: Synthetic context paragraph., citation: synthetic}}\nrecommendations:\n  - {{text: Synthetic recommendation., citation: synthetic}}\n"
        );
        write(&format!("countries/{c}.yaml"), &text)?;
    }

    // Ids of findings already written, so that some findings repeat one.
    let mut written: Vec<String> = Vec::with_capacity(a.findings);
    let per_file = a.findings / a.files;
    let extra = a.findings % a.files;
    for fi in 0..a.files {
        let n = per_file + usize::from(fi < extra);
        let country = COUNTRIES[rng.random_range(0..a.countries)];
        let kind = SourceType::ALL[rng.random_range(0..SourceType::ALL.len())];
        let rel = (b'A' + rng.random_range(0..6u8)) as char;
        let mut s = format!(
            "id: s{fi:05}\nsource:\n  type: {kind}\n  name: Synthetic source {fi}\n  reliability: {rel}\n  citation: \"synthetic, file {fi}\"\ncountry: {country}\nperiod: \"{}\"\nfindings:\n",
            2000 + rng.random_range(0..25)
        );
        for _ in 0..n {
            let c = &ids[rng.random_range(0..ids.len())];
            let dim = Dimension::ALL[rng.random_range(0..Dimension::ALL.len())];
            let roll = rng.random_range(0..20);
            let finding = match roll {
                0 => "unavailable",
                1 => "withheld",
                2..=4 => "not_observed",
                _ => "observed",
            };
            let _ = write!(
                s,
                "  - corridors: [{c}]\n    dimension: {dim}\n    finding: {finding}\n"
            );
            if roll >= 2 {
                // Mostly smuggling, as in the study's files.
                let phenomenon = match rng.random_range(0..20) {
                    0..=11 => Phenomenon::Smuggling,
                    12..=15 => Phenomenon::IrregularMigration,
                    16 => Phenomenon::Trafficking,
                    17..=18 => Phenomenon::RegularMovement,
                    _ => Phenomenon::Context,
                };
                let _ = writeln!(s, "    phenomenon: {phenomenon}");
                // One finding in fifty repeats one written before.
                if !written.is_empty() && rng.random_range(0..50) == 0 {
                    let j = rng.random_range(0..written.len());
                    let _ = writeln!(s, "    repeats: [\"{}\"]", written[j]);
                }
                let _ = write!(
                    s,
                    "    strength: {}\n    credibility: {}\n",
                    Strength::ALL[rng.random_range(0..3)],
                    rng.random_range(1..=6)
                );
            }
            s.push_str("    text: A synthetic finding about this corridor.\n");
            match dim {
                Dimension::Magnitude => {
                    let _ = writeln!(
                        s,
                        "    quantity: {{value: {}, unit: persons, per: year}}",
                        rng.random_range(1..5000)
                    );
                }
                Dimension::Fees => {
                    let lo = rng.random_range(100..3000);
                    let _ = writeln!(
                        s,
                        "    fee: {{min: {lo}, max: {}, currency: USD, covers: total_trip}}",
                        lo + rng.random_range(0..5000)
                    );
                }
                Dimension::Organization => {
                    let _ = writeln!(s, "    tags: [{}]", TAGS[rng.random_range(0..TAGS.len())]);
                }
                _ => {}
            }
        }
        written.extend((1..=n).map(|k| format!("s{fi:05}#{k}")));
        write(&format!("{country}/s{fi:05}.yaml"), &s)?;
    }
    stage.into_inner().commit()?;
    crate::out::print_stdout(&format!(
        "wrote {} corridors, {} files, {} findings, {} countries to {}\n",
        a.corridors,
        a.files,
        a.findings,
        a.countries,
        a.out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
