//! `corridor score`: every corridor's score, confidence and strength
//! vector under one weighting (METHOD.md §3–§5), as a table, a tidy CSV
//! or the JSON interface documented in the README.

use crate::{out, weighting};
use corridor_schema::{Period, SourceType};
use corridor_score::{ScoreReport, Weighting, WeightingSummary, score};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor score`.
#[derive(clap::Args)]
pub struct Args {
    /// Weighting file, or a name under <indicators>/weightings/
    /// [default: <indicators>/weightings/default.yaml].
    #[arg(long, value_name = "FILE")]
    weighting: Option<PathBuf>,
    /// Only findings whose period overlaps this one, e.g. 2004..2005-06.
    #[arg(long, value_name = "A..B", value_parser = weighting::parse_period)]
    period: Option<Period>,
    /// Only corridors that start in, pass through or end in this country
    /// (ISO3) or region; ranks are then within the corridors kept.
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    /// Only the N best-ranked corridors.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Output formats of the scoring commands.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// A tidy long table: one row per corridor and type.
    Csv,
    /// The JSON interface (see README).
    Json,
}

/// Runs the command.
pub fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let model = out::load_model(indicators)?;
    let w = weighting::load_for(indicators, args.weighting.as_deref())?;
    let filter = weighting::filter(&model, args.period, args.country.as_deref())?;
    let mut report = score(&model, &w, &filter);
    if let Some(n) = args.top {
        report.corridors.truncate(n);
    }
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Csv => csv(&report, &w),
        Format::Table => table(&report),
    };
    match &args.output {
        Some(path) => out::write_atomic(path, text.as_bytes())?,
        None => out::print_stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `name (method[, CR x]), θ = t`.
pub fn describe(w: &WeightingSummary) -> String {
    let cr = w
        .consistency_ratio
        .map(|cr| format!(", CR {}", out::num(cr)))
        .unwrap_or_default();
    format!(
        "{} ({}{cr}), θ = {}",
        w.name,
        w.method.key(),
        out::num(w.theta)
    )
}

/// What the filter kept, for table headers.
pub fn describe_filter(r: &corridor_score::FilterSummary) -> String {
    let mut s = format!("period {}", r.period.as_deref().unwrap_or("all"));
    if let Some(c) = &r.country {
        let _ = write!(s, ", corridors touching {c}");
    }
    s
}

fn table(r: &ScoreReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "weighting: {}", describe(&r.weighting));
    let _ = writeln!(
        s,
        "{}; {} corridor(s) shown",
        describe_filter(&r.filter),
        r.corridors.len()
    );
    let idw = r
        .corridors
        .iter()
        .map(|c| c.id.chars().count())
        .chain(["corridor".len()])
        .max()
        .unwrap_or(8);
    let _ = writeln!(
        s,
        "{:>4}  {:<idw$}  {:>8}  {:<13}  {:>6}  {:<11}  label",
        "rank", "corridor", "score", "confidence", "groups", "vector"
    );
    for c in &r.corridors {
        let bars: String = SourceType::ALL
            .iter()
            .map(|t| out::glyph(c.vector.get(*t)))
            .collect();
        let _ = writeln!(
            s,
            "{:>4}  {:<idw$}  {:>8.4}  {:<13}  {:>6}  {bars}  {}",
            c.rank,
            c.id,
            c.score,
            c.confidence.key(),
            c.groups,
            c.label
        );
    }
    let _ = writeln!(s, "\n{}", out::glyph_legend());
    s
}

fn csv(r: &ScoreReport, w: &Weighting) -> String {
    let mut s = String::from("corridor,type,P,N,v,w,w_v\n");
    for c in &r.corridors {
        for t in SourceType::ALL {
            let (p, n, v, wt) = (
                c.support.get(*t),
                c.counter.get(*t),
                c.vector.get(*t),
                w.weights[t.index()],
            );
            let _ = writeln!(s, "{},{},{p},{n},{v},{wt},{}", c.id, t.key(), wt * v);
        }
    }
    s
}
