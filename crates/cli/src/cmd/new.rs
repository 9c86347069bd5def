//! `corridor new`: writes a commented skeleton indicator file. The skeleton
//! deliberately fails `check` until its placeholders are filled in, so an
//! unfinished file can never slip into the scores.

use crate::out::write_atomic;
use anyhow::bail;
use corridor_schema::{SourceType, codes, validate::is_slug};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor new`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Source type (one of the eleven keys of METHOD.md §1).
    #[arg(long = "type", value_name = "TYPE")]
    kind: String,
    /// Reporting country, ISO3.
    #[arg(long)]
    country: String,
    /// File id: a lowercase slug, unique across all files.
    #[arg(long)]
    id: String,
    /// Where to write (default: <indicators>/<COUNTRY>/<id>.yaml).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Writes the skeleton; refuses to overwrite an existing file.
pub(crate) fn run(dir: &Path, a: Args) -> anyhow::Result<ExitCode> {
    let Some(kind) = SourceType::from_key(&a.kind) else {
        bail!(
            "unknown source type '{}': choose one of {}",
            a.kind,
            SourceType::keys()
        );
    };
    if !codes::is_country(&a.country) {
        bail!(
            "'{}' is not an ISO 3166-1 alpha-3 country code (e.g. KAZ, KGZ, TJK)",
            a.country
        );
    }
    if !is_slug(&a.id) {
        bail!(
            "id '{}' is not a lowercase slug: use lowercase letters, digits and '-'",
            a.id
        );
    }
    if let Some(other) = file_with_id(dir, &a.id) {
        bail!(
            "id '{}' is already used by {}: choose another id (file ids are unique in the tree)",
            a.id,
            other.display()
        );
    }
    let path = a
        .out
        .unwrap_or_else(|| dir.join(&a.country).join(format!("{}.yaml", a.id)));
    if path.exists() {
        bail!(
            "{} already exists: choose another id or --out",
            path.display()
        );
    }
    write_atomic(&path, skeleton(kind, &a.country, &a.id).as_bytes())?;
    crate::out::print_stdout(&format!(
        "wrote {}: fill in the <...> placeholders, then run `corridor check`\n",
        path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The indicator file of the tree at `dir` whose `id:` is `id`, if any
/// (a tree that cannot be read has none; `check` says why).
fn file_with_id(dir: &Path, id: &str) -> Option<PathBuf> {
    use corridor_schema::load;
    let found = load::discover(dir).ok()?;
    found.indicators.into_iter().find(|p| {
        let shown = p.display().to_string();
        load::read_guarded(p, &shown)
            .ok()
            .and_then(|text| load::parse_value(&text, &shown).ok())
            .is_some_and(|v| v.get("id").and_then(|i| i.as_str()) == Some(id))
    })
}

/// The skeleton text. Every `<...>` placeholder is a value `check` refuses.
pub(crate) fn skeleton(kind: SourceType, country: &str, id: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema=../../reports/schema/indicator.schema.json
# One source and what it found. `corridor schema` prints the full schema;
# METHOD.md §1-2 defines the vocabulary, the phenomena and the grades.
id: {id}
source:
  type: {kind}                # {label}
  name: <who or what the evidence comes from>
  # confidential: true       # then public_name, public_id, public_citation and identifying are required
  # identifying: [<the person's name>, <surname>]   # words no other text may hold; [] when the name names no one
  # public_name: <a description that names no one>
  # public_id: <a stable lowercase alias, e.g. kgz-border-official-a>
  # public_citation: <a citation that names no one; `citation` stays internal>
  reliability: <A-F>          # Admiralty: A completely reliable ... E unreliable, F cannot be judged
  grading_note: <one line justifying the reliability letter>
  citation: <publication, section, page, footnote or table>
  # contact: <how to reach the source; internal reports only>
country: {country}                  # reporting country, ISO 3166-1 alpha-3
period: <2005 | 2005-H1 | 2005-Q2 | 2005-04 | 2004..2005-06>
# collected: 2005-Q2
findings:
  - corridors: []             # ids from corridors.yaml (`corridor list corridors`)
    dimension: <magnitude | routes | organization | fees | profile>
    finding: <observed | not_observed | unavailable | withheld>
    phenomenon: <smuggling | irregular_migration | trafficking | regular_movement | context>   # for observed and not_observed (METHOD.md §1)
    # trend: <increasing | stable | decreasing>   # observed only; changes no number
    # repeats: [<id of a finding reporting the same fact from the same record>]
    strength: <weak | moderate | strong>   # for observed and not_observed
    credibility: <1-6>        # 1 confirmed ... 5 improbable, 6 cannot be judged
    text: <one or two sentences in your own words>
    # grading_note: <one line justifying strength and credibility>
    # citation: <overrides the source's citation>
    # period: <overrides the file's period>
    # quantity: {{value: 120, unit: persons, per: year, of: <what was counted>, location: {country}}}
    #   unit: an id from taxonomy.yaml `units:`; per: year | month | week | day | period (the whole period) | point (a stock or a one-off: never a rate)
    # quantity: {{percent: 34, n: 120, unit: persons, of: <what the share is of>}}   # a share (0-100) of n; no `per`
    # fee: {{min: 3000, max: 10000, currency: USD, covers: total_trip}}
    # route: [{{to: dhaka}}, {{to: delhi, mode: rail}}, {{to: bishkek, mode: air}}]
    # tags: [green_border]    # ids from taxonomy.yaml
    # profile: {{sex: male, age_min: 20, age_max: 35, education: primary, origin: BGD}}
"#,
        kind = kind.key(),
        label = kind.label(),
    )
}
