//! `corridor list corridors|movements|sources|findings`: browse the checked
//! model. Confidential sources show their public name unless `--internal`.
//! `--format csv|json` gives the export's tables (every field, lists as
//! JSON arrays or `;`-joined), restricted to the rows the filters keep.

use crate::out::load_model;
use corridor_report::export;
use corridor_schema::{Model, Published, SourceType};
use serde_json::{Value, json};
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `corridor list`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// What to list.
    #[arg(value_enum)]
    what: What,
    /// Only what concerns this corridor.
    #[arg(long)]
    corridor: Option<String>,
    /// Only sources or findings of this source type.
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// Only what concerns this country (ISO3): corridors touching it,
    /// sources reporting from it, findings of those sources.
    #[arg(long)]
    country: Option<String>,
    /// Show confidential sources' real names (never paste this output publicly).
    #[arg(long)]
    internal: bool,
    /// The weighting whose σ, ρ and κ give the findings' a(e) (csv and
    /// json), a path or a name under <indicators>/weightings/
    /// [default: <indicators>/weightings/default.yaml].
    #[arg(long, value_name = "FILE")]
    weighting: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    Corridors,
    /// The declared movements and their corridors.
    Movements,
    Sources,
    Findings,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Aligned columns, a few fields each.
    Table,
    /// Every field, one object per row, lists as arrays.
    Json,
    /// Every field, lists `;`-joined (the export's CSV).
    Csv,
}

/// Runs the listing.
pub(crate) fn run(dir: &Path, a: Args) -> anyhow::Result<ExitCode> {
    let kind = match &a.kind {
        Some(k) => Some(SourceType::from_key(k).ok_or_else(|| {
            let keys = SourceType::ALL.iter().map(|t| t.key());
            match corridor_schema::diag::did_you_mean(k, keys) {
                Some(s) => anyhow::anyhow!("unknown source type '{k}': did you mean '{s}'?"),
                None => anyhow::anyhow!(
                    "unknown source type '{k}': choose one of {}",
                    SourceType::keys()
                ),
            }
        })?),
        None => None,
    };
    let checked = load_model(dir)?;
    if a.internal {
        crate::guard::lift();
    }
    let corridor = match &a.corridor {
        Some(id) => Some(checked.corridor(id).ok_or_else(|| {
            anyhow::anyhow!("unknown corridor '{id}': `corridor list corridors` shows the ids")
        })?),
        None => None,
    };
    // Outside --internal, the listing reads the public view, as a public
    // report does: public names, aliases and citations, no contact.
    let audience = super::audience(a.internal);
    let published = Published::new(&checked, audience);
    let m = published.model();
    if !matches!(a.format, Format::Table) {
        let table = match a.what {
            What::Corridors => export::corridors(&published, &corridor_rows(m, &a, corridor)),
            What::Movements => export::movements(&published, &movement_rows(m, &a, corridor)),
            What::Sources => export::sources(&published, &source_rows(m, &a, kind, corridor)),
            What::Findings => {
                let w = crate::weighting::load_for(dir, a.weighting.as_deref(), &checked)?;
                // The roles are the method's, computed on the checked model.
                let scored = corridor_score::Scored::with_roles(&checked, &w, &Default::default());
                let only = finding_rows(m, &a, kind, corridor);
                export::findings(&published, &only, scored.roles().unwrap_or_default())
            }
        };
        let text = match a.format {
            Format::Csv => table.csv(),
            _ => format!("{}\n", serde_json::to_string_pretty(&table.json_rows())?),
        };
        crate::out::print_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = match a.what {
        What::Corridors => corridors(m, &a, corridor),
        What::Movements => movements(m, &a, corridor),
        What::Sources => sources(m, &a, kind, corridor),
        What::Findings => findings(m, &a, kind, corridor),
    };
    crate::out::print_stdout(&table(&rows))?;
    Ok(ExitCode::SUCCESS)
}

/// The corridors `list corridors` keeps (indices).
fn corridor_rows(m: &Model, a: &Args, only: Option<usize>) -> Vec<usize> {
    (0..m.corridors.len())
        .filter(|&i| {
            only.is_none_or(|o| o == i)
                && a.country
                    .as_deref()
                    .is_none_or(|k| m.corridors[i].touches(k))
        })
        .collect()
}

/// The movements `list movements` keeps (indices).
fn movement_rows(m: &Model, a: &Args, only: Option<usize>) -> Vec<usize> {
    (0..m.movements.len())
        .filter(|&i| {
            let mv = &m.movements[i];
            only.is_none_or(|o| mv.corridors.contains(&o))
                && a.country
                    .as_deref()
                    .is_none_or(|k| mv.corridors.iter().any(|&c| m.corridors[c].touches(k)))
        })
        .collect()
}

/// The sources `list sources` keeps (indices).
fn source_rows(
    m: &Model,
    a: &Args,
    kind: Option<SourceType>,
    corridor: Option<usize>,
) -> Vec<usize> {
    (0..m.sources.len())
        .filter(|&i| {
            let s = &m.sources[i];
            kind.is_none_or(|k| s.kind == k)
                && a.country.as_deref().is_none_or(|c| s.country == c)
                && corridor.is_none_or(|c| {
                    m.findings
                        .iter()
                        .any(|f| f.source == i && f.corridors.contains(&c))
                })
        })
        .collect()
}

/// The findings `list findings` keeps (indices).
fn finding_rows(
    m: &Model,
    a: &Args,
    kind: Option<SourceType>,
    corridor: Option<usize>,
) -> Vec<usize> {
    (0..m.findings.len())
        .filter(|&i| {
            let f = &m.findings[i];
            kind.is_none_or(|k| f.kind == k)
                && corridor.is_none_or(|c| f.corridors.contains(&c))
                && a.country
                    .as_deref()
                    .is_none_or(|c| m.source_of(f).country == c)
        })
        .collect()
}

fn corridors(m: &Model, a: &Args, only: Option<usize>) -> Vec<Value> {
    m.corridors
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            only.is_none_or(|o| o == *i) && a.country.as_deref().is_none_or(|k| c.touches(k))
        })
        .map(|(i, c)| {
            let n = m
                .findings
                .iter()
                .filter(|f| f.corridors.contains(&i))
                .count();
            let ms: Vec<&str> = m
                .movements
                .iter()
                .filter(|mv| mv.corridors.contains(&i))
                .map(|mv| mv.id.as_str())
                .collect();
            json!({"id": c.id, "route": route(c), "findings": n, "movements": ms.join(", "), "label": c.label})
        })
        .collect()
}

/// The movements, each with its corridors (those touching `--country`, or
/// holding `--corridor`, when given).
fn movements(m: &Model, a: &Args, only: Option<usize>) -> Vec<Value> {
    m.movements
        .iter()
        .filter(|mv| {
            only.is_none_or(|o| mv.corridors.contains(&o))
                && a.country
                    .as_deref()
                    .is_none_or(|k| mv.corridors.iter().any(|&c| m.corridors[c].touches(k)))
        })
        .map(|mv| {
            let ids: Vec<&str> = mv
                .corridors
                .iter()
                .map(|&c| m.corridors[c].id.as_str())
                .collect();
            json!({"id": mv.id, "corridors": ids.join(", "), "label": mv.label})
        })
        .collect()
}

fn route(c: &corridor_schema::Corridor) -> String {
    std::iter::once(&c.origin)
        .chain(&c.via)
        .chain(std::iter::once(&c.destination))
        .cloned()
        .collect::<Vec<_>>()
        .join(" > ")
}

fn sources(m: &Model, a: &Args, kind: Option<SourceType>, corridor: Option<usize>) -> Vec<Value> {
    m.sources
        .iter()
        .enumerate()
        .filter(|(_, s)| kind.is_none_or(|k| s.kind == k) && a.country.as_deref().is_none_or(|c| s.country == c))
        .filter_map(|(i, s)| {
            let n = m.findings.iter().filter(|f| f.source == i && corridor.is_none_or(|c| f.corridors.contains(&c))).count();
            (corridor.is_none() || n > 0).then(|| {
                json!({"id": s.id, "type": s.kind.key(), "grade": s.reliability.key(), "country": s.country,
                       "findings": n, "name": s.name})
            })
        })
        .collect()
}

fn findings(m: &Model, a: &Args, kind: Option<SourceType>, corridor: Option<usize>) -> Vec<Value> {
    m.findings
        .iter()
        .filter(|f| kind.is_none_or(|k| f.kind == k) && corridor.is_none_or(|c| f.corridors.contains(&c)))
        .filter(|f| a.country.as_deref().is_none_or(|c| m.source_of(f).country == c))
        .map(|f| {
            let grade = corridor_schema::vocab::grade(f.reliability, f.credibility);
            let ids: Vec<&str> = f.corridors.iter().map(|&c| m.corridors[c].id.as_str()).collect();
            json!({"id": f.id, "type": f.kind.key(), "finding": f.finding.key(), "dimension": f.dimension.key(),
                   "grade": grade, "corridors": ids.join(","), "text": f.text})
        })
        .collect()
}

/// Rows as aligned columns; the last column is left unpadded.
fn table(rows: &[Value]) -> String {
    let Some(first) = rows.first().and_then(Value::as_object) else {
        return "(nothing matches)\n".into();
    };
    let keys: Vec<&String> = first.keys().collect();
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let widths: Vec<usize> = keys
        .iter()
        .map(|k| {
            rows.iter()
                .map(|r| cell(&r[k.as_str()]).chars().count())
                .max()
                .unwrap_or(0)
                .max(k.len())
        })
        .collect();
    let line = |cells: Vec<String>| {
        let last = cells.len() - 1;
        let parts: Vec<String> = cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c
                } else {
                    format!("{c:<w$}", w = widths[i])
                }
            })
            .collect();
        parts.join("  ") + "\n"
    };
    let mut out = line(keys.iter().map(|k| k.to_string()).collect());
    for r in rows {
        out += &line(keys.iter().map(|k| cell(&r[k.as_str()])).collect());
    }
    out + &format!("({} rows)\n", rows.len())
}
